"""The entity filter (``--about``): keep only the events in which an entity takes part, and say which.

A :class:`Target` is an entity asked for: the name it is asked by and its other names (``--about "Boeing"``, or
a line of an ``--about-file``: ``General Motors | GM | the carmaker``). An event involves a target when one of its
participants (:mod:`timeline.events.participants`), by any name its article writes it, is one of the target's
names written the same up to case, "the", a corporate suffix and a possessive ("Boeing Co." for "Boeing"), or is
made of the initials of one ("GM" for "General Motors"), or is one of its last words ("Jobs" for "Steve Jobs",
"787" for "Boeing 787", "Apple Corps" for "Beatles Apple Corps", never "Apple" alone for it), or has its words in
order with more between ("iTunes Music Store" for "iTunes store"), or the same words in another order ("3G
iPhone" for "iPhone 3G"), or is its plural ("iPods"); a target's common nouns at its end may be left
out ("iTunes" for "iTunes store": a name is capitalised, its head noun need not be). The first rule
resolves aliases across the batch as well: an article that writes only "GM" matches "General Motors".

:func:`select` keeps the events of one document that involve a target and writes the targets' names, as asked, in
their ``entity`` field (``;``-separated when several). It runs on each document as it is processed, so it costs
nothing at the scale of an archive.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from timeline.errors import TimelineError
from timeline.events.entities import ParticipantWords, participant_words
from timeline.model import Event

#: the separator of a name and its aliases on a line of an --about-file (a tab works too)
ALIAS_SEPARATOR = "|"
_WORD = re.compile(r"[\w&'.-]+")


class AboutError(TimelineError, ValueError):
    """An --about-file that cannot be read, or an entity given with no name."""


@dataclass(frozen=True)
class Target:
    """An entity asked for: ``name`` as given (what the ``entity`` column and the file names say), ``aliases``
    its other names."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def parse_target(line: str) -> Target:
    """``Name``, or ``Name | alias | alias`` (or tab-separated): a :class:`Target`."""
    parts = [p.strip() for p in re.split(rf"\t|\{ALIAS_SEPARATOR}", line)]
    parts = [p for p in parts if p]
    if not parts:
        raise AboutError(f"an entity with no name: {line!r}")
    return Target(parts[0], tuple(dict.fromkeys(p for p in parts[1:] if p != parts[0])))


def parse_about(text: str, path: str = "<string>") -> tuple[Target, ...]:
    """The targets of an --about-file's text: one entity a line, ``Name | alias | alias``; blank lines and lines
    starting with ``#`` are skipped. A file with no entity is an :class:`AboutError`."""
    out = [parse_target(line) for line in text.lstrip("\ufeff").splitlines()
           if line.strip() and not line.lstrip().startswith("#")]
    if not out:
        raise AboutError(f"{path}: no entity in the file (one entity a line: Name | alias | alias)")
    return tuple(out)


def read_about_file(path: str | Path) -> tuple[Target, ...]:
    """The targets of an --about-file (see :func:`parse_about`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise AboutError(f"{path}: cannot read the --about-file ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AboutError(f"{path}: the --about-file is not UTF-8 text") from None
    return parse_about(text, str(path))


def targets_of(entities: Iterable[str | Target] | str | Target) -> tuple[Target, ...]:
    """Targets from names (``"Boeing"``, ``"General Motors | GM"``) or :class:`Target` objects."""
    if isinstance(entities, (str, Target)):
        entities = [entities]
    out = []
    for e in entities:
        if isinstance(e, Target):
            out.append(e)
        elif isinstance(e, str):
            out.append(parse_target(e))
        else:
            raise AboutError(f"an entity is a name or a timeline.table.about.Target, not {type(e).__name__}")
    return tuple(out)


class Matcher:
    """Decides whether one article's entity (by the names it is written in) is a target (see the module doc)."""

    def __init__(self, targets: tuple[Target, ...], words: ParticipantWords):
        self.targets, self.w = targets, words
        self.keys = [{k for n in t.names for k in self.keys_of(n)} - {()} for t in targets]
        self.initials = [{self.acronym(k) for k in keys if len(k) >= 2} for keys in self.keys]

    def key(self, name: str) -> tuple[str, ...]:
        ws = _WORD.findall(name)
        while ws and ws[0].lower() in self.w.determiners:
            ws.pop(0)
        while len(ws) > 1 and ws[-1] in self.w.suffixes:
            ws.pop()
        if ws and ws[-1].endswith("'s"):
            ws[-1] = ws[-1][:-2]
        return tuple(x.lower().rstrip(".") for x in ws if x.rstrip("."))

    def keys_of(self, name: str) -> list[tuple[str, ...]]:
        """The keys of a target's name: itself, and without the common nouns it ends with ("iTunes store" is
        also "iTunes": a name is capitalised, its head noun need not be)."""
        key = self.key(name)
        written = _WORD.findall(name)
        n = len(written)
        while n > 1 and written[n - 1].islower():
            n -= 1
        return [key, self.key(" ".join(written[:n]))] if 0 < n < len(written) else [key]

    def acronym(self, key: tuple[str, ...]) -> str:
        return "".join(x[0] for x in key if x not in self.w.connectors)

    def hits(self, forms: Iterable[str]) -> list[int]:
        """The indexes of the targets that one of ``forms`` names."""
        keys = {self.key(f) for f in forms} - {()}
        keys |= {k[:-1] + (k[-1][:-1],) for k in keys if len(k[-1]) > 3 and k[-1].endswith("s")}   # "iPods"
        out = []
        for i, (mine, initials) in enumerate(zip(self.keys, self.initials)):
            if keys & mine or {tuple(sorted(k)) for k in keys} & {tuple(sorted(m)) for m in mine if len(m) > 1}:
                out.append(i)                   # the same words, or in another order ("the 3G iPhone")
            elif any(len(k) == 1 and k[0].replace("&", "") in initials for k in keys):
                out.append(i)
            elif any(len(k) < len(m) and m[len(m) - len(k):] == k for k in keys for m in mine):
                out.append(i)
            elif any(len(k) > len(m) >= 2 and k[0] == m[0] and k[-1] == m[-1] and _within(m, k)
                     for k in keys for m in mine):
                out.append(i)                   # "iTunes Music Store" for "iTunes store"
        return out


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Are the words of ``short`` those of ``long`` in order, with others between?"""
    rest = iter(long)
    return all(w in rest for w in short)


def select(events: list[Event], aliases: dict[str, tuple[str, ...]], targets: tuple[Target, ...],
           lang: str = "en") -> list[Event]:
    """The events of one document that involve a target, each with its ``entity`` (the targets' names as asked,
    ``;``-separated); ``aliases`` maps a participant's name to the forms its article writes it in."""
    matcher = Matcher(targets, participant_words(lang))
    cache: dict[str, list[int]] = {}
    out = []
    for e in events:
        hit: set[int] = set()
        for name in e.participants:
            if name not in cache:
                cache[name] = matcher.hits(aliases.get(name, (name,)))
            hit.update(cache[name])
        if hit:
            out.append(dataclasses.replace(e, entity=";".join(targets[i].name for i in sorted(hit))))
    return out
