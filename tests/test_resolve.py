"""Resolution on its own: the anchor (DCT, the text's last date, or none), tense, and never the wall clock."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.model import Mention, Partial
from timeline.tagger.recognize import recognize
from timeline.tagger.resolve import resolve

DCT = dt.datetime(2015, 11, 12, 14, 12)      # a Thursday


def mention(text="x", typ="DATE", **partial):
    return Mention(0, len(text), text, typ, Partial(**partial))


def value(partial_kwargs, dct=DCT, text="x"):
    return resolve([mention(text, **partial_kwargs)], text, dct)[0]


def test_deictic_offset_counts_from_the_dct():
    t = value(dict(offset=("day", -1), anchor="dct", granularity="day"))
    assert (t.value, t.anchor) == ("2015-11-11", "dct")


def test_absolute_date_needs_no_anchor():
    t = value(dict(year=2011, granularity="year"))
    assert (t.value, t.anchor) == ("2011", "absolute")


def test_bare_weekday_is_the_most_recent_one():
    assert value(dict(weekday=3, granularity="day", anchor="dct")).value == "2015-11-11"


def test_bare_weekday_with_future_tense():
    text = "He will arrive Friday."
    assert resolve(recognize(text), text, DCT)[0].value == "2015-11-13"


def test_year_is_inferred_and_flagged():
    t = value(dict(month=10, day=23, granularity="day"))
    assert t.value == "2015-10-23" and "year_inferred" in t.flags


def test_month_day_just_ahead_of_the_dct_is_this_year():
    # a deadline a few weeks ahead is nearer than the same day almost a year back
    assert value(dict(month=12, day=7, granularity="day")).value == "2015-12-07"


def test_quarter_anaphora_uses_the_quarter_in_view():
    text = "Profit rose in the third quarter. A year earlier, it fell."
    values = [t.value for t in resolve(recognize(text), text, DCT)]
    assert values == ["2015-Q3", "2014-Q3"]


def test_anaphoric_expression_counts_from_the_last_date_in_the_text():
    text = "Troops arrived on Oct. 23, 2012. Two days later, shelling began."
    values = [(t.value, t.anchor) for t in resolve(recognize(text), text, DCT)]
    assert values == [("2012-10-23", "absolute"), ("2012-10-25", "ref")]


def test_narrative_mode_anchors_to_the_text():
    text = "Napoleon crossed the Niemen on June 24, 1812. By July the army was starving."
    values = [t.value for t in resolve(recognize(text), text, None)]
    assert values == ["1812-06-24", "1812-07"]


@pytest.mark.parametrize("partial,expected", [
    (dict(month=10, day=23, granularity="day"), "XXXX-10-23"),
    (dict(month=10, granularity="month"), "XXXX-10"),
    (dict(weekday=3, granularity="day", anchor="dct"), "XXXX-WXX-3"),
    (dict(offset=("day", -1), anchor="dct", granularity="day"), "XXXX-XX-XX"),
])
def test_narrative_mode_without_a_date_keeps_placeholders(partial, expected):
    t = value(partial, dct=None)
    assert (t.value, t.anchor) == (expected, "none")


def test_the_wall_clock_is_never_read(monkeypatch):
    class Boom(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            raise AssertionError("wall clock read")

        @classmethod
        def today(cls):
            raise AssertionError("wall clock read")

    monkeypatch.setattr(dt, "datetime", Boom)
    text = "Yesterday, on Oct. 23, troops left; they return next week."
    resolve(recognize(text), text, None)


def test_same_document_resolves_the_same_way_every_time():
    text = "On Wednesday, troops left. Talks resume next month."
    first = resolve(recognize(text), text, "2015-11-12T14:12")
    assert first == resolve(recognize(text), text, "2015-11-12T14:12")
