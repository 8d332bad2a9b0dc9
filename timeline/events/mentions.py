"""Event mentions as TimeML defines them: every word that names a happening or a temporally relevant state.

:func:`detect` takes plain text and gives one :class:`EventMention` per event word (verbs, event nominals such as
"sale" or "attack", states), with its TimeML class and, where TimeML gives them, tense, aspect, polarity and part
of speech. It runs a statistical model trained by ``scripts/train_events.py`` (TimeBank + AQUAINT for events,
UD English EWT for parts of speech; see ``timeline/lang/en/models/README.md``), loaded once per process from the
language's folder. A missing or unreadable model file is one :class:`EventModelError` at load time.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from timeline.errors import TimelineError
from timeline.events import linear
from timeline.events.features import tokenize
from timeline.lang import folder

MODEL_FILE = "models/events.npz"
MODELS = ("pos", "event", "cls", "tense", "aspect", "polarity")

_PART_OF_SPEECH = (("VB", "VERB"), ("MD", "VERB"), ("NN", "NOUN"), ("JJ", "ADJECTIVE"), ("IN", "PREPOSITION"))


class EventModelError(TimelineError, RuntimeError):
    """The event model file of a language is missing or cannot be read."""


@dataclass(frozen=True)
class EventMention:
    """One event word: ``text == source[start:end]``; the rest are TimeML's EVENT/MAKEINSTANCE values."""

    start: int
    end: int
    text: str
    cls: str
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    pos: str = "OTHER"


def _part_of_speech(tag: str) -> str:
    for prefix, pos in _PART_OF_SPEECH:
        if tag.startswith(prefix):
            return pos
    return "OTHER"


def _types(words: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct words (first-seen order) and, per token, the index of its word among them."""
    seen: dict[str, int] = {}
    ids = np.fromiter((seen.setdefault(w, len(seen)) for w in words), dtype=np.int64, count=len(words))
    return list(seen), ids


class Detector:
    """The POS tagger, the event tagger, and the classifiers of an event's class and attributes, ready to run."""

    def __init__(self, models: dict[str, linear.Linear]):
        self.pos = models["pos"]
        self.event = models["event"]
        self.attributes = [(name, models[name]) for name in ("cls", "tense", "aspect", "polarity")]
        self.outside = self.event.labels.index("O")
        self.word_pos = [_part_of_speech(t) for t in self.pos.labels]
        self._last: tuple | None = None
        shared: dict[str, dict[str, str]] = {}
        for model in models.values():       # one word's kinds serve every model (they share the senses table)
            model.kinds = shared

    def tag(self, words: list[str]) -> np.ndarray:
        """The POS tag id (an index into the POS model's labels) of each token."""
        types, ids = _types(words)
        return self.pos.predict(self.pos.slots(types)[ids])

    def _tagged(self, text: str) -> tuple:
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        words, starts, ends = tokenize(text)
        types, ids = _types(words)
        tags = self.pos.predict(self.pos.slots(types)[ids]) if words else np.zeros(0, dtype=np.int64)
        self._last = (text, (words, starts, ends, types, ids, tags))
        return self._last[1]

    def tokens(self, text: str) -> tuple[list[str], list[int], list[int], np.ndarray]:
        """The tokens of ``text`` with their offsets and POS tag ids. The last text's are kept, so the
        participants of its events (:mod:`timeline.events.participants`) do not tag it again."""
        words, starts, ends, _types_, _ids, tags = self._tagged(text)
        return words, starts, ends, tags

    def detect(self, text: str) -> list[EventMention]:
        words, starts, ends, types, ids, tags = self._tagged(text)
        if not words:
            return []
        labels = self.event.predict(self.event.slots(types)[ids], tags)
        at = np.flatnonzero(labels != self.outside)
        if not len(at):
            return []
        values = {}
        for name, model in self.attributes:
            values[name] = [model.labels[i] for i in model.predict(model.slots(types)[ids], tags, at)]
        out = []
        for n, i in enumerate(at.tolist()):
            out.append(EventMention(starts[i], ends[i], words[i], values["cls"][n], values["tense"][n],
                                    values["aspect"][n], values["polarity"][n], self.word_pos[tags[i]]))
        return out


_loaded: dict[str, Detector] = {}


def model_path(lang: str = "en") -> Path:
    """Where the event model file of language ``lang`` lives."""
    return folder(lang) / MODEL_FILE


def load(lang: str = "en") -> Detector:
    """The detector of ``lang``, read from its model file on first use and kept for the process."""
    detector = _loaded.get(lang)
    if detector is None:
        path = model_path(lang)
        if not path.is_file():
            raise EventModelError(f"event model for {lang!r} not found: {path} (train it with scripts/train_events.py)")
        try:
            models, _about = linear.load(path, MODELS)
            detector = Detector(models)
        except Exception as exc:   # any fault of the file: truncated, not a zip, a missing array, wrong shapes
            raise EventModelError(f"event model {path} cannot be read ({type(exc).__name__}: {exc}); "
                                  f"retrain it with scripts/train_events.py") from exc
        _loaded[lang] = detector
    return detector


def detect(text: str, lang: str = "en") -> list[EventMention]:
    """Every event mention of ``text`` in order, with offsets into ``text`` (an empty list when there is none)."""
    return load(lang).detect(text)
