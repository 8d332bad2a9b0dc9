"""Dates as a reader says them, the AP way: "Oct. 23", "October 2015", "2011 – Nov. 12, 2015", "About Oct. 23";
the header of an axis segment and the words for a break in the axis ("3 years 9 months later").
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from timeline.tagger.calendar_math import season_of

if TYPE_CHECKING:
    from timeline.render.items import Item

MONTHS_AP = {1: "Jan.", 2: "Feb.", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July", 8: "Aug.",
             9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Fall", "AU": "Fall", "WI": "Winter"}
ORDINAL_WORDS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth"}
MOD_PREFIX = {"APPROX": "About ", "START": "Early ", "MID": "Mid-", "END": "Late ", "BEFORE": "Before ",
              "AFTER": "After ", "ON_OR_BEFORE": "By ", "ON_OR_AFTER": "From "}
_LOWER_AFTER_PREFIX = {"Week", "First", "Second", "Third", "Fourth", "Spring", "Summer", "Fall", "Winter"}


def _day(d: dt.date, with_year: bool) -> str:
    s = f"{MONTHS_AP[d.month]} {d.day}"
    return f"{s}, {d.year}" if with_year else s


def _year(y: int) -> str:
    return str(y) if y > 0 else f"{1 - y} BC"


def format_date(d: dt.date, precision: str, *, with_year: bool = True, timex_value: str = "") -> str:
    """One end of an event as a reader says it: ``Oct. 23``, ``October 2015``, ``2011``, ``Summer 2015``."""
    if precision == "time":
        m = re.search(r"T(\d\d):(\d\d)", timex_value or "")
        if m:
            h, mnt = int(m.group(1)), int(m.group(2))
            clock = f"{(h % 12) or 12}{f':{mnt:02d}' if mnt else ''} {'a.m.' if h < 12 else 'p.m.'}"
            return f"{_day(d, with_year)}, {clock}"
    if precision in ("day", "time", ""):
        return _day(d, with_year)
    if precision == "week":
        return "Week of " + _day(d, with_year)
    if precision == "month":
        return f"{calendar.month_name[d.month]} {_year(d.year)}"
    if precision == "season":
        m = re.search(r"-(SP|SU|FA|AU|WI)\b", timex_value or "")
        code = m.group(1) if m else season_of(d)
        return f"{SEASONS[code]} {_year(d.year)}"
    if precision == "quarter":
        return f"{ORDINAL_WORDS[(d.month - 1) // 3 + 1]} quarter of {_year(d.year)}"
    if precision == "half":
        return f"{ORDINAL_WORDS[1 if d.month <= 6 else 2]} half of {_year(d.year)}"
    if precision == "decade":
        return f"{d.year - d.year % 10}s"
    if precision == "century":
        c = (d.year - 1) // 100 + 1 if d.year % 100 else d.year // 100 + 1
        suffix = "th" if 10 <= c % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(c % 10, "th")
        return f"{c}{suffix} century"
    return _year(d.year)


def reader_date(it: Item, *, with_year: bool = True) -> str:
    """The label's date line: the start (and end, for an interval) with the modifier in words."""
    if it.open_start:
        text = "Until " + format_date(it.end, it.end_precision or "day", with_year=with_year)
    elif it.kind == "interval":
        text = _interval(it, with_year)
    else:
        text = format_date(it.start, it.precision, with_year=with_year, timex_value=it.timex_value)
    prefix = "" if it.open_start else MOD_PREFIX.get(it.mod, "")
    if not prefix and it.approximate and not it.open_start:
        prefix = "About "
    if prefix and text.split(" ")[0] in _LOWER_AFTER_PREFIX:
        text = text[:1].lower() + text[1:]
    if prefix:
        text = prefix + text
    return text


def _interval(it: Item, with_year: bool) -> str:
    """``2011 – Nov. 12, 2015``; within one year the year is said once (``Oct. 5 – 20, 2015``, ``October – Nov.
    12``), and not at all when the axis segment already names it."""
    start_p, end_p = it.precision, it.end_precision or "day"
    if it.start.year != it.end.year or start_p not in ("day", "month") or end_p != "day":
        return (format_date(it.start, start_p, timex_value=it.timex_value) + " – "
                + format_date(it.end, end_p))
    year = f", {_year(it.end.year)}" if with_year else ""
    if start_p == "month":
        return f"{calendar.month_name[it.start.month]} – {_day(it.end, False)}{year}"
    if it.start.month == it.end.month:
        return f"{_day(it.start, False)} – {it.end.day}{year}"
    return f"{_day(it.start, False)} – {_day(it.end, False)}{year}"


def span_label(first: dt.date, last: dt.date) -> str:
    """The header of an axis segment: ``2011``, ``October 2015``, ``Oct. – Nov. 2015``, ``1911 – 2011``."""
    if first == last:
        return _day(first, True)
    if first.year != last.year:
        return f"{_year(first.year)} – {_year(last.year)}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) or last.month - first.month >= 6:
        return _year(first.year)
    if first.month == last.month:
        return f"{calendar.month_name[first.month]} {_year(first.year)}"
    return f"{MONTHS_AP[first.month]} – {MONTHS_AP[last.month]} {_year(first.year)}"


def gap_words(before: dt.date, after: dt.date) -> str:
    """How much time a break in the axis cuts out, in words: ``3 years 9 months later``."""
    days = (after - before).days
    if days < 62:
        return f"{days} days later"
    months = (after.year - before.year) * 12 + after.month - before.month - (after.day < before.day)
    if months < 24:
        return f"{months} months later"
    years, months = divmod(months, 12)
    if years >= 10 or not months:
        return f"{'about ' if months else ''}{years} years later".capitalize()
    return f"{years} years {months} month{'s' * (months != 1)} later"
