"""Written dates of headers, record fields and ``--dct``: read strictly, never swapped, never a placeholder.

A numeric date (``12.11.2015``, ``11/12/15``, ``2015-11-12``) is read in one order: ``date_order`` when given,
else the separator's (dotted and dashed day-first, slashed month-first, four-digit-first year-first). A day or a
month that cannot be one in that order (``2015-13-01``, ``31/12/2015`` read month-first) makes the date
unreadable: it is never read the other way round. A two-digit year pivots as it does in the text (00-29 are
20xx, 30-99 are 19xx: :func:`timeline.tagger.rules.base.two_digit_year`). A publication date must fall in the
years :data:`MIN_YEAR` to :data:`MAX_YEAR`: ``9999-12-31`` or ``0001-01-01`` are "no date" placeholders of
exports, not dates (:class:`PlaceholderDate`). ``--dct`` is also refused when it is ambiguous (a slashed
``11/12/2015`` with no ``--date-order``): one wrong global date would shift every event of the build.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re

from timeline.lang import DEFAULT, LanguageError

DATE_ORDERS = ("DMY", "MDY", "YMD")
#: the years a publication date can be in; outside them a date is a placeholder ("no date") of an export
MIN_YEAR, MAX_YEAR = 1000, 2999

_HAS_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
_NUMERIC = re.compile(r"\b(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})\b")


class PlaceholderDate(ValueError):
    """A date no publication can have (year 9999, year 1): an export's way of saying "no date"."""


class ImpossibleDate(ValueError):
    """A numeric date with no such month or day in the order it is read in (``2015-13-01``)."""


def guess_date_order(s: str) -> str:
    """Day/month order of a written date: year-first, dotted/dashed day-first, slashed month-first."""
    m = _NUMERIC.search(s)
    if not m:
        return "DMY"
    if len(m.group(1)) == 4:
        return "YMD"
    return "MDY" if m.group(2) == "/" else "DMY"


def _two_digit_year(yy: int) -> int:
    from timeline.tagger.rules.base import two_digit_year    # the text's pivot, so headers and text agree

    return two_digit_year(yy)


def numeric_parts(s: str, date_order: str | None = None) -> tuple[int, int, int, str] | None:
    """(year, month, day, order) of the first numeric date in ``s`` read in one order, or None when ``s`` has
    none; an :class:`ImpossibleDate` saying why when that order makes it impossible (never read the other way)."""
    m = _NUMERIC.search(s)
    if not m:
        return None
    first, sep, middle, last = m.groups()
    order = "YMD" if len(first) == 4 else (date_order or guess_date_order(s))
    if order == "YMD" and len(first) != 4 or order != "YMD" and len(last) not in (2, 4):
        return None                                   # not a shape we read ourselves: dateparser decides
    y, mo, d = {"YMD": (first, middle, last), "DMY": (last, middle, first), "MDY": (last, first, middle)}[order]
    year, month, day = int(y), int(mo), int(d)
    if len(y) == 2:
        year = _two_digit_year(year)
    names = {"YMD": "year-month-day", "DMY": "day.month.year", "MDY": "month/day/year"}
    if not 1 <= month <= 12:
        raise ImpossibleDate(f"{m.group(0)!r} read as {names[order]} has no month {month}"
                         + _order_hint(order, sep))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ImpossibleDate(f"{m.group(0)!r} read as {names[order]}: {calendar.month_name[month]} {year} has no day "
                         f"{day}" + _order_hint(order, sep))
    return year, month, day, order


def _order_hint(order: str, sep: str) -> str:
    how = {"YMD": "four digits first are year-month-day", "/": "slashed dates are month/day/year"}.get(
        order if order == "YMD" else sep, "dotted and dashed dates are day.month.year")
    return f" ({how}; write the date as ISO 2015-11-12, or give the day/month order with --date-order)"


def ambiguous(s: str, date_order: str | None = None) -> bool:
    """A slashed date whose day and month could be swapped (both 12 or less, not equal), with no order given:
    month/day/year in the US, day/month/year elsewhere. (Dotted and dashed dates are day-first everywhere.)"""
    if date_order is not None:
        return False
    m = _NUMERIC.search(s)
    if not m or len(m.group(1)) == 4 or m.group(2) != "/":
        return False
    a, b = int(m.group(1)), int(m.group(3))
    return a != b and a <= 12 and b <= 12


def check_year(value: _dt.datetime, what: str = "date") -> _dt.datetime:
    """``value`` if a publication can have it; a :class:`PlaceholderDate` otherwise."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise PlaceholderDate(f"{what} {value.date().isoformat()} is not a possible publication date (years "
                              f"{MIN_YEAR}-{MAX_YEAR}): a 'no date' placeholder?")
    return value


@functools.lru_cache(maxsize=None)
def _dateparser_knows(lang: str) -> bool:
    import dateparser

    try:
        dateparser.parse("2000-01-01", languages=[lang])
    except ValueError:
        return False
    return True


def parse_date(s: str, date_order: str | None = None, lang: str = DEFAULT) -> _dt.datetime | None:
    """Parse a written absolute date (``12.11.2015 14:12``, ``Nov. 12, 2015``, ``2015-11-12``) in language
    ``lang``; None if it is not one (or not a possible one in its order). A language dateparser does not know
    is a LanguageError."""
    try:
        return read_date(s, date_order, lang)
    except ImpossibleDate:
        return None


def read_date(s: str, date_order: str | None = None, lang: str = DEFAULT) -> _dt.datetime | None:
    """:func:`parse_date`, but a numeric date that is impossible in its order is an :class:`ImpossibleDate`."""
    import dateparser  # imported lazily: it is slow to import and only headers need it

    s = s.strip()
    if not s or len(s) > 80 or not _HAS_YEAR.search(s):
        return None
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}")
    if not _dateparser_knows(lang):
        raise LanguageError(f"dateparser cannot read dates in language {lang!r}")
    parts = numeric_parts(s, date_order)
    settings = {
        "DATE_ORDER": parts[3] if parts else (date_order or guess_date_order(s)),
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": _dt.datetime(2000, 1, 1),   # never the wall clock; relative headers are refused above
    }
    try:
        parsed = dateparser.parse(s, languages=[lang], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is not None and parts:            # the day, month and year we read, whatever dateparser made
        parsed = parsed.replace(year=parts[0], month=parts[1], day=parts[2])
    return parsed


def coerce_dct(dct, date_order: str | None = None, lang: str = DEFAULT, *,
               unambiguous: bool = False) -> _dt.datetime | None:
    """Accept a datetime, a date, or a written date (ISO or any header form, in language ``lang``) as a document
    creation time; a ValueError saying why when it is unreadable, impossible in its order, a placeholder
    (:class:`PlaceholderDate`), or (``unambiguous``: ``--dct``) ambiguous with no ``date_order``."""
    if dct is None:
        return None
    if isinstance(dct, _dt.datetime):
        return check_year(dct)
    if isinstance(dct, _dt.date):
        return check_year(_dt.datetime(dct.year, dct.month, dct.day))
    s = dct.strip()
    try:
        parsed = _dt.datetime.fromisoformat(s)
    except ValueError:
        parsed = None
    if parsed is None:
        if unambiguous and ambiguous(s, date_order):
            m = _NUMERIC.search(s)
            raise ValueError(f"{dct!r} is ambiguous: day {m.group(1)} of month {m.group(3)}, or month {m.group(1)} "
                             f"day {m.group(3)}? Write it as ISO (2015-11-12) or give --date-order DMY or MDY")
        parsed = read_date(s, date_order, lang)
    if parsed is None:
        raise ValueError(f"cannot read {dct!r} as a date (try ISO: 2015-11-12 or 2015-11-12T14:12)")
    return check_year(parsed)
