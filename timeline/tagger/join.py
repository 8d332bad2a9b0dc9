"""After resolution: a date and the clock time written right after it are one TIME ("May 10, 2014 2pm",
"this Sat, 430pm", "Sun 1:00pm"), as TimeML annotates "10 a.m. Thursday" the other way round.

The clock time took its day from the date beside it (the resolver anchors a bare clock time on the last date of
the text); joining only widens the extent and keeps the clock's value.
"""
from __future__ import annotations

import re

from timeline.model import Timex

# between the date and the clock: spaces and at most one comma, nothing else ("on May 10, 2014 at 2pm" stays two)
BETWEEN = re.compile(r"\s*,?\s*")
DAY = re.compile(r"\d{4}-\d\d-\d\d")


def join_date_clock(timexes: list[Timex], text: str) -> list[Timex]:
    """``timexes`` (sorted) with every day-precision date followed by its clock time merged into one TIME."""
    joined: list[Timex] = []
    for t in timexes:
        last = joined[-1] if joined else None
        if (last is not None and t.type == "TIME" and last.type in ("DATE", "TIME") and 0 < t.start - last.end <= 3
                and DAY.match(last.value) and t.value.startswith(last.value[:10] + "T")
                and not re.match(r"\d{4}-\d\d-\d\dT\d", last.value)
                and BETWEEN.fullmatch(text, last.end, t.start)):
            joined[-1] = Timex(last.start, t.end, text[last.start:t.end], "TIME", t.value, t.mod, last.anchor,
                               tuple(dict.fromkeys(last.flags + t.flags)))
            continue
        joined.append(t)
    return joined
