"""The vague rule: "now", "recently", "the past", "soon" (the phrases of the language's ``vague.tsv``), each with
the context that makes it not an expression in ``vague_exceptions.tsv`` ("as soon as", "the past of ...").

The conventions of every rule module are in :mod:`timeline.tagger.rules.base`.
"""
from __future__ import annotations

import re

from timeline.lang.lexicon import Lexicon, LexiconError, read_table
from timeline.tagger.rules.base import Hit, P

EXCEPTIONS = "vague_exceptions.tsv"
TESTS = ("only_after", "not_after", "not_before")
CASES = {"any": re.IGNORECASE, "as written": 0}


def exceptions(lex: Lexicon) -> dict[str, list[tuple[str, int, re.Pattern]]]:
    """Phrase -> its tests (test, characters looked at, pattern), read once per language (none without the
    file)."""
    found = lex.cache.get(EXCEPTIONS)
    if found is None:
        found = {}
        path = lex.folder / EXCEPTIONS
        for phrase, test, width, case, pattern in (read_table(EXCEPTIONS, 5, exact=True, unique="row",
                                                              directory=lex.folder) if path.is_file() else ()):
            if test not in TESTS or case not in CASES or not width.isdigit():
                raise LexiconError(f"{EXCEPTIONS}: bad row {phrase!r} {test!r} {width!r} {case!r}: the tests are "
                                   f"{', '.join(TESTS)}, the cases {', '.join(CASES)}, the width a number")
            try:
                regex = re.compile(pattern, CASES[case])
            except re.error as exc:
                raise LexiconError(f"{EXCEPTIONS}: bad pattern {pattern!r}: {exc}") from exc
            found.setdefault(phrase.lower(), []).append((test, int(width), regex))
        lex.cache[EXCEPTIONS] = found
    return found


def vague_rule(m, lex, text):
    # EXAMPLE: now / currently / recently / soon / the future / in the past / previously
    phrase = re.sub(r"\s+", " ", m.group("v").lower())
    value, typ = lex.vague[phrase]
    for test, width, regex in exceptions(lex).get(phrase, ()):
        if test == "not_before":
            if regex.search(text[max(0, m.start() - width):m.start()]):
                return None
        elif bool(regex.match(text[m.end():m.end() + width])) == (test == "not_after"):
            return None
    return Hit(typ, P(value=value))
