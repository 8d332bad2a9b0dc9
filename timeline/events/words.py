"""The events stage's words of one language: its ``events_*.tsv`` files, loaded, checked and cached per language.

Takes a language code (``"en"``; :func:`timeline.lang.folder` finds its folder) and gives an :class:`EventWords`:
the abbreviations that do not end a sentence, the signal phrases by role ("since", "between" ... "and"), the
attribution verbs, the anchor phrases ("since the beginning of"), the boundary verbs ("began"), the head words of
happenings, and the small words by class (``events_words.tsv``). The patterns of the stage are templates in the
code whose slots these fill (:mod:`timeline.events.signals`, :mod:`timeline.events.text`,
:mod:`timeline.events.headline`); no word of a language is written in the code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from timeline.lang import DEFAULT, LanguageError, folder
from timeline.lang.lexicon import read_table
from timeline.tagger.scan.regexes import alternation

#: the files of a language folder the events stage reads
FILES = ("events_abbreviations.tsv", "events_signals.tsv", "events_attribution.tsv", "events_anchors.tsv",
         "events_boundary_verbs.tsv", "events_happenings.tsv", "events_words.tsv")


@dataclass(frozen=True, eq=False)
class EventWords:
    """The word lists of one language, lower case except the abbreviations (which are matched as written); one
    object per language folder (compared and hashed by identity, so that what is built from it can be cached)."""

    abbreviations: frozenset[str]
    signals: dict[str, frozenset[str]]          # role (since, from, between, until, to, and, dash, ...) -> phrases
    attribution: dict[str, frozenset[str]]      # what follows the verb (content, object, source) -> verbs
    anchors: tuple[tuple[str, str], ...]        # (phrase, start | end), in file order
    boundary_verbs: tuple[tuple[str, str], ...]  # (verb, start | end), in file order
    happenings: dict[str, str]                  # head word -> class of happening
    words: dict[str, frozenset[str]]            # class of events_words.tsv -> words

    def signal(self, role: str) -> frozenset[str]:
        """The signal phrases of ``role`` (none when the language has none)."""
        return self.signals.get(role, frozenset())

    def word(self, cls: str) -> frozenset[str]:
        """The small words of one class of ``events_words.tsv`` (conjunction, auxiliary, article, ...)."""
        return self.words.get(cls, frozenset())


def one_of(words) -> str:
    """:func:`~timeline.tagger.scan.regexes.alternation` of ``words``; of no words, a pattern that matches nothing
    (an empty alternation would match everywhere): a language may leave a class out."""
    return alternation(words) if words else "(?!)"


def _groups(rows) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for word, cls in rows:
        out.setdefault(cls, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def load(directory: Path) -> EventWords:
    """The :class:`EventWords` of the language folder ``directory``, read once; a file missing from it is a
    :class:`~timeline.lang.LanguageError` naming it."""
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise LanguageError(f"language folder {str(directory)!r} has no events data: {', '.join(missing)} missing")

    def table(name: str, ncols: int) -> list[tuple[str, ...]]:
        # a word may have several roles, so only a whole row repeated is a duplicate
        return read_table(name, ncols, exact=True, unique="row", directory=directory)

    return EventWords(
        abbreviations=frozenset(r[0] for r in table("events_abbreviations.tsv", 1)),
        signals=_groups(table("events_signals.tsv", 2)),
        attribution=_groups((verb, kind) for verb, kind in table("events_attribution.tsv", 2)),
        anchors=tuple((p.lower(), b) for p, b in table("events_anchors.tsv", 2)),
        boundary_verbs=tuple((v.lower(), b) for v, b in table("events_boundary_verbs.tsv", 2)),
        happenings={w.lower(): c for w, c in table("events_happenings.tsv", 2)},
        words=_groups(table("events_words.tsv", 2)),
    )


def event_words(lang: str = DEFAULT) -> EventWords:
    """The events stage's words of language ``lang`` (an unknown code is a LanguageError naming those there are)."""
    return load(folder(lang))
