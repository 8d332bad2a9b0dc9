"""One options object for a build: validated once, passed from the CLI through build() to the workers."""
from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

import timeline
from timeline.errors import TimelineError
from timeline.pipeline.options import Options, OptionsError
from timeline.sources import Fields

STORY = Path(__file__).parent / "fixtures" / "story"


@pytest.mark.parametrize("settings, word", [
    ({"input_format": "pdf"}, "input_format"),
    ({"date_order": "DDMMYY"}, "date_order"),
    ({"lang": "xx"}, "lang"),
    ({"merge": "no"}, "merge"),
    ({"fields": {"text": "body"}}, "fields"),
    ({"dct": "not a date at all"}, "dct"),
    ({"entities": [3]}, "entities"),
    ({"entities": [""]}, "entities"),
])
def test_a_bad_value_is_one_clear_error_before_anything_is_read(settings, word):
    with pytest.raises(OptionsError, match=word) as info:
        Options(**settings)
    assert isinstance(info.value, TimelineError) and isinstance(info.value, ValueError)


def test_an_unknown_keyword_of_build_names_the_options_there_are():
    with pytest.raises(OptionsError, match="unknown option 'langauge'.*lang"):
        timeline.build([str(STORY)], langauge="en")


def test_the_keywords_of_build_make_the_options_and_replace_those_given():
    base = Options(date_order="MDY", fields=Fields(text="body"))
    opts = Options.of(base, narrative=True, dct="2015-11-12")
    assert opts.date_order == "MDY" and opts.fields.text == "body" and opts.narrative
    assert opts.dct == dt.datetime(2015, 11, 12)
    assert Options.of(None, fields=None) == Options()
    assert pickle.loads(pickle.dumps(opts)) == opts          # it goes to worker processes and Dask workers


def test_the_language_reaches_the_tagger_and_the_events_stage(monkeypatch):
    import timeline.events.extract as extract
    import timeline.tagger as tagger
    from timeline.pipeline.work import process_chunk
    from timeline.sources import expand, iter_units

    seen = []
    real_tag, real_events = tagger.tag, extract.events_and_note
    monkeypatch.setattr(tagger, "tag", lambda text, dct=None, lang="?": seen.append(("tag", lang))
                        or real_tag(text, dct, lang=lang))
    monkeypatch.setattr(extract, "events_and_note", lambda doc, tx, lang="?", every=False:
                        seen.append(("events", lang)) or real_events(doc, tx, lang=lang))
    options = Options(lang="en")
    outcomes = process_chunk(list(iter_units(list(expand([str(STORY)])), options.read)), options)
    assert outcomes and seen and set(seen) == {("tag", "en"), ("events", "en")}


def test_build_takes_the_options_whole_or_as_keywords():
    a = timeline.build([str(STORY)], options=Options(merge=False))
    b = timeline.build([str(STORY)], merge=False)
    assert a.events.equals(b.events)


def test_cli_lang_is_an_option_of_build(tmp_path, capsys):
    from timeline.cli import EXIT_USAGE, main

    assert main(["build", str(STORY), "--out", str(tmp_path / "en"), "--lang", "en", "--quiet", "--no-chart"]) == 0
    assert main(["build", str(STORY), "--out", str(tmp_path / "xx"), "--lang", "xx", "--quiet"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unknown language 'xx'" in err and "en" in err
    assert not (tmp_path / "xx").exists()


def test_the_build_language_reaches_the_profiles_and_the_chart(tmp_path, monkeypatch):
    import timeline.export as export
    import timeline.render as render

    seen = []
    real_write, real_chart = export.write, render.save_chart
    monkeypatch.setattr(export, "write", lambda *a, lang="?", **k: seen.append(("export", lang))
                        or real_write(*a, lang=lang, **k))
    monkeypatch.setattr(render, "save_chart", lambda *a, lang="?", **k: seen.append(("chart", lang))
                        or real_chart(*a, lang=lang, **k))
    tl = timeline.build([str(STORY)], lang="en")
    assert tl.lang == "en"
    tl.write(tmp_path / "a")
    assert seen == [("export", "en"), ("chart", "en")]
    with timeline.build_spilled([str(STORY)], spill_dir=tmp_path) as st:
        st.lang = "xx"                                   # as a build in another language would have it
        with pytest.raises(timeline.LanguageError, match="xx"):
            st.write(tmp_path / "b")


def test_the_language_reaches_the_sources(tmp_path, monkeypatch):
    """The sources read headers and date fields in the build's language (ReadOptions.lang, since sources take it)."""
    import timeline.lang as lang

    assert Options().read.lang == "en"
    monkeypatch.setattr(lang, "_found", dict(lang._found))          # the found folders' cache, restored after
    monkeypatch.setitem(lang._registered, "zz", tmp_path)
    assert Options(lang="zz").read.lang == "zz"
