"""Unit tests for analysis.dates: finding date phrases and resolving them."""

from __future__ import annotations

import datetime as dt
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the repository root holds the ``analysis`` package
    sys.path.insert(0, str(ROOT))

from analysis.dates import find_dates, resolve_date  # noqa: E402
from analysis.model import DateMention  # noqa: E402

THU = dt.date(2024, 5, 9)  # Thursday
TUE = dt.date(2025, 9, 9)  # Tuesday
D = dt.date

ABSOLUTE = [
    ("le 9 septembre 2025", D(2025, 9, 9), "day"),
    ("9 septembre 2025", D(2025, 9, 9), "day"),
    ("le mardi 9 septembre 2025", D(2025, 9, 9), "day"),
    ("1er juin 2023", D(2023, 6, 1), "day"),
    ("en décembre 2023", D(2023, 12, 1), "month"),
    ("décembre 2023", D(2023, 12, 1), "month"),
    ("fin décembre 2023", D(2023, 12, 1), "month"),
    ("début mai 2024", D(2024, 5, 1), "month"),
    ("mi-juin 2024", D(2024, 6, 1), "month"),
    ("en mars 2024", D(2024, 3, 1), "month"),
    ("en 2024", D(2024, 1, 1), "year"),
    ("in 2024", D(2024, 1, 1), "year"),
    ("fin 2023", D(2023, 1, 1), "year"),
    ("d'ici 2028", D(2028, 1, 1), "year"),
    ("September 9, 2025", D(2025, 9, 9), "day"),
    ("Tuesday, September 9, 2025", D(2025, 9, 9), "day"),
    ("9 September 2025", D(2025, 9, 9), "day"),
    ("in December 2023", D(2023, 12, 1), "month"),
    ("Sept. 2025", D(2025, 9, 1), "month"),
    ("Sept 2025", D(2025, 9, 1), "month"),
    ("May 2024", D(2024, 5, 1), "month"),
    ("2025-09-09", D(2025, 9, 9), "day"),
    ("09/09/2025", D(2025, 9, 9), "day"),
]


@pytest.mark.parametrize(("phrase", "date", "precision"), ABSOLUTE)
@pytest.mark.parametrize("published", [THU, TUE, None])
def test_absolute_forms(phrase: str, date: dt.date, precision: str, published: dt.date | None) -> None:
    assert resolve_date(phrase, None, published) == (date, precision)
    mentions = find_dates(f"Annoncé {phrase}, selon la société.", "fr", published)
    assert [(m.text, m.date, m.precision) for m in mentions] == [(phrase, date, precision)]


RELATIVE = [
    # phrase, published, expected date, precision
    ("l'an dernier", TUE, D(2024, 1, 1), "year"),
    ("l’an dernier", TUE, D(2024, 1, 1), "year"),
    ("l'année dernière", TUE, D(2024, 1, 1), "year"),
    ("l'an passé", TUE, D(2024, 1, 1), "year"),
    ("last year", TUE, D(2024, 1, 1), "year"),
    ("cette année", TUE, D(2025, 1, 1), "year"),
    ("this year", THU, D(2024, 1, 1), "year"),
    ("l'an prochain", THU, D(2025, 1, 1), "year"),
    ("en février dernier", THU, D(2024, 2, 1), "month"),
    ("février dernier", THU, D(2024, 2, 1), "month"),
    ("last February", THU, D(2024, 2, 1), "month"),
    ("en mai dernier", THU, D(2023, 5, 1), "month"),  # strictly before the publication month
    ("fin décembre dernier", D(2024, 5, 15), D(2023, 12, 1), "month"),
    ("en décembre de l'année dernière", THU, D(2023, 12, 1), "month"),
    ("en décembre de l’année dernière", THU, D(2023, 12, 1), "month"),
    ("en décembre l'an dernier", THU, D(2023, 12, 1), "month"),
    ("December last year", THU, D(2023, 12, 1), "month"),
    ("en juin", THU, D(2023, 6, 1), "month"),  # year-ambiguity rule: on or before May 2024
    ("en mai", THU, D(2024, 5, 1), "month"),
    ("en avril", THU, D(2024, 4, 1), "month"),
    ("In December", THU, D(2023, 12, 1), "month"),
    ("in July", TUE, D(2025, 7, 1), "month"),
    ("fin juin", TUE, D(2025, 6, 1), "month"),
    ("en juin prochain", THU, D(2024, 6, 1), "month"),
    ("next June", THU, D(2024, 6, 1), "month"),
    ("mardi", TUE, D(2025, 9, 9), "day"),
    ("mardi matin", TUE, D(2025, 9, 9), "day"),
    ("ce jeudi", THU, D(2024, 5, 9), "day"),
    ("on Tuesday", TUE, D(2025, 9, 9), "day"),
    ("Tuesday", THU, D(2024, 5, 7), "day"),
    ("on Friday", THU, D(2024, 5, 3), "day"),
    ("mardi dernier", TUE, D(2025, 9, 2), "day"),
    ("next Tuesday", TUE, D(2025, 9, 16), "day"),
    ("hier", THU, D(2024, 5, 8), "day"),
    ("yesterday", TUE, D(2025, 9, 8), "day"),
    ("aujourd'hui", THU, D(2024, 5, 9), "day"),
    ("today", TUE, D(2025, 9, 9), "day"),
    ("le mois dernier", THU, D(2024, 4, 1), "month"),
    ("last month", D(2024, 1, 20), D(2023, 12, 1), "month"),
    ("il y a six mois", THU, D(2023, 11, 1), "month"),
    ("six months ago", THU, D(2023, 11, 1), "month"),
    ("il y a deux ans", THU, D(2022, 1, 1), "year"),
    ("two years ago", TUE, D(2023, 1, 1), "year"),
    ("il y a 3 jours", THU, D(2024, 5, 6), "day"),
    ("dans 18 mois", THU, D(2025, 11, 1), "month"),
    ("la semaine dernière", THU, D(2024, 5, 2), "day"),
    ("last week", TUE, D(2025, 9, 2), "day"),
    ("le 9 septembre", TUE, D(2025, 9, 9), "day"),
    ("le 12 septembre", TUE, D(2024, 9, 12), "day"),  # on or before publication
    ("September 9", TUE, D(2025, 9, 9), "day"),
    ("le 3 mars", THU, D(2024, 3, 3), "day"),
]


@pytest.mark.parametrize(("phrase", "published", "date", "precision"), RELATIVE)
def test_relative_forms(phrase: str, published: dt.date, date: dt.date, precision: str) -> None:
    assert resolve_date(phrase, None, published) == (date, precision)
    mentions = find_dates(f"Elle a annoncé {phrase} une levée.", None, published)
    assert [(m.text, m.date, m.precision) for m in mentions] == [(phrase, date, precision)]


@pytest.mark.parametrize(("phrase", "published", "date", "precision"), RELATIVE)
def test_relative_without_publication_date(
    phrase: str, published: dt.date, date: dt.date, precision: str
) -> None:
    assert resolve_date(phrase, "fr", None) == (None, None)
    (mention,) = find_dates(phrase, "fr", None)
    assert (mention.text, mention.date, mention.precision) == (phrase, None, None)


def test_degraded_publication_precision() -> None:
    # weekday with only the publication month known: the publication month
    assert resolve_date("mardi", "fr", TUE, "month") == (D(2025, 9, 1), "month")
    assert resolve_date("hier", "fr", TUE, "month") == (D(2025, 9, 1), "month")
    assert resolve_date("mardi", "fr", TUE, "year") == (D(2025, 1, 1), "year")
    # month-level counting needs the publication month
    assert resolve_date("le mois dernier", "fr", TUE, "year") == (None, None)
    assert resolve_date("février dernier", "fr", TUE, "year") == (None, None)
    # year-level phrases only need the year
    assert resolve_date("l'an dernier", "fr", TUE, "year") == (D(2024, 1, 1), "year")
    assert resolve_date("en février dernier", "fr", THU, "month") == (D(2024, 2, 1), "month")


@pytest.mark.parametrize(
    "text",
    [
        "Mistral AI lève des fonds",
        "Le Chat de Mistral",
        "maison, maintenant, maire",
        "une mission vers Mars",
        "you may go now",
        "They may 2025 things",
        "the march of progress",
        "jusqu'à 2000 euros",
        "2024 salariés",
        "sept 2025",
        "May 3",
        "en deux semaines",
        "en moins de deux ans",
        "128 000 tokens",
        "1,7 milliard d'euros",
        "le 31 février",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, None, THU) == []


def test_mars_in_date_contexts() -> None:
    for phrase in ("en mars", "début mars", "fin mars", "le 5 mars", "mars 2024", "Mars 2030"):
        assert find_dates(phrase, "fr", THU), phrase


def test_longest_phrase_wins_and_sorted() -> None:
    text = "Le 9 septembre 2025, mardi, la société fondée en 2023 a levé ; l'an dernier déjà."
    mentions = find_dates(text, "fr", TUE)
    assert [(m.text, m.date, m.precision) for m in mentions] == [
        ("Le 9 septembre 2025", D(2025, 9, 9), "day"),
        ("mardi", D(2025, 9, 9), "day"),
        ("en 2023", D(2023, 1, 1), "year"),
        ("l'an dernier", D(2024, 1, 1), "year"),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def _seed(prefix: str) -> str:
    (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_001_published_tuesday() -> None:
    mentions = find_dates(_seed("001"), "fr", TUE, "day")
    by_text = {m.text: (m.date, m.precision) for m in mentions}
    assert by_text["mardi"] == (TUE, "day")
    assert by_text["en 2023"] == (D(2023, 1, 1), "year")
    assert by_text["l’an dernier"] == (D(2024, 1, 1), "year")


def test_seed_002_published_thursday() -> None:
    mentions = find_dates(_seed("002"), "fr", THU, "day")
    assert [(m.text, m.date, m.precision) for m in mentions] == [
        ("ce jeudi", THU, "day"),
        ("En février dernier", D(2024, 2, 1), "month"),
        ("en décembre de l’année dernière", D(2023, 12, 1), "month"),
    ]


def test_seed_004_month_precision() -> None:
    mentions = find_dates(_seed("004"), "fr", D(2025, 6, 15), "month")
    by_text = {m.text: (m.date, m.precision) for m in mentions}
    assert by_text["d’ici 2028"] == (D(2028, 1, 1), "year")
    assert by_text["dans 18 mois"] == (D(2026, 12, 1), "month")
    assert "Mistral" not in " ".join(by_text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(),
    st.sampled_from([None, "fr", "en", "xx"]),
    st.one_of(st.none(), st.dates()),
    st.sampled_from([None, "day", "month", "year", "weird"]),
)
def test_never_raises(text: str, language: str | None, published: dt.date | None, precision: str | None) -> None:
    mentions = find_dates(text, language, published, precision)
    assert all(isinstance(m, DateMention) for m in mentions)
    for a, b in pairwise(mentions):
        assert a.end <= b.start
    resolve_date(text, language, published, precision)


DATE_WORDS = st.sampled_from(
    ["le ", "en ", "in ", "fin ", "mi-", "1er ", "9 ", "31 ", "29 ", "février ", "mars ", "May ", "December ",
     "2024 ", "1999 ", "dernier ", "last ", "next ", "prochain ", "mardi ", "Tuesday ", "l'an dernier ",
     "il y a ", "six ", "mois ", "ans ", "ago ", "hier ", "2025-02-29 ", "31/02/2024 ", "de l'année dernière "]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(DATE_WORDS, max_size=12).map("".join),
    st.one_of(st.none(), st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))),
    st.sampled_from(["day", "month", "year"]),
)
def test_never_raises_on_date_like_text(text: str, published: dt.date | None, precision: str) -> None:
    for m in find_dates(text, None, published, precision):
        assert text[m.start : m.end] == m.text
        if m.date is not None:
            assert m.precision in ("day", "month", "year")
            if m.precision != "day":
                assert m.date.day == 1
            if m.precision == "year":
                assert m.date.month == 1
