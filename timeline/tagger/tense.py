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

from timeline.lang import DEFAULT, folder
from timeline.lang.lexicon import LexiconError, read_table
from timeline.tagger.scan.regexes import alternation, trie_alternation, with_first_characters

MARKERS_FILE = "tense_markers.tsv"
AHEAD = 2       # a future marker for the expressions after it only ("agreed to sign him on Friday")
SIGN = {"past": -1, "past-ed": -1, "future": 1, "neutral": 0, "future-ahead": AHEAD}
ROLES = set(SIGN) | {"deadline", "passive", "adjective", "adjective_prefix", "before_adjective", "abbreviation"}
NEVER = re.compile("(?!)")


@dataclass(frozen=True)
class Markers:
    """The tense words of one language (its ``tense_markers.tsv``; none when the file is not there)."""
    alternatives: tuple[tuple[int, str], ...]   # (sign, pattern) of each marker, in order
    markers: re.Pattern             # every marker, each in its group m0, m1, ...
    signs: dict[str, int]           # group -> -1 past, +1 future, 0 neutral
    generic_past: str | None        # the group of the generic past form ("-ed")
    adjectives: frozenset[str]      # generic past forms that are adjectives ("preferred")
    adjective_prefixes: tuple[str, ...]     # a generic past form that starts with one is an adjective ("un")
    before_adjective: re.Pattern    # the words after which a generic past form is an adjective ("the", "still")
    passive: re.Pattern             # after a generic past form: a passive participle ("tendered by")
    deadline: re.Pattern            # right before an expression: a deadline ("until", "extended to")
    abbreviation: re.Pattern        # a full stop after these does not end a clause ("Mr.", "Oct.", "a.m.")


def _words(marker: str) -> list[str] | None:
    return marker[len("words:"):].split() if marker.startswith("words:") else None


@functools.lru_cache(maxsize=None)
def _markers_of(directory) -> Markers:
    rows = read_table(MARKERS_FILE, 2, exact=True, unique="row", directory=directory) \
        if (directory / MARKERS_FILE).is_file() else []
    found: list[tuple[int, str]] = []
    one: dict[str, re.Pattern] = {}
    lists: dict[str, list[str]] = {}
    generic = None
    for role, marker in rows:
        if role not in ROLES:
            raise LexiconError(f"{MARKERS_FILE}: unknown role {role!r} (the roles: {', '.join(sorted(ROLES))})")
        words = _words(marker)
        if role in SIGN:
            # A plain list of words is a prefix tree (regexes.trie_alternation): followed by \b, at most one of
            # its words can match, so the tree finds what the list finds, in fewer steps.
            if role == "past-ed":
                generic = f"m{len(found)}"
            found.append((SIGN[role], trie_alternation(words) if words is not None else marker))
        elif role in ("adjective", "adjective_prefix", "before_adjective", "abbreviation"):
            if words is None:
                raise LexiconError(f"{MARKERS_FILE}: {role} takes words: ..., got {marker!r}")
            lists.setdefault(role, []).extend(words)
        else:
            if role in one:
                raise LexiconError(f"{MARKERS_FILE}: a second {role} pattern {marker!r}")
            one[role] = re.compile(marker, re.IGNORECASE)
    # One \b and a look at the next character before the alternatives (every marker starts with a word
    # character or an apostrophe): the same matches as "|".join(\b(?P<mi>...)\b), in half the time. Each
    # alternative behind its own first-character lookahead (regexes.with_first_characters): under IGNORECASE
    # re cannot skip an alternative by its first letter, the lookahead does (the marker scan ~20% faster).
    markers = re.compile(r"\b(?=[\w'])(?:" + "|".join(with_first_characters(rf"(?P<m{i}>{p})\b")
                                                     for i, (_, p) in enumerate(found)) + ")",
                         re.IGNORECASE) if found else NEVER
    before = lists.get("before_adjective")
    abbreviations = lists.get("abbreviation")
    return Markers(
        alternatives=tuple(found), markers=markers, signs={f"m{i}": sign for i, (sign, _) in enumerate(found)}, generic_past=generic,
        adjectives=frozenset(w.lower() for w in lists.get("adjective", ())),
        adjective_prefixes=tuple(w.lower() for w in lists.get("adjective_prefix", ())),
        before_adjective=re.compile(rf"\b(?:{trie_alternation(before)})\s+$", re.IGNORECASE) if before else NEVER,
        passive=one.get("passive", NEVER), deadline=one.get("deadline", NEVER),
        abbreviation=re.compile(rf"(?:\b{alternation(abbreviations)}|\b[A-Za-z])$" if abbreviations
                                else r"\b[A-Za-z]$"))


def markers(lang: str = DEFAULT) -> Markers:
    """The tense markers of language ``lang``, read once per language folder."""
    return _markers_of(folder(lang))


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
    tense: Markers                                  # the language's tense words
    chunks: dict[int, list[tuple[int, int, int, bool]]] = field(default_factory=dict)
    # chunk number -> its markers: (start, end, sign, passive participle: "-ed by"), sorted


@functools.lru_cache(maxsize=4)
def analyse(text: str, lang: str = DEFAULT) -> Analysis:
    spans = [m.span() for m in CLAUSE_END.finditer(text)]
    cuts = [0]
    for at in range(CHUNK, len(text), CHUNK):
        barrier = BARRIER.search(text, max(at, cuts[-1]), at + CHUNK)
        if barrier:
            cuts.append(barrier.end())
    return Analysis(text, [s for s, _ in spans], [e for _, e in spans], cuts, markers(lang))


def _markers(text: str, a: Analysis, chunk: int) -> list[tuple[int, int, int, bool]]:
    """The markers of a chunk: the same as those of a scan of the whole text that start in it."""
    if chunk in a.chunks:
        return a.chunks[chunk]
    end = a.cuts[chunk + 1] if chunk + 1 < len(a.cuts) else len(text)
    found, t = [], a.tense
    signs = t.signs
    for m in t.markers.finditer(text, a.cuts[chunk], end):
        group, passive = m.lastgroup, False
        if signs[group] == 0:           # a neutral phrase ("than expected") only keeps its words from counting
            continue
        if group == t.generic_past:
            word = m.group().lower()
            if word in t.adjectives or word.startswith(t.adjective_prefixes) or \
                    t.before_adjective.search(text, max(0, m.start() - 12), m.start()):
                continue
            passive = bool(t.passive.match(text, m.end()))
        found.append((m.start(), m.end(), signs[group], passive))
    a.chunks[chunk] = found
    return found


def _start(marker: tuple[int, int, int, bool]) -> int:
    return marker[0]


def _markers_from(text: str, a: Analysis, left_start: int, right_end: int):
    """The markers starting at ``left_start`` or after, in order, from the chunks that can hold one starting
    before ``right_end``. Only the first chunk can hold markers before ``left_start``: they are skipped by
    bisection, not walked (a text with no BARRIER character is a single chunk: a walk from its start for each
    expression made the tense analysis quadratic, issue 15)."""
    first = bisect.bisect_right(a.cuts, left_start) - 1
    last = bisect.bisect_left(a.cuts, right_end)        # chunks first..last-1 hold every marker starting in range
    for chunk in range(first, last):
        found = _markers(text, a, chunk)
        for i in range(bisect.bisect_left(found, left_start, key=_start) if chunk == first else 0, len(found)):
            yield found[i]


def _window(a: Analysis, start: int, end: int) -> tuple[int, int]:
    """The clause around ``start:end``: from the last clause end before it (at most 200 characters back) to
    the first one after it (at most 200 characters on)."""
    left_start = max(0, start - 200)
    i = bisect.bisect_right(a.bound_ends, start) - 1
    while i >= 0 and a.bound_ends[i] > left_start:
        if not _abbreviation(a, a.bounds[i]):
            left_start = a.bound_ends[i]
            break
        i -= 1
    right_end = end + 200
    j = bisect.bisect_left(a.bounds, end)
    while j < len(a.bounds) and a.bounds[j] < right_end:
        if not _abbreviation(a, a.bounds[j]):
            right_end = a.bounds[j] + 1
            break
        j += 1
    return left_start, right_end


def clause(text: str, start: int, end: int, lang: str = DEFAULT) -> tuple[str, str]:
    """The text of the clause before and after the span ``start:end`` (cut at a sentence end or a quote)."""
    left_start, right_end = _window(analyse(text, lang), start, end)
    return text[left_start:start], text[end:min(len(text), right_end)]


def _abbreviation(a: Analysis, dot: int) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation ("Mr.", "Oct.", "U.S.", "a.m.") not a sentence."""
    return a.text[dot:dot + 1] == "." and bool(a.tense.abbreviation.search(a.text, max(0, dot - 6), dot))


def direction(text: str, start: int, end: int, lang: str = DEFAULT) -> int | None:
    """+1 when the clause around ``text[start:end]`` speaks of the future, -1 for the past, None if silent
    (the markers of language ``lang``)."""
    a = analyse(text, lang)
    left_start, right_end = _window(a, start, end)
    if a.tense.deadline.search(text, max(left_start, start - 40), start):
        return 1
    best = None
    for s, e, sign, passive in _markers_from(text, a, left_start, right_end):
        if s >= right_end:
            break
        if e <= start:
            if passive:
                continue
            distance = start - e
            if best is None or distance <= best[0]:
                best = (distance, 1 if sign == AHEAD else sign)
        elif s >= end and e <= right_end and sign != AHEAD:     # "on Tuesday agreed to sign him": the past
            distance = 2 * (s - end) + 1     # the governing verb usually comes first
            if best is None or distance < best[0]:
                best = (distance, sign)
    return best[1] if best else None


def past_or_future(text: str, start: int, end: int, default: int = -1, lang: str = DEFAULT) -> tuple[int, bool]:
    """The direction (-1 past, +1 future) and whether the tense decided it (False: the default was used)."""
    found = direction(text, start, end, lang)
    return (found, True) if found is not None else (default, False)
