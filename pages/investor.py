"""Investor: an investor's portfolio, led vs participated, money, co-investors, activity.

The subject comes from ``?investor=…`` (deep links and every investor link of the app);
a typo-tolerant search box finds another.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import levee_ui
from analysis import profiles, views
from analysis.views import md_escape as md

#: Investors offered as links when none is chosen yet.
SUGGESTED = 12

ctx = levee_ui.context()
st.title("Investor")

names = ctx.computed(profiles.investor_names, unfiltered=True)
query = levee_ui.profile_search("investor", names, example="ligthspeed")

investor = st.query_params.get("investor")
if not investor or investor not in names:
    if investor:
        st.warning(md(f"No investor named \u201c{investor}\u201d in the store."))
    if not names:
        levee_ui.empty(ctx, "investments")
    elif not query:
        st.info("Search above, or open one of the most active investors.")
        levee_ui.profile_links("investor", names[:SUGGESTED])
    st.stop()

profile = ctx.computed(profiles.investor_profile, investor)
st.header(md(investor))
if ctx.filters.companies:
    st.caption(
        md(f"Only the rounds of {', '.join(ctx.filters.companies)} (company filter); clear it to see the whole "
           "portfolio.")
    )
s = profile.summary
m = st.columns(5)
m[0].metric("Companies", s["n_companies"])
m[1].metric("Rounds", s["n_rounds"], help=f"Led {s['n_led']}, participated in {s['n_participated']}.")
m[2].metric("Led", s["n_led"])
m[3].metric(
    "Money of its rounds",
    md(views.fmt_money(s["rounds_eur"], "EUR", unknown="–")),
    help=f"Sum of the {s['rounds_with_amount']} rounds with a known amount it took part in (the whole round, "
    f"not its own ticket), in EUR at each round's date; {md(views.fmt_money(s['rounds_usd'], 'USD', unknown='–'))}.",
)
m[4].metric("Active", md(f"{s['first']} – {s['last']}" if s["first"] else "–"))

st.subheader("Portfolio")
if profile.portfolio.empty:
    st.info("No round of this investor under the current filters.")
else:
    companies = list(dict.fromkeys(profile.portfolio["Company"]))
    levee_ui.profile_links("company", companies)
    levee_ui.table(
        profile.portfolio,
        f"portfolio_{investor}",
        "inv_portfolio",
    )

st.subheader("Activity")
if profile.activity.empty:
    st.info("None of its rounds has a date.")
else:
    fig = go.Figure()
    for role, colour in ((profiles.LED, "#d62728"), (profiles.PARTICIPATED, "#1f77b4")):
        fig.add_trace(go.Bar(x=profile.activity["Year"], y=profile.activity[role], name=role, marker_color=colour))
    fig.update_layout(
        barmode="stack", height=300, margin={"t": 20}, xaxis={"dtick": 1, "title": "Year of the round"},
        yaxis={"title": "Rounds", "dtick": 1},
    )
    st.plotly_chart(fig, width="stretch", key="inv_activity")

st.subheader("Co-investors seen most often")
if profile.co_investors.empty:
    st.caption("No other investor named in its rounds.")
else:
    levee_ui.profile_links("investor", list(profile.co_investors["Co-investor"]))
    levee_ui.table(
        profile.co_investors,
        f"co_investors_{investor}",
        "inv_co_investors",
    )

st.subheader("Articles")
levee_ui.table(
    profile.articles.drop(columns=["article_id"]),
    f"articles_{investor}",
    "inv_articles",
    config={"URL": st.column_config.LinkColumn("URL")},
)
