"""A time budget for one document (``--doc-timeout``): what slips past linear time is cut off, not waited for.

:func:`budget` arms a timer (``SIGALRM``, wall-clock time) around the work of one document; when it rings,
:class:`TooSlow` is raised in the middle of that work (Python's regular expressions check for signals too), the
document becomes one failure ("too slow") and the batch goes on. The timer needs the main thread of a process on
a system with ``setitimer`` (Linux, macOS): so it runs in ``timeline build --jobs 1`` and in every worker process of
``--jobs N``; elsewhere (a Dask worker's thread, Windows) the work runs without one, and with ``--jobs N`` the
main process also gives up on a chunk whose documents all took their whole budget
(:func:`timeline.pipeline.parallel.ordered_map`).
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

DEFAULT_DOC_TIMEOUT = 30.0      # seconds; TBAQ's slowest document takes about 20 ms
RING_AGAIN = 0.1                # seconds between rings once the budget is spent (an exception raised in a __del__
                                # is printed and dropped, so one ring alone may not stop the work)


class TooSlow(BaseException):
    """The document's time budget ran out. A BaseException, so that no ``except Exception`` on the way swallows
    it: only :func:`timeline.pipeline.work.process_unit` catches it."""

    def __init__(self, seconds: float):
        super().__init__(f"over its time budget of {seconds:g} s")
        self.seconds = seconds


def can_time() -> bool:
    """Whether :func:`budget` can arm a timer here: a main thread, a system with ``setitimer``, and no timer or
    SIGALRM handler of the caller's (a program that uses them keeps them; its documents run without a budget)."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None))


@contextlib.contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TooSlow` inside the block once it has run ``seconds`` (None or 0: no budget)."""
    if not seconds or not can_time():
        yield
        return

    def ring(signum, frame):
        raise TooSlow(seconds)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN)   # again and again: a ring can be swallowed
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
