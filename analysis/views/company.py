"""The Company page: one company's rounds, valuation history, investors, disagreeing sources and articles.

Tables keep dates as dates with a precision column (pages format them, :func:`analysis.views.formatting.screen`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.frames import Frames, is_missing
from analysis.money import format_money
from analysis.views.articles import articles_naming
from analysis.views.cells import as_list, publisher_label, records, source_labels, to_date
from analysis.views.formatting import format_date, period
from analysis.views.rounds import LED, PARTICIPATED, round_title
from analysis.views.sources import EXPLANATIONS, comparison_text

#: Milliseconds in a day (the chart's time axis counts milliseconds).
MS_PER_DAY = 86_400_000

_COMPANY_ROUND_COLUMNS = [
    "Round", "Date", "Precision", "Amount", "Amount (EUR)", "Amount (USD)", "Post-money",
    "Post-money (EUR)", "Leads", "Investors", "Status", "Sources", "Agreement",
]  # fmt: skip
_VALUATION_COLUMNS = [
    "Date", "Precision", "Valuation", "Value (EUR)", "Value (USD)", "Basis", "Status", "Source", "Round",
    "Sentence",
]  # fmt: skip
_COMPANY_INVESTOR_COLUMNS = ["Investor", "Role", "Joined in", "Joined", "Precision", "Rounds"]
_DISAGREEMENT_COLUMNS = ["Round", "Field", "Source", "Says", "Consensus", "Why"]
_POINT_COLUMNS = ["middle", "half_width_ms", "value_eur", "when", "valuation", "basis", "status", "source"]


@dataclass
class CompanyProfile:
    """One company's page.

    ``rounds``: one row a round, oldest first (date + precision; money native, EUR, USD).
    ``valuations``: every valuation figure of the company (date, precision, value in EUR
    and USD, basis, status, source, round). ``investors``: one row an investor (role,
    the round it first joined, rounds). ``disagreements``: the source-comparison rows
    where a source differs from the consensus. ``articles``: the articles that name it.
    """

    company: str
    rounds: pd.DataFrame
    valuations: pd.DataFrame
    investors: pd.DataFrame
    disagreements: pd.DataFrame
    articles: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)


def _dated(rows: list[dict[str, Any]], columns: list[str], date: str) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=columns)
    out[date] = pd.to_datetime(out[date], errors="coerce")
    return out


def _rounds(rounds: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    rows = []
    for rec in records(rounds):
        vcur = rec.get("valuation_currency") or rec.get("currency")
        rows.append({
            "Round": titles[rec["round_id"]],
            "Date": to_date(rec.get("date")),
            "Precision": rec.get("date_precision"),
            "Amount": format_money(rec.get("amount"), rec.get("currency")),
            "Amount (EUR)": rec.get("amount_eur"),
            "Amount (USD)": rec.get("amount_usd"),
            "Post-money": format_money(rec.get("post_money"), vcur),
            "Post-money (EUR)": rec.get("post_money_eur"),
            "Leads": ", ".join(as_list(rec.get("lead_investors"))),
            "Investors": ", ".join(as_list(rec.get("investors"))),
            "Status": rec.get("status"),
            "Sources": rec.get("n_sources"),
            "Agreement": rec.get("agreement"),
        })  # fmt: skip
    return _dated(rows, _COMPANY_ROUND_COLUMNS, "Date")


def _valuations(valuations: pd.DataFrame, titles: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    rows = []
    for rec in records(valuations):
        rid = rec.get("round_id")
        rows.append({
            "Date": to_date(rec.get("date")),
            "Precision": rec.get("date_precision"),
            "Valuation": format_money(rec.get("value"), rec.get("currency")),
            "Value (EUR)": rec.get("value_eur"),
            "Value (USD)": rec.get("value_usd"),
            "Basis": rec.get("basis"),
            "Status": rec.get("status"),
            "Source": labels.get(rec["article_id"], publisher_label(rec.get("publisher"))),
            "Round": "" if is_missing(rid) else titles.get(rid, ""),
            "Sentence": rec.get("sentence"),
        })  # fmt: skip
    out = _dated(rows, _VALUATION_COLUMNS, "Date")
    return out.sort_values("Date", kind="stable", na_position="last").reset_index(drop=True)


def company_profile(frames: Frames, company: str) -> CompanyProfile:
    """Everything the frames hold about ``company`` (exact name, as the store spells it)."""
    rounds = frames.rounds[frames.rounds["company"] == company]
    rounds = rounds.sort_values(["date", "round_id"], kind="stable", na_position="last")
    titles = {r["round_id"]: round_title(r) for r in records(rounds)}
    labels = source_labels(frames.articles)
    rounds_out = _rounds(rounds, titles)
    vals_out = _valuations(frames.valuations[frames.valuations["company"] == company], titles, labels)
    investors_out = _company_investors(frames.investments, company, rounds, titles)
    disagreements = _disagreements(frames, company, titles, labels)
    articles = articles_naming(frames, company, labels)
    amounts = pd.to_numeric(rounds_out["Amount (EUR)"], errors="coerce")
    usd = pd.to_numeric(rounds_out["Amount (USD)"], errors="coerce")
    summary = {
        "n_rounds": len(rounds_out),
        "raised_eur": float(amounts.sum()) if amounts.notna().any() else None,
        "raised_usd": float(usd.sum()) if usd.notna().any() else None,
        "rounds_with_amount": int(amounts.notna().sum()),
        "n_investors": len(investors_out),
        "n_articles": len(articles),
        "n_disagreements": len(disagreements),
        "latest_valuation": _latest(vals_out),
    }
    return CompanyProfile(company, rounds_out, vals_out, investors_out, disagreements, articles, summary)


def _latest(vals: pd.DataFrame) -> dict[str, Any] | None:
    """The latest valuation figure (by date, then by EUR value), or None."""
    known = vals[vals["Date"].notna()]
    if known.empty:
        return None
    rec = records(known.sort_values(["Date", "Value (EUR)"], kind="stable"))[-1]
    return {"value": rec["Valuation"], "date": format_date(rec["Date"], rec["Precision"] or "day"), "status": rec["Status"]}


def _company_investors(
    investments: pd.DataFrame, company: str, rounds: pd.DataFrame, titles: dict[str, str]
) -> pd.DataFrame:
    """One row an investor of ``company``: led or participated, the round it first joined."""
    inv = investments[investments["company"] == company]
    order = {rid: i for i, rid in enumerate(rounds["round_id"])}
    when = {r["round_id"]: (r.get("date"), r.get("date_precision")) for r in records(rounds)}
    rows = []
    for name, grp in inv.groupby("investor", sort=False):
        rids = sorted(dict.fromkeys(grp["round_id"]), key=lambda r: order.get(r, len(order)))
        date, precision = when.get(rids[0], (None, None))
        rows.append({
            "Investor": str(name),
            "Role": LED if (grp["role"] == "lead").any() else PARTICIPATED,
            "Joined in": titles.get(rids[0], rids[0]),
            "Joined": to_date(date),
            "Precision": precision,
            "Rounds": len(rids),
        })  # fmt: skip
    out = _dated(rows, _COMPANY_INVESTOR_COLUMNS, "Joined")
    return out.sort_values(["Joined", "Investor"], kind="stable", na_position="last").reset_index(drop=True)


def _disagreements(frames: Frames, company: str, titles: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    """The source-comparison rows of ``company`` where a source differs from the consensus."""
    sc = frames.source_comparison
    sc = sc[(sc["company"] == company) & ~sc["agrees"]]
    rows = []
    for rec in records(sc):
        why = EXPLANATIONS[rec["explanation"]]
        note = rec.get("note")
        rows.append({
            "Round": titles.get(rec["round_id"], rec["round_id"]),
            "Field": rec.get("field"),
            "Source": labels.get(rec["article_id"], publisher_label(rec.get("publisher"))),
            "Says": comparison_text(rec, "value"),
            "Consensus": comparison_text(rec, "consensus"),
            "Why": f"{why}: {note}" if note and str(note).strip() else why,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=_DISAGREEMENT_COLUMNS)


def valuation_points(profile: CompanyProfile) -> pd.DataFrame:
    """The valuation history as chart points: the middle of each figure's date span, its
    half-width in milliseconds (0 for a day), EUR value and what the hover says."""
    rows = []
    for rec in records(profile.valuations):
        span = period(rec["Date"], rec["Precision"])
        if span is None or is_missing(rec["Value (EUR)"]):
            continue
        lo, hi = span
        rows.append({
            "middle": lo + (hi - lo) / 2,
            "half_width_ms": (hi - lo).days * MS_PER_DAY / 2,
            "value_eur": float(rec["Value (EUR)"]),
            "when": format_date(rec["Date"], rec["Precision"] or "day"),
            "valuation": rec["Valuation"],
            "basis": rec["Basis"] or "",
            "status": rec["Status"] or "",
            "source": rec["Source"],
        })  # fmt: skip
    return pd.DataFrame(rows, columns=_POINT_COLUMNS)
