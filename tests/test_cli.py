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
