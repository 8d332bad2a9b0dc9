"""The text side of the events stage, behind one interface: sentences, clauses, subjects and headlines.

:class:`TextAnalysis` is everything the events stage asks of a text; :func:`text_analysis` gives the one of a
language, done by rule from its word lists (:class:`RuleAnalysis`: :mod:`timeline.events.sentences` and
:mod:`timeline.events.headline`, words from ``lang/<code>/events_*.tsv``). A dependency parser or a statistical
model replaces the analysis here, in one place, by offering the same six methods. All offsets are into the
text given.
"""
from __future__ import annotations

import functools
from typing import Iterator, Protocol

from timeline.events.headline import HEADLINE_MAX, HeadlineRules
from timeline.events.sentences import MAX_SENTENCE, SentenceRules, one_line
from timeline.events.words import EventWords, event_words
from timeline.lang import DEFAULT

__all__ = ["HEADLINE_MAX", "MAX_SENTENCE", "RuleAnalysis", "TextAnalysis", "analysis_of", "one_line",
           "text_analysis"]


class TextAnalysis(Protocol):
    """What the events stage asks of the text of one language."""

    def sentences(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """The sentences of ``text[start:end]``, in order, as ``(start, end)`` with no whitespace at either end."""

    def clause_cut(self, text: str, lo: int, hi: int) -> tuple[int, int] | None:
        """Where ``text[lo:hi]``, between two dated parts of a sentence, is cut into two clauses:
        ``(end of the first, start of the next)``, or None where nothing separates them."""

    def narrow(self, text: str, lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
        """The clause of ``text[lo:hi]`` that holds ``text[a:b]``."""

    def subject(self, sentence: str) -> str:
        """The subject at the start of ``sentence`` ("An independent inquiry" in "An independent inquiry opened
        ..."), or "" when it has no short one."""

    def needs_subject(self, clause: str) -> bool:
        """Has ``clause`` lost its subject ("will sit from March 8")? Then it borrows its sentence's."""

    def headline(self, text: str, spans: list[tuple[int, int]] = (), fallback: str = "") -> str:
        """A few words (at most :data:`HEADLINE_MAX` characters, never empty) for ``text``, the temporal phrases
        at ``spans`` left out; ``fallback`` when nothing is left."""


class RuleAnalysis:
    """:class:`TextAnalysis` by rule from the word lists of one language."""

    def __init__(self, words: EventWords):
        self.words = words
        self.sentence_rules = SentenceRules(words)
        self.headline_rules = HeadlineRules(words)
        # the methods of the interface, bound once (no call in between on the hot path)
        self.sentences = self.sentence_rules.iter_sentences
        self.clause_cut = self.sentence_rules.clause_cut
        self.narrow = self.sentence_rules.narrow
        self.subject = self.sentence_rules.subject
        self.needs_subject = self.sentence_rules.needs_subject
        self.headline = self.headline_rules.headline
        self.shorten = self.headline_rules.shorten


@functools.lru_cache(maxsize=None)
def analysis_of(words: EventWords) -> TextAnalysis:
    """The text analysis of the language whose words are ``words``, built once."""
    return RuleAnalysis(words)


def text_analysis(lang: str = DEFAULT) -> TextAnalysis:
    """The text analysis of language ``lang``, built once per language (an unknown code is a LanguageError)."""
    return analysis_of(event_words(lang))
