"""Regular-expression building blocks for the recognizer, built once per language from its lexicon.

A rule's template is a regular expression with slots: ``<<month>>``, ``<<weekday>>``... are the vocabulary blocks
(:class:`Blocks`), any other ``<<name>>`` the words of the slot ``name`` of the language's ``rule_words.tsv``
(or a pattern of its ``rule_patterns.tsv``): :func:`expand` fills them, :func:`compiled` compiles a handler's
pattern once per language. Every pattern is compiled with IGNORECASE; month and weekday names are wrapped in ``(?-i:...)`` so that only
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

NOTHING = "(?!)"                # a slot the language declares empty ("-"): that piece of the pattern never matches


def _any(words, ignore_case: bool = True) -> str:
    """A prefix tree of ``words``; for none, a pattern that never matches (a language without them)."""
    words = list(words)
    return trie_alternation(words, ignore_case=ignore_case) if words else NOTHING


def _cased(words) -> str:
    """Case-sensitive alternation of Capitalized and UPPER-CASE forms."""
    forms = set()
    for w in words:
        forms.add(w)
        forms.add(w.upper())
    return "(?-i:" + _any(forms, ignore_case=False) + ")"


@dataclass(frozen=True)
class Blocks:
    month: str          # any month name or abbreviation
    month_full: str     # month names and dotted abbreviations (safe to match alone)
    month_short: str    # abbreviations without their dot, capitalized, ending a word ("Oct 23")
    pod_clock: str      # the parts of day that are a clock time ("noon")
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


def _slot(lex: Lexicon, name: str) -> list[str]:
    """The phrases of the rule-word slot ``name``, which the language must declare (as "-" when it has none)."""
    if name not in lex.words:
        raise SlotError(f"{lex.folder / RULE_WORDS}: no slot {name!r} (the vocabulary blocks need it)")
    return lex.phrases(name)


@functools.lru_cache(maxsize=None)
def _blocks(lex: Lexicon) -> Blocks:
    alone = set(_slot(lex, "month_alone"))     # short names that are months alone ("May")
    full = [m for m in lex.months if len(m) > 3 or m.endswith(".") or m in alone]
    short = [m for m in lex.months if m not in full and not m.endswith(".")]     # "Oct": a month before a day
    articles = set(_slot(lex, "article_number"))       # "a", "an": one, but not in "twenty-one"
    ones = [w for w, (v, k) in lex.numbers.items() if k == "cardinal" and isinstance(v, int) and v < 10
            and " " not in w and w not in articles]
    cardinals = [w for w, (v, k) in lex.numbers.items() if k == "cardinal"]
    tens = [w for w, (v, k) in lex.numbers.items() if k == "tens"]
    word_number = (f"(?:{_any(tens)}(?:[\\s-]{_any(ones)})?|{_any(cardinals)})")
    half = _any(_slot(lex, "and_a_half"))
    cardinal = rf"(?:(?<![\d,/])(?:\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d{{1,4}}(?![\d,]))(?:\.\d{{1,2}})?(?:[\s-]1/2)?|{word_number}(?:\s+{half})?)"
    ordinals = [w for w, (v, k) in lex.numbers.items() if k == "ordinal" and v != -1]
    units = list(lex.units)
    plural = [u for u in units if u in set(_slot(lex, "plural_units"))]
    return Blocks(
        month=_cased(lex.months),
        month_full=_cased(full),
        month_short=("(?-i:" + _any(short, ignore_case=False) + r")\b"),
        pod_clock=_any([p for p, c in lex.parts_of_day.items() if ":" in c]),
        weekday=_cased(lex.weekdays),
        weekday_full=_cased([w for w in lex.weekdays if not w.endswith(".")]),
        cardinal=cardinal,
        vague_num=_any([w for w, (v, k) in lex.numbers.items() if k == "vague"]),
        ordinal_word=_any(ordinals),
        unit=_any(units),
        unit_plural=_any(plural),
        season=_any(lex.seasons),
        pod=_any([p for p, c in lex.parts_of_day.items() if ":" not in c]),
        holiday=_cased(lex.holidays),      # as written or in capitals ("XMAS", "HALLOWEEN")
        vague=_any(lex.vague),
        amount_mod=_any([m for m, (_, pos) in lex.modifiers.items() if pos == "amount"]),
        point_mod=_any([m for m, (_, pos) in lex.modifiers.items() if pos == "point"]),
    )


SLOT = re.compile(r"<<(\w+)(:cased)?>>")


class SlotError(LexiconError):
    """A rule's template names a slot that the language's data does not declare."""


def slots(template: str) -> list[str]:
    """The names of the slots of ``template``."""
    return [m.group(1) for m in SLOT.finditer(template)]


def expand(template: str, lang: str | Lexicon = DEFAULT) -> str:
    """``template`` with its slots filled: ``<<month>>``, ``<<weekday>>``, ... by the lexicon's blocks, any other
    ``<<name>>`` by the phrases of the rule-word slot ``name`` of ``rule_words.tsv`` (a prefix tree, in any case;
    ``<<name:cased>>`` as written) or by the regular expression ``name`` of ``rule_patterns.tsv``, a slot declared
    empty ("-") by a pattern that never matches."""
    lex = _lexicon(lang)
    b = blocks(lex).__dict__

    def fill(m: re.Match) -> str:
        name = m.group(1)
        if name in b and not m.group(2):
            return b[name]
        if name in lex.patterns and not m.group(2):
            return f"(?:{lex.patterns[name]})"
        if name not in lex.words:
            raise SlotError(f"{lex.folder / RULE_WORDS}: no slot {name!r} for the template {template[:60]!r}")
        phrases = lex.phrases(name)
        if m.group(2):
            return "(?-i:" + _any(phrases, ignore_case=False) + ")"
        return _any(phrases)
    return SLOT.sub(fill, template)


def compiled(lex: Lexicon, template: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """``template`` expanded with the words of ``lex`` and compiled, once per language (a handler's pattern)."""
    key = (template, flags)
    found = lex.cache.get(key)
    if found is None:
        found = lex.cache[key] = re.compile(expand(template, lex), flags)
    return found


def compile_pattern(template: str, lang: str | Lexicon = DEFAULT) -> re.Pattern:
    """Compile ``template`` (expanded, behind its first-character lookahead) with IGNORECASE."""
    return re.compile(with_first_characters(expand(template, lang)), re.IGNORECASE)
