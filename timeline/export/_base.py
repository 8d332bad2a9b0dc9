"""What every export profile shares: the documents and title it is given (:class:`Context`), the table read a few
thousand rows at a time (:func:`chunks`), cells as text, the formula guard of spreadsheet cells
(:func:`neutralise`), a CSV writer, a file written atomically, and JSON lists streamed as they are read.
"""
from __future__ import annotations

import csv
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from timeline.atomic import atomic_write
from timeline.lang.words import Words, load
from timeline.model import Document, Timex

CHUNK_ROWS = 5_000        # rows turned into Python values at a time while a profile is written
#: what a spreadsheet may take for the start of a formula: = + - @, their full-width forms (Excel and LibreOffice
#: read ``＝1+1`` as a formula too), tab and CR
FORMULA_START = "=+-@\uff1d\uff0b\uff0d\uff20\t\r"
_FORMULA_START = tuple(FORMULA_START)


class Documents:
    """The documents of a build, in input order, as the profiles read them: ``(Document, timexes)`` pairs, the
    first title, and the distinct (path, title, published) sorted. This one wraps a list; a spilled build has
    its own (:class:`timeline.table.spill.SpilledDocuments`) that reads them back from disk."""

    def __init__(self, documents: Iterable[tuple[Document, list[Timex]]]):
        self._docs = list(documents)

    def __iter__(self) -> Iterator[tuple[Document, list[Timex]]]:
        return iter(self._docs)

    def first_title(self) -> str:
        return self._docs[0][0].title if self._docs else ""

    def sources(self) -> Iterator[tuple[str, str, str | None]]:
        return iter(sorted({(d.path, d.title, d.dct.isoformat() if d.dct else None) for d, _ in self._docs}))


@dataclass(frozen=True)
class Context:
    """What a profile is given beside the table: the documents, the timeline's title, the words of its
    language (:class:`timeline.lang.words.Words`) and the build's ``--about`` targets."""

    documents: Documents
    title: str
    words: Words = field(default_factory=load)
    lang: str = "en"            # the code of that language (the timeml profile's event model)
    entities: tuple = ()         # the build's --about targets (the semeval-timeline profile)
    subtitle: str | None = None      # the chart's --subtitle, for a profile's title slide


def chunks(table, size: int | None = None) -> Iterator[pd.DataFrame]:
    """The ordered table ``size`` rows at a time (a DataFrame is sliced; a spilled table is read back)."""
    size = size or CHUNK_ROWS
    if isinstance(table, pd.DataFrame):
        for lo in range(0, len(table), size):
            yield table.iloc[lo:lo + size]
    else:
        yield from table.chunks(size)


def records(table, size: int | None = None) -> Iterator[dict]:
    """The rows of ``table`` as dicts of Python values (None for a missing value), a chunk at a time."""
    for part in chunks(table, size):
        yield from _records(part)


def n_sources(table) -> int:
    """Distinct source paths named in the table (a merged row names several, ``;``-separated)."""
    if isinstance(table, pd.DataFrame):
        return len({p for v in table["source_path"].dropna().tolist() for p in v.split(";") if p})
    return table.n_sources()


def neutralise(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ``'`` before ``= + - @`` (or their full-width
    forms ``＝ ＋ － ＠``), tab or CR."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _records(table: pd.DataFrame) -> list[dict]:
    out = []
    for rec in table.to_dict("records"):
        out.append({k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v)
                        else int(v) if hasattr(v, "__index__") and not isinstance(v, bool) else v)
                    for k, v in rec.items()})
    return out


@contextmanager
def text_file(path: Path):
    """``path`` opened for UTF-8 text, written atomically (a reader never sees half a file)."""
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def csv_writer(fh):
    """RFC 4180: minimal quoting, CRLF line ends."""
    return csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


# ------------------------------------------------------------------------------------------------ JSON, streamed

def _json_list(fh, items: Iterable, indent: str) -> None:
    """Write ``items`` as the JSON list that ``json.dumps(..., indent=2)`` writes after a key on a line indented
    by ``indent``, one item at a time."""
    pad = indent + "  "
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        fh.write(("[\n" if first else ",\n") + pad + text.replace("\n", "\n" + pad))
        first = False
    fh.write("[]" if first else "\n" + indent + "]")


def json_streamed(fh, data: dict, lists: dict[str, Iterable]) -> None:
    """``json.dumps(data, ensure_ascii=False, indent=2) + "\n"`` written to ``fh``, where each value of ``data``
    that is a key of ``lists`` (a :func:`placeholder` string) stands for a list streamed from ``lists[key]``."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    while lists:
        at, key = min((text.index(json.dumps(k)), k) for k in lists)
        line = text[text.rindex("\n", 0, at) + 1:at]
        indent = line[:len(line) - len(line.lstrip(" "))]
        fh.write(text[:at])
        _json_list(fh, lists.pop(key), indent)
        text = text[at + len(json.dumps(key)):]
    fh.write(text)


def placeholder() -> str:
    """A string no text from an article can be: it stands for a streamed list in :func:`json_streamed`."""
    return f"\x00{uuid.uuid4().hex}\x00"
