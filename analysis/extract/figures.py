"""The role of each money figure (round, valuation, investment, total, market figure...), its status, date and label."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from itertools import pairwise

from text_to_num import text2num

from analysis.dates import find_dates
from analysis.extract.drafts import Figure
from analysis.extract.grammar import (
    _aside_at,
    _coordinated,
    _definite_description,
    _figure_tokens,
    _governing_verb,
    _grammatical_company,
    _investee,
    _name_at,
    _name_before_relative,
    _token_text,
    invested_into_several,
    investment_maker,
    names_coordinated_by,
    negated,
    raised_by_name,
    valued_at_by_verb,
    valuing_verb,
)
from analysis.extract.names import (
    REPORTER_SUBJECT_ROLE,
    _company_candidate,
    _company_name,
    _full_person,
    _fund_shaped,
    _inside_name,
    _is_subject,
    _known_investor,
    _origin_before,
    _place_after,
    company_nouns,
    owns_next_name,
    tells_own_round,
)
from analysis.extract.sentences import Cue, Name, SentenceView, title_case
from analysis.extract.vocabulary import (
    _ALL_LABELS,
    _ALTERNATIVE_GAP,
    _BRACKETED_ASIDE,
    _CLAUSE_BREAK,
    _CLAUSE_OTHER,
    _COMPARATIVE,
    _COMPARISON_GAP,
    _COORDINATION_GAP,
    _DETERMINER_TAGS,
    _GAPPED_DOER_BEFORE,
    _GENITIVE_AFTER,
    _GENITIVE_START,
    _HOME_AFTER_NAME,
    _INVESTEE_START,
    _LISTING_AHEAD,
    _MARKET_AGENT_AFTER,
    _MARKET_RELATIVE_BEFORE,
    _OPEN_BRACKET,
    _ORDINAL,
    _OTHER_LABELS,
    _OWNER_LABELS,
    _PART_GIVEN_AFTER,
    _PART_GIVEN_START,
    _POSSESSIVE_AFTER,
    _RAISER_AFTER,
    _RAISER_START,
    _RECIPIENT_AFTER,
    _RECIPIENT_START,
    _RELATIVE_AFTER_NAME,
    _RESTATING_WORD,
    _ROLE_PRIORITY,
    _ROLE_TITLE_AFTER,
    _ROLE_TITLE_BEFORE,
    _ROUND_NOUN_WORD,
    _US_COMPANY,
    _VALUATION_LINK,
    _VALUED_OPENING_BEFORE,
    _VALUED_OPENING_GAP,
    _VERBAL,
    _YEAR_PHRASE,
    AFTER_FIGURE_ROLE,
    BRACKET_TAIL,
    CUE_REACH_AFTER,
    CUE_REACH_BEFORE,
    INVESTOR_CONTEXT_LABELS,
    MAX_CLAUSE_CLIMB,
    MAX_HEAD_STEPS,
    MIN_ROUND_AMOUNT,
    NAMED_THRESHOLDS,
    THRESHOLD_ROLE,
    UNICORN_THRESHOLDS,
    _context_words,
    _entities,
    _grammar,
    _places,
    _relative_after_name,
    _round_labels,
    _unique_objects,
    canonical_investor,
    debt_in_round,
    labels_in,
    name_key,
    round_label_in,
)
from analysis.model import (
    DateMention,
    MoneyMention,
)
from analysis.money import (
    bare_dollar,
    french_home_dollar_style,
    french_local_dollar,
    gap_words,
    home_country_dollar,
    home_dollar,
    joins_list,
    local_dollar,
    own_determiner,
    own_dollar_story,
    says_respectively,
    site_currency,
    us_dollar_press,
    us_marked,
)
from analysis.nlp import class_nouns


def _near(view: SentenceView, cue: Cue, figure_tok: tuple[int, int]) -> int:
    """Token distance between a cue and a figure (0 when adjacent or overlapping)."""
    f_start, f_end = figure_tok
    if cue.token_end <= f_start:
        return f_start - cue.token_end
    if cue.token_start >= f_end:
        return cue.token_start - f_end
    return 0


#: The ``why`` of a valuation that a change of value leaves behind ("from $1 billion to $1.8 billion"):
#: the company's earlier valuation, standing alone, no round's.
BEFORE_CHANGE = "before_change"


#: Cues whose round words say nothing of the figure: a basis ("valuation before the round") or a time
#: anchor (« réduite depuis son dernier tour de table, à X », "up since its last funding round").
_SHIELD_LABELS = frozenset({"PRE_MONEY", "POST_MONEY", "SINCE_ROUND"})


def _modifies_verb_of(fig: Figure, cue: Cue) -> bool:
    """A word of the cue hangs on the figure's own verb (« elle a levé, depuis sa création il y a trois ans …, un total
    de 17 M€ »: « depuis sa création » on « levé »), however far from the figure it stands."""
    verb = _governing_verb(fig)
    p = fig.sentence.parse
    if verb is None:
        return False
    verbs = {verb}
    before = fig.sentence.text[:fig.mention.start - fig.sentence.start]
    if cue.token_start == 0 and before.count("(") <= before.count(")"):  # « Au fil des ans, A et B ont permis à Hopper
        # d'amasser 740 M$ »: a fronted cue governs the verbs its clause's verb governs, not a bracketed aside's figures
        for _ in range(MAX_CLAUSE_CLIMB):
            verb = p.heads[verb]
            verbs.add(verb)
    return any(p.heads[k] in verbs for k in range(cue.token_start, min(cue.token_end, len(p.heads))))


def _in_other_relative(fig: Figure, cue: Cue) -> bool:
    """The cue stands in a relative clause that a comma closes before the figure (« Ele.me, qui emploie déjà plus de
    10.000 personnes, a levé 630 M$ »: « déjà » says the staff, not the raise). Read on the words: the model often
    makes such a relative clause the sentence's root."""
    view = fig.sentence
    if "," not in view.text[cue.end - view.start:fig.mention.start - view.start]:
        return False
    before = view.text[:cue.start - view.start]
    return _relative_after_name().match(before[before.rfind(",") + 1:]) is not None


def _classify(fig: Figure, subject: str | None) -> None:
    """The role of a figure from the cues of its clause: the nearest cue wins."""
    view, m = fig.sentence, fig.mention
    unit_end = fig.unit_end or m.end
    tok = (view.token_at(m.start), view.token_at(max(m.start, unit_end - 1)) + 1)
    shields = [c for c in view.cues if c.label in _SHIELD_LABELS]
    usable = [
        c for c in view.cues_between(fig.lo, fig.hi, *_ALL_LABELS)
        if not (c.label in {"ROUND", "INVEST"} and any(s.start <= c.start and c.end <= s.end for s in shields)
                and not _ROUND_OF.match(view.text[c.end - view.start:m.start - view.start]))  # « après sa levée de 500 M$ »,
        # "before the investment": a basis's own funding word
        and not (c.label in _OTHER_LABELS and _inside_name(view, c))
        and not (c.role.endswith(":" + AFTER_FIGURE_ROLE) and c.start < unit_end)
        and not _in_other_bracket(view, c, m.start, unit_end)  # « Swile (… les tickets-restaurants) vient de lever »
        and not (c.label in _MARKET_LABELS and _rounds_combined(fig, c, subject))  # "$10m in combined seed and A funding"
        and not (c.label == "VALUATION" and _prenominal_modifier(view, c))  # "Twitter's highest valued acquisitions"
        and not (c.label == "INVEST" and _classes_a_firm(view, c))  # "the investment firm Paradigm"
        and not (c.label == "INVEST" and _describes_name_before_bracket(view, c, m.start))  # "Betterment, an
        # automated brokerage and investment advisory platform ($100M)"
        and not (c.label == "VALUATION" and _estimates_a_sum(view, c))  # « la somme estimée à 1,2 milliard »
    ]
    before = [c for c in usable if (c.end <= m.start or c.start < m.start < c.end <= unit_end)  # cue ends in its hedge
              and _near(view, c, tok) <= CUE_REACH_BEFORE]
    after = [c for c in usable if (c.start >= unit_end or (  # or an other-figure cue the figure opens ("R1.4bn
        c.label in _OTHER_LABELS and m.start <= c.start < unit_end < c.end))  # startup fund")
        and (_near(view, c, tok) <= CUE_REACH_AFTER or (
        c.label == "VALUATION" and _VALUATION_LINK.match(view.text[unit_end - view.start:c.start - view.start])))
        and not _opens_next_figure_phrase(view, c, unit_end)]

    fig.owner = _genitive_owner(fig, subject)  # "les 300 milliards d'OpenAI": OpenAI's figure
    if (listed := listed_name_at(fig)) is not None and not any(c.label == "VALUATION" for c in after):
        fig.role, fig.owner = "round", listed  # "The top five investments included Wayflyer at €134m": its round
        return
    if _MARKET_AGENT_AFTER.match(view.text[unit_end - view.start:]) or _MARKET_RELATIVE_BEFORE.search(
            view.text[max(0, m.start - view.start - MARKET_RELATIVE_REACH):m.start - view.start]):
        fig.role, fig.why = "other", "market_total"  # « Avec 406 M€ levés par ses start-up en 2024, l'Occitanie … »,
        return  # « l’écosystème européen au sein duquel plus de 115 milliards d’euros ont été investis »
    if _VALUED_OPENING_BEFORE.search(view.text[:m.start - view.start]) and any(
            c.label == "VALUATION" and c.start >= unit_end and _VALUED_OPENING_GAP.match(
                view.text[unit_end - view.start:c.start - view.start]) for c in usable):
        fig.role, fig.basis = "valuation", _basis(view, fig)  # "At $20 billion, Kalvo's valuation would be …"
        fig.owner = fig.owner or _valued_owner(fig, subject)
        return
    for cue in after:  # "$2 billion valuation", "2 Md€ de valorisation", "porte à X la valorisation"
        gap = view.text[unit_end - view.start:cue.start - view.start]
        if cue.label == "VALUATION" and cue.role != "valuation:verb" and _VALUATION_LINK.match(gap):
            if covering := next((o for o in usable if o.label in _OTHER_LABELS and o.start <= cue.start
                                 and cue.end <= o.end), None):  # "a $15 billion valuation target"
                fig.role, fig.why = "other", _OTHER_LABELS[covering.label]
                return
            if _passed_threshold(fig, usable) or any(c.label == "OTHER_MARKET_STAT" and not _earlier_figure_stat(
                    view, fig, c) for c in before):
                fig.role, fig.why = "other", "market_total"  # « la première fintech européenne à dépasser les 10
                return  # milliards de dollars de valorisation »: the mark it passed, no valuation; "23 deals - $65.91M
                # value": the worth of a count of deals
            fig.role, fig.basis = "valuation", _basis(view, fig)
            if _under_listing(fig):
                fig.role, fig.why, fig.basis = "other", "ipo", None
            return
    if _value_clause_after(fig):
        fig.role, fig.basis = "valuation", None  # "lower than the $38 billion it was worth in 2018 when Altria invested
        return  # in it": the value the clause on the figure gives, not the later investment's
    candidates: list[tuple[int, int, str, Cue]] = []
    investing = any(c.label == "INVEST" for c in before)
    for cue in before + after:
        if cue.label in _OWNER_LABELS:
            continue
        if investing and cue.label == "ROUND" and cue.start >= unit_end and _behind_preposition(view, tok[1], cue):
            continue  # "Y pumped in $2m in the funding round": the round the ticket went into
        if cue.label in _OTHER_LABELS:
            if _near(view, cue, tok) <= 10 and not _excused(view, cue):
                # « 42,5 millions d'euros (sous forme de subventions) »: a bracket right after the figure says what it is
                near = 0 if _in_bracket_after(view, cue, unit_end) else _near(view, cue, tok)
                candidates.append((near, _ROLE_PRIORITY["OTHER"], "other", cue))
        elif cue.label == "COMPONENT":
            if cue.end <= m.start and _near(view, cue, tok) <= 2:
                candidates.append((0, _ROLE_PRIORITY["OTHER"], "component", cue))
            elif (cue.role == "component:after_figure" and cue.start >= m.end and _near(view, cue, tok) <= 1
                  and (any(o.start >= cue.end for o in view.money) or any(  # "a $10 million tranche from its $26 million
                      c.label == "ROUND" and c.start >= cue.end for c in view.cues))):
                candidates.append((0, _ROLE_PRIORITY["OTHER"], "component", cue))  # Series A": a part of that round
        elif cue.label in _ROLE_PRIORITY and not (cue.label == "VALUATION" and cue.start >= m.end) and not (
                cue.label == "VALUATION" and _values_other(view, cue, usable)):
            candidates.append((_near(view, cue, tok), _ROLE_PRIORITY[cue.label], cue.label, cue))
    for cue in before:  # "cut PharmEasy's valuation for the new funding round to $3.8 billion": the valuation's new value
        if cue.label == "VALUATION" and cue.role == "valuation" and _VALUED_TO.match(
                view.text[cue.end - view.start:m.start - view.start]) and not any(
                view.parse.pos[k] in _VERBAL for k in range(cue.token_end, min(tok[0], len(view.parse.pos)))):
            candidates.append((0, _ROLE_PRIORITY["VALUATION"], "VALUATION", cue))
    forward = [c for c in before + after if c.role == "total:points_forward" and c.start >= m.start]
    total = [c for c in before + after if c.label == "TOTAL"  # "bringing its total funding to": the next figure's
             and not any(f.start < c.end and c.start < f.end for f in forward)  # cues, even "total funding"
             and not _ranks_the_round(view, fig, c) and not _dates_a_description(view, c)
             and not _sole_round_extension(view, c) and not _total_of_one_round(view, fig, c)
             and not _total_sought(view, fig, c) and not _possessed_round_after(view, fig, c)
             and (c.role != WITH_ROUND_TOTAL_ROLE or _perfect_raise(fig))] + [
        c for c in before if c.label == "ALREADY" and not _dates_figure_verb(fig) and not any(  # not « avait déjà levé 2 M€ en 2019 »
            r.label == "ROUND" and view.parse.pos[r.token_start] in {"NOUN", "PROPN"} for r in usable)
        and not _in_other_relative(fig, c)]
    total += [c for c in usable if c.label == "TOTAL" and c.role == "total" and c not in total  # far from the figure,
              and _modifies_verb_of(fig, c) and not _total_of_one_round(view, fig, c) and not _total_sought(view, fig, c)]  # « elle a levé, depuis sa création il y a trois ans …, un total de 17 M€ »
    if counted := counted_rounds_names(fig):
        fig.role, fig.owner = "round", counted[0].text.strip()  # « trois levées à 30 millions : celles de A, B et C »:
        return  # a round of each (the others' twins come with the companies)
    if not candidates:
        # Nothing close by: the clause's cues decide ("1,3 milliard d'euros : c'est le
        # montant qu'ASML vient d'injecter dans Mistral AI").
        wide = {c.label for c in usable}
        if total:  # "..., taking its total to $11.7m": a total to date, far from the round's words
            fig.role, fig.why = "other", "total_raised"
        elif "OTHER_MARKET_STAT" in wide:  # "overall startup funding for January to November ... at $2.75 billion"
            fig.role, fig.why = "other", "market_total"
        elif wide & {"ROUND", "INVEST"} and not wide & _OTHER_LABELS.keys() and valued_at_by_verb(fig):
            fig.role, fig.basis = "valuation", _basis(view, fig)  # "The investment would value Kalvo, an unlisted
            fig.owner = fig.owner or _valued_owner(fig, subject)  # provider of …, at around $5 billion": the value the
            # verb sets, however far it stands, not the investment its subject names
        elif ("INVEST" in wide and _investor_near(fig, subject) is not None and not _round_noun_after(view, fig, tok)
              and not _round_noun_before(view, fig) and not _put_in_by_many(fig)):
            fig.role, fig.investor = "investment", _investor_near(fig, subject)
        elif "ROUND" in wide:
            rounds = [c for c in usable if c.label == "ROUND"]
            general = all(_plural_round_noun(view, c) for c in rounds) and not _named_between(
                view, fig.lo, fig.hi, company=True)  # « les chiffres de levées de fonds ... : deux milliards »
            fig.role, fig.why = ("other", "market_total") if general else ("round", None)
        elif (named := _figure_for_name(fig) or _sector_bracket_owner(fig)) is not None:
            fig.role, fig.owner = "round", named  # « 1,2 million d'euros pour Boks, entreprise de … », « avec Vektor
            # (batterie électrique, 850 millions d'euros), Mistral AI (…, 385 millions) »
        else:
            fig.role, fig.why = "other", "unrelated"
        return
    _, _, kind, cue = min(candidates, key=lambda c: (c[0], c[1]))
    if kind == "other" and cue.label == "OTHER_SECONDARY" and (valued := next(
            (c for _, _, k, c in candidates if k == "VALUATION" and c.role == "valuation:verb" and c.end <= m.start),
            None)) is not None:
        kind, cue = "VALUATION", valued  # "It was valued at a little over $2 billion in a secondary investment round":
        # a secondary deal sets the company's value too
    if kind in {"ROUND", "INVEST"} and not any(c.label in _OTHER_LABELS for c in usable) and valued_at_by_verb(fig):
        kind = "VALUATION"  # "The investment would value Kalvo, an unlisted provider of …, at around $5 billion": the
        # value the verb sets, however far it stands, not the investment its subject names
    if kind == "ROUND" and _listing_deal(view, cue, usable):
        fig.role, fig.why = "other", "ipo"  # "pulled its $1.6 billion deal to go public via SPAC"
        return
    market = [c for c in before + after if c.label == "OTHER_MARKET_STAT" and not _named_raiser_stat(view, fig, c)
              and not _raiser_named_after_stat(view, fig, c)] + [
        c for c in before if c.label == "OTHER_MARKET" and any(  # "European start-ups raised €5 billion"
            r.label == "ROUND" and (0 <= r.token_start - c.token_end <= 2 or _linked_by_relative(view, c, r)
                                    or _qualified_market(view, c, r))
            and not _named_between(view, c.end, r.start, company=True)  # "startups Kalvo landing $5m": Kalvo's round
            for r in before) and not _named_between(view, c.end, m.start, company=True)  # "12 startups disclosed
        # funding rounds, notably Kalvo securing a $15 million round": a company named before the figure raised it
    ] + [c for c in before if c.label == "OTHER_MARKET" and _market_word_subject(view, c)
         and not _named_between(view, fig.lo, fig.hi, company=True)  # « Les start-up françaises ont doublé ... »
         ] + [c for c in usable if c.label == "OTHER_MARKET" and c.end <= m.start and _opens_clause(view, c)
              and fig.owner is None
              and not _names_besides_owners(view, c, m.start)]  # « Les jeunes pousses de l'EPFL ont levé … »
    clause_other = [c for c in usable if c.label in _CLAUSE_OTHER and not _excused(view, c)
                    and not _own_relative_after(view, c, m.start) and not _fund_taking_part(view, c, m.end)]
    round_for = _round_for_name(fig) if market else None  # "primarily due to the $3.5 million funding round for
    if market and not raised_by_name(fig) and not round_for:  # Egypt's trucking marketplace, Trella": Trella's
        fig.role, fig.why = "other", "market_total"  # "an average round of €25 million", "a combined €1.2 billion";
        # not "the largest investment of 2016 was the $200 million raised by X"
    elif clause_other and kind != "VALUATION":
        fig.role, fig.why = "other", _OTHER_LABELS[clause_other[0].label]
    elif kind != "VALUATION" and _through_public_plan(view, usable):
        fig.role, fig.why = "other", "public_plan"  # « un apport de 10 millions d'euros, via France 2030, »
    elif total and kind != "VALUATION":
        fig.role, fig.why = "other", "total_raised"
    elif kind == "other":
        fig.role, fig.why = "other", _OTHER_LABELS[cue.label]
    elif kind == "component" and (recipient := _part_recipient(fig)) is not None:
        fig.role, fig.owner = "round", recipient  # « 1,4 milliard, dont 415 millions pour le zougois Moonlake »
    elif kind == "component":
        fig.role, fig.why = "other", "round_component"
    elif (kind == "VALUATION" and _under_listing(fig)) or (kind == "ROUND" and _under_listing(fig, verbal=True)):
        fig.role, fig.why = "other", "ipo"  # « s'est introduit en Bourse, ... avec une valorisation de 660 M€ », «
        # Lhyfe entre en Bourse ... avec une levée de fonds de 118 millions d'euros »: a listing's proceeds, no round
    elif kind == "VALUATION" and _count_worth(view, cue):
        fig.role, fig.why = "other", "market_total"  # "compared with 43 worth $1.3 billion in March 2019": deals counted
    elif kind == "VALUATION" and _passed_threshold(fig, usable):
        fig.role, fig.why = "other", "market_total"  # "the first fintech to be valued above $10 billion"
    elif kind == "VALUATION":
        fig.role, fig.basis = "valuation", _basis(view, fig)
        fig.owner = fig.owner or _valued_owner(fig, subject)
    elif kind == "INVEST" and any(c.label == "OTHER_SECONDARY" and not _excused(view, c) for c in usable):
        fig.role, fig.why = "other", "secondary_sale"  # "A sold its 1% stake to B for $2m": shares changing hands
    elif kind == "INVEST" and (_invests_its_own(fig, cue, subject) or _into_its_own(fig)):
        fig.role, fig.why = "other", "own_investment"  # « Kalvo va investir 2 milliards d'euros dans ses usines »
    elif kind == "INVEST" and (plant := _into_a_plant(fig, usable)) is not None:
        fig.role, fig.why = "other", _OTHER_LABELS[plant.label]  # « investir 10 M€ dans la construction d'une usine »
    elif kind == "INVEST" and invested_into_several(fig):
        fig.role, fig.why = "other", "market_total"  # "invested $100 billion in startups like Uber and WeWork"
    elif kind == "INVEST" and subject and (maker := investment_maker(fig, subject)) is not None:
        fig.role, fig.investor, fig.owner = "investment", maker, subject  # "OpenAI is considering a $5 million
        # investment" in an article on Figure AI's round: OpenAI's ticket in it
    elif (kind == "INVEST" and _investor_near(fig, subject) is not None and not _round_noun_after(view, fig, tok)
          and not _round_noun_before(view, fig) and not _put_in_by_many(fig) and not _raised_by_verb(fig)):
        fig.role, fig.investor = "investment", _investor_near(fig, subject)
    elif (_plural_round_noun(view, cue) and not _named_between(view, fig.lo, fig.hi, company=True)) or (
            kind == "ROUND" and _floor_of_rounds(view, cue, fig)):
        fig.role, fig.why = "other", "market_total"  # « les levées intermédiaires, allant de 50 à 100 millions »,
        # "Tradeshift and Klarna were the only rounds surpassing $20 million": the floor of a class of rounds
    else:
        fig.role = "round"
        fig.owner = (fig.owner or round_for or _figure_for_name(fig) or _raised_for_own_company(fig)
                     or _round_of_figure_for_name(fig) or _round_in_phrase_for_name(fig))  # "$600 million in
        # early-stage funding for battery maker Kalvo", "secured $150 million … for his robotics startup, Kalvo", "deals
        # included a $478m series C funding round for payments firm Kalvo"


#: Verbs at most climbed from an investing verb to the one whose subject does it (« a annoncé vouloir injecter »: two).
INVESTING_SUBJECT_CLIMB = 2


#: The words after an invested figure that put it into the doer's own things ("into its battery plant").
_INTO_ITS_OWN = re.compile(rf"^\s+(?:{_context_words('into_its_own')})", re.IGNORECASE)
#: What ends the phrase of the doer's own things.
_PHRASE_END = re.compile(r"[,;.:()]")


#: "at" right before a figure, after the name of a list's item ("included Wayflyer at €134m").
_NAME_AT_FIGURE = re.compile(r"^\s+at\s+$", re.IGNORECASE)


def listed_name_at(fig: Figure) -> str | None:
    """An item of a list of deals: a company's name, "at", then the figure, after a listing verb ("The top five
    investments during the period included Wayflyer at €134m, Flipdish which received €87.2m"): that company, whose
    round the figure is, whatever market words open the list. The verb is finite: "from existing investors including
    Rewe at €50 million" lists investors' tickets."""
    view, m = fig.sentence, fig.mention
    p, listing = view.parse, _grammar(view.language)["deal_listing_lemmas"]
    for name in view.names:
        if name.end <= m.start and _NAME_AT_FIGURE.match(view.text[name.end - view.start:m.start - view.start]):
            first = view.token_at(name.start)
            if _company_candidate(view, name) and any(p.lemmas[k] in listing and k < len(p.finite) and p.finite[k]
                                                      for k in range(min(first, len(p.lemmas)))):
                return name.text.strip()
            return None
    return None


def _into_its_own(fig: Figure) -> bool:
    """An invested figure put into the doer's own things, a possessive determiner first and no company class noun
    before a name until the phrase ends ("Tesla said it will put $3.6 billion into its battery Gigafactory" names a
    plant, not "into its portfolio company Kalvo"): the doer spends its own money, it raises nothing."""
    view = fig.sentence
    end = fig.unit_end or fig.mention.end
    after = view.text[end - view.start:]
    if _INTO_ITS_OWN.match(after) is None:
        return False
    stop = _PHRASE_END.search(after)
    phrase_end = end + (stop.start() if stop else len(after))
    if any(c.label == "ROUND" and c.role == "round:noun" and end <= c.start < phrase_end for c in view.cues):
        return False  # "received an investment of $190 million in their Series C round": the round it took in
    nouns = company_nouns(view.language)
    for name in view.names:
        words = view.text[end - view.start:name.start - view.start].split()
        if end <= name.start < phrase_end and words and words[-1].lower() in nouns:
            return False  # "into its portfolio company Kalvo": a company it invests in
    return True


#: Cue labels of a thing built or paid for: an investing figure put into one is spent, no company's round.
_PLANT_LABELS = frozenset({"OTHER_INFRASTRUCTURE", "OTHER_EXPENSE"})


def _into_a_plant(fig: Figure, usable: list[Cue]) -> Cue | None:
    """The infrastructure or expense cue that the investee preposition after an invested figure opens, lower-case
    words only between them (« va investir 10 millions d'euros dans la construction d'une nouvelle usine », "will
    invest $2 billion in a new gigafactory"): the money is spent on a plant, no company raises it."""
    view = fig.sentence
    end = fig.unit_end or fig.mention.end
    nouns = company_nouns(view.language)
    for cue in (c for c in usable if c.label in _PLANT_LABELS and c.start >= end):
        gap = view.text[end - view.start:cue.start - view.start]
        start = _INVESTEE_START.match(gap)
        if start is None or not _DESCRIPTION.match(gap[start.end():].lstrip()):
            continue
        if any(n.start >= cue.end and all(w.lower() in nouns for w in view.text[cue.end - view.start:n.start - view.start]
                                          .split()) for n in view.names):
            continue  # "in the infrastructure startup Kalvo": the word describes a company named after it
        return cue
    return None


def _invests_its_own(fig: Figure, cue: Cue, subject: str | None) -> bool:
    """The investing verb nearest the figure has the article's company for doer and names no company it invests in
    (« Kalvo va investir 2 milliards d'euros dans les cinq prochaines années », "Kalvo will invest $2 billion in its
    plants"): the company spends its own money, it raises nothing."""
    view, g = fig.sentence, _grammar(fig.sentence.language)
    p = view.parse
    verb = cue.token_start
    if subject is None or not p.heads or verb >= len(p.pos) or p.pos[verb] not in _VERBAL:
        return False
    if _investee(view, verb, subject, g) is not None:
        return False
    for _ in range(INVESTING_SUBJECT_CLIMB + 1):  # « qui a annoncé vouloir injecter »: the subject of the governor
        for child in p.children(verb):
            # its subject, or a proper noun before it with no preposition that the model hangs otherwise (« Kalvo
            # investit », "Kalvo" read as an auxiliary)
            if p.deps[child] in g["subject"] or (child < verb and p.pos[child] == "PROPN" and not any(
                    p.deps[k] == "case" for k in p.children(child))):
                doer = (_name_before_relative(view, child, subject) if p.pos[child] == "PRON"
                        else _name_at(view, child, subject, person_ok=True))
                return doer is not None and _is_subject(doer, subject)
        if p.heads[verb] == verb or p.pos[p.heads[verb]] not in _VERBAL:
            return False
        verb = p.heads[verb]
    return False


#: The words between a valuation noun and its new value (« … sa valorisation pour le nouveau tour à », "valuation for
#: the new funding round to"): no figure, no sentence break, then "to" / « à ».
_VALUED_TO = re.compile(r"^[^\d$€£.;]{0,80}\s(?:to|à)\s*$", re.IGNORECASE)


def _opens_next_figure_phrase(view: SentenceView, cue: Cue, figure_end: int) -> bool:
    """A funding cue after the figure that a conjunction joins to it, in a noun phrase holding the next figure of the
    sentence (« l’introduction en Bourse de Voltalia pour 93 millions d’euros et le troisième tour de table de Blablacar
    d'un montant de 73 millions d’euros »): the cue tells what the next figure is, not this one."""
    if cue.label not in {"ROUND", "INVEST", "VALUATION"} or cue.start < figure_end:
        return False
    gap = view.text[figure_end - view.start:cue.start - view.start].lower().split()
    if not gap or gap[0].strip(",") not in _grammar(view.language)["coordinating_words"] or any(
            figure_end <= f.start < cue.start for f in view.money):
        return False
    following = [f for f in view.money if f.start >= cue.end]
    return bool(following) and not any(view.parse.pos[k] in _VERBAL for k in range(
        cue.token_end, min(view.token_at(following[0].start), len(view.parse.pos))))  # no verb of a clause of its own


def _in_bracket_after(view: SentenceView, cue: Cue, figure_end: int) -> bool:
    """The cue stands in a bracket that opens right after the figure ending at ``figure_end`` (« 42,5 millions d'euros
    (sous forme de subventions) »), no part of the figure told in it (not « 5 M€ (dont une subvention de 1 M€) »)."""
    return any(view.start + a.start() <= cue.start and cue.end <= view.start + a.end()
               and not view.text[figure_end - view.start:a.start()].strip() and figure_end - view.start <= a.start()
               and not any(c.label == "COMPONENT" and view.start + a.start() <= c.start < cue.start for c in view.cues)
               for a in _BRACKETED_ASIDE.finditer(view.text))


def _in_other_bracket(view: SentenceView, cue: Cue, at: int, end: int | None = None) -> bool:
    """A cue inside a bracketed aside, or an aside between commas it opens right after a name, that does not hold the
    figure at ``at``: it describes a name (« Swile (qui dématérialise les tickets-restaurants) vient de lever 200 M$ »),
    it says nothing of the figure. A bracket that opens right after the figure (ending at ``end``) says what other kind
    of money the figure is (« 42,5 millions d'euros (sous forme de subventions) »)."""
    for aside in _BRACKETED_ASIDE.finditer(view.text):
        lo, hi = view.start + aside.start(), view.start + aside.end()
        if lo <= cue.start and cue.end <= hi:
            return not (lo <= at < hi or (end is not None and cue.label in _OTHER_LABELS
                                          and _in_bracket_after(view, cue, end)))
    # an aside between commas that the cue opens right after a name ("a $186M round to lynda.com, acquired by LinkedIn
    # a few months later, also ...", « Lunaphore, racheté depuis par Bio-Techne, avait levé 40 millions »)
    g = _grammar(view.language)
    openers = g["definite_determiners"] | g["indefinite_articles"]
    if not any(view.text[n.end - view.start:cue.start - view.start].strip() == "," for n in view.names
               if n.end <= cue.start):
        # "a Series A round led by VC Grid and Larch, the venture fund backed by …": after the figure, a comma and a
        # determiner open a description of a listed name, up to the next comma or the sentence's end
        return any(at < n.start and _determiner_apposition(view.text[n.end - view.start:cue.start - view.start],
                                                           openers)
                   for n in view.names if n.end <= cue.start) and not cue.start <= at
    close = view.text.find(",", cue.end - view.start)
    return close >= 0 and not cue.start <= at < view.start + close


def _determiner_apposition(gap: str, determiners: frozenset[str]) -> bool:
    """The words between a name and a cue are a comma and a determiner: an aside describing the name ("Larch, the
    venture fund backed by …", « Kalvo, un fonds … »)."""
    words = gap.strip().split()
    return len(words) == 2 and words[0] == "," and words[1].lower() in determiners


def _listing_deal(view: SentenceView, cue: Cue, usable: list[Cue]) -> bool:
    """The nearest funding word is a deal noun that may name any transaction (``grammar.json`` listing_deal_nouns:
    "deal") and the clause speaks of a listing done or dropped ("its $1.6 billion deal to go public via SPAC",
    "went public via SPAC in a $2.7 billion deal"), not one ahead ("ahead of a potential IPO"): a listing."""
    if view.text[cue.start - view.start:cue.end - view.start].lower() not in _grammar(view.language)["listing_deal_nouns"]:
        return False
    return any(c.label == "OTHER_IPO" and not _LISTING_AHEAD.search(view.text[:c.start - view.start]) for c in usable)


#: Words at most between a figure and the singular round noun that says it was raised in one round ("a total of
#: RMB 2.2 billion ($350 million) in a Series B funding round": "in", "a", "Series", "B", "funding").
ONE_ROUND_AFTER_WORDS = 5
#: A preposition then, maybe, an opening quote, before a round label ("in “pre-Series A” financing", « en série A »).
_IN_LABEL = re.compile(r"^\s*(?:in|dans|en)\s+[\"“«‘']?\s*", re.IGNORECASE)
#: Characters read after that preposition for the label.
LABEL_AFTER_CHARS = 30
#: A preposition of the round a figure was raised in, then an article of one thing or a possessive.
_IN_ONE_ROUND = re.compile(r"^[\s)]*(?:\([^()]*\)\s*)?(?:(?:in|during|through|dans)\s+(?:a|an|its|their|un|une|son|sa|leur)\s"
                           r"|lors\s+d['’]une?\s|lors\s+de\s+(?:son|sa|leur)\s)", re.IGNORECASE)


def _total_of_one_round(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A total cue before the figure that one round in the singular follows ("raised a total of RMB 2.2 billion ($350
    million) in a Series B funding round", « au total 12 M€ lors d'une levée de série A »): the round's amount, its
    tranches or investors summed, not a total to date."""
    end = fig.unit_end or fig.mention.end
    opened = _IN_ONE_ROUND.match(view.text[end - view.start:])
    if cue.end > fig.mention.start:
        return False
    if opened is None:  # "raised a total of $1.5 million in “pre-Series A” financing": a round label right after
        if view.text[cue.end - view.start:fig.mention.start - view.start].strip():
            return False  # not "To date, the company has raised $25 million in seed funding": a total to date
        labelled = _IN_LABEL.match(view.text[end - view.start:])
        after = view.text[end - view.start + labelled.end():] if labelled else ""
        return bool(labelled) and any(at == 0 for at, _ in labels_in(after[:LABEL_AFTER_CHARS]))
    p = view.parse
    lo = view.token_at(end + opened.end())
    return any(r.label == "ROUND" and lo <= r.token_start <= lo + ONE_ROUND_AFTER_WORDS
               and r.token_end - 1 < len(p.plural) and not p.plural[r.token_end - 1]
               and not any(m.start >= end and m.start < r.start for m in view.money) for r in view.cues)


def _prenominal_modifier(view: SentenceView, cue: Cue) -> bool:
    """A one-word cue the parse makes the modifier of a noun after it (``grammar.json`` modifier_deps: "Twitter's highest
    valued acquisitions", "a highly valued startup"): it qualifies that noun, it sets no value."""
    p = view.parse
    at = cue.token_start
    return (cue.token_end - at == 1 and at < len(p.deps) and p.deps[at] in _grammar(view.language)["modifier_deps"]
            and p.heads[at] > at)


def _describes_name_before_bracket(view: SentenceView, cue: Cue, figure_start: int) -> bool:
    """A noun cue inside the description set after a name and before the bracket that holds the figure ("Betterment, an
    automated brokerage and investment advisory platform ($100M)"): it says what the company does, it tells no
    investment."""
    head = view.text[:figure_start - view.start]
    opened = head.rfind("(")
    if opened < 0 or ")" in head[opened:] or not (view.start + opened >= cue.end):
        return False
    p = view.parse
    if not all(p.pos[k] in {"NOUN", "PROPN", "ADJ"} for k in range(cue.token_start, min(cue.token_end, len(p.pos)))):
        return False
    named = [n for n in view.names if n.end <= cue.start]
    return bool(named) and bool(_APPOSITION_BEFORE_BRACKET.match(view.text[named[-1].end - view.start:opened]))


def _classes_a_firm(view: SentenceView, cue: Cue) -> bool:
    """A one-word investing cue the parse hangs on a noun for a firm as its class (``grammar.json`` investing_firm_nouns,
    firm_class_links: « le fonds d'investissement new yorkais Franklin Templeton », "the investment firm Paradigm"): it
    describes the firm, it tells no investment."""
    p, g = view.parse, _grammar(view.language)
    at = cue.token_start
    if cue.token_end - at != 1 or at >= len(p.deps) or p.heads[at] == at:
        return False
    return p.deps[at] in g["firm_class_links"] and p.lemmas[p.heads[at]].lower() in g["investing_firm_nouns"]


def _total_sought(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A total cue before a raise still sought, its modal holding the raising word, before the figure (« Au total,
    Deliveroo souhaiterait lever 575 millions de dollars », "In total, Kalvo plans to raise $575 million"): the size
    of the round sought, not a total to date."""
    return any(r.label == "REPORTED_MODAL" and cue.end <= r.start and r.end <= fig.mention.start and any(
        k.label == "ROUND" and r.start <= k.start < r.end for k in view.cues) for r in view.cues)


#: Role of a total cue opening a sentence with the round just told ("With this latest round of financing, Kalvo has
#: raised $52.6 million"): the figure of a perfect raise after it is the total to date.
WITH_ROUND_TOTAL_ROLE = "total:with_round"


@functools.cache
def _value_clause_pattern(language: str) -> re.Pattern[str]:
    """The text right after a figure that opens a clause on it whose verb values a pronoun or a description
    (``grammar.json`` value_clause_words: " it was worth", « qu'elle valait »)."""
    words = "|".join(sorted(map(re.escape, _grammar(language)["value_clause_words"]), key=len, reverse=True))
    return re.compile(rf"^\s+(?:that\s+|which\s+|qu['’]\s*|que\s+)?(?:it|they|elle|il|elles|ils"
                      rf"|(?:the|la|le|l['’])\s*[a-zà-ÿ-]+)\s+(?:{words})\b", re.IGNORECASE)


def _value_clause_after(fig: Figure) -> bool:
    """A clause right after the figure values a pronoun or a description by it ("the $38 billion it was worth", « les
    38 milliards qu'elle valait »): the figure is a valuation."""
    view = fig.sentence
    return bool(_value_clause_pattern(view.language).match(view.text[fig.mention.end - view.start:]))


def _dates_figure_verb(fig: Figure) -> bool:
    """A date of the sentence hangs on the figure's own verb (« avait déjà levé 2 M€ en 2019 ») or on the verb whose
    purpose the figure's verb tells (« L'exercice avait déjà été tenté en décembre 2019 pour récolter 1,4 million
    d'euros »), not on another clause's ("Jet.com just launched publicly in July but has already raised more than $200
    million", « a annoncé le lundi 20 mars …, après avoir déjà levé près de 400 millions d'euros »). Without a parse,
    any date of the sentence does."""
    view = fig.sentence
    p, verb = view.parse, _governing_verb(fig)
    if verb is None:
        return bool(view.dates)
    governing = {verb}
    purpose = _grammar(view.language)["purpose_marks"]
    if any(p.lemmas[k].lower() in purpose for k in p.children(verb)):
        governing.add(p.heads[verb])
    for date in view.dates:
        node = view.token_at(date.start)
        for up in (node, *p.ancestors(node, MAX_DATE_STEPS)):
            if p.pos[up] in {"VERB", "AUX"}:
                if up in governing:
                    return True
                break
    return False


#: Steps up the dependency tree from a date to the verb it hangs on.
MAX_DATE_STEPS = 6


def _perfect_raise(fig: Figure) -> bool:
    """The figure's verb is in the perfect ("has raised"): a sum reached, not a deal told in the past ("With the new
    funding, Kalvo raised $20 million from Orbix" stays a round)."""
    verb = _governing_verb(fig)
    return verb is not None and _perfect_auxiliary(fig.sentence, verb)


def _perfect_auxiliary(view: SentenceView, verb: int) -> bool:
    """The verb has the perfect's auxiliary ("has raised", « a levé »)."""
    p, auxiliaries = view.parse, _grammar(view.language)["perfect_auxiliaries"]
    return any(p.pos[k] == "AUX" and p.lemmas[k] in auxiliaries for k in p.children(verb))


def _sole_round_extension(view: SentenceView, cue: Cue) -> bool:
    """A cue that enlarges a round to the figure after it ("has extended its seed funding round to $2.8 million")
    in a sentence giving no other figure: the round's size, not a total beside the round's own figure ("raised $4m,
    increasing its round to $16 million")."""
    return cue.role == "total:points_forward" and len(view.money) == 1 and _ROUND_NOUN_WORD.search(cue.text) is not None


def _under_listing(fig: Figure, verbal: bool = False) -> bool:
    """A valuation or a raise said of a listing: the figure hangs, up the dependency tree, under a stock-market
    listing cue (« s'est introduit en Bourse, plaçant 256 M€ avec une valorisation de 660 M€ », "an IPO
    at a valuation of $5 billion", « s'est introduite en Bourse avec une levée de 118 M€ »); the value of a listed
    share or the listing's proceeds, no private valuation or round. ``verbal``: only a cue holding a verb ("went
    public, raising"), not a listing noun heading a digest line (« Introduction en Bourse de X avec une levée de …,
    levée de 200 M$ par Y »)."""
    view = fig.sentence
    p = view.parse
    listings = [c for c in view.cues if c.label == "OTHER_IPO" and not _excused(view, c)]  # not « pas encore cotée »
    every = {k for c in listings for k in range(c.token_start, c.token_end)}
    listing = {k for c in listings
               if (not verbal or any(p.pos[j] in _VERBAL for j in range(c.token_start, min(c.token_end, len(p.pos)))))
               for k in range(c.token_start, c.token_end)}
    if not every or not p.heads:
        return False
    node = min(view.token_at(fig.mention.start), len(p.heads) - 1)
    return any(k in listing for k in p.ancestors(node, MAX_HEAD_STEPS)) or (verbal and _raising_for_listing(
        view, node, every))


def _raising_for_listing(view: SentenceView, node: int, listing: set[int]) -> bool:
    """The verb the figure hangs on raises for a listing: the listing noun is its subject ("filed for an IPO to raise up
    to $86 million"), or the verb is a purpose clause of a verb whose object the listing noun is (« prépare une
    introduction en Bourse pour lever 86 millions »)."""
    p, g = view.parse, _grammar(view.language)
    verb = next((k for k in p.ancestors(node, MAX_HEAD_STEPS) if p.pos[k] == "VERB"), None)
    if verb is None:
        return False
    if any(k in listing and p.pos[k] in {"NOUN", "PROPN"} and p.deps[k] in g["subject"] for k in p.children(verb)):
        return True
    head = p.heads[verb]
    return head != verb and p.deps[verb] == "advcl" and any(
        k in listing and p.pos[k] in {"NOUN", "PROPN"} and p.deps[k] in g["object"] and k < verb
        for k in p.children(head))


#: Tokens at most between a valuing word and the thing it values ("its third fund worth $100m"): none,
#: so that « ... part de cash-out, valorise la société à 2 Md€ » stays a valuation.
VALUED_THING_GAP = 0


def _values_other(view: SentenceView, cue: Cue, usable: list[Cue]) -> bool:
    """A valuing word that says what another kind of thing is worth ("a third fund worth $100m",
    "stock options worth INR 61 Cr", "a fresh round of funding worth £200m", "a stake worth $250m"): the figure
    belongs to that thing, not to a company's valuation."""
    pos = view.parse.pos
    dated = {view.token_at(k) for d in view.dates for k in range(d.start, d.end)}  # "Kalvo's funding last year worth
    # 143 billion won": a date between changes nothing
    return any(
        ((o.label in _OTHER_LABELS or o.role == "round:noun" or o.label == "INVEST"  # "a fresh round of funding
          or (o.label == "ROUND" and _noun_cue(view, o)))  # worth £200m", "bought a stake worth US$250 million in
        # Kalvo", "a fundraising worth in the region of £30m"
        and cue.token_start >= o.token_end
        and ((cue.role == "valuation" and all(k < len(pos) and (pos[k] == "PUNCT" or k in dated)
                                             for k in range(_past_label_letter(view, o) + VALUED_THING_GAP,
                                                            cue.token_start)))
             # « une ronde de financement, estimée à 70 M$ »: a comma between changes nothing
             or (o.label in _VALUED_THING_LABELS and _hangs_on(view, cue.token_start, o))))  # "a grant with a value of"
        or _prices_acquisition_after(view, cue, o)
        for o in usable)


def _noun_cue(view: SentenceView, cue: Cue) -> bool:
    """The cue's last word is a noun ("a fundraising worth £30m"), not a verb ("is fundraising")."""
    k = cue.token_end - 1
    return 0 <= k < len(view.parse.pos) and view.parse.pos[k] == "NOUN"


#: Tokens at most between a deal noun and the valuing word after it ("another deal reportedly worth").
DEAL_NOUN_BEFORE_VALUING = 3


def _prices_acquisition_after(view: SentenceView, cue: Cue, other: Cue) -> bool:
    """A valuing word after a deal noun, in a phrase fronted before the acquiring verb it hangs on ("In another deal
    reportedly worth close to $100 million, Ford acquired Spin"): the acquisition's price."""
    p = view.parse
    at = cue.token_start
    if other.label != "OTHER_ACQUISITION" or at >= other.token_start or at >= len(p.heads):
        return False
    nouns = _grammar(view.language)["deal_nouns"]
    return other.token_start <= p.heads[at] < other.token_end and any(
        p.lemmas[k].lower() in nouns for k in range(max(0, at - DEAL_NOUN_BEFORE_VALUING), at))


def _past_label_letter(view: SentenceView, cue: Cue) -> int:
    """The token after a round noun's cue and its label's letter, if one follows ("a Series E worth $150 million":
    the round is worth it, not the company)."""
    if cue.role == "round:noun" and _LABEL_LETTER.match(view.text[cue.end - view.start:]):
        return cue.token_end + 1
    return cue.token_end


#: Cue labels of things a valuing word hanging on them values (a grant, a loan, an acquisition, a fund), whatever the
#: words between; not a rival's or a share sale's cue ("sell their shares at a valuation of $86 billion": the company's).
_VALUED_THING_LABELS = frozenset({"OTHER_PUBLIC_PLAN", "OTHER_DEBT", "OTHER_ACQUISITION", "OTHER_FUND_CLOSE"})
#: Dependency steps at most from a valuing word up to the thing of another kind it values ("a research grant with a
#: maximum value of 2 billion yen": "value", "with", "grant"; "agrees to buy X in a deal valued at": "valued", "deal",
#: "in", "buy").
VALUED_THING_STEPS = 3


def _hangs_on(view: SentenceView, token: int, cue: Cue) -> bool:
    """The token hangs, through at most ``VALUED_THING_STEPS`` heads, on a token of the cue."""
    p = view.parse
    node = token
    for _ in range(VALUED_THING_STEPS):
        if node >= len(p.heads) or p.heads[node] == node:
            return False
        node = p.heads[node]
        if cue.token_start <= node < cue.token_end:
            return True
    return False


@functools.cache
def _floor_gap(language: str) -> re.Pattern[str]:
    """What may stand between a plural round noun and the floor figure that qualifies it: a comma, the noun's
    complement (``grammar.json`` round_noun_complements: « de fonds »), "of", « de »."""
    complements = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in _grammar(language)["round_noun_complements"])
    complement = rf"(?:(?:{complements})\s+)?" if complements else ""
    return re.compile(rf"^[\s,]*{complement}(?:of|de|d['’])?\s*$", re.IGNORECASE)


def _floor_of_rounds(view: SentenceView, cue: Cue, fig: Figure) -> bool:
    """A "more than" figure right after a plural round word ("rounds surpassing $20 million", « les méga-levées,
    supérieures à 100 millions d'euros », the tagger reading the compound's word as a verb, "rounds of over $100m"):
    the floor of a class of rounds, whatever names the sentence gives as its members."""
    head = cue.token_start if view.language == "fr" else cue.token_end - 1  # « levée(s) de fonds », "funding round(s)"
    return (fig.mention.money.qualifier == "more_than" and cue.end <= fig.mention.start
            and head < len(view.parse.plural) and view.parse.plural[head]
            and _floor_gap(view.language).match(view.text[cue.end - view.start:fig.mention.start - view.start]) is not None)


def _plural_round_noun(view: SentenceView, cue: Cue) -> bool:
    """A round cue that is a noun in the plural (« les levées », "rounds of $50m"): deals in general."""
    p, k = view.parse, cue.token_start
    if not (cue.label == "ROUND" and k < len(p.pos) and p.plural[k] and (p.pos[k] == "NOUN" or (
            p.pos[k] in {"ADJ", "VERB"} and any(p.pos[d] == "DET" or (d == k - 1 and p.pos[d] == "ADP")
                                                for d in p.children(k))))):
        return False  # « les levées », « chiffres de levées » read as ADJ or VERB
    if any(own_determiner(p.lemmas[d]) or own_determiner(view.text[p.starts[d] - view.start:].split()[0])
           for d in p.children(k) if p.pos[d] in _DETERMINER_TAGS):
        return False  # « ces levées », "its rounds"
    return not _one_company_does(view, k)


def _one_company_does(view: SentenceView, noun: int) -> bool:
    """The verb over a round noun has one company for subject, a name or a company class noun in the singular
    (« l'entreprise a multiplié les levées de fonds : 10 millions en 2012, 100 millions en 2014 », "the startup has
    closed rounds of $5m and $10m"): that company's deals, not deals in general."""
    p = view.parse
    verb = p.heads[noun]
    if verb == noun or p.pos[verb] not in _VERBAL:
        return False
    subjects = _grammar(view.language)["subject"]
    return any(p.deps[k] in subjects and not p.plural[k] and (
        p.pos[k] == "PROPN" or (p.pos[k] == "NOUN" and p.lemmas[k].lower() in company_nouns(view.language)))
        for k in p.children(verb))


#: Words at most between a figure and the first of the names its counted rounds go to (« 30 millions : celles de »,
#: "$200 million for").
COUNTED_NAMES_GAP_WORDS = 3


def counted_rounds_names(fig: Figure) -> list[Name]:
    """A plural round noun a number counts before the figure (« trois levées à 30 millions », "three rounds above
    $200 million") and, right after the figure, a list of exactly that many companies (« : celles de Rise Up,
    eKwateur et Ouihelp », « pour Mirakl, Voodoo et EcoVadis »): the figure is a round of each; empty otherwise."""
    view = fig.sentence
    p = view.parse
    if not p.heads:
        return []
    end = fig.unit_end or fig.mention.end
    for cue in view.cues:
        if cue.label != "ROUND" or cue.end > fig.mention.start or cue.token_start >= len(p.pos):
            continue
        counts = [_count_value(_token_text(view, d), view.language) for d in p.children(cue.token_start)
                  if p.pos[d] == "NUM" and d < cue.token_start]
        if len(counts) != 1 or counts[0] is None or counts[0] < 2:
            continue
        names = [n for n in view.names if n.start >= end]
        if not names or len(view.text[end - view.start:names[0].start - view.start].split()) > COUNTED_NAMES_GAP_WORDS \
                or any(end <= o.start < names[0].start for o in view.money):
            return []
        listed = [names[0]]
        for name in names[1:]:
            if not names_coordinated_by(view.text[listed[-1].end - view.start:name.start - view.start]):
                break
            listed.append(name)
        if len(listed) == counts[0] and all(_company_candidate(view, n, person_ok=True) for n in listed):
            return listed
        return []
    return []


def _count_value(word: str, language: str) -> int | None:
    """The number a count word writes (« trois », "three", "3"), or None."""
    if word.isdigit():
        return int(word)
    try:
        return int(text2num(word.lower(), language))
    except (ValueError, TypeError):
        return None


#: Parts of speech that may stand between a market subject and its funding verb: « les start-up
#: françaises, qui ont levé 5 milliards » (punctuation, relative pronoun, auxiliary, adverb).
_RELATIVE_GAP_POS = frozenset({"PUNCT", "PRON", "AUX", "ADV"})


def _linked_by_relative(view: SentenceView, market: Cue, verb: Cue) -> bool:
    """A market subject followed by a relative clause whose verb is the round verb."""
    gap = range(market.token_end, verb.token_start)
    p = view.parse
    return 0 < len(gap) <= 5 and all(0 <= k < len(p.pos) and p.pos[k] in _RELATIVE_GAP_POS for k in gap) and any(
        p.pos[k] == "PRON" for k in gap)


#: Tokens at most between a market word and its round verb when a complement qualifies the market (« les start-up
#: de la région Aura avaient levé »).
MARKET_COMPLEMENT_REACH = 6
#: Parts of speech of such a complement: a preposition, a determiner, nouns, adjectives, auxiliaries.
_COMPLEMENT_POS = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "AUX", "ADV"})
#: The first word after a market word that an adjective qualifies (« les start-up tricolores »; the French tagger
#: reads some adjectives after a hyphenated noun as X), and the words that may follow up to its round verb.
_MARKET_ADJECTIVE_POS = frozenset({"ADJ", "X"})
_MARKET_VERB_GAP_POS = frozenset({"ADJ", "X", "AUX", "ADV", "VERB", "ADP", "PART"})


def _qualified_market(view: SentenceView, market: Cue, verb: Cue) -> bool:
    """A market word, a complement that qualifies it (a preposition, then nouns and adjectives, no company), then its
    round verb, a relative pronoun before it or not: « les start-up de la région Aura avaient levé », "startups from the
    Nordic region raised", "startup firms in Pakistan that amassed"."""
    p = view.parse
    gap = range(market.token_end, verb.token_start)
    if not 0 < len(gap) <= MARKET_COMPLEMENT_REACH or gap[-1] >= len(p.pos):
        return False
    if p.pos[gap[0]] == "ADP":  # not « … en levant 230 M$ »; a relative pronoun may open the verb's clause ("startup
        # firms in Pakistan recently that amassed over $300 million")
        return (p.pos[gap[-1]] != "ADP" and all(p.pos[k] in _COMPLEMENT_POS for k in gap[:-1])
                and (p.pos[gap[-1]] in _COMPLEMENT_POS or p.pos[gap[-1]] == "PRON"))
    # « les start-up tricolores ont réussi à lever », "European startups have managed to raise": adjectives, then
    # the verb's auxiliaries, adverbs and a verb it hangs under, no noun and no comma
    return p.pos[gap[0]] in _MARKET_ADJECTIVE_POS and all(
        p.pos[k] in _MARKET_VERB_GAP_POS and "," not in view.text[p.starts[k] - view.start:p.starts[k] - view.start + 1]
        for k in gap) and (p.pos[gap[-1]] != "ADP" or p.lemmas[gap[-1]] in {"à", "to"})


#: Words at most before a figure that opens a digest line (« Et même 6 millions d'euros pour … »).
DIGEST_OPENING_WORDS = 2


def _figure_for_name(fig: Figure) -> str | None:
    """A digest line without a verb that gives a figure to a company (« 1,2 million d'euros pour Boks, entreprise
    d'une dizaine de salariés », "$5 million for Kalvo", "Three of the biggest transactions: $600 million in early-stage
    funding for Swedish battery company Kalvo; …"): the figure opens the sentence or a clause after a colon or a
    semicolon (a word or two before it at most), a round noun at most after it, then a beneficiary word
    (``grammar.json`` beneficiary_words), then a name that may be a company's, a description ending with a class noun
    at most before it; no verb stands between the clause's opening and the beneficiary word, and the line is not in title case."""
    view, m = fig.sentence, fig.mention
    p = view.parse
    opening = max(view.text.rfind(mark, 0, m.start - view.start) for mark in DIGEST_CLAUSE_MARKS) + 1
    if len(view.text[opening:m.start - view.start].split()) > DIGEST_OPENING_WORDS or title_case(view.text):
        return None  # "$120M for Diverse Founders | $250M to Reduce Food Waste": a title-case headline's runs are no names
    found = _beneficiary_name(fig, round_noun=False)
    if found is None:
        return None
    at, name = found
    clause_start = view.start + opening
    if any(p.pos[k] in _VERBAL for k in range(view.token_at(clause_start), view.token_at(at)) if k < len(p.pos)):
        return None  # no verb before the beneficiary word (the description may hold one: "carbon-capture startup")
    return name


#: Characters at most of the lower-case words (a sector) before the figure inside a bracket after a name.
SECTOR_BRACKET_CHARS = 60
#: A bracket's opening after a name, then lower-case words (a sector) and a comma, right before the figure.
_SECTOR_BRACKET_BEFORE = re.compile(rf"\(\s*[^\W\d][^()\d,]{{0,{SECTOR_BRACKET_CHARS}}},\s*$")


def _sector_bracket_owner(fig: Figure) -> str | None:
    """A figure with no cue closing a bracket right after a name, a sector's lower-case words and a comma before it
    (« Quelques gros coups ont permis d'atténuer ce choc, avec Vektor (batterie électrique, 850 millions d'euros),
    Mistral AI (intelligence artificielle générative, 385 millions) »): the round of that name."""
    view, m = fig.sentence, fig.mention
    before = view.text[:m.start - view.start]
    opening = _SECTOR_BRACKET_BEFORE.search(before)
    if opening is None or not view.text[(fig.unit_end or m.end) - view.start:].lstrip().startswith(")"):
        return None
    sector = before[opening.start() + 1:].rstrip(" ,")
    if any(w[:1].isupper() for w in sector.split()):
        return None  # a name inside the bracket: no sector's words
    at = view.start + opening.start()
    return next((n.text.strip() for n in view.names if n.end <= at and not view.text[n.end - view.start:at - view.start].strip()
                 and _company_candidate(view, n)), None)


def _named_raiser_stat(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A market-statistic cue after the figure ("in venture funding", "during the fourth quarter") whose verb has a
    company's name for subject ("Chime, another financial services startup, rang up $53 million in venture funding
    during the fourth quarter"): the kind of money and the time one company raised it in, no market's total. A one-word
    name the model reads as a person is such a doer ("Zipline has raised $190 million in venture funding")."""
    if cue.start < (fig.unit_end or fig.mention.end) or (verb := _governing_verb(fig)) is None:
        return False
    p, subject = view.parse, _grammar(view.language)["subject"]
    doers = [p.starts[k] for k in p.children(verb) if p.deps[k] in subject]
    opening = max(fig.lo, view.opening)
    opening += len(view.text[opening - view.start:]) - len(view.text[opening - view.start:].lstrip(" \"“«"))
    doers.append(opening)  # the name the clause opens with (the model may miss the subject of "Chime, another …")
    return any(n.start <= at < n.end and n.end <= fig.mention.start and _company_name(n) and not _full_person(n)
               for at in doers for n in view.names)


def _raiser_named_after_stat(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A market-statistic cue before the figure, then a company's name that is the subject of the figure's verb
    ("Fintech continues to dominate funding for Philippine startups, with Neobank Kalvo securing $28 million"): that
    company's round, the statistic only its setting."""
    if cue.end > fig.mention.start or (verb := _governing_verb(fig)) is None:
        return False
    p, subject = view.parse, _grammar(view.language)["subject"]
    doers = [p.starts[k] for k in p.children(verb) if p.deps[k] in subject]
    return any(n.start <= at < n.end and cue.end <= n.start and n.end <= fig.mention.start and _company_name(n)
               and not _full_person(n) for at in doers for n in view.names)


#: What may stand between a figure and the market-statistic cue that says what kind of money it is ("$190 million in
#: venture funding").
_FIGURE_STAT_LINK = re.compile(r"\s*(?:in|of|en|de)?\s*", re.IGNORECASE)


def _earlier_figure_stat(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A market-statistic cue right after another, earlier figure of the sentence ("Kalvo has raised $190 million in
    venture funding and attained a $1.2 billion valuation"): it says what kind of money that figure is, so a later
    figure a valuation noun follows is a value, no worth of a count of deals."""
    return cue.end <= fig.mention.start and any(
        m.end <= cue.start and m.start != fig.mention.start
        and _FIGURE_STAT_LINK.fullmatch(view.text[m.end - view.start:cue.start - view.start])
        for m in view.money)


def _round_for_name(fig: Figure) -> str | None:
    """A round noun right after the figure (or right before it, "a funding round of $1 billion for"), a beneficiary
    word, then a company's name, a description ending with a class noun (and its comma) at most before it ("primarily
    due to the $3.5 million funding round for Egypt's trucking marketplace, Trella"): that company's round, whatever
    market words open the clause."""
    found = _beneficiary_name(fig, round_noun=True)
    return found[1] if found is not None else None


def _round_in_phrase_for_name(fig: Figure) -> str | None:
    """``_round_for_name`` within the figure's phrase: no comma, colon, semicolon or bracket between the figure and the
    beneficiary word ("a $478m series C funding round for payments firm Kalvo"; not "raised a $5.3 million Series A,
    Kalvo filed for Chapter 11")."""
    view, end = fig.sentence, fig.unit_end or fig.mention.end
    found = _beneficiary_name(fig, round_noun=True)
    if found is None or _PHRASE_END.search(view.text[end - view.start:found[0] - view.start]):
        return None
    return found[1]


def _round_of_figure_for_name(fig: Figure) -> str | None:
    """A round noun right before the figure, a beneficiary word right after it, then a company's name, a description
    ending with a class noun at most before it ("join a funding round of between US$500 million and US$1 billion for
    Indonesian e-commerce giant Tokopedia"): that company's round."""
    view, end = fig.sentence, fig.unit_end or fig.mention.end
    after = view.text[end - view.start:].split(maxsplit=1)
    if not after or after[0].lower() not in _grammar(view.language)["beneficiary_words"]:
        return None
    return _round_for_name(fig)


#: Words at most between a figure and the beneficiary word before a person's own company ("secured $150 million in a
#: new funding round led by Greenoaks for his robotics startup, X").
OWN_COMPANY_BENEFICIARY_WORDS = 10


def _raised_for_own_company(fig: Figure) -> str | None:
    """A beneficiary word after the figure, then a personal possessive (``grammar.json`` personal_possessives), a
    description ending with a class noun and the company's name ("He has now secured $150 million … for his robotics
    startup, The Bot Company"): a person raised it for that company, the company's round."""
    view = fig.sentence
    g = _grammar(view.language)
    end = fig.unit_end or fig.mention.end
    words = view.text[end - view.start:].split()[:OWN_COMPANY_BENEFICIARY_WORDS + 2]
    for k, word in enumerate(words[:-1]):
        if word.lower() in g["beneficiary_words"] and words[k + 1].lower() in g["personal_possessives"]:
            found = re.compile(rf"(?<!\w){re.escape(word)}\s+{re.escape(words[k + 1])}(?!\w)").search(
                view.text, end - view.start)
            if found is None:
                return None
            at = found.start() + view.start
            name = min((n for n in [*view.names, *view.investors] if n.start > at), key=lambda n: n.start, default=None)
            described = view.text[at - view.start:name.start - view.start].split()[2:] if name else []
            while described and described[-1].lower() in g["definite_determiners"]:
                described = described[:-1]  # "…, The Bot Company": the name's own article
            if described and described[-1].lower() in g["naming_participles"]:
                described = described[:-1]  # "for their grocery delivery app called Kalvo"
            if name is not None and _class_described(described) and _company_candidate(view, name):
                return name.text.strip()
            return None
    return None


def raised_by_person_for(fig: Figure, doer: str, people: set[str]) -> str | None:
    """The doer the parse found is a person (a name the model types a person's, or one of ``people``: the name keys of
    the people the article names in full, and their last names), and a beneficiary word after the figure, in its
    clause, names a company, a description ending with a class noun at most before it ("Musk raised another $250
    million back in August for SpaceX"): the person raised it for that company, the company's round."""
    view = fig.sentence
    if name_key(doer) not in people and not any(
            n.text.strip() == doer and n.person and n.end <= fig.mention.start for n in view.names):
        return None
    g = _grammar(view.language)
    end = fig.unit_end or fig.mention.end
    clause = _PHRASE_END.split(view.text[end - view.start:], maxsplit=1)[0]
    words = clause.split()[:OWN_COMPANY_BENEFICIARY_WORDS + 1]
    beneficiary = next((k for k, w in enumerate(words) if w.lower() in g["beneficiary_words"]), None)
    if beneficiary is None:
        return None
    at = end + len(re.split(rf"(?<!\w){re.escape(words[beneficiary])}(?!\w)", clause, maxsplit=1)[0])
    name = next((n for n in view.names if n.start > at), None)
    if name is None or name.person or name.start > end + len(clause):
        return None  # (a name past the clause's end: another clause's)
    described = view.text[at - view.start:name.start - view.start].split()[1:]
    while described and described[0].lower() in g["definite_determiners"] | g["personal_possessives"]:
        described = described[1:]  # "for his online bank, Orbix"
    if described and not _class_described(described):
        return None
    return name.text.strip() if _company_candidate(view, name) else None


def _beneficiary_name(fig: Figure, *, round_noun: bool) -> tuple[int, str] | None:
    """The place of the beneficiary word after a figure (``grammar.json`` beneficiary_words, a round noun at most
    between, required when ``round_noun``) and the company name it gives the figure to, a description ending with a
    class noun at most before it."""
    view, m = fig.sentence, fig.mention
    g = _grammar(view.language)
    end = fig.unit_end or m.end
    words = view.text[end - view.start:].split()
    beneficiary = next((k for k, w in enumerate(words[:ROUND_NOUN_BEFORE_BENEFICIARY_WORDS + 1])
                        if w.lower() in g["beneficiary_words"]), None)
    if beneficiary is None or len(words) <= beneficiary + 1 or (
            round_noun and not beneficiary and not _round_noun_before(view, fig)):
        return None  # a round noun after the figure, or right before it ("a funding round of $1 billion for Kalvo")
    at = view.text.index(words[beneficiary], end - view.start) + view.start  # the beneficiary word's place
    if beneficiary and not any(c.label == "ROUND" and end <= c.start and c.end <= at for c in view.cues) and (
            round_noun or not _only_date_between(view, end, at)):
        return None  # "$600 million in early-stage funding for": only a round noun between; a digest line's date
        # too (« 5 M€ en janvier pour Kalvo »)
    name = next((n for n in view.names if n.start > at and not _POSSESSIVE_AFTER.match(view.text[n.end - view.start:])),
                None)  # not the possessor inside the description ("for Egypt's trucking marketplace, Trella")
    if name is None:
        return None
    name = _name_past_description(view, name)
    described = view.text[at - view.start:name.start - view.start].split()[1:]  # "Swedish battery company"
    if described and not _class_described(described) and not (
            not round_noun and _determined_description(view, at, name)):
        return None
    return (at, name.text.strip()) if _company_candidate(view, name) else None


#: Words at most, besides a date phrase, between a digest line's figure and its beneficiary word (« en » of « 5 M€ en
#: janvier pour Kalvo »).
DATE_PREPOSITION_WORDS = 1


def _only_date_between(view: SentenceView, lo: int, hi: int) -> bool:
    """A date phrase between two article offsets and at most ``DATE_PREPOSITION_WORDS`` other words (« 5 M€ en
    janvier pour Kalvo », "$5M in March for Kalvo")."""
    dates = [d for d in view.dates if lo <= d.start and d.end <= hi]
    if not dates:
        return False
    gap, cut = [], lo
    for d in sorted(dates, key=lambda d: d.start):
        gap.append(view.text[cut - view.start:d.start - view.start])
        cut = d.end
    gap.append(view.text[cut - view.start:hi - view.start])
    return len(" ".join(gap).split()) <= DATE_PREPOSITION_WORDS


def _name_past_description(view: SentenceView, name: Name) -> Name:
    """The name a description opening with ``name`` and ending with a class noun leads to ("for P2E studio Azra
    Games": Azra Games), else ``name`` itself."""
    after = next((n for n in view.names if n.start > name.end), None)
    if after is not None and _class_described(view.text[name.end - view.start:after.start - view.start].split()):
        return after
    return name


def _class_described(described: list[str]) -> bool:
    """The words of a description before a name: some, at most ``DESCRIPTION_BEFORE_NAME_WORDS``, a class noun last
    (its comma aside: "Egypt's trucking marketplace,")."""
    return 0 < len(described) <= DESCRIPTION_BEFORE_NAME_WORDS and described[-1].rstrip(",").lower() in class_nouns()


#: Tokens at most of a digest line's description between its determiner and the name it ends (« pour le distributeur
#: de musique en ligne Belive Digital »: six).
DIGEST_DESCRIPTION_TOKENS = 7


def _determined_description(view: SentenceView, at: int, name: Name) -> bool:
    """The words between a digest line's beneficiary word (at ``at``) and the name are a description under a determiner
    that the name ends, no preposition last and no name or finite verb inside (« 100 M€ pour le réseau d'objets connectés Sigfox,
    70 M€ pour le site de ventes événementielles Showroomprivé »; not « pour le développement de Kalvo »: a purpose)."""
    p = view.parse
    tokens = [k for k in range(len(p.starts)) if at < p.starts[k] < name.start]
    return (0 < len(tokens) <= DIGEST_DESCRIPTION_TOKENS and p.pos[tokens[0]] == "DET"
            and p.pos[tokens[-1]] in {"NOUN", "ADJ", "VERB"}
            and all(p.pos[k] != "PROPN" and not p.finite[k] and view.text[p.starts[k] - view.start].islower()
                    for k in tokens[1:]))  # a participle may describe (« d'objets connectés »)


#: Marks after which a digest clause opens ("Three of the biggest transactions: $600 million for Kalvo; $110 million
#: for Orbix").
DIGEST_CLAUSE_MARKS = (":", ";")
#: Words at most between a figure and its beneficiary word ("$600 million in early-stage funding for"), a round noun
#: among them.
ROUND_NOUN_BEFORE_BENEFICIARY_WORDS = 4
#: Words at most of a description between a beneficiary word and the name it ends ("for Swedish battery company Kalvo").
DESCRIPTION_BEFORE_NAME_WORDS = 4


#: Cue labels of a figure summing many companies' deals.
_MARKET_LABELS = frozenset({"OTHER_MARKET", "OTHER_MARKET_STAT"})


def _rounds_combined(fig: Figure, cue: Cue, subject: str | None) -> bool:
    """A market word after the figure that only sums one company's coordinated rounds ("Kalvo is revealing $10
    million in combined seed and Series A funding"): round words follow it right away and coordinate, and the
    parse gives the figure a company, or a company pronoun ("it") is the subject of its verb."""
    view = fig.sentence
    if cue.start < fig.mention.end:
        return False
    rounds = [c for c in view.cues if c.label == "ROUND" and c.start >= cue.end]
    if not rounds or rounds[0].token_start != cue.token_end:
        return False
    p = view.parse
    phrase = range(cue.token_end, max(r.token_end for r in rounds))
    if not any(p.deps[k] in {"cc", "conj"} for k in phrase if k < len(p.deps)):
        return False
    if _grammatical_company(fig, subject, view.language) is not None:
        return True
    verb, g = _governing_verb(fig), _grammar(view.language)  # "It is also revealing $10 million in combined …"
    return verb is not None and any(p.deps[k] in g["subject"] and p.lemmas[k].lower() in g["company_pronouns"]
                                    for k in p.children(verb))


#: Words at most before a market word that opens its sentence (« Les jeunes pousses … », "The startups …").
MARKET_OPENING_WORDS = 1


def _opens_clause(view: SentenceView, cue: Cue) -> bool:
    """A market word that opens its sentence, a determiner at most before it."""
    return len(view.text[:cue.start - view.start].split()) <= MARKET_OPENING_WORDS


@functools.cache
def _owner_word_before(language: str) -> re.Pattern[str]:
    """An owner word (``grammar.json`` collective_owner_words) ending a text: what comes before a collective's owner."""
    words = _grammar(language)["collective_owner_words"]
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w).replace("'", "['’]") for w in words) + r")\s*$",
                      re.IGNORECASE)


def _names_besides_owners(view: SentenceView, cue: Cue, until: int) -> bool:
    """A name that may be a company's between a market word and a figure, other than the collective's owner right
    after an owner word (``grammar.json`` collective_owner_words: « les jeunes pousses de l'EPFL », "startups from
    the Lausanne Federal Institute"), or its acronym in brackets after it: « les start-up Kalvo et Tekora ont levé »
    names companies."""
    pattern = _owner_word_before(view.language)
    owner_seen = False
    for name in sorted(view.names, key=lambda n: n.start):
        if not (cue.end <= name.start and name.end <= until and _company_name(name) and not _place_after(view, name)):
            continue
        before = view.text[:name.start - view.start]
        if pattern.search(before) or (owner_seen and before.rstrip().endswith("(")):  # « … de Lausanne (EPFL) »
            owner_seen = True
            continue
        return True
    return False


def _market_word_subject(view: SentenceView, cue: Cue) -> bool:
    """A market word that is the subject of its clause (« Les start-up françaises ont doublé leurs levées »)."""
    subject = _grammar(view.language)["subject"]
    deps = view.parse.deps
    return any(k < len(deps) and deps[k] in subject for k in range(cue.token_start, cue.token_end))


def _named_between(view: SentenceView, start: int, end: int, *, company: bool = False) -> bool:
    """A name between two offsets of a sentence (a market word followed by the company it introduces);
    with ``company``, only a name that may be a company's; not a headline's capitalised cue word ("Indian Startups
    Raise $3.1 Billion": the verb, no name)."""
    return any(start <= n.start and n.end <= end and (not company or (_company_name(n) and not _place_after(view, n)))
               and not any(c.start <= n.start and n.end <= c.end for c in view.cues)
               for n in view.names)  # « les start-up de la région Aura »: a place


#: The words joining a round noun to the figure it is of (« un tour de 100 millions », "a round of $5m").
_ROUND_OF = re.compile(r"^\s*(?:de|d['’]|of)\s*$", re.IGNORECASE)


def _noun_of_figure(view: SentenceView, fig: Figure, label: str, role: str | None = None) -> bool:
    """A cue of ``label`` (and ``role``) right before the figure, joined to it by « de » / "of": the noun the figure
    is the amount of (« un tour de 100 millions », « un investissement de 3 millions »)."""
    return any(c.label == label and (role is None or c.role == role) and c.end <= fig.mention.start
               and _ROUND_OF.match(view.text[c.end - view.start:fig.mention.start - view.start]) for c in view.cues)


def _round_noun_before(view: SentenceView, fig: Figure) -> bool:
    """« un premier tour de 100 millions investi par Hinduja », "a round of $5m funded by X": the figure is the
    amount of the round noun right before it, the round, not one investor's ticket."""
    return _noun_of_figure(view, fig, "ROUND", "round:noun")


def _round_noun_after(view: SentenceView, fig: Figure, tok: tuple[int, int]) -> bool:
    """"a €105 million Seed round investment": the round noun right after decides."""
    return any(
        c.role == "round:noun" and c.start >= fig.mention.end and _near(view, c, tok) <= 2
        and not _behind_preposition(view, tok[1], c) for c in view.cues
    )


def _behind_preposition(view: SentenceView, figure_end: int, cue: Cue) -> bool:
    """A round noun that a preposition puts after the figure ("$2m in the round", « 2 M€ dans ce tour »):
    the round a ticket went into, not the figure's own noun."""
    pos = view.parse.pos
    return any(pos[k] == "ADP" for k in range(figure_end, min(cue.token_start, len(pos))))


#: A possessive ending the words right before a figure ("Assent Compliance’s $350M").
_POSSESSIVE_BEFORE_FIGURE = re.compile(r"\w['’]s\s*$")
#: Characters at most between a figure and the round noun it is the amount of ("$350M Series D").
ROUND_NOUN_AFTER_FIGURE_CHARS = 2


def _possessed_round_after(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A total's word before a figure that a possessive name owns and a round noun follows ("$652M raised across 10
    rounds, driven by large rounds like Assent Compliance’s $350M Series D"): the figure is that company's round, the
    total the sentence's."""
    unit_end = fig.unit_end or fig.mention.end
    return (cue.end <= fig.mention.start and _POSSESSIVE_BEFORE_FIGURE.search(view.text[:fig.mention.start - view.start])
            is not None and any(c.label == "ROUND" and c.role.startswith("round:noun")
                                and 0 <= c.start - unit_end <= ROUND_NOUN_AFTER_FIGURE_CHARS for c in view.cues))


def _estimates_a_sum(view: SentenceView, cue: Cue) -> bool:
    """A valuing word right after a noun of a sum of money (``grammar.json`` estimated_money_nouns: « la somme estimée
    à 1,2 milliard de dollars levée en octobre et novembre »): it sizes the sum, it values no company."""
    words = view.text[:cue.start - view.start].split()
    return bool(words) and words[-1].lower() in _grammar(view.language)["estimated_money_nouns"]


def _fund_taking_part(view: SentenceView, cue: Cue, figure_end: int) -> bool:
    """A fund's word after the figure, the fund's name in the same phrase, a word of taking part between them (« une levée
    de fonds de 122 millions d'euros, voyant entrer à son capital le nouveau fonds French Tech Souveraineté »): the
    named fund invests in the round, none is raised (not « a échoué à lever 70 millions d'euros auprès d'un fonds
    d'investissement américain », a fund no name tells)."""
    return figure_end <= cue.start and cue.label == "OTHER_FUND_CLOSE" and any(
        c.label in {"PARTICIPANTS", "LEAD"} and figure_end <= c.start and c.end <= cue.start for c in view.cues
    ) and any(cue.end <= n.start and not _CLAUSE_PUNCTUATION.search(view.text[cue.end - view.start:n.start - view.start])
              for n in view.names)


#: Punctuation that closes a phrase inside a sentence.
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()]")


def _own_relative_after(view: SentenceView, cue: Cue, figure_start: int) -> bool:
    """A cue before the figure that another list item holds: a relative clause opens between them, in which the
    figure stands (« l'entreprise Dija rachetée par Gopuff, le Français Cajoo, qui vient de lever 40 millions »)."""
    return cue.end <= figure_start and _RELATIVE_AFTER_NAME.search(
        view.text[cue.end - view.start:figure_start - view.start]) is not None


#: The words that make an acquisition word a listing vehicle's name ("special purpose acquisition company", « véhicule
#: d'acquisition »).
_ACQUISITION_VEHICLE_BEFORE = re.compile(rf"(?<!\w)(?:{_context_words('acquisition_vehicle_before')})$", re.IGNORECASE)
_ACQUISITION_VEHICLE_AFTER = re.compile(rf"\s+(?:{_context_words('acquisition_vehicle_after')})(?!\w)", re.IGNORECASE)


#: The words that make a fund word the means of an investor's money ("via his investment vehicle").
_INVESTING_VEHICLE_BEFORE = re.compile(rf"(?<!\w)(?:{_context_words('investing_vehicle_before')})$", re.IGNORECASE)


def _excused(view: SentenceView, cue: Cue) -> bool:
    """Cues that only look like a non-round figure: 'convertible debt' and a mix of equity and debt are round money; a
    SPAC's « véhicule d'acquisition » is no acquisition, nor a capitalised word opening a name inside the sentence
    ("Bought by Many"); buying a stake ("bought a stake worth $250m in Kalvo", « a
    acquis une participation ») is investing, not an acquisition; a listing denied (« pas encore cotée ») is none; a
    fund word after "via" or « à travers » is the vehicle an investor puts its money through ("via his sports
    investment vehicle J Tsai Sports"), no fund raised."""
    if cue.label == "OTHER_FUND_CLOSE":
        return _INVESTING_VEHICLE_BEFORE.search(view.text[:cue.start - view.start]) is not None
    if cue.label == "OTHER_DEBT":
        return debt_in_round(view.text[:cue.start - view.start], view.text[cue.end - view.start:])
    if cue.label == "OTHER_ACQUISITION" and (
            _ACQUISITION_VEHICLE_BEFORE.search(view.text[:cue.start - view.start]) is not None
            or _ACQUISITION_VEHICLE_AFTER.match(view.text[cue.end - view.start:]) is not None):
        return True  # « par le truchement d'un véhicule d'acquisition dédié (Spac) »: a listing vehicle's name
    if cue.label == "OTHER_IPO" and view.parse.heads and cue.token_start < len(view.parse.heads) and negated(
            view, cue.token_start):
        return True  # « qui n’est pas encore cotée en Bourse mais qui est déjà valorisée près de 10 milliards »: no listing
    if cue.label == "OTHER_ACQUISITION" and cue.start > view.opening and view.text[cue.start - view.start].isupper() \
            and any(n.start == cue.start for n in view.names):
        return True  # "a $350m series D round for insurtech firm Bought by Many": a capitalised word opening a name
    if cue.label == "OTHER_ACQUISITION" and view.parse.heads and cue.token_start < len(view.parse.heads):
        p, g = view.parse, _grammar(view.language)
        return any(p.deps[k] in g["object"] and p.lemmas[k] in g["stake_nouns"] for k in p.children(cue.token_start))
    return False


def _basis(view: SentenceView, fig: Figure) -> str | None:
    window = [c for c in view.cues if c.start >= fig.lo and c.end <= fig.hi]
    labels = {c.label for c in window}
    if "PRE_MONEY" in labels:
        return "pre"
    if "POST_MONEY" in labels:
        return "post"
    return None


#: "with" between a listed name and its figure (« Doctolib avec 500 millions d'euros », « Woodoo à hauteur de 28
#: millions », « Effy pour 20 millions »), a hedge allowed.
_WITH_FIGURE = re.compile(r"^\s+(?:avec|with|pour|à\s+hauteur\s+de)\s+"
                          r"(?:(?:près|plus|environ|about|over|nearly|more than|almost)\s+(?:de\s+|d['’])?)?$",
                          re.IGNORECASE)
#: A bracketed description right after a listed name (« Kandou (biotech), 55,5 millions »).
_ASIDE_AFTER_NAME = re.compile(r"^\s*\([^()]*\)")
#: What opens a list item before a name: a bracket, a comma, a colon, a dash or a word of examples (« dont », "including").
_LIST_ITEM_BEFORE = re.compile(r"(?:^|[(,:;—–-]|\bdont|\bincluding|\bnotamment)\s*(?:et\s+|and\s+)?(?:l['’]|le\s+|la\s+|the\s+)?$",
                               re.IGNORECASE)


#: Tokens at most between a figure and the valuation noun after it ("$295 million pre-money valuation of X").
VALUATION_NOUN_AFTER_REACH = 3


def _valuation_of_name(fig: Figure) -> str | None:
    """The company a valuation noun right after a figure names by a genitive ("a US$295 million pre-money valuation
    of Kalvo", « une valorisation de 2 Md€ de X » is the other order, not this one): that company's figure."""
    view, m = fig.sentence, fig.mention
    end_token = view.token_at(max(m.start, (fig.unit_end or m.end) - 1)) + 1
    marks = _grammar(view.language)["holder_of_marks"]
    for cue in view.cues:
        if cue.label not in {"VALUATION", "PRE_MONEY", "POST_MONEY"} or cue.start < m.end or not (
                0 <= cue.token_start - end_token <= VALUATION_NOUN_AFTER_REACH):
            continue
        after = view.text[cue.end - view.start:]
        word = after.split(maxsplit=1)[:1]
        if not word or word[0].lower() not in marks:
            continue
        gap_end = cue.end + len(after) - len(after.lstrip()) + len(word[0])
        named = next((n for n in view.names if gap_end <= n.start <= gap_end + 1 and _company_name(n)), None)
        if named is not None:
            return named.text
    return None


#: Characters at most between the end of a backing cue and its figure.
BACKED_FIGURE_GAP = 2


def _backed_before_figure(fig: Figure) -> str | None:
    """The company a backing verb takes as its object right before the words that bring in its figure (an ``INVEST``
    cue spans them: « a financé Kalvo à hauteur de 31 M$ », "backed Kalvo with $31 million"): the company backed."""
    view, m = fig.sentence, fig.mention
    for cue in view.cues:
        if cue.label != "INVEST" or not (cue.start < m.start and m.start - cue.end <= BACKED_FIGURE_GAP):
            continue
        p = view.parse
        inside = [k for k in range(view.token_at(cue.start) + 1, len(p.starts)) if p.starts[k] < cue.end]
        capitalised = [k for k in inside if view.text[p.starts[k] - view.start:][:1].isupper()]
        if not capitalised or capitalised != list(range(capitalised[0], capitalised[-1] + 1)):
            continue  # one run of capitalised words: the object's name
        text = view.text[p.starts[capitalised[0]] - view.start:view.token_ends[capitalised[-1]] - view.start]
        if not _known_investor(text) and name_key(text) not in _places():
            return text
    return None


def _coordinated_after_figure(view: SentenceView, cue: Cue, fig: Figure) -> bool:
    """The figure is coordinated after another figure that the investing cue reaches and that goes into a named
    company (« l'investissement de 215 millions dans l'application Kalvo et de 53 millions dans … »): the cue reaches
    it too."""
    earlier = [o for o in view.money if cue.end <= o.start and o.end <= fig.mention.start]
    if not earlier or view.token_at(earlier[0].start) - cue.token_end > INVESTING_VERB_BEFORE_REACH:
        return False
    first_investee = next((n for n in view.names if earlier[0].end <= n.start < fig.mention.start), None)
    if first_investee is None or not _invested_in(view.text[earlier[0].end - view.start:first_investee.start - view.start]):
        return False  # the first figure, too, goes into a company: the same build twice
    gap = view.text[:fig.mention.start - view.start]
    return _COORDINATED_FIGURE_BEFORE.search(gap) is not None


#: A conjunction and a genitive mark right before a figure (« … et de 53 millions », "and $53 million").
_COORDINATED_FIGURE_BEFORE = re.compile(r"\b(?:et|and)\s+(?:de\s+|d['’]\s*)?$", re.IGNORECASE)


def _genitive_owner(fig: Figure, subject: str | None) -> str | None:
    """"les 300 milliards d'OpenAI", "Aleph Alpha's $500 million": another company's figure."""
    view, m = fig.sentence, fig.mention
    invested = next((c for c in view.cues if c.label == "INVEST" and c.start >= m.end
                     and c.token_start - view.token_at(max(m.start, m.end - 1)) <= INVESTED_VERB_REACH), None)
    if invested is not None and (investee := next(
            (n for n in view.names if n.start >= invested.end and _company_name(n)
             and _invested_in(view.text[invested.end - view.start:n.start - view.start])
             and not _class_noun_invested_in(view, invested.end, n)), None)):
        return investee.text  # « 82 millions d'euros viennent d'être investis dans le spécialiste du logiciel Odoo »
    if backed := _backed_before_figure(fig):
        return backed  # « Orbix a financé Kalvo à hauteur de 31 M$ », "Orbix backed Kalvo with $31 million"
    end = fig.unit_end or m.end
    investing = next((c for c in view.cues if c.label == "INVEST" and c.end <= m.start
                      and 0 <= view.token_at(m.start) - c.token_end <= INVESTING_VERB_BEFORE_REACH), None) or next(
        (c for c in view.cues if c.label == "INVEST" and c.end <= m.start and _coordinated_after_figure(view, c, fig)),
        None)  # « l'investissement de 215 millions dans l'application Hopper et de 53 millions dans les bornes X »
    if investing is not None and (investee := next(
            (n for n in view.names if n.start >= end and _company_name(n)
             and _invested_in(view.text[end - view.start:n.start - view.start])
             and not _class_noun_invested_in(view, end, n)), None)):
        return investee.text  # "has invested $30m in technology startup X": X's round, never an investor
    for name in view.names:  # « 100 M$ annoncé par Uber dans la fintech X », "$5m invested by A into X": X's round
        if name.start >= m.end and _AGENT_AFTER_FIGURE.match(view.text[m.end - view.start:name.start - view.start]) and (
                investee := next((n for n in view.names if n.start > name.end and _company_name(n)
                                  and _invested_in(view.text[name.end - view.start:n.start - view.start])), None)):
            return investee.text
    if (valued := _valuation_of_name(fig)) is not None:
        return valued  # "arrived at a US$295 million pre-money valuation of Kalvo"
    for name in view.names:
        if not _company_name(name) or name.canonical:
            continue
        if _is_subject(name.text, subject):
            if (name.start >= m.end and _RECIPIENT_AFTER.match(view.text[m.end - view.start:name.start - view.start])
                    and not any(c.label == "TOTAL" for c in view.cues)):  # not "$2bn to date, … $1.5bn for X over 2017"
                return subject  # « 500 M€ rien que pour Doctolib », the article's company: its figure
            if _possessor_of_figure(view, name, m):
                return subject  # "Kalvo's $600 million round and Orbix' $245 million deal": the subject's own
            continue
        if name.start >= m.end and name.start - m.end <= 5 and _GENITIVE_AFTER.match(
            view.text[m.end - view.start:name.start - view.start]
        ):
            investee = next((n for n in view.names if n.start > name.end and _company_name(n)
                             and _invested_in(view.text[name.end - view.start:n.start - view.start])), None)
            if investee is None and (_invest_noun_before(view, fig) or _received(fig)):
                continue  # « un investissement de 3 millions du Fonds de solidarité FTQ », « a reçu 15 M€ de X »: X gives
            return (investee or name).text  # « 200 millions de dollars de Visa dans la fintech X »: X's round
        if name.start >= m.end and _described_owner(view, m.end, name) and not _received(fig):
            return name.text  # « les 2 millions d'euros de la biotech lyonnaise X », « de The Exploration Company »;
            # not « a obtenu 96 millions $ de la banque X »: X gives
        recipient_gap = view.text[m.end - view.start:name.start - view.start]
        if name.start >= m.end and not _known_investor(name.text) and (
                _RECIPIENT_AFTER.match(recipient_gap) or _described_owner(view, m.end, name, _RECIPIENT_START)
        ) and not _named_raiser_before(fig):
            return _name_past_description(view, name).text  # « 8 M€ pour la biotech X », "$200 million for the
            # rival platform X": X receives it
        if name.start >= m.end and _raised_by_name_after(view, m.end, name):
            return name.text  # « la plus grosse levée (68 M$) a été réalisée par la start-up X »: X raised it
        gap = view.text[name.end - view.start:m.start - view.start]
        if _possessor_of_figure(view, name, m):
            return name.text  # "Aleph Alpha's latest $500 million"; not "Elon Musk's xAI raised $6 billion", xAI's
        if (name.end <= m.start and _WITH_FIGURE.match(gap) and _company_candidate(view, name)
                and not _place_after(view, name) and _LIST_ITEM_BEFORE.search(view.text[:name.start - view.start])):
            return name.text  # « (Doctolib avec 500 millions d'euros, Qonto …) », "Kalvo with $5m, Orbix with $3m": its figure
        if (name.end <= m.start and (described := _ASIDE_AFTER_NAME.match(gap))
                and (_WITH_FIGURE.match(" " + gap[described.end():].lstrip(" ,")) or not gap[described.end():].strip(" ,"))
                and gap[described.end():].strip().startswith(",") and _company_candidate(view, name)
                and _LIST_ITEM_BEFORE.search(view.text[:name.start - view.start])):
            return name.text  # « : Sophia Genetics (TIC), avec 76 millions levés, Kandou (biotech), 55,5 millions »: a
            # listed name, its bracketed description, then its figure
        if (name.end <= m.start and gap.strip() == "," and not _known_investor(name.text)
                and _GAPPED_DOER_BEFORE.search(view.text[:name.start - view.start])):
            return name.text  # "Kalvo landing $9m and Orbix, $5m": the verb left out, Orbix's figure
    return _owner_after_round_noun(fig) or _bullet_item_owner(fig)


def _named_raiser_before(fig: Figure) -> bool:
    """A raising verb before the figure has a company's name for its subject in the parse ("Fateless Games secures
    $14M for community-led RPG Godforge"): what "for" names after the figure is what the money is for, a product or a
    project, not the company that receives it."""
    view, p = fig.sentence, fig.sentence.parse
    subjects = _grammar(view.language)["subject"]
    for cue in view.cues:
        if cue.label != "ROUND" or cue.role != "round" or cue.end > fig.mention.start or cue.token_start >= len(p.pos):
            continue
        for child in p.children(cue.token_start):
            if p.deps[child] in subjects and any(n.start <= p.starts[child] < n.end and _company_candidate(view, n)
                                                 for n in view.names):
                return True
    return False


def _bullet_item_owner(fig: Figure) -> str | None:
    """The name a bulleted list item opens with, when the item's figure comes after its colon (« • Beam Therapeutics
    (États-Unis), pionnier de la base CRISPR : 135 millions USD recueillis »): the item's company, whatever names its
    description holds."""
    view, m = fig.sentence, fig.mention
    bullet = _ITEM_BULLET.match(view.text)
    colon = view.text.find(":", 0, m.start - view.start)
    if bullet is None or colon < 0 or any(o.start < m.start and o.start > view.start + colon for o in view.money):
        return None
    first = next((n for n in view.names if n.start == view.start + bullet.end()), None)
    if first is None or first.end > view.start + colon or not _company_candidate(view, first) or any(
            view.start + colon < n.start < m.start for n in view.names):
        return None  # "- Funding Stage: … startup Zuvy securing $4.5 million": a rubric, the item's name after it
    return first.text.strip()


#: A possessive mark and at most two words between a name and its figure ("Aleph Alpha's latest $500 million"), the
#: mark alone after a name ending in "s" ("Quanta Dialysis Technologies' $245 million").
_POSSESSIVE_GAP = re.compile(r"^['’]s?\s+(?:\w+\s+){0,2}$")


#: Tokens at most between a figure and the round noun right after it ("$40 million Series D financing round").
ROUND_NOUN_AFTER_FIGURE = 4


def _owner_after_round_noun(fig: Figure) -> str | None:
    """"a $40 million financing round of thermal storage provider Ice Energy", "a $15M Series A for Kalvo": the round
    noun right after the figure, then its owner or recipient word, a description and the name (``_described_owner``), or
    the name alone ("round of X", "round for X")."""
    view, m = fig.sentence, fig.mention
    end = fig.unit_end or m.end
    cue = max((c for c in view.cues if c.label == "ROUND" and c.start >= end
               and c.token_start - view.token_at(max(m.start, end - 1)) <= ROUND_NOUN_AFTER_FIGURE
               and not any(end <= n.start < c.start for n in [*view.names, *view.investors])),
              key=lambda c: c.end, default=None)  # the last of "financing round"
    if cue is None:
        return None
    for name in view.names:
        if name.start < cue.end or not _company_name(name) or name.canonical or _known_investor(name.text):
            continue
        after_cue = cue.end + (letter.end() if (letter := _LABEL_LETTER.match(view.text[cue.end - view.start:])) else 0)
        dated = next((d for d in view.dates if d.end <= name.start and not view.text[
            after_cue - view.start:d.start - view.start].strip(" ,").split()[1:]), None)  # "a $15 million injection in
        after_cue = max(after_cue, dated.end) if dated else after_cue  # July for X": the date aside
        gap = view.text[after_cue - view.start:name.start - view.start]  # past a label's letter ("Series A for X")
        if (_GENITIVE_AFTER.match(gap) or _described_owner(view, after_cue, name)
                or _RECIPIENT_AFTER.match(gap) or _described_owner(view, after_cue, name, _RECIPIENT_START)):
            return _name_past_description(view, name).text  # "a $15M Series A for ChargeLab", "a $40 million round
            # for battery maker X": it receives it; "round for P2E studio Azra Games": Azra Games
        return None  # only the first name after the round noun may own it
    return None


def _raised_by_name_after(view: SentenceView, figure_end: int, name: Name) -> bool:
    """The figure set apart, then the passive of a raising verb and the name, described or not (``money_lexicon.json``
    raiser_after_figure: « (68 millions de dollars) a été réalisée par la start-up nigériane X »): X raised it."""
    if _known_investor(name.text) or name.canonical:
        return False
    return bool(_RAISER_AFTER.match(view.text[figure_end - view.start:name.start - view.start])) or _described_owner(
        view, figure_end, name, _RAISER_START)


def raiser_named_after(fig: Figure) -> str | None:
    """The first company name after a figure set apart that the passive of a raising verb gives it to."""
    view, end = fig.sentence, fig.mention.end
    name = next((n for n in view.names if n.start >= end and _company_name(n)), None)
    return name.text if name is not None and _raised_by_name_after(view, end, name) else None


#: A round label's letter after its round noun ("Series A", « série B2 »).
_LABEL_LETTER = re.compile(r"^\s+[A-H](?:\d|\+)?(?=[\s,.;]|$)")


#: Lower-case words at most describing the company an investor puts a figure into (« dans la société de fintech
#: nigériane X »).
INVESTEE_DESCRIPTION_WORDS = 8
_DESCRIPTION = re.compile(rf"^(?:(?:[^\W\d_A-Z]|[A-Z][\w'’]*-(?=[a-z]))[\w'’-]*,?\s+){{0,{INVESTEE_DESCRIPTION_WORDS}}}$")
# (a place glued to a lower-case word counts: "a Mumbai-based integrated cold chain operator")


#: A figure's participle and its agent's preposition ("$100 million announced by Uber", « 100 millions annoncé par
#: Uber »): the name after them puts the figure in, into the company named after it, if any.
_AGENT_AFTER_FIGURE = re.compile(r"^\s*(?:[^\W\d_A-Z][\w'’-]*\s+){1,2}(?:par|by)\s+$")
#: Lower-case words at most describing the source a figure comes from before its name (« auprès de la plateforme
#: d'investissement spécialisée dans ces stations, Hy24 »).
SOURCE_DESCRIPTION_WORDS = 8
#: What stands between a ticket's figure and the name it comes from: « auprès de » or "from", then a description.
_SOURCE_AFTER_FIGURE = re.compile(
    rf"^\s+(?:auprès\s+d(?:e|u|es|['’])|from)\s*(?:[^\W\d_A-Z][\w'’-]*,?\s+){{0,{SOURCE_DESCRIPTION_WORDS}}}$")


#: Tokens at most between a figure and the investing verb after it that names where it went (« 82 millions d'euros
#: viennent d'être investis dans X »).
INVESTED_VERB_REACH = 5
#: Tokens at most between an investing verb and the figure after it ("invested a further $30m in X").
INVESTING_VERB_BEFORE_REACH = 3


def _invest_noun_before(view: SentenceView, fig: Figure) -> bool:
    """An investing noun right before the figure (« un investissement de 3 millions », "an investment of $3m"): the
    name in the genitive after the figure is the investor, not the owner."""
    return _noun_of_figure(view, fig, "INVEST")


def _possessor_of_figure(view: SentenceView, name: Name, m: MoneyMention) -> bool:
    """The name owns the figure right after it by a possessive mark ("Aleph Alpha's latest $500 million",
    "Quanta Dialysis Technologies' $245 million"), with no other name between."""
    gap = view.text[name.end - view.start:m.start - view.start]
    return (name.end <= m.start and _POSSESSIVE_GAP.match(gap) is not None
            and (gap[1] == "s" or name.text.endswith("s"))
            and not any(name.end < n.start and n.end <= m.start for n in view.names))


#: Parts of speech that open a clause or a time phrase (« il y a deux ans »), never a class noun's modifiers.
_CLAUSE_POS = frozenset({"VERB", "AUX", "PRON"})


def _class_noun_invested_in(view: SentenceView, lo: int, name: Name) -> bool:
    """A class noun right after the investee word, then a clause or a time phrase before a comma, the name after it
    (« qui avaient déjà injecté 15 millions d'euros dans l'entreprise il y a deux ans, Serena, … ont participé »):
    the class noun is the company invested in, the one told of; the name after the comma is another (not « dans la
    fintech nigériane de mobilité, Moove », a description of the name)."""
    head, comma, _ = view.text[lo - view.start:name.start - view.start].partition(",")
    if not comma or not view.parse.pos:
        return False
    p, nouns = view.parse, class_nouns()
    tokens = [k for k in range(view.token_at(lo), len(p.pos)) if lo <= p.starts[k] < lo + len(head)]
    noun = next((i for i, k in enumerate(tokens) if _token_text(view, k).lower() in nouns), None)
    return noun is not None and any(p.pos[k] in _CLAUSE_POS for k in tokens[noun + 1:])


def _received(fig: Figure) -> bool:
    """The figure's governing verb is one of receiving (``grammar.json`` receiving_verbs: « a reçu 15 millions de
    X »): the name in the genitive after it is the giver."""
    verb = _governing_verb(fig)
    return verb is not None and fig.sentence.parse.lemmas[verb] in _grammar(fig.sentence.language)["receiving_verbs"]


def _invested_in(gap: str) -> bool:
    """The words between an investor and a name say the investor puts money into it: « dans la société X »."""
    start = _INVESTEE_START.match(gap)
    return start is not None and bool(_DESCRIPTION.match(gap[start.end():].lstrip()))


#: Words at most between the owner word after a figure and the name it introduces: a determiner, a class noun and
#: its adjectives (« de la biotech amiénoise X »), not counting the genitive mark of a bare noun complement
#: (« de l'entreprise de logiciels gantoise X »).
DESCRIBED_OWNER_WORDS = 4
#: Parts of speech of those words.
_DESCRIBING_POS = frozenset({"DET", "NOUN", "ADJ"})


def _described_owner(view: SentenceView, figure_end: int, name: Name, start: re.Pattern[str] = _GENITIVE_START) -> bool:
    """The figure is followed by its owner word, then a description of the name (a common noun with its
    determiner and adjectives, in lower case, or the name's own capitalised article), then the name, no investor: « les
    2 millions d'euros de la biotech amiénoise X », « la levée de 150 M€ de The Exploration Company »."""
    gap = view.text[figure_end - view.start:name.start - view.start]
    match = start.match(gap)
    if match is None or _known_investor(name.text) or name.canonical:
        return False
    p = view.parse
    words = [k for k in range(len(p.starts)) if figure_end + match.end() <= p.starts[k] < name.start]
    determiners = {w for language in ("fr", "en") for w in _grammar(language)["definite_determiners"]}
    def word(k: int) -> str:
        return view.text[p.starts[k] - view.start:view.token_ends[k] - view.start]
    if len(words) == 1 and word(words[0])[:1].isupper() and word(words[0]).lower() in determiners:
        return True  # « de The Exploration Company »: the article is the name's own
    if len(words) == 1 and word(words[0]).lower() in class_nouns():
        return True  # « les 200 millions de dollars de Unicorn Wave »: a capitalised class noun before the name
    placed_words = _grammar(view.language)["placed_words"]  # "for Indonesia-based online marketplace X"
    placed = {j for k in words if word(k).lower() in placed_words and k - 1 in words and word(k - 1) == "-"
              and k - 2 in words for j in (k - 2, k - 1, k)}  # where it is, not what it is
    joining = _grammar(view.language)["description_prepositions"]
    complements = {k for k in words if p.pos[k] == "ADP" and word(k).lower() in joining and k - 1 in words
                   and k + 1 in words and p.pos[k + 1] == "NOUN"}  # « l'entreprise de logiciels gantoise X », « l'agence
    # de voyages en ligne X »
    hyphened = {j for k in words if word(k) == "-" and k - 1 in words and k + 1 in words
                and view.token_ends[k - 1] == p.starts[k] and view.token_ends[k] == p.starts[k + 1]
                for j in (k - 1, k)}  # "on-demand storage startup X": a hyphened compound's first parts describe
    described = [k for k in words if k not in placed and k not in complements and k not in hyphened]
    nouns = class_nouns()
    compound_ends = {k for k in described if k - 1 in hyphened}  # "start-up": the compound's last part stands for it
    return 0 < len(described) <= DESCRIBED_OWNER_WORDS and any(
        p.pos[k] in {"NOUN", "PROPN"} or k in compound_ends for k in described) and all(
        (p.pos[k] in _DESCRIBING_POS or (p.pos[k] == "VERB" and k + 1 in described and p.pos[k + 1] == "NOUN")
         or k in compound_ends or (k == described[-1] and word(k).lower() in nouns)  # "storage startup X"
         or (p.pos[k] == "X" and k - 1 in described)  # « la start-up nigériane X », an adjective the tagger misses
         or (p.pos[k] == "PROPN" and k - 1 in described))  # « le zougois X »: a lower-case word tagged a name
        and word(k)[:1].islower() for k in described)  # not « un financement de la CDPQ »; "crowdlending
    # marketplace X", the tagger reading a verb in the noun's modifier


#: Tokens at most between a valuation noun and the figure for the name between them to own it.
VALUED_NAME_REACH = 12


def _valued_owner(fig: Figure, subject: str | None) -> str | None:
    """"slashed the valuation of its portfolio company Kalvo to $5.5bn", « la valorisation de Kalvo à
    2 Md€ »: the company named after the valuation noun's "of" owns the figure; else the name right before a valuing
    word right before it (``_named_right_before_value``)."""
    view, m = fig.sentence, fig.mention
    for cue in view.cues:
        if (cue.label != "VALUATION" or cue.role != "valuation" or not fig.lo <= cue.start or cue.end > m.start
                or view.token_at(m.start) - cue.token_end > VALUED_NAME_REACH
                or not _GENITIVE_START.match(view.text[cue.end - view.start:m.start - view.start])):
            continue
        named = [n for n in view.names if cue.end <= n.start and n.end <= m.start and _company_name(n)]
        if named and not _is_subject(named[-1].text, subject) and not named[-1].canonical:
            return named[-1].text
    return _named_right_before_value(fig)


#: What may stand between a valuing word and its figure for the name right before the word to own the figure ("valued
#: at $16.5 billion", "worth $7.7 billion").
_VALUE_GAP = re.compile(r"^\s*(?:at\s*)?$")


def _named_right_before_value(fig: Figure) -> str | None:
    """A company's name right before a valuing word right before the figure ("with e-commerce firm Trendyol valued at
    $16.5 billion and online grocery start-up Getir worth $7.7 billion"): that name's value, whatever the parse
    makes of the coordination."""
    view, m = fig.sentence, fig.mention
    for cue in view.cues:
        if cue.label != "VALUATION" or cue.start >= m.start or not (
                cue.end > m.start or _VALUE_GAP.match(view.text[cue.end - view.start:m.start - view.start])):
            continue
        name = next((n for n in view.names if n.end <= cue.start
                     and not view.text[n.end - view.start:cue.start - view.start].strip()), None)
        if name is not None and _company_candidate(view, name):
            return name.text.strip()
    return None


#: Names at least coordinated as the doers of an investing verb for its figure to be the round they made together
#: ("A, B, C and D pledged $9 million for X"), not one investor's ticket ("A and B committing €120 million": a joint one).
JOINT_ROUND_MIN_INVESTORS = 3


def _raised_by_verb(fig: Figure) -> bool:
    """The figure's verb is a raising verb ("Solar firm M-KOPA secures Sh1.9bn investment", « X obtient un
    investissement de 5 M€ »): the investment is received, the company's round, not one investor's ticket."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view = fig.sentence
    start = view.parse.starts[verb]
    return any(c.label == "ROUND" and c.role == "round" and c.start <= start < c.end for c in view.cues)


def _put_in_by_many(fig: Figure) -> bool:
    """An invested figure whose verb has a list of at least ``JOINT_ROUND_MIN_INVESTORS`` named doers: the round
    itself ("Asset management firm A and B together invested $80 million" stays one joint ticket)."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    for child in p.children(verb):
        if p.deps[child] in g["subject"]:
            starts = {p.starts[k] for k in _coordinated(p, child, g)}
            named = {n.start for n in [*view.names, *view.investors] if any(n.start <= at < n.end for at in starts)}
            if len(named) >= JOINT_ROUND_MIN_INVESTORS:
                return True
    return False


def _invested_in_after(view: SentenceView, fig: Figure, name: Name) -> bool:
    """The name stands after the figure behind the preposition of what is invested in (« un investissement de 80
    millions$ dans Lightspeed », "$5m into the startup Kalvo"): the investee, whatever fund its name is an alias of."""
    return name.start >= fig.mention.end and _invested_in(view.text[fig.mention.end - view.start:name.start - view.start])


def _investor_near(fig: Figure, subject: str | None) -> str | None:
    """The investor a figure's clause names: the agent right after it ("$100 million announced by Uber"), else
    known investors first, then other names."""
    view, m = fig.sentence, fig.mention
    agent = next((n for n in sorted([*view.investors, *view.names], key=lambda n: n.start) if n.start >= m.end
                  and _AGENT_AFTER_FIGURE.match(view.text[m.end - view.start:n.start - view.start])), None)
    if agent is not None and not _is_subject(agent.text, subject):
        return agent.canonical or canonical_investor(agent.text)
    if (source := _source_after_figure(fig, subject)) is not None:
        return source
    candidates = [n for n in view.investors if fig.lo <= n.start and n.end <= fig.hi and not owns_next_name(view, n)
                  and not _invested_in_after(view, fig, n)]
    if not candidates:
        candidates = [
            n for n in view.names
            if fig.lo <= n.start and n.end <= fig.hi and _company_name(n) and not _is_subject(n.text, subject)
            and not any(n.start < i.end and i.start < n.end for i in view.investors)
        ]
    # "Evergreen Coast Capital, une filiale d'Elliott Management, a déplié 100 millions": the owner invests nothing
    candidates = [n for n in candidates if not _is_subject(n.text, subject) and not _origin_before(view, n)
                  and not _invested_in_after(view, fig, n)
                  and not _ROLE_TITLE_AFTER.match(view.text[n.end - view.start:])  # "…, Vingroup vice chairperson
                  and not (n.start > m.start and _ROLE_TITLE_BEFORE.search(view.text[:n.start - view.start]))]  # Le
    if not candidates:  # Thi Thu Thuy said": where the speaker works, and the speaker after the figure (not "chairman
        return None  # Mohamed Alabbar has partnered … to put $1 billion into …")
    best = min(candidates, key=lambda n: (n.start > m.start, abs(n.start - m.start)))
    name = best.canonical or canonical_investor(best.text)
    partners: list[Name] = []
    joined = best
    while partner := next((n for n in candidates if n.end <= joined.start and re.fullmatch(
            r"\s+(?:and|et|&)\s+" if joined is best else r",\s+", view.text[n.end - view.start:joined.start - view.start])),
            None):  # "Nvidia and Salesforce committing another €120 million": one joint ticket; « 40 millions auprès de
        partners.insert(0, partner)  # ses actionnaires, A, B, C et D »: the whole list's
        joined = partner
    return " and ".join([*(n.canonical or canonical_investor(n.text) for n in partners), name])


#: Characters before a figure searched for the relative clause on a market that holds it.
MARKET_RELATIVE_REACH = 80


def _source_after_figure(fig: Figure, subject: str | None) -> str | None:
    """The names a ticket comes from, after « auprès de » or "from" and a short description (« pour 70 millions auprès
    de la plateforme d'investissement spécialisée dans ces stations, Hy24 »), with the names listed after the first
    (« 40 millions auprès de ses actionnaires, A, B et C »), joined by "and"; None when no such name follows."""
    view, m = fig.sentence, fig.mention
    end = fig.unit_end or m.end
    ordered = sorted([*view.investors, *view.names], key=lambda n: n.start)
    source = next((n for n in ordered if n.start >= end and n.end <= fig.hi
                   and _SOURCE_AFTER_FIGURE.match(view.text[end - view.start:n.start - view.start])), None)
    if source is None or _is_subject(source.text, subject) or _full_person(source) or not (
            source.canonical or _company_candidate(view, source, investor_ok=True)):
        return None  # not "£213m from US private equity group TSG": a place qualifying the source
    listed = [source]
    while following := next((n for n in ordered if n.start > listed[-1].end and re.fullmatch(
            r",\s+|\s+(?:and|et|&)\s+|,\s+(?:and|et)\s+", view.text[listed[-1].end - view.start:n.start - view.start])),
            None):
        listed.append(following)
    return " and ".join(n.canonical or canonical_investor(n.text) for n in listed)


#: Parts of speech that may stand between a figure and a modal cue after it ("$5m, reportedly").
_MODAL_AFTER_POS = frozenset({"PUNCT", "AUX"})
#: Tokens at most between a figure and a modal cue after it; one more when a pronoun opens a relative clause
#: on the figure with no relative word ("a $250m it is reportedly trying to raise").
MODAL_AFTER_GAP = 1


#: Tokens at most between a verb of success and the seeking word it makes a done deal (« a réussi à aller chercher »).
SUCCESS_VERB_REACH = 3


def hedged_before(fig: Figure) -> bool:
    """A rumour or plan cue ("in talks", « compte lever ») or the conditional mood before the figure in its own clause:
    the figure itself is a round in the making, whatever source the sentence gives."""
    view, m = fig.sentence, fig.mention

    def same_clause(at: int) -> bool:  # « X est en train de rattraper son retard : Y a levé 5 M€ »
        return _CLAUSE_BREAK.search(view.text[at - view.start:m.start - view.start]) is None

    p, g = view.parse, _grammar(view.language)
    for cue in view.cues:
        if (cue.label == "REPORTED_MODAL" and fig.lo <= cue.start and cue.start < m.start
                and same_clause(min(cue.end, m.start))):  # a cue may end inside the figure: « On cherche 6 millions »
            if cue.text == "may" and view.text[cue.start - view.start:cue.start - view.start + 1].isupper():
                continue
            if any(p.lemmas[k].lower() in g["success_verbs"]
                   for k in range(max(0, cue.token_start - SUCCESS_VERB_REACH), min(cue.token_start, len(p.lemmas)))):
                continue  # « DalCor a réussi à aller chercher 150 millions »: the seeking succeeded
            return True
    return any(fig.lo <= at < m.start and same_clause(at) for at in view.conditional_at)


def _status(fig: Figure) -> str:
    view, m = fig.sentence, fig.mention
    if hedged_before(fig):
        return "reported"
    tok_end = view.token_at(max(m.start, m.end - 1)) + 1
    pos = view.parse.pos
    contact = tok_end < len(pos) and pos[tok_end] == "PRON"  # "a $250m it is reportedly trying to raise"
    for cue in view.cues:
        if (cue.label == "REPORTED_MODAL" and cue.start >= m.end
                and cue.token_start - tok_end <= (MODAL_AFTER_GAP + contact)
                and all(k >= len(pos) or pos[k] in _MODAL_AFTER_POS or (k == tok_end and contact)
                        for k in range(tok_end, cue.token_start))):
            if _modal_of_purpose(view, cue):
                continue  # « une levée de fonds de 49 M€ qui devrait lui permettre d’accélérer »: what the money will do
            return "reported"  # "$5m, reportedly"; not "£42 million after reportedly being hit"
    if _announced_round(fig):
        return "announced"  # "… is raising $100 million, sources said, four months after the announcement of its
        # €100 million round": the earlier round was announced, whoever tells the new one
    last_money_end = max(x.end for x in view.money)
    announced = [c for c in view.cues if c.label == "ANNOUNCED"]
    done = _done_raise(fig)
    for cue in view.cues:
        if cue.label != "REPORTED_ATTRIB" or any(a.start <= cue.start and cue.end <= a.end for a in announced):
            continue  # « selon la société », "according to Crunchbase": the company's word, a register
        if done and cue.role not in _SOURCELESS_ROLES:
            continue  # "Patreon raised $60 million, TechCrunch reported": a deal done, the press its messenger
        if cue.role == REPORTER_SUBJECT_ROLE and tells_own_round(view, cue):
            continue  # "Kalvo Group on Tuesday reported its latest round had generated $150 million": its own word
        if _company_voice_subject(view, cue):
            continue  # "…, the esports organization told ESPN", "a spokesperson told Reuters": the company's word
        if cue.end <= m.start or cue.start >= last_money_end or cue.role == UNNAMED_ROLE:
            return "reported"  # "… to raise $500 million, people familiar with the matter said, adding … $1 billion"
    return "announced"



#: Tokens at most between a modal and the enabling verb it governs, a pronoun or an adverb between (« devrait lui
#: permettre »).
PURPOSE_VERB_REACH = 2


def _modal_of_purpose(view: SentenceView, cue: Cue) -> bool:
    """The modal governs an enabling verb (``grammar.json`` enabling_verbs: « qui devrait lui permettre d’accélérer »,
    "which should help it hire"): it tells what the money will do, not whether the round is done."""
    p, g = view.parse, _grammar(view.language)
    for k in range(cue.token_end, min(cue.token_end + PURPOSE_VERB_REACH + 1, len(p.lemmas))):
        if p.lemmas[k].lower() in g["enabling_verbs"]:
            return True
        if p.pos[k] not in {"PRON", "ADV"}:
            return False
    return False


def _company_voice_subject(view: SentenceView, cue: Cue) -> bool:
    """The subject of the cue's verb is a common noun of the company or of who speaks for it ("the company told
    TechCrunch", "the esports organization told ESPN", "a spokesperson told Reuters"; company class nouns and
    ``grammar.json`` company_voice_nouns): the company's own word to the press, no rumour."""
    p = view.parse
    if not p.heads:
        return False
    g = _grammar(view.language)
    nouns = class_nouns() | g["company_voice_nouns"]
    return any(p.deps[k] in g["subject"] and p.pos[k] == "NOUN" and p.lemmas[k].lower() in nouns
               for verb in range(cue.token_start, min(cue.token_end, len(p.heads))) for k in p.children(verb))


#: Tokens at most between an announcement noun and the figure of the round it announced (« l'annonce de son tour de
#: table de 100 M€ »).
ANNOUNCEMENT_NOUN_REACH = 8


def _announced_round(fig: Figure) -> bool:
    """The figure stands in the complement of an announcement noun (« quatre mois après l'annonce de son tour de
    table de 100 millions d'euros », "after the announcement of its €100 million round"): a round told as announced."""
    view, p = fig.sentence, fig.sentence.parse
    if not p.pos:
        return False
    nouns = _grammar(view.language)["announcement_nouns"]
    first = view.token_at(fig.mention.start)
    for k in range(max(0, first - ANNOUNCEMENT_NOUN_REACH), min(first, len(p.pos))):
        if p.pos[k] == "NOUN" and p.lemmas[k].lower() in nouns:
            between = view.text[view.token_ends[k] - view.start:fig.mention.start - view.start]
            if _GENITIVE_START.match(between) and not any(mark in between for mark in ",;:"):
                return True
    return False


def _done_raise(fig: Figure) -> bool:
    """The figure's own verb is a funding verb the company did, not one it plans: a finite inflected form ("raised",
    "raises", « lève »), or a participle with the perfect's auxiliary ("has raised", « a levé »), no conditional."""
    view = fig.sentence
    p = view.parse
    if not p.heads or not p.finite:
        return False
    g = _grammar(view.language)
    telling = _governing_verb(fig)  # « X a annoncé une levée de 250 M€, rapportent Les Échos »: the company's own
    # word, the press its messenger
    told = [telling] if telling is not None and p.lemmas[telling].lower() in g["deal_doing_verbs"] else []
    for verb in [*_own_verbs(fig), *told]:
        if verb not in told and not any(c.label == "ROUND" and c.token_start <= verb < c.token_end for c in view.cues):
            continue
        word = _token_text(view, verb).lower()
        if any(p.starts[k] in view.conditional_at for k in (verb, *p.children(verb))) or word.endswith(
                tuple(g["conditional_endings"])):
            return False  # « aurait levé », « lèverait » (which the tagger may read as an imperfect)
        if p.finite[verb] and word != p.lemmas[verb].lower():
            return True
        if _perfect_auxiliary(view, verb):
            return True
        enabling = p.heads[verb]  # « le tour de série B a permis de lever 36,7 millions de dollars »: the enabling verb
        if (enabling != verb and not p.finite[verb] and p.lemmas[enabling].lower() in g["enabling_verbs"]  # done, so is
                and not any(p.starts[k] in view.conditional_at for k in (enabling, *p.children(enabling)))  # the raise
                and (_perfect_auxiliary(view, enabling) or (p.finite[enabling] and not _token_text(
                    view, enabling).lower().endswith(tuple(g["conditional_endings"]))))):
            return True
    return False


#: Cue labels whose noun is a figure's own ("la valorisation de 250 M€ retenue lors de ...").
_FIGURE_NOUN_LABELS = frozenset({"VALUATION", "ROUND"})


def _own_verbs(fig: Figure) -> list[int]:
    """The verbs of the figure's own clause: the first verb up the parse from it, or, when its own noun
    comes first (« la valorisation de 250 M€ retenue lors de ... »), the verbs that noun governs."""
    view, m = fig.sentence, fig.mention
    p = view.parse
    if not p.heads:
        return []
    noun_cues = [c for c in view.cues if c.label in _FIGURE_NOUN_LABELS]
    node = min(view.token_at(m.start), len(p.heads) - 1)
    for _ in range(MAX_HEAD_STEPS):
        head = p.heads[node]
        if head == node:
            return []
        node = head
        if p.pos[node] in _VERBAL:
            return [node]
        if any(c.token_start <= node < c.token_end for c in noun_cues):
            return [k for k in p.children(node) if p.pos[k] in _VERBAL]
    return []


def _own_verb_hedged(fig: Figure) -> bool:
    """A rumour word or a conditional in the figure's own clause ("was reportedly valued at", « aurait été
    valorisée »), not in another clause of its sentence ("Sources say the valuation would show ...
    Monzo, which was valued at $1.5 billion in its last round")."""
    view, p = fig.sentence, fig.sentence.parse
    own = {k for verb in _own_verbs(fig) for k in (verb, *p.children(verb))}
    starts = {p.starts[k] for k in own}
    return any(c.label == "REPORTED_MODAL" and any(c.token_start <= k < c.token_end for k in own)
               for c in view.cues) or any(at in starts for at in view.conditional_at)


#: The role of a cue saying that a figure is not confirmed ("The company has not confirmed the figure").
UNCONFIRMED_ROLE = "reported_attrib:unconfirmed"
#: The role of a cue naming no source ("people familiar with the matter", « des sources proches »).
UNNAMED_ROLE = "reported_attrib:unnamed"
#: Attribution roles that keep a deal done reported: unnamed sources, a figure not confirmed.
_SOURCELESS_ROLES = frozenset({UNNAMED_ROLE, UNCONFIRMED_ROLE})
#: The role of a cue naming unnamed sources ("people familiar with the matter", « des sources proches du
#: dossier »): said in the sentence after a figure, it is that figure's source too.
UNNAMED_SOURCE_ROLE = "reported_attrib:unnamed"


def _unconfirmed(figures: list[Figure], views: list[SentenceView]) -> None:
    """A round figure that its sentence, or the next one of its paragraph, says is not confirmed is
    reported, and so is every figure of the same amount (the headline's, a restatement); so is one whose next
    sentence, holding no figure, names unnamed sources ("That's according to people familiar with the matter")."""
    doubting = {(v.paragraph, v.index) for v in views if any(
        c.role == UNCONFIRMED_ROLE or (c.role == UNNAMED_SOURCE_ROLE and not v.money) for c in v.cues)}
    # « X vient de conclure une ronde de 70 M$. A et B font partie de cette nouvelle injection de capitaux, rapportait
    # The Logic »: the next sentence, holding no figure, takes the deal up and says a medium reported it
    sourced = {v.index for v in views if not v.money and _reports_the_deal_told(v)}
    doubted: set[tuple[float, str | None]] = set()
    for fig in figures:
        view = fig.sentence
        if fig.role == "round" and ({(view.paragraph, view.index), (view.paragraph, view.index + 1)} & doubting
                                    or (view.index + 1 in sourced and not _announced_here(view))):
            doubted.add((fig.value, fig.currency))
    for fig in figures:
        if (fig.value, fig.currency) in doubted:
            fig.status = "reported"


def _reports_the_deal_told(view: SentenceView) -> bool:
    """A sentence with a verb of reporting by a named source ("reported_attrib:by_subject": « rapportait The Logic »,
    "Bloomberg reported") that takes up the deal just told by a demonstrative round noun (« cette nouvelle injection
    de capitaux », "this round")."""
    p, g = view.parse, _grammar(view.language)
    reporting = any(c.role == "reported_attrib:by_subject" for c in view.cues)
    taken_up = any(c.label in {"ROUND", "INVEST"} and any(
        p.lemmas[k].lower() in g["demonstrative_determiners"] for k in range(max(0, c.token_start - 2), c.token_start))
        for c in view.cues)
    return reporting and taken_up


def _announced_here(view: SentenceView) -> bool:
    """A sentence that says the company or its investors announced the deal (an ``ANNOUNCED`` cue)."""
    return any(c.label == "ANNOUNCED" for c in view.cues)


#: Words at most before the figure of a verbless sentence that states the amount of the round told just before
#: (« De l'ordre de », "Some").
FRAGMENT_OPENING_WORDS = 4


def _amount_of_a_round_before(figures: list[Figure], views: list[SentenceView]) -> None:
    """« D'autres investisseurs ont participé à ce tour de table, dont le montant n'a pas été révélé. Il serait
    compris entre 15 et 20 millions de dollars »: a figure with no cue of its own, whose verb has a pronoun for
    subject or that opens a sentence with no verb over it after a round noun (« … une nouvelle levée de fonds record.
    De l'ordre de 200 à 300 millions d'euros, qui permettront … »; not « réussir à lever... 20 millions »), right
    after a sentence of its paragraph that speaks of a round and states no round figure, is the amount of that
    round."""
    by_index = {v.index: v for v in views}
    stated = {id(f.sentence) for f in figures if f.role == "round"}
    for fig in figures:
        view = fig.sentence
        before = by_index.get(view.index - 1)
        if (fig.role != "other" or fig.why != "unrelated" or before is None or before.paragraph != view.paragraph
                or id(before) in stated or not any(c.label in {"ROUND", "INVEST"} for c in before.cues)
                or any(c.label in _OTHER_LABELS for c in before.cues)):  # not « Le ticket moyen a augmenté »
            continue
        verb = _governing_verb(fig)
        p, g = view.parse, _grammar(view.language)
        if verb is not None and any(p.deps[k] in g["subject"] and p.lemmas[k].lower() in g["thing_pronouns"]
                                    for k in p.children(verb)):
            fig.role, fig.why = "round", None
        elif (noun := _noun_above(fig)) is not None and p.lemmas[noun].lower() in g["amount_nouns"]:
            fig.role, fig.why = "round", None  # « la somme d'un milliard de dollars a été évoquée »
        elif (verb is None and len(view.text[:fig.mention.start - view.start].split()) <= FRAGMENT_OPENING_WORDS
              and any(c.role == "round:noun" for c in before.cues)):
            fig.role, fig.why = "round", None  # « … une nouvelle levée de fonds record. De l'ordre de 200 à 300
            # millions d'euros, qui permettront … »: a verbless sentence that states the round's amount


def _noun_above(fig: Figure) -> int | None:
    """The noun the parse hangs the figure on (« la *somme* d'un milliard de dollars »), if its head is one."""
    p = fig.sentence.parse
    if not p.heads:
        return None
    first, inside = _figure_tokens(fig)
    node = first
    for _ in range(len(inside) + 2):
        if p.heads[node] == node:
            return None
        node = p.heads[node]
        if node not in inside and p.pos[node] != "ADP":  # "a sum of $1 billion": past the preposition
            return node if p.pos[node] == "NOUN" else None
    return None


def _headline_follows_body(figures: list[Figure], headline_end: int) -> None:
    """A headline states flatly what the body hedges ("Kalvo Raises $65 Mn" over "Kalvo has reportedly
    raised $65 Mn"): when every round figure of an amount in the body is reported, so is the headline's
    (the text's first ``headline_end`` characters)."""
    if headline_end <= 0:
        return
    amounts = {(f.value, f.currency) for f in figures if f.role == "round"}
    for amount in amounts:
        same = [f for f in figures if f.role == "round" and (f.value, f.currency) == amount]
        body = [f for f in same if f.mention.start >= headline_end]
        if body and all(f.status == "reported" for f in body):
            for f in same:
                f.status = "reported"


#: Relative gap at most between a headline's approximate valuation and the body's exact one it rounds ("reaches near
#: $2B valuation" over "based on a $1.7 billion valuation"): a quarter of the body's.
HEADLINE_ROUNDING_SHARE = 0.25


def _headline_rounds_body(figures: list[Figure], headline_end: int) -> None:
    """A headline's approximate valuation ("near $2B", « près de 2 milliards ») that the body gives exactly, once and
    within ``HEADLINE_ROUNDING_SHARE`` ("a $1.7 billion valuation"), and never at the headline's value: the same
    valuation rounded, no second one."""
    if headline_end <= 0:
        return
    for fig in figures:
        if (fig.role != "valuation" or fig.mention.start >= headline_end
                or fig.mention.money.qualifier not in {"about", "more_than"}):
            continue
        body = [f for f in figures if f.role == "valuation" and f.mention.start >= headline_end
                and f.currency == fig.currency]
        close = [f for f in body if f.value and abs(fig.value - f.value) <= HEADLINE_ROUNDING_SHARE * f.value]
        if len(close) == 1 and close[0].value != fig.value and not any(f.value == fig.value for f in body):
            fig.role, fig.why = "other", "headline_rounding"


def _valuations_restated(figures: list[Figure]) -> None:
    """A round figure with no round word near it, whose amount the article gives elsewhere as a valuation
    and never as another round, restates that valuation (« Le Pari de 39 Milliards de Dollars ... : La
    Méga-Levée de Fonds de Figure AI » over « ... à une valorisation de 39 milliards de dollars »)."""
    valued = {(f.value, f.currency) for f in figures if f.role == "valuation"}
    for fig in figures:
        if fig.role != "round" or (fig.value, fig.currency) not in valued or any(
                g is not fig and g.role == "round" and (g.value, g.currency) == (fig.value, fig.currency)
                for g in figures):
            continue
        view, m = fig.sentence, fig.mention
        tok = (view.token_at(m.start), view.token_at(max(m.start, (fig.unit_end or m.end) - 1)) + 1)
        if not any(c.label == "ROUND" and _near(view, c, tok) <= (
                CUE_REACH_BEFORE if c.end <= m.start else CUE_REACH_AFTER) for c in view.cues):
            fig.role, fig.why = "valuation", None


#: Words at most between a figure and the determiner before it that makes it a mention of an amount
#: already stated ("the entire $250 million").
REFERRING_WORDS = 2


def _under_definite_determiner(fig: Figure) -> bool:
    """A figure opened by a definite determiner, a few adjectives or adverbs aside ("the entire $250 million",
    « les 741 M€ »): an amount the reader is meant to know already."""
    view, p = fig.sentence, fig.sentence.parse
    determiners = _grammar(view.language)["definite_determiners"]
    k = view.token_at(fig.mention.start) - 1
    for _ in range(REFERRING_WORDS + 1):
        if k < 0 or k >= len(p.pos):
            return False
        if p.pos[k] == "DET":
            return p.lemmas[k].lower() in determiners
        if p.pos[k] not in {"ADJ", "ADV"}:
            return False
        k -= 1
    return False


#: Kinds of figure that are no round but may be read so for want of a better cue (a market figure is where a
#: figure with only plural round words goes): too weak to pass on to a restatement.
_GUESSED_KINDS = frozenset({None, "unrelated", "market_total"})


def _restated_roles(figures: list[Figure]) -> None:
    """A figure under a definite determiner that restates the amount of an earlier figure the text said is
    no round (a fund close, a total, a market figure) is that figure again ("has another A$500 million to
    invest after raising its fourth fund ... said that the A$500 million marks its largest fund")."""
    for i, fig in enumerate(figures):
        if fig.role not in {"round", "valuation"} or not _under_definite_determiner(fig):
            continue
        earlier = next((g for g in figures[:i] if g.role == "other" and g.why not in _GUESSED_KINDS
                        and (g.value, g.currency) == (fig.value, fig.currency)), None)
        if earlier is not None and not any(g.role == fig.role and (g.value, g.currency) == (fig.value, fig.currency)
                                           for g in figures if g is not fig):
            fig.role, fig.why, fig.basis = "other", earlier.why, None


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
              and all(gap(d, m.start, end) <= gap(d, o.start, o.end) or _closes_conjunct(view, d, end, o.start)
                      for o in others)
              and not any(_closes_conjunct(view, d, o.end, m.start) for o in others if o.end <= d.start)]
    if not inside:
        return _opening_date(view)
    return min(inside, key=lambda d: gap(d, m.start, end))


def _coordinated_between(view: SentenceView, start: int, end: int) -> bool:
    """A coordinating conjunction between two offsets of a sentence ("and", « et »)."""
    p = view.parse
    return any(start <= p.starts[k] < end and p.pos[k] == "CCONJ" for k in range(len(p.pos)))


def _closes_conjunct(view: SentenceView, date: DateMention, figure_end: int, next_start: int) -> bool:
    """A date right after a figure's own phrase, with no conjunction between them, and a conjunction between it and
    the next figure ("$6.2 million in Pre-Series A funding in December 2020 and $3.2 million in
    seed funding in June 2020"): the date closes the first figure's conjunct, whichever figure stands nearer."""
    return (figure_end <= date.start and date.end <= next_start
            and not _coordinated_between(view, figure_end, date.start)
            and _coordinated_between(view, date.end, next_start))


def _through_public_plan(view: SentenceView, usable: list[Cue]) -> bool:
    """A public plan in the figure's clause that a channel word introduces (``grammar.json`` channel_words, with one of
    its channel_articles or none: « un
    apport de 10 millions d'euros, via France 2030, qui consolide les ressources de la startup »): the money came
    through the plan, public money, no round however near a funding word stands."""
    grammar = _grammar(view.language)
    articles = "|".join(re.escape(w) for w in grammar["channel_articles"])
    return any(c.label == "OTHER_PUBLIC_PLAN" and any(
        re.search(rf"(?:^|\s){re.escape(w)}\s+(?:(?:{articles})\s*)?$", view.text[:c.start - view.start], re.IGNORECASE)
        for w in grammar["channel_words"]) for c in usable)


#: A bare count (one to three digits, no currency, no decimal mark before it) right before a value word: what the
#: figure is the worth of is a number of things (deals), no company.
_COUNT_BEFORE_WORTH = re.compile(r"(?<![\w.,$€£¥])\d{1,3}\s+$")


def _count_worth(view: SentenceView, cue: Cue) -> bool:
    """A value word right after a bare count ("The Robot Report tracked 29 investments, compared with 43 worth $1.3
    billion"): the worth of the things counted, a market figure, not a valuation."""
    return _COUNT_BEFORE_WORTH.search(view.text[:cue.start - view.start]) is not None


def _passed_threshold(fig: Figure, usable: list[Cue]) -> bool:
    """A threshold cue of the figure's clause before it (``THRESHOLD_ROLE``: "the first fintech to cross"): the figure is
    the mark passed, neither a round nor a valuation."""
    return any(c.role == THRESHOLD_ROLE and fig.lo <= c.start and c.end <= fig.mention.start for c in usable)


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
    "1,7 milliard d'euros ($2 billion)", "5.8 billion euros, or about $6.2 billion", a
    different amount in brackets ("$8.5m (US$6.3m)": Singapore and US dollars), and each currency a bracket lists
    ("NOK 13.5 million (USD 1.2 million, EUR 1.1 million)")."""
    found: set[int] = set()
    for i in range(1, len(view.money)):
        before, this = view.money[i - 1], view.money[i]
        gap = view.text[before.end - view.start:this.start - view.start]
        # a date between the two does not part them when a restating word follows it: « 40 milliards de
        # dollars au printemps 2025, soit ... », not « 9 M€ en mars 2019 (3 M€) »
        after = max([d.end for d in view.dates if before.end <= d.start and d.end <= this.start], default=before.end)
        dated = _YEAR_PHRASE.sub("", view.text[after - view.start:this.start - view.start], count=1)
        if dated != gap and _RESTATING_WORD.search(dated):
            gap = dated
        other_currency = this.money.currency != before.money.currency
        # "$8.5m (US$6.3m)", "$US18.2 million ($27 million)": two dollars, one figure in two currencies
        bracketed_dollars = gap.strip() == "(" and this.money.value != before.money.value
        if (_ALTERNATIVE_GAP.match(gap) and this.money.currency and before.money.currency
                and (other_currency or bracketed_dollars) and i - 1 not in found):
            found.add(i)
        elif i - 1 in found and gap.strip() == "," and this.money.currency and other_currency and "(" in view.text[
                view.money[i - 2].end - view.start:before.start - view.start]:
            found.add(i)  # "NOK 13.5 million (USD 1.2 million, EUR 1.1 million)": the bracket lists a second currency
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


#: Words at most between a company and the bracket holding its figure (« Powesco dans l'énergie (150 millions) »):
#: a short qualifier, no comma, no digit.
BRACKET_QUALIFIER_WORDS = 4
_QUALIFIER_BEFORE_BRACKET = re.compile(rf"^(?:\s+[^\s,;:()\d]+){{1,{BRACKET_QUALIFIER_WORDS}}}\s*$")
#: Words at most of what a company's possessive introduces before the bracket holding its figure (« Materrup et son
#: ciment argile bas carbone (26 millions d'euros) », "Kalvo and its lidar sensors ($12m)"): its product, told with it.
BRACKET_POSSESSED_WORDS = 8
_POSSESSED_BEFORE_BRACKET = re.compile(
    rf"^\s+(?:{gap_words('coordination_before_possessed')})\s+(?:{gap_words('possessive_determiners')})"
    rf"(?:\s+[^\s,;:()\d]+){{1,{BRACKET_POSSESSED_WORDS}}}\s*$", re.IGNORECASE)
#: Words at most of a description set off by a comma between a listed company and the bracket holding its figure
#: (« la licorne Pennylane, spécialisée dans la comptabilité (75 millions) », "Kalvo, which makes lidar sensors ($12m)"):
#: lower-case first, no comma, no digit.
BRACKET_APPOSITION_WORDS = 12
_APPOSITION_BEFORE_BRACKET = re.compile(
    rf"^\s*,\s+[a-zà-ÿ][^\s,;:()\d]*(?:\s+[^\s,;:()\d]+){{0,{BRACKET_APPOSITION_WORDS - 1}}}\s*$")
#: Capitalised words at most in a list item's name read before its bracket (« Stradigi AI Labs (53 millions $) »).
LIST_ITEM_NAME_WORDS = 3
#: A list item right before a bracket: the sentence's first words, or the words after a comma, a semicolon or a
#: coordinating word, all capitalised.
_LIST_ITEM_BEFORE_BRACKET = re.compile(
    rf"(?:^|[,;]\s+|\s(?:et|and)\s+)(?P<name>[A-ZÀ-Ý][\w&.'’-]*(?:\s+[A-ZÀ-Ý][\w&.'’-]*){{0,{LIST_ITEM_NAME_WORDS - 1}}})\s*$")


def _bracketed_after_name(fig: Figure, subject: str | None) -> str | None:
    """A figure in brackets right after a company, in a sentence about funding: that company's
    round, as lists of deals write it (« Contentsquare (408 millions d'euros), suivie de Ledger
    (312 millions) »)."""
    view, m = fig.sentence, fig.mention
    head = view.text[:m.start - view.start]
    bracket = _OPEN_BRACKET.search(head)
    closes = view.text.find(")", m.end - view.start)
    alone = 0 <= closes - (m.end - view.start) <= BRACKET_TAIL  # « (61 millions d'euros en janvier) »
    if bracket is None:  # a later figure of the same bracket, no name before it there: « X (90 M€ puis 254 M€) »
        opened = head.rfind("(")
        earlier = [f for f in view.money if view.start + opened < f.start and f.end <= m.start]
        if opened < 0 or ")" in head[opened:] or not earlier or any(
                view.start + opened < n.end and n.start < m.start for n in view.names):
            return None
        bracket = re.compile(r"\(").match(head, opened)
    purpose = view.text[(fig.unit_end or m.end) - view.start:].split(maxsplit=1)[:1]
    told_use = bool(purpose) and purpose[0].lower() in _grammar(view.language)["purpose_marks"]  # « (27 M€ pour développer
    # un traitement) »: what the money is for, a deal list's item
    if bracket is None or not (alone or told_use or any(c.label == "ROUND" for c in view.cues)):
        return None
    at = _before_describing_brackets(view, view.start + bracket.start())
    # a deal list's item: a company whatever type the NER gives it ("Risc Zero ($40 million)", read as a person), even
    # one an investor's alias spells the same when the sentence names no investing ("Lightspeed (136 millions $)")
    no_investing = not any(c.label in INVESTOR_CONTEXT_LABELS for c in view.cues)
    named = [n for n in view.names if n.end <= at and at - n.end <= 2 and _company_candidate(
        view, n, person_ok=True, investor_ok=no_investing and not _fund_shaped(n.text))]
    if named and (home := _home_of(view, named[-1])) is not None:
        named = [home]  # "Vivasure Medical from Galway (€30 million)": the company's, not its town's
    if not named:  # « Loft Orbital dans le spatial (170 millions d'euros) »: a short qualifier between; « Materrup et
        # son ciment argile bas carbone (26 millions d'euros) »: its product; « Pennylane, spécialisée dans la
        # comptabilité (75 millions) »: its description
        named = [n for n in view.names if n.end <= at and (
                 _QUALIFIER_BEFORE_BRACKET.match(gap := view.text[n.end - view.start:at - view.start])
                 or _POSSESSED_BEFORE_BRACKET.match(gap) or _APPOSITION_BEFORE_BRACKET.match(gap))
                 and _company_candidate(view, n, person_ok=True) and not _place_after(view, n)
                 and not any(n.end <= o.start and o.end <= at for o in view.names)]
    if not named and (item := _LIST_ITEM_BEFORE_BRACKET.search(head[:bracket.start()])):
        # « Coveo (227 millions $), Element AI (200 millions $) »: a list item's capitalised word the name finder took
        # for a common noun because it opens the sentence
        start = view.start + item.start("name")
        candidate = Name(item.group("name"), start, start + len(item.group("name")), view.token_at(start), None)
        named = [candidate] if _company_candidate(view, candidate, person_ok=True) else []
    if not named:
        return None
    return subject if _is_subject(named[-1].text, subject) else named[-1].text.strip()


def _home_of(view: SentenceView, place: Name) -> Name | None:
    """The company's name right before ``place`` when only a word of origin joins them (``context_words.json``
    home_after_name: "Vivasure Medical from Galway"): the place is that company's home; None otherwise."""
    before = [n for n in view.names if n.end <= place.start and _HOME_AFTER_NAME.match(
        view.text[n.end - view.start:place.start - view.start])]
    return before[-1] if before and _company_candidate(view, before[-1], person_ok=True) else None


def _before_describing_brackets(view: SentenceView, at: int) -> int:
    """Offset ``at`` (a bracket's opening) moved back over the brackets that close right before it ("Atomos (Aerospace
    and Defense) ($16.2M)", "Kalvo (Lyon) (12 M€)"): they describe the name before them, whose figure the last bracket
    holds."""
    while (head := view.text[:at - view.start].rstrip()).endswith(")"):
        opened = head.rfind("(")
        if opened < 0:
            break
        at = view.start + opened
    return at


#: The least figure that, in brackets after a name in a sentence that speaks of no round, is a valuation rather than
#: a round ("Brazil’s QuintoAndar ($5.1bn)" in a league table of unicorns), in the figure's currency units.
BRACKETED_VALUATION_MIN = 1_000_000_000


def other_in_bracket(fig: Figure) -> bool:
    """A total-to-date cue, or a cue of another kind of money, inside the brackets that hold the figure (« la Provence
    (11,7 millions en 3 levées) », « Kalvo (42,7 millions via son entrée en bourse) »): the bracket sums several
    rounds or tells another deal, it states no round."""
    view = fig.sentence
    aside = _aside_at(view, fig.mention.start)
    return aside is not None and any(
        (c.label == "TOTAL" or (c.label in _OTHER_LABELS and c.label not in _OWNER_LABELS))
        and aside[0] <= c.start and c.end <= aside[1] for c in view.cues)


def ranked_by_funding(fig: Figure) -> bool:
    """The figure's sentence ranks companies by the money they raised to date (a ``FUNDING_RANKING`` cue): a figure in
    brackets after a name there is that company's total (« le top 10 des fintechs européennes les mieux financées,
    dominé par la Suédoise Klarna (598 millions de dollars) »)."""
    return any(c.label == "FUNDING_RANKING" for c in fig.sentence.cues)


def _bracketed_role(fig: Figure) -> str:
    """What a figure in brackets after a company is: its round in a list of deals (« Contentsquare (408 millions
    d'euros) »), its valuation in a sentence that speaks of valuations and not of rounds (« la start-up la mieux
    valorisée, derrière X (180 milliards de dollars) ») or that states billions without a round's word ("just ahead of
    Brazil’s QuintoAndar ($5.1bn)")."""
    labels = {c.label for c in fig.sentence.cues}
    if "ROUND" in labels:
        return "round"
    return "valuation" if "VALUATION" in labels or fig.value >= BRACKETED_VALUATION_MIN else "round"


def _unicorn_threshold(fig: Figure) -> bool:
    """« ces start-up évaluées à plus d'un milliard de dollars », « dont la valorisation atteint le milliard de
    dollars » (the symbolic billion, after a definite article), "a unicorn is valued at $1 billion or more": the
    threshold of the definition, not a company's valuation. A definite description of one
    company for subject ("The platform was valued at over $1 billion, making it a unicorn") states its valuation."""
    money = fig.mention.money
    words = fig.sentence.text.lower()
    named = NAMED_THRESHOLDS.get(money.value)  # « "pentacorne" – soit une entreprise évaluée à plus de 5 milliards »
    if (money.value not in UNICORN_THRESHOLDS and not (named and named in words)) or money.qualifier not in {
            "more_than", "up_to", None}:
        return False
    unicorn = any(word in words for word in _entities()["unicorn_words"])
    if _symbolic_mark(fig):
        # « ces sociétés dont la valorisation dépasse le milliard de dollars »; not « sa valorisation dépassait le
        # milliard d'euros », the company's own
        return unicorn and not _possessed_subject(fig)
    before_figure = words[:fig.mention.start - fig.sentence.start]
    if unicorn and _glosses_unicorn_word(before_figure):
        return True  # « L'utilisation du terme « licorne » (société dont la valorisation atteint 1Md$, ndlr) »
    if unicorn and any(word in before_figure for word in _entities()["definition_words"]):
        return True  # "a unicorn is a startup with a valuation of USD 1 billion", « licorne, terme désignant les startups »
    if _definite_description(fig, fig.sentence.language):
        return False  # "The payments platform was valued at over $1 billion, making it a unicorn": its valuation
    if _values_named_object(fig):
        return False  # "The round would value CoinDCX at more than $1 billion, according it unicorn status"
    before = fig.sentence.text[:fig.mention.start - fig.sentence.start].lower().rstrip()
    exceeding = any(before.endswith(" " + w) for w in _entities()["exceeding_words"])  # « dépasse un milliard »
    return unicorn and (money.qualifier == "more_than" or exceeding
                        or re.search(r"\bor more\b|\bou plus\b", words) is not None)


def _values_named_object(fig: Figure) -> bool:
    """A valuing verb sets the figure as the value of the name it takes for object ("would value CoinDCX at more than
    $1 billion"): one company's valuation, however a unicorn word follows."""
    view = fig.sentence
    p, verb = view.parse, valuing_verb(fig)
    return verb is not None and any(p.deps[k] in _OBJECT_RELATIONS and any(
        n.start <= p.starts[k] < n.end and _company_name(n) for n in view.names) for k in p.children(verb))


#: Dependency relations of a verb's direct object (English ClearNLP, French Universal Dependencies).
_OBJECT_RELATIONS = frozenset({"dobj", "obj"})


#: Quotes and spaces that may stand between a unicorn word and the bracket that glosses it (« « licorne » (… »).
_GLOSS_QUOTES = " \t\"'«»“”‘’"


def _glosses_unicorn_word(before_figure: str) -> bool:
    """The figure stands in a bracket still open that a unicorn word opens right before it (« le terme « licorne »
    (société dont la valorisation atteint 1Md$, ndlr) », "a unicorn (a startup valued at $1 billion)"): the bracket
    glosses the word, the figure is the definition's threshold. ``before_figure`` is the sentence up to the figure,
    in lower case."""
    opening = before_figure.rfind("(")
    if opening < 0 or ")" in before_figure[opening:]:
        return False
    words = before_figure[:opening].rstrip(_GLOSS_QUOTES).split()
    return bool(words) and words[-1].strip(_GLOSS_QUOTES) in _entities()["unicorn_words"]


def _symbolic_mark(fig: Figure) -> bool:
    """A figure that a definite article opens (« le milliard d'euros », « la barre du milliard »): a symbolic mark,
    not a sum counted."""
    return fig.mention.text.split(maxsplit=1)[0].lower() in _entities()["threshold_articles"]


def _possessed_subject(fig: Figure) -> bool:
    """The subject of the figure's verb has a possessive determiner (« sa valorisation dépassait … »)."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    p, g = fig.sentence.parse, _grammar(fig.sentence.language)
    return any(p.deps[child] in g["subject"] and any(p.deps[k] == "det" and p.lemmas[k] in g["possessive_determiners"]
                                                     for k in p.children(child))
               for child in p.children(verb))


def _sized_fund(fig: Figure) -> bool:
    """A figure written right before an investor's name ("Saudi Arabia’s $400 billion Public Investment Fund",
    "the $3 billion Harrow Growth Fund"), or before a fund noun ("the $93 billion all-stage tech fund"): the size of that
    fund, no round."""
    view = fig.sentence
    end = fig.unit_end or fig.mention.end
    if _fund_noun_after(view, end):
        return True  # "SoftBank Vision Fund – the $93 billion all-stage tech fund headed by …"
    after = _CAPITALISED_RUN.match(view.text[end - view.start:])
    if after is None or title_case(view.text):
        return False  # "Kalvo Raises $65 Mn Funding From Harrow Ventures": a headline's capitals name nothing
    run_end = end + after.end()
    return _known_investor(after.group(1)) and not any(end <= c.start < run_end for c in view.cues
                                                          if c.label in {"ROUND", "WEAK_LIST", "LIST"})


#: Tokens at most of a description between a figure and the fund noun it sizes ("all-stage tech").
FUND_DESCRIPTION_TOKENS = 4
#: Parts of speech of such a description.
_FUND_DESCRIPTION_POS = frozenset({"ADJ", "NOUN", "DET", "PUNCT"})


def _fund_noun_after(view: SentenceView, end: int) -> bool:
    """The singular noun "fund" after a figure, lower-case adjectives and nouns at most between ("the $93 billion
    all-stage tech fund"; not "$620 million in fresh funds", money, nor "$5bn and help fund the plant", a verb)."""
    p = view.parse
    k = view.token_at(end)
    while k < len(p.pos) and p.starts[k] < end:
        k += 1
    for step in range(FUND_DESCRIPTION_TOKENS + 1):
        if k + step >= len(p.pos):
            return False
        word = _token_text(view, k + step)
        if word == "fund" and p.pos[k + step] == "NOUN":  # not "the Rs 1300-crore fund raised by Snapdeal": a round
            return not any(c.label == "ROUND" and c.token_start == k + step + 1 for c in view.cues)
        if p.pos[k + step] not in _FUND_DESCRIPTION_POS or (not word[:1].islower() and word != "-"):
            return False
    return False
#: The capitalised words right after a figure (the names after a number are not read as names: "450 million Indians").
_CAPITALISED_RUN = re.compile(r"^\s+((?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w'’.-]*)")


def _ranks_the_round(view: SentenceView, fig: Figure, cue: Cue) -> bool:
    """A total cue after the figure that only ranks its round among the company's (« 2,5 M€, sa deuxième opération de
    financement depuis sa création », "$5m, its third round since its founding"): an ordinal and a round noun stand
    between them."""
    if cue.start < fig.mention.end:
        return False
    p, ordinals = view.parse, _grammar(view.language)["ordinal_words"]
    ranked = {k for k in range(len(p.pos)) if fig.mention.end <= p.starts[k] < cue.start
              and (p.lemmas[k].lower() in ordinals or _ORDINAL.match(_token_text(view, k)))}
    return any(c.label == "ROUND" and fig.mention.end <= c.start and c.end <= cue.start
               and 0 <= cue.token_start - c.token_end <= RANKED_ROUND_GAP
               and any(0 < c.token_start - k <= RANKED_ROUND_GAP for k in ranked) for c in view.cues)


def _dates_a_description(view: SentenceView, cue: Cue) -> bool:
    """A total cue the parse hangs on a participle that describes a noun and is no funding word (« sa technologie
    développée depuis 2016 »): it dates that description, not money raised."""
    p = view.parse
    if not p.heads or cue.token_end > len(p.heads):
        return False
    inside = set(range(cue.token_start, cue.token_end))
    heads = {p.heads[k] for k in inside} - inside
    funding = {k for c in view.cues if c.label in {"ROUND", "INVEST", "TOTAL"} for k in range(c.token_start, c.token_end)}
    return len(heads) == 1 and all(p.pos[h] == "VERB" and p.deps[h] in _grammar(view.language)["participle"]
                                   and h not in funding for h in heads)


#: Tokens at most between an ordinal and the round noun it ranks, and between that noun and the total cue after it
#: (« deuxième opération de financement depuis sa création »).
RANKED_ROUND_GAP = 3


#: Cue roles after a raise's figure that make it a company's round: a round noun or a lead named after its verb.
_ROUND_OF_A_COMPANY_ROLES = frozenset({"round:noun", "lead:name_after"})


def _investor_raising_a_fund(fig: Figure, subject: str | None) -> bool:
    """A round verb whose doer is an investor ("... Ventures has raised $108m from limited
    partners") or a fund (``grammar.json`` fund_nouns: "the fund aims to raise up to $400 million") and that names no
    company to invest in: the investor's own fund, not a round."""
    verb = _governing_verb(fig)
    if verb is None or fig.label:
        return False  # "Lightspeed raised $207 million in a series D": a company's round, whatever the name recalls
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    on_verb = {c.label for c in view.cues if c.start <= p.starts[verb] < c.end}
    if "ROUND" not in on_verb or on_verb & {"LEAD", "INVEST", "PARTICIPANTS"}:
        return False  # "Rakuten Ventures took part in a $550m round": an investor in someone's round
    if any(c.start >= fig.mention.end and c.role in _ROUND_OF_A_COMPANY_ROLES for c in view.cues):
        return False  # "Green Monday Holdings has raised $70 million in a financing round led by …": no fund has a lead
    doers = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
    if not doers and p.deps[verb] == "xcomp" and p.heads[verb] != verb:  # "the fund aims to raise up to $400 million"
        doers = [k for k in p.children(p.heads[verb]) if p.deps[k] in g["subject"]]
    if not doers or _investee(view, verb, subject, g):
        return False
    if p.pos[doers[0]] == "NOUN" and p.lemmas[doers[0]].lower() in g["fund_nouns"]:
        return True  # "the fund aims to raise", « le fonds a levé 200 M€ »: a fund raising itself
    start = p.starts[doers[0]]
    return any(n.start <= start < n.end and _known_investor(n.text) and not _is_subject(n.text, subject)
               for n in view.names)


def _part_recipient(fig: Figure) -> str | None:
    """The company a part of a sum is given to, named right after the figure behind a recipient, investee or raiser
    word (« ont engrangé 1,4 milliard, dont 415 millions pour le zougois Moonlake », « dont 129 millions $ dans la
    vedette montante Hopper »): that company's round, no part of one round."""
    view = fig.sentence
    end = fig.unit_end or fig.mention.end
    name = min((n for n in view.names if n.start >= end), key=lambda n: n.start, default=None)
    if name is None or _known_investor(name.text) or not _company_candidate(view, name, person_ok=True):
        return None  # not "including $863 million in August 2024": a month
    gap = view.text[end - view.start:name.start - view.start]
    return name.text.strip() if _PART_GIVEN_AFTER.match(gap) or _described_owner(view, end, name, _PART_GIVEN_START) else None


def _sum_over_companies(figures: list[Figure]) -> None:
    """A round figure that a component word breaks down, in its sentence, into rounds of companies named after
    recipient words (« Leurs homologues ont engrangé 1,4 milliard, dont 415 millions pour Moonlake et 144 millions
    pour Oculis »): a sum over those companies, no round of its own."""
    for whole in figures:
        if whole.role != "round":
            continue
        view = whole.sentence
        recipients = [name for f in figures if f.sentence is view and f.mention.start > whole.mention.end
                      and f.role == "round" and view.cues_between(whole.mention.end, f.mention.start, "COMPONENT")
                      and (name := _part_recipient(f))]
        if recipients and all(name_key(name) != name_key(whole.owner or "") for name in recipients):
            whole.role, whole.why = "other", "market_total"


#: Characters at most between a part's figure and the round label that names it ("a $900 million Series C").
PART_LABEL_CHARS = 30


def _equity_part_of_mixed(figures: list[Figure]) -> None:
    """A round figure whose phrase mixes debt in, and a part after a component word in its sentence that a round label
    names ("raised $2.1 billion in debt and equity financing this month, including a $900 million Series C", « 2,1
    milliards en dette et en capital, dont une série C de 900 millions »): the labelled part is the round, the mixed
    sum no round."""
    for whole in figures:
        if whole.role != "round":
            continue
        view = whole.sentence
        for part in figures:
            if (part.sentence is not view or part.mention.start <= whole.mention.end or part.role != "other"
                    or part.why != "round_component" or part.currency != whole.currency):
                continue
            component = view.cues_between(whole.mention.end, part.mention.start, "COMPONENT")
            if not component or not view.cues_between(whole.mention.end, component[0].start, "OTHER_DEBT"):
                continue
            lo = component[0].end - view.start
            hi = (part.unit_end or part.mention.end) - view.start + PART_LABEL_CHARS
            if round_label_in(view.text[lo:hi]) is None:
                continue
            part.role, part.why, part.owner = "round", None, part.owner or whole.owner
            whole.role, whole.why = "other", "debt"
            break


#: Relative difference at most between a round and the sum of the figures that follow it and make it up.
PARTS_SUM_TOLERANCE = 0.01


def _parts_of_round(figures: list[Figure]) -> None:
    """Figures right after a round, in its sentence, that add up to it ("a US $190 million Series C — US $170 million
    in equity plus US $20 million in venture debt —", « 12 M€, dont 8 M€ en fonds propres et 4 M€ de dette »): its
    parts, no rounds of their own; each from the names after « auprès de » or "from" (« 20 M€ : 6 millions auprès
    d'A, 2 millions auprès de B et 12 millions auprès de C »), their tickets in it."""
    primaries = [f for f in figures if f.role != "alternative"]
    for k, whole in enumerate(primaries):
        if whole.role != "round":
            continue
        parts: list[Figure] = []
        for fig in primaries[k + 1:]:
            if fig.sentence is not whole.sentence or fig.currency not in {None, whole.currency} or fig.owner:
                break
            parts.append(fig)
            total = sum(p.value for p in parts)
            if len(parts) >= 2 and abs(total - whole.value) <= PARTS_SUM_TOLERANCE * whole.value:
                sources = [_source_after_figure(part, None) for part in parts]
                for part, source in zip(parts, sources, strict=True):
                    if all(sources):  # « 110 millions d'euros : 40 millions auprès de A, B et C, et 70 millions
                        part.role, part.why, part.investor = "investment", None, source  # auprès de D »: tickets
                    else:
                        part.role, part.why = "other", "round_component"
                break
            if total > whole.value:
                break


#: What may stand between a part's figure and its own date: a preposition or two ("$863 million in August 2024",
#: « 863 millions en août 2024 »), or one name after a preposition or two, and one word at most after it ("$15 million
#: from NAME in February 2024", « 15 millions auprès de NAME en mars 2023 »), never a comma or a clause.
_PART_DATE_GAP = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,2}$|^\s*(?:[^\W\d_]+\s+){1,2}NAME\s+(?:[^\W\d_]+\s+)?$")


def _names_as_one_word(view: SentenceView, lo: int, hi: int) -> str:
    """The text between offsets ``lo`` and ``hi`` with each name inside written as the one word NAME ("from NAME in")."""
    text, at = "", lo
    for name in sorted((n for n in [*view.names, *view.investors] if lo <= n.start and n.end <= hi),
                       key=lambda n: n.start):
        if name.start >= at:
            text, at = text + view.text[at - view.start:name.start - view.start] + "NAME", name.end
    return text + view.text[at - view.start:hi - view.start]


def _dated_part_of_total(figures: list[Figure]) -> None:
    """A round figure whose part, after a component word, is smaller and carries a date of its own while the whole
    carries none (« X a levé près de 3 milliards de dollars, dont 863 millions en août 2024 », "X has raised nearly
    $3 billion, including $863 million in August 2024"): the whole is what the company raised to date, the dated part
    is a round of the same company."""
    primaries = [f for f in figures if f.role != "alternative"]
    for whole, part in pairwise(primaries):
        view = whole.sentence
        if (not (whole.role == "round" or (whole.role == "other" and whole.why == "total_raised"))
                or part.sentence is not view or part.role != "other"
                or part.why not in {"round_component", "total_raised"} or part.currency not in {None, whole.currency}
                or part.value >= whole.value):
            continue  # (a whole already read as a total: "has raised $30 million so far, including $15 million from
            # RPSG Capital Ventures in February 2024")
        marks = view.cues_between(whole.mention.end, part.mention.start, "COMPONENT")
        if not marks or any(view.start <= d.start < marks[0].start for d in view.dates):
            continue  # "raised $50m in 2021, including $10m in March": the whole is dated, one round in tranches
        if any(d.start >= part.mention.end and _PART_DATE_GAP.match(
                _names_as_one_word(view, part.mention.end, d.start)) for d in view.dates):
            whole.role, whole.why = "other", "total_raised"
            part.role, part.why, part.owner = "round", None, whole.owner


def _tickets_of_round_before(figures: list[Figure]) -> None:
    """Two or more round figures of one sentence, each followed by the one investor it came from, that add up to a
    round figure stated before them (« … en levant 20 millions d'euros. … Hype a levé 6 millions d'euros auprès d'HRS,
    2 millions auprès de Holding HR et 12 millions auprès de McPhy »): each investor's ticket in that round, no
    rounds of their own. Read once every figure has its company: the tickets are the same company's."""
    primaries = [f for f in figures if f.role != "alternative"]
    for k, whole in enumerate(primaries):
        if whole.role != "round":
            continue
        for view in _unique_objects(f.sentence for f in primaries[k + 1:] if f.sentence is not whole.sentence):
            parts = [f for f in primaries if f.sentence is view]
            if (whole.company is None or len(parts) < 2
                    or any(f.role != "round" or f.currency != whole.currency or f.company != whole.company for f in parts)
                    or abs(sum(f.value for f in parts) - whole.value) > PARTS_SUM_TOLERANCE * whole.value):
                continue
            investors = [_ticket_investor(f) for f in parts]
            if all(investors):
                for part, investor in zip(parts, investors, strict=True):
                    part.role, part.investor = "investment", investor
                return


#: The words between a figure and the one investor it came from (« 6 millions d'euros auprès d'HRS », "$2m from X").
_TICKET_FROM = re.compile(rf"^\s*(?:{_context_words('ticket_from')})\s*$", re.IGNORECASE)


def _ticket_investor(fig: Figure) -> str | None:
    """The name right after a figure that a word of origin links to it (« 2 millions auprès de Holding HR »)."""
    view = fig.sentence
    end = fig.unit_end or fig.mention.end
    after = sorted((n for n in [*view.investors, *view.names] if n.start >= end), key=lambda n: n.start)
    if not after or not _TICKET_FROM.match(view.text[end - view.start:after[0].start - view.start]):
        return None
    return after[0].canonical or canonical_investor(after[0].text)


#: A digest line: an optional lead-in ending in a colon (a date: "Sep 13:"), then the name, a separator, the figure.
#: Characters at most of a digest line's lead-in before its colon ("Sep 13:").
DIGEST_LEAD_IN_CHARS = 20
#: A list item's mark: a bullet or a number ("- ", "• ", "3. ", "3) ").
_LIST_MARK = r"(?:[-–—•*·▪]|\d{1,2}[.)])"
#: A list item's mark at the start of a sentence, for a bulleted item's owner (``_bullet_item_owner``).
_ITEM_BULLET = re.compile(rf"^\s*{_LIST_MARK}\s+")
#: A list item's bullet or number before a digest line ("- ", "• ", "3. ", "3) ", and "3- ").
_BULLET = rf"(?:{_LIST_MARK}|\d{{1,2}}\s*[-–])\s+"
_LEAD_IN = rf"^(?:{_BULLET})?(?:[^:]{{0,{DIGEST_LEAD_IN_CHARS}}}:)?\s*"
_SEPARATOR = r"\s*[:–—-]\s*$"
#: Characters at most of a digest line's fields after its figure: a bracket ("($5M (Seed)"), then one field after a
#: separator ("– fintech", "| Lagos").
DIGEST_TAIL_BRACKET_CHARS = 40
DIGEST_TAIL_FIELD_CHARS = 60
#: (The bracket may be one the line's end cuts: « (K12 online education ».)
_DIGEST_TAIL = re.compile(rf"^\s*(?:\([^()]{{0,{DIGEST_TAIL_BRACKET_CHARS}}}\)?)?\s*"
                          rf"(?:[–—|/-]\s*[^.;:!?()]{{0,{DIGEST_TAIL_FIELD_CHARS}}})?\s*[.;]?\s*$")
#: Words at most of a place field right after a digest line's figure ("DAQRI – 260M$ US (VR FormPro)").
DIGEST_TAIL_PLACE_WORDS = 3


def _digest_tail(rest: str) -> bool:
    """What follows a digest line's figure: its fields (``_DIGEST_TAIL``), after a place field if one opens it
    ("DAQRI – 260M$ US (VR FormPro)", « VIPKID – 200M$ Chine (K12 online education »)."""
    if _DIGEST_TAIL.match(rest):
        return True
    words = rest.split("(", 1)[0].split()
    return (0 < len(words) <= DIGEST_TAIL_PLACE_WORDS and name_key(" ".join(words)) in _places()
            and bool(_DIGEST_TAIL.match(rest.split(words[-1], 1)[1])))
_DIGEST_LEAD_IN = re.compile(_LEAD_IN + "$")
_DIGEST_SEPARATOR = re.compile("^" + _SEPARATOR)
#: Characters at most of a digest line's place field between its name and its figure ("Clickatell, Afrique du Sud,
#: 91 millions de dollars", "Flutterwave du Nigéria, 250 millions", "Kalvo (Kenya) : 4 M$").
DIGEST_PLACE_CHARS = 40
_DIGEST_PLACE_GAP = re.compile(
    rf"^\s*(?:\((?P<bracketed>[^()]{{1,{DIGEST_PLACE_CHARS}}})\)|,?\s*(?:(?:{gap_words('place_field_before')})\s*)?"
    rf"(?P<place>[^\W\d_][^,:;()\d]{{0,{DIGEST_PLACE_CHARS - 1}}}?))\s*[:–—,-]?\s*$", re.IGNORECASE)
#: A digest line's fields before its figure when the model reads no name there: the lead-in, then the name's
#: words (at most ``DIGEST_NAME_WORDS``, the first capitalised) and the separator ("Sep 14: Who Gives a Crap: ").
DIGEST_NAME_WORDS = 5
_DIGEST_FIELDS = re.compile(_LEAD_IN + r"(?P<fields>[A-Z0-9].*)$", re.DOTALL)


#: A digest line's date field between two separators (" – 18 mai – ", " - May 18 - "), at most this many characters.
DIGEST_DATE_CHARS = 30
_DIGEST_DATE_GAP = re.compile(rf"^\s*[:–—-]\s*(?P<field>[^:–—]{{1,{DIGEST_DATE_CHARS}}}?)\s*[:–—-]\s*$")


def _digest_gap(gap: str) -> bool:
    """The words between a digest line's name and its figure: a separator (": ", " – "), a date field between two
    separators (" – 25 mai – "), or a place field with an optional separator (", Afrique du Sud, ",
    " du Nigéria, ", " (Kenya) : ")."""
    if _DIGEST_SEPARATOR.match(gap):
        return True
    if (dated := _DIGEST_DATE_GAP.match(gap)) is not None:
        field = dated.group("field")
        return any(d.start == 0 and d.end == len(field) for d in find_dates(field, None, None))
    field = _DIGEST_PLACE_GAP.match(gap)
    place = field and (field.group("bracketed") or field.group("place"))
    return bool(place) and name_key(place.strip()) in _places()


def _digest_fields_name(before: str) -> str | None:
    """The name of a digest line the model read no name in: its shortest run of words (at most
    ``DIGEST_NAME_WORDS``) after the lead-in that the rest of the line separates from the figure."""
    line = _DIGEST_FIELDS.match(before)
    if line is None:
        return None
    fields = line.group("fields")
    for word in list(re.finditer(r"[\w&'’.-]+", fields))[:DIGEST_NAME_WORDS]:
        if _digest_gap(fields[word.end():]):
            return fields[:word.end()]
    return None
#: Digest lines an article must hold for them to read as a list of deals ("Sep 13: Scalapay: $210 million").
MIN_DIGEST_LINES = 2


def _digest_lines(figures: list[Figure]) -> None:
    """Lines that hold nothing but a name, a separator and a figure ("Sep 13: Scalapay: $210 million", « Kalvo :
    12 M€ », "- Kalvo – $5M (Seed) – fintech": a bullet before, a bracket and one field after), at least
    ``MIN_DIGEST_LINES`` of them in the article and no cue of their own but a round's label: a list of deals, each
    the named company's round."""
    found: list[tuple[Figure, str]] = []
    for fig in figures:
        view = fig.sentence
        if fig.role != "other" or fig.why != "unrelated" or any(c.role != "round:noun" for c in view.cues):
            continue  # no cue but a round's label ("(Seed)")
        end = fig.unit_end or fig.mention.end
        restated = [f for f in figures if f.role == "alternative" and f.primary is fig]  # "500 m$ (environ 420 m€)"
        rest = view.text[end - view.start:]
        if any(f.mention.start < end for f in restated):  # the figure's unit runs over its conversion: past the bracket
            rest = rest.lstrip().removeprefix(")")
        if not _digest_tail(rest) or len(view.money) > 1 + len(restated):
            continue  # (one figure, and its conversion in another currency)
        before = [n for n in view.names if n.end <= fig.mention.start]
        name = before[-1] if before else None
        if (name is not None and _digest_gap(view.text[name.end - view.start:fig.mention.start - view.start])
                and _DIGEST_LEAD_IN.match(view.text[:name.start - view.start])):
            found.append((fig, name.text.strip()))
        elif missed := _digest_fields_name(view.text[:fig.mention.start - view.start]):
            found.append((fig, missed))  # "Sep 15: Immutable: $82 million": a name the model missed
    found = [(fig, name) for fig, name in found if name_key(name) not in _places()]  # "Bengaluru: $541 million"
    if len(found) >= MIN_DIGEST_LINES:
        for fig, name in found:
            fig.role, fig.why, fig.owner = "round", None, name


#: "X with N" / « X avec N » and "N for X" / « N pour X », a deal list's items with no verb of their own.
#: The "with" words that pair a listed name with its figure (« Distalmotion avec 135 millions »).
_WITH_WORDS = r"(?:avec|with)"
_WITH_BEFORE_FIGURE = re.compile(rf"^\s*,?\s+{_WITH_WORDS}\s+$", re.IGNORECASE)  # « Zama, avec 68 millions »
_FOR_AFTER_FIGURE = re.compile(r"^\s+(?:pour|for)\s+$", re.IGNORECASE)
#: What opens a list item that sets a name right before its figure: a bracket or punctuation, or a coordinating word
#: (the lexicon's coordination gap: a comma, « et », "and").
_PAIR_OPENING = re.compile(rf"(?:^|[(:;—–-]|(?<!\w)(?:{gap_words('coordination')}))\s*$", re.IGNORECASE)
#: The same, or the comma that closes the list item before (« LegalStart, 15 millions d'euros, Doctrine, 10 millions »).
_LIST_ITEM_OPENING = re.compile(rf"(?:^|[(:;,—–-]|(?<!\w)(?:{gap_words('coordination')}))\s*$", re.IGNORECASE)


def _paired_name(fig: Figure, comma: bool = False) -> str | None:
    """The company a deal list pairs the figure with, no verb between: « Distalmotion avec 135 millions », "20
    millions for NeuVasQ", "(EyeEm $18M, Smava $16M)"; with ``comma``, also a name and a comma before the figure
    (« LegalStart, 15 millions d'euros, Doctrine, 10 millions »)."""
    view, m = fig.sentence, fig.mention
    end = fig.unit_end or m.end
    before = [n for n in view.names if n.end <= m.start]
    after = [n for n in view.names if n.start >= end]
    gap = view.text[before[-1].end - view.start:m.start - view.start].strip() if before else None
    if before and _WITH_BEFORE_FIGURE.match(view.text[before[-1].end - view.start:m.start - view.start]):
        name = before[-1]
    elif before and _described_with_figure(view, before[-1], m.start):
        name = before[-1]  # « comme Kalvo dans la mode-sport avec 100 millions ou Orbix, une cleantech, avec 66 millions »
    elif before and (not gap or (comma and gap == ",")) and (_LIST_ITEM_OPENING if comma else _PAIR_OPENING).search(
            view.text[:before[-1].start - view.start]):
        name = before[-1]  # "(EyeEm $18M, Smava $16M and Number26 $10M)": a name and its figure side by side
    elif after and _FOR_AFTER_FIGURE.match(view.text[end - view.start:after[0].start - view.start]):
        name = after[0]
    else:
        return None
    return name.text.strip() if _company_candidate(view, name, person_ok=True) else None


#: A short qualifier (« dans la mode-sport »), between commas or not (« , une cleantech, »), between a listed name and the
#: "with" word before its figure.
_DESCRIBED_WITH_FIGURE = re.compile(
    rf"^\s*,?(?:\s+[^\s,;:()\d]+){{1,{BRACKET_QUALIFIER_WORDS}}}\s*,?\s+{_WITH_WORDS}\s+$",
    re.IGNORECASE)


def _described_with_figure(view: SentenceView, name: Name, at: int) -> bool:
    """A name, a short description of it and "with" before the figure at ``at``, no verb between (« Kalvo dans la
    mode-sport avec 100 millions », « Orbix, une cleantech, avec 66 millions »): the list pairs the figure with it."""
    if not _DESCRIBED_WITH_FIGURE.match(view.text[name.end - view.start:at - view.start]):
        return False
    p = view.parse
    return not any(p.pos[k] in {"VERB", "AUX"} for k in range(view.token_at(name.end), view.token_at(at))
                   if k < len(p.pos))


#: Pairs at least of a name, a comma and a figure for a sentence made only of them to be a list of deals (« LegalStart,
#: 15 millions d'euros, Doctrine, 10 millions, LegalPlace 6 millions »).
COMMA_PAIRS_MIN = 3


def _listed_with_names(figures: list[Figure]) -> None:
    """Figures without a cue of their own that a list pairs with companies (« Distalmotion avec 135 millions, Noema
    Pharma (103 millions) », « 135 millions en 2021, avec 21,3 millions pour Imcyse, 20 millions pour NeuVasQ »): each
    the company's round, when the sentence lists deals: another of its figures is a round or a market total, or is
    paired with a company the same way."""
    by_sentence: dict[int, list[Figure]] = {}
    for fig in figures:
        by_sentence.setdefault(id(fig.sentence), []).append(fig)
    for group in by_sentence.values():
        paired = {id(f): name for f in group if f.role == "other" and f.why == "unrelated" and (name := _paired_name(f))}
        listing = len(paired) >= 2 or any(f.role == "round" or f.why == "market_total" for f in group)
        by_comma = {id(f): name for f in group if f.role == "other" and f.why == "unrelated"
                    and (name := _paired_name(f, comma=True))}
        if len(by_comma) >= COMMA_PAIRS_MIN and len(by_comma) == len(group):  # a sentence that is only such a list
            paired, listing = by_comma, True
        for fig in group if listing else ():
            if id(fig) in paired:
                fig.role, fig.why, fig.owner = "round", None, paired[id(fig)]


#: The text before the first figure of a change of value (« de », "from"), and between the two figures ("to just").
_VALUE_CHANGE_FROM = re.compile(rf"(?:{_context_words('value_change_from')})", re.IGNORECASE)
_VALUE_CHANGE_TO = re.compile(rf"(?:{_context_words('value_change_to')})", re.IGNORECASE)


def _changed_to(previous: Figure, fig: Figure) -> bool:
    """The two figures of one sentence write a change of value, "from" the first "to" the second ("valuation slashed
    from $45.6 billion last year to just $6.5 billion", « passée de 2 milliards à 5 milliards »)."""
    view = previous.sentence
    if fig.sentence is not view:
        return False
    before = view.text[:previous.mention.start - view.start]
    gap = view.text[(previous.unit_end or previous.mention.end) - view.start:fig.mention.start - view.start]
    return bool(_VALUE_CHANGE_FROM.search(before)) and bool(_VALUE_CHANGE_TO.match(gap))


def _carry_compared_roles(figures: list[Figure]) -> None:
    """Another company's figure with no cue of its own is the same kind of figure as the one
    just before it: "Elle pèse 6 milliards de dollars. Très loin des 300 milliards d'OpenAI"; so
    is a figure that goes on a list of its sentence (« 10 millions en 2012, 100 millions en 2014 »)."""
    primaries = [f for f in figures if f.role != "alternative"]
    for previous, fig in pairwise(primaries):
        if fig.value < MIN_ROUND_AMOUNT:
            continue  # "a $175 funding round": no company's round is that small, whatever comes before
        if (previous.role == "round" and fig.role in {"round", "other"} and fig.why in {None, "unrelated"}
                and not fig.owner and (doer := _gapped_doer(previous, fig))):
            fig.role, fig.why, fig.owner = "round", None, doer  # « Abivax a levé 223 M€, Amolyt Pharma 130 millions »
            continue
        if (previous.role == "round" and fig.role == "round" and not fig.owner
                and (doer := _coordinated_clause_doer(previous, fig))):
            fig.owner = doer  # « Mirakl a bouclé 470 M€ et Sorare, une jeune pousse …, a annoncé une levée de 585 M€ »
            continue
        if (_compared_to_market(previous, fig) or _gapped_after_market(previous, fig)
                or _amount_before_compared(primaries, fig)):
            fig.role, fig.why = "other", "market_total"  # "to $270 million as compared to $201 million raised"
            continue
        if fig.role == "other" and fig.why == "unrelated" and _part_of_total(previous, fig):
            fig.role, fig.why = "round", None  # « 9 M€ en deux opérations, en 2019 (3 M€) et en 2021 (6 M€) »
            continue
        if (fig.role == "other" and fig.why == "unrelated" and previous.role == "other" and previous.why == "difference"
                and _changed_to(previous, fig) and any(c.label == "VALUATION" for c in previous.sentence.cues)):
            fig.role, fig.why = "valuation", None  # « une valorisation réduite de 15 milliards de dollars, à moins de 18
            continue  # milliards »: the valuation's new value after its change
        if fig.role != "other" or fig.why != "unrelated" or previous.role not in {"round", "valuation"}:
            continue
        if previous.role == "valuation" and _changed_to(previous, fig):
            fig.role, fig.why, fig.basis = "valuation", None, previous.basis  # "valuation slashed from $45.6 billion
            continue  # last year to just $6.5 billion": the new value
        if (fig.owner and fig.sentence.index - previous.sentence.index <= 1) or _continues_list(previous, fig):
            fig.role, fig.why = previous.role, None
            if fig.role == "valuation":
                fig.basis = previous.basis


#: What opens the second clause of a gapped coordination: a comma or a coordinating word.
_GAPPED_CLAUSE_OPENING = re.compile(r"^\s*(?:[,;]|(?:et|and)\b)", re.IGNORECASE)


def _gapped_doer(previous: Figure, fig: Figure) -> str | None:
    """The doer of a clause whose verb is left out, after a round in the same sentence: « Abivax a levé
    223 M€, Amolyt Pharma (maladies rares) 130 millions », « Kinéis a levé 100 M€ et, en 2021, AgroNutris
    100 millions également », "Kalvo landed $9m, Orbix $5m". Between the two figures: a comma or "and",
    no finite verb, and exactly one name that may be a company (outside brackets)."""
    view = fig.sentence
    if previous.sentence is not view:
        return None
    lo, hi = previous.unit_end or previous.mention.end, fig.mention.start
    gap = view.text[lo - view.start:hi - view.start]
    if not _GAPPED_CLAUSE_OPENING.match(gap):
        return None
    asides = [(lo + a.start(), lo + a.end()) for a in _BRACKETED_ASIDE.finditer(gap)]

    def outside(at: int) -> bool:
        return not any(a <= at < b for a, b in asides)

    p = view.parse
    named = [(n.start, n.end) for n in view.names]
    if not p.pos or any(lo <= p.starts[k] < hi and outside(p.starts[k]) and k < len(p.finite) and p.finite[k]
                        and not any(a <= p.starts[k] < b for a, b in named)  # a name the tagger reads as a verb
                        for k in range(len(p.pos))):
        return None
    names = [n for n in view.names if lo <= n.start and n.end <= hi and outside(n.start) and _company_candidate(view, n)]
    return names[0].text.strip() if len(names) == 1 else None


#: What opens a second clause with its own verb: a comma or a coordinating or contrasting conjunction, at most 40
#: characters (no figure, no comma) after the first clause's figure.
_CLAUSE_OPENING = re.compile(r"^[^,;\d]{0,40}?(?:[,;]|\b(?:et|and|while|whereas|tandis\s+que|alors\s+que)\b)",
                             re.IGNORECASE)  # after the first clause's last words ("$100,000 pre-seed round while")
#: Cue labels that make a name between two round figures an investor, not the doer of the second clause.
_INVESTOR_GAP_LABELS = ("LEAD", "INVEST", "PARTICIPANTS", "WEAK_LIST", "LIST")


def _coordinated_clause_doer(previous: Figure, fig: Figure) -> str | None:
    """The subject of a second clause with its own verb, after a round in the same sentence: « Mirakl a bouclé un tour
    de 470 M€ et Sorare, une jeune pousse qui …, a annoncé une levée de 585 M€ », "Kalvo raised $9m, and Orbix said it
    landed $5m" (the parse often hangs such a subject under the first clause's object). Between the two figures: a
    comma or "and", then one name that may be a company before a finite verb (its apposition, between commas,
    and bracketed asides aside), no investor cue."""
    view = fig.sentence
    if previous.sentence is not view:
        return None
    lo, hi = previous.unit_end or previous.mention.end, fig.mention.start
    gap = view.text[lo - view.start:hi - view.start]
    opening = _CLAUSE_OPENING.match(gap)
    if opening is None or view.cues_between(lo, hi, *_INVESTOR_GAP_LABELS):
        return None
    asides = [(lo + a.start(), lo + a.end()) for a in _BRACKETED_ASIDE.finditer(gap)]
    lo += opening.end()
    names = [n for n in view.names if lo <= n.start and n.end <= hi and not any(a <= n.start < b for a, b in asides)
             and _company_candidate(view, n) and not _known_investor(n.text)]
    if not names:
        return None
    doer = names[0]
    after = view.text[doer.end - view.start:hi - view.start]
    apposition = after.find(",", 1) + 1 if after.startswith(",") else 0  # « Sorare, une jeune pousse qui …, a annoncé »
    if any(n.start >= doer.end + apposition for n in names[1:]):
        return None
    p = view.parse
    verb_at = doer.end + apposition
    return doer.text.strip() if any(verb_at <= p.starts[k] < hi and k < len(p.finite) and p.finite[k]
                                    for k in range(len(p.pos))) else None


#: The last coordinating word before a figure, with what follows it (« … et 257 millions »).
_LAST_COORDINATION = re.compile(r"(?:,|\bet\b|\band\b)(?!.*(?:,|\bet\b|\band\b))", re.IGNORECASE | re.DOTALL)


def _gapped_after_market(previous: Figure, fig: Figure) -> bool:
    """A figure coordinated after a market figure of its sentence, its verb left out and no company named (« 911
    millions d'euros ont été levés dans le secteur des transports et 257 millions dans l'agro-technologie »): a
    market figure too."""
    view = fig.sentence
    if (previous.sentence is not view or previous.role != "other" or previous.why != "market_total"
            or fig.role not in {"round", "other"} or fig.owner):
        return False
    lo = previous.unit_end or previous.mention.end
    if view.cues_between(lo, fig.mention.start, "TOTAL"):
        return False  # « 12 M€ en deux opérations, à l'automne 2016 (4 M€) et en 2017 (8 M€) »: the deals summed
    gap = view.text[lo - view.start:fig.mention.start - view.start]
    last = _LAST_COORDINATION.search(gap)
    if last is None:
        return False
    start = lo + last.start()
    p = view.parse
    return not any(start <= p.starts[k] < fig.mention.start and k < len(p.finite) and p.finite[k]
                   for k in range(len(p.pos))) and not _named_between(view, start, fig.hi, company=True) and not (
        view.cues_between(start, fig.mention.start, "ROUND", "VALUATION", "INVEST"))  # « puis d'une levée de 125 M$ »


def _part_of_total(previous: Figure, fig: Figure) -> bool:
    """A figure after a sum whose count of deals stands between them (« en deux opérations »,
    "through three rounds"): one of the deals summed."""
    view = fig.sentence
    return previous.sentence is view and previous.role == "other" and any(
        c.label == "TOTAL" and c.role.endswith(":" + AFTER_FIGURE_ROLE)
        and previous.mention.end <= c.start and c.end <= fig.mention.start for c in view.cues)


def _compared_to_market(previous: Figure, fig: Figure) -> bool:
    """A figure compared with the market figure before it in its sentence is a market figure too."""
    view = fig.sentence
    if previous.sentence is not view or previous.role != "other" or previous.why != "market_total":
        return False
    end = previous.unit_end or previous.mention.end
    gap = view.text[end - view.start:fig.mention.start - view.start]
    if fig.role not in {"round", "other"}:
        return False
    return _COMPARISON_GAP.search(gap) is not None or _compared_across(view, end, fig.mention.start)


#: Sentences at most between a market figure and a sentence that takes it up as « Ce montant » to compare it.
AMOUNT_TAKEN_UP_REACH = 2


def _amount_before_compared(figures: list[Figure], fig: Figure) -> bool:
    """A sentence that opens by taking up a market figure of the sentences just before it with a demonstrative amount
    noun and compares it (« Ce montant est supérieur de 20% aux capitaux collectés un an plus tôt (416 millions) »,
    "This amount is 20% above the year before's $416 million"): its figure is the market's too."""
    view = fig.sentence
    if fig.role not in {"round", "other"} or not any(
            f.role == "other" and f.why == "market_total" and 0 < view.index - f.sentence.index <= AMOUNT_TAKEN_UP_REACH
            for f in figures):
        return False
    p, g = view.parse, _grammar(view.language)
    opening = [k for k, at in enumerate(p.starts) if not view.text[at - view.start].isspace()][:2]
    return (len(opening) == 2 and p.lemmas[opening[0]].lower() in g["demonstrative_determiners"]
            and p.lemmas[opening[1]].lower() in g["amount_nouns"]
            and _COMPARATIVE.search(view.text[:fig.mention.start - view.start]) is not None)


def _compared_across(view: SentenceView, start: int, end: int, *naming: str) -> bool:
    """A comparing word between two figures (« un montant deux fois inférieur à celui du premier trimestre
    2022 (4,7 milliards) », "more than double its last valuation of $2 billion"), with no company and no
    funding word of its own between that word and the second figure, nor right before it (there it is the
    figure's hedge, "more than $2 million"): the second is what the first is compared to. With ``naming``,
    a cue of one of those labels must name the compared thing ("its last valuation of")."""
    gap = view.text[start - view.start:end - view.start]
    compared = list(_COMPARATIVE.finditer(gap))
    if not compared or not gap[compared[-1].end():].strip():
        return False
    at = start + compared[-1].start()
    return not _named_between(view, at, end, company=True) and not view.cues_between(at, end, "ROUND") and (
        not naming or bool(view.cues_between(at, end, *naming)))


#: Tokens at most between two figures of one list ("PayFit (90 M€ puis 254 M€ auprès de ...)").
LIST_GAP_TOKENS = 16


def _continues_list(previous: Figure, fig: Figure) -> bool:
    """A figure after another of its sentence, joined to it by a list word: « 90 M€ puis 254 M€ »,
    "$300 million at the beginning of this year and a further $170 million in July"; not past the close of a bracket
    that holds the first."""
    view = fig.sentence
    if previous.sentence is not view:
        return False
    end = previous.unit_end or previous.mention.end
    if view.token_at(fig.mention.start) - view.token_at(max(end - 1, previous.mention.start)) > LIST_GAP_TOKENS:
        return False
    gap = view.text[end - view.start:fig.mention.start - view.start]
    if ")" in gap and "(" not in gap:
        return False  # "(excluding deals valued at $200 million and above) stood at about $3.2 billion": an aside closes
    return joins_list(gap)


def _infer_currencies(figures: list[Figure], url: str | None = None) -> None:
    """A figure written without currency takes the currency of the same value elsewhere,
    else of the nearest figure of its kind (a sum raised, a valuation) with one in its paragraph, else the one
    currency the article's figures of its kind are written in, else of the nearest figure with one in its paragraph,
    else the one currency the article writes, else the currency of the site's country (« a levé 25 millions » on a
    Belgian site)."""
    known = {f.value: f.currency for f in figures if f.currency}
    written = {f.currency for f in figures if f.currency}
    of_kind = {valuation: {f.currency for f in figures if f.currency and (f.role == "valuation") == valuation
                           and not _symbolic_mark(f)} for valuation in (False, True)}  # sums raised, valuations
    for i, fig in enumerate(figures):
        if fig.currency:
            continue
        currency = known.get(fig.value)
        if currency is None:
            same_paragraph = [g for g in figures if g.currency and g.sentence.paragraph == fig.sentence.paragraph
                              and not _symbolic_mark(g)]  # not « la barre du milliard de dollars »
            # a sum raised takes a sum raised's currency, not a valuation's (« 100 millions reviennent à X, société
            # valorisée à plus d'un milliard de dollars », the sums of the article in francs)
            raised = [g for g in same_paragraph if (g.role == "valuation") == (fig.role == "valuation")]
            if raised:
                currency = min(raised, key=lambda g: abs(figures.index(g) - i)).currency
            elif len(of_kind[fig.role == "valuation"]) == 1:
                currency = next(iter(of_kind[fig.role == "valuation"]))  # the one currency of the article's sums of its kind
            elif same_paragraph:
                currency = min(same_paragraph, key=lambda g: abs(figures.index(g) - i)).currency
            elif len(written) == 1:
                currency = next(iter(written))  # the one currency the article writes
            else:
                currency = site_currency(url)
        if currency and fig.role in {"round", "valuation", "investment"}:
            money = fig.mention.money
            fig.mention = MoneyMention(fig.mention.start, fig.mention.end, fig.mention.text,
                                       replace(money, currency=currency))


def _american_names(figures: list[Figure]) -> set[str]:
    """The names the figures' sentences call American companies, right after the words that say so
    ("US mental health startup Headway", « la start-up américaine X »)."""
    found: set[str] = set()
    for view in {id(f.sentence): f.sentence for f in figures}.values():
        for said in _US_COMPANY.finditer(view.text):
            after = view.start + said.end()
            found |= {n.text.strip() for n in view.names if 0 <= n.start - after <= AMERICAN_NAME_GAP}
    return found


#: Characters at most between the words calling a company American and its name (a space, an adjective).
AMERICAN_NAME_GAP = 12


def _american_raiser(fig: Figure, american: set[str]) -> bool:
    """The figure's sentence calls a company American before it, or names before it a company the article calls
    American ("US mental health startup Headway raises $125 million"; then "Headway ... has raised $125 million"):
    its bare dollar is a US dollar, whatever the site's country."""
    before = fig.sentence.text[:fig.mention.start - fig.sentence.start]
    return _US_COMPANY.search(before) is not None or any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", before) for name in american)


def _local_dollars(figures: list[Figure], url: str | None, language: str | None = None, text: str = "") -> None:
    """On a site of a country with its own dollar, an article that writes US dollars as such
    ("US$6.3m") writes its own dollar with a bare "$": « $8.5m (US$6.3m) » on a Singapore site. A French
    article of the press of Québec means its own dollar by every dollar not marked US (« 343 millions de dollars »).
    The story an article tells counts as its site does (``home_country_dollar``: Canada's places named again and
    again): its dollar is that of a bare "$" when the article marks its US dollars, stands on that country's site, or
    is in English and tells the story of a country whose companies raise in their own dollar (``own_dollar_story``:
    Canada, Australia, not Singapore) on a site not of the US press; a French article telling a Canadian story the
    way the press of Québec writes dollars (« 20 millions $ ») means Canadian dollars wherever it is published."""
    if not any(f.mention.money.currency == "USD" for f in figures):
        return  # no dollar to read: the story's places are not counted
    story = home_country_dollar(text)
    american = _american_names(figures)
    french = french_local_dollar(url) if language == "fr" else None
    if french is None and language == "fr" and story == "CAD" and french_home_dollar_style(text):
        french = story
    if french is not None:
        for fig in figures:
            if fig.mention.money.currency == "USD" and not us_marked(fig.mention) and not _american_raiser(fig, american):
                fig.mention = MoneyMention(fig.mention.start, fig.mention.end, fig.mention.text,
                                           replace(fig.mention.money, currency=french))
        return
    english = language != "fr"
    marked = any(us_marked(f.mention) for f in figures)
    home = home_dollar(url)
    site = local_dollar(url) or home
    if site is not None:
        currency = site if marked or (english and home is not None) or story == site else None
    else:
        currency = story if marked or (english and own_dollar_story(story) and not us_dollar_press(url)) else None
    if currency is None:
        return
    us_values = {f.value for f in figures if us_marked(f.mention)}
    for fig in figures:
        if bare_dollar(fig.mention) and fig.value not in us_values and not _american_raiser(fig, american):
            # "the $100 million" after "$US100 million"; "US mental health startup Headway raises $125 million"
            fig.mention = MoneyMention(fig.mention.start, fig.mention.end, fig.mention.text,
                                       replace(fig.mention.money, currency=currency))
