r"""Where each recognition rule can match: its trigger words, found in one pass, and the windows around them.

Design notes: docs/architecture.md, "timeline.tagger.scan.triggers".
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.lang import DEFAULT, folder
from timeline.lang.lexicon import RESOURCES, LexiconError, load_folder, read_table
from timeline.tagger.scan.reach import reach, spaced_after
from timeline.tagger.scan.regexes import FOLD, fold_case, trie_alternation

TRIGGERS_FILE = "rule_triggers.tsv"
CLASSES = ("months", "weekdays", "units", "seasons", "holidays", "vague")    # @class: a word of each entry
OFF = "-"                               # trigger words "-": the rule is off for the language
# @digits: a run of digits; @digits4: one of at least 4; @digits1-2: one of 1 or 2 (a whole run is the trigger)
DIGIT_CLASS = re.compile(r"@digits(?:(?P<least>[1-9]\d*)(?:-(?P<most>[1-9]\d*))?)?")
DIGITS = re.compile(r"\d+")
# Runs of whitespace and hyphens, and of digits and commas, count as one character when measuring distances.
RUNS = re.compile(r"[\s-][\s-]+|[\d,][\d,]+")
WORD = re.compile(r"[^\W\d_]+")                   # a run of letters, of any script
TRIGGER = re.compile(r"(?:[^\W_]|[':./-])+")      # a trigger: letters, digits and a few punctuation marks
GAP = 24                                # windows closer than this (collapsed characters) are scanned as one


class TriggerError(LexiconError):
    """The trigger table does not match the rules."""


@dataclass(frozen=True)
class Plan:
    names: tuple[str, ...]                      # rule names, in the recognizer's order
    words: tuple[frozenset[str], ...]           # per rule: trigger words (lower case)
    digits: tuple[tuple[int, int | None] | None, ...]   # per rule: the digit runs that trigger it (least, most)
    widths: tuple[int | None, ...]              # per rule: reach in collapsed characters (None: whole text)
    befores: tuple[int, ...]                    # per rule: how far before a trigger a match can start
    afters: tuple[int, ...]                     # per rule: how far after a trigger a match can look
    spaced: tuple[bool, ...]                    # per rule: its trigger follows whitespace or a hyphen
    trie: re.Pattern                            # every trigger word; finds the longest one at a position
    rules_at: dict[str, tuple[int, ...]]        # longest word found -> the rules it triggers
    digit_rules: tuple[int, ...]


def _vocabulary(lex, name: str) -> list[str]:
    """The entries of a vocabulary class (or of a rule-word slot), as written in the patterns."""
    if name not in CLASSES:
        return lex.phrases(name)
    return list({"months": lex.months, "weekdays": lex.weekdays, "units": lex.units, "seasons": lex.seasons,
                 "holidays": lex.holidays, "vague": lex.vague}[name])


def _entry_word(entry: str) -> str:
    """The longest run of letters of a vocabulary entry: every match of the entry contains it."""
    words = WORD.findall(fold_case(entry))
    if not words:
        raise TriggerError(f"{TRIGGERS_FILE}: vocabulary entry {entry!r} has no letters to trigger on")
    return max(words, key=len)


def read_triggers(directory: Path = RESOURCES) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None]:
    """Rule name -> (its trigger items: words and @classes, the groups that hold them), or None for a rule that
    is off for the language; checked for form (see the file's FORMAT line)."""
    table = {}
    slots = set(load_folder(directory).words)
    for name, items, groups in (row[:3] for row in read_table(TRIGGERS_FILE, 3, directory=directory)):
        if items == OFF:
            table[name] = None
            continue
        parts = tuple(items.split())
        for item in parts:
            if item.startswith("@"):
                if not _digit_class(item) and item[1:] not in CLASSES and item[1:] not in slots:
                    raise TriggerError(f"{TRIGGERS_FILE}: rule {name!r}: unknown class {item!r}")
            elif not TRIGGER.fullmatch(item) or fold_case(item) != item:
                raise TriggerError(f"{TRIGGERS_FILE}: rule {name!r}: trigger {item!r} is not a lower-case word")
        table[name] = (parts, () if groups == "-" else tuple(groups.split()))
    return table


def _digit_class(item: str) -> tuple[int, int | None] | None:
    """(least, most) digits of a run for a digit class (most None: no limit), None for another item."""
    m = DIGIT_CLASS.fullmatch(item)
    if m is None:
        return None
    least, most = int(m["least"] or 1), int(m["most"]) if m["most"] else None
    if most is not None and most < least:
        raise TriggerError(f"{TRIGGERS_FILE}: empty digit class {item!r}")
    return least, most


def _union(classes) -> tuple[int, int | None] | None:
    """The digit runs any of ``classes`` takes, as one (least, most); None when there are none."""
    classes = list(classes)
    if not classes:
        return None
    most = [m for _, m in classes]
    return min(least for least, _ in classes), None if None in most else max(most)


def _minimal(words: set[str]) -> frozenset[str]:
    """Drop a word that contains another trigger of the same rule (the shorter one is found anyway)."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def plan(rules: tuple[tuple[str, re.Pattern], ...], lang: str = DEFAULT) -> Plan:
    """The trigger plan for ``rules`` ((name, compiled pattern) in the recognizer's order: the rules that are on
    for language ``lang``), from the language's trigger table: every rule needs a row, every row a rule."""
    return _plan(rules, folder(lang))


@functools.lru_cache(maxsize=None)
def _plan(rules: tuple[tuple[str, re.Pattern], ...], directory: Path) -> Plan:
    return plan_of(rules, directory)


def plan_of(rules: tuple[tuple[str, re.Pattern], ...], directory: Path) -> Plan:
    """The trigger plan for ``rules`` from the trigger table of the language folder ``directory`` (not cached)."""
    lex = load_folder(directory)
    table = read_triggers(directory)
    names = tuple(name for name, _ in rules)
    missing = [n for n in names if table.get(n) is None]
    unknown = sorted(n for n, row in table.items() if row is not None and n not in names)
    if missing or unknown:
        raise TriggerError(f"{TRIGGERS_FILE}: rules without triggers: {missing}; unknown rules: {unknown}")
    words, digits = [], []
    for name in names:
        found = set()
        for item in table[name][0]:
            if _digit_class(item):
                continue
            found.update(_entry_word(e) for e in _vocabulary(lex, item[1:])) if item.startswith("@") \
                else found.add(item)
        words.append(_minimal(found))
        digits.append(_union(filter(None, map(_digit_class, table[name][0]))))
    vocabulary = sorted(set().union(*words))
    rules_at = {w: tuple(i for i, ws in enumerate(words) if any(w.startswith(t) for t in ws))
                for w in vocabulary}
    try:
        reaches = [reach(regex, table[name][1]) for name, regex in rules]
    except ValueError as exc:
        raise TriggerError(f"{TRIGGERS_FILE}: {exc}") from exc
    spaced = [not d and spaced_after(regex, table[name][1], ws) for (name, regex), ws, d in zip(rules, words, digits)]
    return Plan(names=names, words=tuple(words), digits=tuple(digits),
                widths=tuple(r and r[0] for r in reaches), befores=tuple(r[1] if r else 0 for r in reaches),
                afters=tuple(r[2] if r else 0 for r in reaches), spaced=tuple(spaced),
                trie=re.compile(trie_alternation(vocabulary, ignore_case=False)), rules_at=rules_at,
                digit_rules=tuple(i for i, d in enumerate(digits) if d))


class Scan:
    """The triggers of one text, and the windows where each rule is run."""

    def __init__(self, text: str, plan: Plan):
        self.text, self.plan = text, plan
        self.run_starts, self.run_ends, self.excess = [], [], [0]        # excess[i]: run chars before run i
        collapsed = []                                                    # collapsed start of each run
        for m in RUNS.finditer(text):
            s, e = m.span()
            collapsed.append(s - self.excess[-1])
            self.run_starts.append(s)
            self.run_ends.append(e)
            self.excess.append(self.excess[-1] + e - s - 1)
        self.collapsed = collapsed
        # per rule: (start, end, collapsed start, collapsed end) of each trigger, by start
        self.triggers: list[list[tuple[int, int, int, int]]] = [[] for _ in plan.names]
        low = fold_case(text)
        if len(low) != len(text):       # pragma: no cover - no lower-casing changes the length after FOLD
            low = "".join(ch.lower()[:1] for ch in text.translate(FOLD))
        search, rules_at, triggers = plan.trie.search, plan.rules_at, self.triggers
        collapse = self._collapse if collapsed else None
        m = search(low)
        while m is not None:            # overlapping: a trigger may start inside another one
            start, end = m.span()
            found = (start, end, collapse(start), collapse(end)) if collapse else (start, end, start, end)
            for i in rules_at[m.group()]:
                triggers[i].append(found)
            m = search(low, start + 1)
        for i, spaced in enumerate(plan.spaced):
            if spaced:                  # the trigger in the rule's group follows whitespace or a hyphen
                triggers[i] = [t for t in triggers[i]
                               if t[0] and (text[t[0] - 1].isspace() or text[t[0] - 1] == "-")]
        if plan.digit_rules:
            runs = {(1, None): [(s, e, collapse(s), collapse(e)) if collapse else (s, e, s, e)
                                for s, e in (m.span() for m in DIGITS.finditer(text))]}
            for i in plan.digit_rules:
                least, most = kind = plan.digits[i]
                if kind not in runs:
                    runs[kind] = [r for r in runs[(1, None)]
                                  if least <= r[1] - r[0] and (most is None or r[1] - r[0] <= most)]
                triggers[i] = sorted(triggers[i] + runs[kind]) if triggers[i] else runs[kind]

    def _collapse(self, pos: int) -> int:
        """The collapsed coordinate of ``pos``: each run before it counts as one character (and a run it is
        inside, as one character before it)."""
        i = bisect.bisect_right(self.run_ends, pos)
        if i < len(self.run_starts) and self.run_starts[i] < pos:
            return self.collapsed[i] + 1
        return pos - self.excess[i]

    def _expand(self, collapsed: int) -> int:
        """A text position whose collapsed coordinate is ``collapsed`` (clipped to the text)."""
        if collapsed <= 0:
            return 0
        if not self.collapsed:
            return min(len(self.text), collapsed)
        return min(len(self.text), collapsed + self.excess[bisect.bisect_left(self.collapsed, collapsed)])

    def windows(self, rule: int) -> list[tuple[int, int, int, int]]:
        """(start, region end, end, collapsed region end) of a rule's windows: every match of the rule starts in
        some ``start:region end``, and an attempt there that gives a match of the whole text gives it in
        ``text[:end]`` (in ``text[:safe end]``, the collapsed region end plus the rule's width, it gives what it
        gives in the whole text). Windows closer than GAP merge: scanning a few more characters is cheaper."""
        n = len(self.text)
        if self.plan.widths[rule] is None:
            return [(0, n, n, n)]
        before, after = self.plan.befores[rule] + 1, self.plan.afters[rule] + 1
        merged: list[list[int]] = []        # [start, region end, collapsed region end, collapsed end]
        last = None
        for _, e, cs, ce in self.triggers[rule]:
            if last is not None and cs - before <= last[3] + GAP:
                if e > last[1]:
                    last[1], last[2] = e, ce
                if ce + after > last[3]:
                    last[3] = ce + after
            else:
                last = [cs - before, e, ce, ce + after]
                merged.append(last)
        starts, excess = self.collapsed, self.excess
        if not starts:
            return [(max(a, 0), e, min(c, n), ce) for a, e, ce, c in merged]
        return [(0 if a <= 0 else min(n, a + excess[bisect.bisect_left(starts, a)]), e,
                 min(n, c + excess[bisect.bisect_left(starts, c)]), ce) for a, e, ce, c in merged]

    def finditer(self, rule: int, regex: re.Pattern):
        """The matches of ``regex`` (the pattern of rule number ``rule``) in the text, as
        ``regex.finditer(text)`` gives them."""
        text, last, match = self.text, 0, regex.match
        for start, region_end, end, collapsed_end in self.windows(rule):
            redo = False                    # a match of the previous window may reach into this one:
            for m in regex.finditer(text, start if start > last else last, end):
                at = m.start()
                if at >= region_end:
                    break
                full = match(text, at)
                if full is None or full.end() != m.end():   # the cut at ``end`` changed the attempt: redo
                    redo = True                              # the window without a cut that matters
                    break
                last = m.end()
                yield m
            if redo:
                safe_end = self._expand(collapsed_end + (self.plan.widths[rule] or len(text)) + 1)
                for m in regex.finditer(text, max(start, last), safe_end):
                    if m.start() >= region_end:
                        break
                    last = m.end()
                    yield m


def scan(text: str, rules: tuple[tuple[str, re.Pattern], ...], lang: str = DEFAULT) -> Scan:
    """The triggers of ``text`` for ``rules`` ((name, compiled pattern) in order) of language ``lang``."""
    return Scan(text, plan(rules, lang))
