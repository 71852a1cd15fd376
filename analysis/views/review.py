"""The Review page: the facts an analyst should check first, where each stands in its articles, its changes.

Pure functions over :class:`analysis.frames.Frames` (no Streamlit):
one row per fact (a round, an investor in a round, a valuation) with its confidence and
reasons, whether its sources conflict, its amount in EUR and whether an analyst already
corrected it, ordered by what to check first; and, for one fact, its evidence (the mentions
that state it, each with its article and span) and the other rounds of its company (a merge
candidate). Corrections themselves are written by ``analysis.history.review``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from analysis.frames import Frames, is_missing
from analysis.money import format_money
from analysis.views.cells import number, publisher_label, records, source_labels
from analysis.views.formatting import format_date
from analysis.views.rounds import round_name

#: What to check first: the lowest confidence, conflicts between sources, or the largest amounts.
Order = Literal["confidence", "conflicts", "amount"]
#: The orders the page offers, with their labels.
ORDERS: dict[str, str] = {
    "confidence": "Lowest confidence first",
    "conflicts": "Conflicts between sources first",
    "amount": "Largest amounts first",
}
FACT_KINDS = ("round", "investor", "valuation")
FACT_COLUMNS = [
    "Fact", "Company", "What", "Confidence", "Why", "Sources agree", "Amount (EUR)", "Status", "Corrected",
    "kind", "round_id", "investor", "valuation_index",
]  # fmt: skip


def _confidence(rec: dict[str, Any]) -> float | None:
    return number(rec.get("confidence"))


def _corrected(rec: dict[str, Any]) -> str:
    value = rec.get("corrected")
    return "" if is_missing(value) else str(value)


def facts_to_check(
    frames: Frames, order: Order = "confidence", below: float | None = None, kinds: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per fact, the ones to check first on top.

    ``order``: ``"confidence"`` (lowest first), ``"conflicts"`` (rounds whose sources differ
    unexplained first, then lowest confidence) or ``"amount"`` (largest EUR amount first).
    ``below`` keeps only the facts whose confidence is under it (facts without one are kept);
    ``kinds`` only those kinds of fact ("round", "investor", "valuation"; empty: all).
    """
    round_records = records(frames.rounds)  # once: a large store has many rounds
    names = {str(r["round_id"]): round_name(r) for r in round_records}
    agreement = {str(r["round_id"]): str(r.get("agreement") or "") for r in round_records}
    amounts = {str(r["round_id"]): number(r.get("amount_eur")) for r in round_records}
    status = {str(r["round_id"]): r.get("status") for r in round_records}
    wanted = set(kinds or FACT_KINDS)  # a kind not asked for is not shaped at all
    rows: list[dict[str, Any]] = []
    for rec in round_records if "round" in wanted else []:
        rid = str(rec["round_id"])
        rows.append({
            "Fact": "round",
            "Company": rec.get("company"),
            "What": f"{names[rid]}: {format_money(rec.get('amount'), rec.get('currency'))}",
            "Confidence": _confidence(rec),
            "Why": rec.get("confidence_reasons") or "",
            "Sources agree": agreement[rid] != "differ",
            "Amount (EUR)": amounts[rid],
            "Status": rec.get("status"),
            "Corrected": _corrected(rec),
            "kind": "round",
            "round_id": rid,
            "investor": None,
            "valuation_index": None,
        })
    for rec in records(frames.investments) if "investor" in wanted else []:
        rid = str(rec["round_id"])
        role = "lead" if rec.get("role") == "lead" else "participant"
        rows.append({
            "Fact": "investor",
            "Company": rec.get("company"),
            "What": f"{rec.get('investor')} ({role}) in {names.get(rid, rid)}",
            "Confidence": _confidence(rec),
            "Why": rec.get("confidence_reasons") or "",
            "Sources agree": agreement.get(rid) != "differ",
            "Amount (EUR)": amounts.get(rid),
            "Status": status.get(rid),
            "Corrected": _corrected(rec),
            "kind": "investor",
            "round_id": rid,
            "investor": rec.get("investor"),
            "valuation_index": None,
        })
    valuations = frames.valuations if "valuation" in wanted else frames.valuations.iloc[:0]
    for index, rec in zip(valuations.index, records(valuations), strict=True):
        rid = None if is_missing(rec.get("round_id")) else str(rec["round_id"])
        basis = rec.get("basis") if rec.get("basis") in ("pre", "post") else "basis unknown"
        rows.append({
            "Fact": "valuation",
            "Company": rec.get("company"),
            "What": f"{format_money(rec.get('value'), rec.get('currency'))} ({basis}), "
            f"{format_date(rec.get('date'), rec.get('date_precision') or 'day')}",
            "Confidence": _confidence(rec),
            "Why": rec.get("confidence_reasons") or "",
            "Sources agree": agreement.get(rid or "") != "differ",
            "Amount (EUR)": number(rec.get("value_eur")),
            "Status": rec.get("status"),
            "Corrected": _corrected(rec),
            "kind": "valuation",
            "round_id": rid,
            "investor": None,
            "valuation_index": int(index),
        })
    out = pd.DataFrame(rows, columns=FACT_COLUMNS)
    out["Confidence"] = pd.to_numeric(out["Confidence"], errors="coerce")
    out["Amount (EUR)"] = pd.to_numeric(out["Amount (EUR)"], errors="coerce")
    if below is not None:
        out = out[out["Confidence"].isna() | (out["Confidence"] < below)]
    if kinds:
        out = out[out["kind"].isin(kinds)]
    if order == "amount":
        out = out.sort_values(["Amount (EUR)", "Confidence"], ascending=[False, True], na_position="last")
    elif order == "conflicts":
        out = out.assign(_agree=out["Sources agree"].astype(bool)).sort_values(
            ["_agree", "Confidence"], ascending=[True, True], na_position="last"
        ).drop(columns="_agree")
    else:
        out = out.sort_values(["Confidence", "Amount (EUR)"], ascending=[True, False], na_position="last")
    return out.reset_index(drop=True)


@dataclass
class FactEvidence:
    """Where one fact stands: its mentions (article, sentence, spans), the other rounds of its
    company (merge candidates: round_id -> name), and its original values when corrected."""

    mentions: pd.DataFrame
    merge_candidates: dict[str, str]
    original: dict[str, Any]
    record: dict[str, Any]


def evidence_of(frames: Frames, kind: str, round_id: str | None, investor: str | None = None,
                valuation_index: int | None = None) -> FactEvidence:
    """The mentions that state a fact, newest source first, each with its source label."""
    m = frames.mentions
    labels = source_labels(frames.articles)
    record: dict[str, Any] = {}
    if kind == "valuation" and valuation_index is not None and valuation_index in frames.valuations.index:
        record = records(frames.valuations.loc[[valuation_index]])[0]
        rows = m[(m["kind"] == "valuation") & (m["article_id"] == record.get("article_id"))
                 & (m["start"] == record.get("start"))]
    elif round_id is not None:
        rows = m[m["round_id"].astype(str) == round_id]
        if kind == "investor":
            rows = rows[rows["investor"] == investor]
        else:
            rows = rows[rows["kind"].isin(["round_amount", "valuation", "amount_alternative"])]
        match = frames.rounds[frames.rounds["round_id"].astype(str) == round_id]
        record = records(match)[0] if len(match) else {}
        if kind == "investor":
            inv = frames.investments
            match = inv[(inv["round_id"].astype(str) == round_id) & (inv["investor"] == investor)]
            record = records(match)[0] if len(match) else record
    else:
        rows = m.iloc[0:0]
    rows = rows.assign(source=[labels.get(str(a), publisher_label(None)) for a in rows["article_id"]])
    company = record.get("company")
    candidates = {}
    if kind == "round" and company:
        others = frames.rounds[(frames.rounds["company"] == company)
                               & (frames.rounds["round_id"].astype(str) != round_id)]
        candidates = {str(r["round_id"]): round_name(r) for r in records(others)}
    original: dict[str, Any] = {}
    raw = record.get("original")
    if isinstance(raw, str) and raw.strip():
        try:
            original = json.loads(raw)
        except json.JSONDecodeError:
            original = {}
    return FactEvidence(rows.reset_index(drop=True), candidates, original, record)


@dataclass
class Change:
    """One change an analyst made in one action: the corrections it wrote (one per article
    stating the fact), described once; ``undoable`` lists those still in force."""

    when: Any
    author: str
    action: str
    what: str
    new_value: Any
    state: str
    undoable: list[str]


def changes(history: pd.DataFrame) -> list[Change]:
    """A fact's corrections grouped by the action that made them (same time, author, action,
    field, reason and value), oldest first."""
    if history.empty:
        return []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for rec in records(history):
        key = (
            rec.get("created_at"), rec.get("author"), rec.get("action"), rec.get("field"), rec.get("reason"),
            rec.get("investor"), json.dumps(rec.get("new_value"), default=str, sort_keys=True),
        )
        groups.setdefault(key, []).append(rec)
    out = []
    for (when, author, action, field_, reason, investor, _), recs in groups.items():
        states = {str(r.get("state")) for r in recs}
        state = "applied" if "applied" in states else sorted(states)[0]
        what = " ".join(str(x) for x in (field_ or reason, investor) if x)
        out.append(Change(
            when=when, author=str(author or ""), action=str(action), what=what.replace("_", " "),
            new_value=recs[0].get("new_value"), state=state,
            undoable=[str(r["correction_id"]) for r in recs if r.get("state") == "applied" and action != "undo"],
        ))
    return out
