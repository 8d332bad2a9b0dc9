"""Dates as a reader says them, the AP way: "Oct. 23", "October 2015", "2011 – Nov. 12, 2015", "About Oct. 23";
the header of an axis segment and the words for a break in the axis ("3 years 9 months later"). The words are
the language's (:mod:`timeline.lang.words`); ``words`` defaults to English.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from timeline.lang.words import Words, load

if TYPE_CHECKING:
    from timeline.render.items import Item


def format_date(d: dt.date, precision: str, *, with_year: bool = True, timex_value: str = "",
                words: Words | None = None) -> str:
    """One end of an event as a reader says it: ``Oct. 23``, ``October 2015``, ``2011``, ``Summer 2015``."""
    words = words or load()
    season = re.search(r"-(SP|SU|FA|AU|WI)\b", timex_value or "") if precision == "season" else None
    clock = re.search(r"T(\d\d):(\d\d)", timex_value or "") if precision == "time" else None
    return words.date(d, precision, with_year=with_year, season=season.group(1) if season else None,
                      clock=(int(clock.group(1)), int(clock.group(2))) if clock else None)


def reader_date(it: Item, *, with_year: bool = True, words: Words | None = None) -> str:
    """The label's date line: the start (and end, for an interval) with the modifier in words."""
    words = words or load()
    if it.open_start:
        return words.text("until", date=format_date(it.end, it.end_precision or "day", with_year=with_year,
                                                    words=words))
    if it.kind == "interval":
        text = _interval(it, with_year, words)
    else:
        text = format_date(it.start, it.precision, with_year=with_year, timex_value=it.timex_value, words=words)
    mod = f"mod.{it.mod}" if words.has(f"mod.{it.mod}") else "mod.APPROX" if it.approximate else None
    if mod is None:
        return text
    if text.split(" ")[0] in words.lowered:
        text = text[:1].lower() + text[1:]
    return words.text(mod, date=text)


def _interval(it: Item, with_year: bool, words: Words) -> str:
    """``2011 – Nov. 12, 2015``; within one year the year is said once (``Oct. 5 – 20, 2015``, ``October – Nov.
    12``), and not at all when the axis segment already names it."""
    start_p, end_p = it.precision, it.end_precision or "day"
    if it.start.year != it.end.year or start_p not in ("day", "month") or end_p != "day":
        return words.text("range", start=format_date(it.start, start_p, timex_value=it.timex_value, words=words),
                          end=format_date(it.end, end_p, words=words))
    if start_p == "month":
        said = words.text("range", start=words.month(it.start.month), end=words.day(it.end, False))
    elif it.start.month == it.end.month:
        said = words.text("range", start=words.day(it.start, False), end=it.end.day)
    else:
        said = words.text("range", start=words.day(it.start, False), end=words.day(it.end, False))
    return words.text("range_year", range=said, year=it.end.year) if with_year else said


def span_label(first: dt.date, last: dt.date, words: Words | None = None) -> str:
    """The header of an axis segment: ``2011``, ``October 2015``, ``Oct. – Nov. 2015``, ``1911 – 2011``."""
    words = words or load()
    if first == last:
        return words.day(first)
    if first.year != last.year:
        return words.text("range", start=first.year, end=last.year)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) or last.month - first.month >= 6:
        return words.text("date.year", year=first.year)
    if first.month == last.month:
        return words.date(first, "month")
    months = words.text("range", start=words.get(f"month_short.{first.month}"),
                        end=words.get(f"month_short.{last.month}"))
    return words.text("date.month", month=months, year=first.year)


def gap_words(before: dt.date, after: dt.date, words: Words | None = None) -> str:
    """How much time a break in the axis cuts out, in words: ``3 years 9 months later``."""
    words = words or load()
    days = (after - before).days
    if days < 62:
        return words.text("gap.days", n=days)
    months = (after.year - before.year) * 12 + after.month - before.month - (after.day < before.day)
    if months < 24:
        return words.text("gap.months", n=months)
    years, months = divmod(months, 12)
    if years >= 10 or not months:
        return words.text("gap.about_years" if months else "gap.years", years=years)
    return words.text("gap.years_months", count=months, years=years, months=months)
