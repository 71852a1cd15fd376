"""Company and investor pages, and articles read as users have them, in a real browser.

A fresh server on its own store (the seeds ingested at first start). Two articles are
uploaded without any metadata: an HTML page that declares its site, title and date in its
meta tags, and a text article with a dateline; each tells a round with a relative date.
Then, from the Overview: a company, one of its investors, another company of that
investor, each page with the right rounds; the deep links reopen the same views in a new
session. Screenshots of the new pages go to ``screenshots/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import (
    OVERVIEW_READY,
    READY_TIMEOUT_MS,
    Server,
    csv_of,
    csv_with,
    no_exception,
    shot,
    visit,
    wait_ready,
)

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "profiles"
HTML_ARTICLE = FIXTURES / "kestrel_labs.html"
TEXT_ARTICLE = FIXTURES / "pomme_verte.txt"
COMPANY_READY = '[data-testid="stMetricValue"] && [data-testid="stDataFrame"] canvas'


def test_articles_without_metadata_are_dated_by_what_they_declare(app: Server, page, workdir: Path) -> None:
    visit(page, app.url, "", "Overview", OVERVIEW_READY)  # first start: the seeds are ingested
    visit(page, app.url, "data", "Data", '[data-testid="stFileUploaderDropzone"]')
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(HTML_ARTICLE), str(TEXT_ARTICLE)]
    )
    for path in (HTML_ARTICLE, TEXT_ARTICLE):
        page.locator('[data-testid="stFileChipName"]', has_text=path.name).wait_for()
    page.locator('[data-testid="stForm"]').get_by_role("button", name="Ingest").click()  # no metadata typed
    for path in (HTML_ARTICLE, TEXT_ARTICLE):
        page.locator('[data-testid="stAlertContentSuccess"]', has_text=f"{path.name}: ingested").wait_for(
            timeout=READY_TIMEOUT_MS
        )
    no_exception(page)

    visit(page, app.url, "articles", "Articles", '[data-testid="stDataFrame"]')
    articles = csv_of(page, 0, workdir / "articles.csv")
    by_title = articles.set_index("Title")
    kestrel = by_title.loc["Kestrel Labs lève 8 millions d'euros pour ses drones d'inspection"]
    assert kestrel["Publisher"] == "Le Journal des Start-up"
    assert str(kestrel["Published"]).startswith("2025-03-14") and kestrel["Precision"] == "day"
    pomme = by_title.loc["Pomme Verte lève 12 millions d'euros auprès de General Catalyst"]
    assert str(pomme["Published"]).startswith("2025-03-14") and pomme["Precision"] == "day"
    shot(page, "09_articles_uploaded")

    # relative dates resolve against what each article declares
    visit(page, app.url, "", "Overview", OVERVIEW_READY)
    rounds = csv_of(page, 0, workdir / "rounds.csv")
    dates = {
        (row["Company"], row["Amount"]): (str(row["Date"])[:10], row["Precision"]) for _, row in rounds.iterrows()
    }
    assert dates[("Kestrel Labs", "€8 M")] == ("2025-03-13", "day")  # « ce jeudi » before Friday 14 March
    assert dates[("Pomme Verte", "€3 M")] == ("2024-01-01", "year")  # « l'an dernier »


def test_from_a_company_to_its_investor_to_another_company(app: Server, page, workdir: Path) -> None:
    visit(page, app.url, "", "Overview", OVERVIEW_READY)
    page.get_by_role("link", name="Mistral AI", exact=True).click()
    wait_ready(page, "Company", COMPANY_READY)
    assert "company=Mistral+AI" in page.url or "company=Mistral%20AI" in page.url
    page.get_by_role("heading", name="Mistral AI").wait_for()
    rounds = csv_of(page, 0, workdir / "mistral_rounds.csv")
    assert len(rounds) == 4 and "€1.7 bn" in set(rounds["Amount"])
    no_exception(page)
    shot(page, "10_company")

    page.get_by_role("link", name="General Catalyst", exact=True).first.click()
    wait_ready(page, "Investor", '[data-testid="stMetricValue"]')
    assert "investor=General+Catalyst" in page.url or "investor=General%20Catalyst" in page.url
    assert "company=" not in page.url  # the portfolio is the whole one
    portfolio = csv_of(page, 0, workdir / "gc_portfolio.csv")
    roles = {(row["Company"], row["Role"]) for _, row in portfolio.iterrows()}
    assert roles >= {("Mistral AI", "led"), ("Mistral AI", "participated"), ("Pomme Verte", "led"),
                     ("Kestrel Labs", "led")}
    no_exception(page)
    shot(page, "11_investor")

    page.get_by_role("link", name="Pomme Verte", exact=True).first.click()
    wait_ready(page, "Company", COMPANY_READY)
    page.get_by_role("heading", name="Pomme Verte").wait_for()
    rounds = csv_of(page, 0, workdir / "pomme_rounds.csv")
    assert set(rounds["Amount"]) == {"€12 M", "€3 M"}
    assert set(rounds["Leads"].fillna("")) == {"General Catalyst", ""}
    no_exception(page)

    # the deep links reopen the same views in a new session
    fresh = page.context.browser.new_context(accept_downloads=True).new_page()
    visit(fresh, app.url, "company?company=Pomme+Verte", "Company", COMPANY_READY)
    fresh.get_by_role("heading", name="Pomme Verte").wait_for()
    assert set(csv_with(fresh, 0, workdir / "pomme_again.csv", "Amount")["Amount"]) == {"€12 M", "€3 M"}
    visit(fresh, app.url, "investor?investor=General+Catalyst", "Investor", '[data-testid="stMetricValue"]')
    again = csv_with(fresh, 0, workdir / "gc_again.csv", "Role")
    assert {(r["Company"], r["Role"]) for _, r in again.iterrows()} == roles
    no_exception(fresh)


def test_a_company_is_found_with_a_typo(app: Server, page) -> None:
    visit(page, app.url, "company", "Company", '[data-testid="stTextInput"]')
    box = page.get_by_label("Find a company")
    box.fill("mistal")
    box.press("Enter")
    page.get_by_role("link", name="Mistral AI", exact=True).first.click()
    wait_ready(page, "Company", COMPANY_READY)
    page.get_by_role("heading", name="Mistral AI").wait_for()
    no_exception(page)


def test_a_selected_round_links_to_its_investors(app: Server, page, workdir: Path) -> None:
    visit(page, app.url, "", "Overview", OVERVIEW_READY)
    rounds = csv_of(page, 0, workdir / "rounds_for_selection.csv")
    row = int(rounds.index[rounds["Amount"] == "€1.7 bn"][0])  # Mistral AI's round of 9 Sep 2025
    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 * (row + 1) + 17)  # that row's selection marker
    page.get_by_text("Selected round of Mistral AI").wait_for(timeout=READY_TIMEOUT_MS)
    page.get_by_role("link", name="Nvidia", exact=True).click()
    wait_ready(page, "Investor", '[data-testid="stMetricValue"]')
    page.get_by_role("heading", name="Nvidia").wait_for()
    no_exception(page)
