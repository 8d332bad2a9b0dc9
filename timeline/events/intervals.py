"""One expression, or two, with the signals around them: the dated items of a sentence, points and intervals.

Takes resolved expressions (:class:`~timeline.model.Timex` with the :class:`~timeline.events.dates.Span` of
their value), the sentence's text and a language's :class:`~timeline.events.signals.Signals`; gives
:class:`Item`: a point ("around 2010"), an interval from two expressions ("between A and B", "from A to B",
"A - B": :func:`pair`), from one ("since 2011", "until Dec. 31", "Nov. 3-5": :func:`single`), or from an anchor
phrase linked to a dated mention of the same happening ("since the beginning of the civil war": :func:`anchored`).
"""
from __future__ import annotations

import datetime as _dt
import itertools
from dataclasses import dataclass, field

from timeline.events.dates import Span, span_of
from timeline.events.signals import Signals
from timeline.events.text import one_line
from timeline.model import Timex
from timeline.tagger.scan.regexes import search_end

_ANCHORS = {"absolute", "dct", "ref", "event"}


@dataclass
class Item:
    """One dated happening found in a sentence, before its text is cut out."""

    start: _dt.date | None
    end: _dt.date | None
    precision: str | None
    end_precision: str | None
    phrase_start: int
    phrase_end: int
    timexes: list[Timex]
    value: str
    end_value: str = ""
    kind: str = "mention"
    anchor: str = "absolute"
    flags: set[str] = field(default_factory=set)
    mod: str | None = None
    headline: str = ""                  # set when a rule knows better than the generic headline
    edtf: str = ""
    trigger_at: tuple[int, int] | None = None   # where its event word is, when a rule knows ("began" in 2011)


def flags_of(t: Timex) -> set[str]:
    flags = set(t.flags)
    if t.mod == "APPROX":
        flags.add("approximate")
    return flags


def anchor_of(t: Timex) -> str:
    return t.anchor if t.anchor in _ANCHORS else "absolute"


def point(sig: Signals, t: Timex, span: Span, before: str = "") -> Item:
    """The item of one expression on its own; "around 2010" is approximate when the tagger left the word out."""
    item = Item(span.start, span.end, span.precision, span.precision, t.start, t.end, [t], t.value,
                anchor=anchor_of(t), flags=flags_of(t), mod=t.mod)
    if search_end(sig.approximate, before, sig.approximate_reach):
        item.flags.add("approximate")
        item.mod = item.mod or "APPROX"
    return item


def pair(sig: Signals, text: str, a: Timex, b: Timex, sa: Span, sb: Span, sent_start: int) -> Item | None:
    """"between A and B", "from A to B", "A - B" -> one interval, or None."""
    gap, before = text[a.end:b.start], text[sent_start:a.start]
    dash = sig.dash_gap.fullmatch(gap)
    opener = None
    if sig.and_gap.fullmatch(gap):
        opener = sig.signal_before("between", before)
        if not opener:
            return None
    elif dash or sig.to_gap.fullmatch(gap):
        opener = sig.signal_before("from", before)
        if not (opener or dash):
            return None
    else:
        return None
    if sb.end < sa.start:
        return None
    start = sent_start + opener.start() if opener else a.start
    flags = flags_of(a) | flags_of(b)
    anchor = anchor_of(a) if anchor_of(a) != "absolute" else anchor_of(b)
    return Item(sa.start, sb.end, sa.precision, sb.precision, start, b.end, [a, b], a.value, b.value,
                kind="interval", anchor=anchor, flags=flags, mod=a.mod)


def single(sig: Signals, text: str, t: Timex, span: Span, sent_start: int,
           dct: _dt.date | None) -> tuple[Item, tuple | None, Item | None]:
    """One expression with the signals around it. Returns the item, for "X began in 2011" the
    ``(happening words, boundary, item)`` that event-anchored expressions can link to, and for "killed since
    the conflict began in 2011" the second happening: the killing from 2011 on is the item, the beginning in
    2011 a point of its own."""
    before = text[sent_start:t.start]
    item = point(sig, t, span, before)
    after = text[t.end:t.end + 12]
    m_range = (sig.day_range.match(after) if span.precision == "day" else
               sig.year_range.match(after) if span.precision == "year" else None)
    m_since = sig.signal_before("since", before)
    m_since_verb = m_verb = None
    if search_end(sig.preposition_end, before, 3):     # what both patterns end with: a cheap test first
        m_since_verb = search_end(sig.since_verb, before, sig.verb_reach)
        m_verb = m_since_verb or search_end(sig.verb, before, sig.verb_reach)
    m_until = sig.signal_before("until", before)
    link = extra = None
    if m_range:
        try:
            if span.precision == "day":
                last = span.start.replace(day=int(m_range.group(1)))
                end_value = last.isoformat()
            else:
                end_value = m_range.group(1)
                last = _dt.date(int(end_value), 12, 31)
        except ValueError:
            last = None
        if last and last > span.end:
            item.end, item.end_value, item.kind = last, end_value, "interval"
            item.phrase_end = t.end + m_range.end()
    elif (m_since or m_since_verb) and (dct is None or dct >= span.start):
        item.kind = "interval"
        item.end, item.end_precision = (dct, "day") if dct else (None, None)
        if m_since:
            item.phrase_start = sent_start + m_since.start()
        else:
            np = one_line(m_verb["np"])
            extra = point(sig, t, span, before)
            extra.headline = f"{np[:1].upper()}{np[1:]} {one_line(m_verb['verb']).lower()}"
            extra.trigger_at = (sent_start + m_verb.start("verb"), sent_start + m_verb.end("verb"))
            item.phrase_start = sent_start + m_since_verb.start()
    elif m_until:
        item.kind, item.start, item.precision = "interval", None, None
        item.phrase_start = sent_start + m_until.start()
        item.flags.add("open_start")
    if m_verb:
        boundary = sig.boundary[one_line(m_verb["verb"]).lower()]
        link = (sig.happening_words(m_verb["np"]), boundary, extra or item)
    return item, link, extra


def anchored(sig: Signals, text: str, s0: int, s1: int, timexes: list[Timex], links: list[tuple],
             dct: _dt.date | None) -> list[Item]:
    """"since the beginning of the country's civil war": linked to a dated mention, or kept with an open start."""
    items: list[Item] = []
    if not sig.any_anchor.search(text, s0, s1):     # none of the phrases in the sentence
        return items
    for pat, boundary in sig.anchors:
        for m in pat.finditer(text, s0, s1):
            if any(m.start() <= t.start < m.end() for t in timexes):
                continue                    # "since the beginning of 2011": the expression dates it
            np_words = sig.happening_words(m["np"])
            best = _first_link(sig, links, boundary, np_words)
            item = Item(None, dct, None, "day" if dct else None, m.start(), m.end(), [], "",
                        kind="interval", anchor="event", flags={"open_start"})
            src = span_of(best.value) if best is not None else None
            when = (src.start if boundary == "start" else src.end) if src else None
            if when is not None and (dct is None or when <= dct):
                item.start, item.precision, item.value = when, src.precision, best.value
                item.flags = {"inferred"} | (best.flags & {"year_inferred", "direction_from_tense",
                                                             "ambiguous_order", "approximate"})
            items.append(item)
    return items


def _first_link(sig: Signals, links: list[tuple], boundary: str, np_words: set[str]) -> Item | None:
    """The first dated link of ``boundary`` whose happening shares a class with ``np_words`` or whose words have a
    Jaccard similarity of 0.5 or more with them; a :class:`Links` finds it by its index."""
    if isinstance(links, Links):
        return links.first(sig, boundary, np_words)
    classes = sig.happening_classes(np_words)
    for lw, lb, li in links:
        if lb == boundary and li.start is not None and (
                classes & sig.happening_classes(lw) or (np_words and len(np_words & lw) / len(np_words | lw) >= 0.5)):
            return li
    return None


class Links(list):
    """The links of a document, ``(happening words, boundary, item)`` of each mention dated by a boundary verb
    ("the war began in 2011"), in order, with an index built at the first lookup (and again after an append).

    :meth:`first` gives what a scan over every link gives (the first dated link of the boundary that shares a
    happening class with the anchor's words or has a Jaccard similarity of 0.5 or more with them) without the scan:
    a document of thousands of "X began in 2011, since the start of Y" costs its links once, not once an anchor.
    For the Jaccard test, the links are indexed by every subset of their words and their number of words: a link
    of ``b`` words holding a subset ``I`` of the anchor's ``a`` words has a similarity of at least
    ``|I| / (a + b - |I|)``, so the first link of each (subset, b) whose bound is 0.5 passes, and the first that
    passes at all is the first of those."""

    def append(self, link: tuple) -> None:
        super().append(link)
        self._index = None

    _index: dict | None = None
    WIDE = 8            # links of more words than this (none: a boundary verb's subject is at most six) are scanned

    def _build(self, sig: Signals) -> dict:
        index: dict[str, _Index] = {}
        for pos, (words, boundary, item) in enumerate(self):
            if item.start is None:
                continue
            entry = index.setdefault(boundary, _Index())
            for c in sig.happening_classes(words):
                entry.by_class.setdefault(c, pos)
            if len(words) > self.WIDE:
                entry.wide.append(pos)
                continue
            entry.words |= words
            entry.longest = max(entry.longest, len(words))
            ordered = sorted(words)
            for k in range(1, len(ordered) + 1):
                for sub in itertools.combinations(ordered, k):
                    entry.by_subset.setdefault((sub, len(ordered)), pos)
        self._index, self._memo = index, {}
        return index

    def first(self, sig: Signals, boundary: str, np_words: set[str]) -> Item | None:
        index = self._index if self._index is not None else self._build(sig)
        key = (boundary, frozenset(np_words))
        if key not in self._memo:
            self._memo[key] = self._lookup(index.get(boundary), sig, np_words)
        pos = self._memo[key]
        return None if pos is None else self[pos][2]

    def _lookup(self, entry: _Index | None, sig: Signals, np_words: set[str]) -> int | None:
        if entry is None:
            return None
        found = [entry.by_class[c] for c in sig.happening_classes(np_words) if c in entry.by_class]
        a, longest = len(np_words), entry.longest
        shared = sorted(np_words & entry.words)         # only these can be in common with a link
        for k in range(max(1, (a + 1) // 2), min(len(shared), longest) + 1):
            for sub in itertools.combinations(shared, k):
                for b in range(k, longest + 1):
                    if 3 * k < a + b:                   # k / (a + b - k) < 0.5: not enough in common
                        break
                    pos = entry.by_subset.get((sub, b))
                    if pos is not None:
                        found.append(pos)
        for pos in entry.wide:
            lw = self[pos][0]
            if np_words and len(np_words & lw) / len(np_words | lw) >= 0.5:
                found.append(pos)
                break
        return min(found, default=None)


@dataclass
class _Index:
    """The links of one boundary: the first position of each happening class and of each (subset of words,
    number of words), the words of all, the most words of one, and the links of too many words to index."""

    by_class: dict[str, int] = field(default_factory=dict)
    by_subset: dict[tuple, int] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    longest: int = 0
    wide: list[int] = field(default_factory=list)
