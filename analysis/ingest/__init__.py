"""Ingest: the one pipeline from files or articles to the store and its history.

``pipeline`` runs it (read -> extract -> store -> refresh the history), ``policy`` decides what
each article needs (skip, update its metadata, extract), ``cluster`` extracts on Dask.
"""

from analysis.ingest.pipeline import (
    IngestReport,
    OnProgress,
    ingest,
    ingest_articles,
    ingest_facts,
    terminal_progress,
)

__all__ = ["IngestReport", "OnProgress", "ingest", "ingest_articles", "ingest_facts", "terminal_progress"]
