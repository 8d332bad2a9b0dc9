"""Precisions: how much of the calendar a date names (a day, a week, a month ... a century), each written once.

One row of :data:`TABLE` per precision of the event table, coarse first (the order events of the same start day
sort in), with its period and its renderings: the TIMEX3 value of the period containing a date, its EDTF as a
point and as one end of an interval, and its TimelineJS date parts. The reader's words are the language's, not a
column here: ``lang/<code>/render_words.tsv`` holds one template a precision, ``date.<name>``
(:mod:`timeline.lang.words`), filled from :func:`fields`.

The tagger (TIMEX3 values, the end of a period), the events stage (EDTF), the chart (a period's end and words) and
the TimelineJS export all read it, so it sits at the package top and imports nothing of the package.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}
# EDTF sub-year groupings: seasons 21-24 (Level 1), quarters 33-36 and halves 40-41 (Level 2)
_EDTF_SEASON = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}


def season_of(date: _dt.date) -> str:
    """The TIMEX3 season code of ``date`` (meteorological seasons: winter is December to February)."""
    return _SEASON_OF_MONTH.get(date.month, "FA")


@dataclass(frozen=True)
class Precision:
    """One precision. The templates are :meth:`str.format` strings over :func:`fields`."""

    name: str
    timex: str            # TIMEX3 value of the period containing a date
    edtf: str             # EDTF of the period as a point
    edtf_end: str         # EDTF as one end of an interval (the interval grammar takes sub-year groupings as months)
    approximable: bool    # EDTF may mark it approximate ("~"): its EDTF is a plain date
    tjs_parts: int        # TimelineJS date parts: 1 year, 2 year and month, 3 year, month and day
    tjs_whole: bool       # ... which say the whole period (no end date needed)
    unit: str             # its period: ``size`` of these ("days", "months", "years"); a week is ISO's,
    size: int             # a season begins in the month before its quarter (winter in December)


TABLE: tuple[Precision, ...] = (
    #          name          TIMEX3               EDTF point               EDTF end           ~      TJS          period
    Precision("millennium", "{mil}",             "{y:04d}",               "{y:04d}",          True,  1, False, "years", 1000),
    Precision("century",    "{cen:02d}",         "{cen:02d}XX",           "{cen:02d}XX",      True,  1, False, "years", 100),
    Precision("decade",     "{dec:03d}",         "{dec:03d}X",            "{dec:03d}X",       True,  1, False, "years", 10),
    Precision("year",       "{y:04d}",           "{y:04d}",               "{y:04d}",          True,  1, True,  "months", 12),
    Precision("half",       "{y:04d}-H{h}",      "{y:04d}-{edtf_h}",      "{y:04d}-{m:02d}",  False, 2, False, "months", 6),
    Precision("season",     "{y:04d}-{season}",  "{y:04d}-{edtf_season}", "{y:04d}-{m:02d}",  False, 2, False, "months", 3),
    Precision("quarter",    "{y:04d}-Q{q}",      "{y:04d}-{edtf_q}",      "{y:04d}-{m:02d}",  False, 2, False, "months", 3),
    Precision("month",      "{y:04d}-{m:02d}",   "{y:04d}-{m:02d}",       "{y:04d}-{m:02d}",  True,  2, True,  "months", 1),
    Precision("week",       "{wy:04d}-W{w:02d}", "{iso}/{end}",           "{iso}",            False, 3, False, "days", 7),
    Precision("day",        "{iso}",             "{iso}",                 "{iso}",            True,  3, True,  "days", 1),
    Precision("time",       "{iso}",             "{iso}T{time}",          "{iso}",            False, 3, True,  "days", 1),
)
BY_NAME = {p.name: p for p in TABLE}
NAMES = tuple(BY_NAME)

#: the tagger's granularities that are not precisions of the event table: (the precision, a TIMEX3 suffix)
GRANULARITIES = {"weekend": ("week", "-WE"), "hour": ("day", ""), "minute": ("day", ""), "second": ("day", "")}


def get(name: str | None) -> Precision | None:
    """The row of precision ``name`` (or of the precision a tagger granularity is written at), None if none."""
    return BY_NAME.get(GRANULARITIES.get(name, (name,))[0]) if name else None


def fields(date: _dt.date, season: str | None = None, **extra) -> dict:
    """The numbers the templates of a precision (and a language's words) are filled from, for the period of
    ``date``: ``y m d iso``, ``q`` and ``h`` (quarter, half), ``season`` (code; ``season`` given wins over the
    date's), ``wy w`` (ISO week year and week), ``dec cen mil`` (TIMEX3 decade, century, millennium numbers), the
    EDTF codes ``edtf_q edtf_h edtf_season``, and ``extra`` (``end``, ``time``)."""
    y, m = date.year, date.month
    wy, w, _ = date.isocalendar()
    s = season or season_of(date)
    q, h = (m - 1) // 3 + 1, (m - 1) // 6 + 1
    return dict(y=y, m=m, d=date.day, iso=date.isoformat(), q=q, h=h, season=s, wy=wy, w=w, dec=y // 10,
                cen=y // 100, mil=y // 1000, edtf_q=32 + q, edtf_h=39 + h, edtf_season=_EDTF_SEASON.get(s, ""),
                **extra)


def timex(date: _dt.date, granularity: str, season: str | None = None) -> str:
    """The TIMEX3 value of the period of ``granularity`` containing ``date`` (a day for an unknown one)."""
    row = get(granularity) or BY_NAME["day"]
    return row.timex.format(**fields(date, season)) + GRANULARITIES.get(granularity, ("", ""))[1]


def edtf(start: _dt.date, precision: str, *, end: _dt.date | None = None, time: str = "",
         approximate: bool = False) -> str:
    """The EDTF of the period of ``precision`` beginning ``start`` (``end``: its last day, for a week; ``time``:
    HH:MM:SS): ``2015-10``, ``2015-23`` (autumn), ``2015-33`` (Q1), ``199X``, ``18XX``, ``2015-11-11T14:12:00``;
    approximate (``~``) where EDTF can say it (not for a time, a week or a sub-year grouping)."""
    row = get(precision) or BY_NAME["year"]
    text = row.edtf.format(**fields(start, end=(end or start).isoformat(), time=time))
    return text + ("~" if approximate and row.approximable else "")


def edtf_end(date: _dt.date | None, precision: str | None, approximate: bool = False) -> str:
    """One end of an EDTF interval at its own precision (a day when None); ``..`` when open."""
    if date is None:
        return ".."
    row = get(precision or "day") or BY_NAME["year"]
    return row.edtf_end.format(**fields(date)) + ("~" if approximate and row.approximable else "")


def month_end(year: int, month: int) -> _dt.date:
    """The last day of ``month`` in ``year``."""
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def end_of(date: _dt.date, granularity: str) -> _dt.date:
    """The last day of the period of ``granularity`` containing ``date``: a week ends on Sunday, a winter in the
    next year's February, a decade in its year 9 (``199`` is 1990 to 1999), a century in its year 99; ``date``
    itself for a day, a time or an unknown granularity. ValueError past 9999-12-31 (winter 9999)."""
    row = get(granularity)
    if row is None or row.unit == "days":
        return date + _dt.timedelta(days=7 - date.isoweekday()) if row and row.size == 7 else date
    if row.unit == "years":
        return _dt.date(date.year - date.year % row.size + row.size - 1, 12, 31)
    offset = 2 if row.name == "season" else 0                  # seasons begin in March, June, September, December
    first = (date.year * 12 + date.month - 1 - offset) // row.size * row.size + offset
    last = first + row.size - 1
    return month_end(last // 12, last % 12 + 1)
