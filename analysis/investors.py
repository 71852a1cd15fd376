"""Investor names: one canonical name per alias group, from the alias table kept as data.

The table ``patterns/investor_aliases.csv`` maps every known spelling (a16z, Andreessen
Horowitz, ...) to one canonical name. Names not in the table are matched fuzzily against
it (rapidfuzz) only above ``FUZZY_THRESHOLD``, so typos such as "Lighstpeed Venture
Partners" join their group while distinct firms ("General Atlantic" / "General
Catalyst") stay apart.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

ALIASES_FILE = Path(__file__).parent / "patterns" / "investor_aliases.csv"

#: Minimum rapidfuzz ``ratio`` (0-100) for a name to join an alias group it does not spell exactly.
FUZZY_THRESHOLD = 92.0

_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(inc|corp|corporation|co|ltd|llc|plc|sa|sas|se|ag|gmbh|nv|bv|lp|llp)\.?$", re.IGNORECASE
)


@dataclass(frozen=True)
class InvestorAlias:
    alias: str
    canonical: str
    kind: str


@cache
def alias_rows() -> tuple[InvestorAlias, ...]:
    """Every row of the alias table."""
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            InvestorAlias(row["alias"].strip(), row["canonical"].strip(), row["kind"].strip())
            for row in csv.DictReader(handle)
            if row.get("alias")
        )


def name_key(name: str) -> str:
    """A spelling-insensitive key: accents, case, punctuation (but a name's own "+": "Canal+"), legal suffixes dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").strip(" .,;:'\"()")
    previous = None
    while previous != text:
        previous = text
        text = _LEGAL_SUFFIX.sub("", text).strip(" .,")
    text = re.sub(r"[-_/]", " ", text.casefold())
    text = re.sub(r"[^\w\s&'+]", "", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _alias_index() -> dict[str, str]:
    return {name_key(row.alias): row.canonical for row in alias_rows()}


@cache
def _canonical_kinds() -> dict[str, str]:
    return {row.canonical: row.kind for row in alias_rows()}


_TRAILING_BRACKET = re.compile(r"\s*([^()]*?\w[^()]*?)\s*\([^()]*\)?[\s.,;]*")


def canonical_investor(name: str) -> str:
    """The canonical name of an investor; an unknown name comes back cleaned but unchanged. A
    bracket after the name restates or describes it ("Andreessen Horowitz (a16z)", "International
    Finance Corporation (IFC)"): the name before it is the investor."""
    bracketed = _TRAILING_BRACKET.fullmatch(name)
    if bracketed:
        return canonical_investor(bracketed.group(1))
    cleaned = re.sub(r"\s+", " ", name).strip(" .,;:'\"()’")
    key = name_key(cleaned)
    if not key:
        return cleaned
    index = _alias_index()
    if key in index:
        return index[key]
    match = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if match is not None:
        return index[match[0]]
    owned = _OWNER_BEFORE.match(cleaned)
    if owned and _known_investor_shape(owned.group(1)):
        return canonical_investor(owned.group(1))  # "IDF Capital’s Alitheia IDF Fund": the fund invests
    if _LEADING_ARTICLE.match(cleaned) and len(cleaned.split()) > 2:
        return canonical_investor(_LEADING_ARTICLE.sub("", cleaned))  # "The Metro Group" is "Metro Group"
    return _LEGAL_SUFFIX.sub("", cleaned).strip(" .,") or cleaned


#: A parent's name in the possessive before a fund's ("IDF Capital’s Alitheia IDF Fund").
_OWNER_BEFORE = re.compile(r"^[^'’]+['’]s\s+([A-Z].+)$")
#: The last words of a fund's name ("... Fund", "... Ventures", "... Capital").
_FUND_WORDS = re.compile(r"\b(?:fund|fonds|ventures|capital|partners|investments?|holdings)$", re.IGNORECASE)


def _known_investor_shape(name: str) -> bool:
    """A name that ends like a fund's ("Alitheia IDF Fund", "M12 Ventures")."""
    return _FUND_WORDS.search(name.strip()) is not None


#: An English article opening a name ("The Metro Group"): no part of the investor's name.
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def investor_kind(canonical: str) -> str | None:
    """fund / corporate / public / angel for a known investor, else None."""
    return _canonical_kinds().get(canonical)


def canonical_set(names: list[str] | tuple[str, ...]) -> list[str]:
    """Canonical names, deduplicated, in first-seen order."""
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(canonical_investor(name), None)
    return list(seen)
