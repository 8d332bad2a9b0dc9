"""``timelinejs``: ``timelinejs.csv`` (the Knight Lab Google Sheet template columns, in order) and
``timelinejs.json`` (the TimelineJS JSON: a title slide and ``events``), both written as the table is read.

TimelineJS renders every headline, text and display date as HTML, so every text from an article (headline,
event text, source title, the timeline's title, a display date that is the article's phrase) is HTML-escaped
(:func:`_html`: ``& < > " '``), in the JSON and in the sheet alike: ``<script>`` in an article shows as text and
never runs in the page the export is pasted into. The only markup is ours (``<br><small>`` before the sources).
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Iterator

from timeline.export._base import (Context, _cell, csv_writer, json_streamed, n_sources, neutralise, placeholder,
                                   records, text_file)
from timeline.lang.words import Words
from timeline.precision import get

COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
           "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
           "Media Thumbnail", "Type", "Group", "Background")
_FREE_TEXT = ("Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail",
              "Group", "Background")


def _html(text: str | None) -> str:
    """``text`` as HTML text, safe inside an element and inside a quoted attribute alike."""
    return html.escape(text or "", quote=True)


def _ymd(iso: str | None, precision: str | None) -> dict:
    """TimelineJS date parts at ``precision`` (:data:`timeline.precision.TABLE`'s): month precision leaves the day
    out, year precision the month."""
    if not iso:
        return {}
    parts = dict(zip(("year", "month", "day"), (int(x) for x in iso.split("-"))))
    row = get(precision)
    return dict(list(parts.items())[:row.tjs_parts if row else 3])


def _time(row: dict, end: bool = False) -> dict:
    value = row["timex_value"] or ""
    if not end and row["precision"] == "time" and "T" in value:
        hh, mm = value.split("T", 1)[1][:5].split(":")
        return {"hour": int(hh), "minute": int(mm)}
    return {}


def _display_date(row: dict, words: Words) -> str:
    """The date as said where its parts do not say it: a decade or century in words, a season, quarter, half or
    week as the article's phrase, an open start or an approximate date."""
    p, start, end = row["precision"], row["start"], row["end"]
    if not start and end:
        return words.text("tjs.until", date=end)
    y = int(start[:4]) if start else 0
    if p in ("decade", "century"):
        said = words.date(dt.date(max(y, 1), 1, 1), p)
    elif p in ("season", "quarter", "half", "week") and row["kind"] != "interval":
        said = _html(row["phrase"])
    elif start and "approximate" in (row["flags"] or ""):
        said = start[:4] if p == "year" else start[:7] if p == "month" else start
    else:
        return ""
    return words.text("tjs.approximate", date=said) if "approximate" in (row["flags"] or "") else said


def _event(row: dict, words: Words, many_sources: bool = False) -> dict:
    """One TimelineJS event (JSON), with only the keys that have values."""
    start_iso = row["start"] or row["end"]
    start_prec = row["precision"] if row["start"] else row["end_precision"]
    start = {**_ymd(start_iso, start_prec), **_time(row)}
    ev: dict = {"start_date": start}
    point = row["kind"] != "interval" and getattr(get(row["precision"]), "tjs_whole", False)
    if row["start"] and row["end"] and not point:
        ev["end_date"] = _ymd(row["end"], row["end_precision"])
    ev["text"] = {"headline": _html(row["headline"]), "text": _html(row["event_text"])}
    if many_sources and row["source_title"] and row["kind"] != "publication":
        n = row["sources_count"] or 1
        title = _html(row["source_title"])
        said = words.text("tjs.more_sources", count=n - 1, title=title, n=n - 1) if n > 1 else title
        ev["text"]["text"] += f"<br><small>{said}</small>"
    display = _display_date(row, words)
    if display:
        ev["display_date"] = display
    if row["kind"] == "publication":
        ev["group"] = words.get("tjs.publication")
    return ev


def _sheet_row(ev: dict) -> list[str]:
    s, e = ev["start_date"], ev.get("end_date", {})
    time = f"{s['hour']:02d}:{s['minute']:02d}" if "hour" in s else ""
    values = {
        "Year": s.get("year"), "Month": s.get("month"), "Day": s.get("day"), "Time": time,
        "End Year": e.get("year"), "End Month": e.get("month"), "End Day": e.get("day"), "End Time": "",
        "Display Date": ev.get("display_date"), "Headline": ev["text"]["headline"], "Text": ev["text"]["text"],
        "Group": ev.get("group"),
    }
    return [neutralise(_cell(values.get(c))) if c in _FREE_TEXT else _cell(values.get(c)) for c in COLUMNS]


def write(table, out_dir: Path, ctx: Context) -> list[Path]:
    n_docs = n_sources(table)

    def events() -> Iterator[dict]:
        for r in records(table):
            yield _event(r, ctx.words, many_sources=n_docs > 1)

    subtitle = (html.escape(ctx.subtitle, quote=False) if ctx.subtitle
                else ctx.words.text("tjs.subtitle", count=n_docs, n=len(table), m=n_docs))
    title_row = [""] * len(COLUMNS)
    title_row[COLUMNS.index("Headline")] = neutralise(_html(ctx.title))
    title_row[COLUMNS.index("Text")] = neutralise(subtitle)
    title_row[COLUMNS.index("Type")] = "title"
    sheet = out_dir / "timelinejs.csv"
    with text_file(sheet) as fh:
        w = csv_writer(fh)
        w.writerow(list(COLUMNS))
        w.writerow(title_row)
        w.writerows(_sheet_row(e) for e in events())
    stream = placeholder()
    doc = {"title": {"text": {"headline": _html(ctx.title), "text": subtitle}}, "events": stream}
    js = out_dir / "timelinejs.json"
    with text_file(js) as fh:
        json_streamed(fh, doc, {stream: events()})
    return [sheet, js]
