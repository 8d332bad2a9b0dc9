"""The SemEval-2015 Task 4 scorer (``timeline evaluate --timelines``): graphs, closure, reduction and temporal
awareness computed by hand on small timelines, then the trial set."""
from __future__ import annotations

import argparse
import json
import random
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from timeline.evaluation import evaluate_timelines, tempeval
from timeline.evaluation.timegraph import BEFORE, SIMULTANEOUS, TimeGraph
from timeline.evaluation.timelines import (MENTION, TIME, TimelineFormatError, normalise_anchor, parse_timeline,
                                           score_timeline, timeline_graph)

TRIAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "semeval2015-task4-trial"


def T(anchor: str):
    return (TIME, anchor)


def E(mention: str):
    return (MENTION, mention)


def tl(*rows: str, entity: str = "Thing") -> str:
    """A timeline file: the entity, then rows written with spaces for tabs."""
    return "\n".join([entity, *("\t".join(r.split()) for r in rows)]) + "\n"


def score(gold: str, system: str | None):
    return score_timeline("t", parse_timeline(gold), None if system is None else parse_timeline(system))


# ---------------------------------------------------------------------------------------------------- anchors, rows

def test_anchors_are_brought_to_the_task_form():
    assert normalise_anchor("2006") == "2006-XX-XX"
    assert normalise_anchor("2006-01") == "2006-01-XX"
    assert normalise_anchor("2006-01-XX") == "2006-01-XX" and normalise_anchor("2006-xx-xx") == "2006-XX-XX"
    assert normalise_anchor(" 2010-06-07 ") == "2010-06-07"
    assert normalise_anchor("XXXX-XX-XX") == "" and normalise_anchor("XXX-XX-XX") == ""     # no date


def test_rows_mentions_and_the_entity_line():
    t = parse_timeline("iPhone 3G\n1\t2008-06-09\t12315-2-launched\t12315-3-launching\n\n2\tXXX-XX-XX\t12315-4-provide\n")
    assert t.entity == "iPhone 3G"
    assert [(r.order, r.anchor, r.mentions) for r in t.rows] == [
        (1, "2008-06-09", ("12315-2-launched", "12315-3-launching")), (2, "", ("12315-4-provide",))]
    assert parse_timeline("1\t2008\ta-1-x\n").entity == ""          # no entity line: the first row is kept
    for bad in ("Thing\n1\t2008\n", "Thing\nfirst\t2008\ta-1-x\n", "Thing\n-1\t2008\ta-1-x\n"):
        with pytest.raises(TimelineFormatError, match=r"<string>:2: not a row"):
            parse_timeline(bad)


# ---------------------------------------------------------------------------------------------------- the graph

def test_graph_of_a_timeline():
    """Rows: 0 XXXX z (ignored); 1 2010-01-01 a; 1 2010-01-01 b; 2 XXXX c d; 3 2010-03 e.
    Classes: {T(2010-01-01), a, b} (one position), {c, d} (one row, no date), {T(2010-03-XX), e};
    order: class 1 < class 2 < class 3."""
    g = timeline_graph(parse_timeline(tl("0 XXXX-XX-XX z", "1 2010-01-01 a", "1 2010-01-01 b", "2 XXXX-XX-XX c d",
                                         "3 2010-03 e")))
    assert g.nodes == {T("2010-01-01"), E("a"), E("b"), E("c"), E("d"), T("2010-03-XX"), E("e")}
    assert g.implies(E("a"), SIMULTANEOUS, E("b")) and g.implies(E("b"), SIMULTANEOUS, T("2010-01-01"))
    assert g.implies(E("c"), SIMULTANEOUS, E("d")) and not g.implies(E("c"), SIMULTANEOUS, E("e"))
    assert g.implies(E("a"), BEFORE, E("e")) and g.implies(T("2010-01-01"), BEFORE, E("d"))    # transitive
    assert not g.implies(E("e"), BEFORE, E("a")) and not g.implies(E("z"), BEFORE, E("a"))
    # closure: SIM pairs 3 + 1 + 1 = 5; BEFORE pairs 3x2 + 3x2 + 2x2 = 16
    assert g.closure_size() == 21
    # reduction: stars {T1-a, T1-b}, {c-d}, {T3-e}; order T1 < c < T3 (c < T3 is not implied by T1 < T3)
    assert g.reduction() == sorted([
        (T("2010-01-01"), SIMULTANEOUS, E("a")), (T("2010-01-01"), SIMULTANEOUS, E("b")),
        (E("c"), SIMULTANEOUS, E("d")), (T("2010-03-XX"), SIMULTANEOUS, E("e")),
        (T("2010-01-01"), BEFORE, E("c")), (E("c"), BEFORE, T("2010-03-XX"))])
    assert g.conflicts == 0


def test_reduction_drops_what_the_rest_implies():
    g = TimeGraph()
    for a, b in (("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("a", "d")):
        g.before(a, b)
    assert g.reduction() == [("a", BEFORE, "b"), ("b", BEFORE, "c"), ("c", BEFORE, "d")]
    assert g.closure_size() == 6


def test_same_anchor_at_two_orders_is_a_conflict_kept_simultaneous():
    # the trial's itunes_store: orders 5 and 6 both 2006-06-20: SIMULTANEOUS through the anchor, and BEFORE
    g = timeline_graph(parse_timeline(tl("5 2006-06-20 a", "6 2006-06-20 b")))
    assert g.conflicts == 1 and g.implies(E("a"), SIMULTANEOUS, E("b")) and not g.implies(E("a"), BEFORE, E("b"))


def test_a_cycle_of_before_is_kept_and_counted():
    # a, c at 2008 around b at 2009: {T2008, a, c} < {T2009, b} < {T2008, a, c}
    g = timeline_graph(parse_timeline(tl("1 2008 a", "2 2009 b", "3 2008 c")))
    assert g.conflicts == 2
    assert g.implies(E("a"), BEFORE, E("b")) and g.implies(E("b"), BEFORE, E("a"))
    assert (T("2008-XX-XX"), BEFORE, T("2009-XX-XX")) in g.reduction()
    assert (T("2009-XX-XX"), BEFORE, T("2008-XX-XX")) in g.reduction() and len(g.reduction()) == 5


def test_closure_of_a_few_hundred_mentions_is_fast():
    rows = [f"{i // 2 + 1} 2000-01-{i // 2 % 28 + 1:02d} d-{i}-m" for i in range(600)]      # 300 positions
    start = time.process_time()
    g = timeline_graph(parse_timeline(tl(*rows)))
    red = g.reduction()
    assert all(g.implies(*r) for r in red)
    assert time.process_time() - start < 2.0
    assert g.implies(E("d-0-m"), BEFORE, E("d-599-m"))


# ---------------------------------------------------------------------------------------------------- awareness

def test_temporal_awareness_by_hand():
    """Gold: 1 2010-01-01 a; 2 2010-02 b c.  G = {T1, a} < {T2, b, c}.
    G- = T1=a, T2=b, T2=c, T1<T2 (4).  System: 1 2010-01-01 a b; 2 2010-03 c.  S = {T1, a, b} < {T3, c}.
    S- = T1=a, T1=b, T3=c, T1<T3 (4).
    Precision: T1=a in G+ yes; T1=b no (gold: T1 < b); T3=c no and T1<T3 no (T3 is not in the gold) -> 1/4.
    Recall: T1=a in S+ yes; T2=b, T2=c, T1<T2 no (T2 is not in the system) -> 1/4.  F1 = 1/4."""
    gold = tl("1 2010-01-01 a", "2 2010-02 b c", "0 XXXX-XX-XX z")
    s = score(gold, tl("1 2010-01-01 a b", "2 2010-03 c"))
    assert (s.gold_relations, s.system_relations, s.precision_ok, s.recall_ok) == (4, 4, 1, 1)
    assert (s.precision, s.recall, s.f1) == (0.25, 0.25, 0.25)
    assert (s.gold_mentions, s.system_mentions, s.common_mentions) == (3, 3, 3)


def test_order_without_dates_by_hand():
    """Gold a < b < c (no dates): G- = a<b, b<c.  System a < c: S- = a<c.
    Precision: a<c in G+ -> 1/1.  Recall: a<b, b<c in S+? b is not in the system -> 0/2.  F1 0."""
    gold = tl("1 XXXX-XX-XX a", "2 XXXX-XX-XX b", "3 XXXX-XX-XX c")
    s = score(gold, tl("1 XXXX-XX-XX a", "2 XXXX-XX-XX c"))
    assert (s.gold_relations, s.system_relations, s.precision_ok, s.recall_ok) == (2, 1, 1, 0)
    assert (s.precision, s.recall, s.f1) == (1.0, 0.0, 0.0)
    assert s.missed_mentions == ("b",) and s.unknown_mentions == ()
    # the reverse order: c < b < a; nothing of it is in the gold, nor the gold in it
    r = score(gold, tl("1 XXXX-XX-XX c", "2 XXXX-XX-XX b", "3 XXXX-XX-XX a"))
    assert (r.precision_ok, r.recall_ok, r.f1) == (0, 0, 0.0)


def test_partly_right_dates_by_hand():
    """Gold: 1 2001 a; 2 2002 b; 3 2003 c -> G- = T01=a, T02=b, T03=c, T01<T02, T02<T03 (5).
    System: 1 2001 a; 2 2003 c; 3 2004 b -> S- = T01=a, T03=c, T04=b, T01<T03, T03<T04 (5).
    Precision: T01=a yes, T03=c yes, T04=b no (T04 not in the gold), T01<T03 yes (gold closure), T03<T04 no: 3/5.
    Recall: T01=a yes, T02=b no, T03=c yes, T01<T02 no, T02<T03 no (T02 not in the system): 2/5."""
    gold = tl("1 2001 a", "2 2002 b", "3 2003 c")
    s = score(gold, tl("1 2001 a", "2 2003 c", "3 2004 b"))
    assert (s.gold_relations, s.system_relations, s.precision_ok, s.recall_ok) == (5, 5, 3, 2)
    assert s.f1 == pytest.approx(2 * 0.6 * 0.4 / 1.0)


def test_identical_and_equivalent_files_score_one():
    # 9 nodes in 4 classes, {T2006, a, b} < {T2006-01, c, d} < {e} < {T2006-01-05, f}: 5 SIM + 3 BEFORE reduced
    gold = tl("0 XXXX-XX-XX q", "1 2006 a", "1 2006 b", "2 2006-01 c d", "3 XXXX-XX-XX e", "4 2006-01-05 f")
    assert score(gold, gold).f1 == 1.0
    # the task's anchor forms, other order numbers, rows shuffled, mentions of a position split or joined,
    # other order-0 rows, another entity line: the same graph
    same = tl("40 2006-01-05 f", "0 XXXX-XX-XX zz", "10 2006-XX-XX b a", "20 2006-01-XX d", "20 2006-01-XX c",
              "30 XXX-XX-XX e", entity="other")
    s = score(gold, same)
    assert (s.precision, s.recall) == (1.0, 1.0) and s.system_relations == s.gold_relations == 8


def test_missing_system_file_scores_zero_recall_micro_averaged(tmp_path):
    gold, system = tmp_path / "gold", tmp_path / "sys"
    gold.mkdir(), system.mkdir()
    (gold / "one.txt").write_text(tl("1 2010-01-01 a", "2 2010-02 b c"), encoding="utf-8")
    (gold / "two.txt").write_text(tl("1 2001 x", "2 2002 y"), encoding="utf-8")            # G- = 3
    (system / "one.txt").write_text(tl("1 2010-01-01 a b", "2 2010-03 c"), encoding="utf-8")
    (system / "extra.txt").write_text(tl("1 2001 x"), encoding="utf-8")
    report = evaluate_timelines(gold, system)
    assert [t.name for t in report.timelines] == ["one", "two"] and report.timelines[1].missing == 1
    o = report.overall
    # one: P 1/4, R 1/4; two: no system relations, R 0/3 -> P 1/4, R 1/7 (micro-averaged)
    assert (o.system_relations, o.precision_ok, o.gold_relations, o.recall_ok) == (4, 1, 7, 1)
    assert o.precision == 0.25 and o.recall == pytest.approx(1 / 7) and o.f1 == pytest.approx(2 / 11)
    assert report.unmatched_system == ["extra.txt"]
    text = report.format()
    assert "(no system file)" in text and "not scored): extra.txt" in text and "overall" in text
    assert "two: 2 gold mentions missing" in report.errors_text()
    json.dumps(report.to_dict())
    with pytest.raises(FileNotFoundError):
        evaluate_timelines(gold, tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match="no timeline files"):
        evaluate_timelines(tmp_path, system)


# ---------------------------------------------------------------------------------------------------- trial set

def _trial():
    if not TRIAL.is_dir():
        pytest.skip("../shared/corpora/semeval2015-task4-trial is not present")
    return TRIAL


def test_trial_gold_against_itself_is_one():
    trial = _trial()
    report = evaluate_timelines(trial / "timelines", trial / "timelines")
    assert len(report.timelines) == 6 and report.overall.f1 == 1.0
    assert report.overall.gold_relations == 221 and report.overall.gold_mentions == 176
    # the same anchor at two orders: 1 in beatles_apple_corps, 1 in itunes_store, 4 in steve_jobs (x2: both sides)
    assert report.overall.conflicts == 12


def test_trial_gold_shuffled_and_renumbered_is_one(tmp_path):
    trial = _trial()
    rng = random.Random(7)
    for p in (trial / "timelines").glob("*.txt"):
        entity, *rows = p.read_text(encoding="utf-8").splitlines()
        rows = [r.split("\t") for r in rows if r.strip()]
        rows = ["\t".join([str(int(r[0]) * 10), r[1], *reversed(r[2:])]) for r in rows]
        rng.shuffle(rows)
        (tmp_path / p.name).write_text("\n".join([entity, *rows]) + "\n", encoding="utf-8")
    assert evaluate_timelines(trial / "timelines", tmp_path).overall.f1 == 1.0


def dct_baseline(trial: Path, out: Path) -> None:
    """The DCT-everything baseline with the gold events: for each target entity, every EVENT of
    ``timeml-all-events`` in a sentence holding every word of the entity's name (case-insensitive), anchored at
    its article's DCT, the articles ordered by DCT."""
    docs = []
    for f in sorted((trial / "timeml-all-events").glob("*.tml")):
        root = ET.parse(f).getroot()
        dct = root.find("DCT/TIMEX3").get("value")
        sentences = [(s.get("id"), "".join(s.itertext()).lower().split(),
                      ["_".join("".join(e.itertext()).split()) for e in s.iter("EVENT")])
                     for s in root.find("TEXT").iter("s")]
        docs.append((root.findtext("DOCID").strip(), dct, sentences))
    orders = {dct: i + 1 for i, dct in enumerate(sorted({d[1] for d in docs}))}
    for p in (trial / "timelines").glob("*.txt"):
        entity = p.read_text(encoding="utf-8").splitlines()[0].strip()
        words = entity.lower().split()
        rows = [f"{orders[dct]}\t{dct}\t{doc}-{sid}-{event}"
                for doc, dct, sentences in docs for sid, tokens, events in sentences
                if all(w in tokens for w in words) for event in events]
        (out / p.name).write_text("\n".join([entity, *rows]) + "\n", encoding="utf-8")


def test_trial_dct_everything_baseline(tmp_path):
    trial = _trial()
    dct_baseline(trial, tmp_path)
    report = evaluate_timelines(trial / "timelines", tmp_path)
    o = report.overall
    # right where an event is the news of its day, wrong elsewhere: P 37/350, R 35/221, F1 12.68 (with the gold
    # events, so not the 4.77, measured on sentences through an adapter)
    assert (o.precision_ok, o.system_relations, o.recall_ok, o.gold_relations) == (37, 350, 35, 221)
    assert o.f1 == pytest.approx(0.1268, abs=5e-5)
    assert all(t.system_mentions > 0 for t in report.timelines)


# ---------------------------------------------------------------------------------------------------- command

def _args(*argv):
    parser = argparse.ArgumentParser()
    tempeval.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["evaluate", *argv])


def test_command_timelines(tmp_path, capsys):
    gold, system = tmp_path / "gold", tmp_path / "sys"
    gold.mkdir(), system.mkdir()
    (gold / "one.txt").write_text(tl("1 2010-01-01 a", "2 2010-02 b c"), encoding="utf-8")
    (system / "one.txt").write_text(tl("1 2010-01-01 a b", "2 2010-03 c"), encoding="utf-8")
    assert tempeval.run(_args("--timelines", str(gold), str(system), "--min-f1", "0.25")) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("overall") and " 25.00 " in out
    assert tempeval.run(_args("--timelines", str(gold), str(system), "--min-f1", "0.3")) == 1
    assert "temporal awareness F1 0.2500 is below 0.3" in capsys.readouterr().err
    assert tempeval.run(_args("--timelines", str(gold), str(system), "--json", "--errors")) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["f1"] == 0.25
    assert tempeval.run(_args("--timelines", str(gold), str(system), "--errors")) == 0
    assert "one: 0 gold mentions missing" in capsys.readouterr().out
    for argv, message in ((["--timelines", str(gold)], "takes two folders"),
                          (["--timelines", "--events", str(gold), str(system)], "give one"),
                          (["--timelines", str(gold), str(system), "--min-relaxed", "0.5"], "does not apply"),
                          (["--timelines", str(gold), str(tmp_path / "nope")], "not a directory")):
        assert tempeval.run(_args(*argv)) == 2
        assert message in capsys.readouterr().err
    (system / "one.txt").write_text("Thing\nx\ty\tz\n", encoding="utf-8")
    assert tempeval.run(_args("--timelines", str(gold), str(system))) == 2
    assert "one.txt:2: not a row" in capsys.readouterr().err
