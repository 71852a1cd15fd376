"""Review: the facts to check first, each in its sentences, and the analyst's corrections.

Pick a fact (lowest confidence, conflicts or largest amounts first), read it highlighted in
its articles, then confirm, edit, reject, merge or split it; every page, CSV and CLI answer
uses the corrected facts from then on. The fact's history lists its corrections, each one
undoable. Corrections are stored in DuckDB, anchored to the article's content hash and the
figure's span, so they survive re-ingest (``levee_ui.review``).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis import views
from analysis.history import corrections as cx
from levee_ui import app, rendering, review, widgets
from levee_ui.rendering import md

#: Rows of the facts table shown without scrolling, and the height of one row (pixels).
ROWS_SHOWN, ROW_PX = 15, 35

ctx = app.context()
st.title("Review")

left, kinds_col, mid, right = st.columns([2, 2, 2, 1])
order = left.radio("Check first", list(views.ORDERS), format_func=views.ORDERS.get, key="rv_order")
kinds = kinds_col.multiselect("Facts", list(views.FACT_KINDS), key="rv_kinds", placeholder="Rounds, investors, valuations")
below = mid.slider(
    "Confidence below", 0.0, 1.0, 1.0, 0.05, key="rv_below", help="1.0 lists every fact; lower it to focus."
)
author = right.text_input("Your name", value=cx.default_author(), key="rv_author", help="Stored with each change.")
review.orphans()

threshold = below if below < 1 else None
# the first facts to check are listed (and offered to the keyboard picker); all are counted
checklist = ctx.checklist(order, threshold, tuple(kinds), views.FACTS_LISTED)  # sorted and counted in DuckDB
facts, total = checklist.facts, checklist.total
if facts.empty:
    rendering.empty(ctx, "rounds")
    st.stop()
shown = facts.drop(columns=["kind", "round_id", "investor", "valuation_index"])
listed = f"; the first {len(facts):,} to check are listed" if total > len(facts) else ""
st.caption(f"{total:,} facts{listed}. Select one (the box at the start of its row) to read its sentences and correct it.")
picked = widgets.table(
    shown,
    "facts_to_check",
    "rv_facts",
    on_select="rerun",
    selection_mode="single-row",
    height=min(ROW_PX * (len(shown) + 1) + 3, ROW_PX * (ROWS_SHOWN + 1) + 3),
    config={"Confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f")},
)
# the keyboard way: type part of a fact, Enter (a row selected in the table wins)
typed = st.selectbox(
    "Or find a fact",
    range(len(facts)),
    index=None,
    format_func=lambda i: f"{facts['Fact'].iloc[i]}: {facts['What'].iloc[i]}",
    key="rv_fact_typed",
    placeholder="Type part of a company, investor or amount, then Enter"
    + (f" (the first {len(facts):,} to check)" if total > len(facts) else ""),
)
chosen = picked.rows[0] if picked and picked.rows else typed
if chosen is None:
    st.stop()

fact = facts.iloc[chosen]
kind, round_id, investor = str(fact["kind"]), fact["round_id"], fact["investor"]
vindex = None if views.is_missing(fact["valuation_index"]) else int(fact["valuation_index"])
ev = ctx.computed(views.evidence_of, kind, round_id, investor, vindex)
st.subheader(md(f"{fact['Fact']}: {fact['What']}"))
st.caption(md(f"Confidence {fact['Confidence']:.2f}: {fact['Why']}" if fact["Confidence"] == fact["Confidence"]
              else "No confidence computed."))
if fact["Corrected"]:
    st.info(md(f"Corrected: {views.correction_note(ev.record)}"))

# where the fact stands in each article: the anchors of its corrections, among every mention of
# the store (whatever the filters) of its round, the rounds it may merge with, its article
mentions = ctx.mentions_of(
    round_ids=[str(round_id), *ev.merge_candidates] if kind != "valuation" else (),
    article_ids=[str(ev.record.get("article_id"))] if kind == "valuation" else (),
)
if kind == "valuation":
    anchors = [a for a in [cx.anchor_of_valuation(mentions, ev.record)] if a]
else:
    anchors = cx.anchors_of_round(mentions, str(round_id))

st.markdown("**In its articles**")
review.evidence(ctx, ev.mentions)
if not anchors:
    st.warning("This fact has no span in its articles to anchor a correction to.")
    st.stop()

review.actions(
    review.Subject(
        kind=kind,
        anchors=anchors,
        record=ev.record,
        merge_candidates=ev.merge_candidates,
        common={"author": author.strip() or cx.default_author(), "note": None,
                "investor": investor if kind == "investor" else None,
                "created_at": dt.datetime.now()},  # one time for every correction of one action
    ),
    mentions,
)
