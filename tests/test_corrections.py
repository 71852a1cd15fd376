"""Corrections applied on top of extracted facts (pure: analysis.history.corrections, then consolidation)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pandas as pd
import pytest
from mistral_facts import build_000, build_001, build_002, build_003, seed_article, simple

from analysis import frames as fr
from analysis.history.consolidate import consolidate, mention_rows
from analysis.history.corrections import (
    Anchor,
    CorrectionError,
    anchor_of_mention,
    anchor_of_valuation,
    anchors_of_round,
    apply_corrections,
    from_record,
    new_correction,
    to_record,
    value_from_text,
)
from analysis.model import ArticleFacts

T0 = dt.datetime(2026, 1, 5, 9, 0)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def seeds() -> list[ArticleFacts]:
    return [build_000(seed_article("000_0f7d2169e025ef47.txt")), build_001(seed_article("001_b7dfb65df37dabe3.txt")),
            build_002(seed_article("002_870733f357af85e6.txt")), build_003(seed_article("003_2ed2c1d517bfa171.txt"))]


def round_anchor(facts: ArticleFacts, key: int = 0) -> Anchor:
    row = next(r for r in mention_rows(facts) if r["kind"] == "round_amount" and r["round_key"] == key)
    anchor = anchor_of_mention(row)
    assert anchor is not None
    return anchor


def derive(facts: list[ArticleFacts], corrections: list) -> tuple:
    """What the store does: corrected mentions, consolidated under the corrections' constraints."""
    applied = apply_corrections(facts, corrections)
    articles = pd.DataFrame([
        {"article_id": f.article_id, "file": f.file, "publisher": f.publisher, "published": f.published,
         "published_precision": f.published_precision, "language": f.language, "ingested_at": dt.datetime(2026, 1, 1)}
        for f in facts
    ])
    result = consolidate(fr.conform("articles", articles), applied.mentions(), applied.constraints)
    return result, applied


def series_c(rounds: pd.DataFrame) -> pd.Series:
    hit = rounds[rounds["round_id"] == "mistral-ai-2025-09"]
    assert len(hit) == 1, rounds[["round_id", "amount"]]
    return hit.iloc[0]


# --------------------------------------------------------------------------- the correction itself


def test_a_new_correction_gets_an_id_a_time_and_an_author():
    anchor = Anchor("abc", 10, 30, "1,7 milliard d'euros")
    c = new_correction("round", "edit", anchor, field="amount", old_value=1.7e9, new_value=1.8e9, note="press release")
    assert len(c.correction_id) == 32 and c.author and abs((dt.datetime.now() - c.created_at).total_seconds()) < 5
    assert from_record(to_record(c)) == c
    named = new_correction("round", "confirm", anchor, author="Claire")
    assert named.author == "Claire" and named.field is None


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"fact": "round", "action": "edit", "field": "colour", "new_value": 1}, "a round edit sets one of"),
    ({"fact": "round", "action": "edit", "field": "amount", "new_value": -3}, "non-negative number"),
    ({"fact": "round", "action": "edit", "field": "currency", "new_value": "euros"}, "ISO 4217"),
    ({"fact": "round", "action": "edit", "field": "date", "new_value": "9 sept"}, "ISO date"),
    ({"fact": "round", "action": "edit", "field": "investors", "new_value": "ASML"}, "list of names"),
    ({"fact": "round", "action": "reject", "reason": "boring"}, "not_a_round or wrong_company"),
    ({"fact": "investor", "action": "reject", "reason": "not_an_investor"}, "names the investor"),
    ({"fact": "round", "action": "merge"}, "needs the target"),
    ({"fact": "valuation", "action": "split"}, "only rounds split"),
    ({"fact": "round", "action": "undo"}, "names the correction it undoes"),
])
def test_a_correction_that_makes_no_sense_is_refused(kwargs, message):
    fact, action = kwargs.pop("fact"), kwargs.pop("action")
    with pytest.raises(CorrectionError, match=message):
        new_correction(fact, action, Anchor("abc", 1, 5, "text"), **kwargs)


def test_values_read_from_csv_cells():
    assert value_from_text("amount", "1800000000") == 1.8e9
    assert value_from_text("amount", "1.8e9") == 1.8e9
    assert value_from_text("investors", "ASML; Bpifrance") == ["ASML", "Bpifrance"]
    assert value_from_text("investors", '["ASML", "Nvidia"]') == ["ASML", "Nvidia"]
    assert value_from_text("date", "2025-09-09") == "2025-09-09"
    assert value_from_text("company", "") is None


# --------------------------------------------------------------------------- applying


def test_edit_amount_on_every_source_moves_the_round_and_keeps_the_original():
    facts = seeds()
    anchors = [round_anchor(f) for f in facts if f.file.startswith(("000", "001", "003"))]
    edits = [new_correction("round", "edit", a, field="amount", old_value=1.7e9, new_value=1.8e9, created_at=T0)
             for a in anchors]
    result, applied = derive(facts, edits)
    rnd = series_c(result.rounds)
    assert rnd["amount"] == 1.8e9 and rnd["currency"] == "EUR"
    assert rnd["corrected"] == "amount"
    assert json.loads(rnd["original"]) == {"amount": 1.7e9}
    assert facts[0].rounds[0].amount == 1.7e9  # the facts given are never changed
    assert applied.facts[facts[0].article_id].rounds[0].amount_alternatives == []  # $2bn restated €1.7bn
    assert {s.state for s in applied.states.values()} == {"applied"}
    untouched = result.rounds[result.rounds["round_id"] != "mistral-ai-2025-09"]
    assert (untouched["corrected"] == "").all() and (untouched["original"] == "").all()


def test_reject_an_investor_removes_it_from_the_round_and_its_investments():
    facts = seeds()
    rejects = [new_correction("investor", "reject", round_anchor(f), investor="ASML", reason="not_an_investor",
                              created_at=T0) for f in facts if f.file.startswith(("000", "001", "003"))]
    result, _ = derive(facts, rejects)
    rnd = series_c(result.rounds)
    assert "ASML" not in rnd["investors"].split("; ") and pd.isna(rnd["lead_investors"])
    assert rnd["corrected"] == "lead_investors; investors"
    assert json.loads(rnd["original"])["lead_investors"] == "ASML"
    assert "ASML" in json.loads(rnd["original"])["investors"]
    assert "ASML" not in set(result.investments["investor"])


def test_not_a_round_drops_the_fact_and_wrong_company_moves_it():
    facts = seeds()
    last_year = round_anchor(facts[1], key=1)  # 001: "600 millions d'euros" last year
    microsoft = round_anchor(facts[2], key=1)  # 002: Microsoft's $16M
    corrections = [
        new_correction("round", "reject", last_year, reason="not_a_round", created_at=T0),
        new_correction("round", "reject", microsoft, reason="wrong_company", new_value="Microsoft Ventures Deal",
                       created_at=T0),
    ]
    result, applied = derive(facts, corrections)
    assert (facts[1].article_id, 1) in applied.rejected
    mentions = applied.mentions()
    assert not ((mentions["article_id"] == facts[1].article_id) & (mentions["round_key"] == 1)).any()
    moved = result.rounds[result.rounds["company"] == "Microsoft Ventures Deal"]
    assert len(moved) == 1 and moved.iloc[0]["amount"] == 16e6
    assert moved.iloc[0]["corrected"] == "company"
    assert json.loads(moved.iloc[0]["original"]) == {"company": "Mistral AI"}


def two_rounds() -> list[ArticleFacts]:
    """Two articles of one month whose amounts differ 2x: the engine keeps two rounds."""
    a = simple("a.txt", "Mistral AI raised €600 million from General Catalyst.", dt.date(2024, 6, 11), "AFP",
               figure="€600 million", amount=600e6, currency="EUR")
    b = simple("b.txt", "Mistral AI raised €1.2 billion, say sources.", dt.date(2024, 6, 12), "CNBC",
               figure="€1.2 billion", amount=1.2e9, currency="EUR")
    return [a, b]


def test_merge_two_rounds_makes_one():
    facts = two_rounds()
    before, _ = derive(facts, [])
    assert len(before.rounds) == 2
    merge = new_correction("round", "merge", round_anchor(facts[0]), target=round_anchor(facts[1]), created_at=T0)
    after, applied = derive(facts, [merge])
    assert len(after.rounds) == 1
    rnd = after.rounds.iloc[0]
    assert rnd["n_sources"] == 2 and rnd["corrected"] == "merged"
    assert set(after.mentions["round_id"].dropna()) == {rnd["round_id"]}
    assert applied.constraints.merges == [((facts[0].article_id, 0), (facts[1].article_id, 0))]


def test_split_keeps_a_unit_out_of_its_round():
    facts = [build_000(seed_article("000_0f7d2169e025ef47.txt")), build_003(seed_article("003_2ed2c1d517bfa171.txt"))]
    before, _ = derive(facts, [])
    assert len(before.rounds) == 1 and before.rounds.iloc[0]["n_sources"] == 2
    split = new_correction("round", "split", round_anchor(facts[1]), created_at=T0)
    after, _ = derive(facts, [split])
    assert len(after.rounds) == 2 and list(after.rounds["n_sources"]) == [1, 1]
    assert sorted(after.rounds["corrected"]) == ["", "split"]
    # a merge made later than the split brings it back
    merge = new_correction("round", "merge", round_anchor(facts[1]), target=round_anchor(facts[0]), created_at=at(1))
    again, applied = derive(facts, [split, merge])
    assert len(again.rounds) == 1
    assert applied.states[split.correction_id].superseded_by == merge.correction_id


def test_undo_restores_and_latest_wins():
    facts = [build_000(seed_article("000_0f7d2169e025ef47.txt"))]
    anchor = round_anchor(facts[0])
    first = new_correction("round", "edit", anchor, field="amount", new_value=1.8e9, created_at=at(0))
    second = new_correction("round", "edit", anchor, field="amount", new_value=1.9e9, created_at=at(1))
    result, applied = derive(facts, [second, first])  # the time orders them, not the list
    assert result.rounds.iloc[0]["amount"] == 1.9e9
    assert applied.states[first.correction_id].superseded_by == second.correction_id
    undo = new_correction("round", "undo", anchor, undoes=second.correction_id, created_at=at(2))
    result, applied = derive(facts, [first, second, undo])
    assert result.rounds.iloc[0]["amount"] == 1.8e9  # the earlier edit applies again
    assert applied.states[second.correction_id].state == "undone" and applied.states[undo.correction_id].state == "undo"
    redo = new_correction("round", "undo", anchor, undoes=undo.correction_id, created_at=at(3))
    result, _ = derive(facts, [first, second, undo, redo])
    assert result.rounds.iloc[0]["amount"] == 1.9e9


def test_confirm_changes_no_value():
    facts = [build_000(seed_article("000_0f7d2169e025ef47.txt"))]
    confirm = new_correction("round", "confirm", round_anchor(facts[0]), created_at=T0)
    result, _ = derive(facts, [confirm])
    rnd = result.rounds.iloc[0]
    assert rnd["amount"] == 1.7e9 and rnd["corrected"] == "confirmed" and rnd["original"] == ""


def test_a_correction_follows_its_fact_when_the_spans_shift():
    """A new extraction (or extractor) puts the same figure elsewhere: found again by its text."""
    facts = build_000(seed_article("000_0f7d2169e025ef47.txt"))
    anchor = round_anchor(facts)
    old_anchor = dataclasses.replace(anchor, start=anchor.start - 7, end=anchor.end - 7)  # as stored before
    edit = new_correction("round", "edit", old_anchor, field="amount", new_value=1.8e9, created_at=T0)
    result, applied = derive([facts], [edit])
    assert result.rounds.iloc[0]["amount"] == 1.8e9
    state = applied.states[edit.correction_id]
    assert state.state == "applied" and (state.anchor.start, state.anchor.end) == (anchor.start, anchor.end)


def test_a_correction_whose_fact_is_gone_is_orphaned_not_dropped():
    facts = build_000(seed_article("000_0f7d2169e025ef47.txt"))
    gone = Anchor(facts.article_id, 5, 9, "42 millions de yens")
    elsewhere = Anchor("0000000000000000", 5, 9, "1,7 milliard d'euros")
    corrections = [new_correction("round", "edit", gone, field="amount", new_value=1.0, created_at=T0),
                   new_correction("round", "reject", elsewhere, reason="not_a_round", created_at=T0)]
    result, applied = derive([facts], corrections)
    assert result.rounds.iloc[0]["amount"] == 1.7e9
    states = [applied.states[c.correction_id] for c in corrections]
    assert [s.state for s in states] == ["orphaned", "orphaned"]
    assert "42 millions de yens" in states[0].why and "not stored" in states[1].why


def test_anchors_of_a_consolidated_round_one_per_article():
    facts = seeds()
    result, _ = derive(facts, [])
    anchors = anchors_of_round(result.mentions, "mistral-ai-2025-09")
    assert len(anchors) == 3 and len({a.article_id for a in anchors}) == 3
    assert anchors[0].text.startswith("1,7 milliard")
    valuation = result.valuations[result.valuations["article_id"] == facts[0].article_id].iloc[0]
    anchor = anchor_of_valuation(result.mentions, valuation)
    assert anchor is not None and anchor.text == "11,7 milliards d'euros"


def test_valuation_edit_and_reject():
    facts = seeds()
    v_anchor = anchor_of_valuation(derive(facts, [])[0].mentions,
                                   derive(facts, [])[0].valuations.query(f"article_id == '{facts[0].article_id}'").iloc[0])
    edit = new_correction("valuation", "edit", v_anchor, field="valuation", new_value=12e9, created_at=T0)
    result, _ = derive(facts, [edit])
    row = result.valuations[result.valuations["article_id"] == facts[0].article_id].iloc[0]
    assert row["value"] == 12e9 and row["corrected"] == "value" and json.loads(row["original"]) == {"value": 11.7e9}
    reject = new_correction("valuation", "reject", v_anchor, reason="not_a_valuation", created_at=at(1))
    result, _ = derive(facts, [edit, reject])
    assert facts[0].article_id not in set(result.valuations["article_id"])
