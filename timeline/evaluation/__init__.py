"""Scoring against gold annotation.

- :func:`timeline.evaluation.tempeval.evaluate`: the tagger on TimeML corpora (TempEval-3 Task A);
- :func:`evaluate_events`: event detection on TimeML corpora (TempEval-3 Task B);
"""
from timeline.evaluation.events import EventReport, evaluate_events

__all__ = ["evaluate_events", "EventReport"]
