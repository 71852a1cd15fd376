"""Levée dashboard: ``streamlit run dashboard.py``.

The entry script: ingests the seeds into the store on first start, draws the global
filters in the sidebar (mirrored in the URL's query parameters) and runs the page the
user picked. Each page in ``app_pages/`` reads the filtered frames through ``levee_ui`` and
draws them; the data shaping is in ``analysis.views``.
"""

from __future__ import annotations

import streamlit as st

import levee_ui

st.set_page_config(page_title="Levée", page_icon=":material/query_stats:", layout="wide")

# The page scripts live in ``app_pages/``, not ``pages/``: a ``pages/`` folder beside an entry
# script makes Streamlit try its legacy folder navigation on the first request after start
# (a deep link then opens a "Page not found" dialog) and in every AppTest run.
PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(
        "app_pages/timeline.py", title="Valuation timeline", icon=":material/show_chart:", url_path="timeline"
    ),
    st.Page(
        "app_pages/cap_table.py",
        title="Investor cap table",
        icon=":material/pie_chart:",
        url_path="cap-table",
    ),
    st.Page("app_pages/sources.py", title="Source comparison", icon=":material/compare:", url_path="sources"),
    st.Page("app_pages/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
    st.Page("app_pages/data.py", title="Data", icon=":material/table:", url_path="data"),
]

page = st.navigation(PAGES)
levee_ui.ensure_seeds()
levee_ui.sidebar_filters()
page.run()
