"""Command line: each command is a thin layer over a public function of the library.

``timeline build``    -> :func:`timeline.build_spilled` (same options) then :meth:`timeline.Timeline.write`
``timeline tag``      -> :func:`timeline.tag`
``timeline evaluate`` -> :func:`timeline.evaluation.tempeval.evaluate`
``timeline render``   -> :func:`timeline.render.render_csv`
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import signal
import sys
import threading
from pathlib import Path

from timeline import __version__
from timeline.errors import TimelineError
from timeline.sources.ingest import DATE_ORDERS, InputError, coerce_dct

#: commands defined in other modules: each has ``add_parser(subparsers)`` and ``run(args) -> int``
PLUGIN_COMMANDS = ("timeline.evaluation.tempeval", "timeline.render")

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


def _err(msg: str) -> None:
    if sys.stderr is not None:                  # 2>&-: nothing to say it on (and never on stdout instead)
        print(f"timeline: {msg}", file=sys.stderr)


def _dct_arg(value: str) -> str:
    """``--dct``: kept as written here, read by :func:`_read_dct` once ``--date-order`` is known."""
    return value.strip()


def _read_dct(parser: argparse.ArgumentParser, args) -> None:
    """``args.dct`` as a datetime read in ``--date-order``: an impossible, ambiguous or placeholder date is a
    usage error (exit 2) naming it; never a date read with day and month swapped."""
    if isinstance(getattr(args, "dct", None), str):
        try:
            args.dct = coerce_dct(args.dct, getattr(args, "date_order", None), unambiguous=True)
        except ValueError as exc:
            parser.error(f"argument --dct: {exc}")


def _formats_arg(value: str) -> tuple[str, ...]:
    from timeline.export import FORMATS

    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        charts = [f for f in unknown if f.lower() in ("html", "png", "svg")]
        hint = (" (`timeline build` draws timeline.png and timeline.svg; for the HTML page: "
                "`timeline render OUT/events.csv --format html`)") if charts else ""
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or repr(value)}; "
                                         f"choose from {', '.join(FORMATS)}{hint}")
    return formats


def _make_out(out: str) -> str | None:
    """Create the output folder up front; a reason when it cannot be made (before any work is done)."""
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{out}: cannot create the output folder ({exc.strerror or exc})"
    return None


def add_build_parser(sub) -> None:
    p = sub.add_parser("build", help="build the event table and chart from articles",
                       description="Read articles (files, folders, globs, - for stdin; default: seeds/) and write "
                                   "events.csv, timeline.png and timeline.svg into --out (default: output/). "
                                   "Inputs: plain text (.txt .text .md), HTML (.html .htm), JSON lines (.jsonl "
                                   ".ndjson) and CSV/TSV exports (one article per record), TimeML (.tml). What "
                                   "cannot be read or dated is listed in errors.csv and the exit code is 1.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="article files, folders or globs (default: seeds/)")
    p.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output/)")
    p.add_argument("--dct", type=_dct_arg, metavar="DATE",
                   help="document creation time for every input, overriding the header (ISO, e.g. 2015-11-12; a "
                        "slashed 11/12/2015 needs --date-order; impossible dates are refused)")
    p.add_argument("--date-order", choices=DATE_ORDERS, help="day/month order of an ambiguous header date")
    p.add_argument("--narrative", action="store_true",
                   help="read the documents in narrative mode: their own dates anchor them, even when the file has a "
                        "date (a .tml <DCT>, a header, a page's date); --dct still sets one")
    p.add_argument("--lang", default="en", metavar="CODE",
                   help="language of the texts (a folder of timeline/lang; default: en)")
    p.add_argument("--format", default=("csv",), type=_formats_arg, metavar="FMT[,FMT]",
                   help="table formats to write: csv, json, timelinejs, timeml, xlsx (comma-separated; default csv)")
    p.add_argument("--no-merge", dest="merge", action="store_false",
                   help="keep every mention instead of merging the same event reported by several articles")
    p.add_argument("--no-chart", dest="chart", action="store_false", help="do not draw timeline.png/.svg")
    p.add_argument("--events", choices=("dated", "all"), default="dated",
                   help="dated (default): the events dated by their own expressions or through the publication "
                        "day, the dateline, an earlier sentence or another event; all: every event, dated or "
                        "not (the chart shows the dated ones)")
    p.add_argument("--events-from-input", action="store_true",
                   help="TimeML input: take its EVENT elements as the event mentions instead of detecting them")
    p.add_argument("--title", help="chart title (default: the first article's title, or its first sentence; "
                                   "\"What N articles report\" for more than five)")
    p.add_argument("--subtitle", help="chart subtitle (also the TimelineJS title slide's text)")
    p.add_argument("--credit", help="credit line under the chart")
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="chart theme")
    p.add_argument("--strict", action="store_true", help="stop at the first document that fails")
    p.add_argument("--about", action="append", metavar="ENTITY",
                   help="keep only the events ENTITY takes part in, and name it in the entity column (repeatable; "
                        "'Name | alias | alias' gives aliases)")
    p.add_argument("--about-file", metavar="FILE",
                   help="--about for each line of FILE: one entity a line, 'Name | alias | alias'; # comments")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors (and no progress bar)")
    _add_input_options(p)
    p.set_defaults(func=run_build)


def _add_input_options(p) -> None:
    """build's options for input formats, record fields and parallelism (issue 6)."""
    from timeline.sources import FORMATS, Fields

    p.add_argument("--input-format", choices=tuple(FORMATS),
                   help="read every input in this format (for stdin, or files whose suffix says nothing)")
    for name in ("text", "date", "title", "id"):
        p.add_argument(f"--{name}-field", default=getattr(Fields(), name), metavar="NAME",
                       help=f"JSON lines / CSV: the field holding each article's {name} (default: {name})")
    p.add_argument("-j", "--jobs", type=_jobs_arg, metavar="N",
                   help="worker processes tagging in parallel (default: all cores; 1: none)")
    p.add_argument("--scheduler", metavar="ADDRESS", type=_scheduler_arg,
                   help="tag on an existing Dask cluster, e.g. tcp://host:8786 (needs the dask extra)")
    p.add_argument("--doc-timeout", type=_seconds_arg, default=30.0, metavar="SECONDS",
                   help="a document not done in this time is listed in errors.csv as too slow and the batch goes "
                        "on (default: 30; 0: no limit)")


def _seconds_arg(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"--doc-timeout takes a number of seconds, 0 or more, not {value!r}")
    return seconds


def _scheduler_arg(value: str) -> str:
    """A Dask scheduler's address ends in its port (``tcp://host:8786``, ``host:8786``): said before connecting."""
    import re

    if not re.fullmatch(r"(?:[a-z]+://)?\S+:\d{1,5}", value.strip()):
        raise argparse.ArgumentTypeError(f"a scheduler address with its port, e.g. tcp://host:8786, not {value!r}")
    return value.strip()


def _jobs_arg(value: str) -> int:
    from timeline.pipeline.batch import MAX_JOBS

    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if not 1 <= jobs <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"--jobs takes a number of processes from 1 to {MAX_JOBS}, not {value!r}")
    return jobs


def run_build(args) -> int:
    from timeline.events.mentions import EventModelError
    from timeline.pipeline.batch import build_spilled
    from timeline.pipeline.options import Options, OptionsError
    from timeline.pipeline.progress import Progress
    from timeline.sources import Fields

    from timeline.table.about import AboutError, read_about_file

    formats = args.format
    try:
        if args.about_file:
            _small_regular_file(args.about_file, "--about-file")
        entities = list(args.about or []) + list(read_about_file(args.about_file) if args.about_file else [])
        options = Options(input_format=args.input_format, dct=args.dct, date_order=args.date_order,
                          narrative=args.narrative, lang=args.lang, merge=args.merge,
                          keep_texts="timeml" in formats or "semeval-timeline" in formats,
                          events=args.events, events_from_input=args.events_from_input,
                          fields=Fields(args.text_field, args.date_field, args.title_field, args.id_field),
                          entities=entities or None, doc_timeout=args.doc_timeout)
        if "semeval-timeline" in formats and not entities:
            raise OptionsError("--format semeval-timeline writes a timeline per entity: give --about or --about-file")
    except (OptionsError, AboutError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    problem = _make_out(args.out)
    if problem:
        _err(problem)
        return EXIT_FAILURES
    progress = Progress.for_terminal(quiet=args.quiet)

    def on_failure(failure) -> None:
        if progress:
            progress.clear()
        _err(str(failure))

    exclude = _outputs_inside_inputs(args.out, args.inputs or ["seeds"], args.quiet)
    try:                                           # the table is spilled to the system's temporary folder
        tl = build_spilled(args.inputs or None, options=options, strict=args.strict, on_failure=on_failure,
                           jobs=args.jobs, scheduler=args.scheduler, progress=progress, exclude=exclude)
    except InputError as exc:
        _err(str(exc))
        return EXIT_FAILURES
    except EventModelError as exc:                 # checked before any input is read
        _err(str(exc))
        return EXIT_USAGE
    except TimelineError as exc:                   # a full disk, workers that keep dying
        _err(str(exc))
        return EXIT_FAILURES
    except (RuntimeError, OSError, ValueError) as exc:   # --scheduler: Dask missing, unreachable, or no address
        if not args.scheduler:
            raise
        _err(f"scheduler {args.scheduler}: {exc}")
        return EXIT_USAGE
    with tl:
        return _write_build(tl, args, formats, progress)


def _small_regular_file(path: str, option: str) -> None:
    """An :class:`~timeline.pipeline.options.OptionsError` when ``path`` (the file an option names) is a FIFO or a
    device (read without end, or blocked without a writer) or larger than one article may be."""
    from timeline.pipeline.options import OptionsError
    from timeline.sources.ingest import MAX_DOCUMENT_BYTES, check_regular, reading

    try:
        with reading(path):
            size = check_regular(path)
    except InputError as exc:
        raise OptionsError(f"{option} {exc.path}: {exc.reason.split(' (pipe it')[0]}") from None
    if size > MAX_DOCUMENT_BYTES:
        raise OptionsError(f"{option} {path}: {size:,} bytes, more than a list of names can be")


def _outputs_inside_inputs(out: str, inputs: list[str], quiet: bool = False) -> list[str]:
    """``[out]`` when the output folder sits inside an input folder (its files, the last run's outputs, are then
    not read back as inputs: said on stderr), else ``[]``."""
    try:
        out_path = Path(out).resolve()
        inside = [i for i in inputs if i != "-" and Path(i).is_dir() and out_path.is_relative_to(Path(i).resolve())]
    except (OSError, RuntimeError):
        return []
    if inside and not quiet:
        _err(f"{out}: the output folder is inside the input folder {inside[0]}: its files are not read as inputs")
    return [out] if inside else []


def _skipped(inputs) -> str:
    """What the folders given hold that build does not read (PDFs, Word files ...), said by name and suffix."""
    from timeline.sources import SUFFIXES
    skipped = sorted(str(f) for d in inputs or () if Path(d).is_dir() for f in Path(d).rglob("*")
                     if f.is_file() and not f.name.startswith(".") and f.suffix.lower() not in SUFFIXES)
    if not skipped:
        return ""
    kinds = sorted({Path(f).suffix.lower() or "(no suffix)" for f in skipped})
    shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
    return (f": skipped {len(skipped)} file{'s' * (len(skipped) != 1)} of a kind it does not read "
            f"({', '.join(kinds)}): {shown}. Readable: {', '.join(sorted(SUFFIXES))}; convert the others to "
            "text first (a PDF: pdftotext FILE.pdf), or name a file with --input-format text")


def _write_build(tl, args, formats, progress=None) -> int:
    if not args.quiet:
        for path, note in tl.notes:
            _err(f"{path}: {note}")
    if not tl.n_documents:
        _err("no document could be read" if tl.failures else "no input documents found" + _skipped(args.inputs))
        if tl.failures:
            tl.write(args.out, formats=(), chart=False)
        return EXIT_FAILURES if tl.failures else EXIT_USAGE
    chart_opts = {k: getattr(args, k) for k in ("title", "subtitle", "credit", "theme") if getattr(args, k)}
    if progress is not None:
        progress.stage(f"writing {len(tl.events):,} events to {args.out}")
    try:
        written = tl.write(args.out, formats=formats, chart=args.chart, **chart_opts)
    except OSError as exc:
        if progress is not None:
            progress.clear()
        _err(f"{exc.filename or args.out}: cannot write ({exc.strerror or exc})")
        return EXIT_FAILURES
    if progress is not None:
        progress.clear()
    if not args.quiet:
        print(f"documents read: {tl.n_documents}"
              + (f", failed: {len(tl.failures)}" if tl.failures else "")
              + f"; expressions found: {tl.n_expressions}; events written: {len(tl.events)}", file=sys.stderr)
        print("files written: " + ", ".join(str(p) for p in written), file=sys.stderr)
    return EXIT_FAILURES if tl.failures else EXIT_OK


def add_tag_parser(sub) -> None:
    p = sub.add_parser("tag", help="print the temporal expressions of a text as JSON lines",
                       description="Tag FILE (or stdin) and print one JSON object per expression: start, end "
                                   "(character offsets into the input), text, type, value, mod, anchor, flags.")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p.add_argument("--dct", type=_dct_arg, metavar="DATE",
                   help="document creation time; default: the file's date header, else narrative mode")
    p.add_argument("--date-order", choices=DATE_ORDERS, help="day/month order of an ambiguous header date")
    p.add_argument("--format", choices=("jsonl", "timeml"), default="jsonl", help="output format")
    p.add_argument("--lang", default="en", metavar="CODE",
                   help="the language of the text (a folder of timeline/lang; default: en)")
    p.set_defaults(func=run_tag)


def run_tag(args) -> int:
    from timeline.lang import LanguageError
    from timeline.tagger import tag_document

    try:
        doc, timexes = tag_document(args.file, dct=args.dct, date_order=args.date_order, lang=args.lang)
    except (InputError, LanguageError) as exc:
        _err(str(exc))
        return EXIT_FAILURES
    text, dct = doc.text, doc.dct
    if sys.stdout is None:
        _err("standard output is closed: nowhere to print the expressions")
        return EXIT_FAILURES
    if dct is None:
        _err(f"{args.file if args.file != '-' else '<stdin>'}: no --dct and no date header: narrative mode")
    getattr(sys.stdout, "reconfigure", lambda **_: None)(encoding="utf-8")   # the same bytes whatever the locale
    if args.format == "timeml":
        from timeline.events.anchor import document_mentions
        from timeline.export.timeml import to_timeml

        whole = dataclasses.replace(doc, body_start=0)          # tagged whole, title line too
        sys.stdout.write(to_timeml(text, timexes, dct=dct, events=document_mentions(whole, args.lang)))
        return EXIT_OK
    for t in timexes:
        sys.stdout.write(json.dumps(t.to_dict(), ensure_ascii=False) + "\n")
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description="Temporal event timelines from news and "
                                     "history text.")
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_build_parser(sub)
    add_tag_parser(sub)
    for name in PLUGIN_COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    _read_dct(parser, args)
    if not hasattr(args, "func"):      # plugin commands set run via set_defaults(func=...) or expose run()
        module = importlib.import_module(f"timeline.{args.command}")
        return module.run(args)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None   # temporary files go too
    try:
        return args.func(args)
    except BrokenPipeError:             # | head: the reader has what it wanted; end quietly
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Terminated:
        _err("terminated")
        return 128 + signal.SIGTERM
    finally:
        if main_thread:                 # a handler not set from Python (None) is put back as the default
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


class Terminated(BaseException):
    """SIGTERM, raised where the main process is, so that every ``finally`` runs (the table's temporary folder is
    removed, the worker processes are killed, no output file is left half-written)."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush into the closed pipe says nothing."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
