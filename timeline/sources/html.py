"""Web pages: the main text with trafilatura, the publication date with htmldate (the ``html`` extra).

Only the page's own markup is used for the date (meta tags, ``<time>``, JSON-LD, URL-like paths in links are
not searched: ``extensive_search=False``), and htmldate's upper bound is pinned far ahead so that the result
never depends on today's date. ``Document.text`` is the extracted main text; offsets refer to it.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Iterator

from timeline.sources.ingest import InputError, read_bytes
from timeline.model import Document
from timeline.sources.base import ReadOptions, Unit

EXTRA = "pip install 'timeline[html]' (htmldate, trafilatura)"
#: htmldate's settings: markup only, the original (not the updated) date, the time when given, and an upper
#: bound pinned far ahead (htmldate's default bound is today, which would make results depend on the clock)
DATE_CONFIG = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S",
               "max_date": "2999-12-31"}


def split(path: str, fmt: str, options: ReadOptions) -> Iterator[Unit]:
    data = read_bytes(path)
    yield Unit(path, fmt, data, nbytes=len(data))


def parse(unit: Unit, options: ReadOptions) -> Document:
    try:
        import htmldate
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError as exc:
        raise InputError(unit.path, f"reading HTML needs {EXTRA}: {exc}") from None
    data = unit.payload
    if not data.strip():
        raise InputError(unit.path, "empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(unit.path, "binary file (contains NUL bytes), not HTML")
    tree = load_html(data)
    if tree is None:
        raise InputError(unit.path, "not readable as HTML")
    meta = trafilatura.extract_metadata(tree, date_config=DATE_CONFIG, extensive=False)
    title = (meta.title if meta is not None and meta.title else "") or Path(unit.path).stem
    dct = options.dct
    if dct is None and not options.narrative:     # --narrative wins over the page's date
        found = htmldate.find_date(tree, **DATE_CONFIG)
        dct = _dt.datetime.fromisoformat(found) if found else None
    if dct is None and not options.narrative:
        raise InputError(unit.path, "no publication date in the page's markup; pass --dct DATE (or --narrative)")
    # precision first and no fallback extractors: those read a page of navigation links as its text
    body = trafilatura.extract(tree, output_format="txt", include_comments=False, deduplicate=False,  # prunes tree
                               favor_precision=True, fast=True)
    if not body or not body.strip():
        raise InputError(unit.path, "no main text found in the page")
    return Document(path=unit.path, title=title.strip(), dct=dct, text=body, doc_id=Path(unit.path).stem)
