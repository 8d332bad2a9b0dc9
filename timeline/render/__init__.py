"""The timeline chart: a vertical, publication-ready timeline drawn with matplotlib.

Design notes: docs/architecture.md, "timeline.render".
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from timeline.atomic import write_bytes, write_text
from timeline.export._base import FORMULA_START     # the characters timeline.export.neutralise guards
from timeline.lang import LanguageError
from timeline.lang.words import load as load_words
from timeline.table.columns import FREE_TEXT
from timeline.render.chart import Chart
from timeline.render.items import RenderError, items_from_table
from timeline.render.style import DPI, RC, SCALE, THEMES

__all__ = ["draw", "save_chart", "render_csv", "to_html", "add_parser", "run", "RenderError"]


def _mpl():
    """matplotlib, headless: the Agg backend unless pyplot is already in use (an interactive session keeps its
    backend; we draw on our own Agg canvas either way)."""
    import sys

    import matplotlib
    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")
    return matplotlib


# ---------------------------------------------------------------------------------------------------------
# drawing

def draw(table: pd.DataFrame, *, title=None, subtitle=None, source=None, credit=None, theme="light",
         group_by=None, max_events=60, lang="en", _origin="table", _left_out=(0, 0), _published=None):
    """Draw the timeline of an event table; returns a matplotlib Figure (Agg canvas, not shown anywhere).

    ``lang`` is the language of the chart's own words (dates, key, notes, source line: ``lang/<code>/``
    ``render_words.tsv``); an unknown code is a :class:`timeline.lang.LanguageError`.

    ``_left_out`` is (dated rows, undated rows) of a larger table that ``table`` was selected from and that the
    footer counts as not shown (:mod:`timeline.table.spill` draws a table too large to hold from its selection);
    ``_published`` (day ordinal -> articles) the publication days of its density strip."""
    mpl = _mpl()
    if theme not in THEMES:
        raise RenderError(f"unknown theme {theme!r} (use light or dark)")
    words = load_words(lang)
    items, undated = items_from_table(table, origin=_origin, group_by=group_by, words=words)
    with mpl.rc_context(RC):
        return Chart(table, items, undated, title=title, subtitle=subtitle, source=source, credit=credit,
                     theme=theme, group_by=group_by, max_events=max_events, left_out=_left_out, published=_published,
                     words=words).fig


# ---------------------------------------------------------------------------------------------------------
# files

def figure_bytes(fig, fmt: str) -> bytes:
    """PNG (2x) or SVG bytes of a figure, the same bytes for the same figure on every run."""
    mpl = _mpl()
    buf = io.BytesIO()
    with mpl.rc_context(RC):
        if fmt == "png":
            fig.savefig(buf, format="png", dpi=DPI * SCALE, facecolor=fig.get_facecolor(),
                        metadata={"Software": None})
        else:
            fig.savefig(buf, format="svg", facecolor=fig.get_facecolor(),
                        metadata={"Date": None, "Creator": None, "Type": None, "Format": None})
            return _svg_in_px(buf.getvalue())
    return buf.getvalue()


def _svg_in_px(svg: bytes) -> bytes:
    """matplotlib sizes the SVG in points (864pt for 12 in); state it in CSS pixels (1200px), the embed size."""
    def px(m: re.Match) -> bytes:
        return m.group(1) + b'="' + f"{float(m.group(2)) * DPI / 72:.0f}px".encode() + b'"'
    start = svg.index(b"<svg")
    end = svg.index(b">", start)
    return svg[:start] + re.sub(rb'(width|height)="([\d.]+)pt"', px, svg[start:end]) + svg[end:]


def save_chart(table: pd.DataFrame, png_path=None, svg_path=None, *, lang="en", **options) -> list[Path]:
    """Draw once (``options`` as for :func:`draw`, ``lang`` the language of the chart's words) and write the PNG
    (2400 px wide) and the SVG (real text), each atomically."""
    fig = draw(table, lang=lang, **options)
    written = []
    for path, fmt in ((png_path, "png"), (svg_path, "svg")):
        if path:
            write_bytes(path, figure_bytes(fig, fmt))
            written.append(Path(path))
    return written


MAX_TABLE_ROWS = 2_000        # rows the page's table lists; it says how many more there are


def to_html(table: pd.DataFrame, *, lang="en", **options) -> str:
    """One self-contained HTML page (inline SVG, CSS and JS; nothing fetched) with hover details per event, a
    one-column list on a narrow screen, and a table of every event of ``table`` (at most
    :data:`MAX_TABLE_ROWS`; it says how many more); ``options`` and ``lang`` as for :func:`draw`."""
    from timeline.render.dates import reader_date
    from timeline.render.html import page
    from timeline.render.pick import article_name
    fig = draw(table, lang=lang, **options)
    words = load_words(lang)
    items, undated = items_from_table(table, origin=options.get("_origin", "table"), words=words)
    rows = [dict(date=reader_date(it, words=words), headline=it.headline,
                 source=article_name(it.source_title, it.source_path) or it.source_title or it.source_path)
            for it in items[:MAX_TABLE_ROWS]]
    left = options.get("_left_out", (0, 0))
    theme = THEMES[options.get("theme") or "light"]
    return page(figure_bytes(fig, "svg").decode("utf-8"), fig.timeline_events, title=_fig_title(fig, words),
                background=fig.timeline_background, dark=options.get("theme") == "dark", words=words, lang=lang,
                rows=rows, left_out=(len(items) - len(rows) + left[0], undated + left[1]), accent=theme["accent"])


def _fig_title(fig, words) -> str:
    for t in fig.axes[0].texts:
        if t.get_gid() == "title":
            return t.get_text().replace("\n", " ")
    return words.get("title")


def _undo_formula_guard(cell: str) -> str:
    """Undo :func:`timeline.export.neutralise`: the CSV export puts an apostrophe before free text that starts
    with = + - @, tab or CR (against formula injection); the chart shows the text as written.

    The guard cannot be undone exactly in one case: text that itself began with an apostrophe and a guarded
    character (``'=x`` as written) is left alone by the export and so read back as ``=x``."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START else cell


def read_events_csv(csv_path) -> pd.DataFrame:
    """Read an events CSV as strings, the way a person left it (BOM or not, empty cells kept empty)."""
    path = Path(csv_path)
    if not path.is_file():
        raise RenderError(f"{path}: no such file")
    try:
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except UnicodeDecodeError:                 # saved by a spreadsheet in the Windows code page
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="cp1252")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise RenderError(f"{path}: not a readable CSV ({str(exc).strip()})") from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    for col in sorted(FREE_TEXT):                 # the columns the export guards
        if col in table.columns:
            table[col] = table[col].map(_undo_formula_guard)
    if "start" not in table.columns and "end" not in table.columns:
        raise RenderError(f"{path}: no 'start' column (the events table needs start and end dates)")
    return table


def render_csv(csv_path, out_dir=None, *, formats=("png", "svg"), lang="en", **options) -> list[Path]:
    """Redraw the chart from an events CSV (hand edits welcome); write timeline.{png,svg,html} into ``out_dir``
    (default: the CSV's folder), in the language ``lang`` (``options`` as for :func:`draw`). Returns the files
    written."""
    csv_path = Path(csv_path)
    table = read_events_csv(csv_path)
    out = Path(out_dir) if out_dir is not None else csv_path.parent
    formats = [f.strip().lower() for f in (formats.split(",") if isinstance(formats, str) else formats) if f.strip()]
    unknown = sorted(set(formats) - {"png", "svg", "html"})
    if unknown:
        raise RenderError(f"unknown format {', '.join(unknown)} (use png, svg, html)")
    options.setdefault("_origin", str(csv_path))
    options["lang"] = lang
    written = []
    if "png" in formats or "svg" in formats:
        written += save_chart(table, out / "timeline.png" if "png" in formats else None,
                              out / "timeline.svg" if "svg" in formats else None, **options)
    if "html" in formats:
        write_text(out / "timeline.html", to_html(table, **options))
        written.append(out / "timeline.html")
    return written


# ---------------------------------------------------------------------------------------------------------
# command line

def add_parser(subparsers):
    p = subparsers.add_parser("render", help="redraw the chart from an events CSV (edited by hand or not)",
                              description="Redraw timeline.png / timeline.svg (and timeline.html) from an events "
                                          "CSV, without re-running extraction.")
    p.add_argument("csv", metavar="EVENTS.CSV", help="the events table (as written by `timeline build`)")
    p.add_argument("--out", metavar="DIR", help="where to write the chart (default: the CSV's folder)")
    p.add_argument("--title", help="chart title (default: the first article's title, or its first sentence; "
                                   "\"What N articles report\" for more than five)")
    p.add_argument("--subtitle", help="a line under the title")
    p.add_argument("--source", help="source line (default: the articles' titles)")
    p.add_argument("--credit", help="credit line (default: 'Chart: timeline')")
    p.add_argument("--theme", choices=sorted(THEMES), default="light")
    p.add_argument("--format", default="png,svg", help="comma-separated: png, svg, html (default: png,svg)")
    p.add_argument("--group-by", metavar="COLUMN", help="colour events by this column (e.g. source_title)")
    p.add_argument("--max-events", type=int, default=60, help="most events drawn (default: 60)")
    p.add_argument("--lang", default="en", help="language of the chart's words (a folder of timeline/lang; "
                                                "default: en)")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    import sys
    try:
        written = render_csv(args.csv, args.out, formats=args.format, title=args.title, subtitle=args.subtitle,
                             source=args.source, credit=args.credit, theme=args.theme, group_by=args.group_by,
                             max_events=args.max_events, lang=args.lang)
    except (RenderError, LanguageError, OSError) as exc:
        print(f"timeline render: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
