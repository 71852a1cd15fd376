"""Measures extraction against a gold file: precision, recall and F1 per field.

Predictions are ``ArticleFacts.to_json()`` dicts (one per article, the lines of
``extract``); gold lines follow ``/work/shared/corpus/gold.jsonl`` (rounds, valuations,
distractors), optionally with ``date`` / ``date_precision`` per round and valuation.
Articles are matched by file basename.

How the scoring works:

* Rounds of one article are aligned one-to-one by the best total score: two rounds whose
  amounts agree (primary or any alternative, within 1 % and same currency) match first;
  then, when one of them has no amount, rounds whose valuations agree; then rounds whose
  evidence sentences overlap or that share an investor, unless both carry amounts whose
  values disagree (a different figure is a different round).
* Every field counts items (TP / FP / FN), micro-averaged over all articles. Per aligned
  pair a scalar field counts one item when non-null on either side (equal: TP; different:
  FP + FN; one side only: FP or FN); list fields compare sets. An unaligned predicted
  round counts all its items as FP, an unaligned gold round all its items as FN.
* ``valuation`` pools the round valuations and the standalone valuations of an article
  (where an extractor files a valuation does not change whether it found it), matching
  a primary value or any alternative; ``valuation_basis`` is scored on those pairs.
* ``date`` is scored only where gold has a date: same precision and same date at that
  precision (2025-09-09 "month" equals 2025-09-01 "month").
* ``distractor_leaks`` counts predicted round amounts and valuations whose value equals a
  gold distractor's parsed value (``analysis.money.parse_amount``) and no gold fact of
  the same article; it is a count, not a rate.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from analysis.investors import canonical_investor

#: Relative tolerance for money values (1 %).
REL_TOLERANCE = 0.01
#: Tolerance for stakes, in percentage points.
STAKE_TOLERANCE = 1.0
#: Minimum word overlap (share of the shorter evidence) for two rounds to align on evidence.
EVIDENCE_OVERLAP = 0.6

FIELDS = (
    "rounds",
    "amount",
    "amount_alternatives",
    "valuation",
    "valuation_basis",
    "lead_investors",
    "investors",
    "investments",
    "stakes",
    "round_label",
    "status",
    "date",
)

Form = tuple[float, str | None]


# --------------------------------------------------------------------------- report


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was predicted."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when gold holds nothing."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Miss:
    """One FP or FN item: which article, which field, what."""

    file: str
    field: str
    kind: str  # "FP" or "FN"
    detail: str


@dataclass(frozen=True)
class Leak:
    """A predicted round amount or valuation that equals a gold distractor."""

    file: str
    where: str  # "round amount", "round valuation", "valuation"
    value: float
    currency: str | None
    distractor: str


@dataclass
class Report:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in FIELDS})
    leaks: list[Leak] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    unscored_predictions: list[str] = field(default_factory=list)
    distractors_checked: bool = True

    @property
    def distractor_leaks(self) -> int:
        return len(self.leaks)

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "fields": {name: score.to_json() for name, score in self.fields.items()},
            "distractor_leaks": self.distractor_leaks,
            "distractors_checked": self.distractors_checked,
            "leaks": [vars(leak) for leak in self.leaks],
            "misses": [vars(miss) for miss in self.misses],
            "missing_predictions": self.missing_predictions,
            "unscored_predictions": self.unscored_predictions,
        }


class _Tally:
    """Adds items to a report field while recording the misses."""

    def __init__(self, report: Report, file: str) -> None:
        self.report = report
        self.file = file

    def tp(self, name: str, n: int = 1) -> None:
        self.report.fields[name].tp += n

    def fp(self, name: str, detail: str) -> None:
        self.report.fields[name].fp += 1
        self.report.misses.append(Miss(self.file, name, "FP", detail))

    def fn(self, name: str, detail: str) -> None:
        self.report.fields[name].fn += 1
        self.report.misses.append(Miss(self.file, name, "FN", detail))

    def scalar(self, name: str, gold: Any, pred: Any, same: Callable[[Any, Any], bool], where: str) -> None:
        if gold is None and pred is None:
            return
        if gold is not None and pred is not None and same(gold, pred):
            self.tp(name)
            return
        if pred is not None:
            self.fp(name, f"{where}: {_show(pred)}" + ("" if gold is None else f" (gold {_show(gold)})"))
        if gold is not None:
            self.fn(name, f"{where}: {_show(gold)}" + ("" if pred is None else f" (predicted {_show(pred)})"))

    def sets(
        self,
        name: str,
        gold: Iterable[Any],
        pred: Iterable[Any],
        same: Callable[[Any, Any], bool],
        where: str,
    ) -> None:
        pairs, pred_left, gold_left = _match_lists(list(pred), list(gold), same)
        self.tp(name, len(pairs))
        for item in pred_left:
            self.fp(name, f"{where}: {_show(item)}")
        for item in gold_left:
            self.fn(name, f"{where}: {_show(item)}")


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold lines of a JSONL file (blank lines skipped)."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """The lines of an ``extract`` JSONL output."""
    return load_gold(path)


def _basename(file: str | None) -> str:
    return PurePath(file or "").name


# --------------------------------------------------------------------------- normalisation


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    if a == b:
        return True
    return abs(a - b) <= REL_TOLERANCE * max(abs(a), abs(b))


def _same_money(a: Form, b: Form) -> bool:
    return _close(a[0], b[0]) and (a[1] or None) == (b[1] or None)


def _alternatives(items: Any) -> list[Form]:
    forms: list[Form] = []
    for alt in items or []:
        if isinstance(alt, dict) and alt.get("amount") is not None:
            forms.append((float(alt["amount"]), alt.get("currency")))
    return forms


def _amount(r: dict[str, Any]) -> Form | None:
    return None if r.get("amount") is None else (float(r["amount"]), r.get("currency"))


def _amount_forms(r: dict[str, Any]) -> list[Form]:
    primary = _amount(r)
    return ([primary] if primary else []) + _alternatives(r.get("amount_alternatives"))


def _valuation(r: dict[str, Any]) -> Form | None:
    return None if r.get("valuation") is None else (float(r["valuation"]), r.get("valuation_currency"))


def _valuation_forms(r: dict[str, Any]) -> list[Form]:
    primary = _valuation(r)
    return ([primary] if primary else []) + _alternatives(r.get("valuation_alternatives"))


def _canon(names: Iterable[str] | None) -> list[str]:
    seen: dict[str, None] = {}
    for name in names or []:
        if name and str(name).strip():
            seen.setdefault(canonical_investor(str(name)), None)
    return list(seen)


def _investors(r: dict[str, Any]) -> list[str]:
    """Canonical investors, leads included."""
    return _canon(list(r.get("lead_investors") or []) + list(r.get("investors") or []))


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalise_label(label: str | None) -> str | None:
    """A comparable round label: "Series A" == "Série A" == "series_a"; "amorçage" == "Seed"."""
    if label is None:
        return None
    text = _strip_accents(str(label)).casefold()
    text = re.sub(r"[-_/.]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return None
    text = re.sub(r"^(?:serie|series|round|tour|levee)\s+(?:de\s+)?(?=[a-h]\b)", "series ", text)
    text = re.sub(r"\bamorcage\b", "seed", text)
    text = re.sub(r"\bpre ?seed\b", "pre seed", text)
    return text


def _evidence_text(evidence: Any) -> str:
    if evidence is None:
        return ""
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, dict):
        return str(evidence.get("sentence") or "")
    if isinstance(evidence, list):
        return " ".join(_evidence_text(item) for item in evidence)
    return str(evidence)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", _strip_accents(text).casefold()) if len(w) > 2}


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _show(item: Any) -> str:
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], float):
        return _money_text(item)
    if isinstance(item, tuple):
        return ", ".join(_money_text(x) if isinstance(x, tuple) else _show(x) for x in item)
    if isinstance(item, float):
        return f"{item:g}"
    return str(item)


def _money_text(form: tuple[Any, ...]) -> str:
    value, currency = form[0], form[1]
    return f"{float(value):,.0f} {currency or '?'}".replace(",", " ")


# --------------------------------------------------------------------------- matching


def _match_lists(
    pred: list[Any], gold: list[Any], same: Callable[[Any, Any], bool]
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Greedy one-to-one matching of two lists under ``same``."""
    gold_left = list(gold)
    pred_left: list[Any] = []
    pairs: list[tuple[Any, Any]] = []
    for p in pred:
        for i, g in enumerate(gold_left):
            if same(g, p):
                pairs.append((p, g))
                del gold_left[i]
                break
        else:
            pred_left.append(p)
    return pairs, pred_left, gold_left


def _forms_meet(a: Sequence[Form], b: Sequence[Form]) -> bool:
    return any(_same_money(x, y) for x in a for y in b)


def _values_meet(a: Sequence[Form], b: Sequence[Form]) -> bool:
    return any(_close(x[0], y[0]) for x in a for y in b)


def round_score(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """How well a predicted round fits a gold round; 0 means they cannot align."""
    g_amounts, p_amounts = _amount_forms(gold), _amount_forms(pred)
    shared = set(_investors(gold)) & set(_investors(pred))
    overlap = _overlap(_evidence_text(gold.get("evidence")), _evidence_text(pred.get("evidence")))
    bonus = 0.1 * min(overlap, 1.0) + 0.01 * min(len(shared), 9)
    if _forms_meet(g_amounts, p_amounts):
        g_primary, p_primary = _amount(gold), _amount(pred)
        primary = g_primary is not None and p_primary is not None and _same_money(g_primary, p_primary)
        return 3.0 + (0.5 if primary else 0.0) + bonus
    if g_amounts and p_amounts and not _values_meet(g_amounts, p_amounts):
        return 0.0  # two different figures: two different rounds
    if (not g_amounts or not p_amounts) and _forms_meet(_valuation_forms(gold), _valuation_forms(pred)):
        return 2.0 + bonus
    if overlap >= EVIDENCE_OVERLAP or shared:
        return 1.0 + bonus
    return 0.0


def _assign(scores: list[list[float]]) -> list[tuple[int, int]]:
    """(gold index, pred index) pairs maximising the total score; zero scores never pair."""
    n_gold = len(scores)
    n_pred = len(scores[0]) if scores else 0
    if not n_gold or not n_pred:
        return []
    if min(n_gold, n_pred) > 12:  # pathological article: greedy is good enough
        return _greedy(scores)
    # Index the smaller side by bitmask, walk the larger side.
    transpose = n_pred < n_gold
    rows = [list(col) for col in zip(*scores, strict=True)] if transpose else scores
    n_rows, n_cols = len(rows), len(rows[0])
    best: dict[int, tuple[float, tuple[tuple[int, int], ...]]] = {0: (0.0, ())}
    for r in range(n_rows):
        nxt = dict(best)
        for mask, (total, pairs) in best.items():
            for c in range(n_cols):
                if mask & (1 << c) or rows[r][c] <= 0:
                    continue
                key = mask | (1 << c)
                cand = (total + rows[r][c], (*pairs, (r, c)))
                if key not in nxt or cand[0] > nxt[key][0] + 1e-12:
                    nxt[key] = cand
        best = nxt
    pairs = max(best.values(), key=lambda item: item[0])[1]
    return [(c, r) for r, c in pairs] if transpose else list(pairs)


def _greedy(scores: list[list[float]]) -> list[tuple[int, int]]:
    cells = sorted(
        ((s, g, p) for g, row in enumerate(scores) for p, s in enumerate(row) if s > 0), reverse=True
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, g, p in cells:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def align_rounds(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of the rounds of one article."""
    scores = [[round_score(g, p) for p in pred] for g in gold]
    return sorted(_assign(scores))


# --------------------------------------------------------------------------- scoring


def _investments(r: dict[str, Any]) -> list[tuple[str, Form]]:
    items = []
    for inv in r.get("investments") or []:
        if inv.get("investor") and inv.get("amount") is not None:
            items.append((canonical_investor(inv["investor"]), (float(inv["amount"]), inv.get("currency"))))
    return items


def _stakes(r: dict[str, Any]) -> list[tuple[str, float]]:
    return [
        (canonical_investor(inv["investor"]), float(inv["stake_pct"]))
        for inv in r.get("investments") or []
        if inv.get("investor") and inv.get("stake_pct") is not None
    ]


def _same_investment(a: tuple[str, Form], b: tuple[str, Form]) -> bool:
    return a[0] == b[0] and _same_money(a[1], b[1])


def _same_stake(a: tuple[str, float], b: tuple[str, float]) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) <= STAKE_TOLERANCE


def _date(item: dict[str, Any]) -> tuple[str, str | None] | None:
    """(date, precision), the date cut to its precision: 2025-09-09 at month is 2025-09."""
    if not item.get("date"):
        return None
    precision = item.get("date_precision")
    date = str(item["date"])[:10]
    cut = {"year": 4, "month": 7}.get(str(precision))
    return (date[:cut] if cut else date), precision


def _round_name(r: dict[str, Any]) -> str:
    amount = _amount(r)
    if amount:
        return f"round {_money_text(amount)}"
    valuation = _valuation(r)
    if valuation:
        return f"round (no amount, valued {_money_text(valuation)})"
    return "round (no amount)"


def _score_round_pair(t: _Tally, gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> None:
    """Fields of one aligned pair, or of an unaligned round when the other side is None."""
    g = gold or {}
    p = pred or {}
    where = _round_name(gold or p)
    t.scalar("amount", _amount(g), _amount(p), _same_money, where)
    t.sets(
        "amount_alternatives",
        _alternatives(g.get("amount_alternatives")),
        _alternatives(p.get("amount_alternatives")),
        _same_money,
        where,
    )
    t.sets(
        "lead_investors", _canon(g.get("lead_investors")), _canon(p.get("lead_investors")), str.__eq__, where
    )
    t.sets("investors", _investors(g), _investors(p), str.__eq__, where)
    t.sets("investments", _investments(g), _investments(p), _same_investment, where)
    t.sets("stakes", _stakes(g), _stakes(p), _same_stake, where)
    t.scalar(
        "round_label",
        normalise_label(g.get("round_label")),
        normalise_label(p.get("round_label")),
        str.__eq__,
        where,
    )
    t.scalar("status", g.get("status"), p.get("status"), str.__eq__, where)
    if gold is not None and _date(gold) is not None:
        t.scalar("date", _date(gold), _date(p) if pred is not None else None, tuple.__eq__, where)


@dataclass
class _Valuation:
    forms: list[Form]
    basis: str | None
    date: tuple[str, str | None] | None
    where: str
    pair: int | None  # aligned round pair index, None for standalone / unaligned


def _valuation_items(
    rounds: list[dict[str, Any]], valuations: list[dict[str, Any]], pair_of: dict[int, int]
) -> list[_Valuation]:
    items = []
    for i, r in enumerate(rounds):
        forms = _valuation_forms(r)
        if _valuation(r) is not None:
            items.append(
                _Valuation(forms, r.get("valuation_basis"), _date(r), _round_name(r), pair_of.get(i))
            )
    for v in valuations:
        if v.get("value") is None:
            continue
        forms = [(float(v["value"]), v.get("currency")), *_alternatives(v.get("alternatives"))]
        items.append(_Valuation(forms, v.get("basis"), _date(v), "valuation", None))
    return items


def _score_valuations(
    t: _Tally, gold_art: dict[str, Any], pred_art: dict[str, Any], pairs: list[tuple[int, int]]
) -> None:
    gold_items = _valuation_items(
        gold_art.get("rounds") or [],
        gold_art.get("valuations") or [],
        {g: k for k, (g, _) in enumerate(pairs)},
    )
    pred_items = _valuation_items(
        pred_art.get("rounds") or [],
        pred_art.get("valuations") or [],
        {p: k for k, (_, p) in enumerate(pairs)},
    )
    matched: list[tuple[_Valuation, _Valuation]] = []
    gold_left = list(gold_items)
    pred_left = []
    # Values of the same aligned round meet first, then any value of the article.
    ordered = sorted(pred_items, key=lambda v: v.pair is None)
    for pv in ordered:
        candidates = [gv for gv in gold_left if _forms_meet(gv.forms, pv.forms)]
        candidates.sort(key=lambda gv: gv.pair != pv.pair or gv.pair is None)
        if candidates:
            matched.append((candidates[0], pv))
            gold_left.remove(candidates[0])
        else:
            pred_left.append(pv)
    t.tp("valuation", len(matched))
    for pv in pred_left:
        t.fp("valuation", f"{pv.where}: valued {_money_text(pv.forms[0])}")
        if pv.basis:
            t.fp("valuation_basis", f"{pv.where}: {pv.basis}")
    for gv in gold_left:
        t.fn("valuation", f"{gv.where}: valued {_money_text(gv.forms[0])}")
        if gv.basis:
            t.fn("valuation_basis", f"{gv.where}: {gv.basis}")
        if gv.date and gv.where == "valuation":
            t.fn("date", f"valuation {_money_text(gv.forms[0])}: {_show(gv.date)}")
    for gv, pv in matched:
        where = f"valuation {_money_text(gv.forms[0])}"
        t.scalar("valuation_basis", gv.basis, pv.basis, str.__eq__, where)
        if gv.date and gv.where == "valuation":  # round dates are scored with their round
            t.scalar("date", gv.date, pv.date, tuple.__eq__, where)


def _gold_values(gold_art: dict[str, Any]) -> list[Form]:
    values: list[Form] = []
    for r in gold_art.get("rounds") or []:
        values += _amount_forms(r) + _valuation_forms(r)
        values += [form for _, form in _investments(r)]
    for v in gold_art.get("valuations") or []:
        if v.get("value") is not None:
            values.append((float(v["value"]), v.get("currency")))
    return values


def _parse_distractor() -> Callable[[str, str | None], Any] | None:
    try:
        from analysis.money import parse_amount
    except ImportError:
        return None
    return parse_amount


def _leaks(
    gold_art: dict[str, Any], pred_art: dict[str, Any], file: str, parse: Callable[[str, str | None], Any]
) -> list[Leak]:
    distractors = []
    for text in gold_art.get("distractors") or []:
        money = parse(text, gold_art.get("language"))
        if money is not None and getattr(money, "value", None) is not None:
            distractors.append((text, float(money.value), money.currency))
    if not distractors:
        return []
    facts = _gold_values(gold_art)
    predicted: list[tuple[str, Form]] = []
    for r in pred_art.get("rounds") or []:
        if _amount(r):
            predicted.append(("round amount", _amount(r)))  # type: ignore[arg-type]
        if _valuation(r):
            predicted.append(("round valuation", _valuation(r)))  # type: ignore[arg-type]
    for v in pred_art.get("valuations") or []:
        if v.get("value") is not None:
            predicted.append(("valuation", (float(v["value"]), v.get("currency"))))
    leaks = []
    for where, (value, currency) in predicted:
        if any(_same_money(fact, (value, currency)) for fact in facts):
            continue
        for text, d_value, d_currency in distractors:
            if _close(value, d_value) and (d_currency is None or currency is None or d_currency == currency):
                leaks.append(Leak(file, where, value, currency, text))
                break
    return leaks


def _score_article(report: Report, gold_art: dict[str, Any], pred_art: dict[str, Any], file: str) -> None:
    t = _Tally(report, file)
    gold_rounds = gold_art.get("rounds") or []
    pred_rounds = pred_art.get("rounds") or []
    pairs = align_rounds(gold_rounds, pred_rounds)
    aligned_g = {g for g, _ in pairs}
    aligned_p = {p for _, p in pairs}
    t.tp("rounds", len(pairs))
    for g, p in pairs:
        _score_round_pair(t, gold_rounds[g], pred_rounds[p])
    for i, r in enumerate(pred_rounds):
        if i not in aligned_p:
            t.fp("rounds", _round_name(r))
            _score_round_pair(t, None, r)
    for i, r in enumerate(gold_rounds):
        if i not in aligned_g:
            t.fn("rounds", _round_name(r))
            _score_round_pair(t, r, None)
    _score_valuations(t, gold_art, pred_art, pairs)


def evaluate(predictions: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Report:
    """Scores ``predictions`` (ArticleFacts JSON dicts) against ``gold`` lines."""
    report = Report()
    by_file: dict[str, dict[str, Any]] = {}
    for pred in predictions:
        by_file.setdefault(_basename(pred.get("file")), pred)
    gold_files = {_basename(g.get("file")) for g in gold}
    report.unscored_predictions = sorted(name for name in by_file if name not in gold_files)
    parse = _parse_distractor()
    report.distractors_checked = parse is not None
    for gold_art in gold:
        file = _basename(gold_art.get("file"))
        pred_art = by_file.get(file)
        if pred_art is None:
            report.missing_predictions.append(file)
            pred_art = {"file": file, "rounds": [], "valuations": []}
        report.articles += 1
        _score_article(report, gold_art, pred_art, file)
        if parse is not None:
            report.leaks += _leaks(gold_art, pred_art, file, parse)
    return report


# --------------------------------------------------------------------------- formatting


def format_report(report: Report, verbose: bool = False) -> str:
    """A table ``field | P | R | F1 | TP FP FN``; with ``verbose``, the misses per article."""
    width = max(len(name) for name in (*FIELDS, "distractor_leaks"))
    lines = [
        f"{report.articles} article(s) scored",
        f"{'field':<{width}} |     P |     R |    F1 |   TP   FP   FN",
        f"{'-' * width}-+-------+-------+-------+---------------",
    ]
    for name in FIELDS:
        s = report.fields[name]
        lines.append(
            f"{name:<{width}} | {s.precision:5.3f} | {s.recall:5.3f} | {s.f1:5.3f} | {s.tp:4d} {s.fp:4d} {s.fn:4d}"
        )
    leaks = str(report.distractor_leaks) if report.distractors_checked else "not checked (no analysis.money)"
    lines.append(f"{'distractor_leaks':<{width}} | {leaks}")
    if report.missing_predictions:
        lines.append(f"no prediction for: {', '.join(report.missing_predictions)}")
    if report.unscored_predictions:
        lines.append(f"not in gold (unscored): {', '.join(report.unscored_predictions)}")
    if verbose:
        by_file: dict[str, list[str]] = {}
        for miss in report.misses:
            by_file.setdefault(miss.file, []).append(f"  {miss.kind} {miss.field}: {miss.detail}")
        for leak in report.leaks:
            by_file.setdefault(leak.file, []).append(
                f"  LEAK {leak.where} {_money_text((leak.value, leak.currency))} = distractor {leak.distractor!r}"
            )
        for file in sorted(by_file):
            lines.append("")
            lines.append(file)
            lines.extend(by_file[file])
    return "\n".join(lines)
