"""Shared test setup: ``tests/`` on the import path, so the suites in sub-folders
(``tests/e2e``, ``tests/reliability``) share ``streamlit_server``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of ``seeds/`` (the five Mistral AI articles and their manifest) that a test may change."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in (Path(TESTS).parent / "seeds").iterdir():
        shutil.copy(path, folder / path.name)
    return folder
