"""The events stage with the event detector: triggers, anchors, the model read once and what it cannot read."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

import timeline
import timeline.lang as lang
from timeline.cli import main
from timeline.events import anchor as anchor_module
from timeline.events import mentions as mentions_module
from timeline.events.anchor import Mentions, Trigger, readable
from timeline.events.extract import events_and_note, extract_events
from timeline.model import Document, Timex

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").iterdir())
DCT = dt.datetime(2015, 11, 12, 14, 12)


def article(body: str, title: str = "A test story") -> Document:
    head = f"{title}\n\nPublished {DCT:%d.%m.%Y %H:%M}\n\n"
    return Document("story.txt", title, DCT, head + body, len(head))


def tagged(doc: Document):
    from timeline.pipeline.work import process_document

    return process_document(doc)


def rows(doc: Document):
    return [e for e in tagged(doc).events if e.kind != "publication"]


# ------------------------------------------------------------------------------------------------ triggers

def test_the_seed_rows_have_their_event_word_with_offsets():
    text = SEED.read_text(encoding="utf-8")
    doc = Document(str(SEED), text.splitlines()[0], DCT, text, text.find("Around 400"))
    by_phrase = {e.phrase: e for e in tagged(doc).events}
    wednesday = by_phrase["Wednesday"]
    assert (wednesday.trigger, wednesday.event_class) == ("killed", "OCCURRENCE")
    assert text[wednesday.trigger_start:wednesday.trigger_end] == "killed"
    assert by_phrase["since the beginning of the country's civil war"].trigger == "killed"
    assert by_phrase["Oct. 23"].trigger == "quoted"
    pub = by_phrase["(publication)"]
    assert pub.anchor == "dct" and pub.trigger == "" and pub.trigger_start is None


def test_a_report_of_a_quote_is_the_saying_not_the_quoted_words():
    (e,) = rows(article('"We will study the request and make a decision," the minister said in October.'))
    assert e.trigger == "said" and e.event_class == "REPORTING"


def test_a_reported_happening_is_the_trigger_not_the_report():
    (e,) = rows(article("On Wednesday, the agency said four soldiers were killed in Syria."))
    assert e.trigger == "killed" and e.anchor == "timex"


def test_main_prefers_a_finite_verb_then_one_before_the_date_then_the_nearest():
    ms = Mentions([Trigger(0, 4, "said", "REPORTING", "PAST", pos="VERB"),
                   Trigger(10, 16, "attack", "OCCURRENCE", pos="NOUN"),
                   Trigger(20, 26, "killed", "OCCURRENCE", "PAST", pos="VERB"),
                   Trigger(40, 44, "left", "OCCURRENCE", "PAST", pos="VERB")])
    assert ms.main(0, 50, near=45).text == "left"
    assert ms.main(0, 50, near=38).text == "killed"          # "was renamed in 2006, as Apple began": before
    assert ms.main(0, 50, near=0).text == "killed"
    assert ms.main(0, 18, near=0).text == "said"
    assert ms.main(0, 50, near=0, skip=((20, 45),)).text == "said"
    assert ms.main(5, 9, near=0) is None


# ------------------------------------------------------------------------------------------------ bad input

def test_a_document_with_no_sentences_gives_the_dated_events_and_a_note():
    body = "On Oct. 23 " + "word " * 4000          # 20 KB and no sentence end: the model does not read it
    doc = article(body)
    timexes = [Timex(doc.body_start + 3, doc.body_start + 10, "Oct. 23", "DATE", "2015-10-23")]
    events, note = events_and_note(doc, timexes)
    assert [e.value for e in events if e.kind != "publication"] == ["2015-10-23"]
    assert "could not read" in note and all(e.trigger == "" for e in events)
    result = tagged(doc)
    assert any("could not read" in n for n in result.document.notes)


def test_readable_wants_real_sentences():
    assert readable([(0, 40), (41, 90)], 90)
    assert not readable([(0, 1500), (1500, 3000)], 3000)
    assert not readable([], 0)


def _language_with_a_model(tmp_path: Path, monkeypatch, data: bytes | None) -> str:
    folder = tmp_path / "xx"
    shutil.copytree(lang.folder("en"), folder, ignore=shutil.ignore_patterns("models"))
    (folder / "models").mkdir()
    if data is not None:
        (folder / "models" / "events.npz").write_bytes(data)
    monkeypatch.setitem(lang._registered, "xx", folder)
    monkeypatch.setattr(lang, "_found", {})
    anchor_module.has_model.cache_clear()
    monkeypatch.setattr(mentions_module, "_loaded", {})
    return "xx"


@pytest.mark.parametrize("data", [None, b"not a zip file"], ids=["missing", "corrupt"])
def test_a_missing_or_corrupt_model_is_one_message_at_start_up(tmp_path, monkeypatch, capsys, data):
    code = _language_with_a_model(tmp_path, monkeypatch, data)
    with pytest.raises(mentions_module.EventModelError, match="event model"):
        timeline.build([str(SEED)], lang=code)
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--lang", code, "--out", str(out), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("event model") == 1 and not (out / "events.csv").exists()
    anchor_module.has_model.cache_clear()


def test_a_language_without_a_models_folder_has_rows_without_triggers(tmp_path, monkeypatch):
    folder = tmp_path / "xx"
    shutil.copytree(lang.folder("en"), folder, ignore=shutil.ignore_patterns("models"))
    monkeypatch.setitem(lang._registered, "xx", folder)
    monkeypatch.setattr(lang, "_found", {})
    anchor_module.has_model.cache_clear()
    doc = article("Prices rose on Oct. 23.")
    start = doc.text.index("Oct. 23")
    events = extract_events(doc, [Timex(start, start + 7, "Oct. 23", "DATE", "2015-10-23")], lang="xx")
    assert [e.trigger for e in events] == ["", ""]
    anchor_module.has_model.cache_clear()


# ------------------------------------------------------------------------------------------------ anchors

def _tml(body: str, dct: str = "2008-01-09") -> str:
    return (f'<?xml version="1.0"?>\n<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" '
            f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT><TEXT>{body}</TEXT></TimeML>\n')


DATELINE = ('<s id="1">January 09 , 2008</s><s id="2">The European Commission has forced Apple to lower its '
            'prices .</s><s id="3">Apple <EVENT eid="e1" class="REPORTING">announced</EVENT> the change this '
            'morning .</s>')


def test_tml_sentences_are_kept_apart_by_a_newline_and_offsets_follow():
    from timeline.sources.timeml import parse_timeml

    doc = parse_timeml(_tml(DATELINE))
    assert doc.text.startswith("January 09 , 2008\nThe European Commission")
    assert [(i, doc.text[s:e]) for i, s, e in doc.sentences][0] == ("1", "January 09 , 2008")
    (event,) = doc.events
    assert doc.text[event.start:event.end] == "announced" and (event.cls, event.eid) == ("REPORTING", "e1")


def _build_tml(tmp_path: Path, body: str, **options):
    path = tmp_path / "d1.tml"
    path.write_text(_tml(body), encoding="utf-8")
    return timeline.build([str(path)], **options).events


def test_a_dateline_dates_the_lead_and_is_no_event_of_its_own(tmp_path):
    df = _build_tml(tmp_path, DATELINE)
    assert "January 09 , 2008" not in set(df.phrase)
    lead = df[df.trigger == "forced"].iloc[0]
    assert (lead.start, lead.anchor) == ("2008-01-09", "sentence")
    assert "January" not in lead.event_text


def test_events_from_input_takes_the_event_elements(tmp_path):
    df = _build_tml(tmp_path, DATELINE, events_from_input=True)
    assert set(df.trigger.dropna()) == {"announced"}          # "forced" is not an EVENT of the file
    detected = _build_tml(tmp_path, DATELINE)
    assert "forced" in set(detected.trigger.dropna())


def test_a_present_perfect_in_the_lead_is_news_of_the_publication_day():
    (e,) = rows(article("The company has sold its last factory to a rival."))
    assert (e.anchor, e.start, e.trigger, e.phrase) == ("dct", dt.date(2015, 11, 12), "sold", "")


def test_a_simple_past_after_a_dated_sentence_takes_its_date():
    evs = rows(article("On Monday, police arrested two men in Leeds. They charged them with theft."))
    assert [(e.trigger, e.anchor, e.start) for e in evs] == [
        ("arrested", "timex", dt.date(2015, 11, 9)), ("charged", "sentence", dt.date(2015, 11, 9))]


def test_a_generic_present_is_not_dated_by_the_sentence_before():
    evs = rows(article("On Monday, police arrested two men in Leeds.\n\nThe unit plays a key role in the city."))
    assert [e.trigger for e in evs] == ["arrested"]


def test_every_event_with_events_all_the_undated_with_anchor_none(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A story\n\nPublished 12.11.2015 14:12\n\nOn Monday, police arrested two men.\n\n"
                     "The unit plays a key role in the city.\n", encoding="utf-8")
    dated = timeline.build([str(story)]).events
    every = timeline.build([str(story)], events="all").events
    assert "plays" not in set(dated.trigger.dropna())
    row = every[every.trigger == "plays"].iloc[0]
    assert row.anchor == "none" and row.start is pd.NA and row.end is pd.NA
    out = tmp_path / "out"
    assert main(["build", str(story), "--events", "all", "--out", str(out), "--quiet"]) == 0
    csv = pd.read_csv(out / "events.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "none" in set(csv.anchor) and (out / "timeline.png").stat().st_size > 0


def test_events_takes_dated_or_all():
    from timeline.pipeline.options import Options, OptionsError

    assert Options(events="all").events == "all"
    with pytest.raises(OptionsError, match="events: 'some'"):
        Options(events="some")


# ------------------------------------------------------------------------------------------------ TimeML out

def test_tag_timeml_writes_an_event_element_around_each_mention(tmp_path, capsys):
    from timeline.sources.timeml import parse_timeml

    text = "On Wednesday, the agency said four soldiers were killed in Syria.\n"
    src = tmp_path / "t.txt"
    src.write_text(text, encoding="utf-8")
    assert main(["tag", str(src), "--dct", "2015-11-12", "--format", "timeml"]) == 0
    out = capsys.readouterr().out
    assert '<EVENT eid="e1" class="REPORTING">said</EVENT>' in out
    assert '<EVENT eid="e2" class="OCCURRENCE">killed</EVENT>' in out
    doc = parse_timeml(out)
    assert doc.text == text and [e.text for e in doc.events] == ["said", "killed"]
    assert [t.text for t in doc.timexes] == ["Wednesday"]


def test_the_timeml_profile_has_the_events_too(tmp_path):
    from timeline.sources.timeml import read_timeml

    tl = timeline.build([str(SEED)], keep_texts=True)
    (path,) = tl.write(tmp_path, formats=["timeml"], chart=False)
    doc = read_timeml(path)
    assert doc.text == SEED.read_text(encoding="utf-8")
    assert {"killed", "said", "began"} <= {e.text for e in doc.events} and len(doc.timexes) == 5
    assert all(doc.text[e.start:e.end] == e.text for e in doc.events)


def test_an_event_overlapping_a_timex_is_left_out():
    from timeline.export.timeml import to_timeml

    out = to_timeml("the summer of 2015 was hot", [Timex(4, 18, "summer of 2015", "DATE", "2015-SU")],
                    events=[Trigger(4, 10, "summer", "STATE"), Trigger(23, 26, "hot", "STATE")])
    assert out.count("<EVENT") == 1 and '<EVENT eid="e1" class="STATE">hot</EVENT>' in out


def test_events_all_gives_every_mention_a_row_dated_as_its_clause():
    doc = article("On Monday, police arrested two men after a raid.")
    every = [e for e in tagged_all(doc) if e.kind != "publication"]
    by_trigger = {e.trigger: e for e in every}
    assert {"arrested", "raid"} <= set(by_trigger)
    assert by_trigger["raid"].start == by_trigger["arrested"].start == dt.date(2015, 11, 9)
    assert [e.trigger for e in rows(doc)] == ["arrested"]         # the default: one row per happening


def tagged_all(doc: Document):
    from timeline.pipeline.work import process_document

    return process_document(doc, every=True).events


def test_a_week_after_the_merger_is_dated_from_the_merger():
    (merged, cut) = rows(article("The two banks merged on March 3. A week after the merger, the new bank cut 500 jobs."))
    assert (merged.trigger, merged.start) == ("merged", dt.date(2015, 3, 3))
    assert (cut.trigger, cut.anchor, cut.start, cut.phrase) == ("cut", "event", dt.date(2015, 3, 10),
                                                                 "A week after the merger")
    assert cut.headline == "The new bank cut 500 jobs"


def test_months_before_an_event_dated_to_the_month_keep_the_month():
    (_, reopened) = rows(article("Militants attacked the airport in May. Three months after the attack, the "
                                 "airport reopened."))
    assert (reopened.start, reopened.end, reopened.precision) == (dt.date(2015, 8, 1), dt.date(2015, 8, 31), "month")


def test_before_an_event_with_no_date_is_no_date_and_not_the_sentence_before():
    evs = rows(article("Police arrested two men on Monday. Two days before the vote, the party changed its leader."))
    assert [e.trigger for e in evs] == ["arrested"]


def test_same_happening_and_shifted_dates():
    from timeline.events.anchor import Dated, _same_happening, _shifted

    assert _same_happening("merger", "merged") and _same_happening("vote", "voted")
    assert not _same_happening("annual", "announced") and not _same_happening("war", "ward")
    day = Dated(dt.date(2015, 1, 31), dt.date(2015, 1, 31), "day", "2015-01-31", "2015-01-31", 0)
    assert _shifted(day, 2, "D", -1).start == dt.date(2015, 1, 29)
    assert _shifted(day, 1, "M", 1).precision == "month"            # Feb. 31 does not exist: the month
    year = Dated(dt.date(2011, 1, 1), dt.date(2011, 12, 31), "year", "2011", "2011", 0)
    assert _shifted(year, 2, "Y", 1).value == "2013" and _shifted(year, 3, "D", 1) is None


def test_a_year_after_launching_in_a_quote_is_not_the_launch_of_the_text():
    evs = rows(article('Apple today launched a new phone. Jobs said that "one year after launching the first '
                       'phone, we are launching this one."'))
    assert all(e.start == dt.date(2015, 11, 12) for e in evs)


def test_events_all_other_mentions_share_only_a_date_their_clause_gives():
    every = [e for e in tagged_all(article("The company has sold its plant after a long strike."))
             if e.kind != "publication"]
    by_trigger = {e.trigger: e for e in every}
    assert by_trigger["sold"].anchor == "dct"
    assert by_trigger["strike"].anchor == "none" and by_trigger["strike"].start is None
