"""Streamlit glue shared by ``dashboard.py`` and the pages in ``pages/``.

Only what every page needs and that touches Streamlit lives here: the app's navigation,
the store's location,
ingesting the seeds on first start, cached loading keyed on the store's state, the
sidebar filters kept in the URL's query parameters, tables with their downloads, and
safe rendering of article text. Data shaping is in :mod:`analysis.views`.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import io
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from analysis import profiles, triage, views
from analysis.views import Filters, Tables

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT / "seeds"

# Widget keys of the sidebar filters.
T = TypeVar("T")

K_PUB, K_DATES, K_COMPANY, K_LANG, K_STATUS = "f_publisher", "f_dates", "f_company", "f_lang", "f_status"
#: Query parameters a page reads for itself (its subject), kept beside the filters' in the URL.
PAGE_PARAMS = ("investor", "article")
#: Session key of the query parameters the app last wrote (a different URL means a followed link).
_K_WRITTEN_QUERY = "_levee_written_query"


# --------------------------------------------------------------------------- navigation

# (script, title, icon, url path); the default page has no url path. A script's file name is
# its url path, so Streamlit's legacy reading of ``pages/`` (see ``run_app``) finds the same page.
NAVIGATION: tuple[tuple[str, str, str, str | None], ...] = (
    ("pages/overview.py", "Overview", ":material/dashboard:", None),
    ("pages/timeline.py", "Valuation timeline", ":material/show_chart:", "timeline"),
    ("pages/cap-table.py", "Investor cap table", ":material/pie_chart:", "cap-table"),
    ("pages/sources.py", "Source comparison", ":material/compare:", "sources"),
    ("pages/company.py", "Company", ":material/domain:", "company"),
    ("pages/investor.py", "Investor", ":material/account_balance:", "investor"),
    ("pages/review.py", "Review", ":material/fact_check:", "review"),
    ("pages/articles.py", "Articles", ":material/article:", "articles"),
    ("pages/data.py", "Data", ":material/table:", "data"),
)

#: True while a page script runs inside ``run_app``'s navigation.
_IN_APP: contextvars.ContextVar[bool] = contextvars.ContextVar("levee_in_app", default=False)


def run_app() -> None:
    """The whole app: navigation, seeds on first start, sidebar filters, then the chosen page.

    Streamlit reads a ``pages/`` folder beside the entry script the legacy way until
    ``st.navigation`` has been called once in the process: the very first request after
    start (a deep link such as ``/company?company=…``) may then run a page script on its
    own. ``context()`` notices it (the page is not inside ``run_app``) and runs the app
    around it instead, so the page gets its navigation, seeds and filters.
    """
    pages = [
        st.Page(script, title=title, icon=icon, default=True)
        if url is None
        else st.Page(script, title=title, icon=icon, url_path=url)
        for script, title, icon, url in NAVIGATION
    ]
    st.set_page_config(page_title="Levée", page_icon=":material/query_stats:", layout="wide")
    page = st.navigation(pages)
    ensure_seeds()
    sidebar_filters()
    token = _IN_APP.set(True)
    try:
        page.run()
    finally:
        _IN_APP.reset(token)


def _inside_app() -> None:
    """Run the app around a page script started on its own (first request after start)."""
    if not _IN_APP.get():
        run_app()
        st.stop()


# --------------------------------------------------------------------------- store


def db_path() -> Path:
    """The store file: ``LEVEE_DB`` when set, else ``data/levee.duckdb`` in the project."""
    from analysis.store import db_path as store_db_path

    return store_db_path(None)


def store_token(db: Path) -> tuple[object, ...]:
    """Changes whenever the store file (or its write-ahead log) changes: the cache key."""
    parts: list[object] = [str(db)]
    for p in (db, db.with_name(db.name + ".wal")):
        try:
            s = p.stat()
            parts += [s.st_mtime_ns, s.st_size]
        except OSError:
            parts += [0, 0]
    return tuple(parts)


@st.cache_resource
def _seeding() -> dict[str, Any]:
    """Process-wide record of the stores whose seeds were ingested by this server."""
    return {"lock": threading.Lock(), "done": set()}


def counting_extractor(on_done: Callable[[int], None]) -> Callable[..., Iterator[Any]]:
    """The default extractor, reporting each article it finishes to ``on_done`` (the store's
    own progress is a console bar). NLP is only loaded when some article needs extracting."""

    def extractor(articles: Iterable[Any], batch_size: int = 32) -> Iterator[Any]:
        it = iter(articles)
        first = next(it, None)
        if first is None:
            return
        from analysis.extract import extract_articles

        for n, facts in enumerate(extract_articles(itertools.chain([first], it), batch_size=batch_size), 1):
            on_done(n)
            yield facts

    return extractor


def ensure_seeds() -> None:
    """Ingest ``seeds/`` into the store once per server process, with a progress bar.

    Ingest is idempotent (content hash): a store that already holds the seeds costs a read
    of the five files and no NLP; metadata changed in the manifest is applied.
    """
    db = db_path()
    state = _seeding()
    if str(db) in state["done"]:
        return
    with state["lock"]:
        if str(db) in state["done"]:
            return
        from analysis import store
        from analysis.corpus import iter_articles

        items = list(iter_articles([SEEDS], manifest=SEEDS / "manifest.csv"))
        total = len(items)
        bar = st.empty()
        bar.progress(0.0, text=f"First start: loading the language models to ingest {total} seed articles…")

        def done(n: int) -> None:
            bar.progress(
                min(1.0, n / max(total, 1)), text=f"First start: extracting the seed articles ({n}/{total})…"
            )

        db.parent.mkdir(parents=True, exist_ok=True)
        try:
            report = store.ingest_articles(items, db=db, extractor=counting_extractor(done))
        except Exception as exc:  # a locked or broken store: say so, show what is there, retry next run
            bar.empty()
            st.error(views.md_escape(f"The seed articles could not be ingested into {db}: {exc}"))
            return
        bar.empty()
        if report.failed:
            st.warning(
                views.md_escape(
                    "Some seed articles could not be ingested: " + "; ".join(str(p) for p in report.failed)
                )
            )
        state["done"].add(str(db))
        _load.clear()


# Frames are cached as shared objects (cache_resource: no copy per rerun, which matters for
# large stores); every page treats them as read-only.
@st.cache_resource(show_spinner="Loading the store…", max_entries=4)
def _load(db: str, token: tuple[Any, ...]) -> Tables:
    from analysis import frames

    return Tables.of(frames.load(db))


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered(db: str, token: tuple[Any, ...], filters: Filters) -> Tables:
    return views.apply_filters(_load(db, token), filters)


#: The modules whose functions shape the filtered frames for a page (``Context.computed``).
_SHAPERS = {"views": views, "profiles": profiles, "triage": triage}


@st.cache_resource(show_spinner="Computing the view…", max_entries=128)
def _computed(
    db: str, token: tuple[Any, ...], filters: Filters, name: str, frame: str | None, args: tuple[Any, ...]
) -> Any:
    tables = _filtered(db, token, filters)
    module, _, function = name.rpartition(".")
    shaper = getattr(_SHAPERS[module or "views"], function)
    return shaper(getattr(tables, frame) if frame else tables, *args)


def load_all() -> Tables:
    """Every frame of the store (cached on its state); a store that can't be read stops the
    page with the reason instead of a traceback."""
    db = db_path()
    try:
        return _load(str(db), store_token(db))
    except Exception as exc:  # locked by a writer for too long, or not a Levée store
        st.error(views.md_escape(f"The store {db} could not be read: {exc}"))
        st.stop()
        raise  # unreachable: st.stop() raises


def refresh() -> None:
    """Forget cached frames (after an upload)."""
    _load.clear()
    _filtered.clear()
    _computed.clear()


# --------------------------------------------------------------------------- filters


@dataclass
class Context:
    """What a page needs: all frames, the filtered frames and the filters."""

    all: Tables
    view: Tables
    filters: Filters
    db: Path
    token: tuple[Any, ...] = ()

    def why_empty(self, name: str) -> str:
        return views.why_empty(self.all, self.filters, name)

    def computed(
        self,
        fn: Callable[..., T],
        *args: Any,
        frame: str | None = None,
        company: str | None = None,
        unfiltered: bool = False,
    ) -> T:
        """``fn(filtered frames, *args)`` for a function of :mod:`analysis.views` (given one
        filtered frame instead when ``frame`` names it), cached per store state, filters and
        arguments: reruns and sessions share it, so a large store is shaped once per view, not
        once per click. ``company`` narrows the filters to that company first (the cap table
        and the source comparison are per company); ``unfiltered`` ignores the filters (a
        search box lists every name of the store)."""
        module = next((k for k, m in _SHAPERS.items() if getattr(m, fn.__name__, None) is fn), None)
        if module is None:
            raise ValueError(f"{fn.__name__} is not a function of analysis.views, analysis.profiles or analysis.triage")
        f = self.filters if company is None else dataclasses.replace(self.filters, companies=(company,))
        f = Filters() if unfiltered else f
        return _computed(str(self.db), self.token, f, f"{module}.{fn.__name__}", frame, tuple(args))


def _restore_from_url(options: dict[str, list[str]], span: tuple[dt.date | None, dt.date | None]) -> None:
    """First run of a session: widget state from the query parameters (unknown values dropped)."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    f = Filters.from_query(params)
    dropped: list[str] = []
    for key, values, choices in (
        (K_PUB, f.publishers, options["publishers"]),
        (K_COMPANY, f.companies, options["companies"]),
        (K_LANG, f.languages, options["languages"]),
        (K_STATUS, f.statuses, options["statuses"]),
    ):
        st.session_state[key] = [v for v in values if v in choices]
        dropped += [v for v in values if v not in choices]
    lo, hi = span
    if lo and hi:
        start = min(max(f.date_from or lo, lo), hi)
        end = max(min(f.date_to or hi, hi), start)
        st.session_state[K_DATES] = (start, end)
    if dropped:
        st.session_state["_levee_dropped"] = dropped


def sidebar_filters() -> Filters:
    """Draw the global filters in the sidebar (restored from the URL on first load) and
    write them back to the query parameters, so a copied link reproduces the view."""
    db = db_path()
    load_all()  # a store that can't be read stops here with the reason
    token, everything = store_token(db), Filters()
    options = _computed(str(db), token, everything, "filter_options", None, ())
    span = _computed(str(db), token, everything, "date_span", "articles", ())
    current_q = {key: st.query_params.get_all(key) for key in st.query_params}
    followed_link = bool(current_q) and current_q != st.session_state.get(_K_WRITTEN_QUERY, current_q)
    if "_levee_restored" not in st.session_state or followed_link:
        # first run of a session, or a link / the browser's history brought another URL
        _restore_from_url(options, span)
        st.session_state["_levee_restored"] = True
    # keep selections valid when the store changes (an upload adds publishers, dates…)
    for key, choices in ((K_PUB, "publishers"), (K_LANG, "languages"), (K_STATUS, "statuses")):
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in options[choices]]
    unknown: list[str] = []
    if K_COMPANY in st.session_state:  # typed names take the store's spelling
        st.session_state[K_COMPANY], unknown = views.match_companies(
            st.session_state[K_COMPANY], options["companies"]
        )
    lo, hi = span
    if lo and hi:
        old = st.session_state.get("_levee_span")
        current = st.session_state.get(K_DATES)
        if current is None or (old and tuple(current) == tuple(old)):
            st.session_state[K_DATES] = (lo, hi)  # the full span follows the store
        elif len(current) == 2:
            start = min(max(current[0], lo), hi)
            st.session_state[K_DATES] = (start, max(min(current[1], hi), start))
        # one date: the user is picking the range's end; leave it alone
        st.session_state["_levee_span"] = (lo, hi)

    with st.sidebar:
        st.header("Filters")
        st.multiselect("Source (publisher)", options["publishers"], key=K_PUB, placeholder="All sources")
        date_range: tuple[dt.date, ...] = ()
        if lo and hi:
            date_range = st.date_input(
                "Published between", min_value=lo, max_value=hi, key=K_DATES, format="YYYY-MM-DD"
            )
        companies = options["companies"]
        if len(companies) > views.COMPANY_CHOICES:
            # thousands of names would travel with every rerun: list the most reported, type the rest
            listed = list(dict.fromkeys([*st.session_state.get(K_COMPANY, []), *options["top_companies"]]))
            st.multiselect(
                "Company",
                listed,
                key=K_COMPANY,
                accept_new_options=True,
                placeholder=f"All {len(companies):,} companies",
                help=_long_list_help(len(companies)),
            )
        else:
            st.multiselect("Company", companies, key=K_COMPANY, placeholder="All companies")
        if unknown:
            st.warning(views.md_escape(f"No company of that name in the store: {', '.join(unknown)}"))
        st.multiselect("Language", options["languages"], key=K_LANG, placeholder="All languages")
        st.multiselect("Status", options["statuses"], key=K_STATUS, placeholder="Announced and reported")
        dropped = st.session_state.pop("_levee_dropped", None)
        if dropped:
            st.warning(views.md_escape(f"Not in the store, ignored from the link: {', '.join(dropped)}"))

    date_from = date_to = None
    if lo and hi and isinstance(date_range, (tuple, list)) and len(date_range) == 2:
        date_from = date_range[0] if date_range[0] > lo else None
        date_to = date_range[1] if date_range[1] < hi else None
    f = Filters(
        publishers=tuple(st.session_state.get(K_PUB, ())),
        date_from=date_from,
        date_to=date_to,
        companies=tuple(st.session_state.get(K_COMPANY, ())),
        languages=tuple(st.session_state.get(K_LANG, ())),
        statuses=tuple(st.session_state.get(K_STATUS, ())),
    )
    wanted = f.to_query() | {k: v for k, v in current_q.items() if k in PAGE_PARAMS}
    if current_q != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_K_WRITTEN_QUERY] = wanted
    if f.active:
        st.sidebar.caption(
            views.md_escape("Filtered: " + "; ".join(f.describe()) + ". Copy the URL to share this view.")
        )
    st.session_state["_levee_filters"] = f
    return f


def context() -> Context:
    """All and filtered frames for the current filters (cached on the store's state)."""
    _inside_app()
    db = db_path()
    token = store_token(db)
    f = st.session_state.get("_levee_filters") or Filters()
    tables = load_all()
    return Context(all=tables, view=_filtered(str(db), token, f), filters=f, db=db, token=token)


# --------------------------------------------------------------------------- profile links

#: The page script of each kind of profile.
PROFILE_PAGES = {"company": "pages/company.py", "investor": "pages/investor.py"}
#: Columns of a grid of profile links.
LINK_COLUMNS = 4


def profile_query(kind: str, name: str) -> dict[str, list[str]]:
    """The query of a link to ``name``'s profile: the current filters, with the company
    filter set to that company (company page) or lifted (an investor's whole portfolio)."""
    f = st.session_state.get("_levee_filters") or Filters()
    query = dataclasses.replace(f, companies=(name,) if kind == "company" else ()).to_query()
    if kind == "investor":
        query["investor"] = [name]
    return query


def profile_links(kind: str, names: Sequence[str], *, columns: int = LINK_COLUMNS) -> None:
    """A grid of links, one per name, each opening that company's or investor's page."""
    cells = st.columns(columns)
    for i, name in enumerate(names):
        with cells[i % columns]:
            st.page_link(
                PROFILE_PAGES[kind], label=views.md_escape(name), query_params=profile_query(kind, name)
            )


def profile_search(kind: str, names: list[str], *, example: str) -> str:
    """A typo-tolerant search box for a company or an investor, its matches drawn as links to
    their pages; returns what was typed (stripped)."""
    article = "an" if kind[0] in "aeiou" else "a"
    query = st.text_input(
        f"Find {article} {kind}",
        key=f"search_{kind}",
        placeholder=f"Type a name; typos are forgiven (\u201c{example}\u201d)",
    ).strip()
    if query:
        found = profiles.search_names(query, names)
        if found:
            st.caption(f"Matches: open {article} {kind}'s page.")
            profile_links(kind, found)
        else:
            st.warning(views.md_escape(f"No {kind} close to \u201c{query}\u201d in the store."))
    return query


def _long_list_help(total: int) -> str:
    """The help of every company list cut to ``views.COMPANY_CHOICES`` names."""
    return (f"The {views.COMPANY_CHOICES} most reported of {total:,} companies are listed; type the name of any "
            "other and press Enter.")


def company_picker(label: str, ranked: list[str], key: str) -> str:
    """One company of ``ranked`` (most reported first). A long list offers its
    ``views.COMPANY_CHOICES`` first names and takes any other typed in; a name the store
    does not know falls back to the first, with a warning."""
    if len(ranked) <= views.COMPANY_CHOICES:
        return str(st.selectbox(label, ranked, key=key))
    current = st.session_state.get(key)
    found, unknown = views.match_companies([current] if current else [], ranked)
    st.session_state[key] = found[0] if found else ranked[0]
    listed = list(dict.fromkeys([st.session_state[key], *ranked[:views.COMPANY_CHOICES]]))
    choice = st.selectbox(
        label, listed, key=key, accept_new_options=True,
        help=_long_list_help(len(ranked)),
    )
    if unknown:
        st.warning(views.md_escape(f"No company of that name here: {', '.join(unknown)}"))
    return str(choice)


def companies_picker(label: str, ranked: list[str], default: list[str], key: str, placeholder: str) -> list[str]:
    """Several companies of ``ranked``, listed and typed as in ``company_picker``."""
    if len(ranked) <= views.COMPANY_CHOICES:
        return list(st.multiselect(label, ranked, default=default, key=key, placeholder=placeholder))
    unknown: list[str] = []
    if key in st.session_state:
        st.session_state[key], unknown = views.match_companies(st.session_state[key], ranked)
    chosen = st.session_state.get(key, default)
    listed = list(dict.fromkeys([*chosen, *ranked[:views.COMPANY_CHOICES]]))
    picked = st.multiselect(
        label, listed, default=None if key in st.session_state else default, key=key, placeholder=placeholder,
        accept_new_options=True,
        help=_long_list_help(len(ranked)),
    )
    if unknown:
        st.warning(views.md_escape(f"No company of that name here: {', '.join(unknown)}"))
    return list(picked)


# --------------------------------------------------------------------------- tables


_MONEY_WORDS = ("amount", "value", "pre_money", "post_money", "consensus", "(eur)", "(usd)", "known (")
_PCT_WORDS = ("stake", "spread", "pct", "%")
#: What a table shows for a missing value (NaN, NaT, None): nothing, in every table.
MISSING = ""


def column_config(frame: pd.DataFrame) -> dict[str, Any]:
    """Column types for ``st.dataframe`` of a screened table (``views.screen``): money as
    compact numbers (in the currency when the column says EUR/USD), timestamps with their
    time, percentages with a % sign. Dates arrive as text at their precision."""
    config: dict[str, Any] = {}
    for name in frame.columns:
        low = str(name).lower()
        dtype = frame[name].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            if low in {"ingested_at"}:
                config[name] = st.column_config.DatetimeColumn(str(name), format="YYYY-MM-DD HH:mm")
            else:
                config[name] = st.column_config.DateColumn(str(name), format="YYYY-MM-DD")
        elif pd.api.types.is_bool_dtype(dtype):
            config[name] = st.column_config.CheckboxColumn(str(name))
        elif pd.api.types.is_numeric_dtype(dtype):
            if any(w in low for w in _PCT_WORDS):
                config[name] = st.column_config.NumberColumn(str(name), format="%.1f %%")
            elif low == "fx_rate":
                config[name] = st.column_config.NumberColumn(str(name), format="%.4f")
            elif low.endswith("_eur") or "(eur)" in low:
                config[name] = st.column_config.NumberColumn(str(name), format="€ %,.0f")
            elif low.endswith("_usd") or "(usd)" in low:
                config[name] = st.column_config.NumberColumn(str(name), format="$ %,.0f")
            elif (any(w in low for w in _MONEY_WORDS) and not low.endswith("_num")) or low.endswith("_num"):
                config[name] = st.column_config.NumberColumn(str(name), format="compact")
    return config


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV of a table: dates ISO (``YYYY-MM-DD``) beside their precision column
    (``views.csv_frame``), formula-like cells neutralised, UTF-8 with BOM (as the exports)."""
    from analysis.export import CSV_ENCODING, csv_safe

    return csv_safe(views.csv_frame(frame)).to_csv(index=False).encode(CSV_ENCODING)


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def downloads(frame: pd.DataFrame, name: str, key: str, parquet: bool = False) -> None:
    """CSV (ISO dates with their precision, formula cells neutralised) and optionally
    Parquet downloads of ``frame``, the table's data (not its screen text)."""
    name = re.sub(r"[^\w.-]+", "_", name).strip("_") or "table"
    with st.container(horizontal=True):
        st.download_button(
            "⬇ CSV",
            data=lambda: csv_bytes(frame),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"csv_{key}",
            on_click="ignore",
            help="Every row and column shown; dates as YYYY-MM-DD with their precision",
        )
        if parquet:
            st.download_button(
                "⬇ Parquet",
                data=lambda: _parquet_bytes(frame),
                file_name=f"{name}.parquet",
                mime="application/vnd.apache.parquet",
                key=f"parquet_{key}",
                on_click="ignore",
            )


#: Rows a table shows at once; longer tables get a page picker (the downloads hold every row).
PAGE_ROWS = 1000


@dataclass
class TableSelection:
    """A table's selection, in positions of the whole table (not of the page shown)."""

    rows: list[int]
    cells: list[tuple[int, str]]


def table(
    frame: pd.DataFrame,
    name: str,
    key: str,
    *,
    style: Callable[[pd.DataFrame], Any] | None = None,
    page_rows: int | None = None,
    sparse: Sequence[str] = (),
    parquet: bool = False,
    config: dict[str, Any] | None = None,
    on_select: str = "ignore",
    **kwargs: Any,
) -> TableSelection | None:
    """``st.dataframe`` of ``frame`` (styled by ``style(rows shown)`` when given) with CSV
    (and Parquet) downloads of the whole table, formula cells neutralised.

    ``frame`` is the table's data: dates as dates beside their precision column. The
    screen shows each date as text at its precision (``"Dec 2023"``, ``"2024"``), without
    the precision column, files relative to their common folder and every missing value
    blank (``views.screen``); the CSV keeps ISO dates and their precision.

    A table longer than ``page_rows`` (default ``PAGE_ROWS``) shows one page of rows at a
    time with a page picker, so a 10,000-article store doesn't ship every row to the browser
    on each rerun; the downloads always hold every row. Columns named in ``sparse`` are left
    out of a page on which they are all empty (a source silent on the rounds shown). Returns
    the selection (whole-table positions) when ``on_select`` is ``"rerun"``.
    """
    n, limit = len(frame), page_rows or PAGE_ROWS
    offset, shown = 0, frame
    if n > limit:
        pages = -(-n // limit)
        left, right = st.columns([1, 4], vertical_alignment="bottom")
        page = int(left.number_input(f"Page (of {pages:,})", 1, pages, 1, key=f"page_{key}"))
        offset = (page - 1) * limit
        shown = frame.iloc[offset : offset + limit]
        right.caption(f"Rows {offset + 1:,}–{offset + len(shown):,} of {n:,} · the downloads hold all {n:,} rows")
    files = next((frame[c] for c in views.FILE_COLUMNS if c in frame.columns), None)
    shown = views.screen(shown, files_root=files)
    if sparse:
        silent = [c for c in sparse if c in shown.columns and not shown[c].astype(bool).any()]
        shown = shown.drop(columns=silent)
    cfg = column_config(shown)
    cfg.update(config or {})
    kwargs.setdefault("placeholder", MISSING)
    event = st.dataframe(
        style(shown) if style else shown, column_config=cfg, hide_index=True, key=key, on_select=on_select, **kwargs
    )
    downloads(frame, name, key, parquet=parquet)
    if on_select == "ignore" or event is None:
        return None
    selection = event.selection
    return TableSelection(
        rows=[offset + int(r) for r in selection.get("rows", [])],
        cells=[(offset + int(r), str(c)) for r, c in selection.get("cells", [])],
    )


def empty(ctx: Context, name: str) -> None:
    """Say why a frame is empty under the current filters."""
    st.info(views.md_escape(ctx.why_empty(name)), icon=":material/filter_alt_off:")


# --------------------------------------------------------------------------- text


def show_segments(segments: list[views.Segment]) -> None:
    """Article text with highlighted figures. Every piece of text is HTML-escaped by
    ``views.segments_to_html`` (st.html also sanitises with DOMPurify and never reads
    Markdown), so the article can't inject markup, links or scripts."""
    if not segments:
        st.caption("No text.")
        return
    st.html(views.segments_to_html(segments))


@st.cache_data(show_spinner=False, max_entries=64)
def article_text(db: str, token: tuple[Any, ...], article_id: str, file: str | None) -> str | None:
    """The article's text, whose offsets the figures index: read again from its file (seeds,
    kept uploads) and used only if its content hash is still ``article_id``; else None."""
    if not file or not Path(file).is_file():
        return None
    from analysis.corpus import ArticleError, read_article

    try:
        article = read_article(Path(file))
    except (ArticleError, OSError):
        return None
    return article.text if article.article_id == article_id else None


# --------------------------------------------------------------------------- corrections


def save_corrections(made: Sequence[Any]) -> None:
    """Store an analyst's corrections (the store re-derives every table with them) and forget
    the cached frames, so every page shows the corrected facts on its next run."""
    from analysis import store

    store.add_corrections(made, db=db_path())
    refresh()


def undo_corrections(correction_ids: Sequence[str], author: str) -> None:
    """Undo the corrections one action wrote (one per article stating the fact)."""
    from analysis import store

    for correction_id in correction_ids:
        store.undo_correction(correction_id, author, db=db_path())
    refresh()


def fact_history(anchors: Sequence[Any]) -> pd.DataFrame:
    """The corrections of a fact told by several articles (one anchor each), oldest first."""
    from analysis import store

    parts = [store.fact_history(a, db=db_path()) for a in anchors]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame()
    out = pd.concat(parts, ignore_index=True).drop_duplicates("correction_id")
    return out.sort_values("created_at", kind="stable").reset_index(drop=True)


def orphaned_corrections() -> pd.DataFrame:
    """The stored corrections whose fact is no longer found, as a table."""
    from analysis import store

    frame = store.read_corrections(db=db_path())
    if frame.empty or "state" not in frame.columns:
        return pd.DataFrame()
    keep = [c for c in ("created_at", "author", "fact", "action", "field", "reason", "investor", "text",
                        "article_id", "why") if c in frame.columns]
    return frame[frame["state"] == "orphaned"][keep].reset_index(drop=True)


def edit_corrections(
    fact: str,
    anchors: Sequence[Any],
    field: str,
    value_text: str,
    currency: str,
    basis: str,
    record: dict[str, Any],
    common: dict[str, Any],
) -> list[Any]:
    """The corrections of an edit made in the Review form, one per article stating the fact.

    Amounts and valuations are read like the articles' money ("1.8 bn", "€1.8bn", « 1,8
    milliard d'euros »), with the currency they name or the one typed; a date's precision
    follows how it is written (YYYY-MM-DD, YYYY-MM, YYYY). ``ValueError`` says what is wrong."""
    from analysis.corpus import parse_published
    from analysis.history import corrections as cx
    from analysis.money import find_money

    text = value_text.strip()
    if not text:
        raise ValueError("type the new value")
    changes: list[tuple[str, Any, Any]] = []  # field, old, new
    if field in ("amount", "valuation"):
        found = find_money(text)
        if found:
            value, named = found[0].money.value, found[0].money.currency
        else:
            try:
                value, named = float(text.replace(" ", "").replace(",", "")), None
            except ValueError:
                raise ValueError(f"{text!r} is not an amount (try 1800000000 or 1.8 bn EUR)") from None
        cur = (currency.strip().upper() or named or record.get("currency") or None)
        old = record.get("post_money" if field == "valuation" else "amount")
        changes.append((field, None if views.is_missing(old) else old, value))
        if cur and cur != record.get("currency"):
            changes.append(("currency", record.get("currency"), cur))
        if field == "valuation" and fact == "round":
            changes.append(("valuation_basis", record.get("valuation_basis"), basis))
    elif field == "date":
        try:
            day, precision = parse_published(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
        changes += [("date", str(record.get("date") or "")[:10] or None, day.isoformat()),
                    ("date_precision", record.get("date_precision"), precision)]
    else:
        changes.append((field, record.get(field), cx.value_from_text(field, text)))
    made = [
        cx.new_correction(fact, "edit", anchor, field=name, old_value=old, new_value=new, **common)
        for anchor in anchors
        for name, old, new in changes
        if name in cx.FIELDS[fact]
    ]
    for c in made:
        cx.check_correction(c)
    return made


def uploads_dir() -> Path:
    """Where uploaded articles are kept (beside the store), so their text can be shown."""
    return db_path().parent / "uploads"
