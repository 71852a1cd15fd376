"""The one ingest pipeline: paths or articles -> read -> extract -> store -> refresh the history.

The CLI, the dashboard's first-start seeding and upload box, and the Dask engine all call
``ingest`` / ``ingest_articles``: one skip/merge policy (``analysis.ingest.policy``), one
progress callback, one writer. Extraction is a function of a stream of articles that yields
their facts in order: the local engine's ``analysis.extract.extract_articles``, or a cluster's
(``analysis.ingest.dask.cluster_extractor``). Batches are written to the store as they come,
each in its own transaction (a crash keeps whole batches); the history then re-derives what the
run touched (``analysis.history.derive``), also in one transaction.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import store
from analysis.history.consolidate import mentions_frame
from analysis.history.derive import is_current, refresh
from analysis.ingest.policy import (
    Snapshot,
    StoredMetadata,
    article_meta,
    article_row,
    fingerprints,
    merge_known,
    needs_extraction,
    read_again,
    unchanged_files,
    with_meta,
)
from analysis.model import Article, ArticleFacts, ReadProblem, UnchangedFile

#: Extraction: a stream of articles in, their facts out, in the same order.
Extractor = Callable[..., Iterator[ArticleFacts]]
#: Progress: called with (articles done, articles expected or None) as each article is settled.
OnProgress = Callable[[int, "int | None"], None]
#: Articles written per transaction.
BATCH_SIZE = 32


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


def terminal_progress(desc: str = "ingest") -> tuple[OnProgress, Callable[[], None]]:
    """A progress callback drawing a bar on stderr, and the function that closes it."""
    import sys

    from tqdm import tqdm

    bar = tqdm(unit="article", file=sys.stderr, desc=desc, dynamic_ncols=True)

    def update(done: int, total: int | None) -> None:
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    return update, bar.close


class _Progress:
    def __init__(self, on_progress: OnProgress | None, total: int | None) -> None:
        self.on_progress, self.total, self.done = on_progress, total, 0

    def step(self) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


def _extraction_failed(facts: ArticleFacts) -> str | None:
    return next((e for e in facts.errors if e.startswith("extraction failed")), None)


def _write(db: str | Path | None, batch: Sequence[tuple[Article | None, ArticleFacts]],
           wait_s: float) -> tuple[list[str], list[ReadProblem]]:
    """Store a batch of articles with their facts in one transaction (replacing a stored article
    of the same id). Returns the ids written and the articles whose extraction failed."""
    problems: list[ReadProblem] = []
    good: list[tuple[Article | None, ArticleFacts]] = []
    for article, facts in batch:
        error = _extraction_failed(facts)
        if error:
            problems.append(ReadProblem(article.file if article else facts.file, error))
            continue
        if article is not None and facts.author is None:
            facts.author = article.meta.author  # the stored facts carry the article's author
        good.append((article, facts))
    if not good:
        return [], problems
    now = dt.datetime.now().replace(microsecond=0)
    rows = pd.DataFrame([article_row(a, f, now) for a, f in good])
    with store.connect(db, wait_s=wait_s) as con, store.transaction(con):
        store.write_articles(con, rows, [f for _, f in good], mentions_frame(f for _, f in good),
                             fingerprints(a for a, _ in good))
    return [f.article_id for _, f in good], problems


def _snapshot(db: str | Path | None, wait_s: float, paths: Sequence[Path] = ()) -> tuple[Snapshot, bool]:
    """The store's articles before reading (and the fingerprints of the files ``paths`` among
    those it read before), and whether its history needs deriving whatever this run writes."""
    with store.connect(db, wait_s=wait_s) as con:
        files = store.stored_files(con, [str(p) for p in paths]) if paths else {}
        # the metadata of the files' articles now (the unchanged-file test compares it), any other on demand
        known = store.stored_metadata(con, sorted({str(f[2]) for f in files.values()}))
        stored = StoredMetadata(store.stored_ids(con), known, lambda article_id: _stored_metadata(db, wait_s, article_id))
        stale = not is_current(con) or store.has_pending(con)
    return Snapshot(files, stored), stale


def _stored_metadata(db: str | Path | None, wait_s: float, article_id: str) -> tuple[Any, ...] | None:
    with store.connect(db, wait_s=wait_s) as con:
        return store.stored_metadata(con, [article_id]).get(article_id)


def _default_extractor() -> Extractor:
    """``analysis.extract.extract_articles``, imported when a first article needs it: a batch of
    known texts (the seeds at each server start) loads no NLP library at all."""

    def extract(articles: Iterable[Article], *, batch_size: int) -> Iterator[ArticleFacts]:
        pending = iter(articles)
        first = next(pending, None)
        if first is None:
            return
        from analysis.extract import extract_articles

        yield from extract_articles(itertools.chain([first], pending), batch_size=batch_size)

    return extract


def _run(
    items: Iterable[Article | ReadProblem | UnchangedFile],
    db: str | Path | None,
    *,
    on_progress: OnProgress | None,
    total: int | None,
    batch_size: int,
    extractor: Extractor | None,
    wait_s: float,
    snapshot: tuple[Snapshot, bool] | None = None,
) -> IngestReport:
    """The pipeline: the policy sorts each item, new texts are extracted and written in batches,
    metadata changes are written without NLP, then the history is refreshed (``snapshot``: the
    store as the reader saw it, when it was read for the reader)."""
    started = time.perf_counter()
    report = IngestReport(db=store.db_path(db))
    batch_size = max(1, int(batch_size))
    snapshot, stale = snapshot or _snapshot(db, wait_s)
    stored = snapshot.stored
    seen: dict[str, str] = {}  # article id -> the file it was first read from in this run
    meta_only: list[Article] = []  # known text, new publisher/title/url/file: no NLP needed
    reextract: set[str] = set()  # known text, new date or language: extract again
    reread: list[Article] = []  # known text, same metadata, file stored by an older reader
    queue: deque[Article] = deque()
    progress = _Progress(on_progress, total)

    def to_extract() -> Iterator[Article]:
        for item in items:
            if isinstance(item, UnchangedFile):
                report.skipped += 1
                progress.step()
                continue
            if isinstance(item, ReadProblem):
                report.failed.append(item)
                progress.step()
                continue
            if item.article_id in seen:  # the same text twice in this run (copies)
                report.skipped += 1
                report.notes.append(ReadProblem(item.file, f"same text as {seen[item.article_id]}; stored once"))
                progress.step()
                continue
            seen[item.article_id] = item.file
            known = stored.get(item.article_id)
            if known is None:
                queue.append(item)
                yield item
                continue
            report.skipped += 1
            read = item
            item = merge_known(item, known)
            if item.file == known[0] != seen[item.article_id]:
                report.notes.append(ReadProblem(seen[item.article_id], f"same text as {known[0]}, already stored; skipped"))
            current = article_meta(item)
            if current != known:
                report.updated += 1
                if needs_extraction(current, known):
                    reextract.add(item.article_id)
                    queue.append(item)
                    yield item
                    continue
                meta_only.append(item)
            elif read_again(read, snapshot):
                reread.append(read)
            progress.step()

    extract = extractor or _default_extractor()
    batch: list[tuple[Article | None, ArticleFacts]] = []
    wrote = False

    def flush() -> None:
        nonlocal wrote
        if not batch:
            return
        wrote = True
        written, problems = _write(db, batch, wait_s)
        report.failed.extend(problems)
        report.ingested += sum(1 for i in written if i not in reextract)
        report.notes.extend(
            ReadProblem(a.file, "stored, but no funding round or valuation was found in it")
            for a, f in batch
            if a is not None and f.article_id in written and f.article_id not in reextract
            and not (f.rounds or f.valuations)
        )
        batch.clear()

    for facts in extract(to_extract(), batch_size=batch_size):
        if not queue:
            raise store.StoreError("the extractor returned more facts than it was given articles")
        article = queue.popleft()
        if facts.article_id != article.article_id:
            raise store.StoreError(f"extractor returned facts for {facts.article_id}, expected {article.article_id}")
        batch.append((article, facts))
        progress.step()
        if len(batch) >= batch_size:
            flush()
    flush()
    report.failed.extend(ReadProblem(a.file, "the extractor returned no facts for it") for a in queue)
    if meta_only:
        wrote = True
        with store.connect(db, wait_s=wait_s) as con:
            old = store.facts_of(con, [a.article_id for a in meta_only])
        for start in range(0, len(meta_only), batch_size):
            chunk = meta_only[start:start + batch_size]
            _write(db, [(a, with_meta(old[a.article_id], a)) for a in chunk if a.article_id in old], wait_s)
    if wrote or stale:  # an unchanged corpus leaves the tables as they are
        refresh(db, wait_s=wait_s)
    if reread:  # known texts read again by a newer reader, their metadata unchanged: skip them next time
        with store.connect(db, wait_s=wait_s) as con:
            store.record_files(con, fingerprints(reread))
    report.seconds = time.perf_counter() - started
    return report


def ingest(
    paths: Sequence[str | Path] | str | Path,
    manifest: str | Path | None = None,
    db: str | Path | None = None,
    *,
    on_progress: OnProgress | None = None,
    batch_size: int = BATCH_SIZE,
    extractor: Extractor | None = None,
    wait_s: float = store.LOCK_WAIT_S,
) -> IngestReport:
    """Read the articles under ``paths`` (files or folders), extract the new ones and store
    them; known texts are skipped before extraction, unchanged files before reading.
    ``extractor`` defaults to ``analysis.extract.extract_articles`` (a cluster's:
    ``analysis.ingest.dask.cluster_extractor``)."""
    from analysis.corpus import iter_articles, iter_paths

    if isinstance(paths, str | Path):
        paths = [paths]
    try:
        files = [p.resolve() for p in iter_paths(paths)]
    except Exception:  # the files are listed for the progress count and the unchanged-file shortcut only
        files = []
    snapshot = _snapshot(db, wait_s, files)
    items = iter_articles(list(paths), manifest=Path(manifest) if manifest else None,
                          unchanged=unchanged_files(snapshot[0]))
    return _run(items, db, on_progress=on_progress, total=len(files) or None, batch_size=batch_size,
                extractor=extractor, wait_s=wait_s, snapshot=snapshot)


def ingest_articles(
    articles: Iterable[Article | ReadProblem],
    db: str | Path | None = None,
    *,
    on_progress: OnProgress | None = None,
    batch_size: int = BATCH_SIZE,
    extractor: Extractor | None = None,
    wait_s: float = store.LOCK_WAIT_S,
) -> IngestReport:
    """Store articles already read (the dashboard's uploads, say); same rules as ``ingest``."""
    total = len(articles) if isinstance(articles, Sequence) else None
    return _run(articles, db, on_progress=on_progress, total=total, batch_size=batch_size, extractor=extractor,
                wait_s=wait_s)


def ingest_facts(
    items: Iterable[ArticleFacts | tuple[Article, ArticleFacts]],
    db: str | Path | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    wait_s: float = store.LOCK_WAIT_S,
) -> IngestReport:
    """Store facts extracted elsewhere (a gold file, a saved run), with the same policy: a known,
    unchanged article is skipped; ``(article, facts)`` pairs give ``n_chars`` and the manifest's
    metadata."""
    started = time.perf_counter()
    report = IngestReport(db=store.db_path(db))
    snapshot, stale = _snapshot(db, wait_s)
    batch: list[tuple[Article | None, ArticleFacts]] = []
    seen: set[str] = set()
    wrote = False

    def flush() -> None:
        nonlocal wrote
        written, problems = _write(db, batch, wait_s)
        wrote = wrote or bool(written)
        report.ingested += sum(1 for i in written if i not in snapshot.stored)
        report.failed.extend(problems)
        batch.clear()

    for item in items:
        article, facts = item if isinstance(item, tuple) else (None, item)
        if facts.article_id in seen:
            report.skipped += 1
            continue
        seen.add(facts.article_id)
        known = snapshot.stored.get(facts.article_id)
        if known is not None:
            report.skipped += 1
            if article is not None:
                article = merge_known(article, known)
            if article is None or article_meta(article) == known:
                continue
            report.updated += 1
            facts = with_meta(facts, article)
        batch.append((article, facts))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    if wrote or stale:
        refresh(db, wait_s=wait_s)
    report.seconds = time.perf_counter() - started
    return report
