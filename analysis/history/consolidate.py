"""From what each article says to one funding history: figures merged into real-world rounds.

Pure functions over frames (no I/O):

* ``mention_rows`` / ``mentions_frame``: one row per extracted figure of an ``ArticleFacts``
  (round amount, restatement, investment, investor named, valuation, total raised), each
  converted to EUR and USD at the ECB rate of the article's day and traced to its sentence;
* ``consolidate``: the articles + mentions frames to the ``rounds``, ``investments``,
  ``valuations`` and ``source_comparison`` frames.

Merge rule (see the constants below): the rounds that the articles state ("units", one per
article and round) are merged per company into real-world rounds. A unit joins a round when

1. the company is the same, names compared by key, a name whose tokens are the first tokens
   of another ("Mistral" / "Mistral AI") being the same company unless it could be two;
2. the round labels do not conflict (Seed / Series A / Series B ... never merge);
3. the dates are compatible: their periods (a day, a month or a year, per precision) are at
   most ``DATE_WINDOW_DAYS`` apart, and a reported figure (rumour) is not dated more than
   ``RUMOUR_AFTER_DAYS`` after the announcement it would join;
4. the amounts agree in EUR, each converted at its article's day: within ``AMOUNT_TOLERANCE``
   between announcements, within ``RUMOUR_TOLERANCE`` when one side is reported (talks move:
   "$600M" reported in May, "€600M" announced in June);
5. a unit without an amount (an undisclosed investment, a round recalled by its valuation)
   joins only a round it is dated with and that shares an investor, a valuation or a label;
6. one article never contributes two units to one round (its rounds are distinct by
   construction); units without a company name are never merged.

Units are merged announced-first, then reported, then those without an amount, each joining
the best compatible round (smallest amount difference, then smallest date gap).

Talks that end in a round of a very different size or led by someone else stay a round of
their own: Mistral's July 2025 talks ($1bn at $10bn, MGX) and its Sept 2025 Series C (€1.7bn
led by ASML at €11.7bn post) differ by 2x in amount, so an analyst sees the talks as reported
and the Series C as announced rather than one round whose figures "disagree" by 50 %. The
talks carry ``followed_by`` = the round that came next (within ``FOLLOW_UP_DAYS``).

Consensus of a round: announced sources outrank reported ones; among them the currency most
sources use, then the value most sources give (ties: the earliest source). Valuations: the
stated post-money, else a valuation of unknown basis (treated as post-money, flagged
``valuation_basis = "unknown"``); post = pre + amount and pre = post - amount when only one is
stated (flagged ``*_derived``). A round's date is its announcement's (the most precise, then
the earliest); a round only reported is dated by its earliest report. Its figures are
converted at that day (for a month or year, the first source published within it).

Source comparison: each source's figure against the consensus, explained as ``same``,
``fx_conversion`` (another currency, within ``FX_TOLERANCE`` at the source's day),
``pre_vs_post`` (the other side of the amount), ``rumour_superseded``, ``rounding`` (within
``ROUNDING_TOLERANCE``), ``stale`` (published before the round's date) or ``unexplained``.
A round's ``agreement`` is "differ" only when an amount, valuation or lead differs
unexplained: a superseded rumour is history, not disagreement (``spread_pct`` still shows it).

Confidence: last, ``analysis.history.confidence.score`` gives every round, investment and valuation its
``confidence`` and ``confidence_reasons``, from the mentions' evidence and the merge above.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis import frames as fr
from analysis.frames import is_missing
from analysis.fx import FX_TOLERANCE, convert, rate_at, relative_difference
from analysis.history import confidence
from analysis.investors import canonical_investor, name_key
from analysis.labels import normalise_label
from analysis.model import ArticleFacts, Evidence, RoundFact
from analysis.money import format_money

#: Two announced amounts of one round differ by at most this (relative, after FX at each
#: article's day): restatements and FX rounding ("$645M" / "€600M") stay well inside it.
AMOUNT_TOLERANCE = 0.10
#: A reported (rumoured) amount may differ this much from the announced one and still be the
#: same round, later superseded: talks move (Mistral Dec 2023: €450M reported, €385M closed).
RUMOUR_TOLERANCE = 0.35
#: Two valuations of one round (used to merge units without an amount).
VALUATION_TOLERANCE = 0.10
#: Same-currency figures within this are the same figure rounded ("1,3 Md€" / "€1.32bn").
ROUNDING_TOLERANCE = 0.05
#: Periods of two units of one round are at most this many days apart (about ±3 months).
DATE_WINDOW_DAYS = 92
#: A rumour may be dated at most this long after the announcement it joins (same-week
#: "reportedly" write-ups of an announcement); later it is news about something else.
RUMOUR_AFTER_DAYS = 31
#: A standalone valuation is that of a round dated within this many days of it.
VALUATION_ATTACH_DAYS = 31
#: Reported-only talks point to the company's next announced round within this many days.
FOLLOW_UP_DAYS = 183
#: A reported stake and the stake implied by investment / post-money disagree beyond this.
STAKE_TOLERANCE_PTS = 1.5

AGREEING = frozenset({"same", "fx_conversion", "rounding", "pre_vs_post"})
#: Fields whose unexplained differences make a round's sources "differ".
AGREEMENT_FIELDS = frozenset({"amount", "pre_money", "post_money", "valuation", "lead_investors"})


#: A round as one article states it: (article_id, index of the round in ``ArticleFacts.rounds``).
UnitKey = tuple[str, int]
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


# --------------------------------------------------------------------------- mentions


def _evidence_by_role(evidence: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    by_role: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_role[item.role or ""].append(item)
    return by_role


def _span(evidence: Evidence | None, with_figure: bool = True) -> dict[str, Any]:
    if evidence is None:
        return {"sentence": None, "start": None, "end": None, "sentence_start": None, "sentence_end": None}
    return {
        "sentence": evidence.sentence,
        "start": evidence.figure_start if with_figure else None,
        "end": evidence.figure_end if with_figure else None,
        "sentence_start": evidence.start,
        "sentence_end": evidence.end,
    }


def _fx_columns(value: float | None, currency: str | None, day: dt.date | None) -> dict[str, Any]:
    out: dict[str, Any] = {"value_eur": None, "value_usd": None, "fx_rate": None, "fx_date": None, "fx_flag": None}
    if value is None or not currency:
        return out
    eur, _, _ = convert(value, currency, "EUR", day)
    usd, _, _ = convert(value, currency, "USD", day)
    fx = rate_at("EUR", "USD", day)
    if eur is None or fx is None:
        return out
    out.update(value_eur=eur, value_usd=usd, fx_rate=fx.rate, fx_date=fx.rate_date, fx_flag=fx.flag)
    return out


def _investor_evidence(raw_names: list[str], evidence: list[Evidence]) -> Evidence | None:
    for item in evidence:
        text = item.sentence.casefold()
        if any(name.casefold() in text for name in raw_names):
            return item
    return None


def _round_rows(facts: ArticleFacts, key: int, rnd: RoundFact) -> list[dict[str, Any]]:
    day = facts.published or rnd.date
    by_role = _evidence_by_role(rnd.evidence)
    base = {
        "article_id": facts.article_id, "round_key": key, "company": rnd.company or facts.company,
        "date": rnd.date, "date_precision": rnd.date_precision, "status": rnd.status,
        "round_label": rnd.round_label, "publisher": facts.publisher, "published": facts.published,
    }
    rows: list[dict[str, Any]] = []

    def add(kind: str, value: float | None, currency: str | None, evidence: Evidence | None, **extra: Any) -> None:
        row = {**base, "kind": kind, "value": value, "currency": currency, **_fx_columns(value, currency, day)}
        row.update(_span(evidence, with_figure=value is not None))
        row.update(extra)
        rows.append(row)

    amount_ev = (by_role.get("amount") or [None])[0]
    named_by_sentence = amount_ev is None
    if named_by_sentence:  # name the round by its first sentence (its anchor: analysis.history.corrections)
        amount_ev = rnd.evidence[0] if rnd.evidence else None
    add("round_amount", rnd.amount, rnd.currency, amount_ev, qualifier=rnd.qualifier,
        found_by=amount_ev.company_found_by if amount_ev else None)
    if named_by_sentence:  # a sentence, not the figure
        rows[-1].update(start=None, end=None)
    alt_ev = by_role.get("amount_alternative", [])
    for i, alt in enumerate(rnd.amount_alternatives):
        ev = alt_ev[i] if i < len(alt_ev) else None
        add("amount_alternative", alt.amount, alt.currency, ev, found_by=ev.company_found_by if ev else None)
    val_ev = by_role.get("valuation", [])
    if rnd.valuation is not None:
        add("valuation", rnd.valuation, rnd.valuation_currency, val_ev[0] if val_ev else None,
            basis=rnd.valuation_basis, found_by=val_ev[0].company_found_by if val_ev else None)
        alt_val_ev = by_role.get("valuation_alternative") or val_ev[1:]
        for i, alt in enumerate(rnd.valuation_alternatives):
            add("valuation_alternative", alt.amount, alt.currency, alt_val_ev[i] if i < len(alt_val_ev) else None,
                basis=rnd.valuation_basis)
    found_by = {canonical_investor(name): how for name, how in rnd.roles_found_by.items()}
    raw: dict[str, list[str]] = defaultdict(list)
    for name in [*rnd.lead_investors, *rnd.investors, *(i.investor for i in rnd.investments)]:
        raw[canonical_investor(name)].append(name)
    leads = {canonical_investor(n) for n in rnd.lead_investors}
    named = [canonical_investor(n) for n in [*rnd.lead_investors, *rnd.investors]]
    for name in dict.fromkeys(named):
        add("investor", None, None, _investor_evidence(raw[name], by_role.get("investors", [])),
            investor=name, role="lead" if name in leads else "participant", found_by=found_by.get(name))
    for investment in rnd.investments:
        name = canonical_investor(investment.investor)
        inv_role = _evidence_by_role(investment.evidence)
        evidence = (inv_role.get("investment") or inv_role.get("stake") or [None])[0]
        add("investment", investment.amount, investment.currency, evidence, investor=name,
            role="lead" if name in leads else "participant", stake_pct=investment.stake_pct,
            found_by=found_by.get(name))
        if investment.amount is None and evidence is not None:  # a stake only: point at the stake
            rows[-1].update(start=evidence.figure_start, end=evidence.figure_end)
    return rows


def mention_rows(facts: ArticleFacts) -> list[dict[str, Any]]:
    """One dict per figure of ``facts`` with the columns of the mentions frame."""
    rows: list[dict[str, Any]] = []
    for key, rnd in enumerate(facts.rounds):
        rows.extend(_round_rows(facts, key, rnd))
    for valuation in facts.valuations:
        evidence = valuation.evidence[0] if valuation.evidence else None
        row = {
            "article_id": facts.article_id, "round_key": None, "kind": "valuation",
            "company": valuation.company or facts.company, "value": valuation.value,
            "currency": valuation.currency, "date": valuation.date, "date_precision": valuation.date_precision,
            "status": valuation.status, "basis": valuation.basis, "publisher": facts.publisher,
            "published": facts.published, "found_by": evidence.company_found_by if evidence else None,
            **_fx_columns(valuation.value, valuation.currency, facts.published or valuation.date),
            **_span(evidence),
        }
        rows.append(row)
    for other in facts.other_figures:
        if other.why != "total_raised":
            continue
        rows.append({
            "article_id": facts.article_id, "round_key": None, "kind": "total_raised",
            "company": other.company or facts.company, "value": other.value, "currency": other.currency,
            "publisher": facts.publisher, "published": facts.published,
            **_fx_columns(other.value, other.currency, facts.published),
            **_span(other.evidence[0] if other.evidence else None),
        })
    for n, row in enumerate(rows):
        row["mention_id"] = f"{facts.article_id}:{n:03d}"
    return rows


def mentions_frame(facts: Iterable[ArticleFacts]) -> pd.DataFrame:
    """The mentions frame of several articles' facts."""
    rows = [row for item in facts for row in mention_rows(item)]
    return fr.conform("mentions", pd.DataFrame(rows, columns=list(fr.MENTION_COLUMNS)))


# --------------------------------------------------------------------------- helpers




def _clean(value: Any) -> Any:
    """``None`` for every kind of missing value (NaN, NaT, pd.NA)."""
    return None if is_missing(value) else value


def _as_date(value: Any) -> dt.date | None:
    value = _clean(value)
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def _period(day: dt.date | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day that a date of this precision can mean."""
    if day is None:
        return None
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def _gap_days(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> int | None:
    """Days between two periods (0 when they overlap); None when one is unknown."""
    if a is None or b is None:
        return None
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def company_tokens(name: str | None) -> tuple[str, ...]:
    """A company name as comparable tokens (accents, case, punctuation, legal suffix dropped)."""
    return tuple(name_key(name).split()) if name else ()


def company_groups(names: Iterable[str | None]) -> dict[str | None, tuple[str, ...]]:
    """Each name mapped to its company's group key.

    A name whose tokens begin another name's tokens ("Mistral" -> "Mistral AI") joins it,
    unless it begins two names that are not themselves one chain ("Mistral AI" and
    "Mistral Energy"): then it stays alone rather than guess.
    """
    keys = {name: company_tokens(name) for name in set(names)}
    distinct = sorted(set(keys.values()), key=len)
    parent = {k: k for k in distinct}

    def find(k: tuple[str, ...]) -> tuple[str, ...]:
        while parent[k] != k:
            k = parent[k]
        return k

    extensions: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for k in distinct:  # each name under every proper prefix of it: linear, not pairwise
        for size in range(1, len(k)):
            extensions[k[:size]].append(k)
    for short in distinct:
        if not short:
            continue
        chain = sorted(extensions.get(short, ()), key=len)
        if chain and all(chain[i + 1][: len(chain[i])] == chain[i] for i in range(len(chain) - 1)):
            for k in chain:
                parent[find(short)] = find(k)
    return {name: find(key) for name, key in keys.items()}


def _join(names: Iterable[str]) -> str | None:
    items = list(dict.fromkeys(n for n in names if n))
    return fr.LIST_SEP.join(items) if items else None


def _split(text: str | None) -> list[str]:
    return [] if is_missing(text) or not text else str(text).split(fr.LIST_SEP)


# --------------------------------------------------------------------------- units


@dataclass
class _Figure:
    value: float
    currency: str | None
    eur: float | None
    fx_day: dt.date | None
    basis: str | None
    row: dict[str, Any]


@dataclass
class _Unit:
    """One round as one article states it."""

    article_id: str
    round_key: int | None
    file: str | None
    company: str | None
    group: tuple[str, ...]
    status: str
    label: str | None
    date: dt.date | None
    precision: str | None
    published: dt.date | None
    publisher: str | None
    amount: _Figure | None = None
    alternatives: list[_Figure] = field(default_factory=list)
    valuations: list[_Figure] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    investments: dict[str, dict[str, Any]] = field(default_factory=dict)
    standalone: bool = False
    #: (article_id, round_key) of a round; (article_id, "v<mention_id>") of a standalone valuation
    key: tuple[str, Any] = ("", None)

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        return _period(self.date, self.precision)

    @property
    def names(self) -> set[str]:
        return {*self.leads, *self.investors, *self.investments}

    @property
    def announced(self) -> bool:
        return self.status == "announced"

    @property
    def source_name(self) -> str:
        """The publisher, else the file name, else the article id."""
        return self.publisher or (self.file.replace("\\", "/").rsplit("/", 1)[-1] if self.file else self.article_id)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.published or dt.date.max, self.article_id, self.round_key or 0)


def _figure(row: dict[str, Any]) -> _Figure:
    # a figure converted at "the latest rate" for want of a date has no FX day of its own
    fx_day = None if row["fx_flag"] == "no_date" else _as_date(row["fx_date"])
    return _Figure(float(row["value"]), row["currency"], row["value_eur"], fx_day, row["basis"], row)


def _units(articles: pd.DataFrame, mentions: pd.DataFrame) -> list[_Unit]:
    meta = {
        row["article_id"]: row for row in articles.to_dict("records")
    } if len(articles) else {}
    records = mentions.to_dict("records")
    groups = company_groups(_clean(r["company"]) for r in records)
    units: dict[tuple[str, Any], _Unit] = {}
    for row in records:
        row = {k: _clean(v) for k, v in row.items()}
        article = meta.get(row["article_id"], {})
        published = _as_date(article.get("published", row["published"])) if article else _as_date(row["published"])
        publisher = _clean(article.get("publisher")) if article else row["publisher"]
        standalone = row["round_key"] is None
        if row["kind"] == "total_raised" or (standalone and row["kind"] != "valuation"):
            continue
        key = (row["article_id"], int(row["round_key"]) if not standalone else f"v{row['mention_id']}")
        unit = units.get(key)
        if unit is None:
            unit = units[key] = _Unit(
                article_id=row["article_id"], round_key=None if standalone else int(row["round_key"]),
                file=_clean(article.get("file")) if article else None, company=row["company"], group=groups[row["company"]], status=row["status"] or "announced",
                label=row["round_label"], date=_as_date(row["date"]), precision=row["date_precision"],
                published=published, publisher=publisher or None, standalone=standalone, key=key,
            )
        kind = row["kind"]
        if kind == "round_amount" and row["value"] is not None:
            unit.amount = _figure(row)
        elif kind == "amount_alternative" and row["value"] is not None:
            unit.alternatives.append(_figure(row))
        elif kind == "valuation" and row["value"] is not None:
            unit.valuations.append(_figure(row))
        elif kind in {"investor", "investment"} and row["investor"]:
            name = row["investor"]
            if row["role"] == "lead" and name not in unit.leads:
                unit.leads.append(name)
            elif row["role"] != "lead" and name not in unit.investors:
                unit.investors.append(name)
            if kind == "investment":
                unit.investments[name] = row
    return list(units.values())


# --------------------------------------------------------------------------- merging


def _diff(a: _Figure, b: _Figure) -> float:
    """Relative difference of two figures, in EUR when both convert, else as stated."""
    if a.eur is not None and b.eur is not None:
        return relative_difference(a.eur, b.eur)
    return relative_difference(a.value, b.value)


def _best_date(units: Sequence[_Unit]) -> tuple[dt.date | None, str | None]:
    """The announcement's date (the most precise, then the earliest); for a round only
    reported, the date of the earliest report (then the most precise)."""
    dated = [u for u in units if u.announced and u.date is not None]
    if dated:
        best = min(dated, key=lambda u: (_PRECISION_RANK.get(u.precision, 3), u.date))
        return best.date, best.precision
    dated = [u for u in units if u.date is not None]
    if dated:
        best = min(dated, key=lambda u: (u.period[0], _PRECISION_RANK.get(u.precision, 3)))  # type: ignore[index]
        return best.date, best.precision
    return None, None


class _Round:
    def __init__(self, unit: _Unit, closed: bool = False) -> None:
        self.units: list[_Unit] = [unit]
        self.extra_valuations: list[_Unit] = []
        #: split out by an analyst: no other unit joins it (an analyst's merge still may)
        self.closed = closed

    @property
    def announced(self) -> list[_Unit]:
        return [u for u in self.units if u.announced]

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        day, precision = _best_date(self.units)
        return _period(day, precision)

    def labels(self) -> set[str]:
        return {lab for u in self.units if (lab := normalise_label(u.label))}

    def names(self) -> set[str]:
        return set().union(*(u.names for u in self.units))


def _match(unit: _Unit, rnd: _Round) -> float | None:
    """How well ``unit`` fits ``rnd`` (lower is better), or None when it cannot be that round."""
    if rnd.closed or any(u.article_id == unit.article_id for u in rnd.units):
        return None
    label = normalise_label(unit.label)
    labels = rnd.labels()
    if label and labels and label not in labels:
        return None
    gap = _gap_days(unit.period, rnd.period)
    if gap is not None and gap > DATE_WINDOW_DAYS:
        return None
    announced = rnd.announced
    announced_period = _period(*_best_date(announced)) if announced else None
    if (not unit.announced and announced_period and unit.period
            and (unit.period[0] - announced_period[1]).days > RUMOUR_AFTER_DAYS):
        return None
    if unit.announced and not announced:
        rumour_starts = [u.period[0] for u in rnd.units if u.period]
        if unit.period and rumour_starts and (min(rumour_starts) - unit.period[1]).days > RUMOUR_AFTER_DAYS:
            return None
    date_score = (gap or 0) / 3650
    ref_units = [u for u in announced if u.amount] or [u for u in rnd.units if u.amount]
    if unit.amount is not None and ref_units:
        mine = [unit.amount, *unit.alternatives]
        theirs = [f for u in ref_units for f in (u.amount, *u.alternatives) if f is not None]
        diff = min(_diff(a, b) for a in mine for b in theirs)
        strict = unit.announced and all(u.announced for u in ref_units)
        if diff > (AMOUNT_TOLERANCE if strict else RUMOUR_TOLERANCE):
            return None
        return diff + date_score
    # one side has no amount: it needs a date and something else in common
    corroborated = bool(label and label in labels)
    if gap is not None:
        corroborated = corroborated or bool(unit.names & rnd.names())
        theirs = [f for u in rnd.units for f in u.valuations]
        tolerance = VALUATION_TOLERANCE if unit.announced else RUMOUR_TOLERANCE
        corroborated = corroborated or any(_diff(a, b) <= tolerance for a in unit.valuations for b in theirs)
    return 0.5 + date_score if corroborated else None


def merge_units(units: Sequence[_Unit], splits: AbstractSet[UnitKey] = frozenset()) -> list[_Round]:
    """Units of one company grouped into rounds (see the module's merge rule); a unit in
    ``splits`` (an analyst's split) is a round of its own that no other unit joins."""
    def tier(unit: _Unit) -> int:  # announced amounts anchor, then rumours, then amountless
        if unit.amount is None:
            return 2
        return 0 if unit.announced else 1

    order = sorted(units, key=lambda u: (tier(u), u.date or dt.date.max, *u.sort_key()))
    rounds: list[_Round] = []
    for unit in order:
        if unit.key in splits:
            rounds.append(_Round(unit, closed=True))
            continue
        scored = [(score, i) for i, rnd in enumerate(rounds) if (score := _match(unit, rnd)) is not None]
        if scored:
            rounds[min(scored)[1]].units.append(unit)
        else:
            rounds.append(_Round(unit))
    return rounds


# --------------------------------------------------------------------------- consensus


def _consensus(
    figures: Sequence[tuple[float, str | None]], others: Sequence[tuple[float, str | None]] = ()
) -> tuple[float, str | None] | None:
    """The currency most figures use (ties: the one most ``others`` use, then the first),
    then the value most give in it (ties: the first)."""
    if not figures:
        return None
    currencies = Counter(c for _, c in figures)
    also = Counter(c for _, c in others)
    first = {c: i for i, (_, c) in reversed(list(enumerate(figures)))}
    currency = max(currencies, key=lambda c: (currencies[c], also[c], -first[c]))
    values = [v for v, c in figures if c == currency]
    counts = Counter(float(f"{v:.6g}") for v in values)
    order = {float(f"{v:.6g}"): i for i, v in reversed(list(enumerate(values)))}
    value = max(counts, key=lambda v: (counts[v], -order[v]))
    return value, currency


def _to(value: float | None, currency: str | None, target: str | None, day: dt.date | None) -> float | None:
    if value is None or target is None:
        return None
    if currency == target or currency is None:
        return value
    converted, _, _ = convert(value, currency, target, day)
    return converted


@dataclass
class _Consensus:
    round_id: str
    company: str | None
    label: str | None
    date: dt.date | None
    precision: str | None
    fx_day: dt.date | None
    status: str
    amount: float | None
    currency: str | None
    pre: float | None
    post: float | None
    valuation_currency: str | None
    pre_derived: bool
    post_derived: bool
    basis: str | None
    leads: list[str]
    investors: list[str]


def _fx_day(units: Sequence[_Unit], day: dt.date | None, precision: str | None) -> dt.date | None:
    """The day to convert a round's figures at: its date when known to the day, else the
    first source published within its period, else the start of the period."""
    if day is None or precision == "day":
        return day or min((u.published for u in units if u.published), default=None)
    period = _period(day, precision)
    inside = [u.published for u in units if u.published and period and period[0] <= u.published <= period[1]]
    return min(inside) if inside else day


def _round_consensus(rnd: _Round, round_id: str, company: str | None) -> _Consensus:
    units = sorted(rnd.units, key=_Unit.sort_key)
    announced = [u for u in units if u.announced]
    day, precision = _best_date(units)
    fx_day = _fx_day(units, day, precision)
    pool = [u for u in announced if u.amount] or [u for u in units if u.amount]
    every = [(f.value, f.currency) for u in units for f in (u.amount, *u.alternatives) if f is not None]
    amount = _consensus([(u.amount.value, u.amount.currency) for u in pool if u.amount], every)
    value, currency = amount if amount else (None, None)

    valued = [*units, *sorted(rnd.extra_valuations, key=_Unit.sort_key)]
    vpool = [u for u in valued if u.announced and u.valuations] or [u for u in valued if u.valuations]
    figures = [f for u in vpool for f in u.valuations]
    all_values = [(f.value, f.currency) for u in valued for f in u.valuations]
    post = _consensus([(f.value, f.currency) for f in figures if f.basis == "post"], all_values)
    pre = _consensus([(f.value, f.currency) for f in figures if f.basis == "pre"], all_values)
    basis = "post" if post else None
    if post is None:
        post = _consensus([(f.value, f.currency) for f in figures if f.basis not in {"pre", "post"}], all_values)
        basis = "unknown" if post else ("pre" if pre else None)
    vcur = post[1] if post else (pre[1] if pre else None)
    post_value, pre_value = (post[0] if post else None), (pre[0] if pre else None)
    pre_derived = post_derived = False
    amount_in_vcur = _to(value, currency, vcur, fx_day)
    if amount_in_vcur is not None:
        if post_value is None and pre_value is not None:
            post_value, post_derived = pre_value + amount_in_vcur, True
        elif pre_value is None and post_value is not None:
            pre_value, pre_derived = post_value - amount_in_vcur, True
            if pre_value <= 0:  # the "valuation" is not a post-money the amount fits in
                pre_value, pre_derived = None, False

    leads_pool = [u for u in announced if u.leads] or [u for u in units if u.leads]
    leads = list(dict.fromkeys(n for u in leads_pool for n in u.leads))
    investors = list(dict.fromkeys([*leads, *(n for u in units for n in [*u.leads, *u.investors, *u.investments])]))
    labels = Counter(u.label for u in units if u.label)
    label = max(labels, key=lambda lab: (labels[lab], -[u.label for u in units].index(lab))) if labels else None
    return _Consensus(
        round_id=round_id, company=company, label=label, date=day, precision=precision, fx_day=fx_day,
        status="announced" if announced else "reported", amount=value, currency=currency,
        pre=pre_value, post=post_value, valuation_currency=vcur, pre_derived=pre_derived,
        post_derived=post_derived, basis=basis, leads=leads, investors=investors,
    )


# --------------------------------------------------------------------------- comparison


def _explain(
    value: float, currency: str | None, day: dt.date | None, status: str, published: dt.date | None,
    target: float | None, target_currency: str | None, other: float | None, cons: _Consensus,
) -> tuple[str, str]:
    """``(explanation, note)`` for a source's figure against the consensus ``target``
    (``other``: the other basis of a valuation, for pre_vs_post)."""
    said = "announced" if cons.status == "announced" else "consensus"
    if target is None:
        return "unexplained", f"{format_money(value, currency)}; no {said} figure to compare with"
    note = f"{format_money(value, currency)} vs {said} {format_money(target, target_currency)}"
    cross = bool(currency and target_currency and currency != target_currency)
    converted = value
    if cross:
        converted_value, _, _ = convert(value, currency, target_currency, day)  # type: ignore[arg-type]
        if converted_value is not None:
            converted = converted_value
            base, quote = ("EUR", target_currency if currency == "EUR" else currency)
            if "EUR" not in (currency, target_currency):
                base, quote = currency, target_currency
            fx = rate_at(base, quote, day)
            if fx is not None:
                note = (f"{format_money(value, currency)} ≈ {format_money(converted, target_currency)} at "
                        f"{fx.rate:.4f} on {fx.rate_date.isoformat()}; {said} {format_money(target, target_currency)}")
    diff = relative_difference(converted, target)
    if diff < 1e-9 and not cross:
        return "same", note
    if cross and diff <= FX_TOLERANCE:
        return "fx_conversion", note
    if other is not None and relative_difference(converted, other) <= (FX_TOLERANCE if cross else ROUNDING_TOLERANCE):
        return "pre_vs_post", f"{note}; matches {format_money(other, target_currency)}, the other side of the amount"
    if status == "reported" and cons.status == "announced":
        return "rumour_superseded", note
    if not cross and diff <= ROUNDING_TOLERANCE:
        return "rounding", note
    period = _period(cons.date, cons.precision)
    if published is not None and period is not None and published < period[0]:
        return "stale", f"{note}; published {published.isoformat()}, before the round's date"
    return "unexplained", note


def _comparison_rows(rnd: _Round, cons: _Consensus) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    base = {"round_id": cons.round_id, "company": cons.company, "round_label": cons.label}
    for unit in sorted([*rnd.units, *rnd.extra_valuations], key=_Unit.sort_key):
        src = {**base, "article_id": unit.article_id, "publisher": unit.publisher, "published": unit.published}
        day = unit.published or cons.fx_day

        def money_row(name: str, fig: _Figure, target: float | None, target_cur: str | None,
                      other: float | None, src: dict[str, Any] = src, unit: _Unit = unit,
                      day: dt.date | None = day) -> None:
            explanation, note = _explain(fig.value, fig.currency, fig.fx_day or day, unit.status, unit.published,
                                         target, target_cur, other, cons)
            rows.append({
                **src, "field": name, "value": format_money(fig.value, fig.currency), "value_num": fig.value,
                "currency": fig.currency, "value_eur": fig.eur, "consensus": format_money(target, target_cur),
                "consensus_num": target, "consensus_currency": target_cur,
                "agrees": explanation in AGREEING, "explanation": explanation, "note": note,
            })

        if unit.amount is not None:
            money_row("amount", unit.amount, cons.amount, cons.currency, None)
        for fig in unit.alternatives:  # "1,7 milliard d'euros ($2 billion)": the same amount restated
            money_row("amount", fig, cons.amount, cons.currency, None)
        for fig in unit.valuations[:1]:
            # pre_vs_post needs a stated basis on one side: a figure of unknown basis against a
            # pre-money derived from a post-money of unknown basis proves nothing
            explicit = cons.basis in {"pre", "post"}
            if fig.basis == "pre":
                money_row("pre_money", fig, cons.pre, cons.valuation_currency, cons.post)
            elif fig.basis == "post":
                money_row("post_money", fig, cons.post, cons.valuation_currency, cons.pre)
            else:
                money_row("valuation", fig, cons.post, cons.valuation_currency, cons.pre if explicit else None)
        if unit.standalone:
            continue
        if unit.leads:
            rows.append(_lead_row(src, unit, cons))
        if unit.date is not None:
            rows.append(_date_row(src, unit, cons))
        same_status = unit.status == cons.status
        rows.append({
            **src, "field": "status", "value": unit.status, "consensus": cons.status, "agrees": same_status,
            "explanation": "same" if same_status else "rumour_superseded",
            "note": None if same_status else "reported before the announcement",
        })
    return rows


def _lead_row(src: dict[str, Any], unit: _Unit, cons: _Consensus) -> dict[str, Any]:
    mine, theirs = set(unit.leads), set(cons.leads)
    note = None
    if mine == theirs:
        explanation = "same"
    elif mine < theirs:
        explanation, note = "same", f"names {len(mine)} of the {len(theirs)} leads"
    elif unit.status == "reported" and cons.status == "announced":
        explanation = "rumour_superseded"
    else:
        explanation = "unexplained"
    return {
        **src, "field": "lead_investors", "value": _join(unit.leads), "consensus": _join(cons.leads),
        "agrees": explanation in AGREEING, "explanation": explanation, "note": note,
    }


def _date_row(src: dict[str, Any], unit: _Unit, cons: _Consensus) -> dict[str, Any]:
    mine, theirs = unit.period, _period(cons.date, cons.precision)
    note = None
    if theirs is None or _gap_days(mine, theirs) == 0:
        explanation = "same"
    elif unit.status == "reported" and cons.status == "announced":
        explanation = "rumour_superseded"
    elif unit.published and theirs and unit.published < theirs[0]:
        explanation, note = "stale", "published before the round's date"
    else:
        explanation = "unexplained"
    return {
        **src, "field": "date", "value": unit.date.isoformat() if unit.date else None,
        "consensus": cons.date.isoformat() if cons.date else None,
        "agrees": explanation in AGREEING, "explanation": explanation,
        "note": note or f"{unit.precision or 'day'} vs {cons.precision or 'day'} precision",
    }


# --------------------------------------------------------------------------- frames


@dataclass
class Consolidated:
    """The derived frames of a store; ``mentions``: the mentions given, with ``round_id`` filled."""

    rounds: pd.DataFrame
    investments: pd.DataFrame
    valuations: pd.DataFrame
    source_comparison: pd.DataFrame
    mentions: pd.DataFrame | None = None


@dataclass
class Constraints:
    """What analysts decided (``analysis.history.corrections.apply_corrections`` builds it), on top of the
    merge rule, and what they corrected (for the ``corrected`` / ``original`` columns).

    ``merges``: pairs of units whose rounds form one round (the first's round joins the second's,
    across company names too); ``splits``: units kept out of the round they were in, each a round
    of its own. ``round_marks``: per unit, the columns of ``rounds`` corrected on it (or the words
    "confirmed", "merged", "split"); a round's original values are the consensus of its units as
    extracted (``original_mentions``: the mentions of the corrected articles as extracted).
    ``investment_marks`` ((unit, investor)) and ``valuation_marks`` ((article_id, start, end) of the
    figure): the original value of each corrected column ("confirmed": confirmed only).
    """

    merges: list[tuple[UnitKey, UnitKey]] = field(default_factory=list)
    splits: set[UnitKey] = field(default_factory=set)
    round_marks: dict[UnitKey, set[str]] = field(default_factory=dict)
    investment_marks: dict[tuple[UnitKey, str], dict[str, Any]] = field(default_factory=dict)
    valuation_marks: dict[tuple[str, int | None, int | None], dict[str, Any]] = field(default_factory=dict)
    original_mentions: pd.DataFrame | None = None


#: Words of ``corrected`` that are no column: the round was merged or split by an analyst.
GROUPING_MARKS = ("merged", "split")


def corrected_text(columns: Iterable[str], marks: Iterable[str] = ()) -> str:
    """The ``corrected`` cell: the corrected columns (then "merged" / "split") joined by "; ";
    "confirmed" when an analyst only confirmed; "" when nothing was corrected."""
    marks = set(marks)
    parts = [c for c in columns if c != "confirmed"] + [m for m in GROUPING_MARKS if m in marks]
    if parts:
        return fr.LIST_SEP.join(parts)
    return "confirmed" if "confirmed" in marks or "confirmed" in set(columns) else ""


def _original_json(original: dict[str, Any]) -> str:
    values = {k: v for k, v in original.items() if k != "confirmed"}
    return json.dumps(values, ensure_ascii=False, default=str) if values else ""


def _merge_rounds(by_group: dict[tuple[str, ...], list[_Round]], merges: Sequence[tuple[UnitKey, UnitKey]]) -> None:
    """An analyst's merges: the round of the first unit joins the round of the second."""
    where = {u.key: (group, rnd) for group, rounds in by_group.items() for rnd in rounds for u in rnd.units}
    for first, second in merges:
        if first not in where or second not in where:
            continue
        (group_a, rnd_a), (group_b, rnd_b) = where[first], where[second]
        if rnd_a is rnd_b:
            continue
        rnd_b.units.extend(rnd_a.units)
        by_group[group_a] = [r for r in by_group[group_a] if r is not rnd_a]
        for unit in rnd_a.units:
            where[unit.key] = (group_b, rnd_b)


def _original_units(articles: pd.DataFrame, constraints: Constraints) -> dict[Any, _Unit]:
    mentions = constraints.original_mentions
    if mentions is None or mentions.empty:
        return {}
    return {u.key: u for u in _units(articles, mentions) if not u.standalone}


def _round_marks(rnd: _Round, cons: _Consensus, constraints: Constraints,
                 originals: dict[Any, _Unit]) -> tuple[str, str]:
    """The ``corrected`` and ``original`` cells of a round."""
    marks: set[str] = set().union(*(constraints.round_marks.get(u.key, set()) for u in rnd.units))
    if not marks:
        return "", ""
    columns = [c for c in fr.ROUND_COLUMNS if c in marks]
    original: dict[str, Any] = {}
    if columns:
        units = [originals.get(u.key, u) for u in rnd.units]
        was = _Round(units[0])
        was.units, was.extra_valuations = units, rnd.extra_valuations
        old = _round_consensus(was, cons.round_id, _display_name(units))
        values = {
            "company": old.company, "round_label": old.label, "date": old.date.isoformat() if old.date else None,
            "date_precision": old.precision, "amount": old.amount, "currency": old.currency,
            "pre_money": old.pre, "post_money": old.post, "valuation_currency": old.valuation_currency,
            "valuation_basis": old.basis, "lead_investors": _join(old.leads), "investors": _join(old.investors),
            "status": old.status,
        }
        original = {c: values.get(c) for c in columns}
    return corrected_text(columns, marks), _original_json(original)


def _first_marks(marks: Iterable[dict[str, Any] | None]) -> dict[str, Any]:
    """Marks of several units merged: the first unit's original value of each column wins."""
    out: dict[str, Any] = {}
    for mark in marks:
        for key, value in (mark or {}).items():
            out.setdefault(key, value)
    return out


def _as_int(value: Any) -> int | None:
    value = _clean(value)
    return None if value is None else int(value)


#: Characters of a hash that tells apart two companies whose names make the same slug.
SLUG_HASH_CHARS = 6
#: Characters of an article id in the round id of a round without a company.
ARTICLE_ID_CHARS = 12


def _slug(tokens: tuple[str, ...]) -> str:
    """The company part of a round id: its name tokens in ASCII ("mistral-ai"); a name whose
    tokens are not all ASCII letters and digits ("Zoë & Co", "深度求索") gets a hash of its
    tokens too, so that two companies never share a slug, whatever else the store holds."""
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", t) for t in tokens).strip("-") or "unknown"
    if slug != "-".join(tokens):
        slug += "-" + hashlib.sha1(" ".join(tokens).encode()).hexdigest()[:SLUG_HASH_CHARS]
    return slug


def _round_id(group: tuple[str, ...], rnd: _Round, used: set[str]) -> str:
    """A round's id, a function of its company group alone (the history re-derives one company
    at a time): "<company slug>-<date>", numbered within the company; a round without a company
    is "unknown-<date>-" and its article and place there."""
    day, precision = _best_date(rnd.units)
    when = "undated" if day is None else f"{day:%Y}" if precision == "year" else f"{day:%Y-%m}"
    if not group:
        unit = rnd.units[0]
        return f"unknown-{when}-{unit.article_id[:ARTICLE_ID_CHARS]}-{unit.round_key}"
    round_id = base_id = f"{_slug(group)}-{when}"
    n = 2
    while round_id in used:
        round_id, n = f"{base_id}-{n}", n + 1
    used.add(round_id)
    return round_id


def _display_name(units: Sequence[_Unit]) -> str | None:
    names = Counter(u.company for u in units if u.company)
    if not names:
        return None
    return max(names, key=lambda n: (names[n], len(n), n))


def _attach_standalone(standalone: list[_Unit], rounds: list[tuple[_Round, _Consensus]]) -> dict[int, str]:
    """Standalone valuations dated with a round of their company whose valuation they fit."""
    attached: dict[int, str] = {}
    for i, unit in enumerate(standalone):
        best: tuple[float, _Round, _Consensus] | None = None
        for rnd, cons in rounds:
            gap = _gap_days(unit.period, _period(cons.date, cons.precision))
            if gap is None or gap > VALUATION_ATTACH_DAYS or not unit.valuations:
                continue
            fig = unit.valuations[0]
            candidates = [v for v in (cons.post, cons.pre) if v is not None]
            if candidates:
                converted = _to(fig.value, fig.currency, cons.valuation_currency, fig.fx_day)
                if converted is None:
                    continue
                diff = min(relative_difference(converted, v) for v in candidates)
                if diff > VALUATION_TOLERANCE:
                    continue
            else:
                diff = 0.5
            if best is None or diff + gap / 3650 < best[0]:
                best = (diff + gap / 3650, rnd, cons)
        if best is not None:
            best[1].extra_valuations.append(unit)
            attached[i] = best[2].round_id
    return attached


def consolidate(
    articles: pd.DataFrame, mentions: pd.DataFrame, constraints: Constraints | None = None,
    rounds_per_article: pd.Series | None = None,
) -> Consolidated:
    """The rounds, investments, valuations and source comparison of ``mentions`` (a whole
    store's, or every mention of some company groups: each group is consolidated on its own;
    ``articles``: the rows of their articles). ``constraints``: analysts' merges and splits, and
    the marks of their corrections; ``rounds_per_article``: how many rounds each article states
    (default: counted in ``mentions``, which must then hold whole articles)."""
    constraints = constraints or Constraints()
    units = _units(articles, mentions)
    by_group: dict[tuple[str, ...], list[_Unit]] = defaultdict(list)
    for unit in units:
        by_group[unit.group].append(unit)
    rounds_by_group: dict[tuple[str, ...], list[_Round]] = {}
    for group, members in by_group.items():
        round_units = [u for u in members if not u.standalone]
        # without a company name nothing says two rounds are one: each stays its own
        rounds_by_group[group] = (merge_units(round_units, constraints.splits) if group
                                  else [_Round(u, closed=True) for u in round_units])
    _merge_rounds(rounds_by_group, constraints.merges)
    originals = _original_units(articles, constraints)
    unit_round: dict[Any, str | None] = {}

    round_rows: list[dict[str, Any]] = []
    investment_rows: list[dict[str, Any]] = []
    valuation_rows: list[dict[str, Any]] = []
    comparison_rows: list[dict[str, Any]] = []
    for group, members in sorted(by_group.items()):
        merged = rounds_by_group[group]
        standalone = sorted((u for u in members if u.standalone), key=_Unit.sort_key)
        company = _display_name([*(u for rnd in merged for u in rnd.units), *standalone]) if group else None
        with_consensus: list[tuple[_Round, _Consensus]] = []
        used_ids: set[str] = set()
        for rnd in sorted(merged, key=lambda r: (_best_date(r.units)[0] or dt.date.max, r.units[0].sort_key())):
            # a round without a company group is its unit's own (its company, if any, has no tokens)
            named = company if group else _display_name(rnd.units)
            with_consensus.append((rnd, _round_consensus(rnd, _round_id(group, rnd, used_ids), named)))
        attached = _attach_standalone(standalone, with_consensus) if group else {}
        final = [(rnd, _round_consensus(rnd, cons.round_id, cons.company) if rnd.extra_valuations else cons)
                 for rnd, cons in with_consensus]
        for rnd, cons in final:
            comparisons = _comparison_rows(rnd, cons)
            comparison_rows.extend(comparisons)
            row = _round_row(rnd, cons, comparisons)
            row["corrected"], row["original"] = _round_marks(rnd, cons, constraints, originals)
            round_rows.append(row)
            investment_rows.extend(_investment_rows(rnd, cons, constraints))
            for unit in rnd.units:
                unit_round[unit.key] = cons.round_id
                valuation_rows.extend(_valuation_rows(unit, cons.company, cons.round_id, cons, constraints))
        for i, unit in enumerate(standalone):
            unit_round[unit.key] = attached.get(i)
            valuation_rows.extend(_valuation_rows(unit, company if group else unit.company, attached.get(i), None,
                                                  constraints))

    _link_follow_ups(round_rows)
    keys = [(a, f"v{m}" if is_missing(k) else int(k))
            for a, k, m in zip(mentions["article_id"], mentions["round_key"], mentions["mention_id"], strict=True)]
    with_rounds = mentions.assign(round_id=[unit_round.get(k) for k in keys])
    comparison = fr.conform("source_comparison", pd.DataFrame(comparison_rows, columns=list(fr.COMPARISON_COLUMNS)))
    # every fact's confidence and its reasons, from the evidence (analysis.history.confidence): scored here, once
    rounds, investments, valuations = confidence.score(
        fr.conform("rounds", pd.DataFrame(round_rows, columns=list(fr.ROUND_COLUMNS))),
        fr.conform("investments", pd.DataFrame(investment_rows, columns=list(fr.INVESTMENT_COLUMNS))),
        fr.conform("valuations", pd.DataFrame(valuation_rows, columns=list(fr.VALUATION_COLUMNS))),
        with_rounds, comparison, rounds_per_article=rounds_per_article,
    )
    return Consolidated(
        rounds=fr.conform("rounds", rounds), investments=fr.conform("investments", investments),
        valuations=fr.conform("valuations", valuations), source_comparison=comparison,
        mentions=fr.conform("mentions", with_rounds),
    )


def _round_row(rnd: _Round, cons: _Consensus, comparisons: list[dict[str, Any]]) -> dict[str, Any]:
    units = sorted(rnd.units, key=_Unit.sort_key)
    eur = [u.amount.eur for u in units if u.amount is not None and u.amount.eur is not None]
    amount_eur = _to(cons.amount, cons.currency, "EUR", cons.fx_day)
    spread = (max(eur) - min(eur)) / amount_eur * 100 if eur and amount_eur else None
    differ = any(not r["agrees"] and r["explanation"] == "unexplained" and r["field"] in AGREEMENT_FIELDS
                 for r in comparisons)
    vcur, day = cons.valuation_currency, cons.fx_day
    return {
        "round_id": cons.round_id, "company": cons.company, "round_label": cons.label, "date": cons.date,
        "date_precision": cons.precision, "amount": cons.amount, "currency": cons.currency,
        "amount_eur": amount_eur, "amount_usd": _to(cons.amount, cons.currency, "USD", day),
        "pre_money": cons.pre, "post_money": cons.post, "valuation_currency": vcur,
        "pre_money_eur": _to(cons.pre, vcur, "EUR", day), "pre_money_usd": _to(cons.pre, vcur, "USD", day),
        "post_money_eur": _to(cons.post, vcur, "EUR", day), "post_money_usd": _to(cons.post, vcur, "USD", day),
        "pre_money_derived": cons.pre_derived, "post_money_derived": cons.post_derived,
        "valuation_basis": cons.basis, "lead_investors": _join(cons.leads), "investors": _join(cons.investors),
        "n_sources": len({u.article_id for u in units}),
        "sources": _join(u.source_name for u in units),
        "first_reported": min((u.published for u in units if u.published), default=None),
        "status": cons.status, "agreement": "differ" if differ else "agree", "spread_pct": spread,
        "followed_by": None,
    }


def _investment_rows(rnd: _Round, cons: _Consensus, constraints: Constraints | None = None) -> list[dict[str, Any]]:
    marks = constraints.investment_marks if constraints is not None else {}
    rows: list[dict[str, Any]] = []
    units = sorted(rnd.units, key=_Unit.sort_key)
    post_eur = _to(cons.post, cons.valuation_currency, "EUR", cons.fx_day)
    for name in cons.investors:
        naming = [u for u in units if name in u.names]
        with_figures = [u for u in naming if name in u.investments]
        pool = [u for u in with_figures if u.announced] or with_figures
        amounts = [(float(u.investments[name]["value"]), u.investments[name]["currency"])
                   for u in pool if u.investments[name]["value"] is not None]
        amount = _consensus(amounts)
        value, currency = amount if amount else (None, None)
        stakes = [float(u.investments[name]["stake_pct"]) for u in pool
                  if u.investments[name]["stake_pct"] is not None]
        stake = _consensus([(s, None) for s in stakes])
        stake_reported = stake[0] if stake else None
        amount_eur = _to(value, currency, "EUR", cons.fx_day)
        implied = amount_eur / post_eur * 100 if amount_eur is not None and post_eur else None
        mismatch = (stake_reported is not None and implied is not None
                    and abs(stake_reported - implied) > STAKE_TOLERANCE_PTS)
        rows.append({
            "round_id": cons.round_id, "company": cons.company, "investor": name,
            "role": "lead" if name in cons.leads else "participant", "amount": value, "currency": currency,
            "amount_eur": amount_eur, "amount_usd": _to(value, currency, "USD", cons.fx_day),
            "stake_reported": stake_reported, "stake_implied": implied, "stake_mismatch": bool(mismatch),
            "n_sources": len({u.article_id for u in naming}),
        })
        mark = _first_marks(marks.get((u.key, name)) for u in naming)
        rows[-1]["corrected"] = corrected_text(mark)
        rows[-1]["original"] = _original_json(mark)
    return rows


def _valuation_rows(
    unit: _Unit, company: str | None, round_id: str | None, cons: _Consensus | None,
    constraints: Constraints | None = None,
) -> list[dict[str, Any]]:
    marks = constraints.valuation_marks if constraints is not None else {}
    rows = []
    for fig in unit.valuations:
        row = fig.row
        day, precision = unit.date, unit.precision
        if day is None and cons is not None:
            day, precision = cons.date, cons.precision
        if day is None:
            day, precision = unit.published, "day" if unit.published else None
        rows.append({
            "company": company, "date": day, "date_precision": precision, "value": fig.value,
            "currency": fig.currency, "value_eur": fig.eur, "value_usd": _clean(row.get("value_usd")),
            "basis": fig.basis or "unknown", "article_id": unit.article_id, "publisher": unit.publisher,
            "published": unit.published, "status": unit.status, "sentence": row.get("sentence"),
            "start": row.get("start"), "end": row.get("end"), "round_id": round_id,
        })
        mark = marks.get((unit.article_id, _as_int(row.get("start")), _as_int(row.get("end"))), {})
        rows[-1]["corrected"] = corrected_text(mark)
        rows[-1]["original"] = _original_json(mark)
    return rows


def _link_follow_ups(rows: list[dict[str, Any]]) -> None:
    """Reported-only rounds point to the company's next announced round (talks -> round)."""
    by_company: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["date"] is not None and row["company"] is not None:  # no company: nothing says which is next
            by_company[row["company"]].append(row)
    for company_rows in by_company.values():
        announced = sorted((r for r in company_rows if r["status"] == "announced"), key=lambda r: r["date"])
        for row in company_rows:
            if row["status"] != "reported":
                continue
            later = next((r for r in announced if r["date"] >= row["date"]), None)
            if later is not None and (later["date"] - row["date"]).days <= FOLLOW_UP_DAYS:
                row["followed_by"] = later["round_id"]


def derived_frames(
    articles: pd.DataFrame, mentions: pd.DataFrame, constraints: Constraints | None = None,
    rounds_per_article: pd.Series | None = None,
) -> dict[str, pd.DataFrame]:
    """The derived frames by name, as the store materialises them; ``mentions``: the mentions
    with ``round_id`` filled."""
    result = consolidate(articles, mentions, constraints, rounds_per_article)
    return {
        "rounds": result.rounds, "investments": result.investments, "valuations": result.valuations,
        "source_comparison": result.source_comparison, "mentions": result.mentions,
    }


__all__ = [
    "AMOUNT_TOLERANCE",
    "DATE_WINDOW_DAYS",
    "FOLLOW_UP_DAYS",
    "ROUNDING_TOLERANCE",
    "RUMOUR_AFTER_DAYS",
    "RUMOUR_TOLERANCE",
    "STAKE_TOLERANCE_PTS",
    "VALUATION_ATTACH_DAYS",
    "VALUATION_TOLERANCE",
    "Consolidated",
    "Constraints",
    "company_groups",
    "consolidate",
    "corrected_text",
    "derived_frames",
    "mention_rows",
    "mentions_frame",
]
