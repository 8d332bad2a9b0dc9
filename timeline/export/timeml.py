"""``timeml``: ``timeml/<safe name>.tml``, each source text with our TIMEX3 tags (needs the documents), and the
TimeML writer itself (:func:`to_timeml`, which ``timeline tag --format timeml`` prints). What it writes, the
reader :func:`timeline.sources.timeml.parse_timeml` (and any other TempEval tool) reads back with the same text
and offsets.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape as _escape

from timeline.atomic import write_text
from timeline.events.anchor import document_mentions
from timeline.export._base import Context
from timeline.model import Timex
from timeline.sources.timeml import CREATION_TIME

NEEDS_DOCUMENTS = True

# Characters XML 1.0 cannot carry at all; they are written as spaces so every offset stays the same.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)$", re.I)


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


def _outside(kept: list[Timex], events) -> list:
    """The event mentions (``start``, ``end``, ``cls``) in range that overlap no kept TIMEX3 nor each other
    (TimeML does not nest EVENT and TIMEX3), in text order."""
    starts = [t.start for t in kept]
    out = []
    for e in sorted(events, key=lambda e: (e.start, e.end)):
        i = bisect.bisect_right(starts, e.start) - 1
        clash = (i >= 0 and e.start < kept[i].end) or (i + 1 < len(kept) and kept[i + 1].start < e.end)
        if e.start < e.end and not clash and not (out and e.start < out[-1].end):
            out.append(e)
    return out


def to_timeml(text: str, timexes: Iterable[Timex], dct=None, doc_id: str = "doc", events: Iterable = ()) -> str:
    """A TimeML document for ``text`` with a TIMEX3 tag for each of ``timexes`` and an ``<EVENT eid="e1"
    class="OCCURRENCE">`` tag for each of ``events`` (objects with ``start``, ``end`` and ``cls``: the event
    mentions of :mod:`timeline.events.mentions`; one that overlaps a TIMEX3 is left out), the text unchanged.

    ``dct`` (date, datetime, ISO string or None) becomes the ``<DCT>`` TIMEX3 ``t0``, typed DATE for a date
    (or a datetime at exactly midnight) and TIME otherwise; without it there is no DCT element.
    Tag ids are the timexes' own ``tid`` when all are set and distinct, else ``t1``, ``t2``, ...
    The extent of each tag is taken from the offsets (``start``/``end``), not from ``Timex.text``.
    Reading the result with :func:`timeline.sources.timeml.parse_timeml` gives back ``text`` and the same
    offsets, type, value and mod (except for characters XML cannot hold, written as spaces).
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
                   f'functionInDocument="{CREATION_TIME}">{_text(dct_value)}</TIMEX3></DCT>\n')
    out.append("<TEXT>")
    events = list(events)
    if any(e.end > len(text) or e.start < 0 for e in events):
        raise ValueError(f"EVENT offsets out of range for a text of {len(text)} characters")
    tags = [(t.start, t.end, "TIMEX3", f'tid="{_attr(tid)}" type="{_attr(t.type)}" value="{_attr(t.value)}"'
             + (f' mod="{_attr(t.mod)}"' if t.mod else "")) for tid, t in zip(tids, kept)]
    tags += [(e.start, e.end, "EVENT", f'eid="e{n}" class="{_attr(e.cls or "OCCURRENCE")}"')
             for n, e in enumerate(_outside(kept, events), 1)]
    pos = 0
    for start, end, name, attrs in sorted(tags):
        out.append(_text(text[pos:start]))
        out.append(f"<{name} {attrs}>{_text(text[start:end])}</{name}>")
        pos = end
    out.append(_text(text[pos:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)


def safe_name(name: str, fallback: str = "document") -> str:
    """A file name stem that stays inside its folder on every system: letters, digits, ``._-`` only, no
    leading dot, not a reserved Windows device name, at most 80 characters."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._-")[:80].strip("._-")
    if not stem:
        stem = fallback
    if _RESERVED.match(stem.split(".")[0]):
        stem = "_" + stem
    return stem


def write(table, out_dir: Path, ctx: Context) -> list[Path]:
    folder = out_dir / "timeml"
    written, used = [], set()
    for doc, timexes in ctx.documents:
        stem = safe_name(Path(doc.path.replace("\\", "/")).stem or doc.doc_id)
        name, n = stem, 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.lower())
        path = folder / f"{name}.tml"
        write_text(path, to_timeml(doc.text, timexes, dct=doc.dct, doc_id=doc.doc_id or doc.path,
                                   events=document_mentions(doc, ctx.lang)))
        written.append(path)
    return written
