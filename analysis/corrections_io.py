"""Corrections in and out of files, for ``python -m analysis review``: the facts to check first,
files of corrections read (so a team can share them), and the corrected facts written as gold.

Corrections files (``review apply``; ``review export --format corrections`` writes them): CSV with
a header, or JSONL (one object per line), with the columns of ``corrections.RECORD_COLUMNS``:

* required: ``fact`` (round, investor, valuation), ``action`` (confirm, edit, reject, merge,
  split, undo), ``article_id``, ``start``, ``end`` (the anchor, as ``review list`` prints it);
* ``text`` (the anchor's text: finds the fact again if the spans move), ``field`` and
  ``new_value`` (an edit), ``old_value``, ``investor`` (an investor's correction), ``reason``
  (a reject), ``target_article_id`` / ``target_start`` / ``target_end`` / ``target_text`` (a
  merge), ``undoes`` (an undo), ``note``;
* optional: ``author`` (default ``--author`` or the OS user), ``created_at`` (default now),
  ``correction_id`` (default a new one; a row whose id is stored already is skipped, so applying
  the same shared file twice changes nothing).

In a CSV cell a value is JSON when it parses (``1800000000``, ``["ASML", "Nvidia"]``), a list of
names may also be written ``ASML; Nvidia``, a date as ``2025-09-09``, and an empty cell is empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.gold import LANGUAGES, GoldError, validate_article
from analysis.history.corrections import (
    RECORD_COLUMNS,
    Correction,
    CorrectionError,
    anchors_of_round,
    from_record,
)
from analysis.model import ArticleFacts
from analysis.money import format_money

#: The columns a corrections file must have.
REQUIRED = ("fact", "action", "article_id", "start", "end")
QUEUE_COLUMNS = ("round_id", "company", "date", "amount", "confidence", "why", "corrected", "fact", "article_id",
                 "start", "end", "text")


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else float(value)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- the queue


def review_queue(rounds: pd.DataFrame, mentions: pd.DataFrame, *, below: float = 0.6, top: int = 10) -> pd.DataFrame:
    """The rounds to check first, one row per anchor (one per contributing article): those whose
    ``confidence`` is below ``below`` (every round when the frame has no confidence), those whose
    sources differ (``agreement`` "differ"), and the ``top`` largest amounts; lowest confidence
    first, then conflicts, then the largest amounts."""
    if rounds.empty:
        return pd.DataFrame(columns=list(QUEUE_COLUMNS))
    has_confidence = "confidence" in rounds.columns and rounds["confidence"].notna().any()
    largest = set(rounds.sort_values("amount_eur", ascending=False, na_position="last").head(top)["round_id"])
    rows: list[dict[str, Any]] = []
    for rnd in rounds.to_dict("records"):
        why = []
        confidence = _number(rnd.get("confidence")) if has_confidence else None
        if confidence is not None and confidence < below:
            why.append(f"confidence {confidence:.2f}")
        if rnd.get("agreement") == "differ":
            why.append("sources differ")
        if rnd["round_id"] in largest:
            why.append("large amount")
        if not why and has_confidence:
            continue
        day = rnd.get("date")
        when = "" if day is None or pd.isna(day) else day.strftime(
            {"year": "%Y", "month": "%Y-%m"}.get(rnd.get("date_precision"), "%Y-%m-%d"))
        base = {
            "round_id": rnd["round_id"], "company": rnd.get("company"), "date": when,
            "amount": format_money(rnd.get("amount"), rnd.get("currency")),
            "confidence": None if confidence is None else round(confidence, 2),
            "why": "; ".join(why) or "to check", "corrected": rnd.get("corrected") or "", "fact": "round",
            "_order": (2.0 if confidence is None else confidence, rnd.get("agreement") != "differ",
                       -(_number(rnd.get("amount_eur")) or 0.0)),
        }
        for anchor in anchors_of_round(mentions, rnd["round_id"]) or [None]:
            rows.append({**base, "article_id": anchor.article_id if anchor else None,
                         "start": anchor.start if anchor else None, "end": anchor.end if anchor else None,
                         "text": anchor.text if anchor else None})
    rows.sort(key=lambda r: r["_order"])
    frame = pd.DataFrame(rows, columns=[*QUEUE_COLUMNS, "_order"]).drop(columns="_order")
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- corrections files


def read_corrections_file(path: str | Path, author: str | None = None) -> tuple[list[Correction], list[str]]:
    """The corrections of a CSV or JSONL file (JSONL when it ends in .jsonl / .json or its first
    character is "{"), and one "FILE, line N: problem" per row that could not be read."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in {".jsonl", ".json"} or text.lstrip().startswith("{"):
        return _read_jsonl(path, text, author)
    return _read_csv(path, text, author)


def _read_jsonl(path: Path, text: str, author: str | None) -> tuple[list[Correction], list[str]]:
    good, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise CorrectionError("a line must be a JSON object")
            missing = [c for c in REQUIRED if record.get(c) in (None, "")]
            if missing:
                raise CorrectionError(f"missing {', '.join(missing)}")
            good.append(from_record(record, author=author))
        except json.JSONDecodeError as error:
            bad.append(f"{path}, line {number}: not valid JSON ({error.msg} at column {error.colno})")
        except CorrectionError as error:
            bad.append(f"{path}, line {number}: {error}")
    return good, bad


def _read_csv(path: Path, text: str, author: str | None) -> tuple[list[Correction], list[str]]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [f"{path}, line 1: the header lacks {', '.join(missing)} (columns: see `review apply --help`)"]
    good, bad = [], []
    for record in reader:
        number = reader.line_num
        try:
            if None in record:
                raise CorrectionError("more cells than columns")
            empty = [c for c in REQUIRED if not (record.get(c) or "").strip()]
            if empty:
                raise CorrectionError(f"missing {', '.join(empty)}")
            good.append(from_record(record, author=author, parse_text=True))
        except CorrectionError as error:
            bad.append(f"{path}, line {number}: {error}")
    return good, bad


def corrections_jsonl(table: pd.DataFrame) -> str:
    """Stored corrections (``store.read_corrections``) as a corrections file (JSONL)."""
    lines = []
    for record in table.to_dict("records"):
        out = {}
        for column in RECORD_COLUMNS:
            value = record.get(column)
            if isinstance(value, pd.Timestamp):
                value = value.isoformat()
            elif not isinstance(value, list | dict) and value is not None and pd.isna(value):
                value = None
            elif hasattr(value, "item") and not isinstance(value, list | dict | str):
                value = value.item()
            out[column] = value
        lines.append(json.dumps(out, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


# --------------------------------------------------------------------------- gold export


def _names(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(n for n in items if n and n.strip()))


def _round_gold(facts: ArticleFacts, rnd: Any) -> dict[str, Any]:
    leads = _names(rnd.lead_investors)
    investors = _names([*leads, *rnd.investors, *(i.investor for i in rnd.investments)])
    investments = []
    for inv in rnd.investments:
        currency = inv.currency or (rnd.currency if inv.amount is not None else None)
        stake = inv.stake_pct if inv.stake_pct is not None and 0 < inv.stake_pct <= 100 else None
        investments.append({"investor": inv.investor, "amount": inv.amount if currency else None,
                            "currency": currency if inv.amount is not None else None, "stake_pct": stake})
    line = {
        "company": rnd.company or facts.company, "amount": rnd.amount, "currency": rnd.currency,
        "qualifier": rnd.qualifier,
        "amount_alternatives": [{"amount": a.amount, "currency": a.currency} for a in rnd.amount_alternatives],
        "valuation": rnd.valuation, "valuation_currency": rnd.valuation_currency,
        "valuation_basis": rnd.valuation_basis,
        "valuation_alternatives": [{"amount": a.amount, "currency": a.currency} for a in rnd.valuation_alternatives],
        "lead_investors": leads, "investors": investors, "investments": investments,
        "round_label": rnd.round_label, "date_text": rnd.date_text, "status": rnd.status,
        "evidence": rnd.evidence[0].sentence if rnd.evidence else None,
        "date": rnd.date.isoformat() if rnd.date else None, "date_precision": rnd.date_precision,
    }
    if rnd.amount_min is not None:
        line["amount_min"] = rnd.amount_min
    return line


def _valuation_gold(facts: ArticleFacts, valuation: Any) -> dict[str, Any]:
    return {
        "company": valuation.company or facts.company, "value": valuation.value, "currency": valuation.currency,
        "basis": valuation.basis, "date_text": None, "status": valuation.status,
        "evidence": valuation.evidence[0].sentence if valuation.evidence else None,
        "date": valuation.date.isoformat() if valuation.date else None, "date_precision": valuation.date_precision,
    }


def gold_lines(facts: Sequence[ArticleFacts], notes: str | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold lines (``analysis.gold``) of corrected facts, each validated, and what was left out
    (an article of another language, a fact the gold format cannot hold: no company, no currency,
    no evidence sentence) with the reason."""
    lines, left_out = [], []
    for item in facts:
        if item.language not in LANGUAGES:
            left_out.append(f"{item.file}: language {item.language!r} (gold holds fr and en)")
            continue
        line: dict[str, Any] = {"file": item.file, "language": item.language, "company": item.company,
                                "rounds": [], "valuations": [], "distractors": [], "notes": notes}
        for key, facts_of, build in (("rounds", item.rounds, _round_gold),
                                     ("valuations", item.valuations, _valuation_gold)):
            for fact in facts_of:
                candidate = build(item, fact)
                try:
                    validate_article({**line, key: [candidate]}, item.file)
                except GoldError as error:
                    left_out.append(f"{error} (left out)")
                    continue
                line[key].append(candidate)
        validate_article(line, item.file)
        lines.append(line)
    return lines, left_out
