"""Export profiles of the canonical event table. Each profile is one small function in ``FORMATS``:

- ``csv``        ``events.csv``: every column of ``table.COLUMNS``; UTF-8 with a BOM (Excel shows accents);
                 RFC 4180 (csv module, minimal quoting, CRLF line ends); free-text cells that begin with
                 ``=``, ``+``, ``-``, ``@``, tab or CR get a leading ``'`` (OWASP CSV injection); date and number
                 columns are never touched.
- ``json``       ``events.json``: ``{"metadata": {...}, "columns": [...], "events": [records with null]}``.
- ``timelinejs`` ``timelinejs.csv`` (the Knight Lab Google Sheet template columns, in order) and
                 ``timelinejs.json`` (the TimelineJS JSON: a title slide and ``events``).
- ``timeml``     ``timeml/<safe name>.tml``: each source text with TIMEX3 tags (needs ``documents``).

A new format is one function ``(table, out_dir, ctx) -> list[Path]`` added to ``FORMATS``.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from . import __version__
from .atomic import atomic_write, write_text
from .model import Document, Timex
from .table import COLUMNS, FREE_TEXT

TIMELINEJS_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
                      "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
                      "Media Thumbnail", "Type", "Group", "Background")
_TJS_FREE_TEXT = ("Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail",
                  "Group", "Background")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ORDINAL_CENTURY = {1: "st", 2: "nd", 3: "rd"}


@dataclass(frozen=True)
class Context:
    documents: list[tuple[Document, list[Timex]]]
    title: str


def neutralise(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ``'`` before ``= + - @``, tab or CR."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _records(table: pd.DataFrame) -> list[dict]:
    out = []
    for rec in table.to_dict("records"):
        out.append({k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v)
                        else int(v) if hasattr(v, "__index__") and not isinstance(v, bool) else v)
                    for k, v in rec.items()})
    return out


# ------------------------------------------------------------------------------------------------ csv

_CSV_SLICE = 5_000        # rows turned into Python values at a time while the CSV is written


def _csv_rows(table: pd.DataFrame, names: list[str]):
    """The cells of ``table`` as CSV rows of strings, a slice at a time (never the whole table as objects)."""
    for lo in range(0, len(table), _CSV_SLICE):
        part = table.iloc[lo:lo + _CSV_SLICE]
        columns = []
        for n in names:
            cells = [_cell(v) for v in part[n].tolist()]
            columns.append([neutralise(v) for v in cells] if n in FREE_TEXT else cells)
        yield from zip(*columns)


def write_csv(table: pd.DataFrame, out_dir: Path, ctx: Context) -> list[Path]:
    names = [c.name for c in COLUMNS]
    path = out_dir / "events.csv"
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:     # streamed: rows go straight out
        fh.write("\ufeff")
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(names)
        w.writerows(_csv_rows(table, names))
    return [path]


# ------------------------------------------------------------------------------------------------ json

def write_json(table: pd.DataFrame, out_dir: Path, ctx: Context) -> list[Path]:
    sources = sorted({(d.path, d.title, d.dct.isoformat() if d.dct else None) for d, _ in ctx.documents})
    data = {
        "metadata": {
            "generator": f"timeline {__version__}",
            "title": ctx.title,
            "events_count": len(table),
            "documents": [{"path": p, "title": t, "published": pub} for p, t, pub in sources],
        },
        "columns": [{"name": c.name, "dtype": c.dtype, "doc": c.doc} for c in COLUMNS],
        "events": _records(table),
    }
    path = out_dir / "events.json"
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return [path]


# ------------------------------------------------------------------------------------------------ timelinejs

def _ymd(iso: str | None, precision: str | None) -> dict:
    """TimelineJS date parts at ``precision``: month precision leaves the day out, year precision the month."""
    if not iso:
        return {}
    y, m, d = (int(x) for x in iso.split("-"))
    if precision in ("year", "decade", "century", "millennium"):
        return {"year": y}
    if precision in ("month", "season", "quarter", "half"):
        return {"year": y, "month": m}
    return {"year": y, "month": m, "day": d}


def _time(row: dict, end: bool = False) -> dict:
    value = row["timex_value"] or ""
    if not end and row["precision"] == "time" and "T" in value:
        hh, mm = value.split("T", 1)[1][:5].split(":")
        return {"hour": int(hh), "minute": int(mm)}
    return {}


def _display_date(row: dict) -> str:
    p, start, end = row["precision"], row["start"], row["end"]
    if not start and end:
        return f"until {end}"
    approx = "c. " if "approximate" in (row["flags"] or "") else ""
    y = int(start[:4]) if start else 0
    if p == "decade":
        return f"{approx}{y}s"
    if p == "century":
        c = y // 100 + 1
        return f"{approx}{c}{'th' if 10 <= c % 100 <= 20 else _ORDINAL_CENTURY.get(c % 10, 'th')} century"
    if p in ("season", "quarter", "half", "week") and row["kind"] != "interval":
        return f"{approx}{row['phrase']}"
    if approx and start:
        return approx + (start[:4] if p == "year" else start[:7] if p == "month" else start)
    return ""


def _tjs_event(row: dict, many_sources: bool = False) -> dict:
    """One TimelineJS event (JSON), with only the keys that have values."""
    start_iso = row["start"] or row["end"]
    start_prec = row["precision"] if row["start"] else row["end_precision"]
    start = {**_ymd(start_iso, start_prec), **_time(row)}
    ev: dict = {"start_date": start}
    point = row["kind"] != "interval" and row["precision"] in ("year", "month", "day", "time")
    if row["start"] and row["end"] and not point:
        ev["end_date"] = _ymd(row["end"], row["end_precision"])
    ev["text"] = {"headline": row["headline"], "text": html.escape(row["event_text"] or "", quote=False)}
    if many_sources and row["source_title"] and row["kind"] != "publication":
        n = row["sources_count"] or 1
        more = f" and {n - 1} more source{'s' if n > 2 else ''}" if n > 1 else ""
        ev["text"]["text"] += f"<br><small>{html.escape(row['source_title'], quote=False)}{more}</small>"
    display = _display_date(row)
    if display:
        ev["display_date"] = display
    if row["kind"] == "publication":
        ev["group"] = "Publication"
    return ev


def _tjs_sheet_row(ev: dict) -> list[str]:
    s, e = ev["start_date"], ev.get("end_date", {})
    time = f"{s['hour']:02d}:{s['minute']:02d}" if "hour" in s else ""
    values = {
        "Year": s.get("year"), "Month": s.get("month"), "Day": s.get("day"), "Time": time,
        "End Year": e.get("year"), "End Month": e.get("month"), "End Day": e.get("day"), "End Time": "",
        "Display Date": ev.get("display_date"), "Headline": ev["text"]["headline"], "Text": ev["text"]["text"],
        "Group": ev.get("group"),
    }
    return [neutralise(_cell(values.get(c))) if c in _TJS_FREE_TEXT else _cell(values.get(c))
            for c in TIMELINEJS_COLUMNS]


def write_timelinejs(table: pd.DataFrame, out_dir: Path, ctx: Context) -> list[Path]:
    records = _records(table)
    n_docs = len({p for r in records for p in (r["source_path"] or "").split(";") if p})
    events = [_tjs_event(r, many_sources=n_docs > 1) for r in records]
    subtitle = f"{len(events)} events from {n_docs} article{'s' if n_docs != 1 else ''}"
    title_row = [""] * len(TIMELINEJS_COLUMNS)
    title_row[TIMELINEJS_COLUMNS.index("Headline")] = neutralise(ctx.title)
    title_row[TIMELINEJS_COLUMNS.index("Text")] = subtitle
    title_row[TIMELINEJS_COLUMNS.index("Type")] = "title"
    sheet = out_dir / "timelinejs.csv"
    write_text(sheet, _csv_text(list(TIMELINEJS_COLUMNS), [title_row] + [_tjs_sheet_row(e) for e in events]))
    doc = {"title": {"text": {"headline": ctx.title, "text": subtitle}}, "events": events}
    js = out_dir / "timelinejs.json"
    write_text(js, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return [sheet, js]


# ------------------------------------------------------------------------------------------------ timeml

_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)$", re.I)


def safe_name(name: str, fallback: str = "document") -> str:
    """A file name stem that stays inside its folder on every system: letters, digits, ``._-`` only, no
    leading dot, not a reserved Windows device name, at most 80 characters."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._-")[:80].strip("._-")
    if not stem:
        stem = fallback
    if _RESERVED.match(stem.split(".")[0]):
        stem = "_" + stem
    return stem


def write_timeml(table: pd.DataFrame, out_dir: Path, ctx: Context) -> list[Path]:
    from .timeml import to_timeml

    folder = out_dir / "timeml"
    written, used = [], set()
    for doc, timexes in ctx.documents:
        stem = safe_name(Path(doc.path.replace("\\", "/")).stem or doc.doc_id)
        name, n = stem, 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.lower())
        path = folder / f"{name}.tml"
        write_text(path, to_timeml(doc.text, timexes, dct=doc.dct, doc_id=doc.doc_id or doc.path))
        written.append(path)
    return written


FORMATS: dict[str, Callable[[pd.DataFrame, Path, Context], list[Path]]] = {
    "csv": write_csv,
    "json": write_json,
    "timelinejs": write_timelinejs,
    "timeml": write_timeml,
}


def write(table: pd.DataFrame, out_dir, formats=("csv",), documents=None, title: str | None = None) -> list[Path]:
    """Write ``table`` in each of ``formats`` into ``out_dir``; returns the files written.

    ``documents`` is a list of ``(Document, timexes)`` (the ``timeml`` profile needs it; the others use it for
    metadata). ``title`` names the timeline (default: the first document's title).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(map(repr, unknown))}; known: {', '.join(FORMATS)}")
    docs = list(documents or [])
    if "timeml" in formats and documents is None:
        raise ValueError("the timeml format needs the documents and their expressions (documents=...)")
    name = title or (docs[0][0].title if docs else "") or "Timeline"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = Context(docs, name)
    written: list[Path] = []
    for fmt in dict.fromkeys(formats):
        written += FORMATS[fmt](table, out, ctx)
    return written
