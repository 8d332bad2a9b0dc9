"""Rows of the event table as they arrive: plain values in columns, frozen into small typed chunks.

A long run never holds its events as objects: :class:`RowBuilder` turns each document's events into values
appended to one list per column of ``table.COLUMNS`` (the document's path, title and publication date are one
shared string per document) and, every ``CHUNK_ROWS`` rows, into a small DataFrame with the table's dtypes (with
pyarrow, string columns are Arrow buffers: a few bytes a cell, no Python object per value). :meth:`RowBuilder.frame`
joins the chunks into one unordered frame, which :func:`timeline.table.order.table_from_rows` merges and orders.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterable

import numpy as np
import pandas as pd

from timeline.model import Document, Event
from timeline.table.columns import COLUMN_NAMES, DTYPES

CHUNK_ROWS = 8192


def _iso(d: _dt.date | _dt.datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def release_memory() -> None:
    """Hand the memory Arrow has freed back to the system. Arrow's allocator (mimalloc or jemalloc) keeps freed
    pages for reuse; without this, each copy of a column (a concat, a take) stays in the resident size."""
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except (ImportError, AttributeError):        # no pyarrow (strings are Python objects then), or an old one
        pass


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=DTYPES[name]) for name in COLUMN_NAMES})


def frame_from_columns(columns: dict[str, list]) -> pd.DataFrame:
    """A DataFrame with exactly ``table.COLUMNS`` and their dtypes from one list of values per column."""
    return pd.DataFrame({name: pd.array(columns[name], dtype=DTYPES[name]) for name in COLUMN_NAMES})


def event_cells(e: Event, path: str, title: str, published: str | None) -> tuple:
    """One event's cells, in the order of ``table.COLUMN_NAMES`` without ``event_id`` (assigned when the table
    is ordered); ``path``, ``title`` and ``published`` are its document's."""
    timex = e.timex
    return (_iso(e.start), _iso(e.end), e.precision or None, e.end_precision or None,
            timex.type if timex is not None else None,
            e.value or (timex.value if timex is not None else None) or None,
            e.mod or None, e.edtf or None, e.phrase, e.phrase_start, e.phrase_end, e.headline, e.event_text,
            e.kind, e.anchor, ";".join(e.flags) or None, path, title, published, 1, None,
            ";".join(e.qualifiers) or None)


def document_source(doc: Document) -> tuple[str, str, str | None]:
    """(path, title, publication date in ISO 8601) of a document, as the table's source columns hold them."""
    return doc.path, doc.title, _iso(doc.dct)


# small values repeated on many rows, kept as one string each while a chunk is collected
_SHARED = tuple(name in ("start", "end", "timex_value", "edtf", "phrase", "flags") for name in COLUMN_NAMES[1:])


class RowBuilder:
    """Collects events as rows of the canonical table (``event_id`` is assigned when the table is ordered)."""

    def __init__(self, chunk_rows: int = CHUNK_ROWS):
        self.chunk_rows = chunk_rows
        self._columns: dict[str, list] = {name: [] for name in COLUMN_NAMES}
        self._chunks: list[pd.DataFrame] = []
        self._shared: dict[str, str] = {}       # small values repeated on many rows: one string each
        self._doc: tuple[Document | None, tuple] = (None, ())
        self.n_rows = 0

    def __len__(self) -> int:
        return self.n_rows

    def _share(self, value: str | None) -> str | None:
        if value is None:
            return None
        if len(self._shared) > 100_000:
            self._shared.clear()
        return self._shared.setdefault(value, value)

    def _source(self, doc: Document) -> tuple[str, str, str | None]:
        if self._doc[0] is not doc:
            self._doc = (doc, document_source(doc))
        return self._doc[1]

    def add(self, events: Iterable[Event]) -> None:
        """Append ``events`` (usually one document's) as rows."""
        lists = [self._columns[name] for name in COLUMN_NAMES[1:]]
        ids = self._columns["event_id"]
        share = self._share
        for e in events:
            ids.append(None)
            for values, value, shared in zip(lists, event_cells(e, *self._source(e.document)), _SHARED):
                values.append(share(value) if shared else value)
            self.n_rows += 1
        if len(ids) >= self.chunk_rows:
            self._flush()

    def _flush(self) -> None:
        if self._columns["start"]:
            self._chunks.append(frame_from_columns(self._columns))
            self._columns = {name: [] for name in COLUMN_NAMES}
            self._shared.clear()
            release_memory()

    def frame(self) -> pd.DataFrame:
        """Every row so far, in arrival order, as one typed frame (the builder is left empty)."""
        self._flush()
        chunks, self._chunks = self._chunks, []
        self.n_rows = 0
        if not chunks:
            return empty_frame()
        if len(chunks) == 1:
            return chunks[0]
        out = {}
        for name in COLUMN_NAMES:                   # column by column, so only one column is ever held twice
            out[name] = pd.concat([ch[name] for ch in chunks], ignore_index=True)
            for ch in chunks:
                del ch[name]
            release_memory()
        return pd.DataFrame(out)


def rows_from_events(events: Iterable[Event]) -> pd.DataFrame:
    """The rows of ``events`` (in their order) as an unordered, unmerged typed frame."""
    builder = RowBuilder()
    builder.add(events)
    return builder.frame()


def take(frame: pd.DataFrame, index: np.ndarray) -> pd.DataFrame:
    """``frame.take(index)`` built column by column, dropping each source column once it is copied, so the
    peak is the table plus one column rather than two tables (``frame`` is emptied)."""
    out = {}
    for name in list(frame.columns):
        out[name] = pd.Series(frame[name].array.take(index), name=name)
        del frame[name]
        release_memory()
    return pd.DataFrame(out)
