"""After resolution: a date and the clock time written right after it are one TIME ("May 10, 2014 2pm",
"this Sat, 430pm", "Sun 1:00pm"), as TimeML annotates "10 a.m. Thursday" the other way round; and the days listed
after a date are dates of its month ("May 2 - 3, 9 - 10, 16 - 17 (Sat-Sun)").

The clock time took its day from the date beside it (the resolver anchors a bare clock time on the last date of
the text); joining only widens the extent and keeps the clock's value.
"""
from __future__ import annotations

import calendar
import datetime as _dt
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


LISTED = re.compile(r"\s*[-,&\u2013]\s*(\d{1,2})(?!\d)")     # ", 9", " - 10": one more day of the list
LIST_END = re.compile(r"\s*(?:$|[^\w\s])")                # what may follow a listed day: not "12 soldiers"


def listed_days(timexes: list[Timex], text: str) -> list[Timex]:
    """``timexes`` with the days listed right after a day-precision date as dates of its month, in increasing
    order ("May 2 - 3, 9 - 10, 16 - 17, 30 - 31 (Sat-Sun)"); a list whose last number is followed by a word ("On
    May 5, 12 soldiers died") is no list."""
    taken = [(t.start, t.end) for t in timexes]
    added: list[Timex] = []
    for t in timexes:
        if t.type != "DATE" or not DAY.fullmatch(t.value):
            continue
        year, month, last = int(t.value[:4]), int(t.value[5:7]), int(t.value[8:10])
        found, pos = [], t.end
        while (m := LISTED.match(text, pos)) and last < int(m.group(1)) <= calendar.monthrange(year, month)[1]:
            last, pos = int(m.group(1)), m.end()
            found.append(m)
        while found and not LIST_END.match(text, found[-1].end()):
            found.pop()
        for m in found:
            start, end = m.span(1)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                added.append(Timex(start, end, text[start:end], "DATE", f"{t.value[:8]}{int(m.group(1)):02d}",
                                   None, t.anchor, t.flags))
    return sorted(timexes + added, key=lambda t: t.start) if added else timexes


WEEKDAY_SET = re.compile(r"XXXX-WXX-[1-7]")
IN_LIST = re.compile(r"\s*[,&/]\s*")      # "every mon, wed, thur": the weekdays listed after a recurring one


def listed_weekdays(timexes: list[Timex], text: str) -> list[Timex]:
    """``timexes`` with the bare weekdays listed right after a recurring weekday ("every mon, wed, thur") as
    recurring too (SET)."""
    out: list[Timex] = []
    for t in timexes:
        last = out[-1] if out else None
        if (last is not None and last.type == "SET" and WEEKDAY_SET.fullmatch(last.value) and t.type == "DATE"
                and DAY.fullmatch(t.value) and not any(c.isdigit() for c in t.text)
                and IN_LIST.fullmatch(text, last.end, t.start)):
            t = Timex(t.start, t.end, t.text, "SET", f"XXXX-WXX-{_dt.date.fromisoformat(t.value).isoweekday()}",
                      t.mod, "none", t.flags)
        out.append(t)
    return out
