"""Events from expressions: one event per dated happening, intervals, event anchors, headlines, sentences.

The seed tests use hand-made Timex lists whose offsets come from the seed text itself (``str.find``), so they
test this stage on real input whatever the tagger does; one test at the end runs the real tagger.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from timeline.events.text import text_analysis
from timeline.lang.lexicon import parse_table
from timeline.events.extract import extract_events
from timeline.model import Document, Timex
from timeline.table.order import to_table

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").iterdir())
SEED_DCT = dt.datetime(2015, 11, 12, 14, 12)

TEXT = text_analysis("en")      # the rule-based sentences, clauses and headlines of English


def seed_document() -> Document:
    text = SEED.read_text(encoding="utf-8")
    return Document(str(SEED.relative_to(ROOT)), text.splitlines()[0], SEED_DCT, text, text.find("Around 400"))


def timex(text: str, phrase: str, value: str, *, type: str = "DATE", after: str = "", anchor: str = "dct",
          flags: tuple[str, ...] = (), mod: str | None = None) -> Timex:
    """A Timex for ``phrase`` at its first occurrence after ``after`` in ``text``."""
    start = text.find(phrase, text.find(after) if after else 0)
    assert start >= 0, phrase
    return Timex(start, start + len(phrase), phrase, type, value, mod=mod, anchor=anchor, flags=flags)


def seed_timexes(doc: Document) -> list[Timex]:
    t = doc.text
    guess = ("year_inferred", "direction_from_tense")
    return [
        timex(t, "Wednesday", "2015-11-11"),
        timex(t, "Oct. 23", "2015-10-23", flags=guess),
        timex(t, "October", "2015-10", after="Aleppo", flags=guess),
        timex(t, "October", "2015-10", after="back in", flags=guess),
        timex(t, "2011", "2011", anchor="absolute"),
    ]


def article(body: str, title: str = "A test story", dct=dt.datetime(2015, 11, 12, 14, 12),
            path: str = "story.txt") -> Document:
    head = f"{title}\n\nPublished {dct:%d.%m.%Y %H:%M}\n\n"
    return Document(path, title, dct, head + body, len(head))


def events_of(doc: Document, specs) -> list:
    """Events of ``doc`` for ``specs`` = [(phrase, value, type?, after?, extra kwargs?)], publication left out."""
    txs = []
    for spec in specs:
        phrase, value, *rest = spec
        kw = rest[0] if rest else {}
        txs.append(timex(doc.text, phrase, value, **kw))
    return [e for e in extract_events(doc, txs) if e.kind != "publication"]


# ------------------------------------------------------------------------------------------------ the seed

SEED_ROWS = [  # (timex value, precision, phrase, a word of the event text)
    ("2011", "year", "2011", "conflict began"),
    ("2015-10", "month", "October", "Aleppo"),
    ("2015-10", "month", "October", "Boroujerdi"),
    ("2015-10-23", "day", "Oct. 23", "Fars"),
    ("2015-11-11", "day", "Wednesday", "Tasnim"),
]


def test_seed_table_in_order_from_hand_made_timexes():
    doc = seed_document()
    df = to_table(extract_events(doc, seed_timexes(doc)))
    positions = []
    for value, precision, phrase, word in SEED_ROWS:
        hits = df[(df.timex_value == value) & (df.precision == precision) & (df.phrase == phrase)
                  & df.event_text.str.contains(word, regex=False)]
        assert len(hits) == 1, (value, phrase, word)
        positions.append(hits.index[0])
    pub = df[df.kind == "publication"]
    assert len(pub) == 1 and pub.iloc[0].start == "2015-11-12" and pub.iloc[0].headline == doc.title
    positions.append(pub.index[0])
    assert positions == sorted(positions)


def test_seed_since_2011_runs_to_the_publication_date():
    doc = seed_document()
    df = to_table(extract_events(doc, seed_timexes(doc)))
    row = df.query("phrase == 'since the Syria conflict began in 2011'").iloc[0]
    assert (row.start, row.end, row.precision, row.end_precision) == ("2011-01-01", "2015-11-12", "year", "day")
    assert row.kind == "interval" and row.edtf == "2011/2015-11-12"
    assert row.trigger == "killed" and doc.text[row.trigger_start:row.trigger_end] == "killed"


def test_seed_the_conflict_began_is_its_own_2011_event_not_an_interval():
    doc = seed_document()
    row = to_table(extract_events(doc, seed_timexes(doc))).query("phrase == '2011'").iloc[0]
    assert (row.start, row.end, row.kind, row.edtf) == ("2011-01-01", "2011-12-31", "mention", "2011")
    assert row.headline == "The Syria conflict began" and row.trigger == "began" and row.anchor == "timex"


def test_seed_month_rows_cover_the_whole_month_and_keep_their_guesses():
    doc = seed_document()
    df = to_table(extract_events(doc, seed_timexes(doc)))
    october = df[df.timex_value == "2015-10"]
    assert list(october.start) == ["2015-10-01"] * 2 and list(october.end) == ["2015-10-31"] * 2
    assert all(f == "year_inferred;direction_from_tense" for f in october["flags"])
    assert set(october.anchor) == {"timex"}


def test_seed_civil_war_is_linked_to_the_2011_mention():
    doc = seed_document()
    events = extract_events(doc, seed_timexes(doc))
    linked = [e for e in events if e.anchor == "event"]
    assert len(linked) == 1
    e = linked[0]
    assert e.phrase == "since the beginning of the country's civil war"
    assert doc.text[e.phrase_start:e.phrase_end] == e.phrase
    assert (e.start, e.end, e.precision) == (dt.date(2011, 1, 1), dt.date(2015, 11, 12), "year")
    assert "inferred" in e.flags and "open_start" not in e.flags
    assert e.kind == "interval" and e.value == "2011"


def test_seed_publication_event_uses_title_and_lead():
    doc = seed_document()
    pub = extract_events(doc, seed_timexes(doc))[0]
    assert pub.kind == "publication" and pub.phrase == "(publication)" and pub.timex is None
    assert pub.headline == doc.title
    assert pub.event_text.startswith("Around 400 Iranian troops have been killed in Syria")
    assert (pub.start, pub.end) == (dt.date(2015, 11, 12),) * 2


def test_seed_headlines_trim_phrase_and_attribution():
    doc = seed_document()
    by_phrase = {e.phrase: e.headline for e in extract_events(doc, seed_timexes(doc))}
    assert by_phrase["Wednesday"].startswith("Four more Iranian revolutionary guards were killed")
    assert not by_phrase["Oct. 23"].startswith("On")
    assert "Boroujerdi" in [h for p, h in by_phrase.items() if p == "October"][0] or any(
        "Boroujerdi" in h for h in by_phrase.values())


def test_seed_every_offset_points_at_its_phrase():
    doc = seed_document()
    for e in extract_events(doc, seed_timexes(doc)):
        if e.phrase_start is not None:
            assert re.sub(r"\s+", " ", doc.text[e.phrase_start:e.phrase_end]) == e.phrase


# ------------------------------------------------------------------------------------------------ headlines

def test_headlines_are_short_never_empty_never_mid_word():
    doc = seed_document()
    for e in extract_events(doc, seed_timexes(doc)):
        h = e.headline
        assert h and len(h) <= 60 or e.kind == "publication"
        first = h.split()[0].strip("\"'“(")
        assert first and (e.event_text.find(first) >= 0 or first[0].isupper() or e.kind == "publication")
        words = set(re.findall(r"\w+", e.event_text + " " + doc.title))
        for w in re.findall(r"\w+", h):
            assert w in words or w.capitalize() in words or w.lower() in {x.lower() for x in words}, (w, h)


@pytest.mark.parametrize("text,phrase,expected", [
    ("On Wednesday, the semi-official Tasnim News Agency said four guards were killed.", "Wednesday",
     "Four guards were killed"),
    ("Prices rose in Aleppo, two senior regional officials said in October.", "October", "Prices rose in Aleppo"),
    ("Around 400 troops have been killed, according to Iranian media.", "", "Around 400 troops have been killed"),
    ("Engineers had warned about the cables in 2019.", "2019", "Engineers had warned about the cables"),
    ('"We will study the request," Alaedin Boroujerdi, the chairman of the committee, had said back in October.',
     "October", "Alaedin Boroujerdi: We will study the request"),
    ("With the support of Russian airstrikes, forces are preparing an offensive in Aleppo in October.", "October",
     "Forces are preparing an offensive in Aleppo"),
])
def test_headline_rules(text, phrase, expected):
    spans = [(text.find(phrase), text.find(phrase) + len(phrase))] if phrase else []
    assert TEXT.headline(text, spans) == expected


def test_headline_falls_back_and_is_never_empty():
    assert TEXT.headline("On Monday.", [(3, 9)], fallback="The harbour closed on Monday.") == \
        "The harbour closed on Monday"
    assert TEXT.headline("", [], fallback="") == "(untitled)"


def test_shorten_cuts_at_a_word_boundary():
    s = "Forces loyal to the Syrian regime army and allied Iranian and Hezbollah forces are preparing"
    out = TEXT.shorten(s)
    assert len(out) <= 60 and out.endswith("…")
    assert s.startswith(out[:-1]) and s[len(out) - 1] == " "


# ------------------------------------------------------------------------------------------------ sentences

def test_sentences_respect_abbreviations_and_initials():
    text = ("On Oct. 23, Gen. Sharif met the U.S. envoy in Tehran. J. Smith said Mr. Ali left. "
            "Nothing else happened! Then \"a quote.\" It ended.")
    got = [text[s:e] for s, e in TEXT.sentences(text)]
    assert got == ["On Oct. 23, Gen. Sharif met the U.S. envoy in Tehran.", "J. Smith said Mr. Ali left.",
                   "Nothing else happened!", "Then \"a quote.\"", "It ended."]


def test_blank_lines_end_sentences():
    text = "Headline without a stop\n\nThe body starts here. It goes on."
    assert [text[s:e] for s, e in TEXT.sentences(text)] == ["Headline without a stop", "The body starts here.",
                                                         "It goes on."]


# ---------------------------------------------------------------------------------------- one event per happening

def test_durations_sets_and_vague_refs_qualify_and_never_become_rows():
    doc = article("The talks lasted six months and now take place every week. He recently resigned on Monday.")
    evs = events_of(doc, [("six months", "P6M", {"type": "DURATION", "anchor": "absolute"}),
                          ("every week", "P1W", {"type": "SET", "anchor": "absolute"}),
                          ("recently", "PAST_REF"),
                          ("Monday", "2015-11-09")])
    assert [e.value for e in evs] == ["2015-11-09"]
    assert evs[0].qualifiers == ("recently=PAST_REF",)


def test_a_sentence_with_only_a_duration_gives_no_row_but_qualifies_nothing_silently():
    doc = article("The siege lasted six months.")
    assert events_of(doc, [("six months", "P6M", {"type": "DURATION"})]) == []


def test_side_by_side_expressions_make_one_event():
    doc = article("On Wednesday, Nov. 11, Tasnim said four guards were killed.")
    evs = events_of(doc, [("Wednesday", "2015-11-11"), ("Nov. 11", "2015-11-11", {"flags": ("year_inferred",)})])
    assert len(evs) == 1
    assert evs[0].phrase == "Wednesday, Nov. 11" and evs[0].flags == ("year_inferred",)


def test_a_time_joins_its_day():
    doc = article("The talks began at 3 p.m. on Tuesday in Vienna.")
    evs = events_of(doc, [("3 p.m.", "2015-11-12T15:00", {"type": "TIME"}), ("Tuesday", "2015-11-10")])
    assert len(evs) == 1 and evs[0].value == "2015-11-10T15:00" and evs[0].precision == "time"
    assert evs[0].edtf == "2015-11-10T15:00:00"


def test_two_dated_clauses_make_two_events_with_their_own_text():
    doc = article("The envoy arrived on Monday, and the talks collapsed on Friday.")
    evs = events_of(doc, [("Monday", "2015-11-09"), ("Friday", "2015-11-06")])
    texts = {e.value: e.event_text for e in evs}
    assert texts == {"2015-11-09": "The envoy arrived on Monday", "2015-11-06": "the talks collapsed on Friday."}


def test_the_same_date_twice_in_one_sentence_is_one_event():
    doc = article("On Oct. 23 the agency said that on Oct. 23 the guards were killed.")
    t = doc.text
    first = t.find("Oct. 23")
    second = t.find("Oct. 23", first + 1)
    txs = [Timex(first, first + 7, "Oct. 23", "DATE", "2015-10-23"),
           Timex(second, second + 7, "Oct. 23", "DATE", "2015-10-23")]
    assert len([e for e in extract_events(doc, txs) if e.kind != "publication"]) == 1


def test_approximate_mod_is_flagged_and_edtf_marked():
    doc = article("The dam was built around 1990.")
    (e,) = events_of(doc, [("1990", "1990", {"mod": "APPROX", "anchor": "absolute"})])
    assert "approximate" in e.flags and e.edtf == "1990~" and e.mod == "APPROX"


# ------------------------------------------------------------------------------------------------ intervals

@pytest.mark.parametrize("body,specs,start,end,prec,end_prec,phrase,edtf", [
    ("Fighting since 2011 killed thousands.", [("2011", "2011")],
     dt.date(2011, 1, 1), dt.date(2015, 11, 12), "year", "day", "since 2011", "2011/2015-11-12"),
    ("Prices rose between January and March.", [("January", "2015-01"), ("March", "2015-03")],
     dt.date(2015, 1, 1), dt.date(2015, 3, 31), "month", "month", "between January and March", "2015-01/2015-03"),
    ("He ruled from 1998 to 2003.", [("1998", "1998"), ("2003", "2003")],
     dt.date(1998, 1, 1), dt.date(2003, 12, 31), "year", "year", "from 1998 to 2003", "1998/2003"),
    ("The fair runs Nov. 3-5.", [("Nov. 3", "2015-11-03")],
     dt.date(2015, 11, 3), dt.date(2015, 11, 5), "day", "day", "Nov. 3-5", "2015-11-03/2015-11-05"),
    ("The fair ran Nov. 3 – Nov. 5 in Lyon.", [("Nov. 3", "2015-11-03"), ("Nov. 5", "2015-11-05")],
     dt.date(2015, 11, 3), dt.date(2015, 11, 5), "day", "day", "Nov. 3 – Nov. 5", "2015-11-03/2015-11-05"),
    ("The plant ran 1998-2003 without a stop.", [("1998", "1998")],
     dt.date(1998, 1, 1), dt.date(2003, 12, 31), "year", "year", "1998-2003", "1998/2003"),
    ("The talks ran from Monday through Wednesday.", [("Monday", "2015-11-09"), ("Wednesday", "2015-11-11")],
     dt.date(2015, 11, 9), dt.date(2015, 11, 11), "day", "day", "from Monday through Wednesday",
     "2015-11-09/2015-11-11"),
])
def test_intervals(body, specs, start, end, prec, end_prec, phrase, edtf):
    (e,) = events_of(article(body), specs)
    assert (e.start, e.end, e.precision, e.end_precision) == (start, end, prec, end_prec)
    assert e.kind == "interval" and e.phrase == phrase and e.edtf == edtf


def test_until_keeps_an_open_start_and_says_so():
    (e,) = events_of(article("The ban lasts until Dec. 31."), [("Dec. 31", "2015-12-31")])
    assert e.start is None and e.end == dt.date(2015, 12, 31) and e.end_precision == "day"
    assert "open_start" in e.flags and e.phrase == "until Dec. 31" and e.edtf == "../2015-12-31"


def test_since_in_narrative_mode_has_an_open_end():
    doc = Document("n.txt", "N", None, "Fighting since 2011 killed thousands.", 0)
    (e,) = extract_events(doc, [timex(doc.text, "2011", "2011", anchor="absolute")])
    assert e.start == dt.date(2011, 1, 1) and e.end is None and e.edtf == "2011/.."


# ------------------------------------------------------------------------------------------------ event anchors

def test_event_anchor_without_a_dated_mention_keeps_an_open_start():
    doc = article("Ferry crews have worked double shifts since the beginning of the closure, the operator said.")
    evs = [e for e in extract_events(doc, []) if e.kind != "publication"]
    assert len(evs) == 1
    e = evs[0]
    assert e.start is None and e.end == dt.date(2015, 11, 12) and e.anchor == "event"
    assert "open_start" in e.flags and "inferred" not in e.flags
    assert e.phrase == "since the beginning of the closure" and e.edtf == "../2015-11-12"


def test_event_anchor_links_by_shared_words():
    doc = article("Repair works began in January. Traders have complained since the start of the works.")
    evs = events_of(doc, [("January", "2015-01")])
    linked = [e for e in evs if e.anchor == "event"]
    assert len(linked) == 1 and linked[0].start == dt.date(2015, 1, 1) and "inferred" in linked[0].flags


def test_event_anchor_does_not_link_an_unrelated_start():
    doc = article("The festival began in June. Prices have risen since the start of the strike.")
    linked = [e for e in events_of(doc, [("June", "2015-06")]) if e.anchor == "event"]
    assert len(linked) == 1 and linked[0].start is None and "open_start" in linked[0].flags


def test_since_the_beginning_of_a_date_is_dated_by_the_expression():
    doc = article("Prices have risen since the beginning of 2014.")
    evs = events_of(doc, [("the beginning of 2014", "2014", {"mod": "START", "anchor": "absolute"})])
    assert len(evs) == 1 and evs[0].anchor == "timex" and evs[0].start == dt.date(2014, 1, 1)


# ------------------------------------------------------------------------------------------------ data files

def test_language_data_files_state_their_format():
    folder = ROOT / "timeline" / "lang" / "en"
    files = sorted(folder.glob("events_*.tsv"))
    assert len(files) >= 5
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# FORMAT:"), f.name


def test_loader_rejects_bad_rows():
    def parse(text):
        return parse_table(text, "x.tsv", 2, exact=True, unique="row")
    with pytest.raises(ValueError, match="FORMAT"):
        parse("since\tsince\n")
    with pytest.raises(ValueError, match="non-empty"):
        parse("# FORMAT: a<TAB>b\nsince\t\n")
    with pytest.raises(ValueError, match="non-empty"):           # exactly two fields
        parse("# FORMAT: a<TAB>b\nsince\tsince\textra\n")
    with pytest.raises(ValueError, match="duplicated"):
        parse("# FORMAT: a<TAB>b\nsince\tsince\nsince\tsince\n")
    # a word with two roles is two rows, not a duplicate
    assert parse("# FORMAT: a<TAB>b\nsince\tone\nsince\ttwo\n") == [("since", "one"), ("since", "two")]


# ------------------------------------------------------------------------------------------------ with the tagger

def test_seed_table_with_the_real_tagger():
    import timeline.tagger as tagger
    doc = seed_document()
    body = doc.body
    txs = [Timex(t.start + doc.body_start, t.end + doc.body_start, t.text, t.type, t.value, t.mod, t.anchor,
                 t.flags) for t in tagger.tag(body, doc.dct)]
    df = to_table(extract_events(doc, txs))
    got = [(r.timex_value, r.precision, r.kind) for r in df.itertuples() if r.anchor != "event"]
    assert got == ([(v, p, "mention") for v, p, _, _ in SEED_ROWS[:1]] + [("2011", "year", "interval")]
                   + [(v, p, "mention") for v, p, _, _ in SEED_ROWS[1:]] + [("2015-11-12", "day", "publication")])


# ------------------------------------------------------------------------------------------------ any input

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

WORDS = ["since", "until", "from", "to", "between", "and", "-", "–", "Oct.", "Gen.", "U.S.", "said", ",", ".", ";",
         '"', "\n\n", "the beginning of", "the war", "began in", "On", "Monday", "2011", "3", "according to",
         "=cmd", "It", "rained", "around", "With", "the", "(", ")", "Ünïcode", "had", "quoted"]
VALUES = ["2011", "2015-10", "2015-10-23", "2015-W45", "2015-FA", "2015-WI", "2015-Q3", "2015-H1", "199", "18",
          "2015-11-12T15:00", "2015-11-12TMO", "P6M", "PAST_REF", "XXXX-10", "2015-02-30", "9999-WI", "9999-12",
          "0001", "00"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(WORDS), max_size=50),
       picks=st.lists(st.tuples(st.integers(0, 49), st.integers(1, 3), st.sampled_from(VALUES),
                                st.sampled_from(["DATE", "DATE", "TIME", "DURATION", "SET"]),
                                st.sampled_from([None, "APPROX", "START"])), max_size=8),
       dct=st.sampled_from([None, dt.datetime(2015, 11, 12, 14, 12), dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)]))
def test_any_text_and_expressions_give_well_formed_events(words, picks, dct):
    title = "Title\n\n"
    text = title + " ".join(words)
    starts, pos = [], len(title)
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    txs, taken = [], set()
    for i, n, value, type_, mod in picks:
        if i >= len(words) or any(k in taken for k in range(i, min(i + n, len(words)))):
            continue
        j = min(i + n, len(words)) - 1
        s, e = starts[i], starts[j] + len(words[j])
        if not text[s:e].strip():
            continue
        taken |= set(range(i, j + 1))
        txs.append(Timex(s, e, text[s:e], type_, value, mod=mod))
    doc = Document("any.txt", "Title", dct, text, len(title))
    events = extract_events(doc, txs)
    for e in events:
        assert e.headline and e.headline == e.headline.strip()
        assert e.kind == "publication" or len(e.headline) <= 60
        if e.start and e.end:
            assert e.start <= e.end
        if e.phrase_start is not None:
            assert 0 <= e.phrase_start < e.phrase_end <= len(text)
        assert e.edtf
    edtf = pytest.importorskip("edtf")
    for e in events:
        edtf.parse_edtf(e.edtf)
    df = to_table(events)
    assert len(df) <= len(events)


def _hand_tagged(words: list[str], picks: list[tuple[int, str, str | None]], dct=None) -> list:
    """The events of "Title" + the words, each pick (word index, TIMEX3 value, mod) a DATE on that word."""
    title = "Title\n\n"
    text, starts = title, []
    for w in words:
        starts.append(len(text))
        text += w + " "
    text = text[:-1]
    txs = [Timex(starts[i], starts[i] + len(words[i]), words[i], "DATE", v, mod=m) for i, v, m in picks]
    return extract_events(Document("any.txt", "Title", dct, text, len(title)), txs)


def test_a_clock_time_beside_a_part_of_day_is_one_well_formed_time():
    # found by the test above: "2015-11-12TMO" is a day with a part of day, not a day value to append a time to
    events = _hand_tagged(["since", "since"], [(0, "2015-11-12T15:00", None), (1, "2015-11-12TMO", None)])
    assert all("TMOT" not in (e.value or "") for e in events)          # before the fix: AttributeError


def test_an_approximate_decade_since_is_an_interval_edtf_parsers_accept():
    edtf = pytest.importorskip("edtf")
    events = _hand_tagged(["since", "199"], [(1, "199", "APPROX")], dct=dt.datetime(2015, 11, 12, 14, 12))
    (e,) = [e for e in events if e.kind == "interval"]
    assert e.edtf == "1990~/2015-11-12"
    edtf.parse_edtf(e.edtf)


def test_since_a_date_after_the_publication_is_not_stretched_backwards():
    (e,) = events_of(article("Fighting since 2016 killed thousands."), [("2016", "2016", {"anchor": "absolute"})])
    assert e.kind == "mention" and (e.start, e.end) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))


def test_a_month_and_a_day_in_it_in_one_clause_are_one_event():
    doc = article("In October, the offensive began on Oct. 23 near Aleppo.")
    evs = events_of(doc, [("October", "2015-10"), ("Oct. 23", "2015-10-23")])
    assert [(e.value, e.phrase) for e in evs] == [("2015-10-23", "Oct. 23")]
    assert "October" not in evs[0].headline


def test_a_month_and_a_day_in_two_clauses_stay_two_events():
    doc = article("Prices rose in October, and the offensive began on Oct. 23.")
    evs = events_of(doc, [("October", "2015-10"), ("Oct. 23", "2015-10-23")])
    assert sorted(e.value for e in evs) == ["2015-10", "2015-10-23"]


def test_from_with_a_dash_is_one_interval_with_its_signal():
    (e,) = events_of(article("Rationing applied from 1998 - 2003 in the north."), [("1998", "1998"), ("2003", "2003")])
    assert e.phrase == "from 1998 - 2003" and e.edtf == "1998/2003"


def test_two_dates_joined_by_and_without_between_stay_two_events():
    doc = article("Talks were held on Monday and on Friday the deal was signed.")
    assert len(events_of(doc, [("Monday", "2015-11-09"), ("Friday", "2015-11-06")])) == 2


def test_around_before_the_expression_makes_it_approximate():
    (e,) = events_of(article("The dam was built around 2010 by the state."), [("2010", "2010", {"anchor": "absolute"})])
    assert "approximate" in e.flags and e.mod == "APPROX" and e.edtf == "2010~"
    assert e.headline == "The dam was built by the state"
