"""How a sentence refers to a funded company without naming it: the words of patterns/companies.json, and whether a sentence refers back to the deal told before it."""

from __future__ import annotations

import json
import re
from functools import cache

from analysis.extract.vocabulary import PATTERNS_DIR, name_key


@cache
def _company_words() -> dict[str, frozenset[str]]:
    """patterns/companies.json: the words that type a name or describe a company, all languages."""
    data = json.loads((PATTERNS_DIR / "companies.json").read_text(encoding="utf-8"))
    found: dict[str, frozenset[str]] = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        words = [w for by_language in value.values() for w in by_language] if isinstance(value, dict) else value
        found[key] = frozenset(name_key(w) if key.endswith("suffixes") else w for w in words)
    return found


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@cache
def words_of(key: str) -> str:
    """A regex alternation of the words of one list of patterns/companies.json (all languages)."""
    return f"(?:{_alternatives(_company_words()[key])})"


#: Words an unnamed description may hold between its determiner and its class noun (« ce constructeur »,
#: "the one-year-old startup").
DESCRIPTION_WORDS = 2


@cache
def _anaphor_pattern() -> re.Pattern[str]:
    words = _company_words()
    return re.compile(
        rf"(?<![\w-])(?:(?:{_alternatives(words['anaphors'])})(?![\w-])"
        rf"|{words_of('definite_determiners')}\s*(?:[\w-]+\s+){{0,{DESCRIPTION_WORDS}}}"
        rf"(?:{_alternatives(words['class_nouns'])})s?(?![\w-]))",
        re.IGNORECASE)


def refers_back(text: str) -> bool:
    """A sentence that names its company by a pronoun, a possessive or a definite description
    (« elle a levé », "its $2m seed round", « Ce constructeur franco-allemand a obtenu »): its
    company is the deal told just before."""
    return _anaphor_pattern().search(text) is not None
