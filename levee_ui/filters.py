"""The sidebar filters, kept in the URL's query parameters and restored from a followed link.

A copied link reproduces the view: the filters are written to the query parameters on every
run, and a URL the app did not write (a link followed, the browser's history) becomes the
filters again. Values the store does not know are dropped with a warning.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from analysis import views
from analysis.views import Filters
from levee_ui import state

# Widget keys of the sidebar filters.
K_PUB, K_DATES, K_COMPANY, K_LANG, K_STATUS = "f_publisher", "f_dates", "f_company", "f_lang", "f_status"
#: Query parameters a page reads for itself (its subject), kept beside the filters' in the URL.
PAGE_PARAMS = ("investor", "article")
#: Session key of the query parameters the app last wrote (a different URL means a followed link).
_K_WRITTEN_QUERY = "_levee_written_query"
#: Session keys: the URL was read once this session; values of a link the store does not know;
#: the store's date span on the last run (a full-span selection follows a growing store).
_K_RESTORED, _K_DROPPED, _K_SPAN = "_levee_restored", "_levee_dropped", "_levee_span"

Span = tuple[dt.date | None, dt.date | None]


def long_list_help(total: int) -> str:
    """The help of every company list cut to ``views.COMPANY_CHOICES`` names."""
    return (f"The {views.COMPANY_CHOICES} most reported of {total:,} companies are listed; type the name of any "
            "other and press Enter.")


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _restore_from_url(options: dict[str, Any], span: Span) -> None:
    """Widget state from the query parameters (unknown values dropped, remembered to warn)."""
    f = Filters.from_query(_query())
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
        st.session_state[_K_DROPPED] = dropped


def _keep_valid(options: dict[str, Any], span: Span) -> list[str]:
    """Selections kept valid when the store changes (an upload adds publishers, dates…);
    typed company names take the store's spelling. Returns the company names not found."""
    for key, choices in ((K_PUB, "publishers"), (K_LANG, "languages"), (K_STATUS, "statuses")):
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in options[choices]]
    unknown: list[str] = []
    if K_COMPANY in st.session_state:
        st.session_state[K_COMPANY], unknown = views.match_companies(
            st.session_state[K_COMPANY], options["companies"]
        )
    lo, hi = span
    if lo and hi:
        old = st.session_state.get(_K_SPAN)
        current = st.session_state.get(K_DATES)
        if current is None or (old and tuple(current) == tuple(old)):
            st.session_state[K_DATES] = (lo, hi)  # the full span follows the store
        elif len(current) == 2:
            start = min(max(current[0], lo), hi)
            st.session_state[K_DATES] = (start, max(min(current[1], hi), start))
        # one date: the user is picking the range's end; leave it alone
        st.session_state[_K_SPAN] = (lo, hi)
    return unknown


def _company_filter(companies: list[str], top: list[str]) -> None:
    """The company multiselect: every name, or (thousands of them would travel with every
    rerun) the most reported listed and any other typed in."""
    if len(companies) <= views.COMPANY_CHOICES:
        st.multiselect("Company", companies, key=K_COMPANY, placeholder="All companies")
        return
    listed = list(dict.fromkeys([*st.session_state.get(K_COMPANY, []), *top]))
    st.multiselect(
        "Company",
        listed,
        key=K_COMPANY,
        accept_new_options=True,
        placeholder=f"All {len(companies):,} companies",
        help=long_list_help(len(companies)),
    )


def _draw(options: dict[str, Any], span: Span, unknown: list[str]) -> tuple[dt.date, ...]:
    """The filter widgets in the sidebar; returns the date range picked (empty without dates)."""
    lo, hi = span
    date_range: tuple[dt.date, ...] = ()
    with st.sidebar:
        st.header("Filters")
        st.multiselect("Source (publisher)", options["publishers"], key=K_PUB, placeholder="All sources")
        if lo and hi:
            date_range = st.date_input(
                "Published between", min_value=lo, max_value=hi, key=K_DATES, format="YYYY-MM-DD"
            )
        _company_filter(options["companies"], options["top_companies"])
        if unknown:
            st.warning(views.md_escape(f"No company of that name in the store: {', '.join(unknown)}"))
        st.multiselect("Language", options["languages"], key=K_LANG, placeholder="All languages")
        st.multiselect("Status", options["statuses"], key=K_STATUS, placeholder="Announced and reported")
        dropped = st.session_state.pop(_K_DROPPED, None)
        if dropped:
            st.warning(views.md_escape(f"Not in the store, ignored from the link: {', '.join(dropped)}"))
    return tuple(date_range) if isinstance(date_range, tuple | list) else ()


def _chosen(span: Span, date_range: tuple[dt.date, ...]) -> Filters:
    """The filters the widgets hold (a date range covering the whole span filters nothing)."""
    lo, hi = span
    date_from = date_to = None
    if lo and hi and len(date_range) == 2:
        date_from = date_range[0] if date_range[0] > lo else None
        date_to = date_range[1] if date_range[1] < hi else None
    return Filters(
        publishers=tuple(st.session_state.get(K_PUB, ())),
        date_from=date_from,
        date_to=date_to,
        companies=tuple(st.session_state.get(K_COMPANY, ())),
        languages=tuple(st.session_state.get(K_LANG, ())),
        statuses=tuple(st.session_state.get(K_STATUS, ())),
    )


def sidebar_filters() -> Filters:
    """Draw the global filters in the sidebar (restored from the URL on first load and when a
    link is followed) and write them back to the query parameters, so a copied link
    reproduces the view. The filters are kept for the page (``state.current_filters``)."""
    options = state.choices()  # counted in DuckDB; a store that can't be read stops here with the reason
    span: Span = options["date_span"]
    current_q = _query()
    followed_link = bool(current_q) and current_q != st.session_state.get(_K_WRITTEN_QUERY, current_q)
    if _K_RESTORED not in st.session_state or followed_link:
        _restore_from_url(options, span)
        st.session_state[_K_RESTORED] = True
    unknown = _keep_valid(options, span)
    f = _chosen(span, _draw(options, span, unknown))
    wanted = f.to_query() | {k: v for k, v in current_q.items() if k in PAGE_PARAMS}
    if current_q != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_K_WRITTEN_QUERY] = wanted
    if f.active:
        st.sidebar.caption(
            views.md_escape("Filtered: " + "; ".join(f.describe()) + ". Copy the URL to share this view.")
        )
    st.session_state[state.K_FILTERS] = f
    return f
