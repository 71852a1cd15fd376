"""The CLI end to end, in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_extract_seeds() -> None:
    result = _run("extract", "seeds/", "--manifest", "seeds/manifest.csv")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["file"]).name for line in lines] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    keys = {"file", "article_id", "language", "published", "publisher", "company", "rounds", "valuations",
            "other_figures", "errors"}
    assert all(keys <= set(line) for line in lines)
    by_name = {Path(line["file"]).name: line for line in lines}
    assert by_name["003_2ed2c1d517bfa171.txt"]["rounds"][0]["amount"] == 1.7e9


def test_extract_names_bad_files_and_goes_on(tmp_path: Path) -> None:
    shutil.copy(ROOT / "seeds" / "004_8595d39e21f0e52c.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = _run("extract", str(tmp_path))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert "image.txt" in result.stderr and "binary" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["file"]).name for line in lines] == ["good.txt"]
    assert lines[0]["valuations"][0]["value"] == 6e9


def test_evaluate_command_prints_f1_per_field() -> None:
    result = _run("evaluate", "tests/gold/seeds_gold.jsonl", "seeds/", "--manifest", "seeds/manifest.csv")
    assert result.returncode == 0, result.stderr
    amount_row = next(line for line in result.stdout.splitlines() if line.startswith("amount "))
    assert "1.000" in amount_row


@pytest.mark.slow
def test_an_article_written_as_one_long_paragraph_is_read(tmp_path: Path) -> None:
    """Over spaCy's 1,000,000-character limit in one 'sentence' (no full stop): cut at clause
    breaks, never the raw E088 error, exit code 0 and the round read."""
    clause = "la société Norvane recrute des ingénieurs à Lyon, ouvre un bureau à Lille, "
    text = "Norvane lève 5 millions d'euros auprès de Garance Capital, " + clause * (1_050_000 // len(clause))
    article = tmp_path / "one_paragraph.txt"
    article.write_text(text, encoding="utf-8")
    result = _run("extract", str(article))
    assert result.returncode == 0, result.stderr[-2000:]
    facts = json.loads(result.stdout)
    assert facts["errors"] == []
    assert [(r["company"], r["amount"]) for r in facts["rounds"]] == [("Norvane", 5_000_000)]


# --------------------------------------------------------------------------- review


@pytest.fixture
def seeded_store(tmp_path: Path) -> Path:
    from mistral_facts import SEEDS, fake_extractor

    from analysis.ingest import ingest

    db = tmp_path / "levee.duckdb"
    ingest([SEEDS], manifest=SEEDS / "manifest.csv", db=db, extractor=fake_extractor())
    return db


def test_review_list_then_apply_a_file_and_share_it(seeded_store: Path, tmp_path: Path) -> None:
    import csv
    import io

    db = str(seeded_store)
    listed = _run("review", "list", "--db", db, "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    queue = list(csv.DictReader(io.StringIO(listed.stdout)))
    series_c = [row for row in queue if row["round_id"] == "mistral-ai-2025-09"]
    assert len(series_c) == 3 and series_c[0]["amount"] == "€1.7 bn"
    table = _run("review", "list", "--db", db)
    assert table.returncode == 0 and "mistral-ai-2025-09" in table.stdout and "1,7 milliard" in table.stdout

    # a CSV made from the list: every source of the Series C says €1.8bn; one bad row
    corrections = tmp_path / "corrections.csv"
    with corrections.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["fact", "action", "article_id", "start", "end", "text", "field", "new_value", "note"])
        for row in series_c:
            writer.writerow(["round", "edit", row["article_id"], row["start"], row["end"], row["text"], "amount",
                             "1800000000", "press release"])
        writer.writerow(["round", "edit", series_c[0]["article_id"], "12", "40", "", "amount", "lots", ""])
    applied = _run("review", "apply", str(corrections), "--db", db, "--author", "claire")
    assert applied.returncode == 1  # one bad row, reported with its file and line; the rest applied
    assert f"{corrections}, line 5: amount must be a non-negative number" in applied.stderr
    assert "applied 3 correction(s)" in applied.stdout

    rounds = _run("rounds", "--db", db, "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(rounds.stdout)) if r["round_id"] == "mistral-ai-2025-09")
    assert float(row["amount"]) == 1.8e9 and row["corrected"] == "amount"
    assert json.loads(row["original"]) == {"amount": 1.7e9}

    shared = tmp_path / "shared.jsonl"
    exported = _run("review", "export", "--format", "corrections", "--out", str(shared), "--db", db)
    assert exported.returncode == 0, exported.stderr
    records = [json.loads(line) for line in shared.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3 and {r["author"] for r in records} == {"claire"} and records[0]["new_value"] == 1.8e9
    from analysis.corrections_io import read_corrections_file
    from analysis.history.review import add_corrections
    from analysis.store import read_corrections

    again, bad = read_corrections_file(shared)  # a teammate applies the shared file: nothing new
    assert bad == [] and [c.correction_id for c in again] == [r["correction_id"] for r in records]
    add_corrections(again, seeded_store)
    assert len(read_corrections(seeded_store)) == 3


def test_review_export_gold_then_evaluate_scores_the_engine_against_the_corrections(seeded_store: Path,
                                                                                    tmp_path: Path) -> None:
    from mistral_facts import seed_facts

    from analysis import load
    from analysis.history.corrections import anchors_of_round, new_correction
    from analysis.history.review import add_corrections

    anchors = anchors_of_round(load(seeded_store).mentions, "mistral-ai-2025-09")
    add_corrections([new_correction("round", "edit", a, field="amount", new_value=1.8e9) for a in anchors],
                    seeded_store)
    db = str(seeded_store)
    gold = tmp_path / "gold.jsonl"
    exported = _run("review", "export", "--format", "gold", "--out", str(gold), "--db", db)
    assert exported.returncode == 0, exported.stderr
    from analysis.gold import load_gold

    lines = {Path(line["file"]).name: line for line in load_gold(gold)}
    assert lines["000_0f7d2169e025ef47.txt"]["rounds"][0]["amount"] == 1.8e9
    assert len(lines) == 5

    predictions = tmp_path / "predictions.jsonl"  # what the engine extracted (€1.7bn)
    predictions.write_text("".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in seed_facts()),
                           encoding="utf-8")
    scored = _run("evaluate", str(gold), "--predictions", str(predictions), "--json")
    assert scored.returncode == 0, scored.stderr
    report = json.loads(scored.stdout)
    amount = report["fields"]["amount"]
    # the three corrected amounts disagree with the engine; its three other amounts agree
    assert (amount["tp"], amount["fp"], amount["fn"]) == (3, 3, 3)
    assert report["articles"] == 5


def test_review_commands_need_a_store(tmp_path: Path) -> None:
    result = _run("review", "list", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and "no store" in result.stderr
