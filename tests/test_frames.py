"""Pandera schemas of the six frames, and ``load``."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest
from mistral_facts import seed_facts

import analysis
from analysis import frames as fr
from analysis.ingest import ingest_facts


@pytest.fixture
def stored(tmp_path):
    db = tmp_path / "levee.duckdb"
    ingest_facts(seed_facts(), db)
    return db


def test_load_returns_every_frame_validated(stored):
    frames = analysis.load(stored)
    for name, frame in frames.items():
        assert list(frame.columns) == list(fr.COLUMNS[name]), name
        fr.validate(name, frame)
    assert len(frames.articles) == 5 and len(frames.rounds) == 4
    rounds = frames.rounds
    assert str(rounds["date"].dtype).startswith("datetime64")
    assert rounds["amount"].dtype == "float64" and rounds["post_money_derived"].dtype == bool
    assert str(rounds["n_sources"].dtype) == "Int64"
    assert frames.mentions["round_key"].isna().any()  # standalone valuation, total raised
    assert str(frames.articles["ingested_at"].dtype).startswith("datetime64")


def test_load_is_the_package_level_entry_point():
    from analysis import load

    assert analysis.load is not None and callable(load)


@pytest.mark.parametrize(
    ("name", "column", "bad"),
    [
        ("mentions", "kind", "rumour"),
        ("rounds", "status", "maybe"),
        ("rounds", "agreement", "perhaps"),
        ("source_comparison", "explanation", "vibes"),
        ("valuations", "basis", "after"),
        ("investments", "role", "boss"),
    ],
)
def test_schemas_reject_values_outside_their_vocabulary(stored, name, column, bad):
    frame = getattr(analysis.load(stored), name).copy()
    frame[column] = frame[column].astype(object)
    frame.loc[frame.index[0], column] = bad
    with pytest.raises(pa.errors.SchemaError):
        fr.validate(name, frame)


def test_schemas_reject_missing_required_values_and_columns(stored):
    rounds = analysis.load(stored).rounds
    with pytest.raises(pa.errors.SchemaError):
        fr.validate("rounds", rounds.assign(round_id=None))
    with pytest.raises(pa.errors.SchemaError):
        fr.validate("rounds", rounds.drop(columns=["amount"]))
    with pytest.raises(pa.errors.SchemaError):
        fr.validate("rounds", pd.concat([rounds, rounds.iloc[:1]], ignore_index=True))  # round_id unique


def test_conform_adds_missing_columns_and_coerces_types():
    frame = fr.conform("rounds", pd.DataFrame([{
        "round_id": "x-2024", "date": "2024-06-11", "amount": "600000000", "n_sources": 2.0,
        "pre_money_derived": 0, "post_money_derived": 1, "status": "announced", "agreement": "agree",
        "stake_extra": "dropped?",
    }]).drop(columns=["stake_extra"]))
    row = frame.iloc[0]
    assert row["amount"] == 6e8 and row["date"] == pd.Timestamp("2024-06-11")
    assert row["post_money_derived"] is True or row["post_money_derived"] == True  # noqa: E712
    assert pd.isna(row["company"]) and pd.isna(row["post_money"])


def test_empty_frames_have_the_schema():
    for name in fr.FRAME_NAMES:
        frame = fr.empty(name)
        assert frame.empty and list(frame.columns) == list(fr.COLUMNS[name])
