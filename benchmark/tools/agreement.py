"""Agreement between two independent gold readings of the same articles, field by field.

    python benchmark/tools/agreement.py benchmark/gold.jsonl benchmark/second_reading.jsonl

The second reading is scored as if it were predictions against the first (``analysis.evaluate``):
F1 is symmetric, so it is the agreement of the two readers on each field.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from analysis.evaluate import COMPANY_FIELDS, evaluate, gold_round_date, load_gold, read_published

FIELDS = (*COMPANY_FIELDS, "rounds", "amount", "amount_alternatives", "valuation", "valuation_basis",
          "lead_investors", "investors", "investments", "round_label", "status")


def _with_dates(line: dict, published: dict) -> dict:
    """A second-reading line as the evaluator reads predictions: its publication date, and each
    round's ``date_text`` resolved the way the first reading's is."""
    when = published.get(line["file"], (None, None))
    rounds = []
    for r in line["rounds"]:
        date = gold_round_date(r, line["language"], when)
        rounds.append({**r, "date": date[0] if date else None, "date_precision": date[1] if date else None})
    return {**line, "rounds": rounds, "published": when[0].isoformat() if when[0] else None,
            "published_precision": when[1]}


def main(first_path: str, second_path: str) -> int:
    published = read_published(Path(first_path).parent / "manifest.csv")
    second = [_with_dates(line, published) for line in load_gold(second_path)]
    files = {line["file"] for line in second}
    first = [line for line in load_gold(first_path) if line["file"] in files]
    report = evaluate(second, first)
    print(f"{report.articles} articles read twice")
    print("| field | agreement (F1) | both | first only | second only |")
    print("|---|---|---|---|---|")
    for name in FIELDS:
        s = report.fields[name]
        print(f"| {name} | {s.f1:.3f} | {s.tp} | {s.fn} | {s.fp} |")
    acc = report.status_accuracy
    print(f"| status (matched rounds, accuracy) | {'n/a' if acc is None else f'{acc:.3f}'} | "
          f"{report.status_correct} | | |")
    companies = sum(1 for a in first for b in second
                    if a["file"] == b["file"] and (a["company"] or "") .casefold() == (b["company"] or "").casefold())
    print(f"| article company | {companies / len(first):.3f} | {companies} | | |")
    if "--disagreements" in sys.argv:
        for miss in report.misses:
            side = "first only" if miss.kind == "FN" else "second only"
            print(f"{miss.file}\t{miss.field}\t{side}\t{miss.detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
