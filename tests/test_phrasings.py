"""Phrasings as data: every entry of tests/phrasings/fr.yaml and en.yaml is a short article of our
own and the facts a careful reader writes down; one test runs them all. Adding a phrasing is one
entry in the table. Real articles with gold (benchmark/) measure; these rows explain."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from analysis.corpus import article_id, paragraph_spans
from analysis.evaluate import same_company
from analysis.extract import extract_articles
from analysis.investors import canonical_investor
from analysis.labels import normalise_label
from analysis.model import Article, ArticleMeta

TABLES = Path(__file__).parent / "phrasings"
#: Relative tolerance for amounts (1 %).
TOLERANCE = 0.01
PUBLISHED = dt.date(2024, 3, 12)


def _rows() -> list[Any]:
    rows = []
    for language in ("fr", "en"):
        for entry in yaml.safe_load((TABLES / f"{language}.yaml").read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(reason=entry["known_gap"], strict=True)] if entry.get("known_gap") else []
            rows.append(pytest.param(language, entry, id=f"{language}: {entry['case']}", marks=marks))
    return rows


def _facts(text: str, language: str, url: str | None = None, title: str | None = None,
           publisher: str | None = None) -> dict[str, Any]:
    meta = ArticleMeta(published=PUBLISHED, published_precision="day", language=language, url=url, title=title,
                       publisher=publisher)
    article = Article(article_id(text), "phrasing.txt", text, paragraph_spans(text), meta, language)
    return next(iter(extract_articles([article]))).to_json()


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _names(names: list[str]) -> set[str]:
    return {canonical_investor(name) for name in names}


def _check_round(expected: dict[str, Any], rounds: list[dict[str, Any]]) -> list[str]:
    undisclosed = expected["amount"] is None  # a round named without its amount: ``amount: null``
    found = [r for r in rounds if (r["amount"] is None if undisclosed else _close(r["amount"], expected["amount"]))
             and same_company(r["company"], expected["company"])]
    if not found:
        seen = [(r["company"], r["amount"], r["currency"]) for r in rounds]
        return [f"no round of {expected['company']} for {expected['amount']} (rounds read: {seen})"]
    checked = [_round_problems(expected, r) for r in found]  # two rounds of one amount: either may be the one
    return min(checked, key=len)


def _round_problems(expected: dict[str, Any], r: dict[str, Any]) -> list[str]:
    problems = []
    for key, want in expected.items():
        got = r.get(key)
        if key in {"company", "amount"}:
            continue
        if key not in r:  # a misspelt field ("leads") would compare None with None and pass unseen
            problems.append(f"{expected['company']} {expected['amount']}: {key!r} is no field of a round")
            continue
        if key in {"lead_investors", "investors"}:
            ok = _names(got or []) == _names(want)
        elif key in {"amount_min", "valuation"}:
            ok = _close(got, want)
        elif key == "round_label":
            ok = normalise_label(got) == normalise_label(want)
        elif key == "date":  # "2016" or "2016-03": the date at its precision
            ok = str(got or "").startswith(str(want))
        else:
            ok = got == want
        if not ok:
            problems.append(f"{expected['company']} {expected['amount']}: {key} {got!r}, expected {want!r}")
    return problems


@pytest.mark.parametrize(("language", "entry"), _rows())
def test_phrasing(language: str, entry: dict[str, Any]) -> None:
    facts = _facts(entry["text"], language, entry.get("url"), entry.get("title"), entry.get("publisher"))
    problems: list[str] = []
    if "company" in entry and facts["company"] != entry["company"]:  # the article's company, exactly as written
        problems.append(f"article company {facts['company']!r}, expected {entry['company']!r}")
    if entry.get("rounds") == [] and facts["rounds"]:  # ``rounds: []``: the text tells no round at all
        problems.append(f"rounds read: {[(r['company'], r['amount'], r['currency']) for r in facts['rounds']]}")
    for expected in entry.get("rounds", []):
        problems += _check_round(expected, facts["rounds"])
    for company in entry.get("no_round_of", []):  # a name, or {company, amount}: no round of it (at that amount)
        amount = company.get("amount") if isinstance(company, dict) else None
        name = company["company"] if isinstance(company, dict) else company
        if any(same_company(r["company"], name) and (amount is None or _close(r["amount"], amount))
               for r in facts["rounds"]):
            problems.append(f"a round read for {name}" + (f" at {amount:g}" if amount is not None else ""))
    for name in entry.get("not_investors", []):
        if any(canonical_investor(name) in _names(r["investors"]) for r in facts["rounds"]):
            problems.append(f"{name} read as an investor")
    for value in entry.get("not_rounds", []):
        if any(_close(r["amount"], value) for r in facts["rounds"]):
            problems.append(f"{value:g} read as a round")
        if any(_close(v["value"], value) for v in facts["valuations"]) or any(
                _close(r["valuation"], value) for r in facts["rounds"]):
            problems.append(f"{value:g} read as a valuation")
    for expected in entry.get("valuations", []):
        pool = [(v["company"], v["value"], v["currency"]) for v in facts["valuations"]]
        pool += [(r["company"], r["valuation"], r["valuation_currency"]) for r in facts["rounds"] if r["valuation"]]
        if not any(same_company(c, expected["company"]) and _close(v, expected["value"]) and cur == expected["currency"]
                   for c, v, cur in pool):
            problems.append(f"no valuation of {expected['company']} at {expected['value']:g} (read: {pool})")
    assert not problems, f"{entry['text']}\n" + "\n".join(problems)
