"""Tagging throughput in KB of text per second on the TBAQ texts, against dateparser's search_dates, one core.

    python bench/throughput.py [TBAQ_DIR] [--repeat 3]

Both taggers get the same texts (the plain text of each ``.tml`` file's ``<TEXT>``, from timeline.timeml's
reader) and the same anchor (its DCT), in the same process, pinned to one core. Each is warmed up on one
document first (imports, compiled patterns, dateparser's language data), then timed over the whole corpus;
the best of ``--repeat`` passes is kept (the least disturbed by the rest of the machine). KB is 1024 bytes of
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
    from timeline.timeml import read_timeml

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


def baseline(text: str, dct: dt.datetime):
    from dateparser.search import search_dates

    return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dct})


def throughput(fn, docs, repeat: int) -> tuple[float, float, int]:
    """(KB/s, seconds of the best pass, expressions found)."""
    fn(*docs[0])                                       # warm-up
    kb = sum(len(text.encode("utf-8")) for text, _ in docs) / 1024
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(fn(text, dct) or ()) for text, dct in docs)
        best = min(best, time.perf_counter() - start)
    return kb / best, best, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tbaq", nargs="?", type=Path, default=DEFAULT_TBAQ)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per tagger; the best is kept")
    ap.add_argument("--baseline-repeat", type=int, default=1, help="timed passes for dateparser (slow)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})      # one core
    docs = load(args.tbaq)
    kb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1024
    print(f"{len(docs)} documents, {kb:,.0f} KB of text", file=sys.stderr)
    ours_kbs, ours_s, ours_n = throughput(ours, docs, args.repeat)
    print(f"timeline.tag: {ours_kbs:,.1f} KB/s ({ours_s:.2f} s, {ours_n} expressions)", file=sys.stderr)
    base_kbs, base_s, base_n = throughput(baseline, docs, args.baseline_repeat)
    print(f"dateparser.search_dates: {base_kbs:,.1f} KB/s ({base_s:.2f} s, {base_n} dates)", file=sys.stderr)
    result = {"documents": len(docs), "kb": round(kb, 1), "timeline_kb_s": round(ours_kbs, 1),
              "timeline_s": round(ours_s, 3), "dateparser_kb_s": round(base_kbs, 1),
              "dateparser_s": round(base_s, 3), "ratio": round(ours_kbs / base_kbs, 1),
              "python": platform.python_version(), "cpu": platform.processor() or platform.machine()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
