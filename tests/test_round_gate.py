"""The round gate: a learned second reading that sets aside rounds whose words read unlike a round's."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.extract import round_gate
from analysis.model import ArticleFacts, Evidence, RoundFact

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmark" / "tools"))
import fit_round_gate  # a benchmark tool, not a package

#: A sentence-level market total and a company's announcement, as the rules could both have read them as rounds.
MARKET_TOTAL = "Au total, les start-up françaises ont levé 8,2 milliards d'euros sur l'année 2023, un record."
ANNOUNCEMENT = "Kalvo annonce une levée de fonds de 12 millions d'euros en série A."


def _round(company: str, amount: float, sentence: str, figure: str, *, start: int, found_by: str = "sentence",
           **fields: object) -> RoundFact:
    at = start + sentence.index(figure)
    evidence = Evidence(sentence=sentence, start=start, end=start + len(sentence), figure=figure, figure_start=at,
                        figure_end=at + len(figure), role="amount", company_found_by=found_by)
    return RoundFact(company=company, amount=amount, currency="EUR", evidence=[evidence], **fields)  # type: ignore[arg-type]


def _facts(*rounds: RoundFact) -> ArticleFacts:
    return ArticleFacts(file="a.txt", article_id="a", language="fr", published=None, published_precision=None,
                        publisher=None, title="La French Tech en 2023", url=None, company=None, rounds=list(rounds))


def test_the_model_is_fitted_on_read_sets_only() -> None:
    model = round_gate.gate_model()
    assert 0.0 < model["threshold"] < 1.0
    assert "bias" in model["weights"]
    assert model["fitted_on"] and all(name.startswith("fresh") for name in model["fitted_on"])
    assert "fresh12" not in model["fitted_on"]  # the unread set that measures it


def test_a_market_total_taken_for_a_round_is_set_aside_and_the_announcement_kept() -> None:
    market = _round("Kalvo", 8.2e9, MARKET_TOTAL, "8,2 milliards d'euros", start=0)
    deal = _round("Kalvo", 12e6, ANNOUNCEMENT, "12 millions d'euros", start=200)
    facts = round_gate.gated(_facts(market, deal))
    assert [r.amount for r in facts.rounds] == [12e6]
    [aside] = facts.other_figures
    assert (aside.why, aside.value, aside.text) == (round_gate.NOT_A_ROUND, 8.2e9, "8,2 milliards d'euros")
    assert aside.evidence[0].sentence == MARKET_TOTAL  # its provenance goes with it


def test_a_round_tied_to_its_company_by_the_grammar_is_never_weighed() -> None:
    market = _round("Kalvo", 8.2e9, MARKET_TOTAL, "8,2 milliards d'euros", start=0, found_by="grammar")
    assert not round_gate.weighed(market)
    assert [r.amount for r in round_gate.gated(_facts(market)).rounds] == [8.2e9]


def test_a_round_with_a_valuation_is_never_weighed() -> None:
    valued = _round("Kalvo", 8.2e9, MARKET_TOTAL, "8,2 milliards d'euros", start=0, valuation=5e10, valuation_currency="EUR")
    assert not round_gate.weighed(valued)


def test_features_read_the_words_near_the_figure_and_the_round_s_facts() -> None:
    deal = _round("Kalvo", 12e6, ANNOUNCEMENT, "12 millions d'euros", start=0)
    features = round_gate.round_features(deal, _facts(deal))
    assert {"before:levee", "before:fonds", "after:serie", "fig:millions", "is:opening", "rounds:one"} <= features
    assert "before:de" not in features  # function words carry no weight


# --------------------------------------------------------------------------- the fit (benchmark/tools)


def test_the_fit_labels_a_predicted_round_by_the_gold_round_it_meets() -> None:
    market = _round("Kalvo", 8.2e9, MARKET_TOTAL, "8,2 milliards d'euros", start=0)
    deal = _round("Kalvo", 12e6, ANNOUNCEMENT, "12 millions d'euros", start=200)
    gold = {"file": "a.txt", "rounds": [{"company": "Kalvo", "amount": 12e6, "currency": "EUR"}]}
    labels = [label for _, label in fit_round_gate.examples([(gold, _facts(market, deal))])]
    assert labels == [0, 1]


def test_the_fit_weighs_a_feature_by_what_it_says_of_a_round() -> None:
    data = [({"bias", "before:total"}, 0)] * 6 + [({"bias", "before:levee"}, 1)] * 6 + [({"bias"}, 1), ({"bias"}, 0)]
    weights = fit_round_gate.fit(data, l2=1.0)
    assert weights["before:total"] < 0 < weights["before:levee"]


def test_every_fitted_set_has_its_unread_predictions() -> None:
    for name in fit_round_gate.FIT_SETS:
        pairs = fit_round_gate.load_set(name)
        articles = fit_round_gate.ROOT / "benchmark" / name / "articles"
        assert len(pairs) == len(list(articles.glob("*.txt"))), name
