"""analysis.views.sources: the source-comparison grid and the mentions behind a cell."""

from __future__ import annotations

from views_support import D, frames_of

from analysis import frames as fr
from analysis.views import sources as S
from analysis.views.cells import source_labels


def test_every_explanation_has_its_words_and_its_class() -> None:
    assert set(S.EXPLANATIONS) == set(S.AGREEMENT_KINDS) == set(fr.EXPLANATIONS)


def test_comparison_grid(small) -> None:
    comp = S.comparison(small)
    t = comp.table
    assert list(t.columns[:3]) == ["Round", "Field", "Consensus"] and t.columns[-1] == "Differences"
    assert "Gate" in comp.sources
    c_row = t.index[t["Round"].str.contains("Series C")].item()
    assert t.loc[c_row, "Gate"] == "$2 bn"
    assert comp.kinds.loc[c_row, "Gate"] == "agrees (FX)"
    assert t.loc[c_row, "Consensus"] == "€1.7 bn"
    assert "same figure in another currency" in t.loc[c_row, "Differences"]
    y_row = t.index[t["Round"].str.contains("Jun 2024")].item()
    a1 = source_labels(small.articles)["a1"]
    assert comp.kinds.loc[y_row, a1] == "unexplained"
    assert [r["article_id"] for r in comp.cells[(c_row, "Gate")]] == ["a0"]
    assert S.comparison(frames_of()).table.empty


def test_evidence_for_finds_the_mention(small) -> None:
    comp = S.comparison(small)
    c_row = comp.table.index[comp.table["Round"].str.contains("Series C")].item()
    ev = S.evidence_for(small, comp.cells[(c_row, "Gate")][0])
    assert ev and ev[0]["mention_id"] == "m2"


def test_evidence_for_fields_without_a_figure(small) -> None:
    date_row = {"article_id": "a2", "round_id": "r_2024", "field": "date", "value": "2024-05-09",
                "company": "Mistral AI"}  # fmt: skip
    assert [r["mention_id"] for r in S.evidence_for(small, date_row)] == ["m3"]
    lead_row = {"article_id": "a0", "round_id": "r_c", "field": "lead_investors", "value": "ASML", "value_num": None}
    assert S.evidence_for(small, lead_row)[0]["mention_id"] == "m1"
    assert S.evidence_for(small, {"article_id": "nope", "field": "amount", "value_num": 1.0}) == []


def test_comparison_text_fields() -> None:
    articles = [{"article_id": "a", "file": "a.txt", "publisher": "P", "title": "t", "published": D(2025, 9, 9)}]
    sc = [
        {"round_id": "r", "company": "X", "field": "lead_investors", "article_id": "a", "value": "ASML",
         "consensus": "ASML"},
        {"round_id": "r", "company": "X", "field": "date", "article_id": "a", "value": "2025-09-09",
         "consensus": "2025-09-09"},
    ]  # fmt: skip
    comp = S.comparison(frames_of(articles=articles, source_comparison=sc))
    assert list(comp.table["P"]) == ["9 Sep 2025", "ASML"]  # a date without its precision: the day
    assert list(comp.table["Consensus"]) == ["9 Sep 2025", "ASML"]
    assert set(comp.kinds["P"]) == {"agrees"}
    # the note states the source's and the consensus's precision; the round's precision wins
    sc[1]["note"] = "month vs year precision"
    comp = S.comparison(frames_of(articles=articles, source_comparison=sc))
    assert list(comp.table["P"]) == ["Sep 2025", "ASML"] and list(comp.table["Consensus"]) == ["2025", "ASML"]
    rounds = [{"round_id": "r", "company": "X", "date": D(2025, 9, 9), "date_precision": "day"}]
    comp = S.comparison(frames_of(articles=articles, rounds=rounds, source_comparison=sc))
    assert list(comp.table["Consensus"]) == ["9 Sep 2025", "ASML"]
