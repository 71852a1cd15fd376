"""The command-line interface: ``python -m analysis COMMAND``.

Each command parses its arguments here and calls the module that does the work; no
extraction or storage logic lives in this file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path


def _cmd_extract(args: argparse.Namespace) -> int:
    from analysis.corpus import iter_articles
    from analysis.extract import extract_articles
    from analysis.model import Article, ReadProblem

    problems: list[ReadProblem] = []

    def good_articles() -> Iterator[Article]:
        for item in iter_articles(args.paths, manifest=args.manifest):
            if isinstance(item, ReadProblem):
                problems.append(item)
                print(f"error: {item}", file=sys.stderr)
            else:
                yield item

    for facts in extract_articles(good_articles()):
        sys.stdout.write(json.dumps(facts.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 1 if problems else 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import evaluate, format_report, load_gold, load_predictions

    if bool(args.paths) == bool(args.predictions):
        print("error: give either article PATHs or --predictions FILE.jsonl", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    if args.predictions:
        predictions = load_predictions(args.predictions)
    else:
        from analysis.corpus import iter_articles
        from analysis.extract import extract_articles
        from analysis.model import Article, ReadProblem

        def good_articles() -> Iterator[Article]:
            for item in iter_articles(args.paths, manifest=args.manifest):
                if isinstance(item, ReadProblem):
                    print(f"error: {item}", file=sys.stderr)
                else:
                    yield item

        predictions = [facts.to_json() for facts in extract_articles(good_articles())]
    report = evaluate(predictions, gold)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, verbose=args.verbose) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print one JSON line of funding facts per article")
    extract.add_argument("paths", nargs="+", type=Path, help="article files or folders")
    extract.add_argument("--manifest", type=Path, default=None, help="manifest CSV with article metadata")
    extract.add_argument("--format", choices=["jsonl"], default="jsonl")
    extract.set_defaults(handler=_cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score extraction against a gold JSONL file")
    evaluate.add_argument("gold", type=Path, help="gold JSONL (one line per article)")
    evaluate.add_argument("paths", nargs="*", type=Path, help="article files or folders to extract and score")
    evaluate.add_argument("--manifest", type=Path, default=None, help="manifest CSV with article metadata")
    evaluate.add_argument("--predictions", type=Path, default=None, help="JSONL output of extract to score")
    evaluate.add_argument("--verbose", action="store_true", help="list the misses of each article")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(handler=_cmd_evaluate)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
