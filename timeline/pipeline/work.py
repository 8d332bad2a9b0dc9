"""The work of one document, and the gathering of the results: what a worker process or a Dask worker runs.

:func:`process_chunk` parses, tags and extracts the events of a chunk of articles (:class:`timeline.sources.Unit`)
with the build's :class:`timeline.pipeline.options.Options`; what cannot be read, dated or tagged comes back as a
:class:`Failure` in its place. :class:`Collector` gathers the outcomes, in input order, into the event table
(:mod:`timeline.table`), with the counts and notes a :class:`timeline.table.timeline.Timeline` reports.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Union

from timeline.events.mentions import EventModelError
from timeline.model import Document, Event, Timex
from timeline.pipeline.options import Options
from timeline.pipeline.watchdog import TooSlow, budget
from timeline.sources import Unit, parse_unit
from timeline.sources.ingest import Failure, InputError

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
        doc = replace(self.document, text="", body_start=0, events=None, sentences=())
        return DocumentResult(doc, [], [replace(e, document=doc) for e in self.events], self.n_expressions)


Outcome = Union[DocumentResult, Failure]


def shift(timexes: list[Timex], offset: int) -> list[Timex]:
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in timexes] if offset else timexes


def process_document(doc: Document, lang: str = "en", every: bool = False, entities=None) -> DocumentResult:
    """Tag the body of one document against its DCT and extract its events (offsets into ``doc.text``; with
    ``every``, the undated ones too: ``Options.events == "all"``) with their participants; with ``entities``
    (:class:`timeline.table.about.Target`), only the events that involve them."""
    from timeline.events.extract import events_and_note
    from timeline.events.participants import attach
    from timeline.tagger import tag
    from timeline.tagger.drift import drift_note

    timexes = shift(tag(doc.body, doc.dct, lang=lang), doc.body_start)
    drift = drift_note(timexes, doc.dct)       # a history read against its file's date: say so
    if drift:
        doc = replace(doc, notes=doc.notes + (drift,))
    events, note = events_and_note(doc, timexes, lang=lang, every=every)
    if note:
        doc = replace(doc, notes=doc.notes + (note,))
        events = [replace(e, document=doc) for e in events]
    events, analysis = attach(doc, timexes, events, lang)
    if entities:
        from timeline.table.about import select

        events = select(events, analysis.aliases() if analysis else {}, entities, lang)
    return DocumentResult(doc, timexes, events, len(timexes))


def process_unit(unit: Unit | Failure, options: Options) -> Outcome:
    """Parse one article and process it; what cannot be read, dated or tagged comes back as a Failure."""
    if isinstance(unit, Failure):
        return unit
    if options.doc_timeout and options.lang not in _warm:
        warm_up(options)
    try:
        with budget(options.doc_timeout):
            return _process(unit, options)
    except TooSlow as exc:
        return Failure(unit.path, f"too slow: not done within {exc.seconds:g} s (--doc-timeout); skipped",
                       unit.record)


_warm: set[str] = set()        # languages whose modules, data and patterns this process has loaded


def warm_up(options: Options) -> None:
    """Load what the first document of a process would load (modules, language data, compiled patterns, the
    header date parser), so that it is not counted in that document's time budget."""
    _warm.add(options.lang)
    body = "On Monday, Oct. 23, 2015, officials said the talks that began in 2011 would resume next week."
    unit = Unit("warm-up.txt", "text", f"Warm-up\nPublished 12.11.2015 14:12\n\n{body}\n".encode())
    try:
        process_document(parse_unit(unit, replace(options.read, dct=None)), options.lang)
    except Exception:                   # only a warm-up: the documents themselves say what fails
        pass


def _process(unit: Unit, options: Options) -> Outcome:
    try:
        doc = parse_unit(unit, options.read)
    except InputError as exc:
        return Failure.from_error(exc)
    try:
        result = process_document(doc, options.lang, options.events == "all", options.entities)
    except (ImportError, EventModelError):      # not the article's fault: the whole build stops, once
        raise
    except Exception as exc:           # one bad article must not sink an archive: report it, go on
        return Failure(unit.path, f"could not be tagged ({type(exc).__name__}: {exc})", unit.record)
    return result if options.keep_texts else result.slim()


def process_chunk(units: list[Unit | Failure], options: Options) -> list[Outcome]:
    """:func:`process_unit` over a chunk: the task a worker process or a Dask worker runs."""
    return [process_unit(u, options) for u in units]


LOST_NAMES = 20             # documents named in the failure line of a lost chunk


def lost_chunk(units: list[Unit | Failure], why: str) -> list[Outcome]:
    """What a chunk whose worker process died gives in its place: the failures it already held, and one failure
    line naming its documents (the first of them as its path)."""
    held = [u for u in units if isinstance(u, Unit)]
    out: list[Outcome] = [u for u in units if isinstance(u, Failure)]
    if held:
        names = [u.path if u.record is None else f"{u.path} record {u.record}" for u in held]
        more = f" and {len(names) - LOST_NAMES} more" if len(names) > LOST_NAMES else ""
        out.append(Failure(held[0].path, f"lost: the worker process tagging {len(held)} document"
                           f"{'s' if len(held) > 1 else ''} died ({why}): {'; '.join(names[:LOST_NAMES])}{more}",
                           held[0].record))
    return out


def chunk_budget(options: Options) -> "Callable[[list], float] | None":
    """The time the main process gives a chunk's task before it kills the worker: every document's budget and a
    minute (None without a per-document budget)."""
    if not options.doc_timeout:
        return None
    return lambda chunk: options.doc_timeout * len(chunk) + 60.0


class Collector:
    """Gathers outcomes, in input order, into the table's engine (:class:`timeline.table.spill.SpillStore`, in a
    temporary folder inside ``spill_dir``): each document's events become rows as they arrive; no Event, Timex or
    text is kept unless ``options.keep_texts``. :meth:`timeline` orders (and merges) the table and returns the
    :class:`Timeline`, its table read into memory (``in_memory=True``) or left on disk. The documents themselves
    are kept (without their texts, unless ``keep_texts``) only for an in-memory Timeline."""

    def __init__(self, options: Options, *, strict: bool = False,
                 on_failure: Callable[[Failure], None] | None = None, progress=None, in_memory: bool = True,
                 spill_dir=None, insert_rows: int | None = None):
        from timeline.table.spill import INSERT_ROWS, SpillStore

        self.options, self.strict, self.on_failure, self.progress = options, strict, on_failure, progress
        self.in_memory = in_memory
        self.store = SpillStore(spill_dir, keep_texts=options.keep_texts and not in_memory,
                                insert_rows=insert_rows or INSERT_ROWS)
        self.documents: list[Document] = []
        self.timexes: dict[str, list[Timex]] = {}
        self.failures: list[Failure] = []
        self.notes: list[tuple[str, str]] = []
        self.n_expressions = 0
        self.about_hits: set[str] = set()       # the --about entities some event involves

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failure):
            if self.strict:
                raise InputError(outcome.path, outcome.reason, outcome.record)
            self.failures.append(outcome)
            if self.on_failure:
                self.on_failure(outcome)
        else:
            self.store.add(outcome)
            self.about_hits.update(n for e in outcome.events if e.entity for n in e.entity.split(";"))
            self.notes += [(outcome.document.path, note) for note in outcome.document.notes]
            self.n_expressions += outcome.n_expressions
            if self.in_memory:
                self.documents.append(outcome.document)
                if self.options.keep_texts:
                    self.timexes[outcome.document.path] = outcome.timexes
        if self.progress:
            self.progress.document_done(not isinstance(outcome, Failure))

    def timeline(self) -> "Timeline":
        """Merge (if the options say so) and order the table; the Timeline (the store is closed on an error, and
        once read when ``in_memory``)."""
        from timeline.table.timeline import Timeline

        store, progress = self.store, self.progress
        try:
            if progress is not None:
                progress.stage(f"{'merging and ' if self.options.merge else ''}ordering {len(store):,} rows")
            table = store.finish(self.options.merge)
            if progress is not None:
                progress.clear()
            notes = self.notes + [("--about", f"no event involves {t.name!r} (no article names it as a participant)")
                                  for t in self.options.entities or () if t.name not in self.about_hits]
            common = dict(failures=self.failures, notes=notes, n_expressions=self.n_expressions,
                          texts_kept=self.options.keep_texts, lang=self.options.lang,
                          entities=self.options.entities or ())
            if not self.in_memory:
                return Timeline(table, n_documents=store.n_documents, store=store, **common)
            events = table.frame()
        except BaseException:
            store.close()
            raise
        store.close()
        return Timeline(events, documents=self.documents, timexes=self.timexes, **common)

    def close(self) -> None:
        self.store.close()
