"""Recognition rules for calendar periods: quarters and halves (with their financial-news anaphora: "the
quarter", "the year-ago period", "the quarter ended Sept. 30"), seasons and holidays.

The conventions of every rule module are in :mod:`timeline.tagger.rules.base`.
"""
from __future__ import annotations

import re

from timeline.tagger.patterns import compiled
from timeline.tagger.rules.base import Hit, P, Rule, context, mod_of, relative, valid_day, year_of

QUARTER_ENDED = r"<<quarter_ended>>"        # "the quarter ended Sept. 30" (rule_patterns.tsv, case-sensitive)


def _det(lex, det: str) -> tuple[list[str], int | None]:
    """The flags of a quarter's determiner ("the", "its" -> the; "that", "this", "a"...; see quarter_det) and
    its direction ("last" -> -1)."""
    value = (lex.word("quarter_det", det) or "").split()
    n = int(value[0]) if value and value[0].lstrip("-").isdigit() else None
    return value, n


def quarter_rule(m, lex, text):
    # EXAMPLE: the third quarter / third-quarter / the 1988 third quarter / the first half of 1998 /
    # the year-ago quarter / the current quarter / this year's third quarter / the fiscal first quarter
    unit = lex.word("quarter_unit", m.group("unit"))
    ordinal = (lex.word("quarter_ordinal", m.group("ord")) or "").split()
    final = "final" in ordinal
    year = year_of(m.group("yr") or m.group("yr2"))
    yrel = m.group("yrel") or m.group("yrel2")
    adjs = [lex.word("quarter_ref_adj", a) for a in compiled(lex, r"<<quarter_ref_adj>>").findall(m.group("adj") or "")]
    det, det_n = _det(lex, m.group("det"))
    extra = {"fiscal": True} if any(w in m.group(0).lower() for w in lex.phrases("fiscal_word")) else {}
    if unit == "period":
        if not (year or adjs or yrel) or (year and not det):
            return None
        extra["period"] = True
    if final and not (year or yrel or "the" in det):
        return None
    n = (4 if unit == "quarter" else 2) if ordinal[:1] == ["last"] else int(ordinal[0]) if ordinal else None
    if unit == "half" and n not in (None, 1, 2):
        n = 2 if final else None
        if n is None:
            return None
    if unit == "half" and n is None and not (adjs or det or yrel):
        return None     # "less than half of 1969's totals": a half of something, the year alone is the timex
    if n is not None and adjs and adjs[0] == "year" and not year:
        return Hit("DATE", P(quarter=n if unit == "quarter" else None, half=n if unit == "half" else None,
                             offset=("year", -1), anchor="dct", granularity=unit, extra=extra))
    if n is None and not (adjs or year or "the" in det or det_n is not None or "that" in det or yrel):
        return None
    if n is None and not adjs and "the" in det and not year and not yrel:
        if compiled(lex, r"\s*(?:-|\d|<<not_after_the_quarter>>)").match(text, m.end()) or unit == "half":
            return None
        adjs = ["latest"]
    granularity = unit if unit != "period" else "quarter"
    ended = compiled(lex, QUARTER_ENDED, 0).match(text, m.end())
    if ended and n is None and unit in ("quarter", "period") and not adjs[1:] and (
            not adjs or adjs[0] in ("latest", "current")):
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
    if yrel and n is None and not year and relative(lex, yrel) == -1:
        offset, anchor = ("year", -1), "ref"    # "last year's quarter", "the corresponding period last year":
        extra["same_unit"] = granularity        # the quarter in view, a year back
        extra.pop("latest", None)
    elif yrel:
        offset, anchor = ("year", relative(lex, yrel)), "dct"
    elif det_n is not None and n is None:
        offset, anchor = (granularity, det_n), "dct"
    elif adjs and n is None and not year:
        kind = adjs[0]
        if kind == "year":
            offset, anchor = ("year", -1), "ref"
            extra["same_unit"] = granularity
        elif kind in ("latest", "same"):
            extra["latest"] = granularity
            anchor = "ref"
        elif kind == "current":
            offset, anchor = (granularity, 0), "dct"
        else:
            offset, anchor = (granularity, -1), "ref"
    elif "that" in det and n is None:
        extra["latest"] = granularity
        anchor = "ref"
    span = None
    if det and n is not None and ("span" in det or compiled(
            lex, r"\w-\s*(?:<<fiscal_word:cased>>\s+)?(?:<<quarter_half:cased>>)", 0).search(m.group(0))):
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
    verb = lex.word("season_verb", m.group("s")) is not None      # "fall": a verb as often
    if not (year or det):
        modifier = compiled(lex, r"[\s-]+(?:<<season_modified>>)\b").match(text, m.end())   # "a summer offensive"
        if verb or not (modifier or context(lex, r"\b(?:<<season_context>>)\s+$", text, m.start() - 12, m.start())):
            return None
        if modifier:        # the season in view: this year's ("a Spring dress"), the story's in narrative
            return Hit("DATE", P(season=season, mod=mod, granularity="season", extra={"dir": 0}))
    if det and lex.word("the", det[-1]) is not None and not year:
        if compiled(lex, r"\s+<<of>>\b").match(text, m.end()) or verb and not context(
                lex, r"\b(?:<<season_the_context>>)\s+$", text, m.start() - 12, m.start()):
            return None
    if year:
        return Hit("DATE", P(year=year, season=season, mod=mod, granularity="season"))
    if det and lex.word("that", det[-1]) is not None:
        return Hit("DATE", P(season=season, mod=mod, granularity="season", anchor="ref"))
    for word in reversed(det):
        value = lex.word("season_relative", word)
        if value is None:
            continue
        n, *flags = value.split()
        if "ref" in flags or ("the-ref" in flags and lex.word("the", det[0]) is not None):
            return Hit("DATE", P(season=season, mod=mod, granularity="season", anchor="ref",    # "the following
                                 extra={"dir": int(n)}))                                     # spring"
        return Hit("DATE", P(season=season, mod=mod, granularity="season", anchor="dct", extra={"dir": int(n)}))
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


def business_period(m, lex, text):
    # EXAMPLE: Q3 2019 / in Q4 / H1 results / FY2021 / FY 2019 / FY21 (the abbreviations of business reports)
    if m.group("fy"):
        year = int(m.group("fy"))
        return Hit("DATE", P(year=year if year > 99 else 2000 + year, granularity="year", extra={"fiscal": True}))
    year = year_of(m.group("y")) or (2000 + int(m.group("yy")) if m.group("yy") else None)
    kind, n = m.group("p")[0].upper(), int(m.group("p")[1])
    fields = {"quarter": n} if kind == lex.word("business_period", "q") else {"half": n}
    return Hit("DATE", P(year=year, granularity="quarter" if "quarter" in fields else "half", **fields))


SEP = r"(?:\s*-\s*|\s+)"
RULES = (
    Rule("quarter",
         r"\b(?:(?P<det><<quarter_det>>)\s+)?(?:(?P<yrel><<relative>>)\s+<<year_word>>'s\s+)?"
         r"(?:(?P<yr>(?:1\d|20)\d\d)\s+)?(?P<adj>(?:(?:<<quarter_adj>>)\s+){0,3})(?:<<fiscal_word>>\s+)?"
         r"(?:(?P<ord><<quarter_ordinal>>)" + SEP + r")?(?:<<fiscal_word>>\s+)?(?P<unit><<quarter_unit>>)\b"
         r"(?:\s+(?:<<of>>\s+)?(?:(?:<<fiscal_word>>\s+)?(?P<yr2>(?:1\d|20)\d\d)\b|(?P<yrel2><<relative>>)\s+"
         r"<<year_word>>|(?P<theyear><<the>>\s+<<year_word>>\b)))?"
         r"(?P<ago>\s+(?:<<year_back>>))?",
         quarter_rule, "profit in the third quarter", 2),
    Rule("business_period",
         r"\b(?:(?P<p>(?-i:Q[1-4]|H[12]))(?:\s+(?P<y>(?:19|20)\d\d)|'(?P<yy>\d\d))?"
         r"|(?-i:FY)\s?'?(?P<fy>(?:19|20)\d\d|\d\d))"
         r"(?![\w-])",
         business_period, "revenue rose in Q3 2019", 2),
    Rule("season",
         r"\b(?:(?P<det>(?:(?:<<season_det>>)" + SEP + r"){1,2}))?"
         r"(?P<s><<season>>)\b(?:\s+(?:<<of>>\s+)?(?P<year>(?:1\d|20)\d\d)\b)?",
         season_rule, "killed last fall", 3),
    Rule("holiday",
         r"(?:\b(?P<rel><<relative>>)\s+)?(?P<h><<holiday>>)(?!\w)(?:(?:\s*,\s*|\s*)(?P<year>(?:1\d|20)\d\d)\b)?",
         holiday_rule, "on Thanksgiving Day", 2),
)
