"""Investor cap table: rounds × investors, totals per investor, holdings after each round."""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, charts, rendering, widgets
from levee_ui.rendering import md

#: The holdings table's column headings.
HOLDINGS_COLUMNS = {"round": "Round", "company": "Company", "investor": "Investor", "stake_pct": "Stake %",
                    "how": "How"}

ctx = app.context()
st.title("Investor cap table")

# a cap table is one company's: the one with the most rounds first (the analyst's subject)
companies = ctx.ranked_companies("investments", "round_id")  # counted in DuckDB
if not companies:  # no investment of a named company under the filters
    rendering.empty(ctx, "investments")
    st.stop()
company = widgets.company_picker("Company", companies, "cap_company") if len(companies) > 1 else companies[0]
cap = ctx.computed(views.cap_table, company=company)

st.subheader(md(f"{company}: rounds × investors"))
st.caption(
    '★ lead investor · amounts as stated ("unknown" when no source gives one) · stake reported by the '
    "sources and implied by investment / post-money."
)
if cap.matrix.empty:
    rendering.empty(ctx, "rounds")
    st.stop()
widgets.table(cap.matrix.reset_index(), f"cap_table_{company}", "cap_matrix")

st.subheader("Totals per investor")
widgets.table(cap.totals, f"investor_totals_{company}", "cap_totals")
st.caption(md(f"Open an investor's page (its whole portfolio), or {company}'s page:"))
widgets.profile_links("company", [company], columns=1)
widgets.profile_links("investor", list(cap.totals["Investor"]))

st.subheader("Who holds what after each round")
if cap.holdings.empty:
    st.info("No round states a stake or an investment with a post-money valuation, so holdings can't be computed.")
    st.stop()
st.plotly_chart(charts.holdings(cap.holdings), width="stretch", key="cap_holdings")
st.caption(
    "Stake at entry as reported (else implied by investment / post-money), then diluted by each later "
    "round whose amount and post-money are known; the series stops where the data does."
)
holdings = cap.holdings.sort_values(["order", "stake_pct"], ascending=[True, False])
widgets.table(holdings.drop(columns=["order"]).rename(columns=HOLDINGS_COLUMNS), f"holdings_{company}",
              "cap_holdings_table")
