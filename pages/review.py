"""Review: the facts to check first, each in its sentences, and the analyst's corrections.

Pick a fact (lowest confidence, conflicts or largest amounts first), read it highlighted in
its articles, then confirm, edit, reject, merge or split it; every page, CSV and CLI answer
uses the corrected facts from then on. The fact's history lists its corrections, each one
undoable. Corrections are stored in DuckDB (``analysis.store``), anchored to the article's
content hash and the figure's span, so they survive re-ingest.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

import levee_ui
from analysis import triage, views
from analysis.history import corrections as cx
from analysis.views import md_escape as md

#: The fields of the edit form, the most often wrong first.
EDIT_ORDER = ("amount", "valuation", "round_label", "date", "status", "lead_investors", "investors", "company")
#: Rows of the facts table shown without scrolling, and the height of one row (pixels).
ROWS_SHOWN, ROW_PX = 15, 35

ctx = levee_ui.context()
st.title("Review")

left, kinds_col, mid, right = st.columns([2, 2, 2, 1])
order = left.radio(
    "Check first", list(triage.ORDERS), format_func=triage.ORDERS.get, key="rv_order"
)
kinds = kinds_col.multiselect("Facts", list(triage.FACT_KINDS), key="rv_kinds", placeholder="Rounds, investors, valuations")
below = mid.slider(
    "Confidence below", 0.0, 1.0, 1.0, 0.05, key="rv_below", help="1.0 lists every fact; lower it to focus."
)
author = right.text_input("Your name", value=cx.default_author(), key="rv_author", help="Stored with each change.")

orphans = levee_ui.orphaned_corrections()
if not orphans.empty:
    with st.expander(f"Orphaned corrections ({len(orphans)})"):
        st.caption("Their fact is no longer found (its article changed, or the extractor no longer states it); "
                   "kept, never dropped.")
        levee_ui.table(orphans, "orphaned_corrections", "rv_orphans")

facts = ctx.computed(triage.facts_to_check, order, below if below < 1 else None, tuple(kinds))
if facts.empty:
    levee_ui.empty(ctx, "rounds")
    st.stop()
shown = facts.drop(columns=["kind", "round_id", "investor", "valuation_index"])
st.caption(
    f"{len(facts):,} facts. Select one (the box at the start of its row) to read its sentences and correct it."
)
picked = levee_ui.table(
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
    placeholder="Type part of a company, investor or amount, then Enter",
)
chosen = picked.rows[0] if picked and picked.rows else typed
if chosen is None:
    st.stop()

fact = facts.iloc[chosen]
kind, round_id, investor = str(fact["kind"]), fact["round_id"], fact["investor"]
vindex = None if views.is_missing(fact["valuation_index"]) else int(fact["valuation_index"])
ev = ctx.computed(triage.evidence_of, kind, round_id, investor, vindex)
st.subheader(md(f"{fact['Fact']}: {fact['What']}"))
st.caption(md(f"Confidence {fact['Confidence']:.2f}: {fact['Why']}" if fact["Confidence"] == fact["Confidence"]
              else "No confidence computed."))
if fact["Corrected"]:
    st.info(md(f"Corrected: {views.correction_note(ev.record)}"))

# -- anchors: where the fact stands in each article
if kind == "valuation":
    anchor = cx.anchor_of_valuation(ctx.all.mentions, ev.record)
    anchors = [anchor] if anchor else []
else:
    anchors = cx.anchors_of_round(ctx.all.mentions, str(round_id))

st.markdown("**In its articles**")
files = dict(zip(ctx.all.articles["article_id"].astype(str), ctx.all.articles["file"], strict=True))
for mention in views.records(ev.mentions):
    article_id = str(mention["article_id"])
    text = levee_ui.article_text(str(ctx.db), ctx.token, article_id, files.get(article_id))
    segments, _ = views.sentence_in_context(text, mention)
    with st.container(border=True):
        st.caption(md(f"{mention['source']} · {mention['kind'].replace('_', ' ')} · {mention.get('status') or ''}"))
        levee_ui.show_segments(segments)
        st.page_link("pages/articles.py", label="Open the article", query_params={"article": str(mention["article_id"])})
if not anchors:
    st.warning("This fact has no span in its articles to anchor a correction to.")
    st.stop()


def _save(made: list[cx.Correction], done: str) -> None:
    levee_ui.save_corrections(made)
    st.session_state["_rv_done"] = done
    st.rerun()


done = st.session_state.pop("_rv_done", None)
if done:
    st.success(md(done))

note = st.text_input("Note (optional)", key="rv_note")
fact_kind = "investor" if kind == "investor" else kind
common = {"author": author.strip() or cx.default_author(), "note": note.strip() or None,
          "investor": investor if kind == "investor" else None,
          "created_at": dt.datetime.now()}  # one time for every correction of one action
tabs = st.tabs(["Confirm", "Edit", "Reject", "Merge", "Split", "History"])

with tabs[0]:
    st.caption("The fact is right: its confidence becomes 1 and it leaves the top of the list.")
    if st.button("Confirm", key="rv_confirm", type="primary"):
        _save([cx.new_correction(fact_kind, "confirm", a, **common) for a in anchors], "Confirmed.")

with tabs[1]:
    fields = sorted(
        (f for f in cx.FIELDS[fact_kind] if f not in ("date_precision", "valuation_basis", "currency")),
        key=lambda f: EDIT_ORDER.index(f) if f in EDIT_ORDER else len(EDIT_ORDER),
    )
    if not fields:
        st.caption("Nothing to edit on an investor but its ticket; reject it if it is not one.")
    else:
        with st.form("rv_edit"):
            field = st.selectbox("Field", fields, key="rv_field")
            value_text = st.text_input(
                "New value",
                key="rv_value",
                help="Amount or valuation: a number in units (1800000000) or with a scale (1.8 bn); "
                "investor lists: names separated by ';'; date: YYYY-MM-DD, YYYY-MM or YYYY; status: "
                "announced or reported.",
            )
            currency = st.text_input("Currency (amount, valuation)", key="rv_currency", placeholder="EUR")
            basis = st.selectbox("Valuation basis", ["post", "pre"], key="rv_basis")
            if st.form_submit_button("Save the edit", type="primary"):
                try:
                    made = levee_ui.edit_corrections(
                        fact_kind, anchors, field, value_text, currency, basis, ev.record, common
                    )
                except (cx.CorrectionError, ValueError) as exc:
                    st.error(md(f"Not saved: {exc}"))
                else:
                    _save(made, f"{field} corrected.")

with tabs[2]:
    reasons = cx.REASONS[fact_kind]
    with st.form("rv_reject"):
        reason = st.radio("Why", reasons, format_func=lambda r: r.replace("_", " "), key="rv_reason")
        company = st.text_input("The right company (wrong company only)", key="rv_company")
        if st.form_submit_button("Reject", type="primary"):
            made = [
                cx.new_correction(
                    fact_kind, "reject", a, reason=reason,
                    new_value=company.strip() or None if reason == "wrong_company" else None, **common,
                )
                for a in anchors
            ]
            _save(made, f"Rejected: {reason.replace('_', ' ')}.")

with tabs[3]:
    if kind != "round" or not ev.merge_candidates:
        st.caption("Only a round can be merged, with another round of its company.")
    else:
        with st.form("rv_merge"):
            other = st.selectbox("Merge with", list(ev.merge_candidates), format_func=ev.merge_candidates.get)
            if st.form_submit_button("Merge the two rounds", type="primary"):
                targets = cx.anchors_of_round(ctx.all.mentions, str(other))
                if not targets:
                    st.error("That round has no span to anchor the merge to.")
                else:
                    _save([cx.new_correction("round", "merge", anchors[0], target=targets[0], **common)],
                          "Merged.")

with tabs[4]:
    if kind != "round" or len(anchors) < 2:
        st.caption("Only a round told by several articles can be split: one source's figure goes apart.")
    else:
        with st.form("rv_split"):
            apart = st.selectbox(
                "This source's figure is another round",
                range(len(anchors)),
                format_func=lambda i: f"{anchors[i].text or 'figure'} ({anchors[i].article_id})",
            )
            if st.form_submit_button("Split", type="primary"):
                _save([cx.new_correction("round", "split", anchors[apart], **common)], "Split.")

with tabs[5]:
    history = levee_ui.fact_history(anchors)
    if history.empty:
        st.caption("No correction of this fact yet.")
    for n, change in enumerate(triage.changes(history)):
        when = change.when
        when = when.strftime("%Y-%m-%d %H:%M:%S") if isinstance(when, dt.datetime) else str(when)
        line = f"{when} · {change.author} · {change.action} {change.what}"
        if change.new_value is not None:
            line += f" → {change.new_value}"
        line += f" ({change.state})"
        c1, c2 = st.columns([5, 1])
        c1.write(md(line))
        if change.undoable and c2.button("Undo", key=f"rv_undo_{n}_{change.undoable[0]}"):
            levee_ui.undo_corrections(change.undoable, common["author"])
            st.session_state["_rv_done"] = "Undone."
            st.rerun()
