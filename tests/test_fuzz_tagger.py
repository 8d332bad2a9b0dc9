"""Property tests: the tagger never raises, and what it returns is sound, whatever the text.

For every generated text: ``timeline.tag`` returns without raising; every span lies inside the text and
``text[start:end] == timex.text``; spans do not overlap; every value parses under the TIMEX3 value grammar for
its type, and dates are real calendar dates (:func:`tests.support.validate.check_timexes`); tagging is
deterministic.

Texts: arbitrary Unicode (lone surrogates included), text built from our own vocabulary (month and weekday
names from the resource files, number words, digit runs, punctuation, "Oct." repeated), and real sentences with
random edits. The profile is fixed and derandomized, so a run is reproducible; ``TIMELINE_FUZZ_EXAMPLES``
raises the number of examples per test for a longer local run. Each test counts the cases it ran; run with
``-s`` to see the total.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.validate import check_timexes

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "timeline" / "lang" / "en"

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "150"))
settings.register_profile(
    "timeline-fuzz", max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, print_blob=True,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
FUZZ = settings.get_profile("timeline-fuzz")

CASES = {"run": 0}


@pytest.fixture(scope="module", autouse=True)
def report_count():
    yield
    print(f"\n[fuzz] generated cases run: {CASES['run']} ({EXAMPLES} examples per property)")


def tag(text, dct):
    from timeline.tagger import tag as _tag

    return _tag(text, dct)


def assert_sound(text: str, dct) -> list:
    CASES["run"] += 1
    first = tag(text, dct)
    problems = check_timexes(text, first)
    assert not problems, f"dct={dct!r} text={text[:300]!r}: " + "; ".join(problems[:5])
    for t in first:
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    again = tag(text, dct)
    assert [t.to_dict() for t in again] == [t.to_dict() for t in first], "tagging is not deterministic"
    return first


# -- vocabulary ---------------------------------------------------------------------------------------------

def first_column(name: str) -> list[str]:
    path = RESOURCES / name
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t")[0].strip())
    return rows


VOCAB = sorted({w for name in ("months.tsv", "weekdays.tsv", "numbers.tsv", "units.tsv", "parts_of_day.tsv",
                               "seasons.tsv", "holidays.tsv", "vague.tsv", "modifiers.tsv")
                for w in first_column(name)} | {
    "Oct.", "Oct", "Sept.", "May", "March", "the", "of", "in", "on", "since", "until", "from", "to", "between",
    "and", "last", "next", "this", "ago", "later", "earlier", "before", "after", "year", "years", "day", "days",
    "week", "month", "quarter", "decade", "century", "'98", "'05", "1990s", "the 45th", "45th", "1st", "31st",
    "32nd", "Feb. 30", "Oct. 32", "99999", "0000", "00", "2015", "1999", "9999", "10000", "1900", "2100",
    "12.11.2015", "03/04/2015", "13/13/13", "2015-11-12", "2015-02-29", "2016-02-29", "14:12", "25:61", "a.m.",
    "p.m.", "noon", "midnight", "tonight", "yesterday", "tomorrow", "today", "now", "BC", "AD", "B.C.", "fiscal",
    "Q4", "H1", "W53", "every", "each", "twice", "daily", "weekly", "annually", "-", "–", "—", "/", ".", ",",
    ":", ";", "'", '"', "(", ")", "%", "$", "1/2", "½", "٢٠١٥", "２０１５", "²", "\u00a0", "\u200b", "\n", "\t"})
PUNCT = list(".,;:!?-–—/\\()[]{}'\"`~@#$%^&*_+=|<>…·")
SEPARATORS = [" ", " ", " ", "", ", ", ". ", "-", "/", "\n", "\u00a0", " of ", " in ", " the "]

digit_runs = st.integers(min_value=1, max_value=12).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n))
numbers = st.integers(min_value=-5, max_value=100_000).map(str)
ordinals = st.integers(min_value=0, max_value=120).map(lambda n: f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}")
punct_runs = st.lists(st.sampled_from(PUNCT), min_size=1, max_size=30).map("".join)
repeated = st.tuples(st.sampled_from(["Oct.", "Oct. ", "Oct.23", "May ", "the ", "1 ", "12.", "--", "Monday, ",
                                      "'9", "2015 ", "Oct. 23, ", "3/4/"]),
                     st.integers(min_value=1, max_value=60)).map(lambda p: p[0] * p[1])
token = st.one_of(st.sampled_from(VOCAB), st.sampled_from(VOCAB), digit_runs, numbers, ordinals, punct_runs,
                  repeated)
vocab_text = st.lists(st.tuples(token, st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(t + s for t, s in parts))


# -- real sentences with random edits -----------------------------------------------------------------------

def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    return sentences


SENTENCES = seed_sentences() + [
    "The talks, first held on March 3, 1998, resumed last Tuesday and will end next spring.",
    "Between January and March 2014 prices rose 3%, and from 1998 to 2003 they fell.",
    "He was born on 03/04/75 and moved in the early 1990s, in the summer of '98.",
    "By the end of the 19th century, every Monday morning the market opened at 9:30 a.m.",
    "The deal, signed Nov. 3-5, runs for six months until Dec. 31, 2016, the company said Thursday.",
    "In fiscal 1989, the second quarter, sales fell for the third consecutive year.",
    "It happened about two weeks ago, a few days before the 2015-11-12 vote, at 14:12 GMT.",
    "Officials said on Feb. 30 and on Oct. 32, in the 45th year of 99999, nothing happened.",
]


@st.composite
def edited_sentence(draw):
    text = draw(st.sampled_from(SENTENCES))
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        n = len(text)
        i = draw(st.integers(min_value=0, max_value=n))
        j = draw(st.integers(min_value=i, max_value=min(n, i + 12)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "upper", "lower", "swap", "token"]))
        if op == "insert":
            text = text[:i] + draw(st.text(min_size=1, max_size=3)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "replace":
            text = text[:i] + draw(st.text(max_size=4)) + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(min_value=1, max_value=5)) + text[j:]
        elif op == "upper":
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == "lower":
            text = text[:i] + text[i:j].lower() + text[j:]
        elif op == "swap" and j - i >= 2:
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        elif op == "token":
            text = text[:i] + " " + draw(token) + " " + text[i:]
    return text


# -- document dates -----------------------------------------------------------------------------------------

news_dcts = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.sampled_from([dt.datetime(2015, 11, 12, 14, 12), dt.datetime(2016, 2, 29), dt.datetime(1999, 12, 31, 23, 59),
                     dt.datetime(2000, 1, 1), dt.datetime(2020, 12, 31)]),
)
extreme_dcts = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59)),
    st.sampled_from([dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1, 1, 1, 0, 0),
                     dt.datetime(9999, 12, 31), dt.datetime(1000, 1, 1), dt.datetime(1752, 9, 14)]),
)


# -- the properties -----------------------------------------------------------------------------------------

@FUZZ
@given(text=st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400), dct=news_dcts)
def test_arbitrary_unicode_never_raises_and_is_sound(text, dct):
    assert_sound(text, dct)


@FUZZ
@given(text=st.text(max_size=200).map(lambda s: s.replace("\r", "")), dct=news_dcts)
def test_arbitrary_printable_unicode_never_raises_and_is_sound(text, dct):
    assert_sound(text, dct)


@FUZZ
@given(text=vocab_text, dct=news_dcts)
def test_text_from_our_vocabulary_never_raises_and_is_sound(text, dct):
    assert_sound(text, dct)


@FUZZ
@given(text=edited_sentence(), dct=news_dcts)
def test_real_sentences_with_random_edits_never_raise_and_are_sound(text, dct):
    assert_sound(text, dct)


@FUZZ
@given(text=st.one_of(vocab_text, edited_sentence()), dct=extreme_dcts)
def test_document_dates_at_the_ends_of_the_calendar_never_raise(text, dct):
    """A DCT in year 1 or 9999 must not push a resolved value off the calendar ("next year" from 9999)."""
    assert_sound(text, dct)


@FUZZ
@given(text=st.one_of(vocab_text, edited_sentence()),
       dct=st.sampled_from(["2015-11-12", "2015-11-12T14:12", "12.11.2015 14:12", dt.date(2015, 11, 12)]))
def test_written_document_dates_are_accepted(text, dct):
    assert_sound(text, dct)


@FUZZ
@given(prefix=vocab_text, sentence=edited_sentence())
def test_offsets_survive_a_prefix(prefix, sentence):
    """Tagging ``prefix + sentence`` never reports a span that cuts into the text it claims."""
    text = prefix + " \n\n" + sentence
    assert_sound(text, dt.datetime(2015, 11, 12, 14, 12))


@FUZZ
@given(body=st.one_of(vocab_text, edited_sentence(), st.text(max_size=300)), title=st.text(max_size=40),
       dct=st.one_of(st.none(), st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1))))
def test_the_rest_of_the_pipeline_never_raises_on_a_tagged_document(body, title, dct):
    """A reporter never gets a crash for a typo: events and the ordered table come out of any tagged text, and
    every mention event's offsets point at its phrase in the document."""
    from timeline.model import Document
    from timeline.table.order import to_table
    from timeline.pipeline.work import process_document

    CASES["run"] += 1
    header = f"{title}\n\n"
    doc = Document(path="fuzz.txt", title=title, dct=dct, text=header + body, body_start=len(header),
                   doc_id="fuzz")
    result = process_document(doc)
    assert not check_timexes(doc.text, result.timexes)
    for e in result.events:
        if e.phrase_start is not None and e.kind != "publication":
            assert 0 <= e.phrase_start <= e.phrase_end <= len(doc.text)
    table = to_table(result.events)
    assert len(table) <= len(result.events)
    for start, end in zip(table.start, table.end):
        if isinstance(start, str) and isinstance(end, str) and start and end:
            assert start <= end, (start, end)


# -- what the fuzzing found: each finding stays an ordinary regression case ---------------------------------

FINDINGS = [
    # (text, dct, why) -- see the closing note of issue 7
    ("Christmas", dt.datetime(1, 1, 1), "holiday before year 1 raised ValueError (year 0)"),
    ("Friday", dt.datetime(1, 1, 1), "weekday before 0001-01-01 raised OverflowError"),
    ("next year", dt.datetime(9999, 12, 31, 23, 59), "year 10000 raised ValueError"),
    ("tomorrow", dt.datetime(9999, 12, 31), "day after 9999-12-31 raised OverflowError"),
    ("next century and next decade", dt.datetime(9999, 12, 31), "centuries past 9999"),
    ("two centuries ago, 10 years ago, last winter", dt.datetime(1, 1, 1), "negative years"),
    ("midday", None, "unknown clock time in narrative mode"),
    ("0 millennia", None, "TimeBank's millennium letter P0L"),
    ("Oct. " * 300, dt.datetime(2015, 11, 12), "repeated abbreviations"),
]


@pytest.mark.parametrize("text,dct,why", FINDINGS, ids=[w for _, _, w in FINDINGS])
def test_fuzz_finding_stays_fixed(text, dct, why):
    assert_sound(text, dct)


@pytest.mark.parametrize("text", ["tonight", "overnight", "this morning", "last night"])
def test_part_of_day_in_narrative_mode_is_a_time(text):
    assert_sound(text, None)


@pytest.mark.parametrize("text", ["before the 201-511-12 vote", "in 15-511",
                                  "the 2015-511-12 vote", "1-99-99"])
def test_glued_number_range_does_not_raise(text):
    """D17: an edit of "2015-11-12" made the year-range rule look for a start year that is not there."""
    assert_sound(text, dt.datetime(2015, 11, 12))


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), vocab_text.map(lambda s: s.encode("utf-8")),
                      edited_sentence().map(lambda s: s.encode("utf-8"))))
def test_timeline_tag_on_any_bytes_prints_sound_json_lines(data):
    """The benchmarks' contract: ``timeline tag -`` on any bytes exits 0 (or 1 with a message for input it
    refuses) and prints JSON lines whose offsets point into the decoded text."""
    import contextlib
    import io
    import json
    import sys

    from timeline.cli import main
    from timeline.sources.ingest import InputError, decode

    CASES["run"] += 1
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["tag", "-", "--dct", "2015-11-12"])
    finally:
        sys.stdin = saved
    assert "Traceback" not in err.getvalue()
    try:
        text = decode(data, "<stdin>").text
    except InputError:
        assert code == 1 and out.getvalue() == "" and err.getvalue()
        return
    assert code == 0, err.getvalue()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert not check_timexes(text, rows)
