"""Profiles: one company's or one investor's story, shaped from the filtered frames.

The views of the Company and Investor pages, as pure functions over :class:`views.Tables`
(no Streamlit): finding a name the way an analyst types it (typo-tolerant), a company's
rounds, valuation history, investors and the round each joined in, its sources and where
they disagree, and its articles; an investor's portfolio (led vs participated), the money
of the rounds it was in (EUR and USD), the co-investors seen most often and its activity
per year. Tables keep ISO dates with a precision column; pages format them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.views import (
    EXPLANATIONS,
    Tables,
    as_list,
    comparison_text,
    fmt_date,
    fmt_money,
    is_missing,
    publisher_label,
    records,
    round_title,
    source_labels,
    to_date,
)

#: Best matches a name search returns.
SEARCH_LIMIT = 10
#: Similarity (0-100, rapidfuzz WRatio on folded names) below which a name is not a match.
SEARCH_MIN_SCORE = 70
#: Co-investors listed on an investor's page (most rounds shared first).
CO_INVESTORS_SHOWN = 15

LED, PARTICIPATED = "led", "participated"


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of a frame, empty frames included (a frame without rows may lack columns)."""
    return frame[name] if name in frame.columns else pd.Series(index=frame.index, dtype=object)




# --------------------------------------------------------------------------- names


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: "Société Générale" -> "societe generale"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def search_names(query: str, names: list[str], limit: int = SEARCH_LIMIT) -> list[str]:
    """The names that match ``query`` best, typos forgiven ("mistal" -> "Mistral AI").

    Exact (folded) matches first, then names starting with the query, then fuzzy matches
    scoring at least ``SEARCH_MIN_SCORE``; an empty query returns ``names`` unchanged."""
    q = _fold(query)
    if not q:
        return list(names)
    folded = {name: _fold(name) for name in names}
    exact = [n for n, f in folded.items() if f == q]
    prefix = sorted((n for n, f in folded.items() if f.startswith(q) and n not in exact), key=len)
    scored = process.extract(q, folded, scorer=fuzz.WRatio, score_cutoff=SEARCH_MIN_SCORE, limit=None)
    fuzzy = [name for _, _, name in scored if name not in exact and name not in prefix]
    return [*exact, *prefix, *fuzzy][:limit]


def company_names(tables: Tables) -> list[str]:
    """Every company with a round or a valuation, the most rounds first, then by name."""
    counts = Counter(str(c) for c in _col(tables.rounds, "company").dropna())
    for c in _col(tables.valuations, "company").dropna():
        counts.setdefault(str(c), 0)
    return sorted(counts, key=lambda c: (-counts[c], _fold(c)))


def investor_names(tables: Tables) -> list[str]:
    """Every investor named in a round, the most rounds first, then by name."""
    inv = tables.investments
    if inv.empty:
        return []
    counts = inv.drop_duplicates(["investor", "round_id"])["investor"].astype(str).value_counts()
    return sorted(counts.index, key=lambda name: (-int(counts[name]), _fold(name)))


def _web_link(url: Any) -> str | None:
    """An article's URL when it is a web address (a ``javascript:`` link is article data, not a link)."""
    text = "" if is_missing(url) else str(url).strip()
    return text if text.lower().startswith(("http://", "https://")) else None


# --------------------------------------------------------------------------- company


@dataclass
class CompanyProfile:
    """One company's page.

    ``rounds``: one row a round, oldest first (ISO date + precision; money native, EUR, USD).
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
_ARTICLE_COLUMNS = ["Published", "Precision", "Source", "Title", "Figures", "URL", "File", "article_id"]


def company_profile(tables: Tables, company: str) -> CompanyProfile:
    """Everything the frames hold about ``company`` (exact name, as the store spells it)."""
    rounds = tables.rounds[_col(tables.rounds, "company") == company]
    if not rounds.empty:
        rounds = rounds.sort_values(["date", "round_id"], kind="stable", na_position="last")
    titles = {str(r["round_id"]): round_title(r) for r in records(rounds)}
    labels = source_labels(tables.articles)

    round_rows = []
    for rec in records(rounds):
        vcur = rec.get("valuation_currency") or rec.get("currency")
        round_rows.append({
            "Round": titles[str(rec["round_id"])],
            "Date": to_date(rec.get("date")),
            "Precision": rec.get("date_precision"),
            "Amount": fmt_money(rec.get("amount"), rec.get("currency")),
            "Amount (EUR)": rec.get("amount_eur"),
            "Amount (USD)": rec.get("amount_usd"),
            "Post-money": fmt_money(rec.get("post_money"), vcur),
            "Post-money (EUR)": rec.get("post_money_eur"),
            "Leads": ", ".join(as_list(rec.get("lead_investors"))),
            "Investors": ", ".join(as_list(rec.get("investors"))),
            "Status": rec.get("status"),
            "Sources": rec.get("n_sources"),
            "Agreement": rec.get("agreement"),
        })
    rounds_out = pd.DataFrame(round_rows, columns=_COMPANY_ROUND_COLUMNS)
    rounds_out["Date"] = pd.to_datetime(rounds_out["Date"], errors="coerce")

    vals = tables.valuations[_col(tables.valuations, "company") == company]
    val_rows = []
    for rec in records(vals):
        rid = rec.get("round_id")
        val_rows.append({
            "Date": to_date(rec.get("date")),
            "Precision": rec.get("date_precision"),
            "Valuation": fmt_money(rec.get("value"), rec.get("currency")),
            "Value (EUR)": rec.get("value_eur"),
            "Value (USD)": rec.get("value_usd"),
            "Basis": rec.get("basis"),
            "Status": rec.get("status"),
            "Source": labels.get(str(rec.get("article_id")), publisher_label(rec.get("publisher"))),
            "Round": titles.get(str(rid), "") if not is_missing(rid) else "",
            "Sentence": rec.get("sentence"),
        })
    vals_out = pd.DataFrame(val_rows, columns=_VALUATION_COLUMNS)
    vals_out["Date"] = pd.to_datetime(vals_out["Date"], errors="coerce")
    vals_out = vals_out.sort_values("Date", kind="stable", na_position="last").reset_index(drop=True)

    investors_out = _company_investors(tables.investments, company, rounds, titles)
    disagreements = _disagreements(tables, company, titles, labels)
    articles = _articles_naming(tables, company, labels)
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
    return {"value": rec["Valuation"], "date": fmt_date(rec["Date"], rec["Precision"] or "day"), "status": rec["Status"]}


def _company_investors(
    investments: pd.DataFrame, company: str, rounds: pd.DataFrame, titles: dict[str, str]
) -> pd.DataFrame:
    inv = investments[_col(investments, "company") == company]
    if inv.empty:
        return pd.DataFrame(columns=_COMPANY_INVESTOR_COLUMNS)
    order = {str(rid): i for i, rid in enumerate(rounds["round_id"].astype(str))} if not rounds.empty else {}
    when = {str(r["round_id"]): (r.get("date"), r.get("date_precision")) for r in records(rounds)}
    rows = []
    for name, grp in inv.groupby("investor", sort=False):
        rids = list(dict.fromkeys(grp["round_id"].astype(str)))
        rids.sort(key=lambda r: order.get(r, len(order)))
        first = rids[0]
        date, precision = when.get(first, (None, None))
        rows.append({
            "Investor": str(name),
            "Role": LED if (grp["role"] == "lead").any() else PARTICIPATED,
            "Joined in": titles.get(first, first),
            "Joined": to_date(date),
            "Precision": precision,
            "Rounds": len(rids),
        })
    out = pd.DataFrame(rows, columns=_COMPANY_INVESTOR_COLUMNS)
    out["Joined"] = pd.to_datetime(out["Joined"], errors="coerce")
    return out.sort_values(["Joined", "Investor"], kind="stable", na_position="last").reset_index(drop=True)


def _disagreements(tables: Tables, company: str, titles: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    sc = tables.source_comparison
    sc = sc[(_col(sc, "company") == company) & (_col(sc, "agrees") == False)]  # noqa: E712 - a boolean column
    rows = []
    for rec in records(sc):
        why = EXPLANATIONS.get(str(rec.get("explanation")), str(rec.get("explanation") or ""))
        note = rec.get("note")
        rows.append({
            "Round": titles.get(str(rec.get("round_id")), str(rec.get("round_id"))),
            "Field": rec.get("field"),
            "Source": labels.get(str(rec.get("article_id")), publisher_label(rec.get("publisher"))),
            "Says": comparison_text(rec, "value"),
            "Consensus": comparison_text(rec, "consensus"),
            "Why": f"{why}: {note}" if note and str(note).strip() else why,
        })
    return pd.DataFrame(rows, columns=_DISAGREEMENT_COLUMNS)


def _articles_naming(tables: Tables, subject: str, labels: dict[str, str], *, investor: bool = False) -> pd.DataFrame:
    """The articles with a figure about ``subject`` (a company, or an investor), newest first."""
    m = tables.mentions
    mask = _col(m, "investor") == subject if investor else _col(m, "company") == subject
    counts = m[mask]["article_id"].astype(str).value_counts()
    arts = tables.articles[_col(tables.articles, "article_id").astype(str).isin(counts.index)]
    rows = [
        {
            "Published": to_date(rec.get("published")),
            "Precision": rec.get("published_precision"),
            "Source": labels.get(str(rec["article_id"]), publisher_label(rec.get("publisher"))),
            "Title": rec.get("title"),
            "Figures": int(counts.get(str(rec["article_id"]), 0)),
            "URL": _web_link(rec.get("url")),
            "File": rec.get("file"),
            "article_id": str(rec["article_id"]),
        }
        for rec in records(arts)
    ]
    out = pd.DataFrame(rows, columns=_ARTICLE_COLUMNS)
    out["Published"] = pd.to_datetime(out["Published"], errors="coerce")
    return out.sort_values("Published", ascending=False, kind="stable", na_position="last").reset_index(drop=True)


# --------------------------------------------------------------------------- investor


@dataclass
class InvestorProfile:
    """One investor's page.

    ``portfolio``: one row a round it was in (company, round, ISO date + precision, led or
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


_PORTFOLIO_COLUMNS = [
    "Company", "Round", "Date", "Precision", "Role", "Round amount", "Amount (EUR)", "Amount (USD)", "Ticket",
    "Status",
]  # fmt: skip
_CO_INVESTOR_COLUMNS = ["Co-investor", "Rounds together", "Companies"]
_ACTIVITY_COLUMNS = ["Year", LED, PARTICIPATED]


def investor_profile(tables: Tables, investor: str) -> InvestorProfile:
    """Everything the frames hold about ``investor`` (exact name, as the store spells it)."""
    inv = tables.investments
    mine = inv[_col(inv, "investor") == investor]
    rounds = tables.rounds.set_index(tables.rounds["round_id"].astype(str)) if not tables.rounds.empty else None
    rows = []
    for rid, grp in mine.groupby(mine["round_id"].astype(str), sort=False):
        rnd: dict[str, Any] = {}
        if rounds is not None and rid in rounds.index:
            rnd = records(rounds.loc[[rid]])[0]
        ticket = grp["amount"].dropna()
        company = str(grp["company"].iloc[0])
        rows.append({
            "Company": company,
            "Round": round_title(rnd) if rnd else rid,
            "Date": to_date(rnd.get("date")),
            "Precision": rnd.get("date_precision"),
            "Role": LED if (grp["role"] == "lead").any() else PARTICIPATED,
            "Round amount": fmt_money(rnd.get("amount"), rnd.get("currency")),
            "Amount (EUR)": rnd.get("amount_eur"),
            "Amount (USD)": rnd.get("amount_usd"),
            "Ticket": fmt_money(ticket.iloc[0], grp["currency"].iloc[0], unknown="") if len(ticket) else "",
            "Status": rnd.get("status"),
        })
    portfolio = pd.DataFrame(rows, columns=_PORTFOLIO_COLUMNS)
    portfolio["Date"] = pd.to_datetime(portfolio["Date"], errors="coerce")
    portfolio = portfolio.sort_values(["Date", "Company"], kind="stable", na_position="last").reset_index(drop=True)

    co = _co_investors(inv, investor, set(mine["round_id"].astype(str)))
    activity = _activity(portfolio)
    labels = source_labels(tables.articles)
    articles = _articles_naming(tables, investor, labels, investor=True)
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
    return InvestorProfile(investor, portfolio, co, activity, articles, summary)


def _first_or_last(portfolio: pd.DataFrame, *, first: bool) -> str:
    """The year of its first (or last) dated round, "" when none has a date."""
    known = portfolio[portfolio["Date"].notna()]
    if known.empty:
        return ""
    return str(known["Date"].iloc[0 if first else -1].year)


def _co_investors(inv: pd.DataFrame, investor: str, round_ids: set[str]) -> pd.DataFrame:
    if not round_ids:
        return pd.DataFrame(columns=_CO_INVESTOR_COLUMNS)
    together = inv[inv["round_id"].astype(str).isin(round_ids) & (inv["investor"] != investor)]
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


def date_span(value: Any, precision: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date at its precision covers (a year, a month or a day)."""
    d = to_date(value)
    if d is None:
        return None
    if precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if precision == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return dt.date(d.year, d.month, 1), nxt - dt.timedelta(days=1)
    return d, d


def valuation_points(profile: CompanyProfile) -> pd.DataFrame:
    """The valuation history as chart points: the middle of each figure's date span, its
    half-width in days (0 for a day), EUR value and what the hover says."""
    rows = []
    for rec in records(profile.valuations):
        span = date_span(rec["Date"], rec["Precision"])
        if span is None or is_missing(rec["Value (EUR)"]):
            continue
        lo, hi = span
        half = (hi - lo) / 2
        rows.append({
            "middle": pd.Timestamp(lo + half),
            "half_width_ms": (hi - lo).days * 86_400_000 / 2,
            "value_eur": float(rec["Value (EUR)"]),
            "when": fmt_date(rec["Date"], rec["Precision"] or "day"),
            "valuation": rec["Valuation"],
            "basis": rec["Basis"] or "",
            "status": rec["Status"] or "",
            "source": rec["Source"],
        })
    return pd.DataFrame(rows, columns=[
        "middle", "half_width_ms", "value_eur", "when", "valuation", "basis", "status", "source",
    ])  # fmt: skip

