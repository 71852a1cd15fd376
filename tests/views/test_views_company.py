"""analysis.views.company on a real store: the seeds plus one article where General Catalyst
leads another company's round (Pomme Verte)."""

from __future__ import annotations

import pandas as pd

from analysis.frames import Frames
from analysis.views.company import company_profile, valuation_points
from analysis.views.rounds import LED, PARTICIPATED


def test_company_profile_of_mistral(with_pomme_verte: Frames) -> None:
    p = company_profile(with_pomme_verte, "Mistral AI")
    assert list(p.rounds["Round"]) == ["round · Dec 2023", "round · 2024", "round · Feb 2024", "round · 9 Sep 2025"]
    series_c = p.rounds.iloc[-1]
    assert series_c["Amount"] == "€1.7 bn" and series_c["Post-money"] == "€11.7 bn"
    assert series_c["Leads"] == "ASML"
    investors = p.investors.set_index("Investor")
    assert investors.loc["General Catalyst", "Role"] == LED
    assert investors.loc["General Catalyst", "Joined in"] == "round · 2024"
    assert investors.loc["General Catalyst", "Rounds"] == 2
    assert investors.loc["Nvidia", "Role"] == PARTICIPATED
    assert investors.loc["Nvidia", "Joined in"] == "round · 9 Sep 2025"
    # the rumoured $600M of May 2024 against the announced €600M
    assert set(p.disagreements["Field"]) == {"amount", "status"}
    assert len(p.articles) == 5
    assert p.summary["latest_valuation"]["value"] == "€11.7 bn"
    assert p.summary["n_rounds"] == 4 and p.summary["rounds_with_amount"] == 3


def test_valuation_points_at_the_middle_of_their_span(with_pomme_verte: Frames) -> None:
    points = valuation_points(company_profile(with_pomme_verte, "Mistral AI"))
    december = points[points["when"] == "Dec 2023"].iloc[0]
    assert december["middle"] == pd.Timestamp(2023, 12, 16)  # the middle of its month, not the 1st
    assert december["half_width_ms"] == 15 * 86_400_000
    assert (points[points["when"] == "9 Sep 2025"]["half_width_ms"] == 0).all()


def test_a_company_without_figures_has_an_empty_profile(with_pomme_verte: Frames) -> None:
    p = company_profile(with_pomme_verte, "Nobody")
    assert p.rounds.empty and p.investors.empty and p.articles.empty and p.summary["latest_valuation"] is None
