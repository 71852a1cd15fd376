"""A page's rows filtered in DuckDB (``store.read_selection``) are the rows the views' filters keep
(``views.filters.apply_filters`` on the whole store), for every combination of filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mistral_facts import SEED_BUILDERS, seed_article

from analysis import frames as fr
from analysis import store
from analysis.ingest import ingest_facts
from analysis.views.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("selection") / "levee.duckdb"
    ingest_facts([(seed_article(n), build(seed_article(n))) for n, build in SEED_BUILDERS.items()], path)
    return path


def same_rows(db: Path, f: Filters) -> None:
    expected = apply_filters(store.read_frames(db), f)
    got = store.read_selection(db, f.selection())
    for name in fr.FRAME_NAMES:
        pd.testing.assert_frame_equal(fr.validate(name, got[name]).reset_index(drop=True),
                                      getattr(expected, name).reset_index(drop=True), obj=f"{name} under {f}")


def test_the_choices_are_the_store_s(db):
    offered = store.choices(db, top=10)
    frames = store.read_frames(db)
    assert offered["n_articles"] == len(frames.articles) == 5
    assert "Mistral AI" in offered["companies"] and offered["top_companies"][0] == "Mistral AI"
    assert offered["date_span"][0] == frames.articles["published"].min().date()


def test_profile_name_lists_are_counted_in_the_store(db):
    from analysis.views import company_names, investor_names, ranked_names

    frames = store.read_frames(db)
    companies = ranked_names(store.name_counts(db, "company"))
    investors = ranked_names(store.name_counts(db, "investor"))
    assert companies == company_names(frames) and companies[0] == "Mistral AI"
    assert investors == investor_names(frames) and "Lightspeed Venture Partners" in investors
    assert store.name_counts(db.parent / "absent.duckdb") == {}


def test_no_filter_reads_every_row(db):
    same_rows(db, Filters())


def test_a_publisher_and_a_company(db):
    publisher = store.choices(db, top=1)["publishers"][0]
    same_rows(db, Filters(publishers=(publisher,), companies=("Mistral AI",)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_combination_of_filters_keeps_the_views_rows(db, data):
    offered = store.choices(db, top=10)
    first, last = offered["date_span"]
    days = st.none() | st.dates(min_value=first - dt.timedelta(days=30), max_value=last + dt.timedelta(days=30))
    f = Filters(
        publishers=tuple(data.draw(st.lists(st.sampled_from([*offered["publishers"], "Nobody"]), max_size=2))),
        date_from=data.draw(days), date_to=data.draw(days),
        companies=tuple(data.draw(st.lists(st.sampled_from([*offered["companies"], "Other"]), max_size=2))),
        languages=tuple(data.draw(st.lists(st.sampled_from(["fr", "en"]), max_size=1))),
        statuses=tuple(data.draw(st.lists(st.sampled_from(list(fr.STATUSES)), max_size=1))),
    )
    same_rows(db, f)
