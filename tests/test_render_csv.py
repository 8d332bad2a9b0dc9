"""Redrawing from the exported CSV: the export's formula-injection guard is undone exactly, so the chart shows
the headlines as the articles wrote them."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from test_render import row
from timeline.export import neutralise, write
from timeline.render import FORMULA_START, RenderError, _undo_formula_guard, read_events_csv, render_csv
from timeline.table.columns import DTYPES, FREE_TEXT

GUARDED = ["=1+1 killed", "+44 20 7946 0958", "-5 degrees in Aleppo", "@Tasnim said", "\tTabbed lead", "\rCR lead",
           "=", "-"]
PLAIN = ["'Quoted' by Fars", "a=b", "'", "5 - 3", "Ordinary headline"]


def typed(rows) -> pd.DataFrame:
    """The pipeline's table: string and Int64 columns."""
    table = pd.DataFrame(rows)
    for col in table.columns:
        if DTYPES[col] == "Int64":
            table[col] = pd.array([int(v) if v != "" else None for v in table[col]], dtype="Int64")
        else:
            table[col] = table[col].astype("string")
    return table


def test_the_render_undoes_exactly_the_characters_the_export_guards():
    for code in range(256):
        ch = chr(code)
        assert (neutralise(ch + "x") != ch + "x") == (ch in FORMULA_START), repr(ch)
        assert _undo_formula_guard(neutralise(ch + "x")) == ch + "x", repr(ch)


@pytest.mark.parametrize("text", GUARDED + PLAIN)
def test_one_cell_survives_the_guard_round_trip(text):
    assert _undo_formula_guard(neutralise(text)) == text


def test_exported_headlines_come_back_as_written_and_are_drawn_as_written(tmp_path):
    heads = GUARDED + PLAIN
    table = typed([row(f"2015-10-{k + 1:02d}", f"2015-10-{k + 1:02d}", "day", h) for k, h in enumerate(heads)])
    table["merge_note"] = pd.array(["-merged" if k % 2 else "" for k in range(len(heads))], dtype="string")
    write(table, tmp_path, formats=("csv",))
    raw = (tmp_path / "events.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1 killed" in raw and "'-5 degrees" in raw                 # the file on disk is guarded
    back = read_events_csv(tmp_path / "events.csv")
    for col in sorted(FREE_TEXT):
        assert list(back[col]) == [v or "" for v in table[col].fillna("")], col
    render_csv(tmp_path / "events.csv", tmp_path, formats="svg")
    root = ET.parse(tmp_path / "timeline.svg").getroot()
    drawn = {"".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")}
    for h in heads:
        assert h.strip() in drawn, h                                         # the whole label, as written
    assert not any(t.startswith("'") and t[1:] in drawn for t in drawn)


def test_a_csv_saved_in_the_windows_code_page_or_broken_is_read_or_named(tmp_path):
    csv = tmp_path / "edited.csv"
    csv.write_bytes("start,end,headline\n2015-10-23,,Caf\u00e9 bombed in Aleppo\n".encode("cp1252"))
    assert list(read_events_csv(csv).headline) == ["Caf\u00e9 bombed in Aleppo"]
    csv.write_bytes(b"start,end,headline\n2015-10-23,,\x81\x8d\n")      # neither UTF-8 nor cp1252
    with pytest.raises(RenderError, match=r"edited\.csv: not a readable CSV"):
        read_events_csv(csv)


def test_the_readmes_read_recipe_gives_the_documented_types(tmp_path):
    """README, `csv`: the recipe reads phrase_start, phrase_end and sources_count back as Int64 (not float), the
    text as strings, and a pre-1677 start as the string it is (issue 13)."""
    import re
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    recipe = re.search(r"```python\n(import pandas as pd\nfrom timeline.table.columns import DTYPES\n.*?)```", readme,
                       re.S).group(1)
    base = dict.fromkeys(DTYPES, "")
    rows = [{**base, "start": "1001-01-01", "end": "1100-12-31", "phrase": "11th century", "phrase_start": "5",
             "phrase_end": "17", "sources_count": "1", "headline": "=1+1"},
            {**base, "start": "2015-11-12", "end": "2015-11-12", "phrase": "(publication)", "sources_count": "2"}]
    write(typed(rows), tmp_path, formats=("csv",))
    scope = {"path": tmp_path / "events.csv"}
    exec(recipe, scope)
    t = scope["t"]
    assert t["phrase_start"].dtype == "Int64" and t["sources_count"].dtype == "Int64"
    assert t.loc[0, "phrase_start"] == 5 and pd.isna(t.loc[1, "phrase_start"])
    assert t.loc[0, "start"] == "1001-01-01" and t.loc[1, "merge_note"] == ""
    assert str(pd.PeriodIndex(t.start.replace("", None), freq="D")[0]) == "1001-01-01"
