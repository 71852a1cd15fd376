"""The pipelines, the cue patterns kept as data and the rule-based sentence splitter."""

from __future__ import annotations

import pytest

from analysis.nlp import cue_patterns, load_pipeline, name_spans, paragraph_has_cue, split_sentences


def test_cue_patterns_are_loaded_from_jsonl() -> None:
    labels = {p["label"] for p in cue_patterns()}
    assert {"ROUND", "VALUATION", "LEAD", "REPORTED_MODAL", "OTHER_INFRASTRUCTURE"} <= labels


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "La start-up serait en passe de lever 80 millions d'euros.", {"REPORTED_MODAL", "ROUND"}),
        ("fr", "Mistral AI est sur le point d’obtenir près de 450 millions d’euros.", {"REPORTED_MODAL", "ROUND"}),
        ("en", "The round was led by Accel at a $2 billion valuation.", {"ROUND", "LEAD", "VALUATION"}),
        ("en", "Mistral is in talks to raise $1 billion, the FT reported.", {"REPORTED_MODAL", "REPORTED_ATTRIB"}),
    ],
)
def test_cues_found(language: str, text: str, expected: set[str]) -> None:
    doc = load_pipeline(language)(text)
    assert expected <= {span.label_ for span in doc.spans["cues"]}


def test_investor_ruler_gives_canonical_ids() -> None:
    doc = load_pipeline("fr")("Le tour est mené par a16z avec BPI et Nvidia.")
    assert {span.id_ for span in doc.spans["investors"]} == {"Andreessen Horowitz", "Bpifrance", "Nvidia"}


def test_english_pipeline_is_blank_with_rules() -> None:
    nlp = load_pipeline("en")
    assert nlp.lang == "en"
    assert "sentencizer" in nlp.pipe_names and "cue_ruler" in nlp.pipe_names


def test_names_in_english_without_a_model() -> None:
    doc = load_pipeline("en")("But the Financial Times reported that General Catalyst led the round.")
    assert {span.text for span in name_spans(doc)} == {"Financial Times", "General Catalyst"}


def test_sentence_splitter_keeps_abbreviations_and_decimals() -> None:
    text = "In December, it raised a round including Salesforce Inc. and Nvidia Corp. The financing valued it at $2.1 billion. M. Mensch a confirmé."
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "In December, it raised a round including Salesforce Inc. and Nvidia Corp.",
        "The financing valued it at $2.1 billion.",
        "M. Mensch a confirmé.",
    ]


def test_paragraph_cue_filter() -> None:
    assert paragraph_has_cue("Mistral AI lève 600 millions d'euros.")
    assert not paragraph_has_cue("Le Chat gagne des fonctionnalités de mémoire.")


def test_a_semicolon_ends_a_digest_clause() -> None:
    text = "Lovable raised $200 million; LeydenJar closed a €13 million round; and Isomorphic Labs raised $600 million."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Lovable raised $200 million;",
        "LeydenJar closed a €13 million round;",
        "Isomorphic Labs raised $600 million.",
    ]
