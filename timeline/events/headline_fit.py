"""Fitting a headline: parts of speech, "has it a subject and a verb?", and a cut at a phrase boundary.

Used by :mod:`timeline.events.headline`. The parts of speech are the event detector's POS tagger's
(:func:`timeline.events.mentions.load`, Penn tags) where the language has an event model, else a rough guess from
the language's small words (:func:`rule_tags`). A headline too long for its limit is shortened the way a desk
editor does it: a parenthesis goes, then a leading adverbial clause ("Because of the resistance at Manassas, ..."),
then it ends before a phrase (a comma, a preposition, a conjunction, a relative clause) where what is left still
has a subject, a finite verb and what follows the verb; only where no such boundary exists is it cut at a word,
with "…". Never inside a number ("17 | kilometers" is not a cut), never after a quantity ("tens | of").
"""
from __future__ import annotations

import functools
import re
from typing import Callable

from timeline.events.features import tokenize
from timeline.events.words import EventWords
from timeline.lang import LanguageError, folder, languages
from timeline.lang.lexicon import read_table

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT = ("NN", "PRP", "CD")
WORDS_FILE = "headline_words.tsv"
_PARENS = re.compile(r"\s*\([^()]*\)|\s+—[^—]{1,80}—(?=\s)")     # "(10 miles)", "X — a client state — attacked"
_STOPS = " ,;:-–—(\"“'"
_WORDLIKE = re.compile(r"\w")
_SPEAKER = re.compile(r"^[A-Z][\w.'’ -]{1,40}: (?=\S)")

Tagger = Callable[[list[str]], list[str]]


@functools.lru_cache(maxsize=None)
def _code_of(words: EventWords) -> str | None:
    """The code of the language whose events words are ``words`` (None for words loaded from elsewhere)."""
    from timeline.events.words import event_words
    for code in languages():
        try:
            if event_words(code) is words:
                return code
        except LanguageError:
            continue
    return None


def headline_words(words: EventWords) -> dict[str, frozenset[str]]:
    """The classes of the language's ``headline_words.tsv`` (none when it has no such file)."""
    code = _code_of(words)
    if code is None or not (folder(code) / WORDS_FILE).is_file():
        return {}
    out: dict[str, set[str]] = {}
    for word, cls in read_table(WORDS_FILE, 2, exact=True, unique="row", directory=folder(code)):
        out.setdefault(cls, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def model_tagger(words: EventWords) -> Tagger | None:
    """The event detector's POS tagger of the language of ``words``, or None when it has no event model."""
    from timeline.events.mentions import EventModelError, load, model_path
    code = _code_of(words)
    if code is None or not model_path(code).is_file():
        return None
    try:
        detector = load(code)
    except EventModelError:
        return None
    labels = detector.pos.labels
    return lambda ws: [labels[t] for t in detector.tag(ws)] if ws else []


def rule_tags(words: EventWords) -> Tagger:
    """Penn-like tags guessed from the language's small words (for a language without an event model)."""
    aux = words.word("auxiliary")
    preps = words.word("preposition") | words.word("date_preposition")
    dets = words.word("determiner") | words.word("article")
    suffix = tuple(words.word("participle_suffix"))
    saying = words.attribution.get("content", frozenset())

    def tag(ws: list[str]) -> list[str]:
        out = []
        for w in ws:
            lw = w.lower()
            out.append("PUNCT" if not re.search(r"\w", w) else "MD" if lw in aux else "IN" if lw in preps
                       else "DT" if lw in dets else "CD" if w[0].isdigit()
                       else "VBD" if lw in saying or (suffix and len(lw) > 4 and lw.endswith(suffix))
                       else "NNP" if w[0].isupper() else "NN")
        return out
    return tag


def _cut_out(s: str, spans: list[tuple[int, int]]) -> str:
    """``s`` without the character ``spans`` (sorted, apart), spacing mended."""
    if not spans:
        return s
    out, pos = [], 0
    for a, b in spans:
        out.append(s[pos:a])
        pos = b
    out.append(s[pos:])
    return re.sub(r"\s+([,;:.])", r"\1", " ".join("".join(out).split()))


class Fitter:
    """The parts of speech and the cuts of one language's headlines."""

    def __init__(self, words: EventWords):
        self.classes = headline_words(words)
        self.tag = model_tagger(words) or rule_tags(words)
        self.tail_words = words.word("headline_tail")
        self.saying = words.attribution.get("content", frozenset())
        self.complementizer = words.word("complementizer")
        self.hanging = self.word("hanging")
        self.relative = self.word("relative")
        self.cut_before = self.word("cut_before") | self.relative
        self.subordinator = self.word("subordinator")
        self.keep_after = self.word("keep_after")
        self.no_cut = self.word("no_cut_before")
        self.weak_cut = self.word("weak_cut_before")
        self.negation = self.word("negation")
        self.adverb_suffix = tuple(self.word("adverb_suffix")) or ("\0",)
        self.droppable = self.word("droppable_adverb")
        self.indefinite = self.word("indefinite")       # "a previously announced ..." keeps its adverb
        self.possessive = words.word("possessive")
        self.before_is = self.word("before_is")         # "that's", "there's": "is", not a possessive
        self.keep_in_subject = self.word("keep_in_subject")
        self._memo: dict[str, tuple] = {}

    def word(self, cls: str) -> frozenset[str]:
        return self.classes.get(cls, frozenset())

    def tokens(self, s: str) -> tuple[list[str], list[int], list[int], list[str]]:
        """The tokens of ``s``, their offsets and their tags (memoized: a headline is looked at several times)."""
        got = self._memo.get(s)
        if got is None:
            ws, starts, ends = tokenize(s)
            tags = self.tag(ws + ["."])[:len(ws)] if ws and ws[-1] not in ".!?…" else self.tag(ws)
            got = (ws, starts, ends, self.finite_tags(ws, tags))
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[s] = got
        return got

    def verb_index(self, ws: list[str], tags: list[str]) -> int | None:
        """The index of the first finite verb with a subject before it, or None. Out of context the tagger often
        reads a bare past tense as a participle or a base form ("the bridge collapsed", "the company put"), so a
        VBN after a noun (an adverb between them allowed) and a VB right after a noun count where no finite verb
        came before; an adjective after an article is a subject ("The Japanese engaged ...")."""
        subject = False
        for i, t in enumerate(tags):
            j = i - 1
            while j > 0 and (tags[j] == "RB" or (ws[j] == "." and tags[j - 1] == "NNP")):    # "Inc. filed"
                j -= 1
            after_noun = j >= 0 and (tags[j].startswith(("NN", "PRP")) or (tags[j] == "JJ" and tags[j - 1] == "DT"))
            if subject and (t in FINITE or (t == "VBN" and after_noun) or (t == "VB" and j == i - 1 and after_noun)):
                return i
            if t in FINITE and j >= 0 and tags[j] == "DT" and (j == 0 or tags[j - 1] in ("IN", "CC", "PUNCT")):
                return i                        # "This was ...", "Both were ..."
            if t in FINITE:
                return None
            if t.startswith(SUBJECT) or (t == "JJ" and i and tags[i - 1] == "DT") \
                    or (i == 0 and ws[0][:1].isupper() and t in ("RB", "JJ", "VB")):   # a name read as an adverb
                subject = True
        return None

    def finite_tags(self, ws: list[str], tags: list[str]) -> list[str]:
        """``tags`` with a possessive "'s" (after a noun) read as such, not as "is" ("Sotheby's said")."""
        return [("POS" if w.lower() in self.possessive and i and not tags[i - 1].startswith("PRP") and
                 ws[i - 1].lower() not in self.before_is else t)
                for i, (w, t) in enumerate(zip(ws, tags))]

    def has_subject_verb(self, s: str) -> bool:
        ws, _s, _e, tags = self.tokens(s)
        return self.verb_index(ws, tags) is not None

    def is_frame(self, s: str) -> bool:
        """A reporting frame standing alone ("Regional officials said"): a verb of saying ends it."""
        ws, _s, _e, tags = self.tokens(s.rstrip("…"))
        real = [(w, t) for w, t in zip(ws, tags) if _WORDLIKE.search(w)]
        return bool(real) and real[-1][0].lower() in self.saying and real[-1][1] not in ("NN", "NNS", "NNP")

    def word_count(self, s: str) -> int:
        return sum(1 for w in self.tokens(s)[0] if _WORDLIKE.search(w))

    def good(self, s: str) -> bool:
        """Would an editor print it: two words or more, a subject and a finite verb, no frame standing alone."""
        return self.word_count(s) > 1 and self.has_subject_verb(s) and not self.is_frame(s)

    def _phrase_start(self, ws: list[str], tags: list[str], i: int) -> bool:
        w = ws[i].lower()
        two = f"{w} {ws[i + 1].lower()}" if i + 1 < len(ws) else ""
        if w in self.no_cut or two in self.no_cut:      # "claimed | at least 217 lives" is no cut
            return False
        if ws[i] in (",", ";", ":", "(", "--", "—", "–") or tags[i] == "VBG":
            return True
        return w in self.cut_before or two in self.cut_before or w in self.subordinator

    def _function_word(self, w: str, t: str) -> bool:
        """A word a headline does not end with: a preposition, a conjunction, an article, a relative word."""
        lw = w.lower()
        return (t in ("IN", "TO", "CC", "W") or lw in self.tail_words or lw in self.cut_before
                or lw in self.subordinator or w in ",;:-–—(\"“'")

    def _last_word(self, ws: list[str], tags: list[str], lo: int, k: int) -> int:
        """The index of the last word a headline ending before token ``k`` keeps (function words dropped)."""
        last = k - 1
        while last > lo and self._function_word(ws[last], tags[last]):
            last -= 1
        return last

    def _ends_well(self, ws: list[str], tags: list[str], v: int, k: int) -> bool:
        """May a headline end before token ``k``, its finite verb at ``v``?"""
        if k <= v:
            return False
        last = self._last_word(ws, tags, v, k)
        if tags[last] == "SYM" or ws[last] in "$€£" or ws[last].lower() in self.keep_after:
            return False
        if ws[last].lower() in self.saying:        # "Kellogg's chairman said | , ..." says nothing yet
            return False
        if tags[last] == "JJ" and last + 1 < len(ws) and (ws[last + 1] == "," or tags[last + 1] == "CC"):
            return False                            # "from his small | , neighborhood store"
        if last == v:                               # the verb last: "were repulsed", "collapsed into ..."
            return tags[v] in ("VBN", "VBD") and (tags[k] == "IN" or ws[k] in ",;:(")
        return True

    def fit(self, s: str, limit: int) -> str:
        """``s`` in at most ``limit`` characters, cut as the module docstring says."""
        if len(s) <= limit:
            return self.trim_tail(s) if s[-1:].isalpha() else s
        lean = self.simpler(s)
        if lean != s:
            return self.fit(lean, limit)
        plain = self.without_adverbs(s)
        news = self.reported(s)
        said = _SPEAKER.match(s)                # "Mr. Gerstner: RJR Nabisco will concentrate ...": the words
        news = news if news != s or not said else s[said.end():]
        lean_news = self.without_adverbs(news)
        own = list(dict.fromkeys([s, plain, self.without_subject_phrase(s), self.without_subject_phrase(plain)]))
        variants = list(dict.fromkeys(own + [news, lean_news, self.without_subject_phrase(lean_news)]))
        for lean in variants[1:]:
            if len(lean) <= limit and self.has_subject_verb(lean):
                return self.trim_tail(lean)
        for group in (own, variants):           # who said it stays where it can
            cuts = [c for c in (self.phrase_cut(x, limit) for x in group) if c]
            if cuts:
                return max(cuts, key=len)
        return self.cut_at_word(min(variants, key=len), limit)

    def simpler(self, s: str) -> str:
        """``s`` one step simpler, or ``s``: without a parenthesis, an apposition between its subject and its verb,
        or a leading adverbial clause ("Because of the resistance at Manassas, a march ...")."""
        bare = _PARENS.sub("", s).strip(" ,;:-–—")
        if bare != s and bare and (self.has_subject_verb(bare) or not self.has_subject_verb(s)):
            return bare
        ws, starts, _ends, tags = self.tokens(s)
        lean = self.without_apposition(s, ws, starts, tags)
        if lean != s:
            return lean
        if ws and (ws[0].lower() in self.subordinator or tags[0] in ("IN", "RB", "VBG", "VBN", "TO")
                   or f"{ws[0].lower()} {ws[1].lower() if len(ws) > 1 else ''}" in self.subordinator):
            first_verb = next((i for i, t in enumerate(tags) if t in FINITE), len(ws))
            for k in reversed([k for k, w in enumerate(ws[:first_verb]) if w == "," and k + 1 < len(ws)]):
                rest = s[starts[k + 1]:]
                if self.has_subject_verb(rest):
                    return rest[:1].upper() + rest[1:]
        return s

    def simplest(self, s: str) -> str:
        """:meth:`simpler` until nothing changes."""
        for _ in range(8):
            lean = self.simpler(s)
            if lean == s:
                break
            s = lean
        return s

    def reported(self, s: str) -> str:
        """What a long headline reports, without who reports it ("A spokesman said operations had a loss of $5.5
        million" -> "Operations had a loss of $5.5 million"), where that has a subject of its own (not a pronoun)
        and a verb; else ``s``."""
        ws, starts, _ends, tags = self.tokens(s)
        v = self.verb_index(ws, tags)
        if v is None or ws[v].lower() not in self.saying or v + 1 >= len(ws):
            return s
        k = v + 1 + (ws[v + 1].lower() in self.complementizer)
        if k >= len(ws) or tags[k].startswith("PRP") or not ws[k][:1].isalnum():
            return s
        rest = s[starts[k]:]
        return rest[:1].upper() + rest[1:] if self.has_subject_verb(rest) else s

    def phrase_cut(self, s: str, limit: int) -> str | None:
        """The longest start of ``s`` of at most ``limit`` characters that ends before a phrase and still has a
        subject, a finite verb and what follows the verb; None when there is none."""
        ws, starts, _ends, tags = self.tokens(s)
        v = self.verb_index(ws, tags)
        if v is None and tags and tags[0] in FINITE:    # no subject ("will join NATO in ..."): cut after the verb
            v = 0
        if v is None:
            return None
        best = None
        for k in range(v + 1, len(ws)):
            if starts[k] > limit + 1:
                break
            weak = ws[k].lower() in self.weak_cut and tags[k - 1].startswith("NN") and starts[k] >= limit // 2
            if (weak or self._phrase_start(ws, tags, k)) and self._ends_well(ws, tags, v, k):
                cut = s[:starts[k]].rstrip(_STOPS + ".")
                if len(cut) <= limit:
                    best = cut
        return self.trim_tail(best) if best else None

    def without_adverbs(self, s: str) -> str:
        """``s`` without its adverbs other than negations ("already", "significantly", "then")."""
        ws, starts, ends, tags = self.tokens(s)
        drop = []
        quotes = "\"“”'`"
        for i, (w, t) in enumerate(zip(ws, tags)):
            if t == "RB" and w.lower() not in self.negation and i and w.isalpha() and w.islower() \
                    and (w.endswith(self.adverb_suffix) or w in self.droppable) \
                    and ws[i - 1].lower() not in self.indefinite \
                    and ws[i - 1][-1:] not in quotes and (ws[i + 1:i + 2] or [" "])[0][:1] not in quotes:
                enclosed = ws[i - 1] == "," and i + 1 < len(ws) and ws[i + 1] == ","     # "He noted, however, that"
                drop.append((starts[i - 1], ends[i + 1]) if enclosed else (starts[i], ends[i]))
        return _cut_out(s, drop)

    def without_subject_phrase(self, s: str) -> str:
        """``s`` without a phrase that qualifies its subject ("Confederate incursions into New Mexico territory
        were repulsed" -> "Confederate incursions were repulsed"); "of" phrases stay ("the size of the Navy")."""
        ws, starts, ends, tags = self.tokens(s)
        v = self.verb_index(ws, tags)
        if v is None:
            return s
        if tags[0] in ("IN", "RB", "VBG", "TO"):         # a leading phrase, not the subject
            return s
        for i in range(1, v):
            if tags[i] == "IN" and ws[i].lower() not in self.keep_in_subject and tags[i - 1].startswith("NN") \
                    and v - i >= 2 and "," not in ws[i:v]:
                lean = s[:starts[i]].rstrip() + " " + s[starts[v]:]
                return lean if self.has_subject_verb(lean) else s
            if ws[i] == ",":
                break
        return s

    def without_apposition(self, s: str, ws: list[str], starts: list[int], tags: list[str]) -> str:
        """``s`` without an apposition between its subject and its verb ("Mr. Stronach, founder and controlling
        shareholder of Magna, resigned" -> "Mr. Stronach resigned"), when it has one."""
        commas = [i for i, w in enumerate(ws) if w == ","]
        if not ws or tags[0] in ("IN", "RB", "VBG", "VBN", "TO") or ws[0].lower() in self.subordinator:
            return s                                    # "For the nine months, X posted ...": no apposition
        if len(commas) < 2 or commas[0] < 2 or not (tags[commas[0] - 1].startswith(("NN", "PRP")) or (
                ws[commas[0] - 1] == "." and tags[commas[0] - 2].startswith("NN"))) \
                or any(t in FINITE for t in tags[:commas[0]]):
            return s
        for close in commas[1:]:
            k = close + 1
            while k < len(ws) and tags[k] == "RB":
                k += 1
            if k < len(ws) and k > commas[0] + 2 and (tags[k] in FINITE or tags[k] in ("VBN", "VBD")):
                lean = s[:starts[commas[0]]].rstrip() + " " + s[starts[close + 1]:]
                if self.has_subject_verb(lean):
                    return lean
        return s

    def trim_tail(self, s: str) -> str:
        """``s`` without the function words at its end ("... fought through several lines until")."""
        ws, starts, ends, tags = self.tokens(s)
        if not ws:
            return s
        last = self._last_word(ws, tags, 0, len(ws))
        return s[:ends[last]].rstrip(_STOPS) if last >= 0 else s

    def cut_at_word(self, s: str, limit: int) -> str:
        """The last resort: ``s`` cut at a word boundary with "…", never after a number or a quantity word."""
        pieces = s[:limit].split(" ")
        if len(pieces) > 1:
            pieces = pieces[:-1]               # the last piece may be a cut word
        while len(pieces) > 1 and (pieces[-1].lower().strip(",;:") in self.tail_words | self.keep_after
                                   or re.fullmatch(r"[-+−$€£]?[\d.,%]+[,;:]?", pieces[-1])):
            pieces.pop()
        cut = " ".join(pieces).rstrip(_STOPS + ".")
        return cut[:limit - 1].rstrip() + "…"
