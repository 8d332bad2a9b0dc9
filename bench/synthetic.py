"""Synthetic news articles for the scale benchmarks: deterministic, written as a stream (never held in memory).

    python bench/synthetic.py 100000 articles.jsonl      # one JSON object per line: id, title, date, text

Each article is 4 to 10 sentences of about 90 characters, most with one temporal expression drawn from a fixed
list (weekdays, months, years, relative phrases), published on a day of 2015-2016: about 700 bytes of text.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

PHRASES = ["on Monday", "last week", "in October", "on Oct. 23", "in 2011", "yesterday", "two days ago",
           "next month", "on 3 March 2014", "earlier this year", "in the summer of 2009", "on Friday night",
           "since 2012", "three years ago", "in early November", "on Wednesday", "later this month", ""]
SUBJECTS = ["Officials", "Negotiators", "The council", "Witnesses", "The ministry", "Rebels", "Residents"]
VERBS = ["met in", "reported fighting near", "announced new measures for", "returned to", "left",
         "described the situation in"]
PLACES = ["Geneva", "Aleppo", "the harbour", "Zürich", "the capital", "the border town", "the northern province"]


def article(rng: random.Random, n: int) -> dict:
    sentences = []
    for _ in range(rng.randint(4, 10)):
        phrase = rng.choice(PHRASES)
        sentences.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(PLACES)}"
                         f"{' ' + phrase if phrase else ''}, according to local sources.")
    date = f"{2015 + n % 2}-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00"
    return {"id": f"syn-{n}", "title": f"Synthetic article {n}", "date": date, "text": " ".join(sentences)}


def write_jsonl(path: str | Path, n: int, seed: int = 2015) -> int:
    """Write ``n`` articles to ``path``; return the number of bytes of text written."""
    rng = random.Random(seed)
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(1, n + 1):
            rec = article(rng, i)
            size += len(rec["text"].encode("utf-8"))
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return size


if __name__ == "__main__":
    count, out = int(sys.argv[1]), sys.argv[2]
    print(f"{write_jsonl(out, count) / 1024:,.0f} KB of text in {count:,} articles -> {out}", file=sys.stderr)
