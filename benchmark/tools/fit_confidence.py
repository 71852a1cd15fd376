"""Fit the confidence model's weights (``analysis/patterns/confidence.json``) on the benchmark's
dev split only.

    python benchmark/tools/fit_confidence.py            # fit and print the weights
    python benchmark/tools/fit_confidence.py --write    # and write analysis/patterns/confidence.json

The dev articles are extracted and consolidated as a store of them would be; each predicted fact
is marked right or wrong by the evaluator's company-aware matching (``calibration.py`` does the
same on the test split, to measure). Three logistic models, fitted in turn (a round's logit is a
signal of its investors and valuations): rounds on round facts, investments on the leads and
investors (a lead is right when gold names it a lead, a participant when gold names it an
investor), valuations on valuation facts.

Each is a maximum a posteriori logistic regression: the log-likelihood plus a Gaussian prior
centred on ``PRIORS`` (width ``PRIOR_SD``), so a signal the dev split hardly shows (a second
source) keeps its prior weight; a weight whose signal has a known direction (``SIGNS``) stays on
that side, at least ``MIN_WEIGHT`` from 0. Solved by projected gradient descent.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import calibration

from analysis.history import confidence

#: Prior weights: what each signal was expected to do before the data (logits; 1 ≈ x2.7 odds).
PRIORS: dict[str, dict[str, float]] = {
    "round": {
        "bias": 0.5, "extra_sources": 0.8, "conflict": -1.0, "spread": -0.5, "reported": -0.4, "no_amount": -0.3,
        "currency_implicit": -0.5, "approximate": -0.3, "company_by_grammar": 0.5, "no_company": -2.0,
        "labelled": 0.3, "investors_named": 0.3, "crowded": -1.0,
    },
    "investment": {
        "bias": -0.5, "round_logit": 1.0, "lead": 0.0, "by_grammar": 0.5, "by_share": 0.5, "extra_sources": 0.8,
        "ticket": 0.3, "long_list": 0.0,
    },
    "valuation": {
        "bias": 0.0, "round_logit": 0.5, "standalone": 0.0, "basis_stated": 0.3, "currency_implicit": -0.5,
        "reported": -0.3, "company_by_grammar": 0.5, "no_company": -2.0, "extra_agreeing": 0.8, "conflict": -1.0,
        "crowded": -1.0,
    },
}
#: The side a weight must stay on (+1, -1) when its signal's meaning gives one; 0: free.
SIGNS: dict[str, dict[str, int]] = {
    "round": {"extra_sources": 1, "conflict": -1, "spread": -1, "reported": -1, "no_amount": -1,
              "currency_implicit": -1, "approximate": -1, "company_by_grammar": 1, "no_company": -1,
              "labelled": 1, "investors_named": 1, "crowded": -1},
    "investment": {"round_logit": 1, "lead": 0, "by_grammar": 1, "by_share": 1, "extra_sources": 1, "ticket": 1,
                   "long_list": 0},
    "valuation": {"round_logit": 1, "standalone": 0, "basis_stated": 1, "currency_implicit": -1, "reported": -1,
                  "company_by_grammar": 1, "no_company": -1, "extra_agreeing": 1, "conflict": -1, "crowded": -1},
}
#: Width of the Gaussian prior around ``PRIORS`` (the bias: ``BIAS_SD``, nearly free).
PRIOR_SD = 1.0
BIAS_SD = 10.0
#: A signed weight keeps at least this distance from 0 on its side: a signal with a direction moves it.
MIN_WEIGHT = 0.05
#: Gradient steps of the solver.
STEPS = 20000


def fit(x: np.ndarray, y: np.ndarray, prior: np.ndarray, sd: np.ndarray, low: np.ndarray,
        high: np.ndarray) -> np.ndarray:
    """MAP logistic regression (column 0 of ``x`` is the bias), weights kept in [low, high]."""
    w = np.clip(prior.copy(), low, high)
    lipschitz = 0.25 * np.linalg.eigvalsh(x.T @ x).max() + (1 / sd**2).max()
    step = 1.0 / lipschitz
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (p - y) + (w - prior) / sd**2
        w = np.clip(w - step * grad, low, high)
    return w


def fit_kind(kind: str, signals: pd.DataFrame, labels: np.ndarray) -> dict[str, Any]:
    names = list(confidence.SIGNALS[kind])
    x = np.column_stack([np.ones(len(signals)), signals[names].to_numpy(dtype=float)])
    prior = np.array([PRIORS[kind]["bias"], *(PRIORS[kind][n] for n in names)])
    sd = np.array([BIAS_SD, *([PRIOR_SD] * len(names))])
    signs = [0, *(SIGNS[kind][n] for n in names)]
    low = np.array([MIN_WEIGHT if s > 0 else -np.inf for s in signs])
    high = np.array([-MIN_WEIGHT if s < 0 else np.inf for s in signs])
    w = fit(x, labels.astype(float), prior, sd, low, high)
    p = 1 / (1 + np.exp(-(x @ w)))
    return {
        "bias": round(float(w[0]), 4),
        "weights": {n: round(float(v), 4) for n, v in zip(names, w[1:], strict=True)},
        "dev_facts": len(labels), "dev_share_correct": round(float(labels.mean()), 4) if len(labels) else None,
        "dev_brier": round(float(((p - labels) ** 2).mean()), 4) if len(labels) else None,
    }


def _rows(facts: list[calibration.Fact], kinds: set[str]) -> tuple[list[Any], np.ndarray]:
    chosen = [f for f in facts if f.kind in kinds and f.row is not None]
    return [f.row for f in chosen], np.array([f.correct for f in chosen], dtype=float)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {confidence.WEIGHTS_PATH.name}")
    args = parser.parse_args(argv)
    preds = calibration.predictions("dev")  # the dev split only: never the test split
    result = calibration.consolidated(preds)
    facts = calibration.labelled_facts(preds, calibration.gold_lines("dev"), result)
    mentions = result.mentions
    model: dict[str, Any] = {}

    rows, labels = _rows(facts, {"round"})
    round_signals = confidence.round_signals(result.rounds, mentions)
    model["round"] = fit_kind("round", round_signals.loc[rows], labels)
    logits = pd.Series(confidence.logit(round_signals, model["round"]).values, index=result.rounds["round_id"].values)

    # a lead fact is about its role, an investor fact about taking part: one example per row and role
    investment_signals = confidence.investment_signals(result.investments, mentions, logits)
    lead_rows = {f.row for f in facts if f.kind == "lead" and f.row is not None}
    chosen = [f for f in facts if f.row is not None and (
        (f.kind == "lead") or (f.kind == "investor" and f.row not in lead_rows))]
    model["investment"] = fit_kind("investment", investment_signals.loc[[f.row for f in chosen]],
                                   np.array([f.correct for f in chosen], dtype=float))

    rows, labels = _rows(facts, {"valuation"})
    valuation_signals = confidence.valuation_signals(result.valuations, mentions, result.source_comparison, logits)
    model["valuation"] = fit_kind("valuation", valuation_signals.loc[rows], labels)

    shares = {kind: round(float(np.mean([f.correct for f in facts if f.kind == kind])), 4)
              for kind in calibration.KINDS if any(f.kind == kind for f in facts)}
    out = {
        "about": "Weights of analysis/history/confidence.py's logistic models, fitted on the benchmark's dev split "
                 "by benchmark/tools/fit_confidence.py (do not edit by hand: rerun it).",
        "fitted_on": f"benchmark dev split, {len(preds)} articles",
        "prior_sd": PRIOR_SD, "min_weight": MIN_WEIGHT,
        "dev_share_correct": shares,
        **model,
    }
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if not all(math.isfinite(v) for m in model.values() for v in [m["bias"], *m["weights"].values()]):
        raise SystemExit("the fit did not converge")
    if args.write:
        confidence.WEIGHTS_PATH.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {confidence.WEIGHTS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
