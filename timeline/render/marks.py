"""The marks that say how precise a date is, drawn the same way on the timeline and in its key:

- a day is a dot (the publication a larger one);
- a month, season, year ... is a span: a solid rounded bar as long as the period;
- an interval ("since 2011") is a period bar: a thin line with a crossbar at each end, so it visibly runs from
  its start to its end; when its start is known only to the year (or month), that year is a light band with no
  start crossbar: the period begins somewhere in it;
- an open start ("until Nov. 11") is the end of a period bar: a short line from a dotted stub down to an end
  crossbar on the day it ends;
- an approximate date (mod APPROX, flag ``approximate``) is hollow with a dashed edge, whatever its shape.

Each function adds matplotlib artists to ``ax`` and returns them; ``x`` is the left edge of a lane of width
``BAR_W`` (a dot is centred on ``x``). Nothing here decides where a mark goes.
"""
from __future__ import annotations

from timeline.render.style import BAR_W

PERIOD_W = 2.6          # the thin line of an interval
CAP_W = 9               # its crossbars (a lane is 6 px, lanes 10 px apart)
BAND_ALPHA = 0.28       # the start band of an interval whose start is known only to the year / month
DASH = (0, (2, 1.6))    # the dashed edge of an approximate mark


def dot(ax, x, y, r, *, color, bg, approximate=False, gid=None, zorder=4):
    from matplotlib.patches import Circle
    if approximate:
        p = Circle((x, y), r, facecolor=bg, edgecolor=color, linewidth=1.4, linestyle="--")
    else:
        p = Circle((x, y), r, facecolor=color, edgecolor=bg, linewidth=1.5)
    p.set_gid(gid)
    p.set_zorder(zorder)
    ax.add_patch(p)
    return p


def span(ax, x, y1, y2, *, color, bg, approximate=False, gid=None):
    """A month, season, year ...: a solid rounded bar; hollow with a dashed edge when approximate (inset, so the
    edge stays inside the lane)."""
    if approximate:
        return _bar(ax, x + 0.6, y1 + 0.6, BAR_W - 1.2, max(y2 - y1 - 1.2, 1), "round,pad=0,rounding_size=2.5",
                    color=color, bg=bg, approximate=True, edge_width=1.2, gid=gid)
    return _bar(ax, x, y1, BAR_W, y2 - y1, "round,pad=0,rounding_size=3", color=color, bg=bg, gid=gid)


def period(ax, x, y1, y2, *, color, bg, approximate=False, gid=None):
    """A stretch of an interval: a thin square-ended line in the middle of the lane (dashed outline if
    approximate). Its crossbars are :func:`cap`."""
    return _bar(ax, x + (BAR_W - PERIOD_W) / 2, y1, PERIOD_W, y2 - y1, "square,pad=0", color=color, bg=bg,
                approximate=approximate, edge_width=1.0, gid=gid)


def start_band(ax, x, y1, y2, *, color, gid=None):
    """The stretch an interval's start could be in (the year of "since 2011"): a light band, solid edges."""
    from matplotlib.colors import to_rgba
    return _box(ax, x, y1, BAR_W, y2 - y1, "square,pad=0", face=to_rgba(color, BAND_ALPHA), edge=color,
                linewidth=0.9, gid=gid)


def _bar(ax, x, y, w, h, boxstyle, *, color, bg, approximate=False, edge_width=None, gid=None):
    """A bar in a lane: solid ``color``; hollow (``bg``) with a dashed ``color`` edge when approximate."""
    if approximate:
        return _box(ax, x, y, w, h, boxstyle, face=bg, edge=color, linewidth=edge_width, linestyle=DASH, gid=gid)
    return _box(ax, x, y, w, h, boxstyle, face=color, edge="none", gid=gid)


def _box(ax, x, y, w, h, boxstyle, *, face, edge, linewidth=None, linestyle=None, gid=None, zorder=3):
    from matplotlib.patches import FancyBboxPatch
    p = FancyBboxPatch((x, y), w, h, boxstyle=boxstyle, facecolor=face, edgecolor=edge, linewidth=linewidth,
                       linestyle=linestyle, zorder=zorder)
    p.set_gid(gid)
    ax.add_patch(p)
    return p


def cap(ax, x, y, *, color, gid=None):
    """A crossbar closing a period at ``y`` (its first or last day)."""
    from matplotlib.lines import Line2D
    mid = x + BAR_W / 2
    line = Line2D([mid - CAP_W / 2, mid + CAP_W / 2], [y, y], color=color, linewidth=2.0, solid_capstyle="butt",
                  zorder=3.5)
    line.set_gid(gid)
    ax.add_line(line)
    return line


def until(ax, x, y, *, color, bg, gid=None):
    """An open start: a period arriving from an unknown start (dotted) and ending on day ``y`` (a crossbar).
    ``x`` is the centre, as for a dot; the mark stays within a dot's height above its day."""
    from matplotlib.lines import Line2D
    line = period(ax, x - BAR_W / 2, y - 7, y, color=color, bg=bg, gid=gid)
    ax.add_line(Line2D([x, x], [y - 15, y - 8], color=color, linewidth=1.6, linestyle=(0, (1, 1.5)), zorder=3.5))
    cap(ax, x - BAR_W / 2, y, color=color, gid=gid.replace("-mk", "-end") if gid else None)
    return line


def list_band(ax, x, y1, y2, *, color, gid=None):
    """Behind the spine, the stretch where close dates are listed in order, not to scale: a light band."""
    return _box(ax, x - 7, y1, 14, max(y2 - y1, 1), "round,pad=0,rounding_size=7", face=color, edge="none",
                gid=gid, zorder=1.5)


def bridge(ax, x, y1, y2, *, color):
    """A period crossing a break in the axis: dotted across the gap."""
    from matplotlib.lines import Line2D
    ax.add_line(Line2D([x + BAR_W / 2] * 2, [y1, y2], color=color, linewidth=1.2, linestyle=(0, (1, 3)),
                       zorder=3))


def key_glyph(ax, kind, x, cy, *, color, bg, gid, dot_color=None):
    """The key's sample of a mark, laid on its side (the key reads left to right): within 18 px from ``x``,
    vertically centred on ``cy``."""
    if kind in ("dot", "approx"):
        dot(ax, x + 9, cy, 5, color=color, bg=bg, approximate=kind == "approx", gid=gid)
    elif kind in ("span", "approx-span"):
        _lay_down(span(ax, x, cy - 6, cy + 6, color=color, bg=bg, approximate=kind == "approx-span", gid=gid),
                  x + 1, cy, 16)
    elif kind == "band":
        _lay_down(start_band(ax, x, cy - 6, cy + 6, color=color, gid=gid), x + 1, cy, 16)
    elif kind == "period":                              # |----|
        _lay_down(period(ax, x, cy - 9, cy + 9, color=color, bg=bg, gid=gid), x + 1, cy, 16)
        _upright_cap(ax, x + 1, cy, color)
        _upright_cap(ax, x + 17, cy, color)
    elif kind == "list":                                # a band with three evenly spaced dots
        _lay_down(list_band(ax, x + 9, cy - 9, cy + 9, color=bg if color is None else color, gid=gid), x, cy, 18)
        for dx in (4, 9, 14):
            dot(ax, x + dx, cy, 1.8, color=dot_color, bg=color, zorder=4)
    elif kind == "until":                               # ···--|
        from matplotlib.lines import Line2D
        ax.add_line(Line2D([x, x + 8], [cy, cy], color=color, linewidth=1.6, linestyle=(0, (1, 1.5)),
                           zorder=3.5))
        _lay_down(period(ax, x, cy - 9, cy + 9, color=color, bg=bg, gid=gid), x + 8, cy, 9)
        _upright_cap(ax, x + 17, cy, color)


def _lay_down(p, x, cy, length):
    """A vertical bar sample on its side, from ``x``, ``length`` px long, centred on ``cy``."""
    h = p.get_width()
    p.set_bounds(x, cy - h / 2, length, h)


def _upright_cap(ax, x, cy, color):
    from matplotlib.lines import Line2D
    ax.add_line(Line2D([x, x], [cy - CAP_W / 2, cy + CAP_W / 2], color=color, linewidth=2.0,
                       solid_capstyle="butt", zorder=3.5))
