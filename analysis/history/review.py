"""Analysts' corrections written to the store, with the history re-derived around them.

``add_corrections`` and ``undo_correction`` check, append and re-derive the articles the
corrections refer to in one transaction under the store's write lock; ``corrected_facts`` is what
a gold export writes. Reading the corrections back is the store's (``read_corrections``,
``fact_history``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from analysis import store
from analysis.history.corrections import (
    Correction,
    apply_corrections,
    articles_of,
    check_correction,
    from_record,
    new_correction,
    to_record,
)
from analysis.history.derive import derive_pending
from analysis.model import ArticleFacts


def _records(corrections: Iterable[Correction]) -> list[dict[str, object]]:
    records = []
    for correction in corrections:
        record = to_record(correction)
        record["created_at"] = correction.created_at
        records.append(record)
    return records


def add_corrections(corrections: Iterable[Correction], db: str | Path | None = None, *,
                    wait_s: float = store.LOCK_WAIT_S) -> None:
    """Store analysts' corrections and re-derive what they touch, in one transaction. Each is
    checked first (``CorrectionError``: nothing written); one whose id is stored already is
    skipped, so the same file of corrections applied twice changes nothing."""
    corrections = list(corrections)
    for correction in corrections:
        check_correction(correction)
    with store.connect(db, wait_s=wait_s) as con, store.transaction(con):
        store.insert_corrections(con, _records(corrections))
        store.touch_articles(con, sorted(articles_of(corrections)))
        derive_pending(con)


def undo_correction(correction_id: str, author: str | None = None, db: str | Path | None = None,
                    note: str | None = None, *, wait_s: float = store.LOCK_WAIT_S) -> Correction:
    """Undo a correction: an "undo" row (by ``author``, default the OS user) is stored, the
    correction no longer applies, what it touched is re-derived; returns the undo. ``StoreError``
    when no such correction is stored or it is undone already."""
    with store.connect(db, wait_s=wait_s) as con, store.transaction(con):
        stored = [from_record(record) for record in store.correction_records(con)]
        undone = next((c for c in stored if c.correction_id == correction_id), None)
        if undone is None:
            raise store.StoreError(f"no correction {correction_id} in {store.db_path(db)}")
        if apply_corrections({}, stored).states[correction_id].state == "undone":
            raise store.StoreError(f"correction {correction_id} is undone already")
        undo = new_correction(
            undone.fact, "undo", undone.anchor, field=undone.field, old_value=undone.new_value,
            new_value=undone.old_value, investor=undone.investor, reason=undone.reason, target=undone.target,
            author=author, note=note, undoes=correction_id,
        )
        store.insert_corrections(con, _records([undo]))
        store.touch_articles(con, sorted(articles_of([undone])))
        derive_pending(con)
    return undo


def corrected_facts(db: str | Path | None = None) -> list[ArticleFacts]:
    """Every stored article's facts with the corrections applied (rejected rounds and valuations
    left out), in article id order: what ``review export --format gold`` writes."""
    with store.connect(db, read_only=True) as con:
        facts = list(store.iter_facts(con))
        corrections = [from_record(record) for record in store.correction_records(con)]
    return apply_corrections(facts, corrections).corrected_facts()
