"""Facts from one article's analysed sentences: the rules of extraction in order."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from itertools import pairwise

from analysis.extract.companies import (
    _acting_investors,
    _assign_companies,
    _introduced_investors,
    _section_headings_follow,
    _subject_by_deeds,
    _subject_company,
    _view_companies,
    each_after,
    headline_deal_company,
    speaker_company,
)
from analysis.extract.drafts import Figure, RoundDraft
from analysis.extract.figures import (
    BEFORE_CHANGE,
    _amount_of_a_round_before,
    _bracketed_after_name,
    _bracketed_role,
    _carry_compared_roles,
    _classify,
    _compared_across,
    _count_value,
    _dated_part_of_total,
    _digest_lines,
    _equity_part_of_mixed,
    _genitive_owner,
    _headline_follows_body,
    _headline_rounds_body,
    _infer_currencies,
    _investor_raising_a_fund,
    _label_figures,
    _listed_with_names,
    _local_dollars,
    _nearest_date,
    _parts_of_round,
    _restated_roles,
    _restatements,
    _sized_fund,
    _status,
    _sum_over_companies,
    _tickets_of_round_before,
    _unconfirmed,
    _unicorn_threshold,
    _valuations_restated,
    _windows,
    hedged_before,
    listed_name_at,
    other_in_bracket,
    raiser_named_after,
    ranked_by_funding,
)
from analysis.extract.grammar import (
    _bracket_counts_deals,
    _brought_to,
    _collectively_raised,
    _counted_deals,
    _figure_tokens,
    _governing_verb,
    _market_subject,
    _market_valued,
    _put_into_place,
    _sum_of_rounds,
    brought_to_value,
    denied_raise,
    figure_top,
    invested_in_class,
    raised_by_name,
    valued_class,
)
from analysis.extract.investors import (
    ENUMERATING_CUES,
    backing_doer_mentions,
    bracketed_ticket,
    lead_figures,
    list_names,
    round_phrase_without_figure,
    verb_doer_mentions,
)
from analysis.extract.names import _company_candidate, _known_investor, _token_text, short_names_known
from analysis.extract.round_gate import gated
from analysis.extract.rounds import (
    _attach_investments,
    _attach_investors,
    _attach_plural_rounds,
    _attach_share_leads,
    _attach_stakes,
    _attach_valuations,
    _defined_acronyms,
    _group_rounds,
    _is_past,
    _label_from_title,
    _leads_are_no_company,
    _listed_rounds,
    _main_round,
    _round_fact,
    _standalone_valuations,
    _title_amounts,
    shortened_investors,
    spelled_out_investors,
    split_joined_investors,
)
from analysis.extract.sentences import Name, Selected, SentenceView, _selected_sentences, _views
from analysis.extract.unpriced import unpriced_rounds
from analysis.extract.vocabulary import (
    _CHANGE_BACK,
    _CHANGE_FROM,
    _CHANGE_TO,
    _CHANGE_TO_DATED,
    _CLAUSE_OTHER,
    _COMPARISON_GAP,
    _INTO_MARKET,
    _OTHER_LABELS,
    MARKET_CAP_ROLE,
    MIN_ROUND_AMOUNT,
    _entities,
    _grammar,
    _places,
    _unique,
    name_key,
)
from analysis.model import (
    Article,
    ArticleFacts,
    DateMention,
    OtherFigure,
)
from analysis.nlp import (
    analyse,
    pipeline_language,
    split_sentences,
)

#: Selected sentences read together as one stretch of a very long text (a data dump, a scraped page
#: of many stories). Beyond it the text is read stretch by stretch, cut at the next paragraph break,
#: so that memory holds one stretch's analysed sentences, not the whole text's. A press article
#: (tens of selected sentences) is always one stretch.
SEGMENT_SENTENCES = 1_000
#: A stretch is cut here even inside a paragraph (a text written as one paragraph).
SEGMENT_MOST_SENTENCES = 2_000


def extract_article(article: Article) -> ArticleFacts:
    """Every funding fact one article states."""
    language = article.language or article.meta.language or "fr"
    published = article.meta.published
    parts = []
    for segment in segments(_selected_sentences(article, language)):
        passages = analyse((item for *_, item in segment), pipeline_language(language))
        parts.append(facts_from_views(article, _views(article, segment, passages, language, published), language))
    return gated(merged_facts(parts))


def segments(selected: list[Selected]) -> list[list[Selected]]:
    """The stretches a text's selected sentences are read in: one for any press article; for a very
    long text, cuts at the first paragraph break after ``SEGMENT_SENTENCES`` sentences (at
    ``SEGMENT_MOST_SENTENCES`` inside one paragraph)."""
    stretches: list[list[Selected]] = [[]]
    for item in selected:
        current = stretches[-1]
        new_paragraph = bool(current) and item[1] != current[-1][1]
        if len(current) >= SEGMENT_MOST_SENTENCES or (len(current) >= SEGMENT_SENTENCES and new_paragraph):
            stretches.append([])
        stretches[-1].append(item)
    return stretches


def merged_facts(parts: list[ArticleFacts]) -> ArticleFacts:
    """One article's facts from those of its stretches, in order. Its company is the stretches'
    common subject, none when they tell of different companies."""
    facts = parts[0]
    for part in parts[1:]:
        facts.rounds.extend(part.rounds)
        facts.valuations.extend(part.valuations)
        facts.other_figures.extend(part.other_figures)
        facts.errors.extend(part.errors)
    subjects = {part.company for part in parts if part.company}
    facts.company = subjects.pop() if len(subjects) == 1 else None
    return facts


#: Tokens at most between a figure and the round verb after it that puts it into a market (« 911 millions d'euros ont
#: été levés dans le secteur »).
MARKET_VERB_REACH = 4


def _takes_up_a_listing(fig: Figure, views_by_index: dict[int, SentenceView]) -> bool:
    """A round noun under a demonstrative determiner in the figure's sentence (« cette opération », "this deal") right
    after a sentence that tells a listing and holds no figure: the figure is the listing's proceeds."""
    view = fig.sentence
    before = views_by_index.get(view.index - 1)
    if before is None or before.money or not any(c.label == "OTHER_IPO" for c in before.cues):
        return False
    p, g = view.parse, _grammar(view.language)
    nouns = [c for c in view.cues if c.label == "ROUND" and 0 < c.token_start < len(p.pos) and p.pos[c.token_start] == "NOUN"]
    return any(p.lemmas[c.token_start - 1].lower() in g["demonstrative_determiners"] and c.end <= fig.mention.start
               and not any(c.end <= o.start and o.end <= fig.mention.start for o in nouns)  # not « Cette opération suit
               for c in nouns)  # une levée de 20 M€ »: the figure's own round noun


def _raised_into_market(fig: Figure) -> bool:
    """A figure whose round verb, right after it, puts it into a whole market (« 911 millions d'euros ont été levés
    dans le secteur des transports », "$2bn was invested in the sector")."""
    view = fig.sentence
    end = view.token_at(max(fig.mention.start, (fig.unit_end or fig.mention.end) - 1))
    return any(c.label in {"ROUND", "INVEST"} and c.start >= fig.mention.end and c.token_start - end <= MARKET_VERB_REACH
               and _INTO_MARKET.match(view.text[c.end - view.start:]) for c in view.cues)


def _plural_pronoun_doer(fig: Figure) -> bool:
    """The figure's verb has a plural pronoun for subject ("They received", « Elles ont levé »)."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    p, g = fig.sentence.parse, _grammar(fig.sentence.language)
    subjects = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
    if not subjects:  # « Elles ont d'ores et déjà levé … », the participle parsed apart: the last subject before it
        subjects = [k for k in range(verb) if p.deps[k] in g["subject"]][-1:]
    return any(p.pos[k] == "PRON" and p.plural[k] for k in subjects)


#: Characters before a figure's sentence searched for the plural class noun a plural pronoun takes up.
PLURAL_ANTECEDENT_CHARS = 400


@cache
def _plural_class_phrase(language: str) -> re.Pattern[str]:
    """A plural determiner, at most two words, then a plural class noun (``grammar.json`` plural_class_nouns)."""
    g = _grammar(language)
    nouns = "|".join(re.escape(n) for n in sorted(g["plural_class_nouns"], key=len, reverse=True))
    determiners = "|".join(re.escape(d) for d in sorted(g["plural_determiners"]))
    return re.compile(rf"\b(?:{determiners})\s+(?:[^\s.;:!?]+\s+){{0,2}}?(?:{nouns})\b", re.IGNORECASE)


def _plural_class_before(fig: Figure, text: str) -> bool:
    """A plural class noun after a plural determiner in the text just before the figure's sentence (« Les start-up
    de l'EPFL cartonnent. Elles ont levé … », "Nigerian startups had a record year. They raised …"; ``grammar.json``
    plural_class_nouns), and no name of a company between it and the sentence: the pronoun takes up the class."""
    view = fig.sentence
    before = text[max(0, view.start - PLURAL_ANTECEDENT_CHARS):view.start]
    found = list(_plural_class_phrase(view.language).finditer(before))
    if not found:
        return False
    rest = before[found[-1].end():]
    return not any(word[:1].isupper() for start, end in split_sentences(rest) for word in rest[start:end].split()[1:])


def _dated_background_rounds(figures: list[Figure], published: dt.date | None) -> None:
    """A round figure reported only by the sentence's source, dated in its own clause before the article's date,
    beside another figure of the sentence that is not (« Selon Reuters, la société est en pourparlers pour lever
    jusqu'à 8 Md$, soit plus que les 6,6 Md$ levés par OpenAI en octobre dernier »): a past round recalled as the
    rumour's background, announced when it was done, not part of the rumour."""
    by_sentence: dict[int, list[Figure]] = {}
    for fig in figures:
        by_sentence.setdefault(id(fig.sentence), []).append(fig)
    for fig in figures:
        view = fig.sentence
        if (fig.role != "round" or fig.status != "reported" or hedged_before(fig) or fig.date is None
                or not (fig.lo <= fig.date.start and fig.date.end <= fig.hi) or not _is_past(fig.date, published)):
            continue
        low, high = sorted((fig.mention.end, fig.date.start))
        if any(c.label == "REPORTED_ATTRIB" and low <= c.start < high for c in view.cues):
            continue  # "to raise as much as $500 million, people familiar with the matter said in September": the
            # date of the telling, not of the round
        if any(o is not fig and o.role in {"round", "valuation", "investment"}
               and not (o.date is not None and _is_past(o.date, published)) for o in by_sentence[id(view)]):
            fig.status = "announced"


def view_text_after(fig: Figure) -> str:
    """The text of a figure's sentence after the figure (and its unit)."""
    return fig.sentence.text[(fig.unit_end or fig.mention.end) - fig.sentence.start:]


#: The roles of the cues (``patterns/cues/<lang>.jsonl`` ids) whose verb's doer puts money in ("A invested", "B
#: participated", "C led a $5 million round in Kalvo"; not « X fait entrer à son capital A », whose doer is the company), and
#: of those whose doer raises it.
INVESTING_ROLES = frozenset({"invest", "participants:name_before", "participants:either_side", "lead:name_before"})
RAISING_ROLES = frozenset({"round"})


def facts_from_views(article: Article, views: list[SentenceView], language: str) -> ArticleFacts:
    """The rules of extraction over analysed sentences (separate so it can be tested alone)."""
    meta = article.meta
    views, shortened = short_names_known(views)  # "Morrow previously raised", the article naming "Morrow Batteries"
    introduced_investors = _introduced_investors(views)  # « le fonds X », "investor X": read once for both passes
    investing = verb_doer_mentions(views, INVESTING_ROLES) + backing_doer_mentions(views)
    raising = verb_doer_mentions(views, RAISING_ROLES)
    subject, dominant = _subject_company(article, views, introduced_investors, _acting_investors(views, investing, raising))
    facts = ArticleFacts(
        file=article.file, article_id=article.article_id, language=language, published=meta.published,
        published_precision=meta.published_precision, publisher=meta.publisher, title=meta.title, url=meta.url,
        company=subject,
    )
    figures: list[Figure] = []
    for view in views:
        alternative_of = _restatements(view)
        windows = _windows(view, alternative_of)
        sentence_figures: list[Figure] = []
        for i, (mention, (lo, hi)) in enumerate(zip(view.money, windows, strict=True)):
            fig = Figure(mention, view, lo, hi, company=subject)
            if i + 1 in alternative_of:
                fig.unit_end = view.money[i + 1].end
            previous = sentence_figures[-1] if sentence_figures else None
            gap = view.text[previous.mention.end - view.start:mention.start - view.start] if previous else ""
            if i in alternative_of and previous is not None:
                fig.role, fig.primary, fig.company = "alternative", previous, previous.company
            elif previous is not None and _CHANGE_BACK.match(gap) and previous.role == "valuation":
                fig.role, fig.basis = "valuation", previous.basis
                fig.why = BEFORE_CHANGE  # "its valuation rose to $1.8 billion from $1 billion"
            elif previous is not None and _COMPARISON_GAP.search(gap) and previous.role == "valuation":
                fig.role, fig.basis = "valuation", previous.basis
                fig.why = "comparison"
                fig.owner = _genitive_owner(fig, subject)  # « contre 3,6 milliards d'euros pour Sorare »: Sorare's
            elif previous is not None and previous.role == "valuation" and _compared_across(
                    view, previous.unit_end or previous.mention.end, mention.start, "VALUATION"):
                fig.role, fig.basis = "valuation", previous.basis
                fig.why = BEFORE_CHANGE  # "at $5 billion, more than double its last valuation of $2 billion"
            elif previous is not None and previous.role == "valuation" and _changed_value(view, previous, gap, dated=True):
                fig.role, fig.basis = "valuation", previous.basis  # "its valuation from $1.5 to $1.6 billion"
                previous.why = BEFORE_CHANGE  # the value before the change
            elif previous is not None and previous.role == "round" and _round_changed(view, previous, gap):
                fig.role, fig.basis = "round", previous.basis  # « étend sa levée de fonds de 260 millions de dollars à
                previous.role, previous.why = "other", BEFORE_CHANGE  # 330 millions »: the round is its new size
            elif previous is not None and previous.role in {"round", "valuation"} and (previous.lo, previous.hi) == (lo, hi):
                fig.role, fig.basis = previous.role, previous.basis  # « des valorisations respectives de 4,4 et 1,75 Md€ »
            else:
                _classify(fig, subject)
            fig.status = _status(fig)
            fig.date = _nearest_date(fig)
            sentence_figures.append(fig)
        _label_figures(view, sentence_figures)
        figures.extend(sentence_figures)

    _dated_background_rounds(figures, meta.published)
    _digest_lines(figures)  # "Sep 13: Scalapay: $210 million", one deal a line
    _carry_compared_roles(figures)
    _owned_beside_rounds(figures, views)
    # « A and B's raises of $80m and $44m respectively »: figures coordinated with an owned round figure are rounds too
    owned_clauses = {(id(f.sentence), f.lo, f.hi) for f in figures if f.role == "round" and f.owner}
    views_by_index = {v.index: v for v in views}
    for fig in figures:
        if fig.role == "round" and not fig.owner and (id(fig.sentence), fig.lo, fig.hi) not in owned_clauses and (
                listed_name_at(fig) is None) and (
                _market_subject(fig, pipeline_language(language)) or _counted_deals(fig, pipeline_language(language))
                or _sum_of_rounds(fig, pipeline_language(language))
                or _collectively_raised(fig, pipeline_language(language))):
            fig.role, fig.why = "other", "market_total"  # « vingt-cinq levées pour 41 millions d'euros »
        if fig.role == "round" and denied_raise(fig):
            fig.role, fig.why = "other", "hypothetical"  # "would not have been able to raise several hundred million"
        if fig.role == "round" and _bracket_counts_deals(fig):
            fig.role, fig.why, fig.owner = "other", "market_total", None  # « du « Tourisme & Loisirs » (31 M€, 9
            # levées) »: the sum of a class of deals, even where a name stands before the bracket
        if fig.role == "other" and fig.why == "total_raised" and not fig.owner \
                and _market_subject(fig, pipeline_language(language)):
            fig.why = "market_total"  # "Late-stage rounds witnessed a total funding of $1.8 billion": no one's total
        if fig.role == "valuation" and ((not fig.owner and (_market_valued(fig, pipeline_language(language))
                                                            or valued_class(fig, pipeline_language(language))))
                                        or _counted_deals(fig, pipeline_language(language))):
            fig.role, fig.why = "other", "market_total"  # "the market is expected to be worth $70 billion"
        if fig.role in {"round", "investment"} and (_INTO_MARKET.match(view_text_after(fig)) or _raised_into_market(fig)
                                                    or _put_into_place(fig, pipeline_language(language))
                                                    or invested_in_class(fig, pipeline_language(language))):
            fig.role, fig.why = "other", "market_total"  # « ont injecté 520 millions de dollars dans le secteur », «
            # 200 millions de francs être injectés dans les jeunes pousses de l’économie »
        if fig.role == "round" and _takes_up_a_listing(fig, views_by_index):
            fig.role, fig.why = "other", "ipo"  # « Kalvo a fait son entrée en Bourse. Grâce à cette opération, elle a
            # levé 66,5 M€ »: the listing's proceeds
        if fig.role == "round" and _brought_to(fig, pipeline_language(language)):
            fig.role, fig.why = "other", "total_raised"  # "brings the amount invested ... to $200 million"
        elif fig.role in {"round", "other"} and brought_to_value(fig, pipeline_language(language)):
            fig.role, fig.why, fig.basis = "valuation", None, None  # « portant sa valeur à 750 millions de dollars »
        if fig.role in {"round", "valuation", "other"} and _listed_market_value(fig, views_by_index):
            fig.role, fig.why, fig.owner = "other", "share_price", None  # « Les plus fortes capitalisations boursières
            # sont Kalvo (885 M€) et Orbix (730 M€) »: listed companies' market values
        elif (fig.role in {"round", "other"} and ranked_by_funding(fig) and not other_in_bracket(fig)
              and _bracketed_after_name(fig, subject)):
            fig.role, fig.why = "other", "total_raised"  # « les fintechs européennes les mieux financées, dominé par la
            # Suédoise Klarna (598 millions de dollars) »: what it raised to date, no round
        elif fig.role in {"round", "other", "investment"} and (ticket := bracketed_ticket(fig, subject)):
            # "investors including A ($77 million)": A's ticket in the article's round, not A's round
            fig.role, fig.why, fig.investor, fig.owner = "investment", None, ticket, subject
        elif (fig.role in {"round", "other"} and fig.why not in _CLAUSE_OTHER_WHYS and not other_in_bracket(fig)
              and not _bracket_counts_deals(fig)  # (the sum of a class of deals, above)
              and (named := _bracketed_after_name(fig, subject))):
            fig.role, fig.why, fig.owner = _bracketed_role(fig), None, named  # « la fintech Ledger (61 millions d'euros) »
        elif fig.role == "valuation" and not fig.owner and (named := _bracketed_after_name(fig, subject)) and any(
                n.text.strip() == named and _company_candidate(fig.sentence, n) for n in fig.sentence.names):
            fig.owner = named  # « Mirakl (valorisé à 1,5 milliard de dollars) et BlaBlaCar (1,45 milliard de dollars) »;
            # not « SpaceX, dirigée par d'Elon Musk (180 milliards de dollars) », a person
        if fig.role in {"round", "valuation"} and _unicorn_threshold(fig):
            fig.role, fig.why = "other", "market_total"  # « une licorne (société valant plus d'un milliard) »
        if fig.role in {"round", "valuation"} and _sized_fund(fig):
            fig.role, fig.why = "other", "fund_close"  # "Saudi Arabia’s $400 billion Public Investment Fund"
        if fig.role == "round" and _investor_raising_a_fund(fig, subject):
            fig.role, fig.why = "other", "fund_close"  # "Novastar Ventures has raised $108m for its second fund"
        if fig.role == "round" and _floor_of_a_class(fig, pipeline_language(language)):
            fig.role, fig.why = "other", "market_total"  # « rares sont les cas à avoir levé plus de 100 M€ »
        if fig.role in {"round", "valuation"} and _size_of_a_class(fig, pipeline_language(language)):
            fig.role, fig.why = "other", "market_total"  # « a exclu les levées de fonds de moins de 500 000 dollars »
        if fig.role in {"round", "valuation"} and fig.mention.money.minimum == 0:
            fig.role, fig.why = "other", "market_total"  # « ceux qui lèvent entre 0 et 10 millions »: a size class
        if fig.role in {"round", "valuation"} and fig.value < MIN_ROUND_AMOUNT:
            fig.role, fig.why = "other", "unrelated"  # "a $175 funding round": no company's round is that small
    for fig in figures:  # « en raison des 500 millions récoltés par Doctolib »: a company raised it, whatever the clause
        if fig.role == "other" and fig.why in {"market_total", "fund_close"} and (
                agent := raised_by_name(fig) or raiser_named_after(fig)) \
                and not _known_investor(agent):
            fig.role, fig.why, fig.owner = "round", None, agent
    _listed_with_names(figures)  # « Distalmotion avec 135 millions, Noema Pharma (103 millions) », "20 millions for X"
    _carry_compared_roles(figures)  # again: « PayFit (90 M€ puis 254 M€) », the first one a round only now
    _parts_of_round(figures)
    _equity_part_of_mixed(figures)  # "$2.1 billion in debt and equity financing, including a $900 million Series C"
    _dated_part_of_total(figures)  # « a levé près de 3 milliards de dollars, dont 863 millions en août 2024 »
    _sum_over_companies(figures)  # « 1,4 milliard, dont 415 millions pour Moonlake et 144 millions pour Oculis »
    _amount_of_a_round_before(figures, views)
    _valuations_restated(figures)
    _restated_roles(figures)
    _unconfirmed(figures, views)
    title = (meta.title or "").strip()
    _headline_follows_body(figures, len(title) if title and article.text.startswith(title) else 0)
    _headline_rounds_body(figures, len(title) if title and article.text.startswith(title) else 0)
    _infer_currencies(figures, meta.url)
    _local_dollars(figures, meta.url, language, article.text)
    subject = facts.company = _subject_by_deeds(figures, subject, language, meta.title)
    # the doers of an investing verb who raise nothing are investors too: a round figure given to one is its ticket
    doers = {key for key in investing if not raising[key]}
    roundup = _assign_companies(figures, subject, meta.title, language, views, dominant, introduced_investors | doers)
    _section_headings_follow(figures, views)
    _tickets_of_round_before(figures)
    _listed_investor_tickets(figures, subject)
    full = shortened | _full_names({f.company for f in figures if f.company}, views)  # "Abogen" after "Suzhou Abogen
    # Biosciences Co."
    for fig in figures:
        fig.company = full.get(fig.company or "", fig.company)
    subject = full.get(subject or "", subject)  # the rounds are drafted under the full name: the subject's sentences too
    if full and roundup and len({f.company for f in figures if f.role == "round" and f.company}) == 1:
        roundup = False  # one company's rounds under two spellings: no roundup
        subject = None
    if roundup:
        facts.company = None  # a roundup is about many companies
    elif subject is None and len(deals := _unique(f.company for f in figures if f.role == "round" and f.company)) == 1:
        subject = facts.company = deals[0]  # no name stood out by counting, but every round told is one company's
    elif subject is not None and len(
            deals := _unique(f.company for f in figures if f.role == "round" and f.company)) == 1 and name_key(
            deals[0]) != name_key(subject) and not any(
            name_key(f.company or "") == name_key(subject) for f in figures if f.role in {"round", "valuation"}) and (
            any(key == name_key(subject) or key.startswith(name_key(subject) + " ") for key in doers)
            or all(f.company_by in GRAMMAR_FOUND for f in figures if f.role == "round")):
        subject = facts.company = deals[0]  # every round told is one company's, found by the grammar, and the name
        # counted most has none, or only invests: the article tells that company's deal ("Orbix Group has led a $20
        # million raise for Kalvo", « Kalvo, spin-off de l'Université de Liège, lève 1 M€ » in an article naming the
        # university more)
    elif (subject is not None and not roundup and (told := headline_deal_company(figures, meta.title))
          and name_key(told) != name_key(subject) and not any(
            name_key(f.company or "") == name_key(subject) for f in figures if f.role in {"round", "valuation"})):
        subject = facts.company = told  # the name counted most has no deal, the headline tells this company's
    market_amounts = {(f.value, f.currency) for f in figures if f.role == "other" and f.why == "market_total"}
    for fig in figures:  # "firms raised a combined Sh7.5 billion ... They received Sh7.5 billion": the market's again
        if fig.role == "round" and _plural_pronoun_doer(fig) and not any(
                _company_candidate(fig.sentence, n) for n in fig.sentence.names) and not speaker_company(fig) and (
                (fig.value, fig.currency) in market_amounts or _plural_class_before(fig, article.text)):
            fig.role, fig.why = "other", "market_total"  # « Les start-up de l'EPFL cartonnent. Elles ont levé 397 M »
    round_amounts = {(f.value, f.currency): f.company for f in reversed(figures) if f.role == "round"}
    for fig in figures:  # "même 1,7 milliard € peut-il ..." restates the round
        if fig.role == "other" and (fig.value, fig.currency) in round_amounts and not (
                roundup and fig.why in {"market_total", "fund_close"}) and fig.why != "total_raised" and not each_after(
                fig) and not any(
                f.role == "round" and f.sentence is fig.sentence and (f.value, f.currency) == (fig.value, fig.currency)
                for f in figures):  # not « trois tours ont réuni 100 M€ ou plus : …, C (100 millions) », nor in a
            fig.role, fig.why = "round", None  # roundup "15 rounds securing $2 billion each" beside one of $2 billion
            # (not « des transactions de plus de 100 millions $ chacune »: each of several deals; nor "To date, the
            # company has raised more than $1 billion" beside a $1 billion round in talks: a total to date)
            if fig.company is None or fig.company_by is None:  # the round it restates, unless the sentence gave its
                fig.company = round_amounts[fig.value, fig.currency]  # own company ("ReCode Therapeutics Scores
                # $200M", a heading the article's most counted company does not own)
    view_companies = _anaphoric_leads(views, _view_companies(views, subject, roundup, figures), figures, subject)
    if roundup:
        view_companies = _leads_are_no_company(views, view_companies, figures)
    rounds: list[RoundDraft] = []
    mains: dict[str | None, RoundDraft] = {}
    funded: dict[int, set[str]] = {}
    for fig in figures:
        if fig.role == "round" and fig.company:
            funded.setdefault(fig.sentence.index, set()).add(name_key(fig.company))
    drafted: list[tuple[str, list[Figure], list[RoundDraft], RoundDraft | None]] = []
    for company in _unique(f.company or "" for f in figures if f.role in {"round", "investment", "valuation"}):
        owned = [f for f in figures if (f.company or "") == company]
        company_rounds = _group_rounds(owned, subject, meta.published)
        title_amounts = _title_amounts(meta.title, language)
        main = _main_round(company_rounds, meta.published, title_amounts)
        if main is not None and not roundup:
            _label_from_title(main, company_rounds, meta.title, title_amounts)
        if main is not None and main.date is None:
            main.date = _valuation_date(main, owned)  # "raised $225 million in January at a $2.75 billion valuation"
        if main is not None and main.date is None and meta.published is not None:
            main.date = DateMention(-1, -1, "", meta.published, meta.published_precision or "day")
        _attach_investments(owned, company_rounds, main, meta.published)
        _attach_valuations(owned, company_rounds, main)
        drafted.append((company, owned, company_rounds, main))
    every_round = [draft for *_, company_rounds, _ in drafted for draft in company_rounds]
    for company, owned, company_rounds, main in drafted:  # every company's rounds drafted: a sentence telling several
        # companies' deals gives each the investors named after its own figure
        company_views = [v for v, owner in zip(views, view_companies, strict=True) if (owner or "") == company]
        _attach_investors(company_views, company_rounds, main, subject, owned, funded, every_round, figures)
        _attach_share_leads(company_rounds)
        _attach_stakes(company_views, company_rounds)
        rounds.extend(company_rounds)
        if main is not None:
            mains[company] = main
    _attach_plural_rounds(views, rounds, subject, figures)
    rounds.extend(_listed_rounds(views, rounds))
    rounds.extend(unpriced_rounds(views, view_companies, rounds, subject))
    main_drafts = {id(d) for d in mains.values()}
    for draft in sorted(rounds, key=lambda d: d.first_at):
        facts.rounds.append(_round_fact(draft, id(draft) in main_drafts, meta.published, meta.published_precision))
    acronyms = _defined_acronyms(article.text)  # read once, for the investors and the companies
    spelled_out_investors(facts.rounds, acronyms)
    split_joined_investors(facts.rounds)
    shortened_investors(facts.rounds)
    for fig in figures:  # a valuation of no round and no company: no one's valuation ("at a $1.07 billion valuation")
        if fig.role == "valuation" and fig.round is None and not fig.company:
            fig.role, fig.why = "other", "unattributed"
    facts.valuations = _standalone_valuations(figures, facts.rounds, meta.published, meta.published_precision)
    _spell_out_acronyms(facts, acronyms)
    _full_company_names(facts, views)
    _share_surnames(facts, views)
    facts.other_figures = [
        OtherFigure(f.mention.text, f.value, f.currency, f.why or "unrelated",
                    None if f.why in {"market_total", "fund_close"} else f.company, f.mention.start,
                    f.mention.end, [f.evidence(f.why or "unrelated")])
        for f in figures
        if f.role == "other" or (f.role == "alternative" and f.primary is not None and f.primary.role == "other")
    ]
    return facts


#: Kinds of figure a cue of the whole clause gives (an acquisition, a fund close, a fine, an offer declined): a
#: bracketed figure after a name there is that kind (« closed PE deals were X (€1.2bn) »), not X's round.
_CLAUSE_OTHER_WHYS = frozenset(_OTHER_LABELS[label] for label in _CLAUSE_OTHER)


def _spell_out_acronyms(facts: ArticleFacts, full: dict[str, str]) -> None:
    """A company written by an acronym the article defines (``full``, from ``rounds._defined_acronyms``: "Spaced
    Ventures (SV) announced … SV will use") is written by its full name, as the article introduces it."""
    if facts.company in full:
        facts.company = full[facts.company]
    for fact in [*facts.rounds, *facts.valuations]:
        if fact.company in full:
            fact.company = full[fact.company]


def _full_names(companies: set[str], views: list[SentenceView]) -> dict[str, str]:
    """Each company of ``companies`` written short ("Abogen", "Walking Fish") that the article names in full
    elsewhere, the extra words being places before it and company suffixes after it ("Suzhou Abogen Biosciences
    Co.", "Walking Fish Therapeutics"), with that full name, as the article introduces it. Not another company that
    extends the name ("Uber Eats": "Eats" is no company suffix)."""
    suffixes = {name_key(w) for w in _entities()["company_suffixes"]}
    full: dict[str, str] = {}
    for name in (n for view in views for n in sorted(view.names, key=lambda n: n.start) if not n.person):
        words = name.text.strip().split()
        for company in companies - set(full):
            short = company.split()
            for at in range(len(words) - len(short) + 1):
                if [name_key(w) for w in words[at:at + len(short)]] != [name_key(w) for w in short] \
                        or len(words) == len(short):
                    continue
                before, after = words[:at], words[at + len(short):]
                if before and name_key(" ".join(before)) not in _places():
                    continue
                if all(name_key(w) in suffixes for w in after):
                    full[company] = name.text.strip()
                break
    return full


def _full_company_names(facts: ArticleFacts, views: list[SentenceView]) -> None:
    """Every fact's company written short takes the full name the article gives it (``_full_names``)."""
    full = _full_names({f.company for f in [*facts.rounds, *facts.valuations] if f.company}, views)
    if facts.company in full:
        facts.company = full[facts.company]
    for fact in [*facts.rounds, *facts.valuations]:
        if fact.company in full:
            fact.company = full[fact.company]


def _after_plural_class(view: SentenceView, name: Name) -> bool:
    """A plural company class noun right before the name (``entities.json`` plural_class_ends: "venture capital firms
    Blackbird and Main Sequence"): the names it introduces are firms, whatever the model types them."""
    words = view.text[:name.start - view.start].split()
    return bool(words) and name_key(words[-1]) in _entities()["plural_class_ends"]


def _share_surnames(facts: ArticleFacts, views: list[SentenceView]) -> None:
    """A first name the model types a person, then "and" and a person's full name ("Jean and Steve Case"): two
    people of one family, the first bearing the second's surname ("Jean Case"); not a name the article writes alone
    elsewhere ("led by Naspers ... backers Naspers and Meituan Dianping": a company the model typed a person), nor
    names a plural class noun introduces ("firms Blackbird and Main Sequence")."""
    full: dict[str, str] = {}
    written = Counter(n.text for view in views for n in view.names)
    for view in views:
        names = sorted(view.names, key=lambda n: n.start)
        for first, second in pairwise(names):
            words = second.text.split()
            if (first.person and second.person and first.text.isalpha() and first.text.istitle() and len(words) == 2
                    and written[first.text] == 1 and not _after_plural_class(view, first)
                    and view.text[first.end - view.start:second.start - view.start].strip().lower() in
                    _grammar(view.language)["coordinating_words"]):
                full[first.text] = f"{first.text} {words[-1]}"
    if not full:
        return
    for r in facts.rounds:
        r.lead_investors = [full.get(n, n) for n in r.lead_investors]
        r.investors = [full.get(n, n) for n in r.investors]
        r.roles_found_by = {full.get(n, n): how for n, how in r.roles_found_by.items()}


def _valuation_date(draft: RoundDraft, figures: list[Figure]) -> DateMention | None:
    """The date of a valuation set in the same sentence as a round's amount, when the amount's clause has none: the
    date stands nearer the valuation ("raised $225 million in a Series C round in January at a $2.75 billion
    valuation") and dates the round it was set at."""
    amount = draft.amount_figure
    if amount is None:
        return None
    return next((f.date for f in figures if f.role == "valuation" and f.sentence is amount.sentence
                 and f.mention.start > amount.mention.start and f.date is not None and f.date.date is not None
                 and amount.mention.end <= f.date.start), None)


def _anaphoric_leads(
    views: list[SentenceView], owners: list[str | None], figures: list[Figure], subject: str | None
) -> list[str | None]:
    """A sentence whose lead verb has a bare round noun for subject or object and governs none of
    its figures (``lead_figures``: « Le tour est mené par X, qui avait mené la levée de 5 M€
    d'Ostrala », "The round was led by X, which also backed Y's $5m seed"), or whose investors all hang
    under a round word whose phrase holds none of its figures (``round_phrase_without_figure``: « La
    somme collectée, auprès de A et B, dépasse le record de 100 M€ établi par X »), speaks of the round
    of the sentence just before: it is that sentence's company's, not the company of its own figures."""
    found = list(owners)
    for k, view in enumerate(views):
        own = [f for f in figures if f.sentence is view and f.role in {"round", "investment", "alternative"}]
        if k and own and views[k - 1].index == view.index - 1 and (lead_figures(view, own) == [] or
                                                                   round_phrase_without_figure(view, own, subject, figures)):
            found[k] = found[k - 1]
    return found


#: Qualifiers of a floor or a ceiling: the figure is a threshold.
_THRESHOLD_QUALIFIERS = frozenset({"more_than", "up_to"})


#: Sentences at most before or after a figure's, in its paragraph, that may speak of the rounds it is one of.
ROUNDS_TOLD_REACH = 1


def _owned_beside_rounds(figures: list[Figure], views: list[SentenceView]) -> None:
    """A figure with no cue of its own, that a company owns (« les 176 millions $ pour d.light », « les 40 millions $
    de la fintech tanzanienne Nala »), next to a sentence of its paragraph speaking of rounds (« 850 millions pour
    Verkor, 304 millions pour Electra… Les start-up industrielles ont conclu de jolis tours de table »): a round."""
    by_index = {v.index: v for v in views}
    for fig in figures:
        if fig.role != "other" or fig.why != "unrelated" or not fig.owner:
            continue
        view = fig.sentence
        near = [by_index.get(view.index + d) for d in range(-ROUNDS_TOLD_REACH, ROUNDS_TOLD_REACH + 1)]
        if any(v is not None and v.paragraph == view.paragraph and any(c.label == "ROUND" for c in v.cues)
               for v in near):
            fig.role, fig.why = "round", None


def _floor_of_a_class(fig: Figure, language: str) -> bool:
    """A threshold figure ("plus de", "more than") under a non-finite clause that describes a plural common
    noun (« rares sont les cas comme X ou Y à avoir levé plus de 100 millions d'euros », "the few startups
    to have raised more than $100m"): the floor of a class of deals, not a round. « La première start-up à
    lever plus de 20 M€ » (a singular noun) does state one."""
    if fig.mention.money.qualifier not in _THRESHOLD_QUALIFIERS or (verb := _governing_verb(fig)) is None:
        return False
    p, g = fig.sentence.parse, _grammar(language)
    head = p.heads[verb]
    modal = any(c.label == "REPORTED_MODAL" and c.start <= p.starts[head] < c.end for c in fig.sentence.cues)
    return (head != verb and p.deps[verb] in g["participle"] and p.pos[head] == "NOUN" and p.plural[head]
            and not modal  # "is in talks to raise up to $700 million": one company's round, reported
            and any(p.deps[k] == "mark" or p.pos[k] == "PART" for k in p.children(verb)))


def _listed_market_value(fig: Figure, views_by_index: dict[int, SentenceView]) -> bool:
    """A figure in brackets after a cue naming stock-market values (``MARKET_CAP_ROLE``: « capitalisations
    boursières », "market caps") in its sentence, or in the sentence a semicolon ends right before it (« : A (1 050
    M€) ; B (885 M€) et C (730 M€) »), no round word between: a list of listed companies' market values."""
    view, m = fig.sentence, fig.mention
    if not view.text[:m.start - view.start].rstrip().endswith("("):
        return False
    heads = [c for c in view.cues if c.role == MARKET_CAP_ROLE and c.end <= m.start]
    if heads:
        return not view.cues_between(heads[-1].end, m.start, "ROUND")
    before = views_by_index.get(view.index - 1)
    return (before is not None and before.paragraph == view.paragraph and before.text.rstrip().endswith(";")
            and any(c.role == MARKET_CAP_ROLE for c in before.cues) and not view.cues_between(view.start, m.start, "ROUND"))


#: Qualifiers that make a figure a bound ("more than", « moins de »).
_BOUND_QUALIFIERS = frozenset({"more_than", "less_than"})
#: Steps up the parse from a bound figure to the plural noun of deals it sizes (« les levées de fonds de moins de
#: 500 000 dollars »: dollars, fonds, levées).
SIZED_CLASS_CLIMB = 3


def _size_of_a_class(fig: Figure, language: str) -> bool:
    """A bound figure ("more than", « moins de ») that a plural noun of deals takes as its complement ("rounds of more
    than $100 million", "smaller deals under €5 million", « les levées de fonds de moins de 500 000 dollars »;
    ``grammar.json`` sized_deal_nouns), no number counting the deals or one counting more of them than the names after
    the figure: the size of a class of deals, not one deal."""
    if fig.mention.money.qualifier not in _BOUND_QUALIFIERS:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    if not p.heads:
        return False
    first, inside = _figure_tokens(fig)
    top = figure_top(p, inside)
    for head in p.ancestors(first if top is None else top, SIZED_CLASS_CLIMB):
        if p.pos[head] in {"VERB", "AUX"}:
            return False
        if p.pos[head] == "NOUN" and p.lemmas[head].lower() in g["sized_deal_nouns"]:
            # « Cinq gros tours de table de plus de 20 millions ont permis à A, B, … »: counted deals, each told;
            # not « 12 levées de fonds de plus de 10 millions de dollars pour DeFi et Web3 », more deals than names
            counts = [_count_value(_token_text(view, k), view.language) for k in p.children(head)
                      if p.deps[k] == "nummod"]
            named_after = [n for n in view.names if n.start >= fig.mention.end]
            return p.plural[head] and (not counts or (counts[0] or 0) > len(named_after))
    return False


def _listed_investor_tickets(figures: list[Figure], subject: str | None) -> None:
    """A round figure whose company is an item of the investor enumeration of another round figure of its
    sentence, and whose own clause has an investing word before it (« lever 1,3 M€ auprès de différents
    investisseurs dont Pivoine qui apporte une contribution de 150 000 euros »): that investor's ticket in the
    earlier round, not a round of its own."""
    for fig in figures:
        if fig.role != "round" or not fig.company:
            continue
        view = fig.sentence
        if not view.cues_between(fig.lo, fig.mention.start, "INVEST"):
            continue
        earlier = [f for f in figures if f.sentence is view and f.role == "round" and f.company
                   and f.mention.end <= fig.mention.start and name_key(f.company) != name_key(fig.company)]
        if not earlier:
            continue
        listed = any(cue.label in ENUMERATING_CUES and earlier[-1].mention.end <= cue.start < fig.mention.start
                     and name_key(fig.company) in {name_key(n) for n in list_names(view, cue.end, None)}
                     for cue in view.cues)
        if listed:
            fig.role, fig.investor = "investment", fig.company
            fig.company, fig.company_by = earlier[-1].company, earlier[-1].company_by


#: How a figure's company was found when the sentence's grammar gave it (not the company the sentence is about).
GRAMMAR_FOUND = frozenset({"grammar", "owner", "relative"})


def _round_changed(view: SentenceView, previous: Figure, gap: str) -> bool:
    """Two figures of a round's change of size, the round noun right before "from X to Y" / « de X à Y » ("extends
    its round from $260 million to $330 million", « étend sa levée de fonds de 260 à 330 millions »)."""
    if not _changed_value(view, previous, gap):
        return False
    opener = _CHANGE_FROM.search(view.text[:previous.mention.start - view.start])
    at = view.start + opener.start() if opener else previous.mention.start
    return any(c.label == "ROUND" and c.end <= at and not view.text[c.end - view.start:at - view.start].strip()
               for c in view.cues)


def _changed_value(view: SentenceView, previous: Figure, gap: str, dated: bool = False) -> bool:
    """Two figures of a change of value, "from X to Y" / « de X à Y »; ``dated``: the earlier value may carry its date
    ("from $1.5bn in July to $13.3bn")."""
    return (_CHANGE_TO.match(gap) is not None or (dated and _CHANGE_TO_DATED.match(gap) is not None)) and _CHANGE_FROM.search(
        view.text[:previous.mention.start - view.start]) is not None
