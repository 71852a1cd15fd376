"""Extraction of many articles: sentences chosen, analysed in batches, and each article's facts (a failure stays the article's own)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from analysis.extract.article import facts_from_views, merged_facts, segments
from analysis.extract.round_gate import gated
from analysis.extract.sentences import Selected, _selected_sentences, _view
from analysis.model import (
    Article,
    ArticleFacts,
    failed_facts,
)
from analysis.nlp import (
    Passage,
    analyse,
    pipeline_language,
)


def extract_articles(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[ArticleFacts]:
    """Facts for each article, in order, streaming by groups of ``batch_size`` articles.

    The selected sentences of a whole group go through the pipeline together (one
    ``nlp.pipe`` per language: the statistical model is much faster on large batches than
    on the few sentences of one article); the rules then run article by article. Each
    article's facts are the same as ``extract_article``'s.
    """
    group: list[Article] = []
    for article in articles:
        group.append(article)
        if len(group) >= max(1, batch_size):
            yield from _extract_group(group)
            group = []
    if group:
        yield from _extract_group(group)


class _SentenceStream:
    """The analysed sentences of one pipeline for a group of articles, in order, produced lazily
    (never more than one ``nlp.pipe`` batch of Docs in memory). After a failure the stream starts
    again at the first sentence of the next article."""

    def __init__(self, items: list[tuple[str, int]], pipeline: str) -> None:
        self.items, self.pipeline, self.cursor = items, pipeline, 0
        self.passages: Iterator[Passage] = analyse(items, pipeline)

    def take(self) -> Passage:
        passage = next(self.passages)
        self.cursor += 1
        return passage

    def skip_to(self, position: int) -> None:
        self.cursor = position
        self.passages = analyse(self.items[position:], self.pipeline)


def _extract_group(group: list[Article]) -> Iterator[ArticleFacts]:
    prepared: list[tuple[Article, str, list[Selected] | None, Exception | None]] = []
    for article in group:
        language = article.language or article.meta.language or "fr"
        try:
            prepared.append((article, language, _selected_sentences(article, language), None))
        except Exception as error:  # one bad article must not stop a batch
            prepared.append((article, language, None, error))
    streams = {
        pipeline: _SentenceStream([item for _, lang, sel, _ in prepared if sel
                                   and pipeline_language(lang) == pipeline for *_, item in sel], pipeline)
        for pipeline in sorted({pipeline_language(language) for _, language, sel, _ in prepared if sel})
    }
    for article, language, selected, error in prepared:
        if error is None and selected is not None:
            stream = streams.get(pipeline_language(language))
            end = stream.cursor + len(selected) if stream is not None else 0
            try:
                # Each Doc is read into its view and dropped: a huge article never holds its Docs,
                # and holds the views of one stretch at a time.
                parts = []
                for segment in segments(selected):
                    views = [
                        _view(article, stream.take(), ordinal, number, language, article.meta.published)  # type: ignore[union-attr]
                        for ordinal, number, _ in segment
                    ]
                    parts.append(facts_from_views(article, views, language))
                    del views
                yield gated(merged_facts(parts))
                continue
            except Exception as caught:  # one bad article must not stop a batch
                error = caught
                if stream is not None:
                    stream.skip_to(end)
        yield _failed(article, error)


def _failed(article: Article, error: Exception | None) -> ArticleFacts:
    return failed_facts(article, f"extraction failed: {type(error).__name__}: {error}")
