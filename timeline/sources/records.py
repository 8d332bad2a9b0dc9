"""JSON lines and CSV exports: one article per record, fields named by :class:`~timeline.sources.Fields`.

Record numbers are 1-based: the line number in a JSON lines file (blank lines count, so ``sed -n 17p`` finds
record 17), the data row number in a CSV file (the header row is not counted). A record's Document path is
``file.jsonl#17``. Only the four fields are kept from each record, under their canonical names (``text``, ``date``, ``title``,
``id``), so wide exports stay cheap to pass around.

A record's date is an ISO 8601 string (``2015-11-12``, ``2015-11-12T14:12:00+01:00``; a time zone is dropped,
the local time kept), any written form the header reader knows (``12.11.2015 14:12``, ``Nov. 12, 2015``), or a
number of seconds since 1970-01-01 UTC.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import sys
from pathlib import Path
from typing import IO, Iterator, Union

import timeline.sources.ingest as ingest
from timeline.sources.ingest import Failure, InputError, coerce_dct
from timeline.model import Document
from timeline.sources.base import Fields, ReadOptions, Unit

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))      # articles are longer than csv's 128 KiB default


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    with ingest.reading(path):
        return open(path, "rb")


def _keep(record: dict, fields: Fields) -> dict:
    """The four fields of a record under their canonical names (text, date, title, id); the rest is dropped."""
    return {canonical: record[name] for canonical, name in
            (("text", fields.text), ("date", fields.date), ("title", fields.title), ("id", fields.id))
            if name in record}


def split_jsonl(path: str, fmt: str, options: ReadOptions) -> Iterator[Union[Unit, Failure]]:
    fh = _open(path)
    try:
        for n, line in enumerate(fh, start=1):
            nbytes = len(line)
            if n == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except UnicodeDecodeError:
                yield Failure(path, "not valid UTF-8", n)
                continue
            except ValueError as exc:
                yield Failure(path, f"not valid JSON ({exc.msg} at column {exc.colno})", n)
                continue
            if not isinstance(record, dict):
                yield Failure(path, f"a JSON {type(record).__name__}, not an object", n)
                continue
            yield Unit(path, fmt, _keep(record, options.fields), n, nbytes)
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


def split_csv(path: str, fmt: str, options: ReadOptions, delimiter: str = ",") -> Iterator[Union[Unit, Failure]]:
    fh = _open(path)
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    n = pos = 0
    try:
        reader = csv.DictReader(text, delimiter=delimiter)
        columns = reader.fieldnames
        if not columns:
            raise InputError(path, "empty file (no header row)")
        if options.fields.text not in columns:
            raise InputError(path, f"no column {options.fields.text!r} (columns: {', '.join(columns)}); "
                                   f"name the text column with --text-field")
        for n, row in enumerate(reader, start=1):
            if None in row:
                yield Failure(path, f"{len(columns) + len(row[None])} cells for {len(columns)} columns", n)
                continue
            new_pos = _tell(fh, pos)         # where the reader's read-ahead is: within a buffer of the truth
            yield Unit(path, fmt, _keep(row, options.fields), n, new_pos - pos)
            pos = new_pos
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8 (save the export as UTF-8)", n + 1) from None
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV ({exc})", n + 1) from None
    finally:
        text.detach()
        if fh is not sys.stdin.buffer:
            fh.close()


def _tell(fh: IO[bytes], default: int) -> int:
    try:
        return fh.tell()
    except OSError:                          # a pipe
        return default


def split_tsv(path: str, fmt: str, options: ReadOptions) -> Iterator[Union[Unit, Failure]]:
    return split_csv(path, fmt, options, delimiter="\t")


def record_date(value, date_order: str | None = None, lang: str = "en") -> _dt.datetime:
    """A record's date field (written in language ``lang``) as a naive datetime; ValueError when it is not a date."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    dct = coerce_dct(value, date_order, lang)
    return dct.replace(tzinfo=None) if dct.tzinfo else dct


def parse(unit: Unit, options: ReadOptions) -> Document:
    fields, record = options.fields, unit.payload      # fields: the names, for the messages
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(unit.path, f"no text in field {fields.text!r}" if text is None
                         else f"field {fields.text!r} is a {type(text).__name__}, not text", unit.record)
    if not text.strip():
        raise InputError(unit.path, f"empty text in field {fields.text!r}", unit.record)
    if len(text) > ingest.MAX_DOCUMENT_BYTES:
        raise InputError(unit.path, f"text too large for one article ({len(text):,} characters; the limit is "
                                    f"{ingest.MAX_DOCUMENT_BYTES:,})", unit.record)
    dct = options.dct
    if dct is None:
        value = record.get("date")
        if value not in (None, ""):
            try:
                dct = record_date(value, options.date_order, options.lang)
            except (ValueError, OverflowError):
                raise InputError(unit.path, f"cannot read the date {value!r} in field {fields.date!r}",
                                 unit.record) from None
        elif not options.narrative:
            raise InputError(unit.path, f"no date in field {fields.date!r}; pass --date-field NAME or --dct DATE",
                             unit.record)
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{Path(unit.path).stem}#{unit.record}"
    title = record.get("title")
    title = str(title).strip() if title not in (None, "") else doc_id
    return Document(path=unit.source, title=title, dct=dct, text=text, doc_id=doc_id)
