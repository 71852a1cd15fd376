"""Derive a store's history: re-consolidate only what writes touched, or everything.

A write (``analysis.store.write_articles``, ``replace_mentions``) records in
``pending_derivation`` the company names and round ids of the mentions it replaced and wrote.
``derive_pending`` turns those names into **buckets** (a name's first token: "mistral" holds
"Mistral", "Mistral AI" and "Mistral Energy"; a company group of ``consolidate.company_groups``
never spans two buckets, since a name joins only names it begins), reads the mentions of those
buckets and the company-less mentions of the touched articles from DuckDB, consolidates them
and replaces their derived rows. The cost of an ingest follows the batch, not the store.

``rebuild`` re-derives everything (mentions made again from the stored facts), bucket by
bucket in chunks of at most ``CHUNK_MENTIONS`` mentions, so memory stays flat however large the
store; it gives the same tables as any sequence of incremental derivations.

Analysts' corrections apply on every derivation: the mentions of a corrected article that a
write touched are made again from its facts, corrected; merges that join two buckets pull both
into the same derivation; ``correction_states`` is rewritten.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from analysis import frames as fr
from analysis import store
from analysis.history.consolidate import Constraints, company_tokens, derived_frames, mentions_frame
from analysis.history.corrections import Applied, apply_corrections, articles_of, from_record

#: Version of the derivation; a store derived by another version is re-derived whole on its next write.
DERIVED_VERSION = "4"  # 4: incremental by company bucket, per-company round ids, company-less rounds per article
#: Mentions consolidated at once when many buckets are pending (a rebuild): bounds memory.
CHUNK_MENTIONS = 10_000
#: Articles whose company-less mentions are consolidated at once.
CHUNK_ARTICLES = 2_000
#: Articles whose facts are turned into mentions at once when the mentions are made again.
REMAKE_BATCH = 2_000
#: The bucket of a name without tokens (e.g. only a legal suffix): handled as company-less.
NO_BUCKET = ""


def bucket_of(company: str) -> str:
    """The bucket of a company name: its first name token (``NO_BUCKET`` when it has none)."""
    tokens = company_tokens(company)
    return tokens[0] if tokens else NO_BUCKET


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's derived tables were made by this version of the derivation."""
    return store.get_meta(con, "derived_version") == DERIVED_VERSION


def refresh(db: str | Path | None = None, *, wait_s: float = store.LOCK_WAIT_S) -> bool:
    """Derive what writes left pending (everything, when the tables were derived by another
    version), in one transaction. Returns whether anything was derived."""
    with store.connect(db, wait_s=wait_s) as con, store.transaction(con):
        return derive_pending(con, commit_chunks=True)


def rebuild(db: str | Path | None = None, *, wait_s: float = store.LOCK_WAIT_S) -> None:
    """Re-derive the whole store: mentions made again from the stored facts, every derived table
    recomputed (``python -m analysis rebuild``)."""
    with store.connect(db, wait_s=wait_s) as con, store.transaction(con):
        # committed first: a rebuild cut short leaves a store the next write derives whole again
        store.set_meta(con, "derived_version", "rebuilding")
        store.checkpoint(con)
        _remake_mentions(con, commit_chunks=True)
        store.touch_everything(con)
        derive_pending(con, commit_chunks=True)


def derive_pending(con: duckdb.DuckDBPyConnection, *, commit_chunks: bool = False) -> bool:
    """Inside the caller's transaction: re-derive the buckets and articles that writes touched.

    ``commit_chunks``: commit after each chunk (a large derivation then holds one chunk's rows in
    memory, not the whole store's). What is pending is cleared only at the end, so a derivation
    cut short is done again, whole, by the next one; meanwhile a reader may see some buckets
    derived again and others not yet."""
    if not is_current(con):
        _remake_mentions(con, commit_chunks=commit_chunks)
        store.touch_everything(con)
    if not store.has_pending(con) and is_current(con):
        return False
    applied = _corrections(con)
    constraints = applied.constraints if applied is not None else None
    if applied is not None:
        redo = sorted(set(store.pending_articles(con)) & set(applied.facts))
        if redo:  # a corrected article touched: its mentions are its corrected facts'
            corrected = applied.mentions()
            store.replace_mentions(con, redo, corrected[corrected["article_id"].isin(redo)])
    store.add_buckets(con, {name: bucket_of(name) for name in store.unbucketed_companies(con)})
    scope = set(store.pending_buckets(con))
    articles = set(store.pending_articles(con))
    if constraints is not None and constraints.merges:
        scope, articles = _with_merged(con, constraints, scope, articles)
    # the rounds the touched mentions were in go first (a chunk below may make one of the same id again)
    store.replace_scope(con, [], [], store.pending_round_ids(con), _empty_derived())
    for chunk in _bucket_chunks(con, sorted(scope)):
        _derive_scope(con, chunk, [], constraints)
        if commit_chunks:
            store.checkpoint(con)
    ordered = sorted(articles)
    for start in range(0, len(ordered), CHUNK_ARTICLES):
        _derive_scope(con, [], ordered[start:start + CHUNK_ARTICLES], constraints)
        if commit_chunks:
            store.checkpoint(con)
    if applied is not None:  # corrections are never deleted: without any, there are no states to write
        store.write_correction_states(con, [
            [cid, st.state, st.superseded_by, st.anchor.start if st.anchor else None,
             st.anchor.end if st.anchor else None, st.why]
            for cid, st in applied.states.items()
        ])
    store.clear_pending(con)
    store.set_meta(con, "derived_version", DERIVED_VERSION)
    store.set_meta(con, "derived_at", dt.datetime.now().isoformat())
    return True


def _derive_scope(
    con: duckdb.DuckDBPyConnection, buckets: Sequence[str], articles: Sequence[str], constraints: Constraints | None
) -> None:
    article_rows, mentions, per_article = store.read_scope(con, buckets, articles)
    if mentions.empty:
        store.replace_scope(con, buckets, articles, [], _empty_derived())
        return
    derived = derived_frames(fr.validate("articles", article_rows), fr.validate("mentions", mentions), constraints,
                             rounds_per_article=per_article)
    store.replace_scope(con, buckets, articles, [], derived)
    del article_rows, mentions, derived
    _give_back_memory()


def _give_back_memory() -> None:
    """Free what a chunk left and hand the freed pages back to the system: without it, the
    allocator keeps every chunk's high-water mark and a rebuild's memory creeps up with the store."""
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only
    except (OSError, AttributeError):
        return None
    return libc


_LIBC = _libc()


def _empty_derived() -> dict[str, pd.DataFrame]:
    return {name: fr.empty(name) for name in (*store.DERIVED, "mentions")}


def _corrections(con: duckdb.DuckDBPyConnection) -> Applied | None:
    """The stored corrections applied to the facts of the articles they refer to (None: none)."""
    corrections = [from_record(record) for record in store.correction_records(con)]
    if not corrections:
        return None
    facts = store.facts_of(con, sorted(articles_of(corrections)))
    return apply_corrections(facts, corrections)


def _with_merged(
    con: duckdb.DuckDBPyConnection, constraints: Constraints, scope: set[str], articles: set[str]
) -> tuple[set[str], set[str]]:
    """``scope`` and ``articles`` grown until no analyst's merge joins a unit inside to one outside."""
    sides = {aid for pair in constraints.merges for aid, _ in pair}
    units = store.mentions_of_units(con, sorted(sides))
    where: dict[tuple[str, int], str] = {}
    for row in units.itertuples():
        bucket = None if fr.is_missing(row.bucket) else row.bucket
        where[(row.article_id, int(row.round_key))] = bucket or f"~{row.article_id}"
    links = [(where.get(a), where.get(b)) for a, b in constraints.merges]
    grown = True
    while grown:
        grown = False
        for a, b in links:
            if a is None or b is None:
                continue
            inside = [_in(side, scope, articles) for side in (a, b)]
            if any(inside) and not all(inside):
                for side in (a, b):
                    _add(side, scope, articles)
                grown = True
    return scope, articles


def _in(side: str, scope: set[str], articles: set[str]) -> bool:
    return side[1:] in articles if side.startswith("~") else side in scope


def _add(side: str, scope: set[str], articles: set[str]) -> None:
    (articles if side.startswith("~") else scope).add(side[1:] if side.startswith("~") else side)


def _bucket_chunks(con: duckdb.DuckDBPyConnection, buckets: Sequence[str]) -> Iterator[list[str]]:
    """``buckets`` in chunks of at most ``CHUNK_MENTIONS`` stored mentions (a bucket larger than
    that is a chunk of its own)."""
    if len(buckets) <= 1:
        if buckets:
            yield list(buckets)
        return
    sizes = store.bucket_sizes(con, buckets)
    chunk: list[str] = []
    held = 0
    for bucket in buckets:
        size = sizes.get(bucket, 0)
        if chunk and held + size > CHUNK_MENTIONS:
            yield chunk
            chunk, held = [], 0
        chunk.append(bucket)
        held += size
    if chunk:
        yield chunk


def _remake_mentions(con: duckdb.DuckDBPyConnection, *, commit_chunks: bool = False) -> None:
    """Make every stored article's mentions again from its facts (a new derivation version may
    shape them differently)."""
    ids = store.article_ids(con)
    con.execute("DELETE FROM mentions")
    for start in range(0, len(ids), REMAKE_BATCH):
        facts = store.facts_of(con, ids[start:start + REMAKE_BATCH])
        store.insert_frame(con, "mentions", mentions_frame(facts.values()))
        if commit_chunks:
            store.checkpoint(con)
