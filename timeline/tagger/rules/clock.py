"""Recognition rules for clock times: "10:30 a.m. Thursday", "noon", "at 14:30 GMT", "4 in the morning".

The conventions of every rule module are in :mod:`timeline.tagger.rules.base`.
"""
from __future__ import annotations

from timeline.tagger.patterns import compiled
from timeline.tagger.rules.base import INVALID, Hit, P, Rule, context, valid_day

ON_WEEKDAY = r"\s+<<on:cased>>\s+(?P<wd><<weekday_name>>)\b"        # "4:20 a.m. on Wednesday" (case-sensitive)


def clock_time(m, lex, text):
    # EXAMPLE: 10:30 a.m. / 5 p.m. EST Nov. 9 / around 7:15 p.m. / 4 a.m. EDT Thursday / noon Thursday
    if m.group("word"):
        if context(lex, r"\b(?:<<not_before_clock_word>>)\s+$", text, m.start() - 5, m.start()):
            return None     # "high noon"
        code = lex.parts_of_day[m.group("word").lower()]
        hour, minute = (int(x) for x in code.split(":"))
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        ap = (m.group("ap") or "").lower().replace(".", "").replace(" ", "")
        half = lex.word("clock_half", ap)
        if minute > 59 or (ap and (hour > 12 or hour == 0)) or hour > 23:
            return None
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        if m.group("morn"):
            if lex.word("clock_day_part", m.group("morn")) == "pm" and hour < 12:
                hour += 12
    extra = {}
    if m.group("tz"):
        extra["tz"] = m.group("tz").upper()
    fields = dict(hour=hour, minute=minute, granularity="minute")
    tail = m.group("tail")
    if tail:
        deictic = lex.word("deictic", tail)
        if m.group("tmon"):
            month = lex.month(m.group("tmon"))
            day = int(m.group("tday"))
            if not valid_day(None, month, day):
                return INVALID
            fields.update(month=month, day=day)
        elif deictic is not None:
            fields.update(offset=("day", int(deictic.split()[0])), anchor="dct")
        else:
            fields.update(weekday=lex.weekday(tail))
    else:
        on_day = compiled(lex, ON_WEEKDAY, 0).match(text, m.end())
        if on_day and on_day.group("wd") in lex.weekdays:
            fields.update(weekday=lex.weekday(on_day.group("wd")))     # "4:20 a.m. on Wednesday"
        else:
            fields.update(offset=("day", 0), anchor="ref")
    mod = "APPROX" if m.group("approx") else None
    return Hit("TIME", P(mod=mod, extra=extra, **fields))


MON = r"(?:<<month_full>>|<<month_short>>)"
TZ = r"(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC|CES?T|BST|SGT)\b)"
RULES = (
    Rule("clock_time",
         r"(?:\b(?P<approx><<clock_approx>>)\s+)?(?:\b(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*"
         r"(?P<ap><<clock_suffix>>)(?P<morn>)|\b(?P<word><<pod_clock>>))"
         r"(?:\s+" + TZ + r")?"
         r"(?:(?:\s*,\s*|\s+)(?P<tail><<deictic>>|<<weekday>>|"
         r"(?P<tmon>" + MON + r")\s*(?P<tday>[0-3]?\d)\b))?",
         clock_time, "at 10:30 a.m. Thursday", 1),
    Rule("clock_glued",     # hours and minutes written as one number before am/pm: "430pm", "0930am"
         r"\b(?P<h>[01]?\d)(?P<mi>[0-5]\d)(?P<ap>(?-i:am|pm|AM|PM))\b(?:\s+" + TZ + r")?(?P<tail>)(?P<tmon>)(?P<tday>)"
         r"(?P<word>)(?P<approx>)(?P<morn>)",
         clock_time, "doors open 430pm", 1),
    Rule("clock_hhmm",      # a 24-hour time written as one number after "at": "left at 1015", "back at abt 2250"
         r"\b(?:<<hhmm_before>>)\s+(?P<t>(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d))(?![\w:/-]|[.,]\d|\s*(?:%|<<unit>>\b))"
         r"(?P<ap>)(?P<tz>)(?P<tail>)(?P<tmon>)(?P<tday>)(?P<word>)(?P<approx>)(?P<morn>)",
         lambda m, lex, text: None if 1800 <= int(m.group("t")) <= 2099 else clock_time(m, lex, text),
         "left at 1015", 3),
    Rule("clock_24h", r"\b<<at>>\s+(?P<t>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s+" + TZ + r")?)"
         r"(?![\d:]|\s*(?:<<clock_suffix_start>>))(?P<ap>)(?P<tail>)(?P<tmon>)(?P<tday>)(?P<word>)(?P<approx>)"
         r"(?P<morn>)",
         clock_time, "at 14:30 GMT", 2),
    Rule("clock_morning", r"\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?(?P<ap>)\s+(?P<morn><<clock_day_part>>)"
         r"(?P<tz>)(?P<tail>)(?P<tmon>)(?P<tday>)(?P<word>)(?P<approx>)",
         clock_time, "at 4 in the morning", 2),
)
