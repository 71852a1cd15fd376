"""Merging what articles say into rounds: currencies, rumours, pre/post, stakes, distinct rounds."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from mistral_facts import (
    D,
    actuia_may_2024,
    afp_june_2024,
    cnbc_june_2024,
    seed_article,
    seed_facts,
    simple,
)

from analysis import frames as fr
from analysis.history.consolidate import (
    STAKE_TOLERANCE_PTS,
    company_groups,
    consolidate,
    mention_rows,
    mentions_frame,
)
from analysis.labels import normalise_label
from analysis.model import ArticleFacts, Investment
from analysis.money import format_money


def run(facts: list[ArticleFacts]):
    articles = pd.DataFrame([
        {"article_id": f.article_id, "file": f.file, "publisher": f.publisher, "published": f.published,
         "published_precision": f.published_precision, "language": f.language,
         "ingested_at": dt.datetime(2026, 1, 1)}
        for f in facts
    ])
    return consolidate(fr.conform("articles", articles), mentions_frame(facts))


def one(frame: pd.DataFrame) -> pd.Series:
    assert len(frame) == 1, frame
    return frame.iloc[0]


# --------------------------------------------------------------------------- mentions


def test_mentions_trace_every_figure_to_its_sentence():
    from mistral_facts import build_000

    article = seed_article("000_0f7d2169e025ef47.txt")
    facts = build_000(article)
    assert len(mention_rows(facts)) == len(mentions_frame([facts]))
    rows = mentions_frame([facts])
    kinds = rows["kind"].value_counts().to_dict()
    assert kinds["round_amount"] == 1 and kinds["amount_alternative"] == 1 and kinds["valuation"] == 1
    assert kinds["investment"] == 1 and kinds["investor"] == 8
    for row in rows[rows["value"].notna()].itertuples():
        figure = article.text[row.start:row.end]
        assert figure and figure in row.sentence
        assert article.text[row.sentence_start:row.sentence_end] == row.sentence
    amount = one(rows[rows.kind == "round_amount"])
    assert amount.value_eur == 1.7e9
    assert amount.value_usd == pytest.approx(1.7e9 * amount.fx_rate)
    assert amount.fx_date == pd.Timestamp("2025-09-09")
    investment = one(rows[rows.kind == "investment"])
    assert (investment.investor, investment.role, investment.stake_pct) == ("ASML", "lead", 11.0)
    assert set(rows.loc[rows.kind == "investor", "investor"]) >= {"ASML", "Andreessen Horowitz", "Nvidia"}
    assert rows["mention_id"].is_unique


def test_a_round_without_amount_still_has_a_mention():
    facts = simple("06.txt", "Microsoft will also take a minority stake in Mistral.", D(2024, 2, 26), "Daily Maverick",
                   figure="Microsoft", amount=None, currency=None, investors=["Microsoft"])
    frame = mentions_frame([facts])
    amount = one(frame[frame.kind == "round_amount"])
    assert math.isnan(amount.value)
    assert amount.sentence.startswith("Microsoft will")


def test_unknown_currency_leaves_fx_empty():
    facts = simple("x.txt", "Acme raised 12 million dollars-ish tokens.", D(2024, 3, 1), "P",
                   figure="12 million", amount=12e6, currency="XTK", company="Acme")
    row = one(mentions_frame([facts]).query("kind == 'round_amount'"))
    assert math.isnan(row.value_eur) and math.isnan(row.value_usd)


# --------------------------------------------------------------------------- merging


def test_one_round_in_two_currencies():
    result = run([afp_june_2024(), cnbc_june_2024()])
    rnd = one(result.rounds)
    assert (rnd.amount, rnd.currency) in {(600e6, "EUR"), (645e6, "USD")}
    assert rnd.n_sources == 2
    assert rnd.agreement == "agree"
    amounts = result.source_comparison.query("field == 'amount'")
    assert set(amounts["explanation"]) <= {"same", "fx_conversion"}
    assert "fx_conversion" in set(amounts["explanation"])
    note = amounts.loc[amounts.explanation == "fx_conversion", "note"].iloc[0]
    assert "≈" in note and " at 1.0" in note and "on 2024-06-" in note


def test_rumour_then_announcement_is_one_announced_round_dated_at_the_announcement():
    result = run([actuia_may_2024(), afp_june_2024()])
    rnd = one(result.rounds)
    assert rnd.status == "announced"
    assert rnd.date == pd.Timestamp("2024-06-11") and rnd.date_precision == "day"
    assert rnd.first_reported == pd.Timestamp("2024-05-09")
    assert (rnd.amount, rnd.currency) == (600e6, "EUR")
    assert rnd.amount_usd == pytest.approx(600e6 * 1.08, rel=0.02)
    rumour = one(result.source_comparison.query("field == 'amount' and publisher == 'ActuIA'"))
    assert rumour.explanation == "rumour_superseded" and not rumour.agrees
    assert rumour.note.startswith("$600 M ≈ €5") and "on 2024-05-09; announced €600 M" in rumour.note
    status = one(result.source_comparison.query("field == 'status' and publisher == 'ActuIA'"))
    assert status.explanation == "rumour_superseded"
    assert rnd.agreement == "agree"  # explained differences only
    assert rnd.spread_pct == pytest.approx((600e6 - rumour.value_eur) / 600e6 * 100)


def test_a_rumour_far_from_the_announced_amount_is_another_round():
    far = simple("far.txt", "Mistral AI would raise $300 million.", D(2024, 5, 9), "Far", figure="$300 million",
                 amount=300e6, currency="USD", status="reported")
    assert len(run([far, afp_june_2024()]).rounds) == 2


def test_series_a_and_series_b_never_merge_even_with_the_same_amount():
    a = simple("a.txt", "Acme raised €20 million in a Series A.", D(2024, 3, 1), "P1", figure="€20 million",
               amount=20e6, currency="EUR", label="Series A", company="Acme")
    b = simple("b.txt", "Acme raised €20 million in a Series B.", D(2024, 4, 1), "P2", figure="€20 million",
               amount=20e6, currency="EUR", label="Series B", company="Acme")
    rounds = run([a, b]).rounds
    assert sorted(rounds["round_label"]) == ["Series A", "Series B"]


def test_same_amount_years_apart_are_two_rounds():
    a = simple("a.txt", "Acme raised €20 million in 2021.", D(2021, 3, 1), "P1", figure="€20 million",
               amount=20e6, currency="EUR", company="Acme")
    b = simple("b.txt", "Acme raised €20 million in 2024.", D(2024, 3, 1), "P2", figure="€20 million",
               amount=20e6, currency="EUR", company="Acme")
    assert len(run([a, b]).rounds) == 2


def mistral_history() -> list[ArticleFacts]:
    """The Mistral corpus as rounds: seed, Series A (+rumour), Microsoft, June 2024 (+rumour),
    2025 talks, Series C, 2026 talks."""
    s = simple
    return [
        s("01.txt", "Mistral AI s'apprêterait à lever 100 millions d'euros.", D(2023, 5, 1), "FrenchWeb",
          figure="100 millions d'euros", amount=100e6, currency="EUR", status="reported", precision="month",
          valuation=("100 millions d'euros", 240e6, "EUR", None), language="fr"),
        s("02.txt", "Mistral AI raised €105m in a seed round at €240m including the funds.", D(2023, 6, 14),
          "Irish Times", figure="€105m", amount=105e6, currency="EUR", label="Seed",
          valuation=("€240m", 240e6, "EUR", "post"), leads=["Lightspeed Venture Partners"]),
        s("03.txt", "Mistral AI lèverait 450 millions d'euros.", D(2023, 12, 5), "Siècle Digital",
          figure="450 millions d'euros", amount=450e6, currency="EUR", status="reported", language="fr",
          valuation=("450 millions d'euros", 2e9, "EUR", None), leads=["Andreessen Horowitz"]),
        s("05.txt", "Mistral AI boucle un tour de 385 millions d'euros, valorisée 2 milliards d'euros.", None,
          "CFNEWS", figure="385 millions d'euros", amount=385e6, currency="EUR", label="Series A",
          date=D(2023, 12, 1), precision="month", valuation=("2 milliards d'euros", 2e9, "EUR", None),
          leads=["a16z"], language="fr"),
        s("06.txt", "In December, it raised $415 million.", D(2024, 2, 26), "Daily Maverick",
          figure="$415 million", amount=415e6, currency="USD", date=D(2023, 12, 1), precision="month"),
        s("06b.txt", "Microsoft will take a minority stake in Mistral.", D(2024, 2, 26), "Bloomberg",
          figure="Microsoft", amount=None, currency=None, investors=["Microsoft"]),
        s("10b.txt", "Microsoft avait investi 15 millions d'euros en février.", D(2024, 6, 11), "AFP",
          figure="15 millions d'euros", amount=15e6, currency="EUR", date=D(2024, 2, 1), precision="month",
          investors=["Microsoft"], investments=[Investment("Microsoft", 15e6, "EUR")], language="fr"),
        s("07.txt", "Microsoft investit 16 millions de dollars dans Mistral AI.", None, "MWL",
          figure="16 millions de dollars", amount=16e6, currency="USD", investors=["Microsoft"], language="fr"),
        actuia_may_2024(),
        afp_june_2024(),
        cnbc_june_2024(euros=True),
        s("11.txt", "Mistral is in talks to raise $1 billion at a $10 billion valuation.", D(2025, 8, 4), "Zawya",
          figure="$1 billion", amount=1e9, currency="USD", status="reported",
          valuation=("$10 billion", 10e9, "USD", None), investors=["MGX"], company="Mistral"),
        s("12.txt", "Mistral serait sur le point de lever près d'un milliard d'euros.", D(2025, 8, 1),
          "KultureGeek", figure="près d'un milliard d'euros", amount=1e9, currency="EUR", status="reported",
          precision="month", investors=["MGX"], company="Mistral", language="fr"),
        s("14.txt", "Mistral AI lève 1,7 milliard d'euros, valorisée 11,7 milliards d'euros post-money.",
          D(2025, 9, 9), "L'Agefi", figure="1,7 milliard d'euros", amount=1.7e9, currency="EUR",
          valuation=("11,7 milliards d'euros", 11.7e9, "EUR", "post"), leads=["ASML"], language="fr",
          investments=[Investment("ASML", 1.3e9, "EUR", 11.0)]),
        s("13.txt", "Mistral raised €1.7 billion in a Series C at a €10 billion pre-money valuation.",
          D(2025, 9, 9), "RCR", figure="€1.7 billion", amount=1.7e9, currency="EUR", status="reported",
          label="Series C", valuation=("€10 billion", 10e9, "EUR", "pre"), leads=["ASML"]),
        s("15.txt", "Mistral AI could raise €3 billion at a €20 billion valuation.", D(2026, 6, 12), "Maddyness",
          figure="€3 billion", amount=3e9, currency="EUR", status="reported",
          valuation=("€20 billion", 20e9, "EUR", None)),
    ]


def test_distinct_rounds_never_merge():
    result = run(mistral_history())
    rounds = result.rounds.sort_values("date").reset_index(drop=True)
    assert set(rounds["company"]) == {"Mistral AI"}  # "Mistral" joined "Mistral AI"
    summary = [(r.date.strftime("%Y-%m"), r.status, format_money(r.amount, r.currency)) for r in rounds.itertuples()]
    assert summary == [
        ("2023-06", "announced", "€105 M"),
        ("2023-12", "announced", "€385 M"),
        ("2024-02", "announced", "€15 M"),
        ("2024-06", "announced", "€600 M"),
        ("2025-08", "reported", "€1 bn"),  # $1bn / €1bn: one each, the earliest report wins the tie
        ("2025-09", "announced", "€1.7 bn"),
        ("2026-06", "reported", "€3 bn"),
    ]
    assert list(rounds["n_sources"]) == [2, 3, 3, 3, 2, 2, 1]
    series_a = rounds.iloc[1]
    assert series_a.round_label == "Series A" and series_a.lead_investors == "Andreessen Horowitz"
    assert series_a.agreement == "agree"  # €450M is a superseded rumour, $415M an FX restatement
    talks, series_c = rounds.iloc[4], rounds.iloc[5]
    assert talks.followed_by == series_c.round_id  # the talks are linked to, not merged into, the Series C
    assert talks.agreement == "differ"  # "$1bn" vs "près d'un milliard d'euros": 15 % apart, both rumours
    comparison = result.source_comparison
    zawya = one(comparison.query("round_id == @talks.round_id and field == 'amount' and publisher == 'Zawya'"))
    assert zawya.explanation == "unexplained" and zawya.note.startswith("$1 bn ≈ €8")
    assert (talks.date, talks.date_precision) == (pd.Timestamp("2025-08-01"), "month")  # earliest report


def test_microsoft_without_amount_joins_the_microsoft_round():
    result = run(mistral_history())
    rnd = one(result.rounds.query("round_id == 'mistral-ai-2024-02'"))
    assert (rnd.date, rnd.date_precision) == (pd.Timestamp("2024-02-26"), "day")  # the most precise announcement
    assert set(rnd.sources.split(fr.LIST_SEP)) == {"Bloomberg", "AFP", "MWL"}
    assert rnd.investors == "Microsoft"
    microsoft = one(result.investments.query("round_id == @rnd.round_id"))
    assert (microsoft.investor, microsoft.amount, microsoft.currency) == ("Microsoft", 15e6, "EUR")
    assert microsoft.n_sources == 3


def test_pre_and_post_money_are_derived_and_flagged():
    result = run(mistral_history())
    series_c = one(result.rounds.query("round_label == 'Series C'"))
    assert (series_c.pre_money, series_c.post_money) == (pytest.approx(10e9), 11.7e9)
    assert series_c.valuation_basis == "post" and not series_c.post_money_derived and series_c.pre_money_derived
    pre = one(result.source_comparison.query("round_id == @series_c.round_id and field == 'pre_money'"))
    assert pre.explanation == "same" and pre.agrees

    only_pre = simple("13.txt", "Mistral raised €1.7 billion at a €10 billion pre-money valuation.", D(2025, 9, 9),
                      "RCR", figure="€1.7 billion", amount=1.7e9, currency="EUR",
                      valuation=("€10 billion", 10e9, "EUR", "pre"))
    rnd = one(run([only_pre]).rounds)
    assert rnd.post_money == pytest.approx(11.7e9) and rnd.post_money_derived and not rnd.pre_money_derived
    assert rnd.valuation_basis == "pre"
    assert rnd.post_money_usd == pytest.approx(11.7e9 * 1.1744, rel=1e-3)


def test_a_valuation_of_unknown_basis_is_used_as_post_money_and_flagged():
    rnd = one(run([afp_june_2024()]).rounds)
    assert rnd.post_money == 6e9 and rnd.valuation_basis == "unknown"
    assert rnd.pre_money == pytest.approx(5.4e9) and rnd.pre_money_derived


def test_pre_vs_post_explains_a_source_giving_the_other_basis():
    post = simple("a.txt", "Acme raised €20 million at €120 million post-money.", D(2024, 3, 5), "P1",
                  figure="€20 million", amount=20e6, currency="EUR", valuation=("€120 million", 120e6, "EUR", "post"),
                  company="Acme")
    other = simple("b.txt", "Acme raised €20 million at a €100 million valuation.", D(2024, 3, 5), "P2",
                   figure="€20 million", amount=20e6, currency="EUR", valuation=("€100 million", 100e6, "EUR", None),
                   company="Acme")
    result = run([post, other])
    row = one(result.source_comparison.query("field == 'valuation'"))
    assert row.explanation == "pre_vs_post" and row.agrees
    assert one(result.rounds).agreement == "agree"


def test_stake_implied_matches_reported_within_tolerance():
    result = run(seed_facts())
    asml = one(result.investments.query("investor == 'ASML'"))
    assert asml.role == "lead" and asml.amount == 1.3e9 and asml.currency == "EUR"
    assert asml.stake_reported == 11.0
    assert asml.stake_implied == pytest.approx(1.3 / 11.7 * 100)
    assert not asml.stake_mismatch
    assert asml.n_sources == 3


def test_stake_mismatch_is_flagged_beyond_tolerance():
    facts = simple("a.txt", "Acme raised €20 million at €100 million post-money; Fund X put €10 million for 20 %.",
                   D(2024, 3, 5), "P1", figure="€20 million", amount=20e6, currency="EUR",
                   valuation=("€100 million", 100e6, "EUR", "post"), leads=["Fund X"], company="Acme",
                   investments=[Investment("Fund X", 10e6, "EUR", 20.0)])
    row = one(run([facts]).investments)
    assert row.stake_implied == pytest.approx(10.0)
    assert abs(row.stake_reported - row.stake_implied) > STAKE_TOLERANCE_PTS and row.stake_mismatch


def test_unknown_investment_amounts_stay_nan():
    result = run(seed_facts())
    others = result.investments.query("investor != 'ASML' and round_id.str.endswith('2025-09')")
    assert len(others) >= 5
    assert others["amount"].isna().all() and others["stake_implied"].isna().all()
    assert not others["stake_mismatch"].any()


def test_seeds_give_four_mistral_events():
    result = run(seed_facts())
    rounds = result.rounds.sort_values("date").reset_index(drop=True)
    assert list(rounds["company"]) == ["Mistral AI"] * 4
    december, june, microsoft, series_c = rounds.itertuples()  # "2024" (year) sorts as 2024-01-01
    assert (december.date, december.post_money, december.valuation_currency) == (pd.Timestamp("2023-12-01"), 2e9, "EUR")
    assert math.isnan(december.amount)
    assert (microsoft.amount, microsoft.currency, microsoft.date) == (16e6, "USD", pd.Timestamp("2024-02-01"))
    assert (june.date, june.date_precision) == (pd.Timestamp("2024-01-01"), "year")
    assert june.amount == 600e6 and june.currency == "EUR" and june.round_id == "mistral-ai-2024"
    assert (june.post_money, june.valuation_currency) == (6e9, "USD")
    assert june.status == "announced" and june.n_sources == 2
    assert (series_c.amount, series_c.currency, series_c.lead_investors) == (1.7e9, "EUR", "ASML")
    assert series_c.post_money == 11.7e9 and series_c.n_sources == 3
    assert series_c.amount_usd == pytest.approx(1.7e9 * 1.1744, rel=1e-3)
    # 01net's "plus de 6 milliards de dollars" (June 2025) is a valuation, not a round
    standalone = one(result.valuations[result.valuations["round_id"].isna()])
    assert (standalone.value, standalone.currency, standalone.publisher) == (6e9, "USD", "01net")


def test_a_round_known_by_its_valuation_joins_the_round_of_that_month():
    december_round = simple("05.txt", "Mistral AI boucle un tour de 385 millions d'euros, valorisée 2 milliards d'euros.",
                            D(2023, 12, 11), "CFNEWS", figure="385 millions d'euros", amount=385e6, currency="EUR",
                            valuation=("2 milliards d'euros", 2e9, "EUR", None), language="fr")
    rounds = run([*seed_facts(), december_round]).rounds
    rnd = one(rounds[rounds["date"].dt.strftime("%Y-%m") == "2023-12"])
    assert rnd.amount == 385e6 and rnd.post_money == 2e9 and rnd.n_sources == 2
    assert len(rounds) == 4


def test_valuations_frame_holds_every_source_figure():
    result = run(mistral_history())
    valuations = result.valuations
    assert len(valuations) == 11
    assert valuations["round_id"].notna().all()
    series_c = valuations[valuations["round_id"].str.endswith("2025-09")]
    assert sorted(series_c["basis"]) == ["post", "pre"]


def test_company_groups_prefix_rule():
    groups = company_groups(["Mistral", "Mistral AI", "mistral ai", "Mistral AI SAS"])
    assert len(set(groups.values())) == 1
    ambiguous = company_groups(["Mistral", "Mistral AI", "Mistral Energy"])
    assert ambiguous["Mistral AI"] != ambiguous["Mistral Energy"]
    assert ambiguous["Mistral"] not in (ambiguous["Mistral AI"], ambiguous["Mistral Energy"])
    assert company_groups(["Volta", "Voltalia"])["Volta"] != company_groups(["Volta", "Voltalia"])["Voltalia"]


def test_round_labels_compare_across_languages():
    assert normalise_label("Série A") == normalise_label("Series A round") == "series a"
    assert normalise_label("Amorçage") == normalise_label("Seed") == "seed"
    assert normalise_label(None) is None


def test_frames_are_valid_and_empty_input_gives_empty_frames():
    result = run(mistral_history())
    for name in ("rounds", "investments", "valuations", "source_comparison"):
        fr.validate(name, getattr(result, name))
    empty = consolidate(fr.empty("articles"), fr.empty("mentions"))
    assert empty.rounds.empty and list(empty.rounds.columns) == list(fr.ROUND_COLUMNS)


def test_consolidation_is_deterministic():
    a = run(mistral_history())
    b = run(list(reversed(mistral_history())))
    pd.testing.assert_frame_equal(a.rounds, b.rounds)


def test_rounds_without_a_company_never_merge():
    a = simple("a.txt", "A start-up raised €20 million on Monday.", D(2024, 3, 4), "P1", figure="€20 million",
               amount=20e6, currency="EUR", company=None)  # type: ignore[arg-type]
    b = simple("b.txt", "A start-up raised €20 million on Tuesday.", D(2024, 3, 5), "P2", figure="€20 million",
               amount=20e6, currency="EUR", company=None)  # type: ignore[arg-type]
    rounds = run([a, b]).rounds
    assert len(rounds) == 2 and rounds["company"].isna().all()
    assert rounds["round_id"].is_unique and rounds["round_id"].str.startswith("unknown-2024-03").all()
