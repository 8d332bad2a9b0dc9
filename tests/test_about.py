"""--about / --about-file: the entity filter and the entity column, read back from the table and from the CLI's
output; the semeval-timeline profile, read back with the task's scorer."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import timeline
from timeline.cli import main
from timeline.events.entities import participant_words
from timeline.evaluation.timelines import read_timeline
from timeline.export.semeval_timeline import anchor, file_name
from timeline.table.about import AboutError, Matcher, Target, parse_about, read_about_file, targets_of

ARTICLE = """Boeing delays the 787 again
Published 12.11.2015 14:12

Boeing Co. said on Wednesday it had delayed the first delivery of the 787. The planemaker blamed its suppliers.
On Monday, General Motors (GM) announced a recall of 200,000 cars. GM shares fell 3 percent on Tuesday.
"""


def matcher(*names: str) -> Matcher:
    return Matcher(targets_of(names), participant_words())


@pytest.mark.parametrize("target, forms, hit", [
    ("Boeing", ["Boeing Co."], True),                   # a corporate suffix
    ("Boeing Co.", ["Boeing"], True),
    ("boeing", ["the Boeing"], True),                   # case, "the"
    ("General Motors", ["GM"], True),                   # initials: an article that writes only "GM"
    ("Steve Jobs", ["Jobs"], True),                     # a last word
    ("Boeing 787", ["787"], True),
    ("Beatles Apple Corps", ["Apple Corps"], True),
    ("Beatles Apple Corps", ["Apple"], False),          # never the first word alone
    ("iPhone 4", ["iPhone 3G", "iPhone"], False),
    ("General Motors | the carmaker", ["the carmaker"], True),   # an alias given
    ("iTunes store", ["iTunes Music Store"], True),     # words between
    ("iTunes store", ["iTunes"], True),                 # the common noun at its end left out
    ("iTunes Store", ["iTunes"], False),
    ("iPhone 3G", ["3G iPhone"], True),                 # the same words in another order
    ("iPod", ["iPods"], True),                          # a plural
    ("iPhone 3G", ["iPhone 3GS"], False),
])
def test_a_target_matches_the_forms_of_a_participant(target, forms, hit):
    assert bool(matcher(target).hits(forms)) is hit


def test_an_about_file_is_one_entity_a_line_with_aliases(tmp_path):
    path = tmp_path / "entities.txt"
    path.write_text("# the carmakers\nGeneral Motors | GM | the carmaker\n\nSteve Jobs\nFord\tFord Motor Co.\n",
                    encoding="utf-8")
    assert read_about_file(path) == (Target("General Motors", ("GM", "the carmaker")), Target("Steve Jobs"),
                                     Target("Ford", ("Ford Motor Co.",)))


def test_an_empty_about_file_or_a_missing_one_is_one_clear_error(tmp_path):
    with pytest.raises(AboutError, match="no entity"):
        parse_about("# nothing\n\n")
    with pytest.raises(AboutError, match="cannot read"):
        read_about_file(tmp_path / "missing.txt")


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("about") / "boeing.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_every_row_lists_its_participants(article):
    events = timeline.build([str(article)]).events
    assert "participants" in events and "entity" in events
    delayed = events[events["trigger"] == "delayed"]
    assert delayed["participants"].tolist() == ["Boeing Co."]
    assert events["entity"].isna().all()


def test_about_keeps_only_the_events_of_the_entity_and_names_it(article):
    events = timeline.build([str(article)], entities=["Boeing"]).events
    assert len(events) and (events["entity"] == "Boeing").all()
    assert not events["trigger"].isin(["announced", "fell"]).any()
    gm = timeline.build([str(article)], entities=["General Motors"]).events
    assert set(gm["trigger"]) >= {"announced"} and (gm["entity"] == "General Motors").all()


def test_an_unknown_entity_is_an_empty_table_and_a_message(article):
    tl = timeline.build([str(article)], entities=["Airbus"])
    assert len(tl.events) == 0 and not tl.failures
    assert ("--about", "no event involves 'Airbus' (no article names it as a participant)") in tl.notes


def test_cli_about_and_about_file_write_the_entity_column(article, tmp_path, capsys):
    entities = tmp_path / "entities.txt"
    entities.write_text("General Motors | GM\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(article), "--out", str(out), "--no-chart", "--about", "Boeing",
                 "--about-file", str(entities), "--about", "Airbus"])
    assert code == 0
    table = pd.read_csv(out / "events.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(table["entity"]) == {"Boeing", "General Motors"}
    assert "no event involves 'Airbus'" in capsys.readouterr().err


def test_semeval_timeline_without_entities_is_a_usage_error(article, tmp_path, capsys):
    assert main(["build", str(article), "--out", str(tmp_path), "--format", "semeval-timeline"]) == 2
    assert "--about" in capsys.readouterr().err


@pytest.mark.parametrize("start, precision, expected", [
    ("2010-06-07", "day", "2010-06-07"), ("2010-06-07", "week", "2010-06-07"), ("2010-06-01", "month", "2010-06-XX"),
    ("2015-09-01", "season", "2015-09-XX"), ("2011-01-01", "year", "2011-XX-XX"), ("1990-01-01", "decade", "1990-XX-XX"),
    (None, None, "XXXX-XX-XX"),
])
def test_the_anchor_is_the_first_day_at_its_precision(start, precision, expected):
    assert anchor(start, precision) == expected


def test_an_entity_file_is_named_as_the_task_names_it():
    assert file_name("iPhone 4") == "iphone_4.txt" and file_name("Beatles Apple Corps") == "beatles_apple_corps.txt"
    assert file_name("../etc/passwd") == "etc_passwd.txt"


def test_semeval_timeline_writes_a_timeline_per_entity(article, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(article), "--out", str(out), "--no-chart", "--format", "semeval-timeline",
                 "--about", "Boeing", "--about", "Airbus"]) == 0
    boeing = read_timeline(out / "semeval-timeline" / "boeing.txt")
    assert boeing.entity == "Boeing" and boeing.rows
    assert all(m.startswith("boeing-") for r in boeing.rows for m in r.mentions)
    delayed = [r for r in boeing.rows if any(m.endswith("-delayed") for m in r.mentions)]
    assert delayed and delayed[0].anchor == "2015-11-11" and delayed[0].mentions == ("boeing-1-delayed",)
    assert (out / "semeval-timeline" / "airbus.txt").read_text(encoding="utf-8") == "Airbus\n"


TRIAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "semeval2015-task4-trial"


def test_semeval_timeline_mentions_of_timeml_input_are_docid_sentence_token():
    from timeline.export._base import Context, Documents
    from timeline.export.semeval_timeline import _Sentences
    from timeline.sources.timeml import read_timeml

    source = TRIAL / "timeml-all-events" / "16844-Apple_unveils_iPhone_4.tml"
    if not source.is_file():
        pytest.skip("../shared/corpora/semeval2015-task4-trial is not present")
    text = read_timeml(source).text                          # the text the build's rows have offsets into
    where = _Sentences(Context(Documents([]), ""))
    found = {where.mention(str(source), text.index(word), word) for word in ("unveiled", "praised", "reduction")}
    gold = {m for r in read_timeline(TRIAL / "timelines" / "iphone_4.txt").rows for m in r.mentions}
    assert found == {"16844-2-unveiled", "16844-6-praised", "16844-7-reduction"} and found <= gold
