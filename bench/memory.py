"""Peak memory (RSS) of ``timeline build`` as the corpus grows: 10,000 and 100,000 synthetic articles.

    python bench/memory.py [--sizes 10000 100000] [--jobs 1] [--merge] [--chart] [--time-merge]

For each size, a JSON lines file of synthetic articles (bench/synthetic.py) is written into a temporary folder,
then ``python -m timeline build FILE --out DIR --no-chart --quiet --jobs J --no-merge`` runs in a child process while
this script samples, with psutil, the resident memory of the child and of its worker processes every 50 ms.
Reported: the peak RSS of the main process (also from ``getrusage(RUSAGE_CHILDREN)`` when --jobs 1, the
kernel's own count) and per row written, the peak of the sum over the main process and its workers, the peak
size on disk of the spilled table (the child's ``TMPDIR`` is a folder of its own, sampled every second; SQLite's
sort runs are deleted as soon as they are opened, so they are not counted), and the run's time. With
``--merge`` the build merges (the default of ``timeline build``); with ``--chart`` it draws the chart too (from
the 60 rows it shows, chosen in one pass over the spilled table); with ``--time-merge`` the unmerged table
written by the run is read back and ordered again here, with and without merging
(``order.table_from_rows``: the same engine as the build), which times the merge and the ordering alone.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def time_merge(csv_path: Path) -> dict:
    """Seconds to order the written (unmerged) table again, without and with merging, in this process."""
    import pandas as pd

    sys.path.insert(0, str(ROOT))
    from timeline.table.order import table_from_rows
    from timeline.table.columns import DTYPES

    df = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str, keep_default_na=False).replace("", None)
    for name in ("phrase_start", "phrase_end", "sources_count"):
        df[name] = pd.to_numeric(df[name])
    df = df.astype(DTYPES)
    df["event_id"] = pd.NA
    out = {}
    for merge in (False, True):
        start = time.perf_counter()
        table = table_from_rows(df.copy(), merge=merge)
        out[f"table_{'merged' if merge else 'unmerged'}_s"] = round(time.perf_counter() - start, 1)
    out["merged_rows"] = len(table)
    return out


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (files that go away while it is counted are skipped)."""
    total = 0
    for entry in folder.rglob("*"):
        try:
            total += entry.stat().st_size if entry.is_file() else 0
        except OSError:
            pass
    return total


def run(n: int, jobs: int, tmp: Path, merge: bool = False, timed_merge: bool = False, chart: bool = False) -> dict:
    try:
        import psutil
    except ImportError:             # only the kernel's count then (pip install psutil for the sampled figures)
        psutil = None

    data = tmp / f"articles_{n}.jsonl"
    text_bytes = write_jsonl(data, n)
    cmd = [sys.executable, "-m", "timeline", "build", str(data), "--out", str(tmp / f"out_{n}"), "--quiet",
           "--jobs", str(jobs)] + ([] if merge else ["--no-merge"]) + ([] if chart else ["--no-chart"])
    start = time.perf_counter()
    spill = tmp / f"spill_{n}"
    spill.mkdir(exist_ok=True)
    child = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "TMPDIR": str(spill)})
    proc = psutil.Process(child.pid) if psutil else None
    peak_main = peak_total = peak_disk = 0
    next_disk = 0.0
    while proc is not None and child.poll() is None:
        try:
            main_rss = proc.memory_info().rss
            total = main_rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
        except psutil.Error:
            break
        peak_main, peak_total = max(peak_main, main_rss), max(peak_total, total)
        if time.perf_counter() >= next_disk:
            peak_disk, next_disk = max(peak_disk, folder_size(spill)), time.perf_counter() + 1
        time.sleep(0.05)
    code = child.wait()
    seconds = time.perf_counter() - start
    kernel_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024      # KiB on Linux
    events = sum(1 for _ in open(tmp / f"out_{n}" / "events.csv", encoding="utf-8")) - 1 if code == 0 else None
    mib = 1024 * 1024
    result = {"articles": n, "jobs": jobs, "merge": merge, "chart": chart, "exit": code, "text_mib": round(text_bytes / mib, 1),
              "input_mib": round(data.stat().st_size / mib, 1), "events_rows": events,
              "peak_rss_main_mib": round(peak_main / mib), "peak_rss_total_mib": round(peak_total / mib),
              "peak_rss_main_kib_per_row": round(peak_main / 1024 / events, 2) if events else None,
              "max_rss_children_kernel_mib": round(kernel_peak / mib), "peak_spill_mib": round(peak_disk / mib),
              "seconds": round(seconds, 1),
              "articles_per_s": round(n / seconds)}
    if timed_merge and code == 0:
        result.update(time_merge(tmp / f"out_{n}" / "events.csv"))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--merge", action="store_true", help="merge the same event across articles, as by default")
    ap.add_argument("--chart", action="store_true", help="draw the chart too (timeline.png and .svg)")
    ap.add_argument("--time-merge", action="store_true",
                    help="after the run, time ordering its table again with and without merging, in this process")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="timeline-memory-") as tmp:
        for n in args.sizes:
            result = run(n, args.jobs, Path(tmp), args.merge, args.time_merge, args.chart)
            print(json.dumps(result), flush=True)
            os.unlink(Path(tmp) / f"articles_{n}.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
