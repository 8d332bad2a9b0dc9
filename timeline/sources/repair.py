"""Text that cannot be written as it came is repaired where it is wrong, with a note, never fatal.

- :func:`decode_mixed`: UTF-8 with a few lines in another encoding (a Latin-1 line pasted into a UTF-8 file, a
  cp1252 byte in row 500 of a CSV export): each line that is not valid UTF-8 is decoded as cp1252 (a byte
  cp1252 leaves undefined as Latin-1), the others as UTF-8, and the note names the repaired lines.
- :func:`clean`: a lone surrogate (``"\\ud83d"`` in a JSON string, a file name that is not valid UTF-8 as
  Python's ``surrogateescape`` gives it) cannot be written as UTF-8: it becomes U+FFFD in text, and a
  ``\\xff`` escape in a path (:func:`display_path`), so the output says which byte it was.
- :func:`repaired_document`: the same for every text field of a Document, one note per kind of repair; a
  title longer than :data:`MAX_TITLE` characters (a record's title field holding a whole article) is cut.
"""
from __future__ import annotations

import codecs
import dataclasses
import re

from timeline.model import Document

ERRORS = "timeline.cp1252"           # the codec error handler: each bad byte as the cp1252 character it is
_BYTES = tuple(bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
               else chr(b) for b in range(256))
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_TITLE = 200           # characters: a longer title is cut (the chart and every export show it whole)


def _by_cp1252(exc: UnicodeError):
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _BYTES[exc.object[exc.start]], exc.start + 1


codecs.register_error(ERRORS, _by_cp1252)


def decode_line(raw: bytes) -> tuple[str, bool]:
    """(text, repaired): ``raw`` as UTF-8, else with its bad bytes read as cp1252."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", ERRORS), True


def decode_mixed(body: bytes) -> tuple[str, list[int]] | None:
    """``body`` decoded line by line when it is UTF-8 but for some lines: (text, numbers of the repaired lines).
    None when no line is UTF-8 beyond ASCII (then the whole file is in another encoding, not a few lines)."""
    lines = body.split(b"\n")
    utf8_lines, bad = 0, []
    for i, raw in enumerate(lines):
        text, repaired = decode_line(raw)
        if repaired:
            bad.append(i + 1)
        elif not raw.isascii():
            utf8_lines += 1
        lines[i] = text
    if not utf8_lines:
        return None
    return "\n".join(lines), bad


def lines_note(bad: list[int], what: str = "line") -> str:
    shown = ", ".join(map(str, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
    return (f"not valid UTF-8 on {what}{'s' * (len(bad) > 1)} {shown}: "
            f"{'those' if len(bad) > 1 else 'that'} {what}{'s' * (len(bad) > 1)} decoded as cp1252, the rest as UTF-8")


def clean(s: str) -> tuple[str, int]:
    """``s`` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if s.isascii():
        return s, 0
    return _SURROGATE.subn("\ufffd", s)


def display_path(path: str) -> str:
    """A path that can be written as UTF-8: a byte of a non-UTF-8 file name as ``\\xff``, a lone surrogate as U+FFFD."""
    if path.isascii() or not _SURROGATE.search(path):
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return clean(path)[0]


def repaired_document(doc: Document) -> Document:
    """``doc`` with its path shown writable and lone surrogates of its text, title and id replaced (same
    length, so offsets hold), with a note for each; ``doc`` itself when nothing needed it."""
    changes, notes = {}, []
    path = display_path(doc.path)
    if path != doc.path:
        changes["path"] = path
        notes.append("the file name is not valid UTF-8: written with \\x escapes for its bad bytes")
    named = {name: display_path(getattr(doc, name)) for name in ("title", "doc_id")}   # the file's stem, or fields
    named = {name: value for name, value in named.items() if value != getattr(doc, name)}
    if named and not changes:                    # a title or id of its own, not the file name's
        notes.append("the title or id cannot be written as UTF-8: shown with \\x escapes or U+FFFD")
    changes.update(named)
    title = changes.get("title", doc.title)
    if len(title) > MAX_TITLE:
        cut = title[:MAX_TITLE].rsplit(None, 1)[0] if " " in title[:MAX_TITLE] else title[:MAX_TITLE]
        changes["title"] = cut.rstrip() + "…"
        notes.append(f"a title of {len(title):,} characters cut to its first {len(cut):,}")
    text, count = clean(doc.text)
    if count:
        changes["text"] = text
        notes.append(f"{count} lone surrogate{'s' * (count > 1)} (half of a UTF-16 pair, as in \"\\ud83d\") "
                     f"replaced by U+FFFD")
    if not changes:
        return doc
    return dataclasses.replace(doc, notes=doc.notes + tuple(notes), **changes)
