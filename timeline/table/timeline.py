"""The result of a build: the ordered event table, what was read and what failed, and how to write it all.

One :class:`Timeline` for every way of building (:func:`timeline.build`, :func:`timeline.build_spilled`, Dask's
:func:`timeline.pipeline.distributed.timeline_from_bag`, ``timeline build``): its table comes from the one engine
(:mod:`timeline.table.spill`) and is either read into memory (``events`` is a pandas DataFrame) or left on disk
(``events`` is a :class:`timeline.table.spill.SpilledTable`, removed by :meth:`Timeline.close`). Either way
:meth:`Timeline.frame`, :meth:`Timeline.chunks` and ``len()`` read it, and :meth:`Timeline.write` writes the same
bytes: the profiles of :mod:`timeline.export` read it in chunks, and the chart is drawn from the rows it shows,
chosen in one pass (:func:`chart_input`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from timeline.model import Document, Timex
from timeline.sources.ingest import Failure

DEFAULT_OUT = "output"
ERRORS_FILE = "errors.csv"


class Timeline:
    """The ordered event table of a build, what was read and what failed.

    ``events``: the table, a DataFrame (in memory) or a :class:`timeline.table.spill.SpilledTable` (on disk);
    ``documents``: the documents read, in input order (kept in memory only; on disk only ``n_documents`` counts
    them); ``timexes``: each document's expressions by path (with ``keep_texts``); ``failures``: what could not be
    read, dated or tagged; ``notes``: ``(path, note)`` of the documents read (a decoding note, say);
    ``n_expressions``: the temporal expressions found; ``lang``: the language of the build, that of the words
    the chart and the profiles write themselves; ``entities``: the build's ``--about`` targets
    (:class:`timeline.table.about.Target`; the ``semeval-timeline`` profile writes a file for each). Use an on-disk Timeline in a ``with`` block (or call
    :meth:`close`): leaving it removes the table's temporary folder.
    """

    def __init__(self, events, *, documents: list[Document] | None = None,
                 timexes: dict[str, list[Timex]] | None = None, failures: list[Failure] | None = None,
                 notes: list[tuple[str, str]] | None = None, n_expressions: int = 0, n_documents: int | None = None,
                 texts_kept: bool = False, store=None, lang: str = "en", entities: tuple = ()):
        self.events, self.store = events, store
        self.documents = documents if documents is not None else []
        self.timexes = timexes if timexes is not None else {}
        self.failures = failures if failures is not None else []
        self.notes = notes if notes is not None else []
        self.n_expressions, self.texts_kept, self.lang = n_expressions, texts_kept, lang
        self._n_documents = len(self.documents) if n_documents is None else n_documents
        self.entities = tuple(entities)

    @property
    def n_documents(self) -> int:
        return self._n_documents

    def __len__(self) -> int:
        """The number of events (rows of the table)."""
        return len(self.events)

    def frame(self) -> pd.DataFrame:
        """The whole table as one typed DataFrame, in memory."""
        return self.events if isinstance(self.events, pd.DataFrame) else self.events.frame()

    def chunks(self, size: int | None = None) -> Iterator[pd.DataFrame]:
        """The table in order, a few thousand rows at a time, as typed DataFrames."""
        from timeline.export import chunks

        return chunks(self.events, size)

    def write(self, out_dir: str | os.PathLike = DEFAULT_OUT, *, formats: Iterable[str] = ("csv",),
              chart: bool = True, **chart_options) -> list[Path]:
        """Write the table in each format, the chart (PNG and SVG, from the at most ``max_events`` rows it shows)
        and the errors file (the failures, if any) into ``out_dir``; returns the files written. The words the
        chart and the profiles write themselves are in the build's language (``lang=`` among the chart options
        overrides it)."""
        from timeline.atomic import staged

        with staged():                  # every file replaced together at the end, or none (the old ones stay whole)
            return self._write(out_dir, formats, chart, chart_options)

    def _write(self, out_dir, formats, chart: bool, chart_options: dict) -> list[Path]:
        from timeline import export
        from timeline.atomic import discard
        from timeline.render import save_chart

        formats = tuple(formats)
        if "timeml" in formats and not self.texts_kept:
            raise ValueError("the timeml format needs the texts: build(..., keep_texts=True)")
        if self.store is not None:
            from timeline.table.spill import SpilledDocuments

            documents = SpilledDocuments(self.store)
        else:
            documents = export.Documents([(d, self.timexes.get(d.path, [])) for d in self.documents])
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        lang = chart_options.pop("lang", self.lang)
        written = list(export.write(self.events, out, formats=formats, documents=documents,
                                    title=chart_options.get("title"), lang=lang, entities=self.entities,
                                    subtitle=chart_options.get("subtitle")))
        if chart:
            rows, options = chart_input(self.events, chart_options.get("max_events", 60),
                                        chart_options.get("group_by"), chart_options.get("title"))
            if chart_options.get("source") is not None:
                del options["source"]
            png, svg = out / "timeline.png", out / "timeline.svg"
            save_chart(rows, png, svg, lang=lang, **{**chart_options, **options})
            written += [png, svg]
        errors = out / ERRORS_FILE
        if self.failures:
            written.append(write_failures(self.failures, errors))
        else:
            discard(errors)             # a stale list from an earlier run would mislead
        return written

    def close(self) -> None:
        """Remove the table's temporary folder (an on-disk Timeline; nothing to do for one in memory)."""
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> "Timeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


SpilledTimeline = Timeline          # the name build_spilled's result had: the same class


class _Names:
    """A set of names that stays on disk for an on-disk table (a SQLite temporary table), in memory otherwise."""

    def __init__(self, table):
        self.db = None if isinstance(table, pd.DataFrame) else table.store.db
        self.names: set[str] = set()
        if self.db is not None:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS chart_names (name PRIMARY KEY) WITHOUT ROWID")
            self.db.execute("DELETE FROM chart_names")

    def add(self, names: set[str]) -> None:
        if self.db is None:
            self.names |= names
        else:
            self.db.executemany("INSERT OR IGNORE INTO chart_names VALUES (?)", [(n,) for n in names])

    def count(self) -> int:
        if self.db is None:
            return len(self.names)
        return self.db.execute("SELECT COUNT(*) FROM chart_names").fetchone()[0]


def chart_input(table, max_events: int | None = 60, group_by: str | None = None,
                title: str | None = None) -> tuple[pd.DataFrame, dict]:
    """What the chart of the whole table needs, read in two passes: the rows it would draw (at most
    ``max_events``, chosen as :func:`timeline.render.pick.choose` chooses, across the whole span), in table
    order, and the options that make :func:`timeline.render.draw` of them the chart of the whole table
    (``_left_out``: the dated and undated rows not passed; ``_published``: the publication days of the density
    strip; ``source``: the source line over every row; ``title``: the first article's name, or "N articles").
    ``table`` is a DataFrame or a :class:`timeline.table.spill.SpilledTable`: the same rows are chosen from both.
    """
    from collections import Counter

    from timeline.export import chunks
    from timeline.render.frame import default_title, source_line
    from timeline.render.items import items_from_table
    from timeline.render.pick import Articles, Picker, anchor

    seen = _Names(table)
    articles = Articles()
    n_undated = 0
    days: Counter = Counter()                   # the anchors of the news, and of the publication events
    pub_days: Counter = Counter()
    for part in chunks(table):                  # pass 1: the articles, the span and its histogram
        names = set()
        for rec in part[["source_title", "source_path", "published", "kind", "event_text"]].to_dict("records"):
            names.add(articles.add(rec))
        names.discard("")
        seen.add(names)
        items, undated = items_from_table(part, group_by=group_by)
        n_undated += undated
        for it in items:
            (pub_days if it.kind == "publication" else days)[anchor(it)] += 1
    picker = Picker(max_events, articles=sum(pub_days.values()))
    picker.plan(days if picker.drop_publications else days + pub_days)
    offset = 0
    for part in chunks(table):                  # pass 2: the choice
        items, _ = items_from_table(part, group_by=group_by)
        for it in items:
            picker.add(it, offset + it.row)
        offset += len(part)
    chosen = picker.rows()
    n_names = seen.count()
    selected = table.iloc[chosen].reset_index(drop=True) if isinstance(table, pd.DataFrame) else table.rows(chosen)
    names = articles.names()
    options: dict = {"_left_out": (picker.n - len(chosen), n_undated), "_published": dict(picker.published),
                     "source": source_line(names, n_names)}
    if not title:
        options["title"] = default_title(None, names=names, total=n_names)
    return selected, options


def write_failures(failures: list[Failure], path: Path) -> Path:
    """``errors.csv``: path, record, reason of each failure; a path or reason that a spreadsheet would run as a
    formula (a file named ``=HYPERLINK(...).txt``) gets the events CSV's guard (:func:`timeline.export.neutralise`)."""
    from timeline.atomic import atomic_write
    from timeline.export import neutralise
    import csv

    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "record", "reason"])
        for f in failures:
            w.writerow([neutralise(str(f.path)), "" if f.record is None else f.record, neutralise(f.reason)])
    return path


