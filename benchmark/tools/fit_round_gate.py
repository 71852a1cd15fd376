"""Fit the round gate's model (``analysis/patterns/round_gate.json``) on the engine's output for the
fresh sets as it stood before each set was read.

    python benchmark/tools/unread_predictions.py          # once: benchmark/unread/*.jsonl
    python benchmark/tools/fit_round_gate.py              # leave-one-set-out figures, then the fit
    python benchmark/tools/fit_round_gate.py --write      # and write analysis/patterns/round_gate.json

Each predicted round with an amount is an example: a round when the evaluator aligns it with a gold
round whose amount it meets, no round otherwise (a market total, a total to date, a fund, a figure
told in passing...). The model is an L2-regularised logistic regression over ``round_features``
(solved by Newton's method; features seen in fewer than ``MIN_COUNT`` examples are dropped).

The threshold and the regularisation are chosen by leaving each fresh set out in turn: the model is
fitted on the others, gates the left-out set's predictions, and the evaluator scores them; the pair
that gives the highest company-aware round F1 over all left-out sets (micro) is kept, and the model
is fitted again on every set. The test split, ``fresh12/`` and later unread sets are never used.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import evaluate as ev  # noqa: E402
from analysis.extract import round_gate  # noqa: E402
from analysis.model import ArticleFacts, Evidence, OtherFigure, RoundFact, facts_from_json  # noqa: E402

#: The unread-state predictions (``unread_predictions.py``) and the sets they belong to.
UNREAD = ROOT / "benchmark" / "unread"
#: Sets the gate is fitted on: fresh .. fresh11 (fresh12 and later stay unread; the test split is never used).
FIT_SETS = ("fresh", *(f"fresh{n}" for n in range(2, 12)))
#: Fewest examples a feature must occur in to get a weight.
MIN_COUNT = 3
#: Regularisation strengths (L2 penalty on the weights, bias excluded) tried by leaving sets out.
L2_GRID = (3.0, 10.0, 30.0)
#: Thresholds tried by leaving sets out (a round is set aside below it).
THRESHOLD_GRID = (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
#: Fields whose left-out figures are printed for the chosen model.
FIELDS_SHOWN = ("round", "company_valuation", "round_leads", "round_investors")
#: Newton iterations of the fit.
NEWTON_STEPS = 25


def _known(cls: type, item: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in item.items() if k in names}


def load_facts(line: dict[str, Any]) -> ArticleFacts:
    """An ``ArticleFacts`` from a prediction line of any engine version (unknown keys dropped)."""
    def evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_known(Evidence, e) for e in items or []]

    clean = _known(ArticleFacts, line)
    clean["rounds"] = [
        {**_known(RoundFact, r), "evidence": evidence(r.get("evidence")), "investments": [
            {**i, "evidence": evidence(i.get("evidence"))} for i in r.get("investments") or []]}
        for r in line.get("rounds") or []
    ]
    clean["other_figures"] = [
        {**_known(OtherFigure, o), "evidence": evidence(o.get("evidence"))} for o in line.get("other_figures") or []
    ]
    clean["valuations"] = [{**v, "evidence": evidence(v.get("evidence"))} for v in line.get("valuations") or []]
    return facts_from_json(clean)


def load_set(name: str) -> list[tuple[dict[str, Any], ArticleFacts]]:
    """(gold line, predicted facts) of every article of one fresh set."""
    gold = {ev._basename(g["file"]): g for g in ev.load_gold(ROOT / "benchmark" / name / "gold.jsonl")}
    pairs = []
    for line in ev.load_predictions(UNREAD / f"{name}.jsonl"):
        g = gold.get(ev._basename(line.get("file")))
        if g is not None:
            pairs.append((g, load_facts(line)))
    return pairs


def examples(pairs: list[tuple[dict[str, Any], ArticleFacts]]) -> list[tuple[set[str], int]]:
    """(features, 1 if a round else 0) of each predicted round with an amount."""
    out = []
    for gold, facts in pairs:
        pred_json = facts.to_json()["rounds"]
        gold_rounds = gold.get("rounds") or []
        aligned = {p: g for g, p in ev.align_rounds(gold_rounds, pred_json)}
        for k, round_fact in enumerate(facts.rounds):
            if not round_gate.weighed(round_fact):
                continue
            is_round = k in aligned and ev._forms_meet(ev._amount_forms(gold_rounds[aligned[k]]), ev._amount_forms(pred_json[k]))
            out.append((round_gate.round_features(round_fact, facts), int(is_round)))
    return out


def fit(data: list[tuple[set[str], int]], l2: float) -> dict[str, float]:
    """Weights of an L2-regularised logistic regression (bias not penalised)."""
    counts: dict[str, int] = {}
    for features, _ in data:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT or n == "bias")
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(data), len(names)))
    for row, (features, _) in enumerate(data):
        for name in features:
            if name in index:
                x[row, index[name]] = 1.0
    y = np.array([label for _, label in data], dtype=float)
    penalty = np.full(len(names), l2)
    penalty[index["bias"]] = 1e-6
    w = np.zeros(len(names))
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-4 or n == "bias"}


def scored(pairs: list[tuple[dict[str, Any], ArticleFacts]], model: dict[str, Any] | None) -> ev.Report:
    """The evaluator's report of one set's predictions, gated by ``model`` (ungated when None)."""
    preds = [(facts if model is None else round_gate.gated(facts, model)).to_json() for _, facts in pairs]
    return ev.evaluate(preds, [g for g, _ in pairs])


def _round_counts(report: ev.Report) -> tuple[int, int, int]:
    field = report.fields["round"]
    return field.tp, field.fp, field.fn


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write analysis/patterns/round_gate.json")
    args = parser.parse_args()
    sets = {name: load_set(name) for name in FIT_SETS}
    data = {name: examples(pairs) for name, pairs in sets.items()}
    total = sum(len(d) for d in data.values())
    rounds = sum(label for d in data.values() for _, label in d)
    print(f"{total} predicted rounds in {len(sets)} sets: {rounds} rounds, {total - rounds} not rounds")
    ungated_reports = {name: scored(pairs, None) for name, pairs in sets.items()}
    base = [_round_counts(report) for report in ungated_reports.values()]
    base_total = tuple(map(sum, zip(*base, strict=True)))
    print(f"ungated, company-aware round F1 over the sets: {_f1(*base_total):.3f} (tp/fp/fn {base_total})")
    best: tuple[float, float, float] | None = None
    left_out_by_l2: dict[float, dict[str, dict[str, float]]] = {}
    for l2 in L2_GRID:
        left_out = {name: fit([x for other, d in data.items() if other != name for x in d], l2) for name in sets}
        left_out_by_l2[l2] = left_out
        for threshold in THRESHOLD_GRID:
            counts = [
                _round_counts(scored(pairs, {"weights": left_out[name], "threshold": threshold}))
                for name, pairs in sets.items()
            ]
            tp, fp, fn = map(sum, zip(*counts, strict=True))
            f1 = _f1(tp, fp, fn)
            per_set = " ".join(f"{_f1(*c) - _f1(*b):+.3f}" for c, b in zip(counts, base, strict=True))
            print(f"l2 {l2:>4} threshold {threshold:.2f}: F1 {f1:.3f} (tp/fp/fn {tp}/{fp}/{fn}) per set {per_set}")
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, l2, threshold)
    assert best is not None
    f1, l2, threshold = best
    print(f"chosen: l2 {l2}, threshold {threshold} (left-out F1 {f1:.3f} against {_f1(*base_total):.3f} ungated)")
    ungated, left_gated = ev.Report(), ev.Report()
    for name, pairs in sets.items():
        ungated.add(ungated_reports[name])
        left_gated.add(scored(pairs, {"weights": left_out_by_l2[l2][name], "threshold": threshold}))
    for field in FIELDS_SHOWN:
        print(f"left out, {field}: F1 {ungated.fields[field].f1:.3f} -> {left_gated.fields[field].f1:.3f}")
    print(f"left out, distractor leaks: {ungated.distractor_leaks} -> {left_gated.distractor_leaks}")
    weights = fit([x for d in data.values() for x in d], l2)
    top = sorted(weights.items(), key=lambda kv: kv[1])
    print("most against a round:", ", ".join(f"{n} {w:+.2f}" for n, w in top[:15]))
    print("most for a round:", ", ".join(f"{n} {w:+.2f}" for n, w in top[-15:][::-1]))
    if args.write:
        model = {
            "about": "Round gate (analysis/extract/round_gate.py): logistic weights fitted by "
                     "benchmark/tools/fit_round_gate.py on the unread-state predictions of " + ", ".join(FIT_SETS),
            "fitted_on": list(FIT_SETS),
            "examples": total,
            "l2": l2,
            "threshold": threshold,
            "left_out_round_f1": round(f1, 4),
            "ungated_round_f1": round(_f1(*base_total), 4),
            "weights": weights,
        }
        round_gate.GATE_PATH.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {round_gate.GATE_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
