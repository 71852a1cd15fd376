"""Investor cap table: rounds × investors, totals per investor, holdings after each round."""

from __future__ import annotations

import html

import plotly.express as px
import streamlit as st

import levee_ui
from analysis import views
from analysis.views import md_escape as md

ctx = levee_ui.context()
st.title("Investor cap table")

if ctx.view.investments.empty:
    levee_ui.empty(ctx, "investments")
    st.stop()

# a cap table is one company's: the one with the most rounds first (the analyst's subject)
companies = ctx.computed(views.ranked_companies, frame="investments")
company = levee_ui.company_picker("Company", companies, "cap_company") if len(companies) > 1 else companies[0]
cap = ctx.computed(views.cap_table, company=company)

st.subheader(md(f"{company}: rounds × investors"))
st.caption(
    '★ lead investor · amounts as stated ("unknown" when no source gives one) · stake reported by the '
    "sources and implied by investment / post-money."
)
if cap.matrix.empty:
    levee_ui.empty(ctx, "rounds")
    st.stop()
levee_ui.table(cap.matrix.reset_index(), f"cap_table_{company}", "cap_matrix")

st.subheader("Totals per investor")
levee_ui.table(cap.totals, f"investor_totals_{company}", "cap_totals")
st.caption(md(f"Open an investor's page (its whole portfolio), or {company}'s page:"))
levee_ui.profile_links("company", [company], columns=1)
levee_ui.profile_links("investor", list(cap.totals["Investor"]))

st.subheader("Who holds what after each round")
if cap.holdings.empty:
    st.info(
        "No round states a stake or an investment with a post-money valuation, so holdings can't be computed."
    )
else:
    h = cap.holdings.sort_values(["order", "stake_pct"], ascending=[True, False])
    plotted = h.assign(**{c: h[c].astype(str).map(html.escape) for c in ("round", "investor", "company")})
    fig = px.bar(
        plotted,
        x="round",
        y="stake_pct",
        color="investor",
        text=h["stake_pct"].map(lambda v: f"{v:.1f} %"),
        hover_data={"how": True, "order": False},
        labels={"stake_pct": "Stake (%)", "round": "After round"},
    )
    fig.update_layout(height=420, barmode="stack", bargap=0.5, yaxis={"ticksuffix": " %"}, margin={"t": 20})
    st.plotly_chart(fig, width="stretch", key="cap_holdings")
    st.caption(
        "Stake at entry as reported (else implied by investment / post-money), then diluted by each later "
        "round whose amount and post-money are known; the series stops where the data does."
    )
    table = h.drop(columns=["order"]).rename(
        columns={
            "round": "Round",
            "company": "Company",
            "investor": "Investor",
            "stake_pct": "Stake %",
            "how": "How",
        }
    )
    levee_ui.table(table, f"holdings_{company}", "cap_holdings_table")
