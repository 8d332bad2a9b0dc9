"""The chart's look: sizes in pixels of a 1200 px wide embed, the light and dark themes (colour-blind-safe
palettes, Okabe-Ito), font sizes and the matplotlib settings every drawing runs under.
"""
from __future__ import annotations

WIDTH = 1200            # px of the embed
DPI = 100               # figure dpi: 1 pt of font = 1.39 px
SCALE = 2               # PNG pixel density
MARGIN = 48
PAD = 14                # labels may reach this far above / below the ends of a segment's spine
LABEL_GAP = 10
LANE_PITCH = 10
BAR_W = 6
DOT_R = 5
DOT_SLOT = 13           # a dot that steps aside from the spine
MAX_HEADLINE_LINES = 4
MAX_LEADER_DROP = 48    # px a label may sit away from its marker before the spine is lengthened
MAX_TEXT_W = 520        # a readable line length for headlines
MAX_LANES = 3           # parallel bars beside the spine, each side; more become short marks on the spine

THEMES = {
    "light": dict(bg="#ffffff", text="#1b1b1b", muted="#5c5c5c", faint="#8c8c8c", spine="#9a9a9a",
                  rule="#d9d9d9", leader="#b4b4b4", accent="#0072B2", pub="#1b1b1b",
                  palette=["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"],
                  other="#999999"),
    "dark": dict(bg="#15181c", text="#f1f1f1", muted="#b3b8bf", faint="#80868e", spine="#6c727a",
                 rule="#3a3f46", leader="#5a6068", accent="#56B4E9", pub="#f1f1f1",
                 palette=["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF"],
                 other="#8c8c8c"),
}
RC = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],   # ships with matplotlib: the same metrics on every machine
    "text.parse_math": False,             # a "$5 million" headline is text, not TeX
    "svg.fonttype": "none",               # real <text> in the SVG
    "svg.hashsalt": "timeline",
    "hatch.linewidth": 0.8,
}
SIZES = dict(title=21, subtitle=13, key=10, header=11.5, date=10, headline=12, footer=9.5, note=10.5)
