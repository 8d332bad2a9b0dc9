"""``--format xlsx``: every cell typed as a spreadsheet expects, the formula guard kept, the same bytes on every
run; read back with openpyxl (the cell types) and pandas (issue 13, item 6)."""
from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import pytest

from tests.test_export import table_with
from timeline.export import write

openpyxl = pytest.importorskip("openpyxl")


def sheet(tmp_path, table):
    write(table, tmp_path, formats=("xlsx",))
    wb = openpyxl.load_workbook(tmp_path / "events.xlsx")
    ws = wb["events"]
    header = [c.value for c in ws[1]]
    return {name: cell for name, cell in zip(header, ws[2])}


def test_dates_are_dates_numbers_are_numbers_and_phrases_stay_text(tmp_path):
    row = sheet(tmp_path, table_with(phrase="Oct. 23", event_id="007"))
    assert row["start"].value == dt.datetime(2020, 2, 3) and row["start"].number_format == "yyyy-mm-dd"
    assert row["end"].is_date
    assert row["published"].value == dt.datetime(2020, 2, 3, 9, 30)
    assert row["phrase"].data_type == "s" and row["phrase"].value == "Oct. 23"     # not a date of this year
    assert row["event_id"].value == "007" and row["event_id"].data_type == "s"      # zeros kept
    assert row["phrase_start"].data_type == "n" and isinstance(row["phrase_start"].value, int)
    assert row["sources_count"].value == 1
    assert row["merge_note"].value is None                                          # empty, not ""


def test_dates_excel_cannot_hold_stay_iso_text(tmp_path):
    row = sheet(tmp_path, table_with(start="1066-10-14", end="1900-02-28", published="2020-02-03T09:30:00+01:00"))
    assert row["start"].value == "1066-10-14" and row["start"].data_type == "s"
    assert row["end"].value == "1900-02-28"                     # Excel counts a 29 February 1900 before this
    assert row["published"].value == "2020-02-03T09:30:00+01:00"  # Excel has no time zones


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-5 degrees", "@SUM(A1)", "\tx"])
def test_free_text_keeps_the_formula_guard_and_is_never_a_formula(tmp_path, text):
    row = sheet(tmp_path, table_with(headline=text, event_text=text))
    for name in ("headline", "event_text"):
        assert row[name].data_type == "s" and row[name].value == "'" + text


def test_text_that_is_no_free_text_is_never_a_formula_either(tmp_path):
    row = sheet(tmp_path, table_with(timex_value="=1+1"))
    assert row["timex_value"].data_type == "s" and row["timex_value"].value == "=1+1"


def test_control_characters_and_huge_cells_do_not_break_the_workbook(tmp_path):
    row = sheet(tmp_path, table_with(event_text="a\x00b\x1fc " + "x" * 40_000, headline="tab\tand\nline"))
    assert row["event_text"].value.startswith("a\ufffdb\ufffdc")
    assert len(row["event_text"].value) == 32_767 and row["event_text"].value.endswith("…")
    assert row["headline"].value == "tab\tand\nline"


def test_pandas_reads_it_back(tmp_path):
    write(table_with(), tmp_path, formats=("xlsx",))
    t = pd.read_excel(tmp_path / "events.xlsx")
    assert t.loc[0, "start"] == pd.Timestamp("2020-02-03") and t.loc[0, "phrase"] == "Monday"
    assert t.loc[0, "sources_count"] == 1


def test_the_same_table_gives_the_same_bytes(tmp_path):
    write(table_with(), tmp_path / "a", formats=("xlsx",))
    time.sleep(1.1)                                       # zip and workbook times have one-second steps
    write(table_with(), tmp_path / "b", formats=("xlsx",))
    assert (tmp_path / "a" / "events.xlsx").read_bytes() == (tmp_path / "b" / "events.xlsx").read_bytes()


def test_cli_build_writes_xlsx_and_points_html_to_render(tmp_path, capsys):
    from timeline.cli import main
    src = tmp_path / "a.txt"
    src.write_text("Talks\n\nTalks ended on Oct. 3, 2015, the minister said.\n", encoding="utf-8")
    assert main(["build", str(src), "--dct", "2015-10-05", "--out", str(tmp_path / "o"), "--format", "csv,xlsx",
                 "--no-chart", "--quiet", "-j", "1"]) == 0
    assert (tmp_path / "o" / "events.xlsx").is_file()
    with pytest.raises(SystemExit):
        main(["build", str(src), "--format", "html", "--out", str(tmp_path / "p")])
    assert "timeline render" in capsys.readouterr().err


def test_a_folder_of_pdfs_says_what_it_skipped_and_why(tmp_path, capsys):
    from timeline.cli import main
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in ("report.pdf", "notes.docx"):
        (folder / name).write_bytes(b"%PDF-1.4 binary")
    code = main(["build", str(folder), "--out", str(tmp_path / "o"), "--quiet", "-j", "1"])
    err = capsys.readouterr().err
    assert code != 0 and "no input documents found" in err
    assert "report.pdf" in err and "notes.docx" in err and ".pdf" in err and "pdftotext" in err
