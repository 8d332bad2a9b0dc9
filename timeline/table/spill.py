"""The event table's one engine: a SQLite database (stdlib ``sqlite3``) in a temporary folder.

Design notes: docs/architecture.md, "timeline.table.spill".
"""
from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
import warnings
import weakref
from pathlib import Path
from typing import Iterator

import pandas as pd

from timeline.events.dates import precision_rank
from timeline.export import Documents
from timeline.table.rows import document_source, empty_frame, event_cells, frame_from_columns, release_memory
from timeline.table.columns import COLUMN_NAMES
from timeline.table.room import room as _room

STORED = COLUMN_NAMES[1:]                       # every column but event_id, which is the row's position
INSERT_ROWS = 4096                              # rows buffered before one insert
CHUNK_ROWS = 5000                               # rows read back at a time ...
CHUNK_CHARS = 2_000_000                         # ... or fewer, holding about this many characters
FRAME_ROWS = 10_000                             # rows typed at a time when the whole table is read into memory
_LONG = ("event_text", "headline", "source_path", "source_title", "merge_note", "qualifiers")
_ROW_CHARS = 120                                # what the other cells of a row come to, roughly
_NO_OFFSET = 1 << 62                            # what an empty offset sorts as
_Q = {name: f'"{name}"' for name in COLUMN_NAMES}


def _bucket_key(cells: tuple) -> str:
    """The merge bucket of a row (start, end, precision, end precision, kind) as one string; empty and missing
    values stay apart, as pandas' groupby(dropna=False) keeps them."""
    parts = (cells[0], cells[1], cells[2], cells[3], cells[13])
    return "\x1f".join("\x00" if v is None else "\x01" + v for v in parts)


LOCK = "owner.lock"         # held (flock) by the process that owns a spill folder, released by the kernel at its end


def _rmtree(path: Path) -> None:
    """Remove a spill folder; one that cannot be removed is said on stderr (a warning), not left silently."""
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        warnings.warn(f"timeline: could not remove the temporary folder {path}; remove it by hand", RuntimeWarning,
                      stacklevel=2)


def _remove(db: sqlite3.Connection, lock, path: Path) -> None:
    try:
        db.close()
    except sqlite3.Error as exc:    # the folder goes anyway; say why the database did not close
        warnings.warn(f"timeline: closing {path / 'table.sqlite'}: {exc}", RuntimeWarning, stacklevel=2)
    _rmtree(path)
    if lock is not None:
        lock.close()


def _lock(folder: Path):
    """Lock ``folder`` as this process's: the lock file is locked before it takes its name, so another process
    never finds it unlocked. None where there is no ``fcntl`` (Windows: stale folders are then left alone)."""
    try:
        import fcntl
    except ImportError:
        return None
    fh = open(folder / (LOCK + ".new"), "wb")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(folder / (LOCK + ".new"), folder / LOCK)
    except BaseException:
        fh.close()
        raise
    return fh


def remove_stale(parent: str | os.PathLike) -> list[Path]:
    """Remove the spill folders in ``parent`` whose process has ended without removing them (killed): their
    lock file can be locked. A folder being created (no lock file yet) or in use is left alone."""
    try:
        import fcntl
    except ImportError:
        return []
    removed = []
    for folder in sorted([*Path(parent).glob("timeline-spill-*"), *Path(parent).glob(".timeline-spill-*")]):
        try:
            fh = open(folder / LOCK, "rb")
        except OSError:
            continue
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue                                # its owner is running
            _rmtree(folder)
            removed.append(folder)
    return removed


class SpillStore:
    """The rows of a build, spilled to a SQLite file in a temporary folder (in ``dir``, or the system's temporary
    folder: ``TMPDIR``, where SQLite puts its sort runs too) that :meth:`close` removes (so do garbage collection
    and the ``with`` block). A killed process cannot remove it: the next store made in the same place does
    (:func:`remove_stale`; the owner holds a lock on a file in its folder until it ends)."""

    def __init__(self, dir: str | os.PathLike | None = None, *, keep_texts: bool = False,
                 insert_rows: int = INSERT_ROWS):
        parent = self.parent = Path(tempfile.gettempdir() if dir is None else dir)
        remove_stale(parent)
        with _room(parent):
            self.path = Path(tempfile.mkdtemp(prefix=".timeline-spill-" if dir is not None else "timeline-spill-",
                                              dir=parent))  # hidden when it sits among the user's files
        self.keep_texts, self.insert_rows = keep_texts, insert_rows
        lock = None
        try:
            lock = _lock(self.path)
            self.db = sqlite3.connect(self.path / "table.sqlite", isolation_level=None)
        except BaseException:
            _rmtree(self.path)
            if lock is not None:
                lock.close()
            raise
        self._finalizer = weakref.finalize(self, _remove, self.db, lock, self.path)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", "cache_size = -2048",
                       "locking_mode = EXCLUSIVE"):
            self.db.execute(f"PRAGMA {pragma}")
        cols = ", ".join(_Q[n] for n in STORED)
        self.db.execute(f"CREATE TABLE rows (seq INTEGER PRIMARY KEY, {cols}, rank, bkey)")
        self.db.execute("CREATE TABLE documents (seq INTEGER PRIMARY KEY, path, title, published, payload)")
        self.db.execute("BEGIN")
        self._rows: list[tuple] = []
        self._docs: list[tuple] = []
        self._ranks: dict[str | None, int] = {}
        self.n_rows = 0
        self.n_documents = 0
        self.table: SpilledTable | None = None

    # -- collecting -------------------------------------------------------------------------------------------
    def add(self, result) -> None:
        """Append one :class:`timeline.pipeline.work.DocumentResult`: its document's metadata and its events."""
        doc = result.document
        path, title, published = document_source(doc)
        payload = pickle.dumps((doc, result.timexes), protocol=pickle.HIGHEST_PROTOCOL) if self.keep_texts else None
        self._docs.append((path, title, published, payload))
        self.n_documents += 1
        self.add_rows(event_cells(e, path, title, published) for e in result.events)

    def add_rows(self, rows) -> None:
        """Append rows as tuples of cells in the order of ``table.COLUMN_NAMES`` without ``event_id``
        (:func:`timeline.table.rows.event_cells`)."""
        ranks, out = self._ranks, self._rows
        for cells in rows:
            rank = ranks.get(cells[2])
            if rank is None:
                rank = ranks[cells[2]] = precision_rank(cells[2])
            out.append(tuple(cells) + (rank, _bucket_key(cells)))
        if len(self._rows) >= self.insert_rows or len(self._docs) >= self.insert_rows:
            self._flush()

    def __len__(self) -> int:
        """The rows added so far (written or still buffered)."""
        return self.n_rows + len(self._rows)

    def _flush(self) -> None:
        with _room(self.parent):
            self._insert()

    def _insert(self) -> None:
        marks = ", ".join("?" * (len(STORED) + 2))
        if self._rows:
            self.db.executemany(f"INSERT INTO rows ({', '.join(_Q[n] for n in STORED)}, rank, bkey) "
                                f"VALUES ({marks})", self._rows)
            self.n_rows += len(self._rows)
            self._rows = []
        if self._docs:
            self.db.executemany("INSERT INTO documents (path, title, published, payload) VALUES (?, ?, ?, ?)",
                                self._docs)
            self._docs = []

    # -- merging and ordering ---------------------------------------------------------------------------------
    def finish(self, merge: bool = True, order: str = "table") -> "SpilledTable":
        """Merge (if asked) and order the rows into the ``ordered`` table; returns it. ``order="merge"`` leaves
        the merged rows in the order their clusters were formed (merge order) instead of table order."""
        self._flush()
        with _room(self.parent):
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            if merge:
                self._merge()
            self._merge_order = order == "merge"
            self._order(merge)
            self.db.execute("COMMIT")
        self.table = SpilledTable(self)
        return self.table

    def _merge(self) -> None:
        from timeline.table.merge import Texts

        db = self.db
        db.execute("CREATE TABLE merged (seq INTEGER PRIMARY KEY, source_path, sources_count, flags, qualifiers, "
                   "merge_note)")
        db.execute("CREATE TABLE absorbed (seq INTEGER PRIMARY KEY)")
        cursor = db.execute(
            'SELECT bkey, seq, source_path, event_text, phrase, "trigger", flags, qualifiers, edtf, start FROM rows '
            "WHERE bkey IN (SELECT bkey FROM rows WHERE kind IS NOT 'publication' GROUP BY bkey "
            "               HAVING COUNT(DISTINCT COALESCE(source_path, '')) >= 2) "
            f"ORDER BY bkey, COALESCE(published, ''), COALESCE(source_path, ''), "
            f"COALESCE(phrase_start, {_NO_OFFSET}), seq")
        bucket: list[tuple] = []
        current = texts = None
        values: dict = {}
        for bkey, seq, source, event_text, phrase, trigger, *cells in cursor:
            if bkey != current:
                if bucket:
                    self._merge_bucket(bucket, texts)
                current, texts, values, bucket = bkey, Texts(), {}, []
            # a bucket is held as compact tuples: a text id for the event text, one string per repeated value
            bucket.append((seq, values.setdefault(source, source), texts.id_of(event_text or "", phrase, trigger),
                           *(values.setdefault(v, v) for v in (phrase, *cells))))
        if bucket:
            self._merge_bucket(bucket, texts)

    def _merge_bucket(self, bucket: list[tuple], texts) -> None:
        """Cluster one bucket's rows ``(seq, source_path, text id, phrase, flags, qualifiers, edtf, start)``, in
        merge order, and record the merged rows and the rows they absorb."""
        from timeline.table.merge import cluster_bucket, merged_cells

        texts.index()
        merged, absorbed = [], []
        for members in cluster_bucket([(i, row[2], row[1] or "") for i, row in enumerate(bucket)], texts):
            if len(members) < 2:
                continue
            names = ("source_path", "phrase", "flags", "qualifiers", "edtf", "start")
            cells = merged_cells([(dict(zip(names, bucket[i][1:2] + bucket[i][3:])), s) for i, s in members])
            merged.append((bucket[members[0][0]][0], cells["source_path"], cells["sources_count"], cells["flags"],
                           cells["qualifiers"], cells["merge_note"]))
            absorbed += [(bucket[i][0],) for i, _ in members[1:]]
        self.db.executemany("INSERT INTO merged VALUES (?, ?, ?, ?, ?, ?)", merged)
        self.db.executemany("INSERT INTO absorbed VALUES (?)", absorbed)

    def _order(self, merge: bool) -> None:
        cols = ", ".join(_Q[n] for n in STORED)
        self.db.execute(f"CREATE TABLE ordered (pos INTEGER PRIMARY KEY, {cols})")
        rewritten = ("source_path", "sources_count", "flags", "qualifiers", "merge_note")
        if merge:
            values = ", ".join(f"CASE WHEN m.seq IS NULL THEN r.{_Q[n]} ELSE m.{_Q[n]} END" if n in rewritten
                               else f"r.{_Q[n]}" for n in STORED)
            source = "CASE WHEN m.seq IS NULL THEN r.source_path ELSE m.source_path END"
            joins = ("FROM rows r LEFT JOIN merged m ON m.seq = r.seq "
                     "WHERE r.seq NOT IN (SELECT seq FROM absorbed)")
            # ties in merge order
            ties = (f"COALESCE(r.start, ''), COALESCE(r.\"end\", ''), COALESCE(r.published, ''), "
                    f"COALESCE(r.source_path, ''), COALESCE(r.phrase_start, {_NO_OFFSET}), r.seq")
        else:
            values = ", ".join(f"r.{_Q[n]}" for n in STORED)
            source, joins, ties = "r.source_path", "FROM rows r", "r.seq"
        keys = ("" if self._merge_order else
                f"COALESCE(r.start, r.\"end\", '9999-12-31'), r.rank, COALESCE(r.\"end\", ''), COALESCE({source}, ''), "
                f"COALESCE(r.phrase_start, {_NO_OFFSET}), COALESCE(r.kind, ''), COALESCE(r.headline, ''), ")
        self.db.execute(f"INSERT INTO ordered ({cols}) SELECT {values} {joins} ORDER BY {keys}{ties}")

    # -- the end ----------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Remove the database and its folder (idempotent)."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def __enter__(self) -> "SpillStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SpilledTable:
    """The ordered event table of a :class:`SpillStore`, on disk: ``len()``, :meth:`chunks` (typed DataFrames
    with ``event_id``, exactly ``table.COLUMNS``), :meth:`rows` (given positions) and :meth:`frame` (all of it,
    in memory: for small tables and tests)."""

    def __init__(self, store: SpillStore):
        self.store = store
        self.n_rows = store.db.execute("SELECT COUNT(*) FROM ordered").fetchone()[0]

    def __len__(self) -> int:
        return self.n_rows

    def _frame(self, rows: list[tuple]) -> pd.DataFrame:
        if not rows:
            return empty_frame()
        columns = {name: [r[i] for r in rows] for i, name in enumerate(COLUMN_NAMES[1:], 1)}
        columns["event_id"] = [f"e{r[0]}" for r in rows]
        return frame_from_columns(columns)

    def chunks(self, size: int | None = None) -> Iterator[pd.DataFrame]:
        """The table in order, ``size`` rows (default ``CHUNK_ROWS``) at a time, or fewer when their text passes
        ``CHUNK_CHARS`` (a row merged from 30,000 articles lists them all in ``source_path``)."""
        size = size or CHUNK_ROWS
        cols = ", ".join(_Q[n] for n in STORED)
        weight = " + ".join(f"COALESCE(length({_Q[n]}), 0)" for n in _LONG) + f" + {_ROW_CHARS}"
        query = f"SELECT pos, {cols}, {weight} FROM ordered WHERE pos > ? ORDER BY pos LIMIT ?"
        pos, rows, chars = 0, [], 0
        while True:
            page = self.store.db.execute(query, (pos, min(size, 1000))).fetchall()
            if not page:
                break
            pos = page[-1][0]
            for row in page:
                rows.append(row[:-1])
                chars += row[-1]
                if len(rows) >= size or chars >= CHUNK_CHARS:
                    release_memory()                    # what the previous chunk's columns left in Arrow's pool
                    yield self._frame(rows)
                    rows, chars = [], 0
        if rows:
            release_memory()
            yield self._frame(rows)

    def rows(self, positions: list[int]) -> pd.DataFrame:
        """The rows at ``positions`` (0-based, in table order), in that order."""
        cols = ", ".join(_Q[n] for n in STORED)
        out: list[tuple] = []
        for lo in range(0, len(positions), 500):
            part = [p + 1 for p in positions[lo:lo + 500]]
            found = {r[0]: r for r in self.store.db.execute(
                f"SELECT pos, {cols} FROM ordered WHERE pos IN ({', '.join('?' * len(part))})", part)}
            out += [found[p] for p in part]
        return self._frame(out)

    def frame(self) -> pd.DataFrame:
        """The whole table in memory (what :func:`timeline.build` returns): one pass, typed a slice at a time."""
        cursor = self.store.db.execute(f"SELECT pos, {', '.join(_Q[n] for n in STORED)} FROM ordered ORDER BY pos")
        parts = [self._frame(page) for page in iter(lambda: cursor.fetchmany(FRAME_ROWS), [])]
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0] if parts else empty_frame()

    def n_sources(self) -> int:
        """Distinct source paths named in the table (merged rows name several, ``;``-separated)."""
        db = self.store.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS source_names (name PRIMARY KEY) WITHOUT ROWID")
        db.execute("DELETE FROM source_names")
        batch: set[str] = set()
        for (value,) in db.execute("SELECT DISTINCT source_path FROM ordered WHERE source_path IS NOT NULL"):
            batch.update(p for p in value.split(";") if p)
            if len(batch) >= INSERT_ROWS:
                db.executemany("INSERT OR IGNORE INTO source_names VALUES (?)", [(p,) for p in batch])
                batch = set()
        db.executemany("INSERT OR IGNORE INTO source_names VALUES (?)", [(p,) for p in batch])
        return db.execute("SELECT COUNT(*) FROM source_names").fetchone()[0]


class SpilledDocuments(Documents):
    """The documents of a spilled build, read back from its store in input order."""

    def __init__(self, store: SpillStore):
        self.store = store

    def __iter__(self):
        if not self.store.keep_texts:
            raise ValueError("the texts were not kept (build with keep_texts=True)")
        for (payload,) in self.store.db.execute("SELECT payload FROM documents ORDER BY seq"):
            yield pickle.loads(payload)

    def first_title(self) -> str:
        row = self.store.db.execute("SELECT title FROM documents ORDER BY seq LIMIT 1").fetchone()
        return row[0] if row else ""

    def sources(self):
        return self.store.db.execute("SELECT DISTINCT path, title, published FROM documents "
                                     "ORDER BY path, title, published")
