"""Levée dashboard: ``streamlit run dashboard.py``.

The entry script: ``levee_ui.app.run_app`` declares the pages (scripts in ``pages/``),
ingests the seeds into the store on first start, draws the global filters in the sidebar
(mirrored in the URL's query parameters) and runs the page the user picked. Each page reads
the filtered frames through ``levee_ui`` and draws them; the data shaping is in ``analysis``.
"""

from __future__ import annotations

from levee_ui.app import run_app

run_app()
