"""A check on a news-mode document: relative dates that land decades after every absolute date of its text.

A war history read against its file's date (a ``.tml`` download date, a header) counts "two years later" and
"the following spring" from that date: 80 of 147 events of one WikiWars article landed in 2008-2010, after a
text whose absolute dates end in 1945. :func:`drift_note` says so, so that the reader can try ``--narrative``.
"""
from __future__ import annotations

import re

from timeline.model import Timex

YEAR = re.compile(r"(\d{4})")
DECADES = 20        # years between the latest absolute date and a relative one that make it a drift
AT_LEAST = 3        # relative dates that must drift before the note is given
HISTORY = 10        # absolute dates a text needs: a history, not news with a background year or two ("the 1959
                    # revolution") beside its own week


def drift_note(timexes: list[Timex], dct) -> str | None:
    """A note when at least AT_LEAST of ``timexes`` counted from ``dct`` land DECADES years or more after the
    latest absolute date of a text with HISTORY absolute dates or more, else None."""
    if dct is None:
        return None
    absolute = [int(m.group(1)) for t in timexes if t.anchor == "absolute" and (m := YEAR.match(t.value))]
    relative = [int(m.group(1)) for t in timexes if t.anchor == "dct" and (m := YEAR.match(t.value))]
    if len(absolute) < HISTORY:
        return None
    latest = max(absolute)
    late = sorted(y for y in relative if y - latest >= DECADES)
    if len(late) < AT_LEAST:
        return None
    span = f"{late[0]}" if late[0] == late[-1] else f"{late[0]}-{late[-1]}"
    return (f"{len(late)} relative dates counted from the document's date ({dct:%Y-%m-%d}) land in {span}, "
            f"decades after every absolute date of its text (the latest is {latest}): if it is a history, "
            f"read it with --narrative")
