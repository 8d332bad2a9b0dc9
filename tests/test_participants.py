"""Participants of events: entities found on the POS tags, aliases resolved inside an article (name forms,
acronyms, last names, pronouns, role nouns), and each event's arguments."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.events.participants import Analysis, attach
from timeline.model import Document, Event
from timeline.tagger import tag

DCT = dt.datetime(2010, 6, 8)


def analysis(text: str) -> Analysis:
    doc = Document(path="a.txt", title="", dct=DCT, text=text)
    return Analysis(doc, tag(text, DCT))


def refers(text: str) -> dict[str, str]:
    """Each mention's text -> the name of the entity it refers to."""
    an = analysis(text)
    return {text[m.start:m.end]: an.article.entities[m.entity].name for m in an.article.mentions}


def participants(text: str, trigger: str, nth: int = 0) -> tuple[str, ...]:
    an = analysis(text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    an.note_triggers([(start, start + len(trigger))])
    return an.of_trigger(start, start + len(trigger))


def test_a_parenthesised_acronym_is_the_name_before_it():
    found = refers("General Motors (GM) said on Monday that it would close a plant. GM shares fell.")
    assert found["GM"] == "General Motors" and found["General Motors"] == "General Motors"


def test_a_corporate_suffix_does_not_make_another_entity():
    an = analysis("Boeing Co. delivered a plane to Qantas. Boeing said the delivery was late.")
    assert [e.name for e in an.article.entities] == ["Boeing Co.", "Qantas"]
    assert "Boeing" in an.article.entities[0].aliases


def test_a_last_name_is_the_person_named_before():
    found = refers("Apple CEO Steve Jobs unveiled the phone. Jobs praised it.")
    assert found["Jobs"] == "Steve Jobs"
    an = analysis("Apple CEO Steve Jobs unveiled the phone. Jobs praised it.")
    assert next(e for e in an.article.entities if e.name == "Steve Jobs").kind == "person"


def test_a_title_is_dropped_and_makes_a_person_but_general_motors_stays_whole():
    found = refers("President Barack Obama met General Motors executives. He said the talks went well.")
    assert found["President Barack Obama"] == "Barack Obama"
    assert found["General Motors"] == "General Motors"
    assert found["He"] == "Barack Obama"


def test_it_refers_to_a_company_not_to_a_person():
    found = refers("Steve Jobs, the chief executive, spoke. Apple said it would ship the phone.")
    assert found["it"] == "Apple"


def test_a_role_noun_refers_to_the_entity_of_its_kind():
    found = refers("Boeing Co. delayed the 787 again. The planemaker blamed its suppliers.")
    assert found["The planemaker"] == "Boeing Co."


def test_a_role_noun_that_a_name_contains_refers_to_it():
    found = refers("Apple unveiled the iPhone 4 on Monday. The phone has two cameras.")
    assert found["The phone"] == "iPhone 4"


def test_a_bare_product_name_is_the_latest_model():
    found = refers("Apple unveiled the iPhone 4 on Monday. The new iPhone was praised.")
    assert found["iPhone"] == "iPhone 4"


def test_words_of_a_date_are_never_names():
    an = analysis("On June 8, 2010, Apple unveiled the phone.")
    assert [e.name for e in an.article.entities] == ["Apple"]


def test_subject_and_object_of_a_verb():
    assert participants("Yesterday, company CEO Steve Jobs unveiled iPhone 4, along with iOS 4.",
                        "unveiled") == ("Steve Jobs", "iPhone 4", "iOS 4")


def test_the_subject_reaches_over_other_verbs():
    text = "Steve Jobs spoke. Jobs started by hinting at the incident, saying nothing."
    an = analysis(text)
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("started", "hinting", "saying")]
    an.note_triggers(spans)
    assert an.of_trigger(*spans[2]) == ("Steve Jobs",)


def test_the_object_stops_at_the_next_event_verb():
    text = "Apple sued Cisco and Microsoft bought Nokia."
    an = analysis(text)
    sued, bought = text.index("sued"), text.index("bought")
    an.note_triggers([(sued, sued + 4), (bought, bought + 6)])
    assert an.of_trigger(sued, sued + 4) == ("Apple", "Cisco")
    assert an.of_trigger(bought, bought + 6) == ("Microsoft", "Nokia")


def test_a_pronoun_participant_is_named_as_its_entity():
    assert participants("Apple released the iPod in 2001. It sold well.", "sold") == ("iPod",)
    assert participants("Apple said on Monday that it would sell the iPod.", "sell") == ("Apple", "iPod")


def test_attach_fills_the_participants_of_rows_with_a_trigger():
    text = "Boeing Co. said on Monday it delayed the 787."
    doc = Document(path="a.txt", title="", dct=DCT, text=text)
    at = text.index("delayed")
    event = Event(DCT.date(), DCT.date(), "day", None, "", None, None, text, "", doc, trigger="delayed",
                  trigger_start=at, trigger_end=at + 7)
    events, an = attach(doc, tag(text, DCT), [event])
    assert events[0].participants == ("Boeing Co.",)
    assert an.aliases()["Boeing Co."] == ("Boeing Co.",)


def test_a_language_without_participants_words_gives_none(tmp_path):
    from timeline.events.entities import has_words

    assert has_words("en")
    with pytest.raises(Exception):
        from timeline.events.entities import load_words

        load_words(tmp_path)


def test_the_words_file_is_checked_when_loaded(tmp_path):
    from timeline.events.entities import load_words
    from timeline.lang.lexicon import LexiconError

    (tmp_path / "participants_words.tsv").write_text("# FORMAT: word<TAB>class\nInc.\tsuffix\nInc.\tsuffix\n")
    with pytest.raises(LexiconError, match="duplicated"):
        load_words(tmp_path)


def test_a_report_has_its_speaker_not_what_it_says():
    text = "Apple said the iPod would ship in May, said Jobs."
    an = analysis(text)
    said = text.index("said")
    second = text.index("said", said + 1)
    an.note_triggers([(said, said + 4), (second, second + 4)])
    assert an.of_trigger(said, said + 4, "REPORTING") == ("Apple",)
    assert an.of_trigger(said, said + 4) == ("Apple", "iPod")              # not a report: its objects too
    assert an.of_trigger(second, second + 4, "REPORTING") == ("Jobs",)
