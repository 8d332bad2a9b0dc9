"""``csv``: ``events.csv``, the canonical table: every column of :data:`timeline.table.columns.COLUMNS`; UTF-8
with a BOM (Excel shows accents); RFC 4180 (minimal quoting, CRLF line ends); free-text cells that begin with
``=``, ``+``, ``-``, ``@``, tab or CR get a leading ``'`` (OWASP CSV injection); date and number columns are never
touched. Written as it is read, a slice at a time.
"""
from __future__ import annotations

from pathlib import Path

from timeline.export._base import CHUNK_ROWS, Context, _cell, chunks, csv_writer, neutralise, text_file
from timeline.table.columns import COLUMNS, FREE_TEXT

_CSV_SLICE = CHUNK_ROWS   # rows turned into Python values at a time while the CSV is written


def _csv_rows(table, names: list[str]):
    """The cells of ``table`` as CSV rows of strings, a slice at a time (never the whole table as objects)."""
    for part in chunks(table, _CSV_SLICE):
        columns = []
        for n in names:
            cells = [_cell(v) for v in part[n].tolist()]
            columns.append([neutralise(v) for v in cells] if n in FREE_TEXT else cells)
        yield from zip(*columns)


def write(table, out_dir: Path, ctx: Context) -> list[Path]:
    names = [c.name for c in COLUMNS]
    path = out_dir / "events.csv"
    with text_file(path) as fh:                       # streamed: rows go straight out
        fh.write("\ufeff")
        w = csv_writer(fh)
        w.writerow(names)
        w.writerows(_csv_rows(table, names))
    return [path]
