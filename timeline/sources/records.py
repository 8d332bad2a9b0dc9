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
import json
import sys
from pathlib import Path
from typing import IO, Iterator, Union

import timeline.sources.ingest as ingest
from timeline.sources.ingest import Failure, InputError, coerce_dct
from timeline.sources.dates import ImpossibleDate, PlaceholderDate, check_year
from timeline.model import Document
from timeline.sources.base import Fields, ReadOptions, Unit
from timeline.sources.repair import decode_line

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))      # articles are longer than csv's 128 KiB default
NOTES = "notes"            # the key under which a record carries the notes of its repair (not a field name)
REPAIRED = "not valid UTF-8 in this record: its bad bytes were decoded as cp1252, the rest as UTF-8"


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return ingest.stdin_bytes()
    with ingest.reading(path):
        ingest.check_regular(path)
        return open(path, "rb")


def _keep(record: dict, fields: Fields) -> dict:
    """The four fields of a record under their canonical names (text, date, title, id); the rest is dropped."""
    return {canonical: record[name] for canonical, name in
            (("text", fields.text), ("date", fields.date), ("title", fields.title), ("id", fields.id))
            if name in record}


def max_line_bytes() -> int:
    """The longest record line read (a JSON line's text escaped may take several bytes a character)."""
    return 4 * ingest.MAX_DOCUMENT_BYTES


def _lines(fh: IO[bytes], stream: bool = False) -> Iterator[bytes | None]:
    """The lines of ``fh`` as bytes, each read with a bound: a line longer than :func:`max_line_bytes` is given
    as None, then skipped to its end in a file, or ends the reading of a ``stream`` (stdin: it may never end)."""
    limit = max_line_bytes()
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            yield None
            if stream:
                return
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            continue
        yield line


def split_jsonl(path: str, fmt: str, options: ReadOptions) -> Iterator[Union[Unit, Failure]]:
    fh = _open(path)
    try:
        for n, line in enumerate(_lines(fh, stream=path == "-"), start=1):
            if line is None:
                yield Failure(path, f"line longer than {max_line_bytes():,} bytes: not read"
                                    + ("; reading of stdin stopped there" if path == "-" else ""), n)
                continue
            nbytes = len(line)
            if n == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            text, repaired = decode_line(line)
            try:
                record = json.loads(text)
            except ValueError as exc:
                yield Failure(path, f"not valid JSON ({getattr(exc, 'msg', exc)} at column "
                                    f"{getattr(exc, 'colno', '?')})", n)
                continue
            except RecursionError:
                yield Failure(path, "not read: JSON nested too deeply", n)
                continue
            if not isinstance(record, dict):
                yield Failure(path, f"a JSON {type(record).__name__}, not an object", n)
                continue
            kept = _keep(record, options.fields)
            if repaired:
                kept[NOTES] = (REPAIRED,)
            yield Unit(path, fmt, kept, n, nbytes)
    finally:
        if path != "-":
            fh.close()


class _DecodedLines:
    """The lines of a binary CSV file as text, each decoded on its own: a line that is not UTF-8 has its bad
    bytes read as cp1252 (``repaired`` is set); ``nbytes`` counts the bytes read so far."""

    def __init__(self, fh: IO[bytes]):
        self.fh, self.nbytes, self.repaired, self.first = fh, 0, False, True

    def __iter__(self) -> Iterator[str]:
        for raw in _lines(self.fh, stream=True):          # a row longer than that ends the file
            if raw is None:
                raise csv.Error(f"a line longer than {max_line_bytes():,} bytes")
            self.nbytes += len(raw)
            if self.first:
                raw, self.first = raw.removeprefix(b"\xef\xbb\xbf"), False
            for piece in raw.splitlines(keepends=True):
                text, repaired = decode_line(piece)
                self.repaired |= repaired
                yield text


def split_csv(path: str, fmt: str, options: ReadOptions, delimiter: str = ",") -> Iterator[Union[Unit, Failure]]:
    fh = _open(path)
    lines = _DecodedLines(fh)
    n = pos = 0
    try:
        reader = csv.DictReader(lines, delimiter=delimiter)
        try:
            columns = reader.fieldnames
        except csv.Error as exc:
            raise InputError(path, f"malformed CSV header ({exc})") from None
        if not columns:
            raise InputError(path, "empty file (no header row)")
        if options.fields.text not in columns:
            raise InputError(path, f"no column {options.fields.text!r} (columns: {', '.join(columns)}); "
                                   f"name the text column with --text-field")
        lines.repaired = False
        while True:
            n += 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:                 # this row is lost, the rows after it are read
                yield Failure(path, f"malformed CSV ({exc})", n)
                continue
            repaired, lines.repaired = lines.repaired, False
            if None in row:
                yield Failure(path, f"{len(columns) + len(row[None])} cells for {len(columns)} columns", n)
                continue
            kept = _keep(row, options.fields)
            if repaired:
                kept[NOTES] = (REPAIRED,)
            yield Unit(path, fmt, kept, n, lines.nbytes - pos)
            pos = lines.nbytes
    finally:
        if path != "-":
            fh.close()


def split_tsv(path: str, fmt: str, options: ReadOptions) -> Iterator[Union[Unit, Failure]]:
    return split_csv(path, fmt, options, delimiter="\t")


def record_date(value, date_order: str | None = None, lang: str = "en") -> _dt.datetime:
    """A record's date field (written in language ``lang``) as a naive datetime; ValueError when it is not a date."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        return check_year(_dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=value))
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
    dct, notes = options.dct, tuple(record.get(NOTES, ()))
    if dct is None:
        value = record.get("date")
        if value not in (None, ""):
            try:
                dct = record_date(value, options.date_order, options.lang)
            except PlaceholderDate as exc:         # 9999-12-31: an export's "no date"
                if not options.narrative:
                    raise InputError(unit.path, f"field {fields.date!r}: {exc} Pass --dct DATE, or --narrative to "
                                                f"read such records without a date", unit.record) from None
                notes += (f"field {fields.date!r}: {exc} Read without a date (narrative mode)",)
            except ImpossibleDate as exc:
                raise InputError(unit.path, f"cannot read the date in field {fields.date!r}: {exc}",
                                 unit.record) from None
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
    return Document(path=unit.source, title=title, dct=dct, text=text, doc_id=doc_id, notes=notes)
