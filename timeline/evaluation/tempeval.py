"""TempEval-3 Task A evaluation of the tagger on TimeML corpora, and the ``evaluate`` command (which also runs
the Task B event scorer, :mod:`timeline.evaluation.events`, and the timeline scorer,
:mod:`timeline.evaluation.timelines`).

For every ``.tml`` file: take the DCT from its ``<DCT>`` element, run the tagger on the plain text of
``<TEXT>``, and match the system TIMEX3 against the gold ones (the DCT's own TIMEX3 is not scored).

Matching is one-to-one. Every (gold, system) pair whose extents overlap is a candidate; candidates are taken
greedily by overlap length (longest first; an exact extent first on a tie; then by gold and system offset),
skipping pairs whose gold or system mention is already matched. A match is *relaxed*; it is also *strict* when
the extents are identical. Then, micro-averaged over the files of a corpus (and over all files):

- strict / relaxed precision = matches / system mentions, recall = matches / gold mentions, F1 their mean;
- value accuracy = relaxed matches with the same value string / relaxed matches; type accuracy likewise;
- value F1 = relaxed F1 x value accuracy, type F1 = relaxed F1 x type accuracy (the official scorer's figures).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar, Sequence

from timeline.errors import TimelineError
from timeline.evaluation.common import (CorpusReport, ExtentCounts, SpanError, match, pair_up, score_corpora,
                                         sentence_around)
from timeline.evaluation.events import EVENT_FIGURES, evaluate_events
from timeline.evaluation.timelines import evaluate_timelines
from timeline.sources.timeml import TimeMLDocument, read_timeml

__all__ = ["FIGURES", "Scores", "EvalError", "Report", "match", "sentence_around", "score_document", "evaluate",
           "add_parser", "run"]

FIGURES = ("strict", "relaxed", "value", "type")
FLOORS = (*FIGURES, "class", "f1")            # one --min-FIGURE option each; "class" for --events, "f1" --timelines


# ---------------------------------------------------------------------------------------------------- scores

@dataclass
class Scores(ExtentCounts):
    """Counts for a set of files; every figure is computed from them (micro-average)."""

    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("value", "type")
    LABELS: ClassVar[dict[str, str]] = {"value": "val", "type": "typ"}

    value_ok: int = 0         # relaxed matches with the gold value
    type_ok: int = 0          # relaxed matches with the gold type

    @property
    def value_accuracy(self) -> float:
        return self.accuracy("value")

    @property
    def type_accuracy(self) -> float:
        return self.accuracy("type")


@dataclass(frozen=True)
class EvalError(SpanError):
    """One error: ``kind`` is missed (gold not found), spurious (system not in gold), value or type (a relaxed
    match with the wrong value / type). The gold_* or system_* fields are empty when there is no such side."""

    gold_text: str = ""
    gold_type: str = ""
    gold_value: str = ""
    system_text: str = ""
    system_type: str = ""
    system_value: str = ""


@dataclass
class Report(CorpusReport):
    """Scores per corpus (in the order given) and overall, and the error list."""

    ERROR_KINDS: ClassVar[tuple[str, ...]] = ("missed", "spurious", "value", "type")

    corpora: dict[str, Scores] = field(default_factory=dict)
    overall: Scores = field(default_factory=Scores)
    errors: list[EvalError] = field(default_factory=list)

    def error_key(self, e: EvalError) -> str:
        """By kind and TIMEX3 type (gold type; system type for spurious)."""
        return f"{e.kind} {e.gold_type or e.system_type}"

    def side(self, e: EvalError, which: str) -> str:
        text, type_, value = (getattr(e, f"{which}_{k}") for k in ("text", "type", "value"))
        return f"{text!r} {type_} {value}" if text else "-"


# ---------------------------------------------------------------------------------------------------- scoring

def score_document(doc: TimeMLDocument, system: Sequence, corpus: str = "") -> tuple[Scores, list[EvalError]]:
    """Scores and errors of one document's ``system`` timexes against its gold ones."""
    gold = list(doc.timexes)
    system, pairs, missed, spurious = pair_up(gold, system, doc.text, doc.path, "TIMEX3")
    s = Scores(files=1, gold=len(gold), system=len(system), relaxed=len(pairs))
    errors: list[EvalError] = []

    def err(kind: str, g=None, t=None) -> EvalError:
        span = g if g is not None else t
        return EvalError(kind=kind, corpus=corpus, file=doc.path,
                         sentence=sentence_around(doc.text, span.start, span.end), start=span.start, end=span.end,
                         gold_text=doc.text[g.start:g.end] if g is not None else "",
                         gold_type=g.type if g is not None else "",
                         gold_value=g.value if g is not None else "",
                         system_text=doc.text[t.start:t.end] if t is not None else "",
                         system_type=t.type if t is not None else "",
                         system_value=t.value if t is not None else "")

    for gi, si in pairs:
        g, t = gold[gi], system[si]
        s.strict += (g.start, g.end) == (t.start, t.end)
        s.value_ok += g.value == t.value
        s.type_ok += g.type == t.type
        if g.value != t.value:
            errors.append(err("value", g, t))
        if g.type != t.type:
            errors.append(err("type", g, t))
    errors += [err("missed", g=g) for g in missed]
    errors += [err("spurious", t=t) for t in spurious]
    errors.sort(key=lambda e: (e.start, e.end, e.kind))
    return s, errors


# ---------------------------------------------------------------------------------------------------- evaluate

def evaluate(paths: Sequence[str | Path], *, tagger: Callable | None = None,
             corpus_names: Sequence[str] | None = None) -> Report:
    """Evaluate ``tagger(text, dct=...) -> list[Timex]`` (default :func:`timeline.tagger.tag`) on TimeML corpora.

    ``paths`` are corpus directories (every ``.tml`` under them) or single ``.tml`` files. A corpus is named by
    ``corpus_names`` (parallel to ``paths``) or else by the directory's name (a file's parent directory);
    paths with the same name are scored as one corpus.
    """
    if tagger is None:
        from timeline.tagger import tag as tagger
    return score_corpora(Report(), paths, corpus_names, read_timeml, lambda doc: tagger(doc.text, dct=doc.dct),
                         score_document, "tagger")


# ---------------------------------------------------------------------------------------------------- command

def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``evaluate`` subcommand to an argparse ``subparsers`` object."""
    p = subparsers.add_parser("evaluate", help="score the tagger on TimeML corpora (TempEval-3 Task A), the event "
                                               "detector (--events) or entity timelines (--timelines)",
                              description="Score the tagger on TimeML corpora with the TempEval-3 Task A figures; "
                                          "with --events, the event detector with the Task B figures; with "
                                          "--timelines GOLD_DIR SYSTEM_DIR, SemEval-2015 Task 4 timelines.")
    p.add_argument("paths", nargs="+", metavar="CORPUS_DIR",
                   help="a directory of .tml files, or a .tml file (with --timelines: GOLD_DIR SYSTEM_DIR)")
    p.add_argument("--events", action="store_true",
                   help="score event detection (TempEval-3 Task B: strict and relaxed extent, class F1)")
    p.add_argument("--timelines", action="store_true",
                   help="score the entity timelines (*.txt) of SYSTEM_DIR against those of GOLD_DIR (SemEval-2015 "
                        "Task 4, temporal awareness)")
    p.add_argument("--errors", action="store_true", help="also print every missed, spurious and wrong mention")
    p.add_argument("--json", action="store_true", help="print the report (with its errors) as JSON")
    for figure in FLOORS:
        mode = {"class": " (with --events)", "f1": " (with --timelines)"}.get(figure, "")
        p.add_argument(f"--min-{figure}", type=float, default=None, metavar="FLOAT",
                       help=f"exit 1 when the overall {figure if figure != 'f1' else 'temporal awareness'} F1 is "
                            f"below FLOAT{mode}")
    p.set_defaults(func=run)
    return p


def _floors(args: argparse.Namespace, figures: Sequence[str]) -> dict[str, float]:
    """The --min-FIGURE floors given; a ValueError for one that the mode does not compute."""
    floors = {}
    for figure in FLOORS:
        floor = getattr(args, f"min_{figure}", None)
        if floor is not None:
            if figure not in figures:
                raise ValueError(f"--min-{figure} does not apply here (figures: {', '.join(figures)})")
            floors[figure] = floor
    return floors


def _report(args: argparse.Namespace, mode: str, tagger: Callable | None, detector: Callable | None):
    """The report of ``mode`` (tagger, events, timelines), and a function giving its overall figures by name."""
    if mode == "timelines":
        if len(args.paths) != 2:
            raise ValueError(f"--timelines takes two folders, GOLD_DIR SYSTEM_DIR (got {len(args.paths)})")
        report = evaluate_timelines(*args.paths)
        return report, lambda figure: report.overall.f1
    if mode == "events":
        report = evaluate_events(args.paths, detector)
    else:
        report = evaluate(args.paths, tagger=tagger)
    return report, report.overall.f1


def run(args: argparse.Namespace, *, tagger: Callable | None = None, detector: Callable | None = None) -> int:
    """Run ``timeline evaluate``: 0 when every floor holds, 1 when one fails, 2 when the input is unusable."""
    events, timelines = getattr(args, "events", False), getattr(args, "timelines", False)
    mode = "timelines" if timelines else "events" if events else "tagger"
    figures = {"timelines": ("f1",), "events": EVENT_FIGURES, "tagger": FIGURES}[mode]
    try:
        if events and timelines:
            raise ValueError("--events and --timelines are two different scores: give one")
        floors = _floors(args, figures)
        report, figure_of = _report(args, mode, tagger, detector)
    except (OSError, ValueError, ImportError, TimelineError) as exc:    # ImportError: no tagger / detector module
        print(f"timeline evaluate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.format())
        if args.errors:
            print()
            print(report.errors_text())
    status = 0
    for figure, floor in floors.items():
        value = figure_of(figure)
        if value < floor:
            print(f"FAIL: {figure} F1 {value:.4f} is below {floor}" if figure != "f1" else
                  f"FAIL: temporal awareness F1 {value:.4f} is below {floor}", file=sys.stderr)
            status = 1
    return status
