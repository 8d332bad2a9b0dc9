"""Recognition rules for calendar expressions: dates, months, years, decades and centuries (the clock times are
in :mod:`timeline.tagger.rules.clock`).

The conventions of every rule module are in :mod:`timeline.tagger.rules.base`: a template whose words are slots
filled from the language's ``rule_words.tsv``, a handler, an EXAMPLE.
"""
from __future__ import annotations

import datetime as _dt
import re

from timeline.tagger.patterns import compiled
from timeline.tagger.rules.base import INVALID, Hit, P, Rule, context, day_number, mod_of, relative, \
    two_digit_year, valid_day, year_of

# Words the handlers read (the slots of rule_words.tsv they need beyond their templates'):
MONTH_CONTEXT = r"(?:\b(?:<<month_context>>)(?:\s*-\s*|\s+))$"       # "in May": a bare "May" is a month


# ---- handlers --------------------------------------------------------------------------------------------

def full_date(m, lex, text):
    # EXAMPLE: Oct. 23 / Monday, Oct. 23, 1998 / 23 October 2015 / October 23rd, 2015 / March eighth
    month = lex.month(m.group("mon") or m.group("mon2"))
    day = day_number(m.group("day") or m.group("day2"), lex)
    year = year_of(m.group("year"))
    range_year = None if year is not None or m.group("yrel") or m.group("yana") else compiled(lex, RANGE_YEAR).match(text, m.end())
    if range_year:
        year = int(range_year.group("year"))     # "May 5-7, 1998"
    if day is None or not valid_day(year, month, day):
        return INVALID
    wd = lex.weekday(m.group("wd")) if m.group("wd") else None
    if m.group("yana"):
        return Hit("DATE", P(month=month, day=day, offset=("year", relative(lex, m.group("yana"), "year_anaphor")),
                             anchor="ref", granularity="day"))
    if m.group("yrel"):
        return Hit("DATE", P(month=month, day=day, weekday=wd, offset=("year", relative(lex, m.group("yrel"))),
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


def first_day(m, lex, text):
    # EXAMPLE: the battle (3-6 May 1862) / Workshop 4-6 Dec / from 10 to 12 October (the 3rd is a date of its own)
    month = lex.month(m.group("mon"))
    day, last = int(m.group("t")), int(m.group("d2"))
    year = year_of(m.group("year"))
    if not valid_day(year, month, day) or not valid_day(year, month, last) or day >= last:
        return None
    return Hit("DATE", P(year=year, month=month, day=day, granularity="day"), span=m.span("t"))


RANGE_YEAR = r"\s*(?:-|<<range_to>>)\s*[0-3]?\d,?\s*(?P<year>(?:1\d|20)\d\d)\b"


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
    mod = mod_of(m.group("mod") or m.group("mod0"), lex)
    month = lex.month(name)
    rel = m.group("rel")
    if rel and not year and not m.group("yrel") and not m.group("yana"):
        if compiled(lex, DAY_AFTER).match(text[m.end():m.end() + 16]):
            return None     # "last Oct. 23": the day is the date (full_date), not the month
        direction, *flags = lex.word("month_relative", rel).split()
        anchor = "ref" if "ref" in flags else "dct"     # "the following February": after the last date in the text
        return Hit("DATE", P(month=month, mod=mod, granularity="month", anchor=anchor, extra={"dir": int(direction)}))
    if rel and not (year and lex.word("month_relative", rel) == "0"):
        return None     # "last October 2015" says two things; "this August 2013" is August 2013
    coordinated = None if year or m.group("yrel") else compiled(lex, MONTH_YEAR_AFTER).match(text, m.end())
    if coordinated:
        year = int(coordinated.group("year"))   # "In April and June 1955", "in August/September 1956"
        if month > lex.month(coordinated.group("mon")):
            year -= 1                           # "from October to March 1945": the October before
    if m.group("yana"):
        return Hit("DATE", P(month=month, mod=mod, offset=("year", relative(lex, m.group("yana"), "year_anaphor")),
                             anchor="ref", granularity="month"))
    if not (year or mod or m.group("yrel")):
        before = text[max(0, m.start() - 12):m.start()]
        if len(name) <= 4 and not name.endswith(".") and name not in lex.phrases("month_alone") \
                and not compiled(lex, r"\b(?:<<month_short_context>>)\s+$").search(before):
            return None     # "Jan" a first name, "Mar" a word: abbreviations alone need their dot or "in Jun"
        if name in lex.phrases("month_needs_context") and not compiled(lex, MONTH_CONTEXT).search(before):
            return None
    if m.group("yrel"):
        return Hit("DATE", P(month=month, mod=mod, offset=("year", relative(lex, m.group("yrel"))), anchor="dct",
                             granularity="month"))
    return Hit("DATE", P(year=year, month=month, mod=mod, granularity="month"))


# a month coordinated with a dated month takes its year: "April and June 1955", "August/September 1956"
MONTH_YEAR_AFTER = r"\s*(?:/|-|<<range_to>>)\s*(?P<mon><<month>>)(?!\w)\.?,?\s*(?P<year>(?:1\d|20)\d\d)\b"
COUNT_AFTER = r"\s*(?:-\s*)?(?:%|<<count_noun>>|<<count_noun_form>>)"      # "1998 people": a count, not a year
DAY_AFTER = r"\s*[0-3]?\d(?:<<ordinal_suffix>>)?\b(?!\s*(?:%|<<percent>>))"   # "last Oct. 23": a day follows


def year_rule(m, lex, text):
    # EXAMPLE: in 2011 / since 1998 / fiscal 1989 / early 1999 / mid-1998
    year = int(m.group("year"))
    if not 1000 <= year <= 2099:
        return None
    before = text[max(0, m.start() - 2):m.start()]
    if "$" in before or compiled(lex, COUNT_AFTER).match(text, m.end()):
        return None
    alone = text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")"     # "the Convention (1795)"
    if year < 1800 and not alone and not context(lex, r"\b(?:<<old_year_context>>)\s+$", text, m.start() - 8,
                                                 m.start()):
        return None
    extra = {"fiscal": True} if m.group("fiscal") else {}
    return Hit("DATE", P(year=year, mod=mod_of(m.group("mod"), lex), granularity="year", extra=extra))


def era_year(m, lex, text):
    # EXAMPLE: in 79 AD / in A.D. 79 / 44 BC / 753 B.C.E. / April 480 BC / the autumn of 481 BC
    year = int(m.group("y") or m.group("y2"))
    era = lex.word("era", m.group("era") or m.group("era2"))
    if year == 0 or year > 9999:
        return None
    month = lex.month(m.group("mon")) if m.group("mon") else None
    season = lex.seasons[m.group("s").lower()] if m.group("s") else None
    mod = mod_of(m.group("mod"), lex)
    if era == "BC":
        value = f"BC{year:04d}" + (f"-{month:02d}" if month else f"-{season}" if season else "")
        return Hit("DATE", P(value=value, mod=mod, granularity="month" if month else "season" if season else "year"))
    if month or season:
        return Hit("DATE", P(year=year, month=month, season=season, mod=mod,
                             granularity="month" if month else "season"))
    return Hit("DATE", P(year=year, granularity="year"))


def era_range(m, lex, text):
    # EXAMPLE: the Ionian Revolt (499-493 BC) / in 396-395 BC (the first year is in the era of the second)
    first, last = int(m.group("t")), int(m.group("y2"))
    era = lex.word("era", m.group("era"))
    if first == 0 or (era == "BC") != (first > last):
        return None
    return Hit("DATE", P(value=f"BC{first:04d}", granularity="year") if era == "BC"
               else P(year=first, granularity="year"))


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


def decade_rule(m, lex, text):
    # EXAMPLE: the 1990s / the early 1980s / the mid-1990s / the '80s / the nineties / the 470s BC
    if m.group("bc"):
        if lex.word("era", m.group("era")) != "BC":
            return None
        return Hit("DATE", P(value=f"BC{int(m.group('bc')) // 10:03d}", mod=mod_of(m.group("mod"), lex),
                             granularity="decade"))
    if m.group("y") and int(m.group("y")) % 100 == 0 and int(m.group("y")) < 2000:
        # "the 1800s" is the century, not its first decade
        return Hit("DATE", P(century=int(m.group("y")) // 100, mod=mod_of(m.group("mod"), lex),
                             granularity="century"))
    if m.group("y"):
        decade = int(m.group("y")) // 10
    elif m.group("yy"):
        decade = 190 + int(m.group("yy")) // 10
    else:
        decade = 190 + int(lex.word("decade_word", m.group("w")))
    return Hit("DATE", P(decade=decade, mod=mod_of(m.group("mod"), lex), granularity="decade"))


def century_rule(m, lex, text):
    # EXAMPLE: the 19th century / the early 20th century / the eighteenth century / the 3rd century BC
    n = day_number(m.group("n"), lex)
    if not n or n > 21:
        return None
    if lex.word("era", m.group("era")) == "BC":
        return Hit("DATE", P(value=f"BC{n - 1:02d}", mod=mod_of(m.group("mod"), lex), granularity="century"))
    return Hit("DATE", P(century=n - 1, mod=mod_of(m.group("mod"), lex), granularity="century"))


def year_words(m, lex, text):
    # EXAMPLE: nineteen ninety-six / the year two thousand / the winter of nineteen ninety-four
    if m.group("rest"):
        rest = m.group("rest")
        year = 1900 if lex.word("hundred", rest) else 1900 + lex.number(rest)
    else:
        if not (m.group("the") or m.group("mon") or m.group("season")) and not context(
                lex, r"\b(?:<<year_words_context>>)\s+$", text, m.start() - 7, m.start()):
            return None
        year = 2000 + (lex.number(m.group("add")) if m.group("add") else 0)
    if m.group("mon"):
        return Hit("DATE", P(year=year, month=lex.month(m.group("mon")), granularity="month"))
    if m.group("season"):
        return Hit("DATE", P(year=year, season=lex.seasons[m.group("season").lower()], granularity="season"))
    return Hit("DATE", P(year=year, granularity="year"))


MON = r"(?:<<month_full>>|<<month_short>>)"
DAYNUM = r"(?:[0-3]?\d(?:<<ordinal_suffix>>)?(?!\d|:\d)|<<ordinal_word>>)"
SEP = r"(?:\s*-\s*|\s+)"                # "mid-November", "early December"
YEAR_RELATIVE = (r"\s+(?:(?P<yrel><<relative>>)|<<of>>\s+(?P<yana><<year_anaphor>>))\s+<<year_word>>\b")
# "Oct. 23 last year" (from the DCT) / "March of that year", "July 25 of the same year" (the year in view)
RULES = (
    Rule("full_date",
         r"\b(?P<weekof><<week_of>>\s+)?(?:(?:<<weekday_lead>>\s+)?(?P<wd><<weekday>>)(?:\s*,\s*|\s+)"
         r"(?:<<the>>\s+)?)?"
         r"(?:(?P<mon>" + MON + r")\s*(?P<day>" + DAYNUM + r")"
         r"|(?P<day2>[0-3]?\d(?:<<ordinal_suffix>>)?)\s+(?:<<of>>\s+)?(?P<mon2>" + MON + r"))"
         r"(?:(?:\s*,\s*|\s*)(?P<year>(?:1\d|20)\d\d|'\d\d)(?![\d'])|" + YEAR_RELATIVE + r")?",
         full_date, "On Oct. 23, the agency said", 1),
    Rule("second_day",
         r"\b(?P<mon>" + MON + r")\s*(?P<d1>[0-3]?\d)\s*(?:<<day_to>>|-)\s*(?P<t>[0-3]?\d)\b"
         r"(?!\s*(?:%|<<percent>>|[a-z]))(?:,?\s*(?P<year>(?:1\d|20)\d\d)\b)?",
         second_day, "the summit on April 24 and 25", 6),
    Rule("first_day",       # a day-first range: its first day takes the month (and year) of the second
         r"(?<![\w.,/-])(?P<t>[0-3]?\d)(?:<<ordinal_suffix>>)?\s*(?:<<day_to>>|-)\s*"
         r"(?P<d2>[0-3]?\d)(?:<<ordinal_suffix>>)?"
         r"\s+(?:<<of>>\s+)?(?P<mon>" + MON + r")(?:,?\s*(?P<year>(?:1\d|20)\d\d)\b)?",
         first_day, "the battle (3-6 May 1862)", 6),
    Rule("iso_date",
         r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?(?![\d-])",
         iso_date, "published 2015-11-12", 1),
    Rule("iso_week", r"(?<![\w-])(?P<y>\d{4})-?W(?P<w>\d\d)(?P<we>-WE)?(?![\w-])", iso_week, "in 2017-W23", 1),
    Rule("numeric_date", r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|"
                         r"\d\d)(?![\d/]|[.-]\d)",
         numeric_date, "Published 12.11.2015", 1),
    Rule("month",
         r"\b(?:(?P<mod0><<date_mod>>)\s+(?=(?:<<month_relative>>)\s))?"        # "late last May": the mod first
         r"(?:(?P<rel><<month_relative>>)\s+)?(?:(?P<mod><<date_mod>>)" + SEP + r")?"
         r"(?P<mon><<month>>)(?!\w|'(?!s\b))(?:(?:\s*,\s*|\s*)(?:<<of>>\s+)?(?P<year>(?:1\d|20)\d\d)\b"
         r"|" + YEAR_RELATIVE + r")?",
         month_rule, "two officials said in October", 3),
    Rule("year",
         r"(?:\b(?P<fiscal><<fiscal>>)\s+|\b(?P<mod><<date_mod>>)" + SEP + r"|(?<![\w$#.,/-]))"
         r"(?P<year>\d{4})(?![\w/-]|,\d|\.\d|\s*%)",
         year_rule, "the conflict began in 2011", 4),
    Rule("era_year",      # a month or season before the year is part of it: "April 480 BC", "autumn of 481 BC"
         r"(?<![\w$.,])(?:(?:\b(?:(?P<mod><<date_mod>>)" + SEP + r")?(?:<<the>>\s+)?"
         r"(?:(?P<mon><<month_full>>)|(?P<s><<season>>))\s+(?:<<of>>\s+)?)?(?P<y>\d{1,4})\s*(?P<era><<era:cased>>)(?!\w)"
         r"|(?P<era2><<era_before:cased>>)\s*(?P<y2>\d{1,4})\b)",
         era_year, "Vesuvius erupted in 79 AD", 1),
    Rule("era_range",
         r"(?<![\w$.,/-])(?P<t>\d{1,4})(?=\s?-\s?(?P<y2>\d{1,4})\s*(?P<era><<era:cased>>)(?!\w))",
         era_range, "the revolt (499-493 BC)", 1),
    Rule("year_range",
         r"(?:(?<![\w$#.,/-])(?P<y1>1[5-9]\d\d|20\d\d)(?=\s?-\s?(?:1[5-9]\d\d|20\d\d|\d\d)(?![\w/-]|,\d|\.\d))"
         r"|(?:(?<=[5-9]\d\d-)|(?<=20\d\d-)|(?<=\d\d\d - ))(?P<y2>1[5-9]\d\d|20\d\d|\d\d)"
         r"(?![\w/-]|,\d|\.\d))",
         year_range, "the 1990-91 season", 3),
    Rule("year_words",      # a year in words: "nineteen ninety-six", "two thousand and one"
         r"\b(?:(?P<mon><<month_full>>)\s+(?:<<of>>\s+)?|(?:<<the>>\s+)?(?P<season><<season>>)\s+<<of>>\s+)?"
         r"(?P<the><<the>>\s+<<year_word>>\s+)?(?:<<nineteen>>[\s-]+(?P<rest><<year_tens>>(?:[\s-]<<year_ones>>)?"
         r"|<<year_teens>>|<<hundred>>)|<<two_thousand>>(?:\s+(?:<<and>>\s+)?(?P<add><<year_add>>))?)\b"
         r"(?!\s+(?:<<not_year_words_before>>)\b)",
         year_words, "in nineteen ninety-six", 2),
    Rule("decade",
         r"(?:\b<<the>>\s+(?:(?P<mod><<part_mod>>)" + SEP + r")?|\b(?:(?P<mod2><<part_mod>>)" + SEP + r"))?"
         r"(?:\b(?P<bc>\d{1,3}0)s\s*(?P<era><<era:cased>>)(?!\w)|\b(?P<y>1\d\d0|20\d0)'?s\b|'(?P<yy>\d0)s\b"
         r"|\b(?P<w><<decade_word>>)\b)",
         lambda m, lex, text: decade_rule(_merge_mod(m), lex, text), "in the 1990s", 2),
    Rule("century",
         r"\b(?:<<the>>\s+)?(?:(?P<mod><<part_mod>>)" + SEP + r")?(?P<n>\d{1,2}(?:<<ordinal_suffix>>)|<<ordinal_word>>)"
         r"[\s-]+<<century_word>>\b(?:\s*(?P<era><<era:cased>>)(?!\w))?", century_rule, "the 19th century", 2),
)


def _merge_mod(m):
    class _M:
        def group(self, name):
            if name == "mod":
                return m.group("mod") or m.group("mod2")
            return m.group(name)
    return _M()
