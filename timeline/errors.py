"""The one base of every error timeline raises on purpose, so a caller can catch them all with one ``except``."""
from __future__ import annotations


class TimelineError(Exception):
    """Base of timeline's own errors: bad input, bad language data, bad options, an unreadable table."""
