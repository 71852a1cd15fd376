"""Whose figure it is, from the dependency parse: the doer of its verb, the possessor of its round noun, the company an investor puts money into."""

from __future__ import annotations

import re
from functools import cache

from analysis.extract.discourse import words_of
from analysis.extract.drafts import Figure
from analysis.extract.names import (
    _appositive_after,
    _company_candidate,
    _described_names,
    _is_subject,
    _known_investor,
    investors_after,
)
from analysis.extract.sentences import Parse, SentenceView
from analysis.extract.vocabulary import (
    _VERBAL,
    MAX_CLAUSE_CLIMB,
    MAX_HEAD_STEPS,
    SUBJECT_DEPTH,
    _entities,
    _grammar,
    _relative_after_name,
)


def _conjuncts(parse: Parse, i: int) -> list[int]:
    """A token and the tokens coordinated with it ("A, B, C and D")."""
    chain, frontier = [i], [i]
    while frontier:
        frontier = [k for node in frontier for k in parse.children(node) if parse.deps[k] == "conj"]
        chain += frontier
    return chain


def _name_at(view: SentenceView, i: int, subject: str | None, doer: bool = False) -> str | None:
    """The company name covering token ``i``, or named under it when ``i`` is a common noun
    ("la start-up Cooptalis"); the article's subject keeps its own spelling. ``doer``: the name is
    the subject of a funding verb, a company even when the NER calls it a person ("Pure Harvest
    bags $150 million")."""
    p = view.parse
    tokens = [i, *(k for k in p.children(i) if p.deps[k].startswith(("flat", "compound")))]
    for k in tokens:  # "Rivian Automotive Inc." (the name ends before the stop); "The Exploration Company"
        start = p.starts[k]
        for name in view.names:
            if name.start <= start < name.end:
                if _is_subject(name.text, subject):
                    return subject
                return name.text.strip() if _company_candidate(view, name, doer) else None
    return None


def _named_noun(view: SentenceView, i: int, subject: str | None, g: dict[str, frozenset[str]], doer: bool = False,
                ) -> str | None:
    found = _name_at(view, i, subject, doer)
    if found is None and view.parse.pos[i] == "NOUN":
        for child in view.parse.children(i):
            if view.parse.deps[child] in g["naming"] and (found := _name_at(view, child, subject)):
                break
    if found is None and view.parse.pos[i] in {"NOUN", "PROPN", "X"}:
        start = view.parse.starts[i]  # « par la firme flamande Auro Technologies », whatever the parse made of it
        named = next((n for s, e, n in _described_names(view) if (s <= start < e or n.start <= start < n.end)
                      and _company_candidate(view, n)), None)
        if named is not None:
            found = subject if _is_subject(named.text, subject) else named.text.strip()
    return found


def _investee(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The company an investor puts money into: "Accel invested in Norvane", « investit dans X »,
    "Stripe led an $8m round in Paystack" (under the verb or its round noun)."""
    p = view.parse
    heads = [verb, *(k for k in p.children(verb) if _round_noun(view, k))]
    for child in (k for head in heads for k in p.children(head)):
        words = [view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
                 for k in [child, *p.children(child)]]
        if words[0] in g["investee_words"]:  # English: the preposition heads its object
            for obj in p.children(child):
                if found := _named_noun(view, obj, subject, g):
                    return found
        elif any(w in g["investee_words"] for w in words[1:]) and (found := _named_noun(view, child, subject, g)):
            return found  # French: the preposition hangs under its object
    return None


def _doer(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]], climb: int = 0,
          ) -> str | None:
    """The company a verb's figure belongs to: its subject or agent (or, when the subject is an
    investor, the company it invests in); for a clause without subject, that of its governor."""
    p = view.parse
    verb_start = p.starts[verb]
    investing_verb = any(c.label in {"INVEST", "LEAD"} and c.start <= verb_start < c.end for c in view.cues) or (
        p.lemmas[verb] in g["investing_lemmas"])
    if investing_verb:
        # « Crédit Agricole a investi 47 M€ dans Blank », "Fidelity previously backed a $130m series D":
        # the doer invests; the company is the investee, the round's possessor, or the sentence's.
        return _investee(view, verb, subject, g) or _object_possessor(view, verb, subject, g)
    valuing = any(c.label == "VALUATION" and c.start <= verb_start < c.end for c in view.cues)
    if valuing:  # « ... valoriserait Hyzon Motors à 200 millions »: the valued company is the object
        for child in p.children(verb):
            if p.deps[child] in g["object"] and (found := _named_noun(view, child, subject, g)):
                return found
        if not any(p.deps[k] in g["passive_subject"] for k in p.children(verb)):
            return None  # "which values the business", « L'opération la valorise »: not its subject's
    had_subject = False
    for child in p.children(verb):  # the parse may give two subjects ("pay-as-you-go solar pioneer d.light")
        dep = p.deps[child]
        if dep in g["subject"] or dep in g["agent"]:
            had_subject = True
            doer = _named_noun(view, child, subject, g, doer=_round_noun(view, verb))
            investor_subject = any(n.start <= p.starts[child] < n.end for n in view.investors) or _investor_token(
                view, child)
            if doer is None and investor_subject:
                return _investee(view, verb, subject, g)
            if (doer is None and p.pos[child] == "PRON" and p.deps[verb] in g["reported_clause"]
                    and climb < MAX_CLAUSE_CLIMB and p.heads[verb] != verb):
                return _doer(view, p.heads[verb], subject, g, climb + 1)  # "SenseTime said it raised ..."
            if doer is not None:
                return doer
        elif dep in g["agent_via"]:
            for obj in p.children(child):
                return _named_noun(view, obj, subject, g)
    if had_subject:
        return None
    if p.deps[verb] in g["relative"]:
        return _named_noun(view, p.heads[verb], subject, g)
    if p.deps[verb] in g["inherit_subject"] and climb < MAX_CLAUSE_CLIMB and p.heads[verb] != verb:
        return _doer(view, p.heads[verb], subject, g, climb + 1)
    if _infinitive(view, verb, g) and climb < MAX_CLAUSE_CLIMB:  # « X vient en effet de lever », "X plans to raise"
        governor = _governing_verb_of(view, verb)
        if governor is not None:
            return _doer(view, governor, subject, g, climb + 1)
    return None


def _investing_doers(view: SentenceView, language: str) -> set[int]:
    """Start offsets of the names that are the subject of an investing verb, with the names
    coordinated with them ("Fidelity and Credit Suisse previously backed a $130m series D")."""
    p, g = view.parse, _grammar(language)
    found: set[int] = set()
    for verb in range(len(p.heads)):
        start = p.starts[verb]
        if p.pos[verb] not in _VERBAL or not (p.lemmas[verb] in g["investing_lemmas"] or any(
                c.label in {"INVEST", "LEAD"} and c.start <= start < c.end for c in view.cues)):
            continue
        for child in p.children(verb):
            if p.deps[child] in g["subject"]:
                found.update(p.starts[k] for k in _conjuncts(p, child))
    return {n.start for n in view.names if any(n.start <= s < n.end for s in found)}


def _object_possessor(view: SentenceView, verb: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    """The possessor of an investing verb's round noun: "Stripe led Paystack's round"."""
    p = view.parse
    for obj in p.children(verb):
        if p.deps[obj] in g["object"] and _round_noun(view, obj):
            for child in p.children(obj):
                if p.deps[child] in g["possessor"] and (owner := _name_at(view, child, subject)):
                    return owner
    return None


def _infinitive(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """A verb introduced by an infinitive marker (« de lever », « à lever », "to raise")."""
    p = view.parse
    return any(p.deps[k] in {"mark", "aux"} and view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
               in g["infinitive_markers"] for k in p.children(verb) if k < verb)


def _governing_verb_of(view: SentenceView, i: int) -> int | None:
    """The first verb above token ``i`` (through nouns: « vient en effet de lever »)."""
    p = view.parse
    node = i
    for _ in range(3):
        head = p.heads[node]
        if head == node:
            return None
        node = head
        if p.pos[node] in _VERBAL:
            return node
    return None


def _investor_token(view: SentenceView, i: int) -> bool:
    start = view.parse.starts[i]
    return any(n.start <= start < n.end and _known_investor(n.text) for n in view.names)


def _grammatical_company(fig: Figure, subject: str | None, language: str) -> str | None:
    """Whose figure the parse says it is: up from the figure to the first verb (its doer) or to a
    round noun with a possessor ("la levée de Norvane", "Aleph Alpha's round")."""
    view, m = fig.sentence, fig.mention
    p, g = view.parse, _grammar(language)
    if not p.heads:
        return None
    first = min(view.token_at(m.start), len(p.heads) - 1)
    inside = set(range(first, min(view.token_at(max(m.start, m.end - 1)), len(p.heads) - 1) + 1))
    if found := _participle_agent(view, inside, subject, g, any_participle=fig.role == "round"):
        return found
    for node in sorted(inside):  # « la levée de 150 M€ de The Exploration Company », "Aleph Alpha's $500 million"
        for child in p.children(node):
            if child not in inside and p.deps[child] in g["possessor"] and _bare_genitive(view, m.end, child) and (
                    owner := _name_at(view, child, subject)):
                return owner
    node = first
    for _ in range(MAX_HEAD_STEPS):
        head = p.heads[node]
        if head == node:
            break
        node = head
        if node in inside:
            continue
        if p.pos[node] in _VERBAL:
            return _doer(view, node, subject, g)
        if not _round_noun(view, node):
            continue  # only a round noun's possessor owns the figure (not « la conversion d'OC du tour »)
        if found := _investee(view, node, subject, g):  # "an $8m series A round in Paystack"
            return found
        for child in p.children(node):
            if p.deps[child] in g["possessor"] and child not in inside and (owner := _name_at(view, child, subject)):
                return owner
    return None


@cache
def _bare_genitive_gap() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{words_of('bare_genitives')}\s*)?$|^['’]s\s*$", re.IGNORECASE)


def _bare_genitive(view: SentenceView, figure_end: int, i: int) -> bool:
    """A name right after its figure and « de » / "of" (« 150 M€ de The Exploration Company »), or
    a possessive before it: not « 12,8 millions de la CDPQ », where the article marks a source."""
    start = view.parse.starts[i]
    gap = view.text[figure_end - view.start:start - view.start] if start >= figure_end else view.text[
        view.token_ends[i] - view.start:view.token_ends[i] - view.start + 2]
    return _bare_genitive_gap().match(gap) is not None


def _participle_agent(view: SentenceView, inside: set[int], subject: str | None,
                      g: dict[str, frozenset[str]], any_participle: bool = False) -> str | None:
    """The agent of a funding participle under the figure: « les 7 millions d'euros levés par le
    groupe Sergic », "the $5 million raised by Kalvo"; with ``any_participle`` (a round figure),
    of any participle (« le record de 100 millions d'euros établi par la start-up Sigfox »). An
    agent the parse hangs elsewhere still counts by its preposition (« levés en Chine par la firme
    flamande Auro Technologies »)."""
    p = view.parse
    for node in sorted(inside):
        for verb in p.children(node):
            if p.deps[verb] not in g["participle"] or p.pos[verb] not in _VERBAL or not (
                    any_participle or _round_noun(view, verb)):
                continue
            for child in p.children(verb):
                if p.deps[child] in g["agent"] and (found := _named_noun(view, child, subject, g)):
                    return found
                if p.deps[child] in g["agent_via"]:
                    for obj in p.children(child):
                        if found := _named_noun(view, obj, subject, g):
                            return found
            for child in [k for head in [verb, *inside] for k in p.children(head) if k > verb]:
                if any(p.deps[c] == "case" and _word(view, c) in g["agent_case"] for c in p.children(child)) and (
                        found := _named_noun(view, child, subject, g)):
                    return found
    return None


def _word(view: SentenceView, k: int) -> str:
    return view.text[view.parse.starts[k] - view.start:view.token_ends[k] - view.start].lower()


#: Between a figure and the class noun of the company it is for: « 80 millions d'euros en
#: finalisation pour la biotech Genfit », "$27 million Series A extension for carbon accounting startup Plan A".
#: Characters between a figure and « pour » / "for" naming whom it is for.
BENEFICIARY_REACH = 60


@cache
def _for_described() -> re.Pattern[str]:
    return re.compile(rf"^[^,;()]{{0,{BENEFICIARY_REACH}}}?(?<![\w-]){words_of('beneficiary_prepositions')}\s+"
                      rf"(?:{words_of('determiners')}\s*)?(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE)


def _beneficiary(fig: Figure, subject: str | None) -> str | None:
    """The company a figure is for, introduced by its class noun after « pour » / "for"."""
    view, m = fig.sentence, fig.mention
    end = max(m.end, fig.unit_end or m.end)
    others = [o.start for o in view.money if o.start >= end]
    limit = min([fig.hi, *others]) if fig.hi > end else min([view.end, *others])
    for start, _, name in _described_names(view):
        if end <= start < limit and _for_described().match(view.text[end - view.start:start - view.start]) and (
                _company_candidate(view, name)):
            return subject if _is_subject(name.text, subject) else name.text.strip()
    return None


@cache
def _valued_gap() -> re.Pattern[str]:
    return re.compile(rf"^\s*{words_of('valuation_prepositions')}\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


def _valued_name(fig: Figure, subject: str | None) -> str | None:
    """The company a valuation verb names right before its figure, whatever the parse made of
    it: « ... et valoriserait Hyzon Motors à 200 millions », "valuing Chime at $25 billion"."""
    view, m = fig.sentence, fig.mention
    for cue in view.cues:
        if cue.label != "VALUATION" or cue.end > m.start:
            continue
        for name in view.names:
            if 0 <= name.start - cue.end <= 2 and name.end <= m.start and _valued_gap().match(
                    view.text[name.end - view.start:m.start - view.start]) and _company_candidate(view, name):
                return subject if _is_subject(name.text, subject) else name.text.strip()
    return None


def _round_noun(view: SentenceView, i: int) -> bool:
    start = view.parse.starts[i]
    return any(c.label == "ROUND" and c.start <= start < c.end for c in view.cues)


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


#: Tokens between an antecedent and its relative pronoun ("startups, which") for the antecedent to count.
RELATIVE_REACH = 4


def _market_subject(fig: Figure, language: str) -> bool:
    """A figure whose verb has a common plural subject or a market word for subject, with no name
    in it: « les start-up françaises ont levé 11,1 milliards », "startups raised $2bn",
    "Investment totalled $764 million": a market figure, not a round."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view, g = fig.sentence, _grammar(language)
    p = view.parse
    for child in p.children(verb):
        if p.deps[child] not in g["subject"]:
            continue
        if (p.pos[child] == "PRON" and p.deps[verb] in g["relative"] and p.heads[verb] != verb
                and 0 < child - p.heads[verb] <= RELATIVE_REACH):
            child = p.heads[verb]  # « les jeunes pousses, qui ont levé 2 milliards »: the antecedent
        if p.pos[child] != "NOUN" or not (p.plural[child] or p.lemmas[child] in _entities()["market_subjects"]):
            return False
        if child + 1 in p.children(child) and p.pos[child + 1] == "NOUN" and not p.plural[child + 1]:
            return False  # "the payments platform closed $160m": a noun modifier misread as the subject
        subtree, frontier = [child], [child]
        for _ in range(SUBJECT_DEPTH):
            frontier = [k for node in frontier for k in p.children(node)]
            subtree += frontier
        return not any(n.start <= p.starts[k] < n.end for k in subtree for n in [*view.names, *view.investors])
    return False


def _relative_owner(fig: Figure, subject: str | None) -> str | None:
    """The name a relative clause holding the figure describes: "Quillby, dont la valorisation
    atteint 800 millions d'euros", "Kalvo, which raised $10 million"."""
    view = fig.sentence
    head = view.text[fig.lo - view.start:fig.mention.start - view.start]
    match = _relative_after_name().search(head)
    if match is None:
        return None
    at = fig.lo + match.start()
    named = [n for n in view.names if n.end <= at and at - n.end <= 2 and _company_candidate(view, n)]
    if not named:  # "Canva, a graphic design business which had a $6 billion valuation"
        named = [n for n in view.names if n.end <= at and (m := _appositive_after(view, n, "class_nouns"))
                 and _APPOSITION_TAIL.match(view.text[n.end - view.start + m.end():at - view.start])
                 and _company_candidate(view, n)]
    # "raised $568 million from Rocket Internet AG which values the business": an investor's clause
    named = [n for n in named if not investors_after().search(view.text[max(0, n.start - view.start - 60):
                                                                         n.start - view.start])]
    if not named or _is_subject(named[-1].text, subject):
        return subject if named else None
    return named[-1].text.strip()


#: The rest of an apposition up to the relative pronoun: no other clause, figure or name.
_APPOSITION_TAIL = re.compile(r"^[^,;()$€£\d]{0,80}?,?\s*$")


