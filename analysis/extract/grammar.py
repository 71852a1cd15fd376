"""Whose figure it is, from the dependency parse: the doer of its verb, the possessor of its round noun, the company an investor puts money into."""

from __future__ import annotations

import functools
import re

from analysis.extract.drafts import Figure
from analysis.extract.names import (
    _COMMA_ALONE,
    _PERIOD_LABEL,
    _company_candidate,
    _company_name,
    _is_subject,
    _known_investor,
    _lead_compound_opening,
    _place_after,
    _token_text,
    company_nouns,
)
from analysis.extract.sentences import (
    Cue,
    Name,
    Parse,
    SentenceView,
    _round_noun,
    _round_object,
    _without_trailing_symbols,
    title_case,
)
from analysis.extract.vocabulary import (
    _BRACKETED_ASIDE,
    _INVESTOR_ANAPHORA,
    _VERBAL,
    MAX_CLAUSE_CLIMB,
    MAX_HEAD_STEPS,
    RESTATING_BRACKET_CHARS,
    SUBJECT_DEPTH,
    _entities,
    _grammar,
    _places,
    _relative_after_name,
    is_round_label,
    name_key,
    round_label_in,
)

#: Relations below a verb where the noun of a holding bought may stand: "pay $5m for a stake in X" (verb → for → stake
#: in English, where the preposition heads its object; verb → stake in French).
STAKE_NOUN_DEPTH = 2
#: The case marks of an English possessive ("the investor's stake", "Pluralsight’s Series B", "investors’ attention").
POSSESSIVE_MARKS = frozenset({"'s", "'"})


def possessive_marked(view: SentenceView, i: int) -> bool:
    """Token ``i`` carries a possessive case mark in the parse (``POSSESSIVE_MARKS``, either apostrophe)."""
    p = view.parse
    return any(p.deps[k] == "case" and _token_text(view, k).replace("’", "'").lower() in POSSESSIVE_MARKS
               for k in p.children(i))


def _conjuncts(parse: Parse, i: int) -> list[int]:
    """A token and the tokens coordinated with it ("A, B, C and D")."""
    chain, frontier = [i], [i]
    while frontier:
        frontier = [k for node in frontier for k in parse.children(node) if parse.deps[k] == "conj"]
        chain += frontier
    return chain


def _coordinated(parse: Parse, i: int, g: dict[str, frozenset[str]], apposed: bool = True) -> list[int]:
    """A token and the tokens coordinated or (``apposed``) apposed with it ("Orbix, Pelagio, Surge and Harrow Capital")."""
    chain, frontier = [i], [i]
    while frontier:
        frontier = [k for node in frontier for k in parse.children(node)
                    if parse.deps[k] == "conj" or (apposed and parse.deps[k] in g["apposition"])]
        chain += frontier
    return chain


#: Characters at most after a round verb in which a round label says the doer raises a company's round ("raised $207
#: million in a series D").
LABEL_AFTER_VERB_CHARS = 60


def _company_round_verb(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """A round verb (no backing verb) followed in its clause by a round label ("raised $207 million in a series D")
    or by a lead's "led by" ("raised $70 million in a financing round led by A"): what its doer raises is a company's
    round, not a fund."""
    p = view.parse
    if p.pos[verb] not in _VERBAL or not _round_noun(view, verb) or p.lemmas[verb] in g["backing_verbs"]:
        return False
    after = view.text[view.token_ends[verb] - view.start:][:LABEL_AFTER_VERB_CHARS]
    clause = re.split(r"[.;:!?]", after, maxsplit=1)[0]
    clause_end = view.token_ends[verb] + len(clause)
    return round_label_in(clause) is not None or any(
        c.role == "lead:name_after" and view.token_ends[verb] <= c.start < clause_end for c in view.cues)


def negated(view: SentenceView, verb: int) -> bool:
    """The verb is denied ("did not invest", « n'a pas investi »: ``grammar.json`` negation_words)."""
    p, g = view.parse, _grammar(view.language)
    return any(p.deps[k] == "neg" or p.lemmas[k].lower() in g["negation_words"] for k in p.children(verb))


def _investor_named_company(view: SentenceView, i: int) -> str | None:
    """The name covering token ``i``, a company even when an investor's alias is spelled the same."""
    start = view.parse.starts[i]
    name = next((n for n in view.names if n.start <= start < n.end), None)
    return name.text.strip() if name and _company_candidate(view, name, person_ok=True, investor_ok=True) else None


def _name_at(view: SentenceView, i: int, subject: str | None, person_ok: bool = False,
             teller_ok: bool = False) -> str | None:
    """The company name covering token ``i``, or named under it when ``i`` is a common noun
    ("la start-up Cooptalis"); the article's subject keeps its own spelling. ``person_ok``: a
    round verb's doer, a company even when the model types it a person; ``teller_ok``: the name tells its own round
    (``_company_candidate``)."""
    p = view.parse
    start = p.starts[i]
    for name in view.names:
        if name.start <= start < name.end:  # the token starts inside the name ("Inc." of "Rivian Inc")
            if _is_subject(name.text, subject) or _subject_in_brackets_after(view, name, subject):
                return subject
            return name.text.strip() if _company_candidate(view, name, person_ok, teller_ok=teller_ok) else None
    return None


#: A short bracket right after a name (« Xiaopeng Motors (Xpeng) »): the name the article goes on with.
_SHORT_BRACKET_AFTER = re.compile(r"\s*\(([^()]{1,40})\)")


def _subject_in_brackets_after(view: SentenceView, name: Name, subject: str | None) -> bool:
    """The article's subject in a short bracket right after the name ("Xiaopeng Motors (Xpeng) is reportedly in talks"):
    the same company, under the name the article uses."""
    found = _SHORT_BRACKET_AFTER.match(view.text, name.end - view.start) if subject else None  # (matched in place: a
    # name is looked up token by token, no copy of the sentence's rest each time)
    return found is not None and name_key(found.group(1)) == name_key(subject or "")  # not "Ensoma Bio (MA, USA)"


def _named_noun(view: SentenceView, i: int, subject: str | None, g: dict[str, frozenset[str]],
                person_ok: bool = False) -> str | None:
    found = _name_at(view, i, subject, person_ok)
    p = view.parse
    # a common noun, or one the tagger reads as a verb where only a noun stands ("by the ride-sharing startup Via")
    if found is None and (p.pos[i] == "NOUN" or (p.pos[i] == "VERB" and p.deps[i] in g["noun_only_deps"])):
        for child in p.children(i):
            if _lead_compound_name(view, child):
                continue  # "Orbix Communications-led online payments service Kalvo": who runs the service, not its name
            if (p.lemmas[i].lower() in company_nouns(view.language) and p.deps[child] in g["naming"]
                    and any(p.deps[k] == "case" and p.lemmas[k] in g["genitive_marks"] for k in p.children(child))):
                continue  # « la start-up de Labège », « les start-ups de l'EPFL »: where the company is from, not its name
            if p.deps[child] in g["naming"] and (found := _name_at(view, child, subject, person_ok=any(
                    p.lemmas[k] in g["example_marks"] for k in p.children(child) if k < child))):
                break  # « des startups comme YoLa Fresh »: an example of the noun, a company whatever its type
            if p.deps[child] in g["naming_between_commas"] and (found := _comma_name(view, child, subject)):
                break  # "the challenger bank, zelo, has raised ..."
            if p.deps[child] in g["participle"] and p.lemmas[child] in g["naming_verbs"]:  # "an app called X"
                named = (_name_at(view, k, subject) for k in p.children(child) if p.deps[k] in g["named_object"])
                if found := next((n for n in named if n), None):
                    break
        for child in p.children(i) if found is None else ():  # « la plateforme de paiement PalmPay »: the name hung
            if p.deps[child] in g["naming"] and _common_noun(view, child):  # on the noun of the class's trade
                named = (_name_at(view, k, subject) for k in p.children(child) if p.deps[k] in g["naming"] and k > child
                         and not any(p.deps[c] == "case" for c in p.children(k)))  # not « de batteries à Dunkerque »
                if found := next((n for n in named if n), None):
                    break
        if found is None and _round_noun(view, i):
            found = _compound_round_owner(view, i, subject, g)
    return found


def _common_noun(view: SentenceView, i: int) -> bool:
    """A common noun, or a lower-case word the tagger calls a proper noun (« le dépositaire de crypto BitGo »)."""
    p = view.parse
    return p.pos[i] == "NOUN" or (p.pos[i] == "PROPN" and _token_text(view, i).islower())


def _compound_round_owner(view: SentenceView, i: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The name a round noun's compound (« levée de fonds », « tour de table ») takes as its genitive, the parse hanging it
    on the compound's second noun (« La levée de fonds d'OpenAI a valorisé l'entreprise »): the round's owner."""
    p = view.parse
    for child in p.children(i):
        if p.deps[child] not in g["naming"] or p.pos[child] != "NOUN" or not any(
                c.label == "ROUND" and c.start <= p.starts[i] and view.token_ends[child] <= c.end for c in view.cues):
            continue
        for k in p.children(child):
            if k > child and any(p.deps[c] == "case" and p.lemmas[c].lower() in g["genitive_marks"]
                                 for c in p.children(k)) and (name := _name_at(view, k, subject)):
                return name
    return None


def _lead_compound_name(view: SentenceView, i: int) -> bool:
    """The name covering token ``i`` is the first half of a lead compound ("Orbix-led"): it qualifies a noun, never
    names it."""
    start = view.parse.starts[i]
    name = next((n for n in view.names if n.start <= start < n.end), None)
    return name is not None and _lead_compound_opening(view, name)


def _comma_name(view: SentenceView, i: int, subject: str | None) -> str | None:
    """A one-token proper noun set off by commas after a common noun ("the bank, zelo, has ..."):
    the noun's name, even written in lower case (a brand the name finder does not see)."""
    p = view.parse
    if p.pos[i] != "PROPN" or i == 0 or i + 1 >= len(p.starts):
        return None
    def word(k: int) -> str:
        return view.text[p.starts[k] - view.start:view.token_ends[k] - view.start]
    if word(i - 1) != "," or word(i + 1) != ",":
        return None
    if found := _name_at(view, i, subject):
        return found
    name = Name(word(i), p.starts[i], view.token_ends[i], i, None)
    if _is_subject(name.text, subject):
        return subject
    return name.text if _company_candidate(view, name, person_ok=True) else None


def _investee(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]],
              person_ok: bool = False) -> str | None:
    """The company an investor puts money into: "Accel invested in Norvane", « investit dans X »,
    "Stripe led an $8m round in Paystack" (under the verb or its round noun). ``person_ok``: a name the
    model types a person is that company too."""
    p = view.parse
    heads = [verb, *(k for k in p.children(verb) if _round_noun(view, k) or _in_figure(view, k))]  # "$9m for X"
    return next((found for head in heads for obj in _investee_objects(view, head, g)
                 if (found := _named_noun(view, obj, subject, g, person_ok))), None)


def _cue_verb(view: SentenceView, cue: Cue) -> int | None:
    """The main verb among a cue's tokens ("leading" in "is leading"), else its auxiliary, or None
    (a noun cue: "co-lead", "chef de file")."""
    p = view.parse
    inside = [i for i, at in enumerate(p.starts) if cue.start <= at < cue.end and p.pos[i] in _VERBAL]
    return next((i for i in inside if p.pos[i] == "VERB"), inside[0] if inside else None)


#: Adjectives at most between a round noun and its determiner ("this latest round", « cette nouvelle levée »).
ROUND_ADJECTIVES = 2


def before_adjectives(view: SentenceView, noun: int) -> int:
    """The token right before a noun and the adjectives that open its phrase (at most ``ROUND_ADJECTIVES``): "this"
    in "this latest round", « cette » in « cette nouvelle levée »."""
    k = noun - 1
    while k > 0 and noun - k <= ROUND_ADJECTIVES and view.parse.pos[k] == "ADJ":
        k -= 1
    return k


def definite_round(view: SentenceView) -> bool:
    """Whether a sentence names a round with a definite or demonstrative determiner and no figure
    (« l'opération », "the round", « ce tour »): the round just spoken of."""
    p, g = view.parse, _grammar(view.language)
    if view.money or not p.heads:
        return False
    nouns = [k for c in view.cues if c.label == "ROUND" and p.pos[k := view.token_at(c.start)] == "NOUN"]
    return any(p.pos[k] == "DET" and p.lemmas[k] in g["definite_determiners"] for n in nouns for k in p.children(n))


def figureless_round_taken_up(view: SentenceView) -> bool:
    """Whether a sentence with no figure names a round under a demonstrative determiner, adjectives between or not
    ("This latest round of investment is supported by A", « Cette nouvelle levée est menée par A »): the round
    told just before."""
    p, g = view.parse, _grammar(view.language)
    if view.money or not p.heads:
        return False
    return any(c.label == "ROUND" and 0 < c.token_start < len(p.pos) and p.pos[c.token_start] == "NOUN"
               and p.lemmas[before_adjectives(view, c.token_start)].lower() in g["demonstrative_determiners"]
               for c in view.cues)


def portfolio_recalled(view: SentenceView, verb: int) -> bool:
    """An investor's portfolio recalled rather than a deal told: the verb carries an adverb of
    the past or of addition (``grammar.json`` portfolio_adverbs: "has previously invested in N26", « a déjà
    soutenu »), or its company is one of several coordinated ("invested in Kalvo and Tekora")."""
    p, g = view.parse, _grammar(view.language)
    if any(p.lemmas[k].lower() in g["portfolio_adverbs"] for k in p.children(verb)):
        return True
    objects = [o for k in p.children(verb) for o in (k, *p.children(k)) if p.pos[o] == "PROPN"]
    return any(p.deps[c] == "conj" and p.pos[c] == "PROPN" for o in objects for c in p.children(o))


#: Cue labels of a verb by which its doers put money into a company.
INVESTEE_VERB_LABELS = frozenset({"INVEST", "PARTICIPANTS", "LEAD"})


def investee_told(view: SentenceView) -> str | None:
    """The company the investing verb of a sentence puts money into ("Larch and Harrow invested in New York-based
    startup Tekora"): the sentence is about that company's deal, whatever round was told before it; not an
    investor's portfolio recalled ("Orbix has previously invested in N26 and Transferwise")."""
    if not view.parse.heads:
        return None
    g = _grammar(view.language)
    for cue in view.cues:
        if cue.label in INVESTEE_VERB_LABELS and (verb := _cue_verb(view, cue)) is not None and not negated(view, verb) \
                and view.parse.deps[verb] not in g["relative"] and not portfolio_recalled(view, verb) \
                and (company := _investee(view, verb, None, g)):
            return company
    return None


def _investee_objects(view: SentenceView, head: int, g: dict[str, frozenset[str]]) -> list[int]:
    """The objects of the investee prepositions under ``head`` ("in Kalvo", « dans Kalvo »): in English the
    preposition heads its object, in French it hangs under it."""
    p, objects = view.parse, []
    for child in p.children(head):
        if _token_text(view, child).lower() in g["investee_words"]:
            objects += p.children(child)
        elif any(_token_text(view, k).lower() in g["investee_words"] and p.deps[k] == "case" for k in p.children(child)):
            objects.append(child)  # (a case mark, never an English subject's own "of": "the Department of Health")
    return objects


def _invests_in_class_noun(view: SentenceView, head: int, g: dict[str, frozenset[str]]) -> bool:
    """An investee preposition under ``head`` (an investing noun, a holding's noun) whose object is a company's class
    noun and no name ("an investment of $175 million in the company", "a 20% stake in the company")."""
    p = view.parse
    return any(p.pos[k] == "NOUN" and p.lemmas[k].lower() in company_nouns(view.language)
               for k in _investee_objects(view, head, g))


#: Names at least, coordinated as the object of an investing verb, that make its figure a sum spread over companies.
SPREAD_SUM_MIN_INVESTEES = 2


def _indefinite_plural(view: SentenceView, noun: int, g: dict[str, frozenset[str]]) -> bool:
    """A plural common noun with no determiner or an indefinite one, no holding's noun (« dans des projets de
    cryptographie », "in crypto projects"; not "in shares of Kalvo"): things of a kind, no one company."""
    p = view.parse
    determiners = [k for k in p.children(noun) if p.pos[k] == "DET"]
    return (p.lemmas[noun].lower() not in g["stake_nouns"]
            and all(p.lemmas[k].lower() in g["indefinite_determiners"] for k in determiners))


def invested_into_several(fig: Figure) -> bool:
    """The verb the figure hangs on puts it into several companies: an investee object that is a plural class noun
    ("invested $100 billion in startups like Uber and WeWork", « investir 3 M€ dans trois start-up ») or an indefinite
    plural (« 10 milliards de dollars investis dans des projets de cryptographie »), or a coordination
    of two names or more ("is set to invest $190,000 into Xente, Swipe2pay, and Francom"): a sum spread over companies,
    no one's round."""
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    figure_tokens = _figure_tokens(fig)[1] if p.heads else set()
    participles = [c for k in sorted(figure_tokens) for c in p.children(k)  # « 10 milliards investis dans des projets »
                   if p.deps[c] in g["participle"] and p.pos[c] in _VERBAL]
    verb = _governing_verb(fig)
    if verb is None and not participles:
        return False
    names = [*view.names, *view.investors]
    heads = [*participles, *([] if verb is None else [verb, *(k for k in p.children(verb) if _in_figure(view, k))])]
    # "$100 billion in startups": under the figure
    investing = {k for c in view.cues if c.label == "INVEST" for k in range(c.token_start, c.token_end)}
    for under, obj in ((head, o) for head in heads for o in _investee_objects(view, head, g)):
        if p.pos[obj] == "NOUN" and p.plural[obj] and (p.lemmas[obj].lower() in company_nouns(view.language) or (
                under in investing and _indefinite_plural(view, obj, g))):  # not "is in talks with X for …"
            return True
        conjuncts = _coordinated(p, obj, g, apposed=False)  # not "into Slack, the platform that competes with A and B"
        named = {n.start for k in conjuncts for n in names if n.start <= p.starts[k] < n.end}
        if len(named) >= SPREAD_SUM_MIN_INVESTEES:
            return True
    return False


def _round_beneficiary(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The company a verb of benefiting (``grammar.json`` beneficiary_verbs) names after it when its subject is a round
    noun (« La principale opération (150 M$) a bénéficié à Kalvo », « la plus grosse opération a concerné Kalvo », "The
    largest deal went to Kalvo"): the deal is that company's, its subject no doer."""
    p = view.parse
    if p.lemmas[verb].lower() not in g["beneficiary_verbs"] or not any(
            p.deps[k] in g["subject"] and _round_noun(view, k) for k in p.children(verb)):
        return None
    for child in (k for k in p.children(verb) if k > verb and p.deps[k] not in g["subject"]):
        for k in [child, *(p.children(child) if p.pos[child] == "ADP" else ())]:  # English: "to" heads its object
            if found := _named_noun(view, k, subject, g, person_ok=True):
                return found
    return None


def _stake_investee(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The company a holding bought with a verb's figure is in: "will pay $5 million in cash for a 1.6 per cent stake
    in Kalvo", "invested $30 million for 570,990 shares in Kalvo", « a payé 5 M€ pour une participation dans Kalvo »
    (``grammar.json`` stake_nouns, within ``STAKE_NOUN_DEPTH`` relations below the verb); "" for a stake in a class
    noun ("a 20% stake in the company": the company told of)."""
    p = view.parse
    level, stakes = [verb], []
    for _ in range(STAKE_NOUN_DEPTH):
        level = [k for head in level for k in p.children(head)]
        stakes += [k for k in level if p.pos[k] == "NOUN" and p.lemmas[k].lower() in g["stake_nouns"]]
    for stake in stakes:
        if found := next((n for obj in _investee_objects(view, stake, g) if (n := _named_noun(view, obj, subject, g))),
                         None):
            return found
        if _invests_in_class_noun(view, stake, g):
            return ""  # "Visa took up a 20% stake in the company for $200 million": the company told of
    return None


def backed_object(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The company named as the direct object of a backing verb that takes one ("back Moove", « soutenir Kalvo »)."""
    p = view.parse
    if p.lemmas[verb] not in g["backed_object_verbs"]:
        return None
    return next((found for k in p.children(verb) if p.deps[k] in g["object"]
                 and (found := _named_noun(view, k, subject, g)) is not None), None)


def _teller(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The named subject of the verb that reports the clause of ``verb`` ("Ninox Medical said the fund Pitango led a
    $10 million round": the round is the teller's, the investor's clause being what it said)."""
    p = view.parse
    if p.deps[verb] not in g["reported_clause"] or (head := p.heads[verb]) == verb:
        return None
    if not any(p.deps[k] in g["subject"] for k in p.children(verb)):
        return None  # "CapitalG is in talks to lead the round": the clause's subject is the lead's own, no teller
    return next((found for k in p.children(head) if p.deps[k] in g["subject"]
                 and (found := _named_noun(view, k, subject, g)) is not None), None)


def _whose_class_noun_name(view: SentenceView, lo: int, hi: int, subject: str | None) -> str | None:
    """The company named between commas right after a class noun that a possessive relative opens (``grammar.json``
    possessive_relatives, run_entities: "whose taxi-app startup, Taxify,", « dont la start-up, Kalvo, »), between
    ``lo`` (after the relative word) and ``hi``."""
    g = _grammar(view.language)
    words = view.text[max(view.start, lo - 12) - view.start:lo - view.start].lower().replace(",", " ").split()
    if not words or words[-1] not in g["possessive_relatives"]:
        return None
    for name in sorted(view.names, key=lambda n: n.start):
        if not lo <= name.start < hi:
            continue
        before = view.text[lo - view.start:name.start - view.start].rstrip()
        if before.endswith(",") and any(before[:-1].rstrip().lower().endswith(noun) for noun in g["run_entities"]):
            return name.text.strip()
        return None
    return None


def _in_figure(view: SentenceView, i: int) -> bool:
    """Token ``i`` is part of a money figure."""
    start = view.parse.starts[i]
    return any(m.start <= start < m.end for m in view.money)


def _values_described_company(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """A valuing verb whose object is a definite description ("that values the company at", « qui valorise la société
    à »): the company valued is the one the sentence tells of, not the verb's doer."""
    p = view.parse
    start = p.starts[verb]
    if p.lemmas[verb].lower() not in g["valuing_verbs"] and not any(
            c.label == "VALUATION" and c.start <= start < c.end for c in view.cues):
        return False  # (the cue also finds the verb the lemmatizer misreads: « qui valorise », lemma "valorise")
    return any(p.deps[o] in g["object"] and p.pos[o] == "NOUN"
               and any(p.lemmas[d] in g["definite_determiners"] for d in p.children(o)) for o in p.children(verb))


def _named_doers(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """The verb has a subject and none is a round's noun ("Coatue and other investors valued", not « La levée de fonds
    d'OpenAI a valorisé »)."""
    p = view.parse
    subjects = [c for c in p.children(verb) if p.deps[c] in g["subject"]]
    return bool(subjects) and not any(c.label == "ROUND" and c.start <= p.starts[k] < c.end
                                      for k in subjects for c in view.cues)


def _doer(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]], climb: int = 0,
          ) -> str | None:
    """The company a verb's figure belongs to: its subject or agent (or, when the subject is an
    investor, the company it invests in); for a clause without subject, that of its governor."""
    p = view.parse
    if p.lemmas[verb].lower() in g["arranging_verbs"] and _round_object(view, verb, g):
        return None  # "JP Morgan had been drafted in to manage the $500m raise": a bank works on it, raising nothing
        # (not "Kalvo managed to raise $5 million")
    verb_start = p.starts[verb]
    had_subject = False
    investing_verb = any(c.label == "INVEST" and c.start <= verb_start < c.end for c in view.cues) or (
        _lead_verb(view, verb) and not leads_something_else(view, verb))  # not "Taboola led the pack with a round"
    backing_verb = p.lemmas[verb] in g["backing_verbs"] or any(
        c.label == "PARTICIPANTS" and c.start <= verb_start < c.end for c in view.cues)
    if investing_verb and (found := _investee(view, verb, subject, g)):  # « Crédit Agricole a investi 47 M€ dans Blank »
        return found
    for k in p.children(verb):  # « Orbix va investir dans Kalvo, dans le cadre d'une levée de 100 M$ »: the figure hangs
        # on « va », whose infinitive invests
        if p.deps[k] in g["control_deps"] and any(c.label == "INVEST" and c.start <= p.starts[k] < c.end
                                                  for c in view.cues) and (found := _investee(view, k, subject, g)):
            return found
    if (found := _stake_investee(view, verb, subject, g)) is not None:  # "paid $5 million for a 2 per cent stake in
        return found or None  # Kalvo"; a stake "in the company": the company told of, whom the discourse finds
    if backing_verb and (found := backed_object(view, verb, subject, g)):  # "in talks to back Moove in a round of"
        return found
    if p.lemmas[verb].lower() in g["valuing_verbs"]:  # "the round, led by QED, valued Kalvo at $750 million"
        objects = [c for c in p.children(verb) if p.deps[c] in g["object"]]
        for child in [*objects, verb + 1]:  # (the object, or the name right after the verb, however the model hangs it)
            if child < len(p.heads) and (valued := _name_at(view, child, subject)):
                return valued
        if owner := _round_subject_owner(view, verb, subject, g):
            return owner  # "Zomato's last funding round valued the company at $2.1 billion": the round's owner's value
        if _values_described_company(view, verb, g) and (p.deps[verb] in g["relative"] or _named_doers(view, verb, g)):
            return None  # "a round led by MUFG Bank, Kanematsu and Tokio Marine that values the company at $5.3b",
            # "when Coatue and other investors valued the company at $1bn": the company told of, whom the discourse
            # finds, never the verb's doer (nor the one its relative pronoun stands for); not « La levée de fonds
            # d'OpenAI a valorisé l'entreprise à », whose round noun's possessor is the company
    if found := _round_beneficiary(view, verb, subject, g):  # « la principale opération a bénéficié à Kalvo »
        return found
    subjects = [c for c in p.children(verb) if p.deps[c] in g["subject"]]
    # "Elon Musk’s xAI raised $6 billion", parsed with two subjects: the possessor is not the doer
    possessors = {c for c in subjects if len(subjects) > 1 and possessive_marked(view, c)}
    aside = _aside_at(view, verb_start)
    for child in p.children(verb):
        dep = p.deps[child]
        if child in possessors:
            continue
        if (dep in g["subject"] or dep in g["agent"]) and _aside_at(view, p.starts[child]) != aside:
            continue  # « … le Grand Prix, lors des Rois … (quelques mois plus tard la start-up levait 15 M€) »: a bracket
            # holds its own clause, the model hanging an outside name on its verb
        if dep in g["subject"] and any(p.deps[k] == "case" and p.lemmas[k] in g["genitive_marks"]
                                       for k in p.children(child)):
            continue  # « La start-up xAI d'Elon Musk est en pourparlers pour lever », "Musk" read as a subject: an owner
        if (dep in g["subject"] and child > 1 and p.lemmas[child - 1] in g["genitive_marks"]
                and (owned := _name_at(view, child - 2, subject, person_ok=True)) is not None):
            return owned  # « tandis que xAI d’Elon Musk a récemment levé », the parse making the owner the subject and
            # hanging the owned name elsewhere: the name before the genitive mark raises
        if dep in g["subject"] and p.pos[child] == "NOUN" and p.lemmas[child] in g["investing_lemmas"]:
            continue  # « si l'investissement d'Uber de 100 M$ est confirmé »: the name an investment hangs on invests
        if dep in g["subject"] or dep in g["agent"]:
            doer = _named_noun(view, child, subject, g)
            if doer is None and dep in g["subject"] and _round_noun(view, verb):
                doer = _opening_name_apposed(view, child, subject)
            if doer is None and _round_noun(view, verb):  # "Pure Harvest bags $150 million": a company
                doer = _name_at(view, child, subject, person_ok=True) or _unfound_proper_noun(view, child, subject)
            elif doer is None and _round_object(view, verb, g):  # "Redefine Meat completes $135 million fundraise":
                doer = _name_at(view, child, subject, person_ok=True)  # the same, whatever the model's type
            if doer is None and _round_noun(view, verb) and (found := _agent_of(view, verb, subject, g)):
                return found  # « les 6,6 Md$ levés par OpenAI », the figure parsed as the passive's subject
            if doer is None and p.pos[child] == "PRON" and p.deps[verb] in g["relative"] and p.heads[verb] != verb:
                antecedent = p.heads[verb]  # "N26, which raised $300m and a further $170m"
                round_verb = _round_noun(view, verb)  # its doer is a company, whatever type the model gives it
                return (_antecedent_name(view, antecedent, subject, g, person_ok=round_verb)
                        or (_name_before_relative(view, child, subject) if round_verb else None))
            if doer is None and p.pos[child] == "PRON" and (found := _name_before_relative(view, child, subject)):
                return found  # « … par NaLa Fresh, qui a clôturé un tour », the clause parsed as adverbial
            if doer is None and _company_round_verb(view, verb, g) and (found := _investor_named_company(view, child)):
                return found  # "Lightspeed raised $207 million in a series D": a company spelled like an investor
            investor_subject = any(any(n.start <= p.starts[k] < n.end for n in view.investors) or _investor_token(
                view, k) for k in _coordinated(p, child, g))  # "A, B Capital and C pledged $9m for X": all investors
            if investor_subject and ((found := _investee(view, verb, subject, g)) or doer is None):
                return found or _teller(view, verb, subject, g)
            if (doer is None and p.pos[child] == "PRON" and p.deps[verb] in g["reported_clause"]
                    and climb < MAX_CLAUSE_CLIMB and p.heads[verb] != verb):
                return _doer(view, p.heads[verb], subject, g, climb + 1)  # "SenseTime said it raised ..."
            if doer is not None and (investing_verb or backing_verb) and not _round_noun(view, verb):
                # "Alibaba invested $1.1bn in August 2017", "Fidelity previously backed a $130m series D": the doer
                # of an investing or backing verb invests
                return None
            if doer is not None:
                return doer
            had_subject = True  # "This, while platform Kalvo closed ...": another subject may name the doer
            continue
        if dep in g["agent_via"]:
            for obj in p.children(child):
                return _named_noun(view, obj, subject, g)
    if had_subject:
        return None
    if _round_noun(view, verb) and (found := _fronted_conjunct_doer(view, verb, subject, g)):
        return found  # "In an investment led by Orbix, Kalvo, a company that builds …, raised $5 million"
    if (p.deps[verb] in g["participle"] and _round_noun(view, verb) and p.heads[verb] < verb
            and p.pos[p.heads[verb]] == "PROPN" and (found := _named_noun(view, p.heads[verb], subject, g))):
        return found  # « avec, par exemple, Amolyt levant 130 M€ en début d’année », "Kalvo, raising $5m": the name the
        # present participle of a round verb describes raises
    if p.deps[verb] in g["inherit_subject"] and (found := _name_opening_clause(view, verb, subject)):
        return found  # « X a levé 25 M€, Y (spin-out de Z) a bénéficié de 17 M€ »: the model lost Y as subject
    if p.deps[verb] in g["relative"]:
        antecedent = p.heads[verb]
        if _listed_by_investor_cue(view, antecedent):
            return None  # "in talks with A and B to raise $100 million", the model hanging "raise" under B
        return _antecedent_name(view, antecedent, subject, g)
    if investing_verb and p.lemmas[verb] in g["leading_verbs"]:
        return None  # "Fidelity is in talks to lead a round worth £200m": whoever the governor's subject is, it leads
    if investing_verb and not _round_noun(view, verb):
        return None  # « Tencent vient d'investir 30 M€ dans X »: the governor's subject invests, as a direct one would
    if p.deps[verb] in g["inherit_subject"] and p.heads[verb] != verb and (
            enabled := _enabled_raiser(view, verb, subject, g)) is not None:
        return enabled or None  # « qui avaient permis à la start-up de lever 10 millions »: the start-up raised it
    if p.deps[verb] in g["inherit_subject"] and climb < MAX_CLAUSE_CLIMB and p.heads[verb] != verb:
        return _doer(view, p.heads[verb], subject, g, climb + 1)
    if (p.deps[verb] in g["infinitive_under_noun"] and climb < MAX_CLAUSE_CLIMB and _infinitive(view, verb)
            and (above := _verb_above(view, p.heads[verb])) is not None):
        return _doer(view, above, subject, g, climb + 1)  # « X vient en effet de lever 5 M€ »
    if (p.deps[verb] in g["clause_under_preposition"] and climb < MAX_CLAUSE_CLIMB
            and (preposition := p.heads[verb]) != verb and p.pos[preposition] == "ADP"
            and (above := p.heads[preposition]) != preposition and p.pos[above] in _VERBAL):
        return _doer(view, above, subject, g, climb + 1)  # "Just two weeks after completing a $64 million Series D
        # round, Galecto Biotech rounds the corner": the doer of the verb the preposition hangs on
    return None



def _round_subject_owner(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The name owning a round noun that is the verb's subject ("Zomato's last funding round valued the company"), not
    an investment's owner (who invests); None when the subject is no owned round noun."""
    p = view.parse
    for child in p.children(verb):
        if p.deps[child] not in g["subject"] or not _round_noun(view, child) or p.lemmas[child] in g["investing_lemmas"]:
            continue
        for owner in p.children(child):
            if p.deps[owner] in g["possessor"] and (name := _name_at(view, owner, subject)):
                return name
    return None


def _fronted_conjunct_doer(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]
                           ) -> str | None:
    """The doer of a verb without subject that the model hung on a phrase fronted before it, as the last
    conjunct of that phrase's names, set apart by a comma ("In an investment led by Orbix, Kalvo, a company that
    builds esports programs, raised $5 million", Kalvo read as a conjunct of Orbix; « Lors d'un premier tour de
    financement, Kalvo, spin-off de l'Université de Liège, lève 1 M€ », Kalvo read as a conjunct of « tour »)."""
    p = view.parse
    for child in p.children(verb):
        if child > verb or p.deps[child] not in g["fronted_phrase"]:
            continue
        conjuncts = [k for k in _subtree(p, child) if k < verb and p.deps[k] == "conj" and p.pos[k] == "PROPN"]
        if not conjuncts:
            continue
        last = max(conjuncts)
        name = next((n for n in view.names if n.start <= p.starts[last] < n.end), None)
        if name is not None and view.text[name.end - view.start:].startswith(","):
            return _named_noun(view, last, subject, g)
    return None


def _enabled_figure(fig: Figure) -> bool:
    """The figure's verb is a round verb an enabling verb governs (« qui avaient permis à la start-up de lever 10
    millions »): the one enabled raised it, not the name the relative pronoun stands for."""
    view = fig.sentence
    p = view.parse
    if not p.heads:
        return False
    node, _ = _figure_tokens(fig)
    for _ in range(MAX_HEAD_STEPS):
        if p.pos[node] in _VERBAL or p.heads[node] == node:
            break
        node = p.heads[node]
    g = _grammar(view.language)
    return (p.pos[node] in _VERBAL and p.deps[node] in g["inherit_subject"] and p.heads[node] != node
            and _enabled_raiser(view, node, None, g) is not None)


def _enabled_raiser(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The one an enabling verb (``grammar.json`` enabling_verbs) lets do the round verb under it, its object or the
    complement its « à » marks (« permis à Kalvo de lever », "allowed Kalvo to raise"): that name; "" when a common
    noun stands there (« à la start-up »: the company told of, whom the discourse finds); None when the verb above
    enables nothing or names no one it enables (the English model makes "the startup" of "helped the startup raise"
    the subject of "raise", which the doer finds on its own)."""
    p = view.parse
    enabling = p.heads[verb]
    if (p.lemmas[enabling].lower() not in g["enabling_verbs"] or p.deps[verb] not in g["enabled_deps"]
            or not _round_noun(view, verb)):
        return None
    for child in p.children(enabling):
        if child == verb or not (p.deps[child] in g["object"] or (p.deps[child] in g["prepositional_object"] and any(
                p.deps[k] == "case" and p.lemmas[k].lower() in g["recipient_words"] for k in p.children(child)))):
            continue
        named = _name_at(view, child, subject, person_ok=True) or _named_noun(view, child, subject, g)
        if named:
            return named
        if p.pos[child] in {"NOUN", "PROPN"}:
            return ""
    return None


#: Tokens at most between an investor cue ("in talks with", "from", « auprès de ») and a name it lists.
LISTED_NAME_REACH = 10


def bracketed_asides(view: SentenceView) -> list[tuple[int, int]]:
    """The article offsets of the sentence's bracketed asides, innermost."""
    return [(view.start + a.start(), view.start + a.end()) for a in _BRACKETED_ASIDE.finditer(view.text)]


def _aside_at(view: SentenceView, at: int) -> tuple[int, int] | None:
    """The sentence's bracketed aside (article offsets) holding offset ``at``, if any."""
    return next(((lo, hi) for lo, hi in bracketed_asides(view) if lo < at < hi), None)


def _listed_by_investor_cue(view: SentenceView, token: int) -> bool:
    """Token ``token`` stands in a list that an investor cue opens, within ``LISTED_NAME_REACH`` tokens."""
    return any(c.label in {"PARTICIPANTS", "WEAK_LIST"} and 0 <= token - c.token_end <= LISTED_NAME_REACH
               for c in view.cues)


def _name_opening_clause(view: SentenceView, verb: int, subject: str | None) -> str | None:
    """The name that alone opens the verb's clause, after a comma or a semicolon (or a coordinating conjunction before
    a finite verb: "… from A and TWAICE raised $12 million") and before the verb and its auxiliaries, a bracket aside
    (« ..., Tessaro (spin-out de Norvane) a bénéficié de ... »): the verb's doer when the model gives it no
    subject."""
    p = view.parse
    first = min([verb, *(k for k in p.children(verb) if p.pos[k] == "AUX")])
    head = view.text[:p.starts[first] - view.start]
    cut = max(head.rfind(","), head.rfind(";"))
    clause_start = view.start + cut + 1 if cut >= 0 else -1
    for k in range(first - 1, 0, -1):  # "ZincFive raised $13 million from A and TWAICE raised $12 million": a
        if p.pos[k] == "CCONJ":  # coordinating conjunction opens a finite clause as well as a comma does (not « voit
            if p.finite and p.finite[first]:  # Ardian et FiveT Hydrogen prendre le lead »)
                clause_start = max(clause_start, view.token_ends[k])
            break
    if clause_start < 0:
        return None
    for name in view.names:
        if name.start < clause_start or name.end > p.starts[first]:
            continue
        rest = view.text[clause_start - view.start:name.start - view.start] + _BRACKETED_ASIDE.sub(
            "", view.text[name.end - view.start:p.starts[first] - view.start])
        if rest.strip() == "":
            if _is_subject(name.text, subject):
                return subject
            return name.text.strip() if _company_candidate(view, name, person_ok=True) else None
    return None


def _infinitive(view: SentenceView, i: int) -> bool:
    """An infinitive: a verb written as its own lemma and introduced by a marker (« de lever »)."""
    p, g = view.parse, _grammar(view.language)
    word = view.text[p.starts[i] - view.start:view.token_ends[i] - view.start].lower()
    return p.pos[i] == "VERB" and word == p.lemmas[i] and any(
        p.deps[k] in g["infinitive_marker_deps"] and k < i for k in p.children(i))


def _verb_above(view: SentenceView, node: int) -> int | None:
    """The verb a noun hangs under, directly ("vient [en effet]") or through the preposition the English parse makes
    its head ("is [in] negotiations")."""
    p = view.parse
    head = p.heads[node]
    if head != node and p.pos[head] == "ADP" and p.heads[head] != head:
        head = p.heads[head]
    return head if head != node and p.pos[head] in _VERBAL else None


def _comma_apposed_name(view: SentenceView, noun: int, subject: str | None) -> str | None:
    """The name a common noun stands in apposition to, after a comma (« Quillby Market, le site de
    revente, qui s'était valorisé ... »): the antecedent of a relative clause on that noun."""
    p = view.parse
    if p.pos[noun] != "NOUN":
        return None
    first = min([noun, *(k for k in p.children(noun) if p.deps[k] == "det")])
    for name in view.names:
        gap = view.text[name.end - view.start:p.starts[first] - view.start]
        if name.end <= p.starts[first] and gap.strip() == ",":
            if _is_subject(name.text, subject):
                return subject
            return name.text.strip() if _company_candidate(view, name) else None
    return None


#: Marks that may stand before a sentence's first word (quotes, a bullet, a dash).
_OPENING_MARKS = " \t«“\"'‘•-–—*"


def _opening_name_apposed(view: SentenceView, noun: int, subject: str | None) -> str | None:
    """The name that opens the sentence when a common noun right after it and a comma is the subject the parse gives
    (« Beqom, l'éditeur d'une solution de paie, a obtenu ... », the model reading "Beqom" as a clause of its own and
    "éditeur" as the subject): the noun describes that name, which is the doer."""
    p = view.parse
    if p.pos[noun] != "NOUN":
        return None
    first = min([noun, *(k for k in p.children(noun) if p.deps[k] == "det")])
    opening = view.start + len(view.text) - len(view.text.lstrip(_OPENING_MARKS))
    name = next((n for n in view.names if n.start == opening), None)
    if name is None or name.end > p.starts[first] or view.text[name.end - view.start:p.starts[first] - view.start].strip() != ",":
        return None
    return _comma_apposed_name(view, noun, subject)


def _name_before_relative(view: SentenceView, pronoun: int, subject: str | None) -> str | None:
    """The name just before a relative pronoun that opens its clause after a comma (« …, NaLa Fresh, qui a levé »,
    "…, Kalvo, which raised"), when the parse does not hang the clause on it: that name is the pronoun's antecedent."""
    p = view.parse
    if view.text[p.starts[pronoun] - view.start:view.token_ends[pronoun] - view.start].lower() not in (
            _entities()["relative_openers"]) or pronoun < 2:
        return None
    comma = pronoun - 1
    if view.text[p.starts[comma] - view.start:view.token_ends[comma] - view.start] != ",":
        return None
    before = p.starts[comma - 1]
    if not any(n.start <= before < n.end for n in view.names):
        return None
    return _name_at(view, comma - 1, subject, person_ok=True)  # the doer of a round's verb: a company, whatever its type


def _antecedent_name(view: SentenceView, antecedent: int, subject: str | None, g: dict[str, frozenset[str]],
                     person_ok: bool = False) -> str | None:
    """The company a relative clause's antecedent names: the noun itself or the name it stands in apposition to; for
    a common noun that only completes another ("a maker of plant-based meat and fish that picked up $40 million",
    the model hanging the clause on "meat"), the noun it completes. ``person_ok``: the clause's verb is a round's, so
    its antecedent is a company whatever type the model gives it."""
    p = view.parse
    for _ in range(2):
        if found := (_named_noun(view, antecedent, subject, g, person_ok)
                     or _comma_apposed_name(view, antecedent, subject)):
            return found
        if p.pos[antecedent] != "NOUN" or p.deps[antecedent] not in g["noun_complement"]:
            return None
        above = p.heads[antecedent]
        if p.pos[above] == "ADP":  # English: the preposition heads its object
            above = p.heads[above]
        if above == antecedent or p.pos[above] != "NOUN":
            return None
        antecedent = above
    return None


#: A lower-case word joined to the next by a hyphen ("start-up", "scale-up").
_HYPHENATED_WORD = re.compile(r"[a-zà-ÿ]+-[a-zà-ÿ]+")


def _unfound_proper_noun(view: SentenceView, i: int, subject: str | None) -> str | None:
    """A proper noun the name finder missed, with the proper nouns and hyphens compounded before it
    ("CTRL-labs raised $28 million", "challenger albo raises $45m"): as a round verb's doer, a company."""
    p = view.parse
    if p.pos[i] != "PROPN" or p.starts[i] < view.opening or any(
            n.start <= p.starts[i] < n.end for n in [*view.names, *view.investors, *view.money]):
        return None  # not a place of the dateline ("LOS ANGELES, CA, Firefly Games has raised"), nor a figure's
        # currency ("And CHF 5.5 million went to …")
    g = _grammar(view.language)
    compound = _HYPHENATED_WORD.match(view.text, p.starts[i] - view.start)
    if compound and compound.group(0) in g["run_entities"] | g["plural_class_nouns"]:
        return None  # « La start-up «Cellulant» … a obtenu »: "start" of a class noun the tagger took for a name
    def joined(k: int) -> bool:  # a proper noun or a hyphen hanging inside the name ("CTRL" "-" of "labs")
        word = view.text[p.starts[k] - view.start:view.token_ends[k] - view.start]
        return first <= p.heads[k] <= i and (p.pos[k] == "PROPN" or word == "-")

    first = i
    while first > 0 and joined(first - 1):
        first -= 1
    while p.pos[first] == "PUNCT":
        first += 1
    text = _without_trailing_symbols(view.text[p.starts[first] - view.start:view.token_ends[i] - view.start])
    if not text.strip():
        return None
    name = Name(text, p.starts[first], p.starts[first] + len(text), first, None)
    if _is_subject(name.text, subject):
        return subject
    return name.text if _company_candidate(view, name, person_ok=True) else None


def _investor_token(view: SentenceView, i: int) -> bool:
    start = view.parse.starts[i]
    return any(n.start <= start < n.end and _known_investor(n.text) for n in view.names)


def _figure_tokens(fig: Figure) -> tuple[int, set[int]]:
    """The figure's first token and every token it spans, in its sentence's parse (which has heads)."""
    view, m = fig.sentence, fig.mention
    last = len(view.parse.heads) - 1
    first = min(view.token_at(m.start), last)
    return first, set(range(first, min(view.token_at(max(m.start, m.end - 1)), last) + 1))


def figure_top(p: Parse, inside: set[int]) -> int | None:
    """The first of a figure's tokens (``inside``) whose head lies outside the figure: where the figure hangs in the
    parse; None when every token's head is inside."""
    return next((k for k in sorted(inside) if p.heads[k] not in inside), None)


def demonstrative_round(fig: Figure) -> bool:
    """The figure hangs, straight or through a preposition, on a round noun under a demonstrative determiner (« BOLD
    … a participé à ce tour de table de 35 millions d'euros », "joined this $35 million round"): the round the text
    has been telling, not one of a name the sentence holds."""
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return False
    _, inside = _figure_tokens(fig)
    top = figure_top(p, inside)
    if top is None:
        return False
    head = p.heads[top]
    if p.pos[head] == "ADP" and p.heads[head] != head:
        head = p.heads[head]  # "this round of $35 million"
    cue = next((c for c in view.cues if c.label == "ROUND" and c.token_start <= head < c.token_end), None)
    return cue is not None and any(p.deps[k] == "det" and p.lemmas[k] in g["demonstrative_determiners"]
                                   for n in range(cue.token_start, cue.token_end) for k in p.children(n))


def valued_at_by_verb(fig: Figure) -> bool:
    """The figure is the value a valuing verb sets, through its mark ("would value Kalvo, an unlisted provider of …, at
    around $5 billion", « valoriser Kalvo, … , à 2 milliards »: ``grammar.json`` valuing_verbs, valued_at_marks),
    however far the verb stands from it."""
    return valuing_verb(fig) is not None


def valuing_verb(fig: Figure) -> int | None:
    """The valuing verb that sets the figure as a value through its mark (see ``valued_at_by_verb``), or None."""
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return None
    first, inside = _figure_tokens(fig)
    node = first
    for _ in range(MAX_HEAD_STEPS):
        head = p.heads[node]
        if head == node:
            return None
        if head not in inside:
            break
        node = head
    marks = g["valued_at_marks"]
    if p.lemmas[head].lower() in marks:  # English: the preposition heads the figure
        verb = p.heads[head]
    elif any(p.deps[k] == "case" and p.lemmas[k].lower() in marks for k in p.children(node)):
        verb = head  # French: the preposition hangs under the figure's noun
    else:
        return None
    return verb if p.pos[verb] == "VERB" and p.lemmas[verb].lower() in g["valuing_verbs"] else None


def raised_by_name(fig: Figure) -> str | None:
    """The agent of a funding participle under the figure ("the $200 million raised by Kalvo", « les 500 millions
    récoltés par Doctolib »), or the subject of a raising clause on it ("the $220 million Instacart raised"): the
    company whose round it is, whatever else the sentence says of it."""
    view = fig.sentence
    if not view.parse.heads:
        return None
    g = _grammar(view.language)
    first, inside = _figure_tokens(fig)
    head = next((k for k in view.parse.ancestors(first, MAX_HEAD_STEPS) if k not in inside), None)
    return (_participle_agent(view, inside, None, g) or _round_participle_after(fig, g)
            or _possessor_coordinated(fig, g)
            or (_contact_clause_raiser(view, head, None, g) if head is not None else None))


def _possessor_coordinated(fig: Figure, g: dict[str, frozenset[str]]) -> str | None:
    """The name a round noun with a possessive determiner is coordinated with ("startup Kalvo and its $105 million
    raise", « Kalvo et sa levée de fonds de 70 millions »): whose round the figure is."""
    view = fig.sentence
    p = view.parse
    first, inside = _figure_tokens(fig)
    node = next((k for k in p.ancestors(first, MAX_HEAD_STEPS) if k not in inside), None)  # the figure's head
    if node is None or not _round_noun(view, node):
        return None
    if (p.deps[node] == "conj" and p.heads[node] < node and _possessive_determined(p, node, g)
            and (owner := _coordinated_name_before(p, node)) is not None):
        return _named_noun(view, owner, None, g)
    return None


#: Tokens at most between a figure and the funding participle after its round noun ("the £1.25m Seed round closed by
#: X").
ROUND_PARTICIPLE_REACH = 4


def _round_participle_after(fig: Figure, g: dict[str, frozenset[str]]) -> str | None:
    """The agent of a funding participle that follows the figure's round noun, read on the words when the parse hangs
    the participle elsewhere ("the £1.25m Seed round closed by RegTech firm X": X's round)."""
    view, p = fig.sentence, fig.sentence.parse
    end = view.token_at(max(fig.mention.start, (fig.unit_end or fig.mention.end) - 1)) + 1
    seen_round = False
    for k in range(end, min(end + ROUND_PARTICIPLE_REACH + 1, len(p.pos))):
        if _round_noun(view, k) and p.pos[k] in {"NOUN", "PROPN"}:
            seen_round = True
        elif seen_round and p.pos[k] in _VERBAL and _round_noun(view, k) and p.lemmas[k] not in g["backing_verbs"]:
            after = view.text[view.token_ends[k] - view.start:].split(maxsplit=1)[:1]
            if k + 1 < len(p.pos) and after and after[0].lower() in g["agent_words"]:
                named = (_named_noun(view, o, None, g) for o in [*p.children(k + 1), k + 2] if o < len(p.pos))
                return next((n for n in named if n), None)  # "closed by RegTech firm X"
            return _agent_after(view, k, None, g)
        elif p.pos[k] in {"PUNCT", *_VERBAL}:
            return None
    return None


def _valuation_object_owner(view: SentenceView, verb: int, subject: str | None,
                            g: dict[str, frozenset[str]]) -> str | None:
    """The possessor of a valuation noun that is the object of the figure's verb ("pegged Kalvo's valuation at",
    "put the firm's valuation above £200 million"): the name, or "" for a common noun with its definite article (the
    firm told of, whom the discourse finds, never the verb's doer); None when no such object (a pronoun, "taking its
    valuation to", leaves the owner to the doer)."""
    p = view.parse
    for obj in p.children(verb):
        if p.deps[obj] not in g["object"] or not any(
                c.label == "VALUATION" and c.start <= p.starts[obj] < c.end for c in view.cues):
            continue
        for owner in p.children(obj):
            if p.deps[owner] not in g["possessor"]:
                continue
            if name := _name_at(view, owner, subject):
                return name
            if p.pos[owner] == "NOUN" and any(p.lemmas[d] in g["definite_determiners"] for d in p.children(owner)):
                return ""  # a pronoun ("taking its valuation to") is the doer's own: the doer decides
    return None


def _clause_object_name(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The name a verb takes as its object when ``verb`` heads the clause that object is the subject of (``grammar.json``
    object_clause_links: "estimated SpaceX to be worth $100 billion"): whom the clause's value is of."""
    p = view.parse
    head = p.heads[verb]
    if head == verb or p.deps[verb] not in g["object_clause_links"] or p.pos[head] not in _VERBAL:
        return None
    return next((name for k in p.children(head) if k < verb and p.deps[k] in g["object"]
                 and (name := _name_at(view, k, subject))), None)


def _grammatical_company(fig: Figure, subject: str | None, language: str) -> str | None:
    """Whose figure the parse says it is: up from the figure to the first verb (its doer) or to a
    round noun with a possessor ("la levée de Norvane", "Aleph Alpha's round")."""
    view = fig.sentence
    p, g = view.parse, _grammar(language)
    if not p.heads:
        return None
    first, inside = _figure_tokens(fig)
    if found := _participle_agent(view, inside, subject, g) or _round_participle_after(fig, g):
        return found
    if fig.role == "round" and (found := _by_agent(view, inside, subject, g)):  # "… and a $130 million by MNT-halan"
        return found  # (not "Valuation Marked Down To $5.1 Billion By Prosus": who values, no raiser)
    if found := _relative_round_owner(view, first, inside, subject, g):
        return found
    if fig.role == "round" and (found := _figure_investee(view, inside, subject, g)):
        return found  # "Orbix has entered talks to lead a funding round sized at up to $500m for Kalvo"
    node = first
    for _ in range(MAX_HEAD_STEPS):
        head = p.heads[node]
        if head == node:
            break
        node, came_from = head, node
        if node in inside:
            continue
        if p.pos[node] in _VERBAL and any(view.text[p.starts[k] - view.start:view.token_ends[k] - view.start] == ":"
                                          for k in range(node + 1, first)):
            return None  # « …, indique Innovaud: Sophia Genetics (TIC), avec 76 millions levés, Kandou, 55,5 millions »:
            # a list after the colon, its figures not the teller's
        if p.pos[node] in _VERBAL:
            if fig.role == "valuation" and (owner := _clause_object_name(view, node, subject, g)):
                return owner  # "Morgan Stanley said it estimated SpaceX to be worth around $100 billion": SpaceX's
            if (p.lemmas[came_from] in g["investing_lemmas"] and came_from not in inside
                    and (found := _investee(view, node, subject, g))):
                return found  # "the investment of €150 million was made in Kalvo by Orbix": the company invested in
            if fig.role == "valuation" and (owned := _valuation_object_owner(view, node, subject, g)) is not None:
                return owned or None  # "The Telegraph pegged the firm's valuation above £200 million": the firm's (the
                # company told of, which the discourse finds), never the paper's
            if fig.role == "investment" and p.lemmas[node] in g["investing_lemmas"]:
                return _investee(view, node, subject, g)  # "A, which has invested $1 million into the company": A
                # invests, the company invested in is the one named after the verb, else the one told of
            if (fig.role == "round" and p.lemmas[node] in g["investing_lemmas"] and came_from not in inside
                    and (found := _investee(view, node, subject, g, person_ok=True) or next(
                        (named for k in p.children(node) if p.deps[k] in g["object"]
                         and (named := _investee(view, k, subject, g, person_ok=True))), None))):
                return found  # "Amazon invested an undisclosed sum in Aurora in a $530 million funding round": the
                # round of the company invested in, not the investor's
            if (fig.role == "round" and not _lead_verb(view, node)
                    and (launched := _launched_company(view, node, subject, g))):
                return launched  # "Industry vets have raised $3.2 million to launch new studio Kalvo Games"
            if not _lead_verb(view, node) or leads_something_else(view, node):
                return _doer(view, node, subject, g)  # "Taboola led the pack with a $117 million round": Taboola's
            if found := _investee(view, node, subject, g):  # "Accel led the $5m round in Kalvo"
                return found
            if p.deps[node] in g["participle"] and p.deps[came_from] not in g["object"]:
                continue  # "raised $250m in funding led by Accel at a $3bn valuation": the round's, not Accel's
                # (not "CapitalG is in talks to lead the round": what leads it above is the lead, no company)
            return _teller(view, node, subject, g)  # a lead verb's doer is the lead, never the company; the
            # company may be the one that told it ("Ninox Medical said the fund Pitango led a $10 million round")
        if (p.pos[node] == "NOUN" and p.lemmas[node] in g["investing_lemmas"]
                and (found := _investee(view, node, subject, g))):
            return found  # "making a US$1-billion investment in delivery app Rappi": the company invested in
        if p.pos[node] == "NOUN" and p.lemmas[node] in g["investing_lemmas"] and _invests_in_class_noun(view, node, g):
            return None  # "Tencent and KKR completed an investment of $175 million in the company": the company told
            # of, whom the discourse finds, never the doer of the verb the investment is the object of
        if (p.pos[node] in {"NOUN", "PROPN"} and came_from in inside and p.lemmas[node] not in g["investing_lemmas"]
                and (found := _by_agent(view, {node}, subject, g))):
            return found  # "a $200 million Series D by Tabby": the raiser the figure's noun takes
        if came_from in inside and (found := _agent_of_round_before(view, node, subject, g)):
            return found  # « la levée par Kalvo de 5 M€ », the figure hung on the name
        if came_from in inside and (found := _contact_clause_raiser(view, node, subject, g)):
            return found  # "the $220 million Instacart raised", the figure parsed as the name's number
        if not _round_noun(view, node):
            continue  # only a round noun's possessor owns the figure (not « la conversion d'OC du tour »)
        if (p.deps[node] == "conj" and p.heads[node] < node and _possessive_determined(p, node, g)
                and (owner := _coordinated_name_before(p, node)) is not None
                and (found := _named_noun(view, owner, subject, g))):
            return found  # « détrônée par l’insurtech Alan et son tour de table de 185 M€ », "Orbix and its $185m round"
        if found := _investee(view, node, subject, g):  # "an $8m series A round in Paystack"
            return found
        if came_from in inside and (found := _genitive_after_figure(view, came_from, inside, subject, g)):
            return found  # « la série B de 17 M€ du toulousain Tomorro »
        if p.lemmas[node] not in g["investing_lemmas"] and (found := _by_agent(view, {node}, subject, g)):
            return found  # « une levée de 5 M€ par Kalvo »: the round's raiser
        if p.lemmas[node] not in g["investing_lemmas"] and (found := _relative_clause_raiser(view, node, subject, g)):
            return found  # "the $8 million round that PushDoctor reported": the relative clause's subject
        # « l'investissement potentiel d'Uber d'un montant de 100 M$ »: an investment's possessor invests, owns nothing
        for child in _round_phrase_children(view, node) if p.lemmas[node] not in g["investing_lemmas"] else ():
            if p.deps[child] in g["possessor"] and child not in inside and not _agent_between(view, node, child) and (
                    owner := _name_at(view, child, subject)):
                return owner
        for verb in p.children(node):  # « la levée de 580 millions d'euros annoncée mardi par Sorare »
            if (p.deps[verb] in g["participle"] and (p.lemmas[verb] in g["announcing_participles"] or (
                    # « le financement de 85 millions d'euros obtenu par Unseenlabs »: the raiser
                    _round_noun(view, verb) and p.pos[verb] in _VERBAL and p.lemmas[verb] not in g["backing_verbs"]))
                    and (found := _agent_of(view, verb, subject, g))):
                return found
    return None


#: Tokens at most between a figure and the investment noun it sizes ("a $5 million investment", « un investissement
#: de 5 M€ »).
INVESTMENT_NOUN_REACH = 3


def investment_maker(fig: Figure, subject: str | None) -> str | None:
    """The name that makes, weighs or pledges the investment noun the figure sizes, as the subject of a verb of
    ``grammar.json`` investment_making_verbs ("OpenAI is considering a $5 million investment", « Orbix envisage un
    investissement de 5 M€ »): the investor, whose ticket the figure is; None when the noun names what it goes into
    ("an investment in Kalvo": that company's) or the subject is the article's company."""
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    at = view.token_at(fig.mention.start)
    for cue in view.cues:
        noun = cue.token_start
        if (cue.label != "INVEST" or noun >= len(p.pos) or p.pos[noun] != "NOUN"
                or abs(noun - at) > INVESTMENT_NOUN_REACH or p.deps[noun] not in g["object"]):
            continue
        verb = p.heads[noun]
        if p.lemmas[verb] not in g["investment_making_verbs"] or _investee(view, noun, subject, g):
            continue
        for child in p.children(verb):
            if p.deps[child] in g["subject"] and (name := _name_at(view, child, subject, person_ok=True)) and name != subject:
                return name
    return None


def _round_phrase_children(view: SentenceView, node: int) -> list[int]:
    """The dependents of a round noun, and the genitives right after the bare noun completing it (« tour de table de
    Blablacar », « levée de fonds de Kalvo »: the parse hangs the possessor on « table », « fonds », the noun that only
    « de » joins to it; not « tour de table … aux côtés d'Evonik CVC »)."""
    p, g = view.parse, _grammar(view.language)
    completing = [c for c in p.children(node) if c > node and p.deps[c] in g["possessor"] and p.pos[c] == "NOUN"
                  and _genitive_gap(view, node, c, g) and not _name_at(view, c, None)]
    return [*(child for child in p.children(node) if child not in completing),
            *(child for word in completing for child in p.children(word) if child > word
              and _genitive_gap(view, word, child, g))]


def _genitive_gap(view: SentenceView, head: int, dependent: int, g: dict[str, frozenset[str]]) -> bool:
    """Only a genitive mark (``grammar.json`` genitive_marks: « de », "of") between two tokens (« tour de table »)."""
    between = view.text[view.token_ends[head] - view.start:view.parse.starts[dependent] - view.start]
    return between.strip().lower() in g["genitive_marks"]


def _figure_investee(view: SentenceView, inside: set[int], subject: str | None,
                     g: dict[str, frozenset[str]]) -> str | None:
    """The company named after an investee preposition that hangs on the figure itself ("a round sized at up to $500m
    for online marketplace Kalvo"): the money is that company's, whoever the verbs above it have for subject. English
    only: there the preposition heads its object."""
    p = view.parse
    if title_case(view.text):
        return None  # "Starling Raises $49 Million In Latest Funding Round": a headline's capitals make no name
    for k in sorted(inside):
        for child in p.children(k):
            if child in inside or child < k or _token_text(view, child).lower() not in g["investee_words"]:
                continue
            if found := next((n for obj in p.children(child) if (n := _named_noun(view, obj, subject, g))), None):
                return found
    return None


def _launched_company(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The company that people raise money to launch: the raising verb's subject is a noun for people who start
    companies (grammar ``founder_nouns``: "Industry vets", « Trois anciens d'Orbix ») and a purpose clause under it
    founds a named thing (``founding_verbs``: "to launch new studio Kalvo Games", « pour lancer le studio Kalvo »);
    that name raised the money, not the people nor where they come from."""
    p = view.parse
    doers = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
    if not doers or not any(p.lemmas[k].lower() in g["founder_nouns"] for k in _coordinated(p, doers[0], g)):
        return None  # (the noun may be the last of coordinated subjects: "Riot Games & PUBG veterans raise")
    for clause in p.children(verb):
        if p.deps[clause] != "advcl" or clause < verb or p.lemmas[clause].lower() not in g["founding_verbs"]:
            continue
        for obj in p.children(clause):
            if p.deps[obj] in g["object"] and (found := _named_noun(view, obj, subject, g, person_ok=True)):
                return found
    return None


def _genitive_after_figure(view: SentenceView, figure: int, inside: set[int], subject: str | None,
                           g: dict[str, frozenset[str]]) -> str | None:
    """The name a genitive after a round noun's figure introduces with a description (« la série B de 17 M€ du
    toulousain Tomorro », the parse hanging it on the figure): the round's raiser. A bare name there is where the
    money comes from (« un financement de 12,8 millions de la CDPQ »)."""
    p = view.parse
    for child in p.children(figure):
        if child < figure or child in inside or p.deps[child] not in g["possessor"] or p.pos[child] == "PROPN":
            continue
        if not any(p.deps[k] == "case" and p.lemmas[k] in g["holder_of_marks"] for k in p.children(child)):
            continue  # « de 17 M€ en mars »: a date, no holder
        if _name_at(view, child, subject) is not None:
            continue
        for k in p.children(child):  # « du toulousain Tomorro »: the name hung on its description
            if p.deps[k] in g["naming"] and k > child and (found := _name_at(view, k, subject)):
                return found
    return None


def _coordinated_name_before(p: Parse, noun: int) -> int | None:
    """The proper noun a conjunct noun is coordinated with: its head, or the head's last proper noun before it (the
    parse hanging « Alan » under the class noun of « l’insurtech Alan et son tour »)."""
    head = p.heads[noun]
    if p.pos[head] == "PROPN":
        return head
    named = [k for k in p.children(head) if p.pos[k] == "PROPN" and head < k < noun]
    return named[-1] if named else None


def _possessive_determined(p: Parse, noun: int, g: dict[str, frozenset[str]]) -> bool:
    """A noun with a possessive determiner (« son tour de table », "its $185 million round")."""
    return any((p.deps[k] == "det" and p.lemmas[k].lower() in g["possessive_determiners"])
               or (p.deps[k] == "poss" and p.pos[k] == "PRON") for k in p.children(noun))


def _relative_clause_raiser(view: SentenceView, noun: int, subject: str | None,
                            g: dict[str, frozenset[str]]) -> str | None:
    """The subject of a relative clause on a round noun whose object the round is, when its verb raises or tells the
    round ("the $8 million round that PushDoctor reported", « la levée que Kalvo a bouclée »); not a lead's or a
    backer's ("the round Accel led", "the round Sequoia invested in")."""
    p = view.parse
    for verb in p.children(noun):
        if (p.deps[verb] not in g["relative"] or p.pos[verb] not in _VERBAL or _lead_verb(view, verb)
                or p.lemmas[verb] in g["leading_verbs"] | g["backing_verbs"]
                or not (_round_noun(view, verb) or p.lemmas[verb] in g["round_telling_verbs"])):
            continue
        if any(p.deps[k] in g["subject"] and p.pos[k] == "PRON" for k in p.children(verb)):
            continue  # "the round, which raised ...": the round itself is the subject
        for child in p.children(verb):
            if p.deps[child] in g["subject"] and any(n.start <= p.starts[child] < n.end for n in view.names):
                return _name_at(view, child, subject, person_ok=True, teller_ok=True)
    return None


def _contact_clause_raiser(view: SentenceView, name: int, subject: str | None,
                           g: dict[str, frozenset[str]]) -> str | None:
    """A name right after the figure, with a raising verb right after it and no relative pronoun ("the $220 million
    Instacart raised to start the year", the parse taking the figure for the name's number and the verb for a
    participle on it): the relative clause's subject, the figure's raiser."""
    p = view.parse
    verb = name + 1
    if (p.pos[name] != "PROPN" or verb >= len(p.heads) or p.heads[verb] != name
            or p.deps[verb] not in g["participle"] | g["relative"] or p.pos[verb] not in _VERBAL
            or not _round_noun(view, verb) or _lead_verb(view, verb)
            or p.lemmas[verb] in g["leading_verbs"] | g["backing_verbs"]
            or any(p.deps[k] in g["object"] for k in p.children(verb))):
        return None
    return _name_at(view, name, subject, person_ok=True)


def _by_agent(view: SentenceView, nodes: set[int], subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """A company a figure or its round noun takes with an agent's preposition and no verb ("a $200 million Series D
    by Tabby", "a $130 million by MNT-halan"); never a known investor."""
    p = view.parse
    for node in sorted(nodes):
        for child in p.children(node):
            if child in nodes:
                continue
            if p.pos[child] == "ADP" and p.lemmas[child] in g["agent_words"]:
                objects = p.children(child)  # English: the preposition heads its object
            elif any(p.pos[k] == "ADP" and p.lemmas[k] in g["agent_words"] for k in p.children(child)):
                objects = [child]  # French: the preposition hangs under its object (« la levée par Kalvo de 5 M€ »)
            else:
                continue
            for obj in objects:
                found = _named_noun(view, obj, subject, g)
                if found and not _known_investor(found):
                    return found
    return None


#: Tokens at most between a round noun and the agent's preposition after it (« la levée en série C par Kalvo »).
ROUND_AGENT_REACH = 4


def _agent_of_round_before(view: SentenceView, name: int, subject: str | None,
                           g: dict[str, frozenset[str]]) -> str | None:
    """A name that a figure hangs on, introduced by an agent's preposition right after a round noun (« la levée par
    Kalvo de 5 M€ », « la levée en série C par Kalvo de 850 M€ », the parse hanging the figure on the name): the
    round's raiser."""
    p = view.parse
    if p.pos[name] != "PROPN":
        return None
    for case in p.children(name):
        if p.pos[case] == "ADP" and p.lemmas[case] in g["agent_words"] and case < name and any(
                _round_noun(view, k) for k in range(max(0, case - ROUND_AGENT_REACH), case)):
            found = _named_noun(view, name, subject, g)
            return found if found and not _known_investor(found) else None
    return None


#: An agent's preposition (« par », "by") between a round noun and a name the parse hangs on it.
_AGENT_WORD = re.compile(r"\b(?:par|by)\b", re.IGNORECASE)


def _agent_between(view: SentenceView, noun: int, name: int) -> bool:
    """A name the parse gives a round noun as its possessor, with an agent's preposition between them (« un premier
    tour de 100 millions investi par le conglomérat Hinduja »): the doer of a participle, no owner of the round."""
    p = view.parse
    lo, hi = sorted((p.starts[noun], p.starts[name]))
    return _AGENT_WORD.search(view.text[lo - view.start:hi - view.start]) is not None


#: Tokens after a lead verb within which its round or figure is named ("led Chime's $200 million
#: March 2019 funding round"): a lead verb with an object and none of them leads something else.
LEAD_OBJECT_REACH = 10


#: Dependency steps at most below a lead verb's round-noun object to the company that owns the round (« dirigé le
#: tour de série B de Kalvo »: tour → série → Kalvo).
ROUND_OWNER_DEPTH = 3


def round_object_owner(view: SentenceView, verb: int, subject: str | None) -> str | None:
    """The company whose round a lead verb's object is (« ont dirigé le tour de série B de Kalvo », "led Kalvo's
    Series B"): the first name below the round noun, within ``ROUND_OWNER_DEPTH`` steps, by a possessor relation."""
    p, g = view.parse, _grammar(view.language)
    for obj in (k for k in p.children(verb) if p.deps[k] in g["object"] and (
            any(_round_noun(view, c) for c in [k, *p.children(k)])  # "led Kalvo's Series B": "B" heads "Series"
            or (p.pos[k] == "NOUN" and p.lemmas[k] in g["investing_lemmas"]))):  # « codirigé un investissement de X »
        level = [obj]
        invested = p.pos[obj] == "NOUN" and p.lemmas[obj] in g["investing_lemmas"]
        for _ in range(ROUND_OWNER_DEPTH):
            level = [k for head in level for k in p.children(head)]
            for k in level:
                if invested and possessive_marked(view, k):
                    continue  # "Erel Margalit, who also leads JVP's investment": who invests, no company raising
                if p.deps[k] in g["possessor"] and (found := _name_at(view, k, subject, person_ok=True)):
                    return found
            # only through the round's own words (« tour de série B de X »), not « aux côtés des actionnaires de X »
            level = [k for k in level if _round_noun(view, k) or _label_letter(view, k)]
        last = max(_subtree(p, obj))  # « dirigé le tour de série B de Wasoko », "Wasoko" hung on the verb: the
        if (last + 2 < len(p.pos) and p.lemmas[last + 1].lower() in g["holder_of_marks"]  # genitive right after the
                and p.heads[last + 2] == verb and (found := _name_at(view, last + 2, subject, person_ok=True))):
            return found  # round phrase is its owner
    return None


def _label_letter(view: SentenceView, i: int) -> bool:
    """Token ``i`` is the letter of a round label ("B" of « série B »)."""
    word = view.text[view.parse.starts[i] - view.start:view.token_ends[i] - view.start]
    return len(word) <= 2 and word[:1].isupper() and i > 0 and _round_noun(view, i - 1)


def clause_opener_between(view: SentenceView, lo: int, hi: int) -> int | None:
    """Where a subordinating conjunction in lower case opens a clause between ``lo`` and ``hi`` (after a list item's
    name: "energy giant Engie as Kalvo … aims"), or None."""
    p, g = view.parse, _grammar(view.language)
    cued = [(c.start, c.end) for c in view.cues]  # "such as", "as well as": list cues, no clause
    for k in range(view.token_at(lo), min(view.token_at(hi), len(p.pos))):
        word = view.text[p.starts[k] - view.start:view.token_ends[k] - view.start]
        if (word[:1].islower() and p.starts[k] >= lo and (p.pos[k] == "SCONJ" or word in g["clause_conjunctions"])
                and not any(a <= p.starts[k] < b for a, b in cued)):
            return p.starts[k]
    return None


def leads_something_else(view: SentenceView, verb: int, cue: Cue | None = None) -> bool:
    """A lead verb whose object the parse names and is no round ("led the pack with a $117 million round", « mène
    la danse »): it leads no round. ``cue``: the lead cue, whose own noun is no object ("took the lead")."""
    p, g = view.parse, _grammar(view.language)
    objects = [k for k in p.children(verb) if p.deps[k] in g["object"]]
    agent = min((k for k in p.children(verb) if p.deps[k] in g["agent"] or p.deps[k] in g["agent_via"]), default=None)
    if agent is not None:  # « dirigée par Westcap, une société de capital de risque »: a passive has no object, the
        objects = [k for k in objects if k < agent]  # apposition after its agent read as one is the agent's
    if not objects:  # "fintech startup Abound led with a $14 million round": ahead of the others, with its own round
        return verb + 1 < len(p.lemmas) and p.lemmas[verb + 1].lower() in g["lead_with_words"]
    for obj in objects:  # "PB Healthcare led this segment with a $218 million seed round": the segment, not the round
        if p.pos[obj] == "NOUN" and p.lemmas[obj] in g["investing_lemmas"] and any(
                p.deps[k] in g["possessor"] and possessive_marked(view, k) for k in p.children(obj)):
            return True  # "its chairman Erel Margalit, who also leads JVP's investment": he runs an investor's stake
        if p.pos[obj] != "NOUN" or (cue is not None and cue.start <= p.starts[obj] < cue.end):
            continue  # "took the lead", « a pris la tête »: the cue's own noun
        starts = {p.starts[k] for k in _phrase(p, obj)}
        if not any(c.start <= at < c.end for at in starts for c in view.cues if c.label in {"ROUND", "INVEST"}) \
                and not any(m.start <= at < m.end for at in starts for m in view.money):
            return True
    last = min(len(p.starts), verb + LEAD_OBJECT_REACH) - 1
    reach = view.token_ends[max(last, *objects)]  # "led Chime's $200 million funding round", "leading the investment"
    return not any(p.starts[verb] <= c.start < reach for c in view.cues if c.label in {"ROUND", "INVEST"}) and not any(
        p.starts[verb] <= m.start < reach for m in view.money)


def _lead_verb(view: SentenceView, i: int) -> bool:
    """A verb inside a LEAD cue ("led by", « mené par »): its subject or agent is the lead investor."""
    start = view.parse.starts[i]
    return any(c.label == "LEAD" and c.start <= start < c.end for c in view.cues)


def _agent_of(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The company named as the agent of a participle (« par Sorare », "by Kalvo", "by lending platform Kalvo")."""
    p = view.parse
    for child in p.children(verb):
        marked = any(p.deps[k] == "case" and p.lemmas[k] in g["agent_marks"] for k in p.children(child))
        if (p.deps[child] in g["agent"] or marked) and (found := _named_noun(view, child, subject, g)):
            return found
        if p.deps[child] in g["agent_via"]:
            for obj in p.children(child):
                if found := _named_noun(view, obj, subject, g):
                    return found
            if found := _described_name_after(view, child, subject):
                return found
    return None


#: Tokens at most between an agent's preposition and the name its phrase ends on, the words of a description
#: ("by intelligent packaging solution provider PragmatIC").
AGENT_DESCRIPTION_REACH = 5


def _described_name_after(view: SentenceView, preposition: int, subject: str | None) -> str | None:
    """The name that ends the noun phrase after an agent's preposition, read on the words when the parse takes a
    description's first word for a verb ("by lending platform Iwoca": "lending" a gerund, "Iwoca" its object): the
    first name within ``AGENT_DESCRIPTION_REACH`` tokens, only lower-case words between."""
    p = view.parse
    after = view.token_ends[preposition]
    limit = p.starts[min(preposition + AGENT_DESCRIPTION_REACH, len(p.starts) - 1)]
    for name in sorted(view.names, key=lambda n: n.start):
        if name.start < after or name.start > limit:
            continue
        words = view.text[after - view.start:name.start - view.start].split()
        if all(w.isalpha() and w.islower() for w in words):
            if _is_subject(name.text, subject):
                return subject
            return name.text.strip() if _company_candidate(view, name) else None
        return None
    return None


def _participle_agent(view: SentenceView, inside: set[int], subject: str | None,
                      g: dict[str, frozenset[str]]) -> str | None:
    """The agent of a funding participle under the figure: « les 7 millions d'euros levés par le
    groupe Sergic », "the $5 million raised by Kalvo"."""
    p = view.parse
    # "the $300 million each raised by A": a participle under the figure's apposition counts too
    nodes = sorted(inside | {k for n in inside for k in p.children(n) if p.deps[k] in g["apposition"] and p.pos[k] == "PRON"}
                   | _restating_bracket(view, inside))
    top = figure_top(p, inside)
    if top is not None and p.pos[p.heads[top]] == "NOUN" and p.lemmas[p.heads[top]].lower() in g["sized_money_nouns"]:
        nodes.append(p.heads[top])  # "the Rs 1300-crore fund raised by Snapdeal": the participle under the money noun
    dealt = _figure_of_a_deal(view, inside, g)
    for node in nodes:
        for verb in p.children(node):
            if (p.deps[verb] not in g["participle"] and not _passive_relative(p, verb, g)) or p.pos[verb] not in _VERBAL \
                    or not (_round_noun(view, verb) or (dealt and p.lemmas[verb] in g["deal_doing_verbs"])):
                continue
            if p.lemmas[verb] in g["backing_verbs"]:
                continue  # « un premier tour de 100 millions investi par Hinduja »: the agent invests
            if found := _agent_of(view, verb, subject, g) or _agent_after(view, verb, subject, g):
                return found
    last = max(inside, default=-1)
    verb = p.heads[last] if 0 <= last < len(p.heads) else -1
    if (verb == last + 1 and p.pos[verb] in _VERBAL and _round_noun(view, verb)
            and p.lemmas[verb] not in g["backing_verbs"]):
        return _agent_after(view, verb, subject, g)  # « les 260 millions collectés auprès d'Impala par Neoen »: the
        # parse makes the participle the figure's head
    return None


def _restating_bracket(view: SentenceView, inside: set[int]) -> set[int]:
    """The tokens of a bracket right after the figure that restates it (« 200 millions de dollars (177 millions
    d'euros) qui ont été levés par Kalvo »): the parse may hang what is said of the figure on the restatement."""
    p = view.parse
    start = max(inside, default=-1) + 1
    if not inside or start >= len(p.starts) or _token_text(view, start) != "(":
        return set()
    for end in range(start + 1, len(p.starts)):
        if p.starts[end] - p.starts[start] > RESTATING_BRACKET_CHARS:
            return set()
        if _token_text(view, end) == ")":
            inner = set(range(start + 1, end))
            return inner if any(p.pos[k] == "NUM" for k in inner) else set()
    return set()


def _passive_relative(p: Parse, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """A relative clause in the passive (« c'est 200 millions de dollars qui ont été levés par Kalvo », "the $200
    million that was raised by Kalvo"): a participle's twin, its agent the figure's raiser."""
    return p.deps[verb] in g["relative"] and any(p.deps[k] in g["passive_marks"] for k in p.children(verb))


def _figure_of_a_deal(view: SentenceView, inside: set[int], g: dict[str, frozenset[str]]) -> bool:
    """The figure hangs on a round noun (« la levée de 250 millions d'euros ») or on a demonstrative pronoun that stands
    for one (``grammar.json`` round_pronouns: « comme celle de 85 millions d'euros » after « les levées de fonds »)."""
    p = view.parse
    top = figure_top(p, inside)
    if top is None or p.heads[top] == top:
        return False
    head = p.heads[top]
    return (p.pos[head] == "NOUN" and _round_noun(view, head)) or (
        p.pos[head] == "PRON" and p.lemmas[head] in g["round_pronouns"]
        and any(c.label == "ROUND" and c.end <= p.starts[head] for c in view.cues))


#: Tokens at most between a funding participle and the agent's preposition the parse hung elsewhere (« les 484
#: millions de dollars levés en 2019 par GetYourGuide »), a name counting as one.
AGENT_AFTER_REACH = 4


def _agent_after(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The name right after an agent's preposition that follows a funding participle within
    ``AGENT_AFTER_REACH`` tokens, no punctuation or verb between, when the parse hangs it on another
    word (« levés en 2019 par GetYourGuide » read as the agent of « montant »)."""
    p = view.parse
    names = [*view.names, *view.investors]
    steps = 0
    for k in range(verb + 1, len(p.starts) - 1):
        if any(n.start < p.starts[k] < n.end for n in names):
            continue  # a name's later words count with its first (« auprès d'Orbix Capital par Kalvo »)
        steps += 1
        if steps > AGENT_AFTER_REACH or p.pos[k] in {"PUNCT", *_VERBAL}:
            return None
        if (p.lemmas[k] in g["agent_marks"] and p.deps[k] == "case") or (p.pos[k] == "ADP" and p.deps[k] in g["agent"]):
            return _named_noun(view, k + 1, subject, g)
    return None


def _relative_round_owner(view: SentenceView, first: int, inside: set[int], subject: str | None,
                          g: dict[str, frozenset[str]]) -> str | None:
    """The possessor of a round named right before the relative clause that gives its figure ("Kalvo's Series B,
    which was $135M")."""
    p = view.parse
    node = first
    for _ in range(MAX_HEAD_STEPS):
        if p.heads[node] == node:
            return None
        node = p.heads[node]
        if node not in inside and p.pos[node] in _VERBAL:
            break
    else:
        return None
    if p.deps[node] not in g["relative"] or p.heads[node] == node:
        return None
    antecedent = p.heads[node]
    start = p.starts[max(0, antecedent - LABEL_NOUN_WORDS)]
    if not (_round_noun(view, antecedent) or round_label_in(view.text[start - view.start:view.token_ends[antecedent] - view.start])):
        return None
    for child in p.children(antecedent):
        # "Pluralsight’s", parsed a modifier with its case mark
        possessive = p.deps[child] in g["possessor"] or possessive_marked(view, child)
        if possessive and (owner := _name_at(view, child, subject)):
            return owner
    return None


#: Words before a round's head noun that its label may span ("Series B").
LABEL_NOUN_WORDS = 2


def _governing_verb(fig: Figure) -> int | None:
    """The first verb up the dependency tree from a figure, or None."""
    view, m = fig.sentence, fig.mention
    p = view.parse
    if not p.heads:
        return None
    node = min(view.token_at(m.start), len(p.heads) - 1)
    for _ in range(MAX_HEAD_STEPS):
        head = p.heads[node]
        if head == node:
            return None
        node = head
        if p.pos[node] in _VERBAL:
            return node
    return None


#: Verbs at most up from a figure's funding verb through the verbs that govern its sense ("would not have been able
#: to raise": raise, able, been).
NEGATION_CLIMB = 3


def denied_raise(fig: Figure) -> bool:
    """A funding verb that a negation denies, on itself or on a word of ability governing it (``grammar.json``
    denial_words, control_deps, ability_lemmas: "a company would not have been able to raise several hundred million
    dollars", « n'aurait pas pu lever »): no round raised; not "not only raised", « pas moins de » (negation_limits),
    nor a denial under a condition (condition_marks: « si nous n'avons pas rassemblé les 40 millions »)."""
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    node = _governing_verb(fig)
    if node is None or not _round_noun(view, node):
        return False
    for step in range(NEGATION_CLIMB):
        if step and p.lemmas[node].lower() not in g["ability_lemmas"]:
            return False  # « n'a pas confirmé avoir levé »: a verb of saying denied, the raise reported
        children = p.children(node)
        if any(p.deps[k] == "mark" and _token_text(view, k).lower() in g["condition_marks"] for k in children):
            return False  # « si nous n'avons pas rassemblé les 40 millions »: a condition, no denial
        for k in children:
            if _token_text(view, k).lower() in g["denial_words"] and not any(
                    w in g["negation_limits"] for w in view.text[p.starts[k] - view.start:fig.mention.end - view.start].lower().split()):
                return True
        if p.deps[node] not in g["control_deps"] or p.heads[node] == node:
            return False
        node = p.heads[node]
    return False


def _definite_description(fig: Figure, language: str, determiners: str = "definite_determiners") -> bool:
    """The figure's verb has for subject a definite or demonstrative common noun in the singular that
    names no one and is no round or market word (« Ce constructeur de véhicules spatiaux a obtenu
    150 M€ », "The company is valued around $3 billion"): a description of a company named before."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    for _ in range(MAX_CLAUSE_CLIMB):  # « Cette start-up … a réussi à lever 15 M€ »: the subject of the verb above
        if any(p.deps[k] in g["subject"] for k in p.children(verb)) or p.deps[verb] not in g["inherit_subject"] \
                or p.heads[verb] == verb:
            break
        verb = p.heads[verb]
    for child in p.children(verb):
        if p.deps[child] not in g["subject"]:
            continue
        determined = any(p.deps[k] == "det" and p.lemmas[k] in g[determiners] for k in p.children(child))
        # « Cette start-up … »: a word the model tags a proper noun, under a determiner, is a common noun
        if ((p.pos[child] != "NOUN" and not (p.pos[child] == "PROPN" and determined)) or p.plural[child]
                or _round_noun(view, child) or p.lemmas[child] in _entities()["market_subjects"]
                or any(c.label == "VALUATION" and c.start <= p.starts[child] < c.end for c in view.cues)):
            return False  # a round, a market, a valuation (« dont la valorisation atteint ... ») describe no company
        if not determined:
            return False
        subtree = _phrase(p, child)
        return not any(n.start <= p.starts[k] < n.end for k in subtree for n in [*view.names, *view.investors])
    return False


def indefinite_doer(fig: Figure, language: str) -> bool:
    """The figure's verb is a relative clause on an indefinite common noun in the singular that names no one and is
    no subject (« une entreprise turque qui a levé 4 millions de dollars », "another startup, a Turkish company that
    raised $4 million"): a company the text does not name, no one's round, when the noun (or the noun it stands in
    apposition to) is the object of a verb that does not say what something is (``grammar.json`` introducing_places,
    identity_verbs). A noun that is a predicate (« Kalvo est une start-up qui a levé », « Il s'agit d'une société
    qui a levé »), a genitive, or in apposition to a name is not one, nor the subject of a lede ("A Norfolk energy
    company has secured £3m", named in the sentences after)."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    subjects = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
    if len(subjects) != 1:
        return False
    if p.pos[subjects[0]] != "PRON" or p.deps[verb] not in g["relative"]:
        return False  # "A Norfolk energy company has secured £3m": a lede's subject, named in the sentences after
    doer, clause = p.heads[verb], set(_subtree(p, verb))  # the relative pronoun's antecedent
    if p.pos[doer] != "NOUN" or p.plural[doer] or _round_noun(view, doer) or not any(
            p.deps[k] == "det" and p.lemmas[k].lower() in g["indefinite_determiners"] for k in p.children(doer)):
        return False
    node = doer
    for _ in range(MAX_HEAD_STEPS):  # the noun, then the nouns it is in apposition to
        if (p.heads[node] == node or p.pos[node] == "PROPN" or p.deps[node] in {*g["predicate"], *g["subject"]}
                or any(p.deps[k] in {*g["subject"], *g["copula"]} for k in p.children(node))
                or any(n.start <= p.starts[k] < n.end for k in set(_phrase(p, node)) - clause
                       for n in [*view.names, *view.investors])):
            return False
        if p.deps[node] != "appos":
            break
        node = p.heads[node]
    else:
        return False
    governor = p.heads[p.heads[node]] if p.deps[node] == "pobj" else p.heads[node]  # "looked at a startup"
    return p.deps[node] in g["introducing_places"] and p.pos[governor] in _VERBAL \
        and p.lemmas[governor].lower() not in g["identity_verbs"]


def _pronoun_doer(fig: Figure, language: str) -> bool:
    """The figure's verb has a company pronoun for subject (« elle a levé 5 M€ », "It has raised $31 million")."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    def word(k: int) -> str:
        return view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
    return any(p.deps[k] in g["subject"] and p.pos[k] == "PRON" and word(k) in g["company_pronouns"]
               for k in p.children(verb))


def _shares_doer(fig: Figure, other: Figure, language: str) -> bool:
    """The figure's verb has no subject of its own and takes that of the other figure's verb, up the clauses
    that share their governor's subject (« après avoir levé 40 Md$, la société est valorisée à 300 Md$ »)."""
    verb, target = _governing_verb(fig), _governing_verb(other)
    if verb is None or target is None or verb == target:
        return False
    p, g = fig.sentence.parse, _grammar(language)
    for _ in range(MAX_CLAUSE_CLIMB):
        if any(p.deps[k] in g["subject"] for k in p.children(verb)) or p.deps[verb] not in g["inherit_subject"]:
            return False
        verb = p.heads[verb]
        for _ in range(MAX_HEAD_STEPS):  # through a noun the model hangs the clause on (« levé » under « milliards »)
            if p.pos[verb] in _VERBAL or p.heads[verb] == verb:
                break
            verb = p.heads[verb]
        if verb == target:
            return True
    return False


def _possessed_by_no_doer(fig: Figure, language: str) -> bool:
    """The figure's round noun has a possessive for determiner while its verb's subject is an investor
    ("SoftBank had participated in its $2m seed round", « X a participé à son tour de 2 M€ »): the
    possessive cannot stand for the investor, so it stands for a company named before."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    if not any(p.deps[k] in g["subject"] and _investor_token(view, k) for k in p.children(verb)):
        return False
    node = min(view.token_at(fig.mention.start), len(p.heads) - 1)
    for _ in range(MAX_HEAD_STEPS):
        if node == verb or p.heads[node] == node:
            return False
        owners = [k for k in (node, *p.children(node)) if (p.deps[k] in g["possessor"] and p.pos[k] == "PRON")
                  or (p.pos[k] == "DET" and p.lemmas[k] in g["possessive_determiners"])]
        if owners and (_round_noun(view, node) or any(_round_noun(view, k) for k in p.children(node))):
            return True
        node = p.heads[node]
    return False


#: Tokens between an antecedent and its relative pronoun ("startups, which") for the antecedent to count.
RELATIVE_REACH = 4


def _echoes_topic(before: str, language: str) -> bool:
    """The text before a pronoun ends on the words of a topic's echo (``grammar.json`` topic_echoes: « L'Égypte a
    quant à elle levé »)."""
    words = " ".join(before.split()).lower()
    return any(words.endswith(echo) and (len(words) == len(echo) or not words[-len(echo) - 1].isalnum())
               for echo in _grammar(language)["topic_echoes"])




def invested_in_class(fig: Figure, language: str) -> bool:
    """The figure's verb is an investing one and what it puts money into is a plural company class noun with no name
    right under it (« 200 millions de francs être injectés dans les jeunes pousses de l’économie », "$5.3bn in VC funds
    were invested in the city's fintechs"): a market's total; not "invested in startups like Kalvo"."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    investing = [v for v in [verb, *(k for k in p.children(verb) if p.pos[k] in _VERBAL)]  # « a vu … être injectés »
                 if any(c.label == "INVEST" and c.start <= p.starts[v] < c.end for c in view.cues)]
    return any(_class_after_investee_word(view, v, g) for v in investing)


#: What ends the phrase of the class noun money is put into.
_CLASS_PHRASE_END = re.compile(r"[,;.:()]")
#: Parts of speech that, between the investee word and a class noun, show no class of companies follows (a name, a
#: verb, a number, punctuation).
_CLASS_PHRASE_BREAKS = frozenset({"PROPN", "VERB", "AUX", "PUNCT", "NUM"})
#: Tokens at most between an investee word and the plural class noun it puts money into (« dans les jeunes pousses »,
#: "in the city's fintechs").
CLASS_AFTER_INVESTEE_TOKENS = 4


def _class_after_investee_word(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """Right after the verb, an investee word, then a plural company class noun (a few determiners, adjectives or a
    possessor between), and no name after it before the phrase ends: money put into a class of companies."""
    p = view.parse
    k = verb + 1
    if k >= len(p.pos) or _token_text(view, k).lower() not in g["investee_words"]:
        return False
    for j in range(k + 1, min(k + 2 + CLASS_AFTER_INVESTEE_TOKENS, len(p.pos))):
        if p.pos[j] in _CLASS_PHRASE_BREAKS:
            return False
        if p.pos[j] == "NOUN" and p.plural[j] and p.lemmas[j].lower() in company_nouns(view.language):
            phrase_end = _CLASS_PHRASE_END.search(view.text, p.starts[j] - view.start)
            end = view.start + phrase_end.start() if phrase_end else view.end
            return not any(p.starts[j] < n.start < end for n in [*view.names, *view.investors])
    return False


def _market_subject(fig: Figure, language: str) -> bool:
    """A figure whose verb has a common plural subject or a market word for subject, with no name
    in it: « les start-up françaises ont levé 11,1 milliards », "startups raised $2bn",
    "Investment totalled $764 million": a market figure, not a round; not one a named company raised ("The largest
    investment of 2016 was the $200 million raised by Yuigo.com")."""
    if raised_by_name(fig) or _backed_by_name(fig, language):
        return False
    if _one_round_figure(fig):
        return False  # "Ten corporate investors were part of a $380m series C round": the plural counts who took part
    if _market_agent(fig, language):
        return True
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    for _ in range(MAX_CLAUSE_CLIMB):  # "investment is expected to top $800 million": the subject of the governor
        if any(p.deps[c] in g["subject"] for c in p.children(verb)) or p.deps[verb] not in g["inherit_subject"] \
                or p.heads[verb] == verb or any(p.lemmas[c].lower() in g["own_subject_marks"] or
                                                _token_text(view, c).lower() in g["own_subject_marks"]
                                                for c in p.children(verb) if p.pos[c] == "SCONJ"):
            break  # (not « lorsque X lève 180 M€, les oreilles se dressent »: the clause's subject is its own)
        verb = p.heads[verb]
    market = False
    # every subject ("Details: Kalvo, which ..., raised"): a named one wins; one the parse hangs on the auxiliary too
    # (« L'Égypte a quant à elle levé 4,8 millions »: « Égypte » under « a », the topic's pronoun under « levé »)
    auxiliaries = [k for k in p.children(verb) if p.pos[k] == "AUX"]
    for child in sorted({*p.children(verb), *(k for a in auxiliaries for k in p.children(a))}):
        if p.deps[child] not in g["subject"]:
            continue
        if p.pos[child] == "PRON" and _echoes_topic(view.text[:p.starts[child] - view.start], language):
            continue  # « quant à elle »: the topic's echo, the subject is named before it
        if (p.pos[child] == "PRON" and p.deps[verb] in g["relative"] and p.heads[verb] != verb
                and 0 < child - p.heads[verb] <= RELATIVE_REACH
                and _token_text(view, child).lower() not in _entities()["pronouns"]):
            # (not « annoncé aux investisseurs qu'il souhaitait lever »: a personal pronoun is no relative one, the
            # parse reading the complementizer as one)
            child = p.heads[verb]  # « les jeunes pousses, qui ont levé 2 milliards »: the antecedent
            if _describes_a_name(view, child):
                return False  # "Kalvo Games, a developer of games for mobile devices that scooped up $50 million"
        if fig.mention.start <= p.starts[child] < (fig.unit_end or fig.mention.end):
            continue  # « Doctolib : 170 millions de dollars (150 M€) récoltés »: the figure is its own verb's subject
        if p.pos[child] == "PROPN" and _place_at(view, child):
            # « la France avait battu l'Allemagne avec 5,4 milliards d'euros levés »: a country's, unless a company
            # is named by the figure (« la Tunisie a enregistré une levée de 2 M réalisée par la start-up Med.tn »)
            market = not any(fig.lo <= n.start and n.end <= fig.hi and _company_candidate(view, n)
                             and (n.start > p.starts[child] or _under_figure_phrase(fig, n)) for n in view.names)
            # (after the country, or on the figure's phrase; not « les chiffres de SportsTechX montrent que la France
            # aurait levé 1 milliard », the statistics' source before it)
            continue
        if p.pos[child] != "NOUN" or not (p.plural[child] or p.lemmas[child] in _entities()["market_subjects"]):
            return False
        if not p.plural[child] and _one_deal_on_the_way(fig, verb, g):
            return False  # « L'investissement total s'élève à 15 M€, financés par une levée de fonds de 5,5 M€ »
        if not p.plural[child] and any(p.deps[k] == "det" and p.lemmas[k] in g["demonstrative_determiners"]
                                       for k in p.children(child)):
            return False  # « ce montant pourrait grimper jusqu'à 8 Md$ »: the deal just told
        if (not p.plural[child] and _round_noun(view, child)
                and any(p.lemmas[k] in g["ordinal_words"] for k in p.children(child))):
            return False  # « Une première levée de fonds avait permis de récolter 1,4 M€ »: one deal, ranked
        phrase_end = p.starts[child + 1] if child + 1 < len(p.starts) else view.end
        if _INVESTOR_ANAPHORA.search(view.text[:phrase_end - view.start]):
            return False  # « Ces deux fonds ont soutenu la start-up lors de sa levée »: investors named before
        if child + 1 in p.children(child) and p.pos[child + 1] == "NOUN" and not p.plural[child + 1]:
            return False  # "the payments platform closed $160m": a noun modifier misread as the subject
        subtree = _phrase(p, child)
        opener = min(subtree)
        if (p.pos[opener] == "NUM" or p.lemmas[opener] in g["indefinite_determiners"]) and any(
                _COMMA_ALONE.fullmatch(view.text[n.end - view.start:p.starts[opener] - view.start])
                for n in view.names if n.end <= p.starts[opener]):
            return False  # « Reglo et Tomojo, deux spécialistes des croquettes, ont récolté »: named doers described;
            # not « Selon le cabinet X, les entreprises françaises ont levé », a fronted phrase
        described = {k for d in p.children(child) if p.deps[d] in g["participle"] and p.plural[child] and any(
            p.deps[a] in g["agent"] or p.deps[a] in g["agent_via"] for a in p.children(d)) for k in _phrase(p, d)}
        # "Irish medtechs backed by EIT Health raised €75.3m": the class's backer, the participle's agent
        if any(n.start <= p.starts[k] < n.end for k in subtree if k not in described
               for n in [*[n for n in view.names if not _place_after(view, n) and name_key(n.text) not in _places()
                           and not _opening_modifier(view, n, child)], *view.investors]):
            return False  # a name in the subject; not a place (« les start-up de la région Aura »)
        if any(fig.mention.start <= p.starts[k] < fig.mention.end for k in subtree) and not p.plural[child]:
            return False  # "The $58 million investment made the startup a unicorn": one deal, its own figure
        market = True
    return market


def _under_figure_phrase(fig: Figure, name: Name) -> bool:
    """The name hangs on the noun phrase of the figure (« une levée de 2 M réalisée par la start-up Med.tn », « la
    levée de fonds de 185 millions concrétisée par Alan »): the two share a nominal head a few steps up, not only the
    verb of the clause."""
    view = fig.sentence
    p = view.parse
    if not p.heads:
        return True
    first = min(view.token_at(fig.mention.start), len(p.heads) - 1)
    phrase = {first}
    for k in p.ancestors(first, ONE_DEAL_HEAD_STEPS):
        if p.pos[k] in _VERBAL:
            break  # the clause's verb: the phrase ends below it
        phrase.add(k)
    at = min(view.token_at(name.start), len(p.heads) - 1)
    return bool(phrase & {at, *p.ancestors(at, MAX_HEAD_STEPS)})


#: Steps at most up the dependency tree from a figure to the round noun it measures (« une levée de fonds de 5,5
#: millions »: millions, fonds, levée).
ONE_DEAL_HEAD_STEPS = 3


def _one_deal_on_the_way(fig: Figure, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """Between the figure and its verb stands a singular round noun (a ``round:noun`` cue: « levée », "round"; not
    « financement ») with an indefinite article (« financés par une levée de fonds de 5,5 millions », "funded by a
    round of $5 million"), a few steps up from the figure: the figure measures that one deal, not the market word
    that is the verb's subject."""
    view = fig.sentence
    p = view.parse
    node = min(view.token_at(fig.mention.start), len(p.heads) - 1)
    for _ in range(ONE_DEAL_HEAD_STEPS):
        head = p.heads[node]
        if head in (node, verb):
            return False
        node = head
        if (p.pos[node] == "NOUN" and not p.plural[node]
                and any(c.role == "round:noun" and c.start <= p.starts[node] < c.end for c in view.cues)
                and any(p.deps[k] == "det" and p.lemmas[k].lower() in g["indefinite_determiners"]
                        for k in p.children(node))):
            return True
    return False


def _opening_modifier(view: SentenceView, name: Name, head: int) -> bool:
    """A one-word name opening the sentence before a plural common noun head, one lower-case word or more between
    ("Smart grid companies raised $81 million"): a capitalised modifier of the class, no company's name."""
    p = view.parse
    if not p.plural[head] or " " in name.text.strip() or view.text[view.opening - view.start:name.start - view.start].strip(
            " «\"“'‘"):
        return False
    between = view.text[name.end - view.start:p.starts[head] - view.start].split()
    return name.end <= p.starts[head] and bool(between) and all(w.islower() for w in between)  # not "Yulu bikes, that
    # rent out cycles, raised ₹30 crore"


#: Nouns at most above a figure whose backing participle counts as the figure's (« une levée de fonds de 92 millions de
#: dollars investis par X », the parse hanging « investis » on « fonds »).
BACKED_NOUN_STEPS = 2


def _backed_by_name(fig: Figure, language: str) -> bool:
    """A backing participle under the figure has a name for agent (« 92 millions de dollars investis par Greylock
    Partners », "$5 million invested by Orbix"): one deal's investors, never a market's total, whatever subject the
    parse gives the clause."""
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    if not p.heads:
        return False
    tokens = set(_figure_tokens(fig)[1])
    node = min(tokens)
    for _ in range(BACKED_NOUN_STEPS):  # « une levée de fonds de 92 millions … investis par »: the nouns above it too
        while node in tokens and p.heads[node] != node:
            node = p.heads[node]
        if p.pos[node] != "NOUN" or node in tokens:
            break
        tokens.add(node)
    for k in tokens:
        for part in p.children(k):
            if p.deps[part] not in g["participle"] or p.lemmas[part] not in g["backing_verbs"]:
                continue
            agents = [a for a in p.children(part) if p.deps[a] in g["agent"]]
            agents += [o for via in p.children(part) if p.deps[via] in g["agent_via"] for o in p.children(via)]
            if any(n.start <= p.starts[a] < n.end for a in agents for n in [*view.names, *view.investors]):
                return True
    return False


#: Dependency steps at most from a noun up to the name its apposition describes, prepositions counted ("Kalvo, a
#: developer of games for mobile devices": "devices", "for", "games", "of", "developer", "Kalvo").
APPOSED_NAME_STEPS = 6


def _describes_a_name(view: SentenceView, noun: int) -> bool:
    """The noun stands in an apposition that describes a company named before it ("Kalvo Games, a developer of
    casual games for mobile devices"): up its heads through complements to the apposition, then its name."""
    p = view.parse
    node = noun
    for _ in range(APPOSED_NAME_STEPS):
        head = p.heads[node]
        if head == node:
            return False
        if p.deps[node] == "appos" and head < node:
            return _name_at(view, head, None) is not None
        node = head
    return False


def _collectively_raised(fig: Figure, language: str) -> bool:
    """A figure whose funding verb an adverb of sum qualifies (« elles ont collectivement levé 8,2 milliards »,
    "they collectively raised $2bn", ``grammar.json`` collective_adverbs): several doers' rounds summed."""
    verb = _governing_verb(fig)
    if verb is None or not _round_noun(fig.sentence, verb):
        return False
    p, g = fig.sentence.parse, _grammar(language)
    return any(p.lemmas[k].lower() in g["collective_adverbs"] or _token_text(fig.sentence, k).lower()
               in g["collective_adverbs"] for k in p.children(verb))


#: Dependency steps at most from a place up to the figure or its verb for the place to be where the figure went.
PLACE_CLIMB = 3


def _put_into_place(fig: Figure, language: str) -> bool:
    """A figure put into a country, a region, a city or a whole class of companies, with no company named between
    them and no one raising it by name ("VC funds invested $1.75 billion in Canada", « les fonds ont investi 2
    milliards d'euros en France », "$13 billion was invested in climatetech startups", « Bpifrance a injecté 1,25 milliard
    d'euros dans la numérisation du secteur santé »): what a market received, not a company's round."""
    if fig.owner or raised_by_name(fig):
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    if not p.heads:
        return False
    verb = _governing_verb(fig)
    _, inside = _figure_tokens(fig)
    targets = {verb, *inside} - {None}
    end = fig.unit_end or fig.mention.end
    classes = _entities()["non_investor_classes"]
    for k in range(len(p.pos)):
        if p.starts[k] < end:
            continue
        place = p.pos[k] == "PROPN" and _place_at(view, k)
        word = _token_text(view, k).lower()
        crowd = p.pos[k] == "NOUN" and p.plural[k] and (p.lemmas[k] in classes or word.rstrip("s") in classes)
        sector = p.pos[k] == "NOUN" and any(p.pos[j] == "NOUN" and p.lemmas[j].lower() in _entities()["market_things"]
                                             for j in _genitive_nouns(p, k, g))  # « dans la numérisation du secteur santé »
        if not (place or crowd or sector):
            continue  # "in Canada", "in climatetech startups": a place, or a whole class of companies; or a sector
        marked = any(p.deps[c] == "case" and p.lemmas[c].lower() in g["locative_markers"] for c in p.children(k)) or (
            p.heads[k] != k and p.lemmas[p.heads[k]].lower() in g["locative_markers"])
        if not marked or any(end <= p.starts[j] and p.pos[j] in {"NOUN", "PROPN"} and p.heads[j] != k for j in range(k)):
            continue  # "invested $4 million in the Nigerian firm to produce power in Nigeria": not where the sum went
        phrase = _phrase(p, k)
        if crowd and any(n.start >= end and any(n.start <= p.starts[j] < n.end for j in phrase)
                         and _company_candidate(view, n) for n in view.names):
            continue  # "in startups Kalvo and Orbix", "in two startups, Kalvo and Orbix": named ones
        node = k
        for _ in range(PLACE_CLIMB + 1):
            node = p.heads[node]
            if node in targets:
                return True
            if p.pos[node] in _VERBAL:
                break
    return False


def _genitive_nouns(p: Parse, k: int, g: dict[str, frozenset[str]]) -> list[int]:
    """A noun and its genitive complements (« la numérisation du secteur », "the digitisation of the sector";
    not "the largest investment ever in the industry")."""
    found = [k]
    for c in p.children(k):
        if any(p.deps[d] == "case" and p.lemmas[d].lower() in g["genitive_marks"] for d in p.children(c)):
            found.append(c)  # French: the preposition hangs under its noun
        elif p.lemmas[c].lower() in g["genitive_marks"]:
            found += list(p.children(c))  # English: the preposition heads its noun
    return found


#: Words at most (adjectives, participles) between a number and the noun it counts ("20 disclosed deals").
COUNTED_NOUN_GAP = 2
#: Parts of speech that may stand between a number and the noun it counts.
_COUNT_GAP_POS = frozenset({"ADJ", "VERB"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: The word joining a counting noun to what it counts (« une dizaine d'entreprises », "a dozen of").
_COUNT_OF = frozenset({"de", "d'", "d’", "of"})


def _bracket_counts_deals(fig: Figure) -> bool:
    """The figure's bracket pairs it with a count of deals (« le secteur Beauté, Santé (37 millions d'euros, 11
    levées) », "Fintech ($370 million, 45 deals)"): the sum of a class of rounds, whatever names the class."""
    view, p = fig.sentence, fig.sentence.parse
    aside = _aside_at(view, fig.mention.start)
    if aside is None or not p.pos:
        return False
    counted = _entities()["counted_nouns"]
    for k in range(len(p.pos) - 1):
        if not fig.mention.end <= p.starts[k] < aside[1]:
            continue
        word = _token_text(view, k)
        if ((p.pos[k] == "NUM" or word.isdigit()) and not _YEAR.match(word)
                and (p.lemmas[k + 1].lower() in counted or _token_text(view, k + 1).lower() in counted)):
            return True
    return False


def _counted_deals(fig: Figure, language: str) -> bool:
    """A figure whose clause counts deals or companies and names none: « trente-trois levées pour 176
    millions », "64 companies raised at least $100,000 each", « 17 ont levé plus d'un million », "across 20
    disclosed deals": a market figure, not one company's round."""
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    if _bracket_counts_deals(fig):
        return True
    if not p.pos or any(fig.lo <= n.start and n.end <= fig.mention.start and _company_candidate(view, n)
                        for n in view.names):
        return False  # a company named before the figure (names after it, in brackets, are examples of the class)
    if _one_round_figure(fig):
        return False  # "two funding rounds in 2019, a $120 million Series B in November, …": one of the rounds counted
    taken = [(m.start, m.end) for m in view.money] + [(d.start, d.end) for d in view.dates]
    counted = _entities()["counted_nouns"]
    for k, pos in enumerate(p.pos):
        start = p.starts[k]
        if not fig.lo <= start < fig.hi or any(a <= start < b for a, b in taken):
            continue
        word = _token_text(view, k)
        count_noun = p.lemmas[k].lower() in _entities()["count_nouns"]  # « une dizaine d'entreprises »
        if not (pos == "NUM" or word.isdigit() or count_noun) or _YEAR.match(word) or word.lower() in {"un", "une", "one", "a"}:
            continue
        if p.deps[k] in g["subject"]:
            return True  # « parmi elles, 17 ont levé plus d'un million »
        for j in range(k + 1, min(k + 2 + COUNTED_NOUN_GAP, len(p.pos))):
            word = _token_text(view, j).lower()
            if p.lemmas[j].lower() in counted or word in counted:
                if _behind_preposition(p, j) and not (count_noun and _token_text(view, j - 1).lower() in _COUNT_OF):
                    break  # « levé 12 millions en deux opérations »: how one doer raised it
                return True  # « trente-trois levées », the noun read as a verb or not
            if p.pos[j] not in _COUNT_GAP_POS and not (p.pos[j] == "NOUN" and p.deps[j] in g["noun_modifier"]) \
                    and not _round_noun(view, j) and not (count_noun and word in _COUNT_OF):
                break  # "15 funding rounds": a noun modifier, or a round word, may stand between too
    return False


#: A singular indefinite article right before a figure (« une », "a"): the figure sizes one thing.
_ONE_THING_BEFORE = re.compile(r"(?:^|\s)(?:an?|une?)\s+$", re.IGNORECASE)


def _one_round_figure(fig: Figure) -> bool:
    """A figure between a singular indefinite article and a round noun ("a $120 million Series B", « un tour de 5 M€ »
    aside): the size of one round."""
    view, m = fig.sentence, fig.mention
    end = fig.unit_end or m.end
    return (_ONE_THING_BEFORE.search(view.text[max(0, m.start - view.start - 5):m.start - view.start]) is not None
            and any(c.label == "ROUND" and c.role == "round:noun" and (
                0 <= c.token_start - view.token_at(max(m.start, end - 1)) <= 1
                or _label_alone(view.text[end - view.start:c.start - view.start])) for c in view.cues))


def _label_alone(text: str) -> bool:
    """Text that is one round label and nothing else ("a $380m series C round": "series C")."""
    return is_round_label(text.strip())


def _market_valued(fig: Figure, language: str) -> bool:
    """A value whose verb has a market word or deals in the plural for subject, with no name in it ("He expects
    the market to be worth over $70 billion", "The archipelago's internet economy was worth $40 billion", "Fintech
    deals were worth €610 million"): a market's size, no company's valuation."""
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    if not p.heads:
        return False
    node = min(view.token_at(fig.mention.start), len(p.heads) - 1)
    for _ in range(MAX_HEAD_STEPS):
        head = p.heads[node]
        if head == node:
            break
        node = head
        if p.pos[node] not in {"VERB", "AUX"}:
            continue
        things = _entities()["market_things"]
        if p.deps[node] in g["relative"] and p.lemmas[p.heads[node]].lower() in things:
            return True  # « ce marché, dont la valeur est estimée à plus de 1 000 milliards »: the market's worth
        if any(p.pos[k] == "PRON" and p.lemmas[k].lower() in _entities()["relative_openers"]
               and any(p.lemmas[j].lower() in things for j in range(max(0, k - 2), k)) for k in p.children(node)):
            return True  # the same, the parser hanging the relative clause elsewhere
        for child in p.children(node):
            market_thing = p.lemmas[child].lower() in _entities()["market_things"]
            deals = p.plural[child] and (_round_noun(view, child) or p.lemmas[child].lower() in _entities()[
                "counted_nouns"])  # "Fintech deals were worth €610 million"
            if p.deps[child] in g["subject"] and p.pos[child] == "NOUN" and (market_thing or deals) and not any(n.start <= p.starts[k] < n.end for k in _subtree(p, child)
                                                   for n in [*view.names, *view.investors] if _company_name(n)):
                return True
        governor = p.heads[node]
        if p.deps[node] not in g["inherit_subject"] or any(
                p.deps[k] in g["object"] or p.pos[k] == "PROPN" for k in p.children(governor)):
            return False  # "a market that is estimated by Nomura to be worth $23 billion": up to « estimated » first;
            # not « a permis à Vinted d'atteindre une valorisation de 5 Md€ », whose doer is the object
    return False


def valued_class(fig: Figure, language: str) -> bool:
    """A value under a participle that describes a plural common noun, no name in its phrase ("home to 20 start-ups
    valued at more than $1 billion", « des start-up valorisées à plus d'un milliard »): the floor of a class of
    companies, no company's valuation."""
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    verb = _governing_verb(fig)
    if verb is None or (p.deps[verb] not in g["participle"] and p.deps[verb] != "amod"):
        return False
    if p.finite[verb] or p.lemmas[verb].lower() not in g["valuing_verbs"]:
        return False  # a valuing participle only ("valued", « valorisées »), not "in talks to raise … at a valuation"
    if _token_text(view, verb).lower().endswith(tuple(g["present_participle_endings"])):
        return False  # « lever de nouveaux fonds, la valorisant ainsi 100 milliards »: what the raise does
    noun = p.heads[verb]
    if noun == verb or p.pos[noun] != "NOUN" or not p.plural[noun] or _round_noun(view, noun):
        return False
    partitive = p.heads[noun]  # "one of the first startups valued at over $1 billion": that one's valuation
    if p.lemmas[p.heads[partitive]].lower() in g["partitive_heads"] or p.lemmas[partitive].lower() in g["partitive_heads"]:
        return False
    return not any(n.start <= p.starts[k] < n.end for k in _subtree(p, noun) for n in view.names if _company_name(n))


def _sum_of_rounds(fig: Figure, language: str) -> bool:
    """A figure whose clause has for subject the sum of rounds in the plural (« Le montant de ces levées est de
    4,7 milliards d'euros », "The total value of these rounds was $4.7 billion"): a sum of deals, not one round."""
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    sums = _entities()["sum_nouns"]
    for cue in view.cues:
        if cue.label != "ROUND" or not fig.lo <= cue.start < fig.hi:
            continue
        k = view.token_at(cue.start)
        if k >= len(p.heads) or not (p.plural[k] or view.text[cue.start - view.start:cue.end - view.start].endswith("s")):
            continue
        head = p.heads[k]
        if p.pos[head] == "ADP" and p.heads[head] != head:
            head = p.heads[head]  # "the value of these rounds": the noun above "of"
        if head != k and p.lemmas[head].lower() in sums and p.deps[head] in g["subject"]:
            return True
    return False


def _behind_preposition(p: Parse, i: int) -> bool:
    """A noun governed by a preposition: its ``case`` dependent (French) or a ``prep`` head (English)."""
    return any(p.deps[c] == "case" for c in p.children(i)) or (p.deps[i] == "pobj" and p.heads[i] != i)


def _place_at(view: SentenceView, i: int) -> bool:
    """The name holding token ``i`` is a country, a continent or a region (« la France », "Europe")."""
    start = view.parse.starts[i]
    covering = [n for n in view.names if n.start <= start < n.end]
    if covering:
        return any(name_key(n.text) in _places() for n in covering)
    word = _token_text(view, i)  # "Seattle and Southern California also got": no name read; not a dateline's "SEOUL"
    return not word.isupper() and name_key(word) in _places()


def _market_agent(fig: Figure, language: str) -> bool:
    """A figure described by a participle whose agent is a common plural noun with no name in it:
    "the $41 million raised last week by the Indian startups", « les 2 milliards levés par les
    jeunes pousses françaises »: a market figure, not a round. A name read on an adjective
    ("Indian") is no company."""
    view, g = fig.sentence, _grammar(language)
    p, m = view.parse, fig.mention
    if not p.heads:
        return False
    span = range(view.token_at(m.start), min(view.token_at(max(m.start, (fig.unit_end or m.end) - 1)) + 1, len(p.heads)))
    participles = [c for k in span for c in p.children(k) if p.deps[c] in g["participle"] and p.pos[c] in _VERBAL]
    for verb in participles:
        agents = [c for c in p.children(verb) if p.deps[c] in g["agent"]] + [
            d for c in p.children(verb) if p.deps[c] in g["agent_via"] for d in p.children(c)]
        if not agents and _period_sum(fig, verb, span):
            return True
        for agent in agents:
            if p.pos[agent] != "NOUN" or not (p.plural[agent] or p.lemmas[agent] in _entities()["market_subjects"]):
                continue
            subtree = _phrase(p, agent)
            nominal = [k for k in subtree if p.pos[k] in {"NOUN", "PROPN"}]
            if not any(n.start <= p.starts[k] < n.end for k in nominal for n in [*view.names, *view.investors]):
                return True
    return False


def _period_sum(fig: Figure, verb: int, span: range) -> bool:
    """A figure under a definite determiner, described by a funding participle with no agent and a date
    of its own, in a sentence naming no one (« Après les 741 M€ levés en octobre, ... », "the $2 billion
    raised in the third quarter"): what everyone raised in that period, a market figure."""
    view, p = fig.sentence, fig.sentence.parse
    start = p.starts[verb]
    if not (_round_noun(view, verb) or any(c.label == "INVEST" and c.start <= start < c.end for c in view.cues)):
        return False
    if any(_company_candidate(view, n) for n in view.names) or view.investors:
        return False
    g = _grammar(view.language)
    owned = [k for k in span for c in p.children(k) if p.pos[c] == "DET" and p.lemmas[c] in g["definite_determiners"]]
    verb_end = view.token_ends[verb]
    dated = any(verb_end <= d.start and d.start - verb_end <= PERIOD_REACH for d in view.dates)
    year_part = any(p.lemmas[k].lower() in g["year_part_nouns"] or _PERIOD_LABEL.match(_token_text(view, k))
                    for k in range(verb + 1, min(verb + 1 + YEAR_PART_REACH, len(p.pos))))
    return bool(owned) and (dated or year_part)


#: Characters at most between a funding participle and the date that says when the sum was raised (« levés en »).
PERIOD_REACH = 8
#: Tokens at most between a funding participle and the part of a year it names ("invested in the first half").
YEAR_PART_REACH = 4


@functools.cache
def _coordination_gap() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _grammar("fr")["coordinating_words"] | _grammar("en")["coordinating_words"]),
                            key=len, reverse=True))
    return re.compile(rf"\s*(?:,\s*(?:(?:{words})\s+)?|(?:{words})\s+)", re.IGNORECASE)


def names_coordinated_by(gap: str) -> bool:
    """The text between two names only coordinates them: a comma, a coordinating word (``grammar.json``
    coordinating_words of both languages), or both (« Rise Up, eKwateur et Ouihelp », "A, B, and C")."""
    return _coordination_gap().fullmatch(gap) is not None


def _company_right_before(view: SentenceView, at: int, person_ok: bool = False) -> list[Name]:
    """The company names ending at most two characters before offset ``at`` (the name a relative pronoun follows)."""
    return [n for n in view.names if n.end <= at and at - n.end <= 2 and _company_candidate(view, n, person_ok=person_ok)]


def _relative_owner(fig: Figure, subject: str | None) -> str | None:
    """The name a relative clause holding the figure describes: "Quillby, dont la valorisation
    atteint 800 millions d'euros", "Kalvo, which raised $10 million"."""
    view = fig.sentence
    head = view.text[fig.lo - view.start:fig.mention.start - view.start]
    matches = list(_relative_after_name().finditer(head))
    if not matches or _enabled_figure(fig):
        return None
    for later in reversed(matches[1:] if fig.role == "round" else []):
        # « Wayve, qui a clôturé un tour de table, et Isar Aerospace, qui a levé 150 millions »: the nearer clause
        # holding a round, when a company stands right before its pronoun (the round's doer, whatever the NER's type)
        at = fig.lo + later.start()
        if (_relative_governs(fig, fig.lo + later.end() - 1)
                and not _relative_on_figure(fig, fig.lo + later.end() - 1)
                and (named := _company_right_before(view, at, person_ok=True))
                and not any(names_coordinated_by(view.text[n.end - view.start:named[-1].start - view.start])
                            for n in view.names if n.end <= named[-1].start)):  # « Adionics et Loisirs Enchères qui
            # ont chacun levé »: the relative clause describes every name of the coordination
            return subject if _is_subject(named[-1].text, subject) else named[-1].text.strip()
    match = matches[0]
    at = fig.lo + match.start()
    if not _relative_governs(fig, fig.lo + match.end() - 1) or _relative_on_figure(fig, fig.lo + match.end() - 1):
        return None
    if _participle_with_object(view, fig.lo + match.end()):
        return None  # "The round, led by QED, valued Kalvo at $750 million": Kalvo's value, not QED's
    if fig.role == "investment" and view.parse.heads and view.parse.lemmas[_relative_verb(
            view, fig.lo + match.end() - 1)] in _grammar(view.language)["investing_lemmas"]:
        return None  # "the Orbix Foundation, which has invested $1 million into the company": the investor, no owner
    if view.parse.heads and _values_described_company(
            view, view.parse.heads[min(view.token_at(fig.lo + match.end() - 1), len(view.parse.heads) - 1)],
            _grammar(view.language)):
        return None  # "…, led by Orbix and Tekora, which values the company at $100 million": the company told of
    if owned := _whose_class_noun_name(view, fig.lo + match.end(), fig.mention.start, subject):
        return owned  # "Markus Villig, whose taxi-app startup, Taxify, … raised €1.4m": the startup's round
    named = _company_right_before(view, at)
    if not named or _is_subject(named[-1].text, subject):
        return subject if named else None
    return named[-1].text.strip()


def _participle_with_object(view: SentenceView, opener_end: int) -> bool:
    """The opener that ends at ``opener_end`` is a verb whose object, a name, follows it: the sentence's own verb
    ("…, led by QED, valued Kalvo at $750 million"), not a participle describing the name before it ("Kalvo, valued
    at $1 billion")."""
    p = view.parse
    if not p.pos:
        return False
    if p.pos[min(view.token_at(opener_end - 1), len(p.pos) - 1)] not in _VERBAL:
        return False
    rest = view.text[opener_end - view.start:]
    next_at = opener_end + len(rest) - len(rest.lstrip())
    return any(n.start == next_at for n in view.names)


def _relative_verb(view: SentenceView, pronoun_at: int) -> int:
    """The verb of the relative clause opened at ``pronoun_at``: up the parse from the pronoun to the
    first verb (« dont la valorisation atteint »). The sentence must have a parse."""
    p = view.parse
    verb = min(view.token_at(pronoun_at), len(p.heads) - 1)
    for _ in range(MAX_HEAD_STEPS):
        if p.pos[verb] in _VERBAL or p.heads[verb] == verb:
            break
        verb = p.heads[verb]
    return verb


def _relative_on_figure(fig: Figure, pronoun_at: int) -> bool:
    """The parse hangs the relative clause opened at ``pronoun_at`` on another figure of the sentence, not on
    the name before the pronoun ("raised $568 million from Rocket Internet, which values the business at
    $2 billion": the raise values the business, not the investor)."""
    view = fig.sentence
    p = view.parse
    if not p.heads:
        return False
    verb = _relative_verb(view, pronoun_at)
    antecedent = p.heads[verb]
    return antecedent != verb and any(
        m is not fig.mention and m.start <= p.starts[antecedent] < m.end for m in view.money)


def _relative_governs(fig: Figure, pronoun_at: int) -> bool:
    """The relative clause opened at ``pronoun_at`` holds the figure by the parse: the clause's verb is
    above the figure. Not so in "X worked with Y, which raises capital ..., and has now raised £745k",
    where the figure's verb is coordinated with the main clause (X's). True without a parse."""
    view = fig.sentence
    p = view.parse
    if not p.heads:
        return True
    verb = _relative_verb(view, pronoun_at)
    node = min(view.token_at(fig.mention.start), len(p.heads) - 1)
    for _ in range(MAX_HEAD_STEPS):
        if node == verb:
            return True
        if p.heads[node] == node:
            return False
        node = p.heads[node]
    return True


#: Tokens at most between the mark of a bringing verb ("to", « à ») and the figure after it: a hedge
#: ("to more than $200 million").
BRINGING_MARK_REACH = 3
#: Tokens at most between a bringing verb and its mark ("brings the amount invested by VC firms into
#: Flexport to").
BRINGING_VERB_REACH = 12
#: Tokens after the figure read for what is brought up, when it follows (« porte à 60 M€ sa série B »).
BROUGHT_AFTER = 4


def _brought_to(fig: Figure, language: str) -> bool:
    """A figure that a verb of bringing takes a sum to: "brings the amount invested by VC firms into
    Flexport to more than $200 million", « porte à 14,6 millions $ le total des fonds mobilisés »: a
    total to date, not a round, unless what is brought up is a round itself ("brings the Series B to
    $60 million"). Read on the words, not the parse: the parser hangs "to" on the nearest verb."""
    view, m = fig.sentence, fig.mention
    p, g = view.parse, _grammar(language)
    if (bringing := _bringing(fig, language)) is None:
        return False
    verb, mark = bringing
    if any(p.lemmas[k].lower() in g["value_nouns"] for k in range(verb + 1, mark)):
        return False  # « portant sa valeur à 750 millions de dollars »: a value, no sum raised (``brought_to_value``)
    if verb > 0 and p.lemmas[verb - 1].lower() in g["reflexive_pronouns"] and _opens_with_round_noun(p, verb, g):
        return False  # « la levée de fonds de Nio s’élève à un milliard »: the round itself amounts to it
    end = min(view.token_at(max(m.start, m.end - 1)) + 1 + BROUGHT_AFTER, len(p.lemmas))
    brought_total = any(c.label == "TOTAL" and verb < c.token_start < mark for c in view.cues)
    if not brought_total and any(p.lemmas[k].lower() in g["round_total_words"] for k in range(verb + 1, end)):
        return False  # "brings the Series B to $60 million"; not "brings its total financing to $9.9m in the Series A"
    return not any(view.token_at(o.start) in range(verb, mark) for o in view.money)


def _bringing(fig: Figure, language: str) -> tuple[int, int] | None:
    """The bringing verb and the mark before the figure (« porte … à », "brings … to"), as token indices, if any."""
    view, m = fig.sentence, fig.mention
    p, g = view.parse, _grammar(language)
    if not p.lemmas:
        return None
    at = min(view.token_at(m.start), len(p.lemmas) - 1)
    mark = next((k for k in range(at - 1, max(-1, at - 1 - BRINGING_MARK_REACH), -1)
                 if p.lemmas[k].lower() in g["bringing_marks"]), None)
    if mark is None:
        return None
    verb = next((k for k in range(mark - 1, max(-1, mark - 1 - BRINGING_VERB_REACH), -1)
                 if p.lemmas[k].lower() in g["bringing_verbs"]), None)
    return None if verb is None else (verb, mark)


def brought_to_value(fig: Figure, language: str) -> bool:
    """A figure that a verb of bringing takes a company's value to (« portant sa valeur à 750 millions de dollars »,
    "taking its value to $750 million"; grammar ``value_nouns``): a valuation."""
    if (bringing := _bringing(fig, language)) is None:
        return False
    verb, mark = bringing
    p, g = fig.sentence.parse, _grammar(language)
    return any(p.lemmas[k].lower() in g["value_nouns"] for k in range(verb + 1, mark))


def _opens_with_round_noun(p: Parse, verb: int, g: dict) -> bool:
    """The clause before a verb opens on a round's noun (« La dernière levée de fonds de X s’élève
    à … »), not on a total's (« Le total des fonds levés s’élève à … »). Read on the words: the
    parser often takes the company's name for the subject."""
    start = next((k + 1 for k in range(verb - 1, -1, -1) if p.pos[k] == "PUNCT" and p.lemmas[k] in _CLAUSE_MARKS), 0)
    first_noun = next((k for k in range(start, verb) if p.pos[k] in {"NOUN", "PROPN"}), None)
    return first_noun is not None and p.lemmas[first_noun].lower() in g["round_total_words"]


#: Punctuation that opens a clause for :func:`_opens_with_round_noun`.
_CLAUSE_MARKS = frozenset({",", ";", ":", "(", "—", "–"})


#: Clauses at most climbed from a lead verb without a subject to the verb that has one ("X is in talks to lead a
#: round"), and the relations of such a clause to its governor.
LEAD_SUBJECT_CLIMB = 2
_CLAUSE_LINKS = frozenset({"advcl", "xcomp", "acl"})


def subject_holder(p: Parse, verb: int, g: dict[str, frozenset[str]]) -> int:
    """The verb whose subject is a subjectless verb's doer, climbing at most ``LEAD_SUBJECT_CLIMB`` clause links
    ("Uber is in talks to back Moove": the subject of "is")."""
    holder = verb
    for _ in range(LEAD_SUBJECT_CLIMB):
        if any(p.deps[c] in g["subject"] for c in p.children(holder)) or p.deps[holder] not in _CLAUSE_LINKS:
            break
        infinitive = any(p.pos[k] == "PART" or p.deps[k] == "mark" for k in p.children(holder))
        holder = p.heads[holder]
        if infinitive and p.deps[holder] in g["prepositional_object"]:
            # "in talks to back": an infinitive on a preposition's noun; not "rounds led by X", a participle
            holder = p.heads[p.heads[holder]] if p.deps[p.heads[holder]] == "prep" else p.heads[holder]
    return holder


def backer_starts(view: SentenceView, lead_subjects: bool = False) -> set[int]:
    """The article offsets of the tokens that are the subject of a backing verb (``grammar.json``
    ``backing_verbs``: "Fidelity and Credit Suisse previously backed a $130m series D", or ``leading_verbs``), with the names
    coordinated with them: investors, never the company of the sentence's figure."""
    p = view.parse
    if not p.heads:
        return set()
    g = _grammar(view.language)
    starts: set[int] = set()
    for verb, lemma in enumerate(p.lemmas):
        # "Harrow is leading a $5m round in a startup"; with ``lead_subjects``, in a sentence without a figure too
        # ("Atlas Innovate led the funding round with B")
        leading = lemma in g["leading_verbs"] and (bool(view.money) or lead_subjects)
        investing = any(c.label == "INVEST" and c.start <= p.starts[verb] < c.end for c in view.cues)
        joining = lemma in g["joining_lemmas"]  # « A et B se sont joints à C pour lever 54 M€ »
        if (lemma not in g["backing_verbs"] and not leading and not investing and not joining) or p.pos[verb] not in _VERBAL:
            continue  # "Existing backers, including A and B, have committed $700 million": A and B invest
        holder = verb
        if leading or lemma in g["backed_object_verbs"]:  # "Fidelity is in advanced talks to lead a round", "Uber
            holder = subject_holder(p, verb, g)  # is in talks to back Moove"
        # « A et B se sont joints à C »: a subject the parse hangs on the verb's auxiliary is the verb's
        for child in [k for h in (holder, *(a for a in p.children(holder) if p.pos[a] == "AUX")) for k in p.children(h)]:
            if p.deps[child] in g["subject"] and not (leading and any(
                    _round_noun(view, t) or _in_figure(view, t) for t in _subtree(p, child))):
                # not "HotChalk's $230M financing led the pack": a round leads nothing
                for k in _coordinated(p, child, g):
                    starts.update(p.starts[t] for t in _subtree(p, k))
    return starts


def _phrase(p: Parse, i: int) -> list[int]:
    """Token ``i`` and the tokens under it down to ``SUBJECT_DEPTH`` levels: the noun phrase it heads, as far as a
    name or a class noun hangs in it ("the Melbourne-based payments platform Airwallex")."""
    phrase, frontier = [i], [i]
    for _ in range(SUBJECT_DEPTH):
        frontier = [k for node in frontier for k in p.children(node)]
        phrase += frontier
    return phrase


def _subtree(p: Parse, i: int) -> list[int]:
    """Token ``i`` and every token under it."""
    found, frontier = [i], [i]
    while frontier:
        frontier = [k for node in frontier for k in p.children(node)]
        found += frontier
    return found
