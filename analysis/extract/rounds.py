"""Rounds from figures: grouping, the main round, and the valuations, investments, investors and stakes attached to them."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from analysis.extract.drafts import Figure, RoundDraft
from analysis.extract.figures import (
    BEFORE_CHANGE,
    PARTS_SUM_TOLERANCE,
    _own_verb_hedged,
    _sentence_reported,
    _under_definite_determiner,
    hedged_before,
)
from analysis.extract.grammar import (
    _cue_verb,
    _subtree,
    before_adjectives,
    definite_round,
    round_object_owner,
)
from analysis.extract.investors import (
    _clause,
    _givers_of_received,
    _investing_subjects,
    _investor_mentions,
    _parse_linked,
    _parsed_investors,
    _speaker,
    _tokens_in,
    _word,
    described_non_investor,
    digest_last_field,
    lead_figures,
    names_in_figureless_round_subject,
    role_signal,
    round_verbs,
)
from analysis.extract.names import _company_candidate, _company_name, _is_subject, _known_investor
from analysis.extract.sentences import Cue, SentenceView, figures_in_relative_after, heading_like, title_case
from analysis.extract.vocabulary import (
    _INVESTOR_ANAPHORA,
    _INVESTOR_CUES,
    _PERCENT,
    _STAKE_WORDS,
    _VERBAL,
    LEAD_SHARE,
    _entities,
    _grammar,
    _unique,
    _unique_objects,
    canonical_investor,
    labels_in,
    name_key,
    round_label_in,
)
from analysis.fx import convert, relative_difference
from analysis.model import (
    AmountAlternative,
    DateMention,
    Evidence,
    Investment,
    RoundFact,
    ValuationFact,
)
from analysis.money import find_money, says_respectively
from analysis.nlp import NAME_LINK_WORDS, class_nouns


def _group_rounds(figures: list[Figure], subject: str | None, published: dt.date | None) -> list[RoundDraft]:
    rounds: list[RoundDraft] = []
    for fig in figures:
        if fig.role == "alternative" and fig.primary is not None and fig.primary.round is not None:
            fig.round = fig.primary.round
            fig.round.figures.append(fig)
            continue
        if fig.role != "round":
            continue
        draft = next(
            (r for r in rounds if any(
                g.role == "round" and abs(g.value - fig.value) <= 1e-6 * max(g.value, 1)
                and (g.currency == fig.currency or not g.currency or not fig.currency)
                and not _told_apart(g, fig, published)
                for g in r.figures)),
            None,
        )
        if draft is None:
            draft = RoundDraft(company=fig.company, first_at=fig.mention.start)
            rounds.append(draft)
        draft.figures.append(fig)
        fig.round = draft
    rounds = _merge_rounded(_merge_range_bounds(_merge_restated(rounds), published), published)
    for draft in rounds:
        for fig in draft.figures:
            draft.label = draft.label or fig.label
            draft.date = draft.date or fig.date
    return rounds


def _told_apart(a: Figure, b: Figure, published: dt.date | None) -> bool:
    """Two figures of the same amount that are two rounds: dated in different months, given to two companies, of two
    round labels (``_companies_apart``, ``_labelled_apart``), or one done and dated (in the
    past when the article's date is known) and the other undated and reported ("is near a deal to raise an additional $2 billion" beside "also received a $2
    billion investment from Alphabet in 2023")."""
    if _dated_apart(a.date, b.date) or _companies_apart(a, b) or _labelled_apart(a, b):
        return True

    def done_and_dated(x: Figure) -> bool:  # "After raising $700mn at a $3.7bn valuation in 2021": its clause's date
        view = x.sentence
        dates = [x.date] if x.date is not None else [  # its clause: no comma or semicolon between
            d for d in view.dates if x.lo <= d.start and not re.search(
                r"[,;:]", view.text[min(d.start, x.mention.end) - view.start:max(d.start, x.mention.end) - view.start])]
        return any(_is_past(d, published) or (published is None and d.date is not None and x.status == "announced")
                   for d in dates)

    return any(done_and_dated(x) and y.date is None and hedged_before(y) for x, y in ((a, b), (b, a)))


def _companies_apart(a: Figure, b: Figure) -> bool:
    """Two figures given to two companies, neither name the other's short form ("Emerge … raised $20 million"
    beside "Lightship … raised $20 million" in a digest)."""
    return bool(a.company and b.company) and not _is_subject(a.company, b.company) \
        and not _is_subject(b.company, a.company)


def _labelled_apart(a: Figure, b: Figure) -> bool:
    """Two figures of two round labels ("a $25 million Series B" beside "this new round is a bridge")."""
    return a.label is not None and b.label is not None and a.label != b.label


def _same_form(a: Figure, b: Figure) -> bool:
    return abs(a.value - b.value) <= 1e-6 * max(a.value, 1) and a.currency == b.currency


def _merge_into(rounds: list[RoundDraft],
                into_of: Callable[[RoundDraft, list[Figure], set[int]], RoundDraft | None]) -> list[RoundDraft]:
    """Each draft whose round figures ``into_of`` finds another draft for (never one already merged) joins that
    draft, its figures and their place with it."""
    merged: set[int] = set()
    for draft in rounds:
        own = [f for f in draft.figures if f.role == "round"]
        into = into_of(draft, own, merged) if own else None
        if into is None:
            continue
        merged.add(id(draft))
        into.figures.extend(draft.figures)
        into.first_at = min(into.first_at, draft.first_at)
        for fig in draft.figures:
            fig.round = into
    return [r for r in rounds if id(r) not in merged]


def _merge_restated(rounds: list[RoundDraft]) -> list[RoundDraft]:
    """A round whose every figure is another round's restatement in another currency is that round
    ("Kalvo secures $22.5M" over "Kalvo has secured €20 million (~$22.5M)")."""
    return _merge_into(rounds, lambda draft, own, merged: next(
        (r for r in rounds if r is not draft and id(r) not in merged and r.company == draft.company
         and all(any(a.role == "alternative" and _same_form(a, f) for a in r.figures) for f in own)), None))


def _merge_range_bounds(rounds: list[RoundDraft], published: dt.date | None) -> list[RoundDraft]:
    """A round whose every figure is the lower bound of another round's range, same company, same currency, with no
    date or label of its own and not told apart, is that round (« Kalvo veut lever deux millions d'euros » over
    « Kalvo entend lever de 2 à 3 millions d'euros »; not "previously raised $50 million in December 2021" beside
    "could secure between $50 million and $75 million")."""
    def bound_of(f: Figure, g: Figure) -> bool:
        low = g.mention.money.minimum
        return (g.role == "round" and low is not None and abs(low - f.value) <= 1e-6 * max(low, 1)
                and g.currency == f.currency and f.date is None and f.label is None
                and not _told_apart(g, f, published))
    return _merge_into(rounds, lambda draft, own, merged: next(
        (r for r in rounds if r is not draft and id(r) not in merged and r.company == draft.company
         and all(any(bound_of(f, g) for g in r.figures) for f in own)), None))


#: The paragraph of a headline or a lede, where a round is told in round figures before the body gives it exactly.
OPENING_PARAGRAPH = 0


#: A number as written in a money phrase: its digits and, after a comma or a dot, its decimals ("42.5", « 12,4 »).
_WRITTEN_NUMBER = re.compile(r"(\d+)(?:[.,](\d{1,2})(?!\d))?")


def _written_unit(fig: Figure) -> float | None:
    """The place of the last digit of an amount as written: "$42m" -> 1 000 000, "$42.5 million" -> 100 000,
    "200 millions" -> 1 000 000; a phrase that writes no number (« un demi-milliard », "half a billion") is as round as
    its first digit (100 000 000, as "$0.5 billion")."""
    number = _WRITTEN_NUMBER.search(fig.mention.text)
    if number is None:
        return 10.0 ** math.floor(math.log10(fig.value)) if fig.value > 0 else None
    decimals = number.group(2) or ""
    written = float(number.group(1) + "." + decimals) if decimals else float(number.group(1))
    return fig.value / written / 10 ** len(decimals) if written else None


#: How many times coarser than its last digit a hedged whole number ending in a zero is read ("more than 220" for
#: 223): one ten, never more ("more than $100 million" is not $120 million).
HEDGED_ZERO_FACTOR = 10


def _round_tens(fig: Figure) -> int:
    """The factor a zero ending a whole written number stands for ("220" -> 10, "42" or "42.5" -> 1)."""
    number = _WRITTEN_NUMBER.search(fig.mention.text)
    if number is None or number.group(2):
        return 1
    return HEDGED_ZERO_FACTOR if number.group(1).endswith("0") else 1


#: The share of a round figure at most by which the exact amount it stands for differs from it ("$2m" for $1.6
#: million: a fifth).
ROUNDING_MAX_SHARE = 0.5


def _rounds_off(rough: Figure, exact: Figure) -> bool:
    """``rough`` is ``exact`` in round figures: "$42m" for "$42.5 million", « plus de 12 millions » for "12,4
    millions de dollars" (no other currency, within the unit of its last digit, on its side of a hedge)."""
    if rough.currency and exact.currency and rough.currency != exact.currency:
        return False
    unit, exact_unit, gap = _written_unit(rough), _written_unit(exact), exact.value - rough.value
    qualifier = rough.mention.money.qualifier
    if unit is not None and qualifier in {"more_than", "up_to", "less_than"}:
        unit *= _round_tens(rough)  # « plus de 220 millions de dollars » for 223 millions: a bound in tens
    if unit is None or exact_unit is None or exact_unit >= unit or gap == 0:
        return False
    if qualifier == "range" or rough.mention.money.minimum is not None:
        return False  # « entre 4 M€ et 4,5 M€ »: bounds, not a rounding
    if abs(gap) >= rough.value * ROUNDING_MAX_SHARE:
        return False  # « jusqu'à 1 milliard de dollars » beside « le tour de table de 400 millions de janvier »: a
        # bound, not that round in round figures
    if qualifier == "more_than":
        return 0 < gap < unit
    if qualifier in {"up_to", "less_than"}:
        return -unit < gap < 0
    return -unit / 2 <= gap < unit  # cut ("$42m" for $42.5 million) or rounded to the nearest ("$2m" for $1.6 million)


def _heading_over(rough: Figure, exact: Figure) -> bool:
    """``rough`` stands in a section heading right above the sentence of ``exact`` ("d.light Raises Over $22
    Million" over "d.light has secured $22.5 million in financing")."""
    return heading_like(rough.sentence) and exact.sentence.index == rough.sentence.index + 1 \
        and exact.sentence.paragraph > rough.sentence.paragraph


def _merge_rounded(rounds: list[RoundDraft], published: dt.date | None) -> list[RoundDraft]:
    """A headline's, a lede's or a section heading's round in round figures is the round the body tells exactly, when
    it is the same company's ("Biotech firm raises $42m" over "X completed a $42.5 million Series A")."""
    def exact_round(draft: RoundDraft, own: list[Figure], merged: set[int]) -> RoundDraft | None:
        return next((r for r in rounds if r is not draft and id(r) not in merged
                     and (r.company == draft.company or not draft.company)
                     and (exact := r.amount_figure) is not None
                     and all((f.sentence.paragraph == OPENING_PARAGRAPH or _heading_over(f, exact))
                             and _rounds_off(f, exact) and not _told_apart(f, exact, published) for f in own)), None)

    return _merge_into(rounds, exact_round)


def _is_past(date: DateMention | None, published: dt.date | None) -> bool:
    if date is None or date.date is None or published is None:
        return False
    if date.precision == "year":
        return date.date.year < published.year
    return date.date < published - dt.timedelta(days=45)


def _label_from_title(main: RoundDraft, rounds: list[RoundDraft], title: str | None, amounts: set[float]) -> None:
    """The headline's round label for the article's news when the body does not say it
    ("Ivoviic Tech raises €8M Series A" over "has secured €8M in fresh funding"), unless the
    headline's figure is another round's or the label is already another round's."""
    label = round_label_in(title or "")
    if main.label is not None or label is None or any(r.label == label for r in rounds):
        return
    if amounts and not any(f.value in amounts for f in main.figures):
        return
    main.label = label


def _title_amounts(title: str | None, language: str) -> set[float]:
    return {m.money.value for m in find_money(title or "", language)}


def _main_round(rounds: list[RoundDraft], published: dt.date | None, title_amounts: set[float]) -> RoundDraft | None:
    """The round the article reports as news: the one its title names, else the first
    round not dated in the past."""
    named = [r for r in rounds if any(f.value in title_amounts for f in r.figures)]
    current = [r for r in rounds if not _is_past(r.date, published)]
    pool = named or current or rounds
    return min(pool, key=lambda r: r.first_at) if pool else None


def _round_in_sentence(view: SentenceView, rounds: list[RoundDraft], before: int | None = None) -> RoundDraft | None:
    candidates = [
        (f.mention.start, r) for r in rounds for f in r.figures
        if f.sentence is view and (before is None or f.mention.start < before)
    ]
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _unpriced_round_in_sentence(view: SentenceView, rounds: list[RoundDraft]) -> RoundDraft | None:
    """A round with no amount that the sentence gives a valuation of ("valued at $18 billion in a fundraiser
    led by X"): the round the sentence's investors put money into."""
    return next((r for r in rounds if not any(f.role == "round" for f in r.figures)
                 and any(v.sentence is view for v in r.valuations)), None)


def _round_by_date(date: DateMention | None, rounds: list[RoundDraft]) -> RoundDraft | None:
    if date is None or date.date is None:
        return None
    for draft in rounds:
        if draft.date is not None and draft.date.date is not None:
            same = draft.date.date.year == date.date.year and (
                "year" in (draft.date.precision, date.precision) or draft.date.date.month == date.date.month
            )
            if same:
                return draft
    return None


def _previous_sentence_round(
    view: SentenceView, rounds: list[RoundDraft], main: RoundDraft | None = None
) -> RoundDraft | None:
    """The round of the sentence just before (``_just_before``): the article's news when that
    sentence states it ("X a levé 23 M€, complétés par 6 M€ de dette. Allianz mène l'opération"),
    else its last round."""
    candidates = [(f.sentence.index, r) for r in rounds for f in r.figures if _just_before(f.sentence, view)]
    if main is not None and any(r is main for _, r in candidates):
        return main
    return candidates[-1][1] if candidates else None


def _paired_valuations(figures: list[Figure], rounds: list[RoundDraft]) -> dict[int, RoundDraft]:
    """Valuations of a sentence holding as many rounds, paired with them in order: « un tour de 1 Md$
    en série G, suivi d'un autre de 1,6 Md$ en série H, ont porté sa valorisation à 28 Md$ puis 38 Md$ »,
    « des valorisations respectives de 4,4 et 1,75 milliards, après des levées de 486 et 250 millions »."""
    pairs: dict[int, RoundDraft] = {}
    for view in {id(f.sentence): f.sentence for f in figures}.values():
        values = [f for f in figures if f.sentence is view and f.role == "valuation" and f.why not in {"comparison", BEFORE_CHANGE}]
        drafts: list[RoundDraft] = []
        for f in figures:
            if f.sentence is view and f.role == "round" and f.round is not None and f.round not in drafts:
                drafts.append(f.round)
        if len(values) >= 2 and len(values) == len(drafts) and all(d in rounds for d in drafts):
            pairs.update({id(v): d for v, d in zip(values, drafts, strict=True)})
    return pairs


def _previous_sentence_rounds(view: SentenceView, rounds: list[RoundDraft]) -> list[RoundDraft]:
    """Every round with a figure in the sentence just before (``_just_before``)."""
    return [r for r in rounds if any(_just_before(f.sentence, view) for f in r.figures)]


def _just_before(before: SentenceView, view: SentenceView) -> bool:
    """Whether a sentence is the one just before another: in its paragraph, or ending the paragraph
    just before when the other opens its own (wires set each sentence apart: « X a levé 178 M€. »
    then, a paragraph below, « L'opération est menée par Y »)."""
    return before.index == view.index - 1 and view.paragraph - before.paragraph <= 1


def _plural_round_noun(view: SentenceView) -> bool:
    """Round nouns in the plural ("both rounds", « ces deux tours »): the sentence speaks of several rounds."""
    return any(c.label == "SEVERAL_ROUNDS" for c in view.cues)


def _attach_valuations(figures: list[Figure], rounds: list[RoundDraft], main: RoundDraft | None) -> None:
    paired = _paired_valuations(figures, rounds)
    for fig in figures:
        if fig.role != "valuation":
            continue
        view = fig.sentence
        if view.cues_between(fig.lo, fig.hi, "OTHER_SECONDARY"):
            continue  # "valorisée 60 M€ lors d'une cession secondaire": a valuation of its own, no round's
        if fig.why == BEFORE_CHANGE:
            continue  # "from $1 billion to $1.8 billion": the earlier valuation stands alone
        if id(fig) in paired:
            target = paired[id(fig)]
        elif fig.why == "comparison":
            target = (_round_by_label(fig.label, rounds) or _round_by_date(fig.date, rounds))
        else:
            target = _round_in_sentence(view, rounds, before=fig.mention.start)
            if target is None and not ((later := _round_in_sentence(view, rounds)) is not None and _done(later)
                                       and hedged_before(fig)):
                target = later  # not "is in talks to raise funding at a $400m valuation, …, when it secured $310m":
                # the valuation of the round being raised is no valuation of a round done after it in the sentence
            target = target or _round_by_date(fig.date, rounds)
            round_cue = any(c.label == "ROUND" for c in view.cues)
            dated = fig.date is not None and fig.date.date is not None
            earlier = any(c.label == "EARLIER_ROUND" and (c.start < fig.hi or _right_after(fig, c.start))
                          for c in view.cues)  # "valued at $1bn in its last round", « contre 60 milliards lors du
            # précédent tour »; not "in talks to raise at a $400m valuation, a steep fall from its last round"
            if target is None and (dated or earlier) and round_cue:
                # "Lors de son précédent tour ... en décembre, valorisée à 2 milliards": a round of its own.
                target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
                rounds.append(target)
                if not _own_verb_hedged(fig):  # an earlier round is done, whatever another clause hedges
                    fig.status = "announced"
            current = any(c.label == "CURRENT" for c in view.cues)
            # "X raised $40 million last year. The startup is in talks to raise financing at a valuation of $1 billion":
            # the valuation of a round being raised is no valuation of a round already done
            raising = fig.status == "reported" and _raising_at(view, fig)
            if target is None and not current and not dated:
                target = _previous_sentence_round(view, rounds) or _investment_round_in_paragraph(fig, figures)
                if raising and target is not None and _done(target):
                    target = None
                if target is not None and fig.status == "reported" and _done(target):
                    pending = [r for r in _previous_sentence_rounds(view, rounds) if not _done(r)]
                    if len(pending) == 1:  # « … est en train de boucler une levée de 100 M$ … quatre mois après
                        target = pending[0]  # l'annonce de son tour de 100 M€. Ce nouveau financement valoriserait
                        # la start-up à plus d'un milliard »: the round being raised, not the one done
            totals = any(f.sentence is view and f.why == "total_raised" for f in figures)
            if target is None and round_cue and not current and not dated and not totals and not (
                    (raising or hedged_before(fig)) and main is not None and _done(main)):
                target = main  # "The round ... values Mistral AI at 5.8 billion euros"
        other_label = target is not None and bool(fig.label and target.label and fig.label != target.label)
        if target is not None and fig.why != "comparison" and (other_label or any(
                v.role == "valuation" and v.why != "comparison" and abs(v.value - fig.value) > 1e-6 * fig.value
                for v in target.valuations)):
            target = None  # a round has one valuation, and one label: another one stands alone, its company's
            if fig.label and not any(r.label == fig.label for r in rounds) and fig.why != "comparison":
                # "... at $800 million valuation. This is down from the $1.3 billion valuation that followed
                # its series C": a valuation set at another round the text names, a round of its own
                target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
                rounds.append(target)
        if target is None and fig.why not in {"comparison", BEFORE_CHANGE} and _raising_at(view, fig):
            # "Chime is close to raising new funding from investors at a valuation north of $5 billion": the valuation
            # of a round being raised, its amount not given
            target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
            rounds.append(target)
        if target is None and fig.why not in {"comparison", BEFORE_CHANGE} and _names_led_round(view):
            # "Kalvo was valued at $18 billion in a fundraiser led by Harrow Ventures": a round of its own,
            # its amount not given
            target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
            rounds.append(target)
        if target is not None:
            fig.round = target
            target.valuations.append(fig)
            for alt in figures:  # "2 milliards d'euros (environ 2,15 milliards de dollars)"
                if alt.role == "alternative" and alt.primary is fig:
                    alt.round = target
                    target.valuations.append(alt)


#: Words at most between a figure and a cue right after it in its phrase (« 60 milliards lors du précédent tour »).
RIGHT_AFTER_WORDS = 3


def _right_after(fig: Figure, at: int) -> bool:
    """Offset ``at`` follows the figure in its phrase: a few words between, no comma."""
    view = fig.sentence
    gap = view.text[(fig.unit_end or fig.mention.end) - view.start:at - view.start]
    return "," not in gap and len(gap.split()) <= RIGHT_AFTER_WORDS


def _done(draft: RoundDraft) -> bool:
    """A round whose amount the text tells as done (announced)."""
    amount = draft.amount_figure
    return amount is not None and amount.status == "announced"


def _raising_at(view: SentenceView, fig: Figure) -> bool:
    """A funding verb (a verb: "The deal would value X at" is a plain valuation) before the valuation in its
    sentence, and no other figure there: "is close to raising new
    funding ... at a valuation that could be north of $5 billion", « lève des fonds sur une valorisation de »."""
    return (len(view.money) == 1 and not title_case(view.text) and not any(c.label in {"CURRENT", "TOTAL", "EARLIER_ROUND", "SINCE_ROUND"}
                                                for c in view.cues)
            and any(c.label == "ROUND" and c.role == "round" and c.end <= fig.mention.start
                    and c.token_start < len(view.parse.pos) and view.parse.pos[c.token_start] == "VERB"
                    for c in view.cues))


def _names_led_round(view: SentenceView) -> bool:
    """A sentence naming a round, or an investment noun, and who leads it ("a fundraiser led by X", « un tour mené par
    X », « X a mené un investissement qui a évalué la société à … »)."""
    p = view.parse
    return any(c.label == "ROUND" or (c.label == "INVEST" and c.token_start < len(p.pos) and p.pos[c.token_start] == "NOUN")
               for c in view.cues) and any(c.label == "LEAD" for c in view.cues)


#: A round label followed by the name of the company it is for ("a series D round for Caogen Touzi", « une série A de
#: Kalvo »): that company's round, whatever round of the article bears the label.
_LABELLED_ROUND_OF = re.compile(r"\b(?i:series|s[ée]rie)\s+[A-H]\b(?:\s+(?i:round|funding|financing))?"
                                r"\s+(?:for|in|of|de|du|pour|dans)\s+[A-ZÀ-Ý]|\b(?i:s[ée]rie)\s+[A-H]\s+d['’][A-ZÀ-Ý]")


#: A round label that describes an investor ("previous investors, including its Series B lead Cox Enterprises, also
#: took part"): the sentence tells no round of that label.
_LABEL_DESCRIBING_INVESTOR = re.compile(r"\b(?i:series|s[ée]rie)\s+[A-H]\d?\s+(?i:lead|leader|investor|backer|investisseur)")


def _round_by_label(label: str | None, rounds: list[RoundDraft]) -> RoundDraft | None:
    return next((r for r in rounds if label and r.label == label), None)


def _investment_round_in_paragraph(fig: Figure, figures: list[Figure]) -> RoundDraft | None:
    """A valuation right after an investment ("ASML a investi 1,3 milliard ... Cela propulse la
    valorisation à 11,7 milliards") belongs to the investment's round."""
    for other in reversed(figures[: figures.index(fig)]):
        if other.sentence.paragraph != fig.sentence.paragraph:
            break
        if other.role == "investment" and other.sentence.index >= fig.sentence.index - 1:
            return other.round
    return None


def _dated_apart(a: DateMention | None, b: DateMention | None) -> bool:
    """Two dates that name different months (or years): two events, not one."""
    if a is None or b is None or a.date is None or b.date is None:
        return False
    if a.date.year != b.date.year:
        return True
    return "year" not in (a.precision, b.precision) and a.date.month != b.date.month


def _hedged_beside_past(fig: Figure, main: RoundDraft | None, published: dt.date | None) -> bool:
    """An undated investment in the making ("SoftBank is close to making a $1-billion investment in Rappi") beside
    a main round the text dates and tells as done or past ("its last round in September"): a new round, not a
    ticket of that one."""
    return (main is not None and fig.date is None and main.date is not None and main.date.start >= 0
            and (_is_past(main.date, published) or _done(main)) and hedged_before(fig))


def _attach_investments(figures: list[Figure], rounds: list[RoundDraft], main: RoundDraft | None,
                        published: dt.date | None) -> None:
    for fig in figures:
        if fig.role != "investment":
            continue
        target = _round_in_sentence(fig.sentence, rounds)
        if target is not None and _dated_apart(fig.date, target.date):
            target = None  # "invested $14.8m in Kalvo in January 2016, and provided $5m in bridge funding in November"
        own_date = fig.date is not None and _round_by_date(fig.date, rounds) is None and (
            main is None or main.date is None or _is_past(fig.date, main.date.date if main.date else None)
            or (main.date is not None and fig.date.date != main.date.date)
        )
        if target is None and fig.date is not None:
            target = _round_by_date(fig.date, rounds)
        retold = None  # the ticket of a round built from an investment told before at this amount
        if target is None and main is None:  # « EDFI et Oikocredit investissent 8 M$ dans Kalvo » over « … pour investir
            target = next((r for r in rounds if any(  # 8 millions de dollars dans Kalvo »: one ticket told twice
                f.role == "investment" and (f.value, f.currency) == (fig.value, fig.currency) for f in r.figures)
                and not _dated_apart(fig.date, r.date)), None)
            retold = next((i for i in target.investments.values() if (i.amount, i.currency) == (fig.value, fig.currency)),
                          None) if target is not None else None
            if target is not None:  # what the retelling adds: the label, the date
                target.label, target.date = target.label or fig.label, target.date or fig.date
        if target is None and (own_date or main is None or _hedged_beside_past(fig, main, published)):
            target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
            target.figures.append(fig)
            rounds.append(target)
        if target is None:
            target = main
        fig.round = target
        if fig.investor and (_speaker(fig.sentence, fig.investor) or described_non_investor(fig.sentence, fig.investor)):
            continue  # the figure's nearest name is the person quoted or a founder, not one who invests
        if fig.investor and names_in_figureless_round_subject(fig.sentence, [fig], fig.investor.split(" and ")):
            continue  # « La somme collectée, auprès de A et B, dépasse les 100 M€ levés par X »: the round named before
        investor = fig.investor or "unknown investor"
        investment = retold or target.investments.setdefault(investor, Investment(investor))
        if investment.amount is None:
            investment.amount, investment.currency = fig.value, fig.currency
        investment.evidence.append(fig.evidence("investment"))
        for name in (fig.investor or "").split(" and "):
            if name and fig.investor and not (target.company and name_key(name) == name_key(target.company)):
                target.add_investor(name)  # the funded company itself is never its own investor
                target.note_role(name, False, _investment_signal(fig, name))


def _attach_share_leads(rounds: list[RoundDraft]) -> None:
    """A round whose text names no lead takes as its lead the investor whose ticket is most of it
    (« ASML a investi 1,3 milliard … dans le cadre d'une levée globale de 1,7 milliard »). A ticket
    larger than the round is no part of it (another round's money), one as large as the round is its
    only investor's, no lead (« L'investissement de 500 000 $ lui a été apporté par X »), and a lead the
    text names ("SoftBank led a $90m round") is never joined by a guessed one."""
    for draft in rounds:
        amount = draft.amount_figure
        if amount is None or draft.leads or _split_into_tickets(draft, amount.value):
            continue
        for investment in draft.investments.values():
            if (investment.amount is not None and investment.currency == amount.currency
                    and LEAD_SHARE * amount.value < investment.amount < amount.value):
                draft.add_investor(investment.investor, lead=True)
                draft.note_role(investment.investor, True, "share")


def _split_into_tickets(draft: RoundDraft, amount: float) -> bool:
    """The round's tickets, two or more, add up to its amount (« 6 millions auprès d'A, 2 millions auprès de B et 12
    millions auprès de C »): every investor's share is told, and the largest is no lead."""
    tickets = [i.amount for i in draft.investments.values() if i.amount is not None]
    return len(tickets) >= 2 and abs(sum(tickets) - amount) <= PARTS_SUM_TOLERANCE * amount


def _investment_signal(fig: Figure, name: str) -> str:
    """How an investment figure's investor was found: "grammar" when the parse joins the name to
    the figure's verb or to its investment cue, else "cue" (the name nearest the figure)."""
    view = fig.sentence
    anchors = round_verbs(view, [fig]) | _tokens_in(
        view, [(c.start, c.end) for c in view.cues if c.label in {"INVEST", "LEAD", "PARTICIPANTS"}])
    spans = [(n.start, n.end) for n in [*view.investors, *view.names]
             if (n.canonical or canonical_investor(n.text)) == name]
    return "grammar" if _parse_linked(view, anchors, _tokens_in(view, spans)) else "cue"


def _takes_up_companies(view: SentenceView, before: SentenceView | None) -> bool:
    """A sentence whose subject is a plural pronoun (``grammar.json`` class_pronouns: "These include A, B and C",
    « Parmi elles, A et B ») taking up a class of companies from the sentence before in its paragraph, a plural company
    class noun there and no participant noun ("Orbix also invested in other Indian startups"): the names are those
    companies, an investor's portfolio, not investors."""
    if before is None or before.paragraph != view.paragraph or not before.parse.heads or not view.parse.heads:
        return False
    p, g = view.parse, _grammar(view.language)
    opening = range(min(len(p.heads), CLASS_PRONOUN_REACH))
    if not any(p.pos[k] == "PRON" and _word(view, k) in g["class_pronouns"]
               and not any(n.start <= p.starts[k] < n.end for n in view.names) for k in opening):
        return False
    b = before.parse
    classes = [k for k in range(len(b.heads)) if b.plural[k] and b.pos[k] == "NOUN" and b.lemmas[k].lower() in class_nouns()]
    return bool(classes) and not any(c.label == "PARTICIPANTS" and any(  # "other investors", « d'autres fonds »
        b.pos[k] == "NOUN" for k in range(c.token_start, min(c.token_end, len(b.pos)))) for c in before.cues)


#: Tokens at most from a sentence's start to the plural pronoun that takes up the class named before ("These",
#: « Parmi elles »).
CLASS_PRONOUN_REACH = 3


def _taken_up_investors(view: SentenceView, before: SentenceView | None, subject: str | None) -> list[str]:
    """The investors a sentence takes up from the sentence before in its paragraph (« Garance Capital et Pivoine
    Ventures connaissent bien Tessaro. Ces deux fonds ont de nouveau soutenu la start-up lors de sa levée »): the
    names there that are investors, or shaped like one, and not the company."""
    if before is None or before.paragraph != view.paragraph or not _INVESTOR_ANAPHORA.search(view.text):
        return []
    names = [n for n in [*before.investors, *before.names] if not _is_subject(n.text, subject)
             and (n.canonical or _known_investor(n.text))]
    return _unique(n.canonical or n.text.strip() for n in sorted(names, key=lambda n: n.start))


def _backing_verb(view: SentenceView) -> bool:
    """A verb of putting money in (``grammar.json`` backing_verbs: « soutenir », "back") in the sentence."""
    backing = _grammar(view.language)["backing_verbs"]
    return any(pos in {"VERB", "AUX"} and lemma.lower() in backing for pos, lemma in zip(view.parse.pos,
                                                                                        view.parse.lemmas, strict=True))


#: Dependency steps at most from a round noun up to the lead or participation verb it is the object or subject of
#: ("co-led the funding round", "the round was led by", « ont participé à la levée »).
TOLD_ROUND_REACH = 2


#: Steps at most from a compound's first noun to its head ("funding" in "funding rounds").
COMPOUND_CLIMB = 2


def _round_told(view: SentenceView, money_ok: bool = False) -> bool:
    """A round noun under a demonstrative determiner (« cette levée de fonds », "this round") and no figure in the
    sentence: the round the article tells, whatever date the sentence gives its source. So is a round noun under a
    definite article that a lead or participation verb takes ("A and B co-led the funding round", « X a participé à
    la levée »), when that verb's own clause gives no date (« …, and also invested in seed financing in 2016 » is
    another clause). ``money_ok``: the sentence's figures are told elsewhere (``sentences.figures_in_relative_after``)."""
    p, g = view.parse, _grammar(view.language)
    if view.money and not money_ok:
        return False
    for c in view.cues:
        if c.label != "ROUND" or not 0 < c.token_start <= len(p.lemmas):
            continue
        determiner = p.lemmas[before_adjectives(view, c.token_start)].lower()  # « le dernier tour »
        if determiner in g["demonstrative_determiners"]:
            return True  # « cette levée », « cette nouvelle levée », "this latest round"
        head = c.token_end - 1
        for _ in range(COMPOUND_CLIMB):
            if p.deps[head] == "compound" and p.heads[head] > head:
                head = p.heads[head]  # "funding" in "funding rounds"
        if p.plural[head]:
            continue  # "the subsequent funding rounds of alumni companies": rounds in general
        if determiner in g["definite_determiners"] and (verb := _taking_part_verb(view, c)) is not None:
            clause = _clause(view, verb, frozenset(k for k in p.children(verb) if p.pos[k] in _VERBAL))
            clause -= {k for k in clause if any(p.deps[a] in g["participle"] and p.pos[a] in _VERBAL  # « le précédent
                                                for a in (k, *p.ancestors(k, TOLD_ROUND_REACH)))}  # record datant de mai
            if not any(d.date is not None and view.token_at(d.start) in clause for d in view.dates):
                return True
    return False


def _taking_part_verb(view: SentenceView, cue: Cue) -> int | None:
    """The lead or participation verb (a LEAD or PARTICIPANTS cue, or the verb of a LIST cue: « Le tour de table associe
    également les fonds A, B et C ») a round noun hangs on, within ``TOLD_ROUND_REACH`` steps, or None."""
    p = view.parse
    verbs = {k for c in view.cues if c.label in {"LEAD", "PARTICIPANTS", "LIST"}
             for k in range(c.token_start, min(c.token_end, len(p.heads)))
             if c.label != "LIST" or p.pos[k] == "VERB"}
    span = range(cue.token_start, min(cue.token_end, len(p.heads)))
    node = next((k for k in span if p.heads[k] not in span), None)  # the cue's head: its noun
    for _ in range(TOLD_ROUND_REACH):
        if node is None or p.heads[node] == node:
            return None
        node = p.heads[node]
        if node in verbs:
            return node
    return None


def _additive(view: SentenceView) -> bool:
    """The sentence says its deed adds to the one just told (``grammar.json`` additive_adverbs: "too", « aussi »)."""
    words = _grammar(view.language)["additive_adverbs"]
    return any(w.strip(".,;:!?").lower() in words for w in view.text.split())


def _attach_investors(
    views: list[SentenceView], rounds: list[RoundDraft], main: RoundDraft | None, subject: str | None,
    figures: list[Figure], funded: dict[int, set[str]] | None = None, every_round: list[RoundDraft] | None = None,
    every_figure: list[Figure] | None = None,
) -> None:
    """The investors each sentence names, on the round they follow; ``funded``: per sentence index, the name keys of
    the companies whose rounds the sentence tells (of any company), never investors there; ``every_round`` and
    ``every_figure``: those of every company, for a sentence that tells several companies' rounds (an investor named
    after another company's figure is that round's)."""
    previous: tuple[int, RoundDraft] | None = None  # (sentence, round) of the last investor sentence
    published = views[0].published if views else None
    today = DateMention(-1, -1, "", published[0], published[1]) if published and published[0] else None
    by_index = {v.index: v for v in views}
    mine = {id(f) for f in figures}  # by identity: a dataclass's == compares every field
    for view in views:
        leads, everyone = _investor_mentions(view, subject, figures, by_index.get(view.index - 1))
        others = [f for f in every_figure or () if f.sentence is view and f.role == "round" and id(f) not in mine]
        # another company's round figure in the sentence: the investors only its clause names go to its round
        # ("Kalvo raised $5 million from Orbix, and Tekora raised $3 million from Larch": Larch, Tekora's)
        elsewhere = [n for n in _investor_mentions(view, subject, [*figures, *others])[1] if n not in everyone] \
            if others else []
        leads = [n for n in leads if not _speaker(view, n)]
        everyone = [n for n in everyone if not _speaker(view, n)]
        taken_up = not everyone and bool(everyone := _taken_up_investors(view, by_index.get(view.index - 1), subject))
        if not everyone:
            continue
        own = [f for f in figures if f.sentence is view]
        if not own and not taken_up and _takes_up_companies(view, by_index.get(view.index - 1)):
            continue  # "Orbix also invested in other Indian startups. These include A, B and C": its portfolio
        if not own and _leads_named_rounds(view, subject):
            continue  # "A and B, which led Kalvo's Series B, also co-led Orbix's": those rounds' (``unpriced``)
        # A name near a figure but without any investor cue (a customer, a former employer)
        # is not an investor.
        if not any(c.label in {"LEAD", "PARTICIPANTS", "INVEST", "LIST", "WEAK_LIST"} for c in view.cues) and not (
                (taken_up or own) and _backing_verb(view)) and digest_last_field(view, own) is None and not (
                own and _givers_of_received(view, own, subject)):  # « a obtenu 96 M$ de la banque Capital One »
            continue
        if not view.money and {"TOTAL", "INVEST"} <= {c.label for c in view.cues}:
            continue  # "Since its founding, A and B have poured money into X": its backers over time, no round's
        if not view.money and any(c.label == "OTHER_SECONDARY" for c in view.cues) and not any(
                c.label in {"LEAD", "PARTICIPANTS"} for c in view.cues):
            continue  # "SoftBank sold its stake in the firm to Walmart in 2018": a sale, no round's investors
        if (own and all(f.role == "other" and f.why == "total_raised" for f in own)
                and not any(c.label == "LEAD" or c.role == "round:noun" for c in view.cues)):
            continue  # "The startup raised 4.7 billion yuan in 18 months from investors including A and B": backers
            # over time of a total to date; not "The round, joined by A, takes its total raised to $1 billion"
        lead_at = min((c.start for c in view.cues if c.label == "LEAD"), default=None)
        told_before = [f for f in own if lead_at is not None and f.mention.end <= lead_at]
        if (told_before and all(f.role == "other" and f.why == "total_raised" for f in told_before)
                and not any(c.label == "ROUND" and c.start < lead_at and view.parse.pos[c.token_start] in {"NOUN", "PROPN"}
                            and (view.parse.plural[c.token_start]  # "$132 million in two back-to-back rounds led by A"
                                 or not any(t.label == "TOTAL" and t.start <= c.start and c.end <= t.end
                                            for t in view.cues))
                            for c in view.cues)):
            continue  # "Kalvo has garnered more than US$6 billion in total funding, led by A, B and C": the total's
        # The round its investors follow: « lève 5 M€ auprès de X, qu'elle complétera avec 2 M€ »
        first_cue = min((c.start for c in view.cues if c.label in _INVESTOR_CUES), default=None)
        in_sentence = (_round_in_sentence(view, rounds, before=first_cue) or _round_in_sentence(view, rounds)
                       or _unpriced_round_in_sentence(view, rounds))
        target = in_sentence
        if target is None and not view.money and not _LABELLED_ROUND_OF.search(view.text) and not \
                _LABEL_DESCRIBING_INVESTOR.search(view.text):
            target = _round_by_label(round_label_in(view.text), rounds)  # "The Series E round included participation
            # from A and B", a paragraph after the Series E and a sentence on the total raised; "Coatue led the Series
            # B", the round of that label, not the main one sought now
        if target is None and main is not None and _round_told(view, money_ok=first_cue is not None and (
                figures_in_relative_after(view, first_cue))):
            target = main  # « D'après son communiqué du 11 octobre, cette levée de fonds a été dirigée par X »; « L’opération
            # est menée par Softbank, …, qui avait permis à ContentSquare de lever 500 M$ »: the figure of a relative
            # clause describing its lead is another deal
        described = name_relative_tokens(view) if view.dates else set()  # "led by Index Ventures, which first backed
        # the company in 2021"
        own_date = next((d for d in view.dates if d.date is not None and view.token_at(d.start) not in described), None)
        if (target is None and own_date is not None and _round_by_date(own_date, rounds) is None
                and any(c.label in {"INVEST", "ROUND"} for c in view.cues) and not view.money
                and not any(c.label == "TOTAL" for c in view.cues)):  # "Since its founding in 2015, A and B have poured"
            # "In February, Microsoft announced an investment in Mistral": undisclosed amount.
            target = RoundDraft(company=main.company if main else subject, first_at=view.start, date=own_date)
            rounds.append(target)
        if target is None:
            linked = [r for r in rounds if any(n in r.investors for n in everyone)]
            target = linked[0] if linked else None
        if target is None:
            target = _round_by_date(next(iter(view.dates), None), rounds)
        investing = _investing_subjects(view)
        first = next((n for n in [*view.investors, *view.names] if _company_name(n)), None)
        investing = [i for i in investing if first is not None and (first.canonical or canonical_investor(first.text)) == i]
        if (target is None and investing and not view.money
                and not any(c.label in {"ROUND", "LEAD"} for c in view.cues)
                and _previous_sentence_round(view, rounds) is None
                and not any(name in r.investors for r in rounds for name in investing)):
            joins = any(c.label == "PARTICIPANTS" for c in view.cues)  # "is expected to invest", not "could"
            if _sentence_reported(view) and not (joins and _reported_round(main)):
                continue  # "Xavier Niel pourrait également investir": a possibility, not a deal
            if _sentence_reported(view):  # "GV is also expected to invest": more names in the rumoured round
                target, everyone, leads = main, _unique([*everyone, *investing]), []
            elif not _additive(view):  # not "Existing investors A, B and C all invested too": the round just told
                # "Microsoft said it has made a small investment ... but declined to say how much": news
                # of the day, undisclosed amount.
                target = RoundDraft(company=main.company if main else subject, first_at=view.start, date=today)
                rounds.append(target)
                everyone, leads = investing, []
        also: list[RoundDraft] = []
        if target is None:
            target = _previous_sentence_round(view, rounds, main)
            if target is not None and not view.money and _plural_round_noun(view):
                # « Ces deux tours ont été menés par X », "Both rounds were led by X": every round just named
                also = [r for r in _previous_sentence_rounds(view, rounds) if r is not target and r.company == target.company]
        if target is None and previous is not None and previous[0] == view.index - 1:
            target = previous[1]  # a list that goes on in the next sentence
        if target is None:
            target = main
        if target is None:
            continue
        if in_sentence is None and (earlier := _other_labelled_round(view, target)) is not None:
            target = earlier  # "Kalvo raised $12 million in a seed round. Previous investors in the pre-seed round
            # were A and B": the round the sentence names, not the one just told
            rounds.append(target)
        parsed = _parsed_investors(view, own, subject) if own else []
        verbs = round_verbs(view, own)
        led = _led_round(view, own, rounds, main) if leads else None
        funded_here = (funded or {}).get(view.index, set())
        for name in everyone:
            if target.company and name_key(name) in {name_key(target.company), name_key(canonical_investor(
                    target.company))}:
                continue  # the funded company itself is never its own investor, whatever fund its name is an alias
                # of (« un investissement de 80 millions$ dans Lightspeed »: no Lightspeed Venture Partners)
            if name_key(name) in funded_here:
                continue  # « Mirakl a bouclé un tour de table de 470 M€ et Sorare … 585 M€ »: Sorare raises, it invests in no one

            if (told := _in_other_company_clause(view, own, others, name)) is not None and told.round is not None:
                # "Kalvo said it raised $10.8 million led by A, while Tekora said the fund B led a $10 million round":
                # B, named after Tekora and before its figure, is in Tekora's round
                told.round.add_investor(name, lead=name in leads)
                told.round.note_role(name, name in leads, role_signal(view, name, name in leads, parsed, verbs))
                continue
            if led is not None and led is not target and name in leads:
                led.add_investor(name, lead=True)  # the round its lead verb governs, not the sentence's
                led.note_role(name, True, role_signal(view, name, True, parsed, verbs))
                continue
            if (name not in leads or led is None) and (after := _rounds_named_before(
                    view, [f for f in every_figure or figures if f.sentence is view], every_round or rounds, name)) \
                    and not (len(after) == 1 and after[0] is target) and in_sentence is not None:
                # "raised $72 million from A, then bagged $60 million from B"; "A and B's $80m and $44m respectively
                # from C, and D's $57m round led by E": C invests in A's and B's, E leads D's
                for draft in after:
                    draft.add_investor(name, lead=name in leads)
                    draft.note_role(name, name in leads, role_signal(view, name, name in leads, parsed, verbs))
                continue
            for draft in [target, *also]:
                draft.add_investor(name, lead=name in leads)
                draft.note_role(name, name in leads, role_signal(view, name, name in leads, parsed, verbs))
        for name in elsewhere:
            if name_key(name) in funded_here or _speaker(view, name):
                continue
            for draft in _rounds_named_before(view, [f for f in every_figure or figures if f.sentence is view],
                                              every_round or rounds, name):
                if draft is not target and not (draft.company and name_key(name) == name_key(draft.company)):
                    draft.add_investor(name, lead=False)
                    draft.note_role(name, False, role_signal(view, name, False, parsed, verbs))
        target.extra_evidence.append(Evidence(view.text, view.start, view.end, role="investors"))
        if not target.figures and not target.valuations:
            target.status = "reported" if _sentence_reported(view) else "announced"
        previous = (view.index, target)


def _other_labelled_round(view: SentenceView, target: RoundDraft) -> RoundDraft | None:
    """A sentence without figure that names, before its first name and as its only label, a round label other than
    the labelled round it would join ("Previous investors in the pre-seed round were A and B" after a seed round): a
    round of the same company of its own, its amount not told."""
    if view.money or not target.label:
        return None
    labels = labels_in(view.text)
    first_name = min((n.start for n in [*view.investors, *view.names]), default=view.end)
    if len({label for _, label in labels}) != 1 or view.start + labels[0][0] >= first_name:
        return None
    label = labels[0][1]
    if label == target.label:
        return None
    return RoundDraft(company=target.company, first_at=view.start, label=label)


def _in_other_company_clause(view: SentenceView, own: list[Figure], others: list[Figure], name: str) -> Figure | None:
    """Another company's round figure whose clause holds the investor's name: the name stands after every figure of
    the round told and after that company's name, before its figure ("…, while Tekora said the fund Larch led a $10
    million round")."""
    if not own or not others:
        return None
    told_end = max(f.mention.end for f in own) - view.start
    at = view.text.find(name, told_end)
    if at < 0:
        return None
    for fig in sorted(others, key=lambda f: f.mention.start):
        if fig.mention.start - view.start > at and fig.company and view.text.rfind(fig.company, told_end, at) >= 0:
            return fig
    return None


def _leads_named_rounds(view: SentenceView, subject: str | None) -> bool:
    """Whether a sentence's lead verbs govern round nouns that name their company ("A and B, which led Kalvo's Series
    B, also co-led Orbix's Series C"): each led round is read with its company (``unpriced``), whichever company the
    sentence is filed under."""
    return any(c.label == "LEAD" and (verb := _cue_verb(view, c)) is not None
               and round_object_owner(view, verb, subject) for c in view.cues)


def _rounds_named_before(
    view: SentenceView, own: list[Figure], rounds: list[RoundDraft], name: str
) -> list[RoundDraft]:
    """In a sentence holding the figures of two rounds or more, the round of the figure nearest before
    an investor's first mention ("raised $72 million from A, then bagged an additional $60 million from
    B": B's is the $60 million), with the rounds of the figures coordinated with it ("A and B raised $8m and
    $4m respectively from C": both); empty when one round only, or no figure stands before the name."""
    funded = [f for f in own if f.role in {"round", "alternative"} and f.round is not None
              and any(f.round is r for r in rounds)]
    if len(_unique_objects([f.round for f in funded if f.round is not None])) < 2:
        return []
    at = min((n.start for n in [*view.investors, *view.names]
              if (n.canonical or canonical_investor(n.text)) == name), default=None)
    before = [f for f in funded if at is not None and f.mention.end <= at]
    if not before:
        return []
    nearest = max(before, key=lambda f: f.mention.end)
    coordinated = [f for f in before if f.role == "round" and nearest.role == "round" and (f.lo, f.hi) == (
        nearest.lo, nearest.hi)] if says_respectively(view.text) else []  # one clause: figures coordinated
    coordinated += [f for f in before if f.mention is nearest.mention]  # "A and B raised $2m each from C": both
    return _unique_objects([f.round for f in [*coordinated, nearest] if f.round is not None])


def _led_round(
    view: SentenceView, own: list[Figure], rounds: list[RoundDraft], main: RoundDraft | None
) -> RoundDraft | None:
    """The round a sentence's lead verbs govern when the parse says which (``lead_figures``): the one
    round of the figures in their clause; the round of the sentence before (else the news) when
    their subject or object is a bare round noun and the sentence's figures lie outside their clause
    ("The round was led by X, which also backed Y's $5m seed"); else None."""
    led = lead_figures(view, own)
    if led is None:
        return None
    if not led:
        outside = any(f.role in {"round", "investment", "alternative"} for f in own)
        return (_previous_sentence_round(view, rounds, main) or main) if outside else None
    drafts = _unique_objects([f.round for f in led if f.round is not None])
    return drafts[0] if len(drafts) == 1 and any(d is drafts[0] for d in rounds) else None


def _attach_plural_rounds(views: list[SentenceView], rounds: list[RoundDraft], subject: str | None,
                          figures: list[Figure]) -> None:
    """« Lydia et Qonto lèvent respectivement 40 et 104 M€. Ces deux tours ont été menés par Tencent »:
    a sentence without a figure that speaks of several rounds (``_plural_round_noun``) gives its
    investors and leads to every round of the sentence before, whichever company each is."""
    for view in views:
        if view.money or not _plural_round_noun(view):
            continue
        before = _previous_sentence_rounds(view, rounds)
        if len({r.company for r in before}) < 2:
            continue  # one company's rounds: ``_attach_investors`` gave them already
        leads, everyone = _investor_mentions(view, subject, figures)
        for name in [n for n in everyone if not _speaker(view, n)]:
            for draft in before:
                if not (draft.company and name_key(name) == name_key(draft.company)):
                    draft.add_investor(name, lead=name in leads)
                    draft.note_role(name, name in leads, role_signal(view, name, name in leads, [], set()))


#: The cue label of a count of deals followed by the companies that made them, in brackets: « trois
#: opérations (A, B et C) », "two deals (A and B)".
NAMED_ROUNDS = "NAMED_ROUNDS"


def _listed_rounds(views: list[SentenceView], rounds: list[RoundDraft]) -> list[RoundDraft]:
    """A count of deals followed by the companies that made them in brackets (« avec trois opérations
    (Syntony, Carlili et Padam) », "two deals (Kalvo and Ostrala)"): each company named there that has
    no round of its own in the article made one, its amount not given here."""
    found: list[RoundDraft] = []
    known = {name_key(r.company) for r in rounds if r.company}
    for view in views:
        for cue in (c for c in view.cues if c.label == NAMED_ROUNDS):
            closes = view.text.find(")", cue.end - view.start)
            if closes < 0:
                continue
            inside = [n for n in view.names if cue.end <= n.start and n.end <= view.start + closes
                      and _company_candidate(view, n)]
            date = next((d for d in view.dates if d.date is not None), None)
            for name in inside:
                company = name.text.strip()
                key = name_key(company)
                if not key or any(key == k or k.startswith(key + " ") or key.startswith(k + " ") for k in known):
                    continue
                known.add(key)
                draft = RoundDraft(company=company, first_at=name.start, date=date)
                draft.status = "reported" if _sentence_reported(view) else "announced"
                draft.extra_evidence.append(Evidence(view.text, view.start, view.end, role="round"))
                found.append(draft)
    return found


def _leads_are_no_company(
    views: list[SentenceView], owners: list[str | None], figures: list[Figure]
) -> list[str | None]:
    """In a roundup, a sentence without a round figure whose company would be an investor it names,
    and that names no other company ("The company is valued at $3 billion. Alibaba led the
    investment"; not "Daimler led a round for Taxify"), continues the deal of the sentence before it:
    in its paragraph, or across a paragraph break when it names the round with a definite determiner
    (« X est l'autre fonds aux commandes de l'opération »). The sentences of its paragraph that went
    on with that investor taken for a company follow it."""
    fixed = list(owners)
    for k, view in enumerate(views):
        owner = owners[k]
        if k == 0 or owner is None or any(f.sentence is view and f.role in {"round", "investment"} for f in figures):
            continue
        if views[k - 1].paragraph != view.paragraph and not definite_round(view):
            continue  # a new paragraph goes on with the deal before only when it names "the round"
        if owner == owners[k - 1] and fixed[k - 1] != owners[k - 1] and views[k - 1].paragraph == view.paragraph:
            fixed[k] = fixed[k - 1]  # a sentence that went on with the investor taken for a company
            continue
        _, named = _investor_mentions(view, None, figures)
        keys = {name_key(name) for name in named}
        others = [n for n in view.names if _company_name(n) and not n.person
                  and name_key(n.canonical or canonical_investor(n.text)) not in keys]
        if name_key(owner) in keys and not others:  # "Daimler led a round for Taxify": Taxify's
            fixed[k] = fixed[k - 1]
    return fixed


def _reported_round(draft: RoundDraft | None) -> bool:
    """A round the article itself reports as a rumour (its amount in the conditional, "in talks")."""
    figure = draft.amount_figure if draft is not None else None
    return figure is not None and figure.status == "reported"


def _attach_stakes(views: list[SentenceView], rounds: list[RoundDraft]) -> None:
    known = {i for r in rounds for i in (*r.investors, *r.investments)}
    for view in views:
        for match in _PERCENT.finditer(view.text):
            context = view.text[max(0, match.start() - 60):match.end() + 40]
            if not _STAKE_WORDS.search(context):
                continue
            at = view.start + match.start()
            names = [(n, n.canonical) for n in view.investors if n.canonical] + [
                (n, canonical_investor(n.text)) for n in view.names
                if canonical_investor(n.text) in known and not any(n.start < i.end and i.start < n.end
                                                                    for i in view.investors)
            ]  # "Harbour VC détiendra 5 % du capital": a fund the alias table does not know
            if not names:
                continue
            investor = min(names, key=lambda p: (p[0].start > at, abs(p[0].start - at)))[1] or ""
            target = next((r for r in rounds if investor in r.investors or investor in r.investments), None)
            if target is None:
                continue
            investment = target.investments.setdefault(investor, Investment(investor))
            if investment.stake_pct is None:
                investment.stake_pct = float(match.group(1).replace(",", "."))
            investment.evidence.append(
                Evidence(view.text, view.start, view.end, match.group(0), at, view.start + match.end(), "stake")
            )


def _refers_back(fig: Figure, draft: RoundDraft) -> bool:
    """A round figure that restates, under a definite determiner, an amount its round stated before in a hedged
    clause ("Kalvo is raising $250 million ... declined to say if the entire $250 million is spoken for"): it refers
    back to that figure and says nothing new of whether the round is done."""
    if not any(g.role == "round" and g.mention.start < fig.mention.start and g.sentence.index <= fig.sentence.index
               and g.value == fig.value and _own_verb_hedged(g) for g in draft.figures):
        return False
    view, p = fig.sentence, fig.sentence.parse
    if any(c.label == "ANNOUNCED" or (c.label == "ROUND" and c.token_start < len(p.pos) and p.pos[c.token_start] in {
            "VERB", "AUX"}) for c in view.cues_between(fig.lo, fig.hi, "ANNOUNCED", "ROUND")):
        return False  # "Kalvo said the $250 million round closed": a funding verb of its own confirms it
    return _under_definite_determiner(fig)


def _round_fact(
    draft: RoundDraft, is_main: bool, published: dt.date | None, precision: str | None
) -> RoundFact:
    ticketed = [i for i in draft.investments.values() if i.amount is not None]
    # one investor's money stands for the round; the tickets of several investors (« Marc Coucke (30 millions),
    # PMV (10 millions) ») are theirs, and the round's own amount is not stated
    amount = draft.amount_figure or (next((f for f in draft.figures if f.role == "investment"), None)
                                     if len(ticketed) <= 1 else None)
    qualifier = next((f.mention.money.qualifier for f in draft.figures
                      if amount is not None and f.value == amount.value and f.mention.money.qualifier), None)
    amount_min = next((f.mention.money.minimum for f in draft.figures
                       if amount is not None and f.value == amount.value and f.mention.money.minimum), None)
    alternatives = [
        AmountAlternative(f.value, f.currency) for f in draft.figures
        if f.role == "alternative" and f.currency and (amount is None or f.currency != amount.currency)
    ]
    stated = [v for v in draft.valuations if v.role == "valuation"]
    stated.sort(key=lambda v: (v.why == "comparison", v.basis is None))
    valuation = next(iter(stated), None)
    valuation_alternatives = [
        AmountAlternative(f.value, f.currency) for f in draft.valuations
        if f.role == "alternative" and f.primary is valuation and f.currency
    ]
    statuses = [f.status for f in draft.figures if f.role == "round" and not _refers_back(f, draft)] or [
        f.status for f in [*draft.figures, *draft.valuations]
    ]
    status = ("announced" if "announced" in statuses else "reported") if statuses else (draft.status or "announced")
    dated = draft.date if draft.date is not None and draft.date.date is not None else next(
        (v.date for v in draft.valuations if v.date is not None and v.date.date is not None), None
    )  # "raised 600 million euros in a Series B funding round that valued the company at 5.8 billion euros last year"
    if dated is not None:
        date, date_precision, date_text = dated.date, dated.precision, dated.text or None
    elif is_main:
        date, date_precision, date_text = published, precision, None
    else:
        date, date_precision, date_text = None, None, None
    evidence: list[Evidence] = []
    for fig in draft.figures:
        evidence.append(fig.evidence("amount" if fig.role == "round" else
                                     "amount_alternative" if fig.role == "alternative" else fig.role))
    for fig in draft.valuations:
        evidence.append(fig.evidence("valuation" if fig.role == "valuation" else "valuation_alternative"))
    for investment in draft.investments.values():
        evidence.extend(investment.evidence)
    evidence.extend(draft.extra_evidence)
    evidence.sort(key=lambda e: (e.start, e.figure_start or 0))
    leads = _unique(draft.leads)
    return RoundFact(
        company=draft.company,
        amount=amount.value if amount else None,
        currency=amount.currency if amount else None,
        amount_alternatives=alternatives,
        qualifier=qualifier,
        amount_min=amount_min,
        valuation=valuation.value if valuation else None,
        valuation_currency=valuation.currency if valuation else None,
        valuation_basis=valuation.basis if valuation else None,  # type: ignore[arg-type]
        valuation_alternatives=valuation_alternatives,
        lead_investors=leads,
        investors=_unique([*leads, *draft.investors]),
        investments=list(draft.investments.values()),
        round_label=draft.label,
        roles_found_by=draft.roles_found_by(leads, _unique([*leads, *draft.investors])),
        date=date,
        date_precision=date_precision,  # type: ignore[arg-type]
        date_text=date_text,
        status=status,  # type: ignore[arg-type]
        evidence=evidence,
    )


def _standalone_valuations(
    figures: list[Figure], rounds: list[RoundFact], published: dt.date | None, precision: str | None
) -> list[ValuationFact]:
    seen = {(r.valuation, r.valuation_currency, None) for r in rounds if r.valuation is not None}
    out: list[ValuationFact] = []
    told: list[Figure] = []  # the figure each valuation of ``out`` was told by
    for fig in figures:
        if fig.role != "valuation" or fig.round is not None:
            continue
        # one value told once, unless the text gives it to several companies ("A and B, each valued at $1 billion")
        key = (fig.value, fig.currency, name_key(fig.company or "") if fig.company_by == "respectively" else None)
        if key in seen:
            continue
        seen.add(key)
        if _restates_round_valuation(fig, rounds, published):
            continue
        fact = _valuation_fact(fig, published, precision)
        if (k := _restated_kept(fig, out, published)) is not None:
            if told[k].mention.money.qualifier and not fig.mention.money.qualifier:
                # "plus de 150 milliards d'euros", then "180 milliards de dollars": the plain figure is the value
                fact.evidence += [replace(e, role="valuation_alternative") for e in out[k].evidence]
                out[k], told[k] = fact, fig
            else:
                out[k].evidence.append(fig.evidence("valuation_alternative"))
            continue
        out.append(fact)
        told.append(fig)
    return out


def _valuation_fact(fig: Figure, published: dt.date | None, precision: str | None) -> ValuationFact:
    """The valuation a figure outside any round states, dated by its own date, else the article's."""
    date = fig.date
    return ValuationFact(
        company=fig.company, value=fig.value, currency=fig.currency, basis=fig.basis,  # type: ignore[arg-type]
        date=date.date if date and date.date else published,
        date_precision=date.precision if date and date.date else precision,  # type: ignore[arg-type]
        status=fig.status,  # type: ignore[arg-type]
        evidence=[fig.evidence("valuation")],
    )


#: How far apart, relative to the larger, two valuations of one company in two currencies may be, once converted at
#: the rate of their day, to be one value restated ("180 milliards de dollars" then "plus de 150 milliards d'euros").
RESTATED_VALUE_TOLERANCE = 0.10


def _restates(fig: Figure, company: str | None, value: float | None, currency: str | None, day_of: dt.date | None,
              published: dt.date | None) -> bool:
    """Whether a valuation figure states, in another currency, the value ``value`` of the same company: converted at
    the rate of its day, within ``RESTATED_VALUE_TOLERANCE``; not when the two are dated in different years."""
    if (value is None or not currency or not fig.currency or currency == fig.currency
            or name_key(company or "") != name_key(fig.company or "")):
        return False
    own = fig.date.date if fig.date and fig.date.date else None
    if own is not None and day_of is not None and day_of.year != own.year:
        return False
    converted = convert(fig.value, fig.currency, currency, own or published)[0]
    return converted is not None and relative_difference(converted, value) <= RESTATED_VALUE_TOLERANCE


def _restates_round_valuation(fig: Figure, rounds: list[RoundFact], published: dt.date | None) -> bool:
    """Whether a valuation outside any round restates a round's valuation in another currency: the round takes it as
    one of its ``valuation_alternatives``."""
    for fact in rounds:
        if _restates(fig, fact.company, fact.valuation, fact.valuation_currency, fact.date, published):
            fact.valuation_alternatives.append(AmountAlternative(fig.value, fig.currency))  # type: ignore[arg-type]
            fact.evidence.append(fig.evidence("valuation_alternative"))
            fact.evidence.sort(key=lambda e: (e.start, e.figure_start or 0))
            return True
    return False


def _restated_kept(fig: Figure, kept: list[ValuationFact], published: dt.date | None) -> int | None:
    """The index in ``kept`` of the valuation a valuation figure restates in another currency, if any."""
    return next((k for k, fact in enumerate(kept)
                 if _restates(fig, fact.company, fact.value, fact.currency, fact.date, published)), None)


#: The longest acronym a text defines in brackets after a name ("Global Agriculture and Food Security
#: Program (GAFSP)"), in letters.
ACRONYM_LETTERS = 8
_BRACKETED_ACRONYM = re.compile(rf"\(([A-Z][A-Za-z]{{1,{ACRONYM_LETTERS - 1}}})\)"
                                rf"|,\s+(?:ou|or|aka|alias)\s+([A-Z][A-Z0-9]{{1,{ACRONYM_LETTERS - 1}}})(?=\s*[,)])")
_WORD = re.compile(r"[^\W\d_][\w&'’.-]*")


#: An elided French article or preposition glued to a name (« d’Orbix », « l’Agence »).
_ELIDED_ARTICLE = re.compile(r"^(?:[dlDL]|qu|jusqu)['’]([^\W\d_].*)$")


def _defined_acronyms(text: str) -> dict[str, str]:
    """The acronyms a text defines in brackets right after a name, with the name they stand for:
    "General Catalyst (GC)" -> {"GC": "General Catalyst"}; the words before the bracket are read
    back, linking words aside, until their initials spell the acronym."""
    found: dict[str, str] = {}
    for match in _BRACKETED_ACRONYM.finditer(text):  # "General Catalyst (GC)", « Africa Internet Group, ou AIG, »
        short = match.group(1) or match.group(2)
        words = _WORD.findall(text[max(0, match.start() - 120):match.start()])
        picked: list[str] = []
        for word in reversed(words):
            if word.lower() in NAME_LINK_WORDS and picked:
                picked.insert(0, word)
                continue
            elided = _ELIDED_ARTICLE.match(word)  # « d’Orbix Innovation (OI) »: the name starts after the article
            word = elided.group(1) if elided else word
            if not word[:1].isupper() and not ("-" in word and word[:1].isalpha()):
                break  # a lower-case word ends the name, unless a hyphenated one inside it (« Mon Club e-sport »)
            picked.insert(0, word)
            initials = _initials(" ".join(picked))
            every = "".join(part[0] for w in picked for part in w.split("-") if part).upper()  # « e-sport »: E, S
            spelt = {short.upper(), short[:-1].upper() if short.endswith("s") and len(short) > 2 else ""}  # "MIMs"
            if spelt & {initials, every} and picked[0][:1].isupper():  # "Circle of Games (COG)", « Mon Club e-sport
                # (MCES) » too
                found.setdefault(short, " ".join(picked))
                break
            if len(initials) >= len(short):
                break
    return found


def _name_words(name: str) -> list[str]:
    """The words of a name's spelling-insensitive key."""
    return re.findall(r"\w+", name_key(name))


def shortened_investors(rounds: list[RoundFact]) -> None:
    """One name per investor within a round: a name whose words open a longer name of the same round
    ("Ombra" beside "Ombra Ventures", "Northgate" beside "Northgate Group": a later mention shortened)
    is that name, when only one longer name of the round starts with its words."""
    for r in rounds:
        names = _unique([*r.lead_investors, *r.investors])
        full: dict[str, str] = {}
        for short in names:
            words = _name_words(short)
            longer = [n for n in names if n != short and len(_name_words(n)) > len(words)
                      and _name_words(n)[:len(words)] == words]
            if words and len(longer) == 1:
                full[short] = longer[0]
        if full:
            r.lead_investors = _unique([full.get(n, n) for n in r.lead_investors])
            r.investors = _unique([full.get(n, n) for n in r.investors])
            r.roles_found_by = {full.get(n, n): how for n, how in r.roles_found_by.items()}


#: What joins two investors' names into one run of capitalised words ("Grenfell Holdings & LoftyInc Capital").
_JOINING_AMPERSAND = re.compile(r"\s+&\s+")
#: A conjunction left inside one run of capitalised words ("Valor Equity Partners and Gigafund" in a French list).
_JOINING_CONJUNCTION = re.compile(r"\s+(?:and|et)\s+(?=[A-Z])")


@cache
def _glued_suffix() -> re.Pattern[str]:
    """An investor's suffix word after another word and run into the next capitalised word ("Ingressive
    CapitalVoltron"): where a scraped list lost its separator."""
    words = "|".join(re.escape(w) for w in sorted(_entities()["investor_suffixes"], key=len, reverse=True)
                     if " " not in w)
    return re.compile(rf"(?<=\S )((?i:{words}))(?=[A-Z][a-z])")


def split_joined_investors(rounds: list[RoundFact]) -> None:
    """Two investors that a scraped list glued together (an investor's suffix word run into the next capitalised
    word: "Ingressive CapitalVoltron Capital", "Newtown PartnersGlobal Brain"), or that an ampersand joins into one
    name when each side carries an investor's suffix word (``entities.json`` investor_suffixes: "Global Ventures &
    Ventures Platform"; "Johnson & Johnson" stays one name), or that a conjunction joins after such a word ("Valor
    Equity Partners and Gigafund"), are two investors."""
    suffixes, glued = _entities()["investor_suffixes"], _glued_suffix()

    def parts(name: str) -> list[str]:
        # "Newtown PartnersGlobal Brain": a suffix run into a capitalised word, a list whose separator was lost
        unglued = glued.sub(lambda m: m.group(1) + "\n", name).split("\n")
        if len(unglued) > 1:
            return [canonical_investor(p) for piece in unglued for p in parts(piece)]
        pieces = _JOINING_AMPERSAND.split(name)
        if len(pieces) > 1 and all(any(w.lower() in suffixes for w in piece.split()) for piece in pieces):
            return [canonical_investor(piece) for piece in pieces]
        pieces = _JOINING_CONJUNCTION.split(name)  # "Valor Equity Partners and Gigafund": the first ends on a suffix
        if len(pieces) == 2 and pieces[0].split()[-1].lower() in suffixes:
            return [canonical_investor(piece) for piece in pieces]
        return [name]

    for r in rounds:
        split = {n: parts(n) for n in (*r.lead_investors, *r.investors)}
        if all(len(v) == 1 for v in split.values()):
            continue
        r.lead_investors = _unique([p for n in r.lead_investors for p in split[n]])
        r.investors = _unique([p for n in r.investors for p in split[n]])
        r.roles_found_by = {p: how for n, how in r.roles_found_by.items() for p in split.get(n, [n])}


#: An acronym standing alone as a name ("GIF", "EIB").
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _initials(name: str) -> str:
    """The initials of a name's words, linking words aside ("Global Innovation Fund" -> "GIF")."""
    return "".join(w[0] for w in _WORD.findall(name) if w.lower() not in NAME_LINK_WORDS).upper()


def spelled_out_investors(rounds: list[RoundFact], defined: dict[str, str]) -> None:
    """One name per investor within an article: an acronym the text defines (``defined``, from ``_defined_acronyms``:
    "General Catalyst (GC) ... raised $72 million from GC") stands for the full name, and so does an acronym that
    spells the initials of exactly one other investor of the article ("Global Innovation Fund" ... "GIF")."""
    acronyms = {short: canonical_investor(full) for short, full in defined.items()}
    names = {n for r in rounds for n in (*r.lead_investors, *r.investors)}
    full = {name: acronyms[name] for name in names if name in acronyms and acronyms[name] != name}
    for name in names - full.keys():  # "led by the Global Innovation Fund … “GIF is proud to lead”": its initials
        if _ACRONYM.fullmatch(name) and len(spelled := [n for n in names if n != name and _initials(n) == name]) == 1:
            full[name] = spelled[0]
    if not full:
        return
    for r in rounds:
        r.lead_investors = _unique([full.get(n, n) for n in r.lead_investors])
        r.investors = _unique([full.get(n, n) for n in r.investors])
        r.roles_found_by = {full.get(n, n): how for n, how in r.roles_found_by.items()}

def name_relative_tokens(view: SentenceView) -> set[int]:
    """The tokens of the relative clauses that hang on a name and name no round ("Index Ventures, which first backed the
    company in February 2021"): what they say dates the name's past, not the deal the sentence tells."""
    p, g = view.parse, _grammar(view.language)
    spans = [(n.start, n.end) for n in [*view.names, *view.investors]]
    rounds = {t for c in view.cues if c.label == "ROUND" for t in range(c.token_start, c.token_end)}
    inside: set[int] = set()
    for k, head in enumerate(p.heads):
        if p.deps[k] in g["relative"] and head != k and any(a <= p.starts[head] < b for a, b in spans):
            clause = set(_subtree(p, k))
            if not clause & rounds:  # not "Valar, which also took part in albo's Series A round last year": a deal
                inside |= clause
    return inside
