"""The history re-derives what a batch touched, and that gives the same tables as re-deriving the
whole store (``analysis rebuild``), corrections included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from mistral_facts import SEED_BUILDERS, SEEDS, seed_article

from analysis import store
from analysis.history.corrections import anchors_of_round, new_correction
from analysis.history.derive import bucket_of, rebuild
from analysis.history.review import add_corrections, undo_correction
from analysis.ingest import ingest, ingest_facts

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
#: Tables whose rows the history derives (``articles`` only stores).
DERIVED_AND_MENTIONS = (*store.DERIVED, "mentions")


def tables(db: Path) -> dict[str, pd.DataFrame]:
    return {name: frame.reset_index(drop=True) for name, frame in store.read_tables(db).items()
            if name in DERIVED_AND_MENTIONS}


def assert_rebuild_changes_nothing(db: Path) -> dict[str, pd.DataFrame]:
    """Rebuild a copy of ``db`` from its facts: every derived table is the same, row for row."""
    incremental = tables(db)
    copy = db.with_name("rebuilt.duckdb")
    shutil.copy(db, copy)
    rebuild(copy)
    rebuilt = tables(copy)
    for name in DERIVED_AND_MENTIONS:
        pd.testing.assert_frame_equal(incremental[name], rebuilt[name], obj=name)
    return incremental


def test_a_name_s_bucket_is_its_first_token():
    assert bucket_of("Mistral AI") == bucket_of("Mistral") == bucket_of("MISTRAL Énergie") == "mistral"
    assert bucket_of("« — »") == ""  # punctuation only: no company token


def test_seed_facts_stored_one_at_a_time_derive_the_tables_a_rebuild_derives(tmp_path):
    db = tmp_path / "levee.duckdb"
    for name, build in SEED_BUILDERS.items():  # one batch per article: each derivation sees one more
        article = seed_article(name)
        ingest_facts([(article, build(article))], db)
    frames = assert_rebuild_changes_nothing(db)
    series_c = frames["rounds"][frames["rounds"]["round_id"] == "mistral-ai-2025-09"]
    assert len(series_c) == 1 and series_c.iloc[0]["n_sources"] == 3  # the three sources met in one round


def test_corrections_and_their_undo_derive_what_a_rebuild_derives(tmp_path):
    db = tmp_path / "levee.duckdb"
    ingest_facts([(seed_article(n), b(seed_article(n))) for n, b in SEED_BUILDERS.items()], db)
    mentions = store.read_tables(db)["mentions"]
    anchors = anchors_of_round(mentions, "mistral-ai-2025-09")
    edits = [new_correction("round", "edit", a, field="amount", old_value=1.7e9, new_value=1.8e9, author="claire")
             for a in anchors]
    add_corrections(edits, db)
    rounds = assert_rebuild_changes_nothing(db)["rounds"]
    assert rounds.set_index("round_id").loc["mistral-ai-2025-09", "amount"] == 1.8e9
    undo_correction(edits[0].correction_id, author="claire", db=db)
    assert_rebuild_changes_nothing(db)


def test_a_new_article_of_one_company_leaves_the_other_companies_rows_alone(tmp_path):
    """Only the touched company's rows are replaced: another company's rows keep their identity."""
    db = tmp_path / "levee.duckdb"
    builders = dict(SEED_BUILDERS)
    last = builders.popitem()
    ingest_facts([(seed_article(n), b(seed_article(n))) for n, b in builders.items()], db)
    with store.connect(db) as con:  # a marker on a row no batch of Mistral AI may touch
        con.execute("INSERT INTO rounds (round_id, company, pre_money_derived, post_money_derived, n_sources) "
                    "VALUES ('other-2020', 'Other Company', false, false, 1)")
    article = seed_article(last[0])
    ingest_facts([(article, last[1](article))], db)
    rounds = store.read_tables(db)["rounds"]
    assert "other-2020" in set(rounds["round_id"])  # untouched: the batch was Mistral AI's only
    rebuild(db)
    assert "other-2020" not in set(store.read_tables(db)["rounds"]["round_id"])  # a rebuild derives all


@pytest.mark.slow
def test_real_articles_ingested_in_batches_derive_what_a_rebuild_derives(tmp_path):
    db = tmp_path / "levee.duckdb"
    ingest([SHARED_CORPUS], db=db, batch_size=4)
    ingest([SEEDS], manifest=SEEDS / "manifest.csv", db=db, batch_size=2)
    ingest([ROOT / "benchmark" / "articles"], manifest=ROOT / "benchmark" / "manifest.csv", db=db, batch_size=16)
    frames = assert_rebuild_changes_nothing(db)
    assert len(frames["rounds"]) > 300 and frames["rounds"]["round_id"].is_unique
