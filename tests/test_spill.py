"""The spilled build (``timeline build``'s path: the table on disk, merged, ordered and written in chunks) writes
the same bytes as the in-memory ``timeline.build`` + ``Timeline.write``, with and without merging, in every
profile and the chart; its temporary folder goes away, errors come through, output files stay atomic.

Every comparison forces tiny sizes (rows per insert, rows and characters per chunk read back, rows per CSV slice)
so that the many-chunk paths run on small inputs.
"""
from __future__ import annotations

import filecmp
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import timeline
from timeline import export
from timeline.table import spill
from timeline.cli import main
from timeline.sources.ingest import InputError
from timeline.pipeline.batch import build, build_spilled

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "fixtures" / "story"
SEEDS = ROOT / "seeds"
TBAQ = ROOT.parent / "shared" / "corpora" / "tbaq"
ALL_FORMATS = ("csv", "json", "timelinejs", "timeml")


@pytest.fixture
def tiny_chunks(monkeypatch):
    """Read the table back 3 rows at a time (fewer when they hold over 300 characters), write the CSV 2 rows at a
    time."""
    monkeypatch.setattr(spill, "CHUNK_ROWS", 3)
    monkeypatch.setattr(spill, "CHUNK_CHARS", 300)
    monkeypatch.setattr(export._base, "CHUNK_ROWS", 3)
    monkeypatch.setattr(export.csv, "_CSV_SLICE", 2)


def synthetic(path: Path, n: int) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synthetic import write_jsonl
    finally:
        sys.path.remove(str(ROOT / "bench"))
    write_jsonl(path, n)
    return str(path)


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def assert_same_output(inputs: list[str], tmp_path: Path, *, merge: bool, formats=ALL_FORMATS, chart=True,
                       jobs: int = 1, **chart_options) -> None:
    mem, disk = tmp_path / f"mem-{merge}", tmp_path / f"disk-{merge}"
    keep = "timeml" in formats
    tl = build(inputs, merge=merge, keep_texts=keep)
    tl.write(mem, formats=formats, chart=chart, **chart_options)
    with build_spilled(inputs, merge=merge, keep_texts=keep, insert_rows=2, jobs=jobs, spill_dir=tmp_path) as st:
        assert len(st.events) == len(tl.events) and st.n_documents == len(tl.documents)
        pd.testing.assert_frame_equal(st.events.frame(), tl.events)
        st.write(disk, formats=formats, chart=chart, **chart_options)
    assert files(mem) == files(disk)
    for name in files(mem):
        assert filecmp.cmp(mem / name, disk / name, shallow=False), f"{name} differs (merge={merge})"
    assert not list(tmp_path.glob(".timeline-spill-*")), "the spill folder was left behind"


@pytest.mark.parametrize("merge", [False, True])
def test_story_every_profile_and_the_chart_are_the_same_bytes(tmp_path, tiny_chunks, merge):
    assert_same_output([str(STORY)], tmp_path, merge=merge)


@pytest.mark.parametrize("merge", [False, True])
def test_seed_every_profile_and_the_chart_are_the_same_bytes(tmp_path, tiny_chunks, merge):
    assert_same_output([str(SEEDS)], tmp_path, merge=merge)


@pytest.mark.parametrize("merge", [False, True])
def test_synthetic_corpus_merges_across_chunks_the_same_way(tmp_path, tiny_chunks, merge):
    data = synthetic(tmp_path / "articles.jsonl", 120)      # many articles share dates and sentences
    tl = build([data], merge=True)
    assert (tl.events["sources_count"] > 1).sum() > 10, "the corpus should exercise merging"
    assert_same_output([data], tmp_path, merge=merge, formats=("csv", "json", "timelinejs"), max_events=12)


def test_jobs_two_spilled_is_jobs_one_in_memory(tmp_path, tiny_chunks):
    data = synthetic(tmp_path / "articles.jsonl", 80)
    assert_same_output([data], tmp_path, merge=True, formats=("csv",), chart=False, jobs=2)


@pytest.mark.parametrize("options", [{"max_events": 4}, {"max_events": 0}, {"max_events": None},
                                     {"max_events": 5, "title": "A title", "source": "Source: here"},
                                     {"max_events": 6, "theme": "dark", "subtitle": "Sub"}])
def test_chart_from_a_bounded_selection_is_the_chart_of_the_whole_table(tmp_path, tiny_chunks, options):
    assert_same_output([str(STORY), str(SEEDS)], tmp_path, merge=True, formats=("csv",), **options)


@pytest.mark.parametrize("titles", [("", "Later piece"), ("", ""), ("First", "")])
def test_chart_without_titles_in_the_drawn_rows_takes_the_tables_first_title(tmp_path, tiny_chunks, titles):
    import datetime as dt

    from timeline.model import Document
    from timeline.pipeline.work import process_document
    from timeline.render import save_chart
    from timeline.table.order import to_table
    from timeline.table.timeline import chart_input

    texts = ("Talks ended on Oct. 3.", "Rain fell on Nov. 2. Snow fell on Nov. 4. Fog came on Nov. 9.")
    docs = [Document(f"d{i}.txt", title, dt.datetime(2015, 11, 1 + 19 * i), text)
            for i, (title, text) in enumerate(zip(titles, texts))]
    results = [process_document(d) for d in docs]
    table = to_table([e for r in results for e in r.events])
    save_chart(table, tmp_path / "mem.png", tmp_path / "mem.svg", max_events=1)
    with spill.SpillStore(tmp_path, insert_rows=2) as store:
        for r in results:
            store.add(r)
        rows, options = chart_input(store.finish(), max_events=1)
        assert options["_left_out"] == (len(table) - 1, 0)
        save_chart(rows, tmp_path / "disk.png", tmp_path / "disk.svg", max_events=1, **options)
    assert (tmp_path / "mem.svg").read_bytes() == (tmp_path / "disk.svg").read_bytes()
    assert (tmp_path / "mem.png").read_bytes() == (tmp_path / "disk.png").read_bytes()


def test_records_and_unicode_from_tbaq_are_the_same_bytes(tmp_path, tiny_chunks):
    if not TBAQ.is_dir():
        pytest.skip("../shared/corpora/tbaq is not present")
    paths = sorted(str(p) for p in TBAQ.rglob("*.tml"))[:12]
    assert_same_output(paths, tmp_path, merge=True, formats=("csv", "json", "timelinejs"), chart=False)


# ---------------------------------------------------------------------------------------------- the command

def test_cli_build_writes_what_the_library_writes_and_leaves_no_spill(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(STORY), "--out", str(out), "--quiet", "--format", "csv,json", "--jobs", "1"]) == 0
    mem = tmp_path / "mem"
    build([str(STORY)]).write(mem, formats=("csv", "json"))
    assert files(out) == files(mem)
    for name in files(mem):
        assert filecmp.cmp(out / name, mem / name, shallow=False), name
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_cli_build_no_merge_and_failures(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((STORY / "01_collapse.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--no-merge", "--no-chart", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "events written:" in err
    assert (out / "errors.csv").read_text(encoding="utf-8").count("empty.txt") == 1
    mem = build([str(folder)], merge=False)
    assert (out / "events.csv").read_bytes() == _csv_bytes(mem, tmp_path / "mem")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def _csv_bytes(tl, folder: Path) -> bytes:
    tl.write(folder, chart=False)
    return (folder / "events.csv").read_bytes()


# ---------------------------------------------------------------------------------------------- clean-up, errors

def test_the_spill_folder_is_removed_on_close_and_on_error(tmp_path, monkeypatch):
    with build_spilled([str(STORY)], spill_dir=tmp_path) as st:
        folder = st.store.path
        assert folder.parent == tmp_path and (folder / "table.sqlite").is_file()
    assert not folder.exists()

    with pytest.raises(InputError):              # --strict: the first failure stops the run
        build_spilled([str(STORY), str(tmp_path / "missing.txt")], strict=True, spill_dir=tmp_path)
    assert not list(tmp_path.glob(".timeline-spill-*"))

    def broken(self, merge):
        raise sqlite_error("disk I/O error")

    monkeypatch.setattr(spill.SpillStore, "_order", broken)
    with pytest.raises(Exception, match="disk I/O error"):
        build_spilled([str(STORY)], spill_dir=tmp_path)
    assert not list(tmp_path.glob(".timeline-spill-*"))


def test_a_killed_builds_folder_is_removed_by_the_next_build_and_a_running_ones_is_not(tmp_path):
    import subprocess

    pytest.importorskip("fcntl")
    code = ("import os, sys; from timeline.table import spill; store = spill.SpillStore(sys.argv[1]); "
            "print(store.path, flush=True); os.kill(os.getpid(), 9)")
    with spill.SpillStore(tmp_path) as running:
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
        killed = Path(done.stdout.strip())
        assert killed.parent == tmp_path and (killed / "table.sqlite").exists(), done.stderr
        (tmp_path / ".timeline-spill-being-made").mkdir()              # no lock file yet: left alone
        with spill.SpillStore(tmp_path) as other:
            assert not killed.exists()
            assert running.path.exists() and other.path.exists()
            assert (tmp_path / ".timeline-spill-being-made").exists()


def sqlite_error(msg: str) -> Exception:
    import sqlite3
    return sqlite3.OperationalError(msg)


def test_a_failure_while_writing_keeps_the_old_file_and_no_temporary(tmp_path, tiny_chunks, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("old\n", encoding="utf-8")
    calls = []

    def chunks(self, size=None):
        for part in original(self, size):
            calls.append(1)
            if len(calls) > 2:
                raise OSError(28, "No space left on device")
            yield part

    original = spill.SpilledTable.chunks
    monkeypatch.setattr(spill.SpilledTable, "chunks", chunks)
    with build_spilled([str(STORY)], spill_dir=tmp_path) as st:
        with pytest.raises(OSError, match="No space left"):
            st.write(out, chart=False)
    assert (out / "events.csv").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in out.iterdir()) == ["events.csv"]


def test_timeml_needs_the_texts(tmp_path):
    with build_spilled([str(STORY)], spill_dir=tmp_path) as st:
        with pytest.raises(ValueError, match="keep_texts"):
            st.write(tmp_path / "out", formats=("timeml",))


def test_an_empty_build_writes_an_empty_table(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "narrative.txt").write_text("No dates at all here.\n", encoding="utf-8")
    for merge in (False, True):
        tl = build([str(folder)], narrative=True, merge=merge)
        tl.write(tmp_path / "mem", formats=("csv", "json", "timelinejs"), chart=False)
        with build_spilled([str(folder)], narrative=True, merge=merge, spill_dir=tmp_path) as st:
            assert len(st.events) == len(tl.events)
            st.write(tmp_path / "disk", formats=("csv", "json", "timelinejs"), chart=False)
        for name in files(tmp_path / "mem"):
            assert filecmp.cmp(tmp_path / "mem" / name, tmp_path / "disk" / name, shallow=False), name


# ---------------------------------------------------------------------------------------------- the JSON streaming

@pytest.mark.parametrize("data", [
    {"a": "P0", "b": [1, {"x": [1, 2]}], "c": "P1"},
    {"outer": {"inner": {"deep": "P0"}}, "empty": "P1", "after": {"k": "v\nw"}},
])
def test_json_with_streamed_lists_is_json_dumps(data):
    import io

    lists = {"P0": [{"n": 1, "t": "é\u2028", "l": [1, [2, {}]]}, [], {"z": None}], "P1": []}
    expected = json.loads(json.dumps(data))
    for key, value in lists.items():
        expected = json.loads(json.dumps(expected).replace(json.dumps(key), json.dumps(value)))
    fh = io.StringIO()
    export._base.json_streamed(fh, data, {k: iter(v) for k, v in lists.items()})
    assert fh.getvalue() == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_the_public_api_names_the_streaming_build():
    assert timeline.build_spilled is build_spilled
    assert "build_spilled" in timeline.__all__


def test_one_timeline_class_and_one_api_in_memory_and_on_disk(tmp_path):
    """build() and build_spilled() give the same class; frame(), chunks() and len() read either table."""
    tl = build([str(STORY)])
    assert isinstance(tl.events, pd.DataFrame)
    with build_spilled([str(STORY)], spill_dir=tmp_path) as st:
        assert type(st) is type(tl) is timeline.Timeline and timeline.SpilledTimeline is timeline.Timeline
        assert len(st) == len(tl) == len(tl.events) > 0 and st.n_documents == tl.n_documents
        for a in (tl, st):
            pd.testing.assert_frame_equal(a.frame(), tl.events)
            pd.testing.assert_frame_equal(pd.concat(list(a.chunks(2)), ignore_index=True), tl.events)
    assert not list(tmp_path.glob(".timeline-spill-*")) and not list(tmp_path.glob("timeline-spill-*"))


# ---------------------------------------------------------------------------------------------- ties, at random

def random_results(seed: int, n: int = 160):
    """Events drawn from small sets of values, so that rows tie on every ordering key and merge often."""
    import datetime as dt
    import random

    from timeline.model import Document, Event
    from timeline.pipeline.work import DocumentResult

    rng = random.Random(seed)
    days = [None, dt.date(2015, 1, 1), dt.date(2015, 1, 2)]
    sentences = ["Officials met in Geneva on that day.", "Officials met in Geneva on the day.",
                 "Rebels left the harbour.", "Rebels left the old harbour at dawn.", ""]
    docs = [Document(f"src/{name}", f"Title {name}", dt.datetime(2015, 11, d), "")
            for name, d in (("b.txt", 2), ("a.txt", 2), ("c;d.txt", 1), ("é.txt", 3))]
    results = []
    for doc in rng.choices(docs, k=n // 4):
        events = []
        for _ in range(rng.randint(0, 24)):
            start, end = rng.choice(days), rng.choice(days[1:] + [None])
            offset = rng.choice([None, 1])
            events.append(Event(start, end, rng.choice(["day", "month", None]), None, rng.choice(["that day", ""]),
                                offset, None if offset is None else offset + 3, rng.choice(sentences),
                                rng.choice(["a", "a", ""]), doc, end_precision=rng.choice(["day", None]),
                                flags=tuple(rng.sample(["approximate", "year_inferred", "zz"], rng.randint(0, 2))),
                                kind=rng.choice(["mention", "mention", "interval", "publication", "", None]),
                                qualifiers=tuple(rng.sample(["two days=P2D", "weekly=P1W"], rng.randint(0, 2)))))
        results.append(DocumentResult(doc, [], events, len(events)))
    return results


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("merge", [False, True])
def test_random_ties_order_and_merge_as_in_memory(tmp_path, tiny_chunks, seed, merge):
    from timeline.table.order import to_table

    results = random_results(seed)
    expected = to_table([e for r in results for e in r.events], merge=merge)
    if merge:
        assert (expected["sources_count"] > 1).any()
    with spill.SpillStore(tmp_path, insert_rows=3) as store:
        for r in results:
            store.add(r)
        pd.testing.assert_frame_equal(store.finish(merge).frame(), expected)


@pytest.mark.parametrize("merge", [False, True])
def test_a_tie_on_every_table_key_keeps_the_in_memory_order(tmp_path, merge):
    """An open start sorts by its end: it ties with a day on that date. In memory the merged frame is in merge
    order (start first, empty first), the unmerged one in arrival order; the spilled table breaks ties alike."""
    import datetime as dt

    from timeline.model import Document, Event
    from timeline.pipeline.work import DocumentResult
    from timeline.table.order import to_table

    doc = Document("a.txt", "A", dt.datetime(2015, 11, 2), "")
    day = dt.date(2015, 1, 1)
    events = [Event(day, day, "day", None, "x", 1, 2, "B text", "h", doc, kind="mention"),
              Event(None, day, "day", None, "x", 1, 2, "A text", "h", doc, kind="mention")]
    expected = to_table(events, merge=merge)
    assert expected["event_text"].tolist() == (["A text", "B text"] if merge else ["B text", "A text"])
    with spill.SpillStore(tmp_path) as store:
        store.add(DocumentResult(doc, [], events, 2))
        pd.testing.assert_frame_equal(store.finish(merge).frame(), expected)


def test_chunks_stop_at_a_number_of_characters(tmp_path, monkeypatch):
    with build_spilled([str(STORY)], spill_dir=tmp_path) as st:
        whole = st.events.frame()
        monkeypatch.setattr(spill, "CHUNK_CHARS", 1)
        parts = list(st.events.chunks())
        assert [len(p) for p in parts] == [1] * len(whole)
        pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)


def test_a_spill_folder_that_cannot_be_removed_is_said(monkeypatch, tmp_path):
    """Clean-up never fails silently: a folder left behind is named in a warning."""
    import timeline.table.spill as spill
    store = spill.SpillStore(tmp_path)
    folder = store.path
    monkeypatch.setattr(spill.shutil, "rmtree", lambda path, ignore_errors=False: None)
    with pytest.warns(RuntimeWarning, match="could not remove the temporary folder"):
        store.close()
    assert folder.exists()
