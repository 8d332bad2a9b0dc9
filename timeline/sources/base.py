"""The data every input format shares: record fields, read options, and a unit of input (see the package doc)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Fields:
    """Which record fields (JSON keys, CSV columns) hold an article's text, date, title and id."""

    text: str = "text"
    date: str = "date"
    title: str = "title"
    id: str = "id"


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: the DCT override, the header date order, narrative mode, record fields, a forced
    format (``input_format``: for stdin and for files whose suffix says nothing), and the language of the
    documents' headers and date fields (``lang``, a code of :mod:`timeline.lang`); ``events_from_input``: TimeML
    input keeps its EVENT elements as the document's event mentions."""

    dct: _dt.datetime | None = None
    date_order: str | None = None
    narrative: bool = False
    fields: Fields = field(default_factory=Fields)
    input_format: str | None = None
    lang: str = "en"
    events_from_input: bool = False


@dataclass(frozen=True)
class Unit:
    """One article as split from its file, not yet parsed: ``payload`` is the file's bytes or one record."""

    path: str
    format: str
    payload: Union[bytes, dict]
    record: int | None = None
    nbytes: int = 0            # bytes of the input file this unit accounts for (for the progress bar)

    @property
    def source(self) -> str:
        """``file.jsonl#17`` for a record, the path itself for a one-article file."""
        return self.path if self.record is None else f"{self.path}#{self.record}"

    @property
    def size(self) -> int:
        if isinstance(self.payload, bytes):
            return len(self.payload)
        return sum(len(v) for v in self.payload.values() if isinstance(v, str)) + 16
