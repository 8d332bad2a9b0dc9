"""Export profiles of the canonical event table, one module each in this folder, found by name:

- ``csv``        ``events.csv``, every column (:mod:`.csv`);
- ``json``       ``events.json``, metadata, columns and records (:mod:`.json`);
- ``timelinejs`` ``timelinejs.csv`` and ``timelinejs.json`` for Knight Lab's TimelineJS (:mod:`.timelinejs`);
- ``timeml``     ``timeml/<name>.tml``, each source text with TIMEX3 tags, and the TimeML writer (:mod:`.timeml`);
- ``semeval-timeline`` ``semeval-timeline/<entity>.txt``, a SemEval-2015 Task 4 timeline per ``--about`` entity
  (:mod:`.semeval_timeline`).

A profile is found, not registered: :data:`FORMATS` is filled once, at import, by importing every module of this
folder whose name does not begin with ``_``, in name order; the module's name is the profile's name, and its
``write(table, out_dir, ctx) -> list[Path]`` writes it (a module may set ``NEEDS_DOCUMENTS = True``); an
underscore of the module's name is a hyphen of the profile's (``semeval_timeline.py``: ``semeval-timeline``). A new
profile is a new file here and touches no other profile; what they share is :mod:`._base` (the table read in
chunks, the formula guard, atomic writing, streamed JSON).

``table`` is the ordered table as a DataFrame or as a :class:`timeline.table.spill.SpilledTable` (read back in
chunks); profiles read either through :func:`chunks` and write as they read, so they never hold the whole table
as Python values and give the same bytes from both. ``ctx.documents`` is a :class:`Documents` (or, for a spilled
build, a view that reads them back one at a time).
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Callable

from timeline.export._base import Context, Documents, chunks, n_sources, neutralise
from timeline.lang.words import load as load_words

__all__ = ["FORMATS", "write", "Context", "Documents", "chunks", "n_sources", "neutralise"]


def _profiles() -> tuple[dict[str, Callable], set[str]]:
    found: dict[str, Callable] = {}
    needs_documents = set()
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = info.name.replace("_", "-")             # semeval_timeline.py is the semeval-timeline profile
        found[name] = module.write
        if getattr(module, "NEEDS_DOCUMENTS", False):
            needs_documents.add(name)
    return found, needs_documents


#: profile name -> its ``write(table, out_dir, ctx)``, in name order
FORMATS: dict[str, Callable[[object, Path, Context], list[Path]]]
FORMATS, _NEEDS_DOCUMENTS = _profiles()


def write(table, out_dir, formats=("csv",), documents=None, title: str | None = None, lang: str = "en",
          entities=(), subtitle: str | None = None) -> list[Path]:
    """Write ``table`` (a DataFrame, or a :class:`timeline.table.spill.SpilledTable`) in each of ``formats`` into
    ``out_dir``; returns the files written.

    ``formats`` are names of :data:`FORMATS`; ``documents`` is a list of ``(Document, timexes)`` or a
    :class:`Documents` (the ``timeml`` profile needs it; the others use it for metadata); ``title`` names the
    timeline (default: the first document's title); ``lang`` is the language of the words a profile writes itself
    (TimelineJS's display dates and title slide: ``lang/<code>/render_words.tsv``); ``entities`` are the build's
    ``--about`` targets (the ``semeval-timeline`` profile writes a file for each); ``subtitle`` replaces a
    title slide's own line ("N events from M articles").
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(map(repr, unknown))}; known: {', '.join(FORMATS)}")
    needy = [f for f in formats if f in _NEEDS_DOCUMENTS]
    if needy and documents is None:
        raise ValueError(f"the {needy[0]} format needs the documents and their expressions (documents=...)")
    words = load_words(lang)
    docs = documents if isinstance(documents, Documents) else Documents(documents or [])
    name = title or docs.first_title() or words.get("title")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = Context(docs, name, words, lang, tuple(entities), subtitle)
    written: list[Path] = []
    for fmt in dict.fromkeys(formats):
        written += FORMATS[fmt](table, out, ctx)
    return written
