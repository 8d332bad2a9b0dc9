"""Scoring against gold annotation.

- :func:`timeline.evaluation.tempeval.evaluate`: the tagger on TimeML corpora (TempEval-3 Task A);
- :func:`evaluate_events`: event detection on TimeML corpora (TempEval-3 Task B);
- :func:`evaluate_timelines`: entity timelines (SemEval-2015 Task 4), by temporal awareness.
"""
from timeline.evaluation.events import EventReport, evaluate_events
from timeline.evaluation.timelines import TimelinesReport, evaluate_timelines

__all__ = ["evaluate_events", "EventReport", "evaluate_timelines", "TimelinesReport"]
