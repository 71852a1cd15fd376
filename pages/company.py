"""Company: one company's rounds, valuation history, investors, sources and articles.

The subject is the company filter when it names one company (``?company=…`` deep links);
otherwise a typo-tolerant search box finds one.
"""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, charts, rendering, widgets
from levee_ui.rendering import md

#: Companies offered as links when none is chosen yet.
SUGGESTED = 12

ctx = app.context()
st.title("Company")

names = ctx.ranked_names("company")  # counted in the store: no round is read for the list
query = widgets.profile_search("company", names, example="mistal")

chosen = ctx.filters.companies
if len(chosen) != 1:
    if chosen:
        st.info("The company filter names several companies: open one.")
        widgets.profile_links("company", list(chosen))
    elif not query:
        if not names:
            rendering.empty(ctx, "rounds")
        else:
            st.info("Search above, or open one of the most reported companies.")
            widgets.profile_links("company", names[:SUGGESTED])
    st.stop()

company = chosen[0]
profile = ctx.computed(views.company_profile, company)
st.header(md(company))
s = profile.summary
m = st.columns(5)
m[0].metric("Rounds", s["n_rounds"])
m[1].metric(
    "Raised",
    md(views.format_money(s["raised_eur"], "EUR", unknown="–")),
    help=f"Sum of the {s['rounds_with_amount']} rounds with a known amount, in EUR at each round's date "
    f"({md(views.format_money(s['raised_usd'], 'USD', unknown='–'))}).",
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
    widgets.table(profile.rounds, f"rounds_{company}", "co_rounds")

st.subheader("Valuation history")
points = views.valuation_points(profile)
if points.empty:
    st.info("No valuation of this company under the current filters.")
else:
    st.plotly_chart(charts.valuation_history(points), width="stretch", key="co_valuations")
    st.caption(
        "Each source's figure in EUR at the rate of its date; a figure dated to a month or a year "
        "is drawn across that month or year."
    )
    with st.expander("Every valuation figure"):
        widgets.table(profile.valuations, f"valuations_{company}", "co_valuation_table")

st.subheader("Investors")
if profile.investors.empty:
    st.info("No investor named in this company's rounds.")
else:
    widgets.profile_links("investor", list(profile.investors["Investor"]))
    widgets.table(profile.investors, f"investors_{company}", "co_investors")

st.subheader("Sources")
if profile.disagreements.empty:
    st.caption("The sources agree on every figure of this company (or only one source tells each).")
else:
    st.caption("Where a source differs from the consensus, and why.")
    widgets.table(profile.disagreements, f"disagreements_{company}", "co_disagreements")
widgets.table(
    profile.articles.drop(columns=["article_id"]),
    f"articles_{company}",
    "co_articles",
    config={"URL": st.column_config.LinkColumn("URL")},
)
