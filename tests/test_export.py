"""CSV and Parquet exports: types survive the round trip; formula cells are neutralised."""

from __future__ import annotations

import pandas as pd
import pytest
from mistral_facts import seed_facts

from analysis import cli, load
from analysis.export import csv_safe, export, read_export
from analysis.ingest import ingest_facts


@pytest.fixture
def stored(tmp_path):
    db = tmp_path / "levee.duckdb"
    facts = seed_facts()
    facts[1].publisher = "=HYPERLINK(\"http://evil.example\",\"clic\")"
    facts[2].publisher = "@SUM(1+1)"
    ingest_facts(facts, db)
    return db


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_round_trip_keeps_types_and_values(stored, tmp_path, fmt):
    out = tmp_path / f"out_{fmt}"
    written = export(stored, out, fmt)
    assert sorted(p.name for p in written) == sorted(f"{n}.{fmt}" for n in
                                                    ("articles", "mentions", "rounds", "investments", "valuations",
                                                     "source_comparison"))
    original, back = load(stored), read_export(out, fmt)
    for (name, a), (_, b) in zip(original.items(), back.items(), strict=True):
        assert list(a.dtypes) == list(b.dtypes), name
        if fmt == "parquet":
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), obj=name)
        else:
            text = [c for c in a.columns if a[c].dtype == "str" or str(a[c].dtype).startswith("string")]
            other = [c for c in a.columns if c not in text]
            pd.testing.assert_frame_equal(a[other].reset_index(drop=True), b[other].reset_index(drop=True),
                                          obj=name, check_exact=False, rtol=1e-12)
    rounds = back.rounds
    assert rounds["date"].dt.year.tolist() == original.rounds["date"].dt.year.tolist()
    assert rounds["amount"].isna().sum() == 1  # the December 2023 round known by its valuation


def test_csv_neutralises_formula_cells_but_not_numbers(stored, tmp_path):
    export(stored, tmp_path / "csv", "csv")
    raw = (tmp_path / "csv" / "articles.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in raw and "'@SUM(1+1)" in raw
    assert "\n=HYPERLINK" not in raw and ",=HYPERLINK" not in raw and ',"=HYPERLINK' not in raw
    back = read_export(tmp_path / "csv", "csv").articles
    assert back["publisher"].str.startswith("'=").any()


def test_csv_safe_guards_every_prefix_and_leaves_numbers_alone():
    frame = pd.DataFrame({
        "text": ["=1+1", "+33 6", "-2", "@cmd", "\tx", "\ry", "safe", None, "a=b"],
        "number": [-5.0, 1.0, -2.0, 0.0, 3.0, 4.0, 5.0, float("nan"), -1e9],
    })
    safe = csv_safe(frame)
    # a CR inside a cell becomes LF: pandas would write a bare CR unquoted (a new row in a spreadsheet)
    assert safe["text"].tolist()[:7] == ["'=1+1", "'+33 6", "'-2", "'@cmd", "'\tx", "'\ny", "safe"]
    assert pd.isna(safe["text"].iloc[7]) and safe["text"].iloc[8] == "a=b"
    assert safe["number"].tolist()[:7] == [-5.0, 1.0, -2.0, 0.0, 3.0, 4.0, 5.0]
    assert safe["number"].dtype == "float64"
    assert frame["text"].iloc[0] == "=1+1"  # the input is not modified


def test_cli_export(stored, tmp_path, capsys):
    assert cli.main(["export", "--db", str(stored), "--out", str(tmp_path / "x"), "--format", "parquet"]) == 0
    assert (tmp_path / "x" / "rounds.parquet").exists()
    assert "rounds.parquet" in capsys.readouterr().out


def test_dashboard_csv_keeps_iso_dates_with_their_precision_and_guards_formulas():
    """A table's CSV download (levee_ui.csv_bytes): each date ISO beside its precision, while
    the screen shows it at its precision; formula-like cells are still neutralised."""
    import datetime as dt
    import io

    import levee_ui
    from analysis import views

    frame = pd.DataFrame({
        "Date": pd.to_datetime(["2024-01-01", "2023-12-01", "2025-09-09", None]),
        "Precision": ["year", "month", "day", None],
        "Company": ["=HYPERLINK(\"http://evil.example\")", "@SUM(1+1)", "Mistral AI", None],
        "published": [dt.date(2024, 5, 9), dt.date(2025, 6, 15), None, None],
        "published_precision": ["day", "month", None, None],
        "ingested_at": pd.to_datetime(["2026-01-01 10:11:12"] * 4),
    })  # fmt: skip
    raw = levee_ui.csv_bytes(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(raw), dtype=str, keep_default_na=False)
    assert back["Date"].tolist() == ["2024-01-01", "2023-12-01", "2025-09-09", ""]
    assert back["Precision"].tolist() == ["year", "month", "day", ""]
    assert back["published"].tolist() == ["2024-05-09", "2025-06-15", "", ""]
    assert back["published_precision"].tolist() == ["day", "month", "", ""]
    assert back["ingested_at"].iloc[0] == "2026-01-01 10:11:12"  # a timestamp keeps its time
    assert back["Company"].tolist()[:2] == ["'=HYPERLINK(\"http://evil.example\")", "'@SUM(1+1)"]
    shown = views.screen(frame)
    assert shown["Date"].tolist() == ["2024", "Dec 2023", "9 Sep 2025", ""]
    assert shown["published"].tolist() == ["9 May 2024", "Jun 2025", "", ""]
    assert "Precision" not in shown.columns and "published_precision" not in shown.columns
    assert frame["Date"].dtype.kind == "M"  # the table's data is not modified
