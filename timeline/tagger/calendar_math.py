"""Calendar arithmetic for resolution (pendulum does the month and year arithmetic); the periods and TIMEX3 values
of the precisions (``end_of``, ``format_at``) are :mod:`timeline.precision`'s."""
from __future__ import annotations

import datetime as _dt

import pendulum

from timeline.precision import SEASON_START, end_of, month_end, season_of
from timeline.precision import timex as format_at

__all__ = ["SEASON_START", "end_of", "format_at", "month_end", "season_of", "season_start", "start_of", "shift",
           "holiday_date", "valid", "pick", "within_reach", "nearest", "weekday_from"]


def season_start(code: str) -> int:
    return SEASON_START[code]


def start_of(date: _dt.date, granularity: str) -> _dt.date:
    """The first day of the period of ``granularity`` containing ``date``."""
    if granularity in ("quarter", "half"):
        size = 3 if granularity == "quarter" else 6
        return _dt.date(date.year, (date.month - 1) // size * size + 1, 1)
    if granularity == "month":
        return _dt.date(date.year, date.month, 1)
    if granularity == "year":
        return _dt.date(date.year, 1, 1)
    if granularity == "season":
        month = season_start(season_of(date))
        year = date.year - 1 if month == 12 and date.month < 12 else date.year
        return _dt.date(year, month, 1)
    if granularity in ("week", "weekend"):
        return date - _dt.timedelta(days=date.isoweekday() - 1)
    return date


def shift(date: _dt.date, unit: str, n: int) -> _dt.date:
    """``date`` moved by ``n`` units (day, week, weekend, month, quarter, half, season, year, decade, century)."""
    d = pendulum.date(date.year, date.month, date.day)
    if unit == "day":
        d = d.add(days=n)
    elif unit in ("week", "weekend"):
        d = d.add(weeks=n)
    elif unit == "month":
        d = d.add(months=n)
    elif unit == "quarter":
        d = d.add(months=3 * n)
    elif unit in ("half",):
        d = d.add(months=6 * n)
    elif unit == "season":
        d = d.add(months=3 * n)
    elif unit == "year":
        d = d.add(years=n)
    elif unit == "decade":
        d = d.add(years=10 * n)
    elif unit == "century":
        d = d.add(years=100 * n)
    elif unit == "millennium":
        d = d.add(years=1000 * n)
    return _dt.date(d.year, d.month, d.day)


def holiday_date(rule: str, year: int) -> _dt.date:
    """The date of a holiday rule in ``year``: "MM-DD", or "MM-nth-weekday" (nth -1 = last; a trailing + means
    the day after that weekday, as for US Election Day, the Tuesday after the first Monday)."""
    parts = rule.rstrip("+").split("-")
    if len(parts) == 2:
        return _dt.date(year, int(parts[0]), int(parts[1]))
    if parts[1] == "":       # "05--1-1": negative nth
        month, nth, weekday = int(parts[0]), -int(parts[2]), int(parts[3])
    else:
        month, nth, weekday = int(parts[0]), int(parts[1]), int(parts[2])
    if nth > 0:
        first = _dt.date(year, month, 1)
        day = first + _dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = month_end(year, month)
        day = last - _dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    if rule.endswith("+"):
        day += _dt.timedelta(days=1)
    return day


# ---- choosing among the occurrences of an underspecified date (used by the resolver) ----

def valid(year, month, day):
    try:
        _dt.date(year, month, day)
        return True
    except ValueError:
        return False


def pick(options, base, sign, strict=False):
    """The latest option on or before ``base`` (sign -1) or the earliest on or after it (sign +1)."""
    if sign < 0:
        before = [d for d in options if (d < base if strict else d <= base)]
        return max(before) if before else min(options)
    after = [d for d in options if (d > base if strict else d >= base)]
    return min(after) if after else max(options)


def within_reach(options, base, sign, reach):
    """The tense's choice, unless it lies most of a year away while the other direction's occurrence is within
    ``reach`` days and in the anchor's year: news writes the year of a date that far back and not of one in the
    current year ("took effect on Jan. 1" in November stays this January), so a yearless date in a past clause is the
    coming one ("has set Nov. 10 as the deadline", "asked it to respond by Oct. 31", a week ahead), and one
    in a future clause the one just gone ("to repatriate the child by Jan. 14", the day before the DCT)."""
    date = pick(options, base, sign)
    other = pick(options, base, -sign)
    if other.year == base.year and abs((other - base).days) <= reach and abs((date - base).days) > 300:
        return other
    return date


def nearest(options, base, bias=1.0):
    """The option nearest to ``base`` (a silent clause); a later one must be ``bias`` times nearer."""
    before = [d for d in options if d <= base]
    after = [d for d in options if d > base]
    if not before:
        return min(after)
    if not after:
        return max(before)
    past, future = max(before), min(after)
    return future if (future - base).days * bias < (base - past).days else past


def weekday_from(base: _dt.date, weekday: int, sign: int, explicit: bool, from_tense: bool = False) -> _dt.date:
    """The weekday in direction ``sign`` from ``base`` (``explicit``: written "last"/"next"/"this"); a past
    clause (``from_tense``) goes back up to six days, a silent one takes six days back as tomorrow."""
    if explicit and sign == 0:      # "this Friday": the one in the current week
        return base + _dt.timedelta(days=weekday - base.isoweekday())
    delta = (weekday - base.isoweekday()) % 7
    if sign > 0:
        if explicit and delta == 0:
            delta = 7
        return base + _dt.timedelta(days=delta)
    back = (base.isoweekday() - weekday) % 7
    if explicit and back == 0:
        back = 7
    if not explicit and not from_tense and back == 6:
        return base + _dt.timedelta(days=1)    # a silent clause: the nearest one, so six days back is tomorrow
    return base - _dt.timedelta(days=back)


def to_datetime(dct) -> _dt.datetime | None:
    if dct is None or dct == "":
        return None
    if isinstance(dct, _dt.datetime):
        return dct.replace(tzinfo=None)
    if isinstance(dct, _dt.date):
        return _dt.datetime(dct.year, dct.month, dct.day)
    try:
        parsed = pendulum.parse(str(dct).strip(), strict=False)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"dct: cannot read {dct!r} as a date or datetime (use ISO 8601)") from exc
    if isinstance(parsed, _dt.datetime):
        return _dt.datetime(parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second)
    return _dt.datetime(parsed.year, parsed.month, parsed.day)
