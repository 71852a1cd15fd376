"""Plain data shared by every stage: articles as read, figures as found, facts as extracted.

Nothing here computes anything; each dataclass is the contract between two modules
(reading -> NLP -> extraction -> store). Offsets always index ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year"]
Status = Literal["announced", "reported"]
Basis = Literal["pre", "post"]


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata of one article from a manifest row, front matter, or what the article declares
    about itself (``analysis.metadata``); unknown stays None. ``author``: one name, or several
    joined with "; "."""

    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_precision: DatePrecision | None = None
    language: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as read: decoded text plus metadata.

    ``text`` is the decoded text (HTML already reduced to text); ``article_id`` is the
    SHA-256 of that text (hex, first 16 characters). ``paragraphs`` are the (start, end)
    spans of the paragraphs to analyse: a paragraph repeated inside the article is listed
    once, so its facts count once.
    """

    article_id: str
    file: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    meta: ArticleMeta
    language: str | None
    encoding: str | None = None


@dataclass(frozen=True)
class ReadProblem:
    """A file that could not be read, with a message a user can act on."""

    file: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


@dataclass(frozen=True)
class UnchangedFile:
    """A file already stored, unchanged since (same size and modification time), and with the
    same manifest metadata: the reader skips it without reading it."""

    file: str
    article_id: str


@dataclass(frozen=True)
class Money:
    """An amount of money: ``value`` in units (1.7 bn -> 1_700_000_000.0).

    ``currency`` is ISO 4217 or None when the text leaves it implicit ("près de 385 millions").
    ``qualifier`` is one of "about", "more_than", "less_than", "up_to", "range" or None; a range
    ("entre 20 et 30 millions d'euros") keeps its upper bound in ``value`` and its lower bound in
    ``minimum``.
    """

    value: float
    currency: str | None
    qualifier: str | None = None
    minimum: float | None = None


@dataclass(frozen=True)
class MoneyMention:
    """A money phrase found in a text, with its character span."""

    start: int
    end: int
    text: str
    money: Money


@dataclass(frozen=True)
class DateMention:
    """A date phrase resolved against the publication date; ``date`` is the first day of
    the period at ``precision`` (month -> the 1st, year -> 1 January)."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: DatePrecision | None


@dataclass
class Evidence:
    """Where a fact comes from: the sentence span and the figure span inside the article.

    ``company_found_by`` (figure evidence of a round, valuation or investment): how extraction
    tied the figure to its company: "owner" (a genitive or bracket names it: « la levée de X »,
    « X (61 M€) »), "relative" ("X, which raised ..."), "grammar" (the parse's doer or possessor),
    "respectively" (names and figures in order), "antecedent" (« Ce fabricant a obtenu… »: the one
    company of the sentence before, which a demonstrative or definite description takes up),
    "purpose" (a purpose clause after the figure names it: « pour soutenir le développement de X »), "heading" (a
    section heading's figure, the round the next paragraph tells at that amount: "$255M: Series C for …"),
    "sentence" (no grammatical link: the company the sentence or the article is about). ``analysis.history.confidence`` reads it.
    """

    sentence: str
    start: int
    end: int
    figure: str | None = None
    figure_start: int | None = None
    figure_end: int | None = None
    role: str | None = None
    company_found_by: str | None = None


@dataclass
class Investment:
    investor: str
    amount: float | None = None
    currency: str | None = None
    stake_pct: float | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class AmountAlternative:
    amount: float
    currency: str


@dataclass
class RoundFact:
    """One financing event as one article states it."""

    company: str | None
    amount: float | None = None
    currency: str | None = None
    amount_alternatives: list[AmountAlternative] = field(default_factory=list)
    qualifier: str | None = None
    amount_min: float | None = None  # a range's lower bound ("entre 20 et 30 millions": 20 M)
    valuation: float | None = None
    valuation_currency: str | None = None
    valuation_basis: Basis | None = None
    valuation_alternatives: list[AmountAlternative] = field(default_factory=list)
    lead_investors: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    investments: list[Investment] = field(default_factory=list)
    round_label: str | None = None
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    status: Status = "announced"
    evidence: list[Evidence] = field(default_factory=list)
    #: investor -> how extraction decided it invested (and led): "grammar" (the parse links the name
    #: to the round's verb or to the lead / investor cue), "share" (lead for putting in more than
    #: half the round, when the text names no lead), "cue" (the name nearest a lead or investment
    #: cue), "list" (a name in the list after an investor cue); ``analysis.history.confidence`` reads it
    roles_found_by: dict[str, str] = field(default_factory=dict)


@dataclass
class ValuationFact:
    """A valuation stated outside any round."""

    company: str | None
    value: float
    currency: str | None
    basis: Basis | None = None
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    status: Status = "announced"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class OtherFigure:
    """A money figure that is neither a round nor a valuation of a funded company."""

    text: str
    value: float
    currency: str | None
    why: str
    company: str | None = None
    start: int | None = None
    end: int | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ArticleFacts:
    """Everything extracted from one article: the JSON line of ``extract``."""

    file: str
    article_id: str
    language: str | None
    published: dt.date | None
    published_precision: DatePrecision | None
    publisher: str | None
    title: str | None
    url: str | None
    #: keyword-only (so that the constructors written before it still work), listed beside ``url``
    #: so the JSON line shows it with the other metadata
    author: str | None = field(default=None, kw_only=True)
    company: str | None
    rounds: list[RoundFact] = field(default_factory=list)
    valuations: list[ValuationFact] = field(default_factory=list)
    other_figures: list[OtherFigure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The output contract: plain JSON types, dates as ISO strings."""
        return _jsonable(self)


def _one_level(value: Any) -> Any:
    """What the JSON encoder cannot write itself, one level at a time: a dataclass as the dict of
    its fields (their values still objects), a date as its ISO string."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


#: Writes ``_jsonable(value)``'s JSON in pieces, converting each dataclass only when it is reached.
_PIECES = json.JSONEncoder(ensure_ascii=False, default=_one_level)


def json_pieces(value: Any) -> Iterator[str]:
    """``json.dumps(_jsonable(value), ensure_ascii=False)`` in pieces, each dataclass converted
    only when the encoder reaches it: a very long article's facts are written out without a
    second copy of them or one string of them all."""
    return _PIECES.iterencode(value)


def _jsonable(value: Any) -> Any:
    """``value`` as plain JSON types, dataclasses walked field by field: one copy of a large
    article's facts, not ``asdict``'s copy and then this one."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _evidence(items: list[dict[str, Any]]) -> list[Evidence]:
    return [Evidence(**item) for item in items]


def facts_from_json(data: dict[str, Any]) -> ArticleFacts:
    """The ``ArticleFacts`` that ``ArticleFacts.to_json`` wrote."""
    rounds = []
    for item in data.get("rounds", []):
        item = dict(item)
        item["amount_alternatives"] = [AmountAlternative(**a) for a in item.get("amount_alternatives", [])]
        item["valuation_alternatives"] = [AmountAlternative(**a) for a in item.get("valuation_alternatives", [])]
        item["investments"] = [
            Investment(**{**i, "evidence": _evidence(i.get("evidence", []))}) for i in item.get("investments", [])
        ]
        item["evidence"] = _evidence(item.get("evidence", []))
        item["date"] = _date(item.get("date"))
        rounds.append(RoundFact(**item))
    valuations = [
        ValuationFact(**{**v, "evidence": _evidence(v.get("evidence", [])), "date": _date(v.get("date"))})
        for v in data.get("valuations", [])
    ]
    others = [OtherFigure(**{**o, "evidence": _evidence(o.get("evidence", []))}) for o in data.get("other_figures", [])]
    return ArticleFacts(**{
        **data, "published": _date(data.get("published")), "rounds": rounds, "valuations": valuations,
        "other_figures": others,
    })


def failed_facts(article: Article, why: str) -> ArticleFacts:
    """The facts of an article whose extraction failed: its metadata, no fact, and ``why`` as its
    error (starting "extraction failed", which the pipeline reports on the article's file)."""
    meta = article.meta
    return ArticleFacts(
        file=article.file, article_id=article.article_id, language=article.language,
        published=meta.published, published_precision=meta.published_precision,
        publisher=meta.publisher, title=meta.title, url=meta.url, company=None, errors=[why],
    )
