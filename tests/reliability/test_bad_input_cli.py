"""Bad input through the CLI: ``python -m analysis ingest`` on a batch mixing every kind of bad
file with good ones. Each bad file is named on stderr with its problem, the good files of the
same batch are stored, and nothing already stored is lost or duplicated."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from rel_support import (
    SEEDS,
    articles_by_file,
    assert_whole_articles,
    cli,
    counts,
    no_traceback,
    rows,
)

pytestmark = pytest.mark.reliability

SEED_COPY = "004_8595d39e21f0e52c.txt"
UTF16_TEXT = ("La start-up « Lumio » lève 5 millions d’euros auprès de Kima Ventures, "
              "annonce la société lyonnaise. Le tour de table est mené par Kima Ventures.\n")
CP1252_TEXT = ("La start-up “Zorglub” lève 12 millions d’euros (12 M€) auprès de Partech. "
               "Le tour de table est mené par Partech, précise l’entreprise.\n")
HTML_PAGE = """<!doctype html><html><head><title>Acme lève 3 millions</title>
<style>body { color: red } .price::after { content: "Acme lève 99 millions d'euros" }</style>
<script>var teaser = "Acme lève 99 millions d'euros"; document.write(teaser);</script></head>
<body><article><p>La start-up Acme lève 3 millions d'euros auprès de Kima Ventures, annonce-t-elle.</p>
<script>window.__pwned = 1;</script><p>Kima Ventures mène le tour de table.</p></article></body></html>
"""
NO_FACTS = "Le temps sera ensoleillé demain sur toute la France, avec des températures de saison.\n"
NON_ASCII_DIR = "été à Paris"
NON_ASCII_NAME = "levée d’été n°2.txt"
NON_ASCII_TEXT = "La jeune pousse Ébène lève 4 millions d'euros auprès de Partech, annonce-t-elle.\n"
TWIN_TEXT = "Twinly raised $8 million in a seed round led by Index Ventures, the company said.\n"


@dataclass
class Batch:
    folder: Path
    png: Path
    db: Path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seeded_template: Path) -> Batch:
    root = tmp_path_factory.mktemp("bad input")
    folder = root / "batch with spaces"
    (folder / NON_ASCII_DIR).mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
    (folder / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    png = root / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)))
    (folder / "utf16.txt").write_bytes(b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le"))
    (folder / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    line = b"Une ligne de texte ordinaire pour remplir un tres gros fichier de test.\n"
    with (folder / "huge.txt").open("wb") as out:
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "sans levée.txt").write_text(NO_FACTS, encoding="utf-8")
    shutil.copy(SEEDS / SEED_COPY, folder / "copie de l'article.txt")
    (folder / "twin a.txt").write_text(TWIN_TEXT, encoding="utf-8")  # the same new text twice
    (folder / "twin b.txt").write_text(TWIN_TEXT, encoding="utf-8")
    (folder / NON_ASCII_DIR / NON_ASCII_NAME).write_text(NON_ASCII_TEXT, encoding="utf-8")
    # a manifest without the url / language / precision columns (optional), with an invalid
    # date, a file listed twice and a file that does not exist
    (folder / "manifest.csv").write_text(
        "file,publisher,title,published\n"
        "cp1252.txt,Le Quotidien,Zorglub lève 12 millions,2025-13-45\n"
        "utf16.txt,La Gazette,Lumio lève 5 millions,2024-03-01\n"
        "utf16.txt,Autre Gazette,Lumio encore,2024-03-02\n"
        "ghost.txt,Personne,Absent,2024-01-01\n",
        encoding="utf-8",
    )
    (root / "no file column.csv").write_text("publisher,title\nX,Y\n", encoding="utf-8")
    db = root / "store dir" / "levée.duckdb"
    db.parent.mkdir()
    shutil.copyfile(seeded_template, db)
    return Batch(folder, png, db)


def _lines_about(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if name in line]


def test_a_batch_of_bad_files_names_each_and_stores_the_good_ones(batch: Batch) -> None:
    before = counts(batch.db)
    seeds_before = articles_by_file(batch.db)
    seed_mentions = rows(batch.db, "SELECT mention_id FROM mentions ORDER BY mention_id")

    result = cli("ingest", batch.folder, batch.png, "--db", batch.db, "--no-progress")
    no_traceback(result)
    assert result.returncode == 1, result.stderr  # some files failed
    err = result.stderr
    expected = {
        "empty.txt": "empty file",
        "blank.txt": "no text (whitespace only)",
        "report.txt": "binary file (PDF document), not a text article",
        "photo.png": "binary file (PNG image), not a text article",
        "huge.txt": "file too large (50 MB; the limit is 10 MB)",
        "ghost.txt": "listed in the manifest but not found",
        "sans levée.txt": "no funding round or valuation was found",
        "copie de l'article.txt": f"same text as {SEEDS / SEED_COPY}, already stored; skipped",
        "twin b.txt": "twin a.txt; stored once",
    }
    for name, message in expected.items():
        about = _lines_about(err, name)
        assert any(message in line for line in about), (name, message, err)
    manifest = [line for line in err.splitlines() if "manifest.csv" in line]
    assert any("line 2: invalid date '2025-13-45'" in line for line in manifest), err
    assert any("line 4: 'utf16.txt' is listed again (first on line 3)" in line for line in manifest), err
    assert re.search(r"ingested 6, skipped 2 \(already stored\), failed 8\b", result.stdout), result.stdout

    # the good files of the batch are stored, whole; the seeds are untouched
    after = counts(batch.db)
    assert after["articles"] == before["articles"] + 6
    assert after["article_facts"] == before["article_facts"] + 6
    stored = articles_by_file(batch.db)
    assert {name: stored[name] for name in seeds_before} == seeds_before  # nothing lost or changed
    assert set(stored) - set(seeds_before) == {"utf16.txt", "cp1252.txt", "page.html", "sans levée.txt",
                                               NON_ASCII_NAME, "twin a.txt"}
    assert set(seed_mentions) <= set(rows(batch.db, "SELECT mention_id FROM mentions"))
    assert assert_whole_articles(batch.db) == after["articles"]

    # metadata: the manifest applied, an invalid date left unknown (never guessed), first row kept
    _, publisher, title, url, published, precision, _ = stored["utf16.txt"]
    assert (publisher, title, url, str(published), precision) == (
        "La Gazette", "Lumio lève 5 millions", None, "2024-03-01", "day")
    assert stored["cp1252.txt"][1] == "Le Quotidien" and stored["cp1252.txt"][4] is None
    full = rows(batch.db, "SELECT file FROM articles WHERE file LIKE ?", [f"%{NON_ASCII_NAME}"])
    assert full == [(str(batch.folder / NON_ASCII_DIR / NON_ASCII_NAME),)]


def test_decoding_and_html_stripping_reach_the_facts(batch: Batch) -> None:
    """The encodings were read right (curly quotes, €, accents) and the HTML page's script and
    style never became article text or figures (runs after the batch above)."""
    facts = {Path(f).name: json.loads(j) for f, j in rows(
        batch.db, "SELECT a.file, CAST(f.facts AS VARCHAR) FROM articles a JOIN article_facts f USING (article_id)")}
    sentences = {Path(f).name: s for f, s in rows(
        batch.db, "SELECT a.file, string_agg(m.sentence, ' | ') FROM articles a JOIN mentions m USING (article_id) "
                  "GROUP BY a.file")}
    assert facts["cp1252.txt"]["rounds"][0]["amount"] == 12e6
    assert "“Zorglub”" in sentences["cp1252.txt"] and "12 M€" in sentences["cp1252.txt"]
    assert facts["utf16.txt"]["rounds"][0]["amount"] == 5e6
    assert "« Lumio » lève 5 millions d’euros" in sentences["utf16.txt"]
    html = facts["page.html"]
    assert [r["amount"] for r in html["rounds"]] == [3e6]
    assert "<" not in sentences["page.html"] and "99" not in sentences["page.html"]
    assert facts[NON_ASCII_NAME]["rounds"][0]["amount"] == 4e6


def test_the_same_batch_again_changes_nothing(batch: Batch) -> None:
    before = counts(batch.db)
    stored = articles_by_file(batch.db)
    result = cli("ingest", batch.folder, batch.png, "--db", batch.db, "--no-progress")
    no_traceback(result)
    assert result.returncode == 1
    assert "ingested 0," in result.stdout
    assert counts(batch.db) == before
    assert articles_by_file(batch.db) == stored


def test_a_manifest_without_a_file_column_is_named_and_nothing_is_lost(batch: Batch) -> None:
    before = counts(batch.db)
    stored = articles_by_file(batch.db)
    manifest = batch.folder.parent / "no file column.csv"
    result = cli("ingest", batch.folder, "--manifest", manifest, "--db", batch.db, "--no-progress")
    no_traceback(result)
    assert result.returncode == 1
    assert f"{manifest}: no 'file' column (columns found: 'publisher', 'title'); manifest ignored" in result.stderr
    assert counts(batch.db) == before
    # read without their manifest, the stored articles keep their publisher, title and date
    assert articles_by_file(batch.db) == stored


def test_a_manifest_that_does_not_exist_is_named(batch: Batch, tmp_path: Path) -> None:
    before = counts(batch.db)
    missing = tmp_path / "nowhere" / "manifest.csv"
    result = cli("ingest", SEEDS / SEED_COPY, "--manifest", missing, "--db", batch.db, "--no-progress")
    no_traceback(result)
    assert result.returncode == 1
    assert f"{missing}: could not read the manifest: file not found" in result.stderr
    assert counts(batch.db) == before


def test_paths_that_do_not_exist_are_named(batch: Batch, tmp_path: Path) -> None:
    before = counts(batch.db)
    ghost = tmp_path / "dossier absent" / "ñandú.txt"
    result = cli("ingest", ghost, "--db", batch.db, "--no-progress")
    no_traceback(result)
    assert result.returncode == 1
    assert f"{ghost}: no such file or folder" in result.stderr
    assert counts(batch.db) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_files_are_named_and_never_block(batch: Batch, tmp_path: Path) -> None:
    """A named pipe would block a reader forever, /dev/zero never ends: both are refused
    before being opened; a dangling link and a folder named like an article too."""
    folder = tmp_path / "special"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "folder.txt").mkdir()
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    before = counts(batch.db)
    result = cli("ingest", folder, folder / "zero.txt", "--db", batch.db, "--no-progress", timeout=120)
    no_traceback(result)
    assert result.returncode == 1
    assert f"{folder / 'pipe.txt'}: not a regular file" in result.stderr
    assert f"{folder / 'zero.txt'}: not a regular file" in result.stderr
    assert f"{folder / 'dangling.txt'}: file not found" in result.stderr
    assert counts(batch.db) == before
