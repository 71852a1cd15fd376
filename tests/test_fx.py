"""ECB rates offline: the rate of a day, weekends and holidays, bounds, unknown currencies."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis import fx
from analysis.fx import FX_TOLERANCE, convert, rate_at, relative_difference


def test_rate_at_a_known_business_day():
    rate = rate_at("EUR", "USD", dt.date(2025, 9, 9))
    assert rate is not None
    assert rate.rate == pytest.approx(1.17, abs=0.01)
    assert rate.rate_date == dt.date(2025, 9, 9)
    assert rate.flag is None


def test_weekend_uses_the_previous_friday_and_says_so():
    friday = rate_at("EUR", "USD", dt.date(2025, 9, 5))
    for day in (dt.date(2025, 9, 6), dt.date(2025, 9, 7)):
        rate = rate_at("EUR", "USD", day)
        assert rate is not None and friday is not None
        assert rate.rate_date == dt.date(2025, 9, 5)
        assert rate.rate == friday.rate  # the ECB figure itself, not an interpolation


def test_bank_holiday_walks_back_to_the_last_business_day():
    rate = rate_at("EUR", "USD", dt.date(2024, 12, 26))  # TARGET holiday (and the 25th)
    assert rate is not None
    assert rate.rate_date == dt.date(2024, 12, 24)


def test_inverse_and_cross_rates():
    day = dt.date(2024, 5, 9)
    eur_usd = rate_at("EUR", "USD", day)
    usd_eur = rate_at("USD", "EUR", day)
    gbp_usd = rate_at("GBP", "USD", day)
    eur_gbp = rate_at("EUR", "GBP", day)
    assert eur_usd and usd_eur and gbp_usd and eur_gbp
    assert eur_usd.rate * usd_eur.rate == pytest.approx(1.0)
    assert gbp_usd.rate == pytest.approx(eur_usd.rate / eur_gbp.rate)


def test_convert_returns_value_rate_and_day():
    value, rate, day = convert(600e6, "USD", "EUR", dt.date(2024, 5, 9))
    assert value == pytest.approx(600e6 / rate_at("EUR", "USD", dt.date(2024, 5, 9)).rate)
    assert rate == pytest.approx(value / 600e6)
    assert day == dt.date(2024, 5, 9)
    assert convert(5.0, "EUR", "EUR", dt.date(2024, 5, 9))[0] == 5.0


def test_no_date_uses_the_latest_rate_and_flags_it():
    rate = rate_at("EUR", "USD", None)
    assert rate is not None
    assert rate.rate_date == fx.latest_rate_date()
    assert rate.flag == fx.FLAG_NO_DATE


def test_outside_the_data_uses_the_nearest_bound():
    before = rate_at("EUR", "USD", dt.date(1990, 1, 1))
    after = rate_at("EUR", "USD", dt.date(2100, 1, 1))
    assert before is not None and after is not None
    assert before.flag == fx.FLAG_BEFORE_DATA and before.rate_date == dt.date(1999, 1, 4)
    assert after.flag == fx.FLAG_AFTER_DATA and after.rate_date == fx.latest_rate_date()


@pytest.mark.parametrize("currency", ["XYZ", "", None, "BTC"])
def test_unknown_currency_gives_none_without_crashing(currency):
    assert rate_at(currency, "EUR", dt.date(2024, 1, 2)) is None
    assert convert(1e6, currency, "EUR", dt.date(2024, 1, 2)) == (None, None, None)
    assert convert(None, "USD", "EUR", dt.date(2024, 1, 2)) == (None, None, None)
    assert convert(float("nan"), "USD", "EUR", dt.date(2024, 1, 2)) == (None, None, None)


def test_lowercase_codes_and_datetimes_are_accepted():
    assert rate_at("eur", "usd", dt.datetime(2025, 9, 9, 15, 30)).rate_date == dt.date(2025, 9, 9)


def test_press_restatement_is_within_tolerance():
    # "1,7 milliard d'euros ($2 billion)" on 2025-09-09
    usd, _, _ = convert(1.7e9, "EUR", "USD", dt.date(2025, 9, 9))
    assert relative_difference(usd, 2e9) <= FX_TOLERANCE
