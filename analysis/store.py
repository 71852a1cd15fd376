"""The DuckDB store: articles, their facts and figures kept once, the funding history derived.

Tables: ``meta`` (schema version and bookkeeping), ``articles`` (one row per distinct text,
keyed by its content hash), ``article_facts`` (the extraction's JSON), ``mentions`` (one row
per figure, see ``analysis.history.consolidate``) and the derived tables ``rounds``,
``investments``, ``valuations`` and ``source_comparison``, recomputed after each ingest.

* Idempotent: an article whose content hash is stored is skipped before extraction; when
  only its metadata changed, its row is updated (publisher, title, url, author, file: no
  NLP; published date or language: re-extracted, since relative dates and the pipeline
  depend on them) and its facts replaced, never duplicated. A file stored unchanged (same
  size, modification time and manifest row) is not even read, unless it was read by an
  older reader (``files.reader_version`` is not ``corpus.READER_VERSION``), which may have
  derived less metadata from it (a dateline, an author): such a file is read once more.
* Migrations: a store of this schema version lacking a column added since
  (``articles.author``, ``files.reader_version``, ``mentions.found_by``, the derived tables'
  ``confidence`` and ``confidence_reasons``) gets it on its first write connection; a
  read-only connection reads the missing column as empty meanwhile.
* Atomic: one transaction per batch of articles; a crash leaves whole articles only.
* One writer: DuckDB lets one process write a file. Connections are opened per batch and
  closed at once, so a reader (the dashboard) or a second ingest gets in between; a
  connection refused by a lock is retried with backoff for up to ``LOCK_WAIT_S`` seconds,
  then fails with a ``StoreError`` naming the file.
* Corrections (``analysis.history.corrections``): the ``corrections`` table keeps every analyst's change,
  one row each (undo rows too), never updated nor deleted; ``correction_states`` says what became
  of each at the last derivation (applied, orphaned, undone, undo). Every derivation applies them
  on top of the extracted facts (``article_facts`` keeps what extraction said): the ``mentions`` of
  a corrected article are its corrected facts' (each row with the ``round_id`` it went to), and the
  derived tables mark what was corrected (``corrected``, ``original``). ``add_corrections`` and
  ``undo_correction`` write and re-derive in one transaction; write connections of one process
  take turns (a lock per store file), those of two processes are kept apart by DuckDB's file lock.
* Every value reaches SQL as a parameter or a registered frame; table and column names in
  statements come from the constants of this module and ``analysis.frames`` only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analysis import frames as fr

try:
    import fcntl
except ImportError:  # not on POSIX: stores are then created without the creation lock
    fcntl = None  # type: ignore[assignment]
from analysis.model import (
    AmountAlternative,
    Article,
    ArticleFacts,
    ArticleMeta,
    Evidence,
    Investment,
    OtherFigure,
    ReadProblem,
    RoundFact,
    UnchangedFile,
    ValuationFact,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "levee.duckdb"
#: Environment variable naming the store file (``--db`` overrides it).
DB_ENV = "LEVEE_DB"
#: Version of the tables below; a store written by a newer version is refused.
SCHEMA_VERSION = 1
#: Version of the derivation (``analysis.history.consolidate``); a change recomputes the derived tables.
DERIVED_VERSION = "3"  # 3: corrections applied, mentions.round_id, corrected / original
#: How long to wait for another process's lock on the store before giving up.
LOCK_WAIT_S = 60.0

Extractor = Callable[..., Iterator[ArticleFacts]]

_TYPES = {
    "articles": {
        "article_id": "VARCHAR PRIMARY KEY", "file": "VARCHAR NOT NULL", "publisher": "VARCHAR",
        "title": "VARCHAR", "url": "VARCHAR", "author": "VARCHAR", "published": "DATE", "published_precision": "VARCHAR",
        "language": "VARCHAR", "n_chars": "BIGINT", "ingested_at": "TIMESTAMP NOT NULL",
    },
    "mentions": {
        "mention_id": "VARCHAR PRIMARY KEY", "article_id": "VARCHAR NOT NULL", "round_key": "INTEGER",
        "kind": "VARCHAR NOT NULL", "company": "VARCHAR", "value": "DOUBLE", "currency": "VARCHAR",
        "value_eur": "DOUBLE", "value_usd": "DOUBLE", "fx_rate": "DOUBLE", "fx_date": "DATE", "fx_flag": "VARCHAR",
        "date": "DATE", "date_precision": "VARCHAR", "status": "VARCHAR", "investor": "VARCHAR", "role": "VARCHAR",
        "basis": "VARCHAR", "stake_pct": "DOUBLE", "round_label": "VARCHAR", "qualifier": "VARCHAR",
        "found_by": "VARCHAR", "sentence": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "sentence_start": "INTEGER",
        "sentence_end": "INTEGER", "publisher": "VARCHAR", "published": "DATE", "round_id": "VARCHAR",
    },
    "rounds": {
        "round_id": "VARCHAR", "company": "VARCHAR", "round_label": "VARCHAR", "date": "DATE",
        "date_precision": "VARCHAR", "amount": "DOUBLE", "currency": "VARCHAR", "amount_eur": "DOUBLE",
        "amount_usd": "DOUBLE", "pre_money": "DOUBLE", "post_money": "DOUBLE", "valuation_currency": "VARCHAR",
        "pre_money_eur": "DOUBLE", "pre_money_usd": "DOUBLE", "post_money_eur": "DOUBLE", "post_money_usd": "DOUBLE",
        "pre_money_derived": "BOOLEAN NOT NULL", "post_money_derived": "BOOLEAN NOT NULL",
        "valuation_basis": "VARCHAR", "lead_investors": "VARCHAR", "investors": "VARCHAR",
        "n_sources": "INTEGER NOT NULL", "sources": "VARCHAR", "first_reported": "DATE", "status": "VARCHAR",
        "agreement": "VARCHAR", "spread_pct": "DOUBLE", "followed_by": "VARCHAR",
        "confidence": "DOUBLE", "confidence_reasons": "VARCHAR", "corrected": "VARCHAR", "original": "VARCHAR",
    },
    "investments": {
        "round_id": "VARCHAR", "company": "VARCHAR", "investor": "VARCHAR", "role": "VARCHAR", "amount": "DOUBLE",
        "currency": "VARCHAR", "amount_eur": "DOUBLE", "amount_usd": "DOUBLE", "stake_reported": "DOUBLE",
        "stake_implied": "DOUBLE", "stake_mismatch": "BOOLEAN NOT NULL", "n_sources": "INTEGER NOT NULL",
        "confidence": "DOUBLE", "confidence_reasons": "VARCHAR", "corrected": "VARCHAR", "original": "VARCHAR",
    },
    "valuations": {
        "company": "VARCHAR", "date": "DATE", "date_precision": "VARCHAR", "value": "DOUBLE",
        "currency": "VARCHAR", "value_eur": "DOUBLE", "value_usd": "DOUBLE", "basis": "VARCHAR",
        "article_id": "VARCHAR", "publisher": "VARCHAR", "published": "DATE", "status": "VARCHAR",
        "sentence": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "round_id": "VARCHAR",
        "confidence": "DOUBLE", "confidence_reasons": "VARCHAR", "corrected": "VARCHAR", "original": "VARCHAR",
    },
    "source_comparison": {
        "round_id": "VARCHAR", "company": "VARCHAR", "round_label": "VARCHAR", "field": "VARCHAR",
        "article_id": "VARCHAR", "publisher": "VARCHAR", "published": "DATE", "value": "VARCHAR",
        "value_num": "DOUBLE", "currency": "VARCHAR", "value_eur": "DOUBLE", "consensus": "VARCHAR",
        "consensus_num": "DOUBLE", "consensus_currency": "VARCHAR", "agrees": "BOOLEAN NOT NULL",
        "explanation": "VARCHAR", "note": "VARCHAR",
    },
}
for _name, _types in _TYPES.items():
    assert tuple(_types) == fr.COLUMNS[_name], _name

DERIVED = ("rounds", "investments", "valuations", "source_comparison")
_ORDER = {
    "articles": "published NULLS LAST, file",
    "mentions": "article_id, mention_id",
    "rounds": "company NULLS LAST, date NULLS LAST, round_id",
    "investments": "round_id, role, investor",
    "valuations": "company NULLS LAST, date NULLS LAST, article_id",
    "source_comparison": "round_id, published NULLS LAST, article_id, field",
}


def _quoted(column: str) -> str:
    return f'"{column}"'


def _ddl(name: str) -> str:
    columns = ", ".join(f"{_quoted(c)} {t}" for c, t in _TYPES[name].items())
    return f"CREATE TABLE IF NOT EXISTS {name} ({columns})"


#: The corrections tables: every analyst's change (append-only; ``seq`` orders the changes of one
#: instant as they were written), and what became of each at the last derivation.
_CORRECTION_DDL = [
    "CREATE TABLE IF NOT EXISTS corrections (correction_id VARCHAR PRIMARY KEY, fact VARCHAR NOT NULL, "
    "action VARCHAR NOT NULL, article_id VARCHAR NOT NULL, \"start\" INTEGER, \"end\" INTEGER, \"text\" VARCHAR, "
    "field VARCHAR, old_value VARCHAR, new_value VARCHAR, investor VARCHAR, reason VARCHAR, "
    "target_article_id VARCHAR, target_start INTEGER, target_end INTEGER, target_text VARCHAR, "
    "author VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, note VARCHAR, undoes VARCHAR, seq BIGINT)",
    "CREATE TABLE IF NOT EXISTS correction_states (correction_id VARCHAR PRIMARY KEY, state VARCHAR NOT NULL, "
    "superseded_by VARCHAR, resolved_start INTEGER, resolved_end INTEGER, why VARCHAR)",
]
# Statements built once from the constants above (never from values).
_CREATE = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    *(_ddl(name) for name in _TYPES),
    "CREATE TABLE IF NOT EXISTS article_facts (article_id VARCHAR PRIMARY KEY, facts JSON NOT NULL)",
    # size and modification time of each file as stored, and the reader (``corpus.READER_VERSION``) that read
    # it: an unchanged file read by this reader is not read again
    "CREATE TABLE IF NOT EXISTS files (path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, article_id VARCHAR, "
    "reader_version VARCHAR)",
    *_CORRECTION_DDL,
]
#: Columns added to tables after a store of this schema version could first be written: added on
#: open (``_check_schema``), read as empty by a read-only connection until then (``_read_table``).
_MIGRATE = [
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS author VARCHAR",
    "ALTER TABLE files ADD COLUMN IF NOT EXISTS reader_version VARCHAR",
    "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS found_by VARCHAR",
    "ALTER TABLE rounds ADD COLUMN IF NOT EXISTS confidence DOUBLE",
    "ALTER TABLE rounds ADD COLUMN IF NOT EXISTS confidence_reasons VARCHAR",
    "ALTER TABLE investments ADD COLUMN IF NOT EXISTS confidence DOUBLE",
    "ALTER TABLE investments ADD COLUMN IF NOT EXISTS confidence_reasons VARCHAR",
    "ALTER TABLE valuations ADD COLUMN IF NOT EXISTS confidence DOUBLE",
    "ALTER TABLE valuations ADD COLUMN IF NOT EXISTS confidence_reasons VARCHAR",
    "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS round_id VARCHAR",
    "ALTER TABLE rounds ADD COLUMN IF NOT EXISTS corrected VARCHAR",
    "ALTER TABLE rounds ADD COLUMN IF NOT EXISTS original VARCHAR",
    "ALTER TABLE investments ADD COLUMN IF NOT EXISTS corrected VARCHAR",
    "ALTER TABLE investments ADD COLUMN IF NOT EXISTS original VARCHAR",
    "ALTER TABLE valuations ADD COLUMN IF NOT EXISTS corrected VARCHAR",
    "ALTER TABLE valuations ADD COLUMN IF NOT EXISTS original VARCHAR",
    *_CORRECTION_DDL,
]
_INSERT_FRAME = {
    name: f"INSERT INTO {name} ({', '.join(map(_quoted, cols))}) SELECT {', '.join(map(_quoted, cols))} FROM _levee_frame"  # noqa: S608
    for name, cols in fr.COLUMNS.items()
}
_SELECT = {name: f"SELECT * FROM {name} ORDER BY {_ORDER[name]}" for name in fr.COLUMNS}  # noqa: S608
_CLEAR = {name: f"DELETE FROM {name}" for name in DERIVED}  # noqa: S608
_ARTICLE_META = ("file", "publisher", "title", "url", "author", "published", "published_precision", "language")
#: Position in ``_ARTICLE_META`` from which a change needs a new extraction (date, precision, language).
_REEXTRACT_FROM = _ARTICLE_META.index("published")


class StoreError(Exception):
    """A store that cannot be used as asked, with a message a user can act on."""


@dataclass
class IngestReport:
    """What an ingest did: new articles stored, known ones skipped, files that failed."""

    ingested: int = 0
    skipped: int = 0
    failed: list[ReadProblem] = field(default_factory=list)
    seconds: float = 0.0
    updated: int = 0
    db: Path | None = None
    #: Files stored or skipped that the user should know about (a copy of a stored text under
    #: another name, an article without any funding figure): not failures.
    notes: list[ReadProblem] = field(default_factory=list)

    def summary(self) -> str:
        line = f"ingested {self.ingested}, skipped {self.skipped} (already stored), failed {len(self.failed)}"
        if self.updated:
            line += f"; metadata updated for {self.updated}"
        return line


# --------------------------------------------------------------------------- connections


def db_path(db: str | Path | None = None) -> Path:
    """The store file: ``db`` if given, else ``$LEVEE_DB``, else ``data/levee.duckdb``."""
    if db is not None and str(db) != "":
        return Path(db).expanduser()
    env = os.environ.get(DB_ENV)
    return Path(env).expanduser() if env else DEFAULT_DB


def _locked(error: Exception) -> bool:
    """Whether another connection holds the file: another process's lock, or a connection
    of this process opened in the other mode (read-only vs read-write)."""
    text = str(error).lower()
    other_process = "lock" in text and ("conflicting" in text or "could not set" in text)
    return other_process or "different configuration" in text


def _corrupt(error: Exception) -> bool:
    low = str(error).lower()
    return "not a valid duckdb database" in low or "corrupt" in low or ("invalid" in low and "header" in low)


def _describe(error: Exception, path: Path, read_only: bool) -> str:
    text = str(error)
    low = text.lower()
    if _corrupt(error):
        return f"{path} is not a readable Levée store (corrupt or not a DuckDB file): {text}"
    if "permission denied" in low or "read-only" in low or "readonly" in low:
        mode = "read" if read_only else "write to"
        return f"cannot {mode} {path}: permission denied (choose a writable file with --db or {DB_ENV})"
    if "newer version" in low or ("serialization" in low and "version" in low):
        return f"{path} was written by another DuckDB version: {text}"
    return f"cannot open {path}: {text}"


def _open(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + max(wait_s, 0.0)
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            if _locked(error) and time.monotonic() < deadline:
                time.sleep(min(delay, max(deadline - time.monotonic(), 0.01)) * (0.8 + 0.4 * random.random()))
                delay = min(delay * 2, 2.0)
                continue
            if _locked(error):
                raise StoreError(
                    f"{path} is locked by another process (an ingest or an open connection); "
                    f"gave up after {wait_s:.0f} s — try again when it has finished"
                ) from None
            raise StoreError(_describe(error, path, read_only)) from None
        except OSError as error:
            raise StoreError(_describe(error, path, read_only)) from None


def _check_schema(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" not in tables:
        if tables:
            raise StoreError(f"{path} is a DuckDB file but not a Levée store (no meta table)")
        if read_only:
            raise StoreError(f"{path} is empty: not a Levée store yet (run ingest first)")
        con.execute("BEGIN TRANSACTION")
        for statement in _CREATE:
            con.execute(statement)
        con.execute("INSERT INTO meta VALUES (?, ?)", ["schema_version", str(SCHEMA_VERSION)])
        con.execute("INSERT INTO meta VALUES (?, ?)", ["created_at", dt.datetime.now().isoformat()])
        con.execute("COMMIT")
        return
    row = con.execute("SELECT value FROM meta WHERE key = ?", ["schema_version"]).fetchone()
    try:
        version = int(row[0]) if row else None
    except ValueError:
        version = None
    if version is None:
        raise StoreError(f"{path}: unknown store schema version {row[0] if row else None!r}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has store schema version {version}, newer than this Levée's ({SCHEMA_VERSION}); "
            "upgrade Levée to read it"
        )
    if version < SCHEMA_VERSION:  # no older versions exist yet: nothing to migrate from
        raise StoreError(f"{path} has store schema version {version}, which this Levée cannot migrate")
    missing = {*_TYPES, "article_facts", "files"} - tables
    if missing and not read_only:
        for statement in _CREATE:
            con.execute(statement)
    elif missing:
        raise StoreError(f"{path} lacks tables {sorted(missing)}: open it once for writing to repair it")
    if not read_only:
        for statement in _MIGRATE:
            con.execute(statement)


#: DuckDB's file header (main header and two database headers): a store file shorter than this
#: is still being created by another process.
_HEADER_BYTES = 3 * 4096


@contextmanager
def _creating(path: Path, wait_s: float) -> Iterator[None]:
    """Held while a store file is created and given its tables.

    DuckDB creates the file before it locks and fills it, so a second process opening it in
    between reads an empty file as "not a valid DuckDB database". A process that finds the
    file missing or shorter than its header takes this lock (on the file's folder) first,
    and so waits for the creator to finish.
    """
    try:
        creating = path.stat().st_size < _HEADER_BYTES
    except FileNotFoundError:
        creating = True
    except OSError:
        creating = False
    fd = None
    if creating and fcntl is not None:
        with suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + max(wait_s, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{path} is being created by another process; gave up after {wait_s:.0f} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


_WRITE_TURNS: dict[str, threading.RLock] = {}
_WRITE_TURNS_GUARD = threading.Lock()


@contextmanager
def _write_turn(path: Path, wait_s: float) -> Iterator[None]:
    """Held by a write connection of this process: DuckDB shares one database between the
    connections of a process, so two threads writing at once would conflict; they take turns
    (another process is kept out by DuckDB's file lock)."""
    key = str(path.expanduser().resolve())
    with _WRITE_TURNS_GUARD:
        lock = _WRITE_TURNS.setdefault(key, threading.RLock())
    if not lock.acquire(timeout=max(wait_s, 0.01)):
        raise StoreError(f"{path} is being written by another thread of this process; gave up after {wait_s:.0f} s")
    try:
        yield
    finally:
        lock.release()


@contextmanager
def connect(
    db: str | Path | None = None, *, read_only: bool = False, wait_s: float = LOCK_WAIT_S
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A checked connection to the store, closed on exit; the file and its folder are created
    on first write. Raises ``StoreError`` with a clear message for every problem. Write
    connections of one process take turns."""
    path = db_path(db)
    if read_only:
        with _connect(path, read_only, wait_s) as con:
            yield con
        return
    with _write_turn(path, wait_s), _connect(path, read_only, wait_s) as con:
        yield con


@contextmanager
def _connect(path: Path, read_only: bool, wait_s: float) -> Iterator[duckdb.DuckDBPyConnection]:
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of {path}: {error.strerror or error}") from None
        if path.exists() and not os.access(path, os.W_OK):
            raise StoreError(f"cannot write to {path}: the file is read-only (choose another with --db)")
    elif not path.exists():
        raise StoreError(f"no store at {path} (run `python -m analysis ingest` first)")
    with _creating(path, wait_s):
        con = _open(path, read_only, wait_s)
        try:
            _check_schema(con, path, read_only)
        except duckdb.Error as error:
            con.close()
            raise StoreError(_describe(error, path, read_only)) from None
        except BaseException:
            con.close()
            raise
    try:
        try:
            yield con
        except duckdb.Error as error:
            if _corrupt(error):  # a corrupt block met by a query, not at open
                raise StoreError(_describe(error, path, read_only)) from None
            raise
    finally:
        con.close()


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _insert_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("_levee_frame", frame)
    try:
        con.execute(_INSERT_FRAME[name])
    finally:
        con.unregister("_levee_frame")


def _read_table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """A table as a frame with the columns of ``analysis.frames``, in their order: a column added
    by a migration comes last in the table, and is missing (read as empty) from a store not yet
    migrated that is opened read-only."""
    frame = con.execute(_SELECT[name]).df()
    return frame.reindex(columns=list(fr.COLUMNS[name]))


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]
    )


def _get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------- facts <-> JSON


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _evidence(items: Iterable[dict[str, Any]]) -> list[Evidence]:
    return [Evidence(**item) for item in items]


def facts_from_json(data: dict[str, Any]) -> ArticleFacts:
    """The ``ArticleFacts`` that ``ArticleFacts.to_json`` wrote."""
    rounds = []
    for item in data.get("rounds", []):
        item = dict(item)
        item["amount_alternatives"] = [AmountAlternative(**a) for a in item.get("amount_alternatives", [])]
        item["valuation_alternatives"] = [AmountAlternative(**a) for a in item.get("valuation_alternatives", [])]
        item["investments"] = [
            Investment(**{**i, "evidence": _evidence(i.get("evidence", []))}) for i in item.get("investments", [])
        ]
        item["evidence"] = _evidence(item.get("evidence", []))
        item["date"] = _date(item.get("date"))
        rounds.append(RoundFact(**item))
    valuations = [
        ValuationFact(**{**v, "evidence": _evidence(v.get("evidence", [])), "date": _date(v.get("date"))})
        for v in data.get("valuations", [])
    ]
    others = [OtherFigure(**{**o, "evidence": _evidence(o.get("evidence", []))}) for o in data.get("other_figures", [])]
    return ArticleFacts(**{
        **data, "published": _date(data.get("published")), "rounds": rounds, "valuations": valuations,
        "other_figures": others,
    })


# --------------------------------------------------------------------------- rows


def _article_meta(article: Article) -> tuple[Any, ...]:
    """The article's values of ``_ARTICLE_META``."""
    meta = article.meta
    return (article.file, meta.publisher, meta.title, meta.url, meta.author, meta.published,
            meta.published_precision, article.language or meta.language)


def _stored_meta(row: tuple[Any, ...]) -> tuple[Any, ...]:
    file, publisher, title, url, author, published, precision, language = row
    if isinstance(published, dt.datetime):
        published = published.date()
    return (file, publisher, title, url, author, published, precision, language)


def _with_meta(facts: ArticleFacts, article: Article) -> ArticleFacts:
    """``facts`` carrying the article's current metadata (file, publisher, title, url, author)."""
    meta = article.meta
    facts.file, facts.publisher, facts.title, facts.url = article.file, meta.publisher, meta.title, meta.url
    facts.author = meta.author
    return facts


def _merge_known(article: Article, known: tuple[Any, ...]) -> Article:
    """``article`` with the stored metadata filling what it leaves unknown.

    A copy of a stored text read without its manifest (another name, another folder) must not
    erase the stored publisher, title, date or language: only values it states replace stored
    ones. The stored file name is kept while that file still exists (the copy is a duplicate,
    not a rename).
    """
    file, publisher, title, url, author, published, precision, language = known
    meta = article.meta
    dated = meta.published is not None
    merged = ArticleMeta(
        publisher=meta.publisher or publisher,
        title=meta.title or title,
        url=meta.url or url,
        author=meta.author or author,
        published=meta.published if dated else published,
        published_precision=meta.published_precision if dated else precision,
        language=meta.language or language,
    )
    keep_file = bool(file) and file != article.file and Path(file).is_file()
    return dataclasses.replace(
        article,
        file=file if keep_file else article.file,
        meta=merged,
        language=meta.language or language or article.language,
    )


def _article_row(article: Article | None, facts: ArticleFacts, now: dt.datetime) -> dict[str, Any]:
    if article is None:
        return {
            "article_id": facts.article_id, "file": facts.file, "publisher": facts.publisher, "title": facts.title,
            "url": facts.url, "author": facts.author, "published": facts.published,
            "published_precision": facts.published_precision, "language": facts.language, "n_chars": None,
            "ingested_at": now,
        }
    file, publisher, title, url, author, published, precision, language = _article_meta(article)
    return {
        "article_id": article.article_id, "file": file, "publisher": publisher, "title": title, "url": url,
        "author": author, "published": published, "published_precision": precision, "language": language,
        "n_chars": len(article.text), "ingested_at": now,
    }


def _extraction_failed(facts: ArticleFacts) -> str | None:
    return next((e for e in facts.errors if e.startswith("extraction failed")), None)


def _write_batch(
    db: str | Path | None, batch: Sequence[tuple[Article | None, ArticleFacts]], wait_s: float
) -> tuple[list[str], list[ReadProblem]]:
    """Store a batch of articles with their facts in one transaction (replacing a stored
    article of the same id). Returns the ids written and the articles that failed."""
    from analysis.history.consolidate import mentions_frame

    problems: list[ReadProblem] = []
    good: list[tuple[Article | None, ArticleFacts]] = []
    for article, facts in batch:
        error = _extraction_failed(facts)
        if error:
            problems.append(ReadProblem(article.file if article else facts.file, error))
        else:
            if article is not None and facts.author is None:
                facts.author = article.meta.author  # the stored facts carry the article's author
            good.append((article, facts))
    if not good:
        return [], problems
    now = dt.datetime.now().replace(microsecond=0)
    articles = fr.conform("articles", pd.DataFrame([_article_row(a, f, now) for a, f in good]))
    mentions = mentions_frame(f for _, f in good)
    ids = [f.article_id for _, f in good]
    with connect(db, wait_s=wait_s) as con, _transaction(con):
        for article_id in ids:
            for table in ("mentions", "article_facts", "articles"):
                con.execute(_DELETE_ARTICLE[table], [article_id])
        _insert_frame(con, "articles", articles)
        con.executemany(
            "INSERT INTO article_facts VALUES (?, ?)",
            [[f.article_id, json.dumps(f.to_json(), ensure_ascii=False)] for _, f in good],
        )
        _insert_frame(con, "mentions", mentions)
        fingerprints = _fingerprints(a for a, _ in good)
        if fingerprints:
            con.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", fingerprints)
        _set_meta(con, "derived_stale", "1")
    return ids, problems


def _fingerprints(articles: Iterable[Article | None]) -> list[list[Any]]:
    """(absolute path, size, mtime_ns, article id, reader version) of each article read from a file."""
    from analysis.corpus import READER_VERSION

    rows = []
    for article in articles:
        if article is None:
            continue
        try:
            path = Path(article.file).resolve()
            info = path.stat()
        except (OSError, ValueError):
            continue
        rows.append([str(path), info.st_size, info.st_mtime_ns, article.article_id, READER_VERSION])
    return rows


@dataclass(frozen=True)
class _Snapshot:
    """What an ingest needs to know of the store before reading, read on one connection."""

    files: dict[str, tuple[Any, ...]]  # resolved path -> (size, mtime_ns, article_id, reader_version)
    stored: dict[str, tuple[Any, ...]]  # article id -> stored metadata
    stale: bool  # the derived tables need recomputing whatever this run writes


def _snapshot(db: str | Path | None, wait_s: float) -> _Snapshot:
    with connect(db, wait_s=wait_s) as con:
        files = {row[0]: row[1:] for row in con.execute(
            "SELECT path, size, mtime_ns, article_id, reader_version FROM files"
        ).fetchall()}
        stored = _stored_rows(con)
        stale = _get_meta(con, "derived_stale") == "1" or _get_meta(con, "derived_version") != DERIVED_VERSION
    return _Snapshot(files, stored, stale)


def _unchanged_files(snapshot: _Snapshot) -> Callable[[Path, ArticleMeta | None], str | None]:
    """The reader's test for a file stored unchanged (same size, modification time, reader and
    manifest metadata): such a file is skipped without being read or hashed. The reader
    gives resolved paths; another path only misses the shortcut (the text is then read and
    recognised by its hash)."""
    from analysis.corpus import READER_VERSION

    files, stored = snapshot.files, snapshot.stored

    def unchanged(path: Path, meta: ArticleMeta | None) -> str | None:
        try:
            info = path.stat()
        except (OSError, ValueError):
            return None
        known = files.get(str(path))
        if known is None or (known[0], known[1]) != (info.st_size, info.st_mtime_ns) or known[2] not in stored:
            return None
        if known[3] != READER_VERSION:
            return None  # read by an older reader, which may have derived less metadata from it
        if meta is not None:
            stated = (meta.publisher, meta.title, meta.url, meta.author, meta.published, meta.published_precision,
                      meta.language)
            if any(value is not None and value != old for value, old in zip(stated, stored[known[2]][1:], strict=True)):
                return None  # the manifest says something new: read it again
        return str(known[2])

    return unchanged


def _read_again(article: Article, snapshot: _Snapshot) -> bool:
    """Whether ``article`` comes from a file stored with this text by an older reader."""
    from analysis.corpus import READER_VERSION

    try:
        known = snapshot.files.get(str(Path(article.file).resolve()))
    except (OSError, ValueError, RuntimeError):
        return False
    return known is not None and known[2] == article.article_id and known[3] != READER_VERSION


_DELETE_ARTICLE = {t: f"DELETE FROM {t} WHERE article_id = ?" for t in ("mentions", "article_facts", "articles")}  # noqa: S608


def _stored(db: str | Path | None, wait_s: float) -> dict[str, tuple[Any, ...]]:
    with connect(db, wait_s=wait_s) as con:
        return _stored_rows(con)


def _stored_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[Any, ...]]:
    rows = con.execute(
        "SELECT article_id, file, publisher, title, url, author, published, published_precision, language FROM articles"
    ).fetchall()
    return {row[0]: _stored_meta(row[1:]) for row in rows}


def _stored_facts(db: str | Path | None, ids: Sequence[str], wait_s: float) -> dict[str, ArticleFacts]:
    if not ids:
        return {}
    with connect(db, wait_s=wait_s) as con:
        rows = con.execute(
            "SELECT article_id, CAST(facts AS VARCHAR) FROM article_facts WHERE list_contains(?, article_id)",
            [list(ids)],
        ).fetchall()
    return {article_id: facts_from_json(json.loads(text)) for article_id, text in rows}


def known_ids(db: str | Path | None = None) -> set[str]:
    """The article ids (content hashes) already stored: what an engine need not extract."""
    path = db_path(db)
    if not path.exists():
        return set()
    with connect(path, read_only=True) as con:
        return {row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()}


# --------------------------------------------------------------------------- derived tables


def refresh(db: str | Path | None = None, *, force: bool = True, wait_s: float = LOCK_WAIT_S) -> bool:
    """Recompute the derived tables from articles and mentions (when stale, or always with
    ``force``), in one transaction. Returns whether it recomputed."""
    with connect(db, wait_s=wait_s) as con:
        stale = _get_meta(con, "derived_stale") == "1" or _get_meta(con, "derived_version") != DERIVED_VERSION
        if not (force or stale):
            return False
        with _transaction(con):
            _derive(con)
    return True


def _derive(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute, inside the caller's transaction, the derived tables with the corrections applied:
    the mentions of the articles that corrections refer to are made again from their stored facts,
    corrected; every mention gets its ``round_id``; ``correction_states`` says what became of each
    correction."""
    from analysis.history import corrections as cr
    from analysis.history.consolidate import derived_frames, mentions_frame

    articles = fr.validate("articles", _read_table(con, "articles"))
    if _get_meta(con, "derived_version") != DERIVED_VERSION:  # a new derivation: mentions made again from facts
        rows = con.execute("SELECT CAST(facts AS VARCHAR) FROM article_facts ORDER BY article_id").fetchall()
        mentions = mentions_frame(facts_from_json(json.loads(row[0])) for row in rows)
    else:
        mentions = _read_table(con, "mentions")
    corrections = _stored_corrections(con)
    constraints, states = None, {}
    if corrections:
        facts = _facts_on(con, sorted(cr.articles_of(corrections)))
        applied = cr.apply_corrections(facts, corrections)
        mentions = pd.concat(
            [frame for frame in (mentions[~mentions["article_id"].isin(list(facts))], applied.mentions())
             if not frame.empty] or [mentions]
        ).sort_values(["article_id", "mention_id"]).reset_index(drop=True)
        constraints, states = applied.constraints, applied.states
    derived = derived_frames(articles, fr.validate("mentions", mentions), constraints)
    for name in DERIVED:
        con.execute(_CLEAR[name])
        _insert_frame(con, name, derived[name])
    con.execute("DELETE FROM mentions")
    _insert_frame(con, "mentions", derived["mentions"])
    con.execute("DELETE FROM correction_states")
    if states:
        con.executemany("INSERT INTO correction_states VALUES (?, ?, ?, ?, ?, ?)", [
            [cid, st.state, st.superseded_by, st.anchor.start if st.anchor else None,
             st.anchor.end if st.anchor else None, st.why]
            for cid, st in states.items()
        ])
    _set_meta(con, "derived_stale", "0")
    _set_meta(con, "derived_version", DERIVED_VERSION)
    _set_meta(con, "derived_at", dt.datetime.now().isoformat())


def _facts_on(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, ArticleFacts]:
    if not ids:
        return {}
    rows = con.execute(
        "SELECT article_id, CAST(facts AS VARCHAR) FROM article_facts WHERE list_contains(?, article_id)", [list(ids)]
    ).fetchall()
    return {article_id: facts_from_json(json.loads(text)) for article_id, text in sorted(rows)}


# --------------------------------------------------------------------------- corrections

_CORRECTION_COLUMNS = (
    "correction_id", "fact", "action", "article_id", "start", "end", "text", "field", "old_value", "new_value",
    "investor", "reason", "target_article_id", "target_start", "target_end", "target_text", "author",
    "created_at", "note", "undoes",
)
# Constant statements (the SQL audit of tests/reliability allows no statement built at run time);
# their column lists are _CORRECTION_COLUMNS (checked just below, at import).
_SELECT["corrections"] = (
    "SELECT \"correction_id\", \"fact\", \"action\", \"article_id\", \"start\", \"end\", \"text\", "
    "\"field\", \"old_value\", \"new_value\", \"investor\", \"reason\", \"target_article_id\", "
    "\"target_start\", \"target_end\", \"target_text\", \"author\", \"created_at\", \"note\", "
    "\"undoes\" FROM corrections ORDER BY created_at, seq"
)
_INSERT_FRAME["corrections"] = (
    "INSERT OR IGNORE INTO corrections (\"correction_id\", \"fact\", \"action\", \"article_id\", "
    "\"start\", \"end\", \"text\", \"field\", \"old_value\", \"new_value\", \"investor\", \"reason\","
    " \"target_article_id\", \"target_start\", \"target_end\", \"target_text\", \"author\", "
    "\"created_at\", \"note\", \"undoes\", \"seq\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?, ?, ?, ?)"
)
assert all(_quoted(c) in _SELECT["corrections"] and _quoted(c) in _INSERT_FRAME["corrections"]
           for c in _CORRECTION_COLUMNS), "the corrections statements name every correction column"
#: The columns of ``read_corrections``: a correction's record, then what became of it.
CORRECTION_FRAME_COLUMNS = (*_CORRECTION_COLUMNS, "state", "superseded_by", "resolved_start", "resolved_end", "why")


def _has_corrections(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corrections'"
    ).fetchone()[0])


def _correction_from_row(row: Sequence[Any]) -> Any:
    from analysis.history.corrections import from_record

    record = dict(zip(_CORRECTION_COLUMNS, row, strict=True))
    for key in ("old_value", "new_value"):
        record[key] = json.loads(record[key]) if record[key] is not None else None
    return from_record(record)


def _stored_corrections(con: duckdb.DuckDBPyConnection) -> list[Any]:
    if not _has_corrections(con):
        return []
    return [_correction_from_row(row) for row in con.execute(_SELECT["corrections"]).fetchall()]


def _insert_corrections(con: duckdb.DuckDBPyConnection, corrections: Sequence[Any]) -> None:
    from analysis.history.corrections import to_record

    seq = con.execute("SELECT coalesce(max(seq), 0) FROM corrections").fetchone()[0]
    rows = []
    for n, correction in enumerate(corrections, start=1):
        record = to_record(correction)
        record["created_at"] = correction.created_at
        for key in ("old_value", "new_value"):
            record[key] = json.dumps(record[key], ensure_ascii=False) if record[key] is not None else None
        rows.append([record[c] for c in _CORRECTION_COLUMNS] + [seq + n])
    if rows:
        con.executemany(_INSERT_FRAME["corrections"], rows)


def add_corrections(corrections: Iterable[Any], db: str | Path | None = None, *,
                    wait_s: float = LOCK_WAIT_S) -> None:
    """Store analysts' corrections (``analysis.history.corrections.Correction``) and re-derive the tables
    with them, in one transaction under the store's write lock. Each is checked first
    (``CorrectionError``: nothing written); one whose id is stored already is skipped, so the same
    file of corrections applied twice changes nothing."""
    from analysis.history.corrections import check_correction

    corrections = list(corrections)
    for correction in corrections:
        check_correction(correction)
    with connect(db, wait_s=wait_s) as con, _transaction(con):
        _insert_corrections(con, corrections)
        _derive(con)


def undo_correction(correction_id: str, author: str | None = None, db: str | Path | None = None,
                    note: str | None = None, *, wait_s: float = LOCK_WAIT_S) -> Any:
    """Undo a correction: an "undo" row (by ``author``, default the OS user) is stored, the
    correction no longer applies, the tables are re-derived; returns the undo. ``StoreError`` when
    no such correction is stored or it is undone already."""
    from analysis.history.corrections import apply_corrections, new_correction

    with connect(db, wait_s=wait_s) as con, _transaction(con):
        stored = _stored_corrections(con)
        undone = next((c for c in stored if c.correction_id == correction_id), None)
        if undone is None:
            raise StoreError(f"no correction {correction_id} in {db_path(db)}")
        if apply_corrections({}, stored).states[correction_id].state == "undone":
            raise StoreError(f"correction {correction_id} is undone already")
        undo = new_correction(
            undone.fact, "undo", undone.anchor, field=undone.field, old_value=undone.new_value,
            new_value=undone.old_value, investor=undone.investor, reason=undone.reason, target=undone.target,
            author=author, note=note, undoes=correction_id,
        )
        _insert_corrections(con, [undo])
        _derive(con)
    return undo


def _empty_corrections() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in CORRECTION_FRAME_COLUMNS})


def read_corrections(db: str | Path | None = None, *, wait_s: float = 10.0) -> pd.DataFrame:
    """Every stored correction, one row each in the order they apply (``CORRECTION_FRAME_COLUMNS``):
    its record (``old_value`` / ``new_value`` as Python values), and ``state``: "applied" (in force,
    or overridden by the later ``superseded_by``), "orphaned" (its fact is no longer found; ``why``),
    "undone", or "undo"; ``resolved_start`` / ``resolved_end``: where its fact stands now."""
    path = db_path(db)
    if not path.exists():
        return _empty_corrections()
    with connect(path, read_only=True, wait_s=wait_s) as con:
        if not _has_corrections(con):
            return _empty_corrections()
        rows = con.execute(_SELECT["corrections"]).fetchall()
        states = {row[0]: row[1:] for row in con.execute(
            "SELECT correction_id, state, superseded_by, resolved_start, resolved_end, why FROM correction_states"
        ).fetchall()}
    records = []
    for row in rows:
        record = dict(zip(_CORRECTION_COLUMNS, row, strict=True))
        for key in ("old_value", "new_value"):
            record[key] = json.loads(record[key]) if record[key] is not None else None
        state = states.get(record["correction_id"], ("applied", None, None, None, None))
        record.update(zip(("state", "superseded_by", "resolved_start", "resolved_end", "why"), state, strict=True))
        records.append(record)
    if not records:
        return _empty_corrections()
    frame = pd.DataFrame(records, columns=list(CORRECTION_FRAME_COLUMNS))
    for column in ("start", "end", "target_start", "target_end", "resolved_start", "resolved_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def fact_history(anchor: Any, db: str | Path | None = None) -> pd.DataFrame:
    """The corrections of the fact at ``anchor`` (``analysis.history.corrections.Anchor``), oldest first:
    those anchored at its span, or re-anchored to it, or merging into it, and their undos."""
    frame = read_corrections(db)
    if frame.empty:
        return frame
    same = frame["article_id"] == anchor.article_id
    at = same & (frame["start"] == anchor.start) & (frame["end"] == anchor.end)
    moved = same & (frame["resolved_start"] == anchor.start) & (frame["resolved_end"] == anchor.end)
    target = ((frame["target_article_id"] == anchor.article_id) & (frame["target_start"] == anchor.start)
              & (frame["target_end"] == anchor.end))
    hit = (at.fillna(False) | moved.fillna(False) | target.fillna(False)).astype(bool)
    ids = set(frame.loc[hit, "correction_id"])
    hit |= frame["undoes"].isin(ids)
    return frame[hit].reset_index(drop=True)


def corrected_facts(db: str | Path | None = None) -> list[ArticleFacts]:
    """Every stored article's facts with the corrections applied (rejected rounds and valuations
    left out), in article id order: what ``review export --format gold`` writes."""
    from analysis.history.corrections import apply_corrections

    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT CAST(facts AS VARCHAR) FROM article_facts ORDER BY article_id").fetchall()
        corrections = _stored_corrections(con)
    facts = [facts_from_json(json.loads(row[0])) for row in rows]
    return apply_corrections(facts, corrections).corrected_facts()


# --------------------------------------------------------------------------- ingest


class _Progress:
    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, desc="ingest", dynamic_ncols=True)

    def step(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _default_extractor() -> Extractor:
    from analysis.extract import extract_articles

    return extract_articles


def _ingest_items(
    items: Iterable[Article | ReadProblem | UnchangedFile],
    db: str | Path | None,
    *,
    progress: bool,
    batch_size: int,
    extractor: Extractor | None,
    total: int | None = None,
    wait_s: float = LOCK_WAIT_S,
    snapshot: _Snapshot | None = None,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport(db=db_path(db))
    batch_size = max(1, int(batch_size))
    stored = snapshot.stored if snapshot is not None else _stored(db, wait_s)
    wrote = False
    seen: dict[str, str] = {}  # article id -> the file it was first read from in this run
    meta_only: list[Article] = []  # known text, new publisher/title/url/file: no NLP needed
    reextract: set[str] = set()  # known text, new date or language: extract again
    reread: list[Article] = []  # known text, same metadata, file stored by an older reader
    queue: deque[Article] = deque()
    bar = _Progress(progress, total)

    def to_extract() -> Iterator[Article]:
        for item in items:
            if isinstance(item, UnchangedFile):
                report.skipped += 1
                bar.step()
                continue
            if isinstance(item, ReadProblem):
                report.failed.append(item)
                bar.step()
                continue
            if item.article_id in seen:  # the same text twice in this run (copies)
                report.skipped += 1
                report.notes.append(ReadProblem(item.file, f"same text as {seen[item.article_id]}; stored once"))
                bar.step()
                continue
            seen[item.article_id] = item.file
            known = stored.get(item.article_id)
            if known is not None:
                report.skipped += 1
                read = item
                item = _merge_known(item, known)
                if item.file == known[0] != seen[item.article_id]:
                    report.notes.append(ReadProblem(
                        seen[item.article_id], f"same text as {known[0]}, already stored; skipped"
                    ))
                current = _article_meta(item)
                if current != known:
                    report.updated += 1
                    if current[_REEXTRACT_FROM:] != known[_REEXTRACT_FROM:]:  # published, precision or language
                        reextract.add(item.article_id)
                        queue.append(item)
                        yield item
                        continue
                    meta_only.append(item)
                elif snapshot is not None and _read_again(read, snapshot):
                    reread.append(read)
                bar.step()
                continue
            queue.append(item)
            yield item

    extract = extractor or _default_extractor()
    batch: list[tuple[Article | None, ArticleFacts]] = []

    def flush() -> None:
        nonlocal wrote
        if not batch:
            return
        wrote = True
        written, problems = _write_batch(db, batch, wait_s)
        report.failed.extend(problems)
        report.ingested += sum(1 for i in written if i not in reextract)
        report.notes.extend(
            ReadProblem(a.file, "stored, but no funding round or valuation was found in it")
            for a, f in batch
            if f.article_id in written and f.article_id not in reextract and not (f.rounds or f.valuations)
        )
        batch.clear()

    try:
        for facts in extract(to_extract(), batch_size=batch_size):
            if not queue:
                raise StoreError("the extractor returned more facts than it was given articles")
            article = queue.popleft()
            if facts.article_id != article.article_id:
                raise StoreError(f"extractor returned facts for {facts.article_id}, expected {article.article_id}")
            batch.append((article, facts))
            bar.step()
            if len(batch) >= batch_size:
                flush()
        flush()
        report.failed.extend(ReadProblem(a.file, "the extractor returned no facts for it") for a in queue)
        if meta_only:
            wrote = True
            old = _stored_facts(db, [a.article_id for a in meta_only], wait_s)
            for start in range(0, len(meta_only), batch_size):
                chunk = meta_only[start:start + batch_size]
                _write_batch(db, [(a, _with_meta(old[a.article_id], a)) for a in chunk if a.article_id in old], wait_s)
    finally:
        bar.close()
    if wrote or snapshot is None or snapshot.stale:  # an unchanged corpus leaves the tables as they are
        refresh(db, force=False, wait_s=wait_s)
    if reread:  # known texts read again by a newer reader, their metadata unchanged: skip them next time
        with connect(db, wait_s=wait_s) as con:
            con.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", _fingerprints(reread))
    report.seconds = time.perf_counter() - started
    return report


def ingest(
    paths: Sequence[str | Path] | str | Path,
    manifest: str | Path | None = None,
    db: str | Path | None = None,
    *,
    progress: bool = True,
    batch_size: int = 32,
    extractor: Extractor | None = None,
    wait_s: float = LOCK_WAIT_S,
) -> IngestReport:
    """Read the articles under ``paths`` (files or folders), extract the new ones and store
    them; known texts are skipped before extraction. ``extractor`` defaults to
    ``analysis.extract.extract_articles``."""
    from analysis.corpus import iter_articles, iter_paths

    if isinstance(paths, str | Path):
        paths = [paths]
    try:
        total: int | None = len(iter_paths(paths))
    except Exception:  # the count is only for the progress bar
        total = None
    snapshot = _snapshot(db, wait_s)
    items = iter_articles(list(paths), manifest=Path(manifest) if manifest else None,
                          unchanged=_unchanged_files(snapshot))
    return _ingest_items(items, db, progress=progress, batch_size=batch_size, extractor=extractor, total=total,
                         wait_s=wait_s, snapshot=snapshot)


def ingest_articles(
    articles: Iterable[Article | ReadProblem],
    db: str | Path | None = None,
    *,
    progress: bool = False,
    batch_size: int = 32,
    extractor: Extractor | None = None,
    wait_s: float = LOCK_WAIT_S,
) -> IngestReport:
    """Store articles already read (e.g. the dashboard's uploads); same rules as ``ingest``."""
    return _ingest_items(articles, db, progress=progress, batch_size=batch_size, extractor=extractor,
                         wait_s=wait_s)


def ingest_facts(
    items: Iterable[ArticleFacts | tuple[Article, ArticleFacts]],
    db: str | Path | None = None,
    *,
    batch_size: int = 32,
    wait_s: float = LOCK_WAIT_S,
) -> IngestReport:
    """Store facts extracted elsewhere (a parallel engine hands them to this single writer).

    Give ``(article, facts)`` pairs when the articles are at hand (``n_chars`` and the
    manifest metadata then come from the article); a known, unchanged article is skipped.
    """
    started = time.perf_counter()
    report = IngestReport(db=db_path(db))
    stored = _stored(db, wait_s)
    batch: list[tuple[Article | None, ArticleFacts]] = []
    seen: set[str] = set()
    for item in items:
        article, facts = item if isinstance(item, tuple) else (None, item)
        if facts.article_id in seen:
            report.skipped += 1
            continue
        seen.add(facts.article_id)
        known = stored.get(facts.article_id)
        if known is not None:
            report.skipped += 1
            if article is not None:
                article = _merge_known(article, known)
            if article is None or _article_meta(article) == known:
                continue
            report.updated += 1
            facts = _with_meta(facts, article)
        batch.append((article, facts))
        if len(batch) >= batch_size:
            written, problems = _write_batch(db, batch, wait_s)
            report.ingested += sum(1 for i in written if i not in stored)
            report.failed.extend(problems)
            batch = []
    if batch:
        written, problems = _write_batch(db, batch, wait_s)
        report.ingested += sum(1 for i in written if i not in stored)
        report.failed.extend(problems)
    refresh(db, force=False, wait_s=wait_s)
    report.seconds = time.perf_counter() - started
    return report


# --------------------------------------------------------------------------- reading


def read_tables(
    db: str | Path | None = None, *, wait_s: float = 10.0, names: Sequence[str] = fr.FRAME_NAMES
) -> dict[str, pd.DataFrame]:
    """The store's tables as frames, through a read-only connection (waiting up to ``wait_s``
    for a writer to finish). A store not created yet reads as empty frames."""
    path = db_path(db)
    if not path.exists():
        return {name: fr.empty(name) for name in names}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        return {name: _read_table(con, name) for name in names}


def stored_facts(db: str | Path | None = None) -> list[ArticleFacts]:
    """Every stored article's facts (in article id order)."""
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT CAST(facts AS VARCHAR) FROM article_facts ORDER BY article_id").fetchall()
    return [facts_from_json(json.loads(row[0])) for row in rows]
