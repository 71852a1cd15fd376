"""The Review page in a real browser: an analyst corrects one amount, rejects one investor and
merges two rounds; the Overview, timeline, cap table, source comparison, every CSV and
``python -m analysis rounds`` show the corrected facts, marked; re-ingesting the same and a new
article keeps them; undo restores the original. Two browser sessions correcting the same
store both keep their corrections."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from test_browser import (
    ACME,
    OVERVIEW_READY,
    READY_TIMEOUT_MS,
    Server,
    csv_of,
    no_exception,
    plotly_traces,
    shot,
    visit,
    wait_rerun,
)

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
REVIEW_READY = '[data-testid="stDataFrame"] canvas'


def only(page, label: str, option: str) -> None:
    """Pick ``option`` in the page's multiselect labelled ``label``."""
    box = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]', has_text=label).first
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_rerun(page)


def select_fact(page, workdir: Path, what: str) -> None:
    """Select the row of the facts table whose "What" starts with ``what``."""
    facts = csv_of(page, 0, workdir / "facts.csv")
    rows = facts.index[facts["What"].astype(str).str.startswith(what)]
    assert len(rows), f"no fact {what!r} in {list(facts['What'])}"
    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 * (int(rows[0]) + 1) + 17)
    wait_rerun(page)
    page.get_by_role("tab", name="Confirm").wait_for(timeout=READY_TIMEOUT_MS)


def review(page, base: str, kind: str) -> None:
    visit(page, base, "review", "Review", REVIEW_READY)
    only(page, "Facts", kind)


def run_cli(*args: str, db: Path) -> str:
    env = {**os.environ, "LEVEE_DB": str(db)}
    done = subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def overview_rounds(page, base: str, target: Path) -> pd.DataFrame:
    visit(page, base, "", "Overview", OVERVIEW_READY)
    return csv_of(page, 0, target)


def test_correct_reject_merge_then_reingest_and_undo(app: Server, page, workdir: Path) -> None:
    db = workdir / "levee.duckdb"
    before = overview_rounds(page, app.url, workdir / "before.csv")
    assert len(before) == 4 and "€1.7 bn" in set(before["Amount"])

    # 1. the Series C's amount: €1.7 bn -> €1.8 bn
    review(page, app.url, "round")
    select_fact(page, workdir, "Mistral AI · round · 9 Sep 2025")
    page.get_by_role("tab", name="Edit").click()
    form = page.locator('[data-testid="stForm"]').first
    form.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="amount", exact=True).click()
    form.get_by_role("textbox", name="New value").fill("1.8 bn")
    form.get_by_role("textbox", name="Currency (amount, valuation)").fill("EUR")
    form.get_by_role("button", name="Save the edit").click()
    page.get_by_text("amount corrected.").wait_for(timeout=READY_TIMEOUT_MS)
    no_exception(page)
    shot(page, "12_review")

    # 2. Nvidia is not an investor of it
    review(page, app.url, "investor")
    select_fact(page, workdir, "Nvidia (participant)")
    page.get_by_role("tab", name="Reject").click()
    page.get_by_role("button", name="Reject", exact=True).click()
    page.get_by_text("Rejected: not an investor.").wait_for(timeout=READY_TIMEOUT_MS)

    # 3. the Dec 2023 valuation round and the 2024 round are one deal
    review(page, app.url, "round")
    select_fact(page, workdir, "Mistral AI · round · Dec 2023")
    page.get_by_role("tab", name="Merge").click()
    page.get_by_role("button", name="Merge the two rounds").click()
    page.get_by_text("Merged.").wait_for(timeout=READY_TIMEOUT_MS)
    no_exception(page)

    def check_corrected(tag: str) -> None:
        rounds = overview_rounds(page, app.url, workdir / f"rounds_{tag}.csv")
        assert rounds["Company"].astype(str).str.startswith("Mistral AI").sum() == 3  # two rounds merged
        assert "€1.8 bn ✎" in set(rounds["Amount"]) and "€1.7 bn" not in set(rounds["Amount"])
        assert any("amount was €1.7 bn" in str(n) for n in rounds["Corrected"])
        assert not rounds["Investors"].astype(str).str.contains("Nvidia").any()
        visit(page, app.url, "timeline", "Valuation timeline", ".js-plotly-plot .main-svg")
        values = [v for t in plotly_traces(page) for v in t["y"] if isinstance(v, int | float)]
        assert any(abs(v - 1.8e9) < 1e6 for v in values) and not any(abs(v - 1.7e9) < 1e6 for v in values)
        visit(page, app.url, "cap-table", "Investor cap table", '[data-testid="stDataFrame"] canvas')
        totals = csv_of(page, 1, workdir / f"totals_{tag}.csv")
        assert "Nvidia" not in set(totals["Investor"].astype(str))
        visit(page, app.url, "sources", "Source comparison", '[data-testid="stDataFrame"] canvas')
        grid = csv_of(page, 0, workdir / f"sources_{tag}.csv")
        assert any("✎" in str(r) for r in grid["Round"])
        out = json.loads(run_cli("rounds", "--format", "json", db=db))
        amounts = {r["amount"] for r in out if r["company"] == "Mistral AI"}
        assert 1.8e9 in amounts and 1.7e9 not in amounts
        no_exception(page)

    check_corrected("after")

    # re-ingest the same articles and a new one: the corrections hold
    run_cli("ingest", str(ROOT / "seeds"), "--manifest", str(ROOT / "seeds" / "manifest.csv"), db=db)
    acme = workdir / "acme.txt"
    acme.write_text(ACME, encoding="utf-8")
    run_cli("ingest", str(acme), db=db)
    check_corrected("reingested")

    # undo the amount: the original comes back
    review(page, app.url, "round")
    select_fact(page, workdir, "Mistral AI · round · 9 Sep 2025")
    page.get_by_role("tab", name="History").click()
    page.get_by_role("button", name="Undo").first.click()
    page.get_by_text("Undone.").wait_for(timeout=READY_TIMEOUT_MS)
    rounds = overview_rounds(page, app.url, workdir / "rounds_undone.csv")
    assert "€1.7 bn" in set(rounds["Amount"])


def test_two_analysts_keep_both_corrections(app: Server, page, workdir: Path) -> None:
    other = page.context.browser.new_context(accept_downloads=True).new_page()
    review(page, app.url, "investor")
    review(other, app.url, "investor")
    select_fact(page, workdir, "ASML (lead)")
    select_fact(other, workdir, "Bpifrance (participant)")
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.get_by_text("Confirmed.").wait_for(timeout=READY_TIMEOUT_MS)
    other.get_by_role("button", name="Confirm", exact=True).click()
    other.get_by_text("Confirmed.").wait_for(timeout=READY_TIMEOUT_MS)
    # the first sees the second's after its next rerun, and both are stored
    review(page, app.url, "investor")
    facts = csv_of(page, 0, workdir / "facts_both.csv").set_index("What")
    confirmed = {w for w, c in facts["Corrected"].items() if str(c) == "confirmed"}
    assert any(w.startswith("ASML (lead)") for w in confirmed)
    assert any(w.startswith("Bpifrance (participant)") for w in confirmed)
    no_exception(page)
    no_exception(other)


def test_a_fact_is_found_and_confirmed_with_the_keyboard(app: Server, page) -> None:
    review(page, app.url, "round")
    box = page.locator('[data-testid="stSelectbox"]', has_text="Or find a fact").locator("input")
    box.focus()
    page.keyboard.type("16 M")
    page.keyboard.press("Enter")
    wait_rerun(page)
    page.get_by_role("heading", name="round: Mistral AI · round · Feb 2024: $16 M").wait_for(
        timeout=READY_TIMEOUT_MS
    )
    page.get_by_role("button", name="Confirm", exact=True).focus()
    page.keyboard.press("Enter")
    page.get_by_text("Confirmed.").wait_for(timeout=READY_TIMEOUT_MS)
    no_exception(page)
