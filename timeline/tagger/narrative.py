"""What narrative prose (no DCT) reads differently before resolution.

- "The garrison soon surrendered": "soon" is the order of events, never a timex there (the words of the slot
  ``narrative_not_timex``; news keeps FUTURE_REF).
- "They travelled at night", "night raids": a part of day alone (flagged ``pod_alone`` by the recognizer) names
  no day of the story: XXXX-XX-XXTNI, as TIMEX2 and TimeML annotate it; in news it is the DCT's day.
"""
from __future__ import annotations

from timeline.lang import DEFAULT
from timeline.lang.lexicon import load
from timeline.model import Mention, Timex


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def narrative_mentions(mentions: list[Mention], lang: str = DEFAULT) -> tuple[list[Mention], list[Timex]]:
    """The mentions left to resolve, and the timexes already known without an anchor (a part of day alone)."""
    sequence = {_key(w) for w in load(lang).phrases("narrative_not_timex")}
    kept, generic = [], []
    for m in mentions:
        if _key(m.text) in sequence:
            continue
        if dict(m.partial.extra).get("pod_alone") and m.partial.part_of_day:
            generic.append(Timex(m.start, m.end, m.text, "TIME", f"XXXX-XX-XXT{m.partial.part_of_day}",
                                 m.partial.mod, "none"))
            continue
        kept.append(m)
    return kept, generic
