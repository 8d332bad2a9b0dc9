"""Score what a user would otherwise script -- dateparser's ``search_dates`` -- with our TempEval-3 evaluator,
next to our tagger, on the same files.

    python bench/accuracy_baseline.py ../shared/corpora/tbaq/timebank ../shared/corpora/tbaq/aquaint

search_dates returns (substring, datetime) pairs without offsets or granularity; offsets are recovered by
searching each substring forward from the previous one, and every value is written at day precision
(``YYYY-MM-DD``), which is the most a script on top of it gets without more work.
"""
from __future__ import annotations

import datetime as dt
import sys

from timeline.evaluation.tempeval import evaluate
from timeline.model import Timex


def dateparser_tagger(text: str, dct=None) -> list[Timex]:
    from dateparser.search import search_dates

    base = dct if isinstance(dct, dt.datetime) else dt.datetime(dct.year, dct.month, dct.day)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for phrase, value in found:
        i = text.find(phrase, pos)
        if i < 0:
            continue
        pos = i + len(phrase)
        out.append(Timex(i, pos, phrase, "DATE", value.strftime("%Y-%m-%d")))
    return out


def main(paths: list[str]) -> None:
    for name, tagger in (("dateparser.search_dates", dateparser_tagger), ("timeline", None)):
        report = evaluate(paths, tagger=tagger)
        print(f"## {name}\n{report.format()}\n")


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/corpora/tbaq/timebank", "../shared/corpora/tbaq/aquaint"])
