"""What a row's text says happened, so that two articles' mentions of one happening merge however they word it.

Used by :mod:`timeline.table.merge`. :class:`Lexicon` reads a language's ``merge_synonyms.tsv`` (words of one
sense: "gave way" / "collapsed"), ``merge_lemmas.tsv`` (irregular forms: "met" is "meet") and
``merge_boilerplate.tsv`` (words that say nothing of what happened: "said", "a year earlier"); :meth:`Lexicon.gist`
gives a text's :class:`Gist`: its content words (a lemma, or the sense of a word or phrase that has one), the
names in it (capitalized words past the first) and its numbers. :func:`same_happening` says whether two gists of
one date are one happening, and why:

- three content items or more in common, and at least 60 % of the shorter text's (the participants and the
  predicate: "the Velmora dam" and "gave way" / "collapsed" are three: velmora, dam, collapse);
- a related predicate among them: a sense both texts have ("toured" / "will visit"), or the same event word (the
  rows' ``trigger``, as a lemma or a sense) in both;
- no conflict: where both texts name someone or something, they share a name and have at most one the other
  lacks ("a plant in Brno" is not "an office in Oslo", "Philip Morris shares closed on the New York Stock Exchange"
  is not "Esselte closed on the New York Stock Exchange"), and where one names and the other does not, a fourth item in common is needed; where both have
  numbers, they have the same ("earned $822.8 million" is not "earned $461 million").

Lemmas are made by rule: the irregular form, else the word without "-ing", "-ed", "-es", "-s" or a final "e" (a
doubled consonant undone: "flagged" is "flag"), the same for the data's words, so that "collapse", "collapsed" and
"collapses" are one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from timeline.lang import DEFAULT, folder, stop_words
from timeline.lang.lexicon import read_table

SHARED_MIN = 3          # content items two texts of one happening have in common, at least
SHARE_MIN = 0.6         # ... and this share of the shorter text's
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_SUFFIXES = ("ing", "ied", "ies", "ed", "es", "s", "e")
_KEEP_DOUBLE = set("lsz")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[:-len(suffix)]
            if suffix in ("ied", "ies"):
                return stem + "y"
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in _KEEP_DOUBLE:
                stem = stem[:-1]                    # "flagged" -> "flag"
            return stem
    return word


@dataclass(frozen=True, eq=False)
class Gist:
    """The content of one text: ``content`` items (a lemma, or a sense as ``=name``), the ``senses`` among them,
    ``names`` and ``numbers``; ``words`` maps an item to the words that gave it, as written."""

    content: frozenset[str]
    senses: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    trigger: str = ""
    words: dict[str, str] = field(default_factory=dict)


class Lexicon:
    """The merge words of one language, read once (:func:`lexicon`)."""

    def __init__(self, lang: str = DEFAULT):
        directory = folder(lang)

        def table(name: str) -> list[tuple[str, ...]]:
            path = directory / name
            return read_table(name, 2, exact=True, unique="key", directory=directory) if path.is_file() else []

        self.irregular = {form.lower(): lemma.lower() for form, lemma in table("merge_lemmas.tsv")}
        numbers = directory / "numbers.tsv"             # "three" is 3: a number, not a content word
        self.number_words = {row[0].lower(): row[1] for row in (
            read_table("numbers.tsv", 3, unique="row", directory=directory) if numbers.is_file() else [])
            if row[2] == "cardinal"}
        self.stop = stop_words(lang)
        self.boilerplate = {w.lower() for w, _why in table("merge_boilerplate.tsv")}
        self.boilerplate |= {self.lemma(w) for w in self.boilerplate}
        self.senses: dict[tuple[str, ...], str] = {}
        for phrase, sense in table("merge_synonyms.tsv"):
            self.senses[tuple(self.lemma(w) for w in phrase.lower().split())] = "=" + sense.lower()
        self.longest = max((len(k) for k in self.senses), default=1)

    def lemma(self, word: str) -> str:
        w = word.lower()
        return _stem(self.irregular.get(w, w))

    def gist(self, text: str, trigger: str | None = None) -> Gist:
        """The :class:`Gist` of ``text`` (a row's event text, its date phrase already taken out)."""
        tokens = _TOKEN.findall(text)
        lemmas = [self.lemma(t) for t in tokens]
        content, senses, words = set(), set(), {}
        names = {lemmas[i] for i, t in enumerate(tokens)
                 if i and t[:1].isupper() and t.lower() not in self.stop and tokens[i - 1][-1:] not in ".!?"}
        numbers = set(_NUMBER.findall(text)) | {self.number_words[t.lower()] for t in tokens
                                                if t.lower() in self.number_words}
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                sense = self.senses.get(tuple(lemmas[i:i + n]))
                if sense and not (n == 1 and tokens[i].lower() in self.stop):
                    content.add(sense)
                    senses.add(sense)
                    words.setdefault(sense, " ".join(tokens[i:i + n]))
                    i += n
                    break
            else:
                t, lem = tokens[i].lower(), lemmas[i]
                if t not in self.stop and t not in self.boilerplate and lem not in self.boilerplate \
                        and not t[:1].isdigit() and t not in self.number_words and len(t) > 1:
                    content.add(lem)
                    words.setdefault(lem, tokens[i])
                i += 1
        trig = self.lemma(trigger) if trigger else ""
        trig = self.senses.get((trig,), trig)
        return Gist(frozenset(content), frozenset(senses), frozenset(names), frozenset(numbers), trig, words)


@functools.lru_cache(maxsize=None)
def lexicon(lang: str = DEFAULT) -> Lexicon:
    return Lexicon(lang)


def specific(a: Gist, b: Gist) -> bool:
    """May two texts be one happening at all: do they share something specific, a name or three content items (two
    companies' "Sales were flat compared with a year earlier" share two: sales, flat), with no conflict between
    them (:func:`conflict`)?"""
    return (bool(a.names & b.names) or len(a.content & b.content) >= SHARED_MIN) and not conflict(a, b)


def conflict(a: Gist, b: Gist) -> bool:
    """Do two texts name others or count otherwise? Where both name someone or something, they must share a name
    and have at most one the other lacks ("Philip Morris shares closed on the New York Stock Exchange" is not
    "Esselte closed on the New York Stock Exchange"); where both have numbers, the same ones."""
    if a.names and b.names and (not a.names & b.names or len(a.names - b.names) > 1 or len(b.names - a.names) > 1):
        return True
    return bool(a.numbers and b.numbers and a.numbers != b.numbers)


def same_happening(a: Gist, b: Gist) -> str | None:
    """Why two gists of one date are one happening worded differently (for ``merge_note``), or None."""
    shared = a.content & b.content
    need = SHARED_MIN + (bool(a.names) != bool(b.names))     # one names who, the other does not: one more
    if len(shared) < need or len(shared) < SHARE_MIN * min(len(a.content), len(b.content)):
        return None
    predicates = (a.senses & b.senses) | (shared & {a.trigger} & {b.trigger})
    if not predicates:
        return None
    if conflict(a, b):
        return None
    said = sorted({f"'{a.words[p]}' ~ '{b.words[p]}'" if a.words[p].lower() != b.words[p].lower()
                   else f"'{a.words[p]}'" for p in predicates})
    others = sorted(a.words[x] for x in shared - predicates)
    return f"same happening in other words, {', '.join(said)}, both with {', '.join(others)}"
