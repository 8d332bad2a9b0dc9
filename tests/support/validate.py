"""The TIMEX3 value grammar, and calendar reality for the dates it names.

:func:`is_valid_value` answers whether a ``value`` is well formed for its ``type`` (DATE, TIME, DURATION, SET);
:func:`explain` says why not. The grammar (TimeML 1.2.1 / ISO-TimeML, as used by TempEval-3):

DATE
    ``YYYY`` ``YYYY-MM`` ``YYYY-MM-DD`` ``YYYY-Www`` ``YYYY-Www-D`` ``YYYY-Www-WE`` ``YYYY-Qn`` ``YYYY-Hn``
    ``YYYY-SP|SU|FA|WI``, decades ``YYY`` and centuries ``YY``; any digit group may be ``X``-ed out from the
    right (``19XX``, ``XXXX-10-23``, ``XXXX-WXX-1``); a year may carry the ``BC`` prefix (``BC0044``);
    and the deictic ``PAST_REF``, ``PRESENT_REF``, ``FUTURE_REF``.
TIME
    a date (or nothing) followed by ``T`` and a clock time ``hh:mm`` / ``hh:mm:ss`` (optionally ``.fff`` and a
    zone ``Z`` / ``+hh:mm``) or a part of day ``MO AF EV NI MI DT``: ``2015-11-12T14:12``, ``T14:12``, ``TNI``,
    ``XXXX-XX-XXTMO``; and the three ``*_REF`` values.
DURATION
    ``P`` then amounts with units in ISO order (``ML CE DE Y Q M W WE D``; TimeBank's ``L C E`` for
    millennium, century, decade too), then optionally ``T`` and ``H M S``; an amount is digits, a decimal
    (``1.5``) or ``X`` (``PXY``, ``PXD``, ``PTXH``): ``P3D``, ``P1Y2M``, ``PT30M``, ``P1DE``, ``P2L``.
SET
    a duration (``P1W``: weekly) or a DATE/TIME pattern (``XXXX-WXX-1``: every Monday, ``XXXX-XX-XXTMO``).

Calendar reality: a month is 01-12, a day exists in its month (``2015-02-29`` and ``XXXX-02-30`` are refused,
``2016-02-29`` and ``XXXX-02-29`` accepted), a week exists in its ISO year (``2015-W53`` yes, ``2014-W53``
no), the year 0000 does not exist (there is no year zero in the calendar this package computes with), and
hours are 00-23 (``24:00`` allowed), minutes and seconds 00-59 (a leap second ``:60`` allowed).

Nothing here backtracks: each value is split by hand and checked field by field, and values longer than
:data:`MAX_LENGTH` are refused outright.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re

TYPES = ("DATE", "TIME", "DURATION", "SET")
REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
SEASONS = ("SP", "SU", "FA", "WI")
PARTS_OF_DAY = ("MO", "AF", "EV", "NI", "MI", "DT")
MAX_LENGTH = 64

#: duration units in ISO order, with their rank; millennium, century and decade are written ML CE DE in
#: ISO-TimeML and L C E in TimeBank (TimeML 1.2: "P2L", "PXC", "P1E"): both are accepted
DURATION_DATE_UNITS = {"ML": 0, "L": 0, "CE": 1, "C": 1, "DE": 2, "E": 2, "Y": 3, "Q": 4, "M": 5, "W": 6, "WE": 7,
                       "D": 8}
DURATION_TIME_UNITS = {"H": 0, "M": 1, "S": 2}

_AMOUNT = re.compile(r"(?:\d{1,9}(?:\.\d{1,6})?|X)")
_CLOCK = re.compile(r"(\d{2}|XX)(?::(\d{2}|XX)(?::(\d{2})(?:\.\d{1,6})?)?)?")
_ZONE = re.compile(r"(?:Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)")


def is_valid_value(value: str, type: str) -> bool:
    """True if ``value`` is a well-formed TIMEX3 value of ``type`` naming a real calendar date or time."""
    return explain(value, type) is None


def explain(value: object, type: object) -> str | None:
    """None if ``value`` is valid for ``type``; otherwise a short reason (for test and error messages)."""
    if not isinstance(value, str) or not value:
        return f"value must be a non-empty string, not {value!r}"
    if type not in TYPES:
        return f"unknown TIMEX3 type {type!r}"
    if len(value) > MAX_LENGTH:
        return f"value longer than {MAX_LENGTH} characters"
    if not value.isascii() or value != value.strip():
        return "value must be plain ASCII without surrounding spaces"
    if value in REFS:
        return None if type in ("DATE", "TIME") else f"{value} is a DATE or TIME value, not {type}"
    if type == "DURATION":
        return _duration(value)
    if type == "DATE":
        if "T" in value:
            return "a DATE value has no time part (use type TIME)"
        return _date(value)
    if type == "TIME":
        if "T" not in value:
            return "a TIME value needs a time part (T...)"
        return _datetime(value)
    # SET: a frequency (duration) or a calendar pattern
    if value.startswith("P"):
        return _duration(value)
    return _datetime(value) if "T" in value else _date(value)


def is_real_date(year: int, month: int, day: int) -> bool:
    """True if the (proleptic Gregorian) calendar has this day; year 1-9999."""
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def iso_weeks(year: int) -> int:
    """Number of ISO weeks (52 or 53) in ``year``."""
    return _dt.date(year, 12, 28).isocalendar()[1]


# -- dates -----------------------------------------------------------------------------------------------------

def _year(part: str) -> tuple[int | None, str | None]:
    """(the year as a number or None if X-ed out, error). Accepts YYYY, 19XX, XXXX, BC0044."""
    bc = part.startswith("BC")
    digits = part[2:] if bc else part
    if len(digits) != 4 or not _digits_then_x(digits):
        return None, f"bad year {part!r} (YYYY, 19XX, XXXX or BCYYYY)"
    if "X" in digits:
        return None, None
    year = int(digits)
    if year == 0:
        return None, "year 0000 does not exist"
    return (None if bc else year), None


def _digits_then_x(s: str) -> bool:
    """Digits possibly followed by X placeholders only (``1999``, ``199X``, ``XXXX``)."""
    stripped = s.rstrip("X")
    return stripped.isdigit() or stripped == ""


def _two(part: str, lo: int, hi: int, what: str) -> tuple[int | None, str | None]:
    if part == "XX":
        return None, None
    if len(part) != 2 or not part.isdigit() or not lo <= int(part) <= hi:
        return None, f"bad {what} {part!r} ({lo:02d}-{hi:02d} or XX)"
    return int(part), None


def _date(value: str) -> str | None:
    parts = value.split("-")
    head = parts[0]
    if len(parts) == 1:
        if len(head) in (2, 3) and _digits_then_x(head):
            return None                                   # century YY, decade YYY (19, 199, 19X, XX, XXX)
        if head.startswith("BC") and len(head) in (4, 5) and head[2:].isdigit():
            return None                                   # BC centuries and decades
    year, err = _year(head)
    if err:
        return err
    if len(parts) == 1:
        return None
    second = parts[1]
    if len(parts) == 2:
        if second in SEASONS:
            return None
        if len(second) == 2 and second[0] in "QH":
            top = "4" if second[0] == "Q" else "2"
            return None if second[1] in "X" or "1" <= second[1] <= top else f"bad {second[0]} number {second!r}"
    if second.startswith("W"):
        return _week(year, parts[1:])
    month, err = _two(second, 1, 12, "month")
    if err:
        return err
    if len(parts) == 2:
        return None
    if len(parts) > 3:
        return f"too many parts in date {value!r}"
    day, err = _two(parts[2], 1, 31, "day")
    if err:
        return err
    if day is not None and month is not None:
        leap_year = year if year is not None else 2000     # X-ed year: Feb. 29 may exist
        if day > calendar.monthrange(leap_year, month)[1]:
            return f"{value!r} is not a real calendar date"
    return None


def _week(year: int | None, parts: list[str]) -> str | None:
    week_part = parts[0]
    if week_part == "WXX":
        week = None
    else:
        week, err = _two(week_part[1:], 1, 53, "ISO week")
        if err:
            return err
        if year is not None and week is not None and week > iso_weeks(year):
            return f"{year} has no ISO week {week}"
    if len(parts) == 1:
        return None
    if len(parts) == 2 and (parts[1] in ("WE", "X") or (len(parts[1]) == 1 and "1" <= parts[1] <= "7")):
        return None
    return f"bad week day {'-'.join(parts[1:])!r} (1-7, WE or X)"


# -- times -----------------------------------------------------------------------------------------------------

def _datetime(value: str) -> str | None:
    date, _, time = value.partition("T")
    if date:
        err = _date(date)
        if err:
            return err
        if date.count("-") != 2:
            return f"a time needs a full date before T (YYYY-MM-DD or YYYY-Www-D), not {date!r}"
    return _time(time)


def _time(time: str) -> str | None:
    if time in PARTS_OF_DAY:
        return None
    m = _CLOCK.match(time)
    if not m:
        return f"bad time {time!r} (hh:mm[:ss] or a part of day {'/'.join(PARTS_OF_DAY)})"
    rest = time[m.end():]
    if rest and not _ZONE.fullmatch(rest):
        return f"bad time zone {rest!r}"
    hour, minute, second = (int(g) if g is not None and g != "XX" else None for g in m.groups())
    if hour is None and m.group(2) not in (None, "XX"):
        return f"bad time {time!r} (minutes known but not the hour)"
    if hour is not None and (hour > 24 or (hour == 24 and (minute or second))):
        return f"hour {hour} out of range"
    if minute is not None and minute > 59:
        return f"minute {minute} out of range"
    if second is not None and second > 60:
        return f"second {second} out of range"
    return None


# -- durations -------------------------------------------------------------------------------------------------

def _duration(value: str) -> str | None:
    if not value.startswith("P") or len(value) < 3:
        return f"a duration is P followed by amounts and units, not {value!r}"
    body = value[1:]
    date_part, t, time_part = body.partition("T")
    if t and not time_part:
        return "T with no time amounts"
    err = _amounts(date_part, DURATION_DATE_UNITS)
    if err:
        return err
    if time_part:
        err = _amounts(time_part, DURATION_TIME_UNITS)
        if err:
            return err
    if not date_part and not time_part:
        return "duration without amounts"
    return None


def _amounts(s: str, units: dict[str, int]) -> str | None:
    last = -1
    pos = 0
    by_length = sorted(units, key=len, reverse=True)
    while pos < len(s):
        m = _AMOUNT.match(s, pos)
        if not m:
            return f"expected an amount at {s[pos:]!r}"
        pos = m.end()
        unit = next((u for u in by_length if s.startswith(u, pos)), None)
        if unit is None:
            return f"expected a unit ({' '.join(units)}) at {s[pos:]!r}"
        index = units[unit]
        if index <= last:
            return f"unit {unit} out of order in {s!r}"
        last = index
        pos += len(unit)
    return None


# -- whole tagger outputs --------------------------------------------------------------------------------------

def check_timexes(text: str, timexes) -> list[str]:
    """Problems with a tagger's output for ``text`` (empty when it is sound): every span lies inside the text and
    matches its ``text`` attribute, spans are non-empty and do not overlap, and every value is valid for its type.
    Works on :class:`timeline.model.Timex` objects or on the dicts that ``timeline tag`` prints."""
    problems: list[str] = []
    spans = []
    for t in timexes:
        get = t.get if isinstance(t, dict) else (lambda k, _t=t: getattr(_t, k, None))
        start, end, span_text, type_, value = (get(k) for k in ("start", "end", "text", "type", "value"))
        label = f"{span_text!r}@{start}:{end}"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{label}: span outside the text (length {len(text)}) or empty")
            continue
        if text[start:end] != span_text:
            problems.append(f"{label}: text[{start}:{end}] is {text[start:end]!r}")
        reason = explain(value, type_)
        if reason:
            problems.append(f"{label}: {type_} {value!r}: {reason}")
        spans.append((start, end, label))
    spans.sort()
    for (s1, e1, l1), (s2, e2, l2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(f"overlapping spans {l1} and {l2}")
    return problems
