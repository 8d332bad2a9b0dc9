"""The trigger and prefix-tree machinery works on any Unicode letters (:mod:`timeline.tagger.scan`): the trigger
word of "März" is "märz" (it was "rz"), of "Mär." "mär" (it was "m"), "übermorgen" is a trigger word (it was
refused), and case folding keeps offsets while equating what ``re.IGNORECASE`` equates."""
from __future__ import annotations

import re
import sys

import pytest

from timeline import lang
from timeline.tagger.scan import regexes, triggers


@pytest.mark.parametrize("entry, word", [("März", "märz"), ("Mär.", "mär"), ("MÄRZ", "märz"),
                                         ("Übermorgen", "übermorgen"), ("Oct.", "oct"), ("New Year's Day", "year"),
                                         ("İstanbul", "istanbul"), ("Σεπτέμβριος", "σεπτέμβριοσ")])    # final sigma folds
def test_the_trigger_word_of_an_entry_is_its_longest_run_of_letters(entry, word):
    assert triggers._entry_word(entry) == word


def test_a_trigger_word_may_hold_any_letters(tmp_path):
    (tmp_path / triggers.TRIGGERS_FILE).write_text("# FORMAT: rule<TAB>triggers<TAB>groups\n"
                                                   "deictic\tübermorgen morgen\td\n", encoding="utf-8")
    lang.register("tmp_unicode_triggers", tmp_path)
    assert triggers.read_triggers(lang.folder("tmp_unicode_triggers")) == {"deictic": (("übermorgen", "morgen"),
                                                                                       ("d",))}


def test_a_trigger_word_must_be_in_lower_case(tmp_path):
    (tmp_path / triggers.TRIGGERS_FILE).write_text("# FORMAT: rule<TAB>triggers<TAB>groups\n"
                                                   "deictic\tÜbermorgen\td\n", encoding="utf-8")
    with pytest.raises(triggers.TriggerError, match="not a lower-case word"):
        triggers.read_triggers(tmp_path)


def test_a_scan_finds_non_ascii_triggers_in_any_case():
    rules = (("month", re.compile(r"\b(?:märz|mär\.)", re.IGNORECASE)),)
    plan = triggers.Plan(names=("month",), words=(frozenset({"mär"}),), digits=(None,), widths=(8,),
                         befores=(0,), afters=(8,), spaced=(False,),
                         trie=re.compile(regexes.trie_alternation(["mär"], ignore_case=False)),
                         rules_at={"mär": (0,)}, digit_rules=())
    text = "am 3. März, am 4. MÄRZ und am 5. Mär. 2015, İ"
    scan = triggers.Scan(text, plan)
    assert [text[s:e] for s, e, _, _ in scan.triggers[0]] == ["Mär", "MÄR", "Mär"]
    assert [m.group() for m in scan.finditer(0, rules[0][1])] == ["März", "MÄRZ", "Mär."]


def test_the_prefix_tree_of_non_ascii_words_is_a_tree_with_the_matches_of_the_list():
    words = ["März", "Mär.", "Mai", "MÄRZ", "übermorgen", "Übermorgen", "morgen"]
    tree = regexes.trie_alternation(words)
    assert tree.count("|") < regexes.alternation(words).count("|")        # shared prefixes: a tree
    flat = re.compile(regexes.alternation(words), re.IGNORECASE)
    shaped = re.compile(tree, re.IGNORECASE)
    for text in ["am 3. März", "MÄRZ", "mär. x", "ÜBERMORGEN früh", "übermorgenabend", "Morgen", "Mai"]:
        assert [m.span() for m in shaped.finditer(text)] == [m.span() for m in flat.finditer(text)], text


def _cased_code_points():
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if ch.lower() != ch or ch.upper() != ch or code in regexes.FOLD:
            yield ch


def test_case_folding_keeps_length_and_equates_what_ignorecase_equates():
    """For every cased character x: fold_case(x) is one character, and x matches a character c under
    re.IGNORECASE exactly when both fold to the same one (c ranging over x's case partners and its class)."""
    cased = list(_cased_code_points())
    by_fold: dict[str, list[str]] = {}
    for ch in cased:
        folded = regexes.fold_case(ch)
        assert len(folded) == 1, hex(ord(ch))
        by_fold.setdefault(folded, []).append(ch)
    for ch in cased:
        pattern = re.compile(re.escape(ch), re.IGNORECASE)
        partners = set(by_fold[regexes.fold_case(ch)]) | {c for c in (ch.lower(), ch.upper(), ch.title())
                                                            if len(c) == 1}
        for other in partners:
            same = regexes.fold_case(other) == regexes.fold_case(ch)
            assert bool(pattern.fullmatch(other)) == same, (hex(ord(ch)), hex(ord(other)))
