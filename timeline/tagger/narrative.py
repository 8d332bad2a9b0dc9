"""What narrative prose (no DCT) reads differently before resolution.

- "The garrison soon surrendered": "soon" is the order of events, never a timex there (the words of the slot
  ``narrative_not_timex``; news keeps FUTURE_REF).
- "They travelled at night", "night raids": a part of day alone (flagged ``pod_alone`` by the recognizer) names
  no day of the story: XXXX-XX-XXTNI, as TIMEX2 and TimeML annotate it; in news it is the DCT's day.
- "The next morning" is a TIME with its part of day (1904-02-09TMO), as TIMEX2 annotates it; news keeps TimeML's
  DATE.
- An aside is not the story's date: a date in a future clause ("the big push planned for 1976"), after a word
  of the slot ``aside_before`` ("since 1995", "as of December 5, 2006", "surpassing the May 2007 high") or a year
  counted back ("than the previous year") does not become the reference the next bare month takes its year from.
"""
from __future__ import annotations

from dataclasses import replace

from timeline.lang import DEFAULT
from timeline.lang.lexicon import load
from timeline.model import Mention, Timex
from timeline.tagger import tense
from timeline.tagger.patterns import compiled


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def narrative_mentions(mentions: list[Mention], lang: str = DEFAULT) -> tuple[list[Mention], list[Timex]]:
    """The mentions left to resolve, and the timexes already known without an anchor (a part of day alone)."""
    sequence = {_key(w) for w in load(lang).phrases("narrative_not_timex")}
    kept, generic = [], []
    for m in mentions:
        if _key(m.text) in sequence:
            continue
        pod = dict(m.partial.extra).get("next_pod")
        if pod:     # "The next morning it attacked": one TIME in narrative (WikiWars), as "the night of 4 May"
            m = replace(m, type="TIME", partial=replace(m.partial, part_of_day=pod))
        if dict(m.partial.extra).get("pod_alone") and m.partial.part_of_day:
            generic.append(Timex(m.start, m.end, m.text, "TIME", f"XXXX-XX-XXT{m.partial.part_of_day}",
                                 m.partial.mod, "none"))
            continue
        kept.append(m)
    return kept, generic


def is_aside(text: str, m: Mention, granularity: str | None, date, ref, lang: str = DEFAULT) -> bool:
    """Whether the date of ``m`` (resolved to ``date`` at ``granularity``) is an aside of the story, not the date it
    has come to (see the module); ``ref`` is the reference so far. A year the reference is already in ("In 1941"
    after "December 8, 1941") tells nothing new: the finer reference stays."""
    p = m.partial
    if p.offset is not None and p.offset[1] < 0 and granularity == "year":
        return True         # "the previous year", "two years ago"
    if granularity == "year" and ref.date is not None and ref.date.year == date.year and ref.granularity in FINER:
        return True
    lex = load(lang)
    if compiled(lex, r"\b(?:<<aside_before>>)\s+(?:<<the>>\s+)?$").search(text, max(0, m.start - 16), m.start):
        return True
    return tense.direction(text, m.start, m.end, lang) == 1


FINER = ("day", "week", "weekend", "month", "season", "quarter", "half")
