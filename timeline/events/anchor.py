"""Event mentions in the events stage: the trigger of each row, and how an event with no date of its own is dated.

Takes a document, its sentences and the event mentions of :mod:`timeline.events.mentions` (or the EVENT elements
of a TimeML input); gives, for a clause, its main event mention (:meth:`Mentions.main`: the row's ``trigger``),
and the ``anchor`` values a row can have (:data:`ANCHORS`). When the model cannot read a document (no sentences:
one endless line, a table of figures) the events come from the dates alone, with a note saying so.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from timeline.events.mentions import EventMention
from timeline.events.sentences import MAX_SENTENCE
from timeline.model import Document

#: how an event is dated (the table's ``anchor`` column)
ANCHORS = ("timex", "dct", "sentence", "event", "coreference", "none")
TIMEX, DCT, SENTENCE, EVENT, COREFERENCE, NONE = ANCHORS

#: a share of the body below this in real sentences (not pieces of an endless run cut at a space): not read
READABLE_SHARE = 0.5

_QUOTE = re.compile(r'"[^"]*"|“[^“”]*”')
_FINITE = {"PAST", "PRESENT"}


#: one event word with offsets into the document's text (what the detector gives, shifted to the document)
Trigger = EventMention


class Mentions:
    """The event mentions of one document in text order, found by offset in logarithmic time."""

    def __init__(self, triggers: list[Trigger]):
        self.items = sorted(triggers, key=lambda t: (t.start, t.end))
        self.starts = [t.start for t in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def within(self, lo: int, hi: int) -> list[Trigger]:
        """The mentions that start in ``[lo, hi)``."""
        return self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def main(self, lo: int, hi: int, near: int, skip: tuple[tuple[int, int], ...] = (),
             quoted: list[tuple[int, int]] = ()) -> Trigger | None:
        """The main event mention of the clause ``[lo, hi)``, by :func:`rank` then nearest to ``near`` (the
        dating phrase); mentions inside the ``skip`` spans (the dating phrase itself: "since the *beginning* of
        the *war*") are left out, those inside ``quoted`` spans come last."""
        best, key = None, None
        for t in self.within(lo, hi):
            if t.end > hi or any(a <= t.start < b for a, b in skip):
                continue
            k = (4 if any(a <= t.start < b for a, b in quoted) else rank(t), abs(t.start - near))
            if key is None or k < key:
                best, key = t, k
        return best


def rank(t: Trigger) -> int:
    """How likely ``t`` is the happening its clause reports: a finite verb that is not a report or a state
    ("were *killed*") 0; a report ("*said* on Wednesday": what it said is undated or quoted) 1; another verb
    (an infinitive, a participle, a future) 2; a noun or an adjective 3."""
    if t.pos != "VERB":
        return 3
    if t.cls == "REPORTING":
        return 1
    return 0 if t.tense in _FINITE and t.cls not in ("STATE", "I_STATE") else 2


def quotes_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quoted stretches of ``text[lo:hi]`` (straight or curly double quotes)."""
    if '"' not in text[lo:hi] and "“" not in text[lo:hi]:
        return []
    return [m.span() for m in _QUOTE.finditer(text, lo, hi)]


def readable(sentences: list[tuple[int, int]], body: int) -> bool:
    """Can the model read a body of ``body`` characters cut into these ``sentences``? Not when most of it is
    pieces of runs with no sentence end (cut at :data:`~timeline.events.sentences.MAX_SENTENCE`)."""
    if not sentences or body <= 0:
        return False
    real = sum(e - s for s, e in sentences if e - s < MAX_SENTENCE // 2)
    return real >= READABLE_SHARE * sum(e - s for s, e in sentences)


@functools.lru_cache(maxsize=None)
def has_model(lang: str) -> bool:
    """Does language ``lang`` have an event model? A language folder without a ``models/`` folder has none (its
    rows have no trigger); with one, the model file must be there and readable
    (:func:`timeline.events.mentions.load` says what is wrong at start-up)."""
    from timeline.events.mentions import model_path

    return model_path(lang).parent.is_dir()


def mentions_of(doc: Document, sentences: list[tuple[int, int]], lang: str) -> tuple[Mentions, str]:
    """The event mentions of ``doc``'s body (offsets into ``doc.text``) and a note ("" when all went well).

    The EVENT elements the input carried (``doc.events``, with ``--events-from-input``) are taken as they are;
    else the model of ``lang`` detects them. A body the model cannot read gives none, and the note says why."""
    if doc.events is not None:
        return Mentions(list(doc.events)), ""
    from timeline.events.mentions import detect

    body = doc.text[doc.body_start:]
    if not body.strip() or not has_model(lang):
        return Mentions([]), ""
    if not readable(sentences, len(body)):
        return Mentions([]), "the event model could not read this document (no sentences); its events are " \
                             "the dated ones only, without triggers"
    off = doc.body_start
    found = detect(body, lang)
    return Mentions([replace(m, start=m.start + off, end=m.end + off) for m in found]), ""
