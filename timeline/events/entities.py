"""The entities of one article: names found on the POS tags, and the words that refer back to them.

:func:`article_entities` takes a document's text (with its sentences, its tokens and their POS tags, as the event
detector's tagger gives them) and gives an :class:`Article`: its :class:`Entity` list (each with the name it is
known by, the forms it is written in and its kind, person, org, product or unknown) and every
:class:`EntityMention`, in text order. By rule, in one pass:

- a *name* is a run of proper nouns (``NNP``), or of capitalised words that do not open the sentence ("iPhone"),
  joined by a connector ("Bank of America") and followed by a model number ("iPhone 4", "Boeing 787"); a title
  before it is dropped and makes it a person ("President Barack Obama", "company CEO Steve Jobs"); words inside a
  temporal expression are never names ("June 8");
- a name is an earlier entity when it is written the same up to case, "the", a corporate suffix and a possessive
  ("Boeing Co." = "Boeing"), is the acronym defined after it in parentheses or made of its initials ("General
  Motors (GM)", "GM"), is the last word of a longer name ("Jobs" for "Steve Jobs": a person), or its first word
  when the rest is a model number ("iPhone" for "iPhone 4", the latest such);
- a pronoun refers to the latest entity of a kind it can take, in its sentence or the two before ("he" a person,
  "it" anything else), and a role noun ("the company", "the planemaker", "the device") to the latest entity of
  its kind in the article; a role noun just before a name gives the name its kind ("the technology blog Gizmodo").

The words are data: ``lang/<code>/participants_words.tsv`` (titles, corporate suffixes, pronouns, role nouns).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline.lang import DEFAULT, LanguageError, folder
from timeline.lang.lexicon import read_table

WORDS_FILE = "participants_words.tsv"
KINDS = ("person", "org", "product")
_PROPER = frozenset(("NNP", "NNPS"))
_CAPITALISED_OK = frozenset(("NN", "NNS", "JJ", "CD", "FW", "X", "SYM"))
_MODEL = re.compile(r"\d[\dA-Za-z]{0,4}")
_ACRONYM = re.compile(r"[A-Z][A-Z&.]{1,7}")
PRONOUN_WINDOW = 2           # sentences back a pronoun may look
ROLE_WINDOW = 3              # sentences back a role noun may look for an entity of unknown kind
LOOK_BACK = 200              # mentions, or entities, a reference or a short name is compared with at most (so
                             # that a text of endless names costs its length, not its square)


@dataclass(frozen=True, eq=False)
class ParticipantWords:
    """The words of ``participants_words.tsv`` by class (see its header)."""

    titles: frozenset[str]                  # lower case, one word each
    suffixes: frozenset[str]                # as written
    pronouns: dict[str, str]                # lower case -> person | thing | group
    roles: dict[str, str]                   # lower case -> org | person | product
    determiners: frozenset[str]
    connectors: frozenset[str]
    clause_openers: frozenset[str]
    not_names: frozenset[str]               # as written


@functools.lru_cache(maxsize=None)
def load_words(directory: Path) -> ParticipantWords:
    """The participants' words of the language folder ``directory``, read and checked once."""
    path = directory / WORDS_FILE
    if not path.is_file():
        raise LanguageError(f"language folder {str(directory)!r} has no {WORDS_FILE}")
    by: dict[str, list[str]] = {}
    for word, cls in read_table(WORDS_FILE, 2, exact=True, unique="row", directory=directory):
        by.setdefault(cls, []).append(word)
    lower = lambda cls: frozenset(w.lower() for w in by.get(cls, ()))            # noqa: E731
    pronouns = {w.lower(): cls.split("_", 1)[1] for cls in ("pronoun_person", "pronoun_thing", "pronoun_group")
                for w in by.get(cls, ())}
    roles = {w.lower(): cls.split("_", 1)[1] for cls in ("role_org", "role_person", "role_product")
             for w in by.get(cls, ())}
    return ParticipantWords(
        titles=frozenset(part.rstrip(".") for w in lower("title") for part in w.split()),
        suffixes=frozenset(by.get("suffix", ())), pronouns=pronouns, roles=roles,
        determiners=lower("determiner"), connectors=lower("connector"), clause_openers=lower("clause_opener"),
        not_names=frozenset(by.get("not_name", ())))


def participant_words(lang: str = DEFAULT) -> ParticipantWords:
    """The participants' words of language ``lang``; a folder without the file is a LanguageError."""
    return load_words(folder(lang))


def has_words(lang: str = DEFAULT) -> bool:
    """Does language ``lang`` have participants' words? (Without them its rows have no participants.)"""
    return (folder(lang) / WORDS_FILE).is_file()


@dataclass
class Entity:
    """One entity of an article: the name it is known by (its longest form), its forms as written, its kind."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""                  # person | org | product | "" (unknown)
    words: tuple[str, ...] = ()     # the name's words, lower case, title and suffix dropped


@dataclass(frozen=True)
class EntityMention:
    """Where an entity is named or referred to: tokens ``[first, last)``, characters ``[start, end)``."""

    first: int
    last: int
    start: int
    end: int
    entity: int                     # index into Article.entities
    how: str                        # name | acronym | pronoun | role


@dataclass
class Article:
    entities: list[Entity]
    mentions: list[EntityMention]           # in text order

    def names(self, indexes) -> tuple[str, ...]:
        """The names of entities ``indexes``, each once, in the order given."""
        return tuple(dict.fromkeys(self.entities[i].name for i in indexes))


class _Resolver:
    """Builds an :class:`Article`, sentence by sentence (see the module doc)."""

    def __init__(self, words: ParticipantWords):
        self.w = words
        self.entities: list[Entity] = []
        self.mentions: list[EntityMention] = []
        self.index: dict[tuple[str, ...], int] = {}       # a form's key -> its entity (the latest)
        self.sentence_of: list[int] = []                  # sentence number of each mention
        self.known: set[str] = set()                      # words that name an entity alone ("Jobs", "Boeing")

    # ---------------------------------------------------------------------------------------------- names
    def key(self, words: list[str]) -> tuple[str, ...]:
        ws = list(words)
        while ws and ws[0].lower() in self.w.determiners:
            ws.pop(0)
        while len(ws) > 1 and (ws[-1] in self.w.suffixes or ws[-1] in ("'s", "'", ",")):
            ws.pop()
        return tuple(x.lower().rstrip(".") for x in ws)

    def strip_titles(self, words: list[str]) -> tuple[list[str], bool]:
        """The name without the titles before it ("President Barack Obama" -> "Barack Obama"); a title is kept
        when what follows is one word ("General Motors", "President Obama" stay whole)."""
        n = 0
        while n < len(words) - 1 and words[n].lower().rstrip(".") in self.w.titles:
            n += 1
        if n and len(words) - n >= 2:
            return words[n:], True
        return words, False

    def find(self, words: tuple[str, ...], raw: list[str]) -> int | None:
        if words in self.index:
            return self.index[words]
        if len(words) == 1:
            only = words[0]
            recent = range(len(self.entities) - 1, max(-1, len(self.entities) - 1 - LOOK_BACK), -1)
            if _ACRONYM.fullmatch(raw[-1]):
                for i in recent:
                    ws = [x for x in self.entities[i].words if x not in self.w.connectors]
                    if len(ws) >= 2 and "".join(x[0] for x in ws) == only.replace(".", "").replace("&", ""):
                        return i
            for i in recent:
                ws = self.entities[i].words
                if len(ws) >= 2 and ws[-1] == only and not any(ch.isdigit() for x in ws for ch in x):
                    if not self.entities[i].kind:
                        self.entities[i].kind = "person"
                    return i
            for i in recent:
                ws = self.entities[i].words
                if len(ws) >= 2 and ws[0] == only and (all(_MODEL.fullmatch(x) for x in ws[1:])
                                                       or self.entities[i].kind == "person"):
                    return i                    # "iPhone" for "iPhone 4"; "Steve" for the person Steve Jobs
        return None

    def add_name(self, raw: list[str], first: int, last: int, start: int, end: int, sentence: int,
                 kind: str = "", text: str = "") -> int | None:
        name_words, titled = self.strip_titles(raw)
        words = self.key(name_words)
        if not words or all(x in self.w.connectors or x in self.w.titles for x in words):
            return None
        found = self.find(words, name_words)
        written = " ".join(text.split()) if text and not titled else " ".join(name_words)
        if found is None:
            found = len(self.entities)
            self.entities.append(Entity(written, [written], "", words))
        ent = self.entities[found]
        if written not in ent.aliases:
            ent.aliases.append(written)
        if len(words) > len(ent.words):
            ent.name, ent.words = written, words
        if titled:
            kind = kind or "person"
        if any(x in self.w.suffixes for x in raw[1:]):
            kind = kind or "org"
        if kind and not ent.kind:
            ent.kind = kind
        self.index[words] = found
        self.known.add(words[-1])
        if ent.kind == "person":
            self.known.add(ent.words[0])
        self.mention(first, last, start, end, found, "name", sentence)
        return found

    def mention(self, first, last, start, end, entity, how, sentence) -> None:
        self.mentions.append(EntityMention(first, last, start, end, entity, how))
        self.sentence_of.append(sentence)

    # --------------------------------------------------------------------------------------- references
    def refer(self, sentence: int, accepts, window: int | None) -> int | None:
        """The latest entity mentioned (by name or acronym) that ``accepts(entity)``, ``window`` sentences back
        at most (None: the whole article so far)."""
        for n, (m, s) in enumerate(zip(reversed(self.mentions), reversed(self.sentence_of))):
            if (window is not None and sentence - s > window) or n >= LOOK_BACK:
                break
            ent = self.entities[m.entity]
            if accepts(ent):
                return m.entity
        return None


def article_entities(text: str, sentence_of: list[int], words: list[str], starts: list[int],
                     ends: list[int], tags: list[str], masked: set[int] = frozenset(),
                     lang: str = DEFAULT) -> Article:
    """The :class:`Article` of ``text``: ``words`` with their character ``starts``/``ends``, POS ``tags`` and
    sentence numbers (``sentence_of``, non-decreasing), ``masked`` the token indexes that belong to temporal
    expressions (never names)."""
    pw = participant_words(lang)
    r = _Resolver(pw)
    n = len(words)

    def initial(k: int) -> bool:
        return k == 0 or sentence_of[k - 1] != sentence_of[k] or words[k - 1] in ('"', "(", "``", "'")

    capital = [w != w.lower() for w in words]

    def namely(k: int) -> bool:
        t = tags[k]
        if not capital[k] and t not in _PROPER:
            return False
        if k in masked or words[k] in pw.not_names or not words[k][:1].isalnum():
            return False
        if t in _PROPER:
            return capital[k] or words[k][:1].isdigit()
        if words[k].lower() in r.known or (k + 1 < n and words[k + 1] in pw.suffixes):
            return True                         # a name seen before ("Boeing said"), or "Boeing Co."
        return t in _CAPITALISED_OK and not initial(k) \
            and words[k].lower().rstrip(".") not in pw.titles

    k = 0
    while k < n:
        s = sentence_of[k]
        w = words[k]
        low = w.lower()
        if namely(k):
            j = k + 1
            while j < n and sentence_of[j] == s:
                if namely(j):
                    j += 1
                elif words[j].lower() in pw.connectors and j + 1 < n and namely(j + 1) \
                        and sentence_of[j + 1] == s and words[j - 1].lower() not in pw.titles:
                    j += 2
                elif _MODEL.fullmatch(words[j]) and j not in masked and not (j + 1 < n and tags[j + 1] in ("NN", "NNS")):
                    j += 1
                    break
                else:
                    break
            first = k
            while first > 0 and sentence_of[first - 1] == s and words[first - 1].lower().rstrip(".") in pw.titles \
                    and (tags[first - 1] in _PROPER or words[first - 1][:1].isupper()) and first - 1 not in masked:
                first -= 1                           # a capitalised title joins the name, to be stripped from it
            kind = "person" if first < k else ""
            if not kind and first > 0 and sentence_of[first - 1] == s:
                before = words[first - 1].lower()
                if before.rstrip(".") in pw.titles:
                    kind = "person"
                elif before in pw.roles:
                    kind = pw.roles[before]
            after = j + 3 < n and words[j] == "," and words[j + 1].lower() in pw.determiners
            if after and words[j + 2].lower() in pw.roles:
                kind = kind or pw.roles[words[j + 2].lower()]
            end = ends[j - 1] + (1 if words[j - 1] in pw.suffixes and j < n and words[j] == "."
                                 and starts[j] == ends[j - 1] else 0)          # "Boeing Co." keeps its dot
            found = r.add_name(words[first:j], first, j, starts[first], end, s, kind, text[starts[first]:end])
            if found is not None and j + 2 < n and words[j] == "(" and words[j + 2] == ")" \
                    and _ACRONYM.fullmatch(words[j + 1]):
                acronym = words[j + 1]
                r.index[(acronym.lower().rstrip("."),)] = found
                if acronym not in r.entities[found].aliases:
                    r.entities[found].aliases.append(acronym)
                r.mention(j + 1, j + 2, starts[j + 1], ends[j + 1], found, "acronym", s)
                j += 3
            k = j
            continue
        if low in pw.pronouns:
            want = pw.pronouns[low]
            accepts = (lambda e: e.kind == "person") if want == "person" else \
                (lambda e: e.kind != "person") if want == "thing" else (lambda e: e.kind != "person")
            found = r.refer(s, accepts, PRONOUN_WINDOW)
            if found is not None:
                r.mention(k, k + 1, starts[k], ends[k], found, "pronoun", s)
        elif low in pw.determiners:
            j = k + 1
            while j < n and j - k <= 4 and sentence_of[j] == s and tags[j] in ("JJ", "NN", "NNS", "VBN", "CD") \
                    and not namely(j):
                j += 1
            head = words[j - 1].lower() if j > k + 1 else ""
            if head in pw.roles and not (j < n and namely(j)):
                kind = pw.roles[head]
                found = r.refer(s, lambda e: any(head in x for x in e.words) and e.kind in (kind, ""), None)
                if found is None:
                    found = r.refer(s, lambda e: e.kind == kind, None)
                if found is None and kind != "person":
                    found = r.refer(s, lambda e: not e.kind, ROLE_WINDOW)
                if found is not None:
                    r.entities[found].kind = r.entities[found].kind or kind
                    r.mention(k, j, starts[k], ends[j - 1], found, "role", s)
                k = j
                continue
        k += 1
    return Article(r.entities, r.mentions)
