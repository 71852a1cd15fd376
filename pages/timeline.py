"""Valuation timeline: post-money line, pre-money markers, every source's figure, amounts raised."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
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


def _plot_safe(frame, columns=("company", "label", "native", "source", "status", "basis", "when")):
    """Copies of the text columns for Plotly, HTML-escaped (Plotly reads tags in labels);
    a missing value is blank, never "None" or "nan"."""
    frame = frame.assign(
        **{c: frame[c].map(lambda v: "" if views.is_missing(v) else html.escape(str(v))) for c in columns if c in frame.columns}
    )
    if "published" in frame.columns:
        frame["published_text"] = [
            html.escape(views.fmt_date(d, p if isinstance(p, str) else "day"))
            for d, p in zip(frame["published"], frame["published_precision"], strict=True)
        ]
    return frame


def _spans(fig, frame, colour: str, company: str, secondary_y: bool = False) -> None:
    """A month- or year-precision figure drawn across its span: a line from the first to
    the last day of its month or year, at its value (its marker sits at the middle)."""
    wide = frame[frame["precision"] != "day"]
    if wide.empty:
        return
    xs, ys = [], []
    for start, end, value in zip(wide["start"], wide["end"], wide["value"], strict=True):
        xs += [start, end + pd.Timedelta(hours=23, minutes=59), None]
        ys += [value, value, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": colour, "width": 6},
            opacity=0.35,
            legendgroup=company,
            showlegend=False,
            hoverinfo="skip",
            name=f"{company}: date span",
        ),
        secondary_y=secondary_y,
    )


post_all, pre_all, raised = _plot_safe(series.post), _plot_safe(series.pre), _plot_safe(series.raised)
points_all = _plot_safe(series.points)
fig = make_subplots(specs=[[{"secondary_y": True}]])
companies = list(dict.fromkeys([*post_all["company"], *points_all["company"], *raised["company"]]))
for i, company in enumerate(companies):
    colour = palette[i % len(palette)]
    bars = raised[raised["company"] == company]
    if not bars.empty:
        # a bar is as wide as its date's span (a month, a year), at least 25 days
        widths = [
            max(25 * DAY_MS, (end - start).total_seconds() * 1000 + DAY_MS)
            for start, end in zip(bars["start"], bars["end"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=bars["x"],
                y=bars["value"],
                name=f"{company}: amount raised",
                legendgroup=company,
                marker={
                    "color": colour,
                    "opacity": 0.25,
                    "pattern": {"shape": ["/" if s == "reported" else "" for s in bars["status"]]},
                },
                width=widths,
                customdata=bars[["label", "native", "status", "when"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>raised %{customdata[1]} (%{customdata[2]})<br>%{customdata[3]}"
                "<extra></extra>",
            ),
            secondary_y=True,
        )
    post = post_all[post_all["company"] == company]
    if not post.empty:
        _spans(fig, post, colour, company)
        fig.add_trace(
            go.Scatter(
                x=post["x"],
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
                customdata=post[["label", "native", "status", "derived", "when"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>post-money %{customdata[1]}<br>%{customdata[4]} · %{customdata[2]}"
                "<br>derived: %{customdata[3]}<extra></extra>",
            ),
            secondary_y=False,
        )
    pre = pre_all[pre_all["company"] == company]
    if not pre.empty:
        _spans(fig, pre, colour, company)
        fig.add_trace(
            go.Scatter(
                x=pre["x"],
                y=pre["value"],
                mode="markers",
                name=f"{company}: pre-money",
                legendgroup=company,
                marker={"size": 11, "color": colour, "symbol": "triangle-up-open", "line": {"width": 2}},
                customdata=pre[["label", "native", "derived", "when"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>pre-money %{customdata[1]}<br>%{customdata[3]}"
                "<br>derived: %{customdata[2]}<extra></extra>",
            ),
            secondary_y=False,
        )
    pts = points_all[points_all["company"] == company]
    for status, marker in (("announced", "diamond"), ("reported", "diamond-open")):
        sub = pts[pts["status"] == status]
        if sub.empty:
            continue
        _spans(fig, sub, colour, company)
        fig.add_trace(
            go.Scatter(
                x=sub["x"],
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
                    [r.source, r.published_text, r.status, r.basis, r.native, _hover(r.sentence), r.when]
                    for r in sub.itertuples()
                ],
                hovertemplate="<b>%{customdata[0]}</b> (published %{customdata[1]})<br>"
                "%{customdata[4]} · %{customdata[3]}-money basis · %{customdata[2]}<br>%{customdata[6]}"
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
    "(hollow = rumour / reported); bars (right axis): amount raised (hatched = reported). A date known "
    "only to the month or year is drawn across that month or year (shaded), its marker in the middle. "
    "Hover a point for its source, date, status and sentence."
)

st.subheader("Every source's valuation figure")
points = views.points_table(series.points, currency)
if points.empty:
    levee_ui.empty(ctx, "valuations")
else:
    levee_ui.table(points, f"valuation_points_{currency.lower()}", "timeline_points")
