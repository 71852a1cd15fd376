"""Streamlit glue between ``analysis`` and the page scripts: a page draws, this package wires.

``app`` (navigation, the page's context), ``state`` (the store, cached loaders), ``filters``
(sidebar filters in the URL), ``widgets`` (pickers, tables, downloads, profile links),
``rendering`` (safe text, empty states), ``charts`` (pure Plotly figures), ``upload`` (seeds
and the upload box), ``review`` (corrections). Pages import the modules they use; data
shaping stays in :mod:`analysis.views`.
"""

from __future__ import annotations

from levee_ui.widgets import csv_bytes  # tests/test_export.py reads a table's CSV through it

__all__ = ["csv_bytes"]
