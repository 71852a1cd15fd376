"""The Investor page: one investor's portfolio (led vs participated), co-investors, activity per year and articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.frames import Frames
from analysis.money import format_money
from analysis.views.articles import articles_naming
from analysis.views.cells import records, source_labels, to_date
from analysis.views.rounds import LED, PARTICIPATED, round_title

#: Co-investors listed on an investor's page (most rounds shared first).
CO_INVESTORS_SHOWN = 15

_PORTFOLIO_COLUMNS = [
    "Company", "Round", "Date", "Precision", "Role", "Round amount", "Amount (EUR)", "Amount (USD)", "Ticket",
    "Status",
]  # fmt: skip
_CO_INVESTOR_COLUMNS = ["Co-investor", "Rounds together", "Companies"]
_ACTIVITY_COLUMNS = ["Year", LED, PARTICIPATED]


@dataclass
class InvestorProfile:
    """One investor's page.

    ``portfolio``: one row a round it was in (company, round, date + precision, led or
    participated, the round's amount native/EUR/USD, its own ticket when stated).
    ``co_investors``: the investors met in the most rounds. ``activity``: rounds per year,
    led and participated. ``summary``: counts and the known money of its rounds.
    """

    investor: str
    portfolio: pd.DataFrame
    co_investors: pd.DataFrame
    activity: pd.DataFrame
    articles: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)


def _portfolio(frames: Frames, mine: pd.DataFrame) -> pd.DataFrame:
    """One row a round the investor was in, oldest first."""
    rounds = {r["round_id"]: r for r in records(frames.rounds[frames.rounds["round_id"].isin(mine["round_id"])])}
    rows = []
    for rid, grp in mine.groupby("round_id", sort=False):
        rnd = rounds.get(rid, {})
        ticket = grp["amount"].dropna()
        rows.append({
            "Company": str(grp["company"].iloc[0]),
            "Round": round_title(rnd) if rnd else rid,
            "Date": to_date(rnd.get("date")),
            "Precision": rnd.get("date_precision"),
            "Role": LED if (grp["role"] == "lead").any() else PARTICIPATED,
            "Round amount": format_money(rnd.get("amount"), rnd.get("currency")),
            "Amount (EUR)": rnd.get("amount_eur"),
            "Amount (USD)": rnd.get("amount_usd"),
            "Ticket": format_money(ticket.iloc[0], grp["currency"].iloc[0], unknown="") if len(ticket) else "",
            "Status": rnd.get("status"),
        })  # fmt: skip
    portfolio = pd.DataFrame(rows, columns=_PORTFOLIO_COLUMNS)
    portfolio["Date"] = pd.to_datetime(portfolio["Date"], errors="coerce")
    return portfolio.sort_values(["Date", "Company"], kind="stable", na_position="last").reset_index(drop=True)


def investor_profile(frames: Frames, investor: str) -> InvestorProfile:
    """Everything the frames hold about ``investor`` (exact name, as the store spells it)."""
    inv = frames.investments
    mine = inv[inv["investor"] == investor]
    portfolio = _portfolio(frames, mine)
    co = _co_investors(inv, investor, set(mine["round_id"]))
    articles = articles_naming(frames, investor, source_labels(frames.articles), investor=True)
    eur = pd.to_numeric(portfolio["Amount (EUR)"], errors="coerce")
    usd = pd.to_numeric(portfolio["Amount (USD)"], errors="coerce")
    summary = {
        "n_companies": int(portfolio["Company"].nunique()),
        "n_rounds": len(portfolio),
        "n_led": int((portfolio["Role"] == LED).sum()),
        "n_participated": int((portfolio["Role"] == PARTICIPATED).sum()),
        "rounds_eur": float(eur.sum()) if eur.notna().any() else None,
        "rounds_usd": float(usd.sum()) if usd.notna().any() else None,
        "rounds_with_amount": int(eur.notna().sum()),
        "first": _first_or_last(portfolio, first=True),
        "last": _first_or_last(portfolio, first=False),
    }
    return InvestorProfile(investor, portfolio, co, _activity(portfolio), articles, summary)


def _first_or_last(portfolio: pd.DataFrame, *, first: bool) -> str:
    """The year of its first (or last) dated round, "" when none has a date."""
    known = portfolio[portfolio["Date"].notna()]
    if known.empty:
        return ""
    return str(known["Date"].iloc[0 if first else -1].year)


def _co_investors(inv: pd.DataFrame, investor: str, round_ids: set[str]) -> pd.DataFrame:
    together = inv[inv["round_id"].isin(round_ids) & (inv["investor"] != investor)]
    together = together.drop_duplicates(["investor", "round_id"])
    rows = [
        {
            "Co-investor": str(name),
            "Rounds together": len(grp),
            "Companies": ", ".join(dict.fromkeys(grp["company"].astype(str))),
        }
        for name, grp in together.groupby("investor", sort=False)
    ]
    out = pd.DataFrame(rows, columns=_CO_INVESTOR_COLUMNS)
    out = out.sort_values(["Rounds together", "Co-investor"], ascending=[False, True], kind="stable")
    return out.head(CO_INVESTORS_SHOWN).reset_index(drop=True)


def _activity(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Rounds per year of the round's date, led and participated (rounds without a date left out)."""
    dated = portfolio[portfolio["Date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=_ACTIVITY_COLUMNS)
    years = dated["Date"].dt.year.astype(int)
    table = pd.crosstab(years, dated["Role"]).reindex(columns=[LED, PARTICIPATED], fill_value=0)
    table = table.reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0)
    out = table.rename_axis("Year").reset_index()
    out.columns = _ACTIVITY_COLUMNS
    return out
