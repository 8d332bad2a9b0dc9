"""The seed article end to end: the committed output/events.csv is the table the foundation issue asks for,
and it is not stale (regenerating it gives the same bytes)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

import timeline
from timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "output"


def read_events(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


# (timex value, precision, a word of the phrase, a word of the event text, kind), in table order
SEED_ROWS = [
    ("2011", "year", "2011", "conflict began", "mention"),        # the conflict began in 2011 ...
    ("2011", "year", "2011", "conflict began", "interval"),       # ... and the killing went on since
    ("2015-10", "month", "October", "Aleppo", "mention"),
    ("2015-10", "month", "October", "Boroujerdi", "mention"),
    ("2015-10-23", "day", "Oct. 23", "Fars", "mention"),
    ("2015-11-11", "day", "Wednesday", "Tasnim", "mention"),
]


def test_committed_seed_table_holds_the_seed_events_in_order():
    df = read_events(COMMITTED / "events.csv")
    positions = []
    for value, precision, phrase_word, text_word, kind in SEED_ROWS:
        hits = df[(df.timex_value == value) & (df.precision == precision) & (df.kind == kind)
                  & df.phrase.str.contains(phrase_word, regex=False)
                  & df.event_text.str.contains(text_word, regex=False)]
        assert len(hits) == 1, f"expected one row for {value} {phrase_word!r} / {text_word!r}, got {len(hits)}"
        positions.append(hits.index[0])
    pub = df[df.kind == "publication"]
    assert len(pub) == 1
    assert pub.iloc[0].start == "2015-11-12"
    assert "400 Iranian troops" in pub.iloc[0].source_title
    positions.append(pub.index[0])
    assert positions == sorted(positions), "seed rows are not in date order"


def test_seed_rows_carry_full_iso_dates_and_sources():
    df = read_events(COMMITTED / "events.csv")
    october = df[(df.timex_value == "2015-10")].iloc[0]
    assert (october.start, october.end) == ("2015-10-01", "2015-10-31")
    since = df[(df.timex_value == "2011") & (df.kind == "interval")].iloc[0]
    assert (since.start, since.end) == ("2011-01-01", "2015-11-12"), "since 2011 runs to the publication date"
    wednesday = df[df.timex_value == "2015-11-11"].iloc[0]
    seed_text = next((ROOT / "seeds").iterdir()).read_text(encoding="utf-8")
    start, end = int(wednesday.phrase_start), int(wednesday.phrase_end)
    assert seed_text[start:end] == "Wednesday"
    assert set(df.published) == {"2015-11-12T14:12:00"}
    assert all(p.startswith("seeds/") for p in df.source_path)


def test_latest_incident_is_not_a_date():
    seed_text = next((ROOT / "seeds").iterdir()).read_text(encoding="utf-8")
    found = {t.text for t in timeline.tag(seed_text, dct="2015-11-12T14:12")}
    assert not any("incident" in t for t in found)
    assert {"Wednesday", "Oct. 23", "2011"} <= found


def test_committed_output_is_not_stale(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["build", "--out", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "events.csv").read_bytes() == (COMMITTED / "events.csv").read_bytes(), \
        "output/events.csv is stale: run `timeline build` and commit output/"
    for name in ("timeline.png", "timeline.svg"):
        assert (COMMITTED / name).stat().st_size > 0


def test_committed_chart_is_a_valid_png_and_svg():
    from PIL import Image

    with Image.open(COMMITTED / "timeline.png") as im:
        im.verify()
        assert im.format == "PNG"
    svg = (COMMITTED / "timeline.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith(("<?xml", "<svg")) and "</svg>" in svg
