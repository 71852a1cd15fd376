"""The role of each money figure (round, valuation, investment, total, market figure...), its status, date and label."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from analysis.extract.drafts import Figure
from analysis.extract.grammar import _governing_verb, _investee
from analysis.extract.names import (
    _company_candidate,
    _company_name,
    _inside_name,
    _is_subject,
    _known_investor,
)
from analysis.extract.sentences import Cue, SentenceView
from analysis.extract.vocabulary import (
    _ALL_LABELS,
    _ALTERNATIVE_GAP,
    _CLAUSE_OTHER,
    _COORDINATION_GAP,
    _GENITIVE_AFTER,
    _OPEN_BRACKET,
    _OTHER_LABELS,
    _OWNER_LABELS,
    _ROLE_PRIORITY,
    _VALUATION_LINK,
    BRACKET_TAIL,
    CUE_REACH_AFTER,
    CUE_REACH_BEFORE,
    UNICORN_THRESHOLDS,
    _entities,
    _grammar,
    _round_labels,
    canonical_investor,
)
from analysis.model import (
    DateMention,
    MoneyMention,
)
from analysis.money import says_respectively


def _near(view: SentenceView, cue: Cue, figure_tok: tuple[int, int]) -> int:
    """Token distance between a cue and a figure (0 when adjacent or overlapping)."""
    f_start, f_end = figure_tok
    if cue.token_end <= f_start:
        return f_start - cue.token_end
    if cue.token_start >= f_end:
        return cue.token_start - f_end
    return 0


def _classify(fig: Figure, subject: str | None) -> None:
    """The role of a figure from the cues of its clause: the nearest cue wins."""
    view, m = fig.sentence, fig.mention
    unit_end = fig.unit_end or m.end
    tok = (view.token_at(m.start), view.token_at(max(m.start, unit_end - 1)) + 1)
    shields = [c for c in view.cues if c.label in {"PRE_MONEY", "POST_MONEY"}]
    usable = [
        c for c in view.cues_between(fig.lo, fig.hi, *_ALL_LABELS)
        if not (c.label == "ROUND" and any(s.start <= c.start and c.end <= s.end for s in shields))
        and not (c.label in _OTHER_LABELS and _inside_name(view, c))
    ]
    before = [c for c in usable if c.end <= m.start and _near(view, c, tok) <= CUE_REACH_BEFORE]
    after = [c for c in usable if c.start >= unit_end and _near(view, c, tok) <= CUE_REACH_AFTER]

    fig.owner = _genitive_owner(fig, subject)  # "les 300 milliards d'OpenAI": OpenAI's figure
    for cue in after:  # "$2 billion valuation", "2 Md€ de valorisation", "porte à X la valorisation"
        gap = view.text[unit_end - view.start:cue.start - view.start]
        if cue.label == "VALUATION" and cue.role != "valuation:verb" and _VALUATION_LINK.match(gap):
            fig.role, fig.basis = "valuation", _basis(view, fig)
            return
    candidates: list[tuple[int, int, str, Cue]] = []
    for cue in before + after:
        if cue.label in _OWNER_LABELS:
            continue
        if cue.label in _OTHER_LABELS:
            if _near(view, cue, tok) <= 10 and not _excused(view, cue):
                candidates.append((_near(view, cue, tok), _ROLE_PRIORITY["OTHER"], "other", cue))
        elif cue.label == "COMPONENT":
            if cue.end <= m.start and _near(view, cue, tok) <= 2:
                candidates.append((0, _ROLE_PRIORITY["OTHER"], "component", cue))
        elif cue.label in _ROLE_PRIORITY and not (cue.label == "VALUATION" and cue.start >= m.end):
            candidates.append((_near(view, cue, tok), _ROLE_PRIORITY[cue.label], cue.label, cue))
    total = [c for c in before + after if c.label == "TOTAL"
             and not (c.role == "total:points_forward" and c.start >= m.start)]
    if not candidates:
        # Nothing close by: the clause's cues decide ("1,3 milliard d'euros : c'est le
        # montant qu'ASML vient d'injecter dans Mistral AI").
        wide = {c.label for c in usable}
        if total:  # "..., taking its total to $11.7m": a total to date, far from the round's words
            fig.role, fig.why = "other", "total_raised"
        elif "OTHER_MARKET_STAT" in wide:  # "overall startup funding for January to November ... at $2.75 billion"
            fig.role, fig.why = "other", "market_total"
        elif "INVEST" in wide and _investor_near(fig, subject) is not None and not _round_noun_after(view, fig, tok):
            fig.role, fig.investor = "investment", _investor_near(fig, subject)
        elif "ROUND" in wide:
            fig.role = "round"
        else:
            fig.role, fig.why = "other", "unrelated"
        return
    _, _, kind, cue = min(candidates, key=lambda c: (c[0], c[1]))
    market = [c for c in before + after if c.label == "OTHER_MARKET_STAT"] + [
        c for c in before if c.label == "OTHER_MARKET" and any(  # "European start-ups raised €5 billion"
            r.label == "ROUND" and (0 <= r.token_start - c.token_end <= 2 or _linked_by_relative(view, c, r))
            for r in before)
    ]
    clause_other = [c for c in usable if c.label in _CLAUSE_OTHER and not _excused(view, c)]
    if market:  # "an average round of €25 million", "a combined €1.2 billion"
        fig.role, fig.why = "other", "market_total"
    elif clause_other and kind != "VALUATION":
        fig.role, fig.why = "other", _OTHER_LABELS[clause_other[0].label]
    elif total and kind != "VALUATION":
        fig.role, fig.why = "other", "total_raised"
    elif kind == "other":
        fig.role, fig.why = "other", _OTHER_LABELS[cue.label]
    elif kind == "component":
        fig.role, fig.why = "other", "round_component"
    elif kind == "VALUATION":
        fig.role, fig.basis = "valuation", _basis(view, fig)
    elif kind == "INVEST" and _investor_near(fig, subject) is not None and not _round_noun_after(view, fig, tok):
        fig.role, fig.investor = "investment", _investor_near(fig, subject)
    else:
        fig.role = "round"


#: Parts of speech that may stand between a market subject and its funding verb: « les start-up
#: françaises, qui ont levé 5 milliards » (punctuation, relative pronoun, auxiliary, adverb).
_RELATIVE_GAP_POS = frozenset({"PUNCT", "PRON", "AUX", "ADV"})


def _linked_by_relative(view: SentenceView, market: Cue, verb: Cue) -> bool:
    """A market subject followed by a relative clause whose verb is the round verb."""
    gap = range(market.token_end, verb.token_start)
    p = view.parse
    return 0 < len(gap) <= 5 and all(0 <= k < len(p.pos) and p.pos[k] in _RELATIVE_GAP_POS for k in gap) and any(
        p.pos[k] == "PRON" for k in gap)


def _round_noun_after(view: SentenceView, fig: Figure, tok: tuple[int, int]) -> bool:
    """"a €105 million Seed round investment": the round noun right after decides."""
    return any(
        c.role == "round:noun" and c.start >= fig.mention.end and _near(view, c, tok) <= 2 for c in view.cues
    )


def _excused(view: SentenceView, cue: Cue) -> bool:
    """Cues that only look like a non-round figure: 'convertible debt' is round money."""
    if cue.label == "OTHER_DEBT":
        return "convertible" in view.text[max(0, cue.start - view.start - 14):cue.start - view.start].lower()
    return False


def _basis(view: SentenceView, fig: Figure) -> str | None:
    window = [c for c in view.cues if c.start >= fig.lo and c.end <= fig.hi]
    labels = {c.label for c in window}
    if "PRE_MONEY" in labels:
        return "pre"
    if "POST_MONEY" in labels:
        return "post"
    return None


def _genitive_owner(fig: Figure, subject: str | None) -> str | None:
    """"les 300 milliards d'OpenAI", "Aleph Alpha's $500 million": another company's figure."""
    view, m = fig.sentence, fig.mention
    for name in view.names:
        if not _company_name(name) or _is_subject(name.text, subject) or name.canonical:
            continue
        if name.start >= m.end and name.start - m.end <= 5 and _GENITIVE_AFTER.match(
            view.text[m.end - view.start:name.start - view.start]
        ):
            return name.text
        gap = view.text[name.end - view.start:m.start - view.start]
        if name.end <= m.start and re.match(r"^['’]s\s+(?:\w+\s+){0,2}$", gap):
            return name.text
    return None


def _investor_near(fig: Figure, subject: str | None) -> str | None:
    """The investor a figure's clause names: known investors first, then other names."""
    view, m = fig.sentence, fig.mention
    candidates = [n for n in view.investors if fig.lo <= n.start and n.end <= fig.hi]
    if not candidates:
        candidates = [
            n for n in view.names
            if fig.lo <= n.start and n.end <= fig.hi and _company_name(n) and not _is_subject(n.text, subject)
            and not any(n.start < i.end and i.start < n.end for i in view.investors)
        ]
    candidates = [n for n in candidates if not _is_subject(n.text, subject)]
    if not candidates:
        return None
    best = min(candidates, key=lambda n: (n.start > m.start, abs(n.start - m.start)))
    name = best.canonical or canonical_investor(best.text)
    partner = [n for n in candidates if n.end <= best.start and re.fullmatch(
        r"\s+(?:and|et|&)\s+", view.text[n.end - view.start:best.start - view.start])]
    if partner:  # "Nvidia and Salesforce committing another €120 million": one joint ticket
        name = f"{partner[0].canonical or canonical_investor(partner[0].text)} and {name}"
    return name


def _status(fig: Figure) -> str:
    view, m = fig.sentence, fig.mention
    for cue in view.cues:
        if cue.label == "REPORTED_MODAL" and fig.lo <= cue.start and cue.end <= m.start:
            if cue.text == "may" and view.text[cue.start - view.start:cue.start - view.start + 1].isupper():
                continue
            return "reported"
    if any(fig.lo <= at < m.start for at in view.conditional_at):
        return "reported"
    tok_end = view.token_at(max(m.start, m.end - 1)) + 1
    for cue in view.cues:
        if cue.label == "REPORTED_MODAL" and cue.start >= m.end and cue.token_start - tok_end <= 1:
            return "reported"
    last_money_end = max(x.end for x in view.money)
    for cue in view.cues:
        if cue.label != "REPORTED_ATTRIB":
            continue
        if cue.end <= m.start or cue.start >= last_money_end:
            return "reported"
    return "announced"


def _sentence_reported(view: SentenceView) -> bool:
    return bool(view.conditional_at) or any(c.label in {"REPORTED_MODAL", "REPORTED_ATTRIB"} for c in view.cues)


def _nearest_date(fig: Figure) -> DateMention | None:
    """The date of a figure's clause nearest to it, unless another figure of the sentence
    stands nearer to that date ("Après un tour de 2,5 M€ l'an dernier, X boucle 15 M€")."""
    view, m = fig.sentence, fig.mention
    end = fig.unit_end or m.end

    def gap(d: DateMention, start: int, stop: int) -> int:
        return min(abs(d.start - stop), abs(start - d.end))

    others = [o for o in view.money if o.end <= m.start or o.start >= end]
    inside = [d for d in view.dates if fig.lo <= d.start and d.end <= fig.hi and (d.end <= m.start or d.start - end <= 45)
              and all(gap(d, m.start, end) <= gap(d, o.start, o.end) for o in others)]
    if not inside:
        return _opening_date(view)
    return min(inside, key=lambda d: gap(d, m.start, end))


#: Characters from the start of a sentence within which a date phrase frames the whole sentence.
OPENING_DATE_REACH = 12


def _opening_date(view: SentenceView) -> DateMention | None:
    """A date that opens its sentence ("En 2016, il y a eu les levées de A (12 millions), B (10
    millions)...") dates every figure of it that has no date of its own."""
    first = next((d for d in view.dates if d.start - view.start <= OPENING_DATE_REACH), None)
    if first is None or first.date is None:
        return None
    return first if view.text[first.end - view.start:].lstrip().startswith(",") else None


def _restatements(view: SentenceView) -> set[int]:
    """Indexes of figures restating the figure before them in another currency:
    "1,7 milliard d'euros ($2 billion)", "5.8 billion euros, or about $6.2 billion", and a
    different amount in brackets ("$8.5m (US$6.3m)": Singapore and US dollars)."""
    found: set[int] = set()
    for i in range(1, len(view.money)):
        before, this = view.money[i - 1], view.money[i]
        gap = view.text[before.end - view.start:this.start - view.start]
        other_currency = this.money.currency != before.money.currency
        # "$8.5m (US$6.3m)", "$US18.2 million ($27 million)": two dollars, one figure in two currencies
        bracketed_dollars = gap.strip() == "(" and this.money.value != before.money.value
        if (_ALTERNATIVE_GAP.match(gap) and this.money.currency and before.money.currency
                and (other_currency or bracketed_dollars) and i - 1 not in found):
            found.add(i)
    return found


def _windows(view: SentenceView, alternative_of: set[int]) -> list[tuple[int, int]]:
    """Each figure's clause: from the previous figure to the next one; a figure and its
    restatement share one clause."""
    units: list[list[int]] = []
    respectively = says_respectively(view.text)
    for i in range(len(view.money)):
        gap = view.text[view.money[i - 1].end - view.start:view.money[i].start - view.start] if i else ""
        coordinated = respectively and _COORDINATION_GAP.match(gap) is not None  # « 3 et 5 millions, dans cet ordre »
        if (i in alternative_of or coordinated) and units:
            units[-1].append(i)
        else:
            units.append([i])
    bounds: list[tuple[int, int]] = [(0, 0)] * len(view.money)
    for u, unit in enumerate(units):
        lo = view.money[units[u - 1][-1]].end if u else view.start
        hi = view.money[units[u + 1][0]].start if u + 1 < len(units) else view.end
        for i in unit:
            bounds[i] = (lo, hi)
    return bounds


def _label_figures(view: SentenceView, figures: list[Figure]) -> None:
    """A round label ("série A") goes to the figure it is closest to in its sentence."""
    for pattern, label in _round_labels():
        for match in pattern.finditer(view.text):
            at = view.start + match.start()
            inside = [f for f in figures if f.lo <= at <= f.hi]
            if not inside:
                continue
            nearest = min(inside, key=lambda f: min(abs(at - f.mention.end), abs(f.mention.start - at)))
            if nearest.label is None:
                nearest.label = label.format(*(g.upper() for g in match.groups()))


def _bracketed_after_name(fig: Figure, subject: str | None) -> str | None:
    """A figure in brackets right after a company, in a sentence about funding: that company's
    round, as lists of deals write it (« Contentsquare (408 millions d'euros), suivie de Ledger
    (312 millions) »)."""
    view, m = fig.sentence, fig.mention
    head = view.text[:m.start - view.start]
    bracket = _OPEN_BRACKET.search(head)
    closes = view.text.find(")", m.end - view.start)
    alone = 0 <= closes - (m.end - view.start) <= BRACKET_TAIL  # « (61 millions d'euros en janvier) »
    if bracket is None or not (alone or any(c.label == "ROUND" for c in view.cues)):
        return None
    at = view.start + bracket.start()
    named = [n for n in view.names if n.end <= at and at - n.end <= 2 and _company_candidate(view, n)]
    if not named:
        return None
    return subject if _is_subject(named[-1].text, subject) else named[-1].text.strip()


def _unicorn_threshold(fig: Figure) -> bool:
    """« ces start-up évaluées à plus d'un milliard de dollars », "a unicorn is valued at $1 billion
    or more": the threshold of the definition, not a company's valuation."""
    money = fig.mention.money
    if money.value not in UNICORN_THRESHOLDS or money.qualifier not in {"more_than", "up_to", None}:
        return False
    words = fig.sentence.text.lower()
    return any(word in words for word in _entities()["unicorn_words"]) and (
        money.qualifier == "more_than" or re.search(r"\bor more\b|\bou plus\b", words) is not None)


def _investor_raising_a_fund(fig: Figure, subject: str | None) -> bool:
    """A round verb whose doer is an investor ("... Ventures has raised $108m from limited
    partners") and that names no company to invest in: the investor's own fund, not a round."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    on_verb = {c.label for c in view.cues if c.start <= p.starts[verb] < c.end}
    if "ROUND" not in on_verb or on_verb & {"LEAD", "INVEST", "PARTICIPANTS"}:
        return False  # "Rakuten Ventures took part in a $550m round": an investor in someone's round
    doers = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
    if not doers or _investee(view, verb, subject, g):
        return False
    start = p.starts[doers[0]]
    return any(n.start <= start < n.end and _known_investor(n.text) and not _is_subject(n.text, subject)
               for n in view.names)


def _carry_compared_roles(figures: list[Figure]) -> None:
    """Another company's figure with no cue of its own is the same kind of figure as the one
    just before it: "Elle pèse 6 milliards de dollars. Très loin des 300 milliards d'OpenAI"."""
    for previous, fig in pairwise(figures):
        if (fig.owner and fig.role == "other" and fig.why == "unrelated" and previous.role in {"valuation", "round"}
                and fig.sentence.index - previous.sentence.index <= 1):
            fig.role, fig.why = previous.role, None


def _infer_currencies(figures: list[Figure]) -> None:
    """A figure written without currency takes the currency of the same value elsewhere,
    else of the nearest figure with one in its paragraph."""
    known = {f.value: f.currency for f in figures if f.currency}
    for i, fig in enumerate(figures):
        if fig.currency:
            continue
        currency = known.get(fig.value)
        if currency is None:
            same_paragraph = [g for g in figures if g.currency and g.sentence.paragraph == fig.sentence.paragraph]
            if same_paragraph:
                currency = min(same_paragraph, key=lambda g: abs(figures.index(g) - i)).currency
        if currency and fig.role in {"round", "valuation", "investment"}:
            money = fig.mention.money
            fig.mention = MoneyMention(fig.mention.start, fig.mention.end, fig.mention.text,
                                       replace(money, currency=currency))
