"""What a name is: a possible company, an investor, a medium, a place, a person, a descriptor or the source of a figure."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache

from analysis.extract.sentences import Cue, Name, SentenceView, _round_object
from analysis.extract.vocabulary import (
    _HONORIFIC_BEFORE,
    _KIN_AFTER,
    _KIN_BEFORE,
    _MARKET_OF_BEFORE,
    _MEDIUM_BEFORE,
    _ORDINAL,
    _ORIGIN_BEFORE,
    _PLACE_AFTER,
    _PLACE_NOUN_AFTER,
    _PLACE_OF_BASED,
    _POSSESSIVE_AFTER,
    _REPORT_TOPIC,
    _RIVAL_AFTER,
    _RIVAL_BEFORE,
    _ROLE_APPOSED_AFTER,
    _ROLE_POSSESSIVE_AFTER,
    _ROLE_TITLE_BEFORE,
    _SERIES_BEFORE,
    _VENTURE_OWNER_AFTER,
    INVESTOR_CONTEXT_LABELS,
    PATTERNS_DIR,
    PLACE_AFTER_REACH,
    _context_words,
    _entities,
    _grammar,
    _places,
    _round_labels,
    canonical_investor,
    name_key,
)
from analysis.nlp import class_nouns

#: Characters at most between the possessive mark after an owner's name and the name it owns ("SoftBank's Vision Fund").
OWNED_NAME_GAP = 1


def owns_next_name(view: SentenceView, name: Name) -> bool:
    """The name is the possessor of the name right after it ("SoftBank's Vision Fund 2"): the owner of the fund, which
    invests nothing itself."""
    mark = _POSSESSIVE_AFTER.match(view.text[name.end - view.start:])
    return mark is not None and any(
        0 <= n.start - (name.end + mark.end()) <= OWNED_NAME_GAP for n in [*view.names, *view.investors])


def _inside_name(view: SentenceView, cue: Cue) -> bool:
    """A cue word that is part of a capitalised name ("Boehringer Ingelheim Venture Fund",
    "Seine Capital"): the name of an investor, not a fund close or another kind of figure; not a headline's run ending
    on a plural class noun (``entities.json`` plural_class_ends: "Indian Startups Raise $3.1 Billion"), a class of
    companies."""
    return any(n.start <= cue.start and cue.end <= n.end and (n.end - n.start) > (cue.end - cue.start)
               and name_key(n.text).rsplit(" ", 1)[-1] not in _entities()["plural_class_ends"]
               for n in [*view.names, *view.investors])


def _is_subject(name: str, subject: str | None) -> bool:
    if subject is None:
        return False
    key, subject_key = name_key(name), name_key(subject)
    return bool(key) and (key == subject_key or subject_key.startswith(key + " ") or key.startswith(subject_key))


@cache
def _entities_data() -> dict[str, object]:
    return json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))


@cache
def _role_titles() -> frozenset[str]:
    """Words of a person's role (``entities.json`` role_titles)."""
    return frozenset(name_key(x) for x in _entities_data()["role_titles"])  # type: ignore[attr-defined]


@cache
def _place_prepositions(language: str) -> tuple[str, ...]:
    """Words before a place, per language (``entities.json`` place_prepositions)."""
    return tuple(_entities_data()["place_prepositions"].get(language, ()))  # type: ignore[attr-defined]


def _titled_person(text: str) -> bool:
    """A name holding a role title ("Acme CEO Jane Doe", « le PDG Jean Dupont »): a person."""
    words = name_key(text).split(" ")
    titles = _role_titles()
    return len(words) > 1 and any(" ".join(words[i:j]) in titles  # "Acme Chief Executive Officer Jane Doe"
                                  for i in range(len(words)) for j in range(i + 1, min(len(words), i + ROLE_TITLE_WORDS) + 1))


#: Words at most in a role title ("Chief Executive Officer").
ROLE_TITLE_WORDS = 4


def _place_only(text: str, form: str, language: str) -> bool:
    """The text writes ``form`` only after a place preposition (« à Lyon », « en Afrique »): a place."""
    words = _place_prepositions(language)
    if not words or not form:
        return False
    before = "|".join(map(re.escape, words))
    every = re.findall(rf"(?<!\w){re.escape(form)}(?!\w)", text)
    placed = re.findall(rf"\b(?:{before})\s+{re.escape(form)}(?!\w)", text, re.IGNORECASE)
    return bool(every) and len(placed) == len(every)


#: A quarter, half-year or fiscal-year label (« T1 2024 », « S2 », "Q1’16", "H2 2023", "FY25", "FY2024-25"): a period,
#: never a company.
_PERIOD_LABEL = re.compile(r"^(?:(?:Q|H|T|S)[1-4](?:\s*['’]?\s*\d{2}(?:\d{2})?)?|FY\s*['’]?\d{2}(?:\d{2})?(?:[-–/]\d{2}(?:\d{2})?)?)$")


#: Characters before a name searched for ``_SERIES_BEFORE`` (the longest series word and a space).
SERIES_WORD_REACH = 8
#: A series letter and the number of one of its parts ("C-1", "B-2"), written without "Series": a round label.
_SUB_SERIES_LABEL = re.compile(r"^[A-H]-[1-9]$")


def _company_name(name: Name) -> bool:
    """A name that could be a company or investor: not a news outlet, place, month, ordinal, company suffix or
    common word."""
    key = name_key(name.text)
    ents = _entities()
    return (bool(key) and key not in ents["media"] and f"the {key}" not in ents["media"]  # "The Information reported"
            and key not in ents["not_company"] and key not in ents["not_company_alone"]
            and not any(key.startswith(label + " ") for label in ents["origin_labels"])  # "Made in France": a label
            and key not in _places() and _without_article(key) not in _places()  # « l’Occitanie », « le Maroc »
            and f"{key} city" not in _places()  # "Ho Chi Minh", the city written without its "City"
            and key not in ents["company_suffixes"]  # "Inc" of "Robinhood Markets, Inc.": the end of a name
            and not _titled_person(name.text) and key not in _role_titles()  # « Président » alone: a role
            and len(key) > 1 and not _ORDINAL.match(key.split(" ")[0])  # "4th", « 9e Tour de France »
            and not _round_label_name(name.text)
            and not _PERIOD_LABEL.match(name.text.strip())  # "Q1’16", "H2 2023", « T1 2024 »: a period
            and not _SUB_SERIES_LABEL.match(name.text.strip())  # "a C-1 round": a series' part, not a company
            and key not in ents["number_words"]  # « Neuf start-up ont levé ... »
            and not any(word in ents["event_heads"] for word in key.split(" ")[1:])  # "Boao Forum for Asia": an event
            and not _common_words_only(key.split(" "))  # "September 2024", "a Japanese Crypto Startup"
            and not _split_common_compound(name.text)
            and not _prefixed_adjective(name.text))


def _prefixed_adjective(text: str) -> bool:
    """A word never a company or a place behind an adjective prefix and a hyphen ("Pan-African", "Sub-Saharan"): an
    adjective, no name."""
    prefix, hyphen, rest = text.strip().partition("-")
    if not hyphen or prefix.lower() not in _entities()["adjective_prefixes"] or " " in rest:
        return False
    key = name_key(rest)
    return key in _entities()["not_company"] or key in _places()


#: A French definite article opening a name (« l’Occitanie », « le Maroc », « la Tunisie »).
_FRENCH_ARTICLE = re.compile(r"^(?:l'|le |la |les )")


def _without_article(key: str) -> str:
    """A name key without its opening French definite article."""
    return _FRENCH_ARTICLE.sub("", key, count=1)


def _common_words_only(words: list[str]) -> bool:
    """Name words that are all common ones: each a number or never a company ("September 2024"), the first one
    possibly a word only a longer name may open ("Crypto Startup" of "A Japanese Crypto Startup Says")."""
    ents = _entities()
    return all(_NUMBERING.fullmatch(w) or w in ents["not_company"] for w in words[1:]) and (
        words[0].isdigit() or words[0] in ents["not_company"] or (len(words) > 1 and words[0] in ents["not_company_alone"]))


#: A word that numbers what a common word names: digits, with a letter or a second number after a slash ("Phase 2b",
#: "Phase 1/2"), or a roman numeral ("Phase III").
_NUMBERING = re.compile(r"\d+[a-z]?(?:/\d+[a-z]?)?|[ivx]{1,4}")


def _split_common_compound(text: str) -> bool:
    """A common compound written in two words, with its lower-case adjectives (« la Food Tech française », "Ag
    Tech"): ``entities.json`` not_company holds it as one word ("FoodTech", "AgTech")."""
    capitalised = [w for w in text.split() if not w[:1].islower()]
    return len(capitalised) > 1 and name_key("".join(capitalised)) in _entities()["not_company"]


def _round_label_name(text: str) -> bool:
    """A name that is only a round label ("Series B", « Série A »), never a company."""
    return any(pattern.fullmatch(text.strip()) for pattern, _ in _round_labels())


_DESCRIPTOR_AFTER = re.compile(r"^((?:\s+[a-zà-ÿ][\w'’-]*){1,3})\s+[A-ZÀ-Ý]")


@cache
def _descriptor_apposing() -> re.Pattern[str]:
    """The text after a capitalised word that ends on a company class noun and apposes a name to it between commas
    ("Borderless payments company, Chipper Cash, raised"): the capitalised word describes the company named after."""
    return re.compile(rf"^((?:\s+[a-zà-ÿ][\w'’-]*){{0,2}}\s+(?:{_alternation('company_class_words')})s?)\s*,\s*[A-ZÀ-Ý]",
                      re.IGNORECASE)


#: Little words that link two names rather than describe the second ("Accel and Index").
_LINK_WORDS = frozenset({"and", "et", "or", "ou", "with", "avec", "from", "by", "par", "of", "de", "du", "des", "la",
                         "le", "les", "the", "a", "an", "to", "in", "on", "for", "pour", "sur", "à", "au", "aux",
                         "chez", "at", "its", "son", "sa", "ses", "their", "leur", "via", "plus", "vs", "versus",
                         "as", "comme", "than", "que", "qui", "who", "which", "en", "dans", "into", "over"})


#: An elided little word glued to a capitalised word (« d'Elon », « l'Allemand »).
_ELIDED_BEFORE_NAME = re.compile(r"^[a-zà-ÿ]['’][A-ZÀ-Ý]")


def _descriptor(view: SentenceView, name: Name) -> bool:
    """A capitalised word describing the name after it ("Telemedicine platform Exodaya
    Space closed ...", "Building energy-retrofit specialist Zentaar"): followed by one to
    three lower-case nouns and another name, no cue and no linking word between."""
    match = _DESCRIPTOR_AFTER.match(view.text[name.end - view.start:]) or _descriptor_apposing().match(
        view.text[name.end - view.start:])
    if match is None:
        return False
    words = match.group(1).split()
    if any(w.lower() in _LINK_WORDS or _ELIDED_BEFORE_NAME.match(w) for w in words):
        return False  # « Kalvo d'Elon Musk »: an elided « de » and a name, no describing word
    gap_end = name.end + match.end(1)
    if any(name.end <= c.start < gap_end for c in view.cues):
        return False
    # "SenseTime said Thursday ...": a verb after the name makes it the doer, not a descriptor.
    p = view.parse
    return not any(name.end <= p.starts[k] < gap_end and p.pos[k] in {"VERB", "AUX"}
                   and p.lemmas[k] != view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
                   for k in range(len(p.starts)))  # an inflected verb ("said"), not a mis-tagged noun ("startup")


#: Parts of speech of a capitalised word opening its sentence that, as a modifier of the lower-case noun after it
#: ("Shortlisted biotechs": a participle), is no name.
_MODIFIER_POS = frozenset({"VERB"})  # not an adjective: the model calls unknown names so ("Yulu bikes, that …")
#: Lower-case nouns or adjectives at most between a capitalised modifier and the class noun it qualifies ("the San
#: Francisco food delivery startup").
MODIFIED_NOUN_REACH = 3


def opening_modifier(view: SentenceView) -> int | None:
    """The token of a capitalised participle that opens the sentence as a modifier of the lower-case noun after it
    ("Shortlisted biotechs raised $200 million"): no name; None when the sentence opens otherwise."""
    p = view.parse
    first = next((k for k in range(len(p.pos)) if p.pos[k] != "PUNCT"), None)
    if (first is None or p.pos[first] not in _MODIFIER_POS or p.deps[first] != "amod" or first + 1 >= len(p.starts)
            or p.heads[first] <= first or not view.text[p.starts[first + 1] - view.start:][:1].islower()):
        return None
    return first


def _noun_modifier(view: SentenceView, name: Name) -> bool:
    """A capitalised word between a determiner, or the sentence's opening, and a class or market noun it qualifies
    (``entities.json`` descriptor_heads: "the eGrocery company's valuation", "compete with the International market",
    "OT cybersecurity vendor Dragos"): a modifier, not a name. Other nouns leave the name alone ("the Kalvo app
    raised ...")."""
    p = view.parse
    first, last = view.token_at(name.start), view.token_at(name.end - 1)
    opening = all(p.pos[k] == "PUNCT" for k in range(first))
    if opening and first == last and opening_modifier(view) == first:
        return True  # "Shortlisted biotechs raised $200 million": a participle opening the sentence, no name
    if not opening and (first == 0 or p.pos[first - 1] != "DET"):
        return False
    for after in range(last + 1, min(len(p.pos), last + 2 + MODIFIED_NOUN_REACH)):
        word = view.text[p.starts[after] - view.start:view.token_ends[after] - view.start]
        if p.pos[after] not in {"NOUN", "ADJ"} or not word[:1].islower():
            return False
        if p.pos[after] == "NOUN" and p.lemmas[after] in _entities()["descriptor_heads"]:
            # "the San Francisco food delivery startup is in talks": a place qualifying the company; opening the
            # sentence, only with the company named right after ("OT cybersecurity vendor Dragos reaches")
            return not opening or any(n.start == view.parse.starts[after + 1] for n in view.names
                                      if after + 1 < len(p.starts))
    return False


#: Words at most between an apposition's article and the class noun that ends it ("X, a UK-based biotechnology firm").
APPOSED_CLASS_REACH = 3
#: Characters before a name searched for the class noun right before it (the longest class word, its plural and a space).
CLASS_WORD_BEFORE_REACH = 16
#: Characters before a name searched for a company class noun and its trade (« l'entreprise de VTC et de taxi »).
CLASS_OF_TRADE_REACH = 48
#: Words at most of a trade after a company class noun (« de VTC et de taxi »: three).
TRADE_WORDS = 4


def _alternation(key: str) -> str:
    """The words of one ``entities.json`` list as a regex alternation, longest first."""
    return "|".join(sorted((re.escape(w) for w in _entities_data()[key]),  # type: ignore[attr-defined]
                           key=len, reverse=True))


#: Words at most of a name coordinated before another right after a company class noun ("companies A B and C").
COORDINATED_NAME_WORDS = 4


@cache
def _company_class_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The text right after a name that apposes a company class noun to it, and the text right before one that
    ends with such a noun (``entities.json`` company_class_words)."""
    words = _alternation("company_class_words")
    after = re.compile(rf"^\s*,\s*(?:a|an|one|une?|la|le|l['’])\s*(?:[\w’'-]+\s+){{0,{APPOSED_CLASS_REACH}}}?"
                       rf"(?:{words})s?\b", re.IGNORECASE)
    before = re.compile(rf"(?<![\w-])(?:{words})s?\s*,?\s+"  # "payments company, Chipper Cash,"
                        rf"(?:(?:(?-i:[A-Z])[\w'’.&-]*\s+){{1,{COORDINATED_NAME_WORDS}}}(?:and|et)\s+)?$", re.IGNORECASE)
    # ("foodtech companies Perfect Day and Memphis Meats": the name coordinated with the one the class noun opens too)
    return after, before


@cache
def _company_class_of_trade() -> re.Pattern[str]:
    """The text right before a name that ends with a company class noun and its trade (« l'entreprise de VTC et de
    taxi », « la start-up de livraison »), ``entities.json`` company_class_words."""
    words, investing = _alternation("company_class_words"), _alternation("investing_trades")
    return re.compile(rf"(?<![\w-])(?:{words})s?\s+(?:de|d['’]\s*)(?!\s*(?:{investing})\b)"
                      rf"(?:\s*(?:et\s+)?(?:de\s+|d['’]\s*)?[\w’'-]+){{1,{TRADE_WORDS}}}\s+$", re.IGNORECASE)


@cache
def _rival_apposition(language: str) -> re.Pattern[str]:
    """The text right after a name that apposes to it a rival of a named company (« Didi Chuxing, le concurrent chinois
    d’Uber », "X, the Chinese rival of Uber"; ``grammar.json`` rival_nouns)."""
    g = _grammar(language)
    nouns = "|".join(map(re.escape, g["rival_nouns"]))
    marks = "|".join(map(re.escape, g["collective_owner_words"]))
    return re.compile(rf"^\s*,\s*(?:[\w’'-]+\s+){{1,{APPOSED_CLASS_REACH}}}?(?:{nouns})s?\s+(?:[\w’'-]+\s+)?"
                      rf"(?:{marks}|d['’])\s*(?-i:[A-Z])", re.IGNORECASE)


def _described_as_company(view: SentenceView, name: Name) -> bool:
    """The sentence calls the name a company, in apposition after it ("Chitose Bio Evolution, a biotechnology firm,")
    or right before it ("biotech firm X", « la start-up X »), or as what a class noun is (« La start-up qui a levé le
    plus de fonds est X »): a company, even when the model tags it a person."""
    after, before = _company_class_patterns()
    return bool(after.match(view.text[name.end - view.start:]) or _rival_apposition(view.language).match(
        view.text[name.end - view.start:])
                or before.search(view.text[max(0, name.start - view.start - CLASS_WORD_BEFORE_REACH):name.start - view.start])
                or _company_class_of_trade().search(
                    view.text[max(0, name.start - view.start - CLASS_OF_TRADE_REACH):name.start - view.start])
                or any(_copula_names(view, c, name) for c in view.cues))  # « La start-up qui a levé le plus de
    # fonds est SEBA Crypto »: the class noun's clause names it by a copula


def _full_person(name: Name) -> bool:
    """A person's name as the press writes it (first and last name). The French model also
    tags unknown company names as people: one word ("Brikios réunit 200 millions €") or
    ending like a company ("Valoum Energy") or an investor ("Caldera Growth", "Lindqvist Ventures")."""
    words = name.text.split()
    suffixes = _entities()["company_suffixes"] | _entities()["investor_suffixes"]
    return name.person and len(words) > 1 and name_key(words[-1]) not in suffixes


_SOURCE_AFTER = re.compile(r"^\s+(?:data|figures|numbers|research|estimates|statistics)\b", re.IGNORECASE)
#: The end of the text before the name that made a report (« le Swiss Venture Capital Report, réalisé par »).
_REPORT_AUTHOR_BEFORE = re.compile(rf"(?:{_context_words('report_author_before')})", re.IGNORECASE)
#: Characters before a name searched for the report it made.
REPORT_AUTHOR_REACH = 120


@cache
def _filed_with(language: str) -> re.Pattern[str]:
    """The text right before the name a filing goes to (« a déposé une demande auprès de la », "filed with the";
    ``grammar.json`` filing_words), a few words between at most."""
    words = "|".join(map(re.escape, _grammar(language)["filing_words"]))
    return re.compile(rf"\b(?:{words})\b(?:\s+[^\s,;.]+){{0,{FILING_REACH}}}?\s+(?:auprès\s+d(?:e|u|es|['’])|with)"
                      rf"\s*(?:(?:la|le|les|the)\s+|l['’]\s*)?$", re.IGNORECASE)


#: Words at most between a filing word and the preposition that names where it goes (« déposé une demande auprès de »).
FILING_REACH = 4


def _source_name(view: SentenceView, name: Name) -> bool:
    """A name given as the source of a figure ("d'après KPMG", "selon le cabinet EY",
    "according to PitchBook", "KPMG data show"), or the authority a filing goes to (« déposé auprès de la Securities
    and Exchange Commission », "filed with the SEC"): never a funded company, nor an investor."""
    if _SOURCE_AFTER.match(view.text[name.end - view.start:]):
        return True
    if _REPORT_AUTHOR_BEFORE.search(view.text[max(0, name.start - view.start - REPORT_AUTHOR_REACH):name.start - view.start]):
        return True  # « le dernier Swiss Venture Capital Report, réalisé par Startupticker »: the report's author
    if _filed_with(view.language).search(view.text[:name.start - view.start]):
        return True
    if _reporting_subject(view, name):
        return True
    for cue in view.cues:  # "..., Jane Picker and Mike Isaac report in the New York Times": the reporters
        if cue.role == REPORTER_SUBJECT_ROLE and cue.start >= name.end and _NAMES_ONLY.match(
                view.text[name.end - view.start:cue.start - view.start]) and not tells_own_round(view, cue):
            return True
    for cue in view.cues:  # (an unnamed source's cue names no one after it: "sources said Kalvo raised")
        if cue.label == "REPORTED_ATTRIB" and cue.end <= name.start and cue.role not in _NAMELESS_SOURCE_ROLES:
            gap = _SOURCES_BEFORE.sub("", view.text[cue.end - view.start:name.start - view.start])
            if len(gap.split()) <= 4 and not re.search(r"[,;:]", gap) and not _REPORT_TOPIC.match(gap):
                return True  # "reported by X", not "reported on the scooter startup Bird"; « selon le rapport
                # mensuel de Wamda et Digital Digest »: each source
    return False


#: A run of capitalised words, a name as a source or a reporter is written ("Digital Digest", "Mike Isaac").
_CAPITALISED_RUN = r"[A-ZÀ-Ý][\w.'’-]*(?:\s[A-ZÀ-Ý][\w.'’-]*)*"
#: Names coordinated by "and" / « et » right before another name: sources one cue gives together (« selon le rapport
#: mensuel de Wamda et Digital Digest »).
_SOURCES_BEFORE = re.compile(rf"(?:{_CAPITALISED_RUN}\s+(?:et|and)\s+)+$")
#: Roles of source cues that name no one ("people familiar with the matter said", "has not confirmed").
_NAMELESS_SOURCE_ROLES = frozenset({"reported_attrib:unnamed", "reported_attrib:unconfirmed"})
#: Only more names joined by "and" / « et » between a name and the verb after it (" and Mike Isaac "; not ", B and C,
#: Entrackr ", an enumeration whose last name only is the reporter).
_NAMES_ONLY = re.compile(rf"^(?:\s+(?:and|et)\s+{_CAPITALISED_RUN})*\s*$")
#: Role of a verb of reporting whose subject is the source of what it reports ("The Herald
#: reported that ...", « Le Journal rapporte que ... »), never a company of the story.
REPORTER_SUBJECT_ROLE = "reported_attrib:by_subject"


def _reporting_subject(view: SentenceView, name: Name) -> bool:
    """The name is the subject of a reporting verb (a ``reported_attrib:by_subject`` cue) in the parse."""
    cues = [c for c in view.cues if c.role == REPORTER_SUBJECT_ROLE]
    if not cues:
        return False
    g = _grammar(view.language)
    p, subject = view.parse, g["subject"]
    first, last = view.token_at(name.start), view.token_at(name.end - 1)
    return any(p.deps[k] in subject and any(c.token_start <= p.heads[k] < c.token_end for c in cues)
               and not _reports_own_round(view, p.heads[k], g)
               for k in range(first, min(last + 1, len(p.heads))))


def tells_own_round(view: SentenceView, cue: Cue) -> bool:
    """A reporting cue whose verb tells its subject's own round (``_reports_own_round``)."""
    g = _grammar(view.language)
    return any(_reports_own_round(view, k, g) for k in range(cue.token_start, cue.token_end))


def _reports_own_round(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """The clause a reporting verb governs tells a round with a possessive (« Kalvo Group on Tuesday reported its latest
    round of fundraising had generated $150 million »), or its object is the completion of a round ("Tissium SA
    reported the close of a series D funding round"): the subject tells its own round, a company, no medium."""
    p = view.parse
    rounds = {k for c in view.cues if c.label == "ROUND" for k in range(c.token_start, c.token_end)}
    for done in (c for c in p.children(verb) if p.deps[c] in g["object"]
                 and p.lemmas[c].lower() in g["deal_completion_nouns"]):
        if any(done in p.ancestors(k, REPORTED_ROUND_DEPTH) for k in rounds):
            return True  # "Tissium SA reported the close of a series D funding round, raising $54 million"
    for clause in (c for c in p.children(verb) if p.deps[c] in g["reported_clause"]):
        for k in (j for j in range(len(p.heads)) if clause in p.ancestors(j, REPORTED_ROUND_DEPTH) or j == clause):
            if p.deps[k] in g["possessor"] and p.heads[k] in rounds and p.pos[k] == "PRON":
                return True
    return False


#: Relations at most from a reported clause's verb down to the round noun its possessive determines.
REPORTED_ROUND_DEPTH = 3


@cache
def _known_investor_names() -> frozenset[str]:
    from analysis.investors import alias_rows

    return frozenset(row.canonical for row in alias_rows())


#: The number of a fund after its investor's name: a Roman or Arabic numeral ("III", "2").
_FUND_NUMBER = re.compile(r"^(?:[ivx]{1,4}|\d{1,2})$")


def _known_investor(text: str) -> bool:
    """True for any spelling the alias table knows, typos included ("Lighstpeed"), and for
    names shaped like an investor ("... Capital", "... Ventures", "... Partners")."""
    if canonical_investor(text) in _known_investor_names():
        return True
    words = name_key(text).split(" ")
    if len(words) > 2 and _FUND_NUMBER.match(words[-1]):
        words = words[:-1]  # "Cherry Ventures III", "Partech Growth 2": a numbered fund of an investor
    suffixes = _entities()["investor_suffixes"]
    return len(words) > 1 and (words[-1] in suffixes or " ".join(words[-2:]) in suffixes)


def _sentence_companies(view: SentenceView, subject: str | None) -> list[Name]:
    """Companies a sentence names as possible funded companies (not investors, people, media...)."""
    return [n for n in view.names if n.canonical is None and not _is_subject(n.text, subject)
            and _company_candidate(view, n)]


#: Characters before a name searched for the fund's noun that introduces it (« le fonds liégeois »).
FUND_NOUN_REACH = 30
#: A fund's noun or a vehicle's right before a name, the French « fonds » with at most two adjectives after it (« le
#: fonds liégeois Noshaq », "fund Orion"; not « levée de fonds de MyLight », « le plus de fonds est SEBA Crypto »,
#: "Electric-vehicle maker Via Motors" nor "the Vision Fund would power Revolut's growth"): the name is a fund's.
_FUND_BEFORE = re.compile(
    r"\b(?:véhicule|vehicle|fund|fonds(?:\s+(?!(?:de|du|des|la|le|les|par|pour|à|au|aux|et|ou|est|sont|était|étaient|a|ont)\b)"
    r"[a-zà-ÿ][a-zà-ÿ-]*){0,2})\s+$", re.IGNORECASE)


#: A capitalised word opening a sentence and followed by one of these is a common noun
#: ("Shares of the company were sold ...", "Investors in the round ...").
_OPENING_NOUN_AFTER = re.compile(
    r"^\s+(?:of|in|at|for|from|with|to|de|du|des|on(?!\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
    r"|Oct|Nov|Dec|\d)))\s", re.IGNORECASE)  # not "Kalvo on June 20 announced", a date after the company


def _common_opening(view: SentenceView, name: Name) -> bool:
    """A one-word name opening its sentence and followed by a preposition: a common noun."""
    return (view.text[:name.start - view.start].strip(" «\"“'(") == "" and " " not in name.text.strip()
            and _OPENING_NOUN_AFTER.match(view.text[name.end - view.start:]) is not None)


def _rubric(view: SentenceView, name: Name) -> bool:
    """A name opening its sentence before a colon, another capitalised name after it ("Daily Briefing: Validus bagged
    $28m"): a rubric, the name after the colon does what the sentence tells."""
    if view.text[view.opening - view.start:name.start - view.start].strip(" «\"“'‘"):
        return False
    after = view.text[name.end - view.start:]
    colon = re.match(r"\s*:\s*", after)
    return colon is not None and any(n.start == name.end + colon.end() for n in view.names)


def _medium_branch(text: str) -> bool:
    """A medium's name and a word after it ("PitchBook Platform", "Forbes France", "Bloomberg News"): a medium, the
    source of a figure, never a funded company (it may still be an investor: "Bloomberg Beta")."""
    words = name_key(text).split(" ")
    media, alone = _entities()["media"], _entities()["media_alone"]
    return len(words) > 1 and any(" ".join(words[:k]) in media - alone for k in range(1, len(words)))


#: Characters before a name searched for a rival's word (« le concurrent direct de l'américain Doctolib »).
RIVAL_REACH = 48
#: Characters before a name searched for a medium's noun (« le quotidien économique »).
MEDIUM_NOUN_REACH = 40
#: Characters before a name searched for a role title ("Chief Executive Officer ").
ROLE_TITLE_REACH = 32
#: Characters before a name searched for a courtesy title (« Mmes », "Prof.").
HONORIFIC_REACH = 8


def _lead_compound_opening(view: SentenceView, name: Name) -> bool:
    """The name is the first half of a lead compound (``entities.json`` leading_compounds: "The Elon Musk-led aerospace
    company", "a Walmart-led round"): it qualifies the noun after it, who leads, never the company funded."""
    after = view.text[name.end - view.start:name.end - view.start + LEAD_COMPOUND_REACH]
    return after.startswith("-") and after[1:].split(" ", 1)[0].lower() in _entities()["leading_compounds"]


#: Characters read before a name for a market noun and its complement's article (« le marché des »).
MARKET_NOUN_REACH = 24


#: Characters read after a name for the word its hyphen glues to it ("-led").
LEAD_COMPOUND_REACH = 16


def _company_candidate(view: SentenceView, name: Name, person_ok: bool = False, investor_ok: bool = False,
                       teller_ok: bool = False) -> bool:
    """A name that may be a funded company: not a medium, place or common word, not a
    person, a descriptor, a figure's source, an investor or a fund ("son fonds Smart City III").
    ``person_ok``: the name is the doer of a round verb, so a company whatever the model's type
    ("Pure Harvest bags $150 million", the model reading "Pure Harvest" as a person). ``investor_ok``: the text
    calls the name a company (« l'entreprise montréalaise LightSpeed »), so an investor's alias spelled the same
    does not make it one. ``teller_ok``: the name tells its own round ("the $8 million round that PushDoctor
    reported"), so a telling verb after it does not make it a figure's source."""
    return (_company_name(name) and (person_ok or not _full_person(name) or _described_as_company(view, name))
            and not _descriptor(view, name)
            and name_key(name.text) not in _entities()["investor_suffixes"]  # a bare "Ventures": a fund's name cut
            and not _medium_branch(name.text) and not _rubric(view, name)
            and name_key(name.text).rsplit(" ", 1)[-1] not in _entities()["plural_class_ends"]  # "AI Robotics Startups
            # Raise $1.2 Billion": a class of companies (an investor may still be named so: "ACE Startups")
            and name_key(name.text).rsplit(" ", 1)[-1] not in _entities()["investor_class_ends"]  # "Silicon Valley VCs"
            and not (view.publisher and _in_publisher(name.text, view.publisher))
            and (teller_ok or not _source_name(view, name)) and (investor_ok or not _known_investor(name.text))
            and not _noun_modifier(view, name)
            and not _FUND_BEFORE.search(view.text[max(0, name.start - view.start - FUND_NOUN_REACH):name.start - view.start])
            and not _common_opening(view, name) and not _class_noun_phrase(name.text)
            and not _PLACE_OF_BASED.match(view.text[name.end - view.start:])  # "San Jose, Calif-based firm Vectra"
            and not _place_after(view, name)  # "Quantum Systems, based in Munich, secured"
            and not _place_continued(view, name)  # « l’Arabie saoudite », the name cut before its lower-case word
            and not _origin_before(view, name)  # "firm founded at Edinburgh Uni", « spin off de Medtronic »
            and not _HONORIFIC_BEFORE.search(view.text[max(0, name.start - view.start - HONORIFIC_REACH):
                                                       name.start - view.start])  # "Mr Chambers", « M. Dupont »
            and not _SERIES_BEFORE.search(view.text[max(0, name.start - view.start - SERIES_WORD_REACH):name.start - view.start])
            and not _other_company_after(view.text[name.end - view.start:])  # "SpaceX challenger raises €40m"
            and not _RIVAL_BEFORE.search(view.text[max(0, name.start - view.start - RIVAL_REACH):name.start - view.start])
            and not _MARKET_OF_BEFORE.search(view.text[max(0, name.start - view.start - MARKET_NOUN_REACH):
                                                       name.start - view.start])  # « le marché des Marketplace »
            and not _MEDIUM_BEFORE.search(view.text[max(0, name.start - view.start - MEDIUM_NOUN_REACH):
                                                    name.start - view.start])  # "news agency PTI citing sources said"
            and not _ROLE_APPOSED_AFTER.match(view.text[name.end - view.start:])  # "He Xiaopeng, co-founder of Xpeng"
            and not _ROLE_TITLE_BEFORE.search(view.text[max(0, name.start - view.start - ROLE_TITLE_REACH):
                                                        name.start - view.start])  # "Co-founders Mike Kayamori"
            and not _KIN_BEFORE.search(view.text[max(0, name.start - view.start - ROLE_TITLE_REACH):name.start - view.start])
            and not _KIN_AFTER.match(view.text[name.end - view.start:])  # « les frères Cohen », "the Cohen brothers"
            and not _PLACE_NOUN_AFTER.match(view.text[name.end - view.start:])  # "the Minneapolis region"
            and not _public_body_name(name.text)  # "the Danish Financial Supervisory Authority"
            and not _in_investor_relative(view, name)  # "led by Pi Ventures, which also backed SigTuple"
            and not _arranger(view, name)  # "JP Morgan had been drafted in to manage the $500m raise"
            and not _possessed_product(view, name)  # « célèbre pour ses enceintes compactes Phantom »
            and not _quoted_likeness(view, name)  # "the “Uber for trucking” startup", « le « Uber » égyptien »
            and not _lead_compound_opening(view, name)  # "The Elon Musk-led aerospace company": who leads it
            and (investor_ok or not any(name.start < k.end and k.start < name.end for k in view.investors)))


#: Quotation marks that open and close a nickname ("the “Uber for trucking” startup", « le « Uber » égyptien »).
_OPENING_QUOTES = frozenset({"“", "«", '"', "‘", "'"})
_CLOSING_QUOTES = frozenset({"”", "»", '"', "’", "'"})
#: Lower-case words at most after the name inside a likeness's quotes ("“Uber for trucking”").
LIKENESS_WORDS = 3


def _quoted_likeness(view: SentenceView, name: Name) -> bool:
    """A name opening a quoted phrase after a determiner, the phrase going on in lower case ("the “Uber for trucking”
    startup") or closing on the name before an adjective or a preposition (« Kalvo, le « Uber » égyptien »), the
    phrase describing a class noun after it or apposed to a name before it: the company told of is likened to the
    name, which raises nothing here (not « La « Tesla chinoise » amasse 700 millions », the nickname the only name
    the deal has)."""
    p = view.parse
    first, last = view.token_at(name.start), view.token_at(name.end - 1)
    if not (first >= 2 and last + 2 < len(p.starts) and _token_text(view, first - 1) in _OPENING_QUOTES
            and p.pos[first - 2] == "DET"):
        return False
    apposed = first >= 3 and view.text[p.starts[first - 3] - view.start] == ","
    for k in range(last + 1, min(last + 2 + LIKENESS_WORDS, len(p.starts) - 1)):
        text = _token_text(view, k)
        if text in _CLOSING_QUOTES:
            return (k > last + 1 or p.pos[k + 1] in {"ADJ", "ADP"}) and (apposed or p.pos[k + 1] == "NOUN")
        if not text[:1].islower():
            return False
    return False


def _token_text(view: SentenceView, k: int) -> str:
    """The text of a sentence's token ``k``, without the space or punctuation after it."""
    p = view.parse
    end = p.starts[k + 1] if k + 1 < len(p.starts) else view.end
    return view.text[p.starts[k] - view.start:end - view.start].strip(" ,.;:")


def _arranger(view: SentenceView, name: Name) -> bool:
    """The name is the subject of an arranging verb (``grammar.json`` arranging_verbs), or of the verb whose clause
    holds one ("JP Morgan had been drafted in to manage the $500m raise", « la banque mandatée pour organiser la
    levée »): a bank or an adviser working on the round, never its company."""
    p = view.parse
    if not p.heads:
        return False
    g = _grammar(view.language)
    first, last = view.token_at(name.start), min(view.token_at(name.end - 1), len(p.heads) - 1)
    for k in range(first, last + 1):
        verb = p.heads[k]
        if p.deps[k] not in g["subject"] or verb == k:
            continue
        if _arranges_round(view, verb, g) or any(
                p.deps[c] in ARRANGING_CLAUSE_DEPS and _arranges_round(view, c, g) for c in p.children(verb)):
            return True
    return False


def _arranges_round(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """An arranging verb whose object is a round noun ("manage the $500m raise"; not "managed to raise $5 million")."""
    return view.parse.lemmas[verb].lower() in g["arranging_verbs"] and _round_object(view, verb, g)


#: Relations of the clause under a verb that says what its subject is there for ("drafted in to manage").
ARRANGING_CLAUSE_DEPS = frozenset({"xcomp", "advcl", "acl"})


#: Dependency steps at most from a name up to the relative clause that holds it ("which was also an early backer of
#: Bangalore-based SigTuple": "SigTuple", "of", "backer", "was").
RELATIVE_CLAUSE_STEPS = 5
#: Cue labels that open a list of a round's investors ("led by", "from", « auprès de »).
_INVESTOR_LIST_LABELS = frozenset({"LEAD", "PARTICIPANTS"})


def _in_investor_relative(view: SentenceView, name: Name) -> bool:
    """The name stands in a relative clause that describes an investor listed after a lead or participation cue
    ("a seed round led by Pi Ventures, which was also an early backer of SigTuple"): the investor's portfolio, not the
    company of the sentence's deal."""
    p, g = view.parse, _grammar(view.language)
    if not p.heads:
        return False
    node = view.token_at(name.start)
    for _ in range(RELATIVE_CLAUSE_STEPS):
        if node >= len(p.heads) or p.heads[node] == node:
            return False
        if p.deps[node] in g["relative"]:
            at = p.starts[p.heads[node]]
            return any(n.start <= at < n.end and n.end <= name.start and any(
                c.label in _INVESTOR_LIST_LABELS and c.end <= n.start for c in view.cues) for n in view.names)
        node = p.heads[node]
    return False


def short_names_known(views: list[SentenceView]) -> tuple[list[SentenceView], dict[str, str]]:
    """A capitalised word opening a sentence that the tagger reads as a common noun ("Morrow previously raised €32mn",
    "Morrow’s €100mn fundraising") is the short name of a company the article names in full elsewhere ("a funding round
    by Morrow Batteries"), when the word is the sentence's subject or possessor. Returns the sentences, those with such
    a word as a copy holding it among their names, and each short name with the full name it stands for."""
    openers: list[tuple[SentenceView, int, str]] = []  # (sentence, token, word) of each unnamed opening subject
    for view in views:
        p, g = view.parse, _grammar(view.language)
        first = view.token_at(view.opening)
        if not p.heads or first >= len(p.heads) or p.pos[first] not in {"NOUN", "PROPN"} or not (
                p.deps[first] in g["subject"] or p.deps[first] in g["possessor"]):
            continue
        word = view.text[p.starts[first] - view.start:view.token_ends[first] - view.start]
        if word.isalpha() and word[:1].isupper() and not any(
                n.start <= p.starts[first] < n.end for n in [*view.names, *view.investors]):
            openers.append((view, first, word))
    standalone = {n.text.strip() for view in views for n in view.names}
    wanted = {word for _, _, word in openers} - standalone  # not "Convoy", named alone elsewhere beside its product
    # "Convoy Go": a name of its own
    full: dict[str, str] = {}
    for view in views if wanted else ():
        for name in view.names:
            words = name.text.split()
            if len(words) > 1 and words[0] in wanted and words[0] not in full and name.canonical is None \
                    and name_key(name.text) not in _places() and _company_candidate(view, name):
                full[words[0]] = name.text
    added: dict[str, str] = {}
    named: dict[int, Name] = {}  # id of a sentence -> its short name
    for view, first, word in openers:
        if word in full:
            named[id(view)] = Name(word, view.parse.starts[first], view.token_ends[first], first, None)
            added[word] = full[word]
    return [replace(view, names=sorted([*view.names, named[id(view)]], key=lambda n: n.start)) if id(view) in named
            else view for view in views], added


def _public_body_name(text: str) -> bool:
    """A name of several words ending on a public body's noun ("Financial Supervisory Authority", "Competition
    Commission"): a regulator or a ministry, never a funded company (it may fund one)."""
    words = name_key(text).split(" ")
    return len(words) > 1 and words[-1] in _entities()["public_bodies"]


@cache
def _class_noun_stems() -> frozenset[str]:
    """The company class nouns (``entities.json`` company_class_words), lower case, without a plural's "s"."""
    return frozenset(w.rstrip("s") for w in class_nouns())


def _class_noun_phrase(text: str) -> bool:
    """A company class noun and lower-case words after it, capitalised only because it opens the sentence
    (« Entreprise tricolore, elle … », "Fintech française, …"): a description, not a name."""
    first, *rest = text.split()
    return bool(rest) and first.lower().rstrip("s") in _class_noun_stems() and all(w[:1].islower() for w in rest)


def _other_company_after(text: str) -> bool:
    """What follows a name makes it another company's yardstick or owner, never the company told of: a role's
    possessive ("Tesla co-founder’s start-up"), a rival's word ("SpaceX challenger raises €40m"), a venture of its
    owner ("Martin Gilbert latest venture set to be valued at") or a class noun the company's name follows ("OT
    cybersecurity vendor Dragos reaches …": the name before qualifies the class)."""
    return bool(_ROLE_POSSESSIVE_AFTER.match(text) or _RIVAL_AFTER.match(text) or _VENTURE_OWNER_AFTER.match(text)
                or _CLASS_THEN_NAME_AFTER.match(text))


#: Lower-case words at most before the class noun that a name qualifies ("OT cybersecurity vendor Dragos").
QUALIFIED_CLASS_WORDS = 3
#: A class noun (``entities.json`` descriptor_heads) after a few lower-case words, then a capitalised name.
_CLASS_THEN_NAME_AFTER = re.compile(
    rf"^\s+(?:[a-z][\w-]*\s+){{0,{QUALIFIED_CLASS_WORDS - 1}}}(?:{_alternation('descriptor_heads')})\s+[A-Z]")


def _place_continued(view: SentenceView, name: Name) -> bool:
    """A name that the lower-case word right after it makes a place (« l’Arabie saoudite »): the name finder cut
    the place at that word."""
    after = re.match(r"\s+((?:du\s+|de\s+la\s+|des\s+)?[a-zà-ÿ][\w-]*)", view.text[name.end - view.start:])
    return after is not None and name_key(f"{name.text} {after.group(1)}") in _places()


def _place_after(view: SentenceView, name: Name) -> bool:
    """A name written right after a place phrase ("based in Munich", « installée à Lyon »): a place."""
    before = view.text[max(0, name.start - view.start - PLACE_AFTER_REACH):name.start - view.start]
    return _PLACE_AFTER.search(before) is not None


def _origin_before(view: SentenceView, name: Name) -> bool:
    """A name written right after an origin phrase ("founded at Edinburgh Uni", « filiale de X »): whence the
    company comes, not the company."""
    before = view.text[max(0, name.start - view.start - PLACE_AFTER_REACH):name.start - view.start]
    return _ORIGIN_BEFORE.search(before) is not None


def _in_publisher(text: str, publisher: str) -> bool:
    """The publisher's name, words of it ("Futures" of "FinTech Futures" once "FinTech" is cut), or a name it opens
    (its newsletter, its event: "Afridigest Week" of "Afridigest")."""
    key, publisher_key = name_key(text), name_key(publisher)
    return bool(key) and (key == publisher_key or re.search(rf"\b{re.escape(key)}\b", publisher_key) is not None
                          or (bool(publisher_key) and key.startswith(publisher_key + " ")))


#: Lower-case words (adjectives) at most between a class noun and the name it introduces.
CLASS_NOUN_GAP_WORDS = 2


def _class_noun_name(view: SentenceView, cue: Cue) -> Name | None:
    """The name a class noun introduces in apposition: « la start-up gantoise Showpad », "the
    startup Plan A". Only lower-case words (no linking word, no punctuation) between."""
    for name in sorted(view.names, key=lambda n: n.start):
        if name.start < cue.end:
            continue
        words = view.text[cue.end - view.start:name.start - view.start].split()
        if len(words) <= CLASS_NOUN_GAP_WORDS and all(
                re.fullmatch(r"[a-zà-ÿ][a-zà-ÿ-]*", w) and w not in _LINK_WORDS for w in words):
            return name
        return None
    return None


def _class_noun_names(view: SentenceView) -> list[Name]:
    """The names the sentence's class nouns (GENERIC_SUBJECT cues) introduce."""
    return [name for c in view.cues if c.label == "GENERIC_SUBJECT" and (name := _class_noun_name(view, c))]


def listing_investors(view: SentenceView, cue: Cue) -> bool:
    """Whether a listing verb's cue (« on trouve », « on retrouve ») lists investors: an investor cue comes before
    it (« Parmi ses investisseurs, on retrouve A ») or the sentence speaks of a round (« On retrouve A dans ce nouveau
    tour de table »); not « c'est en France que l'on trouve Exotrail », « à la cinquième place, on retrouve X »."""
    if _selects_deals(view, cue):
        return False
    return any(c is not cue and ((c.label in INVESTOR_CONTEXT_LABELS and c.end <= cue.start) or c.label == "ROUND")
               for c in view.cues)


def _selects_deals(view: SentenceView, cue: Cue) -> bool:
    """The listing verb picks its names out of deals or companies (« Parmi les plus belles levées de fonds, on peut
    citer X », « Parmi les entreprises lauréates, on retrouve X »): the first word after a selection marker
    (``selection_markers``) before the cue, past its determiners, adverbs and adjectives, is a counted deal noun or a
    class of companies (not « Parmi les participants à la levée »)."""
    p = view.parse
    markers = _grammar(view.language)["selection_markers"]
    classes = {*_entities()["counted_nouns"], *_entities()["non_investor_classes"]}
    end = min(cue.token_start, len(p.pos))
    for k in range(end):
        if p.lemmas[k].lower() not in markers:
            continue
        j = k + 1
        while j < end and p.pos[j] in _SELECTION_MODIFIERS:
            j += 1
        if j < end:
            word = view.text[p.starts[j] - view.start:view.token_ends[j] - view.start].lower()
            return p.lemmas[j].lower() in classes or word in classes or word.rstrip("s") in classes
    return False


#: Parts of speech between a selection marker and the class it picks from (« parmi les plus belles levées »).
_SELECTION_MODIFIERS = frozenset({"DET", "ADV", "ADJ"})


def _demonstrative_inside(view: SentenceView, cue: Cue) -> bool:
    """A class noun under a demonstrative determiner that does not open the sentence (« ... Spendesk, pour cette
    société qui vend ... »): it points at the name just before it, not at the article's company."""
    p = view.parse
    first = cue.token_start
    return (first < len(p.lemmas) and p.lemmas[first].lower() in _grammar(view.language)["demonstrative_determiners"]
            and bool(view.text[:cue.start - view.start].strip()))


#: Characters at most of the relative clause between a class noun and the copula naming it (« qui a levé le plus de
#: fonds »).
COPULA_CLAUSE_CHARS = 80
#: The whole gap between a class noun and a name: a relative clause on the noun at most, then a copula (« La start-up
#: qui a levé le plus de fonds est SEBA Crypto », "The startup that raised the most was Kalvo"; not « La société, dont
#: le PDG est Jean Dupont »).
_COPULA_BEFORE_NAME = re.compile(
    rf"^\s*(?:(?:qui|that|which)\b[^,;:()]{{0,{COPULA_CLAUSE_CHARS}}}?\s+)?(?:est|était|fut|is|was)\s+$", re.IGNORECASE)


def _copula_names(view: SentenceView, cue: Cue, name: Name) -> bool:
    """A class noun's cue (``GENERIC_SUBJECT``) whose clause names ``name`` by a copula right after the noun or its
    relative clause (« La start-up qui a levé le plus de fonds est SEBA Crypto »)."""
    return cue.label == "GENERIC_SUBJECT" and cue.end <= name.start and _COPULA_BEFORE_NAME.match(
        view.text[cue.end - view.start:name.start - view.start]) is not None


def _named_by_copula(view: SentenceView, cue: Cue) -> bool:
    """A class noun whose clause names a company by a copula after it (« La start-up qui a levé le plus de fonds est
    SEBA Crypto », "The startup that raised the most was Kalvo"): it introduces that company, not the article's."""
    return any(_copula_names(view, cue, n) and _company_name(n) for n in view.names)


def _mentions_subject(view: SentenceView, subject: str | None) -> bool:
    """The sentence is about the article's subject: it names it, or refers to it by a pronoun or a
    class noun that introduces no other name (« la start-up », not « la start-up Cooptalis »)."""
    if subject is not None and any(_is_subject(n.text, subject) for n in view.names):
        return True
    if any(c.label == "GENERIC_SUBJECT" and _class_noun_name(view, c) is None and not _demonstrative_inside(view, c)
           and not _named_by_copula(view, c) and not _apposed_after_name(view, c) for c in view.cues):
        return True
    first = view.text.strip().split(" ", 1)[0].lower()
    return first in _entities()["pronouns"]


#: A comma alone between a name and the phrase after it: an apposition (« Provepharm, la société marseillaise »).
_COMMA_ALONE = re.compile(r"\s*,\s*")
#: Punctuation that ends an apposition.
_APPOSITION_ENDS = frozenset({",", ";", ".", ":", "(", ")", "!", "?"})


def _fund_shaped(text: str) -> bool:
    """A name ending like an investor's ("WSH Investments", "Orbix Capital"; ``entities.json`` investor_suffixes)."""
    words = name_key(text).split()
    return bool(words) and words[-1] in _entities()["investor_suffixes"]


def _apposed_after_name(view: SentenceView, cue: Cue) -> bool:
    """A class noun set right after a name and a comma (« … au crédit de Provepharm, la société marseillaise
    spécialisée dans … », "Kalvo, the startup behind …"), no finite verb after it before the apposition ends: it
    describes that name, it takes up no other company."""
    p = view.parse
    finite = p.finite or tuple(True for _ in p.pos)
    openers = _entities()["relative_openers"]
    for k in range(cue.token_end, len(p.pos)):
        word = _token_text(view, k)
        if word in _APPOSITION_ENDS or word.lower() in openers:
            break  # the apposition ends, or a relative clause of its own begins (« la société qui a levé »)
        if p.pos[k] in {"VERB", "AUX"} and finite[k]:
            return False  # « …de la Commission X, la start-up provençale vient d'annoncer avoir levé »: the subject
            # after a fronted phrase, its verb after it
    return any(n.end <= cue.start and _COMMA_ALONE.fullmatch(view.text[n.end - view.start:cue.start - view.start])
               for n in view.names)


#: Words at most between a possessive determiner and the name of the thing it owns (« sa microfusée Zéphyr »).
POSSESSED_NAME_WORDS = 2


def _possessed_thing(view: SentenceView, name: Name) -> bool:
    """A name a possessive determiner introduces, a common noun or two between (« Kalvo et sa microfusée Zéphyr »,
    "Kalvo and its rocket Zephyr"): a product of the company named before, no company of its own."""
    p, g = view.parse, _grammar(view.language)
    at = view.token_at(name.start)
    for k in range(at - 1, max(-1, at - POSSESSED_NAME_WORDS - 2), -1):
        if (p.pos[k] == "DET" and p.lemmas[k].lower() in g["possessive_determiners"]) or (
                p.pos[k] == "PRON" and p.deps[k] == "poss"):
            return k < at - 1 and all(p.pos[j] in {"NOUN", "ADJ"} for j in range(k + 1, at))
        if p.pos[k] not in {"NOUN", "ADJ"}:
            return False
    return False


@cache
def company_nouns(language: str) -> frozenset[str]:
    """The common nouns that stand for a company: the class nouns (« la start-up », "portfolio company") and the nouns
    of a company another one holds or meets (``grammar.json`` related_company_nouns: « filiale », "rival")."""
    return class_nouns() | _grammar(language)["related_company_nouns"]


def _possessed_product(view: SentenceView, name: Name) -> bool:
    """A name a possessive determiner introduces with common nouns that are no company's (« le spécialiste de l'audio
    célèbre pour ses enceintes compactes Phantom »; not "its portfolio company Kalvo", « sa filiale Kalvo », « sa rivale
    britannique Revolut »): a product, no company."""
    if not _possessed_thing(view, name):
        return False
    words = view.text[:name.start - view.start].split()[-(POSSESSED_NAME_WORDS + 1):]
    nouns = company_nouns(view.language) | _grammar(view.language)["possessive_idiom_nouns"]
    return not any(w.strip(",").lower() in nouns for w in words)  # « sa rivale britannique Revolut »: a company; « De
    # son côté OpenAI »: an idiom
