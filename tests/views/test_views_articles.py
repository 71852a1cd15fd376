"""analysis.views.articles: the articles listed with their figures, one article's figures, links."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.views.articles import articles_table, facts_table, figure_counts, web_link
from analysis.views.data import data_tables
from analysis.views.formatting import screen


def test_articles_table_newest_first_with_their_figures(small) -> None:
    t = articles_table(small.articles, figure_counts(small.mentions))
    assert t.iloc[0]["Published"] == pd.Timestamp("2025-09-09")
    assert dict(zip(t["article_id"], t["Figures"], strict=True))["a0"] == 2
    assert set(articles_table(small.articles)["Figures"]) == {0}  # without the mentions: none counted


def test_articles_table_names_a_missing_or_blank_publisher_unknown(small) -> None:
    articles = small.articles.copy()
    articles["publisher"] = articles["publisher"].astype(object)
    articles.loc[articles.index[0], "publisher"] = None
    articles.loc[articles.index[1], "publisher"] = "   "
    articles.loc[articles.index[2], "publisher"] = "  Le Monde "
    by_id = dict(zip(articles_table(articles)["article_id"], articles_table(articles)["Publisher"], strict=True))
    ids = list(articles["article_id"])
    assert [by_id[i] for i in ids[:3]] == ["(unknown)", "(unknown)", "Le Monde"]


def test_facts_table_in_text_order(small) -> None:
    facts = facts_table(small.mentions, "a0")
    assert list(facts["Figure"]) == ["$2 bn", "€1.3 bn"]
    assert facts_table(small.mentions, "nope").empty


def test_article_links_are_web_addresses_only() -> None:
    assert web_link("https://www.lesechos.fr/x") == "https://www.lesechos.fr/x"
    assert web_link("javascript:alert(1)") is None
    assert web_link(None) is None


def test_files_are_shown_relative_to_the_folder_ingested(stored) -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    assert all(str(f).startswith(str(seeds)) for f in stored.articles["file"])  # stored as given
    listing = articles_table(stored.articles, figure_counts(stored.mentions))
    assert set(listing["File"]) == {Path(f).name for f in stored.articles["file"]}
    data = screen(data_tables(stored)["articles"])
    assert set(data["file"]) == set(listing["File"])


def test_article_labels_name_date_publisher_and_title(stored) -> None:
    from analysis.views.articles import article_labels, articles_table

    listing = articles_table(stored.articles)
    labels = article_labels(listing)
    assert list(labels) == list(listing["article_id"])  # newest first, one label each
    first = listing.iloc[0]
    assert labels[first["article_id"]].endswith(f" · {first['Publisher']} · {first['Title'] or first['File']}")
