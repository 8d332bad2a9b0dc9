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
_NOUN_DEPTHS = range(2, 8)     # nT2..nT7: the first noun sense's hypernyms 2 to 7 steps below WordNet's root
_VERB_DEPTHS = range(0, 4)     # vT0..vT3: a verb's, from its root (verbs have shallow trees)


class Senses:
    """Lemma -> supersense names per part of speech (``n``, ``v``), and form -> lemmas exceptions."""

    def __init__(self, table: str):
        """``table``: lines ``n<TAB>lemma<TAB>name,name`` (senses in order), ``xn<TAB>form<TAB>lemma``
        (exceptions), ``hn<TAB>lemma<TAB>root,..,parent`` (first sense's hypernym path) and
        ``fv<TAB>lemma<TAB>24,28`` (a verb's complement frames); ``v``/``xv``/``hv`` likewise for verbs."""
        self.senses: dict[str, dict[str, tuple[str, ...]]] = {"n": {}, "v": {}}
        self.exceptions: dict[str, dict[str, str]] = {"n": {}, "v": {}}
        self.paths: dict[str, dict[str, tuple[str, ...]]] = {"n": {}, "v": {}}
        self.frames: dict[str, tuple[str, ...]] = {}
        for line in table.split("\n"):
            if not line:
                continue
            kind, word, value = line.split("\t")
            if kind in self.senses:
                self.senses[kind][word] = tuple(value.split(","))
            elif kind[0] == "x":
                self.exceptions[kind[1:]].setdefault(word, value)
            elif kind[0] == "h":
                self.paths[kind[1:]][word] = tuple(value.split(","))
            elif kind == "fv":
                self.frames[word] = tuple(value.split(","))

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
        """``n1``..``n3``, ``v1``..``v3``: the files of the word's first senses as noun and as verb; ``nL``, ``vL``
        the lemmas; ``nT2``..``nT7``, ``vT0``..``vT3`` the first sense's hypernyms at those depths; ``vF24``..
        ``vF35`` (flags) the verb's complement frames."""
        out: dict[str, str] = {}
        for pos in ("n", "v"):
            lemma = self.lemma(low, pos)
            if lemma is None:
                continue
            for rank, name in enumerate(self.senses[pos][lemma][:_RANKS], 1):
                out[f"{pos}{rank}"] = name
            out[f"{pos}L"] = lemma
            path = self.paths[pos].get(lemma, ())
            for depth in (_NOUN_DEPTHS if pos == "n" else _VERB_DEPTHS):
                if depth < len(path):
                    out[f"{pos}T{depth}"] = path[depth]
            if pos == "v":
                for frame in self.frames.get(lemma, ()):
                    out[f"vF{frame}"] = ""
        return out
