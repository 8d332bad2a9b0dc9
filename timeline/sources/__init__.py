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

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from timeline.sources.ingest import Failure, InputError, expand_inputs
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


FORMATS: dict[str, Format] = {
    "text": Format("text", text.split, text.parse, "plain text: title line, date header, body"),
    "html": Format("html", html.split, html.parse, "web page: main text (trafilatura), date (htmldate)"),
    "jsonl": Format("jsonl", records.split_jsonl, records.parse, "JSON lines: one article per line"),
    "csv": Format("csv", records.split_csv, records.parse, "CSV with a header row: one article per row"),
    "tsv": Format("tsv", records.split_tsv, records.parse, "tab-separated, like CSV"),
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


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """The files named by ``inputs``: folders walked (files with a known suffix), globs expanded, ``-`` kept."""
    return expand_inputs(inputs, SUFFIXES)


def iter_units(inputs: Iterable[str], options: ReadOptions,
               on_file: Callable[[str], None] | None = None) -> Iterator[Union[Unit, Failure]]:
    """Every article of every input (folders walked for known suffixes, globs expanded), streamed in order."""
    for path in expand(inputs):
        if on_file:
            on_file(path)
        fmt = format_of(path, options.input_format)
        try:
            yield from fmt.split(path, fmt.name, options)
        except InputError as exc:
            yield Failure.from_error(exc)


def parse_unit(unit: Unit, options: ReadOptions) -> Document:
    """The Document of one unit; :class:`InputError` (with the record number) when it cannot be read or dated."""
    try:
        return FORMATS[unit.format].parse(unit, options)
    except InputError as exc:
        if exc.record is None and unit.record is not None:
            raise InputError(unit.path, exc.reason, unit.record) from None
        raise


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
