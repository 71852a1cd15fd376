"""Generate the "Measured quality" tables of README.md (and the test scores of
benchmark/README.md) by running ``python -m analysis evaluate`` on every gold set.

    python benchmark/tools/quality_table.py            # print the tables
    python benchmark/tools/quality_table.py --write    # and write them between the README markers

Nothing in these tables is typed by hand: each figure comes from the evaluator's JSON.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"  # ../shared beside the project
START, END = "<!-- quality:start -->", "<!-- quality:end -->"

#: (column, gold, articles, manifest, split)
SETS = (
    ("seeds", ROOT / "tests/gold/seeds_gold.jsonl", ROOT / "seeds", ROOT / "seeds/manifest.csv", None),
    ("../shared/corpus", SHARED / "gold.jsonl", SHARED, SHARED / "manifest.csv", None),
    ("benchmark dev", ROOT / "benchmark/gold.jsonl", ROOT / "benchmark/articles",
     ROOT / "benchmark/manifest.csv", "dev"),
    ("benchmark test", ROOT / "benchmark/gold.jsonl", ROOT / "benchmark/articles",
     ROOT / "benchmark/manifest.csv", "test"),
)
COMPANY_ROWS = ("round", "company_valuation", "round_leads", "round_investors", "matched_round_label",
                "matched_round_date")
ARTICLE_ROWS = ("rounds", "amount", "valuation", "valuation_basis", "lead_investors", "investors",
                "investments", "round_label", "status")


def run(gold: Path, articles: Path, manifest: Path, split: str | None) -> dict[str, Any]:
    command = [sys.executable, "-m", "analysis", "evaluate", str(gold), str(articles), "--manifest",
               str(manifest), "--json"]
    if split:
        command += ["--split", split]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _f1(report: dict[str, Any], name: str) -> str:
    score = report["fields"][name]
    if score["tp"] + score["fp"] + score["fn"] == 0:
        return "n/a"
    return f"{score['f1']:.3f}"


def _status(report: dict[str, Any]) -> str:
    return "n/a" if report["status_accuracy"] is None else f"{report['status_accuracy']:.3f}"


def tables(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    head = "| field | " + " | ".join(f"{n} ({results[n]['articles']})" for n in names) + " |"
    rule = "|---|" + "---|" * len(names)
    lines = ["F1 per field; company-aware rows count a fact only with its company (`python -m analysis "
             "evaluate`, see `analysis/evaluate.py`).", "", head, rule]
    for name in COMPANY_ROWS:
        lines.append(f"| **{name}** | " + " | ".join(_f1(results[n], name) for n in names) + " |")
    lines.append("| **round status (accuracy)** | " + " | ".join(_status(results[n]) for n in names) + " |")
    lines.append("| distractor leaks (count) | " + " | ".join(str(results[n]["distractor_leaks"])
                                                          for n in names) + " |")
    for name in ARTICLE_ROWS:
        lines.append(f"| {name} (per article) | " + " | ".join(_f1(results[n], name) for n in names) + " |")
    lines += ["", "Per language (company-aware F1):", ""]
    groups = [(n, lang) for n in names for lang in sorted(results[n]["by_language"])]
    lines.append("| field | " + " | ".join(f"{n} {lang} ({results[n]['by_language'][lang]['articles']})"
                                            for n, lang in groups) + " |")
    lines.append("|---|" + "---|" * len(groups))
    for name in ("round", "company_valuation", "round_leads", "round_investors"):
        lines.append(f"| {name} | " + " | ".join(_f1(results[n]["by_language"][lang], name)
                                                 for n, lang in groups) + " |")
    lines.append("| round status (accuracy) | " + " | ".join(_status(results[n]["by_language"][lang])
                                                           for n, lang in groups) + " |")
    for n in names:
        if results[n].get("by_kind"):
            kinds = sorted(results[n]["by_kind"])
            lines += ["", f"{n}, per article kind (company-aware F1):", "",
                      "| field | " + " | ".join(f"{k} ({results[n]['by_kind'][k]['articles']})" for k in kinds)
                      + " |", "|---|" + "---|" * len(kinds)]
            for name in ("round", "company_valuation", "round_leads", "round_investors"):
                lines.append(f"| {name} | " + " | ".join(_f1(results[n]["by_kind"][k], name) for k in kinds)
                             + " |")
            lines.append("| distractor leaks | " + " | ".join(str(results[n]["by_kind"][k]["distractor_leaks"])
                                                              for k in kinds) + " |")
    return "\n".join(lines)


def write(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{path}: no {START} ... {END} markers to write between")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    path.write_text(pattern.sub(lambda _: f"{START}\n{block}\n{END}", text), encoding="utf-8")


def main() -> int:
    results = {}
    for name, gold, articles, manifest, split in SETS:
        if gold.exists():
            results[name] = run(gold, articles, manifest, split)
    block = tables(results)
    print(block)
    if "--write" in sys.argv:
        write(ROOT / "README.md", block)
        bench = {k: v for k, v in results.items() if k.startswith("benchmark")}
        if bench:
            write(ROOT / "benchmark" / "README.md", tables(bench))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
