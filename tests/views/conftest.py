"""Fixtures of the views' tests: frames built the way the store builds them.

``small`` is ``views_support.small_frames()``: rows written out by hand, conformed to the
frames' schemas. ``seeds_db`` is the seed articles ingested into a DuckDB store
(``analysis.ingest.ingest``) and ``stored`` its frames read back (``analysis.load``), as the
dashboard reads them; ``with_pomme_verte`` adds an article where General Catalyst leads another
company's round (so an investor has two companies).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from views_support import ROOT, SEEDS, small_frames

from analysis import load
from analysis.frames import Frames

POMME_VERTE = ROOT / "tests" / "fixtures" / "profiles" / "pomme_verte.txt"


@pytest.fixture
def small() -> Frames:
    """Mistral AI's four rounds and Quantix Robotics' Series B, from five articles."""
    return small_frames()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested into a store, once for the session (read it, or copy it to write)."""
    from analysis.ingest import ingest

    db = tmp_path_factory.mktemp("views_seeds") / "levee.duckdb"
    ingest([SEEDS], manifest=SEEDS / "manifest.csv", db=db)
    return db


@pytest.fixture(scope="session")
def stored(seeds_db: Path) -> Frames:
    """The seeds as the dashboard reads them: their store's frames, validated."""
    return load(seeds_db)


@pytest.fixture(scope="session")
def copy_store(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A copy of the seeds' store, for a test module that writes to it."""

    def copy(name: str) -> Path:
        db = tmp_path_factory.mktemp(name) / "levee.duckdb"
        shutil.copy(seeds_db, db)
        return db

    return copy



@pytest.fixture(scope="session")
def with_pomme_verte(copy_store: Callable[[str], Path]) -> Frames:
    """The seeds and Pomme Verte's round, stored and read back."""
    from analysis.ingest import ingest

    db = copy_store("profiles")
    ingest([POMME_VERTE], db=db)
    return load(db)
