"""Chart layout without drawing: reading the event table, reader's dates, axis segments, lanes and label placement.

Everything here is pure and deterministic (no matplotlib), so each rule is testable on its own:

- :func:`items_from_table` reads the event table (or a hand-edited CSV of it) into :class:`Item` rows;
- :func:`reader_date` says a date the way a reader would ("Oct. 23", "October 2015", "2011 – Nov. 12, 2015");
- :func:`select` keeps the most important events when there are more than fit;
- :func:`segments` cuts the time axis where long empty gaps would crush a cluster (a broken axis);
- :func:`lanes` stacks overlapping spans side by side;
- :func:`dodge` places labels in one column without overlap, as close as possible to their markers.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field

import pandas as pd

OPTIONAL_TEXT = ("precision", "end_precision", "timex_value", "mod", "phrase", "headline", "event_text", "kind",
                 "flags", "source_path", "source_title", "published")

MONTHS_AP = {1: "Jan.", 2: "Feb.", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July", 8: "Aug.",
             9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Fall", "AU": "Fall", "WI": "Winter"}
ORDINAL_WORDS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth"}
MOD_PREFIX = {"APPROX": "About ", "START": "Early ", "MID": "Mid-", "END": "Late ", "BEFORE": "Before ",
              "AFTER": "After ", "ON_OR_BEFORE": "By ", "ON_OR_AFTER": "From "}
_LOWER_AFTER_PREFIX = {"Week", "First", "Second", "Third", "Fourth", "Spring", "Summer", "Fall", "Winter"}
SPAN_PRECISIONS = {"week", "month", "season", "quarter", "half", "year", "decade", "century"}


class RenderError(ValueError):
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


# ---------------------------------------------------------------------------------------------------------
# reading the table

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
    """Last day of the period of ``precision`` that starts on ``day``."""
    def add_months(d: dt.date, n: int) -> dt.date:
        k = d.year * 12 + d.month - 1 + n
        return dt.date(k // 12, k % 12 + 1, 1)
    try:
        if precision == "week":
            return day + dt.timedelta(days=6)
        if precision == "month":
            return add_months(day, 1) - dt.timedelta(days=1)
        if precision in ("season", "quarter"):
            return add_months(day, 3) - dt.timedelta(days=1)
        if precision == "half":
            return add_months(day, 6) - dt.timedelta(days=1)
        if precision == "year":
            return dt.date(day.year, 12, 31)
        if precision == "decade":
            return dt.date(min(day.year + 9, 9999), 12, 31)
        if precision == "century":
            return dt.date(min(day.year + 99, 9999), 12, 31)
    except (ValueError, OverflowError):
        return day
    return day


def _guess_precision(start: dt.date, end: dt.date) -> str:
    if start == end:
        return "day"
    if start.day == 1 and end == end_of(start, "month"):
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return {0: "year", 9: "decade", 99: "century"}.get(end.year - start.year, "year")
    return "day"


def items_from_table(table: pd.DataFrame, *, origin: str = "table", group_by: str | None = None
                     ) -> tuple[list[Item], int]:
    """Read the event table into chart items; return them with the number of rows that carry no date at all.

    Tolerates what a person editing the CSV by hand leaves behind: missing optional columns, empty cells,
    ``2015-10`` where a full date was expected. A date that cannot be read raises :class:`RenderError` naming
    ``origin`` and the row (1-based, as a spreadsheet shows it after the header line).
    """
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
        headline = cells["headline"] or _short(cells["event_text"]) or cells["phrase"] or "(no headline)"
        group = _cell(rec.get(group_by)) if group_by else ""
        items.append(Item(
            row=i, start=start, end=end, precision=prec, end_precision=end_prec, kind=kind, mod=mod,
            approximate=mod == "APPROX" or "approximate" in flags, open_start=open_start or "open_start" in flags,
            headline=headline, event_text=cells["event_text"], timex_value=cells["timex_value"],
            source_title=cells["source_title"], source_path=cells["source_path"], published=cells["published"],
            sources_count=max(count, 1), group=group or ("(none)" if group_by else "")))
    items.sort(key=lambda it: (it.start, it.end, it.row))
    return items, undated


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def select(items: list[Item], max_events: int) -> tuple[list[Item], int]:
    """Keep at most ``max_events`` items: the publication events first, then those reported by more sources,
    then the earliest rows of the table. The kept items stay in date order."""
    if max_events is None or len(items) <= max_events:
        return list(items), 0
    ranked = sorted(items, key=lambda it: (it.kind != "publication", -it.sources_count, it.row))
    keep = {id(it) for it in ranked[:max(max_events, 0)]}
    kept = [it for it in items if id(it) in keep]
    return kept, len(items) - len(kept)


# ---------------------------------------------------------------------------------------------------------
# dates as a reader says them

def _day(d: dt.date, with_year: bool) -> str:
    s = f"{MONTHS_AP[d.month]} {d.day}"
    return f"{s}, {d.year}" if with_year else s


def _year(y: int) -> str:
    return str(y) if y > 0 else f"{1 - y} BC"


def format_date(d: dt.date, precision: str, *, with_year: bool = True, timex_value: str = "") -> str:
    """One end of an event as a reader says it: ``Oct. 23``, ``October 2015``, ``2011``, ``Summer 2015``."""
    if precision == "time":
        m = re.search(r"T(\d\d):(\d\d)", timex_value or "")
        if m:
            h, mnt = int(m.group(1)), int(m.group(2))
            clock = f"{(h % 12) or 12}{f':{mnt:02d}' if mnt else ''} {'a.m.' if h < 12 else 'p.m.'}"
            return f"{_day(d, with_year)}, {clock}"
    if precision in ("day", "time", ""):
        return _day(d, with_year)
    if precision == "week":
        return "Week of " + _day(d, with_year)
    if precision == "month":
        return f"{calendar.month_name[d.month]} {_year(d.year)}"
    if precision == "season":
        m = re.search(r"-(SP|SU|FA|AU|WI)\b", timex_value or "")
        code = m.group(1) if m else {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                                     8: "SU"}.get(d.month, "FA")
        return f"{SEASONS[code]} {_year(d.year)}"
    if precision == "quarter":
        return f"{ORDINAL_WORDS[(d.month - 1) // 3 + 1]} quarter of {_year(d.year)}"
    if precision == "half":
        return f"{ORDINAL_WORDS[1 if d.month <= 6 else 2]} half of {_year(d.year)}"
    if precision == "decade":
        return f"{d.year - d.year % 10}s"
    if precision == "century":
        c = (d.year - 1) // 100 + 1 if d.year % 100 else d.year // 100 + 1
        suffix = "th" if 10 <= c % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(c % 10, "th")
        return f"{c}{suffix} century"
    return _year(d.year)


def reader_date(it: Item, *, with_year: bool = True) -> str:
    """The label's date line: the start (and end, for an interval) with the modifier in words."""
    if it.open_start:
        text = "Until " + format_date(it.end, it.end_precision or "day", with_year=with_year)
    elif it.kind == "interval":
        text = (format_date(it.start, it.precision, timex_value=it.timex_value) + " – "
                + format_date(it.end, it.end_precision or "day"))
    else:
        text = format_date(it.start, it.precision, with_year=with_year, timex_value=it.timex_value)
    prefix = "" if it.open_start else MOD_PREFIX.get(it.mod, "")
    if not prefix and it.approximate and not it.open_start:
        prefix = "About "
    if prefix and text.split(" ")[0] in _LOWER_AFTER_PREFIX:
        text = text[:1].lower() + text[1:]
    if prefix:
        text = prefix + text
    return text


def span_label(first: dt.date, last: dt.date) -> str:
    """The header of an axis segment: ``2011``, ``October 2015``, ``Oct. – Nov. 2015``, ``1911 – 2011``."""
    if first == last:
        return _day(first, True)
    if first.year != last.year:
        return f"{_year(first.year)} – {_year(last.year)}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) or last.month - first.month >= 6:
        return _year(first.year)
    if first.month == last.month:
        return f"{calendar.month_name[first.month]} {_year(first.year)}"
    return f"{MONTHS_AP[first.month]} – {MONTHS_AP[last.month]} {_year(first.year)}"


def gap_words(before: dt.date, after: dt.date) -> str:
    """How much time a break in the axis cuts out, in words: ``3 years 9 months later``."""
    days = (after - before).days
    if days < 62:
        return f"{days} days later"
    months = (after.year - before.year) * 12 + after.month - before.month - (after.day < before.day)
    if months < 24:
        return f"{months} months later"
    years, months = divmod(months, 12)
    if years >= 10 or not months:
        return f"{'about ' if months else ''}{years} years later".capitalize()
    return f"{years} years {months} month{'s' * (months != 1)} later"


# ---------------------------------------------------------------------------------------------------------
# the broken axis

@dataclass
class Segment:
    """A stretch of the time axis drawn to a linear scale; gaps between segments are cut out."""

    first: dt.date                  # first day shown (a little before the first event)
    last: dt.date                   # last day shown
    items: list[Item]
    core: tuple[dt.date, dt.date] | None = None     # the days the events cover (for the segment's header)

    @property
    def label(self) -> str:
        return span_label(*(self.core or (self.first, self.last)))

    @property
    def lo(self) -> float:
        return float(self.first.toordinal())

    @property
    def hi(self) -> float:
        return float(self.last.toordinal() + 1)

    @property
    def one_year(self) -> bool:
        first, last = self.core or (self.first, self.last)
        return first.year == last.year

    def frac(self, day: float) -> float:
        return min(max((day - self.lo) / (self.hi - self.lo), 0.0), 1.0)


def anchor_day(it: Item) -> float:
    """Where on the time axis an event's label points: a day's middle, the middle of a span or of a start chunk."""
    a, b = it.start_chunk
    return (a.toordinal() + b.toordinal() + 1) / 2


def segments(items: list[Item], *, min_gap_share: float = 0.2, max_segments: int = 4) -> list[Segment]:
    """Cut the axis at the largest empty gaps (each longer than ``min_gap_share`` of the whole range and than
    ~2 months), at most ``max_segments`` pieces. An interval's long bar does not bridge a gap: only its start
    chunk and its end day count as occupied."""
    if not items:
        return []
    chunks: list[tuple[int, int]] = []
    for it in items:
        a, b = it.start_chunk
        chunks.append((a.toordinal(), b.toordinal()))
        if it.kind == "interval" or it.open_start:
            chunks.append((it.end.toordinal(), it.end.toordinal()))
    chunks.sort()
    merged = [list(chunks[0])]
    for a, b in chunks[1:]:
        if a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    total = merged[-1][1] - merged[0][0] + 1
    gaps = [(merged[k + 1][0] - merged[k][1], k) for k in range(len(merged) - 1)]
    cut = sorted(k for g, k in sorted(gaps, key=lambda x: (-x[0], x[1]))[:max_segments - 1]
                 if g > min_gap_share * total and g > 60)
    bounds, lo = [], 0
    for k in cut + [len(merged) - 1]:
        bounds.append((merged[lo][0], merged[k][1]))
        lo = k + 1
    segs = []
    for a, b in bounds:       # no padding in days (the drawing pads each spine in pixels), except around one day
        first, last = dt.date.fromordinal(a), dt.date.fromordinal(b)
        shown = (dt.date.fromordinal(max(a - 1, 1)), dt.date.fromordinal(b + 1)) if a == b else (first, last)
        segs.append(Segment(*shown, [], (first, last)))
    for it in items:
        day = anchor_day(it)
        for s in segs:
            if s.lo <= day <= s.hi:
                s.items.append(it)
                break
        else:  # cannot happen: every anchor lies in a chunk; keep it anyway, in the nearest segment
            min(segs, key=lambda s: min(abs(day - s.lo), abs(day - s.hi))).items.append(it)
    return segs


def lanes(spans: list[tuple[float, float]], *, gap: float = 4.0, max_lanes: int = 6) -> list[int]:
    """Greedy interval colouring: each span (top, bottom, in pixels) gets the first lane free at its top.
    Spans are taken in the order given (date order), so the assignment is deterministic."""
    ends: list[float] = []
    out = []
    for top, bottom in spans:
        for k, last in enumerate(ends):
            if top >= last + gap:
                ends[k] = bottom
                out.append(k)
                break
        else:
            if len(ends) < max_lanes:
                ends.append(bottom)
                out.append(len(ends) - 1)
            else:                      # share the lane that frees first
                k = min(range(len(ends)), key=lambda j: (ends[j], j))
                ends[k] = max(ends[k], bottom)
                out.append(k)
    return out


def dodge(desired: list[float], heights: list[float], *, gap: float, lo: float, hi: float) -> list[float]:
    """Top positions for stacked labels, in order, each at least ``gap`` below the previous one, all within
    [lo, hi], as close as possible (least squares) to ``desired``.

    With C_i the height of everything above label i, q_i = top_i - C_i must not decrease: this is isotonic
    regression (pool adjacent violators), then clipped to the bounds, which stays optimal. If the labels do not
    fit in [lo, hi] they start at ``lo`` and run past ``hi`` (the caller sized the column so they fit)."""
    n = len(desired)
    if n == 0:
        return []
    offsets, c = [], 0.0
    for h in heights:
        offsets.append(c)
        c += h + gap
    target = [desired[i] - offsets[i] for i in range(n)]
    blocks: list[list[float]] = []            # [mean, weight, count]
    for t in target:
        blocks.append([t, 1.0, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, n2 = blocks.pop()
            m1, w1, n1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    q = []
    for mean, _, count in blocks:
        q.extend([mean] * count)
    upper = hi - offsets[-1] - heights[-1]
    lower = lo
    return [offsets[i] + (lower if upper < lower else min(max(q[i], lower), upper)) for i in range(n)]


def column_need(heights: list[float], gap: float) -> float:
    return sum(heights) + gap * max(len(heights) - 1, 0)


def wrap(text: str, width: float, measure) -> list[str]:
    """Greedy word wrap to ``width`` pixels using ``measure(str) -> float``; a word longer than the line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if measure(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
        while measure(line) > width and len(line) > 1:
            cut = max(1, math.floor(len(line) * width / max(measure(line), 1.0)) - 1)
            lines.append(line[:cut] + "-")
            line = line[cut:]
    if line:
        lines.append(line)
    return lines or [""]
