"""Where each recognition rule can match: its trigger words, found in one pass, and the windows around them.

Running the ~33 rule patterns over a whole text costs ~33 regex passes. Every match of a rule contains one of
its *trigger words* (declared in ``resources/rule_triggers.tsv``: "quarter", "half" or "period" for the quarter
rule, a month name for the date rules, a run of digits for the years...), so :func:`scan` finds all trigger
words at once (one search of a word trie over the lower-cased text, plus one search for digit runs) and
:meth:`Scan.finditer` runs each rule only inside windows around its own triggers, with the same matches as
``regex.finditer(text)``:

- a window reaches ``width`` characters before and after each trigger, where ``width`` is the longest stretch a
  match (lookaheads included) can inspect, computed from the compiled pattern. Runs of whitespace and hyphens
  count as one character (patterns repeat ``\\s+`` or ``[\\s-]+`` without bound), so a distance is measured in
  a "collapsed" coordinate where each such run is one character; the windows stay exact over any whitespace;
- overlapping windows merge, so no match of the full scan crosses a window's start, and the scan inside the
  window is in step with the full scan (``pattern.finditer(text, pos, endpos)`` sees the text before ``pos``
  for lookbehinds and ``\\b``); ``endpos`` is past the reach of every attempt that can contain a trigger, and a
  match found near ``endpos`` (where the cut could fake a ``\\b`` or a lookahead) must overlap a trigger of its
  rule, as every real match does;
- a rule whose pattern repeats anything else without bound (``\\w+``) is scanned over the whole text.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .lexicon import RESOURCES, LexiconError, load, read_table

try:                                    # the parser of the standard ``re`` module (private: 3.11 renamed it)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:                     # pragma: no cover - Python < 3.11
    import sre_constants as _sre
    import sre_parse as _sre_parse

TRIGGERS_FILE = "rule_triggers.tsv"
CLASSES = ("months", "weekdays", "units", "seasons", "holidays", "vague")    # @class: a word of each entry
DIGITS = re.compile(r"\d+")
RUNS = re.compile(r"[\s-]{2,}")         # collapsed to one character when measuring distances
WORD = re.compile(r"[a-z]+")
# Characters that re.IGNORECASE matches to an ASCII letter and str.lower() does not lower to one (found by
# trying every code point against [a-z]; the Kelvin sign lowers to "k" by itself).
FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
SLACK = 2                               # a \b or lookahead at the end of a match looks one character further


class TriggerError(LexiconError):
    """The trigger table does not match the rules."""


@dataclass(frozen=True)
class Plan:
    names: tuple[str, ...]                      # rule names, in the recognizer's order
    words: tuple[frozenset[str], ...]           # per rule: trigger words (lower case)
    digits: tuple[bool, ...]                    # per rule: a run of digits triggers it
    widths: tuple[int | None, ...]              # per rule: reach in collapsed characters (None: whole text)
    trie: re.Pattern                            # every trigger word; finds the longest one at a position
    rules_at: dict[str, tuple[int, ...]]        # longest word found -> the rules it triggers
    digit_rules: tuple[int, ...]


def _vocabulary(lex, name: str) -> list[str]:
    """The entries of a vocabulary class, as written in the patterns."""
    return list({"months": lex.months, "weekdays": lex.weekdays, "units": lex.units, "seasons": lex.seasons,
                 "holidays": lex.holidays, "vague": lex.vague}[name])


def _entry_word(entry: str) -> str:
    """The longest run of letters of a vocabulary entry: every match of the entry contains it."""
    words = WORD.findall(entry.lower().translate(FOLD))
    if not words:
        raise TriggerError(f"{TRIGGERS_FILE}: vocabulary entry {entry!r} has no letters to trigger on")
    return max(words, key=len)


def read_triggers(directory: Path = RESOURCES) -> dict[str, tuple[str, ...]]:
    """Rule name -> its trigger items (words and @classes), checked for form; see the file's FORMAT line."""
    table = {}
    for name, items in read_table(TRIGGERS_FILE, 2, directory=directory):
        parts = tuple(items.split())
        for item in parts:
            if item.startswith("@"):
                if item[1:] not in CLASSES + ("digits",):
                    raise TriggerError(f"{TRIGGERS_FILE}: rule {name!r}: unknown class {item!r}")
            elif not WORD.fullmatch(item):
                raise TriggerError(f"{TRIGGERS_FILE}: rule {name!r}: trigger {item!r} is not a lower-case word")
        table[name] = parts
    return table


def _minimal(words: set[str]) -> frozenset[str]:
    """Drop a word that contains another trigger of the same rule (the shorter one is found anyway)."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def _trie(words) -> str:
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        children = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not children:
            return ""
        body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
        return f"(?:{body})?" if "" in node else body       # greedy: the longest word at a position wins
    return pattern(tree)


def _single_char_in_runs(sub) -> bool:
    """True when ``sub`` matches one whitespace character or hyphen (a piece of a collapsed run)."""
    if len(sub) != 1:
        return False
    op, av = sub[0]
    if op is _sre.LITERAL:
        return chr(av).isspace() or chr(av) == "-"
    if op is _sre.IN:
        return all((o is _sre.CATEGORY and a is _sre.CATEGORY_SPACE) or
                   (o is _sre.LITERAL and (chr(a).isspace() or chr(a) == "-")) for o, a in av)
    return False


class Unbounded(Exception):
    """The pattern can inspect an unbounded stretch of text that is not a run of whitespace and hyphens."""


def _width(items, groups: dict) -> int:
    """Collapsed characters a match of ``items`` can inspect: consumed characters plus lookaheads, with an
    unbounded repetition of whitespace or hyphens counted as one (it stays within one collapsed run)."""
    total = 0
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN, _sre.CATEGORY):
            total += 1
        elif op is _sre.SUBPATTERN:
            width = _width(av[-1], groups)
            if av[0] is not None:
                groups[av[0]] = width
            total += width
        elif op is _sre.BRANCH:
            total += max(_width(branch, groups) for branch in av[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            if high == _sre.MAXREPEAT:
                if not _single_char_in_runs(sub):
                    raise Unbounded(str(sub))
                high = 1
            total += high * _width(sub, groups)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if av[0] == 1:                          # a lookahead inspects what follows
                total += _width(av[1], groups)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            total += _width(av, groups)
        elif op is _sre.GROUPREF:
            total += groups[av]
        elif op is _sre.AT:
            pass
        else:
            raise Unbounded(f"pattern element {op}")
    return total


def reach(regex: re.Pattern) -> int | None:
    """The collapsed width a match attempt of ``regex`` can inspect from its start, or None if unbounded."""
    try:
        return _width(_sre_parse.parse(regex.pattern, regex.flags), {}) + SLACK
    except Unbounded:
        return None


@functools.lru_cache(maxsize=4)
def plan(rules: tuple[tuple[str, re.Pattern], ...], directory: str | None = None) -> Plan:
    """The trigger plan for ``rules`` ((name, compiled pattern) in the recognizer's order), from the trigger
    table in ``directory`` (default: the package resources): every rule needs a row, every row a rule."""
    table = read_triggers(Path(directory) if directory else RESOURCES)
    names = tuple(name for name, _ in rules)
    missing = [n for n in names if n not in table]
    unknown = sorted(set(table) - set(names))
    if missing or unknown:
        raise TriggerError(f"{TRIGGERS_FILE}: rules without triggers: {missing}; unknown rules: {unknown}")
    lex = load(directory)
    words, digits = [], []
    for name in names:
        found = set()
        for item in table[name]:
            if item == "@digits":
                continue
            found.update(_entry_word(e) for e in _vocabulary(lex, item[1:])) if item.startswith("@") \
                else found.add(item)
        words.append(_minimal(found))
        digits.append("@digits" in table[name])
    vocabulary = sorted(set().union(*words))
    rules_at = {w: tuple(i for i, ws in enumerate(words) if any(w.startswith(t) for t in ws))
                for w in vocabulary}
    return Plan(names=names, words=tuple(words), digits=tuple(digits),
                widths=tuple(reach(regex) for _, regex in rules), trie=re.compile(_trie(vocabulary)),
                rules_at=rules_at, digit_rules=tuple(i for i, d in enumerate(digits) if d))


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
        low = text.lower() if text.isascii() else text.translate(FOLD).lower()
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
        if plan.digit_rules:
            runs = [(s, e, collapse(s), collapse(e)) if collapse else (s, e, s, e)
                    for s, e in (m.span() for m in DIGITS.finditer(text))]
            for i in plan.digit_rules:
                triggers[i] = sorted(triggers[i] + runs) if triggers[i] else runs

    def _collapse(self, pos: int) -> int:
        """The collapsed coordinate of ``pos`` (not inside a run): each earlier run counts as one character."""
        return pos - self.excess[bisect.bisect_right(self.run_ends, pos)]

    def _expand(self, collapsed: int) -> int:
        """A text position whose collapsed coordinate is ``collapsed`` (clipped to the text)."""
        if collapsed <= 0:
            return 0
        if not self.collapsed:
            return min(len(self.text), collapsed)
        return min(len(self.text), collapsed + self.excess[bisect.bisect_left(self.collapsed, collapsed)])

    def windows(self, rule: int) -> list[tuple[int, int]]:
        """Merged (start, end) windows of a rule: every match of the rule lies in one of them."""
        width = self.plan.widths[rule]
        if width is None:
            return [(0, len(self.text))]
        merged: list[list[int]] = []            # in collapsed coordinates (the map is monotonic)
        for _, _, cs, ce in self.triggers[rule]:
            if merged and cs - width - 1 <= merged[-1][1]:
                if ce + width + 1 > merged[-1][1]:
                    merged[-1][1] = ce + width + 1
            else:
                merged.append([cs - width - 1, ce + width + 1])
        return [(self._expand(a), self._expand(b)) for a, b in merged]

    def finditer(self, rule: int, regex: re.Pattern):
        """The matches of ``regex`` (the pattern of rule number ``rule``) in the text, as
        ``regex.finditer(text)`` gives them."""
        if self.plan.widths[rule] is None:
            yield from regex.finditer(self.text)
            return
        triggers = self.triggers[rule]
        if not triggers:
            return
        starts = [t[0] for t in triggers]
        reach, far = [], 0                  # reach[j]: the furthest trigger end among the first j+1
        for _, e, _, _ in triggers:
            far = max(far, e)
            reach.append(far)
        for w, end in self.windows(rule):
            for m in regex.finditer(self.text, w, end):
                j = bisect.bisect_left(starts, m.end()) - 1
                if j >= 0 and reach[j] > m.start():     # the match overlaps a trigger of its rule
                    yield m


def scan(text: str, rules: tuple[tuple[str, re.Pattern], ...], directory: str | None = None) -> Scan:
    """The triggers of ``text`` for ``rules`` ((name, compiled pattern) in order)."""
    return Scan(text, plan(rules, directory))
