"""Extraction on a Dask cluster, for the one pipeline (``analysis.ingest.pipeline``).

``python -m analysis ingest PATH... --engine dask [--scheduler ADDRESS]`` uses it.

* ``cluster_extractor(client)`` is an extractor like the local one: a stream of articles in,
  their facts out in the same order. The pipeline's skip/merge policy has already dropped the
  texts stored or seen in this run, so only new texts are submitted, in chunks of
  ``chunk_size`` articles, at most ``window`` chunks in flight (memory stays flat).
* A ``LocalCluster`` (one single-threaded worker process per core) is started when no
  scheduler address is given, else the client joins the cluster at ``scheduler`` (its workers
  must be able to ``import analysis`` with the same code and models).
* Each worker loads the spaCy pipelines once (``LoadModels`` warms the cache of
  ``analysis.nlp.load_pipeline`` when the worker starts) and runs the same
  ``analysis.extract.extract_articles`` as the local engine, so the stored facts are the same.
* A chunk whose task fails on the cluster (a worker killed, say) comes back as failed facts for
  each of its articles; the pipeline reports them and goes on, as with one bad article locally.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from analysis.model import Article, ArticleFacts, failed_facts

if TYPE_CHECKING:
    from distributed import Client

#: Articles per task: large enough to batch the pipelines, small enough to balance workers.
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


def default_workers() -> int:
    """Workers of the ``LocalCluster``: one per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def cluster_extractor(client: Client, *, chunk_size: int = CHUNK_SIZE, window: int | None = None) -> Any:
    """An extractor running on ``client``'s cluster: facts in submission order, ``window``
    chunks in flight at most (default ``WINDOW_PER_WORKER`` per worker thread)."""
    threads = sum(client.nthreads().values()) or 1
    in_flight = window or WINDOW_PER_WORKER * threads

    def extract(articles: Iterable[Article], *, batch_size: int = 0) -> Iterator[ArticleFacts]:
        pending: deque[tuple[list[Article], Any]] = deque()
        chunks = _chunks(articles, max(1, chunk_size))

        def submit_next() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            pending.append((chunk, client.submit(extract_chunk, chunk, pure=False)))
            return True

        for _ in range(in_flight):
            if not submit_next():
                break
        while pending:
            chunk, future = pending.popleft()
            try:
                facts_list = future.result()
            except Exception as error:  # reported per article, the run goes on
                facts_list = [failed_facts(article, f"extraction failed on the cluster: {type(error).__name__}: {error}")
                              for article in chunk]
            finally:
                future.release()
            submit_next()
            yield from facts_list

    return extract


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


@contextmanager
def cluster(scheduler: str | None = None, n_workers: int | None = None) -> Iterator[Client]:
    """A client started by ``start_client``, closed (with its cluster) on exit."""
    client, local = start_client(scheduler, n_workers)
    try:
        yield client
    finally:
        client.close()
        if local is not None:
            local.close()
