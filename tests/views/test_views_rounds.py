"""analysis.views.rounds: how a round is named, its articles, what an analyst corrected."""

from __future__ import annotations

import json

from views_support import D, frames_of

from analysis.frames import Frames
from analysis.views import rounds as R


def test_round_titles_and_names() -> None:
    assert R.round_title({"round_label": "Series B", "date": D(2024, 6, 3), "date_precision": "month"}) == (
        "Series B · Jun 2024")  # fmt: skip
    assert R.round_title({"round_label": None, "date": D(2024, 1, 1), "date_precision": "year"}) == "round · 2024"
    assert R.round_title({"round_label": "Seed", "date": None}) == "Seed"
    row = {"company": "Mistral AI", "round_label": "Series C", "date": D(2025, 9, 9), "date_precision": "day"}
    assert R.round_name(row) == "Mistral AI · Series C · 9 Sep 2025"
    assert R.round_name({**row, "corrected": "amount"}) == "Mistral AI · Series C · 9 Sep 2025 ✎"


def test_round_names_are_unique() -> None:
    same = {"company": "X", "round_label": "Seed", "date": D(2020, 1, 1), "date_precision": "year"}
    rounds = frames_of(rounds=[{**same, "round_id": "a"}, {**same, "round_id": "b"}]).rounds
    assert R.round_names(rounds) == {"a": "X · Seed · 2020", "b": "X · Seed · 2020 (2)"}


def test_correction_note_tells_the_original() -> None:
    rec = {"corrected": "amount; lead_investors", "currency": "EUR",
           "original": json.dumps({"amount": 1.7e9, "lead_investors": ["ASML"]})}  # fmt: skip
    assert R.corrected_columns(rec) == {"amount", "lead_investors"}
    assert R.correction_note(rec) == "amount was €1.7 bn; lead investors was ASML"
    assert R.correction_note({"corrected": "confirmed", "original": ""}) == "confirmed"
    assert R.correction_note({"corrected": "merged", "original": ""}) == "merged with another round"
    assert R.correction_note({"corrected": None}) == "" and not R.corrected_columns({"corrected": None})


def test_round_article_links_come_from_mentions_and_comparisons(small) -> None:
    links = R.round_article_links(small)
    pairs = set(zip(links["round_id"], links["article_id"], strict=True))
    assert pairs == {("r_c", "a0"), ("r_c", "a1"), ("r_2024", "a2"), ("r_2024", "a1"), ("r_q", "e1"),
                     ("r_dec23", "a2")}


def test_round_article_links_are_computed_once_per_frames(small) -> None:
    links = R.round_article_links(small)
    assert R.round_article_links(small) is links
    assert R.round_article_links(Frames(**dict(small.items()))) is not links
