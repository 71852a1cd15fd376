"""Tests of analysis.corpus: reading files, manifests and folders into Articles."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the repository root holds the ``analysis`` package
    sys.path.insert(0, str(ROOT))

from analysis import corpus  # noqa: E402
from analysis.corpus import (  # noqa: E402
    MAX_ARTICLE_BYTES,
    ArticleError,
    iter_articles,
    iter_paths,
    load_manifest,
    read_article,
)
from analysis.model import Article, ArticleMeta, ReadProblem  # noqa: E402

SEEDS = ROOT / "seeds"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"  # ../shared beside the project

FRENCH = (
    "La start-up parisienne Mistral AI a annoncé mardi une levée de fonds de 600 millions d'euros "
    "auprès de General Catalyst et de Lightspeed Venture Partners, ce qui porte sa valorisation à "
    "près de six milliards d'euros."
)
ENGLISH = (
    "The Paris-based start-up Mistral AI announced on Tuesday that it had raised 600 million euros "
    "from General Catalyst and Lightspeed Venture Partners, valuing the company at about six billion euros."
)
MANIFEST_HEADER = "file,publisher,title,url,published,published_precision,language,notes\n"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def articles_and_problems(items: list[Article | ReadProblem]) -> tuple[list[Article], list[ReadProblem]]:
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, ReadProblem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def by_name(articles: list[Article]) -> dict[str, Article]:
    return {Path(article.file).name: article for article in articles}


def paragraph_texts(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.paragraphs]


def read_error(path: Path, **kwargs: int) -> str:
    with pytest.raises(ArticleError) as caught:
        read_article(path, **kwargs)
    assert str(caught.value) == caught.value.problem
    return caught.value.problem


# -- seeds -----------------------------------------------------------------------------


def test_seeds_read_with_their_manifest() -> None:
    articles, problems = articles_and_problems(list(iter_articles([SEEDS])))
    assert problems == []
    assert [Path(a.file).name for a in articles] == [
        "000_0f7d2169e025ef47.txt",
        "001_b7dfb65df37dabe3.txt",
        "002_870733f357af85e6.txt",
        "003_2ed2c1d517bfa171.txt",
        "004_8595d39e21f0e52c.txt",
    ]
    seeds = by_name(articles)
    first = seeds["000_0f7d2169e025ef47.txt"]
    assert first.meta.publisher == "Gate"
    assert first.meta.title == "Mistral AI s'associe à ASML pour lever 1,7 milliard d'euros"
    assert first.meta.url is None
    assert first.meta.published == dt.date(2025, 9, 9)
    assert first.meta.published_precision == "month"
    assert seeds["001_b7dfb65df37dabe3.txt"].meta.publisher is None
    assert seeds["002_870733f357af85e6.txt"].meta.publisher is None
    assert seeds["002_870733f357af85e6.txt"].meta.published == dt.date(2024, 5, 9)
    assert seeds["002_870733f357af85e6.txt"].meta.published_precision == "day"
    assert seeds["003_2ed2c1d517bfa171.txt"].meta.publisher == "jmarc (newsletter)"
    assert {a.language for a in articles} == {"fr"}
    for article in articles:
        raw = Path(article.file).read_text(encoding="utf-8")
        assert article.text == raw
        assert article.encoding == "utf-8"
        assert article.article_id == hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
        assert article.file == str(SEEDS / Path(article.file).name)


def test_seed_000_repeated_body_is_counted_once() -> None:
    article = read_article(SEEDS / "000_0f7d2169e025ef47.txt")
    assert article.text.count("ASML a investi 1,3 milliard d'euros") == 2
    kept = paragraph_texts(article)
    assert sum("ASML a investi 1,3 milliard d'euros" in p for p in kept) == 1
    # 8 body lines, "Voir l'original", the disclaimer and the heading; the 8 repeated lines are left out.
    assert len(kept) == 11
    assert kept.count("Mistral AI s'associe à ASML pour lever 1,7 milliard d'euros") == 1
    assert kept[8] == "Voir l'original"
    assert len(kept) == len(set(kept))
    assert all(p == p.strip() and p for p in kept)
    assert [start for start, _ in article.paragraphs] == sorted(start for start, _ in article.paragraphs)


def test_short_repeated_line_is_kept_and_spans_are_stripped(tmp_path: Path) -> None:
    text = "  Source : AFP  \nA paragraph long enough to count as a repeat.\n\nSource : AFP\n a paragraph   LONG enough to count as a repeat. \n"
    article = read_article(write(tmp_path / "a.txt", text), ArticleMeta(language="fr"))
    assert paragraph_texts(article) == [
        "Source : AFP",
        "A paragraph long enough to count as a repeat.",
        "Source : AFP",
    ]
    assert article.paragraphs[0] == (2, 14)


# -- encodings -------------------------------------------------------------------------


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", codecs.BOM_UTF8 + "Levée de fonds: 5 €\n".encode())
    article = read_article(path)
    assert article.text == "Levée de fonds: 5 €\n"
    assert article.encoding == "utf-8-sig"
    assert article.paragraphs == ((0, 19),)


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    text = "Mistral AI lève 600 M€ — l’opération est « historique ».\r\nDeuxième ligne.\r\n"
    path = write(tmp_path / "utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    article = read_article(path)
    assert article.encoding == "utf-16-le"
    assert article.text == "Mistral AI lève 600 M€ — l’opération est « historique ».\nDeuxième ligne.\n"
    assert paragraph_texts(article) == [
        "Mistral AI lève 600 M€ — l’opération est « historique ».",
        "Deuxième ligne.",
    ]


def test_cp1252_euro_and_curly_quotes(tmp_path: Path) -> None:
    text = "La start-up a levé 105 M€ ; l’investisseur parle d’un « tour record » – “historique”.\n"
    data = text.encode("cp1252")
    assert b"\x80" in data and b"\x92" in data
    article = read_article(write(tmp_path / "cp1252.txt", data))
    assert article.encoding == "cp1252"
    assert article.text == text
    assert "€" in article.text and "’" in article.text


def test_latin1_e_acute(tmp_path: Path) -> None:
    text = "Le café de la société a été racheté par une holding française.\n"
    article = read_article(write(tmp_path / "latin1.txt", text.encode("latin-1")))
    assert article.text == text
    assert article.encoding in {"cp1252", "iso8859_15", "latin_1"}


def test_newlines_normalised_and_nothing_else_altered(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path / "crlf.txt", "  Ligne un,  espacée\r\nLigne deux\rLigne trois\n\n")
    )
    assert article.text == "  Ligne un,  espacée\nLigne deux\nLigne trois\n\n"
    assert paragraph_texts(article) == ["Ligne un,  espacée", "Ligne deux", "Ligne trois"]


# -- refused files ---------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert read_error(write(tmp_path / "empty.txt", b"")) == "empty file"


def test_whitespace_only(tmp_path: Path) -> None:
    assert read_error(write(tmp_path / "blank.txt", " \n\t\r\n  \n")) == "no text (whitespace only)"


def test_png_bytes(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert read_error(write(tmp_path / "image.txt", data)) == "binary file (PNG image), not a text article"


def test_pdf_bytes(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    assert (
        read_error(write(tmp_path / "report.txt", data)) == "binary file (PDF document), not a text article"
    )


def test_docx_is_named(tmp_path: Path) -> None:
    data = b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" + bytes(64)
    assert (
        read_error(write(tmp_path / "a.docx", data))
        == "binary file (Word document (DOCX)), not a text article"
    )


def test_nul_bytes_without_bom_are_binary(tmp_path: Path) -> None:
    data = b"Mistral AI\x00\x00\x01 raises money" * 10
    assert read_error(write(tmp_path / "nul.txt", data)) == "binary file, not a text article"


def test_control_characters_are_binary(tmp_path: Path) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"some text"
    assert read_error(write(tmp_path / "ctrl.txt", data)) == "binary file, not a text article"


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.png", b"\x89PNG\r\n\x1a\n" + bytes(292))
    assert read_error(path, max_bytes=100) == "file too large (300 bytes; the limit is 100 bytes)"
    assert read_error(write(tmp_path / "big.txt", "é" * 1024), max_bytes=1500) == (
        "file too large (2 KB; the limit is 1.5 KB)"
    )
    assert MAX_ARTICLE_BYTES == 10 * 1024 * 1024
    assert corpus._too_large(int(52.4 * 1024 * 1024), MAX_ARTICLE_BYTES) == (
        "file too large (52.4 MB; the limit is 10 MB)"
    )


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert read_error(tmp_path / "nope.txt") == "file not found"
    assert read_error(tmp_path) == "is a folder, not a file"


def test_undecodable_bytes(tmp_path: Path) -> None:
    # Bytes cp1252 leaves undefined, in a mess no plausible encoding reads as text.
    data = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40
    assert read_error(write(tmp_path / "mess.txt", data)) == "could not detect the text encoding"


# -- HTML ------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="fr"><head>
<title>Mistral lève 600 millions</title>
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2024-06-11T08:00:00Z">
<style>body {{ color: red; }} .secret-style {{ display: none }}</style>
<script>alert(1)</script>
</head><body>
<nav>Accueil | Tech</nav>
<article><h1>Mistral AI lève 600 millions d'euros</h1>
<p>{FRENCH}</p>
<script>alert(1)</script>
<p>Le tour est mené par General Catalyst, selon le communiqué publié mardi.</p>
</article>
<footer>© 2024 Le Journal</footer>
</body></html>
"""


def test_html_text_without_script_and_style(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "page.html", PAGE))
    assert FRENCH in article.text
    assert "Le tour est mené par General Catalyst, selon le communiqué publié mardi." in article.text
    for leftover in ("alert(1)", "color: red", "secret-style", "<p>", "<script"):
        assert leftover not in article.text
    assert FRENCH in paragraph_texts(article)
    assert article.meta.publisher == "Le Journal"
    assert article.meta.title is not None and "Mistral" in article.meta.title
    assert article.meta.published == dt.date(2024, 6, 11)
    assert article.language == "fr"


def test_html_manifest_metadata_wins(tmp_path: Path) -> None:
    meta = ArticleMeta(
        publisher="Les Echos",
        title="Titre du manifeste",
        published=dt.date(2024, 6, 1),
        published_precision="month",
    )
    article = read_article(write(tmp_path / "page.htm", PAGE), meta)
    assert article.meta.publisher == "Les Echos"
    assert article.meta.title == "Titre du manifeste"
    assert article.meta.published == dt.date(2024, 6, 1)
    assert article.meta.published_precision == "month"


def test_html_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "saved.txt", PAGE))
    assert FRENCH in article.text
    assert "alert(1)" not in article.text


def test_html_fallback_when_trafilatura_gives_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    article = read_article(write(tmp_path / "page.html", PAGE))
    assert "alert(1)" not in article.text
    assert "color: red" not in article.text
    assert "Mistral lève 600 millions" not in article.text  # the <title> is in <head>, not the body
    lines = article.text.split("\n")
    assert "Mistral AI lève 600 millions d'euros" in lines
    assert FRENCH in lines


def test_html_without_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "empty.html", "<html><head><script>var x = 1;</script></head><body></body></html>"
    )
    assert read_error(path).startswith("no text")


# -- Markdown front matter -------------------------------------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    content = (
        "---\n"
        "title: Mistral AI lève 600 millions\n"
        "publisher: Maddyness\n"
        "url: https://example.org/mistral\n"
        "date: 2024-06\n"
        "language: fr-FR\n"
        "tags: [ia, levée]\n"
        "---\n"
        f"# Mistral AI\n\n{FRENCH}\n"
    )
    article = read_article(write(tmp_path / "note.md", content))
    assert article.text == f"# Mistral AI\n\n{FRENCH}\n"
    assert "publisher:" not in article.text
    assert article.meta == ArticleMeta(
        publisher="Maddyness",
        title="Mistral AI lève 600 millions",
        url="https://example.org/mistral",
        published=dt.date(2024, 6, 1),
        published_precision="month",
        language="fr",
    )
    assert article.language == "fr"
    assert paragraph_texts(article) == ["# Mistral AI", FRENCH]


def test_manifest_wins_over_front_matter(tmp_path: Path) -> None:
    content = "---\ntitle: Front\npublisher: Front Publisher\npublished: 2024-06-12\n---\n" + ENGLISH
    article = read_article(write(tmp_path / "n.md", content), ArticleMeta(title="Manifest", language="en"))
    assert article.meta.title == "Manifest"
    assert article.meta.publisher == "Front Publisher"
    assert article.meta.published == dt.date(2024, 6, 12)
    assert article.meta.published_precision == "day"
    assert article.text == ENGLISH


def test_front_matter_invalid_date_is_not_invented(tmp_path: Path) -> None:
    content = "---\ntitle: T\npublished: 2024-02-30\n---\n" + FRENCH
    article = read_article(write(tmp_path / "n.md", content))
    assert article.meta.title == "T"
    assert article.meta.published is None
    assert article.meta.published_precision is None


def test_front_matter_in_txt_needs_known_keys(tmp_path: Path) -> None:
    with_keys = read_article(write(tmp_path / "a.txt", "---\ntitle: Un titre\n---\n" + FRENCH))
    assert with_keys.text == FRENCH
    assert with_keys.meta.title == "Un titre"
    prose = "---\nNote: ceci est un encadré.\n---\n" + FRENCH
    kept = read_article(write(tmp_path / "b.txt", prose))
    assert kept.text == prose
    assert kept.meta.title is None


def test_front_matter_only(tmp_path: Path) -> None:
    assert read_error(write(tmp_path / "n.md", "---\ntitle: T\n---\n\n")) == "no text (front matter only)"


# -- manifest --------------------------------------------------------------------------


def test_manifest_values_and_precision(tmp_path: Path) -> None:
    path = write(
        tmp_path / "manifest.csv",
        MANIFEST_HEADER
        + "sub/a.txt,Pub A,Title A,https://a.example,2024,,FR,\n"
        + "b.txt,,,,2024-06,,en,\n"
        + "c.txt,,,,2024-06-12,,,\n"
        + "d.txt,,,,2025-09-09,month,fr,explicit precision wins\n"
        + "e.txt,,,,2025-09,day,fr,finer than the date\n"
        + "f.txt,,,,,day,,precision without a date\n",
    )
    metas, problems = load_manifest(path)
    assert set(metas) == {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"}
    assert metas["a.txt"] == ArticleMeta(
        "Pub A", "Title A", "https://a.example", dt.date(2024, 1, 1), "year", "fr"
    )
    assert metas["b.txt"] == ArticleMeta(
        published=dt.date(2024, 6, 1), published_precision="month", language="en"
    )
    assert metas["c.txt"] == ArticleMeta(published=dt.date(2024, 6, 12), published_precision="day")
    assert metas["d.txt"].published == dt.date(2025, 9, 9)
    assert metas["d.txt"].published_precision == "month"
    assert metas["e.txt"].published_precision == "month"
    assert metas["f.txt"] == ArticleMeta()
    assert problems == [
        ReadProblem(str(path), "line 6: published_precision 'day' is finer than the date '2025-09'")
    ]


def test_manifest_missing_column_is_none(tmp_path: Path) -> None:
    path = write(tmp_path / "manifest.csv", "file,title\nx.txt,Un titre\ny.txt,\n")
    metas, problems = load_manifest(path)
    assert problems == []
    assert metas == {"x.txt": ArticleMeta(title="Un titre"), "y.txt": ArticleMeta()}


def test_manifest_invalid_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "manifest.csv",
        MANIFEST_HEADER
        + "ok.txt,P,,,2024-06-12,day,fr,\nbad.txt,P,,,2024-13-45,day,fr,\nfr.txt,P,,,12/06/2024,,fr,\n",
    )
    metas, problems = load_manifest(path)
    assert metas["bad.txt"].published is None
    assert metas["bad.txt"].published_precision is None
    assert metas["bad.txt"].publisher == "P"
    assert metas["fr.txt"].published is None
    assert [p.file for p in problems] == [str(path), str(path)]
    assert "line 3" in problems[0].problem and "'2024-13-45'" in problems[0].problem
    assert "line 4" in problems[1].problem and "'12/06/2024'" in problems[1].problem


def test_manifest_duplicate_row_keeps_the_first(tmp_path: Path) -> None:
    path = write(
        tmp_path / "manifest.csv",
        MANIFEST_HEADER + "a.txt,First,,,,,,\nb.txt,B,,,,,,\nsub/a.txt,Second,,,,,,\n",
    )
    metas, problems = load_manifest(path)
    assert metas["a.txt"].publisher == "First"
    assert problems == [
        ReadProblem(str(path), "line 4: 'a.txt' is listed again (first on line 2); the first row is kept")
    ]


def test_manifest_without_file_column(tmp_path: Path) -> None:
    path = write(tmp_path / "manifest.csv", "name,title\na.txt,T\n")
    metas, problems = load_manifest(path)
    assert metas == {}
    assert len(problems) == 1
    assert problems[0].file == str(path)
    assert "no 'file' column" in problems[0].problem and "'name'" in problems[0].problem


def test_manifest_encodings_and_semicolons(tmp_path: Path) -> None:
    bom = write(tmp_path / "bom.csv", codecs.BOM_UTF8 + "file,publisher\na.txt,Siècle Digital\n".encode())
    assert load_manifest(bom) == ({"a.txt": ArticleMeta(publisher="Siècle Digital")}, [])
    excel = write(tmp_path / "excel.csv", "file;publisher;title\r\na.txt;L’Agefi;Levée de 5 M€\r\n", "cp1252")
    assert load_manifest(excel) == ({"a.txt": ArticleMeta(publisher="L’Agefi", title="Levée de 5 M€")}, [])


def test_manifest_quoted_multiline_field_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "m.csv", 'file,notes,published\na.txt,"two\nlines",2024\nb.txt,,2024-99\n')
    metas, problems = load_manifest(path)
    assert metas["a.txt"].published == dt.date(2024, 1, 1)
    assert problems == [
        ReadProblem(str(path), "line 4: invalid date '2024-99' (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    ]


def test_manifest_unreadable_or_not_csv(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    assert load_manifest(missing) == (
        {},
        [ReadProblem(str(missing), "could not read the manifest: file not found")],
    )
    png = write(tmp_path / "manifest.csv", b"\x89PNG\r\n\x1a\n" + bytes(40))
    metas, problems = load_manifest(png)
    assert metas == {}
    assert problems == [
        ReadProblem(str(png), "could not read the manifest: binary file (PNG image), not a text article")
    ]
    json_file = write(tmp_path / "other.csv", '{"file": "a.txt"}\n')
    metas, problems = load_manifest(json_file)
    assert metas == {}
    assert len(problems) == 1 and "no 'file' column" in problems[0].problem
    empty = write(tmp_path / "empty.csv", b"")
    assert load_manifest(empty) == ({}, [ReadProblem(str(empty), "empty manifest (no header row)")])


# -- folders and iter_articles ---------------------------------------------------------


def test_folder_expansion(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", FRENCH)
    write(tmp_path / "a.md", FRENCH)
    write(tmp_path / "sub" / "c.html", PAGE)
    write(tmp_path / "z.HTM", PAGE)
    for skipped in (
        "README.md",
        "readme.txt",
        "LICENSE.txt",
        "gold.jsonl",
        "manifest.csv",
        "notes.pdf",
        ".hidden.txt",
        ".git/x.txt",
    ):
        write(tmp_path / skipped, FRENCH)
    odd = write(tmp_path / "elsewhere" / "article.dat", FRENCH)
    assert iter_paths([tmp_path, odd, tmp_path / "b.txt"]) == [
        tmp_path / "a.md",
        tmp_path / "b.txt",
        tmp_path / "sub" / "c.html",
        tmp_path / "z.HTM",
        tmp_path / "elsewhere" / "article.dat",
    ]
    assert iter_paths([tmp_path / "does-not-exist"]) == []
    # A single path where a list is expected is not read as a list of characters.
    assert iter_paths(str(tmp_path / "b.txt")) == [tmp_path / "b.txt"]  # type: ignore[arg-type]


def test_iter_articles_goes_on_after_bad_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", FRENCH)
    write(tmp_path / "b.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write(tmp_path / "c.txt", b"")
    write(tmp_path / "d.txt", ENGLISH)
    items = list(iter_articles([tmp_path, tmp_path / "missing.txt"]))
    assert items[0] == ReadProblem(str(tmp_path / "missing.txt"), "no such file or folder")
    assert items[2] == ReadProblem(str(tmp_path / "b.txt"), "binary file (PNG image), not a text article")
    assert items[3] == ReadProblem(str(tmp_path / "c.txt"), "empty file")
    articles, _ = articles_and_problems(items)
    assert [(Path(a.file).name, a.language) for a in articles] == [("a.txt", "fr"), ("d.txt", "en")]


def test_iter_articles_max_bytes(tmp_path: Path) -> None:
    write(tmp_path / "small.txt", FRENCH)
    write(tmp_path / "large.txt", FRENCH * 10)
    items = list(iter_articles([tmp_path], max_bytes=1000))
    assert isinstance(items[0], ReadProblem)
    assert items[0].problem.startswith("file too large (")
    assert isinstance(items[1], Article)


def test_same_text_under_two_names_is_yielded_twice(tmp_path: Path) -> None:
    write(tmp_path / "one.txt", FRENCH)
    write(tmp_path / "two.txt", FRENCH)
    articles, problems = articles_and_problems(list(iter_articles([tmp_path])))
    assert problems == []
    assert [Path(a.file).name for a in articles] == ["one.txt", "two.txt"]
    assert articles[0].article_id == articles[1].article_id


def test_manifest_discovered_problems_first_and_listed_but_missing(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "a.txt", FRENCH)
    write(folder / "b.txt", ENGLISH)
    write(folder / "slides.pdf", b"%PDF-1.4\n")
    manifest = write(
        folder / "manifest.csv",
        MANIFEST_HEADER
        + "a.txt,Pub A,,,2024-06-12,,fr,\n"
        + "ghost.txt,,,,,,,\n"
        + "slides.pdf,,,,,,,\n"
        + "b.txt,Pub B,,,not a date,,en,\n",
    )
    items = list(iter_articles([folder]))
    problems = items[:3]
    assert problems[0] == ReadProblem(
        str(manifest), "line 5: invalid date 'not a date' (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    assert problems[1] == ReadProblem(str(folder / "ghost.txt"), "listed in the manifest but not found")
    assert problems[2].file == str(folder / "slides.pdf")
    assert problems[2].problem.startswith("listed in the manifest but not read")
    articles = items[3:]
    assert all(isinstance(a, Article) for a in articles)
    named = by_name([a for a in articles if isinstance(a, Article)])
    assert named["a.txt"].meta.publisher == "Pub A"
    assert named["b.txt"].meta.publisher == "Pub B"
    assert named["b.txt"].meta.published is None


def test_listed_but_missing_only_when_the_manifest_folder_is_given(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "a.txt", FRENCH)
    write(folder / "manifest.csv", MANIFEST_HEADER + "a.txt,Pub A,,,,,,\nghost.txt,,,,,,,\n")
    # A file named on its own: no folder given, no manifest discovered, nothing reported.
    items = list(iter_articles([folder / "a.txt"]))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].meta == ArticleMeta()
    # An explicit manifest applies to the files given, but "not found" needs its folder among the paths.
    items = list(iter_articles([folder / "a.txt"], manifest=folder / "manifest.csv"))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].meta.publisher == "Pub A"
    items = list(iter_articles([folder], manifest=folder / "manifest.csv"))
    assert items[0] == ReadProblem(str(folder / "ghost.txt"), "listed in the manifest but not found")


def test_explicit_manifest_replaces_the_discovered_one(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "a.txt", FRENCH)
    write(folder / "manifest.csv", MANIFEST_HEADER + "a.txt,Discovered,,,,,,\n")
    other = write(tmp_path / "other.csv", "file,publisher\na.txt,Explicit\n")
    (article,) = list(iter_articles([folder], manifest=other))
    assert isinstance(article, Article)
    assert article.meta.publisher == "Explicit"


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "dossier été 2024"
    path = write(folder / "levée de fonds – Mistral.txt", FRENCH)
    write(folder / "manifest.csv", "file,title\nlevée de fonds – Mistral.txt,Titre accentué\n")
    article = read_article(path)
    assert article.file == str(path)
    assert article.text == FRENCH
    (item,) = list(iter_articles([str(folder)]))
    assert isinstance(item, Article)
    assert item.file == str(path)
    assert item.meta.title == "Titre accentué"


# -- language and metadata -------------------------------------------------------------


def test_language_detection(tmp_path: Path) -> None:
    assert read_article(write(tmp_path / "en.txt", ENGLISH)).language == "en"
    assert read_article(write(tmp_path / "fr.txt", FRENCH)).language == "fr"
    assert read_article(write(tmp_path / "short.txt", "Mistral AI")).language is None
    assert corpus.detect_language("12 345 678 — 2024") is None


def test_given_language_is_not_overridden(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "fr.txt", FRENCH), ArticleMeta(language="en"))
    assert article.language == "en"
    assert article.meta.language == "en"


def test_missing_metadata_stays_none(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "plain.txt", FRENCH + "\n"))
    assert article.meta == ArticleMeta()
    assert article.language == "fr"
    assert article.encoding == "utf-8"
    assert article.paragraphs == ((0, len(FRENCH)),)


# -- the shared development corpus -----------------------------------------------------


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared development corpus is not mounted")
def test_shared_corpus() -> None:
    articles, problems = articles_and_problems(list(iter_articles([SHARED_CORPUS])))
    assert problems == []
    assert len(articles) == 15
    names = [Path(a.file).name for a in articles]
    assert names == sorted(names)
    assert "README.md" not in names
    assert names[0] == "01_frenchweb_seed_rumour.txt"
    named = by_name(articles)
    cfnews = named["05_cfnews_seriesA_announced.txt"]
    assert cfnews.meta.published is None
    assert cfnews.meta.published_precision is None
    assert cfnews.meta.publisher == "CFNEWS"
    irish = named["02_irishtimes_seed_announced.txt"]
    assert irish.language == "en"
    assert irish.meta.published == dt.date(2023, 6, 14)
    assert named["01_frenchweb_seed_rumour.txt"].meta.published_precision == "month"
    assert sum(a.language == "fr" for a in articles) == 8
    assert sum(a.language == "en" for a in articles) == 7
    assert all(a.paragraphs for a in articles)


# -- property: never another exception -------------------------------------------------

_PREFIXES = st.sampled_from(
    [b"", b"---\n", b"---\ntitle: x\n---\n", b"<html><body>", b"<!doctype html><p>", codecs.BOM_UTF8,
     codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"\x89PNG\r\n\x1a\n", b"PK\x03\x04"]
)  # fmt: skip
_BODIES = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.text(alphabet="éèà€’“” \n\r\tabc<>/-:", max_size=200).map(lambda s: s.encode("cp1252")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=_PREFIXES, body=_BODIES, suffix=st.sampled_from([".txt", ".md", ".html", ".bin"]))
def test_read_article_returns_an_article_or_raises_article_error(
    tmp_path: Path, prefix: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + body)
    try:
        article = read_article(path, max_bytes=4096)
    except ArticleError as exc:
        assert exc.problem
        return
    assert article.text.strip()
    assert "\r" not in article.text
    assert not article.text.startswith("\ufeff")
    assert (
        article.article_id == hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    )
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(article.text)
        assert article.text[start:end] == article.text[start:end].strip()


def test_article_text_alone_is_what_read_article_reads(tmp_path: Path) -> None:
    """The Articles page shows a stored article again from its file: the same text and id as when
    it was ingested, front matter and markup left out, without working out metadata."""
    html = write(tmp_path / "page.html", "<html><head><title>Acme lève 5 M€</title></head><body><nav>Menu</nav>"
                 "<article><p>Acme a levé 5 millions d'euros auprès de Garance Capital.</p></article></body></html>")
    front = write(tmp_path / "front.md", "---\ntitle: Acme\n---\nAcme a levé 5 millions d'euros.\n")
    for path in (SEEDS / "000_0f7d2169e025ef47.txt", html, front):
        article = read_article(path)
        assert corpus.read_article_text(path) == (article.text, article.article_id)
    assert "<p>" not in corpus.read_article_text(html)[0]
    assert not corpus.read_article_text(front)[0].startswith("---")
    with pytest.raises(corpus.ArticleError):
        corpus.read_article_text(write(tmp_path / "blank.txt", "  \n"))
