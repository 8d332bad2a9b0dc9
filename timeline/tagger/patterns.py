"""Regular-expression building blocks for the recognizer, built once from the lexicon.

Every pattern is compiled with IGNORECASE; month and weekday names are wrapped in ``(?-i:...)`` so that only
capitalized forms match ("May" the month, never "may" the verb). No pattern nests unbounded repetitions, so
matching stays linear in the length of the text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from timeline.lang import DEFAULT
from timeline.lang.lexicon import RULE_WORDS, Lexicon, LexiconError, load
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


def blocks(lang: str | Lexicon = DEFAULT) -> Blocks:
    """The vocabulary blocks of language ``lang`` (a code, or its lexicon), built once per language folder."""
    return _blocks(_lexicon(lang))


def _lexicon(lang: str | Lexicon) -> Lexicon:
    return lang if isinstance(lang, Lexicon) else load(lang)


@functools.lru_cache(maxsize=None)
def _blocks(lex: Lexicon) -> Blocks:
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


SLOT = re.compile(r"<<(\w+)(:cased)?>>")
NOTHING = "(?!)"                # a slot the language declares empty ("-"): that piece of the pattern never matches


class SlotError(LexiconError):
    """A rule's template names a slot that the language's data does not declare."""


def slots(template: str) -> list[str]:
    """The names of the slots of ``template``."""
    return [m.group(1) for m in SLOT.finditer(template)]


def expand(template: str, lang: str | Lexicon = DEFAULT) -> str:
    """``template`` with its slots filled: ``<<month>>``, ``<<weekday>>``, ... by the lexicon's blocks, any other
    ``<<name>>`` by the phrases of the rule-word slot ``name`` of ``rule_words.tsv`` (a prefix tree, in any case;
    ``<<name:cased>>`` as written), a slot declared empty ("-") by a pattern that never matches."""
    lex = _lexicon(lang)
    b = blocks(lex).__dict__

    def fill(m: re.Match) -> str:
        name = m.group(1)
        if name in b and not m.group(2):
            return b[name]
        if name not in lex.words:
            raise SlotError(f"{lex.folder / RULE_WORDS}: no slot {name!r} for the template {template[:60]!r}")
        phrases = lex.phrases(name)
        if not phrases:
            return NOTHING
        return trie_alternation(phrases, ignore_case=False) if m.group(2) else trie_alternation(phrases)
    return SLOT.sub(fill, template)


def compile_pattern(template: str, lang: str | Lexicon = DEFAULT) -> re.Pattern:
    """Compile ``template`` (expanded, behind its first-character lookahead) with IGNORECASE."""
    return re.compile(with_first_characters(expand(template, lang)), re.IGNORECASE)
