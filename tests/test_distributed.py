"""The Dask engine (``analysis.ingest.cluster``) stores exactly what the local engine stores, through the
same pipeline (slow: starts a LocalCluster)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, load
from analysis.ingest import ingest
from analysis.store import known_ids

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.slow

#: Columns that depend on when an article was stored, not on what was extracted.
CLOCK_COLUMNS = {"ingested_at"}


def _frame(db: Path, name: str) -> pd.DataFrame:
    frame = getattr(load(db), name)
    frame = frame.drop(columns=[c for c in CLOCK_COLUMNS if c in frame.columns])
    return frame.sort_values(list(frame.columns[:2])).reset_index(drop=True)


@pytest.fixture(scope="module")
def client():
    from analysis.ingest.cluster import start_client

    client, cluster = start_client(n_workers=2, threads_per_worker=1)
    assert len(client.nthreads()) == 2
    yield client
    client.close()
    cluster.close()


def test_dask_engine_stores_the_local_engines_facts(tmp_path: Path, client) -> None:
    from analysis.ingest.cluster import cluster_extractor

    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    local = ingest(SEEDS, db=local_db)
    report = ingest(SEEDS, db=dask_db, extractor=cluster_extractor(client, chunk_size=2))

    assert (report.ingested, report.skipped, report.failed) == (local.ingested, 0, [])
    assert report.ingested == 5
    for name in ("rounds", "mentions", "articles", "investments", "valuations"):
        pd.testing.assert_frame_equal(_frame(dask_db, name), _frame(local_db, name), check_like=False)
    assert not _frame(dask_db, "rounds").empty


def test_dask_engine_skips_stored_articles_before_submitting(tmp_path: Path, client, monkeypatch) -> None:
    from analysis.ingest import cluster

    db = tmp_path / "levee.duckdb"
    ingest(SEEDS, db=db)
    submitted: list[str] = []
    real = client.submit

    def spy(function, chunk, **kwargs):
        submitted.extend(a.article_id for a in chunk)
        return real(function, chunk, **kwargs)

    monkeypatch.setattr(client, "submit", spy)
    report = ingest(SEEDS, db=db, extractor=cluster.cluster_extractor(client))
    assert submitted == []
    assert (report.ingested, report.skipped) == (0, 5)
    assert len(known_ids(db)) == 5


def test_cli_dask_engine_with_a_scheduler_address(tmp_path: Path, client, capsys) -> None:
    db = tmp_path / "levee.duckdb"
    address = client.scheduler.address
    code = cli.main(["ingest", str(SEEDS), "--db", str(db), "--engine", "dask", "--scheduler", address,
                     "--no-progress"])
    assert code == 0
    assert "ingested 5" in capsys.readouterr().out
    assert len(known_ids(db)) == 5


def test_cli_refuses_a_scheduler_without_the_dask_engine(tmp_path: Path, capsys) -> None:
    code = cli.main(["ingest", str(SEEDS), "--db", str(tmp_path / "x.duckdb"), "--scheduler", "tcp://x:1"])
    assert code == 2
    assert "--engine dask" in capsys.readouterr().err
