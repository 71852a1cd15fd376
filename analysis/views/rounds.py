"""Rounds as every page names, orders and links them, and what an analyst corrected in a fact.

A round is named ``"Series B · Jun 2024"`` within its company (:func:`round_title`) and
``"Mistral AI · Series B · Jun 2024"`` across companies (:func:`round_name`), with ``" ✎"``
after a value an analyst corrected (:func:`correction_note` says what it was).
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.frames import LIST_SEP, Frames, is_missing
from analysis.money import format_money
from analysis.views.cells import records
from analysis.views.formatting import format_date

#: Appended to a value an analyst corrected (its original is in the "Corrected" column).
CORRECTED_MARK = " ✎"
#: How an investor stood in a round, on the company and investor pages.
LED, PARTICIPATED = "led", "participated"
#: The name of a round whose label no article states.
UNLABELLED = "round"

#: Words of the ``corrected`` column that name what happened to a round, not a column.
_EVENTS = {"merged": "merged with another round", "split": "split from a round"}
#: The ``corrected`` word of a fact an analyst confirmed as extracted.
_CONFIRMED = "confirmed"
_MONEY_COLUMNS = frozenset({"amount", "pre_money", "post_money", "value"})
_CORRECTED_SEP = re.compile(r"\s*" + re.escape(LIST_SEP.strip()) + r"\s*")


def _label(row: Mapping[str, Any]) -> str:
    label = row.get("round_label")
    return UNLABELLED if is_missing(label) or not str(label).strip() else str(label)


def round_name(row: Mapping[str, Any]) -> str:
    """``"Mistral AI · Series C · Sep 2025"``: how a round is named in every view (``" ✎"``
    after it when an analyst corrected one of its figures)."""
    when = format_date(row.get("date"), row.get("date_precision") or "month")
    parts = [str(row.get("company") or "?"), _label(row)] + ([when] if when else [])
    return " · ".join(parts) + (CORRECTED_MARK if corrected_columns(row) else "")


def round_title(row: Mapping[str, Any]) -> str:
    """``"Series C · Sep 2025"``: a round named within its company (``"round · 2024"`` when
    no label is stated, the label alone when no date is)."""
    when = format_date(row.get("date"), row.get("date_precision") or "month")
    return f"{_label(row)} · {when}" if when else _label(row)


def round_names(rounds: pd.DataFrame) -> dict[str, str]:
    """round_id -> its :func:`round_name`, made unique with " (2)", " (3)"… in frame order."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for row in records(rounds):
        name, n = round_name(row), 2
        base = name
        while name in used:
            name, n = f"{base} ({n})", n + 1
        used.add(name)
        names[str(row["round_id"])] = name
    return names


def sorted_rounds(rounds: pd.DataFrame) -> pd.DataFrame:
    """The rounds oldest first (undated last), then by company."""
    return rounds.sort_values(["date", "company"], na_position="last", kind="stable")


def corrected_columns(rec: Mapping[str, Any]) -> set[str]:
    """The columns of a fact an analyst corrected (``corrected`` column; "confirmed" is none)."""
    raw = rec.get("corrected")
    if is_missing(raw):
        return set()
    return {c for c in _CORRECTED_SEP.split(str(raw)) if c and c != _CONFIRMED}


def _original_text(name: str, old: Any, original: Mapping[str, Any], rec: Mapping[str, Any]) -> str:
    if name in _MONEY_COLUMNS and isinstance(old, int | float):
        currency = original.get("currency") or rec.get("valuation_currency" if "money" in name else "currency")
        return format_money(old, currency or rec.get("currency"))
    if isinstance(old, list):
        return ", ".join(str(x) for x in old) or "none"
    return "none" if old is None or old == "" else str(old)


def correction_note(rec: Mapping[str, Any]) -> str:
    """What an analyst changed, with the original value: ``"amount was €1.7 bn"``;
    ``"confirmed"`` for a fact confirmed as extracted; ``""`` when untouched."""
    raw = rec.get("corrected")
    if is_missing(raw) or not str(raw).strip():
        return ""
    try:
        original = json.loads(str(rec.get("original") or "{}"))
    except json.JSONDecodeError:
        original = {}
    original = original if isinstance(original, dict) else {}
    notes = []
    for name in sorted(corrected_columns(rec)):
        if name in _EVENTS:
            notes.append(_EVENTS[name])
        else:
            notes.append(f"{name.replace('_', ' ')} was {_original_text(name, original.get(name), original, rec)}")
    return "; ".join(notes) or _CONFIRMED


#: ``round_article_links`` per set of frames, dropped when the frames are (they are read-only).
_LINKS: dict[int, pd.DataFrame] = {}


def round_article_links(frames: Frames) -> pd.DataFrame:
    """(round_id, article_id) pairs: which article reports which round (the mentions'
    consolidated ``round_id`` and the source comparison), computed once per ``frames``."""
    key = id(frames)
    if key not in _LINKS:
        sc, m = frames.source_comparison, frames.mentions
        pairs = pd.concat([sc[["round_id", "article_id"]], m[["round_id", "article_id"]]], ignore_index=True)
        _LINKS[key] = pairs.dropna().astype(str).drop_duplicates(ignore_index=True)
        weakref.finalize(frames, _LINKS.pop, key, None)
    return _LINKS[key]
