"""analysis.views.ownership: the cap table (rounds × investors), totals and diluted stakes."""

from __future__ import annotations

import math

import pytest
from views_support import D, frames_of

from analysis.views.filters import Filters, apply_filters
from analysis.views.ownership import cap_table


def test_cap_table(small) -> None:
    cap = cap_table(apply_filters(small, Filters(companies=("Mistral AI",))))
    c = "Mistral AI · Series C · 9 Sep 2025"
    assert cap.matrix.loc[c, "ASML"] == "★ €1.3 bn · stake 11 % (implied 11.1 %)"
    assert cap.matrix.loc[c, "DST Global"] == "unknown"
    assert cap.matrix.loc["Mistral AI · round · Jun 2024", "General Catalyst"] == "★ unknown"
    assert cap.matrix.loc["Mistral AI · round · Jun 2024", "ASML"] == ""
    totals = cap.totals.set_index("Investor")
    assert totals.loc["ASML", "Total"] == "€1.3 bn"
    assert totals.loc["DST Global", "Total"] == "unknown"
    assert math.isnan(totals.loc["DST Global", "Known (EUR)"])
    assert totals.loc["ASML", "Led"] == 1
    after_c = cap.holdings[cap.holdings["round"] == c].set_index("investor")
    assert after_c.loc["ASML", "stake_pct"] == pytest.approx(11.0, abs=0.5)
    assert after_c.loc["ASML", "how"] == "reported"


def test_cap_table_dilution_and_empty() -> None:
    frames = frames_of(
        rounds=[
            {"round_id": "A", "company": "X", "round_label": "Seed", "date": D(2020, 1, 1), "amount_eur": 1e6, "post_money_eur": 5e6},
            {"round_id": "B", "company": "X", "round_label": "Series A", "date": D(2021, 1, 1), "amount_eur": 5e6, "post_money_eur": 20e6},
            {"round_id": "C", "company": "X", "round_label": "Series B", "date": D(2022, 1, 1), "amount_eur": None, "post_money_eur": None},
        ],
        investments=[
            {"round_id": "A", "company": "X", "investor": "Angel", "role": "lead", "amount_eur": 1e6},
            {"round_id": "B", "company": "X", "investor": "VC", "role": "lead", "amount_eur": 5e6},
            {"round_id": "C", "company": "X", "investor": "Late", "role": "lead", "amount_eur": None},
        ],
    )  # fmt: skip
    h = cap_table(frames).holdings
    assert h[(h["round"].str.contains("Seed")) & (h["investor"] == "Angel")]["stake_pct"].item() == pytest.approx(20)
    after_a = h[h["round"].str.contains("Series A")].set_index("investor")
    assert after_a.loc["Angel", "stake_pct"] == pytest.approx(15)  # 20 % diluted by 5/20
    assert after_a.loc["Angel", "how"] == "diluted"
    assert after_a.loc["VC", "stake_pct"] == pytest.approx(25)
    assert h[h["round"].str.contains("Series B")].empty  # the data stops there
    assert cap_table(frames_of()).matrix.empty
