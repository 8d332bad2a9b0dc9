"""Headlines by rule, from a language's word lists (part of :mod:`timeline.events.text`).

Takes the text of an event (its clause) and the offsets of its temporal phrases; gives a few words (at most
:data:`HEADLINE_MAX` characters): the temporal phrases with their prepositions ("back in October") and the
attribution ("X said", "according to X") are trimmed, a leading connector ("But") or preamble ("With the support
of X,") is dropped, and the rest is cut at a word boundary. Never empty, never starting or ending mid-word.
"""
from __future__ import annotations

import re

from timeline.events.sentences import one_line
from timeline.events.words import EventWords, one_of
from timeline.tagger.scan.regexes import search_end, words_in

HEADLINE_MAX = 60

_QUOTED = re.compile(r"^[\"“](?P<q>[^\"”]{3,}?)[,.!?]?[\"”]\s*,?\s*(?P<rest>.*)$", re.S)
_SPACE_BEFORE_STOP = re.compile(r"\s+([,;:.!?])")
_REPEATED_STOPS = re.compile(r"([,;:])(?:\s*[,;:])+")
_LEADING_COMMA = re.compile(r"\s*,\s*")


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


def _tidy(s: str) -> str:
    s = _SPACE_BEFORE_STOP.sub(r"\1", one_line(s)).strip(" ,;:-–—")
    s = _REPEATED_STOPS.sub(r"\1", s)
    if s.count('"') % 2:
        s = s.replace('"', "")
    if (s.count("“") + s.count("”")) % 2:
        s = s.replace("“", "").replace("”", "")
    s = s.rstrip(" .,;:")
    return s[:1].upper() + s[1:] if s else s


class HeadlineRules:
    """The headline rules of one language: its patterns, built once from its words."""

    def __init__(self, words: EventWords):
        content = one_of(words.attribution.get("content", ()))
        source = one_of(words.attribution.get("source", ()))
        perfect = one_of(words.word("perfect"))                   # "X had said"
        that = one_of(words.word("complementizer"))               # "X said that ..."
        article = one_of(words.word("article"))
        self.lead = re.compile(rf"^(?P<subj>(?:[\w'’.&-]+\s+){{1,8}}?)(?:{perfect}\s+)?(?:{content})\s+"
                               rf"(?:{that}\s+)?(?P<rest>\S.*)$", re.I | re.S)
        self.trail = re.compile(rf",\s*(?P<subj>[^,\"“”]{{1,120}}?(?:,[^\"“”]{{1,120}}?)?)\s+(?:{perfect}\s+)?"
                                rf"(?:{content})\s*[.!?]*$", re.I | re.S)
        self.source = re.compile(rf"(?:^(?:{source})\s+[^,]{{1,80}},\s*|,\s*(?:{source})\s+[^,]{{1,80}}$)", re.I)
        # what every trailing attribution ends with (a verb of saying, then stops): a cheap test before the
        # costly pattern, which tries a subject of up to 240 characters at every comma
        self.attribution_end = (re.compile(rf"(?:{content})\s*[.!?]*$", re.I),
                                words_in(words.attribution.get("content", ())) + 2)
        # what goes with a date when a headline drops it: "back in", "on", "since", "around", "in early" ..., and
        # the words a match can touch (a comma, the lead word, the preposition, "the", the modifier, a partial word)
        modifiers = words.signal("modifier")
        self.preposition_before = (
            re.compile(rf"(?:,\s*)?(?:\b(?:{one_of(words.word('date_lead'))}\s+)?"
                       rf"(?:{one_of(words.word('date_preposition'))})\s+(?:{article}\s+)?)?"
                       rf"(?:(?<![\w.])(?:{one_of(modifiers)})\s+)?$", re.I),
            words_in(words.word("date_lead")) + words_in(words.word("date_preposition")) + words_in(modifiers) + 3)
        # a connector ("But", "Meanwhile,") and a preamble ("According to X,") at the start of a headline
        self.connector = re.compile(rf"^(?:{one_of(words.word('connector'))})\b,?\s*", re.I)
        self.preamble = re.compile(rf"^(?:{one_of(words.signal('preamble'))})\b[^,\"“]{{3,60}},\s+"
                                   rf"(?=\S+(?:\s+\S+){{3}})", re.I)
        self.tail_words = words.word("headline_tail")
        self.prepositions = words.word("preposition")
        self.untitled = min(words.word("untitled"), default="…")    # the headline of no words at all

    def trailing_attribution(self, s: str):
        """The match of the trailing attribution pattern in ``s`` (", X said."), or None."""
        end, reach = self.attribution_end
        return self.trail.search(s) if search_end(end, s, reach) else None

    def remove_spans(self, text: str, spans: list[tuple[int, int]]) -> str:
        """``text`` without the temporal phrases at ``spans`` (offsets into ``text``) and their prepositions."""
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        out, pos = [], 0
        pattern, reach = self.preposition_before
        for s, e in merged:
            if s < pos:
                continue
            m = search_end(pattern, text, reach, pos, s)
            cut = m.start() if m and m.start() < s else s
            out.append(text[pos:cut])
            pos = e
            tail = _LEADING_COMMA.match(text, pos)
            if tail and not "".join(out).strip():           # "On Wednesday, the agency said" -> "the agency said"
                pos = tail.end()
        out.append(text[pos:])
        return "".join(out)

    def shorten(self, s: str, limit: int = HEADLINE_MAX) -> str:
        """Cut ``s`` to at most ``limit`` characters at a word boundary, ending with an ellipsis when cut."""
        s = one_line(s)
        if len(s) <= limit:
            return s
        pieces = s[:limit].split(" ")
        if len(pieces) > 1:
            pieces = pieces[:-1]               # the last piece may be a cut word
        while len(pieces) > 1 and pieces[-1].lower().strip(",;:") in self.tail_words:
            pieces.pop()
        cut = " ".join(pieces).rstrip(",;:-–—(\"“'")
        return cut[:limit - 1].rstrip() + "…"

    def headline(self, text: str, spans: list[tuple[int, int]] = (), fallback: str = "") -> str:
        """A few words (at most ``HEADLINE_MAX`` characters) for ``text`` with the temporal phrases at ``spans``
        (offsets into ``text``) and the attribution trimmed; never empty and never starting or ending mid-word."""
        s = one_line(self.remove_spans(text, list(spans)))
        s = self.source.sub("", s).strip()
        s = self.preamble.sub("", self.connector.sub("", s, count=1), count=1)
        quoted = _QUOTED.match(s)
        said = self.trailing_attribution("," + quoted["rest"]) if quoted else None
        if said:
            who = _speaker(said["subj"])
            s = f"{who}: {quoted['q']}" if who else quoted["q"]
        else:
            m = self.trailing_attribution(s)
            if m and m.start() > 10:
                s = s[:m.start()]
            m = self.lead.match(s)
            if m and len(m["rest"].split()) >= 3 and not re.search(r"[,\"“]", m["subj"]) \
                    and m["rest"].split()[0].lower() not in self.prepositions:
                s = m["rest"]
        s = _tidy(s)
        if not re.search(r"\w", s):
            s = _tidy(fallback) or _tidy(text) or self.untitled
        return self.shorten(s)
