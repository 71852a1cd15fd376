"""What an ingest does with each article it meets: the one skip/merge policy.

* A text whose content hash is stored is not extracted again: when its metadata changed, its row
  is updated (publisher, title, url, author, file: no NLP; published date or language:
  re-extracted, since relative dates and the pipeline depend on them); a copy read without its
  manifest never erases what is stored (``merge_known``).
* A file stored unchanged (same size, modification time, manifest row and reader) is not even
  read (``unchanged_files``); one read by an older reader (``corpus.READER_VERSION``) is read once
  more, as it may yield more metadata.
* The same text twice in one run is stored once, with a note.

Used by every engine (``analysis.ingest.pipeline``: local extraction or a Dask cluster).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.corpus import READER_VERSION
from analysis.model import Article, ArticleFacts, ArticleMeta
from analysis.store import FileRow

#: Position in ``analysis.store.ARTICLE_META`` from which a change needs a new extraction
#: (published, its precision, language).
REEXTRACT_FROM = 5


def article_meta(article: Article) -> tuple[Any, ...]:
    """The article's values of ``analysis.store.ARTICLE_META``."""
    meta = article.meta
    return (article.file, meta.publisher, meta.title, meta.url, meta.author, meta.published,
            meta.published_precision, article.language or meta.language)


def needs_extraction(current: tuple[Any, ...], known: tuple[Any, ...]) -> bool:
    """Whether a stored text whose metadata went from ``known`` to ``current`` must be extracted again."""
    return current[REEXTRACT_FROM:] != known[REEXTRACT_FROM:]


def with_meta(facts: ArticleFacts, article: Article) -> ArticleFacts:
    """``facts`` carrying the article's current metadata (file, publisher, title, url, author)."""
    meta = article.meta
    facts.file, facts.publisher, facts.title, facts.url = article.file, meta.publisher, meta.title, meta.url
    facts.author = meta.author
    return facts


def merge_known(article: Article, known: tuple[Any, ...]) -> Article:
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


def article_row(article: Article | None, facts: ArticleFacts, now: dt.datetime) -> dict[str, Any]:
    """The ``articles`` row of an article (or, without it, of its facts)."""
    if article is None:
        return {
            "article_id": facts.article_id, "file": facts.file, "publisher": facts.publisher, "title": facts.title,
            "url": facts.url, "author": facts.author, "published": facts.published,
            "published_precision": facts.published_precision, "language": facts.language, "n_chars": None,
            "ingested_at": now,
        }
    file, publisher, title, url, author, published, precision, language = article_meta(article)
    return {
        "article_id": article.article_id, "file": file, "publisher": publisher, "title": title, "url": url,
        "author": author, "published": published, "published_precision": precision, "language": language,
        "n_chars": len(article.text), "ingested_at": now,
    }


def fingerprints(articles: Iterable[Article | None]) -> list[FileRow]:
    """The ``files`` row of each article read from a file (an unchanged file is not read again)."""
    rows: list[FileRow] = []
    for article in articles:
        if article is None:
            continue
        try:
            path = Path(article.file).resolve()
            info = path.stat()
        except (OSError, ValueError):
            continue
        rows.append((str(path), info.st_size, info.st_mtime_ns, article.article_id, READER_VERSION))
    return rows


class StoredMetadata(Mapping[str, tuple[Any, ...]]):
    """The stored metadata of each stored article (``analysis.store.ARTICLE_META``), by article id:
    every id is known at once, the metadata of one is read from the store the first time it is
    asked for (a run over a 100,000-article store does not hold every article's metadata)."""

    def __init__(self, ids: set[str], known: dict[str, tuple[Any, ...]],
                 fetch: Callable[[str], tuple[Any, ...] | None]) -> None:
        self._ids, self._known, self._fetch = ids, known, fetch

    def __getitem__(self, article_id: str) -> tuple[Any, ...]:
        if article_id not in self._ids:
            raise KeyError(article_id)
        if article_id not in self._known:
            value = self._fetch(article_id)
            if value is None:
                raise KeyError(article_id)
            self._known[article_id] = value
        return self._known[article_id]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True)
class Snapshot:
    """What an ingest knows of the store before reading."""

    files: dict[str, tuple[Any, ...]]  # resolved path -> (size, mtime_ns, article_id, reader_version)
    stored: Mapping[str, tuple[Any, ...]]  # article id -> stored metadata


def unchanged_files(snapshot: Snapshot) -> Callable[[Path, ArticleMeta | None], str | None]:
    """The reader's test for a file stored unchanged (same size, modification time, reader and
    manifest metadata): such a file is skipped without being read or hashed. The reader
    gives resolved paths; another path only misses the shortcut (the text is then read and
    recognised by its hash)."""
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


def read_again(article: Article, snapshot: Snapshot) -> bool:
    """Whether ``article`` comes from a file stored with this text by an older reader."""
    try:
        known = snapshot.files.get(str(Path(article.file).resolve()))
    except (OSError, ValueError, RuntimeError):
        return False
    return known is not None and known[2] == article.article_id and known[3] != READER_VERSION
