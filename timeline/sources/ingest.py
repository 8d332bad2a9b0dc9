"""Ingest: read a document, decode it, find its title and its creation time (DCT).

A plain-text article looks like the seed: a title line, a date line (``Published 12.11.2015 14:12``), then the
body. The date line is parsed with dateparser; its day/month order follows the separator (dotted and dashed
numeric dates are day-first, slashed ones month-first, ISO dates year-first) unless ``date_order`` says otherwise.
Header words are the document's language's (``lang``, default English): dateparser is told it, and the labels
("Published", "Updated on") are ``lang/<code>/header_labels.txt`` and ``header_links.txt`` (a language without
them reads bare date lines only). Nothing here reads the wall clock: a document whose date cannot be read is an
:class:`InputError`.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from timeline.lang import DEFAULT, folder
from timeline.lang.lexicon import load_lines
from timeline.model import Document
from timeline.errors import TimelineError
from timeline.sources.dates import DATE_ORDERS, PlaceholderDate, check_year, coerce_dct, guess_date_order, parse_date
from timeline.sources.files import TEXT_SUFFIXES, expand_inputs
from timeline.sources.repair import MAX_TITLE, clean, decode_mixed, display_path, lines_note

__all__ = ["InputError", "Failure", "Decoded", "decode", "find_header", "read_text_document", "read_document",
           "read_bytes", "reading", "MAX_DOCUMENT_BYTES", "TEXT_SUFFIXES", "HEADER_LINES",
           # the dates and the walk of folders live in their own modules; these names stay importable from here
           "DATE_ORDERS", "coerce_dct", "guess_date_order", "parse_date", "expand_inputs"]

#: one article file (text, HTML, TimeML) larger than this is refused rather than read whole into memory;
#: JSON lines and CSV exports are streamed record by record and have no such limit on the file
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
HEADER_LINES = 6          # how many non-blank lines after the title may hold the date


class InputError(TimelineError):
    """A document that cannot be read or dated; the message names the file (and record) and the reason."""

    def __init__(self, path: str, reason: str, record: int | None = None):
        super().__init__(f"{path}{'' if record is None else f' record {record}'}: {reason}")
        self.path = path
        self.reason = reason
        self.record = record


@dataclass(frozen=True)
class Failure:
    """A document (or one record of a multi-record file) that could not be processed, and why.

    ``record`` is the 1-based record number inside a JSON lines or CSV file (None for one-article files).
    """

    path: str
    reason: str
    record: int | None = None

    def __post_init__(self) -> None:        # errors.csv is UTF-8: a name that is not is shown with escapes
        object.__setattr__(self, "path", display_path(self.path))
        object.__setattr__(self, "reason", clean(self.reason)[0])

    @classmethod
    def from_error(cls, exc: InputError) -> "Failure":
        return cls(exc.path, exc.reason, exc.record)

    def __str__(self) -> str:
        return f"{self.path}{'' if self.record is None else f' record {self.record}'}: {self.reason}"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str = ""


def decode(data: bytes, path: str = "<input>") -> Decoded:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else a reported cp1252/latin-1 fallback; binary is refused."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text" + _utf16_hint(data[:8192]))
    bom = data.startswith(b"\xef\xbb\xbf")
    body, enc = (data[3:], "utf-8-sig") if bom else (data, "utf-8")
    try:
        return Decoded(body.decode("utf-8"), enc)
    except UnicodeDecodeError as exc:
        if _truncated_utf8(body, exc):
            return Decoded(body[:exc.start].decode("utf-8"), enc,
                           f"truncated UTF-8: the incomplete character at the end ({len(body) - exc.start} "
                           f"byte{'s' * (len(body) - exc.start != 1)}) was dropped")
    mixed = decode_mixed(body)
    if mixed is not None and not _binary(mixed[0]):      # UTF-8 but for a few lines: repair those lines only
        return Decoded(mixed[0], enc, lines_note(mixed[1]))
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        text, enc = data.decode("latin-1"), "latin-1"
    if _binary(text):
        raise InputError(path, "binary file (not decodable as text)")
    return Decoded(text, enc, f"not valid UTF-8; decoded as {enc}")


def _binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls > max(8, len(text) // 100)


def _utf16_hint(head: bytes) -> str:
    """A hint when the NUL bytes fall on every other byte, as in UTF-16 text saved without a byte-order mark."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) >= 0.8 * (len(head) // 2) and min(even, odd) <= 0.05 * (len(head) // 2):
        return "; it looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"
    return ""


def _truncated_utf8(body: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 cut inside its last character: the only error is an incomplete sequence at the very end, and the
    text before it is UTF-8 beyond doubt (it has multi-byte characters, or the cut sequence has 2+ bytes). A
    lone high byte at the end of plain ASCII is more likely cp1252 ("Caf\xe9") and is left to the fallback."""
    if exc.reason != "unexpected end of data" or exc.end != len(body):
        return False
    return len(body) - exc.start >= 2 or any(b >= 0x80 for b in body[:exc.start])


@functools.lru_cache(maxsize=None)
def _label_pattern(directory: Path) -> re.Pattern:
    """A header label of the language folder ``directory`` ("Published", "Updated on:"), from its start."""
    def entries(name: str) -> tuple[str, ...]:
        return load_lines(name, directory) if (directory / name).is_file() else ()

    def one_of(words) -> str:          # longest first; a space matches any run of whitespace; none matches nothing
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!)"

    return re.compile(r"^\s*(?:%s)\b\s*(?:(?:%s)\b)?\s*[:\-–—]?\s*" % (one_of(entries("header_labels.txt")),
                                                                     one_of(entries("header_links.txt"))), re.I)


def find_header(text: str, date_order: str | None = None,
                lang: str = DEFAULT) -> tuple[str, _dt.datetime | None, int]:
    """Return (title, dct, body_start): the first non-blank line is the title; a labelled or bare date line
    among the next few lines (in language ``lang``) is the DCT; the body starts after the last header line used.
    A first line that reads as a sentence (:func:`_lead_sentence`), or the only line of the text, is no title:
    such a text has no header (unless that line is a date) and its body is all of it."""
    labels = _label_pattern(folder(lang))
    lines = list(_lines_with_offsets(text))
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    if not nonblank:
        return "", None, 0
    title_start, title_end = nonblank[0]
    title = text[title_start:title_end].strip()
    untitled = len(nonblank) == 1 or _lead_sentence(title)
    for s, e in nonblank[:1 if untitled else HEADER_LINES + 1]:
        line = text[s:e]
        m = labels.match(line)
        candidate = line[m.end():] if m else line
        if not m and len(candidate.strip()) > 40:
            continue
        dct = parse_date(candidate, date_order, lang)
        if dct is not None:
            if (s, e) == (title_start, title_end):      # a date alone on the first line is not a title
                title = ""
            return title, dct, _skip_newline(text, e)
    if untitled:
        return "", None, 0
    return title, None, _skip_newline(text, title_end)


_SENTENCE_END = re.compile(r"[^\W\d_]{2,}[.][\"'”’)]?$")


def _lead_sentence(line: str) -> bool:
    """A first line that is the lead sentence, not a title: longer than :data:`MAX_TITLE`, or of eight words or
    more ending in a full stop after a word (a headline rarely ends so; "in the U.S." does not count)."""
    if len(line) > MAX_TITLE:
        return True
    return len(line.split()) >= 8 and bool(_SENTENCE_END.search(line)) and not line[-2:-1].isupper()


def _lines_with_offsets(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)


def _skip_newline(text: str, i: int) -> int:
    if text.startswith("\r\n", i):
        return i + 2
    return i + 1 if text[i:i + 1] in ("\n", "\r") else i


def read_text_document(path: str, data: bytes, *, dct=None, date_order: str | None = None,
                       narrative: bool = False, lang: str = DEFAULT) -> Document:
    """Build a Document from the bytes of a plain-text article whose header is in language ``lang``."""
    decoded = decode(data, path)
    text = decoded.text
    title, header_dct, body_start = find_header(text, date_order, lang)
    notes = (decoded.note,) if decoded.note else ()
    dct = coerce_dct(dct, date_order, lang)
    if dct is None and header_dct is not None:
        try:
            dct = check_year(header_dct, "the header date")
        except PlaceholderDate as exc:
            if not narrative:
                raise InputError(path, f"{exc} Pass --dct DATE (or --narrative)") from None
            notes += (f"{exc} Read without a date (narrative mode)",)
    if dct is None and not narrative:
        raise InputError(path, "no publication date found in the header; pass --dct DATE (or --narrative)")
    return Document(path=path, title=title or Path(path).stem, dct=dct, text=text, body_start=body_start,
                    doc_id=Path(path).stem, encoding=decoded.encoding, notes=notes)


def read_document(path: str | Path, *, dct=None, date_order: str | None = None,
                  narrative: bool = False, lang: str = DEFAULT) -> Document:
    """Read one plain-text article file (or ``-`` for stdin) whose header is in language ``lang``."""
    path = str(path)
    data = read_bytes(path)
    return read_text_document(path, data, dct=dct, date_order=date_order, narrative=narrative, lang=lang)


def read_bytes(path: str) -> bytes:
    """The bytes of a one-article file (``-``: stdin); a file that cannot be read, or is larger than
    :data:`MAX_DOCUMENT_BYTES`, is an :class:`InputError` naming it."""
    with reading(path):
        if path == "-":
            data = stdin_bytes().read(MAX_DOCUMENT_BYTES + 1)      # a bounded read: an endless pipe stops here
        else:
            size = check_regular(path)
            if size > MAX_DOCUMENT_BYTES:
                raise InputError(path, _too_large(size))
            with open(path, "rb") as fh:
                data = fh.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError(path, _too_large(len(data)))
        return data


def stdin_bytes():
    """Standard input as a binary stream; an :class:`InputError` when there is none (``<&-``: closed)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or getattr(stream, "closed", False):
        raise InputError("<stdin>", "standard input is closed: give a file, or pipe the text in")
    return stream


def check_regular(path: str) -> int:
    """The size of ``path`` if it is a regular file; an :class:`InputError` for a FIFO, a device or a socket,
    which are never opened (a FIFO with no writer would block the run, /dev/zero has no end): their bytes are
    read from stdin (``-``), with the same size limit."""
    import stat

    st = os.stat(path)                       # follows a link; an OSError is turned into a message by reading()
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise InputError(path, f"{kind}, not a file: not read (pipe it to stdin instead: timeline build - < {path})")
    return st.st_size


@contextlib.contextmanager
def reading(path: str) -> Iterator[None]:
    """Turn the operating system's refusal to read ``path`` into an :class:`InputError` that names it."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None


def _too_large(size: int) -> str:
    return (f"too large for one article ({size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}): split it, or "
            f"export it as JSON lines or CSV, one article per record")
