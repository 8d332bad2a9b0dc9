"""SemEval-2015 Task 4 (TimeLine) on the trial set: build, export the entity timelines, score them, and say where
the errors are.

    python bench/semeval_trial.py [TRIAL_DIR] [--events-from-input] [--out DIR] [--errors]

Track A (the default): the articles of ``timeml-all-events/`` read as any ``.tml`` input is (the EVENT tags are
not used: the plain text of ``<TEXT>``, so the events are found by the detector), the target entities given (the
first line of each gold timeline), ``timeline.build(..., entities=..., events="all", merge=False)`` and the
``semeval-timeline`` profile, then ``timeline.evaluation.evaluate_timelines`` against ``timelines/``. With
``--events-from-input``, the same with the gold EVENT elements as the events (Track B). It prints the scorer's
table and the error classes of the mentions: missing ones (no row with that trigger in the article, or a row that
does not involve the entity), spurious ones (a gold event of the article but not of the entity's timeline, or no
gold event at all) and the common ones on another anchor; ``--errors`` lists them.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRIAL = ROOT.parent / "shared" / "corpora" / "semeval2015-task4-trial"


def gold_event_mentions(articles: list[Path]) -> set[str]:
    """Every gold EVENT of the articles as a ``docid-sentence-word`` mention."""
    out = set()
    for path in articles:
        root = ET.parse(path).getroot()
        doc_id = (root.findtext("DOCID") or path.stem).strip()
        for s in root.find("TEXT").iter("s"):
            for ev in s.iter("EVENT"):
                out.add(f"{doc_id}-{s.get('id')}-{'_'.join((ev.text or '').split())}")
    return out


def build_options(gold_events: bool) -> dict:
    """The build's options: every event (``events="all"``), unmerged, and the input's EVENTs with ``gold_events``
    (only the options this version of timeline has)."""
    from timeline.pipeline.options import Options

    names = {f.name for f in dataclasses.fields(Options)}
    settings = {"merge": False}
    if "events" in names:
        settings["events"] = "all"
    if gold_events:
        if "events_from_input" not in names:
            sys.exit("this version of timeline has no events_from_input option (--events-from-input)")
        settings["events_from_input"] = True
    return settings


def classify(gold_dir: Path, system_dir: Path, every_row: dict[str, set[str]], gold_mentions: set[str]):
    """The error classes of the mentions, over every timeline: (class -> count, class -> examples)."""
    from timeline.evaluation.timelines import read_timeline

    counts: collections.Counter = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for gold_file in sorted(gold_dir.glob("*.txt")):
        gold = read_timeline(gold_file)
        sys_file = system_dir / gold_file.name
        system = read_timeline(sys_file) if sys_file.is_file() else None
        g = {m: r.anchor for r in gold.rows for m in r.mentions}
        s = {m: r.anchor for r in system.rows for m in r.mentions} if system else {}
        for m, a in g.items():
            if m not in s:
                cls = "missing: a row of the article, not linked to the entity" if m in every_row else \
                    "missing: no row with that trigger (not detected, or not a row)"
            elif s[m] != a:
                cls = "common, another anchor"
            else:
                cls = "common, same anchor"
            counts[cls] += 1
            examples[cls].append(f"{gold_file.stem}: {m} gold {a or 'XXXX-XX-XX'} system {s.get(m, '-') or 'XXXX-XX-XX'}")
        for m, a in s.items():
            if m in g:
                continue
            cls = "spurious: a gold event of the article, not in the entity's timeline" if m in gold_mentions \
                else "spurious: not a gold event"
            counts[cls] += 1
            examples[cls].append(f"{gold_file.stem}: {m} {a or 'XXXX-XX-XX'}")
    return counts, examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("trial", nargs="?", type=Path, default=DEFAULT_TRIAL)
    ap.add_argument("--events-from-input", action="store_true", help="the gold EVENTs as the events (Track B)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/semeval-trial"), help="where the timelines go")
    ap.add_argument("--errors", action="store_true", help="list the mentions of each error class")
    args = ap.parse_args(argv)

    import timeline
    from timeline.evaluation.timelines import evaluate_timelines, read_timeline
    from timeline.export.semeval_timeline import timelines
    from timeline.table.about import Target

    if not (args.trial / "timelines").is_dir():
        print(f"no trial set at {args.trial}", file=sys.stderr)
        return 2
    gold_dir = args.trial / "timelines"
    articles = sorted((args.trial / "timeml-all-events").glob("*.tml"))
    targets = [Target(read_timeline(p).entity) for p in sorted(gold_dir.glob("*.txt"))]
    settings = build_options(args.events_from_input)
    t0 = time.perf_counter()
    tl = timeline.build([str(p) for p in articles], entities=targets, **settings)
    tl.write(args.out, formats=["semeval-timeline"], chart=False)
    seconds = time.perf_counter() - t0
    report = evaluate_timelines(gold_dir, args.out / "semeval-timeline")
    print(report.format())

    every = timeline.build([str(p) for p in articles], entities=None, **settings)
    from timeline.export._base import Context, Documents

    rows_of_article = set()
    for rows in timelines(every.events.assign(entity="*"), Context(Documents([]), "", entities=(Target("*"),))).values():
        rows_of_article.update(m for _o, _a, m in rows)
    counts, examples = classify(gold_dir, args.out / "semeval-timeline", rows_of_article,
                                gold_event_mentions(articles))
    track = "B (gold events)" if args.events_from_input else "A (events detected)"
    print(f"\ntrack {track}; {len(articles)} articles, {len(targets)} entities, "
          f"{len(tl.events)} rows, built and written in {seconds:.1f} s; options {settings}")
    print("mentions by class:")
    for cls, n in counts.most_common():
        print(f"  {n:4d}  {cls}")
        if args.errors and not cls.startswith("common, same"):
            for line in examples[cls]:
                print(f"          {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
