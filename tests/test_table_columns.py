"""The columnar table: rows collected as columns (no Event kept), merged with candidate filtering, and the CSV
streamed, give exactly what the Event-list path and the pairwise merge gave before (kept here as the reference)."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from timeline.events.dates import precision_rank
from timeline.lang import stop_words
from timeline.events.extract import FLAG_ORDER
from timeline.model import Document, Event, Timex
from timeline.table.happening import lexicon, same_happening, specific
from timeline.table.order import event_row, merge_rows, to_table
from timeline.table.columns import COLUMN_NAMES, COLUMNS, DTYPES, FREE_TEXT
from timeline.table.rows import document_source, event_cells

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "fixtures" / "story"
SEEDS = ROOT / "seeds"

# ------------------------------------------------------------------ the reference: the pairwise merge and table

def _ref_words(row: dict) -> list[str]:
    text = row["event_text"].replace(row["phrase"], " ") if row["phrase"] else row["event_text"]
    return re.findall(r"\w+", text.lower())


def _ref_same(a: dict, b: dict):
    if a["kind"] == "publication" or b["kind"] != a["kind"]:
        return None
    if (a["start"], a["end"], a["precision"], a["end_precision"]) != (b["start"], b["end"], b["precision"],
                                                                      b["end_precision"]):
        return None
    wa, wb = _ref_words(a), _ref_words(b)
    stop = stop_words()
    ta, tb = set(wa) - stop, set(wb) - stop
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    ratio = difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    # issue 13: what the two texts say (timeline.table.happening): never a merge on a date and stock words alone;
    # near-identical texts, or one happening worded differently
    ga, gb = (lexicon().gist(r["event_text"].replace(r["phrase"], " ") if r["phrase"] else r["event_text"],
                             r.get("trigger")) for r in (a, b))
    if not specific(ga, gb):
        return None
    if jaccard >= 0.6 or ratio >= 0.85:
        return (jaccard, ratio, "")
    why = same_happening(ga, gb)
    return (jaccard, ratio, why) if why else None


def _ref_merge(cluster):
    row = dict(cluster[0][0])
    rows = [r for r, _ in cluster]
    row["source_path"] = ";".join(r["source_path"] for r in rows)
    row["sources_count"] = len(rows)
    flags = {f for r in rows for f in (r["flags"] or "").split(";") if f}
    row["flags"] = ";".join([f for f in FLAG_ORDER if f in flags] + sorted(flags - set(FLAG_ORDER))) or None
    quals = list(dict.fromkeys(q for r in rows for q in (r["qualifiers"] or "").split(";") if q))
    row["qualifiers"] = ";".join(quals) or None
    parts = [f"{r['source_path']} ({r['phrase']!s}: {s[2]})" if s[2] else
             f"{r['source_path']} ({r['phrase']!s}: Jaccard {s[0]:.2f}, ratio {s[1]:.2f})" for r, s in cluster[1:21]]
    if len(cluster) > 21:
        parts.append(f"and {len(cluster) - 21} more")
    how = "the same happening" if any(s[2] for _, s in cluster[1:]) else "near-identical text"
    row["merge_note"] = (f"{len(rows)} articles report the same date ({row['edtf'] or row['start']}) with {how}; "
                         f"kept the text of {rows[0]['source_path']} "
                         f"(published first), merged " + "; ".join(parts))
    return row


def reference_merge_rows(rows: list[dict]) -> list[dict]:
    """The merge as it was before the columnar table: every cluster of the bucket tried, every pair scored."""
    ordered = sorted(rows, key=lambda r: (r["start"] or "", r["end"] or "", r["published"] or "",
                                          r["source_path"], r["phrase_start"] if r["phrase_start"] is not None
                                          else 1 << 62))
    clusters, paths, by_dates = [], [], {}
    for row in ordered:
        key = (row["start"], row["end"], row["precision"], row["end_precision"], row["kind"])
        candidates = by_dates.setdefault(key, []) if row["kind"] != "publication" else []
        for k in candidates:
            cluster = clusters[k]
            if row["source_path"] in paths[k]:
                continue
            scores = [_ref_same(r, row) for r, _ in cluster[:1] + cluster[-1:]]
            if all(scores):
                cluster.append((row, min(scores)))
                paths[k].add(row["source_path"])
                break
        else:
            clusters.append([(row, None)])
            paths.append({row["source_path"]})
            candidates.append(len(clusters) - 1)
    return [_ref_merge(c) if len(c) > 1 else c[0][0] for c in clusters]


def _ref_sort_key(row: dict) -> tuple:
    when = row["start"] or row["end"] or "9999-12-31"
    offset = row["phrase_start"] if row["phrase_start"] is not None else 1 << 62
    return (when, precision_rank(row["precision"]), row["end"] or "", row["source_path"], offset,
            row["kind"], row["headline"])


def reference_table(events: list[Event], merge: bool = True) -> pd.DataFrame:
    rows = [event_row(e) for e in events]
    if merge:
        rows = reference_merge_rows(rows)
    rows.sort(key=_ref_sort_key)
    for i, row in enumerate(rows, start=1):
        row["event_id"] = f"e{i}"
    if not rows:
        return pd.DataFrame({n: pd.Series(dtype=DTYPES[n]) for n in COLUMN_NAMES})
    return pd.DataFrame.from_records(rows, columns=list(COLUMN_NAMES)).astype(DTYPES).reset_index(drop=True)


# ------------------------------------------------------------------ helpers

def events_of(paths: list[str]) -> list[Event]:
    from timeline.pipeline.options import Options
    from timeline.pipeline.work import process_unit
    from timeline.sources import expand, iter_units

    options = Options()
    out = []
    for unit in iter_units(list(expand(paths)), options.read):
        result = process_unit(unit, options)
        out += getattr(result, "events", [])
    return out


VOCAB = ["bridge", "collapsed", "the", "of", "council", "met", "ferry", "river", "three", "injured", "a",
         "inquiry", "opened", "traders", "closed", "market", "and", "in", "to", "crossing"]


def random_events(seed: int, n_docs: int = 40) -> list[Event]:
    """Many near-duplicate mentions over a few dates, with empty texts, stop-word-only texts and repeats."""
    rng = random.Random(seed)
    templates = [" ".join(rng.choice(VOCAB) for _ in range(rng.randint(0, 7))) for _ in range(12)]
    templates += ["", "the of and", "bridge bridge bridge"]
    events = []
    for d in range(n_docs):
        dct = dt.datetime(2021, 3, 1 + rng.randint(0, 5), rng.randint(0, 23), 0)
        path = f"doc{rng.randint(0, n_docs // 2)}.txt" if rng.random() < 0.2 else f"doc{d}.txt"
        doc = Document(path, f"Title {d}", dct, "", 0)
        for _ in range(rng.randint(1, 6)):
            words_ = templates[rng.randrange(len(templates))].split()
            if words_ and rng.random() < 0.4:                       # a small edit: drop, swap or add a word
                i = rng.randrange(len(words_))
                words_[i] = rng.choice(VOCAB)
            day = dt.date(2021, 3, 1 + rng.randint(0, 2))
            phrase = rng.choice(["Tuesday", "March 2", "that day"])
            text = " ".join(words_[:2] + [phrase] + words_[2:])
            i = rng.randint(0, 500)
            flags = tuple(f for f in FLAG_ORDER if rng.random() < 0.2)
            quals = ("six months=P6M",) if rng.random() < 0.2 else ()
            t = Timex(i, i + len(phrase), phrase, "DATE", day.isoformat())
            events.append(Event(day, day, "day", t, phrase, i, i + len(phrase), text, (text or phrase)[:20], doc,
                                end_precision="day", value=day.isoformat(), edtf=day.isoformat(), flags=flags,
                                kind=rng.choice(["mention", "mention", "interval"]), qualifiers=quals))
    return events


# ------------------------------------------------------------------ tests

@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("merge", [True, False])
def test_random_near_duplicates_give_the_reference_table(seed, merge):
    events = random_events(seed)
    pd.testing.assert_frame_equal(to_table(events, merge=merge), reference_table(events, merge=merge))


def test_random_near_duplicates_do_merge():
    """The comparison above is not vacuous: these corpora have many merged rows, some with many sources."""
    df = to_table(random_events(0, n_docs=120))
    assert (df.sources_count > 1).sum() > 20 and df.sources_count.max() > 5


def test_merge_rows_on_dicts_matches_the_reference():
    rows = [event_row(e) for e in random_events(3)]
    assert merge_rows(rows) == reference_merge_rows(rows)


@pytest.mark.parametrize("inputs", [[str(STORY)], [str(SEEDS)], [str(STORY), str(SEEDS)]])
@pytest.mark.parametrize("merge", [True, False])
def test_collected_columns_give_the_event_path_table(inputs, merge):
    import timeline

    events = events_of(inputs)
    reference = reference_table(events, merge=merge)
    pd.testing.assert_frame_equal(to_table(events, merge=merge), reference)
    pd.testing.assert_frame_equal(timeline.build(inputs, merge=merge).events, reference)


def test_story_merges_are_the_reference_merges():
    events = events_of([str(STORY)])
    df = to_table(events)
    assert (df.sources_count > 1).any()
    assert list(df.merge_note.fillna("")) == list(reference_table(events).merge_note.fillna(""))


def test_rows_in_small_inserts_are_the_rows_in_one(tmp_path):
    from timeline.table.spill import SpillStore

    events = random_events(5)
    with SpillStore(tmp_path, insert_rows=3) as small:
        for i in range(0, len(events), 4):
            small.add_rows(event_cells(e, *document_source(e.document)) for e in events[i:i + 4])
        assert len(small) == len(events)
        table = small.finish(merge=False).frame()
    pd.testing.assert_frame_equal(table, to_table(events, merge=False))
    assert [str(t) for t in table.dtypes] == [c.dtype for c in COLUMNS]


def test_the_table_keeps_no_event_objects(tmp_path):
    from timeline.table.spill import SpillStore

    events = random_events(1, n_docs=3)
    with SpillStore(tmp_path) as store:
        store.add_rows(event_cells(e, *document_source(e.document)) for e in events)
        held = [v for row in store._rows for v in row]
    assert held and not any(isinstance(v, (Event, Timex, Document)) for v in held)


def _old_csv_bytes(table: pd.DataFrame) -> bytes:
    names = list(COLUMN_NAMES)
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(names)
    from timeline.export._base import _cell, _records, neutralise
    w.writerows([[neutralise(_cell(rec[n])) if n in FREE_TEXT else _cell(rec[n]) for n in names]
                 for rec in _records(table)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def test_streamed_csv_has_the_bytes_of_the_whole_text(tmp_path, monkeypatch):
    from timeline import export
    from timeline.export import csv as csv_profile

    events = random_events(2)
    events[0] = Event(**{**events[0].__dict__, "event_text": "=SUM(A1) \"quoted\", and\nnew line é"})
    table = to_table(events)
    monkeypatch.setattr(csv_profile, "_CSV_SLICE", 7)                   # many slices, one of them short
    export.write(table, tmp_path, formats=("csv",))
    assert (tmp_path / "events.csv").read_bytes() == _old_csv_bytes(table)
