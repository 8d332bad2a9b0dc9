"""Tag + events time (ms per KB) of one sentence holding many distinct dates ("1 Oct. 2 Oct. 3 Oct. ..."), by length.

    python bench/dates_in_one_sentence.py [--sizes 256 4096] [--repeat 5]

The events stage compares the items of one sentence with each other (one event per dated happening: the same
date twice is one event, a day inside a month of the same clause keeps the finer); a step that compares every
pair costs the square of the dates in a sentence, so the ms per KB grows with the length of the sentence. Each
size is timed ``--repeat`` times, alternating, on one core; the best is kept. Also timed: the same dates in
months ("in October 1990 on October 3, 1990 ..."), where every month has a finer date to keep. This is the
short end of ``bench/adversarial.py --stage pipeline --family distinct_dates`` (64 KB to 1 MB of the same shape,
where every sentence is cut at ``MAX_SENTENCE``): how the cost grows inside one sentence.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time

DCT = dt.datetime(2015, 11, 12)


def days(size: int) -> str:
    """``size`` characters of "1 Oct. 2 Oct. ..." (the days run through the months of 2015), one sentence."""
    parts, month, day = [], 1, 1
    months = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
    while len(" ".join(parts)) < size:
        parts.append(f"{day} {months[month - 1]}")
        day += 1
        if day > 28:
            day, month = 1, month % 12 + 1
    return "It happened on " + " ".join(parts)[:size] + "."


def months_with_days(size: int) -> str:
    """``size`` characters of "in October 1990 on Oct. 3, 1990, in November 1990 on Nov. 3, 1990 ..." ."""
    names = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
    parts, i = [], 0
    while len(" ".join(parts)) < size:
        year, month = 1990 + i // 12, i % 12 + 1
        parts.append(f"in {names[month - 1]} {year} on {names[month - 1]} 3, {year}")
        i += 1
    return "It happened " + " ".join(parts)[:size] + "."


def run(text: str) -> tuple[float, int]:
    from timeline.events.extract import extract_events
    from timeline.model import Document
    from timeline.tagger import tag

    t0 = time.perf_counter()
    events = extract_events(Document("bench", "", DCT, text), tag(text, DCT))
    return time.perf_counter() - t0, len(events)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[256, 4096])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = {f"{shape}_{n}": make(n) for n in args.sizes for shape, make in (("days", days),
                                                                             ("months", months_with_days))}
    run(texts[next(iter(texts))])                      # warm-up: imports, compiled patterns
    best = {name: float("inf") for name in texts}
    found = {}
    for _ in range(args.repeat):
        for name, text in texts.items():
            seconds, found[name] = run(text)
            best[name] = min(best[name], seconds)
    result = {name: {"chars": len(texts[name]), "events": found[name], "ms": round(best[name] * 1000, 2),
                     "ms_per_kb": round(best[name] * 1000 / (len(texts[name].encode()) / 1024), 2)}
              for name in texts}
    for name, r in result.items():
        print(f"{name}: {r['chars']} characters, {r['events']} events, {r['ms']} ms, {r['ms_per_kb']} ms/KB",
              file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
