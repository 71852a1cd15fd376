"""Tests of analysis.evaluate: scoring hand-made predictions against gold, and the seeds gold."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the repository root holds the ``analysis`` package
    sys.path.insert(0, str(ROOT))

from analysis import evaluate as ev  # noqa: E402
from analysis.cli import main  # noqa: E402
from analysis.investors import canonical_investor  # noqa: E402
from analysis.labels import normalise_label  # noqa: E402

SEEDS_GOLD = Path(__file__).parent / "gold" / "seeds_gold.jsonl"
F000 = "000_0f7d2169e025ef47.txt"
F001 = "001_b7dfb65df37dabe3.txt"
F002 = "002_870733f357af85e6.txt"
F003 = "003_2ed2c1d517bfa171.txt"
F004 = "004_8595d39e21f0e52c.txt"


def _gold() -> list[dict[str, Any]]:
    return ev.load_gold(SEEDS_GOLD)


def _by_file(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["file"]: line for line in lines}


def _evidence(sentence: str | None) -> list[dict[str, Any]]:
    return [{"sentence": sentence, "start": 0, "end": len(sentence)}] if sentence else []


def prediction_from_gold(line: dict[str, Any], folder: str = "seeds") -> dict[str, Any]:
    """What a perfect extractor would print for this gold line (ArticleFacts JSON shape)."""
    rounds = []
    for r in line["rounds"]:
        pr = {k: copy.deepcopy(v) for k, v in r.items() if k != "evidence"}
        pr["qualifier"] = r.get("qualifier")
        pr["evidence"] = _evidence(r["evidence"])
        for inv in pr["investments"]:
            inv["evidence"] = []
        rounds.append(pr)
    valuations = []
    for v in line["valuations"]:
        pv = {k: v for k, v in v.items() if k != "evidence"}
        pv["evidence"] = _evidence(v["evidence"])
        valuations.append(pv)
    return {
        "file": f"{folder}/{line['file']}",
        "article_id": "0" * 16,
        "language": line["language"],
        "published": None,
        "published_precision": None,
        "publisher": None,
        "title": None,
        "url": line["url"],
        "company": line["company"],
        "rounds": rounds,
        "valuations": valuations,
        "other_figures": [],
        "errors": [],
    }


def _perfect() -> list[dict[str, Any]]:
    return [prediction_from_gold(line) for line in _gold()]


# --------------------------------------------------------------------------- the seeds gold


def test_seeds_gold_loads_one_line_per_seed() -> None:
    gold = _gold()
    seeds = sorted(p.name for p in (Path(__file__).parents[1] / "seeds").glob("*.txt"))
    assert [line["file"] for line in gold] == seeds
    for line in gold:
        assert line["company"] == "Mistral AI"
        assert line["language"] == "fr"
        for r in line["rounds"]:
            assert set(r["lead_investors"]) <= set(r["investors"])
            assert r["status"] in {"announced", "reported"}
            assert r["date_precision"] in {"day", "month", "year"}


def test_seeds_gold_texts_hold_the_evidence_and_distractors() -> None:
    root = Path(__file__).parents[1] / "seeds"
    for line in _gold():
        text = (root / line["file"]).read_text(encoding="utf-8")
        for item in line["rounds"] + line["valuations"]:
            assert item["evidence"] in text
        for distractor in line["distractors"]:
            assert distractor["text"] in text and distractor["why"]


def test_seed_000_one_round_asml_eight_investors() -> None:
    line = _by_file(_gold())[F000]
    assert len(line["rounds"]) == 1 and line["valuations"] == []
    r = line["rounds"][0]
    assert (r["amount"], r["currency"]) == (1.7e9, "EUR")
    assert r["amount_alternatives"] == [{"amount": 2e9, "currency": "USD"}]
    assert (r["valuation"], r["valuation_currency"], r["valuation_basis"]) == (11.7e9, "EUR", None)
    assert r["lead_investors"] == ["ASML"]
    assert {canonical_investor(n) for n in r["investors"]} == {
        "ASML",
        "DST Global",
        "Andreessen Horowitz",
        "General Catalyst",
        "Index Ventures",
        "Bpifrance",
        "Lightspeed Venture Partners",
        "Nvidia",
    }
    assert r["investments"] == [{"investor": "ASML", "amount": 1.3e9, "currency": "EUR", "stake_pct": 11}]
    assert (r["status"], r["date"], r["date_precision"]) == ("announced", "2025-09-01", "month")


def test_seed_001_record_round_and_last_years_round() -> None:
    line = _by_file(_gold())[F001]
    big, earlier = line["rounds"]
    assert (big["amount"], big["currency"], big["valuation"]) == (1.7e9, "EUR", 11.7e9)
    assert big["lead_investors"] == ["ASML"]
    assert len(big["investors"]) == 6
    assert big["investments"][0]["stake_pct"] == 11
    assert (big["date"], big["date_precision"]) == ("2025-09-09", "day")
    assert (earlier["amount"], earlier["currency"]) == (6e8, "EUR")
    assert (earlier["date"], earlier["date_precision"]) == ("2024-01-01", "year")


def test_seed_002_reported_round_microsoft_and_december_valuation() -> None:
    line = _by_file(_gold())[F002]
    reported, microsoft, december = line["rounds"]
    assert (reported["amount"], reported["currency"], reported["status"]) == (6e8, "USD", "reported")
    assert (reported["valuation"], reported["valuation_currency"]) == (6e9, "USD")
    assert reported["lead_investors"] == ["General Catalyst", "Lightspeed Venture Partners"]
    assert (microsoft["amount"], microsoft["currency"], microsoft["investors"]) == (
        16e6,
        "USD",
        ["Microsoft"],
    )
    assert (microsoft["date"], microsoft["date_precision"]) == ("2024-02-01", "month")
    assert december["amount"] is None
    assert (december["valuation"], december["valuation_currency"]) == (2e9, "EUR")
    assert december["valuation_alternatives"] == [{"amount": 2.15e9, "currency": "USD"}]
    assert (december["date"], december["date_precision"]) == ("2023-12-01", "month")


def test_seed_003_and_004() -> None:
    lines = _by_file(_gold())
    (r,) = lines[F003]["rounds"]
    assert (r["amount"], r["currency"], r["valuation"], r["lead_investors"]) == (1.7e9, "EUR", None, ["ASML"])
    assert r["investments"][0]["amount"] == 1.3e9
    assert [d["text"] for d in lines[F003]["distractors"]] == ["plus de 2 milliards d’euros", "43 milliards"]
    assert lines[F004]["rounds"] == []
    mistral, openai = lines[F004]["valuations"]
    assert (mistral["company"], mistral["value"], mistral["currency"], mistral["basis"]) == (
        "Mistral AI", 6e9, "USD", None)
    # OpenAI's valuation named in passing is OpenAI's (gold policy), not a distractor.
    assert (openai["company"], openai["value"], openai["currency"]) == ("OpenAI", 300e9, "USD")
    assert [d["text"] for d in lines[F004]["distractors"]] == ["144 milliards de dollars"]


# --------------------------------------------------------------------------- scoring


def test_perfect_predictions_score_one_everywhere() -> None:
    report = ev.evaluate(_perfect(), _gold())
    assert report.articles == 5
    for name, score in report.fields.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), name
        assert score.fp == score.fn == 0, name
    assert report.fields["rounds"].tp == 7
    assert report.fields["valuation"].tp == 6  # 000, 001, 002 x2 (round), 004 x2 (standalone)
    assert report.fields["round"].tp == 7 and report.fields["company_valuation"].tp == 6
    assert report.status_accuracy == 1.0
    assert report.fields["date"].tp == 8  # 7 rounds + 004's valuation
    assert report.distractor_leaks == 0
    assert report.missing_predictions == [] and report.unscored_predictions == []


def test_missing_round_drops_recall_by_hand() -> None:
    gold = [_by_file(_gold())[F001]]
    pred = prediction_from_gold(gold[0])
    del pred["rounds"][1]  # the 600 M EUR of last year
    report = ev.evaluate([pred], gold)
    rounds = report.fields["rounds"]
    assert (rounds.tp, rounds.fp, rounds.fn) == (1, 0, 1)
    assert (rounds.precision, rounds.recall) == (1.0, 0.5)
    assert rounds.f1 == pytest.approx(2 / 3)
    amount = report.fields["amount"]
    assert (amount.tp, amount.fp, amount.fn, amount.recall) == (1, 0, 1, 0.5)
    status = report.fields["status"]
    assert (status.tp, status.fn) == (1, 1)
    date = report.fields["date"]
    assert (date.tp, date.fn) == (1, 1)
    investors = report.fields["investors"]  # the missing round had no investors
    assert (investors.tp, investors.fn, investors.recall) == (6, 0, 1.0)
    assert any(
        m.field == "rounds" and m.kind == "FN" and "600 000 000 EUR" in m.detail for m in report.misses
    )


def test_wrong_currency_is_fp_and_fn() -> None:
    gold = [_by_file(_gold())[F000]]
    pred = prediction_from_gold(gold[0])
    pred["rounds"][0]["currency"] = "USD"
    report = ev.evaluate([pred], gold)
    amount = report.fields["amount"]
    assert (amount.tp, amount.fp, amount.fn) == (0, 1, 1)
    assert report.fields["rounds"].tp == 1  # still the same round (its $2bn alternative agrees)
    assert report.fields["investors"].f1 == 1.0


def test_wrong_currency_on_valuation_is_fp_and_fn() -> None:
    gold = [_by_file(_gold())[F004]]
    pred = prediction_from_gold(gold[0])
    pred["valuations"][0]["currency"] = "EUR"
    report = ev.evaluate([pred], gold)
    valuation = report.fields["valuation"]
    assert (valuation.tp, valuation.fp, valuation.fn) == (1, 1, 1)  # OpenAI's is still right


def test_alias_and_typo_investor_names_match() -> None:
    gold = [
        {
            "file": "x.txt",
            "language": "en",
            "company": "Acme",
            "rounds": [
                {
                    "amount": 1e8,
                    "currency": "EUR",
                    "lead_investors": ["Andreessen Horowitz"],
                    "investors": ["Andreessen Horowitz", "Lightspeed Venture Partners"],
                    "investments": [],
                    "status": "announced",
                    "evidence": "Acme raised €100 million led by Andreessen Horowitz.",
                }
            ],
            "valuations": [],
            "distractors": [],
        }
    ]
    pred = {
        "file": "articles/x.txt",
        "rounds": [
            {
                "amount": 100_000_000.0,
                "currency": "EUR",
                "lead_investors": ["a16z"],
                "investors": ["a16z", "Lighstpeed Venture Partners"],
                "status": "announced",
            }
        ],
        "valuations": [],
    }
    report = ev.evaluate([pred], gold)
    assert (report.fields["lead_investors"].tp, report.fields["lead_investors"].fp) == (1, 0)
    investors = report.fields["investors"]
    assert (investors.tp, investors.fp, investors.fn) == (2, 0, 0)


def test_distinct_firms_stay_apart() -> None:
    gold = [_by_file(_gold())[F002]]
    pred = prediction_from_gold(gold[0])
    pred["rounds"][0]["lead_investors"] = ["General Atlantic", "Lightspeed"]
    report = ev.evaluate([pred], gold)
    leads = report.fields["lead_investors"]
    assert (leads.tp, leads.fp, leads.fn) == (1, 1, 1)


def test_distractor_predicted_as_round_is_a_leak() -> None:
    pytest.importorskip("analysis.money")
    gold = [_by_file(_gold())[F004]]
    pred = prediction_from_gold(gold[0])
    pred["rounds"].append(
        {"company": "Mistral AI", "amount": 144e9, "currency": "USD", "status": "announced", "evidence": []}
    )
    pred["valuations"].append({"company": "Mistral AI", "value": 43e9, "currency": "EUR", "evidence": []})
    gold[0]["distractors"].append({"text": "43 milliards", "why": "test: a state plan"})
    report = ev.evaluate([pred], gold)
    assert report.distractor_leaks == 2
    assert {(leak.where, leak.distractor) for leak in report.leaks} == {
        ("round amount", "144 milliards de dollars"),
        ("valuation", "43 milliards"),
    }
    rounds = report.fields["rounds"]
    assert (rounds.tp, rounds.fp, rounds.fn) == (0, 1, 0)
    assert (report.fields["valuation"].tp, report.fields["valuation"].fp) == (2, 1)


def test_gold_fact_equal_to_a_distractor_value_is_no_leak() -> None:
    pytest.importorskip("analysis.money")
    gold = [_by_file(_gold())[F003]]
    gold[0]["distractors"] = [{"text": "1,7 milliard d’euros", "why": "test"}]
    report = ev.evaluate([prediction_from_gold(gold[0])], gold)
    assert report.distractor_leaks == 0


def test_leaks_skipped_without_money_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ev, "_parse_distractor", lambda: None)
    gold = [_by_file(_gold())[F004]]
    pred = prediction_from_gold(gold[0])
    pred["rounds"].append({"amount": 144e9, "currency": "USD", "status": "announced"})
    report = ev.evaluate([pred], gold)
    assert report.distractor_leaks == 0 and not report.distractors_checked
    assert "not checked" in ev.format_report(report)


def test_amount_null_round_aligns_by_valuation() -> None:
    gold = [_by_file(_gold())[F002]]
    december = prediction_from_gold(gold[0])["rounds"][2]
    december["evidence"] = []
    december["valuation"], december["valuation_currency"] = 2.15e9, "USD"  # the alternative form
    december["valuation_alternatives"] = []
    pred = {"file": F002, "rounds": [december], "valuations": []}
    report = ev.evaluate([pred], gold)
    assert report.fields["rounds"].tp == 1
    assert report.fields["valuation"].tp == 1
    assert report.fields["date"].tp == 1


def test_different_amounts_never_align_on_evidence() -> None:
    gold_round = {
        "amount": 385e6,
        "currency": "EUR",
        "evidence": "raised €385 million and is raising $600 million",
    }
    pred_round = {"amount": 600e6, "currency": "USD", "evidence": _evidence(gold_round["evidence"])}
    assert ev.round_score(gold_round, pred_round) == 0.0
    pred_round["amount"], pred_round["currency"] = 385e6, "USD"  # same figure, wrong currency
    assert ev.round_score(gold_round, pred_round) > 0.0


def test_alignment_is_one_to_one_and_maximal() -> None:
    gold = [
        {"amount": 1.7e9, "currency": "EUR", "amount_alternatives": [{"amount": 2e9, "currency": "USD"}]},
        {"amount": 2e9, "currency": "USD"},
    ]
    pred = [{"amount": 2e9, "currency": "USD"}, {"amount": 1.7e9, "currency": "EUR"}]
    assert ev.align_rounds(gold, pred) == [(0, 1), (1, 0)]


def test_amount_tolerance_is_one_percent() -> None:
    assert ev.round_score({"amount": 645e6, "currency": "USD"}, {"amount": 649e6, "currency": "USD"}) > 3
    assert ev.round_score({"amount": 645e6, "currency": "USD"}, {"amount": 660e6, "currency": "USD"}) == 0


@pytest.mark.parametrize("label", ["Series A", "Série A", "series_a", "serie-a", "SERIES  A"])
def test_round_labels_normalise(label: str) -> None:
    assert normalise_label(label) == "series a"
    assert normalise_label("amorçage") == normalise_label("Seed") == "seed"


def test_stakes_within_one_point() -> None:
    gold = [_by_file(_gold())[F000]]
    pred = prediction_from_gold(gold[0])
    pred["rounds"][0]["investments"][0]["stake_pct"] = 11.6
    assert ev.evaluate([pred], gold).fields["stakes"].tp == 1
    pred["rounds"][0]["investments"][0]["stake_pct"] = 13
    stakes = ev.evaluate([pred], gold).fields["stakes"]
    assert (stakes.tp, stakes.fp, stakes.fn) == (0, 1, 1)


def test_missing_article_counts_all_fn_and_extra_articles_are_unscored() -> None:
    gold = _gold()
    preds = [p for p in _perfect() if not p["file"].endswith(F002)]
    preds.append({"file": "elsewhere/999_other.txt", "rounds": [{"amount": 1e6, "currency": "EUR"}]})
    report = ev.evaluate(preds, gold)
    assert report.missing_predictions == [F002]
    assert report.unscored_predictions == ["999_other.txt"]
    assert (report.fields["rounds"].tp, report.fields["rounds"].fp, report.fields["rounds"].fn) == (4, 0, 3)


def test_format_report_table_and_verbose() -> None:
    gold = [_by_file(_gold())[F001]]
    pred = prediction_from_gold(gold[0])
    del pred["rounds"][1]
    report = ev.evaluate([pred], gold)
    table = ev.format_report(report)
    assert "field" in table and "F1" in table and "TP   FP   FN" in table
    assert "rounds" in table and "distractor_leaks" in table
    assert F001 not in table
    verbose = ev.format_report(report, verbose=True)
    assert F001 in verbose and "MISS  rounds" in verbose


def test_cli_evaluate_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in _perfect()), encoding="utf-8"
    )
    assert main(["evaluate", str(SEEDS_GOLD), "--predictions", str(predictions)]) == 0
    out = capsys.readouterr().out
    assert "5 article(s) scored" in out
    assert main(["evaluate", str(SEEDS_GOLD), "--predictions", str(predictions), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fields"]["rounds"]["f1"] == 1.0
    assert data["distractor_leaks"] == 0


def test_cli_evaluate_needs_paths_or_predictions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(SEEDS_GOLD)]) == 2
    assert "error" in capsys.readouterr().err


def test_dates_compare_at_their_precision() -> None:
    gold = [_by_file(_gold())[F000]]
    pred = prediction_from_gold(gold[0])
    pred["rounds"][0]["date"] = "2025-09-09"  # same month
    assert ev.evaluate([pred], gold).fields["date"].tp == 1
    pred["rounds"][0]["date_precision"] = "day"  # more precise than the text allows
    date = ev.evaluate([pred], gold).fields["date"]
    assert (date.tp, date.fp, date.fn) == (0, 1, 1)
    pred["rounds"][0].update(date="2025-08-01", date_precision="month")
    date = ev.evaluate([pred], gold).fields["date"]
    assert (date.tp, date.fp, date.fn) == (0, 1, 1)


# --------------------------------------------------------------------------- company-aware figures


def _one_round_gold(company: str = "Norvane", **extra: Any) -> dict[str, Any]:
    round_ = {
        "company": company, "amount": 4.2e6, "amount_min": None, "currency": "EUR", "qualifier": None,
        "amount_alternatives": [], "valuation": None, "valuation_currency": None, "valuation_basis": None,
        "valuation_alternatives": [], "lead_investors": ["Pivoine Ventures"],
        "investors": ["Pivoine Ventures", "Garance Capital"], "investments": [], "round_label": "Seed",
        "date_text": "en mars 2024", "status": "announced",
        "evidence": "Norvane lève 4,2 millions d'euros en mars 2024 auprès de Pivoine Ventures et Garance Capital.",
    }
    round_.update(extra)
    return {"file": "n.txt", "url": None, "language": "fr", "company": company, "rounds": [round_],
            "valuations": [], "distractors": [], "notes": None}


def _pred_of(gold_line: dict[str, Any], **changes: Any) -> dict[str, Any]:
    pred = prediction_from_gold(gold_line)
    pred["published"], pred["published_precision"] = "2024-04-02", "day"
    pred["rounds"][0].update({"date": "2024-03-01", "date_precision": "month", **changes})
    return pred


def test_round_with_the_wrong_company_is_a_miss_and_an_extra() -> None:
    gold = [_one_round_gold()]
    right = ev.evaluate([_pred_of(gold[0])], gold)
    assert right.fields["round"].tp == 1 and right.fields["round_investors"].tp == 2
    assert right.fields["matched_round_date"].tp == 1 and right.status_accuracy == 1.0
    wrong = ev.evaluate([_pred_of(gold[0], company="Logistique Urbaine")], gold)
    assert wrong.fields["rounds"].tp == 1  # company-blind: the amount is right
    round_ = wrong.fields["round"]
    assert (round_.tp, round_.fp, round_.fn) == (0, 1, 1)
    investors = wrong.fields["round_investors"]  # a missed round's investors are misses, an invented one's extras
    assert (investors.tp, investors.fp, investors.fn) == (0, 2, 2)
    assert wrong.status_total == 0


def test_status_accuracy_over_matched_rounds() -> None:
    gold = [_one_round_gold()]
    report = ev.evaluate([_pred_of(gold[0], status="reported")], gold)
    assert (report.status_correct, report.status_total, report.status_accuracy) == (0, 1, 0.0)
    assert any(m.field == "matched_round_status" for m in report.misses)


def test_valuation_counts_only_with_its_company() -> None:
    gold = _by_file(_gold())[F004]
    pred = prediction_from_gold(gold)
    pred["valuations"][1]["company"] = "Mistral AI"  # OpenAI's 300 bn given to Mistral
    report = ev.evaluate([pred], [gold])
    assert report.fields["valuation"].tp == 2  # company-blind
    cv = report.fields["company_valuation"]
    assert (cv.tp, cv.fp, cv.fn) == (1, 1, 1)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Mistral AI", "Mistral", True),
    ("Acme SAS", "ACME", True),
    ("Ÿnsect", "Ynsect", True),
    ("Lighstpeed Labs", "Lightspeed Labs", True),
    ("Norvane", "Quillby", False),
    ("Logistique Urbaine", "Norvane", False),
    (None, "Norvane", False),
])
def test_same_company(a: str | None, b: str, same: bool) -> None:
    assert ev.same_company(a, b) is same


def test_date_text_is_resolved_against_the_publication_date() -> None:
    gold = [_one_round_gold(date_text="le mois dernier")]
    report = ev.evaluate([_pred_of(gold[0])], gold)  # published 2 April 2024: last month is March 2024
    assert report.fields["matched_round_date"].tp == 1
    late = ev.evaluate([_pred_of(gold[0], date="2024-04-01")], gold)
    assert (late.fields["matched_round_date"].fp, late.fields["matched_round_date"].fn) == (1, 1)


def test_distractor_roles_are_read_from_their_why() -> None:
    assert ev.distractor_role({"text": "x", "why": "total raised to date"}) == "total_to_date"
    assert ev.distractor_role({"text": "x", "why": "montant total levé par les start-up du secteur"}) == "market"
    assert ev.distractor_role({"text": "x", "why": "acquisition price"}) == "other"


def test_roles_confusion_and_errors_with_sentences() -> None:
    gold = _by_file(_gold())[F003]
    pred = prediction_from_gold(gold)
    pred["rounds"].append({"company": "Mistral AI", "amount": 2e9, "currency": "EUR", "qualifier": "more_than",
                           "evidence": [{"sentence": "a déjà levé plus de 2 milliards d’euros", "start": 0, "end": 9}]})
    report = ev.evaluate([pred], [gold], kinds={F003: "announcement"})
    assert report.roles[("total_to_date", "round")] == 1
    assert report.roles[("round", "round")] == 1
    assert set(report.by_kind) == {"announcement"} and set(report.by_language) == {"fr"}
    text = ev.format_report(report, errors=True)
    assert "EXTRA round: round 2 000 000 000 EUR of Mistral AI" in text
    assert "« a déjà levé plus de 2 milliards d’euros »" in text
    assert "Figure roles" in text and "By language and article kind" in text


def test_malformed_gold_line_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = json.dumps(_one_round_gold(), ensure_ascii=False)
    bad = _one_round_gold()
    bad["distractors"] = ["12 millions"]  # a bare string: the policy wants {text, why}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(good + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ev.GoldError, match=r"gold.jsonl, line 2, distractors\[0\]"):
        ev.load_gold(gold)
    gold.write_text(good + "\n{not json\n", encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("", encoding="utf-8")
    assert main(["evaluate", str(gold), "--predictions", str(predictions)]) == 2
    err = capsys.readouterr().err
    assert "gold.jsonl, line 2: not valid JSON" in err and "Traceback" not in err


def _split_gold_and_predictions(tmp_path: Path) -> tuple[Path, Path]:
    """The seeds' gold with a split beside it (000 and 004 in test) and perfect predictions."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(SEEDS_GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "split.csv").write_text(f"file,split\n{F000},test\n{F001},dev\n{F002},dev\n{F003},dev\n"
                                        f"{F004},test\n", encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("".join(json.dumps(p) + "\n" for p in _perfect()), encoding="utf-8")
    return gold, predictions


def test_cli_split_scores_only_its_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, predictions = _split_gold_and_predictions(tmp_path)
    assert main(["evaluate", str(gold), "--predictions", str(predictions), "--split", "test", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 2
    assert data["fields"]["round"]["tp"] == 1  # 000's round; 004 has valuations only
    assert data["unscored_predictions"] == []  # predictions outside the split are not even listed


def test_cli_never_shows_the_errors_of_the_test_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(SEEDS_GOLD), "seeds", "--split", "test", "--errors"]) == 2
    assert "test split gives figures only" in capsys.readouterr().err


def test_cli_never_shows_test_errors_without_a_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, predictions = _split_gold_and_predictions(tmp_path)
    assert main(["evaluate", str(gold), "--predictions", str(predictions), "--errors"]) == 2
    assert "holds a test split" in capsys.readouterr().err
    assert main(["evaluate", str(gold), "--predictions", str(predictions), "--split", "dev", "--errors"]) == 0


# --------------------------------------------------------------------------- the shared corpus

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
#: Company-aware F1 the engine keeps on the shared development corpus (15 Mistral AI articles), a
#: floor under today's figures (round 0.966, valuation 1.000, leads 1.000, investors 0.920): a rule
#: written for other texts that breaks these ("plus gros fonds actionnaire" read as a fund close)
#: fails here.
SHARED_CORPUS_FLOOR = {"round": 0.95, "company_valuation": 1.0, "round_leads": 0.95, "round_investors": 0.9}


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared development corpus is not mounted")
def test_the_engine_keeps_its_figures_on_the_shared_corpus() -> None:
    from analysis.corpus import iter_articles
    from analysis.extract import extract_articles
    from analysis.model import Article

    articles = [a for a in iter_articles([SHARED_CORPUS]) if isinstance(a, Article)]
    predictions = [facts.to_json() for facts in extract_articles(articles)]
    report = ev.evaluate(predictions, ev.load_gold(SHARED_CORPUS / "gold.jsonl"))
    scores = {name: round(report.fields[name].f1, 3) for name in SHARED_CORPUS_FLOOR}
    assert all(scores[name] >= floor for name, floor in SHARED_CORPUS_FLOOR.items()), scores
    assert report.distractor_leaks <= 1  # Microsoft's $13bn in OpenAI, named in passing
