"""Recognition rules for calendar expressions: dates, months, years, decades, centuries, quarters, seasons,
holidays and clock times.

Each rule is a pattern template (see :mod:`timeline.tagger.patterns`) and a handler turning the match into a
:class:`Hit` (type + :class:`Partial`), ``None`` (not a temporal expression) or :data:`INVALID` (a date that
cannot exist, such as Feb. 30: nothing inside it may be emitted either). A named group ``t`` narrows the
extent when the pattern needs context around the expression. Every rule carries an EXAMPLE.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field

from timeline.lang.lexicon import Lexicon
from timeline.model import Partial

INVALID = "INVALID"
MOD_WORDS = {"early": "START", "mid": "MID", "middle": "MID", "late": "END", "end": "END", "beginning": "START",
             "start": "START", "earlier": "START", "later": "END", "dawn": "START", "close": "END"}
# Preceding words that make a bare "May" (or another short month name) a month rather than a verb or name.
MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|till|by|through|during|before|after|from|to|last|"
                           r"next|this|"
                           r"early|late|mid|and|or|between|each|every|that|throughout|since|around)(?:\s*-\s*|\s+))$",
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
        return two_digit_year(int(text[1:]))
    return int(text) if text.isdigit() else None


def two_digit_year(yy: int) -> int:
    """The century of a two-digit year is a guess: 00-29 are 20xx, 30-99 are 19xx (flag it year_inferred)."""
    return 2000 + yy if yy < 30 else 1900 + yy


YREL = {"this": 0, "last": -1, "next": 1, "current": 0, "previous": -1, "past": -1}


# ---- handlers --------------------------------------------------------------------------------------------

def full_date(m, lex, text):
    # EXAMPLE: Oct. 23 / Monday, Oct. 23, 1998 / 23 October 2015 / October 23rd, 2015 / March eighth
    month = lex.month(m.group("mon") or m.group("mon2"))
    day = day_number(m.group("day") or m.group("day2"), lex)
    year = year_of(m.group("year"))
    if year is None and not m.group("yrel") and RANGE_YEAR.match(text, m.end()):
        year = int(RANGE_YEAR.match(text, m.end()).group("year"))     # "May 5-7, 1998"
    if day is None or not valid_day(year, month, day):
        return INVALID
    wd = lex.weekday(m.group("wd")) if m.group("wd") else None
    if m.group("yrel"):
        return Hit("DATE", P(month=month, day=day, weekday=wd, offset=("year", YREL[m.group("yrel").lower()]),
                             anchor="dct", granularity="day"))
    flags = ("year_inferred",) if (m.group("year") or "").startswith("'") else ()     # Oct. 23 '98
    return Hit("DATE", P(year=year, month=month, day=day, weekday=wd,
                         granularity="week" if m.group("weekof") else "day"), flags)


def second_day(m, lex, text):
    # EXAMPLE: April 24 and 25 (the 25th is a date of its own)
    month = lex.month(m.group("mon"))
    day = int(m.group("t"))
    year = year_of(m.group("year"))
    if not valid_day(year, month, day) or day <= int(m.group("d1")):
        return None
    return Hit("DATE", P(year=year, month=month, day=day, granularity="day"), span=(m.start("t"), m.end()))


RANGE_YEAR = re.compile(r"\s*(?:-|to|and|through)\s*[0-3]?\d,?\s*(?P<year>(?:1\d|20)\d\d)\b")


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
    # EXAMPLE: 03-04-2015 (dashed: day first, as ingest reads dashed header dates; four-digit years only)
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    if m.group("sep") == "-" and len(y) != 4:
        return None     # "3-2-10" is a score or a code more often than a date
    year = int(y) if len(y) == 4 else two_digit_year(int(y))
    day_first = m.group("sep") in ".-"
    day, month = (a, b) if day_first else (b, a)
    flags = () if len(y) == 4 else ("year_inferred",)
    if not valid_day(year, month, day):
        if valid_day(year, day, month):
            day, month = month, day
        else:
            return INVALID
    elif a <= 12 and b <= 12 and a != b:
        flags = ("ambiguous_order",) + flags
    return Hit("DATE", P(year=year, month=month, day=day, granularity="day"), flags)


def month_rule(m, lex, text):
    # EXAMPLE: in October / October 2015 / early December / mid-November / January this year / June of 1998
    name = m.group("mon")
    year = year_of(m.group("year"))
    mod = mod_of(m.group("mod"))
    month = lex.month(name)
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if rel and not year and not m.group("yrel"):
        if re.match(r"\s*[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*(?:%|percent))", text[m.end():m.end() + 16]):
            return None     # "last Oct. 23": the day is the date (full_date), not the month
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


def era_year(m, lex, text):
    # EXAMPLE: in 79 AD / in A.D. 79 / 44 BC / 753 B.C.E.
    year = int(m.group("y") or m.group("y2"))
    era = (m.group("era") or m.group("era2") or "").upper().replace(".", "")
    if year == 0 or year > 9999:
        return None
    if era.startswith("B"):
        return Hit("DATE", P(value=f"BC{year:04d}", granularity="year"))
    return Hit("DATE", P(year=year, granularity="year"))


def year_range(m, lex, text):
    # EXAMPLE: in 1990-91 / the 1990-1991 season (each end is a year of its own)
    if m.group("y1"):
        return Hit("DATE", P(year=int(m.group("y1")), granularity="year"), span=m.span("y1"))
    before = re.search(r"(\d{4})\s?-\s?$", text[max(0, m.start() - 8):m.start()])
    if before is None:          # a glued number run ("201-511-12"): no four-digit year opens the range
        return None
    start = int(before.group(1))
    end = int(m.group("y2")) if len(m.group("y2")) == 4 else start // 100 * 100 + int(m.group("y2"))
    if not start < end <= start + 99:
        return None
    return Hit("DATE", P(year=end, granularity="year"), span=m.span("y2"))


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


def decade_rule(m, lex, text):
    # EXAMPLE: the 1990s / the early 1980s / the mid-1990s / the '80s / the nineties
    if m.group("y") and int(m.group("y")) % 100 == 0 and int(m.group("y")) < 2000:
        # "the 1800s" is the century, not its first decade
        return Hit("DATE", P(century=int(m.group("y")) // 100, mod=mod_of(m.group("mod")), granularity="century"))
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


def year_words(m, lex, text):
    # EXAMPLE: nineteen ninety-six / the year two thousand / the winter of nineteen ninety-four
    if m.group("rest"):
        rest = m.group("rest").lower()
        year = 1900 if rest == "hundred" else 1900 + lex.number(rest)
    else:
        if not (m.group("the") or m.group("mon") or m.group("season")) and not re.search(r"\b(?:in|since|until|by|of|from|to)\s+$",
                                                 text[max(0, m.start() - 7):m.start()], re.IGNORECASE):
            return None
        year = 2000 + (lex.number(m.group("add")) if m.group("add") else 0)
    if m.group("mon"):
        return Hit("DATE", P(year=year, month=lex.month(m.group("mon")), granularity="month"))
    if m.group("season"):
        return Hit("DATE", P(year=year, season=lex.seasons[m.group("season").lower()], granularity="season"))
    return Hit("DATE", P(year=year, granularity="year"))


ON_WEEKDAY = re.compile(r"\s+on\s+(?P<wd>[A-Z][a-z]+day)\b")


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
        if minute > 59 or (ap and (hour > 12 or hour == 0)) or hour > 23:
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
        on_day = ON_WEEKDAY.match(text, m.end())
        if on_day and on_day.group("wd") in lex.weekdays:
            fields.update(weekday=lex.weekday(on_day.group("wd")))     # "4:20 a.m. on Wednesday"
        else:
            fields.update(offset=("day", 0), anchor="ref")
    mod = "APPROX" if m.group("approx") else None
    return Hit("TIME", P(mod=mod, extra=extra, **fields))


MON = r"(?:<<month_full>>|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
DAYNUM = r"(?:[0-3]?\d(?:st|nd|rd|th)?(?!\d|:\d)|<<ordinal_word>>)"
RULES = (
    Rule("full_date",
         r"\b(?P<weekof>the\s+week\s+of\s+)?(?:(?:this\s+coming\s+|"
         r"this\s+past\s+)?(?P<wd><<weekday>>)(?:\s*,\s*|\s+)(?:the\s+)?)?"
         r"(?:(?P<mon>" + MON + r")\s*(?P<day>" + DAYNUM + r")"
         r"|(?P<day2>[0-3]?\d(?:st|nd|rd|th)?)\s+(?:of\s+)?(?P<mon2>" + MON + r"))"
         r"(?:(?:\s*,\s*|\s*)(?P<year>(?:1\d|20)\d\d|'\d\d)(?![\d'])|\s+(?P<yrel>this|last|next)\s+year)?",
         full_date, "On Oct. 23, the agency said", 1),
    Rule("second_day",
         r"\b(?P<mon>" + MON + r")\s*(?P<d1>[0-3]?\d)\s*(?:and|or|to|through|-)\s*(?P<t>[0-3]?\d)\b"
         r"(?!\s*(?:%|percent|[a-z]))(?:,?\s*(?P<year>(?:1\d|20)\d\d)\b)?",
         second_day, "the summit on April 24 and 25", 6),
    Rule("iso_date",
         r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?(?![\d-])",
         iso_date, "published 2015-11-12", 1),
    Rule("iso_week", r"(?<![\w-])(?P<y>\d{4})-?W(?P<w>\d\d)(?P<we>-WE)?(?![\w-])", iso_week, "in 2017-W23", 1),
    Rule("numeric_date", r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|"
                         r"\d\d)(?![\d/]|[.-]\d)",
         numeric_date, "Published 12.11.2015", 1),
    Rule("month",
         r"\b(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?"
         r"(?:(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)(?:\s*-\s*|\s+))?"
         r"(?P<mon><<month>>)(?!\w|'(?!s\b))(?:(?:\s*,\s*|\s*)(?:of\s+)?(?P<year>(?:1\d|20)\d\d)\b"
         r"|\s+(?P<yrel>this|last|next)\s+year)?",
         month_rule, "two officials said in October", 3),
    Rule("year",
         r"(?:\b(?P<fiscal>fiscal(?:\s+year)?)\s+|\b(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)"
         r"\s+of)(?:\s*-\s*|\s+)|(?<![\w$#.,/-]))(?P<year>\d{4})(?![\w/-]|,\d|\.\d|\s*%)",
         year_rule, "the conflict began in 2011", 4),
    Rule("era_year",
         r"(?<![\w$.,])(?:(?P<y>\d{1,4})\s*(?P<era>(?-i:BC|BCE|AD|CE|B\.C\.(?:E\.)?|A\.D\.|C\.E\.))(?!\w)"
         r"|(?P<era2>(?-i:AD|A\.D\.))\s*(?P<y2>\d{1,4})\b)",
         era_year, "Vesuvius erupted in 79 AD", 1),
    Rule("year_range",
         r"(?:(?<![\w$#.,/-])(?P<y1>1[5-9]\d\d|20\d\d)(?=\s?-\s?(?:1[5-9]\d\d|20\d\d|\d\d)(?![\w/-]|,\d|\.\d))"
         r"|(?:(?<=[5-9]\d\d-)|(?<=20\d\d-)|(?<=\d\d\d - ))(?P<y2>1[5-9]\d\d|20\d\d|\d\d)"
         r"(?![\w/-]|,\d|\.\d))",
         year_range, "the 1990-91 season", 3),
    Rule("year_words",
         r"\b(?:(?P<mon><<month_full>>)\s+(?:of\s+)?|(?:the\s+)?(?P<season><<season>>)\s+of\s+)?"
         r"(?P<the>the\s+year\s+)?(?:nineteen[\s-]+(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|"
         r"eighty|"
         r"ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
         r"fourteen|"
         r"fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?P<add>one|two|"
         r"three|four|five|six|seven|eight|nine|ten))?)\b(?!\s+(?:people|persons|dollars|men|years)\b)",
         year_words, "in nineteen ninety-six", 2),
    Rule("decade",
         r"(?:\bthe\s+(?:(?P<mod>early|mid|late)(?:\s*-\s*|\s+))?|\b(?:(?P<mod2>early|mid|late)(?:\s*-\s*|\s+)))?"
         r"(?:\b(?P<y>1\d\d0|20\d0)'?s\b|'(?P<yy>\d0)s\b|\b(?P<w>twenties|thirties|forties|fifties|sixties|"
         r"seventies|eighties|nineties)\b)",
         lambda m, lex, text: decade_rule(_merge_mod(m), lex, text), "in the 1990s", 2),
    Rule("century",
         r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)(?:\s*-\s*|\s+))?(?P<n>\d{1,2}(?:st|nd|rd|th)|<<ordinal_word>>)"
         r"[\s-]+century\b", century_rule, "the 19th century", 2),
    Rule("clock_time",
         r"(?:\b(?P<approx>about|around|approximately|roughly)\s+)?(?:\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*"
         r"(?P<ap>a\.\s?m\.?|p\.\s?m\.?|(?-i:am|pm|AM|PM)\b|o'clock\b)(?:\s+(?P<morn>in\s+the\s+(?:morning|"
         r"afternoon|evening)"
         r"|at\s+night))?|\b(?P<word>noon|midnight|midday))"
         r"(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)\b))?"
         r"(?:(?:\s*,\s*|\s+)(?P<tail>today|tonight|yesterday|tomorrow|<<weekday>>|"
         r"(?P<tmon>" + MON + r")\s*(?P<tday>[0-3]?\d)\b))?",
         clock_time, "at 10:30 a.m. Thursday", 1),
    Rule("clock_24h", r"\bat\s+(?P<t>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)\b))?)"
         r"(?![\d:]|\s*(?:a\.|p\.|am\b|pm\b))(?P<ap>)(?P<tail>)(?P<tmon>)(?P<tday>)(?P<word>)(?P<approx>)(?P<morn>)",
         clock_time, "at 14:30 GMT", 2),
    Rule("clock_morning", r"\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?(?P<ap>)\s+(?P<morn>in\s+the\s+(?:morning|afternoon|"
                          r"evening)|at\s+night)"
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
