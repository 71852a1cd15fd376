"""Unit tests for analysis.money: finding, parsing and formatting money phrases."""

from __future__ import annotations

import sys
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the repository root holds the ``analysis`` package
    sys.path.insert(0, str(ROOT))

from analysis.model import Money  # noqa: E402
from analysis.money import find_money, format_amount, format_money, parse_amount  # noqa: E402

SEEDS = ROOT / "seeds"

# phrase, value, currency, qualifier
FORMS = [
    ("1,7 milliard d'euros", 1_700_000_000.0, "EUR", None),
    ("1,7 milliard d’euros", 1_700_000_000.0, "EUR", None),
    ("1,3 Md€", 1_300_000_000.0, "EUR", None),
    ("385 M€", 385_000_000.0, "EUR", None),
    ("2 Md€", 2_000_000_000.0, "EUR", None),
    ("$2 billion", 2_000_000_000.0, "USD", None),
    ("$2 bilion", 2_000_000_000.0, "USD", None),
    ("600 millions de dollars", 600_000_000.0, "USD", None),
    ("1,2 milliard de £", 1_200_000_000.0, "GBP", None),  # a symbol after « de »
    ("3 millions de $", 3_000_000.0, "USD", None),
    ("600 Millions de dollars", 600_000_000.0, "USD", None),
    ("€385M", 385_000_000.0, "EUR", None),
    ("€1.7 billion", 1_700_000_000.0, "EUR", None),
    ("€10B", 10_000_000_000.0, "EUR", None),
    ("EUR 10bn", 10_000_000_000.0, "EUR", None),
    ("US$1.5bn", 1_500_000_000.0, "USD", None),
    ("$16.3 million", 16_300_000.0, "USD", None),
    ("2,15 milliards de dollars", 2_150_000_000.0, "USD", None),
    ("plus de 6 milliards de dollars", 6_000_000_000.0, "USD", "more_than"),
    ("près de 385 millions", 385_000_000.0, None, "about"),
    ("près de 15 million d'euros", 15_000_000.0, "EUR", "about"),
    ("jusqu'à 1 milliard de d’euros", 1_000_000_000.0, "EUR", "up_to"),
    ("jusqu’à 1 milliard d'euros", 1_000_000_000.0, "EUR", "up_to"),
    ("1,02 milliard de d’euros", 1_020_000_000.0, "EUR", None),
    ("plus d'un milliard d'euros", 1_000_000_000.0, "EUR", "more_than"),
    ("le milliard d'euros", 1_000_000_000.0, "EUR", None),  # « sa valorisation dépasse le milliard d'euros »
    ("du milliard de dollars", 1_000_000_000.0, "USD", None),  # « la barre du milliard de dollars »
    ("supérieure à 1 milliard de dollars", 1_000_000_000.0, "USD", "more_than"),
    ("plus d’un milliard d’euros", 1_000_000_000.0, "EUR", "more_than"),
    ("un milliard", 1_000_000_000.0, None, None),
    ("a billion dollars", 1_000_000_000.0, "USD", None),
    ("USD-80-million", 80_000_000.0, "USD", None),  # "a USD-80-million Series D financing round"
    ("deux milliards de dollars", 2_000_000_000.0, "USD", None),
    ("vingt-cinq millions d'euros", 25_000_000.0, "EUR", None),
    ("environ 600 millions de dollars", 600_000_000.0, "USD", "about"),
    ("600 million euros", 600_000_000.0, "EUR", None),
    ("5.8 billion euros", 5_800_000_000.0, "EUR", None),
    ("about $6.2 billion", 6_200_000_000.0, "USD", "about"),
    ("$645 million", 645_000_000.0, "USD", None),
    ("€105m", 105_000_000.0, "EUR", None),
    ("€1.3B", 1_300_000_000.0, "EUR", None),
    ("€3 billion", 3_000_000_000.0, "EUR", None),
    ("€20 billion", 20_000_000_000.0, "EUR", None),
    ("$830 million", 830_000_000.0, "USD", None),
    ("144 milliards de dollars", 144_000_000_000.0, "USD", None),
    ("43 milliards", 43_000_000_000.0, None, None),
    ("1 600 000 €", 1_600_000.0, "EUR", None),
    ("1\u202f600\u202f000 €", 1_600_000.0, "EUR", None),
    ("1\u00a0600\u00a0000\u00a0€", 1_600_000.0, "EUR", None),
    ("1.600.000 euros", 1_600_000.0, "EUR", None),
    ("16 M$", 16_000_000.0, "USD", None),
    ("10 millions €", 10_000_000.0, "EUR", None),
    ("1,7 milliard €", 1_700_000_000.0, "EUR", None),
    ("£50m", 50_000_000.0, "GBP", None),
    ("CHF 20 million", 20_000_000.0, "CHF", None),
    ("20 millions de francs suisses", 20_000_000.0, "CHF", None),
    ("5 millions de livres sterling", 5_000_000.0, "GBP", None),
    ("C$12 million", 12_000_000.0, "CAD", None),
    ("3 milliards de yens", 3_000_000_000.0, "JPY", None),
    ("500 000 euros", 500_000.0, "EUR", None),
    ("50 000 $", 50_000.0, "USD", None),
    ("500 k€", 500_000.0, "EUR", None),
    ("1,5 milliard $US", 1_500_000_000.0, "USD", None),
    ("$1,300,000", 1_300_000.0, "USD", None),
    ("more than $1 billion", 1_000_000_000.0, "USD", "more_than"),
    ("over €500 million", 500_000_000.0, "EUR", "more_than"),
    ("at least $10 million", 10_000_000.0, "USD", "more_than"),
    ("au moins 10 millions d'euros", 10_000_000.0, "EUR", "more_than"),
    ("upwards of $2 billion", 2_000_000_000.0, "USD", "more_than"),
    ("less than $5 million", 5_000_000.0, "USD", "less_than"),
    ("moins de 5 millions d'euros", 5_000_000.0, "EUR", "less_than"),
    ("under £3m", 3_000_000.0, "GBP", "less_than"),
    ("up to $1 billion", 1_000_000_000.0, "USD", "up_to"),
    ("as much as €2 billion", 2_000_000_000.0, "EUR", "up_to"),
    ("roughly $3 billion", 3_000_000_000.0, "USD", "about"),
    ("nearly €1 billion", 1_000_000_000.0, "EUR", "about"),
    ("quasiment 2 milliards d'euros", 2_000_000_000.0, "EUR", "about"),
    ("autour de 300 millions d'euros", 300_000_000.0, "EUR", "about"),
    ("quelque 40 millions d'euros", 40_000_000.0, "EUR", "about"),
    ("c. €40m", 40_000_000.0, "EUR", "about"),
    ("Près de 385 millions", 385_000_000.0, None, "about"),
]


@pytest.mark.parametrize(("phrase", "value", "currency", "qualifier"), FORMS)
def test_parse_amount_forms(phrase: str, value: float, currency: str | None, qualifier: str | None) -> None:
    assert parse_amount(phrase) == Money(value, currency, qualifier)
    assert parse_amount(f"  {phrase} ") == Money(value, currency, qualifier)


@pytest.mark.parametrize(("phrase", "value", "currency", "qualifier"), FORMS)
def test_find_money_forms_span_whole_phrase(
    phrase: str, value: float, currency: str | None, qualifier: str | None
) -> None:
    text = f"Selon nos informations, {phrase}, a indiqué la société."
    mentions = find_money(text)
    assert len(mentions) == 1
    mention = mentions[0]
    assert mention.text == phrase
    assert text[mention.start : mention.end] == phrase
    assert mention.money == Money(value, currency, qualifier)


def test_values_are_exact_decimals() -> None:
    assert parse_amount("1,7 milliard d'euros").value == 1_700_000_000.0  # type: ignore[union-attr]
    assert parse_amount("$16.3 million").value == 16_300_000.0  # type: ignore[union-attr]
    assert parse_amount("11,7 milliards d'euros").value == 11_700_000_000.0  # type: ignore[union-attr]
    assert parse_amount("$0.07 million").value == 70_000.0  # type: ignore[union-attr]
    assert parse_amount("8,2 millions d'euros").value == 8_200_000.0  # type: ignore[union-attr]
    assert 8.2 * 10**6 != 8_200_000.0  # why Decimal: naive float arithmetic is off


def test_typo_in_parentheses_span() -> None:
    text = "1,7 milliard d'euros ($2 bilion)"
    mentions = find_money(text)
    assert [m.text for m in mentions] == ["1,7 milliard d'euros", "$2 bilion"]
    assert (mentions[1].start, mentions[1].end) == (22, 31)
    assert mentions[1].money == Money(2e9, "USD")


@pytest.mark.parametrize(
    "text",
    [
        "les sociétés dont la valeur dépasse le milliard",  # a symbolic mark without its currency
        "en 2023",
        "2024",
        "Fondée en 2023, la société",
        "11 %",
        "11%",
        "une participation de 11 % du capital",
        "128 000 tokens",
        "jusqu'à 128 000 tokens de contexte",
        "18.000 puces",
        "équipé de 18.000 puces Nvidia",
        "40 mégawatts",
        "100 MW",
        "1 million de téléchargements",
        "1 million downloads",
        "a million downloads",
        "2 millions d'utilisateurs",
        "10 million users",
        "six million new U.S. consumers",
        "2 million active users",
        "3 milliards de paramètres",
        "15 membres",
        "composé de 15 membres",
        "le 9 septembre 2025",
        "September 9, 2025",
        "1er juin",
        "le 3e tour",
        "01 23 45 67 89",
        "+33 1 23 45 67 89",
        "H100",
        "12",
        "1,7",
        "deux semaines",
        "en moins de deux ans",
        "5 m de haut",
        "Série B",
        "$1 trillion",
        "10 millions de clients",
        "500 mille habitants",
        "deux mille",
        "a 3.2mm chip",  # "mm" alone is millimetres: money only with a currency
        "5 MMDH",  # « MMDH » may be thousands of millions of dirhams: never read as millions
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []
    assert find_money(text, "fr") == []
    assert find_money(text, "en") == []


def test_parse_amount_rejects_non_phrases() -> None:
    assert parse_amount("") is None
    assert parse_amount("2024") is None
    assert parse_amount("1 million de téléchargements") is None
    assert parse_amount("il a levé 5 millions d'euros") is None  # not one phrase
    assert parse_amount("5 millions d'euros et 3 millions de dollars") is None


@pytest.mark.parametrize(
    ("phrase", "language", "value"),
    [
        ("1,300 $", None, 1300.0),  # lone comma + 3 digits, no scale: English thousands
        ("1,300 $", "en", 1300.0),
        ("1,300 €", "fr", 1.3),
        ("1.500 euros", None, 1500.0),
        ("1.500 euros", "fr", 1500.0),
        ("1.500 euros", "en", 1.5),
        ("1,125 milliard d'euros", None, 1_125_000_000.0),  # French scale: decimal comma
        ("$1,300 million", None, 1_300_000_000.0),  # English: thousands comma
        ("1.125 billion euros", None, 1_125_000_000.0),
        ("1,5 million d'euros", "en", 1_500_000.0),  # 1 digit after the comma: decimal anyway
        ("$16.3 million", "fr", 16_300_000.0),
        ("1.234.567,89 €", None, 1_234_567.89),
        ("$1,234,567.89", None, 1_234_567.89),
    ],
)
def test_separator_shapes(phrase: str, language: str | None, value: float) -> None:
    money = parse_amount(phrase, language)
    assert money is not None
    assert money.value == value


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_004() -> None:
    text = _seed("004")
    mentions = find_money(text, "fr")
    by_text = {m.text: m.money for m in mentions}
    assert by_text["plus de 6 milliards de dollars"] == Money(6e9, "USD", "more_than")
    assert by_text["300 milliards"] == Money(300e9, None, None)
    assert by_text["144 milliards de dollars"] == Money(144e9, "USD", None)
    assert len(mentions) == 3
    found = " | ".join(m.text for m in mentions)
    for not_money in ("40 mégawatts", "18.000 puces", "100 mégawatts", "2028", "18 mois"):
        assert not_money not in found
    assert find_money(text) == mentions  # language None reads the same


def test_seed_000() -> None:
    mentions = find_money(_seed("000"), "fr")
    texts = [m.text for m in mentions]
    assert texts[:5] == [
        "1,7 milliard d'euros",
        "$2 billion",
        "1,3 milliard d'euros",
        "11,7 milliards d'euros",
        "1,7 milliard €",
    ]
    assert all("téléchargements" not in t and "%" not in t for t in texts)
    assert mentions[1].money == Money(2e9, "USD")
    assert mentions[4].money == Money(1.7e9, "EUR")


def test_seed_001_curly_apostrophes() -> None:
    mentions = find_money(_seed("001"), "fr")
    assert [(m.text, m.money) for m in mentions] == [
        ("1,7 milliard d’euros", Money(1.7e9, "EUR")),
        ("11,7 milliards d’euros", Money(11.7e9, "EUR")),
        ("1,3 milliard d’euros", Money(1.3e9, "EUR")),
        ("600 millions d’euros", Money(600e6, "EUR")),
    ]


def test_seed_002() -> None:
    mentions = find_money(_seed("002"), "fr")
    assert [(m.text, m.money) for m in mentions] == [
        ("600 Millions de dollars", Money(600e6, "USD")),
        ("environ 600 millions de dollars", Money(600e6, "USD", "about")),
        ("6 milliards de dollars", Money(6e9, "USD")),
        ("16 millions de dollars", Money(16e6, "USD")),
        ("2 milliards d’euros", Money(2e9, "EUR")),
        ("environ 2,15 milliards de dollars", Money(2.15e9, "USD", "about")),
    ]


def test_seed_003() -> None:
    mentions = find_money(_seed("003"), "fr")
    assert [(m.text, m.money) for m in mentions] == [
        ("1,3 Md€", Money(1.3e9, "EUR")),
        ("1,3 milliard d’euros", Money(1.3e9, "EUR")),
        ("1,7 milliard", Money(1.7e9, None)),
        ("plus de 2 milliards d’euros", Money(2e9, "EUR", "more_than")),
        ("43 milliards", Money(43e9, None)),
    ]


@pytest.mark.parametrize(
    ("money", "language", "expected"),
    [
        (Money(1.7e9, "EUR"), "fr", "1,7 milliard d'euros"),
        (Money(6e9, "USD", "more_than"), "fr", "plus de 6 milliards de dollars"),
        (Money(385e6, None, "about"), "fr", "près de 385 millions"),
        (Money(1.6e6, "EUR"), "fr", "1,6 million d'euros"),
        (Money(1_234_567.0, "EUR"), "fr", "1 234 567 euros"),
        (Money(1e9, "EUR", "up_to"), "fr", "jusqu'à 1 milliard d'euros"),
        (Money(2e9, "USD"), "en", "$2 billion"),
        (Money(385e6, "EUR", "about"), "en", "about €385 million"),
        (Money(16.3e6, "GBP", "more_than"), "en", "more than £16.3 million"),
        (Money(20e6, "CHF"), "en", "CHF 20 million"),
        (Money(1_234_567.0, "USD"), "en", "$1,234,567"),
        (Money(43e9, None), "en", "43 billion"),
    ],
)
def test_format_amount(money: Money, language: str, expected: str) -> None:
    assert format_amount(money, language) == expected
    assert parse_amount(expected, language) == money


def test_format_amount_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_amount(Money(-1.0, "EUR"))


# --------------------------------------------------------------------------- properties

MONEY_ALPHABET = st.sampled_from(
    [
        *"0123456789 ,.\u202f\u00a0€$£¥%'’-()",
        *["milliard", "millions", "Md", "M", "bn", "k", "de", "d'", "euros", "dollars", "plus de "],
        *["près de ", "about ", "US$", "EUR ", "CHF ", "un ", "a ", "billion", "trillion", "mille"],
        "téléchargements",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_money_never_raises_on_text(text: str) -> None:
    mentions = find_money(text)
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)
    assert all(a.end <= b.start for a, b in pairwise(mentions))
    assert parse_amount(text) is None or isinstance(parse_amount(text), Money)


@settings(max_examples=300, deadline=None)
@given(st.lists(MONEY_ALPHABET, max_size=25).map("".join), st.sampled_from([None, "fr", "en", "de"]))
def test_find_money_never_raises_on_moneyish_text(text: str, language: str | None) -> None:
    mentions = find_money(text, language)
    for a, b in pairwise(mentions):
        assert a.end <= b.start
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.money.value >= 0
    parse_amount(text, language)


@st.composite
def generated_money(draw: st.DrawFn) -> Money:
    cents = draw(st.integers(min_value=0, max_value=99_999_999))
    scale = draw(st.sampled_from([10**3, 10**6, 10**9]))
    value = float(Decimal(cents) / 100 * scale)
    currency = draw(st.sampled_from(["EUR", "USD", "GBP", None]))
    qualifier = draw(st.sampled_from([None, "about", "more_than", "less_than", "up_to"]))
    return Money(value, currency, qualifier)


@settings(max_examples=500, deadline=None)
@given(generated_money(), st.sampled_from(["fr", "en"]))
def test_format_parse_round_trip(money: Money, language: str) -> None:
    phrase = format_amount(money, language)
    assert parse_amount(phrase, language) == money, phrase


@pytest.mark.parametrize(("text", "language", "value", "currency", "qualifier", "minimum"), [
    ("Annapurna Finance raised Rs 600 crore", "en", 6e9, "INR", None, None),
    ("raised INR 389.46 Cr", "en", 3.8946e9, "INR", None, None),
    ("the $750-million round", "en", 750e6, "USD", None, None),
    ("a $US25 million seed", "en", 25e6, "USD", None, None),
    ("Lumacor raised R167-million", "en", 167e6, "ZAR", None, None),
    ("half a billion dollars", "en", 0.5e9, "USD", None, None),
    ("le demi-milliard d’euros", "fr", 0.5e9, "EUR", None, None),
    ("une quinzaine de millions d’euros", "fr", 15e6, "EUR", "about", None),
    ("entre 20 et 30 millions d’euros", "fr", 30e6, "EUR", "range", 20e6),
    ("$200 million to $300 million", "en", 300e6, "USD", "range", 200e6),
    ("between $2 and $3 million", "en", 3e6, "USD", "range", 2e6),
    ("15-20 M€", "fr", 20e6, "EUR", "range", 15e6),
    ("between about $75-million and $100-million", "en", 100e6, "USD", "range", 75e6),  # an approximation inside
    ("entre environ 20 et 30 millions d’euros", "fr", 30e6, "EUR", "range", 20e6),
    ("$200-300 million", "en", 300e6, "USD", "range", 200e6),  # the currency written once, before the lower bound
    ("€15-20M", "en", 20e6, "EUR", "range", 15e6),
    ("the VC fund invested Tk5 crore", "en", 50e6, "BDT", None, None),
    ("Kalvo raised RM20 million", "en", 20e6, "MYR", None, None),
    ("raised ₱500 million", "en", 500e6, "PHP", None, None),
    ("raised NT$300 million", "en", 300e6, "TWD", None, None),
    ("a levé 50 millions de dirhams marocains", "fr", 50e6, "MAD", None, None),
    ("raised GH₵12 million", "en", 12e6, "GHS", None, None),
    ("a collecté 50 millions d’€ auprès de Temasek", "fr", 50e6, "EUR", None, None),  # the symbol elided after d’
    ("have raised $3.2mm in seed funding", "en", 3.2e6, "USD", None, None),  # "mm", the finance press's million
    ("ce qui porte le tour de table à 3,9 MDH au total", "fr", 3.9e6, "MAD", None, None),  # « M » glued to « DH »
    ("une levée de 20 MDT", "fr", 20e6, "TND", None, None),  # millions of Tunisian dinars
    ("elle doit réunir 40 millions d'ici à la fin du mois", "fr", 40e6, None, None, None),  # « d'ici »: no counted noun
])
def test_press_money_forms(text: str, language: str, value: float, currency: str, qualifier: str | None,
                           minimum: float | None) -> None:
    (mention,) = find_money(text, language)
    money = mention.money
    assert (money.value, money.currency, money.qualifier, money.minimum) == (
        pytest.approx(value), currency, qualifier, None if minimum is None else pytest.approx(minimum))


def test_a_change_is_no_range() -> None:
    """« passée de 5 à 30 millions » is a change: the 30 M€ alone is read, no range."""
    (mention,) = find_money("la valorisation est passée de 5 à 30 millions d’euros", "fr")
    assert (mention.money.value, mention.money.qualifier, mention.money.minimum) == (30e6, None, None)


@pytest.mark.parametrize(("money", "language", "text"), [
    (Money(30e6, "EUR", "range", 20e6), "fr", "entre 20 et 30 millions d'euros"),
    (Money(300e6, "USD", "range", 200e6), "en", "between 200 and $300 million"),
])
def test_a_range_is_written_and_read_back(money: Money, language: str, text: str) -> None:
    assert format_amount(money, language) == text
    assert parse_amount(text, language) == money


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (1.7e9, "EUR", "€1.7 bn"),
        (11.7e9, "EUR", "€11.7 bn"),
        (2e9, "USD", "$2 bn"),
        (600e6, "USD", "$600 M"),
        (16e6, "USD", "$16 M"),
        (1_234_000, "CHF", "1.23 M CHF"),
        (385e6, None, "385 M (currency unknown)"),
        (None, "EUR", "unknown"),
        (float("nan"), "EUR", "unknown"),
    ],
)
def test_format_money(value, currency, text) -> None:
    assert format_money(value, currency) == text


@pytest.mark.parametrize(
    ("text", "language", "values"),
    [
        ("tipped its valuation from $1.53 to $1.56 billion", "en", [1.53e9, 1.56e9]),  # a change shares its scale
        ("It costs $5 to join, and Kalvo raised $2 million", "en", [5.0, 2e6]),  # no joiner right before: no change
        ("la levée de 10,6 millions de francs", "fr", [10.6e6]),
    ],
)
def test_figures_of_a_change_share_the_scale(text: str, language: str, values: list[float]) -> None:
    assert [m.money.value for m in find_money(text, language)] == pytest.approx(values)


def test_bare_francs_are_swiss_and_dinars_tunisian() -> None:
    assert [m.money.currency for m in find_money("8 millions de francs et 2 millions de dinars", "fr")] == ["CHF", "TND"]
    assert find_money("5 milliards de francs CFA", "fr")[0].money.currency == "XOF"


def test_local_dollar_of_a_site() -> None:
    from analysis.money import bare_dollar, local_dollar, us_marked

    assert local_dollar("https://www.example.com.au/news") == "AUD"
    assert local_dollar("https://example.com/news") is None
    bare, marked = find_money("$8.5m (US$6.3m)", "en")
    assert bare_dollar(bare) and not us_marked(bare)
    assert us_marked(marked) and not bare_dollar(marked)


def test_home_dollar_of_a_site() -> None:
    """The Australian press means its own dollar by a bare "$" even when it writes no US dollar; a Singapore
    site only when it marks US dollars as such (``local_dollar``)."""
    from analysis.money import home_dollar

    assert home_dollar("https://www.smartcompany.com.au/startupsmart/news") == "AUD"
    assert home_dollar("https://www.straitstimes.com/business") is None
    assert home_dollar("https://www.example.com.sg/news") is None
    assert home_dollar(None) is None


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("The Toronto-based startup, one of Canada's fastest-growing, opened an office in Vancouver.", "CAD"),
        ("La jeune pousse montréalaise ouvre un bureau à Québec, son deuxième au Canada.", "CAD"),
        ("The Sydney fintech, which is listed on the ASX, expands across Australia.", "AUD"),
        ("The Toronto-based startup opened an office in Canada's capital.", None),  # named twice: not enough
        ("A Sydney fintech and a Toronto startup, both from Canada and Australia, met in Melbourne and Montreal.",
         None),  # two countries named as often
        ("The Paris-based startup raised $10 million.", None),
    ],
)
def test_home_country_dollar_of_a_story(text: str, story: str | None) -> None:
    from analysis.money import home_country_dollar

    assert home_country_dollar(text) == story


def test_the_quebec_way_of_writing_dollars() -> None:
    from analysis.money import french_home_dollar_style

    assert french_home_dollar_style("une ronde de 137,5 millions $ menée par Intel Capital")
    assert french_home_dollar_style("un investissement de 500 000 $")
    assert french_home_dollar_style("une levée de 20 M$ US")
    assert not french_home_dollar_style("une levée de 20 millions de dollars")


def test_sites_of_the_us_press_and_site_names() -> None:
    from analysis.money import home_dollar, us_dollar_press

    assert us_dollar_press("https://techcrunch.com/2024/01/01/x")
    assert us_dollar_press("https://www.bloombergquint.com/markets/x")
    assert not us_dollar_press("https://www.microsoft.com/news")  # "ft.com" names a site, not a string end
    assert not us_dollar_press(None)
    assert home_dollar("https://www.theglobeandmail.com/business/x") == "CAD"
    assert home_dollar("https://notbetakit.com/x") is None


@pytest.mark.parametrize(
    ("text", "language", "values"),
    [
        ("Kalvo and Tekora raised $150,000 and $5 million respectively.", "en", [150_000, 5_000_000]),
        ("Kalvo et Tekora ont levé 3 et 5 millions d'euros respectivement.", "fr", [3_000_000, 5_000_000]),
    ],
)
def test_coordinated_figures_before_respectively(text: str, language: str, values: list[float]) -> None:
    """Bare numbers coordinated before a figure take its scale; a figure with its own currency mark before it is
    one already, never read again as a bare number with the scale of the next ("$150,000" is not 150,000 million)."""
    assert [float(m.money.value) for m in find_money(text, language)] == values
