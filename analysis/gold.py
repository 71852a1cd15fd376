"""The gold format of ``../shared/GOLD_POLICY.md``: load gold files, validate every line, and
account for every money figure of an article.

One gold line per article (``file``, ``language``, ``company``, ``rounds``, ``valuations``,
``distractors``, ``notes``). A line that does not follow the policy raises ``GoldError`` naming
the file and the line, with the field at fault, so the evaluator never meets a half-read gold.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.model import MoneyMention
from analysis.money import find_money

#: Relative tolerance (1 %) for a money figure of the text to be the value of a gold fact:
#: "1,7 milliard" read as 1.7e9 equals a gold 1_700_000_000.
ACCOUNT_TOLERANCE = 0.01

STATUSES = ("announced", "reported")
#: Currencies written "$" in their own country's press.
DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"})
QUALIFIERS = (None, "about", "more_than", "up_to", "range", "at_least", "less_than")
BASES = (None, "pre", "post")
LANGUAGES = ("fr", "en")

_ARTICLE_KEYS = {"file", "language", "company", "rounds", "valuations", "distractors", "notes"}
_ARTICLE_OPTIONAL = {"url", "notes"}
_ROUND_KEYS = {
    "company", "amount", "amount_min", "currency", "qualifier", "amount_alternatives", "valuation",
    "valuation_currency", "valuation_basis", "valuation_alternatives", "lead_investors", "investors",
    "investments", "round_label", "date_text", "status", "evidence",
}
#: Optional round keys: a resolved date (the seeds' gold carries one).
_ROUND_OPTIONAL = {"date", "date_precision", "amount_min"}
_VALUATION_KEYS = {"company", "value", "currency", "basis", "date_text", "status", "evidence"}
_VALUATION_OPTIONAL = {"date", "date_precision", "value_alternatives", "qualifier"}


class GoldError(ValueError):
    """A gold line that does not follow the policy; the message names the file and the line."""


@dataclass(frozen=True)
class Unaccounted:
    """A money figure of an article that no gold fact or distractor accounts for."""

    file: str
    text: str
    start: int
    value: float
    currency: str | None


# --------------------------------------------------------------------------- validation


def _check(ok: bool, where: str, message: str) -> None:
    if not ok:
        raise GoldError(f"{where}: {message}")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_keys(item: Mapping[str, Any], required: set[str], optional: set[str], where: str) -> None:
    missing = sorted(required - optional - set(item))
    _check(not missing, where, f"missing {', '.join(missing)}")
    unknown = sorted(set(item) - required - optional)
    _check(not unknown, where, f"unknown key {', '.join(unknown)}")


def _check_money(value: Any, currency: Any, where: str, name: str, nullable: bool = True) -> None:
    if value is None:
        _check(nullable, where, f"{name} is null")
        return
    _check(_is_number(value) and value >= 0, where, f"{name} must be a non-negative number, not {value!r}")
    _check(isinstance(currency, str) and len(currency) == 3 and currency.isupper(), where,
           f"{name} needs an ISO 4217 currency, not {currency!r}")


def _check_alternatives(items: Any, where: str, name: str) -> None:
    _check(isinstance(items, list), where, f"{name} must be a list")
    for k, alt in enumerate(items):
        _check(isinstance(alt, dict) and set(alt) == {"amount", "currency"}, where,
               f"{name}[{k}] must be {{amount, currency}}")
        _check_money(alt["amount"], alt["currency"], where, f"{name}[{k}]", nullable=False)


def _check_names(items: Any, where: str, name: str) -> None:
    _check(isinstance(items, list) and all(isinstance(n, str) and n.strip() for n in items), where,
           f"{name} must be a list of names")


def _check_round(r: Any, where: str) -> None:
    _check(isinstance(r, dict), where, "a round must be an object")
    _check_keys(r, _ROUND_KEYS, _ROUND_OPTIONAL, where)
    _check(isinstance(r["company"], str) and r["company"].strip() != "", where, "a round needs its company")
    _check_money(r["amount"], r["currency"], where, "amount")
    _check(r["qualifier"] in QUALIFIERS, where, f"unknown qualifier {r['qualifier']!r}")
    if r.get("amount_min") is not None:
        _check(_is_number(r["amount_min"]) and r["amount"] is not None and r["amount_min"] <= r["amount"],
               where, "amount_min must be a number no larger than amount")
    if r["qualifier"] == "range":
        _check(r.get("amount_min") is not None, where, "a range needs amount_min")
    _check_alternatives(r["amount_alternatives"], where, "amount_alternatives")
    _check_money(r["valuation"], r["valuation_currency"], where, "valuation")
    _check(r["valuation_basis"] in BASES, where, "valuation_basis must be pre, post or null")
    _check_alternatives(r["valuation_alternatives"], where, "valuation_alternatives")
    _check_names(r["lead_investors"], where, "lead_investors")
    _check_names(r["investors"], where, "investors")
    missing_leads = [n for n in r["lead_investors"] if n not in r["investors"]]
    _check(not missing_leads, where, f"investors must include the leads ({', '.join(missing_leads)})")
    _check(isinstance(r["investments"], list), where, "investments must be a list")
    for k, inv in enumerate(r["investments"]):
        _check(isinstance(inv, dict) and {"investor", "amount", "currency", "stake_pct"} <= set(inv), where,
               f"investments[{k}] must be {{investor, amount, currency, stake_pct}}")
        _check(isinstance(inv["investor"], str) and inv["investor"].strip() != "", where,
               f"investments[{k}] needs its investor")
        _check_money(inv["amount"], inv["currency"], where, f"investments[{k}].amount")
        stake = inv["stake_pct"]
        _check(stake is None or (_is_number(stake) and 0 < stake <= 100), where,
               f"investments[{k}].stake_pct must be a percentage")
    _check(r["round_label"] is None or isinstance(r["round_label"], str), where, "round_label must be text")
    _check(r["date_text"] is None or isinstance(r["date_text"], str), where, "date_text must be text")
    _check(r["status"] in STATUSES, where, f"status must be announced or reported, not {r['status']!r}")
    _check(isinstance(r["evidence"], str) and r["evidence"].strip() != "", where, "a round needs its evidence")


def _check_valuation(v: Any, where: str) -> None:
    _check(isinstance(v, dict), where, "a valuation must be an object")
    _check_keys(v, _VALUATION_KEYS, _VALUATION_OPTIONAL, where)
    _check(isinstance(v["company"], str) and v["company"].strip() != "", where, "a valuation needs its company")
    _check_money(v["value"], v["currency"], where, "value", nullable=False)
    _check(v["basis"] in BASES, where, "basis must be pre, post or null")
    if "value_alternatives" in v:
        _check_alternatives(v["value_alternatives"], where, "value_alternatives")
    _check(v["status"] in STATUSES, where, f"status must be announced or reported, not {v['status']!r}")
    _check(isinstance(v["evidence"], str) and v["evidence"].strip() != "", where, "a valuation needs its evidence")


def validate_article(article: Any, where: str) -> None:
    """Raise ``GoldError`` (prefixed with ``where``) unless ``article`` follows the gold policy."""
    _check(isinstance(article, dict), where, "a gold line must be a JSON object")
    _check_keys(article, _ARTICLE_KEYS, _ARTICLE_OPTIONAL, where)
    _check(isinstance(article["file"], str) and article["file"] != "", where, "file must be named")
    _check(article["language"] in LANGUAGES, where, f"language must be fr or en, not {article['language']!r}")
    _check(article["company"] is None or isinstance(article["company"], str), where, "company must be text or null")
    for key in ("rounds", "valuations", "distractors"):
        _check(isinstance(article[key], list), where, f"{key} must be a list")
    for k, r in enumerate(article["rounds"]):
        _check_round(r, f"{where}, rounds[{k}]")
    for k, v in enumerate(article["valuations"]):
        _check_valuation(v, f"{where}, valuations[{k}]")
    for k, d in enumerate(article["distractors"]):
        _check(isinstance(d, dict) and set(d) == {"text", "why"}
               and all(isinstance(d[x], str) and d[x].strip() for x in ("text", "why")),
               f"{where}, distractors[{k}]", "a distractor must be {text, why}")


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Every line of a gold JSONL file, validated; ``GoldError`` names the file and line at fault."""
    path = Path(path)
    articles: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}, line {number}"
            try:
                article = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            validate_article(article, where)
            first = seen.setdefault(article["file"], number)
            _check(first == number, where, f"{article['file']} is already described on line {first}")
            articles.append(article)
    return articles


# --------------------------------------------------------------------------- accounting


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= ACCOUNT_TOLERANCE * max(abs(a), abs(b))


def gold_values(article: Mapping[str, Any]) -> list[tuple[float, str | None]]:
    """Every money value the gold states as a fact: amounts (and their lower bounds and other
    currencies), valuations, investments."""
    values: list[tuple[float, str | None]] = []
    for r in article["rounds"]:
        if r["amount"] is not None:
            values.append((float(r["amount"]), r["currency"]))
            if r.get("amount_min") is not None:
                values.append((float(r["amount_min"]), r["currency"]))
        if r["valuation"] is not None:
            values.append((float(r["valuation"]), r["valuation_currency"]))
        for alt in (*r["amount_alternatives"], *r["valuation_alternatives"]):
            values.append((float(alt["amount"]), alt["currency"]))
        for inv in r["investments"]:
            if inv["amount"] is not None:
                values.append((float(inv["amount"]), inv["currency"]))
    for v in article["valuations"]:
        values.append((float(v["value"]), v["currency"]))
        for alt in v.get("value_alternatives", []):
            values.append((float(alt["amount"]), alt["currency"]))
    return values


def _accounted(mention: MoneyMention, text: str, values: Iterable[tuple[float, str | None]],
               distractor_spans: list[tuple[int, int]]) -> bool:
    if any(start < mention.end and mention.start < end for start, end in distractor_spans):
        return True  # "roughly $13 billion" is read with its qualifier; the distractor may omit it
    currency = mention.money.currency
    return any(_close(mention.money.value, value) and _same_currency(currency, cur) for value, cur in values)


def _same_currency(read: str | None, gold: str | None) -> bool:
    """The parser reads a bare "$" as US dollars; gold may know from the text that a Canadian
    article's "$" is Canadian: any dollar accounts for a "$"."""
    if read is None or gold is None or read == gold:
        return True
    return read in DOLLARS and gold in DOLLARS


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(needle)
    while needle and start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def unaccounted_money(article: Mapping[str, Any], text: str) -> list[Unaccounted]:
    """Money figures that ``analysis.money.find_money`` reads in ``text`` and that the gold does
    not account for: neither the value of a round, valuation or investment, nor inside the text
    of a distractor."""
    values = gold_values(article)
    distractor_spans = [span for d in article["distractors"] for span in _spans(text, d["text"])]
    return [
        Unaccounted(article["file"], m.text, m.start, m.money.value, m.money.currency)
        for m in find_money(text, article["language"])
        if not _accounted(m, text, values, distractor_spans)
    ]


def missing_evidence(article: Mapping[str, Any], text: str) -> list[str]:
    """Evidence sentences and distractor texts of the gold that are not verbatim in ``text``."""
    quoted = [r["evidence"] for r in article["rounds"]] + [v["evidence"] for v in article["valuations"]]
    quoted += [d["text"] for d in article["distractors"]]
    return [q for q in quoted if q not in text]
