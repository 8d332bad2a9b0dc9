"""Input formats: a registry from file suffix to the reader of that format.

Reading is cut in two so that the costly half runs where the tagging runs (a worker process or a Dask worker):

- ``split(path, options)`` runs in the main process and streams one input file into :class:`Unit` s, one per
  article: the whole file's bytes for one-article formats (text, HTML, TimeML), one record (a small dict of the
  four fields) for JSON lines and CSV. What cannot even be split (an unreadable file, a line that is not JSON)
  becomes a :class:`~timeline.sources.ingest.Failure` in the stream, in its place.
- ``parse(unit, options)`` turns a unit into a :class:`~timeline.model.Document` (decoding, HTML extraction,
  title, date) and raises :class:`~timeline.sources.ingest.InputError` when it cannot be read or dated.

The registry is two plain dicts, :data:`FORMATS` (by name, for ``--input-format``) and :data:`SUFFIXES` (by
file suffix); adding a format is adding an entry, nothing registers itself on import.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from timeline.sources.ingest import Failure, InputError, expand_inputs
from timeline.sources.files import Unreadable
from timeline.sources.repair import display_path, repaired_document
from timeline.model import Document
from timeline.sources import html
from timeline.sources import records
from timeline.sources import text
from timeline.sources import tml
from timeline.sources.base import Fields, ReadOptions, Unit


@dataclass(frozen=True)
class Format:
    name: str
    split: Callable[[str, str, ReadOptions], Iterator[Union[Unit, Failure]]]
    parse: Callable[[Unit, ReadOptions], Document]
    doc: str
    records: bool = False          # many articles to a file (one per record), streamed


FORMATS: dict[str, Format] = {
    "text": Format("text", text.split, text.parse, "plain text: title line, date header, body"),
    "html": Format("html", html.split, html.parse, "web page: main text (trafilatura), date (htmldate)"),
    "jsonl": Format("jsonl", records.split_jsonl, records.parse, "JSON lines: one article per line", True),
    "csv": Format("csv", records.split_csv, records.parse, "CSV with a header row: one article per row", True),
    "tsv": Format("tsv", records.split_tsv, records.parse, "tab-separated, like CSV", True),
    "tml": Format("tml", tml.split, tml.parse, "TimeML: the text of <TEXT> and the DCT"),
}

SUFFIXES: dict[str, Format] = {
    ".txt": FORMATS["text"], ".text": FORMATS["text"], ".md": FORMATS["text"],
    ".html": FORMATS["html"], ".htm": FORMATS["html"], ".xhtml": FORMATS["html"],
    ".jsonl": FORMATS["jsonl"], ".ndjson": FORMATS["jsonl"],
    ".csv": FORMATS["csv"], ".tsv": FORMATS["tsv"],
    ".tml": FORMATS["tml"],
}


def format_of(path: str, input_format: str | None = None) -> Format:
    """The format named by ``input_format``, else the one the suffix says; stdin and unknown suffixes are text."""
    if input_format:
        return FORMATS[input_format]
    return SUFFIXES.get(Path(path).suffix.lower(), FORMATS["text"])


def expand(inputs: Iterable[str | Failure], exclude: Iterable[str] = ()) -> Iterator[Union[str, Failure]]:
    """The files named by ``inputs``: folders walked (files with a known suffix; folders in ``exclude`` left
    out), globs expanded, ``-`` kept; a folder that cannot be read is a :class:`Failure` in its place (and a
    Failure among the inputs stays one, so expanding twice gives the same)."""
    for item in inputs:
        if isinstance(item, Failure):
            yield item
            continue
        for entry in expand_inputs([item], SUFFIXES, exclude):
            yield Failure(entry.path, entry.reason) if isinstance(entry, Unreadable) else entry


def iter_units(inputs: Iterable[str | Failure], options: ReadOptions,
               on_file: Callable[[str], None] | None = None) -> Iterator[Union[Unit, Failure]]:
    """Every article of every input (folders walked for known suffixes, globs expanded), streamed in order.

    Each file is split inside its own failure boundary: what goes wrong is a :class:`Failure` in its place
    (the records before it kept). A file with the same bytes as one read before is a Failure naming that one,
    and is read once (:class:`_Seen`). ``inputs`` may hold Failures already (from :func:`expand`): passed on."""
    seen = _Seen()
    for path in expand(inputs):
        if isinstance(path, Failure):
            yield path
            continue
        if on_file:
            on_file(path)
        fmt = format_of(path, options.input_format)
        try:
            if fmt.records and path != "-":
                first = seen.first(path)
                if first is not None:
                    yield _duplicate(path, first)
                    continue
            for unit in fmt.split(path, fmt.name, options):
                if not fmt.records and isinstance(unit, Unit) and path != "-":
                    first = seen.first(path, unit.payload)
                    unit = unit if first is None else _duplicate(path, first)
                yield unit
        except InputError as exc:
            yield Failure.from_error(exc)
        except Exception as exc:               # one file must not sink the batch: what was read is kept
            yield Failure(path, f"reading stopped ({type(exc).__name__}: {exc})")


def _duplicate(path: str, first: str) -> Failure:
    return Failure(path, f"skipped: the same bytes as {display_path(first)}, read once there")


class _Seen:
    """The files read so far, by size and content digest: the same bytes given twice are read once."""

    def __init__(self):
        self.by_size: dict[int, list[str]] = {}
        self.digests: dict[str, str] = {}

    def first(self, path: str, data: bytes | None = None) -> str | None:
        """The earlier file with the same bytes as ``path`` (its bytes ``data`` when at hand), or None; a file
        is hashed only when an earlier one has its size, so a batch of distinct files is read once."""
        import hashlib
        import stat

        try:
            st = os.stat(path) if data is None else None
        except OSError:
            return None
        if st is not None and not stat.S_ISREG(st.st_mode):
            return None                        # a FIFO or a device is refused by its reader, never opened here
        size = len(data) if data is not None else st.st_size
        same_size = self.by_size.setdefault(size, [])

        def digest(p: str, b: bytes | None = None) -> str:
            if p not in self.digests:
                h = hashlib.sha256()
                if b is not None:
                    h.update(b)
                else:
                    with open(p, "rb") as fh:
                        for block in iter(lambda: fh.read(1 << 20), b""):
                            h.update(block)
                self.digests[p] = h.hexdigest()
            return self.digests[p]

        try:
            if same_size:
                mine = digest(path, data)
                for other in same_size:
                    if digest(other) == mine:
                        return other
        except OSError:
            return None
        same_size.append(path)
        return None


def parse_unit(unit: Unit, options: ReadOptions) -> Document:
    """The Document of one unit; :class:`InputError` (with the record number) when it cannot be read or dated,
    whatever went wrong in the reader. Text that cannot be written as UTF-8 is repaired with a note
    (:func:`timeline.sources.repair.repaired_document`)."""
    try:
        return repaired_document(FORMATS[unit.format].parse(unit, options))
    except InputError as exc:
        if exc.record is None and unit.record is not None:
            raise InputError(unit.path, exc.reason, unit.record) from None
        raise
    except (ImportError, MemoryError):
        raise
    except Exception as exc:                   # a reader's own failure is this unit's, not the batch's
        raise InputError(unit.path, f"could not be read ({type(exc).__name__}: {exc})", unit.record) from None


def read_documents(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[Union[Document, Failure]]:
    """Documents (or Failures, in place) of every input, read in this process: the simple serial path."""
    options = options or ReadOptions()
    for unit in iter_units(inputs, options):
        if isinstance(unit, Failure):
            yield unit
            continue
        try:
            yield parse_unit(unit, options)
        except InputError as exc:
            yield Failure.from_error(exc)


__all__ = ["Fields", "ReadOptions", "Unit", "Format", "FORMATS", "SUFFIXES", "format_of", "expand", "iter_units",
           "parse_unit", "read_documents", "Failure", "InputError"]
