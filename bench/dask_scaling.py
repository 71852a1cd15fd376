"""Distributed ingest scaling: articles/s with 1, 2, 4, ... Dask workers.

``python bench/dask_scaling.py [--workers 1,2,4,8,16] [--n 1000] [--chunk-size 16]``

For each worker count W: a ``LocalCluster`` of W single-threaded worker processes starts
and loads the models (``analysis.ingest.cluster.LoadModels``; not timed), then, over the same
N synthetic articles (``bench/make_corpus.py``):

* extract: distributed extraction alone (``cluster_extractor``: chunks submitted,
  ``ArticleFacts`` back to the client, discarded): the parallel part;
* ingest: ``analysis.ingest.ingest`` with that extractor into a fresh store (the one pipeline:
  client-side reading, skip of stored ids, the single store writer and the history included).

The local engine (the same ``ingest``, extraction in this process) is timed too, as the
baseline without Dask, and so is local extraction alone: the difference with one Dask worker,
per article, is the scheduler's overhead. Prints articles/s, speed-up against 1 worker and
against the local engine, and checks that every run stored the same facts and rounds. Worker counts above the machine's cores
are run but flagged (they cannot scale). Figures go to ``bench/out/dask_scaling.json``. No
figure is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from analysis.ingest import ingest  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import ensure_corpus  # noqa: E402

OUT = ROOT / "bench" / "out"


def facts_signature(db: Path) -> str:
    """Every stored article's facts, as JSON: what the engines must store alike."""
    from analysis.store import stored_facts

    return json.dumps([f.to_json() for f in stored_facts(db)], sort_keys=True, default=str)


def rounds_signature(db: Path) -> list[tuple[Any, ...]]:
    from analysis import load

    rounds = load(db).rounds
    return sorted(rounds[["company", "amount", "currency", "status"]].astype(str).itertuples(index=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2,4,8,16", help="comma-separated worker counts")
    parser.add_argument("--n", type=int, default=1000, help="synthetic articles (default 1,000)")
    parser.add_argument("--chunk-size", type=int, default=None, help="articles per task (default: the module's)")
    parser.add_argument("--no-local", action="store_true", help="skip the local-engine baseline")
    args = parser.parse_args(argv)

    from analysis.corpus import iter_articles
    from analysis.extract import extract_articles
    from analysis.ingest import cluster as engine
    from analysis.model import Article

    counts = [int(x) for x in args.workers.split(",") if x.strip()]
    cores = engine.default_workers()
    corpus = ensure_corpus(args.n)
    articles = [a for a in iter_articles([corpus]) if isinstance(a, Article)]
    chunk = args.chunk_size or engine.CHUNK_SIZE
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    signatures = set()
    facts: set[str] = set()
    local_extract = None
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        local = None
        if not args.no_local:
            from analysis.nlp import load_pipeline

            load_pipeline("fr")
            load_pipeline("en")
            print("  local engine ...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            got = sum(1 for _ in extract_articles(articles))
            local_extract = time.perf_counter() - start
            db = Path(tmp) / "local.duckdb"
            start = time.perf_counter()
            report = ingest([corpus], db=db)
            local = time.perf_counter() - start
            signatures.add(tuple(rounds_signature(db)))
            facts.add(facts_signature(db))
            rows.append({"workers": 0, "ingest_s": local, "extract_s": local_extract, "ingested": report.ingested,
                         "startup_s": 0.0})
        for w in counts:
            print(f"  {w} worker(s): starting the cluster ...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            client, cluster = engine.start_client(n_workers=w)
            startup = time.perf_counter() - start
            try:
                print(f"  {w} worker(s): extract, ingest ...", file=sys.stderr, flush=True)
                start = time.perf_counter()
                got = sum(1 for _ in engine.cluster_extractor(client, chunk_size=chunk)(articles))
                extract_s = time.perf_counter() - start
                assert got == len(articles), (got, len(articles))
                db = Path(tmp) / f"dask{w}.duckdb"
                start = time.perf_counter()
                report = ingest([corpus], db=db, extractor=engine.cluster_extractor(client, chunk_size=chunk))
                ingest_s = time.perf_counter() - start
                signatures.add(tuple(rounds_signature(db)))
                facts.add(facts_signature(db))
            finally:
                client.close()
                cluster.close()
            rows.append({"workers": w, "ingest_s": ingest_s, "extract_s": extract_s, "ingested": report.ingested,
                         "startup_s": startup})

    n = len(articles)
    base = next((r for r in rows if r["workers"] == 1), None)
    print()
    print(f"Dask scaling: {n} synthetic articles, chunks of {chunk}, {cores} usable CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'engine':<20} {'start s':>8} {'extract s':>10} {'art/s':>7} {'speed-up':>9} "
          f"{'ingest s':>9} {'art/s':>7} {'speed-up':>9} {'vs local':>9}")
    for r in rows:
        name = "local (no Dask)" if r["workers"] == 0 else f"dask, {r['workers']} worker(s)"
        if r["workers"] > cores:
            name += " !"
        ext = "" if r["extract_s"] is None else f"{r['extract_s']:10.2f} {n / r['extract_s']:7.1f}"
        ext_up = (f"{base['extract_s'] / r['extract_s']:8.2f}x" if base and r["extract_s"] else "")
        ing_up = f"{base['ingest_s'] / r['ingest_s']:8.2f}x" if base else ""
        vs_local = f"{local / r['ingest_s']:8.2f}x" if local else ""
        print(f"{name:<20} {r['startup_s']:8.1f} {ext:>18} {ext_up:>9} {r['ingest_s']:9.2f} "
              f"{n / r['ingest_s']:7.1f} {ing_up:>9} {vs_local:>9}")
    print()
    print(f"same facts stored by every run: {'yes' if len(facts) == 1 else 'NO'}; "
          f"same rounds: {'yes' if len(signatures) == 1 else 'NO'}")
    if base and local_extract:
        overhead_ms = (base["extract_s"] - local_extract) / n * 1000
        print(f"scheduler overhead: {overhead_ms:+.1f} ms per article (1 Dask worker against local extraction)")
    if any(r["workers"] > cores for r in rows):
        print(f"! more workers than the {cores} usable CPUs: no speed-up expected")
    (OUT / "dask_scaling.json").write_text(json.dumps({"n": n, "chunk": chunk, "cores": cores, "rows": rows},
                                                      indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
