"""The dashboard in a real browser: ``streamlit run`` on a free port, driven by Playwright
through Debian's Chromium (``/usr/bin/chromium``; set ``LEVEE_CHROMIUM`` to use another).

Visits every page and checks the seed figures in charts and tables, filters by publisher,
downloads a CSV and reads it back, uploads an article and sees it appear, checks that no
Streamlit exception box shows anywhere, saves a screenshot of every page in
``screenshots/`` and prints the time until each page is ready beside a hello-world page.

Run: ``pytest -m e2e tests/e2e -s`` (``-s`` shows the timing table). The fixtures (work folder,
server, browser, page) are in ``conftest.py``.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit_server import RunningApp, streamlit_server

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
READY_TIMEOUT_MS = 120_000

# url path, title, file name of the screenshot
PAGES = [
    ("", "Overview", "01_overview"),
    ("timeline", "Valuation timeline", "02_valuation_timeline"),
    ("cap-table", "Investor cap table", "03_investor_cap_table"),
    ("sources", "Source comparison", "04_source_comparison"),
    ("articles", "Articles", "05_articles"),
    ("data", "Data", "06_data"),
]

ACME = (
    "Acme Robotics raised $20 million in a Series A led by Sequoia Capital, the company said on Tuesday.\n"
    "The round values Acme Robotics at $100 million post-money.\n"
)

OVERVIEW_READY = '[data-testid="stMetricValue"] && [data-testid="stDataFrame"] canvas'
TIMINGS: list[tuple[str, str, float]] = []


# --------------------------------------------------------------------------- servers


Server = RunningApp  # the app under test, as the fixtures name it


@pytest.fixture(scope="module")
def hello(workdir: Path) -> Iterator[Server]:
    """A hello-world Streamlit page: the yardstick of the page ready times."""
    with streamlit_server("bench/hello_world.py", dict(os.environ), workdir / "hello.log") as server:
        yield server


# --------------------------------------------------------------------------- helpers


def wait_ready(page, title: str, marker: str | None = None) -> None:
    """The page's title shows, its marker elements are visible and the script has stopped."""
    page.locator("h1", has_text=title).first.wait_for(timeout=READY_TIMEOUT_MS)
    for selector in (marker or "").split(" && "):
        if selector:
            page.locator(selector).first.wait_for(state="visible", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]',
        timeout=READY_TIMEOUT_MS,
    )


def wait_rerun(page) -> None:
    """After an interaction: wait for the rerun it triggers to finish."""
    with contextlib.suppress(Exception):
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1500)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=READY_TIMEOUT_MS
    )


def no_exception(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def visit(
    page, base: str, path: str, title: str, marker: str | None = None, label: str | None = None
) -> float:
    start = time.perf_counter()
    page.goto(f"{base}/{path}")
    wait_ready(page, title, marker)
    seconds = time.perf_counter() - start
    if label:
        TIMINGS.append((label, path or "/", seconds))
    no_exception(page)
    return seconds


def shot(page, name: str) -> None:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, so the
    viewport is stretched to the content's height for the picture."""
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        """() => Math.max(...['stMain', 'stMainBlockContainer', 'stSidebar'].map(
               id => (document.querySelector(`[data-testid="${id}"]`) || {}).scrollHeight || 0))"""
    )
    page.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(int(height) + 40, 4000))}
    )
    page.wait_for_timeout(600)  # re-layout, chart transitions
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def plotly_traces(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(
               el => (el._fullData || []).map(t => ({name: t.name || '', y: Array.from(t.y || [])})))"""
    )


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar multiselect labelled ``label``."""
    box = page.locator('[data-testid="stMultiSelect"]', has_text=label).first
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_rerun(page)


def download_csv(page, button, target: Path) -> pd.DataFrame:
    with page.expect_download(timeout=60_000) as info:
        button.click()
    info.value.save_as(target)
    return pd.read_csv(target)


def csv_of(page, index: int, target: Path) -> pd.DataFrame:
    """The CSV behind the page's ``index``-th download button, read back."""
    return download_csv(page, page.get_by_role("button", name="⬇ CSV").nth(index), target)


#: Readings of a table's CSV at most while a page a deep link opened settles (a rerun redraws its tables).
CSV_READINGS = 3


def csv_with(page, index: int, target: Path, column: str) -> pd.DataFrame:
    """The CSV of the ``index``-th download button once it has ``column``: a page a deep link opens in a new session
    may rerun once its query parameters are read, the button of another table standing first meanwhile. A table that
    never comes still fails the caller's assertion."""
    frame = csv_of(page, index, target)
    for _ in range(CSV_READINGS - 1):
        if column in frame.columns:
            break
        wait_rerun(page)
        page.wait_for_timeout(1000)
        frame = csv_of(page, index, target)
    return frame


# --------------------------------------------------------------------------- tests


def test_pages_show_the_seed_figures(app: Server, page) -> None:
    # first visit: the app ingests the seeds (progress bar), then shows the overview
    visit(page, app.url, "", "Overview", OVERVIEW_READY, label="first start (ingests seeds)")
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert "€11.7 bn" in metrics
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0  # .streamlit/config.toml
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    shot(page, "01_overview")

    visit(page, app.url, "timeline", "Valuation timeline", ".js-plotly-plot .main-svg")
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    traces = plotly_traces(page)
    values = [v for t in traces for v in t["y"] if isinstance(v, int | float)]
    assert any(abs(v - 11.7e9) < 1e6 for v in values)  # €11.7 bn post-money
    assert any(abs(v - 1.7e9) < 1e6 for v in values)  # €1.7 bn raised
    assert any("rumour" in t["name"] for t in traces)  # reported figures drawn apart
    shot(page, "02_valuation_timeline")

    visit(page, app.url, "cap-table", "Investor cap table", ".js-plotly-plot .main-svg")
    traces = plotly_traces(page)
    asml = [t for t in traces if t["name"] == "ASML"]
    assert asml and abs(asml[0]["y"][-1] - 11) < 0.5  # ASML ≈ 11 % after the Series C
    shot(page, "03_investor_cap_table")

    visit(page, app.url, "sources", "Source comparison", '[data-testid="stDataFrame"]')
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # first row's selection marker
    wait_rerun(page)
    page.locator("mark").first.wait_for(timeout=30_000)  # the sentence, figure highlighted
    no_exception(page)
    shot(page, "04_source_comparison")

    visit(page, app.url, "articles", "Articles", "mark")
    marks = page.locator("mark").all_inner_texts()
    assert "1,7 milliard d'euros" in marks and "11,7 milliards d'euros" in marks
    shot(page, "05_articles")

    visit(page, app.url, "data", "Data", '[data-testid="stDataFrame"]')
    assert page.get_by_role("tab").count() == 6
    shot(page, "06_data")


def test_filter_and_csv_download(app: Server, page, workdir: Path) -> None:
    visit(page, app.url, "", "Overview", OVERVIEW_READY)
    rounds = download_csv(page, page.get_by_role("button", name="⬇ CSV").first, workdir / "rounds.csv")
    assert len(rounds) == 4
    assert "€1.7 bn" in set(rounds["Amount"]) and "€11.7 bn" in set(rounds["Post-money"])
    assert 1.7e9 in set(rounds["Amount (EUR)"])

    choose(page, "Source (publisher)", "01net")
    assert "publisher=01net" in page.url
    page.get_by_text("No rounds match: publisher = 01net removes all 4 rounds.").wait_for()
    assert "$6 bn" in page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    no_exception(page)
    shot(page, "07_filtered_01net")

    # the link reproduces the view in a new session
    fresh = page.context.new_page()
    start = time.perf_counter()
    fresh.goto(f"{app.url}/data?publisher=01net")
    wait_ready(fresh, "Data", '[data-testid="stDataFrame"]')
    TIMINGS.append(("data page with ?publisher=01net", "/data", time.perf_counter() - start))
    assert fresh.locator('[data-testid="stMultiSelect"]', has_text="01net").count() == 1
    fresh.get_by_role("tab", name="valuations (2)").click()  # Mistral AI's, and OpenAI's named in passing
    wait_rerun(fresh)  # lazy tabs: the open tab's table comes with a rerun
    panel = fresh.get_by_role("tabpanel").filter(has=fresh.locator('[data-testid="stDataFrame"]')).last
    valuations = download_csv(fresh, panel.get_by_role("button", name="⬇ CSV"), workdir / "valuations.csv")
    assert len(valuations) == 2
    by_company = {row["company"]: (row["value"], row["currency"]) for _, row in valuations.iterrows()}
    assert by_company == {"Mistral AI": (6e9, "USD"), "OpenAI": (300e9, "USD")}
    no_exception(fresh)


def test_upload_an_article(app: Server, page, workdir: Path) -> None:
    article = workdir / "acme_robotics.txt"
    article.write_text(ACME, encoding="utf-8")
    visit(page, app.url, "data", "Data", '[data-testid="stFileUploaderDropzone"]')
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(article))
    page.locator('[data-testid="stFileChipName"]', has_text="acme_robotics.txt").wait_for()
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("Publisher", exact=True).fill("E2E Wire")
    form.get_by_label("Title", exact=True).fill("Acme Robotics raises $20 million")
    form.get_by_label("Published", exact=True).get_by_role("spinbutton").first.click()
    page.keyboard.type("20251001")  # year, month, day segments
    page.keyboard.press("Tab")
    form.get_by_role("button", name="Ingest").click()
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="acme_robotics.txt: ingested").wait_for(
        timeout=READY_TIMEOUT_MS
    )
    no_exception(page)
    shot(page, "08_upload")

    visit(page, app.url, "articles", "Articles", "mark")
    page.get_by_role("heading", name="Acme Robotics raises $20 million").wait_for()
    assert "$20 million" in page.locator("mark").all_inner_texts()
    visit(page, app.url, "", "Overview", OVERVIEW_READY)
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[2] == "5" and metrics[4] == "6"  # rounds, sources
    no_exception(page)


def test_page_ready_times(app: Server, hello: Server, page, capsys) -> None:
    """Time until each page is ready (title, main element, script finished), each visit a
    new session, beside a hello-world Streamlit page; three rounds, medians printed.
    Printed, never asserted: the numbers depend on the machine."""
    markers = {
        "": OVERVIEW_READY,
        "timeline": ".js-plotly-plot .main-svg",
        "cap-table": '[data-testid="stDataFrame"] canvas',
        "sources": '[data-testid="stDataFrame"] canvas',
        "articles": "mark",
        "data": '[data-testid="stDataFrame"] canvas',
    }
    visit(page, hello.url, "", "Hello, world", label="hello world (first visit)")
    rounds: dict[str, list[float]] = {}
    for _ in range(3):
        rounds.setdefault("hello world", []).append(visit(page, hello.url, "", "Hello, world"))
        for path, title, _ in PAGES:
            rounds.setdefault(title, []).append(visit(page, app.url, path, title, markers[path]))
    for label, values in rounds.items():
        TIMINGS.append((f"{label} (median of {len(values)})", "", statistics.median(values)))
    with capsys.disabled():
        print("\n\nPage ready (s): title, main element and script finished; each visit a new session")
        for label, path, seconds in TIMINGS:
            print(f"  {label:<45} {path:<10} {seconds:6.2f}")
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / "timings.txt").write_text(
        "\n".join(f"{label}\t{path}\t{seconds:.3f}" for label, path, seconds in TIMINGS) + "\n"
    )
