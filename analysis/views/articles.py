"""The Articles page: the articles listed with their figures, one article's figures, the articles naming a subject."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.frames import UNKNOWN_PUBLISHER, Frames, is_missing, publisher_label
from analysis.money import format_money
from analysis.views.cells import records, to_date
from analysis.views.formatting import format_dates, relative_paths

#: How many articles the Articles page's picker lists; a longer view is searched first.
ARTICLE_CHOICES = 200
#: The schemes of an article's URL shown as a link (a ``javascript:`` URL is article data, not a link).
WEB_SCHEMES = ("http://", "https://")
ARTICLES_TABLE_COLUMNS = [
    "Published", "Precision", "Publisher", "Title", "Author", "Language", "Figures", "Characters", "File", "URL",
    "article_id", "ingested_at",
]  # fmt: skip
FACTS_TABLE_COLUMNS = [
    "Kind", "Company", "Figure", "Value (EUR)", "Value (USD)", "Date", "Precision", "Status", "Investor", "Role",
    "Round", "Sentence", "Start", "End",
]  # fmt: skip
NAMING_COLUMNS = ["Published", "Precision", "Source", "Title", "Figures", "URL", "File", "article_id"]


def figure_counts(mentions: pd.DataFrame) -> dict[str, int]:
    """How many figures each article of ``mentions`` holds (what ``articles_table`` shows)."""
    return {str(k): int(v) for k, v in mentions["article_id"].value_counts().items()}


def articles_table(articles: pd.DataFrame, figures: Mapping[str, int] | None = None) -> pd.DataFrame:
    """The articles with the number of figures extracted from each (``figures``: article id ->
    count, as ``figure_counts`` or the store's ``article_page`` gives it), newest first;
    the file relative to the articles' common folder (the ``article_id`` and ``ingested_at``
    columns are for the page, not for display)."""
    counts = pd.Series(dict(figures or {}), dtype="int64")
    per_article = counts.reindex(articles["article_id"].astype(str).to_numpy()).fillna(0).astype(int).to_numpy()
    codes, publishers = pd.factorize(articles["publisher"])  # few publishers: each labelled once
    labels = np.array([*map(publisher_label, publishers), UNKNOWN_PUBLISHER], dtype=object)  # last: missing (-1)
    out = pd.DataFrame(
        {
            "Published": articles["published"],
            "Precision": articles["published_precision"],
            "Publisher": labels[codes],
            "Title": articles["title"],
            "Author": articles["author"],
            "Language": articles["language"],
            "Figures": per_article,
            "Characters": articles["n_chars"],
            "File": relative_paths(articles["file"]),
            "URL": articles["url"],
            "article_id": articles["article_id"],
            "ingested_at": articles["ingested_at"],
        },
        columns=ARTICLES_TABLE_COLUMNS,
    )
    return out.sort_values("Published", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def article_labels(listing: pd.DataFrame) -> dict[str, str]:
    """Each article of ``listing`` (``articles_table``) as a picker names it: its publication
    date at its precision (``undated`` when unknown), publisher and title (else its file)."""
    when = format_dates(listing["Published"], listing["Precision"]).replace("", "undated")
    titles = listing["Title"].reset_index(drop=True)
    titled = titles.astype("string[pyarrow]").str.strip().fillna("").ne("")
    title = titles.where(titled, listing["File"].reset_index(drop=True)).astype(str)
    labels = when + " · " + listing["Publisher"].reset_index(drop=True).astype(str) + " · " + title
    return dict(zip(listing["article_id"].tolist(), labels.tolist(), strict=True))  # lists: no per-cell Arrow reads


def facts_table(mentions: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The figures of one article, in text order, for the Articles page."""
    m = mentions[mentions["article_id"] == str(article_id)].sort_values("start", kind="stable")
    out = pd.DataFrame(
        {
            "Kind": m["kind"],
            "Company": m["company"],
            "Figure": [format_money(v, c) for v, c in zip(m["value"], m["currency"], strict=True)],
            "Value (EUR)": m["value_eur"],
            "Value (USD)": m["value_usd"],
            "Date": m["date"],
            "Precision": m["date_precision"],
            "Status": m["status"],
            "Investor": m["investor"],
            "Role": m["role"],
            "Round": m["round_label"],
            "Sentence": m["sentence"],
            "Start": m["start"],
            "End": m["end"],
        },
        columns=FACTS_TABLE_COLUMNS,
    )
    return out.reset_index(drop=True)


def web_link(url: Any) -> str | None:
    """An article's URL when it is a web address (a ``javascript:`` link is article data, not a link)."""
    text = "" if is_missing(url) else str(url).strip()
    return text if text.lower().startswith(WEB_SCHEMES) else None


def articles_naming(frames: Frames, subject: str, labels: dict[str, str], *, investor: bool = False) -> pd.DataFrame:
    """The articles with a figure about ``subject`` (a company, or an investor), newest first."""
    m = frames.mentions
    counts = m[m["investor" if investor else "company"] == subject]["article_id"].value_counts()
    arts = frames.articles[frames.articles["article_id"].isin(counts.index)]
    rows = [
        {
            "Published": to_date(rec.get("published")),
            "Precision": rec.get("published_precision"),
            "Source": labels.get(rec["article_id"], publisher_label(rec.get("publisher"))),
            "Title": rec.get("title"),
            "Figures": int(counts.get(rec["article_id"], 0)),
            "URL": web_link(rec.get("url")),
            "File": rec.get("file"),
            "article_id": rec["article_id"],
        }
        for rec in records(arts)
    ]
    out = pd.DataFrame(rows, columns=NAMING_COLUMNS)
    out["Published"] = pd.to_datetime(out["Published"], errors="coerce")
    return out.sort_values("Published", ascending=False, kind="stable", na_position="last").reset_index(drop=True)
