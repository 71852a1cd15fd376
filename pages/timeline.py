"""Valuation timeline: post-money line, pre-money markers, every source's figure, amounts raised."""

from __future__ import annotations

import streamlit as st

from analysis import views
from levee_ui import app, charts, rendering, widgets

ctx = app.context()
st.title("Valuation timeline")

left, mid, right = st.columns([1, 1, 3])
currency = left.radio(
    "Currency", ["EUR", "USD"], horizontal=True, key="tl_currency",
    help="Each figure converted at the ECB rate of its own date.",
)
log_scale = mid.toggle("Log scale", key="tl_log")
# many companies: chart the most reported ones, the analyst picks others
# (ranked in DuckDB; only the charted companies' rows are read)
ranked = ctx.ranked_companies("figures")
top, n_companies = views.chart_ranking(ranked)
charted = tuple(top)
if n_companies > len(top):
    with right:
        charted = tuple(widgets.companies_picker(
            f"Companies on the chart ({n_companies} have figures; the {len(top)} most reported by default)",
            ranked,
            top,
            "tl_companies",
            "Pick companies, or filter by company in the sidebar",
        ))
series = ctx.computed(views.timeline, currency, companies=charted) if charted else None
if series is None or series.empty:
    rendering.empty(ctx, "valuations")
    st.stop()

figure = ctx.chart(charts.timeline, views.timeline, currency, companies=charted, log_scale=log_scale)  # built once
st.plotly_chart(figure, width="stretch", key="timeline_chart")
st.caption(
    "Line: post-money valuation of each round; triangles: pre-money; diamonds: each source's own figure "
    "(hollow = rumour / reported); bars (right axis): amount raised (hatched = reported). A date known "
    "only to the month or year is drawn across that month or year (shaded), its marker in the middle. "
    "Hover a point for its source, date, status and sentence."
)

st.subheader("Every source's valuation figure")
points = views.points_table(series.points, currency)
if points.empty:
    rendering.empty(ctx, "valuations")
else:
    widgets.table(points, f"valuation_points_{currency.lower()}", "timeline_points")
