"""The events stage takes its words from the language folder: none in its code, one set per language, loaded once."""
from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

import timeline.lang as lang
from timeline.events import signals as signals_module
from timeline.events.anchor import ANCHORS
from timeline.events.dates import PRECISIONS
from timeline.events.extract import FLAG_ORDER, extract_events
from timeline.events.text import text_analysis
from timeline.events.words import FILES, event_words
from timeline.model import Document, Timex

EVENTS = Path(lang.__file__).parent.parent / "events"
#: the rule-based stage (the statistical event model's modules, mentions/features/linear/senses, are its own)
RULE_MODULES = ("__init__", "dates", "extract", "headline", "headline_fit", "intervals", "sentences", "signals", "text",
                "words")
EN = lang.folder("en")


def _literals(path: Path):
    """The string constants of a module with their line, but for docstrings, error messages and ``__all__``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) or (isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)):
            skip |= {id(n) for n in ast.walk(node)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def _tokens(s: str) -> list[str]:
    s = re.sub(r"\\[A-Za-z]", " ", s)                 # \b \s \w \d \S
    s = re.sub(r"\(\?P[<=]\w+>?", " ", s)             # named groups
    return re.findall(r"[A-Za-z]{2,}", s)


def _codes() -> set[str]:
    """The codes the events stage may name: the classes and roles of its data files, the files themselves, flags,
    precisions, kinds, anchors, TIMEX3 types and mods, and the groups of its patterns."""
    codes = {"en", "tsv", "mention", "interval", "publication", "absolute", "dct", "ref", "event", "DATE", "TIME",
             "APPROX", "np", "verb", "subj", "rest", "row"}
    for name in FILES + ("headline_words.tsv",):
        codes |= set(re.findall(r"[A-Za-z]+", name))
        for line in (EN / name).read_text(encoding="utf-8").splitlines()[1:]:
            if line and not line.startswith("#") and "\t" in line:
                codes |= set(re.findall(r"[A-Za-z]+", line.split("\t")[1]))
    for code in FLAG_ORDER + PRECISIONS + ANCHORS:
        codes |= set(code.split("_"))
    return codes


def test_no_word_of_a_language_in_the_events_code():
    """Patterns carry structure only (their words are slots filled from lang/<code>/events_*.tsv), and every
    other string is a code (a class of the data, a flag, a precision, a kind, a group of a pattern, a TIMEX3
    code in upper case), not text: a new language is a folder, not an edit of the events stage. Messages of
    errors are for the developer and stay English."""
    found = []
    for path in (EVENTS / f"{name}.py" for name in RULE_MODULES):
        literals = _literals(path)
        groups = {g for _, s in literals for g in re.findall(r"\(\?P<(\w+)>", s)}
        codes = _codes() | groups
        for line, s in literals:
            regex = "\\" in s or "(?" in s
            for token in _tokens(s):
                if not token.isupper() and (regex or token not in codes):     # upper case: TIMEX3 codes
                    found.append(f"{path.name}:{line}: {token!r} in {s[:50]!r}")
    assert not found, "\n".join(found)


def _use(monkeypatch, code: str, folder: Path) -> None:
    """Language ``code`` is ``folder`` for this test (the registry and its cache of found folders restored after)."""
    monkeypatch.setitem(lang._registered, code, folder)
    monkeypatch.setattr(lang, "_found", {})


def _copy_of_english(tmp_path: Path, code: str, **changes: str) -> Path:
    """A language folder with English's events files, some replaced by ``changes`` (file name -> text)."""
    folder = tmp_path / code
    folder.mkdir()
    for name in FILES:
        shutil.copy(EN / name, folder / name)
    for name, text in changes.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def _since_doc():
    text = "Das Land kämpft seit 2011 gegen die Rebellen."
    start = text.index("2011")
    doc = Document("x.txt", "X", dt.datetime(2015, 11, 12), text)
    return doc, [Timex(start, start + 4, "2011", "DATE", "2011", anchor="absolute")]


def test_the_events_stage_reads_the_words_of_the_language_it_is_given(tmp_path, monkeypatch):
    signals = (EN / "events_signals.tsv").read_text(encoding="utf-8").replace("since\tsince", "seit\tsince")
    _use(monkeypatch, "xx", _copy_of_english(tmp_path, "xx", events_signals__tsv=signals))
    doc, timexes = _since_doc()
    english = [e for e in extract_events(doc, timexes, lang="en") if e.kind != "publication"]
    other = [e for e in extract_events(doc, timexes, lang="xx") if e.kind != "publication"]
    assert [(e.kind, e.start, e.end) for e in english] == [("mention", dt.date(2011, 1, 1), dt.date(2011, 12, 31))]
    assert [(e.kind, e.start, e.end, e.phrase) for e in other] == [
        ("interval", dt.date(2011, 1, 1), dt.date(2015, 11, 12), "seit 2011")]


def test_the_words_of_a_language_are_loaded_once(tmp_path, monkeypatch):
    _use(monkeypatch, "xx", _copy_of_english(tmp_path, "xx"))
    assert event_words("xx") is event_words("xx") and event_words("xx") is not event_words("en")
    assert signals_module.signals("xx") is signals_module.signals("xx")
    assert text_analysis("xx") is text_analysis("xx") and text_analysis("xx") is not text_analysis("en")


def test_a_language_without_events_data_is_one_clear_error(tmp_path, monkeypatch):
    folder = tmp_path / "yy"
    folder.mkdir()
    _use(monkeypatch, "yy", folder)
    doc, timexes = _since_doc()
    with pytest.raises(lang.LanguageError, match="no events data: events_abbreviations.tsv"):
        extract_events(doc, timexes, lang="yy")
    with pytest.raises(lang.LanguageError, match="unknown language 'zz'"):
        extract_events(doc, timexes, lang="zz")


def test_a_class_a_language_leaves_out_matches_nothing(tmp_path, monkeypatch):
    """A language without meridiem words still reads "Nov. 3-5" as a range (an empty alternation would match
    everywhere and refuse every range)."""
    rows = [line for line in (EN / "events_words.tsv").read_text(encoding="utf-8").splitlines()
            if not line.endswith("\tmeridiem")]
    _use(monkeypatch, "xx", _copy_of_english(tmp_path, "xx", events_words__tsv="\n".join(rows) + "\n"))
    text = "Talks were held Nov. 3-5 in Vienna."
    start = text.index("Nov. 3")
    doc = Document("x.txt", "X", dt.datetime(2015, 11, 12), text)
    timexes = [Timex(start, start + 6, "Nov. 3", "DATE", "2015-11-03")]
    for code in ("en", "xx"):
        (event,) = [e for e in extract_events(doc, timexes, lang=code) if e.kind != "publication"]
        assert (event.kind, event.start, event.end) == ("interval", dt.date(2015, 11, 3), dt.date(2015, 11, 5))


def test_stop_words_come_from_the_language_folder():
    assert {"the", "said"} <= lang.stop_words("en") and lang.stop_words() is lang.stop_words("en")
    assert "the" not in event_words("en").word("stop")          # the events stage has none of its own
