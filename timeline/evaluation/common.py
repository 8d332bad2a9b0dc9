"""What the TimeML scorers share: the files of the corpora, one-to-one matching of extents, the sentence around a
span, ratios and F1, and the counts and report that figures, tables and error listings are made from."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, ClassVar, Iterator, Sequence

from timeline.errors import TimelineError
from timeline.sources.timeml import iter_tml_files


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def match(gold: Sequence, system: Sequence) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping extents.

    Every pair whose extents overlap is a candidate; candidates are taken greedily by overlap length (longest
    first; an exact extent first on a tie; then by gold and system offset), skipping pairs whose gold or system
    mention is already matched. Returned sorted."""
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


def pair_up(gold: Sequence, system: Sequence, text: str, where: str, what: str) -> tuple[list, list[tuple[int, int]],
                                                                                list, list]:
    """``system`` sorted by offset, the :func:`match` pairs, and the gold and system mentions left unmatched.

    A system mention outside ``text`` is a ValueError naming ``where`` (the file) and ``what`` (TIMEX3, event)."""
    system = sorted(system, key=lambda m: (m.start, m.end))
    for m in system:
        if not (0 <= m.start < m.end <= len(text)):
            raise ValueError(f"{where}: system {what} offsets {m.start}:{m.end} outside the text")
    pairs = match(gold, system)
    matched_g, matched_s = {gi for gi, _ in pairs}, {si for _, si in pairs}
    return (system, pairs, [g for gi, g in enumerate(gold) if gi not in matched_g],
            [m for si, m in enumerate(system) if si not in matched_s])


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


# ---------------------------------------------------------------------------------------------------- corpora

def corpus_files(paths: Sequence[str | Path], corpus_names: Sequence[str] | None = None) -> Iterator[tuple[str, Path]]:
    """(corpus name, ``.tml`` file) for every file of ``paths``, in order.

    ``paths`` are corpus directories (every ``.tml`` under them) or single ``.tml`` files. A corpus is named by
    ``corpus_names`` (parallel to ``paths``) or else by the directory's name (a file's parent directory).
    Raises ValueError for a wrong number of names and FileNotFoundError for a path without ``.tml`` files."""
    if corpus_names is not None and len(corpus_names) != len(paths):
        raise ValueError("corpus_names must give one name per path")
    for i, path in enumerate(paths):
        p = Path(path)
        name = corpus_names[i] if corpus_names is not None else (p.name if p.is_dir() else p.parent.name)
        files = iter_tml_files(p)
        if not files:
            raise FileNotFoundError(f"no .tml files in {p}")
        for f in files:
            yield name, f


def score_corpora(report: "CorpusReport", paths: Sequence[str | Path], corpus_names: Sequence[str] | None,
                  read: Callable, run_system: Callable, score: Callable, what: str) -> "CorpusReport":
    """Fill ``report``: for each file of :func:`corpus_files`, ``doc = read(file)``, the system's mentions
    ``run_system(doc)`` (an exception there is a RuntimeError naming ``what`` and the file, but for timeline's own
    errors, raised as they are), and
    ``score(doc, mentions, corpus=name) -> (counts, errors)`` added to the corpus and, at the end, overall."""
    for name, f in corpus_files(paths, corpus_names):
        doc = read(f)
        try:
            system = list(run_system(doc))
        except TimelineError:           # timeline's own errors say what is wrong (a missing model, say)
            raise
        except Exception as exc:
            raise RuntimeError(f"the {what} failed on {f}: {exc}") from exc
        counts, errors = score(doc, system, corpus=name)
        report.corpora.setdefault(name, type(report.overall)()).add(counts)
        report.errors += errors
    for counts in report.corpora.values():
        report.overall.add(counts)
    return report


# ---------------------------------------------------------------------------------------------------- counts

@dataclass
class ExtentCounts:
    """Extent counts for a set of files; every figure is computed from them (micro-average).

    A subclass adds one ``<attribute>_ok`` count per name in ``ATTRIBUTES`` (relaxed matches with the gold's
    attribute), whose accuracy is over the relaxed matches and whose F1 is relaxed F1 x that accuracy."""

    ATTRIBUTES: ClassVar[tuple[str, ...]] = ()
    LABELS: ClassVar[dict[str, str]] = {}       # short column label per attribute

    files: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0           # matches with identical extents
    relaxed: int = 0          # matches with overlapping extents

    def add(self, other: "ExtentCounts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp = self.strict if kind == "strict" else self.relaxed
        p, r = ratio(tp, self.system), ratio(tp, self.gold)
        return p, r, f1(p, r)

    def accuracy(self, attribute: str) -> float:
        return ratio(getattr(self, f"{attribute}_ok"), self.relaxed)

    def f1(self, figure: str) -> float:
        """The F1 named by ``figure``: strict, relaxed, or one of ``ATTRIBUTES``."""
        if figure in self.ATTRIBUTES:
            return self.prf("relaxed")[2] * self.accuracy(figure)
        return self.prf(figure)[2]

    def to_dict(self) -> dict:
        d = {name: getattr(self, name) for name in ("files", "gold", "system")}
        for kind in ("strict", "relaxed"):
            p, r, f = self.prf(kind)
            d[kind] = {"matches": getattr(self, kind), "precision": p, "recall": r, "f1": f}
        for a in self.ATTRIBUTES:
            d[a] = {"correct": getattr(self, f"{a}_ok"), "accuracy": self.accuracy(a), "f1": self.f1(a)}
        return d

    @classmethod
    def header(cls) -> str:
        head = (f"{'corpus':<12} {'files':>5} {'gold':>5} {'sys':>5}  {'strict P/R/F1':<17}  "
                f"{'relaxed P/R/F1':<17}")
        return head + "".join(f"  {cls.LABELS[a] + ' acc':>7} {cls.LABELS[a] + ' F1':>6}" for a in cls.ATTRIBUTES)

    def row(self, name: str) -> str:
        sp, sr, sf = self.prf("strict")
        rp, rr, rf = self.prf("relaxed")
        line = (f"{name:<12} {self.files:>5} {self.gold:>5} {self.system:>5}  {sp:.3f} {sr:.3f} {sf:.3f}  "
                f"{rp:.3f} {rr:.3f} {rf:.3f}")
        return line + "".join(f"  {self.accuracy(a):>7.3f} {self.f1(a):>6.3f}" for a in self.ATTRIBUTES)


@dataclass(frozen=True)
class SpanError:
    """Where an error is: its kind, corpus, file, sentence and extent (a subclass adds what each side said)."""

    kind: str
    corpus: str
    file: str
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class CorpusReport:
    """What the TimeML reports share (a dataclass subclass gives ``corpora``, ``overall`` and ``errors``): the
    table, the error listing and the dict. A subclass names its ``ERROR_KINDS`` and says how an error is keyed
    in the counts by class (:meth:`error_key`) and how each side of an error is written (:meth:`side`)."""

    ERROR_KINDS: ClassVar[tuple[str, ...]] = ()
    corpora: dict
    overall: ExtentCounts
    errors: list

    def format(self) -> str:
        head = self.overall.header()
        lines = [head, "-" * len(head)]
        lines += [s.row(name) for name, s in [*self.corpora.items(), ("overall", self.overall)]]
        return "\n".join(lines)

    def error_key(self, e) -> str:
        raise NotImplementedError

    def side(self, e, which: str) -> str:
        raise NotImplementedError

    def error_classes(self) -> list[tuple[str, int]]:
        """Error counts by :meth:`error_key`, largest first."""
        counts: dict[str, int] = {}
        for e in self.errors:
            key = self.error_key(e)
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def errors_text(self) -> str:
        counts = {k: sum(e.kind == k for e in self.errors) for k in self.ERROR_KINDS}
        lines = ["errors: " + ", ".join(f"{n} {k}" for k, n in counts.items()),
                 "by class: " + ", ".join(f"{k} {n}" for k, n in self.error_classes())]
        for e in self.errors:
            lines.append(f"{e.kind:<8} {e.file}:{e.start}-{e.end}  gold: {self.side(e, 'gold')}  "
                         f"system: {self.side(e, 'system')}")
            lines.append(f"         | {e.sentence}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"corpora": {name: s.to_dict() for name, s in self.corpora.items()},
                "overall": self.overall.to_dict(),
                "errors": [e.to_dict() for e in self.errors]}
