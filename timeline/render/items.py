"""Reading the event table (or a hand-edited CSV of it) into chart items: :class:`Item`, :func:`items_from_table`,
and :func:`select`, which keeps the most important events when there are more than fit (:mod:`timeline.render.pick`).

Pure and deterministic (no matplotlib). Errors a person can fix are :class:`RenderError` naming the file and row.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from timeline.errors import TimelineError
from timeline.precision import end_of as _end_of
from timeline.render.pick import article_name, choose, looks_like_a_file_name

OPTIONAL_TEXT = ("precision", "end_precision", "timex_value", "mod", "phrase", "headline", "event_text", "kind",
                 "flags", "source_path", "source_title", "published")
SPAN_PRECISIONS = {"week", "month", "season", "quarter", "half", "year", "decade", "century"}


class RenderError(TimelineError, ValueError):
    """A user error in the input of the renderer (names the file and row)."""


@dataclass
class Item:
    """One event as the chart sees it. ``start``/``end`` are inclusive days."""

    row: int                       # position in the input table (0-based), for stable ordering
    start: dt.date
    end: dt.date
    precision: str
    end_precision: str
    kind: str = "mention"
    mod: str = ""
    approximate: bool = False
    open_start: bool = False
    headline: str = ""
    event_text: str = ""
    timex_value: str = ""
    source_title: str = ""
    source_path: str = ""
    published: str = ""
    sources_count: int = 1
    importance: float = 0.0        # the events stage's importance, where the table has that column
    group: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def is_bar(self) -> bool:
        """Drawn as a span (month, season, year ...) or a bar (interval) rather than a point."""
        return self.end > self.start or self.kind == "interval"

    @property
    def start_chunk(self) -> tuple[dt.date, dt.date]:
        """The days the start could be: the whole year for an interval starting "in 2011"."""
        if self.kind == "interval":
            return self.start, min(self.end, end_of(self.start, self.precision))
        return self.start, self.end



def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")


def parse_day(text: str) -> tuple[dt.date, dt.date, str]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time part is ignored) into first day, last day, precision."""
    m = _ISO.match(text)
    if not m:
        raise ValueError(text)
    year = int(m.group(1))
    if m.group(3):
        d = dt.date(year, int(m.group(2)), int(m.group(3)))
        return d, d, "day"
    if m.group(2):
        month = int(m.group(2))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def end_of(day: dt.date, precision: str) -> dt.date:
    """Last day of the period of ``precision`` containing ``day`` (:func:`timeline.precision.end_of`); ``day``
    itself past the calendar's end (9999-12-31)."""
    try:
        return _end_of(day, precision)
    except (ValueError, OverflowError):
        return day


def _guess_precision(start: dt.date, end: dt.date) -> str:
    if start == end:
        return "day"
    if start.day == 1 and end == end_of(start, "month"):
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return {0: "year", 9: "decade", 99: "century"}.get(end.year - start.year, "year")
    return "day"


def items_from_table(table: pd.DataFrame, *, origin: str = "table", group_by: str | None = None,
                     words=None) -> tuple[list[Item], int]:
    """Read the event table into chart items; return them with the number of rows that carry no date at all.

    Tolerates what a person editing the CSV by hand leaves behind: missing optional columns, empty cells,
    ``2015-10`` where a full date was expected. A date that cannot be read raises :class:`RenderError` naming
    ``origin`` and the row (1-based, as a spreadsheet shows it after the header line). ``words``
    (:class:`timeline.lang.words.Words`, default English) say a missing headline and group.
    """
    from timeline.lang.words import load
    words = words or load()
    items: list[Item] = []
    undated = 0
    if table is None or len(table) == 0:
        return items, 0
    if group_by and group_by not in table.columns:
        raise RenderError(f"{origin}: no column {group_by!r} to group by (columns: {', '.join(map(str, table.columns))})")
    for i, rec in enumerate(table.to_dict("records")):
        cells = {k: _cell(rec.get(k)) for k in ("start", "end", *OPTIONAL_TEXT)}
        where = f"{origin}, row {i + 1} (line {i + 2})"
        start = end = None
        prec, end_prec = cells["precision"].lower(), cells["end_precision"].lower()
        try:
            if cells["start"]:
                start, s_last, s_prec = parse_day(cells["start"])
                if s_prec != "day":           # "2015-10" typed by hand: the whole month
                    prec = prec or s_prec
                    end_guess = s_last
                else:
                    end_guess = start
            if cells["end"]:
                e_first, end, e_prec = parse_day(cells["end"])
                end_prec = end_prec or e_prec
        except ValueError:
            bad = cells["start"] if start is None and cells["start"] else cells["end"]
            raise RenderError(f"{where}: cannot read the date {bad!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)") from None
        if start is None and end is None:
            undated += 1
            continue
        open_start = start is None
        if start is None:
            start, prec = end, end_prec or "day"
        if end is None:
            end = end_guess if cells["start"] else start
            if prec in SPAN_PRECISIONS and end == start:
                end = end_of(start, prec)
        if end < start:
            raise RenderError(f"{where}: the end {cells['end']!r} comes before the start {cells['start']!r}")
        kind = cells["kind"].lower() or "mention"
        prec = prec or _guess_precision(start, end)
        if kind != "interval" and prec == "day" and end > start:
            kind = "interval"
        end_prec = end_prec or (prec if kind != "interval" else "day")
        flags = {f.strip().lower() for f in re.split(r"[;,]", cells["flags"]) if f.strip()}
        mod = cells["mod"].upper()
        try:
            count = int(float(_cell(rec.get("sources_count")) or 1))
        except ValueError:
            count = 1
        try:
            importance = float(_cell(rec.get("importance")) or 0)
        except ValueError:
            importance = 0.0
        headline = cells["headline"] or _short(cells["event_text"]) or cells["phrase"] or words.get("headline.none")
        if kind == "publication" and looks_like_a_file_name(headline, cells["source_path"]):
            headline = article_name(cells["source_title"], cells["source_path"], cells["event_text"]) or headline
        group = _cell(rec.get(group_by)) if group_by else ""
        items.append(Item(
            row=i, start=start, end=end, precision=prec, end_precision=end_prec, kind=kind, mod=mod,
            approximate=mod == "APPROX" or "approximate" in flags, open_start=open_start or "open_start" in flags,
            headline=headline, event_text=cells["event_text"], timex_value=cells["timex_value"],
            source_title=cells["source_title"], source_path=cells["source_path"], published=cells["published"],
            sources_count=max(count, 1), importance=importance if importance == importance else 0.0, group=group or (words.get("group.none") if group_by else "")))
    items.sort(key=lambda it: (it.start, it.end, it.row))
    return items, undated


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def select(items: list[Item], max_events: int) -> tuple[list[Item], int]:
    """Keep at most ``max_events`` items, in date order (:func:`timeline.render.pick.choose`); returns them and
    the number left out (publication events that went to the density strip are not counted)."""
    kept, hidden, _ = choose(items, max_events)
    return kept, hidden
