"""The frame around the timeline: title, subtitle and key on top; notes, source and credit lines below; and the
text helpers every part of the drawing uses (measure, wrap, place text). :class:`Frame` is the base of
:class:`timeline.render.chart.Chart`.
"""
from __future__ import annotations


from timeline.lang.words import Words, load
from timeline.render.items import Item
from timeline.render.pick import clip
from timeline.render.place import wrap
from timeline.render.style import DPI, MARGIN, SIZES, WIDTH

CAP_HEIGHT = 0.73      # of DejaVu Sans, in ems: centres a key's words on its marks


class Frame:
    """Text helpers, header and footer; a subclass sets ``fig``, ``ax``, ``renderer``, ``c`` (the theme),
    ``items``, ``colors``, ``hidden`` and ``undated`` and calls :meth:`_header` / :meth:`_footer`."""

    # -- text helpers --------------------------------------------------------------------------------------
    def _measure(self, size, weight="normal"):
        """Width in px of a one-line string (cached: measuring is the slow part of the layout)."""
        key = (size, weight)
        if key not in self._widths:
            prop = self.FontProperties(size=size, weight=weight)
            cache: dict[str, float] = {}

            def width(s: str) -> float:
                if s not in cache:
                    cache[s] = self.renderer.get_text_width_height_descent(s, prop, ismath=False)[0]
                return cache[s]
            self._widths[key] = width
        return self._widths[key]

    def _wrap(self, text, width, size, weight="normal") -> list[str]:
        """Word wrap measuring words (fast), then check each line as a whole (exact)."""
        exact = self._measure(size, weight)
        space = exact("a a") - exact("aa")

        def approx(line: str) -> float:
            words = line.split(" ")
            return sum(exact(w) for w in words) + space * (len(words) - 1)
        lines = wrap(text, width, approx)
        if any(exact(line) > width for line in lines):
            lines = wrap(text, width, exact)
        return lines

    def _text(self, x, y, s, *, size, weight="normal", color=None, ha="left", gid=None, style="normal"):
        t = self.ax.text(x, y, s, fontsize=size, fontweight=weight, color=color or self.c["text"], ha=ha,
                         va="top", fontstyle=style, linespacing=1.25, zorder=5)
        if gid:
            t.set_gid(gid)
        return t

    def _height(self, t) -> float:
        return t.get_window_extent(self.renderer).height

    def _block(self, x, y, s, *, size, width, weight="normal", color=None, ha="left", gid=None) -> float:
        lines = self._wrap(s, width, size, weight)
        t = self._text(x, y, "\n".join(lines), size=size, weight=weight, color=color, ha=ha, gid=gid)
        return y + self._height(t)

    def _colors(self, group_by):
        if not group_by:
            return {}
        groups = list(dict.fromkeys(it.group for it in sorted(self.items, key=lambda it: it.row)))
        pal = self.c["palette"]
        return {g: (pal[i] if i < len(pal) else self.c["other"]) for i, g in enumerate(groups)}

    def _color(self, it: Item) -> str:
        return self.colors.get(it.group, self.c["accent"]) if self.colors else self.c["accent"]

    # -- header --------------------------------------------------------------------------------------------
    def _header(self, table, title, subtitle, group_by) -> float:
        if not title:
            title = default_title(table, self.words)
        width = WIDTH - 2 * MARGIN
        y = self._block(MARGIN, 36, title, size=SIZES["title"], weight="bold", width=width, gid="title")
        if subtitle:
            y = self._block(MARGIN, y + 6, subtitle, size=SIZES["subtitle"], color=self.c["muted"], width=width,
                            gid="subtitle")
        entries = []
        if self.colors:
            entries += [("dot", color, name) for name, color in self.colors.items()]
        if self.items:
            shapes = self._key_entries()
            entries += ([None] if entries and shapes else []) + shapes    # the marks' key on a line of its own
        if entries:
            y = self._key(entries, y + 14)
        if self.published:
            y = self._strip(y + 16)
        return y + 26

    def _strip(self, y) -> float:
        """The density strip: when the articles appeared (their publication events, not drawn one by one)."""
        from matplotlib.patches import Rectangle
        days = self.published
        n = sum(days.values())
        label = self._text(MARGIN, y, self.words.text("strip.label", count=n, n=n), size=SIZES["key"],
                           color=self.c["muted"], gid="strip-label")
        x0 = MARGIN + self._measure(SIZES["key"])(label.get_text()) + 14
        x1, h = WIDTH - MARGIN, 16.0
        lo, hi = min(days), max(days)
        bins = max(1, min(120, hi - lo + 1))
        counts = [0] * bins
        for day, k in days.items():
            counts[min(bins - 1, (day - lo) * bins // (hi - lo + 1))] += k
        w = (x1 - x0) / bins
        top = max(counts)
        from matplotlib.lines import Line2D
        self.ax.add_line(Line2D([x0, x1], [y + h, y + h], color=self.c["rule"], linewidth=0.8, zorder=2))
        for b, k in enumerate(counts):
            if k:                                       # square-root heights: one article stays visible
                bh = max(3.0, h * (k / top) ** 0.5)
                p = Rectangle((x0 + b * w, y + h - bh), max(w - 1, 1.5), bh, facecolor=self.c["faint"],
                              edgecolor="none", zorder=3)
                p.set_gid(f"strip{b}")
                self.ax.add_patch(p)
        import datetime as dt
        first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
        self._text(x0, y + h + 3, self.words.day(first), size=SIZES["footer"], color=self.c["faint"],
                   gid="strip-first")
        if last != first:
            self._text(x1, y + h + 3, self.words.day(last), size=SIZES["footer"], color=self.c["faint"], ha="right",
                       gid="strip-last")
        return y + h + 3 + 14

    def _key_entries(self):
        """One entry per kind of mark the chart shows, worded for what is there ("A month", "A month or year")."""
        acc = self.c["accent"] if not self.colors else self.c["faint"]
        its, w = self.items, self.words
        out = []
        if any(not it.is_bar and not it.approximate and not it.open_start for it in its):
            out.append(("dot", acc, w.get("key.day")))
        spans = [it.precision for it in its if it.is_bar and it.kind != "interval" and not it.approximate]
        if spans:
            out.append(("span", acc, w.text("key.span", periods=_periods(w, spans))))
        if any(it.kind == "interval" for it in its):
            out.append(("period", acc, w.get("key.period")))
        if any(it.open_start for it in its):
            out.append(("until", acc, w.get("key.until")))
        unsure = [it.precision for it in its if it.kind == "interval" and it.precision not in ("day", "time", "")]
        if unsure:
            out.append(("band", acc, w.text("key.band", periods=_periods(w, unsure))))
        if any(s.lists for s in getattr(self, "segs", ())):
            out.append(("list", acc, w.get("key.list")))
        if any(it.approximate for it in its):
            only_spans = all(it.is_bar for it in its if it.approximate)
            out.append(("approx-span" if only_spans else "approx", acc, w.get("key.approximate")))
        return out

    def _key(self, entries, y) -> float:
        from timeline.render.marks import key_glyph
        x, size = MARGIN, SIZES["key"]
        measure = self._measure(size)
        line_h = 18
        for k, entry in enumerate(entries):
            if entry is None:
                x, y = MARGIN, y + line_h + 4
                continue
            kind, color, label = entry
            w = 27 + measure(label) + 22
            if x + w > WIDTH - MARGIN and x > MARGIN:
                x, y = MARGIN, y + line_h + 4
            if kind == "list":
                key_glyph(self.ax, kind, x, y + line_h / 2, color=self.c["rule"], bg=self.c["bg"],
                          gid=f"key{k}-mk", dot_color=color)
            else:
                key_glyph(self.ax, kind, x, y + line_h / 2, color=color, bg=self.c["bg"], gid=f"key{k}-mk")
            t = self._text(x + 27, 0, label, size=size, color=self.c["muted"], gid=f"key{k}-label")
            t.set_verticalalignment("baseline")                 # "top" follows each label's own glyphs
            t.set_y(y + line_h / 2 + CAP_HEIGHT * size * DPI / 72 / 2)
            x += w
        return y + line_h

    def _footer(self, table, y, source, credit) -> float:
        from matplotlib.lines import Line2D
        width = WIDTH - 2 * MARGIN
        y += 20
        notes = []
        if self.hidden:
            notes.append(self.words.text("note.hidden", count=self.hidden, n=self.hidden))
        if self.undated:
            notes.append(self.words.text("note.undated", count=self.undated, n=self.undated))
        if notes:
            y = self._block(MARGIN, y, " · ".join(notes), size=SIZES["note"], weight="bold",
                            color=self.c["muted"], width=width, gid="note") + 12
        self.ax.add_line(Line2D([MARGIN, WIDTH - MARGIN], [y, y], color=self.c["rule"], linewidth=0.8))
        y += 10
        source = source if source is not None else _source_line(table, self.words)
        if source:
            said = source if source.lower().startswith(self.words.get("source.word")) else \
                self.words.text("source", sources=source)
            y = self._block(MARGIN, y, said, size=SIZES["footer"], color=self.c["muted"], width=width,
                            gid="source") + 3
        credit = credit if credit is not None else self.words.get("credit")
        if credit:
            y = self._block(MARGIN, y, credit, size=SIZES["footer"], color=self.c["muted"], width=width,
                            gid="credit")
        return y


def table_articles(table) -> tuple[list[tuple[str, str]], int]:
    """(display name, publication day) of the table's first six articles in table order, and how many it has."""
    from timeline.render.pick import Articles
    articles, keys = Articles(), set()
    if table is not None and len(table):
        for rec in table.to_dict("records"):
            keys.add(articles.add(rec))
    keys.discard("")
    return articles.names(), len(keys)


def default_title(table, words=None, names=None, total=None) -> str:
    """The chart's title when none is given: the first article's title (or first sentence), or "N articles"
    for more than a handful (:data:`timeline.render.pick.HANDFUL`)."""
    from timeline.render.pick import HANDFUL
    words = words or load()
    if names is None:
        names, total = table_articles(table)
    if total and total > HANDFUL:
        return words.text("title.articles", count=total, n=total)
    return names[0][0] if names else words.get("title")


def _source_line(table, words=None) -> str:
    """Name the articles: their titles (or first sentences), in table order, with the publication date."""
    names, total = table_articles(table)
    return source_line(names, total, words) if names else ""


def source_name(rec: dict) -> tuple[str, str]:
    """(the key of a row's article: its title, else its file names; its publication day)."""
    from timeline.render.items import _cell
    from timeline.render.pick import Articles
    return Articles.key(rec), _cell(rec.get("published"))[:10]


def source_line(first: list[tuple[str, str]], total: int, words: Words | None = None) -> str:
    """The source line from the first distinct (name, publication day) in table order (six are enough) and the
    number of distinct names."""
    from timeline.render.items import parse_day
    words = words or load()
    parts = []
    for name, pub in first[:6]:
        name = clip(name, 60)
        try:
            day = parse_day(pub)[0] if pub else None
        except ValueError:
            day = None
        parts.append(words.text("source.article_dated", name=name, date=words.day(day)) if day
                     else words.text("source.article", name=name))
    if total > 6:
        parts = parts[:5] + [words.text("source.more", n=total - 5)]
    return words.text("source", sources="; ".join(parts)) if parts else ""


SPAN_ORDER = ("week", "month", "season", "quarter", "half", "year", "decade", "century")


def _periods(words: Words, precisions: list[str]) -> str:
    """``month``, ``month or year``, ``month, season or year``: the periods of ``precisions``, in key order."""
    said = [words.get(f"period.{p}") for p in SPAN_ORDER if p in precisions] or [words.get("period.period")]
    return said[0] if len(said) == 1 else words.text("list.or", items=", ".join(said[:-1]), last=said[-1])
