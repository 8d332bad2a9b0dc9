"""--jobs N writes what --jobs 1 writes: the same events in the same order, the same failures, the same files.

Also the pieces: chunking, the ordered bounded map (input order kept, only a window of chunks read ahead), and
the progress line (drawn on a terminal only).
"""
from __future__ import annotations

import io
import itertools
import json
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from timeline.pipeline import progress as progress_mod
from timeline.pipeline.parallel import chunked, default_jobs, ordered_map
from timeline.pipeline.progress import Progress

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "tbaq"
PHRASES = ["on Monday", "last week", "in October", "on Oct. 23", "in 2011", "yesterday", "two days ago",
           "next month", "on 3 March 2014", "earlier this year", "in the summer of 2009", "on Friday night"]
PLACES = ["Geneva", "Aleppo", "the harbour", "Zürich", "the capital", "the border"]


def synthetic_corpus(folder: Path, n_files: int = 40, records: int = 60, seed: int = 7) -> list[str]:
    """Text articles plus a JSON lines export with a few bad records, deterministic for ``seed``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)

    def body() -> str:
        return " ".join(f"Officials met in {rng.choice(PLACES)} {rng.choice(PHRASES)} to discuss the talks."
                        for _ in range(rng.randint(3, 12)))

    for i in range(n_files):
        day = 1 + i % 28
        (folder / f"a{i:03d}.txt").write_text(f"Article {i}\nPublished {day:02d}.11.2015 14:12\n\n{body()}\n",
                                              encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    lines = []
    for n in range(1, records + 1):
        if n % 17 == 0:
            lines.append('{"text": "broken')
        elif n % 13 == 0:
            lines.append(json.dumps({"text": body()}))                      # no date
        else:
            lines.append(json.dumps({"id": f"r{n}", "title": f"Record {n}", "date": f"2016-0{1 + n % 9}-15",
                                     "text": body()}))
    (folder / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder)]


# ---------------------------------------------------------------------------------------------- the pieces

def test_chunks_close_on_count_and_on_bytes():
    assert list(chunked(range(7), size=lambda _: 1, max_items=3, max_bytes=100)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([50, 60, 10, 1], size=lambda x: x, max_items=10, max_bytes=100)) == [[50, 60], [10, 1]]
    assert list(chunked([], size=len)) == []


def test_ordered_map_keeps_input_order_and_reads_only_a_window_ahead():
    pulled = []

    def chunks():
        for i in range(20):
            pulled.append(i)
            yield [i, i + 100]

    def slow_first(chunk):            # later chunks finish first: the order must still be the input's
        import time
        time.sleep(0.02 if chunk[0] % 3 == 0 else 0)
        return [x * 2 for x in chunk]

    with ThreadPoolExecutor(4) as pool:
        results = ordered_map(slow_first, chunks(), pool, window=3)
        first = list(itertools.islice(results, 2))
        assert len(pulled) <= 4, "read far ahead of what was consumed"
        rest = list(results)
    assert first + rest == [x * 2 for i in range(20) for x in (i, i + 100)]


def test_ordered_map_runs_a_single_chunk_here():
    class NoExecutor:
        def submit(self, *a, **k):
            raise AssertionError("one chunk must not be shipped to a worker")

    assert list(ordered_map(lambda c: c, iter([[1, 2]]), NoExecutor(), window=2)) == [1, 2]


def test_default_jobs_is_every_core_available():
    assert default_jobs() >= 1


def test_progress_is_off_when_stderr_is_not_a_terminal_or_quiet():
    assert Progress.for_terminal(stream=io.StringIO()) is None

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert Progress.for_terminal(stream=Tty(), quiet=True) is None
    assert isinstance(Progress.for_terminal(stream=Tty()), Progress)


def test_progress_draws_one_line_and_clears_it(monkeypatch):
    monkeypatch.setattr(progress_mod, "DELAY", 0)
    monkeypatch.setattr(progress_mod, "INTERVAL", 0)
    stream = io.StringIO()
    p = Progress(files_total=4, stream=stream, bytes_total=400)
    p.file_started()
    p.read(100)
    p.read(60)
    p.document_done(True)
    assert "25%" in p.line()                   # done, not merely read, counts
    p.document_done(False)
    assert "40%" in p.line() and "1/4 files" in p.line() and "1 documents" in p.line() and "1 failed" in p.line()
    p.close()
    assert stream.getvalue().startswith("\r") and stream.getvalue().endswith("\r\x1b[K") and "\n" not in stream.getvalue()


def test_a_long_build_says_what_it_does_after_the_documents(monkeypatch, tmp_path):
    """After the bar, the merging/ordering and the writing are said on the line (a silent step of seconds looks
    like a hang), and the line is cleared before the summary; a short run (under DELAY) says nothing."""
    from timeline.cli import main

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(progress_mod, "DELAY", 0)
    monkeypatch.setattr(progress_mod, "INTERVAL", 0)
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert main(["build", str(seeds), "--out", str(tmp_path / "out"), "--no-chart", "--jobs", "1"]) == 0
    said = err.getvalue()
    assert "merging and ordering 8 rows …" in said and f"writing 8 events to {tmp_path / 'out'} …" in said
    assert said.index("writing") < said.index("documents read: 1")
    assert "\r\x1b[Kdocuments read" in said            # the stage line is cleared first

    monkeypatch.setattr(progress_mod, "DELAY", 60)
    quiet = Progress(stream=Tty())
    quiet.stage("ordering 5 rows")
    assert quiet.stream.getvalue() == ""


# ---------------------------------------------------------------------------------------- the equivalence

def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.events, b.events)
    assert a.failures == b.failures
    assert [(d.path, d.title, d.dct) for d in a.documents] == [(d.path, d.title, d.dct) for d in b.documents]
    assert a.n_expressions == b.n_expressions


@pytest.mark.parametrize("merge", [True, False])
def test_jobs_2_builds_the_same_timeline_as_jobs_1(tmp_path, merge):
    from timeline.pipeline.batch import build

    inputs = synthetic_corpus(tmp_path / "in")
    serial = build(inputs, jobs=1, merge=merge)
    parallel = build(inputs, jobs=2, merge=merge)
    assert len(serial.events) > 100 and len(serial.failures) == 1 + 3 + 4     # empty.txt, 3 broken, 4 undated
    _same(serial, parallel)


def test_dropping_the_texts_changes_nothing_in_the_table(tmp_path):
    from timeline.pipeline.batch import build

    inputs = synthetic_corpus(tmp_path / "in", n_files=10, records=20)
    slim, full = build(inputs, keep_texts=False), build(inputs, keep_texts=True)
    _same(slim, full)
    assert all(d.text == "" for d in slim.documents) and not slim.timexes
    assert all(d.text for d in full.documents) and sum(map(len, full.timexes.values())) == full.n_expressions


@pytest.mark.skipif(not TBAQ.is_dir(), reason="the TBAQ corpus is not beside the repository")
def test_jobs_2_on_real_news_equals_jobs_1(tmp_path):
    from timeline.pipeline.batch import build

    files = sorted((TBAQ / "aquaint").glob("*.tml"))[:30]
    _same(build(files, jobs=1), build(files, jobs=2))


def test_cli_jobs_writes_identical_files(tmp_path):
    from timeline.cli import main

    inputs = synthetic_corpus(tmp_path / "in", n_files=30, records=40)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["build", *inputs, "--out", str(out), "--no-chart", "--quiet", "--format", "csv,json",
                     "--jobs", jobs]) == 1
        outs.append(out)
    for name in ("events.csv", "errors.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_jobs_must_be_a_positive_number(capsys):
    from timeline.cli import main

    for bad in ("0", "-2", "many"):
        with pytest.raises(SystemExit) as info:
            main(["build", "--jobs", bad])
        assert info.value.code == 2
    assert "--jobs takes a number of processes" in capsys.readouterr().err
