"""Company: one company's rounds, valuation history, investors, sources and articles.

The subject is the company filter when it names one company (``?company=…`` deep links);
otherwise a typo-tolerant search box finds one.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

import levee_ui
from analysis import profiles, views
from analysis.views import md_escape as md

#: Companies offered as links when none is chosen yet.
SUGGESTED = 12

ctx = levee_ui.context()
st.title("Company")

names = ctx.computed(profiles.company_names, unfiltered=True)
query = levee_ui.profile_search("company", names, example="mistal")

chosen = ctx.filters.companies
if len(chosen) != 1:
    if chosen:
        st.info("The company filter names several companies: open one.")
        levee_ui.profile_links("company", list(chosen))
    elif not query:
        if not names:
            levee_ui.empty(ctx, "rounds")
        else:
            st.info("Search above, or open one of the most reported companies.")
            levee_ui.profile_links("company", names[:SUGGESTED])
    st.stop()

company = chosen[0]
profile = ctx.computed(profiles.company_profile, company)
st.header(md(company))
s = profile.summary
m = st.columns(5)
m[0].metric("Rounds", s["n_rounds"])
m[1].metric(
    "Raised",
    md(views.fmt_money(s["raised_eur"], "EUR", unknown="–")),
    help=f"Sum of the {s['rounds_with_amount']} rounds with a known amount, in EUR at each round's date "
    f"({md(views.fmt_money(s['raised_usd'], 'USD', unknown='–'))}).",
)
lv = s["latest_valuation"]
m[2].metric(
    "Latest valuation",
    md(lv["value"]) if lv else "–",
    help=md(f"{lv['date']}, {lv['status']}") if lv else "No valuation in the sources.",
)
m[3].metric("Investors", s["n_investors"])
m[4].metric("Articles", s["n_articles"], help=f"{s['n_disagreements']} figures where a source differs")

st.subheader("Rounds")
if profile.rounds.empty:
    st.info("No round of this company under the current filters.")
else:
    levee_ui.table(profile.rounds, f"rounds_{company}", "co_rounds")

st.subheader("Valuation history")
points = profiles.valuation_points(profile)
if points.empty:
    st.info("No valuation of this company under the current filters.")
else:
    fig = go.Figure()
    for status, symbol in (("announced", "circle"), ("reported", "circle-open")):
        part = points[points["status"] == status]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["middle"],
                y=part["value_eur"],
                mode="markers",
                name=status,
                marker={"size": 11, "symbol": symbol},
                error_x={"type": "data", "array": part["half_width_ms"], "visible": True, "thickness": 2},
                customdata=part[["when", "valuation", "basis", "source"]].astype(str).map(html.escape).to_numpy(),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]} (%{y:,.0f} EUR)"
                "<br>basis: %{customdata[2]}<br>%{customdata[3]}<extra>" + status + "</extra>",
            )
        )
    fig.update_layout(height=360, margin={"t": 20}, yaxis={"title": "Valuation (EUR)", "rangemode": "tozero"})
    st.plotly_chart(fig, width="stretch", key="co_valuations")
    st.caption(
        "Each source's figure in EUR at the rate of its date; a figure dated to a month or a year "
        "is drawn across that month or year."
    )
    with st.expander("Every valuation figure"):
        levee_ui.table(profile.valuations, f"valuations_{company}", "co_valuation_table")

st.subheader("Investors")
if profile.investors.empty:
    st.info("No investor named in this company's rounds.")
else:
    levee_ui.profile_links("investor", list(profile.investors["Investor"]))
    levee_ui.table(
        profile.investors,
        f"investors_{company}",
        "co_investors",
    )

st.subheader("Sources")
if profile.disagreements.empty:
    st.caption("The sources agree on every figure of this company (or only one source tells each).")
else:
    st.caption("Where a source differs from the consensus, and why.")
    levee_ui.table(profile.disagreements, f"disagreements_{company}", "co_disagreements")
levee_ui.table(
    profile.articles.drop(columns=["article_id"]),
    f"articles_{company}",
    "co_articles",
    config={"URL": st.column_config.LinkColumn("URL")},
)
