"""Resolution: turn partial values into TIMEX3 values. The only code that knows the anchor.

News mode (a DCT is given): deictic expressions ("yesterday", "last week") count from the DCT; anaphoric ones
("the day before", "two days later", "that quarter") from the most recent date in the text, falling back to the
DCT; an underspecified date (a bare weekday, month, or "Oct. 23") takes its year or week from the DCT in the
direction given by the tense of its clause (:mod:`timeline.tagger.tense`): an explicit past clause takes the latest
occurrence on or before the DCT ("He said on Friday that sales fell" is last Friday even six days back; "Prices
rose between January and March" is this year's), an explicit future clause the earliest on or after it. A silent
clause (no tense marker) keeps the choice that fits the development news: a weekday is the most recent one
except six days back, which is tomorrow; a month, month-day or holiday is the nearest occurrence. A weekday
written with its month-day ("Saturday, April 25") takes the year where the weekday fits.
Narrative mode (``dct=None``): the text's own dates anchor everything; with no date yet the value keeps X
placeholders (``XXXX-10-23``) and the anchor is "none". The wall clock is never read.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace

from timeline.lang import DEFAULT
from timeline.lang.lexicon import load
from timeline.tagger import tense
from timeline.tagger.narrative import is_aside, narrative_mentions
from timeline.tagger.calendar_math import (end_of, format_at, holiday_date, nearest as _nearest, pick as _pick,
                                           season_start, shift, start_of, to_datetime, valid as _valid,
                                           weekday_from as _weekday, within_reach as _within_reach)
from timeline.model import Mention, Partial, Timex

NINE_MONTHS = re.compile(r"\b(?:nine|six|9|6)\s+months\b", re.IGNORECASE)    # a year-to-date period
BC_VALUE = re.compile(r"BC(\d{4})(?:-(\d\d|SP|SU|FA|WI))?")     # a BC year, its month or season
SMALL_HOURS_AFTER = ("EV", "NI")
BESIDE = re.compile(r"\s?[(,/-]?\s?")     # between a date and the weekday that names its day: "May 5 (Tuesday)"
UNANCHORED = {"year": "XXXX", "month": "XXXX-XX", "day": "XXXX-XX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX",
              "half": "XXXX-HX", "weekend": "XXXX-WXX-WE", "decade": "XXX", "century": "XX", "season": "XXXX-XX",
              "hour": "XXXX-XX-XXTXX", "minute": "XXXX-XX-XXTXX:XX"}


@dataclass
class Reference:
    """The current anchor for anaphora: a date and the granularity it was written at."""
    date: _dt.date | None = None
    granularity: str | None = None
    from_text: bool = False
    bc: bool = False        # a year before Christ: ``date`` holds its number ("331 BC": year 331)
    part_of_day: str | None = None      # "Saturday evening": a small-hours clock time after it is the next day


def _extra(p: Partial) -> dict:
    return dict(p.extra)


class Resolver:
    def __init__(self, text: str, dct: _dt.datetime | None, lang: str = DEFAULT):
        self.text, self.lang = text, lang
        self.possessive = tuple(load(lang).phrases("possessive"))      # "Wednesday's ruling"
        self.dct = dct
        self.ref = Reference(dct.date() if dct else None, "day" if dct else None)
        self.quarter: Reference | None = None     # the quarter (or half) the text is about
        self.months_in_view = False     # "the nine months" came after that quarter: "a year earlier" is a year
        self.day_end = -1               # where the last date of the text with its day ends ("May 5 - 6 (Tues")

    # -- anchors --------------------------------------------------------------------------------------------
    def deictic_anchor(self) -> tuple[_dt.date | None, str]:
        if self.dct is not None:
            return self.dct.date(), "dct"
        return self.ref.date, "ref" if self.ref.date else "none"

    def anaphoric_anchor(self) -> tuple[_dt.date | None, str]:
        if self.ref.date is not None and (self.ref.from_text or self.dct is None):
            return self.ref.date, "ref"
        return self.deictic_anchor()

    # -- main -----------------------------------------------------------------------------------------------
    def resolve(self, m: Mention) -> Timex:
        p = m.partial
        extra = _extra(p)
        if "pod_of" in extra and self.dct is not None:     # news: "the night of Oct. 23" is the date, as in TimeML
            start = extra["pod_of"]
            p = replace(p, part_of_day=None)
            m = Mention(start, m.end, m.text[start - m.start:], "DATE", p, m.rule)
        flags = list(extra.get("flags", ()))
        try:
            value, anchor, granularity, date = self._value(m, p, extra, flags)
        except (ValueError, OverflowError):     # out of the calendar: "10000 years ago"
            value, anchor, granularity, date = UNANCHORED.get(p.granularity or "day", "XXXX"), "none", None, None
        if anchor == "ref" and self.ref.bc and value[:1].isdigit():
            value = "BC" + value        # counted from a BC year: its number, in the BC era
            date = None                 # the reference stays the BC one
        if m.type == "DATE" and "T" in value and value[:1] in "0123456789X":
            value = value.split("T")[0]     # "Tuesday night": a DATE keeps the day; TIME types keep the part
        mod = p.mod
        if mod == "APPROX" and "approximate" not in flags:
            flags.append("approximate")
        if date is not None and m.type in ("DATE", "TIME") and granularity not in ("decade", "century") and "X" not in \
                value and (self.dct is not None or not is_aside(self.text, m, granularity, date, self.ref, self.lang)):
            self.ref = Reference(date, granularity, True, part_of_day=p.part_of_day)
            self.day_end = m.end if granularity == "day" else -1
            recent = self.dct is None or date.year >= self.dct.year - (1 if self.dct.month <= 3 else 0)
            ended = self.quarter is None or self.dct is None or end_of(date, granularity) < self.dct.date()
            if granularity in ("quarter", "half") and "same_unit" not in extra and recent and ended:
                # a period not over by the DCT looks ahead ("will result in a fourth-quarter charge") and does
                # not replace the period reported on, unless it opens the story (a fiscal fourth quarter)
                self.quarter = Reference(date, granularity, True)
                self.months_in_view = False
        if m.type == "DATE" and BC_VALUE.fullmatch(value):
            self.ref = _bc_reference(value)     # "In 331 BC ... In October": BC years are references too
        if m.type == "DURATION" and NINE_MONTHS.search(m.text):
            self.months_in_view = True
        return Timex(m.start, m.end, m.text, m.type, value, mod, anchor, tuple(flags))

    def _value(self, m, p, extra, flags):
        if p.value is not None:
            anchor = "dct" if p.value.endswith("_REF") else "absolute"
            return p.value, anchor, None, None
        if "latest" in extra:
            value, anchor, g, date = self._latest(extra["latest"])
            if "year" in extra and self.months_in_view:
                return f"{extra['year']:04d}", "absolute", "year", None    # "the 1988 period" after nine months
            if "year" in extra and date is not None:
                date = date.replace(year=extra["year"])
                value, anchor = format_at(date, g), "absolute"
            return value, anchor, g, date
        if "ended" in extra:
            return self._ended(m, p, extra, flags)
        if "holiday" in extra:
            return self._holiday(m, p, extra, flags)
        if p.offset is not None:
            return self._relative(m, p, extra, flags)
        if p.year is not None or p.decade is not None or p.century is not None:
            return self._absolute(p)
        return self._underspecified(m, p, extra, flags)

    def _absolute(self, p: Partial):
        if p.decade is not None:
            return f"{p.decade:03d}", "absolute", "decade", None
        if p.century is not None:
            return f"{p.century:02d}", "absolute", "century", None
        g = p.granularity or "year"
        date = _dt.date(p.year, p.month or (season_start(p.season) if p.season else 1), p.day or 1)
        if p.quarter:
            date = _dt.date(p.year, 3 * p.quarter - 2, 1)
        if p.half:
            date = _dt.date(p.year, 6 * p.half - 5, 1)
        value = format_at(date, g, season=p.season)
        return self._with_time(value, p), "absolute", g, date

    def _with_time(self, value: str, p: Partial) -> str:
        if p.hour is not None:
            return f"{value}T{p.hour:02d}:{(p.minute or 0):02d}"
        if p.part_of_day:
            return f"{value}T{p.part_of_day}"
        return value

    def _latest(self, granularity: str):
        """'the quarter', 'the latest period', 'that quarter': the quarter last spoken of, else the last one."""
        if self.quarter is not None and self.quarter.granularity == granularity:
            return format_at(self.quarter.date, granularity), "ref", granularity, self.quarter.date
        base, anchor = self.deictic_anchor()
        if base is None:
            return UNANCHORED.get(granularity, "XXXX"), "none", None, None
        date = shift(start_of(base, granularity), granularity, -1)
        return format_at(date, granularity), anchor, granularity, date

    def _ended(self, m, p, extra, flags):
        """'the quarter ended Sept. 30': the quarter holding the day 45 days before the end."""
        month, day = extra["ended"]
        if p.year is not None:
            end = _dt.date(p.year, month, day)
            anchor = "absolute"
        else:
            base, anchor = self.deictic_anchor()
            if base is None:
                return "XXXX-QX", "none", None, None
            end = _pick([_dt.date(y, month, day) for y in (base.year - 1, base.year) if _valid(y, month, day)],
                        base, -1)
            flags.append("year_inferred")
        date = start_of(end - _dt.timedelta(days=45), "quarter")
        return format_at(date, "quarter"), anchor, "quarter", date

    def _holiday(self, m, p, extra, flags):
        rule = extra["holiday"]
        if p.year is not None:
            date = holiday_date(rule, p.year)
            return format_at(date, "day"), "absolute", "day", date
        base, anchor = self.deictic_anchor()
        if base is None:
            date = holiday_date(rule, 2000)
            return f"XXXX-{date.month:02d}-{date.day:02d}", "none", None, None
        sign, from_tense = self._direction(m, extra)
        options = [holiday_date(rule, y) for y in (base.year - 1, base.year, base.year + 1)]
        if "dir" in extra:
            date = _pick(options, base, sign, strict=True) if sign else holiday_date(rule, base.year)
        elif from_tense:
            date = _pick(options, base, sign)
        else:
            date = _nearest(options, base)
        flags.append("year_inferred")
        if from_tense:
            flags.append("direction_from_tense")
        return format_at(date, "day"), anchor, "day", date

    def _relative(self, m, p, extra, flags):
        unit, n = p.offset
        if p.anchor == "ref" and p.hour is not None and self.ref.granularity not in ("day", "minute") \
                and self.dct is not None:
            base, anchor = self.deictic_anchor()    # a bare clock time needs a day: the DCT's, unless one is in view
        elif p.anchor == "ref":
            base, anchor = self.anaphoric_anchor()
        else:
            base, anchor = self.deictic_anchor()
        g = p.granularity or unit
        if base is None:    # "midday", "tonight" in a narrative with no date yet: the day unknown, the time kept
            if p.hour is not None or p.part_of_day:
                return self._with_time(UNANCHORED["day"], p), "none", None, None
            return UNANCHORED.get(g, "XXXX"), "none", None, None
        if extra.get("same_unit") and self.quarter is not None:
            g = "year" if self.months_in_view else self.quarter.granularity
            base = self.quarter.date
            anchor = "ref"
        if unit in ("hour", "minute", "second") and self.dct is not None:
            moment = self.dct + _dt.timedelta(**{unit + "s": n})
            if unit == "second":
                return format_at(moment.date(), "day"), anchor, "day", moment.date()
            return moment.strftime("%Y-%m-%dT%H:%M"), anchor, "minute", moment.date()
        if anchor == "ref" and extra.get("anaphoric_amount") and self.ref.granularity == "day" \
                and unit == "week" and g == unit:
            g = "day"       # "two weeks later" after "June 24": a day, counted from that day
        if g == "weekend" and "dir" in extra:
            n = 0 if base.isoweekday() >= 6 else (-1 if self._direction(m, {})[0] < 0 else 0)
        if anchor == "ref" and self.ref.bc and unit in ("year", "decade", "century"):
            n = -n      # "the following year" after 491 BC is 490 BC
        date = shift(base, unit, n)
        if anchor == "ref" and (unit, n) == ("day", 0) and p.hour is not None and p.hour < 6 \
                and self.ref.part_of_day in SMALL_HOURS_AFTER:
            date += _dt.timedelta(days=1)       # "Saturday evening ... at 2 a.m.": the small hours of the next day
        if p.month is not None:
            date = _dt.date(date.year, p.month, p.day or 1)
        elif p.quarter or p.half:
            date = _dt.date(date.year, 3 * p.quarter - 2 if p.quarter else 6 * p.half - 5, 1)
        elif p.season:
            date = _dt.date(date.year, season_start(p.season), 1)
        if p.weekday is not None:
            date = date + _dt.timedelta(days=p.weekday - date.isoweekday())
        if unit == "week" and g == "weekend":
            value = format_at(date, "weekend")
        else:
            value = format_at(date, g)
        if anchor == "ref" and self.ref.from_text and p.month is None:
            blurred = _blur(format_at(base, g), g, self.ref.granularity)
            if blurred != format_at(base, g):
                value = blurred
        return self._with_time(value, p), anchor, g, date

    def _direction(self, m, extra):
        if "dir" in extra:
            return extra["dir"], False
        if self.text.startswith(self.possessive, m.end):
            return -1, False    # "get around Wednesday's ruling": the thing named is known, the clause's tense is not its
        return tense.past_or_future(self.text, m.start, m.end, -1, self.lang)

    def _underspecified(self, m, p, extra, flags):
        base, anchor = self.anaphoric_anchor() if p.anchor == "ref" else self.deictic_anchor()
        g = p.granularity or "day"
        if base is None:
            return self._with_time(self._placeholder(p, g), p), "none", None, None
        sign, from_tense = self._direction(m, extra)
        if p.weekday is not None and p.month is None:
            if "dir" not in extra and self.ref.granularity == "day" and BESIDE.fullmatch(self.text, self.day_end,
                                                                                       m.start):
                date = self.ref.date + _dt.timedelta(days=(p.weekday - self.ref.date.isoweekday() + 3) % 7 - 3)
                return self._with_time(format_at(date, "day"), p), "ref", "day", date   # that date's weekday
            date = _weekday(base, p.weekday, sign, "dir" in extra, from_tense)
            if from_tense and sign > 0 and "dir" not in extra and self.dct is not None:
                flags.append("direction_from_tense")
            return self._with_time(format_at(date, "day"), p), anchor, "day", date
        flags.append("year_inferred")
        if from_tense and self.dct is not None:
            flags.append("direction_from_tense")
        years = (base.year - 1, base.year, base.year + 1)
        if p.month is not None:
            options = []
            for y in years:
                try:
                    options.append(_dt.date(y, p.month, p.day or 1))
                except ValueError:
                    continue
            cmp_base = base if p.day else _dt.date(base.year, base.month, 1)
            if p.weekday is not None and p.day:     # "Saturday, April 25": the weekday says which year
                options = [d for d in options if d.isoweekday() == p.weekday] or options
                if len(options) == 1:
                    extra = {**extra, "dir": -1 if options[0] <= cmp_base else 1}
            if self.dct is None and "dir" not in extra:
                date = self._narrative_forward(options, base)
            elif "dir" in extra:
                date = (_dt.date(base.year, p.month, 1) if extra["dir"] == 0
                        else _pick(options, cmp_base, extra["dir"], strict=True))
            elif from_tense:
                date = _within_reach(options, cmp_base, sign, 62 if p.day else 31)
            else:
                date = _nearest(options, cmp_base)
            return self._with_time(format_at(date, g), p), anchor, g, date
        if p.quarter or p.half:
            size = 3 if p.quarter else 6
            idx = p.quarter or p.half
            options = [_dt.date(y, size * idx - size + 1, 1) for y in years]
            if self.dct is None:
                date = self._narrative_forward(options, base)
            else:
                date = _pick(options, start_of(base, "quarter" if p.quarter else "half"), -1)
            return format_at(date, g), anchor, g, date
        if p.season:
            options = [_dt.date(y, season_start(p.season), 1) for y in years]
            d = extra.get("dir")
            if self.dct is None and d is None:
                date = self._narrative_forward(options, base)
            elif d == 0:
                date = _dt.date(base.year, season_start(p.season), 1)
            elif d and p.anchor == "ref" and self.ref.granularity == "year":    # "the following spring" after 1941
                date = _dt.date(base.year + d, season_start(p.season), 1)
            elif d is None and not from_tense:      # a silent clause: the nearest such season, as for a month
                date = _nearest(options, start_of(base, "season"))
            else:
                date = _pick(options, start_of(base, "season"), sign, strict=d is not None)
            return format_at(date, "season", season=p.season), anchor, "season", date
        return self._placeholder(p, g), "none", None, None

    def _narrative_forward(self, options, base):
        """In a narrative a date without its year keeps the reference's year, even before the reference ("On 9
        March 1871 ... Earlier, on 4 February" is 1871-02-04): a history goes back as often as forward, and the
        text says so when the year changes ("the following February", "the next year"). Only December reaches
        into the next year's first months ("On 7 December 1941 ... In January" is January 1942; "That winter ...
        In March" is the March after that winter)."""
        same = [d for d in options if d.year == base.year]
        if not same:
            return min(options, key=lambda d: abs((d - base).days))
        date = same[0]
        season = self.ref.granularity == "season"
        if base.month == 12 and self.ref.granularity in ("day", "week", "month", "season") \
                and date.month <= (3 if season else 2):
            later = [d for d in options if d.year == base.year + 1]
            return later[0] if later else date
        return date

    def _placeholder(self, p: Partial, g: str) -> str:
        if p.month is not None and p.day is not None:
            return f"XXXX-{p.month:02d}-{p.day:02d}"
        if p.month is not None:
            return f"XXXX-{p.month:02d}"
        if p.weekday is not None:
            return f"XXXX-WXX-{p.weekday}"
        if p.quarter:
            return f"XXXX-Q{p.quarter}"
        if p.half:
            return f"XXXX-H{p.half}"
        if p.season:
            return f"XXXX-{p.season}"
        return UNANCHORED.get(g, "XXXX")


def _bc_reference(value: str) -> Reference:
    """The reference a BC value sets: its year number, and its month or season when it has one."""
    year, part = BC_VALUE.fullmatch(value).groups()
    if part is None:
        return Reference(_dt.date(int(year), 1, 1), "year", True, bc=True)
    if part.isdigit():
        return Reference(_dt.date(int(year), int(part), 1), "month", True, bc=True)
    return Reference(_dt.date(int(year), season_start(part), 1), "season", True, bc=True)


FINE = {"month": 1, "week": 2, "weekend": 2, "day": 3, "hour": 4, "minute": 4}
COARSE = {"year": 0, "quarter": 0, "half": 0, "season": 1, "month": 1, "week": 2, "day": 3}     # a season knows its months


def _blur(value: str, granularity: str, ref_granularity: str | None) -> str:
    """X out what an anaphoric value cannot know: 'that month' after '2012' is 2012-XX, not 2012-01."""
    known = COARSE.get(ref_granularity or "day", 3)
    wanted = FINE.get(granularity, 0)
    if wanted <= known or known >= 2:
        return value
    if known == 0:
        year = value[:4]
        return {1: f"{year}-XX", 2: f"{year}-WXX"}.get(wanted, f"{year}-XX-XX")
    if known == 1 and wanted >= 3:
        return value[:7] + "-XX" + value[10:]
    return value


def resolve(mentions: list[Mention], text: str, dct, lang: str = DEFAULT) -> list[Timex]:
    """Resolve ``mentions`` of ``text`` against ``dct`` (a datetime, date, ISO string, or None: narrative); the
    tense of a clause is read with the markers of language ``lang``."""
    resolver = Resolver(text, to_datetime(dct), lang)
    generic: list[Timex] = []
    if resolver.dct is None:    # narrative prose: "soon" is no timex, "at night" names no day (tagger/narrative.py)
        mentions, generic = narrative_mentions(mentions, lang)
    return sorted([resolver.resolve(m) for m in mentions] + generic, key=lambda t: t.start)
