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

``table`` is the ordered table as a DataFrame or as a :class:`timeline.table.spill.SpilledTable` (too large to hold:
on disk, read back in chunks). The profiles here read either through :func:`chunks` a few thousand rows at a
time and write as they read, so ``csv``, ``json`` and ``timelinejs`` never hold the whole table as Python values
and give the same bytes from both; ``ctx.documents`` is a list of ``(Document, timexes)`` or, for a spilled
build, a :class:`Documents` view that reads them back one at a time (``timeml``) or in order (``json``).
"""
from __future__ import annotations

import csv
import html
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from timeline import __version__
from timeline.atomic import atomic_write, write_text
from timeline.model import Document, Timex
from timeline.table.columns import COLUMNS, FREE_TEXT

TIMELINEJS_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
                      "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
                      "Media Thumbnail", "Type", "Group", "Background")
_TJS_FREE_TEXT = ("Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail",
                  "Group", "Background")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ORDINAL_CENTURY = {1: "st", 2: "nd", 3: "rd"}


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
    documents: Documents
    title: str


CHUNK_ROWS = 5_000        # rows turned into Python values at a time while a profile is written
_CSV_SLICE = CHUNK_ROWS   # ... while the CSV is written


def chunks(table, size: int | None = None) -> Iterator[pd.DataFrame]:
    """The ordered table ``size`` rows at a time (a DataFrame is sliced; a spilled table is read back)."""
    size = size or CHUNK_ROWS
    if isinstance(table, pd.DataFrame):
        for lo in range(0, len(table), size):
            yield table.iloc[lo:lo + size]
    else:
        yield from table.chunks(size)


def n_sources(table) -> int:
    """Distinct source paths named in the table (a merged row names several, ``;``-separated)."""
    if isinstance(table, pd.DataFrame):
        return len({p for v in table["source_path"].dropna().tolist() for p in v.split(";") if p})
    return table.n_sources()


def neutralise(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ``'`` before ``= + - @``, tab or CR."""
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


# ------------------------------------------------------------------------------------------------ csv

def _csv_rows(table, names: list[str]):
    """The cells of ``table`` as CSV rows of strings, a slice at a time (never the whole table as objects)."""
    for part in chunks(table, _CSV_SLICE):
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


def _json_streamed(fh, data: dict, lists: dict[str, Iterable]) -> None:
    """``json.dumps(data, ensure_ascii=False, indent=2) + "\n"`` written to ``fh``, where each value of ``data``
    that is a key of ``lists`` (a placeholder string) stands for a list streamed from ``lists[key]``."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    while lists:
        at, key = min((text.index(json.dumps(k)), k) for k in lists)
        line = text[text.rindex("\n", 0, at) + 1:at]
        indent = line[:len(line) - len(line.lstrip(" "))]
        fh.write(text[:at])
        _json_list(fh, lists.pop(key), indent)
        text = text[at + len(json.dumps(key)):]
    fh.write(text)


def _placeholder() -> str:
    return f"\x00{uuid.uuid4().hex}\x00"       # no text from an article can be it


def write_json(table, out_dir: Path, ctx: Context) -> list[Path]:
    docs, events = _placeholder(), _placeholder()                # stand for the streamed lists
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
    records = (rec for part in chunks(table) for rec in _records(part))
    path = out_dir / "events.json"
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        _json_streamed(fh, data, {docs: sources, events: records})
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


def write_timelinejs(table, out_dir: Path, ctx: Context) -> list[Path]:
    n_docs = n_sources(table)

    def events() -> Iterator[dict]:
        for part in chunks(table):
            for r in _records(part):
                yield _tjs_event(r, many_sources=n_docs > 1)

    subtitle = f"{len(table)} events from {n_docs} article{'s' if n_docs != 1 else ''}"
    title_row = [""] * len(TIMELINEJS_COLUMNS)
    title_row[TIMELINEJS_COLUMNS.index("Headline")] = neutralise(ctx.title)
    title_row[TIMELINEJS_COLUMNS.index("Text")] = subtitle
    title_row[TIMELINEJS_COLUMNS.index("Type")] = "title"
    sheet = out_dir / "timelinejs.csv"
    with atomic_write(sheet, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(list(TIMELINEJS_COLUMNS))
        w.writerow(title_row)
        w.writerows(_tjs_sheet_row(e) for e in events())
    placeholder = _placeholder()
    doc = {"title": {"text": {"headline": ctx.title, "text": subtitle}}, "events": placeholder}
    js = out_dir / "timelinejs.json"
    with atomic_write(js, "w", encoding="utf-8", newline="") as fh:
        _json_streamed(fh, doc, {placeholder: events()})
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
    from timeline.sources.timeml import to_timeml

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


FORMATS: dict[str, Callable[[object, Path, Context], list[Path]]] = {
    "csv": write_csv,
    "json": write_json,
    "timelinejs": write_timelinejs,
    "timeml": write_timeml,
}


def write(table, out_dir, formats=("csv",), documents=None, title: str | None = None) -> list[Path]:
    """Write ``table`` (a DataFrame, or a :class:`timeline.table.spill.SpilledTable`) in each of ``formats`` into
    ``out_dir``; returns the files written.

    ``documents`` is a list of ``(Document, timexes)`` or a :class:`Documents` (the ``timeml`` profile needs it;
    the others use it for metadata). ``title`` names the timeline (default: the first document's title).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(map(repr, unknown))}; known: {', '.join(FORMATS)}")
    if "timeml" in formats and documents is None:
        raise ValueError("the timeml format needs the documents and their expressions (documents=...)")
    docs = documents if isinstance(documents, Documents) else Documents(documents or [])
    name = title or docs.first_title() or "Timeline"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = Context(docs, name)
    written: list[Path] = []
    for fmt in dict.fromkeys(formats):
        written += FORMATS[fmt](table, out, ctx)
    return written
