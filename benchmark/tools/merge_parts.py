"""Merge the helpers' parts (``work/manifest_*.csv``, ``work/gold_*.jsonl``) into
``manifest.csv`` and ``gold.jsonl``, sorted by file, keeping only articles that have both a
manifest row, a gold line and a text.

    python benchmark/tools/merge_parts.py            # benchmark/work/ -> benchmark/
    python benchmark/tools/merge_parts.py fresh2     # benchmark/fresh2/work/ -> benchmark/fresh2/
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1]
COLUMNS = ["file", "publisher", "title", "url", "published", "published_precision", "language", "kind",
           "country", "sector", "phenomena"]


def main(argv: list[str]) -> int:
    folder = BENCHMARK / argv[0] if argv else BENCHMARK
    rows: dict[str, dict[str, str]] = {}
    for part in sorted((folder / "work").glob("manifest_*.csv")):
        with part.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row["file"].strip()] = {c: (row.get(c) or "").strip() for c in COLUMNS}
    gold: dict[str, dict] = {}
    for part in sorted((folder / "work").glob("gold_*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                gold[item["file"]] = item
    texts = {p.name for p in (folder / "articles").glob("*.txt")}
    files = sorted(set(rows) & set(gold) & texts)
    for name, have in (("manifest row", set(rows)), ("gold line", set(gold)), ("text", texts)):
        lacking = sorted((set(rows) | set(gold) | texts) - have)
        if lacking:
            print(f"left out, no {name}: {', '.join(lacking)}")
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for file in files:
            writer.writerow(rows[file])
    with (folder / "gold.jsonl").open("w", encoding="utf-8") as handle:
        for file in files:
            handle.write(json.dumps(gold[file], ensure_ascii=False) + "\n")
    print(f"merged {len(files)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
