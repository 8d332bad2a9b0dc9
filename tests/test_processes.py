"""Processes that end cleanly and documents that cannot hold a build hostage (issue 15, items 2 and 6).

- a document over ``--doc-timeout`` is one "too slow" row of errors.csv and the batch goes on, with ``--jobs 1``
  and ``--jobs 2``; the slow document is real hostile text (many dates in one sentence), not a sleep;
- SIGKILL or SIGTERM to the main process of a ``--jobs 2`` build: no worker outlives it (SIGTERM also removes the
  table's temporary folder and exits with 143);
- a worker killed mid-run (as the out-of-memory killer does) is one failure line naming the documents it held,
  and the run goes on;
- a full temporary folder says which folder and how to move it (TMPDIR), not a sqlite3 traceback;
- a build that fails while writing leaves the previous outputs whole.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from timeline.cli import main
from tests.test_batch_robust import read_errors

ROOT = Path(__file__).resolve().parents[1]
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def article(title: str, body: str) -> str:
    return f"{title}\nPublished 12.11.2015 14:12\n\n{body}\n"


def many_dates(n_chars: int) -> str:
    """Many distinct dates in one sentence: seconds of work per 100 KB through tag and events."""
    months = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
    parts, size, i = [], 0, 0
    while size < n_chars:
        parts.append(f"{i % 28 + 1} {months[(i // 28) % 12]} ")
        size += len(parts[-1])
        i += 1
    return "".join(parts)


GOOD = article("Talks resume in Geneva", "Negotiators met in Geneva on Oct. 23 to resume the talks.")


def _child_env(tmp: Path) -> dict:
    env = dict(os.environ, TMPDIR=str(tmp), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return env


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent that does not reap it has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


# ------------------------------------------------------------------------------------------------ --doc-timeout

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_its_budget_is_reported_too_slow_and_the_batch_goes_on(tmp_path, jobs):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(70):                         # the slow one in the second chunk: --jobs 2 uses the workers
        (inputs / f"a_good{i:02d}.txt").write_text(GOOD.replace("Geneva", f"Geneva ({i})", 1), encoding="utf-8")
    (inputs / "b_slow.txt").write_text(article("Dates", many_dates(3_000_000)), encoding="utf-8")  # 40 s to tag
    (inputs / "c_good.txt").write_text(GOOD.replace("Geneva", "Vienna"), encoding="utf-8")
    out = tmp_path / "out"
    start = time.monotonic()
    code = main(["build", str(inputs), "--out", str(out), "--no-chart", "--quiet", "--jobs", jobs,
                 "--doc-timeout", "0.5"])
    assert time.monotonic() - start < 30, "the slow document was waited for"
    assert code == 1
    errors = read_errors(out / "errors.csv")
    assert list(errors) == ["b_slow.txt"] and "too slow" in errors["b_slow.txt"], errors
    events = pd.read_csv(out / "events.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert {Path(p).name for p in events.source_path} == {f"a_good{i:02d}.txt" for i in range(70)} | {"c_good.txt"}


def test_doc_timeout_is_a_library_option_validated_once():
    from timeline.pipeline.options import Options, OptionsError

    assert Options().doc_timeout == 30
    assert Options(doc_timeout=None).doc_timeout is None
    for bad in (-1, "30", float("inf"), True):
        with pytest.raises(OptionsError, match="doc_timeout"):
            Options(doc_timeout=bad)


# ------------------------------------------------------------------------------------------------ workers

def _busy_build(tmp_path: Path) -> subprocess.Popen:
    """A ``--jobs 2`` build of slow documents, started in a child; returns once both workers are busy."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = many_dates(400_000)
    for i in range(130):                       # more than two chunks: the pool is used
        (inputs / f"doc{i:03d}.txt").write_text(article(f"Dates {i}", body if i in (0, 64) else "On Monday."),
                                                encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "timeline.cli", "build", str(inputs), "--out",
                             str(tmp_path / "out"), "--jobs", "2", "--no-chart", "--quiet", "--doc-timeout", "0"],
                            env=_child_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.1)
    time.sleep(1.0)                             # the workers are in the middle of the slow documents
    return proc


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_the_main_process(tmp_path, sig):
    proc = _busy_build(tmp_path)
    workers = _children(proc.pid)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [w for w in workers if _alive(w)]
    for w in survivors:
        os.kill(w, signal.SIGKILL)
    assert not survivors, f"workers {survivors} outlived their parent ({sig.name})"
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and b"terminated" in err and b"Traceback" not in err, err
        assert not list(tmp_path.glob("timeline-spill-*")), "the table's temporary folder was left behind"


def test_a_worker_killed_mid_run_is_one_failure_line_and_the_run_goes_on(tmp_path, monkeypatch):
    import timeline
    from timeline.pipeline import work

    here = os.getpid()
    real = work.process_document

    def process_document(doc, *args, **kwargs):
        if "KILL ME" in doc.text and os.getpid() != here:      # in a worker only: the OOM killer's SIGKILL
            os.kill(os.getpid(), signal.SIGKILL)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(work, "process_document", process_document)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(130):                        # three chunks of at most 64 documents
        (inputs / f"doc{i:03d}.txt").write_text(
            article(f"Story {i}", "KILL ME on Monday." if i == 70 else "They met on Monday."), encoding="utf-8")
    tl = timeline.build([str(inputs)], jobs=2)
    assert len(tl.failures) == 1, tl.failures
    failure = tl.failures[0]
    assert "lost" in failure.reason and "doc070.txt" in failure.reason and "signal 9" in failure.reason, failure
    assert tl.n_documents == 130 - 64, "only the dead worker's chunk is lost"


# ------------------------------------------------------------------------------------------------ disks

def test_a_full_temporary_folder_says_which_and_how_to_move_it(tmp_path, monkeypatch, capsys):
    import sqlite3
    import tempfile

    from timeline.table import spill

    real = sqlite3.connect

    def small_disk(*args, **kwargs):          # SQLite's own "database or disk is full" after a few pages
        db = real(*args, **kwargs)
        db.execute("PRAGMA max_page_count = 4")
        return db

    monkeypatch.setattr(spill.sqlite3, "connect", small_disk)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code = main(["build", str(ROOT / "tests" / "fixtures" / "story"), "--out", str(tmp_path / "out"),
                 "--no-chart", "--quiet", "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert str(tmp_path) in err and "TMPDIR" in err and "full" in err and "Traceback" not in err, err


def test_a_build_that_fails_while_writing_leaves_the_previous_outputs_whole(tmp_path, monkeypatch):
    import timeline.render

    out = tmp_path / "out"
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(GOOD, encoding="utf-8")
    two.write_text(article("Other story", "The strike began on Tuesday."), encoding="utf-8")
    assert main(["build", str(one), "--out", str(out), "--format", "csv,json,timelinejs", "--quiet",
                 "--jobs", "1"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {"events.csv", "events.json", "timelinejs.json", "timeline.png"} <= set(before)

    def chart_fails(*args, **kwargs):
        raise OSError(28, "No space left on device", str(out / "timeline.png"))

    monkeypatch.setattr(timeline.render, "save_chart", chart_fails)
    assert main(["build", str(two), "--out", str(out), "--format", "csv,json,timelinejs", "--quiet",
                 "--jobs", "1"]) == 1
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before, "a failed build replaced some outputs and not others"
