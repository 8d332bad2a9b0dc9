"""Chart layout without drawing, one idea per module, gathered here under one name:

- :mod:`timeline.render.items`: :func:`items_from_table` reads the event table (or a hand-edited CSV of it) into
  :class:`Item` rows; :func:`select` keeps the most important events when there are more than fit;
- :mod:`timeline.render.dates`: :func:`reader_date` says a date the way a reader would ("Oct. 23", "October 2015",
  "2011 – Nov. 12, 2015"), :func:`span_label` and :func:`gap_words` word the axis;
- :mod:`timeline.render.axis`: :func:`segments` cuts the time axis where long empty gaps would crush a cluster (a
  broken axis); :func:`lanes` stacks overlapping spans side by side;
- :mod:`timeline.render.place`: :func:`dodge` places labels in one column without overlap, as close as possible to
  their markers; :func:`wrap` breaks lines.

Everything here is pure and deterministic (no matplotlib), so each rule is testable on its own.
"""
from __future__ import annotations

from timeline.render.axis import Segment, anchor_day, lanes, segments
from timeline.render.dates import format_date, gap_words, reader_date, span_label
from timeline.render.items import Item, RenderError, end_of, items_from_table, parse_day, select
from timeline.render.place import column_need, dodge, wrap

__all__ = ["Item", "RenderError", "Segment", "anchor_day", "column_need", "dodge", "end_of", "format_date",
           "gap_words", "items_from_table", "lanes", "parse_day", "reader_date", "segments", "select",
           "span_label", "wrap"]
