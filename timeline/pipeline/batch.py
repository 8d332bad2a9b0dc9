"""The pipeline, top to bottom: sources -> tagger -> events -> table -> export/render, over many documents.

:func:`build` is the library call behind ``timeline build``. Inputs are split into articles in this process
(:mod:`timeline.sources`), and each article is parsed, tagged and turned into events by
:func:`timeline.pipeline.work.process_unit`, which runs here (``jobs=1``), in a pool of worker processes
(``jobs=N``) or on a Dask cluster (``scheduler=ADDRESS``), always in input order so that every way of running
writes the same table. What to read and make of it is one :class:`timeline.pipeline.options.Options`. Texts are
not kept (unless ``keep_texts``, which the TimeML output needs): each document's events go to the table's engine
as rows as they arrive (:mod:`timeline.table.spill`, on disk), which merges and orders them.

:func:`build` reads the ordered table into memory (``events`` is a DataFrame); :func:`build_spilled` (what
``timeline build`` runs) leaves it on disk, and :meth:`timeline.table.timeline.Timeline.write` streams it into
the same files, byte for byte.
"""
from __future__ import annotations

import contextlib
import functools
import os
from typing import Callable, Iterable, Iterator

from timeline.pipeline.options import Options
from timeline.pipeline.work import (Collector, DocumentResult, chunk_budget, lost_chunk, process_chunk,
                                    process_document, process_unit)
from timeline.sources import Unit, expand, iter_units
from timeline.sources.ingest import Failure, InputError
from timeline.table.timeline import SpilledTimeline, Timeline

__all__ = ["build", "build_spilled", "Options", "Timeline", "SpilledTimeline", "Collector", "DocumentResult",
           "process_chunk", "process_document", "process_unit", "Failure", "InputError"]

DEFAULT_INPUT = "seeds"


def _total_bytes(paths: list[str | Failure]) -> int:
    """The input's size in bytes (0, no bar, when stdin is among the inputs)."""
    if "-" in paths:
        return 0
    return sum(os.path.getsize(p) for p in paths if isinstance(p, str) and os.path.isfile(p))


def _counted(units: Iterable[Unit | Failure], progress) -> Iterator[Unit | Failure]:
    for unit in units:
        progress.read(unit.nbytes if isinstance(unit, Unit) else 0)
        yield unit


def _size(item: Unit | Failure) -> int:
    return item.size if isinstance(item, Unit) else 0


def build(inputs: Iterable[str | os.PathLike] | None = None, *, options: Options | None = None,
          strict: bool = False, on_failure: Callable[[Failure], None] | None = None, jobs: int | None = 1,
          scheduler: str | None = None, progress=None, exclude: Iterable[str | os.PathLike] = (),
          **settings) -> Timeline:
    """Read every input (files, folders, globs, ``-``), tag it, and return the ordered event table.

    What to read and make of it is ``options`` (:class:`timeline.pipeline.options.Options`), or its fields as
    keyword arguments (``dct``, ``date_order``, ``narrative``, ``fields``, ``input_format``, ``lang``, ``merge``,
    ``keep_texts``), which replace those of ``options``; a bad value is an
    :class:`~timeline.pipeline.options.OptionsError` before anything is read. Inputs may be plain-text articles,
    HTML pages, JSON lines or CSV exports (one article per record; the ``fields`` say which keys hold text,
    date, title and id), or TimeML files. A document or record that cannot be read, dated or tagged becomes a
    :class:`Failure` with its file and record number (reported through ``on_failure`` as it happens, in input
    order) and the rest still completes; with ``strict=True`` the first failure raises :class:`InputError`.

    ``jobs`` worker processes tag in parallel (None: all cores; 1: in this process); ``scheduler`` is the
    address of a Dask scheduler (``tcp://host:8786``) whose workers do it instead. The table is the same either
    way. ``exclude``: folders not to walk when they sit inside an input folder (``timeline build`` passes its
    ``--out``, so a run does not read the last one's outputs back). ``keep_texts`` keeps each document's text
    and timexes (needed by the TimeML output; off by default so memory does not grow with the texts). ``progress`` is a :class:`timeline.pipeline.progress.Progress` or None.

    The table is built on disk (:mod:`timeline.table.spill`) and returned read into memory as a DataFrame,
    ``tl.events`` (about 1 KB a row); for an archive of hundreds of thousands of articles use
    :func:`build_spilled`, which leaves it on disk and writes the same files.
    """
    options = Options.of(options, **settings)
    return _build(inputs, Collector(options, strict=strict, on_failure=on_failure, progress=progress),
                  jobs, scheduler, exclude)


def build_spilled(inputs: Iterable[str | os.PathLike] | None = None, *, options: Options | None = None,
                  strict: bool = False, on_failure: Callable[[Failure], None] | None = None, jobs: int | None = 1,
                  scheduler: str | None = None, progress=None, spill_dir: str | os.PathLike | None = None,
                  insert_rows: int | None = None, exclude: Iterable[str | os.PathLike] = (), **settings) -> Timeline:
    """:func:`build` for corpora of any size: the same arguments and the same table, left on disk (in a temporary
    folder inside ``spill_dir``, default the system's temporary folder), so memory does not grow with the number
    of events: ``tl.events`` is a :class:`timeline.table.spill.SpilledTable` (``len()``, ``chunks()``,
    ``frame()``) and :meth:`Timeline.write` streams it into the same files. Use it in a ``with`` block: leaving
    it removes the folder (so does an error here). ``insert_rows`` is the number of rows buffered before each
    write to disk. ``timeline build`` runs this; :func:`build` is for tables one wants as a DataFrame."""
    options = Options.of(options, **settings)
    return _build(inputs, Collector(options, strict=strict, on_failure=on_failure, progress=progress,
                                    in_memory=False, spill_dir=spill_dir, insert_rows=insert_rows), jobs, scheduler,
                  exclude)


def _build(inputs, collector: Collector, jobs: int | None, scheduler: str | None, exclude=()) -> Timeline:
    try:
        check_event_model(collector.options.lang)
        _collect(collector, inputs, collector.options, jobs, scheduler, collector.progress, exclude)
    except BaseException:
        collector.close()
        raise
    return collector.timeline()


def check_event_model(lang: str) -> None:
    """Load the event model of ``lang`` before any input is read: a missing or corrupt model file is one
    :class:`timeline.events.mentions.EventModelError` at start-up, not a failure of every document."""
    from timeline.events.anchor import has_model
    from timeline.events.mentions import load

    if has_model(lang):
        load(lang)


def _collect(collector: Collector, inputs, options: Options, jobs: int | None, scheduler: str | None,
             progress, exclude=()) -> None:
    """Read, tag and collect every input, in input order (here, in worker processes or on Dask)."""
    from timeline.pipeline.parallel import chunked, default_jobs, ordered_map

    jobs = check_jobs(jobs)
    paths = list(expand([DEFAULT_INPUT] if inputs is None else [str(i) for i in inputs],
                        [str(e) for e in exclude]))
    units = iter_units(paths, options.read, on_file=progress and (lambda _path: progress.file_started()))
    if progress is not None:
        progress.files_total, progress.bytes_total = len(paths), _total_bytes(paths)
        units = _counted(units, progress)
    task = functools.partial(process_chunk, options=options)
    jobs = default_jobs() if jobs is None else jobs

    def lost(chunk, why):                       # a dead worker's chunk: one failure line, its documents counted
        outcomes = lost_chunk(chunk, why)
        for _ in range(len(chunk) - len(outcomes)):
            if progress is not None:
                progress.document_done(False)
        return outcomes

    with _executor(jobs, scheduler) as (executor, workers):
        try:
            for outcome in ordered_map(task, chunked(units, _size), executor, window=2 * workers + 2, lost=lost,
                                       budget=chunk_budget(options)):
                collector.add(outcome)
        finally:
            if progress is not None:
                progress.close()


MAX_JOBS = 1024


def check_jobs(jobs) -> int | None:
    """``jobs`` if it is a number of worker processes we can start (1 to :data:`MAX_JOBS`, or None: all cores);
    an :class:`~timeline.pipeline.options.OptionsError` otherwise (before anything is read)."""
    from timeline.pipeline.options import OptionsError

    if jobs is None:
        return None
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise OptionsError(f"jobs: a number of worker processes, not {jobs!r}")
    if jobs > MAX_JOBS:
        raise OptionsError(f"jobs: at most {MAX_JOBS} worker processes, not {jobs}")
    return max(1, jobs)


@contextlib.contextmanager
def _executor(jobs: int, scheduler: str | None) -> Iterator[tuple[object, int]]:
    """(executor, number of workers): a Dask client's executor, a process pool, or None (run here)."""
    if scheduler:
        from timeline.pipeline.distributed import connect

        with connect(scheduler) as client:
            workers = max(1, sum(client.nthreads().values()))
            yield client.get_executor(pure=False), workers
    elif jobs > 1:
        from timeline.pipeline.parallel import Pool

        pool = Pool(jobs)           # workers that end with this process, started again when one dies
        try:
            yield pool, jobs
        except BaseException:                   # Ctrl-C or --strict: drop what is queued, do not wait for it
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    else:
        yield None, 1

