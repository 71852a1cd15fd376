"""The dashboard in a real browser (``streamlit run`` + Chromium through Playwright):
hostile article text and metadata render as text on every page, CSV downloads neutralise
formulas, and the Data page's upload box names every bad file with its problem, refuses
other file types and files over the limit, stores the good files of the same upload and
loses or duplicates nothing."""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rel_support import (
    FORMULA,
    IMG,
    PWN,
    READY_MS,
    SCRIPT,
    SEEDS,
    XSS_PUBLISHER,
    XSS_TITLE,
    Server,
    articles_by_file,
    assert_whole_articles,
    chromium,
    cli,
    counts,
    csv_cells,
    formula_cells,
    hostile_corpus,
    no_exception,
    streamlit,
    visit,
    wait_idle,
)

pytestmark = [pytest.mark.reliability, pytest.mark.e2e]

PAGES = [("", "Overview"), ("timeline", "Valuation timeline"), ("cap-table", "Investor cap table"),
         ("sources", "Source comparison"), ("articles", "Articles"), ("data", "Data")]
XSS_FILTER = "?" + urllib.parse.urlencode({"publisher": XSS_PUBLISHER})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dashboard e2e")


@pytest.fixture(scope="module")
def server(workdir: Path, seeded_template: Path) -> Iterator[Server]:
    db = workdir / "store" / "levee.duckdb"
    db.parent.mkdir()
    shutil.copyfile(seeded_template, db)
    result = cli("ingest", hostile_corpus(workdir / "hostile"), "--db", db, "--no-progress")
    assert result.returncode == 0, result.stderr
    with streamlit(db, workdir / "streamlit.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def assert_inert(page) -> None:
    """Nothing of the hostile markup became markup: no script ran, no image or link was made."""
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator("b", has_text="balise").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- injection


def test_hostile_text_and_metadata_render_as_text_on_every_page(server: Server, page) -> None:
    from playwright.sync_api import expect

    for path, title in PAGES:
        for query in ("", XSS_FILTER):
            visit(page, server, path + query, title)
            assert_inert(page)

    visit(page, server, "articles" + XSS_FILTER, "Articles")
    main = page.locator('[data-testid="stMain"]')
    page.get_by_role("heading", name=XSS_TITLE).wait_for(timeout=READY_MS)  # the title, literally
    # each literal is awaited (the page draws its parts in turn; one read of the text can
    # come between two of them); a literal that never shows fails with the page's text
    for literal in (
        XSS_PUBLISHER,
        f"Kima Ventures {SCRIPT} pour accélérer",  # the article text, literally
        f"Kima Ventures {IMG} et valorise",
        "**gras** <b>balise</b>",
        f"javascript:{PWN}",  # the url shown as text, not as a link
    ):
        expect(main).to_contain_text(literal, timeout=READY_MS)
    assert "7 millions d'euros" in page.locator("mark").all_inner_texts()  # figures still highlighted
    assert_inert(page)
    # the sidebar filter shows the publisher as text too
    assert page.locator('[data-testid="stSidebar"]').get_by_text(XSS_PUBLISHER).count() >= 1


def test_source_comparison_shows_hostile_sentences_as_text(server: Server, page) -> None:
    from playwright.sync_api import expect

    visit(page, server, "sources" + XSS_FILTER, "Source comparison")
    grid = page.locator('[data-testid="stDataFrame"] canvas').first
    grid.wait_for(timeout=READY_MS)
    for _ in range(5):  # the grid takes clicks once it has drawn its rows
        box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection marker
        wait_idle(page)
        if page.locator("mark").count():
            break
        page.wait_for_timeout(1000)
    page.locator("mark").first.wait_for(timeout=30_000)
    no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(XSS_PUBLISHER, timeout=READY_MS)  # awaited: drawn after the marks
    text = main.inner_text()
    assert SCRIPT in text or IMG in text
    assert_inert(page)


def _download(page, button, target: Path) -> list[list[str]]:
    with page.expect_download(timeout=60_000) as info:
        button.click()
    info.value.save_as(target)
    return csv_cells(target.read_bytes())


def test_csv_downloads_neutralise_formulas(server: Server, page, workdir: Path) -> None:
    visit(page, server, "", "Overview")
    seen = []
    rounds = _download(page, page.get_by_role("button", name="⬇ CSV").first, workdir / "overview.csv")
    assert formula_cells(rounds) == []
    seen += [cell for row in rounds for cell in row]

    visit(page, server, "data", "Data")
    tabs = page.get_by_role("tab")
    assert tabs.count() == 6
    for i in range(tabs.count()):
        tabs.nth(i).click()
        wait_idle(page)  # lazy tabs: the open tab's table comes with a rerun
        panel = page.get_by_role("tabpanel").filter(has=page.locator('[data-testid="stDataFrame"]')).last
        table = _download(page, panel.get_by_role("button", name="⬇ CSV"), workdir / f"data_{i}.csv")
        assert len(table) > 1
        assert formula_cells(table) == [], tabs.nth(i).inner_text()
        seen += [cell for row in table for cell in row]
    assert "'" + FORMULA in seen  # the crafted publisher, neutralised
    assert "'+SUM(1;2) Formulix" in seen
    assert any(cell.startswith("'=cmd|") for cell in seen)  # a sentence that began with "="
    no_exception(page)


# --------------------------------------------------------------------------- upload box


UTF16_TEXT = "La start-up « Lumio » lève 5 millions d’euros auprès de Kima Ventures, annonce la société.\n"
CP1252_TEXT = "La start-up “Zorglub” lève 12 millions d’euros (12 M€) auprès de Partech, précise l’entreprise.\n"
HTML_PAGE = (
    "<!doctype html><html><head><title>Acme</title><style>p::after { content: 'Acme lève 99 millions' }</style>"
    "<script>var teaser = 'Acme lève 99 millions d\\'euros';</script></head><body><article>"
    "<p>La start-up Acme lève 3 millions d'euros auprès de Kima Ventures, annonce-t-elle.</p>"
    f"<script>{PWN}</script></article></body></html>\n"
)
NON_ASCII = "levée d’été à Paris n°2.txt"
UPLOAD_PUBLISHER = '-2+3+cmd|"/C calc"!A0'


def _bad_and_good_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\r\n  \n",
        "png bytes.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "pdf bytes.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n",
        "utf16.txt": b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le"),
        "cp1252.txt": CP1252_TEXT.encode("cp1252"),
        "page.html": HTML_PAGE.encode(),
        "no facts.txt": "Il fera beau demain sur toute la France, avec des températures de saison.\n".encode(),
        "copie d'un article.txt": (SEEDS / "004_8595d39e21f0e52c.txt").read_bytes(),
        NON_ASCII: "La jeune pousse Ébène lève 4 millions d'euros auprès de Partech.\n".encode(),
    }
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _choose_files(page, files: list[Path]) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in files])
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stFileChipName\"]').length >= {len(files)}", timeout=60_000
    )


def _submit(page) -> list[str]:
    page.locator('[data-testid="stForm"]').get_by_role("button", name="Ingest").click()
    page.locator('[data-testid="stAlert"]').first.wait_for(timeout=READY_MS)
    wait_idle(page)
    no_exception(page)
    return page.locator('[data-testid="stAlert"]').all_inner_texts()


def test_upload_box_names_each_bad_file_and_stores_the_good_ones(server: Server, page, workdir: Path) -> None:
    before = counts(server.db)
    stored_before = articles_by_file(server.db)
    visit(page, server, "data", "Data")
    files = _bad_and_good_files(workdir / "uploads")
    _choose_files(page, files)
    messages = _submit(page)
    expected = {
        "empty.txt": "empty.txt: empty file",
        "blank.txt": "blank.txt: no text (whitespace only)",
        "png bytes.txt": "png bytes.txt: binary file (PNG image), not a text article",
        "pdf bytes.txt": "pdf bytes.txt: binary file (PDF document), not a text article",
        "copie d'un article.txt": "copie d'un article.txt: already in the store (same text), skipped.",
        "utf16.txt": "utf16.txt: ingested (id ",
        "cp1252.txt": "cp1252.txt: ingested (id ",
        "page.html": "page.html: ingested (id ",
        "no facts.txt": "no facts.txt: ingested (id ",
        NON_ASCII: f"{NON_ASCII}: ingested (id ",
    }
    for name, message in expected.items():
        assert any(m.startswith(message) for m in messages), (name, messages)
    assert any(m.startswith("no facts.txt:") and "0 figure(s) extracted" in m for m in messages), messages
    assert_inert(page)

    after = counts(server.db)
    assert after["articles"] == before["articles"] + 5
    stored = articles_by_file(server.db)
    assert {name: stored[name] for name in stored_before} == stored_before  # nothing lost or changed
    assert assert_whole_articles(server.db) == after["articles"]
    new = {Path(name).name.split("_", 1)[1] for name in set(stored) - set(stored_before)}
    assert new == {"utf16.txt", "cp1252.txt", "page.html", "no_facts.txt", "levée_d_été_à_Paris_n_2.txt"}

    # the same upload again stores nothing more
    visit(page, server, "data", "Data")
    _choose_files(page, files)
    messages = _submit(page)
    assert sum("already in the store" in m for m in messages) == 6, messages
    assert counts(server.db) == after


def test_upload_box_refuses_other_types_and_files_over_the_limit(server: Server, page, workdir: Path) -> None:
    before = counts(server.db)
    folder = workdir / "refused"
    folder.mkdir()
    exe = folder / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200))
    png = folder / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    big = folder / "huge.txt"
    line = b"Une ligne de texte ordinaire pour remplir un tres gros fichier de test.\n"
    with big.open("wb") as out:
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    visit(page, server, "data", "Data")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(exe), str(png), str(big)])
    chips = page.locator('[data-testid="stFileChip"]')
    chips.nth(2).wait_for(timeout=60_000)
    errors = {}
    for i in range(chips.count()):
        chip = chips.nth(i)
        name = chip.locator('[data-testid="stFileChipName"]').inner_text()
        errors[name] = chip.locator('[role="alert"]').inner_text()
    assert "files are not allowed" in errors["setup.exe"]
    assert errors["photo.png"] == "Error: image/png files are not allowed."
    assert errors["huge.txt"] == "Error: File must be 10.0MB or smaller."
    messages = _submit(page)  # none of them reaches the app
    assert messages == ["Choose at least one file to ingest."]
    assert counts(server.db) == before


def test_upload_box_with_hostile_metadata_renders_as_text(server: Server, page, workdir: Path) -> None:
    article = workdir / "hostile upload.txt"
    article.write_text(f"La start-up Hackly lève 6 millions d'euros auprès de Partech {SCRIPT}.\n", encoding="utf-8")
    visit(page, server, "data", "Data")
    traversal = {"name": "../../../escape/../evil.txt", "mimeType": "text/plain",
                 "buffer": "Evilcorp lève 2 millions d'euros auprès de Partech.\n".encode()}
    hostile = {"name": article.name, "mimeType": "text/plain", "buffer": article.read_bytes()}
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([hostile, traversal])
    page.locator('[data-testid="stFileChipName"]', has_text="hostile upload.txt").wait_for()
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("Publisher", exact=True).fill(UPLOAD_PUBLISHER)
    form.get_by_label("Title", exact=True).fill(f"{IMG} Hackly")
    messages = _submit(page)
    assert any(m.startswith("hostile upload.txt: ingested") for m in messages), messages
    assert any("evil.txt: ingested" in m for m in messages), messages
    # a file name with "../" is kept inside the uploads folder
    kept = [p for p in server.db.parent.parent.rglob("*evil.txt")]
    assert kept and all(p.parent == server.db.parent / "uploads" for p in kept), kept
    assert_inert(page)
    visit(page, server, "articles?" + urllib.parse.urlencode({"publisher": UPLOAD_PUBLISHER}), "Articles")
    page.get_by_role("heading", name=f"{IMG} Hackly").wait_for(timeout=READY_MS)
    # the article body is drawn after its heading: wait for it before reading the page's text
    page.locator('[data-testid="stMain"]').get_by_text(f"Partech {SCRIPT}", exact=False).first.wait_for(timeout=READY_MS)
    assert f"Partech {SCRIPT}." in page.locator('[data-testid="stMain"]').inner_text()
    assert_inert(page)
    table = _download(page, page.get_by_role("button", name="⬇ CSV").first, workdir / "uploaded.csv")
    assert formula_cells(table) == []
    assert "'" + UPLOAD_PUBLISHER in [cell for row in table for cell in row]
