"""The README documents every column of every profile: a column added without documentation fails here.

The columns and keys are taken from what the profiles actually write (a small table exported into a temporary
folder), not from a list kept by hand, so a new column or key is caught wherever it comes from.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from timeline.events.extract import extract_events
from timeline.export import FORMATS, write
from timeline.model import Document, Timex
from timeline.table.order import to_table
from timeline.table.columns import COLUMN_NAMES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README text under ``## title`` up to the next ``## `` heading."""
    m = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert m, f"README has no '## {title}' section"
    return m.group(1)


def documented(name: str, text: str) -> bool:
    return f"`{name}`" in text


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """Every profile written for a small article with a time, an interval, an open start and a publication."""
    text = ("The talks began at 3 p.m. on Tuesday. The fair ran from Nov. 3 to Nov. 5. "
            "The ban lasts until Dec. 31. It rained around 1990.")
    doc = Document("docs/a.txt", "Docs article", dt.datetime(2015, 11, 12, 14, 12), text, 0)

    def tx(phrase, value, type_="DATE", **kw):
        i = text.find(phrase)
        return Timex(i, i + len(phrase), phrase, type_, value, **kw)

    timexes = [tx("3 p.m.", "2015-11-12T15:00", "TIME"), tx("Tuesday", "2015-11-10"), tx("Nov. 3", "2015-11-03"),
               tx("Nov. 5", "2015-11-05"), tx("Dec. 31", "2015-12-31"), tx("1990", "1990", mod="APPROX")]
    out = tmp_path_factory.mktemp("docs")
    write(to_table(extract_events(doc, timexes)), out, formats=tuple(FORMATS), documents=[(doc, timexes)])
    return out


def json_keys(obj, prefix="") -> set[str]:
    keys: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            keys.add(k)
            keys |= json_keys(v)
    elif isinstance(obj, list):
        for v in obj:
            keys |= json_keys(v)
    return keys


def test_every_canonical_column_is_documented():
    text = section("Event table columns")
    missing = [c for c in COLUMN_NAMES if not documented(c, text)]
    assert not missing, f"README 'Event table columns' does not document {missing}"


def test_every_csv_header_is_a_documented_column(exported):
    with open(exported / "events.csv", encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMN_NAMES


def test_every_format_has_a_section():
    text = section("Export profiles")
    for fmt in FORMATS:
        assert re.search(rf"^### `{fmt}`", text, re.M), f"no '### `{fmt}`' heading under Export profiles"


def test_every_file_written_is_named_in_the_readme(exported):
    text = section("Export profiles")
    for path in exported.rglob("*"):
        if path.is_file():
            rel = path.relative_to(exported).as_posix()
            shown = "timeml/<name>.tml" if rel.startswith("timeml/") else rel
            assert documented(shown, text), f"README does not name the file {shown}"


def test_every_timelinejs_column_is_documented(exported):
    text = section("Export profiles")
    with open(exported / "timelinejs.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    missing = [c for c in header if not documented(c, text)]
    assert not missing, f"README 'Export profiles' does not document the TimelineJS columns {missing}"


@pytest.mark.parametrize("name", ["events.json", "timelinejs.json"])
def test_every_json_key_is_documented(exported, name):
    text = section("Export profiles")
    data = json.loads((exported / name).read_text(encoding="utf-8"))
    keys = json_keys(data)
    if name == "events.json":
        keys -= set(COLUMN_NAMES)           # the records' keys are the table columns, documented above
    missing = sorted(k for k in keys if not documented(k, text))
    assert not missing, f"README 'Export profiles' does not document the {name} keys {missing}"
