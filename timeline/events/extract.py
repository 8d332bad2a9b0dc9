"""Events: from the resolved expressions of one document to its dated happenings.

Design notes: docs/architecture.md, "timeline.events.extract".
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import replace

from timeline.events.anchor import (DCT, EVENT, NONE, TIMEX, Dated, Mentions, dated_mentions, event_offsets,
                                    free_clauses, how_dated,
                                    mentions_of,
                                    quotes_in, undated_event)
from timeline.events.anchor import rank as event_rank
from timeline.events.dates import Span, edtf_interval, edtf_point, precision_rank, span_of
from timeline.events.intervals import Item, Links, anchored, flags_of, pair, single
from timeline.events.signals import Signals, signals_of
from timeline.events.text import TextAnalysis, analysis_of, one_line, text_analysis
from timeline.events.words import event_words
from timeline.lang import DEFAULT
from timeline.model import Document, Event, Timex

#: the order flags are written in
FLAG_ORDER = ("year_inferred", "direction_from_tense", "ambiguous_order", "approximate", "open_start", "inferred")
_CARRIED_FLAGS = set(FLAG_ORDER)


def _together(sig: Signals, text: str, a: Timex, b: Timex, sa: Span, sb: Span) -> bool:
    """Side by side and compatible ("Wednesday, Nov. 11", "3 p.m. on Tuesday"): one date, not two."""
    if not sig.side_by_side.fullmatch(text[a.end:b.start]) or b.start - a.end > 8:
        return False
    inner, outer = (sa, sb) if precision_rank(sa.precision) >= precision_rank(sb.precision) else (sb, sa)
    return outer.start <= inner.start <= inner.end <= outer.end or "time" in (sa.precision, sb.precision)


def _merge_together(a: Item, t: Timex, span: Span) -> None:
    """Fold ``t`` into ``a``: the finer date wins; a time of day joins a day ("3 p.m. on Tuesday")."""
    cur = span_of(a.value)
    times = [x for x in (cur, span) if x and x.precision == "time"]
    days = [x for x in (cur, span) if x and x.precision == "day"]
    if times and days:
        a.value = f"{days[0].start.isoformat()}T{times[0].time[:5]}"     # not the value: 2015-11-12TMO
        new = span_of(a.value)
    else:
        new = span if precision_rank(span.precision) > precision_rank(a.precision) else cur
        a.value = new.value
    a.start, a.end, a.precision, a.end_precision = new.start, new.end, new.precision, new.precision
    a.phrase_end = t.end
    a.timexes.append(t)
    a.flags |= flags_of(t)
    a.mod = a.mod or t.mod


def _edtf(item: Item, span: Span | None) -> str:
    approx = "approximate" in item.flags
    if item.kind != "interval" and span is not None and (item.start, item.end) == (span.start, span.end):
        return edtf_point(span, approx)
    return edtf_interval(item.start, item.precision, item.end, item.end_precision, approx)


def _qualifier(t: Timex) -> str:
    return f"{one_line(t.text)}={t.value}"


def _sentence_items(sig: Signals, text: str, s0: int, s1: int, dated: list[tuple[Timex, Span]], dct,
                    links) -> list[Item]:
    """The items of one sentence's dated expressions (in order): pairs first, then side-by-side, then singles."""
    items: list[Item] = []
    i = 0
    while i < len(dated):
        t, span = dated[i]
        if i + 1 < len(dated):
            both = pair(sig, text, t, dated[i + 1][0], span, dated[i + 1][1], s0)
            if both:
                items.append(both)
                i += 2
                continue
        if items and items[-1].kind == "mention" and items[-1].timexes[-1] is dated[i - 1][0] \
                and _together(sig, text, dated[i - 1][0], t, dated[i - 1][1], span):
            _merge_together(items[-1], t, span)
            i += 1
            continue
        item, link, extra = single(sig, text, t, span, s0, dct)
        if link:
            links.append(link)
        items.append(item)
        if extra:
            items.append(extra)
        i += 1
    return items


def _within(inner: Item, outer: Item) -> bool:
    return (inner.kind == outer.kind == "mention" and inner.start is not None and outer.start is not None
            and precision_rank(inner.precision) > precision_rank(outer.precision)
            and outer.start <= inner.start and inner.end <= outer.end)


def _finer_inside(items: list[Item], o: int, by_rank: dict[int, tuple[list, list[int]]], kept: list[bool]) -> list[int]:
    """The indexes, in order, of the mentions still kept that are finer than ``items[o]`` and inside its days
    (what :func:`_within` says, found by precision and start date rather than by trying every item)."""
    outer = items[o]
    rank = precision_rank(outer.precision)
    found = []
    for r, (starts, order) in by_rank.items():
        if r <= rank:
            continue
        for k in range(bisect.bisect_left(starts, outer.start), bisect.bisect_right(starts, outer.end)):
            i = order[k]
            if kept[i] and items[i].end <= outer.end:
                found.append(i)
    return sorted(found)


def _dedupe(sig: Signals, items: list[Item], text: str = "") -> list[Item]:
    """Several expressions in one clause that date the same thing -> one event: the same dates twice keep the
    first mention; a month and a day in it with nothing between them that starts a new clause ("In October, the
    offensive began on Oct. 23") keep the finer one. Each coarser mention, in order, folds into the first finer
    one inside it that no clause separates from it; then items of the same dates fold into the first of them.
    Keyed by precision, start date and dates, not by comparing every pair: "1 Oct. 2 Oct. 3 Oct. ..." costs the
    number of its dates, not their square."""
    kept = [True] * len(items)
    by_rank: dict[int, tuple[list, list[int]]] = {}       # precision rank -> (sorted starts, index of each)
    mentions = sorted((precision_rank(it.precision), it.start, i) for i, it in enumerate(items)
                      if it.kind == "mention" and it.start is not None)
    for rank, start, i in mentions:
        starts, order = by_rank.setdefault(rank, ([], []))
        starts.append(start)
        order.append(i)
    for o, outer in enumerate(items):
        if outer.kind != "mention" or outer.start is None:
            continue
        for i in _finer_inside(items, o, by_rank, kept):
            inner = items[i]
            lo, hi = sorted((outer.phrase_end, inner.phrase_start)) if outer.phrase_start < inner.phrase_start \
                else sorted((inner.phrase_end, outer.phrase_start))
            if not sig.new_clause.search(text[lo:hi]):
                inner.timexes += outer.timexes
                kept[o] = False
                break
    out: list[Item] = []
    first: dict[tuple, Item] = {}
    for it, keep in zip(items, kept):
        if not keep:
            continue
        key = (it.start, it.end, it.kind, it.precision)
        same = first.get(key)
        if same is None:
            first[key] = it
            out.append(it)
        else:
            same.timexes += it.timexes
            same.flags |= it.flags
    return out


def publication_event(doc: Document, lang: str = DEFAULT, analysis: TextAnalysis | None = None,
                      first: tuple[int, int] | None = None) -> Event | None:
    """The article itself, on its DCT: headline = title, text = the lead paragraph (or its first sentence,
    ``first`` when the caller has the sentences)."""
    if doc.dct is None:
        return None
    analysis = analysis or text_analysis(lang)
    day = doc.dct.date() if isinstance(doc.dct, _dt.datetime) else doc.dct
    first = first or next(iter(analysis.sentences(doc.text, doc.body_start)), None)
    lead = ""
    if first:
        para_end = doc.text.find("\n\n", first[0])
        para = one_line(doc.text[first[0]:para_end if para_end > 0 else len(doc.text)])
        lead = para if len(para) <= 400 else one_line(doc.text[first[0]:first[1]])
    headline = one_line(doc.title) or analysis.headline(lead, fallback=doc.path)
    return Event(day, day, "day", None, "(publication)", None, None, lead, headline, doc, end_precision="day",
                 anchor=DCT, kind="publication", value=day.isoformat(), edtf=day.isoformat())


def _clauses(analysis: TextAnalysis, text: str, s0: int, s1: int, items: list[Item]) -> list[tuple[int, int]]:
    """The clause of each item (sorted by offset): the sentence cut between dated parts, then narrowed at
    semicolons and ", and"; the whole sentence where two dated parts have no separator between them."""
    cuts = [analysis.clause_cut(text, a.phrase_end, b.phrase_start) for a, b in zip(items, items[1:])]
    if None in cuts:
        cuts = [(s1, s0)] * len(cuts)
    starts = [s0] + [c[1] for c in cuts]
    ends = [c[0] for c in cuts] + [s1]
    out = []
    for item, lo, hi in zip(items, starts, ends):
        if lo >= hi or not (lo <= item.phrase_start and item.phrase_end <= hi):
            lo, hi = s0, s1
        out.append(analysis.narrow(text, lo, hi, item.phrase_start, item.phrase_end))
    return out


def _event(analysis: TextAnalysis, doc: Document, item: Item, lo: int, hi: int, sentence: tuple[int, int],
           items: list[Item], qualifiers: list[Timex], mentions: Mentions) -> Event:
    text, (s0, s1) = doc.text, sentence
    if item.trigger_at:
        trigger = mentions.main(*item.trigger_at, item.trigger_at[0])
    else:
        trigger = mentions.main(lo, hi, item.phrase_start, ((item.phrase_start, item.phrase_end),),
                                quotes_in(text, lo, hi))
    clause = text[lo:hi]
    quals = tuple(_qualifier(q) for q in qualifiers if lo <= q.start < hi)
    headline = item.headline or analysis.headline(
        clause, [(item.phrase_start - lo, item.phrase_end - lo)]
        + [(t.start - lo, t.end - lo) for t in item.timexes]
        + [(o.phrase_start - lo, o.phrase_end - lo) for o in items       # dates of earlier clauses
           if lo <= o.phrase_start and o.phrase_end <= item.phrase_start], fallback=text[s0:s1])
    if lo > s0 and not item.headline and analysis.needs_subject(clause):
        subject = analysis.subject(text[s0:lo])
        if subject:
            headline = analysis.headline(subject + " " + headline[:1].lower() + headline[1:])
    phrase = text[item.phrase_start:item.phrase_end]
    timex = item.timexes[0] if item.timexes else Timex(item.phrase_start, item.phrase_end, phrase, "DATE",
                                                       item.value, anchor="event", flags=tuple(sorted(item.flags)))
    flags = tuple(f for f in FLAG_ORDER if f in item.flags) + tuple(sorted(item.flags - _CARRIED_FLAGS))
    return Event(item.start, item.end, item.precision, timex, one_line(phrase), item.phrase_start, item.phrase_end,
                 one_line(clause), headline, doc, end_precision=item.end_precision,
                 anchor=EVENT if item.anchor == EVENT else TIMEX, flags=flags,
                 kind=item.kind, value=item.value if item.start is not None else (item.end_value or item.value),
                 end_value=item.end_value, mod=item.mod, edtf=_edtf(item, span_of(item.value)), qualifiers=quals,
                 trigger=trigger.text if trigger else "", trigger_start=trigger.start if trigger else None,
                 trigger_end=trigger.end if trigger else None, event_class=trigger.cls if trigger else "")


def extract_events(doc: Document, timexes: list[Timex], lang: str = DEFAULT) -> list[Event]:
    """The dated happenings of ``doc`` (``timexes`` have offsets into ``doc.text``), publication event first.

    ``lang`` is the code of the document's language (see :mod:`timeline.lang`): its ``events_*.tsv`` words date
    and cut the text; an unknown code, or a language folder without them, is a LanguageError."""
    return events_and_note(doc, timexes, lang)[0]


def events_and_note(doc: Document, timexes: list[Timex], lang: str = DEFAULT, every: bool = False
                    ) -> tuple[list[Event], str]:
    """:func:`extract_events`, with the note to report on the document ("" when there is none: see
    :func:`timeline.events.anchor.mentions_of`). Besides the rows dated by their own expressions, each clause
    whose main event is a happening gets a row when :func:`timeline.events.anchor.how_dated` dates it; with
    ``every``, every clause with an event mention gets one, dated or not (anchor ``none``)."""
    words = event_words(lang)               # the language's folder is looked up once a document
    sig, analysis = signals_of(words), analysis_of(words)
    text = doc.text
    dct = doc.dct.date() if isinstance(doc.dct, _dt.datetime) else doc.dct
    spans = [(s, e) for s, e in doc.sentences if s >= doc.body_start] if doc.sentences else \
        list(analysis.sentences(text, doc.body_start))
    mentions, note = mentions_of(doc, spans, lang)
    spans = spans or [(doc.body_start, len(text))]
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    starts = [t.start for t in ordered]

    def inside_of(s0: int, s1: int) -> list[Timex]:      # the expressions that start in a sentence, by bisection
        return ordered[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]

    links = Links()                         # indexed: an anchor phrase finds its link without a scan
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]     # where each paragraph ends, found once
    per_sentence: list[tuple[int, int, list[Item], list[Timex]]] = []
    for s0, s1 in spans:
        inside = inside_of(s0, s1)
        dated = [(t, span_of(t.value)) for t in inside if t.type in ("DATE", "TIME")]
        qualifiers = [t for t, s in dated if s is None] + [t for t in inside if t.type not in ("DATE", "TIME")]
        dated = [(t, s) for t, s in dated if s is not None]
        per_sentence.append((s0, s1, _sentence_items(sig, text, s0, s1, dated, dct, links), qualifiers))
    events: list[Event] = []
    pub = publication_event(doc, analysis=analysis, first=spans[0])
    if pub:
        events.append(pub)
    dateline = before = None
    index = 0
    dated: list = []                                # (mention, its row) of the dated clauses so far
    for k, (s0, s1, items, qualifiers) in enumerate(per_sentence):
        items = _dedupe(sig, items + anchored(sig, text, s0, s1, inside_of(s0, s1), links, dct), text)
        items.sort(key=lambda it: it.phrase_start)
        if k == 0 and len(items) == 1 and items[0].kind == "mention" and _only_date(sig, text, s0, s1, items[0]):
            dateline = _dated(text, items[0], s1, breaks)     # "June 13 , 2005": it dates the lead, it is no event
            continue
        clauses = _clauses(analysis, text, s0, s1, items)
        hosts = []                                  # (clause start, end, its row) of this sentence
        for item, (lo, hi) in zip(items, clauses):
            hosts.append((lo, hi, _event(analysis, doc, item, lo, hi, (s0, s1), items, qualifiers, mentions)))
        durations = [q for q in qualifiers if q.type == "DURATION"]
        for p0, p1, when, _named in event_offsets(words, text, s0, s1, durations, mentions,
                                                  dated + dated_mentions(hosts, mentions)):
            lo, hi = analysis.narrow(text, s0, s1, p0, p1)
            if any(lo < b and a < hi for a, b in clauses):
                continue
            t = mentions.main(lo, hi, p0, ((p0, p1),), quotes_in(text, lo, hi))
            clauses = clauses + [(lo, hi)]      # dated through another event, or by nothing the rules know
            if t is not None and (when is not None or every):
                hosts.append((lo, hi, undated_event(doc, analysis, lo, hi, t, EVENT if when else NONE, when,
                                                    (p0, p1))))
        for lo, hi, _ in (free_clauses(analysis, text, s0, s1, clauses, mentions) if len(mentions) else ()):
            quoted = quotes_in(text, lo, hi)
            t = mentions.main(lo, hi, lo, (), quoted)
            if t is None or not every and (event_rank(t) != 0 or any(a <= t.start < b for a, b in quoted)):
                continue
            how, by = how_dated(t, index, dct, dateline, before, lo)
            if how != NONE or every:
                hosts.append((lo, hi, undated_event(doc, analysis, lo, hi, t, how, by)))
        events += [e for _, _, e in hosts]
        dated += dated_mentions(hosts, mentions)
        if every and len(mentions):
            events += _other_mentions(analysis, doc, s0, s1, hosts, mentions)
        first = next((it for it in items if it.kind == "mention" and it.start is not None), None)
        before = _dated(text, first, s1, breaks) if first else None
        index += 1
    return events, note


#: the anchors of a row whose date the other event mentions of its clause share: its own expression dates them all;
#: what dates the main event through the publication day or another sentence does not date the rest of its clause
INHERITED = (TIMEX, EVENT)


def _other_mentions(analysis: TextAnalysis, doc: Document, s0: int, s1: int, hosts: list, mentions: Mentions
                    ) -> list[Event]:
    """``--events all``: every event mention of the sentence that is no row's trigger gets a row of its own,
    dated as the row of its clause when an expression dates that clause (:data:`INHERITED`), else undated (anchor
    ``none``)."""
    used = {e.trigger_start for _, _, e in hosts}
    out = []
    for t in mentions.within(s0, s1):
        if t.start in used:
            continue
        host = next((e for lo, hi, e in hosts if lo <= t.start < hi), None)
        if host is None or host.anchor not in INHERITED:
            out.append(undated_event(doc, analysis, *analysis.narrow(doc.text, s0, s1, t.start, t.end), t, NONE, None))
        else:
            out.append(replace(host, trigger=t.text, trigger_start=t.start, trigger_end=t.end, event_class=t.cls))
    return out


def _only_date(sig: Signals, text: str, s0: int, s1: int, item: Item) -> bool:
    """Is the sentence nothing but its date ("January 09 , 2008", "June 13, 2005.")?"""
    return not any(ch.isalnum() for ch in text[s0:item.phrase_start] + text[item.phrase_end:s1])


_BLANK_LINE = re.compile(r"(?=\n\n)")


def _dated(text: str, item: Item, s1: int, breaks: list[int]) -> Dated:
    """``item`` as the date of what follows it up to the end of its paragraph (``breaks``: where each blank line
    starts, found once a text, so that a text without one does not cost a search to its end each sentence)."""
    k = bisect.bisect_left(breaks, s1)
    para = breaks[k] if k < len(breaks) else -1
    return Dated(item.start, item.end, item.precision, item.value, _edtf(item, span_of(item.value)),
                 len(text) if para < 0 else para)
