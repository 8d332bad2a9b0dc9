"""The public API: what ``import timeline`` offers, and its errors' one base."""
from __future__ import annotations

from pathlib import Path

import pytest

import timeline
from timeline.errors import TimelineError

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "tbaq" / "timebank"


def test_every_name_in_all_is_there():
    for name in timeline.__all__:
        assert getattr(timeline, name) is not None, name


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        timeline.no_such_thing


@pytest.mark.skipif(not TBAQ.is_dir(), reason="needs ../shared/corpora/tbaq")
def test_evaluate_can_be_called_twice(tmp_path):
    # defect: timeline.evaluate was the function on first use and its submodule afterwards ("'module' object is
    # not callable" on the second call)
    one = sorted(TBAQ.glob("*.tml"))[0]
    (tmp_path / one.name).write_bytes(one.read_bytes())
    first = timeline.evaluate([tmp_path])
    second = timeline.evaluate([tmp_path])
    assert callable(timeline.evaluate)
    assert first.overall.gold == second.overall.gold > 0


def test_every_error_class_shares_the_base():
    from timeline.lang import LanguageError
    from timeline.lang.lexicon import LexiconError
    from timeline.render.items import RenderError
    from timeline.sources.ingest import InputError
    from timeline.sources.timeml import TimeMLError
    from timeline.tagger.scan.triggers import TriggerError

    for cls in (LanguageError, LexiconError, RenderError, InputError, TimeMLError, TriggerError):
        assert issubclass(cls, TimelineError), cls
    assert timeline.TimelineError is TimelineError


def test_an_unknown_language_is_one_error_naming_the_languages_there_are():
    with pytest.raises(timeline.LanguageError, match="unknown language 'xx'.*en"):
        timeline.tag("On Wednesday", dct="2015-11-12", lang="xx")
