"""Tagging throughput in KB of text per second on the TBAQ texts, against dateparser's search_dates, one core.

    python bench/throughput.py [TBAQ_DIR] [--repeat 3]

Both taggers get the same texts (the plain text of each ``.tml`` file's ``<TEXT>``, from timeline.sources.timeml's
reader) and the same anchor (its DCT), in the same process, pinned to one core. Each is warmed up on one
document first (imports, compiled patterns, dateparser's language data), then timed over the whole corpus in
``--repeat`` passes, alternating between the two so that a change in the machine's load hits both; for each,
the best pass is kept (the least disturbed), by wall clock and by CPU time of the process (which other
processes on a shared machine disturb less). The ratio is reported both ways. KB is 1024 bytes of
UTF-8. The baseline is ``dateparser.search.search_dates(text, languages=['en'],
settings={'RELATIVE_BASE': dct})``; the issue's floor is 10x its throughput, the aim 20x.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TBAQ = ROOT.parent / "shared" / "corpora" / "tbaq"


def load(tbaq: Path) -> list[tuple[str, dt.datetime]]:
    from timeline.sources.timeml import read_timeml

    docs = []
    for sub in ("timebank", "aquaint"):
        for path in sorted((tbaq / sub).glob("*.tml")):
            doc = read_timeml(path)
            dct = doc.dct if isinstance(doc.dct, dt.datetime) else dt.datetime.combine(doc.dct, dt.time())
            docs.append((doc.text, dct))
    return docs


def ours(text: str, dct: dt.datetime):
    from timeline.tagger import tag

    return tag(text, dct)


def ours_with_events(text: str, dct: dt.datetime):
    """What a build does per article: tag, then the events (event mentions, sentences, clauses, headlines,
    participants)."""
    from timeline.pipeline.work import process_document
    from timeline.model import Document

    return process_document(Document("bench", "", dct, text)).events


def baseline(text: str, dct: dt.datetime):
    from dateparser.search import search_dates

    return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dct})


def one_pass(fn, docs) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, expressions found) of one pass over the corpus."""
    wall, cpu = time.perf_counter(), time.process_time()
    found = sum(len(fn(text, dct) or ()) for text, dct in docs)
    return time.perf_counter() - wall, time.process_time() - cpu, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tbaq", nargs="?", type=Path, default=DEFAULT_TBAQ)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per tagger, alternating; the best is kept")
    ap.add_argument("--events", action="store_true",
                    help="also time timeline.tag followed by the events stage (what a build does per article)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})      # one core
    docs = load(args.tbaq)
    kb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1024
    print(f"{len(docs)} documents, {kb:,.0f} KB of text, {args.repeat} alternating passes each", file=sys.stderr)
    taggers = {"timeline": ours, "dateparser": baseline}
    if args.events:
        taggers["timeline+events"] = ours_with_events
    for fn in taggers.values():
        fn(*docs[0])                                   # warm-up: imports, compiled patterns, language data
    best = {name: [float("inf"), float("inf"), 0] for name in taggers}
    for _ in range(args.repeat):                       # alternating, so a change of load hits both alike
        for name, fn in taggers.items():
            wall, cpu, found = one_pass(fn, docs)
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu), found]
            print(f"  {name}: {kb / wall:,.1f} KB/s wall, {kb / cpu:,.1f} KB/s CPU ({found} found)", file=sys.stderr)
    (ours_s, ours_cpu, ours_n), (base_s, base_cpu, base_n) = best["timeline"], best["dateparser"]
    print(f"timeline.tag: {kb / ours_s:,.1f} KB/s ({ours_s:.2f} s wall, {ours_cpu:.2f} s CPU, {ours_n} expressions)",
          file=sys.stderr)
    print(f"dateparser.search_dates: {kb / base_s:,.1f} KB/s ({base_s:.2f} s wall, {base_cpu:.2f} s CPU, "
          f"{base_n} dates)", file=sys.stderr)
    extra = {}
    if args.events:
        ev_s, ev_cpu, ev_n = best["timeline+events"]
        print(f"timeline.tag + events: {kb / ev_s:,.1f} KB/s ({ev_s:.2f} s wall, {ev_n} events)", file=sys.stderr)
        extra = {"with_events_kb_s": round(kb / ev_s, 1), "with_events_s": round(ev_s, 3),
                 "with_events_cpu_s": round(ev_cpu, 3)}
    result = {"documents": len(docs), "kb": round(kb, 1), "repeat": args.repeat,
              "timeline_kb_s": round(kb / ours_s, 1), "timeline_s": round(ours_s, 3),
              "timeline_cpu_s": round(ours_cpu, 3),
              "dateparser_kb_s": round(kb / base_s, 1), "dateparser_s": round(base_s, 3),
              "dateparser_cpu_s": round(base_cpu, 3),
              "ratio": round(base_s / ours_s, 1), "ratio_cpu": round(base_cpu / ours_cpu, 1),
              "load_average": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
              **extra, "python": platform.python_version(), "cpu": platform.processor() or platform.machine()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
