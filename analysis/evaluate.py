"""Measures extraction against a gold file: what an analyst sees, field by field.

Predictions are ``ArticleFacts.to_json()`` dicts (one per article, the lines of ``extract``);
gold lines follow ``../shared/GOLD_POLICY.md`` (``analysis.gold`` validates them). Articles are
matched by file basename.

Two families of figures:

* **Company-aware** (what an analyst sees in the tables): ``round`` counts a predicted round only
  when its amount (any stated form, or no amount on both sides) **and its company** are right;
  ``company_valuation`` a valuation only when its value, currency and company are right;
  ``round_leads`` and ``round_investors`` compare the investors of each matched round (those of
  a missed round are misses, those of an invented round extras); ``matched_round_status`` (accuracy),
  ``matched_round_label`` and ``matched_round_date`` are read over matched rounds only.
* **Per article** (company-blind, the earlier figures): rounds aligned on their amounts,
  whatever company they are given to, and every field of the aligned pairs.

How the scoring works:

* Rounds of one article are aligned one-to-one by the best total score: two rounds whose
  amounts agree (primary or any alternative, within 1 % and same currency) match first, and
  better when their companies agree; then, when one of them has no amount, rounds whose
  valuations agree; then rounds whose evidence sentences overlap or that share an investor,
  unless both carry amounts whose values disagree (a different figure is a different round).
* Every field counts items (TP / FP / FN), micro-averaged over all articles. Per aligned
  pair a scalar field counts one item when non-null on either side (equal: TP; different:
  FP + FN; one side only: FP or FN); list fields compare sets. An unaligned predicted
  round counts all its items as FP, an unaligned gold round all its items as FN.
* Two companies are the same when their names agree once accents, case, punctuation and legal
  forms are set aside, when one name is the other's first words ("Mistral" / "Mistral AI"), or
  when rapidfuzz's ratio reaches ``COMPANY_SIMILARITY``.
* ``valuation`` pools the round valuations and the standalone valuations of an article
  (where an extractor files a valuation does not change whether it found it), matching
  a primary value or any alternative; ``valuation_basis`` is scored on those pairs.
* ``date`` is scored only where gold has a resolved date: same precision and same date at that
  precision (2025-09-09 "month" equals 2025-09-01 "month"). ``matched_round_date`` also reads gold
  that gives only ``date_text``: the words are resolved by ``analysis.dates`` against the
  article's publication date; a date_text that names no date ("a month after its founding") is
  not scored.
* ``distractor_leaks`` counts predicted round amounts and valuations whose value equals a
  gold distractor's parsed value (``analysis.money.parse_amount``) and no gold fact of
  the same article; it is a count, not a rate.
* ``roles`` is a confusion table of figure roles: every gold figure (round, valuation,
  investment, or a distractor, classed as a total to date, a market figure or another figure
  by the words of its ``why``) against the role of the predicted figure of the same value.
* Every figure is also given per language (gold ``language``) and per article kind (the
  manifest's ``kind`` column).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from rapidfuzz import fuzz

from analysis.gold import GoldError
from analysis.gold import load_gold as _load_valid_gold
from analysis.investors import canonical_investor
from analysis.labels import normalise_label

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

#: Company-aware fields: what an analyst sees (see the module docstring).
COMPANY_FIELDS = (
    "round",
    "company_valuation",
    "round_leads",
    "round_investors",
    "matched_round_label",
    "matched_round_date",
)
#: Per-language and per-kind tables show these, with the status accuracy.
HEADLINE_FIELDS = ("round", "company_valuation", "round_leads", "round_investors", "amount", "valuation")

#: rapidfuzz ``ratio`` (0-100) from which two company names are one ("Lighstpeed" / "Lightspeed").
COMPANY_SIMILARITY = 90
#: Legal forms and filler words set aside when comparing company names ("Acme SAS" is "Acme").
COMPANY_FILLER = frozenset(
    ["sa", "sas", "sasu", "sarl", "inc", "incorporated", "ltd", "limited", "llc", "plc", "gmbh", "ag", "bv", "nv", "spa", "srl", "corp", "corporation", "co", "company", "the", "la", "le", "les", "l", "group", "groupe", "holding", "holdings"]
)

#: Figure roles of the confusion table; a predicted ``other_figures`` why maps onto them.
ROLES = ("round", "valuation", "investment", "total_to_date", "market", "other", "none")
_PREDICTED_OTHER_ROLES = {
    "total_raised": "total_to_date",
    "market_total": "market",
    "market_stat": "market",
}
#: Words of a gold distractor's ``why`` that class it (checked in this order).
_DISTRACTOR_ROLE_WORDS = (
    ("market", ("market", "marché", "marche", "sector", "secteur", "ecosystem", "écosystème", "average",
                "moyen", "median", "médian", "weekly total", "monthly total", "all deals", "startups raised",
                "start-up ont levé", "startups ont levé", "country total", "overall")),
    ("total_to_date", ("to date", "total raised", "cumul", "since", "depuis", "sum of", "in total",
                       "total funding", "total levé", "au total", "total")),
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
    sentence: str = ""  # the gold evidence of a miss, the predicted evidence of an extra


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
    fields: dict[str, FieldScore] = field(
        default_factory=lambda: {name: FieldScore() for name in (*COMPANY_FIELDS, *FIELDS)}
    )
    leaks: list[Leak] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    unscored_predictions: list[str] = field(default_factory=list)
    distractors_checked: bool = True
    status_correct: int = 0
    status_total: int = 0
    roles: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_language: dict[str, Report] = field(default_factory=dict)
    by_kind: dict[str, Report] = field(default_factory=dict)

    @property
    def distractor_leaks(self) -> int:
        return len(self.leaks)

    @property
    def status_accuracy(self) -> float | None:
        """Share of matched rounds (company-aware) whose status is right; None without any."""
        return self.status_correct / self.status_total if self.status_total else None

    def add(self, other: Report) -> None:
        """Adds ``other``'s counts (another article's, or a group's) to this report."""
        for name, score in other.fields.items():
            mine = self.fields.setdefault(name, FieldScore())
            mine.tp, mine.fp, mine.fn = mine.tp + score.tp, mine.fp + score.fp, mine.fn + score.fn
        self.leaks += other.leaks
        self.misses += other.misses
        self.articles += other.articles
        self.missing_predictions += other.missing_predictions
        self.status_correct += other.status_correct
        self.status_total += other.status_total
        self.roles.update(other.roles)

    def _figures(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "fields": {name: score.to_json() for name, score in self.fields.items()},
            "status_accuracy": self.status_accuracy,
            "distractor_leaks": self.distractor_leaks,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            **self._figures(),
            "distractors_checked": self.distractors_checked,
            "by_language": {key: group._figures() for key, group in sorted(self.by_language.items())},
            "by_kind": {key: group._figures() for key, group in sorted(self.by_kind.items())},
            "roles": [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(self.roles.items())],
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
        self.gold_sentence = ""  # the evidence a FN points at
        self.pred_sentence = ""  # the evidence a FP points at

    def about(self, gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> _Tally:
        """Points the misses that follow at these facts' sentences."""
        self.gold_sentence = _evidence_text((gold or {}).get("evidence"))
        self.pred_sentence = _evidence_text((pred or {}).get("evidence"))
        return self

    def tp(self, name: str, n: int = 1) -> None:
        self.report.fields[name].tp += n

    def fp(self, name: str, detail: str) -> None:
        self.report.fields[name].fp += 1
        self.report.misses.append(Miss(self.file, name, "FP", detail, self.pred_sentence))

    def fn(self, name: str, detail: str) -> None:
        self.report.fields[name].fn += 1
        self.report.misses.append(Miss(self.file, name, "FN", detail, self.gold_sentence))

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
    """The gold lines of a JSONL file, each validated against the gold policy
    (``analysis.gold.GoldError`` names the file and line of a malformed one)."""
    return _load_valid_gold(path)


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """The lines of an ``extract`` JSONL output (blank lines skipped)."""
    path = Path(path)
    lines = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}, line {number}: not valid JSON ({exc.msg})") from None
    return lines


def read_kinds(manifest: str | Path) -> dict[str, str]:
    """File basename -> article kind, from a manifest's ``kind`` column (empty without one)."""
    with Path(manifest).open(encoding="utf-8", newline="") as handle:
        return {_basename(row.get("file")): row["kind"] for row in csv.DictReader(handle)
                if row.get("kind")}


def read_published(manifest: str | Path) -> dict[str, tuple[dt.date | None, str | None]]:
    """File basename -> (publication date, precision), from a manifest's ``published`` columns."""
    found: dict[str, tuple[dt.date | None, str | None]] = {}
    with Path(manifest).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                date = dt.date.fromisoformat(row.get("published") or "")
            except ValueError:
                continue
            found[_basename(row.get("file"))] = (date, row.get("published_precision") or "day")
    return found


def read_split(path: str | Path, split: str) -> set[str]:
    """The file basenames a split file (``file,split``) assigns to ``split``."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and not {"file", "split"} <= set(rows[0]):
        raise GoldError(f"{path}: a split file needs the columns file and split")
    files = {_basename(row["file"]) for row in rows if row["split"] == split}
    if not files:
        raise GoldError(f"{path}: no article is in the split {split!r}")
    return files


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


def _evidence_text(evidence: Any) -> str:
    if evidence is None:
        return ""
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, dict):
        return str(evidence.get("sentence") or "")
    if isinstance(evidence, list):
        sentences = dict.fromkeys(_evidence_text(item) for item in evidence)
        return " ".join(sentence for sentence in sentences if sentence)
    return str(evidence)


def company_key(name: str | None) -> str:
    """A comparable company name: no accents, case, punctuation or legal form ("Acme SAS" -> "acme")."""
    if not name:
        return ""
    words = re.findall(r"\w+", _strip_accents(str(name)).casefold())
    kept = [w for w in words if w not in COMPANY_FILLER]
    return " ".join(kept or words)


def same_company(a: str | None, b: str | None) -> bool:
    """Whether two company names name one company (see the module docstring)."""
    ka, kb = company_key(a), company_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    short, long = sorted((ka.split(), kb.split()), key=len)
    if long[: len(short)] == short:
        return True
    return fuzz.ratio(ka, kb) >= COMPANY_SIMILARITY


def _distractor_text(item: Any) -> str:
    return str(item.get("text") or "") if isinstance(item, dict) else str(item)


def distractor_role(item: Any) -> str:
    """The figure role of a gold distractor, read from the words of its ``why``."""
    why = _strip_accents(str(item.get("why") or "") if isinstance(item, dict) else "").casefold()
    for role, words in _DISTRACTOR_ROLE_WORDS:
        if any(_strip_accents(word) in why for word in words):
            return role
    return "other"


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
    company = 0.6 if same_company(gold.get("company"), pred.get("company")) else 0.0
    bonus = 0.1 * min(overlap, 1.0) + 0.01 * min(len(shared), 9) + company
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
    for item in gold_art.get("distractors") or []:
        text = _distractor_text(item)
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


def _matched(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """A round an analyst would accept: its company and its amount (any stated form) are right."""
    if not same_company(gold.get("company"), pred.get("company")):
        return False
    g_amounts, p_amounts = _amount_forms(gold), _amount_forms(pred)
    return _forms_meet(g_amounts, p_amounts) if g_amounts or p_amounts else True


def _published(pred_art: dict[str, Any]) -> tuple[dt.date | None, str | None]:
    try:
        published = dt.date.fromisoformat(str(pred_art.get("published"))[:10])
    except ValueError:
        return None, None
    return published, pred_art.get("published_precision") or "day"


def gold_round_date(r: dict[str, Any], language: str | None,
                     published: tuple[dt.date | None, str | None]) -> tuple[str, str | None] | None:
    """The gold date of a round: its resolved ``date``, else its ``date_text`` read by
    ``analysis.dates`` against the article's publication date; None when neither gives a date."""
    if _date(r) is not None:
        return _date(r)
    if not r.get("date_text"):
        return None
    from analysis.dates import find_dates

    for mention in find_dates(str(r["date_text"]), language, *published):
        if mention.date is not None:
            return _date({"date": mention.date.isoformat(), "date_precision": mention.precision})
    return None


def _score_company_rounds(
    t: _Tally, gold_art: dict[str, Any], pred_art: dict[str, Any], pairs: list[tuple[int, int]]
) -> None:
    """The company-aware round fields: a pair counts only when ``_matched``."""
    gold_rounds, pred_rounds = gold_art.get("rounds") or [], pred_art.get("rounds") or []
    language, published = gold_art.get("language"), _published(pred_art)
    matched = [(g, p) for g, p in pairs if _matched(gold_rounds[g], pred_rounds[p])]
    t.tp("round", len(matched))
    done_g, done_p = {g for g, _ in matched}, {p for _, p in matched}
    for g, p in matched:
        gold, pred = gold_rounds[g], pred_rounds[p]
        t.about(gold, pred)
        where = f"{_round_name(gold)} of {gold.get('company')}"
        t.sets("round_leads", _canon(gold.get("lead_investors")), _canon(pred.get("lead_investors")),
               str.__eq__, where)
        t.sets("round_investors", _investors(gold), _investors(pred), str.__eq__, where)
        t.scalar("matched_round_label", normalise_label(gold.get("round_label")),
                 normalise_label(pred.get("round_label")), str.__eq__, where)
        if gold.get("status") and pred.get("status"):
            t.report.status_total += 1
            t.report.status_correct += gold["status"] == pred["status"]
            if gold["status"] != pred["status"]:
                t.report.misses.append(Miss(t.file, "matched_round_status", "FP",
                                            f"{where}: {pred['status']} (gold {gold['status']})",
                                            t.pred_sentence))
        gold_date = gold_round_date(gold, language, published)
        if gold_date is not None:
            t.scalar("matched_round_date", gold_date, _date(pred), tuple.__eq__, where)
    for p, pred in enumerate(pred_rounds):
        if p not in done_p:
            _count_unmatched(t.about(None, pred), pred, t.fp)
    for g, gold in enumerate(gold_rounds):
        if g not in done_g:
            _count_unmatched(t.about(gold, None), gold, t.fn)


def _count_unmatched(t: _Tally, r: dict[str, Any], count: Callable[[str, str], None]) -> None:
    """A round without its match: the round, its leads and its investors are all extras (``t.fp``)
    or all misses (``t.fn``)."""
    where = f"{_round_name(r)} of {r.get('company')}"
    count("round", where)
    for name in _canon(r.get("lead_investors")):
        count("round_leads", f"{where}: {name}")
    for name in _investors(r):
        count("round_investors", f"{where}: {name}")


def _company_valuations(art: dict[str, Any]) -> list[tuple[list[Form], str | None, dict[str, Any]]]:
    items = [(_valuation_forms(r), r.get("company"), r) for r in art.get("rounds") or [] if _valuation(r)]
    for v in art.get("valuations") or []:
        if v.get("value") is not None:
            forms = [(float(v["value"]), v.get("currency")), *_alternatives(v.get("value_alternatives"))]
            items.append((forms, v.get("company"), v))
    return items


def _score_company_valuations(t: _Tally, gold_art: dict[str, Any], pred_art: dict[str, Any]) -> None:
    """``company_valuation``: value, currency and company right, wherever the valuation is filed."""
    pairs, pred_left, gold_left = _match_lists(
        _company_valuations(pred_art), _company_valuations(gold_art),
        lambda g, p: _forms_meet(g[0], p[0]) and same_company(g[1], p[1]),
    )
    t.tp("company_valuation", len(pairs))
    for forms, company, item in pred_left:
        t.about(None, item).fp("company_valuation", f"{company}: valued {_money_text(forms[0])}")
    for forms, company, item in gold_left:
        t.about(item, None).fn("company_valuation", f"{company}: valued {_money_text(forms[0])}")


@dataclass(frozen=True)
class FactOutcome:
    """Whether one predicted fact is right by the company-aware matching (``round``,
    ``company_valuation``, ``round_leads``, ``round_investors``): what calibration reads.

    ``kind``: "round", "valuation", "lead" or "investor"; ``round_index``: the predicted round
    (a round, its lead or investor, its valuation), ``valuation_index``: a standalone valuation
    (index in the article's ``valuations``); ``investor``: the canonical name.
    """

    kind: str
    correct: bool
    round_index: int | None = None
    valuation_index: int | None = None
    investor: str | None = None


def fact_outcomes(gold_art: dict[str, Any], pred_art: dict[str, Any]) -> list[FactOutcome]:
    """Each predicted fact of one article, right or wrong, by the matching ``evaluate`` uses: its
    true positives are the company-aware TPs (a lead or investor is right only in a matched round)."""
    gold_rounds, pred_rounds = gold_art.get("rounds") or [], pred_art.get("rounds") or []
    pairs = align_rounds(gold_rounds, pred_rounds)
    matched = {p: gold_rounds[g] for g, p in pairs if _matched(gold_rounds[g], pred_rounds[p])}
    out: list[FactOutcome] = []
    for p, pred in enumerate(pred_rounds):
        gold = matched.get(p)
        out.append(FactOutcome("round", gold is not None, round_index=p))
        leads = set(_canon(gold.get("lead_investors"))) if gold else set()
        out += [FactOutcome("lead", name in leads, round_index=p, investor=name)
                for name in _canon(pred.get("lead_investors"))]
        investors = set(_investors(gold)) if gold else set()
        out += [FactOutcome("investor", name in investors, round_index=p, investor=name)
                for name in _investors(pred)]
    where: dict[int, tuple[int | None, int | None]] = {}
    for p, r in enumerate(pred_rounds):
        where[id(r)] = (p, None)
    for v, item in enumerate(pred_art.get("valuations") or []):
        where[id(item)] = (None, v)
    pairs_v, pred_left, _ = _match_lists(
        _company_valuations(pred_art), _company_valuations(gold_art),
        lambda g, p: _forms_meet(g[0], p[0]) and same_company(g[1], p[1]),
    )
    for items, correct in (([p for p, _ in pairs_v], True), (pred_left, False)):
        for _, _, item in items:
            round_index, valuation_index = where[id(item)]
            out.append(FactOutcome("valuation", correct, round_index=round_index, valuation_index=valuation_index))
    return out


def _figures(art: dict[str, Any], gold: bool) -> list[tuple[str, Form]]:
    """Every figure of an article with its role (see ``ROLES``)."""
    items: list[tuple[str, Form]] = []
    for r in art.get("rounds") or []:
        items += [("round", form) for form in _amount_forms(r)]
        items += [("valuation", form) for form in _valuation_forms(r)]
        items += [("investment", form) for _, form in _investments(r)]
    for v in art.get("valuations") or []:
        if v.get("value") is not None:
            items.append(("valuation", (float(v["value"]), v.get("currency"))))
    if gold:
        parse = _parse_distractor()
        for item in art.get("distractors") or []:
            money = parse(_distractor_text(item), art.get("language")) if parse else None
            if money is not None:
                items.append((distractor_role(item), (float(money.value), money.currency)))
    else:
        for other in art.get("other_figures") or []:
            if other.get("value") is not None:
                role = _PREDICTED_OTHER_ROLES.get(str(other.get("why")), "other")
                items.append((role, (float(other["value"]), other.get("currency"))))
    return items


def _score_roles(report: Report, gold_art: dict[str, Any], pred_art: dict[str, Any]) -> None:
    """The confusion table of figure roles: each gold figure against the predicted figure of its value."""
    pred_left = _figures(pred_art, gold=False)
    for role, form in _figures(gold_art, gold=True):
        same = [k for k, (_, p) in enumerate(pred_left) if _close(p[0], form[0])
                and (p[1] is None or form[1] is None or p[1] == form[1])]
        if not same:
            report.roles[(role, "none")] += 1
            continue
        best = next((k for k in same if pred_left[k][0] == role), same[0])
        report.roles[(role, pred_left.pop(best)[0])] += 1
    for role, _ in pred_left:
        report.roles[("none", role)] += 1


def _score_article(report: Report, gold_art: dict[str, Any], pred_art: dict[str, Any], file: str) -> None:
    t = _Tally(report, file)
    gold_rounds = gold_art.get("rounds") or []
    pred_rounds = pred_art.get("rounds") or []
    pairs = align_rounds(gold_rounds, pred_rounds)
    aligned_g = {g for g, _ in pairs}
    aligned_p = {p for _, p in pairs}
    t.tp("rounds", len(pairs))
    for g, p in pairs:
        t.about(gold_rounds[g], pred_rounds[p])
        _score_round_pair(t, gold_rounds[g], pred_rounds[p])
    for i, r in enumerate(pred_rounds):
        if i not in aligned_p:
            t.about(None, r).fp("rounds", _round_name(r))
            _score_round_pair(t, None, r)
    for i, r in enumerate(gold_rounds):
        if i not in aligned_g:
            t.about(r, None).fn("rounds", _round_name(r))
            _score_round_pair(t, r, None)
    _score_valuations(t, gold_art, pred_art, pairs)
    _score_company_rounds(t, gold_art, pred_art, pairs)
    _score_company_valuations(t, gold_art, pred_art)
    _score_roles(report, gold_art, pred_art)


def evaluate(
    predictions: list[dict[str, Any]], gold: list[dict[str, Any]], kinds: dict[str, str] | None = None
) -> Report:
    """Scores ``predictions`` (ArticleFacts JSON dicts) against ``gold`` lines; ``kinds`` maps a
    file's basename to its article kind (the manifest's ``kind``) for the per-kind figures."""
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
        article = Report()
        pred_art = by_file.get(file)
        if pred_art is None:
            article.missing_predictions.append(file)
            pred_art = {"file": file, "rounds": [], "valuations": []}
        article.articles = 1
        _score_article(article, gold_art, pred_art, file)
        if parse is not None:
            article.leaks += _leaks(gold_art, pred_art, file, parse)
        report.add(article)
        report.by_language.setdefault(str(gold_art.get("language") or "unknown"), Report()).add(article)
        if kinds is not None:
            report.by_kind.setdefault(kinds.get(file) or "unknown", Report()).add(article)
    return report


# --------------------------------------------------------------------------- formatting


def _field_rows(report: Report, names: Sequence[str], width: int) -> list[str]:
    rows = [
        f"{'field':<{width}} |     P |     R |    F1 |   TP   FP   FN",
        f"{'-' * width}-+-------+-------+-------+---------------",
    ]
    for name in names:
        s = report.fields[name]
        rows.append(
            f"{name:<{width}} | {s.precision:5.3f} | {s.recall:5.3f} | {s.f1:5.3f} | {s.tp:4d} {s.fp:4d} {s.fn:4d}"
        )
    return rows


def _accuracy(report: Report) -> str:
    accuracy = report.status_accuracy
    return "n/a" if accuracy is None else f"{accuracy:.3f}"


def _group_table(report: Report, width: int) -> list[str]:
    groups = [("all", report)]
    groups += [(key, group) for key, group in sorted(report.by_language.items())]
    groups += [(key, group) for key, group in sorted(report.by_kind.items())]
    head = f"{'F1':<{width}} | " + " | ".join(f"{key[:12]:>12}" for key, _ in groups)
    rows = [head, "-" * len(head)]
    rows.append(f"{'articles':<{width}} | " + " | ".join(f"{g.articles:>12d}" for _, g in groups))
    for name in HEADLINE_FIELDS:
        rows.append(f"{name:<{width}} | " + " | ".join(f"{g.fields[name].f1:>12.3f}" for _, g in groups))
    rows.append(f"{'matched_round_status':<{width}} | " + " | ".join(f"{_accuracy(g):>12}" for _, g in groups))
    rows.append(f"{'distractor_leaks':<{width}} | " + " | ".join(f"{g.distractor_leaks:>12d}" for _, g in groups))
    return rows


def _roles_table(report: Report) -> list[str]:
    width = max(len(role) for role in ROLES) + 2
    rows = ["gold \\ predicted".ljust(width) + "".join(f"{role:>14}" for role in ROLES)]
    for gold_role in ROLES:
        counts = [report.roles.get((gold_role, pred_role), 0) for pred_role in ROLES]
        if any(counts):
            rows.append(gold_role.ljust(width) + "".join(f"{n:>14d}" for n in counts))
    return rows


def _errors(report: Report, names: Sequence[str]) -> list[str]:
    by_file: dict[str, list[str]] = {}
    for miss in report.misses:
        if miss.field in names:
            entry = f"  {'MISS ' if miss.kind == 'FN' else 'EXTRA'} {miss.field}: {miss.detail}"
            if miss.sentence:
                entry += f"\n        « {miss.sentence.strip()} »"
            by_file.setdefault(miss.file, []).append(entry)
    for leak in report.leaks:
        by_file.setdefault(leak.file, []).append(
            f"  LEAK  {leak.where} {_money_text((leak.value, leak.currency))} = distractor {leak.distractor!r}"
        )
    lines: list[str] = []
    for file in sorted(by_file):
        lines += ["", file, *by_file[file]]
    return lines


def format_report(report: Report, verbose: bool = False, errors: bool = False) -> str:
    """The company-aware table, the per-article table, F1 per language and kind, the figure
    roles; with ``errors`` each company-aware miss and extra with its sentence; with ``verbose``
    every miss of every field."""
    width = max(len(name) for name in (*FIELDS, *COMPANY_FIELDS, "distractor_leaks", "matched_round_status"))
    leaks = str(report.distractor_leaks) if report.distractors_checked else "not checked (no analysis.money)"
    lines = [f"{report.articles} article(s) scored", "", "Company-aware (a fact counts only with its company)"]
    lines += _field_rows(report, COMPANY_FIELDS, width)
    lines.append(f"{'matched_round_status':<{width}} | {_accuracy(report)} ({report.status_correct}/{report.status_total})")
    lines.append(f"{'distractor_leaks':<{width}} | {leaks}")
    lines += ["", "Per article (company-blind)"]
    lines += _field_rows(report, FIELDS, width)
    lines.append(f"{'distractor_leaks':<{width}} | {leaks}")
    if len(report.by_language) > 1 or report.by_kind:
        lines += ["", "By language and article kind", *_group_table(report, width)]
    if report.roles:
        lines += ["", "Figure roles (rows: gold, columns: predicted)", *_roles_table(report)]
    if report.missing_predictions:
        lines.append(f"no prediction for: {', '.join(report.missing_predictions)}")
    if report.unscored_predictions:
        lines.append(f"not in gold (unscored): {', '.join(report.unscored_predictions)}")
    if errors:
        lines += _errors(report, (*COMPANY_FIELDS, "matched_round_status"))
    if verbose:
        lines += _errors(report, (*FIELDS, *COMPANY_FIELDS, "matched_round_status"))
    return "\n".join(lines)
