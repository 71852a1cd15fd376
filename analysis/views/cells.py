"""Reading the cells of validated frames: records, name lists, dates, numbers, flags, source labels.

Every frame the views receive is an :class:`analysis.frames.Frames` member, validated by its
schema: its columns are all there, so these helpers deal only with missing *values*
(:func:`analysis.frames.is_missing`), never with missing columns.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.frames import UNKNOWN_PUBLISHER, is_missing, publisher_label

#: A source label's hint (an article's title or file name) is cut to this many characters.
SOURCE_HINT_CHARS = 32
#: Separators of a name list held in one text cell: ``LIST_SEP`` ("; ") in the store, "|" or
#: "," in a list typed by hand ("ASML, Nvidia").
_LIST_SEPARATORS = re.compile(r"\s*[;|]\s*")
_COMMA = re.compile(r"\s*,\s*")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, with every missing value (NaN, NaT, NA) as None."""
    if frame.empty:
        return []
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def as_list(value: Any) -> list[str]:
    """A list of strings from a list, array, or ``;``/``|``/``,``-separated string cell."""
    if isinstance(value, str):
        parts = _LIST_SEPARATORS.split(value) if _LIST_SEPARATORS.search(value) else _COMMA.split(value)
        return [p for p in (x.strip() for x in parts) if p]
    if isinstance(value, Iterable):
        return [str(x) for x in value if not is_missing(x) and str(x).strip()]
    return [] if is_missing(value) else [str(value)]


def to_date(value: Any) -> dt.date | None:
    """A ``datetime.date`` from a date, datetime, Timestamp or ISO string; None if unknown."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):  # a Timestamp is a datetime
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.date()


def number(value: Any) -> float | None:
    """A numeric cell as float; None when missing or not a number."""
    if is_missing(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def whole(value: Any) -> int | None:
    """A numeric cell as int (a count, a character offset); None when missing."""
    v = number(value)
    return None if v is None else int(v)


def flag(value: Any) -> bool:
    """A boolean cell (Python, NumPy or pandas) as bool; missing is False."""
    return False if is_missing(value) else bool(value)


def _hint(title: Any, file: Any, article_id: Any) -> str:
    """What tells apart two articles of one publisher: the title, else the file's name (not
    the folders it was read from), else the id."""
    if not is_missing(title) and str(title).strip():
        hint = str(title)
    elif not is_missing(file) and str(file).strip():
        hint = os.path.basename(str(file)) or str(file)
    else:
        hint = str(article_id)
    return hint if len(hint) <= SOURCE_HINT_CHARS else hint[: SOURCE_HINT_CHARS - 1].rstrip() + "…"


def source_labels(articles: pd.DataFrame) -> dict[str, str]:
    """article_id -> a short unique source label (publisher, disambiguated by title)."""
    pubs = articles["publisher"].map(publisher_label)
    counts = pubs.value_counts().to_dict()
    labels: dict[str, str] = {}
    used: set[str] = set()
    for aid, pub, title, file in zip(articles["article_id"], pubs, articles["title"], articles["file"], strict=True):
        label = pub
        if counts.get(pub, 0) > 1 or pub == UNKNOWN_PUBLISHER:
            label = f"{pub if pub != UNKNOWN_PUBLISHER else '?'} · {_hint(title, file, aid)}"
        base, n = label, 2
        while label in used:
            label, n = f"{base} ({n})", n + 1
        used.add(label)
        labels[str(aid)] = label
    return labels
