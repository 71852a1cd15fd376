"""Shared test setup: ``tests/`` on the import path, so the suites in sub-folders
(``tests/e2e``, ``tests/reliability``) share ``streamlit_server``."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
