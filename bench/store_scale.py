"""A store of many articles: its build, and an ingest of a few new articles into it.

``python bench/store_scale.py [--n 100000] [--new 5] [--repeat 3]``

1. **Build**: ``analysis.ingest.ingest`` of a synthetic corpus of ``--n`` articles
   (``bench/make_corpus.py``, made once under ``bench/corpus/N``) into a fresh store
   ``bench/out/store_N.duckdb`` (kept, and reused unless ``--rebuild``), as one process: its
   wall time and peak RSS (``ru_maxrss``). On a 2-core machine the NLP of 100,000 articles
   takes hours; ``--facts-from STORE --copies K`` builds the store instead from the facts the
   real pipeline extracted into STORE (its articles), each copy under new company names (the
   first word of every company name gets the copy's number: "Nynoo Energy" -> "Nynoo7
   Energy") and new article ids, stored through ``analysis.ingest.ingest_facts``: the same
   pipeline, policy, writer and history, without the NLP.
2. **A few new articles**: ``--new`` articles of another seed (texts the store does not hold),
   ingested by ``python -m analysis ingest`` into a copy of the big store and into an empty
   store, alternately, ``--repeat`` times each, every run a new process on a fresh copy: wall
   time of the process and of the ingest call, and peak RSS. The ratio big / empty is the
   figure: the cost of an ingest should follow the batch, not the history.

Prints a table and writes ``bench/out/store_scale.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
#: Seed of the new articles (the big corpus uses make_corpus's default seed, 7).
NEW_SEED = 8

CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from analysis.ingest import ingest
loaded = time.perf_counter()
report = ingest(sys.argv[2:], db=sys.argv[1])
done = time.perf_counter()
print(json.dumps({"ingest_s": done - loaded, "process_s": done - started, "ingested": report.ingested,
                  "failed": len(report.failed), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_FACTS = """
import hashlib, json, resource, sys, time
import duckdb
from analysis.ingest import ingest_facts
from analysis.model import facts_from_json
started = time.perf_counter()
source, copies, db = sys.argv[2], int(sys.argv[3]), sys.argv[1]
with duckdb.connect(source, read_only=True) as con:
    texts = [r[0] for r in con.execute("SELECT CAST(facts AS VARCHAR) FROM article_facts ORDER BY article_id").fetchall()]

def renamed(value, k):
    if isinstance(value, dict):
        return {key: (rename(v, k) if key == "company" and isinstance(v, str) else renamed(v, k))
                for key, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, k) for v in value]
    return value

def rename(name, k):
    first, _, rest = name.partition(" ")
    return f"{first}{k} {rest}".strip() if k else name

def facts():
    for k in range(copies):
        for text in texts:
            data = renamed(json.loads(text), k)
            data["article_id"] = hashlib.sha256(f"{data['article_id']}:{k}".encode()).hexdigest()[:len(data["article_id"])]
            data["file"] = f"copy{k}/{data['file']}"
            yield facts_from_json(data)

report = ingest_facts(facts(), db, batch_size=500)
done = time.perf_counter()
print(json.dumps({"ingest_s": done - started, "process_s": done - started, "ingested": report.ingested,
                  "failed": len(report.failed), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def corpus(n: int, seed: int, name: str) -> Path:
    folder = ROOT / "bench" / "corpus" / name
    if not (folder / "manifest.csv").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(n), "--out", str(folder),
                        "--seed", str(seed)], check=True, cwd=ROOT)
    return folder


def child(db: Path, paths: list[Any], code: str = CHILD) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(db), *map(str, paths)], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles in the big store (default 100,000)")
    parser.add_argument("--new", type=int, default=5, help="new articles ingested into it (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each small ingest (default 3)")
    parser.add_argument("--rebuild", action="store_true", help="build the big store again")
    parser.add_argument("--facts-from", type=Path, default=None,
                        help="build from the facts extracted into this store, copied --copies times")
    parser.add_argument("--copies", type=int, default=50, help="copies of --facts-from (default 50)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    big = OUT / f"store_{args.n}.duckdb"
    results: dict[str, Any] = {"n": args.n, "new": args.new}
    if args.rebuild or not big.exists():
        big.unlink(missing_ok=True)
        print(f"building the {args.n:,}-article store ...", file=sys.stderr, flush=True)
        if args.facts_from:
            results["build"] = child(big, [args.facts_from, args.copies], CHILD_FACTS)
            results["build"]["from"] = f"{args.facts_from.name} x {args.copies}"
        else:
            results["build"] = child(big, [corpus(args.n, 7, str(args.n))])
        print(f"  built in {results['build']['wall_s']:.0f} s, peak RSS {results['build']['peak_rss_mb']:.0f} MB",
              file=sys.stderr)
    new = corpus(args.new, NEW_SEED, f"new_{args.new}_seed{NEW_SEED}")
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "big": []}
    work = OUT / "store_scale_work"
    for _ in range(args.repeat):
        for kind in ("empty", "big"):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            db = work / "store.duckdb"
            if kind == "big":
                shutil.copy(big, db)
            runs[kind].append(child(db, [new]))
            assert runs[kind][-1]["ingested"] == args.new, runs[kind][-1]
    shutil.rmtree(work, ignore_errors=True)
    for kind, measured in runs.items():
        results[kind] = {key: statistics.median(r[key] for r in measured)
                         for key in ("wall_s", "ingest_s", "peak_rss_mb")}
    results["ratio_wall"] = results["big"]["wall_s"] / results["empty"]["wall_s"]
    results["ratio_ingest"] = results["big"]["ingest_s"] / results["empty"]["ingest_s"]
    (OUT / "store_scale.json").write_text(json.dumps(results, indent=2))
    if "build" in results:
        print(f"build of {args.n:,} articles: {results['build']['wall_s']:.0f} s, "
              f"peak RSS {results['build']['peak_rss_mb']:.0f} MB (target <= 1,200 MB)")
    print(f"{args.new} new articles (median of {args.repeat}, each a new process):")
    for kind in ("empty", "big"):
        r = results[kind]
        print(f"  into {'an empty store' if kind == 'empty' else f'the {args.n:,}-article store':28s} "
              f"process {r['wall_s']:6.2f} s, ingest call {r['ingest_s']:6.2f} s, peak RSS {r['peak_rss_mb']:5.0f} MB")
    print(f"  ratio big / empty: process {results['ratio_wall']:.2f}x, ingest call {results['ratio_ingest']:.2f}x "
          "(target <= 1.3x, peak RSS <= 700 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
