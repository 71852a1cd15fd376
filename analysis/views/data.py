"""The Data page: every frame as stored, with the precision of each date the store keeps without one."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.frames import COLUMNS, DATE_PRECISIONS, Frames
from analysis.views.rounds import round_article_links


def _insert_after(frame: pd.DataFrame, after: str, name: str, values: Any) -> pd.DataFrame:
    out = frame.copy()
    out.insert(list(out.columns).index(after) + 1, name, values)
    return out


def _first_reported_precision(frames: Frames, rounds: pd.DataFrame) -> list[str | None]:
    """Each round's ``first_reported`` precision: the finest among the articles published
    that day that report the round ("day" when none is known; None when undated)."""
    arts = frames.articles
    art_precision = dict(zip(arts["article_id"], arts["published_precision"], strict=True))
    art_published = dict(zip(arts["article_id"], arts["published"], strict=True))
    links = round_article_links(frames)
    by_round = links.groupby("round_id")["article_id"].agg(list).to_dict()
    precisions: list[str | None] = []
    for rid, first in zip(rounds["round_id"], rounds["first_reported"], strict=True):
        if pd.isna(first):
            precisions.append(None)
            continue
        found = [art_precision.get(a) for a in by_round.get(rid, []) if art_published.get(a) == first]
        known = sorted((p for p in found if p in DATE_PRECISIONS), key=DATE_PRECISIONS.index)
        precisions.append(known[0] if known else "day")
    return precisions


def data_table(frames: Frames, name: str) -> pd.DataFrame:
    """Frame ``name`` as the Data page lists it: as stored, plus the precision of each date the
    store keeps without one (``published_precision`` of a figure's article, the
    ``first_reported_precision`` of a round), so the screen shows every date at its precision and
    the CSV keeps ISO dates with their precision. Reads ``frames.<name>`` and only what those
    precisions need (the articles; for rounds, which articles report them)."""
    frame = getattr(frames, name)
    if name != "articles" and {"published", "article_id"} <= set(COLUMNS[name]):
        arts = frames.articles
        art_precision = dict(zip(arts["article_id"], arts["published_precision"], strict=True))
        frame = _insert_after(
            frame, "published", "published_precision", [art_precision.get(a) for a in frame["article_id"]]
        )
    if name == "rounds":
        frame = _insert_after(frame, "first_reported", "first_reported_precision",
                              _first_reported_precision(frames, frame))
    return frame


def data_tables(frames: Frames) -> dict[str, pd.DataFrame]:
    """Every frame as the Data page lists it (``data_table``), by name."""
    return {name: data_table(frames, name) for name, _ in frames.items()}
