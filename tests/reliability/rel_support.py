"""Shared helpers of the reliability suite: running the CLI, counting a store's rows, checking
that a store holds whole articles, building corpora of bad and good files, and driving the
dashboard in a real browser (``streamlit run`` + Debian's Chromium through Playwright)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit_server import streamlit_server

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
#: Every table of the store (the suite's own constant: no value ever reaches the SQL below).
TABLES = ("meta", "articles", "article_facts", "mentions", "rounds", "investments", "valuations",
          "source_comparison")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TRACEBACK = "Traceback (most recent call last)"

CHROMIUM = os.environ.get("LEVEE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY_MS = 120_000


# --------------------------------------------------------------------------- CLI


def cli(*args: str | Path, timeout: float = 300, env: dict[str, str] | None = None,
        prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """``python -m analysis ARGS`` in a subprocess, as a user runs it."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "analysis", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, env=env,
    )


def cli_popen(*args: str | Path, stderr_to: Path) -> subprocess.Popen[bytes]:
    with stderr_to.open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", "analysis", *map(str, args)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=err)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert TRACEBACK not in result.stderr, result.stderr
    assert TRACEBACK not in result.stdout, result.stdout


def seed_store(db: Path, *more: Path) -> None:
    """The seeds (with their manifest) and ``more`` paths ingested into ``db`` by the CLI."""
    result = cli("ingest", SEEDS, "--manifest", SEEDS / "manifest.csv", "--db", db, "--no-progress")
    assert result.returncode == 0, result.stderr
    if more:
        result = cli("ingest", *more, "--db", db, "--no-progress")
        assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- store


@contextlib.contextmanager
def reading(db: Path, wait_s: float = 30) -> Iterator[object]:
    """A read-only DuckDB connection, retried while a writer holds the file."""
    import duckdb

    deadline = time.monotonic() + wait_s
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True)
            break
        except duckdb.Error as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield con
    finally:
        con.close()


def counts(db: Path) -> dict[str, int]:
    """Rows per table, for every table of the store (those of ``TABLES`` at least)."""
    with reading(db) as con:
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert set(TABLES) <= names, names
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(names)}


def rows(db: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    with reading(db) as con:
        return con.execute(sql, list(params)).fetchall()


def articles_by_file(db: Path) -> dict[str, tuple]:
    """file name (basename) -> (article_id, publisher, title, url, published, precision, language)."""
    found = rows(db, "SELECT file, article_id, publisher, title, url, published, published_precision, language "
                     "FROM articles")
    return {Path(r[0]).name: r[1:] for r in found}


def assert_whole_articles(db: Path) -> int:
    """Every stored article has its facts and exactly the mentions its facts give, and no
    fact or mention is left without its article. Returns the number of articles."""
    from analysis.history.consolidate import mentions_frame
    from analysis.model import facts_from_json

    with reading(db) as con:
        ids = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        facts = dict(con.execute("SELECT article_id, CAST(facts AS VARCHAR) FROM article_facts").fetchall())
        mentions = con.execute("SELECT article_id, mention_id FROM mentions").fetchall()
    assert set(facts) == ids, "articles and article_facts differ"
    stored: dict[str, set[str]] = {}
    for article_id, mention_id in mentions:
        stored.setdefault(article_id, set()).add(mention_id)
    assert set(stored) <= ids, "mentions of an article that is not stored"
    for article_id, text in facts.items():
        expected = set(mentions_frame([facts_from_json(json.loads(text))])["mention_id"])
        assert stored.get(article_id, set()) == expected, f"article {article_id}: partial mentions"
    return len(ids)


# --------------------------------------------------------------------------- corpora


def variations(folder: Path, n: int, tag: str = "v") -> list[Path]:
    """``n`` distinct articles: the seeds and test articles, each with an edition note."""
    sources = sorted(FIXTURES.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        source = sources[i % len(sources)]
        path = folder / f"{tag}{i:03d}_{source.name}"
        path.write_text(source.read_text(encoding="utf-8") + f"\nNote de la rédaction n° {tag}{i} : mise à jour.\n",
                        encoding="utf-8")
        written.append(path)
    return written


def csv_cells(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def formula_cells(table: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run as a formula (numbers such as -1.5 are numbers)."""
    bad = []
    for row in table:
        for cell in row:
            if cell.startswith(FORMULA_PREFIXES):
                try:
                    float(cell)
                except ValueError:
                    bad.append(cell)
    return bad


# --------------------------------------------------------------------------- dashboard


@dataclass
class Server:
    url: str
    db: Path
    log: Path


@contextlib.contextmanager
def streamlit(db: Path, log: Path) -> Iterator[Server]:
    """``streamlit run dashboard.py`` on a free port with ``LEVEE_DB=db``."""
    with streamlit_server("dashboard.py", {**os.environ, "LEVEE_DB": str(db)}, log) as running:
        yield Server(running.url, db, log)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def wait_idle(page) -> None:
    """The script has finished its run and the app is connected."""
    with contextlib.suppress(Exception):
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1000)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]',
        timeout=READY_MS,
    )


def visit(page, server: Server, path: str, title: str) -> None:
    page.goto(f"{server.url}/{path}")
    page.locator("h1", has_text=title).first.wait_for(timeout=READY_MS)
    wait_idle(page)
    no_exception(page)


def no_exception(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


# --------------------------------------------------------------------------- hostile articles

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'<img src=x onerror="{PWN}">'
MD_LINK = f"[cliquez ici](javascript:{PWN})"
FORMULA = '=HYPERLINK("http://x","y")'
XSS_TEXT = (
    f"La start-up Pwnly lève 7 millions d'euros auprès de Kima Ventures {SCRIPT} pour accélérer.\n"
    f"Le tour de table est mené par Kima Ventures {IMG} et valorise Pwnly à 40 millions d'euros.\n"
    f"Plus d'informations : {MD_LINK} **gras** <b>balise</b>\n"
)
FORMULA_TEXT = (
    "=cmd|' /C calc'!A0 Formulix lève 9 millions d'euros auprès de Partech, annonce la société.\n"
    "-Le tour de table est mené par Partech.\n"
    "@SUM(A1:A9) Formulix emploie 40 personnes.\n"
)
XSS_TITLE = f"{SCRIPT}{IMG} Pwnly {MD_LINK}"
XSS_PUBLISHER = f"{IMG}Le Pirate"


def hostile_corpus(folder: Path) -> Path:
    """Two articles whose text and metadata are hostile: HTML/script/Markdown for the
    dashboard, spreadsheet formulas for the CSV exports. Returns the folder (with manifest)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xss.txt").write_text(XSS_TEXT, encoding="utf-8")
    (folder / "formula.txt").write_text(FORMULA_TEXT, encoding="utf-8")
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "publisher", "title", "url", "published", "language"])
        writer.writerow(["xss.txt", XSS_PUBLISHER, XSS_TITLE, f"javascript:{PWN}", "2025-05-02", "fr"])
        writer.writerow(["formula.txt", FORMULA, "+SUM(1;2) Formulix", "@cmd", "2025-05-03", "fr"])
    return folder
