"""The events stage is linear in the text (issue 15): an anchor phrase finds its link through an index, never by a
scan over every link of the document ("the strike began in 2011, since the start of the election, ..." made each
anchor walk every "began in" of the text: tag + events 8 -> 30 ms/KB from 32 to 128 KB); the end of a dated
sentence's paragraph is found among the blank lines listed once, not by a search to the end of the text from
every sentence (prose on one line: 1.7 -> 4.1 ms/KB from 64 KB to 1 MB)."""
from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

from timeline.events.extract import extract_events
from timeline.events.intervals import Item, Links, _first_link
from timeline.events.signals import signals
from timeline.model import Document
from timeline.tagger import tag

DCT = dt.datetime(2015, 11, 12, 14, 12)
ROOT = Path(__file__).resolve().parents[1]


def _ms_per_kb(text: str) -> float:
    """CPU milliseconds per 1,000 characters of tag + events, the best of two."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        extract_events(Document("a.txt", "A", DCT, text), tag(text, DCT))
        best = min(best, time.process_time() - start)
    return best * 1000 / (len(text) / 1000)


def test_anchors_among_thousands_of_links_are_linear():
    unit = "the strike began in 2011, since the start of the election, "
    small = _ms_per_kb(unit * (16000 // len(unit)))
    big = _ms_per_kb(unit * (96000 // len(unit)))
    assert big < 1.5 * small + 0.5, (small, big)


def _events_ms_per_kb(text: str) -> float:
    """CPU milliseconds per 1,000 characters of the events stage alone (the text tagged once), the best of two."""
    doc, timexes = Document("a.txt", "A", DCT, text), tag(text, DCT)
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        extract_events(doc, timexes)
        best = min(best, time.process_time() - start)
    return best * 1000 / (len(text) / 1000)


def test_prose_on_one_line_is_linear():
    seed = " ".join((ROOT / "seeds" / "000_056e71f6af495438.txt").read_text(encoding="utf-8").split()) + " "
    small = _events_ms_per_kb(seed * (32000 // len(seed) + 1))
    big = _events_ms_per_kb(seed * (512_000 // len(seed) + 1))
    assert big < 1.5 * small, (small, big)


def test_the_index_finds_the_link_the_scan_finds():
    """Random links and anchors: :class:`Links` gives the link the first-match scan over the list gives."""
    sig = signals("en")
    vocabulary = ["war", "strike", "talks", "dinner", "election", "vote", "crisis", "fighting", "protest", "alpha",
                  "beta", "gamma", "delta"]
    rng = random.Random(15)
    for _ in range(2000):
        plain, indexed = [], Links()
        for _ in range(rng.randint(0, 30)):
            item = Item(None if rng.random() < 0.1 else dt.date(2011, 1, 1), None, "day", None, 0, 1, [], "x")
            link = (set(rng.sample(vocabulary, rng.randint(1, 6))), rng.choice(("start", "end")), item)
            plain.append(link)
            indexed.append(link)
        for _ in range(5):
            words, boundary = set(rng.sample(vocabulary, rng.randint(0, 10))), rng.choice(("start", "end"))
            assert _first_link(sig, plain, boundary, words) is indexed.first(sig, boundary, words), (plain, words)


def test_an_anchor_still_takes_the_date_of_its_happening():
    text = "The civil war began in 2011. Since the beginning of the war, 400 soldiers have died."
    events = extract_events(Document("a.txt", "A", DCT, text), tag(text, DCT))
    anchored = [e for e in events if e.anchor == "event"]
    assert anchored and anchored[0].start == dt.date(2011, 1, 1), events
