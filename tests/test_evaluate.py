"""The TempEval-3 Task A evaluator, with fake taggers injected (independent of the real tagger's accuracy)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.evaluation import tempeval as ev
from timeline.model import Timex
from timeline.sources.timeml import read_timeml

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "tbaq"

# Gold: "yesterday" (DATE 1998-01-07), "two weeks" (DURATION P2W), "Friday morning" (TIME), "every day" (SET)
GOLD_A = """<?xml version="1.0" ?>
<TimeML>
<DOCID>A</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">01/08/1998</TIMEX3></DCT>
<TEXT>
Prices fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> of gains. Trading resumes <TIMEX3 tid="t3" type="TIME" value="1998-01-09TMO">Friday morning</TIMEX3>.
Brokers call <TIMEX3 tid="t4" type="SET" value="P1D">every day</TIMEX3>.
</TEXT>
</TimeML>
"""

# One PUBLICATION_TIME mention (scored) and a DCT typed TIME with a time of day.
GOLD_B = """<?xml version="1.0" ?>
<TimeML>
<DOCID>B</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-08T06:18" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>BEIJING, <TIMEX3 tid="t1" type="DATE" value="1998-08-08" functionInDocument="PUBLICATION_TIME">August 8</TIMEX3> (Xinhua) -- Q&amp;A.</TEXT>
</TimeML>
"""


def _span(text: str, phrase: str, type_: str, value: str) -> Timex:
    i = text.index(phrase)
    return Timex(i, i + len(phrase), phrase, type_, value)


def _tagger_from(table: dict):
    """A fake tagger: for a text containing a key of ``table``, return its (phrase, type, value) spans."""
    calls = []

    def tag(text, dct=None):
        calls.append((text, dct))
        for marker, spans in table.items():
            if marker in text:
                return [_span(text, *s) for s in spans]
        return []
    tag.calls = calls
    return tag


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.tml").write_text(GOLD_A, encoding="utf-8")
    (d / "b.tml").write_text(GOLD_B, encoding="utf-8")
    return d


# System for A: exact "yesterday" (right); "two weeks of" overlaps t2 (value right, type wrong: DATE);
# "Friday" overlaps t3 (value wrong); "every day" missed; "gains" spurious.
SYSTEM_A = [("yesterday", "DATE", "1998-01-07"), ("two weeks of", "DATE", "P2W"),
            ("Friday", "TIME", "1998-01-09"), ("gains", "DATE", "XXXX")]
SYSTEM_B = [("August 8", "DATE", "1998-08-08")]


def test_figures_by_hand(corpus):
    tagger = _tagger_from({"Prices fell": SYSTEM_A, "BEIJING": SYSTEM_B})
    report = ev.evaluate([corpus], tagger=tagger)
    s = report.corpora["news"]
    # gold 5 (4 in A, 1 in B), system 5; relaxed matches 4; strict 2 (yesterday, August 8)
    assert (s.files, s.gold, s.system, s.relaxed, s.strict) == (2, 5, 5, 4, 2)
    assert s.prf("strict") == pytest.approx((0.4, 0.4, 0.4))
    assert s.prf("relaxed") == pytest.approx((0.8, 0.8, 0.8))
    # value right on yesterday, two weeks, August 8 -> 3/4; type right on yesterday, Friday, August 8 -> 3/4
    assert s.value_accuracy == pytest.approx(0.75) and s.type_accuracy == pytest.approx(0.75)
    assert s.f1("value") == pytest.approx(0.6) and s.f1("type") == pytest.approx(0.6)
    assert report.overall.to_dict() == s.to_dict()


def test_errors_list_missed_spurious_value_and_type(corpus):
    report = ev.evaluate([corpus], tagger=_tagger_from({"Prices fell": SYSTEM_A, "BEIJING": SYSTEM_B}))
    got = sorted((e.kind, e.gold_text, e.system_text, e.gold_value, e.system_value) for e in report.errors)
    assert got == [
        ("missed", "every day", "", "P1D", ""),
        ("spurious", "", "gains", "", "XXXX"),
        ("type", "two weeks", "two weeks of", "P2W", "P2W"),
        ("value", "Friday morning", "Friday", "1998-01-09TMO", "1998-01-09"),
    ]
    missed = next(e for e in report.errors if e.kind == "missed")
    assert missed.sentence == "Brokers call [[every day]]."
    assert missed.file.endswith("a.tml") and missed.corpus == "news"
    text = report.errors_text()
    assert text.startswith("errors: 1 missed, 1 spurious, 1 value, 1 type")
    assert "Trading resumes [[Friday morning]]." in text
    assert report.error_classes() == [("missed SET", 1), ("spurious DATE", 1), ("type DURATION", 1), ("value TIME", 1)]


def test_tagger_gets_plain_text_and_dct_from_the_dct_element(corpus):
    tagger = _tagger_from({})
    ev.evaluate([corpus / "b.tml"], tagger=tagger)
    assert tagger.calls == [("BEIJING, August 8 (Xinhua) -- Q&A.", dt.datetime(1998, 8, 8, 6, 18))]


def test_publication_time_mention_is_scored_and_dct_is_not(corpus):
    report = ev.evaluate([corpus / "b.tml"], tagger=_tagger_from({}))
    assert report.overall.gold == 1
    assert [(e.kind, e.gold_text) for e in report.errors] == [("missed", "August 8")]


def test_perfect_system_scores_one_and_empty_system_scores_zero(corpus):
    perfect = ev.evaluate([corpus], tagger=lambda text, dct=None: [
        t for p in (corpus / "a.tml", corpus / "b.tml") for t in read_timeml(p).timexes if read_timeml(p).text == text])
    assert all(perfect.overall.f1(f) == 1.0 for f in ev.FIGURES) and perfect.errors == []
    empty = ev.evaluate([corpus], tagger=lambda text, dct=None: [])
    assert all(empty.overall.f1(f) == 0.0 for f in ev.FIGURES)
    assert [e.kind for e in empty.errors] == ["missed"] * 5


class _S:
    def __init__(self, start, end):
        self.start, self.end = start, end


def test_match_is_one_to_one_and_greedy_by_overlap():
    gold = [_S(0, 6), _S(7, 14)]              # "Friday" "morning"
    # one system span covering both golds matches only one of them: the larger overlap (7 chars, gold 1)
    assert ev.match(gold, [_S(0, 14)]) == [(1, 0)]
    # two system spans over one gold: the one overlapping more wins, the other is left spurious
    assert ev.match([_S(0, 14)], [_S(0, 3), _S(2, 10)]) == [(0, 1)]
    # an exact extent is preferred on a tie in overlap
    assert ev.match([_S(0, 10), _S(0, 12)], [_S(0, 10)]) == [(0, 0)]
    assert ev.match([_S(0, 5)], [_S(5, 9)]) == []          # touching is not overlapping


def test_duplicate_system_mentions_count_once_as_match_once_as_spurious(corpus):
    dup = [("August 8", "DATE", "1998-08-08"), ("August 8", "DATE", "1998-08-08")]
    report = ev.evaluate([corpus / "b.tml"], tagger=_tagger_from({"BEIJING": dup}))
    s = report.overall
    assert (s.gold, s.system, s.strict, s.relaxed) == (1, 2, 1, 1)
    assert s.prf("strict") == pytest.approx((0.5, 1.0, 2 / 3))
    assert [e.kind for e in report.errors] == ["spurious"]


def test_corpus_names_and_overall_is_micro_averaged(corpus, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.tml").write_text(GOLD_A, encoding="utf-8")
    tagger = _tagger_from({"Prices fell": SYSTEM_A, "BEIJING": SYSTEM_B})
    report = ev.evaluate([corpus, other], tagger=tagger, corpus_names=["one", "two"])
    assert list(report.corpora) == ["one", "two"]
    two = report.corpora["two"]
    assert (two.gold, two.system, two.relaxed, two.strict) == (4, 4, 3, 1)
    o = report.overall
    assert (o.files, o.gold, o.system, o.relaxed, o.strict, o.value_ok, o.type_ok) == (3, 9, 9, 7, 3, 5, 5)
    assert o.prf("relaxed")[2] == pytest.approx(7 / 9)
    assert o.f1("value") == pytest.approx(7 / 9 * 5 / 7)
    table = report.format()
    assert table.splitlines()[2].startswith("one") and table.splitlines()[-1].startswith("overall")
    json.dumps(report.to_dict())
    with pytest.raises(ValueError):
        ev.evaluate([corpus], tagger=tagger, corpus_names=["a", "b"])


def test_same_text_under_two_dcts_is_scored_per_file(tmp_path):
    d = tmp_path / "twins"
    d.mkdir()
    for name, dct in (("x.tml", "2000-01-07"), ("y.tml", "2000-01-15")):
        (d / name).write_text(f"""<TimeML><DCT><TIMEX3 tid="t0" type="TIME" value="{dct}">{dct}</TIMEX3></DCT>
<TEXT>It rained <TIMEX3 tid="t1" type="DATE" value="{dct}">today</TIMEX3>.</TEXT></TimeML>""", encoding="utf-8")

    def tag(text, dct=None):                  # "today" = the DCT: right only when each file gets its own DCT
        i = text.index("today")
        return [Timex(i, i + 5, "today", "DATE", dct.isoformat())]
    report = ev.evaluate([d], tagger=tag)
    assert report.overall.gold == 2 and report.overall.value_ok == 2 and report.errors == []


def test_system_offsets_outside_text_are_an_error(corpus):
    with pytest.raises(ValueError, match="outside the text"):
        ev.evaluate([corpus / "b.tml"], tagger=lambda text, dct=None: [Timex(0, 10_000, "x", "DATE", "X")])


def test_missing_path_or_empty_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        ev.evaluate([tmp_path / "nope"], tagger=lambda t, dct=None: [])
    with pytest.raises(FileNotFoundError, match="no .tml"):
        ev.evaluate([tmp_path], tagger=lambda t, dct=None: [])


def _args(*argv):
    parser = argparse.ArgumentParser()
    ev.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["evaluate", *argv])


def test_command_floors_and_json(corpus, capsys):
    tagger = _tagger_from({"Prices fell": SYSTEM_A, "BEIJING": SYSTEM_B})
    assert ev.run(_args(str(corpus), "--min-relaxed", "0.8", "--min-value", "0.6"), tagger=tagger) == 0
    assert "overall" in capsys.readouterr().out
    assert ev.run(_args(str(corpus), "--min-strict", "0.41"), tagger=tagger) == 1
    assert "strict F1 0.4000 is below 0.41" in capsys.readouterr().err
    assert ev.run(_args(str(corpus), "--json"), tagger=tagger) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["relaxed"]["f1"] == pytest.approx(0.8) and len(data["errors"]) == 4
    assert ev.run(_args(str(corpus), "--errors"), tagger=tagger) == 0
    assert "errors: 1 missed" in capsys.readouterr().out


def test_command_reports_bad_input_with_exit_2(tmp_path, capsys):
    assert ev.run(_args(str(tmp_path / "nope")), tagger=lambda t, dct=None: []) == 2
    assert "timeline evaluate:" in capsys.readouterr().err


def test_tbaq_gold_counts():
    if not TBAQ.is_dir():
        pytest.skip("../shared/corpora/tbaq is not present")
    docs = [read_timeml(p) for sub in ("timebank", "aquaint") for p in sorted((TBAQ / sub).glob("*.tml"))]
    assert len(docs) == 256 and sum(len(d.timexes) for d in docs) == 1822
    assert all(d.dct is not None for d in docs)


def test_tbaq_oracle_tagger_scores_one_everywhere():
    if not TBAQ.is_dir():
        pytest.skip("../shared/corpora/tbaq is not present")
    gold = {}
    for p in TBAQ.rglob("*.tml"):
        doc = read_timeml(p)
        gold[(doc.text, doc.dct)] = doc.timexes    # two AQUAINT files share a text under different DCTs
    report = ev.evaluate([TBAQ / "timebank", TBAQ / "aquaint"], tagger=lambda text, dct=None: gold[(text, dct)])
    assert report.overall.gold == 1822 and report.overall.files == 256 and report.errors == []
    for s in (*report.corpora.values(), report.overall):
        assert all(s.f1(f) == 1.0 for f in ev.FIGURES)
