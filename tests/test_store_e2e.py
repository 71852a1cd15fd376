"""End to end with the real extractor: seeds/ ingested twice into a fresh store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import load
from analysis.ingest import ingest

pytest.importorskip("analysis.extract")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.slow
def test_seeds_ingested_twice_give_the_four_mistral_events(tmp_path):
    db = tmp_path / "levee.duckdb"
    first = ingest([SEEDS], db=db)
    assert (first.ingested, first.failed) == (5, [])
    before = {name: len(frame) for name, frame in load(db).items()}
    second = ingest([SEEDS], db=db)
    assert (second.ingested, second.skipped, second.failed) == (0, 5, [])
    frames = load(db)
    assert {name: len(frame) for name, frame in frames.items()} == before

    rounds = frames.rounds[frames.rounds["company"] == "Mistral AI"]
    assert len(rounds) == 4, rounds[["round_id", "date", "amount", "currency", "post_money"]]
    by_month = {r.date.strftime("%Y-%m"): r for r in rounds.itertuples()}

    december = by_month["2023-12"]
    assert pd.isna(december.amount)
    assert (december.post_money, december.valuation_currency) == (2e9, "EUR")

    microsoft = by_month["2024-02"]
    assert (microsoft.amount, microsoft.currency) == (16e6, "USD")
    assert "Microsoft" in microsoft.investors

    june = next(r for r in rounds.itertuples() if r.date.year == 2024 and r.amount and r.amount > 100e6)
    assert june.amount_eur == pytest.approx(600e6, rel=0.1)
    assert june.post_money == 6e9 and june.valuation_currency == "USD"

    series_c = by_month["2025-09"]
    assert (series_c.amount, series_c.currency, series_c.lead_investors) == (1.7e9, "EUR", "ASML")
    assert series_c.post_money == 11.7e9 and series_c.status == "announced"
    asml = frames.investments.query("round_id == @series_c.round_id and investor == 'ASML'").iloc[0]
    assert (asml.amount, asml.currency, asml.role) == (1.3e9, "EUR", "lead")
    assert asml.stake_reported == pytest.approx(11.0)
    assert asml.stake_implied == pytest.approx(11.1, abs=0.05)
    assert not asml.stake_mismatch

    comparison = frames.source_comparison
    amounts = comparison[(comparison["field"] == "amount")]
    june_rows = amounts[amounts["round_id"] == june.round_id].set_index("value")
    assert set(june_rows.index) == {"$600 M", "€600 M"}  # 002's rumour beside 001's announcement
    assert june_rows.loc["$600 M", "explanation"] == "rumour_superseded"
    assert "≈" in june_rows.loc["$600 M", "note"]
    series_c_rows = amounts[amounts["round_id"] == series_c.round_id].set_index("value")
    assert series_c_rows.loc["$2 bn", "explanation"] == "fx_conversion"  # 000's "$2 billion"
    assert bool(series_c_rows.loc["$2 bn", "agrees"])


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "manifest.csv").exists(), reason="development corpus not available")
def test_mistral_corpus_gives_a_funding_history(tmp_path):
    db = tmp_path / "levee.duckdb"
    report = ingest([CORPUS], db=db)
    assert (report.ingested, report.failed) == (15, [])
    rounds = load(db).rounds
    mistral = rounds[rounds["company"] == "Mistral AI"]
    amounts = {(r.date.strftime("%Y-%m"), r.status): r for r in mistral.itertuples() if pd.notna(r.date)}
    seed = amounts[("2023-06", "announced")]
    assert (seed.amount, seed.currency, seed.round_label) == (105e6, "EUR", "Seed")
    assert seed.n_sources >= 3
    june = amounts[("2024-06", "announced")]
    assert june.amount_eur == pytest.approx(600e6, rel=0.01) and june.n_sources >= 3
    series_c = amounts[("2025-09", "announced")]
    assert (series_c.amount, series_c.lead_investors) == (1.7e9, "ASML")
    talks = [r for r in mistral.itertuples() if r.status == "reported" and r.date.year == 2025]
    assert talks and all(t.followed_by == series_c.round_id for t in talks)  # linked, not merged


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "manifest.csv").exists(), reason="development corpus not available")
def test_seeds_and_corpus_give_one_row_per_real_round(tmp_path):
    db = tmp_path / "levee.duckdb"
    ingest([SEEDS, CORPUS], db=db)
    all_rounds = load(db).rounds
    # Other companies' rounds named in passing are kept with their own company (gold policy):
    # "Aleph Alpha's recent $500 million raising of funds" (corpus 04).
    aleph = all_rounds[all_rounds["company"] == "Aleph Alpha"]
    assert [(r.currency, r.amount) for r in aleph.itertuples()] == [("USD", 500e6)]
    rounds = all_rounds[all_rounds["company"] == "Mistral AI"]
    history = sorted(
        (r.date.strftime("%Y-%m"), r.status, r.currency, r.amount if pd.notna(r.amount) else None, r.n_sources)
        for r in rounds.itertuples()
    )
    assert [(month, status, currency, amount) for month, status, currency, amount, _ in history] == [
        ("2023-06", "announced", "EUR", 105e6),  # seed, Lightspeed
        ("2023-12", "announced", "EUR", 385e6),  # Series A, a16z (reported at €450M / $415M)
        ("2024-02", "announced", "USD", 16e6),  # Microsoft
        ("2024-06", "announced", "EUR", 600e6),  # Series B, General Catalyst (rumour $600M in May)
        ("2025-07", "reported", "USD", 1e9),  # talks at a $10bn valuation
        ("2025-09", "announced", "EUR", 1.7e9),  # Series C, ASML
        ("2026-06", "reported", "EUR", 3e9),  # talks at a €20bn valuation
    ]
    assert all(n >= 1 for *_, n in history)
    assert sum(n for *_, n in history) >= 25
