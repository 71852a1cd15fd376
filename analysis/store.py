"""The DuckDB store: persistence only. Connect, lock, write what the pipeline hands over,
replace derived tables, read frames.

Tables: ``meta`` (schema version and bookkeeping), ``articles`` (one row per distinct text,
keyed by its content hash), ``article_facts`` (the extraction's JSON), ``mentions`` (one row
per figure), ``files`` (the fingerprint of each file read, so an unchanged file is not read
again), the derived tables ``rounds``, ``investments``, ``valuations`` and
``source_comparison``, and their bookkeeping: ``pending_derivation`` (the company names and
round ids that writes touched since the last derivation) and ``company_buckets`` (each company
name's bucket, the unit the history re-derives).

The store never reads files, extracts or consolidates: ``analysis.ingest`` hands it articles,
facts and mentions; ``analysis.history`` reads the mentions of the companies a batch touched and
hands back their derived rows (``replace_scope``).

* Migrations: a store of this schema version lacking a column or table added since gets it on
  its first write connection; a read-only connection reads a missing column as empty meanwhile.
* Atomic: the caller's transaction (``transaction``) holds a batch; a crash leaves whole batches.
* One writer: DuckDB lets one process write a file. Connections are opened per batch and
  closed at once, so a reader (the dashboard) or a second ingest gets in between; a
  connection refused by a lock is retried with backoff for up to ``LOCK_WAIT_S`` seconds,
  then fails with a ``StoreError`` naming the file. Write connections of one process take turns.
* Corrections: the ``corrections`` table keeps every analyst's change, one row each (undo rows
  too), never updated nor deleted; ``correction_states`` says what became of each at the last
  derivation.
* Every value reaches SQL as a parameter or a registered frame; table and column names in
  statements come from the constants of this module and ``analysis.frames`` only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analysis import frames as fr
from analysis.model import ArticleFacts, facts_from_json

try:
    import fcntl
except ImportError:  # not on POSIX: stores are then created without the creation lock
    fcntl = None  # type: ignore[assignment]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "levee.duckdb"
#: Environment variable naming the store file (``--db`` overrides it).
DB_ENV = "LEVEE_DB"
#: Version of the tables below; a store written by a newer version is refused.
SCHEMA_VERSION = 1
#: How long to wait for another process's lock on the store before giving up.
LOCK_WAIT_S = 60.0
#: The most memory DuckDB keeps for its buffers and intermediate results, per process (it spills
#: to a temporary file beyond it); its default, 80 % of the machine's memory, let a 100,000-article
#: build hold gigabytes of cached pages.
DUCKDB_MEMORY_LIMIT = os.environ.get("LEVEE_DUCKDB_MEMORY_LIMIT", "256MB")

_TYPES = fr.DUCKDB_TYPES

DERIVED = ("rounds", "investments", "valuations", "source_comparison")
_ORDER = {
    "articles": "published NULLS LAST, file",
    "mentions": "article_id, mention_id",
    "rounds": "company NULLS LAST, date NULLS LAST, round_id",
    "investments": "round_id, role, investor",
    "valuations": "company NULLS LAST, date NULLS LAST, article_id, start NULLS LAST, \"end\" NULLS LAST, value",
    "source_comparison": "round_id, published NULLS LAST, article_id, field, value NULLS LAST, consensus NULLS LAST",
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
#: The derivation's bookkeeping: what writes touched since the last derivation (the company names
#: and round ids of the mentions written or replaced; ``analysis.history.derive`` consumes it), and
#: each company name's bucket (the names the history re-derives together).
_BOOKKEEPING_DDL = [
    "CREATE TABLE IF NOT EXISTS pending_derivation (article_id VARCHAR NOT NULL, company VARCHAR, round_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS company_buckets (company VARCHAR PRIMARY KEY, bucket VARCHAR NOT NULL)",
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
    *_BOOKKEEPING_DDL,
]
#: Columns added to tables after a store of this schema version could first be written: added on
#: open (``_check_schema``), read as empty by a read-only connection until then (``read_table``).
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
    *_BOOKKEEPING_DDL,
]
_INSERT_FRAME = {
    name: f"INSERT INTO {name} ({', '.join(map(_quoted, cols))}) SELECT {', '.join(map(_quoted, cols))} FROM _levee_frame"  # noqa: S608
    for name, cols in fr.COLUMNS.items()
}
_SELECT = {name: f"SELECT * FROM {name} ORDER BY {_ORDER[name]}" for name in fr.COLUMNS}  # noqa: S608
_CLEAR = {name: f"DELETE FROM {name}" for name in DERIVED}  # noqa: S608
#: The other statements of this module, by name (constants: the SQL audit of tests/reliability runs no other).
_SQL: dict[str, str] = {}


class StoreError(Exception):
    """A store that cannot be used as asked, with a message a user can act on."""


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
            return duckdb.connect(str(path), read_only=read_only, config={"memory_limit": DUCKDB_MEMORY_LIMIT})
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
    _wrote(path)
    try:
        with _write_turn(path, wait_s), _connect(path, read_only, wait_s) as con:
            yield con
    finally:
        _wrote(path)  # what was read before this write, or during it, is not reused after it


#: Write connections opened on each store by this process (by resolved path): with the store
#: files' state, what tells that a worked-out selection (``_Selected``) still holds.
_WRITES: dict[str, int] = {}
_WRITES_GUARD = threading.Lock()


def _wrote(path: Path) -> None:
    with _WRITES_GUARD:
        key = str(path.expanduser().resolve())
        _WRITES[key] = _WRITES.get(key, 0) + 1


def state_token(db: str | Path | None = None) -> tuple[object, ...]:
    """Changes whenever the store may have changed: its path, the writes this process made to it,
    and the size and modification time of its file and write-ahead log (another process's write).
    What a cache of anything read from the store is keyed on."""
    path = db_path(db)
    key = str(path.expanduser().resolve())
    parts: list[object] = [key, _WRITES.get(key, 0)]
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            stat = file.stat()
            parts += [stat.st_mtime_ns, stat.st_size]
        except OSError:
            parts += [0, 0]
    return tuple(parts)


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
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Inside ``transaction``: commit what is done and go on in a new transaction (a long
    derivation holds its uncommitted rows in memory; committed, they go to the file)."""
    con.execute("COMMIT")
    con.execute("BEGIN TRANSACTION")


def insert_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("_levee_frame", frame)
    try:
        con.execute(_INSERT_FRAME[name])
    finally:
        con.unregister("_levee_frame")


def read_table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """A table as a frame with the columns of ``analysis.frames``, in their order: a column added
    by a migration comes last in the table, and is missing (read as empty) from a store not yet
    migrated that is opened read-only."""
    frame = con.execute(_SELECT[name]).df()
    return frame.reindex(columns=list(fr.COLUMNS[name]))


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]
    )


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None




def _registered(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pd.DataFrame]) -> Any:
    """Register ``frames`` (name -> frame) for the statements that join them; unregister on exit."""

    @contextmanager
    def scope() -> Iterator[None]:
        for name, frame in frames.items():
            con.register(name, frame)
        try:
            yield
        finally:
            for name in frames:
                con.unregister(name)

    return scope()


# --------------------------------------------------------------------------- writing articles

#: The row of ``files`` of a file read: (resolved path, size, mtime_ns, article id, reader version).
FileRow = tuple[str, int, int, str, str]

_DELETE_ARTICLE = {t: f"DELETE FROM {t} WHERE list_contains(?, article_id)"  # noqa: S608
                   for t in ("mentions", "article_facts", "articles")}
_SQL["pending_from_stored"] = (
    "INSERT INTO pending_derivation SELECT article_id, company, round_id FROM mentions WHERE list_contains(?, article_id)"
)
_SQL["pending_from_frame"] = "INSERT INTO pending_derivation SELECT article_id, company, NULL FROM _levee_frame"


def write_articles(
    con: duckdb.DuckDBPyConnection,
    articles: pd.DataFrame,
    facts: Sequence[ArticleFacts],
    mentions: pd.DataFrame,
    files: Sequence[FileRow] = (),
) -> None:
    """Store articles (rows of the ``articles`` frame), their facts and their mentions, replacing
    whatever is stored under the same ids, inside the caller's transaction; ``files``: the
    fingerprints of the files they were read from. The company names and round ids of the mentions
    replaced and written are recorded in ``pending_derivation`` for the history to re-derive."""
    ids = list(articles["article_id"])
    con.execute(_SQL["pending_from_stored"], [ids])
    for table in ("mentions", "article_facts", "articles"):
        con.execute(_DELETE_ARTICLE[table], [ids])
    insert_frame(con, "articles", fr.conform("articles", articles))
    facts_rows = pd.DataFrame({"article_id": [f.article_id for f in facts],
                               "facts": [json.dumps(f.to_json(), ensure_ascii=False) for f in facts]}, dtype=object)
    with _registered(con, {"_levee_frame": facts_rows}):
        con.execute("INSERT INTO article_facts SELECT article_id, CAST(facts AS JSON) FROM _levee_frame")
    mentions = fr.conform("mentions", mentions)
    insert_frame(con, "mentions", mentions)
    if not mentions.empty:
        with _registered(con, {"_levee_frame": mentions}):
            con.execute(_SQL["pending_from_frame"])
    record_files(con, files)


def record_files(con: duckdb.DuckDBPyConnection, files: Sequence[FileRow]) -> None:
    """Remember the fingerprints of files read (an unchanged file is then not read again)."""
    if files:
        rows = pd.DataFrame(list(files), columns=["path", "size", "mtime_ns", "article_id", "reader_version"])
        with _registered(con, {"_levee_frame": rows}):
            con.execute("INSERT OR REPLACE INTO files SELECT path, size, mtime_ns, article_id, reader_version "
                        "FROM _levee_frame")


# --------------------------------------------------------------------------- reading articles and facts


def known_ids(db: str | Path | None = None) -> set[str]:
    """The article ids (content hashes) already stored."""
    path = db_path(db)
    if not path.exists():
        return set()
    with connect(path, read_only=True) as con:
        return set(con.execute("SELECT article_id FROM articles").fetchnumpy()["article_id"].tolist())  # not row by row


#: The stored metadata of an article, in this order (``stored_metadata``).
ARTICLE_META = ("file", "publisher", "title", "url", "author", "published", "published_precision", "language")


def stored_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every stored article id (content hash)."""
    return set(con.execute("SELECT article_id FROM articles").fetchnumpy()["article_id"].tolist())  # not row by row


def stored_metadata(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """The ``ARTICLE_META`` values of the stored articles among ``ids``, by article id (dates as
    ``datetime.date``)."""
    with _registered(con, {"_levee_frame": pd.DataFrame({"article_id": list(ids)}, dtype=object)}):
        rows = con.execute(
            "SELECT a.article_id, a.file, a.publisher, a.title, a.url, a.author, a.published, a.published_precision, "
            "a.language FROM articles a JOIN _levee_frame i ON a.article_id = i.article_id"
        ).fetchall()
    out = {}
    for article_id, *meta in rows:
        if isinstance(meta[5], dt.datetime):
            meta[5] = meta[5].date()
        out[article_id] = tuple(meta)
    return out


def stored_files(con: duckdb.DuckDBPyConnection, paths: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """resolved path -> (size, mtime_ns, article_id, reader_version) of the files ``paths`` that
    were read before."""
    with _registered(con, {"_levee_frame": pd.DataFrame({"path": list(paths)}, dtype=object)}):
        return {row[0]: row[1:] for row in con.execute(
            "SELECT f.path, f.size, f.mtime_ns, f.article_id, f.reader_version FROM files f "
            "JOIN _levee_frame p ON f.path = p.path"
        ).fetchall()}


def article_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every stored article id, in order."""
    return [row[0] for row in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]


def facts_of(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, ArticleFacts]:
    """The stored facts of the articles ``ids`` (those stored), by article id, in id order."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT article_id, CAST(facts AS VARCHAR) FROM article_facts WHERE list_contains(?, article_id) "
        "ORDER BY article_id", [list(ids)]
    ).fetchall()
    return {article_id: facts_from_json(json.loads(text)) for article_id, text in rows}


#: Facts read per fetch when every stored article's facts are streamed (bounds memory).
FACTS_FETCH_ROWS = 2_000


def iter_facts(con: duckdb.DuckDBPyConnection) -> Iterator[ArticleFacts]:
    """Every stored article's facts, in article id order, fetched ``FACTS_FETCH_ROWS`` at a time."""
    cursor = con.execute("SELECT CAST(facts AS VARCHAR) FROM article_facts ORDER BY article_id")
    while rows := cursor.fetchmany(FACTS_FETCH_ROWS):
        for row in rows:
            yield facts_from_json(json.loads(row[0]))


def stored_facts(db: str | Path | None = None) -> list[ArticleFacts]:
    """Every stored article's facts (in article id order)."""
    with connect(db, read_only=True) as con:
        return list(iter_facts(con))


def read_tables(
    db: str | Path | None = None, *, wait_s: float = 10.0, names: Sequence[str] = fr.FRAME_NAMES
) -> dict[str, pd.DataFrame]:
    """The store's tables as frames, through a read-only connection (waiting up to ``wait_s``
    for a writer to finish). A store not created yet reads as empty frames."""
    path = db_path(db)
    if not path.exists():
        return {name: fr.empty(name) for name in names}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        return {name: read_table(con, name) for name in names}


def read_articles(db: str | Path | None = None, ids: Sequence[str] = (), *, wait_s: float = 10.0) -> pd.DataFrame:
    """The stored rows of the articles ``ids`` (validated; an id the store does not hold has no
    row): one article's metadata without reading every article."""
    path = db_path(db)
    if not path.exists() or not ids:
        return fr.empty("articles")
    with connect(path, read_only=True, wait_s=wait_s) as con:
        rows = con.execute(_SQL["articles_by_id"], {"ids": [str(i) for i in ids]}).df()
    return fr.validate("articles", rows.reindex(columns=list(fr.COLUMNS["articles"])))


def read_frames(db: str | Path | None = None, *, wait_s: float = 10.0) -> fr.Frames:
    """Every frame of the store at ``db`` (default: ``LEVEE_DB`` or ``data/levee.duckdb``), read
    through a read-only connection and validated."""
    tables = read_tables(db, wait_s=wait_s)
    return fr.Frames(**{name: fr.validate(name, tables[name]) for name in fr.FRAME_NAMES})


# --------------------------------------------------------------------------- derived tables


def has_pending(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether writes left anything to derive."""
    return con.execute("SELECT count(*) FROM (SELECT 1 FROM pending_derivation LIMIT 1)").fetchone()[0] > 0


def pending_articles(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The articles whose mentions writes touched since the last derivation, in order."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM pending_derivation ORDER BY article_id").fetchall()]


def pending_round_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The rounds the touched mentions were consolidated into at the last derivation."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT round_id FROM pending_derivation WHERE round_id IS NOT NULL").fetchall()]


def unbucketed_companies(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The company names of touched mentions that have no bucket yet."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT p.company FROM pending_derivation p LEFT JOIN company_buckets b ON p.company = b.company "
        "WHERE p.company IS NOT NULL AND b.company IS NULL").fetchall()]


def pending_buckets(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The buckets of the company names of touched mentions (names without tokens left out)."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT b.bucket FROM pending_derivation p JOIN company_buckets b ON p.company = b.company "
        "WHERE b.bucket <> '' ORDER BY b.bucket").fetchall()]


def touch_articles(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> None:
    """Record the stored mentions of articles ``ids`` as to be derived again (their corrections
    changed, say)."""
    con.execute(_SQL["pending_from_stored"], [list(ids)])


def touch_everything(con: duckdb.DuckDBPyConnection) -> None:
    """Empty the derived tables and record every stored mention as to be derived again."""
    for name in DERIVED:
        con.execute(_CLEAR[name])
    con.execute("DELETE FROM pending_derivation")
    con.execute("INSERT INTO pending_derivation SELECT article_id, company, NULL FROM mentions")
    con.execute("INSERT INTO pending_derivation SELECT article_id, NULL, NULL FROM articles")


def clear_pending(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM pending_derivation")


def add_buckets(con: duckdb.DuckDBPyConnection, buckets: Mapping[str, str]) -> None:
    """Remember the bucket of company names (a name's bucket never changes)."""
    if buckets:
        rows = pd.DataFrame({"company": list(buckets), "bucket": list(buckets.values())}, dtype=object)
        with _registered(con, {"_levee_frame": rows}):
            con.execute("INSERT OR IGNORE INTO company_buckets SELECT company, bucket FROM _levee_frame")


def bucket_sizes(con: duckdb.DuckDBPyConnection, buckets: Sequence[str]) -> dict[str, int]:
    """The number of stored mentions in each bucket of ``buckets``."""
    frame = pd.DataFrame({"bucket": list(buckets)}, dtype=object)
    with _registered(con, {"_levee_buckets": frame}):
        rows = con.execute(
            "SELECT b.bucket, count(*) FROM mentions m JOIN company_buckets b ON m.company = b.company "
            "JOIN _levee_buckets s ON b.bucket = s.bucket GROUP BY b.bucket"
        ).fetchall()
    return dict(rows)


def mentions_of_units(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> pd.DataFrame:
    """(article_id, round_key, company, bucket) of the stored round mentions of ``article_ids``."""
    return con.execute(
        "SELECT DISTINCT m.article_id, m.round_key, m.company, b.bucket FROM mentions m "
        "LEFT JOIN company_buckets b ON m.company = b.company "
        "WHERE m.round_key IS NOT NULL AND list_contains(?, m.article_id)", [list(article_ids)]
    ).df()


_SQL["scope_mentions"] = (
    "SELECT m.* FROM mentions m WHERE m.company IN "
    "(SELECT b.company FROM company_buckets b JOIN _levee_buckets s ON b.bucket = s.bucket) "
    "OR ((m.company IS NULL OR m.company IN (SELECT company FROM company_buckets WHERE bucket = '')) "
    "AND m.article_id IN (SELECT article_id FROM _levee_articles)) "
    "ORDER BY m.article_id, m.mention_id"
)
_SQL["scope_articles"] = "SELECT * FROM articles WHERE article_id IN (SELECT DISTINCT article_id FROM _levee_frame)"
_SQL["rounds_per_article"] = (
    "SELECT article_id, count(DISTINCT round_key) AS n FROM mentions WHERE round_key IS NOT NULL "
    "AND article_id IN (SELECT DISTINCT article_id FROM _levee_frame) GROUP BY article_id"
)


def _scope_frames(buckets: Iterable[str], articles: Iterable[str]) -> dict[str, pd.DataFrame]:
    return {
        "_levee_buckets": pd.DataFrame({"bucket": sorted(set(buckets))}, dtype=object),
        "_levee_articles": pd.DataFrame({"article_id": sorted(set(articles))}, dtype=object),
    }


def read_scope(
    con: duckdb.DuckDBPyConnection, buckets: Iterable[str], articles: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """What the history needs to re-derive a scope: the mentions of every company name in
    ``buckets`` and the mentions without a company of ``articles``, in (article_id, mention_id)
    order; the rows of their articles; the number of rounds each of those articles states."""
    with _registered(con, _scope_frames(buckets, articles)):
        mentions = con.execute(_SQL["scope_mentions"]).df().reindex(columns=list(fr.MENTION_COLUMNS))
    with _registered(con, {"_levee_frame": mentions[["article_id"]]}):
        article_rows = con.execute(_SQL["scope_articles"]).df().reindex(columns=list(fr.ARTICLE_COLUMNS))
        counts = con.execute(_SQL["rounds_per_article"]).fetchall()
    per_article = pd.Series({aid: n for aid, n in counts}, dtype=float)
    return article_rows, mentions, per_article


_DELETE_SCOPE = {
    name: f"DELETE FROM {name} WHERE company IN "  # noqa: S608
    "(SELECT b.company FROM company_buckets b JOIN _levee_buckets s ON b.bucket = s.bucket) "
    "OR round_id IN (SELECT round_id FROM _levee_rounds)"
    for name in DERIVED
}
_SQL["delete_scope_valuations"] = (
    "DELETE FROM valuations WHERE (company IS NULL OR company IN (SELECT company FROM company_buckets WHERE "
    "bucket = '')) AND article_id IN (SELECT article_id FROM _levee_articles)"
)
_SQL["delete_scope_mentions"] = "DELETE FROM mentions WHERE mention_id IN (SELECT mention_id FROM _levee_frame)"


def replace_scope(
    con: duckdb.DuckDBPyConnection,
    buckets: Iterable[str],
    articles: Iterable[str],
    old_round_ids: Iterable[str],
    derived: Mapping[str, pd.DataFrame],
) -> None:
    """Replace the derived rows of a scope (the company names of ``buckets``; the rounds
    ``old_round_ids`` and the company-less valuations of ``articles``) by ``derived`` (frames by
    name, ``mentions``: the scope's mentions with their ``round_id``), in the caller's transaction."""
    frames = _scope_frames(buckets, articles)
    frames["_levee_rounds"] = pd.DataFrame({"round_id": sorted(set(old_round_ids))}, dtype=object)
    with _registered(con, frames):
        for name in DERIVED:
            con.execute(_DELETE_SCOPE[name])
        con.execute(_SQL["delete_scope_valuations"])
    mentions = derived["mentions"]
    with _registered(con, {"_levee_frame": mentions[["mention_id"]]}):
        con.execute(_SQL["delete_scope_mentions"])
    insert_frame(con, "mentions", mentions)
    for name in DERIVED:
        insert_frame(con, name, derived[name])


def replace_mentions(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], mentions: pd.DataFrame) -> None:
    """Replace the stored mentions of ``article_ids`` by ``mentions`` (their corrected or newly
    made rows), recording the names of both as to be derived again."""
    con.execute(_SQL["pending_from_stored"], [list(article_ids)])
    con.execute(_DELETE_ARTICLE["mentions"], [list(article_ids)])
    mentions = fr.conform("mentions", mentions)
    insert_frame(con, "mentions", mentions)
    if not mentions.empty:
        with _registered(con, {"_levee_frame": mentions}):
            con.execute(_SQL["pending_from_frame"])


def write_correction_states(con: duckdb.DuckDBPyConnection, rows: Sequence[Sequence[Any]]) -> None:
    """Replace ``correction_states`` by ``rows`` (correction_id, state, superseded_by,
    resolved_start, resolved_end, why)."""
    con.execute("DELETE FROM correction_states")
    if rows:
        con.executemany("INSERT INTO correction_states VALUES (?, ?, ?, ?, ?, ?)", [list(r) for r in rows])


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
_JSON_VALUES = ("old_value", "new_value")


def _has_corrections(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corrections'"
    ).fetchone()[0])


def _record(row: Sequence[Any]) -> dict[str, Any]:
    record = dict(zip(_CORRECTION_COLUMNS, row, strict=True))
    for key in _JSON_VALUES:
        record[key] = json.loads(record[key]) if record[key] is not None else None
    return record


def correction_records(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every stored correction's record, in the order they apply (values decoded from JSON)."""
    if not _has_corrections(con):
        return []
    return [_record(row) for row in con.execute(_SELECT["corrections"]).fetchall()]


def insert_corrections(con: duckdb.DuckDBPyConnection, records: Sequence[Mapping[str, Any]]) -> None:
    """Append corrections (records of ``_CORRECTION_COLUMNS``); one whose id is stored is ignored."""
    seq = con.execute("SELECT coalesce(max(seq), 0) FROM corrections").fetchone()[0]
    rows = []
    for n, record in enumerate(records, start=1):
        record = dict(record)
        for key in _JSON_VALUES:
            record[key] = json.dumps(record[key], ensure_ascii=False) if record[key] is not None else None
        rows.append([record[c] for c in _CORRECTION_COLUMNS] + [seq + n])
    if rows:
        con.executemany(_INSERT_FRAME["corrections"], rows)


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
        records = correction_records(con)
        states = {row[0]: row[1:] for row in con.execute(
            "SELECT correction_id, state, superseded_by, resolved_start, resolved_end, why FROM correction_states"
        ).fetchall()} if records else {}
    for record in records:
        state = states.get(record["correction_id"], ("applied", None, None, None, None))
        record.update(zip(("state", "superseded_by", "resolved_start", "resolved_end", "why"), state, strict=True))
    if not records:
        return _empty_corrections()
    frame = pd.DataFrame(records, columns=list(CORRECTION_FRAME_COLUMNS))
    for column in ("start", "end", "target_start", "target_end", "resolved_start", "resolved_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def fact_history(anchor: Any, db: str | Path | None = None) -> pd.DataFrame:
    """The corrections of the fact at ``anchor`` (an ``analysis.history.corrections.Anchor``), oldest
    first: those anchored at its span, or re-anchored to it, or merging into it, and their undos."""
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


# --------------------------------------------------------------------------- reading what a page shows


@dataclass(frozen=True)
class Selection:
    """What a page shows: the articles of some publishers, dates and languages, and the figures
    of some companies and statuses (an empty tuple or None: no restriction).

    ``read_selection`` applies it in DuckDB with the rules of ``analysis.views.filters``:
    articles are selected by publisher (a missing one is ``unknown_publisher``), publication
    date and language; a figure (mention, valuation) must come from a selected article and match
    company and status; a round is kept when a selected article reports it (through its mentions
    or the source comparison) and its company and status match; investments and source
    comparisons follow their rounds (and, for comparisons, their articles). Filtering on company
    or status also keeps only the articles holding such figures.
    """

    publishers: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    companies: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    unknown_publisher: str = fr.UNKNOWN_PUBLISHER

    def parameters(self) -> dict[str, Any]:
        return {
            "publishers": list(self.publishers), "date_from": self.date_from, "date_to": self.date_to,
            "companies": list(self.companies), "languages": list(self.languages), "statuses": list(self.statuses),
            "unknown": self.unknown_publisher,
            "by_article": bool(self.publishers or self.date_from or self.date_to or self.languages),
            "by_figure": bool(self.companies or self.statuses),
        }


#: What a figure (mention, valuation) of a selection matches: its company and its status. Each
#: condition is written once, here, and read by every statement below.
_COMPANY_MATCHES = "(len($companies) = 0 OR list_contains($companies, company))"
_STATUS_MATCHES = "(len($statuses) = 0 OR list_contains($statuses, status))"
_FIGURE_MATCHES = f"{_COMPANY_MATCHES} AND {_STATUS_MATCHES}"
#: A row of an article of the selection (``arts``: the selection's article ids) or of a round of
#: it (``rounds_f``: the selection's rounds).
_OF_ARTS = "article_id IN (SELECT article_id FROM arts)"
_OF_ROUNDS = "round_id IN (SELECT round_id FROM rounds_f)"
#: The pieces of a selection, as common tables: its articles by their own fields (``base``), its
#: figures (``mentions_f``, ``valuations_f``), its
#: rounds (``rounds_f``) and its articles (``arts``: filtering on company or status keeps only the
#: articles holding such figures).
_BASE_CTE = (
    "base AS MATERIALIZED (SELECT article_id FROM articles WHERE "
    "(len($publishers) = 0 OR list_contains($publishers, coalesce(nullif(trim(publisher), ''), $unknown))) "
    "AND ($date_from IS NULL OR published >= $date_from) AND ($date_to IS NULL OR published <= $date_to) "
    "AND (($date_from IS NULL AND $date_to IS NULL) OR published IS NOT NULL) "
    "AND (len($languages) = 0 OR list_contains($languages, language)))"
)
_FIGURES_CTE = (
    f"mentions_f AS (SELECT * FROM mentions WHERE article_id IN (SELECT article_id FROM base) AND {_FIGURE_MATCHES}), "  # noqa: S608
    f"valuations_f AS (SELECT * FROM valuations WHERE article_id IN (SELECT article_id FROM base) AND {_FIGURE_MATCHES})"
)
#: The rounds the articles ``base`` report, and the articles reporting the rounds ``rounds_f`` (through
#: their mentions or the source comparison): written as filters DuckDB pushes into each table, not as
#: one table of every link (which costs a pass over every mention of the store).
_ROUNDS_OF_BASE = (
    "SELECT round_id FROM mentions WHERE article_id IN (SELECT article_id FROM base) "
    "UNION SELECT round_id FROM source_comparison WHERE article_id IN (SELECT article_id FROM base)"
)
_ARTICLES_OF_ROUNDS = (
    "SELECT article_id FROM mentions WHERE round_id IN (SELECT round_id FROM rounds_f) "
    "UNION SELECT article_id FROM source_comparison WHERE round_id IN (SELECT round_id FROM rounds_f)"
)
_ROUNDS_CTE = f"rounds_f AS MATERIALIZED (SELECT * FROM rounds WHERE {_FIGURE_MATCHES} AND round_id IN ({_ROUNDS_OF_BASE}))"  # noqa: S608
#: The rounds of a selection by company or status alone (no article field to restrict them).
_FIGURE_ROUNDS_CTE = f"rounds_f AS MATERIALIZED (SELECT * FROM rounds WHERE {_FIGURE_MATCHES})"  # noqa: S608
_ARTS_CTE = (
    "arts AS MATERIALIZED (SELECT article_id FROM base WHERE NOT $by_figure OR article_id IN (SELECT article_id FROM mentions_f "  # noqa: S608
    f"UNION SELECT article_id FROM valuations_f UNION {_ARTICLES_OF_ROUNDS}))"
)
#: Each frame of a selection: its rows among those of the selection's articles ``arts`` and
#: rounds ``rounds_f`` (the temporary tables ``_Selected`` keeps) ...
_SELECTED_ROWS = {
    "articles": f"SELECT * FROM articles WHERE {_OF_ARTS}",  # noqa: S608
    "mentions": f"SELECT * FROM mentions WHERE {_OF_ARTS} AND {_FIGURE_MATCHES}",  # noqa: S608
    "rounds": "SELECT * FROM rounds_f",
    "investments": f"SELECT * FROM investments WHERE {_OF_ROUNDS} AND {_COMPANY_MATCHES}",  # noqa: S608
    "valuations": f"SELECT * FROM valuations WHERE {_OF_ARTS} AND {_FIGURE_MATCHES}",  # noqa: S608
    "source_comparison": f"SELECT * FROM source_comparison WHERE {_OF_ROUNDS} AND {_OF_ARTS}",  # noqa: S608
}
#: The selection's frames as common tables (``<frame>_sel``: the rows ``read_selection`` returns),
#: over its articles and rounds kept in temporary tables by ``_Selected`` ...
_SEL_TABLES = "".join(f", {name}_sel AS ({_SELECTED_ROWS[name]})" for name in _SELECTED_ROWS)
_KEPT_ROUNDS_CTE = "rounds_f AS (SELECT * FROM _levee_rounds)"
_KEPT_BASE = f"WITH arts AS (SELECT article_id FROM _levee_arts), {_KEPT_ROUNDS_CTE}{_SEL_TABLES}"  # noqa: S608
#: ... and, for a selection that keeps everything, the tables themselves ...
_WHOLE_BASE = (
    "WITH articles_sel AS (SELECT * FROM articles), mentions_sel AS (SELECT * FROM mentions), "
    "rounds_sel AS (SELECT * FROM rounds), investments_sel AS (SELECT * FROM investments), "
    "valuations_sel AS (SELECT * FROM valuations), source_comparison_sel AS (SELECT * FROM source_comparison)"
)
#: ... each beside its rows numbered in the frame's order (``<frame>_num``, ``pos`` from 0, as the
#: frame's index would be; computed only by a statement that reads it).
_NUMBERED = "".join(
    f", {name}_num AS (SELECT *, row_number() OVER (ORDER BY {_ORDER[name]}) - 1 AS pos FROM {name}_sel)"  # noqa: S608
    for name in _SELECTED_ROWS
)
_KEPT_TABLES = f"{_KEPT_BASE}{_NUMBERED}"
_WHOLE_TABLES = f"{_WHOLE_BASE}{_NUMBERED}"
#: The temporary tables a filtering selection is kept in (one connection long), each a statement.
_KEEP_ARTICLES = "CREATE OR REPLACE TEMP TABLE _levee_arts AS "
_KEEP_ROUNDS = "CREATE OR REPLACE TEMP TABLE _levee_rounds AS "
_KEPT_ARTICLE_IDS, _KEPT_ROUND_ROWS = " SELECT article_id FROM arts", " SELECT * FROM rounds_f"
_KEPT_BASE_IDS = " SELECT article_id FROM base"
#: The rounds first (they need no figure table), then the articles over the kept rounds; a selection
#: by article fields alone keeps its ``base`` articles as they are.
_SQL["keep_rounds"] = f"{_KEEP_ROUNDS}WITH {_BASE_CTE}, {_ROUNDS_CTE}{_KEPT_ROUND_ROWS}"
_SQL["keep_figure_rounds"] = f"{_KEEP_ROUNDS}WITH {_FIGURE_ROUNDS_CTE}{_KEPT_ROUND_ROWS}"
_SQL["keep_articles"] = (
    f"{_KEEP_ARTICLES}WITH {_BASE_CTE}, {_FIGURES_CTE}, {_KEPT_ROUNDS_CTE}, "
    f"{_ARTS_CTE}{_KEPT_ARTICLE_IDS}"
)
_SQL["keep_base_articles"] = f"{_KEEP_ARTICLES}WITH {_BASE_CTE}{_KEPT_BASE_IDS}"
#: A selection worked out before on the same store state: its ids, registered on the connection as
#: ``_levee_known_arts`` / ``_levee_known_rounds``, become the temporary tables again (round ids are
#: unique: the rounds frame's schema says so).
_SQL["known_rounds"] = (
    f"{_KEEP_ROUNDS}SELECT * FROM rounds WHERE round_id IN (SELECT round_id FROM _levee_known_rounds)"  # noqa: S608
)
_SQL["known_articles"] = f"{_KEEP_ARTICLES}SELECT article_id FROM _levee_known_arts"  # noqa: S608
_SQL["kept_article_ids"] = "SELECT article_id FROM _levee_arts"
_SQL["kept_round_ids"] = "SELECT round_id FROM _levee_rounds"
#: Each frame of a worked-out selection, over its temporary tables, in the frame's order.
_SQL.update({f"selected:{name}": f"{_KEPT_BASE} SELECT * FROM {name}_sel ORDER BY {_ORDER[name]}"  # noqa: S608
             for name in _SELECTED_ROWS})
#: Statements summing up a selection, over the ``<frame>_sel`` / ``<frame>_num`` tables: each is
#: registered twice in ``_SQL`` (at the end of this module), over kept and over whole tables, and
#: run by ``_Selected``.
_SUMMARY: dict[str, str] = {}
_PARAMETER = re.compile(r"\$(\w+)")
#: The columns each frame is ordered by, and the condition that two rows agree on them: a row is
#: found again at its place without sorting whole rows.
_ORDER_KEYS = {name: ", ".join(part.split()[0] for part in _ORDER[name].split(",")) for name in _ORDER}
_SAME_KEYS = {
    name: " AND ".join(f"s.{key} IS NOT DISTINCT FROM k.{key}" for key in _ORDER_KEYS[name].split(", "))
    for name in _ORDER
}
#: Each frame's selected whole rows at the places ``$positions`` in the frame's order, with their place.
_ROWS_AT = {
    name: f"SELECT s.*, k.pos FROM {name}_sel s JOIN (SELECT {_ORDER_KEYS[name]}, pos FROM (SELECT "  # noqa: S608
    f"{_ORDER_KEYS[name]}, row_number() OVER (ORDER BY {_ORDER[name]}) - 1 AS pos FROM {name}_sel) "
    f"WHERE list_contains($positions, pos)) k ON {_SAME_KEYS[name]}"
    for name in _SELECTED_ROWS
}


def _named(statement: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters ``statement`` names (DuckDB refuses one it does not)."""
    return {name: parameters[name] for name in set(_PARAMETER.findall(statement))}


#: Filtering selections worked out lately, kept as their article and round ids (Arrow tables),
#: per store state and selection: the next store call under the same filters (the same page's
#: next query, the next page) adopts them instead of working the filters out again.
KNOWN_SELECTIONS = 8
_KNOWN: OrderedDict[tuple[object, ...], tuple[Any, Any]] = OrderedDict()
_KNOWN_GUARD = threading.Lock()


class _Selected:
    """A selection's frames on one connection, as the ``<frame>_sel`` tables of the statements
    run through it. A filtering selection keeps its articles and rounds in temporary tables
    first, so its filters are worked out once, not once per statement (and not again by the next
    call under the same filters on the same store state: it adopts the ids kept in ``_KNOWN``); a
    selection that keeps everything reads the tables themselves (a first visit pays for no filter)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, selection: Selection | None, path: Path) -> None:
        selection = selection or Selection()
        self.con, self.parameters = con, selection.parameters()
        self.over = "whole"
        if not (self.parameters["by_article"] or self.parameters["by_figure"]):
            return
        self.over = "kept"
        state = (state_token(path), selection)
        with _KNOWN_GUARD:
            known = _KNOWN.get(state)
            if known is not None:
                _KNOWN.move_to_end(state)
        if known is not None:  # the same filters on the same store: adopt their ids
            con.complete()  # (DuckDB registers nothing while a result is pending)
            con.register("_levee_known_arts", known[0])
            con.register("_levee_known_rounds", known[1])
            for key in ("known_rounds", "known_articles"):
                con.execute(_SQL[key])
            con.complete()
            for name in ("_levee_known_arts", "_levee_known_rounds"):
                con.unregister(name)
            return
        keep_rounds = "keep_rounds" if self.parameters["by_article"] else "keep_figure_rounds"
        keep_articles = "keep_articles" if self.parameters["by_figure"] else "keep_base_articles"
        for key in (keep_rounds, keep_articles):
            con.execute(_SQL[key], _named(_SQL[key], self.parameters))
        ids = (con.sql(_SQL["kept_article_ids"]).to_arrow_table(), con.sql(_SQL["kept_round_ids"]).to_arrow_table())
        with _KNOWN_GUARD:
            _KNOWN[state] = ids
            while len(_KNOWN) > KNOWN_SELECTIONS:
                _KNOWN.popitem(last=False)

    def frame(self, name: str) -> duckdb.DuckDBPyConnection:
        """The rows of frame ``name`` in the selection (a filtering one), in the frame's order."""
        statement = _SQL[f"selected:{name}"]
        return self.con.execute(statement, _named(statement, self.parameters))

    def run(self, key: str, **values: Any) -> duckdb.DuckDBPyConnection:
        """Statement ``key`` of ``_SUMMARY`` over the selection, run with ``values``."""
        statement = _SQL[f"{key}:{self.over}"]
        return self.con.execute(statement, _named(statement, self.parameters | values))


def read_selection(
    db: str | Path | None = None, selection: Selection | None = None, *, names: Sequence[str] = fr.FRAME_NAMES,
    wait_s: float = 10.0,
) -> dict[str, pd.DataFrame]:
    """The frames ``names`` restricted to ``selection`` (see ``Selection``), filtered in DuckDB:
    only the rows a page shows reach memory. A store not created yet reads as empty frames."""
    path = db_path(db)
    if not path.exists():
        return {name: fr.empty(name) for name in names}
    if selection is None or not any(selection.parameters()[k] for k in ("by_article", "by_figure")):
        return read_tables(path, wait_s=wait_s, names=names)
    with connect(path, read_only=True, wait_s=wait_s) as con:
        selected = _Selected(con, selection, path)  # the filters worked out once, for every frame
        return {name: selected.frame(name).df().reindex(columns=list(fr.COLUMNS[name])) for name in names}


def choices(db: str | Path | None = None, *, top: int, unknown_publisher: str = "(unknown)",
            wait_s: float = 10.0) -> dict[str, Any]:
    """What the filters offer, counted in DuckDB: ``publishers``, ``languages``, ``companies``
    (every company with a figure), ``top_companies`` (the ``top`` with most rounds and
    valuations, then by name), ``n_charted`` (how many have rounds or valuations),
    ``date_span`` (first and last publication dates) and ``n_articles``."""
    empty: dict[str, Any] = {"publishers": [], "languages": [], "companies": [], "top_companies": [],
                             "n_charted": 0, "date_span": (None, None), "n_articles": 0}
    path = db_path(db)
    if not path.exists():
        return empty
    with connect(path, read_only=True, wait_s=wait_s) as con:
        publishers = [r[0] for r in con.execute(
            "SELECT DISTINCT coalesce(nullif(trim(publisher), ''), ?) FROM articles", [unknown_publisher]
        ).fetchall()]
        languages = [r[0] for r in con.execute(
            "SELECT DISTINCT language FROM articles WHERE nullif(trim(language), '') IS NOT NULL"
        ).fetchall()]
        companies = [r[0] for r in con.execute(
            "SELECT DISTINCT company FROM (SELECT company FROM rounds UNION ALL SELECT company FROM valuations "
            "UNION ALL SELECT company FROM mentions) WHERE nullif(trim(company), '') IS NOT NULL"
        ).fetchall()]
        counted = con.execute(
            "SELECT company, count(*) AS n FROM (SELECT company FROM rounds UNION ALL SELECT company FROM valuations) "
            "WHERE nullif(trim(company), '') IS NOT NULL GROUP BY company"
        ).fetchall()
        first, last, n_articles = con.execute("SELECT min(published), max(published), count(*) FROM articles").fetchone()
    ranked = sorted(counted, key=lambda row: (-row[1], row[0].casefold()))
    return {
        "publishers": sorted(publishers, key=str.casefold), "languages": sorted(languages),
        "companies": sorted(companies, key=str.casefold), "top_companies": [c for c, _ in ranked[:top]],
        "n_charted": len(ranked), "date_span": (_as_day(first), _as_day(last)), "n_articles": n_articles,
    }


def _as_day(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


# --------------------------------------------------------------------------- counting and finding what a page asks for


def count_selection(
    db: str | Path | None = None, selection: Selection | None = None, *, names: Sequence[str] = fr.FRAME_NAMES,
    wait_s: float = 10.0,
) -> dict[str, int]:
    """How many rows each frame ``names`` holds under ``selection`` (the rows ``read_selection``
    returns), counted in DuckDB: no row reaches memory. A store not created yet counts 0."""
    path = db_path(db)
    if not path.exists():
        return dict.fromkeys(names, 0)
    with connect(path, read_only=True, wait_s=wait_s) as con:
        selected = _Selected(con, selection, path)  # the filters worked out once for every frame counted
        return {name: int(selected.run(f"count_{name}").fetchone()[0]) for name in names}


_SQL["mentions_of_facts"] = (
    "SELECT * FROM mentions WHERE list_contains($round_ids, round_id) OR list_contains($article_ids, article_id) "
    "ORDER BY article_id, mention_id"
)
_SQL["figures_of_articles"] = (
    "SELECT a.article_id, count(m.mention_id) FROM articles a LEFT JOIN mentions m ON m.article_id = a.article_id "
    "WHERE list_contains($ids, a.article_id) GROUP BY a.article_id"
)


def mentions_of(
    db: str | Path | None = None, *, round_ids: Sequence[str] = (), article_ids: Sequence[str] = (),
    wait_s: float = 10.0,
) -> pd.DataFrame:
    """The mentions of the store (unfiltered) consolidated into ``round_ids`` or read from
    ``article_ids``, validated: what anchors a correction, without reading every mention."""
    path = db_path(db)
    if not path.exists():
        return fr.empty("mentions")
    parameters = {"round_ids": [str(r) for r in round_ids], "article_ids": [str(a) for a in article_ids]}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        frame = con.execute(_SQL["mentions_of_facts"], parameters).df()
    return fr.validate("mentions", frame.reindex(columns=list(fr.COLUMNS["mentions"])))


_SQL["articles_by_id"] = "SELECT * FROM articles WHERE list_contains($ids, article_id) ORDER BY article_id"
_SQL["company_counts"] = (
    "SELECT company, count(round_id) FROM (SELECT company, round_id FROM rounds UNION ALL "
    "SELECT company, NULL AS round_id FROM valuations) WHERE company IS NOT NULL GROUP BY company"
)
_SELECTED_COMPANY_COUNTS = (
    "SELECT company, count(round_id) AS n FROM (SELECT company, round_id FROM rounds_sel UNION ALL "
    "SELECT company, NULL AS round_id FROM valuations_sel) WHERE company IS NOT NULL GROUP BY company"
)
_SUMMARY["selected_company_counts"] = _SELECTED_COMPANY_COUNTS
#: The companies that may be among the ``$top`` most counted (every one counted at least as often
#: as the ``$top``-th: ties at the edge are ranked by name by the caller), and how many there are.
_SUMMARY["top_company_counts"] = (
    "SELECT company, n FROM (SELECT company, n, rank() OVER (ORDER BY n DESC) AS place "  # noqa: S608
    f"FROM ({_SELECTED_COMPANY_COUNTS})) WHERE place <= $top"
)
_SUMMARY["count_companies"] = f"SELECT count(*) FROM ({_SELECTED_COMPANY_COUNTS})"  # noqa: S608
_SQL["investor_counts"] = (
    "SELECT investor, count(DISTINCT round_id) FROM investments WHERE investor IS NOT NULL GROUP BY investor"
)


def name_counts(
    db: str | Path | None = None, kind: str = "company", *, selection: Selection | None = None, wait_s: float = 10.0
) -> dict[str, int]:
    """Every company with a round or a valuation (``kind="company"``: its number of rounds) or
    every investor in a round (``"investor"``: the rounds it is in), counted in DuckDB over the
    whole store (or, for companies, over ``selection``): a name list without reading the rounds."""
    path = db_path(db)
    if not path.exists():
        return {}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        if kind == "company" and selection is not None:
            rows = _Selected(con, selection, path).run("selected_company_counts").fetchall()
        else:
            rows = con.execute(_SQL["company_counts" if kind == "company" else "investor_counts"]).fetchall()
    return {str(name): int(n) for name, n in rows}


def figures_of(db: str | Path | None = None, article_ids: Sequence[str] = (), *, wait_s: float = 10.0) -> dict[str, int]:
    """Of ``article_ids``, those the store holds, each with how many figures (mentions) it has."""
    path = db_path(db)
    if not path.exists() or not article_ids:
        return {}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        rows = con.execute(_SQL["figures_of_articles"], {"ids": [str(a) for a in article_ids]}).fetchall()
    return {str(article_id): int(n) for article_id, n in rows}


# --------------------------------------------------------------------------- summing up what a page shows

_SUMMARY["overview_totals"] = (
    "SELECT (SELECT sum(amount_eur) FROM rounds_sel), (SELECT sum(amount_usd) FROM rounds_sel), "
    "(SELECT count(*) FROM rounds_sel WHERE amount_eur IS NOT NULL OR amount_usd IS NOT NULL), "
    "(SELECT count(*) FROM rounds_sel), "
    "(SELECT count(DISTINCT investor) FROM investments_sel), "
    "(SELECT count(*) FROM articles_sel), (SELECT coalesce(sum(n_chars), 0) FROM articles_sel), "
    "(SELECT min(published) FROM articles_sel), (SELECT max(published) FROM articles_sel), "
    "(SELECT list(DISTINCT published_precision) FROM articles_sel WHERE published_precision IS NOT NULL "
    "AND published = (SELECT max(published) FROM articles_sel))"
)
_SUMMARY["overview_publishers"] = (
    "SELECT coalesce(nullif(trim(publisher), ''), $unknown) AS label, count(*) AS n "
    "FROM articles_sel GROUP BY label ORDER BY n DESC, label"
)
_SUMMARY["overview_languages"] = (
    "SELECT coalesce(language, '?') AS label, count(*) AS n FROM articles_sel "
    "GROUP BY label ORDER BY n DESC, label"
)


def _reversed(order: str) -> str:
    """An ORDER BY listing rows in the reverse of ``order`` (every key descending, NULLs first)."""
    return ", ".join(f"{part.split()[0]} DESC NULLS FIRST" for part in order.split(","))


# The latest post-money valuation: a round's (stated or derived) or a stand-alone figure not stated
# as pre-money, dated by its own date or its article's; the latest wins, then an announced one,
# then a round's, then the last in its frame's order (``analysis.views.overview.latest_valuation``).
# Each statement gives its kind's best row (no numbering of the whole frame); ``_latest_kind``
# picks between the two.
_ROUNDS_REVERSED = _reversed(_ORDER["rounds"])
_VALUATIONS_REVERSED = _reversed(_ORDER["valuations"])
_SUMMARY["overview_latest_round"] = (
    "SELECT * FROM rounds_sel WHERE post_money IS NOT NULL AND date IS NOT NULL "  # noqa: S608
    f"ORDER BY date DESC, coalesce(status = 'announced', false) DESC, {_ROUNDS_REVERSED} LIMIT 1"
)
_SUMMARY["overview_latest_standalone"] = (
    "SELECT * FROM valuations_sel WHERE basis IS DISTINCT FROM 'pre' AND coalesce(date, published) IS NOT NULL "  # noqa: S608
    "ORDER BY coalesce(date, published) DESC, coalesce(status = 'announced', false) DESC, "
    f"{_VALUATIONS_REVERSED} LIMIT 1"
)
_ARTICLES_ORDER = _ORDER["articles"]
_SUMMARY["overview_publisher_articles"] = (
    "SELECT * FROM articles_sel WHERE coalesce(nullif(trim(publisher), ''), $unknown) = $label "  # noqa: S608
    f"ORDER BY {_ARTICLES_ORDER}"
)
# (ties in the rounds' own order: company, then round_id)
_SUMMARY["latest_rounds"] = "SELECT * FROM rounds_sel ORDER BY date DESC NULLS LAST, company NULLS LAST, round_id LIMIT $limit"
_SUMMARY["count_rounds"] = "SELECT count(*) FROM rounds_sel"


@dataclass(frozen=True)
class Overview:
    """What the Overview page sums up of a selection, counted in DuckDB: the rounds' totals, the
    distinct investors, the articles' counts, span and characters, their publishers and languages
    (label -> articles, the most first), and the latest post-money valuation as the one row it
    comes from (``latest_round`` or ``latest_valuation``, with ``valuation_publisher_articles``:
    the selected articles of its publisher, which its source label is told apart among)."""

    total_raised_eur: float | None
    total_raised_usd: float | None
    rounds_with_amount: int
    n_rounds: int
    n_investors: int
    n_articles: int
    n_chars: int
    first_published: dt.date | None
    last_published: dt.date | None
    last_published_precisions: tuple[str, ...]
    publishers: dict[str, int]
    languages: dict[str, int]
    latest_round: pd.DataFrame
    latest_valuation: pd.DataFrame
    valuation_publisher_articles: pd.DataFrame
    #: The rounds with the latest dates (as ``latest_rounds`` lists them), as many as asked.
    latest_rounds: pd.DataFrame
    #: The companies that may be among the most counted asked for (rounds, as ``name_counts``
    #: counts them: each counted at least as often as the last of them), and how many companies
    #: the selection holds.
    top_company_counts: dict[str, int]
    n_companies: int


def overview(
    db: str | Path | None = None, selection: Selection | None = None, *, rounds_listed: int = 0,
    companies_listed: int = 0, wait_s: float = 10.0,
) -> Overview:
    """The Overview's figures of ``selection`` (the rows ``read_selection`` returns), summed up in
    DuckDB on one connection (the selection is worked out once): no frame of the selection
    reaches memory, only the one row of the latest valuation, the ``rounds_listed`` latest rounds
    and the counts of the ``companies_listed`` most counted companies."""
    selection = selection or Selection()
    path = db_path(db)
    if not path.exists():
        return Overview(None, None, 0, 0, 0, 0, 0, None, None, (), {}, {}, fr.empty("rounds"),
                        fr.empty("valuations"), fr.empty("articles"), fr.empty("rounds"), {}, 0)
    with connect(path, read_only=True, wait_s=wait_s) as con:
        selected = _Selected(con, selection, path)
        listed = _latest_rounds(selected, rounds_listed) if rounds_listed > 0 else fr.empty("rounds")
        top_companies = ({str(c): int(n) for c, n in selected.run("top_company_counts", top=int(companies_listed))
                          .fetchall()} if companies_listed > 0 else {})
        n_companies = int(selected.run("count_companies").fetchone()[0])
        totals = selected.run("overview_totals").fetchone()
        counted = {kind: {str(label): int(n) for label, n in selected.run(f"overview_{kind}").fetchall()}
                   for kind in ("publishers", "languages")}
        latest_round = selected.run("overview_latest_round").df()
        latest_standalone = selected.run("overview_latest_standalone").df()
        kind = _latest_kind(latest_round, latest_standalone)
        rounds, valuations, articles = fr.empty("rounds"), fr.empty("valuations"), fr.empty("articles")
        if kind is not None:
            row = latest_round if kind == "round" else latest_standalone
            if kind == "round":
                rounds = fr.validate("rounds", row.reindex(columns=list(fr.COLUMNS["rounds"])))
            else:
                valuations = fr.validate("valuations", row.reindex(columns=list(fr.COLUMNS["valuations"])))
                label = fr.publisher_label(valuations["publisher"].iloc[0], selection.unknown_publisher)
                articles = selected.run("overview_publisher_articles", label=label).df()
                articles = fr.validate("articles", articles.reindex(columns=list(fr.COLUMNS["articles"])))
    (eur, usd, with_amount, n_rounds, n_investors, n_articles, n_chars, first, last, precisions) = totals
    return Overview(
        total_raised_eur=None if eur is None else float(eur), total_raised_usd=None if usd is None else float(usd),
        rounds_with_amount=int(with_amount), n_rounds=int(n_rounds), n_investors=int(n_investors),
        n_articles=int(n_articles), n_chars=int(n_chars), first_published=_as_day(first),
        last_published=_as_day(last), last_published_precisions=tuple(precisions or ()),
        publishers=counted["publishers"], languages=counted["languages"],
        latest_round=rounds, latest_valuation=valuations, valuation_publisher_articles=articles,
        latest_rounds=listed, top_company_counts=top_companies, n_companies=n_companies,
    )


def _latest_kind(round_row: pd.DataFrame, standalone_row: pd.DataFrame) -> str | None:
    """Which of the best round and the best stand-alone figure is the latest post-money valuation
    (``"round"``, ``"valuation"``, None when neither): the later day, then an announced one, then
    the round's."""
    keys: dict[str, tuple[pd.Timestamp, bool, int]] = {}
    if not round_row.empty:
        row = round_row.iloc[0]
        keys["round"] = (pd.Timestamp(row["date"]), row["status"] == "announced", 1)
    if not standalone_row.empty:
        row = standalone_row.iloc[0]
        day = row["date"] if pd.notna(row["date"]) else row["published"]
        keys["valuation"] = (pd.Timestamp(day), row["status"] == "announced", 0)
    return max(keys, key=keys.__getitem__) if keys else None


def latest_rounds(
    db: str | Path | None = None, selection: Selection | None = None, *, limit: int, wait_s: float = 10.0
) -> tuple[pd.DataFrame, int]:
    """The ``limit`` rounds of ``selection`` with the latest dates (undated ones last), validated,
    and how many rounds the selection holds: a rounds table without every round in memory."""
    path = db_path(db)
    if not path.exists():
        return fr.empty("rounds"), 0
    selection = selection or Selection()
    with connect(path, read_only=True, wait_s=wait_s) as con:
        selected = _Selected(con, selection, path)
        return _latest_rounds(selected, limit), int(selected.run("count_rounds").fetchone()[0])


def _latest_rounds(selected: _Selected, limit: int) -> pd.DataFrame:
    """The ``limit`` rounds of a selection with the latest dates, validated."""
    rows = selected.run("latest_rounds", limit=int(limit)).df()
    return fr.validate("rounds", rows.reindex(columns=list(fr.COLUMNS["rounds"])))


#: What ``companies_counted`` counts per company, by what it counts: the rounds and valuations
#: ("figures"), the rounds each is in (``investments`` by ``round_id``), the articles that compare
#: its sources (``source_comparison`` by ``article_id``).
_COMPANIES_COUNTED = {
    ("figures", None): "SELECT CAST(company AS VARCHAR), count(*) FROM (SELECT company FROM rounds_sel "
    "UNION ALL SELECT company FROM valuations_sel) WHERE company IS NOT NULL GROUP BY company",
    ("investments", "round_id"): "SELECT CAST(company AS VARCHAR), count(DISTINCT round_id) FROM investments_sel "
    "WHERE company IS NOT NULL GROUP BY company",
    ("source_comparison", "article_id"): "SELECT CAST(company AS VARCHAR), count(DISTINCT article_id) "
    "FROM source_comparison_sel WHERE company IS NOT NULL GROUP BY company",
}
_SUMMARY.update({f"companies:{rows}:{by}": statement for (rows, by), statement in _COMPANIES_COUNTED.items()})


def companies_counted(
    db: str | Path | None = None, selection: Selection | None = None, *, rows: str = "figures", by: str | None = None,
    wait_s: float = 10.0,
) -> dict[str, int]:
    """Each company named in ``rows`` under ``selection``, with how many rows it has there (how
    many distinct ``by`` values when given; see ``_COMPANIES_COUNTED`` for what may be counted),
    counted in DuckDB: a page's company ranking without its rows."""
    if (rows, by) not in _COMPANIES_COUNTED:
        raise ValueError(f"cannot count {rows!r} by {by!r}: one of {sorted(_COMPANIES_COUNTED, key=str)}")
    path = db_path(db)
    if not path.exists():
        return {}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        found = _Selected(con, selection, path).run(f"companies:{rows}:{by}").fetchall()
    return {str(name): int(n) for name, n in found}


# The facts an analyst checks (``analysis.views.review``): every round, investor in a round and
# valuation of the selection, with the columns they are sorted and filtered on, each with its kind's
# rank and its row in its frame (``source``) to break ties as the views' stable sort does.
_FACTS = (
    "SELECT * FROM ("
    "SELECT 'round' AS fact, 0 AS kind_rank, pos AS source, company, confidence, confidence_reasons AS why, "
    "agreement, amount_eur AS amount, status, corrected, CAST(round_id AS VARCHAR) AS round_id, "
    "CAST(NULL AS VARCHAR) AS investor FROM rounds_num UNION ALL "
    "SELECT 'investor', 1, i.pos, i.company, i.confidence, i.confidence_reasons, r.agreement, r.amount_eur, "
    "r.status, i.corrected, CAST(i.round_id AS VARCHAR), i.investor FROM investments_num i "
    "LEFT JOIN rounds_sel r ON CAST(r.round_id AS VARCHAR) = CAST(i.round_id AS VARCHAR) UNION ALL "
    "SELECT 'valuation', 2, v.pos, v.company, v.confidence, v.confidence_reasons, r.agreement, v.value_eur, "
    "v.status, v.corrected, CAST(v.round_id AS VARCHAR), NULL FROM valuations_num v "
    "LEFT JOIN rounds_sel r ON CAST(r.round_id AS VARCHAR) = CAST(v.round_id AS VARCHAR)"
    ") WHERE list_contains($kinds, fact) AND ($below IS NULL OR confidence IS NULL OR confidence < $below)"
)
#: The orders of the facts to check: lowest confidence, conflicts between sources, largest amounts first.
_FACT_ORDERS = {
    "confidence": "confidence ASC NULLS LAST, amount DESC NULLS LAST",
    "conflicts": "(agreement IS DISTINCT FROM 'differ') ASC, confidence ASC NULLS LAST",
    "amount": "amount DESC NULLS LAST, confidence ASC NULLS LAST",
}
_COUNT_OF = "SELECT count(*) FROM "
_SUMMARY["count_facts"] = f"{_COUNT_OF}({_FACTS})"
for _order, _keys in _FACT_ORDERS.items():
    _SUMMARY[f"facts_by_{_order}"] = f"{_FACTS} ORDER BY {_keys}, kind_rank, source LIMIT $limit"
_SUMMARY["rounds_named"] = "SELECT * FROM rounds_sel WHERE list_contains($ids, CAST(round_id AS VARCHAR))"
_SUMMARY["investments_at"] = _ROWS_AT["investments"]
_SUMMARY["valuations_at"] = _ROWS_AT["valuations"]


@dataclass(frozen=True)
class FactsFound:
    """The first facts to check of a selection, sorted in DuckDB (``facts``: fact, kind_rank,
    source, company, confidence, why, agreement, amount, status, corrected, round_id, investor),
    how many there are in all, and the rows they come from: the rounds they name, and the
    investments and valuations they are, each indexed by its row in its frame."""

    facts: pd.DataFrame
    total: int
    rounds: pd.DataFrame
    investments: pd.DataFrame
    valuations: pd.DataFrame


def facts_to_check(
    db: str | Path | None = None, selection: Selection | None = None, *, order: str = "confidence",
    below: float | None = None, kinds: Sequence[str] = (), limit: int, wait_s: float = 10.0,
) -> FactsFound:
    """The ``limit`` facts of ``selection`` to check first in ``order`` ("confidence", "conflicts",
    "amount"), of ``kinds`` (default: every kind) whose confidence is under ``below`` (or unknown),
    sorted and counted in DuckDB: the Review page's list without every fact in memory."""
    if order not in _FACT_ORDERS:
        raise ValueError(f"unknown order {order!r}: one of {', '.join(_FACT_ORDERS)}")
    selection = selection or Selection()
    wanted = {"kinds": list(kinds or fr.FACT_KINDS), "below": below}
    path = db_path(db)
    empty = {name: fr.empty(name) for name in ("rounds", "investments", "valuations")}
    if not path.exists():
        return FactsFound(pd.DataFrame(), 0, **empty)
    with connect(path, read_only=True, wait_s=wait_s) as con:
        selected = _Selected(con, selection, path)
        facts = selected.run(f"facts_by_{order}", limit=int(limit), **wanted).df()
        total = int(selected.run("count_facts", **wanted).fetchone()[0])
        ids = sorted({str(r) for r in facts["round_id"].dropna()})
        rounds = selected.run("rounds_named", ids=ids).df()
        rows = {}
        for name, fact in (("investments", "investor"), ("valuations", "valuation")):
            positions = [int(p) for p in facts.loc[facts["fact"] == fact, "source"]]
            found = selected.run(f"{name}_at", positions=positions).df()
            rows[name] = fr.validate(name, found.drop_duplicates("pos", keep="last").set_index("pos").rename_axis(None).reindex(
                columns=list(fr.COLUMNS[name])))
    rounds = fr.validate("rounds", rounds.reindex(columns=list(fr.COLUMNS["rounds"])))
    return FactsFound(facts, total, rounds, rows["investments"], rows["valuations"])


# --------------------------------------------------------------------------- one page of the articles

#: An article of a selection whose title, publisher (a missing one as ``$unknown``) or file holds every
#: word of ``$words`` (lower case; none: every article).
_ARTICLE_MATCHES = (
    "(len($words) = 0 OR list_bool_and(list_transform($words, lambda w: strpos(lower(concat_ws(' ', title, "
    "coalesce(nullif(trim(publisher), ''), $unknown), file)), w) > 0)))"
)
#: The Articles page's order: newest publication first (undated last), then by file.
_ARTICLE_LISTING_ORDER = "published DESC NULLS LAST, file NULLS LAST, article_id"
_SUMMARY["article_page"] = (
    f"SELECT p.*, coalesce(f.n, 0) AS figures FROM (SELECT * FROM articles_sel WHERE {_ARTICLE_MATCHES} "  # noqa: S608
    f"ORDER BY {_ARTICLE_LISTING_ORDER} LIMIT $limit OFFSET $offset) p LEFT JOIN (SELECT article_id, count(*) AS n "
    "FROM mentions_sel WHERE article_id IN (SELECT article_id FROM articles_sel WHERE "
    f"{_ARTICLE_MATCHES} ORDER BY {_ARTICLE_LISTING_ORDER} LIMIT $limit OFFSET $offset) GROUP BY article_id) f "
    f"USING (article_id) ORDER BY {_ARTICLE_LISTING_ORDER}"
)
_SUMMARY["count_matching_articles"] = f"SELECT count(*) FROM articles_sel WHERE {_ARTICLE_MATCHES}"  # noqa: S608
#: The article added to the store last (an upload shows at once), the newest published among those added together.
_SUMMARY["latest_added_article"] = (
    f"SELECT article_id FROM articles_sel ORDER BY ingested_at DESC NULLS LAST, {_ARTICLE_LISTING_ORDER} LIMIT 1"  # noqa: S608
)
_SUMMARY["has_article"] = "SELECT count(*) FROM articles_sel WHERE article_id = $article_id"


@dataclass(frozen=True)
class ArticlePage:
    """One page of a selection's articles, as the Articles page lists them (newest first): ``rows``
    the articles frame's columns and ``figures`` (how many figures each holds under the selection);
    ``matching`` how many articles of the selection the words match, ``total`` how many it holds;
    ``latest`` the article added last (None for an empty selection); ``linked`` whether the article
    asked for is in the selection."""

    rows: pd.DataFrame
    matching: int
    total: int
    latest: str | None
    linked: bool


def article_page(
    db: str | Path | None = None, selection: Selection | None = None, *, words: Sequence[str] = (),
    offset: int = 0, limit: int = 1_000, article_id: str | None = None, wait_s: float = 10.0,
) -> ArticlePage:
    """Rows ``offset`` to ``offset + limit`` of the selection's articles whose title, publisher or
    file holds every one of ``words`` (any case), newest first, each with its number of figures,
    and the counts a pager needs: only the page's rows reach memory."""
    columns = [*fr.COLUMNS["articles"], "figures"]
    path = db_path(db)
    if not path.exists():
        return ArticlePage(pd.DataFrame(columns=columns), 0, 0, None, False)
    wanted = {"words": [w.casefold() for w in words if w.strip()]}
    with connect(path, read_only=True, wait_s=wait_s) as con:
        selected = _Selected(con, selection, path)
        rows = selected.run("article_page", limit=max(0, int(limit)), offset=max(0, int(offset)), **wanted).df()
        matching = int(selected.run("count_matching_articles", **wanted).fetchone()[0])
        total = int(selected.run("count_articles").fetchone()[0])
        latest = selected.run("latest_added_article").fetchone()
        linked = article_id is not None and bool(selected.run("has_article", article_id=str(article_id)).fetchone()[0])
    return ArticlePage(rows.reindex(columns=columns), matching, total, None if latest is None else str(latest[0]), linked)


# Every summary statement, over the tables a filtering selection keeps and over the whole tables
# (``_Selected`` runs the one that fits), registered once, at import.
_SUMMARY.update({f"count_{name}": f"SELECT count(*) FROM {name}_sel" for name in _SELECTED_ROWS})  # noqa: S608
for _key, _body in _SUMMARY.items():
    _SQL[f"{_key}:kept"] = f"{_KEPT_TABLES} {_body}"
    _SQL[f"{_key}:whole"] = f"{_WHOLE_TABLES} {_body}"

