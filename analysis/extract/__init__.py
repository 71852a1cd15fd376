"""Funding facts from articles: money figures classified, grouped into rounds, traced.

The path of one article:

1. keep the paragraphs that hold money or a funding cue (cheap regex test), run the
   pipeline on them only (``analysis.nlp``), and cut them into ``SentenceView``s that
   carry article offsets, cue spans, investor spans, names, dates and money mentions;
2. classify every money figure by the cues of its own clause (the text between the
   previous and the next figure of the sentence): round amount, restatement in another
   currency, one investor's money, valuation (pre/post), total raised, or a figure that is
   not a round (infrastructure, public plan, market total, fund close, acquisition, fine,
   debt, another company's figure, ...); and its status (reported when its clause holds a
   rumour cue, the conditional mood, or falls under a source attribution);
3. group the round figures into rounds (same amount = same round), pick the article's main
   round (the news), attach valuations, investments, stakes and investor lists to rounds;
4. emit ``ArticleFacts`` with evidence (sentence and figure spans) for every figure.

The package, by layer (each module imports only the ones above it):
``vocabulary`` (lexicons and thresholds) → ``sentences`` (analysed sentences) → ``names`` (what a
name is) → ``drafts`` (figures and rounds in the making) → ``grammar`` (whose figure it is, from the
parse) → ``figures`` (each figure's role) / ``companies`` / ``investors`` → ``rounds`` → ``article``
(the rules in order) → ``pipeline`` (many articles, in batches).
"""

from analysis.extract.article import extract_article, facts_from_views
from analysis.extract.pipeline import extract_articles
from analysis.extract.vocabulary import round_label_in

__all__ = ["extract_article", "extract_articles", "facts_from_views", "round_label_in"]
