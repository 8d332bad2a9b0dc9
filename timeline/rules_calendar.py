"""Recognition rules for calendar expressions: dates, months, years, decades, centuries, quarters, seasons,
holidays and clock times.

Each rule is a pattern template (see :mod:`timeline.patterns`) and a handler turning the match into a
:class:`Hit` (type + :class:`Partial`), ``None`` (not a temporal expression) or :data:`INVALID` (a date that
cannot exist, such as Feb. 30: nothing inside it may be emitted either). A named group ``t`` narrows the
extent when the pattern needs context around the expression. Every rule carries an EXAMPLE.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .model import Partial

INVALID = "INVALID"
MOD_WORDS = {"early": "START", "mid": "MID", "middle": "MID", "late": "END", "end": "END", "beginning": "START",
             "start": "START", "earlier": "START", "later": "END", "dawn": "START", "close": "END"}
# Preceding words that make a bare "May" (or another short month name) a month rather than a verb or name.
MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|till|by|through|during|before|after|from|to|last|next|this|"
                           r"early|late|mid|and|or|between|each|every|that|throughout|since|around)\s*-?\s*)$",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    type: str
    partial: Partial
    flags: tuple[str, ...] = ()
    span: tuple[int, int] | None = None     # a narrower extent than the whole match


@dataclass(frozen=True)
class Rule:
    name: str
    template: str
    handler: object
    example: str
    priority: int = 5
    tags: tuple[str, ...] = field(default_factory=tuple)


def P(**kw) -> Partial:
    extra = kw.pop("extra", None) or {}
    return Partial(extra=tuple(sorted(extra.items())), **kw)


def mod_of(text: str | None) -> str | None:
    if not text:
        return None
    for word, mod in MOD_WORDS.items():
        if re.search(rf"\b{word}", text, re.IGNORECASE):
            return mod
    return None


def day_number(text: str, lex: Lexicon) -> int | None:
    text = text.lower()
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    value = lex.numbers.get(text.replace(" ", "-"), (None, ""))
    return value[0] if value[1] == "ordinal" else None


def valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    last = calendar.monthrange(year if year else 2000, month)[1]
    return day <= last


def year_of(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"'\d\d", text):
        return 1900 + int(text[1:])
    return int(text) if text.isdigit() else None


ENDED = re.compile(r"\s+(?:that\s+|which\s+)?end(?:ed|ing|s)\s+(?:on\s+)?(?P<mon>(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                   r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)\s*(?P<day>[0-3]?\d)\b(?:,?\s*(?P<year>(?:1\d|20)\d\d))?")
YREL = {"this": 0, "last": -1, "next": 1, "current": 0, "previous": -1, "past": -1}


# ---- handlers --------------------------------------------------------------------------------------------

def full_date(m, lex, text):
    # EXAMPLE: Oct. 23 / Monday, Oct. 23, 1998 / 23 October 2015 / October 23rd, 2015 / March eighth
    month = lex.month(m.group("mon") or m.group("mon2"))
    day = day_number(m.group("day") or m.group("day2"), lex)
    year = year_of(m.group("year"))
    if day is None or not valid_day(year, month, day):
        return INVALID
    wd = lex.weekday(m.group("wd")) if m.group("wd") else None
    if m.group("yrel"):
        return Hit("DATE", P(month=month, day=day, weekday=wd, offset=("year", YREL[m.group("yrel").lower()]),
                             anchor="dct", granularity="day"))
    if year is None and m.group("mon2") and not m.group("day2")[-1:].isalpha() and m.group("mon2") == "May":
        pass
    return Hit("DATE", P(year=year, month=month, day=day, weekday=wd,
                         granularity="week" if m.group("weekof") else "day"))


def iso_week(m, lex, text):
    # EXAMPLE: 2017-W23 / 2015-W46-WE
    year, week = int(m.group("y")), int(m.group("w"))
    if not 1 <= week <= 53 or (week == 53 and _dt.date(year, 12, 28).isocalendar()[1] < 53):
        return INVALID
    monday = _dt.date.fromisocalendar(year, week, 1)
    return Hit("DATE", P(year=year, month=monday.month, day=monday.day,
                         granularity="weekend" if m.group("we") else "week"))


def iso_date(m, lex, text):
    # EXAMPLE: 2015-11-12 / 2015-11-12T14:12
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not valid_day(y, mo, d):
        return INVALID
    if m.group("h"):
        h, mi = int(m.group("h")), int(m.group("mi"))
        if h > 24 or mi > 59:
            return INVALID
        return Hit("TIME", P(year=y, month=mo, day=d, hour=h, minute=mi, granularity="minute"))
    return Hit("DATE", P(year=y, month=mo, day=d, granularity="day"))


def numeric_date(m, lex, text):
    # EXAMPLE: 12.11.2015 (day first) / 11/12/2015 (month first) / 1/5/98
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 30 else 2000 + int(y))
    dotted = m.group("sep") == "."
    day, month = (a, b) if dotted else (b, a)
    flags = ()
    if not valid_day(year, month, day):
        if valid_day(year, day, month):
            day, month = month, day
        else:
            return INVALID
    elif a <= 12 and b <= 12 and a != b:
        flags = ("ambiguous_order",)
    return Hit("DATE", P(year=year, month=month, day=day, granularity="day"), flags)


def month_rule(m, lex, text):
    # EXAMPLE: in October / October 2015 / early December / mid-November / January this year / June of 1998
    name = m.group("mon")
    year = year_of(m.group("year"))
    mod = mod_of(m.group("mod"))
    month = lex.month(name)
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if rel and not year and not m.group("yrel"):
        direction = {"last": -1, "next": 1, "this": 0, "this past": -1, "this coming": 1}[rel]
        return Hit("DATE", P(month=month, mod=mod, granularity="month", anchor="dct", extra={"dir": direction}))
    if rel:
        return None
    if not (year or mod or m.group("yrel")):
        before = text[max(0, m.start() - 12):m.start()]
        if len(name) <= 4 and not name.endswith(".") and name not in ("June", "July", "May", "MAY"):
            return None     # "Jan" a first name, "Mar" a word: abbreviations alone need their dot
        if name in ("May", "MAY", "March", "MARCH") and not MONTH_CONTEXT.search(before):
            return None
    if m.group("yrel"):
        return Hit("DATE", P(month=month, mod=mod, offset=("year", YREL[m.group("yrel").lower()]), anchor="dct",
                             granularity="month"))
    return Hit("DATE", P(year=year, month=month, mod=mod, granularity="month"))


COUNT_AFTER = re.compile(r"\s*(?:-\s*)?(?:%|percent|people|persons|soldiers|troops|men|women|children|votes|"
                         r"members|workers|employees|shares|jobs|cars|units|tons|miles|feet|meters|dollars|yen|"
                         r"points?|acres|barrels|deaths|victims|cases|homes|copies|residents|students|"
                         r"refugees|pages|seats|delegates|lawyers|officers|[a-z]+ers\b)", re.IGNORECASE)


def year_rule(m, lex, text):
    # EXAMPLE: in 2011 / since 1998 / fiscal 1989 / early 1999 / mid-1998
    year = int(m.group("year"))
    if not 1000 <= year <= 2099:
        return None
    before = text[max(0, m.start() - 2):m.start()]
    if "$" in before or COUNT_AFTER.match(text, m.end()):
        return None
    if year < 1800 and not re.search(r"\b(?:in|of|since|until|by|from|to|year|the|and|c\.|about)\s+$",
                                     text[max(0, m.start() - 8):m.start()], re.IGNORECASE):
        return None
    extra = {"fiscal": True} if m.group("fiscal") else {}
    return Hit("DATE", P(year=year, mod=mod_of(m.group("mod")), granularity="year", extra=extra))


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


def decade_rule(m, lex, text):
    # EXAMPLE: the 1990s / the early 1980s / the mid-1990s / the '80s / the nineties
    if m.group("y"):
        decade = int(m.group("y")) // 10
    elif m.group("yy"):
        decade = 190 + int(m.group("yy")) // 10
    else:
        decade = 190 + DECADE_WORDS[m.group("w").lower()]
    return Hit("DATE", P(decade=decade, mod=mod_of(m.group("mod")), granularity="decade"))


def century_rule(m, lex, text):
    # EXAMPLE: the 19th century / the early 20th century / the eighteenth century
    n = day_number(m.group("n"), lex)
    if not n or n > 21:
        return None
    return Hit("DATE", P(century=n - 1, mod=mod_of(m.group("mod")), granularity="century"))


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
        if not (year or adjs or yrel_text):
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
    if yrel_text:
        offset, anchor = ("year", YREL.get(yrel_text.split()[0].replace("'s", ""), 0)), "dct"
    elif det in ("this", "last", "next") and n is None:
        offset, anchor = (granularity, YREL[det]), "dct"
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
                                                                                 r"(?:quarter|half)", m.group(0))):
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
    mod = mod_of(m.group("det"))
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
    for word in reversed(det):
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
        extra["dir"] = YREL[m.group("rel").lower()]
    return Hit("DATE", P(year=year, granularity="day", extra=extra))


def year_words(m, lex, text):
    # EXAMPLE: nineteen ninety-six / the year two thousand / the winter of nineteen ninety-four
    if m.group("rest"):
        rest = m.group("rest").lower()
        year = 1900 if rest == "hundred" else 1900 + lex.number(rest)
    else:
        if not m.group("the") and not re.search(r"\b(?:in|since|until|by|of|from|to)\s+$",
                                                 text[max(0, m.start() - 7):m.start()], re.IGNORECASE):
            return None
        year = 2000 + (lex.number(m.group("add")) if m.group("add") else 0)
    return Hit("DATE", P(year=year, granularity="year"))


def clock_time(m, lex, text):
    # EXAMPLE: 10:30 a.m. / 5 p.m. EST Nov. 9 / around 7:15 p.m. / 4 a.m. EDT Thursday / noon Thursday
    if m.group("word"):
        if re.search(r"\bhigh\s+$", text[max(0, m.start() - 5):m.start()], re.IGNORECASE):
            return None
        code = lex.parts_of_day[m.group("word").lower()]
        hour, minute = (int(x) for x in code.split(":"))
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        ap = (m.group("ap") or "").lower().replace(".", "").replace(" ", "")
        if hour > 12 or minute > 59 or hour == 0:
            return None
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if m.group("morn"):
            if m.group("morn").lower().endswith(("afternoon", "evening", "night")) and hour < 12:
                hour += 12
    extra = {}
    if m.group("tz"):
        extra["tz"] = m.group("tz").upper()
    fields = dict(hour=hour, minute=minute, granularity="minute")
    tail = m.group("tail")
    if tail:
        tail_l = tail.lower()
        if m.group("tmon"):
            month = lex.month(m.group("tmon"))
            day = int(m.group("tday"))
            if not valid_day(None, month, day):
                return INVALID
            fields.update(month=month, day=day)
        elif tail_l in ("today", "tonight"):
            fields.update(offset=("day", 0), anchor="dct")
        elif tail_l == "yesterday":
            fields.update(offset=("day", -1), anchor="dct")
        elif tail_l == "tomorrow":
            fields.update(offset=("day", 1), anchor="dct")
        else:
            fields.update(weekday=lex.weekday(tail))
    else:
        fields.update(offset=("day", 0), anchor="ref")
    mod = "APPROX" if m.group("approx") else None
    return Hit("TIME", P(mod=mod, extra=extra, **fields))


MON = r"(?:<<month_full>>|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
DAYNUM = r"(?:[0-3]?\d(?:st|nd|rd|th)?(?!\d|:\d)|<<ordinal_word>>)"
RULES = (
    Rule("full_date",
         r"\b(?P<weekof>the\s+week\s+of\s+)?(?:(?:this\s+coming\s+|this\s+past\s+)?(?P<wd><<weekday>>)\s*,?\s+(?:the\s+)?)?(?:(?P<mon>" + MON + r")\s*(?P<day>" + DAYNUM + r")"
         r"|(?P<day2>[0-3]?\d(?:st|nd|rd|th)?)\s+(?:of\s+)?(?P<mon2>" + MON + r"))"
         r"(?:\s*,?\s*(?P<year>(?:1\d|20)\d\d)(?!\d)|\s+(?P<yrel>this|last|next)\s+year)?",
         full_date, "On Oct. 23, the agency said", 1),
    Rule("iso_date", r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?(?![\d-])",
         iso_date, "published 2015-11-12", 1),
    Rule("iso_week", r"(?<![\w-])(?P<y>\d{4})-?W(?P<w>\d\d)(?P<we>-WE)?(?![\w-])", iso_week, "in 2017-W23", 1),
    Rule("numeric_date", r"(?<![\d.,/])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)(?![\d/]|\.\d)",
         numeric_date, "Published 12.11.2015", 1),
    Rule("month",
         r"\b(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?"
         r"(?:(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)\s*-?\s*)?"
         r"(?P<mon><<month>>)(?![\w'])(?:\s*,?\s*(?:of\s+)?(?P<year>(?:1\d|20)\d\d)\b"
         r"|\s+(?P<yrel>this|last|next)\s+year)?",
         month_rule, "two officials said in October", 3),
    Rule("year",
         r"(?:\b(?P<fiscal>fiscal(?:\s+year)?)\s+|\b(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)"
         r"\s+of)\s*-?\s*|(?<![\w$#.,/-]))(?P<year>\d{4})(?![\w/-]|,\d|\.\d|\s*%)",
         year_rule, "the conflict began in 2011", 4),
    Rule("year_words",
         r"\b(?P<the>the\s+year\s+)?(?:nineteen[\s-]+(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
         r"ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
         r"fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?P<add>one|two|"
         r"three|four|five|six|seven|eight|nine|ten))?)\b(?!\s+(?:people|persons|dollars|men|years)\b)",
         year_words, "in nineteen ninety-six", 2),
    Rule("decade",
         r"(?:\bthe\s+(?:(?P<mod>early|mid|late)\s*-?\s*)?|\b(?:(?P<mod2>early|mid|late)\s*-?\s*))?"
         r"(?:\b(?P<y>1\d\d0|20\d0)'?s\b|'(?P<yy>\d0)s\b|\b(?P<w>twenties|thirties|forties|fifties|sixties|"
         r"seventies|eighties|nineties)\b)",
         lambda m, lex, text: decade_rule(_merge_mod(m), lex, text), "in the 1990s", 2),
    Rule("century",
         r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)\s*-?\s*)?(?P<n>\d{1,2}(?:st|nd|rd|th)|<<ordinal_word>>)"
         r"[\s-]+century\b", century_rule, "the 19th century", 2),
    Rule("quarter",
         r"\b(?:(?P<det>the|its|this|that|last|next|a)\s+)?(?:(?P<yrel>this|last|next)\s+year's\s+)?"
         r"(?:(?P<yr>(?:1\d|20)\d\d)\s+)?(?P<adj>(?:(?:year-earlier|year-ago|comparable|corresponding|"
         r"year-before|prior-year|same|latest|recent|current|previous|prior|past|preceding|fiscal|flat|"
         r"strong|weak|disappointing|traditionally)\s+){0,3})(?:fiscal\s+)?(?:(?P<ord>first|second|third|"
         r"fourth|1st|2nd|3rd|4th|final|last)\s*-?\s*)?(?:fiscal\s+)?(?P<unit>quarter|half|period)\b"
         r"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<yr2>(?:1\d|20)\d\d)\b|(?P<yrel2>this|last|next)\s+year))?"
         r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?",
         quarter_rule, "profit in the third quarter", 2),
    Rule("season",
         r"\b(?:(?P<det>(?:(?:this|last|next|the|early|late|mid|this\s+past|past|coming)\s*-?\s*){1,2}))?"
         r"(?P<s><<season>>)\b(?:\s+(?:of\s+)?(?P<year>(?:1\d|20)\d\d)\b)?",
         season_rule, "killed last fall", 3),
    Rule("holiday",
         r"(?:\b(?P<rel>last|next|this)\s+)?(?P<h><<holiday>>)(?!\w)(?:\s*,?\s*(?P<year>(?:1\d|20)\d\d)\b)?",
         holiday_rule, "on Thanksgiving Day", 2),
    Rule("clock_time",
         r"(?:\b(?P<approx>about|around|approximately|roughly)\s+)?(?:\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*"
         r"(?P<ap>a\.\s?m\.?|p\.\s?m\.?|(?-i:am|pm|AM|PM)\b)(?:\s+(?P<morn>in\s+the\s+(?:morning|afternoon|evening)"
         r"|at\s+night))?|\b(?P<word>noon|midnight|midday))"
         r"(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)\b))?"
         r"(?:\s*,?\s+(?P<tail>today|tonight|yesterday|tomorrow|<<weekday>>|(?P<tmon>" + MON + r")\s*(?P<tday>[0-3]?\d)\b))?",
         clock_time, "at 10:30 a.m. Thursday", 1),
    Rule("clock_morning", r"\b(?P<h>[01]?\d)(?P<mi>)(?P<ap>)\s+(?P<morn>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)"
         r"(?P<tz>)(?P<tail>)(?P<tmon>)(?P<tday>)(?P<word>)(?P<approx>)",
         clock_time, "at 4 in the morning", 2),
)


def _merge_mod(m):
    class _M:
        def group(self, name):
            if name == "mod":
                return m.group("mod") or m.group("mod2")
            return m.group(name)
    return _M()
