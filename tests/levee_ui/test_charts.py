"""The pure chart builders of ``levee_ui.charts``: what each figure shows (traces, points,
hover text), from frames shaped as the store shapes them (``analysis.frames.conform`` rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from analysis import frames as fr
from analysis import views
from analysis.frames import Frames
from levee_ui import charts

ACME = "Acme <b>Robotics</b>"
DAY = pd.Timestamp


def _frames(**rows: list[dict[str, Any]]) -> Frames:
    """Every frame of a store holding ``rows`` (frame name -> row dicts), the rest empty."""
    return Frames(**{
        name: fr.conform(name, pd.DataFrame(rows[name])) if name in rows else fr.empty(name)
        for name in fr.FRAME_NAMES
    })


def _article(article_id: str, publisher: str, published: str) -> dict[str, Any]:
    return {"article_id": article_id, "file": f"{article_id}.txt", "publisher": publisher, "title": publisher,
            "published": DAY(published), "published_precision": "day", "language": "en", "n_chars": 100,
            "ingested_at": DAY("2025-10-01")}


def _round(round_id: str, date: str, precision: str, amount: float, post: float | None, status: str,
           **more: Any) -> dict[str, Any]:
    return {"round_id": round_id, "company": ACME, "round_label": "Series A", "date": DAY(date),
            "date_precision": precision, "amount": amount, "currency": "EUR", "amount_eur": amount,
            "amount_usd": amount * 1.1, "post_money": post, "valuation_currency": "EUR", "post_money_eur": post,
            "post_money_usd": None if post is None else post * 1.1, "pre_money_derived": False,
            "post_money_derived": False, "valuation_basis": "post", "n_sources": 1, "status": status,
            "agreement": "agree", "corrected": "", "original": "", **more}


def _valuation(article_id: str, publisher: str, date: str, precision: str, value: float, status: str,
               sentence: str) -> dict[str, Any]:
    return {"company": ACME, "date": DAY(date), "date_precision": precision, "value": value, "currency": "EUR",
            "value_eur": value, "value_usd": value * 1.1, "basis": "post", "article_id": article_id,
            "publisher": publisher, "published": DAY(date), "status": status, "sentence": sentence,
            "corrected": "", "original": ""}


def _investment(round_id: str, investor: str, role: str, amount: float | None,
                stake: float | None) -> dict[str, Any]:
    return {"round_id": round_id, "company": ACME, "investor": investor, "role": role, "amount": amount,
            "currency": "EUR", "amount_eur": amount, "amount_usd": None if amount is None else amount * 1.1,
            "stake_reported": stake, "stake_mismatch": False, "n_sources": 1, "corrected": "", "original": ""}


@pytest.fixture(scope="module")
def store_frames() -> Frames:
    """Acme's two rounds (one dated to the day, one to a month and reported) and two sources'
    valuations of it, one a rumour whose sentence holds markup."""
    return _frames(
        articles=[_article("a1", "Wire", "2024-03-05"), _article("a2", "Gossip", "2025-06-20")],
        rounds=[
            _round("r1", "2024-03-05", "day", 20e6, 100e6, "announced"),
            _round("r2", "2025-06-01", "month", 50e6, 400e6, "reported", round_label="Series B"),
        ],
        investments=[
            _investment("r1", "Fund <i>One</i>", "lead", 10e6, 10.0),
            _investment("r1", "Angel", "participant", 5e6, None),
            _investment("r2", "Fund <i>One</i>", "participant", None, None),
        ],
        valuations=[
            _valuation("a1", "Wire", "2024-03-05", "day", 100e6, "announced", "Acme is valued at €100 million."),
            _valuation("a2", "Gossip", "2025-06-01", "month", 400e6, "reported",
                       "Acme <script>alert(1)</script> would be worth €400 million."),
        ],
    )


def _traces(fig: Any) -> dict[str, Any]:
    return {t.name: t for t in fig.data}


def test_the_timeline_draws_each_series_of_a_company(store_frames: Frames) -> None:
    fig = charts.timeline(views.timeline(store_frames, "EUR"))
    traces = _traces(fig)
    name = "Acme &lt;b&gt;Robotics&lt;/b&gt;"  # a company name is data, never markup
    assert {f"{name}: amount raised", f"{name}: post-money", f"{name}: sources (announced)",
            f"{name}: sources (rumour)", f"{name}: date span"} <= set(traces)
    raised, post = traces[f"{name}: amount raised"], traces[f"{name}: post-money"]
    assert list(raised.y) == [20e6, 50e6] and raised.yaxis == "y2"  # bars on the right axis
    assert list(raised.marker.pattern.shape) == ["", "/"]  # the reported round hatched
    assert list(post.y) == [100e6, 400e6] and post.yaxis == "y"
    assert list(post.marker.symbol) == ["circle", "circle-open"]
    # the month-precision round sits mid-month and spans its month
    assert pd.Timestamp(post.x[1]).date() == dt.date(2025, 6, 15)
    spans = [t for t in fig.data if t.name.endswith("date span")]
    assert any(t.y[0] == 400e6 and pd.Timestamp(t.x[0]).date() == dt.date(2025, 6, 1)
               and pd.Timestamp(t.x[1]).date() == dt.date(2025, 6, 30) for t in spans)
    assert fig.layout.yaxis.tickprefix == "€" and fig.layout.yaxis.title.text == "Valuation (EUR)"
    assert fig.layout.yaxis.rangemode == "tozero" and fig.layout.yaxis.type == "linear"


def test_a_source_point_hovers_its_source_date_and_escaped_sentence(store_frames: Frames) -> None:
    name = "Acme &lt;b&gt;Robotics&lt;/b&gt;"
    traces = _traces(charts.timeline(views.timeline(store_frames, "EUR")))
    rumour = traces[f"{name}: sources (rumour)"]
    assert list(rumour.y) == [400e6] and rumour.marker.symbol == "diamond-open"
    source, _published, status, basis, _native, sentence, when = rumour.customdata[0]
    assert (source, status, basis, when) == ("Gossip", "reported", "post", "Jun 2025")
    assert "<script>" not in sentence and "&lt;script&gt;alert(1)&lt;/script&gt;" in sentence
    assert "%{customdata[5]}" in rumour.hovertemplate and "%{x|" not in rumour.hovertemplate
    announced = traces[f"{name}: sources (announced)"]
    assert announced.customdata[0][0] == "Wire" and list(announced.y) == [100e6]


def test_the_timeline_in_dollars_on_a_log_scale(store_frames: Frames) -> None:
    fig = charts.timeline(views.timeline(store_frames, "USD"), log_scale=True)
    post = next(t for t in fig.data if t.name.endswith("post-money"))
    assert list(post.y) == pytest.approx([110e6, 440e6])
    assert fig.layout.yaxis.tickprefix == "$" and fig.layout.yaxis.type == "log"
    assert fig.layout.yaxis.rangemode is None  # a log axis can't start at zero


def test_a_long_sentence_is_wrapped_and_cut_in_the_hover() -> None:
    text = charts.hover_text("word " * 200)
    assert text.count("<br>") == charts.HOVER_LINES - 1
    assert charts.hover_text("") == "–"


def test_holdings_stack_each_investors_stake_per_round(store_frames: Frames) -> None:
    cap = views.cap_table(store_frames)
    fig = charts.holdings(cap.holdings)
    traces = _traces(fig)
    fund = traces["Fund &lt;i&gt;One&lt;/i&gt;"]  # an investor's name is data, never markup
    assert fund.y[0] == pytest.approx(10.0) and fund.text[0] == "10.0 %"
    # diluted by the Series B (€50 m into €400 m post-money): 10 % × (1 − 50/400)
    assert list(fund.y) == pytest.approx([10.0, 8.75]) and len(fund.x) == 2
    assert set(traces) >= {"Fund &lt;i&gt;One&lt;/i&gt;", "Angel"}
    assert fig.layout.barmode == "stack" and fig.layout.yaxis.ticksuffix == " %"


def test_a_company_profile_charts_its_valuations_across_their_spans(store_frames: Frames) -> None:
    profile = views.company_profile(store_frames, ACME)
    fig = charts.valuation_history(views.valuation_points(profile))
    traces = _traces(fig)
    assert set(traces) == {"announced", "reported"}
    reported = traces["reported"]
    assert list(reported.y) == [400e6] and reported.marker.symbol == "circle-open"
    assert list(reported.error_x.array) == [29 * charts.DAY_MS / 2]  # June: 1st to 30th
    assert list(traces["announced"].error_x.array) == [0]  # a day
    assert reported.customdata[0][0] == "Jun 2025" and "Gossip" in reported.customdata[0][3]


def test_an_investor_profile_charts_its_rounds_per_year(store_frames: Frames) -> None:
    profile = views.investor_profile(store_frames, "Fund <i>One</i>")
    fig = charts.activity(profile.activity)
    traces = _traces(fig)
    assert list(traces[views.LED].x) == [2024, 2025]
    assert list(traces[views.LED].y) == [1, 0] and list(traces[views.PARTICIPATED].y) == [0, 1]
    assert fig.layout.barmode == "stack"
