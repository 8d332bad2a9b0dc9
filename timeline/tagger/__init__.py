"""The tagger: text in, TIMEX3 expressions out (:func:`tag`).

Takes a text and its document creation time (or None: narrative mode) and gives sorted, non-overlapping
:class:`timeline.model.Timex` spans. Two steps: :mod:`.recognize` finds spans with *partial* values (the rules in
:mod:`.rules`, the regex machinery in :mod:`.scan`) and never sees the date; :mod:`.resolve` (with :mod:`.tense`
and :mod:`.calendar_math`) is the only code that knows the anchor.
"""
from __future__ import annotations

from typing import NamedTuple

from timeline.lang import DEFAULT
from timeline.model import Document, Timex


def tag(text: str, dct=None, lang: str = DEFAULT) -> list[Timex]:
    """TIMEX3 expressions of ``text``, sorted and non-overlapping, with offsets into ``text``.

    ``dct`` (document creation time) may be a datetime, a date, an ISO string, or None for narrative mode,
    where the text's own dates anchor everything and an expression that cannot be anchored keeps X
    placeholders or gets anchor "none". ``lang`` is the code of the text's language (a folder of
    :mod:`timeline.lang`); an unknown code is a :class:`timeline.lang.LanguageError` naming the languages there are.
    """
    # imported here, not at the top: the language data's loader uses the regex machinery of this package
    from timeline.tagger.recognize import recognize
    from timeline.tagger.join import join_date_clock, listed_days, listed_weekdays
    from timeline.tagger.resolve import resolve

    from timeline.lang import folder

    folder(lang)        # an unknown code is refused here, even for an empty text
    if not text:
        return []
    timexes = join_date_clock(resolve(recognize(text, lang), text, dct, lang), text)
    return listed_weekdays(listed_days(timexes, text), text)


class Tagged(NamedTuple):
    """A document read and tagged: ``timexes`` are offsets into ``document.text``."""
    document: Document
    timexes: list[Timex]


def tag_document(path: str, *, dct=None, date_order: str | None = None, lang: str = DEFAULT) -> Tagged:
    """Read the article file ``path`` (``-``: stdin) and tag it: what ``timeline tag FILE`` prints.

    ``dct`` as for :func:`tag`; without it the document's date header gives it (read with ``date_order``, the
    day/month order of an ambiguous date: ``dmy`` or ``mdy``), and a document without one is tagged in
    narrative mode (``document.dct`` is None). ``lang`` as for :func:`tag`. A file that cannot be read is a
    :class:`timeline.sources.ingest.InputError`.
    """
    from timeline.sources.ingest import read_bytes, read_text_document

    from timeline.lang import folder

    folder(lang)        # an unknown language is said before the file is read
    data = read_bytes(path)
    doc = read_text_document("<stdin>" if path == "-" else path, data, dct=dct, date_order=date_order,
                             narrative=True, lang=lang)
    return Tagged(doc, tag(doc.text, doc.dct, lang))
