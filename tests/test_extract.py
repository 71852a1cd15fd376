"""Extraction on the seeds and on short articles of our own (what the seeds lack)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus import iter_articles
from analysis.evaluate import evaluate, load_gold
from analysis.extract import extract_articles, round_label_in
from analysis.model import Article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def _facts(folder: Path) -> dict[str, dict]:
    articles = [a for a in iter_articles([folder], folder / "manifest.csv") if isinstance(a, Article)]
    return {Path(f.file).name: f.to_json() for f in extract_articles(articles)}


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    return _facts(ROOT / "seeds")


@pytest.fixture(scope="module")
def own() -> dict[str, dict]:
    return _facts(FIXTURES)


def _round(facts: dict, amount: float | None, currency: str | None = None) -> dict:
    found = [r for r in facts["rounds"] if r["amount"] == amount and (currency is None or r["currency"] == currency)]
    assert len(found) == 1, facts["rounds"]
    return found[0]


@pytest.mark.parametrize("name", ["000_0f7d2169e025ef47.txt", "001_b7dfb65df37dabe3.txt", "003_2ed2c1d517bfa171.txt"])
def test_series_c_is_one_round_led_by_asml(seeds: dict, name: str) -> None:
    facts = seeds[name]
    series_c = [r for r in facts["rounds"] if r["amount"] == 1.7e9]
    assert len(series_c) == 1
    round_ = series_c[0]
    assert round_["currency"] == "EUR"
    assert round_["lead_investors"] == ["ASML"]
    assert round_["status"] == "announced"
    asml = [i for i in round_["investments"] if i["investor"] == "ASML"]
    assert asml and asml[0]["amount"] == 1.3e9 and asml[0]["currency"] == "EUR"


def test_seed_000_details(seeds: dict) -> None:
    round_ = _round(seeds["000_0f7d2169e025ef47.txt"], 1.7e9)
    assert round_["amount_alternatives"] == [{"amount": 2e9, "currency": "USD"}]
    assert (round_["valuation"], round_["valuation_currency"]) == (11.7e9, "EUR")
    assert round_["investments"][0]["stake_pct"] == 11.0
    assert set(round_["investors"]) == {
        "ASML", "DST Global", "Andreessen Horowitz", "General Catalyst", "Index Ventures", "Bpifrance",
        "Lightspeed Venture Partners", "Nvidia",
    }
    assert seeds["000_0f7d2169e025ef47.txt"]["valuations"] == []


def test_seed_001_two_rounds(seeds: dict) -> None:
    facts = seeds["001_b7dfb65df37dabe3.txt"]
    series_c = _round(facts, 1.7e9)
    assert set(series_c["investors"]) == {
        "ASML", "DST Global", "Andreessen Horowitz", "General Catalyst", "Nvidia", "Bpifrance",
    }
    assert series_c["valuation"] == 11.7e9
    assert series_c["investments"][0]["stake_pct"] == 11.0
    assert series_c["date"] == "2025-09-09"  # "communiqué publié mardi"
    earlier = _round(facts, 6e8, "EUR")
    assert (earlier["date"], earlier["date_precision"]) == ("2024-01-01", "year")  # "l'an dernier"


def test_seed_002_rumour_and_history(seeds: dict) -> None:
    facts = seeds["002_870733f357af85e6.txt"]
    rumour = _round(facts, 6e8, "USD")
    assert rumour["status"] == "reported"
    assert rumour["qualifier"] == "about"
    assert set(rumour["lead_investors"]) == {"General Catalyst", "Lightspeed Venture Partners"}
    assert (rumour["valuation"], rumour["valuation_currency"]) == (6e9, "USD")
    microsoft = _round(facts, 16e6, "USD")
    assert microsoft["investors"] == ["Microsoft"]
    assert (microsoft["date"], microsoft["date_precision"]) == ("2024-02-01", "month")
    december = _round(facts, None)
    assert (december["valuation"], december["valuation_currency"]) == (2e9, "EUR")
    assert december["valuation_alternatives"] == [{"amount": 2.15e9, "currency": "USD"}]
    assert (december["date"], december["date_precision"]) == ("2023-12-01", "month")


def test_seed_004_valuation_only_and_distractors(seeds: dict) -> None:
    facts = seeds["004_8595d39e21f0e52c.txt"]
    assert facts["rounds"] == []
    # "Très loin des 300 milliards d'OpenAI": OpenAI's valuation, compared with Mistral's.
    assert [(v["company"], v["value"], v["currency"]) for v in facts["valuations"]] == [
        ("Mistral AI", 6e9, "USD"), ("OpenAI", 300e9, "USD")]
    why = {o["text"]: o["why"] for o in facts["other_figures"]}
    assert list(why) == ["144 milliards de dollars"]


def test_every_round_has_evidence_that_indexes_the_text(seeds: dict) -> None:
    texts = {
        Path(a.file).name: a.text
        for a in iter_articles([ROOT / "seeds"], ROOT / "seeds" / "manifest.csv")
        if isinstance(a, Article)
    }
    for name, facts in seeds.items():
        for round_ in facts["rounds"]:
            assert round_["evidence"], (name, round_)
            for ev in round_["evidence"]:
                assert texts[name][ev["start"]:ev["end"]] == ev["sentence"]
                if ev["figure_start"] is not None:
                    assert texts[name][ev["figure_start"]:ev["figure_end"]] == ev["figure"]


def test_seeds_f1_is_perfect_for_amounts_valuations_and_leads(seeds: dict) -> None:
    report = evaluate(list(seeds.values()), load_gold(ROOT / "tests" / "gold" / "seeds_gold.jsonl"))
    for field in ("amount", "valuation", "lead_investors"):
        assert report.fields[field].f1 == 1.0, field


def test_english_announcement(own: dict) -> None:
    facts = own["en_announcement.txt"]
    assert facts["company"] == "Quantix Robotics"
    series_b = _round(facts, 45e6, "USD")
    assert series_b["round_label"] == "Series B"
    assert series_b["lead_investors"] == ["Balderton Capital"]
    assert set(series_b["investors"]) == {"Balderton Capital", "Partech", "Kima Ventures"}
    assert (series_b["valuation"], series_b["valuation_basis"]) == (300e6, "post")
    assert series_b["investments"] == [
        {"investor": "Balderton Capital", "amount": 30e6, "currency": "USD", "stake_pct": 12.0,
         "evidence": series_b["investments"][0]["evidence"]}
    ]
    assert series_b["status"] == "announced"
    seed = _round(facts, 8e6, "EUR")
    assert (seed["round_label"], seed["date"], seed["date_precision"]) == ("Seed", "2022-01-01", "year")
    assert all(r["amount"] != 10e6 for r in facts["rounds"])  # the factory budget


def test_roundup_splits_companies_and_drops_market_figures(own: dict) -> None:
    facts = own["en_roundup.txt"]
    assert facts["company"] is None
    by_company = {r["company"]: r for r in facts["rounds"]}
    assert set(by_company) == {"Nebula Health", "Fjord Energy"}
    assert (by_company["Nebula Health"]["amount"], by_company["Nebula Health"]["lead_investors"]) == (30e6, ["Eurazeo"])
    assert by_company["Nebula Health"]["investors"] == ["Eurazeo", "Bpifrance"]
    assert (by_company["Fjord Energy"]["amount"], by_company["Fjord Energy"]["round_label"]) == (12e6, "Seed")
    why = {o["value"]: o["why"] for o in facts["other_figures"]}
    assert why == {1.2e9: "market_total", 25e6: "market_total", 500e6: "fund_close", 80e6: "acquisition",
                   20e6: "fine"}
    assert facts["valuations"] == []


def test_french_rumour_in_the_conditional(own: dict) -> None:
    facts = own["fr_rumour.txt"]
    rumour = _round(facts, 80e6, "EUR")
    assert rumour["status"] == "reported"
    assert rumour["lead_investors"] == ["Eurazeo"]
    assert set(rumour["investors"]) == {"Eurazeo", "Bpifrance", "Kima Ventures"}
    assert rumour["valuation"] == 400e6
    earlier = _round(facts, 15e6, "EUR")
    assert (earlier["status"], earlier["date"], earlier["investors"]) == ("announced", "2025-03-01", ["Partech"])


@pytest.mark.parametrize(
    ("text", "label"),
    [("une série A de 385 M€", "Series A"), ("a Series C round", "Series C"), ("tour d'amorçage", "Seed"),
     ("pre-seed round", "Pre-seed"), ("un tour de table", None)],
)
def test_round_labels(text: str, label: str | None) -> None:
    assert round_label_in(text) == label


def test_co_led_round_with_earlier_round(own: dict) -> None:
    facts = own["en_coled_series_d.txt"]
    series_d = _round(facts, 486e6, "EUR")
    assert series_d["lead_investors"] == ["Tiger Global", "TCV"]
    assert set(series_d["investors"]) == {"Tiger Global", "TCV", "Alven", "Valar Ventures", "DST Global"}
    assert (series_d["valuation"], series_d["valuation_currency"], series_d["round_label"]) == (5e9, "USD", "Series D")
    earlier = _round(facts, 111e6, "USD")
    assert (earlier["date"], earlier["date_precision"]) == ("2021-01-01", "month")


def test_english_talks_are_reported(own: dict) -> None:
    facts = own["en_talks_rumour.txt"]
    talks = _round(facts, 500e6, "USD")
    assert (talks["status"], talks["qualifier"]) == ("reported", "about")
    assert talks["lead_investors"] == ["Bosch", "SAP"]
    assert talks["valuation"] == 2e9
    assert _round(facts, 23e6, "EUR")["status"] == "announced"


def test_state_plan_is_not_a_round(own: dict) -> None:
    facts = own["fr_announcement_plan.txt"]
    assert [r["amount"] for r in facts["rounds"]] == [500e6]
    round_ = facts["rounds"][0]
    assert round_["lead_investors"] == ["Eurazeo", "General Atlantic"]
    assert set(round_["investors"]) == {"Eurazeo", "General Atlantic", "Bpifrance", "Accel", "Temasek"}
    assert round_["valuation"] == 5.8e9
    assert [(o["value"], o["why"]) for o in facts["other_figures"]] == [(7e9, "public_plan")]


# --------------------------------------------------------------------------- press phrasings beyond the seeds


def _one(text: str, language: str, title: str | None = None, published: str = "2024-03-12",
         url: str | None = None) -> dict:
    import datetime as dt

    from analysis.corpus import article_id, paragraph_spans
    from analysis.model import ArticleMeta

    meta = ArticleMeta(title=title, published=dt.date.fromisoformat(published), published_precision="day",
                       language=language, url=url)
    article = Article(article_id(text), "inline.txt", text, paragraph_spans(text), meta, language)
    return next(iter(extract_articles([article]))).to_json()


def test_participants_named_before_their_verb_and_lead_in_the_conditional() -> None:
    facts = _one(
        "Zenloal Robotics serait en discussions pour lever 120 millions d'euros, rapporte Le Figaro.\n\n"
        "Northwind Invest mènerait le tour de table. Sequoia Capital et Lightspeed participeraient également "
        "à l'opération.",
        "fr",
    )
    r = _round(facts, 120_000_000, "EUR")
    assert r["status"] == "reported"
    assert r["lead_investors"] == ["Northwind Invest"]
    assert set(r["investors"]) == {"Northwind Invest", "Sequoia Capital", "Lightspeed Venture Partners"}


def test_lead_then_participation_is_not_a_co_lead() -> None:
    facts = _one(
        "Pixnoia lève 500 000 euros lors d'un tour de pré-amorçage.\n\n"
        "L'opération est menée par YC, avec la participation de Sofina et BPI.",
        "fr",
    )
    r = _round(facts, 500_000, "EUR")
    assert r["lead_investors"] == ["Y Combinator"]
    assert set(r["investors"]) == {"Y Combinator", "Sofina", "Bpifrance"}


def test_lead_named_with_comme_chef_de_file_and_its_ticket() -> None:
    facts = _one(
        "Terdaos, néobanque destinée aux PME, annonce une levée de fonds de 22 M€ dans le cadre d'une série A, "
        "avec New Wave comme chef de file. New Wave apporte à lui seul 6 M€ et détiendra 5 % du capital.",
        "fr",
    )
    assert facts["company"] == "Terdaos"
    r = _round(facts, 22_000_000, "EUR")
    assert r["lead_investors"] == ["New Wave"]
    assert [(i["investor"], i["amount"], i["currency"], i["stake_pct"]) for i in r["investments"]] == [
        ("New Wave", 6_000_000, "EUR", 5.0)
    ]


def test_earlier_round_from_an_unlisted_fund_and_stake_of_an_unlisted_lead() -> None:
    facts = _one(
        "Joxaen has closed a $22 million Series B funding round, led by Basalt Equity. "
        "Basalt Equity is investing $11M for a 4% stake.\n\n"
        "Last year, the company raised US$3.5m from Iroko VC.",
        "en",
    )
    main = _round(facts, 22_000_000, "USD")
    assert main["lead_investors"] == ["Basalt Equity"]
    assert main["investments"][0]["stake_pct"] == 4.0
    earlier = _round(facts, 3_500_000, "USD")
    assert earlier["investors"] == ["Iroko VC"]
    assert (earlier["date"], earlier["date_precision"]) == ("2023-01-01", "year")


def test_expected_investors_join_a_rumoured_round_but_could_does_not() -> None:
    talks = _one(
        "Votaia Cloud could raise as much as €400 million, TechCrunch reported.\n\n"
        "GV is also expected to invest. Sirocco Capital and Sofina are also expected to invest. "
        "Xavier Niel could also invest.",
        "en",
    )
    r = _round(talks, 400_000_000, "EUR")
    assert r["status"] == "reported"
    assert set(r["investors"]) == {"GV", "Sirocco Capital", "Sofina"}


def test_roundup_one_word_company_names_and_attribution_sources() -> None:
    facts = _one(
        "Comme chaque semaine, retour sur les principales levées de fonds. Au total, les jeunes pousses du "
        "secteur ont levé 1,8 milliard d'euros l'an dernier, d'après EY.\n\n"
        "Quaic (start-up de la foodtech) a bouclé un tour de table de 5 millions € en seed. "
        "Vauban Capital Partners mène le tour, aux côtés de Balderton.\n\n"
        "Du côté de la santé numérique, Brikios réunit 200 millions €. L'opération est menée par Coatue.",
        "fr",
        title="French Tech : les levées de la semaine",
    )
    by_company = {r["company"]: r for r in facts["rounds"]}
    assert set(by_company) == {"Quaic", "Brikios"}
    assert by_company["Quaic"]["amount"] == 5_000_000
    assert by_company["Quaic"]["lead_investors"] == ["Vauban Capital Partners"]
    assert set(by_company["Quaic"]["investors"]) == {"Vauban Capital Partners", "Balderton Capital"}
    assert by_company["Brikios"]["amount"] == 200_000_000
    assert by_company["Brikios"]["lead_investors"] == ["Coatue"]


def test_secondary_sale_before_valorise_is_not_the_valuation() -> None:
    facts = _one("Une vente d'actions secondaires de 75 millions € valorise Terloia à 1,7 Md€.", "fr")
    assert facts["rounds"] == []
    assert [(v["value"], v["currency"]) for v in facts["valuations"]] == [(1_700_000_000, "EUR")]
    assert any(o["value"] == 75_000_000 for o in facts["other_figures"])


def test_round_label_from_the_headline_when_the_body_omits_it() -> None:
    facts = _one("Ivoviic Tech, a plant-based protein start-up, has secured €8M in fresh funding.", "en",
                 title="Ivoviic Tech raises €8M Series A")
    assert _round(facts, 8_000_000, "EUR")["round_label"] == "Series A"


def test_series_letter_ends_a_sentence() -> None:
    facts = _one(
        "Kaneia a bouclé un tour de table de 12 M€ lors d'une série A. L'argent servira à recruter.\n\n"
        "Kestrel Equity mène le tour.",
        "fr",
    )
    r = _round(facts, 12_000_000, "EUR")
    assert r["company"] == "Kaneia"
    assert r["round_label"] == "Series A"
    assert r["lead_investors"] == ["Kestrel Equity"]


def test_descriptors_before_the_name_are_not_companies() -> None:
    facts = _one(
        "This week's funding roundup.\n\n"
        "Velsaal, an Earth-observation satellite maker, is reportedly close to raising €125m, according to "
        "The Wall Street Journal.\n\n"
        "Telemedicine platform Exodaya Space closed $320M in a Series D funding round. Basalt Equity led the "
        "investment, alongside Seine Partners.\n\n"
        "Lisbon-based Quaix raised €4m in seed funding.\n\n"
        "Building energy-retrofit specialist Zentaar closed €1.2m in a seed round, backed by Polaris Partners "
        "and CMA CGM.",
        "en",
        title="This week in funding",
    )
    by_company = {r["company"]: r for r in facts["rounds"]}
    assert set(by_company) == {"Velsaal", "Exodaya Space", "Quaix", "Zentaar"}
    assert by_company["Velsaal"]["status"] == "reported"
    assert by_company["Exodaya Space"]["lead_investors"] == ["Basalt Equity"]
    assert set(by_company["Exodaya Space"]["investors"]) == {"Basalt Equity", "Seine Partners"}


def test_sources_of_figures_and_company_like_people_in_a_roundup() -> None:
    facts = _one(
        "Comme chaque semaine, retour sur les principales levées de fonds. Au total, les jeunes pousses du "
        "secteur ont levé 900 M€ l'an dernier, d'après KPMG. Selon le cabinet EY, le marché ralentit.\n\n"
        "Du côté de l'edtech, Valoum Energy réunit 6,5 M€ lors d'une série A. L'opération est menée par "
        "Tiger Global.\n\n"
        "Stovix (plateforme d'analyse de données agricoles) a bouclé un tour de table de 22 M€ lors d'une "
        "série B.\n\n"
        "Cortio serait sur le point de lever 3 M€, selon Le Figaro.",
        "fr",
        title="French Tech : les levées de la semaine",
    )
    companies = {r["company"] for r in facts["rounds"]}
    assert companies == {"Valoum Energy", "Stovix", "Cortio"}
    market = [o for o in facts["other_figures"] if o["value"] == 900_000_000]
    assert len(market) == 1 and market[0]["company"] != "KPMG"
    assert _round(facts, 6_500_000, "EUR")["lead_investors"] == ["Tiger Global"]


def test_total_funding_to_date_is_not_a_round() -> None:
    facts = _one(
        "Berlin-based Tandemly, a startup building AI agents for accountants, has raised $45 million in a Series B "
        "round led by Index Ventures, with participation from existing investors Creandum and Point Nine. The round "
        "brings Tandemly's total funding to $70 million.",
        "en",
        title="Tandemly raises $45M Series B",
    )
    assert [r["amount"] for r in facts["rounds"]] == [45_000_000]
    r = facts["rounds"][0]
    assert r["lead_investors"] == ["Index Ventures"]
    assert set(r["investors"]) == {"Index Ventures", "Creandum", "Point Nine"}
    assert [(o["value"], o["why"]) for o in facts["other_figures"]] == [(70_000_000, "total_raised")]


def test_digest_with_one_deal_per_clause() -> None:
    facts = _one(
        "This week in European tech: Lovable raised $200 million led by Accel at a $1.8 billion valuation; Dutch "
        "battery maker LeydenJar closed a €13 million round; and Isomorphic Labs raised $600 million in its first "
        "external round, led by Thrive Capital. Overall, European startups raised $4.2 billion in July, according "
        "to Dealroom.",
        "en",
        title="Weekly roundup",
    )
    by_company = {r["company"]: r for r in facts["rounds"]}
    assert set(by_company) == {"Lovable", "LeydenJar", "Isomorphic Labs"}
    assert (by_company["Lovable"]["amount"], by_company["Lovable"]["valuation"]) == (200_000_000, 1_800_000_000)
    assert by_company["Lovable"]["lead_investors"] == ["Accel"]
    assert by_company["LeydenJar"]["amount"] == 13_000_000 and by_company["LeydenJar"]["currency"] == "EUR"
    assert by_company["Isomorphic Labs"]["lead_investors"] == ["Thrive Capital"]
    market = [o for o in facts["other_figures"] if o["value"] == 4_200_000_000]
    assert market and market[0]["why"] == "market_total" and market[0]["company"] is None


def test_post_money_valuation_written_before_the_noun() -> None:
    facts = _one(
        "Cognition AI, the maker of the Devin coding agent, raised $400 million at a $10.2 billion post-money "
        "valuation in a round led by Founders Fund. Lux Capital, 8VC and Elad Gil also participated.",
        "en",
        title="Cognition raises $400M",
    )
    assert len(facts["rounds"]) == 1
    r = facts["rounds"][0]
    assert (r["amount"], r["valuation"], r["valuation_basis"]) == (400_000_000, 10_200_000_000, "post")
    assert r["lead_investors"] == ["Founders Fund"]
    assert set(r["investors"]) == {"Founders Fund", "Lux Capital", "8VC", "Elad Gil"}


def test_a_fund_is_not_the_funded_company() -> None:
    facts = _one(
        "Le fonds Eurazeo a annoncé la clôture de son fonds Smart City III à 300 millions d'euros. Il a déjà investi "
        "dans Ynsect, qui avait levé 110 millions de dollars en 2019.",
        "fr",
        title="Eurazeo clôture un fonds",
    )
    assert [(r["company"], r["amount"], r["date"]) for r in facts["rounds"]] == [("Ynsect", 110_000_000, "2019-01-01")]
    closes = [o for o in facts["other_figures"] if o["why"] == "fund_close"]
    assert [(o["value"], o["company"]) for o in closes] == [(300_000_000, None)]


def test_a_one_word_lead_and_participants_gathered_by_a_verb() -> None:
    facts = _one(
        "Hier, la medtech grenobloise Diabeloop a annoncé une levée de 70 M€. Le tour est mené par Revaia et "
        "rassemble aussi Kurma Partners et CEMAG Invest.",
        "fr",
        title="Diabeloop lève 70 M€",
    )
    r = _round(facts, 70_000_000, "EUR")
    assert (r["date"], r["date_precision"]) == ("2024-03-11", "day")  # "hier" against 2024-03-12
    assert r["lead_investors"] == ["Revaia"]
    assert set(r["investors"]) == {"Revaia", "Kurma Partners", "CEMAG Invest"}


def test_a_date_belongs_to_the_nearer_figure_and_a_secondary_sale_valuation_stands_alone() -> None:
    facts = _one(
        "Après un tour d'amorçage de 2,5 millions d'euros l'an dernier, la start-up bordelaise Kipli boucle une "
        "série A de 15 millions d'euros. Menée par Partech, l'opération associe également Kima Ventures. En "
        "décembre dernier, la société avait été valorisée 60 millions d'euros lors d'une cession secondaire.",
        "fr",
        title="Kipli boucle une série A de 15 millions",
    )
    seed, series_a = _round(facts, 2_500_000, "EUR"), _round(facts, 15_000_000, "EUR")
    assert (seed["round_label"], seed["date"], seed["date_precision"]) == ("Seed", "2023-01-01", "year")
    assert (series_a["round_label"], series_a["date"], series_a["date_precision"]) == ("Series A", "2024-03-12", "day")
    assert series_a["lead_investors"] == ["Partech"]
    assert seed["valuation"] is None and series_a["valuation"] is None
    assert [(v["value"], v["date"]) for v in facts["valuations"]] == [(60_000_000, "2023-12-01")]


def test_a_common_noun_opening_a_sentence_is_not_a_company() -> None:
    facts = _one("Shares of the company were sold at a price that implies a valuation of $3 billion.", "en")
    assert facts["company"] is None
    assert facts["valuations"] == []  # no company is named: no one's valuation, kept as an unattributed figure
    assert [(o["value"], o["why"]) for o in facts["other_figures"]] == [(3_000_000_000, "unattributed")]


def test_co_leads_named_before_their_verb() -> None:
    facts = _one(
        "La fintech Qonto a finalisé une levée de 486 millions d'euros auprès de Tiger Global et TCV, qui "
        "co-mènent l'opération, ainsi que de ses investisseurs historiques Valar Ventures et Alven.",
        "fr",
        title="Qonto lève 486 millions",
    )
    r = _round(facts, 486_000_000, "EUR")
    assert r["lead_investors"] == ["Tiger Global", "TCV"]
    assert set(r["investors"]) == {"Tiger Global", "TCV", "Valar Ventures", "Alven"}


def test_an_extension_bringing_a_series_total() -> None:
    facts = _one(
        "Ledger a bouclé une extension de sa série C de 100 millions d'euros, portant le total de la série à 480 "
        "millions d'euros. L'opération a été menée par True Global Ventures.",
        "fr",
        title="Ledger",
    )
    assert [(r["amount"], r["round_label"], r["lead_investors"]) for r in facts["rounds"]] == [
        (100_000_000, "Series C", ["True Global Ventures"])
    ]
    assert [(o["value"], o["why"]) for o in facts["other_figures"]] == [(480_000_000, "total_raised")]


def test_an_investor_contributing_part_of_the_round_and_a_camel_case_name() -> None:
    facts = _one(
        "Poolside has closed a $500 million Series B at a $3 billion valuation. Bain Capital Ventures led the round, "
        "with Nvidia contributing $100 million. Other investors include eBay and DST Global.",
        "en",
        title="Poolside",
    )
    assert [r["amount"] for r in facts["rounds"]] == [500_000_000]
    r = facts["rounds"][0]
    assert (r["valuation"], r["lead_investors"]) == (3_000_000_000, ["Bain Capital Ventures"])
    assert set(r["investors"]) == {"Bain Capital Ventures", "Nvidia", "eBay", "DST Global"}
    assert [(i["investor"], i["amount"], i["currency"]) for i in r["investments"]] == [("Nvidia", 100_000_000, "USD")]


# --------------------------------------------------------------------------- very long texts, read stretch by stretch


def test_a_long_text_is_read_in_stretches_cut_at_paragraph_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.extract.article as article_rules

    monkeypatch.setattr(article_rules, "SEGMENT_SENTENCES", 2)
    monkeypatch.setattr(article_rules, "SEGMENT_MOST_SENTENCES", 3)
    selected = [(k, paragraph, (f"s{k}", k)) for k, paragraph in enumerate([0, 0, 0, 1, 1, 1, 1, 1, 2])]
    stretches = article_rules.segments(selected)
    # two sentences then the next paragraph break; three at most inside one paragraph
    assert [[item[1] for item in stretch] for stretch in stretches] == [[0, 0, 0], [1, 1, 1], [1, 1], [2]]
    assert article_rules.segments([]) == [[]]


def test_stretches_give_the_facts_of_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.extract.article as article_rules

    text = ("Norvane lève 5 millions d'euros auprès de Garance Capital.\n\n"
            "Quillby a levé 3 millions d'euros auprès de Pivoine Ventures.\n\n"
            "Tessaro lève 8 millions d'euros auprès de Kima Ventures.")
    whole = _one(text, "fr")
    monkeypatch.setattr(article_rules, "SEGMENT_SENTENCES", 1)
    cut = _one(text, "fr")
    pairs = [(r["company"], r["amount"], sorted(r["investors"])) for r in cut["rounds"]]
    assert pairs == [(r["company"], r["amount"], sorted(r["investors"])) for r in whole["rounds"]]
    assert pairs == [("Norvane", 5e6, ["Garance Capital"]), ("Quillby", 3e6, ["Pivoine Ventures"]),
                     ("Tessaro", 8e6, ["Kima Ventures"])]
    assert cut["company"] is None  # three stretches, three companies: no one subject


@pytest.mark.parametrize(("text", "language", "valuation"), [
    ("Sources say the next round would show strong growth for Kalvo, which was valued at $900 million in its "
     "last round of funding.", "en", 900e6),
    ("Ostrala was valued at $1 billion in a 2019 venture round.", "en", 1e9),
    ("Kalvo secures $40 million Series C at a $600 million valuation. That is below the $900 million valuation "
     "that followed its Series B last spring.", "en", 900e6),
    ("Le montant n'a pas été communiqué mais il devrait être inférieur à la valorisation de 200 millions "
     "d'euros retenue lors de sa précédente levée.", "fr", 200e6),
])
def test_valuation_of_an_earlier_round_is_that_round(text: str, language: str, valuation: float) -> None:
    """A valuation set at an earlier round ("in its last round", "in a 2019 round", "its Series B") is that round's, with
    no amount; it is done, so announced, whatever another clause of the sentence hedges."""
    facts = _one(text, language)
    found = [r for r in facts["rounds"] if r["amount"] is None and r["valuation"] == valuation]
    assert len(found) == 1, facts["rounds"]
    assert found[0]["status"] == "announced"


def test_headline_follows_the_body_that_hedges_it() -> None:
    """The headline says "Raises", the body "has reportedly raised": the round is reported."""
    title = "Kalvo Raises $65 Mn Funding From Harrow Ventures"
    facts = _one(f"{title}\n\nHealthtech startup Kalvo has reportedly raised $65 Mn in a Series H funding round "
                 "led by Harrow Ventures.", "en", title=title)
    assert _round(facts, 65e6, "USD")["status"] == "reported"


def test_valuation_compared_with_the_last_one_stands_alone() -> None:
    """"will value X at $5 billion, more than double its last reported valuation of $2 billion in May 2019":
    the $2 billion is X's earlier valuation, standing alone, no round of its own."""
    facts = _one("Ostrala is in advanced talks to raise $300 million, according to media reports. The deal will value "
                 "Ostrala at about $5 billion, more than double its last reported valuation of $2 billion in May 2019, "
                 "reports say.", "en")
    assert not [r for r in facts["rounds"] if r["valuation"] == 2e9], facts["rounds"]
    assert [v for v in facts["valuations"] if v["value"] == 2e9 and v["company"] == "Ostrala"], facts["valuations"]


def test_valuation_of_the_latest_round_stays_with_the_news() -> None:
    """« Ce dernier tour » is the round just announced, no earlier one: its valuation goes to it."""
    facts = _one("Norvane lève 20 millions d'euros auprès de Pivoine Ventures. Ce dernier tour valorise la société "
                 "à 200 millions d'euros.", "fr")
    assert _round(facts, 20e6, "EUR")["valuation"] == 200e6
    assert not [r for r in facts["rounds"] if r["amount"] is None], facts["rounds"]


def test_headline_investor_is_not_the_funded_company() -> None:
    """"Orbix invests in Kalvo": the name before the headline's investing verb is the investor, not the
    article's company, however often the body names it; the valuation of the deal is Kalvo's."""
    from analysis.extract.companies import _title_investor

    assert _title_investor("Harrow Ventures invests in Kalvo", "en") == "Harrow Ventures"
    assert _title_investor("Kalvo: Harrow Ventures invests $5m", "en") == "Harrow Ventures"
    assert _title_investor("Kalvo secures investment from Harrow", "en") is None
    facts = _one("The oil group has decided to take a stake in the start-up. The amount was not disclosed. The deal "
                 "would value Kalvo at $200 million, according to Bloomberg. Orbix says it backs hydrogen. Orbix has "
                 "hydrogen plans in Germany. Orbix wants to cut emissions.", "en", title="Orbix invests in Kalvo")
    assert facts["company"] == "Kalvo"
    assert [(v["company"], v["value"]) for v in facts["valuations"]] == [("Kalvo", 200e6)], facts["valuations"]


def test_context_words_come_from_the_data_in_both_languages() -> None:
    from analysis.extract.vocabulary import _FOUNDED, _LIST_SPLIT, _PERCENT, _STAKE_WORDS

    assert [m.group(1) for m in _PERCENT.finditer("Harbor holds a 19 Percent stake, Ostrala 5 % et Kalvo 12 pour cent")] \
        == ["19", "5", "12"]
    assert _STAKE_WORDS.search("Harbor détiendra 5 % du capital") and _STAKE_WORDS.search("a 10% stake")
    assert not _STAKE_WORDS.search("un chiffre d'affaires en hausse de 40 %")
    assert _FOUNDED.search("Norvane, fondée en ") and _FOUNDED.search("Kalvo was founded in ")
    assert not _FOUNDED.search("Norvane a levé 5 M€ en ")
    assert [p.strip() for p in _LIST_SPLIT.split("Harbor, Saltmarsh ou encore Pivoine")] == ["Harbor", "Saltmarsh", "Pivoine"]
    assert [p.strip() for p in _LIST_SPLIT.split("Harbor and Saltmarsh as well as Pivoine")] == ["Harbor", "Saltmarsh", "Pivoine"]


def test_an_investor_describing_its_own_tickets_is_not_its_own_investor() -> None:
    """"Brisane targets startups ..., investing from $250,000 for an early round": whatever the figure
    becomes, the funded company is never listed among its own round's investors."""
    facts = _one("Quillby raised $5 million from Caldera Growth. Tessaro raised $8 million from Ombrelle Invest.\n\n"
                 "Brisane Ventures has raised $108m for its second Africa-focused fund. Brisane targets startups "
                 "located in East and West Africa and has built a 15-strong portfolio, investing from $250,000 for "
                 "an early round, up to a total of $8m in each company.", "en")
    assert not [r for r in facts["rounds"] if r["company"] in r["investors"]], facts["rounds"]


def test_headline_rubric_before_a_colon_is_no_company() -> None:
    """"Morning Digest: Kalvo raises $8m": the name before the headline's colon is a rubric; the company is the
    name after it, and a figure of a sentence naming no company is its."""
    title = "Morning Digest: Kalvo raises $8m; Ostrala hires a new chief"
    facts = _one(f"{title}\n\nThe startup Kalvo has announced $8m in fresh funding from private investors. This follows "
                 "a $2m seed round in 2021 from its parent group.", "en", title=title)
    assert _round(facts, 8e6, "USD")["company"] == "Kalvo"
    assert _round(facts, 2e6, "USD")["company"] == "Kalvo"


def test_generic_header_words_are_no_company() -> None:
    """A name made only of generic words ("Startup Award", "European Tech", « Prix Startups ») names a prize or a
    rubric, never a funded company; a company name holding one of them still does."""
    from analysis.extract.names import _company_name
    from analysis.extract.sentences import Name

    def name(text: str) -> Name:
        return Name(text, 0, len(text), 0, None)

    assert not _company_name(name("Startup Award"))
    assert not _company_name(name("European Tech"))
    assert not _company_name(name("Prix Startups"))
    assert _company_name(name("Kalvo Tech"))


def test_a_founder_noun_reaches_no_further_list_item() -> None:
    """« Orbix co-founder Leo Brandt and Harrow Ventures »: the founder noun describes the first item only;
    a founder's role still rules out the name it titles, and a speaker or "founded by" still counts."""
    from analysis.extract.investors import _not_investor

    assert not _not_investor("Backers include Orbix co-founder Leo Brandt and ")
    assert not _not_investor("auprès du cofondateur Jean Dupont, de Garance Capital et ")
    assert _not_investor("Backers include Orbix co-founder ")
    assert _not_investor("Kalvo, founded by ")
    assert _not_investor("said ")


def test_a_subtitle_restating_the_valuation_is_no_round() -> None:
    """« Le Pari de 39 Milliards de Dollars ... : la Méga-Levée de Fonds de Norvane »: a figure with no round word near
    it, that the article gives elsewhere only as a valuation, restates that valuation; it is no round of its own."""
    facts = _one("Norvane lève 1 milliard de dollars avec une valorisation record de 39 milliards de dollars.\n\n"
                 "Le Pari de 39 Milliards de Dollars de la Silicon Valley et de ses Investisseurs : la Méga-Levée de "
                 "Fonds de Norvane Marque un Tournant", "fr")
    assert [r["amount"] for r in facts["rounds"]] == [1e9], facts["rounds"]
    assert _round(facts, 1e9, "USD")["valuation"] == 39e9


def _sentence_views(text: str, language: str) -> list:
    from analysis.corpus import article_id, paragraph_spans
    from analysis.extract.sentences import _selected_sentences, _views
    from analysis.model import ArticleMeta
    from analysis.nlp import analyse

    article = Article(article_id(text), "s.txt", text, paragraph_spans(text), ArticleMeta(language=language), language)
    selected = _selected_sentences(article, language)
    return _views(article, selected, analyse([item for *_, item in selected], language), language, None)


@pytest.mark.parametrize(
    ("text", "language", "name", "listed"),
    [
        ("Après une opération de 276 M€, la place de marché a levé 450 M€ auprès d'Orbix Capital et des historiques "
         "Larch Partners, Harrow Capital et Pelagio Ventures.", "fr", "Harrow Capital", True),
        ("Avec ses infuseurs d'insuline, Kalvo a effectué la plus grosse levée de fonds en Suisse.", "fr", "Kalvo", False),
        ("Just eight months after raising $40 million from venture capitalists, Kalvo is making another run.", "en",
         "Kalvo", False),
        # the list goes on past a place in brackets, and a copula opens it
        ("La start-up a levé 1 M€ auprès d'Orbix Capital (Paris), Larch Partners (Lyon) et Harrow Capital.", "fr",
         "Harrow Capital", True),
        ("Leurs investisseurs sont Orbix Capital, Larch Partners et Harrow Capital.", "fr", "Harrow Capital", True),
        # the company the holders hold is no holder
        ("Orbix Capital s'est joint aux actionnaires historiques de Kalvo, Larch et Harrow.", "fr", "Kalvo", False),
        ("Existing shareholders of Tessaro Labs and Kalvo, led by Orbix, bought shares directly.", "en", "Kalvo",
         False),
        # a demonstrative makes the cue the round told; a quotation mark ends a list unless a listing cue follows
        ("Grâce à ce tour de table, Kalvo ambitionne de recruter 500 ingénieurs.", "fr", "Kalvo", False),
        ("« Il y a de la prise de participation avec un business angel » éclaire Léa Morel, cofondatrice de Kalvo.",
         "fr", "Kalvo", False),
        ('Kalvo brought in "well-respected investors" such as Orbix Capital and Larch Partners.', "en",
         "Larch Partners", True),
    ],
)
def test_a_name_only_in_an_investor_list_is_never_the_sentence_company(
        text: str, language: str, name: str, listed: bool) -> None:
    """A name every mention of which an investor cue lists (« auprès de … ») is an investor of the sentence; a name
    after a weak list word (« avec », "from") or the subject of its verb may be its company."""
    from analysis.extract.companies import _listed_investor_only

    (view,) = [v for v in _sentence_views(text, language) if name in v.text]
    assert _listed_investor_only(view, name) is listed


@pytest.mark.parametrize(
    ("text", "language", "name", "backs"),
    [
        ("Le fonds liégeois Harrow Capital a participé à la levée de fonds de 9 millions d'euros menée par Orbix "
         "Capital pour soutenir le développement de Kalvo.", "fr", "Harrow Capital", True),
        ("Harrow Capital also participated in the $9 million round of Kalvo.", "en", "Harrow Capital", True),
        ("Kalvo a levé 9 millions d'euros auprès d'Orbix Capital.", "fr", "Kalvo", False),
    ],
)
def test_the_subject_of_a_verb_of_taking_part_backs_the_round(text: str, language: str, name: str, backs: bool) -> None:
    """« A a participé à la levée … pour soutenir le développement de Kalvo »: A is an investor there, so the round
    goes to the company its purpose clause names, even when A is the article's subject."""
    from analysis.extract.companies import _backs_here

    (view,) = [v for v in _sentence_views(text, language) if name in v.text]
    assert _backs_here(view, name) is backs


_CANADIAN_STORY = (
    "Toronto-based Kalvo Health has raised $12 million in a Series A round led by Orbix Capital.\n\n"
    "The Canadian startup will use the money to open an office in Vancouver and hire across Ontario."
)


@pytest.mark.parametrize(
    ("url", "currency"),
    [
        ("https://www.examplenews.com/kalvo", "CAD"),  # a Canadian story: its bare "$" is the Canadian dollar
        ("https://techcrunch.com/2024/03/12/kalvo", "USD"),  # ... unless the US press tells it
        (None, "CAD"),
    ],
)
def test_bare_dollars_of_a_canadian_story(url: str | None, currency: str) -> None:
    facts = _one(_CANADIAN_STORY, "en", url=url)
    assert [(r["company"], r["amount"], r["currency"]) for r in facts["rounds"]] == [("Kalvo Health", 12e6, currency)]


def test_a_singapore_story_keeps_us_dollars_unless_it_marks_them() -> None:
    """Rounds of Singapore's companies are counted in US dollars: a bare "$" stays one unless the article writes
    "US$" elsewhere, which makes its bare "$" the Singapore dollar."""
    story = ("Singapore-based Kalvo has raised $12 million led by Orbix Capital. The Singaporean startup, "
             "founded in Singapore in 2019, plans to expand.")
    assert _round(_one(story, "en"), 12e6, "USD")
    marked = story + " Its rival Tekora raised US$5 million last year."
    assert _round(_one(marked, "en"), 12e6, "SGD")


def test_french_dollars_of_a_quebec_story() -> None:
    text = ("La jeune pousse montréalaise Kalvo a conclu une ronde de financement de 12 millions $ menée par "
            "Orbix Capital.\n\nL'entreprise québécoise veut recruter à Québec et ailleurs au Canada.")
    assert _round(_one(text, "fr", url="https://www.exemple.fr/kalvo"), 12e6, "CAD")
    france = text.replace("12 millions $", "12 millions de dollars")  # the way of France: the US dollar
    assert _round(_one(france, "fr", url="https://www.exemple.fr/kalvo"), 12e6, "USD")
