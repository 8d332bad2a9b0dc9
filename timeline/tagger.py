"""``tag(text, dct)``: recognize every temporal expression in ``text`` and resolve it against ``dct``."""
from __future__ import annotations

from .model import Timex
from .recognize import recognize
from .resolve import resolve


def tag(text: str, dct=None) -> list[Timex]:
    """TIMEX3 expressions of ``text``, sorted and non-overlapping, with offsets into ``text``.

    ``dct`` (document creation time) may be a datetime, a date, an ISO string, or None for narrative mode,
    where the text's own dates anchor everything and an expression that cannot be anchored keeps X
    placeholders or gets anchor "none".
    """
    if not text:
        return []
    return resolve(recognize(text), text, dct)
