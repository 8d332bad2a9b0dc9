"""The table of precisions: one period and one TIMEX3, EDTF and TimelineJS rendering per precision."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline.events.dates import span_of
from timeline.precision import NAMES, TABLE, edtf, end_of, get, timex
from timeline.render.items import items_from_table

D = dt.date
STARTS = {"century": D(1900, 1, 1), "decade": D(1990, 1, 1), "year": D(2015, 1, 1), "half": D(2015, 7, 1),
          "season": D(2015, 12, 1), "quarter": D(2015, 10, 1), "month": D(2015, 2, 1), "week": D(2015, 10, 19),
          "day": D(2015, 10, 23)}


def test_the_table_is_coarse_first_and_names_each_precision_once():
    assert NAMES == ("millennium", "century", "decade", "year", "half", "season", "quarter", "month", "week", "day",
                     "time")
    assert len({p.name for p in TABLE}) == len(TABLE)


@pytest.mark.parametrize("name", sorted(STARTS))
def test_the_timex3_of_a_period_names_the_days_its_end_says(name):
    start = STARTS[name]
    span = span_of(timex(start, name))
    assert (span.start, span.end, span.precision) == (start, end_of(start, name), name)


@pytest.mark.parametrize("day, name, last", [
    (D(1990, 1, 1), "decade", D(1999, 12, 31)),       # the tagger's end_of gave 1990-01-01
    (D(1995, 6, 1), "decade", D(1999, 12, 31)),       # the chart's gave 2004-12-31 (ten years from the day)
    (D(1900, 1, 1), "century", D(1999, 12, 31)),      # TIMEX3 "19": the 1900s
    (D(2015, 2, 1), "quarter", D(2015, 3, 31)),       # the chart's gave April 30 (three months from February)
    (D(2015, 12, 5), "season", D(2016, 2, 29)),       # a winter ends in the next February
    (D(2015, 10, 24), "week", D(2015, 10, 25)),       # a week (weekend) from Saturday ends on Sunday, not Friday
    (D(2015, 10, 24), "weekend", D(2015, 10, 25)),
    (D(2015, 10, 24), "day", D(2015, 10, 24)),
    (D(9995, 3, 1), "decade", D(9999, 12, 31)),
])
def test_end_of_is_the_last_day_of_the_period_containing_the_day(day, name, last):
    assert end_of(day, name) == last


def test_end_of_past_the_calendar_is_an_error_for_the_tagger_and_the_day_for_the_chart():
    with pytest.raises(ValueError):
        end_of(D(9999, 12, 1), "season")
    table = pd.DataFrame([{"start": "9999-12-01", "precision": "season"}])
    assert items_from_table(table)[0][0].end == D(9999, 12, 1)


def test_the_chart_draws_a_hand_typed_period_as_long_as_its_words_say():
    """A row typed as "1995, decade" is the 1990s: its span ends with 1999, as the label "1990s" says."""
    table = pd.DataFrame([{"start": "1995-01-01", "precision": "decade", "headline": "x"},
                          {"start": "2015-02-01", "precision": "quarter", "headline": "y"}])
    items, _ = items_from_table(table)
    assert [it.end for it in items] == [D(1999, 12, 31), D(2015, 3, 31)]


def test_an_interval_from_a_weekend_starts_somewhere_in_that_weekend():
    table = pd.DataFrame([{"start": "2015-10-24", "end": "2015-11-12", "precision": "week", "kind": "interval",
                           "end_precision": "day", "headline": "x"}])
    assert items_from_table(table)[0][0].start_chunk == (D(2015, 10, 24), D(2015, 10, 25))


@pytest.mark.parametrize("name, value", [("weekend", "2015-W43-WE"), ("hour", "2015-10-24"),
                                          ("millennium", "2"), ("nonsense", "2015-10-24")])
def test_the_taggers_granularities_are_written_at_a_precision(name, value):
    assert timex(D(2015, 10, 24), name) == value


def test_edtf_marks_approximate_only_what_it_can_say():
    assert edtf(D(2015, 10, 1), "month", approximate=True) == "2015-10~"
    assert edtf(D(2015, 10, 1), "quarter", approximate=True) == "2015-36"
    assert edtf(D(2015, 10, 23), "time", time="14:12:00", approximate=True) == "2015-10-23T14:12:00"


def test_timelinejs_parts_say_the_whole_of_a_year_month_day_or_time_only():
    assert {p.name for p in TABLE if p.tjs_whole} == {"year", "month", "day", "time"}
    assert [get(n).tjs_parts for n in ("decade", "season", "week")] == [1, 2, 3]
