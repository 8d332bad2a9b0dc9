"""The broken time axis: :func:`segments` cuts the axis where long empty gaps would crush a cluster; within a
segment, a run of events much closer together than the segment's average becomes a list (evenly spaced, in date
order, not to scale: the common print form) instead of a knot of dots; :func:`lanes` stacks spans that overlap in
time side by side. Pure and deterministic (no matplotlib).
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field

from timeline.render.dates import span_label
from timeline.render.items import Item


@dataclass
class Segment:
    """A stretch of the time axis drawn to a linear scale; gaps between segments are cut out."""

    first: dt.date                  # first day shown (a little before the first event)
    last: dt.date                   # last day shown
    items: list[Item]
    core: tuple[dt.date, dt.date] | None = None     # the days the events cover (for the segment's header)
    lists: list[tuple[float, float]] = field(default_factory=list)   # stretches drawn as a list (days)
    knots: list[tuple[float, float]] = field(default_factory=list)   # (day, position) of the axis' scale

    @property
    def label(self) -> str:
        return self.header()

    def header(self, words=None) -> str:
        """The segment's header in ``words`` (:class:`timeline.lang.words.Words`, default English)."""
        return span_label(*(self.core or (self.first, self.last)), words)

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
        """Where ``day`` sits on the segment's spine, 0 (top) to 1: linear in time, but evenly spaced by event
        within a list stretch."""
        if not self.knots:
            return min(max((day - self.lo) / (self.hi - self.lo), 0.0), 1.0)
        days = [k[0] for k in self.knots]
        j = bisect_right(days, day)
        if j == 0:
            return 0.0
        if j == len(days):
            return 1.0
        (d0, v0), (d1, v1) = self.knots[j - 1], self.knots[j]
        return (v0 + (v1 - v0) * (day - d0) / (d1 - d0)) / self.knots[-1][1]

    def plan_lists(self, density: float = 3.0, least: int = 4) -> None:
        """Find the runs of at least ``least`` events that get less than 1/``density`` of their share of the
        spine (the segment's length per event), and give each its share, evenly spaced by event."""
        anchors = sorted(anchor_day(it) for it in self.items)
        n, span = len(anchors), self.hi - self.lo
        if n < least or span <= 0:
            return
        share = span / n
        runs, i = [], 0
        while i < n:
            best = None
            for j in range(i + least - 1, min(n, i + 400)):
                if anchors[j] - anchors[i] < (j - i + 1) * share / density:
                    best = j
            if best is None or anchors[best] == anchors[i]:
                i += 1
                continue
            runs.append((i, best))
            i = best + 1
        if not runs:
            return
        # a list gets the spine's share of its events: as much per event as the rest of the segment gets
        listed = sum(j - i + 1 for i, j in runs)
        linear = span - sum(anchors[j] - anchors[i] + 0.5 for i, j in runs)
        per_event = max(linear, 1e-6) / max(n - listed, 1)
        knots, v, at = [(self.lo, 0.0)], 0.0, self.lo
        for i, j in runs:
            x0, x1 = max(anchors[i] - 0.25, at + 1e-6), anchors[j] + 0.25
            v += max(x0 - at, 0.0)
            knots.append((x0, v))
            length, m = (j - i + 1) * per_event, j - i + 1
            counts: dict[float, int] = {}
            for a in anchors[i:j + 1]:
                counts[a] = counts.get(a, 0) + 1
            before = 0
            for a, c in counts.items():
                knots.append((a, v + length * (before + c / 2) / m))
                before += c
            v += length
            knots.append((x1, v))
            at = x1
            self.lists.append((x0, x1))
        knots.append((max(self.hi, at + 1e-9), v + max(self.hi - at, 0.0)))
        self.knots = knots


def anchor_day(it: Item) -> float:
    """Where on the time axis an event's label points: a day's middle, the middle of a span or of a start chunk."""
    a, b = it.start_chunk
    return (a.toordinal() + b.toordinal() + 1) / 2


def segments(items: list[Item], *, min_gap_share: float = 0.2, max_segments: int = 4,
             lists: bool = True) -> list[Segment]:
    """Cut the axis at the largest empty gaps (each longer than ``min_gap_share`` of the whole range and than
    ~2 months), at most ``max_segments`` pieces. An interval's long bar does not bridge a gap: only its start
    chunk and its end day count as occupied. With ``lists``, dense runs within a segment become lists
    (:meth:`Segment.plan_lists`)."""
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
    if lists:
        for s in segs:
            s.plan_lists()
    return segs


def lanes(spans: list[tuple[float, float]], *, gap: float = 4.0, max_lanes: int = 6, share: bool = True) -> list:
    """Greedy interval colouring: each span (top, bottom, in pixels) gets the first lane free at its top.
    Spans are taken in the order given (date order), so the assignment is deterministic. When all
    ``max_lanes`` are taken, a span shares the lane that frees first, or gets ``None`` (no lane) unless
    ``share``."""
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
            elif not share:
                out.append(None)
            else:                      # share the lane that frees first
                k = min(range(len(ends)), key=lambda j: (ends[j], j))
                ends[k] = max(ends[k], bottom)
                out.append(k)
    return out
