"""Overview: headline figures, the rounds table and the state of the corpus."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import views
from levee_ui import app, rendering, widgets
from levee_ui.rendering import md

ctx = app.context()
st.title("Overview")

summary = ctx.overview()  # summed up in DuckDB: no frame of the store is read
h = views.overview_headline(summary)
c = [*st.columns(3), *st.columns(3)]
raised = md(views.format_money(h.total_raised_eur, "EUR", unknown="–"))
c[0].metric(
    "Total raised",
    raised,
    help=f"Sum of the {h.rounds_with_amount} rounds with a known amount, in EUR at each round's date "
    f"({md(views.format_money(h.total_raised_usd, 'USD', unknown='–'))}).",
)
lv = h.latest_valuation
if lv:
    c[1].metric(
        "Latest post-money valuation",
        md(views.format_money(lv["value"], lv["currency"])),
        help=md(
            f"{lv['company']}, {views.format_date(lv['date'], lv['precision'] or 'day')}, {lv['status']}; "
            f"source: {lv['source']}"
        ),
    )
else:
    c[1].metric("Latest post-money valuation", "–")
c[2].metric("Rounds", h.n_rounds)
c[3].metric("Investors", h.n_investors)
c[4].metric("Sources", h.n_sources, help=f"{h.n_publishers} publishers")
c[5].metric(
    "Latest article", md(views.format_date(h.latest_article, h.latest_article_precision or "day") or "–")
)
if lv:
    st.caption(
        md(
            f"Latest valuation: {lv['company']} at {views.format_money(lv['value'], lv['currency'])} "
            f"({views.format_money(lv['value_eur'], 'EUR')} / {views.format_money(lv['value_usd'], 'USD')}), "
            f"{views.format_date(lv['date'], lv['precision'] or 'day')}, {lv['status']}, from {lv['source']}."
        )
    )

st.subheader("Rounds")
rounds, n_rounds = ctx.latest_rounds_table()  # read with the summary
if rounds.empty:
    rendering.empty(ctx, "rounds")
else:
    if n_rounds > len(rounds):
        st.caption(f"The {len(rounds):,} latest of {n_rounds:,} rounds; the Data page lists and downloads them all.")
    picked = widgets.table(
        rounds, "rounds", "overview_rounds", on_select="rerun", selection_mode="single-row"
    )
    if picked and picked.rows:
        row = rounds.iloc[picked.rows[0]]
        investors = views.as_list(row["Investors"])
        st.caption(md(f"Selected round of {row['Company']}: open its page, or one of its investors'."))
        widgets.profile_links("company", [row["Company"]], columns=1)
        if investors:
            widgets.profile_links("investor", investors)
    else:
        st.caption("Select a round (the box at the start of its row) to open its investors' pages.")
    companies = views.ranked_names(summary.top_company_counts)[: views.COMPANIES_LINKED]  # counted with the summary
    st.caption(
        "Open a company's page (rounds, valuation history, investors, sources)"
        + (f"; the {len(companies)} most reported of {summary.n_companies} here, the Company page finds the others."
           if summary.n_companies > len(companies) else ".")
    )
    widgets.profile_links("company", companies)

st.subheader("Corpus")
state = views.overview_corpus(summary)
if state["n_articles"] == 0:
    rendering.empty(ctx, "articles")
else:
    span = (
        f"{views.format_date(state['first'])} – {views.format_date(state['last'])}" if state["first"] else "unknown"
    )
    st.write(
        f"**{state['n_articles']} article{'s' if state['n_articles'] != 1 else ''}** "
        f"({state['n_chars']:,} characters), published {span}; "
        f"languages: {md(', '.join(f'{k} ({v})' for k, v in state['languages'].items()))}."
    )
    corpus = pd.DataFrame(
        [{"Publisher": k, "Articles": v} for k, v in state["publishers"].items()],
        columns=["Publisher", "Articles"],
    )
    widgets.table(corpus, "publishers", "overview_publishers")
