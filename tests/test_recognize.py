"""Recognition on its own: spans and partial values, never the DCT; the vocabulary files are validated."""
from __future__ import annotations

import inspect
import time

import pytest

from timeline.lang import lexicon
from timeline.tagger import recognize as recognize_module
from timeline.lang.lexicon import LexiconError, read_table
from timeline.tagger.recognize import recognize


def only(text):
    found = recognize(text)
    assert len(found) == 1, found
    return found[0]


def test_recognize_takes_no_dct():
    assert list(inspect.signature(recognize).parameters) == ["text", "lang"]


def test_bare_weekday_is_underspecified():
    m = only("On Wednesday, the agency said")
    assert (m.text, m.type, m.partial.weekday, m.partial.year) == ("Wednesday", "DATE", 3, None)


def test_month_day_without_year_keeps_year_open():
    m = only("On Oct. 23, Fars News Agency had quoted")
    assert (m.text, m.partial.month, m.partial.day, m.partial.year) == ("Oct. 23", 10, 23, None)


def test_yesterday_is_an_offset_from_the_dct():
    m = only("He said yesterday that")
    assert m.partial.offset == ("day", -1) and m.partial.anchor == "dct"


def test_the_day_before_is_anaphoric():
    m = only("Talks had failed the day before.")
    assert m.partial.offset == ("day", -1) and m.partial.anchor == "ref"


def test_duration_value_is_fixed_by_the_recognizer():
    m = only("Prices doubled in the past three years.")
    assert (m.text, m.type, m.partial.value) == ("the past three years", "DURATION", "P3Y")


def test_modifier_is_kept():
    m = only("Troops arrived in early October.")
    assert (m.text, m.partial.mod, m.partial.month) == ("early October", "START", 10)


@pytest.mark.parametrize("text", ["You may go.", "It is the second time.", "Over 1,200 soldiers died.",
                                  "Some 2,011 people voted.", "It was dated Feb. 30.", "He met Jan Kavan.",
                                  "in the latest incident", "Mr. Reupke, 52 years old, retired."])
def test_known_false_positives_are_not_recognized(text):
    assert recognize(text) == []


def test_possessive_weekday_is_a_date_without_the_s():
    assert only("Friday's meeting was cancelled.").text == "Friday"


def test_spans_are_sorted_non_overlapping_and_exact():
    text = "On Monday, Oct. 26, 1998, a year after the 1997 vote and two days before Friday, prices rose 5%."
    found = recognize(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def _seconds(text):
    """CPU seconds of recognizing ``text``, the best of three (other processes on the machine neither add to
    CPU time nor, with the best of three, to a cache-cold first run)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        recognize(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("word", ["Monday", "early", "Oct. 23", "the", "1998", "about two", "May", "this"])
@pytest.mark.parametrize("shape", ["repeat-spaces", "repeat-comma", "repeat-dash", "tail-spaces", "tail-commas"])
def test_recognition_time_is_linear(word, shape):
    """No rule backtracks catastrophically: four times the text takes about four times as long."""
    def build(n):
        kind, sep = shape.split("-")
        sep = {"spaces": " " * 40, "comma": ", ", "dash": "-", "commas": " ,"}[sep]
        return (word + sep) * n if kind == "repeat" else word + sep * n
    small, big = _seconds(build(150)), _seconds(build(600))
    assert big < 8 * small + 0.05


def test_lexicon_loads_and_knows_abbreviations():
    lex = lexicon.load()
    assert lex.month("Oct.") == 10 and lex.month("Sept.") == 9 and lex.weekday("Thursday") == 4
    assert lex.number("twenty-four") == 24 and lex.number("a few") == "X"


def write(tmp_path, name, body):
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_lexicon_rejects_a_duplicated_pattern(tmp_path):
    write(tmp_path, "m.tsv", "# FORMAT: name<TAB>n\nMay\t5\nMay\t5\n")
    with pytest.raises(LexiconError, match="duplicated"):
        read_table("m.tsv", 2, directory=tmp_path)


def test_lexicon_rejects_an_empty_pattern(tmp_path):
    write(tmp_path, "m.tsv", "# FORMAT: name<TAB>n\n\t5\n")
    with pytest.raises(LexiconError, match="non-empty"):
        read_table("m.tsv", 2, directory=tmp_path)


def test_lexicon_requires_a_format_header(tmp_path):
    write(tmp_path, "m.tsv", "May\t5\n")
    with pytest.raises(LexiconError, match="FORMAT"):
        read_table("m.tsv", 2, directory=tmp_path)


def test_every_resource_file_opens_with_its_format():
    for path in sorted(lexicon.RESOURCES.glob("*.tsv")):
        assert path.read_text(encoding="utf-8").startswith("# FORMAT:"), path.name


def test_every_rule_has_an_example_it_matches():
    for compiled in recognize_module.compiled_rules():
        assert compiled.rule.example, compiled.rule.name
        assert compiled.regex.search(compiled.rule.example), compiled.rule.name
