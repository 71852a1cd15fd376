"""Corrections kept in the store: applied to every frame, marked, kept across re-ingest, undone,
and never lost when two analysts correct at once."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from mistral_facts import SEED_BUILDERS, facts_for, fake_extractor
from test_ingest import edit_manifest

from analysis import load
from analysis.history.corrections import Anchor, anchors_of_round, new_correction
from analysis.history.review import add_corrections, undo_correction
from analysis.ingest import ingest
from analysis.store import StoreError, fact_history, read_corrections

ROOT = Path(__file__).resolve().parents[1]
SERIES_C = "mistral-ai-2025-09"


@pytest.fixture
def db(tmp_path: Path, corpus: Path) -> Path:
    path = tmp_path / "store" / "levee.duckdb"
    ingest([corpus], manifest=corpus / "manifest.csv", db=path, extractor=fake_extractor())
    return path


def series_c(db: Path):
    rounds = load(db).rounds
    return rounds[rounds["round_id"] == SERIES_C].iloc[0]


def edit_series_c_amount(db: Path, value: float = 1.8e9, author: str = "claire") -> list:
    anchors = anchors_of_round(load(db).mentions, SERIES_C)
    assert len(anchors) == 3  # Gate, the unknown publisher, the newsletter
    edits = [new_correction("round", "edit", a, field="amount", old_value=1.7e9, new_value=value, author=author)
             for a in anchors]
    add_corrections(edits, db)
    return edits


def test_an_edited_amount_shows_everywhere_marked_with_its_original(db):
    edits = edit_series_c_amount(db)
    rnd = series_c(db)
    assert rnd["amount"] == 1.8e9 and rnd["currency"] == "EUR"
    assert rnd["corrected"] == "amount" and json.loads(rnd["original"]) == {"amount": 1.7e9}
    frames = load(db)
    others = frames.rounds[frames.rounds["round_id"] != SERIES_C]
    assert (others["corrected"] == "").all()
    amounts = frames.mentions[(frames.mentions["round_id"] == SERIES_C) & (frames.mentions["kind"] == "round_amount")]
    assert set(amounts["value"]) == {1.8e9}  # the figures behind the round are the corrected ones
    table = read_corrections(db)
    assert list(table["correction_id"]) == [e.correction_id for e in edits]
    assert set(table["state"]) == {"applied"} and set(table["author"]) == {"claire"}
    assert list(table["new_value"]) == [1.8e9] * 3 and list(table["old_value"]) == [1.7e9] * 3


def test_reject_an_investor_and_merge_two_rounds(db):
    mentions = load(db).mentions
    nvidia = [new_correction("investor", "reject", a, investor="Nvidia", reason="not_an_investor")
              for a in anchors_of_round(mentions, SERIES_C)]
    december = anchors_of_round(mentions, "mistral-ai-2023-12")[0]
    microsoft = anchors_of_round(mentions, "mistral-ai-2024-02")[0]
    merge = new_correction("round", "merge", december, target=microsoft, note="one round, two mentions")
    add_corrections([*nvidia, merge], db)
    frames = load(db)
    rnd = series_c(db)
    assert "Nvidia" not in rnd["investors"] and "Nvidia" in json.loads(rnd["original"])["investors"]
    assert rnd["corrected"] == "investors"
    assert not ((frames.investments["round_id"] == SERIES_C) & (frames.investments["investor"] == "Nvidia")).any()
    assert len(frames.rounds) == 3  # four rounds, two of them merged
    merged = frames.rounds[frames.rounds["corrected"] == "merged"].iloc[0]
    assert merged["amount"] == 16e6 and merged["post_money"] == 2e9  # Microsoft's $16M, December's €2bn
    anchors = anchors_of_round(frames.mentions, merged["round_id"])
    assert {(a.start, a.end) for a in anchors} == {(december.start, december.end), (microsoft.start, microsoft.end)}


def test_corrections_hold_across_reingest_and_a_new_article(db, corpus):
    edit_series_c_amount(db)
    # the same articles again: nothing changes
    ingest([corpus], manifest=corpus / "manifest.csv", db=db, extractor=fake_extractor())
    assert series_c(db)["amount"] == 1.8e9
    # Gate's article extracted again (new date in the manifest), and a new article
    edit_manifest(corpus, "000_0f7d2169e025ef47.txt", published="2025-09-10", published_precision="day")
    (corpus / "new.txt").write_text("Mistral AI recrute à Paris. Aucun chiffre ici.", encoding="utf-8")
    report = ingest([corpus], manifest=corpus / "manifest.csv", db=db, extractor=fake_extractor())
    assert report.ingested == 1 and not report.failed
    rnd = series_c(db)
    assert rnd["amount"] == 1.8e9 and rnd["n_sources"] == 3 and rnd["corrected"] == "amount"
    assert set(read_corrections(db)["state"]) == {"applied"}


def test_a_correction_whose_fact_disappears_is_listed_orphaned(db, corpus):
    edits = edit_series_c_amount(db)
    newsletter = next(e for e in edits if e.anchor.text == "1,7 milliard")
    builders = {**SEED_BUILDERS, "003_2ed2c1d517bfa171.txt": lambda article: facts_for(article)}  # finds nothing now
    edit_manifest(corpus, "003_2ed2c1d517bfa171.txt", published="2025-09-11", published_precision="day")
    ingest([corpus], manifest=corpus / "manifest.csv", db=db, extractor=fake_extractor(builders))
    table = read_corrections(db).set_index("correction_id")
    assert table.loc[newsletter.correction_id, "state"] == "orphaned"
    assert "1,7 milliard" in table.loc[newsletter.correction_id, "why"]
    assert (table["state"] == "applied").sum() == 2
    assert series_c(db)["amount"] == 1.8e9


def test_undo_restores_the_extracted_value_and_the_history_shows_both(db):
    edits = edit_series_c_amount(db)
    undos = [undo_correction(e.correction_id, "marc", db, note="the press release says 1.7") for e in edits]
    rnd = series_c(db)
    assert rnd["amount"] == 1.7e9 and rnd["corrected"] == "" and rnd["original"] == ""
    table = read_corrections(db).set_index("correction_id")
    assert {table.loc[e.correction_id, "state"] for e in edits} == {"undone"}
    assert {table.loc[u.correction_id, "state"] for u in undos} == {"undo"}
    history = fact_history(edits[0].anchor, db)
    assert list(history["action"]) == ["edit", "undo"] and list(history["author"]) == ["claire", "marc"]
    with pytest.raises(StoreError, match="undone already"):
        undo_correction(edits[0].correction_id, "marc", db)
    with pytest.raises(StoreError, match="no correction"):
        undo_correction("nope", "marc", db)


def test_two_threads_correcting_at_once_both_keep_their_corrections(db):
    mentions = load(db).mentions
    anchors = anchors_of_round(mentions, SERIES_C)
    batches = [
        [new_correction("round", "edit", a, field="amount", new_value=1.8e9, author="claire") for a in anchors],
        [new_correction("investor", "reject", a, investor="Nvidia", reason="not_an_investor", author="marc")
         for a in anchors],
    ]
    barrier, errors = threading.Barrier(2), []

    def correct(batch: list) -> None:
        try:
            barrier.wait()
            add_corrections(batch, db)
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=correct, args=(b,)) for b in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(read_corrections(db)) == 6
    rnd = series_c(db)
    assert rnd["amount"] == 1.8e9 and "Nvidia" not in rnd["investors"]
    assert rnd["corrected"] == "amount; investors"


SCRIPT = """
import sys
from analysis.history.corrections import Anchor, new_correction
from analysis.history.review import add_corrections
db, author, article_id, start, end, text = sys.argv[1:7]
anchor = Anchor(article_id, int(start), int(end), text)
add_corrections([new_correction("round", "confirm", anchor, author=author) for _ in range(3)], db)
"""


def test_two_processes_correcting_at_once_both_keep_their_corrections(db):
    anchor: Anchor = anchors_of_round(load(db).mentions, SERIES_C)[0]
    args = [str(db), anchor.article_id, str(anchor.start), str(anchor.end), anchor.text]
    runs = [subprocess.Popen([sys.executable, "-c", SCRIPT, args[0], who, *args[1:]], cwd=ROOT,
                             stderr=subprocess.PIPE, text=True) for who in ("claire", "marc")]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    table = read_corrections(db)
    assert len(table) == 6 and sorted(table["author"].value_counts().items()) == [("claire", 3), ("marc", 3)]
    assert series_c(db)["corrected"] == "confirmed"
