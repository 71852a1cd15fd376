"""Rows for the views' tests, turned into frames the way the store builds them.

``frames_of`` passes rows written out by hand through ``analysis.frames.conform``, so every frame
has the store's columns, dtypes and checks; ``small_frames`` holds Mistral AI's rounds as the
seeds tell them, and one English round (Quantix Robotics).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import frames as fr
from analysis.frames import LIST_SEP, Frames

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
D = dt.date
NAN = float("nan")
INGESTED_AT = dt.datetime(2025, 10, 1, 12, 0)

SENTENCE_C = "ASML a investi 1,3 milliard d'euros, affirmant détenir une participation de 11 %."
TEXT_A0 = "Intro. " + SENTENCE_C + " Cela propulse la valorisation à 11,7 milliards d'euros. Fin."

#: What the store writes in a column the rows below leave out (a flag is False, a round has one
#: source and its sources agree), so that each row states only what its test is about.
STORE_DEFAULTS: dict[str, dict[str, Any]] = {
    "articles": {"ingested_at": INGESTED_AT},
    "rounds": {"pre_money_derived": False, "post_money_derived": False, "n_sources": 1, "agreement": "agree",
               "status": "announced"},
    "investments": {"stake_mismatch": False, "n_sources": 1},
    "valuations": {"status": "announced", "basis": "unknown"},
    "source_comparison": {"agrees": True, "explanation": "same"},
}  # fmt: skip


def names(*items: str) -> str:
    """A name list as the store holds it: one text joined with ``LIST_SEP``."""
    return LIST_SEP.join(items)


def frames_of(**rows: Sequence[Mapping[str, Any]]) -> Frames:
    """Frames as the store hands them: each frame's rows (dicts) conformed and validated, the
    columns a row leaves out empty (or at ``STORE_DEFAULTS``); a frame not given is empty."""

    def frame(name: str) -> pd.DataFrame:
        given = [{**STORE_DEFAULTS.get(name, {}), **row} for row in rows.get(name, ())]
        return fr.conform(name, pd.DataFrame(given, columns=list(fr.COLUMNS[name]) if not given else None))

    unknown = set(rows) - set(fr.FRAME_NAMES)
    assert not unknown, unknown
    return Frames(**{name: frame(name) for name in fr.FRAME_NAMES})


def _articles() -> list[dict[str, Any]]:
    keys = ("article_id", "file", "publisher", "title", "published", "published_precision", "language", "n_chars")
    return [dict(zip(keys, row, strict=True)) for row in [
        ("a0", "000.txt", "Gate", "Mistral AI s'associe à ASML", D(2025, 9, 9), "month", "fr", len(TEXT_A0)),
        ("a1", "001.txt", None, "La start-up parisienne Mistral AI boucle", D(2025, 9, 9), "day", "fr", 2000),
        ("a2", "002.txt", None, "Une nouvelle levée de fonds de 600 M$", D(2024, 5, 9), "day", "fr", 1500),
        ("a4", "004.txt", "01net", "Mistral AI veut incarner l'alternative", D(2025, 6, 15), "month", "fr", 1800),
        ("e1", "en.txt", "Test Wire", "Quantix raises $45 million", D(2025, 3, 13), "day", "en", 900),
    ]]  # fmt: skip


def _rounds() -> list[dict[str, Any]]:
    return [
        {
            "round_id": "r_dec23", "company": "Mistral AI", "round_label": None, "date": D(2023, 12, 1),
            "date_precision": "month", "post_money": 2e9, "valuation_currency": "EUR", "post_money_eur": 2e9,
            "post_money_usd": 2.15e9, "sources": "a2",
        },
        {
            "round_id": "r_2024", "company": "Mistral AI", "round_label": None, "date": D(2024, 6, 1),
            "date_precision": "month", "amount": 600e6, "currency": "USD", "amount_eur": 556e6,
            "amount_usd": 600e6, "post_money": 6e9, "valuation_currency": "USD", "post_money_eur": 5.56e9,
            "post_money_usd": 6e9, "lead_investors": names("General Catalyst", "Lightspeed Venture Partners"),
            "investors": names("General Catalyst", "Lightspeed Venture Partners"), "n_sources": 2,
            "sources": names("a2", "a1"), "agreement": "differ", "spread_pct": 7.9,
        },
        {
            "round_id": "r_c", "company": "Mistral AI", "round_label": "Series C", "date": D(2025, 9, 9),
            "date_precision": "day", "amount": 1.7e9, "currency": "EUR", "amount_eur": 1.7e9,
            "amount_usd": 2.0e9, "pre_money": 10e9, "post_money": 11.7e9, "valuation_currency": "EUR",
            "post_money_eur": 11.7e9, "post_money_usd": 13.7e9, "pre_money_eur": 10e9, "pre_money_usd": 11.7e9,
            "pre_money_derived": True, "lead_investors": "ASML", "investors": names("ASML", "DST Global", "Nvidia"),
            "n_sources": 2, "sources": names("a0", "a1"), "spread_pct": 0.0,
        },
        {
            "round_id": "r_q", "company": "Quantix Robotics", "round_label": "Series B", "date": D(2025, 3, 13),
            "date_precision": "day", "amount": 45e6, "currency": "USD", "amount_eur": 41e6, "amount_usd": 45e6,
            "lead_investors": "Index Ventures", "investors": "Index Ventures", "sources": "e1",
        },
    ]  # fmt: skip


def _investments() -> list[dict[str, Any]]:
    keys = ("round_id", "company", "investor", "role", "amount", "currency", "amount_eur", "amount_usd",
            "stake_reported", "stake_implied", "n_sources")  # fmt: skip
    return [dict(zip(keys, row, strict=True)) for row in [
        ("r_c", "Mistral AI", "ASML", "lead", 1.3e9, "EUR", 1.3e9, 1.52e9, 11.0, 11.1, 2),
        ("r_c", "Mistral AI", "DST Global", "participant", NAN, None, NAN, NAN, NAN, NAN, 2),
        ("r_c", "Mistral AI", "Nvidia", "participant", NAN, None, NAN, NAN, NAN, NAN, 1),
        ("r_2024", "Mistral AI", "General Catalyst", "lead", NAN, None, NAN, NAN, NAN, NAN, 1),
        ("r_2024", "Mistral AI", "Lightspeed Venture Partners", "lead", NAN, None, NAN, NAN, NAN, NAN, 1),
        ("r_q", "Quantix Robotics", "Index Ventures", "lead", 20e6, "USD", 18e6, 20e6, NAN, NAN, 1),
    ]]  # fmt: skip


def _valuations() -> list[dict[str, Any]]:
    keys = ("company", "date", "value", "currency", "value_eur", "value_usd", "basis", "article_id", "publisher",
            "status", "sentence", "start", "end", "round_id")  # fmt: skip
    return [dict(zip(keys, row, strict=True)) for row in [
        ("Mistral AI", D(2025, 9, 9), 11.7e9, "EUR", 11.7e9, 13.7e9, "post", "a0", "Gate", "announced", "Cela propulse…", 90, 110, "r_c"),
        ("Mistral AI", D(2025, 9, 9), 11.7e9, "EUR", 11.7e9, 13.7e9, "post", "a1", None, "announced", "valorise à 11,7…", 50, 70, "r_c"),
        ("Mistral AI", D(2024, 5, 9), 6e9, "USD", 5.56e9, 6e9, "post", "a2", None, "reported", "tripler sa valorisation…", 10, 30, "r_2024"),
        ("Mistral AI", D(2023, 12, 1), 2e9, "EUR", 2e9, 2.15e9, "unknown", "a2", None, "announced", "valorisée à 2 milliards…", 40, 60, "r_dec23"),
        ("Mistral AI", D(2025, 6, 1), 6e9, "USD", 5.3e9, 6e9, "unknown", "a4", "01net", "announced", "pèse plus de 6 milliards…", 5, 25, None),
    ]]  # fmt: skip


def _mentions() -> list[dict[str, Any]]:
    s0, f0 = TEXT_A0.index(SENTENCE_C), TEXT_A0.index("1,3 milliard d'euros")
    keys = ("mention_id", "article_id", "round_key", "round_id", "kind", "company", "value", "currency",
            "value_eur", "value_usd", "status", "investor", "role", "sentence", "start", "end", "sentence_start",
            "sentence_end", "publisher")  # fmt: skip
    return [dict(zip(keys, row, strict=True)) for row in [
        ("m1", "a0", 0, "r_c", "investment", "Mistral AI", 1.3e9, "EUR", 1.3e9, 1.52e9, "announced", "ASML", "lead",
         SENTENCE_C, f0, f0 + len("1,3 milliard d'euros"), s0, s0 + len(SENTENCE_C), "Gate"),
        ("m2", "a0", 0, "r_c", "round_amount", "Mistral AI", 2e9, "USD", 1.7e9, 2e9, "announced", None, None,
         "… ($2 billion) …", 3, 9, 0, 20, "Gate"),
        ("m3", "a2", 0, "r_2024", "round_amount", "Mistral AI", 600e6, "USD", 556e6, 600e6, "reported", None, None,
         "en passe de finaliser une levée d'environ 600 millions de dollars", 40, 70, 0, 90, None),
        ("m4", "a4", None, None, "valuation", "Mistral AI", 6e9, "USD", 5.3e9, 6e9, "announced", None, None,
         "pèse plus de 6 milliards de dollars", 5, 25, 0, 40, "01net"),
        ("m5", "e1", 0, "r_q", "round_amount", "Quantix Robotics", 45e6, "USD", 41e6, 45e6, "announced", None, None,
         "Quantix Robotics raised $45 million", 24, 35, 0, 36, "Test Wire"),
        ("m6", "a2", 1, "r_dec23", "valuation", "Mistral AI", 2e9, "EUR", 2e9, 2.15e9, "announced", None, None,
         "valorisée à 2 milliards d'euros en décembre", 40, 60, 0, 90, None),
    ]]  # fmt: skip


def _source_comparison() -> list[dict[str, Any]]:
    keys = ("round_id", "company", "round_label", "field", "article_id", "publisher", "published", "value_num",
            "currency", "value_eur", "consensus_num", "consensus_currency", "agrees", "explanation", "note")
    return [dict(zip(keys, row, strict=True)) for row in [
        ("r_c", "Mistral AI", "Series C", "amount", "a0", "Gate", D(2025, 9, 9), 2e9, "USD", 1.7e9, 1.7e9, "EUR", True, "fx_conversion", "$2 bn = €1.7 bn at the ECB rate"),
        ("r_c", "Mistral AI", "Series C", "amount", "a1", None, D(2025, 9, 9), 1.7e9, "EUR", 1.7e9, 1.7e9, "EUR", True, "same", None),
        ("r_2024", "Mistral AI", None, "amount", "a2", None, D(2024, 5, 9), 600e6, "USD", 556e6, 600e6, "USD", True, "same", None),
        ("r_2024", "Mistral AI", None, "amount", "a1", None, D(2025, 9, 9), 600e6, "EUR", 600e6, 600e6, "USD", False, "unexplained", None),
    ]]  # fmt: skip


def small_frames() -> Frames:
    """Mistral AI's four rounds and Quantix Robotics' Series B, from five articles."""
    return frames_of(
        articles=_articles(), mentions=_mentions(), rounds=_rounds(), investments=_investments(),
        valuations=_valuations(), source_comparison=_source_comparison(),
    )  # fmt: skip
