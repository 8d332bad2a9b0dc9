"""Ingest on its own: header and DCT forms, --date-order, --dct, missing dates, decoding, bad files, expansion."""
from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

from timeline.sources import ingest
from timeline.sources.ingest import InputError, decode, expand_inputs, find_header, parse_date, read_document

BODY = "The harbour was closed on Monday after the storm.\n"


def article(header: str, title: str = "Storm closes harbour") -> str:
    return f"{title}\n\n{header}\n\n{BODY}"


@pytest.mark.parametrize("header, expected", [
    ("Published 12.11.2015 14:12", dt.datetime(2015, 11, 12, 14, 12)),     # the seed's form: dotted, day-first
    ("Published: 2015-11-12", dt.datetime(2015, 11, 12)),                  # ISO, year-first
    ("Published on Nov. 12, 2015", dt.datetime(2015, 11, 12)),             # month name
    ("12 November 2015", dt.datetime(2015, 11, 12)),                       # a bare date line
    ("Updated 03-02-2020 09:30", dt.datetime(2020, 2, 3, 9, 30)),          # dashed: day-first
    ("Published 11/12/2015", dt.datetime(2015, 11, 12)),                   # slashed: month-first
])
def test_header_forms_give_the_dct(header, expected):
    title, dct, body_start = find_header(article(header))
    assert (title, dct) == ("Storm closes harbour", expected)
    assert article(header)[body_start:].strip() == BODY.strip()


@pytest.mark.parametrize("order, expected", [(None, dt.datetime(2015, 11, 12)), ("DMY", dt.datetime(2015, 11, 12)),
                                             ("MDY", dt.datetime(2015, 12, 11))])
def test_date_order_decides_an_ambiguous_header(order, expected):
    assert find_header(article("Published 12.11.2015"), order)[1] == expected


def test_a_bad_date_order_is_refused():
    with pytest.raises(ValueError, match="date order"):
        parse_date("12.11.2015", "DDD")


def test_relative_header_is_not_a_date():
    """Nothing is dated from the clock: 'yesterday' in a header is not a publication date."""
    assert parse_date("yesterday") is None
    assert find_header(article("Published yesterday"))[1] is None


def test_dct_overrides_the_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(article("Published 12.11.2015 14:12"), encoding="utf-8")
    assert read_document(path, dct="2021-06-09").dct == dt.datetime(2021, 6, 9)
    assert read_document(path, dct=dt.date(2021, 6, 9)).dct == dt.datetime(2021, 6, 9)


def test_no_date_is_an_error_naming_the_file_unless_narrative(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Storm closes harbour\n\n" + BODY, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.path == str(path) and "no publication date" in info.value.reason
    assert read_document(path, narrative=True).dct is None


def test_utf8_with_and_without_bom():
    assert decode("Zürich".encode()).text == "Zürich"
    bom = decode(b"\xef\xbb\xbf" + "Zürich".encode())
    assert (bom.text, bom.encoding) == ("Zürich", "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_a_bom(codec):
    data = "Zürich".encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode(data).text == "Zürich"


def test_cp1252_falls_back_with_a_note():
    decoded = decode("Café owners \u2019protest\u2019".encode("cp1252"))
    assert decoded.text == "Café owners \u2019protest\u2019" and decoded.encoding == "cp1252"
    assert "not valid UTF-8" in decoded.note


def test_the_note_reaches_the_document(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(article("Published 12.11.2015", title="Café owners protest").encode("cp1252"))
    doc = read_document(path)
    assert doc.title == "Café owners protest" and doc.notes and "cp1252" in doc.notes[0]


def test_truncated_utf8_keeps_its_text_with_a_note():
    decoded = decode("Zürich, Zü".encode()[:-1])
    assert decoded.text == "Zürich, Z" and "truncated" in decoded.note


@pytest.mark.parametrize("data, word", [
    (b"", "empty"), (b"  \n\t\n", "empty"), (bytes(range(256)) * 8, "binary"), (b"\x00\x01\x02text", "binary"),
])
def test_bad_bytes_are_refused_with_a_reason(data, word):
    with pytest.raises(InputError) as info:
        decode(data, "x.txt")
    assert word in info.value.reason and info.value.path == "x.txt"


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(article("Published 12.11.2015") * 5, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_document(path)


def test_stdin_is_read_with_a_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(article("Published 2015-11-12").encode())))
    doc = read_document("-")
    assert doc.path == "-" and doc.dct == dt.datetime(2015, 11, 12)


def test_expand_walks_folders_sorted_and_keeps_missing_paths(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.txt", "b/1.md", "b/skip.png", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = list(expand_inputs([tmp_path, tmp_path / "nope.txt"]))
    assert [p.removeprefix(str(tmp_path) + "/") for p in found[:-1]] == ["a.txt", "b/1.md", "b/2.txt"]
    assert found[-1] == str(tmp_path / "nope.txt")
    assert list(expand_inputs([str(tmp_path / "b" / "*.txt")])) == [str(tmp_path / "b" / "2.txt")]


# ------------------------------------------------------------------------------------------------ languages

def _german(tmp_path, monkeypatch):
    """A test-only language folder "de" with German header labels ("Veröffentlicht am 12. März 2015")."""
    import timeline.lang as lang

    folder = tmp_path / "de"
    folder.mkdir()
    (folder / "header_labels.txt").write_text("# FORMAT: one label per line\nveröffentlicht\naktualisiert\n",
                                              encoding="utf-8")
    (folder / "header_links.txt").write_text("# FORMAT: one word per line\nam\n", encoding="utf-8")
    monkeypatch.setitem(lang._registered, "de", folder)
    monkeypatch.setattr(lang, "_found", {})            # the cache of found folders, restored after the test
    return folder


def test_a_header_is_read_in_the_language_given(tmp_path, monkeypatch):
    """dateparser is told the language and the labels are the language's: English reads neither."""
    _german(tmp_path, monkeypatch)
    text = "Die Lage\nVeröffentlicht am: 12. März 2015\nDer Text."
    assert find_header(text, lang="de") == ("Die Lage", dt.datetime(2015, 3, 12), text.index("Der"))
    assert find_header(text)[1] is None
    assert parse_date("12. März 2015", lang="de") == dt.datetime(2015, 3, 12)
    assert parse_date("12. März 2015") is None
    assert find_header("Title\nPublished on: 12.11.2015 14:12\nBody")[1] == dt.datetime(2015, 11, 12, 14, 12)


def test_a_language_without_header_labels_reads_bare_date_lines(tmp_path, monkeypatch):
    folder = _german(tmp_path, monkeypatch)
    (folder / "header_labels.txt").unlink()
    (folder / "header_links.txt").unlink()
    assert find_header("Die Lage\n12. März 2015\nDer Text.", lang="de")[1] == dt.datetime(2015, 3, 12)
    assert find_header("Die Lage\nVeröffentlicht am 12. März 2015\nDer Text.", lang="de")[1] is None


def test_the_language_reaches_every_reader(tmp_path, monkeypatch):
    from timeline.sources import ReadOptions, read_documents

    _german(tmp_path, monkeypatch)
    article = tmp_path / "a.txt"
    article.write_text("Die Lage\nVeröffentlicht am 12. März 2015\nDer Text.", encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text('{"text": "Der Text.", "date": "12. März 2015"}\n', encoding="utf-8")
    assert read_document(article, lang="de").dct == dt.datetime(2015, 3, 12)
    docs = list(read_documents([str(article), str(records)], ReadOptions(lang="de")))
    assert [d.dct for d in docs] == [dt.datetime(2015, 3, 12)] * 2
    english = list(read_documents([str(article), str(records)]))
    assert all(isinstance(d, ingest.Failure) for d in english)


def test_a_language_dateparser_does_not_know_is_one_clear_error(tmp_path, monkeypatch):
    import timeline.lang as lang

    monkeypatch.setitem(lang._registered, "xx", tmp_path)
    monkeypatch.setattr(lang, "_found", {})
    with pytest.raises(lang.LanguageError, match="dateparser cannot read dates in language 'xx'"):
        find_header("Title\n12.11.2015\nBody", lang="xx")
    with pytest.raises(lang.LanguageError, match="unknown language 'zz'"):
        find_header("Title\n12.11.2015\nBody", lang="zz")
