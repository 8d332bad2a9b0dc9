"""A batch with bad members completes for every good member and lists each bad one with its reason.

Bad members: empty, binary, UTF-16 without a BOM, truncated UTF-8, gigantic, unreadable, HTML without text,
missing. The run goes through the CLI (``timeline.cli.main``) and the checks read back the written files:
``events.csv`` for the good members, ``errors.csv`` and stderr for the bad ones. The exit code is non-zero only
when something failed; ``--strict`` stops at the first failure.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd
import pytest

from timeline.sources import ingest
from timeline.cli import main

GIGANTIC_LIMIT = 64 * 1024      # the tests lower ingest's limit to this so that "gigantic" stays cheap


def article(title: str, body: str, published: str = "12.11.2015 14:12") -> str:
    return f"{title}\nPublished {published}\n\n{body}\n"


GOOD = {
    "good_one.txt": article("Talks resume in Geneva", "Negotiators met in Geneva on Oct. 23 to resume the talks."),
    "good_two.txt": article("Café owners protest in Zürich",
                            "The café owners of Zürich marched on Wednesday against the new tax."),
}


def read_events(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def read_errors(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {Path(row["path"]).name: row["reason"] for row in csv.DictReader(fh)}


@pytest.fixture
def small_limit(monkeypatch):
    if not hasattr(ingest, "MAX_DOCUMENT_BYTES"):
        pytest.fail("defect: timeline.sources.ingest has no documented size limit (MAX_DOCUMENT_BYTES); a gigantic "
                    "member is read whole into memory")
    monkeypatch.setattr(ingest, "MAX_DOCUMENT_BYTES", GIGANTIC_LIMIT)
    return GIGANTIC_LIMIT


def make_batch(folder: Path) -> tuple[list[str], dict[str, str]]:
    """Write the good and bad members; return (the paths in command-line order, expected bad name -> reason word)."""
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    bad = {}
    (folder / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    (folder / "blank.txt").write_bytes(b"  \n\r\n\t\n")
    bad["blank.txt"] = "empty"
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    bad["binary.txt"] = "binary"
    (folder / "utf16_no_bom.txt").write_bytes(article("Sans BOM", "It rained on Oct. 23.").encode("utf-16-le"))
    bad["utf16_no_bom.txt"] = "utf-16"          # D10: the reason names UTF-16, not only "binary"
    gigantic = article("Gigantic", ("On Oct. 23 nothing happened. " * 4000))
    (folder / "gigantic.txt").write_text(gigantic, encoding="utf-8")
    assert len(gigantic.encode()) > GIGANTIC_LIMIT
    bad["gigantic.txt"] = "large"
    (folder / "page.html").write_text("<!DOCTYPE html><html><head><title></title><script>var x = 1;</script>"
                                      "</head><body><div><img src='a.png'></div></body></html>", encoding="utf-8")
    bad["page.html"] = ""
    (folder / "dated_page.html").write_text(
        "<!DOCTYPE html><html><head><title>Empty page</title><meta property='article:published_time' "
        "content='2015-11-12T14:12:00'></head><body><div><img src='a.png'></div><script>var x = 1;</script>"
        "</body></html>", encoding="utf-8")
    bad["dated_page.html"] = "text"
    bad["missing.txt"] = "no such file"
    paths = [str(folder / "good_one.txt"), str(folder / "empty.txt"), str(folder / "blank.txt"),
             str(folder / "binary.txt"), str(folder / "utf16_no_bom.txt"), str(folder / "gigantic.txt"),
             str(folder / "page.html"), str(folder / "dated_page.html"), str(folder / "missing.txt"), str(folder / "good_two.txt")]
    return paths, bad


def test_batch_completes_every_good_member_and_lists_every_bad_one(tmp_path, capsys, small_limit):
    paths, bad = make_batch(tmp_path / "in")
    out = tmp_path / "out"
    code = main(["build", *paths, "--out", str(out), "--no-chart", "--quiet"])
    stderr = capsys.readouterr().err
    assert code == 1, "a failed member must make the exit code non-zero"
    events = read_events(out / "events.csv")
    sources = {Path(p).name for cell in events.source_path for p in cell.split(";")}
    assert set(GOOD) <= sources, f"good members missing from events.csv: {set(GOOD) - sources}"
    assert not (sources & set(bad)), "a bad member produced events"
    assert any("Zürich" in t for t in events.event_text), "UTF-8 text garbled"
    errors = read_errors(out / "errors.csv")
    assert set(errors) == set(bad), f"errors.csv lists {sorted(errors)}, expected {sorted(bad)}"
    for name, word in bad.items():
        assert errors[name].strip(), f"{name}: no reason given"
        assert word in errors[name].lower(), f"{name}: reason {errors[name]!r} does not say {word!r}"
        assert name in stderr, f"{name} not reported on stderr"
    assert "Traceback" not in stderr


def test_all_good_batch_exits_zero_and_removes_a_stale_errors_file(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "errors.csv").write_text("path,record,reason\nold.txt,,stale\n", encoding="utf-8")
    assert main(["build", str(folder), "--out", str(out), "--no-chart", "--quiet"]) == 0
    assert not (out / "errors.csv").exists()
    assert capsys.readouterr().err == ""


def test_utf16_with_bom_and_utf8_with_bom_are_good_members(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "utf16.txt").write_bytes(
        article("Café owners protest in Zürich", "The café owners marched on Wednesday.").encode("utf-16"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + article("Talks in Genève", "They met on Oct. 23.").encode())
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--no-chart", "--quiet"]) == 0
    events = read_events(out / "events.csv")
    assert {"utf16.txt", "bom.txt"} <= {Path(p).name for p in events.source_path}
    assert "Café owners protest in Zürich" in set(events.source_title)
    assert "Talks in Genève" in set(events.source_title), "the BOM leaked into the title"


def test_truncated_utf8_keeps_its_text_and_says_so(tmp_path, capsys):
    """A file cut in the middle of a multi-byte character is UTF-8 with a lost tail, not cp1252: its text before
    the cut is kept intact (no mojibake) and the document carries a note naming the truncation."""
    data = article("Café owners protest in Zürich", "The café owners of Zürich marched on Wednesday. Zü").encode()
    data = data[:-2]                                       # cut "ü" in half (and the final newline)
    path = tmp_path / "truncated.txt"
    path.write_bytes(data)
    doc = ingest.read_document(path)
    assert "Zürich" in doc.text and "Ã" not in doc.text, "truncated UTF-8 decoded as cp1252 (mojibake)"
    assert any("truncat" in note for note in doc.notes)
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out), "--no-chart", "--quiet"]) == 0
    events = read_events(out / "events.csv")
    assert "Café owners protest in Zürich" in set(events.source_title)


def test_strict_stops_at_the_first_failure(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD["good_one.txt"], encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x00\x01" * 100)
    (folder / "d_good.txt").write_text(GOOD["good_two.txt"], encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(folder), "--out", str(out), "--no-chart", "--strict"])
    stderr = capsys.readouterr().err
    assert code == 1
    assert "b_empty.txt" in stderr and "empty" in stderr
    assert "c_binary.txt" not in stderr, "--strict went on after the first failure"
    assert not (out / "events.csv").exists(), "--strict wrote a table from a failed batch"
    assert "Traceback" not in stderr


def _unreadable(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return False
    except PermissionError:
        return True


def test_unreadable_member_is_listed_with_its_reason(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_one.txt").write_text(GOOD["good_one.txt"], encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text(GOOD["good_two.txt"], encoding="utf-8")
    locked.chmod(0)
    try:
        if not _unreadable(locked):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): permissions do not stop reading here; "
                        "test_permission_error_is_listed_with_its_reason covers the error path")
        out = tmp_path / "out"
        assert main(["build", str(folder), "--out", str(out), "--no-chart", "--quiet"]) == 1
        assert "permission" in read_errors(out / "errors.csv")["locked.txt"]
        assert "locked.txt" in capsys.readouterr().err
    finally:
        locked.chmod(0o644)


def test_permission_error_is_listed_with_its_reason(tmp_path, capsys, monkeypatch):
    """The same error path as an unreadable file, simulated so that it also runs as root."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_one.txt").write_text(GOOD["good_one.txt"], encoding="utf-8")
    (folder / "locked.txt").write_text(GOOD["good_two.txt"], encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and Path(os.fsdecode(file)).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--no-chart", "--quiet"]) == 1
    monkeypatch.setattr("builtins.open", real_open)
    assert "permission" in read_errors(out / "errors.csv")["locked.txt"].lower()
    assert "good_one.txt" in {Path(p).name for p in read_events(out / "events.csv").source_path}
    assert "locked.txt" in capsys.readouterr().err


def test_gigantic_member_is_refused_by_the_documented_limit(tmp_path, capsys, small_limit):
    big = tmp_path / "big.txt"
    big.write_text(article("Big", "On Oct. 23 it rained. " * 5000), encoding="utf-8")
    with pytest.raises(ingest.InputError) as info:
        ingest.read_document(big)
    assert "large" in info.value.reason.lower(), info.value.reason


def test_html_with_only_navigation_is_a_page_without_text(tmp_path, capsys):
    page = tmp_path / "nav_only.html"
    page.write_text("<!DOCTYPE html><html><head><title>Empty page</title><meta property='article:published_time' "
                    "content='2015-11-12T14:12:00'></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a>"
                    "</nav><footer>© 2015</footer></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(page), "--out", str(out), "--no-chart", "--quiet"]) == 1
    assert "text" in read_errors(out / "errors.csv")["nav_only.html"]


# -- any bytes: a Document or one clear InputError, never another exception ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

INGEST_FUZZ = settings(max_examples=int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "150")), derandomize=True,
                       database=None, deadline=None, report_multiple_bugs=False,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DATEISH = st.one_of(
    st.text(alphabet="0123456789./-: ,TZ+", max_size=30),
    st.sampled_from(["12.11.2015 14:12", "2015-11-12", "Nov. 12, 2015", "31.02.2015", "00.00.0000", "99.99.9999",
                     "12.11.15", "1.1.1", "yesterday", "12.11.2015 25:61", "2015-11-12T99:99", "10000-01-01",
                     "0001-01-01", "Feb. 30, 2015", "12/11/2015", "Thursday"]),
    st.text(max_size=30),
)


@INGEST_FUZZ
@given(data=st.binary(max_size=600))
def test_any_bytes_give_a_document_or_an_input_error(data):
    try:
        doc = ingest.read_text_document("fuzz.txt", data)
    except ingest.InputError as exc:
        assert exc.reason and "fuzz.txt" in str(exc)
        return
    assert 0 <= doc.body_start <= len(doc.text)
    assert doc.dct is not None


@INGEST_FUZZ
@given(title=st.text(max_size=60), label=st.sampled_from(["Published", "Updated", "Date:", "", "Posted on"]),
       date=DATEISH, body=st.text(max_size=200), order=st.sampled_from([None, "DMY", "MDY", "YMD"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_any_header_gives_a_document_or_an_input_error(title, label, date, body, order, encoding):
    text = f"{title}\n{label} {date}\n\n{body}\n"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        doc = ingest.read_text_document("fuzz.txt", data, date_order=order)
    except ingest.InputError as exc:
        assert exc.reason
        return
    assert 0 <= doc.body_start <= len(doc.text)
    assert 1 <= doc.dct.year <= 9999


# -- a user error gets one message and an exit code, never a traceback --------------------------------------

def _seed_copy(tmp_path: Path) -> Path:
    src = tmp_path / "a.txt"
    src.write_text(GOOD["good_one.txt"], encoding="utf-8")
    return src


@pytest.mark.parametrize("out", ["file", "file/sub"])
def test_an_out_folder_that_cannot_be_made_is_a_clear_error(tmp_path, capsys, out):
    src = _seed_copy(tmp_path)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    try:
        code = main(["build", str(src), "--out", str(tmp_path / out), "--no-chart"])
    except OSError as exc:
        pytest.fail(f"defect D15: --out {out}: traceback {exc!r} instead of a message")
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and out.split("/")[0] in err


def test_an_unknown_format_is_a_usage_error(tmp_path, capsys):
    src = _seed_copy(tmp_path)
    try:
        code = main(["build", str(src), "--out", str(tmp_path / "out"), "--no-chart", "--format", "csv,xml"])
    except SystemExit as exc:          # argparse's own usage error is fine too
        code = exc.code
    except ValueError as exc:
        pytest.fail(f"defect D16: --format xml: traceback {exc!r} instead of a usage error")
    err = capsys.readouterr().err
    assert code == 2 and "xml" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "events.csv").exists(), "a usage error must stop before any work"
