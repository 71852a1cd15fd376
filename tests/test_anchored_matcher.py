"""``AnchoredMatcher`` finds exactly what spaCy's ``Matcher`` finds with the same patterns, on real
articles, while running a pattern only where the words it requires are."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import Matcher

from analysis.anchored_matcher import AnchoredMatcher, requirements
from analysis.nlp import load_pipeline, split_sentences

ROOT = Path(__file__).resolve().parents[1]
REAL = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))


def _sentences(language: str) -> list[str]:
    from analysis.corpus import iter_articles
    from analysis.model import Article

    found = []
    for article in iter_articles(REAL):
        if isinstance(article, Article) and (article.language == "fr") == (language == "fr"):
            found += [article.text[start:end] for start, end in split_sentences(article.text)]
    return found


def _triples(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    return sorted(matches)  # duplicates kept: the attribute ruler applies each match


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_cue_patterns_match_as_one_spacy_matcher_does_on_real_articles(language: str) -> None:
    nlp = load_pipeline(language)
    ruler = nlp.get_pipe("cue_ruler")
    assert isinstance(ruler.matcher, AnchoredMatcher)
    plain = Matcher(nlp.vocab, validate=True)
    for entry in ruler.patterns:
        if not isinstance(entry["pattern"], str):
            plain.add(repr((entry["label"], entry.get("id", ""))), [entry["pattern"]])
    texts = _sentences(language)
    assert len(texts) > 50
    with nlp.select_pipes(disable=["cue_ruler", "investor_ruler"]):
        docs = list(nlp.pipe(texts))
    found = 0
    for doc in docs:
        expected = _triples(plain(doc))
        assert _triples(ruler.matcher(doc)) == expected, doc.text
        found += len(expected)
    assert found >= 20  # the real sentences hold many cues: the comparison is not vacuous


def test_a_pattern_requires_the_words_of_the_tokens_it_cannot_skip() -> None:
    vocab = load_pipeline("en").vocab
    pattern = [{"LOWER": {"IN": ["led", "co-led"]}}, {"POS": "ADV", "OP": "*"}, {"LOWER": "by", "OP": "?"},
               {"LEMMA": "round", "POS": "NOUN"}, {"LOWER": {"NOT_IN": ["a"]}}, {"TEXT": "X", "OP": "+"},
               {"LOWER": {"REGEX": "^fund"}}, {"LOWER": "not", "OP": "!"}]
    needs = requirements(pattern, vocab)
    assert [(n.attr, n.words) for n in needs if n.regex is None] == [
        ("LOWER", ("led", "co-led")), ("LEMMA", ("round",)), ("ORTH", ("X",))]
    assert [n.regex.pattern for n in needs if n.regex is not None] == ["^fund"]


def test_a_pattern_runs_only_where_its_words_are_and_finds_what_a_matcher_finds() -> None:
    nlp = load_pipeline("en")
    patterns = {
        "LED_BY": [{"LEMMA": "lead"}, {"LOWER": "by"}],
        "FUNDISH": [{"LOWER": {"REGEX": "^fund"}}],
        "ANY_ADV": [{"POS": "ADV"}],  # no word required: runs on every Doc
    }
    anchored, plain = AnchoredMatcher(nlp.vocab), Matcher(nlp.vocab)
    for key, pattern in patterns.items():
        anchored.add(key, [pattern])
        plain.add(key, [pattern])
    anchored.add("TWICE", [[{"LOWER": "round"}], [{"ORTH": "round"}]])  # one match, found by both
    plain.add("TWICE", [[{"LOWER": "round"}], [{"ORTH": "round"}]])
    for text in ["The round was led by Accel.", "Funding came quickly.", "Nothing here.", ""]:
        doc = nlp(text)
        assert _triples(anchored(doc)) == _triples(plain(doc)), text
    assert len(anchored) == 4 and "LED_BY" in anchored
    anchored.remove("LED_BY")
    plain.remove("LED_BY")
    doc = nlp("The round was led by Accel.")
    assert "LED_BY" not in anchored and _triples(anchored(doc)) == _triples(plain(doc)) != []
    with pytest.raises(ValueError, match="no pattern"):
        anchored.remove("MISSING")
