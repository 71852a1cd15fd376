"""The store and what a page reads of it: where it lives, its state token, and loaders cached on both.

A page reads only the frames it draws, each restricted to the sidebar's filters in DuckDB
(``store.read_selection``) the first time the page touches it: ``Context.view`` (the filtered
frames) and ``Context.all`` (the whole store) look like :class:`analysis.frames.Frames` and
read each frame on first access. Nothing reads every frame of the store up front.

Every cached loader takes the store's path and its state token (``store_token``) as its
key, and the filters and the frame's name when it reads rows, so reruns and sessions share
the work and a write to the store (an upload, a correction) is seen on the next run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from analysis import views
from analysis.frames import FRAME_NAMES, STATUSES, Frames, empty
from analysis.views import Filters
from analysis.views.filters import FRAME_NOUNS

T = TypeVar("T")

#: Session key of the filters the sidebar drew on this run (``filters.sidebar_filters``).
K_FILTERS = "_levee_filters"


def db_path() -> Path:
    """The store file: ``LEVEE_DB`` when set, else ``data/levee.duckdb`` in the project."""
    from analysis.store import db_path as store_db_path

    return store_db_path(None)


def store_token(db: Path) -> tuple[object, ...]:
    """Changes whenever the store file (or its write-ahead log) changes, or this process wrote to
    it (``store.state_token``): the cache key."""
    from analysis import store

    return store.state_token(db)


def current_filters() -> Filters:
    """The filters of this run (none before the sidebar has drawn them)."""
    return st.session_state.get(K_FILTERS) or Filters()


# Frames are cached as shared objects (cache_resource: no copy per rerun, which matters for
# large stores); every page treats them as read-only.
@st.cache_resource(show_spinner="Reading the store…", max_entries=64)
def _frame(db: str, token: tuple[Any, ...], filters: Filters, name: str) -> pd.DataFrame:
    """Frame ``name`` under ``filters``, filtered in DuckDB and validated."""
    from analysis import store
    from analysis.frames import validate

    return validate(name, store.read_selection(db, filters.selection(), names=(name,))[name])


class StoreFrames:
    """The store's frames under some filters, read-only, each read on first access (through
    the cached ``_frame``): what :class:`analysis.frames.Frames` offers (a frame per
    attribute, ``items()``), so the views take it as they take ``Frames``."""

    __slots__ = ("__weakref__", "db", "filters", "token")

    def __init__(self, db: str, token: tuple[Any, ...], filters: Filters) -> None:
        self.db, self.token, self.filters = db, token, filters

    def frame(self, name: str) -> pd.DataFrame:
        if name not in FRAME_NAMES:
            raise AttributeError(name)
        return _frame(self.db, self.token, self.filters, name)

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, frame)`` pairs in the order of ``Frames`` (reads every frame)."""
        return [(name, self.frame(name)) for name in FRAME_NAMES]

    articles = property(lambda self: self.frame("articles"))
    mentions = property(lambda self: self.frame("mentions"))
    rounds = property(lambda self: self.frame("rounds"))
    investments = property(lambda self: self.frame("investments"))
    valuations = property(lambda self: self.frame("valuations"))
    source_comparison = property(lambda self: self.frame("source_comparison"))

    def __repr__(self) -> str:
        return f"StoreFrames({self.db!r}, {self.filters!r})"


# One object per store state and filters, so what the views memoise per set of frames
# (``round_article_links``) is shared across reruns too.
@st.cache_resource(show_spinner=False, max_entries=64)
def _frames(db: str, token: tuple[Any, ...], filters: Filters) -> StoreFrames:
    return StoreFrames(db, token, filters)


@st.cache_resource(show_spinner="Computing the view…", max_entries=128)
def _computed(
    db: str, token: tuple[Any, ...], filters: Filters, name: str, frame: str | None, args: tuple[Any, ...]
) -> Any:
    """``views.<name>`` of the frames under ``filters`` (or of the one ``frame`` names)."""
    frames = _frames(db, token, filters)
    return getattr(views, name)(frames.frame(frame) if frame else frames, *args)


@st.cache_data(show_spinner=False, max_entries=32)
def _choices(db: str, token: tuple[Any, ...], top: int) -> dict[str, Any]:
    from analysis import store

    return store.choices(db, top=top, unknown_publisher=views.UNKNOWN_PUBLISHER) | {"statuses": list(STATUSES)}


@st.cache_data(show_spinner=False, max_entries=256)
def _counts(db: str, token: tuple[Any, ...], filters: Filters, name: str) -> int:
    from analysis import store

    return store.count_selection(db, filters.selection(), names=(name,))[name]


@st.cache_resource(show_spinner=False, max_entries=32)
def _mentions_of(db: str, token: tuple[Any, ...], round_ids: tuple[str, ...], article_ids: tuple[str, ...]) -> pd.DataFrame:
    from analysis import store

    return store.mentions_of(db, round_ids=round_ids, article_ids=article_ids)


@st.cache_data(show_spinner=False, max_entries=32)
def _ranked_names(db: str, token: tuple[Any, ...], kind: str) -> list[str]:
    from analysis import store

    return views.ranked_names(store.name_counts(db, kind))


@st.cache_data(show_spinner=False, max_entries=64)
def _ranked_companies(db: str, token: tuple[Any, ...], filters: Filters, rows: str, by: str | None) -> list[str]:
    from analysis import store

    return views.ranked_companies_of(store.companies_counted(db, filters.selection(), rows=rows, by=by))


@dataclass(frozen=True)
class ArticleListing:
    """One page of the Articles page's list (``views.articles_table`` columns) with its picker
    labels, the counts its pager shows (``matching`` the typed words, ``total`` the view), the
    article added last and whether the linked article is in the view."""

    rows: pd.DataFrame
    labels: dict[str, str]
    matching: int
    total: int
    latest: str | None
    linked: bool


#: Rows of a whole listing read for its download (no limit).
_EVERY_ROW = 2**62


@st.cache_data(show_spinner=False, max_entries=64)
def _article_listing(
    db: str, token: tuple[Any, ...], filters: Filters, words: tuple[str, ...], offset: int, limit: int,
    linked: str | None,
) -> ArticleListing:
    from analysis import store

    page = store.article_page(db, filters.selection(), words=words, offset=offset, limit=limit, article_id=linked)
    figures = dict(zip(page.rows["article_id"].astype(str), page.rows["figures"].astype(int), strict=True))
    rows = views.articles_table(page.rows.drop(columns=["figures"]), figures)
    return ArticleListing(rows, views.article_labels(rows), page.matching, page.total, page.latest, page.linked)


@st.cache_data(show_spinner=False, max_entries=64)
def _article_labels(db: str, token: tuple[Any, ...], ids: tuple[str, ...]) -> dict[str, str]:
    from analysis import store

    return views.article_labels(views.articles_table(store.read_articles(db, list(ids))))


@st.cache_data(show_spinner=False, max_entries=256)
def _article(db: str, token: tuple[Any, ...], article_id: str) -> dict[str, Any] | None:
    from analysis import store

    rows = views.records(store.read_articles(db, [article_id]))  # missing values as None
    return rows[0] if rows else None


@st.cache_data(show_spinner="Sorting the facts to check…", max_entries=32)
def _checklist(
    db: str, token: tuple[Any, ...], filters: Filters, order: str, below: float | None, kinds: tuple[str, ...],
    limit: int,
) -> Any:
    from analysis import store

    found = store.facts_to_check(db, filters.selection(), order=order, below=below, kinds=kinds, limit=limit)
    return views.checklist_of(found)


@st.cache_data(show_spinner="Summing up the store…", max_entries=32)
def _overview(db: str, token: tuple[Any, ...], filters: Filters) -> Any:
    from analysis import store

    return store.overview(
        db, filters.selection(), rounds_listed=views.ROUNDS_LISTED, companies_listed=views.COMPANIES_LINKED
    )


@st.cache_data(show_spinner="Listing the latest rounds…", max_entries=32)
def _latest_rounds_table(db: str, token: tuple[Any, ...], filters: Filters) -> tuple[pd.DataFrame, int]:
    summary = _overview(db, token, filters)  # its latest rounds, read with its figures
    return views.rounds_table(summary.latest_rounds), summary.n_rounds


@st.cache_resource(show_spinner=False, max_entries=64)
def _chart(
    db: str, token: tuple[Any, ...], filters: Filters, builder: str, name: str, args: tuple[Any, ...],
    options: tuple[tuple[str, Any], ...],
) -> Any:
    """``charts.<builder>`` of ``views.<name>`` (the same cached object ``_computed`` holds), built
    once and shared: st.plotly_chart reads a figure without changing it."""
    from levee_ui import charts

    return getattr(charts, builder)(_computed(db, token, filters, name, None, args), **dict(options))


def _builder_name(fn: Callable[..., Any]) -> str:
    """The name ``fn`` has in :mod:`levee_ui.charts`, whose functions build figures from views."""
    from levee_ui import charts

    if getattr(charts, fn.__name__, None) is not fn:
        raise ValueError(f"{fn.__name__} is not a function of levee_ui.charts")
    return fn.__name__


def _shaper_name(fn: Callable[..., Any]) -> str:
    """The name ``fn`` has in :mod:`analysis.views`, whose functions shape frames for the pages."""
    if getattr(views, fn.__name__, None) is not fn:
        raise ValueError(f"{fn.__name__} is not a function of analysis.views")
    return fn.__name__


def choices() -> dict[str, Any]:
    """What the sidebar filters offer (publishers, languages, companies and the
    ``views.COMPANY_CHOICES`` most reported, statuses, ``date_span``…), counted in DuckDB and
    cached on the store's state. Every page's first read of the store: one that can't be read
    stops the page here with the reason instead of a traceback."""
    db = db_path()
    try:
        return _choices(str(db), store_token(db), views.COMPANY_CHOICES)
    except Exception as exc:  # locked by a writer for too long, or not a Levée store
        st.error(views.md_escape(f"The store {db} could not be read: {exc}"))
        st.stop()
        raise  # unreachable: st.stop() raises


def refresh() -> None:
    """Forget what was read of the store (after an upload or a correction)."""
    for loader in (_frame, _frames, _computed, _choices, _counts, _mentions_of,
                   _ranked_names, _ranked_companies, _overview, _latest_rounds_table, _checklist, _article_listing,
                   _article_labels,
                   _article, _chart):
        loader.clear()


@st.cache_data(show_spinner=False, max_entries=64)
def article_text(db: str, token: tuple[Any, ...], article_id: str, file: str | None) -> str | None:
    """The article's text, whose offsets the figures index: read again from its file (seeds,
    kept uploads) and used only if its content hash is still ``article_id``; else None."""
    if not file or not Path(file).is_file():
        return None
    from analysis.corpus import ArticleError, read_article_text

    try:
        text, read_id = read_article_text(Path(file))
    except (ArticleError, OSError):
        return None
    return text if read_id == article_id else None


@dataclass
class Context:
    """What a page needs: the filtered frames (``view``) and the whole store's (``all``), each
    frame read on first access; the filters and the store's state."""

    all: StoreFrames
    view: StoreFrames
    filters: Filters
    db: Path
    token: tuple[Any, ...] = ()

    def count(self, name: str, filters: Filters | None = None) -> int:
        """How many rows frame ``name`` holds under ``filters`` (default: the page's), counted in DuckDB."""
        return _counts(str(self.db), self.token, self.filters if filters is None else filters, name)

    def why_empty(self, name: str) -> str:
        """Why frame ``name`` is empty under the current filters, in words an analyst can act on
        (the words of ``views.why_empty``; each step counted in DuckDB, no row read)."""
        noun = FRAME_NOUNS[name]
        total = self.count(name, Filters())
        if total == 0:
            n_articles = self.count("articles", Filters())
            if n_articles == 0:
                return f"No {noun} yet: the store holds no articles. Add some on the Data page."
            return f"No {noun} in the store: none of its {n_articles} articles states one."
        steps = self.filters.steps()
        for text, alone in steps:
            if self.count(name, alone) == 0:
                return f"No {noun} match: {text} removes all {total} {noun}."
        cumulative = Filters()
        applied: list[str] = []
        for text, alone in steps:
            cumulative = cumulative.joined(alone)
            applied.append(text)
            if self.count(name, cumulative) == 0:
                return f"No {noun} match: {' and '.join(applied)} together remove all {total} {noun}."
        return f"No {noun} match the current filters."

    def mentions_of(self, round_ids: Sequence[str] = (), article_ids: Sequence[str] = ()) -> pd.DataFrame:
        """Every mention of the store (whatever the filters) consolidated into ``round_ids`` or
        read from ``article_ids``: what anchors a correction (cached on the store's state)."""
        key = (tuple(sorted({str(r) for r in round_ids})), tuple(sorted({str(a) for a in article_ids})))
        return _mentions_of(str(self.db), self.token, *key)

    def article_figures(self, article_id: str, *, filtered: bool = True, comparison: bool = True) -> Frames:
        """What ``views.evidence_for`` reads of one article shown on the page, without reading
        every figure: its mentions (under the company and status filters when ``filtered``: the
        filtered mentions of an article the page shows) and, with ``comparison``, the page's source comparison."""
        mentions = self.mentions_of(article_ids=[article_id])
        if filtered and self.filters.companies:
            mentions = mentions[mentions["company"].isin(set(self.filters.companies))]
        if filtered and self.filters.statuses:
            mentions = mentions[mentions["status"].isin(set(self.filters.statuses))]
        parts = {name: empty(name) for name in FRAME_NAMES}
        parts["mentions"] = mentions.reset_index(drop=True)
        if comparison:  # what views.evidence_for reads beside the mentions
            parts["source_comparison"] = self.view.source_comparison
        return Frames(**parts)

    def ranked_names(self, kind: str) -> list[str]:
        """Every company (``kind="company"``) or investor (``"investor"``) of the store, whatever
        the filters, the most rounds first: counted in DuckDB, cached on the store's state."""
        return _ranked_names(str(self.db), self.token, kind)

    def ranked_companies(self, rows: str = "figures", by: str | None = None) -> list[str]:
        """The companies of frame ``rows`` (or "figures": rounds and valuations) under the page's
        filters, the most rows (distinct ``by`` values) first, then by name: what
        ``views.ranked_companies`` / ``views.chart_companies`` rank, counted in DuckDB (cached)."""
        return _ranked_companies(str(self.db), self.token, self.filters, rows, by)

    def article_listing(
        self, words: Sequence[str] = (), *, offset: int = 0, limit: int = _EVERY_ROW, linked: str | None = None
    ) -> ArticleListing:
        """Rows ``offset`` to ``offset + limit`` of the Articles page's list of the filtered
        articles whose title, publisher or file holds every one of ``words``
        (``views.articles_table``, each with its figures), newest first: paged, sorted, counted
        and searched in DuckDB, so only the rows shown reach memory (cached per store state,
        filters and page; shared, read-only)."""
        return _article_listing(str(self.db), self.token, self.filters, tuple(words), int(offset), int(limit), linked)

    def article_labels(self, ids: Sequence[str]) -> dict[str, str]:
        """The picker labels of the articles ``ids`` (read alone from the store)."""
        return _article_labels(str(self.db), self.token, tuple(ids))

    def checklist(self, order: str, below: float | None, kinds: tuple[str, ...], limit: int) -> Any:
        """The Review page's facts to check (``views.Checklist``: the first ``limit`` described,
        and the count of all), sorted and counted in DuckDB under the page's filters (cached)."""
        return _checklist(str(self.db), self.token, self.filters, order, below, tuple(kinds), limit)

    def overview(self) -> Any:
        """What the Overview sums up of the page's selection (``analysis.store.Overview``, with its
        ``views.ROUNDS_LISTED`` latest rounds and the counts of its ``views.COMPANIES_LINKED`` most
        reported companies), counted in DuckDB in one go and cached: no frame is read."""
        return _overview(str(self.db), self.token, self.filters)

    def latest_rounds_table(self) -> tuple[pd.DataFrame, int]:
        """The Overview's rounds table (``views.rounds_table``) of the ``views.ROUNDS_LISTED``
        rounds of the page's selection with the latest dates (read with ``overview``), and how
        many rounds the selection holds."""
        return _latest_rounds_table(str(self.db), self.token, self.filters)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored metadata of article ``article_id`` (a missing value as None), read alone
        from the store and cached; None when the store does not hold it."""
        return _article(str(self.db), self.token, str(article_id))

    def article_file(self, article_id: str) -> str | None:
        """The file article ``article_id`` was read from (None when unknown)."""
        meta = self.article(article_id)
        return None if meta is None or meta.get("file") is None else str(meta["file"])

    def article_text(self, article_id: str, file: str | None) -> str | None:
        """The text of article ``article_id`` read again from ``file`` (cached; None when gone)."""
        return article_text(str(self.db), self.token, article_id, file)

    def computed(
        self,
        fn: Callable[..., T],
        *args: Any,
        frame: str | None = None,
        company: str | None = None,
        companies: tuple[str, ...] | None = None,
        unfiltered: bool = False,
    ) -> T:
        """``fn(filtered frames, *args)`` for a function of :mod:`analysis.views` (given one
        filtered frame instead when ``frame`` names it), cached per store state, filters and
        arguments: reruns and sessions share it, so a large store is shaped once per view, not
        once per click. ``company`` (``companies``) narrows the filters to that company (those
        companies) first: the cap table and the source comparison are per company, the timeline
        charts a few; ``unfiltered`` ignores the filters (a
        search box lists every name of the store). Only the frames ``fn`` reads are read."""
        f = Filters() if unfiltered else self._narrowed((company,) if company is not None else companies)
        return _computed(str(self.db), self.token, f, _shaper_name(fn), frame, tuple(args))

    def chart(
        self, build: Callable[..., Any], fn: Callable[..., Any], *args: Any,
        companies: tuple[str, ...] | None = None, **options: Any,
    ) -> Any:
        """``build(self.computed(fn, *args, companies=companies), **options)`` for a figure builder of
        :mod:`levee_ui.charts`: the figure is built once per store state, filters, arguments and
        options and shared by reruns and sessions (building a Plotly figure of many traces costs
        more than the data it draws); treat it as read-only."""
        return _chart(str(self.db), self.token, self._narrowed(companies), _builder_name(build), _shaper_name(fn),
                      tuple(args), tuple(sorted(options.items())))

    def _narrowed(self, companies: tuple[str, ...] | None) -> Filters:
        """The page's filters, narrowed to ``companies`` when given."""
        return self.filters if companies is None else dataclasses.replace(self.filters, companies=tuple(companies))


def context() -> Context:
    """The page's view of the store under the current filters: nothing is read until the page
    asks for a frame (or a view of frames)."""
    db = db_path()
    token = store_token(db)
    f = current_filters()
    return Context(all=_frames(str(db), token, Filters()), view=_frames(str(db), token, f), filters=f, db=db,
                   token=token)
