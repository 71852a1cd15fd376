"""The vocabulary of the tables an analyst reads: each frame's columns, types and schema.

One spec per frame (``DUCKDB_TYPES``: columns in order, each with the store's DuckDB type) and
one pandera schema (each column's pandas type and whether it may be empty); the store reads
every frame through them (``analysis.store.read_frames``), so the dashboard and the exports
always see the same, checked shapes.

Conventions: dates are ``datetime64`` (midnight; ``*_precision`` says day / month / year),
amounts are ``float`` in units with NaN when unknown (never 0), flags are ``bool``, counts
and character offsets are nullable ``Int64``. Lists of names (investors, sources) are one
string joined with ``LIST_SEP``, so they survive CSV unchanged (an article's ``author``: the same).

Corrections (``analysis.history.corrections``): ``mentions.round_id`` is the consolidated round a figure
belongs to; ``rounds``, ``investments`` and ``valuations`` carry ``corrected`` (the columns an
analyst corrected, joined with ``LIST_SEP``; "confirmed" when only confirmed; "" when untouched)
and ``original`` (JSON text: the value as extracted of each corrected column; "" when none).

Confidence (``analysis.history.confidence``): ``rounds``, ``investments`` and ``valuations`` carry
``confidence`` (a float in [0, 1]; empty in a store not refreshed since) and ``confidence_reasons``
(the signals it rests on, joined with "; "); ``mentions.found_by`` says how extraction found a
figure's company or an investor's role (``FOUND_BY``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

#: Separator of the name lists stored as one string (lead_investors, investors, sources).
LIST_SEP = "; "

DATE_PRECISIONS = ["day", "month", "year"]
STATUSES = ["announced", "reported"]
#: The kinds of fact an analyst checks and corrects: a round, an investor in a round, a valuation.
FACT_KINDS = ("round", "investor", "valuation")
MENTION_KINDS = [
    "round_amount",  # a round's amount (value NaN when the article names the round without one)
    "amount_alternative",  # the same amount restated in another currency
    "investment",  # one investor's money and/or stake in the round
    "investor",  # an investor the article names in the round (no figure)
    "valuation",  # a valuation (of a round, or standalone when round_key is null)
    "valuation_alternative",  # the same valuation restated in another currency
    "total_raised",  # the company's cumulative funding
]
#: How extraction found a mention's company (figure rows: ``Evidence.company_found_by``) or an
#: investor's role (investor and investment rows: ``RoundFact.roles_found_by``); the mentions'
#: ``found_by`` column, read by ``analysis.history.confidence``.
FOUND_BY = ["owner", "relative", "grammar", "respectively", "antecedent", "purpose", "heading", "sentence", "share", "cue", "list"]
EXPLANATIONS = ["same", "fx_conversion", "pre_vs_post", "rumour_superseded", "stale", "rounding", "unexplained"]

#: Every frame's columns, in order (also the order of the store's tables and exports), with the
#: DuckDB type of the store's column: the one spec of both.
DUCKDB_TYPES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "VARCHAR PRIMARY KEY", "file": "VARCHAR NOT NULL", "publisher": "VARCHAR",
        "title": "VARCHAR", "url": "VARCHAR", "author": "VARCHAR", "published": "DATE", "published_precision": "VARCHAR",
        "language": "VARCHAR", "n_chars": "BIGINT", "ingested_at": "TIMESTAMP NOT NULL",
    },
    "mentions": {
        "mention_id": "VARCHAR PRIMARY KEY", "article_id": "VARCHAR NOT NULL", "round_key": "INTEGER",
        "kind": "VARCHAR NOT NULL", "company": "VARCHAR", "value": "DOUBLE", "currency": "VARCHAR",
        "value_eur": "DOUBLE", "value_usd": "DOUBLE", "fx_rate": "DOUBLE", "fx_date": "DATE", "fx_flag": "VARCHAR",
        "date": "DATE", "date_precision": "VARCHAR", "status": "VARCHAR", "investor": "VARCHAR", "role": "VARCHAR",
        "basis": "VARCHAR", "stake_pct": "DOUBLE", "round_label": "VARCHAR", "qualifier": "VARCHAR",
        "found_by": "VARCHAR", "sentence": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "sentence_start": "INTEGER",
        "sentence_end": "INTEGER", "publisher": "VARCHAR", "published": "DATE", "round_id": "VARCHAR",
    },
    "rounds": {
        "round_id": "VARCHAR", "company": "VARCHAR", "round_label": "VARCHAR", "date": "DATE",
        "date_precision": "VARCHAR", "amount": "DOUBLE", "currency": "VARCHAR", "amount_eur": "DOUBLE",
        "amount_usd": "DOUBLE", "pre_money": "DOUBLE", "post_money": "DOUBLE", "valuation_currency": "VARCHAR",
        "pre_money_eur": "DOUBLE", "pre_money_usd": "DOUBLE", "post_money_eur": "DOUBLE", "post_money_usd": "DOUBLE",
        "pre_money_derived": "BOOLEAN NOT NULL", "post_money_derived": "BOOLEAN NOT NULL",
        "valuation_basis": "VARCHAR", "lead_investors": "VARCHAR", "investors": "VARCHAR",
        "n_sources": "INTEGER NOT NULL", "sources": "VARCHAR", "first_reported": "DATE", "status": "VARCHAR",
        "agreement": "VARCHAR", "spread_pct": "DOUBLE", "followed_by": "VARCHAR",
        "confidence": "DOUBLE", "confidence_reasons": "VARCHAR", "corrected": "VARCHAR", "original": "VARCHAR",
    },
    "investments": {
        "round_id": "VARCHAR", "company": "VARCHAR", "investor": "VARCHAR", "role": "VARCHAR", "amount": "DOUBLE",
        "currency": "VARCHAR", "amount_eur": "DOUBLE", "amount_usd": "DOUBLE", "stake_reported": "DOUBLE",
        "stake_implied": "DOUBLE", "stake_mismatch": "BOOLEAN NOT NULL", "n_sources": "INTEGER NOT NULL",
        "confidence": "DOUBLE", "confidence_reasons": "VARCHAR", "corrected": "VARCHAR", "original": "VARCHAR",
    },
    "valuations": {
        "company": "VARCHAR", "date": "DATE", "date_precision": "VARCHAR", "value": "DOUBLE",
        "currency": "VARCHAR", "value_eur": "DOUBLE", "value_usd": "DOUBLE", "basis": "VARCHAR",
        "article_id": "VARCHAR", "publisher": "VARCHAR", "published": "DATE", "status": "VARCHAR",
        "sentence": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "round_id": "VARCHAR",
        "confidence": "DOUBLE", "confidence_reasons": "VARCHAR", "corrected": "VARCHAR", "original": "VARCHAR",
    },
    "source_comparison": {
        "round_id": "VARCHAR", "company": "VARCHAR", "round_label": "VARCHAR", "field": "VARCHAR",
        "article_id": "VARCHAR", "publisher": "VARCHAR", "published": "DATE", "value": "VARCHAR",
        "value_num": "DOUBLE", "currency": "VARCHAR", "value_eur": "DOUBLE", "consensus": "VARCHAR",
        "consensus_num": "DOUBLE", "consensus_currency": "VARCHAR", "agrees": "BOOLEAN NOT NULL",
        "explanation": "VARCHAR", "note": "VARCHAR",
    },
}
ARTICLE_COLUMNS = tuple(DUCKDB_TYPES["articles"])
MENTION_COLUMNS = tuple(DUCKDB_TYPES["mentions"])
ROUND_COLUMNS = tuple(DUCKDB_TYPES["rounds"])
INVESTMENT_COLUMNS = tuple(DUCKDB_TYPES["investments"])
VALUATION_COLUMNS = tuple(DUCKDB_TYPES["valuations"])
COMPARISON_COLUMNS = tuple(DUCKDB_TYPES["source_comparison"])

#: Columns holding dates, per frame (used to parse CSV exports back).
DATE_COLUMNS = {
    "articles": ("published", "ingested_at"),
    "mentions": ("fx_date", "date", "published"),
    "rounds": ("date", "first_reported"),
    "investments": (),
    "valuations": ("date", "published"),
    "source_comparison": ("published",),
}
COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "rounds": ROUND_COLUMNS,
    "investments": INVESTMENT_COLUMNS,
    "valuations": VALUATION_COLUMNS,
    "source_comparison": COMPARISON_COLUMNS,
}
FRAME_NAMES = tuple(COLUMNS)


def _schemas() -> dict[str, pa.DataFrameSchema]:
    import pandera.pandas as pa

    def text(nullable: bool = True, isin: list[str] | None = None) -> pa.Column:
        checks = [pa.Check.isin(isin)] if isin else []
        return pa.Column(str, checks=checks, nullable=nullable, coerce=True)

    def when(nullable: bool = True) -> pa.Column:
        return pa.Column("datetime64[ns]", nullable=nullable, coerce=True)

    def money(nullable: bool = True) -> pa.Column:
        return pa.Column(float, nullable=nullable, coerce=True)

    def count(nullable: bool = True) -> pa.Column:
        return pa.Column("Int64", nullable=nullable, coerce=True)

    def flag() -> pa.Column:
        return pa.Column(bool, nullable=False, coerce=True)

    def share() -> pa.Column:  # a confidence (``analysis.history.confidence``); empty in a store not yet refreshed
        return pa.Column(float, checks=[pa.Check.in_range(0.0, 1.0)], nullable=True, coerce=True)

    def schema(name: str, columns: dict[str, pa.Column], unique: list[str] | None = None) -> pa.DataFrameSchema:
        assert tuple(columns) == COLUMNS[name], name
        return pa.DataFrameSchema(columns, name=name, strict=True, ordered=True, unique=unique)

    precision = DATE_PRECISIONS
    return {
        "articles": schema("articles", {
            "article_id": text(False), "file": text(False), "publisher": text(), "title": text(), "url": text(),
            "author": text(), "published": when(), "published_precision": text(isin=precision), "language": text(),
            "n_chars": count(), "ingested_at": when(False),
        }, unique=["article_id"]),
        "mentions": schema("mentions", {
            "mention_id": text(False), "article_id": text(False), "round_key": count(),
            "kind": text(False, MENTION_KINDS), "company": text(), "value": money(), "currency": text(),
            "value_eur": money(), "value_usd": money(), "fx_rate": money(), "fx_date": when(), "fx_flag": text(),
            "date": when(), "date_precision": text(isin=precision), "status": text(isin=STATUSES),
            "investor": text(), "role": text(isin=["lead", "participant"]), "basis": text(isin=["pre", "post"]),
            "stake_pct": money(), "round_label": text(), "qualifier": text(),
            "found_by": text(isin=FOUND_BY), "sentence": text(),
            "start": count(), "end": count(), "sentence_start": count(), "sentence_end": count(),
            "publisher": text(), "published": when(), "round_id": text(),
        }, unique=["mention_id"]),
        "rounds": schema("rounds", {
            "round_id": text(False), "company": text(), "round_label": text(), "date": when(),
            "date_precision": text(isin=precision), "amount": money(), "currency": text(),
            "amount_eur": money(), "amount_usd": money(), "pre_money": money(), "post_money": money(),
            "valuation_currency": text(), "pre_money_eur": money(), "pre_money_usd": money(),
            "post_money_eur": money(), "post_money_usd": money(), "pre_money_derived": flag(),
            "post_money_derived": flag(), "valuation_basis": text(isin=["pre", "post", "unknown"]),
            "lead_investors": text(), "investors": text(), "n_sources": count(False), "sources": text(),
            "first_reported": when(), "status": text(False, STATUSES),
            "agreement": text(False, ["agree", "differ"]), "spread_pct": money(), "followed_by": text(),
            "confidence": share(), "confidence_reasons": text(), "corrected": text(), "original": text(),
        }, unique=["round_id"]),
        "investments": schema("investments", {
            "round_id": text(False), "company": text(), "investor": text(False),
            "role": text(False, ["lead", "participant"]), "amount": money(), "currency": text(),
            "amount_eur": money(), "amount_usd": money(), "stake_reported": money(), "stake_implied": money(),
            "stake_mismatch": flag(), "n_sources": count(False), "confidence": share(),
            "confidence_reasons": text(), "corrected": text(), "original": text(),
        }, unique=["round_id", "investor"]),
        "valuations": schema("valuations", {
            "company": text(), "date": when(), "date_precision": text(isin=precision), "value": money(False),
            "currency": text(), "value_eur": money(), "value_usd": money(),
            "basis": text(False, ["pre", "post", "unknown"]), "article_id": text(False), "publisher": text(),
            "published": when(), "status": text(False, STATUSES), "sentence": text(), "start": count(),
            "end": count(), "round_id": text(), "confidence": share(), "confidence_reasons": text(),
            "corrected": text(), "original": text(),
        }),
        "source_comparison": schema("source_comparison", {
            "round_id": text(False), "company": text(), "round_label": text(), "field": text(False),
            "article_id": text(False), "publisher": text(), "published": when(), "value": text(),
            "value_num": money(), "currency": text(), "value_eur": money(), "consensus": text(),
            "consensus_num": money(), "consensus_currency": text(), "agrees": flag(),
            "explanation": text(False, EXPLANATIONS), "note": text(),
        }),
    }


_SCHEMAS: dict[str, pa.DataFrameSchema] = {}


def schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema of one frame (``articles``, ``mentions``, ``rounds``, ...)."""
    if not _SCHEMAS:
        _SCHEMAS.update(_schemas())
    return _SCHEMAS[name]


def empty(name: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of ``name`` (a fresh copy: callers may fill it)."""
    return _empty(name).copy()


@cache
def _empty(name: str) -> pd.DataFrame:
    """The empty frame of ``name``, validated once per process."""
    import pandas as pd

    return conform(name, pd.DataFrame({c: [] for c in COLUMNS[name]}))


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly the columns of ``name``, in order, with their dtypes (validated);
    a missing column is added empty."""
    import numpy as np

    frame = frame.copy()
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = np.nan
    return validate(name, frame.loc[:, list(COLUMNS[name])])


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` checked (and its dtypes coerced) against the schema of ``name``."""
    return schema(name).validate(frame)



#: How a missing or blank publisher is named wherever publishers are listed or filtered.
UNKNOWN_PUBLISHER = "(unknown)"


def publisher_label(value: Any, unknown: str = UNKNOWN_PUBLISHER) -> str:
    """The publisher as the filters name it: trimmed, and ``unknown`` when missing or blank."""
    return unknown if is_missing(value) or not str(value).strip() else str(value).strip()


def is_missing(value: Any) -> bool:
    """True for a cell that holds no value: None, NaN, NaT, pd.NA (a list or text is a value)."""
    if value is None:
        return True
    import pandas as pd  # this module imports pandas only where it is used

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False

@dataclass
class Frames:
    """Every frame of a store, validated."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    rounds: pd.DataFrame
    investments: pd.DataFrame
    valuations: pd.DataFrame
    source_comparison: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, frame)`` pairs in a fixed order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]
