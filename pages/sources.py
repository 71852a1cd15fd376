"""Source comparison: one column per source, one row per round × field, coloured by agreement."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import levee_ui
from analysis import views
from analysis.views import md_escape as md

ctx = levee_ui.context()
st.title("Source comparison")

# sources are compared round by round, within one company: the most covered company first
companies = ctx.computed(views.ranked_companies, "article_id", frame="source_comparison")
if not companies:
    levee_ui.empty(ctx, "source_comparison")
    st.stop()
company = levee_ui.company_picker("Company", companies, "sc_company") if len(companies) > 1 else companies[0]
comp = ctx.computed(views.comparison, company=company)
if comp.table.empty:
    levee_ui.empty(ctx, "source_comparison")
    st.stop()

COLOURS = {
    "agrees": "#d4f4dd",
    "agrees (rounding)": "#e3f0fb",
    "agrees (FX)": "#e3f0fb",
    "explained": "#fff1c2",
    "unexplained": "#ffd3d3",
}
st.caption(
    "Cells: :green-background[same figure] · :blue-background[same figure in another currency, or rounded] · "
    ":orange-background[difference explained (pre/post-money, superseded rumour, stale)] · "
    ":red-background[unexplained]. Select a cell (or a row) to read the sentence."
)


def _styled(shown: pd.DataFrame) -> Any:
    kinds = comp.kinds.loc[shown.index, shown.columns]
    return shown.style.apply(
        lambda _: kinds.map(lambda k: f"background-color: {COLOURS[k]}" if k in COLOURS else ""), axis=None
    )


selection = levee_ui.table(
    comp.table,
    f"source_comparison_{company}",
    "sc_grid",
    style=_styled,
    page_rows=100,
    sparse=comp.sources,
    on_select="rerun",
    selection_mode=["single-cell", "single-row"],
    config={"Differences": st.column_config.TextColumn("Differences", width="large")},
)

row: int | None = None
sources: list[str] = []
if selection is not None and selection.cells:
    row, column = selection.cells[0]
    sources = [column] if column in comp.sources else list(comp.sources)
elif selection is not None and selection.rows:
    row, sources = selection.rows[0], list(comp.sources)

if row is None:
    st.info("Select a cell of a source column, or a whole row, to see each figure in its sentence.")
    st.stop()

current = comp.table.iloc[row]
st.subheader(md(f"{current['Round']} · {current['Field']}"))
st.write(f"Consensus: **{md(current['Consensus'])}**")
shown = 0
for source in sources:
    stated = comp.cells.get((row, source), [])
    if not stated:
        continue
    shown += 1
    with st.container(border=True):
        st.markdown(f"**{md(source)}** — {md(comp.kinds.iloc[row][source] or 'no verdict')}")
        for record in stated:
            explanation = views.EXPLANATIONS.get(
                str(record.get("explanation")), str(record.get("explanation") or "")
            )
            note = record.get("note")
            value = views.comparison_text(record)
            st.text(
                f"Stated: {value or '–'} · {explanation}"
                + (f" · {note}" if isinstance(note, str) and note else "")
            )
            evidence = views.evidence_for(ctx.view, record) or views.evidence_for(ctx.all, record)
            if not evidence:
                st.caption("No extracted sentence for this figure.")
                continue
            aid = str(record.get("article_id"))
            article = views.records(ctx.all.articles[ctx.all.articles["article_id"] == aid])
            file = article[0].get("file") if article else None
            text = levee_ui.article_text(str(ctx.db), levee_ui.store_token(ctx.db), aid, file)
            segments, where = views.sentence_in_context(text, evidence[0])
            levee_ui.show_segments(segments)
            if where == "sentence":
                st.caption("The sentence alone (the article text is not available).")
if shown == 0:
    st.info("This source states nothing for this row.")
