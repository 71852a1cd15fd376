"""Data: every frame under the current filters with CSV / Parquet downloads, and article upload."""

from __future__ import annotations

import streamlit as st

from analysis import views
from analysis.frames import FRAME_NAMES
from levee_ui import app, rendering, upload, widgets

ctx = app.context()
st.title("Data")

st.caption(
    "Every table of the store under the current filters. Downloads hold exactly the rows shown, "
    "dates as YYYY-MM-DD beside their precision (CSV cells that could run as spreadsheet formulas "
    "are neutralised)."
)
# lazy tabs: only the open tab's table is read and built (the others are only counted, in DuckDB)
tabs = st.tabs([f"{name.replace('_', ' ')} ({ctx.count(name)})" for name in FRAME_NAMES], key="data_tab",
               on_change="rerun")
for tab, name in zip(tabs, FRAME_NAMES, strict=True):
    if not tab.open:
        continue
    frame = ctx.computed(views.data_table, name)  # as stored, with the precision of every date
    with tab:
        if frame.empty:
            rendering.empty(ctx, name)
        else:
            widgets.table(frame, name, f"data_{name}", parquet=True)

st.divider()
upload.upload_box(ctx.db)
