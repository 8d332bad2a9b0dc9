"""Issue 15, "dates refused when impossible" and "no traceback for a user error", through the CLI.

A publication date is read in one day/month order and never swapped; a two-digit year pivots as in the text;
placeholders (9999-12-31) are refused. Each bad option value is a usage error naming it; closed stdin and
stdout, a broken pipe, a device or a FIFO given as input end with a message (or quietly), never a traceback
or a hang. The process-level cases run the CLI in a child (bounded in time and memory).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.pipeline.options import Options, OptionsError

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Talks resume in Geneva\nPublished {published}\n\nThe negotiators met on Monday.\n"


def tag_rows(capsys, *argv: str) -> list[dict]:
    assert main(["tag", *argv]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_two_digit_header_year_pivots_as_in_the_text(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format(published="11/12/15 14:12"), encoding="utf-8")
    monday = [r for r in tag_rows(capsys, str(path)) if r["text"] == "Monday"]
    assert monday[0]["value"] == "2015-11-09", "the header's 15 read as 1915"
    main(["build", str(path), "--out", str(tmp_path / "out"), "--no-chart", "--quiet"])
    assert "2015-11-12T14:12:00" in (tmp_path / "out" / "events.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("dct, why", [("2015-13-01", "no month 13"), ("2015-31-12", "no month 31"),
                                      ("31/12/2015", "month/day/year"), ("11/12/2015", "ambiguous"),
                                      ("2015-02-30", "no day 30"), ("9999-12-31", "placeholder")])
def test_an_impossible_or_ambiguous_dct_is_refused_never_swapped(tmp_path, capsys, dct, why):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format(published="12.11.2015 14:12"), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["tag", str(path), "--dct", dct])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert why in err and "Traceback" not in err


def test_a_slashed_dct_reads_in_the_date_order_given(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The negotiators met on Monday.\n", encoding="utf-8")
    monday = [r for r in tag_rows(capsys, str(path), "--dct", "31/12/2015", "--date-order", "DMY")
              if r["text"] == "Monday"]
    assert monday[0]["value"] == "2015-12-28"


@pytest.mark.parametrize("dct", ["2015-13-01", "9999-12-31", "11/12/2015"])
def test_options_refuse_an_impossible_dct(dct):
    with pytest.raises(OptionsError, match="dct"):
        Options(dct=dct)


def test_an_impossible_record_date_fails_that_record_instead_of_being_swapped(tmp_path):
    data = tmp_path / "feed.jsonl"
    data.write_text(json.dumps({"text": "They met on Monday.", "date": "2015-13-01"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--no-chart", "--quiet"]) == 1
    assert "no month 13" in (out / "errors.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["99999999999999999999", "0", "-3", "two"])
def test_a_bad_jobs_value_is_a_usage_error(tmp_path, capsys, jobs):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--jobs", jobs])
    assert exc.value.code == 2 and "--jobs" in capsys.readouterr().err


def cli(args: str, stdin=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m timeline.cli ARGS`` in a shell (for redirections), bounded to 2 GiB of memory."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def limit_memory():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(["bash", "-c", f"exec {sys.executable} -m timeline.cli {args}"], cwd=ROOT, env=env,
                          stdin=stdin, capture_output=True, text=True, timeout=timeout, preexec_fn=limit_memory)


@pytest.fixture
def long_article(tmp_path) -> Path:
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE.format(published="12.11.2015 14:12") + "They met on Monday and on Oct. 23.\n" * 3000,
                    encoding="utf-8")
    return path


def test_tag_with_stdin_closed_says_so(tmp_path):
    done = cli("tag <&-")
    assert done.returncode == 1 and "standard input is closed" in done.stderr and "Traceback" not in done.stderr


def test_tag_with_stdout_closed_says_so(long_article):
    done = cli(f"tag {long_article} >&-")
    assert done.returncode == 1 and "standard output is closed" in done.stderr and "Traceback" not in done.stderr


def test_a_broken_pipe_ends_quietly(long_article):
    done = subprocess.run(["bash", "-c", f"{sys.executable} -m timeline.cli tag {long_article} | head -1; "
                                         f"exit ${{PIPESTATUS[0]}}"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 0 and done.stderr == "" and done.stdout.startswith("{")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_not_read_without_end(tmp_path):
    done = cli("tag /dev/zero")
    assert done.returncode == 1 and "a device" in done.stderr and "Traceback" not in done.stderr
    done = cli(f"build /dev/zero --out {tmp_path / 'out'} --quiet")
    assert done.returncode == 1 and "a device" in (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_with_no_writer_is_refused_not_waited_for(tmp_path):
    fifo, other = tmp_path / "feed.jsonl", tmp_path / "other.jsonl"
    os.mkfifo(fifo)
    os.mkfifo(other)                          # two of the same size (0): not opened to compare their bytes either
    try:
        done = cli(f"build {fifo} {other} --out {tmp_path / 'out'} --quiet", timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the build waited for a writer on the FIFO")
    assert done.returncode == 1 and "FIFO" in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_endless_stdin_stops_at_the_size_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        done = cli("tag -", stdin=zero)
    assert done.returncode == 1 and "too large" in done.stderr
    with open("/dev/zero", "rb") as zero:
        done = cli(f"build - --input-format jsonl --out {tmp_path / 'out'} --quiet", stdin=zero)
    assert done.returncode == 1 and "longer than" in done.stderr and "Traceback" not in done.stderr


def test_a_scheduler_address_without_a_port_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--scheduler", "nonsense"])
    assert exc.value.code == 2 and "--scheduler" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_about_file_that_is_a_device_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE.format(published="12.11.2015 14:12"), encoding="utf-8")
    done = cli(f"build {tmp_path / 'a.txt'} --out {tmp_path / 'out'} --about-file /dev/zero --quiet")
    assert done.returncode == 2 and "a device" in done.stderr and "Traceback" not in done.stderr
