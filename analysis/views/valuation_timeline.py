"""The Valuation timeline page: the rounds' valuations and amounts and every source's figure, over time.

A figure of month or year precision spans its month or year and is drawn at the span's middle,
never at its first day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.frames import Frames, is_missing
from analysis.money import UNKNOWN, format_money
from analysis.views.cells import flag, number, publisher_label, records, source_labels, to_date
from analysis.views.formatting import Currency, format_date, period, precision_of
from analysis.views.rounds import (
    CORRECTED_MARK,
    corrected_columns,
    correction_note,
    round_name,
    round_names,
    sorted_rounds,
)

_SPAN_COLS = ["date", "precision", "when", "start", "end", "x"]
_ROUND_SERIES_COLS = [*_SPAN_COLS, "company", "value", "label", "status", "derived", "native"]
_POINT_COLS = [
    *_SPAN_COLS, "company", "value", "source", "published", "published_precision", "sentence", "status",
    "basis", "native", "article_id",
]  # fmt: skip
#: The timeline's source figures as the table under the chart names their columns.
_POINT_TABLE_NAMES = {
    "date": "Date", "precision": "Precision", "company": "Company", "value": "Value", "source": "Source",
    "published": "Published", "published_precision": "Published precision", "sentence": "Sentence",
    "status": "Status", "basis": "Basis", "native": "As stated",
}  # fmt: skip


@dataclass
class Timeline:
    """The series of the valuation chart, in one currency (values at each figure's date).

    Every series has the figure's date (first day), ``precision``, ``when`` (the date as
    text at its precision: ``"Dec 2023"``), and the span it can mean: ``start`` and ``end``
    (first and last day of its month or year; the day itself at day precision) and ``x``,
    the span's middle, where the chart draws it; each series is in ``x`` order.
    ``post``/``pre``: consensus valuations of the rounds (company, value, label, status, derived, native).
    ``points``: every source's valuation figure (company, value, source, published and
    published_precision, sentence, status, basis, native, article_id). ``raised``: round
    amounts (company, value, label, status, derived, native).
    """

    currency: Currency
    post: pd.DataFrame
    pre: pd.DataFrame
    points: pd.DataFrame
    raised: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.post.empty and self.pre.empty and self.points.empty and self.raised.empty


def _span(when: dt.date, precision: Any) -> dict[str, Any]:
    """A figure's date, precision, text and the span it means (first to last day, middle)."""
    prec = precision_of(precision)
    start, end = period(when, prec) or (pd.Timestamp(when), pd.Timestamp(when))
    return {
        "date": pd.Timestamp(when),
        "precision": prec,
        "when": format_date(when, prec),
        "start": start,
        "end": end,
        "x": start + (end - start) / 2,
    }


def _as_stated(value: Any, currency: Any, rec: dict[str, Any]) -> str:
    """The figure as its source states it, with what an analyst corrected."""
    note = f"{CORRECTED_MARK} ({correction_note(rec)})" if corrected_columns(rec) else ""
    return format_money(value, currency) + note


def _round_series(rounds: pd.DataFrame, names: dict[str, str], column: str, suffix: str) -> pd.DataFrame:
    """One point a dated round with a known ``column`` (amount, pre_money, post_money) in the
    currency of ``suffix`` (``_eur``, ``_usd``)."""
    derived = f"{column}_derived" if column != "amount" else None
    rows = []
    for rec in records(rounds[rounds[column + suffix].notna() & rounds["date"].notna()]):
        native = rec.get("currency") if column == "amount" else rec.get("valuation_currency") or rec.get("currency")
        rows.append({
            **_span(to_date(rec["date"]), rec.get("date_precision")),
            "company": rec.get("company"),
            "value": number(rec[column + suffix]),
            "label": names.get(str(rec["round_id"]), round_name(rec)),
            "status": rec.get("status"),
            "derived": bool(derived and flag(rec.get(derived))),
            "native": _as_stated(rec.get(column), native, rec),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=_ROUND_SERIES_COLS).sort_values("x", kind="stable").reset_index(drop=True)


def _source_points(frames: Frames, valuations: pd.DataFrame, suffix: str) -> pd.DataFrame:
    """One point a source's valuation figure, dated by its own date, else its article's."""
    labels = source_labels(frames.articles)
    article_ids = frames.articles["article_id"].astype(str)
    published = dict(zip(article_ids, frames.articles["published"], strict=True))
    precision = dict(zip(article_ids, frames.articles["published_precision"], strict=True))
    rows = []
    for rec in records(valuations):
        value = number(rec.get("value" + suffix))
        aid = str(rec["article_id"])
        pub = to_date(published[aid]) if aid in published else to_date(rec.get("published"))
        pub_precision = precision_of(precision.get(aid))
        own = to_date(rec.get("date"))
        when, when_precision = (own, rec.get("date_precision")) if own else (pub, pub_precision)
        if value is None or when is None:
            continue
        rows.append({
            **_span(when, when_precision),
            "company": rec.get("company"),
            "value": value,
            "source": labels.get(aid, publisher_label(rec.get("publisher"))),
            "published": pd.Timestamp(pub) if pub else pd.NaT,
            "published_precision": pub_precision if pub else None,
            "sentence": str(rec.get("sentence") or ""),
            "status": rec.get("status"),
            "basis": UNKNOWN if is_missing(rec.get("basis")) else rec.get("basis"),
            "native": _as_stated(rec.get("value"), rec.get("currency"), rec),
            "article_id": aid,
        })  # fmt: skip
    points = pd.DataFrame(rows, columns=_POINT_COLS)
    points["published"] = pd.to_datetime(points["published"])
    return points.sort_values("x", kind="stable").reset_index(drop=True)


def timeline(frames: Frames, currency: Currency = "EUR", companies: Sequence[str] | None = None) -> Timeline:
    """The valuation-timeline series (of ``companies`` only, when given); a figure without a
    date or a conversion is left out. A month- or year-precision figure spans its month or
    year (``start``/``end``) and is placed at its middle (``x``), never at the first day."""
    suffix = "_eur" if currency == "EUR" else "_usd"
    rounds, valuations = frames.rounds, frames.valuations
    if companies is not None:
        rounds = rounds[rounds["company"].isin(companies)]
        valuations = valuations[valuations["company"].isin(companies)]
    r = sorted_rounds(rounds)
    names = round_names(r)
    return Timeline(
        currency=currency,
        post=_round_series(r, names, "post_money", suffix),
        pre=_round_series(r, names, "pre_money", suffix),
        points=_source_points(frames, valuations, suffix),
        raised=_round_series(r, names, "amount", suffix),
    )


def points_table(points: pd.DataFrame, currency: Currency = "EUR") -> pd.DataFrame:
    """The timeline's source figures as the table under the chart shows them: date and
    precision, company, value in ``currency``, source, publication date and precision,
    sentence, status, basis and the figure as stated."""
    names = {**_POINT_TABLE_NAMES, "value": f"Value ({currency})"}
    return points.reindex(columns=list(names)).rename(columns=names)
