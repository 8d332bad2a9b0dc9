"""Speed-up of ``build --jobs 2`` over ``--jobs 1`` on this machine (2 cores).

    python bench/jobs.py [--articles 4000] [--repeat 2]

The corpus is the TBAQ texts (as TimeML files, when ../shared/corpora/tbaq is there) plus synthetic articles
(bench/synthetic.py) in a JSON lines file, so that both one-article files and a streamed export are in it. The
whole library call is timed, :func:`timeline.build` from reading to the ordered table (no chart, nothing
written; without merging across articles unless --merge, as merging runs after the parallel part, in one
process); the best of ``--repeat`` runs is kept for each --jobs. Both runs must give the same table. The CPU
seconds of the main process and of the workers (per --jobs 2 run) say how much of the work is serial, which
holds even when other work on the machine spoils the wall times; the load average is printed with them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "corpora" / "tbaq"


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(inputs: list[str], jobs: int, repeat: int, merge: bool):
    """(best wall time, the Timeline, CPU seconds of this process and of the workers over all runs)."""
    from timeline.pipeline.batch import build

    best, result = float("inf"), None
    me, workers = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    for _ in range(repeat):
        start = time.perf_counter()
        result = build(inputs, jobs=jobs, merge=merge)
        best = min(best, time.perf_counter() - start)
    return best, result, (_cpu(resource.RUSAGE_SELF) - me) / repeat, (_cpu(resource.RUSAGE_CHILDREN) - workers) / repeat


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=4000, help="synthetic articles added to the TBAQ files")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--merge", action="store_true",
                    help="merge across articles too (serial, after the parallel part: see bench/README.md)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="timeline-jobs-") as tmp:
        export = Path(tmp) / "synthetic.jsonl"
        text_bytes = write_jsonl(export, args.articles)
        inputs = [str(export)] + ([str(TBAQ / "timebank"), str(TBAQ / "aquaint")] if TBAQ.is_dir() else [])
        one, a, _, _ = timed(inputs, 1, args.repeat, args.merge)
        two, b, main_cpu, workers_cpu = timed(inputs, 2, args.repeat, args.merge)
    pd.testing.assert_frame_equal(a.events, b.events)
    assert a.failures == b.failures
    print(json.dumps({"merge": args.merge, "documents": a.n_documents, "events": len(a.events), "synthetic_kb": round(text_bytes / 1024),
                      "jobs1_s": round(one, 2), "jobs2_s": round(two, 2), "speedup": round(one / two, 2),
                      "jobs2_main_cpu_s": round(main_cpu, 2), "jobs2_workers_cpu_s": round(workers_cpu, 2),
                      "load_average": [round(x, 1) for x in os.getloadavg()]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
