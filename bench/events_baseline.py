"""The word-list baseline of issue 12, scored with our TempEval-3 Task B evaluator (``timeline evaluate --events``).

    python bench/events_baseline.py [TBAQ_DIR]          (default: ../shared/corpora/tbaq)

From a training split, every word (lower-cased) that is a gold EVENT in at least half of its occurrences is an
event word, with the class it has most often as an event (ties: the class named first in alphabetical order). A
word counts as an event occurrence when a gold EVENT's extent is exactly that word. The detector marks every
occurrence of an event word in the test text. Two held-out directions: train on TimeBank, test on AQUAINT, and the
other way round; no test document is ever in the training split.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from timeline.evaluation import evaluate_events
from timeline.evaluation.tmlevents import read_events
from timeline.sources.timeml import iter_tml_files

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
DEFAULT_TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "tbaq"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    cls: str


def train(paths) -> dict[str, str]:
    """The event words of the ``.tml`` files under ``paths``, each with its usual class."""
    seen: Counter = Counter()
    classes: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        for f in iter_tml_files(path):
            doc = read_events(f)
            gold = {(g.start, g.end): g.cls for g in doc.events}
            for m in WORD.finditer(doc.text):
                word = m.group().lower()
                seen[word] += 1
                cls = gold.get(m.span())
                if cls:
                    classes[word][cls] += 1
    return {w: min(c, key=lambda k: (-c[k], k)) for w, c in classes.items() if sum(c.values()) * 2 >= seen[w]}


def detector(words: dict[str, str]):
    def detect(text: str) -> list[Mention]:
        return [Mention(m.start(), m.end(), words[w]) for m in WORD.finditer(text) if (w := m.group().lower()) in words]
    return detect


def main(argv: list[str]) -> None:
    tbaq = Path(argv[0]) if argv else DEFAULT_TBAQ
    splits = {"timebank": tbaq / "timebank", "aquaint": tbaq / "aquaint"}
    for train_name, test_name in (("timebank", "aquaint"), ("aquaint", "timebank")):
        words = train([splits[train_name]])
        report = evaluate_events([splits[test_name]], detector(words))
        print(f"## word list from {train_name} ({len(words)} words) -> {test_name}\n{report.format()}")
        top = ", ".join(f"{k} {n}" for k, n in report.error_classes()[:8])
        print(f"largest error classes: {top}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
