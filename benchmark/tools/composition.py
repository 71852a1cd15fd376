"""What the benchmark holds: counts by language, kind, publisher, year, country and phenomenon,
read from manifest.csv, gold.jsonl and split.csv.

    python benchmark/tools/composition.py [--write]   # --write: into benchmark/README.md's markers
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1]
START, END = "<!-- composition:start -->", "<!-- composition:end -->"


def _line(counter: Counter[str]) -> str:
    return ", ".join(f"{key or 'unknown'} {n}" for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def composition() -> str:
    with (BENCHMARK / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (BENCHMARK / "split.csv").open(encoding="utf-8", newline="") as handle:
        split = {row["file"]: row["split"] for row in csv.DictReader(handle)}
    gold = [json.loads(line) for line in (BENCHMARK / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    own = [g for g in gold if g["company"]]
    phenomena = {
        "explicit pre- or post-money valuation": sum(
            any(r["valuation_basis"] for r in g["rounds"]) or any(v["basis"] for v in g["valuations"]) for g in gold),
        "the company's earlier rounds recalled": sum(
            sum(r["company"] == g["company"] for r in g["rounds"]) >= 2 for g in own),
        "another company's round or valuation in passing": sum(
            any(f["company"] != g["company"] for f in g["rounds"] + g["valuations"]) for g in own),
        "a reported (rumoured, planned, in talks) round": sum(
            any(r["status"] == "reported" for r in g["rounds"]) for g in gold),
        "a range": sum(any(r["qualifier"] == "range" for r in g["rounds"]) for g in gold),
        "a round restated in another currency": sum(any(r["amount_alternatives"] for r in g["rounds"]) for g in gold),
        "a round without amount": sum(any(r["amount"] is None for r in g["rounds"]) for g in gold),
        "one investor's ticket or stake": sum(any(r["investments"] for r in g["rounds"]) for g in gold),
        "distractors (totals, market figures, fund closes...)": sum(bool(g["distractors"]) for g in gold),
    }
    years = Counter(row["published"][:4] for row in rows)
    sectors = Counter(row["sector"].casefold() for row in rows)
    lines = [
        f"- **{len(rows)} articles**: {_line(Counter(r['language'] for r in rows))}; "
        f"split {_line(Counter(split.values()))}.",
        f"- **Kinds**: {_line(Counter(r['kind'] for r in rows))}.",
        f"- **Publishers**: {len({r['publisher'].casefold() for r in rows})}, at most "
        f"{Counter(r['publisher'].casefold() for r in rows).most_common(1)[0][1]} articles from one.",
        f"- **Years** (publication; unknown where the page does not say): {_line(years)}.",
        f"- **Countries** of the main company ({len({r['country'] for r in rows})}): "
        f"{_line(Counter(r['country'] for r in rows))}.",
        f"- **Sectors**: {len(sectors)} distinct ("
        + ", ".join(f"{name} {n}" for name, n in sectors.most_common(8)) + ", ...).",
        f"- **Facts**: {sum(len(g['rounds']) for g in gold)} rounds, {sum(len(g['valuations']) for g in gold)} "
        f"valuations outside a round, {sum(len(g['distractors']) for g in gold)} distractors.",
        "- **Articles holding**: " + "; ".join(f"{name} {n}" for name, n in phenomena.items()) + ".",
    ]
    return "\n".join(lines)


def main() -> int:
    block = composition()
    print(block)
    if "--write" in sys.argv:
        path = BENCHMARK / "README.md"
        text = path.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        path.write_text(f"{head}{START}\n{block}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
