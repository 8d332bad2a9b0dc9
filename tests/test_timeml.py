"""Reading and writing TimeML: DCT, plain text, gold offsets, round trip."""
from __future__ import annotations

import datetime as dt
import warnings

import pytest

from timeline.model import Timex
from timeline.export.timeml import to_timeml
from timeline.sources.timeml import TimeMLError, parse_dct_value, parse_timeml

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>APW0001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07T06:18:00" temporalFunction="false" functionInDocument="CREATION_TIME">08/07/1998 06:18:00</TIMEX3></DCT>
<TITLE>Not scored <TIMEX3 tid="t99" type="DATE" value="1998">1998</TIMEX3></TITLE>
<TEXT>
JOHANNESBURG, <TIMEX3 tid="t1" type="DATE" value="1998-08-07" functionInDocument="PUBLICATION_TIME">August 7</TIMEX3> (Xinhua) --
AT&amp;T said <EVENT eid="e1" class="REPORTING">said</EVENT> &lt;b&gt; <TIMEX3 tid="t2" type="DURATION" value="P3M" mod="APPROX">about three months</TIMEX3> ago.
</TEXT>
</TimeML>
"""


def test_plain_text_has_tags_stripped_and_entities_unescaped():
    doc = parse_timeml(DOC)
    assert doc.text == "\nJOHANNESBURG, August 7 (Xinhua) --\nAT&T said said <b> about three months ago.\n"


def test_gold_offsets_point_into_plain_text_after_entities():
    doc = parse_timeml(DOC)
    assert [(t.tid, doc.text[t.start:t.end]) for t in doc.timexes] == [("t1", "August 7"), ("t2", "about three months")]
    assert all(t.text == doc.text[t.start:t.end] for t in doc.timexes)
    # "AT&amp;T" and "&lt;b&gt;" each shrink when unescaped; the offset of t2 accounts for it
    assert doc.timexes[1].start == doc.text.index("about")


def test_attributes_type_value_mod():
    t1, t2 = parse_timeml(DOC).timexes
    assert (t1.type, t1.value, t1.mod) == ("DATE", "1998-08-07", None)
    assert (t2.type, t2.value, t2.mod) == ("DURATION", "P3M", "APPROX")


def test_publication_time_in_text_is_gold_but_dct_and_title_timex_are_not():
    doc = parse_timeml(DOC)
    assert [t.tid for t in doc.timexes] == ["t1", "t2"]


def test_dct_typed_time_with_seconds():
    doc = parse_timeml(DOC)
    assert doc.dct == dt.datetime(1998, 8, 7, 6, 18)
    assert (doc.dct_value, doc.dct_type, doc.doc_id) == ("1998-08-07T06:18:00", "TIME", "APW0001")


@pytest.mark.parametrize("value, expected", [
    ("1998-08-07", dt.date(1998, 8, 7)),
    ("1998-08-07T06:18", dt.datetime(1998, 8, 7, 6, 18)),
    ("1998-08-07T06:18:30", dt.datetime(1998, 8, 7, 6, 18, 30)),
    ("1998-02-30", None),
    ("PRESENT_REF", None),
    ("", None),
])
def test_parse_dct_value(value, expected):
    got = parse_dct_value(value)
    assert got == expected and type(got) is type(expected)


def test_missing_dct_gives_none():
    doc = parse_timeml("<TimeML><TEXT>on <TIMEX3 tid='t1' type='DATE' value='2001'>2001</TIMEX3></TEXT></TimeML>")
    assert doc.dct is None and doc.text == "on 2001" and doc.timexes[0].start == 3


def test_not_xml_or_no_text_is_a_clear_error():
    with pytest.raises(TimeMLError, match="not well-formed"):
        parse_timeml("<TimeML><TEXT>oops</TimeML>", "x.tml")
    with pytest.raises(TimeMLError, match="no <TEXT>"):
        parse_timeml("<TimeML/>", "x.tml")


TEXT = 'He said "A<B" & left\r\non Friday, Oct. 23, \x01then\tlater in the week.'


def _key(timexes):
    return [(t.start, t.end, t.type, t.value, t.mod) for t in timexes]


def test_to_timeml_round_trips_text_offsets_and_attributes():
    timexes = [
        Timex(start=TEXT.index("Oct. 23"), end=TEXT.index("Oct. 23") + 7, text="Oct. 23", type="DATE",
              value="2015-10-23"),
        Timex(start=TEXT.index("Friday"), end=TEXT.index("Friday") + 6, text="Friday", type="DATE",
              value='XXXX-"WXX-5', mod="START"),
    ]
    out = to_timeml(TEXT, timexes, dct=dt.date(2015, 10, 25), doc_id="d<1>")
    back = parse_timeml(out)
    assert back.text == TEXT.replace("\x01", " ")
    assert _key(back.timexes) == sorted(_key(timexes))
    assert back.dct == dt.date(2015, 10, 25) and back.dct_type == "DATE" and back.doc_id == "d<1>"
    assert [t.tid for t in back.timexes] == ["t1", "t2"]


def test_to_timeml_dct_forms():
    assert parse_timeml(to_timeml("x", [], dct=dt.datetime(2001, 2, 3, 4, 5))).dct == dt.datetime(2001, 2, 3, 4, 5)
    doc = parse_timeml(to_timeml("x", [], dct="2001-02-03"))
    assert (doc.dct, doc.dct_type) == (dt.date(2001, 2, 3), "DATE")
    assert "<DCT>" not in to_timeml("x", [], dct=None)
    midnight = parse_timeml(to_timeml("x", [], dct=dt.datetime(2001, 2, 3)))
    assert (midnight.dct, midnight.dct_value, midnight.dct_type) == (dt.date(2001, 2, 3), "2001-02-03", "DATE")


def test_to_timeml_round_trips_the_parsed_document():
    doc = parse_timeml(DOC)
    back = parse_timeml(to_timeml(doc.text, doc.timexes, doc.dct))     # what `timeline tag --format timeml` prints
    assert back.text == doc.text and _key(back.timexes) == _key(doc.timexes) and back.dct == doc.dct
    assert [t.tid for t in back.timexes] == ["t1", "t2"]     # the timexes' own tids are kept


def test_to_timeml_drops_overlapping_timex_with_a_warning():
    text = "Friday morning"
    timexes = [Timex(0, 14, text, "TIME", "XXXX-WXX-5TMO"), Timex(0, 6, "Friday", "DATE", "XXXX-WXX-5")]
    with pytest.warns(UserWarning, match="overlaps"):
        out = to_timeml(text, timexes)
    assert _key(parse_timeml(out).timexes) == [(0, 14, "TIME", "XXXX-WXX-5TMO", None)]


def test_to_timeml_rejects_offsets_outside_the_text():
    with pytest.raises(ValueError, match="out of range"):
        to_timeml("abc", [Timex(2, 9, "c", "DATE", "2001")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_timeml("abc", [])
