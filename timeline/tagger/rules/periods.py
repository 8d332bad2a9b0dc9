"""Recognition rules for calendar periods: quarters and halves (with their financial-news anaphora: "the
quarter", "the year-ago period", "the quarter ended Sept. 30"), seasons and holidays.

Same conventions as :mod:`timeline.tagger.rules.calendar`.
"""
from __future__ import annotations

import re

from timeline.tagger.rules.base import Hit, P, Rule, mod_of, relative, valid_day, year_of

ENDED = re.compile(r"\s+(?:that\s+|which\s+)?end(?:ed|ing|s)\s+(?:on\s+)?(?P<mon>(?-i:Jan|Feb|Mar|Apr|"
                   r"May|Jun|Jul|Aug|"
                   r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)\s*(?P<day>[0-3]?\d)\b(?:,?\s*(?P<year>(?:1\d|20)\d\d))?")
QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
               "final": 4}
REF_ADJ = {"year-earlier": ("year", -1), "year-ago": ("year", -1), "comparable": ("year", -1),
           "corresponding": ("year", -1), "year-before": ("year", -1), "prior-year": ("year", -1),
           "same": ("same", 0), "latest": ("latest", 0), "recent": ("latest", 0), "current": ("current", 0),
           "previous": ("previous", -1), "prior": ("previous", -1), "past": ("latest", 0),
           "preceding": ("previous", -1)}


def quarter_rule(m, lex, text):
    # EXAMPLE: the third quarter / third-quarter / the 1988 third quarter / the first half of 1998 /
    # the year-ago quarter / the current quarter / this year's third quarter / the fiscal first quarter
    unit = m.group("unit").lower()
    ordword = (m.group("ord") or "").lower()
    year = year_of(m.group("yr") or m.group("yr2"))
    yrel_text = (m.group("yrel") or m.group("yrel2") or "").lower()
    adjs = re.findall(r"year-earlier|year-ago|comparable|corresponding|year-before|prior-year|same|latest|"
                      r"recent|current|previous|prior|past|preceding", (m.group("adj") or "").lower())
    det = (m.group("det") or "").lower()
    extra = {"fiscal": True} if "fiscal" in m.group(0).lower() else {}
    if unit == "period":
        if not (year or adjs or yrel_text) or (year and not det):
            return None
        extra["period"] = True
    if ordword in ("last", "final") and not (year or yrel_text or det in ("the", "its")):
        return None
    n = QUARTER_ORD.get(ordword) if ordword not in ("last",) else (4 if unit == "quarter" else 2)
    if unit == "half" and n not in (None, 1, 2):
        n = 2 if ordword in ("last", "final") else None
        if n is None:
            return None
    if n is not None and adjs and REF_ADJ[adjs[0]][0] == "year" and not year:
        return Hit("DATE", P(quarter=n if unit == "quarter" else None, half=n if unit == "half" else None,
                             offset=("year", -1), anchor="dct", granularity=unit, extra=extra))
    if n is None and not (adjs or year or det in ("the", "its", "this", "that", "last", "next") or yrel_text):
        return None
    if n is None and not adjs and det in ("the", "its") and not year and not yrel_text:
        if re.match(r"\s*(?:of|-|point|mile|inch|century|hour|million|billion|percent|\d)", text[m.end():],
                    re.IGNORECASE) or unit == "half":
            return None
        adjs = ["latest"]
    granularity = unit if unit != "period" else "quarter"
    ended = ENDED.match(text, m.end())
    if ended and n is None and unit in ("quarter", "period") and not adjs[1:] and (
            not adjs or adjs[0] in ("latest", "recent", "past", "current")):
        # "the quarter ended Sept. 30": the three months that end on that day
        month, day = lex.month(ended.group("mon")), int(ended.group("day"))
        if valid_day(None, month, day):
            extra.pop("latest", None)
            extra["ended"] = (month, day)
            return Hit("DATE", P(year=year_of(ended.group("year")), granularity="quarter", extra=extra))
    if year and n is None and not adjs and unit in ("quarter", "period"):
        extra["latest"] = "quarter"     # "the 1988 quarter": the quarter in view, in 1988
        extra["year"] = year
        return Hit("DATE", P(granularity="quarter", anchor="ref", extra=extra))
    fields = {}
    if n is not None:
        fields["quarter" if unit == "quarter" else "half"] = n
    offset, anchor = None, None
    if yrel_text and n is None and not year and yrel_text.startswith("last"):
        offset, anchor = ("year", -1), "ref"    # "last year's quarter", "the corresponding period last year":
        extra["same_unit"] = granularity        # the quarter in view, a year back
        extra.pop("latest", None)
    elif yrel_text:
        offset, anchor = ("year", int(lex.word("relative", yrel_text.split()[0].replace("'s", ""), 0))), "dct"
    elif det in ("this", "last", "next") and n is None:
        offset, anchor = (granularity, relative(lex, det)), "dct"
    elif adjs and n is None and not year:
        kind = REF_ADJ[adjs[0]]
        if kind[0] == "year":
            offset, anchor = ("year", -1), "ref"
            extra["same_unit"] = granularity
        elif kind[0] in ("latest", "same"):
            extra["latest"] = granularity
            anchor = "ref"
        elif kind[0] == "current":
            offset, anchor = (granularity, 0), "dct"
        else:
            offset, anchor = (granularity, -1), "ref"
    elif det == "that" and n is None:
        extra["latest"] = granularity
        anchor = "ref"
    span = None
    if det and n is not None and (det in ("a", "its", "that", "this") or re.search(r"\w-\s*(?:fiscal\s+)?"
                                                                                 r"(?:quarter|"
                                                                                 r"half)", m.group(0))):
        span = (m.start("ord") if m.group("ord") else m.start("unit"), m.end())
        if m.group("yr"):
            span = (m.start("yr"), m.end())
    if m.group("ago"):
        offset, anchor = ("year", -1), "ref"
        extra["same_unit"] = granularity
        extra.pop("latest", None)
    return Hit("DATE", P(year=year, offset=offset, anchor=anchor, granularity=granularity, extra=extra, **fields),
               span=span)


def season_rule(m, lex, text):
    # EXAMPLE: last fall / this summer / the winter of 1994 / summer 2015 / early spring
    season = lex.seasons[m.group("s").lower()]
    year = year_of(m.group("year"))
    det = (m.group("det") or "").lower().split()
    mod = mod_of(m.group("det"), lex)
    if not (year or det):
        before = text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|during|over|since|until|by|through|this|last|next|each|every)\s+$", before,
                         re.IGNORECASE) or m.group("s").lower() == "fall":
            return None
    if det and det[-1] == "the" and not year:
        if re.match(r"\s+of\b", text[m.end():]) or m.group("s").lower() == "fall" and not re.search(
                r"\b(?:in|during|over|since|until|by|through)\s+$", text[max(0, m.start() - 12):m.start()],
                re.IGNORECASE):
            return None
    if year:
        return Hit("DATE", P(year=year, season=season, mod=mod, granularity="season"))
    if det and det[-1] == "that":
        return Hit("DATE", P(season=season, mod=mod, granularity="season", anchor="ref"))
    for word in reversed(det):
        if word in ("following", "previous", "preceding") or (word == "next" and det[0] == "the"):
            return Hit("DATE", P(season=season, mod=mod, granularity="season", anchor="ref",    # "the following
                                 extra={"dir": -1 if word in ("previous", "preceding") else 1}))  # spring"
        if word in ("this", "last", "next", "past", "coming"):
            direction = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[word]
            return Hit("DATE", P(season=season, mod=mod, granularity="season", anchor="dct",
                                 extra={"dir": direction}))
    return Hit("DATE", P(season=season, mod=mod, granularity="season"))


def holiday_rule(m, lex, text):
    # EXAMPLE: Christmas / Thanksgiving Day / New Year's Day 1999 / last Thanksgiving
    name = re.sub(r"\s+", " ", m.group("h"))
    rule = lex.holidays.get(name) or lex.holidays.get(name.title())
    if rule is None:
        return None
    year = year_of(m.group("year"))
    extra = {"holiday": rule}
    if m.group("rel"):
        extra["dir"] = relative(lex, m.group("rel"))
    return Hit("DATE", P(year=year, granularity="day", extra=extra))


RULES = (
    Rule("quarter",
         r"\b(?:(?P<det>the|its|this|that|last|next|a)\s+)?(?:(?P<yrel>this|last|next)\s+year's\s+)?"
         r"(?:(?P<yr>(?:1\d|20)\d\d)\s+)?(?P<adj>(?:(?:year-earlier|year-ago|comparable|corresponding|"
         r"year-before|prior-year|same|latest|recent|current|previous|prior|past|preceding|fiscal|flat|"
         r"strong|weak|disappointing|traditionally)\s+){0,3})(?:fiscal\s+)?(?:(?P<ord>first|second|third|"
         r"fourth|1st|2nd|3rd|4th|final|last)(?:\s*-\s*|\s+))?(?:fiscal\s+)?(?P<unit>quarter|half|period)\b"
         r"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<yr2>(?:1\d|20)\d\d)\b|(?P<yrel2>this|last|next)\s+year|"
         r"(?P<theyear>the\s+year\b)))?"
         r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?",
         quarter_rule, "profit in the third quarter", 2),
    Rule("season",
         r"\b(?:(?P<det>(?:(?:this|last|next|the|that|early|late|mid|this\s+past|past|coming|following|previous|"
         r"preceding)(?:\s*-\s*|\s+)){1,2}))?"
         r"(?P<s><<season>>)\b(?:\s+(?:of\s+)?(?P<year>(?:1\d|20)\d\d)\b)?",
         season_rule, "killed last fall", 3),
    Rule("holiday",
         r"(?:\b(?P<rel>last|next|this)\s+)?(?P<h><<holiday>>)(?!\w)(?:(?:\s*,\s*|\s*)(?P<year>(?:1\d|20)\d\d)\b)?",
         holiday_rule, "on Thanksgiving Day", 2),
)
