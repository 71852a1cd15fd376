"""analysis.profiles on a real store: the seeds plus one article where General Catalyst
leads another company's round (so an investor has two companies)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis import frames, profiles, store
from analysis.views import Tables

ROOT = Path(__file__).resolve().parents[1]
POMME_VERTE = ROOT / "tests" / "fixtures" / "profiles" / "pomme_verte.txt"


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Tables:
    db = tmp_path_factory.mktemp("profiles") / "levee.duckdb"
    store.ingest([ROOT / "seeds"], manifest=ROOT / "seeds" / "manifest.csv", db=db, progress=False)
    store.ingest([POMME_VERTE], db=db, progress=False)
    return Tables.of(frames.load(db))


def test_search_forgives_typos_and_accents() -> None:
    names = ["Mistral AI", "OpenAI", "Société Générale", "Pomme Verte"]
    assert profiles.search_names("mistal", names)[0] == "Mistral AI"
    assert profiles.search_names("societe generale", names) == ["Société Générale"]
    assert profiles.search_names("pom", names)[0] == "Pomme Verte"
    assert profiles.search_names("zzzz", names) == []
    assert profiles.search_names("  ", names) == names


def test_names_most_reported_first(tables: Tables) -> None:
    companies = profiles.company_names(tables)
    assert companies[0] == "Mistral AI"
    assert {"OpenAI", "Pomme Verte"} <= set(companies)  # OpenAI: a valuation named in passing
    investors = profiles.investor_names(tables)
    assert investors[0] == "General Catalyst"  # Mistral AI twice, Pomme Verte once


def test_company_profile_of_mistral(tables: Tables) -> None:
    p = profiles.company_profile(tables, "Mistral AI")
    assert list(p.rounds["Round"]) == ["round · Dec 2023", "round · 2024", "round · Feb 2024", "round · 9 Sep 2025"]
    series_c = p.rounds.iloc[-1]
    assert series_c["Amount"] == "€1.7 bn" and series_c["Post-money"] == "€11.7 bn"
    assert series_c["Leads"] == "ASML"
    investors = p.investors.set_index("Investor")
    assert investors.loc["General Catalyst", "Role"] == profiles.LED
    assert investors.loc["General Catalyst", "Joined in"] == "round · 2024"
    assert investors.loc["General Catalyst", "Rounds"] == 2
    assert investors.loc["Nvidia", "Role"] == profiles.PARTICIPATED
    assert investors.loc["Nvidia", "Joined in"] == "round · 9 Sep 2025"
    # the rumoured $600M of May 2024 against the announced €600M
    assert set(p.disagreements["Field"]) == {"amount", "status"}
    assert len(p.articles) == 5
    assert p.summary["latest_valuation"]["value"] == "€11.7 bn"
    assert p.summary["n_rounds"] == 4 and p.summary["rounds_with_amount"] == 3


def test_investor_profile_spans_companies(tables: Tables) -> None:
    p = profiles.investor_profile(tables, "General Catalyst")
    rows = {(r["Company"], r["Role"]) for _, r in p.portfolio.iterrows()}
    assert rows == {("Mistral AI", "led"), ("Mistral AI", "participated"), ("Pomme Verte", "led")}
    pomme = p.portfolio[p.portfolio["Company"] == "Pomme Verte"].iloc[0]
    assert pomme["Round amount"] == "€12 M" and pomme["Precision"] == "day"
    assert pomme["Date"] == pd.Timestamp(2025, 3, 14)
    assert p.summary == {
        **p.summary, "n_companies": 2, "n_rounds": 3, "n_led": 2, "n_participated": 1, "first": "2024",
        "last": "2025",
    }
    assert p.summary["rounds_eur"] == pytest.approx(600e6 + 1.7e9 + 12e6)
    co = p.co_investors.set_index("Co-investor")
    assert co.loc["Lightspeed Venture Partners", "Rounds together"] == 2
    assert co.loc["Kima Ventures", "Companies"] == "Pomme Verte"
    assert p.activity.to_dict("records") == [
        {"Year": 2024, "led": 1, "participated": 0},
        {"Year": 2025, "led": 1, "participated": 1},
    ]


def test_date_span_and_valuation_points(tables: Tables) -> None:
    assert profiles.date_span("2024-02-10", "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert profiles.date_span(dt.date(2024, 1, 1), "year") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert profiles.date_span("2025-09-09", "day") == (dt.date(2025, 9, 9), dt.date(2025, 9, 9))
    assert profiles.date_span(None, "day") is None
    points = profiles.valuation_points(profiles.company_profile(tables, "Mistral AI"))
    december = points[points["when"] == "Dec 2023"].iloc[0]
    assert december["middle"] == pd.Timestamp(2023, 12, 16)  # the middle of its month, not the 1st
    assert december["half_width_ms"] == 15 * 86_400_000
    assert (points[points["when"] == "9 Sep 2025"]["half_width_ms"] == 0).all()


def test_article_links_are_web_addresses_only() -> None:
    assert profiles._web_link("https://www.lesechos.fr/x") == "https://www.lesechos.fr/x"
    assert profiles._web_link("javascript:alert(1)") is None
    assert profiles._web_link(None) is None
