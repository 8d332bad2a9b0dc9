"""``json``: ``events.json``, ``{"metadata": {...}, "columns": [...], "events": [records, null for a missing
value]}``; the documents and the events are streamed as they are read.
"""
from __future__ import annotations

from pathlib import Path

from timeline import __version__
from timeline.export._base import Context, json_streamed, placeholder, records, text_file
from timeline.table.columns import COLUMNS


def write(table, out_dir: Path, ctx: Context) -> list[Path]:
    docs, events = placeholder(), placeholder()                # stand for the streamed lists
    data = {
        "metadata": {
            "generator": f"timeline {__version__}",
            "title": ctx.title,
            "events_count": len(table),
            "documents": docs,
        },
        "columns": [{"name": c.name, "dtype": c.dtype, "doc": c.doc} for c in COLUMNS],
        "events": events,
    }
    sources = ({"path": p, "title": t, "published": pub} for p, t, pub in ctx.documents.sources())
    path = out_dir / "events.json"
    with text_file(path) as fh:
        json_streamed(fh, data, {docs: sources, events: records(table)})
    return [path]
