"""TempEval-3 Task A evaluation of the tagger on TimeML corpora.

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
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from timeline.sources.timeml import TimeMLDocument, iter_tml_files, read_timeml

FIGURES = ("strict", "relaxed", "value", "type")


# ---------------------------------------------------------------------------------------------------- scores

def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Counts for a set of files; every figure is computed from them (micro-average)."""

    files: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0           # matches with identical extents
    relaxed: int = 0          # matches with overlapping extents
    value_ok: int = 0         # relaxed matches with the gold value
    type_ok: int = 0          # relaxed matches with the gold type

    def add(self, other: "Scores") -> None:
        for name in ("files", "gold", "system", "strict", "relaxed", "value_ok", "type_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp = self.strict if kind == "strict" else self.relaxed
        p, r = _ratio(tp, self.system), _ratio(tp, self.gold)
        return p, r, _f1(p, r)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_ok, self.relaxed)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_ok, self.relaxed)

    def f1(self, figure: str) -> float:
        """The F1 named by ``figure``: strict, relaxed, value or type."""
        relaxed = self.prf("relaxed")[2]
        if figure == "value":
            return relaxed * self.value_accuracy
        if figure == "type":
            return relaxed * self.type_accuracy
        return self.prf(figure)[2]

    def to_dict(self) -> dict:
        d = {name: getattr(self, name) for name in ("files", "gold", "system")}
        for kind in ("strict", "relaxed"):
            p, r, f = self.prf(kind)
            d[kind] = {"matches": getattr(self, kind), "precision": p, "recall": r, "f1": f}
        d["value"] = {"correct": self.value_ok, "accuracy": self.value_accuracy, "f1": self.f1("value")}
        d["type"] = {"correct": self.type_ok, "accuracy": self.type_accuracy, "f1": self.f1("type")}
        return d


@dataclass(frozen=True)
class EvalError:
    """One error: ``kind`` is missed (gold not found), spurious (system not in gold), value or type (a relaxed
    match with the wrong value / type). The gold_* or system_* fields are empty when there is no such side."""

    kind: str
    corpus: str
    file: str
    sentence: str
    start: int
    end: int
    gold_text: str = ""
    gold_type: str = ""
    gold_value: str = ""
    system_text: str = ""
    system_type: str = ""
    system_value: str = ""

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Report:
    """Scores per corpus (in the order given) and overall, and the error list."""

    corpora: dict[str, Scores] = field(default_factory=dict)
    overall: Scores = field(default_factory=Scores)
    errors: list[EvalError] = field(default_factory=list)

    def format(self) -> str:
        head = (f"{'corpus':<12} {'files':>5} {'gold':>5} {'sys':>5}  {'strict P/R/F1':<17}  "
                f"{'relaxed P/R/F1':<17}  {'val acc':>7} {'val F1':>6}  {'typ acc':>7} {'typ F1':>6}")
        lines = [head, "-" * len(head)]
        for name, s in [*self.corpora.items(), ("overall", self.overall)]:
            sp, sr, sf = s.prf("strict")
            rp, rr, rf = s.prf("relaxed")
            lines.append(f"{name:<12} {s.files:>5} {s.gold:>5} {s.system:>5}  {sp:.3f} {sr:.3f} {sf:.3f}  "
                         f"{rp:.3f} {rr:.3f} {rf:.3f}  {s.value_accuracy:>7.3f} {s.f1('value'):>6.3f}  "
                         f"{s.type_accuracy:>7.3f} {s.f1('type'):>6.3f}")
        return "\n".join(lines)

    def error_classes(self) -> list[tuple[str, int]]:
        """Error counts by kind and TIMEX3 type (gold type; system type for spurious), largest first."""
        counts: dict[str, int] = {}
        for e in self.errors:
            key = f"{e.kind} {e.gold_type or e.system_type}"
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def errors_text(self) -> str:
        counts = {k: sum(e.kind == k for e in self.errors) for k in ("missed", "spurious", "value", "type")}
        lines = ["errors: " + ", ".join(f"{n} {k}" for k, n in counts.items()),
                 "by class: " + ", ".join(f"{k} {n}" for k, n in self.error_classes())]
        for e in self.errors:
            gold = f"{e.gold_text!r} {e.gold_type} {e.gold_value}" if e.gold_text else "-"
            system = f"{e.system_text!r} {e.system_type} {e.system_value}" if e.system_text else "-"
            lines.append(f"{e.kind:<8} {e.file}:{e.start}-{e.end}  gold: {gold}  system: {system}")
            lines.append(f"         | {e.sentence}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"corpora": {name: s.to_dict() for name, s in self.corpora.items()},
                "overall": self.overall.to_dict(),
                "errors": [e.to_dict() for e in self.errors]}


# ---------------------------------------------------------------------------------------------------- matching

def match(gold: Sequence, system: Sequence) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping extents, greedy by overlap (see module doc)."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((-overlap, not exact, g.start, s.start, gi, si))
    pairs, used_g, used_s = [], set(), set()
    for *_, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=\S)|\n\s*\n")


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence (or paragraph line) containing ``text[start:end]``, whitespace collapsed, the span in [[ ]]."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() + 1 if m else len(text)
    before, span, after = (re.sub(r"\s+", " ", s) for s in (text[left:start], text[start:end], text[end:right]))
    before, after = before.lstrip()[-limit // 2:], after.rstrip()[:limit // 2]
    return f"{before}[[{span}]]{after}"


def score_document(doc: TimeMLDocument, system: Sequence, corpus: str = "") -> tuple[Scores, list[EvalError]]:
    """Scores and errors of one document's ``system`` timexes against its gold ones."""
    gold = list(doc.timexes)
    system = sorted(system, key=lambda t: (t.start, t.end))
    for t in system:
        if not (0 <= t.start < t.end <= len(doc.text)):
            raise ValueError(f"{doc.path}: system TIMEX3 offsets {t.start}:{t.end} outside the text")
    pairs = match(gold, system)
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
    matched_g, matched_s = {gi for gi, _ in pairs}, {si for _, si in pairs}
    errors += [err("missed", g=g) for gi, g in enumerate(gold) if gi not in matched_g]
    errors += [err("spurious", t=t) for si, t in enumerate(system) if si not in matched_s]
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
    if corpus_names is not None and len(corpus_names) != len(paths):
        raise ValueError("corpus_names must give one name per path")
    report = Report()
    for i, path in enumerate(paths):
        p = Path(path)
        name = corpus_names[i] if corpus_names is not None else (p.name if p.is_dir() else p.parent.name)
        files = iter_tml_files(p)
        if not files:
            raise FileNotFoundError(f"no .tml files in {p}")
        scores = report.corpora.setdefault(name, Scores())
        for f in files:
            doc = read_timeml(f)
            try:
                system = list(tagger(doc.text, dct=doc.dct))
            except Exception as exc:
                raise RuntimeError(f"the tagger failed on {f}: {exc}") from exc
            s, errors = score_document(doc, system, corpus=name)
            scores.add(s)
            report.errors += errors
    for s in report.corpora.values():
        report.overall.add(s)
    return report


# ---------------------------------------------------------------------------------------------------- command

def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``evaluate`` subcommand to an argparse ``subparsers`` object."""
    p = subparsers.add_parser("evaluate", help="score the tagger on TimeML corpora (TempEval-3 Task A)",
                              description="Score the tagger on TimeML corpora with the TempEval-3 Task A figures.")
    p.add_argument("paths", nargs="+", metavar="CORPUS_DIR", help="a directory of .tml files, or a .tml file")
    p.add_argument("--errors", action="store_true", help="also print every missed, spurious and wrong mention")
    p.add_argument("--json", action="store_true", help="print the report (with its errors) as JSON")
    for figure in FIGURES:
        p.add_argument(f"--min-{figure}", type=float, default=None, metavar="FLOAT",
                       help=f"exit 1 when the overall {figure} F1 is below FLOAT")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace, *, tagger: Callable | None = None) -> int:
    """Run ``timeline evaluate``: 0 when every floor holds, 1 when one fails, 2 when the input is unusable."""
    try:
        report = evaluate(args.paths, tagger=tagger)
    except (OSError, ValueError, ImportError) as exc:    # ImportError: no tagger module to evaluate
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
    for figure in FIGURES:
        floor = getattr(args, f"min_{figure}", None)
        value = report.overall.f1(figure)
        if floor is not None and value < floor:
            print(f"FAIL: {figure} F1 {value:.4f} is below {floor}", file=sys.stderr)
            status = 1
    return status
