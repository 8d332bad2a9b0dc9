"""Each input format on files written for it: HTML, JSON lines with custom fields, CSV, TimeML; bad records are
reported with their file and record number, in errors.csv beside the outputs, and the run completes."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from timeline.sources.ingest import Failure
from timeline.sources import FORMATS, SUFFIXES, Fields, ReadOptions, format_of, iter_units, read_documents

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
EXPORT_FIELDS = Fields(text="body", date="published_at", title="headline", id="uid")


def read(paths, **options):
    return list(read_documents([str(p) for p in paths], ReadOptions(**options)))


def test_the_registry_is_a_plain_dict_from_suffix_to_format():
    assert SUFFIXES[".jsonl"] is FORMATS["jsonl"] and SUFFIXES[".htm"] is FORMATS["html"]
    assert format_of("notes.unknown").name == "text" and format_of("-").name == "text"
    assert format_of("-", "jsonl").name == "jsonl"


def test_html_main_text_title_and_publication_date():
    pytest.importorskip("trafilatura")
    (doc,) = read([INPUTS / "harbour.html"])
    assert doc.title == "Storm closes harbour"
    assert doc.dct == dt.datetime(2020, 2, 3, 9, 30)            # the markup's time, its zone dropped
    assert "closed on Monday" in doc.text and "Jan. 28" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text    # boilerplate is not article text


def test_html_without_a_date_is_reported_unless_dct_is_given(tmp_path):
    pytest.importorskip("trafilatura")
    page = tmp_path / "undated.html"
    html = (INPUTS / "harbour.html").read_text(encoding="utf-8")
    page.write_text("\n".join(line for line in html.splitlines() if "published_time" not in line), encoding="utf-8")
    (failure,) = read([page])
    assert isinstance(failure, Failure) and "no publication date" in failure.reason
    (doc,) = read([page], dct=dt.datetime(2020, 2, 4))
    assert doc.dct == dt.datetime(2020, 2, 4)


def test_jsonl_with_custom_fields_streams_numbered_records():
    docs = read([INPUTS / "export.jsonl"], fields=EXPORT_FIELDS)
    assert [d.path for d in docs] == [f"{INPUTS / 'export.jsonl'}#{n}" for n in (1, 2, 4)]   # line 3 is blank
    assert [d.doc_id for d in docs] == ["a-1", "a-2", "a-3"]
    assert docs[1].title == "Café owners protest in Zürich"
    assert [d.dct for d in docs] == [dt.datetime(2015, 11, 12, 14, 12), dt.datetime(2015, 11, 12),
                                     dt.datetime(2015, 11, 12, 14, 12)]           # ISO, dotted, epoch seconds
    assert docs[0].text.startswith("Negotiators met") and docs[0].body_start == 0


def test_jsonl_keeps_only_the_named_fields():
    units = list(iter_units([str(INPUTS / "export.jsonl")], ReadOptions(fields=EXPORT_FIELDS)))
    assert units[0].payload == {"text": "Negotiators met in Geneva on Oct. 23 to resume the talks. They will meet "
                                        "again in December.", "date": "2015-11-12T14:12:00",
                                "title": "Talks resume in Geneva", "id": "a-1"}     # "section" is dropped


def test_csv_with_default_fields_and_a_multiline_cell():
    docs = read([INPUTS / "export.csv"])
    assert [(d.doc_id, d.title, d.dct) for d in docs] == [
        ("c-1", "Storm closes harbour", dt.datetime(2020, 2, 3)),
        ("c-2", "Council meets, again", dt.datetime(2020, 2, 4))]
    assert "Repairs began on Jan. 28" in docs[0].text
    assert docs[1].path.endswith("export.csv#2")


def test_tsv_and_a_forced_format_for_an_odd_suffix(tmp_path):
    tsv = tmp_path / "export.tsv"
    tsv.write_text("text\tdate\nIt rained on Monday.\t2020-02-03\n", encoding="utf-8")
    odd = tmp_path / "export.dump"
    odd.write_text(json.dumps({"text": "It rained on Monday.", "date": "2020-02-03"}) + "\n", encoding="utf-8")
    (a,) = read([tsv])
    (b,) = read([odd], input_format="jsonl")
    assert a.dct == b.dct == dt.datetime(2020, 2, 3) and a.text == b.text


def test_jsonl_from_stdin(monkeypatch):
    line = json.dumps({"text": "It rained on Monday.", "date": "2020-02-03"}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    (doc,) = read(["-"], input_format="jsonl")
    assert doc.path == "-#1" and doc.dct == dt.datetime(2020, 2, 3)


def test_timeml_text_and_dct_through_the_timeml_reader():
    (doc,) = read([INPUTS / "apw.tml"])
    assert doc.doc_id == "APW19980807.0261" and doc.dct == dt.datetime(1998, 8, 7)
    assert "began on Tuesday & ended yesterday" in doc.text and "<TIMEX3" not in doc.text


def test_timeml_without_a_dct_is_reported(tmp_path):
    path = tmp_path / "nodct.tml"
    path.write_text("<TimeML><TEXT>It rained on Tuesday.</TEXT></TimeML>", encoding="utf-8")
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>oops</TimeML>", encoding="utf-8")
    a, b = read([path, broken])
    assert "no <DCT>" in a.reason and "not well-formed" in b.reason


BAD_JSONL = [
    '{"text": "It rained on Monday.", "date": "2020-02-03"}',
    '{"text": "No date here."}',                                    # 2: no date
    '{"text": "It rained.", "date": "the day after"}',              # 3: not a date
    '{"text": "cut off',                                            # 4: not JSON
    '["a", "list"]',                                                # 5: not an object
    '{"text": "", "date": "2020-02-03"}',                           # 6: empty text
    '{"body": "wrong field", "date": "2020-02-03"}',                # 7: no text field
    '{"text": "It snowed on Tuesday.", "date": "2020-02-05"}',
]


def test_bad_records_are_failures_with_their_record_number(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(BAD_JSONL) + "\n", encoding="utf-8")
    out = read([path])
    assert [d.path for d in out if not isinstance(d, Failure)] == [f"{path}#1", f"{path}#8"]
    failures = {f.record: f.reason for f in out if isinstance(f, Failure)}
    assert sorted(failures) == [2, 3, 4, 5, 6, 7]
    assert "no date" in failures[2] and "cannot read the date" in failures[3] and "not valid JSON" in failures[4]
    assert "not an object" in failures[5] and "empty text" in failures[6] and "no text" in failures[7]
    assert all(f.path == str(path) for f in out if isinstance(f, Failure))


def test_csv_without_the_text_column_is_one_failure_naming_the_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("body,date\nx,2020-02-03\n", encoding="utf-8")
    (failure,) = read([path])
    assert failure.record is None and "no column 'text'" in failure.reason and "body, date" in failure.reason


def test_csv_row_with_too_many_cells_is_reported_by_row(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("text,date\nIt rained.,2020-02-03\nIt rained.,2020-02-03,extra\n", encoding="utf-8")
    ok, bad = read([path])
    assert ok.dct == dt.datetime(2020, 2, 3) and (bad.record, "3 cells for 2 columns") == (2, bad.reason)


def test_a_folder_mixes_formats_in_sorted_order(tmp_path):
    for name in ("harbour.html", "export.csv", "apw.tml"):
        shutil.copy(INPUTS / name, tmp_path / name)
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    docs = read([tmp_path])
    assert [Path(d.path.split("#")[0]).name for d in docs] == ["apw.tml", "export.csv", "export.csv", "harbour.html"]


def test_build_cli_writes_errors_csv_with_record_numbers_and_exits_1(tmp_path, capsys):
    from timeline.cli import main

    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(BAD_JSONL) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out), "--no-chart", "--quiet", "--jobs", "1"]) == 1
    with open(out / "errors.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["path"], r["record"]) for r in rows] == [(str(path), str(n)) for n in (2, 3, 4, 5, 6, 7)]
    assert f"{path} record 4: not valid JSON" in capsys.readouterr().err
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    assert {p.split("#")[-1] for cell in events.source_path for p in cell.split(";")} == {"1", "8"}


def test_build_cli_reads_every_format_with_custom_fields(tmp_path):
    from timeline.cli import main

    out = tmp_path / "out"
    args = ["build", *(str(INPUTS / n) for n in ("harbour.html", "export.csv", "apw.tml")), "--out", str(out),
            "--no-chart", "--quiet", "--no-merge"]
    assert main(args) == 0
    assert main(["build", str(INPUTS / "export.jsonl"), "--out", str(tmp_path / "out2"), "--no-chart", "--quiet",
                 "--text-field", "body", "--date-field", "published_at", "--title-field", "headline",
                 "--id-field", "uid"]) == 0
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    titles = set(events.source_title)
    assert {"Storm closes harbour", "Council meets, again", "APW19980807.0261"} <= titles
    jsonl = pd.read_csv(tmp_path / "out2" / "events.csv", dtype=str, keep_default_na=False)
    assert "Café owners protest in Zürich" in set(jsonl.source_title)
    assert any(p.endswith("export.jsonl#4") for cell in jsonl.source_path for p in cell.split(";"))
