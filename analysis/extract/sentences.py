"""Sentences as extraction reads them: the analysed sentence (cues, names, money, dates, parse) in article offsets, without the spaCy Doc."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from sys import intern

from spacy.tokens import Doc, Span, Token

from analysis.dates import find_dates, is_weekday_name, may_hold_date
from analysis.extract.vocabulary import (
    _DETERMINER_TAGS,
    _FOUNDED,
    _FOUNDING_WORD,
    _HONORIFIC_BEFORE,
    _RIVAL_TAIL,
    _TITLE_OF_NAME,
    _entities,
    _grammar,
    _places,
    _round_labels,
    is_round_label,
    name_key,
)
from analysis.model import (
    Article,
    DateMention,
    MoneyMention,
)
from analysis.money import find_money
from analysis.nlp import (
    NAME_ENDING_ROLES,
    PERSON_LABELS,
    REGIONAL_NAME_MIN_WORDS,
    Passage,
    class_nouns,
    holds_class_noun,
    lower_case_brand,
    may_attribute,
    name_spans,
    opens_with_class_noun,
    opens_with_list,
    paragraph_has_cue,
    pipeline_language,
    regional_demonyms,
    split_sentences,
    starts_like_name,
)


@dataclass(frozen=True, slots=True)
class Cue:
    label: str
    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    role: str = ""  # the cue's id in patterns/cues/<lang>.jsonl: "lead:name_before", "total:points_forward"...


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    start: int
    end: int
    token_start: int
    canonical: str | None  # set for names from the investor alias table
    person: bool = False


#: English tags of a finite verb (the English model's morphology leaves some out).
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


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
    finite: tuple[bool, ...] = ()  # a finite verb or auxiliary ("a", "rapportent", "said"), not a participle

    def children(self, i: int) -> list[int]:
        return self._children.get(i, [])

    def ancestors(self, i: int, steps: int) -> Iterator[int]:
        """The tokens up the tree from ``i``, its head first, ``steps`` at most, up to the root."""
        for _ in range(steps):
            head = self.heads[i]
            if head == i:
                return
            yield head
            i = head

    @cached_property
    def _children(self) -> dict[int, list[int]]:
        """Each token's dependents, indexed once per sentence."""
        found: dict[int, list[int]] = {}
        for k, head in enumerate(self.heads):
            if head != k:
                found.setdefault(head, []).append(k)
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
    opening: int = 0  # article offset where the sentence proper begins, after its paragraph's dateline ("SEOUL, AJU - ")

    def token_at(self, char: int) -> int:
        """Index (in the sentence) of the token holding an article offset (the number of
        tokens when it lies after the last one)."""
        return bisect.bisect_right(self.token_ends, char)

    def cues_between(self, lo: int, hi: int, *labels: str) -> list[Cue]:
        return [c for c in self.cues if c.label in labels and c.start >= lo and c.end <= hi]


#: What extraction reads of a morphological analysis, by its hash: (plural number, finite verb form,
#: conditional mood). There are few distinct analyses: each is read once per process.
_MORPH_FLAGS: dict[int, tuple[bool, bool, bool]] = {}


def _morph_flags(token: Token) -> tuple[bool, bool, bool]:
    """Whether a token's morphology says plural (Number=Plur), finite (VerbForm=Fin) and conditional
    (Mood=Cnd), read from the per-process table of analyses."""
    morph = token.morph
    flags = _MORPH_FLAGS.get(morph.key)
    if flags is None:
        flags = ("Plur" in morph.get("Number"), "Fin" in morph.get("VerbForm"), "Cnd" in morph.get("Mood"))
        _MORPH_FLAGS[morph.key] = flags
    return flags


#: A sentence chosen for the pipeline: (ordinal in the article, paragraph, (text, offset)).
Selected = tuple[int, int, tuple[str, int]]


def _selected_sentences(article: Article, language: str) -> list[Selected]:
    """The sentences worth the statistical model: those holding money or a funding cue, and the
    sentence just before one that opens with a class noun (« La jeune pousse a levé ... »: the company
    it stands for is named there)."""
    text = article.text
    selected: list[Selected] = []
    ordinal = 0
    for number, (p_start, p_end) in enumerate(article.paragraphs):
        paragraph = text[p_start:p_end]
        if not (paragraph_has_cue(paragraph, language) or find_money(paragraph, language)):
            ordinal += len(split_sentences(paragraph))
            continue
        before: Selected | None = None
        after_money = False
        for s_start, s_end in split_sentences(paragraph):
            sentence = paragraph[s_start:s_end]
            money = bool(find_money(sentence, language))
            if paragraph_has_cue(sentence, language) or money:
                if before is not None and (opens_with_class_noun(sentence, language)
                                           or _pronoun_before_money(sentence, language)):
                    selected.append(before)  # « Le site s'appelle Quillby. La jeune pousse a levé ... »
                selected.append((ordinal, number, (sentence, p_start + s_start)))
                before = None
            elif after_money and may_attribute(sentence, language):
                # "Kalvo has raised $30 million. The company has not confirmed the figure.": its status
                selected.append((ordinal, number, (sentence, p_start + s_start)))
                before = None
            elif selected and selected[-1][0] == ordinal - 1 and opens_with_list(sentence, language):
                # « Les actionnaires historiques remettent au pot. Parmi eux, X, Y ou encore Z. »: the list goes on
                selected.append((ordinal, number, (sentence, p_start + s_start)))
                before = None
            else:
                before = (ordinal, number, (sentence, p_start + s_start))
            after_money = money
            ordinal += 1
    return selected


#: A bracketed acronym (« (VAE) », "(SaaS)"): two capitals at least, eight letters at most.
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
#: Words, at most, of the phrase an acronym shortens, read back from its bracket.
ACRONYM_PHRASE_MAX_WORDS = 8
#: Characters, at most, read back from an acronym's bracket for its phrase.
ACRONYM_PHRASE_MAX_CHARS = 120
#: What ends the phrase an acronym shortens, read back from its bracket.
_PHRASE_BREAK = re.compile(r"[.,;:!?()«»\"“”\[\]\n]")


def _folded_initial(word: str) -> str:
    """A word's first letter, lower case, without its accent (« électrique » -> "e")."""
    return unicodedata.normalize("NFD", word[0].lower())[0]


@lru_cache(maxsize=16)
def _common_noun_acronyms(text: str, language: str) -> frozenset[str]:
    """The acronyms the article defines as short for a lower-case common noun phrase (« Le marché du vélo à
    assistance électrique (VAE) est en plein essor », "software as a service (SaaS)"): words, never names, wherever
    they stand in the article. A phrase holding an institution noun (« banque européenne d’investissement (BEI) »)
    names a body and keeps its acronym."""
    grammar = _grammar(language)
    skipped, institutions = set(grammar["acronym_skipped_words"]), set(grammar["acronym_institution_nouns"])
    found: set[str] = set()
    for match in _BRACKETED_ACRONYM.finditer(text):
        acronym = match.group(1)
        if sum(ch.isupper() for ch in acronym) < 2 or acronym in found:
            continue
        before = text[max(0, match.start() - ACRONYM_PHRASE_MAX_CHARS):match.start()]
        before = _PHRASE_BREAK.split(before)[-1]
        words = re.findall(r"[^\W\d_]+", before)[-ACRONYM_PHRASE_MAX_WORDS:]
        for k in range(len(words)):
            phrase = words[k:]
            if phrase[0].lower() in skipped or any(not w.islower() for w in phrase) or institutions & set(phrase):
                continue
            initials = ("".join(_folded_initial(w) for w in phrase),
                        "".join(_folded_initial(w) for w in phrase if w not in skipped))
            if acronym.lower() in initials:
                found.add(acronym)
                break
    return frozenset(found)


def _pronoun_before_money(sentence: str, language: str) -> bool:
    """A company pronoun (``grammar.json`` company_pronouns) before the sentence's first money figure
    (« Spécialisée dans X, elle a levé 5 M€ », "It has raised $31 million"): it may stand for the company
    the sentence before names."""
    money = find_money(sentence, language)
    head = sentence[:money[0].start] if money else sentence
    words = _grammar(pipeline_language(language))["company_pronouns"]
    return any(w.lower() in words for w in re.findall(r"\w+", head)) or holds_class_noun(sentence, language)


def _views(
    article: Article, selected: list[Selected], passages: Iterable[Passage], language: str,
    published: dt.date | None,
) -> list[SentenceView]:
    return [
        _view(article, passage, ordinal, number, language, published)
        for (ordinal, number, _), passage in zip(selected, passages, strict=True)
    ]


def _modifies_noun_after(span: Span) -> bool:
    """A class noun that qualifies the noun after it ("the Australian startup ecosystem", "the startup scene"): no
    reference to a company."""
    last = span[-1]
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.pos_ == "NOUN" and last.head == after


#: Role of a class noun that is also a sector's name (« la fintech », « la medtech »).
SECTOR_WORD_ROLE = "generic_subject:sector_word"


def _sector_word(span: Span) -> bool:
    """A class noun that is also a sector's name (role ``SECTOR_WORD_ROLE``) naming the sector, not a company: the
    complement of a noun (« l'écosystème de la Fintech européenne », « les actionnaires historiques de la Fintech
    londonienne »), unless a name follows it (« l'acteur belge de la fintech UnifiedPost »), or an item of a list of
    sectors with its figure in a bracket (« la PropTech (3,5 millions en une opération) »)."""
    if span.id_ != SECTOR_WORD_ROLE:
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "(" and span.end + 1 < len(doc) and doc[span.end + 1].like_num:
        return True
    named_after = after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()
    return (span.start > 0 and doc[span.start - 1].lower_ in _grammar(doc.lang_)["sector_complement_marks"]
            and not named_after)


#: A series word, of both languages (« série », "series"), the one round noun that also names a production model.
_SERIES_WORD = re.compile(r"^s[ée]ries?$", re.IGNORECASE)
#: A round label's letter right after a series word ("A", "B2").
_LABEL_LETTER_TOKEN = re.compile(r"^[A-Z]\d?$")


def _production_series(span: Span) -> bool:
    """A one-word round noun after a genitive mark and before no label letter (« la version de série du concept »,
    « une voiture de série »): a production model, no round."""
    doc = span.doc
    if span.label_ != "ROUND" or len(span) != 1 or span.start == 0:
        return False
    after = doc[span.end].text if span.end < len(doc) else ""
    return (name_key(doc[span.start - 1].text) in _GENITIVE_MARKS and not _LABEL_LETTER_TOKEN.match(after)
            and _SERIES_WORD.match(span.text) is not None)


def _compound_tail(span: Span, language: str) -> bool:
    """A cue that is the second half of a compound noun a hyphen glues (« un fonds de capital-investissement de
    L'Oréal »: private equity, no investment told); prefixes stay one token (« co-investissement »)."""
    doc, start = span.doc, span.start
    return (span.label_ in _grammar(language)["compound_tail_cue_labels"] and start >= 2 and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_ and doc[start - 2].pos_ == "NOUN")


def _blocked_by_next_word(span: Span, language: str) -> bool:
    """A lead cue followed by a word that gives its verb another sense (``grammar.json`` lead_blocking_next_words: "where
    Jada and SVC funds have led to more venture capital firms": caused, no lead)."""
    return (span.label_ == "LEAD" and span.end < len(span.doc)
            and span.doc[span.end].lower_ in _grammar(language)["lead_blocking_next_words"])


def _view(
    article: Article, passage: Passage, ordinal: int, paragraph: int, language: str, published: dt.date | None
) -> SentenceView:
    doc, offset = passage.doc, passage.offset
    text = article.text
    s_start, s_end = offset, offset + len(doc.text)
    s_text = text[s_start:s_end]
    flags = [_morph_flags(token) for token in doc]
    rows = [(token.idx + offset, token.idx + len(token.text) + offset, token.head.i, intern(token.dep_.lower()),
             intern(token.pos_), flags[token.i][0] or token.tag_ == "NNS",
             intern(token.lemma_.lower()), flags[token.i][1] or token.tag_ in _FINITE_TAGS)
            for token in doc]
    # Interned: a long text's many sentences share one copy of each relation, tag and lemma.
    starts, ends, heads, deps, pos, plural, lemmas, finite = (
        (tuple(column) for column in zip(*rows, strict=True)) if rows else ((), (), (), (), (), (), (), ()))
    token_ends = ends
    parse = Parse(starts, heads, deps, pos, plural, lemmas, finite)
    grammar_language = pipeline_language(language)
    cues = [
        Cue(sp.label_, sp.text.lower(), sp.start_char + offset, sp.end_char + offset, sp.start, sp.end,
            sp.id_ or sp.label_.lower())
        for sp in doc.spans.get("cues", [])
        if not (sp.label_ == "GENERIC_SUBJECT" and (_modifies_noun_after(sp) or _sector_word(sp)))
        and not _production_series(sp)
        and not _compound_tail(sp, grammar_language) and not _blocked_by_next_word(sp, grammar_language)
    ]
    cues = _without_records(cues)
    investors = [
        Name(sp.text, sp.start_char + offset, sp.end_char + offset, sp.start, sp.id_ or None)
        for sp in doc.spans.get("investors", [])
        if _looks_like_name(sp)
    ]
    money = [MoneyMention(m.start + s_start, m.end + s_start, m.text, m.money) for m in find_money(s_text, language)]
    spans = name_spans(doc)
    dateline_end = _dateline_end(s_text, s_start == 0) if s_start == 0 or text[s_start - 1] == "\n" else 0
    if s_start == 0 and not dateline_end:
        dateline_end = _publisher_dateline_end(s_text, article.meta.publisher)
    names = _clean_names(
        [Name(sp.text, sp.start_char + offset, sp.end_char + offset, sp.start, None, sp.label_ in PERSON_LABELS)
         for sp in spans],
        money,
        s_text,
        s_start,
        frozenset(sp.start_char + offset for sp in spans if lower_case_brand(sp)),
        dateline_end,
    )
    names = _joined_places(_cut_at_cues(names, cues), text)
    if common := _common_noun_acronyms(text, grammar_language):
        names = [n for n in names if n.text.strip() not in common]
    if referred := _cross_references(s_text, s_start, pipeline_language(language)):
        names, investors, cues = (
            [x for x in found if not any(lo <= x.start < hi for lo, hi in referred)] for found in (names, investors, cues))
    investors = _outermost_investors(investors, names)
    cues = [c for c in cues if not _inside_a_name(c, text, [*names, *investors], s_start, s_text, doc)]
    outside_money = s_text
    for m in money:  # "5 M€" holds a digit but never a date
        outside_money = outside_money[:m.start - s_start] + " " * (m.end - m.start) + outside_money[m.end - s_start:]
    found_dates = find_dates(s_text, language, published, article.meta.published_precision or "day") if may_hold_date(
        outside_money) else []
    dates = [
        DateMention(d.start + s_start, d.end + s_start, d.text, d.date, d.precision)
        for d in found_dates
        if not _FOUNDED.search(text[max(0, d.start + s_start - 30):d.start + s_start])
        and not _founding_date(doc, d.start + s_start - offset)
    ]
    if (s_start == 0 or text[s_start - 1] == "\n") and not dateline_end and published is not None:
        told = next((d for d in dates if d.start == s_start and d.date == published), None)
        if told is not None and (dash := _DATE_DATELINE_DASH.match(s_text, told.end - s_start)):
            dateline_end = dash.end()  # "30 March 2020 – Lime in Talks to Raise …": the day the story is told, no
            dates = [d for d in dates if d is not told]  # date of what it tells
    endings = tuple(_grammar(pipeline_language(language))["conditional_endings"])
    conditional = [t.idx + offset for t in doc if t.pos_ in {"VERB", "AUX"} and flags[t.i][2]
                   and (not endings or t.lower_.endswith(endings))]  # « actait »: an imperfect the tagger took for one
    return SentenceView(ordinal, paragraph, s_start, s_end, s_text, token_ends, parse, offset, cues, investors, names,
                        money,
                        dates, conditional, (published, article.meta.published_precision or "day"),
                        article.meta.publisher, pipeline_language(language),
                        s_start + dateline_end)


#: Steps at most up the parse from a date's first word to the founding participle it dates ("founded by chief
#: executive Greg Rockson seven years ago": seven, years, ago, founded).
FOUNDING_DATE_CLIMB = 3


def _founding_date(doc: Doc, at: int) -> bool:
    """The date starting at ``at`` (an offset in the doc) hangs, a few steps up, on a founding participle ("The
    Accra-based company, founded by chief executive Greg Rockson seven years ago, has received the funding"): when
    the company was founded, no date of a deal."""
    token = next((t for t in doc if t.idx >= at), None)
    if token is None:
        return False
    for _, above in zip(range(FOUNDING_DATE_CLIMB), token.ancestors, strict=False):
        if above.pos_ in {"VERB", "AUX", "ADJ"}:  # the first verb up: « fondée en 2006 et qui a mené en 2014 … »
            return (_FOUNDING_WORD.fullmatch(above.text) is not None  # dates "mené", not "fondée"
                    and "Part" in above.morph.get("VerbForm"))  # a participle: not "… started … after its last
            # round in April 2018", a finite verb of beginning
    return False


@cache
def _cross_reference(language: str) -> re.Pattern[str]:
    """A bracket opening with a word that sends the reader to another article (``grammar.json``
    cross_reference_words)."""
    words = "|".join(sorted(map(re.escape, _grammar(language)["cross_reference_words"]), key=len, reverse=True))
    return re.compile(rf"\(\s*(?:{words})\b[^()]*\)", re.IGNORECASE)


def _cross_references(text: str, offset: int, language: str) -> list[tuple[int, int]]:
    """The article spans of the sentence's brackets that send the reader to another article (« (lire « Retour
    d'expérience – DevOps participe à l'alchimie BlaBlaCar ») »): their names and cues are that article's title."""
    return [(offset + m.start(), offset + m.end()) for m in _cross_reference(language).finditer(text)]


#: An elided article before a lower-case word: a common noun opening a sentence, not a name.
_ELIDED_COMMON = re.compile(r"^[LD]['’][a-zà-ÿ]")


_COMPOUND_MODIFIER = re.compile(r"^-([a-zà-ÿ][\w-]*)")


#: A number right before a name, a year aside ("In 2021 Norvane raised"): the name is the unit or the
#: thing counted ("3 MWc", "12 Teslas").
_COUNTED = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\s$)\d(?:[\d.,]*\d)?\s$")


_NAME_CUT = re.compile(r"\s*[:|—–«»\"“”()\[\]]\s*|\s+-\s+")  # a hyphen between spaces is a dash
#: A person's name with a nickname in quotes between its first and last names ("Stephen “Slim” Lim"): one name.
_NICKNAMED = re.compile(r"[A-Z][\w.'’-]*\s+[“\"«]\s*[A-Z][\w'’-]*\s*[”\"»]\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


#: A definite article, alone or contracted with « à » or « de », right before a name (« La Montpelliéraine Swile »,
#: « Quant au Californien DoorDash »).
_DEFINITE_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:la|le|les|l['’]|au|aux|du|des)\s*$", re.IGNORECASE)


def _demonym_after_article(word: str, view_text: str | None, at: int) -> bool:
    """A French inhabitant's name after a definite article (« La Montpelliéraine Swile », « Le Lyonnais Kalvo »):
    the place the company is from, no part of its name."""
    if view_text is None or not _DEFINITE_ARTICLE_BEFORE.search(view_text[:max(0, at)]):
        return False
    return len(word) > 4 and word.lower().endswith(tuple(_entities()["demonym_endings"]))


#: A plural article right before a name (« des Africains », « les Français »).
_PLURAL_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:les|des|aux)\s*$", re.IGNORECASE)


def _inhabitants(word: str, view_text: str | None, at: int) -> bool:
    """A French inhabitants' name in the plural after a plural article (« des Africains », « les Lyonnais »): people
    of a place, never a company."""
    if view_text is None or not _PLURAL_ARTICLE_BEFORE.search(view_text[:max(0, at)]):
        return False
    return len(word) > 4 and word[:1].isupper() and word.lower().endswith(_plural_demonym_endings())


@cache
def _plural_demonym_endings() -> tuple[str, ...]:
    """The endings of ``demonym_endings`` that mark a plural (« -ains », « -ais »), read once."""
    return tuple(e for e in _entities()["demonym_endings"] if e.endswith("s"))


#: A dateline opening a paragraph: a place in capitals, then a dash or colon ("JAKARTA -- ", "CAIRO: ", "MUMBAI: ",
#: "JAKARTA (Bloomberg): "; at least four characters, not « L.T. : » nor "AI - "), or a comma and a region, date or agency, then a dash ("SEOUL, AJU - ", "BERLIN, May 31
#: (Reuters) - ", « SAN JOSE, Californie — ») or a comma after a state's code ("LOS ANGELES, CA, "). Not "ASML, best
#: known for": a capitalised company followed by a comma and lower-case words.
_DATELINE_PLACE = r"(?=(?:[.'’ -]*[A-Z]){4})[A-Z][A-Z.'’-]*[A-Z.](?:\s[A-Z][A-Z.'’-]*[A-Z.]){0,3}"
_DATELINE = re.compile(
    rf"^{_DATELINE_PLACE}(?:\s*\([^()]{{1,30}}\))?\s*(?:--?|[–—:])\s+"
    rf"|^{_DATELINE_PLACE},\s*(?:[A-Z][\w.]*(?:\s+\d{{1,2}})?(?:\s*\([^()]{{1,30}}\))?\s*(?:--?|[–—:])|[A-Z]{{2,3}},)\s+")
#: A known place (``_places``: a country, a region, a city) opening a paragraph, in any case, then a date, a region or
#: an agency and a dash or colon ("New Delhi: ", « MONTRÉAL, le 14 févr. 2022 /CNW Telbec/ - »), or a date and an
#: agency in brackets ("New Delhi, March 29 (IANS) "): a dateline too.
_PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][\w.'’-]*(?:\s[A-ZÀ-Ý][\w.'’-]*){0,3})"
    r"(?:(?:,[^–—:\n]{1,40}?)?\s*(?:--?|[–—:])\s+|,[^()\n]{1,25}\([A-Z][\w .-]{1,20}\)\s+)")


#: A dash after a date opening a paragraph, the article's own date ("30 March 2020 – Lime in Talks …"): a dateline.
_DATE_DATELINE_DASH = re.compile(r"\s*[–—]\s+|\s+-\s+")
#: A dash after the publisher's name opening the text ("Pioneers Investors – Startups in the region raised …").
_DATELINE_DASH = re.compile(r"\s+[-–—]{1,2}\s+")


def _publisher_dateline_end(text: str, publisher: str | None) -> int:
    """Where the publisher's own name and a dash opening the text end ("Pioneers Investors – Startups in the Middle East
    raised …"): a dateline, no name of the story (0: none)."""
    if not publisher or not text.startswith(publisher):
        return 0
    dash = _DATELINE_DASH.match(text, len(publisher))
    return dash.end() if dash else 0


def _dateline_end(text: str, at_text_start: bool) -> int:
    """Where the dateline opening a paragraph's first sentence ends (0: none). At the very start of the text, where a
    headline may stand (« ASML : ... »), not one that ends with a colon after a name in capitals."""
    if (line := _DATELINE.match(text)) and not (at_text_start and line.group(0).rstrip().endswith(":")):
        return line.end()
    if (line := _PLACE_DATELINE.match(text)) and name_key(line.group("place")) in _places():
        return line.end()
    return 0


#: A possessive inside a name the recogniser joined ("SoftBank’s Vision Fund 2", "Elon Musk’s xAI"): the name is what
#: follows it.
_POSSESSIVE_INSIDE = re.compile(r"^.+?['’]s\s+(?=[A-Za-z]*[A-Z0-9])")


#: A name that is only where something is based ("U.S.-based", "Lagos-based"): an adjective, no name.
_BASED = re.compile(r"-based$", re.IGNORECASE)


#: A word in camel case that opens with a lower-case letter right before a name ("venBio Partners", "eToro Money"): the
#: name's first word, which a capitalised run misses.
_CAMEL_WORD_BEFORE = re.compile(r"(?:^|[\s(«\"“])([a-z]{1,4}[A-Z][\w&]*)\s$")
#: A capitalised word and a full stop, a slash or a hyphen glued to the name after them ("Your.MD", "Med.tn", "Calm/Storm
#: Ventures", "A/O Proptech", "I-Mab"), or digits ("5G Internet of Things", "3D Systems"): one name.
_GLUED_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w&-]*[./]|[A-Z][A-Za-z]*-|\d+)$")


#: A sentence's first word, capitalised as every opener is, and one to three lower-case words (no connector of a name,
#: « de », "of", "by"…), before a capitalised name: "Challenger bank Starling Bank", "Learning management system
#: HotChalk"; the words before the name are the class of the company it names.
_SENTENCE_OPENING_DESCRIPTOR = re.compile(
    r"^[A-ZÀ-Ý][a-zà-ÿ-]+(?: (?!(?:of|de|du|des|by|for|and|et|la|le|les|von|van|der|da|di|del|y|the|on)\b)"
    r"[a-zà-ÿ][a-zà-ÿ-]*){1,3} (?=[A-ZÀ-Ý])")


#: Letters at least of a class noun that ends a one-word compound describing a name ("maker" of "Chipmaker"; not "app").
CLASS_COMPOUND_MIN_CHARS = 5


def _class_compound(word: str) -> bool:
    """A capitalised compound word ending in a company class noun ("Chipmaker", "Automaker", "Drugmaker")."""
    lower = word.lower()
    return word[:1].isupper() and lower.isalpha() and any(
        lower.endswith(noun) and len(lower) > len(noun) + 2 for noun in class_nouns() if len(noun) >= CLASS_COMPOUND_MIN_CHARS)


def _without_trailing_symbols(text: str) -> str:
    """A name without the symbols a digest writes after it (a flag's emoji: "Kapital 🇲🇽", "Tribe Capital 🇺🇸"); a plus
    sign written against a word of two letters or more is the name's own ("Energy+", "Canal+"; a series' "C+" is no name)."""
    end = len(text)
    while end and (unicodedata.category(text[end - 1])[0] == "S" or text[end - 1] in "\ufe0f\u200d "):
        if text[end - 1] == "+" and end > 2 and text[end - 2].isalnum() and text[end - 3].isalnum():
            break  # not a series' "C+"
        end -= 1
    return text[:end]


#: Sentences whose round-label spans are kept (a sentence's names are cleaned one after another).
ROUND_LABEL_SPANS_CACHED = 64

#: The genitive marks of both languages (``grammar.json`` holder_of_marks): « série B de Kalvo », "Series B of Kalvo".
#: A raising verb right after a name that follows a figure ("the $220 million Instacart raised"), per
#: ``grammar.json`` contact_clause_raising_words of both languages.
_CONTACT_CLAUSE_RAISER = re.compile(r"^\s+(?:" + "|".join(sorted(
    (re.escape(w).replace(r"\ ", r"\s+") for language in ("fr", "en")
     for w in _grammar(language)["contact_clause_raising_words"]), key=len, reverse=True)) + r")\b")
_GENITIVE_MARKS = frozenset(name_key(w) for language in ("fr", "en") for w in _grammar(language)["holder_of_marks"])


def _in_round_label(text: str, at: int) -> bool:
    """Whether offset ``at`` of a text falls inside a round label after its first word (the "B" of « série B »)."""
    return any(start < at < end for start, end in _round_label_spans(text))


@lru_cache(maxsize=ROUND_LABEL_SPANS_CACHED)
def _round_label_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every round label in a sentence, read once for all its names."""
    return tuple(match.span() for pattern, _ in _round_labels() for match in pattern.finditer(text))


#: Words at least after a role title inside a run of capitalised words for them to be a person's full name
#: ("McKinsey Chief Rajat Gupta").
PERSON_AFTER_TITLE_MIN_WORDS = 2


def _after_role_title(words: list[str]) -> int:
    """The index of the first word after the last role title inside a run of capitalised words that leaves two words
    or more after it, a person's full name ("former McKinsey Chief Rajat Gupta", "Google CEO Sundar Pichai"), else 0.
    Whatever type the model gives the run: it often reads the company and the title as one organisation."""
    keys = _entities()["role_titles"] | _entities()["title_heads"]
    for cut in range(len(words) - PERSON_AFTER_TITLE_MIN_WORDS, 0, -1):
        if any(name_key(" ".join(words[lo:cut])) in keys for lo in range(cut)):
            return cut
    return 0


#: Words at most between an apposition's indefinite article and its class noun ("a Canada-based company").
APPOSED_CLASS_WORDS = 3


@cache
def _class_apposition_after() -> re.Pattern[str]:
    """The text right after a name that apposes an indefinite description ending with a company class noun ("Top Hat,
    a Canada-based company", « Pepette, une jeune pousse »): the name is a company's whole, whatever word opens it."""
    articles = "|".join(sorted(_grammar("fr")["indefinite_articles"] | _grammar("en")["indefinite_articles"]))
    nouns = "|".join(sorted(map(re.escape, class_nouns()), key=len, reverse=True))
    return re.compile(rf"^\s*,\s*(?:{articles})\s+(?:[\w'’-]+\s+){{0,{APPOSED_CLASS_WORDS}}}(?:{nouns})s?\b",
                      re.IGNORECASE)


def _clean_names(
    names: list[Name], money: list[MoneyMention], view_text: str | None = None, offset: int = 0,
    brands: frozenset[int] = frozenset(), dateline: int = 0,
) -> list[Name]:
    """Names cut at punctuation (a headline's "Mistral AI : l'Europe"), none inside money,
    none that is the first half of a compound modifier (``view_text`` starts at ``offset``), none in the
    paragraph's dateline, its first ``dateline`` characters ("SEOUL, AJU - ", where the sentence then opens)."""
    cleaned: list[Name] = []
    names = [n for n in names if n.start - offset >= dateline]
    skip = _entities()["not_company"]
    for name in names:
        whole = name.text if _NICKNAMED.fullmatch(name.text.strip()) else _NAME_CUT.split(name.text)[0]
        piece = _without_trailing_symbols(whole).strip(" ,.;'’")  # (a person's nickname in quotes stays inside)
        start = name.start
        if owned := _POSSESSIVE_INSIDE.search(piece):  # "SoftBank’s Vision Fund 2": the fund, its owner aside
            piece, start = piece[owned.end():], start + owned.end()
        if view_text is not None and (glued := _GLUED_BEFORE.search(view_text[:max(0, start - offset)])):
            piece, start = glued.group(1) + piece, start - len(glued.group(1))  # "Your.MD", the tokenizer's "Your . MD"
        elif view_text is not None and (camel := _CAMEL_WORD_BEFORE.search(view_text[:max(0, start - offset)])):
            piece, start = f"{camel.group(1)} {piece}", start - len(camel.group(1)) - 1  # "venBio Partners"
        words = piece.split(" ")
        if view_text is not None and (counted := _COUNTED.search(view_text[:max(0, start - offset)])) and (
                _class_noun_ends(view_text[:counted.start()])
                or name_key(words[-1]) in _entities()["investor_suffixes"]):
            start -= len(counted.group(0))  # "Medtech startup 52 North Health": a class noun introduces a name
            words = [counted.group(0).rstrip(), *words]  # that opens with a number; « 360 Capital »: a fund's does
        if view_text is not None and len(words) > 1 and _in_round_label(view_text, start - offset):
            # « le tour de série B de Wasoko »: the label's letter and the genitive after it are no part of the name
            drop = 2 if name_key(words[1]) in _GENITIVE_MARKS else 1
            if len(words) > drop:
                start += sum(len(w) + 1 for w in words[:drop])
                words = words[drop:]
        while len(words) > 1 and (_BASED.search(words[0]) or name_key(words[0]) in _entities()["time_openers"]
                                  or _EXCHANGE_TICKER.fullmatch(words[0])):
            start += len(words[0]) + 1  # "U.S.-based Greenoaks Capital", "Today Tamara", "Microsoft-backed MSFT.O
            # OpenAI" (the backer's stock code): no part of the name
            words = words[1:]
        if cut := _after_role_title(words):  # "former McKinsey Chief Rajat Gupta": the person, where they work aside
            start += sum(len(w) + 1 for w in words[:cut])
            words = words[cut:]
        person = name.person
        if len(words) > 2 and (title := _HONORIFIC_BEFORE.search(words[0] + " ")) and title.start() == 0:
            person = True  # "Dr. Peng Liang", « M. Jean Dupont »: a person (not the brand "Dr Milou"), the title set
            if not _TITLE_OF_NAME.match(words[0] + " "):  # aside, unless the name keeps it ("Sir Richard Branson")
                start += len(words[0]) + 1
                words = words[1:]
        while len(words) > 1 and is_weekday_name(words[-1]):
            words = words[:-1]  # "startup TAG Wednesday claimed raising $12 million": the day it said so, no part of the name
        if len(words) > 1 and _EXCHANGE_TICKER.fullmatch(words[-1]):
            words = words[:-1]  # "mining giant Glencore GLEN.L": the news agency's stock code, no part of the name
        piece = " ".join(words)
        # "The Dutch ASML" -> "ASML"; a fund keeps its place ("South China Venture Capital"), not a role noun before it
        core = words  # the name without its company suffixes ("Saudi Telecom Co." -> "Saudi Telecom")
        while len(core) > 1 and (not name_key(core[-1]) or name_key(core[-1]) in _entities()["company_suffixes"]):
            core = core[:-1]
        fund = name_key(words[-1]) in _entities()["investor_suffixes"] or (
            (len(words) > 2 or len(core) < len(words)) and len(core) > 1
            and name_key(core[-1]) in _entities()["institution_heads"])  # "African Leadership Academy", "Saudi
        # Telecom Co."
        regional = len(words) > REGIONAL_NAME_MIN_WORDS and words[0].lower() in regional_demonyms()
        described = view_text is not None and bool(_class_apposition_after().match(
            view_text[start - offset + len(piece):]))  # "Top Hat, a Canada-based company": the name whole
        while len(words) > 1 and not regional and not described and name_key(" ".join(words)) not in _places() and (
                (name_key(words[0]) in (_entities()["leading_role_nouns"] if fund else skip)
                 and not (words[0] in _entities()["period_codes"] and words[1][:1].isupper()))  # "H2 Green Steel"
                or _demonym_after_article(words[0], view_text, start - offset)):
            start += len(words[0]) + 1
            words = words[1:]
        if view_text is not None and not view_text[dateline:max(0, start - offset)].strip(" «\"“'‘") and (
                descriptor := _SENTENCE_OPENING_DESCRIPTOR.match(" ".join(words))):
            # "Challenger bank Starling Bank has raised", "Truck aggregator Blackbuck": a class noun opens the sentence
            start += descriptor.end()
            words = words[len(descriptor.group(0).split()):]
        elif len(words) > 1 and _class_compound(words[0]):  # "Chipmaker Qualcomm", "Automaker Tekora": a compound of a
            start += len(words[0]) + 1  # class noun describes the name after it
            words = words[1:]
        piece = " ".join(words)
        if len(words) > 1 and (rival := _RIVAL_TAIL.search(piece)):
            piece = piece[:rival.start()]  # "SpaceX challenger raises": the yardstick, cut from the rival's word
            words = piece.split(" ")
        if not piece or any(m.start < start + len(piece) and start < m.end for m in money):
            continue
        if _elided_word(piece, name.text):
            continue  # « Jusqu’à alors, elle a levé »: a little word elided before a vowel, no name
        if len(words) == 1 and _inhabitants(words[0], view_text, start - offset):
            continue  # « intégrer des Africains à la Web 3 », « les Français »: inhabitants, no name
        if not (starts_like_name(piece) or name.start in brands) or _ELIDED_COMMON.match(piece) or _BASED.search(piece):
            continue  # "tour de table" from the NER, "L'argent servira à ...", "U.S.-based": an adjective of place
        before = view_text[:start - offset] if view_text is not None else ""
        after = view_text[start + len(piece) - offset:] if view_text is not None else ""
        if (_COUNTED.search(before) and not words[0][:1].isdigit()) or any(0 <= start - m.end <= 1 and not (
                m.money.currency and _CONTACT_CLAUSE_RAISER.match(after)) for m in money):
            continue  # "3 MWc d'électricité", "the next 450 million Indians": what a number counts (not "the $220
            # million Instacart raised": the raiser of a relative clause without its pronoun)
        if (compound := _COMPOUND_MODIFIER.match(after)) and compound.group(1).lower() not in _entities()[
                "leading_compounds"]:
            continue  # "an Earth-observation satellite maker", "AI-powered": a modifier, not a name ("Walmart-led": one)
        cleaned.append(Name(piece, start, start + len(piece), name.token_start, name.canonical, person))
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


#: A stock code with its exchange's suffix, as news agencies write it after a listed company's name ("GLEN.L",
#: "AAPL.O", "0700.HK", "RENA.PA").
_EXCHANGE_TICKER = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,2}")


def _class_noun_ends(text: str) -> bool:
    """``text`` ends with a company class noun (``nlp.class_nouns``: "startup", « la société »), then a space."""
    words = text.rstrip().rsplit(None, 1)
    return text[-1:].isspace() and bool(words) and words[-1].lower() in class_nouns()


def _elided_word(piece: str, raw: str) -> bool:
    """``piece``, cut from the name ``raw``, is a French little word that is only ever written elided (« Jusqu’ »,
    « Lorsqu’ »): its apostrophe closes ``raw``."""
    return raw.rstrip().endswith(("'", "’")) and name_key(piece) in _grammar("fr")["elided_words"]


#: What may join two names that make one place together (« Côte d'Ivoire », "Bosnia and Herzegovina").
_PLACE_JOINT = re.compile(r"^\s*(?:d['’]|de\s+|du\s+|and\s+|et\s+|-)?\s*$")


def _joined_places(names: list[Name], text: str) -> list[Name]:
    """Two names next to each other that the place tables know as one (« Côte d'Ivoire », cut at its apostrophe):
    one name, the place."""
    joined: list[Name] = []
    for name in names:
        if joined and _PLACE_JOINT.match(text[joined[-1].end:name.start]):
            whole = text[joined[-1].start:name.end]
            if name_key(whole) in _places():
                first = joined.pop()
                name = Name(whole, first.start, name.end, first.token_start, None, False)
        joined.append(name)
    return joined


def _inside_a_name(cue: Cue, text: str, names: list[Name], s_start: int, s_text: str, doc: Doc) -> bool:
    """A capitalised cue word that a name holds after its first word ("SBI Investment", "Seedcamp Fund"), or a whole
    name of capitalised words inside the sentence (``_whole_name_cue``): part of the name, no funding word of the
    sentence; not in a round label the model took for a name ("B Round")."""
    return text[cue.start:cue.start + 1].isupper() and any(
        (n.start < cue.start or _whole_name_cue(cue, n, s_start, s_text, doc)) and cue.end <= n.end
        and not is_round_label(n.text.strip()) for n in names)


def _whole_name_cue(cue: Cue, name: Name, s_start: int, s_text: str, doc: Doc) -> bool:
    """A cue of something other than a round (``OTHER_…``), of several words, each capitalised, that is a whole name
    with no determiner, after the start of a sentence written in lower case ("…, Curie Capital, First Fund and Health
    Holland": the firm First Fund, not a fund's close; not "des Business Angels", a class of investors, nor "its fund,
    the Fund IV", the fund closed)."""
    words = s_text[cue.start - s_start:cue.end - s_start].split()
    return (cue.label.startswith("OTHER_") and name.start == cue.start and len(words) > 1
            and all(w[:1].isupper() for w in words) and s_text[:cue.start - s_start].strip() != ""
            and not (cue.token_start > 0 and doc[cue.token_start - 1].pos_ in _DETERMINER_TAGS)
            and not title_case(s_text))


#: A name's words ending with a link word (« Société néerlandaise de », "Bank of"): the word after it is the name's own.
_LINK_WORD_END = re.compile(r"(?:\s|^)(?:de|du|des|d['’]|of|for)$", re.IGNORECASE)


def _without_records(cues: list[Cue]) -> list[Cue]:
    """The cues less each total inside a ``RECORD`` cue: "its largest round to date", « sa plus grosse levée à ce jour »
    rank the round among the company's, they sum none."""
    records = [c for c in cues if c.label == "RECORD"]
    if not records:
        return cues
    return [c for c in cues if c.label != "TOTAL" or not any(r.start <= c.start and c.end <= r.end for r in records)]


def _cut_at_cues(names: list[Name], cues: list[Cue]) -> list[Name]:
    """Names cut before a funding word inside them: a headline in title case ("Ant Financial
    Raises $14bn") is a name followed by its verb, not one long name. A name lying inside a longer
    cue is a word of that phrase (« son tour de Table »), no name."""
    cut: list[Name] = []
    for name in names:
        if any(c.start <= name.start and name.end <= c.end and c.end - c.start > name.end - name.start for c in cues):
            continue
        inside = [c.start for c in cues if c.role in NAME_ENDING_ROLES and name.start < c.start < name.end]
        if inside:
            end = min(inside)
            text = name.text[:end - name.start].rstrip(" ,;:-–")
            if not text:
                continue
            if _LINK_WORD_END.search(text):
                cut.append(name)  # « la Société néerlandaise de financement du développement »: the word completes
                continue  # the name, it tells nothing
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
    """Alias matches count only when written like a name (capitalised or with digits), or as an investor writes its
    own brand (``entities.json`` lower_case_investors: « bpifrance »)."""
    first = span.text[:1]
    return (first.isupper() or first.isdigit() or any(ch.isdigit() for ch in span.text)
            or span.text in _entities()["lower_case_investors"])


#: Words of at least this many letters a sentence must hold for its case to tell anything, and the share of
#: them written with a capital that makes it a title-case headline ("Pandion Secures Funding for Expansion").
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_SHARE = 0.85
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}\b")


def figures_in_relative_after(view: SentenceView, at: int) -> bool:
    """Every figure of the sentence stands after offset ``at`` and after a relative pronoun that follows it
    (``entities.json`` relative_openers): a clause describing a name (« L’opération est menée par Softbank, …, qui
    avait permis à ContentSquare de lever 500 M$ »), not the round the sentence tells."""
    openers = _entities()["relative_openers"]
    for m in view.money:
        between = view.text[at - view.start:m.start - view.start]
        if m.start < at or not any(w.strip(",;").lower() in openers for w in between.split()):
            return False
    return bool(view.money)


#: The characters that end a sentence of running text; a short sentence ending otherwise is a heading.
_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
#: Characters at most of a section heading ("$255M: Series C for the World's First Commercial-Scale Smart Factory").
HEADING_MAX_CHARS = 120


def heading_like(view: SentenceView) -> bool:
    """A short sentence with no closing stop ("BBOXX closes $20 million fundraising round"): a headline or a
    section heading."""
    return len(view.text.strip()) <= HEADING_MAX_CHARS and not _SENTENCE_END.search(view.text)


def title_case(text: str) -> bool:
    """A sentence written in title case, as English headlines are: its capitalised runs are no names."""
    words = _LONG_WORD.findall(text)
    return len(words) >= TITLE_CASE_MIN_WORDS and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _round_noun(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` is (inside) a round word: a ``ROUND`` cue covers it."""
    start = view.parse.starts[i]
    return any(c.label == "ROUND" and c.start <= start < c.end for c in view.cues)


def _round_object(view: SentenceView, verb: int, g: dict[str, frozenset[str]]) -> bool:
    """A verb whose direct object is a round noun ("completes $135 million fundraise", « finalise une levée »): its
    subject did the round."""
    p = view.parse
    return any(p.deps[k] in g["object"] and _round_noun(view, k) for k in p.children(verb))
