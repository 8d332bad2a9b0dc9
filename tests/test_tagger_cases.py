"""The cases file is the specification: every phrasing in ``tests/cases/timex_cases.tsv`` is its own test.

Each row gives the expected TIMEX3 value and type, the DCT (``none`` = narrative mode), phrasings with the
expected extent in [brackets], and why. A value of ``-`` means nothing may be tagged over the bracketed words.
Also here: the seed article's must-holds, and the TempEval-3 floors on the development corpora (skipped when
``../shared`` is absent).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.tagger import tag

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "timex_cases.tsv"
SEED = ROOT / "seeds" / "000_056e71f6af495438.txt"
CORPORA = ROOT.parent / "shared" / "corpora" / "tbaq"
SEED_DCT = "2015-11-12T14:12"


def load_cases():
    lines = CASES.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# FORMAT:")
    cases = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        value, typ, dct, phrasings, why = line.split("\t")
        for k, phrasing in enumerate(p.strip() for p in phrasings.split(" || ")):
            cases.append(pytest.param(value, typ, None if dct == "none" else dct, phrasing, why,
                                      id=f"L{number}.{k}-{value}-{re.sub(r'[^A-Za-z0-9]+', '_', phrasing)[:40]}"))
    return cases


def split_brackets(phrasing: str) -> tuple[str, int, int]:
    start = phrasing.index("[")
    end = phrasing.index("]") - 1
    return phrasing.replace("[", "").replace("]", ""), start, end


@pytest.mark.parametrize("value,typ,dct,phrasing,why", load_cases())
def test_case(value, typ, dct, phrasing, why):
    text, start, end = split_brackets(phrasing)
    found = tag(text, dct=dct)
    if value == "-":
        overlapping = [t for t in found if t.start < end and start < t.end]
        assert not overlapping, f"{why}: {text[start:end]!r} must not be tagged, got {overlapping}"
        return
    exact = [t for t in found if (t.start, t.end) == (start, end)]
    assert exact, f"{why}: expected {text[start:end]!r}, got {[(t.text, t.value) for t in found]}"
    assert (exact[0].value, exact[0].type) == (value, typ), why


def test_cases_file_is_well_formed():
    rows = [r for r in CASES.read_text(encoding="utf-8").splitlines()[1:] if r.strip()]
    assert rows
    for row in rows:
        fields = row.split("\t")
        assert len(fields) == 5 and all(fields), row
        for phrasing in fields[3].split(" || "):
            assert phrasing.count("[") == 1 and phrasing.count("]") == 1, phrasing


def seed_body() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_must_holds():
    text = seed_body()
    found = {(t.text, t.value, t.type) for t in tag(text, dct=SEED_DCT)}
    for expected in [("Wednesday", "2015-11-11", "DATE"), ("Oct. 23", "2015-10-23", "DATE"),
                     ("October", "2015-10", "DATE"), ("2011", "2011", "DATE")]:
        assert expected in found
    octobers = [t for t in tag(text, dct=SEED_DCT) if t.text == "October"]
    assert len(octobers) == 2 and {t.value for t in octobers} == {"2015-10"}


def test_seed_has_no_false_positives():
    text = seed_body()
    body = text[text.index("Around 400"):]
    tagged = " ".join(t.text for t in tag(body, dct=SEED_DCT))
    for word in ("latest", "54", "400", "250,000", "7.6", "four million", "beginning"):
        assert word not in tagged


def test_seed_spans_are_sound():
    text = seed_body()
    found = tag(text, dct=SEED_DCT)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for t in found:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.anchor in ("absolute", "dct", "ref", "none")
        assert set(t.flags) <= {"year_inferred", "direction_from_tense", "ambiguous_order", "approximate"}


def test_dct_accepts_datetime_date_and_string():
    import datetime as dt
    text = "He left on Wednesday."
    values = {tag(text, dct=d)[0].value for d in (dt.datetime(2015, 11, 12, 14, 12), dt.date(2015, 11, 12),
                                                  "2015-11-12T14:12", "2015-11-12")}
    assert values == {"2015-11-11"}


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")
def test_tempeval3_floors_on_timebank_and_aquaint():
    from timeline.evaluation.tempeval import evaluate

    report = evaluate([CORPORA / "timebank", CORPORA / "aquaint"])
    s = report.overall
    assert s.f1("relaxed") >= 0.92
    assert s.f1("strict") >= 0.85
    assert s.f1("value") >= 0.80
    assert s.f1("type") >= 0.89
