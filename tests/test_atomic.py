"""Outputs are written atomically, and output paths never escape ``--out``.

A child process writes through :func:`timeline.atomic.atomic_write` and is SIGKILLed mid-way: the target must
hold the previous complete content or the new complete content, never a torn file.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from timeline.atomic import atomic_write, write_bytes, write_text

ROOT = Path(__file__).resolve().parents[1]
ROWS = 200_000           # ~10 MB per version: long enough to be killed in the middle of a write


def _child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def version(tag: str, rows: int = ROWS) -> str:
    """A complete CSV whose every row names its version, closed by an END line (so a torn file is visible)."""
    return "n,version\n" + "".join(f"{i},{tag}\n" for i in range(rows)) + f"END,{tag}\n"


SLOW_WRITER = textwrap.dedent("""
    import sys
    from timeline.atomic import atomic_write
    target, rows = sys.argv[1], int(sys.argv[2])
    with atomic_write(target, "w", newline="") as fh:
        fh.write("n,version\\n")
        for i in range(rows):
            fh.write(f"{i},new\\n")
            if i == rows // 2:
                fh.flush()
                print("halfway", flush=True)    # the parent kills us now
                sys.stdin.readline()            # blocks until killed
        fh.write("END,new\\n")
""")

LOOPING_WRITER = textwrap.dedent("""
    import sys
    from timeline.atomic import write_text
    target, rows = sys.argv[1], int(sys.argv[2])
    print("started", flush=True)
    n = 0
    while True:
        tag = "a" if n % 2 else "b"
        write_text(target, "n,version\\n" + "".join(f"{i},{tag}\\n" for i in range(rows)) + f"END,{tag}\\n")
        n += 1
""")


def test_killed_mid_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "events.csv"
    old = version("old", 1000)
    write_text(target, old)
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target), str(ROWS)], env=_child_env(),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "halfway"
        temps = list(tmp_path.glob(".events.csv.*.tmp"))
        assert temps and temps[0].stat().st_size > 0, "the child writes beside the target, not into it"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == old
    # what a kill leaves behind is a hidden temporary file, never a file a reader would take for output
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    assert all(name.startswith(".events.csv.") and name.endswith(".tmp") for name in leftovers)


def test_completed_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "events.csv"
    write_text(target, version("old", 10))
    done = subprocess.run([sys.executable, "-c", SLOW_WRITER.replace("sys.stdin.readline()", "pass"),
                           str(target), "1000"], env=_child_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == "n,version\n" + "".join(f"{i},new\n" for i in range(1000)) \
        + "END,new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"], "no temporary file is left on success"


@pytest.mark.parametrize("delay", [0.05, 0.13, 0.31, 0.57, 0.89, 1.3])
def test_killed_at_any_moment_leaves_one_complete_version(tmp_path, delay):
    """A writer that rewrites the file over and over is killed at an arbitrary moment (mid-write, mid-fsync or
    mid-rename): the file is always one complete version."""
    target = tmp_path / "events.csv"
    rows = 20_000
    write_text(target, version("a", rows))
    child = subprocess.Popen([sys.executable, "-c", LOOPING_WRITER, str(target), str(rows)], env=_child_env(),
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "started"
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    content = target.read_text(encoding="utf-8")
    assert content in (version("a", rows), version("b", rows)), "torn file"


def test_exception_inside_the_block_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.json"
    write_text(target, "old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("half of the new")
            raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def _article(title: str) -> str:
    return (f"{title}\nPublished 12.11.2015 14:12\n\n"
            "Officials said on Wednesday that the talks had begun in October. Fars reported it on Oct. 23.\n")


@pytest.mark.parametrize("title", ["../../etc/x", "/etc/passwd", "..\\..\\win", "a/../../b", "..", "~/x",
                                   "x:y|z*?<>", "CON", "", " "])
def test_a_title_cannot_steer_an_output_path(tmp_path, monkeypatch, title):
    """Every profile (csv, json, timelinejs, timeml) writes inside --out whatever the article's title says."""
    from timeline.cli import main

    work = tmp_path / "work" / "deep" / "er"
    work.mkdir(parents=True)
    (work / "article.txt").write_text(_article(title), encoding="utf-8")
    out = work / "out"
    monkeypatch.chdir(work)
    before = {p for p in tmp_path.rglob("*")}
    code = main(["build", "article.txt", "--out", "out", "--format", "csv,json,timelinejs,timeml",
                 "--no-chart", "--quiet", "--title", title])
    assert code == 0
    created = {p for p in tmp_path.rglob("*")} - before
    assert created, "nothing was written"
    outside = [p for p in created if out.resolve() not in p.resolve().parents and p.resolve() != out.resolve()]
    assert outside == [], f"written outside --out: {outside}"
    for p in created:
        assert not p.is_symlink()


def _build_cmd(inputs: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "timeline", "build", str(inputs), "--out", str(out), "--format", "csv,json",
            "--quiet", "--jobs", "1"]


def test_a_build_killed_at_any_point_leaves_old_or_new_complete_files(tmp_path):
    """``timeline build`` is SIGKILLed at several points of a run: each output file is then byte for byte the
    previous run's or the new run's, never a torn mix, and nothing but hidden temporary files is left over."""
    old_in, new_in = tmp_path / "old", tmp_path / "new"
    old_in.mkdir()
    new_in.mkdir()
    (old_in / "a.txt").write_text(_article("Talks resume"), encoding="utf-8")
    (new_in / "a.txt").write_text(_article("Talks resume").replace("Oct. 23", "Oct. 24") * 10, encoding="utf-8")
    reference_new = tmp_path / "reference_new"
    out = tmp_path / "out"
    for inputs, target in ((new_in, reference_new), (old_in, out)):
        started = time.monotonic()
        done = subprocess.run(_build_cmd(inputs, target), env=_child_env(), capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    full = time.monotonic() - started
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    new = {p.name: p.read_bytes() for p in reference_new.iterdir()}
    assert set(old) == set(new) and all(old[n] != new[n] for n in ("events.csv", "events.json"))
    for fraction in (0.6, 0.85, 0.95, 1.02):
        child = subprocess.Popen(_build_cmd(new_in, out), env=_child_env(), stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        for p in out.iterdir():
            if p.name.startswith("."):
                assert p.name.endswith(".tmp"), p.name
                continue
            data = p.read_bytes()
            assert data in (old[p.name], new[p.name]), f"{p.name} torn after a kill at {fraction:.2f} of a run"
        for p in out.glob(".*.tmp"):
            p.unlink()
        for name, data in old.items():        # back to the old outputs for the next kill
            write_bytes(out / name, data)


def test_record_ids_and_titles_in_a_json_lines_export_cannot_steer_an_output_path(tmp_path, monkeypatch):
    import json

    from timeline.cli import main

    work = tmp_path / "work" / "deep" / "er"
    work.mkdir(parents=True)
    hostile = ["../../etc/x", "/etc/passwd", str(tmp_path / "abs"), "..", ".", "a/../../../b", "~", "x\\..\\..\\y",
               "", "CON", "con.tml"]
    records = [{"id": h, "title": h, "date": "2015-11-12", "text": f"They met on Oct. {i + 1} in Geneva."}
               for i, h in enumerate(hostile)]
    (work / "in.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    monkeypatch.chdir(work)
    before = set(tmp_path.rglob("*"))
    assert main(["build", "in.jsonl", "--out", "out", "--format", "csv,json,timelinejs,timeml", "--no-chart",
                 "--quiet"]) == 0
    created = set(tmp_path.rglob("*")) - before
    out = (work / "out").resolve()
    outside = [p for p in created if p.resolve() != out and out not in p.resolve().parents]
    assert outside == [], f"written outside --out: {outside}"
    assert len(list((work / "out").rglob("*.tml"))) == len(hostile), "one TimeML file per record"


def test_a_new_file_gets_the_mode_of_an_ordinary_file_not_a_temporary_ones(tmp_path):
    # defect (issue 13): outputs were written with the temporary file's 0600, unreadable to a web server
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "events.csv", "a\n")
        write_bytes(tmp_path / "timeline.png", b"\x89PNG")
    finally:
        os.umask(old)
    assert (tmp_path / "events.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "timeline.png").stat().st_mode & 0o777 == 0o644


def test_the_mode_follows_the_umask_and_a_replaced_file_keeps_its_own(tmp_path):
    old = os.umask(0o077)
    try:
        write_text(tmp_path / "private.csv", "a\n")
    finally:
        os.umask(old)
    assert (tmp_path / "private.csv").stat().st_mode & 0o777 == 0o600
    kept = tmp_path / "shared.csv"
    kept.write_text("old\n")
    kept.chmod(0o664)
    write_text(kept, "new\n")
    assert kept.stat().st_mode & 0o777 == 0o664 and kept.read_text() == "new\n"


@contextlib.contextmanager
def writer_halfway(target: Path):
    """A child process halfway through an atomic write of ``target``, SIGKILLed when the block ends."""
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target), "2000"], env=_child_env(),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "halfway"
        yield child
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    # defect (issue 15): a killed write left .events.csv.*.tmp files that no later run removed
    with writer_halfway(tmp_path / "events.csv"):
        pass
    assert list(tmp_path.glob(".events.csv.*.tmp")), "the kill leaves the child's temporary file"
    done = subprocess.run([sys.executable, "-c", "import sys; from timeline.atomic import write_text; "
                           "write_text(sys.argv[1], 'n\\n')", str(tmp_path / "other.csv")],
                          env=_child_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.csv"]


def test_a_running_writers_temporary_file_is_left_alone(tmp_path):
    from timeline.atomic import remove_leftovers

    with writer_halfway(tmp_path / "events.csv"):
        assert remove_leftovers(tmp_path) == []
        assert list(tmp_path.glob(".events.csv.*.tmp"))
