"""Safe display of data: article text with its figures highlighted, escaped Markdown, empty states.

Article text, titles and names are data, never markup: Markdown gets them backslash-escaped
(``md``), HTML gets them entity-escaped (``views.segments_to_html``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis import views
from levee_ui.state import Context

#: Markdown-escape data shown in Markdown (titles, names, figures as stated).
md = views.md_escape

#: Background of a source-comparison cell, by its verdict.
AGREEMENT_COLOURS = {
    "agrees": "#d4f4dd",
    "agrees (rounding)": "#e3f0fb",
    "agrees (FX)": "#e3f0fb",
    "explained": "#fff1c2",
    "unexplained": "#ffd3d3",
}
#: The legend of ``AGREEMENT_COLOURS``, in Streamlit's coloured Markdown.
AGREEMENT_LEGEND = (
    "Cells: :green-background[same figure] · :blue-background[same figure in another currency, or rounded] · "
    ":orange-background[difference explained (pre/post-money, superseded rumour, stale)] · "
    ":red-background[unexplained]. Select a cell (or a row) to read the sentence."
)


def show_segments(segments: Sequence[views.Segment]) -> None:
    """Article text with highlighted figures. Every piece of text is HTML-escaped by
    ``views.segments_to_html`` (st.html also sanitises with DOMPurify and never reads
    Markdown), so the article can't inject markup, links or scripts."""
    if not segments:
        st.caption("No text.")
        return
    st.html(views.segments_to_html(list(segments)))


def empty(ctx: Context, name: str) -> None:
    """Say why frame ``name`` is empty under the current filters."""
    st.info(md(ctx.why_empty(name)), icon=":material/filter_alt_off:")


def agreement_style(kinds: pd.DataFrame) -> Callable[[pd.DataFrame], Any]:
    """A table style colouring each cell of the rows shown by its verdict in ``kinds``
    (same index and columns as the comparison table)."""

    def style(shown: pd.DataFrame) -> Any:
        verdicts = kinds.loc[shown.index, shown.columns]
        return shown.style.apply(
            lambda _: verdicts.map(
                lambda k: f"background-color: {AGREEMENT_COLOURS[k]}" if k in AGREEMENT_COLOURS else ""
            ),
            axis=None,
        )

    return style


def messages(lines: Sequence[tuple[str, str]]) -> None:
    """Status lines (``"success"``, ``"info"``, ``"warning"`` or ``"error"``, text), text escaped."""
    for level, text in lines:
        getattr(st, level)(md(text))
