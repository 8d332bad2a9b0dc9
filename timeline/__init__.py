"""timeline: find the dates in news and history text, tie them to events, build a timeline table and chart.

The pipeline is the folder listing: :mod:`timeline.sources` (read, decode, date) -> :mod:`timeline.tagger`
(temporal expressions) -> :mod:`timeline.events` (dated happenings) -> :mod:`timeline.table` (the ordered,
merged event table) -> :mod:`timeline.export` / :mod:`timeline.render` (files and the chart);
:mod:`timeline.pipeline` runs the stages over many documents, :mod:`timeline.lang` holds each language's words,
:mod:`timeline.evaluation` scores the tagger. Public API (the CLI only wraps these):

- :func:`tag` (text, dct=None, lang="en") -> list of :class:`Timex`
- :func:`tag_document` (path, dct=None, date_order=None, lang="en") -> (:class:`Document`, its timexes): a file
  read and tagged, its date header giving the DCT (what ``timeline tag FILE`` prints)
- :func:`build` (inputs, ...) -> :class:`Timeline` (``.events`` is a pandas DataFrame, in memory)
- :func:`build_spilled` (inputs, ...) -> the same :class:`Timeline` with its table left on disk (any corpus size;
  what ``timeline build`` runs); ``SpilledTimeline`` is its old name
- :class:`Options` (what a build reads and makes of it: input format, fields, DCT, date order, narrative mode,
  language, merging, texts kept), validated once; a bad value is an :class:`OptionsError`
- :func:`read_document` (path, ...) -> :class:`Document`
- :func:`evaluate` (corpus dirs) -> TempEval-3 report
- :class:`Fields` (the record fields of JSON lines and CSV input), :class:`Failure` (a document that failed),
  :class:`TimelineError` (the base of every error timeline raises on purpose), :class:`InputError`,
  :class:`LanguageError`
"""
from __future__ import annotations

from timeline.errors import TimelineError
from timeline.model import Document, Event, Mention, Partial, Timex

__all__ = ["tag", "tag_document", "build", "Timeline", "build_spilled", "SpilledTimeline", "Options",
           "OptionsError", "read_document", "evaluate", "Document", "Event", "Mention", "Partial", "Timex", "Fields",
           "Failure", "InputError", "LanguageError", "TimelineError"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The stages are imported on first use so that `import timeline` stays cheap.
    if name in ("tag", "tag_document"):
        from timeline import tagger
        return getattr(tagger, name)
    if name in ("build", "Timeline", "build_spilled", "SpilledTimeline"):   # one class: Timeline
        from timeline.pipeline import batch
        return getattr(batch, name)
    if name in ("Options", "OptionsError"):
        from timeline.pipeline import options
        return getattr(options, name)
    if name in ("read_document", "Failure", "InputError"):
        from timeline.sources import ingest
        return getattr(ingest, name)
    if name == "Fields":
        from timeline.sources import Fields
        return Fields
    if name == "LanguageError":
        from timeline.lang import LanguageError
        return LanguageError
    if name == "evaluate":
        from timeline.evaluation.tempeval import evaluate
        return evaluate
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
