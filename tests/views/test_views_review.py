"""analysis.views.review on a real store (the seeds): what to check first, a fact's evidence, and a
fact's corrections grouped by the action that made them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import load, store
from analysis.frames import Frames
from analysis.history import corrections as cx
from analysis.history.review import add_corrections
from analysis.views import review


@pytest.fixture(scope="module")
def db(copy_store: Callable[[str], Path]) -> Path:
    """A copy of the seeds' store: the tests below write corrections to it."""
    return copy_store("review")


@pytest.fixture(scope="module")
def frames(db: Path) -> Frames:
    return load(db)


def test_orders(frames: Frames) -> None:
    by_confidence = review.facts_to_check(frames)
    assert list(by_confidence["Confidence"]) == sorted(by_confidence["Confidence"])
    by_amount = review.facts_to_check(frames, "amount", kinds=("round",))
    assert by_amount["What"].iloc[0].endswith("€1.7 bn")  # the Series C, the largest round
    conflicts = review.facts_to_check(frames, "conflicts")
    agree = list(conflicts["Sources agree"])
    assert agree == sorted(agree)  # the rounds whose sources differ come first


def test_filters(frames: Frames) -> None:
    everything = review.facts_to_check(frames)
    low = review.facts_to_check(frames, below=0.5)
    assert 0 < len(low) < len(everything) and (low["Confidence"] < 0.5).all()
    valuations = review.facts_to_check(frames, kinds=("valuation",))
    assert set(valuations["Fact"]) == {"valuation"} and "OpenAI" in set(valuations["Company"])


def test_the_first_facts_are_listed_and_all_are_counted(frames: Frames) -> None:
    everything = review.facts_to_check(frames, "amount")
    first = review.facts_to_check(frames, "amount", limit=5)
    assert len(first) == 5  # the same facts, described the same way
    for column in ("Fact", "What", "Confidence", "round_id", "investor"):
        assert list(first[column].astype(object)) == list(everything[column].head(5).astype(object)), column
    listed = review.checklist(frames, "amount", limit=5)  # one pass: the first facts and the count of all
    assert listed.total == len(everything) and list(listed.facts["What"]) == list(first["What"])
    low = review.checklist(frames, below=0.5, limit=1)
    assert low.total == len(review.facts_to_check(frames, below=0.5)) > 1 and len(low.facts) == 1
    assert review.checklist(frames, below=0.5, kinds=("round",)).total == len(
        review.facts_to_check(frames, below=0.5, kinds=("round",)))
    # every kind is described in words: a round by its name and amount, an investor by its round, a
    # valuation by its value, basis and date
    what = dict(zip(everything["Fact"], everything["What"], strict=False))
    assert what["round"].startswith("Mistral AI") and " in Mistral AI" in what["investor"]
    assert "(" in what["valuation"] and "," in what["valuation"]


def test_evidence_of_a_round_and_an_investor(frames: Frames) -> None:
    facts = review.facts_to_check(frames, kinds=("round",))
    series_c = facts[facts["What"].str.endswith("€1.7 bn")].iloc[0]
    ev = review.evidence_of(frames, "round", series_c["round_id"])
    # three articles state the €1.7 bn; each mention carries its sentence and span
    amounts = ev.mentions[ev.mentions["kind"] == "round_amount"]
    assert amounts["article_id"].nunique() == 3
    assert all("1,7 milliard" in s for s in amounts["sentence"])
    assert len(ev.merge_candidates) == 3  # Mistral AI's other rounds
    nvidia = review.evidence_of(frames, "investor", series_c["round_id"], "Nvidia")
    assert set(nvidia.mentions["investor"]) == {"Nvidia"} and nvidia.record["role"] == "participant"


def test_changes_group_one_action_across_articles(db: Path, frames: Frames) -> None:
    facts = review.facts_to_check(frames, kinds=("round",))
    rid = facts[facts["What"].str.endswith("$16 M")].iloc[0]["round_id"]
    anchors = cx.anchors_of_round(frames.mentions, rid)
    made = [cx.new_correction("round", "confirm", a, author="tester") for a in anchors]
    add_corrections(made, db=db)
    history = pd.concat([store.fact_history(a, db=db) for a in anchors]).drop_duplicates("correction_id")
    grouped = review.changes(history)
    assert len(grouped) == len(anchors)  # one per article: made at different instants
    same_time = made[0].created_at
    again = [cx.new_correction("round", "edit", a, field="round_label", new_value="Seed", author="tester",
                               created_at=same_time) for a in anchors]  # fmt: skip
    add_corrections(again, db=db)
    history = pd.concat([store.fact_history(a, db=db) for a in anchors]).drop_duplicates("correction_id")
    edits = [c for c in review.changes(history) if c.action == "edit"]
    assert len(edits) == 1 and edits[0].what == "round label" and edits[0].new_value == "Seed"
    assert sorted(edits[0].undoable) == sorted(c.correction_id for c in again)
