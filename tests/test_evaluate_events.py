"""The TempEval-3 Task B evaluator (``timeline evaluate --events``), with detectors injected: an oracle, a word list
learnt from a training split, and hand-made mention lists (independent of the real detector's accuracy)."""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.evaluation import evaluate_events
from timeline.evaluation import events as ev
from timeline.evaluation import tempeval
from timeline.evaluation.tmlevents import _offset_map, parse_events, read_events
from timeline.sources.timeml import TimeMLError, read_timeml

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "tbaq"
TRIAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "semeval2015-task4-trial"

# Gold: "fell" OCCURRENCE, "said" REPORTING, "plans to expand" I_ACTION ... ("expand" OCCURRENCE), "strike" OCCURRENCE
DOC_A = """<?xml version="1.0" ?>
<TimeML>
<DOCID>A</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">01/08/1998</TIMEX3></DCT>
<EXTRAINFO>Prices <EVENT eid="e90" class="OCCURRENCE">fall</EVENT></EXTRAINFO>
<TEXT>
Prices <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>, brokers <EVENT eid="e2" class="REPORTING">said</EVENT>. The firm <EVENT eid="e3" class="I_ACTION">plans</EVENT> to <EVENT eid="e4" class="OCCURRENCE">expand</EVENT>.
Workers threatened a <EVENT eid="e5" class="OCCURRENCE">strike</EVENT> &amp; more.
</TEXT>
</TimeML>
"""

# Sentences in <s> elements with nothing between them (as the SemEval-2015 trial files are written).
DOC_S = """<TimeML><DOCID>7</DOCID><TEXT><s id="1">Apple <EVENT eid="e1">launched</EVENT> it</s><s id="2">\
Sales <EVENT eid="e2" class="STATE">soared</EVENT> .</s></TEXT></TimeML>"""


@dataclass(frozen=True)
class M:
    start: int
    end: int
    cls: str = ""


def _at(text: str, phrase: str, cls: str, nth: int = 0) -> M:
    i = -1
    for _ in range(nth + 1):
        i = text.index(phrase, i + 1)
    return M(i, i + len(phrase), cls)


def _detector_from(table: dict):
    """A fake detector: for a text containing a key of ``table``, the (phrase, class) mentions of its value."""
    calls = []

    def detect(text):
        calls.append(text)
        for marker, mentions in table.items():
            if marker in text:
                return [_at(text, *m) for m in mentions]
        return []
    detect.calls = calls
    return detect


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.tml").write_text(DOC_A, encoding="utf-8")
    (d / "s.tml").write_text(DOC_S, encoding="utf-8")
    return d


# ---------------------------------------------------------------------------------------------------- gold

def test_gold_events_are_placed_in_the_text_the_reader_gives():
    doc = parse_events(DOC_A, "a.tml")
    assert doc.text == read_timeml_text(DOC_A)
    assert [(g.text, g.cls, g.eid) for g in doc.events] == [
        ("fell", "OCCURRENCE", "e1"), ("said", "REPORTING", "e2"), ("plans", "I_ACTION", "e3"),
        ("expand", "OCCURRENCE", "e4"), ("strike", "OCCURRENCE", "e5")]
    assert all(doc.text[g.start:g.end] == g.text for g in doc.events)
    assert "&" in doc.text and doc.sentences == ()          # entities unescaped; the EXTRAINFO event is not text


def read_timeml_text(source: str) -> str:
    from timeline.sources.timeml import parse_timeml
    return parse_timeml(source).text


def test_sentences_of_s_elements_and_an_event_without_class():
    doc = parse_events(DOC_S, "s.tml")
    assert [(g.text, g.cls) for g in doc.events] == [("launched", ""), ("soared", "STATE")]
    assert [doc.text[s:e] for s, e in doc.sentences] == ["Apple launched it", "Sales soared ."]


def test_offsets_follow_a_reader_that_puts_whitespace_between_sentences():
    # the reader may one day put a newline between <s> elements (issue 12, item 6): gold offsets must follow it
    mine, theirs = "Apple launched itSales soared .", "Apple launched it\nSales soared ."
    table = _offset_map(mine, theirs, "x")
    start = mine.index("Sales")
    assert theirs[table[start]:table[start + 5 - 1] + 1] == "Sales"
    assert _offset_map(mine, mine, "x") is None
    assert theirs[table[mine.index("it")]:table[mine.index("it") + 1] + 1] == "it"
    with pytest.raises(TimeMLError, match="not only by whitespace"):
        _offset_map(mine, "Apple launched it. Sales soared .", "x")


def test_tbaq_gold_events_match_the_task_a_reader_text():
    if not TBAQ.is_dir():
        pytest.skip("../shared/corpora/tbaq is not present")
    files = sorted(TBAQ.rglob("*.tml"))
    docs = [read_events(f) for f in files]
    # 11,145 EVENT elements in TBAQ; 16 of them are in <EXTRAINFO> headlines, outside the text the system sees
    assert len(docs) == 256 and sum(len(d.events) for d in docs) == 11129
    for f, d in zip(files, docs):
        assert d.text == read_timeml(f).text
        assert all(d.text[g.start:g.end] == g.text and g.text.strip() == g.text and g.cls for g in d.events)
    turning = next(g for g in docs[files.index(TBAQ / "timebank" / "APW19980213.1310.tml")].events if g.eid == "e1")
    assert turning.text == "Turning"                 # the file's EVENT is " Turning": whitespace is not a token


def test_strict_match_ignores_whitespace_at_the_ends_of_a_system_extent(corpus):
    report = evaluate_events([corpus / "a.tml"], lambda text: [M(text.index(" fell"), text.index(" fell") + 6,
                                                                 "OCCURRENCE")])
    assert report.overall.strict == 1


# ---------------------------------------------------------------------------------------------------- scores

# System for A: "fell" right; "said" with the wrong class; "plans to" overlaps "plans" (class right);
# "expand" missed; "strike" right; "Workers" spurious.  For S: "launched" exact (gold has no class), "Sales"
# spurious, "soared" missed.
SYSTEM_A = [("fell", "OCCURRENCE"), ("said", "OCCURRENCE"), ("plans to", "I_ACTION"), ("strike", "OCCURRENCE"),
            ("Workers", "OCCURRENCE")]
SYSTEM_S = [("launched", "OCCURRENCE"), ("Sales", "STATE")]


def test_figures_by_hand(corpus):
    report = evaluate_events([corpus], _detector_from({"Prices fell": SYSTEM_A, "Apple": SYSTEM_S}))
    s = report.corpora["news"]
    # gold 5 + 2 = 7, system 5 + 2 = 7; relaxed matches: fell said plans strike launched = 5; strict 4 (not plans)
    assert (s.files, s.gold, s.system, s.relaxed, s.strict) == (2, 7, 7, 5, 4)
    assert s.prf("strict") == pytest.approx((4 / 7, 4 / 7, 4 / 7))
    assert s.prf("relaxed") == pytest.approx((5 / 7, 5 / 7, 5 / 7))
    # class right on fell, plans, strike (said: REPORTING vs OCCURRENCE; launched: no gold class) -> 3/5
    assert s.class_ok == 3 and s.class_accuracy == pytest.approx(0.6)
    assert s.f1("class") == pytest.approx(5 / 7 * 0.6)
    assert report.overall.to_dict() == s.to_dict()
    assert set(s.to_dict()) == {"files", "gold", "system", "strict", "relaxed", "class"}


def test_errors_list_missed_spurious_and_class_with_the_sentence(corpus):
    report = evaluate_events([corpus], _detector_from({"Prices fell": SYSTEM_A, "Apple": SYSTEM_S}))
    got = sorted((e.kind, e.gold_text, e.gold_class, e.system_text, e.system_class) for e in report.errors)
    assert got == [
        ("class", "launched", "", "launched", "OCCURRENCE"),
        ("class", "said", "REPORTING", "said", "OCCURRENCE"),
        ("missed", "expand", "OCCURRENCE", "", ""),
        ("missed", "soared", "STATE", "", ""),
        ("spurious", "", "", "Sales", "STATE"),
        ("spurious", "", "", "Workers", "OCCURRENCE"),
    ]
    by_text = {e.gold_text or e.system_text: e for e in report.errors}
    assert by_text["expand"].sentence == "The firm plans to [[expand]]."
    assert by_text["Sales"].sentence == "[[Sales]] soared ."             # its own <s>
    assert by_text["expand"].file.endswith("a.tml") and by_text["expand"].corpus == "news"
    text = report.errors_text()
    assert text.startswith("errors: 2 missed, 2 spurious, 2 class")
    assert "class REPORTING->OCCURRENCE 1" in text and "missed OCCURRENCE 1" in text and "class ->OCCURRENCE 1" in text
    assert "gold: 'said' REPORTING  system: 'said' OCCURRENCE" in text
    assert "Workers threatened a strike & more." in text.replace("[[", "").replace("]]", "")


def test_detector_gets_the_text_the_pipeline_reads(corpus):
    detect = _detector_from({})
    evaluate_events([corpus / "s.tml"], detect)
    assert detect.calls == ["Apple launched it\nSales soared ."]     # the reader keeps <s> apart with a newline


def test_oracle_scores_one_and_empty_detector_zero(corpus):
    gold = {d.text: d.events for d in (read_events(corpus / "a.tml"), read_events(corpus / "s.tml"))}
    perfect = evaluate_events([corpus], lambda text: gold[text])
    assert all(perfect.overall.f1(f) == 1.0 for f in ev.EVENT_FIGURES) and perfect.errors == []
    empty = evaluate_events([corpus], lambda text: [])
    assert all(empty.overall.f1(f) == 0.0 for f in ev.EVENT_FIGURES)
    assert [e.kind for e in empty.errors] == ["missed"] * 7


def test_one_system_span_over_two_gold_events_matches_one(corpus):
    # "plans to expand" covers two gold events: it matches the one it overlaps most (expand, 6 chars), not both
    report = evaluate_events([corpus / "a.tml"], _detector_from({"Prices": [("plans to expand", "OCCURRENCE")]}))
    s = report.overall
    assert (s.gold, s.system, s.relaxed, s.strict, s.class_ok) == (5, 1, 1, 0, 1)
    assert sorted(e.gold_text for e in report.errors if e.kind == "missed") == ["fell", "plans", "said", "strike"]


def test_mentions_without_cls_count_as_wrong_class_and_bad_offsets_are_an_error(corpus):
    @dataclass
    class Bare:
        start: int
        end: int
    report = evaluate_events([corpus / "a.tml"], lambda text: [Bare(text.index("fell"), text.index("fell") + 4)])
    assert report.overall.strict == 1 and report.overall.class_ok == 0
    with pytest.raises(ValueError, match="system event offsets .* outside the text"):
        evaluate_events([corpus / "a.tml"], lambda text: [M(0, 10_000, "STATE")])


def test_corpus_names_and_errors_of_a_failing_detector(corpus, tmp_path):
    report = evaluate_events([corpus / "a.tml", corpus / "s.tml"], lambda text: [], corpus_names=["x", "y"])
    assert list(report.corpora) == ["x", "y"] and report.corpora["y"].gold == 2
    assert report.format().splitlines()[-1].startswith("overall")

    def broken(text):
        raise KeyError("boom")
    with pytest.raises(RuntimeError, match="event detector failed on .*a.tml"):
        evaluate_events([corpus], broken)
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no .tml"):
        evaluate_events([tmp_path / "empty"], lambda t: [])
    with pytest.raises(FileNotFoundError):
        evaluate_events([tmp_path / "nope"], lambda t: [])


# ---------------------------------------------------------------------------------------------------- baseline

WORD = re.compile(r"\w+(?:[-']\w+)*")


def word_list(docs) -> dict[str, str]:
    """Every lower-cased word that is a gold event (exact extent) in at least half its occurrences, with its usual
    class (the issue's baseline)."""
    seen, classes = Counter(), defaultdict(Counter)
    for d in docs:
        gold = {(g.start, g.end): g.cls for g in d.events}
        for m in WORD.finditer(d.text):
            seen[m.group().lower()] += 1
            if m.span() in gold:
                classes[m.group().lower()][gold[m.span()]] += 1
    return {w: c.most_common(1)[0][0] for w, c in classes.items() if 2 * sum(c.values()) >= seen[w]}


def word_list_detector(words):
    return lambda text: [M(m.start(), m.end(), words[m.group().lower()]) for m in WORD.finditer(text)
                         if m.group().lower() in words]


def test_word_list_on_its_own_training_text_by_hand(tmp_path):
    d = tmp_path / "w"
    d.mkdir()
    # "sale": event 2 of 3 times -> listed; "talks": 1 of 3 -> not listed; "said": always REPORTING
    (d / "x.tml").write_text("""<TimeML><TEXT>The <EVENT eid="e1" class="OCCURRENCE">sale</EVENT> of the sale \
<EVENT eid="e2" class="REPORTING">said</EVENT> <EVENT eid="e3" class="OCCURRENCE">talks</EVENT>. Talks talks. \
A <EVENT eid="e4" class="OCCURRENCE">sale</EVENT>.</TEXT></TimeML>""", encoding="utf-8")
    words = word_list([read_events(d / "x.tml")])
    assert words == {"sale": "OCCURRENCE", "said": "REPORTING"}
    s = evaluate_events([d], word_list_detector(words)).overall
    # system: sale x3 + said = 4; matched: sale x2 + said = 3; gold 4 -> P 3/4, R 3/4
    assert (s.gold, s.system, s.strict, s.relaxed, s.class_ok) == (4, 4, 3, 3, 3)


def test_word_list_across_tbaq_splits():
    if not TBAQ.is_dir():
        pytest.skip("../shared/corpora/tbaq is not present")
    timebank = [read_events(f) for f in sorted((TBAQ / "timebank").glob("*.tml"))]
    report = evaluate_events([TBAQ / "aquaint"], word_list_detector(word_list(timebank)))
    s = report.overall
    # a word list is a crude detector: good precision, recall well short; figures of bench/events_baseline.py
    assert s.gold == 4431 and s.prf("relaxed")[0] > 0.8 and 0.6 < s.prf("relaxed")[1] < 0.75
    assert 0.7 < s.f1("relaxed") < 0.8 and 0.5 < s.f1("class") < s.f1("relaxed")
    assert s.f1("strict") <= s.f1("relaxed")
    assert {e.kind for e in report.errors} == {"missed", "spurious", "class"}


def test_tbaq_oracle_scores_one_everywhere():
    if not TBAQ.is_dir():
        pytest.skip("../shared/corpora/tbaq is not present")
    gold = {}
    for f in TBAQ.rglob("*.tml"):
        d = read_events(f)
        gold[d.text] = d.events             # two AQUAINT files share a text: their events are the same too
    report = evaluate_events([TBAQ / "timebank", TBAQ / "aquaint"], lambda text: gold[text])
    assert report.overall.gold == 11129 and report.overall.files == 256 and report.errors == []
    for s in (*report.corpora.values(), report.overall):
        assert all(s.f1(f) == 1.0 for f in ev.EVENT_FIGURES)


def test_trial_timeml_events_are_placed_in_the_fused_text():
    if not TRIAL.is_dir():
        pytest.skip("../shared/corpora/semeval2015-task4-trial is not present")
    docs = [read_events(f) for f in sorted((TRIAL / "timeml-all-events").glob("*.tml"))]
    assert len(docs) == 30 and all(d.sentences for d in docs)
    for d in docs:
        assert all(d.text[g.start:g.end] == g.text for g in d.events)
        assert all(any(s <= g.start < g.end <= e for s, e in d.sentences) for g in d.events)


# ---------------------------------------------------------------------------------------------------- command

def _args(*argv):
    parser = argparse.ArgumentParser()
    tempeval.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["evaluate", *argv])


def test_command_events_table_floors_and_json(corpus, capsys):
    detect = _detector_from({"Prices fell": SYSTEM_A, "Apple": SYSTEM_S})
    assert tempeval.run(_args(str(corpus), "--events", "--min-relaxed", "0.7", "--min-class", "0.42"),
                        detector=detect) == 0
    out = capsys.readouterr().out
    assert "cls acc" in out and "val acc" not in out and out.splitlines()[-1].startswith("overall")
    assert tempeval.run(_args(str(corpus), "--events", "--min-class", "0.43"), detector=detect) == 1
    assert "class F1 0.4286 is below 0.43" in capsys.readouterr().err
    assert tempeval.run(_args(str(corpus), "--events", "--json"), detector=detect) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["class"]["f1"] == pytest.approx(3 / 7) and len(data["errors"]) == 6
    assert tempeval.run(_args(str(corpus), "--events", "--errors"), detector=detect) == 0
    assert "errors: 2 missed, 2 spurious, 2 class" in capsys.readouterr().out


def test_command_refuses_a_floor_of_the_other_task(corpus, capsys):
    assert tempeval.run(_args(str(corpus), "--events", "--min-value", "0.5"), detector=lambda t: []) == 2
    assert "--min-value does not apply" in capsys.readouterr().err
    assert tempeval.run(_args(str(corpus), "--min-class", "0.5"), tagger=lambda t, dct=None: []) == 2
    assert "--min-class does not apply" in capsys.readouterr().err


def test_command_without_a_detector_module_says_so(corpus, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "timeline.events.mentions", None)     # as before the detector lands
    assert tempeval.run(_args(str(corpus), "--events")) == 2
    assert "timeline evaluate: no event detector to evaluate" in capsys.readouterr().err


def test_command_reports_timelines_own_error_of_a_detector_in_one_line(corpus, capsys):
    from timeline.errors import TimelineError

    def no_model(text):                       # as the detector says when its model file is missing or corrupt
        raise TimelineError("the event model file is missing: reinstall timeline")
    with pytest.raises(TimelineError):
        evaluate_events([corpus], no_model)
    assert tempeval.run(_args(str(corpus), "--events"), detector=no_model) == 2
    assert capsys.readouterr().err == "timeline evaluate: the event model file is missing: reinstall timeline\n"
