"""Reading a corpus: turn article files and their manifest into ``Article`` objects.

This module's one job is to get from files on disk to decoded, de-duplicated text with
its metadata; it extracts no facts. What it does, in order, for one file:

* refuses what is not a text article: too large (checked with ``stat`` before reading),
  empty, whitespace only, binary (magic numbers, NUL bytes, control characters);
* decodes it: byte-order mark first, then strict UTF-8, then charset-normalizer's best
  guess among the single-byte encodings of Western European news (cp1252 first, so "€"
  and curly quotes come out right);
* reduces HTML to text with trafilatura (lxml fallback), strips a YAML front-matter
  block from Markdown, and keeps every other text as it is (newlines normalised to
  ``\\n``, nothing else altered: later stages index ``Article.text``);
* lists the paragraphs (one per non-blank line), leaving out a paragraph the article
  already holds, so a page that repeats its body counts its facts once;
* detects the language with lingua when nobody gave it, and merges metadata field by
  field: the manifest first, then front matter or the HTML page's own metadata, then what
  the text says at its start (headline, dateline, byline: ``analysis.metadata``), and last
  the publisher from the URL's domain; unknown stays None, never invented.

A manifest is a CSV (``file, publisher, title, url, published, published_precision,
language, author``); ``load_manifest`` reads it, reporting bad rows as ``ReadProblem`` s.
``iter_articles`` walks files and folders and never stops on one bad file.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, cast

import charset_normalizer
import lxml.etree
import lxml.html
import yaml
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from analysis.metadata import html_metadata, publisher_from_url, text_metadata
from analysis.model import Article, ArticleMeta, DatePrecision, ReadProblem, UnchangedFile

#: Files larger than this are refused before being read.
MAX_ARTICLE_BYTES: int = 10 * 1024 * 1024
#: Manifests may list many files: they get a larger limit.
MAX_MANIFEST_BYTES: int = 100 * 1024 * 1024
#: Suffixes taken when a folder is expanded (a file named explicitly is always taken).
ARTICLE_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
#: Version of what reading derives from a file (its text and the metadata it declares). A store
#: remembers the version its files were read with and reads them all again when it changes.
READER_VERSION = "2"
#: Name of the manifest discovered in a folder given to ``iter_articles``.
MANIFEST_NAME = "manifest.csv"
#: A repeated paragraph shorter than this (normalised) is kept: "Voir l'original", "Source : AFP".
REPEAT_MIN_CHARS = 25

_SKIPPED_PREFIXES = ("readme", "license", "licence")
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year")
_PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}

# -- binary sniffing -------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document (DOC, XLS or PPT)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ZIP_KINDS = {
    ".docx": "Word document (DOCX)",
    ".xlsx": "Excel workbook (XLSX)",
    ".pptx": "PowerPoint presentation (PPTX)",
    ".odt": "OpenDocument text (ODT)",
    ".epub": "EPUB book",
}
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
#: C0 control bytes that never occur in text (tab, newlines, form feed and vertical tab do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_CONTROL_CHARS = frozenset(chr(b) for b in _CONTROL_BYTES)
#: Above this share of control characters a file is binary, whatever its name.
_MAX_CONTROL_RATIO = 0.1

# -- encodings -------------------------------------------------------------------------

#: (byte-order mark, codec of the rest, name recorded); UTF-32 LE before UTF-16 LE (same start).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
#: Candidates offered to charset-normalizer when the bytes are not UTF-8. Restricting it to
#: the encodings French/English news actually use keeps it from picking mac_roman or cp1250
#: on short texts ("€" is byte 0x80 and "’" byte 0x92 only in cp1252).
PLAUSIBLE_ENCODINGS: tuple[str, ...] = ("cp1252", "iso8859_15", "latin_1")
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x85]")

# -- HTML, front matter, languages -----------------------------------------------------

_HTML_START = ("<!doctype html", "<html", "<body")
_HTML_SNIFF_CHARS = 1024
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)
_FRONT_MATTER_KEYS = frozenset(
    {"title", "publisher", "url", "published", "date", "published_precision", "language", "lang", "author",
     "authors"}
)
_DATE_FORM = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_DATETIME_FORM = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")

_LANGUAGES: tuple[Language, ...] = (
    Language.FRENCH,
    Language.ENGLISH,
    Language.GERMAN,
    Language.SPANISH,
    Language.ITALIAN,
    Language.DUTCH,
    Language.PORTUGUESE,
)
_LANGUAGE_NAMES = {
    "french": "fr", "français": "fr", "francais": "fr",
    "english": "en", "anglais": "en",
    "german": "de", "deutsch": "de", "allemand": "de",
    "spanish": "es", "español": "es", "espagnol": "es",
    "italian": "it", "italiano": "it", "italien": "it",
    "dutch": "nl", "nederlands": "nl", "néerlandais": "nl",
    "portuguese": "pt", "português": "pt", "portugais": "pt",
}  # fmt: skip
#: Fewer letters than this: too short to tell the language.
_MIN_LANGUAGE_LETTERS = 20
#: Below this confidence for the best language, the detector is unsure: None.
_MIN_LANGUAGE_CONFIDENCE = 0.5
#: The language is detected on the beginning of the text (plenty for an article).
_LANGUAGE_SAMPLE_CHARS = 5000


class ArticleError(Exception):
    """A file that cannot be read as an article; ``problem`` is the message for the user."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


# -- public API ------------------------------------------------------------------------


def _article_body(path: Path, max_bytes: int) -> tuple[str, ArticleMeta | None, str, bool]:
    """(the article's text, the metadata its file declares, its encoding, whether it is HTML)."""
    data = _read_bytes(path, max_bytes)
    if not data:
        raise ArticleError("empty file")
    text, encoding = decode_bytes(data, suffix=path.suffix.lower())
    text = _normalise_newlines(text).removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError("no text (whitespace only)" if text else "empty file")
    suffix = path.suffix.lower()
    found: ArticleMeta | None = None
    html = suffix in _HTML_SUFFIXES or looks_like_html(text)
    if html:
        text, found = _html_article(text)
    else:
        text, found = _split_front_matter(text, markdown=suffix in _MARKDOWN_SUFFIXES)
        if found is not None and not text.strip():
            raise ArticleError("no text (front matter only)")
    return text, found, encoding, html


def read_article_text(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[str, str]:
    """(the text ``read_article`` reads from ``path``, its article id), without the language and
    metadata ``read_article`` works out: what a page needs to show an article again."""
    text = _article_body(Path(path), max_bytes)[0]
    return text, article_id(text)


def read_article(
    path: Path, meta: ArticleMeta | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article:
    """Read one article file; ``meta`` (a manifest row) wins over what the file says.

    Raises ``ArticleError`` with a user-facing message for anything that is not a
    readable text article; never another exception for a bad file.
    """
    path = Path(path)
    text, found, encoding, html = _article_body(path, max_bytes)
    merged = _merge_meta(meta, found)
    language = merged.language or detect_language(text)
    if merged.title is None or merged.published is None or merged.author is None:
        # an HTML page's first lines are often the site's furniture: no headline taken there
        merged = _merge_meta(merged, text_metadata(text, language, headline=not html))
    if merged.publisher is None and merged.url is not None:
        merged = dataclasses.replace(merged, publisher=publisher_from_url(merged.url))
    return Article(
        article_id=article_id(text),
        file=str(path),
        text=text,
        paragraphs=paragraph_spans(text),
        meta=merged,
        language=language,
        encoding=encoding,
    )


def load_manifest(path: Path) -> tuple[dict[str, ArticleMeta], list[ReadProblem]]:
    """Read a manifest CSV: metadata keyed by the basename of its ``file`` column.

    Only ``file`` is required; a missing column leaves that field None. Problems (bad
    dates, duplicates, an unreadable file) come back as ``ReadProblem`` s naming the
    manifest and the line; a value that is wrong is left None, never guessed.
    """
    path = Path(path)
    where = str(path)
    try:
        data = _read_bytes(path, MAX_MANIFEST_BYTES)
        if not data:
            return {}, [ReadProblem(where, "empty manifest (no header row)")]
        text, _ = decode_bytes(data, suffix=path.suffix.lower())
    except ArticleError as exc:
        return {}, [ReadProblem(where, f"could not read the manifest: {exc.problem}")]
    text = _normalise_newlines(text).removeprefix("\ufeff")
    return _parse_manifest(text, where)


def iter_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The files ``iter_articles`` would read, in order; paths that do not exist are left out.

    Folders are expanded recursively and sorted, keeping ``ARTICLE_SUFFIXES`` and skipping
    hidden entries, ``README*``, ``LICENSE*``; a file named explicitly is always taken.
    """
    sources, _ = _expand(_as_list(paths))
    return [source.path for source in sources]


def iter_articles(
    paths: Sequence[str | Path],
    manifest: Path | None = None,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    unchanged: Callable[[Path, ArticleMeta | None], str | None] | None = None,
) -> Iterator[Article | ReadProblem | UnchangedFile]:
    """Read every article under ``paths``, yielding a ``ReadProblem`` for each bad file.

    ``unchanged(path, meta)`` (the store's; ``path`` resolved) may return the article id of a
    file it already holds unchanged: that file is then not read, and an ``UnchangedFile`` comes instead.

    With no ``manifest``, a ``manifest.csv`` in a folder given in ``paths`` describes the
    files of that folder. Manifest problems come first, then paths that do not exist,
    then the articles in order. The same text under two names is yielded twice (same
    ``article_id``): de-duplication is the store's job.
    """
    paths = _as_list(paths)
    sources, path_problems = _expand(paths)
    folders = _unique_folders(paths)
    found_names = {source.path.name for source in sources}

    explicit: dict[str, ArticleMeta] = {}
    by_folder: dict[Path, dict[str, ArticleMeta]] = {}
    if manifest is not None:
        manifest = Path(manifest)
        explicit, problems = load_manifest(manifest)
        yield from problems
        if _key(manifest.parent) in {_key(folder) for folder in folders}:
            yield from _unlisted(manifest.parent, explicit, found_names)
    else:
        for folder in folders:
            candidate = folder / MANIFEST_NAME
            if not candidate.is_file():
                continue
            metas, problems = load_manifest(candidate)
            yield from problems
            yield from _unlisted(folder, metas, found_names)
            by_folder[folder] = metas

    yield from path_problems
    for source in sources:
        if manifest is not None:
            meta = explicit.get(source.path.name)
        elif source.folder is not None:
            meta = by_folder.get(source.folder, {}).get(source.path.name)
        else:
            meta = None
        known = unchanged(source.key, meta) if unchanged is not None else None
        if known is not None:
            yield UnchangedFile(str(source.path), known)
            continue
        try:
            yield read_article(source.path, meta, max_bytes=max_bytes)
        except ArticleError as exc:
            yield ReadProblem(str(source.path), exc.problem)
        except Exception as exc:  # a bug on one file must not stop the corpus
            yield ReadProblem(
                str(source.path), f"unexpected error while reading: {type(exc).__name__}: {exc}"
            )


# -- helpers other stages may use ------------------------------------------------------


def article_id(text: str) -> str:
    """First 16 hex characters of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-blank line, stripped; a line of at least
    ``REPEAT_MIN_CHARS`` normalised characters already seen earlier is left out."""
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            key = " ".join(stripped.split()).casefold()
            if len(key) < REPEAT_MIN_CHARS or key not in seen:
                seen.add(key)
                lead = len(line) - len(line.lstrip())
                spans.append((start + lead, start + len(line.rstrip())))
        start = end + 1
    return tuple(spans)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("fr", "en", ...) of ``text``, or None when too short or unsure."""
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < _MIN_LANGUAGE_LETTERS:
        return None
    values = _language_detector().compute_language_confidence_values(sample)
    if not values or values[0].value < _MIN_LANGUAGE_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (``<!doctype html``, ``<html`` or ``<body`` near its start)."""
    head = text[: _HTML_SNIFF_CHARS * 2].lstrip().lower()
    return head.startswith("<") and any(tag in head[:_HTML_SNIFF_CHARS] for tag in _HTML_START)


def decode_bytes(data: bytes, *, suffix: str = "") -> tuple[str, str]:
    """(text, encoding name) of a file's bytes; ``ArticleError`` when binary or undecodable."""
    label = _binary_kind(data, suffix)
    if label is not None:
        raise ArticleError(f"binary file ({label}), not a text article")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) > _MAX_CONTROL_RATIO:
                raise ArticleError("binary file, not a text article")
            return text, name
    if b"\x00" in data:
        raise ArticleError("binary file, not a text article")
    if (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data) > _MAX_CONTROL_RATIO:
        raise ArticleError("binary file, not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(PLAUSIBLE_ENCODINGS)).best()
    if best is None:
        raise ArticleError("could not detect the text encoding")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise ArticleError("could not detect the text encoding") from exc


# -- reading bytes ---------------------------------------------------------------------


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError("not a regular file")
        if info.st_size > max_bytes:
            raise ArticleError(_too_large(info.st_size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise ArticleError("file not found") from exc
    except PermissionError as exc:
        raise ArticleError("permission denied") from exc
    except OSError as exc:
        raise ArticleError(f"could not read the file ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:  # grew since stat
        raise ArticleError(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({_human_size(size)}; the limit is {_human_size(limit)})"


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{f'{size / 1024:.1f}'.removesuffix('.0')} KB"
    return f"{f'{size / (1024 * 1024):.1f}'.removesuffix('.0')} MB"


def _binary_kind(data: bytes, suffix: str) -> str | None:
    """The kind of a binary file recognised by its magic number, else None."""
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return label
    if data.startswith(_ZIP_MAGIC):
        if suffix in _ZIP_KINDS:
            return _ZIP_KINDS[suffix]
        return "Word document (DOCX)" if b"word/" in data[:4096] else "ZIP archive"
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if ch in _CONTROL_CHARS) / len(text)


def _normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators become ``\\n``."""
    return _NEWLINES.sub("\n", text)


# -- HTML ------------------------------------------------------------------------------


def _html_article(html: str) -> tuple[str, ArticleMeta]:
    """Text of an HTML page (trafilatura, lxml fallback) and the metadata it declares."""
    text: str | None
    try:
        import trafilatura  # imported on the first HTML page: a plain-text corpus never pays for it

        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    except Exception:  # trafilatura on hostile markup: fall back to lxml rather than fail
        text = None
    if not text or not text.strip():
        text = _html_fallback_text(html)
    text = _normalise_newlines(text)
    if not text.strip():
        raise ArticleError("no text (the HTML page holds no article text)")
    return text, html_metadata(html)


def _html_fallback_text(html: str) -> str:
    """Visible text of the body: scripts, styles and the like skipped, one line per block.

    The tree is only read, never modified (lxml refuses to write back text holding
    control characters).
    """
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return ""
    body = root.find("body")
    node = body if body is not None else root
    parts: list[str] = []
    walker = lxml.etree.iterwalk(node, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _DROPPED_TAGS:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            parts.append(element.text or "")
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if element is not node:
                parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# -- front matter ----------------------------------------------------------------------


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: an impossible date is then ignored, not a crash."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _split_front_matter(text: str, *, markdown: bool) -> tuple[str, ArticleMeta | None]:
    """(text without its front matter, metadata) or (text, None) when there is none.

    Outside Markdown files a leading ``---`` block counts as front matter only when it is
    a YAML mapping with at least one known key (prose between rules is left alone).
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, None
    try:
        data = yaml.load(match["body"], Loader=_FrontMatterLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return text, None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return text, None
    fields = {str(key).strip().lower(): value for key, value in data.items()}
    if not markdown and not fields.keys() & _FRONT_MATTER_KEYS:
        return text, None
    published, precision, _ = _published(
        _scalar(fields.get("published")) or _scalar(fields.get("date")),
        _scalar(fields.get("published_precision")),
    )
    language = _scalar(fields.get("language")) or _scalar(fields.get("lang"))
    meta = ArticleMeta(
        publisher=_scalar(fields.get("publisher")),
        title=_scalar(fields.get("title")),
        url=_scalar(fields.get("url")),
        published=published,
        published_precision=precision,
        language=normalise_language(language) if language else None,
        author=_names(fields.get("author")) or _names(fields.get("authors")),
    )
    return text[match.end() :], meta


def _names(value: Any) -> str | None:
    """An author, or a list of authors, from front matter: names joined with "; "."""
    items = value if isinstance(value, list) else [value]
    names = [name for item in items if (name := _scalar(item))]
    return "; ".join(dict.fromkeys(names)) or None


def _scalar(value: Any) -> str | None:
    """A front-matter value as a clean string; lists, mappings and booleans are ignored."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return _clean(str(value))


# -- metadata --------------------------------------------------------------------------


def parse_published(value: str) -> tuple[dt.date, DatePrecision]:
    """``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` (or an ISO date-time) -> (first day, precision).

    Raises ``ValueError`` for anything else; a date is never guessed.
    """
    value = value.strip()
    match = _DATE_FORM.fullmatch(value)
    if match is not None:
        year, month, day = int(match["y"]), match["m"], match["d"]
        date = dt.date(year, int(month or 1), int(day or 1))
        return date, "day" if day else "month" if month else "year"
    if _DATETIME_FORM.match(value):
        return dt.datetime.fromisoformat(value).date(), "day"
    raise ValueError(value)


def normalise_language(value: str) -> str | None:
    """A language code from a manifest or front matter: "fr-FR", "French", "français" -> "fr".

    None when the value is not a language.
    """
    folded = value.strip().casefold()
    if folded in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[folded]
    code = re.split(r"[-_]", folded, maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _published(
    value: str | None, precision: str | None
) -> tuple[dt.date | None, DatePrecision | None, str | None]:
    """(date, precision, problem) from a published value and an optional explicit precision."""
    if value is None:
        return None, None, None
    try:
        date, inferred = parse_published(value)
    except ValueError:
        return None, None, f"invalid date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    if precision is None:
        return date, inferred, None
    explicit = precision.strip().lower()
    if explicit not in _PRECISIONS:
        return date, inferred, f"invalid published_precision {precision!r} (expected day, month or year)"
    if _PRECISION_RANK[explicit] > _PRECISION_RANK[inferred]:
        return date, inferred, f"published_precision {precision!r} is finer than the date {value!r}"
    return date, cast(DatePrecision, explicit), None


def _merge_meta(first: ArticleMeta | None, second: ArticleMeta | None) -> ArticleMeta:
    """Field by field, ``first`` wins; the date and its precision travel together."""
    first = first or ArticleMeta()
    second = second or ArticleMeta()
    dated = first if first.published is not None else second
    return ArticleMeta(
        publisher=first.publisher or second.publisher,
        title=first.title or second.title,
        url=first.url or second.url,
        published=dated.published,
        published_precision=dated.published_precision,
        language=first.language or second.language,
        author=first.author or second.author,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


# -- manifest --------------------------------------------------------------------------


def _parse_manifest(text: str, where: str) -> tuple[dict[str, ArticleMeta], list[ReadProblem]]:
    problems: list[ReadProblem] = []
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    metas: dict[str, ArticleMeta] = {}
    first_line: dict[str, int] = {}
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            return {}, [ReadProblem(where, "empty manifest (no header row)")]
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            columns.setdefault(_column_name(name), index)
        if "file" not in columns:
            found = ", ".join(repr(name.strip()) for name in header if name.strip()) or "none"
            return {}, [ReadProblem(where, f"no 'file' column (columns found: {found}); manifest ignored")]

        line = reader.line_num
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = {name: _cell(row, index) for name, index in columns.items()}
            key = _basename(cells.get("file"))
            if key is None:
                problems.append(ReadProblem(where, f"line {start}: no file name; row ignored"))
                continue
            if key in metas:
                problems.append(
                    ReadProblem(
                        where,
                        f"line {start}: {key!r} is listed again (first on line {first_line[key]}); "
                        "the first row is kept",
                    )
                )
                continue
            published, precision, problem = _published(
                cells.get("published"), cells.get("published_precision")
            )
            if problem is not None:
                problems.append(ReadProblem(where, f"line {start}: {problem}"))
            language = cells.get("language")
            code = normalise_language(language) if language else None
            if language and code is None:
                problems.append(
                    ReadProblem(where, f"line {start}: unknown language {language!r}; left empty")
                )
            metas[key] = ArticleMeta(
                publisher=cells.get("publisher"),
                title=cells.get("title"),
                url=cells.get("url"),
                published=published,
                published_precision=precision,
                language=code,
                author=cells.get("author"),
            )
            first_line[key] = start
    except csv.Error as exc:
        problems.append(ReadProblem(where, f"line {reader.line_num}: not valid CSV ({exc}); rest ignored"))
    return metas, problems


def _delimiter(text: str) -> str:
    """Comma, or the semicolon / tab of the header line when it holds more of them."""
    header = next((line for line in text.split("\n") if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


def _column_name(name: str) -> str:
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf").strip().lower()


def _cell(row: list[str], index: int) -> str | None:
    return _clean(row[index]) if index < len(row) else None


def _basename(value: str | None) -> str | None:
    if value is None:
        return None
    return PurePosixPath(value.replace("\\", "/")).name or None


# -- expanding paths -------------------------------------------------------------------


def _as_list(paths: Sequence[str | Path] | str | Path) -> list[str | Path]:
    """A single path given where a list is expected is a list of one (not of characters)."""
    return [paths] if isinstance(paths, str | Path) else list(paths)


@dataclass(frozen=True)
class _Source:
    """A file to read and the folder given on the command line it was found in (if any)."""

    path: Path
    folder: Path | None
    key: Path  # the resolved path: the file's identity


def _expand(paths: Iterable[str | Path]) -> tuple[list[_Source], list[ReadProblem]]:
    sources: list[_Source] = []
    problems: list[ReadProblem] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            base = _key(path)  # resolved once: a walk does not follow linked folders
            found = [(file, path, _key(file) if file.is_symlink() else base / file.relative_to(path))
                     for file in _walk(path, problems)]
        elif path.exists():
            found = [(path, None, _key(path))]
        else:
            problems.append(ReadProblem(str(path), "no such file or folder"))
            continue
        for file, folder, key in found:
            if key not in seen:
                seen.add(key)
                sources.append(_Source(file, folder, key))
    return sources, problems


def _walk(folder: Path, problems: list[ReadProblem]) -> list[Path]:
    def report(error: OSError) -> None:
        problems.append(
            ReadProblem(str(error.filename or folder), f"could not read the folder ({error.strerror})")
        )

    files: list[Path] = []
    for root, dirnames, filenames in os.walk(folder, onerror=report):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        files.extend(Path(root) / name for name in filenames if _is_article_name(name))
    return sorted(files, key=lambda file: file.relative_to(folder).parts)


def _is_article_name(name: str) -> bool:
    lowered = name.lower()
    return (
        not lowered.startswith(".")
        and not lowered.startswith(_SKIPPED_PREFIXES)
        and PurePosixPath(lowered).suffix in ARTICLE_SUFFIXES
    )


def _unique_folders(paths: Iterable[str | Path]) -> list[Path]:
    folders: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and _key(path) not in seen:
            seen.add(_key(path))
            folders.append(path)
    return folders


def _unlisted(folder: Path, metas: dict[str, ArticleMeta], found_names: set[str]) -> Iterator[ReadProblem]:
    """Manifest rows naming a file that the given paths do not hold."""
    for name in metas:
        if name in found_names:
            continue
        path = folder / name
        if path.exists():
            yield ReadProblem(
                str(path),
                "listed in the manifest but not read (folders are read for "
                f"{', '.join(sorted(ARTICLE_SUFFIXES))} files only; name it explicitly)",
            )
        else:
            yield ReadProblem(str(path), "listed in the manifest but not found")


def _key(path: Path) -> Path:
    """A path's identity for de-duplication (resolved when possible)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


# -- language --------------------------------------------------------------------------


@cache
def _language_detector() -> LanguageDetector:
    """Built once, lazily. Low-accuracy mode loads only the trigram models (~25 MB instead of
    ~200 MB): plenty for whole articles, which is all this module detects."""
    return LanguageDetectorBuilder.from_languages(*_LANGUAGES).with_low_accuracy_mode().build()


__all__ = [
    "ARTICLE_SUFFIXES",
    "MANIFEST_NAME",
    "MAX_ARTICLE_BYTES",
    "READER_VERSION",
    "ArticleError",
    "article_id",
    "decode_bytes",
    "detect_language",
    "iter_articles",
    "iter_paths",
    "load_manifest",
    "looks_like_html",
    "normalise_language",
    "paragraph_spans",
    "parse_published",
    "read_article",
]
