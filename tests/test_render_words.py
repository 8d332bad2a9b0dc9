"""The chart's and the export's words are a language's data (lang/<code>/render_words.tsv): a new language is a new
folder, and every word the code writes is in the English file."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import timeline.lang
from timeline.export import write
from timeline.lang import LanguageError
from timeline.lang.lexicon import LexiconError
from timeline.lang.words import FILE, load
from timeline.render import draw, to_html
from timeline.render.dates import format_date, gap_words, span_label
from tests.test_export import table_with
from tests.test_render import seed_table, texts

D = dt.date
EN = Path(timeline.lang.folder("en")) / FILE
GERMAN = {  # a few entries of a test-only language; the rest stay English
    "month.10": "Oktober", "month.11": "November", "month_short.10": "Okt.", "month_short.11": "Nov.",
    "date.day_year": "{day}. {month} {year}", "date.day": "{day}. {month}", "date.month": "{month} {year}",
    "date.decade": "{decade}er", "date.century": "{century} Jahrhundert", "century_number.other": "{n}.",
    "date.quarter": "{ordinal} Quartal {year}", "ordinal.3": "Drittes",
    "gap.years_months": "{years} Jahre und {months} Monat später\t{years} Jahre und {months} Monate später",
    "source": "Quelle: {sources}", "source.word": "quelle", "credit": "Grafik: timeline", "key.day": "Ein Tag",
    "html.source": "Quelle: {source}", "html.table": "Die Ereignisse als Tabelle",
    "tjs.subtitle": "{n} Ereignis aus {m} Artikel\t{n} Ereignisse aus {m} Artikeln", "tjs.publication": "Erschienen",
}


@pytest.fixture
def german(tmp_path, monkeypatch):
    lines = []
    for line in EN.read_text(encoding="utf-8").splitlines():
        key = line.split("\t", 1)[0]
        lines.append(f"{key}\t{GERMAN[key]}" if key in GERMAN and not line.startswith("#") else line)
    folder = tmp_path / "de"
    folder.mkdir()
    (folder / FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setitem(timeline.lang._registered, "de", folder)
    return load("de")


def test_the_english_file_says_the_readers_dates():
    en = load("en")
    assert format_date(D(2015, 10, 23), "day", words=en) == "Oct. 23, 2015"
    assert format_date(D(2015, 12, 1), "season", timex_value="2015-WI", words=en) == "Winter 2015"
    assert format_date(D(1900, 1, 1), "century", words=en) == "20th century"
    assert format_date(D(2011, 1, 1), "millennium", words=en) == "2011"       # no words of its own: the year
    assert gap_words(D(2011, 12, 1), D(2015, 9, 30), en) == "3 years 9 months later"
    assert span_label(D(2015, 10, 2), D(2015, 11, 12), en) == "Oct. – Nov. 2015"


def test_a_new_language_is_a_folder_with_its_words(german):
    assert format_date(D(2015, 10, 23), "day", words=german) == "23. Okt. 2015"
    assert format_date(D(1990, 1, 1), "decade", words=german) == "1990er"
    assert format_date(D(1900, 1, 1), "century", words=german) == "20. Jahrhundert"
    assert format_date(D(2015, 7, 1), "quarter", words=german) == "Drittes Quartal 2015"
    assert gap_words(D(2011, 12, 1), D(2015, 9, 30), german) == "3 Jahre und 9 Monate später"
    assert span_label(D(2015, 10, 2), D(2015, 11, 12), german) == "Okt. – Nov. 2015"


def test_the_chart_and_its_page_speak_the_language_given(german):
    said = texts(draw(seed_table(), lang="de"))
    assert "Quelle: “400 Iranian troops" in said and "Grafik: timeline" in said and "Ein Tag" in said
    assert "23. Okt." in said and "Source:" not in said and "Oct." not in said
    assert "Source:" in texts(draw(seed_table()))                   # English stays the default
    page = to_html(seed_table(), lang="de")
    assert '<html lang="de">' in page and "Die Ereignisse als Tabelle" in page
    assert re.search(r"class=\"src\">Quelle: '\+esc\(e\.source\)", page)


def test_the_timelinejs_export_speaks_the_language_given(german, tmp_path):
    write(table_with(), tmp_path, formats=("timelinejs",), title="T", lang="de")
    doc = json.loads((tmp_path / "timelinejs.json").read_text(encoding="utf-8"))
    assert doc["title"]["text"]["text"] == "1 Ereignis aus 1 Artikel"


def test_an_unknown_language_names_the_languages_there_are(tmp_path):
    with pytest.raises(LanguageError, match="en"):
        draw(seed_table(), lang="xx")
    with pytest.raises(LanguageError, match="en"):
        write(table_with(), tmp_path, formats=("csv",), lang="xx")


def test_a_word_the_language_lacks_is_an_error_naming_it(tmp_path, monkeypatch):
    folder = tmp_path / "zz"
    folder.mkdir()
    (folder / FILE).write_text("# FORMAT: key<TAB>text\nlowered_after_mod\tWeek\n", encoding="utf-8")
    monkeypatch.setitem(timeline.lang._registered, "zz", folder)
    with pytest.raises(LexiconError, match="'month_short.10'"):
        format_date(D(2015, 10, 23), "day", words=load("zz"))


def test_no_english_word_is_left_in_the_charts_and_exports_code():
    """The English the chart writes is in the data file; what is left in render/ and export/ is messages to the
    person running it (errors, help) and docstrings."""
    package = Path(timeline.lang.__file__).parents[1]
    for word in ("Source:", "years later", "Publication", "events from", "Approximate date", "Until", "c. ",
                 "Sept.", "quarter of", "more articles"):
        for path in [*(package / "render").glob("*.py"), *(package / "export").glob("*.py")]:
            code = re.sub(r'"""(?:.|\n)*?"""', "", path.read_text(encoding="utf-8"))
            code = "\n".join(line.split("#")[0] for line in code.splitlines() if "help=" not in line)
            assert f'"{word}' not in code and f"'{word}" not in code and f" {word}" not in code.replace(
                f"{word}_", ""), (path.name, word)


def test_every_entry_of_the_english_file_is_one_key():
    keys = [line.split("\t")[0] for line in EN.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip() and not line.startswith("#")]
    assert len(keys) == len(set(keys))
    assert pd.Series(keys).str.fullmatch(r"[a-z_]+(\.[A-Za-z_0-9]+)?").all()
