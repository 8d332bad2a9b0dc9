"""The CLI through the files it writes: build on good and bad inputs, tag as JSON lines."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").iterdir())

ARTICLE = """Storm closes harbour

Published 03.02.2020 09:30

The harbour was closed on Monday after the storm. Repairs began on Jan. 28 and will end in March.
"""


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_build_writes_table_and_chart(tmp_path, capsys):
    good = tmp_path / "in" / "harbour.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(good.parent), "--out", str(out)]) == 0
    df = read_csv(out / "events.csv")
    assert len(df) >= 3 and (df.kind == "publication").sum() == 1


def test_build_resolves_monday_against_the_header(tmp_path):
    good = tmp_path / "harbour.txt"
    good.write_text(ARTICLE.replace("on Monday", "on Saturday"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(good), "--out", str(out), "--quiet"]) == 0
    df = read_csv(out / "events.csv")
    assert "2020-02-01" in set(df.timex_value)          # the Saturday before Monday 3 February 2020
    assert "2020-01-28" in set(df.timex_value)
    assert (out / "timeline.png").stat().st_size > 0 and (out / "timeline.svg").stat().st_size > 0


def test_dct_option_overrides_the_header(tmp_path):
    good = tmp_path / "harbour.txt"
    good.write_text(ARTICLE.replace("on Monday", "on Saturday"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(good), "--out", str(out), "--quiet", "--dct", "2021-06-09"]) == 0
    df = read_csv(out / "events.csv")
    assert "2021-06-05" in set(df.timex_value)
    assert set(df.published) == {"2021-06-09T00:00:00"}


def test_date_order_decides_an_ambiguous_header(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE.replace("03.02.2020", "03/02/2020"), encoding="utf-8")
    for order, expected in (("DMY", "2020-02-03"), ("MDY", "2020-03-02")):
        out = tmp_path / order
        assert main(["build", str(doc), "--out", str(out), "--quiet", "--no-chart", "--date-order", order]) == 0
        pub = read_csv(out / "events.csv").query("kind == 'publication'")
        assert pub.start.tolist() == [expected]


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("undated.txt", b"A title\n\nNo date anywhere here, only words.\n", "no publication date"),
])
def test_bad_input_is_reported_by_name_and_the_rest_completes(tmp_path, capsys, name, content, reason):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / name).write_bytes(content)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--no-chart"]) == 1
    err = capsys.readouterr().err
    assert name in err and reason in err
    assert "Traceback" not in err
    df = read_csv(out / "events.csv")
    assert set(df.source_path) == {str(folder / "good.txt")}
    errors = read_csv(out / "errors.csv")
    assert errors.path.tolist() == [str(folder / name)]


def test_missing_path_is_reported(tmp_path, capsys):
    out = tmp_path / "out"
    missing = tmp_path / "nope.txt"
    assert main(["build", str(SEED), str(missing), "--out", str(out), "--no-chart"]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: no such file" in err
    assert len(read_csv(out / "events.csv")) >= 6


def test_non_utf8_text_is_decoded_with_a_note(tmp_path):
    doc = tmp_path / "latin.txt"
    doc.write_bytes(ARTICLE.replace("harbour", "harbour café").encode("cp1252"))
    out = tmp_path / "out"
    assert main(["build", str(doc), "--out", str(out), "--quiet", "--no-chart"]) == 0
    df = read_csv(out / "events.csv")
    assert df.source_title.str.contains("café").any()


def test_utf8_bom_and_utf16_are_read(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "bom.txt"), str(tmp_path / "u16.txt"), "--out", str(out), "--quiet",
                 "--no-chart", "--no-merge"]) == 0
    df = read_csv(out / "events.csv")
    assert df.query("kind == 'publication'").source_title.tolist() == ["Storm closes harbour"] * 2


def test_nothing_readable_is_a_failure(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 1
    assert "no document could be read" in capsys.readouterr().err


def test_tag_prints_json_lines_with_offsets(tmp_path, capsys, monkeypatch):
    text = "On Wednesday, Tasnim said four more guards were killed. On Oct. 23, Fars quoted him."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["tag", "-", "--dct", "2015-11-12"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_text = {r["text"]: r for r in rows}
    assert by_text["Wednesday"]["value"] == "2015-11-11"
    assert by_text["Oct. 23"]["value"] == "2015-10-23"
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["type"] in {"DATE", "TIME", "DURATION", "SET"}


def test_tag_reads_the_dct_from_a_file_header(capsys):
    assert main(["tag", str(SEED)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    seed_text = SEED.read_text(encoding="utf-8")
    wednesday = [r for r in rows if r["text"] == "Wednesday"]
    assert wednesday and wednesday[0]["value"] == "2015-11-11"
    assert all(seed_text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_bad_dct_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["tag", "-", "--dct", "not a date"])
    assert exc.value.code == 2
    assert "cannot read 'not a date' as a date" in capsys.readouterr().err


def test_tag_is_a_thin_layer_over_tag_document(capsys):
    """`timeline tag FILE` prints what timeline.tag_document(FILE) gives: the same header DCT, the same values."""
    import timeline

    assert main(["tag", str(SEED), "--lang", "en"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    doc, timexes = timeline.tag_document(str(SEED))
    assert doc.dct is not None and printed == [t.to_dict() for t in timexes]
    assert timexes == timeline.tag(doc.text, doc.dct, lang="en")


def test_tag_with_an_unknown_language_names_the_languages(capsys):
    assert main(["tag", str(SEED), "--lang", "xx"]) == 1
    err = capsys.readouterr().err
    assert "unknown language 'xx'" in err and "en" in err
