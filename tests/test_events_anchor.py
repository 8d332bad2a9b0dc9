"""The events stage with the event detector: triggers, anchors, the model read once and what it cannot read."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

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


def test_main_prefers_a_finite_verb_then_the_nearest():
    ms = Mentions([Trigger(0, 4, "said", "REPORTING", "PAST", pos="VERB"),
                   Trigger(10, 16, "attack", "OCCURRENCE", pos="NOUN"),
                   Trigger(20, 26, "killed", "OCCURRENCE", "PAST", pos="VERB"),
                   Trigger(40, 44, "left", "OCCURRENCE", "PAST", pos="VERB")])
    assert ms.main(0, 50, near=38).text == "left"
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
