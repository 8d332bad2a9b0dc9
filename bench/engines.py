"""The table engine measured: SQLite (stdlib), DuckDB and Polars on the same synthetic event rows.

    python bench/engines.py [--rows 200000] [--engines sqlite duckdb polars]

Each engine runs in a child process of its own (its peak RSS from ``getrusage``, the kernel's count)
and does what a build does with its table: the rows arrive in batches of 4,096 (as a document's events do) and
are appended; the merge buckets (same start, end, precision, end precision and kind, not a publication, two or
more sources) are walked one at a time in merge order; the table is ordered on the keys of the event table
(date, precision rank, end, source path, offset, kind, headline, arrival); and it is read back in chunks of
5,000 rows as typed pandas frames and written as CSV. Timed: each step and the whole, wall clock. The rows are
deterministic (about 40 distinct dates, 5 rows per document, a third of the dates reported by several
documents). DuckDB and Polars are not dependencies of timeline: install them to run this (``pip install duckdb
polars``).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ("start", "end", "precision", "end_precision", "phrase_start", "headline", "event_text", "kind",
         "source_path", "published", "phrase", "rank")
BATCH, CHUNK = 4096, 5000
RANKS = {"year": 0, "month": 1, "day": 2}
WORDS = ("officials met in geneva reported fighting near aleppo announced new measures for the harbour "
         "returned to the capital left the border town described the situation in the northern province").split()


def rows(n: int):
    """``n`` rows as tuples in NAMES order, in arrival order."""
    rng = random.Random(2015)
    for i in range(n):
        doc = i // 5
        day = rng.randrange(40)
        precision = ("day", "month", "year")[day % 3]
        start = f"2015-{1 + day % 12:02d}-{1 + day % 28:02d}"
        kind = "publication" if i % 5 == 0 else ("mention" if day % 7 else "interval")
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
        yield (start, start if day % 4 else None, precision, precision, rng.randrange(2000), text[:40], text, kind,
               f"articles/doc{doc:06d}.txt", f"2015-{1 + doc % 12:02d}-{1 + doc % 28:02d}T00:00:00", "on Monday",
               RANKS[precision])


def batches(n: int):
    batch = []
    for row in rows(n):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def frame(columns: dict):
    import pandas as pd

    types = {"phrase_start": "Int64", "rank": "Int64"}
    return pd.DataFrame({k: pd.array(v, dtype=types.get(k, "string")) for k, v in columns.items()})


def write_csv(frames, path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        for part in frames:
            cols = [["" if v is None or v is __import__("pandas").NA else str(v) for v in part[c].tolist()]
                    for c in part.columns]
            w.writerows(zip(*cols))
            n += len(part)
    return n


KEYS = ("COALESCE(start, \"end\", '9999-12-31'), rank, COALESCE(\"end\", ''), COALESCE(source_path, ''), "
        "COALESCE(phrase_start, 4611686018427387904), COALESCE(kind, ''), COALESCE(headline, ''), seq")
BKEY = "start, COALESCE(\"end\", ''), precision, end_precision, kind"
BUCKETS = (f"SELECT {BKEY}, seq, source_path, event_text FROM rows r WHERE kind <> 'publication' AND "
           f"({BKEY}) IN (SELECT {BKEY} FROM rows WHERE kind <> 'publication' GROUP BY {BKEY} "
           f"HAVING COUNT(DISTINCT source_path) >= 2) ORDER BY {BKEY}, published, source_path, phrase_start, seq")


def walk(cursor_rows) -> int:
    """Count the buckets of rows sorted by bucket (the merge's loop, without the clustering)."""
    n, current = 0, object()
    for row in cursor_rows:
        if row[:5] != current:
            current, n = row[:5], n + 1
    return n


def run_sqlite(n: int, tmp: Path, t: dict) -> int:
    import sqlite3

    db = sqlite3.connect(tmp / "t.sqlite", isolation_level=None)
    for p in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", "cache_size = -2048"):
        db.execute(f"PRAGMA {p}")
    cols = ", ".join(f'"{c}"' for c in NAMES)
    db.execute(f"CREATE TABLE rows (seq INTEGER PRIMARY KEY, {cols})")
    db.execute("BEGIN")
    for b in batches(n):
        db.executemany(f"INSERT INTO rows ({cols}) VALUES ({', '.join('?' * len(NAMES))})", b)
    db.execute("COMMIT")
    t["append"] = time.perf_counter()
    t["buckets"] = walk(db.execute(BUCKETS))
    t["merge_walk"] = time.perf_counter()
    db.execute(f"CREATE TABLE ordered AS SELECT {cols} FROM rows ORDER BY {KEYS}")
    t["order"] = time.perf_counter()

    def chunks():
        cur = db.execute(f"SELECT {cols} FROM ordered ORDER BY rowid")
        while True:
            page = cur.fetchmany(CHUNK)
            if not page:
                return
            yield frame({c: [r[i] for r in page] for i, c in enumerate(NAMES)})
    return write_csv(chunks(), tmp / "out.csv")


def run_duckdb(n: int, tmp: Path, t: dict) -> int:
    import duckdb

    db = duckdb.connect(str(tmp / "t.duckdb"))
    db.execute(f"SET temp_directory = '{tmp / 'duck.tmp'}'")
    db.execute("SET memory_limit = '256MB'")
    db.execute("SET preserve_insertion_order = true")
    db.execute("CREATE TABLE rows (seq BIGINT, start VARCHAR, \"end\" VARCHAR, precision VARCHAR, "
               "end_precision VARCHAR, phrase_start BIGINT, headline VARCHAR, event_text VARCHAR, kind VARCHAR, "
               "source_path VARCHAR, published VARCHAR, phrase VARCHAR, rank BIGINT)")
    seq = 0
    for b in batches(n):
        part = frame({c: [r[i] for r in b] for i, c in enumerate(NAMES)})
        part.insert(0, "seq", range(seq, seq + len(b)))
        seq += len(b)
        db.register("part", part)
        db.execute("INSERT INTO rows SELECT * FROM part")
        db.unregister("part")
    t["append"] = time.perf_counter()
    cur = db.execute(BUCKETS)
    t["buckets"] = walk(row for page in iter(lambda: cur.fetchmany(CHUNK), []) for row in page)
    t["merge_walk"] = time.perf_counter()
    cols = ", ".join(f'"{c}"' for c in NAMES)
    db.execute(f"CREATE TABLE ordered AS SELECT {cols} FROM rows ORDER BY {KEYS}")
    t["order"] = time.perf_counter()
    reader = db.execute("SELECT * FROM ordered").to_arrow_reader(CHUNK)

    def chunks():
        for batch in reader:
            yield batch.to_pandas(types_mapper=__import__("pandas").ArrowDtype)
    return write_csv(chunks(), tmp / "out.csv")


def run_polars(n: int, tmp: Path, t: dict) -> int:
    import polars as pl

    schema = {c: (pl.Int64 if c in ("phrase_start", "rank") else pl.String) for c in NAMES}
    seq = 0
    parts = tmp / "parts"
    parts.mkdir()
    for b in batches(n):                       # each batch goes to disk, as a spill would
        df = pl.DataFrame(b, schema=schema, orient="row").with_columns(
            pl.int_range(seq, seq + len(b), dtype=pl.Int64).alias("seq"))
        df.write_parquet(parts / f"{seq:012d}.parquet")
        seq += len(b)
    t["append"] = time.perf_counter()
    lf = pl.scan_parquet(str(parts / "*.parquet"))
    bkey = ["start", "end", "precision", "end_precision", "kind"]
    cand = lf.filter(pl.col("kind") != "publication")
    multi = cand.group_by(bkey).agg(pl.col("source_path").n_unique().alias("ns")).filter(pl.col("ns") >= 2)
    walked = (cand.join(multi.select(bkey), on=bkey, nulls_equal=True)
              .sort(bkey + ["published", "source_path", "phrase_start", "seq"], nulls_last=False)
              .select(bkey + ["seq", "source_path", "event_text"]))
    t["buckets"] = walk(row for part in walked.collect(engine="streaming").iter_slices(CHUNK)
                        for row in part.iter_rows())
    t["merge_walk"] = time.perf_counter()
    when = pl.coalesce("start", "end", pl.lit("9999-12-31"))
    keys = [when, pl.col("rank"), pl.col("end").fill_null(""), pl.col("source_path").fill_null(""),
            pl.col("phrase_start").fill_null(1 << 62), pl.col("kind").fill_null(""),
            pl.col("headline").fill_null(""), pl.col("seq")]
    lf.sort(keys).drop("seq").sink_parquet(tmp / "ordered.parquet")
    t["order"] = time.perf_counter()

    def chunks():
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(tmp / "ordered.parquet").iter_batches(CHUNK):
            yield batch.to_pandas(types_mapper=__import__("pandas").ArrowDtype)
    return write_csv(chunks(), tmp / "out.csv")


def child(engine: str, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = {"start": time.perf_counter()}
        written = globals()[f"run_{engine}"](n, Path(tmp), t)
        end = time.perf_counter()
        disk = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
        print(json.dumps({"engine": engine, "rows": written, "buckets": t["buckets"],
                          "append_s": round(t["append"] - t["start"], 2),
                          "merge_walk_s": round(t["merge_walk"] - t["append"], 2),
                          "order_s": round(t["order"] - t["merge_walk"], 2),
                          "read_write_s": round(end - t["order"], 2), "total_s": round(end - t["start"], 2),
                          "disk_mib": round(disk / 2**20),
                          "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--engines", nargs="+", default=["sqlite", "duckdb", "polars"])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.rows)
    for engine in args.engines:
        out = subprocess.run([sys.executable, __file__, "--child", engine, "--rows", str(args.rows)],
                             capture_output=True, text=True, env=os.environ)
        if out.returncode:
            print(json.dumps({"engine": engine, "error": out.stderr.strip().splitlines()[-1:]}))
            continue
        print(out.stdout.strip())


if __name__ == "__main__":
    main()
