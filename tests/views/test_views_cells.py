"""analysis.views.cells: reading the cells of validated frames."""

from __future__ import annotations

import numpy as np
from views_support import NAN, frames_of

from analysis.views import cells


def test_as_list_accepts_lists_arrays_and_strings() -> None:
    assert cells.as_list(["a", None, "b"]) == ["a", "b"]
    assert cells.as_list(np.array(["x", "y"])) == ["x", "y"]
    assert cells.as_list("a; b") == ["a", "b"]
    assert cells.as_list("ASML, Nvidia") == ["ASML", "Nvidia"]
    assert cells.as_list(None) == []
    assert cells.as_list(NAN) == []


def test_records_give_none_for_every_missing_value(small) -> None:
    rec = cells.records(small.rounds)[0]
    assert rec["round_id"] == "r_dec23"
    assert rec["amount"] is None and rec["round_label"] is None and rec["lead_investors"] is None


def test_source_labels_unique(small) -> None:
    labels = cells.source_labels(small.articles)
    assert labels["a0"] == "Gate"
    assert labels["a4"] == "01net"
    assert labels["a1"].startswith("? · ") and labels["a2"].startswith("? · ")
    assert len(set(labels.values())) == len(labels)


def test_unknown_publishers_are_told_apart_by_file_name_or_id() -> None:
    arts = frames_of(articles=[
        {"article_id": "x", "publisher": None, "title": None, "file": "/home/me/news/2024/very-long-name.txt"},
        {"article_id": "y", "publisher": None, "title": None, "file": ""},
    ]).articles  # fmt: skip
    assert cells.source_labels(arts) == {"x": "? · very-long-name.txt", "y": "? · y"}
    assert cells.publisher_label(None) == cells.publisher_label("  ") == "(unknown)"
