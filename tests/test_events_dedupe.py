"""The events stage's de-duplication of one sentence's items: keyed, the same result as comparing every pair.

Issue 15: ``_dedupe`` compared every pair of a sentence's items with list membership tests (each a dataclass
comparison of every field), so a sentence of many distinct dates ("1 Oct. 2 Oct. 3 Oct. ...") cost the cube of
its dates: 4.4 s for 4 KB. The keyed step is checked here against that pairwise rule, kept as the reference.
"""
from __future__ import annotations

import copy
import datetime as dt
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.dates import precision_rank, span_of
from timeline.events.extract import _dedupe, extract_events
from timeline.events.intervals import Item
from timeline.events.signals import signals
from timeline.model import Document, Timex

SIG = signals("en")


def _within(inner: Item, outer: Item) -> bool:
    return (inner.kind == outer.kind == "mention" and inner.start is not None and outer.start is not None
            and precision_rank(inner.precision) > precision_rank(outer.precision)
            and outer.start <= inner.start and inner.end <= outer.end)


def pairwise_dedupe(items: list[Item], text: str) -> list[Item]:
    """The rule as it was written before the keyed step (every pair, list membership), the reference."""
    items = list(items)
    for outer in list(items):
        for inner in items:
            if outer in items and _within(inner, outer):
                lo, hi = sorted((outer.phrase_end, inner.phrase_start)) if outer.phrase_start < inner.phrase_start \
                    else sorted((inner.phrase_end, outer.phrase_start))
                if not SIG.new_clause.search(text[lo:hi]):
                    inner.timexes += outer.timexes
                    items.remove(outer)
    out: list[Item] = []
    for it in items:
        same = next((o for o in out if (o.start, o.end, o.kind, o.precision) == (it.start, it.end, it.kind,
                                                                               it.precision)), None)
        if same is None:
            out.append(it)
        else:
            same.timexes += it.timexes
            same.flags |= it.flags
    return out


VALUES = ["2015", "2014", "2015-10", "2015-11", "2015-10-03", "2015-10-20", "2015-11-03", "2015-10-03T14:00",
          "2015-Q4", "2015-SU", "2015-W41", "201", "2015-10-03", "2015-10"]
GAPS = [" ", ", ", " and ", "; ", " then ", " x ", " in ", " on "]


@st.composite
def sentences(draw):
    """A sentence of dated items: mentions of the values above (the same one often twice), some intervals,
    some open starts, joined by gaps that do or do not start a new clause."""
    n = draw(st.integers(0, 12))
    text, items = "It was", []
    for k in range(n):
        text += draw(st.sampled_from(GAPS))
        value = draw(st.sampled_from(VALUES))
        span = span_of(value)
        start = len(text)
        text += f"D{k}"
        t = Timex(start, len(text), f"D{k}", "DATE", value)
        kind = draw(st.sampled_from(["mention"] * 6 + ["interval", "open"]))
        item = Item(span.start, span.end, span.precision, span.precision, start, len(text), [t], value,
                    flags={draw(st.sampled_from(["approximate", "year_inferred", "ambiguous_order"]))})
        if kind == "interval":
            item.kind, item.end = "interval", span.end + dt.timedelta(days=draw(st.integers(1, 40)))
        elif kind == "open":
            item.kind, item.start, item.precision = "interval", None, None
        items.append(item)
    return text + ".", items


@settings(max_examples=400, derandomize=True, deadline=None)
@given(sentences())
def test_the_keyed_step_gives_what_every_pair_gave(sentence):
    text, items = sentence
    expected = pairwise_dedupe(copy.deepcopy(items), text)
    got = _dedupe(SIG, copy.deepcopy(items), text)
    assert got == expected


def _days(n: int) -> str:
    months = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
    return "It happened on " + " ".join(f"{1 + k % 28} {months[k // 28 % 12]}" for k in range(n)) + "."


def test_many_distinct_dates_in_one_sentence_cost_their_number_not_its_square():
    """300 dates of one sentence (the longest a sentence gets, MAX_SENTENCE): the pairwise rule spent about
    2 s in it on this machine, the keyed step about 10 ms. A generous bound: well under the old cost."""
    from timeline.tagger import tag

    text = _days(300)[:2000]
    doc = Document("x", "", dt.datetime(2015, 11, 12), text)
    timexes = tag(text, doc.dct)
    assert len(timexes) > 250
    warm = Document("w", "", dt.datetime(2015, 11, 12), "It happened on 1 Jan.")
    extract_events(warm, tag(warm.text, warm.dct))     # the POS model the headlines use loads once per process
    t0 = time.perf_counter()
    events = extract_events(doc, timexes)
    seconds = time.perf_counter() - t0
    items = [e for e in events if e.kind != "publication"]
    assert len(items) == len({(e.start, e.end) for e in items}) > 250       # one event per distinct date
    assert seconds < 1.0, f"{seconds:.2f} s for one sentence of {len(timexes)} dates"
