"""Order and merge: from events (of one or many documents) to the canonical event table.

Rows are ordered by date: ``start`` (``end`` for an open start), then precision coarse-first (a year before the
days in it), then source path, then offset in the text, so the same input always gives the same table.
``event_id`` is ``e1`` .. ``eN`` in that order.

Merging is conservative: mentions from *different* documents become one row only when they have the same
dates, the same kind, and near-identical event text (the temporal phrase left out): token Jaccard >= 0.6 or
difflib ratio of the word sequences >= 0.85 with the first and the latest mention already merged (not
every one, so that a story reported a thousand times still merges in linear time). The row keeps the
earliest published mention's text and lists every source in ``source_path`` (``;``-separated),
``sources_count`` and ``merge_note``.

The table is built from columns (:mod:`timeline.table.rows`), and merging (:mod:`timeline.table.merge`) only scores rows
that share a date bucket, come from different documents, and share a rare word; see there why that gives the
same merges as comparing every pair. :mod:`timeline.table.spill` applies the same keys and the same merge to a table
kept on disk (what ``timeline build`` does), bucket by bucket, and gives the same table.
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from timeline.events.dates import precision_rank
from timeline.events.extract import FLAG_ORDER
from timeline.table.merge import JACCARD_MIN, NOTE_SOURCES, RATIO_MIN, _codes, _values, clusters, scores, text_words
from timeline.model import Event
from timeline.table.rows import empty_frame, frame_from_columns, rows_from_events, take
from timeline.table.columns import COLUMN_NAMES, DTYPES

__all__ = ["JACCARD_MIN", "RATIO_MIN", "NOTE_SOURCES", "event_row", "similarity", "merge_rows", "merge_frame",
           "table_from_rows", "table_order", "to_table", "empty_table"]


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
        "flags": ";".join(e.flags) or None,
        "source_path": doc.path,
        "source_title": doc.title,
        "published": _iso(doc.dct),
        "sources_count": 1,
        "merge_note": None,
        "qualifiers": ";".join(e.qualifiers) or None,
    }


def similarity(a: dict, b: dict) -> tuple[float, float]:
    """(token Jaccard without stop words, difflib ratio over the word sequences) of two rows' event texts
    without their temporal phrases."""
    return scores(text_words(a["event_text"], a["phrase"]), text_words(b["event_text"], b["phrase"]))


def empty_table() -> pd.DataFrame:
    return empty_frame()


def _merged_values(frame: pd.DataFrame, multi: list[list[tuple[int, tuple[float, float] | None]]]) -> dict:
    """The cells a merge rewrites (source_path, sources_count, flags, qualifiers, merge_note), by first row."""
    needed = np.asarray(sorted({r for cluster in multi for r, _ in cluster}), dtype=np.int64)
    if not len(needed):
        return {}
    cols = ("source_path", "flags", "qualifiers", "phrase", "edtf", "start")
    values = {name: dict(zip(needed.tolist(), _values(frame[name], needed))) for name in cols}
    out = {}
    for cluster in multi:
        rows = [{name: values[name][r] for name in cols} for r, _ in cluster]
        out[cluster[0][0]] = _merge([(row, s) for row, (_, s) in zip(rows, cluster)])
    return out


def _merge(cluster: list[tuple[dict, tuple[float, float] | None]]) -> dict:
    row = dict(cluster[0][0])
    rows = [r for r, _ in cluster]
    row["source_path"] = ";".join(r["source_path"] for r in rows)
    row["sources_count"] = len(rows)
    flags = {f for r in rows for f in (r["flags"] or "").split(";") if f}
    row["flags"] = ";".join([f for f in FLAG_ORDER if f in flags] + sorted(flags - set(FLAG_ORDER))) or None
    quals = list(dict.fromkeys(q for r in rows for q in (r["qualifiers"] or "").split(";") if q))
    row["qualifiers"] = ";".join(quals) or None
    parts = [f"{r['source_path']} ({r['phrase']!s}: Jaccard {s[0]:.2f}, ratio {s[1]:.2f})"
             for r, s in cluster[1:NOTE_SOURCES + 1]]
    if len(cluster) > NOTE_SOURCES + 1:
        parts.append(f"and {len(cluster) - NOTE_SOURCES - 1} more")
    row["merge_note"] = (f"{len(rows)} articles report the same date ({row['edtf'] or row['start']}) with "
                         f"near-identical text; kept the text of {rows[0]['source_path']} "
                         f"(published first), merged " + "; ".join(parts))
    return row


def merge_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` with the mentions of one happening merged (see the module docstring), one row per
    cluster in the order the clusters were formed (``frame`` is emptied)."""
    firsts, multi = clusters(frame)
    merged = _merged_values(frame, multi)
    out = take(frame, firsts)
    if merged:
        at = {r: i for i, r in enumerate(firsts.tolist())}
        where = np.asarray([at[r] for r in merged], dtype=np.int64)
        for name in ("source_path", "sources_count", "flags", "qualifiers", "merge_note"):
            column = out[name].array.copy()
            column[where] = pd.array([m[name] for m in merged.values()], dtype=DTYPES[name])
            out[name] = column
    return out


def table_order(frame: pd.DataFrame) -> np.ndarray:
    """Row positions in table order: the date (``end`` for an open start), precision coarse first, end, source
    path, offset, kind, headline; ties keep the frame's order."""
    when = frame["start"].fillna(frame["end"]).fillna("9999-12-31")
    ranks = {p: precision_rank(p) for p in frame["precision"].dropna().unique().tolist()}
    rank = frame["precision"].map(ranks).fillna(precision_rank(None)).to_numpy(dtype=np.int64)
    offset = frame["phrase_start"].fillna(1 << 62).to_numpy(dtype=np.int64)
    keys = [_codes(when, ""), rank, _codes(frame["end"], ""), _codes(frame["source_path"], ""), offset,
            _codes(frame["kind"], ""), _codes(frame["headline"], "")]
    return np.lexsort(keys[::-1])


def table_from_rows(frame: pd.DataFrame, *, merge: bool = True) -> pd.DataFrame:
    """The canonical table from an unordered frame of rows (:mod:`timeline.table.rows`; ``frame`` is consumed):
    merged if asked, ordered, ``event_id`` ``e1`` .. ``eN``, exactly ``table.COLUMNS`` with their dtypes."""
    if merge:
        frame = merge_frame(frame)
    if not len(frame):
        return empty_table()
    table = take(frame, table_order(frame))
    table["event_id"] = pd.array([f"e{i}" for i in range(1, len(table) + 1)], dtype=DTYPES["event_id"])
    return table[list(COLUMN_NAMES)].astype(DTYPES)


def merge_rows(rows: list[dict]) -> list[dict]:
    """Merge the mentions of one happening reported by several documents (see the module docstring): rows as
    dicts (:func:`event_row`) in, one dict per cluster out, in the order the clusters were formed."""
    if not rows:
        return []
    cols = {name: [r.get(name) for r in rows] for name in COLUMN_NAMES}
    return merge_frame(frame_from_columns(cols)).astype(object).where(lambda d: d.notna(), None).to_dict("records")


def to_table(events: list[Event], *, merge: bool = True) -> pd.DataFrame:
    """The canonical event table: exactly ``table.COLUMNS`` in order with their dtypes, ordered by date."""
    return table_from_rows(rows_from_events(events), merge=merge)
