"""A deep link as the very first request of a fresh server opens its page, with the app
around it: no "Page not found" dialog, the navigation and the sidebar filters drawn, the
link's query parameters applied. (Page scripts live in ``pages/``, which Streamlit reads the
legacy way until ``st.navigation`` first runs; see the README's design notes.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit_server import streamlit_server
from test_browser import no_exception, wait_ready

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from analysis.ingest import ingest

    db = tmp_path_factory.mktemp("deep_links") / "levee.duckdb"
    ingest([ROOT / "seeds"], manifest=ROOT / "seeds" / "manifest.csv", db=db)
    return db


@pytest.mark.parametrize(
    ("link", "title", "filter_shown"),
    [
        ("company?company=Mistral+AI", "Company", "Mistral AI"),
        ("cap-table?publisher=Gate", "Investor cap table", "Gate"),
        ("investor?investor=ASML", "Investor", None),
    ],
)
def test_deep_link_is_the_first_request(
    seeded_db: Path, tmp_path: Path, page, link: str, title: str, filter_shown: str | None
) -> None:
    env = {**os.environ, "LEVEE_DB": str(seeded_db)}
    with streamlit_server("dashboard.py", env, tmp_path / "server.log") as server:
        page.goto(f"{server.url}/{link}")
        wait_ready(page, title)
        page.wait_for_timeout(1000)  # a "Page not found" dialog comes with the first message
        assert page.locator('[role="dialog"]').count() == 0
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Company" in nav and "Investor cap table" in nav  # the app's navigation, not the folder's
        assert page.locator("h2", has_text="Filters").count() == 1
        if filter_shown:
            assert page.locator('[data-testid="stMultiSelect"]', has_text=filter_shown).count() == 1
        assert page.url.endswith(link)
        no_exception(page)
