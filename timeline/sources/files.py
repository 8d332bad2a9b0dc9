"""Which files the inputs name: folders walked, globs expanded, ``-`` kept, and what could not be looked into.

A folder is walked recursively in sorted order for the files whose suffix is a known format (hidden files
left out). A subfolder the walk cannot open is not skipped in silence: it comes out in its place as an
:class:`Unreadable` (the reader reports it as a failure). Folders in ``exclude`` (the build's own output
folder, when it sits inside an input folder) are not walked. Symbolic links to folders are not followed.
"""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Union

TEXT_SUFFIXES = (".txt", ".text", ".md")


class Unreadable(NamedTuple):
    """A folder (or a path under one) that the walk could not look into, and why."""

    path: str
    reason: str


def _resolved(path: str | Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def walk(folder: Path, suffixes: set[str], exclude: frozenset[Path] = frozenset()) -> Iterator[Union[str, Unreadable]]:
    """The files of ``folder`` with a suffix in ``suffixes``, in sorted order, and each subfolder that could not
    be read (an :class:`Unreadable`, in its place)."""
    found: list[tuple[Path, Union[str, Unreadable]]] = []

    def refused(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else str(folder)
        why = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        found.append((Path(where), Unreadable(str(where), f"folder not read ({why}): its files are left out")))

    for top, dirs, files in os.walk(folder, onerror=refused):
        if exclude:
            dirs[:] = [d for d in dirs if _resolved(os.path.join(top, d)) not in exclude]
        for name in files:
            f = Path(top, name)
            if f.suffix.lower() in suffixes and not name.startswith(".") and f.is_file():
                found.append((f, str(f)))
    found.sort(key=lambda item: item[0])
    for _, entry in found:
        yield entry


def expand_inputs(inputs: Iterable[str | Path], suffixes: Iterable[str] = TEXT_SUFFIXES,
                  exclude: Iterable[str | Path] = ()) -> Iterator[Union[str, Unreadable]]:
    """Files named, folders walked recursively (sorted; files whose suffix is in ``suffixes``; folders in
    ``exclude`` left out), globs expanded; ``-`` is stdin. A path that does not exist is yielded as is so that
    reading it reports it by name; a folder the walk cannot open is an :class:`Unreadable` in its place."""
    suffixes = {s.lower() for s in suffixes}
    excluded = frozenset(_resolved(e) for e in exclude)
    for item in inputs:
        item = str(item)
        p = Path(item)
        if item == "-" or p.is_file():
            yield item
        elif p.is_dir():
            yield from walk(p, suffixes, excluded)
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item
            yield from (m for m in matches if Path(m).is_file())
        else:
            yield item
