"""Shapes of regular expressions that Python's ``re`` runs fast, each giving the same matches as the plain form.

``re`` is a backtracking engine that tries a pattern at every position of the text and the branches of an
alternation one after the other; under IGNORECASE it cannot even skip a branch by its first letter. Two shapes
cut that work without changing what matches: a word list as a prefix tree (:func:`trie_alternation`) and a
lookahead for the characters a match can start with (:func:`with_first_characters`).
"""
from __future__ import annotations

import re

try:                                    # Python 3.11+
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:                     # pragma: no cover - Python < 3.11
    import sre_constants as _sre
    import sre_parse as _sre_parse




def _fold_table() -> dict[int, str]:
    """Characters that re.IGNORECASE equates to a letter that str.lower() does not lower them to (re's own
    table of extra cases: "\u0131" and "i", "\u017f" and "s", final and medial sigma...), each mapped to one
    letter of its class; "\u0130" (whose lower case is two characters) to "i", as re has it."""
    try:                                # Python 3.11+
        from re._casefix import _EXTRA_CASES as extra
    except ImportError:                 # pragma: no cover - Python < 3.11: the Latin cases
        extra = {0x69: (0x131,), 0x131: (0x69,), 0x73: (0x17F,), 0x17F: (0x73,)}
    table = {0x130: "i"}
    for key, others in extra.items():
        members = {key, *others}
        canonical = chr(key).upper().lower()
        if len(canonical) != 1 or ord(canonical) not in members:
            canonical = chr(min(members))
        table.update((m, canonical) for m in members if m != ord(canonical))
    return table


# One character for one: FOLD, then str.lower(), gives every two characters that re.IGNORECASE equates the same
# letter, and keeps offsets (str.lower() lengthens "\u0130" alone, which FOLD maps first).
FOLD = str.maketrans(_fold_table())


def fold_case(text: str) -> str:
    """``text`` in the one case re.IGNORECASE matches by, character for character (same length, same offsets)."""
    return text.lower() if text.isascii() else text.translate(FOLD).lower()


def parse(pattern: str, flags: int = 0):
    """Python's own parse of ``pattern`` (a list of (op, argument) items; the module is private to ``re``)."""
    return _sre_parse.parse(pattern, flags)


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 'Sept.' wins over 'Sep'); a space in a word
    matches any run of whitespace."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


def trie_alternation(words, ignore_case: bool = True) -> str:
    """The same language and preference as :func:`alternation`, shaped as a prefix tree: ``(?:m(?:ay|arch))``
    rather than ``(?:march|may)``. Python's ``re`` tries the branches of an alternation one after the other at
    every position, so a flat list of a hundred words costs a hundred attempts where the tree costs one per
    character. Every two words that match at one position are a prefix of one another, and the tree tries the
    longer first (greedy), so the match chosen is the one the longest-first list chooses. With ``ignore_case``
    (for a pattern compiled with IGNORECASE) the words are folded to lower case first, so "May" and "MAY" share
    a branch (:func:`fold_case`: any Unicode letters, "MÄRZ" and "März" too); a case-sensitive block must pass
    ``ignore_case=False``."""
    words = set(words)
    if ignore_case:
        words = {fold_case(w) for w in words}
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        children = [(r"\s+" if ch == " " else re.escape(ch)) + pattern(child)
                    for ch, child in sorted(node.items()) if ch]
        if not children:
            return ""
        body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
        return f"(?:{body})?" if "" in node else body       # greedy: the longer word is tried first
    return "(?:" + pattern(tree) + ")"


_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}


def _first_of_item(op, av) -> tuple[list[str] | None, bool]:
    """(character-class parts one of which the item's first character matches, None for any character; whether
    the item can match empty)."""
    if op is _sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is _sre.IN:
        parts = []
        for o, a in av:
            if o is _sre.LITERAL:
                parts.append(re.escape(chr(a)))
            elif o is _sre.RANGE:
                parts.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
            elif o is _sre.CATEGORY and a in _CATEGORIES:
                parts.append(_CATEGORIES[a])
            else:                           # a negated class or anything else: any character
                return None, False
        return parts, False
    if op is _sre.BRANCH:
        parts, empty = [], False
        for branch in av[1]:
            first, nullable = _first(branch)
            if first is None:
                return None, False
            parts += first
            empty = empty or nullable
        return parts, empty
    if op is _sre.SUBPATTERN:
        if av[1] & re.IGNORECASE:           # (?i:...) inside a case-sensitive pattern: not worth the cases
            return None, False
        return _first(av[-1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        first, nullable = _first(av[2])
        return first, nullable or av[0] == 0
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return [], True                     # zero width: the next item gives the first character
    return None, False                      # a back-reference, a conditional, any character: no restriction


def _first(items) -> tuple[list[str] | None, bool]:
    parts = []
    for op, av in items:
        first, nullable = _first_of_item(op, av)
        if first is None:
            return None, False
        parts += first
        if not nullable:
            return parts, False
    return parts, True


def first_characters(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """A character class that the first character of every match of ``pattern`` belongs to (``[\\dA-Z]``),
    or None when there is none (the pattern can match empty, or start with any character). Under IGNORECASE the
    class matches both cases of its letters, so it is a superset for a case-sensitive part too."""
    parsed = parse(pattern, flags)
    if parsed.state.flags & re.IGNORECASE and not flags & re.IGNORECASE:
        return None                         # an inline (?i): the class would have to hold every case
    first, nullable = _first(parsed)
    if first is None or nullable or not first:
        return None
    return "[" + "".join(dict.fromkeys(first)) + "]"


def with_first_characters(pattern: str, flags: int = re.IGNORECASE) -> str:
    """``pattern`` behind a lookahead for its first characters: the same matches, found sooner. Python's ``re``
    tries a pattern at every position of the text; a leading ``(?=[...])`` is checked in a single step, where a
    leading ``\\b`` and a chain of optional groups cost an attempt of each group at every word (about 1.5x
    faster on the recognizer's rules)."""
    first = first_characters(pattern, flags)
    return pattern if first is None else f"(?={first}){pattern}"


def search_end(pattern: re.Pattern, text: str, words: int, pos: int = 0, endpos: int | None = None):
    """``pattern.search(text, pos, endpos)`` for a pattern anchored at the end (``...$``) whose matches touch at
    most ``words`` whitespace-separated words: the search starts at the last ``words`` words, so a search before
    an expression near the end of a long sentence costs those words, not the sentence. Earlier starts cannot
    give a match (it would touch more words), so the leftmost match is the same."""
    end = len(text) if endpos is None else endpos
    head = text[pos:end].rsplit(None, words)
    return pattern.search(text, pos + len(head[0]) if len(head) > words else pos, end)


def words_in(phrases) -> int:
    """The most whitespace-separated words of any of ``phrases`` (0 for none)."""
    return max((len(p.split()) for p in phrases), default=0)
