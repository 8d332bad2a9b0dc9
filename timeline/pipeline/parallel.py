"""Ordered, bounded mapping of a function over chunks of a stream, on any ``concurrent.futures`` executor.

The stream is cut into chunks (by count and by bytes) so that each task is worth a process hop; at most
``window`` chunks are in flight, so memory holds a few chunks of text however long the stream is; results come
back in input order, so the output of a parallel run is the output of a serial one. The executor is a
:class:`~concurrent.futures.ProcessPoolExecutor` on one machine, or a Dask client's executor on a cluster
(``distributed.Client.get_executor()``): the scheduling is theirs, this module only feeds them.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Executor
from typing import Callable, Iterable, Iterator, TypeVar

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


def ordered_map(fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]], executor: Executor | None,
                window: int) -> Iterator[R]:
    """``fn`` over every chunk, results flattened in input order; at most ``window`` chunks submitted ahead.

    With ``executor=None``, or when the whole stream fits in one chunk, ``fn`` runs here, in this process.
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
    pending = deque([executor.submit(fn, first), executor.submit(fn, second)])
    for chunk in chunks:
        while len(pending) >= window:
            yield from pending.popleft().result()
        pending.append(executor.submit(fn, chunk))
    while pending:
        yield from pending.popleft().result()
