"""Hostile inputs as ordinary (untimed) regression cases, absurd dates, and ambiguous numeric dates.

The inputs are the benchmark's (``bench/adversarial.py``, where they are timed at 1x, 4x and 16x): digit runs and
spaces, repeated month abbreviations, a long single line, deeply repeated punctuation and numeric separators. Here
each is tagged once at 100 KB (the single line at 1 MB) and the output must be sound
(:func:`tests.support.validate.check_timexes`).

Absurd dates ("Feb. 30", "Oct. 32", "the 45th", year 99999) are not emitted as dates. Numeric dates follow one
rule: slashed dates are month-first (``03/04/2015`` is March 4), dotted and dashed ones day-first
(``03.04.2015`` is April 3); when the first reading is impossible and the swapped one is not (``13/04/2015``) the
swapped one is taken; when both parts could be the month the date is flagged ``ambiguous_order``. A two-digit year
is 20YY for 00-29 and 19YY for 30-99, and is flagged (the century is a guess).
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.support.validate import check_timexes

DCT = dt.datetime(2015, 11, 12, 14, 12)
PIPELINE_SIZE = 100_000    # per-document pipeline (tag + events) inputs (defects D13, D14, D18 were quadratic here)


def tag(text, dct=DCT):
    from timeline.tagger import tag as _tag

    return _tag(text, dct)


def families():
    from bench.adversarial import FAMILIES

    return FAMILIES


def sound(text, dct=DCT):
    out = tag(text, dct)
    problems = check_timexes(text, out)
    assert not problems, "; ".join(problems[:5])
    return out


@pytest.mark.parametrize("name", [f.name for f in families()])
def test_adversarial_input_gives_a_sound_output(name):
    family = next(f for f in families() if f.name == name)
    size = 1_000_000 if name == "single_line" else min(family.base, 100_000) // (4 if family.base < 100_000 else 1)
    text = family.make(size)
    assert len(text) == size
    out = sound(text)
    if name == "single_line":
        assert "\n" not in text and any(t.value == "2015-10-23" for t in out)


@pytest.mark.parametrize("text", [
    "Oct. " * 2000 + "Oct. 23, 2015",
    "Oct.Oct.Oct.Oct.Oct.Oct.23",
    "(" * 5000 + "Oct. 23" + ")" * 5000,
    "-" * 10_000 + "2015" + "-" * 10_000,
    "1" * 50_000 + " 2015 " + "9" * 50_000,
    "12/12/12/12/12/12/12/12/12/12/12/12/12/12",
    "12.11.2015.12.11.2015.12.11.2015",
    "2015-2015-2015-2015-2015-11-12-12-12",
    "the the the the " * 1000 + "the 1990s",
    "on on on on on Wednesday Wednesday Wednesday",
    "\u200b".join("Oct. 23, 2015"),
    "Oct.\u00a023,\u00a02015",
    "ＯＣＴ. ２３, ２０１５",
    "October 23, 2015" + "\x00" * 100,
    "\r\n".join(["Published 12.11.2015 14:12"] * 500),
], ids=lambda s: repr(s[:24]))
def test_deeply_repeated_or_glued_text_gives_a_sound_output(text):
    sound(text)


@pytest.mark.parametrize("name", [f.name for f in families()])
def test_adversarial_input_goes_through_the_pipeline(name):
    """What a build does per article (tag, then events) on the same hostile inputs, untimed: the events come
    out, and each mention's phrase offsets point into the text."""
    from timeline.model import Document
    from timeline.table.order import to_table
    from timeline.pipeline.work import process_document

    family = next(f for f in families() if f.name == name)
    text = family.make(PIPELINE_SIZE if family.base >= PIPELINE_SIZE else family.base // 4)
    doc = Document(path="adversarial.txt", title="Adversarial", dct=DCT, text=text, doc_id="adversarial")
    result = process_document(doc)
    assert not check_timexes(text, result.timexes)
    for e in result.events:
        if e.kind != "publication" and e.phrase_start is not None:
            assert 0 <= e.phrase_start < e.phrase_end <= len(text)
    assert len(to_table(result.events)) >= 1


def _covers(out, text, phrase):
    """Timexes that overlap any occurrence of ``phrase`` in ``text``."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    assert spans, phrase
    return [t for t in out for s, e in spans if t.start < e and s < t.end]


@pytest.mark.parametrize("text,phrase", [
    ("Officials met on Feb. 30, the ministry said.", "Feb. 30"),
    ("Officials met on Feb. 30, 2015, the ministry said.", "Feb. 30"),
    ("Officials met on February 29, 2015, the ministry said.", "February 29"),
    ("The vote on Oct. 32 was void.", "Oct. 32"),
    ("The vote on October 32nd was void.", "October 32nd"),
    ("The vote on Sept. 31 was void.", "Sept. 31"),
    ("The vote on 31 April 2015 was void.", "31 April"),
    ("He celebrated the 45th anniversary.", "45th"),
    ("He arrived on the 45th of May.", "45th"),
    ("It will be sealed until the year 99999.", "99999"),
    ("It will be sealed until 99999 AD.", "99999"),
    ("The invoice is dated 31/31/2015.", "31/31/2015"),
    ("The invoice is dated 13.13.2015.", "13.13.2015"),
    ("The invoice is dated 00/00/0000.", "00/00/0000"),
    ("The invoice is dated 2015-13-45.", "2015-13-45"),
    ("The invoice is dated 2015-02-30.", "2015-02-30"),
    ("The invoice is dated 2015-00-10.", "2015-00-10"),
    ("They met at 25:61 sharp.", "25:61"),
    ("They met on Monday the 0th.", "0th"),
])
def test_absurd_date_is_not_emitted_as_a_date(text, phrase):
    out = sound(text)
    covering = [t for t in _covers(out, text, phrase) if t.type in ("DATE", "TIME")]
    assert covering == [], f"{phrase!r} emitted as {[(t.text, t.value) for t in covering]}"


def test_a_real_leap_day_is_emitted():
    assert [t.value for t in sound("Officials met on February 29, 2016.")] == ["2016-02-29"]


@pytest.mark.parametrize("text,value,ambiguous", [
    ("on 03/04/2015", "2015-03-04", True),      # slashed: month first
    ("on 03.04.2015", "2015-04-03", True),      # dotted: day first
    ("on 03-04-2015", "2015-04-03", True),      # dashed: day first
    ("on 13/04/2015", "2015-04-13", False),     # month-first impossible: day first, no doubt left
    ("on 04/13/2015", "2015-04-13", False),
    ("on 13.04.2015", "2015-04-13", False),
    ("on 04/04/2015", "2015-04-04", False),     # both readings give the same date
])
def test_ambiguous_numeric_date_follows_the_rule_and_is_flagged(text, value, ambiguous):
    out = sound(text)
    assert [t.value for t in out] == [value]
    assert ("ambiguous_order" in out[0].flags) is ambiguous, out[0].flags


@pytest.mark.parametrize("text,value", [
    ("on 03/04/15", "2015-03-04"),
    ("on 12.11.29", "2029-11-12"),
    ("on 12.11.30", "1930-11-12"),
    ("on 5/6/98", "1998-05-06"),
    ("on 13/04/00", "2000-04-13"),
])
def test_two_digit_year_follows_the_pivot_and_is_flagged(text, value):
    out = sound(text)
    assert [t.value for t in out] == [value]
    assert "year_inferred" in out[0].flags, out[0].flags


@pytest.mark.parametrize("text,dct,expected", [
    ("midday", None, [("midday", "XXXX-XX-XXT12:00")]),                     # D1: the clock time is kept
    ("tonight", None, [("tonight", "XXXX-XX-XXTNI")]),                      # D11: a TIME keeps its T part
    ("Oct. 23 '98", DCT, [("Oct. 23 '98", "1998-10-23")]),                  # D7: the apostrophe year is read
    ("on 03-04-2015", DCT, [("03-04-2015", "2015-04-03")]),                 # D6: dashed dates, day first
])
def test_fuzz_defect_stays_fixed(text, dct, expected):
    assert [(t.text, t.value) for t in sound(text, dct)] == expected


def test_an_endless_sentence_is_cut_into_bounded_pieces():
    """D13: 100 KB without a sentence end was one sentence, and the events stage reworked it for every
    expression in it; sentences are now cut at a space after at most MAX_SENTENCE characters."""
    from timeline.events.text import MAX_SENTENCE, text_analysis

    def sentences(text):
        return list(text_analysis("en").sentences(text))

    text = families()[0].make(100_000)             # digit runs and spaces, no full stop
    spans = sentences(text)
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert all(text[e - 1:e] != " " and not text[s].isspace() for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", ""), "nothing lost"
    prose = "Officials met on Oct. 23. " * 3
    assert len(sentences(prose)) == 3, "ordinary sentences are not cut"
