"""The company each figure and each sentence belongs to, and the article's own subject."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache

from analysis.extract.drafts import Figure
from analysis.extract.figures import counted_rounds_names, raised_by_person_for
from analysis.extract.grammar import (
    _aside_at,
    _definite_description,
    _grammatical_company,
    _possessed_by_no_doer,
    _pronoun_doer,
    _relative_owner,
    _shares_doer,
    backer_starts,
    clause_opener_between,
    definite_round,
    demonstrative_round,
    figureless_round_taken_up,
    indefinite_doer,
    investee_told,
)
from analysis.extract.names import (
    ROLE_TITLE_REACH,
    _class_noun_names,
    _company_candidate,
    _company_name,
    _full_person,
    _is_subject,
    _known_investor,
    _mentions_subject,
    _other_company_after,
    _place_only,
    _possessed_product,
    _possessed_thing,
    _sentence_companies,
    _token_text,
    listing_investors,
    opening_modifier,
)
from analysis.extract.sentences import (
    Name,
    SentenceView,
    _initials,
    figures_in_relative_after,
    heading_like,
    title_case,
)
from analysis.extract.vocabulary import (
    _BACKER_COMPOUND,
    _COORDINATION_GAP,
    _FOUNDED_BY_BEFORE,
    _FOUNDER_OF_NAME_AFTER,
    _HEADLINE_INVESTOR_BEFORE,
    _INVESTOR_CUES,
    _INVESTOR_NOUN_BEFORE,
    _ORIGIN_BEFORE,
    _PURPOSE_RECIPIENT,
    _ROLE_APPOSED_AFTER,
    _ROLE_OF_NAME,
    _ROLE_TITLE_BEFORE,
    _TITLE_INTERVIEW,
    _TITLE_NAME,
    _UNNAMED_FUND_OWNER,
    _VERBAL,
    INVESTOR_NOUN_REACH,
    LISTING_ROLE,
    PLACE_AFTER_REACH,
    _context_words,
    _entities,
    _grammar,
    _ordered_grammar,
    _places,
    _unique,
    _unique_objects,
    name_key,
)
from analysis.model import (
    Article,
)
from analysis.money import find_money, respectively_at, says_respectively
from analysis.nlp import (
    class_nouns,
    is_stop_word,
    load_pipeline,
    may_hold_cue,
    name_ending_words,
    opens_with_class_noun,
    pipeline_language,
)

#: An elided article opening a headline's word (« L’investissement »).
_ELIDED = re.compile(r"^[LlDd]['’]")
#: How many times the next name's score the article's company must score for the article to be its story even
#: when it tells three companies' rounds or more (« Monzo double sa valorisation », then its rivals' rounds).
DOMINANT_SCORE_RATIO = 3
#: Names tying for the highest score that make an article no one company's story (two may tie by chance).
TIED_NAMES_FOR_NO_SUBJECT = 3


def _introduced_investors(views: list[SentenceView]) -> set[str]:
    """The keys of the names an investor's class noun introduces somewhere in the article (« le fonds liégeois
    Noshaq », "seed-stage investor SparkLabs"): investors, never the article's company."""
    return {name_key(n.text) for v in views for n in v.names if _INVESTOR_NOUN_BEFORE.search(
        v.text[max(0, n.start - v.start - INVESTOR_NOUN_REACH):n.start - v.start])}


def _listed_investor_mentions(views: list[SentenceView]) -> Counter[str]:
    """How many times some sentence lists each name (by key) after an investor cue (« Leurs investisseurs sont A,
    B et C », "backed by A and B"; ``_after_investor_cue``) or a lead cue's agent mark ("a round led by A and B";
    ``_lead_agent``)."""
    return Counter(name_key(n.text) for v in views for n in v.names if _after_investor_cue(v, n) or _lead_agent(v, n))


def _acting_investors(views: list[SentenceView], investing: Counter[str], raising: Counter[str]) -> set[str]:
    """The keys of the names that put money in somewhere in the article (``investing``: doers of an investing verb;
    listed after an investor cue) and never raise it (``raising``): never the article's company, however often the
    article names them (« Sofinnova, Omnes et Edrip y ont investi … Leurs investisseurs sont … Omnes »), and the
    short form of a name ending in an investor suffix ("Bitkraft" of "Bitkraft Ventures") that raises nothing."""
    acting = {key for key in investing + _listed_investor_mentions(views) if not raising[key]}
    suffixes = _entities()["investor_suffixes"]
    for key in list(acting):  # "Bitkraft Ventures has led …", then "Bitkraft's investment": its short form acts too
        words = key.split()
        if len(words) > 1 and words[-1] in suffixes and not raising[short := " ".join(words[:-1])]:
            acting.add(short)
    return acting


def _subject_company(article: Article, views: list[SentenceView], introduced_investors: set[str],
                     acting: set[str] | frozenset[str] = frozenset()) -> tuple[str | None, bool]:
    """The company the article is about: the name most often near funding figures/cues, never one of the
    ``introduced_investors`` (``_introduced_investors``) nor of the ``acting`` investors (``_acting_investors``:
    they still count when several names tie, a review of many deals); and whether it dominates the article
    (scores ``DOMINANT_SCORE_RATIO`` times the next name or more)."""
    scores: Counter[str] = Counter()
    acting_scores: Counter[str] = Counter()  # the acting investors' own, for the tie below only
    spellings: dict[str, Counter[str]] = {}
    first_at: dict[str, int] = {}  # where the body first names each name
    # a name a class noun introduces (« l'entreprise montréalaise LightSpeed ») is a company, even one an alias
    # of the investor table spells the same way
    introduced = {name_key(n.text) for v in views for n in _class_noun_names(v)}
    investor_keys = {name_key(n.text) for v in views for n in v.investors} - introduced
    investor_keys |= introduced_investors
    # "Battery storage VC funding grows to USD 539m in H1 - Mercom": the headline's credit is no company of it
    title = _TITLE_CREDIT.sub("", article.meta.title or "")
    placed: dict[tuple[str, str], bool] = {}  # (form, language) -> written only as a place: one scan of the text each

    public = _public_body_keys(views)

    def place_only(form: str, language: str) -> bool:
        if (form, language) not in placed:
            placed[form, language] = _place_only(article.text, form, language)
        return placed[form, language]

    owners: dict[str, bool] = {}  # form -> written as the owner of a fund somewhere: one scan of the text each

    def fund_owner(form: str) -> bool:
        if form not in owners:
            owners[form] = _fund_owner(article.text, form)
        return owners[form]

    # the last name of a person the article names in full ("Mukesh Bansal ... Bansal said"): a person, not a company
    people = {name_key(n.text) for v in views for n in v.names if _full_person(n) and _role_described(v, n)}
    surnames = {name_key(n.text.split()[-1]) for v in views for n in v.names if _full_person(n)}
    # "the L.A.-based outfit was founded by veteran tech entrepreneurs Chris DeWolfe and Aber Whitcomb": its founders
    surnames |= {name_key(n.text) for v in views for n in v.names if _full_person(n) and _named_as_founder(v, n.text)}
    written = {name_key(n.text) for view in views if not title_case(view.text) for n in view.names}
    for view in views:
        weight = 2 if view.money else 1
        headline = title_case(view.text)
        for name in view.names:
            if headline and name_key(name.text) not in written:
                continue  # "Amazon Delivery Rival Pandion Secures Funding": a run of a title-case headline
            if _FOUNDER_OF_NAME_AFTER.match(view.text[name.end - view.start:]):
                continue  # "Musk, who launched xAI in 2023": a founder
            if (name_key(name.text) in investor_keys or name_key(name.text) in public or name_key(name.text) in surnames
                    or not (_company_candidate(view, name) or _introduced_company(view, name, introduced))
                    or place_only(name.text.strip(), view.language) or fund_owner(name.text.strip())):
                continue  # (a fund's owner: "co-led by the VC arms of Bayer and Wilbur-Ellis")
            key = _web_key(name.text)
            first_at.setdefault(key, name.start)
            (acting_scores if key in acting else scores)[key] += weight + (2 if view.index < 3 else 0)
            spellings.setdefault(key, Counter())[name.text.strip()] += 1
    for key, forms in spellings.items():  # how often the whole article names it
        (acting_scores if key in acting else scores)[key] += max(article.text.count(form) for form in forms)
    spellings = {key: forms for key, forms in spellings.items() if key not in acting}
    verbs = name_ending_words(pipeline_language(views[0].language if views else article.language))
    # the text below its headline: a title-case headline's run of words ("Amazon Delivery Rival Pandion") that the
    # body never writes is no name
    body = article.text.replace(title, "", 1) if title.strip() else article.text
    title_money = find_money(title, views[0].language if views else article.language or "fr")
    headline_investors: set[str] = set()
    headline = next((v for v in views if title.strip() and v.start == 0 and title.strip().startswith(v.text.strip())),
                    None)  # the headline as the text's first sentence, parsed
    for match in _TITLE_NAME.finditer(re.sub(r"['’]s\b", ",", title)):
        if any(m.start < match.end() and match.start() < m.end for m in title_money):
            continue  # "Les start-up ont levé 1,63 Md euros": the scale of a figure
        if (re.search(r"\b(?:de|d['’])\s*$", title[:match.start()])
                and name_key(match.group(0)) in {name_key(n.text) for v in views for n in v.names if _full_person(n)}):
            continue  # « La start-up d'Elon Musk cherche à lever … »: the person who owns it, not the company
        if match.start() == 0 and headline is not None and opening_modifier(headline) is not None and (
                " " not in match.group(0).strip()):
            continue  # "Shortlisted biotechs raised $200 million": a participle, no name
        if any(name_key(title[match.start():]).startswith(label + " ") for label in _entities()["origin_labels"]):
            continue  # « nanosatellites "Made in France" »: an origin label
        if _other_company_after(title[match.end():]):
            continue  # "Tesla co-founder’s battery recycling start-up closes in on …", "SpaceX challenger raises …"
        if _ORIGIN_BEFORE.search(title[max(0, match.start() - PLACE_AFTER_REACH):match.start()]):
            continue  # "Biotech firm founded at Edinburgh Uni raises $42m": whence the company comes
        if _HEADLINE_INVESTOR_BEFORE.search(title[:match.start()]):
            headline_investors.add(name_key(match.group(0)))
            continue  # "Blu Smart raises funding from Mumbai Angels": an investor
        words = match.group(0).split()  # "HealthKart Raises $65.7 Mn": the name stops at the headline's verb
        cut = next((k for k in range(1, len(words)) if words[k].lower() in verbs), len(words))
        words = words[:cut]
        backed = [k for k, word in enumerate(words) if _BACKER_COMPOUND.search(word)]
        if backed:
            words = words[backed[-1] + 1:]  # "Deepika Padukone-backed Blu Smart": the company follows its backer
        if words and words[0].lower() in _entities()["plural_articles"]:
            words = words[1:]  # « Des Suisses dynamisés par ... »: an article, never a name's first word
        if not words or (_ELIDED.match(words[0]) and words[0][2:3].islower()):
            continue  # « L’investissement dans les start-ups ... »: a common noun after its article
        name = Name(" ".join(words), 0, 0, 0, None)
        key = _web_key(name.text)
        common_word = name.text.lower() in article.text or is_stop_word(name.text, views[0].language if views else "fr")
        # written in lower case in the body, or a little word of the language ("Où en est ...")
        publisher = name_key(article.meta.publisher or "")
        if (_company_name(name) and not _known_investor(name.text) and key not in scores and key not in public
                and key not in acting and key not in people  # « (Eléonore Blondeau, CleanCup) »: a person the body
                # names in full with a role (« Sa fondatrice, Eléonore Blondeau »)
                and body.count(name.text) and not common_word and not _fund_owner(body, name.text)
                and not _place_only(f"{title}\n{article.text}", name.text, views[0].language if views else "fr")
                and not (publisher and (key in publisher or publisher in key))):  # "FinTech Futures: Top five ..."
            scores[key] = body.count(name.text)
            spellings.setdefault(key, Counter())[name.text] += 1
    title_key = name_key(title)
    in_title = sorted((title_key.find(k), k) for k in scores if title_key and re.search(rf"\b{re.escape(k)}\b", title_key)
                      and not any(k.startswith(i) or i.startswith(k) for i in headline_investors))
    # "Elon Musk's xAI in talks to raise $10 billion", "Alphabet's Waymo raises": the possessor owns the company
    titled = {k for _, k in in_title}
    possessors = {name_key(m.group(1)) for m in _TITLE_POSSESSOR.finditer(title)
                  if any(k.startswith(name_key(m.group(2))) for k in titled)}
    in_title = [(at, k) for at, k in in_title if not any(k == p or p.endswith(" " + k) for p in possessors)]
    # "A $32 million seed round for Chris DeWolfe’s next gaming biz": the owner of the company the headline describes
    owners = {name_key(m.group(1)) for m in _title_owned_company().finditer(title)}
    in_title = [(at, k) for at, k in in_title if not any(k == o or o.endswith(" " + k) for o in owners)]
    investing = _title_investor(title, views[0].language if views else article.language)
    if investing is not None:  # "Total invests in Hyzon": the investor's name gets no headline bonus
        in_title = [(at, k) for at, k in in_title if not re.search(rf"\b{re.escape(k)}\b", name_key(investing))]
    in_title = [(at, k) for at, k in in_title if not any(  # "Tesla co-founder’s start-up", "SpaceX challenger"
        _other_company_after(title[m.end():]) for form in spellings.get(k, ())
        for m in re.finditer(rf"\b{re.escape(form)}\b", title))]
    interview = _TITLE_INTERVIEW.match(title)
    if interview and len(interview.group("person").split()) > 1 and name_key(interview.group("company")) in scores:
        # « Benoît Deper (Aerospacelab) : l'usine … »: an interview's headline names the speaker, then his company
        in_title = [(at, k) for at, k in in_title if k != name_key(interview.group("person"))]
    described = [(at, k) for at, k in in_title if any(
        _title_apposed_class().match(title[m.end():]) for form in spellings.get(k, ())
        for m in re.finditer(rf"\b{re.escape(form)}\b", title))]
    if described:  # « NFT et fantasy football : Sorare, la start-up française qui valait … »: the name a class noun
        in_title = described + [item for item in in_title if item not in described]  # describes is the company
    rubric = re.match(r"\s*([^:]+?)\s*:", title)
    if rubric and len(in_title) > 1 and in_title[0][1] == name_key(rubric.group(1)):
        in_title = in_title[1:]  # "Daily Briefing: Kalvo raises $5m": a rubric before the colon, the company after it
    for rank, (_, key) in enumerate(in_title):
        scores[key] += 15 if rank == 0 else 3  # the headline names the funded company first
    if not scores:
        return None, False
    # "Mistral" and "Mistral AI" are one company: fold a name into the longer names it starts; not "Convoy", counted
    # many times before its product "Convoy Go", named once, late and not in the headline: a name of its own.
    folded: Counter[str] = Counter()
    apart: set[str] = set()
    for key, score in scores.items():
        longer = [k for k in scores if k != key and k.startswith(key + " ") and scores[k] >= 2]
        target = max(longer, key=lambda k: scores[k]) if longer else key
        if (target != key and target not in titled and first_at.get(key, 0) < first_at.get(target, 0)
                and _named_alone(body, spellings.get(key, Counter()), spellings.get(target, Counter()))):
            target = key
            apart.add(key)
        folded[target] += score
    tied = (folded + acting_scores).most_common(TIED_NAMES_FOR_NO_SUBJECT)
    if len(tied) == TIED_NAMES_FOR_NO_SUBJECT and tied[0][1] == tied[-1][1]:
        return None, False  # several names tie: a review of many companies' deals, not one company's story
    ranked = folded.most_common(TIED_NAMES_FOR_NO_SUBJECT)
    best = ranked[0][0]
    forms = [form for key, counter in spellings.items() if key == best or (key.startswith(best + " ") and best not in apart)
             for form in counter]
    full = [f for f in forms if name_key(f).startswith(best) and len(name_key(f).split()) <= len(best.split()) + 1]
    dominant = len(ranked) == 1 or ranked[0][1] >= DOMINANT_SCORE_RATIO * ranked[1][1]
    return max(full or forms, key=lambda f: (len(name_key(f)), spellings[_web_key(f)][f])), dominant


#: How many times at least the body names a name alone, beside a longer name it starts written once at most, for the
#: name to stay a company of its own ("Convoy" beside its product "Convoy Go"), not a short form folded into the longer
#: name ("Mistral" of "Mistral AI").
SHORT_NAME_APART_RATIO = 4


#: A web domain ending a company's name ("Shopclues.com", "Jet.com"): the name the text also writes without it.
_WEB_DOMAIN = re.compile(r"\.(?:com|net|org|io)$", re.IGNORECASE)


def _web_key(name: str) -> str:
    """The key a name is counted under as the article's company: its ``name_key``, its web domain aside
    ("Shopclues.com" and "Shopclues’s" are one company)."""
    return name_key(_WEB_DOMAIN.sub("", name.strip()))


def _named_alone(body: str, short: Counter[str], longer: Counter[str]) -> bool:
    """The body writes the short name alone at least ``SHORT_NAME_APART_RATIO`` times, and the longer name once at most
    (the headline left out: its bonus makes no company)."""
    longer_count = sum(body.count(form) for form in longer)
    alone = sum(body.count(form) for form in short) - longer_count
    return longer_count <= 1 and alone >= SHORT_NAME_APART_RATIO

#: Lower-case words at most between a public-body noun and the name it introduces ("UK tax authority X").
PUBLIC_BODY_GAP_WORDS = 3
#: The lower-case words just before a name, and the acronym in brackets after one.
_WORDS_BEFORE = re.compile(rf"((?:[a-zà-ÿ][\w'’-]*\s+){{1,{PUBLIC_BODY_GAP_WORDS + 1}}})$")
#: Characters at most between a public body's name and its acronym, the rest of a name the finder cut in two
#: ("HM Revenue | and Customs (HMRC)").
PUBLIC_BODY_NAME_TAIL = 30
_ACRONYM_AFTER = re.compile(rf"^[^(),.;:]{{0,{PUBLIC_BODY_NAME_TAIL}}}\(([A-Z][A-Za-z&]{{1,9}})\)")


#: A headline's last capitalised words (three at most) after a spaced dash or bar: its source or publisher ("... in H1
#: - Mercom", "... | Les Echos"; not "Financement - Kalvo lève 5 M€").
_TITLE_CREDIT = re.compile(r"\s+[-–—|]\s+(?:[A-Z][\w&.'’-]*\s+){0,2}[A-Z][\w&.'’-]*\s*$")
#: A headline's name before a possessive and another one-word name ("Elon Musk's xAI"; not "TransferWise's Taavet
#: Hinrikus", a person): the owner of the company named after it.
_TITLE_POSSESSOR = re.compile(r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+([A-Za-z]*[A-Z][\w.&-]*)\b(?!\s+[A-Z])")


@lru_cache(maxsize=1)
def _title_owned_company() -> re.Pattern[str]:
    """A headline's name before a possessive, then a company class noun after three lower-case words at most ("Chris
    DeWolfe’s next gaming biz", "Elon Musk's AI startup"): the owner of a company the headline does not name."""
    nouns = "|".join(sorted((re.escape(n) for n in class_nouns()), key=len, reverse=True))
    return re.compile(rf"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,3}})['’]s\s+(?:[a-z][\w-]*\s+){{0,3}}(?:{nouns})\b")


@lru_cache(maxsize=1)
def _title_apposed_class() -> re.Pattern[str]:
    """What follows a headline's name that a company class noun describes in apposition, two words at most before
    the noun (« Sorare, la start-up française », "Kalvo, the French startup")."""
    nouns = "|".join(sorted((re.escape(n) for n in class_nouns()), key=len, reverse=True))
    return re.compile(rf"\s*,\s+(?:la|le|l['’]|une?|the|an?)\s*(?:[\w-]+\s+){{0,2}}(?:{nouns})\b", re.IGNORECASE)


#: Characters before a name that can hold the words making it a fund's owner (« le fonds d'investissement de la
#: famille », "the corporate venture capital arm of"): the only stretch searched, however long the text.
FUND_OWNER_WINDOW = 120


def _fund_owner(text: str, form: str) -> bool:
    """The text writes ``form`` as the owner of a fund (« le fonds de Serena Williams »): an investor or its
    parent, never the funded company."""
    return any(_UNNAMED_FUND_OWNER.search(text[max(0, at.start() - FUND_OWNER_WINDOW):at.start()])
               for at in re.finditer(re.escape(form), text))


def _introduced_company(view: SentenceView, name: Name, introduced: set[str]) -> bool:
    """A name the article introduces with a class noun somewhere: a company candidate even when an investor's
    alias is spelled the same."""
    key = name_key(name.text)
    return (key in introduced and key.split(" ")[-1] not in _entities()["investor_suffixes"]  # "la société X Growth" invests
            and _company_candidate(view, name, investor_ok=True))


def _public_body_keys(views: list[SentenceView]) -> set[str]:
    """The names a public-body noun introduces ("UK tax authority HM Revenue and Customs (HMRC)",
    « le régulateur britannique X »), with their acronyms in brackets: never the article's funded company."""
    bodies = _entities()["public_bodies"]
    keys: set[str] = set()
    for view in views:
        for name in view.names:
            before = _WORDS_BEFORE.search(view.text[:name.start - view.start])
            body_ends = [view.start + before.start(1) + w.end() for w in re.finditer(r"\S+", before.group(1))
                         if w.group(0).lower() in bodies] if before else []
            if not body_ends:
                continue
            body_end = body_ends[-1]  # the last body noun before the name, in article offsets
            if any(view.parse.pos[k] in _NOT_QUALIFYING_POS for k in range(view.token_at(body_end), view.token_at(name.start))):
                continue  # "the Crown agency had invested in Rocket Lab": a clause between, not a body's name
            keys.add(name_key(name.text))
            if acronym := _ACRONYM_AFTER.match(view.text[name.end - view.start:]):
                keys.add(name_key(acronym.group(1)))
    return keys


#: Parts of speech between a public-body noun and a name that make the name no body's (a verb, a preposition).
_NOT_QUALIFYING_POS = frozenset({"VERB", "AUX", "ADP"})


#: Headlines whose investor is remembered (each headline is read once by the subject count, once by the deeds).
TITLE_INVESTOR_CACHE = 1024


@lru_cache(maxsize=TITLE_INVESTOR_CACHE)
def _title_investor(title: str, language: str | None) -> str | None:
    """What a headline says before its investing verb (« Total investit dans Hyzon », "Leansquare mise
    sur ...", "Harrow Ventures invests in Kalvo", « Orange soutient un leader de l'agritech », ``grammar.json``
    backed_object_verbs): the investor, not the funded company. Headlines parse poorly, so the words before the verb
    (a verb, or the headline's root) stand for its subject; an object ("Kalvo secures investment from ...") is no
    verb."""
    if not title.strip():
        return None
    backing = _grammar(pipeline_language(language))["backed_object_verbs"]
    if not may_hold_cue(title, language, "INVEST") and not any(word.lower().startswith(tuple(
            lemma[:BACKING_STEM_LETTERS] for lemma in backing)) for word in title.split()):
        return None  # no investing cue nor backing verb possible: the pipeline's pass over the headline would find none
    doc = load_pipeline(pipeline_language(language))(title)
    starts = [cue.start for cue in doc.spans.get("cues", []) if cue.label_ == "INVEST"
              and (cue[0].pos_ == "VERB" or cue[0].dep_ == "ROOT") and cue.start > 0]
    starts += [t.i for t in doc if t.lemma_ in backing and t.pos_ == "VERB" and t.dep_ == "ROOT" and t.i > 0]
    if starts:
        return re.split(r":|\s[-–—|]\s", doc[:min(starts)].text)[-1].strip()  # "Kalvo: Harrow invests ...": Harrow
    return None


#: Letters of a backing verb's lemma that its inflected forms keep (« soutien(t) », "back(s)"): a cheap test before
#: parsing a headline.
BACKING_STEM_LETTERS = 4


def _names_between(view: SentenceView, first: Figure, second: Figure) -> bool:
    """Whether a name stands between two figures of a sentence (an investor, another company)."""
    return any(first.mention.end <= n.start and n.end <= second.mention.start for n in [*view.names, *view.investors])


def _sentence_company(view: SentenceView, subject: str | None, default: str | None = None,
                      lead_subjects: bool = False) -> str | None:
    """The company a sentence is about: the subject when it names it, else the first company
    named before the first funding cue (roundups: "Paris-based Nebula Health raised ..."); never a backer, nor, with
    ``lead_subjects``, the subject of a lead verb ("Atlas Innovate led the round")."""
    if subject is not None and _mentions_subject(view, subject):
        return subject  # with no subject, a class noun ("the company announced") names no one: the names decide
    if subject is not None and title_case(view.text):
        return default if default is not None else subject  # a title-case headline's runs are no names
    cue_at = min((c.start for c in view.cues if c.label in {"ROUND", "INVEST", "VALUATION"}), default=None)
    backers = backer_starts(view, lead_subjects)  # "Fidelity and Credit Suisse previously backed a $130m series D"
    listed_from = min((c.end for c in view.cues if c.label == "PARTICIPANTS" and cue_at is not None
                       and c.end <= cue_at and (any(n.start < c.start for n in view.names)
                                                   or _common_noun_subject_before(view, c.start))),
                      default=None)  # "Delhivery is in talks with Carlyle and Fosun to raise $100 million": investors
    # ("The Jakarta-based firm is in talks with A and B to secure $250 million": a class noun stands for the company)
    before = sorted((n for n in _sentence_companies(view, subject) if cue_at is not None and n.end <= cue_at
                     and n.start not in backers and (listed_from is None or n.start < listed_from)),
                    key=lambda n: n.start)
    outside = [n for n in before if not _in_aside(view, n) and not _possessor_of_name(view, n)
               and not _listed_founder(view, n)  # « Fondée en 2020 par A et B, elle a annoncé »: founders
               and not _in_fronted_description(view, n)  # « Connu pour ses titres A et B, il a obtenu »
               and not _in_indefinite_apposition(view, n)  # "OQ Technology, a start-up … 5G IoT …, announced"
               and not _possessed_product(view, n)]  # « célèbre pour ses enceintes compactes Phantom, avait levé »
    if outside:  # "startup Pandion — which helps retailers compete with Amazon.com Inc. — has secured"
        return outside[-1].text.strip()
    if (fronted := _fronted_phrase_end(view, cue_at)) is not None and _verb_after_name(view, fronted):
        main = [n for n in _sentence_companies(view, subject) if n.start >= fronted and n.start not in backers
                and not _after_investor_cue(view, n)]
        if main:  # « Avec 27 millions d'euros levés en juin auprès de A et B, Gleamer compte pour 42 % du total »; not
            # « Après avoir levé 1 M€ auprès de A, B et C, elle avait été retenue … « Créative Europe » », B opening no clause
            return main[0].text.strip()
    named = [n for n in _class_noun_names(view) if _company_candidate(view, n) and not _is_subject(n.text, subject)]
    if named:  # « ... obtenus par la start-up gantoise Showpad »
        return named[0].text.strip()
    return default if default is not None else subject


#: A comma and the word after it.
_COMMA_THEN_WORD = re.compile(r",\s*([^\W\d_]+)")


def _in_fronted_description(view: SentenceView, name: Name) -> bool:
    """The name stands in a participle's or an adjective's phrase that opens the sentence up to a comma, and a
    pronoun opens the main clause after it (« Connu pour ses titres Northgard et Evoland, il a obtenu … », "Known for
    its game Evoland, it raised …"): what the phrase names describes the company the pronoun stands for."""
    p, g = view.parse, _grammar(view.language)
    first = view.token_at(view.opening)
    if first >= len(p.pos) or not (p.pos[first] == "ADJ" or (p.pos[first] == "VERB" and not p.finite[first])):
        return False
    for match in _COMMA_THEN_WORD.finditer(view.text, view.opening - view.start):
        if match.group(1).lower() in g["company_pronouns"]:  # the comma before the main clause's pronoun
            comma = view.start + match.start()
            return name.end <= comma and not any(
                p.finite[k] for k in range(first + 1, min(view.token_at(comma), len(p.pos))))
    return False


#: Relations of a noun that opens a sentence as the head of a compound preposition (« Grâce à », « Suite à »).
_OPENING_PREPOSITION_DEPS = frozenset({"case", "mark"})


def _fronted_phrase_end(view: SentenceView, cue_at: int | None) -> int | None:
    """Where the main clause starts after a phrase that opens the sentence with a preposition or a subordinating
    word and holds its funding cue (« Avec 27 M€ levés auprès de A et B, Gleamer compte … », "After raising $40 million
    from VCs, DoorDash is …"): the first name after the cue that a comma opens and a lower-case word follows."""
    p = view.parse
    first = view.token_at(view.opening)
    if cue_at is None or first >= len(p.pos) or not (
            p.pos[first] in {"ADP", "SCONJ"} or p.deps[first] in _OPENING_PREPOSITION_DEPS  # « Grâce à », « Suite à »
            or (first + 1 < len(p.pos) and p.pos[first] == "NOUN" and p.pos[first + 1] == "ADP"
                and p.heads[first + 1] == first)):  # "Thanks to a $54 million round, Kalvo is …"
        return None
    for name in sorted(view.names, key=lambda n: n.start):
        if (name.start > cue_at and view.text[:name.start - view.start].rstrip().endswith(",")
                and view.text[name.end - view.start:].lstrip()[:1].islower()):
            return name.start
    return None


#: The agent word of a founding verb (« fondée par », "founded by").
_AGENT_WORD = re.compile(r"\b(?:par|by)\s", re.IGNORECASE)


def _common_noun_subject_before(view: SentenceView, at: int) -> bool:
    """A common noun that the parse makes a subject stands before offset ``at`` ("The Jakarta-based *firm* is in
    talks with A and B"): a description of the company, which the names after a participants cue are not."""
    p, subject = view.parse, _grammar(view.language)["subject"]
    return bool(p.deps) and any(s < at and p.pos[k] == "NOUN" and p.deps[k] in subject for k, s in enumerate(p.starts))


def _listed_founder(view: SentenceView, name: Name) -> bool:
    """A name among the founders a founding verb's agent lists, no comma between that agent and it (« Fondée en 2020
    par A et B, elle a annoncé »); not the company after the list ("An AML startup founded by former workers at X,
    Estonia’s Salv has raised")."""
    if not _named_as_founder(view, name.text):
        return False
    before = view.text[:name.start - view.start]
    agents = list(_AGENT_WORD.finditer(before))
    return bool(agents) and "," not in before[agents[-1].end():]


#: A possessive right after a name and before another ("Elon Musk’s xAI").
_POSSESSIVE_BEFORE_NAME = re.compile(r"^['’]s\s+$")


def _possessor_of_name(view: SentenceView, name: Name) -> bool:
    """A name that only owns the name after it ("Elon Musk’s xAI", "SoftBank’s Vision Fund"): not the doer."""
    return any(other.start > name.end and _POSSESSIVE_BEFORE_NAME.match(view.text[name.end - view.start:other.start - view.start])
               for other in view.names)


#: An aside inside a sentence, between dashes, in brackets or a relative clause between commas (« Spark, qui
#: remplace la technologie Bluetooth, a levé »): the names it holds describe, they do not raise.
_ASIDE = re.compile(r"\s[—–]\s[^—–]+?\s[—–]\s|\([^()]*\)|,\s(?:qui|which|who|dont|whose)\s[^,]+,")


def _in_indefinite_apposition(view: SentenceView, name: Name) -> bool:
    """A name inside an indefinite apposition to the name before it, no comma between ("OQ Technology, a start-up with
    plans to develop a global 5G Internet of Things constellation, announced", « Kalvo, une start-up soutenue par
    Orbix, a levé »), or inside a description without article that the parse hangs on a company's name before it, past
    the name's bracketed place (« Beam Therapeutics (États-Unis), pionnier dans … la base CRISPR … »): it describes
    that name, it does not raise."""
    p = view.parse
    previous = max((n for n in view.names if n.end <= name.start and not _bracketed(view, n)), key=lambda n: n.end,
                   default=None)
    if previous is None or not p.heads:
        return False
    gap = view.text[previous.end - view.start:name.start - view.start]
    bracket = _OPENING_BRACKET.match(gap)  # « Kalvo (États-Unis), pionnier de … »: the name's place in brackets
    comma_at = previous.end + (bracket.end() if bracket else 0)
    gap = gap[bracket.end():] if bracket else gap
    if not gap.startswith(",") or "," in gap[1:]:
        return False
    first = next((k for k, at in enumerate(p.starts) if at > comma_at), None)
    if first is None:
        return False
    if p.pos[first] == "DET":
        return p.lemmas[first].lower() in _grammar(view.language)["indefinite_determiners"]
    # « Kalvo (États-Unis), pionnier dans l'utilisation de la base Orbix … : 135 M$ recueillis »: a description without
    # article, hanging on the name before it, a company's (not « Elie Dan Mimouni, cofondateur de Medadom »: a person's)
    return (_token_text(view, first)[:1].islower() and p.deps[first] in _ARTICLELESS_APPOSITION_DEPS
            and previous.start <= p.starts[p.heads[first]] < previous.end and _company_candidate(view, previous))


#: A bracket opening a gap between two names, with what it holds ("Kalvo (CA, USA), …").
_OPENING_BRACKET = re.compile(r"^\s*\([^()]*\)")
#: Relations by which the parse hangs a description without article on the name it describes.
_ARTICLELESS_APPOSITION_DEPS = frozenset({"appos", "acl", "nmod", "amod"})


def _bracketed(view: SentenceView, name: Name) -> bool:
    """The name stands alone inside brackets (« (États-Unis) »)."""
    before, after = view.text[:name.start - view.start].rstrip(), view.text[name.end - view.start:].lstrip()
    return before.endswith("(") and after.startswith(")")


def _in_aside(view: SentenceView, name: Name) -> bool:
    """A name inside one of its sentence's asides (``_ASIDE``), or inside an aside between commas that a cue of
    something else (an acquisition...) opens right after another name (« Lunaphore, racheté depuis par Bio-Techne,
    avait levé 40 millions »): it describes, it does not raise."""
    if any(view.start + a.start() <= name.start and name.end <= view.start + a.end() for a in _ASIDE.finditer(view.text)):
        return True
    for cue in view.cues:
        if not cue.label.startswith("OTHER_") or not cue.end <= name.start:
            continue
        opened = any(view.text[n.end - view.start:cue.start - view.start].strip() == "," for n in view.names
                     if n.end <= cue.start)
        close = view.text.find(",", cue.end - view.start)
        if opened and close >= 0 and name.end <= view.start + close:
            return True
    return False


def _in_headline(fig: Figure, headline: str) -> bool:
    """The figure stands in the article's headline: the first sentence, written as the title (spaces aside)."""
    return bool(headline) and fig.sentence.start == 0 and " ".join(fig.sentence.text.split()).startswith(headline)


def headline_deal_company(figures: list[Figure], title: str | None) -> str | None:
    """The company of the round the headline tells, when it tells one company's rounds."""
    headline = " ".join((title or "").split())
    companies = _unique(f.company for f in figures if f.role == "round" and f.company and _in_headline(f, headline))
    return companies[0] if len(companies) == 1 else None


def _headline_restates_body(funding: list[Figure], title: str | None) -> None:
    """A headline's round figure at the amount of the rounds of one company in the body, when the headline names that
    company, is that company's round ("Vertical Farming Boom Continues With InFarm Raising $100 Million" over "InFarm
    said it raised $100 million"): a headline's capitalised words name no company by themselves."""
    headline = " ".join((title or "").split())
    if not headline:
        return
    for fig in funding:
        if fig.role != "round" or not _in_headline(fig, headline):
            continue
        body = [f for f in funding if f.role == "round" and f.sentence.start > 0 and f.company
                and (f.value, f.currency) == (fig.value, fig.currency)]
        companies = {name_key(f.company or "") for f in body}
        if len(companies) == 1 and name_key(fig.company or "") not in companies and (
                f" {next(iter(companies))} " in f" {name_key(headline)} "):
            fig.company, fig.company_by = body[0].company, body[0].company_by


def _is_roundup(companies: Counter[str | None], subject: str | None, title: str | None, in_passing: bool = False) -> bool:
    """Several companies' deals in one article (a weekly roundup, a market review); not when
    ``in_passing``: its company dominates it, and it tells the others' rounds in one paragraph for comparison."""
    if len(companies) >= 3:
        return not (in_passing and companies.get(subject, 0) >= 1)
    titled = bool(subject and title and name_key(subject).split(" ")[0] in name_key(title))
    return len(companies) >= 2 and not titled and companies.get(subject, 0) < 2


def _purpose_recipient(fig: Figure) -> str | None:
    """The company a purpose clause after a round figure names (« a participé à la levée de 9 M€ menée par A pour
    soutenir le développement de Lisaqua »): the first name after its words that may be a company."""
    view = fig.sentence
    for name in sorted(view.names, key=lambda n: n.start):
        if name.start > fig.mention.end and _PURPOSE_RECIPIENT.search(
                view.text[fig.mention.end - view.start:name.start - view.start]) and _company_candidate(view, name):
            return name.text.strip()
    return None


def _backs_here(view: SentenceView, name: str) -> bool:
    """The sentence makes ``name`` the subject of a backing verb (``grammar.backer_starts``): an investor there."""
    backers = backer_starts(view)
    return any(n.start <= at < n.end for n in view.names if _written_as(n.text, name) for at in backers)


def _written_as(written: str, name: str) -> bool:
    """Whether a mention writes ``name``: the same words, or its initials in capitals (« CMI » for « Crédit Mutuel
    Innovation »)."""
    return name_key(written) == name_key(name) or (
        len(written) > 1 and written.isupper() and written.isalpha() and _initials(name) == written)


def _role_described(view: SentenceView, name: Name) -> bool:
    """A role title right before the name, a comma between or not (« Sa fondatrice, Eléonore Blondeau », "CEO Jane
    Doe"), or apposed right after it ("Jane Doe, the CEO of Kalvo"): a person's name."""
    before = view.text[max(0, name.start - view.start - ROLE_TITLE_REACH):name.start - view.start]
    return bool(_ROLE_TITLE_BEFORE.search(re.sub(r",\s*$", " ", before))
                or _ROLE_APPOSED_AFTER.match(view.text[name.end - view.start:]))


def _named_as_founder(view: SentenceView, name: str) -> bool:
    """Every mention of ``name`` in the sentence follows a founding verb and its agent (``_FOUNDED_BY_BEFORE``)."""
    starts = [n.start for n in view.names if n.text.strip() == name.strip()]
    return bool(starts) and all(_FOUNDED_BY_BEFORE.search(view.text[max(0, at - view.start - 90):at - view.start])
                                for at in starts)


def _names_invest(view: SentenceView) -> bool:
    """A name is the subject of the sentence's investing, participating or leading verb ("A and B also invested",
    "Existing investor C also participated"): the sentence tells who put money in, not a deal of its own."""
    p = view.parse
    subject = _grammar(view.language)["subject"]
    spans = [(n.start, n.end) for n in [*view.names, *view.investors]]
    for cue in view.cues:
        if cue.label not in {"PARTICIPANTS", "INVEST", "LEAD"} or cue.token_start >= len(p.pos):
            continue
        k = cue.token_start
        if p.pos[k] == "VERB" and any(p.deps[d] in subject and any(a <= p.starts[d] < b for a, b in spans)
                                      for d in p.children(k)):
            return True
    return False


def _leads_round_told(view: SentenceView) -> bool:
    """The sentence leads the round the article tells, its figures those of a relative clause describing the lead
    (« L’opération est menée par Softbank, …, qui avait permis à ContentSquare de lever 500 M$ »): another deal."""
    cue_at = min((c.start for c in view.cues if c.label in _INVESTOR_CUES), default=None)
    return cue_at is not None and figures_in_relative_after(view, cue_at) and _told_round_subject(view)


def _told_round_subject(view: SentenceView) -> bool:
    """The sentence's subject is a round noun under a definite or demonstrative determiner (« L’opération est menée
    par », "The round was led by"): the round the article tells."""
    p, g = view.parse, _grammar(pipeline_language(view.language))
    determiners = g["definite_determiners"] | g["demonstrative_determiners"]
    return any(c.label == "ROUND" and 0 < c.token_start < len(p.deps) and p.deps[c.token_start] in g["subject"]
               and p.lemmas[c.token_start - 1].lower() in determiners for c in view.cues)


def _view_companies(
    views: list[SentenceView], subject: str | None, roundup: bool, figures: list[Figure]
) -> list[str | None]:
    """The company each sentence is about. In a roundup, a sentence naming no company (or only the
    subject of its lead verb: "The round was led by Accel.") continues the deal of the sentence before it
    in its paragraph, or across one paragraph break when its names invest ("X also participated"). A
    sentence whose rounds are all one company's is about that company ("Quillby, son concurrent, avait
    levé 4 M€ auprès de Pivoine Ventures": Pivoine invested in Quillby); a sentence without a figure goes
    with the nearest round told before it in its paragraph; elsewhere it is the subject."""
    owners_of: dict[int, list[tuple[int, str | None]]] = {}
    for fig in figures:
        if fig.role in {"round", "investment"}:
            owners_of.setdefault(id(fig.sentence), []).append((fig.mention.start, fig.company))
    # « L’opération est menée par Softbank, …, qui avait permis à ContentSquare de lever 500 M$ »: the round told is led,
    # the figure of the relative clause describing its lead another deal
    leading_told = {id(view) for view in views if id(view) in owners_of and _leads_round_told(view)}

    def own_company(view: SentenceView) -> str | None:
        own = owners_of.get(id(view), [])
        companies = {company for _, company in own}
        if id(view) in leading_told:
            return None
        if len(companies) == 1 and None not in companies:
            return next(iter(companies))
        # Several companies' figures: the investors named follow the figure just before the first
        # investor cue ("a $500 million round led by DST Global, ahead of NuBank's $400 million").
        cue_at = min((c.start for c in view.cues if c.label in _INVESTOR_CUES), default=None)
        before = [company for start, company in sorted(own, key=lambda o: o[0]) if cue_at is not None and start < cue_at]
        return before[-1] if before else None

    if not roundup:
        # A sentence with no figure right after one whose rounds are another company's, in its paragraph,
        # goes on about that deal ("Bird announced $275 million in Series D funding. CDPQ and Sequoia
        # co-led the round.").
        found: list[str | None] = []
        for k, view in enumerate(views):
            owner = own_company(view)
            if owner is None and not view.money and (investee := investee_told(view)) is not None:
                owner = investee  # "Larch and Harrow have also invested in Tekora": Tekora's deal, not the one before
            if owner is None and not view.money:
                # the nearest sentence before, in its paragraph, that tells a round ("Optivolt has raised $8 million.
                # Including the latest round, … to date. … Atlas Innovate led the funding round")
                for before_view in reversed(views[:k]):
                    if before_view.paragraph != view.paragraph:
                        break
                    if (before := own_company(before_view)) is not None:
                        owner = before
                        break
            if owner is None and k and views[k - 1].paragraph != view.paragraph and (
                    figureless_round_taken_up(view) or definite_round(view)):
                # a paragraph opening on "This latest round is supported by A" (or "The round was led by A") goes on
                # with the deal the paragraph just before tells ("BBOXX closed a $20 million Series C …"; "Affirmed
                # Networks had a year ago raised $38m in a funding round"), whoever the article is about
                owner = next((before for before_view in reversed(views[:k])
                              if before_view.paragraph == views[k - 1].paragraph
                              and (before := own_company(before_view)) is not None), None)
            found.append(owner or subject)
        return found
    owners: list[str | None] = []
    for view in views:
        told = id(view) in leading_told
        owner = own_company(view) or (None if told else _sentence_company(view, None, None, lead_subjects=True))
        if owner is None and owners:
            before = views[len(owners) - 1]
            if before.paragraph == view.paragraph or (  # "Kalvo closed a $22m Series A." then, a paragraph below,
                    before.index == view.index - 1 and view.paragraph - before.paragraph == 1 and (told or (
                        not view.money and _names_invest(view)))):  # "Orbix Sciences and the Tekora Fund also invested."
                owner = owners[-1]
        if owner is None and not told and _names_investors(view) and definite_round(view):
            owner = _deal_described_before(views, owners)
        owners.append(owner)
    return owners


#: Sentences at most a roundup's investor sentence looks back, over sentences that only describe the deal, for the
#: deal its investors are named in.
ROUNDUP_DESCRIPTION_SENTENCES = 3


def _names_investors(view: SentenceView) -> bool:
    """The sentence holds a lead or participation cue: it may name a deal's investors."""
    return any(c.label in {"LEAD", "PARTICIPANTS"} for c in view.cues)


def _deal_described_before(views: list[SentenceView], owners: list[str | None]) -> str | None:
    """In a roundup, the company of the deal told a few sentences before an investor sentence naming no company but the
    round, with a definite article (``grammar.definite_round``), when the sentences between give no figure and tell of
    no company of their own, whatever paragraphs part them ("ReCode Therapeutics has obtained a total of $200 million …"
    / "The California-based company says the funds will be used to …" / "Existing investors, including A and B, also
    participated in the financing"): that deal's (not "Investors include A and B" after a paragraph on the sector)."""
    for k in range(len(owners) - 1, max(-1, len(owners) - 1 - ROUNDUP_DESCRIPTION_SENTENCES), -1):
        if owners[k] is not None:
            return owners[k]
        if views[k].money:
            return None
    return None


#: The determiners that make a figure's subject a description of a company named just before, per figure
#: role (``grammar.json``): any definite one for a valuation ("The company is valued ..."), only a
#: demonstrative for a round (« Ce constructeur a obtenu ... »; "the company raised" most often is the
#: article's own company).
_DESCRIPTION_DETERMINERS = {"valuation": "definite_determiners", "round": "demonstrative_determiners"}


#: Role of a lead cue whose agent follows it ("led by X", « mené par X »).
LEAD_AGENT_ROLE = "lead:name_after"
#: What may stand between a lead cue's agent mark and a name it lists, names taken out: commas, conjunctions and
#: determiners ("led by A, B and the C").
_AGENT_LIST_GAP = re.compile(r"^(?:[\s,]|\b(?:and|et|the|le|la|les|l['’]))*$", re.IGNORECASE)


def _lead_agent(view: SentenceView, name: Name) -> bool:
    """A name listed right after a lead cue's agent mark ("a C-1 round led by Grosvenor Food & AgTech", « mené par A
    et B »): a lead investor, not a company the sentence names."""
    for cue in view.cues:
        if cue.role != LEAD_AGENT_ROLE or cue.end > name.start:
            continue
        gap = view.text[cue.end - view.start:name.start - view.start]
        for other in sorted(view.names, key=lambda n: n.start, reverse=True):
            if cue.end <= other.start and other.end <= name.start:
                gap = gap[:other.start - cue.end] + gap[other.end - cue.end:]
        if _AGENT_LIST_GAP.match(gap):
            return True
    return False


#: The opening of a sentence that takes up the figure of the sentence before as what a company raised ("But that's how
#: much Kalvo just raised", « C'est ce que Kalvo vient de lever »).
_AMOUNT_TAKEN_UP = re.compile(rf"^\W*(?:(?:but|and|mais|et)\s+)?(?:{_context_words('amount_taken_up')})\s", re.IGNORECASE)


def _amount_taken_up(fig: Figure, views: dict[int, SentenceView]) -> str | None:
    """The company the next sentence of the figure's paragraph says raised it, that sentence holding no figure and
    opening by taking the figure up (``_AMOUNT_TAKEN_UP``): its first company name between that opening and its
    funding verb."""
    after = views.get(fig.sentence.index + 1)
    if after is None or after.paragraph != fig.sentence.paragraph or after.money:
        return None
    opening = _AMOUNT_TAKEN_UP.match(after.text)
    raising = [c.start for c in after.cues if c.label == "ROUND"]  # not « C'est ce que révèle le rapport de X »
    if opening is None or not raising:
        return None
    named = [n for n in sorted(after.names, key=lambda n: n.start)
             if after.start + opening.end() <= n.start and n.end <= min(raising) and _company_candidate(after, n)]
    return named[0].text.strip() if named else None


#: Quotation marks that open a quotation, and those that close one.
_QUOTE_OPENERS = "«“\""
_QUOTE_CLOSERS = "»”\""
#: The closing quotes that only ever close (a straight quote may open the next quotation).
_TYPOGRAPHIC_CLOSERS = "»”"
#: Characters at most between a quotation's end and the role title of its speaker (« », note Remco van Erp, CEO de »).
SPEAKER_ROLE_REACH = 80


def speaker_company(fig: Figure) -> str | None:
    """A figure inside a quotation whose words before it speak for a company in the first person plural (``grammar.json``
    first_person_plural), and after the quotation a role title of a named company (« «Nous avons réalisé une levée de
    fonds de 3,85 millions de CHF», note Remco van Erp, CEO de Corintis »): the speaker's company raised it."""
    view = fig.sentence
    at = fig.mention.start - view.start
    opening = max(view.text.rfind(q, 0, at) for q in _QUOTE_OPENERS)
    closings = [k for k in (view.text.find(q, fig.mention.end - view.start) for q in _QUOTE_CLOSERS) if k >= 0]
    if not closings:
        return None
    closing = min(closings)
    if opening < 0 and view.text[closing] in _TYPOGRAPHIC_CLOSERS and not any(q in view.text[:at] for q in _QUOTE_CLOSERS):
        opening = -1  # « “J’ai pitché … On cherche 4 millions d’euros …”, explique … »: the quotation opened a sentence
        # before, this one is inside it from its first word
    elif opening < 0:
        return None
    words = {w.strip("«“\"'’,.;:!?").lower() for w in view.text[opening + 1:at].split()}
    if not words & _grammar(pipeline_language(view.language))["first_person_plural"]:
        return None
    role = _ROLE_OF_NAME.search(view.text, closing, closing + SPEAKER_ROLE_REACH)
    if role is None or _known_investor(role.group(1)) or name_key(role.group(1)) in _places():
        return None
    return role.group(1).strip(".,;:")


def _name_opening_bracket(fig: Figure) -> str | None:
    """The company a bracket around the figure opens with, a comma between them (« les secteurs du transport (Traxens,
    23 M€ levés), de l’énergie (Nawa Technologies, 18,3 M€ levés) »): each bracket tells its own company's round."""
    view = fig.sentence
    aside = _aside_at(view, fig.mention.start)
    if aside is None:
        return None
    first = next((n for n in view.names if n.start > aside[0]), None)
    if (first is None or view.text[aside[0] + 1 - view.start:first.start - view.start].strip()
            or view.text[first.end - view.start:fig.mention.start - view.start].strip() != ","
            or not _company_candidate(view, first)):
        return None
    return first.text.strip()


def _people_keys(views: list[SentenceView]) -> set[str]:
    """The name keys of the people the article names in full with a role title before them ("founder and CEO Byju
    Raveendran"), and of their last names: a person, never a round's company."""
    keys: set[str] = set()
    for view in views:
        for name in view.names:
            if _full_person(name) and _ROLE_TITLE_BEFORE.search(view.text[:name.start - view.start]):
                keys |= {name_key(name.text), name_key(name.text.split()[-1])}
    return keys


def _names_no_company(view: SentenceView, subject: str | None) -> bool:
    """The sentence names no company but lead investors ("It raised $100 million in a round led by A"), the article's
    subject included (a class noun or a pronoun may stand for one)."""
    return not [n for n in _sentence_companies(view, subject) if not _lead_agent(view, n)] and not (
        subject is not None and any(_is_subject(n.text, subject) for n in view.names))


def _antecedent(view: SentenceView, views: dict[int, SentenceView], funding: list[Figure], subject: str | None,
                by_name: bool = False) -> str | None:
    """The company a definite description refers back to: the one company of the sentence just
    before, in the same paragraph (its funding figures' company, else the one company it names),
    when that sentence does not speak of the article's subject (with ``by_name``: does not name it, a class
    noun there, "its stake in the company", being no reference to it; and of several, the first, its topic);
    None when it names none or several."""
    before = views.get(view.index - 1)
    if before is None or before.paragraph != view.paragraph:
        return None
    if any(_is_subject(n.text, subject) for n in before.names) if by_name else _mentions_subject(before, subject):
        return None
    owners = {f.company for f in funding if f.sentence is before}
    if owners:
        return next(iter(owners)) if len(owners) == 1 else None
    named = _unique(n.text.strip() for n in _sentence_companies(before, subject)
                    if not _lead_agent(before, n) and not _after_investor_cue(before, n))  # not « menée par A et B »
    return named[0] if len(named) == 1 or (by_name and named) else None  # by name: the first, its topic


def _latter_antecedent(view: SentenceView, views: dict[int, SentenceView], subject: str | None) -> str | None:
    """The last company named in the sentence just before, when the sentence opens with a word taking it up ("The
    latter remains privately held, but … it managed to snag $350 million", ``grammar.json`` latter_words)."""
    opening = view.text.lstrip(" «\"“").lower()
    if not any(opening.startswith(w + " ") or opening.startswith(w + ",") for w in _grammar(view.language)["latter_words"]):
        return None
    before = views.get(view.index - 1)
    if before is None or view.paragraph - before.paragraph > 1:
        return None
    named = [n for n in _sentence_companies(before, None) if _company_candidate(before, n)]
    return max(named, key=lambda n: n.start).text.strip() if named else None


def _paragraph_company(view: SentenceView, views: list[SentenceView], funding: list[Figure],
                       subject: str | None) -> str | None:
    """The one company a paragraph tells the deals of, when it is not the article's subject: every funding figure
    of the paragraph given another company than the subject is that company's, one at least before ``view``, and
    no sentence of the paragraph names the subject. A sentence of that paragraph naming
    no company ("A previous Series A round raised US$100 million for the company") goes on with its deal."""
    if subject is None:
        return None
    told = [v for v in views if v.paragraph == view.paragraph]
    if any(_is_subject(n.text, subject) for v in told for n in v.names):
        return None
    owners = {f.company for f in funding if f.sentence.paragraph == view.paragraph and f.company
              and not _is_subject(f.company, subject) and not _leads_round_told(f.sentence)}  # not the deal a
    # relative clause tells of the told round's lead (« …, qui avait permis à ContentSquare de lever 500 M$ »)
    if len(owners) != 1 or not any(f.sentence.index < view.index for f in funding
                                   if f.sentence.paragraph == view.paragraph and f.company in owners):
        return None
    owner = next(iter(owners))
    if any(_full_person(n) and name_key(n.text) == name_key(owner) for v in told for n in v.names):
        return None  # « Jurgi Camblong a levé 225 millions de francs en sept rounds »: the founder speaks for it
    return owner


def _ordinal_antecedent(view: SentenceView, views: dict[int, SentenceView], subject: str | None) -> str | None:
    """The company a sentence's opening ordinal subject takes up (``grammar.json`` ordinal_subjects: « La première »,
    "The latter"): the company at that place among those the sentence just before, in the same paragraph, names."""
    language = pipeline_language(view.language)
    opening = view.text[view.opening - view.start:].lower()

    def opens_with(words: str) -> bool:
        return opening.startswith(words) and opening[len(words):len(words) + 1] in {" ", ","}

    place = next((k for k, group in enumerate(_ordered_grammar(language, "ordinal_subjects"))
                  if any(opens_with(words) for words in group)), None)
    if place is None and any(opens_with(words) for words in _grammar(language)["last_subjects"]):
        place = -1  # « Ce dernier a levé 290 millions »: the last company named
    before = views.get(view.index - 1)
    if place is None or before is None or before.paragraph != view.paragraph:
        return None
    named = _unique(n.text.strip() for n in sorted(before.names, key=lambda n: n.start)
                    if n.canonical is None and _company_candidate(before, n))
    return named[place] if named and len(named) > place else None


def _section_headings_follow(figures: list[Figure], views: list[SentenceView]) -> None:
    """A round figure in a section heading of the body ("$255M: Series C for the World's First Smart Factory", a
    paragraph of one sentence with no closing stop), given to no company by its own grammar, is the round the next
    paragraph tells at the same amount: that round's company's, not the article's."""
    sentences_in = Counter(view.paragraph for view in views)
    for fig in figures:
        view = fig.sentence
        if (fig.role != "round" or fig.company_by == "grammar" or sentences_in[view.paragraph] != 1
                or not heading_like(view)):
            continue
        told = next((f for f in figures if f.role == "round" and f.company and f.company_by == "grammar"
                     and f.sentence.paragraph == view.paragraph + 1
                     and (f.value, f.currency) == (fig.value, fig.currency)), None)
        if told is not None:
            fig.company, fig.company_by = told.company, "heading"


#: Words at most between an owner's possessive and the related-company noun it owns ("Inc.'s Middle Eastern
#: subsidiary"), or between that noun and the genitive before the owner (« la filiale moyen-orientale de »).
RELATED_NOUN_WORDS = 3


@cache
def _related_company_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The text right after an owner before the related-company noun it owns ("'s Middle Eastern subsidiary"), and
    the text right before an owner after such a noun (« filiale moyen-orientale de »)."""
    nouns = "|".join(sorted(map(re.escape, _grammar(language)["related_company_nouns"]), key=len, reverse=True))
    after = re.compile(rf"^\.?['’]s?\s+(?:[\w-]+\s+){{0,{RELATED_NOUN_WORDS}}}(?:{nouns})\b", re.IGNORECASE)
    before = re.compile(rf"\b(?:{nouns})\s+(?:[\w-]+\s+){{0,{RELATED_NOUN_WORDS}}}(?:de|d['’]|of)\s*$", re.IGNORECASE)
    return after, before


def _owner_of_related_company(view: SentenceView, company: str) -> bool:
    """The name is written only as the owner of a related company (``grammar.json`` related_company_nouns): "X's
    Middle Eastern subsidiary", « la filiale moyen-orientale de X »; the sentence tells that company's deal."""
    after, before = _related_company_patterns(view.language)
    written = [n for n in view.names if name_key(n.text) == name_key(company)]
    return bool(written) and all(after.match(view.text[n.end - view.start:])
                                 or before.search(view.text[:n.start - view.start]) for n in written)


def _assign_companies(figures: list[Figure], subject: str | None, title: str | None, language: str,
                      views: list[SentenceView], dominant: bool = False,
                      introduced_investors: frozenset[str] | set[str] = frozenset()) -> bool:
    """Each figure's company: the name its genitive or relative clause gives, else the doer the
    parse finds, else the company its sentence is about. A valuation whose verb has a definite
    description for subject ("The company is valued ..."), a round whose verb has a demonstrative
    one (« Ce constructeur a obtenu ... »), a figure of a sentence that opens with a class noun and
    names no company (« La jeune pousse vient de boucler ... ») and, in a roundup, a figure of a
    sentence naming no company, is the company of the sentence before when that sentence names one
    other company. Every company's deal is kept, with its own company."""
    funding = [f for f in figures if f.role in {"round", "investment", "valuation"}]
    grammar = pipeline_language(language)
    by_index = {view.index: view for view in views}
    people = {key for view in views for n in view.names if _full_person(n)
              for key in (name_key(n.text), name_key(n.text.split()[-1]))}
    for fig in funding:
        fig.company, fig.company_by = fig.owner, "owner"
        if not fig.company:
            fig.company, fig.company_by = _relative_owner(fig, subject), "relative"
        if not fig.company:
            fig.company, fig.company_by = _grammatical_company(fig, subject, grammar), "grammar"
            if fig.company and _named_as_founder(fig.sentence, fig.company):
                fig.company = None  # « La start-up créée par X et son associé Y vient de lever »: the parse's Y founded it
            if fig.company and fig.role == "round" and (named := raised_by_person_for(fig, fig.company, people)):
                fig.company = named  # "Elon Musk raised another $250 million back in August for SpaceX"
        if not fig.company and fig.role == "round" and (named := _name_opening_bracket(fig)):
            fig.company, fig.company_by = named, "grammar"  # « du transport (Traxens, 23 M€ levés) »
        if not fig.company and fig.role == "round" and (named := speaker_company(fig)):
            fig.company, fig.company_by = named, "grammar"  # « «Nous avons réalisé une levée de fonds de 3,85 millions
            # de CHF», note Remco van Erp, CEO de Corintis »
        if not fig.company:
            fig.company, fig.company_by = _sentence_company(fig.sentence, subject, subject), "sentence"
        if (fig.company_by in {"grammar", "sentence"} and fig.company
                and _owner_of_related_company(fig.sentence, fig.company)):
            # "Uber Technologies Inc.'s Middle Eastern subsidiary is looking to raise $500 million", « la filiale
            # moyen-orientale d'Uber »: the related company's round, told of under the article's company, not the owner's
            fig.company, fig.company_by = (subject if subject and name_key(subject) != name_key(fig.company)
                                           else None), "sentence"
        if fig.role == "round" and (not fig.company or (fig.company_by == "sentence" and _backs_here(
                fig.sentence, fig.company))) and (named := _purpose_recipient(fig)):
            # « 9 M€ ... pour soutenir le développement de Lisaqua », whoever the subject of « a participé » is
            fig.company, fig.company_by = named, "purpose"
        if (fig.company_by == "sentence" and fig.role == "round" and _possessed_by_no_doer(fig, grammar)
                and (named := _antecedent(fig.sentence, by_index, funding, subject, by_name=True))):
            fig.company, fig.company_by = named, "antecedent"  # "SoftBank had participated in its $2m seed round"
        if (fig.company_by == "sentence" and fig.role in {"round", "valuation"}
                and (_definite_description(fig, grammar, _DESCRIPTION_DETERMINERS[fig.role])
                     or (_pronoun_doer(fig, grammar) and _names_no_company(fig.sentence, subject))
                     or (opens_with_class_noun(fig.sentence.text, language)
                         and _names_no_company(fig.sentence, subject)))
                and (named := _antecedent(fig.sentence, by_index, funding, subject) or (
                    fig.role == "round" and _definite_description(fig, grammar, "demonstrative_determiners")
                    and _antecedent(fig.sentence, by_index, funding, subject, by_name=True)))):
            # « Au quatrième rang se trouve X, qui a mis au point EyeOP1, … Cette société a levé 33 millions »: a
            # demonstrative takes up the topic just named, the first of several names
            fig.company, fig.company_by = named, "antecedent"
        if (fig.company_by == "sentence" and fig.role == "round" and not _is_subject(fig.company or "", subject)
                and demonstrative_round(fig)
                and (named := _antecedent(fig.sentence, by_index, funding, subject, by_name=True) or subject)):
            # « BOLD, le fonds de capital-investissement de L'Oréal Groupe, a participé à ce tour de table de 35
            # millions d'euros aux côtés d'Evonik CVC, … »: the round told before, not a name the sentence holds
            fig.company, fig.company_by = named, "antecedent"
    for fig in funding:  # "… MySpace and the mobile game studio Jam City. The latter … managed to snag $350 million"
        if (fig.company_by == "sentence" and fig.role in {"round", "valuation"}
                and (named := _latter_antecedent(fig.sentence, by_index, subject))):
            fig.company, fig.company_by = named, "antecedent"
    for fig in funding:  # « … réalisées par AC Immune et NEXThink. La première … a levé 42,7 millions »
        if (fig.company_by == "sentence" and fig.role in {"round", "valuation"}
                and (named := _ordinal_antecedent(fig.sentence, by_index, subject))):
            fig.company, fig.company_by = named, "antecedent"
    for fig in funding:  # « après avoir levé 40 Md$, la société est valorisée à 300 Md$ »: one doer for both
        if fig.company_by == "sentence" and fig.role == "round":
            shared = [v for v in funding if v.sentence is fig.sentence and v.role == "valuation"
                      and v.company_by == "antecedent" and _shares_doer(fig, v, grammar)]
            if shared:
                fig.company, fig.company_by = shared[0].company, "antecedent"
    for fig in funding:  # "helped it close a $6.6bn round, taking its valuation to $157bn": the round's valuation
        if fig.company_by == "sentence" and fig.role == "valuation":
            rounds = [r for r in funding if r.sentence is fig.sentence and r.role == "round"]
            if len(rounds) == 1 and rounds[0].mention.end <= fig.mention.start and (
                    rounds[0].company_by == "antecedent"
                    or (rounds[0].company_by == "grammar" and not _names_between(fig.sentence, rounds[0], fig))):
                # "OpenAI raised $6.6 billion in funding from investors, which could value the company at $157
                # billion": the raiser's, no other name between
                fig.company, fig.company_by = rounds[0].company, "antecedent"
    for fig in funding:  # « Orbix et Larch ont investi 5 millions d'euros »: no round of Orbix, whoever it went to
        if (fig.role == "investment" and fig.company_by == "sentence" and fig.company and fig.investor
                and name_key(fig.company) in _investor_keys(fig.investor)):
            fig.role, fig.why, fig.company, fig.company_by = "other", "unattributed", None, None
    for fig in funding:  # « ... releva 450 M€ auprès de A, B, General Atlantic et C »: an investor the sentence lists
        if (fig.company_by == "sentence" and fig.role in {"round", "valuation"} and fig.company
                and _listed_investor_only(fig.sentence, fig.company)):
            named = _sentence_company(fig.sentence, None, None)
            if named is not None and name_key(named) != name_key(fig.company):
                fig.company = named
            else:
                fig.company, fig.company_by = _antecedent(fig.sentence, by_index, funding, None), "antecedent"
    for fig in funding:  # "… iSpace has raised US$172 million. … A previous Series A round raised US$100 million."
        if (fig.company_by == "sentence" and fig.role in {"round", "valuation"} and fig.company == subject
                and _names_no_company(fig.sentence, subject)
                and (named := _paragraph_company(fig.sentence, views, funding, subject))):
            fig.company, fig.company_by = named, "antecedent"  # the paragraph's company, taken up
    _distribute_respectively(funding, subject)
    _distribute_to_possessors(funding, subject)
    for fig in [f for f in funding if f.role in {"round", "valuation"}]:  # "NuvoteQ and OneHealth raised $200,000
        # each", "Quantum Systems and Tekever, each now valued at over €1 billion"
        for name in _each_of(fig, subject):
            twin = replace(fig, company=name, company_by="respectively")
            figures.insert(figures.index(fig) + 1, twin)
            funding.append(twin)
            fig.company_by = "respectively"  # its company, too, is one of the coordinated doers the figure is given to
    for fig in funding:  # "A $32 million seed round may seem like a lot. But that's how much Kalvo just raised"
        if fig.role == "round" and fig.company_by == "sentence" and (named := _amount_taken_up(fig, by_index)):
            fig.company, fig.company_by = named, "grammar"
    for fig in funding:  # « A a récolté 106 M mi-avril et la société B 100 M fin mai »: B's, the verb left out
        if fig.role == "round" and fig.company_by in {"grammar", "sentence"} and (named := _gapped_company(fig, funding)):
            fig.company, fig.company_by = named, "grammar"
    investors = introduced_investors
    for fig in funding:  # « ... auprès d'investisseurs dont le fonds Pivoine, qui apporte 150 000 euros »: its ticket
        if (fig.role in {"round", "investment"} and fig.company and name_key(fig.company) in investors
                and (fig.company_by in {"owner", "relative", "grammar"})
                and (others := [f for f in funding if f is not fig and f.sentence is fig.sentence and f.role == "round"
                                and f.company and name_key(f.company) not in investors])):
            fig.role, fig.investor, fig.company = "investment", fig.investor or fig.company, others[0].company
    _body_spelling(funding, views)
    _headline_restates_body(funding, title)
    companies = Counter(f.company for f in funding if f.role == "round")
    others_told_in = {f.sentence.paragraph for f in funding if f.role == "round" and f.company != subject}
    roundup = _is_roundup(companies, subject, title, dominant and len(others_told_in) <= 1)
    for fig in funding if roundup else ():  # a roundup's sentence naming no company goes on with the deal before it
        if (fig.company_by == "sentence" and fig.role in {"round", "valuation"}
                and _names_no_company(fig.sentence, subject)
                and (named := _antecedent(fig.sentence, by_index, funding, subject) or (
                    # « Cette start-up … a réussi à lever 15 M€ »: a roundup has no subject, the name before is it
                    _definite_description(fig, grammar, _DESCRIPTION_DETERMINERS[fig.role])
                    and _antecedent(fig.sentence, by_index, funding, None)))):
            fig.company, fig.company_by = named, "antecedent"
        elif (fig.company_by == "sentence" and fig.role == "round" and _names_no_company(fig.sentence, subject)
              and not _mentions_subject(fig.sentence, subject)):
            # « les start-up tricolores ont réuni 1,63 Md euros », in a review of many deals: most often a market
            # figure, and never, by default, the round of the name the article repeats most
            fig.role, fig.why, fig.company = "other", "unattributed", None
    people = {key for key in _people_keys(views) if not (subject and _is_subject(key, subject))}  # not "Byju" of
    # "Byju's", the company the article is about, whose founder "Raveendran Byju" bears its name
    for fig in funding:  # "Harrow was in talks … to fund 50 per cent of the $800 million funding round": a person
        if fig.role in {"round", "valuation"} and fig.company and name_key(fig.company) in people:
            same = next((f for f in funding if f is not fig and f.role == "round" and f.company
                         and name_key(f.company) not in people and (f.value, f.currency) == (fig.value, fig.currency)
                         and f.mention.start < fig.mention.start), None)
            if same is not None:  # the round told before at that amount, restated
                fig.company, fig.company_by = same.company, same.company_by
            else:
                fig.role, fig.why, fig.company = "other", "unattributed", None
    for fig in funding:  # « une entreprise turque qui a levé 4 millions de dollars »: a company the text leaves unnamed
        if (fig.role == "round" and fig.company_by == "sentence" and indefinite_doer(fig, grammar)
                and _names_no_company(fig.sentence, subject)):
            fig.role, fig.why, fig.company = "other", "unattributed", None
    for fig in funding:
        if fig.role in {"round", "investment"} and not fig.company:  # no name anywhere to give it to: no one's round
            fig.role, fig.why = "other", "unattributed"
    for fig in figures:
        if fig.role == "alternative" and fig.primary is not None:
            fig.company, fig.company_by = fig.primary.company, fig.primary.company_by
    return roundup


def _body_spelling(funding: list[Figure], views: list[SentenceView]) -> None:
    """A title-case headline's company run that the body never writes, whose last words it does ("New Mobile Game
    Developer Ministry Raises €1.8M" over "Ministry, a new mobile game developer, has raised"): the body's name, the
    headline's description left out. And a company whose first word, a function word, the name finder cut off where the
    sentence writes the longer name the article gives elsewhere ("Off Grid Electric raises" read "Grid Electric", the
    body naming "Off Grid Electric"): the longer name."""
    written = {name_key(n.text): n.text.strip() for view in views if not title_case(view.text) for n in view.names}
    everywhere = {n.text.strip() for view in views for n in view.names}
    for fig in funding:
        if not fig.company:
            continue
        longer = [name for name in everywhere if name.endswith(" " + fig.company) and name in fig.sentence.text
                  and len(cut := name[:-len(fig.company)].split()) == 1 and is_stop_word(cut[0].lower(), fig.sentence.language)]
        if longer:
            fig.company = max(longer, key=len)
            continue
        if not title_case(fig.sentence.text) or name_key(fig.company) in written:
            continue
        words = fig.company.split()
        for i in range(1, len(words)):
            if (key := name_key(" ".join(words[i:]))) in written:
                fig.company = written[key]
                break


def _listed_investor_only(view: SentenceView, company: str) -> bool:
    """Every mention of ``company`` in the sentence stands in a list an investor cue opens (« auprès de », "backed
    by"; not a weak list word such as "from" or « avec »), nothing but names and list words between, and is no
    subject in the parse: an investor there, never the company of its figures."""
    mentions = [n for n in view.names if name_key(n.text) == name_key(company)]
    return bool(mentions) and all(_after_investor_cue(view, n) for n in mentions)


#: Characters no list of investors runs across, unless a listing cue follows them: a semicolon, a quotation mark
#: (« … avec un business angel » éclaire X, cofondateur de Y; not '"well-respected investors" such as A').
LIST_STOPS = (";", "«", "»", "“", "”", '"')
#: The labels of the cues that open an enumeration ("such as", « dont », "with").
LISTING_LABELS = frozenset({"LIST", "WEAK_LIST"})


def _after_investor_cue(view: SentenceView, name: Name) -> bool:
    """The investor cue nearest before ``name`` (« auprès de », "backed by"; not a weak list word such as "with" or
    « avec ») opens a list that holds it: nothing but names, list words, places in brackets and, right after the
    cue, a copula (« Leurs investisseurs sont A et B ») between; not the company held (« les actionnaires de X »,
    "shareholder in X"), nor a cue a demonstrative makes the round told (« Grâce à ce tour de table, X »), nor
    a name the parse makes a subject."""
    p, g = view.parse, _grammar(view.language)
    at = view.token_at(name.start)
    if at < len(p.deps) and p.deps[at] in g["subject"]:
        return False  # "after raising $40 million from venture capitalists, DoorDash is making …": the doer
    cue = max((c for c in view.cues if c.end <= name.start and (c.label == "PARTICIPANTS" or (
        # « Lydia a levé 40 M€ auprès du géant chinois Tencent »: a weak list word after a round verb and its figure
        c.label == "WEAK_LIST" and any(r.label == "ROUND" and r.end <= c.start for r in view.cues)
        and any(m.end <= c.start for m in view.money)))), key=lambda c: c.end, default=None)
    if cue is None or (0 < cue.token_start <= len(p.lemmas)
                       and p.lemmas[cue.token_start - 1] in g["demonstrative_determiners"]):
        return False
    main_clause = _fronted_phrase_end(view, cue.start)
    if main_clause is not None and name.start >= main_clause and _verb_after_name(view, main_clause) and not any(
            p.finite[k] for k in range(min(cue.token_start, len(p.finite)))):
        return False  # « Grâce au soutien de plusieurs investisseurs, Biophta compte … »: the main clause's doer, the
        # cue in the phrase the sentence opens with (not « …, elle a finalisé une levée à laquelle avaient participé »)
    if cue.role == LISTING_ROLE and not listing_investors(view, cue):
        return False  # « c'est en France que l'on trouve Exotrail »: no investors listed
    gap_text = view.text[cue.end - view.start:name.start - view.start]
    gap = gap_text.split()
    if gap and gap[0].lower() in g["investee_words"]:
        return False  # "the largest shareholder in French startup Mistral AI": the company invested in
    if _given_to_class_noun(gap, g):
        return False  # « les 502 millions de dollars apportés par Softbank à la start-up britannique Improbable »
    if _holder_of(gap, g) and not any(c.label in LISTING_LABELS and cue.end <= c.start and c.end <= name.start
                                      for c in view.cues):
        return False  # « les actionnaires historiques de Yooji »: the company they hold (not "of note, such as")
    stop = max((gap_text.rfind(mark) for mark in LIST_STOPS), default=-1)
    if stop >= 0 and not any(c.label in LISTING_LABELS and cue.end + stop < c.start
                             and c.end <= name.start for c in view.cues):
        return False  # « … avec un business angel » éclaire X, cofondateur de Y; not "investors" such as A
    if clause_opener_between(view, cue.end, name.start) is not None:
        return False  # "come from A and B as Kalvo, which …, aims to grow": a clause of its own
    between = [k for k in range(cue.token_end, at) if k < len(p.pos)]
    verbs = [k for k in between if p.pos[k] in _VERBAL]
    copula_first = bool(between) and verbs == [between[0]] and p.lemmas[between[0]] in g["copula_lemmas"]
    if gap_text.rstrip().endswith("(") and view.text[name.end - view.start:].lstrip().startswith(")"):
        gap_text = gap_text.rstrip()[:-1]  # « auprès de la Société … du développement (FMO) »: the listed name's own
        # short form in brackets, listed with it
    return ((not verbs or copula_first) and not any(cue.end <= m.start < name.start for m in view.money)
            and _balanced(gap_text))  # « auprès de A (Paris), B (Lyon) »


def _verb_after_name(view: SentenceView, at: int) -> bool:
    """The name starting at offset ``at`` goes on with its clause (« Biophta compte lancer », « Gleamer compte pour
    42 % »), not with a list word (« Bpi et la BNP »)."""
    p = view.parse
    name = next((n for n in view.names if n.start == at), None)
    after = view.token_at(name.end) if name is not None else len(p.pos)
    return after < len(p.pos) and p.pos[after] not in _LIST_GOING_ON


#: Parts of speech after a name that carry a list on (« Bpi et la BNP », "A, B"): no clause opens on the name.
_LIST_GOING_ON = frozenset({"CCONJ", "PUNCT"})


#: Words at most between a recipient word and the company class noun it gives the money to (« à la start-up »).
RECIPIENT_CLASS_REACH = 2


def _given_to_class_noun(gap: list[str], g: dict[str, frozenset[str]]) -> bool:
    """The words between an investor cue and a name give the money, after a first word, to a company class noun
    (« Softbank à la start-up britannique », "A to the startup"): the name is the company that received it."""
    for k, word in enumerate(gap[1:], start=1):
        if word.lower() in g["recipient_words"] and any(
                w.lower().strip(",") in class_nouns() for w in gap[k + 1:k + 2 + RECIPIENT_CLASS_REACH]):
            return True
    return False


def _balanced(text: str) -> bool:
    """Every bracket the text opens it closes (a place in brackets after a listed name, « A (Paris), B »)."""
    return text.count("(") == text.count(")")


def _holder_of(gap: list[str], g: dict[str, frozenset[str]]) -> bool:
    """The words between an investor cue and a name hold a holder-of mark with only lower-case words before it
    (« actionnaires et créanciers de l'entreprise wallonne X », « actionnaire d' », "shareholders of A and"; not
    "investors such as A, founder of"): the name is the company held, or one coordinated with it."""
    marks = [k for k, word in enumerate(gap) if word.lower() in g["holder_of_marks"]]
    return bool(marks) and not any(ch.isupper() for w in gap[:marks[0]] for ch in w)


def _doers(figures: list[Figure], language: str) -> list[str]:
    """The names that the grammar gives as the doers of the round figures, in text order: a figure's own
    owner, the name its relative clause describes, else the doer or possessor the parse finds (never the
    article's subject by default: it is not known yet)."""
    grammar = pipeline_language(language)
    found = []
    for fig in sorted((f for f in figures if f.role == "round"), key=lambda f: f.mention.start):
        doer = fig.owner or _relative_owner(fig, None) or _grammatical_company(fig, None, grammar)
        if doer and _company_name(Name(doer, 0, 0, 0, None)):
            found.append(doer.strip())
    return found


def _subject_by_deeds(figures: list[Figure], subject: str | None, language: str, title: str | None = None) -> str | None:
    """The article's company, checked against what its sentences say: when the name chosen by counting
    (the headline's first name, the most frequent) is named or spoken of in no sentence of a round, and the
    grammar gives one name as the doer of more than half of them, that name is the company the article is about
    (« Cajoo, Gorillas, Getir... Qui va remporter la bataille du quick commerce ? » over « L'allemand Gorillas a
    levé plus de 800 millions d'euros »)."""
    if subject is None:
        return None  # no name stood out: a roundup's, decided by its deals
    investing = _title_investor(title, language) if title else None
    if investing is not None and _is_subject(investing, subject):
        # "Fortescue buys into green hydrogen startup": the headline's investor; the company is the one whose round
        # the body tells ("a lead investor in a $380 million round for Electric Hydrogen")
        others = [d for d in _doers(figures, language) if not _is_subject(d, subject) and not _is_subject(subject, d)]
        if others:
            return Counter(others).most_common(1)[0][0]
    if any(_mentions_subject(f.sentence, subject) for f in figures if f.role == "round"):
        return subject  # a sentence of a round names it, or speaks of it (« la start-up », "it")
    doers = _doers(figures, language)
    if not doers or any(_is_subject(doer, subject) or _is_subject(subject, doer) for doer in doers):
        return subject
    (key, votes), = Counter(name_key(doer) for doer in doers).most_common(1)
    if votes * 2 <= sum(f.role == "round" for f in figures):
        return subject  # the doer of half the rounds or fewer: another company's deal in passing
    return next(doer for doer in doers if name_key(doer) == key)


#: Tokens at most between a company's name and its figure when the verb is left out (« et la société B 100 millions »,
#: "and B $5m").
GAPPED_NAME_REACH = 1


def _gapped_company(fig: Figure, funding: list[Figure]) -> str | None:
    """The company of a round figure whose verb the sentence leaves out after a first round ("Kalvo raised $10m in
    May and Orbix $5m in June", « A a récolté 106 M et la société B 100 M »): the name right before the figure,
    after a coordination that follows the first round's figure, with no verb between."""
    view, p = fig.sentence, fig.sentence.parse
    earlier = [f for f in funding if f.sentence is view and f.role == "round" and f.company
               and f.mention.end <= fig.mention.start]
    if not earlier:
        return None
    previous = max(earlier, key=lambda f: f.mention.end)
    lo, hi = view.token_at(previous.unit_end or previous.mention.end), view.token_at(fig.mention.start)
    between = range(lo, min(hi, len(p.pos)))
    if any(p.pos[k] in {"VERB", "AUX"} for k in between) or not any(
            p.pos[k] == "CCONJ" or view.text[p.starts[k] - view.start:view.token_ends[k] - view.start] == ","
            for k in between):
        return None
    names = [n for n in view.names if p.starts[lo] <= n.start and n.end <= fig.mention.start
             and 0 <= hi - view.token_at(n.end - 1) - 1 <= GAPPED_NAME_REACH and _company_candidate(view, n)]
    if not names or (previous.company and name_key(names[-1].text) == name_key(previous.company)):
        return None
    return names[-1].text.strip()


#: What may stand between coordinated owners and their coordinated figures: a possessive mark ("A and B's $58m and
#: $25m"), nothing else.
_OWNERS_BEFORE_FIGURES = re.compile(r"^\s*(?:['’]s?)?\s*$")


def _coordinated_chain(view: SentenceView, names: list[Name], at: int, forward: bool = True) -> list[Name]:
    """The names the text coordinates with ``names[at]`` (only a comma or a conjunction between, the coordination
    gaps of ``money_lexicon.json``): those before it, and after it when ``forward``; ``names`` in text order."""
    chain = [names[at]]
    for name in reversed(names[:at]):
        if not _COORDINATION_GAP.match(view.text[name.end - view.start:chain[0].start - view.start]):
            break
        chain.insert(0, name)
    for name in names[at + 1:] if forward else ():
        if not _COORDINATION_GAP.match(view.text[chain[-1].end - view.start:name.start - view.start]):
            break
        chain.append(name)
    return chain


def _distribute_to_possessors(funding: list[Figure], subject: str | None) -> None:
    """"Kalvo and Orbix's $58 million and $25 million deals": as many coordinated names, right before as many
    coordinated figures, own them in order (no "respectively" needed: the possessive pairs them)."""
    for view in _unique_objects(f.sentence for f in funding):
        figs = sorted((f for f in funding if f.sentence is view and f.role in {"round", "valuation"}),
                      key=lambda f: f.mention.start)
        k = 0
        while k < len(figs):
            run = _coordinated_head(figs[k:])
            if not run:
                k += 1
                continue
            k += len(run)
            names = sorted((n for n in view.names if n.end <= run[0].mention.start), key=lambda n: n.start)
            if not names or not _OWNERS_BEFORE_FIGURES.match(view.text[names[-1].end - view.start:
                                                                       run[0].mention.start - view.start]):
                continue
            chain = _coordinated_chain(view, names, len(names) - 1, forward=False)
            if len(chain) != len(run) or not all(_company_candidate(view, n) for n in chain):
                continue
            for fig, name in zip(run, chain, strict=True):
                fig.company = subject if _is_subject(name.text, subject) else name.text.strip()
                fig.company_by = "respectively"


#: Words at most between the last name before a figure and an "each" word that opens the predicate: auxiliaries and a
#: ("A and B have each raised", « A et B ont tous deux reçu »).
EACH_AFTER_NAME_WORDS = 3
#: Words at most between an "each" word that opens the predicate and the figure ("A and B, each raised $50 million",
#: « A et B ont tous deux reçu un financement de 120 millions »).
EACH_BEFORE_FIGURE_WORDS = 4


def each_after(fig: Figure) -> bool:
    """An "each" word right after the figure ("$200,000 each", « plus de 100 millions $ chacune », « (2 millions
    chacune) »): a figure of several deals."""
    view = fig.sentence
    after = view.text[(fig.unit_end or fig.mention.end) - view.start:].split(maxsplit=1)[:1]
    return bool(after) and after[0].strip(".,;)").lower() in _entities()["each_words"]


def _each_opens_predicate(view: SentenceView, fig: Figure, names: list[Name]) -> bool:
    """An "each" word between the last name before the figure and the figure, opening the verb phrase that holds it
    ("A and B each raised $5 million", "A and B, each raised", « A et B ont tous deux reçu 120 millions »):
    only lower-case words (auxiliaries, the verb, a noun and its preposition) around it."""
    if not names:
        return False
    gap = view.text[names[-1].end - view.start:fig.mention.start - view.start].lower()
    words = re.findall(r"[^\s,—–]+|,", gap)  # a dash apart ("Kalvo and Orbix—each now valued at")
    phrases = sorted(_entities()["each_words"] | _entities()["each_predicate_words"], key=len, reverse=True)
    for phrase in phrases:
        size = len(phrase.split())
        for k in range(len(words) - size + 1):
            if " ".join(words[k:k + size]) != phrase:
                continue
            head, tail = words[:k], words[k + size:]
            if (len([w for w in head if w != ","]) <= EACH_AFTER_NAME_WORDS
                    # a relative clause's verb between ("A, B and C, which have each raised over $1 billion") may tell
                    # what each has raised to date; only the "each" word right before the figure gives it to each
                    and (not tail or not any(w in _entities()["relative_openers"] for w in head))
                    and len(tail) <= EACH_BEFORE_FIGURE_WORDS
                    and all(w == "," or w.replace("'", "").replace("’", "").isalpha() for w in head + tail)
                    and (not tail or "," not in tail)):
                return True
    return False


def _each_of(fig: Figure, subject: str | None) -> list[str]:
    """The other companies a figure followed by an "each" word also raised it ("A and B raised $200,000 each",
    « A et B ont levé chacune 1 M€ », "A and B both raised"): the names coordinated with its company, before the
    figure."""
    view = fig.sentence
    if not fig.company:
        return []
    if fig.role == "round" and (counted := counted_rounds_names(fig)) and name_key(counted[0].text) == name_key(
            fig.company):  # « trois levées à 30 millions : celles de A, B et C »
        return [n.text.strip() for n in counted[1:]]
    # the doers of the round verb, companies whatever the model's type (« Jumo et MNT Halan ont tous deux reçu »)
    names = sorted((n for n in view.names if n.end <= fig.mention.start and _company_candidate(view, n, person_ok=True)),
                   key=lambda n: n.start)
    if not (each_after(fig) or _each_opens_predicate(view, fig, names)):
        return []
    at = next((k for k, n in enumerate(names) if name_key(n.text) == name_key(fig.company)
               or _is_subject(n.text, fig.company)), None)
    if at is None:
        return []
    return [subject if _is_subject(n.text, subject) else n.text.strip() for n in _coordinated_chain(view, names, at)
            if name_key(n.text) != name_key(fig.company)]


#: What joins the names of a joint ticket's investors ("Nvidia and Salesforce", « Orbix et Larch »).
_JOINT_INVESTORS = re.compile(r"\s+(?:and|et|&)\s+")


def _investor_keys(investor: str) -> set[str]:
    """The name keys of an investment's investor, each of a joint ticket's names ("Orbix and Larch")."""
    return {name_key(part) for part in _JOINT_INVESTORS.split(investor)} | {name_key(investor)}


def _respective_run(figs: list[Figure]) -> list[Figure]:
    """The figures coordinated right before a "respective" word that more figures follow ("Greensill and Oaknorth's
    raises of $800m and $440m respectively from Softbank, and Deliveroo's $575m round"), at least two of them;
    empty when none such."""
    view = figs[0].sentence
    ordered = sorted(figs, key=lambda f: f.mention.start)
    for at, end in respectively_at(view.text):
        before = [f for f in ordered if (f.unit_end or f.mention.end) - view.start <= at]
        after = ordered[len(before):]
        if before and after and not view.text[(before[-1].unit_end or before[-1].mention.end) - view.start:at].strip(
                " ,") and (run := _coordinated_tail(before)):
            return run  # "$80m and $44m respectively, and ..."
        if after and len(before) + 1 < len(ordered) and not view.text[end:after[0].mention.start - view.start].strip(
                " ,:") and (run := _coordinated_head(after, asides=True)):
            return run  # « ont levé respectivement 8 et 4 M€, tandis que ... »
    return []


#: A bracketed aside right after a figure (« 2 M€ (groupe EDF) »).
_ASIDE_AFTER_FIGURE = re.compile(r"^\s*\([^()]*\)")


def _coordinated_head(figs: list[Figure], asides: bool = False) -> list[Figure]:
    """The first figures of a list that only a comma or a conjunction separates, at least two of them; ``asides``: a
    bracket after a figure is no separation (« 2 M€ (groupe EDF) et 1,5 M€ »)."""
    ordered = sorted(figs, key=lambda f: f.mention.start)
    view = ordered[0].sentence
    head = [ordered[0]]
    for following in ordered[1:]:
        gap = view.text[(head[-1].unit_end or head[-1].mention.end) - view.start:following.mention.start - view.start]
        if asides:
            gap = _ASIDE_AFTER_FIGURE.sub("", gap)
        if _COORDINATION_GAP.match(gap) is None:
            break
        head.append(following)
    return head if len(head) >= 2 else []


def _coordinated_tail(figs: list[Figure]) -> list[Figure]:
    """The last figures of a sentence that only a comma or a conjunction separates ("$40 million and $7 million",
    ``money_lexicon.json`` coordination gaps), at least two of them; empty when the last figure stands alone."""
    ordered = sorted(figs, key=lambda f: f.mention.start)
    view = ordered[-1].sentence
    tail = [ordered[-1]]
    for previous in reversed(ordered[:-1]):
        gap = view.text[(previous.unit_end or previous.mention.end) - view.start:tail[0].mention.start - view.start]
        if _COORDINATION_GAP.match(gap) is None:
            break
        tail.insert(0, previous)
    return tail if len(tail) >= 2 else []


def _respective_names(view: SentenceView, first: int, subject: str | None, relaxed: bool = False) -> list[str]:
    """The companies named before a sentence's first figure, in order, for figures given « respectivement »;
    ``relaxed``: a person's or an investor's look does not bar a name."""
    return _unique(subject if _is_subject(n.text, subject) else n.text.strip()
                   for n in view.names if n.end <= first
                   and _company_candidate(view, n, person_ok=relaxed, investor_ok=relaxed)
                   and not _in_aside(view, n)  # « OSO-AI (… l'IA …) »
                   and not _possessed_thing(view, n))  # « Latitude et sa microfusée Zéphyr »


def _raised_right_before(view: SentenceView, first: int) -> bool:
    """A raising verb, and no investing one, between the last name before a sentence's first figure and that
    figure ("…, and Smartworks which raised $24 million, …"): the names before are the raisers."""
    last = max((n.end for n in view.names if n.end <= first), default=view.start)
    between = [c for c in view.cues if last <= c.start and c.end <= first]
    return any(c.label == "ROUND" and c.role == "round" for c in between) and not any(
        c.label in {"INVEST", "PARTICIPANTS", "LEAD"} for c in between)


def _distribute_respectively(funding: list[Figure], subject: str | None) -> None:
    """« Tessaro et Quillby ont levé 3 et 5 millions d'euros, dans cet ordre »: the figures of
    such a sentence go, in order, to the companies named before the first of them."""
    by_view: dict[int, list[Figure]] = {}
    for fig in funding:
        by_view.setdefault(id(fig.sentence), []).append(fig)
    for figs in by_view.values():
        view = figs[0].sentence
        if len(figs) < 2 or not says_respectively(view.text):
            continue
        first = min(f.mention.start for f in figs)
        names = _respective_names(view, first, subject)
        if len(names) != len(figs) and _raised_right_before(view, first):
            # "…, provider of school financing Clix Capital, … and Smartworks which raised $24 million, …, respectively":
            # the raisers, whatever their names look like
            relaxed = _respective_names(view, first, subject, relaxed=True)
            names = relaxed if len(relaxed) == len(figs) else names
        # all the figures in order, else each kind's (« des valorisations respectives de 4,4 et 1,75 Md€, après des
        # levées de 486 M€ pour la première et de 250 M€ pour la seconde »)
        run = _respective_run(figs)
        # « une augmentation de capital de 6 M€ …, apportant respectivement 2 M€ (groupe EDF) et 1,5 M€ »: only the
        # figures the "respective" word coordinates are given in order
        partial = 0 < len(run) < len(figs)
        groups = [] if partial else [figs] if len(names) == len(figs) else [
            [f for f in figs if f.role == role] for role in ("round", "valuation")]
        if (partial or len(names) != len(figs)) and (tail := run or _coordinated_tail(figs)):
            # "Kalvo raised $100 million while Orbix and Tekora raised $40 million and $7 million respectively": the
            # figures coordinated last go to the names between the figure before them and the first of them
            lo = max((f.mention.end for f in figs if f.mention.start < tail[0].mention.start), default=view.start)
            for person_ok in (False, True):  # the doers of the figures' verb, whatever the model's type ("Iris Audio")
                named = _unique(subject if _is_subject(n.text, subject) else n.text.strip()
                                for n in view.names if lo <= n.start and n.end <= tail[0].mention.start
                                and _company_candidate(view, n, person_ok=person_ok) and not _in_aside(view, n))
                if len(named) == len(tail):
                    names, groups = named, [tail]
                    break
        for group in groups:
            if len(group) < 2 or len(names) != len(group):
                continue
            for fig, name in zip(sorted(group, key=lambda f: f.mention.start), names, strict=True):
                fig.company, fig.company_by = name, "respectively"
