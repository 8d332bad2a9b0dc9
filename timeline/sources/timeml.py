"""Read and write TimeML (``.tml``) documents.

Reading (:func:`read_timeml`) gives a :class:`TimeMLDocument`: the document creation time taken from the
``<DCT>`` element's TIMEX3 ``value``, the plain text of ``<TEXT>`` with every tag stripped and every entity
unescaped, and the gold TIMEX3 mentions as :class:`timeline.model.Timex` with offsets into that plain text.

The DCT's own TIMEX3 is *not* one of the gold mentions. In-text TIMEX3 marked
``functionInDocument="PUBLICATION_TIME"`` (a few AQUAINT files) are ordinary mentions and are kept.

Writing (:func:`to_timeml`, :func:`format_timeml`) produces a TimeML document with our TIMEX3 tags that the
reader (and any other TempEval tool) reads back with the same text and offsets.
"""
from __future__ import annotations

import datetime as _dt
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape as _escape

from timeline.model import Timex
from timeline.errors import TimelineError

_CREATION = "CREATION_TIME"


@dataclass(frozen=True)
class TimeMLDocument:
    """One parsed ``.tml`` file.

    ``dct`` is a :class:`datetime.date` when the DCT value is a bare date (``1998-08-07``), a
    :class:`datetime.datetime` when it carries a time (``1998-08-07T06:18``), and None when the file has no
    DCT or its value is not a calendar date. ``dct_value`` is the DCT's value exactly as written.
    """

    path: str
    doc_id: str
    dct: _dt.date | _dt.datetime | None
    dct_value: str
    dct_type: str
    text: str
    timexes: tuple[Timex, ...]


class TimeMLError(TimelineError, ValueError):
    """A ``.tml`` file that cannot be read as TimeML."""


# ---------------------------------------------------------------------------------------------------- reading

def parse_dct_value(value: str) -> _dt.date | _dt.datetime | None:
    """``1998-08-07`` -> date; ``1998-08-07T06:18`` or ``...T06:18:00`` -> datetime; anything else -> None."""
    value = (value or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?", value)
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    try:
        if hh is None:
            return _dt.date(int(y), int(mo), int(d))
        return _dt.datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None


def _plain_text_and_timexes(text_el: ET.Element) -> tuple[str, list[Timex]]:
    """Walk ``<TEXT>`` in document order, collecting its character data and the spans of its TIMEX3."""
    parts: list[str] = []
    pos = 0
    found: list[tuple[int, int, ET.Element]] = []

    def add(s: str | None) -> None:
        nonlocal pos
        if s:
            parts.append(s)
            pos += len(s)

    def walk(el: ET.Element) -> None:
        start = pos
        add(el.text)
        for child in el:
            walk(child)
            add(child.tail)
        if el.tag == "TIMEX3":
            found.append((start, pos, el))

    add(text_el.text)
    for child in text_el:
        walk(child)
        add(child.tail)
    plain = "".join(parts)
    timexes = [
        Timex(start=s, end=e, text=plain[s:e], type=el.get("type", ""), value=el.get("value", ""),
              mod=el.get("mod") or None, tid=el.get("tid", ""))
        for s, e, el in sorted(found, key=lambda t: (t[0], t[1]))
    ]
    return plain, timexes


def parse_timeml(source: str, path: str = "<string>") -> TimeMLDocument:
    """Parse a TimeML document given as a string (see :func:`read_timeml`)."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise TimeMLError(f"{path}: not well-formed XML: {exc}") from exc
    text_el = root.find("TEXT")
    if text_el is None:
        raise TimeMLError(f"{path}: no <TEXT> element")
    doc_id = (root.findtext("DOCID") or "").strip() or Path(path).stem
    dct_value, dct_type = "", ""
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:  # some TimeML variants mark the DCT only by its function
        in_text = set(text_el.iter("TIMEX3"))
        dct_timex = next((t for t in root.iter("TIMEX3")
                          if t.get("functionInDocument") == _CREATION and t not in in_text), None)
    if dct_timex is not None:
        dct_value, dct_type = dct_timex.get("value", ""), dct_timex.get("type", "")
    plain, timexes = _plain_text_and_timexes(text_el)
    return TimeMLDocument(path=path, doc_id=doc_id, dct=parse_dct_value(dct_value), dct_value=dct_value,
                          dct_type=dct_type, text=plain, timexes=tuple(timexes))


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read one ``.tml`` file: its DCT, the plain text of ``<TEXT>`` and the gold TIMEX3 in it."""
    p = Path(path)
    return parse_timeml(p.read_bytes().decode("utf-8"), str(p))


def iter_tml_files(path: str | Path) -> list[Path]:
    """A ``.tml`` file itself, or every ``.tml`` file under a directory, sorted by name."""
    p = Path(path)
    if p.is_dir():
        return sorted(q for q in p.rglob("*.tml") if q.is_file())
    if p.is_file():
        return [p]
    raise FileNotFoundError(f"no such file or directory: {p}")


# ---------------------------------------------------------------------------------------------------- writing

# Characters XML 1.0 cannot carry at all; they are written as spaces so every offset stays the same.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    # "\r" is escaped because XML parsers turn a raw CR (or CRLF) into LF, which would shift offsets.
    return _escape(_XML_INVALID.sub(" ", s)).replace("\r", "&#13;")


def _attr(s: str) -> str:
    return _text(str(s)).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _dct_value(dct) -> tuple[str, str]:
    if dct is None:
        return "", ""
    if isinstance(dct, _dt.datetime) and dct.time() == _dt.time(0):
        dct = dct.date()            # a date given as a datetime at midnight (as --dct gives it) stays a DATE
    if isinstance(dct, _dt.datetime):
        return dct.strftime("%Y-%m-%dT%H:%M:%S" if dct.second else "%Y-%m-%dT%H:%M"), "TIME"
    if isinstance(dct, _dt.date):
        return dct.isoformat(), "DATE"
    value = str(dct).strip()
    return value, "TIME" if "T" in value else "DATE"


def _non_overlapping(text: str, timexes: Iterable[Timex]) -> list[Timex]:
    """Sort by offset; TimeML cannot nest TIMEX3, so a mention overlapping an earlier kept one is dropped."""
    kept: list[Timex] = []
    for t in sorted(timexes, key=lambda t: (t.start, -(t.end - t.start))):
        if not (0 <= t.start < t.end <= len(text)):
            raise ValueError(f"TIMEX3 offsets {t.start}:{t.end} out of range for a text of {len(text)} characters")
        if kept and t.start < kept[-1].end:
            warnings.warn(f"dropping TIMEX3 {text[t.start:t.end]!r} at {t.start}:{t.end}: it overlaps "
                          f"{text[kept[-1].start:kept[-1].end]!r}", stacklevel=3)
            continue
        kept.append(t)
    return kept


def to_timeml(text: str, timexes: Iterable[Timex], dct=None, doc_id: str = "doc") -> str:
    """A TimeML document for ``text`` with a TIMEX3 tag for each of ``timexes``.

    ``dct`` (date, datetime, ISO string or None) becomes the ``<DCT>`` TIMEX3 ``t0``, typed DATE for a date
    (or a datetime at exactly midnight) and TIME otherwise; without it there is no DCT element.
    Tag ids are the timexes' own ``tid`` when all are set and distinct, else ``t1``, ``t2``, ...
    The extent of each tag is taken from the offsets (``start``/``end``), not from ``Timex.text``.
    Reading the result with :func:`parse_timeml` gives back ``text`` and the same offsets, type, value and mod
    (except for characters XML cannot hold, written as spaces).
    """
    kept = _non_overlapping(text, timexes)
    tids = [t.tid for t in kept]
    if not all(tids) or len(set(tids)) != len(tids) or "t0" in tids:
        tids = [f"t{i}" for i in range(1, len(kept) + 1)]
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n',
           f"<DOCID>{_text(doc_id)}</DOCID>\n"]
    dct_value, dct_type = _dct_value(dct)
    if dct_value:
        out.append(f'<DCT><TIMEX3 tid="t0" type="{dct_type}" value="{_attr(dct_value)}" temporalFunction="false" '
                   f'functionInDocument="{_CREATION}">{_text(dct_value)}</TIMEX3></DCT>\n')
    out.append("<TEXT>")
    pos = 0
    for tid, t in zip(tids, kept):
        out.append(_text(text[pos:t.start]))
        attrs = f'tid="{_attr(tid)}" type="{_attr(t.type)}" value="{_attr(t.value)}"'
        if t.mod:
            attrs += f' mod="{_attr(t.mod)}"'
        out.append(f"<TIMEX3 {attrs}>{_text(text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    out.append(_text(text[pos:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)


def format_timeml(text: str, timexes: Iterable[Timex], dct=None, doc_id: str = "doc") -> str:
    """What ``timeline tag --format timeml`` prints: :func:`to_timeml` of the tagged text."""
    return to_timeml(text, timexes, dct=dct, doc_id=doc_id)
