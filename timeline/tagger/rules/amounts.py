"""Recognition handlers for amounts of time: durations ("the past three years", "a day-long meeting"), "N units
ago/later", sets ("every day", "daily", "$2 million a year") and their TIMEX3 duration values.

Same conventions as :mod:`timeline.tagger.rules.calendar`; the rules themselves are listed in
:data:`timeline.tagger.rules.relative.RULES`, in their order.
"""
from __future__ import annotations

import re

from timeline.tagger.patterns import compiled
from timeline.tagger.rules.base import Hit, P

def _amount(m, lex):
    num = m.group("num")
    if num is None:
        return "X"
    text = re.sub(r"\s+", " ", num.lower()).strip()
    text = re.sub(r"^(\d+)-1/2$", r"\1 1/2", text)     # "2-1/2 years"
    if re.fullmatch(r"\d+ 1/2", text) or any(text.endswith(half) for half in lex.phrases("and_a_half")):
        return (lex.number(text.split(" ")[0]), "half")
    if re.fullmatch(r"\d+\.\d+", text):     # "2.5 years" is 2 1/2 years; "1.25 hours" keeps its decimal
        value = float(text)
        return (int(value), "half") if value % 1 == 0.5 else value
    try:
        value = lex.number(text)
    except KeyError:
        return None
    return value


def _duration_value(amount, unit, letter):
    if isinstance(amount, tuple):
        whole = amount[0]
        sub = {"year": (6, "M"), "month": (15, "D"), "day": (12, "H"), "hour": (30, "M"), "minute": (30, "S")}
        if unit in sub:
            prefix = "PT" if unit in ("hour", "minute") else "P"
            return f"{prefix}{whole}{letter}{sub[unit][0]}{sub[unit][1]}"
        amount = whole
    if isinstance(amount, float):
        amount = int(amount) if amount.is_integer() else amount
    if unit == "weekend":
        return f"P{amount}WE"
    if unit == "decade" and amount != "X":
        return f"P{amount * 10}Y"
    if unit == "century" and amount != "X":
        return f"P{amount * 100}Y"
    prefix = "PT" if unit in ("hour", "minute", "second") else "P"
    return f"{prefix}{amount}{letter}"


def _amount_mod(lex, phrase: str | None) -> str | None:
    """The TIMEX3 mod of an amount modifier ("about", "more than": modifiers.tsv)."""
    return lex.modifiers.get(re.sub(r"\s+", " ", (phrase or "").lower()), (None,))[0]


def ago_rule(m, lex, text):
    # EXAMPLE: a year ago / two days later / three weeks earlier / 10 years ago / several years ago /
    # two months from now
    amount = _amount(m, lex)
    if amount is None or isinstance(amount, float):
        return None
    unit, letter = lex.unit(m.group("unit"))
    sign, anchor = lex.word("ago_word", m.group("dir")).split()
    sign = int(sign)
    mod = _amount_mod(lex, m.group("amod"))
    if mod in ("LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"):
        mod = "APPROX" if mod == "LESS_THAN" else mod
    if amount == "X":
        return Hit("DATE", P(value="PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod))
    if isinstance(amount, tuple):
        amount = amount[0]
    if unit in ("hour", "minute", "second"):
        return Hit("TIME" if unit != "second" else "DATE",
                   P(offset=(unit, sign * amount), anchor=anchor, mod=mod, granularity=unit))
    granularity = {"weekend": "week"}.get(unit, unit)
    extra = {"same_unit": "quarter"} if unit == "year" and amount == 1 else {}
    if anchor == "ref":
        extra["anaphoric_amount"] = True
    return Hit("DATE", P(offset=(unit if unit != "weekend" else "week", sign * amount), anchor=anchor, mod=mod,
                         granularity=granularity, extra=extra))





def duration_rule(m, lex, text):
    # EXAMPLE: the past three years / two days / 90 minutes / several years / the next few months /
    # a five-year plan / more than four hours / 2 1/2 years / the first nine months
    unit_word = m.group("unit").lower()
    unit, letter = lex.unit(unit_word)
    amount = _amount(m, lex)
    if amount is None:
        return None
    if m.group("half") and isinstance(amount, int):
        amount = (amount, "half")       # "a minute and a half"
    num = (m.group("num") or "").lower()
    rel = (m.group("rel") or "").lower()
    if lex.word("article_number", num) and not rel and not m.group("amod") and not m.group("amod2"):
        before = text[max(0, m.start() - 40):m.start()]
        if unit in ("year", "month", "week", "day") and compiled(lex, r"<<rate_before>>").search(before):
            return Hit("SET", P(value=f"P1{letter}"))
        if unit in ("year", "month", "week", "day") and compiled(lex, r"<<rate_count>>").search(before):
            return Hit("SET", P(value=f"P1{letter}"))     # "fifty thousand CDs a year": a rate is a set
    if unit == "day" and lex.word("one_day", num) and not rel and compiled(
            lex, r"\b(?:<<future_before:cased>>)\s+$", 0).search(text[max(0, m.start() - 12):m.start()]):
        return Hit("DATE", P(value="FUTURE_REF"))      # "Islam will one day be ..."
    if compiled(lex, r"\s+<<age_after:cased>>\b", 0).match(text[m.end():m.end() + 5]) and not m.group("rel"):
        return None     # an age: "52 years old"
    if unit == "second" and lex.word("article", num):
        return None
    if unit == "quarter" and not rel:
        return None
    if isinstance(amount, int) and unit == "day" and amount > 5000:
        return None
    amod = re.sub(r"\s+", " ", (m.group("amod") or m.group("amod2") or "").lower())
    span = None
    if m.group("amod") and lex.word("amount_mod_before_rel", amod) and m.group("rel"):
        span = (m.start("rel"), m.end())
        amod = ""
    if m.group("rel") and (compiled(lex, r"(?:<<possessive_determiner>>)\s").match(m.group("rel")) or (
            lex.word("the", rel.strip()) and "-" in text[m.end("num"):m.start("unit")])):
        span = (m.start("num"), m.end())    # "the 90-day deadline": the determiner is the noun's
    if lex.word("article", num) and not rel and not amod and m.group(0).lower().endswith(
            tuple("-" + w for w in lex.phrases("long"))):
        span = (m.start("unit"), m.end())   # "a year-long inquiry": the article is the noun's
    return Hit("DURATION", P(value=_duration_value(amount, unit, letter), mod=_amount_mod(lex, amod)), span=span)


def duration_glued(m, lex, text):
    # EXAMPLE: a 45min run / slept 2hrs / 1.5hrs / 16days (a count glued to its unit, as tweets write it)
    unit, letter = lex.unit(m.group("unit").lower())
    value = float(m.group("num"))
    amount = (int(value), "half") if value % 1 == 0.5 else int(value) if value.is_integer() else value
    return Hit("DURATION", P(value=_duration_value(amount, unit, letter)))


def unit_long(m, lex, text):
    # EXAMPLE: a year-long inquiry / a day-long meeting / the decades-long embargo
    word = m.group("unit").lower()
    unit, letter = lex.unit(word)
    plural = word in {w.lower() for w in lex.phrases("plural_units")}
    return Hit("DURATION", P(value=_duration_value("X" if plural else 1, unit, letter)))


def bare_plural(m, lex, text):
    # EXAMPLE: for years / in recent months / in coming weeks / for decades / centuries
    unit, letter = lex.unit(m.group("unit"))
    kind = lex.word("bare_plural_rel", m.group("rel"))
    if kind == "past" and unit in ("year", "day"):
        return Hit("DATE", P(value="PAST_REF"))
    if kind == "future" and unit in ("month", "quarter", "year") and not m.group("the"):
        return Hit("DATE", P(value="FUTURE_REF"))
    return Hit("DURATION", P(value=_duration_value("X", unit, letter)))


def set_rule(m, lex, text):
    # EXAMPLE: every day / each year / every quarter / each month / every other week / every three years
    unit_word = m.group("unit")
    if m.group("mon"):
        return Hit("SET", P(value=f"XXXX-{lex.month(m.group('mon')):02d}"))
    if m.group("s"):
        return Hit("SET", P(value=f"XXXX-{lex.seasons[m.group('s').lower()]}"))
    if m.group("pod"):      # "every morning", "every nite": the part of day of every day
        return Hit("SET", P(value=f"XXXX-XX-XXT{lex.parts_of_day[m.group('pod').lower()]}"))
    unit, letter = lex.unit(unit_word)
    n = 2 if m.group("other") else (_amount(m, lex) if m.group("num") else 1)
    if n is None:
        return None
    return Hit("SET", P(value=_duration_value(n, unit, letter)))


def adverb_set(m, lex, text):
    # EXAMPLE: published daily / weekly meetings / paid annually
    word = m.group("a")
    if lex.word("adverb_rate", word) and compiled(lex, r"(?:%|<<percent:cased>>)\s+$", 0).search(
            text[max(0, m.start() - 9):m.start()]):
        return None     # "rose 8.5% annually": a rate, not a recurrence
    return Hit("SET", P(value=lex.word("adverb_set", word)))
