"""The recognizer's patterns are reshaped for speed (prefix-tree alternations, a first-character lookahead);
the reshaped patterns must find exactly what the plain ones find."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from timeline.lang.lexicon import load
from timeline.tagger.patterns import expand
from timeline.tagger.recognize import compiled_rules
from timeline.tagger.scan.regexes import alternation, first_characters, trie_alternation, with_first_characters

WORDS = st.lists(st.text(alphabet="abcAB .'-", min_size=1, max_size=6).map(str.strip).filter(bool),
                 min_size=1, max_size=12)
TEXT = st.text(alphabet="abcAB .'-\n", max_size=80)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(WORDS, TEXT, st.booleans())
def test_trie_alternation_matches_like_the_longest_first_list(words, text, ignore_case):
    flags = re.IGNORECASE if ignore_case else 0
    # the alternation is followed by more pattern, so a shorter word must be tried when the longer one fails
    for tail in ("", r"\b", "a", r"(?=\s)"):
        flat = re.compile(alternation(words) + tail, flags)
        tree = re.compile(trie_alternation(words, ignore_case=ignore_case) + tail, flags)
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in tree.finditer(text)], tail


def test_trie_alternation_of_the_lexicon_shares_prefixes():
    units = trie_alternation(load().units)
    assert "|".join(sorted(load().units)) not in units
    assert re.fullmatch(units, "Months", re.IGNORECASE) and re.fullmatch(units, "day", re.IGNORECASE)
    assert not re.fullmatch(units, "mon", re.IGNORECASE)


def test_first_characters_of_simple_patterns():
    assert first_characters(r"\b(?:the\s+)?\d+") == r"[t\d]"
    assert first_characters(r"(?<![\d,])(?P<y>\d{4})") == r"[\d]"
    assert first_characters(r"(?:a|b)?c") == "[abc]"
    assert first_characters(r"\w*") is None              # can match empty
    assert first_characters(r"[^x]y") is None            # any character but one: no restriction
    assert first_characters(r"(?P<a>x)(?P=a)") == "[x]"
    assert with_first_characters(r".y") == r".y"
    # a case-sensitive pattern (flags 0) with an inline ignore-case part: no class that would drop a case
    assert first_characters(r"(?i)may", 0) is None and first_characters(r"(?i:may)\b", 0) is None
    assert re.search(with_first_characters(r"(?i:may)\b", 0), "MAY") is not None
    assert first_characters(r"May", 0) == "[M]"


RULE_TEXT = st.lists(st.sampled_from(list("0123456789 ,.-/:'") + [
    "the ", "last ", "next ", "Oct. ", "May ", "may ", "Monday ", "two ", "three ", "years ", "days ", "ago ",
    "earlier ", "a ", "week ", "the past ", "1990s ", "1999 ", "2015 ", "Jan ", "p.m. ", "noon ", "about ",
    "quarter ", "fiscal ", "summer ", "Christmas ", "every ", "recently ", "now ", "AD ", "the end of ",
    "mid-", "century ", "twenty-", "five ", "morning ", "tonight ", "day ", "hours ", "month "]),
                     max_size=12).map("".join)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(RULE_TEXT, min_size=1, max_size=30).map("".join))
def test_every_rule_with_its_lookahead_matches_as_without(text):
    for rule in compiled_rules():
        plain = re.compile(expand(rule.rule.template), re.IGNORECASE)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in rule.regex.finditer(text)], \
            rule.rule.name


END_TEXT = st.lists(st.sampled_from([
    "since ", "the ", "beginning ", "war ", "began ", "broke out ", "in ", "on ", "during ", "until ", "between ",
    "from ", "around ", "about ", "back in ", "early ", "said", ", ", ".", "  ", "\n", "Fars ", "quoted ",
    "officials said ", "it ", "x" * 30, "-", "'s ", "ever since ", "said. ", "told reporters "]),
    max_size=40).map("".join)


def _end_patterns():
    from timeline.events.signals import signals
    from timeline.events.text import text_analysis
    sig, headlines = signals("en"), text_analysis("en").headline_rules
    patterns = [sig.signal_patterns[role] for role in ("since", "until", "between", "from")]
    patterns.append((sig.approximate, sig.approximate_reach))
    patterns += [(sig.since_verb, sig.verb_reach), (sig.verb, sig.verb_reach), (sig.preposition_end, 3)]
    return patterns + [headlines.preposition_before, headlines.attribution_end]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(END_TEXT, st.integers(0, 20))
def test_search_end_finds_what_a_whole_search_finds(text, cut):
    """The end-anchored patterns of the events stage, searched over their last words only, give the same
    match (span and groups) as a search of the whole text, also with pos/endpos."""
    from timeline.tagger.scan.regexes import search_end
    for pattern, reach in _end_patterns():
        for pos, end in ((0, len(text)), (min(cut, len(text)), len(text)), (0, max(0, len(text) - cut))):
            whole, tail = pattern.search(text, pos, end), search_end(pattern, text, reach, pos, end)
            assert (whole and (whole.span(), whole.groupdict())) == (tail and (tail.span(), tail.groupdict())), \
                (pattern.pattern[:60], text, pos, end)
