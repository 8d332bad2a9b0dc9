"""Which way an underspecified date points: past or future, from the tense of its clause.

A bare weekday, month or "Oct. 23" says nothing about its year or week. The clause decides:

- an explicit past clause ("said", "was", "had", "fell", a past participle as main verb, "has" + participle,
  "had been", "would have") points to the past: "He said on Friday that sales fell" is last Friday, even six days back;
- an explicit future clause points to the future: modals ("will", "would", "could", "must", "should"), "be" +
  participle after a modal or "to" ("will be paid", "to be completed", "must be returned"), the present passive
  ("is expected in December"), the future in the past ("were planning to"), and words that look forward
  ("is scheduled to", "plans", "expects", "next", "payable", "effective", "expires", "deadline", "of record");
- a deadline right before the expression looks forward ("gave him until mid-November", "extended to",
  "postponed until"; not "Until Thursday, they had"). An infinitive or a bare "by"/"through" is not a
  reliable sign ("agreed in April to hand them over", "fell 2% this year through Oct. 19");
- a silent clause (no marker) is None: the resolver keeps its corpus-justified default (the nearest occurrence).

The marker nearest to the expression wins when a clause has several; markers after the expression count at
double distance (the governing verb usually comes first). A sentence boundary or a quotation mark ends the clause
("'He will leave Thursday,' Castro said": the quote's own tense decides). An "-ed" word after a determiner or an
adverb of degree is an adjective ("a still unspecified date", "the preferred shares"), and one before "by" a
passive participle ("all shares tendered by shareholders ... through Nov. 17"): neither is a past tense.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from timeline.tagger.scan.regexes import trie_alternation, with_first_characters

# Alternatives are tried in order at each position: a longer, more specific marker comes first. A plain list of
# words is a prefix tree (regexes.trie_alternation): followed by \b, at most one of its words can match, so the
# tree finds what the list finds, in fewer steps.
_MARKERS = [
    (-1, r"(?:would|could|should|might|must|may)\s+(?:not\s+)?have"),          # would have gone: past
    (-1, r"had\s+(?:not\s+)?been(?:\s+\w+)?"),                                # had been expected: past
    (1, r"(?:was|were)\s+(?:planning|going)\s+to|(?:is|are|was|were)\s+planned"),  # were planning to: future
    (1, r"(?:is|are|am)\s+(?:scheduled|expected|due|set|slated|planned|supposed|going|about|likely)\s+to"),
    (1, r"(?:is|are)\s+to\s+\w+"),
    (1, r"be(?:\s+\w+ly)?(?:\s+\w+)?"),                                  # will be paid, to be completed
    (1, trie_alternation("will won't shall 'll would could might must should can cannot".split())),
    (0, r"(?:than|as)\s+(?:expected|planned|hoped|scheduled|forecast|predicted)"),   # rose more than expected
    (1, r"plans?\s+to|planned\s+to|planning|intends?|intended|expects?|expected|hopes?|hoped|aims?|agreed\s+to|"
        r"promised|pledged|vowed|decided\s+to|invited|next(?!\s+to\b)|upcoming|coming|scheduled|slated|due(?!\s+to\b)|payable|"
        r"effective|expires?|expiring|deadline|of\s+record|as\s+(?:soon|early)\s+as|set\s+to"),
    (-1, trie_alternation(
        "said says was were had has have been did ago last earlier told met went came took made gave held began saw "
        "left fell rose won lost sent got paid sold bought spoke became found struck broke ran knew thought brought "
        "fought wrote drove led chose fled hit quit shut since tore threw drew grew flew shot caught sought felt kept "
        "stood sat spent built withdrew stole spoke sank arose swore wore hid".split())),
    (-1, r"\w{3,}ed"),
]
# One \b and a look at the next character before the alternatives (every marker starts with a word character or
# an apostrophe): the same matches as "|".join(\b(?P<mi>...)\b), in half the time.
# Each alternative behind its own first-character lookahead (regexes.with_first_characters): under IGNORECASE
# re cannot skip an alternative by its first letter, the lookahead does (the marker scan ~20% faster).
MARKERS = re.compile(r"\b(?=[\w'])(?:" + "|".join(with_first_characters(rf"(?P<m{i}>{p})\b")
                                                  for i, (_, p) in enumerate(_MARKERS)) + ")", re.IGNORECASE)
SIGNS = {f"m{i}": sign for i, (sign, _) in enumerate(_MARKERS)}
GENERIC_PAST = f"m{len(_MARKERS) - 1}"

# "-ed" words that are adjectives in news, and the words after which an "-ed" word is an adjective.
ADJECTIVES = frozenset("preferred limited united based related detailed interested concerned advanced armed "
                       "speed need indeed proceed exceed succeed embed".split())
BEFORE_ADJECTIVE = re.compile(r"\b(?:a|an|the|its|his|her|their|our|my|your|this|that|these|those|still|very|"
                              r"more|most|less|newly|so|too|well|highly|fully|widely|already)\s+$", re.IGNORECASE)
PASSIVE_BY = re.compile(r"\s+by\b", re.IGNORECASE)     # "shares tendered by shareholders": a participle
DEADLINE = re.compile(r"\w[\w,]*\s+until\s+(?:early\s+|mid-?|late\s+|around\s+)?$|\b(?:extend(?:ed|s)?|postponed?|postpones|delay(?:ed|s)?)\s+(?:\w+\s+){0,3}?(?:to|until|till)\s+"
                      r"(?:early\s+|mid-?|late\s+|around\s+)?$", re.IGNORECASE)

ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Inc|Corp|Co|Ltd|No|vs|"
                          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)|\b[A-Za-z]|\b[ap]\.m)$")
CLAUSE_END = re.compile(r"[.;!?]\s|\n|''|``|\"")
# A character no marker can contain: no marker crosses it, so the text is scanned for markers in chunks cut right
# after one, only where an expression asks (a marker scan of a whole text costs more than the rest of tagging).
BARRIER = re.compile(r"[^\w\s']")
CHUNK = 64                                          # a chunk boundary is sought every CHUNK characters


@dataclass(frozen=True)
class Analysis:
    """The clause boundaries of a whole text (found once, linear in the text) and its tense markers, found chunk
    by chunk when asked (each chunk once)."""
    text: str
    bounds: list[int]                               # clause ends: start offsets of CLAUSE_END matches (a full
    bound_ends: list[int]                           # stop may end an abbreviation: checked when asked), ends
    cuts: list[int]                                 # chunk starts: 0, then right after a BARRIER character
    chunks: dict[int, list[tuple[int, int, int, bool]]] = field(default_factory=dict)
    # chunk number -> its markers: (start, end, sign, passive participle: "-ed by"), sorted


@functools.lru_cache(maxsize=4)
def analyse(text: str) -> Analysis:
    spans = [m.span() for m in CLAUSE_END.finditer(text)]
    cuts = [0]
    for at in range(CHUNK, len(text), CHUNK):
        barrier = BARRIER.search(text, max(at, cuts[-1]), at + CHUNK)
        if barrier:
            cuts.append(barrier.end())
    return Analysis(text, [s for s, _ in spans], [e for _, e in spans], cuts)


def _markers(text: str, a: Analysis, chunk: int) -> list[tuple[int, int, int, bool]]:
    """The markers of a chunk: the same as those of a scan of the whole text that start in it."""
    if chunk in a.chunks:
        return a.chunks[chunk]
    end = a.cuts[chunk + 1] if chunk + 1 < len(a.cuts) else len(text)
    markers = []
    for m in MARKERS.finditer(text, a.cuts[chunk], end):
        group, passive = m.lastgroup, False
        if SIGNS[group] == 0:           # a neutral phrase ("than expected") only keeps its words from counting
            continue
        if group == GENERIC_PAST:
            word = m.group().lower()
            if word in ADJECTIVES or word.startswith("un") or \
                    BEFORE_ADJECTIVE.search(text, max(0, m.start() - 12), m.start()):
                continue
            passive = bool(PASSIVE_BY.match(text, m.end()))
        markers.append((m.start(), m.end(), SIGNS[group], passive))
    a.chunks[chunk] = markers
    return markers


def _window(a: Analysis, start: int, end: int) -> tuple[int, int]:
    """The clause around ``start:end``: from the last clause end before it (at most 200 characters back) to
    the first one after it (at most 200 characters on)."""
    left_start = max(0, start - 200)
    i = bisect.bisect_right(a.bound_ends, start) - 1
    while i >= 0 and a.bound_ends[i] > left_start:
        if not _abbreviation(a.text, a.bounds[i]):
            left_start = a.bound_ends[i]
            break
        i -= 1
    right_end = end + 200
    j = bisect.bisect_left(a.bounds, end)
    while j < len(a.bounds) and a.bounds[j] < right_end:
        if not _abbreviation(a.text, a.bounds[j]):
            right_end = a.bounds[j] + 1
            break
        j += 1
    return left_start, right_end


def clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the clause before and after the span ``start:end`` (cut at a sentence end or a quote)."""
    left_start, right_end = _window(analyse(text), start, end)
    return text[left_start:start], text[end:min(len(text), right_end)]


def _abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation ("Mr.", "Oct.", "U.S.", "a.m.") not a sentence."""
    return text[dot:dot + 1] == "." and bool(ABBREVIATION.search(text, max(0, dot - 6), dot))


def direction(text: str, start: int, end: int) -> int | None:
    """+1 when the clause around ``text[start:end]`` speaks of the future, -1 for the past, None if silent."""
    a = analyse(text)
    left_start, right_end = _window(a, start, end)
    if DEADLINE.search(text, max(left_start, start - 40), start):
        return 1
    best = None
    first = bisect.bisect_right(a.cuts, left_start) - 1
    last = bisect.bisect_left(a.cuts, right_end)        # chunks first..last-1 hold every marker starting in range
    for s, e, sign, passive in (mk for chunk in range(first, last) for mk in _markers(text, a, chunk)):
        if s < left_start:
            continue
        if s >= right_end:
            break
        if e <= start:
            if passive:
                continue
            distance = start - e
            if best is None or distance <= best[0]:
                best = (distance, sign)
        elif s >= end and e <= right_end:
            distance = 2 * (s - end) + 1     # the governing verb usually comes first
            if best is None or distance < best[0]:
                best = (distance, sign)
    return best[1] if best else None


def past_or_future(text: str, start: int, end: int, default: int = -1) -> tuple[int, bool]:
    """The direction (-1 past, +1 future) and whether the tense decided it (False: the default was used)."""
    found = direction(text, start, end)
    return (found, True) if found is not None else (default, False)
