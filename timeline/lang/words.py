"""The words the chart and the export profiles write, from a language folder's ``render_words.tsv``.

Each entry is a key, a template and, for a text that counts something, the template for a count other than one
("1 undated row", "2 undated rows"). :func:`load` reads a language's file once; every key the code asks for must
be there (a missing one is a :class:`timeline.lang.lexicon.LexiconError` naming the file and the key), so a new
language is a new folder with this file, not an edit of the chart's code.
"""
from __future__ import annotations

import datetime as _dt
import functools
from pathlib import Path

from timeline.lang import DEFAULT, folder
from timeline.lang.lexicon import LexiconError, parse_table
from timeline.precision import fields

FILE = "render_words.tsv"


class Words:
    """One language's words: :meth:`text` fills a template, :meth:`date` says a date at a precision."""

    def __init__(self, rows: list[tuple[str, ...]], name: str):
        self.name = name
        self._forms = {row[0]: row[1:3] for row in rows}
        self.lowered = frozenset(self.get("lowered_after_mod").split())

    def get(self, key: str) -> str:
        """The template of ``key`` as written."""
        try:
            return self._forms[key][0]
        except KeyError:
            raise LexiconError(f"{self.name}: no entry {key!r}") from None

    def has(self, key: str) -> bool:
        return key in self._forms

    def text(self, key: str, count: int | None = None, **values) -> str:
        """The template of ``key`` filled with ``values``; its second form when ``count`` is given and not 1."""
        self.get(key)
        forms = self._forms[key]
        template = forms[1] if count is not None and count != 1 and len(forms) > 1 else forms[0]
        return template.format(**values)

    # -- dates -----------------------------------------------------------------------------------------------
    def day(self, d: _dt.date, with_year: bool = True) -> str:
        """``Oct. 23, 2015`` (``Oct. 23`` without the year)."""
        return self.text("date.day_year" if with_year else "date.day", month=self.get(f"month_short.{d.month}"),
                         day=d.day, year=d.year)

    def month(self, month: int) -> str:
        return self.get(f"month.{month}")

    def century(self, n: int) -> str:
        """``20th``: the suffix of the last digit, except from 10 to 20."""
        last = "other" if 10 <= n % 100 <= 20 or not self.has(f"century_number.{n % 10}") else n % 10
        return self.text(f"century_number.{last}", n=n)

    def date(self, d: _dt.date, precision: str, *, with_year: bool = True, season: str | None = None,
             clock: tuple[int, int] | None = None) -> str:
        """A date as a reader says it at ``precision`` (``date.<precision>``): ``Oct. 23``, ``October 2015``,
        ``Summer 2015``, ``1990s``, ``20th century``; a day for ``""``, a year for an unknown precision.
        ``season`` is the TIMEX3 code (default: the date's), ``clock`` (hour, minute) a time's."""
        if precision in ("day", "time", ""):
            said = self.day(d, with_year)
            if precision == "time" and clock:
                h, m = clock
                said = self.text("date.time", date=said, clock=self.text(
                    "clock", hour12=(h % 12) or 12, hour24=h, minute=f"{m:02d}", minutes=f":{m:02d}" if m else "",
                    half_day=self.get("clock.am" if h < 12 else "clock.pm")))
            return said
        if precision == "week":
            return self.text("date.week", date=self.day(d, with_year))
        f = fields(d, season)
        key = f"date.{precision}" if self.has(f"date.{precision}") else "date.year"
        return self.text(key, year=d.year, month=self.month(d.month), season=self.get(f"season.{f['season']}"),
                         ordinal=self.get(f"ordinal.{f['h'] if precision == 'half' else f['q']}"),
                         decade=d.year - d.year % 10, century=self.century(d.year // 100 + 1))


@functools.lru_cache(maxsize=None)
def _load(path: Path) -> Words:
    name = f"{path.parent.name}/{path.name}"
    return Words(parse_table(path.read_text(encoding="utf-8"), name, 2), name)


def load(lang: str = DEFAULT) -> Words:
    """The words of language ``lang`` (a :class:`timeline.lang.LanguageError` naming the languages there are
    for an unknown code), read once."""
    return _load(folder(lang) / FILE)
