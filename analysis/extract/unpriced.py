"""Rounds a sentence tells without any amount, read from the parse: an investor putting money into a named company
("Last year, Larch Partners invested in Tekora"), a company raising from named investors at a date of its own or an
undisclosed sum ("In 2013, the company raised an undisclosed amount from Orbix"), a company in talks with named
investors for a round ("Tekora is in talks with A and B for a new round"). The gold policy keeps such a round when
the text gives its company and an investor or a date; a sentence that could be telling a round the article already
holds adds nothing here (the investor attachment of ``rounds`` reads it)."""

from __future__ import annotations

from analysis.extract.drafts import RoundDraft
from analysis.extract.figures import _sentence_reported
from analysis.extract.grammar import (
    _cue_verb,
    _doer,
    _investee,
    _named_noun,
    _round_noun,
    definite_round,
    negated,
    portfolio_recalled,
    round_object_owner,
)
from analysis.extract.investors import _clause, _investor_mentions, _list_names, _verb_doers
from analysis.extract.names import _known_investor
from analysis.extract.rounds import _dated_apart, name_relative_tokens
from analysis.extract.sentences import Cue, SentenceView
from analysis.extract.vocabulary import _VERBAL, _grammar, _unique, name_key, round_label_in
from analysis.model import Evidence

#: Cue labels of a verb by which an investor puts money into a company, and of those among them that make it a lead.
INVESTING_LABELS = frozenset({"INVEST", "LEAD", "PARTICIPANTS"})
LEADING_LABELS = frozenset({"LEAD"})
#: Cue labels that open the list of a raise's investors ("from", « auprès de », "in talks with").
FROM_LABELS = frozenset({"WEAK_LIST", "PARTICIPANTS"})
#: Dependency steps at most from a cue of talks up to the verb whose subject is the company in talks.
TALKS_REACH = 3
#: Cue labels of the words that say a sum is received ("funding", "an investment", "an undisclosed amount").
SUM_LABELS = frozenset({"ROUND", "INVEST", "UNDISCLOSED"})
#: Dependency steps at most from a list cue's first token up to the funding word it belongs to
#: ("raised an undisclosed amount from X": "from" hangs on "raised" or on "amount").
FROM_REACH = 2


def unpriced_rounds(
    views: list[SentenceView], owners: list[str | None], rounds: list[RoundDraft], subject: str | None,
) -> list[RoundDraft]:
    """The rounds without amount the sentences holding no money figure tell, that no round of ``rounds`` already
    holds. ``owners``: per sentence, the company it speaks of (for a pronoun or a class noun as the doer)."""
    found: list[RoundDraft] = []
    for k, (view, owner) in enumerate(zip(views, owners, strict=True)):
        if view.money or not view.parse.heads:
            continue
        after = views[k + 1] if k + 1 < len(views) else None
        told = _told(view, owner, subject)
        told_after = [] if told else _undisclosed_then_named(view, after, owner, subject)
        for company, investors, leads, led in told or told_after:
            draft = _new_round(view, company, investors, [*rounds, *found], led)
            if draft is None:
                continue
            for name in investors:
                draft.add_investor(name, lead=name in leads)
                draft.note_role(name, name in leads, "grammar")
            for source in (view, after) if told_after and after is not None else (view,):
                draft.extra_evidence.append(Evidence(source.text, source.start, source.end, role="investors"))
            if not any(r is draft for r in rounds):
                found.append(draft)
    return found


def _told(view: SentenceView, owner: str | None, subject: str | None,
          ) -> list[tuple[str, list[str], list[str], int | None]]:
    """(company, investors, leads, lead verb) of each deal the sentence's grammar tells; the lead verb only when the
    deal is the round noun it governs."""
    told: list[tuple[str, list[str], list[str], int | None]] = []
    g = _grammar(view.language)
    p = view.parse
    for cue in view.cues:
        verb = _cue_verb(view, cue)
        if (talks := _talks(view, cue, subject)) is not None:
            told.append((*talks, None))
            continue
        if verb is None and cue.label in {"ROUND", "INVEST"} and (noun := _cue_noun(view, cue)) is not None:
            # "Kalvo has taken in an undisclosed investment from Orbix": the names the noun is from, the doer of its verb
            head = p.heads[noun]
            if head != noun and p.pos[head] in _VERBAL and not negated(view, head):
                investors = _raised_from(view, noun, subject)
                if investors and (company := _raiser(view, head, owner, subject)):
                    told.append((company, investors, [], None))
            continue
        if (cue.label in LEADING_LABELS and verb is not None and not negated(view, verb)
                and (company := round_object_owner(view, verb, subject))):
            # "A and B, which led Kalvo's Series B, also co-led Orbix's Series C": each led round is its company's
            leads = _unique([*_verb_doers(view, cue, subject), *_investor_mentions(view, subject, [])[0]])
            if leads:
                told.append((company, leads, leads, verb))
            continue
        if verb is None or p.deps[verb] in g["relative"] or negated(view, verb):
            continue  # "Orbix, which has backed Kalvo and Tekora": an investor described by its portfolio
        if cue.label in INVESTING_LABELS and (investors := _verb_doers(view, cue, subject)):
            company = _investee(view, verb, subject, g, person_ok=True)  # money goes into a company, whatever the model says
            if company and not _known_investor(company) and not portfolio_recalled(view, verb):
                told.append((company, investors, investors if cue.label in LEADING_LABELS else [], None))
        elif cue.label == "ROUND" and cue.role == "round":
            leads = _led_round_object(view, verb, subject)
            investors = _raised_from(view, verb, subject) + [  # « un tour de table mené par A, avec la participation de B »
                name for noun in (_round_objects(view, verb) if leads else ()) for name in _raised_from(view, noun, subject)]
            if (investors or leads) and (company := _raiser(view, verb, owner, subject)):
                told.append((company, _unique([*leads, *investors]), leads, None))
    return [(c, [i for i in inv if name_key(i) != name_key(c)], leads, led) for c, inv, leads, led in told
            if any(name_key(i) != name_key(c) for i in inv)]


def _undisclosed_then_named(view: SentenceView, after: SentenceView | None, owner: str | None, subject: str | None,
                            ) -> list[tuple[str, list[str], list[str], int | None]]:
    """A company raising a round whose sum the sentence says is undisclosed, naming no investor, and the sentence right
    after it in its paragraph, with no figure, naming the investors of "the round" ("Kalvo raised an unspecified
    round. Those participating in the round include A, B and C"): one round without amount, with those investors."""
    if (after is None or after.paragraph != view.paragraph or after.money or not after.parse.heads
            or not any(c.label == "UNDISCLOSED" for c in view.cues) or not definite_round(after)):
        return []
    for cue in (c for c in view.cues if c.label == "ROUND" and c.role == "round"):
        verb = _cue_verb(view, cue)
        if verb is None or negated(view, verb) or _raised_from(view, verb, subject):
            continue
        leads, investors = _investor_mentions(after, subject, [])
        if investors and (company := _raiser(view, verb, owner, subject)):
            return [(company, investors, leads, None)]
    return []


def _raiser(view: SentenceView, verb: int, owner: str | None, subject: str | None) -> str | None:
    """The company that raises: the verb's doer, else, for a pronoun or a class noun as its subject, the article's
    company (a roundup's: the company the sentence speaks of)."""
    if found := _doer(view, verb, subject, _grammar(view.language)):
        return found
    return (subject or owner) if _pronoun_subject(view, verb) else None


def _talks(view: SentenceView, cue: Cue, subject: str | None) -> tuple[str, list[str], list[str]] | None:
    """"Tekora is in talks with A and B for a new round", « X est en discussions avec A pour un tour de table »: a
    cue of talks with the names after it (a ``participants:after_round`` cue that a ``REPORTED_MODAL`` one overlaps),
    in a sentence with a round word; the company is the doer of the verb the talks hang on."""
    if cue.label != "PARTICIPANTS" or not any(
            c.label == "REPORTED_MODAL" and c.start < cue.end and cue.start < c.end for c in view.cues):
        return None
    if not any(c.label == "ROUND" for c in view.cues):
        return None
    p, g = view.parse, _grammar(view.language)
    verb = cue.token_start
    # « X négocie avec »: the cue's own verb; "in" hangs on "is", « en » on « discussions », the head of « X serait en … »
    for _ in range(0 if p.pos[verb] in _VERBAL else TALKS_REACH):
        verb = p.heads[verb]
        if _clause_head(view, verb) or p.heads[verb] == verb:
            break
    investors = _list_names(view, cue.end, subject, max_misses=0)
    company = None
    if _clause_head(view, verb):  # the doer, else the subject of a predicate that a talks cue covers
        company = _doer(view, verb, subject, g) or next(
            (n for k in p.children(verb) if p.deps[k] in g["subject"] and (n := _named_noun(view, k, subject, g))), None)
    return (company, investors, []) if company and investors and not _known_investor(company) else None


def _clause_head(view: SentenceView, i: int) -> bool:
    """A verb, or a word with a subject of its own (a predicate after a copula: « X serait en discussions »)."""
    p, g = view.parse, _grammar(view.language)
    return p.pos[i] in _VERBAL or any(p.deps[k] in g["subject"] for k in p.children(i))


def _raised_from(view: SentenceView, verb: int, subject: str | None) -> list[str]:
    """The names listed after a list cue ("from", « auprès de ») that hangs on a round noun (``verb``), or on a
    round verb or its object when a word of a sum (``SUM_LABELS``) stands between them ("raised an undisclosed
    amount from", "received funding from")."""
    p = view.parse
    names: list[str] = []
    for cue in (c for c in view.cues if c.label in FROM_LABELS and c.token_start > verb):
        if p.pos[verb] != "NOUN" and not any(c.label in SUM_LABELS and verb < c.token_start < cue.token_start
                                             for c in view.cues):
            continue  # "received orphan drug designation from the FDA": no sum is received
        node = cue.token_start
        for _ in range(FROM_REACH):
            node = p.heads[node]
            if node == verb:
                names += _list_names(view, cue.end, subject, max_misses=0)
                break
            if p.heads[node] == node:
                break
    return _unique(names)


#: Cue roles of a lead whose names follow it ("led by", « mené par »).
LEAD_AFTER_ROLES = frozenset({"lead:name_after"})


def _led_round_object(view: SentenceView, verb: int, subject: str | None) -> list[str]:
    """The leads of the round a funding verb's object is, named after a lead cue that hangs on that round noun
    ("Kalvo has closed a Series A funding round led by Orbix", « a bouclé un tour de table mené par Orbix »)."""
    p = view.parse
    rounds = _round_objects(view, verb)
    names: list[str] = []
    for cue in (c for c in view.cues if c.label in LEADING_LABELS and c.role in LEAD_AFTER_ROLES and c.token_start > verb):
        node = cue.token_start
        for _ in range(FROM_REACH):
            node = p.heads[node]
            if node in rounds:  # the leads end where another list of investors opens (« , avec la participation de »)
                until = min((c.start for c in view.cues if c.label in FROM_LABELS and c.start >= cue.end), default=None)
                names += _list_names(view, cue.end, subject, until=until, max_misses=0)
                break
            if p.heads[node] == node:
                break
    return _unique(names)


def _round_objects(view: SentenceView, verb: int) -> set[int]:
    """The verb's objects that a round cue covers ("closed a Series A funding round", « bouclé un tour de table »)."""
    p, g = view.parse, _grammar(view.language)
    return {k for k in p.children(verb) if p.deps[k] in g["object"] and _round_noun(view, k)}


def _cue_noun(view: SentenceView, cue: Cue) -> int | None:
    """The last noun among a cue's tokens ("investment", « financement »), or None."""
    p = view.parse
    nouns = [i for i, at in enumerate(p.starts) if cue.start <= at < cue.end and p.pos[i] == "NOUN"]
    return nouns[-1] if nouns else None


def _pronoun_subject(view: SentenceView, verb: int) -> bool:
    """The verb's subject is a pronoun or a class noun standing for the company ("it", "the company", « elle »)."""
    p, g = view.parse, _grammar(view.language)
    for k in p.children(verb):
        if p.deps[k] in g["subject"]:
            return p.pos[k] == "PRON" or any(
                c.label == "GENERIC_SUBJECT" and c.start <= p.starts[k] < c.end for c in view.cues)
    return False


def _undisclosed(view: SentenceView) -> bool:
    """The sentence says the sum is not told ("an undisclosed amount", « un montant non communiqué »): a round
    of its own, not one whose figure the article gives elsewhere."""
    return any(c.label == "UNDISCLOSED" for c in view.cues)


def _new_round(view: SentenceView, company: str, investors: list[str], rounds: list[RoundDraft],
               led: int | None = None) -> RoundDraft | None:
    """The round the sentence tells: None when one of the company's rounds in ``rounds`` names one of these
    investors, or when the sentence neither has a date of its own away from the company's rounds (nor a round label
    of its own) nor says the sum is undisclosed; then a round of ``rounds`` told without investors in the sentence
    just before, if it is the only one and no other round of the company stands in the way, takes them ("Kalvo
    raised $20 million. The company received the funding from A and B"); else a new round without amount. ``led``:
    the lead verb whose round-noun object names the company ("which led Kalvo's Series B"): then the company's one
    round takes the leads when the label and the date of the verb's own clause do not set it apart, and a new round
    takes that clause's label and date, not the sentence's."""
    key = name_key(company)
    own = [r for r in rounds if r.company and name_key(r.company) == key]
    told_before = [r for r in rounds if not r.investors and any(
        f.role == "round" and f.sentence.index == view.index - 1 for f in r.figures)]
    if any(name_key(i) in {name_key(n) for n in r.investors} for r in own for i in investors):
        return None
    described = name_relative_tokens(view) if view.dates else set()  # "led by Orbix, which first backed the company
    # in February 2021"
    date = next((d for d in view.dates if d.date is not None and view.token_at(d.start) not in described), None)
    label = round_label_in(view.text)
    clause: set[int] = set()
    if led is not None:  # the lead verb's own clause, not the verbs coordinated with it (« …, ont également codirigé »)
        p = view.parse
        clause = _clause(view, led, frozenset(k for k in p.children(led) if p.pos[k] in _VERBAL))
        label = round_label_in(" ".join(view.text[p.starts[k] - view.start:view.token_ends[k] - view.start]
                                        for k in sorted(clause)))
    clause_date = next((d for d in view.dates if d.date is not None and view.token_at(d.start) in clause), None)
    if led is not None:
        date = clause_date
    if len(own) == 1 and led is not None and (not label or not own[0].label or own[0].label == label) and (
            clause_date is None or own[0].date is None or not _dated_apart(clause_date, own[0].date)):
        return own[0]  # "A and B, which led Kalvo's Series B": the one round of Kalvo the article tells
    if (own or told_before) and not _undisclosed(view):
        apart = date is not None and all(_dated_apart(date, r.date) or r.date is None for r in [*own, *told_before])
        if not (apart or (label and all(r.label and r.label != label for r in [*own, *told_before]))):
            taken_up = len(told_before) == 1 and (not own or any(r is told_before[0] for r in own))
            return told_before[0] if taken_up else None
    draft = RoundDraft(company=company, first_at=view.start, date=date, label=label)
    draft.status = "reported" if _sentence_reported(view) else "announced"
    return draft

