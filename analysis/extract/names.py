"""What a name is: a possible company, an investor, a medium, a place, a person, a descriptor or the source of a figure."""

from __future__ import annotations

import re
from functools import cache

from analysis.extract.discourse import DESCRIPTION_WORDS, _company_words, words_of
from analysis.extract.sentences import Cue, Name, SentenceView
from analysis.extract.vocabulary import (
    _ORDINAL,
    _entities,
    _places,
    _round_labels,
    canonical_investor,
    name_key,
)


def _inside_name(view: SentenceView, cue: Cue) -> bool:
    """A cue word that is part of a capitalised name ("Boehringer Ingelheim Venture Fund",
    "Seine Capital"): the name of an investor, not a fund close or another kind of figure."""
    return any(n.start <= cue.start and cue.end <= n.end and (n.end - n.start) > (cue.end - cue.start)
               for n in [*view.names, *view.investors])


def _is_subject(name: str, subject: str | None) -> bool:
    if subject is None:
        return False
    key, subject_key = name_key(name), name_key(subject)
    return bool(key) and (key == subject_key or subject_key.startswith(key + " ") or key.startswith(subject_key))


def _company_name(name: Name) -> bool:
    """A name that could be a company or investor: not a news outlet, place, month, ordinal or
    common word."""
    key = name_key(name.text)
    ents = _entities()
    return (bool(key) and key not in ents["media"] and key not in ents["not_company"] and key not in _places()
            and len(key) > 1 and not _ORDINAL.match(key) and not _round_label_name(name.text)
            and key.split(" ")[-1] not in _company_words()["event_suffixes"]  # "Swiss Startup Award"
            and key not in _class_noun_keys()  # « Start-up la plus en vue, Doctolib ... »
            and not all(w.isdigit() or w in ents["not_company"] for w in key.split(" ")))  # "September 2024"


def _round_label_name(text: str) -> bool:
    """A name that is only a round label ("Series B", « Série A »), never a company."""
    return any(pattern.fullmatch(text.strip()) for pattern, _ in _round_labels())


_DESCRIPTOR_AFTER = re.compile(r"^((?:\s+[a-zà-ÿ][\w'’-]*){1,3})\s+[A-ZÀ-Ý]")


#: Little words that link two names rather than describe the second ("Accel and Index").
_LINK_WORDS = frozenset({"and", "et", "or", "ou", "with", "avec", "from", "by", "par", "of", "de", "du", "des", "la",
                         "le", "les", "the", "a", "an", "to", "in", "on", "for", "pour", "sur", "à", "au", "aux",
                         "chez", "at", "its", "son", "sa", "ses", "their", "leur", "via", "plus", "vs", "versus",
                         "as", "comme", "than", "que", "qui", "who", "which", "en", "dans", "into", "over"})


def _descriptor(view: SentenceView, name: Name) -> bool:
    """A capitalised word describing the name after it ("Telemedicine platform Exodaya
    Space closed ...", "Building energy-retrofit specialist Zentaar"): followed by one to
    three lower-case nouns and another name, no cue and no linking word between."""
    match = _DESCRIPTOR_AFTER.match(view.text[name.end - view.start:])
    if match is None:
        return False
    words = match.group(1).split()
    if any(w.lower() in _LINK_WORDS for w in words):
        return False
    gap_end = name.end + match.end(1)
    if any(name.end <= c.start < gap_end for c in view.cues):
        return False
    # "SenseTime said Thursday ...": a verb after the name makes it the doer, not a descriptor.
    p = view.parse
    return not any(name.end <= p.starts[k] < gap_end and p.pos[k] in {"VERB", "AUX"}
                   and p.lemmas[k] != view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
                   for k in range(len(p.starts)))  # an inflected verb ("said"), not a mis-tagged noun ("startup")


def _full_person(name: Name) -> bool:
    """A person's name as the press writes it (first and last name). The French model also
    tags unknown company names as people: one word ("Brikios réunit 200 millions €") or
    ending like a company ("Valoum Energy")."""
    words = name.text.split()
    return name.person and len(words) > 1 and name_key(words[-1]) not in _entities()["company_suffixes"]


_SOURCE_AFTER = re.compile(r"^\s+(?:data|figures|numbers|research|estimates|statistics)\b", re.IGNORECASE)


def _source_name(view: SentenceView, name: Name) -> bool:
    """A name given as the source of a figure ("d'après KPMG", "selon le cabinet EY",
    "according to PitchBook", "KPMG data show"): never a funded company."""
    if _SOURCE_AFTER.match(view.text[name.end - view.start:]):
        return True
    for cue in view.cues:
        if cue.label == "REPORTED_ATTRIB" and cue.end <= name.start:
            gap = view.text[cue.end - view.start:name.start - view.start]
            if len(gap.split()) <= 4 and not re.search(r"[,;:]", gap):
                return True
    return False


@cache
def _known_investor_names() -> frozenset[str]:
    from analysis.investors import alias_rows

    return frozenset(row.canonical for row in alias_rows())


def _known_investor(text: str) -> bool:
    """True for any spelling the alias table knows, typos included ("Lighstpeed"), and for
    names shaped like an investor ("... Capital", "... Ventures", "... Partners")."""
    if canonical_investor(text) in _known_investor_names():
        return True
    words = name_key(text).split(" ")
    suffixes = _entities()["investor_suffixes"]
    return len(words) > 1 and (words[-1] in suffixes or " ".join(words[-2:]) in suffixes)


def _sentence_companies(view: SentenceView, subject: str | None) -> list[Name]:
    """Companies a sentence names as possible funded companies (not investors, people, media...)."""
    return [n for n in view.names if n.canonical is None and not _is_subject(n.text, subject)
            and _company_candidate(view, n)]


_FUND_BEFORE = re.compile(r"\b(?:fonds|fund|véhicule|vehicle)\s+$", re.IGNORECASE)


#: A capitalised word opening a sentence and followed by one of these is a common noun
#: ("Shares of the company were sold ...", "Investors in the round ...").
_OPENING_NOUN_AFTER = re.compile(r"^\s+(?:of|in|at|for|from|with|to|on|by|de|du|des|pour|par|dans|sur|avec)\s",
                                 re.IGNORECASE)  # « Réputée pour son approche ... »


def _common_opening(view: SentenceView, name: Name) -> bool:
    """A one-word name opening its sentence and followed by a preposition: a common noun."""
    return (view.text[:name.start - view.start].strip(" «\"“'(") == "" and " " not in name.text.strip()
            and _OPENING_NOUN_AFTER.match(view.text[name.end - view.start:]) is not None)


@cache
def _locative_before() -> re.Pattern[str]:
    """Words before a name that make a place of a name the NER types as one (« à Angers », "based in
    Lagos", « à San Francisco »); not "in": "$5 million in Ergos" names the company."""
    return re.compile(rf"(?<![\w-]){words_of('locatives')}\s+(?:{words_of('determiners')}\s*)?"
                      r"(?-i:[A-ZÀ-Ý][\w-]*\s+)?$", re.IGNORECASE)


@cache
def _place_of_before() -> re.Pattern[str]:
    """A name that ends a longer place (« en Afrique de l'Ouest »)."""
    return re.compile(rf"([A-ZÀ-Ý][\w-]*)\s+{words_of('genitives')}\s*$")


def _place_name(view: SentenceView, name: Name) -> bool:
    """A name the NER types as a place and the sentence uses as one: after a locative preposition
    (« toujours à Angers », "based in Lagos") or ending a longer place name (« Afrique de l'Ouest »).
    The French model calls many unknown companies places (« Physidia à Nantes »): the type alone
    is no veto."""
    before = view.text[max(0, name.start - view.start - 40):name.start - view.start]
    if _locative_before().search(before) and (name.place or name_key(name.text) in _places()):
        return True
    longer = _place_of_before().search(before)
    return longer is not None and name_key(longer.group(1)) in _places()


@cache
def _person_roles() -> re.Pattern[str]:
    roles = "|".join(sorted(map(re.escape, _company_words()["person_roles"]), key=len, reverse=True))
    return re.compile(rf"\b(?:{roles})\s*,?\s*$", re.IGNORECASE)


def _compound_with_cue(view: SentenceView, name: Name) -> bool:
    """A capitalised word joined by a hyphen to a funding word (« La Méga-Levée de Fonds »): no name."""
    return view.text[name.end - view.start:name.end - view.start + 1] == "-" and any(
        c.start == name.end + 1 for c in view.cues)


def _role_person(view: SentenceView, name: Name) -> bool:
    """A person named by their role right before the name (« sa cofondatrice Lea von Bidder »,
    "CEO Jane Doe", "co-founder and CEO Jane Doe"): never a company nor an investor."""
    before = view.text[max(0, name.start - view.start - 40):name.start - view.start]
    return _person_roles().search(before) is not None


def _company_candidate(view: SentenceView, name: Name, doer: bool = False) -> bool:
    """A name that may be a funded company: not a medium, place or common word, not a
    person, a descriptor, a figure's source, an investor or a fund ("son fonds Smart City III").
    The NER's person type alone is no veto for a name a class noun introduces (« la start-up
    Claire Voie ») nor for the ``doer`` of a funding verb."""
    return (_company_name(name) and not (_full_person(name) and not doer and not _described(view, name))
            and not _descriptor(view, name)
            and not _place_name(view, name) and not _role_person(view, name)
            and not _compound_with_cue(view, name)
            and not (view.publisher and _in_publisher(name.text, view.publisher))
            and not _source_name(view, name) and not _known_investor(name.text)
            and not _FUND_BEFORE.search(view.text[max(0, name.start - view.start - 20):name.start - view.start])
            and not any(n == name for _, _, n in _described_names(view, "investor_nouns"))
            and name not in _listed_investors(view)
            and not _common_opening(view, name)
            and not any(name.start < k.end and k.start < name.end for k in view.investors))


def _in_publisher(text: str, publisher: str) -> bool:
    """The publisher's name, or words of it ("Futures" of "FinTech Futures" once "FinTech" is cut)."""
    key, publisher_key = name_key(text), name_key(publisher)
    return bool(key) and (key == publisher_key or re.search(rf"\b{re.escape(key)}\b", publisher_key) is not None)


def _mentions_subject(view: SentenceView, subject: str | None) -> bool:
    if subject is not None and any(_is_subject(n.text, subject) for n in view.names):
        return True
    described = {start for start, _, _ in _described_names(view)}
    if any(c.label == "GENERIC_SUBJECT" and not any(c.start <= d < c.end for d in described) for c in view.cues):
        return True  # « la startup a levé », not « la startup Cooptalis signe ... »
    first = view.text.strip().split(" ", 1)[0].lower()
    return first in _entities()["pronouns"]


@cache
def _class_noun_keys() -> frozenset[str]:
    words = _company_words()
    return frozenset(name_key(w) for w in words["class_nouns"] | words["investor_nouns"])


@cache
def _class_noun_pattern(kind: str = "class_nouns") -> re.Pattern[str]:
    nouns = sorted(_company_words()[kind], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, noun.split())) for noun in nouns)
    return re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])", re.IGNORECASE)


@cache
def _naming_gap() -> re.Pattern[str]:
    naming = "|".join(sorted(map(re.escape, _company_words()["naming_words"]), key=len, reverse=True))
    return re.compile(rf"^(?P<words>(?:\s+[\w'’.-]+){{0,4}}?)\s*,?\s+(?:(?:{naming})\s+)?$", re.IGNORECASE)


#: Parts of speech a class noun's description may hold before its name (« la firme flamande »,
#: « l'éditeur de logiciel RH », "carbon accounting startup"): no verb, pronoun or conjunction.
_DESCRIPTION_POS = {"NOUN", "ADJ", "PROPN", "X", "NUM", "ADP", "DET"}




def _described_names(view: SentenceView, kind: str = "class_nouns") -> list[tuple[int, int, Name]]:
    """Names a class noun introduces, with the noun's span: « la start-up toulousaine Sigfox »,
    "carbon accounting startup Plan A", "a shopping app called Xiaohongshu", "challenger bank, albo,".
    ``kind`` "investor_nouns": the names an investor's class noun introduces (« le fonds
    d'investissement Leansquare », "investment firm Invesco"), which no company noun then claims."""
    key = (id(view), kind)
    if key in _DESCRIBED and _DESCRIBED[key][0] is view:
        return _DESCRIBED[key][1]
    found: list[tuple[int, int, Name]] = []
    investors = [] if kind == "investor_nouns" else [n for _, _, n in _described_names(view, "investor_nouns")]
    p = view.parse
    for match in _class_noun_pattern(kind).finditer(view.text):
        start, end = view.start + match.start(), view.start + match.end()
        lower = _lower_case_name(view, end) if kind == "class_nouns" else None
        if lower is not None and lower not in investors:  # "solar pioneer d.light", "platform tink"
            found.append((start, end, lower))
            continue
        for name in view.names:
            if name.start < end:
                continue
            gap = _naming_gap().match(view.text[end - view.start:name.start - view.start])
            if gap is None:
                break
            gap_tokens = [k for k in range(len(p.starts)) if end <= p.starts[k] < name.start]
            words_ok = all(
                (p.pos[k] in _DESCRIPTION_POS and (p.pos[k] not in {"ADP", "DET"}
                                                   or view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
                                                   in _company_words()["description_links"]))
                or view.text[p.starts[k] - view.start:view.token_ends[k] - view.start] in {",", "-"}
                or _naming_word_at(view, k)
                for k in gap_tokens)
            if words_ok and _company_name(name) and name not in investors:
                found.append((start, end, name))
                if kind == "investor_nouns":  # "New investors DST Global and Coatue Management"
                    found += [(start, end, n) for n in _coordinated_after(view, name)]
            break
    if kind == "investor_nouns":  # "Future French Champions, véhicule conjoint d'investissement"
        found += [(view.start + m.start(), view.start + m.end(), n) for n in view.names
                  if (m := _appositive_after(view, n, kind)) is not None]
    if len(_DESCRIBED) > 4096:
        _DESCRIBED.clear()
    _DESCRIBED[key] = (view, found)
    return found


#: Lower-case words a list may hold between two names ("and existing investors", "e-commerce firm").
LIST_WORDS = 3


@cache
def _coordination_gap() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:,|,?\s+{words_of('coordinators')})(?:\s+[a-zà-ÿ][\w'’-]*){{0,{LIST_WORDS}}}\s+$",
                      re.IGNORECASE)


@cache
def investors_after() -> re.Pattern[str]:
    """Words before a list of investors: its names put money in, none is the funded company
    ("raised $568 million from Rocket Internet AG", « releva 450 M€ auprès de Sprints Capital et des
    historiques Eurazeo »)."""
    return re.compile(rf"(?<![\w-]){words_of('investor_prepositions')}(?:\s+[a-zà-ÿ][\w'’-]*){{0,{LIST_WORDS}}}\s*$",
                      re.IGNORECASE)


def _listed_investors(view: SentenceView) -> list[Name]:
    """The names listed after an investor preposition (« auprès de », "from", "led by")."""
    key = (id(view), "listed")
    if key in _DESCRIBED and _DESCRIBED[key][0] is view:
        return [n for _, _, n in _DESCRIBED[key][1]]
    found: list[Name] = []
    for name in sorted(view.names, key=lambda n: n.start):
        if name in found:
            continue
        if investors_after().search(view.text[max(0, name.start - view.start - 60):name.start - view.start]):
            found += [name, *_coordinated_after(view, name)]
    _DESCRIBED[key] = (view, [(n.start, n.end, n) for n in found])
    return found


def _coordinated_after(view: SentenceView, name: Name) -> list[Name]:
    """The names listed after ``name`` ("A, B and C")."""
    listed, last = [], name
    for other in sorted(view.names, key=lambda n: n.start):
        if other.start < last.end:
            continue
        if not _coordination_gap().match(view.text[last.end - view.start:other.start - view.start]) or any(
                view.parse.pos[k] in {"VERB", "AUX", "PRON", "SCONJ"} for k in range(len(view.parse.pos))
                if last.end <= view.parse.starts[k] < other.start):  # not ", who co-founded Northvolt"
            break
        listed.append(other)
        last = other
    return listed


@cache
def _appositive_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*,\s+(?:{words_of('determiners')}\s*)?(?:[\w'’-]+\s+){{0,{DESCRIPTION_WORDS}}}?"
                      rf"(?:{_class_noun_pattern(kind).pattern})", re.IGNORECASE)


def _appositive_after(view: SentenceView, name: Name, kind: str) -> re.Match[str] | None:
    """A class noun in apposition right after a name (« Back Market, le site de revente »,
    "Horizon Ventures, an investor in PropTiger")."""
    return _appositive_pattern(kind).match(view.text[name.end - view.start:])


#: Described names per sentence (a sentence is asked many times): (id, kind) -> (view, names).
_DESCRIBED: dict[tuple[int, str], tuple[SentenceView, list[tuple[int, int, Name]]]] = {}


#: Characters of the shortest brand written in lower case ("albo").
MIN_BRAND = 3


_LOWER_NAME = re.compile(r"^(,?\s+)([a-z][a-z0-9]*(?:[.-][a-z0-9]+)*)(?=,|\s+[a-z]|\s*$)")


def _lower_case_name(view: SentenceView, end: int) -> Name | None:
    """A brand written in lower case right after its class noun ("solar pioneer d.light announced",
    "challenger bank, albo, has raised"): a word no dictionary holds, followed by a comma or a
    lower-case word."""
    match = _LOWER_NAME.match(view.text[end - view.start:])
    if match is None:
        return None
    word = match.group(2)
    start = end + len(match.group(1))
    if word in _company_words()["description_links"] or len(word) < MIN_BRAND or _common_word(word, view.language):
        return None
    k = view.token_at(start)
    if k < len(view.parse.pos) and view.parse.pos[k] in {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV"}:
        return None
    return Name(word, start, start + len(word), k, None)


@cache
def _common_word(word: str, language: str) -> bool:
    """A word of the language's dictionary or a little word: not a brand."""
    from analysis.nlp import _dictionary, is_stop_word, load_pipeline, pipeline_language

    if is_stop_word(word, language):
        return True
    nlp = load_pipeline(pipeline_language(language))
    if nlp.vocab.vectors.shape[0]:
        return nlp.vocab[word].has_vector
    return word in _dictionary(id(nlp.vocab))


def _naming_word_at(view: SentenceView, k: int) -> bool:
    p = view.parse
    word = view.text[p.starts[k] - view.start:view.token_ends[k] - view.start].lower()
    return any(word in w.split() for w in _company_words()["naming_words"])


def _described(view: SentenceView, name: Name) -> bool:
    """A name a class noun introduces (« la start-up Claire Voie »): a company, whatever the NER says."""
    return any(n == name for _, _, n in _described_names(view))
