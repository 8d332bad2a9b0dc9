"""One row per happening across articles (issue 13, item 2): made-up stories of three or four articles, published on
different days, that report the same happenings in other words (future tense in one, past in the next), and a
counter-fixture of unrelated articles that share dates and stock phrases ("a year earlier", "opened ... on Oct. 1").
Precision first: a false merge hides a source."""
from __future__ import annotations

from pathlib import Path

import pytest

import timeline
from timeline.table.happening import lexicon, same_happening, specific

FIXTURES = Path(__file__).parent / "fixtures"

#: each story's happenings reported by two or more articles: date -> the articles (file stems) of its one row
STORIES = {
    "story_dam": {"2022-04-04": {"01_cracks", "02_minister", "03_breach"},         # found / flagged cracks
                  "2022-04-08": {"01_cracks", "02_minister", "04_aftermath"},      # lowered / drained
                  "2022-04-12": {"01_cracks", "02_minister", "03_breach"},         # will visit / toured / inspected
                  "2022-04-15": {"03_breach", "04_aftermath"}},                    # gave way / collapsed
    "story_strike": {"2022-05-31": {"01_vote", "02_walkout", "03_talks"},          # broke down / collapsed
                     "2022-06-06": {"01_vote", "02_walkout", "03_talks"},          # will strike / walked out
                     "2022-06-13": {"02_walkout", "03_talks"}},                    # will meet / met
    "story_rail": {"2023-01-14": {"01_landslide", "02_reopened", "03_evening"},    # blocked / buried
                   "2023-02-20": {"01_landslide", "02_reopened", "03_evening"},    # will reopen / reopened
                   "2023-03-01": {"02_reopened", "03_evening"}},                   # will add / added
}


def _rows(name: str):
    events = timeline.build([str(FIXTURES / name)], jobs=1).events
    return events[events.kind != "publication"]


def _stems(source_path: str) -> set[str]:
    return {Path(p).stem for p in source_path.split(";")}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_each_happening_of_a_story_is_one_row(name):
    rows = _rows(name)
    merged = {r.edtf: _stems(r.source_path) for r in rows.itertuples() if r.sources_count > 1}
    assert merged == STORIES[name]
    for r in rows.itertuples():                 # no two rows of one date and one article's happening left apart
        assert r.sources_count == len(_stems(r.source_path))


@pytest.mark.parametrize("name", sorted(STORIES))
def test_every_merge_is_explained(name):
    for r in _rows(name).itertuples():
        if r.sources_count > 1:
            note = r.merge_note
            assert note.startswith(f"{r.sources_count} articles report the same date ({r.edtf})")
            for path in r.source_path.split(";")[1:]:
                assert path in note
            assert "same happening in other words" in note or "Jaccard" in note


def test_unrelated_articles_sharing_dates_and_stock_phrases_never_merge():
    rows = _rows("unrelated")
    assert (rows.sources_count == 1).all(), rows[rows.sources_count > 1][["edtf", "headline", "source_path"]]
    assert rows.merge_note.isna().all()
    # the dates are shared: four "opened ... on Oct. 1", two "Sales were flat compared with a year earlier"
    assert (rows.edtf == "2021-10-01").sum() == 4
    assert (rows.headline == "Sales were flat compared with a year earlier").sum() == 2


def test_the_merged_rows_are_the_same_in_memory_and_spilled(tmp_path):
    paths = [str(FIXTURES / name) for name in sorted(STORIES)] + [str(FIXTURES / "unrelated")]
    in_memory = timeline.build(paths, jobs=1).events
    with timeline.build_spilled(paths, insert_rows=2, spill_dir=tmp_path) as spilled:
        import pandas as pd
        pd.testing.assert_frame_equal(spilled.events.frame(), in_memory)


GIST = lexicon().gist


@pytest.mark.parametrize("a, b", [
    ("Part of the Velmora dam gave way, flooding 40 homes in the valley.",
     "The Velmora dam collapsed, flooding homes in the valley."),
    ("Regional minister Petra Lind will visit the dam.", "Minister Petra Lind toured the dam."),
    ("Dock workers at the port of Osterby will strike.", "Dock workers at the port of Osterby walked out."),
    ("Talks between the union and the port authority broke down.",
     "Negotiations between the union and the port authority collapsed."),
])
def test_same_happening_in_other_words(a, b):
    ga, gb = GIST(a), GIST(b)
    assert specific(ga, gb) and same_happening(ga, gb)


@pytest.mark.parametrize("a, b", [
    ("The company opened a plant in Brno.", "The company opened an office in Oslo."),          # other names
    ("Sales were flat compared with a year earlier.", "Sales were flat compared with a year earlier."),  # stock words
    ("a year earlier.", "a year earlier."),                                                    # the date alone
    ("Three people were injured when the Osterby footbridge collapsed.",
     "Five people were injured when the Osterby footbridge collapsed."),                      # other numbers
    ("The water board lowered the reservoir.", "The water board inspected the reservoir."),  # other predicate
])
def test_not_the_same_happening(a, b):
    ga, gb = GIST(a), GIST(b)
    assert not (specific(ga, gb) and same_happening(ga, gb))


def test_stock_phrases_alone_are_not_specific():
    assert not specific(GIST("Sales were flat compared with a year earlier."),
                        GIST("Sales were flat compared with a year earlier."))
    assert specific(GIST("The Osterby footbridge collapsed."), GIST("The Osterby footbridge collapsed."))
