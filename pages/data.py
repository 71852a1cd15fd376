"""Data: every frame under the current filters with CSV / Parquet downloads, and article upload."""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, rendering, upload, widgets

ctx = app.context()
st.title("Data")

st.caption(
    "Every table of the store under the current filters. Downloads hold exactly the rows shown, "
    "dates as YYYY-MM-DD beside their precision (CSV cells that could run as spreadsheet formulas "
    "are neutralised)."
)
frames = ctx.computed(views.data_tables)  # as stored, with the precision of every date
# lazy tabs: only the open tab's table is built and sent (six long tables at once are slow)
tabs = st.tabs([f"{name.replace('_', ' ')} ({len(frame)})" for name, frame in frames.items()], key="data_tab",
               on_change="rerun")
for tab, (name, frame) in zip(tabs, frames.items(), strict=True):
    if not tab.open:
        continue
    with tab:
        if frame.empty:
            rendering.empty(ctx, name)
        else:
            widgets.table(frame, name, f"data_{name}", parquet=True)

st.divider()
upload.upload_box(ctx.db)
