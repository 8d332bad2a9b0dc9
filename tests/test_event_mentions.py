"""timeline.events.mentions.detect: TimeML event mentions from plain text, with class and attributes."""
from __future__ import annotations

import time

import pytest

from timeline.errors import TimelineError
from timeline.events import mentions
from timeline.events.mentions import EventMention, EventModelError, detect
from timeline.lang import register

CLASSES = {"OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"}


def words(found):
    return [m.text for m in found]


def test_mentions_carry_offsets_into_the_text_and_a_timeml_class():
    text = "The company said on Monday that it had sold its plant after the attack."
    found = detect(text)
    assert found, "no event found"
    for m in found:
        assert isinstance(m, EventMention)
        assert text[m.start:m.end] == m.text
        assert m.cls in CLASSES
    assert [m.start for m in found] == sorted(m.start for m in found)
    by_word = {m.text: m for m in found}
    assert by_word["said"].cls == "REPORTING"
    assert by_word["sold"].cls == "OCCURRENCE"
    assert "attack" in by_word
    assert "company" not in by_word and "plant" not in by_word and "Monday" not in by_word


def test_tense_aspect_and_part_of_speech_follow_the_verb_group():
    by_word = {m.text: m for m in detect("He had sold the house before the war, and he will buy another one.")}
    assert (by_word["sold"].tense, by_word["sold"].aspect, by_word["sold"].pos) == ("PAST", "PERFECTIVE", "VERB")
    assert by_word["buy"].tense == "FUTURE"
    assert by_word["war"].pos == "NOUN"


def test_negation_gives_negative_polarity():
    by_word = {m.text: m for m in detect("The government did not approve the merger.")}
    assert by_word["approve"].polarity == "NEG"
    assert by_word["merger"].polarity == "POS"


def test_reporting_and_intensional_classes():
    by_word = {m.text: m for m in detect("Officials announced that they want to begin talks, analysts believe.")}
    assert by_word["announced"].cls == "REPORTING"
    assert by_word["begin"].cls == "ASPECTUAL"
    assert by_word["believe"].cls == "I_STATE"


@pytest.mark.parametrize("text", ["", "   \n\t ", "...!?", "12 34 5,000", "\x00\x01\ufeff"])
def test_text_without_words_gives_nothing(text):
    assert detect(text) == []


def test_non_english_text_returns_without_error():
    for text in ("Der Vertrag wurde am Montag unterzeichnet.", "Путин подписал указ в понедельник.",
                 "東京で地震が発生した。", "ﷺ" * 50):
        found = detect(text)
        assert all(text[m.start:m.end] == m.text for m in found)


def test_five_megabytes_on_one_line():
    text = ("the rebels attacked the town and officials said talks would resume " * 76000)[:5_000_000]
    found = detect(text)
    assert len(found) > 100_000
    assert text[found[-1].start:found[-1].end] == found[-1].text


def test_one_five_megabyte_word():
    text = "x" * 5_000_000
    assert all(m.text == text for m in detect(text))


def _cpu_per_kb(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        detect(text)
        best = min(best, time.process_time() - began)
    return best / (len(text) / 1024)


def test_time_per_kilobyte_does_not_grow_with_the_text():
    unit = ("Troops crossed the border on Tuesday, and the minister said the fighting had stopped. "
            "Prices rose 3.5% after the announcement; analysts expect further gains. ") * 200
    detect(unit * 16)                       # warm the per-type caches
    small = _cpu_per_kb(unit)
    large = _cpu_per_kb(unit * 16)
    assert large <= 2.0 * small + 1e-4, (small, large)


def test_model_loads_once_per_process():
    assert mentions.load("en") is mentions.load("en")


def test_missing_model_is_one_clear_error(tmp_path):
    register("xx-nomodel", tmp_path)
    with pytest.raises(EventModelError, match="not found"):
        detect("Some text.", lang="xx-nomodel")


def test_corrupt_model_is_one_clear_error(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "events.npz").write_bytes(b"PK\x03\x04 this is not a model")
    register("xx-corrupt", tmp_path)
    with pytest.raises(EventModelError, match="cannot be read") as info:
        detect("Some text.", lang="xx-corrupt")
    assert isinstance(info.value, TimelineError)


def test_truncated_model_is_one_clear_error(tmp_path):
    good = mentions.model_path("en").read_bytes()
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "events.npz").write_bytes(good[: len(good) // 2])
    register("xx-truncated", tmp_path)
    with pytest.raises(EventModelError):
        detect("Some text.", lang="xx-truncated")


def test_senses_give_the_hypernym_path_and_the_complement_frames():
    from timeline.events.senses import Senses

    table = "\n".join(["n\tmerger\tnoun.act,noun.event", "hn\tmerger\tentity,abstraction,psychological_feature,event,act",
                       "v\task\tverb.communication", "hv\task\tact,interact,communicate", "fv\task\t26,28",
                       "xv\tasked\task"])
    kinds = Senses(table).kinds("mergers")
    assert (kinds["nL"], kinds["n1"], kinds["nT2"], kinds["nT3"], kinds["nT4"]) == (
        "merger", "noun.act", "psychological_feature", "event", "act")
    assert "nT5" not in kinds and "nT1" not in kinds          # the path's top (entity, abstraction) says nothing
    kinds = Senses(table).kinds("asked")
    assert (kinds["vL"], kinds["vT0"], kinds["vT2"], kinds["vF26"], kinds["vF28"]) == (
        "ask", "act", "communicate", "", "")
    assert "vF24" not in kinds


def test_the_shipped_senses_table_has_paths_and_frames():
    senses = mentions.load("en").event.senses
    assert senses.kinds("acquisition")["nT3"] == "event"
    assert "vF28" in senses.kinds("sought")                    # Somebody ----s to INFINITIVE (I_ACTION verbs)
