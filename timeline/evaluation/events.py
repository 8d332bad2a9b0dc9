"""TempEval-3 Task B evaluation of event detection on TimeML corpora.

For every ``.tml`` file: give the detector the document text (the text :func:`timeline.sources.timeml.read_timeml`
reads, as the pipeline sees it), and match the system event mentions against the gold EVENT elements
(:mod:`timeline.evaluation.tmlevents` places them in that text).

Matching is the one of Task A (:func:`timeline.evaluation.common.match`: one-to-one, greedy by overlap). A
match is *relaxed*; it is also *strict* when the extents are identical (the same tokens). Micro-averaged over the
files of a corpus, and over all files:

- strict / relaxed precision = matches / system mentions, recall = matches / gold mentions, F1 their harmonic mean;
- class accuracy = relaxed matches with the gold TimeML class / relaxed matches;
- class F1 = relaxed F1 x class accuracy (the official scorer's figure).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar, Sequence

from timeline.evaluation.common import CorpusReport, ExtentCounts, SpanError, pair_up, score_corpora, sentence_around
from timeline.evaluation.tmlevents import EventDocument, GoldEvent, read_events, trim

EVENT_FIGURES = ("strict", "relaxed", "class")
ERROR_KINDS = ("missed", "spurious", "class")


@dataclass
class EventScores(ExtentCounts):
    """Counts for a set of files; every figure is computed from them (micro-average)."""

    ATTRIBUTES: ClassVar[tuple[str, ...]] = ("class",)
    LABELS: ClassVar[dict[str, str]] = {"class": "cls"}

    class_ok: int = 0         # relaxed matches with the gold class

    @property
    def class_accuracy(self) -> float:
        return self.accuracy("class")


@dataclass(frozen=True)
class EventError(SpanError):
    """One error: ``kind`` is missed (a gold event not found), spurious (a system event not in the gold) or class
    (a relaxed match with the wrong class). The gold_* or system_* fields are empty when there is no such side."""

    gold_text: str
    gold_class: str
    system_text: str
    system_class: str


@dataclass
class EventReport(CorpusReport):
    """Scores per corpus (in the order given) and overall, and the error list."""

    ERROR_KINDS: ClassVar[tuple[str, ...]] = ERROR_KINDS

    corpora: dict[str, EventScores] = field(default_factory=dict)
    overall: EventScores = field(default_factory=EventScores)
    errors: list[EventError] = field(default_factory=list)

    def error_key(self, e: EventError) -> str:
        """Missed by gold class, spurious by system class, a wrong class as ``class GOLD->SYSTEM``."""
        if e.kind == "class":
            return f"class {e.gold_class}->{e.system_class}"
        return f"{e.kind} {e.gold_class or e.system_class}"

    def side(self, e: EventError, which: str) -> str:
        text, cls = getattr(e, f"{which}_text"), getattr(e, f"{which}_class")
        return f"{text!r} {cls}" if text else "-"


# ---------------------------------------------------------------------------------------------------- scoring

def _sentence(doc: EventDocument, start: int, end: int) -> str:
    """The ``<s>`` sentence holding the span when the file marks sentences, else the sentence around it."""
    for s, e in doc.sentences:
        if s <= start and end <= e:
            return sentence_around(doc.text[s:e], start - s, end - s)
    return sentence_around(doc.text, start, end)


def _cls(mention) -> str:
    return str(getattr(mention, "cls", "") or "")


def score_events_document(doc: EventDocument, system: Sequence,
                          corpus: str = "") -> tuple[EventScores, list[EventError]]:
    """Scores and errors of one document's ``system`` event mentions (``start``, ``end``, ``cls``) against its gold
    EVENTs."""
    gold = list(doc.events)
    system, pairs, missed, spurious = pair_up(gold, system, doc.text, doc.path, "event")
    s = EventScores(files=1, gold=len(gold), system=len(system), relaxed=len(pairs))

    def err(kind: str, g: GoldEvent | None, m) -> EventError:
        span = m if g is None else g
        return EventError(kind, corpus, doc.path, _sentence(doc, span.start, span.end), span.start, span.end,
                          gold_text="" if g is None else g.text, gold_class="" if g is None else g.cls,
                          system_text="" if m is None else doc.text[m.start:m.end],
                          system_class="" if m is None else _cls(m))

    errors = [err("missed", g, None) for g in missed] + [err("spurious", None, m) for m in spurious]
    for gi, si in pairs:
        g, m = gold[gi], system[si]
        s.strict += (g.start, g.end) == trim(doc.text, m.start, m.end)
        right = g.cls == _cls(m)
        s.class_ok += right
        if not right:
            errors.append(err("class", g, m))
    errors.sort(key=lambda e: (e.start, e.end, e.kind))
    return s, errors


def _default_detector() -> Callable:
    try:
        from timeline.events.mentions import detect
    except ImportError as exc:
        raise ImportError(f"no event detector to evaluate (timeline.events.mentions: {exc})") from exc
    return detect


def evaluate_events(paths: Sequence[str | Path], detector: Callable | None = None, *,
                    corpus_names: Sequence[str] | None = None) -> EventReport:
    """Evaluate ``detector(text) -> [mention with start, end, cls]`` (default
    :func:`timeline.events.mentions.detect`) on the gold EVENTs of TimeML corpora.

    ``paths`` are corpus directories (every ``.tml`` under them) or single ``.tml`` files. A corpus is named by
    ``corpus_names`` (parallel to ``paths``) or else by the directory's name (a file's parent directory);
    paths with the same name are scored as one corpus.
    """
    if detector is None:
        detector = _default_detector()
    return score_corpora(EventReport(), paths, corpus_names, read_events, lambda doc: detector(doc.text),
                         score_events_document, "event detector")
