"""The names an analyst picks or types: companies and investors ranked by their figures, and search.

A page's company picker lists the most reported companies first (:func:`ranked_companies`,
:func:`chart_companies`); a search box forgives typos and accents (:func:`search_names`); a typed
company takes the store's spelling (:func:`match_companies`). (A long list of articles is searched
in the store: ``analysis.store.article_page``.)
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.frames import Frames

#: Companies a chart draws by default when the filters leave more (the most reported first).
CHART_COMPANIES = 8
#: Best matches a name search returns.
SEARCH_LIMIT = 10
#: Similarity (0-100, rapidfuzz WRatio on folded names) below which a name is not a match:
#: "mistal" still finds "Mistral AI", "zzzz" finds nothing.
SEARCH_MIN_SCORE = 70


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: "Société Générale" -> "societe generale"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def search_names(query: str, names: list[str], limit: int = SEARCH_LIMIT) -> list[str]:
    """The names that match ``query`` best, typos forgiven ("mistal" -> "Mistral AI").

    Exact (folded) matches first, then names starting with the query, then fuzzy matches
    scoring at least ``SEARCH_MIN_SCORE``; an empty query returns ``names`` unchanged."""
    q = fold(query)
    if not q:
        return list(names)
    folded = {name: fold(name) for name in names}
    exact = [n for n, f in folded.items() if f == q]
    prefix = sorted((n for n, f in folded.items() if f.startswith(q) and n not in exact), key=len)
    scored = process.extract(q, folded, scorer=fuzz.WRatio, score_cutoff=SEARCH_MIN_SCORE, limit=None)
    fuzzy = [name for _, _, name in scored if name not in exact and name not in prefix]
    return [*exact, *prefix, *fuzzy][:limit]


def match_companies(typed: Sequence[str], companies: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the store's spelling of each typed company name, the names it does not know): a
    typed name matches whatever its case and surrounding spaces."""
    if not typed:  # nothing typed: no index of the store's names to build
        return [], []
    by_key = {c.strip().casefold(): c for c in companies}
    found: list[str] = []
    unknown: list[str] = []
    for name in typed:
        match = by_key.get(str(name).strip().casefold())
        if match is None:
            unknown.append(str(name))
        elif match not in found:
            found.append(match)
    return found, unknown


def ranked_companies(frame: pd.DataFrame, by: str = "round_id") -> list[str]:
    """The companies of ``frame`` (rounds, investments, source comparison…), the one with the
    most distinct ``by`` values first (the analyst's subject), then by name: the order of a
    page's company picker."""
    known = frame[frame["company"].notna()]
    counts = known.groupby(known["company"].astype(str))[by].nunique()
    return ranked_companies_of({str(c): int(n) for c, n in counts.items()})


def ranked_companies_of(counts: Mapping[str, int]) -> list[str]:
    """Company names with their counts (``analysis.store.companies_counted`` counts them in the
    store), the most counted first, then by name; blank names left out."""
    return sorted((c for c in counts if c.strip()), key=lambda c: (-int(counts[c]), c.casefold()))


def chart_companies(frames: Frames, limit: int | None = None) -> tuple[list[str], int]:
    """The companies a chart draws by default, and how many have figures at all.

    Companies are ranked by how many figures (rounds and source valuations) they have, most
    first, then by name: a corpus about one company charts it alone; a corpus of thousands
    of companies charts its ``limit`` (default ``CHART_COMPANIES``) most reported ones instead
    of an unreadable tangle.
    """
    names = pd.concat([frames.rounds["company"], frames.valuations["company"]], ignore_index=True)
    counts = names.dropna().astype(str).value_counts()
    return chart_ranking(ranked_companies_of({str(c): int(n) for c, n in counts.items()}), limit)


def chart_ranking(ranked: list[str], limit: int | None = None) -> tuple[list[str], int]:
    """The first ``limit`` (default ``CHART_COMPANIES``) of companies ranked by their figures, and
    how many there are: what ``chart_companies`` returns, from a ranking counted in the store."""
    return ranked[: CHART_COMPANIES if limit is None else limit], len(ranked)


def ranked_names(counts: Mapping[str, int]) -> list[str]:
    """Names with their counts, the most counted first, then by folded name: the order of a
    profile page's picker (``analysis.store.name_counts`` counts them in the store)."""
    return sorted(counts, key=lambda name: (-counts[name], fold(name)))


def company_names(frames: Frames) -> list[str]:
    """Every company with a round or a valuation, the most rounds first, then by name."""
    counts = Counter(str(c) for c in frames.rounds["company"].dropna())
    for c in frames.valuations["company"].dropna():
        counts.setdefault(str(c), 0)
    return ranked_names(counts)


def investor_names(frames: Frames) -> list[str]:
    """Every investor named in a round, the most rounds first, then by name."""
    inv = frames.investments.drop_duplicates(["investor", "round_id"])
    counts = inv["investor"].astype(str).value_counts()
    return ranked_names({str(name): int(n) for name, n in counts.items()})
