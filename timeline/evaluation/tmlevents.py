"""Gold EVENT mentions of a TimeML file, in the coordinates of the text the system is given.

An EVENT's extent is its element's text without whitespace at its ends (strict matching is on tokens, and a space
is none).

The text is the one :func:`timeline.sources.timeml.read_timeml` gives (what ``timeline build`` and ``timeline
evaluate`` hand to the tagger and the event detector). This module walks ``<TEXT>`` itself to find the EVENT
elements (and the ``<s>`` sentences, when the file marks them) and maps their offsets into that text. The mapping
allows the reader to insert or drop whitespace between elements (a newline between ``<s>`` sentences, say) and
nothing else, so the gold offsets follow the reader whatever it does there; any other difference is an error.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from timeline.sources.timeml import TimeMLError, parse_timeml


@dataclass(frozen=True)
class GoldEvent:
    """One gold EVENT: its extent in the document text, its text and its TimeML class."""

    start: int
    end: int
    text: str
    cls: str
    eid: str = ""


@dataclass(frozen=True)
class EventDocument:
    """A ``.tml`` file's text (as the system sees it), its gold EVENTs and its ``<s>`` sentence spans (if any)."""

    path: str
    doc_id: str
    text: str
    events: tuple[GoldEvent, ...]
    sentences: tuple[tuple[int, int], ...] = ()


def _stream(el: ET.Element) -> Iterator[str | tuple[str, ET.Element]]:
    """``el``'s content in document order: strings of character data, ("open"/"close", element) marks."""
    yield el.text or ""
    for child in el:
        yield "open", child
        yield from _stream(child)
        yield "close", child
        yield child.tail or ""


def _walk(text_el: ET.Element) -> tuple[str, list[tuple[int, int, ET.Element]]]:
    """The character data of ``<TEXT>`` joined as it is, and the (start, end, element) of every element in it."""
    parts: list[str] = []
    pos = 0
    opened: dict[int, int] = {}
    spans: list[tuple[int, int, ET.Element]] = []
    for item in _stream(text_el):
        if isinstance(item, str):
            parts.append(item)
            pos += len(item)
        elif item[0] == "open":
            opened[id(item[1])] = pos
        else:
            spans.append((opened.pop(id(item[1])), pos, item[1]))
    return "".join(parts), spans


def _offset_map(mine: str, theirs: str, path: str) -> list[int] | None:
    """For each offset 0..len(mine) of ``mine``, the offset in ``theirs``; None when the texts are equal.

    ``theirs`` may differ from ``mine`` only by whitespace inserted or removed."""
    if mine == theirs:
        return None
    out = [0] * (len(mine) + 1)
    i = j = 0
    while i < len(mine):
        if j < len(theirs) and mine[i] == theirs[j]:
            out[i] = j
            i, j = i + 1, j + 1
        elif j < len(theirs) and theirs[j].isspace():
            j += 1
        elif mine[i].isspace():
            out[i] = j
            i += 1
        else:
            raise TimeMLError(f"{path}: the reader's text differs from <TEXT> at offset {i} (not only by "
                              f"whitespace); cannot place the gold EVENTs")
    out[len(mine)] = j
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its ends (two TBAQ EVENTs start with a space: " Turning")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_events(source: str, path: str = "<string>") -> EventDocument:
    """Parse a TimeML document given as a string (see :func:`read_events`)."""
    doc = parse_timeml(source, path)                 # the text the system sees; raises TimeMLError on bad XML
    text_el = ET.fromstring(source).find("TEXT")
    mine, spans = _walk(text_el)
    table = _offset_map(mine, doc.text, path)

    def place(start: int, end: int) -> tuple[int, int]:
        if table is None:
            return start, end
        s, e = table[start], table[end]
        if end > start:                               # end just after the last character of the span
            e = table[end - 1] + 1
        return s, e

    events, sentences = [], []
    for start, end, el in spans:
        if el.tag == "EVENT":
            s, e = trim(doc.text, *place(start, end))
            events.append(GoldEvent(s, e, doc.text[s:e], el.get("class", ""), el.get("eid", "")))
        elif el.tag == "s":
            sentences.append(place(start, end))
    events.sort(key=lambda g: (g.start, g.end))
    sentences.sort()
    return EventDocument(path=path, doc_id=doc.doc_id, text=doc.text, events=tuple(events),
                         sentences=tuple(sentences))


def read_events(path: str | Path) -> EventDocument:
    """Read one ``.tml`` file: its text (as :func:`~timeline.sources.timeml.read_timeml` gives it) and its gold
    EVENTs with offsets into that text."""
    p = Path(path)
    return parse_events(p.read_bytes().decode("utf-8"), str(p))
