"""The real-news benchmark (``benchmark/``): its gold follows the policy, every quote is verbatim,
every money figure is accounted for, the composition is what the benchmark promises, and the
test split is frozen (the SHA-256 of its texts)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from analysis.gold import load_gold, missing_evidence, unaccounted_money

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK = ROOT / "benchmark"
ARTICLES = BENCHMARK / "articles"
MANIFEST_COLUMNS = ["file", "publisher", "title", "url", "published", "published_precision", "language", "kind"]
KINDS = {"announcement", "rumour", "roundup", "feature"}
FILE_NAME = re.compile(r"^\d{3}_[a-z0-9-]+_[a-z0-9-]+\.txt$")

#: What the benchmark promises (benchmark issue): counts of articles.
MIN_ARTICLES, MIN_PER_LANGUAGE, MIN_PUBLISHERS, MAX_PER_PUBLISHER = 150, 60, 40, 8
MIN_COUNTRIES, MIN_ROUNDUPS, MIN_RUMOURS = 8, 25, 20
MIN_PRE_POST, MIN_EARLIER_ROUNDS, MIN_OTHER_COMPANY = 20, 15, 15
YEARS = range(2015, 2027)
#: The test split is one third of each (language, kind) stratum, within one article.
TEST_SHARE = 1 / 3


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return load_gold(BENCHMARK / "gold.jsonl")


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict[str, str]]:
    with (BENCHMARK / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None and reader.fieldnames[: len(MANIFEST_COLUMNS)] == MANIFEST_COLUMNS
        return {row["file"]: row for row in reader}


@pytest.fixture(scope="module")
def split() -> dict[str, dict[str, str]]:
    with (BENCHMARK / "split.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def _text(file: str) -> str:
    return (ARTICLES / file).read_text(encoding="utf-8")


def test_every_article_has_its_text_gold_manifest_row_and_split(gold, manifest, split) -> None:
    texts = {p.name for p in ARTICLES.glob("*.txt")}
    gold_files = [line["file"] for line in gold]
    assert len(gold_files) == len(set(gold_files))
    assert set(gold_files) == texts == set(manifest) == set(split)
    assert all(FILE_NAME.match(name) for name in texts), [n for n in texts if not FILE_NAME.match(n)]


def test_gold_quotes_are_verbatim(gold) -> None:
    missing = {line["file"]: missing_evidence(line, _text(line["file"])) for line in gold}
    assert {file: quotes for file, quotes in missing.items() if quotes} == {}


def test_every_money_figure_is_accounted_for(gold) -> None:
    """Each figure ``analysis.money`` reads is a round, a valuation, an investment or a distractor."""
    left = {line["file"]: [m.text for m in unaccounted_money(line, _text(line["file"]))] for line in gold}
    assert {file: texts for file, texts in left.items() if texts} == {}


def test_manifest_agrees_with_gold(gold, manifest) -> None:
    for line in gold:
        row = manifest[line["file"]]
        assert row["language"] == line["language"], line["file"]
        assert row["kind"] in KINDS, line["file"]
        assert row["url"].startswith("http"), line["file"]
        assert row["published_precision"] in {"", "day", "month", "year"}, line["file"]
        if row["kind"] == "roundup" and len({r["company"] for r in line["rounds"]}) >= 2:
            assert line["company"] is None, f"{line['file']}: a roundup of several deals has no main company"


def test_composition(gold, manifest) -> None:
    rows = list(manifest.values())
    assert len(rows) >= MIN_ARTICLES
    languages = Counter(row["language"] for row in rows)
    assert languages["fr"] >= MIN_PER_LANGUAGE and languages["en"] >= MIN_PER_LANGUAGE
    publishers = Counter(row["publisher"].casefold() for row in rows)
    assert len(publishers) >= MIN_PUBLISHERS
    assert publishers.most_common(1)[0][1] <= MAX_PER_PUBLISHER
    years = {int(row["published"][:4]) for row in rows if row["published"]}
    assert years <= set(YEARS) and len(years) >= 8
    assert len({row["country"] for row in rows if row.get("country")}) >= MIN_COUNTRIES
    kinds = Counter(row["kind"] for row in rows)
    assert kinds["roundup"] >= MIN_ROUNDUPS and kinds["rumour"] >= MIN_RUMOURS
    assert not any("mistral" in (line["company"] or "").casefold() for line in gold)
    assert not any("mistral" in row["title"].casefold() or "mistral" in row["url"].casefold() for row in rows)


def _has_basis(line: dict[str, Any]) -> bool:
    return any(r["valuation_basis"] for r in line["rounds"]) or any(v["basis"] for v in line["valuations"])


def _earlier_rounds(line: dict[str, Any]) -> bool:
    own = [r for r in line["rounds"] if line["company"] and r["company"] == line["company"]]
    return len(own) >= 2


def _other_company(line: dict[str, Any]) -> bool:
    if line["company"] is None:
        return False
    return any(f["company"] != line["company"] for f in line["rounds"] + line["valuations"])


def test_phenomena_the_benchmark_promises(gold) -> None:
    assert sum(_has_basis(line) for line in gold) >= MIN_PRE_POST
    assert sum(_earlier_rounds(line) for line in gold) >= MIN_EARLIER_ROUNDS
    assert sum(_other_company(line) for line in gold) >= MIN_OTHER_COMPANY
    assert sum(any(r["status"] == "reported" for r in line["rounds"]) for line in gold) >= MIN_RUMOURS
    assert sum(any(r["qualifier"] == "range" for r in line["rounds"]) for line in gold) >= 1


def test_split_is_stratified_and_frozen(manifest, split) -> None:
    strata: dict[tuple[str, str], Counter[str]] = {}
    for file, row in split.items():
        key = (manifest[file]["language"], manifest[file]["kind"])
        strata.setdefault(key, Counter())[row["split"]] += 1
        assert row["split"] in {"dev", "test"}
        assert hashlib.sha256((ARTICLES / file).read_bytes()).hexdigest() == row["sha256"], (
            f"{file} changed after the split was frozen"
        )
    for key, counts in strata.items():
        total = counts["dev"] + counts["test"]
        assert abs(counts["test"] - total * TEST_SHARE) <= 1, key


def test_the_readme_records_the_test_texts_digest(split) -> None:
    """benchmark/README.md names the SHA-256 of the test texts (their digests, in file order)."""
    digests = "".join(split[file]["sha256"] for file in sorted(split) if split[file]["split"] == "test")
    combined = hashlib.sha256(digests.encode("ascii")).hexdigest()
    assert combined in (BENCHMARK / "README.md").read_text(encoding="utf-8")


def test_gold_lines_are_one_object_per_line() -> None:
    for number, line in enumerate((BENCHMARK / "gold.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        assert isinstance(json.loads(line), dict), number


def test_dev_halves_cut_only_the_dev_split(manifest, split) -> None:
    """``dev_halves.csv`` cuts the dev articles, and only them, into a write and a check half,
    balanced within each (language, kind) stratum: no test article is ever in a half."""
    with (ARTICLES.parent / "dev_halves.csv").open(encoding="utf-8", newline="") as handle:
        halves = {row["file"]: row["split"] for row in csv.DictReader(handle)}
    assert set(halves) == {file for file, row in split.items() if row["split"] == "dev"}
    strata: dict[tuple[str, str], Counter[str]] = {}
    for file, half in halves.items():
        strata.setdefault((manifest[file]["language"], manifest[file]["kind"]), Counter())[half] += 1
    assert all(abs(counts["dev"] - counts["test"]) <= 1 for counts in strata.values()), strata


#: The development sets collected after the split: ``fresh/`` (session 13), ``fresh2/`` to ``fresh4/`` (session 14), and one
#: or two a session since (``fresh50/`` and ``fresh51/``: session 64), about 40 articles each (``fresh51/``: 9, the
#: stored pages' unclaimed funding articles running out), each scored before it was read.
FRESH_SETS = ("fresh", *(f"fresh{n}" for n in range(2, 52)))


@pytest.mark.parametrize("name", FRESH_SETS)
def test_a_fresh_development_set_follows_the_policy(name: str) -> None:
    """``benchmark/fresh/`` to ``fresh51/`` (development sets collected after the split): every
    article has its gold and manifest row, quotes are verbatim, every money figure is accounted for, and
    no article or URL is shared with the benchmark or with another set."""
    fresh = BENCHMARK / name
    lines = load_gold(fresh / "gold.jsonl")
    rows = _fresh_rows(name)
    texts = {p.name for p in (fresh / "articles").glob("*.txt")}
    assert {line["file"] for line in lines} == texts == set(rows)
    assert not texts & {p.name for p in ARTICLES.glob("*.txt")}
    assert not {row["url"] for row in rows.values()} & {row["url"] for row in _manifest_rows()}
    for other in FRESH_SETS:
        if other != name:
            assert not texts & {p.name for p in (BENCHMARK / other / "articles").glob("*.txt")}
            assert not {row["url"] for row in rows.values()} & {row["url"] for row in _fresh_rows(other).values()}
    for line in lines:
        text = (fresh / "articles" / line["file"]).read_text(encoding="utf-8")
        assert missing_evidence(line, text) == [], line["file"]
        assert [m.text for m in unaccounted_money(line, text)] == [], line["file"]
        assert rows[line["file"]]["language"] == line["language"], line["file"]


def _fresh_rows(name: str) -> dict[str, dict[str, str]]:
    with (BENCHMARK / name / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def _manifest_rows() -> list[dict[str, str]]:
    with (BENCHMARK / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
