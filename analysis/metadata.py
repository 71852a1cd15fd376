"""Metadata an article declares about itself.

One job: read what a page or a text says about its own publication, never what it reports.

* HTML (``html_metadata``): trafilatura's metadata extraction first, gaps filled from the
  markup with lxml: Open Graph and ``article:*`` meta tags, JSON-LD (``NewsArticle``,
  ``BlogPosting``... also inside ``@graph``), ``<time datetime>``, ``<link rel=canonical>``.
  Publication date: a declared date (``article:published_time``, JSON-LD ``datePublished``,
  ``itemprop=datePublished``, the first ``<time datetime>`` of the article) comes before
  trafilatura's, whose date finder takes the earliest date of the page (a related story's
  ``<time>``, say). Site name: ``og:site_name``, JSON-LD publisher. Title: ``og:title`` /
  headline, without a " | Site" suffix naming the site. Author: ``meta author``,
  ``article:author`` (not a profile URL), JSON-LD author names, joined with ``"; "``.
  URL: canonical, then ``og:url``.
* Plain text (``text_metadata``): a first-line headline (a short line that does not end
  like a sentence, followed by a body), a dateline at the start of the body with its
  precision (« Paris, le 14 mars 2025 – », "LONDON, March 14, 2025 (Reuters) -",
  « Publié le 14/03/2025 à 10h30 », "Published: 14 March 2025") and a byline ("By Jane
  Doe", « Par Camille Martin »). The shapes of those lines are data, per language
  (``patterns/article_metadata.json``); month and weekday names are the date lexicon's,
  read through ``analysis.dates``. A dateline without a year ("LONDON, March 14
  (Reuters) -") gives no date: a year is never guessed.
* URL (``publisher_from_url``): the publisher is the domain when nothing names it
  ("https://www.lesechos.fr/tech/..." -> "lesechos.fr").

Unknown stays None. Nothing here changes the text of an article.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from analysis.dates import find_dates
from analysis.model import ArticleMeta, DatePrecision

__all__ = [
    "PATTERNS_PATH",
    "Dateline",
    "find_byline",
    "find_dateline",
    "find_headline",
    "html_metadata",
    "publisher_from_url",
    "strip_site_suffix",
    "text_metadata",
]

PATTERNS_PATH = Path(__file__).parent / "patterns" / "article_metadata.json"

#: A dateline or byline stands on one of the first this many non-blank lines (headline,
#: standfirst, byline, dateline).
DATELINE_MAX_LINES = 4
#: ... and that line starts within this many characters of the start of the text.
DATELINE_MAX_START_CHARS = 600
#: The date of a dateline ends within this many characters of the start of its line.
DATELINE_DATE_WITHIN_CHARS = 120
#: A template may spell the first characters of the date phrase ("le", "on"): at most this many.
DATELINE_MAX_LEAD_CHARS = 12
#: Only this many characters of a line are looked at (a dateline, byline or headline is far shorter).
LINE_SCAN_CHARS = 2000
#: Precisions a dateline may have (a year alone is not a dateline).
DATELINE_PRECISIONS: frozenset[str] = frozenset({"day", "month"})

#: A headline holds at least / at most this many characters...
HEADLINE_MIN_CHARS = 8
HEADLINE_MAX_CHARS = 160
#: ... and at least / at most this many words.
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 25
#: The body after a headline holds at least this many characters.
HEADLINE_MIN_BODY_CHARS = 200

#: At most this many author names are kept.
AUTHOR_MAX_NAMES = 10
#: An author field longer than this (characters) is not a name list.
AUTHOR_MAX_CHARS = 300
#: A JSON-LD block longer than this (characters) is not read.
JSONLD_MAX_CHARS = 1_000_000
#: Separator of several author names (as trafilatura writes them).
AUTHOR_SEP = "; "

#: schema.org types of an article (JSON-LD ``@type``).
_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "techarticle", "scholarlyarticle", "report",
})  # fmt: skip
#: Meta tags (``property``, ``name`` or ``itemprop``) declaring the publication date, best first.
_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "publishdate", "publish-date", "pubdate", "dc.date.issued", "dcterms.issued", "dc.date", "date",
    "sailthru.date", "parsely-pub-date",
)  # fmt: skip
_SITE_META = ("og:site_name", "application-name")
_TITLE_META = ("og:title", "twitter:title")
_AUTHOR_META = ("author", "article:author", "parsely-author", "dc.creator")
_URL_META = ("og:url",)

_ISO_DATE = re.compile(r"\s*(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?:$|[T\s])")
_URL_LIKE = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|fr|org|net|io)/", re.IGNORECASE)
_HOST_PREFIX = re.compile(r"^(?:www\d*|m|amp|mobile)\.")
_SITE_SEPARATORS = re.compile(r"(\s+(?:[|–—·•-]|::)\s+)")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"»”’)]*\s+[\"«“]?[A-ZÀ-ÖØ-Þ]")
#: Markdown marks around a line: heading hashes, emphasis stars and underscores (not a list's "* ").
_MARKUP_START = re.compile(r"^\s*(?:#{1,6}[^\S\n]+|[*_]{1,3}(?=\S))?")
_MARKUP_END = re.compile(r"(?:(?<=\S)[*_]{1,3})?\s*$")
_SLOT = re.compile(r"\{(\w+)\}")
_SPACES = re.compile(r"\s+")


# -- public API ------------------------------------------------------------------------


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a text: its date (first day of the period), the
    precision, and the line as written (``start`` indexes the text)."""

    date: dt.date
    precision: DatePrecision
    line: str
    start: int


def html_metadata(html: str) -> ArticleMeta:
    """What an HTML page declares: publisher, title, author, url, publication date."""
    found = _trafilatura_meta(html)
    root = _parse_html(html)
    page = _page_meta(root) if root is not None else _PageMeta()
    url = _absolute_url(found.get("url")) or page.url
    host = publisher_from_url(url)
    sitename = found.get("sitename")
    if sitename and host and _squash(sitename) == _squash(host):
        sitename = None  # trafilatura's fallback on the URL: not declared by the page
    publisher = sitename or page.sitename
    title = found.get("title") or page.title
    if title:
        title = strip_site_suffix(title, publisher, page.sitename, host)
    published, precision = page.published or _declared_date(found.get("date")) or (None, None)
    return ArticleMeta(
        publisher=publisher,
        title=title or None,
        url=url,
        author=_authors([found.get("author")]) or page.author,
        published=published,
        published_precision=precision,
    )


def text_metadata(text: str, language: str | None = None, *, headline: bool = True) -> ArticleMeta:
    """What the first lines of a plain text say: headline (when ``headline``), dateline, byline."""
    dateline = find_dateline(text, language)
    return ArticleMeta(
        title=find_headline(text, language) if headline else None,
        author=find_byline(text, language),
        published=dateline.date if dateline else None,
        published_precision=dateline.precision if dateline else None,
    )


def find_dateline(text: str, language: str | None = None) -> Dateline | None:
    """The dateline at the start of ``text`` (one of its first lines), or None.

    Only a date with a year counts, at day or month precision; a date further into the
    body, or inside a sentence, is never a dateline.
    """
    for start, line in _first_lines(text):
        for lang in _languages(language):
            found = _match_dateline(line, lang)
            if found is not None:
                date, precision = found
                return Dateline(date, precision, line, start)
    return None


def find_headline(text: str, language: str | None = None) -> str | None:
    """The first line of ``text`` when it is a headline, or None.

    Conservative: a short line, of a few words, that does not end like a sentence or a
    clause, holds no sentence break, is no list item, dateline or byline, and is followed
    by a body of at least ``HEADLINE_MIN_BODY_CHARS`` characters.
    """
    lines = list(_first_lines(text, 1))
    if not lines:
        return None
    start, line = lines[0]
    if not _headline_shaped(line):
        return None
    last = line.split()[-1].casefold()
    if any(last in _rules().dangling[lang] for lang in _languages(language)):
        return None  # a line cut in mid-sentence ("... platforms such as")
    if any(_match_dateline(line, lang) or _match_byline(line, lang) for lang in _languages(language)):
        return None
    end = text.find("\n", start)
    body = text[end:].strip() if end >= 0 else ""
    if len(body) < HEADLINE_MIN_BODY_CHARS:
        return None
    return line


def find_byline(text: str, language: str | None = None) -> str | None:
    """The author(s) of a byline on one of the first lines ("By Jane Doe and Sam Lee"), or None."""
    for _, line in _first_lines(text):
        for lang in _languages(language):
            names = _match_byline(line, lang)
            if names:
                return names
    return None


def publisher_from_url(url: str | None) -> str | None:
    """The domain of a URL, without ``www.``: "https://www.lesechos.fr/tech/x" -> "lesechos.fr".

    None for what is not a web address (no host, an IP address, localhost).
    """
    if not url or not url.strip():
        return None
    value = url.strip()
    try:
        parts = urlsplit(value if "://" in value or value.startswith("//") else "//" + value)
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    host = _HOST_PREFIX.sub("", host)
    if "." not in host or not re.fullmatch(r"[\w.-]+", host):
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return None


def strip_site_suffix(title: str, *sites: str | None) -> str:
    """``title`` without a leading or trailing part that names the site ("Title | Site",
    "Site - Title"); the site is any of ``sites`` (names or domains). A title that is
    nothing but the site's name is kept."""
    keys = {key for site in sites if site for key in _site_keys(site)}
    parts = _SITE_SEPARATORS.split(title.strip())  # [part, separator, part, ...]
    while len(parts) > 2 and _squash(parts[-1]) in keys:
        del parts[-2:]
    while len(parts) > 2 and _squash(parts[0]) in keys:
        del parts[:2]
    return "".join(parts).strip()


# -- HTML ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PageMeta:
    """What the markup itself declares (lxml), before trafilatura's values are preferred."""

    sitename: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: tuple[dt.date, DatePrecision] | None = None


def _trafilatura_meta(html: str) -> dict[str, str]:
    try:
        import trafilatura  # imported on the first HTML page: a plain-text corpus never pays for it

        document = trafilatura.extract_metadata(html, extensive=False)
    except Exception:  # metadata is optional: a page without it is still an article
        return {}
    values = {name: _clean(getattr(document, name, None)) for name in ("title", "author", "url", "sitename", "date")}
    return {name: value for name, value in values.items() if value}


def _parse_html(html: str) -> lxml.html.HtmlElement | None:
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None


def _page_meta(root: lxml.html.HtmlElement) -> _PageMeta:
    metas = _meta_tags(root)
    articles = list(_jsonld_articles(root))

    def first_meta(names: Iterable[str]) -> str | None:
        return next((metas[name][0] for name in names if metas.get(name)), None)

    sitename = first_meta(_SITE_META) or next(
        (name for node in articles if (name := _ld_name(node.get("publisher")))), None
    )
    title = first_meta(_TITLE_META) or next(
        (value for node in articles if (value := _clean(node.get("headline") or node.get("name")))), None
    )
    if title is None:
        title = _clean(root.findtext(".//title"))

    author_values = [value for name in _AUTHOR_META for value in metas.get(name, [])]
    author = _authors(author_values) or _authors(
        name for node in articles for name in _ld_names(node.get("author"))
    )

    url = _absolute_url(next(iter(root.xpath("//link[@rel='canonical']/@href")), None))
    url = url or _absolute_url(first_meta(_URL_META)) or next(
        (value for node in articles if (value := _absolute_url(_ld_url(node)))), None
    )

    published = next((found for name in _DATE_META for value in metas.get(name, [])
                      if (found := _declared_date(value))), None)
    published = published or next(
        (found for node in articles if (found := _declared_date(_clean(node.get("datePublished"))))), None
    )
    published = published or _time_element_date(root)
    return _PageMeta(sitename=sitename, title=title, author=author, url=url, published=published)


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` contents keyed by their lower-case ``property``, ``name`` or ``itemprop``."""
    found: dict[str, list[str]] = {}
    for element in root.iter("meta"):
        content = _clean(element.get("content"))
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                found.setdefault(key, []).append(content)
    return found


def _jsonld_articles(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """The article nodes of the page's JSON-LD blocks (top level, lists and ``@graph``)."""
    for script in root.xpath("//script[@type]"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > JSONLD_MAX_CHARS:
            continue
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            continue
        for node in _ld_nodes(data):
            types = node.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(name, str) and name.strip().lower() in _ARTICLE_TYPES for name in names):
                yield node


def _ld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _ld_nodes(data.get("@graph"), depth + 1)


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        return next((name for item in value if (name := _ld_name(item))), None)
    if isinstance(value, dict):
        return _clean(value.get("name"))
    return _clean(value)


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [name for item in items if (name := _ld_name(item))]


def _ld_url(node: dict[str, Any]) -> str | None:
    page = node.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return _clean(node.get("url")) or _clean(page)


def _time_element_date(root: lxml.html.HtmlElement) -> tuple[dt.date, DatePrecision] | None:
    """``<time itemprop=datePublished>`` / ``<time pubdate>``, else the first ``<time datetime>``
    of the first ``<article>`` (of the body when there is none)."""
    for element in root.iter("time"):
        declared = (element.get("itemprop") or "").strip().lower() == "datepublished"
        if declared or element.get("pubdate") is not None:
            found = _declared_date(_clean(element.get("datetime")) or _clean(element.text_content()))
            if found:
                return found
    scope = next(iter(root.iter("article")), None)
    if scope is None:
        scope = root.find("body")
    if scope is None:
        return None
    for element in scope.iter("time"):
        found = _declared_date(_clean(element.get("datetime")))
        if found:
            return found
    return None


def _declared_date(value: str | None) -> tuple[dt.date, DatePrecision] | None:
    """An ISO date or date-time as the page writes it (its own calendar day), or a date
    phrase with a year ("March 14, 2025"); None for anything else."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match is not None:
        try:
            date = dt.date(int(match["y"]), int(match["m"] or 1), int(match["d"] or 1))
        except ValueError:
            return None
        return date, "day" if match["d"] else "month" if match["m"] else "year"
    for mention in find_dates(value, None, None):
        if mention.date is not None and mention.precision is not None:
            return mention.date, mention.precision
    return None


def _absolute_url(value: str | None) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _authors(values: Iterable[str | None]) -> str | None:
    """Author names from meta values or JSON-LD: URLs dropped, lists split on ``;`` only (a comma
    may sit inside "Doe, Jane"), duplicates removed, joined with ``AUTHOR_SEP``."""
    names: list[str] = []
    for value in values:
        value = _clean(value)
        if value is None or len(value) > AUTHOR_MAX_CHARS:
            continue
        for part in value.split(";"):
            name = _clean(part)
            if name and not _URL_LIKE.search(name) and any(ch.isalpha() for ch in name) and name not in names:
                names.append(name)
    return AUTHOR_SEP.join(names[:AUTHOR_MAX_NAMES]) or None


def _site_keys(site: str) -> set[str]:
    keys = {_squash(site)}
    host = publisher_from_url(site) if "." in site and " " not in site.strip() else None
    if host:
        keys.add(_squash(host))
        keys.add(_squash(host.split(".")[0]))
    return {key for key in keys if key}


def _squash(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


# -- plain text ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """A compiled template: ``before`` must end where the date phrase starts, ``after``
    match from where it ends; a template without ``{date}`` is ``before`` alone."""

    template: str
    before: re.Pattern[str]
    after: re.Pattern[str] | None


@dataclass(frozen=True)
class _Rules:
    datelines: dict[str, tuple[_Shape, ...]]
    bylines: dict[str, tuple[_Shape, ...]]
    joiners: dict[str, re.Pattern[str]]
    dangling: dict[str, frozenset[str]]
    sentence_endings: frozenset[str]
    closing_marks: str
    list_markers: tuple[str, ...]


@cache
def _rules() -> _Rules:
    """``article_metadata.json`` compiled once; a bad template raises ``ValueError`` naming it."""
    data: dict[str, Any] = json.loads(PATTERNS_PATH.read_text(encoding="utf-8"))
    shared: dict[str, str] = data["slots"]
    datelines: dict[str, tuple[_Shape, ...]] = {}
    bylines: dict[str, tuple[_Shape, ...]] = {}
    joiners: dict[str, re.Pattern[str]] = {}
    dangling: dict[str, frozenset[str]] = {}
    for language, rules in data.items():
        if language.startswith("_") or language in ("slots", "headline"):
            continue
        slots = {**shared, **rules.get("slots", {})}
        joiner = _joiner(rules["name_joiners"])
        joiners[language] = re.compile(joiner)
        dangling[language] = frozenset(word.casefold() for word in rules["dangling_words"])
        names = "(?P<names>{name}(?:" + joiner + "{name}){0," + str(AUTHOR_MAX_NAMES - 1) + "})"
        slots["names"] = names
        datelines[language] = tuple(_shape(t, slots) for t in rules["datelines"])
        bylines[language] = tuple(_shape(t, slots) for t in rules["bylines"])
    headline = data["headline"]
    return _Rules(
        datelines=datelines,
        bylines=bylines,
        joiners=joiners,
        dangling=dangling,
        sentence_endings=frozenset(headline["sentence_endings"]),
        closing_marks="".join(headline["closing_marks"]),
        list_markers=tuple(headline["list_markers"]),
    )


def _joiner(words: list[str]) -> str:
    """Regex joining two names: a word needs spaces around it, a mark ("," "&") not."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        if word.isalpha():
            alternatives.append(r"[^\S\n]+(?i:" + re.escape(word) + r")[^\S\n]+")
        else:
            alternatives.append(r"[^\S\n]*" + re.escape(word) + r"[^\S\n]*")
    return "(?:" + "|".join(alternatives) + ")"


def _shape(template: str, slots: dict[str, str]) -> _Shape:
    parts = template.split("{date}")
    if len(parts) > 2:
        raise ValueError(f"{PATTERNS_PATH.name}: {template!r} holds {{date}} more than once")
    try:
        before = re.compile(_regex(parts[0], slots))
        after = re.compile(_regex(parts[1], slots)) if len(parts) == 2 else None
    except re.error as error:
        raise ValueError(f"{PATTERNS_PATH.name}: {template!r} is not a valid shape ({error})") from None
    return _Shape(template, before, after)


def _regex(template: str, slots: dict[str, str]) -> str:
    """Regex of a template part: literal text (see ``_literal``), slots expanded."""
    out: list[str] = []
    position = 0
    for match in _SLOT.finditer(template):
        if match[1] not in slots:
            raise ValueError(f"{PATTERNS_PATH.name}: unknown slot {match[0]} in {template!r}")
        out.append(_literal(template, position, match.start()))
        out.append("(?:" + _expand(slots[match[1]], slots, 0) + ")")
        position = match.end()
    out.append(_literal(template, position, len(template)))
    return "".join(out)


#: How deeply slots may use slots.
_MAX_SLOT_DEPTH = 4


def _expand(pattern: str, slots: dict[str, str], depth: int) -> str:
    """A slot's regex with the slots it names expanded (its own text is regex, not literal)."""
    if depth > _MAX_SLOT_DEPTH:
        raise ValueError(f"{PATTERNS_PATH.name}: slots nested too deeply in {pattern!r}")

    def replace(match: re.Match[str]) -> str:
        if match[1] not in slots:
            return match[0]  # a regex repetition such as {2}
        return "(?:" + _expand(slots[match[1]], slots, depth + 1) + ")"

    return _SLOT.sub(replace, pattern)


def _literal(template: str, start: int, end: int) -> str:
    """Literal template text: words in any case, a space between two letters one or more
    spaces, any other space optional."""
    out: list[str] = []
    index = start
    while index < end:
        char = template[index]
        if char == " ":
            before = template[index - 1] if index > 0 else ""
            after = template[index + 1] if index + 1 < len(template) else ""
            out.append(r"[^\S\n]+" if before.isalpha() and after.isalpha() else r"[^\S\n]*")
            index += 1
        elif char.isalpha():
            word_end = index
            while word_end < end and template[word_end].isalpha():
                word_end += 1
            out.append("(?i:" + re.escape(template[index:word_end]) + ")")
            index = word_end
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


def _languages(language: str | None) -> tuple[str, ...]:
    """The languages whose shapes apply: the article's, or every one when it is unknown."""
    known = tuple(_rules().datelines)
    code = (language or "").strip().lower()[:2]
    return (code,) if code in known else known


def _first_lines(text: str, limit: int = DATELINE_MAX_LINES) -> Iterator[tuple[int, str]]:
    """(offset, line without Markdown marks) of the first ``limit`` non-blank lines that start
    within ``DATELINE_MAX_START_CHARS`` of the start of the text."""
    seen = 0
    position = 0
    while seen < limit and position < len(text) and position <= DATELINE_MAX_START_CHARS:
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        raw = text[position:min(end, position + LINE_SCAN_CHARS)]
        line = _MARKUP_END.sub("", _MARKUP_START.sub("", raw, count=1), count=1)
        if line:
            seen += 1
            yield position, line
        position = end + 1


@dataclass(frozen=True)
class _LineMatch:
    date: dt.date | None
    precision: DatePrecision | None
    names: str | None


def _match_line(line: str, language: str, shapes: tuple[_Shape, ...]) -> _LineMatch | None:
    """The first shape that ``line`` has: with ``{date}``, a date phrase with a year (day or
    month precision) must sit where the template puts it."""
    mentions = None
    for shape in shapes:
        if shape.after is None:
            found = shape.before.fullmatch(line)
            if found is not None:
                return _LineMatch(None, None, found.groupdict().get("names"))
            continue
        if mentions is None:
            mentions = [
                m for m in find_dates(line[:DATELINE_DATE_WITHIN_CHARS], language, None)
                if m.date is not None and m.precision in DATELINE_PRECISIONS
            ]
        for mention in mentions:
            if shape.after.match(line, mention.end) is None:
                continue
            for cut in _cuts(line, mention.start, mention.end):
                found = shape.before.fullmatch(line, 0, cut)
                if found is not None:
                    precision = cast(DatePrecision, mention.precision)
                    return _LineMatch(mention.date, precision, found.groupdict().get("names"))
    return None


def _match_dateline(line: str, language: str) -> tuple[dt.date, DatePrecision] | None:
    found = _match_line(line, language, _rules().datelines[language])
    if found is None or found.date is None or found.precision is None:
        return None
    return found.date, found.precision


def _match_byline(line: str, language: str) -> str | None:
    rules = _rules()
    found = _match_line(line, language, rules.bylines[language])
    if found is None or not found.names:
        return None
    return _split_names(found.names, rules.joiners[language])


def _cuts(line: str, start: int, end: int) -> Iterator[int]:
    """Where the text before a date phrase may end: at its start, or after a lead word the
    template spells itself ("le", "on"; never past a digit)."""
    yield start
    for index in range(start + 1, min(end, start + DATELINE_MAX_LEAD_CHARS + 1)):
        if line[index - 1].isdigit():
            return
        if line[index - 1].isspace() and not line[index].isspace():
            yield index


def _split_names(names: str, joiner: re.Pattern[str]) -> str | None:
    return _authors([AUTHOR_SEP.join(joiner.split(names))])


def _headline_shaped(line: str) -> bool:
    rules = _rules()
    if not HEADLINE_MIN_CHARS <= len(line) <= HEADLINE_MAX_CHARS:
        return False
    words = line.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    if line.startswith(rules.list_markers) or re.match(r"\d{1,2}[.)]\s", line):
        return False
    first = next((ch for ch in line if ch.isalpha()), "")
    if first.islower() and not (len(words[0]) > 1 and any(ch.isupper() for ch in words[0][1:])):
        return False  # a lower-case start is a sentence's continuation, unless a name ("eToro")
    ending = line.rstrip(rules.closing_marks + " ")
    if not ending or ending[-1] in rules.sentence_endings:
        return False
    if _SENTENCE_BREAK.search(line):
        return False
    return not _URL_LIKE.search(line) and "@" not in line
