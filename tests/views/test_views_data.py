"""analysis.views.data: every frame as stored, with the precision of each of its dates."""

from __future__ import annotations

import re

from analysis.views.data import data_tables
from analysis.views.formatting import csv_frame

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def test_data_tables_state_each_dates_precision(stored) -> None:
    data = data_tables(stored)
    assert list(data) == [name for name, _ in stored.items()]
    vals = data["valuations"]
    assert list(vals.columns).index("published_precision") == list(vals.columns).index("published") + 1
    pubs = dict(zip(stored.articles["article_id"], stored.articles["published_precision"], strict=True))
    assert list(vals["published_precision"]) == [pubs[a] for a in vals["article_id"]]
    rounds = data["rounds"].set_index("round_id")
    assert rounds.loc["mistral-ai-2025-09", "first_reported_precision"] == "day"  # 9 Sep 2025, dated to the day
    assert set(rounds["first_reported_precision"]) <= {"day", "month", "year"}
    csv = csv_frame(data["valuations"])
    assert all(ISO.fullmatch(d) for d in csv["published"]) and "month" in set(csv["published_precision"])


def test_data_tables_of_the_hand_rows_keep_the_stores_columns(small) -> None:
    data = data_tables(small)
    assert list(data["articles"].columns) == list(small.articles.columns)  # the articles state their own
    assert "first_reported_precision" in data["rounds"].columns
