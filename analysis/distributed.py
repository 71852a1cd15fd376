"""Distributed ingest: extraction on a Dask cluster, storage through the single store writer.

``python -m analysis ingest PATH... --engine dask [--scheduler ADDRESS]`` runs this module.

* The client reads the articles (cheap), drops the texts already stored or already seen in
  this run *before* submitting anything, and sends the new ones in chunks of
  ``chunk_size`` articles to the cluster: a ``LocalCluster`` (one single-threaded worker
  process per core) when no scheduler address is given, else the cluster at ``scheduler``
  (its workers must be able to ``import analysis`` with the same code and models).
* Each worker loads the spaCy pipelines once (``analysis.nlp.load_pipeline`` is cached per
  process; ``LoadModels`` warms it when the worker starts) and runs the same
  ``analysis.extract.extract_articles`` as the local engine.
* The ``ArticleFacts`` come back to the client in submission order, at most ``window``
  chunks in flight (memory stays flat), and are written by ``analysis.store.ingest_facts``,
  the one writer, so the stored facts equal the local engine's.
* Known texts whose manifest metadata changed go through ``analysis.store.ingest_articles``
  (a metadata update, or a local re-extraction when the date or language changed), exactly
  as the local engine treats them.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.model import Article, ArticleFacts, ReadProblem

if TYPE_CHECKING:
    from distributed import Client

    from analysis.store import IngestReport

#: Articles per task: large enough to amortise scheduling, small enough to balance load.
CHUNK_SIZE = 8
#: Chunks in flight per worker thread (bounds client and worker memory).
WINDOW_PER_WORKER = 4


# --------------------------------------------------------------------------- worker side


def _warm_up() -> None:
    """Load both pipelines in this process (cached by ``analysis.nlp.load_pipeline``)."""
    from analysis.nlp import load_pipeline

    load_pipeline("fr")
    load_pipeline("en")


try:  # the plugin base class only exists where distributed is installed
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a runtime requirement
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class LoadModels(_WorkerPlugin):  # type: ignore[misc,valid-type]
    """Worker plugin: load the spaCy pipelines once, when a worker starts."""

    name = "levee-load-models"

    def setup(self, worker: Any) -> None:
        _warm_up()


def extract_chunk(articles: list[Article]) -> list[ArticleFacts]:
    """Extraction of one chunk on a worker: the local engine's code, unchanged."""
    from analysis.extract import extract_articles

    return list(extract_articles(articles))


# --------------------------------------------------------------------------- client side


@dataclass
class _Plan:
    """The client's sorting of the input before anything is submitted."""

    new: list[Article]
    known: list[Article]
    problems: list[ReadProblem]
    notes: list[ReadProblem]
    duplicates: int


def _plan(items: Sequence[Article | ReadProblem] | Iterator[Article | ReadProblem], known_ids: set[str]) -> _Plan:
    new: list[Article] = []
    known: list[Article] = []
    problems: list[ReadProblem] = []
    notes: list[ReadProblem] = []
    first_file: dict[str, str] = {}
    duplicates = 0
    for item in items:
        if isinstance(item, ReadProblem):
            problems.append(item)
            continue
        if item.article_id in first_file:
            duplicates += 1
            notes.append(ReadProblem(item.file, f"same text as {first_file[item.article_id]}; stored once"))
            continue
        first_file[item.article_id] = item.file
        (known if item.article_id in known_ids else new).append(item)
    return _Plan(new, known, problems, notes, duplicates)


def _chunks(articles: Sequence[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), size):
        yield list(articles[start:start + size])


def default_workers() -> int:
    """Workers of the ``LocalCluster``: one per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _results(
    client: Client,
    articles: Sequence[Article],
    *,
    chunk_size: int,
    window: int,
    failed: list[ReadProblem],
    empty: list[ReadProblem],
    bar: Any,
) -> Iterator[tuple[Article, ArticleFacts]]:
    """(article, facts) pairs in submission order, ``window`` chunks in flight at most.

    A chunk whose task fails on the cluster (a worker killed, say) marks its articles as
    failed and the ingest goes on, as one bad article does in the local engine. Articles
    whose facts hold no round and no valuation are noted in ``empty``.
    """
    pending: deque[tuple[list[Article], Any]] = deque()
    chunks = _chunks(articles, chunk_size)

    def submit_next() -> bool:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        pending.append((chunk, client.submit(extract_chunk, chunk, pure=False)))
        return True

    for _ in range(window):
        if not submit_next():
            break
    while pending:
        chunk, future = pending.popleft()
        try:
            facts_list = future.result()
        except Exception as error:  # reported per article, the run goes on
            for article in chunk:
                failed.append(ReadProblem(article.file, f"extraction failed on the cluster: "
                                                        f"{type(error).__name__}: {error}"))
            facts_list = []
        finally:
            future.release()
        submit_next()
        for article, facts in zip(chunk, facts_list, strict=False):
            bar.step()
            if not (facts.rounds or facts.valuations or facts.errors):
                empty.append(ReadProblem(article.file, "stored, but no funding round or valuation was found in it"))
            yield article, facts


class _Bar:
    def __init__(self, enabled: bool, total: int) -> None:
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, desc="ingest (dask)", dynamic_ncols=True)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def start_client(
    scheduler: str | None = None, n_workers: int | None = None, *, threads_per_worker: int = 1
) -> tuple[Client, Any]:
    """A client on ``scheduler``, or on a new ``LocalCluster`` of ``n_workers`` single-threaded
    worker processes (default: one per core). Returns (client, cluster or None); the
    ``LoadModels`` plugin is registered so every worker loads the models once, at start."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=n_workers or default_workers(),
            threads_per_worker=threads_per_worker,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    client.register_plugin(LoadModels())
    return client, cluster


def ingest_dask(
    paths: Sequence[str | Path] | str | Path,
    manifest: str | Path | None = None,
    db: str | Path | None = None,
    *,
    scheduler: str | None = None,
    client: Client | None = None,
    n_workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    window: int | None = None,
    batch_size: int = 32,
    progress: bool = True,
) -> IngestReport:
    """Ingest the articles under ``paths`` with extraction on a Dask cluster.

    ``client`` reuses a running client (benchmarks, tests); else one is started on
    ``scheduler`` or on a new ``LocalCluster`` of ``n_workers`` processes, and closed at the
    end. Same rules and report as ``analysis.store.ingest``.
    """
    from analysis import store
    from analysis.corpus import iter_articles

    started = time.perf_counter()
    if isinstance(paths, str | Path):
        paths = [paths]
    items = iter_articles(list(paths), manifest=Path(manifest) if manifest else None)
    plan = _plan(items, store.known_ids(db))
    failed: list[ReadProblem] = []
    empty: list[ReadProblem] = []
    own_client = client is None
    cluster = None
    bar = _Bar(progress, len(plan.new))
    try:
        if plan.new:
            if own_client:
                client, cluster = start_client(scheduler, n_workers)
            assert client is not None
            threads = sum(client.nthreads().values()) or 1
            report = store.ingest_facts(
                _results(client, plan.new, chunk_size=max(1, chunk_size),
                         window=window or WINDOW_PER_WORKER * threads, failed=failed, empty=empty, bar=bar),
                db,
                batch_size=batch_size,
            )
        else:
            report = store.IngestReport(db=store.db_path(db))
    finally:
        bar.close()
        if own_client and client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    report.notes.extend(plan.notes)
    report.notes.extend(empty)
    if plan.known:  # metadata updates (or re-extraction on a new date/language), locally
        known = store.ingest_articles(plan.known, db, progress=False, batch_size=batch_size)
        report.skipped += known.skipped
        report.updated += known.updated
        report.failed.extend(known.failed)
        report.notes.extend(known.notes)
    report.skipped += plan.duplicates
    report.failed = plan.problems + failed + report.failed
    report.seconds = time.perf_counter() - started
    return report

