"""Hand-built ``ArticleFacts`` mirroring what the extractor finds in seeds/ and the Mistral
corpus, with evidence spans computed on the real texts: the input of the store and
consolidation tests, independent of the NLP pipeline."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from analysis.model import (
    AmountAlternative,
    Article,
    ArticleFacts,
    ArticleMeta,
    Evidence,
    Investment,
    OtherFigure,
    RoundFact,
    ValuationFact,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
D = dt.date


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_article(file: str, text: str, meta: ArticleMeta, language: str | None = "fr") -> Article:
    return Article(article_id(text), file, text, ((0, len(text)),), meta, language or meta.language)


def seed_manifest() -> dict[str, ArticleMeta]:
    metas = {}
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            metas[row["file"]] = ArticleMeta(
                publisher=row["publisher"] or None, title=row["title"] or None, url=row["url"] or None,
                published=D.fromisoformat(row["published"]) if row["published"] else None,
                published_precision=row["published_precision"] or None, language=row["language"] or None,
            )
    return metas


def seed_article(name: str) -> Article:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return make_article(name, text, seed_manifest()[name])


def ev(text: str, figure: str | None, role: str, anchor: str | None = None, nth: int = 0) -> Evidence:
    """Evidence for ``figure`` (or, without a figure, the sentence holding ``anchor``)."""
    needle = figure or anchor
    assert needle is not None
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    start = max(text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0, text.rfind("\n", 0, at) + 1)
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    if figure is None:
        return Evidence(text[start:end], start, end, None, None, None, role)
    return Evidence(text[start:end], start, end, figure, at, at + len(figure), role)


def facts_for(article: Article, company: str | None = "Mistral AI", **parts: list) -> ArticleFacts:
    meta = article.meta
    return ArticleFacts(
        file=article.file, article_id=article.article_id, language=article.language, published=meta.published,
        published_precision=meta.published_precision, publisher=meta.publisher, title=meta.title, url=meta.url,
        company=company, rounds=parts.get("rounds", []), valuations=parts.get("valuations", []),
        other_figures=parts.get("other_figures", []),
    )


# --------------------------------------------------------------------------- seeds

SERIES_C_INVESTORS = ["ASML", "DST Global", "Andreessen Horowitz", "General Catalyst", "Index Ventures",
                      "Bpifrance", "Lightspeed Venture Partners", "Nvidia"]


def build_000(article: Article) -> ArticleFacts:
    """Gate: €1.7bn ($2bn) led by ASML, ASML €1.3bn for 11 %, valuation €11.7bn."""
    t = article.text
    asml = Investment("ASML", 1.3e9, "EUR", 11.0, [ev(t, "1,3 milliard d'euros", "investment"), ev(t, "11 %", "stake")])
    series_c = RoundFact(
        company="Mistral AI", amount=1.7e9, currency="EUR", amount_alternatives=[AmountAlternative(2e9, "USD")],
        valuation=11.7e9, valuation_currency="EUR", lead_investors=["ASML"], investors=SERIES_C_INVESTORS,
        investments=[asml], date=D(2025, 9, 9), date_precision="month", status="announced",
        evidence=[ev(t, "1,7 milliard d'euros", "amount"), ev(t, "$2 billion", "amount_alternative"),
                  ev(t, "11,7 milliards d'euros", "valuation"), ev(t, None, "investors", "DST Global")],
    )
    return facts_for(article, rounds=[series_c])


def build_001(article: Article) -> ArticleFacts:
    """Unknown publisher: €1.7bn led by ASML at €11.7bn; ASML €1.3bn ~11 %; €600M last year."""
    t = article.text
    asml = Investment("ASML", 1.3e9, "EUR", 11.0, [ev(t, "1,3 milliard d’euros", "investment"), ev(t, "11%", "stake")])
    series_c = RoundFact(
        company="Mistral AI", amount=1.7e9, currency="EUR", valuation=11.7e9, valuation_currency="EUR",
        lead_investors=["ASML"],
        investors=["ASML", "DST Global", "Andreessen Horowitz", "General Catalyst", "NVIDIA", "Bpifrance"],
        investments=[asml], date=D(2025, 9, 9), date_precision="day", status="announced",
        evidence=[ev(t, "1,7 milliard d’euros", "amount"), ev(t, "11,7 milliards d’euros", "valuation")],
    )
    last_year = RoundFact(
        company="Mistral AI", amount=600e6, currency="EUR", date=D(2024, 1, 1), date_precision="year",
        date_text="l’an dernier", status="announced", evidence=[ev(t, "600 millions d’euros", "amount")],
    )
    return facts_for(article, rounds=[series_c, last_year])


def build_002(article: Article) -> ArticleFacts:
    """WSJ relay: ~$600M reported at $6bn; Microsoft $16M in February; December round at €2bn."""
    t = article.text
    rumour = RoundFact(
        company="Mistral AI", amount=600e6, currency="USD", qualifier="about", valuation=6e9,
        valuation_currency="USD", lead_investors=["General Catalyst", "Lightspeed Venture Partners"],
        investors=["General Catalyst", "Lightspeed Venture Partners"], date=D(2024, 5, 9), date_precision="day",
        status="reported",
        evidence=[ev(t, "environ 600 millions de dollars", "amount"), ev(t, "6 milliards de dollars", "valuation"),
                  ev(t, None, "investors", "General Catalyst")],
    )
    microsoft = RoundFact(
        company="Mistral AI", amount=16e6, currency="USD", investors=["Microsoft"],
        investments=[Investment("Microsoft", 16e6, "USD", None, [ev(t, "16 millions de dollars", "investment")])],
        date=D(2024, 2, 1), date_precision="month", date_text="En février dernier", status="announced",
        evidence=[ev(t, "16 millions de dollars", "investment")],
    )
    december = RoundFact(
        company="Mistral AI", valuation=2e9, valuation_currency="EUR",
        valuation_alternatives=[AmountAlternative(2.15e9, "USD")], date=D(2023, 12, 1), date_precision="month",
        date_text="en décembre de l’année dernière", status="announced",
        evidence=[ev(t, "2 milliards d’euros", "valuation"),
                  ev(t, "environ 2,15 milliards de dollars", "valuation_alternative")],
    )
    return facts_for(article, rounds=[rumour, microsoft, december])


def build_003(article: Article) -> ArticleFacts:
    """Newsletter: ASML €1.3bn in a €1.7bn round; "plus de 2 milliards" raised in total."""
    t = article.text
    series_c = RoundFact(
        company="Mistral AI", amount=1.7e9, currency="EUR", lead_investors=["ASML"], investors=["ASML"],
        investments=[Investment("ASML", 1.3e9, "EUR", None, [ev(t, "1,3 milliard d’euros", "investment")])],
        date=D(2025, 9, 9), date_precision="month", status="announced",
        evidence=[ev(t, "1,7 milliard", "amount")],
    )
    at = t.index("plus de 2 milliards d’euros")
    total = OtherFigure("plus de 2 milliards d’euros", 2e9, "EUR", "total_raised", "Mistral AI", at, at + 27)
    at2 = t.index("43 milliards")
    plan = OtherFigure("43 milliards", 43e9, "EUR", "public_plan", None, at2, at2 + 12)
    return facts_for(article, rounds=[series_c], other_figures=[total, plan])


def build_004(article: Article) -> ArticleFacts:
    """01net: "pèse plus de 6 milliards de dollars" (a standalone valuation, June 2025)."""
    t = article.text
    valuation = ValuationFact(
        company="Mistral", value=6e9, currency="USD", date=D(2025, 6, 15), date_precision="month",
        status="announced", evidence=[ev(t, "6 milliards de dollars", "valuation")],
    )
    return facts_for(article, company="Mistral", valuations=[valuation])


SEED_BUILDERS: dict[str, Callable[[Article], ArticleFacts]] = {
    "000_0f7d2169e025ef47.txt": build_000,
    "001_b7dfb65df37dabe3.txt": build_001,
    "002_870733f357af85e6.txt": build_002,
    "003_2ed2c1d517bfa171.txt": build_003,
    "004_8595d39e21f0e52c.txt": build_004,
}


def seed_facts() -> list[ArticleFacts]:
    return [build(seed_article(name)) for name, build in SEED_BUILDERS.items()]


def fake_extractor(builders: dict[str, Callable[[Article], ArticleFacts]] | None = None, calls: list | None = None):
    """An ``extract_articles`` stand-in: facts by file name; unknown files get no facts."""
    builders = builders if builders is not None else SEED_BUILDERS

    def extract(articles, *, batch_size: int = 32):
        for article in articles:
            if calls is not None:
                calls.append(article.file)
            build = builders.get(Path(article.file).name)
            yield build(article) if build else facts_for(article, company=None)

    return extract


# --------------------------------------------------------------------------- corpus-like


def simple(
    file: str, text: str, published: dt.date | None, publisher: str, *, figure: str, amount: float | None,
    currency: str | None, status: str = "announced", date: dt.date | None = None, precision: str | None = "day",
    valuation: tuple[str, float, str, str | None] | None = None, label: str | None = None,
    leads: list[str] | None = None, investors: list[str] | None = None, alternative: tuple[str, float, str] | None = None,
    investments: list[Investment] | None = None, company: str = "Mistral AI", language: str = "en",
) -> ArticleFacts:
    """One article stating one round (``figure`` is the amount's text, found in ``text``)."""
    article = make_article(file, text, ArticleMeta(publisher, None, None, published, "day" if published else None,
                                                   language), language)
    evidence = [ev(text, figure, "amount" if amount is not None else "investors")]
    alternatives = []
    if alternative:
        alternatives.append(AmountAlternative(alternative[1], alternative[2]))
        evidence.append(ev(text, alternative[0], "amount_alternative"))
    rnd = RoundFact(
        company=company, amount=amount, currency=currency, amount_alternatives=alternatives,
        lead_investors=leads or [], investors=[*(leads or []), *(investors or [])], investments=investments or [],
        round_label=label, date=date if date is not None else published, date_precision=precision if (date or published) else None,
        status=status, evidence=evidence,  # type: ignore[arg-type]
    )
    if valuation:
        rnd.valuation, rnd.valuation_currency, rnd.valuation_basis = valuation[1], valuation[2], valuation[3]  # type: ignore[assignment]
        rnd.evidence.append(ev(text, valuation[0], "valuation"))
    return facts_for(article, company=company, rounds=[rnd])


def afp_june_2024() -> ArticleFacts:
    text = ("La start-up française Mistral AI a annoncé mardi une levée de fonds de 600 millions d'euros, "
            "menée par General Catalyst, qui la valorise à 6 milliards d'euros.")
    return simple("10_afp.txt", text, D(2024, 6, 11), "Boursorama (AFP dispatch)", figure="600 millions d'euros",
                  amount=600e6, currency="EUR", valuation=("6 milliards d'euros", 6e9, "EUR", None),
                  leads=["General Catalyst"], language="fr")


def cnbc_june_2024(euros: bool = False) -> ArticleFacts:
    """CNBC: "$645 million at a $6.2 billion valuation" (``euros``: "€600 million ($645 million)")."""
    if euros:
        text = ("Mistral AI said on Tuesday it raised €600 million ($645 million) at a $6.2 billion valuation, "
                "in a round led by General Catalyst.")
        return simple("09_cnbc.txt", text, D(2024, 6, 11), "CNBC", figure="€600 million", amount=600e6,
                      currency="EUR", alternative=("$645 million", 645e6, "USD"),
                      valuation=("$6.2 billion", 6.2e9, "USD", None), leads=["General Catalyst"])
    text = ("Mistral AI said on Tuesday it raised $645 million at a $6.2 billion valuation, "
            "in a round led by General Catalyst.")
    return simple("09_cnbc.txt", text, D(2024, 6, 11), "CNBC", figure="$645 million", amount=645e6, currency="USD",
                  valuation=("$6.2 billion", 6.2e9, "USD", None), leads=["General Catalyst"])


def actuia_may_2024() -> ArticleFacts:
    text = ("Mistral AI serait en passe de lever 600 millions de dollars, "
            "pour une valorisation de 6 milliards de dollars, selon le Wall Street Journal.")
    return simple("08_actuia.txt", text, D(2024, 5, 9), "ActuIA", figure="600 millions de dollars", amount=600e6,
                  currency="USD", status="reported", valuation=("6 milliards de dollars", 6e9, "USD", None),
                  language="fr")
