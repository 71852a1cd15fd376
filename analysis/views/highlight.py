"""Article text with its figures highlighted: segments of plain and marked text, and their safe HTML.

The Articles, Sources and Review pages show where a figure stands in its article; every piece
of article text goes through ``html.escape``, so an article can never inject markup or script.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.frames import is_missing
from analysis.money import format_money
from analysis.views.cells import records, whole

#: Characters of article text shown on each side of the sentence stating a figure.
CONTEXT_CHARS = 280
#: Highlight colour of a figure by its status (any other: yellow).
_KIND_COLOURS = {"reported": "#fde2b8", "announced": "#c9f0d0"}
_FIGURE_COLOUR = "#fff3a3"
_SENTENCE_COLOUR = "#eef1f6"


@dataclass(frozen=True)
class Segment:
    """A piece of text; ``label`` is set when the piece is a highlighted figure."""

    text: str
    label: str | None = None
    kind: str | None = None


def highlight_segments(text: str, spans: Iterable[tuple[int, int, str | None, str | None]]) -> list[Segment]:
    """Cut ``text`` into plain and highlighted segments.

    ``spans`` are (start, end, label, kind) in character offsets of ``text``; spans outside
    the text or empty are dropped, overlapping spans are merged (labels joined).
    """
    clean: list[tuple[int, int, list[str], str | None]] = []
    for start, end, label, kind in sorted(
        ((int(s), int(e), lb, k) for s, e, lb, k in spans if not is_missing(s) and not is_missing(e)),
        key=lambda x: (x[0], x[1]),
    ):
        s, e = max(0, start), min(len(text), end)
        if s >= e:
            continue
        if clean and s < clean[-1][1]:
            ps, pe, labels, pk = clean[-1]
            if label and label not in labels:
                labels.append(label)
            clean[-1] = (ps, max(pe, e), labels, pk or kind)
        else:
            clean.append((s, e, [label] if label else [], kind))
    out: list[Segment] = []
    pos = 0
    for s, e, labels, kind in clean:
        if s > pos:
            out.append(Segment(text[pos:s]))
        out.append(Segment(text[s:e], "; ".join(labels) or "figure", kind))
        pos = e
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def mark_range(segments: Sequence[Segment], start: int, end: int, kind: str = "sentence") -> list[Segment]:
    """``segments`` with the plain text between character offsets ``start`` and ``end``
    (of their concatenation) set apart as ``kind`` (the sentence around a figure)."""
    out: list[Segment] = []
    pos = 0
    for seg in segments:
        s, e = pos, pos + len(seg.text)
        pos = e
        if seg.label or e <= start or s >= end:
            out.append(seg)
            continue
        cut = [s, max(s, start), min(e, end), e]
        for (a, b), inside in zip(
            ((cut[0], cut[1]), (cut[1], cut[2]), (cut[2], cut[3])), (False, True, False), strict=True
        ):
            if b > a:
                out.append(Segment(seg.text[a - s : b - s], None, kind if inside else seg.kind))
    return out


def sentence_in_context(
    text: str | None,
    evidence: Mapping[str, Any],
    context: int = CONTEXT_CHARS,
) -> tuple[list[Segment], str]:
    """Segments of the sentence stating a figure, with up to ``context`` characters around
    it, the figure highlighted; the second item tells what the text is (article or sentence).

    ``evidence`` holds sentence, start, end (figure span in the article) and optionally
    sentence_start / sentence_end. Without the article text, the sentence alone is used.
    """
    start, end = whole(evidence.get("start")), whole(evidence.get("end"))
    s_start, s_end = whole(evidence.get("sentence_start")), whole(evidence.get("sentence_end"))
    sentence = str(evidence.get("sentence") or "")
    label = format_money(evidence.get("value"), evidence.get("currency"), unknown="figure")
    kind = str(evidence.get("status") or "") or None
    if text and start is not None and end is not None and 0 <= start < end <= len(text):
        lo = s_start if s_start is not None and s_start <= start else start
        hi = s_end if s_end is not None and s_end >= end else end
        lo2, hi2 = max(0, lo - context), min(len(text), hi + context)
        piece = text[lo2:hi2]
        segs = mark_range(highlight_segments(piece, [(start - lo2, end - lo2, label, kind)]), lo - lo2, hi - lo2)
        pre = [Segment("…")] if lo2 > 0 else []
        post = [Segment("…")] if hi2 < len(text) else []
        return pre + segs + post, "article"
    if sentence:
        if start is not None and end is not None and s_start is not None and s_start <= start:
            spans = [(start - s_start, end - s_start, label, kind)]
        else:
            figure = str(evidence.get("figure") or "")
            at = sentence.find(figure) if figure else -1
            spans = [(at, at + len(figure), label, kind)] if at >= 0 else []
        return highlight_segments(sentence, spans), "sentence"
    return [], "none"


def segments_to_html(segments: Sequence[Segment]) -> str:
    """Safe HTML for highlighted text: every piece of text goes through ``html.escape`` and
    only the ``<mark>`` / ``<span>`` / ``<div>`` tags written here are emitted, so article
    text can never inject markup or script."""
    parts = []
    for seg in segments:
        text = html.escape(seg.text, quote=True)
        if seg.label:
            colour = _KIND_COLOURS.get(seg.kind or "", _FIGURE_COLOUR)
            title = html.escape(seg.label, quote=True)
            parts.append(
                f'<mark title="{title}" style="background:{colour};padding:0 2px;border-radius:3px">{text}</mark>'
            )
        elif seg.kind == "sentence":
            parts.append(f'<span style="background:{_SENTENCE_COLOUR};border-radius:3px">{text}</span>')
        else:
            parts.append(text)
    body = "".join(parts)
    return f'<div style="white-space:pre-wrap;line-height:1.6;font-size:0.95rem">{body}</div>'


def article_spans(mentions: pd.DataFrame, article_id: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, status) of every figure extracted from one article."""
    out = []
    for rec in records(mentions[mentions["article_id"] == str(article_id)]):
        s, e = whole(rec.get("start")), whole(rec.get("end"))
        if s is None or e is None:
            continue
        kind = str(rec["kind"]).replace("_", " ")
        label = kind if is_missing(rec.get("value")) else f"{kind}: {format_money(rec['value'], rec.get('currency'))}"
        if not is_missing(rec.get("investor")):
            label += f" ({rec['investor']})"
        status = rec.get("status")
        out.append((s, e, label, None if is_missing(status) else str(status)))
    return out
