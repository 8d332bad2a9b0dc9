"""From a TIMEX3 value to the days it covers, its precision, and its EDTF form.

``span_of("2015-10")`` -> ``Span(2015-10-01, 2015-10-31, "month")``; values that do not name a calendar period
(durations ``P3D``, sets, ``PAST_REF``, values with ``X`` placeholders) give None: they qualify an event but do
not date it. :func:`edtf` writes a point or an interval in Extended Date/Time Format (Library of Congress EDTF,
ISO 8601-2) using only forms the ``edtf`` package parses (the tests check every one).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from timeline.precision import NAMES, SEASON_START, edtf, edtf_end, end_of, month_end

#: coarse first: the order used to sort events that start on the same day (timeline.precision.TABLE's)
PRECISIONS = NAMES

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?:(?P<hh>\d{2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}))?"
    r"|(?P<pod>MO|AF|EV|NI|DT)))?)?|W(?P<w>\d{2})(?P<we>-WE)?|(?P<season>SP|SU|FA|WI)|Q(?P<q>[1-4])|H(?P<h>[12])))?$"
    r"|^(?P<dec>\d{3})$|^(?P<cen>\d{2})$")


@dataclass(frozen=True)
class Span:
    start: _dt.date
    end: _dt.date
    precision: str
    value: str          # the TIMEX3 value it came from
    time: str = ""      # HH:MM:SS for precision "time"


def span_of(value: str | None) -> Span | None:
    """The days a TIMEX3 date value covers, or None when the value does not name a calendar period."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    try:
        if m["dec"]:
            y = int(m["dec"]) * 10
            return Span(_dt.date(y, 1, 1), _dt.date(y + 9, 12, 31), "decade", value)
        if m["cen"]:
            y = int(m["cen"]) * 100
            return Span(_dt.date(max(y, 1), 1, 1), _dt.date(y + 99, 12, 31), "century", value)
        y = int(m["y"])
        if m["d"]:
            day = _dt.date(y, int(m["m"]), int(m["d"]))
            if m["hh"]:
                clock = _dt.time(int(m["hh"]), int(m["mm"]), int(m["ss"] or 0))       # 25:00 raises
                return Span(day, day, "time", value, clock.isoformat())
            return Span(day, day, "day", value)
        if m["m"]:
            return Span(_dt.date(y, int(m["m"]), 1), month_end(y, int(m["m"])), "month", value)
        if m["w"]:
            monday = _dt.date.fromisocalendar(y, int(m["w"]), 1)
            if m["we"]:
                return Span(monday + _dt.timedelta(days=5), monday + _dt.timedelta(days=6), "week", value)
            return Span(monday, monday + _dt.timedelta(days=6), "week", value)
        if m["season"]:
            first = _dt.date(y, SEASON_START[m["season"]], 1)
            return Span(first, end_of(first, "season"), "season", value)     # winter runs into the next year
        if m["q"] or m["h"]:
            size, n, name = (3, int(m["q"]), "quarter") if m["q"] else (6, int(m["h"]), "half")
            first = _dt.date(y, (n - 1) * size + 1, 1)
            return Span(first, end_of(first, name), name, value)
        return Span(_dt.date(y, 1, 1), end_of(_dt.date(y, 1, 1), "year"), "year", value)
    except (ValueError, OverflowError):          # 2015-02-30, week 54, winter 9999: not a calendar period
        return None


def precision_rank(precision: str | None) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def edtf_point(span: Span, approximate: bool = False) -> str:
    """One period: ``2015-10``, ``2015-11-11``, ``2015-23`` (autumn), ``2015-33`` (Q1), ``199X``, ``18XX``."""
    return edtf(span.start, span.precision, end=span.end, time=span.time, approximate=approximate)


def edtf_interval(start: _dt.date | None, start_precision: str | None, end: _dt.date | None,
                  end_precision: str | None, approximate: bool = False) -> str:
    """``2011/2015-11-12``, ``../1998-12-31``, ``1998/2003``: each end at its own precision, ``..`` when open
    (sub-year groupings as months, which the EDTF interval grammar accepts).

    Beside an open end, a decade or century is written as the year it begins (start) or ends (end):
    ``1990/..``, ``../1999``; so is an approximate one (``1990~/2015-11-12``). EDTF parsers (the ``edtf`` package
    among them) reject ``199X/..`` and ``199X~/2015-11-12``."""
    if start is None or end is None or approximate:
        start_precision = _year_if_unspecified(start_precision)
        end_precision = _year_if_unspecified(end_precision)
    return edtf_end(start, start_precision, approximate) + "/" + edtf_end(end, end_precision)


def _year_if_unspecified(precision: str | None) -> str | None:
    return "year" if precision in ("decade", "century") else precision
