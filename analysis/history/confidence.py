"""How far to trust each stored fact: a confidence in [0, 1] and its reasons, from the evidence.

Its one job: ``score`` gives every row of the rounds, investments and valuations frames a
``confidence`` and ``confidence_reasons`` (reasons joined by "; ", e.g. "2 sources agree; company
found by the grammar; announced"). Pure functions over frames; ``analysis.history.consolidate`` calls
``score`` once, at the end of consolidation.

What goes in (the *signals*, each a number in [0, 1] or a small count, per row):

* per article, from the mentions (how extraction decided, ``mentions.found_by``): whether the
  parse tied the figure to its company (a genitive, a relative clause, the verb's doer) or only
  the sentence's subject did; whether the parse tied an investor (a lead) to the round's verb or
  to the lead cue, or only proximity to a cue or a list did; the money's form (currency stated,
  "about" / "more than" / a range); the status (reported: a rumour, talks); how many rounds the
  article states (a roundup is harder to read than one announcement);
* across articles, after consolidation: how many sources state the fact, whether they agree
  (``agreement == "differ"``, a valuation's own comparison), the spread of their amounts;
* a round's own confidence is a signal of its investors' and of its valuation's (an investor
  of a round that is not one is wrong too).

The model, per kind of fact (``round``, ``investment``, ``valuation``): a logistic combination
``p = 1 / (1 + exp(-(bias + sum(w_i * x_i))))`` of its signals (``SIGNALS``). The weights are data,
``patterns/confidence.json``, fitted on the benchmark's dev split only by
``benchmark/tools/fit_confidence.py`` (a logistic regression pulled towards prior weights, each
weight kept on the side its signal's meaning gives it: a second agreeing source never lowers a
confidence). The test split measures calibration (``benchmark/tools/calibration.py``).

A fact an analyst corrected or confirmed (a non-empty ``corrected`` column, where the frame has
one) is 1.0, "checked by an analyst" (``checked``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.frames import is_missing

#: The fitted weights (see ``benchmark/tools/fit_confidence.py``).
WEIGHTS_PATH = Path(__file__).parent.parent / "patterns" / "confidence.json"
#: Separator of the reasons in ``confidence_reasons``.
REASON_SEP = "; "
#: The confidence of a fact an analyst corrected or confirmed.
CHECKED = 1.0
CHECKED_REASON = "checked by an analyst"

#: How a figure's company found by the parse is recorded (``Evidence.company_found_by``); the
#: other way, "sentence", is the sentence's (or the article's) subject with no grammatical link.
COMPANY_BY_GRAMMAR = frozenset({"owner", "relative", "grammar", "respectively"})
#: Sources beyond this many add nothing more (``extra_sources`` = min(n, cap) - 1).
SOURCES_CAP = 4
#: Rounds an article states beyond this many count as this many (``crowded`` = log2(n) / log2(cap)).
CROWDED_CAP = 16
#: An article stating at least this many rounds is named in the reasons ("a roundup").
CROWDED_REASON = 3
#: Investors a round names beyond this many count as this many (``long_list``).
LIST_CAP = 16
#: A spread of the sources' amounts above this share (``spread_pct`` / 100) counts as 1.
SPREAD_CAP = 1.0
#: A spread from this share on is named in the reasons.
SPREAD_REASON = 0.10
#: A share of the sources from which a way of finding counts as the fact's way, in the reasons.
MAJORITY = 0.5

#: The signals of each kind of fact, in the order of the weights file.
SIGNALS: dict[str, tuple[str, ...]] = {
    "round": (
        "extra_sources",  # other sources stating the round: min(n_sources, SOURCES_CAP) - 1
        "conflict",  # 1 when its sources differ unexplained (agreement == "differ")
        "spread",  # spread of the sources' amounts, spread_pct / 100 (capped at SPREAD_CAP)
        "reported",  # 1 when only reported (rumour, talks), 0 when announced
        "no_amount",  # 1 when no source states an amount
        "currency_implicit",  # 1 when the amount's currency is not stated
        "approximate",  # share of sources giving the amount as "about", "more than", "up to", a range
        "company_by_grammar",  # share of sources whose parse tied the figure to its company
        "no_company",  # 1 when no company is named
        "labelled",  # 1 when a round label is named (Seed, Series A ...)
        "investors_named",  # 1 when the round names at least one investor
        "crowded",  # mean over sources of log2(rounds the article states) / log2(CROWDED_CAP)
    ),
    "investment": (
        "round_logit",  # the logit of the round's confidence
        "lead",  # 1 for a lead, 0 for a participant
        "by_grammar",  # share of sources whose parse tied the name to the round's verb or cue
        "by_share",  # share of sources where it leads by putting in more than half the round
        "extra_sources",  # other sources naming it in the round: min(n_sources, SOURCES_CAP) - 1
        "ticket",  # 1 when its own amount or stake is stated
        "long_list",  # log2(investors the round names) / log2(LIST_CAP)
    ),
    "valuation": (
        "round_logit",  # the logit of its round's confidence (0 for a valuation outside any round)
        "standalone",  # 1 for a valuation outside any round
        "basis_stated",  # 1 when pre- or post-money is stated
        "currency_implicit",  # 1 when its currency is not stated
        "reported",  # 1 when reported (rumour, talks)
        "company_by_grammar",  # 1 when the parse tied the figure to its company
        "no_company",  # 1 when no company is named
        "extra_agreeing",  # other sources whose valuation of the round agrees with this one
        "conflict",  # 1 when this valuation differs unexplained from the round's consensus
        "crowded",  # log2(rounds the article states) / log2(CROWDED_CAP)
    ),
}


# --------------------------------------------------------------------------- weights


@cache
def _weights_file(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_weights(path: str | Path = WEIGHTS_PATH) -> dict[str, dict[str, Any]]:
    """The fitted model: per kind, ``{"bias": b, "weights": {signal: w}}``."""
    data = _weights_file(str(path))
    return {kind: data[kind] for kind in SIGNALS}


def logit(signals: pd.DataFrame, model: Mapping[str, Any]) -> pd.Series:
    """``bias + sum(w_i * x_i)`` per row (a signal the model lacks weighs 0)."""
    total = pd.Series(float(model.get("bias", 0.0)), index=signals.index)
    for name, weight in model.get("weights", {}).items():
        if name in signals.columns:
            total = total + float(weight) * signals[name].astype(float).fillna(0.0)
    return total


def probability(value: pd.Series) -> pd.Series:
    """The logistic function, within [0, 1]."""
    return (1.0 / (1.0 + np.exp(-value.astype(float).clip(-50, 50)))).clip(0.0, 1.0)


# --------------------------------------------------------------------------- helpers




def _is_set(value: Any) -> bool:
    """A ``corrected`` cell that says an analyst checked the row."""
    if is_missing(value):
        return False
    if isinstance(value, bool | np.bool_):
        return bool(value)
    return str(value).strip() not in {"", "False", "false", "0"}


def _crowd(n: pd.Series) -> pd.Series:
    n = n.astype(float).fillna(1.0).clip(lower=1.0, upper=CROWDED_CAP)
    return np.log2(n) / math.log2(CROWDED_CAP)


def _sources(n: pd.Series) -> pd.Series:
    return (n.astype(float).fillna(1.0).clip(lower=1.0, upper=SOURCES_CAP) - 1.0)


def _rounds_per_article(mentions: pd.DataFrame) -> pd.Series:
    keyed = mentions.dropna(subset=["round_key"])
    return keyed.groupby("article_id")["round_key"].nunique()


def _with_columns(mentions: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` with ``round_id`` and ``found_by`` (empty where a frame lacks them)."""
    missing = {c: None for c in ("round_id", "found_by") if c not in mentions.columns}
    return mentions.assign(**missing) if missing else mentions


def _round_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions of the articles' rounds, each with the ``round_id`` it went to."""
    mentions = _with_columns(mentions)
    return mentions[mentions["round_id"].notna() & mentions["round_key"].notna()]


# --------------------------------------------------------------------------- signals


def round_signals(rounds: pd.DataFrame, mentions: pd.DataFrame, per_article: pd.Series | None = None) -> pd.DataFrame:
    """The signals of each round (``SIGNALS["round"]``), aligned with ``rounds``; columns
    starting with "_" carry the raw figures the reasons quote."""
    out = pd.DataFrame(index=rounds.index)
    amounts = _round_mentions(mentions)
    amounts = amounts[amounts["kind"] == "round_amount"].copy()
    per_article = _rounds_per_article(mentions) if per_article is None else per_article
    amounts["_grammar"] = amounts["found_by"].isin(COMPANY_BY_GRAMMAR).astype(float)
    amounts["_approx"] = (amounts["qualifier"].notna() & amounts["value"].notna()).astype(float)
    amounts["_crowd"] = _crowd(amounts["article_id"].map(per_article))
    amounts["_n"] = amounts["article_id"].map(per_article).astype(float)
    by_round = amounts.groupby("round_id").agg(
        grammar=("_grammar", "mean"), approx=("_approx", "mean"), crowd=("_crowd", "mean"), most=("_n", "max"))
    ids = rounds["round_id"]
    out["extra_sources"] = _sources(rounds["n_sources"])
    out["conflict"] = (rounds["agreement"] == "differ").astype(float)
    out["spread"] = (rounds["spread_pct"].astype(float).fillna(0.0) / 100).clip(0.0, SPREAD_CAP)
    out["reported"] = (rounds["status"] == "reported").astype(float)
    out["no_amount"] = rounds["amount"].isna().astype(float)
    out["currency_implicit"] = (rounds["amount"].notna() & rounds["currency"].isna()).astype(float)
    out["approximate"] = ids.map(by_round["approx"]).fillna(0.0).astype(float)
    out["company_by_grammar"] = ids.map(by_round["grammar"]).fillna(0.0).astype(float)
    out["no_company"] = rounds["company"].isna().astype(float)
    out["labelled"] = rounds["round_label"].notna().astype(float)
    out["investors_named"] = rounds["investors"].notna().astype(float)
    out["crowded"] = ids.map(by_round["crowd"]).fillna(0.0).astype(float)
    out["_rounds_in_article"] = ids.map(by_round["most"]).fillna(1.0).astype(float)
    return out


def investment_signals(investments: pd.DataFrame, mentions: pd.DataFrame, round_logits: pd.Series) -> pd.DataFrame:
    """The signals of each investor in a round (``SIGNALS["investment"]``), aligned with
    ``investments``; ``round_logits``: the logit of each round's confidence, by round_id."""
    out = pd.DataFrame(index=investments.index)
    named = _round_mentions(mentions)
    named = named[named["kind"].isin(["investor", "investment"]) & named["investor"].notna()].copy()
    named["_grammar"] = (named["found_by"] == "grammar").astype(float)
    named["_share"] = (named["found_by"] == "share").astype(float)
    named["_ticket"] = (named["value"].notna() | named["stake_pct"].notna()).astype(float)
    # one source may name an investor twice (named, and with its ticket): its strongest way counts
    per_source = named.groupby(["round_id", "investor", "article_id"]).agg(
        grammar=("_grammar", "max"), share=("_share", "max"), ticket=("_ticket", "max"))
    per_pair = per_source.groupby(level=["round_id", "investor"]).agg(
        grammar=("grammar", "mean"), share=("share", "mean"), ticket=("ticket", "max"))
    keys = pd.MultiIndex.from_arrays([investments["round_id"], investments["investor"]])
    found = per_pair.reindex(keys)
    found.index = investments.index
    list_size = investments.groupby("round_id")["investor"].transform("count").astype(float)
    out["round_logit"] = investments["round_id"].map(round_logits).fillna(0.0).astype(float)
    out["lead"] = (investments["role"] == "lead").astype(float)
    out["by_grammar"] = found["grammar"].fillna(0.0).astype(float)
    out["by_share"] = found["share"].fillna(0.0).astype(float)
    out["extra_sources"] = _sources(investments["n_sources"])
    ticket = investments["amount"].notna() | investments["stake_reported"].notna()
    out["ticket"] = (ticket | found["ticket"].fillna(0.0).astype(bool)).astype(float)
    out["long_list"] = np.log2(list_size.clip(lower=1.0, upper=LIST_CAP)) / math.log2(LIST_CAP)
    return out


def valuation_signals(
    valuations: pd.DataFrame, mentions: pd.DataFrame, comparison: pd.DataFrame, round_logits: pd.Series,
    per_article: pd.Series | None = None,
) -> pd.DataFrame:
    """The signals of each valuation (``SIGNALS["valuation"]``), aligned with ``valuations``."""
    out = pd.DataFrame(index=valuations.index)
    figures = _with_columns(mentions)
    figures = figures[figures["kind"] == "valuation"]
    found_by = {(r.article_id, float(r.value), r.currency if not is_missing(r.currency) else None): r.found_by
                for r in figures.itertuples() if not is_missing(r.value)}
    per_article = _rounds_per_article(mentions) if per_article is None else per_article
    fields = comparison[comparison["field"].isin(["pre_money", "post_money", "valuation"])]
    agrees = {(r.round_id, r.article_id): bool(r.agrees) for r in fields.itertuples()}
    conflict = {(r.round_id, r.article_id): r.explanation == "unexplained" for r in fields.itertuples()}
    agreeing = fields[fields["agrees"]].groupby("round_id")["article_id"].nunique()
    rows = []
    for row in valuations.itertuples():
        round_id = None if is_missing(row.round_id) else row.round_id
        currency = None if is_missing(row.currency) else row.currency
        how = found_by.get((row.article_id, float(row.value), currency))
        key = (round_id, row.article_id)
        mine = agrees.get(key, False)
        rows.append({
            "round_logit": float(round_logits.get(round_id, 0.0)) if round_id else 0.0,
            "standalone": 0.0 if round_id else 1.0,
            "basis_stated": float(row.basis in {"pre", "post"}),
            "currency_implicit": float(currency is None),
            "reported": float(row.status == "reported"),
            "company_by_grammar": float(not is_missing(how) and how in COMPANY_BY_GRAMMAR),
            "no_company": float(is_missing(row.company)),
            "extra_agreeing": float(min(max(int(agreeing.get(round_id, 0)) - 1, 0), SOURCES_CAP - 1))
            if round_id and mine else 0.0,
            "conflict": float(conflict.get(key, False)),
            "_rounds_in_article": float(per_article.get(row.article_id, 1)),
        })
    frame = pd.DataFrame(rows, index=valuations.index, columns=[*SIGNALS["valuation"], "_rounds_in_article"])
    for column in frame.columns:
        out[column] = frame[column].astype(float)
    out["crowded"] = _crowd(out["_rounds_in_article"]) if len(out) else pd.Series(dtype=float)
    return out[[*SIGNALS["valuation"], "_rounds_in_article"]]


# --------------------------------------------------------------------------- reasons


def _sources_reason(n: Any, conflict: bool) -> str:
    n = 1 if is_missing(n) else int(n)
    if n <= 1:
        return "1 source"
    return f"{n} sources in conflict" if conflict else f"{n} sources agree"


def _crowded_reason(n: float) -> list[str]:
    return [f"its article states {int(n)} rounds"] if n >= CROWDED_REASON else []


def round_reasons(row: Mapping[str, Any], signals: Mapping[str, Any]) -> list[str]:
    """What a round's confidence rests on, in words."""
    reasons = [_sources_reason(row["n_sources"], bool(signals["conflict"]))]
    if signals["spread"] >= SPREAD_REASON:
        reasons.append(f"amounts spread {signals['spread'] * 100:.0f} %")
    reasons.append("reported (rumour or talks)" if signals["reported"] else "announced")
    if signals["no_company"]:
        reasons.append("no company named")
    elif signals["company_by_grammar"] >= MAJORITY:
        reasons.append("company found by the grammar")
    else:
        reasons.append("company from the sentence's subject (no grammatical link)")
    if signals["no_amount"]:
        reasons.append("no amount stated")
    else:
        if signals["currency_implicit"]:
            reasons.append("currency not stated")
        if signals["approximate"] >= MAJORITY:
            reasons.append("approximate amount")
    if signals["labelled"]:
        reasons.append("round label named")
    if not signals["investors_named"]:
        reasons.append("no investor named")
    return reasons + _crowded_reason(signals["_rounds_in_article"])


def investment_reasons(row: Mapping[str, Any], signals: Mapping[str, Any]) -> list[str]:
    """What an investor's confidence rests on, in words."""
    role = "lead" if signals["lead"] else "investor"
    n = 1 if is_missing(row["n_sources"]) else int(row["n_sources"])
    reasons = [f"{n} sources name it" if n > 1 else "1 source names it"]
    if signals["by_grammar"] >= MAJORITY:
        reasons.append(f"{role} found by the grammar")
    elif signals["by_share"] >= MAJORITY:
        reasons.append("lead by its share of the round")
    elif signals["lead"]:
        reasons.append("lead: the name nearest a lead cue (no grammatical link)")
    else:
        reasons.append("investor: named near an investor cue or in its list (no grammatical link)")
    if signals["ticket"]:
        reasons.append("its own amount or stake stated")
    reasons.append(f"round confidence {_sigmoid(signals['round_logit']):.2f}")
    return reasons


def valuation_reasons(row: Mapping[str, Any], signals: Mapping[str, Any]) -> list[str]:
    """What a valuation's confidence rests on, in words."""
    reasons = []
    if signals["conflict"]:
        reasons.append("differs from the other sources")
    elif signals["extra_agreeing"]:
        reasons.append(f"{int(signals['extra_agreeing']) + 1} sources agree")
    else:
        reasons.append("1 source")
    reasons.append("reported (rumour or talks)" if signals["reported"] else "announced")
    if signals["no_company"]:
        reasons.append("no company named")
    elif signals["company_by_grammar"]:
        reasons.append("company found by the grammar")
    else:
        reasons.append("company from the sentence's subject (no grammatical link)")
    reasons.append("pre- or post-money stated" if signals["basis_stated"] else "basis not stated")
    if signals["currency_implicit"]:
        reasons.append("currency not stated")
    if signals["standalone"]:
        reasons.append("outside any round")
    else:
        reasons.append(f"round confidence {_sigmoid(signals['round_logit']):.2f}")
    return reasons + _crowded_reason(signals["_rounds_in_article"])


# --------------------------------------------------------------------------- scoring


def checked(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the rows an analyst corrected or confirmed (non-empty ``corrected``, where
    the frame has that column) at ``CHECKED``, "checked by an analyst"."""
    if "corrected" not in frame.columns or frame.empty:
        return frame
    mask = frame["corrected"].map(_is_set).astype(bool)
    if mask.any():
        frame = frame.copy()
        frame.loc[mask, "confidence"] = CHECKED
        frame.loc[mask, "confidence_reasons"] = CHECKED_REASON
    return frame


def _apply(frame: pd.DataFrame, signals: pd.DataFrame, model: Mapping[str, Any],
           reasons: Any) -> tuple[pd.DataFrame, pd.Series]:
    frame = frame.copy()
    if frame.empty:
        frame["confidence"] = pd.Series(dtype=float)
        frame["confidence_reasons"] = pd.Series(dtype=object)
        return frame, pd.Series(dtype=float)
    value = logit(signals, model)
    frame["confidence"] = probability(value).round(4)
    records = frame.to_dict("index")
    sig = signals.to_dict("index")
    frame["confidence_reasons"] = [REASON_SEP.join(reasons(records[i], sig[i])) for i in frame.index]
    return checked(frame), value


def score(
    rounds: pd.DataFrame, investments: pd.DataFrame, valuations: pd.DataFrame, mentions: pd.DataFrame,
    comparison: pd.DataFrame, weights: Mapping[str, Mapping[str, Any]] | None = None,
    rounds_per_article: pd.Series | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The rounds, investments and valuations frames with ``confidence`` and
    ``confidence_reasons`` filled. ``mentions``: with ``round_id`` (the round each article's round
    went to); ``weights``: default ``load_weights()``; ``rounds_per_article``: how many rounds each
    article states (default: counted in ``mentions``)."""
    weights = weights or load_weights()
    rounds, round_value = _apply(rounds, round_signals(rounds, mentions, rounds_per_article), weights["round"],
                                 round_reasons)
    # a checked round is certain: its investors and valuations inherit that, not its raw logit
    logits = pd.Series(round_value.values, index=rounds["round_id"].values, dtype=float) if len(rounds) else (
        pd.Series(dtype=float))
    if len(rounds) and "corrected" in rounds.columns:
        sure = rounds["corrected"].map(_is_set).astype(bool).values
        logits[sure] = np.maximum(logits[sure], _logit_of(CHECKED - 1e-4))
    investments, _ = _apply(investments, investment_signals(investments, mentions, logits),
                            weights["investment"], investment_reasons)
    valuations, _ = _apply(valuations, valuation_signals(valuations, mentions, comparison, logits, rounds_per_article),
                           weights["valuation"], valuation_reasons)
    return rounds, investments, valuations


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, float(value)))))


def _logit_of(p: float) -> float:
    return math.log(p / (1.0 - p))


__all__ = [
    "CHECKED", "CHECKED_REASON", "COMPANY_BY_GRAMMAR", "REASON_SEP", "SIGNALS", "WEIGHTS_PATH", "checked",
    "investment_signals", "load_weights", "logit", "probability", "round_signals", "score", "valuation_signals",
]
