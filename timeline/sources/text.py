"""Plain-text articles (the seed's form): title line, ``Published ...`` header, body. See :mod:`timeline.sources.ingest`."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from timeline.sources.ingest import read_bytes, read_text_document
from timeline.model import Document
from timeline.sources.base import ReadOptions, Unit


def split(path: str, fmt: str, options: ReadOptions) -> Iterator[Unit]:
    data = read_bytes(path)
    yield Unit(path, fmt, data, nbytes=len(data))


def parse(unit: Unit, options: ReadOptions) -> Document:
    doc = read_text_document(unit.path, unit.payload, dct=options.dct, date_order=options.date_order,
                             narrative=options.narrative, lang=options.lang)
    if options.narrative and options.dct is None and doc.dct is not None:
        doc = replace(doc, dct=None)        # --narrative wins over the header's date (--dct over both)
    return doc
