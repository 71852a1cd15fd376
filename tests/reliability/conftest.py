"""Fixtures of the reliability suite: a store holding the seeds, built once and copied."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rel_support import seed_store


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "seeded.duckdb"
    seed_store(db)
    return db


@pytest.fixture
def seeded(seeded_template: Path) -> Callable[[Path], Path]:
    """``seeded(path)`` writes a copy of the seeded store at ``path`` and returns it."""

    def make(db: Path) -> Path:
        db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seeded_template, db)
        return db

    return make
