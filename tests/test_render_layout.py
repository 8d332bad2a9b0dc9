"""The chart's layout rules, without drawing: reader's dates, the broken axis, lanes, label placement."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.render_layout import (Item, RenderError, dodge, format_date, gap_words, items_from_table, lanes,
                                    reader_date, segments, select, span_label, wrap)

D = dt.date


def item(start, end=None, precision="day", *, kind="mention", mod="", approximate=False, end_precision=None,
         row=0, count=1, open_start=False):
    s = D.fromisoformat(start)
    e = D.fromisoformat(end) if end else s
    return Item(row=row, start=s, end=e, precision=precision, end_precision=end_precision or precision, kind=kind,
                mod=mod, approximate=approximate, sources_count=count, headline=f"h{row}", open_start=open_start)


@pytest.mark.parametrize("it, with_year, expected", [
    (item("2015-10-23"), False, "Oct. 23"),
    (item("2015-10-23"), True, "Oct. 23, 2015"),
    (item("2015-09-03"), True, "Sept. 3, 2015"),
    (item("2015-03-03"), False, "March 3"),
    (item("2015-10-01", "2015-10-31", "month"), False, "October 2015"),
    (item("2011-01-01", "2011-12-31", "year"), False, "2011"),
    (item("2011-01-01", "2015-11-12", "year", kind="interval", end_precision="day"), False, "2011 – Nov. 12, 2015"),
    (item("2015-10-05", "2015-10-20", kind="interval"), False, "Oct. 5 – 20"),
    (item("2015-10-05", "2015-10-20", kind="interval"), True, "Oct. 5 – 20, 2015"),
    (item("2015-09-28", "2015-10-20", kind="interval"), True, "Sept. 28 – Oct. 20, 2015"),
    (item("2015-10-01", "2015-11-12", "month", kind="interval", end_precision="day"), False, "October – Nov. 12"),
    (item("2014-12-28", "2015-01-02", kind="interval"), False, "Dec. 28, 2014 – Jan. 2, 2015"),
    (item("2015-10-23", mod="APPROX"), False, "About Oct. 23"),
    (item("2015-10-23", approximate=True), True, "About Oct. 23, 2015"),
    (item("2015-10-01", "2015-10-31", "month", mod="MID"), True, "Mid-October 2015"),
    (item("2015-10-01", "2015-10-31", "month", mod="START"), True, "Early October 2015"),
    (item("2015-06-01", "2015-08-31", "season"), True, "Summer 2015"),
    (item("2015-06-01", "2015-08-31", "season", mod="APPROX"), True, "About summer 2015"),
    (item("2015-07-01", "2015-09-30", "quarter"), True, "Third quarter of 2015"),
    (item("1990-01-01", "1999-12-31", "decade"), True, "1990s"),
    (item("1801-01-01", "1900-12-31", "century"), True, "19th century"),
    (item("2015-11-11", open_start=True), False, "Until Nov. 11"),
])
def test_reader_date(it, with_year, expected):
    assert reader_date(it, with_year=with_year) == expected


def test_a_time_is_said_the_ap_way():
    assert format_date(D(2015, 11, 12), "time", timex_value="2015-11-12T14:12") == "Nov. 12, 2015, 2:12 p.m."
    assert format_date(D(2015, 11, 12), "time", with_year=False, timex_value="2015-11-12T09:00") == "Nov. 12, 9 a.m."


def test_season_comes_from_the_timex_value_when_given():
    assert format_date(D(2015, 12, 1), "season", timex_value="2015-WI") == "Winter 2015"


@pytest.mark.parametrize("first, last, expected", [
    (D(2011, 1, 1), D(2011, 12, 31), "2011"),
    (D(2015, 10, 1), D(2015, 11, 12), "Oct. – Nov. 2015"),
    (D(2015, 10, 1), D(2015, 10, 31), "October 2015"),
    (D(1915, 3, 1), D(2014, 6, 30), "1915 – 2014"),
    (D(2015, 10, 23), D(2015, 10, 23), "Oct. 23, 2015"),
])
def test_segment_headers(first, last, expected):
    assert span_label(first, last) == expected


@pytest.mark.parametrize("before, after, expected", [
    (D(2011, 12, 31), D(2015, 10, 1), "3 years 9 months later"),
    (D(2015, 1, 1), D(2015, 3, 15), "2 months later"),
    (D(2015, 1, 1), D(2015, 1, 20), "19 days later"),
    (D(1950, 4, 15), D(1980, 3, 11), "About 29 years later"),
])
def test_a_break_in_the_axis_says_how_much_time_it_cuts_out(before, after, expected):
    assert gap_words(before, after) == expected


def seed_items():
    return [item("2011-01-01", "2015-11-12", "year", kind="interval", end_precision="day", row=0),
            item("2015-10-01", "2015-10-31", "month", row=1), item("2015-10-01", "2015-10-31", "month", row=2),
            item("2015-10-23", row=3), item("2015-11-11", row=4), item("2015-11-12", kind="publication", row=5)]


def test_the_seed_axis_breaks_between_2011_and_the_2015_cluster():
    segs = segments(seed_items())
    assert [s.label for s in segs] == ["2011", "Oct. – Nov. 2015"]
    assert [[it.row for it in s.items] for s in segs] == [[0], [1, 2, 3, 4, 5]]
    assert segs[0].last < D(2012, 3, 1) and segs[1].first > D(2015, 9, 1)


def test_evenly_spread_events_keep_one_linear_axis():
    items = [item(f"{1915 + 5 * k}-06-01", row=k) for k in range(20)]
    assert len(segments(items)) == 1


def test_lanes_separate_overlapping_spans_only():
    assert lanes([(0, 10), (5, 15), (20, 30), (12, 40)], gap=1) == [0, 1, 0, 2]
    assert lanes([(0, 10), (11, 20)], gap=1) == [0, 0]


def test_select_keeps_the_publication_and_the_most_reported_events_in_date_order():
    items = [item(f"2015-10-{d:02d}", row=d, count=1) for d in range(1, 21)]
    items[15].kind = "publication"
    items[10].sources_count = 5
    kept, hidden = select(items, 5)
    assert hidden == 15 and len(kept) == 5
    assert items[15] in kept and items[10] in kept
    assert kept == sorted(kept, key=lambda it: it.start)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(5, 80)), min_size=1, max_size=40))
def test_dodged_labels_never_overlap_and_stay_in_order(specs):
    specs.sort()
    desired, heights = [d for d, _ in specs], [h for _, h in specs]
    room = sum(heights) + 8 * len(heights)
    tops = dodge(desired, heights, gap=8, lo=0, hi=max(1000.0, room))
    for k in range(len(tops) - 1):
        assert tops[k + 1] >= tops[k] + heights[k] + 8 - 1e-6
    assert tops[0] >= -1e-6 and tops[-1] + heights[-1] <= max(1000.0, room) + 1e-6


def test_dodge_leaves_labels_that_fit_where_they_want_to_be():
    assert dodge([0, 100, 200], [20, 20, 20], gap=5, lo=0, hi=300) == [0, 100, 200]


def test_wrap_measures_lines():
    lines = wrap("one two three four five six", 9, len)
    assert lines == ["one two", "three", "four five", "six"]
    assert all(len(line) <= 9 for line in wrap("a verylongwordthatdoesnotfit here", 9, len))


def test_items_from_a_hand_edited_table():
    table = pd.DataFrame({"start": ["2015-10", "", "2015-10-23", ""], "end": ["", "2015-11-11", "", ""],
                          "headline": ["Month", "Open", "", "Undated"], "event_text": ["", "", "Sharif spoke", ""]})
    items, undated = items_from_table(table)
    assert undated == 1
    month, day, open_ = items
    assert (month.precision, month.end) == ("month", D(2015, 10, 31))
    assert day.headline == "Sharif spoke" and day.precision == "day"
    assert open_.open_start and open_.start == open_.end == D(2015, 11, 11)


def test_an_unreadable_date_names_the_origin_and_the_row():
    table = pd.DataFrame({"start": ["2015-10-23", "Oct 23"], "end": ["", ""]})
    with pytest.raises(RenderError, match=r"events\.csv, row 2 \(line 3\): cannot read the date 'Oct 23'"):
        items_from_table(table, origin="events.csv")


def test_an_end_before_the_start_is_an_error():
    with pytest.raises(RenderError, match="row 1"):
        items_from_table(pd.DataFrame({"start": ["2015-10-23"], "end": ["2015-10-01"]}))
