"""A learned second reading of each round: does the figure read like a round, from the words around it?

Its one job: ``gated`` sets aside (as an ``other_figures`` entry, why ``not_a_round``) every round
whose figure a logistic model finds unlike a round: a market total, a total to date, a fund, a
revenue, a figure of a company named in passing that the rules took for the article's round.

The rules decide what a figure is from the phrasings they were written against; on articles never
read, about one predicted round in four is no round at all (the benchmark's fresh sets as each
stood before it was read). The model reads the same evidence differently: the words near the
figure and in its sentence, and a few facts of the round (its mentions, status, qualifier,
investors, whether the title states it, how many rounds the article has). Its weights are data
(``patterns/round_gate.json``), fitted by ``benchmark/tools/fit_round_gate.py`` on the engine's
output for the fresh sets *as it was before each set was read* (the errors an unseen article
brings), with each set's gold; its threshold is the one that raised the company-aware round F1 most
when each set was left out of the fit in turn.

Pure functions over ``ArticleFacts``; no model file, no parse.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from analysis.frames import FOUND_BY
from analysis.labels import fold
from analysis.model import ArticleFacts, Evidence, OtherFigure, RoundFact

#: The model's data: bias, threshold and one weight per feature.
GATE_PATH = Path(__file__).resolve().parent.parent / "patterns" / "round_gate.json"

#: Words on each side of the figure that count as "near" it (a feature of their own).
NEAR_WORDS = 5
#: Characters from the start of the text within which a sentence counts as the article's opening.
OPENING_CHARS = 400
#: How the rules tie a figure to its company when the tie is read from the grammar (a verb's doer, a possessor, a
#: relative clause...; every ``FOUND_BY`` but the sentence's company and the investors' cue and list): such a round is
#: never set aside, the model only weighs the rounds tied by the sentence alone.
GRAMMAR_TIES = frozenset(FOUND_BY) - {"sentence", "cue", "list"}
#: Why a set-aside round is kept among the other figures.
NOT_A_ROUND = "not_a_round"

_WORD = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@cache
def _stop_words() -> frozenset[str]:
    """French and English function words (spaCy's lists, folded): no feature of their own."""
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH

    return frozenset(fold(w) for w in ENGLISH | FRENCH)


def _words(text: str) -> list[str]:
    stop = _stop_words()
    return [w for w in _WORD.findall(fold(text)) if w not in stop and len(w) > 1]


def _mention_features(evidence: Evidence, title: str | None) -> set[str]:
    """The words of one amount mention: before / after the figure (near it), and in its sentence."""
    sentence = evidence.sentence
    features: set[str] = set()
    if evidence.figure_start is None or evidence.figure_end is None:
        features |= {f"in:{w}" for w in _words(sentence)}
    else:
        cut_start = max(0, evidence.figure_start - evidence.start)
        cut_end = max(cut_start, evidence.figure_end - evidence.start)
        before, after = _words(sentence[:cut_start]), _words(sentence[cut_end:])
        features |= {f"in:{w}" for w in before + after}
        features |= {f"before:{w}" for w in before[-NEAR_WORDS:]} | {f"after:{w}" for w in after[:NEAR_WORDS]}
        features |= {f"fig:{w}" for w in _words(sentence[cut_start:cut_end])}
    if title and sentence.strip() == title.strip():
        features.add("is:title")
    elif evidence.start < OPENING_CHARS:
        features.add("is:opening")
    if _YEAR.search(sentence):
        features.add("has:year")
    return features


def weighed(round_fact: RoundFact) -> bool:
    """Whether the model weighs this round: it has an amount told in a sentence, tied to its company by no grammar,
    and no valuation (a figure valued is a round)."""
    mentions = [e for e in round_fact.evidence if e.role == "amount" and e.figure]
    return round_fact.amount is not None and round_fact.valuation is None and bool(mentions) and not any(
        e.company_found_by in GRAMMAR_TIES for e in mentions
    )


def round_features(round_fact: RoundFact, facts: ArticleFacts) -> set[str]:
    """What the model reads of one round: its amount mentions' words and a few of its facts."""
    mentions = [e for e in round_fact.evidence if e.role == "amount"]
    features: set[str] = {"bias"}
    for evidence in mentions:
        features |= _mention_features(evidence, facts.title)
    sentences = {e.start for e in mentions}
    shared = sum(
        1
        for other in [*facts.rounds, *facts.other_figures]
        if other is not round_fact and any(e.start in sentences and e.figure for e in other.evidence)
    )
    features.add("mentions:one" if len(mentions) <= 1 else "mentions:several")
    features.add("sentence:shared" if shared else "sentence:alone")
    rounds = len(facts.rounds)
    features.add("rounds:one" if rounds <= 1 else "rounds:two_three" if rounds <= 3 else "rounds:many")
    features.add(f"status:{round_fact.status}")
    features.add(f"qualifier:{round_fact.qualifier or 'none'}")
    features.add("company:none" if not round_fact.company else "company:some")
    if facts.company and round_fact.company == facts.company:
        features.add("company:article")
    found_by = {e.company_found_by for e in mentions if e.company_found_by}
    features |= {f"company_by:{how}" for how in found_by}
    if round_fact.lead_investors:
        features.add("has:leads")
    if round_fact.investors:
        features.add("has:investors")
    if round_fact.round_label:
        features.add("has:label")
    if round_fact.valuation is not None:
        features.add("has:valuation")
    return features


@cache
def gate_model(path: Path = GATE_PATH) -> Mapping[str, Any]:
    """The fitted model: ``{"threshold": float, "weights": {feature: weight}, ...}``."""
    return json.loads(path.read_text(encoding="utf-8"))


def round_probability(features: set[str], weights: Mapping[str, float]) -> float:
    """The model's probability that a round with these features is a round."""
    logit = sum(weights.get(name, 0.0) for name in features)
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


def gated(facts: ArticleFacts, model: Mapping[str, Any] | None = None) -> ArticleFacts:
    """``facts`` with every round the model finds unlike a round set aside among the other figures."""
    model = gate_model() if model is None else model
    weights, threshold = model["weights"], float(model["threshold"])
    kept: list[RoundFact] = []
    set_aside: list[OtherFigure] = []
    for round_fact in facts.rounds:
        if not weighed(round_fact) or round_probability(round_features(round_fact, facts), weights) >= threshold:
            kept.append(round_fact)
            continue
        mentions = [e for e in round_fact.evidence if e.role == "amount" and e.figure]
        first = mentions[0]
        set_aside.append(
            OtherFigure(
                text=first.figure or "",
                value=round_fact.amount,
                currency=round_fact.currency,
                why=NOT_A_ROUND,
                company=round_fact.company,
                start=first.figure_start,
                end=first.figure_end,
                evidence=[replace(e, role=NOT_A_ROUND) for e in mentions],
            )
        )
    if not set_aside:
        return facts
    return replace(facts, rounds=kept, other_figures=[*facts.other_figures, *set_aside])
