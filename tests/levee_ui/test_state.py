"""The dashboard's reads of the store (``levee_ui.state``): each frame read when first asked for,
filtered in DuckDB, the same rows and the same words as the views' filters on the whole store."""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from pathlib import Path

import pandas as pd
import pytest
from mistral_facts import SEED_BUILDERS, seed_article

from analysis import frames as fr
from analysis import store, views
from analysis.ingest import ingest_facts
from analysis.views import Filters
from levee_ui import state


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("state") / "levee.duckdb"
    ingest_facts([(seed_article(n), build(seed_article(n))) for n, build in SEED_BUILDERS.items()], path)
    return path


@pytest.fixture
def context(db: Path, monkeypatch: pytest.MonkeyPatch):
    """A page's context over ``db`` for some filters (outside a Streamlit run: its caches are
    process-wide), forgotten after the test."""
    warnings.filterwarnings("ignore", message=".*ScriptRunContext.*")
    monkeypatch.setenv("LEVEE_DB", str(db))
    state.refresh()

    def make(f: Filters) -> state.Context:
        token = state.store_token(db)
        return state.Context(all=state.StoreFrames(str(db), token, Filters()),
                             view=state.StoreFrames(str(db), token, f), filters=f, db=db, token=token)

    yield make
    state.refresh()


def _filters(db: Path) -> list[Filters]:
    offered = store.choices(db, top=10)
    first, last = offered["date_span"]
    return [
        Filters(),
        Filters(publishers=(offered["publishers"][0],)),
        Filters(publishers=("Nobody",)),
        Filters(companies=("Mistral AI",), statuses=("reported",)),
        Filters(date_from=last + dt.timedelta(days=1)),
        Filters(date_from=first, languages=("en",), companies=("Other",)),
        Filters(publishers=(offered["publishers"][0],), statuses=("announced",)),
    ]


def test_a_frame_is_read_when_first_asked_for_and_once(context, db, monkeypatch) -> None:
    reads: list[str] = []
    real = store.read_selection

    def spy(*args, names=fr.FRAME_NAMES, **kwargs):
        reads.extend(names)
        return real(*args, names=names, **kwargs)

    monkeypatch.setattr(store, "read_selection", spy)
    ctx = context(Filters(companies=("Mistral AI",)))
    assert reads == []
    assert not ctx.view.rounds.empty and not ctx.view.rounds.empty
    assert reads == ["rounds"]
    ctx.view.investments  # noqa: B018 - the read is the point
    assert reads == ["rounds", "investments"]
    assert [name for name, _ in ctx.view.items()] == list(fr.FRAME_NAMES)


def test_the_frames_are_the_views_filtered_frames(context, db) -> None:
    whole = store.read_frames(db)
    for f in _filters(db):
        expected = views.apply_filters(whole, f)
        ctx = context(f)
        for name in fr.FRAME_NAMES:
            pd.testing.assert_frame_equal(getattr(ctx.view, name), getattr(expected, name), obj=f"{name} under {f}")
            pd.testing.assert_frame_equal(getattr(ctx.all, name), getattr(whole, name), obj=name)


def test_why_a_frame_is_empty_counts_in_duckdb_with_the_views_words(context, db, monkeypatch) -> None:
    whole = store.read_frames(db)
    monkeypatch.setattr(store, "read_selection", lambda *a, **k: pytest.fail("why_empty read rows"))
    for f in _filters(db):
        ctx = context(f)
        for name in fr.FRAME_NAMES:
            assert ctx.why_empty(name) == views.why_empty(whole, f, name), (f, name)


def test_the_sidebar_choices_are_the_views_choices(context, db) -> None:
    whole = store.read_frames(db)
    offered = state.choices()
    expected = views.filter_options(whole)
    assert {k: offered[k] for k in expected} == expected
    assert offered["date_span"] == views.date_span(whole.articles)


def test_a_chart_is_built_once_from_the_shaped_view_it_draws(context, monkeypatch) -> None:
    from levee_ui import charts

    ctx = context(Filters())
    companies = ("Mistral AI",)
    built: list[object] = []
    real = charts.timeline
    @functools.wraps(real)
    def counted(series: object, **options: object) -> object:
        built.append(series)
        return real(series, **options)

    monkeypatch.setattr(charts, "timeline", counted)
    first = ctx.chart(charts.timeline, views.timeline, "EUR", companies=companies, log_scale=True)
    again = ctx.chart(charts.timeline, views.timeline, "EUR", companies=companies, log_scale=True)
    assert first is again and len(built) == 1  # built once, shared
    assert built[0] is ctx.computed(views.timeline, "EUR", companies=companies)  # from the cached view itself
    assert first.to_json() == real(built[0], log_scale=True).to_json()
    assert first.layout.yaxis.type == "log"
    linear = ctx.chart(charts.timeline, views.timeline, "EUR", companies=companies, log_scale=False)
    assert linear.layout.yaxis.type == "linear" and len(built) == 2  # other options: another figure
    with pytest.raises(ValueError, match=r"not a function of levee_ui\.charts"):
        ctx.chart(views.timeline, views.timeline, "EUR")
