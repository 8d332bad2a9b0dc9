"""The tagger: text in, TIMEX3 expressions out (:func:`tag`).

Takes a text and its document creation time (or None: narrative mode) and gives sorted, non-overlapping
:class:`timeline.model.Timex` spans. Two steps: :mod:`.recognize` finds spans with *partial* values (the rules in
:mod:`.rules`, the regex machinery in :mod:`.scan`) and never sees the date; :mod:`.resolve` (with :mod:`.tense`
and :mod:`.calendar_math`) is the only code that knows the anchor.
"""
from __future__ import annotations

from timeline.model import Timex


def tag(text: str, dct=None, lang: str = "en") -> list[Timex]:
    """TIMEX3 expressions of ``text``, sorted and non-overlapping, with offsets into ``text``.

    ``dct`` (document creation time) may be a datetime, a date, an ISO string, or None for narrative mode,
    where the text's own dates anchor everything and an expression that cannot be anchored keeps X
    placeholders or gets anchor "none". ``lang`` is the code of the text's language (a folder of
    :mod:`timeline.lang`); an unknown code is a :class:`timeline.lang.LanguageError` naming the languages there are.
    """
    # imported here, not at the top: the language data's loader uses the regex machinery of this package
    from timeline.tagger.recognize import recognize
    from timeline.tagger.resolve import resolve

    from timeline.lang import folder

    folder(lang)         # the one language of the rules today is English: any other code is refused here
    if not text:
        return []
    return resolve(recognize(text), text, dct)
