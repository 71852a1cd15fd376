"""Data shaping for the dashboard: filters, headline figures, cap table, timeline, highlights.

Pure pandas, no Streamlit: every page of the dashboard reads its filters, calls one of
these functions and draws the result, so everything an analyst sees can be unit-tested
here. The input is the set of frames :func:`analysis.frames.load` returns (articles,
mentions, rounds, investments, valuations, source_comparison); nothing here writes.

Conventions:
- Money stays numeric (units, e.g. 1.7e9) in the frames; :func:`fmt_money` makes the text.
- An unknown amount is NaN/None and its text is ``"unknown"`` in every money text cell
  (amount, post-money, pre-money, a cap-table cell, a total), never zero or blank.
- Any other missing value is an empty cell: "" in text columns, NaN/NaT/None elsewhere (a
  table shows it blank; :func:`screen` turns missing text into "").
- A date is kept as a date (datetime64) beside a precision column (``day``/``month``/
  ``year``): ``X_precision``, ``X precision``, or a ``Precision`` column right after it. On
  screen it reads ``"9 Sep 2025"``, ``"Dec 2023"``, ``"2024"`` (:func:`screen`); in a CSV it
  stays ISO ``YYYY-MM-DD`` with its precision column (:func:`csv_frame`). Tables come sorted
  by date.
- A round is named ``"Series B · Jun 2024"`` within a company (:func:`round_title`) and
  ``"Mistral AI · Series B · Jun 2024"`` across companies (:func:`round_name`).
- A file is shown relative to the common folder of the articles (:func:`relative_paths`).
- Percentages (stakes, spreads) are in percent units (11.0 means 11 %).
- A *source* is one article; its label is its publisher, made unique with the title.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

FRAME_NAMES: tuple[str, ...] = (
    "articles",
    "mentions",
    "rounds",
    "investments",
    "valuations",
    "source_comparison",
)
UNKNOWN_PUBLISHER = "(unknown)"
UNKNOWN = "unknown"
STATUSES: tuple[str, ...] = ("announced", "reported")
Currency = Literal["EUR", "USD"]

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e9, " bn"), (1e6, " M"), (1e3, " k"))
#: Companies a chart draws by default when the filters leave more (the most reported first).
CHART_COMPANIES = 8


# --------------------------------------------------------------------------- frames


@dataclass
class Tables:
    """The six frames the dashboard shows, always present (possibly empty)."""

    articles: pd.DataFrame = field(default_factory=pd.DataFrame)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    rounds: pd.DataFrame = field(default_factory=pd.DataFrame)
    investments: pd.DataFrame = field(default_factory=pd.DataFrame)
    valuations: pd.DataFrame = field(default_factory=pd.DataFrame)
    source_comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Derived lookups computed once per Tables (the frames are treated as read-only).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, frames: Any) -> Tables:
        """Wrap any object (or mapping) carrying the six frames as attributes or keys."""
        get = frames.get if isinstance(frames, Mapping) else lambda n, d=None: getattr(frames, n, d)
        out = {}
        for name in FRAME_NAMES:
            frame = get(name, None)
            out[name] = frame.reset_index(drop=True) if isinstance(frame, pd.DataFrame) else pd.DataFrame()
        return cls(**out)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Name -> frame, in display order."""
        return {name: getattr(self, name) for name in FRAME_NAMES}

    def count(self, name: str) -> int:
        return len(getattr(self, name))


def _col(frame: pd.DataFrame, name: str, default: Any = None) -> pd.Series:
    """A column, or a column of ``default`` when the frame lacks it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([default] * len(frame), index=frame.index, dtype=object)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict, set)) else False
    except (TypeError, ValueError):
        return False


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and NA: a value a table shows blank."""
    return _is_missing(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, with every missing value (NaN, NaT, NA) as None."""
    if frame.empty:
        return []
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def as_list(value: Any) -> list[str]:
    """A list of strings from a list, array, or ``;``/``|``/``,``-separated string cell."""
    if value is None or (
        not isinstance(value, str) and not hasattr(value, "__iter__") and _is_missing(value)
    ):
        return []
    if isinstance(value, str):
        parts = re.split(r"\s*[;|]\s*", value) if re.search(r"[;|]", value) else re.split(r"\s*,\s*", value)
        return [p for p in (x.strip() for x in parts) if p]
    if isinstance(value, Iterable):
        return [str(x) for x in value if not _is_missing(x) and str(x).strip()]
    return [] if _is_missing(value) else [str(value)]


def to_date(value: Any) -> dt.date | None:
    """A ``datetime.date`` from a date, datetime, Timestamp or ISO string; None if unknown."""
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.date()


def date_series(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as datetime64 (NaT where unknown), whatever its stored type."""
    col = _col(frame, name)
    if len(col) == 0:
        return pd.Series(pd.to_datetime([]), index=frame.index)
    if pd.api.types.is_datetime64_any_dtype(col.dtype):  # the store's frames: no per-cell work
        stamps = col.dt.tz_localize(None) if getattr(col.dt, "tz", None) is not None else col
        return stamps.dt.normalize().astype("datetime64[ns]")
    return pd.to_datetime(col.map(lambda v: to_date(v)), errors="coerce")


def publisher_label(value: Any) -> str:
    """The publisher as the filter shows it; an unknown publisher is ``(unknown)``."""
    if _is_missing(value) or not str(value).strip():
        return UNKNOWN_PUBLISHER
    return str(value).strip()


def source_labels(articles: pd.DataFrame) -> dict[str, str]:
    """article_id -> a short unique source label (publisher, disambiguated by title)."""
    if articles.empty or "article_id" not in articles.columns:
        return {}
    pubs = _col(articles, "publisher").map(publisher_label)
    counts = pubs.value_counts()
    labels: dict[str, str] = {}
    used: set[str] = set()
    for aid, pub, title, file in zip(
        articles["article_id"], pubs, _col(articles, "title"), _col(articles, "file"), strict=True
    ):
        label = pub
        if counts.get(pub, 0) > 1 or pub == UNKNOWN_PUBLISHER:
            if not _is_missing(title) and str(title).strip():
                hint = str(title)
            elif not _is_missing(file) and str(file).strip():  # its name, not the folders it was read from
                hint = os.path.basename(str(file)) or str(file)
            else:
                hint = str(aid)
            hint = hint if len(hint) <= 32 else hint[:31].rstrip() + "…"
            label = f"{pub if pub != UNKNOWN_PUBLISHER else '?'} · {hint}"
        base, n = label, 2
        while label in used:
            label, n = f"{base} ({n})", n + 1
        used.add(label)
        labels[str(aid)] = label
    return labels


# --------------------------------------------------------------------------- filters


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

        statuses = tuple(s for s in values("status") if s in STATUSES)
        return cls(
            publishers=values("publisher"),
            date_from=one_date("from"),
            date_to=one_date("to"),
            companies=values("company"),
            languages=values("lang"),
            statuses=statuses,
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


#: How many companies the sidebar lists (the most reported); any other is typed by name.
COMPANY_CHOICES = 200


def filter_options(tables: Tables) -> dict[str, list[str]]:
    """The choices each sidebar filter offers, from the unfiltered store (``top_companies``:
    the ``COMPANY_CHOICES`` most reported companies, the list a long store offers)."""
    arts = tables.articles
    companies = set()
    for name in ("rounds", "valuations", "mentions"):
        frame = getattr(tables, name)
        companies |= {str(c) for c in _col(frame, "company").dropna() if str(c).strip()}
    statuses = set(STATUSES)
    for name in ("mentions", "rounds", "valuations"):
        statuses |= {str(s) for s in _col(getattr(tables, name), "status").dropna()}
    return {
        "publishers": sorted({publisher_label(p) for p in _col(arts, "publisher")}, key=str.casefold),
        "companies": sorted(companies, key=str.casefold),
        "top_companies": chart_companies(tables, COMPANY_CHOICES)[0],
        "languages": sorted({str(x) for x in _col(arts, "language").dropna() if str(x).strip()}),
        "statuses": sorted(statuses, key=lambda s: (s not in STATUSES, s)),
    }


#: How many articles the Articles page's picker lists; a longer view is searched first.
ARTICLE_CHOICES = 200


def search_labels(labels: Mapping[str, str], query: str) -> list[str]:
    """The keys of ``labels`` whose label holds every word of ``query`` (any case), in order;
    all of them for an empty query."""
    words = query.casefold().split()
    return [key for key, label in labels.items() if all(w in label.casefold() for w in words)]


def match_companies(typed: Sequence[str], companies: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the store's spelling of each typed company name, the names it does not know): a
    typed name matches whatever its case and surrounding spaces."""
    by_key = {c.strip().casefold(): c for c in companies}
    found: list[str] = []
    unknown: list[str] = []
    for name in typed:
        match = by_key.get(str(name).strip().casefold())
        if match is None:
            unknown.append(str(name))
        elif match not in found:
            found.append(match)
    return found, unknown


def date_span(articles: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    """First and last publication dates of the articles (None when unknown)."""
    dates = date_series(articles, "published").dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def round_article_links(tables: Tables) -> pd.DataFrame:
    """(round_id, article_id) pairs: which article reports which round, from every link we have."""
    if "round_article_links" not in tables.memo:
        tables.memo["round_article_links"] = _round_article_links(tables)
    return tables.memo["round_article_links"]


def _round_article_links(tables: Tables) -> pd.DataFrame:
    pairs: list[pd.DataFrame] = []
    sc = tables.source_comparison
    if {"round_id", "article_id"} <= set(sc.columns):
        pairs.append(sc[["round_id", "article_id"]])
    m = tables.mentions
    round_ids = set(_col(tables.rounds, "round_id").dropna().astype(str))
    if {"round_key", "article_id"} <= set(m.columns):
        linked = m[["round_key", "article_id"]].dropna().rename(columns={"round_key": "round_id"})
        pairs.append(linked[linked["round_id"].astype(str).isin(round_ids)])
    if {"round_id", "article_id"} <= set(m.columns):
        pairs.append(m[["round_id", "article_id"]].dropna())
    r = tables.rounds
    if {"round_id", "sources"} <= set(r.columns):
        article_ids = set(_col(tables.articles, "article_id").astype(str))
        rows = [
            (rid, src)
            for rid, sources in zip(r["round_id"], r["sources"], strict=True)
            for src in as_list(sources)
            if src in article_ids
        ]
        if rows:
            pairs.append(pd.DataFrame(rows, columns=["round_id", "article_id"]))
    if not pairs:
        return pd.DataFrame({"round_id": pd.Series(dtype=str), "article_id": pd.Series(dtype=str)})
    out = pd.concat(pairs, ignore_index=True).dropna().astype(str)
    return out.drop_duplicates(ignore_index=True)


def _article_mask(articles: pd.DataFrame, f: Filters) -> pd.Series:
    mask = pd.Series(True, index=articles.index)
    if f.publishers:
        mask &= _col(articles, "publisher").map(publisher_label).isin(f.publishers)
    if f.date_from or f.date_to:
        published = date_series(articles, "published")
        if f.date_from:
            mask &= published >= pd.Timestamp(f.date_from)
        if f.date_to:
            mask &= published <= pd.Timestamp(f.date_to)
        mask &= published.notna()
    if f.languages:
        mask &= _col(articles, "language").astype(str).isin(f.languages)
    return mask


def _isin(frame: pd.DataFrame, column: str, values: Iterable[Any]) -> pd.Series:
    keep = {str(v) for v in values}
    col = _col(frame, column)
    if pd.api.types.is_string_dtype(col.dtype) and col.dtype != object:
        cells = col.astype(object)  # Python strings: a set lookup each, no per-cell conversion
    else:
        cells = col.map(lambda v: None if _is_missing(v) else str(v))
    return cells.isin(keep).astype(bool)


def apply_filters(tables: Tables, f: Filters) -> Tables:
    """The frames restricted to the filters.

    Articles are selected by publisher, publication date and language; a figure (mention,
    valuation) must come from a selected article and match company and status; a round is
    kept when a selected article reports it and its company and status match; investments
    and source comparisons follow their rounds (and, for comparisons, their articles).
    Filtering on company or status also keeps only the articles holding such figures.
    """
    if not f.active:
        return tables
    arts = tables.articles[_article_mask(tables.articles, f)]
    base_ids = set(_col(arts, "article_id").astype(str))

    def figure_mask(frame: pd.DataFrame) -> pd.Series:
        mask = _isin(frame, "article_id", base_ids)
        if f.companies:
            mask &= _isin(frame, "company", f.companies)
        if f.statuses:
            mask &= _isin(frame, "status", f.statuses)
        return mask

    mentions = tables.mentions[figure_mask(tables.mentions)]
    valuations = tables.valuations[figure_mask(tables.valuations)]

    rounds = tables.rounds
    rmask = pd.Series(True, index=rounds.index)
    if f.companies:
        rmask &= _isin(rounds, "company", f.companies)
    if f.statuses:
        rmask &= _isin(rounds, "status", f.statuses)
    if f.publishers or f.date_from or f.date_to or f.languages:
        links = round_article_links(tables)
        reported = set(links.loc[links["article_id"].isin(base_ids), "round_id"])
        rmask &= _isin(rounds, "round_id", reported)
    rounds = rounds[rmask]
    round_ids = set(_col(rounds, "round_id").astype(str))

    if f.companies or f.statuses:
        links = round_article_links(tables)
        holding = set(_col(mentions, "article_id").astype(str)) | set(
            _col(valuations, "article_id").astype(str)
        )
        holding |= set(links.loc[links["round_id"].isin(round_ids), "article_id"])
        arts = arts[_isin(arts, "article_id", holding & base_ids)]
    art_ids = set(_col(arts, "article_id").astype(str))

    inv = tables.investments
    inv = inv[_isin(inv, "round_id", round_ids)]
    if f.companies:
        inv = inv[_isin(inv, "company", f.companies)]
    sc = tables.source_comparison
    sc = sc[_isin(sc, "round_id", round_ids) & _isin(sc, "article_id", art_ids)]
    return Tables(
        articles=arts.reset_index(drop=True),
        mentions=mentions[_isin(mentions, "article_id", art_ids)].reset_index(drop=True),
        rounds=rounds.reset_index(drop=True),
        investments=inv.reset_index(drop=True),
        valuations=valuations[_isin(valuations, "article_id", art_ids)].reset_index(drop=True),
        source_comparison=sc.reset_index(drop=True),
    )


_NOUNS = {
    "articles": "articles",
    "mentions": "figures",
    "rounds": "rounds",
    "investments": "investments",
    "valuations": "valuations",
    "source_comparison": "source comparisons",
}


def why_empty(tables: Tables, f: Filters, name: str) -> str:
    """Why a frame is empty under the filters, in words an analyst can act on."""
    noun = _NOUNS.get(name, name)
    total = tables.count(name)
    if total == 0:
        if tables.count("articles") == 0:
            return f"No {noun} yet: the store holds no articles. Add some on the Data page."
        return f"No {noun} in the store: none of its {tables.count('articles')} articles states one."
    steps = f.steps()
    for text, alone in steps:
        if apply_filters(tables, alone).count(name) == 0:
            return f"No {noun} match: {text} removes all {total} {noun}."
    cumulative = Filters()
    applied: list[str] = []
    for text, alone in steps:
        cumulative = _merge(cumulative, alone)
        applied.append(text)
        if apply_filters(tables, cumulative).count(name) == 0:
            return f"No {noun} match: {' and '.join(applied)} together remove all {total} {noun}."
    return f"No {noun} match the current filters."


def _merge(a: Filters, b: Filters) -> Filters:
    return Filters(
        publishers=a.publishers or b.publishers,
        date_from=a.date_from or b.date_from,
        date_to=a.date_to or b.date_to,
        companies=a.companies or b.companies,
        languages=a.languages or b.languages,
        statuses=a.statuses or b.statuses,
    )


# --------------------------------------------------------------------------- formatting


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^])")


def md_escape(text: Any) -> str:
    """``text`` shown literally by a Streamlit element that reads Markdown (st.caption,
    st.info, st.metric, st.subheader…): every ASCII punctuation mark that Markdown, HTML,
    Streamlit's directives (``:red[…]``) or LaTeX (``$…$``) could read is backslash-escaped
    and line breaks become spaces, so article data can't add links, images or formatting."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def fmt_money(value: Any, currency: Any = None, *, unknown: str = UNKNOWN) -> str:
    """``1.7e9, "EUR"`` -> ``"€1.7 bn"``; ``600e6, "USD"`` -> ``"$600 M"``; None -> ``"unknown"``."""
    if _is_missing(value):
        return unknown
    v = float(value)
    cur = None if _is_missing(currency) else str(currency)
    scale, suffix = next(((s, x) for s, x in _SCALES if abs(v) >= s), (1.0, ""))
    number = f"{v / scale:,.2f}".rstrip("0").rstrip(".")
    if cur in _SYMBOLS:
        return f"{_SYMBOLS[cur]}{number}{suffix}"
    if cur:
        return f"{number}{suffix} {cur}"
    return f"{number}{suffix} (currency unknown)"


def fmt_pct(value: Any) -> str:
    """``11.04`` -> ``"11 %"``; ``11.1`` -> ``"11.1 %"``; None -> ``""``."""
    if _is_missing(value):
        return ""
    return f"{float(value):.1f}".rstrip("0").rstrip(".") + " %"


def fmt_date(value: Any, precision: Any = "day") -> str:
    """A date at its precision: ``"9 Sep 2025"``, ``"Sep 2025"``, ``"2025"``; ``""`` if unknown."""
    d = to_date(value)
    if d is None:
        return ""
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return d.strftime("%b %Y")
    return f"{d.day} {d.strftime('%b %Y')}"


def round_name(row: Mapping[str, Any]) -> str:
    """``"Mistral AI · Series C · Sep 2025"``: how a round is named in every view (``" ✎"``
    after it when an analyst corrected one of its figures)."""
    label = row.get("round_label")
    label = "round" if _is_missing(label) or not str(label).strip() else str(label)
    when = fmt_date(row.get("date"), row.get("date_precision") or "month")
    parts = [str(row.get("company") or "?"), label] + ([when] if when else [])
    return " · ".join(parts) + (CORRECTED_MARK if corrected_columns(row) else "")


def round_title(row: Mapping[str, Any]) -> str:
    """``"Series C · Sep 2025"``: a round named within its company (``"round · 2024"`` when
    no label is stated, the label alone when no date is)."""
    label = row.get("round_label")
    label = "round" if _is_missing(label) or not str(label).strip() else str(label)
    when = fmt_date(row.get("date"), row.get("date_precision") or "month")
    return f"{label} · {when}" if when else label


PRECISIONS: tuple[str, ...] = ("day", "month", "year")


def _precision(value: Any, default: str = "day") -> str:
    """A precision cell as ``day``/``month``/``year`` (``default`` when missing or unknown)."""
    return value if isinstance(value, str) and value in PRECISIONS else default


def period(value: Any, precision: Any = "day") -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a date of this precision can mean (its month, its year);
    None when the date is unknown."""
    d = to_date(value)
    if d is None:
        return None
    prec = _precision(precision)
    if prec == "year":
        return pd.Timestamp(d.year, 1, 1), pd.Timestamp(d.year, 12, 31)
    if prec == "month":
        first = pd.Timestamp(d.year, d.month, 1)
        return first, first + pd.offsets.MonthEnd(0)
    return pd.Timestamp(d), pd.Timestamp(d)


def _path(value: Any) -> str | None:
    return None if _is_missing(value) or not str(value).strip() else str(value)


def relative_paths(paths: Iterable[Any], among: Iterable[Any] | None = None) -> list[str]:
    """Each file path relative to the common folder of ``among`` (default: of ``paths``
    themselves), the folder that was ingested: ``/home/me/news/2024/a.txt`` reads
    ``2024/a.txt``. A path kept as given (relative) is taken from the current folder; a
    missing path is ""."""
    given = [_path(p) for p in paths]
    pool = given if among is None else [_path(p) for p in among]
    folders = [os.path.dirname(os.path.abspath(p)) for p in pool if p]
    try:
        root = os.path.commonpath(folders) if folders else None
    except ValueError:  # different drives: nothing in common
        root = None

    def rel(p: str | None) -> str:
        if not p:
            return ""
        if root is None:
            return p
        try:
            return os.path.relpath(os.path.abspath(p), root)
        except ValueError:
            return p

    return [rel(p) for p in given]


#: Columns holding file paths, shown relative to their common folder.
FILE_COLUMNS = ("file", "File")


def _is_date_column(name: Any, series: pd.Series) -> bool:
    """Dates (not timestamps: ``ingested_at`` and other ``…_at`` columns keep their time)."""
    if str(name).lower().endswith("_at"):
        return False
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return True
    if series.dtype == object:
        first = next((v for v in series if not _is_missing(v)), None)
        return isinstance(first, dt.date)
    return False


def date_columns(frame: pd.DataFrame) -> dict[str, str | None]:
    """Each date column of a table -> the column stating its precision (None: day).

    A date column ``X`` takes its precision from ``X_precision`` or ``X precision``, or
    from a ``Precision`` column right after it (``Date``, ``Precision``)."""
    out: dict[str, str | None] = {}
    names = list(frame.columns)
    for i, name in enumerate(names):
        if not _is_date_column(name, frame[name]):
            continue
        own = next((c for c in (f"{name}_precision", f"{name} precision") if c in frame.columns), None)
        if own is None and i + 1 < len(names) and names[i + 1] == "Precision":
            own = "Precision"
        out[name] = own
    return out


def _text_missing_blank(series: pd.Series) -> pd.Series:
    textual = pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)
    if textual and series.isna().any():
        return series.astype(object).where(series.notna(), "")
    return series


def screen(frame: pd.DataFrame, files_root: Sequence[Any] | None = None) -> pd.DataFrame:
    """A table as the dashboard shows it: each date as text at its precision (``"9 Sep
    2025"``, ``"Dec 2023"``, ``"2024"``) with its precision column dropped, file paths
    relative to their common folder (of ``files_root`` when given: the whole table's paths,
    when ``frame`` is one page of it), missing text as "". Rows and index are kept."""
    out = frame.copy()
    dates = date_columns(frame)
    for name, prec in dates.items():
        precisions = frame[prec] if prec else pd.Series("day", index=frame.index)
        out[name] = [fmt_date(v, _precision(p)) for v, p in zip(frame[name], precisions, strict=True)]
    out = out.drop(columns=[p for p in dict.fromkeys(dates.values()) if p])
    for name in FILE_COLUMNS:
        if name in out.columns and len(out):
            out[name] = relative_paths(out[name], files_root)
    for name in out.columns:
        out[name] = _text_missing_blank(out[name])
    return out


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as its CSV holds it: each date ISO (``YYYY-MM-DD``) beside its precision
    column, kept (the screen shows the precise text instead)."""
    out = frame.copy()
    for name in date_columns(frame):
        out[name] = [d.isoformat() if (d := to_date(v)) else None for v in frame[name]]
    return out


def _round_names(rounds: pd.DataFrame) -> dict[str, str]:
    names: dict[str, str] = {}
    used: set[str] = set()
    for row in records(rounds):
        name, n = round_name(row), 2
        base = name
        while name in used:
            name, n = f"{base} ({n})", n + 1
        used.add(name)
        names[str(row.get("round_id"))] = name
    return names


def _sorted_rounds(rounds: pd.DataFrame) -> pd.DataFrame:
    if rounds.empty:
        return rounds
    order = rounds.assign(_d=date_series(rounds, "date"))
    return order.sort_values(["_d", "company"], na_position="last", kind="stable").drop(columns="_d")


# --------------------------------------------------------------------------- overview


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the Overview page."""

    total_raised_eur: float | None
    total_raised_usd: float | None
    rounds_with_amount: int
    n_rounds: int
    latest_valuation: dict[str, Any] | None
    n_investors: int
    n_sources: int
    n_publishers: int
    latest_article: dt.date | None
    latest_article_precision: str | None = None


def headline(tables: Tables) -> Headline:
    """Headline figures of the (filtered) frames.

    Total raised sums the rounds whose amount is known (EUR and USD at each round's date).
    The latest valuation is the most recent post-money figure: a round's post-money, or a
    stand-alone valuation that is not stated as pre-money.
    """
    r = tables.rounds
    eur = pd.to_numeric(_col(r, "amount_eur"), errors="coerce")
    usd = pd.to_numeric(_col(r, "amount_usd"), errors="coerce")
    known = eur.notna() | usd.notna()
    investors = {str(x) for x in _col(tables.investments, "investor").dropna()}
    for col in ("lead_investors", "investors"):
        for cell in _col(r, col):
            investors |= set(as_list(cell))
    _, last = date_span(tables.articles)
    precision = None
    if last is not None:
        published = date_series(tables.articles, "published")
        latest = tables.articles[published == pd.Timestamp(last)]
        ranks = {"day": 0, "month": 1, "year": 2}
        options = [p for p in _col(latest, "published_precision").dropna().astype(str) if p in ranks]
        precision = min(options, key=ranks.__getitem__) if options else None
    return Headline(
        total_raised_eur=float(eur.sum()) if eur.notna().any() else None,
        total_raised_usd=float(usd.sum()) if usd.notna().any() else None,
        rounds_with_amount=int(known.sum()),
        n_rounds=len(r),
        latest_valuation=latest_valuation(tables),
        n_investors=len(investors),
        n_sources=len(tables.articles),
        n_publishers=int(_col(tables.articles, "publisher").map(publisher_label).nunique()),
        latest_article=last,
        latest_article_precision=precision,
    )


def latest_valuation(tables: Tables) -> dict[str, Any] | None:
    """The most recent post-money valuation (value, currency, value_eur, value_usd, date,
    precision, company, status, source, derived); None when no valuation is known.

    Candidates are the rounds with a stated or derived post-money and the stand-alone
    valuations not stated as pre-money (dated by their own date, else their article's
    publication). The latest date wins; on a tie an announced figure beats a reported one,
    then a round's post-money beats a stand-alone figure.
    """
    r = tables.rounds
    r_date = date_series(r, "date")
    r_keep = r[_col(r, "post_money").notna() & r_date.notna()]
    v = tables.valuations
    v_own = date_series(v, "date")
    v_date = v_own.fillna(date_series(v, "published"))
    v_keep = v[(_col(v, "basis").astype(str) != "pre") & _col(v, "value").notna() & v_date.notna()]
    candidates = pd.concat(
        [
            pd.DataFrame({"date": r_date[r_keep.index], "announced": _col(r_keep, "status") == "announced",
                          "rank": 1, "pos": r_keep.index, "kind": "round"}),
            pd.DataFrame({"date": v_date[v_keep.index], "announced": _col(v_keep, "status") == "announced",
                          "rank": 0, "pos": v_keep.index, "kind": "valuation"}),
        ],
        ignore_index=True,
    )
    if candidates.empty:
        return None
    best = candidates.sort_values(["date", "announced", "rank"], kind="stable").iloc[-1]
    if best["kind"] == "round":
        rec = records(r.loc[[best["pos"]]])[0]
        return {
            "date": to_date(rec.get("date")),
            "precision": rec.get("date_precision"),
            "company": rec.get("company"),
            "value": rec.get("post_money"),
            "currency": rec.get("valuation_currency") or rec.get("currency"),
            "value_eur": rec.get("post_money_eur"),
            "value_usd": rec.get("post_money_usd"),
            "status": rec.get("status"),
            "source": round_name(rec),
            "derived": _flag(rec.get("post_money_derived")),
        }
    rec = records(v.loc[[best["pos"]]])[0]
    own_date = to_date(rec.get("date"))
    labels = source_labels(tables.articles)
    return {
        "date": own_date or to_date(rec.get("published")),
        "precision": rec.get("date_precision") if own_date else None,
        "company": rec.get("company"),
        "value": rec.get("value"),
        "currency": rec.get("currency"),
        "value_eur": rec.get("value_eur"),
        "value_usd": rec.get("value_usd"),
        "status": rec.get("status"),
        "source": labels.get(str(rec.get("article_id")), publisher_label(rec.get("publisher"))),
        "derived": False,
    }


def rounds_table(rounds: pd.DataFrame) -> pd.DataFrame:
    """The rounds as the Overview shows them, oldest first: one row a round named
    ``"Series B · Jun 2024"``, its date (datetime64) and precision, numeric money columns
    (native, EUR, USD) and money text (``"unknown"`` when not stated)."""
    cols = [
        "Company", "Round", "Date", "Precision", "Amount", "Amount (EUR)", "Amount (USD)", "Post-money",
        "Post-money (EUR)", "Pre-money", "Lead", "Investors", "Sources", "Status", "Agreement", "Spread %",
        "Confidence", "Corrected",
    ]  # fmt: skip
    if rounds.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for rec in records(_sorted_rounds(rounds)):
        marked = corrected_columns(rec)
        mark = {name: CORRECTED_MARK if name in marked else "" for name in _MARKED_COLUMNS}
        vcur = rec.get("valuation_currency") or rec.get("currency")
        post = fmt_money(rec.get("post_money"), vcur)
        pre = fmt_money(rec.get("pre_money"), vcur)
        if not _is_missing(rec.get("post_money")) and _flag(rec.get("post_money_derived")):
            post += " (derived)"
        if not _is_missing(rec.get("pre_money")) and _flag(rec.get("pre_money_derived")):
            pre += " (derived)"
        rows.append(
            {
                "Company": f"{rec.get('company')}{mark['company']}",
                "Round": round_title(rec) + mark["round_label"],
                "Date": to_date(rec.get("date")),
                "Precision": rec.get("date_precision") if to_date(rec.get("date")) else None,
                "Amount": fmt_money(rec.get("amount"), rec.get("currency")) + mark["amount"],
                "Amount (EUR)": _num(rec.get("amount_eur")),
                "Amount (USD)": _num(rec.get("amount_usd")),
                "Post-money": post + mark["post_money"],
                "Post-money (EUR)": _num(rec.get("post_money_eur")),
                "Pre-money": pre + mark["pre_money"],
                "Lead": ", ".join(as_list(rec.get("lead_investors"))) + mark["lead_investors"],
                "Investors": ", ".join(as_list(rec.get("investors"))) + mark["investors"],
                "Sources": _int(rec.get("n_sources")),
                "Status": (rec.get("status") or "") + mark["status"],
                "Agreement": rec.get("agreement") or "",
                "Spread %": _num(rec.get("spread_pct")),
                "Confidence": _num(rec.get("confidence")),
                "Corrected": correction_note(rec),
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    out["Date"] = pd.to_datetime(out["Date"], errors="coerce")
    return out


#: Appended to a value an analyst corrected (its original is in the "Corrected" column).
CORRECTED_MARK = " ✎"
_MARKED_COLUMNS = (
    "company", "round_label", "amount", "post_money", "pre_money", "lead_investors", "investors", "status",
)
_MONEY_COLUMNS = frozenset({"amount", "pre_money", "post_money", "value"})
#: Words of the ``corrected`` column that name what happened to a round, not a column.
_EVENTS = {"merged": "merged with another round", "split": "split from a round"}
#: The rounds' columns behind a field of the source comparison (a field not listed is its own column).
_COMPARED_COLUMNS = {"valuation": {"pre_money", "post_money"}, "date": {"date", "date_precision"}}


def corrected_columns(rec: Mapping[str, Any]) -> set[str]:
    """The columns of a fact an analyst corrected (``corrected`` column; "confirmed" is none)."""
    raw = rec.get("corrected")
    if _is_missing(raw):
        return set()
    return {c for c in re.split(r"\s*;\s*", str(raw)) if c and c != "confirmed"}


def correction_note(rec: Mapping[str, Any]) -> str:
    """What an analyst changed, with the original value: ``"amount was €1.7 bn"``;
    ``"confirmed"`` for a fact confirmed as extracted; ``""`` when untouched."""
    raw = rec.get("corrected")
    if _is_missing(raw) or not str(raw).strip():
        return ""
    try:
        original = json.loads(str(rec.get("original") or "{}"))
    except json.JSONDecodeError:
        original = {}
    original = original if isinstance(original, dict) else {}
    notes = []
    for name in sorted(corrected_columns(rec)):
        if name in _EVENTS:
            notes.append(_EVENTS[name])
            continue
        old = original.get(name)
        if name in _MONEY_COLUMNS and isinstance(old, int | float):
            currency = original.get("currency") or rec.get("valuation_currency" if "money" in name else "currency")
            shown = fmt_money(old, currency or rec.get("currency"))
        elif isinstance(old, list):
            shown = ", ".join(str(x) for x in old) or "none"
        else:
            shown = "none" if old is None or old == "" else str(old)
        notes.append(f"{name.replace('_', ' ')} was {shown}")
    return "; ".join(notes) or "confirmed"


def _num(value: Any) -> float | None:
    if _is_missing(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _flag(value: Any) -> bool:
    """A boolean cell (Python, NumPy or pandas) as bool; missing is False."""
    return False if _is_missing(value) else bool(value)


def _int(value: Any) -> int | None:
    v = _num(value)
    return None if v is None else int(v)


def corpus_state(articles: pd.DataFrame) -> dict[str, Any]:
    """Size and shape of the corpus: counts per language and publisher, date span, characters."""
    first, last = date_span(articles)
    langs = _col(articles, "language").fillna("?").astype(str).value_counts()
    pubs = _col(articles, "publisher").map(publisher_label).value_counts()
    return {
        "n_articles": len(articles),
        "languages": {str(k): int(v) for k, v in langs.items()},
        "publishers": {str(k): int(v) for k, v in pubs.items()},
        "first": first,
        "last": last,
        "n_chars": int(pd.to_numeric(_col(articles, "n_chars"), errors="coerce").fillna(0).sum()),
    }


def articles_table(articles: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The articles with the number of figures extracted from each, newest first; the file
    relative to the articles' common folder (the ``article_id`` and ``ingested_at`` columns
    are for the page, not for display)."""
    cols = [
        "Published",
        "Precision",
        "Publisher",
        "Title",
        "Author",
        "Language",
        "Figures",
        "Characters",
        "File",
        "URL",
        "article_id",
        "ingested_at",
    ]
    if articles.empty:
        return pd.DataFrame(columns=cols)
    counts = (
        _col(mentions, "article_id").astype(str).value_counts()
        if mentions is not None
        else pd.Series(dtype=int)
    )
    out = pd.DataFrame(
        {
            "Published": date_series(articles, "published"),
            "Precision": _col(articles, "published_precision"),
            "Publisher": _col(articles, "publisher").map(publisher_label),
            "Title": _col(articles, "title"),
            "Author": _col(articles, "author"),
            "Language": _col(articles, "language"),
            "Figures": _col(articles, "article_id").astype(str).map(lambda a: int(counts.get(a, 0))),
            "Characters": pd.to_numeric(_col(articles, "n_chars"), errors="coerce"),
            "File": relative_paths(_col(articles, "file")),
            "URL": _col(articles, "url"),
            "article_id": _col(articles, "article_id").astype(str),
            "ingested_at": pd.to_datetime(_col(articles, "ingested_at"), errors="coerce"),
        }
    )
    return out.sort_values("Published", ascending=False, na_position="last", kind="stable").reset_index(
        drop=True
    )


def _insert_after(frame: pd.DataFrame, after: str, name: str, values: Any) -> pd.DataFrame:
    out = frame.copy()
    out.insert(list(out.columns).index(after) + 1, name, values)
    return out


def data_tables(tables: Tables) -> dict[str, pd.DataFrame]:
    """The frames as the Data page lists them: as stored, plus the precision of each date
    the store keeps without one (``published_precision`` of a figure's article, the
    ``first_reported_precision`` of a round), so the screen shows every date at its
    precision and the CSV keeps ISO dates with their precision."""
    arts = tables.articles
    ids = _col(arts, "article_id").astype(str)
    art_precision = dict(zip(ids, _col(arts, "published_precision"), strict=True))
    art_published = dict(zip(ids, date_series(arts, "published"), strict=True))
    out: dict[str, pd.DataFrame] = {}
    for name, frame in tables.frames().items():
        if (
            name != "articles"
            and {"published", "article_id"} <= set(frame.columns)
            and "published_precision" not in frame.columns
        ):
            frame = _insert_after(
                frame, "published", "published_precision",
                [art_precision.get(a) for a in frame["article_id"].astype(str)],
            )  # fmt: skip
        if name == "rounds" and "first_reported" in frame.columns and "first_reported_precision" not in frame.columns:
            links = round_article_links(tables)
            firsts = date_series(frame, "first_reported")
            ranks = {p: i for i, p in enumerate(PRECISIONS)}
            precisions = []
            for rid, first in zip(_col(frame, "round_id").astype(str), firsts, strict=True):
                found = [
                    art_precision.get(a)
                    for a in links.loc[links["round_id"] == rid, "article_id"]
                    if not pd.isna(first) and art_published.get(a) == first
                ]
                known = sorted((p for p in found if p in ranks), key=ranks.__getitem__)
                precisions.append(known[0] if known else None if pd.isna(first) else "day")
            frame = _insert_after(frame, "first_reported", "first_reported_precision", precisions)
        out[name] = frame
    return out


# --------------------------------------------------------------------------- timeline


@dataclass
class Timeline:
    """The series of the valuation chart, in one currency (values at each figure's date).

    Every series has the figure's date (first day), ``precision``, ``when`` (the date as
    text at its precision: ``"Dec 2023"``), and the span it can mean: ``start`` and ``end``
    (first and last day of its month or year; the day itself at day precision) and ``x``,
    the span's middle, where the chart draws it; each series is in ``x`` order.
    ``post``/``pre``: consensus valuations of the rounds (company, value, label, status, derived, native).
    ``points``: every source's valuation figure (company, value, source, published and
    published_precision, sentence, status, basis, native, article_id). ``raised``: round
    amounts (company, value, label, status, derived, native).
    """

    currency: Currency
    post: pd.DataFrame
    pre: pd.DataFrame
    points: pd.DataFrame
    raised: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.post.empty and self.pre.empty and self.points.empty and self.raised.empty


def ranked_companies(frame: pd.DataFrame, by: str = "round_id") -> list[str]:
    """The companies of ``frame``, the one with the most distinct ``by`` values first (the
    analyst's subject), then by name: the order of a page's company picker."""
    if frame.empty or "company" not in frame.columns:
        return []
    known = frame[_col(frame, "company").notna()]
    counts = known.groupby(known["company"].astype(str))[by].nunique() if by in known.columns else (
        known["company"].astype(str).value_counts())
    return sorted((c for c in counts.index if c.strip()), key=lambda c: (-int(counts[c]), c.casefold()))


def chart_companies(tables: Tables, limit: int | None = None) -> tuple[list[str], int]:
    """The companies a chart draws by default, and how many have figures at all.

    Companies are ranked by how many figures (rounds and source valuations) they have, most
    first, then by name: a corpus about one company charts it alone; a corpus of thousands
    of companies charts its ``limit`` most reported ones instead of an unreadable tangle.
    """
    names = pd.concat(
        [_col(tables.rounds, "company"), _col(tables.valuations, "company")], ignore_index=True
    ).dropna().astype(str)
    names = names[names.str.strip() != ""]
    counts = names.value_counts()
    ranked = sorted(counts.index, key=lambda c: (-int(counts[c]), c.casefold()))
    return ranked[: CHART_COMPANIES if limit is None else limit], len(ranked)


_SPAN_COLS = ["date", "precision", "when", "start", "end", "x"]
_ROUND_SERIES_COLS = [*_SPAN_COLS, "company", "value", "label", "status", "derived", "native"]
_POINT_COLS = [
    *_SPAN_COLS, "company", "value", "source", "published", "published_precision", "sentence", "status",
    "basis", "native", "article_id",
]  # fmt: skip


def _span(when: dt.date, precision: Any) -> dict[str, Any]:
    """A figure's date, precision, text and the span it means (first to last day, middle)."""
    prec = _precision(precision)
    start, end = period(when, prec) or (pd.Timestamp(when), pd.Timestamp(when))
    return {
        "date": pd.Timestamp(when),
        "precision": prec,
        "when": fmt_date(when, prec),
        "start": start,
        "end": end,
        "x": start + (end - start) / 2,
    }


def timeline(tables: Tables, currency: Currency = "EUR", companies: Sequence[str] | None = None) -> Timeline:
    """The valuation-timeline series (of ``companies`` only, when given); a figure without a
    date or a conversion is left out. A month- or year-precision figure spans its month or
    year (``start``/``end``) and is placed at its middle (``x``), never at the first day."""
    suffix = "_eur" if currency == "EUR" else "_usd"
    rounds, valuations = tables.rounds, tables.valuations
    if companies is not None:
        rounds = rounds[_isin(rounds, "company", companies)]
        valuations = valuations[_isin(valuations, "company", companies)]
    r = _sorted_rounds(rounds)
    names = _round_names(r)
    r_dates = date_series(r, "date")

    def round_series(value_col: str, derived_col: str | None) -> pd.DataFrame:
        rows = []
        known = pd.to_numeric(_col(r, value_col + suffix), errors="coerce").notna() & r_dates.notna()
        for rec in records(r[known]):
            value, when = _num(rec.get(value_col + suffix)), to_date(rec.get("date"))
            if value is None or when is None:
                continue
            native_cur = (
                rec.get("currency")
                if value_col == "amount"
                else rec.get("valuation_currency") or rec.get("currency")
            )
            rows.append(
                {
                    **_span(when, rec.get("date_precision")),
                    "company": rec.get("company"),
                    "value": value,
                    "label": names.get(str(rec.get("round_id")), round_name(rec)),
                    "status": rec.get("status") or "announced",
                    "derived": bool(derived_col and _flag(rec.get(derived_col))),
                    "native": fmt_money(rec.get(value_col), native_cur)
                    + (f"{CORRECTED_MARK} ({correction_note(rec)})" if corrected_columns(rec) else ""),
                }
            )
        out = pd.DataFrame(rows, columns=_ROUND_SERIES_COLS)
        return out.sort_values("x", kind="stable").reset_index(drop=True)

    labels = source_labels(tables.articles)
    article_ids = _col(tables.articles, "article_id").astype(str)
    published = dict(zip(article_ids, date_series(tables.articles, "published"), strict=True))
    precision = dict(zip(article_ids, _col(tables.articles, "published_precision"), strict=True))
    rows = []
    for rec in records(valuations):
        value = _num(rec.get("value" + suffix))
        aid = str(rec.get("article_id"))
        pub = to_date(published.get(aid)) if aid in published else to_date(rec.get("published"))
        pub_precision = _precision(precision.get(aid))
        own = to_date(rec.get("date"))
        when, when_precision = (own, rec.get("date_precision")) if own else (pub, pub_precision)
        if value is None or when is None:
            continue
        rows.append(
            {
                **_span(when, when_precision),
                "company": rec.get("company"),
                "value": value,
                "source": labels.get(aid, publisher_label(rec.get("publisher"))),
                "published": pd.Timestamp(pub) if pub else pd.NaT,
                "published_precision": pub_precision if pub else None,
                "sentence": str(rec.get("sentence") or ""),
                "status": rec.get("status") or "announced",
                "basis": rec.get("basis") if not _is_missing(rec.get("basis")) else UNKNOWN,
                "native": fmt_money(rec.get("value"), rec.get("currency"))
                + (f"{CORRECTED_MARK} ({correction_note(rec)})" if corrected_columns(rec) else ""),
                "article_id": aid,
            }
        )
    points = pd.DataFrame(rows, columns=_POINT_COLS)
    points["published"] = pd.to_datetime(points["published"])
    return Timeline(
        currency=currency,
        post=round_series("post_money", "post_money_derived"),
        pre=round_series("pre_money", "pre_money_derived"),
        points=points.sort_values("x", kind="stable").reset_index(drop=True),
        raised=round_series("amount", None),
    )


def points_table(points: pd.DataFrame, currency: Currency = "EUR") -> pd.DataFrame:
    """The timeline's source figures as the table under the chart shows them: date and
    precision, company, value in ``currency``, source, publication date and precision,
    sentence, status, basis and the figure as stated."""
    names = {
        "date": "Date", "precision": "Precision", "company": "Company", "value": f"Value ({currency})",
        "source": "Source", "published": "Published", "published_precision": "Published precision",
        "sentence": "Sentence", "status": "Status", "basis": "Basis", "native": "As stated",
    }  # fmt: skip
    return points.reindex(columns=list(names)).rename(columns=names)


# --------------------------------------------------------------------------- cap table


@dataclass
class CapTable:
    """Rounds × investors for one set of rounds.

    ``matrix``: index = round names (chronological), columns = investors, text cells
    (``"★ €1.3 bn · 11 % (implied 11.1 %)"``, ``"unknown"`` when the amount is not stated,
    empty when the investor is not in the round). ``totals``: per investor, known sums and
    the count of unknown amounts. ``holdings``: stake of each investor after each round
    (round, order, investor, stake_pct, how = reported / implied / diluted).
    """

    matrix: pd.DataFrame
    totals: pd.DataFrame
    holdings: pd.DataFrame


def cap_table(tables: Tables) -> CapTable:
    """The cap table of the (filtered) rounds and investments."""
    rounds = _sorted_rounds(tables.rounds)
    names = _round_names(rounds)
    inv = tables.investments.copy()
    if inv.empty or rounds.empty:
        empty = pd.DataFrame()
        return CapTable(empty, pd.DataFrame(columns=_TOTAL_COLS), pd.DataFrame(columns=_HOLD_COLS))
    inv["round_id"] = _col(inv, "round_id").astype(str)
    inv = inv[inv["round_id"].isin(names)]
    order = {rid: i for i, rid in enumerate(names)}
    totals = _investor_totals(inv)
    investors = list(totals["Investor"])
    matrix = pd.DataFrame("", index=list(names.values()), columns=investors, dtype=object)
    for rec in records(inv):
        matrix.loc[names[rec["round_id"]], str(rec.get("investor"))] = _cap_cell(rec)
    matrix.index.name = "Round"
    holdings = _holdings(rounds, inv, names, order)
    return CapTable(matrix=matrix, totals=totals, holdings=holdings)


_TOTAL_COLS = ["Investor", "Rounds", "Led", "Known (EUR)", "Known (USD)", "Unknown amounts", "Total"]
_HOLD_COLS = ["round", "order", "company", "investor", "stake_pct", "how"]


def _cap_cell(rec: Mapping[str, Any]) -> str:
    parts = []
    lead = str(rec.get("role")) == "lead"
    parts.append(("★ " if lead else "") + fmt_money(rec.get("amount"), rec.get("currency")))
    reported, implied = _num(rec.get("stake_reported")), _num(rec.get("stake_implied"))
    if reported is not None and implied is not None:
        parts.append(f"stake {fmt_pct(reported)} (implied {fmt_pct(implied)})")
    elif reported is not None:
        parts.append(f"stake {fmt_pct(reported)}")
    elif implied is not None:
        parts.append(f"implied stake {fmt_pct(implied)}")
    if _flag(rec.get("stake_mismatch")):
        parts.append("⚠ stakes disagree")
    return " · ".join(parts)


def _investor_totals(inv: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for investor, grp in inv.groupby(_col(inv, "investor").astype(str), sort=False):
        eur = pd.to_numeric(_col(grp, "amount_eur"), errors="coerce")
        usd = pd.to_numeric(_col(grp, "amount_usd"), errors="coerce")
        unknown = int(eur.isna().sum())
        known = fmt_money(eur.sum(), "EUR") if eur.notna().any() else ""
        total = known or UNKNOWN
        if known and unknown:
            total = f"{known} + {unknown} unknown"
        rows.append(
            {
                "Investor": investor,
                "Rounds": int(grp["round_id"].nunique()),
                "Led": int((_col(grp, "role").astype(str) == "lead").sum()),
                "Known (EUR)": float(eur.sum()) if eur.notna().any() else None,
                "Known (USD)": float(usd.sum()) if usd.notna().any() else None,
                "Unknown amounts": unknown,
                "Total": total,
            }
        )
    out = pd.DataFrame(rows, columns=_TOTAL_COLS)
    out["_k"] = out["Known (EUR)"].fillna(-1.0)
    return (
        out.sort_values(["Led", "_k", "Investor"], ascending=[False, False, True])
        .drop(columns="_k")
        .reset_index(drop=True)
    )


def _holdings(
    rounds: pd.DataFrame, inv: pd.DataFrame, names: dict[str, str], order: dict[str, int]
) -> pd.DataFrame:
    """Stake after each round: reported or implied at entry, then diluted by each later round
    of the same company whose amount and post-money are known (stops where they are not)."""
    rows: list[dict[str, Any]] = []
    for company, comp_rounds in rounds.groupby(_col(rounds, "company").astype(str), sort=False):
        held: dict[str, tuple[float, str]] = {}
        for rec in records(comp_rounds):
            rid = str(rec.get("round_id"))
            amount, post = _num(rec.get("amount_eur")), _num(rec.get("post_money_eur"))
            if held:
                if amount is not None and post and 0 < amount < post:
                    factor = 1 - amount / post
                    held = {k: (v * factor, "diluted") for k, (v, _) in held.items()}
                else:
                    held = {}
            for irec in records(inv[inv["round_id"] == rid]):
                stake, how = _num(irec.get("stake_reported")), "reported"
                if stake is None:
                    stake, how = _num(irec.get("stake_implied")), "implied"
                if stake is None and post:
                    amt = _num(irec.get("amount_eur"))
                    stake, how = (amt / post * 100, "implied") if amt is not None else (None, how)
                name = str(irec.get("investor"))
                if stake is not None:
                    prior = held.get(name, (0.0, how))[0]
                    held[name] = (prior + stake, how)
            for investor, (stake, how) in held.items():
                rows.append(
                    {
                        "round": names[rid],
                        "order": order[rid],
                        "company": company,
                        "investor": investor,
                        "stake_pct": stake,
                        "how": how,
                    }
                )
    return pd.DataFrame(rows, columns=_HOLD_COLS)


# --------------------------------------------------------------------------- source comparison

AGREEMENT_KINDS: dict[str, str] = {
    "same": "agrees",
    "fx_conversion": "agrees (FX)",
    "rounding": "agrees (rounding)",
    "pre_vs_post": "explained",
    "rumour_superseded": "explained",
    "stale": "explained",
    "unexplained": "unexplained",
}
EXPLANATIONS: dict[str, str] = {
    "same": "same figure",
    "fx_conversion": "same figure in another currency (FX of the day)",
    "rounding": "same figure, rounded",
    "pre_vs_post": "pre-money vs post-money (differs by the round amount)",
    "rumour_superseded": "rumour, superseded by the announcement",
    "stale": "stale: published before the round",
    "unexplained": "unexplained difference",
}


@dataclass
class Comparison:
    """The source-comparison grid.

    ``table``: one row per round × field: Round, Field, Consensus, one text column per
    source, Differences. ``kinds``: same shape, per source cell the agreement class
    (``agrees``, ``agrees (FX)``, ``explained``, ``unexplained`` or ``""`` when the source is
    silent). ``cells``: (row position, source column) -> the source_comparison records (a
    source may state a field twice, e.g. an amount and its conversion).
    """

    table: pd.DataFrame
    kinds: pd.DataFrame
    sources: list[str]
    cells: dict[tuple[int, str], list[dict[str, Any]]]


def _agreement_kind(rec: Mapping[str, Any]) -> str:
    expl = rec.get("explanation")
    if not _is_missing(expl) and str(expl) in AGREEMENT_KINDS:
        return AGREEMENT_KINDS[str(expl)]
    agrees = rec.get("agrees")
    if agrees is None:
        return ""
    return "agrees" if _flag(agrees) else "unexplained"


def comparison(tables: Tables) -> Comparison:
    """Pivot source_comparison into one column per source (ordered by publication date)."""
    sc = tables.source_comparison
    if sc.empty:
        return Comparison(
            pd.DataFrame(columns=["Round", "Field", "Consensus", "Differences"]), pd.DataFrame(), [], {}
        )
    labels = source_labels(tables.articles)
    sc = sc.copy()
    sc["_source"] = [
        labels.get(str(a), publisher_label(p))
        for a, p in zip(sc["article_id"], _col(sc, "publisher"), strict=True)
    ]
    sc["_pub"] = date_series(sc, "published")
    sources = list(dict.fromkeys(sc.sort_values(["_pub", "_source"], na_position="last")["_source"]))
    rounds = _sorted_rounds(tables.rounds)
    names = _round_names(rounds)
    corrected = {str(r["round_id"]): corrected_columns(r) for r in records(rounds)}
    round_order = {rid: i for i, rid in enumerate(names)}
    sc["_rid"] = sc["round_id"].astype(str)
    unnamed = sc.drop_duplicates("_rid")
    for rec in records(unnamed[~unnamed["_rid"].isin(names)].sort_values("_rid")):
        names[rec["_rid"]] = round_name(rec)  # a round outside the (filtered) rounds frame
        round_order[rec["_rid"]] = len(round_order)
    sc["_order"] = sc["_rid"].map(round_order)
    round_precision = dict(zip(_col(rounds, "round_id").astype(str), _col(rounds, "date_precision"), strict=True))
    sc["_field"] = _col(sc, "field").astype(str)
    groups: dict[tuple[int, str, str], list[dict[str, Any]]] = {}
    for rec in records(sc):  # one pass: a records() call per group costs more than the grid
        groups.setdefault((int(rec["_order"]), rec["_rid"], rec["_field"]), []).append(rec)
    rows, kinds, cells = [], [], {}
    for (_, rid, fld), grp in sorted(groups.items(), key=lambda item: item[0]):
        first = grp[0]
        row: dict[str, Any] = {
            "Round": names[rid],
            "Field": fld,
            "Consensus": comparison_text(first, "consensus", round_precision.get(rid))
            + (CORRECTED_MARK if _COMPARED_COLUMNS.get(fld, {fld}) & corrected.get(rid, set()) else ""),
        }
        kind_row: dict[str, str] = {"Round": "", "Field": "", "Consensus": ""}
        diffs = []
        for src in sources:
            row[src], kind_row[src] = "", ""
        for rec in grp:
            src = rec["_source"]
            kind = _agreement_kind(rec)
            text = comparison_text(rec, "value", round_precision.get(rid))
            row[src] = text if not row[src] else f"{row[src]}; {text}"
            kind_row[src] = _worst(kind_row[src], kind)
            cells.setdefault((len(rows), src), []).append(
                {k: v for k, v in rec.items() if not str(k).startswith("_")}
            )
            expl = rec.get("explanation")
            if kind != "agrees" and not _is_missing(expl):
                note = rec.get("note")
                why = EXPLANATIONS.get(str(expl), str(expl))
                if not _is_missing(note) and str(note).strip():
                    why = f"{why}: {note}"
                diffs.append(f"{src}: {text} — {why}")
        row["Differences"] = "; ".join(diffs)
        kind_row["Differences"] = ""
        rows.append(row)
        kinds.append(kind_row)
    cols = ["Round", "Field", "Consensus", *sources, "Differences"]
    return Comparison(pd.DataFrame(rows, columns=cols), pd.DataFrame(kinds, columns=cols), sources, cells)


_NOTE_PRECISIONS = re.compile(r"^(day|month|year) vs (day|month|year) precision$")


def comparison_text(rec: Mapping[str, Any], key: str = "value", round_precision: Any = None) -> str:
    """A source-comparison value (``key="value"``) or its consensus (``"consensus"``) as
    text: money when numeric (``value_num`` or a numeric ``value``), a date at its precision
    (``"Dec 2023"``: the source's from the note ``"month vs year precision"``, the
    consensus's from the round), else the stated text (a lead investor, a status)."""
    currency = rec.get("currency") if key == "value" else rec.get("consensus_currency") or rec.get("currency")
    number = _num(rec.get(f"{key}_num")) if f"{key}_num" in rec else _num(rec.get(key))
    if number is not None:
        return fmt_money(number, currency)
    raw = rec.get(key)
    if _is_missing(raw):
        return ""
    if str(rec.get("field")) == "date" and to_date(raw) is not None:
        noted = _NOTE_PRECISIONS.match(str(rec.get("note") or ""))
        if key == "value":
            precision = noted.group(1) if noted else "day"
        else:
            precision = round_precision if isinstance(round_precision, str) else noted.group(2) if noted else "day"
        return fmt_date(raw, _precision(precision))
    return str(raw)


_SEVERITY = ["", "agrees", "agrees (rounding)", "agrees (FX)", "explained", "unexplained"]


def _worst(a: str, b: str) -> str:
    rank = {k: i for i, k in enumerate(_SEVERITY)}
    return a if rank.get(a, 0) >= rank.get(b, 0) else b


def evidence_for(tables: Tables, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The mentions behind one source-comparison record, best match first.

    A money field matches the article's mentions of the same value (same currency first).
    A field without a figure (date, status, lead investors) points at the figures the same
    article states for the same round (its other comparison rows), the lead's investment
    first; failing that, at the article's figures of the field's kind for the company.
    """
    m = tables.mentions
    aid = str(record.get("article_id"))
    same_article = m[_col(m, "article_id").astype(str) == aid] if not m.empty else m
    if same_article.empty:
        return []
    value = _num(record.get("value_num")) if "value_num" in record else _num(record.get("value"))
    if value is not None:
        hit = _mentions_of_value(same_article, value, record.get("currency"))
        if hit:
            return hit
    field_name = str(record.get("field") or "")
    found: list[dict[str, Any]] = []
    if "lead" in field_name or "investor" in field_name:
        names = set(as_list(record.get("value")))
        found += [r for r in records(same_article) if r.get("investor") in names]
    sc = tables.source_comparison
    if not sc.empty:
        siblings = sc[
            (sc["article_id"].astype(str) == aid)
            & (sc["round_id"].astype(str) == str(record.get("round_id")))
        ]
        for sib in records(siblings):
            number = _num(sib.get("value_num"))
            if number is not None:
                found += [
                    r for r in _mentions_of_value(same_article, number, sib.get("currency")) if r not in found
                ]
    if found:
        return found
    kinds = next((k for f, k in _FIELD_KINDS if f in field_name), ())
    hit = same_article[_col(same_article, "kind").astype(str).isin(kinds)]
    if not _is_missing(record.get("company")):
        hit = hit[_col(hit, "company").astype(str) == str(record.get("company"))]
    return records(hit)


def _mentions_of_value(mentions: pd.DataFrame, value: float, currency: Any) -> list[dict[str, Any]]:
    """Mentions stating ``value`` (relative tolerance 1e-6), those in ``currency`` first."""
    close = _col(mentions, "value").map(
        lambda v: (x := _num(v)) is not None and math.isclose(x, value, rel_tol=1e-6)
    )
    hit = records(mentions[close.astype(bool)])
    if not _is_missing(currency):
        hit.sort(key=lambda r: r.get("currency") != currency)
    return hit


_FIELD_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("money", ("valuation", "valuation_alternative")),
    ("valuation", ("valuation", "valuation_alternative")),
    ("amount", ("round_amount", "amount_alternative")),
    ("lead", ("investment", "investor")),
    ("investor", ("investment", "investor")),
    ("stake", ("investment",)),
    ("date", ("round_amount", "valuation")),
    ("status", ("round_amount", "valuation")),
)


# --------------------------------------------------------------------------- highlighted text


@dataclass(frozen=True)
class Segment:
    """A piece of text; ``label`` is set when the piece is a highlighted figure."""

    text: str
    label: str | None = None
    kind: str | None = None


def highlight_segments(text: str, spans: Iterable[tuple[int, int, str | None, str | None]]) -> list[Segment]:
    """Cut ``text`` into plain and highlighted segments.

    ``spans`` are (start, end, label, kind) in character offsets of ``text``; spans outside
    the text or empty are dropped, overlapping spans are merged (labels joined).
    """
    clean: list[tuple[int, int, list[str], str | None]] = []
    for start, end, label, kind in sorted(
        ((int(s), int(e), lb, k) for s, e, lb, k in spans if not _is_missing(s) and not _is_missing(e)),
        key=lambda x: (x[0], x[1]),
    ):
        s, e = max(0, start), min(len(text), end)
        if s >= e:
            continue
        if clean and s < clean[-1][1]:
            ps, pe, labels, pk = clean[-1]
            if label and label not in labels:
                labels.append(label)
            clean[-1] = (ps, max(pe, e), labels, pk or kind)
        else:
            clean.append((s, e, [label] if label else [], kind))
    out: list[Segment] = []
    pos = 0
    for s, e, labels, kind in clean:
        if s > pos:
            out.append(Segment(text[pos:s]))
        out.append(Segment(text[s:e], "; ".join(labels) or "figure", kind))
        pos = e
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def sentence_in_context(
    text: str | None,
    evidence: Mapping[str, Any],
    context: int = 280,
) -> tuple[list[Segment], str]:
    """Segments of the sentence stating a figure, with up to ``context`` characters around
    it, the figure highlighted; the second item tells what the text is (article or sentence).

    ``evidence`` holds sentence, start, end (figure span in the article) and optionally
    sentence_start / sentence_end. Without the article text, the sentence alone is used.
    """
    start, end = _int(evidence.get("start")), _int(evidence.get("end"))
    s_start, s_end = _int(evidence.get("sentence_start")), _int(evidence.get("sentence_end"))
    sentence = str(evidence.get("sentence") or "")
    label = fmt_money(evidence.get("value"), evidence.get("currency"), unknown="figure")
    kind = str(evidence.get("status") or "") or None
    if text and start is not None and end is not None and 0 <= start < end <= len(text):
        lo = s_start if s_start is not None and s_start <= start else start
        hi = s_end if s_end is not None and s_end >= end else end
        lo2, hi2 = max(0, lo - context), min(len(text), hi + context)
        piece = text[lo2:hi2]
        segs = mark_range(
            highlight_segments(piece, [(start - lo2, end - lo2, label, kind)]), lo - lo2, hi - lo2
        )
        pre = [Segment("…")] if lo2 > 0 else []
        post = [Segment("…")] if hi2 < len(text) else []
        return pre + segs + post, "article"
    if sentence:
        if start is not None and end is not None and s_start is not None and s_start <= start:
            spans = [(start - s_start, end - s_start, label, kind)]
        else:
            figure = str(evidence.get("figure") or "")
            at = sentence.find(figure) if figure else -1
            spans = [(at, at + len(figure), label, kind)] if at >= 0 else []
        return highlight_segments(sentence, spans), "sentence"
    return [], "none"


def mark_range(segments: Sequence[Segment], start: int, end: int, kind: str = "sentence") -> list[Segment]:
    """``segments`` with the plain text between character offsets ``start`` and ``end``
    (of their concatenation) set apart as ``kind`` (the sentence around a figure)."""
    out: list[Segment] = []
    pos = 0
    for seg in segments:
        s, e = pos, pos + len(seg.text)
        pos = e
        if seg.label or e <= start or s >= end:
            out.append(seg)
            continue
        cut = [s, max(s, start), min(e, end), e]
        for (a, b), inside in zip(
            ((cut[0], cut[1]), (cut[1], cut[2]), (cut[2], cut[3])), (False, True, False), strict=True
        ):
            if b > a:
                out.append(Segment(seg.text[a - s : b - s], None, kind if inside else seg.kind))
    return out


_KIND_COLOURS = {"reported": "#fde2b8", "announced": "#c9f0d0"}


def segments_to_html(segments: Sequence[Segment]) -> str:
    """Safe HTML for highlighted text: every piece of text goes through ``html.escape`` and
    only the ``<mark>`` / ``<span>`` / ``<div>`` tags written here are emitted, so article
    text can never inject markup or script."""
    parts = []
    for seg in segments:
        text = html.escape(seg.text, quote=True)
        if seg.label:
            colour = _KIND_COLOURS.get(seg.kind or "", "#fff3a3")
            title = html.escape(seg.label, quote=True)
            parts.append(
                f'<mark title="{title}" style="background:{colour};padding:0 2px;border-radius:3px">{text}</mark>'
            )
        elif seg.kind == "sentence":
            parts.append(f'<span style="background:#eef1f6;border-radius:3px">{text}</span>')
        else:
            parts.append(text)
    body = "".join(parts)
    return f'<div style="white-space:pre-wrap;line-height:1.6;font-size:0.95rem">{body}</div>'


def article_spans(mentions: pd.DataFrame, article_id: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, status) of every figure extracted from one article."""
    m = mentions[_col(mentions, "article_id").astype(str) == str(article_id)]
    out = []
    for rec in records(m):
        s, e = _int(rec.get("start")), _int(rec.get("end"))
        if s is None or e is None:
            continue
        kind = str(rec.get("kind") or "figure").replace("_", " ")
        label = (
            kind
            if _is_missing(rec.get("value"))
            else f"{kind}: {fmt_money(rec.get('value'), rec.get('currency'))}"
        )
        if not _is_missing(rec.get("investor")):
            label += f" ({rec.get('investor')})"
        status = rec.get("status")
        out.append((s, e, label, None if _is_missing(status) else str(status)))
    return out


def facts_table(mentions: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The figures of one article, in text order, for the Articles page."""
    cols = [
        "Kind",
        "Company",
        "Figure",
        "Value (EUR)",
        "Value (USD)",
        "Date",
        "Precision",
        "Status",
        "Investor",
        "Role",
        "Round",
        "Sentence",
        "Start",
        "End",
    ]
    m = mentions[_col(mentions, "article_id").astype(str) == str(article_id)]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.assign(_s=pd.to_numeric(_col(m, "start"), errors="coerce")).sort_values("_s", kind="stable")
    out = pd.DataFrame(
        {
            "Kind": _col(m, "kind"),
            "Company": _col(m, "company"),
            "Figure": [fmt_money(v, c) for v, c in zip(_col(m, "value"), _col(m, "currency"), strict=True)],
            "Value (EUR)": pd.to_numeric(_col(m, "value_eur"), errors="coerce"),
            "Value (USD)": pd.to_numeric(_col(m, "value_usd"), errors="coerce"),
            "Date": date_series(m, "date"),
            "Precision": _col(m, "date_precision"),
            "Status": _col(m, "status"),
            "Investor": _col(m, "investor"),
            "Role": _col(m, "role"),
            "Round": _col(m, "round_label"),
            "Sentence": _col(m, "sentence"),
            "Start": pd.to_numeric(_col(m, "start"), errors="coerce").astype("Int64"),
            "End": pd.to_numeric(_col(m, "end"), errors="coerce").astype("Int64"),
        }
    )
    return out.reset_index(drop=True)
