"""Source comparison: one column per source, one row per round × field, coloured by agreement."""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, rendering, widgets
from levee_ui.rendering import md

ctx = app.context()
st.title("Source comparison")

# sources are compared round by round, within one company: the most covered company first
companies = ctx.ranked_companies("source_comparison", "article_id")  # counted in DuckDB
if not companies:
    rendering.empty(ctx, "source_comparison")
    st.stop()
company = widgets.company_picker("Company", companies, "sc_company") if len(companies) > 1 else companies[0]
comp = ctx.computed(views.comparison, company=company)
if comp.table.empty:
    rendering.empty(ctx, "source_comparison")
    st.stop()

st.caption(rendering.AGREEMENT_LEGEND)
selection = widgets.table(
    comp.table,
    f"source_comparison_{company}",
    "sc_grid",
    style=rendering.agreement_style(comp.kinds),
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
            explanation = views.EXPLANATIONS.get(str(record.get("explanation")), str(record.get("explanation") or ""))
            note = record.get("note")
            st.text(
                f"Stated: {views.comparison_text(record) or '–'} · {explanation}"
                + (f" · {note}" if isinstance(note, str) and note else "")
            )
            aid = str(record.get("article_id"))
            evidence = (views.evidence_for(ctx.article_figures(aid), record)
                        or views.evidence_for(ctx.article_figures(aid, filtered=False), record))
            if not evidence:
                st.caption("No extracted sentence for this figure.")
                continue
            text = ctx.article_text(aid, ctx.article_file(aid))
            segments, where = views.sentence_in_context(text, evidence[0])
            rendering.show_segments(segments)
            if where == "sentence":
                st.caption("The sentence alone (the article text is not available).")
if shown == 0:
    st.info("This source states nothing for this row.")
