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
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re

import pandas as pd

from .event_dates import precision_rank
from .event_text import words
from .events import FLAG_ORDER
from .model import Event
from .table import COLUMN_NAMES, DTYPES

JACCARD_MIN = 0.6
RATIO_MIN = 0.85
NOTE_SOURCES = 20       # merge_note names this many merged mentions, then counts the rest


def _iso(d: _dt.date | _dt.datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def event_row(e: Event) -> dict:
    """One event as a row of the canonical table (``event_id`` is assigned by :func:`to_table`)."""
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


def _sort_key(row: dict) -> tuple:
    when = row["start"] or row["end"] or "9999-12-31"
    offset = row["phrase_start"] if row["phrase_start"] is not None else 1 << 62
    return (when, precision_rank(row["precision"]), row["end"] or "", row["source_path"], offset,
            row["kind"], row["headline"])


def _text_words(row: dict) -> list[str]:
    text = row["event_text"].replace(row["phrase"], " ") if row["phrase"] else row["event_text"]
    return re.findall(r"\w+", text.lower())


def similarity(a: dict, b: dict) -> tuple[float, float]:
    """(token Jaccard without stop words, difflib ratio over the word sequences) of two rows' event texts
    without their temporal phrases."""
    wa, wb = _text_words(a), _text_words(b)
    stop = words("stop")
    ta, tb = set(wa) - stop, set(wb) - stop
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return jaccard, difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _same_happening(a: dict, b: dict) -> tuple[float, float] | None:
    if a["kind"] == "publication" or b["kind"] != a["kind"]:
        return None
    if (a["start"], a["end"], a["precision"], a["end_precision"]) != (b["start"], b["end"], b["precision"],
                                                                      b["end_precision"]):
        return None
    jaccard, ratio = similarity(a, b)
    return (jaccard, ratio) if jaccard >= JACCARD_MIN or ratio >= RATIO_MIN else None


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


def merge_rows(rows: list[dict]) -> list[dict]:
    """Merge the mentions of one happening reported by several documents (see the module docstring)."""
    ordered = sorted(rows, key=lambda r: (r["start"] or "", r["end"] or "", r["published"] or "",
                                          r["source_path"], r["phrase_start"] if r["phrase_start"] is not None
                                          else 1 << 62))
    clusters: list[list[tuple[dict, tuple[float, float] | None]]] = []
    paths: list[set[str]] = []                      # the sources already in each cluster
    by_dates: dict[tuple, list[int]] = {}           # only rows with the same dates can merge
    for row in ordered:
        key = (row["start"], row["end"], row["precision"], row["end_precision"], row["kind"])
        candidates = by_dates.setdefault(key, []) if row["kind"] != "publication" else []
        for k in candidates:
            cluster = clusters[k]
            if row["source_path"] in paths[k]:
                continue
            scores = [_same_happening(r, row) for r, _ in cluster[:1] + cluster[-1:]]
            if all(scores):
                cluster.append((row, min(scores)))
                paths[k].add(row["source_path"])
                break
        else:
            clusters.append([(row, None)])
            paths.append({row["source_path"]})
            candidates.append(len(clusters) - 1)
    return [_merge(c) if len(c) > 1 else c[0][0] for c in clusters]


def empty_table() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=DTYPES[name]) for name in COLUMN_NAMES})


def to_table(events: list[Event], *, merge: bool = True) -> pd.DataFrame:
    """The canonical event table: exactly ``table.COLUMNS`` in order with their dtypes, ordered by date."""
    rows = [event_row(e) for e in events]
    if merge:
        rows = merge_rows(rows)
    rows.sort(key=_sort_key)
    for i, row in enumerate(rows, start=1):
        row["event_id"] = f"e{i}"
    if not rows:
        return empty_table()
    df = pd.DataFrame.from_records(rows, columns=list(COLUMN_NAMES))
    return df.astype(DTYPES).reset_index(drop=True)
