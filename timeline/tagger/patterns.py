"""Regular-expression building blocks for the recognizer, built once from the lexicon.

Every pattern is compiled with IGNORECASE; month and weekday names are wrapped in ``(?-i:...)`` so that only
capitalized forms match ("May" the month, never "may" the verb). No pattern nests unbounded repetitions, so
matching stays linear in the length of the text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from timeline.lang.lexicon import Lexicon, load
from timeline.tagger.scan.regexes import trie_alternation, with_first_characters


def _cased(words) -> str:
    """Case-sensitive alternation of Capitalized and UPPER-CASE forms."""
    forms = set()
    for w in words:
        forms.add(w)
        forms.add(w.upper())
    return "(?-i:" + trie_alternation(forms, ignore_case=False) + ")"


@dataclass(frozen=True)
class Blocks:
    month: str          # any month name or abbreviation
    month_full: str     # month names and dotted abbreviations (safe to match alone)
    weekday: str
    weekday_full: str
    cardinal: str       # number in words or digits
    vague_num: str
    ordinal_word: str
    unit: str
    unit_plural: str
    season: str
    pod: str            # part of day word
    holiday: str
    vague: str
    amount_mod: str
    point_mod: str


@functools.lru_cache(maxsize=4)
def blocks(directory: str | None = None) -> Blocks:
    lex: Lexicon = load(directory)
    full = [m for m in lex.months if len(m) > 3 or m.endswith(".") or m in ("May", "June", "July")]
    ones = [w for w, (v, k) in lex.numbers.items() if k == "cardinal" and isinstance(v, int) and v < 10
            and " " not in w and w not in ("a", "an", "another")]
    cardinals = [w for w, (v, k) in lex.numbers.items() if k == "cardinal"]
    tens = [w for w, (v, k) in lex.numbers.items() if k == "tens"]
    word_number = (f"(?:{trie_alternation(tens)}(?:[\\s-]{trie_alternation(ones)})?|{trie_alternation(cardinals)})")
    cardinal = rf"(?:(?<![\d,/])(?:\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d{{1,4}}(?![\d,]))(?:\.\d{{1,2}})?(?:[\s-]1/2)?|{word_number}(?:\s+and\s+a\s+half)?)"
    ordinals = [w for w, (v, k) in lex.numbers.items() if k == "ordinal" and v != -1]
    units = list(lex.units)
    plural = [u for u in units if u.endswith("s") or u in ("centuries", "millennia")]
    return Blocks(
        month=_cased(lex.months),
        month_full=_cased(full),
        weekday=_cased(lex.weekdays),
        weekday_full=_cased([w for w in lex.weekdays if not w.endswith(".")]),
        cardinal=cardinal,
        vague_num=trie_alternation([w for w, (v, k) in lex.numbers.items() if k == "vague"]),
        ordinal_word=trie_alternation(ordinals),
        unit=trie_alternation(units),
        unit_plural=trie_alternation(plural),
        season=trie_alternation(lex.seasons),
        pod=trie_alternation([p for p, c in lex.parts_of_day.items() if ":" not in c]),
        holiday="(?-i:" + trie_alternation(lex.holidays, ignore_case=False) + ")",
        vague=trie_alternation(lex.vague),
        amount_mod=trie_alternation([m for m, (_, pos) in lex.modifiers.items() if pos == "amount"]),
        point_mod=trie_alternation([m for m, (_, pos) in lex.modifiers.items() if pos == "point"]),
    )


def expand(template: str, directory: str | None = None) -> str:
    """``template`` with ``<<month>>``, ``<<weekday>>``, ... replaced by the lexicon's blocks."""
    b = blocks(directory).__dict__
    return re.sub(r"<<(\w+)>>", lambda m: b[m.group(1)], template)


def compile_pattern(template: str, directory: str | None = None) -> re.Pattern:
    """Compile ``template`` (expanded, behind its first-character lookahead) with IGNORECASE."""
    return re.compile(with_first_characters(expand(template, directory)), re.IGNORECASE)
