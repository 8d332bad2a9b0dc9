"""WordNet's coarse senses of a word, as features of the event model ("attack" is mostly a noun.act).

:class:`Senses` holds, for each noun and verb lemma of WordNet 3.0, the lexicographer files ("supersenses",
e.g. ``noun.event``, ``verb.communication``) of its senses in WordNet's frequency order, and WordNet's
exception lists; :meth:`Senses.kinds` finds a word's lemma the way WordNet's morphy does (exceptions, then
suffix rules) and gives the first senses' files as feature kinds. The table travels inside the model file
(written by ``scripts/train_events.py`` from the system's WordNet), so detection reads nothing else.
"""
from __future__ import annotations

_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
}
_RANKS = 3


class Senses:
    """Lemma -> supersense names per part of speech (``n``, ``v``), and form -> lemmas exceptions."""

    def __init__(self, table: str):
        """``table``: lines ``n<TAB>lemma<TAB>name,name`` (senses in order) and ``xn<TAB>form<TAB>lemma``."""
        self.senses: dict[str, dict[str, tuple[str, ...]]] = {"n": {}, "v": {}}
        self.exceptions: dict[str, dict[str, str]] = {"n": {}, "v": {}}
        for line in table.split("\n"):
            if not line:
                continue
            kind, word, value = line.split("\t")
            if kind in self.senses:
                self.senses[kind][word] = tuple(value.split(","))
            else:
                self.exceptions[kind[1:]].setdefault(word, value)

    def lemma(self, low: str, pos: str) -> str | None:
        index = self.senses[pos]
        exception = self.exceptions[pos].get(low)
        if exception in index:
            return exception
        if low in index:
            return low
        for suffix, replacement in _RULES[pos]:
            if low.endswith(suffix):
                candidate = low[: len(low) - len(suffix)] + replacement
                if candidate in index:
                    return candidate
        return None

    def kinds(self, low: str) -> dict[str, str]:
        """``n1``..``n3``, ``v1``..``v3``: the files of the word's first senses as noun and as verb."""
        out: dict[str, str] = {}
        for pos in ("n", "v"):
            lemma = self.lemma(low, pos)
            if lemma is None:
                continue
            for rank, name in enumerate(self.senses[pos][lemma][:_RANKS], 1):
                out[f"{pos}{rank}"] = name
            out[f"{pos}L"] = lemma
        return out
