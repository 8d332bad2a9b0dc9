"""The pipeline, top to bottom: ingest -> recognize/resolve (tag) -> events -> order -> export/render.

:func:`build` is the library call behind ``timeline build``. Inputs are split into articles in this process
(:mod:`timeline.sources`), and each article is parsed, tagged and turned into events by :func:`process_unit`,
which runs here (``jobs=1``), in a pool of worker processes (``jobs=N``) or on a Dask cluster
(``scheduler=ADDRESS``), always in input order so that every way of running writes the same table.
Texts are not kept: the Timeline holds each document's metadata and its events, collected as rows of the table as
they arrive (typed chunks of columns, :mod:`timeline.table.rows`; no Event objects), and its text and timexes only
when ``keep_texts=True``, which the TimeML output needs. Its ``events`` is a DataFrame, so it is in memory.

:func:`build_spilled` (what ``timeline build`` runs) does the same work but keeps nothing per event in memory:
the rows go to a SQLite file in a temporary folder as they arrive (:mod:`timeline.table.spill`), are merged and
ordered there, and :meth:`SpilledTimeline.write` streams them into the same files, byte for byte.
"""
from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

import pandas as pd

from timeline.sources.ingest import Failure, InputError
from timeline.model import Document, Event, Timex
from timeline.table.rows import RowBuilder
from timeline.sources import Fields, ReadOptions, Unit, expand, iter_units, parse_unit

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "output"
ERRORS_FILE = "errors.csv"


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


@dataclass
class Timeline:
    """The result of :func:`build`: the event table, what was read, and what failed."""

    events: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    timexes: dict[str, list[Timex]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    n_expressions: int = 0
    texts_kept: bool = True

    @property
    def n_documents(self) -> int:
        return len(self.documents)

    def write(self, out_dir: str | os.PathLike = DEFAULT_OUT, *, formats: Iterable[str] = ("csv",),
              chart: bool = True, **chart_options) -> list[Path]:
        """Write the table in each format, the chart (PNG and SVG) and the errors file into ``out_dir``."""
        from timeline.render import save_chart

        docs = [(d, self.timexes.get(d.path, [])) for d in self.documents]
        return _write(self, self.events, docs, out_dir, tuple(formats),
                      chart and (lambda png, svg: save_chart(self.events, png, svg, **chart_options)),
                      chart_options.get("title"))


def _write(tl, table, documents, out_dir, formats: tuple[str, ...], draw, title) -> list[Path]:
    """Write ``table`` in each format, the chart (``draw(png, svg)``, unless None) and the errors file."""
    from timeline import export

    if "timeml" in formats and not tl.texts_kept:
        raise ValueError("the timeml format needs the texts: build(..., keep_texts=True)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = list(export.write(table, out, formats=formats, documents=documents, title=title))
    if draw:
        png, svg = out / "timeline.png", out / "timeline.svg"
        draw(png, svg)
        written += [png, svg]
    errors = out / ERRORS_FILE
    if tl.failures:
        written.append(write_failures(tl.failures, errors))
    else:
        with contextlib.suppress(FileNotFoundError):
            errors.unlink()          # a stale list from an earlier run would mislead
    return written


class SpilledTimeline:
    """The result of :func:`build_spilled`: like :class:`Timeline`, but the table stays on disk, in a temporary
    folder removed by :meth:`close` (use it in a ``with`` block). ``events`` is a
    :class:`timeline.table.spill.SpilledTable` (``len()``, ``chunks()``, ``frame()``); the documents are not held
    either: ``n_documents`` counts them and ``notes`` lists their notes as ``(path, note)``."""

    def __init__(self, store, failures: list[Failure], n_expressions: int, notes: list[tuple[str, str]]):
        self.store, self.events = store, store.table
        self.failures, self.n_expressions, self.notes = failures, n_expressions, notes
        self.texts_kept = store.keep_texts

    @property
    def n_documents(self) -> int:
        return self.store.n_documents

    def write(self, out_dir: str | os.PathLike = DEFAULT_OUT, *, formats: Iterable[str] = ("csv",),
              chart: bool = True, **chart_options) -> list[Path]:
        """Write what :meth:`Timeline.write` writes, the same bytes, reading the table back in chunks. The chart
        is drawn from the rows it shows (at most ``max_events``, 60 by default), chosen in one pass."""
        from timeline.table.spill import SpilledDocuments

        def draw(png: Path, svg: Path) -> None:
            from timeline.render import save_chart
            from timeline.table.spill import chart_input

            rows, options = chart_input(self.events, chart_options.get("max_events", 60),
                                        chart_options.get("group_by"), chart_options.get("title"))
            if chart_options.get("source") is not None:
                del options["source"]
            save_chart(rows, png, svg, **{**chart_options, **options})

        return _write(self, self.events, SpilledDocuments(self.store), out_dir, tuple(formats),
                      draw if chart else None, chart_options.get("title"))

    def close(self) -> None:
        """Remove the spilled table (its temporary folder)."""
        self.store.close()

    def __enter__(self) -> "SpilledTimeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_failures(failures: list[Failure], path: Path) -> Path:
    from timeline.atomic import atomic_write
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
    from timeline.events.extract import extract_events
    from timeline.tagger import tag

    timexes = shift(tag(doc.body, doc.dct), doc.body_start)
    return DocumentResult(doc, timexes, extract_events(doc, timexes), len(timexes))


def process_unit(unit: Unit | Failure, options: ReadOptions, keep_texts: bool = False) -> Outcome:
    """Parse one article and process it; what cannot be read, dated or tagged comes back as a Failure."""
    if isinstance(unit, Failure):
        return unit
    try:
        doc = parse_unit(unit, options)
    except InputError as exc:
        return Failure.from_error(exc)
    try:
        result = process_document(doc)
    except ImportError:
        raise
    except Exception as exc:           # one bad article must not sink an archive: report it, go on
        return Failure(unit.path, f"could not be tagged ({type(exc).__name__}: {exc})", unit.record)
    return result if keep_texts else result.slim()


def process_chunk(units: list[Unit | Failure], options: ReadOptions, keep_texts: bool = False) -> list[Outcome]:
    """:func:`process_unit` over a chunk: the task a worker process or a Dask worker runs."""
    return [process_unit(u, options, keep_texts) for u in units]


def _total_bytes(paths: list[str]) -> int:
    """The input's size in bytes (0, no bar, when stdin is among the inputs)."""
    if "-" in paths:
        return 0
    return sum(os.path.getsize(p) for p in paths if os.path.isfile(p))


def _counted(units: Iterable[Unit | Failure], progress) -> Iterator[Unit | Failure]:
    for unit in units:
        progress.read(unit.nbytes if isinstance(unit, Unit) else 0)
        yield unit


def _size(item: Unit | Failure) -> int:
    return item.size if isinstance(item, Unit) else 0


def read_options(dct=None, date_order: str | None = None, narrative: bool = False, fields: Fields | None = None,
                 input_format: str | None = None) -> ReadOptions:
    from timeline.sources.ingest import coerce_dct

    return ReadOptions(dct=coerce_dct(dct, date_order), date_order=date_order, narrative=narrative,
                       fields=fields or Fields(), input_format=input_format)


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

    def timeline(self, merge: bool = True) -> Timeline:
        from timeline.table.order import table_from_rows

        table = table_from_rows(self.rows.frame(), merge=merge)
        return Timeline(table, self.documents, self.timexes, self.failures, self.n_expressions, self.keep_texts)


def build(inputs: Iterable[str | os.PathLike] | None = None, *, dct=None, date_order: str | None = None,
          narrative: bool = False, merge: bool = True, strict: bool = False,
          on_failure: Callable[[Failure], None] | None = None, fields: Fields | None = None,
          input_format: str | None = None, jobs: int | None = 1, scheduler: str | None = None,
          keep_texts: bool = False, progress=None) -> Timeline:
    """Read every input (files, folders, globs, ``-``), tag it, and return the ordered event table.

    Inputs may be plain-text articles, HTML pages, JSON lines or CSV exports (one article per record; the
    ``fields`` say which keys hold text, date, title and id), or TimeML files; ``input_format`` forces a format
    (for stdin or odd suffixes). A document or record that cannot be read, dated or tagged becomes a
    :class:`Failure` with its file and record number (reported through ``on_failure`` as it happens, in input
    order) and the rest still completes; with ``strict=True`` the first failure raises :class:`InputError`.

    ``jobs`` worker processes tag in parallel (None: all cores; 1: in this process); ``scheduler`` is the
    address of a Dask scheduler (``tcp://host:8786``) whose workers do it instead. The table is the same either
    way. ``keep_texts`` keeps each document's text and timexes (needed by the TimeML output; off by default
    so memory does not grow with the texts). ``progress`` is a :class:`timeline.pipeline.progress.Progress` or None.

    The returned table is a DataFrame, held in memory (about 1 KB a row); for an archive of hundreds of thousands
    of articles use :func:`build_spilled`, which keeps it on disk and writes the same files.
    """
    collector = Collector(strict=strict, on_failure=on_failure, progress=progress, keep_texts=keep_texts)
    _collect(collector, inputs, read_options(dct, date_order, narrative, fields, input_format), jobs, scheduler,
             keep_texts, progress)
    return collector.timeline(merge)


def build_spilled(inputs: Iterable[str | os.PathLike] | None = None, *, dct=None, date_order: str | None = None,
                  narrative: bool = False, merge: bool = True, strict: bool = False,
                  on_failure: Callable[[Failure], None] | None = None, fields: Fields | None = None,
                  input_format: str | None = None, jobs: int | None = 1, scheduler: str | None = None,
                  keep_texts: bool = False, progress=None, spill_dir: str | os.PathLike | None = None,
                  insert_rows: int | None = None) -> SpilledTimeline:
    """:func:`build` for corpora of any size: the same arguments and the same table, but the table is spilled to
    disk (a SQLite file in a temporary folder inside ``spill_dir``, default the system's temporary folder) as
    the documents are tagged, merged and ordered there, and written by :meth:`SpilledTimeline.write` in chunks,
    so memory does not grow with the number of events. Use it in a ``with`` block: leaving it removes the
    folder (so does an error here). ``insert_rows`` is the number of rows buffered before each write to disk.
    ``timeline build`` runs this; :func:`build` is for tables one wants as a DataFrame."""
    from timeline.table.spill import INSERT_ROWS, SpillStore

    store = SpillStore(spill_dir, keep_texts=keep_texts, insert_rows=insert_rows or INSERT_ROWS)
    try:
        collector = Collector(strict=strict, on_failure=on_failure, progress=progress, keep_texts=keep_texts,
                              store=store)
        _collect(collector, inputs, read_options(dct, date_order, narrative, fields, input_format), jobs,
                 scheduler, keep_texts, progress)
        if progress is not None:
            progress.stage(f"{'merging and ' if merge else ''}ordering {len(store):,} rows")
        store.finish(merge)
        if progress is not None:
            progress.clear()
        return SpilledTimeline(store, collector.failures, collector.n_expressions, collector.notes)
    except BaseException:
        store.close()
        raise


def _collect(collector: Collector, inputs, options: ReadOptions, jobs: int | None, scheduler: str | None,
             keep_texts: bool, progress) -> None:
    """Read, tag and collect every input, in input order (here, in worker processes or on Dask)."""
    from timeline.pipeline.parallel import chunked, default_jobs, ordered_map

    paths = list(expand([DEFAULT_INPUT] if inputs is None else [str(i) for i in inputs]))
    units = iter_units(paths, options, on_file=progress and (lambda _path: progress.file_started()))
    if progress is not None:
        progress.files_total, progress.bytes_total = len(paths), _total_bytes(paths)
        units = _counted(units, progress)
    task = functools.partial(process_chunk, options=options, keep_texts=keep_texts)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    with _executor(jobs, scheduler) as (executor, workers):
        try:
            for outcome in ordered_map(task, chunked(units, _size), executor, window=2 * workers + 2):
                collector.add(outcome)
        finally:
            if progress is not None:
                progress.close()


@contextlib.contextmanager
def _executor(jobs: int, scheduler: str | None) -> Iterator[tuple[object, int]]:
    """(executor, number of workers): a Dask client's executor, a process pool, or None (run here)."""
    if scheduler:
        from timeline.pipeline.distributed import connect

        with connect(scheduler) as client:
            workers = max(1, sum(client.nthreads().values()))
            yield client.get_executor(pure=False), workers
    elif jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
        try:
            yield pool, jobs
        except BaseException:                   # Ctrl-C or --strict: drop what is queued, do not wait for it
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    else:
        yield None, 1


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process, which stops the run (no traceback from every worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
