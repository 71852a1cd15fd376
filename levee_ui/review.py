"""The Review page's corrections: the analyst's actions on one fact, stored, listed and undone.

One action (confirm, edit, reject, merge, split) writes one correction per article stating
the fact, anchored to the article's content hash and the figure's span; the store
re-derives the history with them and every page shows the corrected facts on its next run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from analysis import views
from analysis.history import corrections as cx
from levee_ui import rendering, state, widgets
from levee_ui.rendering import md

#: The fields of the edit form, the most often wrong first.
EDIT_ORDER = ("amount", "valuation", "round_label", "date", "status", "lead_investors", "investors", "company")
#: Session key of the line saying what the last action did (shown after its rerun).
_K_DONE = "_rv_done"
#: What the corrections table of the orphaned ones shows.
_ORPHAN_COLUMNS = ("created_at", "author", "fact", "action", "field", "reason", "investor", "text", "article_id",
                   "why")


# --------------------------------------------------------------------------- the store


def save_corrections(made: Sequence[Any]) -> None:
    """Store an analyst's corrections (the store re-derives every table with them) and forget
    the cached frames, so every page shows the corrected facts on its next run."""
    from analysis.history.review import add_corrections

    add_corrections(made, db=state.db_path())
    state.refresh()


def undo_corrections(correction_ids: Sequence[str], author: str) -> None:
    """Undo the corrections one action wrote (one per article stating the fact)."""
    from analysis.history.review import undo_correction

    for correction_id in correction_ids:
        undo_correction(correction_id, author, db=state.db_path())
    state.refresh()


def fact_history(anchors: Sequence[Any]) -> pd.DataFrame:
    """The corrections of a fact told by several articles (one anchor each), oldest first."""
    from analysis.store import fact_history as history_of

    parts = [history_of(a, db=state.db_path()) for a in anchors]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame()
    out = pd.concat(parts, ignore_index=True).drop_duplicates("correction_id")
    return out.sort_values("created_at", kind="stable").reset_index(drop=True)


def orphaned_corrections() -> pd.DataFrame:
    """The stored corrections whose fact is no longer found, as a table."""
    from analysis.store import read_corrections

    frame = read_corrections(db=state.db_path())
    if frame.empty:
        return pd.DataFrame()
    keep = [c for c in _ORPHAN_COLUMNS if c in frame.columns]
    return frame[frame["state"] == "orphaned"][keep].reset_index(drop=True)


# --------------------------------------------------------------------------- edits


def _money_changes(fact: str, field: str, text: str, currency: str, basis: str,
                   record: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """An amount or a valuation read like the articles' money ("1.8 bn", "€1.8bn", « 1,8
    milliard d'euros »), in the currency it names or the one typed."""
    from analysis.money import find_money

    found = find_money(text)
    if found:
        value, named = found[0].money.value, found[0].money.currency
    else:
        try:
            value, named = float(text.replace(" ", "").replace(",", "")), None
        except ValueError:
            raise ValueError(f"{text!r} is not an amount (try 1800000000 or 1.8 bn EUR)") from None
    cur = currency.strip().upper() or named or record.get("currency") or None
    old = record.get("post_money" if field == "valuation" else "amount")
    changes: list[tuple[str, Any, Any]] = [(field, None if views.is_missing(old) else old, value)]
    if cur and cur != record.get("currency"):
        changes.append(("currency", record.get("currency"), cur))
    if field == "valuation" and fact == "round":
        changes.append(("valuation_basis", record.get("valuation_basis"), basis))
    return changes


def _date_changes(text: str, record: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """A date whose precision follows how it is written (YYYY-MM-DD, YYYY-MM, YYYY)."""
    from analysis.corpus import parse_published

    try:
        day, precision = parse_published(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return [("date", str(record.get("date") or "")[:10] or None, day.isoformat()),
            ("date_precision", record.get("date_precision"), precision)]


def edit_corrections(
    fact: str,
    anchors: Sequence[Any],
    field: str,
    value_text: str,
    currency: str,
    basis: str,
    record: dict[str, Any],
    common: dict[str, Any],
) -> list[Any]:
    """The corrections of an edit made in the Review form, one per article stating the fact
    (and per field it changes: an amount in another currency changes the currency too).
    ``ValueError`` says what is wrong with the value typed."""
    text = value_text.strip()
    if not text:
        raise ValueError("type the new value")
    if field in ("amount", "valuation"):
        changes = _money_changes(fact, field, text, currency, basis, record)
    elif field == "date":
        changes = _date_changes(text, record)
    else:
        changes = [(field, record.get(field), cx.value_from_text(field, text))]
    made = [
        cx.new_correction(fact, "edit", anchor, field=name, old_value=old, new_value=new, **common)
        for anchor in anchors
        for name, old, new in changes
        if name in cx.FIELDS[fact]
    ]
    for c in made:
        cx.check_correction(c)
    return made


# --------------------------------------------------------------------------- the page's parts


@dataclass
class Subject:
    """The fact under review: its kind (``round``, ``investor``, ``valuation``), its anchors
    (one per article stating it), its record, the rounds it could merge with, and what every
    correction of one action shares (author, note, investor, time)."""

    kind: str
    anchors: list[Any]
    record: dict[str, Any]
    merge_candidates: dict[Any, str]
    common: dict[str, Any]

    @property
    def fact_kind(self) -> str:
        """The kind of fact a correction names."""
        return "investor" if self.kind == "investor" else self.kind


def orphans() -> None:
    """The corrections whose fact is gone, in an expander (nothing when there are none)."""
    frame = orphaned_corrections()
    if frame.empty:
        return
    with st.expander(f"Orphaned corrections ({len(frame)})"):
        st.caption("Their fact is no longer found (its article changed, or the extractor no longer states it); "
                   "kept, never dropped.")
        widgets.table(frame, "orphaned_corrections", "rv_orphans")


def evidence(ctx: state.Context, mentions: pd.DataFrame) -> None:
    """Each figure of the fact in its sentence, highlighted in its article's context, with a
    link to the article."""
    for mention in views.records(mentions):
        article_id = str(mention["article_id"])
        segments, _ = views.sentence_in_context(ctx.article_text(article_id, ctx.article_file(article_id)), mention)
        with st.container(border=True):
            st.caption(md(f"{mention['source']} · {mention['kind'].replace('_', ' ')} · {mention.get('status') or ''}"))
            rendering.show_segments(segments)
            st.page_link("pages/articles.py", label="Open the article", query_params={"article": article_id})


def _save(made: list[Any], done: str) -> None:
    save_corrections(made)
    st.session_state[_K_DONE] = done
    st.rerun()


def _confirm(s: Subject) -> None:
    st.caption("The fact is right: its confidence becomes 1 and it leaves the top of the list.")
    if st.button("Confirm", key="rv_confirm", type="primary"):
        _save([cx.new_correction(s.fact_kind, "confirm", a, **s.common) for a in s.anchors], "Confirmed.")


def _edit(s: Subject) -> None:
    fields = sorted(
        (f for f in cx.FIELDS[s.fact_kind] if f not in ("date_precision", "valuation_basis", "currency")),
        key=lambda f: EDIT_ORDER.index(f) if f in EDIT_ORDER else len(EDIT_ORDER),
    )
    if not fields:
        st.caption("Nothing to edit on an investor but its ticket; reject it if it is not one.")
        return
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
                made = edit_corrections(s.fact_kind, s.anchors, field, value_text, currency, basis, s.record, s.common)
            except (cx.CorrectionError, ValueError) as exc:
                st.error(md(f"Not saved: {exc}"))
            else:
                _save(made, f"{field} corrected.")


def _reject(s: Subject) -> None:
    with st.form("rv_reject"):
        reason = st.radio("Why", cx.REASONS[s.fact_kind], format_func=lambda r: r.replace("_", " "), key="rv_reason")
        company = st.text_input("The right company (wrong company only)", key="rv_company")
        if st.form_submit_button("Reject", type="primary"):
            right = company.strip() or None if reason == "wrong_company" else None
            made = [cx.new_correction(s.fact_kind, "reject", a, reason=reason, new_value=right, **s.common)
                    for a in s.anchors]
            _save(made, f"Rejected: {reason.replace('_', ' ')}.")


def _merge(s: Subject, mentions: pd.DataFrame) -> None:
    if s.kind != "round" or not s.merge_candidates:
        st.caption("Only a round can be merged, with another round of its company.")
        return
    with st.form("rv_merge"):
        other = st.selectbox("Merge with", list(s.merge_candidates), format_func=s.merge_candidates.get)
        if st.form_submit_button("Merge the two rounds", type="primary"):
            targets = cx.anchors_of_round(mentions, str(other))
            if not targets:
                st.error("That round has no span to anchor the merge to.")
            else:
                _save([cx.new_correction("round", "merge", s.anchors[0], target=targets[0], **s.common)], "Merged.")


def _split(s: Subject) -> None:
    if s.kind != "round" or len(s.anchors) < 2:
        st.caption("Only a round told by several articles can be split: one source's figure goes apart.")
        return
    with st.form("rv_split"):
        apart = st.selectbox(
            "This source's figure is another round",
            range(len(s.anchors)),
            format_func=lambda i: f"{s.anchors[i].text or 'figure'} ({s.anchors[i].article_id})",
        )
        if st.form_submit_button("Split", type="primary"):
            _save([cx.new_correction("round", "split", s.anchors[apart], **s.common)], "Split.")


def _history(s: Subject) -> None:
    history = fact_history(s.anchors)
    if history.empty:
        st.caption("No correction of this fact yet.")
    for n, change in enumerate(views.changes(history)):
        when = change.when
        when = when.strftime("%Y-%m-%d %H:%M:%S") if isinstance(when, dt.datetime) else str(when)
        line = f"{when} · {change.author} · {change.action} {change.what}"
        if change.new_value is not None:
            line += f" → {change.new_value}"
        line += f" ({change.state})"
        c1, c2 = st.columns([5, 1])
        c1.write(md(line))
        if change.undoable and c2.button("Undo", key=f"rv_undo_{n}_{change.undoable[0]}"):
            undo_corrections(change.undoable, s.common["author"])
            st.session_state[_K_DONE] = "Undone."
            st.rerun()


def actions(s: Subject, mentions: pd.DataFrame) -> None:
    """What the last action did, the optional note, then one tab per action and the fact's
    history with its Undo buttons. ``mentions``: every mention of the store (merge targets)."""
    done = st.session_state.pop(_K_DONE, None)
    if done:
        st.success(md(done))
    note = st.text_input("Note (optional)", key="rv_note")
    s.common["note"] = note.strip() or None
    tabs = st.tabs(["Confirm", "Edit", "Reject", "Merge", "Split", "History"])
    with tabs[0]:
        _confirm(s)
    with tabs[1]:
        _edit(s)
    with tabs[2]:
        _reject(s)
    with tabs[3]:
        _merge(s, mentions)
    with tabs[4]:
        _split(s)
    with tabs[5]:
        _history(s)
