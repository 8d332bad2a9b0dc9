"""The same inputs give byte-identical outputs whatever the machine's time zone, locale or current date.

``timeline build`` runs in subprocesses that differ in ``TZ`` (UTC, UTC+14, UTC-3:30), in locale (UTF-8, and a
plain ASCII C locale with Python's UTF-8 mode and locale coercion off) and in a frozen clock far from the
articles' publication date (1999 before it, 2031 after it). The clock is frozen with ``time-machine``, which
replaces the C-level clock functions, so ``datetime.now()``, ``date.today()`` and ``time.time()`` all see it
(a sitecustomize that patched ``time.time`` would miss ``datetime.now``). The CSV, JSON and SVG (and every
other file written) must be the same bytes in every run; ``timeline tag`` must print the same bytes too.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FROZEN_MAIN = textwrap.dedent("""
    import datetime as dt, sys
    import time_machine
    clock = sys.argv[1]
    argv = sys.argv[2:]
    if clock == "real":
        from timeline.cli import main
        sys.exit(main(argv))
    with time_machine.travel(dt.datetime.fromisoformat(clock), tick=False):
        from timeline.cli import main
        code = main(argv)
    sys.exit(code)
""")

ARTICLES = {
    "a_talks.txt": (
        "Talks resume in Genève after a pause\n"
        "Published 12.11.2015 14:12\n\n"
        "Negotiators met in Genève on Wednesday, a week after the talks broke down on Nov. 4.\n\n"
        "The first round was held in March 2014; another is planned for next month, officials said today.\n\n"
        "Yesterday the minister said the deal, signed 03/04/2015, runs for two years until the end of 2016.\n"),
    "b_cafes.txt": (
        "Café owners protest in Zürich\n"
        "Published 2015-11-10T09:30\n\n"
        "The café owners of Zürich marched on Monday morning against the new tax, which took effect last week.\n\n"
        "They plan to march again every Saturday until Christmas, and in the spring of 2016.\n"),
}

UTF8 = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONUTF8": "1"}
ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
RUNS = {
    "utc-utf8-1999": ({"TZ": "UTC", **UTF8}, "1999-01-01T00:00:00+00:00"),
    "kiritimati-ascii-2031": ({"TZ": "Pacific/Kiritimati", **ASCII}, "2031-06-15T23:30:00-10:00"),
    "st_johns-utf8-real-clock": ({"TZ": "America/St_Johns", **UTF8}, "real"),
}


def _env(extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON")) and k not in ("LANG", "TZ")}
    env["PYTHONPATH"] = str(ROOT)
    env["MPLBACKEND"] = "Agg"
    env.update(extra)
    return env


def run(args: list[str], env_extra: dict, clock: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", FROZEN_MAIN, clock, *args], cwd=cwd, env=_env(env_extra),
                          capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def builds(articles, tmp_path_factory) -> dict[str, dict[str, bytes]]:
    results = {}
    for name, (env_extra, clock) in RUNS.items():
        out = tmp_path_factory.mktemp(f"out-{name}")
        done = run(["build", "in", "--out", str(out), "--format", "csv,json", "--quiet"], env_extra, clock,
                   cwd=_workdir(articles))
        assert done.returncode == 0, f"{name}: exit {done.returncode}\n{done.stderr.decode(errors='replace')}"
        results[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}
    return results


def _workdir(articles: Path) -> Path:
    """A folder holding the articles as ``in/`` so that the source paths written are the same in every run."""
    work = articles.parent / "work"
    if not work.exists():
        work.mkdir()
        (work / "in").symlink_to(articles, target_is_directory=True)
    return work


def test_every_run_writes_the_same_files(builds):
    names = {run: sorted(files) for run, files in builds.items()}
    first = next(iter(names.values()))
    assert {"events.csv", "events.json", "timeline.svg"} <= set(first)
    assert all(n == first for n in names.values()), names


@pytest.mark.parametrize("name", ["events.csv", "events.json", "timeline.svg", "timeline.png"])
def test_output_is_byte_identical_across_time_zones_locales_and_clocks(builds, name):
    runs = list(builds)
    reference = builds[runs[0]].get(name)
    assert reference is not None, f"the build did not write {name}"
    for other in runs[1:]:
        assert builds[other][name] == reference, f"{name} differs between {runs[0]} and {other}"


def test_relative_dates_follow_the_publication_date_not_the_clock(builds):
    import io

    import pandas as pd

    df = pd.read_csv(io.BytesIO(builds["utc-utf8-1999"]["events.csv"]), encoding="utf-8-sig", dtype=str,
                     keep_default_na=False)
    values = set(df.timex_value)
    assert "2015-11-11" in values, "Wednesday before Thu 2015-11-12"
    assert not any(v.startswith(("1998", "1999", "2030", "2031")) for v in values), values


@pytest.mark.parametrize("run_name", list(RUNS))
def test_tag_prints_the_same_bytes_in_every_environment(articles, tmp_path, run_name):
    """``timeline tag`` (the benchmarks' contract) prints UTF-8 JSON lines whatever the locale."""
    text = articles / "nbsp.txt"
    text.write_text("They met on Oct.\u00a023, 2015 – in Zürich – and again on 12\u00a0November.\n", encoding="utf-8")
    env_extra, clock = RUNS[run_name]
    done = run(["tag", str(text), "--dct", "2015-11-12"], env_extra, clock, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    reference = run(["tag", str(text), "--dct", "2015-11-12"], RUNS["utc-utf8-1999"][0], "real", cwd=tmp_path)
    assert done.stdout == reference.stdout
    assert "Oct.\u00a023".encode() in done.stdout
