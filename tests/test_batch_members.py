"""Issue 15, "a batch never dies of one member": each defect found with the CLI, run again through the CLI.

A record or a file that cannot be written as it came is repaired with a note (a lone surrogate, a file name
that is not UTF-8, a cp1252 row or line in UTF-8); a file that fails half-way keeps the records before and
after the bad one; an unreadable folder, a duplicate input and the build's own outputs inside its inputs are
reported, not used or skipped in silence. The checks read back events.csv and errors.csv.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from timeline.cli import main

PUBLISHED = "Published 12.11.2015 14:12"


def article(title: str, body: str) -> str:
    return f"{title}\n{PUBLISHED}\n\n{body}\n"


def build(inputs, out: Path, *extra: str, quiet: bool = True) -> int:
    return main(["build", *map(str, inputs), "--out", str(out), "--no-chart", *(["--quiet"] * quiet), *extra])


def events_of(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "events.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def errors_of(out: Path) -> list[dict]:
    if not (out / "errors.csv").exists():
        return []
    with open(out / "errors.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_lone_surrogate_in_a_json_record_is_repaired_not_fatal(tmp_path, capsys):
    data = tmp_path / "feed.jsonl"
    data.write_bytes(b'{"text": "Talks broke down on Oct. 23 \\ud83d in Geneva.", "date": "2015-11-12"}\n'
                     b'{"text": "Talks resumed on Oct. 24.", "date": "2015-11-12"}\n')
    assert build([data], tmp_path / "out", quiet=False) == 0
    events = events_of(tmp_path / "out")
    assert {"2015-10-23", "2015-10-24"} <= set(events.start)
    assert any("\ufffd" in t for t in events.event_text), "the surrogate is not shown as U+FFFD"
    assert "surrogate" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article("Talks resume", "They met on Oct. 23."), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(article("Talks end", "They parted on Oct. 24.").encode())
    assert build([folder], tmp_path / "out") == 0
    paths = set(events_of(tmp_path / "out").source_path)
    assert any(p.endswith("caf\\xe9.txt") for p in paths), paths
    assert any(p.endswith("good.txt") for p in paths)


def test_one_cp1252_byte_in_a_csv_row_repairs_that_row_and_reads_every_row_after(tmp_path, capsys):
    rows = [b"id,date,text"] + [f'{i},2015-11-12,"Row {i}: the talks resumed on Oct. 23."'.encode()
                                for i in range(1, 1001)]
    rows[500] = rows[500].replace(b"the talks", b"the caf\xe9 talks")      # row 500 (the header is row 0)
    data = tmp_path / "export.csv"
    data.write_bytes(b"\n".join(rows) + b"\n")
    assert build([data], tmp_path / "out", "--no-merge", quiet=False) == 0
    events = events_of(tmp_path / "out")
    mentions = events[events.kind == "mention"]
    assert len(mentions) == 1000, f"{len(mentions)} of 1000 rows read"
    assert any(t.startswith("Row 500: the café talks") for t in mentions.event_text)
    assert "export.csv#500" in capsys.readouterr().err, "the repaired row is not named"


def test_one_latin1_line_in_a_utf8_text_repairs_only_that_line(tmp_path, capsys):
    data = tmp_path / "mixed.txt"
    data.write_bytes(article("Café owners protest in Zürich", "The café owners marched on Oct. 23.").encode()
                     + "Caf\xe9 au lait was served on Monday.\n".encode("latin-1"))
    assert build([data], tmp_path / "out", quiet=False) == 0
    events = events_of(tmp_path / "out")
    assert set(events.source_title) == {"Café owners protest in Zürich"}, "the UTF-8 part was garbled"
    assert any(t.startswith("Café au lait") for t in events.event_text)
    assert "line 5" in capsys.readouterr().err


def test_a_text_that_starts_with_its_lead_sentence_keeps_that_sentences_dates(tmp_path):
    data = tmp_path / "lead.txt"
    data.write_text("Negotiators met in Geneva on Oct. 23, 2015 to resume the stalled talks.\n"
                    "They met again on Nov. 2, 2015.\n", encoding="utf-8")
    assert build([data], tmp_path / "out", "--dct", "2015-11-12") == 0
    assert {"2015-10-23", "2015-11-02"} <= set(events_of(tmp_path / "out").start)


def test_a_text_with_no_newline_at_all_is_all_body(tmp_path):
    data = tmp_path / "one_line.txt"
    data.write_text("Negotiators met in Geneva on Oct. 23, 2015. They met again on Nov. 2, 2015.", encoding="utf-8")
    assert build([data], tmp_path / "out", "--dct", "2015-11-12") == 0
    assert {"2015-10-23", "2015-11-02"} <= set(events_of(tmp_path / "out").start)


def test_an_unreadable_subfolder_is_a_failure_in_errors_csv(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(article("Talks resume", "They met on Oct. 23."), encoding="utf-8")
    (folder / "locked" / "hidden.txt").write_text(article("Talks end", "They parted on Oct. 24."), encoding="utf-8")
    locked = str(folder / "locked")
    real_scandir = os.scandir

    def scandir(path="."):                    # root reads any folder: refuse this one as the kernel would
        if isinstance(path, (str, os.PathLike)) and os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert build([folder], tmp_path / "out") == 1
    errors = errors_of(tmp_path / "out")
    assert [Path(e["path"]).name for e in errors] == ["locked"]
    assert "permission denied" in errors[0]["reason"]
    assert set(events_of(tmp_path / "out").start) >= {"2015-10-23"}


def test_the_same_file_twice_is_read_once_and_the_duplicate_reported(tmp_path):
    text = article("Talks resume", "They met on Oct. 23.")
    for name in ("a.txt", "copy_of_a.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    data = tmp_path / "feed.jsonl"
    data.write_text(json.dumps({"text": "They met on Oct. 24.", "date": "2015-11-12"}) + "\n", encoding="utf-8")
    code = build([tmp_path / "a.txt", tmp_path / "copy_of_a.txt", data, data], tmp_path / "out", "--no-merge")
    assert code == 1
    starts = list(events_of(tmp_path / "out").start)
    assert starts.count("2015-10-23") == 1 and starts.count("2015-10-24") == 1, starts
    errors = errors_of(tmp_path / "out")
    assert [Path(e["path"]).name for e in errors] == ["copy_of_a.txt", "feed.jsonl"]
    assert all("same bytes" in e["reason"] for e in errors)


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article("Talks resume", "They met on Oct. 23."), encoding="utf-8")
    out = folder / "out"
    assert build([folder], out, "--format", "csv,json,timeml") == 0
    first = (out / "events.csv").read_bytes()
    assert build([folder], out, "--format", "csv,json,timeml", quiet=False) == 0, errors_of(out)
    assert (out / "events.csv").read_bytes() == first
    assert "not read as inputs" in capsys.readouterr().err


def test_deep_nesting_in_an_unused_json_field_fails_that_record_only(tmp_path):
    data = tmp_path / "feed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    data.write_text('{"text": "They met on Oct. 23.", "date": "2015-11-12", "extra": ' + deep + "}\n"
                    + json.dumps({"text": "They met on Oct. 24.", "date": "2015-11-12"}) + "\n", encoding="utf-8")
    assert build([data], tmp_path / "out") == 1
    assert [(e["record"], "nested" in e["reason"]) for e in errors_of(tmp_path / "out")] == [("1", True)]
    assert "2015-10-24" in set(events_of(tmp_path / "out").start)


def test_a_placeholder_record_date_fails_that_record_and_the_run_completes(tmp_path):
    data = tmp_path / "feed.jsonl"
    data.write_text(json.dumps({"text": "Talks ended on Monday.", "date": "9999-12-31"}) + "\n"
                    + json.dumps({"text": "They met on Oct. 24.", "date": "2015-11-12"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--quiet"]) == 1
    assert (out / "timeline.png").exists()
    errors = errors_of(out)
    assert [e["record"] for e in errors] == ["1"] and "9999-12-31" in errors[0]["reason"]
    assert not any(s.startswith("9999") for s in events_of(out).start)
    assert main(["build", str(data), "--out", str(out), "--quiet", "--narrative"]) == 0, "narrative: no date"
