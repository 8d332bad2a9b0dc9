"""Tense markers are found chunk by chunk, only where an expression asks (:func:`timeline.tagger.tense.analyse`): the
markers must be those of one scan of the whole text with the plain alternation of the markers (English's
``tense_markers.tsv``)."""
from __future__ import annotations

import re
from pathlib import Path

from timeline.tagger import tense

ROOT = Path(__file__).resolve().parents[1]
MARKERS = tense.markers("en")
PLAIN = re.compile("|".join(rf"\b(?P<m{i}>{p})\b" for i, (_, p) in enumerate(MARKERS.alternatives)), re.IGNORECASE)


def _whole_text(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup) for m in PLAIN.finditer(text)]


def _chunked(text: str) -> list[tuple[int, int, str]]:
    a = tense.analyse(text)
    found = [mk for chunk in range(len(a.cuts)) for mk in tense._markers(text, a, chunk)]
    return [(s, e, sign) for s, e, sign, _ in found]


def test_chunked_markers_are_the_whole_text_markers():
    seed = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    texts = [seed, seed.replace(",", " ").replace(".", " "), "he'll be be be be be be said " * 200,
             "x" * 3000 + " had not been expected " + "y" * 3000, ""]
    for text in texts:
        expected = []
        for s, e, group in _whole_text(text):       # the adjective filter of analyse, applied to the plain scan
            if group == MARKERS.generic_past:
                word = text[s:e].lower()
                if word in MARKERS.adjectives or word.startswith(MARKERS.adjective_prefixes) or \
                        MARKERS.before_adjective.search(text, max(0, s - 12), s):
                    continue
            expected.append((s, e, MARKERS.signs[group]))
        assert _chunked(text) == expected
