"""Sentences, clauses and subjects by rule, from a language's word lists (part of :mod:`timeline.events.text`).

Takes a text and an :class:`~timeline.events.words.EventWords`; gives offsets. Sentences end at ``.``, ``!`` or
``?`` before a capital, a digit or a quote, except after an abbreviation (``Oct.``, ``Gen.``, ``U.S.``:
``events_abbreviations.tsv``) or an initial; a blank line always ends one. Clauses are cut at semicolons, then
conjunctions, then commas, then dashes; a clause that starts with an auxiliary has lost its subject.
"""
from __future__ import annotations

import itertools
import re
from typing import Iterator

from timeline.events.words import EventWords, one_of

# A run of stops is taken whole from its first character (the lookbehind), so a long run of dots costs its length once.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARA = re.compile(r"\n[ \t]*\n\s*")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")          # J. Smith, U.S.A.

#: characters; a longer run without a sentence end (a list, a table, markup debris) is cut at a space, so that the
#: work done for each expression on its sentence stays bounded (defect D13: quadratic in one endless sentence)
MAX_SENTENCE = 2000


def one_line(s: str) -> str:
    """``s`` on one line: every run of whitespace one space, none at the ends."""
    return " ".join(s.split())


def _capped(text: str, s: int, e: int):
    """``(s, e)`` in pieces of at most :data:`MAX_SENTENCE` characters, each cut after a space where there is one."""
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = s + MAX_SENTENCE if cut == -1 else cut + 1
        yield s, cut
        s = cut
    yield s, e


class SentenceRules:
    """The sentence, clause and subject rules of one language."""

    def __init__(self, words: EventWords):
        conj = one_of(words.word("conjunction"))
        self.abbreviations = words.abbreviations
        self.auxiliary = words.word("auxiliary")
        self.participle = tuple(words.word("participle_suffix"))      # "opened": a verb-looking word
        self.cuts = (re.compile(r";\s*"), re.compile(rf",?\s+(?:{conj})\s+", re.I), re.compile(r",\s+"),
                     re.compile(r"\s+--?\s+|\s*[–—]\s*"))
        self.strong_cuts = re.compile(rf";\s*|,\s+(?:{conj})\s+", re.I)

    def is_abbreviation(self, text: str, dot: int) -> bool:
        """Does the period at ``dot`` close an abbreviation or an initial rather than a sentence?"""
        start = dot
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“'":
            start -= 1
        token = text[start:dot + 1]
        if token in self.abbreviations:
            return True
        return bool(_INITIALS.fullmatch(token))

    def iter_sentences(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Sentence spans ``(start, end)`` of ``text[start:end]`` (offsets into ``text``, whitespace trimmed), one
        paragraph at a time: the first sentence costs its paragraph, not the text."""
        end = len(text) if end is None else end
        p0 = start
        for para in itertools.chain(_PARA.finditer(text, start, end), (None,)):
            p1 = end if para is None else para.end()
            spans: list[tuple[int, int]] = []
            s = p0
            for m in _END.finditer(text, p0, p1):
                punct = m.group(0)
                if punct[0] == "." and punct[1:2] not in (".", "!", "?") and self.is_abbreviation(text, m.start()):
                    continue
                spans.append((s, m.end()))
                s = m.end()
            spans.append((s, p1))
            for s, e in (piece for span in spans for piece in _capped(text, *span)):
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    yield s, e
            p0 = p1

    def narrow(self, text: str, lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
        """The clause of ``text[lo:hi]`` holding ``text[a:b]``, cut at semicolons and ", and"/", but" only."""
        before = [m.end() for m in self.strong_cuts.finditer(text, lo, a)]
        after = self.strong_cuts.search(text, b, hi)
        return (before[-1] if before else lo), (after.start() if after else hi)

    def clause_cut(self, text: str, lo: int, hi: int) -> tuple[int, int] | None:
        """Where to cut between two dated parts of a sentence: the strongest separator in ``text[lo:hi]``
        (semicolon, then a conjunction, then a comma, then a dash), as ``(end of the first, start of the next)``."""
        for sep in self.cuts:
            found = list(sep.finditer(text, lo, hi))
            if found:
                m = found[-1]
                return m.start(), m.end()
        return None

    def subject(self, sentence: str) -> str:
        """The words before the first verb-looking word ("An independent inquiry" in "An independent inquiry
        opened on Thursday and will sit ..."), or "" when there is no such short subject."""
        tokens = sentence.split()
        for i, w in enumerate(tokens[:7]):
            lw = w.lower().strip(",;:")
            if i and (lw in self.auxiliary or (len(lw) > 4 and lw.endswith(self.participle))):
                return " ".join(tokens[:i]) if not re.search(r"[,;:\"“”]", " ".join(tokens[:i])) else ""
        return ""

    def needs_subject(self, clause: str) -> bool:
        """Does the clause start with a verb ("will sit from March 8", "has carried ...")?"""
        first = clause.split()[0].lower() if clause.split() else ""
        return first in self.auxiliary
