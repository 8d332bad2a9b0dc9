"""The work of one document, and the gathering of the results: what a worker process or a Dask worker runs.

:func:`process_chunk` parses, tags and extracts the events of a chunk of articles (:class:`timeline.sources.Unit`)
with the build's :class:`timeline.pipeline.options.Options`; what cannot be read, dated or tagged comes back as a
:class:`Failure` in its place. :class:`Collector` gathers the outcomes, in input order, into the event table
(:mod:`timeline.table`), with the counts and notes a :class:`timeline.table.timeline.Timeline` reports.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Union

from timeline.model import Document, Event, Timex
from timeline.pipeline.options import Options
from timeline.sources import Unit, parse_unit
from timeline.sources.ingest import Failure, InputError
from timeline.table.rows import RowBuilder

if TYPE_CHECKING:
    from timeline.table.timeline import Timeline


@dataclass
class DocumentResult:
    """What one document gives: its events, its timexes (offsets into ``document.text``) and their count."""

    document: Document
    timexes: list[Timex]
    events: list[Event]
    n_expressions: int = 0

    def slim(self) -> "DocumentResult":
        """The same result without the text or the timexes: what a long run keeps of each document."""
        doc = replace(self.document, text="", body_start=0)
        return DocumentResult(doc, [], [replace(e, document=doc) for e in self.events], self.n_expressions)


Outcome = Union[DocumentResult, Failure]


def shift(timexes: list[Timex], offset: int) -> list[Timex]:
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in timexes] if offset else timexes


def process_document(doc: Document, lang: str = "en") -> DocumentResult:
    """Tag the body of one document against its DCT and extract its events (offsets into ``doc.text``)."""
    from timeline.events.extract import extract_events
    from timeline.tagger import tag

    timexes = shift(tag(doc.body, doc.dct, lang=lang), doc.body_start)
    return DocumentResult(doc, timexes, extract_events(doc, timexes, lang=lang), len(timexes))


def process_unit(unit: Unit | Failure, options: Options) -> Outcome:
    """Parse one article and process it; what cannot be read, dated or tagged comes back as a Failure."""
    if isinstance(unit, Failure):
        return unit
    try:
        doc = parse_unit(unit, options.read)
    except InputError as exc:
        return Failure.from_error(exc)
    try:
        result = process_document(doc, options.lang)
    except ImportError:
        raise
    except Exception as exc:           # one bad article must not sink an archive: report it, go on
        return Failure(unit.path, f"could not be tagged ({type(exc).__name__}: {exc})", unit.record)
    return result if options.keep_texts else result.slim()


def process_chunk(units: list[Unit | Failure], options: Options) -> list[Outcome]:
    """:func:`process_unit` over a chunk: the task a worker process or a Dask worker runs."""
    return [process_unit(u, options) for u in units]


class Collector:
    """Gathers outcomes, in order, into a :class:`Timeline`: each document's events become rows of the table
    as they arrive (:class:`timeline.table.rows.RowBuilder`); no Event, Timex or text is kept unless ``keep_texts``."""

    def __init__(self, *, strict: bool = False, on_failure: Callable[[Failure], None] | None = None,
                 progress=None, keep_texts: bool = False, store=None):
        self.strict, self.on_failure, self.progress, self.keep_texts = strict, on_failure, progress, keep_texts
        self.store = store                  # a timeline.table.spill.SpillStore: the rows go there instead
        self.documents: list[Document] = []
        self.timexes: dict[str, list[Timex]] = {}
        self.rows = RowBuilder()            # the events as rows of the table, not as objects
        self.failures: list[Failure] = []
        self.notes: list[tuple[str, str]] = []
        self.n_expressions = 0

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failure):
            if self.strict:
                raise InputError(outcome.path, outcome.reason, outcome.record)
            self.failures.append(outcome)
            if self.on_failure:
                self.on_failure(outcome)
        elif self.store is not None:
            self.store.add(outcome)
            self.notes += [(outcome.document.path, note) for note in outcome.document.notes]
            self.n_expressions += outcome.n_expressions
        else:
            self.documents.append(outcome.document)
            if self.keep_texts:
                self.timexes[outcome.document.path] = outcome.timexes
            self.rows.add(outcome.events)
            self.n_expressions += outcome.n_expressions
        if self.progress:
            self.progress.document_done(not isinstance(outcome, Failure))

    def timeline(self, merge: bool = True) -> "Timeline":
        from timeline.table.order import table_from_rows
        from timeline.table.timeline import Timeline

        table = table_from_rows(self.rows.frame(), merge=merge)
        return Timeline(table, self.documents, self.timexes, self.failures, self.n_expressions, self.keep_texts)
