"""analysis.triage on a real store (the seeds): what to check first, a fact's evidence, and a
fact's corrections grouped by the action that made them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import frames, store, triage
from analysis.history import corrections as cx
from analysis.views import Tables

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("triage") / "levee.duckdb"
    store.ingest([ROOT / "seeds"], manifest=ROOT / "seeds" / "manifest.csv", db=path, progress=False)
    return path


@pytest.fixture(scope="module")
def tables(db: Path) -> Tables:
    return Tables.of(frames.load(db))


def test_orders(tables: Tables) -> None:
    by_confidence = triage.facts_to_check(tables)
    assert list(by_confidence["Confidence"]) == sorted(by_confidence["Confidence"])
    by_amount = triage.facts_to_check(tables, "amount", kinds=("round",))
    assert by_amount["What"].iloc[0].endswith("€1.7 bn")  # the Series C, the largest round
    conflicts = triage.facts_to_check(tables, "conflicts")
    agree = list(conflicts["Sources agree"])
    assert agree == sorted(agree)  # the rounds whose sources differ come first


def test_filters(tables: Tables) -> None:
    everything = triage.facts_to_check(tables)
    low = triage.facts_to_check(tables, below=0.5)
    assert 0 < len(low) < len(everything) and (low["Confidence"] < 0.5).all()
    valuations = triage.facts_to_check(tables, kinds=("valuation",))
    assert set(valuations["Fact"]) == {"valuation"} and "OpenAI" in set(valuations["Company"])


def test_evidence_of_a_round_and_an_investor(tables: Tables) -> None:
    facts = triage.facts_to_check(tables, kinds=("round",))
    series_c = facts[facts["What"].str.endswith("€1.7 bn")].iloc[0]
    ev = triage.evidence_of(tables, "round", series_c["round_id"])
    # three articles state the €1.7 bn; each mention carries its sentence and span
    amounts = ev.mentions[ev.mentions["kind"] == "round_amount"]
    assert amounts["article_id"].nunique() == 3
    assert all("1,7 milliard" in s for s in amounts["sentence"])
    assert len(ev.merge_candidates) == 3  # Mistral AI's other rounds
    nvidia = triage.evidence_of(tables, "investor", series_c["round_id"], "Nvidia")
    assert set(nvidia.mentions["investor"]) == {"Nvidia"} and nvidia.record["role"] == "participant"


def test_changes_group_one_action_across_articles(db: Path, tables: Tables) -> None:
    facts = triage.facts_to_check(tables, kinds=("round",))
    rid = facts[facts["What"].str.endswith("$16 M")].iloc[0]["round_id"]
    anchors = cx.anchors_of_round(tables.mentions, rid)
    made = [cx.new_correction("round", "confirm", a, author="tester") for a in anchors]
    store.add_corrections(made, db=db)
    history = pd.concat([store.fact_history(a, db=db) for a in anchors]).drop_duplicates("correction_id")
    grouped = triage.changes(history)
    assert len(grouped) == len(anchors)  # one per article: made at different instants
    same_time = made[0].created_at
    again = [cx.new_correction("round", "edit", a, field="round_label", new_value="Seed", author="tester",
                               created_at=same_time) for a in anchors]
    store.add_corrections(again, db=db)
    history = pd.concat([store.fact_history(a, db=db) for a in anchors]).drop_duplicates("correction_id")
    edits = [c for c in triage.changes(history) if c.action == "edit"]
    assert len(edits) == 1 and edits[0].what == "round label" and edits[0].new_value == "Seed"
    assert sorted(edits[0].undoable) == sorted(c.correction_id for c in again)
