"""Language resources for the temporal tagger: :func:`load` gives the :class:`Lexicon` of one language, read
from its folder (:func:`timeline.lang.folder`) once per process.

Each file opens with a header line ``# FORMAT: ...``; every other non-blank line is a tab-separated row.
Loading validates the data: an empty pattern, a duplicated pattern or a missing column is an error at load
time, not a silent match-everything at run time. A language folder may leave out a vocabulary file: that
vocabulary is then empty, and the rules that need it are off for the language (see ``rule_triggers.tsv``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import TimelineError
from timeline.lang import DEFAULT, folder
from timeline.tagger.scan.regexes import with_first_characters

RESOURCES = folder(DEFAULT)             # the English folder, where the one-file readers look by default
RULE_WORDS = "rule_words.tsv"
RULE_PATTERNS = "rule_patterns.tsv"
NONE = "-"                              # a rule word "-": the language has no word for that slot
_MISSING = object()


class LexiconError(TimelineError, ValueError):
    """A resource file is malformed."""


def parse_table(text: str, name: str, columns: int, *, case_insensitive: bool = False, exact: bool = False,
                unique: str = "key") -> list[tuple[str, ...]]:
    """Rows of a resource file's ``text``: after the ``# FORMAT:`` header, skipping blank lines and ``#``
    comments, each with at least ``columns`` non-empty tab-separated fields (exactly ``columns`` with
    ``exact``). A duplicated entry is an error: the same first field (``unique="key"``, up to case with
    ``case_insensitive``), the same first two fields (``unique="pair"``, the second up to spacing) or the same
    whole row (``unique="row"``, for a table where a word has several roles)."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# FORMAT:"):
        raise LexiconError(f"{name}: first line must be a '# FORMAT:' header")
    rows, seen = [], set()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.split("\t"))
        if len(fields) < columns or (exact and len(fields) > columns) or any(not f for f in fields[:columns]):
            raise LexiconError(f"{name}:{number}: expected {columns} non-empty tab-separated fields, got {line!r}")
        key = fields if unique == "row" else (fields[0], " ".join(fields[1].split())) \
            if unique == "pair" else fields[0].lower() if case_insensitive else fields[0]
        if key in seen:
            raise LexiconError(f"{name}:{number}: duplicated entry {line!r}")
        seen.add(key)
        rows.append(fields)
    if not rows:
        raise LexiconError(f"{name}: no entries")
    return rows


def read_table(name: str, columns: int, *, case_insensitive: bool = False, exact: bool = False,
               unique: str = "key", directory: Path = RESOURCES) -> list[tuple[str, ...]]:
    """Rows of the resource file ``name`` (see :func:`parse_table`)."""
    return parse_table((directory / name).read_text(encoding="utf-8"), name, columns,
                       case_insensitive=case_insensitive, exact=exact, unique=unique)


@functools.lru_cache(maxsize=None)
def load_lines(name: str, directory: Path = RESOURCES) -> tuple[str, ...]:
    """The entries of a one-item-per-line resource (``header_labels.txt``); an empty file, an entry
    duplicated up to case or a line with a tab is an error at load time."""
    rows = read_table(name, 1, case_insensitive=True, directory=directory)
    wide = [row for row in rows if len(row) > 1]
    if wide:
        raise LexiconError(f"{name}: one item per line, got {wide[0]!r}")
    return tuple(row[0] for row in rows)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words of one language as the tagger reads them: its vocabularies, the words of the rules' slots with
    their meanings (:meth:`word`, :meth:`phrases`) and the folder they come from. One per folder per process."""
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, tuple[object, str]]     # word -> (value, kind)
    units: dict[str, tuple[str, str]]          # word -> (unit, duration letter)
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    holidays: dict[str, str]
    vague: dict[str, tuple[str, str]]          # phrase -> (value, type)
    modifiers: dict[str, tuple[str, str]]      # phrase -> (mod, position)
    false_positives: tuple[re.Pattern, ...]
    words: dict[str, dict[str, str]]           # rule_words.tsv: slot -> phrase (lower case) -> value
    written: dict[str, tuple[str, ...]]        # rule_words.tsv: slot -> its phrases as written
    folder: Path                               # the language's folder
    patterns: dict[str, str] = field(default_factory=dict)     # rule_patterns.tsv: name -> regular expression
    cache: dict = field(default_factory=dict, repr=False)     # what the rules build from the lexicon, once

    def word(self, slot: str, phrase: str | None, default=None):
        """The value of ``phrase`` (any case and spacing) in the rule-word slot ``slot``; ``default`` if it is
        not there. A slot the language does not declare is a :class:`LexiconError` (declared empty: "-")."""
        values = self.words.get(slot)
        if values is None:
            raise LexiconError(f"{self.folder / RULE_WORDS}: no slot {slot!r} (a rule of the language reads it)")
        if not phrase:
            return default
        found = values.get(phrase.lower(), _MISSING)           # most phrases are written with single spaces
        return values.get(" ".join(phrase.lower().split()), default) if found is _MISSING else found

    def phrases(self, slot: str, value: str | None = None) -> tuple[str, ...]:
        """The phrases of the rule-word slot ``slot`` as written (those whose value is ``value``, when given)."""
        if slot not in self.written:
            raise LexiconError(f"{self.folder / RULE_WORDS}: no slot {slot!r} (a rule of the language reads it)")
        if value is None:
            return self.written[slot]
        values = self.words.get(slot, {})
        return tuple(p for p in self.written.get(slot, ()) if values[" ".join(p.lower().split())] == value)

    def month(self, word: str) -> int:
        return self.months.get(word) or self.months[word.title()]

    def weekday(self, word: str) -> int:
        return self.weekdays.get(word) or self.weekdays[word.title()]

    def unit(self, word: str) -> tuple[str, str]:
        return self.units[re.sub(r"\s+", " ", word.lower())]

    def number(self, words: str) -> object:
        """The value of a number written in digits or words ("24", "twenty-four", "a few" -> "X")."""
        text = re.sub(r"[\s-]+", " ", words.lower()).strip()
        if text.replace(",", "").isdigit():
            return int(text.replace(",", ""))
        if text in self.numbers:
            return self.numbers[text][0]
        total = 0
        for part in text.split(" "):
            value = self.numbers.get(part, (None, ""))[0]
            if not isinstance(value, int):
                raise KeyError(words)
            total = total * value if value in (100, 1000) and total else total + value
        return total


def read_words(directory: Path) -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, ...]]]:
    """The rule-word slots of ``rule_words.tsv`` in ``directory`` (none when the file is not there): slot ->
    phrase (lower case, single spaces) -> value, and slot -> its phrases as written; a phrase "-" declares the
    slot empty for the language."""
    if not (directory / RULE_WORDS).is_file():
        return {}, {}
    words: dict[str, dict[str, str]] = {}
    written: dict[str, list[str]] = {}
    for slot, phrase, value in (row[:3] for row in read_table(RULE_WORDS, 3, exact=True, unique="pair",
                                                             directory=directory)):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", slot):
            raise LexiconError(f"{RULE_WORDS}: slot {slot!r} is not a lower-case name")
        entries = words.setdefault(slot, {})
        if phrase == NONE or NONE in entries:
            if entries:
                raise LexiconError(f"{RULE_WORDS}: slot {slot!r} is declared empty (-) and has words")
        entries[" ".join(phrase.lower().split())] = value
        written.setdefault(slot, [])
        if phrase != NONE:
            written[slot].append(phrase)
    return words, {slot: tuple(p) for slot, p in written.items()}


def read_patterns(directory: Path) -> dict[str, str]:
    """The named regular expressions of ``rule_patterns.tsv`` in ``directory`` (none when it is not there)."""
    if not (directory / RULE_PATTERNS).is_file():
        return {}
    found = {}
    for name, pattern in read_table(RULE_PATTERNS, 2, exact=True, directory=directory):
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise LexiconError(f"{RULE_PATTERNS}: bad pattern {name!r}: {exc}") from exc
        if compiled.match(""):
            raise LexiconError(f"{RULE_PATTERNS}: pattern {name!r} matches the empty string")
        found[name] = pattern
    return found


def _load(directory: Path) -> Lexicon:
    def table(name, columns, ci=False):
        if not (directory / name).is_file():
            return []           # a language may leave a vocabulary out: its rules are off
        return read_table(name, columns, case_insensitive=ci, directory=directory)

    numbers = {}
    for word, value, kind in table("numbers.tsv", 3, True):
        numbers[word.lower()] = (int(value) if value.lstrip("-").isdigit() else value, kind)
    words, written = read_words(directory)
    fps = []
    for pattern, _why in table("false_positives.tsv", 2):
        try:
            fps.append(re.compile(with_first_characters(pattern, 0)))
        except re.error as exc:  # pragma: no cover - data error
            raise LexiconError(f"false_positives.tsv: bad pattern {pattern!r}: {exc}") from exc
        if fps[-1].match(""):
            raise LexiconError(f"false_positives.tsv: pattern {pattern!r} matches the empty string")
    return Lexicon(
        months={w: int(n) for w, n in table("months.tsv", 2)},
        weekdays={w: int(n) for w, n in table("weekdays.tsv", 2)},
        numbers=numbers,
        units={w.lower(): (u, letter) for w, u, letter in table("units.tsv", 3, True)},
        parts_of_day={w.lower(): code for w, code in table("parts_of_day.tsv", 2, True)},
        seasons={w.lower(): code for w, code in table("seasons.tsv", 2, True)},
        holidays={w: rule for w, rule in table("holidays.tsv", 2)},
        vague={w.lower(): (v, t) for w, v, t in table("vague.tsv", 3, True)},
        modifiers={w.lower(): (m, pos) for w, m, pos in table("modifiers.tsv", 3, True)},
        false_positives=tuple(fps),
        words=words,
        written=written,
        patterns=read_patterns(directory),
        folder=directory,
    )


def load(lang: str = DEFAULT) -> Lexicon:
    """The lexicon of language ``lang`` (a code of :func:`timeline.lang.languages`; an unknown code is a
    :class:`timeline.lang.LanguageError`), loaded and validated once per folder."""
    return load_folder(folder(lang or DEFAULT))


@functools.lru_cache(maxsize=None)
def load_folder(directory: Path) -> Lexicon:
    """The lexicon of the language folder ``directory``, loaded and validated once."""
    return _load(Path(directory))
