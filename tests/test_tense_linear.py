"""The tense analysis is linear in the text: a clause is looked up by bisection, never by a walk from the start
of the text (issue 15: "since Monday and " on one line has no character that cuts the marker scan into chunks,
and each expression walked every marker before it)."""
from __future__ import annotations

import datetime as dt
import time

from timeline.tagger import tag

DCT = dt.datetime(2015, 11, 12, 14, 12)


def _ms_per_kb(text):
    """CPU milliseconds per 1,000 characters of tagging ``text``, the best of three (other processes on the
    machine neither add to CPU time nor, with the best of three, to a cache-cold first run)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        tag(text, DCT)
        best = min(best, time.process_time() - start)
    return best * 1000 / (len(text) / 1000)


def test_tagging_a_line_of_weekdays_without_punctuation_is_linear():
    unit = "since Monday and "
    small = _ms_per_kb(unit * (8000 // len(unit)))
    big = _ms_per_kb(unit * (64000 // len(unit)))
    assert big < 1.5 * small + 0.2, (small, big)


def test_the_bisection_finds_the_markers_of_the_walk():
    """Markers far before the clause do not count, those in it do, in a text that is one chunk."""
    text = "they said " + "and Monday " * 500 + "it will happen Friday and"
    found = tag(text, DCT)
    assert found[-1].text == "Friday" and found[-1].value == "2015-11-13"
