"""Rows of the event table: an event as a tuple of plain cells, and cells back into a typed DataFrame.

:func:`event_cells` is what the table's engine (:mod:`timeline.table.spill`) stores of an event, so no Event,
Timex or text is held; :func:`frame_from_columns` makes the DataFrames it reads back, with the table's dtypes
(with pyarrow, string columns are Arrow buffers: a few bytes a cell, no Python object per value).
"""
from __future__ import annotations

import datetime as _dt
import pandas as pd

from timeline.model import Document, Event
from timeline.table.columns import COLUMN_NAMES, DTYPES

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
            e.kind, e.anchor, e.trigger or None, e.trigger_start, e.trigger_end, e.event_class or None,
            ";".join(e.flags) or None, path, title, published, 1, None,
            ";".join(e.qualifiers) or None, ";".join(e.participants) or None, e.entity or None)


def document_source(doc: Document) -> tuple[str, str, str | None]:
    """(path, title, publication date in ISO 8601) of a document, as the table's source columns hold them."""
    return doc.path, doc.title, _iso(doc.dct)
