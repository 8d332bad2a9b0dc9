"""``xlsx``: ``events.xlsx``, the canonical table as an Excel workbook (openpyxl, written row by row), every cell
typed as a spreadsheet expects:

- ``start`` and ``end`` are real dates (shown ``yyyy-mm-dd``) where Excel can hold them (1900-03-01 to
  9999-12-31: Excel's calendar starts in 1900 and counts a 29 February 1900 that never was), else the ISO text
  (``1066-10-14``, an "11th century" row);
- ``published`` is a real date and time when it has no time zone and Excel can hold it, else the ISO text;
- ``phrase_start``, ``phrase_end`` and ``sources_count`` are whole numbers (empty when missing);
- everything else is text, never a number or a formula: "Oct. 23" stays the phrase, ``007`` keeps its zeros, and
  free text that begins with ``=``, ``+``, ``-``, ``@``, tab or CR keeps the CSV's formula guard (a leading
  ``'``, :func:`timeline.export.neutralise`), so a cell copied out of the workbook into a CSV or another sheet is
  still no formula.

Characters XML cannot carry (control characters) become U+FFFD; a cell longer than Excel's 32,767 characters is
cut there with "…". More rows than a sheet holds (1,048,575 after the header) go on to sheets ``events 2`` ...
The same table gives the same bytes (fixed creation time, fixed times inside the zip).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from timeline.atomic import write_bytes
from timeline.export._base import Context, neutralise, records
from timeline.table.columns import COLUMNS, FREE_TEXT

SHEET_ROWS = 1_048_575              # rows a sheet holds after its header
CELL_CHARS = 32_767
FIRST_DAY = dt.date(1900, 3, 1)     # Excel's first day that is right in both of its date systems
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FIXED = dt.datetime(2000, 1, 1)
DATE_COLUMNS = ("start", "end")
NUMBER_COLUMNS = tuple(c.name for c in COLUMNS if c.dtype == "Int64")
WIDTHS = {"event_id": 8, "start": 12, "end": 12, "phrase": 18, "headline": 48, "event_text": 80,
          "source_title": 36, "source_path": 30, "published": 19, "merge_note": 40, "qualifiers": 24}


def _text(value: str) -> str:
    value = _ILLEGAL.sub("\ufffd", value.encode("utf-8", "replace").decode("utf-8"))
    return value if len(value) <= CELL_CHARS else value[:CELL_CHARS - 1] + "…"


def _day(value: str):
    """An ISO day as a date where Excel can hold it, else the text itself."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return day if day >= FIRST_DAY else value


def _moment(value: str):
    """An ISO date-time with no zone as a datetime (a day alone as a date) where Excel can hold it, else text."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None or moment.date() < FIRST_DAY:
        return value
    return moment.date() if len(value) <= 10 else moment.replace(microsecond=0)


def _cells(ws, rec: dict, names: list[str]):
    from openpyxl.cell import WriteOnlyCell
    out = []
    for name in names:
        value = rec.get(name)
        if value is None or value == "":
            out.append(None)
            continue
        if name in NUMBER_COLUMNS:
            out.append(int(value))
            continue
        text = _text(str(value))
        if name in DATE_COLUMNS or name == "published":
            typed = _day(text) if name in DATE_COLUMNS else _moment(text)
            if not isinstance(typed, str):
                cell = WriteOnlyCell(ws, value=typed)
                cell.number_format = "yyyy-mm-dd" if type(typed) is dt.date else "yyyy-mm-dd hh:mm:ss"
                out.append(cell)
                continue
        cell = WriteOnlyCell(ws, value=neutralise(text) if name in FREE_TEXT else text)
        cell.data_type = "s"                        # text, whatever it starts with: never a formula
        out.append(cell)
    return out


def _sheet(wb, k: int, names: list[str]):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    ws = wb.create_sheet("events" if k == 1 else f"events {k}")
    ws.freeze_panes = "A2"
    for i, name in enumerate(names, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 12)
    header = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        cell.data_type = "s"
        header.append(cell)
    ws.append(header)
    return ws


def _same_bytes(data: bytes) -> bytes:
    """The workbook's zip again, every member dated 1980-01-01 and the workbook's modified time the fixed one
    (openpyxl dates both now)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + _FIXED.isoformat().encode() + b"Z", body)
            out.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def write(table, out_dir: Path, ctx: Context) -> list[Path]:
    try:
        from openpyxl import Workbook
    except ImportError:                             # a dependency of the package: only a broken install lacks it
        raise ValueError("the xlsx format needs openpyxl (pip install openpyxl)") from None
    names = [c.name for c in COLUMNS]
    wb = Workbook(write_only=True)
    wb.properties.creator = "timeline"
    wb.properties.title = _text(ctx.title or "")
    wb.properties.created = wb.properties.modified = _FIXED
    ws, k, n = _sheet(wb, 1, names), 1, 0
    for rec in records(table):
        if n == SHEET_ROWS:
            k, n = k + 1, 0
            ws = _sheet(wb, k, names)
        ws.append(_cells(ws, rec, names))
        n += 1
    buf = io.BytesIO()
    wb.save(buf)
    path = out_dir / "events.xlsx"
    write_bytes(path, _same_bytes(buf.getvalue()))
    return [path]
