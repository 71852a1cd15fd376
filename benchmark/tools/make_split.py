"""Freeze the benchmark's dev/test split: two thirds dev, one third test, stratified by language
and article kind, with the SHA-256 of every text recorded so that a changed test text is caught.

    python benchmark/tools/make_split.py            # refuses to overwrite an existing split.csv

Run once, when the articles and their gold are written; never again for the same articles.
"""

from __future__ import annotations

import csv
import hashlib
import random
import sys
from collections import defaultdict
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1]
#: Share of each (language, kind) stratum that goes to the test split.
TEST_SHARE = 1 / 3
#: The seed of the one shuffle that drew the split (fixed, so the draw can be checked).
SPLIT_SEED = 20261130


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    out = BENCHMARK / "split.csv"
    if out.exists() and "--force" not in sys.argv:
        print(f"{out} exists: the split is frozen (use --force only before anyone has read a test text)")
        return 1
    with (BENCHMARK / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        strata[(row["language"], row["kind"])].append(row["file"])
    rng = random.Random(SPLIT_SEED)
    split: dict[str, str] = {}
    for key in sorted(strata):
        files = sorted(strata[key])
        rng.shuffle(files)
        n_test = round(len(files) * TEST_SHARE)
        for k, file in enumerate(files):
            split[file] = "test" if k < n_test else "dev"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "split", "sha256"])
        for file in sorted(split):
            writer.writerow([file, split[file], sha256(BENCHMARK / "articles" / file)])
    counts = {s: sum(v == s for v in split.values()) for s in ("dev", "test")}
    print(f"wrote {out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
