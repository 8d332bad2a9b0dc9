"""Every export is safe to open and to embed (issue 15, item 5): TimelineJS renders HTML, so article text reaches
its JSON and sheet HTML-escaped; every CSV we write (events.csv, timelinejs.csv, errors.csv) keeps the formula
guard, full-width ``＝ ＋ － ＠`` included. The files are read back as a reader reads them (json, csv, pandas)."""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pandas as pd
import pytest

from timeline.cli import main
from timeline.export import neutralise, write
from tests.test_export import table_with

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
FULL_WIDTH = ["\uff1d1+1", "\uff0bSUM(A1)", "\uff0d2+3", "\uff20SUM(A1)"]


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


@pytest.fixture
def hostile(tmp_path):
    df = table_with(headline=SCRIPT, event_text=f"The harbour closed {IMG} on Monday & more.",
                    source_title=f"Harbour {SCRIPT}", phrase=IMG, precision="season")
    write(df, tmp_path, formats=("timelinejs",), title=f"Title {SCRIPT}")
    return tmp_path


def test_timelinejs_json_carries_no_markup_from_the_article(hostile):
    data = json.loads((hostile / "timelinejs.json").read_text(encoding="utf-8"))
    for text in _strings(data):
        assert "<script" not in text and "<img" not in text, text
    ev = data["events"][0]
    assert ev["text"]["headline"] == html.escape(SCRIPT)
    assert html.unescape(ev["text"]["text"]) == f"The harbour closed {IMG} on Monday & more."
    assert ev["display_date"] == html.escape(IMG), "a season's display date is the article's phrase, escaped"
    assert data["title"]["text"]["headline"] == html.escape(f"Title {SCRIPT}")


def test_timelinejs_sheet_carries_no_markup_from_the_article(hostile):
    sheet = read_csv(hostile / "timelinejs.csv")
    for column in sheet.columns:
        for cell in sheet[column]:
            assert "<script" not in cell and "<img" not in cell, (column, cell)
    assert sheet.Headline[0] == html.escape(f"Title {SCRIPT}")
    assert sheet.Headline[1] == html.escape(SCRIPT)


@pytest.mark.parametrize("danger", FULL_WIDTH)
def test_full_width_formula_starts_are_neutralised(tmp_path, danger):
    assert neutralise(danger) == "'" + danger
    write(table_with(headline=danger, event_text=danger, source_title=danger), tmp_path,
          formats=("csv", "timelinejs"))
    back = read_csv(tmp_path / "events.csv")
    for col in ("headline", "event_text", "source_title"):
        assert back[col][0] == "'" + danger, col
    assert read_csv(tmp_path / "timelinejs.csv").Headline[1] == "'" + danger


def test_errors_csv_neutralises_a_file_named_as_a_formula(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Talks\nPublished 12.11.2015 14:12\n\nThey met on Monday.\n", encoding="utf-8")
    bad = '=HYPERLINK("http:..x","y").txt'
    (inputs / bad).write_bytes(b"")                       # empty: a failure, listed in errors.csv by its path
    out = tmp_path / "out"
    monkeypatch.chdir(inputs)                             # `timeline build *.txt`: the path is the file's name
    assert main(["build", "good.txt", bad, "--out", str(out), "--no-chart", "--quiet", "--jobs", "1"]) == 1
    with open(out / "errors.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1
    assert rows[0]["path"] == "'" + bad
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(tuple("=+-@\uff1d\uff0b\uff0d\uff20")), cell
