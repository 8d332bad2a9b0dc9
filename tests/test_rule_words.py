"""The rule words are data (lang/<code>/rule_words.tsv, rule_patterns.tsv, tense_markers.tsv,
vague_exceptions.tsv), checked when loaded: an empty or duplicated entry, a malformed slot or pattern is an
error at load time, not a silent match-everything or a rule that never runs."""
from __future__ import annotations

import pytest

from timeline.lang.lexicon import LexiconError, load, read_patterns, read_words
from timeline.tagger import tense
from timeline.tagger.patterns import expand
from timeline.tagger.rules import vague

HEADER = "# FORMAT: test\n"


def write(tmp_path, name, body):
    (tmp_path / name).write_text(HEADER + body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("body, message", [
    ("relative\tlast\t-1\nrelative\tlast\t-1\n", "duplicated"),
    ("relative\tlast  \t-1\nrelative\tlast\t1\n", "duplicated"),
    ("relative\t\t-1\n", "non-empty"),
    ("relative\tlast\n", "non-empty"),
    ("Relative\tlast\t-1\n", "not a lower-case name"),
    ("relative\t-\t-\nrelative\tlast\t-1\n", "declared empty"),
    ("relative\tlast\t-1\nrelative\t-\t-\n", "declared empty"),
])
def test_a_bad_rule_word_table_is_an_error(tmp_path, body, message):
    with pytest.raises(LexiconError, match=message):
        read_words(write(tmp_path, "rule_words.tsv", body))


def test_rule_words_keep_their_case_for_cased_slots_and_match_in_any_case(tmp_path):
    words, written = read_words(write(tmp_path, "rule_words.tsv", "era\tB.C.\tBC\nera\tAD\tAD\nera\tad\tAD\n"))
    assert written["era"] == ("B.C.", "AD", "ad") and words["era"]["b.c."] == "BC"


@pytest.mark.parametrize("body, message", [("p\t(?:a|\n", "bad pattern"), ("p\tx?\n", "empty string"),
                                           ("p\tx\np\ty\n", "duplicated")])
def test_a_bad_rule_pattern_is_an_error(tmp_path, body, message):
    with pytest.raises(LexiconError, match=message):
        read_patterns(write(tmp_path, "rule_patterns.tsv", body))


def test_a_tense_marker_of_an_unknown_role_is_an_error(tmp_path):
    write(tmp_path, "tense_markers.tsv", "pasts\twords: said\n")
    with pytest.raises(LexiconError, match="unknown role 'pasts'"):
        tense._markers_of(tmp_path)


def test_a_bad_vague_exception_is_an_error(tmp_path):
    write(tmp_path, "vague_exceptions.tsv", "soon\tbefore\t4\tany\t\\bas\\s+$\n")
    lex = load()
    fake = type(lex)(**{**lex.__dict__, "folder": tmp_path, "cache": {}})
    with pytest.raises(LexiconError, match="bad row"):
        vague.exceptions(fake)


def test_english_fills_every_slot_of_its_templates():
    lex = load("en")
    assert expand(r"\b<<relative>>\s+<<year_word>>", lex) == r"\b(?:(?:last|next|this))\s+(?:year)"
    assert expand(r"<<era:cased>>", lex).startswith("(?-i:")
