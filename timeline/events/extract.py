"""Events: from the resolved expressions of one document to its dated happenings.

One event per dated happening, not per expression:
- DURATION and SET expressions and vague references (``PAST_REF``) qualify the event of their clause and never
  become rows of their own;
- expressions side by side that date one thing ("Wednesday, Nov. 11") make one event;
- two expressions joined by a signal ("between January and March", "from 1998 to 2003", "Nov. 3 - Nov. 5")
  make one interval, and so do "since 2011" (to the publication date), "until Dec. 31" (open start) and
  "Nov. 3-5";
- "since the beginning of the civil war" is linked to a dated mention of the same happening in the document
  ("the Syria conflict began in 2011"): an interval from that date, anchor ``event``, flag ``inferred``; without
  one it keeps an open start (flag ``open_start``).
Each document also contributes its publication event. Signal words and patterns live in
``resources/events_*.tsv`` (see :mod:`timeline.events.text`).
"""
from __future__ import annotations

import bisect
import functools

import datetime as _dt
import re
from dataclasses import dataclass, field

from timeline.events.dates import Span, edtf_interval, edtf_point, precision_rank, span_of
from timeline.events.text import (clause_cut, iter_sentences, lexicon, make_headline, narrow, needs_subject, one_line,
                         sentence_subject, sentences, words)
from timeline.model import Document, Event, Timex
from timeline.tagger.scan.regexes import alternation, search_end, words_in

#: the order flags are written in
FLAG_ORDER = ("year_inferred", "direction_from_tense", "ambiguous_order", "approximate", "open_start", "inferred")
_ANCHORS = {"absolute", "dct", "ref", "event"}


@dataclass
class _Item:
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


# The patterns below are built from the language data once, not per sentence (building an alternation of the
# signal words for every expression cost more than the rest of the events stage).
@functools.lru_cache(maxsize=None)
def _signals(role: str) -> str:
    return alternation(lexicon()["signals"].get(role, ()))


@functools.lru_cache(maxsize=None)
def _signal_pattern(role: str) -> tuple[re.Pattern, int]:
    """A signal of ``role`` (and "the") at the end of a text, and the words a match can touch: the signal's,
    "the", and one for a partial word."""
    return (re.compile(rf"\b(?:{_signals(role)})\s+(?:the\s+)?$", re.I),
            words_in(lexicon()["signals"].get(role, ())) + 2)


def _signal_before(role: str, before: str):
    """"since", "until" ... (and "the") right before an expression: the end of ``before``."""
    pattern, reach = _signal_pattern(role)
    return search_end(pattern, before, reach)


@dataclass(frozen=True)
class _Patterns:
    """The events stage's patterns, built from the language data once."""
    dash_gap: re.Pattern            # what may stand between the two ends of an interval: a dash,
    and_gap: re.Pattern             # "and" (after "between"),
    to_gap: re.Pattern              # "to" (after "from")
    approximate: re.Pattern         # "around", "about" ... right before an expression
    approximate_reach: int          # the words a match of it can touch
    side_by_side: re.Pattern        # between two expressions that are one date ("Wednesday, Nov. 11")
    since_verb: re.Pattern          # "since X began in" before an expression
    verb: re.Pattern                # "X began in" before an expression
    verb_reach: int                 # the words a match of either can touch: signal, six words, verb, "in the", one
    anchors: tuple[tuple[re.Pattern, str], ...]     # (pattern, boundary) of each "since the beginning of X"
    any_anchor: re.Pattern          # any anchor phrase: a sentence without one needs no anchor pattern
    new_clause: re.Pattern          # what starts a new clause between two dated parts


@functools.lru_cache(maxsize=None)
def _patterns() -> _Patterns:
    lex = lexicon()
    verbs = [v for v, _ in lex["boundary_verbs"]]
    np_verb = (rf"(?P<np>(?:[\w'’-]+\s+){{1,6}}?)(?P<verb>{alternation(verbs)})\s+(?:in|on|during)\s+"
               rf"(?:the\s+)?$")
    np_end = alternation(words("np_end"))
    return _Patterns(
        dash_gap=re.compile(rf"\s*(?:{_signals('dash')})\s*"),
        and_gap=re.compile(rf"\s*(?:{_signals('and')})\s+(?:the\s+)?", re.I),
        to_gap=re.compile(rf"\s*(?:{_signals('to')})\s*(?:the\s+)?", re.I),
        approximate=re.compile(rf"(?<![\w.])(?:{_signals('approximate')})\s+(?:the\s+)?$", re.I),
        approximate_reach=words_in(lex["signals"].get("approximate", ())) + 2,
        side_by_side=re.compile(rf"[\s,]*(?:(?:{alternation(words('side_by_side'))})\s+)?(?:the\s+)?[\s,]*",
                                re.I),
        since_verb=re.compile(rf"\b(?:{_signals('since')})\s+" + np_verb, re.I),
        verb=re.compile(np_verb.replace("{1,6}", "{1,4}"), re.I),
        verb_reach=words_in(lex["signals"].get("since", ())) + 6 + words_in(verbs) + 3,
        anchors=tuple((re.compile(rf"\b{alternation([phrase])}\s+(?P<np>[^,;.:!?\"“”()]{{2,80}}?)"
                                  rf"(?=\s*(?:[,;.:!?\"“”()]|$|\s(?:{np_end})\b))", re.I), boundary)
                      for phrase, boundary in lex["anchors"]),
        any_anchor=re.compile(rf"\b{alternation(p for p, _ in lex['anchors'])}", re.I),
        new_clause=re.compile(rf";|\b(?:{alternation(words('conjunction') | words('sequence'))})\b", re.I),
    )


def _flags_of(t: Timex) -> set[str]:
    flags = set(t.flags)
    if t.mod == "APPROX":
        flags.add("approximate")
    return flags


def _anchor_of(t: Timex) -> str:
    return t.anchor if t.anchor in _ANCHORS else "absolute"


def _point(t: Timex, span: Span, before: str = "") -> _Item:
    item = _Item(span.start, span.end, span.precision, span.precision, t.start, t.end, [t], t.value,
                 anchor=_anchor_of(t), flags=_flags_of(t), mod=t.mod)
    patterns = _patterns()
    if search_end(patterns.approximate, before, patterns.approximate_reach):
        item.flags.add("approximate")               # "around 2010" when the tagger left the word out
        item.mod = item.mod or "APPROX"
    return item


def _pair(text: str, a: Timex, b: Timex, sa: Span, sb: Span, sent_start: int) -> _Item | None:
    """"between A and B", "from A to B", "A - B" -> one interval, or None."""
    gap, before = text[a.end:b.start], text[sent_start:a.start]
    patterns = _patterns()
    dash = patterns.dash_gap.fullmatch(gap)
    opener = None
    if patterns.and_gap.fullmatch(gap):
        opener = _signal_before("between", before)
        if not opener:
            return None
    elif dash or patterns.to_gap.fullmatch(gap):
        opener = _signal_before("from", before)
        if not (opener or dash):
            return None
    else:
        return None
    if sb.end < sa.start:
        return None
    start = sent_start + opener.start() if opener else a.start
    flags = _flags_of(a) | _flags_of(b)
    anchor = _anchor_of(a) if _anchor_of(a) != "absolute" else _anchor_of(b)
    return _Item(sa.start, sb.end, sa.precision, sb.precision, start, b.end, [a, b], a.value, b.value,
                 kind="interval", anchor=anchor, flags=flags, mod=a.mod)




def _together(text: str, a: Timex, b: Timex, sa: Span, sb: Span) -> bool:
    """Side by side and compatible ("Wednesday, Nov. 11", "3 p.m. on Tuesday"): one date, not two."""
    if not _patterns().side_by_side.fullmatch(text[a.end:b.start]) or b.start - a.end > 8:
        return False
    inner, outer = (sa, sb) if precision_rank(sa.precision) >= precision_rank(sb.precision) else (sb, sa)
    return outer.start <= inner.start <= inner.end <= outer.end or "time" in (sa.precision, sb.precision)


def _merge_together(a: _Item, t: Timex, span: Span) -> None:
    """Fold ``t`` into ``a``: the finer date wins; a time of day joins a day ("3 p.m. on Tuesday")."""
    cur = span_of(a.value)
    times = [x for x in (cur, span) if x and x.precision == "time"]
    days = [x for x in (cur, span) if x and x.precision == "day"]
    if times and days:
        a.value = f"{days[0].value}T{times[0].time[:5]}"
        new = span_of(a.value)
    else:
        new = span if precision_rank(span.precision) > precision_rank(a.precision) else cur
        a.value = new.value
    a.start, a.end, a.precision, a.end_precision = new.start, new.end, new.precision, new.precision
    a.phrase_end = t.end
    a.timexes.append(t)
    a.flags |= _flags_of(t)
    a.mod = a.mod or t.mod


_PREPOSITION_END = re.compile(r"(?:in|on|during)\s+(?:the\s+)?$", re.I)
_DAY_RANGE = re.compile(r"\s*[-–]\s*(\d{1,2})\b(?![-–:/.]\d|\s*(?:a\.?m|p\.?m))")
_YEAR_RANGE = re.compile(r"\s*[-–]\s*(\d{4})\b(?![-–/]\d)")


def _single(text: str, t: Timex, span: Span, sent_start: int, dct: _dt.date | None) -> tuple[_Item, tuple | None]:
    """One expression with the signals around it. Returns the item and, for "X began in 2011", the
    ``(happening words, boundary, item)`` that event-anchored expressions can link to."""
    before = text[sent_start:t.start]
    item = _point(t, span, before)
    after = text[t.end:t.end + 12]
    boundary_verbs = lexicon()["boundary_verbs"]
    m_range = (_DAY_RANGE.match(after) if span.precision == "day" else
               _YEAR_RANGE.match(after) if span.precision == "year" else None)
    m_since = _signal_before("since", before)
    patterns = _patterns()
    m_since_verb = m_verb = None
    if search_end(_PREPOSITION_END, before, 3):     # what both patterns end with: a cheap test first
        m_since_verb = search_end(patterns.since_verb, before, patterns.verb_reach)
        m_verb = m_since_verb or search_end(patterns.verb, before, patterns.verb_reach)
    m_until = _signal_before("until", before)
    link = None
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
            item.headline = f"{np[:1].upper()}{np[1:]} {one_line(m_verb['verb']).lower()}"
    elif m_until:
        item.kind, item.start, item.precision = "interval", None, None
        item.phrase_start = sent_start + m_until.start()
        item.flags.add("open_start")
    if m_verb:
        boundary = dict(boundary_verbs)[one_line(m_verb["verb"]).lower()]
        link = (_words(m_verb["np"]), boundary, item)
    return item, link


def _words(s: str) -> set[str]:
    found = {w.lower() for w in re.findall(r"[\w'’-]+", s) if len(w) > 2 and not re.search(r"['’]s$", w)}
    return found - words("determiner")


def _happening_classes(found: set[str]) -> set[str]:
    happenings = lexicon()["happenings"]
    return {happenings[w] for w in found if w in happenings}


def _anchored(text: str, s0: int, s1: int, timexes: list[Timex], links: list[tuple],
              dct: _dt.date | None) -> list[_Item]:
    """"since the beginning of the country's civil war": linked to a dated mention, or kept with an open start."""
    items = []
    if not _patterns().any_anchor.search(text, s0, s1):     # none of the phrases in the sentence
        return items
    for pat, boundary in _patterns().anchors:
        for m in pat.finditer(text, s0, s1):
            if any(m.start() <= t.start < m.end() for t in timexes):
                continue                    # "since the beginning of 2011": the expression dates it
            np_words = _words(m["np"])
            classes = _happening_classes(np_words)
            best = None
            for lw, lb, li in links:
                if lb != boundary or li.start is None:
                    continue
                if classes & _happening_classes(lw) or (np_words and len(np_words & lw) / len(np_words | lw) >= 0.5):
                    best = li
                    break
            item = _Item(None, dct, None, "day" if dct else None, m.start(), m.end(), [], "",
                         kind="interval", anchor="event", flags={"open_start"})
            src = span_of(best.value) if best is not None else None
            when = (src.start if boundary == "start" else src.end) if src else None
            if when is not None and (dct is None or when <= dct):
                item.start, item.precision, item.value = when, src.precision, best.value
                item.flags = {"inferred"} | (best.flags & {"year_inferred", "direction_from_tense",
                                                             "ambiguous_order", "approximate"})
            items.append(item)
    return items


def _edtf(item: _Item, span: Span | None) -> str:
    approx = "approximate" in item.flags
    if item.kind != "interval" and span is not None and (item.start, item.end) == (span.start, span.end):
        return edtf_point(span, approx)
    return edtf_interval(item.start, item.precision, item.end, item.end_precision, approx)


def _qualifier(t: Timex) -> str:
    return f"{one_line(t.text)}={t.value}"


def _sentence_items(text: str, s0: int, s1: int, dated: list[tuple[Timex, Span]], dct, links) -> list[_Item]:
    items: list[_Item] = []
    i = 0
    while i < len(dated):
        t, span = dated[i]
        if i + 1 < len(dated):
            pair = _pair(text, t, dated[i + 1][0], span, dated[i + 1][1], s0)
            if pair:
                items.append(pair)
                i += 2
                continue
        if items and items[-1].kind == "mention" and items[-1].timexes[-1] is dated[i - 1][0] \
                and _together(text, dated[i - 1][0], t, dated[i - 1][1], span):
            _merge_together(items[-1], t, span)
            i += 1
            continue
        item, link = _single(text, t, span, s0, dct)
        if link:
            links.append(link)
        items.append(item)
        i += 1
    return items




def _within(inner: _Item, outer: _Item) -> bool:
    return (inner.kind == outer.kind == "mention" and inner.start is not None and outer.start is not None
            and precision_rank(inner.precision) > precision_rank(outer.precision)
            and outer.start <= inner.start and inner.end <= outer.end)


def _dedupe(items: list[_Item], text: str = "") -> list[_Item]:
    """Several expressions in one clause that date the same thing -> one event: the same dates twice keep the
    first mention; a month and a day in it with nothing between them that starts a new clause ("In October, the
    offensive began on Oct. 23") keep the finer one."""
    items = list(items)
    for outer in list(items):
        for inner in items:
            if outer in items and _within(inner, outer):
                lo, hi = sorted((outer.phrase_end, inner.phrase_start)) if outer.phrase_start < inner.phrase_start \
                    else sorted((inner.phrase_end, outer.phrase_start))
                if not _patterns().new_clause.search(text[lo:hi]):
                    inner.timexes += outer.timexes
                    items.remove(outer)
    out: list[_Item] = []
    for it in items:
        same = next((o for o in out if (o.start, o.end, o.kind, o.precision) == (it.start, it.end, it.kind,
                                                                               it.precision)), None)
        if same is None:
            out.append(it)
        else:
            same.timexes += it.timexes
            same.flags |= it.flags
    return out


def publication_event(doc: Document) -> Event | None:
    """The article itself, on its DCT: headline = title, text = the lead paragraph (or its first sentence)."""
    if doc.dct is None:
        return None
    day = doc.dct.date() if isinstance(doc.dct, _dt.datetime) else doc.dct
    first = next(iter_sentences(doc.text, doc.body_start), None)
    lead = ""
    if first:
        para_end = doc.text.find("\n\n", first[0])
        para = one_line(doc.text[first[0]:para_end if para_end > 0 else len(doc.text)])
        lead = para if len(para) <= 400 else one_line(doc.text[first[0]:first[1]])
    headline = one_line(doc.title) or make_headline(lead, fallback=doc.path)
    return Event(day, day, "day", None, "(publication)", None, None, lead, headline, doc, end_precision="day",
                 anchor="dct", kind="publication", value=day.isoformat(), edtf=day.isoformat())


def _clauses(text: str, s0: int, s1: int, items: list[_Item]) -> list[tuple[int, int]]:
    """The clause of each item (sorted by offset): the sentence cut between dated parts, then narrowed at
    semicolons and ", and"; the whole sentence where two dated parts have no separator between them."""
    cuts = [clause_cut(text, a.phrase_end, b.phrase_start) for a, b in zip(items, items[1:])]
    if None in cuts:
        cuts = [(s1, s0)] * len(cuts)
    starts = [s0] + [c[1] for c in cuts]
    ends = [c[0] for c in cuts] + [s1]
    out = []
    for item, lo, hi in zip(items, starts, ends):
        if lo >= hi or not (lo <= item.phrase_start and item.phrase_end <= hi):
            lo, hi = s0, s1
        out.append(narrow(text, lo, hi, item.phrase_start, item.phrase_end))
    return out


def _event(doc: Document, item: _Item, lo: int, hi: int, sentence: tuple[int, int], items: list[_Item],
           qualifiers: list[Timex]) -> Event:
    text, (s0, s1) = doc.text, sentence
    clause = text[lo:hi]
    quals = tuple(_qualifier(q) for q in qualifiers if lo <= q.start < hi)
    headline = item.headline or make_headline(
        clause, [(item.phrase_start - lo, item.phrase_end - lo)]
        + [(t.start - lo, t.end - lo) for t in item.timexes]
        + [(o.phrase_start - lo, o.phrase_end - lo) for o in items       # dates of earlier clauses
           if lo <= o.phrase_start and o.phrase_end <= item.phrase_start], fallback=text[s0:s1])
    if lo > s0 and not item.headline and needs_subject(clause) and sentence_subject(text[s0:lo]):
        headline = make_headline(sentence_subject(text[s0:lo]) + " " + headline[:1].lower() + headline[1:])
    phrase = text[item.phrase_start:item.phrase_end]
    timex = item.timexes[0] if item.timexes else Timex(item.phrase_start, item.phrase_end, phrase, "DATE",
                                                       item.value, anchor="event", flags=tuple(sorted(item.flags)))
    flags = tuple(f for f in FLAG_ORDER if f in item.flags) + tuple(sorted(item.flags - set(FLAG_ORDER)))
    return Event(item.start, item.end, item.precision, timex, one_line(phrase), item.phrase_start, item.phrase_end,
                 one_line(clause), headline, doc, end_precision=item.end_precision, anchor=item.anchor, flags=flags,
                 kind=item.kind, value=item.value if item.start is not None else (item.end_value or item.value),
                 end_value=item.end_value, mod=item.mod, edtf=_edtf(item, span_of(item.value)), qualifiers=quals)


def extract_events(doc: Document, timexes: list[Timex], lang: str = "en") -> list[Event]:
    """The dated happenings of ``doc`` (``timexes`` have offsets into ``doc.text``), publication event first.

    ``lang`` is the code of the document's language (see :mod:`timeline.lang`)."""
    from timeline.lang import folder

    folder(lang)         # the events stage's word lists are English today: any other code is refused here
    text = doc.text
    dct = doc.dct.date() if isinstance(doc.dct, _dt.datetime) else doc.dct
    spans = sentences(text, doc.body_start) or [(doc.body_start, len(text))]
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    starts = [t.start for t in ordered]

    def inside_of(s0: int, s1: int) -> list[Timex]:      # the expressions that start in a sentence, by bisection
        return ordered[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]

    links: list[tuple] = []
    per_sentence: list[tuple[int, int, list[_Item], list[Timex]]] = []
    for s0, s1 in spans:
        inside = inside_of(s0, s1)
        dated = [(t, span_of(t.value)) for t in inside if t.type in ("DATE", "TIME")]
        qualifiers = [t for t, s in dated if s is None] + [t for t in inside if t.type not in ("DATE", "TIME")]
        dated = [(t, s) for t, s in dated if s is not None]
        per_sentence.append((s0, s1, _sentence_items(text, s0, s1, dated, dct, links), qualifiers))
    events: list[Event] = []
    pub = publication_event(doc)
    if pub:
        events.append(pub)
    for s0, s1, items, qualifiers in per_sentence:
        items = _dedupe(items + _anchored(text, s0, s1, inside_of(s0, s1), links, dct), text)
        items.sort(key=lambda it: it.phrase_start)
        for item, (lo, hi) in zip(items, _clauses(text, s0, s1, items)):
            events.append(_event(doc, item, lo, hi, (s0, s1), items, qualifiers))
    return events
