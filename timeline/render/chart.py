"""Drawing the timeline: the figure laid out in pixels of a 1200 px wide embed (1 data unit = 1 px at 100 dpi,
y downwards). The spine, its segments and breaks, the markers and the labels are drawn here; the header and footer
in :mod:`timeline.render.frame`, the look in :mod:`timeline.render.style`. Layout rules (dates, segments, lanes,
label placement) live in :mod:`tests.support.render_layout`; the public API is :mod:`timeline.render`.
"""
from __future__ import annotations

import math

import timeline.render.marks as marks
from timeline.render.axis import anchor_day as _anchor
from timeline.render.axis import lanes, segments
from timeline.render.dates import gap_words, reader_date
from timeline.render.frame import Frame
from timeline.render.pick import choose
from timeline.render.place import column_need, dodge
from timeline.render.style import (BAR_W, DOT_R, DOT_SLOT, DPI, LABEL_GAP, LANE_PITCH, MARGIN,
                                   MAX_HEADLINE_LINES, MAX_LANES, MAX_LEADER_DROP, MAX_TEXT_W, PAD, SIZES, THEMES, WIDTH)


class Chart(Frame):
    def __init__(self, table, items, undated, *, title, subtitle, source, credit, theme, group_by, max_events,
                 left_out=(0, 0), published=None, words):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.font_manager import FontProperties
        self.FontProperties = FontProperties
        self.c = THEMES[theme]
        self.words = words
        self.items, hidden, strip = choose(items, max_events)
        self.published = dict(published or strip)       # day ordinal -> articles: the density strip
        self.hidden, self.undated = hidden + left_out[0], undated + left_out[1]
        self.fig = Figure(figsize=(WIDTH / DPI, 10), dpi=DPI, facecolor=self.c["bg"])
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()
        self.ax.set_xlim(0, WIDTH)
        self.ax.set_facecolor(self.c["bg"])
        self.renderer = self.fig.canvas.get_renderer()
        self._widths: dict = {}
        self.events_meta: list[dict] = []
        self.colors = self._colors(group_by)
        self.segs = segments(self.items)
        y = self._header(table, title, subtitle, group_by)
        y = self._body(y) if self.items else self._empty(y)
        y = self._footer(table, y, source, credit)
        height = int(math.ceil(y + 28))
        self.fig.set_size_inches(WIDTH / DPI, height / DPI)
        self.ax.set_ylim(height, 0)
        self.fig.timeline_events = self.events_meta      # for the HTML page's hover details
        self.fig.timeline_background = self.c["bg"]


    # -- body ----------------------------------------------------------------------------------------------
    def _body(self, y0) -> float:
        from matplotlib.lines import Line2D
        spine = WIDTH / 2
        segs = self.segs
        seg_of = {id(it): s for s in segs for it in s.items}
        side = {id(it): (-1 if i % 2 == 0 else 1) for i, it in enumerate(self.items)}
        # lanes: spans overlapping (or touching) in time sit side by side, each side separately
        lane = {}
        self.compact = set()            # bars with no lane free (at most MAX_LANES a side): short marks
        for sd in (-1, 1):
            bars = [it for it in self.items if it.is_bar and side[id(it)] == sd]
            for it, k in zip(bars, lanes([(it.start.toordinal(), it.end.toordinal() + 1) for it in bars],
                                         gap=1, max_lanes=MAX_LANES, share=False)):
                if k is None:
                    self.compact.add(id(it))
                else:
                    lane[id(it)] = k
        n_lanes = {sd: 1 + max([lane[i] for i in lane if side[i] == sd] or [-1]) for sd in (-1, 1)}
        # Days whose dots would overlap on the spine step aside (towards their label). That needs a slot beside
        # the spine, which narrows the label columns: lay out without it first, and again with it if needed.
        for slot in (0, DOT_SLOT):
            self.lane_x0 = 9 + slot
            edge = {sd: spine + sd * (self.lane_x0 + n_lanes[sd] * LANE_PITCH + 8) for sd in (-1, 1)}
            col_w = {sd: min(MAX_TEXT_W, (edge[sd] - MARGIN) if sd < 0 else (WIDTH - MARGIN - edge[sd]))
                     for sd in (-1, 1)}
            labels = self._labels(side, seg_of, edge, col_w)
            lengths = [self._length(seg, labels, side) for seg in segs]
            dot_x = self._dot_slots(segs, lengths, side, lane, spine, slot)
            if slot or all(x is not None for x in dot_x.values()):
                dot_x = {k: spine if x is None else x for k, x in dot_x.items()}
                break
            for td, th, *_ in labels.values():
                td.remove()
                th.remove()
            self.events_meta.clear()
        # the spine, segment by segment
        y = y0
        seg_box = []
        for si, (seg, length) in enumerate(zip(segs, lengths)):
            head = self._text(edge[-1], y, seg.header(self.words), size=SIZES["header"], weight="bold",
                              color=self.c["muted"], ha="right", gid=f"segment{si}")
            y += self._height(head) + 8
            top = y + PAD
            seg_box.append((top, top + length))
            self.ax.add_line(Line2D([spine, spine], [top - PAD / 2, top + length + PAD / 2], color=self.c["spine"],
                                    linewidth=1.4, solid_capstyle="butt", zorder=2, gid=f"axis{si}"))
            for li, (a, b) in enumerate(seg.lists):        # a stretch listed in order, not to scale
                marks.list_band(self.ax, spine, top + seg.frac(a) * length - 4, top + seg.frac(b) * length + 4,
                                color=self.c["rule"], gid=f"list{si}-{li}")
            for sd in (-1, 1):
                its = sorted((it for it in seg.items if side[id(it)] == sd), key=lambda it: (_anchor(it), it.row))
                ys = [top + seg.frac(_anchor(it)) * length for it in its]
                tops = dodge([yy - labels[id(it)][2] / 2 for yy, it in zip(ys, its)],
                             [labels[id(it)][4] for it in its], gap=LABEL_GAP, lo=top - PAD, hi=top + length + PAD)
                for it, yy, ty in zip(its, ys, tops):
                    td, th, hd, hh, _ = labels[id(it)]
                    td.set_y(ty)
                    th.set_y(ty + hd + 2)
                    x0 = (spine + sd * (self.lane_x0 + lane[id(it)] * LANE_PITCH + BAR_W + 2) if id(it) in lane
                          else dot_x[id(it)] + sd * 8)
                    self._leader(sd, x0, yy, ty + hd / 2, edge[sd])
            y = top + length + PAD
            if si < len(segs) - 1:
                self._break(spine, y + 4, y + 40, si, edge[1], gap_words(seg.core[1], segs[si + 1].core[0], self.words))
                y += 44
        for k, it in enumerate(self.items):
            self._marker(k, it, side[id(it)], lane.get(id(it)), dot_x.get(id(it)), spine, segs, seg_box)
        return y

    def _length(self, seg, labels, side) -> float:
        """Spine length of a segment: room for its labels, a little more when crowded dates would pull labels
        far from their markers (long leaders), at most half as much again."""
        cols = [sorted((it for it in seg.items if side[id(it)] == sd), key=lambda it: (_anchor(it), it.row))
                for sd in (-1, 1)]
        need = max(column_need([labels[id(it)][4] for it in col], LABEL_GAP) for col in cols)
        for factor in (1.15, 1.3, 1.5):
            length = max(56.0, need * factor - 2 * PAD)
            worst = 0.0
            for col in cols:
                ys = [seg.frac(_anchor(it)) * length - labels[id(it)][2] / 2 for it in col]
                tops = dodge(ys, [labels[id(it)][4] for it in col], gap=LABEL_GAP, lo=-PAD, hi=length + PAD)
                worst = max([worst] + [abs(t - y) for t, y in zip(tops, ys)])
            if worst <= MAX_LEADER_DROP:
                break
        return length

    def _labels(self, side, seg_of, edge, col_w) -> dict:
        """Date line and headline of every event, wrapped to its column and measured (placed later)."""
        labels = {}
        for k, it in enumerate(self.items):
            sd, seg = side[id(it)], seg_of[id(it)]
            ha = "right" if sd < 0 else "left"
            date = reader_date(it, with_year=not seg.one_year, words=self.words)
            if it.kind == "publication":
                date = self.words.text("label.published", date=date)
            if it.sources_count > 1:
                date = self.words.text("label.sources", date=date, n=it.sources_count)
            dl = self._wrap(date, col_w[sd], SIZES["date"], "bold")
            hl = self._wrap(it.headline, col_w[sd], SIZES["headline"])
            if len(hl) > MAX_HEADLINE_LINES:               # the HTML page and the table keep the whole text
                hl, measure = hl[:MAX_HEADLINE_LINES], self._measure(SIZES["headline"])
                last = hl[-1].rstrip(" .,;:-")
                while " " in last and measure(last + " …") > col_w[sd]:
                    last = last.rsplit(" ", 1)[0].rstrip(" .,;:-")
                hl[-1] = last + " …"
            dcolor = self.c["accent"] if not self.colors else self.c["text"]
            td = self._text(edge[sd], 0, "\n".join(dl), size=SIZES["date"], weight="bold", color=dcolor, ha=ha,
                            gid=f"ev{k}-date")
            th = self._text(edge[sd], 0, "\n".join(hl), size=SIZES["headline"], ha=ha, gid=f"ev{k}-head")
            hd, hh = self._height(td), self._height(th)
            labels[id(it)] = (td, th, hd, hh, hd + 2 + hh)
            self.events_meta.append(dict(id=f"ev{k}", date=reader_date(it, words=self.words), headline=it.headline,
                                         text=it.event_text, source=it.source_title or it.source_path,
                                         published=it.published[:10], kind=it.kind))
        return labels

    def _dot_slots(self, segs, lengths, side, lane, spine, slot) -> dict:
        """x of each day's dot: on the spine, unless it would overlap the dot of a different day there; then
        beside the spine on its label's side (events of the same day share one dot, unless one is approximate or
        of another group: a shared dot has one look)."""
        out = {}
        for seg, length in zip(segs, lengths):
            placed: list[tuple] = []                         # (x, y, (day, look))
            for it in sorted(seg.items, key=lambda it: (_anchor(it), it.row)):
                if id(it) in lane:
                    continue
                y, day = seg.frac(_anchor(it)) * length, (it.start.toordinal(), it.approximate, it.group,
                                                        it.kind == "publication", it.open_start,
                                                        id(it) in self.compact and (it.end, it.kind))
                r = 2 * DOT_R + 3
                choices = [spine] + ([spine + side[id(it)] * slot] if slot else [])
                for x in choices:
                    if not any(px == x and pd_ != day and abs(py - y) < r for px, py, pd_ in placed):
                        break
                else:
                    x = None                                  # no room: the caller retries with a slot
                out[id(it)] = x
                placed.append((x, y, day))
        return out

    def _leader(self, sd, x0, ym, yl, edge):
        from matplotlib.lines import Line2D
        x1 = edge - sd * 6
        xe = x1 - sd * min(14, abs(x1 - x0) / 2)
        xs, ys = ([x0, xe, x1], [ym, ym, yl]) if abs(ym - yl) > 0.5 else ([x0, x1], [ym, yl])
        self.ax.add_line(Line2D(xs, ys, color=self.c["leader"], linewidth=0.8, zorder=1))

    def _marker(self, k, it, sd, lane_k, dot_x, spine, segs, seg_box):
        """The event's mark (see :mod:`timeline.render.marks`): a dot for a day, a span for a month or year, a
        capped period for an interval, hollow and dashed when approximate."""
        color, bg = self._color(it), self.c["bg"]
        if lane_k is None:                              # a day: a dot on the spine
            si = next(i for i, s in enumerate(segs) if it in s.items)
            top, bottom = seg_box[si]
            yy = top + segs[si].frac(_anchor(it)) * (bottom - top)
            r = DOT_R + 1.5 if it.kind == "publication" else DOT_R
            if id(it) in self.compact:                  # a bar with no lane free: a short one on the spine
                if it.kind == "interval":
                    marks.period(self.ax, dot_x - BAR_W / 2, yy - 6, yy + 6, color=color, bg=bg,
                                 approximate=it.approximate, gid=f"ev{k}-mk")
                    marks.cap(self.ax, dot_x - BAR_W / 2, yy - 6, color=color, gid=f"ev{k}-start")
                    marks.cap(self.ax, dot_x - BAR_W / 2, yy + 6, color=color, gid=f"ev{k}-end")
                else:
                    marks.span(self.ax, dot_x - BAR_W / 2, yy - 6, yy + 6, color=color, bg=bg,
                               approximate=it.approximate, gid=f"ev{k}-mk")
            elif it.open_start:
                marks.until(self.ax, dot_x, yy, color=color, bg=bg, gid=f"ev{k}-mk")
            else:
                marks.dot(self.ax, dot_x, yy, r, color=color, bg=bg, approximate=it.approximate, gid=f"ev{k}-mk")
            return
        x = spine + sd * (self.lane_x0 + lane_k * LANE_PITCH) - (BAR_W if sd < 0 else 0)
        a, b = it.start.toordinal(), it.end.toordinal() + 1
        chunk_end = it.start_chunk[1].toordinal() + 1 if _start_unsure(it) else a
        pieces = []                                     # (y_top, y_bottom, start band?) per segment
        for (top, bottom), seg in zip(seg_box, segs):
            lo, hi = max(a, seg.lo), min(b, seg.hi)
            if lo >= hi:
                continue
            for p_lo, p_hi, band in ((lo, min(hi, chunk_end), True), (max(lo, chunk_end), hi, False)):
                if p_lo < p_hi:
                    y1 = top + seg.frac(p_lo) * (bottom - top)
                    y2 = top + seg.frac(p_hi) * (bottom - top)
                    pieces.append([y1, y2, band])
        if not pieces:
            return
        for j, p in enumerate(pieces):                  # a span is never thinner than a dot
            if p[1] - p[0] < BAR_W:
                if len(pieces) == 1 or p[2]:
                    mid = (p[0] + p[1]) / 2
                    p[0], p[1] = mid - BAR_W / 2, mid + BAR_W / 2
                elif j == len(pieces) - 1:              # an interval's end just inside a segment
                    p[1] = p[0] + BAR_W
                else:
                    p[0] = p[1] - BAR_W
        for j, (y1, y2, band) in enumerate(pieces):
            gid = f"ev{k}-mk" if j == 0 else f"ev{k}-mk{j}"
            if it.kind != "interval":
                marks.span(self.ax, x, y1, y2, color=color, bg=bg, approximate=it.approximate, gid=gid)
            elif band:
                marks.start_band(self.ax, x, y1, y2, color=color, gid=gid)
            else:
                marks.period(self.ax, x, y1, y2, color=color, bg=bg, approximate=it.approximate, gid=gid)
        if it.kind == "interval":                       # crossbars: where it starts (if known to the day), ends
            if not pieces[0][2]:
                marks.cap(self.ax, x, pieces[0][0], color=color, gid=f"ev{k}-start")
            if not pieces[-1][2]:
                marks.cap(self.ax, x, pieces[-1][1], color=color, gid=f"ev{k}-end")
        for (y1, _, _), (_, y0, _) in zip(pieces[1:], pieces[:-1]):    # across a break: dotted
            if y1 - y0 > 2:
                marks.bridge(self.ax, x, y0 + 2, y1 - 2, color=color)

    def _break(self, spine, y1, y2, si, x_text, words):
        from matplotlib.lines import Line2D
        mid = (y1 + y2) / 2
        t = self._text(x_text, 0, words, size=SIZES["footer"], color=self.c["faint"], style="italic",
                       gid=f"gap{si}")
        t.set_y(mid - self._height(t) / 2)
        self.ax.add_line(Line2D([spine, spine], [y1, y2], color=self.c["spine"], linewidth=1.0,
                                linestyle=(0, (1, 3)), zorder=2, gid=f"axisgap{si}"))
        for dy in (-3.5, 3.5):                          # the break mark: two short slanted strokes
            self.ax.add_line(Line2D([spine - 8, spine + 8], [mid + dy + 3, mid + dy - 3], color=self.c["spine"],
                                    linewidth=1.4, zorder=2, gid=f"break{si}{'ab'[dy > 0]}"))

    def _empty(self, y) -> float:
        self._text(WIDTH / 2, y + 50, self.words.get("empty"), size=15, color=self.c["muted"], ha="center",
                   gid="empty")
        return y + 140


def _start_unsure(it) -> bool:
    """An interval whose start is known only to the year, month ... ("since 2011"): drawn as a start band."""
    return it.kind == "interval" and it.precision not in ("day", "time", "")
