"""timeline: find the dates in news and history text, tie them to events, build a timeline table and chart.

Public API (the CLI only wraps these):

- :func:`tag` (text, dct=None) -> list of :class:`Timex`
- :func:`build` (inputs, ...) -> :class:`Timeline` (``.events`` is a pandas DataFrame, in memory)
- :func:`build_spilled` (inputs, ...) -> :class:`SpilledTimeline` (the table on disk: any corpus size; what
  ``timeline build`` runs)
- :func:`read_document` (path, ...) -> :class:`Document`
- :func:`evaluate` (corpus dirs) -> TempEval-3 report
"""
from __future__ import annotations

from timeline.model import Document, Event, Mention, Partial, Timex

__all__ = ["tag", "build", "Timeline", "build_spilled", "SpilledTimeline", "read_document", "evaluate", "Document",
           "Event", "Mention", "Partial", "Timex"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The stages are imported on first use so that `import timeline` stays cheap.
    if name == "tag":
        from timeline.tagger import tag
        return tag
    if name in ("build", "Timeline", "build_spilled", "SpilledTimeline"):
        from timeline.pipeline import batch as pipeline
        return getattr(pipeline, name)
    if name == "read_document":
        from timeline.sources.ingest import read_document
        return read_document
    if name == "evaluate":
        from timeline.evaluation.tempeval import evaluate
        return evaluate
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
