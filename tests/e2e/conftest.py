"""Fixtures of the browser suites: a work folder and a dashboard server per module, one
Chromium for the session and a fresh browser context per test.

Each module's ``app`` runs ``streamlit run dashboard.py`` on its own store in its own work
folder (the seeds are ingested at its first start); the browser is Debian's Chromium
(``/usr/bin/chromium``; set ``LEVEE_CHROMIUM`` to use another) driven by Playwright.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit_server import RunningApp, streamlit_server

CHROMIUM = os.environ.get("LEVEE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The browser's window (pixels): wide enough for the tables' columns.
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def workdir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the module's own: its store, server logs and downloads."""
    return tmp_path_factory.mktemp(request.module.__name__.removeprefix("test_"))


@pytest.fixture(scope="module")
def app(workdir: Path) -> Iterator[RunningApp]:
    """The dashboard on a store of the module's own (empty until its first visit seeds it)."""
    env = {**os.environ, "LEVEE_DB": str(workdir / "levee.duckdb")}
    # no --client.toolbarMode here: .streamlit/config.toml hides the "Deploy" button
    with streamlit_server("dashboard.py", env, workdir / "dashboard.log") as server:
        yield server


# one Chromium per module, closed with it: a Playwright left open for the session keeps its event loop
# running in the main thread, and every later sync_playwright() of the run (tests/reliability) refuses
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the browser tests of a module."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A page in a fresh browser context (no cookies, no session) that accepts downloads."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()
