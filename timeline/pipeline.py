"""The pipeline, top to bottom: ingest -> recognize/resolve (tag) -> events -> order -> export/render.

:func:`build` is the library call behind ``timeline build``; :func:`process_document` is the per-document part
that batch and distributed runs map over documents.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from .ingest import InputError, expand_inputs, read_document
from .model import Document, Event, Timex

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "output"
ERRORS_FILE = "errors.csv"


@dataclass(frozen=True)
class Failure:
    """A document (or record) that could not be processed, and why."""

    path: str
    reason: str
    record: int | None = None


@dataclass
class DocumentResult:
    document: Document
    timexes: list[Timex]
    events: list[Event]


@dataclass
class Timeline:
    """The result of :func:`build`: the event table, what was read, and what failed."""

    events: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    timexes: dict[str, list[Timex]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    n_expressions: int = 0

    @property
    def n_documents(self) -> int:
        return len(self.documents)

    def write(self, out_dir: str | os.PathLike = DEFAULT_OUT, *, formats: Iterable[str] = ("csv",),
              chart: bool = True, **chart_options) -> list[Path]:
        """Write the table in each format, the chart (PNG and SVG) and the errors file into ``out_dir``."""
        from . import export

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        docs = [(d, self.timexes.get(d.path, [])) for d in self.documents]
        written = list(export.write(self.events, out, formats=tuple(formats), documents=docs,
                                    title=chart_options.get("title")))
        if chart:
            from .render import save_chart

            png, svg = out / "timeline.png", out / "timeline.svg"
            save_chart(self.events, png, svg, **chart_options)
            written += [png, svg]
        errors = out / ERRORS_FILE
        if self.failures:
            written.append(write_failures(self.failures, errors))
        else:
            with contextlib.suppress(FileNotFoundError):
                errors.unlink()          # a stale list from an earlier run would mislead
        return written


def write_failures(failures: list[Failure], path: Path) -> Path:
    from .atomic import atomic_write
    import csv

    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "record", "reason"])
        for f in failures:
            w.writerow([f.path, "" if f.record is None else f.record, f.reason])
    return path


def shift(timexes: list[Timex], offset: int) -> list[Timex]:
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in timexes] if offset else timexes


def process_document(doc: Document) -> DocumentResult:
    """Tag the body of one document against its DCT and extract its events (offsets into ``doc.text``)."""
    from .events import extract_events
    from .tagger import tag

    timexes = shift(tag(doc.body, doc.dct), doc.body_start)
    return DocumentResult(doc, timexes, extract_events(doc, timexes))


def build(inputs: Iterable[str | os.PathLike] | None = None, *, dct=None, date_order: str | None = None,
          narrative: bool = False, merge: bool = True, strict: bool = False,
          on_failure: Callable[[Failure], None] | None = None) -> Timeline:
    """Read every input (files, folders, globs, ``-``), tag it, and return the ordered event table.

    A document that cannot be read or dated becomes a :class:`Failure` (reported through ``on_failure`` as it
    happens) and the rest still completes; with ``strict=True`` the first failure raises :class:`InputError`.
    """
    from .order import to_table

    paths = list(expand_inputs([DEFAULT_INPUT] if inputs is None else inputs))
    documents: list[Document] = []
    timexes: dict[str, list[Timex]] = {}
    events: list[Event] = []
    failures: list[Failure] = []
    n_expressions = 0
    for path in paths:
        try:
            doc = read_document(path, dct=dct, date_order=date_order, narrative=narrative)
        except InputError as exc:
            if strict:
                raise
            failure = Failure(exc.path, exc.reason)
            failures.append(failure)
            if on_failure:
                on_failure(failure)
            continue
        result = process_document(doc)
        documents.append(doc)
        timexes[doc.path] = result.timexes
        events.extend(result.events)
        n_expressions += len(result.timexes)
    table = to_table(events, merge=merge)
    return Timeline(table, documents, timexes, failures, n_expressions)
