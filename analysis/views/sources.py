"""The Source comparison page: one column per source beside the consensus, and the mentions behind a cell.

A *source* is one article; its label is its publisher, made unique with the title
(:func:`analysis.views.cells.source_labels`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.frames import Frames, is_missing, publisher_label
from analysis.money import format_money
from analysis.views.cells import as_list, number, records, source_labels, to_date
from analysis.views.formatting import format_date, precision_of
from analysis.views.rounds import CORRECTED_MARK, corrected_columns, round_name, round_names, sorted_rounds

#: The agreement class of each explanation (the keys are ``analysis.frames.EXPLANATIONS``), as a cell
#: is coloured.
AGREEMENT_KINDS: dict[str, str] = {
    "same": "agrees",
    "fx_conversion": "agrees (FX)",
    "rounding": "agrees (rounding)",
    "pre_vs_post": "explained",
    "rumour_superseded": "explained",
    "stale": "explained",
    "unexplained": "unexplained",
}
#: Each explanation in words.
EXPLANATIONS: dict[str, str] = {
    "same": "same figure",
    "fx_conversion": "same figure in another currency (FX of the day)",
    "rounding": "same figure, rounded",
    "pre_vs_post": "pre-money vs post-money (differs by the round amount)",
    "rumour_superseded": "rumour, superseded by the announcement",
    "stale": "stale: published before the round",
    "unexplained": "unexplained difference",
}
#: Agreement classes from the mildest to the worst; a cell of several figures shows its worst.
_SEVERITY = ("", "agrees", "agrees (rounding)", "agrees (FX)", "explained", "unexplained")
#: The rounds' columns behind a field of the source comparison (a field not listed is its own column).
_COMPARED_COLUMNS = {"valuation": {"pre_money", "post_money"}, "date": {"date", "date_precision"}}
#: The note of a date compared at two precisions: the source's, then the consensus's.
_NOTE_PRECISIONS = re.compile(r"^(day|month|year) vs (day|month|year) precision$")
#: The kinds of mention behind a comparison field without a figure (first match on the field's name).
_FIELD_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("money", ("valuation", "valuation_alternative")),
    ("valuation", ("valuation", "valuation_alternative")),
    ("amount", ("round_amount", "amount_alternative")),
    ("lead", ("investment", "investor")),
    ("investor", ("investment", "investor")),
    ("stake", ("investment",)),
    ("date", ("round_amount", "valuation")),
    ("status", ("round_amount", "valuation")),
)
#: Relative tolerance under which a mention states a comparison's value.
_SAME_VALUE_REL_TOL = 1e-6


@dataclass
class Comparison:
    """The source-comparison grid.

    ``table``: one row per round × field: Round, Field, Consensus, one text column per
    source, Differences. ``kinds``: same shape, per source cell the agreement class
    (``agrees``, ``agrees (FX)``, ``explained``, ``unexplained`` or ``""`` when the source is
    silent). ``cells``: (row position, source column) -> the source_comparison records (a
    source may state a field twice, e.g. an amount and its conversion).
    """

    table: pd.DataFrame
    kinds: pd.DataFrame
    sources: list[str]
    cells: dict[tuple[int, str], list[dict[str, Any]]]


def _worst(a: str, b: str) -> str:
    return a if _SEVERITY.index(a) >= _SEVERITY.index(b) else b


def _why(rec: Mapping[str, Any]) -> str:
    """A difference explained in words, with its note."""
    why = EXPLANATIONS[str(rec["explanation"])]
    note = rec.get("note")
    return f"{why}: {note}" if not is_missing(note) and str(note).strip() else why


def comparison(frames: Frames) -> Comparison:
    """Pivot source_comparison into one column per source (ordered by publication date)."""
    sc = frames.source_comparison
    if sc.empty:
        return Comparison(
            pd.DataFrame(columns=["Round", "Field", "Consensus", "Differences"]), pd.DataFrame(), [], {}
        )
    labels = source_labels(frames.articles)
    sc = sc.assign(
        _source=[labels.get(str(a), publisher_label(p)) for a, p in zip(sc["article_id"], sc["publisher"], strict=True)],
        _rid=sc["round_id"].astype(str),
        _field=sc["field"].astype(str),
    )  # fmt: skip
    sources = list(dict.fromkeys(sc.sort_values(["published", "_source"], na_position="last")["_source"]))
    rounds = sorted_rounds(frames.rounds)
    names = round_names(rounds)
    corrected = {str(r["round_id"]): corrected_columns(r) for r in records(rounds)}
    round_order = {rid: i for i, rid in enumerate(names)}
    unnamed = sc.drop_duplicates("_rid")
    for rec in records(unnamed[~unnamed["_rid"].isin(names)].sort_values("_rid")):
        names[rec["_rid"]] = round_name(rec)  # a round outside the (filtered) rounds frame
        round_order[rec["_rid"]] = len(round_order)
    round_precision = dict(zip(rounds["round_id"].astype(str), rounds["date_precision"], strict=True))
    groups: dict[tuple[int, str, str], list[dict[str, Any]]] = {}
    for rec in records(sc):  # one pass: a records() call per group costs more than the grid
        groups.setdefault((round_order[rec["_rid"]], rec["_rid"], rec["_field"]), []).append(rec)
    rows, kinds, cells = [], [], {}
    for (_, rid, fld), grp in sorted(groups.items(), key=lambda item: item[0]):
        mark = CORRECTED_MARK if _COMPARED_COLUMNS.get(fld, {fld}) & corrected.get(rid, set()) else ""
        row: dict[str, Any] = {
            "Round": names[rid],
            "Field": fld,
            "Consensus": comparison_text(grp[0], "consensus", round_precision.get(rid)) + mark,
            **dict.fromkeys(sources, ""),
        }
        kind_row: dict[str, str] = dict.fromkeys(["Round", "Field", "Consensus", *sources, "Differences"], "")
        diffs = []
        for rec in grp:
            src, kind = rec["_source"], AGREEMENT_KINDS[str(rec["explanation"])]
            text = comparison_text(rec, "value", round_precision.get(rid))
            row[src] = text if not row[src] else f"{row[src]}; {text}"
            kind_row[src] = _worst(kind_row[src], kind)
            cells.setdefault((len(rows), src), []).append({k: v for k, v in rec.items() if not k.startswith("_")})
            if kind != "agrees":
                diffs.append(f"{src}: {text} — {_why(rec)}")
        row["Differences"] = "; ".join(diffs)
        rows.append(row)
        kinds.append(kind_row)
    cols = ["Round", "Field", "Consensus", *sources, "Differences"]
    return Comparison(pd.DataFrame(rows, columns=cols), pd.DataFrame(kinds, columns=cols), sources, cells)


def comparison_text(rec: Mapping[str, Any], key: str = "value", round_precision: Any = None) -> str:
    """A source-comparison value (``key="value"``) or its consensus (``"consensus"``) as
    text: money when numeric (``value_num``, ``consensus_num``), a date at its precision
    (``"Dec 2023"``: the source's from the note ``"month vs year precision"``, the
    consensus's from the round), else the stated text (a lead investor, a status)."""
    currency = rec.get("currency") if key == "value" else rec.get("consensus_currency") or rec.get("currency")
    amount = number(rec.get(f"{key}_num"))
    if amount is not None:
        return format_money(amount, currency)
    raw = rec.get(key)
    if is_missing(raw):
        return ""
    if str(rec.get("field")) == "date" and to_date(raw) is not None:
        noted = _NOTE_PRECISIONS.match(str(rec.get("note") or ""))
        if key == "value":
            precision = noted.group(1) if noted else "day"
        else:
            precision = round_precision if isinstance(round_precision, str) else noted.group(2) if noted else "day"
        return format_date(raw, precision_of(precision))
    return str(raw)


def evidence_for(frames: Frames, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The mentions behind one source-comparison record, best match first.

    A money field matches the article's mentions of the same value (same currency first).
    A field without a figure (date, status, lead investors) points at the figures the same
    article states for the same round (its other comparison rows), the lead's investment
    first; failing that, at the article's figures of the field's kind for the company.
    """
    m = frames.mentions
    aid = str(record.get("article_id"))
    same_article = m[m["article_id"] == aid]
    if same_article.empty:
        return []
    value = number(record.get("value_num"))
    if value is not None:
        hit = _mentions_of_value(same_article, value, record.get("currency"))
        if hit:
            return hit
    field_name = str(record.get("field") or "")
    found: list[dict[str, Any]] = []
    if "lead" in field_name or "investor" in field_name:
        names = set(as_list(record.get("value")))
        found += [r for r in records(same_article) if r.get("investor") in names]
    sc = frames.source_comparison
    siblings = sc[(sc["article_id"] == aid) & (sc["round_id"] == str(record.get("round_id")))]
    for sib in records(siblings):
        amount = number(sib.get("value_num"))
        if amount is not None:
            found += [r for r in _mentions_of_value(same_article, amount, sib.get("currency")) if r not in found]
    if found:
        return found
    kinds = next((k for f, k in _FIELD_KINDS if f in field_name), ())
    hit = same_article[same_article["kind"].isin(kinds)]
    if not is_missing(record.get("company")):
        hit = hit[hit["company"] == str(record.get("company"))]
    return records(hit)


def _mentions_of_value(mentions: pd.DataFrame, value: float, currency: Any) -> list[dict[str, Any]]:
    """Mentions stating ``value`` (within ``_SAME_VALUE_REL_TOL``), those in ``currency`` first."""
    close = mentions["value"].map(
        lambda v: (x := number(v)) is not None and math.isclose(x, value, rel_tol=_SAME_VALUE_REL_TOL)
    )
    hit = records(mentions[close.astype(bool)])
    if not is_missing(currency):
        hit.sort(key=lambda r: r.get("currency") != currency)
    return hit
