"""analysis.views.highlight: a figure shown in its article, as safe HTML."""

from __future__ import annotations

from views_support import SENTENCE_C, TEXT_A0

from analysis.views.cells import records
from analysis.views.highlight import (
    article_spans,
    highlight_segments,
    segments_to_html,
    sentence_in_context,
)


def test_highlight_segments_merge_and_clip() -> None:
    segs = highlight_segments(
        "abcdefghij", [(2, 4, "x", None), (3, 6, "y", "reported"), (8, 20, "z", None), (5, 5, "e", None)]
    )
    assert [s.text for s in segs] == ["ab", "cdef", "gh", "ij"]
    assert segs[1].label == "x; y" and segs[1].kind == "reported"
    assert segs[3].label == "z"
    assert "".join(s.text for s in segs) == "abcdefghij"


def test_segments_to_html_escapes_article_text() -> None:
    text = 'Evil <script>alert(1)</script> **bold** $x$ <img src=x onerror="alert(2)"> raised $20 million'
    at = text.index("$20 million")
    html_out = segments_to_html(highlight_segments(text, [(at, len(text), 'a "label" <b>', "announced")]))
    assert "<script>" not in html_out and "<img" not in html_out
    assert "&lt;script&gt;" in html_out
    assert 'title="a &quot;label&quot; &lt;b&gt;"' in html_out
    assert "<mark" in html_out and "$20 million</mark>" in html_out


def test_sentence_in_context(small) -> None:
    ev = next(r for r in records(small.mentions) if r["mention_id"] == "m1")
    segs, where = sentence_in_context(TEXT_A0, ev, context=5)
    assert where == "article"
    marked = [s for s in segs if s.label]
    assert [s.text for s in marked] == ["1,3 milliard d'euros"]
    joined = "".join(s.text for s in segs)
    assert SENTENCE_C in joined and joined.startswith("…")
    sentence = "".join(s.text for s in segs if s.kind == "sentence" or s.label)
    assert sentence == SENTENCE_C  # the sentence is set apart, the figure marked inside it
    assert '<span style="background:#eef1f6' in segments_to_html(segs)
    # without the article text: the sentence alone, figure placed by offsets
    segs, where = sentence_in_context(None, ev)
    assert where == "sentence"
    assert [s.text for s in segs if s.label] == ["1,3 milliard d'euros"]
    assert sentence_in_context(None, {})[1] == "none"


def test_article_spans(small) -> None:
    spans = article_spans(small.mentions, "a0")
    assert len(spans) == 2 and spans[0][2].startswith("investment: €1.3 bn (ASML)")
    assert article_spans(small.mentions, "nope") == []
