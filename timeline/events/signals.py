"""The patterns the events stage dates with, built once per language from its words (:mod:`timeline.events.words`).

Takes an :class:`~timeline.events.words.EventWords` and gives :class:`Signals`: what may stand between the two
ends of an interval ("between A and B", "from A to B", "A - B"), a signal right before an expression ("since",
"until", "around"), "since X began in", the anchor phrases ("since the beginning of X"), and what starts a new
clause. Each pattern is a template whose slots (``{article}``, ``{since}`` ...) the language's words fill.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from timeline.events.words import EventWords, event_words, one_of
from timeline.lang import DEFAULT
from timeline.tagger.scan.regexes import alternation, search_end, words_in

_SIGNAL_ROLES = ("since", "until", "between", "from")



@dataclass(frozen=True)
class Signals:
    """The events stage's patterns in one language (each ``*_reach``: the words a match of its pattern can touch,
    for :func:`~timeline.tagger.scan.regexes.search_end`)."""

    words: EventWords
    dash_gap: re.Pattern            # what may stand between the two ends of an interval: a dash,
    and_gap: re.Pattern             # "and" (after "between"),
    to_gap: re.Pattern              # "to" (after "from")
    approximate: re.Pattern         # "around", "about" ... right before an expression
    approximate_reach: int
    side_by_side: re.Pattern        # between two expressions that are one date ("Wednesday, Nov. 11")
    preposition_end: re.Pattern     # what both verb patterns end with ("in the"): a cheap test first
    since_verb: re.Pattern          # "since X began in" before an expression
    verb: re.Pattern                # "X began in" before an expression
    verb_reach: int                 # signal, six words, verb, "in the", one partial word
    day_range: re.Pattern           # "-5" after a day ("Nov. 3-5"), not a time ("3-5 p.m.")
    year_range: re.Pattern          # "-2003" after a year
    anchors: tuple[tuple[re.Pattern, str], ...]     # (pattern, boundary) of each "since the beginning of X"
    any_anchor: re.Pattern          # any anchor phrase: a sentence without one needs no anchor pattern
    new_clause: re.Pattern          # what starts a new clause between two dated parts
    boundary: dict[str, str]        # boundary verb -> start | end
    signal_patterns: dict[str, tuple[re.Pattern, int]] = field(default_factory=dict)   # role -> (pattern, reach)

    def signal_before(self, role: str, before: str):
        """"since", "until" ... (and "the") right before an expression: the match at the end of ``before``."""
        pattern, reach = self.signal_patterns[role]
        return search_end(pattern, before, reach)

    def happening_words(self, s: str) -> set[str]:
        """The words of ``s`` that name a happening (lower case, no determiner, no possessive, 3+ letters)."""
        possessive = tuple(self.words.word("possessive"))
        found = {w.lower() for w in re.findall(r"[\w'’-]+", s) if len(w) > 2 and not w.endswith(possessive)}
        return found - self.words.word("determiner")

    def happening_classes(self, found: set[str]) -> set[str]:
        """The classes of happening (``events_happenings.tsv``) of the words ``found``."""
        happenings = self.words.happenings
        return {happenings[w] for w in found if w in happenings}


def build(words: EventWords) -> Signals:
    """The :class:`Signals` of ``words`` (see the module doc)."""
    def signals(role: str) -> str:
        return one_of(words.signal(role))

    article = one_of(words.word("article"))
    verbs = [v for v, _ in words.boundary_verbs]
    prepositions = one_of(words.word("boundary_preposition"))
    np_verb = (rf"(?P<np>(?:[\w'’-]+\s+){{1,6}}?)(?P<verb>{one_of(verbs)})\s+(?:{prepositions})\s+"
               rf"(?:{article}\s+)?$")
    np_end = one_of(words.word("np_end"))
    meridiem = one_of(words.word("meridiem"))
    signal_patterns = {
        role: (re.compile(rf"\b(?:{signals(role)})\s+(?:{article}\s+)?$", re.I), words_in(words.signal(role)) + 2)
        for role in _SIGNAL_ROLES}
    return Signals(
        words=words,
        dash_gap=re.compile(rf"\s*(?:{signals('dash')})\s*"),
        and_gap=re.compile(rf"\s*(?:{signals('and')})\s+(?:{article}\s+)?", re.I),
        to_gap=re.compile(rf"\s*(?:{signals('to')})\s*(?:{article}\s+)?", re.I),
        approximate=re.compile(rf"(?<![\w.])(?:{signals('approximate')})\s+(?:{article}\s+)?$", re.I),
        approximate_reach=words_in(words.signal("approximate")) + 2,
        side_by_side=re.compile(rf"[\s,]*(?:(?:{one_of(words.word('side_by_side'))})\s+)?(?:{article}\s+)?"
                                rf"[\s,]*", re.I),
        preposition_end=re.compile(rf"(?:{prepositions})\s+(?:{article}\s+)?$", re.I),
        since_verb=re.compile(rf"\b(?:{signals('since')})\s+" + np_verb, re.I),
        verb=re.compile(np_verb.replace("{1,6}", "{1,4}"), re.I),
        verb_reach=words_in(words.signal("since")) + 6 + words_in(verbs) + 3,
        day_range=re.compile(rf"\s*[-–]\s*(\d{{1,2}})\b(?![-–:/.]\d|\s*{meridiem})"),
        year_range=re.compile(r"\s*[-–]\s*(\d{4})\b(?![-–/]\d)"),
        anchors=tuple((re.compile(rf"\b{alternation([phrase])}\s+(?P<np>[^,;.:!?\"“”()]{{2,80}}?)"
                                  rf"(?=\s*(?:[,;.:!?\"“”()]|$|\s(?:{np_end})\b))", re.I), boundary)
                      for phrase, boundary in words.anchors),
        any_anchor=re.compile(rf"\b{one_of([p for p, _ in words.anchors])}", re.I),
        new_clause=re.compile(rf";|\b(?:{one_of(words.word('conjunction') | words.word('sequence'))})\b", re.I),
        boundary=dict(words.boundary_verbs),
        signal_patterns=signal_patterns,
    )


@functools.lru_cache(maxsize=None)
def signals_of(words: EventWords) -> Signals:
    """The :class:`Signals` of ``words``, built once."""
    return build(words)


def signals(lang: str = DEFAULT) -> Signals:
    """The :class:`Signals` of language ``lang``, built once per language."""
    return signals_of(event_words(lang))
