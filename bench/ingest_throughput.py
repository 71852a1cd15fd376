"""Ingest throughput: Levée's extraction and ingest against the bare spaCy pipeline.

``python bench/ingest_throughput.py [--n 200] [--profile]``

On the same texts (``seeds/`` + ``/work/shared/corpus`` + N synthetic articles from
``bench/make_corpus.py``), each phase timed once, models loaded before any timing:

a. tokenizer only: ``nlp.make_doc`` of ``fr_core_news_md`` (the ceiling of any spaCy pipeline);
b. bare pipeline: ``spacy.load("fr_core_news_md")`` and ``nlp.pipe`` over the whole texts;
c. Levée extraction: ``analysis.extract.extract_articles`` over the articles as read;
d. Levée ingest into a fresh DuckDB store (``analysis.store.ingest``: reading, extraction,
   writing, derived tables);
e. re-ingest of the unchanged corpus into the same store.

Prints articles/s and tokens/s per phase, the ratios extraction / bare pipeline (target
>= 4x) and re-ingest / first ingest (target >= 50x), and the F1 of the extraction of phase
(c) on the seeds gold, the shared corpus gold and the synthetic gold, plus a check that
the store holds the facts of phase (c). ``--profile`` adds a cProfile of the extraction
(the top functions by cumulative and own time). Figures go to
``bench/out/ingest_throughput.json`` too. No figure is asserted: this reports.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
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

SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "tests" / "gold" / "seeds_gold.jsonl"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # ../shared beside the project
OUT = ROOT / "bench" / "out"
TOK, BARE, EXT = "a. tokenizer only (make_doc)", "b. bare fr_core_news_md nlp.pipe", "c. Levée extraction"
ING, RE = "d. Levée ingest, fresh store", "e. re-ingest, unchanged corpus"
F1_FIELDS = ("rounds", "amount", "valuation", "lead_investors", "investors", "round_label", "status", "date")


def read(paths: list[Path]) -> list[Any]:
    from analysis.corpus import iter_articles
    from analysis.model import ReadProblem

    articles = []
    for item in iter_articles(paths):
        if isinstance(item, ReadProblem):
            print(f"warning: {item}", file=sys.stderr)
        else:
            articles.append(item)
    return articles


CPU: dict[str, float] = {}  # phase -> CPU seconds of this process (less sensitive to a busy machine)


def timed(label: str, fn: Any, repeat: int = 1, setup: Any = None) -> tuple[float, Any]:
    """Wall seconds of ``fn()`` (the best of ``repeat`` runs, ``setup()`` before each) and its
    last result; the CPU seconds of the best run go to ``CPU[label]``."""
    print(f"  {label} ...", file=sys.stderr, flush=True)
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        if setup is not None:
            setup()
        cpu, start = time.process_time(), time.perf_counter()
        result = fn()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        if wall < best:
            best, CPU[label] = wall, cpu
    return best, result


def f1_table(predictions: list[dict[str, Any]], golds: dict[str, Path]) -> list[tuple[str, Any]]:
    from analysis.evaluate import evaluate, load_gold

    out = []
    for name, path in golds.items():
        if path.is_file():
            out.append((name, evaluate(predictions, load_gold(path))))
    return out


def facts_key(facts: dict[str, Any]) -> str:
    return json.dumps({k: facts.get(k) for k in ("article_id", "rounds", "valuations", "company")},
                      sort_keys=True, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="synthetic articles (default 200)")
    parser.add_argument("--profile", action="store_true", help="cProfile the extraction phase")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each phase R times and keep the best (a busy machine); default once")
    args = parser.parse_args(argv)

    import spacy

    from analysis import store
    from analysis.extract import extract_articles
    from analysis.nlp import FRENCH_MODEL, load_pipeline

    synthetic = ensure_corpus(args.n, args.seed)
    paths = [SEEDS] + ([SHARED] if SHARED.is_dir() else []) + [synthetic]
    articles = read(paths)
    texts = [a.text for a in articles]
    n = len(articles)

    # -- models and one-time caches, before any timing
    bare = spacy.load(FRENCH_MODEL)
    load_pipeline("fr")
    load_pipeline("en")
    warm = read([ensure_corpus(20, args.seed + 1)])
    list(extract_articles(warm))
    list(bare.pipe([w.text for w in warm]))

    print(f"timing {n} articles ({args.n} synthetic) ...", file=sys.stderr)
    r = args.repeat
    t_tok, docs = timed(TOK, lambda: [bare.make_doc(t) for t in texts], r)
    tokens = sum(len(d) for d in docs)
    del docs
    t_bare, n_docs = timed(BARE, lambda: sum(1 for _ in bare.pipe(texts)), r)
    assert n_docs == n
    t_ext, facts = timed(EXT, lambda: list(extract_articles(articles)), r)
    predictions = [f.to_json() for f in facts]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        stores = iter(Path(tmp) / f"throughput{i}.duckdb" for i in range(r))
        db = Path(tmp) / "none"

        def fresh() -> None:
            nonlocal db
            db = next(stores)

        t_ing, first = timed(ING, lambda: ingest(paths, db=db), r, setup=fresh)
        t_re, again = timed(RE, lambda: ingest(paths, db=db), r)
        stored = {facts_key(f.to_json()) for f in store.stored_facts(db)}
    same_as_stored = sum(facts_key(p) in stored for p in predictions)

    rows = [(label, seconds, CPU[label]) for label, seconds in
            ((TOK, t_tok), (BARE, t_bare), (EXT, t_ext), (ING, t_ing), (RE, t_re))]
    print()
    print(f"Ingest throughput: {n} articles ({args.n} synthetic + seeds + shared corpus), {tokens:,} tokens, "
          f"{sum(len(t) for t in texts):,} characters; Python {platform.python_version()}, spaCy {spacy.__version__}, "
          f"{'best of ' + str(r) if r > 1 else 'one run'} per phase, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"{'phase':<36} {'wall s':>8} {'articles/s':>11} {'tokens/s':>10} {'vs bare':>8} {'CPU s':>8} {'vs bare':>8}")
    for label, seconds, cpu in rows:
        print(f"{label:<36} {seconds:8.3f} {n / seconds:11.1f} {tokens / seconds:10,.0f} {t_bare / seconds:7.2f}x"
              f" {cpu:8.3f} {CPU[BARE] / cpu if cpu else float('inf'):7.2f}x")
    print()
    ratio_ext, ratio_ext_cpu = t_bare / t_ext, CPU[BARE] / CPU[EXT]
    ratio_re = t_ing / t_re
    print(f"extraction / bare pipeline (articles/s): {ratio_ext:6.2f}x wall, {ratio_ext_cpu:6.2f}x CPU   target >= 4x   "
          f"{'MET' if ratio_ext >= 4 else 'BELOW TARGET'}")
    print(f"re-ingest / first ingest   (articles/s): {ratio_re:6.2f}x wall                target >= 50x  "
          f"{'MET' if ratio_re >= 50 else 'BELOW TARGET'}")
    print(f"ingest reports: first {first.summary()}; again {again.summary()}")
    print(f"stored facts equal to phase (c) facts: {same_as_stored}/{n}")
    print()
    results = f1_table(predictions, {"seeds": SEEDS_GOLD, "shared corpus": SHARED / "gold.jsonl",
                                     f"synthetic {args.n}": synthetic / "gold.jsonl"})
    print("F1 of the extraction timed above (phase c):")
    print(f"{'gold':<16} {'articles':>8} " + " ".join(f"{f[:10]:>10}" for f in F1_FIELDS) + f" {'leaks':>6}")
    f1_json = {}
    for name, report in results:
        print(f"{name:<16} {report.articles:>8} "
              + " ".join(f"{report.fields[f].f1:10.3f}" for f in F1_FIELDS) + f" {report.distractor_leaks:>6}")
        f1_json[name] = {f: round(report.fields[f].f1, 4) for f in F1_FIELDS} | {"leaks": report.distractor_leaks}

    (OUT / "ingest_throughput.json").write_text(json.dumps({
        "articles": n, "synthetic": args.n, "tokens": tokens,
        "seconds": {label: round(s, 4) for label, s, _ in rows},
        "cpu_seconds": {label: round(c, 4) for label, _, c in rows},
        "extraction_vs_bare": round(ratio_ext, 3), "extraction_vs_bare_cpu": round(ratio_ext_cpu, 3), "reingest_vs_ingest": round(ratio_re, 2),
        "stored_equal": same_as_stored, "f1": f1_json,
    }, indent=2, ensure_ascii=False) + "\n")

    if args.profile:  # a second, untimed extraction under cProfile
        profiler = cProfile.Profile()
        profiler.runcall(lambda: list(extract_articles(articles)))
        for order in ("cumulative", "tottime"):
            buffer = io.StringIO()
            pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(order).print_stats(30)
            print(f"\ncProfile of the extraction, top 30 by {order}:")
            print("\n".join(buffer.getvalue().splitlines()[4:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
