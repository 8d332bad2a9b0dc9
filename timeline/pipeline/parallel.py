"""Ordered, bounded mapping of a function over chunks of a stream, on any ``concurrent.futures`` executor.

The stream is cut into chunks (by count and by bytes) so that each task is worth a process hop; at most
``window`` chunks are in flight, so memory holds a few chunks of text however long the stream is; results come
back in input order, so the output of a parallel run is the output of a serial one. The executor is a
:class:`Pool` of worker processes on one machine, or a Dask client's executor on a cluster
(``distributed.Client.get_executor()``): the scheduling is theirs, this module only feeds them.

Worker processes end with their parent, whatever ends it (:func:`die_with_parent`: the kernel's parent-death
signal on Linux, and a watch on the parent's pid everywhere); a worker that dies mid-run (the out-of-memory
killer) or a chunk that outlives its time budget costs the documents of that chunk, reported through ``lost``,
and the run goes on in a fresh pool (:func:`ordered_map`).
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

from timeline.errors import TimelineError

T = TypeVar("T")
R = TypeVar("R")

CHUNK_ITEMS = 64              # at most this many documents per task
CHUNK_BYTES = 256 * 1024      # ... or about this much input


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:                       # not on Linux
        return os.cpu_count() or 1


def chunked(items: Iterable[T], size: Callable[[T], int], max_items: int = CHUNK_ITEMS,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[T]]:
    """Consecutive chunks of ``items``, each closed at ``max_items`` items or once it holds ``max_bytes``."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += size(item)
        if len(chunk) >= max_items or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


MAX_RESTARTS = 8             # pools started again after lost workers before the run stops
PARENT_POLL = 1.0            # seconds between two looks at the parent's pid in a worker
PR_SET_PDEATHSIG = 1


class WorkersLost(TimelineError):
    """Worker processes kept dying: the run stops (the outputs of an earlier run are left as they were)."""


def die_with_parent(parent: int) -> None:
    """End this (worker) process when process ``parent`` ends, however it ends (SIGKILL included): on Linux the
    kernel sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread looks at
    the parent's pid every second and exits when the process was handed to another parent."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except Exception:                          # not Linux (no prctl): the watch alone
        pass
    if os.getppid() != parent:                 # the parent died before the kernel was told
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="timeline-parent-watch", daemon=True).start()


def _worker_init(parent: int) -> None:
    """Workers leave Ctrl-C to the main process, which stops the run (no traceback from every worker), and end
    with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)


class Pool:
    """A pool of ``jobs`` worker processes that can be started again (:meth:`restart`) when one dies."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_init, initargs=(os.getpid(),))
        self._processes: list = []

    def submit(self, fn, *args):
        future = self._pool.submit(fn, *args)
        if len(self._processes) < self.jobs:    # the pool's processes, to say later how one ended
            self._processes = list(getattr(self._pool, "_processes", {}).values())
        return future

    def why(self) -> str:
        """How the worker that broke the pool ended, as far as can be told."""
        for process in self._processes:
            if process.exitcode is None:        # the pool's own thread may be reaping it: wait for its code
                process.join(1.0)
        codes = [p.exitcode for p in self._processes if p.exitcode not in (None, 0, -signal.SIGTERM)]
        if codes and codes[0] < 0:
            try:
                name = f" {signal.Signals(-codes[0]).name}"
            except ValueError:
                name = ""
            oom = " (the out-of-memory killer sends it)" if -codes[0] == signal.SIGKILL else ""
            return f"killed by signal {-codes[0]}{name}{oom}"
        return f"exit code {codes[0]}" if codes else "it ended abruptly"

    def kill(self) -> None:
        for process in list(getattr(self._pool, "_processes", {}).values()):
            process.kill()

    def restart(self) -> None:
        """Drop this pool (its workers killed) and start a fresh one; :class:`WorkersLost` after too many."""
        self.restarts += 1
        if self.restarts > MAX_RESTARTS:
            raise WorkersLost(f"worker processes died {self.restarts} times (the last one: {self.why()}); the run "
                              "stopped. Try fewer --jobs, or look for the documents named above")
        self.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        if not wait:
            self.kill()
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


Lost = Callable[[list, str], list]      # (chunk, why) -> what to yield in its place


def ordered_map(fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]], executor: Executor | Pool | None,
                window: int, *, lost: Lost | None = None,
                budget: Callable[[list[T]], float | None] | None = None) -> Iterator[R]:
    """``fn`` over every chunk, results flattened in input order; at most ``window`` chunks submitted ahead.

    With ``executor=None``, or when the whole stream fits in one chunk, ``fn`` runs here, in this process.
    On a :class:`Pool`, with ``lost`` given: when a worker dies (or a chunk takes longer than ``budget(chunk)``
    seconds, when it gives one), the chunks in flight run again one at a time in a fresh pool; a chunk that
    breaks that pool too is given to ``lost(chunk, why)``, whose list is yielded in its place, and the run goes on.
    """
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if executor is None or second is None:
        yield from fn(first)
        if second is not None:
            yield from fn(second)
            for chunk in chunks:
                yield from fn(chunk)
        return
    recover = lost is not None and isinstance(executor, Pool)
    pending = deque([(executor.submit(fn, first), first), (executor.submit(fn, second), second)])
    for chunk in chunks:
        while len(pending) >= window:
            yield from _next_result(pending, executor, fn, lost if recover else None, budget)
        pending.append((executor.submit(fn, chunk), chunk))
    while pending:
        yield from _next_result(pending, executor, fn, lost if recover else None, budget)


def _wait(future, chunk, budget):
    limit = budget(chunk) if budget is not None else None
    return future.result(timeout=limit)


def _next_result(pending: deque, pool, fn, lost: Lost | None, budget) -> list:
    """The results of the oldest chunk in flight; after a lost worker, those of every chunk that was in flight."""
    future, chunk = pending[0]
    try:
        results = _wait(future, chunk, budget)
    except (BrokenProcessPool, FutureTimeout):
        if lost is None:
            raise
    else:
        pending.popleft()
        return results
    out: list = []
    again = [c for _, c in pending]
    pending.clear()
    if not future.done():                       # over its budget: this chunk, and only this one, is lost
        again.pop(0)
        out += lost(chunk, f"it was still running after {budget(chunk):g} s")
    pool.restart()
    for chunk in again:                         # alone, so that the one that breaks the pool is known
        future = pool.submit(fn, chunk)
        try:
            out += _wait(future, chunk, budget)
        except (BrokenProcessPool, FutureTimeout):
            why = f"it was still running after {budget(chunk):g} s" if not future.done() else pool.why()
            pool.restart()
            out += lost(chunk, why)
    return out
