"""analysis.views.investor on a real store: General Catalyst in Mistral AI's rounds and Pomme Verte's."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.frames import Frames
from analysis.views.investor import investor_profile


def test_investor_profile_spans_companies(with_pomme_verte: Frames) -> None:
    p = investor_profile(with_pomme_verte, "General Catalyst")
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


def test_an_unknown_investor_has_an_empty_portfolio(with_pomme_verte: Frames) -> None:
    p = investor_profile(with_pomme_verte, "Nobody")
    assert p.portfolio.empty and p.co_investors.empty and p.activity.empty
    assert p.summary["n_rounds"] == 0 and p.summary["first"] == ""
