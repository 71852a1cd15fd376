"""The app around every page: navigation, seeds on first start, sidebar filters, the page's context.

Streamlit reads a ``pages/`` folder beside the entry script the legacy way until
``st.navigation`` has been called once in the process: the very first request after start
(a deep link such as ``/company?company=…``) may then run a page script on its own.
``context()`` notices it (the page is not inside ``run_app``) and runs the app around it
instead, so the page gets its navigation, seeds and filters.
"""

from __future__ import annotations

import contextvars

import streamlit as st

from levee_ui import filters, state, upload

# (script, title, icon, url path); the default page has no url path. A script's file name is
# its url path, so Streamlit's legacy reading of ``pages/`` (see the module's docstring)
# finds the same page.
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
    """The whole app: navigation, seeds on first start, sidebar filters, then the chosen page."""
    pages = [
        st.Page(script, title=title, icon=icon, default=True)
        if url is None
        else st.Page(script, title=title, icon=icon, url_path=url)
        for script, title, icon, url in NAVIGATION
    ]
    st.set_page_config(page_title="Levée", page_icon=":material/query_stats:", layout="wide")
    page = st.navigation(pages)
    upload.ensure_seeds()
    filters.sidebar_filters()
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


def context() -> state.Context:
    """A page's first call: all and filtered frames for the current filters (cached on the
    store's state), the app drawn around the page if Streamlit ran it on its own."""
    _inside_app()
    return state.context()
