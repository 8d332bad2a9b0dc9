"""Run the per-document pipeline on Dask: a bag of articles in, the merged event table out.

Design notes: docs/architecture.md, "timeline.pipeline.distributed".
"""
from __future__ import annotations

import contextlib
import functools
import numbers
from typing import Iterable, Iterator

from timeline.sources.ingest import Failure
from timeline.pipeline.options import Options
from timeline.pipeline.work import Collector, process_chunk
from timeline.table.timeline import Timeline
from timeline.sources import Fields, Unit, expand, iter_units

EXTRA = "pip install 'timeline[dask]'"


@contextlib.contextmanager
def connect(address: str) -> Iterator[object]:
    """A ``distributed.Client`` connected to the scheduler at ``address`` (closed on exit)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise RuntimeError(f"--scheduler needs Dask: {EXTRA} ({exc})") from None
    client = Client(address, set_as_default=False)
    try:
        yield client
    finally:
        client.close()


def _split_files(paths: list[str], options: Options) -> list[Unit | Failure]:
    return list(iter_units(paths, options.read))


def read_bag(inputs: Iterable[str], options: Options | None = None, files_per_partition: int = 1):
    """A bag of the articles of ``inputs`` (files, folders, globs, expanded here), split on the workers with
    ``options`` (what to read: the input format and the record fields)."""
    import dask.bag as db

    options = options or Options()
    paths = list(expand([str(i) for i in inputs]))
    if not paths:
        return db.from_sequence([], npartitions=1)
    groups = [paths[i:i + files_per_partition] for i in range(0, len(paths), files_per_partition)]
    return db.from_sequence(groups, partition_size=1).map(_split_files, options).flatten()


def _record_units(records: list[dict], source: str, fmt: str, fields: Fields) -> list[Unit]:
    names = (("text", fields.text), ("date", fields.date), ("title", fields.title), ("id", fields.id))
    units = []
    for rec in records:
        index = rec.get("index")
        number = int(index) + 1 if isinstance(index, numbers.Integral) else None
        units.append(Unit(source, fmt, {key: _plain(rec[name]) for key, name in names if name in rec}, number))
    return units


def _plain(value):
    """A DataFrame cell as the JSON-like value a record reader expects (NaN/NaT/None -> None)."""
    try:
        import pandas as pd

        if pd.isna(value):
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def dataframe_bag(ddf, fields: Fields | None = None, source: str = "dataframe"):
    """A bag of articles from a Dask DataFrame with one article per row; a row's record number is its
    (integer) index + 1, and failures name ``source``. The fields name the text/date/title/id columns."""
    fields = fields or Fields()
    return ddf.reset_index().to_bag(format="dict").map_partitions(
        _record_units, source=source, fmt="jsonl", fields=fields)


def timeline_from_bag(bag, *, options: Options | None = None, strict: bool = False, on_failure=None,
                      **settings) -> Timeline:
    """Map the per-document pipeline over ``bag`` (of Units/Failures) and return the merged Timeline.

    ``options`` and ``settings`` are those of :func:`timeline.build` (a :class:`timeline.pipeline.options.Options`,
    or its fields by name). The computation runs on the current Dask scheduler: a ``distributed.Client`` if one
    is active, else dask's default.
    """
    options = Options.of(options, **settings)
    outcomes = bag.map_partitions(functools.partial(process_chunk, options=options)).compute()
    collector = Collector(options, strict=strict, on_failure=on_failure)
    try:
        for outcome in outcomes:
            collector.add(outcome)
    except BaseException:
        collector.close()
        raise
    return collector.timeline()


__all__ = ["connect", "read_bag", "dataframe_bag", "timeline_from_bag"]
