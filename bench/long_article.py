"""One long article: time and peak memory of ``python -m analysis extract`` as the article grows.

``python bench/long_article.py [--sizes 0.25 0.5 1 2] [--shape paragraph|sentences]``

For each size (in MB) a French article is written to ``bench/corpus/long/``: either one single
paragraph without full stops, a funding figure in every clause (``paragraph``: a scraped page, a data
dump; the model must see it, cut at its clauses) or short funding
sentences (``sentences``). Each is extracted by its own process; the wall time and the peak
resident memory of that process (``resource.getrusage`` of the child) are printed with the
seconds per MB, so a growth faster than linear shows as a rising column. The issue's target: a
10 MB article within 700 MB, time linear in length. No figure is asserted: this reports.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
#: One clause of the long paragraph, and one funding sentence: text of our own.
CLAUSE = ("la société Norvane recrute des ingénieurs à Lyon, lève 5 millions d'euros auprès de Garance Capital, "
          "ouvre un bureau à Lille, ")
SENTENCE = "Norvane lève 5 millions d'euros auprès de Garance Capital et de Pivoine Ventures. "


def write(folder: Path, megabytes: float, shape: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    unit = CLAUSE if shape == "paragraph" else SENTENCE
    count = max(1, int(megabytes * 1_000_000 / len(unit.encode("utf-8"))))
    path = folder / f"{shape}_{megabytes:g}mb.txt"
    path.write_text(unit * count, encoding="utf-8")
    return path


def _cpu_seconds(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run(path: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one extract process. The CPU
    seconds do not count time spent waiting for a core, so they show the growth even on a busy
    machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(path)], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = _cpu_seconds(after) - _cpu_seconds(before)
    return seconds, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--shape", choices=["paragraph", "sentences"], default="sentences")
    args = parser.parse_args(argv)
    rows = []
    print(f"{'MB':>6} {'seconds':>8} {'s/MB':>7} {'CPU s':>8} {'CPU s/MB':>9} {'peak RSS MB':>12} {'exit':>5}"
          f"   ({args.shape})")
    for size in sorted(args.sizes):
        seconds, cpu, peak, code = run(write(ROOT / "bench" / "corpus" / "long", size, args.shape))
        rows.append({"mb": size, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak, "exit": code})
        print(f"{size:>6g} {seconds:>8.1f} {seconds / size:>7.1f} {cpu:>8.1f} {cpu / size:>9.1f} {peak:>12.0f} {code:>5}",
              flush=True)
    print("(peak RSS is the largest of the children so far: sizes run in increasing order)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"long_article_{args.shape}.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
