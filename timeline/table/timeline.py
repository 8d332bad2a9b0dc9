"""The result of a build: the ordered event table, what was read and what failed, and how to write it all.

:class:`Timeline` (from :func:`timeline.build`) holds the table as a DataFrame; :class:`SpilledTimeline` (from
:func:`timeline.build_spilled`) keeps it on disk (:mod:`timeline.table.spill`) and writes the same bytes.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from timeline.model import Document, Timex
from timeline.sources.ingest import Failure

DEFAULT_OUT = "output"
ERRORS_FILE = "errors.csv"


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


