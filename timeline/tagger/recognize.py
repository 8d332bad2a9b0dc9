"""Recognition: find every temporal expression in a text and say what it says by itself.

:func:`recognize` runs the rules of :mod:`timeline.tagger.rules.calendar` and :mod:`timeline.tagger.rules.relative` (compiled
regular expressions built from the vocabulary files), keeps the longest non-overlapping candidates and returns
:class:`Mention` spans with :class:`Partial` values. It never sees the document creation time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from timeline.tagger.rules import calendar as rules_calendar
from timeline.tagger.rules import clock as rules_clock
from timeline.tagger.rules import periods as rules_periods
from timeline.tagger.rules import relative as rules_relative
from timeline.lang import DEFAULT, folder
from timeline.tagger.scan import triggers
from timeline.lang.lexicon import Lexicon, load, load_folder
from timeline.model import Mention
from timeline.tagger.patterns import compile_pattern, compiled as compiled_pattern
from timeline.tagger.rules.base import INVALID, Rule


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    regex: re.Pattern


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    priority: int
    order: int
    rule: str
    hit: object


RULES = rules_calendar.RULES + rules_clock.RULES + rules_periods.RULES + rules_relative.RULES


def compiled_rules(lang: str = DEFAULT) -> tuple[CompiledRule, ...]:
    """The rules that are on for language ``lang``, compiled with its words, once per language folder."""
    return _compiled_rules(folder(lang))


@functools.lru_cache(maxsize=None)
def _compiled_rules(directory) -> tuple[CompiledRule, ...]:
    names = [r.name for r in RULES]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"duplicated rule names: {sorted(duplicates)}")
    lex = load_folder(directory)
    off = {name for name, row in triggers.read_triggers(directory).items() if row is None}
    unknown = sorted(off - set(names))
    if unknown:
        raise triggers.TriggerError(f"{triggers.TRIGGERS_FILE}: unknown rules: {unknown}")
    return tuple(CompiledRule(r, compile_pattern(r.template, lex)) for r in RULES if r.name not in off)


@functools.lru_cache(maxsize=None)
def _plan(directory) -> triggers.Plan:
    """The trigger plan of a language's rules, found once (not looked up by the rules, per text)."""
    return triggers.plan_of(tuple((c.rule.name, c.regex) for c in _compiled_rules(directory)), directory)


def _is_false_positive(lex: Lexicon, text: str, start: int, end: int) -> bool:
    window_start = max(0, start - 30)
    window = text[window_start:min(len(text), end + 30)]
    for pattern in lex.false_positives:
        for m in pattern.finditer(window):
            s, e = m.start() + window_start, m.end() + window_start
            if s < end and start < e and s <= start:
                return True
    return False


def candidates(text: str, lang: str = DEFAULT) -> list[Candidate]:
    """Every rule match in ``text`` (overlapping), with INVALID ones kept as blockers."""
    directory = folder(lang)
    lex = load_folder(directory)
    found = []
    rules = _compiled_rules(directory)
    scan = triggers.Scan(text, _plan(directory))
    for order, compiled in enumerate(rules):
        for m in scan.finditer(order, compiled.regex):
            if m.end() == m.start():
                continue
            hit = compiled.rule.handler(m, lex, text)
            if hit is None:
                continue
            start, end = m.span("t") if "t" in compiled.regex.groupindex and m.group("t") else m.span()
            if hit is not INVALID and hit.span:
                start, end = hit.span
            while end > start and text[end - 1] in " ,\n\t":
                end -= 1
            while start < end and text[start] in " ,\n\t":
                start += 1
            if start >= end:
                continue
            found.append(Candidate(start, end, compiled.rule.priority, order, compiled.rule.name, hit))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Longest first, then priority; an INVALID candidate blocks everything it overlaps.

    The characters already taken are marked in a bytearray, so each candidate costs its own length: the spans
    taken never overlap, so the total marking is linear in the text (no pairwise comparison of spans).
    """
    chosen: list[Candidate] = []
    occupied = bytearray(max((c.end for c in found), default=0))
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.priority, c.order, c.start)):
        if occupied.find(1, c.start, c.end) != -1:
            continue
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        if c.hit is not INVALID:
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# "the end of the first quarter": a modifier before a date belongs to the expression
POINT_PREFIX = r"(?:\b(?:<<the>>\s+)?(?:<<very>>\s+)?(?P<m><<point_prefix>>)\s+<<of>>\s+)$"

# "the night of 8 February 1904", "early in the morning of 29 April 1975": a part of day before a date joins it
# (one TIME in narrative mode; the resolver keeps the date alone in news, as TimeML annotates it)
POD_PREFIX = (r"(?:\b(?:<<pod_of_lead>>\s+)?<<the>>\s+(?:<<pod_of_mod>>\s+)?(?P<pod><<day_part>>)"
              r"(?:\s+<<pod_of_hours>>)?\s+<<of>>\s+)$")

# One-for-one character replacements, so offsets into the normalized text are offsets into the original.
NORMALIZE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                           "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2013": "-", "\u2014": "-",
                           "\u2010": "-", "\u2011": "-"})


def _pod_prefix(lex: Lexicon, text: str, c: Candidate, partial, mentions: list[Mention]):
    """The part of day before a full date ("the night of"), or None; a mention inside it ("the night") is
    dropped from ``mentions``, the prefix taking its place."""
    if c.hit.type != "DATE" or partial.day is None or partial.part_of_day or partial.value is not None:
        return None
    pod = compiled_pattern(lex, POD_PREFIX).search(text, max(0, c.start - 50), c.start)
    if pod is None:
        return None
    if mentions and mentions[-1].end > pod.start():
        if mentions[-1].start < pod.start():
            return None
        mentions.pop()
    return pod


def recognize(text: str, lang: str = DEFAULT) -> list[Mention]:
    """Temporal expressions in ``text`` (in language ``lang``) as mentions with partial values, sorted and
    non-overlapping."""
    lex = load(lang)
    original, text = text, text.translate(NORMALIZE)
    mentions = []
    previous_end = 0
    for c in select(candidates(text, lang)):
        if _is_false_positive(lex, text, c.start, c.end):
            continue
        partial = c.hit.partial
        start, typ = c.start, c.hit.type
        pod = _pod_prefix(lex, text, c, partial, mentions)
        if pod:
            start, typ = pod.start(), "TIME"
            partial = replace(partial, part_of_day=lex.parts_of_day[pod.group("pod").lower()],
                              extra=partial.extra + (("pod_of", c.start),))
        elif c.hit.type == "DATE" and partial.mod is None and partial.value is None:
            prefix = compiled_pattern(lex, POINT_PREFIX).search(text, max(previous_end, c.start - 40), c.start)
            if prefix:      # "the end of the first quarter": the modifier belongs to the expression
                start = prefix.start()
                partial = replace(partial, mod=lex.word("point_prefix", prefix.group("m")))
        c = Candidate(start, c.end, c.priority, c.order, c.rule, c.hit)
        previous_end = c.end
        if c.hit.flags:
            partial = replace(partial, extra=partial.extra + (("flags", c.hit.flags),))
        mentions.append(Mention(c.start, c.end, original[c.start:c.end], typ, partial, c.rule))
    return mentions
