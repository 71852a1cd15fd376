"""Metadata an article declares about itself: HTML tags and JSON-LD, a plain text's headline,
dateline and byline, the publisher from a URL; and how it reaches ``extract`` and the store."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pytest

from analysis import cli, corpus, load, metadata
from analysis.corpus import read_article
from analysis.ingest import ingest
from analysis.metadata import (
    find_byline,
    find_dateline,
    find_headline,
    html_metadata,
    publisher_from_url,
    strip_site_suffix,
    text_metadata,
)
from analysis.model import Article, ArticleFacts, ArticleMeta

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date

FR_BODY = (
    "La start-up lyonnaise Nuvia, qui conçoit des robots de désherbage autonomes, a annoncé une levée de "
    "fonds de 12 millions d'euros auprès de Breizh Capital.\n"
    "Fondée en 2021, l'entreprise emploie une quarantaine de personnes et revendique plus de 150 "
    "exploitations clientes en France et en Belgique.\n"
)
EN_BODY = (
    "Quantix Robotics said it had raised $45 million in a Series B round led by Balderton Capital.\n"
    "The company builds robotic arms that pick mixed items from warehouse shelves and works with eleven "
    "logistics groups across Germany and the Netherlands.\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- HTML pages ------------------------------------------------------------------------


def test_french_news_site_open_graph_and_meta_tags() -> None:
    article = read_article(PAGES / "fr_news_site.html")
    assert article.meta == ArticleMeta(
        publisher="Le Courrier Tech",
        title="Nuvia lève 12 millions d'euros pour ses robots de désherbage",  # no " | Le Courrier Tech"
        url="https://www.lecourriertech.fr/startups/nuvia-leve-12-millions-d-euros-123456.html",
        published=D(2025, 3, 14),  # article:published_time, not the modified time
        published_precision="day",
        author="Camille Martin",  # meta author; article:author is a profile URL, not a name
    )
    assert article.language == "fr"
    assert article.text.startswith("La start-up lyonnaise Nuvia")


def test_english_tech_blog_json_ld_news_article() -> None:
    meta = read_article(PAGES / "en_tech_blog_jsonld.html").meta
    assert meta.publisher == "Stackline"
    assert meta.title == "Quantix Robotics raises $45M Series B to scale warehouse arms"
    assert meta.author == "Jane Doe; Sam Lee"
    assert (meta.published, meta.published_precision) == (D(2025, 3, 11), "day")  # datePublished, not dateModified
    assert meta.url == "https://stackline.io/2025/03/quantix-robotics-series-b/"


def test_wire_story_time_element_of_the_article_not_of_a_related_story() -> None:
    meta = read_article(PAGES / "wire_story_time.html").meta
    assert (meta.published, meta.published_precision) == (D(2025, 3, 14), "day")  # not the related story's 2 Feb
    assert meta.title == "Lisbon fintech Ferrolho secures 30 million euros from Atlantic Ventures"
    assert meta.author == "Tom Reed"
    assert meta.url == "https://www.northwire.com/business/ferrolho-raises-30-million-euros/"
    assert meta.publisher == "northwire.com"  # the page names no site: its domain


def test_press_release_page_dated_by_the_dateline_of_its_body() -> None:
    article = read_article(PAGES / "press_release_site.html")
    assert article.meta == ArticleMeta(
        publisher="CommuniqueHub",
        title="Hexaflow annonce une levée de fonds de 5 millions d'euros",
        url=None,
        published=D(2025, 3, 14),  # « NANTES, 14 mars 2025 /CommuniqueHub/ -- » (no date in the markup)
        published_precision="day",
        author="Hexaflow SAS",
    )
    assert "NANTES, 14 mars 2025 /CommuniqueHub/ --" in article.text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("fr_news_site.html", ArticleMeta(
            publisher="Le Courrier Tech", title="Nuvia lève 12 millions d'euros pour ses robots de désherbage",
            url="https://www.lecourriertech.fr/startups/nuvia-leve-12-millions-d-euros-123456.html",
            published=D(2025, 3, 14), published_precision="day", author="Camille Martin")),
        ("en_tech_blog_jsonld.html", ArticleMeta(
            publisher="Stackline", title="Quantix Robotics raises $45M Series B to scale warehouse arms",
            url="https://stackline.io/2025/03/quantix-robotics-series-b/", published=D(2025, 3, 11),
            published_precision="day", author="Jane Doe; Sam Lee")),
        ("wire_story_time.html", ArticleMeta(
            title="Lisbon fintech Ferrolho secures 30 million euros from Atlantic Ventures",
            url="https://www.northwire.com/business/ferrolho-raises-30-million-euros/",
            published=D(2025, 3, 14), published_precision="day")),  # the byline is trafilatura's find
    ],
)
def test_the_markup_alone_gives_the_metadata_when_trafilatura_gives_none(
    page: str, expected: ArticleMeta, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metadata, "_trafilatura_meta", lambda html: {})
    assert html_metadata((PAGES / page).read_text(encoding="utf-8")) == expected


def test_the_manifest_wins_over_the_page() -> None:
    given = ArticleMeta(publisher="Les Échos", published=D(2025, 3, 1), published_precision="month")
    meta = read_article(PAGES / "fr_news_site.html", given).meta
    assert (meta.publisher, meta.published, meta.published_precision) == ("Les Échos", D(2025, 3, 1), "month")
    assert meta.title == "Nuvia lève 12 millions d'euros pour ses robots de désherbage"
    assert meta.author == "Camille Martin"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Nuvia lève 12 M€ | Le Courrier Tech", ("Le Courrier Tech",), "Nuvia lève 12 M€"),
        ("Quantix raises $45M – Stackline", (None, "stackline.io"), "Quantix raises $45M"),
        ("Stackline | Quantix raises $45M", ("Stackline",), "Quantix raises $45M"),
        ("Mistral AI - la levée record", ("Le Courrier Tech",), "Mistral AI - la levée record"),
        ("Stackline", ("Stackline",), "Stackline"),
    ],
)
def test_site_suffix(title: str, sites: tuple[str | None, ...], expected: str) -> None:
    assert strip_site_suffix(title, *sites) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.lesechos.fr/tech-medias/hightech/nuvia-1234", "lesechos.fr"),
        ("http://techcrunch.com/2025/03/14/quantix/", "techcrunch.com"),
        ("https://fr.reuters.com/article/x", "fr.reuters.com"),
        ("www.maddyness.com/2018/11/09/maddymoney/", "maddyness.com"),
        ("http://127.0.0.1:8000/a", None),
        ("ftp://files.example.org/a", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_publisher_from_url(url: str, expected: str | None) -> None:
    assert publisher_from_url(url) == expected


def test_publisher_from_the_manifest_url_when_nothing_names_it(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FR_BODY)
    meta = read_article(path, ArticleMeta(url="https://www.lesechos.fr/tech-medias/nuvia-1234")).meta
    assert meta.publisher == "lesechos.fr"
    assert read_article(path, ArticleMeta(url="x", publisher="Les Échos")).meta.publisher == "Les Échos"


# -- plain text: datelines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "line", "date", "precision"),
    [
        ("fr", "Paris, le 14 mars 2025 – Nuvia annonce une levée de fonds.", D(2025, 3, 14), "day"),
        ("fr", "PARIS, 14 mars 2025 /PRNewswire/ -- Nuvia annonce une levée de fonds.", D(2025, 3, 14), "day"),
        ("fr", "Paris, le 14 mars 2025.", D(2025, 3, 14), "day"),
        ("fr", "Publié le 14/03/2025 à 10h30", D(2025, 3, 14), "day"),
        ("fr", "Publié le 14/03/2025 à 10h30, mis à jour le 15/03/2025 à 08h00", D(2025, 3, 14), "day"),
        ("fr", "Lyon, mars 2025 – Nuvia annonce une levée de fonds.", D(2025, 3, 1), "month"),
        ("en", "LONDON, March 14, 2025 (Reuters) - Quantix said on Friday.", D(2025, 3, 14), "day"),
        ("en", "SAN FRANCISCO, Calif., March 14, 2025 /PRNewswire/ -- Quantix, a maker of arms.", D(2025, 3, 14),
         "day"),
        ("en", "BERLIN, Tuesday, March 11, 2025 — Quantix said.", D(2025, 3, 11), "day"),
        ("en", "Published: 14 March 2025", D(2025, 3, 14), "day"),
        ("en", "Published March 14, 2025 at 10:30 a.m. ET", D(2025, 3, 14), "day"),
        ("en", "03/14/2025", D(2025, 3, 14), "day"),  # a bare date line, month first in English
        (None, "NANTES, 14 mars 2025 /CommuniqueHub/ -- Hexaflow annonce.", D(2025, 3, 14), "day"),
    ],
)
def test_datelines(language: str | None, line: str, date: dt.date, precision: str) -> None:
    body = FR_BODY if language == "fr" else EN_BODY
    found = find_dateline(line + "\n" + body, language)
    assert found is not None and (found.date, found.precision) == (date, precision)


def test_dateline_after_a_headline_and_a_byline() -> None:
    text = "Quantix raises $45 million\nBy Jane Doe and Sam Lee\nLONDON, March 14, 2025 (Reuters) - " + EN_BODY
    meta = text_metadata(text, "en")
    assert meta == ArticleMeta(title="Quantix raises $45 million", author="Jane Doe; Sam Lee",
                               published=D(2025, 3, 14), published_precision="day")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # Reuters without the year: never guessed
        ("en", "LONDON, March 14 (Reuters) - Quantix Robotics said on Friday it had raised $45 million.\n" + EN_BODY),
        ("fr", "PARIS, 14 mars (AFP) - Nuvia a levé 12 millions d'euros.\n" + FR_BODY),
        # a date that opens a sentence is no dateline
        ("fr", "Le 14 mars 2025, la start-up Nuvia a levé 12 millions d'euros.\n" + FR_BODY),
        ("fr", "Nuvia, le 14 mars 2025, a levé 12 millions d'euros auprès de Breizh Capital.\n" + FR_BODY),
        ("en", "Published in March 2019, the report found that robots were scarce.\n" + EN_BODY),
        # a date in the middle of the body, even in a dateline's shape
        ("fr", FR_BODY + "Selon Nuvia, le 14 mars 2025 restera une date importante.\n"),
        ("fr", FR_BODY * 3 + "\nPARIS, 14 mars 2025 /PRNewswire/ -- Un autre communiqué.\n"),
        # a year alone
        ("fr", "Paris, 2025 – Nuvia lève 12 millions d'euros.\n" + FR_BODY),
    ],
)
def test_no_dateline(language: str, text: str) -> None:
    assert find_dateline(text, language) is None


def test_a_yearless_dateline_leaves_the_article_undated(tmp_path: Path) -> None:
    path = write(tmp_path / "reuters.txt", "LONDON, March 14 (Reuters) - " + EN_BODY)
    meta = read_article(path).meta
    assert (meta.published, meta.published_precision) == (None, None)


# -- plain text: headline and byline ---------------------------------------------------


def test_plain_text_headline_and_dateline(tmp_path: Path) -> None:
    content = (
        "Nuvia lève 12 millions d'euros pour ses robots de désherbage\n\n"
        "Lyon, le 14 mars 2025 – " + FR_BODY
    )
    article = read_article(write(tmp_path / "nuvia.txt", content))
    assert article.meta == ArticleMeta(
        title="Nuvia lève 12 millions d'euros pour ses robots de désherbage",
        published=D(2025, 3, 14),
        published_precision="day",
    )
    assert article.text == content  # the headline and the dateline stay in the text
    assert article.language == "fr"


@pytest.mark.parametrize(
    "first_line",
    [
        # a body sentence: it ends like one
        "La start-up lyonnaise Nuvia a annoncé jeudi une levée de fonds de 12 millions d'euros.",
        # two sentences
        "Nuvia lève 12 millions. Breizh Capital mène le tour",
        # a line cut in mid-sentence
        "Following the growth of U.S. digital lending platforms such as",
        # too long to be a headline
        "La start-up lyonnaise Nuvia, qui conçoit des robots de désherbage autonomes pour le maraîchage et "
        "revendique plus de 150 exploitations clientes en France, en Belgique et bientôt en Espagne",
        # a list item, a clause
        "• Nuvia lève 12 millions d'euros",
        "Voici les levées de fonds de la semaine :",
        # a dateline is no headline
        "Paris, le 14 mars 2025",
    ],
)
def test_no_headline(first_line: str) -> None:
    assert find_headline(first_line + "\n" + FR_BODY + FR_BODY, None) is None


def test_a_short_line_without_a_body_after_it_is_no_headline() -> None:
    assert find_headline("Nuvia lève 12 millions d'euros\nMerci de votre lecture.", "fr") is None
    assert find_headline("Nuvia lève 12 millions d'euros", "fr") is None


def test_headlines() -> None:
    assert find_headline("Mistral AI va-t-elle lever un milliard ?\n" + FR_BODY + FR_BODY, "fr") == (
        "Mistral AI va-t-elle lever un milliard ?"
    )
    assert find_headline("eToro raises $250 million\n" + EN_BODY + EN_BODY, "en") == "eToro raises $250 million"
    assert find_headline("# Nuvia lève 12 millions d'euros\n" + FR_BODY + FR_BODY, "fr") == (
        "Nuvia lève 12 millions d'euros"
    )


@pytest.mark.parametrize(
    ("language", "line", "author"),
    [
        ("en", "By Jane Doe", "Jane Doe"),
        ("en", "By Jane Doe and Sam Lee", "Jane Doe; Sam Lee"),
        ("en", "By Jane Doe | March 14, 2025", "Jane Doe"),
        ("fr", "Par Camille Martin", "Camille Martin"),
        ("fr", "Par Camille Martin et Paul Durand, le 14 mars 2025", "Camille Martin; Paul Durand"),
        ("fr", "Par ailleurs, la société recrute.", None),
    ],
)
def test_bylines(language: str, line: str, author: str | None) -> None:
    body = FR_BODY if language == "fr" else EN_BODY
    assert find_byline(line + "\n" + body, language) == author


def test_markdown_without_front_matter_and_with(tmp_path: Path) -> None:
    bare = read_article(write(tmp_path / "a.md", "# Nuvia lève 12 millions d'euros\n\nPar Camille Martin\n\n"
                              "Lyon, le 14 mars 2025 – " + FR_BODY)).meta
    assert (bare.title, bare.author, bare.published) == ("Nuvia lève 12 millions d'euros", "Camille Martin",
                                                         D(2025, 3, 14))
    front = read_article(write(tmp_path / "b.md", "---\ntitle: Nuvia, la série A\nauthor: [Camille Martin, Paul Durand]"
                               "\n---\n# Nuvia lève 12 millions d'euros\n\nLyon, le 14 mars 2025 – " + FR_BODY)).meta
    assert (front.title, front.author, front.published) == ("Nuvia, la série A", "Camille Martin; Paul Durand",
                                                            D(2025, 3, 14))


def test_the_manifest_wins_over_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Nuvia lève 12 millions d'euros\nLyon, le 14 mars 2025 – " + FR_BODY)
    meta = read_article(path, ArticleMeta(title="Titre du manifeste", published=D(2025, 3, 1),
                                          published_precision="month")).meta
    assert (meta.title, meta.published, meta.published_precision) == ("Titre du manifeste", D(2025, 3, 1), "month")


# -- through extract and the store -----------------------------------------------------


def test_extract_resolves_relative_dates_against_the_dateline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "fr.txt", "Nuvia lève 12 millions d'euros\n\nLyon, le 14 mars 2025 – La start-up lyonnaise "
          "Nuvia a annoncé ce jeudi une levée de fonds de 12 millions d'euros auprès de Breizh Capital.\n"
          "Fondée en 2021, l'entreprise conçoit des robots de désherbage autonomes pour le maraîchage.\n")
    write(tmp_path / "en.txt", "LONDON, March 14, 2025 (Reuters) - Quantix Robotics, which raised $8 million "
          "last year, said on Friday it had closed a $45 million Series B round led by Balderton Capital.\n"
          "The company builds robotic arms for warehouses in Germany and the Netherlands.\n")
    assert cli.main(["extract", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt")]) == 0
    lines = {Path(line["file"]).name: line for line in map(json.loads, capsys.readouterr().out.splitlines())}

    fr = lines["fr.txt"]
    assert (fr["published"], fr["published_precision"]) == ("2025-03-14", "day")
    assert fr["title"] == "Nuvia lève 12 millions d'euros"
    assert "author" in fr and fr["author"] is None
    (round_,) = fr["rounds"]
    assert (round_["company"], round_["amount"], round_["currency"]) == ("Nuvia", 12e6, "EUR")
    assert (round_["date"], round_["date_precision"], round_["date_text"]) == ("2025-03-13", "day", "ce jeudi")

    en = lines["en.txt"]
    assert (en["published"], en["published_precision"]) == ("2025-03-14", "day")
    last_year = [r for r in en["rounds"] if r["date_text"] == "last year"]
    assert [(r["amount"], r["date"], r["date_precision"]) for r in last_year] == [(8e6, "2024-01-01", "year")]


def test_extract_json_carries_the_author(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", str(PAGES / "en_tech_blog_jsonld.html")]) == 0
    (line,) = [json.loads(text) for text in capsys.readouterr().out.splitlines()]
    assert line["author"] == "Jane Doe; Sam Lee"
    assert list(line)[list(line).index("url") + 1] == "author"  # beside the other metadata


def test_ingest_stores_what_the_articles_declare(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "fr_news_site.html").write_bytes((PAGES / "fr_news_site.html").read_bytes())
    write(folder / "quantix.txt", "Quantix raises $45 million for warehouse arms\nBy Jane Doe\n"
          "LONDON, March 14, 2025 (Reuters) - " + EN_BODY)
    db = tmp_path / "levee.duckdb"
    report = ingest([folder], db=db)
    assert (report.ingested, report.failed) == (2, [])

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT publisher, title, published, published_precision, author, url FROM articles ORDER BY title"
        ).fetchall()
    assert rows == [
        ("Le Courrier Tech", "Nuvia lève 12 millions d'euros pour ses robots de désherbage", D(2025, 3, 14), "day",
         "Camille Martin", "https://www.lecourriertech.fr/startups/nuvia-leve-12-millions-d-euros-123456.html"),
        (None, "Quantix raises $45 million for warehouse arms", D(2025, 3, 14), "day", "Jane Doe", None),
    ]
    articles = load(db).articles
    assert sorted(articles["author"]) == ["Camille Martin", "Jane Doe"]


def _facts(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[ArticleFacts]:
    """An extractor that finds nothing: the store test is about metadata."""
    for article in articles:
        meta = article.meta
        yield ArticleFacts(file=article.file, article_id=article.article_id, language=article.language,
                           published=meta.published, published_precision=meta.published_precision,
                           publisher=meta.publisher, title=meta.title, url=meta.url, company=None)


def test_a_store_from_before_the_author_column_keeps_working(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder / "quantix.txt", "By Jane Doe\nLONDON, March 14, 2025 (Reuters) - " + EN_BODY)
    db = tmp_path / "old.duckdb"
    ingest([folder], db=db, extractor=_facts)
    # what an older Levée left: no author column, no reader version, the article undated
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE articles DROP COLUMN author")
        con.execute("ALTER TABLE files DROP COLUMN reader_version")
        con.execute("UPDATE articles SET published = NULL, published_precision = NULL")

    old = load(db).articles  # read-only, before any write: the column reads as empty
    assert list(old.columns)[:7] == ["article_id", "file", "publisher", "title", "url", "author", "published"]
    assert old["author"].isna().all()

    reads: list[str] = []
    real = corpus.read_article

    def counting(path: Path, *args: object, **kwargs: object) -> Article:
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "read_article", counting)
    again = ingest([folder], db=db, extractor=_facts)
    assert reads == ["quantix.txt"]  # stored by an older reader: read again, though unchanged
    assert (again.ingested, again.updated) == (0, 1)
    new = load(db).articles
    assert (new.loc[0, "author"], new.loc[0, "published"].date(), new.loc[0, "published_precision"]) == (
        "Jane Doe", D(2025, 3, 14), "day")

    reads.clear()
    third = ingest([folder], db=db, extractor=_facts)
    assert reads == [] and third.skipped == 1  # read by this reader: not read again


def test_every_shape_compiles_and_a_bad_one_is_named() -> None:
    rules = metadata._rules()
    assert set(rules.datelines) == set(rules.bylines) == {"fr", "en"}
    with pytest.raises(ValueError, match=r"unknown slot \{nowhere\}"):
        metadata._shape("{nowhere}, {date}", {})
    with pytest.raises(ValueError, match="more than once"):
        metadata._shape("{date} {date}", {})
