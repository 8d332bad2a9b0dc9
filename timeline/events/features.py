"""Tokens and their features for the event detector: the one definition training and detection share.

:func:`tokenize` splits text into word tokens with their offsets (hyphenated words stay one token, ``n't`` and
``'s`` are split off as Universal Dependencies does). :func:`type_kinds` gives a token type's own features
(lower-cased word, a rough stem, suffixes, prefixes, shape, flags); :func:`token_features` spells out the features of one
token in its context as the training script feeds them to the learner; the detector adds up the same features'
weights per type, once per process (``timeline.events.linear``).
"""
from __future__ import annotations

import re

PAD = "\x00"
_MAX_WORD = 40

TOKEN = re.compile(
    r"\w+(?=n['’]t\b)|n['’]t\b"            # did|n't, ca|n't
    r"|['’](?:s|re|ve|ll|d|m)\b"             # clitics: 's 're 've 'll 'd 'm
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"       # 1,200,000.5
    r"|\w+(?:[-.&]\w+)*"                    # words, co-pilot, U.S, 3.5, AT&T
    r"|[^\w\s]",                            # any other mark, one at a time
    re.IGNORECASE,
)


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of ``text`` with their start and end offsets."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in TOKEN.finditer(text):
        words.append(m.group())
        s, e = m.span()
        starts.append(s)
        ends.append(e)
    return words, starts, ends


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word[:12]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def _stem(low: str) -> str:
    """A rough stem: inflections off, a doubled last consonant and a final e dropped (decline/declined/declining)."""
    for suffix, replacement in _INFLECTIONS:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            low = low[: -len(suffix)] + replacement
            if replacement == "" and len(low) > 3 and low[-1] == low[-2] and low[-1] not in "aeiousl":
                low = low[:-1]
            break
    return low[:-1] if low.endswith("e") and len(low) > 3 else low


def type_kinds(word: str, senses=None) -> dict[str, str]:
    """The features of a token type alone, kind -> value (flags have the value ``""``).

    ``senses`` (a :class:`timeline.events.senses.Senses`) adds the WordNet kinds ``n1``.. ``v3``, ``nL``, ``vL``.
    """
    if word == PAD:
        return {"w": "<PAD>"}
    low = word.lower()[:_MAX_WORD]
    kinds = {"w": low, "st": _stem(low), "sh": _shape(word)}
    for n in (1, 2, 3, 4, 5):
        kinds[f"s{n}"] = low[-n:]
    for n in (2, 3):
        kinds[f"p{n}"] = low[:n]
    if word[:1].isupper():
        kinds["cap"] = ""
    if word.isupper() and len(word) > 1:
        kinds["upper"] = ""
    if any(ch.isdigit() for ch in word):
        kinds["digit"] = ""
    if "-" in word:
        kinds["hyph"] = ""
        kinds["last"] = low.rsplit("-", 1)[-1]
    if senses is not None and (low.isalpha() or "-" in low):
        kinds.update(senses.kinds(low))
    return kinds


def offset_features(kinds: dict[str, str], offset: int, wanted: tuple[str, ...]) -> list[str]:
    """The feature names of one type at one offset of the window, for the kinds the model wants there."""
    return [f"{offset}:{k}={kinds[k]}" for k in wanted if k in kinds]


def pos_feature(offsets: tuple[int, ...], tags: tuple[str, ...]) -> str:
    return "P" + ",".join(map(str, offsets)) + "=" + "|".join(tags)


def token_features(words: list[str], i: int, spec: dict, tags: list[str] | None = None,
                   kinds_cache: dict[str, dict[str, str]] | None = None, senses=None) -> list[str]:
    """Every feature of token ``i`` in context under a model ``spec`` (training side)."""
    cache = kinds_cache if kinds_cache is not None else {}
    feats: list[str] = []
    n = len(words)
    for key, wanted in spec["word"].items():
        k = int(key)
        j = i + k
        w = words[j] if 0 <= j < n else PAD
        kinds = cache.get(w)
        if kinds is None:
            kinds = cache[w] = type_kinds(w, senses)
        feats.extend(offset_features(kinds, k, tuple(wanted)))
    if tags is not None:
        for offsets in spec.get("pos", []):
            seq = tuple(tags[i + k] if 0 <= i + k < n else "<PAD>" for k in offsets)
            feats.append(pos_feature(tuple(offsets), seq))
    return feats
