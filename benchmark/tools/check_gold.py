"""Check gold lines against their articles: the schema of GOLD_POLICY.md, every evidence and
distractor text verbatim in its article, every money figure the money parser reads accounted for.

    python benchmark/tools/check_gold.py benchmark/gold.jsonl [--articles benchmark/articles]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from analysis.gold import GoldError, load_gold, missing_evidence, unaccounted_money


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--articles", type=Path, default=Path(__file__).resolve().parents[1] / "articles")
    args = parser.parse_args()
    try:
        articles = load_gold(args.gold)
    except GoldError as exc:
        print(f"SCHEMA: {exc}")
        return 1
    problems = 0
    for article in articles:
        path = args.articles / article["file"]
        if not path.is_file():
            print(f"{article['file']}: no such article in {args.articles}")
            problems += 1
            continue
        text = path.read_text(encoding="utf-8")
        for quote in missing_evidence(article, text):
            print(f"{article['file']}: not verbatim in the article: {quote[:120]!r}")
            problems += 1
        for m in unaccounted_money(article, text):
            print(f"{article['file']}: money figure not accounted for: {m.text!r} at {m.start} "
                  f"(= {m.value:g} {m.currency}); add it as a fact or a distractor {{text, why}}")
            problems += 1
    print(f"{len(articles)} articles checked, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
