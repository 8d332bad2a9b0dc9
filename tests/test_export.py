"""Every export profile, read back: pandas for the CSVs, json for the JSON, the edtf parser for the EDTF column,
an XML parse for TimeML. The story fixture (four articles on one made-up story) goes through every profile."""
from __future__ import annotations

import csv
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from timeline.events.dates import edtf_interval, edtf_point, span_of
from timeline.export import FORMATS, write
from timeline.export.timelinejs import COLUMNS as TIMELINEJS_COLUMNS
from timeline.export.timeml import safe_name
from timeline.model import Document, Timex
from timeline.table.order import to_table
from timeline.table.columns import COLUMN_NAMES, FREE_TEXT

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "fixtures" / "story"
ALL = ("csv", "json", "semeval-timeline", "timelinejs", "timeml", "xlsx")


@pytest.fixture(scope="module")
def story():
    import timeline

    return timeline.build([str(STORY)], keep_texts=True)


@pytest.fixture(scope="module")
def story_out(story, tmp_path_factory):
    out = tmp_path_factory.mktemp("story")
    docs = [(d, story.timexes[d.path]) for d in story.documents]
    files = write(story.events, out, formats=ALL, documents=docs, title="The Osterby footbridge")
    return out, files


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def table_with(**overrides) -> pd.DataFrame:
    """A one-row canonical table (through to_table, so dtypes are the real ones) with some cells replaced."""
    text = "The harbour closed on Monday."
    d = Document("in/a.txt", "Harbour", dt.datetime(2020, 2, 3, 9, 30), text, 0)
    from timeline.events.extract import extract_events

    i = text.find("Monday")
    df = to_table([e for e in extract_events(d, [Timex(i, i + 6, "Monday", "DATE", "2020-02-03", anchor="dct")])
                   if e.kind != "publication"])
    for k, v in overrides.items():
        df.loc[0, k] = v
    return df


# ------------------------------------------------------------------------------------------------ registry

def test_every_profile_is_one_function_in_one_dict():
    assert set(FORMATS) == set(ALL)
    assert all(callable(f) for f in FORMATS.values())


def test_every_module_of_the_folder_is_a_profile_named_after_it():
    from timeline import export

    modules = sorted(p.stem for p in Path(export.__file__).parent.glob("*.py") if not p.stem.startswith("_"))
    assert list(FORMATS) == [m.replace("_", "-") for m in modules]     # semeval_timeline.py: semeval-timeline


def test_a_new_profile_is_a_new_file(tmp_path, monkeypatch):
    import sys

    from timeline import export

    (tmp_path / "tsv.py").write_text("NEEDS_DOCUMENTS = True\n\ndef write(table, out_dir, ctx):\n    return []\n")
    monkeypatch.setattr(export, "__path__", [*export.__path__, str(tmp_path)])
    try:
        found, needs_documents = export._profiles()
    finally:
        sys.modules.pop("timeline.export.tsv", None)
    assert list(found) == sorted([*FORMATS, "tsv"]) and found["csv"] is FORMATS["csv"]
    assert needs_documents == {"timeml", "tsv"}


def test_a_new_format_is_one_entry(tmp_path, monkeypatch):
    def write_tsv(table, out_dir, ctx):
        path = out_dir / "events.tsv"
        table.to_csv(path, sep="\t", index=False)
        return [path]

    monkeypatch.setitem(FORMATS, "tsv", write_tsv)
    assert write(table_with(), tmp_path, formats=("tsv",)) == [tmp_path / "events.tsv"]


def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown format 'ods'.*csv"):
        write(table_with(), tmp_path, formats=("ods",))
    assert not (tmp_path / "events.csv").exists()


# ------------------------------------------------------------------------------------------------ csv

def test_csv_is_utf8_with_bom_crlf_and_reads_back(story, story_out):
    out, _ = story_out
    raw = (out / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= len(story.events) + 1 and b"\n" not in raw.replace(b"\r\n", b"")
    df = read_csv(out / "events.csv")
    assert tuple(df.columns) == COLUMN_NAMES
    assert len(df) == len(story.events)
    assert "Mayor Ilse Várga" in " ".join(df.event_text)
    for col in ("start", "end"):
        assert all(v == "" or len(v) == 10 for v in df[col]), "full ISO dates"
    expected = story.events.astype(object).where(story.events.notna(), "").astype(str)
    for col in COLUMN_NAMES:
        got = df[col].str.lstrip("'") if col in FREE_TEXT else df[col]
        assert list(got) == [v.lstrip("'") if col in FREE_TEXT else v for v in expected[col]], col


def test_csv_quoting_round_trips_commas_quotes_and_newlines(tmp_path):
    tricky = 'He said, "stop"\nthen left; 1,2'
    write(table_with(event_text=tricky), tmp_path)
    assert read_csv(tmp_path / "events.csv").event_text[0] == tricky
    with open(tmp_path / "events.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][COLUMN_NAMES.index("event_text")] == tricky


@pytest.mark.parametrize("danger", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_neutralises_formulas_in_free_text_only(tmp_path, danger):
    df = table_with(headline=danger, event_text=danger, source_title=danger, phrase=danger,
                    timex_value="-0044", edtf="-0044")
    write(df, tmp_path)
    back = read_csv(tmp_path / "events.csv")
    for col in ("headline", "event_text", "source_title", "phrase"):
        assert back[col][0] == "'" + danger, col
    assert back.timex_value[0] == "-0044" and back.edtf[0] == "-0044", "date columns are never touched"
    assert back.start[0] == "2020-02-03" and back.phrase_start[0] == "22"


def test_story_title_starting_with_minus_is_neutralised(story_out):
    out, _ = story_out
    titles = set(read_csv(out / "events.csv").source_title)
    assert "'-40% footfall: Kalnreth traders protest after bridge collapse" in titles


# ------------------------------------------------------------------------------------------------ json

def test_json_reads_back_with_nulls_and_metadata(story, story_out):
    out, _ = story_out
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert set(data) == {"metadata", "columns", "events"}
    assert [c["name"] for c in data["columns"]] == list(COLUMN_NAMES)
    meta = data["metadata"]
    assert meta["title"] == "The Osterby footbridge" and meta["events_count"] == len(story.events)
    assert len(meta["documents"]) == 4 and all({"path", "title", "published"} <= set(d) for d in meta["documents"])
    recs = data["events"]
    assert len(recs) == len(story.events) and all(list(r) == list(COLUMN_NAMES) for r in recs)
    pub = next(r for r in recs if r["kind"] == "publication")
    assert pub["phrase_start"] is None and pub["timex_type"] is None
    merged = next(r for r in recs if r["sources_count"] == 4)
    assert isinstance(merged["phrase_start"], int) and merged["merge_note"]
    assert any(r["start"] is None for r in recs), "open starts are null"


# ------------------------------------------------------------------------------------------------ timelinejs

def test_timelinejs_sheet_has_the_template_columns_only(story_out):
    out, _ = story_out
    with open(out / "timelinejs.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == TIMELINEJS_COLUMNS
    assert "Start Date" not in header and "End Date" not in header


def test_timelinejs_sheet_precision_blanks(story_out):
    out, _ = story_out
    df = read_csv(out / "timelinejs.csv")
    assert df.Type[0] == "title" and df.Headline[0] == "The Osterby footbridge"
    rows = df[df.Type != "title"]
    january = rows[rows.Headline == "Repair works began"].iloc[0]
    assert (january.Year, january.Month, january.Day) == ("2021", "1", ""), "month precision leaves Day blank"
    opened = rows[rows.Headline == "The footbridge opened"].iloc[0]
    assert (opened.Year, opened.Month, opened.Day) == ("1998", "", ""), "year precision leaves Month and Day blank"
    fair = rows[rows.Headline == "The council will meet them"].iloc[0]
    assert (fair.Year, fair.Month, fair.Day, fair["End Year"], fair["End Month"], fair["End Day"]) == \
        ("2021", "3", "15", "2021", "3", "17")
    until = rows[rows.Headline == "Ferry services will run"].iloc[0]
    assert until["Display Date"] == "until 2021-12-31"
    assert all(y for y in rows.Year), "TimelineJS needs a year on every event"


def test_timelinejs_json_shape(story, story_out):
    out, _ = story_out
    data = json.loads((out / "timelinejs.json").read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "The Osterby footbridge"
    assert len(data["events"]) == len(story.events)

    def no_empty(x):
        if isinstance(x, dict):
            assert x and all(v not in (None, "", {}) for v in x.values()), x
            for v in x.values():
                no_empty(v)

    for ev in data["events"]:
        no_empty(ev)
        assert set(ev) <= {"start_date", "end_date", "text", "display_date", "group"}
        assert isinstance(ev["start_date"]["year"], int)
        assert set(ev["text"]) == {"headline", "text"}
        if "end_date" in ev:
            s, e = ev["start_date"], ev["end_date"]
            assert (e["year"], e.get("month", 12), e.get("day", 31)) >= (s["year"], s.get("month", 1),
                                                                         s.get("day", 1))


def test_timelinejs_time_of_day(tmp_path):
    df = table_with(precision="time", timex_value="2020-02-03T15:00", timex_type="TIME")
    write(df, tmp_path, formats=("timelinejs",))
    sheet = read_csv(tmp_path / "timelinejs.csv")
    assert sheet.Time[1] == "15:00"
    ev = json.loads((tmp_path / "timelinejs.json").read_text())["events"][0]
    assert ev["start_date"] == {"year": 2020, "month": 2, "day": 3, "hour": 15, "minute": 0}


# ------------------------------------------------------------------------------------------------ timeml

def test_timeml_one_file_per_document_parses_back(story, story_out):
    out, files = story_out
    tmls = sorted((out / "timeml").glob("*.tml"))
    assert [p.name for p in tmls] == ["01_collapse.tml", "02_inquiry.tml", "03_traders.tml", "04_ferry.tml"]
    by_stem = {Path(d.path).stem: d for d in story.documents}
    for p in tmls:
        root = ET.parse(p).getroot()
        assert root.tag == "TimeML"
        text_el = root.find("TEXT")
        plain = "".join(text_el.itertext())
        assert plain == by_stem[p.stem].text
        values = [t.get("value") for t in text_el.iter("TIMEX3")]
        assert values == [t.value for t in story.timexes[by_stem[p.stem].path]]
        assert root.find("DCT/TIMEX3").get("value").startswith("2021-03-0")


@pytest.mark.parametrize("name", ["../../etc/x", "..", "/abs/path", "CON", "a b/c\\d", "", "...", "x" * 300])
def test_timeml_file_names_stay_inside_out_dir(tmp_path, name):
    d = Document(name, name, dt.datetime(2020, 2, 3), "On Monday it rained.", 0)
    files = write(table_with(), tmp_path / "out", formats=("timeml",), documents=[(d, [])])
    assert len(files) == 1
    folder = (tmp_path / "out" / "timeml").resolve()
    assert files[0].resolve().parent == folder and files[0].exists()
    assert len(files[0].name) <= 84


def test_timeml_names_are_unique(tmp_path):
    docs = [(Document(p, "t", dt.datetime(2020, 2, 3), "x", 0), []) for p in ("a/story.txt", "b/story.txt",
                                                                              "c/Story.txt")]
    files = write(table_with(), tmp_path, formats=("timeml",), documents=docs)
    assert len({f.name.lower() for f in files}) == 3


def test_timeml_needs_documents(tmp_path):
    with pytest.raises(ValueError, match="documents"):
        write(table_with(), tmp_path, formats=("timeml",))


@pytest.mark.parametrize("name,expected", [("../../etc/x", "etc_x"), ("CON", "_CON"), ("", "document"),
                                           ("Ünïcode name", "Unicode_name")])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


# ------------------------------------------------------------------------------------------------ edtf

edtf = pytest.importorskip("edtf")


def test_every_edtf_in_the_story_and_seed_parses(story):
    import timeline

    seed = timeline.build([str(ROOT / "seeds")])
    values = list(story.events.edtf) + list(seed.events.edtf)
    assert values and all(isinstance(v, str) and v for v in values)
    for v in values:
        edtf.parse_edtf(v)
    assert "2011/2015-11-12" in values and "2015-10" in values and "../2021-12-31" in values


@pytest.mark.parametrize("value,approx,expected", [
    ("2015-10", False, "2015-10"), ("2015-11-11", False, "2015-11-11"), ("2015-10", True, "2015-10~"),
    ("2011", False, "2011"), ("2015-FA", False, "2015-23"), ("2015-SP", False, "2015-21"),
    ("2015-WI", False, "2015-24"), ("2015-Q1", False, "2015-33"), ("2015-Q4", False, "2015-36"),
    ("2015-H2", False, "2015-41"), ("199", False, "199X"), ("199", True, "199X~"), ("18", False, "18XX"),
    ("2015-W45", False, "2015-11-02/2015-11-08"), ("2015-11-12T15:00", False, "2015-11-12T15:00:00"),
    ("2015-11-12TMO", False, "2015-11-12"),
])
def test_edtf_points(value, approx, expected):
    out = edtf_point(span_of(value), approx)
    assert out == expected
    edtf.parse_edtf(out)


@pytest.mark.parametrize("a,b,expected", [
    ("2011", None, "2011/2015-11-12"), ("1998", "2003", "1998/2003"), ("2015-Q1", "2015-Q3", "2015-01/2015-09"),
    ("2015-SU", "2015-FA", "2015-06/2015-11"), ("199", "2003", "199X/2003"), ("2015-W45", "2015-11-20",
                                                                               "2015-11-02/2015-11-20"),
])
def test_edtf_intervals(a, b, expected):
    sa = span_of(a)
    sb = span_of(b) if b else span_of("2015-11-12")
    out = edtf_interval(sa.start, sa.precision, sb.end, sb.precision)
    assert out == expected
    edtf.parse_edtf(out)


def test_edtf_open_ends():
    for out in (edtf_interval(None, None, dt.date(1998, 12, 31), "day"), edtf_interval(dt.date(2011, 1, 1), "year",
                                                                                          None, None)):
        edtf.parse_edtf(out)
    assert edtf_interval(None, None, dt.date(1998, 12, 31), "day") == "../1998-12-31"


@pytest.mark.parametrize("value", ["P6M", "PAST_REF", "XXXX-10", "2015-02-30", "2015-W54", "", None])
def test_values_that_do_not_name_a_period(value):
    assert span_of(value) is None


def test_spans_of_coarse_values():
    assert (span_of("2015-WI").start, span_of("2015-WI").end) == (dt.date(2015, 12, 1), dt.date(2016, 2, 29))
    assert (span_of("199").start, span_of("199").end) == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert (span_of("2016-02").end, span_of("2015-H1").end) == (dt.date(2016, 2, 29), dt.date(2015, 6, 30))
