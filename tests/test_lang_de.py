"""A language is a folder: the test-only German of ``tests/lang/de`` (a few months with "März" and "Mär.", the
weekdays, "heute", "gestern", "morgen", "übermorgen", the words of the five rules it turns on) is registered with
:func:`timeline.lang.register` and tagged end to end through ``timeline.tag(..., lang="de")``; no module of the
package knows it."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import timeline
from timeline import lang
from timeline.cli import main
from timeline.tagger.patterns import SlotError
from timeline.tagger.recognize import NORMALIZE, compiled_rules
from timeline.tagger.scan import triggers

GERMAN = Path(__file__).resolve().parent / "lang" / "de"
DCT = "2015-11-12"          # a Thursday


@pytest.fixture
def de():
    lang.register("de", GERMAN)
    yield "de"
    lang._registered.pop("de", None)
    lang._found.clear()


def values(text, code, dct=DCT):
    return [(t.text, t.type, t.value) for t in timeline.tag(text, dct=dct, lang=code)]


def test_a_day_and_month_without_a_year_is_the_nearest_occurrence_in_a_silent_clause(de):
    # No year and no tense marker in the clause: the resolver takes the nearest "3 March" to the DCT
    # (2016-03-03 is 112 days after 2015-11-12, 2015-03-03 is 254 days before) and flags the year inferred.
    [found] = timeline.tag("am 3. März", dct=DCT, lang=de)
    assert (found.text, found.type, found.value, found.flags) == ("3. März", "DATE", "2016-03-03",
                                                                  ("year_inferred",))


def test_the_tense_of_the_clause_decides_with_the_language_s_own_markers(de):
    # "sagte" is a past marker of the German folder, "wird" a future one: the latest 3 March on or before the
    # DCT, and the earliest after it.
    assert values("Er sagte, er sei am 3. März gekommen.", de) == [("3. März", "DATE", "2015-03-03")]
    assert values("Er wird am 3. März kommen.", de) == [("3. März", "DATE", "2016-03-03")]


def test_the_day_after_tomorrow_and_the_day_before_yesterday(de):
    assert values("Wir sehen uns übermorgen.", de) == [("übermorgen", "DATE", "2015-11-14")]
    assert values("Vorgestern und gestern, heute und morgen", de) == [
        ("Vorgestern", "DATE", "2015-11-10"), ("gestern", "DATE", "2015-11-11"), ("heute", "DATE", "2015-11-12"),
        ("morgen", "DATE", "2015-11-13")]


def test_dotted_and_upper_case_months_and_a_weekday_with_its_date(de):
    assert values("am 4. Mär. und am 5. MÄRZ", de) == [("4. Mär.", "DATE", "2016-03-04"),
                                                        ("5. MÄRZ", "DATE", "2016-03-05")]
    assert values("Er kam am Dienstag, den 3. März 2015.", de) == [("Dienstag, den 3. März 2015", "DATE",
                                                                    "2015-03-03")]
    assert values("Anfang Mai", de) == [("Anfang Mai", "DATE", "2016-05")]
    assert values("am 3. März nächsten Jahres", de) == [("3. März nächsten Jahres", "DATE", "2016-03-03")]


def test_each_language_runs_its_own_rules(de):
    assert values("yesterday, on Monday, Oct. 23", de) == []            # English words mean nothing in German
    assert values("übermorgen, am 3. März", "en") == []                # nor German words in English
    names = {c.rule.name for c in compiled_rules(de)}
    assert names == {"full_date", "iso_date", "month", "weekday", "deictic"}


def test_the_german_windows_give_the_matches_of_a_whole_text_scan(de):
    rules = tuple((c.rule.name, c.regex) for c in compiled_rules(de))
    texts = ["Am Dienstag, den 3. März 2015, übermorgen, vorgestern; MÄRZ, Mär. 4, im Mai " * 3,
             "xübermorgen morgenx 3.März 2015-03-04", "ÜBERMORGEN am 31. Dezember -- Dez. 2", ""]
    for text in (t.translate(NORMALIZE) for t in texts):
        scan = triggers.scan(text, rules, de)
        for order, (name, regex) in enumerate(rules):
            assert [m.span() for m in scan.finditer(order, regex)] == [m.span() for m in regex.finditer(text)], name


def test_an_unknown_language_is_one_error_naming_the_languages(de):
    with pytest.raises(timeline.LanguageError, match=r"unknown language 'xx': the languages there are de, en"):
        timeline.tag("am 3. März", dct=DCT, lang="xx")


def test_a_rule_whose_slot_the_language_does_not_declare_is_an_error(tmp_path):
    folder = tmp_path / "de"
    shutil.copytree(GERMAN, folder)
    words = folder / "rule_words.tsv"
    words.write_text(re.sub(r"\nthe_day\t[^\n]*", "", words.read_text(encoding="utf-8")), encoding="utf-8")
    lang.register("de_broken", folder)
    try:
        with pytest.raises(SlotError, match="no slot 'the_day'"):        # the deictic rule's template needs it
            timeline.tag("heute", dct=DCT, lang="de_broken")
    finally:
        lang._registered.pop("de_broken", None)
        lang._found.clear()


def test_the_cli_tags_in_the_language_it_is_given(de, tmp_path, capsys):
    article = tmp_path / "artikel.txt"
    article.write_text("Er kommt übermorgen.\n", encoding="utf-8")
    assert main(["tag", str(article), "--dct", DCT, "--lang", de]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["text"], row["value"]) == ("übermorgen", "2015-11-14")


def test_a_handler_reading_a_slot_the_language_does_not_declare_is_an_error(tmp_path):
    folder = tmp_path / "de"
    shutil.copytree(GERMAN, folder)
    words = folder / "rule_words.tsv"
    words.write_text(re.sub(r"\npossessive\t[^\n]*", "", words.read_text(encoding="utf-8")), encoding="utf-8")
    lang.register("de_no_possessive", folder)
    try:
        with pytest.raises(timeline.lang.lexicon.LexiconError, match="no slot 'possessive'"):
            timeline.tag("heute", dct=DCT, lang="de_no_possessive")     # the deictic handler reads it
    finally:
        lang._registered.pop("de_no_possessive", None)
        lang._found.clear()


def test_a_files_header_date_is_read_in_the_language_given(de, tmp_path):
    # defect: tag_document read the date header in English whatever lang said, so a German header date was not
    # found and "übermorgen" was anchored on nothing
    article = tmp_path / "artikel.txt"
    article.write_text("Die Sitzung\n\n3. März 2015\n\nDie Sitzung ist übermorgen.\n", encoding="utf-8")
    tagged = timeline.tag_document(str(article), lang=de)
    assert tagged.document.dct is not None and tagged.document.dct.date().isoformat() == "2015-03-03"
    assert [(t.text, t.value) for t in tagged.timexes if t.text == "übermorgen"] == [("übermorgen", "2015-03-05")]


def test_the_options_language_reaches_the_sources():
    from timeline.pipeline.options import Options

    lang.register("de", GERMAN)
    try:
        assert Options(lang="de").read.lang == "de"
    finally:
        lang._registered.pop("de", None)
        lang._found.clear()
