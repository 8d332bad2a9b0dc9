"""Read TimeML (``.tml``) documents.

Reading (:func:`read_timeml`) gives a :class:`TimeMLDocument`: the document creation time taken from the
``<DCT>`` element's TIMEX3 ``value``, the plain text of ``<TEXT>`` with every tag stripped and every entity
unescaped, and the gold TIMEX3 mentions as :class:`timeline.model.Timex` with offsets into that plain text.

The DCT's own TIMEX3 is *not* one of the gold mentions. In-text TIMEX3 marked
``functionInDocument="PUBLICATION_TIME"`` (a few AQUAINT files) are ordinary mentions and are kept.

The writer (:func:`timeline.export.timeml.to_timeml`) is the ``timeml`` export profile's.
"""
from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from timeline.model import Timex
from timeline.errors import TimelineError

CREATION_TIME = "CREATION_TIME"      # the DCT's functionInDocument (the writer writes it too)


@dataclass(frozen=True)
class TimeMLEvent:
    """One EVENT element of ``<TEXT>``: ``text == plain[start:end]``, its ``eid`` and ``class``, and the
    ``tense``, ``aspect``, ``polarity`` and ``pos`` of its first MAKEINSTANCE that it has (``attributes``)."""

    start: int
    end: int
    text: str
    cls: str
    eid: str = ""
    attributes: tuple[tuple[str, str], ...] = ()


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
    events: tuple[TimeMLEvent, ...] = ()                    # the EVENT elements of <TEXT>, in text order
    sentences: tuple[tuple[str, int, int], ...] = ()        # (id, start, end) of each <s> element


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


def _plain_text_and_timexes(text_el: ET.Element, instances: dict[str, ET.Element] | None = None):
    """Walk ``<TEXT>`` in document order, collecting its character data and the spans of its TIMEX3, EVENT and
    ``<s>`` elements. A newline follows each ``<s>`` whose tail does not begin with whitespace, so that words
    never fuse across sentences (the offsets are into this text, the one the tagger sees)."""
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
        if el.tag in ("TIMEX3", "EVENT", "s"):
            found.append((start, pos, el))
        if el.tag == "s" and not (el.tail or "")[:1].isspace():
            add("\n")

    add(text_el.text)
    for child in text_el:
        walk(child)
        add(child.tail)
    plain = "".join(parts).rstrip("\n") if parts and parts[-1] == "\n" else "".join(parts)
    found.sort(key=lambda t: (t[0], t[1]))
    timexes = [
        Timex(start=s, end=e, text=plain[s:e], type=el.get("type", ""), value=el.get("value", ""),
              mod=el.get("mod") or None, tid=el.get("tid", ""))
        for s, e, el in found if el.tag == "TIMEX3"
    ]
    events = []
    for s, e, el in found:
        if el.tag == "EVENT":
            while s < e and plain[s].isspace():        # two TBAQ EVENTs start with a space (" Turning")
                s += 1
            while e > s and plain[e - 1].isspace():
                e -= 1
            inst = (instances or {}).get(el.get("eid", ""))
            extra = tuple((k, inst.get(k)) for k in ("tense", "aspect", "polarity", "pos")
                          if inst is not None and inst.get(k))
            events.append(TimeMLEvent(s, e, plain[s:e], el.get("class", ""), el.get("eid", ""), extra))
    sentences = [(el.get("id", ""), s, e) for s, e, el in found if el.tag == "s"]
    return plain, timexes, events, sentences


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
                          if t.get("functionInDocument") == CREATION_TIME and t not in in_text), None)
    if dct_timex is not None:
        dct_value, dct_type = dct_timex.get("value", ""), dct_timex.get("type", "")
    instances: dict[str, ET.Element] = {}
    for inst in root.iter("MAKEINSTANCE"):
        instances.setdefault(inst.get("eventID", ""), inst)
    plain, timexes, events, sentences = _plain_text_and_timexes(text_el, instances)
    return TimeMLDocument(path=path, doc_id=doc_id, dct=parse_dct_value(dct_value), dct_value=dct_value,
                          dct_type=dct_type, text=plain, timexes=tuple(timexes), events=tuple(events),
                          sentences=tuple(sentences))


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
