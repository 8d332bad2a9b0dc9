"""Atomic file output: a reader sees the old file or the complete new one, never a torn file.

A new file gets the mode an ordinary file gets (0666 less the umask: 0644 under the usual umask 022), not the
0600 of a temporary file, so a web server running as another user can serve it; a replaced file keeps its mode.
The temporary file is ``.NAME.PID.XXXX.tmp`` beside the target: a process killed while writing leaves it behind,
and the next write into that folder removes the leftovers of processes that are no longer running.

Several files that belong together (a build's outputs) are written inside :func:`staged`: each is written to its
temporary file as usual, and all are renamed over their targets only once every one is complete; when anything in
the block fails, none is, so a failed build leaves the previous outputs whole, never a mix of new and old.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import IO, Iterator

_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
_swept: set[str] = set()
#: the (temporary file, target) pairs of the current :func:`staged` block, renamed when it ends; None outside one
_staging: contextvars.ContextVar[list | None] = contextvars.ContextVar("timeline_atomic_staging", default=None)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The mode ``path`` should have: its own if it exists, else what a new ordinary file gets."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:          # another user's process: alive
        return True
    return True


def remove_leftovers(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that writers killed mid-write left in ``folder``; return what was removed."""
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError, PermissionError):
        for entry in os.scandir(folder):
            m = _LEFTOVER.match(entry.name)
            if m and entry.is_file(follow_symlinks=False) and int(m.group(1)) != os.getpid() \
                    and not _running(int(m.group(1))):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = str(path.parent.resolve())
    if folder not in _swept:            # once per folder and process: a folder of many files is listed once
        _swept.add(folder)
        remove_leftovers(folder)
    binary = "b" in mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        stage = _staging.get()
        if stage is None:
            os.replace(tmp, path)
        else:
            stage.append((tmp, path))           # renamed with the others when the staged block ends
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def staged() -> Iterator[None]:
    """Files written by :func:`atomic_write` inside the block replace their targets together at its end, and only
    if it ends without an error (else their temporary files are removed and every target is left as it was);
    files :func:`discard` -ed inside it are removed then too. A block inside another is part of the outer one."""
    if _staging.get() is not None:
        yield
        return
    stage: list = []
    token = _staging.set(stage)
    try:
        yield
    except BaseException:
        for tmp, _ in stage:
            if tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        raise
    finally:
        _staging.reset(token)
    for tmp, path in stage:
        if tmp is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        else:
            os.replace(tmp, path)


def discard(path: str | os.PathLike) -> None:
    """Remove ``path`` if it exists (a stale output of an earlier run); inside :func:`staged`, when it ends."""
    stage = _staging.get()
    if stage is not None:
        stage.append((None, Path(path)))
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_write(path, "wb") as fh:
        fh.write(data)


def write_text(path: str | os.PathLike, data: str, *, encoding: str = "utf-8") -> None:
    with atomic_write(path, "w", encoding=encoding, newline="") as fh:
        fh.write(data)
