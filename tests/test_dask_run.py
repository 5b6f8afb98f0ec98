"""Dask: a real LocalCluster of two worker processes codes a corpus into the store and Parquet
shards, with the same records as a local run; the CLI's --dask takes the scheduler address."""
from __future__ import annotations

import pytest

from test_scale_corpus import write_folder

distributed = pytest.importorskip("distributed")


def _by_hash(records) -> dict:
    return {r.article.text_sha256: r.model_dump_json() for r in records}


def test_dask_local_cluster_matches_local_run(tmp_path):
    from typer.testing import CliRunner

    from tocsin.cli import app
    from tocsin.ingest.run import ingest_paths
    from tocsin.scale import dask_run
    from tocsin.scale.shards import read_records
    from tocsin.store import open_store

    folder = tmp_path / "corpus"
    write_folder(folder, 6)
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    ingest_paths([str(folder)], local_url, batch=4, workers=1)
    with open_store(local_url) as store:
        expected = _by_hash(store.records())
    assert len(expected) == 6

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        url = f"sqlite:///{tmp_path / 'dask.db'}"
        summary = dask_run([str(folder)], client, db=url, parquet=str(tmp_path / "shards"), batch=2)
        assert (summary.added, summary.failed) == (6, 0)
        assert len(summary.peak_rss_mb) == 2  # both workers coded batches
        with open_store(url) as store:
            assert _by_hash(store.records()) == expected
        assert _by_hash(read_records(tmp_path / "shards")) == expected
        assert len(list((tmp_path / "shards").glob("articles-*.parquet"))) == 3

        # the CLI, given the scheduler's address: a rerun over shards only stores nothing twice
        res = CliRunner().invoke(app, ["ingest", str(folder), "--dask", cluster.scheduler_address,
                                       "--db", url, "--parquet", str(tmp_path / "shards"),
                                       "--no-progress"])
        assert res.exit_code == 0, res.output
        assert "skipped 6 already stored" in res.output
    assert _by_hash(read_records(tmp_path / "shards")) == expected


def test_dask_run_needs_a_destination():
    from tocsin.errors import UsageError
    from tocsin.scale import dask_run

    with pytest.raises(UsageError):
        dask_run(["x"], "tcp://127.0.0.1:1", db=None, parquet=None)
