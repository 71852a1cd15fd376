"""Investor: an investor's portfolio, led vs participated, money, co-investors, activity.

The subject comes from ``?investor=…`` (deep links and every investor link of the app);
a typo-tolerant search box finds another.
"""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, charts, rendering, widgets
from levee_ui.rendering import md

#: Investors offered as links when none is chosen yet.
SUGGESTED = 12

ctx = app.context()
st.title("Investor")

names = ctx.ranked_names("investor")  # counted in the store: no round is read for the list
query = widgets.profile_search("investor", names, example="ligthspeed")

investor = st.query_params.get("investor")
if not investor or investor not in names:
    if investor:
        st.warning(md(f"No investor named \u201c{investor}\u201d in the store."))
    if not names:
        rendering.empty(ctx, "investments")
    elif not query:
        st.info("Search above, or open one of the most active investors.")
        widgets.profile_links("investor", names[:SUGGESTED])
    st.stop()

profile = ctx.computed(views.investor_profile, investor)
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
    md(views.format_money(s["rounds_eur"], "EUR", unknown="–")),
    help=f"Sum of the {s['rounds_with_amount']} rounds with a known amount it took part in (the whole round, "
    f"not its own ticket), in EUR at each round's date; {md(views.format_money(s['rounds_usd'], 'USD', unknown='–'))}.",
)
m[4].metric("Active", md(f"{s['first']} – {s['last']}" if s["first"] else "–"))

st.subheader("Portfolio")
if profile.portfolio.empty:
    st.info("No round of this investor under the current filters.")
else:
    widgets.profile_links("company", list(dict.fromkeys(profile.portfolio["Company"])))
    widgets.table(profile.portfolio, f"portfolio_{investor}", "inv_portfolio")

st.subheader("Activity")
if profile.activity.empty:
    st.info("None of its rounds has a date.")
else:
    st.plotly_chart(charts.activity(profile.activity), width="stretch", key="inv_activity")

st.subheader("Co-investors seen most often")
if profile.co_investors.empty:
    st.caption("No other investor named in its rounds.")
else:
    widgets.profile_links("investor", list(profile.co_investors["Co-investor"]))
    widgets.table(profile.co_investors, f"co_investors_{investor}", "inv_co_investors")

st.subheader("Articles")
widgets.table(
    profile.articles.drop(columns=["article_id"]),
    f"articles_{investor}",
    "inv_articles",
    config={"URL": st.column_config.LinkColumn("URL")},
)
