"""Kept for ``from timeline.lexicon_io import load_lines``: the one resource loader is :mod:`timeline.lexicon`."""
from __future__ import annotations

from .lexicon import LexiconError, load_lines

__all__ = ["LexiconError", "load_lines"]
