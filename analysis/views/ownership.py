"""The Cap table page: rounds × investors, each investor's known money, and stakes diluted round by round."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.frames import Frames
from analysis.money import UNKNOWN, format_money
from analysis.views.cells import flag, number, records
from analysis.views.formatting import format_pct
from analysis.views.rounds import round_names, sorted_rounds

#: The mark of a lead investor's cell.
LEAD_MARK = "★ "
TOTAL_COLUMNS = ["Investor", "Rounds", "Led", "Known (EUR)", "Known (USD)", "Unknown amounts", "Total"]
HOLDING_COLUMNS = ["round", "order", "company", "investor", "stake_pct", "how"]


@dataclass
class CapTable:
    """Rounds × investors for one set of rounds.

    ``matrix``: index = round names (chronological), columns = investors, text cells
    (``"★ €1.3 bn · 11 % (implied 11.1 %)"``, ``"unknown"`` when the amount is not stated,
    empty when the investor is not in the round). ``totals``: per investor, known sums and
    the count of unknown amounts. ``holdings``: stake of each investor after each round
    (round, order, investor, stake_pct, how = reported / implied / diluted).
    """

    matrix: pd.DataFrame
    totals: pd.DataFrame
    holdings: pd.DataFrame


def cap_table(frames: Frames) -> CapTable:
    """The cap table of the (filtered) rounds and investments."""
    rounds = sorted_rounds(frames.rounds)
    names = round_names(rounds)
    inv = frames.investments[frames.investments["round_id"].isin(names)]
    if inv.empty:
        return CapTable(pd.DataFrame(), pd.DataFrame(columns=TOTAL_COLUMNS), pd.DataFrame(columns=HOLDING_COLUMNS))
    totals = _investor_totals(inv)
    matrix = pd.DataFrame("", index=list(names.values()), columns=list(totals["Investor"]), dtype=object)
    for rec in records(inv):
        matrix.loc[names[rec["round_id"]], str(rec["investor"])] = _cap_cell(rec)
    matrix.index.name = "Round"
    order = {rid: i for i, rid in enumerate(names)}
    return CapTable(matrix=matrix, totals=totals, holdings=_holdings(rounds, inv, names, order))


def _cap_cell(rec: Mapping[str, Any]) -> str:
    lead = rec.get("role") == "lead"
    parts = [(LEAD_MARK if lead else "") + format_money(rec.get("amount"), rec.get("currency"))]
    reported, implied = number(rec.get("stake_reported")), number(rec.get("stake_implied"))
    if reported is not None and implied is not None:
        parts.append(f"stake {format_pct(reported)} (implied {format_pct(implied)})")
    elif reported is not None:
        parts.append(f"stake {format_pct(reported)}")
    elif implied is not None:
        parts.append(f"implied stake {format_pct(implied)}")
    if flag(rec.get("stake_mismatch")):
        parts.append("⚠ stakes disagree")
    return " · ".join(parts)


def _investor_totals(inv: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for investor, grp in inv.groupby(inv["investor"].astype(str), sort=False):
        eur, usd = grp["amount_eur"], grp["amount_usd"]
        unknown = int(eur.isna().sum())
        known = format_money(eur.sum(), "EUR") if eur.notna().any() else ""
        total = known or UNKNOWN
        if known and unknown:
            total = f"{known} + {unknown} unknown"
        rows.append({
            "Investor": investor,
            "Rounds": int(grp["round_id"].nunique()),
            "Led": int((grp["role"] == "lead").sum()),
            "Known (EUR)": float(eur.sum()) if eur.notna().any() else None,
            "Known (USD)": float(usd.sum()) if usd.notna().any() else None,
            "Unknown amounts": unknown,
            "Total": total,
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=TOTAL_COLUMNS)
    out["_k"] = out["Known (EUR)"].fillna(-1.0)
    return (
        out.sort_values(["Led", "_k", "Investor"], ascending=[False, False, True])
        .drop(columns="_k")
        .reset_index(drop=True)
    )


def _entry_stake(irec: Mapping[str, Any], post: float | None) -> tuple[float | None, str]:
    """An investor's stake as it enters a round: reported, else implied (stated, or its EUR
    ticket over the round's EUR post-money)."""
    stake = number(irec.get("stake_reported"))
    if stake is not None:
        return stake, "reported"
    stake = number(irec.get("stake_implied"))
    if stake is None and post:
        amount = number(irec.get("amount_eur"))
        stake = amount / post * 100 if amount is not None else None
    return stake, "implied"


def _holdings(
    rounds: pd.DataFrame, inv: pd.DataFrame, names: dict[str, str], order: dict[str, int]
) -> pd.DataFrame:
    """Stake after each round: reported or implied at entry, then diluted by each later round
    of the same company whose amount and post-money are known (stops where they are not)."""
    rows: list[dict[str, Any]] = []
    for company, comp_rounds in rounds.groupby(rounds["company"].astype(str), sort=False):
        held: dict[str, tuple[float, str]] = {}
        for rec in records(comp_rounds):
            rid = str(rec["round_id"])
            amount, post = number(rec.get("amount_eur")), number(rec.get("post_money_eur"))
            if held:
                if amount is not None and post and 0 < amount < post:
                    held = {k: (v * (1 - amount / post), "diluted") for k, (v, _) in held.items()}
                else:
                    held = {}
            for irec in records(inv[inv["round_id"] == rid]):
                stake, how = _entry_stake(irec, post)
                if stake is not None:
                    name = str(irec["investor"])
                    held[name] = (held.get(name, (0.0, how))[0] + stake, how)
            rows += [
                {"round": names[rid], "order": order[rid], "company": company, "investor": investor,
                 "stake_pct": stake, "how": how}
                for investor, (stake, how) in held.items()
            ]  # fmt: skip
    return pd.DataFrame(rows, columns=HOLDING_COLUMNS)
