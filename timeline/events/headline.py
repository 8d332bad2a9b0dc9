"""Headlines by rule, from a language's word lists (part of :mod:`timeline.events.text`).

Takes the text of an event (its clause) and the offsets of its temporal phrases; gives a few words (at most
:data:`HEADLINE_MAX` characters): the temporal phrases with their prepositions ("back in October") and the
attribution ("X said", "according to X") are trimmed, a leading connector ("But") or preamble ("With the support
of X,") is dropped, and the rest is cut at a word boundary. Never empty, never starting or ending mid-word.
"""
from __future__ import annotations

import itertools
import re

from timeline.events.headline_fit import FINITE, Fitter
from timeline.events.sentences import SentenceRules, one_line
from timeline.events.words import EventWords, one_of
from timeline.tagger.scan.regexes import search_end, words_in

HEADLINE_MAX = 60

_QUOTED = re.compile(r"^[\"“](?P<q>[^\"”]{3,}?)[,.!?]?[\"”]\s*,?\s*(?P<rest>.*)$", re.S)
_SPACE_BEFORE_STOP = re.compile(r"\s+([,;:.!?])")
_REPEATED_STOPS = re.compile(r"([,;:])(?:\s*[,;:])+")
_LEADING_COMMA = re.compile(r"\s*,\s*")
#: characters of a clause's start past which its dates are left in (a headline is fitted from the first 240): a
#: sentence of 300 dates costs its dates once, not once per date
_FAR = 600
_WORDS = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_SIGNED_START = re.compile(r"^[-−]\d")
_DASH = re.compile(r"\s+(?:_+|-{2,}|–|—)\s+")        # a news agency's dashes: "X _ Y", "X -- Y", "X ---- Y"
# a news agency's dateline: "WASHINGTON _", "MOSCOW (AP)_", "NEWARK, N.J. _", "PARIS (Reuters) --"
# (a word is letters with single stops between them, written so that a word can be split one way only: the nested
# "[^\W\d_]*[.'-]?(?:[^\W\d_]+[.'-]?)*" it replaces tried every split of a long capitalized word, 2^n of them)
_DATELINE = re.compile(r"^[A-Z][A-Z'.-]{2,}(?:[ ,]+[A-Z][^\W\d_]*(?:[.'-][^\W\d_]+)*[.'-]?){0,3}\s*"
                       r"(?:\([^()\d]{2,20}\)\s*(?:--|[_—–-])?|--|[_—–])\s*")


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


def _capped(s: str) -> str:
    """``s`` without what lies beyond four headlines' length (cut at a space): a headline is fitted from its start,
    and the rest would only cost time (a sentence of 300 dates)."""
    if len(s) <= 4 * HEADLINE_MAX:
        return s
    cut = s.rfind(" ", 0, 4 * HEADLINE_MAX)
    return s[:cut if cut > 0 else 4 * HEADLINE_MAX]


def _tidy(s: str) -> str:
    s = _DASH.sub(" — ", _SPACE_BEFORE_STOP.sub(r"\1", one_line(s))).strip(" ,;:–—_")
    s = s.rstrip("-") if _SIGNED_START.match(s) else s.strip("-").strip()    # "-5 degrees" keeps its sign
    s = _REPEATED_STOPS.sub(r"\1", s)
    if s.count('"') % 2:
        s = s.replace('"', "")
    if (s.count("“") + s.count("”")) % 2:
        s = s.replace("“", "").replace("”", "")
    s = s.rstrip(" .,;:`“")                  # and a quote opened at the end: "... Geremek said. ``"
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
        self.fitter = Fitter(words)
        self._walked = None                     # the last text remove_spans walked, its dates and where it stopped
        # an attribution inside the sentence: "Mr. Antar, the SEC said, made more than $60 million"
        self.inner = re.compile(rf",\s*(?:[\w'’.&-]+\s+){{1,6}}?(?:{perfect}\s+)?(?:{content})\s*,\s*", re.I)
        self.auxiliary = words.word("auxiliary")
        self.sentence_rules = SentenceRules(words)
        self.last_part = re.compile(rf",\s*(?:(?:{one_of(words.word('conjunction'))})\s+)?|"
                                    rf"\s(?:{one_of(words.word('conjunction'))})\s", re.I)
        # a parenthesis left with no word but a preposition or a conjunction: "(on )", "( to )"
        small = one_of(words.word("preposition") | words.word("date_preposition") | words.signal("to")
                       | words.signal("and") | words.word("conjunction"))
        self.empty_parens = re.compile(rf"\s*\((?:[^\w()]|\b(?:{small})\b)*\)", re.I)
        self.article_end = re.compile(rf"\b(?:{article})\s+$", re.I)
        self.small_words = (words.word("preposition") | words.word("date_preposition") | words.word("article")
                            | words.word("determiner") | words.word("connector"))

    def trailing_attribution(self, s: str):
        """The match of the trailing attribution pattern in ``s`` (", X said."), or None."""
        end, reach = self.attribution_end
        return self.trail.search(s) if search_end(end, s, reach) else None

    def remove_spans(self, text: str, spans: list[tuple[int, int]]) -> str:
        """``text`` without the temporal phrases at ``spans`` (offsets into ``text``) and their prepositions."""
        merged: list[list[int]] = []
        for s, e in sorted(self._whole_words(text, a, b) if text[a - 1:a + 1].isalnum() or text[b - 1:b + 1].isalnum()
                           else (a, b) for a, b in spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        merged = [tuple(m) for m in merged]
        last = self._walked                     # the events of one sentence add a date each: go on from there
        if last and last[0] == text and len(last[1]) <= len(merged) and tuple(merged[:len(last[1])]) == last[1]:
            done, (prefix, pos, started, kept, broke) = len(last[1]), last[2]
            out = [prefix]
        else:
            done, out, pos, started, kept, broke = 0, [], 0, False, 0, False
        pattern, reach = self.preposition_before
        for s, e in merged[done:] if not broke else ():
            if s < pos:
                continue
            if kept > _FAR:                     # a headline is fitted from the start: the rest stays as it is
                broke = True
                break
            if started and not _LETTER.search(text, pos, s):    # dates side by side ("1 Jan. 2 Jan."): no word
                nxt = text[e:e + 8].lstrip()[:1]                # between them to look at
                if not nxt.isalpha() and nxt not in "'’":
                    out.append(text[pos:s])
                    pos = e
                    continue
            m = search_end(pattern, text, reach, pos, s)
            cut = m.start() if m and m.start() < s else s
            if cut < s and self._inside_phrase(text, cut, s, e):
                cut = s                         # "from the [recently] passed bill": the date is inside a phrase
            before = text[pos:cut]
            hole = self._hole(before, text[e:e + 60])
            if hole == "keep":                  # "a report dated in 2019 had": the date stays
                out.append(text[pos:e])
                started = True
                pos = e
                continue
            if hole == "cut":                  # "Sales for the full year were" -> "Sales were"
                before = "" if not started and len(before.split()) == 1 else \
                    before.rstrip()[:len(before.rstrip()) - len(before.split()[-1])]
            out.append(before)
            kept += len(before)
            started = started or not before.isspace() and before != ""
            pos = e
            tail = _LEADING_COMMA.match(text, pos)
            if tail and not started:            # "On Wednesday, the agency said" -> "the agency said"
                pos = tail.end()
        prefix = "".join(out)
        self._walked = (text, tuple(merged), (prefix, pos, started, kept, broke))
        out = [prefix]
        out.append(text[pos:])
        joined = "".join(out)
        return self.empty_parens.sub("", joined) if "(" in joined else joined

    def _inside_phrase(self, text: str, cut: int, s: int, e: int) -> bool:
        """Is the date at ``text[s:e]`` inside a noun phrase its preposition at ``cut`` opens ("from the [recently]
        passed bill", "a gain in [third-quarter] net income")? Then the preposition stays."""
        head = text[e:e + 40].split()[:3]
        if not head or not head[0][:1].islower():
            return False
        if self.article_end.search(text, cut, s):
            return True
        tags = self.fitter.tokens(" ".join(head))[3]       # "[third-quarter] net income": a modifier, a noun
        return len(tags) > 1 and tags[0].startswith(("NN", "JJ")) and tags[1].startswith("NN")

    @staticmethod
    def _whole_words(text: str, s: int, e: int) -> tuple[int, int]:
        """``(s, e)`` widened to whole words: a phrase "Tuesday night" in "Tuesday nights" takes the "s" too."""
        while 0 < s < len(text) and text[s - 1].isalnum() and text[s].isalnum():
            s -= 1
        while 0 < e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
            e += 1
        return s, e

    def _hole(self, before: str, after: str) -> str | None:
        """Would cutting a date out between ``before`` and ``after`` leave a hole? "keep" (keep the date: "a
        report dated in 2019 had", "lower than a year ago", "this year's results"), "cut" (cut the preposition
        left before it too: "Sales for the full year were" -> "Sales were"; "Over the weekend, lawyers" ->
        "lawyers"), or None (no hole)."""
        words = before[-60:].split()
        head = after[:60].lstrip()
        if head.startswith(("'s", "’s")):
            return "keep"
        if not words:                           # the date is the subject: "The beginning of 2006 was marked"
            if not head[:1].isalpha():
                return None
            tags = [t for t in self.fitter.tokens(" ".join(head.split()[:3]))[3] if t != "RB"]   # "2007 also saw"
            return "keep" if tags and tags[0] in ("VBD", "VBZ", "VBP", "MD") else None
        last = words[-1].lower()
        two = " ".join(words[-2:]).lower()
        context = " ".join(words[-3:])
        keep = last in self.fitter.hanging or two in self.fitter.hanging
        preposition = not keep and (last in self.prepositions or last.isalpha() and last == words[-1]
                                    and self.fitter.tokens(context)[3][-1:] in (["IN"], ["TO"]))
        if not keep and not preposition:
            return None
        if len(words) == 1 and head.startswith(","):
            return "cut"
        if not head or head[0] in ",.;:)!?":
            return "keep" if keep else "cut"
        ws, _s, _e, tags = self.fitter.tokens(context + " " + " ".join(head.split()[:3]))
        n = len(self.fitter.tokens(context)[0])
        nxt = tags[n] if n < len(tags) else None
        if nxt not in ("VBD", "VBZ", "VBP", "MD", "VBN", "IN", "TO", "CC"):
            return None
        return "keep" if keep else "cut"

    def shorten(self, s: str, limit: int = HEADLINE_MAX) -> str:
        """``s`` in at most ``limit`` characters: cut at a phrase boundary where what is left still says who did
        what (:meth:`Fitter.fit`), else at a word boundary with an ellipsis."""
        return self.fitter.fit(one_line(s), limit)

    def _headline(self, text: str, spans: list[tuple[int, int]]) -> str:
        s = one_line(self.remove_spans(text, list(spans)))
        content = list(itertools.islice((w for w in _WORDS.findall(s[:_FAR]) if w.lower() not in self.small_words),
                                        2)) or [w for w in _WORDS.findall(s) if w.lower() not in self.small_words][:1]
        if not content:
            return ""                           # "On Monday." is only its date: the caller falls back
        if len(content) == 1 and self.fitter.word_count(s) <= 1 < self.fitter.word_count(text):
            s = one_line(text)                  # "Campaign of 1904", "2003: Invasion": the date stays
        s = _DATELINE.sub("", s, count=1)
        s = self.source.sub("", s).strip()
        s = self.inner.sub(" ", s[:_FAR]) + s[_FAR:]        # (what lies further is no headline's)
        s = self.preamble.sub("", self.connector.sub("", s, count=1), count=1)
        quoted = _QUOTED.match(s)
        said = self.trailing_attribution("," + quoted["rest"]) if quoted else None
        if said:
            who = _speaker(said["subj"])
            s = f"{who}: {quoted['q']}" if who else quoted["q"]
        else:
            s = _capped(self._without_trailing_attribution(s))
            m = self.lead.match(s)
            if m and len(m["rest"].split()) >= 3 and not re.search(r"[,\"“]", m["subj"]) \
                    and m["rest"].split()[0].lower() not in self.prepositions and self._saying_verb(m) \
                    and self.fitter.has_subject_verb(m["rest"]):
                s = m["rest"]
        return _tidy(s)

    def _without_trailing_attribution(self, s: str) -> str:
        """``s`` without its trailing attribution (", city officials said"); where the pattern takes more than the
        last comma's part and leaves no verb ("FBI Director Louis Freeh, on a visit to Mexico, asked ..., federal
        officials said"), only the last part goes."""
        m = self.trailing_attribution(s)
        if not m or m.start() <= 10:
            return s
        if self.fitter.has_subject_verb(s[:m.start()]) or not self.fitter.has_subject_verb(s):
            return s[:m.start()]
        last = s.rfind(",")
        return s[:last] if last > 10 and self.trailing_attribution(s[last:]) else s

    def _saying_verb(self, m) -> bool:
        """Is the verb of saying of a lead attribution a verb ("officials said ...", not "six Southern states
        made ...")? Tagged with what comes before and after it."""
        ws, _s, _e, tags = self.fitter.tokens(m.group(0)[:m.start("rest")].strip())
        return bool(tags) and tags[-1] not in ("NN", "NNS", "NNP")

    def _subject_of(self, lead: str) -> str:
        """The subject of the sentence part ``lead`` (the words before its first verb, at most six, no comma), for
        a clause that has lost its own ("The Athenians felt hard done by, and | refused to join ..."); or ""."""
        tail = self.last_part.split(lead.strip())[-1]
        ws, starts, _e, tags = self.fitter.tokens(tail)
        if 0 < len(ws) <= 6 and not any(t in FINITE for t in tags) and any(t.startswith("NN") for t in tags) \
                and tags[0] in ("DT", "NN", "NNS", "NNP", "JJ", "CD", "PRP"):
            return tail.strip()                 # "..., and the assault | was repulsed"
        ws, starts, _e, tags = self.fitter.tokens(lead)
        v = self.fitter.verb_index(ws, tags)
        if v is None or v > 6 or "," in ws[:v] or tags[0] in ("IN", "RB", "VBG", "TO", "CC"):
            return ""
        return lead[:starts[v]].strip()

    def headline(self, text: str, spans: list[tuple[int, int]] = (), fallback: str = "") -> str:
        """A few words (at most ``HEADLINE_MAX`` characters) for ``text`` with the temporal phrases at ``spans``
        (offsets into ``text``) and the attribution trimmed; never empty and never starting or ending mid-word.
        Where the clause alone has no subject and verb ("Germany in 1955", "police said today") and ``fallback``
        is its sentence, the sentence's headline is taken when it has them."""
        spans = list(spans)
        s = _capped(self._headline(text, spans))
        fit = self.fitter
        if not fit.good(s) and fallback and fallback != text and text.strip():
            off = fallback.find(text)
            if (text.split() or [""])[0].lower() in self.auxiliary and self.sentence_rules.subject(fallback[:off]):
                return self.shorten(s)          # the events stage lends it its sentence's subject
            subject = self._subject_of(fit.simplest(fallback[:off].rstrip())) if off > 0 and s else ""
            borrowed = _tidy(f"{subject} {s[:1].lower()}{s[1:]}") if subject else ""
            if borrowed and fit.good(borrowed):         # "refused to join the navy" -> "The Athenians refused ..."
                s = borrowed
            elif off >= 0:
                whole = _capped(self._headline(fallback, [(a + off, b + off) for a, b in spans]))
                if fit.good(whole) or (fit.word_count(s) <= 1 < fit.word_count(whole)):
                    s = whole
        if not re.search(r"\w", s):
            s = _tidy(fallback) or _tidy(text) or self.untitled
        return self.shorten(s)
