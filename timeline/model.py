"""Plain data passed between the pipeline stages.

ingest -> :class:`Document`
recognize -> :class:`Mention` (a span with a :class:`Partial` value; never sees the DCT)
resolve -> :class:`Timex` (a TIMEX3 with a full value; the only stage that knows the anchor)
events -> :class:`Event` (one dated happening with its text and source)
order / export / render work on the event table (a pandas DataFrame, see ``timeline.table``).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article: where it came from, its title, its creation time and its text.

    ``text`` is the whole document as read; ``body_start`` is the offset where the body begins (after the title
    and the date header), so character offsets reported anywhere are offsets into ``text``.
    ``dct`` is None in narrative mode (no document date). ``events`` are the event mentions the input itself
    carried (TimeML EVENT elements, read with ``--events-from-input``), None when they are to be detected.
    """

    path: str
    title: str
    dct: _dt.datetime | None
    text: str
    body_start: int = 0
    doc_id: str = ""
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    events: tuple | None = None
    sentences: tuple[tuple[int, int], ...] = ()     # (start, end) of each sentence the markup gives (TimeML <s>)

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


@dataclass(frozen=True)
class Partial:
    """What a temporal expression says by itself, before it is anchored.

    Fields that the text does not fix stay None. ``offset`` is a relative shift from an anchor
    (``("day", -1)`` for "yesterday"); ``anchor`` says which anchor a relative or underspecified value needs:
    "dct" (deictic: today, last week), "ref" (anaphoric: the day before, that month) or None (absolute).
    ``value`` carries a value the recognizer could fix on its own (durations "P3D", sets, "PAST_REF").
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None          # ISO: Monday=1 .. Sunday=7
    season: str | None = None           # SP SU FA WI
    quarter: int | None = None
    half: int | None = None
    week: int | None = None
    decade: int | None = None           # 199 for the 1990s
    century: int | None = None          # 18 for the 1800s
    hour: int | None = None
    minute: int | None = None
    part_of_day: str | None = None      # MO AF EV NI DT
    offset: tuple[str, int] | None = None
    anchor: str | None = None
    granularity: str | None = None      # year, month, day, week, quarter, ... of the intended value
    value: str | None = None
    mod: str | None = None
    extra: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Mention:
    """A recognized temporal expression: a span of the text and its partial value."""

    start: int
    end: int
    text: str
    type: str                           # DATE, TIME, DURATION, SET
    partial: Partial
    rule: str = ""                      # the rule that matched (for debugging and the cases file)


@dataclass(frozen=True)
class Timex:
    """A resolved TIMEX3. ``start``/``end`` are offsets into the text given to :func:`timeline.tag`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str = "absolute"            # absolute | dct | ref | none
    flags: tuple[str, ...] = ()         # year_inferred, direction_from_tense, ambiguous_order, approximate, ...
    tid: str = ""

    def to_dict(self) -> dict:
        return {
            "start": self.start, "end": self.end, "text": self.text, "type": self.type,
            "value": self.value, "mod": self.mod, "anchor": self.anchor, "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Event:
    """One dated happening: its interval, the expression that dates it, its text and its source."""

    start: _dt.date | None              # first day covered (None: open start)
    end: _dt.date | None                # last day covered
    precision: str                      # day, month, year, season, quarter, decade, century, ...
    timex: Timex | None                 # None for the publication event
    phrase: str
    phrase_start: int | None
    phrase_end: int | None
    event_text: str
    headline: str
    document: Document
    end_precision: str | None = None
    anchor: str = "timex"               # how it is dated: timex | dct | sentence | event | coreference | none
    flags: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "mention"               # mention | publication | interval
    value: str = ""                     # TIMEX3 value that dates the event (the start's, or the end's if open start)
    end_value: str = ""                 # TIMEX3 value of the end when the end has its own expression
    mod: str | None = None              # TIMEX3 mod of the dating expression (START, APPROX, ...)
    edtf: str = ""                      # the event's date(s) in Extended Date/Time Format
    qualifiers: tuple[str, ...] = ()    # expressions that qualify but do not date it: "six months=P6M"
    trigger: str = ""                   # the event word as written ("killed"), "" when none was found
    trigger_start: int | None = None    # its offsets into the document's text
    trigger_end: int | None = None
    event_class: str = ""               # its TimeML class (OCCURRENCE, REPORTING, STATE, ...)
    participants: tuple[str, ...] = ()  # the entities taking part, by the name the article knows them by
    entity: str = ""                    # the --about entities it involves, ";"-separated ("" without --about)
