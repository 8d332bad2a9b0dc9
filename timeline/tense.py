"""Which way an underspecified date points: past or future, from the tense of its clause.

A bare weekday, month or "Oct. 23" says nothing about its year or week. In news the default is the past
(the article reports what happened); a future marker in the clause ("will", "is scheduled to", "next",
"is expected to") flips it. The marker nearest to the expression wins when a clause has both.
"""
from __future__ import annotations

import re

FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|is\s+(?:scheduled|expected|due|set|slated|planned)\s+to|are\s+(?:scheduled|"
    r"expected|due|set|slated|planned)\s+to|(?:is|are)\s+to\s+\w+|(?:is|are|am)\s+going\s+to|plans?\s+to|"
    r"intends?\s+to|next|upcoming|coming|would|plann(?:ed|ing)\s+to|set\s+to|as\s+(?:soon|early)\s+as|"
    r"scheduled)\b", re.IGNORECASE)
PAST = re.compile(r"\b(?:said|says|was|were|had|been|did|ago|last|earlier|told|met|went|came|took|made|"
                  r"gave|held|began|saw|left|fell|rose|won|lost|sent|"
                  r"got|paid|sold|bought|spoke|became|found|\w{3,}ed)\b",
                  re.IGNORECASE)
CLAUSE_END = re.compile(r"[.;!?\n]\s|\n")


def clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the sentence before and after the span ``start:end``."""
    left = text[max(0, start - 200):start]
    cut = [m.end() for m in CLAUSE_END.finditer(left)]
    if cut:
        left = left[cut[-1]:]
    right = text[end:end + 200]
    m = CLAUSE_END.search(right)
    if m:
        right = right[:m.start() + 1]
    return left, right


def direction(text: str, start: int, end: int) -> int | None:
    """+1 when the clause around ``text[start:end]`` speaks of the future, -1 for the past, None if silent."""
    left, right = clause(text, start, end)
    best = None
    for pattern, sign in ((FUTURE, 1), (PAST, -1)):
        for m in pattern.finditer(left):
            distance = len(left) - m.end()
            if best is None or distance < best[0]:
                best = (distance, sign)
        for m in pattern.finditer(right):
            distance = 2 * m.start() + 1     # the governing verb usually comes first
            if best is None or distance < best[0]:
                best = (distance, sign)
    return best[1] if best else None


def past_or_future(text: str, start: int, end: int, default: int = -1) -> tuple[int, bool]:
    """The direction (-1 past, +1 future) and whether the tense decided it (False: the default was used)."""
    found = direction(text, start, end)
    return (found, True) if found is not None else (default, False)
