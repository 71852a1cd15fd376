"""Property-based and fuzz tests: the corpus reader on random bytes, the manifest reader, the
money and date parsers on random text, and the CLI on random files. Never a crash: always a
result or a clear error."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rel_support import TRACEBACK, cli

from analysis.corpus import ArticleError, article_id, iter_articles, load_manifest, read_article
from analysis.dates import find_dates, resolve_date
from analysis.model import Article, ReadProblem
from analysis.money import find_money, format_amount, parse_amount

pytestmark = pytest.mark.reliability

SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm", ".csv", ".bin", ""])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"])
TEXTISH = st.text(
    alphabet=st.one_of(st.sampled_from(list("<>/=\"'-:\n\r\t ëéàç€’“”«»")), st.characters()), max_size=400
)
MARKUP = st.lists(
    st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->",
                     "---\n", "title: x\n", "published: 2025-13-45\n", "<![CDATA[", "]]>", "&amp;", "&#0;",
                     "&#x110000;", "<?xml version='1.0'?>", "<!doctype html>", "\x00", "\ufeff", "Mistral lève ",
                     "1,7 milliard d'euros", "\n", "<meta charset='utf-16'>", "<title>", "</title>"]),
    max_size=30,
).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_read(path: Path) -> None:
    try:
        article = read_article(path)
    except ArticleError as error:
        assert isinstance(error.problem, str) and error.problem.strip()
        return
    assert isinstance(article, Article)
    assert article.text.strip()
    assert article.article_id == article_id(article.text)
    assert article.article_id == hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(article.text)
        assert article.text[start:end].strip() == article.text[start:end]


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
@example(data=b"\xff\xfe" + "€ lève".encode("utf-16-le"), suffix=".txt")
@example(data=b"\xff\xfe\x00", suffix=".txt")  # a BOM and half a character
@example(data=b"\x00" * 10, suffix=".txt")
@example(data=b"---\n- a\n- b\n---\n", suffix=".md")
@example(data=b"<html><body><script>x</script></body></html>", suffix=".html")
def test_reading_random_bytes_gives_an_article_or_a_clear_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"random{suffix}"
        path.write_bytes(data)
        _check_read(path)


@SETTINGS
@given(text=st.one_of(TEXTISH, MARKUP), encoding=ENCODINGS, suffix=SUFFIXES)
def test_reading_random_text_in_any_encoding_gives_an_article_or_a_clear_error(
    text: str, encoding: str, suffix: str
) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="replace") if encoding not in ("utf-8", "utf-8-sig") else b""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"random{suffix}"
        path.write_bytes(data)
        _check_read(path)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), TEXTISH.map(lambda t: ("file,published,language\n" + t).encode(
    "utf-8", "surrogatepass"))))
def test_reading_a_random_manifest_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "manifest.csv"
        path.write_bytes(data)
        metas, problems = load_manifest(path)
    assert isinstance(metas, dict)
    assert all(isinstance(p, ReadProblem) and p.file == str(path) and p.problem for p in problems)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(st.binary(max_size=500), SUFFIXES), max_size=6),
       manifest=st.one_of(st.none(), st.binary(max_size=300)))
def test_a_folder_of_random_files_yields_one_item_per_file(files: list[tuple[bytes, str]],
                                                           manifest: bytes | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = set()
        for i, (data, suffix) in enumerate(files):
            (folder / f"f{i}{suffix}").write_bytes(data)
            if suffix in (".txt", ".md", ".html", ".htm"):
                names.add(f"f{i}{suffix}")
        if manifest is not None:
            (folder / "manifest.csv").write_bytes(manifest)
        items = list(iter_articles([folder]))
    read = {Path(i.file).name for i in items if isinstance(i, Article)}
    failed = {Path(i.file).name for i in items if isinstance(i, ReadProblem)}
    assert read <= names and names <= read | failed | {"manifest.csv"}
    assert not any(isinstance(i, ReadProblem) and "unexpected error" in i.problem for i in items), items


# --------------------------------------------------------------------------- money and dates

MONEY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["1,7", "1.7", "385", "1 300", "1\u202f300", "9" * 400, "0", "-5", "12,", ".5", "1e9",
                         " milliard", " milliards", " millions", " Md€", " M€", " M", " bn", " billion", " k",
                         " d'euros", " de dollars", " €", "$", "€", "£", "US$", "EUR ", " trillion", "près de ",
                         "plus de ", "up to ", "about ", " %", "deux", "un", "a", " mille", "\u00a0", ", ", ". "]),
        st.text(max_size=4),
    ),
    max_size=14,
).map("".join)


def _check_money(text: str, language: str | None) -> None:
    mentions = find_money(text, language)
    previous_end = 0
    for mention in mentions:
        assert 0 <= previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        value = mention.money.value
        assert math.isfinite(value) and value >= 0, mention
        assert format_amount(mention.money, language if language in ("fr", "en") else "fr")
        previous_end = mention.end
    parsed = parse_amount(text, language)
    assert parsed is None or math.isfinite(parsed.value)


@settings(max_examples=1000, deadline=None)
@given(text=st.one_of(MONEY_TEXT, st.text(max_size=200)), language=st.sampled_from([None, "fr", "en", "de", "fr-FR"]))
@example(text="9" * 400 + " milliards d'euros", language="fr")  # overflowed to inf before
@example(text="$" + "9" * 400 + " billion", language="en")
def test_money_parser_on_random_text(text: str, language: str | None) -> None:
    _check_money(text, language)


DATE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["le ", "31 ", "29 ", "0 ", "février ", "fevrier ", "février dernier", "janvier prochain",
                         "2025", "9999", "0000", "10000", "l'an dernier", "l'année prochaine", "mardi", "hier",
                         "il y a 3 ans", "dans 10000 jours", "le mois dernier", "31/02/2025", "12/31/9999",
                         "2025-13-45", "Q4 2025", "last year", "next month", "on Tuesday", "September 31",
                         "début ", "fin ", "mi-", " ", ", ", "\n"]),
        st.text(max_size=3),
    ),
    max_size=10,
).map("".join)
PUBLISHED = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(2024, 2, 29)]))


@settings(max_examples=1000, deadline=None)
@given(text=st.one_of(DATE_TEXT, st.text(max_size=200)), language=st.sampled_from([None, "fr", "en", "xx"]),
       published=PUBLISHED, precision=st.sampled_from([None, "day", "month", "year", "week"]))
def test_date_parser_on_random_text(text: str, language: str | None, published: dt.date | None,
                                    precision: str | None) -> None:
    mentions = find_dates(text, language, published, precision)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert (mention.date is None) == (mention.precision is None)
        assert mention.precision in (None, "day", "month", "year")
        previous_end = mention.end
    date, found = resolve_date(text, language, published, precision)
    assert (date is None) == (found is None)


# --------------------------------------------------------------------------- CLI


def _strict_json(line: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(line, parse_constant=refuse)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(min_size=0, max_size=2000), MARKUP.map(str.encode),
                      MONEY_TEXT.map(lambda t: ("La start-up Fuzz lève " + t + "\n").encode())),
       suffix=st.sampled_from([".txt", ".html", ".md"]))
@example(data=("La start-up Infini lève " + "9" * 400 + " milliards d'euros.\n").encode(), suffix=".txt")
def test_cli_extract_on_a_random_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz input{suffix}"
        path.write_bytes(data)
        result = cli("extract", path, timeout=120)
    assert TRACEBACK not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 0:
        lines = result.stdout.splitlines()
        assert len(lines) == 1
        facts = _strict_json(lines[0])
        assert facts["file"] == str(path) and facts["errors"] == []
    else:
        assert result.stdout == ""
        assert result.stderr.startswith(f"error: {path}: "), result.stderr
