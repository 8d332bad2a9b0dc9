"""Event mentions in the events stage: the trigger of each row, and how an event with no date of its own is dated.

Takes a document, its sentences and the event mentions of :mod:`timeline.events.mentions` (or the EVENT elements
of a TimeML input); gives, for a clause, its main event mention (:meth:`Mentions.main`: the row's ``trigger``),
and the ``anchor`` values a row can have (:data:`ANCHORS`). When the model cannot read a document (no sentences:
one endless line, a table of figures) the events come from the dates alone, with a note saying so.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from dataclasses import dataclass, replace

from timeline.events.mentions import EventMention
from timeline.events.sentences import MAX_SENTENCE
from timeline.model import Document

#: how an event is dated (the table's ``anchor`` column)
ANCHORS = ("timex", "dct", "sentence", "event", "coreference", "none")
TIMEX, DCT, SENTENCE, EVENT, COREFERENCE, NONE = ANCHORS

#: a share of the body below this in real sentences (not pieces of an endless run cut at a space): not read
READABLE_SHARE = 0.5

_ASIDE = re.compile(r'"[^"]*"|“[^“”]*”|\([^()]*\)|\s--?\s.*?\s--?\s|—[^—]*—')
_FINITE = {"PAST", "PRESENT"}
_ATTRIBUTES = ("tense", "aspect", "polarity", "pos")


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
        """The main event mention of the clause ``[lo, hi)``, by :func:`rank`, then before ``near`` (the dating
        phrase: "was *renamed* in 2006, as Apple began"), then nearest to it; mentions inside the ``skip`` spans
        (the dating phrase itself: "since the *beginning* of the *war*") are left out, those inside ``quoted``
        spans come last."""
        best, key = None, None
        for t in self.within(lo, hi):
            if t.end > hi or any(a <= t.start < b for a, b in skip):
                continue
            k = (4 if any(a <= t.start < b for a, b in quoted) else rank(t), t.start > near, abs(t.start - near))
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
    """The stretches of ``text[lo:hi]`` that are quoted or set aside (double quotes, parentheses, a pair of
    dashes): what they say is not what the clause reports."""
    part = text[lo:hi]
    if not any(c in part for c in '"“(-—'):
        return []
    return [m.span() for m in _ASIDE.finditer(text, lo, hi)]


def readable(sentences: list[tuple[int, int]], body: int) -> bool:
    """Can the model read a body of ``body`` characters cut into these ``sentences``? Not when most of it is
    pieces of runs with no sentence end (cut at :data:`~timeline.events.sentences.MAX_SENTENCE`)."""
    if not sentences or body <= 0:
        return False
    real = sum(e - s for s, e in sentences if e - s < MAX_SENTENCE // 2)
    return real >= READABLE_SHARE * sum(e - s for s, e in sentences)


def document_mentions(doc: Document, lang: str = "en") -> list[Trigger]:
    """The event mentions of ``doc``'s body as the events stage finds them (:func:`mentions_of`), for the TimeML
    writers: what ``timeline tag --format timeml`` and the build's ``timeml`` profile tag as EVENT."""
    from timeline.events.text import text_analysis

    sentences = list(doc.sentences) or list(text_analysis(lang).sentences(doc.text, doc.body_start))
    return mentions_of(doc, sentences, lang)[0].items


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
    from timeline.events.mentions import detect

    body = doc.text[doc.body_start:]
    if doc.events is not None and not (doc.events and has_model(lang) and readable(sentences, len(body))):
        return Mentions(_completed(doc.events, [])), ""
    if not body.strip() or not has_model(lang):
        return Mentions([]), ""
    if not readable(sentences, len(body)):
        return Mentions([]), "the event model could not read this document (no sentences); its events are " \
                             "the dated ones only, without triggers"
    off = doc.body_start
    found = [replace(m, start=m.start + off, end=m.end + off) for m in detect(body, lang)]
    if doc.events is not None:
        return Mentions(_completed(doc.events, found)), ""
    return Mentions(found), ""


def _completed(given, found: list[Trigger]) -> list[Trigger]:
    """The input's own EVENTs (:class:`timeline.sources.timeml.TimeMLEvent`) as mentions, with what their markup
    leaves out (class, tense, aspect, part of speech: the SemEval-2015 files carry only the extent) taken from
    the detector's mention of the same word when there is one."""
    by_span = {(m.start, m.end): m for m in found}
    out = []
    for e in given:
        m = by_span.get((e.start, e.end))
        attrs = {k: v for k, v in e.attributes if k in _ATTRIBUTES}
        if m is not None:
            attrs = {k: getattr(m, k) for k in _ATTRIBUTES} | attrs
        out.append(Trigger(e.start, e.end, e.text, e.cls or (m.cls if m else "OCCURRENCE"), **attrs))
    return out


# ---------------------------------------------------------------------------------------------------- rows of their own

#: the sentences of a body, after its dateline, whose present perfect is news of the day (the lead)
NEWS_SENTENCES = 3


@dataclass
class Dated:
    """What a sentence gives the ones after it: the date of its first dated row, and where its paragraph ends."""

    start: _dt.date | None
    end: _dt.date | None
    precision: str | None
    value: str
    edtf: str
    paragraph_end: int


def free_clauses(analysis, text: str, s0: int, s1: int, covered: list[tuple[int, int]],
                 mentions: Mentions) -> list[tuple[int, int, list[Trigger]]]:
    """The clauses of the sentence ``[s0, s1)`` that no dated row covers and that hold event mentions, each with
    its mentions: a semicolon or ", and" ends a clause (the analysis's ``narrow``)."""
    out: list[tuple[int, int, list[Trigger]]] = []
    for t in mentions.within(s0, s1):
        if any(a <= t.start < b for a, b in covered):
            continue
        if out and out[-1][0] <= t.start < out[-1][1]:
            out[-1][2].append(t)
            continue
        lo, hi = analysis.narrow(text, s0, s1, t.start, t.end)
        if not any(lo < b and a < hi for a, b in covered):
            out.append((lo, hi, [t]))
    return out


def how_dated(t: Trigger, index: int, dct: _dt.date | None, dateline: Dated | None, before: Dated | None,
              pos: int) -> tuple[str, Dated | None]:
    """How the main event ``t`` of a clause with no date of its own is dated, and by what: the lead after a
    dateline by the dateline (``sentence``); a present perfect in the lead by the publication day (``dct``); a
    simple past after a dated sentence of the same paragraph by that sentence's date (``sentence``); else
    ``none``. ``index`` is the sentence's place in the body (after the dateline), ``pos`` the clause's offset."""
    if dateline is not None and index == 0:
        return SENTENCE, dateline
    if dct is not None and index < NEWS_SENTENCES and t.tense == "PRESENT" and t.aspect == "PERFECTIVE":
        return DCT, Dated(dct, dct, "day", dct.isoformat(), dct.isoformat(), 0)
    if before is not None and pos < before.paragraph_end and t.tense == "PAST" and t.aspect == "NONE":
        return SENTENCE, before
    return NONE, None


def undated_event(doc: Document, analysis, lo: int, hi: int, t: Trigger, anchor: str, by: Dated | None,
                  phrase: tuple[int, int] | None = None):
    """The row of a happening with no date of its own, dated by ``by`` (or undated, ``anchor`` none); ``phrase``
    is the span that dates it when there is one ("a week after the merger")."""
    from timeline.events.text import one_line
    from timeline.model import Event

    clause = doc.text[lo:hi]
    start, end, precision = (by.start, by.end, by.precision) if by else (None, None, None)
    p0, p1 = phrase or (None, None)
    spans = [(p0 - lo, p1 - lo)] if phrase else []
    return Event(start, end, precision, None, one_line(doc.text[p0:p1]) if phrase else "", p0, p1, one_line(clause),
                 analysis.headline(clause, spans, fallback=t.text), doc, end_precision=precision, anchor=anchor,
                 flags=("inferred",) if by is not None else (), kind="mention", value=by.value if by else "",
                 edtf=by.edtf if by else "", trigger=t.text, trigger_start=t.start, trigger_end=t.end,
                 event_class=t.cls)


# ------------------------------------------------------------------------------------ "a week after the merger"

_DURATION = re.compile(r"P(\d+)([DWMY])")
_NEXT_WORDS = 40                    # characters after the signal where the event it names may start


def _same_happening(a: str, b: str) -> bool:
    """"merger" and "merged", "vote" and "voted": one word's stem begins the other (4 letters at least)."""
    a, b = a.lower(), b.lower()
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 4 and n >= 0.7 * min(len(a), len(b))


def _shifted(by: Dated, count: int, unit: str, sign: int) -> Dated | None:
    """``by`` moved by ``count`` days, weeks, months or years (``sign`` -1: before); None when the unit is finer
    than the date ("two days after" a month)."""
    from timeline.events.dates import edtf_point, span_of

    if by.start is None:
        return None
    if unit in "DW" and by.precision not in ("day", "time"):
        return None
    if unit == "M" and by.precision not in ("day", "time", "month"):
        return None
    d = by.start
    if unit in "DW":
        d = d + _dt.timedelta(days=sign * count * (7 if unit == "W" else 1))
        value = d.isoformat()
    else:
        months = d.year * 12 + d.month - 1 + sign * count * (12 if unit == "Y" else 1)
        y, m = divmod(months, 12)
        if not 1 <= y <= 9999:
            return None
        value = (f"{y:04d}-{m + 1:02d}-{min(d.day, 28):02d}" if by.precision in ("day", "time") and d.day <= 28 else
                 f"{y:04d}-{m + 1:02d}" if by.precision in ("day", "time", "month") else f"{y:04d}")
    span = span_of(value)
    if span is None:
        return None
    return Dated(span.start, span.end, span.precision, value, edtf_point(span), by.paragraph_end)


def event_offsets(words, text: str, s0: int, s1: int, durations, mentions: Mentions, dated) -> list:
    """"A week after the merger", "two days before the vote": a duration, a signal of the language
    (``event_after``, ``event_before`` in ``events_signals.tsv``) and an event noun, outside quotes, whose
    happening is that of a mention in a dated row's clause (``dated``: (mention, row) pairs, the document's so far):
    ``(phrase start, phrase end, date or None when the happening is not dated, mention)``."""
    from timeline.events.words import one_of

    after, before = words.signal("event_after"), words.signal("event_before")
    if not (after or before) or not durations:
        return []
    signal = re.compile(rf"\s+(?:(?P<after>{one_of(after)})|(?P<before>{one_of(before)}))\s+", re.I)
    out = []
    for t in durations:
        m_dur, m_sig = _DURATION.fullmatch(t.value or ""), signal.match(text, t.end, s1)
        if not (m_dur and m_sig):
            continue
        named = next((m for m in mentions.within(m_sig.end(), min(s1, m_sig.end() + _NEXT_WORDS))), None)
        if named is None or named.pos != "NOUN" or any(a <= t.start < b for a, b in quotes_in(text, s0, s1)):
            continue            # "after launching the iPhone": a verb names no happening of the text; a quote's own
        source = next((r for m, r in reversed(dated) if m.start != named.start and _same_happening(m.text, named.text)),
                      None)
        when = None
        if source is not None:
            by = Dated(source.start, source.end, source.precision, source.value, source.edtf, 0)
            when = _shifted(by, int(m_dur[1]), m_dur[2], -1 if m_sig["before"] else 1)
        out.append((t.start, named.end, when, named))
    return out


def dated_mentions(hosts, mentions: Mentions) -> list:
    """The (mention, row) pairs of the mentions in the clauses of dated rows (``hosts``: (start, end, row)) that
    "a week after the merger" can refer to: the row must be a point with a date."""
    return [(m, row) for lo, hi, row in hosts if row.kind == "mention" and row.start is not None
            for m in mentions.within(lo, hi)]
