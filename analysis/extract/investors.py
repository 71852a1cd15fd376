"""Who invested in a round, and who led it, from the cues, lists and parse of its sentences."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from functools import cache

from analysis.extract.drafts import Figure
from analysis.extract.grammar import (
    _conjuncts,
    _coordinated,
    _cue_verb,
    _governing_verb,
    _infinitive,
    _investee,
    _phrase,
    _round_noun,
    _subtree,
    backed_object,
    bracketed_asides,
    clause_opener_between,
    definite_round,
    leads_something_else,
    negated,
    possessive_marked,
    subject_holder,
)
from analysis.extract.names import (
    _FUND_BEFORE,
    _alternation,
    _company_name,
    _full_person,
    _fund_shaped,
    _inside_name,
    _is_subject,
    _known_investor,
    _noun_modifier,
    _place_after,
    _place_continued,
    _role_titles,
    _source_name,
    listing_investors,
    owns_next_name,
)
from analysis.extract.sentences import Cue, Name, SentenceView
from analysis.extract.vocabulary import (
    _COORDINATION_GAP,
    _DETERMINER_TAGS,
    _FUND_MANAGER_BEFORE,
    _INVESTOR_CUES,
    _INVESTOR_NOUN_BEFORE,
    _LIST_SPLIT,
    _NAME_BEFORE_LEAD,
    _OPEN_BRACKET,
    _OTHER_LABELS,
    _PLACE_NOUN,
    _POSSESSIVE_AFTER,
    _ROLE_APPOSED_AFTER,
    _UNNAMED_FUND_OWNER,
    _VERBAL,
    BRACKET_TAIL,
    LISTING_ROLE,
    MAX_CLAUSE_CLIMB,
    MAX_HEAD_STEPS,
    _entities,
    _grammar,
    _places,
    _unique,
    canonical_investor,
    debt_in_round,
    name_key,
    round_label_in,
)
from analysis.nlp import class_nouns

_NOT_INVESTOR_BEFORE = re.compile(
    r"(?:fond[ée]e?s?|co-?fond[ée]e?s?|cr[ée]{2}e?s?|founded|co-founded|created|dirig[ée]e?s?|"
    r"(?-i:co-?fondat(?:eur|rice)s?|fondat(?:eur|rice)s?|co-?founders?|founders?)|"
    r"affirm[ée]|d[ée]clar[ée]|expliqu[ée]|indiqu[ée]|said|says|told|estime|according to|selon)"
    r"(?:[\s,:]+(?:par|by|en \d{4} par))?[\s,:]+(?:\S+\s+){0,6}$",
    re.IGNORECASE,
)


#: "Leo Brandt, co-founder of Tessaro, and Saltmarsh Partners": a founder word that describes an
#: earlier item ("... of Tessaro,") does not reach the names after it.
_DESCRIBED_ITEM = re.compile(r"\b(?:of|de|du|d['’])\s*\S+\s*,", re.IGNORECASE)


#: "Backers include Orbix co-founder Leo Brandt and Harrow Ventures": a founder noun titles the name right
#: after it and reaches no further item of the list.
_FOUNDER_NOUN_THEN_ITEM = re.compile(
    r"(?-i:co-?fondat(?:eur|rice)s?|fondat(?:eur|rice)s?|co-?founders?|founders?)"
    r"(?!\s+(?:from|of|at|de|du|des|d['’]|chez)\b)\s+\S.*?(?:,|\band\b|\bet\b)",  # not "founders from A and B"
    re.IGNORECASE,
)


def _not_investor(preceding: str) -> bool:
    """Whether the words before a listed name make it a founder, a source or a speaker."""
    match = _NOT_INVESTOR_BEFORE.search(preceding)
    return (match is not None and not _DESCRIBED_ITEM.search(match.group(0))
            and not _FOUNDER_NOUN_THEN_ITEM.match(match.group(0)))


#: A company's name, then its founder noun, right before a listed person ("Amazon founder Jeff Bezos", "CyberArk
#: co-founder Alon Cohen"): an angel investor known by the company they founded.
_FOUNDER_OF_NAMED = re.compile(
    r"(?:^|[\s,(])(?P<company>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,2})\s+"
    r"(?:co-?founder|founder|fondat(?:eur|rice)|co-?fondat(?:eur|rice))\s+$")


def _founder_of_another(preceding: str, subject: str | None) -> bool:
    """The listed person founded another company than the one raising ("Amazon founder Jeff Bezos"): an investor,
    not the company's own founder."""
    match = _FOUNDER_OF_NAMED.search(preceding)
    return match is not None and not _is_subject(match.group("company"), subject)


def _led_by_before(view: SentenceView, lo: int, hi: int) -> bool:
    """The words before a listed name that look like a director's (« dirigé par ») are a lead cue's participle
    (« un tour dirigé par A, B et C »): the names after it lead the round, they direct no company."""
    match = _NOT_INVESTOR_BEFORE.search(view.text[lo - view.start:hi - view.start])
    return match is not None and any(c.label == "LEAD" and c.start <= lo + match.start() < c.end for c in view.cues)


def _founded_by(preceding: str) -> bool:
    """Whether the words before a listed name hold "founded by" / « fondée par »: every name
    coordinated after it is a founder ("fondée en 2023 par A, B et C")."""
    match = _NOT_INVESTOR_BEFORE.search(preceding)
    return match is not None and _FOUNDING_WORD.match(match.group(0)) is not None and re.search(
        r"\b(?:par|by)\b", match.group(0)) is not None  # not "is said to be provided by A": a verb of saying


#: The founding or managing words of ``_NOT_INVESTOR_BEFORE`` (not its verbs of saying).
_FOUNDING_WORD = re.compile(r"(?:co-?)?(?:fond|cr[ée]{2}|found|created|dirig)", re.IGNORECASE)


_ROLE_OF_BEFORE = re.compile(
    r"(?:patron|pdg|ceo|chief|fondateurs?|founders?|propriétaire|owner|président|president|directeur|director|"
    r"chercheurs?|researchers?|ancien|former|employés?|employees?|salariés?|executives?|cadres?|dirigeants?|ex-\w+)"
    r"\s+(?:de|d['’]|of|chez|at|du|from)\s*$",
    re.IGNORECASE,
)


_PORTFOLIO_WORDS = re.compile(r"\b(?:companies|startups|start-ups|entreprises|sociétés|portfolio)\b", re.I)


_PORTFOLIO_BEFORE = re.compile(r"(?:companies|startups|start-ups|entreprises|sociétés|clients|customers|portfolio)\s*$",
                               re.IGNORECASE)


def _after_other_class(view: SentenceView, cue: Cue) -> bool:
    """Whether a cue follows (past a comma at most) a common noun naming companies that take no part
    in the round: it lists examples of that class ("Kapur's other deals include Plaid", "challengers
    such as N26", "customers, including Tencent"), not investors."""
    p = view.parse
    classes = _entities()["non_investor_classes"]

    def of_class(k: int) -> bool:
        word = view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
        return p.pos[k] == "NOUN" and (p.lemmas[k].lower() in classes or word in classes or word.rstrip("s") in classes)

    subjects = _grammar(view.language)["subject"]
    if cue.token_start < len(p.pos) and any(p.deps[c] in subjects and of_class(c) for c in p.children(cue.token_start)):
        return True  # "Other fintechs that have drawn investors’ attention include X": the verb's subject is the class
    if any(p.deps[c] in subjects and p.lemmas[c].lower() in _entities()["staff_nouns"]
           for k in range(cue.token_start, min(cue.token_end, len(p.pos))) if p.pos[k] in _VERBAL
           for c in p.children(k)):
        return True  # "The team also includes its COO X": the company's own people
    if view.text[:cue.end - view.start].split()[-1].lower() in _grammar(view.language)["agent_words"]:
        return False  # "led the investment in the agtech company, joined by A and B": the clause's agents join it
    k = cue.token_start - 1
    if k >= 0 and p.pos[k] == "PUNCT" and view.text[p.starts[k] - view.start] == ",":
        k -= 1
    return k >= 0 and of_class(k)


#: Steps up the dependency tree from a list cue to the subject it stands in.
LIST_SUBJECT_STEPS = 4


def _lists_raisers(view: SentenceView, cue: Cue) -> bool:
    """A list cue inside the subject of a raising verb ("a number of software developers including Genvid
    Technologies, Game.tv, and PatronGG raised additional funds"): it lists companies that raised, not investors."""
    p = view.parse
    if cue.label != "LIST" or not p.heads or cue.token_start >= len(p.heads):
        return False
    subjects = _grammar(view.language)["subject"]
    for k in [cue.token_start, *p.ancestors(cue.token_start, LIST_SUBJECT_STEPS)]:
        if p.deps[k] in subjects:
            verb = p.heads[k]
            return not cue.token_start <= verb < cue.token_end and any(  # (not « Le tour réunit A et B »: the
                c.label == "ROUND" and c.token_start <= verb < c.token_end for c in view.cues)  # cue is the verb)
    return False


#: Words a list item may hold before its name ("l'éditeur américain de logiciels Salesforce").
LIST_ITEM_WORDS = 7


#: The most characters between a name and the parenthesis that restates or describes it ("Qatar
#: Investment Authority (QIA)").
PAREN_GAP = 1
_PAREN = re.compile(r"\(([^()]*)\)")
#: Characters at most of a description between two dashes after a name.
DASH_ASIDE_CHARS = 120
#: A description set between two dashes (em or en dash, spaced), no comma inside: « — the venture wing of Koch
#: Industries — ».
_DASH_ASIDE = re.compile(rf"[—–]\s+([^—–,;]{{1,{DASH_ASIDE_CHARS}}}?)\s+[—–]")


#: Words at most before the portfolio opener of an apposition (« elle-même actionnaire de X »).
PORTFOLIO_OPENER_WORDS = 1
#: Characters read after a participant noun to find the portfolio opener it begins (« actionnaire de contrôle de X »).
PORTFOLIO_OPENER_CHARS = 60


def _portfolio_opened(piece: str, language: str) -> bool:
    """A comma-separated piece of a list tells what the name before it holds or has backed, within
    ``PORTFOLIO_OPENER_WORDS`` words of its start (``grammar.json`` portfolio_openers: « elle-même actionnaire de
    contrôle de Ferrari », "an early backer of Kalvo"): the names inside are its portfolio, no items."""
    words = piece.lower().split()
    return any(_portfolio_description(" ".join(words[k:]), language) for k in range(PORTFOLIO_OPENER_WORDS + 1))


def _portfolio_description(inside: str, language: str) -> bool:
    """A bracket's text opens by telling what the name before it has invested in (``grammar.json``
    portfolio_openers: « investisseur dans Stripe », "an early backer of Kalvo")."""
    opening = " ".join(inside.lower().split())
    return any(opening.startswith(o + " ") for o in _grammar(language)["portfolio_openers"])


def _list_text(view: SentenceView) -> str:
    """The sentence with the brackets that only restate or describe the word before them blanked
    out (offsets kept): an abbreviation ("(QIA)", "(PE)") or anything bracketed right after a name
    ("Project A (a German fund)"), and a lower-case description between dashes right after one ("A — the venture
    wing of B — and C"). A bracketed list after a common noun stays ("investisseurs historiques (A et B)"), and so
    do brackets holding a figure or an investor cue."""
    text = view.text
    ends = {n.end - view.start for n in [*view.investors, *view.names]}
    busy = [(m.start - view.start, m.end - view.start) for m in view.money] + [
        (c.start - view.start, c.end - view.start) for c in view.cues if c.label in _INVESTOR_CUES]
    for match in _PAREN.finditer(view.text):
        before = match.start()
        after_name = any(0 <= before - end <= PAREN_GAP for end in ends)
        words = match.group(1).split()
        holds_money = any(match.start() <= m.start - view.start < match.end() for m in view.money)
        portfolio = _portfolio_description(match.group(1), view.language)
        relative = bool(words) and words[0] in _entities()["relative_openers"] and not any(
            match.start() <= c.start - view.start < match.end() for c in view.cues
            if c.label not in _INVESTOR_CUES and c.label != "ALREADY")
        if after_name and not holds_money and (portfolio or relative):
            # « le fonds Addition de Lee Fixel (investisseur dans Stripe et Spotify) »: the name's portfolio; « Balderton
            # Capital (qui a déjà accompagné des pépites comme Aircall, Revolut), mais aussi LocalGlobe »: a relative
            # clause in brackets, no figure and no cue but an investor's in it; both describe the name, their cue and
            # names too (not « Contentsquare (dont le statut peut être contesté) et Voodoo », « dont » a part's cue)
            text = _blanked(text, match.start(), match.end())
            continue
        if after_name and not holds_money and _determined_description(view, match.start() + 1):
            # « Volta Circle (le family office des actionnaires d'Indorama Ventures) »: what the name is, its own
            # investor words and names too
            text = _blanked(text, match.start(), match.end())
            continue
        if any(match.start() <= a < match.end() for a, _ in busy):
            aside = _ASIDE_OPENING.match(text, match.start())
            if after_name and aside is not None and not any(match.start() <= a < aside.end() for a, _ in busy):
                # « Michel Akkermans (ex-Clear2Pay, 12 millions) »: the aside before the ticket describes the name
                text = _blanked(text, match.start() + 1, aside.end())
            continue  # "PayFit (254 M€ auprès de General Atlantic)": a clause of its own
        abbreviation = " " not in match.group(1).strip() and before > 0 and text[before - 1] in " \t"
        if after_name or abbreviation:
            text = _blanked(text, match.start(), match.end())
    for match in _DASH_ASIDE.finditer(view.text):  # "Orbix Technologies — the venture wing of Orbix Industries — and
        # Larch": a description between dashes right after a name, as a bracket
        if (any(0 <= match.start() - end <= PAREN_GAP for end in ends) and match.group(1)[:1].islower()
                and not any(match.start() <= a < match.end() for a, _ in busy)):
            text = _blanked(text, match.start(), match.end())
    return text


def _determined_description(view: SentenceView, at: int) -> bool:
    """The text at offset ``at`` (relative to the sentence) opens on a lower-case determiner and a lower-case word
    after it (« le family office des actionnaires de X », "the investment arm of X"): a description."""
    p = view.parse
    k = view.token_at(view.start + at)
    return (k + 1 < len(p.pos) and p.pos[k] == "DET" and p.starts[k] == view.start + at
            and view.text[at:at + 1].islower()
            and view.text[p.starts[k + 1] - view.start:p.starts[k + 1] - view.start + 1].islower())


def _blanked(text: str, start: int, end: int) -> str:
    """``text`` with its characters from ``start`` to ``end`` blanked out, offsets kept."""
    return text[:start] + " " * (end - start) + text[end:]


def _relative_segment(view: SentenceView, lo: int, at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the comma-separated part of the text holding offset ``at`` (after ``lo``) opens
    with a relative pronoun that is no cue ("Sequoia, qui a mené le tour précédent, et Accel")."""
    head = view.text[lo - view.start:at - view.start]
    cut = lo + head.rfind(",") + 1 if "," in head else lo
    words = view.text[cut - view.start:at - view.start].split()
    opener = view.text.find(words[0], cut - view.start) + view.start if words else cut
    if bool(words) and words[0].lower() in _entities()["relative_openers"] and not any(
            a <= opener < b for a, b in spans):
        return True
    return cut > lo and bool(words) and _opens_with(view, cut, at, "DET") and _relative_inside(view, cut, at + 1)


def _relative_inside(view: SentenceView, lo: int, hi: int) -> bool:
    """A pronoun between ``lo`` and ``hi`` that the parse makes the subject of a verb there: a relative clause."""
    p, g = view.parse, _grammar(view.language)
    return bool(p.heads) and any(
        lo <= p.starts[k] < hi and p.pos[k] == "PRON" and p.deps[k] in g["subject"] and p.pos[p.heads[k]] in _VERBAL
        and lo <= p.starts[p.heads[k]] < hi for k in range(len(p.pos)))


def _first_word(view: SentenceView, lo: int, hi: int) -> int | None:
    """The index of the first word (no blank) between two offsets."""
    return next((i for i, at in enumerate(view.parse.starts) if lo <= at < hi and not view.text[at - view.start].isspace()),
                None)


def _opens_adverbial_clause(view: SentenceView, lo: int, hi: int) -> bool:
    """Whether the first word between two offsets is a verb heading an adverbial clause (``grammar.json``
    adverbial_clause: ", becoming the latest unicorn along with VNG"), not a participle describing the name before
    it (", basé en Afrique du Sud")."""
    p, first = view.parse, _first_word(view, lo, hi)
    return (first is not None and bool(p.deps) and p.pos[first] == "VERB"
            and p.deps[first] in _grammar(view.language)["adverbial_clause"])


def _example_word_before_name(view: SentenceView, lo: int, hi: int, pool: list[Name]) -> bool:
    """The first word between two offsets stands right before a listed name (« comme Tencent »): a word of examples,
    no clause."""
    first = _first_word(view, lo, hi)
    if first is None or first + 1 >= len(view.parse.starts):
        return False
    after = view.parse.starts[first + 1]
    return any(n.start == after for n in pool)


def _opens_with(view: SentenceView, lo: int, hi: int, pos: str) -> bool:
    """Whether the first word between two offsets has a part of speech."""
    first = _first_word(view, lo, hi)
    return first is not None and view.parse.pos[first] == pos


def _first_verb(view: SentenceView, lo: int, hi: int, spans: list[tuple[int, int]]) -> int | None:
    """Where the first finite verb between two offsets starts, outside names, cues and relative
    clauses: the end of an enumeration ("..., rapportent L'Echo", "Inserm Transfert La société
    utilisera ..."). Participles ("newly minted X", "comprising X") do not end it."""
    p = view.parse
    finite = p.finite or tuple(True for _ in p.starts)
    for i, at in enumerate(p.starts):
        if (lo <= at < hi and p.pos[i] in _VERBAL and finite[i] and not any(a <= at < b for a, b in spans)
                and not _relative_segment(view, lo, at, spans) and not _descriptor_verb(view, i, spans)):
            return at
    return None


#: Tokens at most between an investee preposition and the round noun it introduces ("in the Series B funding round").
ROUND_AFTER_PREPOSITION = 5


def _round_named_first(view: SentenceView, start: int, end: int) -> bool:
    """The preposition after an investor noun introduces a round, not a company ("The investors in the Series B
    funding round are A and B", « les investisseurs de ce tour sont A et B »): a round cue within
    ``ROUND_AFTER_PREPOSITION`` tokens, before any name."""
    first = view.token_at(start) + 1
    names = [n.start for n in [*view.investors, *view.names] if start <= n.start < end]
    return any(c.label == "ROUND" and first <= c.token_start <= first + ROUND_AFTER_PREPOSITION
               and c.start < min(names, default=end) for c in view.cues)


def _copula_end(view: SentenceView, at: int) -> int | None:
    """Where the copula starting at ``at`` ends ("One of the participants in the round is A", « Le premier
    investisseur est A »): the names after it are what the noun before it says; None for another verb."""
    p = view.parse
    i = view.token_at(at)
    if i < len(p.lemmas) and p.starts[i] == at and p.lemmas[i] in _grammar(view.language)["copula_lemmas"]:
        return view.token_ends[i]
    return None


#: Parts of speech of the word before a descriptor ("telecoms billionaire").
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})


#: Lower-case nouns at most between a descriptor the tagger read as a verb and the name it describes ("sovereign
#: wealth fund Mubadala": two).
DESCRIPTOR_NOUNS_BEFORE_NAME = 3


def _descriptor_verb(view: SentenceView, i: int, spans: list[tuple[int, int]]) -> bool:
    """A word tagged as a verb between a noun and a name, a few lower-case nouns it compounds with at most between:
    a descriptor the tagger misread ("telecoms billionaire Xavier Niel", "Abu Dhabi sovereign wealth fund Mubadala"),
    not a verb of saying ("..., rapportent L'Echo", « se félicite X »)."""
    p = view.parse
    if i == 0 or p.pos[i - 1] not in _NOMINAL:
        return False
    for k in range(i + 1, min(i + 2 + DESCRIPTOR_NOUNS_BEFORE_NAME, len(p.starts))):
        if any(a == p.starts[k] for a, _ in spans):
            return True
        if p.pos[k] != "NOUN" or p.deps[k] != "compound" or not view.text[p.starts[k] - view.start].islower():
            return False
    return False


#: Parts of speech of the word that opens a noun phrase's content ("un *fonds* basé à Lyon").
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _described_through_preposition(view: SentenceView, lo: int, hi: int, name: Name) -> bool:
    """Whether the parse reaches a name of a list piece (``lo``..``hi``) through a preposition of
    place (``grammar.json`` locative_markers) inside the piece's noun phrase: the name is a place of
    a description ("A, un fonds basé à Lyon, et B", « auprès de sa clientèle dans le quartier du
    Marais »), not an item. A preposition before the piece's first content word marks the item
    itself (« , de B ») and does not count; a genitive does not either (« des fonds de Lombard
    Odier »: the owner invests)."""
    p = view.parse
    if not p.heads:
        return False
    tokens = [i for i, at in enumerate(p.starts) if lo <= at < hi]
    first = next((i for i in tokens if p.pos[i] in _CONTENT), None)
    inside = set(tokens)
    if first is None or any(lo <= c.start < hi for c in view.cues if c.label in _INVESTOR_CUES):
        return False
    chain: set[int] = set()
    frontier = [i for i in tokens if name.start <= p.starts[i] < name.end]
    while frontier:
        chain.update(frontier)
        frontier = [h for k in frontier if (h := p.heads[k]) != k and h in inside and h not in chain]
    marks = [k for k in chain if p.pos[k] == "ADP"] + [
        c for k in chain for c in p.children(k) if p.deps[c] == "case" and c in inside]
    places = _grammar(view.language)["locative_markers"]
    return any(first < k and p.starts[k] < name.start and _word(view, k) in places for k in marks)


def _bracket_after_verb(view: SentenceView, verb: int, end: int) -> tuple[int, int] | None:
    """The inside of the brackets that open right after the verb starting at offset ``verb`` (adverbs
    between: « arrivent également (A, B) »), when they close before ``end``; None otherwise."""
    p = view.parse
    i = next((k for k, at in enumerate(p.starts) if at == verb), None)
    if i is None:
        return None
    k = i + 1
    while k < len(p.starts) and p.pos[k] == "ADV":
        k += 1
    if k >= len(p.starts) or view.text[p.starts[k] - view.start] != "(":
        return None
    close = view.text.find(")", p.starts[k] - view.start)
    if close < 0 or close + view.start > end:
        return None
    return p.starts[k] + 1, close + view.start


def _after_last_verb(view: SentenceView, lo: int, hi: int, spans: list[tuple[int, int]], pool: list[Name]) -> int:
    """Where an enumeration ending at ``hi`` starts: after the last finite verb before it that a name
    separates from it ("Go-Jek identified A, B and C as existing backers"), else ``lo``."""
    p = view.parse
    finite = p.finite or tuple(True for _ in p.starts)
    for i in reversed(range(len(p.starts))):
        at = p.starts[i]
        if (lo <= at < hi and p.pos[i] in _VERBAL and finite[i] and not any(a <= at < b for a, b in spans)
                and not _relative_segment(view, lo, at, spans) and any(at < n.start < hi for n in pool)):
            return view.token_ends[i]
    return lo


def _purpose_start(view: SentenceView, start: int, end: int) -> int:
    """Where a purpose clause (``grammar.json`` purpose_marks, then a verb: « pour soutenir », "to expand") opens
    between ``start`` and ``end``: an enumeration of names ends there; ``end`` when none does."""
    p, marks = view.parse, _grammar(view.language)["purpose_marks"]
    for k in range(1, len(p.pos)):
        if start <= p.starts[k - 1] and p.starts[k] < end and p.pos[k] == "VERB" and p.lemmas[k - 1].lower() in marks:
            return p.starts[k - 1]
    return end


def _role_title_after(view: SentenceView, name: Name) -> bool:
    """Whether a person's role title follows the name (``entities.json`` role_titles: "Facebook cofounder Eduardo
    Saverin's B Capital Group"): the name tells whose officer the person is, it invests nothing."""
    words = view.text[name.end - view.start:].split(maxsplit=1)
    return (not name.person and bool(words) and words[0][:1].isalnum()  # not "Steve Case (founder of AOL)"
            and name_key(words[0].rstrip(",;:")) in _role_titles())


def _ends_on_name(view: SentenceView, piece: tuple[int, int], pool: list[Name]) -> bool:
    """Whether a list piece ends on one of the pool's names, nothing but spaces after it, or on a word the parse tags a
    proper noun or written in capitals (« BOLD, le fonds de … »: a name that no name rule took)."""
    if any(piece[0] <= n.start and n.end <= piece[1] and not view.text[n.end - view.start:piece[1] - view.start].strip()
           for n in pool):
        return True
    p = view.parse
    last = bisect.bisect_left(p.starts, piece[1]) - 1  # the last token starting inside the piece, if any
    words = view.text[piece[0] - view.start:piece[1] - view.start].split()
    return (last >= 0 and p.starts[last] >= piece[0] and p.pos[last] == "PROPN") or (
        bool(words) and len(words[-1]) > 1 and words[-1].isupper())


def _owner_of_fund_told(lead_words: list[str], g: dict) -> bool:
    """Whether the words opening an apposition before its name say that the name owns the thing apposed: a fund or
    unit noun after the first word and a genitive mark right before the name (« , le fonds de capital-investissement de
    L'Oréal Groupe, »); the item is the name before the apposition, not its owner."""
    owned = {*g["fund_nouns"], *g["investing_unit_nouns"], *g["apposition_heads"]}
    return lead_words[-1:] != [] and lead_words[-1] in g["holder_of_marks"] and any(w in owned for w in lead_words[1:-1])


#: Lower-case words at most of the role a comma opens after a listed name and a conjunction carries on ("Rodger May,
#: owner and chief growth officer of Peter Pan Seafood").
ROLE_OPENING_WORDS = 3


def _closed_list_end(view: SentenceView, start: int) -> int | None:
    """Where an enumeration after ``start`` ends once a conjunction has closed it: the comma or semicolon after its
    last item (« ses trois investisseurs principaux que sont A, B et C, de nouveaux entrants tels que D »: D is no
    item of the first list), or None when no conjunction closes it before the sentence ends."""
    words = "|".join(re.escape(w) for w in _grammar(view.language)["coordinating_words"])
    closed = re.search(rf"\s(?:{words})\s[^,;]+[,;]", view.text[start - view.start:])
    return view.start + (start - view.start) + closed.end() - 1 if closed else None


def _list_names(
    view: SentenceView, start: int, subject: str | None, until: int | None = None, max_misses: int = 1
) -> list[str]:
    """Investor names enumerated after ``start`` (up to ``until``): each list item's last name.
    The enumeration ends at a verb; a comma-separated description of the item before it (an
    apposition: "Rakuten Ventures, the investment arm of Rakuten, ...") lists nothing."""
    names: list[str] = []
    end = view.end if until is None else until
    cue_spans = [(c.start, c.end) for c in view.cues if c.label in _INVESTOR_CUES]
    pool = [n for n in view.investors if start <= n.start and n.end <= end] + [
        n for n in view.names
        if start <= n.start and n.end <= end and _company_name(n) and not _is_subject(n.text, subject)
        and not _noun_modifier(view, n) and not any(n.start < k.end and k.start < n.end for k in view.investors)
        and not _place_continued(view, n)  # « l’Arabie saoudite avec 396,5 millions de dollars »: a place
    ]
    pool = [n for n in pool if not any(a <= n.start and n.end <= b for a, b in cue_spans)]  # "Business Angels"
    pool.sort(key=lambda n: n.start)
    g = _grammar(view.language)
    pool = _joined_foreign(view, pool, g["foreign_name_links"])
    spans = [(n.start, n.end) for n in [*view.investors, *view.names, *pool]] + cue_spans
    head = view.text[start - view.start:end - view.start].split(maxsplit=1)
    if head and head[0].lower() in g["investee_words"] and not _round_named_first(view, start, end):
        return []  # "an early investor in Alibaba": the company invested in, no list
    text = _list_text(view)
    pool = [n for n in pool if not text[n.start - view.start].isspace()]  # bracketed: blanked out
    spans += [(view.start + m.start(), view.start + m.end()) for m in _PAREN.finditer(view.text)
              if text[m.start()].isspace()]  # "GV (formerly known as Google Ventures), OurCrowd": no verb in a
    # bracketed aside ends the list
    if until is not None:  # names before a cue: the enumeration ends at it and starts after the clause's verb
        start = _after_last_verb(view, start, until, spans, pool)
    verb = _first_verb(view, start, end, spans)  # a listing verb is a cue ("participants included A, B")
    if verb is not None and until is None and not any(start <= n.start < verb for n in pool) and (
            copula_end := _copula_end(view, verb)) and any(
            view.text[copula_end - view.start:n.start - view.start].strip().lower() in {"", *g["definite_determiners"]}
            for n in pool):  # "the lead investor is the TX Group"
        start, verb = copula_end, _first_verb(view, copula_end, end, spans)  # "participants in the round are A and B"
    if verb is not None and not any(start <= n.start < verb for n in pool) and (
            bracket := _bracket_after_verb(view, verb, end)):
        start, end = bracket  # « De nouveaux investisseurs arrivent également (A, B et C) »: the brackets list them
    elif verb is not None:
        end = verb
    end = _purpose_start(view, start, end)  # « menée par A pour soutenir le développement de Kalvo »: A, not Kalvo
    position = start
    misses = 0
    named = False  # the item before held a name
    describing = False  # inside an apposition, until the next comma
    previous = (start, start)  # the offsets of the piece before
    previous_piece = previous  # the same, kept while ``previous`` moves on to the current piece
    segment = start  # where the comma-separated part holding the piece starts
    closed = False  # an item joined by a conjunction ended the enumeration ("A and B")
    role_opened = False  # the piece before, after a name and a comma, opened a role in lower-case words ("Rodger May,
    # owner and chief growth officer of Peter Pan Seafood"): the piece the conjunction joins goes on with it
    coordinating_ends = tuple(f" {w}" for w in g["coordinating_words"])  # " et", " and": a piece they end closes it
    coordinating_ends_bare = tuple(f"{w} " for w in g["coordinating_words"])  # "and …" right after a piece
    for joined in pool:  # "Plug and Play": the joining word splits no list
        if " " in view.text[joined.start - view.start:joined.end - view.start] and joined.canonical is None:
            lo, hi = joined.start - view.start, joined.end - view.start
            text = text[:lo] + re.sub(r"\b\w+\b", lambda m: "x" * len(m.group(0)) if m.group(0).lower() in
                                      g["foreign_name_links"] else m.group(0), text[lo:hi]) + text[hi:]
    for piece in _LIST_SPLIT.split(text[start - view.start:end - view.start]):
        found = text.find(piece, position - view.start) if piece else -1
        piece_start = found + view.start if found >= 0 else position
        piece_end = piece_start + len(piece)
        comma = text[max(0, piece_start - view.start - 1):piece_start - view.start] in {",", ";"}  # a semicolon too
        # ("Orbix, a fund that backs startups; Larch, which …; and Tekora")
        position = piece_end
        if ":" in piece and max_misses:  # « les actionnaires déjà présents lors de la levée de l'an dernier : A, B et C »
            piece_start += piece.rfind(":") + 1  # the enumeration starts after the colon
            piece = piece[piece.rfind(":") + 1:]
        renaming = False  # "GV, the venture capital arm of Google's parent company, Alphabet": the name after the
        # comma renames the common noun a description ended on, it is no item
        if comma:
            described = view.text[previous[0] - view.start:previous[1] - view.start].rstrip(" .").split()
            renaming = (bool(described) and _opens_with(view, previous[0], previous[1], "DET")
                        and described[-1][:1].islower()  # "…'s parent company"
                        and any(w.lower() in g["apposition_links"] for w in described[1:])  # "the arm of …"
                        and not view.text[piece_end - view.start:end - view.start].strip(" .;"))  # the list's last
            describing = describing and _genitive_goes_on(view, previous, piece_start, piece_end, g)  # « lancé à
            # l’initiative du groupe Arkéa, de la Banque Populaire … et de la Région Bretagne »: the genitives go on
            segment = piece_start
        previous_piece = previous
        previous = (piece_start, piece_end)
        opener = next((n for n in pool if n.start >= piece_start and not text[piece_start - view.start:n.start - view.start].strip()), None)
        if (comma and closed and opener is not None and opener.end < piece_end
                and text[opener.end - view.start:piece_end - view.start].strip()[:1].islower()
                and not _opens_with(view, opener.end, piece_end, "ADP")):
            break  # « auprès de A et B, Gleamer compte pour 42 % »: after a closed list, a name and more words open a
            # clause; not "A and B, Shorooq Partners from Abu Dhabi, and C": where the item is from
        if comma and closed and named and _other_opener(view.language).match(piece):
            break  # "… and CMC Capital, another online K12 education firm, Zuoyebang, declared": after a closed list,
            # a phrase "another" opens tells something else
        if text[:piece_start - view.start].rstrip().lower().endswith(coordinating_ends):
            closed = True
        after_name = named or (comma and _ends_on_name(view, previous_piece, pool))  # "led by private investment
        # fund Helios with support from GE Ventures, the venture capital subsidiary of General Electric": no item taken
        # in the piece before (too many words), yet the apposition describes the name it ends on
        apposed = comma and after_name and _opens_with(view, piece_start, piece_end, "DET")  # ", an investment fund that
        # backs startups;": a description of the item before
        if apposed and _relative_inside(view, piece_start, piece_end):
            describing = True  # « Lendable, une société qui finance les fintech … aux MPME »: no item in it
        opening_words = piece.split()[:2]
        if (comma and after_name and len(opening_words) == 2 and opening_words[0].lower() in g["fund_nouns"]
                and opening_words[1][:1].islower()):
            describing = True  # « le fonds Breizh Armor Capital, fonds de capital-investissement privé lancé à
            # l’initiative du groupe Arkéa, de la Banque Populaire … et de la Région Bretagne »: what the fund is
        if apposed and any(piece_start <= c.start < piece_end and (_describing_investor_noun(view, c) or (
                c.label.startswith("OTHER_") and _describes_name_before(view, c))) for c in view.cues):
            describing = True  # « Capricorn, un investisseur de la première heure de Tesla, », « Leitmotif, un nouveau
            # fonds cofondé par l'ancien responsable de Volkswagen »: what the name is, the names inside no items
        if (portfolio := _PORTFOLIO_WORDS.search(piece)) and not apposed and not _investing_class(
                view, piece_start + portfolio.start(), piece_start + portfolio.end()):
            break  # "an early backer of companies including Snapchat, ..."; not « les sociétés d'investissement A et B »
        if _invests_in(view, piece_start, piece_end, g):
            break  # "an investor known for his early investments in Twitter, Uber and Instagram": the companies backed
        first_named = next((n for n in pool if piece_start <= n.start < piece_end), None)
        if first_named is not None and _backs_object(view, piece_start, first_named.start, g):
            break  # "Larch Capital, an investor already backing electric vehicle giant Orbix": the company backed
        if piece.strip() and _opens_with(view, piece_start, piece_end, "SCONJ") and not _example_word_before_name(
                view, piece_start, piece_end, pool):
            break  # "from private investors, as interest in its rival, Kalvo, soared": a clause of its own; not « ,
            # comme Tencent et DST Global, »: a word of examples right before a name
        if comma and piece.lstrip()[:1].islower() and _opens_adverbial_clause(view, piece_start, piece_end) and not any(
                piece_start <= a < piece_end and view.text[piece_start - view.start:a - view.start].strip() == ""
                for a, _ in cue_spans):
            break  # "led by Mizuho, becoming the latest unicorn along with VNG": a clause of its own, no cue
        inside = [
            n for n in pool if piece_start <= n.start and n.end <= piece_end
            and not _ROLE_OF_BEFORE.search(view.text[max(0, n.start - view.start - 40):n.start - view.start])
            and not _role_title_after(view, n)  # "Ebay founder Pierre Omidyar's investment firm": whose founder
            and (not _POSSESSIVE_AFTER.match(view.text[n.end - view.start:]) or _owns_unnamed_unit(view, n, piece_end, g))
        ]
        clause_at = clause_opener_between(view, inside[0].end, piece_end) if inside else None
        if clause_at is not None and text[clause_at - view.start].isspace():
            clause_at = None  # "GV (formerly known as Google Ventures)": a bracketed aside opens no clause
        if clause_at is not None:  # "from A and energy giant B as Kalvo, which …, aims to grow": a clause of its own
            inside = [n for n in inside if n.end <= clause_at]
            piece_end = clause_at
            stop = True
        else:
            stop = False
        lead_words = text[piece_start - view.start:inside[0].start - view.start].lower().split() if inside else []
        role_goes_on, role_opened = role_opened and any(w in g["role_links"] for w in lead_words), False
        if (comma or role_goes_on) and after_name and (any(w in g["apposition_links"] for w in lead_words[1:])
                                     or any(w in g["apposition_heads"] for w in lead_words)
                                     or (_owner_of_fund_told(lead_words, g) and not closed
                                         and not any(piece_end <= n.start and n.end <= end for n in pool))):
            describing = True  # "..., part of Singapore's United Overseas Bank", « Heling, propriété de la famille B »,
            # « BOLD, le fonds de capital-investissement de L'Oréal Groupe, a participé »: what the name before is, and
            # whose, when the apposition ends the names (not « A, le fonds SPI de Bpifrance, B et C »: an item)
        if comma and _relative_segment(view, start, piece_end, spans):
            describing = True  # "..., whose wealth is managed by Entrust, ..."
        if comma and after_name and _portfolio_opened(piece, view.language):
            describing = True  # « la filiale d'Exor, elle-même actionnaire de contrôle de Ferrari et Fiat »: what it owns
        if renaming and len(inside) == 1 and not re.sub(r"[\s.;]", "", view.text[piece_start - view.start:inside[0].start - view.start]
                                                       + view.text[inside[0].end - view.start:piece_end - view.start]):
            describing = True  # ", Alphabet" after "the arm of Google's parent company": the parent company's name
        if inside and _described_through_preposition(view, piece_start, piece_end, inside[-1]):
            if comma and named and _opens_with(view, piece_start, piece_end, "DET"):
                describing = True  # "..., un fonds basé à Lyon, ...": a place, a person of the description
            inside = []  # « auprès de sa clientèle dans le quartier du Marais »: a place, no item
        if describing:
            continue
        if inside and _deal_for_name(view, piece_start, inside[-1], g):
            break  # "spearheaded by a $250M debt raise for Tamara, Tabby’s $200M Series D": deals told, no investors
        if inside and until is None and _names_a_common_noun(view, piece_start, inside[-1]):
            break  # « accompagnées par des logiciels dénommés A et B »: the names of things, no investors
        owned = next((k for k in range(len(inside) - 1) if _owner_genitive(
            view.text[inside[k].end - view.start:inside[k + 1].start - view.start], g)), None)
        if owned is not None:  # « le fonds Exor Seeds de la famille Agnelli »: the fund invests, not its owner
            inside = inside[:owned + 1]
        words_before = len(text[piece_start - view.start:inside[-1].start - view.start].split()) if inside else 0
        if inside and words_before <= LIST_ITEM_WORDS:
            name = inside[-1]
            preceding = view.text[max(segment, name.start - 60) - view.start:name.start - view.start]
            chain = view.text[max(0, name.start - view.start - 60):name.start - view.start]
            if len(inside) > 1 and name.canonical is None and name_key(name.text) in _entities()["investor_suffixes"]:
                # "Danone manifesto Ventures": a bare suffix ends the name the item opened, lower-case words and all
                first = inside[-2]
                name = Name(view.text[first.start - view.start:name.end - view.start], first.start, name.end,
                            first.token_start, None)
            if len(inside) > 1 and name is inside[-1] and _FUND_MANAGER_BEFORE.search(
                    view.text[inside[-2].end - view.start:name.start - view.start]):
                name = inside[-2]  # « du fonds X géré par Bpifrance »: X invests, not its manager ("accounts managed by Y": Y)
            if len(inside) > 1 and name is inside[-1] and view.text[inside[-2].end - view.start:name.start - view.start].strip(
                    ).lower() in g["parent_links"]:
                name = inside[-2]  # "International Finance Corporation under the World Bank": IFC invests, not its parent
            elif len(inside) > 1 and name is inside[-1] and inside[-2].person and _affiliation_between(
                    view.text[inside[-2].end - view.start:name.start - view.start], g):
                name = inside[-2]  # "Jitendra Gupta of Jupiter Money", "James Schultz from Orbix Robotics": the person
                # invests, not the company they belong to
            else:
                name = _fund_of_parent(view, name, inside[-2] if len(inside) > 1 and name is inside[-1] else None)
            # not a source (", per the Herald") nor the owner of a fund the text does not name (« le fonds de X »)
            owner = _UNNAMED_FUND_OWNER.search(view.text[piece_start - view.start:name.start - view.start]) or (
                _fund_backer(view, piece_start, name, g))  # "a fund backed by Google": Google backs the fund
            if ((not _not_investor(preceding) or _founder_of_another(preceding, subject)
                 or _led_by_before(view, name.start - len(preceding), name.start))
                    and not (_founded_by(chain) and not _led_by_before(view, name.start - len(chain), name.start))
                    and not _source_name(view, name) and not owner and not _officer_of_subject(view, name, subject)):
                if len(inside) > 1 and name is inside[-1] and _through_vehicle(view, inside[-2], name, g):
                    names.append(inside[-2].canonical or canonical_investor(inside[-2].text))
                if not _place_after(view, name):  # « un groupe d'investissement basé à Boston, Raptor Group »: a place
                    names.append(name.canonical or canonical_investor(name.text))
            misses = 0
            named = True
            if stop:
                break
        elif piece.strip():
            if comma and after_name and not inside and _opens_with(view, piece_start, piece_end, "DET"):
                continue  # a description of the item before: "Sofinnova, le plus ancien capital-risqueur"
            if (comma and named and not inside and len(words := piece.split()) <= ROLE_OPENING_WORDS
                    and all(w.replace("-", "").isalpha() and w.islower() for w in words)
                    and text[piece_end - view.start:].lstrip().lower().startswith(coordinating_ends_bare)):
                role_opened = True  # "Rodger May, owner and chief growth officer of …": a role the conjunction goes on
                continue
            if any(piece_start <= n.start and n.end <= piece_end and name_key(n.text) in _places() for n in view.names):
                named = True  # « et d'un groupe d'investissement basé à Boston, Raptor Group »: a described item
                continue
            misses += 1
            named = False
            if misses > max_misses:
                break
    return names


#: Characters at most between the role title apposed after a person's name and the company it names (« le directeur
#: général de Vitibot »: one article or none).
OFFICER_COMPANY_GAP = 4


#: Words at most between an owner genitive's opening and the owner's name, the first in lower case (« du fondateur de
#: Spotify »).
OWNER_GENITIVE_WORDS = 4


def _owner_genitive(gap: str, g: dict[str, frozenset[str]]) -> bool:
    """The words between two names of a list item open a determined genitive (``grammar.json`` owner_genitives), then
    a common noun: the later name owns or founded the earlier one (« Exor Seeds de la famille Agnelli », « Prima
    Materia du fondateur de Spotify Daniel Ek »)."""
    words = gap.split()
    for opening in g["owner_genitives"]:
        size = len(opening.split())
        rest = words[size:]
        if [w.lower() for w in words[:size]] == opening.split() and 0 < len(rest) <= OWNER_GENITIVE_WORDS and (
                rest[0][:1].islower()):
            return True  # (not « Jardins de l'Orbrie », "Rise of the Rest": one name)
    return False


def _apposed_workplace(view: SentenceView, person: Name) -> Name | None:
    """The company a role title apposed after a name says the person works at (« Bernard Boxho, le directeur général
    de Vitibot », "Daniel Ek, founder of Spotify"), if any."""
    match = _ROLE_APPOSED_AFTER.match(view.text[person.end - view.start:])
    if match is None:
        return None
    at = person.end + match.end()
    company = next((n for n in view.names if n.start >= at), None)
    return company if company is not None and company.start - at <= OFFICER_COMPANY_GAP else None


def _officer_of_subject(view: SentenceView, name: Name, subject: str | None) -> bool:
    """A person's name with a role title at the raising company apposed after it (« …, Bernard Boxho, le directeur
    général de Vitibot, souligne … »): the company's officer, never one of its investors."""
    workplace = _apposed_workplace(view, name)
    return workplace is not None and subject is not None and _is_subject(workplace.text, subject)


#: Tokens at most between a word for companies and the investing word that makes them investors (« sociétés
#: d'investissement », "investment companies").
INVESTING_CLASS_REACH = 2


def _fund_backer(view: SentenceView, lo: int, name: Name, g: dict[str, frozenset[str]]) -> bool:
    """A list item after ``lo`` whose name is the agent of a backing participle on a fund noun ("including a fund
    backed by Google", « parmi lesquels un fonds soutenu par Google »): the fund is the item, the name backs it."""
    p = view.parse
    at = view.token_at(name.start)
    if not p.pos or at < 3 or at > len(p.pos) or _word(view, at - 1).lower() not in g["agent_words"]:
        return False
    verb = at - 2
    return (view.token_at(lo) < verb and p.pos[verb] in {"VERB", "ADJ"} and p.lemmas[verb].lower() in g["backing_verbs"]
            and _a_fund(view, verb - 1, g))


def _a_fund(view: SentenceView, noun: int, g: dict[str, frozenset[str]]) -> bool:
    """A fund noun with a determiner of one indefinite fund (« un fonds », "a fund"; not "the funds come from", « levée
    de fonds »), or with any singular determiner when it describes a name before it ("Larch, the venture fund backed
    by …")."""
    p = view.parse
    if p.lemmas[noun].lower() not in g["fund_nouns"]:
        return False
    determiners = [_word(view, d).lower() for d in p.children(noun) if p.pos[d] == "DET"]
    if determiners and p.deps[noun] == "appos" and not p.plural[noun]:
        return True
    return bool(determiners) and not any(d in g["definite_determiners"] or d in g["plural_determiners"]
                                         for d in determiners)


def _backs_a_fund(view: SentenceView, cue: Cue) -> bool:
    """A backers' cue whose participle qualifies the fund noun right before it ("a fund backed by Google", « un fonds
    soutenu par Google »): the names after it back that fund, not the round."""
    p, g = view.parse, _grammar(view.language)
    k = cue.token_start
    if not p.pos or k >= len(p.pos) or k == 0:
        return False
    return _a_fund(view, k - 1, g)


def _investing_class(view: SentenceView, lo: int, hi: int) -> bool:
    """Whether an investing cue stands right before or after the word for companies at ``lo``..``hi`` (« les sociétés
    d'investissement », "investment firms"): a class of investors, not a portfolio."""
    first, last = view.token_at(lo), view.token_at(max(lo, hi - 1))
    return any(c.label == "INVEST" and (0 < c.token_start - last <= INVESTING_CLASS_REACH or c.token_end == first)
               for c in view.cues) or bool(  # not "an early backer of companies including X"
        _investing_trade_after().match(view.text[hi - view.start:]))  # « les sociétés de capital-risque A et B »


@cache
def _investing_trade_after() -> re.Pattern[str]:
    """An investing trade right after a word for companies (« de capital-risque », "of venture capital";
    ``entities.json`` investing_trades)."""
    return re.compile(rf"^\s+(?:de|d['’]|en|of|in)\s*(?:{_alternation('investing_trades')})\b", re.IGNORECASE)


def _backs_object(view: SentenceView, lo: int, hi: int, g: dict[str, frozenset[str]]) -> bool:
    """A backing verb between ``lo`` and ``hi`` that takes the name after it as its object, no agent word after it
    ("already backing Orbix", « qui soutient déjà Orbix »; not "backed by A")."""
    p = view.parse
    named = view.token_at(hi)
    if named >= len(p.heads):
        return False
    holders = {named, p.heads[named], p.heads[p.heads[named]]}  # the name, or the noun it names ("giant Orbix")
    for k in range(view.token_at(lo), min(named, len(p.pos))):
        if p.pos[k] == "VERB" and p.lemmas[k] in g["backing_verbs"] and p.starts[k] >= lo:
            after = view.text[view.token_ends[k] - view.start:].split(maxsplit=1)[:1]
            objects = {c for c in p.children(k) if p.deps[c] in g["object"]}
            if not (after and after[0].lower() in g["agent_words"]) and objects & holders:
                return True
    return False


@cache
def _other_opener(language: str) -> re.Pattern[str]:
    """The start of a comma-separated phrase that tells of another thing than a closed list (``grammar.json``
    other_openers: "another", « une autre »)."""
    words = "|".join(map(re.escape, _grammar(language)["other_openers"]))
    return re.compile(rf"\s*(?:{words})\b", re.IGNORECASE)


def _deal_for_name(view: SentenceView, lo: int, name: Name, g: dict[str, frozenset[str]]) -> bool:
    """A figure between ``lo`` and the name, and a beneficiary word (``grammar.json`` beneficiary_words) between the
    figure and the name ("a $250M debt raise for Tamara", « une levée de 5 M€ pour Kalvo »): the name received the
    money, no investor gave it."""
    return any(lo <= m.start and m.end <= name.start and any(
        w.lower() in g["beneficiary_words"] for w in view.text[m.end - view.start:name.start - view.start].split())
               for m in view.money)


def _names_a_common_noun(view: SentenceView, lo: int, name: Name) -> bool:
    """A naming participle (``grammar.json`` naming_verbs: « dénommés », "called") stands between ``lo`` and the
    name, and no investor's class noun (« un fonds baptisé X ») comes before the name: it names a thing."""
    p, g = view.parse, _grammar(view.language)
    naming = any(lo <= at < name.start and p.pos[i] == "VERB" and p.lemmas[i] in g["naming_verbs"]
                 and p.deps[i] in g["participle"] for i, at in enumerate(p.starts))  # not "The company named A as"
    return naming and not _INVESTOR_NOUN_BEFORE.search(view.text[lo - view.start:name.start - view.start])


def _invests_in(view: SentenceView, lo: int, hi: int, g: dict[str, frozenset[str]]) -> bool:
    """A word of investing (``grammar.json`` investing_lemmas) between ``lo`` and ``hi`` right before an investee
    word ("investments in", « investissements dans »): the names after it are the companies invested in, not
    investors; not an investing noun's genitive ("the personal investments of Aconex founder Leigh Jasper": whose they
    are)."""
    p = view.parse
    return any(lo <= p.starts[k] < hi and p.lemmas[k].lower() in g["investing_lemmas"]
               and (after := view.text[p.starts[k + 1] - view.start:].split(maxsplit=1)[0].lower()) in g["investee_words"]
               and not (p.pos[k] == "NOUN" and after in g["genitive_marks"])
               for k in range(len(p.starts) - 1))


_OF_PARENT = re.compile(r"^(?P<fund>(?:\S+ ){1,}\S+)(?: (?:de|du|of) | d['’])(?P<parent>[A-Z]\S* (?:\S+ )*(?P<last>\S+))$")


#: Characters before a name searched for the fund word that calls it a fund.
FUND_WORD_REACH = 20
#: Lower-case words at most between a possessive and the investing unit it owns ("Tekora's venture capital arm").
UNIT_DESCRIPTION_WORDS = 3


def _owns_unnamed_unit(view: SentenceView, name: Name, piece_end: int, g: dict[str, frozenset[str]]) -> bool:
    """A name whose possessive owns an investing unit the text does not name, ending the list item ("Chipmaker
    Tekora's venture capital arm also participated", ``grammar.json`` investing_unit_nouns): the name invests."""
    words = view.text[name.end - view.start:piece_end - view.start].split()[1:]
    if not (0 < len(words) <= UNIT_DESCRIPTION_WORDS + 1 and all(w[:1].islower() for w in words)
            and words[-1].strip(".,;").lower() in g["investing_unit_nouns"]):
        return False
    renamed = re.match(r"\s*,\s*", view.text[piece_end - view.start:])  # "Siam Commercial Bank's venture arm, SCB 10X":
    return renamed is None or not any(n.start == piece_end + renamed.end() for n in view.names)  # the unit named


def _affiliation_between(gap: str, g: dict[str, frozenset[str]]) -> bool:
    """The gap between a person's name and a company's is one affiliation word (``grammar.json``
    person_affiliation_links: "of", "from", « chez »)."""
    words = gap.split()
    return len(words) == 1 and words[0].lower() in g["person_affiliation_links"]  # « d’ » glued to the name: one word


def _affiliating_person(view: SentenceView, cue: Cue) -> bool:
    """A participants cue that is an affiliation word right after a person's name ("James Schultz from Orbix
    Robotics", ``grammar.json`` person_affiliation_links): it tells where the person works, it opens no list."""
    g = _grammar(view.language)
    if cue.text.strip().lower() not in g["person_affiliation_links"]:
        return False
    return any(n.person and n.end <= cue.start and not view.text[n.end - view.start:cue.start - view.start].strip()
               for n in view.names)


#: What joins a fund to its parent named after it: « de l'accélérateur californien », "of".
_OF_BETWEEN = re.compile(r"^\s+(?:de|du|des|of)\b|^\s+d['’]")


def _fund_of_parent(view: SentenceView, name: Name, before: Name | None) -> Name:
    """A fund named with its parent group (« la stratégie Orbix Seed d'Orbix Partners », "Orbix Seed
    of Orbix Partners"), in one name or two: the fund invests, not the parent (GOLD_POLICY), so the
    name is the fund's. The parent must read as an investor firm (its last word an investor suffix), unless the
    text calls the first name a fund (« le fonds Continuity Growth de l'accélérateur californien Y Combinator »)."""
    if (before is not None and before.canonical is None
            and _FUND_BEFORE.search(view.text[max(0, before.start - view.start - FUND_WORD_REACH):before.start - view.start])
            and _OF_BETWEEN.match(view.text[before.end - view.start:name.start - view.start])):
        return before
    if before is not None and before.canonical is None and name.canonical is None:
        joined = view.text[before.start - view.start:name.end - view.start]
        if (split := _OF_PARENT.match(joined)) is not None and split.group("fund") == before.text:
            name = Name(joined, before.start, name.end, before.token_start, None, before.person)
    match = _OF_PARENT.match(name.text)
    if name.canonical is not None or match is None or not match.group("fund")[:1].isupper():
        return name
    if name_key(match.group("last")) not in _entities()["investor_suffixes"]:
        return name
    fund = match.group("fund")
    return Name(fund, name.start, name.start + len(fund), name.token_start, None, name.person)


def _through_vehicle(view: SentenceView, person: Name, vehicle: Name, g: dict[str, frozenset[str]]) -> bool:
    """Whether only a vehicle link (``grammar.json`` ``vehicle_links``) stands between two names of a
    list item: the first invests through the second, and both are investors (« A via B »)."""
    between = view.text[person.end - view.start:vehicle.start - view.start].lower().split()
    return len(between) == 1 and between[0] in g["vehicle_links"]


#: Cues whose enumeration lists investors ("investors including A ($5m), B ($3m)", « auprès de A (2 M€) »).
#: Tokens at most between a lead verb and the "with" / « avec » whose names join the round it leads
#: ("led the round with", « a mené le tour de table avec »).
LEAD_WITH_REACH = 5
#: Roles of the participation cues whose doer stands before them ("B participated", « B a participé »): a "with" /
#: « avec » after one, within ``LEAD_WITH_REACH`` tokens, lists more participants.
_JOINED_WITH_ROLES = frozenset({"participants:either_side", "participants:name_before"})
#: Tokens at most between a round verb and "from" when a round taken up stands between them ("has raised this
#: capital from").
RAISED_IT_FROM_REACH = 4
#: Words that take up a round told before: the determiner of its noun, a possessive one too, an adjective at most
#: between ("this capital", « ces fonds », "its new investment").
_TAKEN_UP = re.compile(r"\b(?:this|these|the|that|those|its|their|ce|cet|cette|ces|les|son|sa|ses|leur|leurs)"
                       r"\s+(?:\w+\s+)?\w+\s*$", re.IGNORECASE)


#: The end of a text before a participant noun that makes it the receiver of something said or shown (« communiquées
#: aux investisseurs », "pitched to investors"): the names after it are no round's investors.
_ADDRESSED_TO = re.compile(r"(?:\baux|\bà|\bto)\s+(?:(?:les|des|ses|leurs|the|its|their|potential|potentiels)\s+)?$",
                           re.IGNORECASE)


def _talks_cue(view: SentenceView, cue: Cue) -> bool:
    """A cue of talks with names ("is in talks with", "is negotiating terms with", « est en discussions avec »): a
    participants cue that a ``REPORTED_MODAL`` cue overlaps. The names after it are the counterparties of the round the
    sentence tells ("Snapdeal is negotiating terms with Alibaba for a funding round of $1 billion"), no backers
    recalled."""
    return cue.label == "PARTICIPANTS" and any(
        c.label == "REPORTED_MODAL" and c.start < cue.end and cue.start < c.end for c in view.cues)


def _raised_it_from(view: SentenceView, cue: Cue) -> bool:
    """A "from" list after a round verb whose object takes up a round told before ("has raised this capital from
    A, B and C"): that round's investors, though the sentence holds no figure."""
    return any(c.label == "ROUND" and c.end <= cue.start and 0 < cue.token_start - c.token_end <= RAISED_IT_FROM_REACH
               and _TAKEN_UP.search(view.text[c.end - view.start:cue.start - view.start]) for c in view.cues)
ENUMERATING_CUES = frozenset({"PARTICIPANTS", "LIST", "WEAK_LIST", "LEAD"})
#: A short aside that opens a bracket before a ticket (« Michel Akkermans (ex-Clear2Pay, 12 millions) »): no figure,
#: no other bracket, at most 40 characters.
_ASIDE_BEFORE_TICKET = re.compile(r"\([^()]{1,40},\s*$")
#: The same aside read forward from its bracket.
_ASIDE_OPENING = re.compile(r"\([^(),]{1,40},\s*")


def bracketed_ticket(fig: Figure, subject: str | None) -> str | None:
    """The investor whose own ticket a bracketed figure is: the figure stands alone in brackets
    right after an item of an investor enumeration ("investors including B Capital ($77 million),
    Arison Holdings ($15 million) and ...", « auprès de Garance Capital (2 M€) et ... »). The
    enumeration counts as one of investors when one of its items is a known investor or is shaped
    like one ("... Capital", "... Holdings"): its other items are of the same kind. A list of deals
    (« Contentsquare (408 M€), Ledger (312 M€) ») names no investor and keeps its rounds."""
    view, m = fig.sentence, fig.mention
    head = view.text[:m.start - view.start]
    bracket = _OPEN_BRACKET.search(head) or _ASIDE_BEFORE_TICKET.search(head)
    closes = view.text.find(")", m.end - view.start)
    if bracket is None or not 0 <= closes - (m.end - view.start) <= BRACKET_TAIL or any(
            view.start + bracket.start() < other.start < m.start for other in view.money):
        return None
    at = view.start + bracket.start()
    named = [n for n in [*view.investors, *view.names] if n.end <= at and at - n.end <= PAREN_GAP + 1]
    if not named:
        return None
    name = named[-1].canonical or canonical_investor(named[-1].text)
    people = {canonical_investor(n.text) for n in view.names if _full_person(n)}
    for cue in view.cues:
        if cue.label not in ENUMERATING_CUES or cue.end > named[-1].start:
            continue
        if _after_other_class(view, cue):
            continue  # "The top deals in the quarter included A (€115m), B (€52m)": deals and their amounts
        items = _list_names(view, cue.end, subject)
        if name in items and ((cue.role == LISTING_ROLE and listing_investors(view, cue))
                              or any(_known_investor(i) or i in people for i in items)) and not _deal_bracket_before(
                view, cue, items):
            return name  # a list of investors: one of them is known or a person, or a listing verb names them
    return None


def _deal_bracket_before(view: SentenceView, cue: Cue, items: list[str]) -> bool:
    """A figure in brackets right after a name that is no item of the list, before the list's cue (« Il s'agit de
    Kalvo AI (137,5 M$) avec des investisseurs comme A, B, et de Orbix (85,7 M$) »): the sentence lists deals, a name
    with its bracketed figure after the list is the next deal, no investor's ticket."""
    for money in view.money:
        if money.end > cue.start:
            break
        head = view.text[:money.start - view.start]
        if (bracket := _OPEN_BRACKET.search(head)) is None:
            continue
        at = view.start + bracket.start()
        named = [n for n in view.names if n.end <= at and at - n.end <= PAREN_GAP + 1]
        if named and canonical_investor(named[-1].text) not in items:
            return True
    return False


def _joined_foreign(view: SentenceView, pool: list[Name], links: list[str]) -> list[Name]:
    """Names joined by the other language's conjunction and nothing else made one name: "Plug and
    Play" in a French text is one accelerator, not two investors."""
    joined: list[Name] = []
    for name in pool:
        last = joined[-1] if joined else None
        gap = view.text[last.end - view.start:name.start - view.start] if last else ""
        if last and last.canonical is None and name.canonical is None and gap.strip().lower() in links \
                and gap.startswith(" ") and gap.endswith(" "):
            joined[-1] = Name(view.text[last.start - view.start:name.end - view.start], last.start, name.end,
                              last.token_start, None, False)
        else:
            joined.append(name)
    return joined


def _after_other_figure(own: list[Figure], cue: Cue) -> bool:
    """Whether the figure nearest before a cue is no round's ("$384m from Astanor Ventures" for a
    fund, a debt line): the names after the cue are that figure's."""
    before = [f for f in own if f.mention.end <= cue.start]
    if not before:
        return False
    nearest = max(before, key=lambda f: f.mention.end)
    if nearest.role == "valuation" and _round_valuation(own, nearest):
        return False  # "raised $450 million at a $1.7 billion valuation from A, B and C": the round's own value
    return nearest.role not in {"round", "investment", "alternative"}


#: The most words between a round's figure and the valuation that prices it in the same phrase ("$450 million at a
#: $1.7 billion valuation", « 20 M€ sur une valorisation de 200 M€ »).
ROUND_VALUATION_GAP_WORDS = 4


def _round_valuation(own: list[Figure], valuation: Figure) -> bool:
    """A valuation told right after its round's figure, no punctuation between ("$450 million at a $1.7 billion
    valuation"): a part of the round's phrase."""
    view = valuation.sentence
    rounds = [f for f in own if f.role == "round" and f.mention.end <= valuation.mention.start]
    if not rounds:
        return False
    gap = view.text[rounds[-1].mention.end - view.start:valuation.mention.start - view.start]
    return not any(mark in gap for mark in ",;:()") and len(gap.split()) <= ROUND_VALUATION_GAP_WORDS


def _investing_subjects(view: SentenceView) -> list[str]:
    """Known investors written as the subject of an investment ("Microsoft announced an
    investment in Mistral", "ASML a investi ...")."""
    found = []
    for cue in view.cues:
        if cue.label != "INVEST":
            continue
        before = [n for n in view.investors if n.end <= cue.start and cue.token_start - n.token_start <= 8]
        if before:
            name = before[-1]
            if owns_next_name(view, name):
                continue  # "including SoftBank's Vision Fund 2, for an investment": the fund's owner, not the investor
            found.append(name.canonical or canonical_investor(name.text))
    return found


def _investing_doers(view: SentenceView, subject: str | None) -> list[str]:
    """The doers of an investing verb in a sentence holding a round figure: the parse's subjects
    ("Alibaba and Tencent have both invested in a $300 million round"), or, when the parse gives the
    verb no subject, the names enumerated right before it in its clause (« A et la B misent sur
    Norvane, à la faveur d'une augmentation de capital de 6 M€ »)."""
    found: list[str] = []
    for cue in view.cues:
        if cue.label != "INVEST" or _cue_verb(view, cue) is None:
            continue
        doers = _verb_doers(view, cue, subject)
        if not doers and _subjectless(view, cue):
            doers = _list_names(view, _clause_start(view, cue.start), subject, until=cue.start, max_misses=0)
        found.extend(doers)
    return found


def _givers_of_received(view: SentenceView, own: list[Figure], subject: str | None) -> list[str]:
    """The names a round's sum is received from, joined to it by a word of ``grammar.json`` giver_links right after the
    figure of a receiving verb (« Hopper a obtenu 96 millions $ de la banque Capital One »: Capital One invests)."""
    links = _grammar(view.language)["giver_links"]
    if not links or not view.parse.lemmas:
        return []
    receiving = _grammar(view.language)["receiving_verbs"]
    givers: list[str] = []
    for fig in own:
        if fig.role not in {"round", "investment", "alternative"}:
            continue
        verb = _governing_verb(fig)
        if verb is None or view.parse.lemmas[verb] not in receiving:
            continue
        after = view.text[fig.mention.end - view.start:]
        rest = after.lstrip()
        link = next((w for w in sorted(links, key=len, reverse=True) if rest.lower().startswith(w)
                     and (w[-1] in "'’" or rest[len(w):len(w) + 1].isspace())), None)
        if link is None:
            continue
        start = fig.mention.end + len(after) - len(rest) + len(link)
        givers.extend(_list_names(view, start, subject, max_misses=0))
    return givers


def _announced_investment_doers(view: SentenceView, subject: str | None, own: list[Figure]) -> list[str]:
    """The subject of a verb whose object is an investing noun naming the company invested in, a round figure of the
    sentence under the noun ("Orbix announced its investment of Rs 40 crore in Kalvo", « Orbix a annoncé son
    investissement de 5 M€ dans Kalvo »): the investor."""
    p, g = view.parse, _grammar(view.language)
    found: list[str] = []
    for cue in view.cues:
        k = cue.token_start
        if cue.label != "INVEST" or not p.heads or k >= len(p.pos) or p.pos[k] != "NOUN" or p.deps[k] not in g["object"]:
            continue
        if not any(f.role in {"round", "investment"} and k in p.ancestors(view.token_at(f.mention.start), MAX_HEAD_STEPS)
                   for f in own):
            continue  # not « Orbix avait annoncé un investissement de 200 M$ dans Tekora, tandis que PalmPay levait … »
        verb = p.heads[k]
        if verb == k or p.pos[verb] not in _VERBAL or (
                investee := _investee(view, k, None, g) or _investee(view, verb, None, g)) is None:
            continue  # (« dans Kalvo » the parse may hang on the verb)
        for doer in _doer_tokens(view, verb):  # the article's own subject too: it invests in another company
            found += [name for t in _conjuncts(p, doer) if (name := _named_phrase(view, t, None))
                      and not _is_subject(name, investee)]
    return found


def _funders_of_investee(view: SentenceView, figures: list[Figure], subject: str | None) -> list[str]:
    """The subjects of a round figure's verb when the verb or its round noun names the figure's
    company after an investee preposition: whoever puts a round into a company funds it ("Kalvo
    Capital doubled down with Series A funding of $5 million in Ergos", « X a injecté 2 M€ dans Y »)."""
    p, g = view.parse, _grammar(view.language)
    found: list[str] = []
    for fig in figures:
        if fig.role not in {"round", "investment"} or not fig.company or (verb := _governing_verb(fig)) is None:
            continue
        backed = backed_object(view, verb, subject, g) == fig.company  # "Uber is in talks to back Moove in a round"
        if not backed and _investee(view, verb, subject, g) != fig.company and not any(
                _investee(view, noun, subject, g) == fig.company for noun in _round_nouns_under(view, verb)):
            continue
        holder = subject_holder(p, verb, g) if backed else verb
        for doer in (k for k in p.children(holder) if p.deps[k] in g["active_subject"] and p.pos[k] != "PRON"):
            for token in _coordinated(p, doer, g):  # "A, B, C and D pledged": a list the parse apposes
                name = _investor_at(view, token, subject)
                if name and name_key(name) != name_key(fig.company):
                    found.append(name)
    return found


#: The role of a participation cue of everyday speech (« faire appel à »): its names are investors only in a
#: sentence that tells a round, a round noun or a figure in it (« Pour cette opération, elle a fait appel à A »).
IN_ROUND_ROLE = "participants:in_round"


def _funding_sentence(view: SentenceView) -> bool:
    """A sentence about money going into a company: a round/investment cue, an investor
    cue proper ("investisseurs", "backed by"), a lead verb ("Ces deux tours ont été menés par X"),
    a list cue opening it (the list of the sentence before goes on: « Parmi eux, ... »), or a figure."""
    return bool(view.money) or any(
        c.label in {"ROUND", "INVEST"} or (c.label == "PARTICIPANTS" and not _noun_modifier_cue(view, c)
                                           and not _after_no_round(view, c))
        or (c.label == "LEAD" and c.role == "lead:name_after" and _cue_verb(view, c) is not None)
        or (c.label == "LIST" and not view.text[:c.start - view.start].strip())  # « Parmi eux, A, B ou encore C »
        for c in view.cues)


def _after_no_round(view: SentenceView, cue: Cue) -> bool:
    """A verbless cue that lists a round's backers after its round noun (``participants:after_round``: "through") with
    no round word before it in the sentence ("ripping through Russia"): it speaks of no round (not « Les financements
    ont été apportés par X », whose verb says the deal)."""
    return cue.role == "participants:after_round" and _cue_verb(view, cue) is None and not any(
        c.label in {"ROUND", "INVEST"} and c.end <= cue.start for c in view.cues)


def _noun_modifier_cue(view: SentenceView, cue: Cue) -> bool:
    """A participant noun that only qualifies the noun after it ("investor value", "investor demand",
    "investors’ attention"): it heads no list of investors."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return False
    inside = [i for i, at in enumerate(p.starts) if cue.start <= at < cue.end]
    possessive = bool(inside) and p.pos[inside[-1]] == "NOUN" and possessive_marked(view, inside[-1])
    return bool(inside) and (possessive or all(p.pos[i] == "NOUN" and p.deps[i] in g["noun_modifier"] for i in inside))


def _run_by_founder(view: SentenceView, cue: Cue) -> bool:
    """A lead cue whose next word, past a determiner or a possessive, is a founder noun in lower case (``grammar.json``
    founder_nouns: "a Rivian spinout led by founder RJ Scaringe", « dirigée par son fondateur X »): the person who runs
    a company, no lead of a round (not "led by Founders Fund", a name)."""
    p, g = view.parse, _grammar(view.language)
    k = cue.token_end
    while k < len(p.pos) and p.pos[k] in _DETERMINER_TAGS and k - cue.token_end < 2:
        k += 1
    return (k < len(p.pos) and p.lemmas[k].lower() in g["founder_nouns"]
            and view.text[p.starts[k] - view.start].islower())


def _no_person(view: SentenceView, names: list[str]) -> list[str]:
    """The names that are no person's full name in the sentence."""
    people = {m.canonical or canonical_investor(m.text) for m in view.names if _full_person(m)}
    return [n for n in names if n not in people]


#: Tokens between a round noun and the lead cue after it ("a round led by", « un tour de table mené par »).
ROUND_LEAD_GAP = 2


#: Tokens at most between a participants cue and the round verb its names are the counterparts of ("in talks with
#: A and B to raise $100 million").
ROUND_VERB_AFTER_REACH = 12


def _round_verb_after(view: SentenceView, cue: Cue) -> bool:
    """A funding verb in the infinitive follows the cue within ``ROUND_VERB_AFTER_REACH`` tokens, no comma between
    ("is in talks with A and B to raise $100 million"): the names listed are the round's counterparts."""
    pos = view.parse.pos
    return any(c.label == "ROUND" and c.role == "round" and 0 <= c.token_start - cue.token_end <= ROUND_VERB_AFTER_REACH
               and c.token_start < len(pos) and pos[c.token_start] == "VERB"
               and "," not in view.text[cue.end - view.start:c.start - view.start]  # not "PhonePe, backed by A, raised"
               and view.text[:c.start - view.start].split()[-1:] in (["to"], ["pour"])  # an infinitive: "to raise"
               for c in view.cues)


def _after_round_noun(view: SentenceView, cue: Cue) -> bool:
    """Whether a round noun stands right before a lead cue ("a $234m round led by ...", « cette injection de
    capitaux, dirigée par ... »: an investing noun is one too)."""
    return any((c.label == "ROUND" or (c.label == "INVEST" and _noun_cue(view, c)))
               and 0 <= cue.token_start - c.token_end <= ROUND_LEAD_GAP for c in view.cues)


def _pronoun_takes_up_round(view: SentenceView, cue: Cue, before: SentenceView | None) -> bool:
    """The subject of the cue's verb is a personal pronoun and the sentence before, in the same paragraph, has a round
    noun for subject (« Cette levée de fonds est réalisée auprès de Serena. Elle est aussi soutenue par plusieurs
    business angels », "The round was led by A. It was also backed by B"): the pronoun stands for that round."""
    p = view.parse
    verb = _cue_verb(view, cue) if p.heads else None
    if verb is None or before is None or before.paragraph != view.paragraph or not before.parse.heads:
        return False
    g = _grammar(view.language)
    if not any(p.deps[k] in g["subject"] and p.pos[k] == "PRON" and _word(view, k) in g["company_pronouns"]
               for k in p.children(verb)):
        return False
    b = before.parse
    rounds = {i for c in before.cues if c.label == "ROUND" for i in range(c.token_start, c.token_end)}
    return any(b.deps[k] in g["subject"] and b.pos[k] == "NOUN" and k in rounds for k in range(len(b.heads)))


def _round_subject(view: SentenceView, cue: Cue) -> bool:
    """Whether the subject of a cue's verb is a phrase holding a round word ("The Series A cash announced on Monday
    comes from A", « Les fonds proviennent de A »), or a money noun taking it up ("The funds come from A"): the names
    after are that round's investors."""
    p = view.parse
    verb = _cue_verb(view, cue) if p.heads else None
    if verb is None:
        return False
    rounds = {i for c in view.cues if c.label in {"ROUND", "SEVERAL_ROUNDS"} or (c.label == "INVEST" and _noun_cue(view, c))
              for i in range(c.token_start, c.token_end)}  # "The investment came from A", « Les financements ont
    # été apportés par A »: a round noun too
    g = _grammar(view.language)
    determiners = g["definite_determiners"] | g["demonstrative_determiners"]
    verbs = [verb]
    if p.deps[verb] in g["inherit_subject"] and p.heads[verb] != verb and not any(
            p.deps[k] in g["subject"] for k in p.children(verb)):
        verbs.append(p.heads[verb])  # "The funding round is said to be provided by A": the subject of "said"
    return any(p.deps[k] in g["subject"] and (rounds & set(_phrase(p, k)) or (
        _word(view, k) in g["taken_up_money_nouns"]  # "The funds come from A and B": the money just told (the word:
        # "funds", not "the fund", an investment fund)
        and any(p.deps[d] == "det" and p.lemmas[d].lower() in determiners for d in p.children(k))))
        for v in verbs for k in p.children(v))


def _adjective_cue(view: SentenceView, cue: Cue) -> bool:
    """A one-word cue the parse hangs on a noun as its modifier ("the UK's leading database"), ``grammar.json``
    modifier_deps; not the end of a compound whose first part names the lead ("a Walmart-led round")."""
    p = view.parse
    glued = view.text[max(0, cue.start - view.start - 1):cue.start - view.start] == "-"  # "a Walmart-led round": led
    return (bool(p.heads) and not glued and cue.token_end - cue.token_start == 1 and cue.token_start < len(p.deps)
            and p.deps[cue.token_start] in _grammar(view.language)["modifier_deps"])


#: Tokens at most after a "-led" compound to the noun it qualifies ("a Walmart-led $20 million Series B round").
LED_COMPOUND_REACH = 8


def _led_company_compound(view: SentenceView, cue: Cue) -> bool:
    """A "-led" compound qualifying a company's name or class noun, no round word before it ("One97 Communications-led
    online payments service Paytm", "the Elon Musk-led aerospace company"): the owner that runs the company, no lead
    (not "a Walmart-led round")."""
    p = view.parse
    if not p.heads or view.text[max(0, cue.start - view.start - 1):cue.start - view.start] != "-":
        return False
    for k in range(cue.token_end, min(cue.token_end + LED_COMPOUND_REACH, len(p.pos))):
        if _round_noun(view, k) or p.pos[k] in {"PUNCT", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "NUM", "SYM"}:
            return False
        if any(n.start == p.starts[k] and _company_name(n) for n in view.names):
            return True
        if p.pos[k] == "NOUN" and p.lemmas[k].lower() in class_nouns():
            return True  # "The Elon Musk-led aerospace company": the company's class noun, no name
    return False


def _leads_something_else(view: SentenceView, cue: Cue) -> bool:
    """A lead verb whose object the parse names and is no round ("lead the way", "mène la danse")."""
    verb = _cue_verb(view, cue) if view.parse.heads else None
    return verb is not None and leads_something_else(view, verb, cue)


#: Words a round label spans ("Series A", « série B »): a name the parse finds there is a round's.
LABEL_WORDS = 2


def _describes_a_name(view: SentenceView, cue: Cue) -> bool:
    """A passive lead participle or relative clause ("led by", « mené par ») hanging on a name or on a noun for a
    company or a fund in the parse ("Kalvo, led by chief executive Anna Berg, raised ...", "Kalvo, which is led by
    ...", "The company, led by Sam Altman", "X Ventures is led by Bill Gates"): it says who runs it, not who leads a
    round. A round's name ("a $12 million Series A led by X") or figure is no such name."""
    p, g = view.parse, _grammar(view.language)
    verb = _cue_verb(view, cue) if p.heads and cue.role == "lead:name_after" else None  # the thing led heads it
    if verb is None:
        return False
    if p.deps[verb] in {*g["participle"], *g["relative"]} and p.heads[verb] != verb:
        head = p.heads[verb]
    else:  # "Breakthrough Energy Ventures is led by Bill Gates": the passive's subject is the thing led
        subjects = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
        if not subjects:
            return _apposed_to_name(view, cue)
        head = subjects[0]
    at = p.starts[head]
    if any(c.start <= at < c.end for c in view.cues if c.label in {"ROUND", "INVEST"}) \
            or any(m.start <= at < m.end for m in view.money) or round_label_in(
                view.text[p.starts[max(0, head - LABEL_WORDS)] - view.start:view.token_ends[head] - view.start]):
        return False
    if p.pos[head] == "NOUN":  # "The company, led by Sam Altman and backed by Microsoft"
        word = view.text[at - view.start:view.token_ends[head] - view.start].lower()
        if p.lemmas[head] in g["run_entities"] or word in g["run_entities"]:
            return True
    elif p.pos[head] == "PROPN" and any(n.start <= at < n.end for n in [*view.investors, *view.names]):
        return True
    return _apposed_to_name(view, cue)


def _apposed_to_name(view: SentenceView, cue: Cue) -> bool:
    """A lead participle right after a company's name and a comma (« derrière SpaceX, dirigée par Elon Musk »), where
    the parse hangs it on no round: it describes that name."""
    before = view.text[:cue.start - view.start].rstrip()
    return before.endswith(",") and any(
        n.end - view.start == len(before) - 1 and _company_name(n) for n in [*view.investors, *view.names])


def _leads_a_round_noun(view: SentenceView, cue: Cue) -> bool:
    """Whether the parse gives a lead verb a round noun for object (« mène la levée de X », "led X's
    round"): the names after the verb are the round's company, not investors."""
    p, g = view.parse, _grammar(view.language)
    verb = _cue_verb(view, cue) if p.heads else None
    return verb is not None and any(
        p.deps[k] in g["object"] and _round_noun(view, k) for k in p.children(verb))


def _clause(view: SentenceView, root: int, apart: frozenset[int] = frozenset()) -> set[int]:
    """The tokens of the clause a word heads: its subtree, less the relative clauses in it
    (« SoftBank, qui était derrière la levée de Sorare » says nothing of the round SoftBank leads),
    the clauses with a subject of their own ("…, while JOKR bagged $50m") and those ``apart`` heads."""
    p = view.parse
    found, frontier = {root}, [root]
    while frontier:
        frontier = [k for node in frontier for k in p.children(node)
                    if k not in found and k not in apart and not _relative_verb(view, k) and not _own_clause(view, k)]
        found.update(frontier)
    return found


def _lists_a_names_parts(view: SentenceView, cue: Cue) -> bool:
    """A listing verb of a relative clause that describes a name ("Tekora Group, which includes Larch and Harrow
    Media", « le groupe X, qui comprend A et B »): the names listed are that name's parts, not the round's
    investors."""
    verb = _cue_verb(view, cue)
    p = view.parse
    return (verb is not None and p.heads[verb] != verb and p.deps[verb] in _grammar(view.language)["relative"]
            and p.pos[p.heads[verb]] == "PROPN")


def _relative_verb(view: SentenceView, i: int) -> bool:
    """Whether a word heads a relative clause: the parse says so, or its subject is a relative
    pronoun (« X, qui avait mené la levée d'Ostrala » read as a complement clause)."""
    p, g = view.parse, _grammar(view.language)
    return p.deps[i] in g["relative"] or (p.pos[i] in _VERBAL and any(
        p.deps[k] in g["subject"] and _word(view, k) in _entities()["relative_openers"] for k in p.children(i)))


def _own_clause(view: SentenceView, i: int) -> bool:
    """Whether a verb heads a clause with its own subject ("while JOKR bagged $50m")."""
    p, g = view.parse, _grammar(view.language)
    return p.pos[i] in _VERBAL and any(p.deps[k] in g["subject"] for k in p.children(i))


def round_phrase_without_figure(view: SentenceView, own: list[Figure], subject: str | None,
                                figures: list[Figure]) -> bool:
    """Whether every investor a sentence names stands in a subject phrase holding a round word and
    none of the sentence's round figures (``names_in_figureless_round_subject``)."""
    names = _investor_mentions(view, subject, figures)[1] if view.parse.heads else []
    return names_in_figureless_round_subject(view, own, names)


def names_in_figureless_round_subject(view: SentenceView, own: list[Figure], names: list[str]) -> bool:
    """Whether the names all hang in the parse in the subject phrase of a round word (a funding
    participle or round noun that is, or describes, the subject of its verb), a phrase that holds none
    of the sentence's round figures, while those figures stand elsewhere: the phrase speaks of the round
    already named (« La somme collectée, auprès de A et B, dépasse le record de 100 M€ établi par X »:
    A and B are not X's investors)."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads or not names:
        return False
    funded = {view.token_at(f.mention.start) for f in own
              if f.sentence is view and f.role in {"round", "investment", "alternative"}}
    if not funded:
        return False
    at = {n: _first_position(view, n, view.start) for n in names}
    if any(start >= view.end for start in at.values()):
        return False
    named = {view.token_at(start) for start in at.values()}
    for cue in view.cues:
        if cue.label != "ROUND":
            continue
        top = view.token_at(cue.start)
        if top >= len(p.heads):
            continue
        while p.deps[top] in g["participle"] and p.heads[top] != top:  # "la somme collectée"
            top = p.heads[top]
        if p.deps[top] not in g["subject"]:
            continue  # "raised $5m in a round led by X": the round of the figure
        found, frontier = {top}, [top]  # the whole subject phrase: the parse may hang a name on its noun
        while frontier:
            frontier = [k for node in frontier for k in p.children(node) if k not in found]
            found.update(frontier)
        if named <= found and not funded & found:
            return True
    return False


def lead_figures(view: SentenceView, figures: list[Figure]) -> list[Figure] | None:
    """The round figures the lead verbs of a sentence govern: those of their own clause ("Flagship led
    a $250m round into Indigo Ag, while JOKR bagged $50m": the $250m), or, for a lead participle,
    those of the clause of the round noun it describes ("raised $5m in a round led by X"). An empty
    list when a lead verb's own subject or object is a round noun and no figure stands in its clause
    (« L'opération est menée par X, qui était derrière la levée de 580 M€ de Sorare »: the round of
    the sentences before); None when the parse says nothing, or when two lead verbs disagree."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads or all(head == k for k, head in enumerate(p.heads)):
        return None
    round_nouns = {view.token_at(c.start) for c in view.cues if c.label == "ROUND"}
    funded = [f for f in figures if f.sentence is view and f.role in {"round", "investment", "alternative"}]
    answers: list[list[Figure] | None] = []
    verbs = list(dict.fromkeys(v for c in view.cues if c.label == "LEAD" and (v := _cue_verb(view, c)) is not None))
    main = [v for v in verbs if not _relative_verb(view, v) and p.deps[v] not in g["adverbial"]]
    if main and len(main) < len(verbs):  # "The round was led by X, which led its seed round", "X led the round
        # after co-leading its $40m extension": the main clause's
        apart, verbs = frozenset(verbs) - frozenset(main), main
    else:
        apart = frozenset()
    for verb in verbs:
        if p.deps[verb] in g["participle"] and p.heads[verb] != verb:  # "a round led by X"
            top = p.heads[verb]
            while p.pos[top] not in _VERBAL and p.heads[top] != top:
                top = p.heads[top]
            tokens, anaphoric = _clause(view, top, apart), False
        else:
            tokens, anaphoric = _clause(view, verb, apart), any(k in round_nouns for k in p.children(verb))
        governed = [f for f in funded if view.token_at(f.mention.start) in tokens]
        answers.append(governed if governed else ([] if anaphoric else None))
    if not answers or any(a != answers[0] for a in answers):
        return None
    return answers[0]


def _outermost(cues: list[Cue]) -> list[Cue]:
    """Cues not nested in a longer cue of the same label ("en tête" in "avec en tête")."""
    return [
        c for c in cues
        if not any(o is not c and o.label == c.label and o.start <= c.start and c.end <= o.end
                   and (o.end - o.start) > (c.end - c.start) for o in cues)
    ]


#: Parts of speech of the words that may open an apposition before its noun ("the", "a new", « un »).
APPOSITION_OPENERS = frozenset({"DET", "ADJ"})


def _describes_name_before(view: SentenceView, cue: Cue) -> bool:
    """A cue opening an apposition right after a name (« Lowercarbon Capital, un fonds d'investissement tourné vers
    ... »): it says what the name is, not what the sentence tells."""
    p, pos = view.parse, view.parse.pos
    if cue.token_start >= len(pos):
        return False
    # the apposition's first word: the cue's own determiner, or those before it ("M12, the venture fund of
    # Microsoft"), past the nouns compounded with the cue after an indefinite article ("Omar Kalvo, a former private
    # equity investor,"; not "For Kalvo, the venture debt deal …", the subject after a fronted phrase)
    first, compounded = cue.token_start, False
    while first > 0 and (pos[first - 1] in APPOSITION_OPENERS or p.deps[first - 1] == "compound"):
        compounded = compounded or p.deps[first - 1] == "compound"
        first -= 1
    head = view.text[:p.starts[first] - view.start].rstrip()
    if not head.endswith(",") or pos[first] != "DET" or (
            compounded and p.lemmas[first].lower() not in _grammar(view.language)["indefinite_determiners"]):
        return False  # not "…, led by Walmart, bought shares": a verb after the apposition
    end = view.start + len(head) - 1
    return any(n.end == end or view.text[n.end - view.start:end - view.start].strip() == ""
               for n in [*view.investors, *view.names] if n.end <= end)


#: Tokens at most between an investing verb and the fund it invests out of ("invested out of its", « a investi via
#: son »).
VEHICLE_AFTER_INVEST_TOKENS = 4


def _investing_vehicle(view: SentenceView, cue: Cue) -> bool:
    """A fund's cue a few tokens after an investing verb, no comma between ("Bpifrance, which invested out of its
    Ambition Amorçage Angels fund"): the fund the investor puts its money in from, no fund raised."""
    return cue.label == "OTHER_FUND_CLOSE" and any(
        c.label == "INVEST" and 0 <= cue.token_start - c.token_end <= VEHICLE_AFTER_INVEST_TOKENS
        and "," not in view.text[c.end - view.start:cue.start - view.start] for c in view.cues)


def _inside_description(view: SentenceView, cue: Cue) -> bool:
    """A cue inside an apposition that describes the name before it, up to its closing comma (« Leitmotif, un
    nouveau fonds cofondé par l'ancien responsable des fusions et acquisitions de Volkswagen »): it tells what the name
    is, not what the sentence does."""
    for opener in view.cues:
        if opener.end <= cue.start and _describes_name_before(view, opener):
            comma = view.text.find(",", opener.end - view.start)
            if cue.start < (view.end if comma < 0 else view.start + comma):
                return True
    return False


#: Words at most between a genitive mark and the name it governs (« du groupe Arkéa »).
GENITIVE_NAME_GAP_WORDS = 2


def _genitive_goes_on(view: SentenceView, previous: tuple[int, int], lo: int, hi: int,
                      g: dict[str, frozenset[str]]) -> bool:
    """A description piece (``previous``) ending on a name a genitive mark governs (``grammar.json`` genitive_marks: «
    … à l’initiative du groupe Arkéa »), and the piece between ``lo`` and ``hi`` opening with a genitive mark too («
    de la Banque Populaire … et de la Région Bretagne »): one coordination of genitives, the description goes on (not
    « auprès d’Orbix, un fonds parisien, de Larch et de Tekora », where « de » repeats the list's preposition)."""
    p = view.parse

    def genitive(k: int) -> bool:
        word = view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
        return word in g["genitive_marks"] or p.lemmas[k] in g["genitive_marks"]

    first = next((k for k in range(view.token_at(lo), len(p.starts)) if lo <= p.starts[k] < hi), None)
    last = max((n for n in view.names if previous[0] <= n.start and n.end <= previous[1]), key=lambda n: n.start,
               default=None)
    if first is None or last is None or not genitive(first):
        return False
    at = view.token_at(last.start)
    return any(genitive(k) for k in range(max(0, at - GENITIVE_NAME_GAP_WORDS - 1), at))


def _founding_team_cue(view: SentenceView, cue: Cue) -> bool:
    """The cue's verb is coordinated with a founding verb or governs one, or its infinitive of purpose (``grammar.json``
    founding_verbs, founding_links: "Founded by A, and joined by B", "A and B teamed up to build the new venture"): it
    tells who makes the company; not a time clause ("Since it was founded, Kalvo has been backed by A")."""
    p = view.parse
    verb = _cue_verb(view, cue) if p.heads else None
    if verb is None:
        return False
    g = _grammar(view.language)
    founding, links = g["founding_verbs"], g["founding_links"]
    roundless = not any(c.label == "ROUND" for c in view.cues)  # « ont participé au tour pour lancer la production »:
    # the round's purpose, not the company's making
    linked = [k for k in p.children(verb) if p.pos[k] == "VERB" and (
        p.deps[k] in links or (roundless and _infinitive(view, k)))]
    if p.deps[verb] in links and p.heads[verb] != verb:
        linked.append(p.heads[verb])
    return any(p.lemmas[k].lower() in founding for k in linked)


def _describing_investor_noun(view: SentenceView, cue: Cue) -> bool:
    """A singular participant noun opening an apposition right after a name (« Capricorn Investment Group, un
    investisseur de la première heure de Tesla, et Leitmotif », "A, an early investor in Tesla, and B"): it says what
    the name before is, it neither opens a list nor ends the one it stands in."""
    p = view.parse
    return (cue.label == "PARTICIPANTS" and _noun_cue(view, cue) and cue.token_start < len(p.plural)
            and not p.plural[cue.token_start] and _describes_name_before(view, cue))


def _class_of_name_after(view: SentenceView, cue: Cue) -> bool:
    """A cue noun written right before a name ("included investment vehicle Orange Digital Ventures"): the class of
    that name, not what the sentence tells."""
    return any(n.start >= cue.end and not view.text[cue.end - view.start:n.start - view.start].strip()
               for n in [*view.investors, *view.names])


def _describes_name_it_hangs_on(view: SentenceView, cue: Cue) -> bool:
    """A cue word that is a participle describing the name it hangs on ("soon-to-be-acquired Baxalta", « Baxalta,
    rachetée par Shire, »): it says what the name is, not what the sentence tells."""
    p, g = view.parse, _grammar(view.language)
    at = cue.token_start
    if at >= len(p.pos) or p.pos[at] not in _VERBAL or p.deps[at] not in g["describing_participle"]:
        return False
    head = p.heads[at]
    return head != at and any(n.start <= p.starts[head] < n.end for n in [*view.names, *view.investors])


def _investors_of_a_class(view: SentenceView) -> bool:
    """An investor cue on a plural noun that a varied quantifier qualifies (``grammar.json`` varied_quantifiers:
    « divers investisseurs », "various global investors"), its names introduced as examples (class_example_words:
    « comme A et B », "such as A and B"): investors as a class, not those of a deal."""
    p, g = view.parse, _grammar(view.language)
    for cue in view.cues:
        k = cue.token_start
        if (cue.label != "PARTICIPANTS" or k >= len(p.pos) or p.pos[k] != "NOUN" or not p.plural[k]
                or not any(p.lemmas[d].lower() in g["varied_quantifiers"] for d in p.children(k))):
            continue
        first = next((n for n in view.names if n.start >= cue.end), None)
        before = " ".join(view.text[cue.end - view.start:first.start - view.start].lower().split()) if first else ""
        if any(before == w or before.endswith(" " + w) for w in g["class_example_words"]):
            return True
    return False


def _investor_mentions(view: SentenceView, subject: str | None, figures: list[Figure],
                       before: SentenceView | None = None) -> tuple[list[str], list[str]]:
    """(leads, all investors) a sentence names; ``before``: the sentence before it, whose round noun subject a pronoun
    may take up (« Cette levée est réalisée auprès de A. Elle est aussi soutenue par B »)."""
    if not _funding_sentence(view):
        return [], []
    # a figure in a bracketed aside describes a name (« le fonds de X (doté de 350 M€), cette levée a réuni A et B »)
    asides = [(lo, hi) for lo, hi in bracketed_asides(view) if any(lo < m.start < hi for m in view.money)]
    own = [f for f in figures if f.sentence is view]
    told = [f for f in own if not (f.role == "other" and any(lo < f.mention.start < hi for lo, hi in asides))]
    foreign = set(_OTHER_LABELS.values()) - {"secondary_sale", "rival_figure"}
    if told and all(f.role == "other" and f.why in foreign for f in told):
        return [], []  # a debt line, a market total, another company's deal
    if not any(f.role in {"round", "investment", "alternative"} for f in own) and any(
        c.label in {"OTHER_DEBT", "OTHER_ACQUISITION", "OTHER_FINE", "OTHER_FUND_CLOSE"} and not _describes_name_before(view, c)
        and not (c.label == "OTHER_DEBT" and debt_in_round(view.text[:c.start - view.start], view.text[c.end - view.start:]))
        and not _describes_name_it_hangs_on(view, c) and not _class_of_name_after(view, c) and not _inside_name(view, c)
        and not any(lo < c.start < hi for lo, hi in asides) and not _inside_description(view, c)
        and not _investing_vehicle(view, c)
        for c in view.cues  # not "Renaissance Fusion"
    ):
        return [], []  # "discuterait avec Bpifrance pour obtenir des financements par emprunt"
    round_figure = any(f.role in {"round", "investment", "alternative"} for f in own)
    if not round_figure and _backers_recalled(view):
        return [], []  # "Its existing backers include A and B": the company's backers, not this round's
    if not round_figure and _follows_earlier_deal(view):
        return [], []  # "It follows participation from A and B": earlier backers, not this round's
    if not view.money and _investors_of_a_class(view) and not definite_round(view):
        return [], []  # « une activité accrue de divers investisseurs comme A et B »: a market's investors
    leads: list[str] = []
    everyone: list[str] = _investing_subjects(view)
    if round_figure:
        everyone.extend(_investing_doers(view, subject))
        everyone.extend(_funders_of_investee(view, own, subject))
        everyone.extend(_announced_investment_doers(view, subject, own))
        everyone.extend(_givers_of_received(view, own, subject))
    elif any(c.label == "ROUND" for c in view.cues):  # "A and B invested in the round", « ont souscrit à l'augmentation »
        everyone.extend(n for c in view.cues if c.label == "INVEST" for n in _verb_doers(view, c, subject))
    recalled = view.start  # the end of a list of backers recalled ("PhonePe, backed by A and B,")
    classed = False  # a list of companies of a class that invests in nothing has begun ("Other fundraisers include")
    for cue in _outermost(view.cues):
        if cue.label in CLAUSE_CUES and _denied(view, cue):
            continue  # « les investisseurs actuels (A, B) n'auraient pas participé »: they put nothing in
        if cue.label == "LEAD":
            if (cue.role == "lead:shareholder" and not round_figure) or _leads_something_else(view, cue):
                continue
            if _adjective_cue(view, cue) or _led_company_compound(view, cue):
                continue  # "the UK's leading database": a word of leading used as an adjective leads nothing
            if _run_by_founder(view, cue):
                continue  # "a Rivian spinout led by founder RJ Scaringe": who runs a company leads no round
            if _describes_a_name(view, cue):  # « Kalvo est dirigé par A … ainsi que B, »: its managers, to the comma
                comma = view.text.find(",", cue.end - view.start)
                recalled = max(recalled, view.start + comma if comma >= 0 else view.end)
                continue
            if cue.role == "lead:names_after_list":  # "investisseurs principaux ... : A et B"
                leads.extend(_list_names(view, cue.end, subject, until=_closed_list_end(view, cue.end)))
                continue
            if cue.role in _NAME_BEFORE_LEAD and (apposed := _apposed_lead(view, cue, subject)) is not None:
                leads.append(apposed.canonical or canonical_investor(apposed.text))  # « SoftBank, le groupe ayant mené »
                continue
            doers = _verb_doers(view, cue, subject) if cue.role in _NAME_BEFORE_LEAD else []
            if doers:  # the parse's subject of the lead verb, with its conjuncts ("A et B, qui co-mènent")
                leads.extend(doers)
                if (name := _lead_name(view, cue, subject)) and name not in doers:
                    # a subject the parse splits (« Le fonds A et B ont monté ce tour »): the names
                    # coordinated from the clause's first name up to the verb lead too
                    listed = [name, *_coordinated_before(view, cue, name, subject)]
                    first = _first_position(view, name, view.start)
                    figure_inside = any(first <= m.start < cue.start for m in view.money)
                    if any(n in doers for n in listed) and not figure_inside:
                        leads.extend(listed)  # one enumeration: no figure inside it
                continue
            described = _described_lead(view, cue, subject)
            if described:  # "Harrow Ventures was the lead investor", "A, the lead investor, ..."
                leads.extend(described)
                continue
            after = _coordinated_after(view, cue, subject) if cue.role == "lead:name_after" else []
            after += _parsed_coordinates(view, cue, after, subject)
            if _singular_noun(view, cue):
                after = after[:1]  # "from lead investor A and B": the one lead, then another investor
            if not _after_round_noun(view, cue) and not _round_subject(view, cue):  # "un fonds piloté par
                after = _no_person(view, after)  # l'entrepreneur X": a manager, no lead; not « L'opération, d'un
                # montant de six millions de dollars, a été menée par Arielle Zuckerberg »: the round's lead
            leads.extend(after)  # "led by the New York bank Goldman Sachs and Tiger": each item's name
            name = None if after else _lead_name(view, cue, subject)
            if name:
                leads.append(name)
                if cue.role in _NAME_BEFORE_LEAD:  # "Tiger Global et TCV, qui co-mènent l'opération"
                    leads.extend(_coordinated_before(view, cue, name, subject))
                elif cue.role != "lead:shareholder":
                    leads.extend(_coordinated_after(view, cue, subject))  # "co-led by Tiger Global and TCV"
        led_with = any(c.label == "LEAD" and c.role in _NAME_BEFORE_LEAD and c.end <= cue.start
                       and cue.token_start - c.token_end <= LEAD_WITH_REACH
                       and not any(o.label == "LEAD" and o.role not in _NAME_BEFORE_LEAD and o.start <= c.start
                                   and c.end < o.end for o in view.cues)  # "led by" is no "A led ... with C"
                       for c in view.cues)
        joined_with = any(  # "B also participated in the round, with C, D and existing investors E": C, D took part too
            c.label == "PARTICIPANTS" and c.role in _JOINED_WITH_ROLES and c.end <= cue.start
            and cue.token_start - c.token_end <= LEAD_WITH_REACH for c in view.cues)
        if cue.label == "WEAK_LIST" and (round_figure or led_with or joined_with or _raised_it_from(view, cue)) \
                and not _after_other_figure(own, cue) and not _affiliating_person(view, cue):
            # "raised €800,000 from Granite VC"; not "two funds ($384m from A and $312m from B)"
            items = _list_names(view, cue.end, subject, max_misses=0)
            if led_with or any(_known_investor(n) for n in items):  # "from Granite VC, Omidyar Network and ...": one list
                everyone.extend(items)  # "A and B led the round with C, D and E": C, D and E took part
        if cue.label in {"PARTICIPANTS", "LEAD", "LIST"}:
            if cue.label == "PARTICIPANTS" and _noun_modifier_cue(view, cue):
                continue  # "to maximise investor value, including a healthy MOIC"
            if _takes_part_in_programme(view, cue):
                continue  # "the first startup to take part in Y Combinator's accelerator program"
            if _describing_investor_noun(view, cue):
                continue  # « Capricorn, un investisseur de la première heure de Tesla, »: what Capricorn is
            if cue.label == "PARTICIPANTS" and _founding_team_cue(view, cue):
                continue  # "Founded by A, and joined by senior industry leaders B and C", "B and C teamed up to build
                # the new venture": the team that makes the company, no investors
            if cue.label == "PARTICIPANTS" and _noun_cue(view, cue) and _portfolio_description(
                    view.text[cue.start - view.start:cue.start - view.start + PORTFOLIO_OPENER_CHARS], view.language
            ) and not any(c.label == "ROUND" and cue.end <= c.start < cue.start + PORTFOLIO_OPENER_CHARS for c in view.cues):
                continue  # « elle-même actionnaire de contrôle de Ferrari »: the company held, no investor listed; not
                # "Blueberry Ventures was a new investor in the Series D round"
            if cue.label == "PARTICIPANTS" and _backs_a_fund(view, cue):
                continue  # "investors, including a fund backed by Google": Google backs the fund
            if cue.label == "LIST" and _lists_a_names_parts(view, cue):
                continue  # "the lead investor is Tekora Group, which includes Larch and Harrow Media": its members
            if (_PORTFOLIO_BEFORE.search(view.text[:cue.start - view.start]) or _after_other_class(view, cue)
                    or _lists_raisers(view, cue)):
                classed = True  # the list goes on with the same class ("..., as well as Cameroon's Taaply")
                continue  # "an early backer of companies including Snapchat", "other deals include Plaid"
            if classed and cue.label == "LIST":
                continue
            if cue.label == "LEAD" and cue.role in _NAME_BEFORE_LEAD and _leads_a_round_noun(view, cue):
                continue  # « qui avait mené la levée d'Ostrala »: the name after is the company of the round led
            if cue.start < recalled:
                continue  # "backed by investors including Walmart": the same recalled backers
            if cue.role == "participants:after_round" and not _after_round_noun(view, cue) and not _round_subject(
                    view, cue) and not _pronoun_takes_up_round(view, cue, before) and not any(
                    f.role in {"round", "investment", "alternative"} and f.mention.start < cue.start for f in own) and not (
                    _round_verb_after(view, cue) and any(f.role == "round" for f in own)) and not (
                    _talks_cue(view, cue) and any(f.role in {"round", "alternative"} for f in own)):
                comma = view.text.find(",", cue.end - view.start)
                recalled = view.start + comma if comma >= 0 else view.end
                continue  # "PhonePe, backed by Walmart, ...": backers recalled, not this round's
            if cue.role == IN_ROUND_ROLE and not view.money and not any(c.label == "ROUND" for c in view.cues):
                continue  # « La particularité de cette solution est de faire appel à une amibe »: no round told
            if cue.role == LISTING_ROLE and not listing_investors(view, cue):
                continue  # « c'est en France que l'on trouve Exotrail »: no investors listed
            if _affiliating_person(view, cue):
                continue  # "James Schultz from Orbix Robotics": where the person works, no list of investors
            colon = view.text[cue.end - view.start:].lstrip().startswith(":")
            if cue.role == "participants:name_before" and _held_as(view, cue):
                continue  # "Paytm, which counts Alibaba as a shareholder": a backer the company has, not this round's
            if cue.role == "participants:name_before" and not colon:  # "... et Eric Schmidt y figuraient"
                clause = _clause_start(view, cue.start)
                if not any(clause <= n.start and n.end <= cue.start for n in [*view.investors, *view.names]):
                    # « A, B et C, trois autres investisseurs européens, ont pris part »: the names before the
                    # apposition that an investor noun heads
                    clause = _clause_start_past_apposition(view, cue.start, clause)
                    clause = _clause_start_past_class_item(view, clause)
                if any(clause <= n.start and n.end <= cue.start for n in [*view.investors, *view.names]):
                    listed = _list_names(view, clause, subject, until=cue.start)
                    if not listed:  # "FMO, Vertex Ventures, and existing investor X from Vietnam, also participated"
                        listed = _list_names(view, _clause_start(view, cue.start, ENUMERATION_CUES), subject,
                                             until=cue.start)
                    everyone.extend(listed)
                    if _joins_named_holders(view, cue):  # "A joined existing investors B and C in the round"
                        everyone.extend(_list_names(view, cue.end, subject))
                else:  # the subject after its verb: « Ont participé à l'opération A et B », « auquel ont participé A »
                    everyone.extend(_list_names(view, cue.end, subject))
            else:
                if cue.role == "participants" and _ADDRESSED_TO.search(view.text[:cue.start - view.start]):
                    continue  # « communiquées aux investisseurs mardi par Jared Birchall »: told to investors
                after = [] if _lists_places(view, cue) or _takes_part_in_round(view, cue) else _list_names(
                    view, cue.end, subject)
                if not after and cue.role == "participants:either_side" and not colon:
                    clause = _clause_start(view, cue.start)
                    after = _list_names(view, clause, subject, until=cue.start)
                    if not after:  # « A, B et plusieurs business angels y ont participé »
                        after = _list_names(view, _clause_start_past_class_item(view, clause), subject,
                                            until=cue.start)
                    if not after:  # « cité dans le communiqué de Kurma Partners, qui a aussi participé »
                        after = _verb_doers(view, cue, subject)
                if cue.label == "LEAD" and cue.role == "lead:name_after" and not _after_round_noun(view, cue) \
                        and not _round_subject(view, cue):
                    after = _no_person(view, after)  # "the company led by Arthur Mensch": its manager
                everyone.extend(after)
    if round_figure:
        everyone.extend(_parsed_investors(view, own, subject))  # "raised $20 million from A, B, C and D"
        everyone.extend(_digest_investors(view, own, subject))  # "Kalvo raises $4.1M / US, Recruitment / A, B"
    everyone.extend(leads)
    earlier = _earlier_raise_names(view, own) | _past_backers_names(view, subject)
    for person, firm, leading in _partners_acting_for(view, everyone):
        earlier.add(person)  # the firm's partner: the firm invests, and leads where the partner led
        leads.extend([firm] if leading else [])
        everyone.append(firm)
    return _unique(n for n in leads if n not in earlier), _unique(n for n in everyone if n not in earlier)


#: Words at most between a lead or investing verb and the behalf word naming the firm a person acts for ("led the
#: investment for Accel": two).
BEHALF_AFTER_VERB_WORDS = 3


@cache
def _behalf_after_verb(language: str) -> re.Pattern[str]:
    """The text right after a lead or investing verb up to the firm a behalf word (``grammar.json`` behalf_words)
    names: " the investment for ", « l'opération pour le compte de »."""
    words = "|".join(sorted(map(re.escape, _grammar(language)["behalf_words"]), key=len, reverse=True))
    return re.compile(rf"^\s+(?P<deal>(?:[\w'’-]+\s+){{0,{BEHALF_AFTER_VERB_WORDS}}}?)(?:{words})\s*(?:the\s+|la\s+|le\s+|l['’]\s*)?",
                      re.IGNORECASE)


def _partners_acting_for(view: SentenceView, investors: list[str]) -> list[tuple[str, str, bool]]:
    """(person, firm, whether they lead) for the people who lead or invest on behalf of an investing firm ("Amit
    Jahwar, the former general manager of Venmo and Accel Venture partner, led the investment for Accel"): the
    sentence's first name, no investor's, doing the verb, the firm after a behalf word (``grammar.json``
    behalf_words) an investor's name (an alias, a name the sentence lists, one with an investor suffix); the firm
    invests, the person is its partner."""
    held = {name_key(n) for n in investors}
    known = {name_key(n.text) for n in view.investors}
    behalf = _behalf_after_verb(view.language)
    found: list[tuple[str, str, bool]] = []
    for cue in view.cues:
        if cue.label not in {"LEAD", "PARTICIPANTS", "INVEST"} or not (after := behalf.match(view.text[cue.end - view.start:])):
            continue
        at = cue.end + after.end()
        if after.group("deal") and not any(c.label in {"ROUND", "INVEST"} and cue.end < c.start and c.end <= at
                                           for c in view.cues):
            continue  # "supported by the Centre for Technological and Industrial Development": a name's own "for"
        firm = next((n for n in [*view.investors, *view.names] if n.start == at), None)
        doer = min((n for n in view.names if n.end <= cue.start), key=lambda n: n.start, default=None)
        if (firm is None or doer is None or name_key(doer.text) in known | {name_key(firm.text)}
                or not (name_key(firm.text) in known | held or firm.canonical
                        or _fund_shaped(firm.text))):
            continue
        found.append((doer.text.strip(), (firm.canonical or firm.text).strip(), cue.label == "LEAD"))
    return found


def _earlier_raise_names(view: SentenceView, own: list[Figure]) -> set[str]:
    """The names written only inside a clause of an earlier raise, one a round verb heads under a subordinator of
    anteriority (``grammar.json`` anteriority_marks) that holds no round figure of its own (« vient de boucler un
    tour de 210 millions de dollars, après avoir levé le même montant il y a six mois auprès de A et du fonds B »):
    that earlier round's backers, not the sentence's round's."""
    p, marks = view.parse, _grammar(view.language)["anteriority_marks"]
    if not p.heads:
        return set()
    spans: list[tuple[int, int]] = []
    for cue in view.cues:
        k = cue.token_start
        if cue.label != "ROUND" or k >= len(p.pos) or p.pos[k] != "VERB" or not any(
                p.deps[d] == "mark" and p.lemmas[d].lower() in marks for d in p.children(k)):
            continue
        clause = _subtree(p, k)
        lo, hi = min(p.starts[i] for i in clause), max(view.token_ends[i] for i in clause)
        if not any(lo <= f.mention.start < hi for f in own if f.role in {"round", "investment", "alternative"}):
            spans.append((lo, hi))
    if not spans:
        return set()
    mentions = [*view.names, *view.investors]
    written: dict[str, list[bool]] = {}
    for name in mentions:
        key = (name.canonical or name.text).strip()
        written.setdefault(key, []).append(any(lo <= name.start and name.end <= hi for lo, hi in spans))
    return {key for key, inside in written.items() if all(inside)}


#: Spaced field separators after a round figure, at least, that make a line a digest entry ("X raises $4.1M / US,
#: Recruitment Platform / A, B": amount, place and sector, investors).
DIGEST_FIELDS = 2


def digest_last_field(view: SentenceView, own: list[Figure]) -> int | None:
    """Where the last field of a digest line starts (``grammar.json`` digest_field_separators, spaced, at least
    ``DIGEST_FIELDS`` of them after the line's one round figure: "Kalvo raises $4.1M / US, Recruitment Platform /
    Orbix Capital, Larch" lists its investors last), or None for any other sentence."""
    figures = [f for f in own if f.role == "round"]
    if len(figures) != 1:
        return None
    separators = _grammar(view.language)["digest_field_separators"]
    tail_at = figures[0].mention.end - view.start
    tail = view.text[tail_at:]
    cuts = [k for k in range(1, len(tail) - 1) if tail[k] in separators and tail[k - 1] == " " and tail[k + 1] == " "]
    return view.start + tail_at + cuts[-1] + 1 if len(cuts) >= DIGEST_FIELDS else None


def _digest_investors(view: SentenceView, own: list[Figure], subject: str | None) -> list[str]:
    """The investors a digest line lists in its last field (``digest_last_field``)."""
    start = digest_last_field(view, own)
    return [] if start is None else _list_names(view, start, subject)


def _cue_noun(view: SentenceView, cue: Cue) -> int | None:
    """The first token of a cue that the tagger calls a noun ("investors" of "existing investors"), if any."""
    p = view.parse
    return next((i for i, at in enumerate(p.starts) if cue.start <= at < cue.end and p.pos[i] == "NOUN"), None)


def _owned_participant_noun(view: SentenceView, cue: Cue) -> bool:
    """Whether a participant noun (backers, investors, « actionnaires ») is someone's other than a
    round's, in the parse: it has a possessor ("its backers", "Revolut's backer", « ses
    actionnaires ») that is no round noun ("the round's investors" are the round's), it is a subject
    qualified as holding already ("Existing investors include A", ``_incumbent_noun``), or it is the
    object of a verb of having ("Kalvo has two other key backers")."""
    p, g = view.parse, _grammar(view.language)
    noun = _cue_noun(view, cue)
    if noun is None:
        return False
    for k in p.children(noun):
        if p.deps[k] in g["possessor"] and p.pos[k] in {"PRON", "PROPN"}:
            return True
        if p.pos[k] == "DET" and p.lemmas[k].lower() in g["possessive_determiners"]:
            return True
        if p.pos[k] in {"ADP", "NOUN"} and _possessed_holding(view, k, g):
            return True  # "other investors on its cap table", « les investisseurs à son capital »
    if p.deps[noun] in g["subject"] and _incumbent_noun(view, noun):
        return True  # "Existing investors include A", « Les investisseurs actuels comprennent A »: the company's
    verb = p.heads[noun]
    return verb != noun and p.deps[noun] in g["object"] and p.lemmas[verb].lower() in g["having_verbs"]


def _incumbent_noun(view: SentenceView, noun: int) -> bool:
    """Whether a participant noun is qualified as holding already ("existing investors", « les actionnaires
    historiques »; grammar ``incumbent_adjectives``)."""
    p, words = view.parse, _grammar(view.language)["incumbent_adjectives"]
    return any(p.pos[k] in {"ADJ", "VERB"} and (_word(view, k) in words or p.lemmas[k].lower() in words)
               for k in p.children(noun))


def _possessed_holding(view: SentenceView, word: int, g: dict[str, frozenset[str]]) -> bool:
    """A word hanging on a participant noun, a preposition or a noun as the model hangs it, is or heads a holding noun
    with a possessive determiner ("on its cap table", « à son capital »)."""
    p = view.parse
    heads = [word, *p.children(word)]
    return any(p.lemmas[h].lower() in g["holding_nouns"] and any(
        (p.pos[d] == "DET" and p.lemmas[d].lower() in g["possessive_determiners"])
        or (p.deps[d] in g["possessor"] and p.pos[d] == "PRON") for d in p.children(h))
        for h in heads)


def _held_as(view: SentenceView, cue: Cue) -> bool:
    """Whether a role given to the names before it ("as a shareholder") hangs, in the parse, on a verb
    of having whose subject is no round noun ("Paytm, which counts Alibaba as a prominent shareholder",
    "Kalvo has Orbix as an investor"): the company's backers recalled, not a round's."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return False
    first = view.token_at(cue.start)
    verb = p.heads[first]
    if verb == first or p.lemmas[verb].lower() not in g["having_verbs"]:
        return False
    return not any(p.deps[k] in g["subject"] and _round_noun(view, k) for k in p.children(verb))


def _follows_earlier_deal(view: SentenceView) -> bool:
    """The sentence's main verb says that the deal told comes after another (``grammar.json`` sequel_verbs: "It follows
    participation from A and B", « Cette levée fait suite à l'entrée de A au capital »), its subject a pronoun or a
    round noun: the names it holds backed the company before, not in this round."""
    p, g = view.parse, _grammar(view.language)
    roots = [k for k, head in enumerate(p.heads) if head == k and p.pos[k] in _VERBAL]
    for verb in roots:
        lemma = p.lemmas[verb].lower()
        sequel = lemma in g["sequel_verbs"] or any(
            f"{lemma} {p.lemmas[k].lower()}" in g["sequel_verbs"] for k in p.children(verb))
        if sequel and any(p.deps[k] in g["subject"] and (p.pos[k] == "PRON" or _round_noun(view, k))
                          for k in p.children(verb)):
            return True
    return False


def _backers_recalled(view: SentenceView) -> bool:
    """Whether a sentence without a round figure names investors only as someone's backers ("its
    existing backers include A and B", "Kalvo has two key backers, A and B", « ses actionnaires
    historiques sont A et B »): the participant noun that heads the names is owned
    (``_owned_participant_noun``), no verb says that anyone leads, invests or takes part ("its
    existing investors also took part" does), and no round noun is named (« cette levée compte parmi
    ses investisseurs A »: whose « ses » is, the parse cannot tell)."""
    p = view.parse
    if not p.heads or all(head == k for k, head in enumerate(p.heads)):
        return False
    modifiers = _grammar(view.language)["modifier_deps"]
    nouns = [c for c in view.cues if c.label == "PARTICIPANTS" and (
        (verb := _cue_verb(view, c)) is None or p.deps[verb] in modifiers)]  # "existing investors": no verb
    acting = [c for c in view.cues if (c.label in {"LEAD", "INVEST"} or (
        c.label == "PARTICIPANTS" and c not in nouns and c.role != "participants:listing"))
        and _cue_verb(view, c) is not None]  # « Parmi ses investisseurs, on retrouve A »: a listing verb acts not
    if not nouns or acting or any(c.label == "ROUND" for c in view.cues):
        return False
    listed = [n.start for n in [*view.investors, *view.names] if n.start >= nouns[0].end]
    if not listed:
        return _incumbents_attribute(view, nouns[0])
    heading = [c for c in nouns if c.end <= min(listed)]  # the noun that heads the list of names
    return _owned_participant_noun(view, heading[-1])


def _incumbents_attribute(view: SentenceView, cue: Cue) -> bool:
    """Whether the names before a participant noun are what a copula makes them, the company's backers already
    ("A and B are existing investors", « A et B sont des actionnaires historiques »): the noun, qualified as
    already holding (grammar ``incumbent_adjectives``), is the attribute of a copula."""
    p, g = view.parse, _grammar(view.language)
    noun = _cue_noun(view, cue)
    if noun is None or not any(n.start < cue.start for n in [*view.investors, *view.names]):
        return False
    copula = [noun, *p.children(noun)] if p.heads[noun] == noun else [p.heads[noun], *p.children(noun)]
    return any(p.lemmas[k].lower() in g["copula_lemmas"] for k in copula) and _incumbent_noun(view, noun)


def _parsed_investors(view: SentenceView, figures: list[Figure], subject: str | None) -> list[str]:
    """The names the parse puts after "from" / « auprès de » on a round's verb or round noun, with
    every name coordinated with them or listed after them."""
    p, g = view.parse, _grammar(view.language)
    found: list[str] = []
    for fig in figures:
        if fig.role not in {"round", "alternative"} or (verb := _governing_verb(fig)) is None:
            continue
        amount = [i for i, at in enumerate(p.starts) if fig.mention.start <= at < fig.mention.end]
        rounds_under, sized_nouns = _round_nouns_under(view, verb), _funding_nouns_sized(view, amount)
        sizing = [h for t in amount if (h := p.heads[t]) not in amount and p.pos[h] == "ADJ"]  # "an investment
        # worth $350 million from X": "from X" hangs on "worth"
        told = [k for n in [*rounds_under, *sized_nouns] for k in p.children(n) if p.deps[k] in g["relative"] and any(
            c.label == "ROUND" and c.start <= p.starts[k] < c.end for c in view.cues)]  # "a $165 million round that
        # it raised from X": "from X" hangs on the round verb of the relative clause
        for head in dict.fromkeys([verb, *rounds_under, *amount, *sized_nouns, *sizing, *told]):
            for child in p.children(head):
                word = _word(view, child)
                # "from" heads its object (ClearNLP); « auprès » is the case marker under it (UD)
                marker = child if word in g["investor_words"] else next(
                    (k for k in p.children(child) if k < child and _word(view, k) in g["investor_words"]), None)
                if marker is None:
                    continue
                for obj in (p.children(child) if marker == child else [child]):
                    for token in _conjuncts(p, obj):
                        if name := _investor_at(view, token, subject):
                            found.append(name)
                # the small models often misparse long lists: the enumeration after the word counts too
                found += _list_names(view, view.token_ends[marker], subject, max_misses=0)
    return found


#: Dependency steps at most from a figure up to the funding noun it sizes ("a £4.6m investment from X", « un
#: investissement de 5 M€ de la part de X »).
FIGURE_NOUN_STEPS = 2


def _funding_nouns_sized(view: SentenceView, amount: list[int]) -> list[int]:
    """The round or investment nouns a figure's tokens size, up the parse and never through a verb ("secured a £4.6m
    investment from X": "investment", on which "from X" hangs)."""
    p = view.parse
    found: list[int] = []
    for node in amount:
        for _ in range(FIGURE_NOUN_STEPS):
            head = p.heads[node]
            if head == node or p.pos[head] in _VERBAL:
                break
            node = head
            if node not in found and (any(c.label in {"ROUND", "INVEST"} and c.start <= p.starts[node] < c.end
                                          for c in view.cues)
                                      or p.lemmas[node].lower() in _grammar(view.language)["amount_nouns"]):
                found.append(node)  # "funding to the tune of ₹45 crore from X": "tune", on which "from X" hangs
    return found


#: Dependency steps from a round's verb down to its round noun: the noun itself ("raised a round from
#: A"), or the object of a preposition on the verb ("raised $5M in a funding round from A"), with
#: its compound ("funding round").
ROUND_NOUN_DEPTH = 3


def _round_nouns_under(view: SentenceView, verb: int) -> list[int]:
    """The round nouns a round's verb governs, directly or through a preposition, not through
    another verb or clause ("raised $5M in a funding round from A": "round")."""
    p = view.parse
    found, frontier = [], [verb]
    for _ in range(ROUND_NOUN_DEPTH):
        frontier = [k for node in frontier for k in p.children(node) if p.pos[k] not in _VERBAL]
        found += [k for k in frontier if _round_noun(view, k)]
    return found


def _word(view: SentenceView, i: int) -> str:
    return view.text[view.parse.starts[i] - view.start:view.token_ends[i] - view.start].lower()


def _investor_at(view: SentenceView, i: int, subject: str | None) -> str | None:
    start = view.parse.starts[i]
    for name in [*view.investors, *view.names]:
        if name.start <= start < name.end:
            if name.canonical:
                return name.canonical
            if _company_name(name) and not _is_subject(name.text, subject) and not _source_name(view, name):
                return canonical_investor(name.text)
            return None
    return None


#: The cues that end a clause before a participation verb, and the fewer that end it when list words inside the
#: enumeration itself ("and existing investor X from Vietnam, also participated") hid every name.
CLAUSE_CUES = frozenset({"LEAD", "PARTICIPANTS", "LIST", "WEAK_LIST"})
ENUMERATION_CUES = frozenset({"LEAD"})


def _lists_places(view: SentenceView, cue: Cue) -> bool:
    """The list after a cue ends with a place noun ("including the Pacific Northwest and Minneapolis regions"):
    its names are places."""
    stretch = re.split(r"[,;:.()]", view.text[cue.end - view.start:], maxsplit=1)[0].split()
    return bool(stretch) and bool(_PLACE_NOUN.match(stretch[-1]))


def _clause_start(view: SentenceView, before: int, labels: frozenset[str] = CLAUSE_CUES) -> int:
    """Where the clause ending at ``before`` starts: after the last cue of ``labels`` or clause
    break before it ("mènerait le tour, auquel participeraient aussi Sequoia")."""
    start = view.start
    for cue in view.cues:
        if cue.label in labels and cue.end <= before and not _joins_two_names(view, cue):
            start = max(start, cue.end)
    head = view.text[:before - view.start]
    for match in re.finditer(r"[;:]|,\s+(?:auquel|auxquels|à laquelle|which|where|dont)\b", head):
        start = max(start, view.start + match.end())
    for _, after in _clause_conjunctions(view):  # "led by A, while B and C also participated": B and C's own clause
        if after <= before:
            start = max(start, after)
    return start


def _joins_two_names(view: SentenceView, cue: Cue) -> bool:
    """A list cue that only coordinates (``grammar.json`` coordinating_list_words) standing right between two names
    (« Larch, Schneider Electric ainsi que Technip Energies ont participé »): the list goes on across it."""
    if cue.label not in {"LIST", "WEAK_LIST"} or name_key(view.text[cue.start - view.start:cue.end - view.start]) not in {
            name_key(w) for w in _grammar(view.language)["coordinating_list_words"]}:
        return False
    names = [*view.names, *view.investors]
    return any(not view.text[n.end - view.start:cue.start - view.start].strip(" ,") for n in names if n.end <= cue.start) \
        and any(not view.text[cue.end - view.start:n.start - view.start].strip() for n in names if n.start >= cue.end)


#: A word after a comma, with the « que » a French conjunction takes (« , tandis que », ", while").
_CONJUNCTION_AFTER_COMMA = re.compile(r",\s+(\w+)(?!\s+well\s+as\b)(?:\s+qu(?:e\b|['’]))?")  # not ", as well as"


#: What an apposition after a list of names looks like, between its commas: a determiner or a number word first
#: (« , trois autres investisseurs européens, », ", two existing backers,").
_APPOSITION_BEFORE_VERB = re.compile(r",\s+[^,]{3,60},\s*(?:\S+\s+){0,3}$")


def _clause_start_past_apposition(view: SentenceView, before: int, clause: int) -> int:
    """Where the clause ending at ``before`` starts when an apposition headed by an investor noun stands between its
    subject and its verb (« A, B et C, trois autres investisseurs européens, ont également pris part »): the clause
    before that apposition's noun; ``clause`` when there is none."""
    plural = view.parse.plural
    nouns = [c for c in view.cues if c.label == "PARTICIPANTS" and c.end <= before and c.start < clause + 1
             and c.end >= clause - 1 and _class_noun_cue(view, c)
             and any(k < len(plural) and plural[k] for k in range(c.token_start, c.token_end))]  # not "its largest investor"
    head = view.text[:before - view.start]
    if not nouns or not _APPOSITION_BEFORE_VERB.search(head):
        return clause
    noun = nouns[-1]
    comma = view.text.rfind(",", 0, noun.start - view.start)
    if comma < 0:
        return clause
    return _clause_start(view, view.start + comma)


#: Between a participating verb and the round noun that is its object: a preposition and at most one determiner
#: (« a participé à la levée », "took part in the round").
_TO_ROUND_NOUN = re.compile(r"^\s*(?:à|au|aux|in|to)(?:\s+\w+['’]?)?\s*$", re.IGNORECASE)


def _takes_part_in_round(view: SentenceView, cue: Cue) -> bool:
    """A participating verb whose object is the round (« Le fonds A a participé à la levée de 9 M€ menée par B »):
    the names after it describe the round (its lead), and the participant is the verb's subject."""
    if cue.role not in {"participants", "participants:either_side"} or _noun_cue(view, cue):
        return False
    noun = min((c for c in view.cues if c.label == "ROUND" and c.start >= cue.end), key=lambda c: c.start, default=None)
    return noun is not None and bool(_TO_ROUND_NOUN.match(view.text[cue.end - view.start:noun.start - view.start]))


def _takes_part_in_programme(view: SentenceView, cue: Cue) -> bool:
    """A participating verb whose object, before any round word and within its clause, is a programme, a contest or
    an event (``grammar.json`` programme_nouns: "to take part in Y Combinator's accelerator program", « a participé
    au concours i-Nov ») or a company's founding (founding_nouns: « avait participé à la création d'OpenAI »): taking
    part in it puts no money in a round."""
    g = _grammar(view.language)
    p, nouns = view.parse, g["programme_nouns"] | g["founding_nouns"]
    if cue.label != "PARTICIPANTS" or not p.heads or cue.token_start >= len(p.pos) or p.pos[cue.token_start] not in _VERBAL:
        return False
    for k in range(cue.token_end, len(p.pos)):
        if (p.pos[k] == "PUNCT" and view.text[p.starts[k] - view.start] not in "'’") or _round_noun(view, k):
            return False
        if p.pos[k] == "NOUN" and p.lemmas[k].lower() in nouns:
            return True
    return False


def _past_backers_names(view: SentenceView, subject: str | None) -> set[str]:
    """The names a verb of inclusion (a LIST cue) lists when its subject is backers put in the past by an adjective
    (``grammar.json`` past_adjectives: "previous backers have included Orbix and Larch"): earlier rounds' backers,
    however else the sentence names them (not "Previous backers Orbix and Larch also joined", where they take part)."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return set()
    return {name for cue in view.cues if cue.label == "LIST" and cue.token_start < len(p.pos)
            and p.pos[cue.token_start] == "VERB" and any(
                p.deps[s] in g["subject"] and any(p.deps[a] == "amod" and p.lemmas[a].lower() in g["past_adjectives"]
                                                  for a in p.children(s)) for s in p.children(cue.token_start))
            for name in _list_names(view, cue.end, subject)}


def _joins_named_holders(view: SentenceView, cue: Cue) -> bool:
    """Whether a cue joins holders (« se sont associés aux actionnaires historiques »): the holders named after it
    ("A joined existing investors B and C in the round", « A s'est joint aux actionnaires historiques de Kalvo : B et
    C », « …, parmi lesquels B et C ») take part too."""
    if view.parse.lemmas[cue.token_end - 1].lower() in _grammar(view.language)["holder_nouns"]:
        return True
    # « A et B se sont joints à C et D pour lever 54 M€ »: the names joined, right after the cue, take part too
    after = view.text[cue.end - view.start:].lstrip()
    return bool(after[:1].isupper() or after[:1].isdigit()) and view.parse.lemmas[cue.token_start].lower() in \
        _grammar(view.language)["joining_lemmas"]


#: A coordinator and at most two words (a determiner, « plusieurs », "several") before a noun: the noun is the last
#: item of an enumeration.
_LAST_ITEM_BEFORE = re.compile(r"\b(?:et|and|ainsi que|as well as|&)\s+(?:\S+\s+){0,2}$")


def _clause_start_past_class_item(view: SentenceView, clause: int) -> int:
    """Where a clause starts when the cue that ends it at ``clause`` is an investor noun that is itself the
    last item of the subject's enumeration (« A, B et plusieurs business angels y ont aussi participé »,
    "A, B and several angel investors also took part"): the clause before that noun; ``clause`` otherwise."""
    noun = next((c for c in view.cues if c.label == "PARTICIPANTS" and c.end <= clause
                 and not view.text[c.end - view.start:clause - view.start].strip() and _noun_cue(view, c)
                 and _LAST_ITEM_BEFORE.search(view.text[:c.start - view.start])), None)
    if noun is None:
        return clause
    return _clause_start(view, noun.start)


#: Tokens at most between a lead cue and the investor noun that names the class of the leads listed after it
#: ("led by new investors A and B", "led by Saudi, US and UAE investors, including A").
LEAD_CLASS_REACH = 6


#: Tokens at most between that investor noun and a listing word after it ("investors, including A").
LIST_AFTER_CLASS_REACH = 2


def _noun_cue(view: SentenceView, cue: Cue) -> bool:
    """A cue with a noun and no verb in it ("business angels", which the tagger reads as a noun and an
    adjective), unlike "joined by"."""
    pos = [view.parse.pos[k] for k in range(cue.token_start, cue.token_end) if k < len(view.parse.pos)]
    return "NOUN" in pos and not {"VERB", "AUX"} & set(pos)


#: A possessive mark right after a name: "Kalvo's", "Dignitas’ shareholders".
_OWNER_MARK_AFTER = re.compile(r"^['’](?:s\b|\s)")


def _class_noun_cue(view: SentenceView, cue: Cue) -> bool:
    """A participants cue that is an investor noun ("investors", « investisseurs », "existing investors": its last
    word a noun), not a verb ("joined by")."""
    pos, last = view.parse.pos, cue.token_end - 1
    return last < len(pos) and pos[last] in {"NOUN", "PROPN"}


def _coordinated_after(view: SentenceView, cue: Cue, subject: str | None) -> list[str]:
    """Names coordinated right after a lead cue ("mené par Eurazeo et General Atlantic"),
    stopping at the first item without a name or holding another cue ("..., avec Sofina")."""
    start, reach_from = cue.end, cue.token_end
    other_cues = sorted((c for c in view.cues
                         if c.start > cue.end and c.label in {"PARTICIPANTS", "LIST", "LEAD", "WEAK_LIST"}),
                        key=lambda c: c.start)
    wanted, reach = "PARTICIPANTS", LEAD_CLASS_REACH
    while (other_cues and other_cues[0].label == wanted and other_cues[0].token_start - reach_from <= reach
           and (wanted == "LIST" or _class_noun_cue(view, other_cues[0]))
           and not any(n.start <= other_cues[0].start and other_cues[0].end <= n.end
                       for n in [*view.investors, *view.names])  # "Merian Global Investors"
           and not any(start <= n.start and n.end <= other_cues[0].start for n in [*view.investors, *view.names]
                       if _company_name(n) and not _place_after(view, n)
                       and not _OWNER_MARK_AFTER.match(view.text[n.end - view.start:]))):  # "Dignitas’ shareholders A
        # and B": the class's owner
        # "led by new investors A and B", "led by Saudi and US investors, including A, B": the class the leads are of;
        # not "led by existing investors and joined by A": a verb cue opens another list
        start, reach_from = other_cues[0].end, other_cues.pop(0).token_end
        wanted, reach = "LIST", LIST_AFTER_CLASS_REACH
    names = _list_names(view, start, subject, max_misses=0)
    other_cues = [c for c in other_cues if c.start >= start  # not "investors" inside the class "existing investors"
                  and not _completes_a_noun(view, c) and not _describing_investor_noun(view, c)]
    stops = [c.start for c in other_cues] + [opens for opens, _ in _clause_conjunctions(view) if opens >= cue.end]
    if stops:  # « mené par A, tandis que B et C ont participé »: the clause the conjunction opens is no list item
        names = [n for n in names if _first_position(view, n, cue.end) < min(stops)]
    return [n for n in names if not _subject_of_another_verb(view, _first_position(view, n, cue.end), cue)]


def _clause_conjunctions(view: SentenceView) -> list[tuple[int, int]]:
    """The (start, end) article offsets of each comma and clause conjunction that open a clause of their own (« ,
    tandis que », ", while"; ``grammar.json`` clause_conjunctions), read on the whole sentence (not ", as well as")."""
    conjunctions = _grammar(view.language)["clause_conjunctions"]
    return [(view.start + m.start(), view.start + m.end()) for m in _CONJUNCTION_AFTER_COMMA.finditer(view.text)
            if m.group(1).lower() in conjunctions]


def _completes_a_noun(view: SentenceView, cue: Cue) -> bool:
    """A participant noun that only completes the noun before it (« le groupe d'investisseurs mondial GIC », "a group
    of investors"): it describes a list item, it opens no list of its own."""
    at = cue.token_start
    if cue.label != "PARTICIPANTS" or not 0 < at <= len(view.parse.lemmas):
        return False
    g = _grammar(view.language)
    word = view.text[view.parse.starts[at - 1] - view.start:cue.start - view.start].strip().lower()
    return word in g["genitive_marks"] or (word[-1:] in "'’" and f"{word[:-1]}e" in g["genitive_marks"])  # « d’ »


def _subject_of_another_verb(view: SentenceView, at: int, cue: Cue) -> bool:
    """The name at offset ``at`` heads the subject of a verb other than the cue's ("led by A and B, and
    foundation C pitched in"): a clause of its own, not an item of the cue's list."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads or at >= view.end:
        return False
    name = next((n for n in [*view.investors, *view.names] if n.start == at), None)
    if name is None:
        return False
    inside = [k for k, start in enumerate(p.starts) if name.start <= start < name.end]
    heads = [k for k in inside if p.heads[k] not in inside]
    verb = _cue_verb(view, cue)
    return any(p.deps[k] in g["subject"] and p.heads[k] != verb and p.pos[p.heads[k]] in _VERBAL for k in heads)


def _parsed_coordinates(view: SentenceView, cue: Cue, found: list[str], subject: str | None) -> list[str]:
    """Names the parse coordinates with the names read after a lead cue, where the list goes on past
    an item that names nobody first: « menée par A, B et le fonds souverain de l'émirat, C » (C
    restates "le fonds"), up to the next investor cue (", with participation from D")."""
    p = view.parse
    if not found or not p.heads:
        return []
    stops = [c.start for c in view.cues
             if c.start > cue.end and c.label in {"PARTICIPANTS", "LIST", "LEAD", "WEAK_LIST"}]
    stop = min(stops, default=view.end)
    spans = [(n.start, n.end) for n in [*view.investors, *view.names]
             if cue.end <= n.start and (n.canonical or canonical_investor(n.text)) in found]
    tokens = _tokens_in(view, spans)
    more = []
    for token in tokens:
        for k in _conjuncts(p, token)[1:]:
            if k not in tokens and p.starts[k] < stop and (name := _named_phrase(view, k, subject)):
                more.append(name)
    return [n for n in _unique(more) if n not in found]


def _coordinated_before(view: SentenceView, cue: Cue, lead: str, subject: str | None) -> list[str]:
    """Names coordinated with the lead named before a lead verb ("Tiger Global et TCV, qui
    co-mènent"), from that lead up to the cue, stopping at the first item without a name."""
    start = _first_position(view, lead, view.start)
    if start >= cue.start:
        return []
    return _list_names(view, start, subject, until=cue.start, max_misses=0)


def _first_position(view: SentenceView, canonical: str, after: int) -> int:
    spans = [n.start for n in [*view.investors, *view.names]
             if n.start >= after and (n.canonical or canonical_investor(n.text)) == canonical]
    return min(spans, default=view.end)


#: Relations at most climbed from a noun cue to the verb it hangs on ("Existing investors A and B did not take part").
DENIED_VERB_CLIMB = 3


def _denied(view: SentenceView, cue: Cue) -> bool:
    """The cue's verb, or the verb its noun hangs on, is denied ("did not participate", « n'auraient pas participé »):
    the names it lists put nothing in."""
    p = view.parse
    if not p.heads:
        return False
    inside = [k for k, at in enumerate(p.starts) if cue.start <= at < cue.end]
    top = next((k for k in inside if p.heads[k] not in inside or p.heads[k] == k), None)
    if top is None:
        return False
    if p.pos[top] in _VERBAL:
        return negated(view, top)  # "did not participate"
    verb = next((k for k in p.ancestors(top, DENIED_VERB_CLIMB) if p.pos[k] in _VERBAL), None)
    return verb is not None and negated(view, verb)  # "Existing investors A and B did not take part"


def _verb_doers(view: SentenceView, cue: Cue, subject: str | None) -> list[str]:
    """The investors the parse makes the subject of a cue's verb ("Caldera Growth mène le tour"),
    the antecedent when the verb opens a relative clause ("A et B, qui pilotaient l'opération"),
    with every name coordinated with them; empty when the parse names none."""
    p = view.parse
    verb = _cue_verb(view, cue) if p.heads else None
    if verb is None:
        return []
    doers = _doer_tokens(view, verb)
    if not doers and cue.label == "INVEST" and not p.finite[verb]:
        doers = _infinitive_doers(view, verb)  # « Tencent vient en effet d'investir 30 M€ dans X »
    names: list[str] = []
    apposed = _grammar(view.language)["apposition"]
    for doer in doers:
        # "Growth equity firms A and B led the round": the class noun's apposed names, with their conjuncts
        tokens = [*_conjuncts(p, doer), *(t for k in p.children(doer) if p.deps[k] in apposed and p.pos[doer] == "NOUN"
                                          for t in _conjuncts(p, k))]
        for token in tokens:
            if name := _named_phrase(view, token, subject):
                names.append(name)
    if names:  # « Sofinnova Partners, Omnes, Edrip et BPIFrance y ont investi », the parse cutting the list in pieces
        before = sorted((n for n in view.names if n.end <= p.starts[verb]), key=lambda n: n.start)
        found = [n for n in before if (n.canonical or canonical_investor(n.text)) in names or n.text.strip() in names]
        names += [n.canonical or canonical_investor(n.text) for n in _coordinated_in_text(view, before, found)
                  if n not in found and _company_name(n) and not _is_subject(n.text, subject)]
    return _unique(names)


def _doer_tokens(view: SentenceView, verb: int) -> list[int]:
    """The tokens the parse makes the doers of ``verb``: its active subjects (no pronoun), else, for a verb opening a
    relative clause, its antecedent (« A et B, qui pilotaient l'opération », « le belge Leansquare qui apporte »)."""
    p, g = view.parse, _grammar(view.language)
    doers = [k for k in p.children(verb) if p.deps[k] in g["active_subject"] and p.pos[k] != "PRON"]
    if not doers and p.deps[verb] in g["relative"] and p.heads[verb] != verb:
        doers = [p.heads[verb]]
    head = p.heads[verb]
    if (not doers and p.deps[verb] in g["participle"] and p.pos[head] == "PROPN" and p.heads[head] == head
            and verb > 0 and p.pos[verb - 1] == "PROPN" and not any(p.deps[k] in g["agent"] or p.deps[k] in g["agent_via"]
                                             for k in p.children(verb))):
        doers = [head]  # "Orbix Capital, Larch Capital and Zeno Technologies invested in the round": the parse makes the
        # verb a participle under the names, which root a sentence with no verb of its own
    return doers


#: The investing cue roles for which a fund noun doing the verb passes it on to its owner and its name.
INVESTING_DOER_ROLES = frozenset({"invest"})


def verb_doer_mentions(views: list[SentenceView], roles: frozenset[str]) -> Counter[str]:
    """How many times the parse makes each name (by key) the doer of the verb of a cue whose role is one of
    ``roles`` in the article, with the names coordinated or apposed with it (an investing role: "CEFC also
    participated", « A, B et C y ont investi 39 M$ »; a raising one: « X a levé »)."""
    found_keys: Counter[str] = Counter()
    for view in views:
        p, g = view.parse, _grammar(view.language)
        for cue in view.cues:
            if cue.role not in roles or not p.heads or (verb := _cue_verb(view, cue)) is None:
                continue
            if cue.label == "LEAD" and leads_something_else(view, verb, cue):
                continue  # "Taboola led the pack with a $117 million round": ahead of the others, no round led
            tokens = {t for doer in _doer_tokens(view, verb) for t in _coordinated(p, doer, g)}
            tokens |= {k for t in tokens for k in p.children(t) if p.deps[k].startswith("flat")}  # « le belge Leansquare »
            if roles & INVESTING_DOER_ROLES:  # "Orbix's startup fund, Orbix Foundry, has invested": the fund's
                tokens |= {k for t in tokens if p.lemmas[t] in g["fund_nouns"] for k in p.children(t)  # owner and name
                           if p.deps[k] in g["apposition"] or p.deps[k] in g["possessor"]}
            named = sorted(view.names, key=lambda n: n.start)
            found = [n for n in named if any(n.start <= p.starts[t] < n.end for t in tokens)]
            found_keys.update(name_key(n.text) for n in _coordinated_in_text(view, named, found))
    return found_keys


def backing_doer_mentions(views: list[SentenceView]) -> Counter[str]:
    """How many times the parse makes each name (by key) the doer of a backing verb whose direct object names the
    company it backs ("Uber is in talks to back Moove": Uber; ``grammar.json`` backed_object_verbs)."""
    found_keys: Counter[str] = Counter()
    for view in views:
        p, g = view.parse, _grammar(view.language)
        for verb, lemma in enumerate(p.lemmas):
            if lemma not in g["backed_object_verbs"] or p.pos[verb] != "VERB" or backed_object(view, verb, None, g) is None:
                continue
            holder = subject_holder(p, verb, g)
            tokens = {t for k in p.children(holder) if p.deps[k] in g["active_subject"] for t in _coordinated(p, k, g)}
            found_keys.update(name_key(n.text) for n in view.names if any(n.start <= p.starts[t] < n.end for t in tokens))
    return found_keys


def _coordinated_in_text(view: SentenceView, named: list[Name], found: list[Name]) -> list[Name]:
    """The names the text coordinates with ``found`` (only a comma or a conjunction between: « Tessaro, Orbix et
    Halvor y ont investi », which the parse may cut into pieces), in either direction."""
    chained = {id(n) for n in found}
    changed = True
    while changed:
        changed = False
        for left, right in itertools.pairwise(named):
            gap = view.text[left.end - view.start:right.start - view.start]
            if (id(left) in chained) != (id(right) in chained) and _COORDINATION_GAP.match(gap):
                chained |= {id(left), id(right)}
                changed = True
    return [n for n in named if id(n) in chained]


def _infinitive_doers(view: SentenceView, verb: int) -> list[int]:
    """The subject of the first verb up the tree from an infinitive that has none (« Tencent vient d'investir »,
    "Larch has agreed to invest", whatever the parse hangs the infinitive on), at most ``MAX_CLAUSE_CLIMB`` steps
    up; none past a name (a noun phrase the infinitive describes: « le fonds Larch, créé pour investir »)."""
    p, g = view.parse, _grammar(view.language)
    node = verb
    for _ in range(MAX_CLAUSE_CLIMB):
        if p.heads[node] == node:
            return []
        node = p.heads[node]
        if p.pos[node] == "PROPN":
            return []
        if p.pos[node] in _VERBAL:
            return [k for k in p.children(node) if p.deps[k] in g["active_subject"] and p.pos[k] != "PRON"]
    return []


#: Dependency steps from a common noun down to the name that says who it is: « la banque publique
#: Bpifrance » (one), « la société d'investissement Eurazeo » (two: the name hangs on the noun's
#: complement).
NAMING_DEPTH = 2


def _named_phrase(view: SentenceView, token: int, subject: str | None) -> str | None:
    """The investor a noun phrase names: the name at its head, else the nearest name under it through
    the naming relations (``grammar.json`` ``naming``), at most ``NAMING_DEPTH`` steps down."""
    p, g = view.parse, _grammar(view.language)
    if name := _investor_at(view, token, subject):
        return name
    frontier = [token]
    for _ in range(NAMING_DEPTH):
        frontier = [k for node in frontier for k in p.children(node) if p.deps[k] in g["naming"]]
        if name := next((n for k in frontier if (n := _investor_at(view, k, subject))), None):
            return name
    return None


def _singular_noun(view: SentenceView, cue: Cue) -> bool:
    """Whether a cue is a noun in the singular ("lead investor", not "lead investors", nor "led by")."""
    p = view.parse
    if not p.plural or _cue_verb(view, cue) is not None:
        return False
    if cue.text.split()[-1].lower() in _grammar(view.language)["agent_marks"]:
        return False  # « piloté par A, B et C »: a participle the tagger may call a noun, and its agents
    nouns = [i for i, at in enumerate(p.starts) if cue.start <= at < cue.end and p.pos[i] == "NOUN"]
    return bool(nouns) and not p.plural[nouns[-1]]


def _described_lead(view: SentenceView, cue: Cue, subject: str | None) -> list[str]:
    """The names a lead noun describes, read from the parse: the subject it is the predicate of
    ("Harrow Ventures was the lead investor", « A et B sont les chefs de file ») or the name it stands
    in apposition to ("Harrow Ventures, the lead investor, was joined by ..."), with the names
    coordinated with them; empty for a lead verb, or a lead noun the parse relates to no name."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads or _cue_verb(view, cue) is not None:
        return []
    span = [i for i, at in enumerate(p.starts) if cue.start <= at < cue.end]
    head = next((i for i in span if p.heads[i] not in span or p.heads[i] == i), None)
    if head is None:
        return []
    if p.deps[head] in g["apposition"] and p.heads[head] != head:
        holders = [p.heads[head]]
    elif p.deps[head] in g["predicate"] and p.heads[head] != head:  # en: the noun hangs on "be"
        holders = [k for k in p.children(p.heads[head]) if p.deps[k] in g["active_subject"]]
    elif any(p.deps[k] in g["copula"] for k in p.children(head)):  # fr: the copula hangs on the noun
        holders = [k for k in p.children(head) if p.deps[k] in g["active_subject"]]
    else:
        return []
    names = [name for holder in holders if p.pos[holder] != "PRON"
             for token in _conjuncts(p, holder) if (name := _named_phrase(view, token, subject))]
    return _unique(names)


def _subjectless(view: SentenceView, cue: Cue) -> bool:
    """Whether the parse gives a lead cue's verb neither a subject nor an antecedent: an apposition
    ("et de Pivoine Ventures, co-lead sur le tour")."""
    p, g = view.parse, _grammar(view.language)
    verb = _cue_verb(view, cue) if p.heads else None
    if verb is None or all(head == k for k, head in enumerate(p.heads)):
        return False  # no parse: nothing to tell
    return not any(p.deps[k] in g["subject"] for k in p.children(verb)) and p.deps[verb] not in g["relative"]


#: Roles of the lead cues that are nouns for the lead ("investisseur principal"): a copula after one names it.
_LEAD_NOUN_ROLES = frozenset({"lead:name_after_or_before", "lead:names_after_list"})


def _affiliation_of_person(view: SentenceView, name: Name) -> bool:
    """The name is where a person named just before works, after a role title apposed to them (« Daniel Ek, fondateur
    de Spotify, »): the person's affiliation, no party of its own."""
    return any(person.person and person.end <= name.start and _apposed_workplace(view, person) is name
               for person in view.names)


#: Characters at most of an apposition between a name and the lead cue it holds (« SoftBank, le groupe japonais ayant
#: mené la levée de fonds », "SoftBank, the Japanese group that led the round"): a determiner first, no comma, and a
#: relative pronoun or a participle that makes the cue's verb describe the noun (not « avec EQT Ventures, les
#: Français ont mené le tour », a clause of its own).
LEAD_APPOSITION_CHARS = 60
_APPOSITION_BEFORE_LEAD = re.compile(
    rf"^\s*,\s+(?:le|la|l['’]|les|un|une|the|an?)\s*(?=[^,;:()«»\"]{{0,{LEAD_APPOSITION_CHARS}}}$)"
    r"[^,;:()«»\"]*\b(?:qui|ayant|that|which|having)\b[^,;:()«»\"]*$", re.IGNORECASE)


def _apposed_lead(view: SentenceView, cue: Cue, subject: str | None) -> Name | None:
    """The name right before an apposition that holds a name-before lead cue, no name between (« vante Marcelo Claure,
    directeur général de SoftBank, le groupe japonais ayant mené la levée de fonds »): the apposition describes that
    name, the lead, whoever the clause's subject is and whoever works there."""
    before = [n for n in [*view.investors, *view.names] if n.end <= cue.start]
    if not before:
        return None
    name = max(before, key=lambda n: n.end)
    if not _APPOSITION_BEFORE_LEAD.match(view.text[name.end - view.start:cue.start - view.start]) or any(
            name.end <= n.start and n.end <= cue.start for n in [*view.investors, *view.names]):
        return None
    if _is_subject(name.text, subject) or _full_person(name) or not (_company_name(name) or _known_investor(name.text)):
        return None
    return name


def _lead_name(view: SentenceView, cue: Cue, subject: str | None) -> str | None:
    pool = [(n, n.canonical) for n in view.investors] + [
        (n, None) for n in view.names
        if (_company_name(n) and not _is_subject(n.text, subject) and not _full_person(n)) or _known_investor(n.text)
        if not any(n.start < k.end and k.start < n.end for k in view.investors)
    ]
    suffixes = _entities()["investor_suffixes"]
    pool = [p for p in pool if not _is_subject(p[0].text, subject) and _company_name(p[0])
            and name_key(p[0].text) not in suffixes  # "Venture capital firm X": "Venture" names nobody
            and not _affiliation_of_person(view, p[0])  # « Daniel Ek, fondateur de Spotify, est le fer de lance »
            and not _role_title_after(view, p[0])]  # "Facebook cofounder Eduardo Saverin's B Capital Group is likely to lead"
    after = sorted((p for p in pool if p[0].start >= cue.end), key=lambda p: p[0].start)
    before = sorted((p for p in pool if p[0].end <= cue.start), key=lambda p: -p[0].end)
    if cue.role in _NAME_BEFORE_LEAD or cue.role == "lead:shareholder":
        order = sorted(before, key=lambda p: p[0].start)  # the clause's subject comes first
        if cue.role == "lead:appositive" or _cue_verb(view, cue) is None or _subjectless(view, cue):
            # "..., avec New Wave comme chef de file", "et de Medicxi, co-lead sur le tour": the clause's name
            clause = _clause_start(view, cue.start)
            order = [p for p in order if p[0].start >= clause] or order
    elif cue.role in {"lead:name_after_or_before", "lead:names_after_list"}:
        order = after + before
    else:
        order = after
    if not order:
        return None
    name = order[0][0]
    distance = name.start - cue.end if name.start >= cue.end else cue.start - name.end
    if distance > 120:
        return None
    if name.start >= cue.end and _deal_for_name(view, cue.end, name, _grammar(view.language)):
        return None  # "spearheaded by a $250M debt raise for Tamara": the deal that leads, Tamara received it
    p = view.parse
    # « Le principal investisseur de cette levée est X »: the copula names the lead the noun cue stands for
    copulas = _grammar(view.language)["copula_lemmas"] if cue.role in _LEAD_NOUN_ROLES else frozenset()
    if name.start >= cue.end and any(cue.end <= p.starts[k] < name.start and k < len(p.finite) and p.finite[k]
                                     and p.lemmas[k] not in copulas for k in range(len(p.pos))):
        return None  # "a consortium led by the world's richest person made an offer ... OpenAI": past the clause's verb
    return order[0][1] or canonical_investor(name.text)


# --------------------------------------------------------------------------- how a role was found

#: Cues whose words a participant's name may hang on in the parse ("backed by", « auprès de »).
_PARTICIPANT_CUES = frozenset({"PARTICIPANTS", "LIST", "WEAK_LIST", "INVEST", "LEAD"})


def _tokens_in(view: SentenceView, spans: list[tuple[int, int]]) -> set[int]:
    starts = view.parse.starts
    return {i for i, at in enumerate(starts) for lo, hi in spans if lo <= at < hi}


def _parse_linked(view: SentenceView, anchors: set[int], name_tokens: set[int]) -> bool:
    """Whether the parse joins a name to an anchor (a cue's or a verb's tokens): the name (or the
    first name it is coordinated with) hangs on the anchor directly or through one word ("led by
    X", « mené par X »), or the anchor hangs on the name ("X, qui mène le tour")."""
    p = view.parse
    if not anchors or not name_tokens or not p.heads:
        return False
    names = set(name_tokens)
    for token in name_tokens:
        while p.deps[token] == "conj" and p.heads[token] != token:  # "led by A and B": B under A
            token = p.heads[token]
            names.add(token)
    if any(p.heads[t] in anchors or p.heads[p.heads[t]] in anchors for t in names):
        return True
    return any(p.heads[a] in names for a in anchors)


def role_signal(view: SentenceView, name: str, lead: bool, parsed: list[str], verbs: set[int]) -> str:
    """How a sentence states that ``name`` invested (``lead``: that it led): "grammar" when the
    parse puts it after the round verb's "from" (``parsed``: ``_parsed_investors``) or joins it to
    an investor cue or to the round's verb (``verbs``), else "cue" for a lead (the name nearest a
    lead cue) and "list" for an investor (named in a list after a cue). A signal only: it changes
    no fact."""
    if not lead and name in parsed:
        return "grammar"
    spans = [(n.start, n.end) for n in [*view.investors, *view.names]
             if (n.canonical or canonical_investor(n.text)) == name]
    labels = {"LEAD"} if lead else _PARTICIPANT_CUES
    anchors = _tokens_in(view, [(c.start, c.end) for c in view.cues if c.label in labels])
    if not lead:
        anchors |= verbs
    if _parse_linked(view, anchors, _tokens_in(view, spans)):
        return "grammar"
    return "cue" if lead else "list"


def round_verbs(view: SentenceView, figures: list[Figure]) -> set[int]:
    """The verbs governing the round and investment figures of a sentence."""
    return {verb for f in figures if f.sentence is view and f.role in {"round", "investment", "alternative"}
            and (verb := _governing_verb(f)) is not None}


def _speaker(view: SentenceView, name: str) -> bool:
    """Whether ``name`` is a person the sentence only quotes: the subject of a verb that governs a
    reported clause ("“…,” said Ana Lopes, partner at X", "X, a partner at Y, says the round …")
    whose own subject is no pronoun standing for the speaker ("X said he invested" says they
    invest). A quoted person is an investor only when the text says they invest."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return False
    for person in view.names:
        if not person.person or (person.canonical or canonical_investor(person.text)) != name:
            continue
        for k in range(view.token_at(person.start), min(view.token_at(person.end - 1) + 1, len(p.heads))):
            verb = p.heads[k]
            if p.deps[k] not in g["active_subject"] or verb == k:
                continue
            clauses = [c for c in p.children(verb) if p.deps[c] in g["reported_clause"]]
            if clauses and not any(p.pos[s] == "PRON" and p.deps[s] in g["subject"]
                                   for c in clauses for s in p.children(c)):
                return True
    return False


def described_non_investor(view: SentenceView, name: str) -> bool:
    """Whether the words right before a name's first mention make it a founder, a source or a
    speaker (``_not_investor``): « relate sa présidente et cofondatrice X »."""
    at = next((n.start for n in [*view.investors, *view.names] if (n.canonical or canonical_investor(n.text)) == name), None)
    return at is not None and _not_investor(view.text[:at - view.start])


def list_names(view: SentenceView, lo: int, subject: str | None) -> list[str]:
    """The names an enumeration starting at ``lo`` lists (``_list_names``), for the layer above."""
    return _list_names(view, lo, subject)
