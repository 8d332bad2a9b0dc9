"""Participants: who or what takes part in each event of a document, named as the article's entities.

:func:`attach` gives each event of a document its ``participants``: the entities (:mod:`timeline.events.entities`,
aliases resolved in the article) among its arguments. For an event with a trigger word, by rule on the sentence:

- its subject: the nearest entity before the trigger in the sentence ("Jobs started by hinting at the incident,
  saying ..." gives *saying* Jobs);
- the entities of its clause before it, back to the previous verb of an event, a semicolon or a colon;
- the entities after it, up to the next verb of an event, a semicolon or a colon ("unveiled iPhone 4, along with
  iOS 4"; "the sale of the iPod to ...").

An event without a trigger (dated by its sentence) takes the entities of its sentence; the publication event,
those of the title and the lead sentence. The tokens and POS tags are the event detector's
(:func:`timeline.events.mentions.load`), so no other model is loaded.
"""
from __future__ import annotations

import bisect
import dataclasses

import numpy as np

from timeline.events.entities import Article, article_entities, has_words, participant_words
from timeline.events.features import tokenize
from timeline.events.text import text_analysis
from timeline.lang import DEFAULT
from timeline.model import Document, Event, Timex

_CLAUSE_STOPS = frozenset((";", ":"))
MAX_PARTICIPANTS = 8
REPORTING = "REPORTING"      # the TimeML class of a report ("said", "announced")
SPEAKER_AFTER = 3            # tokens after a report's trigger where its speaker may stand ("said the company")
_BEFORE_INVERTED = frozenset((",", '"', "''", "\u201d"))     # what precedes a report followed by its speaker


class Analysis:
    """The tokens, tags, sentences and entities of one document, and the participants of a span of it."""

    def __init__(self, doc: Document, timexes: list[Timex], lang: str = DEFAULT):
        from timeline.events.mentions import load

        text = doc.text
        spans = list(text_analysis(lang).sentences(text, doc.body_start)) or [(doc.body_start, len(text))]
        if doc.body_start > 0 and text[:doc.body_start].strip():
            spans.insert(0, (0, doc.body_start))
        self.sentences = spans
        detector = load(lang)
        labels = detector.pos.labels
        head_words, head_starts, head_ends = tokenize(text[:doc.body_start])      # the title and the header
        body, at = text[doc.body_start:], doc.body_start
        words, starts, ends, tags = detector.tokens(body)     # the detector's, when it has just read the body
        self.words = head_words + words
        self.starts = head_starts + [s + at for s in starts]
        self.ends = head_ends + [e + at for e in ends]
        self.tags = [labels[t] for t in detector.tag(head_words).tolist()] if head_words else []
        self.tags += [labels[t] for t in tags.tolist()]
        bounds = np.array([s for s, _ in spans], dtype=np.int64)
        self.sentence_of = np.maximum(np.searchsorted(bounds, np.array(self.starts, dtype=np.int64), "right") - 1,
                                      0).tolist()
        masked = set()
        for t in timexes:
            lo = bisect.bisect_left(self.ends, t.start + 1)
            hi = bisect.bisect_left(self.starts, t.end)
            masked.update(range(lo, hi))
        self.article: Article = article_entities(text, self.sentence_of, self.words, self.starts, self.ends,
                                                 self.tags, masked, lang)
        self.by_sentence: dict[int, list] = {}
        for m in self.article.mentions:
            self.by_sentence.setdefault(self.sentence_of[m.first], []).append(m)
        self.verbs: set[int] = set()            # token indexes of the verb triggers of the document's events
        self.openers = participant_words(lang).clause_openers

    def token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def note_triggers(self, spans: list[tuple[int, int]]) -> None:
        for start, _end in spans:
            k = self.token_at(start)
            if k < len(self.tags) and self.tags[k].startswith("VB"):
                self.verbs.add(k)

    def _stop(self, k: int, trigger: int) -> bool:
        return k != trigger and (k in self.verbs or self.words[k] in _CLAUSE_STOPS)

    def of_trigger(self, start: int, end: int, cls: str = "") -> tuple[str, ...]:
        """The participants of the event whose trigger is ``text[start:end]`` (of TimeML class ``cls``: what a
        report says is not its participant, only who says it: "Apple said the iPod ..." is Apple's)."""
        if not self.words:
            return ()
        i = self.token_at(start)
        s = self.sentence_of[i]
        found = self.by_sentence.get(s, [])
        if not found:
            return ()
        left = [m for m in found if m.last <= i]
        right = [m for m in found if m.first > i]
        if cls == REPORTING:
            inverted = i > 0 and self.words[i - 1] in _BEFORE_INVERTED      # '"...," said Apple': the speaker after
            right = [m for m in right if m.first <= i + SPEAKER_AFTER] if inverted else []
            if right:
                left = []
        lo = i
        while lo > 0 and self.sentence_of[lo - 1] == s and not self._stop(lo - 1, i):
            lo -= 1
        if lo > 0 and self.sentence_of[lo - 1] == s and lo - 1 in self.verbs:    # after another event's verb,
            joins = [k for k in range(lo, i) if self.tags[k] == "CC"]          # a conjunction opens the clause
            if joins:
                lo = joins[-1] + 1
        hi = i + 1
        while hi < len(self.words) and self.sentence_of[hi] == s and not self._stop(hi, i) \
                and self.words[hi].lower() not in self.openers:
            hi += 1
        if hi < len(self.words) and hi in self.verbs:        # "Apple sued Cisco and Microsoft bought Nokia":
            last = [m for m in right if m.last <= hi]           # Microsoft is the subject of the next verb
            if last and hi - last[-1].last <= 1 and last[-1].first > i + 1 \
                    and (self.tags[last[-1].first - 1] == "CC" or self.words[last[-1].first - 1] == ","):
                hi = last[-1].first - 1
        chosen = [m for m in left if m.first >= lo]
        if left and (not chosen or chosen[-1] is not left[-1]):
            chosen.append(left[-1])
        chosen.sort(key=lambda m: m.first)
        chosen += [m for m in right if m.last <= hi]
        return self.article.names(m.entity for m in chosen)[:MAX_PARTICIPANTS]

    def of_sentences(self, offsets: list[int]) -> tuple[str, ...]:
        """The entities of the sentences that hold ``offsets``, in text order."""
        out = []
        for s in sorted({self.sentence_of[self.token_at(o)] for o in offsets} if self.words else ()):
            out += [m.entity for m in self.by_sentence.get(s, [])]
        return self.article.names(out)[:MAX_PARTICIPANTS]

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Each entity's name -> the forms it is written in (its name first)."""
        out: dict[str, list[str]] = {}
        for e in self.article.entities:
            out.setdefault(e.name, []).extend(a for a in e.aliases if a not in out.get(e.name, ()))
        return {k: tuple(dict.fromkeys([k, *v])) for k, v in out.items()}


def trigger_span(e: Event) -> tuple[int, int] | None:
    """The offsets of an event's trigger word (None for an event dated by its sentence alone)."""
    return (e.trigger_start, e.trigger_end) if e.trigger_start is not None and e.trigger_end is not None else None


def attach(doc: Document, timexes: list[Timex], events: list[Event],
           lang: str = DEFAULT) -> tuple[list[Event], Analysis | None]:
    """``events`` (of ``doc``) with their ``participants``, and the document's :class:`Analysis` (None, and the
    events as they are, for a language without an event model or participants' words, or a document the event
    model could not read: its rows have no trigger)."""
    from timeline.events.anchor import has_model

    if not events or not has_model(lang) or not has_words(lang) or not any(map(trigger_span, events)):
        return events, None
    an = Analysis(doc, timexes, lang)
    an.note_triggers([t for t in map(trigger_span, events) if t])
    out = []
    for e in events:
        span = trigger_span(e)
        if span:
            names = an.of_trigger(*span, e.event_class)
        elif e.kind == "publication":
            names = an.of_sentences([0, doc.body_start] if doc.body_start else [doc.body_start])
        elif e.phrase_start is not None:
            names = an.of_sentences([e.phrase_start])
        else:
            names = ()
        out.append(dataclasses.replace(e, participants=names) if names != e.participants else e)
    return out, an
