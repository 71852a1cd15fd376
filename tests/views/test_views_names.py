"""analysis.views.names: company and investor lists, typo-tolerant search, the store's spelling."""

from __future__ import annotations

from analysis import frames as fr
from analysis.views import names as N


def test_search_forgives_typos_and_accents() -> None:
    names = ["Mistral AI", "OpenAI", "Société Générale", "Pomme Verte"]
    assert N.search_names("mistal", names)[0] == "Mistral AI"
    assert N.search_names("societe generale", names) == ["Société Générale"]
    assert N.search_names("pom", names)[0] == "Pomme Verte"
    assert N.search_names("zzzz", names) == []
    assert N.search_names("  ", names) == names


def test_match_companies_takes_the_store_spelling() -> None:
    found, unknown = N.match_companies([" mistral ai", "MISTRAL AI", "Nope"], ["Mistral AI", "Aleph Alpha"])
    assert found == ["Mistral AI"]
    assert unknown == ["Nope"]


def test_ranked_companies_most_rounds_first(small) -> None:
    assert N.ranked_companies(small.investments) == ["Mistral AI", "Quantix Robotics"]
    assert N.ranked_companies(small.source_comparison, "article_id") == ["Mistral AI"]
    assert N.ranked_companies(fr.empty("investments")) == []


def test_chart_companies_the_most_reported_first(small, monkeypatch) -> None:
    # Mistral AI: 4 rounds + 5 valuation figures; Quantix Robotics: 1 round
    assert N.chart_companies(small) == (["Mistral AI", "Quantix Robotics"], 2)
    monkeypatch.setattr(N, "CHART_COMPANIES", 1)
    assert N.chart_companies(small) == (["Mistral AI"], 2)
    assert N.chart_companies(small, 5) == (["Mistral AI", "Quantix Robotics"], 2)


def test_company_and_investor_names_most_reported_first(stored) -> None:
    companies = N.company_names(stored)
    assert companies[0] == "Mistral AI"
    assert "OpenAI" in companies  # a valuation named in passing, without a round
    assert N.investor_names(stored)[0] == "General Catalyst"  # in two of Mistral AI's rounds
