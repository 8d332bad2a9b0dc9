"""What a build makes of its inputs, in one frozen object validated once: :class:`Options`.

The same object goes from the CLI through :func:`timeline.build` to the worker processes and Dask workers (it
pickles), so no entry point restates a dozen keyword arguments. A bad value is an :class:`OptionsError` (a
:class:`timeline.errors.TimelineError` and a ``ValueError``) raised where the Options are made, before any input
is read. How a build *runs* (``jobs``, ``scheduler``, ``strict``, ``progress``, where it spills) is not here: it
does not change the table.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from dataclasses import dataclass, field

from timeline.errors import TimelineError
from timeline.pipeline.watchdog import DEFAULT_DOC_TIMEOUT
from timeline.sources.base import Fields, ReadOptions


#: what the table holds (``Options.events``, ``timeline build --events``)
EVENTS = ("dated", "all")


class OptionsError(TimelineError, ValueError):
    """An option that does not exist, or a value an option does not take."""


@dataclass(frozen=True)
class Options:
    """What to read and what to make of it.

    - ``input_format``: read every input in this format (a name of :data:`timeline.sources.FORMATS`; None: by suffix);
    - ``fields``: which record fields (JSON lines, CSV) hold text, date, title and id (:class:`timeline.sources.Fields`);
    - ``dct``: the document creation time of every input, overriding its header (a datetime, a date or a written
      date, read strictly: an impossible, ambiguous or placeholder date is refused; held as a datetime);
      ``date_order``: ``DMY``, ``MDY`` or ``YMD`` for an ambiguous header date;
    - ``narrative``: a document without a date is read in narrative mode instead of failing;
    - ``lang``: the language code of the texts (a folder of :mod:`timeline.lang`; default ``en``);
    - ``merge``: merge the mentions of one happening reported by several documents (default True);
    - ``keep_texts``: keep each document's text and expressions (the TimeML output needs them);
    - ``events``: ``dated`` (default: the rows dated by their own expressions, and the happenings the events stage
      dates through the publication day, the dateline, an earlier sentence or another event) or ``all`` (every
      clause with an event mention, dated or not: undated rows have anchor ``none`` and no dates);
    - ``events_from_input``: take the event mentions of TimeML input from its EVENT elements instead of detecting
      them (SemEval-2015 Task 4's Track B, or one's own annotation); other inputs are detected as usual;
    - ``entities``: keep only the events in which one of these entities takes part, and say which in the
      ``entity`` column (names such as ``"Boeing"`` or ``"General Motors | GM"``, or
      :class:`timeline.table.about.Target`; held as a tuple of Targets; None: every event);
    - ``doc_timeout``: seconds one document may take to be read, tagged and turned into events (default 30);
      one that takes longer is a failure ("too slow") and the batch goes on (:mod:`timeline.pipeline.watchdog`);
      None or 0: no limit.
    """

    input_format: str | None = None
    fields: Fields = field(default_factory=Fields)
    dct: _dt.datetime | None = None
    date_order: str | None = None
    narrative: bool = False
    lang: str = "en"
    merge: bool = True
    keep_texts: bool = False
    entities: tuple | None = None
    events: str = "dated"
    events_from_input: bool = False
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT

    def __post_init__(self) -> None:
        from timeline.lang import LanguageError, folder
        from timeline.sources import FORMATS
        from timeline.sources.ingest import DATE_ORDERS, coerce_dct

        if self.input_format is not None and self.input_format not in FORMATS:
            raise OptionsError(f"input_format: unknown format {self.input_format!r}; the formats are "
                               f"{', '.join(FORMATS)}")
        if not isinstance(self.fields, Fields):
            raise OptionsError(f"fields: a timeline.sources.Fields, not {type(self.fields).__name__}")
        if self.date_order is not None and self.date_order not in DATE_ORDERS:
            raise OptionsError(f"date_order: {self.date_order!r} is not one of {', '.join(DATE_ORDERS)}")
        if self.events not in EVENTS:
            raise OptionsError(f"events: {self.events!r} is not one of {', '.join(EVENTS)}")
        for name in ("narrative", "merge", "keep_texts", "events_from_input"):
            if not isinstance(getattr(self, name), bool):
                raise OptionsError(f"{name}: True or False, not {getattr(self, name)!r}")
        try:
            folder(self.lang)
        except LanguageError as exc:
            raise OptionsError(f"lang: {exc}") from None
        timeout = self.doc_timeout
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                    or not 0 <= timeout < float("inf")):
            raise OptionsError(f"doc_timeout: a number of seconds (0 or None: no limit), not {timeout!r}")
        if self.entities is not None:
            from timeline.table.about import AboutError, targets_of

            try:
                object.__setattr__(self, "entities", targets_of(self.entities) or None)
            except AboutError as exc:
                raise OptionsError(f"entities: {exc}") from None
        try:
            object.__setattr__(self, "dct", coerce_dct(self.dct, self.date_order, unambiguous=True))
        except (ValueError, TypeError, AttributeError) as exc:
            raise OptionsError(f"dct: {exc}" if isinstance(exc, ValueError)
                               else f"dct: a date, a datetime or a written date, not {self.dct!r}") from None

    @classmethod
    def of(cls, options: "Options | None" = None, **settings) -> "Options":
        """``options`` (default: the defaults) with ``settings`` replacing some of its values; an unknown name is
        an :class:`OptionsError` naming the options there are."""
        names = [f.name for f in dataclasses.fields(cls)]
        unknown = [k for k in settings if k not in names]
        if unknown:
            raise OptionsError(f"unknown option {', '.join(map(repr, unknown))}; the options are {', '.join(names)}")
        if options is not None and not isinstance(options, cls):
            raise OptionsError(f"options: a timeline.Options, not {type(options).__name__}")
        if settings.get("fields", "") is None:
            del settings["fields"]                          # fields=None: the default fields
        if options is None:
            return cls(**settings)
        return dataclasses.replace(options, **settings) if settings else options

    @functools.cached_property
    def read(self) -> ReadOptions:
        """How the sources read the inputs (the part of these options that :mod:`timeline.sources` takes)."""
        return ReadOptions(dct=self.dct, date_order=self.date_order, narrative=self.narrative, fields=self.fields,
                           input_format=self.input_format, lang=self.lang, events_from_input=self.events_from_input)
