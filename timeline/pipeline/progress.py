"""A one-line progress report on stderr for long runs: a bar (share of the input bytes done), files, documents,
failures, documents per second.

Drawn only on a terminal, only once a run has lasted half a second (short runs stay silent), and at most ten
times a second; :meth:`Progress.stage` then says what comes after the documents (merging, ordering, writing);
:meth:`Progress.close` clears the line. The clock here is a monotonic timer for the display,
never a date: nothing that is written depends on it.
"""
from __future__ import annotations

import sys
import time
from collections import deque
from typing import TextIO

DELAY = 0.5         # seconds before the first draw
INTERVAL = 0.1      # seconds between draws
WIDTH = 24          # characters of the bar


class Progress:
    def __init__(self, files_total: int | None = None, stream: TextIO | None = None, bytes_total: int = 0):
        self.stream = stream or sys.stderr
        self.files_total = files_total
        self.bytes_total = bytes_total
        self.bytes_done = 0
        self._queued: deque[int] = deque()     # sizes of the items read but not done, in input order
        self.files = 0
        self.documents = 0
        self.failed = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    @classmethod
    def for_terminal(cls, files_total: int | None = None, quiet: bool = False,
                     stream: TextIO | None = None) -> "Progress | None":
        """A Progress when ``stream`` (default stderr) is a terminal and not ``quiet``; else None."""
        stream = stream or sys.stderr
        isatty = getattr(stream, "isatty", None)
        return cls(files_total, stream) if not quiet and isatty is not None and isatty() else None

    def file_started(self) -> None:
        self.files += 1
        self._maybe_draw()

    def read(self, nbytes: int) -> None:
        """The next item read from the input is ``nbytes`` long; it counts once it is done (results come back in
        input order, one per item read)."""
        self._queued.append(nbytes)

    def document_done(self, ok: bool = True) -> None:
        if self._queued:
            self.bytes_done += self._queued.popleft()
        self.documents += ok
        self.failed += not ok
        self._maybe_draw()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        parts = []
        if self.bytes_total:
            share = min(self.bytes_done / self.bytes_total, 1.0)
            filled = int(WIDTH * share)
            parts.append(f"[{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%}")
        if self.files_total:
            parts.append(f"{min(self.files, self.files_total)}/{self.files_total} files")
        parts.append(f"{self.documents:,} documents")
        if self.failed:
            parts.append(f"{self.failed:,} failed")
        parts.append(f"{(self.documents + self.failed) / elapsed:,.0f}/s")
        return " · ".join(parts)

    def _maybe_draw(self) -> None:
        now = time.monotonic()
        if now - self._start < DELAY or now - self._last < INTERVAL:
            return
        self._last = now
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()
        self._drawn = True

    def stage(self, text: str) -> None:
        """Say what a long run does after the documents ("merging and ordering 762,516 rows"), in place of the
        bar: a step that takes seconds with nothing on the screen looks like a hang. Silent in a short run."""
        if time.monotonic() - self._start < DELAY:
            return
        self.stream.write("\r\x1b[K" + text + " …")
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Erase the line (before another message is printed); the next update draws it again."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    close = clear
