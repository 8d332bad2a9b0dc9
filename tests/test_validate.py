"""The TIMEX3 value grammar validator (tests.support.validate): one table of accepted and one of refused values."""
from __future__ import annotations

import pytest

from tests.support.validate import check_timexes, explain, is_real_date, is_valid_value, iso_weeks

VALID = [
    # (value, type, why)
    ("2015", "DATE", "year"),
    ("2015-10", "DATE", "month"),
    ("2015-10-23", "DATE", "day"),
    ("2016-02-29", "DATE", "leap day in a leap year"),
    ("2000-02-29", "DATE", "leap day: divisible by 400"),
    ("2015-W45", "DATE", "ISO week"),
    ("2015-W53", "DATE", "2015 has 53 ISO weeks"),
    ("2015-W45-WE", "DATE", "weekend of a week"),
    ("2015-W45-3", "DATE", "weekday of a week"),
    ("2015-Q4", "DATE", "quarter"),
    ("2015-H1", "DATE", "half year"),
    ("2015-SU", "DATE", "season"),
    ("2015-WI", "DATE", "season"),
    ("199", "DATE", "decade"),
    ("19", "DATE", "century"),
    ("19XX", "DATE", "century written as a year with placeholders"),
    ("199X", "DATE", "decade written as a year with placeholders"),
    ("XX", "DATE", "some century (next century from a DCT in 9999)"),
    ("XXX", "DATE", "some decade"),
    ("XXXX-10-23", "DATE", "year unknown"),
    ("XXXX-02-29", "DATE", "Feb. 29 exists in some year"),
    ("XXXX-WXX-1", "DATE", "a Monday"),
    ("XXXX-XX", "DATE", "some month"),
    ("BC0044-03-15", "DATE", "BC year"),
    ("PAST_REF", "DATE", "the past"),
    ("PRESENT_REF", "TIME", "now"),
    ("FUTURE_REF", "DATE", "the future"),
    ("2015-11-12T14:12", "TIME", "date and time"),
    ("2015-11-12T14:12:30", "TIME", "with seconds"),
    ("2015-11-12T14:12:30.5Z", "TIME", "fraction and zone"),
    ("2015-11-12T14:12+01:00", "TIME", "offset zone"),
    ("2015-11-12T24:00", "TIME", "end of day"),
    ("2015-11-12TNI", "TIME", "tonight"),
    ("XXXX-XX-XXTMO", "TIME", "some morning"),
    ("T14:00", "TIME", "bare clock time"),
    ("XXXX-XX-XXTXX:XX", "TIME", "some time of some day"),
    ("2015-11-12T14:XX", "TIME", "minute unknown"),
    ("TAF", "TIME", "bare part of day"),
    ("2015-W45-3TEV", "TIME", "week day and part of day"),
    ("P3D", "DURATION", "days"),
    ("P1Y2M", "DURATION", "combined"),
    ("P1.5Y", "DURATION", "fractional"),
    ("P2W", "DURATION", "weeks"),
    ("PT30M", "DURATION", "minutes"),
    ("P1DT12H", "DURATION", "days and hours"),
    ("PXY", "DURATION", "some years"),
    ("PXD", "DURATION", "some days"),
    ("PTXH", "DURATION", "some hours"),
    ("P1DE", "DURATION", "a decade"),
    ("P2CE", "DURATION", "two centuries"),
    ("P1WE", "DURATION", "a weekend"),
    ("P1Q", "DURATION", "a quarter"),
    ("P2L", "DURATION", "two millennia (TimeBank)"),
    ("PXC", "DURATION", "centuries (TimeBank)"),
    ("P1E", "DURATION", "a decade (TimeBank)"),
    ("P1ML", "DURATION", "a millennium (ISO-TimeML)"),
    ("P1W", "SET", "weekly"),
    ("XXXX-WXX-1", "SET", "every Monday"),
    ("XXXX-XX-XXTMO", "SET", "every morning"),
    ("XXXX-12-25", "SET", "every Christmas"),
]

INVALID = [
    ("2015-02-29", "DATE", "not a leap year"),
    ("1900-02-29", "DATE", "century not divisible by 400"),
    ("2015-02-30", "DATE", "Feb. 30"),
    ("XXXX-02-30", "DATE", "Feb. 30 in no year"),
    ("2015-04-31", "DATE", "April has 30 days"),
    ("2015-10-32", "DATE", "Oct. 32"),
    ("2015-13", "DATE", "month 13"),
    ("2015-00", "DATE", "month 0"),
    ("2015-10-00", "DATE", "day 0"),
    ("0000-01-01", "DATE", "year zero"),
    ("99999", "DATE", "five-digit year"),
    ("2015-W54", "DATE", "week 54"),
    ("2014-W53", "DATE", "2014 has 52 ISO weeks"),
    ("2015-W00", "DATE", "week 0"),
    ("2015-W45-8", "DATE", "weekday 8"),
    ("2015-Q5", "DATE", "quarter 5"),
    ("2015-H3", "DATE", "half 3"),
    ("2015-XY", "DATE", "no such season"),
    ("2015-1-5", "DATE", "unpadded"),
    ("15-10-23", "DATE", "two-digit year"),
    ("X9XX", "DATE", "placeholder before a digit"),
    ("2015-10-23T14:12", "DATE", "a DATE with a time"),
    ("2015-10-23", "TIME", "a TIME without a time"),
    ("2015-10T14:12", "TIME", "time after a month"),
    ("2015-11-12T25:00", "TIME", "hour 25"),
    ("2015-11-12T24:30", "TIME", "24:30"),
    ("2015-11-12T14:60", "TIME", "minute 60"),
    ("2015-11-12TXY", "TIME", "no such part of day"),
    ("2015-11-12TXX:30", "TIME", "minute known, hour not"),
    ("3D", "DURATION", "no P"),
    ("P", "DURATION", "P alone"),
    ("PT", "DURATION", "PT alone"),
    ("P3", "DURATION", "no unit"),
    ("P3Z", "DURATION", "no such unit"),
    ("P1D2Y", "DURATION", "units out of order"),
    ("P1E1DE", "DURATION", "decades twice"),
    ("P1H", "DURATION", "hours need T"),
    ("P3D", "DATE", "a duration as a DATE"),
    ("2015", "DURATION", "a date as a DURATION"),
    ("PAST_REF", "DURATION", "a REF as a DURATION"),
    ("", "DATE", "empty"),
    (" 2015", "DATE", "leading space"),
    ("２０１５", "DATE", "full-width digits"),
    ("2015", "EVENT", "unknown type"),
    ("2015-10-23-01", "DATE", "too many parts"),
    ("2015-10-23" * 10, "DATE", "too long"),
]


@pytest.mark.parametrize("value,type_,why", VALID, ids=[f"{v}-{t}" for v, t, _ in VALID])
def test_valid_value_is_accepted(value, type_, why):
    assert explain(value, type_) is None, why
    assert is_valid_value(value, type_)


@pytest.mark.parametrize("value,type_,why", INVALID, ids=[f"{v[:20]}-{t}" for v, t, _ in INVALID])
def test_invalid_value_is_refused_with_a_reason(value, type_, why):
    reason = explain(value, type_)
    assert isinstance(reason, str) and reason, why
    assert not is_valid_value(value, type_)


def test_non_string_values_are_refused():
    assert not is_valid_value(None, "DATE")     # type: ignore[arg-type]
    assert not is_valid_value(2015, "DATE")     # type: ignore[arg-type]


def test_is_real_date_follows_the_gregorian_calendar():
    assert is_real_date(2016, 2, 29) and not is_real_date(2015, 2, 29)
    assert not is_real_date(0, 1, 1) and not is_real_date(10000, 1, 1)
    assert not is_real_date(2015, 13, 1) and not is_real_date(2015, 1, 0)


def test_iso_weeks_knows_the_53_week_years():
    assert [y for y in range(2010, 2030) if iso_weeks(y) == 53] == [2015, 2020, 2026]


def test_check_timexes_accepts_a_sound_output():
    from timeline.model import Timex

    text = "On Oct. 23 and in 2015"
    out = [Timex(3, 10, "Oct. 23", "DATE", "2015-10-23"), {"start": 18, "end": 22, "text": "2015", "type": "DATE",
                                                            "value": "2015"}]
    assert check_timexes(text, out) == []


@pytest.mark.parametrize("span,why", [
    ((3, 10, "Oct. 24", "DATE", "2015-10-23"), "text does not match the span"),
    ((18, 40, "2015", "DATE", "2015"), "span past the end"),
    ((-1, 2, "On", "DATE", "2015"), "negative start"),
    ((3, 3, "", "DATE", "2015"), "empty span"),
    ((3, 10, "Oct. 23", "DATE", "2015-10-32"), "invalid value"),
    ((5, 12, "t. 23 a", "DATE", "2015"), "overlaps Oct. 23"),
])
def test_check_timexes_finds_each_problem(span, why):
    text = "On Oct. 23 and in 2015"
    good = {"start": 3, "end": 10, "text": "Oct. 23", "type": "DATE", "value": "2015-10-23"}
    bad = dict(zip(("start", "end", "text", "type", "value"), span))
    assert check_timexes(text, [good, bad]), why
