"""Unit tests of analysis.views on small hand-built frames shaped like the seeds' store."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import views as V

D = dt.date
NAN = float("nan")

SENTENCE_C = "ASML a investi 1,3 milliard d'euros, affirmant détenir une participation de 11 %."
TEXT_A0 = "Intro. " + SENTENCE_C + " Cela propulse la valorisation à 11,7 milliards d'euros. Fin."


def _tables() -> V.Tables:
    articles = pd.DataFrame(
        [
            (
                "a0",
                "000.txt",
                "Gate",
                "Mistral AI s'associe à ASML",
                D(2025, 9, 9),
                "month",
                "fr",
                len(TEXT_A0),
            ),
            (
                "a1",
                "001.txt",
                None,
                "La start-up parisienne Mistral AI boucle",
                D(2025, 9, 9),
                "day",
                "fr",
                2000,
            ),
            (
                "a2",
                "002.txt",
                None,
                "Une nouvelle levée de fonds de 600 M$",
                D(2024, 5, 9),
                "day",
                "fr",
                1500,
            ),
            (
                "a4",
                "004.txt",
                "01net",
                "Mistral AI veut incarner l'alternative",
                D(2025, 6, 15),
                "month",
                "fr",
                1800,
            ),
            ("e1", "en.txt", "Test Wire", "Quantix raises $45 million", D(2025, 3, 13), "day", "en", 900),
        ],
        columns=[
            "article_id",
            "file",
            "publisher",
            "title",
            "published",
            "published_precision",
            "language",
            "n_chars",
        ],
    )
    rounds = pd.DataFrame(
        [
            {
                "round_id": "r_dec23", "company": "Mistral AI", "round_label": None, "date": D(2023, 12, 1),
                "date_precision": "month", "amount": NAN, "currency": None, "amount_eur": NAN, "amount_usd": NAN,
                "pre_money": NAN, "post_money": 2e9, "valuation_currency": "EUR", "post_money_eur": 2e9,
                "post_money_usd": 2.15e9, "pre_money_eur": NAN, "pre_money_usd": NAN, "post_money_derived": False,
                "lead_investors": [], "investors": [], "n_sources": 1, "sources": ["a2"], "status": "announced",
                "agreement": "single source", "spread_pct": NAN,
            },
            {
                "round_id": "r_2024", "company": "Mistral AI", "round_label": None, "date": D(2024, 6, 1),
                "date_precision": "month", "amount": 600e6, "currency": "USD", "amount_eur": 556e6,
                "amount_usd": 600e6, "pre_money": NAN, "post_money": 6e9, "valuation_currency": "USD",
                "post_money_eur": 5.56e9, "post_money_usd": 6e9, "pre_money_eur": NAN, "pre_money_usd": NAN,
                "post_money_derived": False, "lead_investors": ["General Catalyst", "Lightspeed Venture Partners"],
                "investors": ["General Catalyst", "Lightspeed Venture Partners"], "n_sources": 2,
                "sources": ["a2", "a1"], "status": "announced", "agreement": "differ", "spread_pct": 7.9,
            },
            {
                "round_id": "r_c", "company": "Mistral AI", "round_label": "Series C", "date": D(2025, 9, 9),
                "date_precision": "day", "amount": 1.7e9, "currency": "EUR", "amount_eur": 1.7e9,
                "amount_usd": 2.0e9, "pre_money": 10e9, "post_money": 11.7e9, "valuation_currency": "EUR",
                "post_money_eur": 11.7e9, "post_money_usd": 13.7e9, "pre_money_eur": 10e9, "pre_money_usd": 11.7e9,
                "pre_money_derived": True, "post_money_derived": False, "lead_investors": ["ASML"],
                "investors": ["ASML", "DST Global", "Nvidia"], "n_sources": 2, "sources": ["a0", "a1"],
                "status": "announced", "agreement": "agree", "spread_pct": 0.0,
            },
            {
                "round_id": "r_q", "company": "Quantix Robotics", "round_label": "Series B", "date": D(2025, 3, 13),
                "date_precision": "day", "amount": 45e6, "currency": "USD", "amount_eur": 41e6, "amount_usd": 45e6,
                "post_money": NAN, "valuation_currency": None, "lead_investors": ["Index Ventures"],
                "investors": ["Index Ventures"], "n_sources": 1, "sources": ["e1"], "status": "announced",
            },
        ]
    )  # fmt: skip
    investments = pd.DataFrame(
        [
            ("r_c", "Mistral AI", "ASML", "lead", 1.3e9, "EUR", 1.3e9, 1.52e9, 11.0, 11.1, False, 2),
            ("r_c", "Mistral AI", "DST Global", "participant", NAN, None, NAN, NAN, NAN, NAN, False, 2),
            ("r_c", "Mistral AI", "Nvidia", "participant", NAN, None, NAN, NAN, NAN, NAN, False, 1),
            ("r_2024", "Mistral AI", "General Catalyst", "lead", NAN, None, NAN, NAN, NAN, NAN, False, 1),
            ("r_q", "Quantix Robotics", "Index Ventures", "lead", 20e6, "USD", 18e6, 20e6, NAN, NAN, False, 1),
        ],
        columns=[
            "round_id", "company", "investor", "role", "amount", "currency", "amount_eur", "amount_usd",
            "stake_reported", "stake_implied", "stake_mismatch", "n_sources",
        ],
    )  # fmt: skip
    valuations = pd.DataFrame(
        [
            ("Mistral AI", D(2025, 9, 9), 11.7e9, "EUR", 11.7e9, 13.7e9, "post", "a0", "Gate", "announced", "Cela propulse…", 90, 110, "r_c"),
            ("Mistral AI", D(2025, 9, 9), 11.7e9, "EUR", 11.7e9, 13.7e9, "post", "a1", None, "announced", "valorise à 11,7…", 50, 70, "r_c"),
            ("Mistral AI", D(2024, 5, 9), 6e9, "USD", 5.56e9, 6e9, "post", "a2", None, "reported", "tripler sa valorisation…", 10, 30, "r_2024"),
            ("Mistral AI", D(2023, 12, 1), 2e9, "EUR", 2e9, 2.15e9, "unknown", "a2", None, "announced", "valorisée à 2 milliards…", 40, 60, "r_dec23"),
            ("Mistral AI", D(2025, 6, 1), 6e9, "USD", 5.3e9, 6e9, "unknown", "a4", "01net", "announced", "pèse plus de 6 milliards…", 5, 25, None),
        ],
        columns=[
            "company", "date", "value", "currency", "value_eur", "value_usd", "basis", "article_id", "publisher",
            "status", "sentence", "start", "end", "round_id",
        ],
    )  # fmt: skip
    s0 = TEXT_A0.index(SENTENCE_C)
    f0 = TEXT_A0.index("1,3 milliard d'euros")
    mentions = pd.DataFrame(
        [
            ("m1", "a0", "r_c", "investment", "Mistral AI", 1.3e9, "EUR", 1.3e9, 1.52e9, "announced", "ASML", "lead",
             SENTENCE_C, f0, f0 + len("1,3 milliard d'euros"), s0, s0 + len(SENTENCE_C), "Gate"),
            ("m2", "a0", "r_c", "round_amount", "Mistral AI", 2e9, "USD", 1.7e9, 2e9, "announced", None, None,
             "… ($2 billion) …", 3, 9, 0, 20, "Gate"),
            ("m3", "a2", "r_2024", "round_amount", "Mistral AI", 600e6, "USD", 556e6, 600e6, "reported", None, None,
             "en passe de finaliser une levée d'environ 600 millions de dollars", 40, 70, 0, 90, None),
            ("m4", "a4", None, "valuation", "Mistral AI", 6e9, "USD", 5.3e9, 6e9, "announced", None, None,
             "pèse plus de 6 milliards de dollars", 5, 25, 0, 40, "01net"),
            ("m5", "e1", "r_q", "round_amount", "Quantix Robotics", 45e6, "USD", 41e6, 45e6, "announced", None, None,
             "Quantix Robotics raised $45 million", 24, 35, 0, 36, "Test Wire"),
        ],
        columns=[
            "mention_id", "article_id", "round_key", "kind", "company", "value", "currency", "value_eur", "value_usd",
            "status", "investor", "role", "sentence", "start", "end", "sentence_start", "sentence_end", "publisher",
        ],
    )  # fmt: skip
    sc = pd.DataFrame(
        [
            ("r_c", "Mistral AI", "Series C", "amount", "a0", "Gate", D(2025, 9, 9), 2e9, "USD", 1.7e9, 1.7e9, "EUR", True, "fx_conversion", "$2 bn = €1.7 bn at the ECB rate"),
            ("r_c", "Mistral AI", "Series C", "amount", "a1", None, D(2025, 9, 9), 1.7e9, "EUR", 1.7e9, 1.7e9, "EUR", True, "same", None),
            ("r_2024", "Mistral AI", None, "amount", "a2", None, D(2024, 5, 9), 600e6, "USD", 556e6, 600e6, "USD", True, "same", None),
            ("r_2024", "Mistral AI", None, "amount", "a1", None, D(2025, 9, 9), 600e6, "EUR", 600e6, 600e6, "USD", False, "unexplained", None),
        ],
        columns=[
            "round_id", "company", "round_label", "field", "article_id", "publisher", "published", "value_num", "currency",
            "value_eur", "consensus_num", "consensus_currency", "agrees", "explanation", "note",
        ],
    )  # fmt: skip
    return V.Tables(articles, mentions, rounds, investments, valuations, sc)


@pytest.fixture
def tables() -> V.Tables:
    return _tables()


# -- formatting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (1.7e9, "EUR", "€1.7 bn"),
        (11.7e9, "EUR", "€11.7 bn"),
        (2e9, "USD", "$2 bn"),
        (600e6, "USD", "$600 M"),
        (16e6, "USD", "$16 M"),
        (1_234_000, "CHF", "1.23 M CHF"),
        (385e6, None, "385 M (currency unknown)"),
        (None, "EUR", "unknown"),
        (NAN, "EUR", "unknown"),
    ],
)
def test_fmt_money(value, currency, text):
    assert V.fmt_money(value, currency) == text


def test_fmt_pct_and_dates():
    assert V.fmt_pct(11.0) == "11 %"
    assert V.fmt_pct(11.11) == "11.1 %"
    assert V.fmt_pct(None) == ""
    assert V.fmt_date(D(2025, 9, 9), "day") == "9 Sep 2025"
    assert V.fmt_date("2025-09-01", "month") == "Sep 2025"
    assert V.fmt_date(pd.Timestamp("2024-01-01"), "year") == "2024"
    assert V.fmt_date(None) == ""


def test_as_list_accepts_lists_arrays_and_strings():
    import numpy as np

    assert V.as_list(["a", None, "b"]) == ["a", "b"]
    assert V.as_list(np.array(["x", "y"])) == ["x", "y"]
    assert V.as_list("a; b") == ["a", "b"]
    assert V.as_list("ASML, Nvidia") == ["ASML", "Nvidia"]
    assert V.as_list(None) == []
    assert V.as_list(NAN) == []


def test_source_labels_unique(tables):
    labels = V.source_labels(tables.articles)
    assert labels["a0"] == "Gate"
    assert labels["a4"] == "01net"
    assert labels["a1"].startswith("? · ") and labels["a2"].startswith("? · ")
    assert len(set(labels.values())) == len(labels)


# -- filters ------------------------------------------------------------------------


def test_filters_query_round_trip():
    f = V.Filters(
        publishers=("01net", "Gate"),
        date_from=D(2024, 1, 1),
        date_to=D(2025, 12, 31),
        companies=("Mistral AI",),
        languages=("fr",),
        statuses=("reported",),
    )
    q = f.to_query()
    assert q["publisher"] == ["01net", "Gate"]
    assert q["from"] == ["2024-01-01"]
    assert V.Filters.from_query(q) == f
    # single strings (AppTest / st.query_params.to_dict) and junk statuses
    g = V.Filters.from_query({"publisher": "01net", "status": ["bogus", "announced"], "from": "not a date"})
    assert g == V.Filters(publishers=("01net",), statuses=("announced",))
    assert V.Filters().to_query() == {}
    assert not V.Filters().active


def test_filter_options(tables):
    opts = V.filter_options(tables)
    assert opts["publishers"] == ["(unknown)", "01net", "Gate", "Test Wire"]
    assert opts["companies"] == ["Mistral AI", "Quantix Robotics"]
    assert opts["languages"] == ["en", "fr"]
    assert opts["statuses"][:2] == ["announced", "reported"]


def test_no_filter_is_identity(tables):
    assert V.apply_filters(tables, V.Filters()) is tables


def test_publisher_01net_leaves_only_its_valuation(tables):
    out = V.apply_filters(tables, V.Filters(publishers=("01net",)))
    assert out.rounds.empty
    assert out.investments.empty
    assert out.source_comparison.empty
    assert list(out.articles["article_id"]) == ["a4"]
    assert len(out.valuations) == 1
    assert out.valuations.iloc[0]["value"] == 6e9 and out.valuations.iloc[0]["currency"] == "USD"
    assert V.why_empty(tables, V.Filters(publishers=("01net",)), "rounds") == (
        "No rounds match: publisher = 01net removes all 4 rounds."
    )


def test_unknown_publisher_and_date_range(tables):
    out = V.apply_filters(tables, V.Filters(publishers=("(unknown)",)))
    assert set(out.articles["article_id"]) == {"a1", "a2"}
    assert set(out.rounds["round_id"]) == {"r_dec23", "r_2024", "r_c"}
    # comparisons keep only the selected sources
    assert set(out.source_comparison["article_id"]) == {"a1", "a2"}

    out = V.apply_filters(tables, V.Filters(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31)))
    assert list(out.articles["article_id"]) == ["a2"]
    assert set(out.rounds["round_id"]) == {"r_dec23", "r_2024"}
    assert set(out.investments["investor"]) == {"General Catalyst"}


def test_company_language_and_status_filters(tables):
    out = V.apply_filters(tables, V.Filters(companies=("Quantix Robotics",)))
    assert list(out.rounds["round_id"]) == ["r_q"]
    assert list(out.articles["article_id"]) == ["e1"]
    assert out.valuations.empty

    out = V.apply_filters(tables, V.Filters(languages=("en",)))
    assert list(out.rounds["round_id"]) == ["r_q"]

    out = V.apply_filters(tables, V.Filters(statuses=("reported",)))
    assert out.rounds.empty  # every round was announced by some source
    assert list(out.valuations["status"]) == ["reported"]
    assert list(out.articles["article_id"]) == ["a2"]
    msg = V.why_empty(tables, V.Filters(statuses=("reported",)), "rounds")
    assert msg == "No rounds match: status = reported removes all 4 rounds."


def test_why_empty_combination_and_empty_store(tables):
    f = V.Filters(publishers=("Test Wire",), companies=("Mistral AI",))
    assert V.apply_filters(tables, f).rounds.empty
    assert "together remove all 4 rounds" in V.why_empty(tables, f, "rounds")
    assert "store holds no articles" in V.why_empty(V.Tables(), V.Filters(), "rounds")


# -- overview -----------------------------------------------------------------------


def test_headline(tables):
    h = V.headline(tables)
    assert h.n_rounds == 4
    assert h.rounds_with_amount == 3
    assert h.total_raised_eur == pytest.approx(1.7e9 + 556e6 + 41e6)
    assert h.latest_valuation["value"] == 11.7e9 and h.latest_valuation["currency"] == "EUR"
    assert h.latest_article == D(2025, 9, 9)
    assert h.n_investors == 6
    assert h.n_sources == 5
    one = V.headline(V.apply_filters(tables, V.Filters(publishers=("01net",))))
    assert one.n_rounds == 0 and one.total_raised_eur is None
    assert one.latest_valuation["value"] == 6e9 and one.latest_valuation["currency"] == "USD"
    assert (h.latest_article_precision, one.latest_article_precision) == ("day", "month")


def test_rounds_table_shows_unknown_not_zero(tables):
    t = V.rounds_table(tables.rounds)
    assert list(t["Company"]) == ["Mistral AI", "Mistral AI", "Quantix Robotics", "Mistral AI"]
    dec = t.iloc[0]
    assert dec["Amount"] == "unknown" and pd.isna(dec["Amount (EUR)"])
    c = t.iloc[-1]
    assert c["Amount"] == "€1.7 bn" and c["Post-money"] == "€11.7 bn" and c["Pre-money"] == "€10 bn (derived)"
    assert c["Lead"] == "ASML"
    assert pd.api.types.is_datetime64_any_dtype(t["Date"])
    assert V.rounds_table(tables.rounds.iloc[0:0]).empty


def test_corpus_state_and_articles_table(tables):
    s = V.corpus_state(tables.articles)
    assert s["n_articles"] == 5
    assert s["languages"] == {"fr": 4, "en": 1}
    assert s["publishers"]["(unknown)"] == 2
    assert (s["first"], s["last"]) == (D(2024, 5, 9), D(2025, 9, 9))
    t = V.articles_table(tables.articles, tables.mentions)
    assert t.iloc[0]["Published"] == pd.Timestamp("2025-09-09")
    assert dict(zip(t["article_id"], t["Figures"], strict=True))["a0"] == 2


# -- timeline -----------------------------------------------------------------------


def test_timeline_series_per_currency(tables):
    eur = V.timeline(tables, "EUR")
    assert list(eur.post["value"]) == [2e9, 5.56e9, 11.7e9]
    assert list(eur.pre["value"]) == [10e9] and bool(eur.pre["derived"].iloc[0])
    assert len(eur.points) == 5
    assert set(eur.points["status"]) == {"announced", "reported"}
    assert list(eur.raised["value"]) == [556e6, 41e6, 1.7e9]
    usd = V.timeline(tables, "USD")
    assert usd.post["value"].iloc[-1] == 13.7e9
    assert usd.points.loc[usd.points["source"] == "01net", "value"].item() == 6e9
    assert "pèse plus de 6 milliards" in usd.points.loc[usd.points["source"] == "01net", "sentence"].item()
    one = usd.points.loc[usd.points["source"] == "01net"].iloc[0]
    assert one["published"] == pd.Timestamp("2025-06-15") and one["published_precision"] == "month"
    assert V.fmt_date(one["published"], one["published_precision"]) == "Jun 2025"
    assert V.timeline(V.Tables(), "EUR").empty


def test_timeline_of_chosen_companies_and_the_chart_default(tables, monkeypatch):
    # Mistral AI: 4 rounds + 5 valuation figures; Quantix Robotics: 1 round
    assert V.chart_companies(tables) == (["Mistral AI", "Quantix Robotics"], 2)
    monkeypatch.setattr(V, "CHART_COMPANIES", 1)
    assert V.chart_companies(tables) == (["Mistral AI"], 2)
    assert V.chart_companies(tables, 5) == (["Mistral AI", "Quantix Robotics"], 2)
    only = V.timeline(tables, "EUR", ("Quantix Robotics",))
    assert list(only.raised["value"]) == [41e6] and only.points.empty and only.post.empty
    assert V.timeline(tables, "EUR", ()).empty


def test_ranked_companies_most_rounds_first(tables):
    assert V.ranked_companies(tables.investments) == ["Mistral AI", "Quantix Robotics"]
    assert V.ranked_companies(tables.source_comparison, "article_id") == ["Mistral AI"]
    assert V.ranked_companies(pd.DataFrame()) == []


def test_tables_memo_is_per_instance(tables):
    links = V.round_article_links(tables)
    assert V.round_article_links(tables) is links
    assert V.round_article_links(V.Tables.of(tables.frames())) is not links


# -- cap table ----------------------------------------------------------------------


def test_cap_table(tables):
    mistral = V.apply_filters(tables, V.Filters(companies=("Mistral AI",)))
    cap = V.cap_table(mistral)
    c = "Mistral AI · Series C · 9 Sep 2025"
    assert cap.matrix.loc[c, "ASML"] == "★ €1.3 bn · stake 11 % (implied 11.1 %)"
    assert cap.matrix.loc[c, "DST Global"] == "unknown"
    assert cap.matrix.loc["Mistral AI · round · Jun 2024", "General Catalyst"] == "★ unknown"
    assert cap.matrix.loc["Mistral AI · round · Jun 2024", "ASML"] == ""
    totals = cap.totals.set_index("Investor")
    assert totals.loc["ASML", "Total"] == "€1.3 bn"
    assert totals.loc["DST Global", "Total"] == "unknown"
    assert math.isnan(totals.loc["DST Global", "Known (EUR)"])
    assert totals.loc["ASML", "Led"] == 1
    after_c = cap.holdings[cap.holdings["round"] == c].set_index("investor")
    assert after_c.loc["ASML", "stake_pct"] == pytest.approx(11.0, abs=0.5)
    assert after_c.loc["ASML", "how"] == "reported"


def test_cap_table_dilution_and_empty():
    rounds = pd.DataFrame(
        [
            {"round_id": "A", "company": "X", "round_label": "Seed", "date": D(2020, 1, 1), "amount_eur": 1e6, "post_money_eur": 5e6},
            {"round_id": "B", "company": "X", "round_label": "Series A", "date": D(2021, 1, 1), "amount_eur": 5e6, "post_money_eur": 20e6},
            {"round_id": "C", "company": "X", "round_label": "Series B", "date": D(2022, 1, 1), "amount_eur": None, "post_money_eur": None},
        ]
    )  # fmt: skip
    inv = pd.DataFrame(
        [
            {"round_id": "A", "company": "X", "investor": "Angel", "role": "lead", "amount_eur": 1e6},
            {"round_id": "B", "company": "X", "investor": "VC", "role": "lead", "amount_eur": 5e6},
            {"round_id": "C", "company": "X", "investor": "Late", "role": "lead", "amount_eur": None},
        ]
    )
    cap = V.cap_table(V.Tables(rounds=rounds, investments=inv))
    h = cap.holdings
    assert h[(h["round"].str.contains("Seed")) & (h["investor"] == "Angel")][
        "stake_pct"
    ].item() == pytest.approx(20)
    after_a = h[h["round"].str.contains("Series A")].set_index("investor")
    assert after_a.loc["Angel", "stake_pct"] == pytest.approx(15)  # 20 % diluted by 5/20
    assert after_a.loc["Angel", "how"] == "diluted"
    assert after_a.loc["VC", "stake_pct"] == pytest.approx(25)
    assert h[h["round"].str.contains("Series B")].empty  # the data stops there
    assert V.cap_table(V.Tables()).matrix.empty


# -- source comparison --------------------------------------------------------------


def test_comparison_grid(tables):
    comp = V.comparison(tables)
    t = comp.table
    assert list(t.columns[:3]) == ["Round", "Field", "Consensus"] and t.columns[-1] == "Differences"
    assert "Gate" in comp.sources
    c_row = t.index[t["Round"].str.contains("Series C")].item()
    assert t.loc[c_row, "Gate"] == "$2 bn"
    assert comp.kinds.loc[c_row, "Gate"] == "agrees (FX)"
    assert t.loc[c_row, "Consensus"] == "€1.7 bn"
    assert "same figure in another currency" in t.loc[c_row, "Differences"]
    y_row = t.index[t["Round"].str.contains("Jun 2024")].item()
    a1 = V.source_labels(tables.articles)["a1"]
    assert comp.kinds.loc[y_row, a1] == "unexplained"
    assert [r["article_id"] for r in comp.cells[(c_row, "Gate")]] == ["a0"]
    assert V.comparison(V.Tables()).table.empty


def test_evidence_for_finds_the_mention(tables):
    comp = V.comparison(tables)
    c_row = comp.table.index[comp.table["Round"].str.contains("Series C")].item()
    ev = V.evidence_for(tables, comp.cells[(c_row, "Gate")][0])
    assert ev and ev[0]["mention_id"] == "m2"


# -- highlighted text ---------------------------------------------------------------


def test_highlight_segments_merge_and_clip():
    segs = V.highlight_segments(
        "abcdefghij", [(2, 4, "x", None), (3, 6, "y", "reported"), (8, 20, "z", None), (5, 5, "e", None)]
    )
    assert [s.text for s in segs] == ["ab", "cdef", "gh", "ij"]
    assert segs[1].label == "x; y" and segs[1].kind == "reported"
    assert segs[3].label == "z"
    assert "".join(s.text for s in segs) == "abcdefghij"


def test_segments_to_html_escapes_article_text():
    text = 'Evil <script>alert(1)</script> **bold** $x$ <img src=x onerror="alert(2)"> raised $20 million'
    at = text.index("$20 million")
    html_out = V.segments_to_html(V.highlight_segments(text, [(at, len(text), 'a "label" <b>', "announced")]))
    assert "<script>" not in html_out and "<img" not in html_out
    assert "&lt;script&gt;" in html_out
    assert 'title="a &quot;label&quot; &lt;b&gt;"' in html_out
    assert "<mark" in html_out and "$20 million</mark>" in html_out


def test_sentence_in_context(tables):
    ev = tables.mentions.set_index("mention_id").loc["m1"].to_dict()
    segs, where = V.sentence_in_context(TEXT_A0, ev, context=5)
    assert where == "article"
    marked = [s for s in segs if s.label]
    assert [s.text for s in marked] == ["1,3 milliard d'euros"]
    joined = "".join(s.text for s in segs)
    assert SENTENCE_C in joined and joined.startswith("…")
    sentence = "".join(s.text for s in segs if s.kind == "sentence" or s.label)
    assert sentence == SENTENCE_C  # the sentence is set apart, the figure marked inside it
    assert '<span style="background:#eef1f6' in V.segments_to_html(segs)
    # without the article text: the sentence alone, figure placed by offsets
    segs, where = V.sentence_in_context(None, ev)
    assert where == "sentence"
    assert [s.text for s in segs if s.label] == ["1,3 milliard d'euros"]
    assert V.sentence_in_context(None, {})[1] == "none"


def test_article_spans_and_facts(tables):
    spans = V.article_spans(tables.mentions, "a0")
    assert len(spans) == 2 and spans[0][2].startswith("investment: €1.3 bn (ASML)")
    facts = V.facts_table(tables.mentions, "a0")
    assert list(facts["Figure"]) == ["$2 bn", "€1.3 bn"]
    assert V.facts_table(tables.mentions, "nope").empty


def test_evidence_for_fields_without_a_figure(tables):
    date_row = {
        "article_id": "a2",
        "round_id": "r_2024",
        "field": "date",
        "value": "2024-05-09",
        "company": "Mistral AI",
    }
    assert [r["mention_id"] for r in V.evidence_for(tables, date_row)] == ["m3"]
    lead_row = {
        "article_id": "a0",
        "round_id": "r_c",
        "field": "lead_investors",
        "value": "ASML",
        "value_num": None,
    }
    assert V.evidence_for(tables, lead_row)[0]["mention_id"] == "m1"
    assert V.evidence_for(tables, {"article_id": "nope", "field": "amount", "value_num": 1.0}) == []


def test_comparison_text_fields():
    sc = pd.DataFrame(
        [
            {"round_id": "r", "company": "X", "field": "lead_investors", "article_id": "a", "value": "ASML",
             "value_num": None, "consensus": "ASML", "consensus_num": None, "agrees": True, "explanation": "same"},
            {"round_id": "r", "company": "X", "field": "date", "article_id": "a", "value": "2025-09-09",
             "value_num": None, "consensus": "2025-09-09", "consensus_num": None, "agrees": True, "explanation": "same"},
        ]
    )  # fmt: skip
    arts = pd.DataFrame(
        [{"article_id": "a", "publisher": "P", "title": "t", "file": "f", "published": D(2025, 9, 9)}]
    )
    comp = V.comparison(V.Tables(articles=arts, source_comparison=sc))
    assert list(comp.table["P"]) == ["9 Sep 2025", "ASML"]  # a date without its precision: the day
    assert list(comp.table["Consensus"]) == ["9 Sep 2025", "ASML"]
    assert set(comp.kinds["P"]) == {"agrees"}
    # the note states the source's and the consensus's precision; the round's precision wins
    sc.loc[1, "note"] = "month vs year precision"
    comp = V.comparison(V.Tables(articles=arts, source_comparison=sc))
    assert list(comp.table["P"]) == ["Sep 2025", "ASML"] and list(comp.table["Consensus"]) == ["2025", "ASML"]
    rounds = pd.DataFrame([{"round_id": "r", "company": "X", "date": D(2025, 9, 9), "date_precision": "day"}])
    comp = V.comparison(V.Tables(articles=arts, rounds=rounds, source_comparison=sc))
    assert list(comp.table["Consensus"]) == ["9 Sep 2025", "ASML"]


def test_md_escape_makes_data_literal():
    text = "[click](javascript:alert(1)) $x$ :red[hi] <b>x</b> a_b *c*\nnext"
    out = V.md_escape(text)
    assert "\n" not in out
    for raw in ("[", "]", "(", ")", "$", ":", "<", ">", "_", "*"):
        assert raw not in out.replace("\\" + raw, "")
    assert re.sub(r"\\(.)", r"\1", out) == text.replace("\n", " ")


def test_search_labels_keeps_order_and_needs_every_word() -> None:
    labels = {"a": "2025-09-09 · Les Echos · Mistral AI lève 1,7 milliard", "b": "2024-06-11 · 01net · Mistral vaut 6 Md$",
              "c": "2023-12-10 · Le Monde · OpenAI"}
    assert V.search_labels(labels, "") == ["a", "b", "c"]
    assert V.search_labels(labels, "mistral") == ["a", "b"]
    assert V.search_labels(labels, "MISTRAL echos") == ["a"]
    assert V.search_labels(labels, "nothing") == []


def test_match_companies_takes_the_store_spelling() -> None:
    found, unknown = V.match_companies([" mistral ai", "MISTRAL AI", "Nope"], ["Mistral AI", "Aleph Alpha"])
    assert found == ["Mistral AI"]
    assert unknown == ["Nope"]


# -- dates at their precision, cells an analyst reads (frames built by the store) -----------

ROOT = Path(__file__).resolve().parent.parent
BAD_CELLS = {"None", "nan", "NaN", "NaT", "<NA>", "null"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> V.Tables:
    """The seeds as the dashboard reads them: ingested into a DuckDB store, loaded back."""
    from analysis import frames, store

    db = tmp_path_factory.mktemp("views") / "levee.duckdb"
    store.ingest([ROOT / "seeds"], manifest=ROOT / "seeds" / "manifest.csv", db=db, progress=False)
    return V.Tables.of(frames.load(db))


def _shown_tables(t: V.Tables) -> dict[str, pd.DataFrame]:
    """Every table the dashboard shows, as it shows them (V.screen)."""
    cap = V.cap_table(t)
    tl = V.timeline(t, "EUR")
    out = {
        "rounds": V.rounds_table(t.rounds),
        "articles": V.articles_table(t.articles, t.mentions).drop(columns=["article_id", "ingested_at"]),
        "cap_matrix": cap.matrix.reset_index(),
        "cap_totals": cap.totals,
        "cap_holdings": cap.holdings.drop(columns=["order"]),
        "comparison": V.comparison(t).table,
        "timeline_points": V.points_table(tl.points, "EUR"),
    }
    for aid in t.articles["article_id"]:
        out[f"facts_{aid}"] = V.facts_table(t.mentions, aid)
    out.update({f"data_{name}": frame for name, frame in V.data_tables(t).items()})
    return {name: V.screen(frame) for name, frame in out.items()}


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for col in frame.columns for v in frame[col] if not V.is_missing(v)]


def test_a_year_precision_round_shows_its_year_and_keeps_iso_in_csv(stored):
    table = V.rounds_table(stored.rounds)
    year = table[table["Precision"] == "year"]
    assert len(year) == 1 and year["Date"].iloc[0] == pd.Timestamp("2024-01-01")
    shown = V.screen(table)
    assert "Precision" not in shown.columns
    assert shown.loc[year.index[0], "Date"] == "2024"
    assert shown.loc[year.index[0], "Round"] == "round · 2024"
    assert set(shown["Date"]) == {"Dec 2023", "2024", "Feb 2024", "9 Sep 2025"}
    # rows in date order (the text itself would sort "2024" before "9 Sep 2025" before "Dec 2023")
    assert list(shown["Date"]) == ["Dec 2023", "2024", "Feb 2024", "9 Sep 2025"]
    csv = V.csv_frame(table)
    assert csv.loc[year.index[0], "Date"] == "2024-01-01" and csv.loc[year.index[0], "Precision"] == "year"
    assert csv["Date"].tolist() == ["2023-12-01", "2024-01-01", "2024-02-01", "2025-09-09"]


def test_a_month_precision_valuation_spans_its_month_on_the_timeline(stored):
    tl = V.timeline(stored, "EUR")
    dec = tl.points[(tl.points["date"] == pd.Timestamp("2023-12-01")) & (tl.points["company"] == "Mistral AI")]
    assert len(dec) == 1
    p = dec.iloc[0]
    assert p["precision"] == "month" and p["when"] == "Dec 2023"
    assert (p["start"], p["end"]) == (pd.Timestamp("2023-12-01"), pd.Timestamp("2023-12-31"))
    assert p["x"] == pd.Timestamp("2023-12-16")  # drawn at the middle of its month, not the 1st
    # the year-precision round spans its year; a day-precision figure is its day
    raised = tl.raised.set_index("when")
    assert (raised.loc["2024", "start"], raised.loc["2024", "end"]) == (
        pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))  # fmt: skip
    day = tl.points[tl.points["precision"] == "day"].iloc[0]
    assert day["start"] == day["end"] == day["x"] == day["date"]
    assert list(tl.points["x"]) == sorted(tl.points["x"])


def test_period_of_each_precision():
    assert V.period("2024-02-10", "month") == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))
    assert V.period(D(2024, 1, 1), "year") == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))
    assert V.period(D(2024, 3, 5), None) == (pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-05"))
    assert V.period(None, "day") is None


def test_no_shown_table_has_none_nan_or_an_iso_date(stored):
    shown = _shown_tables(stored)
    for name, frame in shown.items():
        bad = [c for c in _cells(frame) if c.strip() in BAD_CELLS]
        assert not bad, (name, bad)
        for col in frame.columns:
            text = frame[col]
            if pd.api.types.is_object_dtype(text.dtype) or pd.api.types.is_string_dtype(text.dtype):
                assert not text.isna().any(), (name, col)  # missing text is "", shown blank
        assert not any(str(c).endswith("recision") for c in frame.columns), name
    # every date column reads at its precision, never 2024-01-01
    for name in ("rounds", "articles", "timeline_points", "data_rounds", "data_valuations", "data_mentions"):
        frame = shown[name]
        for col in frame.columns:
            if str(col).lower() in {"date", "published", "first_reported"}:
                assert not any(ISO.match(c) for c in frame[col].astype(str)), (name, col)
    assert "2024" in set(shown["data_rounds"]["date"]) and "Dec 2023" in set(shown["data_valuations"]["date"])
    # source comparison dates at their precision too
    grid = shown["comparison"]
    dates = grid[(grid["Field"] == "date") & grid["Round"].str.endswith("· 2024")].iloc[0]
    assert dates["Consensus"] == "2024" and "9 May 2024" in set(dates)


def test_missing_money_reads_unknown_in_every_money_text_cell(stored):
    shown = V.screen(V.rounds_table(stored.rounds))
    for col in ("Amount", "Post-money", "Pre-money"):
        assert "" not in set(shown[col]), col
    assert "unknown" in set(shown["Post-money"]) and "unknown" in set(shown["Amount"])


def test_data_tables_state_each_dates_precision(stored):
    data = V.data_tables(stored)
    vals = data["valuations"]
    assert list(vals.columns).index("published_precision") == list(vals.columns).index("published") + 1
    pubs = dict(zip(stored.articles["article_id"], stored.articles["published_precision"], strict=True))
    assert list(vals["published_precision"]) == [pubs[a] for a in vals["article_id"]]
    rounds = data["rounds"].set_index("round_id")
    assert rounds.loc["mistral-ai-2025-09", "first_reported_precision"] == "day"  # 9 Sep 2025, dated to the day
    assert set(rounds["first_reported_precision"]) <= {"day", "month", "year"}
    csv = V.csv_frame(data["valuations"])
    assert all(ISO.fullmatch(d) for d in csv["published"]) and "month" in set(csv["published_precision"])


def test_files_are_shown_relative_to_the_folder_ingested(stored, tmp_path):
    assert all(str(f).startswith(str(ROOT / "seeds")) for f in stored.articles["file"])  # stored as given
    listing = V.articles_table(stored.articles, stored.mentions)
    assert set(listing["File"]) == {Path(f).name for f in stored.articles["file"]}
    data = V.screen(V.data_tables(stored)["articles"])
    assert set(data["file"]) == set(listing["File"])
    # a folder of sub-folders, a path given relative to the current folder, a missing one
    a, b = tmp_path / "news" / "2024" / "a.txt", tmp_path / "news" / "2025" / "b.txt"
    assert V.relative_paths([str(a), str(b), None]) == ["2024/a.txt", "2025/b.txt", ""]
    assert V.relative_paths(["seeds/x.txt", str(Path.cwd() / "data" / "uploads" / "y.txt")]) == [
        "seeds/x.txt", "data/uploads/y.txt"]  # fmt: skip
    assert V.relative_paths([str(a)]) == ["a.txt"]
    # one page of a table keeps the folders of the whole table
    assert V.relative_paths([str(a)], among=[str(a), str(b)]) == ["2024/a.txt"]


def test_round_titles_and_unknown_file_hints():
    assert V.round_title({"round_label": "Series B", "date": D(2024, 6, 3), "date_precision": "month"}) == (
        "Series B · Jun 2024")  # fmt: skip
    assert V.round_title({"round_label": None, "date": D(2024, 1, 1), "date_precision": "year"}) == "round · 2024"
    assert V.round_title({"round_label": "Seed", "date": None}) == "Seed"
    arts = pd.DataFrame([
        {"article_id": "x", "publisher": None, "title": None, "file": "/home/me/news/2024/very-long-name.txt"},
        {"article_id": "y", "publisher": None, "title": None, "file": None},
    ])  # fmt: skip
    assert V.source_labels(arts) == {"x": "? · very-long-name.txt", "y": "? · y"}
