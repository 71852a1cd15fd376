"""Funding facts from articles: money figures classified, grouped into rounds, traced.

The path of one article:

1. keep the paragraphs that hold money or a funding cue (cheap regex test), run the
   pipeline on them only (``analysis.nlp``), and cut them into ``SentenceView``s that
   carry article offsets, cue spans, investor spans, names, dates and money mentions;
2. classify every money figure by the cues of its own clause (the text between the
   previous and the next figure of the sentence): round amount, restatement in another
   currency, one investor's money, valuation (pre/post), total raised, or a figure that is
   not a round (infrastructure, public plan, market total, fund close, acquisition, fine,
   debt, another company's figure, ...); and its status (reported when its clause holds a
   rumour cue, the conditional mood, or falls under a source attribution);
3. group the round figures into rounds (same amount = same round), pick the article's main
   round (the news), attach valuations, investments, stakes and investor lists to rounds;
4. emit ``ArticleFacts`` with evidence (sentence and figure spans) for every figure.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Span

from analysis.dates import find_dates, may_hold_date
from analysis.investors import canonical_investor as _canonical_investor
from analysis.investors import name_key as _name_key
from analysis.model import (
    AmountAlternative,
    Article,
    ArticleFacts,
    DateMention,
    Evidence,
    Investment,
    MoneyMention,
    OtherFigure,
    RoundFact,
    ValuationFact,
)
from analysis.money import find_money, says_respectively
from analysis.nlp import (
    PERSON_LABELS,
    Passage,
    analyse,
    name_spans,
    paragraph_has_cue,
    pipeline_language,
    split_sentences,
    starts_like_name,
)

PATTERNS_DIR = Path(__file__).parent / "patterns"

# Pure functions of a name, called tens of times per sentence on the same few names: cached
# (bounded) for speed; the results are those of ``analysis.investors``.
name_key = lru_cache(maxsize=1 << 16)(_name_key)
canonical_investor = lru_cache(maxsize=1 << 16)(_canonical_investor)

#: Tokens between a figure and a cue for the cue to count, per side.
CUE_REACH_BEFORE = 14
CUE_REACH_AFTER = 6
#: An investor putting in more than this share of a round is its lead.
LEAD_SHARE = 0.5

_OTHER_LABELS = {
    "OTHER_INFRASTRUCTURE": "infrastructure",
    "OTHER_PUBLIC_PLAN": "public_plan",
    "OTHER_MARKET": "market_total",
    "OTHER_MARKET_STAT": "market_total",
    "OTHER_FUND_CLOSE": "fund_close",
    "OTHER_ACQUISITION": "acquisition",
    "OTHER_FINE": "fine",
    "OTHER_DECLINED": "declined_offer",
    "OTHER_DEBT": "debt",
    "OTHER_REVENUE": "revenue",
    "OTHER_SECONDARY": "secondary_sale",
    "OTHER_RIVAL": "other_company",
    "OTHER_SHARE_PRICE": "share_price",
}
#: Lead cues after the lead's name ("Tiger Global et TCV, qui co-mènent", "Accel en tête").
_NAME_BEFORE_LEAD = {"lead:name_before", "lead:appositive"}
#: Cues that make a whole clause about something else than a round (a fund close, an
#: acquisition, a fine, a declined offer), whatever round word stands nearer.
_CLAUSE_OTHER = {"OTHER_FUND_CLOSE", "OTHER_ACQUISITION", "OTHER_FINE", "OTHER_DECLINED"}
#: Cue labels that say whose figure it is, not what it is: a rival's round is still a round, of
#: the rival ("Quillby, son concurrent direct, avait levé 4 millions d'euros").
_OWNER_LABELS = {"OTHER_RIVAL"}
_ALTERNATIVE_GAP = re.compile(
    r"^\s*(?:\(|,|;|-|–|—)?\s*(?:soit|or|ou|i\.e\.|équivalent à|equivalent to|about|environ)?\s*\(?\s*$",
    re.IGNORECASE,
)
_COMPARISON_GAP = re.compile(r"(?:\bcontre\b|\bversus\b|\bvs\.?|\bup from\b|\bcompared (?:with|to)\b)\s*$", re.I)
_GENITIVE_AFTER = re.compile(r"^\s*(?:d['’]|de |of |du )\s*$", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,2}(?:[.,]\d{1,2})?)\s?(?:%|\u00a0%|\u202f%|pour cent|per cent|percent)")
_STAKE_WORDS = re.compile(
    r"participation|capital|stake|holding|détien|détenir|détient|of the company|de la société|actionnaire|shareholder",
    re.IGNORECASE,
)
_FOUNDED = re.compile(
    r"(?:fond[ée]e?s?|cr[ée]{2}e?s?|founded|formed|launched|lanc[ée]e?|immatricul\w+|n[ée]e)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r",|\bet\b|\band\b|\bainsi que\b|\bou encore\b|\bas well as\b|\(|\)|;|\bou\b|\bor\b")


@cache
def _entities() -> dict[str, frozenset[str]]:
    data = json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))
    return {
        "media": frozenset(name_key(x) for x in data["media"]),
        "investor_suffixes": frozenset(name_key(x) for x in data["investor_suffixes"]),
        "not_company": frozenset(name_key(x) for x in data["not_company"]),
        "company_suffixes": frozenset(name_key(x) for x in data["company_suffixes"]),
        "pronouns": frozenset(data["generic_subject_pronouns"]),
        "relative_openers": frozenset(data["relative_openers"]),
        "market_subjects": frozenset(data["market_subjects"]),
        "unicorn_words": frozenset(data["unicorn_words"]),
    }


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


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Cue:
    label: str
    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    role: str = ""  # the cue's id in patterns/cues/<lang>.jsonl: "lead:name_before", "total:points_forward"...


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    token_start: int
    canonical: str | None  # set for names from the investor alias table
    person: bool = False


@dataclass(frozen=True)
class Parse:
    """A sentence's dependency parse as plain tuples (the Doc itself is dropped): for each
    token its article start offset, its head's index, its relation and its part of speech."""

    starts: tuple[int, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    pos: tuple[str, ...]
    plural: tuple[bool, ...]
    lemmas: tuple[str, ...]

    def children(self, i: int) -> list[int]:
        return self._children().get(i, [])

    def _children(self) -> dict[int, list[int]]:
        found = self.__dict__.get("_kids")
        if found is None:
            found = {}
            for k, head in enumerate(self.heads):
                if head != k:
                    found.setdefault(head, []).append(k)
            object.__setattr__(self, "_kids", found)
        return found


@dataclass
class SentenceView:
    """One analysed sentence, everything in article offsets."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    token_ends: tuple[int, ...]  # article offset where each token of the sentence ends
    parse: Parse  # the dependency parse of the sentence (token-indexed, no Doc kept)
    offset: int
    cues: list[Cue]
    investors: list[Name]
    names: list[Name]
    money: list[MoneyMention]
    dates: list[DateMention]
    conditional_at: list[int]
    published: tuple[dt.date | None, str | None] | None = None  # the article's date and precision
    publisher: str | None = None  # the medium the article comes from: never a company of its own story
    language: str = "fr"  # the pipeline language (its grammar in patterns/grammar.json)

    def token_at(self, char: int) -> int:
        """Index (in the sentence) of the token holding an article offset (the number of
        tokens when it lies after the last one)."""
        return bisect.bisect_right(self.token_ends, char)

    def cues_between(self, lo: int, hi: int, *labels: str) -> list[Cue]:
        return [c for c in self.cues if c.label in labels and c.start >= lo and c.end <= hi]


#: A sentence chosen for the pipeline: (ordinal in the article, paragraph, (text, offset)).
Selected = tuple[int, int, tuple[str, int]]


def _sentence_views(article: Article, language: str, published: dt.date | None) -> list[SentenceView]:
    selected = _selected_sentences(article, language)
    passages = analyse((item for *_, item in selected), pipeline_language(language))
    return _views(article, selected, passages, language, published)


def _selected_sentences(article: Article, language: str) -> list[Selected]:
    """The sentences worth the statistical model: those holding money or a funding cue."""
    text = article.text
    selected: list[Selected] = []
    ordinal = 0
    for number, (p_start, p_end) in enumerate(article.paragraphs):
        paragraph = text[p_start:p_end]
        if not (paragraph_has_cue(paragraph, language) or find_money(paragraph, language)):
            ordinal += len(split_sentences(paragraph))
            continue
        for s_start, s_end in split_sentences(paragraph):
            sentence = paragraph[s_start:s_end]
            if paragraph_has_cue(sentence, language) or find_money(sentence, language):
                selected.append((ordinal, number, (sentence, p_start + s_start)))
            ordinal += 1
    return selected


def _views(
    article: Article, selected: list[Selected], passages: Iterable[Passage], language: str,
    published: dt.date | None,
) -> list[SentenceView]:
    return [
        _view(article, passage, ordinal, number, language, published)
        for (ordinal, number, _), passage in zip(selected, passages, strict=True)
    ]


def _view(
    article: Article, passage: Passage, ordinal: int, paragraph: int, language: str, published: dt.date | None
) -> SentenceView:
    doc, offset = passage.doc, passage.offset
    text = article.text
    s_start, s_end = offset, offset + len(doc.text)
    s_text = text[s_start:s_end]
    rows = [(token.idx + offset, token.idx + len(token.text) + offset, token.head.i, token.dep_.lower(), token.pos_,
             "Plur" in token.morph.get("Number") or token.tag_ == "NNS", token.lemma_.lower()) for token in doc]
    starts, ends, heads, deps, pos, plural, lemmas = (tuple(column) for column in zip(*rows, strict=True)) if rows else (
        (), (), (), (), (), (), ())
    token_ends = ends
    parse = Parse(starts, heads, deps, pos, plural, lemmas)
    cues = [
        Cue(sp.label_, sp.text.lower(), sp.start_char + offset, sp.end_char + offset, sp.start, sp.end,
            sp.id_ or sp.label_.lower())
        for sp in doc.spans.get("cues", [])
    ]
    investors = [
        Name(sp.text, sp.start_char + offset, sp.end_char + offset, sp.start, sp.id_ or None)
        for sp in doc.spans.get("investors", [])
        if _looks_like_name(sp)
    ]
    money = [MoneyMention(m.start + s_start, m.end + s_start, m.text, m.money) for m in find_money(s_text, language)]
    names = _clean_names(
        [Name(sp.text, sp.start_char + offset, sp.end_char + offset, sp.start, None, sp.label_ in PERSON_LABELS)
         for sp in name_spans(doc)],
        money,
        s_text,
        s_start,
    )
    names = _cut_at_cues(names, cues)
    investors = _outermost_investors(investors, names)
    outside_money = s_text
    for m in money:  # "5 M€" holds a digit but never a date
        outside_money = outside_money[:m.start - s_start] + " " * (m.end - m.start) + outside_money[m.end - s_start:]
    found_dates = find_dates(s_text, language, published, article.meta.published_precision or "day") if may_hold_date(
        outside_money) else []
    dates = [
        DateMention(d.start + s_start, d.end + s_start, d.text, d.date, d.precision)
        for d in found_dates
        if not _FOUNDED.search(text[max(0, d.start + s_start - 30):d.start + s_start])
    ]
    conditional = [t.idx + offset for t in doc if t.pos_ in {"VERB", "AUX"} and "Cnd" in t.morph.get("Mood")]
    return SentenceView(ordinal, paragraph, s_start, s_end, s_text, token_ends, parse, offset, cues, investors, names,
                        money,
                        dates, conditional, (published, article.meta.published_precision or "day"),
                        article.meta.publisher, pipeline_language(language))


#: An elided article before a lower-case word: a common noun opening a sentence, not a name.
_ELIDED_COMMON = re.compile(r"^[LD]['’][a-zà-ÿ]")
_COMPOUND_MODIFIER = re.compile(r"^-[a-zà-ÿ]")
_NAME_CUT = re.compile(r"\s*[:|—–«»\"“”()\[\]]\s*")


def _clean_names(
    names: list[Name], money: list[MoneyMention], view_text: str | None = None, offset: int = 0
) -> list[Name]:
    """Names cut at punctuation (a headline's "Mistral AI : l'Europe"), none inside money,
    none that is the first half of a compound modifier (``view_text`` starts at ``offset``)."""
    cleaned: list[Name] = []
    skip = _entities()["not_company"]
    for name in names:
        piece = _NAME_CUT.split(name.text)[0].strip(" ,.;'’")
        start = name.start
        words = piece.split(" ")
        while len(words) > 1 and name_key(words[0]) in skip:  # "The Dutch ASML" -> "ASML"
            start += len(words[0]) + 1
            words = words[1:]
        piece = " ".join(words)
        if not piece or any(m.start < start + len(piece) and start < m.end for m in money):
            continue
        if not starts_like_name(piece) or _ELIDED_COMMON.match(piece):
            continue  # "tour de table" from the NER, "L'argent servira à ..."
        after = view_text[start + len(piece) - offset:] if view_text is not None else ""
        if _COMPOUND_MODIFIER.match(after):
            continue  # "an Earth-observation satellite maker", "AI-powered": a modifier, not a name
        cleaned.append(Name(piece, start, start + len(piece), name.token_start, name.canonical, name.person))
    # NER and capitalised runs often find the same name twice.
    unique: dict[tuple[int, int], Name] = {}
    for name in cleaned:
        key = (name.start, name.end)
        unique[key] = Name(name.text, name.start, name.end, name.token_start, name.canonical,
                           name.person or (key in unique and unique[key].person))
    found = _without_acronyms(list(unique.values()), view_text, offset)
    # "Equity" inside "Altitude Equity", "Capital Partners" inside "Tidewater Capital Partners".
    return [n for n in found if not any(
        o is not n and o.start <= n.start and n.end <= o.end and (o.end - o.start) > (n.end - n.start) for o in found
    )]


#: Cue roles whose words end a title-case name: funding verbs ("HealthKart Raises $45M", "Movo
#: Secures €20M"), not nouns that names hold ("Lead Edge Capital", "Temasek Investment").
_NAME_ENDING_ROLES = {"round"}


def _cut_at_cues(names: list[Name], cues: list[Cue]) -> list[Name]:
    """Names cut before a funding word inside them: a headline in title case ("Ant Financial
    Raises $14bn") is a name followed by its verb, not one long name."""
    cut: list[Name] = []
    for name in names:
        inside = [c.start for c in cues if c.role in _NAME_ENDING_ROLES and name.start < c.start < name.end]
        if inside:
            end = min(inside)
            text = name.text[:end - name.start].rstrip(" ,;:-–")
            if not text:
                continue
            name = Name(text, name.start, name.start + len(text), name.token_start, name.canonical, name.person)
        cut.append(name)
    return cut


def _initials(text: str) -> str:
    return "".join(word[0] for word in re.findall(r"[^\W\d_][\w'’-]*", text) if word[0].isupper()).upper()


def _without_acronyms(names: list[Name], view_text: str | None, offset: int) -> list[Name]:
    """Names minus the acronym in brackets that repeats the name before it: "Qatar Investment
    Authority (QIA)", "Northgate Equity (NGE)" name one organisation."""
    if view_text is None:
        return names
    kept = []
    for name in names:
        gap_before = view_text[:name.start - offset].rstrip()
        repeats = gap_before.endswith("(") and any(
            other.end - offset <= len(gap_before) - 1 and view_text[other.end - offset:name.start - offset].strip() == "("
            and name.text.isupper() and _initials(other.text) == name.text.replace(".", "")
            for other in names if other is not name)
        if not repeats:
            kept.append(name)
    return kept


def _outermost_investors(investors: list[Name], names: list[Name]) -> list[Name]:
    """Alias matches that are not part of a longer alias ("Lightspeed" in "Lightspeed
    Venture Partners") nor of a longer unknown name ("Google" in "Google DeepMind")."""
    kept = []
    for inv in investors:
        inside_alias = any(
            o is not inv and o.start <= inv.start and inv.end <= o.end and (o.end - o.start) > (inv.end - inv.start)
            for o in investors
        )
        inside_name = any(
            n.start <= inv.start and inv.end <= n.end and (n.end - n.start) > (inv.end - inv.start)
            and not any(o.start == n.start and o.end == n.end for o in investors)
            and n.text[inv.end - n.start:].strip()[:1].isupper()
            for n in names
        )
        if not inside_alias and not inside_name:
            kept.append(inv)
    return kept


def _looks_like_name(span: Span) -> bool:
    """Alias matches count only when written like a name (capitalised or with digits)."""
    first = span.text[:1]
    return first.isupper() or first.isdigit() or any(ch.isdigit() for ch in span.text)


# --------------------------------------------------------------------------- figures


@dataclass
class Figure:
    """One money mention with what extraction decided about it."""

    mention: MoneyMention
    sentence: SentenceView
    lo: int  # clause window in article offsets
    hi: int
    role: str = "other"
    why: str | None = None
    company: str | None = None
    basis: str | None = None
    investor: str | None = None
    status: str = "announced"
    date: DateMention | None = None
    label: str | None = None
    primary: Figure | None = None
    owner: str | None = None  # the company a genitive names ("les 300 milliards d'OpenAI")
    round: RoundDraft | None = None
    unit_end: int | None = None  # end of the restatement that follows, if any

    @property
    def value(self) -> float:
        return self.mention.money.value

    @property
    def currency(self) -> str | None:
        return self.mention.money.currency

    def evidence(self, role: str) -> Evidence:
        s = self.sentence
        return Evidence(s.text, s.start, s.end, self.mention.text, self.mention.start, self.mention.end, role)


@dataclass
class RoundDraft:
    company: str | None
    figures: list[Figure] = field(default_factory=list)
    valuations: list[Figure] = field(default_factory=list)
    investments: dict[str, Investment] = field(default_factory=dict)
    leads: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    extra_evidence: list[Evidence] = field(default_factory=list)
    label: str | None = None
    date: DateMention | None = None
    first_at: int = 0
    status: str | None = None  # for a round known only from an investor sentence

    @property
    def amount_figure(self) -> Figure | None:
        return next((f for f in self.figures if f.role == "round"), None)

    def add_investor(self, name: str, lead: bool = False) -> None:
        if name not in self.investors:
            self.investors.append(name)
        if lead and name not in self.leads:
            self.leads.append(name)


def _near(view: SentenceView, cue: Cue, figure_tok: tuple[int, int]) -> int:
    """Token distance between a cue and a figure (0 when adjacent or overlapping)."""
    f_start, f_end = figure_tok
    if cue.token_end <= f_start:
        return f_start - cue.token_end
    if cue.token_start >= f_end:
        return cue.token_start - f_end
    return 0


#: Valuation verbs: a figure written just before one is its subject ("une vente de 75 M€
#: valorise X à 1,7 Md€"), never the valuation.
_VALUATION_LINK = re.compile(
    r"^\s*(?:de |d['’]|of |la |le |sa |son |its |the |a |une )?\s*(?:(?:post|pre|pré)[- ]?money\s+)?$", re.IGNORECASE
)
#: When two kinds of cue are as close to a figure, the first kind here wins.
_ROLE_PRIORITY = {"OTHER": 0, "VALUATION": 1, "INVEST": 2, "ROUND": 3}


def _classify(fig: Figure, subject: str | None) -> None:
    """The role of a figure from the cues of its clause: the nearest cue wins."""
    view, m = fig.sentence, fig.mention
    unit_end = fig.unit_end or m.end
    tok = (view.token_at(m.start), view.token_at(max(m.start, unit_end - 1)) + 1)
    shields = [c for c in view.cues if c.label in {"PRE_MONEY", "POST_MONEY"}]
    usable = [
        c for c in view.cues_between(fig.lo, fig.hi, *_ALL_LABELS)
        if not (c.label == "ROUND" and any(s.start <= c.start and c.end <= s.end for s in shields))
        and not (c.label in _OTHER_LABELS and _inside_name(view, c))
    ]
    before = [c for c in usable if c.end <= m.start and _near(view, c, tok) <= CUE_REACH_BEFORE]
    after = [c for c in usable if c.start >= unit_end and _near(view, c, tok) <= CUE_REACH_AFTER]

    fig.owner = _genitive_owner(fig, subject)  # "les 300 milliards d'OpenAI": OpenAI's figure
    for cue in after:  # "$2 billion valuation", "2 Md€ de valorisation", "porte à X la valorisation"
        gap = view.text[unit_end - view.start:cue.start - view.start]
        if cue.label == "VALUATION" and cue.role != "valuation:verb" and _VALUATION_LINK.match(gap):
            fig.role, fig.basis = "valuation", _basis(view, fig)
            return
    candidates: list[tuple[int, int, str, Cue]] = []
    for cue in before + after:
        if cue.label in _OWNER_LABELS:
            continue
        if cue.label in _OTHER_LABELS:
            if _near(view, cue, tok) <= 10 and not _excused(view, cue):
                candidates.append((_near(view, cue, tok), _ROLE_PRIORITY["OTHER"], "other", cue))
        elif cue.label == "COMPONENT":
            if cue.end <= m.start and _near(view, cue, tok) <= 2:
                candidates.append((0, _ROLE_PRIORITY["OTHER"], "component", cue))
        elif cue.label in _ROLE_PRIORITY and not (cue.label == "VALUATION" and cue.start >= m.end):
            candidates.append((_near(view, cue, tok), _ROLE_PRIORITY[cue.label], cue.label, cue))
    if not candidates:
        # Nothing close by: the clause's cues decide ("1,3 milliard d'euros : c'est le
        # montant qu'ASML vient d'injecter dans Mistral AI").
        wide = {c.label for c in usable}
        if "INVEST" in wide and _investor_near(fig, subject) is not None and not _round_noun_after(view, fig, tok):
            fig.role, fig.investor = "investment", _investor_near(fig, subject)
        elif "ROUND" in wide:
            fig.role = "round"
        else:
            fig.role, fig.why = "other", "unrelated"
        return
    _, _, kind, cue = min(candidates, key=lambda c: (c[0], c[1]))
    total = [c for c in before + after if c.label == "TOTAL"
             and not (c.role == "total:points_forward" and c.start >= m.start)]
    market = [c for c in before + after if c.label == "OTHER_MARKET_STAT"] + [
        c for c in before if c.label == "OTHER_MARKET" and any(  # "European start-ups raised €5 billion"
            r.label == "ROUND" and 0 <= r.token_start - c.token_end <= 2 for r in before)
    ]
    clause_other = [c for c in usable if c.label in _CLAUSE_OTHER and not _excused(view, c)]
    if market:  # "an average round of €25 million", "a combined €1.2 billion"
        fig.role, fig.why = "other", "market_total"
    elif clause_other and kind != "VALUATION":
        fig.role, fig.why = "other", _OTHER_LABELS[clause_other[0].label]
    elif total and kind != "VALUATION":
        fig.role, fig.why = "other", "total_raised"
    elif kind == "other":
        fig.role, fig.why = "other", _OTHER_LABELS[cue.label]
    elif kind == "component":
        fig.role, fig.why = "other", "round_component"
    elif kind == "VALUATION":
        fig.role, fig.basis = "valuation", _basis(view, fig)
    elif kind == "INVEST" and _investor_near(fig, subject) is not None and not _round_noun_after(view, fig, tok):
        fig.role, fig.investor = "investment", _investor_near(fig, subject)
    else:
        fig.role = "round"


def _inside_name(view: SentenceView, cue: Cue) -> bool:
    """A cue word that is part of a capitalised name ("Boehringer Ingelheim Venture Fund",
    "Seine Capital"): the name of an investor, not a fund close or another kind of figure."""
    return any(n.start <= cue.start and cue.end <= n.end and (n.end - n.start) > (cue.end - cue.start)
               for n in [*view.names, *view.investors])


def _round_noun_after(view: SentenceView, fig: Figure, tok: tuple[int, int]) -> bool:
    """"a €105 million Seed round investment": the round noun right after decides."""
    return any(
        c.role == "round:noun" and c.start >= fig.mention.end and _near(view, c, tok) <= 2 for c in view.cues
    )


_ALL_LABELS = ("ROUND", "INVEST", "VALUATION", "TOTAL", "COMPONENT", *_OTHER_LABELS)


def _excused(view: SentenceView, cue: Cue) -> bool:
    """Cues that only look like a non-round figure: 'convertible debt' is round money."""
    if cue.label == "OTHER_DEBT":
        return "convertible" in view.text[max(0, cue.start - view.start - 14):cue.start - view.start].lower()
    return False


def _basis(view: SentenceView, fig: Figure) -> str | None:
    window = [c for c in view.cues if c.start >= fig.lo and c.end <= fig.hi]
    labels = {c.label for c in window}
    if "PRE_MONEY" in labels:
        return "pre"
    if "POST_MONEY" in labels:
        return "post"
    return None


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
            and len(key) > 1 and not _ORDINAL.match(key))


#: "1er", "12e", "4th": a rank, not a name.
_ORDINAL = re.compile(r"^\d+\s*(?:er|ère|re|e|ème|eme|st|nd|rd|th)$")


@cache
def _places() -> frozenset[str]:
    """Countries, continents and world regions in French and English (Babel's territory names)."""
    from babel import Locale

    return frozenset(name_key(name) for lang in ("fr", "en") for name in Locale(lang).territories.values())


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
    return not any(name.end <= c.start < gap_end for c in view.cues)


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


def _genitive_owner(fig: Figure, subject: str | None) -> str | None:
    """"les 300 milliards d'OpenAI", "Aleph Alpha's $500 million": another company's figure."""
    view, m = fig.sentence, fig.mention
    for name in view.names:
        if not _company_name(name) or _is_subject(name.text, subject) or name.canonical:
            continue
        if name.start >= m.end and name.start - m.end <= 5 and _GENITIVE_AFTER.match(
            view.text[m.end - view.start:name.start - view.start]
        ):
            return name.text
        gap = view.text[name.end - view.start:m.start - view.start]
        if name.end <= m.start and re.match(r"^['’]s\s+(?:\w+\s+){0,2}$", gap):
            return name.text
    return None


def _investor_near(fig: Figure, subject: str | None) -> str | None:
    """The investor a figure's clause names: known investors first, then other names."""
    view, m = fig.sentence, fig.mention
    candidates = [n for n in view.investors if fig.lo <= n.start and n.end <= fig.hi]
    if not candidates:
        candidates = [
            n for n in view.names
            if fig.lo <= n.start and n.end <= fig.hi and _company_name(n) and not _is_subject(n.text, subject)
            and not any(n.start < i.end and i.start < n.end for i in view.investors)
        ]
    candidates = [n for n in candidates if not _is_subject(n.text, subject)]
    if not candidates:
        return None
    best = min(candidates, key=lambda n: (n.start > m.start, abs(n.start - m.start)))
    name = best.canonical or canonical_investor(best.text)
    partner = [n for n in candidates if n.end <= best.start and re.fullmatch(
        r"\s+(?:and|et|&)\s+", view.text[n.end - view.start:best.start - view.start])]
    if partner:  # "Nvidia and Salesforce committing another €120 million": one joint ticket
        name = f"{partner[0].canonical or canonical_investor(partner[0].text)} and {name}"
    return name


def _status(fig: Figure) -> str:
    view, m = fig.sentence, fig.mention
    for cue in view.cues:
        if cue.label == "REPORTED_MODAL" and fig.lo <= cue.start and cue.end <= m.start:
            if cue.text == "may" and view.text[cue.start - view.start:cue.start - view.start + 1].isupper():
                continue
            return "reported"
    if any(fig.lo <= at < m.start for at in view.conditional_at):
        return "reported"
    tok_end = view.token_at(max(m.start, m.end - 1)) + 1
    for cue in view.cues:
        if cue.label == "REPORTED_MODAL" and cue.start >= m.end and cue.token_start - tok_end <= 1:
            return "reported"
    last_money_end = max(x.end for x in view.money)
    for cue in view.cues:
        if cue.label != "REPORTED_ATTRIB":
            continue
        if cue.end <= m.start or cue.start >= last_money_end:
            return "reported"
    return "announced"


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
              and all(gap(d, m.start, end) <= gap(d, o.start, o.end) for o in others)]
    if not inside:
        return None
    return min(inside, key=lambda d: gap(d, m.start, end))


def _restatements(view: SentenceView) -> set[int]:
    """Indexes of figures restating the figure before them in another currency:
    "1,7 milliard d'euros ($2 billion)", "5.8 billion euros, or about $6.2 billion"."""
    found: set[int] = set()
    for i in range(1, len(view.money)):
        before, this = view.money[i - 1], view.money[i]
        gap = view.text[before.end - view.start:this.start - view.start]
        if (_ALTERNATIVE_GAP.match(gap) and this.money.currency and before.money.currency
                and this.money.currency != before.money.currency and i - 1 not in found):
            found.add(i)
    return found


_COORDINATION_GAP = re.compile(r"^\s*(?:,|et|and)\s*$", re.IGNORECASE)


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


# --------------------------------------------------------------------------- company


_TITLE_NAME = re.compile(r"\b[A-Z][\w&'’.-]*(?:\s+[A-Z0-9][\w&'’.-]*)*")


def _subject_company(article: Article, views: list[SentenceView]) -> str | None:
    """The company the article is about: the name most often near funding figures/cues."""
    scores: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    investor_keys = {name_key(n.text) for v in views for n in v.investors}
    title = article.meta.title or ""
    for view in views:
        weight = 2 if view.money else 1
        for name in view.names:
            if name_key(name.text) in investor_keys or not _company_candidate(view, name):
                continue
            key = name_key(name.text)
            scores[key] += weight + (2 if view.index < 3 else 0)
            spellings.setdefault(key, Counter())[name.text.strip()] += 1
    for key, forms in spellings.items():  # how often the whole article names it
        scores[key] += max(article.text.count(form) for form in forms)
    for match in _TITLE_NAME.finditer(re.sub(r"['’]s\b", ",", title)):
        name = Name(match.group(0), 0, 0, 0, None)
        key = name_key(name.text)
        common_word = name.text.lower() in article.text  # written in lower case in the body
        if (_company_name(name) and not _known_investor(name.text) and key not in scores
                and article.text.count(name.text) and not common_word):
            scores[key] = article.text.count(name.text)
            spellings.setdefault(key, Counter())[name.text] += 1
    title_key = name_key(title)
    in_title = sorted((title_key.find(k), k) for k in scores if title_key and re.search(rf"\b{re.escape(k)}\b", title_key))
    for rank, (_, key) in enumerate(in_title):
        scores[key] += 15 if rank == 0 else 3  # the headline names the funded company first
    if not scores:
        return None
    # "Mistral" and "Mistral AI" are one company: fold a name into the longer names it starts.
    folded: Counter[str] = Counter()
    for key, score in scores.items():
        longer = [k for k in scores if k != key and k.startswith(key + " ") and scores[k] >= 2]
        target = max(longer, key=lambda k: scores[k]) if longer else key
        folded[target] += score
    best = folded.most_common(1)[0][0]
    forms = [form for key, counter in spellings.items() if key == best or key.startswith(best + " ")
             for form in counter]
    full = [f for f in forms if name_key(f).startswith(best) and len(name_key(f).split()) <= len(best.split()) + 1]
    return max(full or forms, key=lambda f: (len(name_key(f)), spellings[name_key(f)][f]))


# --------------------------------------------------------------------------- investors


_NOT_INVESTOR_BEFORE = re.compile(
    r"(?:fond[ée]e?s?|co-?fond[ée]e?s?|cr[ée]{2}e?s?|founded|co-founded|created|dirig[ée]e?s?|"
    r"(?-i:co-?fondateurs?|cofondateurs?|fondateurs?|co-?founders?|founders?)|"
    r"affirm[ée]|d[ée]clar[ée]|expliqu[ée]|indiqu[ée]|said|says|told|estime|according to|selon)"
    r"(?:[\s,:]+(?:par|by|en \d{4} par))?[\s,:]+(?:\S+\s+){0,6}$",
    re.IGNORECASE,
)
#: "Leo Brandt, co-founder of Tessaro, and Saltmarsh Partners": a founder word that describes an
#: earlier item ("... of Tessaro,") does not reach the names after it.
_DESCRIBED_ITEM = re.compile(r"\b(?:of|de|du|d['’])\s*\S+\s*,", re.IGNORECASE)


def _not_investor(preceding: str) -> bool:
    """Whether the words before a listed name make it a founder, a source or a speaker."""
    match = _NOT_INVESTOR_BEFORE.search(preceding)
    return match is not None and not _DESCRIBED_ITEM.search(match.group(0))


_ROLE_OF_BEFORE = re.compile(
    r"(?:patron|pdg|ceo|chief|fondateur|founder|propriétaire|owner|président|president|directeur|director|"
    r"chercheurs?|researchers?|ancien|former|employé|salarié|ex-\w+)\s+(?:de|d['’]|of|chez|at|du)\s*$",
    re.IGNORECASE,
)
_PORTFOLIO_WORDS = re.compile(r"\b(?:companies|startups|start-ups|entreprises|sociétés|portfolio)\b", re.I)
_PORTFOLIO_BEFORE = re.compile(r"(?:companies|startups|start-ups|entreprises|sociétés|clients|customers|portfolio)\s*$",
                               re.IGNORECASE)
#: Words a list item may hold before its name ("l'éditeur américain de logiciels Salesforce").
LIST_ITEM_WORDS = 7


def _list_names(
    view: SentenceView, start: int, subject: str | None, until: int | None = None, max_misses: int = 1
) -> list[str]:
    """Investor names enumerated after ``start`` (up to ``until``): each list item's last name."""
    names: list[str] = []
    end = view.end if until is None else until
    pool = [n for n in view.investors if start <= n.start and n.end <= end] + [
        n for n in view.names
        if start <= n.start and n.end <= end and _company_name(n) and not _is_subject(n.text, subject)
        and not any(n.start < k.end and k.start < n.end for k in view.investors)
    ]
    pool.sort(key=lambda n: n.start)
    position = start
    misses = 0
    for piece in _LIST_SPLIT.split(view.text[start - view.start:end - view.start]):
        found = view.text.find(piece, position - view.start) if piece else -1
        piece_start = found + view.start if found >= 0 else position
        piece_end = piece_start + len(piece)
        position = piece_end
        if _PORTFOLIO_WORDS.search(piece):
            break  # "an early backer of companies including Snapchat, ..."
        inside = [
            n for n in pool if piece_start <= n.start and n.end <= piece_end
            and not _ROLE_OF_BEFORE.search(view.text[max(0, n.start - view.start - 40):n.start - view.start])
            and not re.match(r"^['’]s\b", view.text[n.end - view.start:])
        ]
        words_before = len(view.text[piece_start - view.start:inside[-1].start - view.start].split()) if inside else 0
        if inside and words_before <= LIST_ITEM_WORDS:
            name = inside[-1]
            preceding = view.text[max(0, name.start - view.start - 60):name.start - view.start]
            if not _not_investor(preceding):
                names.append(name.canonical or canonical_investor(name.text))
            misses = 0
        elif piece.strip():
            misses += 1
            if misses > max_misses:
                break
    return names


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
            found.append(name.canonical or canonical_investor(name.text))
    return found


def _funding_sentence(view: SentenceView) -> bool:
    """A sentence about money going into a company: a round/investment cue, an investor
    cue proper ("investisseurs", "backed by"), or a figure."""
    return bool(view.money) or any(c.label in {"ROUND", "INVEST", "PARTICIPANTS"} for c in view.cues)


def _outermost(cues: list[Cue]) -> list[Cue]:
    """Cues not nested in a longer cue of the same label ("en tête" in "avec en tête")."""
    return [
        c for c in cues
        if not any(o is not c and o.label == c.label and o.start <= c.start and c.end <= o.end
                   and (o.end - o.start) > (c.end - c.start) for o in cues)
    ]


def _investor_mentions(view: SentenceView, subject: str | None, figures: list[Figure]) -> tuple[list[str], list[str]]:
    """(leads, all investors) a sentence names."""
    if not _funding_sentence(view):
        return [], []
    own = [f for f in figures if f.sentence is view]
    foreign = set(_OTHER_LABELS.values()) - {"secondary_sale", "other_company"}
    if own and all(f.role == "other" and f.why in foreign for f in own):
        return [], []  # a debt line, a market total, another company's deal
    if not any(f.role in {"round", "investment", "alternative"} for f in own) and any(
        c.label in {"OTHER_DEBT", "OTHER_ACQUISITION", "OTHER_FINE", "OTHER_FUND_CLOSE"} for c in view.cues
    ):
        return [], []  # "discuterait avec Bpifrance pour obtenir des financements par emprunt"
    leads: list[str] = []
    everyone: list[str] = _investing_subjects(view)
    round_figure = any(f.role in {"round", "investment", "alternative"} for f in own)
    for cue in _outermost(view.cues):
        if cue.label == "LEAD":
            if cue.role == "lead:shareholder" and not round_figure:
                continue
            if cue.role == "lead:names_after_list":  # "investisseurs principaux ... : A et B"
                leads.extend(_list_names(view, cue.end, subject))
                continue
            name = _lead_name(view, cue, subject)
            if name:
                leads.append(name)
                if cue.role in _NAME_BEFORE_LEAD:  # "Tiger Global et TCV, qui co-mènent l'opération"
                    leads.extend(_coordinated_before(view, cue, name, subject))
                elif cue.role != "lead:shareholder":
                    leads.extend(_coordinated_after(view, cue, subject))  # "co-led by Tiger Global and TCV"
        if cue.label == "WEAK_LIST" and round_figure:  # "raised €800,000 from Granite VC"
            everyone.extend(n for n in _list_names(view, cue.end, subject, max_misses=0) if _known_investor(n))
        if cue.label in {"PARTICIPANTS", "LEAD", "LIST"}:
            if _PORTFOLIO_BEFORE.search(view.text[:cue.start - view.start]):
                continue  # "an early backer of companies including Snapchat"
            colon = view.text[cue.end - view.start:].lstrip().startswith(":")
            if cue.role == "participants:name_before" and not colon:  # "... et Eric Schmidt y figuraient"
                everyone.extend(_list_names(view, _clause_start(view, cue.start), subject, until=cue.start))
            else:
                after = _list_names(view, cue.end, subject)
                if not after and cue.role == "participants:either_side" and not colon:
                    after = _list_names(view, _clause_start(view, cue.start), subject, until=cue.start)
                everyone.extend(after)
    if round_figure:
        everyone.extend(_parsed_investors(view, own, subject))  # "raised $20 million from A, B, C and D"
    everyone.extend(leads)
    return _unique(leads), _unique(everyone)


def _conjuncts(parse: Parse, i: int) -> list[int]:
    """A token and the tokens coordinated with it ("A, B, C and D")."""
    chain, frontier = [i], [i]
    while frontier:
        frontier = [k for node in frontier for k in parse.children(node) if parse.deps[k] == "conj"]
        chain += frontier
    return chain


def _parsed_investors(view: SentenceView, figures: list[Figure], subject: str | None) -> list[str]:
    """The names the parse puts after "from" / « auprès de » on a round's verb or round noun, with
    every name coordinated with them or listed after them."""
    p, g = view.parse, _grammar(view.language)
    found: list[str] = []
    for fig in figures:
        if fig.role not in {"round", "alternative"} or (verb := _governing_verb(fig)) is None:
            continue
        for head in [verb, *(k for k in p.children(verb) if _round_noun(view, k))]:
            for child in p.children(head):
                word = view.text[p.starts[child] - view.start:view.token_ends[child] - view.start].lower()
                if word not in g["investor_words"]:
                    continue
                for obj in p.children(child):
                    for token in _conjuncts(p, obj):
                        if name := _investor_at(view, token, subject):
                            found.append(name)
                # the small models often misparse long lists: the enumeration after the word counts too
                found += _list_names(view, view.token_ends[child], subject, max_misses=0)
    return found


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


def _clause_start(view: SentenceView, before: int) -> int:
    """Where the clause ending at ``before`` starts: after the last lead cue or clause
    break before it ("mènerait le tour, auquel participeraient aussi Sequoia")."""
    start = view.start
    for cue in view.cues:
        if cue.label in {"LEAD", "PARTICIPANTS", "LIST", "WEAK_LIST"} and cue.end <= before:
            start = max(start, cue.end)
    head = view.text[:before - view.start]
    for match in re.finditer(r"[;:]|,\s+(?:auquel|auxquels|à laquelle|which|where|dont)\b", head):
        start = max(start, view.start + match.end())
    return start


def _coordinated_after(view: SentenceView, cue: Cue, subject: str | None) -> list[str]:
    """Names coordinated right after a lead cue ("mené par Eurazeo et General Atlantic"),
    stopping at the first item without a name or holding another cue ("..., avec Sofina")."""
    names = _list_names(view, cue.end, subject, max_misses=0)
    other_cues = [c for c in view.cues
                  if c.start > cue.end and c.label in {"PARTICIPANTS", "LIST", "LEAD", "WEAK_LIST"}]
    if other_cues:
        stop = min(c.start for c in other_cues)
        names = [n for n in names if _first_position(view, n, cue.end) < stop]
    return names


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


def _lead_name(view: SentenceView, cue: Cue, subject: str | None) -> str | None:
    pool = [(n, n.canonical) for n in view.investors] + [
        (n, None) for n in view.names
        if (_company_name(n) and not _is_subject(n.text, subject) and not _full_person(n)) or _known_investor(n.text)
        if not any(n.start < k.end and k.start < n.end for k in view.investors)
    ]
    pool = [p for p in pool if not _is_subject(p[0].text, subject) and _company_name(p[0])]
    after = sorted((p for p in pool if p[0].start >= cue.end), key=lambda p: p[0].start)
    before = sorted((p for p in pool if p[0].end <= cue.start), key=lambda p: -p[0].end)
    if cue.role in _NAME_BEFORE_LEAD or cue.role == "lead:shareholder":
        order = sorted(before, key=lambda p: p[0].start)  # the clause's subject comes first
        if cue.role == "lead:appositive":  # "..., avec New Wave comme chef de file": the name just before
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
    return order[0][1] or canonical_investor(name.text)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- article


def extract_article(article: Article) -> ArticleFacts:
    """Every funding fact one article states."""
    language = article.language or article.meta.language or "fr"
    published = article.meta.published
    views = _sentence_views(article, language, published)
    return facts_from_views(article, views, language)


def facts_from_views(article: Article, views: list[SentenceView], language: str) -> ArticleFacts:
    """The rules of extraction over analysed sentences (separate so it can be tested alone)."""
    meta = article.meta
    subject = _subject_company(article, views)
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
            elif previous is not None and _COMPARISON_GAP.search(gap) and previous.role == "valuation":
                fig.role, fig.basis = "valuation", previous.basis
                fig.why = "comparison"
            else:
                _classify(fig, subject)
            fig.status = _status(fig)
            fig.date = _nearest_date(fig)
            sentence_figures.append(fig)
        _label_figures(view, sentence_figures)
        figures.extend(sentence_figures)

    _carry_compared_roles(figures)
    for fig in figures:
        if fig.role == "round" and _market_subject(fig, pipeline_language(language)):
            fig.role, fig.why = "other", "market_total"
        if fig.role in {"round", "other"} and (named := _bracketed_after_name(fig, subject)):
            fig.role, fig.why, fig.owner = "round", None, named  # « la fintech Ledger (61 millions d'euros) »
        if fig.role in {"round", "valuation"} and _unicorn_threshold(fig):
            fig.role, fig.why = "other", "market_total"  # « une licorne (société valant plus d'un milliard) »
        if fig.role == "round" and _investor_raising_a_fund(fig, subject):
            fig.role, fig.why = "other", "fund_close"  # "Novastar Ventures has raised $108m for its second fund"
    _infer_currencies(figures)
    roundup = _assign_companies(figures, subject, meta.title, language)
    if roundup:
        facts.company = None  # a roundup is about many companies
    round_amounts = {(f.value, f.currency) for f in figures if f.role == "round"}
    for fig in figures:  # "même 1,7 milliard € peut-il ..." restates the round
        if fig.role == "other" and fig.why != "other_company" and (fig.value, fig.currency) in round_amounts:
            fig.role, fig.why = "round", None
    view_companies = _view_companies(views, subject, roundup, figures)
    rounds: list[RoundDraft] = []
    mains: dict[str | None, RoundDraft] = {}
    for company in _unique(f.company or "" for f in figures if f.role in {"round", "investment", "valuation"}):
        owned = [f for f in figures if (f.company or "") == company]
        company_rounds = _group_rounds(owned, subject, meta.published)
        title_amounts = _title_amounts(meta.title, language)
        main = _main_round(company_rounds, meta.published, title_amounts)
        if main is not None and not roundup:
            _label_from_title(main, company_rounds, meta.title, title_amounts)
        if main is not None and main.date is None and meta.published is not None:
            main.date = DateMention(-1, -1, "", meta.published, meta.published_precision or "day")
        _attach_investments(owned, company_rounds, main)
        _attach_valuations(owned, company_rounds, main)
        company_views = [v for v, owner in zip(views, view_companies, strict=True) if (owner or "") == company]
        _attach_investors(company_views, company_rounds, main, subject, owned)
        _attach_stakes(company_views, company_rounds)
        rounds.extend(company_rounds)
        if main is not None:
            mains[company] = main
    main_drafts = {id(d) for d in mains.values()}
    for draft in sorted(rounds, key=lambda d: d.first_at):
        facts.rounds.append(_round_fact(draft, id(draft) in main_drafts, meta.published, meta.published_precision))
    facts.valuations = _standalone_valuations(figures, facts.rounds, meta.published, meta.published_precision)
    facts.other_figures = [
        OtherFigure(f.mention.text, f.value, f.currency, f.why or "unrelated",
                    None if f.why in {"market_total", "fund_close"} else f.company, f.mention.start,
                    f.mention.end, [f.evidence(f.why or "unrelated")])
        for f in figures
        if f.role == "other" or (f.role == "alternative" and f.primary is not None and f.primary.role == "other")
    ]
    return facts


def _sentence_companies(view: SentenceView, subject: str | None) -> list[Name]:
    """Companies a sentence names as possible funded companies (not investors, people, media...)."""
    return [n for n in view.names if n.canonical is None and not _is_subject(n.text, subject)
            and _company_candidate(view, n)]


_FUND_BEFORE = re.compile(r"\b(?:fonds|fund|véhicule|vehicle)\s+$", re.IGNORECASE)
#: A capitalised word opening a sentence and followed by one of these is a common noun
#: ("Shares of the company were sold ...", "Investors in the round ...").
_OPENING_NOUN_AFTER = re.compile(r"^\s+(?:of|in|at|for|from|with|to|on|de|du|des)\s", re.IGNORECASE)


def _common_opening(view: SentenceView, name: Name) -> bool:
    """A one-word name opening its sentence and followed by a preposition: a common noun."""
    return (view.text[:name.start - view.start].strip(" «\"“'(") == "" and " " not in name.text.strip()
            and _OPENING_NOUN_AFTER.match(view.text[name.end - view.start:]) is not None)


def _company_candidate(view: SentenceView, name: Name) -> bool:
    """A name that may be a funded company: not a medium, place or common word, not a
    person, a descriptor, a figure's source, an investor or a fund ("son fonds Smart City III")."""
    return (_company_name(name) and not _full_person(name) and not _descriptor(view, name)
            and not (view.publisher and name_key(name.text) == name_key(view.publisher))
            and not _source_name(view, name) and not _known_investor(name.text)
            and not _FUND_BEFORE.search(view.text[max(0, name.start - view.start - 20):name.start - view.start])
            and not _common_opening(view, name)
            and not any(name.start < k.end and k.start < name.end for k in view.investors))


def _mentions_subject(view: SentenceView, subject: str | None) -> bool:
    if subject is not None and any(_is_subject(n.text, subject) for n in view.names):
        return True
    if any(c.label == "GENERIC_SUBJECT" for c in view.cues):
        return True
    first = view.text.strip().split(" ", 1)[0].lower()
    return first in _entities()["pronouns"]


def _sentence_company(view: SentenceView, subject: str | None, default: str | None = None) -> str | None:
    """The company a sentence is about: the subject when it names it, else the first company
    named before the first funding cue (roundups: "Paris-based Nebula Health raised ...")."""
    if _mentions_subject(view, subject):
        return subject
    cue_at = min((c.start for c in view.cues if c.label in {"ROUND", "INVEST", "VALUATION"}), default=None)
    if cue_at is None:
        return default if default is not None else subject
    before = [n for n in _sentence_companies(view, subject) if n.end <= cue_at]
    if before:
        return before[-1].text.strip()
    return default if default is not None else subject


def _is_roundup(companies: Counter[str | None], subject: str | None, title: str | None) -> bool:
    """Several companies' deals in one article (a weekly roundup, a market review)."""
    if len(companies) >= 3:
        return True
    titled = bool(subject and title and name_key(subject).split(" ")[0] in name_key(title))
    return len(companies) >= 2 and not titled and companies.get(subject, 0) < 2


def _view_companies(
    views: list[SentenceView], subject: str | None, roundup: bool, figures: list[Figure]
) -> list[str | None]:
    """The company each sentence is about. In a roundup, a sentence naming no company
    ("The round was led by Accel.") continues the deal of the sentence before it. A sentence whose
    rounds are all one company's is about that company ("Quillby, son concurrent, avait levé 4 M€
    auprès de Pivoine Ventures": Pivoine invested in Quillby); elsewhere it is the subject."""
    owners_of: dict[int, set[str | None]] = {}
    for fig in figures:
        if fig.role in {"round", "investment"}:
            owners_of.setdefault(id(fig.sentence), set()).add(fig.company)

    def own_company(view: SentenceView) -> str | None:
        own = owners_of.get(id(view), set())
        return next(iter(own)) if len(own) == 1 and None not in own else None

    if not roundup:
        return [own_company(view) or subject for view in views]
    owners: list[str | None] = []
    for view in views:
        owner = own_company(view) or _sentence_company(view, None, None)
        if owner is None and owners and views[len(owners) - 1].paragraph == view.paragraph:
            owner = owners[-1]
        owners.append(owner)
    return owners


def _assign_companies(figures: list[Figure], subject: str | None, title: str | None, language: str) -> bool:
    """Each figure's company: the name its genitive or relative clause gives, else the doer the
    parse finds, else the company its sentence is about. Every company's deal is kept, with its
    own company."""
    funding = [f for f in figures if f.role in {"round", "investment", "valuation"}]
    grammar = pipeline_language(language)
    for fig in funding:
        fig.company = (fig.owner or _relative_owner(fig, subject) or _grammatical_company(fig, subject, grammar)
                       or _sentence_company(fig.sentence, subject, subject))
    _distribute_respectively(funding, subject)
    companies = Counter(f.company for f in funding if f.role == "round")
    roundup = _is_roundup(companies, subject, title)
    for fig in figures:
        if fig.role == "alternative" and fig.primary is not None:
            fig.company = fig.primary.company
    return roundup


@cache
def _relative_after_name() -> re.Pattern[str]:
    openers = "|".join(sorted(map(re.escape, _entities()["relative_openers"])))
    return re.compile(rf"\s*,?\s*\b(?:{openers})\b", re.IGNORECASE)


#: Steps up the dependency tree from a figure to the verb or noun that says whose it is.
MAX_HEAD_STEPS = 8
#: Clauses followed up to their governing verb when they have no subject of their own.
MAX_CLAUSE_CLIMB = 2
_VERBAL = {"VERB", "AUX"}


@cache
def _grammar(language: str) -> dict[str, frozenset[str]]:
    data = json.loads((PATTERNS_DIR / "grammar.json").read_text(encoding="utf-8"))[language]
    return {key: frozenset(value) for key, value in data.items() if not key.startswith("_")}


def _name_at(view: SentenceView, i: int, subject: str | None) -> str | None:
    """The company name covering token ``i``, or named under it when ``i`` is a common noun
    ("la start-up Cooptalis"); the article's subject keeps its own spelling."""
    p = view.parse
    start, end = p.starts[i], view.token_ends[i]
    for name in view.names:
        if name.start <= start and end <= name.end:
            if _is_subject(name.text, subject):
                return subject
            return name.text.strip() if _company_candidate(view, name) else None
    return None


def _named_noun(view: SentenceView, i: int, subject: str | None, g: dict[str, frozenset[str]]) -> str | None:
    found = _name_at(view, i, subject)
    if found is None and view.parse.pos[i] == "NOUN":
        for child in view.parse.children(i):
            if view.parse.deps[child] in g["naming"] and (found := _name_at(view, child, subject)):
                break
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
    investing_verb = any(c.label in {"INVEST", "LEAD"} and c.start <= verb_start < c.end for c in view.cues)
    if investing_verb and (found := _investee(view, verb, subject, g)):  # « Crédit Agricole a investi 47 M€ dans Blank »
        return found
    for child in p.children(verb):
        dep = p.deps[child]
        if dep in g["subject"] or dep in g["agent"]:
            doer = _named_noun(view, child, subject, g)
            investor_subject = any(n.start <= p.starts[child] < n.end for n in view.investors) or _investor_token(
                view, child)
            if doer is None and investor_subject:
                return _investee(view, verb, subject, g)
            return doer
        if dep in g["agent_via"]:
            for obj in p.children(child):
                return _named_noun(view, obj, subject, g)
    if p.deps[verb] in g["relative"]:
        return _named_noun(view, p.heads[verb], subject, g)
    if p.deps[verb] in g["inherit_subject"] and climb < MAX_CLAUSE_CLIMB and p.heads[verb] != verb:
        return _doer(view, p.heads[verb], subject, g, climb + 1)
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


#: Levels under a subject searched for a name ("the Melbourne-based payments platform Airwallex").
SUBJECT_DEPTH = 3


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
        if p.pos[child] != "NOUN" or not (p.plural[child] or p.lemmas[child] in _entities()["market_subjects"]):
            return False
        subtree, frontier = [child], [child]
        for _ in range(SUBJECT_DEPTH):
            frontier = [k for node in frontier for k in p.children(node)]
            subtree += frontier
        return not any(n.start <= p.starts[k] < n.end for k in subtree for n in [*view.names, *view.investors])
    return False


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
        names = _unique(subject if _is_subject(n.text, subject) else n.text.strip()
                        for n in view.names if n.end <= first and _company_candidate(view, n))
        if len(names) == len(figs):
            for fig, name in zip(sorted(figs, key=lambda f: f.mention.start), names, strict=True):
                fig.company = name


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
    if not named or _is_subject(named[-1].text, subject):
        return subject if named else None
    return named[-1].text.strip()


_OPEN_BRACKET = re.compile(r"\(\s*$")
#: Characters a bracket may hold after its figure ("en janvier") for the bracket to be the figure's.
BRACKET_TAIL = 25


def _bracketed_after_name(fig: Figure, subject: str | None) -> str | None:
    """A figure in brackets right after a company, in a sentence about funding: that company's
    round, as lists of deals write it (« Contentsquare (408 millions d'euros), suivie de Ledger
    (312 millions) »)."""
    view, m = fig.sentence, fig.mention
    head = view.text[:m.start - view.start]
    bracket = _OPEN_BRACKET.search(head)
    closes = view.text.find(")", m.end - view.start)
    alone = 0 <= closes - (m.end - view.start) <= BRACKET_TAIL  # « (61 millions d'euros en janvier) »
    if bracket is None or not (alone or any(c.label == "ROUND" for c in view.cues)):
        return None
    at = view.start + bracket.start()
    named = [n for n in view.names if n.end <= at and at - n.end <= 2 and _company_candidate(view, n)]
    if not named:
        return None
    return subject if _is_subject(named[-1].text, subject) else named[-1].text.strip()


#: Thresholds that define unicorns and decacorns, in their currency's units.
UNICORN_THRESHOLDS = (1e9, 10e9)


def _unicorn_threshold(fig: Figure) -> bool:
    """« ces start-up évaluées à plus d'un milliard de dollars », "a unicorn is valued at $1 billion
    or more": the threshold of the definition, not a company's valuation."""
    money = fig.mention.money
    if money.value not in UNICORN_THRESHOLDS or money.qualifier not in {"more_than", "up_to", None}:
        return False
    words = fig.sentence.text.lower()
    return any(word in words for word in _entities()["unicorn_words"]) and (
        money.qualifier == "more_than" or re.search(r"\bor more\b|\bou plus\b", words) is not None)


def _investor_raising_a_fund(fig: Figure, subject: str | None) -> bool:
    """A round verb whose doer is an investor ("... Ventures has raised $108m from limited
    partners") and that names no company to invest in: the investor's own fund, not a round."""
    verb = _governing_verb(fig)
    if verb is None:
        return False
    view = fig.sentence
    p, g = view.parse, _grammar(view.language)
    on_verb = {c.label for c in view.cues if c.start <= p.starts[verb] < c.end}
    if "ROUND" not in on_verb or on_verb & {"LEAD", "INVEST", "PARTICIPANTS"}:
        return False  # "Rakuten Ventures took part in a $550m round": an investor in someone's round
    doers = [k for k in p.children(verb) if p.deps[k] in g["subject"]]
    if not doers or _investee(view, verb, subject, g):
        return False
    start = p.starts[doers[0]]
    return any(n.start <= start < n.end and _known_investor(n.text) and not _is_subject(n.text, subject)
               for n in view.names)


def _carry_compared_roles(figures: list[Figure]) -> None:
    """Another company's figure with no cue of its own is the same kind of figure as the one
    just before it: "Elle pèse 6 milliards de dollars. Très loin des 300 milliards d'OpenAI"."""
    for previous, fig in pairwise(figures):
        if (fig.owner and fig.role == "other" and fig.why == "unrelated" and previous.role in {"valuation", "round"}
                and fig.sentence.index - previous.sentence.index <= 1):
            fig.role, fig.why = previous.role, None


def _infer_currencies(figures: list[Figure]) -> None:
    """A figure written without currency takes the currency of the same value elsewhere,
    else of the nearest figure with one in its paragraph."""
    known = {f.value: f.currency for f in figures if f.currency}
    for i, fig in enumerate(figures):
        if fig.currency:
            continue
        currency = known.get(fig.value)
        if currency is None:
            same_paragraph = [g for g in figures if g.currency and g.sentence.paragraph == fig.sentence.paragraph]
            if same_paragraph:
                currency = min(same_paragraph, key=lambda g: abs(figures.index(g) - i)).currency
        if currency and fig.role in {"round", "valuation", "investment"}:
            money = fig.mention.money
            fig.mention = MoneyMention(fig.mention.start, fig.mention.end, fig.mention.text,
                                       replace(money, currency=currency))


def _group_rounds(figures: list[Figure], subject: str | None, published: dt.date | None) -> list[RoundDraft]:
    rounds: list[RoundDraft] = []
    for fig in figures:
        if fig.role == "alternative" and fig.primary is not None and fig.primary.round is not None:
            fig.round = fig.primary.round
            fig.round.figures.append(fig)
            continue
        if fig.role != "round":
            continue
        draft = next(
            (r for r in rounds if any(
                g.role == "round" and abs(g.value - fig.value) <= 1e-6 * max(g.value, 1)
                and (g.currency == fig.currency or not g.currency or not fig.currency)
                for g in r.figures)),
            None,
        )
        if draft is None:
            draft = RoundDraft(company=fig.company, first_at=fig.mention.start)
            rounds.append(draft)
        draft.figures.append(fig)
        fig.round = draft
    for draft in rounds:
        for fig in draft.figures:
            draft.label = draft.label or fig.label
            draft.date = draft.date or fig.date
    return rounds


def _is_past(date: DateMention | None, published: dt.date | None) -> bool:
    if date is None or date.date is None or published is None:
        return False
    if date.precision == "year":
        return date.date.year < published.year
    return date.date < published - dt.timedelta(days=45)


def _label_from_title(main: RoundDraft, rounds: list[RoundDraft], title: str | None, amounts: set[float]) -> None:
    """The headline's round label for the article's news when the body does not say it
    ("Ivoviic Tech raises €8M Series A" over "has secured €8M in fresh funding"), unless the
    headline's figure is another round's or the label is already another round's."""
    label = round_label_in(title or "")
    if main.label is not None or label is None or any(r.label == label for r in rounds):
        return
    if amounts and not any(f.value in amounts for f in main.figures):
        return
    main.label = label


def _title_amounts(title: str | None, language: str) -> set[float]:
    return {m.money.value for m in find_money(title or "", language)}


def _main_round(rounds: list[RoundDraft], published: dt.date | None, title_amounts: set[float]) -> RoundDraft | None:
    """The round the article reports as news: the one its title names, else the first
    round not dated in the past."""
    named = [r for r in rounds if any(f.value in title_amounts for f in r.figures)]
    current = [r for r in rounds if not _is_past(r.date, published)]
    pool = named or current or rounds
    return min(pool, key=lambda r: r.first_at) if pool else None


def _round_in_sentence(view: SentenceView, rounds: list[RoundDraft], before: int | None = None) -> RoundDraft | None:
    candidates = [
        (f.mention.start, r) for r in rounds for f in r.figures
        if f.sentence is view and (before is None or f.mention.start < before)
    ]
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _round_by_date(date: DateMention | None, rounds: list[RoundDraft]) -> RoundDraft | None:
    if date is None or date.date is None:
        return None
    for draft in rounds:
        if draft.date is not None and draft.date.date is not None:
            same = draft.date.date.year == date.date.year and (
                "year" in (draft.date.precision, date.precision) or draft.date.date.month == date.date.month
            )
            if same:
                return draft
    return None


def _previous_sentence_round(view: SentenceView, rounds: list[RoundDraft]) -> RoundDraft | None:
    candidates = [
        (f.sentence.index, r) for r in rounds for f in r.figures
        if f.sentence.paragraph == view.paragraph and f.sentence.index == view.index - 1
    ]
    return candidates[-1][1] if candidates else None


def _attach_valuations(figures: list[Figure], rounds: list[RoundDraft], main: RoundDraft | None) -> None:
    for fig in figures:
        if fig.role != "valuation":
            continue
        view = fig.sentence
        if view.cues_between(fig.lo, fig.hi, "OTHER_SECONDARY"):
            continue  # "valorisée 60 M€ lors d'une cession secondaire": a valuation of its own, no round's
        if fig.why == "comparison":
            target = (_round_by_label(fig.label, rounds) or _round_by_date(fig.date, rounds))
        else:
            target = _round_in_sentence(view, rounds, before=fig.mention.start) or _round_in_sentence(view, rounds)
            target = target or _round_by_date(fig.date, rounds)
            round_cue = any(c.label == "ROUND" for c in view.cues)
            dated = fig.date is not None and fig.date.date is not None
            if target is None and dated and round_cue:
                # "Lors de son précédent tour ... en décembre, valorisée à 2 milliards": a round of its own.
                target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
                rounds.append(target)
            current = any(c.label == "CURRENT" for c in view.cues)
            if target is None and not current and not dated:
                target = _previous_sentence_round(view, rounds) or _investment_round_in_paragraph(fig, figures)
            totals = any(f.sentence is view and f.why == "total_raised" for f in figures)
            if target is None and round_cue and not current and not dated and not totals:
                target = main  # "The round ... values Mistral AI at 5.8 billion euros"
        if target is not None:
            fig.round = target
            target.valuations.append(fig)
            for alt in figures:  # "2 milliards d'euros (environ 2,15 milliards de dollars)"
                if alt.role == "alternative" and alt.primary is fig:
                    alt.round = target
                    target.valuations.append(alt)


def _round_by_label(label: str | None, rounds: list[RoundDraft]) -> RoundDraft | None:
    return next((r for r in rounds if label and r.label == label), None)


def _investment_round_in_paragraph(fig: Figure, figures: list[Figure]) -> RoundDraft | None:
    """A valuation right after an investment ("ASML a investi 1,3 milliard ... Cela propulse la
    valorisation à 11,7 milliards") belongs to the investment's round."""
    for other in reversed(figures[: figures.index(fig)]):
        if other.sentence.paragraph != fig.sentence.paragraph:
            break
        if other.role == "investment" and other.sentence.index >= fig.sentence.index - 1:
            return other.round
    return None


def _attach_investments(figures: list[Figure], rounds: list[RoundDraft], main: RoundDraft | None) -> None:
    for fig in figures:
        if fig.role != "investment":
            continue
        target = _round_in_sentence(fig.sentence, rounds)
        own_date = fig.date is not None and _round_by_date(fig.date, rounds) is None and (
            main is None or main.date is None or _is_past(fig.date, main.date.date if main.date else None)
            or (main.date is not None and fig.date.date != main.date.date)
        )
        if target is None and fig.date is not None:
            target = _round_by_date(fig.date, rounds)
        if target is None and (own_date or main is None):
            target = RoundDraft(company=fig.company, first_at=fig.mention.start, date=fig.date, label=fig.label)
            target.figures.append(fig)
            rounds.append(target)
        if target is None:
            target = main
        fig.round = target
        investor = fig.investor or "unknown investor"
        investment = target.investments.setdefault(investor, Investment(investor))
        if investment.amount is None:
            investment.amount, investment.currency = fig.value, fig.currency
        investment.evidence.append(fig.evidence("investment"))
        for name in (fig.investor or "").split(" and "):
            if name and fig.investor:
                target.add_investor(name)
    for draft in rounds:
        amount = draft.amount_figure
        for investment in draft.investments.values():
            if (amount is not None and investment.amount is not None and investment.currency == amount.currency
                    and investment.amount > LEAD_SHARE * amount.value):
                draft.add_investor(investment.investor, lead=True)


def _attach_investors(
    views: list[SentenceView], rounds: list[RoundDraft], main: RoundDraft | None, subject: str | None,
    figures: list[Figure],
) -> None:
    previous: tuple[int, RoundDraft] | None = None  # (sentence, round) of the last investor sentence
    published = views[0].published if views else None
    today = DateMention(-1, -1, "", published[0], published[1]) if published and published[0] else None
    for view in views:
        leads, everyone = _investor_mentions(view, subject, figures)
        if not everyone:
            continue
        # A name near a figure but without any investor cue (a customer, a former employer)
        # is not an investor.
        if not any(c.label in {"LEAD", "PARTICIPANTS", "INVEST", "LIST", "WEAK_LIST"} for c in view.cues):
            continue
        # The round its investors follow: « lève 5 M€ auprès de X, qu'elle complétera avec 2 M€ »
        first_cue = min((c.start for c in view.cues if c.label in _INVESTOR_CUES), default=None)
        in_sentence = _round_in_sentence(view, rounds, before=first_cue) or _round_in_sentence(view, rounds)
        target = in_sentence
        own_date = next((d for d in view.dates if d.date is not None), None)
        if (target is None and own_date is not None and _round_by_date(own_date, rounds) is None
                and any(c.label in {"INVEST", "ROUND"} for c in view.cues) and not view.money):
            # "In February, Microsoft announced an investment in Mistral": undisclosed amount.
            target = RoundDraft(company=main.company if main else subject, first_at=view.start, date=own_date)
            rounds.append(target)
        if target is None:
            linked = [r for r in rounds if any(n in r.investors for n in everyone)]
            target = linked[0] if linked else None
        if target is None:
            target = _round_by_date(next(iter(view.dates), None), rounds)
        investing = _investing_subjects(view)
        first = next((n for n in [*view.investors, *view.names] if _company_name(n)), None)
        investing = [i for i in investing if first is not None and (first.canonical or canonical_investor(first.text)) == i]
        if (target is None and investing and not view.money
                and not any(c.label in {"ROUND", "LEAD"} for c in view.cues)
                and _previous_sentence_round(view, rounds) is None
                and not any(name in r.investors for r in rounds for name in investing)):
            joins = any(c.label == "PARTICIPANTS" for c in view.cues)  # "is expected to invest", not "could"
            if _sentence_reported(view) and not (joins and _reported_round(main)):
                continue  # "Xavier Niel pourrait également investir": a possibility, not a deal
            if _sentence_reported(view):  # "GV is also expected to invest": more names in the rumoured round
                target, everyone, leads = main, _unique([*everyone, *investing]), []
            else:
                # "Microsoft said it has made a small investment ... but declined to say how much": news
                # of the day, undisclosed amount.
                target = RoundDraft(company=main.company if main else subject, first_at=view.start, date=today)
                rounds.append(target)
                everyone, leads = investing, []
        if target is None:
            target = _previous_sentence_round(view, rounds)
        if target is None and previous is not None and previous[0] == view.index - 1:
            target = previous[1]  # a list that goes on in the next sentence
        if target is None:
            target = main
        if target is None:
            continue
        for name in everyone:
            target.add_investor(name, lead=name in leads)
        target.extra_evidence.append(Evidence(view.text, view.start, view.end, role="investors"))
        if not target.figures and not target.valuations:
            target.status = "reported" if _sentence_reported(view) else "announced"
        previous = (view.index, target)


_INVESTOR_CUES = {"LEAD", "PARTICIPANTS", "INVEST", "LIST", "WEAK_LIST"}


def _reported_round(draft: RoundDraft | None) -> bool:
    """A round the article itself reports as a rumour (its amount in the conditional, "in talks")."""
    figure = draft.amount_figure if draft is not None else None
    return figure is not None and figure.status == "reported"


def _attach_stakes(views: list[SentenceView], rounds: list[RoundDraft]) -> None:
    known = {i for r in rounds for i in (*r.investors, *r.investments)}
    for view in views:
        for match in _PERCENT.finditer(view.text):
            context = view.text[max(0, match.start() - 60):match.end() + 40]
            if not _STAKE_WORDS.search(context):
                continue
            at = view.start + match.start()
            names = [(n, n.canonical) for n in view.investors if n.canonical] + [
                (n, canonical_investor(n.text)) for n in view.names
                if canonical_investor(n.text) in known and not any(n.start < i.end and i.start < n.end
                                                                    for i in view.investors)
            ]  # "Harbour VC détiendra 5 % du capital": a fund the alias table does not know
            if not names:
                continue
            investor = min(names, key=lambda p: (p[0].start > at, abs(p[0].start - at)))[1] or ""
            target = next((r for r in rounds if investor in r.investors or investor in r.investments), None)
            if target is None:
                continue
            investment = target.investments.setdefault(investor, Investment(investor))
            if investment.stake_pct is None:
                investment.stake_pct = float(match.group(1).replace(",", "."))
            investment.evidence.append(
                Evidence(view.text, view.start, view.end, match.group(0), at, view.start + match.end(), "stake")
            )


def _round_fact(
    draft: RoundDraft, is_main: bool, published: dt.date | None, precision: str | None
) -> RoundFact:
    amount = draft.amount_figure or next((f for f in draft.figures if f.role == "investment"), None)
    qualifier = next((f.mention.money.qualifier for f in draft.figures
                      if amount is not None and f.value == amount.value and f.mention.money.qualifier), None)
    amount_min = next((f.mention.money.minimum for f in draft.figures
                       if amount is not None and f.value == amount.value and f.mention.money.minimum), None)
    alternatives = [
        AmountAlternative(f.value, f.currency) for f in draft.figures
        if f.role == "alternative" and f.currency and (amount is None or f.currency != amount.currency)
    ]
    stated = [v for v in draft.valuations if v.role == "valuation"]
    stated.sort(key=lambda v: (v.why == "comparison", v.basis is None))
    valuation = next(iter(stated), None)
    valuation_alternatives = [
        AmountAlternative(f.value, f.currency) for f in draft.valuations
        if f.role == "alternative" and f.primary is valuation and f.currency
    ]
    statuses = [f.status for f in draft.figures if f.role == "round"] or [
        f.status for f in [*draft.figures, *draft.valuations]
    ]
    status = ("announced" if "announced" in statuses else "reported") if statuses else (draft.status or "announced")
    dated = draft.date if draft.date is not None and draft.date.date is not None else next(
        (v.date for v in draft.valuations if v.date is not None and v.date.date is not None), None
    )  # "raised 600 million euros in a Series B funding round that valued the company at 5.8 billion euros last year"
    if dated is not None:
        date, date_precision, date_text = dated.date, dated.precision, dated.text or None
    elif is_main:
        date, date_precision, date_text = published, precision, None
    else:
        date, date_precision, date_text = None, None, None
    evidence: list[Evidence] = []
    for fig in draft.figures:
        evidence.append(fig.evidence("amount" if fig.role == "round" else
                                     "amount_alternative" if fig.role == "alternative" else fig.role))
    for fig in draft.valuations:
        evidence.append(fig.evidence("valuation" if fig.role == "valuation" else "valuation_alternative"))
    for investment in draft.investments.values():
        evidence.extend(investment.evidence)
    evidence.extend(draft.extra_evidence)
    evidence.sort(key=lambda e: (e.start, e.figure_start or 0))
    leads = _unique(draft.leads)
    return RoundFact(
        company=draft.company,
        amount=amount.value if amount else None,
        currency=amount.currency if amount else None,
        amount_alternatives=alternatives,
        qualifier=qualifier,
        amount_min=amount_min,
        valuation=valuation.value if valuation else None,
        valuation_currency=valuation.currency if valuation else None,
        valuation_basis=valuation.basis if valuation else None,  # type: ignore[arg-type]
        valuation_alternatives=valuation_alternatives,
        lead_investors=leads,
        investors=_unique([*leads, *draft.investors]),
        investments=list(draft.investments.values()),
        round_label=draft.label,
        date=date,
        date_precision=date_precision,  # type: ignore[arg-type]
        date_text=date_text,
        status=status,  # type: ignore[arg-type]
        evidence=evidence,
    )


def _standalone_valuations(
    figures: list[Figure], rounds: list[RoundFact], published: dt.date | None, precision: str | None
) -> list[ValuationFact]:
    seen = {(r.valuation, r.valuation_currency) for r in rounds if r.valuation is not None}
    out: list[ValuationFact] = []
    for fig in figures:
        if fig.role != "valuation" or fig.round is not None or fig.why == "comparison":
            continue
        key = (fig.value, fig.currency)
        if key in seen:
            continue
        seen.add(key)
        date = fig.date
        out.append(
            ValuationFact(
                company=fig.company, value=fig.value, currency=fig.currency, basis=fig.basis,  # type: ignore[arg-type]
                date=date.date if date and date.date else published,
                date_precision=date.precision if date and date.date else precision,  # type: ignore[arg-type]
                status=fig.status,  # type: ignore[arg-type]
                evidence=[fig.evidence("valuation")],
            )
        )
    return out


def extract_articles(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[ArticleFacts]:
    """Facts for each article, in order, streaming by groups of ``batch_size`` articles.

    The selected sentences of a whole group go through the pipeline together (one
    ``nlp.pipe`` per language: the statistical model is much faster on large batches than
    on the few sentences of one article); the rules then run article by article. Each
    article's facts are the same as ``extract_article``'s.
    """
    group: list[Article] = []
    for article in articles:
        group.append(article)
        if len(group) >= max(1, batch_size):
            yield from _extract_group(group)
            group = []
    if group:
        yield from _extract_group(group)


class _SentenceStream:
    """The analysed sentences of one pipeline for a group of articles, in order, produced lazily
    (never more than one ``nlp.pipe`` batch of Docs in memory). After a failure the stream starts
    again at the first sentence of the next article."""

    def __init__(self, items: list[tuple[str, int]], pipeline: str) -> None:
        self.items, self.pipeline, self.cursor = items, pipeline, 0
        self.passages: Iterator[Passage] = analyse(items, pipeline)

    def take(self) -> Passage:
        passage = next(self.passages)
        self.cursor += 1
        return passage

    def skip_to(self, position: int) -> None:
        self.cursor = position
        self.passages = analyse(self.items[position:], self.pipeline)


def _extract_group(group: list[Article]) -> Iterator[ArticleFacts]:
    prepared: list[tuple[Article, str, list[Selected] | None, Exception | None]] = []
    for article in group:
        language = article.language or article.meta.language or "fr"
        try:
            prepared.append((article, language, _selected_sentences(article, language), None))
        except Exception as error:  # one bad article must not stop a batch
            prepared.append((article, language, None, error))
    streams = {
        pipeline: _SentenceStream([item for _, lang, sel, _ in prepared if sel
                                   and pipeline_language(lang) == pipeline for *_, item in sel], pipeline)
        for pipeline in sorted({pipeline_language(language) for _, language, sel, _ in prepared if sel})
    }
    for article, language, selected, error in prepared:
        if error is None and selected is not None:
            stream = streams.get(pipeline_language(language))
            end = stream.cursor + len(selected) if stream is not None else 0
            try:
                # Each Doc is read into its view and dropped: a huge article never holds its Docs.
                views = [
                    _view(article, stream.take(), ordinal, number, language, article.meta.published)  # type: ignore[union-attr]
                    for ordinal, number, _ in selected
                ]
                yield facts_from_views(article, views, language)
                continue
            except Exception as caught:  # one bad article must not stop a batch
                error = caught
                if stream is not None:
                    stream.skip_to(end)
        yield _failed(article, error)


def _failed(article: Article, error: Exception | None) -> ArticleFacts:
    meta = article.meta
    return ArticleFacts(
        file=article.file, article_id=article.article_id, language=article.language,
        published=meta.published, published_precision=meta.published_precision,
        publisher=meta.publisher, title=meta.title, url=meta.url, company=None,
        errors=[f"extraction failed: {type(error).__name__}: {error}"],
    )
