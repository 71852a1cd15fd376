"""Exchange rates: the ECB reference rate of a given day, offline, with the day it comes from.

The ECB publishes one rate per TARGET business day (none on weekends and bank holidays).
A figure dated on such a day is converted at the rate of the nearest *earlier* business
day that has one (walking back at most ``MAX_WALK_BACK_DAYS``), never at an interpolated
rate, and the ``rate_date`` actually used comes back with the rate so that every converted
figure can say "at 1.0812 on 2024-05-09". Dates outside the data's range use the nearest
bound; a missing date uses the latest rate. Both cases are flagged in ``FxRate.flag``.
An unknown currency gives ``None`` rather than an exception.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from currency_converter import CurrencyConverter

#: Relative tolerance between a figure and its restatement in another currency: press FX
#: restatements are rounded ("1,7 milliard d'euros ($2 billion)": 1.7 x 1.17 = 1.99).
FX_TOLERANCE = 0.06
#: How far back to look for a business day with a rate (long holiday stretches included).
MAX_WALK_BACK_DAYS = 10
#: The reference currency of the ECB data.
REFERENCE = "EUR"

#: ``FxRate.flag`` values.
FLAG_NO_DATE = "no_date"  # no date given: the latest rate was used
FLAG_BEFORE_DATA = "before_data"  # day before the first rate: the first rate was used
FLAG_AFTER_DATA = "after_data"  # day after the last rate: the last rate was used
FLAG_INTERPOLATED = "interpolated"  # no business day within the walk-back: the library's fill


@dataclass(frozen=True)
class FxRate:
    """How many units of the target currency one unit of the source currency buys.

    ``rate_date`` is the business day whose ECB rate was used (may be before the day asked
    for); ``flag`` says when it is not simply "the day, or the last business day before".
    """

    rate: float
    rate_date: dt.date
    flag: str | None = None


class _TracingConverter(CurrencyConverter):
    """A ``CurrencyConverter`` that remembers which days the ECB file really has a rate for."""

    def __init__(self, **kwargs: Any) -> None:
        self.business_days: dict[str, frozenset[dt.date]] = {}
        super().__init__(**kwargs)

    def _set_missing_to_none(self, currency: str) -> None:
        # Called by ``load_lines`` before the gaps are filled: the dates present are the real ones.
        self.business_days[currency] = frozenset(self._rates[currency])
        super()._set_missing_to_none(currency)


@cache
def converter() -> _TracingConverter:
    """The converter over the ECB history shipped with currency_converter (built once)."""
    return _TracingConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def known_currency(currency: str | None) -> bool:
    """Whether the ECB data has rates for this ISO 4217 code."""
    return bool(currency) and currency.upper() in converter().currencies  # type: ignore[union-attr]


def _bounds(currencies: list[str]) -> tuple[dt.date, dt.date]:
    conv = converter()
    firsts = [conv.bounds[c].first_date for c in currencies]
    lasts = [conv.bounds[c].last_date for c in currencies]
    return max(firsts), min(lasts)


def latest_rate_date() -> dt.date:
    """The last day with an ECB rate in the shipped data."""
    return converter().bounds[REFERENCE].last_date


def _as_date(day: dt.date | dt.datetime | Any | None) -> dt.date | None:
    if day is None:
        return None
    try:
        import pandas as pd

        if pd.isna(day):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    if hasattr(day, "to_pydatetime"):
        return day.to_pydatetime().date()
    if isinstance(day, str):
        return dt.date.fromisoformat(day[:10])
    return None


@cache
def _rate_at(currency: str, target: str, day: dt.date | None) -> FxRate | None:
    conv = converter()
    if currency == target:
        return FxRate(1.0, day or latest_rate_date(), FLAG_NO_DATE if day is None else None)
    legs = [c for c in (currency, target) if c != REFERENCE]
    first, last = _bounds(legs)
    flag: str | None = None
    if day is None:
        day, flag = last, FLAG_NO_DATE
    elif day < first:
        day, flag = first, FLAG_BEFORE_DATA
    elif day > last:
        day, flag = last, FLAG_AFTER_DATA
    used = None
    for back in range(MAX_WALK_BACK_DAYS + 1):
        candidate = day - dt.timedelta(days=back)
        if candidate < first:
            break
        if all(candidate in conv.business_days[c] for c in legs):
            used = candidate
            break
    if used is None:  # a gap longer than the walk-back: take the library's filled value
        used, flag = day, flag or FLAG_INTERPOLATED
    rates = {c: float(conv._get_rate(c, used)) for c in legs}
    rates[REFERENCE] = 1.0
    return FxRate(rates[target] / rates[currency], used, flag)


def rate_at(currency: str | None, target: str | None, day: dt.date | None) -> FxRate | None:
    """The ECB rate from ``currency`` to ``target`` on ``day`` (or the last business day
    before it); ``None`` when either currency is unknown."""
    if not known_currency(currency) or not known_currency(target):
        return None
    return _rate_at(currency.upper(), target.upper(), _as_date(day))  # type: ignore[union-attr]


def convert(
    value: float | None, currency: str | None, target: str, day: dt.date | None
) -> tuple[float | None, float | None, dt.date | None]:
    """``(value in target, rate, rate_date)``; all ``None`` when the value or a currency is unknown."""
    if value is None or value != value:  # None or NaN
        return None, None, None
    fx = rate_at(currency, target, day)
    if fx is None:
        return None, None, None
    return float(value) * fx.rate, fx.rate, fx.rate_date


def relative_difference(a: float, b: float) -> float:
    """``|a - b|`` relative to the larger of the two (0 when both are 0)."""
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale
