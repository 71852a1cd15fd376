"""Every stored fact's confidence: from its evidence, monotonic in it, within [0, 1], explained."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from mistral_facts import D, simple

from analysis import frames as fr
from analysis.history import confidence
from analysis.history.consolidate import consolidate, mentions_frame
from analysis.investors import canonical_investor
from analysis.model import ArticleFacts

DAY = D(2024, 6, 11)
TEXT = "Mistral AI a levé 600 millions d'euros, un tour mené par General Catalyst avec Lightspeed et Bpifrance."


def article(n: int, *, status: str = "announced", amount: float = 600e6, lead_by: str = "grammar",
            company_by: str = "grammar", day: dt.date = DAY, currency: str | None = "EUR") -> ArticleFacts:
    facts = simple(f"{n:02d}_source.txt", TEXT + " " * n, day, f"Source {n}", figure="600 millions d'euros",
                   amount=amount, currency=currency, status=status, leads=["General Catalyst"],
                   investors=["Lightspeed", "Bpifrance"], language="fr")
    rnd = facts.rounds[0]
    for item in rnd.evidence:
        item.company_found_by = company_by
    rnd.roles_found_by = {"General Catalyst": lead_by, "Lightspeed": "grammar", "Bpifrance": "list"}
    return facts


def run(facts: list[ArticleFacts]):
    articles = pd.DataFrame([
        {"article_id": f.article_id, "file": f.file, "publisher": f.publisher, "published": f.published,
         "published_precision": f.published_precision, "language": f.language,
         "ingested_at": dt.datetime(2026, 1, 1)}
        for f in facts
    ])
    return consolidate(fr.conform("articles", articles), mentions_frame(facts))


def round_row(facts: list[ArticleFacts]) -> pd.Series:
    rounds = run(facts).rounds
    assert len(rounds) == 1, rounds
    return rounds.iloc[0]


def lead_row(facts: list[ArticleFacts]) -> pd.Series:
    investments = run(facts).investments
    return investments[investments["investor"] == canonical_investor("General Catalyst")].iloc[0]


def test_the_weights_are_data_fitted_on_dev():
    data = json.loads(confidence.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert "dev" in data["fitted_on"] and "test" not in data["fitted_on"]
    for kind, names in confidence.SIGNALS.items():
        assert set(data[kind]["weights"]) == set(names)


def test_two_agreeing_sources_beat_one():
    one = round_row([article(1)])
    two = round_row([article(1), article(2, day=D(2024, 6, 12))])
    assert two["n_sources"] == 2 and two["agreement"] == "agree"
    assert two["confidence"] > one["confidence"]
    assert "2 sources agree" in two["confidence_reasons"] and "1 source" in one["confidence_reasons"]
    assert lead_row([article(1), article(2, day=D(2024, 6, 12))])["confidence"] > lead_row([article(1)])["confidence"]


def test_reported_is_below_announced():
    announced, reported = round_row([article(1)]), round_row([article(1, status="reported")])
    assert reported["confidence"] < announced["confidence"]
    assert "announced" in announced["confidence_reasons"] and "reported" in reported["confidence_reasons"]


def test_a_round_in_conflict_is_lower():
    # two announcements of the round, one of them 8 % off: they merge and differ unexplained
    agree = round_row([article(1), article(2, day=D(2024, 6, 12))])
    differ = round_row([article(1), article(2, day=D(2024, 6, 12), amount=650e6)])
    assert differ["agreement"] == "differ"
    assert differ["confidence"] < agree["confidence"]
    assert "in conflict" in differ["confidence_reasons"]


def test_a_lead_the_grammar_confirms_beats_a_lead_found_by_proximity():
    grammar, proximity = lead_row([article(1)]), lead_row([article(1, lead_by="cue")])
    assert grammar["role"] == "lead" and grammar["confidence"] > proximity["confidence"]
    assert "lead found by the grammar" in grammar["confidence_reasons"]
    assert "nearest a lead cue" in proximity["confidence_reasons"]


def test_a_company_the_grammar_found_beats_the_sentence_subject():
    grammar, subject = round_row([article(1)]), round_row([article(1, company_by="sentence")])
    assert grammar["confidence"] > subject["confidence"]
    assert "company found by the grammar" in grammar["confidence_reasons"]


def test_an_unstated_currency_lowers_a_round():
    assert round_row([article(1, currency=None)])["confidence"] < round_row([article(1)])["confidence"]
    assert "currency not stated" in round_row([article(1, currency=None)])["confidence_reasons"]


def test_each_investor_has_its_own_confidence():
    investments = run([article(1)]).investments.set_index("investor")
    grammar, listed = canonical_investor("Lightspeed"), canonical_investor("Bpifrance")
    assert investments.loc[grammar, "confidence"] > investments.loc[listed, "confidence"]
    assert "investor found by the grammar" in investments.loc[grammar, "confidence_reasons"]
    assert "in its list" in investments.loc[listed, "confidence_reasons"]


def test_valuations_carry_a_confidence():
    facts = article(1)
    facts.rounds[0].valuation, facts.rounds[0].valuation_currency = 6e9, "EUR"
    valuations = run([facts]).valuations
    assert len(valuations) == 1
    assert 0 < valuations.iloc[0]["confidence"] < 1 and "round confidence" in valuations.iloc[0]["confidence_reasons"]


@pytest.mark.parametrize("corrected", ["amount", "confirmed", True])
def test_a_checked_fact_is_certain(corrected):
    result = run([article(1, status="reported", company_by="sentence")])
    rounds = result.rounds.assign(corrected=[corrected])
    checked = confidence.checked(rounds)
    assert checked.iloc[0]["confidence"] == 1.0
    assert checked.iloc[0]["confidence_reasons"] == "checked by an analyst"
    untouched = confidence.checked(result.rounds.assign(corrected=[""]))
    assert untouched.iloc[0]["confidence"] < 1.0


def test_scoring_a_checked_round_at_the_end_of_consolidation():
    result = run([article(1)])
    rounds, investments, _ = confidence.score(
        result.rounds.assign(corrected=["lead_investors"]), result.investments, result.valuations,
        result.mentions, result.source_comparison)
    assert rounds.iloc[0]["confidence"] == 1.0
    before = result.investments.set_index("investor")["confidence"]
    after = investments.set_index("investor")["confidence"]
    assert (after >= before).all()  # the round is certain: its investors are no less likely


def test_always_within_bounds_and_explained():
    facts = [article(1), article(2, status="reported", company_by="sentence", lead_by="cue", day=D(2024, 6, 12)),
             article(3, amount=2e9, currency=None, day=D(2025, 1, 5))]
    result = run(facts)
    for frame in (result.rounds, result.investments, result.valuations):
        assert frame["confidence"].between(0, 1).all()
        assert frame["confidence_reasons"].str.len().gt(0).all()


def test_empty_frames_score_to_empty_frames():
    result = run([])
    assert result.rounds.empty and "confidence" in result.rounds.columns


def test_the_confidence_is_stored(tmp_path):
    from analysis.ingest import ingest_facts
    from analysis.store import read_tables

    db = tmp_path / "levee.duckdb"
    ingest_facts([article(1), article(2, day=D(2024, 6, 12))], db=db)
    tables = read_tables(db)
    assert tables["rounds"]["confidence"].between(0, 1).all()
    assert tables["investments"]["confidence_reasons"].notna().all()
    assert tables["mentions"]["found_by"].notna().any()
