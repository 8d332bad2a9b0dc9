"""The text side of events: sentences, clauses and headlines, with the language data of ``resources/events_*.tsv``.

Sentences end at ``.``, ``!`` or ``?`` before a capital, a digit or a quote, except after an abbreviation
(``Oct.``, ``Gen.``, ``U.S.``: ``events_abbreviations.tsv``) or an initial; a blank line always ends one.
A headline is derived from the event text by rule: the temporal phrase (with its preposition) and the
attribution ("X said", "according to X") are trimmed, and the rest is cut at a word boundary.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import Iterator

from timeline.lang.lexicon import read_table
from timeline.tagger.scan.regexes import alternation, search_end, words_in

HEADLINE_MAX = 60


def load_tsv(name: str, ncols: int) -> list[tuple[str, ...]]:
    """Rows of ``resources/<name>`` with exactly ``ncols`` fields; a word may have several roles, so only a whole
    row repeated is a duplicate (the one resource loader: :func:`timeline.lang.lexicon.read_table`)."""
    return read_table(name, ncols, exact=True, unique="row")


@functools.lru_cache(maxsize=None)
def lexicon() -> dict:
    """Every events_*.tsv, loaded and checked once."""
    abbrevs = frozenset(r[0] for r in load_tsv("events_abbreviations.tsv", 1))
    signals: dict[str, set[str]] = {}
    for phrase, role in load_tsv("events_signals.tsv", 2):
        signals.setdefault(role, set()).add(phrase.lower())
    attribution: dict[str, set[str]] = {}
    for verb, kind in load_tsv("events_attribution.tsv", 2):
        attribution.setdefault(kind, set()).add(verb.lower())
    return {
        "abbreviations": abbrevs,
        "signals": {k: frozenset(v) for k, v in signals.items()},
        "attribution": {k: frozenset(v) for k, v in attribution.items()},
        "anchors": tuple((p.lower(), b) for p, b in load_tsv("events_anchors.tsv", 2)),
        "boundary_verbs": tuple((v.lower(), b) for v, b in load_tsv("events_boundary_verbs.tsv", 2)),
        "happenings": {w.lower(): c for w, c in load_tsv("events_happenings.tsv", 2)},
        "words": {k: frozenset(v) for k, v in _by_class(load_tsv("events_words.tsv", 2)).items()},
    }


def _by_class(rows) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for word, cls in rows:
        out.setdefault(cls, set()).add(word.lower())
    return out


def words(cls: str) -> frozenset[str]:
    """The small words of one class of ``events_words.tsv`` (conjunction, auxiliary, stop, ...)."""
    return lexicon()["words"].get(cls, frozenset())


# ------------------------------------------------------------------------------------------------ sentences

# A run of stops is taken whole from its first character (the lookbehind), so a long run of dots costs its length once.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARA = re.compile(r"\n[ \t]*\n\s*")


def _is_abbreviation(text: str, dot: int, abbrevs: frozenset) -> bool:
    """Does the period at ``dot`` close an abbreviation or an initial rather than a sentence?"""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“'":
        start -= 1
    token = text[start:dot + 1]
    if token in abbrevs:
        return True
    return bool(re.fullmatch(r"(?:[A-Z]\.)+", token))         # J. Smith, U.S.A.


#: characters; a longer run without a sentence end (a list, a table, markup debris) is cut at a space, so that the
#: work done for each expression on its sentence stays bounded (defect D13: quadratic in one endless sentence)
MAX_SENTENCE = 2000


def _capped(text: str, s: int, e: int):
    """``(s, e)`` in pieces of at most :data:`MAX_SENTENCE` characters, each cut after a space where there is one."""
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = s + MAX_SENTENCE if cut == -1 else cut + 1
        yield s, cut
        s = cut
    yield s, e


def iter_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]`` (offsets into ``text``, whitespace trimmed), one
    paragraph at a time: the first sentence costs its paragraph, not the text."""
    end = len(text) if end is None else end
    abbrevs = lexicon()["abbreviations"]
    p0 = start
    for para in itertools.chain(_PARA.finditer(text, start, end), (None,)):
        p1 = end if para is None else para.end()
        spans: list[tuple[int, int]] = []
        s = p0
        for m in _END.finditer(text, p0, p1):
            punct = m.group(0)
            if punct[0] == "." and punct[1:2] not in (".", "!", "?") and _is_abbreviation(text, m.start(), abbrevs):
                continue
            spans.append((s, m.end()))
            s = m.end()
        spans.append((s, p1))
        for s, e in (piece for span in spans for piece in _capped(text, *span)):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                yield s, e
        p0 = p1


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]`` (offsets into ``text``, whitespace trimmed)."""
    return list(iter_sentences(text, start, end))


@functools.lru_cache(maxsize=None)
def _cuts() -> tuple[re.Pattern, ...]:
    conj = alternation(words("conjunction"))
    return (re.compile(r";\s*"), re.compile(rf",?\s+(?:{conj})\s+", re.I), re.compile(r",\s+"),
            re.compile(r"\s+--?\s+|\s*[–—]\s*"))


@functools.lru_cache(maxsize=None)
def _strong_cuts() -> re.Pattern:
    return re.compile(rf";\s*|,\s+(?:{alternation(words('conjunction'))})\s+", re.I)


def narrow(text: str, lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
    """The clause of ``text[lo:hi]`` holding ``text[a:b]``, cut at semicolons and ", and"/", but" only."""
    before = [m.end() for m in _strong_cuts().finditer(text, lo, a)]
    after = _strong_cuts().search(text, b, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def sentence_subject(sentence: str) -> str:
    """The words before the first verb-looking word ("An independent inquiry" in "An independent inquiry
    opened on Thursday and will sit ..."), or "" when there is no such short subject."""
    tokens = sentence.split()
    for i, w in enumerate(tokens[:7]):
        lw = w.lower().strip(",;:")
        if i and (lw in words("auxiliary") or (len(lw) > 4 and lw.endswith("ed"))):
            return " ".join(tokens[:i]) if not re.search(r"[,;:\"“”]", " ".join(tokens[:i])) else ""
    return ""


def needs_subject(clause: str) -> bool:
    """Does the clause start with a verb ("will sit from March 8", "has carried ...")?"""
    first = clause.split()[0].lower() if clause.split() else ""
    return first in words("auxiliary")


def clause_cut(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where to cut between two dated parts of a sentence: the strongest separator in ``text[lo:hi]``
    (semicolon, then a conjunction, then a comma, then a dash), as ``(end of the first, start of the next)``."""
    for sep in _cuts():
        found = list(sep.finditer(text, lo, hi))
        if found:
            m = found[-1]
            return m.start(), m.end()
    return None


def one_line(s: str) -> str:
    """``s`` on one line: every run of whitespace one space, none at the ends."""
    return " ".join(s.split())


# ------------------------------------------------------------------------------------------------ headlines

@functools.lru_cache(maxsize=None)
def _attribution_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    lex = lexicon()["attribution"]
    content = alternation(lex.get("content", ()))
    lead = re.compile(rf"^(?P<subj>(?:[\w'’.&-]+\s+){{1,8}}?)(?:(?:had|has|have)\s+)?(?:{content})\s+(?:that\s+)?"
                      rf"(?P<rest>\S.*)$", re.I | re.S)
    trail = re.compile(rf",\s*(?P<subj>[^,\"“”]{{1,120}}?(?:,[^\"“”]{{1,120}}?)?)\s+(?:(?:had|has|have)\s+)?"
                       rf"(?:{content})\s*[.!?]*$", re.I | re.S)
    source = re.compile(rf"(?:^(?:{alternation(lex.get('source', ()))})\s+[^,]{{1,80}},\s*"
                        rf"|,\s*(?:{alternation(lex.get('source', ()))})\s+[^,]{{1,80}}$)", re.I)
    return lead, trail, source


@functools.lru_cache(maxsize=None)
def _attribution_end() -> tuple[re.Pattern, int]:
    """What every trailing attribution ends with (a verb of saying, then stops): a cheap test before the costly
    pattern, which tries a subject of up to 240 characters at every comma."""
    content = lexicon()["attribution"].get("content", ())
    return re.compile(rf"(?:{alternation(content)})\s*[.!?]*$", re.I), words_in(content) + 2


def _trailing_attribution(s: str):
    """The match of the trailing attribution pattern in ``s`` (", X said."), or None."""
    end, reach = _attribution_end()
    return _attribution_patterns()[1].search(s) if search_end(end, s, reach) else None


@functools.lru_cache(maxsize=None)
def _preposition_before() -> tuple[re.Pattern, int]:
    """What goes with a date when a headline drops it: "back in", "on", "since", "around", "in early" ..., and
    the words a match can touch (a comma, the lead word, the preposition, "the", the modifier, a partial word)."""
    modifiers = lexicon()["signals"].get("modifier", ())
    pattern = re.compile(
        rf"(?:,\s*)?(?:\b(?:(?:{alternation(words('date_lead'))})\s+)?"
        rf"(?:{alternation(words('date_preposition'))})\s+(?:the\s+)?)?"
        rf"(?:(?<![\w.])(?:{alternation(modifiers)})\s+)?$", re.I)
    reach = words_in(words("date_lead")) + words_in(words("date_preposition")) + words_in(modifiers) + 3
    return pattern, reach


@functools.lru_cache(maxsize=None)
def _openers() -> tuple[re.Pattern, re.Pattern]:
    """A connector ("But", "Meanwhile,") and a preamble ("According to X,") at the start of a headline."""
    preamble = alternation(lexicon()["signals"].get("preamble", ()))
    return (re.compile(rf"^(?:{alternation(words('connector'))})\b,?\s*", re.I),
            re.compile(rf"^(?:{preamble})\b[^,\"“]{{3,60}},\s+(?=\S+(?:\s+\S+){{3}})", re.I))


_QUOTED = re.compile(r"^[\"“](?P<q>[^\"”]{3,}?)[,.!?]?[\"”]\s*,?\s*(?P<rest>.*)$", re.S)


def remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the temporal phrases at ``spans`` (offsets into ``text``) and their prepositions."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        if s < pos:
            continue
        pattern, reach = _preposition_before()
        m = search_end(pattern, text, reach, pos, s)
        cut = m.start() if m and m.start() < s else s
        out.append(text[pos:cut])
        pos = e
        tail = re.match(r"\s*,\s*", text[pos:])
        if tail and not "".join(out).strip():           # "On Wednesday, the agency said" -> "the agency said"
            pos += tail.end()
    out.append(text[pos:])
    return "".join(out)


def _speaker(subj: str) -> str:
    """The name in an attribution subject: its leading run of capitalized words ("Alaedin Boroujerdi")."""
    names = []
    for w in subj.split():
        if not w[:1].isupper():
            break
        names.append(w.strip(",;"))
        if w.endswith(","):
            break
    return " ".join(names[:4])


def shorten(s: str, limit: int = HEADLINE_MAX) -> str:
    """Cut ``s`` to at most ``limit`` characters at a word boundary, ending with an ellipsis when cut."""
    s = one_line(s)
    if len(s) <= limit:
        return s
    pieces = s[:limit].split(" ")
    if len(pieces) > 1:
        pieces = pieces[:-1]               # the last piece may be a cut word
    while len(pieces) > 1 and pieces[-1].lower().strip(",;:") in words("headline_tail"):
        pieces.pop()
    cut = " ".join(pieces).rstrip(",;:-–—(\"“'")
    return cut[:limit - 1].rstrip() + "…"


_SPACE_BEFORE_STOP = re.compile(r"\s+([,;:.!?])")
_REPEATED_STOPS = re.compile(r"([,;:])(?:\s*[,;:])+")


def _tidy(s: str) -> str:
    s = _SPACE_BEFORE_STOP.sub(r"\1", one_line(s)).strip(" ,;:-–—")
    s = _REPEATED_STOPS.sub(r"\1", s)
    if s.count('"') % 2:
        s = s.replace('"', "")
    if (s.count("“") + s.count("”")) % 2:
        s = s.replace("“", "").replace("”", "")
    s = s.rstrip(" .,;:")
    return s[:1].upper() + s[1:] if s else s


def make_headline(text: str, spans: list[tuple[int, int]] = (), fallback: str = "") -> str:
    """A few words (at most ``HEADLINE_MAX`` characters) for ``text`` with the temporal phrases at ``spans``
    (offsets into ``text``) and the attribution trimmed; never empty and never starting or ending mid-word."""
    lead, _, source = _attribution_patterns()
    s = one_line(remove_spans(text, list(spans)))
    s = source.sub("", s).strip()
    connector, preamble = _openers()
    s = preamble.sub("", connector.sub("", s, count=1), count=1)
    quoted = _QUOTED.match(s)
    said = _trailing_attribution("," + quoted["rest"]) if quoted else None
    if said:
        who = _speaker(said["subj"])
        s = f"{who}: {quoted['q']}" if who else quoted["q"]
    else:
        m = _trailing_attribution(s)
        if m and m.start() > 10:
            s = s[:m.start()]
        m = lead.match(s)
        if m and len(m["rest"].split()) >= 3 and not re.search(r"[,\"“]", m["subj"]) \
                and m["rest"].split()[0].lower() not in words("preposition"):
            s = m["rest"]
    s = _tidy(s)
    if not re.search(r"\w", s):
        s = _tidy(fallback) or _tidy(text) or "(untitled)"
    return shorten(s)
