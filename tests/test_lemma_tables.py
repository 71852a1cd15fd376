"""Compact lemma tables and the lean model load give the analyses of the model loaded whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.strings import get_string_id

from analysis import nlp
from analysis.lemma_tables import HashedLemmas, compact_lemmatizer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ENGLISH_TEXT = (
    "Nimbalo, a London-based payments startup, has raised $45 million in a Series B round led by "
    "Harbor Ventures, with participation from existing backers. The company was valued at $300 "
    "million, people familiar with the matter said; it is expanding into Germany and hiring engineers."
)


def test_hashed_lemmas_answer_like_a_dictionary() -> None:
    table = HashedLemmas([(get_string_id("levées"), ["lever"]), (get_string_id("a"), ["avoir"]),
                          (get_string_id("fonds"), ["fonds", "fond"])])
    assert len(table) == 3
    assert table["levées"] == ["lever"]
    assert table.get("fonds") == ["fonds", "fond"]
    assert table.get(get_string_id("a")) == ["avoir"]  # by hash too, as spaCy's Table
    assert "inconnu" not in table
    assert table.get("inconnu", ["inconnu"]) == ["inconnu"]
    with pytest.raises(KeyError):
        table["inconnu"]
    table["levées"].append("changed")
    assert table["levées"] == ["lever"]  # each answer is a fresh list


def test_the_lemmatizer_reads_compact_tables_with_the_same_lemmas() -> None:
    whole = spacy.load(nlp.FRENCH_MODEL)
    compact = spacy.load(nlp.FRENCH_MODEL)
    compact_lemmatizer(compact)
    assert isinstance(compact.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"), HashedLemmas)
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    assert [t.lemma_ for t in compact(text)] == [t.lemma_ for t in whole(text)]


def _analyses(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.has_vector, t.norm_, t.shape_) for t in doc]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_lean_pipeline_analyses_every_token_as_the_whole_model(language: str) -> None:
    """Loaded without the vocab's saved strings and with compact lemma tables, each pipeline tags,
    lemmatises, parses and names every token of real text as the model loaded whole."""
    lean = nlp.load_pipeline(language)
    whole = spacy.load(nlp.FRENCH_MODEL if language == "fr" else nlp.ENGLISH_MODEL)
    nlp.tune_tokenizer(whole, language)  # the same tokens: this test is about the lean load, not the tokenizer's rules
    assert len(lean.vocab.strings) < len(whole.vocab.strings)
    texts = ([p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if language == "fr"
             else [ENGLISH_TEXT])
    for text in texts:
        assert _analyses(lean(text)) == _analyses(whole(text))
