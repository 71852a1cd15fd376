"""Plotly figures built from frames, without Streamlit: pages draw them, tests inspect them.

Every text a figure shows comes from articles and is data: it is HTML-escaped here, since
Plotly reads a little HTML in labels and hover text, and a missing value shows blank.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import views

#: One day in milliseconds, Plotly's unit of widths and error bars on a date axis.
DAY_MS = 86_400_000
#: A bar of the amounts raised is at least this wide (days), so a day-precision round shows.
MIN_BAR_DAYS = 25
#: One colour per company, in chart order (repeats past eight companies).
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
#: A sentence in a hover label: wrapped at this many characters, at most this many lines.
HOVER_WIDTH, HOVER_LINES = 80, 6
#: The text columns of the timeline's series, escaped for Plotly.
_TEXT_COLUMNS = ("company", "label", "native", "source", "status", "basis", "when")


def hover_text(text: str) -> str:
    """A sentence for a hover label: escaped and wrapped (an empty one reads "–")."""
    lines = textwrap.wrap(text, HOVER_WIDTH)[:HOVER_LINES]
    return "<br>".join(html.escape(line) for line in lines) or "–"


def plot_safe(frame: pd.DataFrame, columns: Iterable[str] = _TEXT_COLUMNS) -> pd.DataFrame:
    """A copy of ``frame`` whose text columns are HTML-escaped, a missing value blank (never
    "None" or "nan"); with ``published_text``, the publication date at its precision."""
    frame = frame.assign(**{
        c: frame[c].map(lambda v: "" if views.is_missing(v) else html.escape(str(v)))
        for c in columns
        if c in frame.columns
    })
    if "published" in frame.columns:
        frame["published_text"] = [
            html.escape(views.format_date(d, p if isinstance(p, str) else "day"))
            for d, p in zip(frame["published"], frame["published_precision"], strict=True)
        ]
    return frame


# --------------------------------------------------------------------------- valuation timeline


def _date_spans(fig: go.Figure, frame: pd.DataFrame, colour: str, company: str) -> None:
    """A month- or year-precision figure drawn across its span: a line from the first to
    the last day of its month or year, at its value (its marker sits at the middle)."""
    wide = frame[frame["precision"] != "day"]
    if wide.empty:
        return
    xs: list[object] = []
    ys: list[object] = []
    for start, end, value in zip(wide["start"], wide["end"], wide["value"], strict=True):
        xs += [start, end + pd.Timedelta(hours=23, minutes=59), None]
        ys += [value, value, None]
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="lines", line={"color": colour, "width": 6}, opacity=0.35, legendgroup=company,
            showlegend=False, hoverinfo="skip", name=f"{company}: date span",
        ),
        secondary_y=False,
    )


def _raised_bars(fig: go.Figure, bars: pd.DataFrame, colour: str, company: str) -> None:
    """Amounts raised on the right axis, as wide as their date's span (hatched = reported)."""
    widths = [
        max(MIN_BAR_DAYS * DAY_MS, (end - start).total_seconds() * 1000 + DAY_MS)
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


def _post_money(fig: go.Figure, post: pd.DataFrame, colour: str, company: str) -> None:
    """The consensus post-money valuation of each round, as a line (hollow = reported)."""
    _date_spans(fig, post, colour, company)
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


def _pre_money(fig: go.Figure, pre: pd.DataFrame, colour: str, company: str) -> None:
    """The consensus pre-money valuation of each round, as triangles."""
    _date_spans(fig, pre, colour, company)
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


def _source_points(fig: go.Figure, points: pd.DataFrame, colour: str, company: str) -> None:
    """Each source's own valuation figure, as diamonds (hollow = rumour / reported), its
    hover naming the source, the publication date, the basis and the sentence."""
    for status, symbol in (("announced", "diamond"), ("reported", "diamond-open")):
        sub = points[points["status"] == status]
        if sub.empty:
            continue
        _date_spans(fig, sub, colour, company)
        fig.add_trace(
            go.Scatter(
                x=sub["x"],
                y=sub["value"],
                mode="markers",
                legendgroup=company,
                name=f"{company}: sources ({'rumour' if status == 'reported' else 'announced'})",
                marker={"size": 9, "color": colour, "symbol": symbol, "line": {"width": 1.5, "color": colour},
                        "opacity": 0.9},
                customdata=[
                    [r.source, r.published_text, r.status, r.basis, r.native, hover_text(r.sentence), r.when]
                    for r in sub.itertuples()
                ],
                hovertemplate="<b>%{customdata[0]}</b> (published %{customdata[1]})<br>"
                "%{customdata[4]} · %{customdata[3]}-money basis · %{customdata[2]}<br>%{customdata[6]}"
                "<br><i>%{customdata[5]}</i><extra></extra>",
            ),
            secondary_y=False,
        )


def timeline(series: views.Timeline, *, log_scale: bool = False) -> go.Figure:
    """The valuation timeline of ``views.timeline``: per company (one colour each), the
    post-money line, pre-money triangles, every source's figure as diamonds and the amounts
    raised as bars on the right axis; a figure dated to a month or a year spans it."""
    post, pre = plot_safe(series.post), plot_safe(series.pre)
    points, raised = plot_safe(series.points), plot_safe(series.raised)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    companies = list(dict.fromkeys([*post["company"], *points["company"], *raised["company"]]))
    for i, company in enumerate(companies):
        colour = PALETTE[i % len(PALETTE)]
        if not (bars := raised[raised["company"] == company]).empty:
            _raised_bars(fig, bars, colour, company)
        if not (line := post[post["company"] == company]).empty:
            _post_money(fig, line, colour, company)
        if not (triangles := pre[pre["company"] == company]).empty:
            _pre_money(fig, triangles, colour, company)
        _source_points(fig, points[points["company"] == company], colour, company)
    fig.update_layout(
        height=520,
        hovermode="closest",
        barmode="overlay",
        margin={"t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"align": "left"},
    )
    symbol = "€" if series.currency == "EUR" else "$"
    axis = {"tickprefix": symbol, "exponentformat": "B", "type": "log" if log_scale else "linear"}
    if not log_scale:
        axis["rangemode"] = "tozero"
    fig.update_yaxes(title_text=f"Valuation ({series.currency})", secondary_y=False, **axis)
    fig.update_yaxes(
        title_text=f"Amount raised ({series.currency})", showgrid=False, tickmode="auto", secondary_y=True, **axis
    )
    return fig


# --------------------------------------------------------------------------- cap table, profiles


def holdings(frame: pd.DataFrame) -> go.Figure:
    """Who holds what after each round (``views.cap_table(...).holdings``): one stacked bar
    per round, one colour per investor, the stake written on its segment."""
    h = frame.sort_values(["order", "stake_pct"], ascending=[True, False])
    plotted = h.assign(**{c: h[c].astype(str).map(html.escape) for c in ("round", "investor", "company")})
    fig = px.bar(
        plotted,
        x="round",
        y="stake_pct",
        color="investor",
        text=h["stake_pct"].map(lambda v: f"{v:.1f} %"),
        hover_data={"how": True, "order": False},
        labels={"stake_pct": "Stake (%)", "round": "After round"},
    )
    fig.update_layout(height=420, barmode="stack", bargap=0.5, yaxis={"ticksuffix": " %"}, margin={"t": 20})
    return fig


def valuation_history(points: pd.DataFrame) -> go.Figure:
    """A company's valuation figures (``views.valuation_points``) in EUR, announced as
    filled and reported as hollow circles, each across its date's span (error bars)."""
    fig = go.Figure()
    for status, symbol in (("announced", "circle"), ("reported", "circle-open")):
        part = points[points["status"] == status]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["middle"],
                y=part["value_eur"],
                mode="markers",
                name=status,
                marker={"size": 11, "symbol": symbol},
                error_x={"type": "data", "array": part["half_width_ms"], "visible": True, "thickness": 2},
                customdata=part[["when", "valuation", "basis", "source"]].astype(str).map(html.escape).to_numpy(),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]} (%{y:,.0f} EUR)"
                "<br>basis: %{customdata[2]}<br>%{customdata[3]}<extra>" + status + "</extra>",
            )
        )
    fig.update_layout(height=360, margin={"t": 20}, yaxis={"title": "Valuation (EUR)", "rangemode": "tozero"})
    return fig


def activity(frame: pd.DataFrame) -> go.Figure:
    """An investor's rounds per year (``InvestorProfile.activity``), led and participated stacked."""
    fig = go.Figure()
    for role, colour in ((views.LED, "#d62728"), (views.PARTICIPATED, "#1f77b4")):
        fig.add_trace(go.Bar(x=frame["Year"], y=frame[role], name=role, marker_color=colour))
    fig.update_layout(
        barmode="stack", height=300, margin={"t": 20}, xaxis={"dtick": 1, "title": "Year of the round"},
        yaxis={"title": "Rounds", "dtick": 1},
    )
    return fig
