"""The Overview page: headline figures, the latest valuation, the rounds table and the corpus's shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.frames import DATE_PRECISIONS, Frames, is_missing
from analysis.money import format_money
from analysis.store import Overview
from analysis.views.cells import (
    as_list,
    flag,
    number,
    publisher_label,
    records,
    source_labels,
    to_date,
    whole,
)
from analysis.views.filters import date_span
from analysis.views.rounds import (
    CORRECTED_MARK,
    corrected_columns,
    correction_note,
    round_name,
    round_title,
    sorted_rounds,
)

#: The rounds' columns whose corrected value the rounds table marks with ``CORRECTED_MARK``.
_MARKED_COLUMNS = (
    "company", "round_label", "amount", "post_money", "pre_money", "lead_investors", "investors", "status",
)  # fmt: skip
#: Rounds the Overview's table lists at once, the latest ones: every listed row travels to the
#: browser, and a store of 100,000 articles holds some 150,000 rounds (the Data page has them all).
ROUNDS_LISTED = 1_000
#: Companies the Overview links to (their pages), the most reported first.
COMPANIES_LINKED = 24
ROUNDS_TABLE_COLUMNS = [
    "Company", "Round", "Date", "Precision", "Amount", "Amount (EUR)", "Amount (USD)", "Post-money",
    "Post-money (EUR)", "Pre-money", "Lead", "Investors", "Sources", "Status", "Agreement", "Spread %",
    "Confidence", "Corrected",
]  # fmt: skip


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the Overview page."""

    total_raised_eur: float | None
    total_raised_usd: float | None
    rounds_with_amount: int
    n_rounds: int
    latest_valuation: dict[str, Any] | None
    n_investors: int
    n_sources: int
    n_publishers: int
    latest_article: dt.date | None
    latest_article_precision: str | None = None


def _latest_article_precision(articles: pd.DataFrame, last: dt.date | None) -> str | None:
    """The finest precision among the articles published on ``last``."""
    if last is None:
        return None
    latest = articles[articles["published"] == pd.Timestamp(last)]
    return _finest(list(latest["published_precision"].dropna()))


def headline(frames: Frames) -> Headline:
    """Headline figures of the (filtered) frames.

    Total raised sums the rounds whose amount is known (EUR and USD at each round's date).
    The latest valuation is the most recent post-money figure: a round's post-money, or a
    stand-alone valuation that is not stated as pre-money.
    """
    r = frames.rounds
    eur, usd = r["amount_eur"], r["amount_usd"]
    # every lead and participant of a round has its row in the investments
    investors = set(frames.investments["investor"].dropna().astype(str))
    _, last = date_span(frames.articles)
    return Headline(
        total_raised_eur=float(eur.sum()) if eur.notna().any() else None,
        total_raised_usd=float(usd.sum()) if usd.notna().any() else None,
        rounds_with_amount=int((eur.notna() | usd.notna()).sum()),
        n_rounds=len(r),
        latest_valuation=latest_valuation(frames),
        n_investors=len(investors),
        n_sources=len(frames.articles),
        n_publishers=int(frames.articles["publisher"].map(publisher_label).nunique()),
        latest_article=last,
        latest_article_precision=_latest_article_precision(frames.articles, last),
    )


def _finest(precisions: list[str] | tuple[str, ...]) -> str | None:
    options = [p for p in precisions if p in DATE_PRECISIONS]
    return min(options, key=DATE_PRECISIONS.index) if options else None


def overview_headline(summary: Overview) -> Headline:
    """``headline`` from the figures the store summed up (``analysis.store.overview``): the same
    figures, without the frames in memory."""
    if len(summary.latest_round):
        latest = _round_valuation(records(summary.latest_round)[0])
    elif len(summary.latest_valuation):
        labels = source_labels(summary.valuation_publisher_articles)
        latest = _source_valuation(records(summary.latest_valuation)[0], labels)
    else:
        latest = None
    return Headline(
        total_raised_eur=summary.total_raised_eur,
        total_raised_usd=summary.total_raised_usd,
        rounds_with_amount=summary.rounds_with_amount,
        n_rounds=summary.n_rounds,
        latest_valuation=latest,
        n_investors=summary.n_investors,
        n_sources=summary.n_articles,
        n_publishers=len(summary.publishers),
        latest_article=summary.last_published,
        latest_article_precision=_finest(summary.last_published_precisions),
    )


def overview_corpus(summary: Overview) -> dict[str, Any]:
    """``corpus_state`` from the figures the store summed up (``analysis.store.overview``)."""
    return {
        "n_articles": summary.n_articles,
        "languages": dict(summary.languages),
        "publishers": dict(summary.publishers),
        "first": summary.first_published,
        "last": summary.last_published,
        "n_chars": summary.n_chars,
    }


def _round_valuation(rec: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": to_date(rec.get("date")),
        "precision": rec.get("date_precision"),
        "company": rec.get("company"),
        "value": rec.get("post_money"),
        "currency": rec.get("valuation_currency") or rec.get("currency"),
        "value_eur": rec.get("post_money_eur"),
        "value_usd": rec.get("post_money_usd"),
        "status": rec.get("status"),
        "source": round_name(rec),
        "derived": flag(rec.get("post_money_derived")),
    }


def _source_valuation(rec: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    own_date = to_date(rec.get("date"))
    return {
        "date": own_date or to_date(rec.get("published")),
        "precision": rec.get("date_precision") if own_date else None,
        "company": rec.get("company"),
        "value": rec.get("value"),
        "currency": rec.get("currency"),
        "value_eur": rec.get("value_eur"),
        "value_usd": rec.get("value_usd"),
        "status": rec.get("status"),
        "source": labels.get(str(rec.get("article_id")), publisher_label(rec.get("publisher"))),
        "derived": False,
    }


def latest_valuation(frames: Frames) -> dict[str, Any] | None:
    """The most recent post-money valuation (value, currency, value_eur, value_usd, date,
    precision, company, status, source, derived); None when no valuation is known.

    Candidates are the rounds with a stated or derived post-money and the stand-alone
    valuations not stated as pre-money (dated by their own date, else their article's
    publication). The latest date wins; on a tie an announced figure beats a reported one,
    then a round's post-money beats a stand-alone figure.
    """
    r = frames.rounds
    r_keep = r[r["post_money"].notna() & r["date"].notna()]
    v = frames.valuations
    v_date = v["date"].fillna(v["published"])
    v_keep = v[(v["basis"] != "pre") & v_date.notna()]
    candidates = pd.concat(
        [
            pd.DataFrame({"date": r_keep["date"], "announced": r_keep["status"] == "announced",
                          "rank": 1, "pos": r_keep.index, "kind": "round"}),
            pd.DataFrame({"date": v_date[v_keep.index], "announced": v_keep["status"] == "announced",
                          "rank": 0, "pos": v_keep.index, "kind": "valuation"}),
        ],
        ignore_index=True,
    )  # fmt: skip
    if candidates.empty:
        return None
    best = candidates.sort_values(["date", "announced", "rank"], kind="stable").iloc[-1]
    if best["kind"] == "round":
        return _round_valuation(records(r.loc[[best["pos"]]])[0])
    return _source_valuation(records(v.loc[[best["pos"]]])[0], source_labels(frames.articles))


def _round_row(rec: dict[str, Any]) -> dict[str, Any]:
    marked = corrected_columns(rec)
    mark = {name: CORRECTED_MARK if name in marked else "" for name in _MARKED_COLUMNS}
    vcur = rec.get("valuation_currency") or rec.get("currency")
    post = format_money(rec.get("post_money"), vcur)
    pre = format_money(rec.get("pre_money"), vcur)
    if not is_missing(rec.get("post_money")) and flag(rec.get("post_money_derived")):
        post += " (derived)"
    if not is_missing(rec.get("pre_money")) and flag(rec.get("pre_money_derived")):
        pre += " (derived)"
    date = to_date(rec.get("date"))
    return {
        "Company": f"{rec.get('company')}{mark['company']}",
        "Round": round_title(rec) + mark["round_label"],
        "Date": date,
        "Precision": rec.get("date_precision") if date else None,
        "Amount": format_money(rec.get("amount"), rec.get("currency")) + mark["amount"],
        "Amount (EUR)": number(rec.get("amount_eur")),
        "Amount (USD)": number(rec.get("amount_usd")),
        "Post-money": post + mark["post_money"],
        "Post-money (EUR)": number(rec.get("post_money_eur")),
        "Pre-money": pre + mark["pre_money"],
        "Lead": ", ".join(as_list(rec.get("lead_investors"))) + mark["lead_investors"],
        "Investors": ", ".join(as_list(rec.get("investors"))) + mark["investors"],
        "Sources": whole(rec.get("n_sources")),
        "Status": (rec.get("status") or "") + mark["status"],
        "Agreement": rec.get("agreement") or "",
        "Spread %": number(rec.get("spread_pct")),
        "Confidence": number(rec.get("confidence")),
        "Corrected": correction_note(rec),
    }


def rounds_table(rounds: pd.DataFrame) -> pd.DataFrame:
    """The rounds as the Overview shows them, oldest first: one row a round named
    ``"Series B · Jun 2024"``, its date (datetime64) and precision, numeric money columns
    (native, EUR, USD) and money text (``"unknown"`` when not stated)."""
    rows = [_round_row(rec) for rec in records(sorted_rounds(rounds))]
    out = pd.DataFrame(rows, columns=ROUNDS_TABLE_COLUMNS)
    out["Date"] = pd.to_datetime(out["Date"], errors="coerce")
    return out


def corpus_state(articles: pd.DataFrame) -> dict[str, Any]:
    """Size and shape of the corpus: counts per language and publisher, date span, characters."""
    first, last = date_span(articles)
    langs = articles["language"].fillna("?").astype(str).value_counts()
    pubs = articles["publisher"].map(publisher_label).value_counts()
    return {
        "n_articles": len(articles),
        "languages": {str(k): int(v) for k, v in langs.items()},
        "publishers": {str(k): int(v) for k, v in pubs.items()},
        "first": first,
        "last": last,
        "n_chars": int(articles["n_chars"].fillna(0).sum()),
    }
