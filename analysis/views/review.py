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

from analysis.frames import FACT_KINDS, Frames, is_missing, publisher_label
from analysis.money import format_money
from analysis.store import FactsFound
from analysis.views.cells import records, source_labels
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
FACT_COLUMNS = [
    "Fact", "Company", "What", "Confidence", "Why", "Sources agree", "Amount (EUR)", "Status", "Corrected",
    "kind", "round_id", "investor", "valuation_index",
]  # fmt: skip


#: Facts the page lists at once, the first ones to check: a store of 100,000 articles holds
#: hundreds of thousands of facts, and every listed row travels to the browser.
FACTS_LISTED = 1_000


def _fact_rows(frames: Frames, below: float | None, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Every fact of the kinds asked for, as columns (no text built yet): rounds, then investors
    in rounds, then valuations, each with the columns it is sorted and filtered on and the row
    (``source``) of its frame."""
    wanted = set(kinds or FACT_KINDS)
    rounds = frames.rounds
    of_round = rounds.set_index(rounds["round_id"].astype(str))[["agreement", "amount_eur", "status"]]
    parts: list[pd.DataFrame] = []
    if "round" in wanted:
        parts.append(pd.DataFrame({
            "Fact": "round", "Company": rounds["company"], "Confidence": rounds["confidence"],
            "Why": rounds["confidence_reasons"], "agreement": rounds["agreement"],
            "Amount (EUR)": rounds["amount_eur"], "Status": rounds["status"], "Corrected": rounds["corrected"],
            "round_id": rounds["round_id"].astype(str), "investor": None, "source": range(len(rounds)),
        }))
    if "investor" in wanted:
        investments = frames.investments
        rids = investments["round_id"].astype(str)
        joined = of_round.reindex(rids)
        parts.append(pd.DataFrame({
            "Fact": "investor", "Company": investments["company"].to_numpy(),
            "Confidence": investments["confidence"].to_numpy(), "Why": investments["confidence_reasons"].to_numpy(),
            "agreement": joined["agreement"].to_numpy(), "Amount (EUR)": joined["amount_eur"].to_numpy(),
            "Status": joined["status"].to_numpy(), "Corrected": investments["corrected"].to_numpy(),
            "round_id": rids.to_numpy(), "investor": investments["investor"].to_numpy(),
            "source": range(len(investments)),
        }))
    if "valuation" in wanted:
        valuations = frames.valuations
        rids = valuations["round_id"].astype(object).where(valuations["round_id"].notna(), None)
        agreement = of_round["agreement"].reindex(rids.fillna("").astype(str)).to_numpy()
        parts.append(pd.DataFrame({
            "Fact": "valuation", "Company": valuations["company"].to_numpy(),
            "Confidence": valuations["confidence"].to_numpy(), "Why": valuations["confidence_reasons"].to_numpy(),
            "agreement": agreement, "Amount (EUR)": valuations["value_eur"].to_numpy(),
            "Status": valuations["status"].to_numpy(), "Corrected": valuations["corrected"].to_numpy(),
            "round_id": [None if r is None else str(r) for r in rids], "investor": None,
            "source": valuations.index.to_numpy(),
        }))
    facts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["Fact", "Company", "Confidence", "Why", "agreement", "Amount (EUR)", "Status", "Corrected",
                 "round_id", "investor", "source"])
    facts["Confidence"] = pd.to_numeric(facts["Confidence"], errors="coerce")
    facts["Amount (EUR)"] = pd.to_numeric(facts["Amount (EUR)"], errors="coerce")
    facts["Sources agree"] = facts["agreement"].astype(object).ne("differ")
    if below is not None:
        facts = facts[facts["Confidence"].isna() | (facts["Confidence"] < below)]
    return facts


@dataclass(frozen=True)
class Checklist:
    """The first facts to check, described in words, and how many facts there are to check
    in all (every fact of the kinds and confidence asked for, listed or not)."""

    facts: pd.DataFrame
    total: int


def _in_order(facts: pd.DataFrame, order: Order) -> pd.DataFrame:
    """The fact rows sorted as columns, the ones to check first on top."""
    if order == "amount":
        return facts.sort_values(["Amount (EUR)", "Confidence"], ascending=[False, True], na_position="last")
    if order == "conflicts":
        return facts.assign(_agree=facts["Sources agree"].astype(bool)).sort_values(
            ["_agree", "Confidence"], ascending=[True, True], na_position="last"
        ).drop(columns="_agree")
    return facts.sort_values(["Confidence", "Amount (EUR)"], ascending=[True, False], na_position="last")


def facts_to_check(
    frames: Frames, order: Order = "confidence", below: float | None = None, kinds: tuple[str, ...] = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per fact, the ones to check first on top (the first ``limit`` when given).

    ``order``: ``"confidence"`` (lowest first), ``"conflicts"`` (rounds whose sources differ
    unexplained first, then lowest confidence) or ``"amount"`` (largest EUR amount first).
    ``below`` keeps only the facts whose confidence is under it (facts without one are kept);
    ``kinds`` only those kinds of fact ("round", "investor", "valuation"; empty: all). The facts
    are sorted as columns; only the rows returned are described in words.
    """
    return checklist(frames, order, below, kinds, limit).facts


def checklist(
    frames: Frames, order: Order = "confidence", below: float | None = None, kinds: tuple[str, ...] = (),
    limit: int | None = FACTS_LISTED,
) -> Checklist:
    """The first ``limit`` facts to check (all when ``None``) as ``facts_to_check`` lists them,
    and the count of every fact asked for, from one pass over the frames."""
    facts = _fact_rows(frames, below, kinds)
    listed = _in_order(facts, order)
    if limit is not None:
        listed = listed.head(limit)
    listed = listed.reset_index(drop=True)
    return Checklist(_described(listed, frames.rounds, frames.investments.reset_index(drop=True), frames.valuations),
                     len(facts))


#: The columns of ``analysis.store.FactsFound.facts`` as the fact rows above name them.
_FOUND_COLUMNS = {
    "fact": "Fact", "company": "Company", "confidence": "Confidence", "why": "Why", "agreement": "agreement",
    "amount": "Amount (EUR)", "status": "Status", "corrected": "Corrected", "round_id": "round_id",
    "investor": "investor", "source": "source",
}  # fmt: skip


def checklist_of(found: FactsFound) -> Checklist:
    """``checklist`` from the facts the store sorted and counted (``analysis.store.facts_to_check``):
    the same list, without every fact in memory."""
    facts = found.facts.reindex(columns=list(_FOUND_COLUMNS)).rename(columns=_FOUND_COLUMNS)
    text = ["Fact", "Company", "Why", "agreement", "Status", "Corrected", "round_id", "investor"]
    facts[text] = facts[text].astype(object).where(facts[text].notna(), None)
    facts["Confidence"] = pd.to_numeric(facts["Confidence"], errors="coerce")
    facts["Amount (EUR)"] = pd.to_numeric(facts["Amount (EUR)"], errors="coerce")
    facts["Sources agree"] = facts["agreement"].astype(object).ne("differ")
    return Checklist(_described(facts, found.rounds, found.investments, found.valuations), found.total)


def _described(
    facts: pd.DataFrame, rounds: pd.DataFrame, investments: pd.DataFrame, valuations: pd.DataFrame
) -> pd.DataFrame:
    """The listed facts in words: what each is ("Mistral AI · Series C · Sep 2025: €1.7 bn"),
    from the records of the listed rows only (``investments`` and ``valuations`` indexed by each
    row's place in its frame, the facts' ``source``; ``rounds``: at least those the facts name)."""

    def rows_of(kind: str, frame: pd.DataFrame) -> dict[Any, dict[str, Any]]:
        wanted = sorted({int(s) for s in facts.loc[facts["Fact"] == kind, "source"]})
        return dict(zip(wanted, records(frame.loc[wanted]), strict=True))

    named = records(rounds[rounds["round_id"].astype(str).isin(set(facts["round_id"].dropna()))])
    by_round = {str(r["round_id"]): r for r in named}  # every round a listed fact names, once
    names = {rid: round_name(r) for rid, r in by_round.items()}
    investor_rows = rows_of("investor", investments)
    valuation_rows = rows_of("valuation", valuations)
    what: list[str] = []
    for fact, rid, source in zip(facts["Fact"], facts["round_id"], facts["source"], strict=True):
        if fact == "round":
            rec = by_round[str(rid)]
            what.append(f"{names[str(rid)]}: {format_money(rec.get('amount'), rec.get('currency'))}")
        elif fact == "investor":
            rec = investor_rows[source]
            role = "lead" if rec.get("role") == "lead" else "participant"
            what.append(f"{rec.get('investor')} ({role}) in {names.get(str(rid), str(rid))}")
        else:
            rec = valuation_rows[source]
            basis = rec.get("basis") if rec.get("basis") in ("pre", "post") else "basis unknown"
            what.append(f"{format_money(rec.get('value'), rec.get('currency'))} ({basis}), "
                        f"{format_date(rec.get('date'), rec.get('date_precision') or 'day')}")
    out = pd.DataFrame({
        "Fact": facts["Fact"], "Company": facts["Company"], "What": what,
        "Confidence": facts["Confidence"], "Why": facts["Why"].astype(object).where(facts["Why"].notna(), ""),
        "Sources agree": facts["Sources agree"].astype(bool), "Amount (EUR)": facts["Amount (EUR)"],
        "Status": facts["Status"],
        "Corrected": [("" if is_missing(c) else str(c)) for c in facts["Corrected"]],
        "kind": facts["Fact"], "round_id": facts["round_id"], "investor": facts["investor"],
        "valuation_index": [int(s) if f == "valuation" else None for f, s in zip(facts["Fact"], facts["source"], strict=True)],
    }, columns=FACT_COLUMNS)
    out["Confidence"] = pd.to_numeric(out["Confidence"], errors="coerce")
    out["Amount (EUR)"] = pd.to_numeric(out["Amount (EUR)"], errors="coerce")
    return out


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
