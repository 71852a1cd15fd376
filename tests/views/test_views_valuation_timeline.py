"""analysis.views.valuation_timeline: the valuation chart's series and the table under it."""

from __future__ import annotations

import pandas as pd
from views_support import frames_of

from analysis.views.formatting import format_date
from analysis.views.valuation_timeline import points_table, timeline


def test_timeline_series_per_currency(small) -> None:
    eur = timeline(small, "EUR")
    assert list(eur.post["value"]) == [2e9, 5.56e9, 11.7e9]
    assert list(eur.pre["value"]) == [10e9] and bool(eur.pre["derived"].iloc[0])
    assert len(eur.points) == 5
    assert set(eur.points["status"]) == {"announced", "reported"}
    assert list(eur.raised["value"]) == [556e6, 41e6, 1.7e9]
    usd = timeline(small, "USD")
    assert usd.post["value"].iloc[-1] == 13.7e9
    assert usd.points.loc[usd.points["source"] == "01net", "value"].item() == 6e9
    assert "pèse plus de 6 milliards" in usd.points.loc[usd.points["source"] == "01net", "sentence"].item()
    one = usd.points.loc[usd.points["source"] == "01net"].iloc[0]
    assert one["published"] == pd.Timestamp("2025-06-15") and one["published_precision"] == "month"
    assert format_date(one["published"], one["published_precision"]) == "Jun 2025"
    assert timeline(frames_of(), "EUR").empty


def test_timeline_of_chosen_companies(small) -> None:
    only = timeline(small, "EUR", ("Quantix Robotics",))
    assert list(only.raised["value"]) == [41e6] and only.points.empty and only.post.empty
    assert timeline(small, "EUR", ()).empty


def test_points_table_names_its_columns_for_the_currency(small) -> None:
    table = points_table(timeline(small, "USD").points, "USD")
    assert list(table.columns[:4]) == ["Date", "Precision", "Company", "Value (USD)"]
    assert "As stated" in table.columns and len(table) == 5


def test_a_month_precision_valuation_spans_its_month_on_the_timeline(stored) -> None:
    tl = timeline(stored, "EUR")
    dec = tl.points[(tl.points["date"] == pd.Timestamp("2023-12-01")) & (tl.points["company"] == "Mistral AI")]
    assert len(dec) == 1
    p = dec.iloc[0]
    assert p["precision"] == "month" and p["when"] == "Dec 2023"
    assert (p["start"], p["end"]) == (pd.Timestamp("2023-12-01"), pd.Timestamp("2023-12-31"))
    assert p["x"] == pd.Timestamp("2023-12-16")  # drawn at the middle of its month, not the 1st
    # the year-precision round spans its year; a day-precision figure is its day
    raised = tl.raised.set_index("when")
    assert (raised.loc["2024", "start"], raised.loc["2024", "end"]) == (
        pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))  # fmt: skip
    day = tl.points[tl.points["precision"] == "day"].iloc[0]
    assert day["start"] == day["end"] == day["x"] == day["date"]
    assert list(tl.points["x"]) == sorted(tl.points["x"])
