"""Room on the disk the event table is built on: a full folder is said as such, with the way out.

SQLite says "database or disk is full" and the system ENOSPC; either, inside :func:`room`, becomes a
:class:`DiskFull` that names the folder, how much room is left, and how to move the table elsewhere (``TMPDIR``).
"""
from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from pathlib import Path
from typing import Iterator

from timeline.errors import TimelineError


class DiskFull(TimelineError):
    """The folder the table is built in has no room left: the message names it and says how to move it."""


def no_room(exc: BaseException) -> bool:
    """Whether ``exc`` says a disk (or a quota) is full."""
    if isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL if code is not None else "full" in str(exc)
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


@contextlib.contextmanager
def room(parent: Path) -> Iterator[None]:
    """Turn "database or disk is full" (SQLite) and ENOSPC inside the block into :class:`DiskFull`."""
    try:
        yield
    except (sqlite3.OperationalError, OSError) as exc:
        if not no_room(exc):
            raise
        try:
            free = f"{shutil.disk_usage(parent).free / 2 ** 20:,.0f} MiB free"
        except OSError:
            free = "no room"
        raise DiskFull(f"the temporary folder {parent} is full ({free}; {exc}): the event table is built there. "
                       f"Free some space, or point TMPDIR at a folder on a disk with room, e.g. "
                       f"TMPDIR=/path/with/room timeline build ...") from None
