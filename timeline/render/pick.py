"""Which events the chart draws when there are more than fit, and what it calls an article.

:class:`Picker` chooses across the whole span of the table: the time axis is cut into stretches (half of equal
time, half of equal numbers of events, so a long quiet tail and a dense week both get their share), each stretch
gives its best event first, and the rest follow by the number of sources that report them, then the events
stage's ``importance`` (where the table has that column), taking turns between stretches when those are equal.
With more than :data:`HANDFUL` articles the publication events give way to news: they are counted by day for
the chart's density strip ("when the articles appeared") instead of drawn one by one.

The same picker serves a table in memory (:func:`choose`) and the table on disk, read in chunks
(:func:`timeline.table.timeline.chart_input`): it is fed the day histogram first (:meth:`Picker.plan`), then the
items one by one, and keeps at most ``max_events`` per stretch. Pure and deterministic (no matplotlib).
"""
from __future__ import annotations

import heapq
import os
import re
from bisect import bisect_right
from collections import Counter

HANDFUL = 5          # more articles than this: publication events give way to news (a density strip)


def anchor(it) -> float:
    """Where on the time axis an event sits (as :func:`timeline.render.axis.anchor_day`)."""
    a, b = it.start_chunk
    return (a.toordinal() + b.toordinal() + 1) / 2


def rank(it) -> tuple:
    """Better first: more sources, more important, with a sentence to show."""
    return (-it.sources_count, -it.importance, 0 if it.event_text else 1)


class Picker:
    """Choose at most ``max_events`` of the items fed to :meth:`add` (``None``: all of them)."""

    def __init__(self, max_events: int | None, *, articles: int = 0):
        self.keep = None if max_events is None else max(max_events, 0)
        self.drop_publications = articles > HANDFUL
        self.bounds: list[float] = []
        self.heaps: dict[int, list] = {}
        self.all_rows: list[int] = []
        self.published: Counter = Counter()          # day ordinal -> articles published that day (the strip)
        self.n = 0                                    # items that compete for a place

    def counts(self, it) -> bool:
        """Whether ``it`` competes for a place on the chart (a publication event may go to the strip)."""
        return not (self.drop_publications and it.kind == "publication")

    def plan(self, days: Counter) -> "Picker":
        """Cut the span into stretches from the histogram of the competing items' anchors (``days``)."""
        if self.keep is None or not days:
            return self
        k = max(1, self.keep // 3)
        lo, hi = min(days), max(days)
        cuts = {lo + (hi - lo) * j / k for j in range(1, k)}
        total, seen, j = sum(days.values()), 0, 1
        for day in sorted(days):
            seen += days[day]
            while j < k and seen >= total * j / k:
                cuts.add(day + 0.25)
                j += 1
        self.bounds = sorted(c for c in cuts if lo < c < hi)
        return self

    def add(self, it, row: int) -> None:
        if not self.counts(it):
            self.published[it.start.toordinal()] += 1
            return
        self.n += 1
        if self.keep is None:
            self.all_rows.append(row)
            return
        if self.keep == 0:
            return
        stretch = bisect_right(self.bounds, anchor(it))
        heap = self.heaps.setdefault(stretch, [])
        entry = (it.kind == "publication",) + tuple(-x for x in (*rank(it), row))
        if len(heap) < self.keep:
            heapq.heappush(heap, entry)
        elif entry > heap[0]:
            heapq.heapreplace(heap, entry)

    def rows(self) -> list[int]:
        """The rows chosen, in row order."""
        if self.keep is None:
            return sorted(self.all_rows)
        ranked = []
        for stretch, heap in self.heaps.items():
            for j, entry in enumerate(sorted(heap, reverse=True)):
                *key, row = (-x for x in entry[1:])
                ranked.append((not entry[0], j > 0, *key, j, _spread(stretch), row))
        ranked.sort()
        return sorted(r[-1] for r in ranked[:self.keep])


def _spread(k: int) -> float:
    """The van der Corput order of stretch ``k`` (0, 1/2, 1/4, 3/4 ...): a partial round of equals is spread
    over the span, not given to its first stretches."""
    out, scale = 0.0, 0.5
    while k:
        out += scale * (k & 1)
        k, scale = k >> 1, scale / 2
    return out


def choose(items, max_events: int | None):
    """Keep at most ``max_events`` items (see :class:`Picker`), in date order; returns (kept, hidden, the
    publication days that went to the density strip)."""
    picker = Picker(max_events, articles=sum(it.kind == "publication" for it in items))
    picker.plan(Counter(anchor(it) for it in items if picker.counts(it)))
    for it in items:                      # keyed by table row, as the table on disk is read
        picker.add(it, it.row)
    chosen = set(picker.rows())
    kept = [it for it in items if it.row in chosen]
    return kept, picker.n - len(kept), dict(picker.published)


# ---------------------------------------------------------------------------------------------------------
# what an article is called

_FILE_LIKE = re.compile(r"^[\w.#~+-]+$")


def looks_like_a_file_name(title: str, paths: str = "") -> bool:
    """``wsj_1073``, ``01_WW2``, ``dataframe#1``, ``APW19980219.0476``: a name a program gave, not a title (one
    token with an underscore, a ``#`` or letters and digits mixed, or a source path's file name)."""
    title = title.strip()
    if not title:
        return False
    stems = {os.path.splitext(os.path.basename(p.strip()))[0] for p in paths.split(";") if p.strip()}
    if title in stems or os.path.splitext(title)[0] in stems:
        return True
    return bool(_FILE_LIKE.match(title)) and bool(re.search(r"[_#]", title) or (
        re.search(r"\d", title) and re.search(r"[^\W\d_]", title)))


def clip(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + " …"


def short_sentence(text: str, limit: int = 80) -> str:
    """The first sentence of ``text`` (at least 20 characters: "Mr. Smith" is not one), clipped to ``limit``."""
    text = " ".join(text.split())
    m = re.match(r"(.{20,}?[.!?])(?:\s+[A-Z\"'“(]|$)", text)
    return clip(m.group(1) if m else text, limit)


def article_name(title: str, paths: str = "", first_sentence: str = "") -> str:
    """What the chart calls an article: its title, or its first sentence when the title is a file name (or
    missing); empty when there is neither."""
    title = " ".join(title.split())
    if title and not looks_like_a_file_name(title, paths):
        return title
    return short_sentence(first_sentence) if first_sentence.strip() else ""


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and value != value):
        return ""
    return str(value).strip()


class Articles:
    """The articles of a table as the chart names them, fed row by row (:meth:`add`, table order): the first
    ``first`` of them with their display name (:func:`article_name`) and publication day. The caller counts all
    of them by :meth:`key` (a table on disk keeps that set on disk)."""

    def __init__(self, first: int = 6):
        self.first = first
        self.kept: dict[str, list[str]] = {}          # key -> [title, paths, publication day, first sentence]

    @staticmethod
    def key(rec: dict) -> str:
        """The article a row belongs to: its title, else its file names (as the source line has named it)."""
        title = _text(rec.get("source_title"))
        paths = [p.strip() for p in _text(rec.get("source_path")).split(";") if p.strip()]
        return title or "; ".join(os.path.basename(p) for p in paths)

    def add(self, rec: dict) -> str:
        key = self.key(rec)
        if not key:
            return key
        if key not in self.kept and len(self.kept) < self.first:
            self.kept[key] = [_text(rec.get("source_title")), _text(rec.get("source_path")),
                              _text(rec.get("published"))[:10], ""]
        entry = self.kept.get(key)
        if entry is not None and not entry[3] and _text(rec.get("kind")).lower() == "publication":
            entry[3] = _text(rec.get("event_text"))
        return key

    def names(self) -> list[tuple[str, str]]:
        """(display name, publication day) of the first articles, in table order."""
        out = []
        for key, (title, paths, pub, sentence) in self.kept.items():
            out.append((article_name(title, paths, sentence) or key, pub))
        return out
