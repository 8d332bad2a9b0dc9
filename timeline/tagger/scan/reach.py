r"""How far a compiled pattern can reach around a part of it, read off Python's parse of the pattern.

The trigger windows (:mod:`timeline.tagger.scan.triggers`) need, for each rule, how many characters a match attempt can
inspect (:func:`reach`: its width, and how far before and after the group holding a trigger word), measured in
"collapsed" characters where a run of whitespace and hyphens, or of digits and commas, counts as one (an
unbounded ``\s+`` or ``(?:,\d{3})+`` stays within one run); and whether that group always follows whitespace or
a hyphen (:func:`spaced_after`), so that a trigger word inside another word cannot be it.
"""
from __future__ import annotations

import re

from timeline.tagger.scan.regexes import _sre, parse

SLACK = 2                               # a \b or lookahead at the end of a match looks one character further


def _run_class(sub) -> str | None:
    """"space" when ``sub`` only matches whitespace and hyphens, "digit" when only digits and commas (it then
    stays within one collapsed run however often it repeats), else None."""
    found = set()
    for op, av in sub:
        if op is _sre.LITERAL:
            found.add("space" if chr(av).isspace() or chr(av) == "-" else "digit" if chr(av) in ",0123456789"
                      else None)
        elif op is _sre.IN:
            for o, a in av:
                if o is _sre.CATEGORY:
                    found.add({_sre.CATEGORY_SPACE: "space", _sre.CATEGORY_DIGIT: "digit"}.get(a))
                elif o is _sre.LITERAL:
                    found.add(_run_class([(o, a)]))
                else:
                    found.add(None)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            found.add(_run_class(av[2]))
        elif op is _sre.SUBPATTERN:
            found.add(_run_class(av[-1]))
        else:
            found.add(None)
    return found.pop() if len(found) == 1 else None


class Unbounded(Exception):
    """The pattern can inspect an unbounded stretch of text that is not a run of whitespace and hyphens."""


def _width(items, groups: dict) -> int:
    """Collapsed characters a match of ``items`` can inspect: consumed characters plus lookaheads, with an
    unbounded repetition of whitespace and hyphens, or digits and commas, counted as one (it stays within one
    collapsed run)."""
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
                if _run_class(sub) is None:
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


def _contains(items, ids) -> bool:
    return any(op is _sre.SUBPATTERN and (av[0] in ids or _contains(av[-1], ids)) or
               op is _sre.BRANCH and any(_contains(b, ids) for b in av[1]) or
               op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) and
               _contains(av[2], ids) or
               op in (_sre.ASSERT, _sre.ASSERT_NOT) and _contains(av[1], ids) for op, av in items)


def _around(items, ids, groups: dict) -> tuple[int, int, int] | None:
    """(before, inside, after): the widest stretch a match of ``items`` inspects before, inside and after the
    first of the groups ``ids`` it goes through; None when some match goes through none of them."""
    for k, (op, av) in enumerate(items):
        found = None
        if op is _sre.SUBPATTERN and av[0] in ids:
            found = (0, _width(av[-1], groups), 0)
        elif op is _sre.SUBPATTERN:
            found = _around(av[-1], ids, groups)
        elif op is _sre.BRANCH:
            parts = [_around(branch, ids, groups) for branch in av[1]]
            if all(parts):
                found = tuple(max(p[i] for p in parts) for i in range(3))
        if found is None and _contains([(op, av)], ids):
            return None     # the group is optional, repeated or in a lookaround: not in every match
        if found is not None:
            return (_width(items[:k], groups) + found[0], found[1], found[2] + _width(items[k + 1:], groups))
    return None


def _space_like(item) -> bool:
    """True when ``item`` consumes at least one character, all of them whitespace or hyphens."""
    op, av = item
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        return av[0] >= 1 and len(av[2]) == 1 and _space_like(av[2][0])
    return op in (_sre.LITERAL, _sre.IN) and _run_class([item]) == "space"


def _ends_spaced(items) -> bool:
    """True when every match of the sequence ``items`` ends with a whitespace character or a hyphen."""
    if not items:
        return False
    op, av = items[-1]
    if _space_like(items[-1]):
        return True
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:     # optional: either way
        return _ends_spaced(av[2]) and _ends_spaced(items[:-1])
    if op is _sre.SUBPATTERN:
        return _ends_spaced(av[-1])
    return False


def _literal_starts(items) -> list[str] | None:
    """The literal text each alternative of ``items`` starts with (None when that is not plain). A prefix tree
    (``d(?:ay|ecade)``) gives each branch's start after the common letters; a start may stop short of the whole
    word (after an optional part, say), which only makes the check that uses it stricter."""
    if len(items) == 1 and items[0][0] is _sre.SUBPATTERN:
        return _literal_starts(items[0][1][-1])
    text = ""
    for op, av in items:
        if op is _sre.LITERAL:
            text += chr(av)
            continue
        if op is _sre.BRANCH:
            branches = [_literal_starts(branch) for branch in av[1]]
        elif op is _sre.SUBPATTERN:
            branches = [_literal_starts(av[-1])]
        elif op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
            branches = [[chr(a)] for _, a in av]
        else:
            break
        if any(b is None for b in branches):
            break
        return [text + s for b in branches for s in b]
    return [text] if text else None


def _spaced(items, ids, words) -> bool:
    r"""True when the group ``ids`` (one, in the pattern's main sequence, so in every match) comes right after
    whitespace or a hyphen and starts with one of ``words``: only a trigger word found after such a character
    can be the one in the group. The forms checked are plain (the group after ``[\s-]+`` or
    ``\s+(?:more\s+)?``, holding a list of words); any other form is False, which only means the windows are
    not narrowed."""
    for k, (op, av) in enumerate(items):
        if op is _sre.SUBPATTERN and av[0] in ids:
            starts = _literal_starts(av[-1])
            return bool(starts) and _ends_spaced(items[:k]) and \
                all(any(w.lower().startswith(t) for t in words) for w in starts)
    return False


def reach(regex: re.Pattern, group_names: tuple[str, ...] = ()) -> tuple[int, int, int] | None:
    """(width, before, after) in collapsed characters: how far a match attempt of ``regex`` can inspect from its
    start, how far before a trigger a match can start and how far after it an attempt can look (the trigger
    lies in one of ``group_names``, or anywhere in the match); None if unbounded."""
    tree = parse(regex.pattern, regex.flags)
    if tree.getwidth()[0] == 0:
        return None                                 # a pattern that can match empty: scan the whole text
    try:
        groups: dict = {}
        width = _width(tree, groups) + SLACK
        if not group_names:
            return width, width, width
        unknown = [g for g in group_names if g not in regex.groupindex]
        around = None if unknown else _around(tree, {regex.groupindex[g] for g in group_names}, groups)
    except Unbounded:
        return None
    if around is None:
        raise ValueError(f"groups {group_names} are not in every match of {regex.pattern!r}")
    before, inside, after = around
    return width, before + inside, inside + after + SLACK


def spaced_after(regex: re.Pattern, group_names: tuple[str, ...], words) -> bool:
    """True when the one group of ``group_names`` in ``regex`` comes right after whitespace or a hyphen and starts
    with one of ``words`` (see :func:`_spaced`): a trigger word found anywhere else cannot be the one in it."""
    ids = {regex.groupindex[g] for g in group_names if g in regex.groupindex}
    return len(ids) == 1 and bool(words) and _spaced(list(parse(regex.pattern, regex.flags)), ids, words)
