"""Analysts' corrections of extracted facts, applied on top of them: its one job is to turn the
per-article facts as extracted, plus the corrections stored, into the facts as corrected.

Pure (no I/O): ``analysis.store`` keeps the corrections (an append-only ``corrections`` table) and
calls ``apply_corrections`` at every derivation; the Review page and ``python -m analysis review``
make them with ``new_correction``.

The model:

* A ``Correction`` is one change by one analyst: which fact (``fact``: a round, an investor of a
  round, a valuation), what (``action``: confirm, edit a ``field``, reject for a ``reason``, merge
  with a ``target``, split, undo another correction), the value before and after, who and when.
* Its ``Anchor`` says where the fact stands: the article (its content hash) and a span of its text
  with the text of that span. A round: the span of its amount figure (a round without an amount
  figure: its first evidence sentence); a valuation: its figure; an investor: its round's anchor
  plus the ``investor`` name. ``anchors_of_round`` / ``anchor_of_valuation`` give the anchors of a
  consolidated round's / valuation's facts, one per contributing article: an edit of a round made
  in the UI is one correction per contributing fact, so that the consensus follows.
* Re-anchoring (a new extraction of the article, a new extractor): a correction finds its fact by
  article id and exact span, else by the same ``text`` at the nearest position in the same
  article's evidence, else it is orphaned (listed, never dropped silently).
* Applying: corrections act on the ``ArticleFacts`` before consolidation (an edit sets a field of a
  ``RoundFact``, "not_a_round" drops it, "not_an_investor" removes the investor from the round's
  leads, investors and investments, "wrong_company" sets the company given, or drops the round when
  none is given, "not_a_valuation" drops the valuation); merges and splits become
  ``consolidate.Constraints`` on the merge rule. The latest correction of a (fact, field) wins;
  an undone correction (one undone by an "undo" that is not itself undone) no longer applies;
  "confirm" changes no value (the fact is marked "confirmed").
"""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import json
import math
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import frames as fr
from analysis.history.consolidate import Constraints, UnitKey, mention_rows, mentions_frame
from analysis.investors import canonical_investor
from analysis.model import ArticleFacts, Investment, RoundFact, ValuationFact

FACTS = ("round", "investor", "valuation")
ACTIONS = ("confirm", "edit", "reject", "merge", "split", "undo")
#: Fields an edit may set, per fact.
FIELDS = {
    "round": ("company", "amount", "currency", "round_label", "date", "date_precision", "status",
              "lead_investors", "investors", "valuation", "valuation_basis"),
    "investor": ("amount", "currency"),
    "valuation": ("valuation", "currency", "valuation_basis", "company", "date", "date_precision", "status"),
}
#: Reasons of a reject, per fact.
REASONS = {
    "round": ("not_a_round", "wrong_company"),
    "investor": ("not_an_investor",),
    "valuation": ("not_a_valuation", "wrong_company"),
}
#: What ``read_corrections`` says of each correction.
STATES = ("applied", "orphaned", "undone", "undo")
LIST_FIELDS = frozenset({"lead_investors", "investors"})
NUMBER_FIELDS = frozenset({"amount", "valuation"})
#: Columns of the ``rounds`` frame that a round edit of each field corrects.
ROUND_COLUMNS_OF = {
    "company": ("company",), "amount": ("amount",), "currency": ("currency",), "round_label": ("round_label",),
    "date": ("date",), "date_precision": ("date_precision",), "status": ("status",),
    "lead_investors": ("lead_investors",), "investors": ("investors",),
    "valuation": ("pre_money", "post_money"), "valuation_basis": ("valuation_basis",),
}
#: Columns of the ``valuations`` frame that a valuation edit of each field corrects.
VALUATION_COLUMNS_OF = {
    "valuation": "value", "currency": "currency", "valuation_basis": "basis", "company": "company",
    "date": "date", "date_precision": "date_precision", "status": "status",
}
#: The columns of a correction as stored and as shared (``review apply`` / ``review export``).
RECORD_COLUMNS = (
    "correction_id", "fact", "action", "article_id", "start", "end", "text", "field", "old_value", "new_value",
    "investor", "reason", "target_article_id", "target_start", "target_end", "target_text", "author",
    "created_at", "note", "undoes",
)


class CorrectionError(ValueError):
    """A correction that cannot be recorded as given, with a message an analyst can act on."""


@dataclass(frozen=True)
class Anchor:
    """Where a fact stands: a span of an article (content hash) and the text of that span."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Correction:
    """One change to one fact by one analyst (see the module docstring)."""

    correction_id: str
    fact: str
    action: str
    anchor: Anchor
    field: str | None
    old_value: Any
    new_value: Any
    investor: str | None
    reason: str | None
    target: Anchor | None
    author: str
    created_at: dt.datetime
    note: str | None
    undoes: str | None


def default_author() -> str:
    """The OS user, else "analyst"."""
    try:
        return getpass.getuser() or "analyst"
    except Exception:  # no user name in this environment
        return "analyst"


def new_correction(
    fact: str, action: str, anchor: Anchor, *, field: str | None = None, old_value: Any = None,
    new_value: Any = None, investor: str | None = None, reason: str | None = None, target: Anchor | None = None,
    author: str | None = None, note: str | None = None, undoes: str | None = None,
    created_at: dt.datetime | None = None, correction_id: str | None = None,
) -> Correction:
    """A checked correction with a new id (uuid4) and the current time (unless given);
    ``author`` defaults to the OS user. Raises ``CorrectionError`` when it makes no sense."""
    correction = Correction(
        correction_id=correction_id or uuid.uuid4().hex, fact=fact, action=action, anchor=anchor, field=field,
        old_value=_jsonable(old_value), new_value=_jsonable(new_value), investor=investor, reason=reason,
        target=target, author=(author or "").strip() or default_author(),
        created_at=created_at or dt.datetime.now(), note=note, undoes=undoes,
    )
    check_correction(correction)
    return correction


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | pd.Timestamp):
        return value.date().isoformat() if isinstance(value, dt.datetime | pd.Timestamp) else value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, list | dict | str):  # numpy scalars
        return value.item()
    return value


# --------------------------------------------------------------------------- checking


def _fail(message: str) -> None:
    raise CorrectionError(message)


def _check_value(name: str, value: Any) -> None:
    if name in NUMBER_FIELDS:
        ok = value is None or (isinstance(value, int | float) and not isinstance(value, bool) and value >= 0)
        ok or _fail(f"{name} must be a non-negative number (or empty), not {value!r}")
    elif name == "currency":
        ok = value is None or (isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value) is not None)
        ok or _fail(f"currency must be an ISO 4217 code such as EUR, not {value!r}")
    elif name == "date":
        if value is not None:
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                _fail(f"date must be an ISO date (2025-09-09), not {value!r}")
    elif name == "date_precision":
        value in (None, *fr.DATE_PRECISIONS) or _fail(f"date_precision must be day, month or year, not {value!r}")
    elif name == "status":
        value in fr.STATUSES or _fail(f"status must be announced or reported, not {value!r}")
    elif name == "valuation_basis":
        value in (None, "pre", "post") or _fail(f"valuation_basis must be pre, post or empty, not {value!r}")
    elif name in LIST_FIELDS:
        ok = isinstance(value, list) and all(isinstance(n, str) and n.strip() for n in value)
        ok or _fail(f"{name} must be a list of names, not {value!r}")
    elif name == "company":
        (isinstance(value, str) and value.strip()) or _fail(f"company must be a name, not {value!r}")
    elif name == "round_label":
        value is None or isinstance(value, str) or _fail(f"round_label must be text, not {value!r}")


def check_correction(c: Correction) -> None:
    """Raise ``CorrectionError`` unless ``c`` is a correction that can be applied."""
    c.fact in FACTS or _fail(f"fact must be one of {', '.join(FACTS)}, not {c.fact!r}")
    c.action in ACTIONS or _fail(f"action must be one of {', '.join(ACTIONS)}, not {c.action!r}")
    a = c.anchor
    (isinstance(a.article_id, str) and a.article_id) or _fail("the anchor needs the article id")
    ok = isinstance(a.start, int) and isinstance(a.end, int) and 0 <= a.start <= a.end
    ok or _fail(f"the anchor's span must be two offsets start <= end, not {a.start!r}-{a.end!r}")
    (c.author or "").strip() or _fail("a correction needs its author")
    if c.fact == "investor" or (c.action == "reject" and c.reason == "not_an_investor"):
        (c.investor or "").strip() or _fail("an investor's correction names the investor")
    if c.action == "edit":
        c.field in FIELDS[c.fact] or _fail(
            f"a {c.fact} edit sets one of {', '.join(FIELDS[c.fact])}, not {c.field!r}")
        _check_value(str(c.field), c.new_value)
    elif c.action == "reject":
        c.reason in REASONS[c.fact] or _fail(
            f"a {c.fact} is rejected as {' or '.join(REASONS[c.fact])}, not {c.reason!r}")
        if c.reason == "wrong_company" and c.new_value is not None:
            _check_value("company", c.new_value)
    elif c.action == "merge":
        c.fact == "round" or _fail("only rounds merge")
        c.target is not None or _fail("a merge needs the target: a fact of the round to merge with")
    elif c.action == "split":
        c.fact == "round" or _fail("only rounds split")
    elif c.action == "undo":
        c.undoes or _fail("an undo names the correction it undoes")


def value_from_text(name: str | None, text: Any) -> Any:
    """A value of ``name`` as written in a CSV cell: "" -> None, JSON when it parses (numbers,
    lists, quoted strings), a list field also as names joined with ";", else the text."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if not isinstance(text, str):
        return _jsonable(text)
    raw = text.strip()
    if raw == "":
        return None
    if raw[0] in '[{"' or name in NUMBER_FIELDS:
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            if name in NUMBER_FIELDS:
                try:
                    return float(raw.replace("_", "").replace(",", ""))
                except ValueError:
                    return raw
    if name in LIST_FIELDS:
        return [n.strip() for n in raw.split(";") if n.strip()]
    return raw


# --------------------------------------------------------------------------- records


def _none(value: Any) -> Any:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _int(value: Any) -> int | None:
    value = _none(value)
    return None if value is None else int(value)


def to_record(c: Correction) -> dict[str, Any]:
    """The correction as one flat record (``RECORD_COLUMNS``; values as JSON-able Python values)."""
    t = c.target
    return {
        "correction_id": c.correction_id, "fact": c.fact, "action": c.action, "article_id": c.anchor.article_id,
        "start": c.anchor.start, "end": c.anchor.end, "text": c.anchor.text, "field": c.field,
        "old_value": c.old_value, "new_value": c.new_value, "investor": c.investor, "reason": c.reason,
        "target_article_id": t.article_id if t else None, "target_start": t.start if t else None,
        "target_end": t.end if t else None, "target_text": t.text if t else None, "author": c.author,
        "created_at": c.created_at.isoformat(), "note": c.note, "undoes": c.undoes,
    }


def from_record(record: Mapping[str, Any], *, author: str | None = None, parse_text: bool = False) -> Correction:
    """A checked correction from a flat record (``to_record``, a stored row, a CSV or JSONL line).

    Missing: ``correction_id`` (a new one), ``created_at`` (now), ``author`` (``author``, else the
    OS user), ``text`` (""). ``parse_text``: values are CSV text (see ``value_from_text``)."""
    def get(key: str) -> Any:
        value = _none(record.get(key))
        if isinstance(value, str) and value.strip() == "":
            return None
        return value

    def number(key: str, required: bool = True) -> int | None:
        value = get(key)
        if value is None:
            if required:
                _fail(f"{key} is missing")
            return None
        try:
            as_float = float(value)
        except (TypeError, ValueError):
            _fail(f"{key} must be a character offset, not {value!r}")
        if not as_float.is_integer():
            _fail(f"{key} must be a character offset, not {value!r}")
        return int(as_float)

    article_id = get("article_id")
    article_id or _fail("article_id is missing")
    anchor = Anchor(str(article_id), number("start"), number("end"), str(get("text") or ""))  # type: ignore[arg-type]
    target = None
    if get("target_article_id") is not None:
        target = Anchor(str(get("target_article_id")), number("target_start"), number("target_end"),  # type: ignore[arg-type]
                        str(get("target_text") or ""))
    name = get("field")
    old, new = record.get("old_value"), record.get("new_value")
    if parse_text:
        old, new = value_from_text(name, old), value_from_text(name if name else "company", new)
    else:
        old, new = _none(old) if not isinstance(old, list) else old, _none(new) if not isinstance(new, list) else new
    created = get("created_at")
    if created is not None and not isinstance(created, dt.datetime):
        try:
            created = pd.Timestamp(created).to_pydatetime()
        except (ValueError, TypeError):
            _fail(f"created_at must be an ISO time, not {created!r}")
    if isinstance(created, dt.datetime) and created.tzinfo is not None:
        created = created.astimezone().replace(tzinfo=None)
    for key in ("fact", "action"):
        get(key) or _fail(f"{key} is missing")
    return new_correction(
        str(get("fact")), str(get("action")), anchor, field=name, old_value=old, new_value=new,
        investor=get("investor"), reason=get("reason"), target=target,
        author=get("author") or author, note=get("note"), undoes=get("undoes"), created_at=created,
        correction_id=get("correction_id"),
    )


# --------------------------------------------------------------------------- anchors


def anchor_of_mention(row: Mapping[str, Any]) -> Anchor | None:
    """The anchor of one row of the mentions frame: its figure span, else its sentence span."""
    article_id = _none(row.get("article_id"))
    if article_id is None:
        return None
    start, end = _int(row.get("start")), _int(row.get("end"))
    sentence = _none(row.get("sentence"))
    s_start, s_end = _int(row.get("sentence_start")), _int(row.get("sentence_end"))
    if start is not None and end is not None:
        text = ""
        if sentence and s_start is not None and s_start <= start and end - s_start <= len(sentence):
            text = sentence[start - s_start:end - s_start]
        return Anchor(str(article_id), start, end, text)
    if s_start is not None and s_end is not None:
        return Anchor(str(article_id), s_start, s_end, str(sentence or ""))
    return None


def anchors_of_round(mentions: pd.DataFrame, round_id: str) -> list[Anchor]:
    """The anchors of a consolidated round's facts, one per contributing article (the earliest
    published first), from the mentions frame (``round_id`` column)."""
    if mentions.empty or "round_id" not in mentions.columns:
        return []
    rows = mentions[(mentions["round_id"] == round_id) & (mentions["kind"] == "round_amount")]
    rows = rows.sort_values(["published", "article_id", "round_key"], na_position="last")
    anchors = [anchor_of_mention(row) for row in rows.to_dict("records")]
    return [a for a in anchors if a is not None]


def anchor_of_valuation(mentions: pd.DataFrame, valuation: Mapping[str, Any]) -> Anchor | None:
    """The anchor of one row of the valuations frame (its figure), found among the mentions."""
    article_id = _none(valuation.get("article_id"))
    start, end = _int(valuation.get("start")), _int(valuation.get("end"))
    if article_id is None:
        return None
    if not mentions.empty:
        rows = mentions[(mentions["article_id"] == article_id) & (mentions["kind"] == "valuation")]
        for row in rows.to_dict("records"):
            if (_int(row.get("start")), _int(row.get("end"))) == (start, end):
                sentence = _none(valuation.get("sentence"))
                if start is None and sentence is not None and _none(row.get("sentence")) != sentence:
                    continue
                return anchor_of_mention(row)
    return Anchor(str(article_id), start, end, "") if start is not None and end is not None else None


# --------------------------------------------------------------------------- resolving

#: A fact of an article: ("round", round index) or ("valuation", ("round", index) | ("standalone", index)).
Target = tuple[str, Any]


@dataclass
class _Candidate:
    target: Target
    anchor: Anchor
    figure: tuple[int | None, int | None]  # the figure span of the mention (valuation marks)


def _candidates(facts: ArticleFacts) -> list[_Candidate]:
    out: list[_Candidate] = []
    standalone = 0
    for row in mention_rows(facts):
        anchor = anchor_of_mention(row)
        if row["kind"] == "round_amount":
            target: Target = ("round", int(row["round_key"]))
        elif row["kind"] == "valuation" and row.get("round_key") is None:
            target, standalone = ("valuation", ("standalone", standalone)), standalone + 1
        elif row["kind"] == "valuation":
            target = ("valuation", ("round", int(row["round_key"])))
        else:
            continue
        if anchor is not None:
            out.append(_Candidate(target, anchor, (_int(row.get("start")), _int(row.get("end")))))
    return out


def _resolve(anchor: Anchor, kind: str, candidates: Sequence[_Candidate]) -> _Candidate | None:
    """The fact at the anchor's exact span, else the one with its text nearest to it."""
    mine = [c for c in candidates if c.target[0] == kind]
    exact = [c for c in mine if (c.anchor.start, c.anchor.end) == (anchor.start, anchor.end)]
    if exact:
        return exact[0]
    same_text = [c for c in mine if anchor.text and c.anchor.text == anchor.text]
    return min(same_text, key=lambda c: abs(c.anchor.start - anchor.start)) if same_text else None


def _names(rnd: RoundFact) -> set[str]:
    return {canonical_investor(n) for n in [*rnd.lead_investors, *rnd.investors, *(i.investor for i in rnd.investments)]}


# --------------------------------------------------------------------------- applying


@dataclass
class Resolution:
    """What became of one correction: its state, where its fact stands now (``anchor``), the later
    correction of the same fact and field that overrides it, and why it is orphaned."""

    state: str
    anchor: Anchor | None = None
    superseded_by: str | None = None
    why: str | None = None


@dataclass
class Applied:
    """The facts as corrected (``facts``: the articles given, corrected copies; ``rejected``: their
    rounds dropped), the constraints and marks for consolidation, and each correction's state."""

    facts: dict[str, ArticleFacts]
    rejected: set[UnitKey]
    constraints: Constraints
    states: dict[str, Resolution]

    def mentions(self) -> pd.DataFrame:
        """The mentions frame of the corrected facts (rejected rounds left out)."""
        rows = [row for f in self.facts.values() for row in mention_rows(f)
                if row["round_key"] is None or (row["article_id"], row["round_key"]) not in self.rejected]
        return fr.conform("mentions", pd.DataFrame(rows, columns=list(fr.MENTION_COLUMNS)))

    def corrected_facts(self) -> list[ArticleFacts]:
        """The corrected facts without their rejected rounds (what a gold export writes)."""
        out = []
        for facts in self.facts.values():
            kept = copy.copy(facts)
            kept.rounds = [r for k, r in enumerate(facts.rounds) if (facts.article_id, k) not in self.rejected]
            out.append(kept)
        return out


def _undone(ordered: Sequence[Correction]) -> set[str]:
    undos: dict[str, list[str]] = defaultdict(list)
    for c in ordered:
        if c.action == "undo" and c.undoes:
            undos[c.undoes].append(c.correction_id)
    memo: dict[str, bool] = {}

    def undone(cid: str) -> bool:
        if cid not in memo:
            memo[cid] = False  # guards a (malformed) cycle
            memo[cid] = any(not undone(u) for u in undos.get(cid, ()))
        return memo[cid]

    return {c.correction_id for c in ordered if undone(c.correction_id)}


def _slot(c: Correction, found: _Candidate, other: _Candidate | None) -> tuple[Any, ...]:
    """What a correction sets: the latest correction of a slot wins."""
    what: tuple[Any, ...] = (c.action, c.field) if c.action == "edit" else (c.action,)
    if c.action == "merge" and other is not None:
        what = (*what, other.anchor.article_id, other.target)
    investor = canonical_investor(c.investor) if c.fact == "investor" and c.investor else None
    return (c.anchor.article_id, found.target, investor, *what)


def apply_corrections(facts: Mapping[str, ArticleFacts] | Iterable[ArticleFacts],
                      corrections: Sequence[Correction]) -> Applied:
    """The facts as corrected (see the module docstring). ``facts``: the articles the corrections
    refer to, as extracted (others may be given; they come back unchanged); ``corrections`` in the
    order they were stored (their ``created_at`` orders them; ties keep that order)."""
    originals = dict(facts) if isinstance(facts, Mapping) else {f.article_id: f for f in facts}
    ordered = [corrections[i] for i in sorted(range(len(corrections)),
                                              key=lambda i: (corrections[i].created_at, i))]
    undone = _undone(ordered)
    states: dict[str, Resolution] = {}
    candidates = {aid: _candidates(f) for aid, f in originals.items()}
    in_force: dict[tuple[Any, ...], tuple[int, Correction, _Candidate, _Candidate | None]] = {}

    for index, c in enumerate(ordered):
        if c.correction_id in undone:
            states[c.correction_id] = Resolution("undone", c.anchor)
            continue
        if c.action == "undo":
            states[c.correction_id] = Resolution("undo", c.anchor)
            continue
        found, why = _find(c.anchor, c.fact, candidates, originals)
        other = None
        if found is not None and c.fact == "investor":
            rnd = originals[c.anchor.article_id].rounds[found.target[1]]
            if canonical_investor(str(c.investor)) not in _names(rnd):
                found, why = None, f"{c.investor} is no longer named in this round"
        if found is not None and c.action == "merge" and c.target is not None:
            other, why = _find(c.target, "round", candidates, originals)
            found = found if other is not None else None
            why = why and f"merge target: {why}"
        if found is None:
            states[c.correction_id] = Resolution("orphaned", c.anchor, why=why)
            continue
        slot = _slot(c, found, other)
        if slot in in_force:
            states[in_force[slot][1].correction_id].superseded_by = c.correction_id
        in_force[slot] = (index, c, found, other)
        states[c.correction_id] = Resolution("applied", found.anchor)
    _drop_conflicting_groupings(in_force, states)
    for c in ordered:  # an undo stands where the correction it undoes stands
        if c.action == "undo" and c.undoes in states:
            states[c.correction_id].anchor = states[c.undoes].anchor

    applier = _Applier(originals)
    for _, c, found, other in sorted(in_force.values(), key=lambda item: item[0]):
        applier.apply(c, found, other)
    return applier.result(states)


def _find(anchor: Anchor, fact: str, candidates: Mapping[str, list[_Candidate]],
          originals: Mapping[str, ArticleFacts]) -> tuple[_Candidate | None, str | None]:
    if anchor.article_id not in originals:
        return None, f"article {anchor.article_id} is not stored"
    kind = "valuation" if fact == "valuation" else "round"
    found = _resolve(anchor, kind, candidates[anchor.article_id])
    if found is None:
        text = f" or {anchor.text!r}" if anchor.text else ""
        return None, f"no {kind} at {anchor.start}-{anchor.end}{text} in article {anchor.article_id}"
    return found, None


def _drop_conflicting_groupings(in_force: dict[tuple[Any, ...], tuple[int, Correction, _Candidate, _Candidate | None]],
                                states: dict[str, Resolution]) -> None:
    """A split overrides the earlier merges of its unit, a merge the earlier splits of its units."""
    def key(found: _Candidate, c: Correction) -> tuple[str, Any]:
        return (c.anchor.article_id, found.target[1])

    merges = [(s, v) for s, v in in_force.items() if v[1].action == "merge" and v[3] is not None]
    splits = [(s, v) for s, v in in_force.items() if v[1].action == "split"]
    drop: list[tuple[Any, ...]] = []
    for m_slot, (m_index, m, m_found, m_other) in merges:
        units = {key(m_found, m), (m_other.anchor.article_id, m_other.target[1])}  # type: ignore[union-attr]
        for s_slot, (s_index, s, s_found, _) in splits:
            if key(s_found, s) in units:
                later, earlier = ((s_slot, s), (m_slot, m)) if s_index > m_index else ((m_slot, m), (s_slot, s))
                drop.append(earlier[0])
                states[earlier[1].correction_id].superseded_by = later[1].correction_id
    for slot in drop:
        in_force.pop(slot, None)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value is not None else None


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class _Applier:
    def __init__(self, originals: Mapping[str, ArticleFacts]) -> None:
        self.originals = originals
        self.facts = {aid: copy.deepcopy(f) for aid, f in originals.items()}
        self.rejected: set[UnitKey] = set()
        self.dropped_valuations: set[tuple[str, int]] = set()
        self.constraints = Constraints(original_mentions=mentions_frame(originals.values()))

    # ---- marks
    def mark_round(self, unit: UnitKey, *columns: str) -> None:
        self.constraints.round_marks.setdefault(unit, set()).update(columns)

    def mark_investor(self, unit: UnitKey, name: str, column: str, original: Any) -> None:
        self.constraints.investment_marks.setdefault((unit, name), {}).setdefault(column, original)

    def mark_valuation(self, aid: str, figure: tuple[int | None, int | None], column: str, original: Any) -> None:
        self.constraints.valuation_marks.setdefault((aid, *figure), {}).setdefault(column, original)

    # ---- applying
    def apply(self, c: Correction, found: _Candidate, other: _Candidate | None) -> None:
        aid = c.anchor.article_id
        if c.fact == "valuation":
            self.apply_valuation(c, found)
            return
        key = found.target[1]
        unit = (aid, key)
        rnd = self.facts[aid].rounds[key]
        if c.fact == "investor":
            self.apply_investor(c, unit, rnd)
        elif c.action == "confirm":
            self.mark_round(unit, "confirmed")
        elif c.action == "edit":
            self.edit_round(unit, rnd, str(c.field), c.new_value)
        elif c.action == "reject":
            if c.reason == "wrong_company" and c.new_value:
                rnd.company = str(c.new_value)
                self.mark_round(unit, "company")
            else:
                self.rejected.add(unit)
        elif c.action == "merge" and other is not None:
            target = (other.anchor.article_id, other.target[1])
            self.constraints.merges.append((unit, target))
            self.mark_round(unit, "merged")
            self.mark_round(target, "merged")
        elif c.action == "split":
            self.constraints.splits.add(unit)
            self.mark_round(unit, "split")

    def edit_round(self, unit: UnitKey, rnd: RoundFact, name: str, value: Any) -> None:
        aid, key = unit
        self.mark_round(unit, *ROUND_COLUMNS_OF[name])
        if name == "amount":
            rnd.amount = None if value is None else float(value)
            rnd.amount_alternatives, rnd.amount_min = [], None
            if rnd.qualifier == "range":
                rnd.qualifier = None
        elif name == "date":
            rnd.date = _date(value)
        elif name == "lead_investors":
            before = {canonical_investor(n) for n in rnd.lead_investors}
            rnd.lead_investors = list(value)
            have = {canonical_investor(n) for n in rnd.investors}
            rnd.investors = [*rnd.investors, *(n for n in value if canonical_investor(n) not in have)]
            after = {canonical_investor(n) for n in value}
            for name_ in before ^ after:
                self.mark_investor(unit, name_, "role", "lead" if name_ in before else "participant")
        elif name == "investors":
            keep = {canonical_investor(n) for n in value}
            rnd.investors = list(value)
            rnd.lead_investors = [n for n in rnd.lead_investors if canonical_investor(n) in keep]
            rnd.investments = [i for i in rnd.investments if canonical_investor(i.investor) in keep]
        elif name == "valuation":
            rnd.valuation = None if value is None else float(value)
            rnd.valuation_alternatives = []
            if rnd.valuation is not None and rnd.valuation_currency is None:
                rnd.valuation_currency = rnd.currency
            self.mark_round_valuation(unit, "value", self.originals[aid].rounds[key].valuation)
        elif name == "valuation_basis":
            rnd.valuation_basis = value
            self.mark_round_valuation(unit, "basis", self.originals[aid].rounds[key].valuation_basis or "unknown")
        else:  # company, currency, round_label, date_precision, status
            setattr(rnd, name, value)

    def mark_round_valuation(self, unit: UnitKey, column: str, original: Any) -> None:
        aid, key = unit
        for cand in _candidates(self.originals[aid]):
            if cand.target == ("valuation", ("round", key)):
                self.mark_valuation(aid, cand.figure, column, original)

    def apply_investor(self, c: Correction, unit: UnitKey, rnd: RoundFact) -> None:
        name = canonical_investor(str(c.investor))

        def named(n: str) -> bool:
            return canonical_investor(n) == name

        if c.action == "confirm":
            self.mark_investor(unit, name, "confirmed", None)
        elif c.action == "reject":
            was_lead = any(named(n) for n in rnd.lead_investors)
            rnd.lead_investors = [n for n in rnd.lead_investors if not named(n)]
            rnd.investors = [n for n in rnd.investors if not named(n)]
            rnd.investments = [i for i in rnd.investments if not named(i.investor)]
            self.mark_round(unit, "investors", *(("lead_investors",) if was_lead else ()))
        elif c.action == "edit":
            investment = next((i for i in rnd.investments if named(i.investor)), None)
            if investment is None:
                investment = Investment(str(c.investor))
                rnd.investments.append(investment)
            old = next((i for i in self.originals[unit[0]].rounds[unit[1]].investments if named(i.investor)), None)
            if c.field == "amount":
                self.mark_investor(unit, name, "amount", old.amount if old else None)
                investment.amount = None if c.new_value is None else float(c.new_value)
                if investment.currency is None:
                    investment.currency = rnd.currency
            elif c.field == "currency":
                self.mark_investor(unit, name, "currency", old.currency if old else None)
                investment.currency = c.new_value

    def apply_valuation(self, c: Correction, found: _Candidate) -> None:
        aid = c.anchor.article_id
        where, index = found.target[1]
        if where == "round":
            unit = (aid, index)
            rnd = self.facts[aid].rounds[index]
            if c.action == "confirm":
                self.mark_valuation(aid, found.figure, "confirmed", None)
            elif c.action == "reject" and not (c.reason == "wrong_company" and c.new_value):
                self.mark_round(unit, "pre_money", "post_money")
                rnd.valuation, rnd.valuation_alternatives, rnd.valuation_basis = None, [], None
            elif c.action == "reject":
                self.edit_round(unit, rnd, "company", c.new_value)
            elif c.field in ("valuation", "valuation_basis"):
                self.edit_round(unit, rnd, str(c.field), c.new_value)
            elif c.field == "currency":
                self.mark_round(unit, "valuation_currency")
                self.mark_valuation(aid, found.figure, "currency", self.originals[aid].rounds[index].valuation_currency)
                rnd.valuation_currency = c.new_value
            else:  # company, date, date_precision, status: the round's
                self.edit_round(unit, rnd, str(c.field), c.new_value)
            return
        valuation: ValuationFact = self.facts[aid].valuations[index]
        original: ValuationFact = self.originals[aid].valuations[index]
        if c.action == "confirm":
            self.mark_valuation(aid, found.figure, "confirmed", None)
        elif c.action == "reject" and c.reason == "wrong_company" and c.new_value:
            self.mark_valuation(aid, found.figure, "company", original.company)
            valuation.company = str(c.new_value)
        elif c.action == "reject":
            self.dropped_valuations.add((aid, index))
        elif c.action == "edit":
            column = VALUATION_COLUMNS_OF[str(c.field)]
            old = {"value": original.value, "basis": original.basis or "unknown", "date": _iso(original.date)}
            self.mark_valuation(aid, found.figure, column, old.get(column, getattr(original, column, None)))
            if c.field == "valuation":
                valuation.value = float(c.new_value) if c.new_value is not None else valuation.value
            elif c.field == "valuation_basis":
                valuation.basis = c.new_value
            elif c.field == "date":
                valuation.date = _date(c.new_value)
            else:
                setattr(valuation, column, c.new_value)

    def result(self, states: dict[str, Resolution]) -> Applied:
        for aid, facts in self.facts.items():
            facts.valuations = [v for i, v in enumerate(facts.valuations) if (aid, i) not in self.dropped_valuations]
        return Applied(self.facts, self.rejected, self.constraints, states)


def articles_of(corrections: Iterable[Correction]) -> set[str]:
    """The articles that corrections refer to (anchors and merge targets)."""
    ids = set()
    for c in corrections:
        ids.add(c.anchor.article_id)
        if c.target is not None:
            ids.add(c.target.article_id)
    return ids


__all__ = [
    "ACTIONS", "FACTS", "FIELDS", "REASONS", "RECORD_COLUMNS", "STATES", "Anchor", "Applied", "Correction",
    "CorrectionError", "Resolution", "anchor_of_mention", "anchor_of_valuation", "anchors_of_round",
    "apply_corrections", "articles_of", "check_correction", "default_author", "from_record", "new_correction",
    "to_record", "value_from_text",
]
