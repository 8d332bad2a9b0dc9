"""--narrative wins over the date a file carries (a .tml <DCT>, a header), and a history read in news mode gets a
note (issue 14 item 9). Made-up documents; no corpus needed."""
from __future__ import annotations

import datetime as dt

from timeline.pipeline.work import process_document
from timeline.sources import parse_unit
from timeline.sources.base import ReadOptions, Unit
from timeline.model import Document
from timeline.tagger import tag
from timeline.tagger.drift import drift_note

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>war</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2009-12-19">2009-12-19</TIMEX3></DCT>
<TEXT>
On 9 March 1871 the treaty was signed. In June the army left.
</TEXT>
</TimeML>
"""
TEXT = "A war\nPublished 19.12.2009\n\nOn 9 March 1871 the treaty was signed. In June the army left.\n"
HISTORY = " ".join(f"In {1900 + i} the war went on. In June they marched; two years later they fought." for i in range(12))


def _parse(name: str, data: str, **options) -> Document:
    fmt = {"tml": "tml", "txt": "text"}[name.rsplit(".", 1)[1]]
    return parse_unit(Unit(name, fmt, data.encode()), ReadOptions(**options))


def test_narrative_wins_over_a_tml_dct():
    assert _parse("war.tml", TML).dct == dt.datetime(2009, 12, 19)
    doc = _parse("war.tml", TML, narrative=True)
    assert doc.dct is None
    june = [t for t in tag(doc.text, doc.dct) if t.text == "June"]
    assert june[0].value == "1871-06"


def test_narrative_wins_over_a_header_date():
    assert _parse("war.txt", TEXT).dct is not None
    assert _parse("war.txt", TEXT, narrative=True).dct is None


def test_dct_wins_over_narrative():
    assert _parse("war.tml", TML, narrative=True, dct=dt.datetime(2000, 1, 1)).dct == dt.datetime(2000, 1, 1)


def test_a_history_read_in_news_mode_gets_a_note():
    dct = dt.datetime(2009, 12, 19)
    note = drift_note(tag(HISTORY, dct), dct)
    assert note and "--narrative" in note and "1911" in note
    doc = Document(path="war.txt", title="war", dct=dct, text=HISTORY)
    assert note in process_document(doc).document.notes


def test_news_with_a_background_year_gets_no_note():
    dct = dt.datetime(2000, 4, 17)
    text = "The boy, whose family fled in 1959, met his father on Sunday. Talks resume today and tomorrow; on Friday too."
    assert drift_note(tag(text, dct), dct) is None
    assert drift_note(tag(HISTORY, None), None) is None
