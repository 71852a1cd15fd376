"""analysis.views.overview: headline figures, the latest valuation, the rounds table, the corpus."""

from __future__ import annotations

import pandas as pd
import pytest
from views_support import D

from analysis.views import formatting as F
from analysis.views.filters import Filters, apply_filters
from analysis.views.overview import corpus_state, headline, rounds_table


def test_headline(small) -> None:
    h = headline(small)
    assert h.n_rounds == 4
    assert h.rounds_with_amount == 3
    assert h.total_raised_eur == pytest.approx(1.7e9 + 556e6 + 41e6)
    assert h.latest_valuation["value"] == 11.7e9 and h.latest_valuation["currency"] == "EUR"
    assert h.latest_article == D(2025, 9, 9)
    assert h.n_investors == 6
    assert h.n_sources == 5
    one = headline(apply_filters(small, Filters(publishers=("01net",))))
    assert one.n_rounds == 0 and one.total_raised_eur is None
    assert one.latest_valuation["value"] == 6e9 and one.latest_valuation["currency"] == "USD"
    assert (h.latest_article_precision, one.latest_article_precision) == ("day", "month")


def test_rounds_table_shows_unknown_not_zero(small) -> None:
    t = rounds_table(small.rounds)
    assert list(t["Company"]) == ["Mistral AI", "Mistral AI", "Quantix Robotics", "Mistral AI"]
    dec = t.iloc[0]
    assert dec["Amount"] == "unknown" and pd.isna(dec["Amount (EUR)"])
    c = t.iloc[-1]
    assert c["Amount"] == "€1.7 bn" and c["Post-money"] == "€11.7 bn" and c["Pre-money"] == "€10 bn (derived)"
    assert c["Lead"] == "ASML"
    assert pd.api.types.is_datetime64_any_dtype(t["Date"])
    assert rounds_table(small.rounds.iloc[0:0]).empty


def test_rounds_table_marks_a_corrected_value(small) -> None:
    rounds = small.rounds.assign(corrected=["", "", "amount", ""], original=["", "", '{"amount": 1.6e9}', ""])
    c = rounds_table(rounds).iloc[-1]
    assert c["Amount"] == "€1.7 bn ✎" and c["Corrected"] == "amount was €1.6 bn"


def test_corpus_state(small) -> None:
    s = corpus_state(small.articles)
    assert s["n_articles"] == 5
    assert s["languages"] == {"fr": 4, "en": 1}
    assert s["publishers"]["(unknown)"] == 2
    assert (s["first"], s["last"]) == (D(2024, 5, 9), D(2025, 9, 9))


def test_a_year_precision_round_shows_its_year_and_keeps_iso_in_csv(stored) -> None:
    table = rounds_table(stored.rounds)
    year = table[table["Precision"] == "year"]
    assert len(year) == 1 and year["Date"].iloc[0] == pd.Timestamp("2024-01-01")
    shown = F.screen(table)
    assert "Precision" not in shown.columns
    assert shown.loc[year.index[0], "Date"] == "2024"
    assert shown.loc[year.index[0], "Round"] == "round · 2024"
    assert set(shown["Date"]) == {"Dec 2023", "2024", "Feb 2024", "9 Sep 2025"}
    # rows in date order (the text itself would sort "2024" before "9 Sep 2025" before "Dec 2023")
    assert list(shown["Date"]) == ["Dec 2023", "2024", "Feb 2024", "9 Sep 2025"]
    csv = F.csv_frame(table)
    assert csv.loc[year.index[0], "Date"] == "2024-01-01" and csv.loc[year.index[0], "Precision"] == "year"
    assert csv["Date"].tolist() == ["2023-12-01", "2024-01-01", "2024-02-01", "2025-09-09"]


def test_missing_money_reads_unknown_in_every_money_text_cell(stored) -> None:
    shown = F.screen(rounds_table(stored.rounds))
    for col in ("Amount", "Post-money", "Pre-money"):
        assert "" not in set(shown[col]), col
    assert "unknown" in set(shown["Post-money"]) and "unknown" in set(shown["Amount"])
