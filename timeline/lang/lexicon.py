"""Language resources for the temporal tagger, loaded once from ``timeline/resources``.

Each file opens with a header line ``# FORMAT: ...``; every other non-blank line is a tab-separated row.
Loading validates the data: an empty pattern, a duplicated pattern or a missing column is an error at load
time, not a silent match-everything at run time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.tagger.scan.regexes import with_first_characters
from timeline.errors import TimelineError

RESOURCES = Path(__file__).parent / "en"


class LexiconError(TimelineError, ValueError):
    """A resource file is malformed."""


def parse_table(text: str, name: str, columns: int, *, case_insensitive: bool = False, exact: bool = False,
                unique: str = "key") -> list[tuple[str, ...]]:
    """Rows of a resource file's ``text``: after the ``# FORMAT:`` header, skipping blank lines and ``#``
    comments, each with at least ``columns`` non-empty tab-separated fields (exactly ``columns`` with
    ``exact``). A duplicated entry is an error: the same first field (``unique="key"``, up to case with
    ``case_insensitive``) or the same whole row (``unique="row"``, for a table where a word has several roles)."""
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
        key = fields if unique == "row" else fields[0].lower() if case_insensitive else fields[0]
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


@dataclass(frozen=True)
class Lexicon:
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


def _load(directory: Path) -> Lexicon:
    def table(name, columns, ci=False):
        return read_table(name, columns, case_insensitive=ci, directory=directory)

    numbers = {}
    for word, value, kind in table("numbers.tsv", 3, True):
        numbers[word.lower()] = (int(value) if value.lstrip("-").isdigit() else value, kind)
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
    )


@functools.lru_cache(maxsize=4)
def load(directory: str | None = None) -> Lexicon:
    """The lexicon from ``directory`` (default: the package resources), loaded and validated once."""
    return _load(Path(directory) if directory else RESOURCES)
