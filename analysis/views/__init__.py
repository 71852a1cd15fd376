"""Data shaping for the dashboard, one module per page: pure pandas over validated frames, no Streamlit.

Every page reads its filters, calls one function here and draws the result, so everything an
analyst sees can be unit-tested. The input is :class:`analysis.frames.Frames` (articles,
mentions, rounds, investments, valuations, source_comparison; validated, so every column is
there); nothing here writes.

Where a page of a large store must not hold its frames, the store sums them up in DuckDB
(``analysis.store.overview``, ``facts_to_check``, ``companies_counted``, ``latest_rounds``) and a
function here words the result (``overview_headline``, ``checklist_of``, ``ranked_companies_of``):
the pandas function over frames (``headline``, ``checklist``, ``ranked_companies``) stays the
definition, for any frames, and ``tests/test_store_selection.py`` holds both equal under every
combination of filters.

- ``cells``: reading cells (records, name lists, dates, numbers, source labels)
- ``formatting``: money, dates at their precision, screen and CSV tables, Markdown escaping
- ``rounds``: how a round is named and ordered, its articles, what an analyst corrected
- ``names``: company and investor lists, typo-tolerant search
- ``filters``: the sidebar's ``Filters`` and the frames restricted to them
- ``overview``, ``valuation_timeline``, ``ownership`` (the cap table), ``sources``, ``articles``, ``data``, ``company``,
  ``investor``, ``review``: one page each; ``highlight``: a figure shown in its article

The names below are the pages' vocabulary (``views.headline``, ``views.Filters``…).
"""

from __future__ import annotations

from analysis.frames import UNKNOWN_PUBLISHER, is_missing, publisher_label
from analysis.money import UNKNOWN, format_money
from analysis.views.articles import (
    ARTICLE_CHOICES,
    article_labels,
    articles_naming,
    articles_table,
    facts_table,
    figure_counts,
    web_link,
)
from analysis.views.cells import (
    as_list,
    flag,
    number,
    records,
    source_labels,
    to_date,
    whole,
)
from analysis.views.company import CompanyProfile, company_profile, valuation_points
from analysis.views.data import data_table, data_tables
from analysis.views.filters import (
    COMPANY_CHOICES,
    Filters,
    apply_filters,
    date_span,
    filter_options,
    why_empty,
)
from analysis.views.formatting import (
    FILE_COLUMNS,
    PRECISIONS,
    Currency,
    csv_frame,
    date_columns,
    format_date,
    format_pct,
    md_escape,
    period,
    precision_of,
    relative_paths,
    screen,
)
from analysis.views.highlight import (
    Segment,
    article_spans,
    highlight_segments,
    mark_range,
    segments_to_html,
    sentence_in_context,
)
from analysis.views.investor import InvestorProfile, investor_profile
from analysis.views.names import (
    CHART_COMPANIES,
    chart_companies,
    chart_ranking,
    company_names,
    investor_names,
    match_companies,
    ranked_companies,
    ranked_companies_of,
    ranked_names,
    search_names,
)
from analysis.views.overview import (
    COMPANIES_LINKED,
    ROUNDS_LISTED,
    Headline,
    corpus_state,
    headline,
    latest_valuation,
    overview_corpus,
    overview_headline,
    rounds_table,
)
from analysis.views.ownership import CapTable, cap_table
from analysis.views.review import (
    FACT_KINDS,
    FACTS_LISTED,
    ORDERS,
    Change,
    Checklist,
    FactEvidence,
    changes,
    checklist,
    checklist_of,
    evidence_of,
    facts_to_check,
)
from analysis.views.rounds import (
    CORRECTED_MARK,
    LED,
    PARTICIPATED,
    corrected_columns,
    correction_note,
    round_article_links,
    round_name,
    round_names,
    round_title,
)
from analysis.views.sources import (
    AGREEMENT_KINDS,
    EXPLANATIONS,
    Comparison,
    comparison,
    comparison_text,
    evidence_for,
)
from analysis.views.valuation_timeline import Timeline, points_table, timeline

#: The names the pages called these formatters by (until they call ``format_money``/``format_date``).
fmt_money = format_money
fmt_date = format_date

__all__ = [
    "AGREEMENT_KINDS",
    "ARTICLE_CHOICES",
    "CHART_COMPANIES",
    "COMPANIES_LINKED",
    "COMPANY_CHOICES",
    "CORRECTED_MARK",
    "EXPLANATIONS",
    "FACTS_LISTED",
    "FACT_KINDS",
    "FILE_COLUMNS",
    "LED",
    "ORDERS",
    "PARTICIPATED",
    "PRECISIONS",
    "ROUNDS_LISTED",
    "UNKNOWN",
    "UNKNOWN_PUBLISHER",
    "CapTable",
    "Change",
    "Checklist",
    "CompanyProfile",
    "Comparison",
    "Currency",
    "FactEvidence",
    "Filters",
    "Headline",
    "InvestorProfile",
    "Segment",
    "Timeline",
    "apply_filters",
    "article_labels",
    "article_spans",
    "articles_naming",
    "articles_table",
    "as_list",
    "cap_table",
    "changes",
    "chart_companies",
    "chart_ranking",
    "checklist",
    "checklist_of",
    "company_names",
    "company_profile",
    "comparison",
    "comparison_text",
    "corpus_state",
    "corrected_columns",
    "correction_note",
    "csv_frame",
    "data_table",
    "data_tables",
    "date_columns",
    "date_span",
    "evidence_for",
    "evidence_of",
    "facts_table",
    "facts_to_check",
    "figure_counts",
    "filter_options",
    "flag",
    "fmt_date",
    "fmt_money",
    "format_date",
    "format_money",
    "format_pct",
    "headline",
    "highlight_segments",
    "investor_names",
    "investor_profile",
    "is_missing",
    "latest_valuation",
    "mark_range",
    "match_companies",
    "md_escape",
    "number",
    "overview_corpus",
    "overview_headline",
    "period",
    "points_table",
    "precision_of",
    "publisher_label",
    "ranked_companies",
    "ranked_companies_of",
    "ranked_names",
    "records",
    "relative_paths",
    "round_article_links",
    "round_name",
    "round_names",
    "round_title",
    "rounds_table",
    "screen",
    "search_names",
    "segments_to_html",
    "sentence_in_context",
    "source_labels",
    "timeline",
    "to_date",
    "valuation_points",
    "web_link",
    "whole",
    "why_empty",
]  # fmt: skip
