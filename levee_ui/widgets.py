"""Widgets the pages share: company and article pickers, tables with their downloads, profile links.

A table shows its screen text (dates at their precision, blank missing values) a page of
rows at a time; its downloads hold every row as data (ISO dates beside their precision,
formula-like cells neutralised).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from analysis import views
from levee_ui import state
from levee_ui.filters import long_list_help

# --------------------------------------------------------------------------- pickers


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
    choice = st.selectbox(label, listed, key=key, accept_new_options=True, help=long_list_help(len(ranked)))
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
        help=long_list_help(len(ranked)),
    )
    if unknown:
        st.warning(views.md_escape(f"No company of that name here: {', '.join(unknown)}"))
    return list(picked)



def article_query(total: int) -> tuple[str, ...]:
    """The words typed to find an article, with their search box, when the view holds more than
    ``views.ARTICLE_CHOICES`` articles (thousands of labels would travel with every rerun); none
    otherwise. Read before the articles are (``typed_words``), drawn after."""
    if total <= views.ARTICLE_CHOICES:
        return ()
    query = st.text_input("Find an article", key="article_query", placeholder="Words of its title, publisher or file")
    return tuple(query.split())


def typed_words(key: str) -> tuple[str, ...]:
    """The words a text box holds (none before it is drawn)."""
    return tuple(str(st.session_state.get(key) or "").split())


def article_picker(labels: dict[str, str], default_id: str, key: str = "article_pick", *, linked: bool = False) -> str:
    """One article of ``labels`` (id -> label, listed in that order), ``default_id`` first picked:
    the article ``?article=`` links to (``linked``: a new link wins over the last pick), else the
    latest addition to the store (an upload shows at once), else the newest. The last pick stays
    while it is listed."""
    if linked and st.session_state.get("_article_linked") != default_id:
        st.session_state["_article_linked"] = default_id
        st.session_state.pop(key, None)
    choices = list(dict.fromkeys([*(i for i in (st.session_state.get(key), default_id) if i in labels), *labels]))
    if st.session_state.get(key) not in choices:
        st.session_state.pop(key, None)
    return str(st.selectbox("Article", choices, index=choices.index(default_id), format_func=labels.get, key=key))


# --------------------------------------------------------------------------- tables


_MONEY_WORDS = ("amount", "value", "pre_money", "post_money", "consensus", "(eur)", "(usd)", "known (")
_PCT_WORDS = ("stake", "spread", "pct", "%")
#: What a table shows for a missing value (NaN, NaT, None): nothing, in every table.
MISSING = ""
#: Rows a table shows at once; longer tables get a page picker (the downloads hold every row).
PAGE_ROWS = 1000


def _number_column(name: str) -> Any:
    """The column type of a numeric column, by what its name says it holds (None: plain)."""
    low = name.lower()
    if any(w in low for w in _PCT_WORDS):
        return st.column_config.NumberColumn(name, format="%.1f %%")
    if low == "fx_rate":
        return st.column_config.NumberColumn(name, format="%.4f")
    if low.endswith("_eur") or "(eur)" in low:
        return st.column_config.NumberColumn(name, format="€ %,.0f")
    if low.endswith("_usd") or "(usd)" in low:
        return st.column_config.NumberColumn(name, format="$ %,.0f")
    if any(w in low for w in _MONEY_WORDS) or low.endswith("_num"):
        return st.column_config.NumberColumn(name, format="compact")
    return None


def column_config(frame: pd.DataFrame) -> dict[str, Any]:
    """Column types for ``st.dataframe`` of a screened table (``views.screen``): money as
    compact numbers (in the currency when the column says EUR/USD), timestamps with their
    time, percentages with a % sign. Dates arrive as text at their precision."""
    config: dict[str, Any] = {}
    for column in frame.columns:
        name, dtype = str(column), frame[column].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            fmt = "YYYY-MM-DD HH:mm" if name.lower() == "ingested_at" else "YYYY-MM-DD"
            kind = st.column_config.DatetimeColumn if name.lower() == "ingested_at" else st.column_config.DateColumn
            config[column] = kind(name, format=fmt)
        elif pd.api.types.is_bool_dtype(dtype):
            config[column] = st.column_config.CheckboxColumn(name)
        elif pd.api.types.is_numeric_dtype(dtype) and (number := _number_column(name)) is not None:
            config[column] = number
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


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str, parquet: bool = False) -> None:
    """CSV (ISO dates with their precision, formula cells neutralised) and optionally
    Parquet downloads of ``frame``, the table's data (not its screen text), or of what
    ``frame()`` reads when it is a function: called only when a download is clicked."""
    name = re.sub(r"[^\w.-]+", "_", name).strip("_") or "table"
    data = frame if callable(frame) else (lambda: frame)
    with st.container(horizontal=True):
        st.download_button(
            "⬇ CSV",
            data=lambda: csv_bytes(data()),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"csv_{key}",
            on_click="ignore",
            help="Every row and column shown; dates as YYYY-MM-DD with their precision",
        )
        if parquet:
            st.download_button(
                "⬇ Parquet",
                data=lambda: _parquet_bytes(data()),
                file_name=f"{name}.parquet",
                mime="application/vnd.apache.parquet",
                key=f"parquet_{key}",
                on_click="ignore",
            )


@dataclass
class TableSelection:
    """A table's selection, in positions of the whole table (not of the page shown)."""

    rows: list[int]
    cells: list[tuple[int, str]]


def page_offset(n: int | None, limit: int, key: str) -> int:
    """The position of the first row of the page table ``key`` shows of its ``n`` rows, ``limit`` at
    a time: the page its picker holds (the first before it is drawn; the last when fewer rows are
    left; unchecked when ``n`` is None, not yet counted), read before the rows are, so a
    store-paged table reads only those."""
    picked = st.session_state.get(f"page_{key}", 1)
    page = max(1, int(picked) if isinstance(picked, int | float) else 1)
    if n is not None:
        page = min(page, max(1, -(-n // limit)))
        if page != picked and f"page_{key}" in st.session_state:
            st.session_state[f"page_{key}"] = page
    return (page - 1) * limit


def _page_picker(n: int, limit: int, key: str, shown: int, offset: int) -> None:
    """The page picker of a table of ``n`` rows longer than ``limit``, and which rows it shows."""
    pages = -(-n // limit)
    left, right = st.columns([1, 4], vertical_alignment="bottom")
    left.number_input(f"Page (of {pages:,})", 1, pages, key=f"page_{key}")  # its value: ``page_offset``
    right.caption(f"Rows {offset + 1:,}–{offset + shown:,} of {n:,} · the downloads hold all {n:,} rows")


def _one_page(frame: pd.DataFrame, limit: int, key: str) -> tuple[int, pd.DataFrame]:
    """The page of ``frame`` to show (with a page picker when it is longer than ``limit``)
    and the position of its first row."""
    n = len(frame)
    if n <= limit:
        return 0, frame
    offset = page_offset(n, limit, key)
    shown = frame.iloc[offset : offset + limit]
    _page_picker(n, limit, key, len(shown), offset)
    return offset, shown


def page_table(
    shown: pd.DataFrame, n: int, offset: int, whole: Callable[[], pd.DataFrame], name: str, key: str,
    *, limit: int = PAGE_ROWS, hidden: Sequence[str] = (),
) -> None:
    """One page of a table read a page at a time (rows ``offset`` on of ``n``, picked with
    ``page_offset``): its page picker, the rows (without the ``hidden`` columns) and downloads of
    every row, read by ``whole`` only when one is clicked."""
    if n > limit:
        _page_picker(n, limit, key, len(shown), offset)
    _grid(shown.drop(columns=list(hidden)), key)
    downloads(lambda: whole().drop(columns=list(hidden)), name, key)


def _grid(
    shown: pd.DataFrame, key: str, *, files: pd.Series | None = None, style: Callable[[pd.DataFrame], Any] | None = None,
    sparse: Sequence[str] = (), config: dict[str, Any] | None = None, on_select: str = "ignore", **kwargs: Any,
) -> Any:
    """``st.dataframe`` of the rows ``shown`` as the screen shows them (``views.screen``; files
    relative to the common folder of ``files``, else of the rows' own), without the ``sparse``
    columns they leave all empty; returns its event."""
    if files is None:
        files = next((shown[c] for c in views.FILE_COLUMNS if c in shown.columns), None)
    shown = views.screen(shown, files_root=files)
    if sparse:
        silent = [c for c in sparse if c in shown.columns and not shown[c].astype(bool).any()]
        shown = shown.drop(columns=silent)
    cfg = column_config(shown) | (config or {})
    kwargs.setdefault("placeholder", MISSING)
    return st.dataframe(
        style(shown) if style else shown, column_config=cfg, hide_index=True, key=key, on_select=on_select, **kwargs
    )


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
    offset, shown = _one_page(frame, page_rows or PAGE_ROWS, key)
    files = next((frame[c] for c in views.FILE_COLUMNS if c in frame.columns), None)
    event = _grid(shown, key, files=files, style=style, sparse=sparse, config=config, on_select=on_select, **kwargs)
    downloads(frame, name, key, parquet=parquet)
    if on_select == "ignore" or event is None:
        return None
    selection = event.selection
    return TableSelection(
        rows=[offset + int(r) for r in selection.get("rows", [])],
        cells=[(offset + int(r), str(c)) for r, c in selection.get("cells", [])],
    )


# --------------------------------------------------------------------------- profile links

#: The page script of each kind of profile.
PROFILE_PAGES = {"company": "pages/company.py", "investor": "pages/investor.py"}
#: Columns of a grid of profile links.
LINK_COLUMNS = 4


def profile_query(kind: str, name: str) -> dict[str, list[str]]:
    """The query of a link to ``name``'s profile: the current filters, with the company
    filter set to that company (company page) or lifted (an investor's whole portfolio)."""
    f = state.current_filters()
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
        found = views.search_names(query, names)
        if found:
            st.caption(f"Matches: open {article} {kind}'s page.")
            profile_links(kind, found)
        else:
            st.warning(views.md_escape(f"No {kind} close to \u201c{query}\u201d in the store."))
    return query
