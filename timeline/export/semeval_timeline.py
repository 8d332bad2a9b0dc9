"""``semeval-timeline``: one SemEval-2015 Task 4 timeline per ``--about`` entity, ``semeval-timeline/<entity>.txt``.

The file of an entity is named as the task names its files (the entity lower-cased, spaces as underscores,
reduced to a safe file name); its first line is the entity as given, then one row per event mention that involves
it (the ``entity`` column) and has a trigger word: ``order<TAB>anchor<TAB>DOCID-SENTENCE-TOKEN``. The anchor is the
first day of the event's dates at its precision (``YYYY-MM-DD`` for a day or a week, ``YYYY-MM-XX`` for a month,
season, quarter or half, ``YYYY-XX-XX`` for a year or longer); ``order`` numbers the distinct anchors from the
earliest, 1, 2, ... (mentions of one anchor share their number: simultaneous), and an undated event is
``0<TAB>XXXX-XX-XX``. The mention is the task's: for TimeML input DOCID is the file's ``<DOCID>``, SENTENCE the
``id`` of its ``<s>`` element and TOKEN the trigger word as written (the trial gold's ``16844-2-unveiled``); for
other input DOCID is the file name's stem and SENTENCE the sentence's number (the title 0, the body from 1).
An entity no event involves gets a file with its name alone; a build without entities writes none (the CLI
refuses ``--format semeval-timeline`` without ``--about``).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from timeline.atomic import write_text
from timeline.export._base import Context, records
from timeline.export.timeml import safe_name

FOLDER = "semeval-timeline"
UNDATED = "XXXX-XX-XX"
_MONTHS = frozenset(("month", "season", "quarter", "half"))
_YEARS = frozenset(("year", "decade", "century"))


def file_name(entity: str) -> str:
    """``iPhone 4`` -> ``iphone_4.txt``, as the task names its timelines."""
    return safe_name(entity.strip().lower().replace(" ", "_"), "entity") + ".txt"


def anchor(start: str | None, precision: str | None) -> str:
    """The task's anchor of an event starting on ``start`` (ISO date) at ``precision``."""
    if not start:
        return UNDATED
    y, m, d = start[:4], start[5:7], start[8:10]
    if precision in _YEARS:
        return f"{y}-XX-XX"
    if precision in _MONTHS:
        return f"{y}-{m}-XX"
    return f"{y}-{m}-{d}"


class _Sentences:
    """Where a document's sentences are: DOCID and (start, end, id) of each sentence, by source path."""

    def __init__(self, ctx: Context):
        self.texts = {d.path: d for d, _ in ctx.documents}
        self.cache: dict[str, tuple[str, list[tuple[int, int, str]]]] = {}

    def _timeml(self, path: str):
        from timeline.evaluation.tmlevents import parse_events

        try:
            source = Path(path).read_bytes().decode("utf-8")
            doc = parse_events(source, path)
            text_el = ET.fromstring(source).find("TEXT")
        except (OSError, UnicodeDecodeError, ValueError, ET.ParseError):
            return None
        ids = [el.get("id", "") for el in text_el.iter("s")] if text_el is not None else []
        if not doc.sentences or len(ids) != len(doc.sentences):
            return None
        return doc.doc_id, [(s, e, i or str(n)) for n, ((s, e), i) in enumerate(zip(doc.sentences, ids), 1)]

    def _text(self, path: str):
        from timeline.events.text import text_analysis

        doc = self.texts.get(path)
        stem = safe_name(Path(path.split("#")[0].replace("\\", "/")).stem, "doc") + (
            "#" + path.split("#", 1)[1] if "#" in path else "")
        if doc is None or not doc.text:
            return stem, []
        spans = [(0, doc.body_start)] if doc.body_start else []
        spans += list(text_analysis().sentences(doc.text, doc.body_start))
        first = 0 if doc.body_start else 1
        return doc.doc_id or stem, [(s, e, str(n)) for n, (s, e) in enumerate(spans, first)]

    def mention(self, path: str, offset: int, token: str) -> str:
        found = self.cache.get(path)
        if found is None:
            found = (self._timeml(path) if path.lower().endswith(".tml") else None) or self._text(path)
            self.cache[path] = found
        doc_id, spans = found
        sentence = next((i for s, e, i in spans if s <= offset < e), None)
        if sentence is None:
            before = [i for s, _e, i in spans if s <= offset]
            sentence = before[-1] if before else "0"
        return f"{doc_id}-{sentence}-{token}"


def timelines(table, ctx: Context) -> dict[str, list[tuple[int, str, str]]]:
    """Each entity's rows ``(order, anchor, mention)``, in order."""
    where = _Sentences(ctx)
    found: dict[str, dict[str, str]] = {t.name: {} for t in ctx.entities}
    for rec in records(table):
        token, offset = rec.get("trigger"), rec.get("trigger_start")
        if not token or offset is None or not rec.get("entity"):
            continue
        mention = where.mention((rec["source_path"] or "").split(";")[0], offset, "_".join(token.split()))
        a = anchor(rec["start"], rec["precision"])
        for name in rec["entity"].split(";"):
            found.setdefault(name, {}).setdefault(mention, a)
    out = {}
    for name, mentions in found.items():
        dated = sorted({a for a in mentions.values() if a != UNDATED}, key=lambda a: a.replace("X", "0"))
        order = {a: n for n, a in enumerate(dated, 1)}
        rows = [(order.get(a, 0), a, m) for m, a in mentions.items()]
        out[name] = sorted(rows, key=lambda r: (r[0], r[2]))
    return out


def write(table, out_dir: Path, ctx: Context) -> list[Path]:
    folder = out_dir / FOLDER
    written, used = [], set()
    for name, rows in timelines(table, ctx).items():
        file = file_name(name)
        stem, n = file[:-4], 1
        while file.lower() in used:
            n += 1
            file = f"{stem}-{n}.txt"
        used.add(file.lower())
        lines = [name] + [f"{o}\t{a}\t{m}" for o, a, m in rows]
        path = folder / file
        write_text(path, "\n".join(lines) + "\n")
        written.append(path)
    return written
