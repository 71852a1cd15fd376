"""Valuation timeline: post-money line, pre-money markers, every source's figure, amounts raised."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import levee_ui
from analysis import views

ctx = levee_ui.context()
st.title("Valuation timeline")

left, mid, right = st.columns([1, 1, 3])
currency = left.radio(
    "Currency",
    ["EUR", "USD"],
    horizontal=True,
    key="tl_currency",
    help="Each figure converted at the ECB rate of its own date.",
)
log_scale = mid.toggle("Log scale", key="tl_log")
# many companies: chart the most reported ones, the analyst picks others
top, n_companies = ctx.computed(views.chart_companies)
charted: tuple[str, ...] | None = None
if n_companies > len(top):
    every = ctx.computed(views.chart_companies, n_companies)[0]
    with right:
        picked = levee_ui.companies_picker(
            f"Companies on the chart ({n_companies} have figures; the {len(top)} most reported by default)",
            every,
            top,
            "tl_companies",
            "Pick companies, or filter by company in the sidebar",
        )
    charted = tuple(picked)
series = ctx.computed(views.timeline, currency, charted)
if series.empty:
    levee_ui.empty(ctx, "valuations")
    st.stop()

symbol = "€" if currency == "EUR" else "$"
DAY_MS = 86_400_000
palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def _hover(text: str) -> str:
    """Article text is data: escape it (Plotly reads a little HTML in hover labels) and wrap it."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, 80)[:6]) or "–"


def _plot_safe(frame, columns=("company", "label", "native", "source", "published", "status", "basis")):
    """Copies of the text columns for Plotly, HTML-escaped (Plotly reads tags in labels)."""
    return frame.assign(**{c: frame[c].astype(str).map(html.escape) for c in columns if c in frame.columns})


post_all, pre_all, raised = _plot_safe(series.post), _plot_safe(series.pre), _plot_safe(series.raised)
points_all = _plot_safe(series.points)
fig = make_subplots(specs=[[{"secondary_y": True}]])
companies = list(dict.fromkeys([*post_all["company"], *points_all["company"], *raised["company"]]))
for i, company in enumerate(companies):
    colour = palette[i % len(palette)]
    bars = raised[raised["company"] == company]
    if not bars.empty:
        fig.add_trace(
            go.Bar(
                x=bars["date"],
                y=bars["value"],
                name=f"{company}: amount raised",
                legendgroup=company,
                marker={
                    "color": colour,
                    "opacity": 0.25,
                    "pattern": {"shape": ["/" if s == "reported" else "" for s in bars["status"]]},
                },
                width=[25 * DAY_MS] * len(bars),
                customdata=bars[["label", "native", "status"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>raised %{customdata[1]} (%{customdata[2]})<extra></extra>",
            ),
            secondary_y=True,
        )
    post = post_all[post_all["company"] == company]
    if not post.empty:
        fig.add_trace(
            go.Scatter(
                x=post["date"],
                y=post["value"],
                mode="lines+markers",
                name=f"{company}: post-money",
                legendgroup=company,
                line={"color": colour, "width": 3},
                marker={
                    "size": 11,
                    "color": colour,
                    "symbol": ["circle-open" if s == "reported" else "circle" for s in post["status"]],
                },
                customdata=post[["label", "native", "status", "derived"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>post-money %{customdata[1]}<br>%{customdata[2]}"
                "<br>derived: %{customdata[3]}<extra></extra>",
            ),
            secondary_y=False,
        )
    pre = pre_all[pre_all["company"] == company]
    if not pre.empty:
        fig.add_trace(
            go.Scatter(
                x=pre["date"],
                y=pre["value"],
                mode="markers",
                name=f"{company}: pre-money",
                legendgroup=company,
                marker={"size": 11, "color": colour, "symbol": "triangle-up-open", "line": {"width": 2}},
                customdata=pre[["label", "native", "derived"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>pre-money %{customdata[1]}<br>derived: %{customdata[2]}<extra></extra>",
            ),
            secondary_y=False,
        )
    pts = points_all[points_all["company"] == company]
    for status, marker in (("announced", "diamond"), ("reported", "diamond-open")):
        sub = pts[pts["status"] == status]
        if sub.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=sub["date"],
                y=sub["value"],
                mode="markers",
                legendgroup=company,
                name=f"{company}: sources ({'rumour' if status == 'reported' else 'announced'})",
                marker={
                    "size": 9,
                    "color": colour,
                    "symbol": marker,
                    "line": {"width": 1.5, "color": colour},
                    "opacity": 0.9,
                },
                customdata=[
                    [r.source, r.published, r.status, r.basis, r.native, _hover(r.sentence)]
                    for r in sub.itertuples()
                ],
                hovertemplate="<b>%{customdata[0]}</b> (published %{customdata[1]})<br>"
                "%{customdata[4]} · %{customdata[3]}-money basis · %{customdata[2]}<br>%{x|%d %b %Y}"
                "<br><i>%{customdata[5]}</i><extra></extra>",
            ),
            secondary_y=False,
        )

fig.update_layout(
    height=520,
    hovermode="closest",
    barmode="overlay",
    margin={"t": 30, "b": 10},
    legend={"orientation": "h", "y": -0.15},
    hoverlabel={"align": "left"},
)
axis = {"tickprefix": symbol, "exponentformat": "B", "type": "log" if log_scale else "linear"}
if not log_scale:
    axis["rangemode"] = "tozero"
fig.update_yaxes(title_text=f"Valuation ({currency})", secondary_y=False, **axis)
fig.update_yaxes(
    title_text=f"Amount raised ({currency})", showgrid=False, tickmode="auto", secondary_y=True, **axis
)
st.plotly_chart(fig, width="stretch", key="timeline_chart")
st.caption(
    "Line: post-money valuation of each round; triangles: pre-money; diamonds: each source's own figure "
    "(hollow = rumour / reported); bars (right axis): amount raised (hatched = reported). "
    "Hover a point for its source, date, status and sentence."
)

st.subheader("Every source's valuation figure")
points = series.points.drop(columns=["article_id"]).rename(
    columns={
        "date": "Date",
        "company": "Company",
        "value": f"Value ({currency})",
        "source": "Source",
        "published": "Published",
        "sentence": "Sentence",
        "status": "Status",
        "basis": "Basis",
        "native": "As stated",
    }
)
if points.empty:
    levee_ui.empty(ctx, "valuations")
else:
    levee_ui.table(points, f"valuation_points_{currency.lower()}", "timeline_points")
