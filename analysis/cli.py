"""The command-line interface: ``python -m analysis COMMAND``.

Each command parses its arguments here and calls the module that does the work; no
extraction or storage logic lives in this file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


def _cmd_extract(args: argparse.Namespace) -> int:
    from analysis.corpus import iter_articles
    from analysis.extract import extract_articles
    from analysis.model import Article, ReadProblem

    problems: list[ReadProblem] = []
    authors: deque[tuple[str, str | None]] = deque()  # (article id, author) of the articles handed over

    def good_articles() -> Iterator[Article]:
        for item in iter_articles(args.paths, manifest=args.manifest):
            if isinstance(item, ReadProblem):
                problems.append(item)
                print(f"error: {item}", file=sys.stderr)
            else:
                authors.append((item.article_id, item.meta.author))
                yield item

    failed = 0
    for facts in extract_articles(good_articles()):
        # the facts come back in the order of the articles; the author is the article's metadata
        article_id, author = authors.popleft() if authors else (None, None)
        if facts.author is None and article_id == facts.article_id:
            facts.author = author
        sys.stdout.write(json.dumps(facts.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        for error in facts.errors:
            failed += 1
            print(f"error: {facts.file}: {error}", file=sys.stderr)
    return 1 if problems or failed else 0


def _holds_test_split(split_file: Path) -> bool:
    """Whether a split file beside the gold assigns articles to the held-out test split."""
    from analysis.evaluate import GoldError, read_split

    if not split_file.is_file():
        return False
    try:
        return bool(read_split(split_file, "test"))
    except GoldError:
        return False


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import (
        GoldError,
        evaluate,
        format_report,
        load_gold,
        load_predictions,
        read_kinds,
        read_split,
    )

    if bool(args.paths) == bool(args.predictions):
        print("error: give either article PATHs or --predictions FILE.jsonl", file=sys.stderr)
        return 2
    if args.split == "test" and (args.errors or args.verbose):
        print("error: the test split gives figures only; its errors are never shown, so that no rule is "
              "written from a test article (use --split dev --errors)", file=sys.stderr)
        return 2
    split_file = args.split_file or args.gold.parent / "split.csv"
    if args.split is None and (args.errors or args.verbose) and _holds_test_split(split_file):
        print(f"error: {split_file} holds a test split, whose errors are never shown, so that no rule is written "
              "from a test article (use --split dev --errors)", file=sys.stderr)
        return 2
    try:
        gold = load_gold(args.gold)
        kinds = (read_kinds(args.manifest) or None) if args.manifest else None
        if args.split:
            chosen = read_split(split_file, args.split)
            gold = [line for line in gold if Path(line["file"]).name in chosen]
        if args.predictions:
            wanted = {Path(line["file"]).name for line in gold} if args.split else None
            predictions = [p for p in load_predictions(args.predictions)
                           if wanted is None or Path(str(p.get("file"))).name in wanted]
    except (GoldError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not args.predictions:
        from analysis.corpus import iter_articles
        from analysis.extract import extract_articles
        from analysis.model import Article, ReadProblem

        wanted = {Path(line["file"]).name for line in gold}

        def good_articles() -> Iterator[Article]:
            for item in iter_articles(args.paths, manifest=args.manifest):
                if isinstance(item, ReadProblem):
                    print(f"error: {item}", file=sys.stderr)
                elif Path(item.file).name in wanted:
                    yield item

        predictions = [facts.to_json() for facts in extract_articles(good_articles())]
    report = evaluate(predictions, gold, kinds=kinds)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, verbose=args.verbose, errors=args.errors) + "\n")
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from contextlib import ExitStack

    from analysis.ingest import ingest, terminal_progress
    from analysis.store import StoreError

    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        with ExitStack() as stack:
            on_progress = None
            if not args.no_progress:
                on_progress, close = terminal_progress(f"ingest ({args.engine})")
                stack.callback(close)
            extractor = None
            if args.engine == "dask":
                from analysis.ingest.cluster import cluster, cluster_extractor

                extractor = cluster_extractor(stack.enter_context(cluster(args.scheduler)))
            report = ingest(args.paths, manifest=args.manifest, db=args.db, on_progress=on_progress,
                            batch_size=args.batch_size, extractor=extractor)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the batches already stored are kept; run ingest again to go on", file=sys.stderr)
        return 130
    for problem in report.failed:
        print(problem, file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{report.summary()} in {report.seconds:.1f} s -> {report.db}")
    return 1 if report.failed else 0


def _cmd_rebuild(args: argparse.Namespace) -> int:
    import time

    from analysis.history.derive import rebuild
    from analysis.store import StoreError

    if _no_store(args.db):
        return 2
    started = time.perf_counter()
    try:
        rebuild(args.db)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"rebuilt the history in {time.perf_counter() - started:.1f} s")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from analysis.export import export
    from analysis.store import StoreError

    try:
        written = export(args.db, args.out, args.format)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def _cmd_rounds(args: argparse.Namespace) -> int:
    from analysis.export import csv_safe
    from analysis.frames import DATE_COLUMNS
    from analysis.store import StoreError, db_path
    from analysis.store import read_frames as load

    if not db_path(args.db).exists():
        print(f"error: no store at {db_path(args.db)} (run `python -m analysis ingest` first)", file=sys.stderr)
        return 2
    try:
        rounds = load(args.db).rounds
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "csv":
        csv_safe(rounds).to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
    elif args.format == "json":
        dated = rounds.assign(**{c: rounds[c].dt.strftime("%Y-%m-%d") for c in DATE_COLUMNS["rounds"]})
        sys.stdout.write(dated.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_rounds_table(rounds) + "\n")
    return 0


def _when(day: Any, precision: Any) -> str:
    """A date shown at its precision: 2025-09-09, 2025-09 or 2025."""
    if day is None or day != day:  # None / NaT
        return ""
    return day.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def _rounds_table(rounds: Any) -> str:
    from analysis.money import format_money

    if rounds.empty:
        return "no rounds stored yet"

    def money(values: Any, currencies: Any) -> list[str]:
        return [format_money(v, c, unknown="") for v, c in zip(values, currencies, strict=True)]

    table = rounds.assign(
        date=[_when(d, p) for d, p in zip(rounds["date"], rounds["date_precision"], strict=True)],
        amount=money(rounds["amount"], rounds["currency"]),
        eur=money(rounds["amount_eur"], ["EUR"] * len(rounds)),
        post_money=money(rounds["post_money"], rounds["valuation_currency"]),
    )
    columns = ["company", "date", "round_label", "status", "amount", "eur", "post_money", "lead_investors",
               "n_sources", "agreement"]
    if "corrected" in table.columns and table["corrected"].fillna("").astype(bool).any():
        columns.append("corrected")  # what analysts corrected (the originals: --format csv / json)
    return table[columns].fillna("").to_string(index=False)


def _no_store(db: Any) -> bool:
    from analysis.store import db_path

    if db_path(db).exists():
        return False
    print(f"error: no store at {db_path(db)} (run `python -m analysis ingest` first)", file=sys.stderr)
    return True


def _cmd_review_list(args: argparse.Namespace) -> int:
    from analysis.corrections_io import review_queue
    from analysis.export import csv_safe
    from analysis.store import StoreError
    from analysis.store import read_frames as load

    if _no_store(args.db):
        return 2
    try:
        frames = load(args.db)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    queue = review_queue(frames.rounds, frames.mentions, below=args.below, top=args.top)
    if args.format == "csv":
        csv_safe(queue).to_csv(sys.stdout, index=False)
    elif queue.empty:
        print("nothing to review")
    else:
        sys.stdout.write(queue.astype(object).fillna("").to_string(index=False) + "\n")
    return 0


def _cmd_review_apply(args: argparse.Namespace) -> int:
    from analysis.corrections_io import read_corrections_file
    from analysis.history.corrections import CorrectionError
    from analysis.history.review import add_corrections
    from analysis.store import StoreError, read_corrections

    if _no_store(args.db):
        return 2
    good, bad = read_corrections_file(args.file, author=args.author)
    for problem in bad:
        print(f"error: {problem}", file=sys.stderr)
    try:
        if good:
            add_corrections(good, args.db)
        states = read_corrections(args.db).set_index("correction_id")["state"]
    except (StoreError, CorrectionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    mine = [states.get(c.correction_id) for c in good]
    orphaned = sum(1 for s in mine if s == "orphaned")
    line = f"applied {len(good)} correction(s) from {args.file}"
    if orphaned:
        line += f"; {orphaned} orphaned (their fact was not found: see `review export --format corrections`)"
    if bad:
        line += f"; {len(bad)} row(s) refused"
    print(line)
    return 1 if bad else 0


def _cmd_review_export(args: argparse.Namespace) -> int:
    from analysis.corrections_io import corrections_jsonl, gold_lines
    from analysis.history.review import corrected_facts
    from analysis.store import StoreError, read_corrections

    if _no_store(args.db):
        return 2
    try:
        table = read_corrections(args.db)
        if args.format == "corrections":
            text = corrections_jsonl(table)
        else:
            facts = corrected_facts(args.db)
            if args.reviewed:
                applied = set(table.loc[table["state"] == "applied", "article_id"])
                facts = [f for f in facts if f.article_id in applied]
            lines, left_out = gold_lines(facts, notes=f"exported from {args.db or 'the store'} with the analysts' "
                                                      "corrections applied")
            for note in left_out:
                print(f"note: {note}", file=sys.stderr)
            text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"{text.count(chr(10))} line(s) -> {args.out}")
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
    evaluate.add_argument("--split", choices=["dev", "test"], default=None,
                          help="score only the articles of this split (benchmark/split.csv)")
    evaluate.add_argument("--split-file", type=Path, default=None,
                          help="the split CSV (file,split; default: split.csv beside the gold file)")
    evaluate.add_argument("--errors", action="store_true",
                          help="list each company-aware miss and extra with its sentence")
    evaluate.add_argument("--verbose", action="store_true", help="list the misses of every field")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(handler=_cmd_evaluate)

    ingest = commands.add_parser("ingest", help="extract new articles and store them (known texts are skipped)")
    ingest.add_argument("paths", nargs="+", type=Path, help="article files or folders")
    ingest.add_argument("--manifest", type=Path, default=None, help="manifest CSV with article metadata")
    ingest.add_argument("--db", type=Path, default=None, help="store file (default: $LEVEE_DB or data/levee.duckdb)")
    ingest.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="where extraction runs: this process, or a Dask cluster (analysis.ingest.cluster)")
    ingest.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="Dask scheduler address for --engine dask (default: a LocalCluster, one worker per core)")
    ingest.add_argument("--batch-size", type=int, default=32, help="articles per transaction (default 32)")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    ingest.set_defaults(handler=_cmd_ingest)

    rebuild = commands.add_parser("rebuild", help="re-derive every history table from the stored facts")
    rebuild.add_argument("--db", type=Path, default=None, help="store file (default: $LEVEE_DB or data/levee.duckdb)")
    rebuild.set_defaults(handler=_cmd_rebuild)

    export = commands.add_parser("export", help="write every table of the store as CSV or Parquet")
    export.add_argument("--db", type=Path, default=None, help="store file (default: $LEVEE_DB or data/levee.duckdb)")
    export.add_argument("--out", type=Path, required=True, help="folder to write the files to")
    export.add_argument("--format", choices=["csv", "parquet"], default="csv")
    export.set_defaults(handler=_cmd_export)

    rounds = commands.add_parser("rounds", help="print the consolidated funding rounds")
    rounds.add_argument("--db", type=Path, default=None, help="store file (default: $LEVEE_DB or data/levee.duckdb)")
    rounds.add_argument("--format", choices=["table", "csv", "json"], default="table")
    rounds.set_defaults(handler=_cmd_rounds)

    review = commands.add_parser("review", help="analysts' corrections: what to check, apply a file, export")
    actions = review.add_subparsers(dest="review_command", required=True)
    db_help = "store file (default: $LEVEE_DB or data/levee.duckdb)"
    listing = actions.add_parser(
        "list", help="the rounds to check first, one row per anchor (article_id, start, end, text)",
        description="Rounds below the confidence threshold (all rounds when there is no confidence), rounds "
                    "whose sources differ, and the largest amounts; lowest confidence first.")
    listing.add_argument("--below", type=float, default=0.6, help="confidence threshold (default 0.6)")
    listing.add_argument("--top", type=int, default=10, help="also list the N largest amounts (default 10)")
    listing.add_argument("--format", choices=["table", "csv"], default="table",
                         help="csv: a start for a corrections file")
    listing.add_argument("--db", type=Path, default=None, help=db_help)
    listing.set_defaults(handler=_cmd_review_list)
    apply = actions.add_parser(
        "apply", help="apply a CSV or JSONL file of corrections",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Columns (CSV header or JSONL keys): fact, action, article_id, start, end (required); text, "
                    "field, new_value, old_value,\ninvestor, reason, target_article_id, target_start, target_end, "
                    "target_text, undoes, note, author, created_at,\ncorrection_id (optional). See analysis/corrections_io.py. "
                    "Bad rows are reported with file and line; the rest is applied.")
    apply.add_argument("file", type=Path, help="corrections file (.csv or .jsonl)")
    apply.add_argument("--author", default=None, help="author of rows without one (default: the OS user)")
    apply.add_argument("--db", type=Path, default=None, help=db_help)
    apply.set_defaults(handler=_cmd_review_apply)
    exporting = actions.add_parser(
        "export", help="the corrected facts as gold (for `evaluate`), or the corrections as a file to share")
    exporting.add_argument("--format", choices=["gold", "corrections"], default="gold")
    exporting.add_argument("--out", type=Path, default=None, help="file to write (default: standard output)")
    exporting.add_argument("--reviewed", action="store_true",
                           help="gold: only the articles with a correction applied")
    exporting.add_argument("--db", type=Path, default=None, help=db_help)
    exporting.set_defaults(handler=_cmd_review_export)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except OSError as error:  # a file or folder the command cannot write or read: no traceback
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:
        if type(error).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
            raise
        db = getattr(args, "db", None)
        print(f"error: database error{f' on {db}' if db else ''}: {error}", file=sys.stderr)
        return 2
