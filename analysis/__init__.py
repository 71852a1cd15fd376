"""Levée's analysis package: articles in, funding rounds, investors and valuations out.

No Streamlit here: the dashboard and the CLI are thin views over these modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from analysis.frames import Frames


def load(db: str | Path | None = None) -> Frames:
    """Every frame of the store, validated: see ``analysis.store.read_frames`` (imported lazily,
    so that ``import analysis`` stays light)."""
    from analysis.store import read_frames

    return read_frames(db)
