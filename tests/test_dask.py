"""The Dask paths give the single-process result: the bag API and build(scheduler=...) on a LocalCluster with two
worker processes. Skipped only where Dask is not installed (the test extra installs it)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

pytest.importorskip("distributed")

from test_parallel import synthetic_corpus  # noqa: E402  (same corpus as the --jobs equivalence)


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield cluster, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synthetic_corpus(tmp_path_factory.mktemp("dask") / "in", n_files=25, records=40)


def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.events, b.events)
    assert a.failures == b.failures
    assert [(d.path, d.title, d.dct) for d in a.documents] == [(d.path, d.title, d.dct) for d in b.documents]
    assert a.n_expressions == b.n_expressions


def test_bag_on_a_local_cluster_equals_the_single_process_build(cluster, corpus):
    from timeline.pipeline.distributed import read_bag, timeline_from_bag
    from timeline.pipeline.batch import build

    _cluster, client = cluster
    bag = read_bag(corpus, files_per_partition=4)
    assert bag.npartitions > 1
    distributed = timeline_from_bag(bag)                         # runs on the active Client's workers
    assert len(distributed.events) > 50 and distributed.failures
    _same(build(corpus, jobs=1), distributed)


def test_build_with_a_scheduler_address_equals_the_single_process_build(cluster, corpus):
    from timeline.pipeline.batch import build

    local_cluster, _client = cluster
    _same(build(corpus, jobs=1), build(corpus, scheduler=local_cluster.scheduler_address))


def test_cli_scheduler_writes_the_same_events_csv(cluster, corpus, tmp_path):
    from timeline.cli import main

    local_cluster, _client = cluster
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["build", *corpus, "--out", str(a), "--no-chart", "--quiet", "--jobs", "1"]) == 1
    assert main(["build", *corpus, "--out", str(b), "--no-chart", "--quiet",
                 "--scheduler", local_cluster.scheduler_address]) == 1
    assert (a / "events.csv").read_bytes() == (b / "events.csv").read_bytes()
    assert (a / "errors.csv").read_bytes() == (b / "errors.csv").read_bytes()


def test_dataframe_of_articles(cluster, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    from timeline.pipeline.distributed import dataframe_bag, timeline_from_bag
    from timeline.pipeline.batch import build
    from timeline.sources import Fields

    rows = [{"body": f"Officials met in Geneva on Oct. {n}, two days after the vote.", "published": "2015-11-12",
             "headline": f"Talks {n}"} for n in range(1, 21)]
    rows[5]["published"] = None
    pdf = pd.DataFrame(rows)
    fields = Fields(text="body", date="published", title="headline")
    tl = timeline_from_bag(dataframe_bag(dd.from_pandas(pdf, npartitions=3), fields, source="talks"))
    path = tmp_path / "talks.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    local = build([path], fields=fields)
    pd.testing.assert_frame_equal(tl.events.drop(columns="source_path"), local.events.drop(columns="source_path"))
    assert [(f.path, f.record) for f in tl.failures] == [("talks", 6)]
