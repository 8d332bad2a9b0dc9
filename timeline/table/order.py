"""Order and merge: from events (of one or many documents) to the canonical event table.

Rows are ordered by date: ``start`` (``end`` for an open start), then precision coarse-first (a year before the
days in it), then source path, then offset in the text, so the same input always gives the same table.
``event_id`` is ``e1`` .. ``eN`` in that order.

Merging is conservative: mentions from *different* documents become one row only when they have the same
dates, the same kind, and near-identical event text (the temporal phrase left out): token Jaccard >= 0.6 or
difflib ratio of the word sequences >= 0.85, or the same happening in other words (:mod:`timeline.table.happening`),
and something specific in common (a name, or three content words), with the first and the latest mention
already merged (not
every one, so that a story reported a thousand times still merges in linear time). The row keeps the
earliest published mention's text and lists every source in ``source_path`` (``;``-separated),
``sources_count`` and ``merge_note``.

Both are written once, in the table's engine (:mod:`timeline.table.spill`; the clustering in
:mod:`timeline.table.merge`); the functions here run a list of events or rows through it and read the table back
as a DataFrame.
"""
from __future__ import annotations

import datetime as _dt

import pandas as pd

from timeline.model import Event
from timeline.table.columns import COLUMN_NAMES
from timeline.table.merge import JACCARD_MIN, NOTE_SOURCES, RATIO_MIN, scores, text_words
from timeline.table.rows import document_source, empty_frame, event_cells

__all__ = ["JACCARD_MIN", "RATIO_MIN", "NOTE_SOURCES", "event_row", "similarity", "merge_rows",
           "table_from_rows", "to_table", "empty_table"]


def _iso(d: _dt.date | _dt.datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def event_row(e: Event) -> dict:
    """One event as a row of the canonical table (``event_id`` is assigned when the table is ordered)."""
    doc = e.document
    return {
        "event_id": None,
        "start": _iso(e.start),
        "end": _iso(e.end),
        "precision": e.precision or None,
        "end_precision": e.end_precision or None,
        "timex_type": e.timex.type if e.timex is not None else None,
        "timex_value": e.value or (e.timex.value if e.timex is not None else None) or None,
        "mod": e.mod or None,
        "edtf": e.edtf or None,
        "phrase": e.phrase,
        "phrase_start": e.phrase_start,
        "phrase_end": e.phrase_end,
        "headline": e.headline,
        "event_text": e.event_text,
        "kind": e.kind,
        "anchor": e.anchor,
        "trigger": e.trigger or None,
        "trigger_start": e.trigger_start,
        "trigger_end": e.trigger_end,
        "event_class": e.event_class or None,
        "flags": ";".join(e.flags) or None,
        "source_path": doc.path,
        "source_title": doc.title,
        "published": _iso(doc.dct),
        "sources_count": 1,
        "merge_note": None,
        "qualifiers": ";".join(e.qualifiers) or None,
        "participants": ";".join(e.participants) or None,
        "entity": e.entity or None,
    }


def similarity(a: dict, b: dict) -> tuple[float, float]:
    """(token Jaccard without stop words, difflib ratio over the word sequences) of two rows' event texts
    without their temporal phrases."""
    return scores(text_words(a["event_text"], a["phrase"]), text_words(b["event_text"], b["phrase"]))


def empty_table() -> pd.DataFrame:
    return empty_frame()


def _table(rows, merge: bool, order: str = "table") -> pd.DataFrame:
    from timeline.table.spill import SpillStore

    with SpillStore() as store:
        store.add_rows(rows)
        return store.finish(merge, order=order).frame()


def _cells(frame: pd.DataFrame):
    """The rows of a frame with the table's columns as tuples of cells (missing values as None)."""
    columns = [[None if v is pd.NA or v is None or v != v else v for v in frame[name].tolist()]
               for name in COLUMN_NAMES[1:]]
    return zip(*columns)


def table_from_rows(frame: pd.DataFrame, *, merge: bool = True) -> pd.DataFrame:
    """The canonical table from an unordered frame of rows with the table's columns (``event_id`` is ignored):
    merged if asked, ordered, ``event_id`` ``e1`` .. ``eN``, exactly ``table.COLUMNS`` with their dtypes."""
    return _table(_cells(frame), merge)


def _event_cells(events: list[Event]):
    sources: dict[int, tuple] = {}
    for e in events:
        source = sources.get(id(e.document))
        if source is None:
            source = sources[id(e.document)] = document_source(e.document)
        yield event_cells(e, *source)


def to_table(events: list[Event], *, merge: bool = True) -> pd.DataFrame:
    """The canonical event table: exactly ``table.COLUMNS`` in order with their dtypes, ordered by date."""
    return _table(_event_cells(events), merge)


def merge_rows(rows: list[dict]) -> list[dict]:
    """Merge the mentions of one happening reported by several documents (see the module docstring): rows as
    dicts (:func:`event_row`) in, one dict per cluster out, in the order the clusters were formed."""
    if not rows:
        return []
    cells = (tuple(r.get(name) for name in COLUMN_NAMES[1:]) for r in rows)
    out = _table(cells, True, order="merge").astype(object).where(lambda d: d.notna(), None).to_dict("records")
    for row in out:
        row["event_id"] = None
    return out
