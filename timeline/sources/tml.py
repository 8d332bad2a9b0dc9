"""TimeML ``.tml`` files: the plain text of ``<TEXT>`` and the DCT, read with :mod:`timeline.sources.timeml`'s reader.

The gold TIMEX3 in the file are not used: the tagger finds the expressions, so a corpus builds into a timeline
like any other archive. Its EVENT elements are the document's event mentions with ``--events-from-input``
(else they are detected), and its ``<s>`` elements its sentences. Offsets refer to the plain text of ``<TEXT>``
(a newline after each ``<s>``).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Iterator

from timeline.sources.ingest import InputError, decode, read_bytes
from timeline.model import Document
from timeline.sources.base import ReadOptions, Unit


def split(path: str, fmt: str, options: ReadOptions) -> Iterator[Unit]:
    data = read_bytes(path)
    yield Unit(path, fmt, data, nbytes=len(data))


def parse(unit: Unit, options: ReadOptions) -> Document:
    from timeline.sources.timeml import TimeMLError, parse_timeml

    decoded = decode(unit.payload, unit.path)
    try:
        doc = parse_timeml(decoded.text, unit.path)
    except TimeMLError as exc:
        raise InputError(unit.path, str(exc).removeprefix(f"{unit.path}: ")) from None
    dct = options.dct
    if dct is None and doc.dct is not None and not options.narrative:     # --narrative wins over the file's <DCT>
        dct = doc.dct if isinstance(doc.dct, _dt.datetime) else _dt.datetime.combine(doc.dct, _dt.time())
    if dct is None and not options.narrative:
        reason = f"DCT value {doc.dct_value!r} is not a calendar date" if doc.dct_value else "no <DCT> in the file"
        raise InputError(unit.path, f"{reason}; pass --dct DATE (or --narrative)")
    if not doc.text.strip():
        raise InputError(unit.path, "empty <TEXT>")
    notes = (decoded.note,) if decoded.note else ()
    return Document(path=unit.path, title=doc.doc_id or Path(unit.path).stem, dct=dct, text=doc.text,
                    doc_id=doc.doc_id or Path(unit.path).stem, encoding=decoded.encoding, notes=notes,
                    events=doc.events if options.events_from_input else None,
                    sentences=tuple((s, e) for _id, s, e in doc.sentences))
