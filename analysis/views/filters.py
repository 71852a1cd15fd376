"""The sidebar's filters: the ``Filters`` state (and its URL form), the choices offered, and the
frames restricted to them, with why a frame comes out empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.frames import STATUSES, UNKNOWN_PUBLISHER, Frames, publisher_label
from analysis.store import Selection
from analysis.views.cells import to_date
from analysis.views.names import chart_companies
from analysis.views.rounds import round_article_links

#: How many companies the sidebar lists (the most reported); any other is typed by name.
COMPANY_CHOICES = 200
#: What a frame's rows are called in a message ("No figures match…").
FRAME_NOUNS = {
    "articles": "articles",
    "mentions": "figures",
    "rounds": "rounds",
    "investments": "investments",
    "valuations": "valuations",
    "source_comparison": "source comparisons",
}


@dataclass(frozen=True)
class Filters:
    """The global filters of the sidebar; an empty tuple or None means "no restriction"."""

    publishers: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    companies: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    QUERY_KEYS = {  # noqa: RUF012 - class constant, not a field
        "publishers": "publisher",
        "companies": "company",
        "languages": "lang",
        "statuses": "status",
    }

    @property
    def active(self) -> bool:
        return bool(self.describe())

    def to_query(self) -> dict[str, list[str]]:
        """Query parameters for this filter state (repeated keys for several values)."""
        out: dict[str, list[str]] = {}
        for attr, key in self.QUERY_KEYS.items():
            values = getattr(self, attr)
            if values:
                out[key] = list(values)
        if self.date_from:
            out["from"] = [self.date_from.isoformat()]
        if self.date_to:
            out["to"] = [self.date_to.isoformat()]
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> Filters:
        """Filters from query parameters (values may be strings or lists of strings)."""

        def values(key: str) -> tuple[str, ...]:
            raw = params.get(key)
            if raw is None:
                return ()
            items = [raw] if isinstance(raw, str) else list(raw)
            return tuple(dict.fromkeys(str(v) for v in items if str(v).strip()))

        def one_date(key: str) -> dt.date | None:
            found = values(key)
            return to_date(found[-1]) if found else None

        return cls(
            publishers=values("publisher"),
            date_from=one_date("from"),
            date_to=one_date("to"),
            companies=values("company"),
            languages=values("lang"),
            statuses=tuple(s for s in values("status") if s in STATUSES),
        )

    def steps(self) -> list[tuple[str, Filters]]:
        """Each active filter alone, as (description, Filters) in sidebar order."""
        out: list[tuple[str, Filters]] = []
        if self.publishers:
            out.append((f"publisher = {', '.join(self.publishers)}", Filters(publishers=self.publishers)))
        if self.date_from or self.date_to:
            span = f"{self.date_from or '…'} – {self.date_to or '…'}"
            out.append((f"published {span}", Filters(date_from=self.date_from, date_to=self.date_to)))
        if self.companies:
            out.append((f"company = {', '.join(self.companies)}", Filters(companies=self.companies)))
        if self.languages:
            out.append((f"language = {', '.join(self.languages)}", Filters(languages=self.languages)))
        if self.statuses:
            out.append((f"status = {', '.join(self.statuses)}", Filters(statuses=self.statuses)))
        return out

    def describe(self) -> list[str]:
        return [text for text, _ in self.steps()]

    def selection(self) -> Selection:
        """These filters as the store applies them in DuckDB (``analysis.store.read_selection``)."""
        return Selection(publishers=self.publishers, date_from=self.date_from, date_to=self.date_to,
                         companies=self.companies, languages=self.languages, statuses=self.statuses,
                         unknown_publisher=UNKNOWN_PUBLISHER)

    def joined(self, other: Filters) -> Filters:
        """These filters, with each one left open taken from ``other``."""
        return Filters(**{
            f.name: getattr(self, f.name) or getattr(other, f.name) for f in dataclasses.fields(self)
        })  # fmt: skip


def filter_options(frames: Frames) -> dict[str, list[str]]:
    """The choices each sidebar filter offers, from the unfiltered store (``top_companies``:
    the ``COMPANY_CHOICES`` most reported companies, the list a long store offers)."""
    arts = frames.articles
    companies: set[str] = set()
    for frame in (frames.rounds, frames.valuations, frames.mentions):
        companies |= {str(c) for c in frame["company"].dropna() if str(c).strip()}
    return {
        "publishers": sorted({publisher_label(p) for p in arts["publisher"]}, key=str.casefold),
        "companies": sorted(companies, key=str.casefold),
        "top_companies": chart_companies(frames, COMPANY_CHOICES)[0],
        "languages": sorted({str(x) for x in arts["language"].dropna() if str(x).strip()}),
        "statuses": list(STATUSES),
    }


def date_span(articles: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    """First and last publication dates of the articles (None when unknown)."""
    dates = articles["published"].dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def _article_mask(articles: pd.DataFrame, f: Filters) -> pd.Series:
    mask = pd.Series(True, index=articles.index)
    if f.publishers:
        mask &= articles["publisher"].map(publisher_label).isin(f.publishers)
    if f.date_from or f.date_to:
        published = articles["published"]
        if f.date_from:
            mask &= published >= pd.Timestamp(f.date_from)
        if f.date_to:
            mask &= published <= pd.Timestamp(f.date_to)
        mask &= published.notna()
    if f.languages:
        mask &= articles["language"].isin(f.languages)
    return mask


def _isin(frame: pd.DataFrame, column: str, values: Iterable[Any]) -> pd.Series:
    """The rows whose text ``column`` is one of ``values`` (a missing cell is none of them)."""
    return frame[column].isin({str(v) for v in values})


def apply_filters(frames: Frames, f: Filters) -> Frames:
    """The frames restricted to the filters.

    Articles are selected by publisher, publication date and language; a figure (mention,
    valuation) must come from a selected article and match company and status; a round is
    kept when a selected article reports it and its company and status match; investments
    and source comparisons follow their rounds (and, for comparisons, their articles).
    Filtering on company or status also keeps only the articles holding such figures.
    """
    if not f.active:
        return frames
    arts = frames.articles[_article_mask(frames.articles, f)]
    base_ids = set(arts["article_id"])

    def figure_mask(frame: pd.DataFrame) -> pd.Series:
        mask = _isin(frame, "article_id", base_ids)
        if f.companies:
            mask &= _isin(frame, "company", f.companies)
        if f.statuses:
            mask &= _isin(frame, "status", f.statuses)
        return mask

    mentions = frames.mentions[figure_mask(frames.mentions)]
    valuations = frames.valuations[figure_mask(frames.valuations)]

    rounds = frames.rounds
    rmask = pd.Series(True, index=rounds.index)
    if f.companies:
        rmask &= _isin(rounds, "company", f.companies)
    if f.statuses:
        rmask &= _isin(rounds, "status", f.statuses)
    if f.publishers or f.date_from or f.date_to or f.languages:
        links = round_article_links(frames)
        rmask &= _isin(rounds, "round_id", links.loc[links["article_id"].isin(base_ids), "round_id"])
    rounds = rounds[rmask]
    round_ids = set(rounds["round_id"])

    if f.companies or f.statuses:
        links = round_article_links(frames)
        holding = set(mentions["article_id"]) | set(valuations["article_id"])
        holding |= set(links.loc[links["round_id"].isin(round_ids), "article_id"])
        arts = arts[_isin(arts, "article_id", holding & base_ids)]
    art_ids = set(arts["article_id"])

    inv = frames.investments
    inv = inv[_isin(inv, "round_id", round_ids)]
    if f.companies:
        inv = inv[_isin(inv, "company", f.companies)]
    sc = frames.source_comparison
    sc = sc[_isin(sc, "round_id", round_ids) & _isin(sc, "article_id", art_ids)]
    return Frames(
        articles=arts.reset_index(drop=True),
        mentions=mentions[_isin(mentions, "article_id", art_ids)].reset_index(drop=True),
        rounds=rounds.reset_index(drop=True),
        investments=inv.reset_index(drop=True),
        valuations=valuations[_isin(valuations, "article_id", art_ids)].reset_index(drop=True),
        source_comparison=sc.reset_index(drop=True),
    )


def why_empty(frames: Frames, f: Filters, name: str) -> str:
    """Why a frame is empty under the filters, in words an analyst can act on."""
    noun = FRAME_NOUNS[name]
    total = len(getattr(frames, name))
    if total == 0:
        n_articles = len(frames.articles)
        if n_articles == 0:
            return f"No {noun} yet: the store holds no articles. Add some on the Data page."
        return f"No {noun} in the store: none of its {n_articles} articles states one."
    steps = f.steps()
    for text, alone in steps:
        if len(getattr(apply_filters(frames, alone), name)) == 0:
            return f"No {noun} match: {text} removes all {total} {noun}."
    cumulative = Filters()
    applied: list[str] = []
    for text, alone in steps:
        cumulative = cumulative.joined(alone)
        applied.append(text)
        if len(getattr(apply_filters(frames, cumulative), name)) == 0:
            return f"No {noun} match: {' and '.join(applied)} together remove all {total} {noun}."
    return f"No {noun} match the current filters."
