"""What every recognition rule shares: :class:`Rule` (a pattern template and its handler), :class:`Hit` (what a
handler gives), :data:`INVALID`, and the small readers of days, years and modifiers.

A rule's template is a regular expression whose words are slots (``<<relative>>``, ``<<of>>``...) filled from the
language's data (:func:`timeline.tagger.patterns.expand`); its handler turns a match into a :class:`Hit` (type +
:class:`Partial`), ``None`` (not a temporal expression) or :data:`INVALID` (a date that cannot exist, such as
Feb. 30: nothing inside it may be emitted either), reading the meanings of words from the same data. A named
group ``t`` narrows the extent when the pattern needs context around the expression. Every rule carries an
EXAMPLE.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from timeline.lang.lexicon import Lexicon
from timeline.model import Partial
from timeline.tagger.patterns import compiled

INVALID = "INVALID"


@dataclass(frozen=True)
class Hit:
    type: str
    partial: Partial
    flags: tuple[str, ...] = ()
    span: tuple[int, int] | None = None     # a narrower extent than the whole match


@dataclass(frozen=True)
class Rule:
    name: str
    template: str
    handler: object
    example: str
    priority: int = 5
    tags: tuple[str, ...] = field(default_factory=tuple)


def P(**kw) -> Partial:
    extra = kw.pop("extra", None) or {}
    return Partial(extra=tuple(sorted(extra.items())), **kw)


def mod_of(text: str | None, lex: Lexicon) -> str | None:
    """The TIMEX3 mod of the first word of the slot ``mod_word`` (in its order) that starts a word of ``text``
    ("early", "mid", "the end of" ...)."""
    if not text:
        return None
    for pattern, mod in _mod_words(lex):
        if pattern.search(text):
            return mod
    return None


def _mod_words(lex: Lexicon) -> list[tuple[re.Pattern, str]]:
    found = lex.cache.get("mod_words")
    if found is None:
        found = lex.cache["mod_words"] = [(re.compile(rf"\b{re.escape(word)}", re.IGNORECASE), lex.word("mod_word", word))
                                          for word in lex.phrases("mod_word")]
    return found


def day_number(text: str, lex: Lexicon) -> int | None:
    text = text.lower()
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    value = lex.numbers.get(text.replace(" ", "-"), (None, ""))
    return value[0] if value[1] == "ordinal" else None


def valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    last = calendar.monthrange(year if year else 2000, month)[1]
    return day <= last


def year_of(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"'\d\d", text):
        return two_digit_year(int(text[1:]))
    return int(text) if text.isdigit() else None


def two_digit_year(yy: int) -> int:
    """The century of a two-digit year is a guess: 00-29 are 20xx, 30-99 are 19xx (flag it year_inferred)."""
    return 2000 + yy if yy < 30 else 1900 + yy


def relative(lex: Lexicon, word: str | None, slot: str = "relative") -> int:
    """The direction (-1, 0, +1) of a relative word ("last", "this", "next") in the slot ``slot``."""
    return int(lex.word(slot, word))


def context(lex: Lexicon, template: str, text: str, start: int, end: int) -> bool:
    """Whether the handler's context pattern ``template`` (expanded with the language's words) is found in the
    slice ``text[start:end]`` (a slice: its ends are word boundaries)."""
    return compiled(lex, template).search(text[max(0, start):end]) is not None
