"""Language data: one folder a language, found by its code.

``timeline/lang/<code>/`` holds every word of that language the stages use (the tagger's vocabularies and rule
words, the events stage's word lists, the chart's words), as data files that each open with a ``FORMAT`` line.
:func:`folder` finds a language's folder; :func:`register` adds a folder from outside the package (a test-only
language, a user's own); an unknown code is a :class:`LanguageError` naming the languages there are.

The tagger reads, per language: the vocabularies (``months.tsv``, ``weekdays.tsv``, ``numbers.tsv``, ``units.tsv``,
``seasons.tsv``, ``holidays.tsv``, ``parts_of_day.tsv``, ``vague.tsv``, ``modifiers.tsv``,
``false_positives.tsv``; a folder may leave any out), the words of the rules' slots (``rule_words.tsv``,
``rule_patterns.tsv``, ``vague_exceptions.tsv``), the tense markers (``tense_markers.tsv``) and which rules run
with which trigger words (``rule_triggers.tsv``: a rule is off where its trigger words are ``-``).
``tests/lang/de`` is a small complete example.
:func:`stop_words` gives a language's ``stop_words.txt`` (the words ignored when comparing two events' texts).
"""
from __future__ import annotations

import functools
from pathlib import Path

from timeline.errors import TimelineError

PACKAGE_LANGUAGES = Path(__file__).parent
DEFAULT = "en"

_registered: dict[str, Path] = {}
_found: dict[str, Path] = {}            # code -> its folder, as found (register() starts it again)


class LanguageError(TimelineError, ValueError):
    """An unknown language code, or a language folder that is not there."""


def register(code: str, folder: str | Path) -> None:
    """Make the language folder ``folder`` known as ``code`` (for a language kept outside the package)."""
    path = Path(folder)
    if not path.is_dir():
        raise LanguageError(f"language folder {str(path)!r} for {code!r} is not a folder")
    _registered[code] = path
    _found.clear()


def languages() -> tuple[str, ...]:
    """The codes of every language there is: the package's folders and the registered ones, sorted."""
    own = {p.name for p in PACKAGE_LANGUAGES.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    return tuple(sorted(own | set(_registered)))


def folder(code: str = DEFAULT) -> Path:
    """The data folder of language ``code``; a :class:`LanguageError` naming the known codes if there is none."""
    found = _found.get(code) if isinstance(code, str) else None
    if found is None:
        found = _folder(code)
        _found[code] = found
    return found


def _folder(code) -> Path:
    if code in _registered:
        return _registered[code]
    if isinstance(code, str) and code.isidentifier() and (PACKAGE_LANGUAGES / code).is_dir():
        return PACKAGE_LANGUAGES / code
    raise LanguageError(f"unknown language {code!r}: the languages there are {', '.join(languages())}")


def stop_words(code: str = DEFAULT) -> frozenset[str]:
    """The stop words of language ``code`` (its ``stop_words.txt``, lower case), read once per folder."""
    return _stop_words(folder(code))


@functools.lru_cache(maxsize=None)
def _stop_words(path: Path) -> frozenset[str]:
    from timeline.lang.lexicon import load_lines      # here: the loader imports the tagger's regex machinery

    return frozenset(w.lower() for w in load_lines("stop_words.txt", path))
