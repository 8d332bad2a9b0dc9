"""The canonical table: columns and dtypes, date order, event ids, and conservative merging across articles."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest

from timeline.events.extract import extract_events
from timeline.model import Document, Event, Timex
from timeline.table.order import to_table
from timeline.table.columns import COLUMN_NAMES, COLUMNS

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "fixtures" / "story"


def doc(path: str, body: str, dct=dt.datetime(2021, 3, 4, 18, 5), title: str = "T") -> Document:
    return Document(path, title, dct, body, 0)


def mention(d: Document, phrase: str, value: str, text: str | None = None, precision: str = "day",
            start: dt.date | None = None, end: dt.date | None = None) -> Event:
    i = d.text.find(phrase)
    t = Timex(i, i + len(phrase), phrase, "DATE", value)
    s = start or dt.date.fromisoformat(value)
    return Event(s, end or s, precision, t, phrase, i, i + len(phrase), text or d.text, "headline", d,
                 end_precision=precision, value=value, edtf=value)


def test_columns_and_dtypes_are_the_canonical_ones():
    d = doc("a.txt", "The bridge collapsed on Tuesday.")
    df = to_table([mention(d, "Tuesday", "2021-03-02")])
    assert tuple(df.columns) == COLUMN_NAMES
    assert [str(df[c.name].dtype) for c in COLUMNS] == [c.dtype for c in COLUMNS]


def test_empty_input_gives_an_empty_table_with_the_columns():
    df = to_table([])
    assert tuple(df.columns) == COLUMN_NAMES and len(df) == 0
    assert [str(df[c.name].dtype) for c in COLUMNS] == [c.dtype for c in COLUMNS]


def test_order_by_date_then_coarse_first_then_source_then_offset_and_ids_follow():
    a = doc("a.txt", "In 2015 it grew. On March 5, 2015 it fell. On March 5, 2015 again.")
    b = doc("b.txt", "On March 5, 2015 a different thing happened elsewhere entirely.")
    year = mention(a, "2015", "2015", precision="year", start=dt.date(2015, 1, 1), end=dt.date(2015, 12, 31))
    day_a = mention(a, "March 5, 2015", "2015-03-05", text="it fell")
    day_b = mention(b, "March 5, 2015", "2015-03-05", text="a different thing happened elsewhere")
    month = mention(a, "2015", "2015-03", precision="month", start=dt.date(2015, 3, 1), end=dt.date(2015, 3, 31))
    events = [day_b, month, day_a, year]
    expected = None
    for seed in range(5):
        random.Random(seed).shuffle(events)
        df = to_table(events)
        got = list(zip(df.timex_value, df.source_path))
        expected = expected or got
        assert got == expected == [("2015", "a.txt"), ("2015-03", "a.txt"), ("2015-03-05", "a.txt"),
                                   ("2015-03-05", "b.txt")]
        assert list(df.event_id) == ["e1", "e2", "e3", "e4"]


def test_open_start_sorts_by_its_end():
    d = doc("a.txt", "until Dec. 31 and on Nov. 3")
    e = mention(d, "Dec. 31", "2020-12-31")
    from dataclasses import replace
    open_start = replace(e, start=None, precision=None, kind="interval", flags=("open_start",))
    nov = mention(d, "Nov. 3", "2020-11-03")
    df = to_table([open_start, nov])
    assert list(df.timex_value) == ["2020-11-03", "2020-12-31"]
    assert pd.isna(df.start.iloc[1]) and df["flags"].iloc[1] == "open_start"


def test_same_happening_in_two_articles_is_merged_with_every_source():
    a = doc("a.txt", "The Osterby footbridge collapsed on Tuesday, injuring three people.",
            dct=dt.datetime(2021, 3, 4, 18, 5))
    b = doc("b.txt", "The Osterby footbridge collapsed on March 2, injuring three people.",
            dct=dt.datetime(2021, 3, 5, 9, 40))
    df = to_table([mention(b, "March 2", "2021-03-02"), mention(a, "Tuesday", "2021-03-02")])
    assert len(df) == 1
    row = df.iloc[0]
    assert row.source_path == "a.txt;b.txt" and row.sources_count == 2
    assert row.phrase == "Tuesday", "the earliest published article's mention is kept"
    assert "b.txt" in row.merge_note and "Jaccard" in row.merge_note


def test_merge_false_keeps_every_mention():
    a = doc("a.txt", "The Osterby footbridge collapsed on Tuesday, injuring three people.")
    b = doc("b.txt", "The Osterby footbridge collapsed on March 2, injuring three people.")
    df = to_table([mention(a, "Tuesday", "2021-03-02"), mention(b, "March 2", "2021-03-02")], merge=False)
    assert len(df) == 2 and set(df.sources_count) == {1} and df.merge_note.isna().all()


@pytest.mark.parametrize("text_b,value_b", [
    ("The operator added ferry crossings on Tuesday.", "2021-03-02"),              # same date, other happening
    ("The Osterby footbridge collapsed on Monday, injuring three people.", "2021-03-01"),   # other date
])
def test_merging_is_conservative(text_b, value_b):
    a = doc("a.txt", "The Osterby footbridge collapsed on Tuesday, injuring three people.")
    b = doc("b.txt", text_b)
    phrase_b = "Monday" if "Monday" in text_b else "Tuesday"
    df = to_table([mention(a, "Tuesday", "2021-03-02"), mention(b, phrase_b, value_b)])
    assert len(df) == 2


def test_the_same_article_is_never_merged_with_itself():
    a = doc("a.txt", "The bridge collapsed on Tuesday. The bridge collapsed on Tuesday.")
    e1 = mention(a, "Tuesday", "2021-03-02", text="The bridge collapsed on Tuesday.")
    from dataclasses import replace
    e2 = replace(e1, phrase_start=e1.phrase_start + 33, phrase_end=e1.phrase_end + 33)
    assert len(to_table([e1, e2])) == 2


def test_publication_events_are_never_merged():
    a = doc("a.txt", "Body.", title="Same title")
    b = doc("b.txt", "Body.", title="Same title", dct=dt.datetime(2021, 3, 4, 20, 0))
    events = extract_events(a, []) + extract_events(b, [])
    assert len(to_table(events)) == 2


def test_story_folder_gives_one_merged_ordered_table():
    import timeline

    tl = timeline.build([str(STORY)])
    df = tl.events
    assert tl.n_documents == 4
    collapse = df[df.timex_value == "2021-03-02"]
    assert len(collapse) == 1 and collapse.iloc[0].sources_count == 4
    assert collapse.iloc[0].source_path.count(";") == 3
    assert (df.kind == "publication").sum() == 4
    keys = [(s if isinstance(s, str) else e) for s, e in zip(df.start, df.end)]
    assert keys == sorted(keys)
    assert list(df.event_id) == [f"e{i}" for i in range(1, len(df) + 1)]
    # two different happenings on the same dates stay apart
    assert (df.phrase == "from March 8 to March 12").sum() == 2
    unmerged = timeline.build([str(STORY)], merge=False).events
    assert len(unmerged) == len(df) + 3
