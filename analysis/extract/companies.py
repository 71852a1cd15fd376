"""The company each figure and each sentence belongs to, and the article's own subject."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from analysis.extract.discourse import _anaphor_pattern, _company_words, words_of
from analysis.extract.drafts import Figure
from analysis.extract.grammar import (
    _beneficiary,
    _grammatical_company,
    _investing_doers,
    _relative_owner,
    _valued_name,
)
from analysis.extract.names import (
    _company_candidate,
    _company_name,
    _described_names,
    _full_person,
    _is_subject,
    _known_investor,
    _mentions_subject,
    _place_name,
    _role_person,
    _sentence_companies,
)
from analysis.extract.sentences import Name, SentenceView
from analysis.extract.vocabulary import _INVESTOR_CUES, _TITLE_NAME, _unique, name_key
from analysis.model import (
    Article,
)
from analysis.money import says_respectively
from analysis.nlp import is_stop_word, pipeline_language


def _subject_company(article: Article, views: list[SentenceView]) -> str | None:
    """The company the article is about: the name most often near funding figures/cues."""
    scores: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    investor_keys = {name_key(n.text) for v in views for n in v.investors}
    title = article.meta.title or ""
    rejected: set[str] = set()  # names the body uses as places, people, sources...: not the title's company either
    for view in views:
        weight = 2 if view.money else 1
        if _title_case(view.text):
            continue  # "EV Maker Via Motors Is Said to Seek Funding": a title-case line's runs are no names
        lower_case = [n for _, _, n in _described_names(view) if not n.text[:1].isupper() and n not in view.names]
        for name in [*view.names, *lower_case]:  # "solar pioneer d.light"
            if name_key(name.text) in investor_keys or not _company_candidate(view, name):
                if _place_name(view, name) or _role_person(view, name):
                    rejected.add(name_key(name.text))
                continue
            key = name_key(name.text)
            scores[key] += weight + (2 if view.index < 3 else 0)
            spellings.setdefault(key, Counter())[name.text.strip()] += 1
    for key, forms in spellings.items():  # how often the whole article names it
        scores[key] += max(article.text.count(form) for form in forms)
    title_case = _title_case(title)
    for match in ([] if title_case else _TITLE_NAME.finditer(re.sub(r"['’]s\b", ",", title))):
        name = Name(match.group(0), 0, 0, 0, None)
        key = name_key(name.text)
        common_word = name.text.lower() in article.text or is_stop_word(name.text, views[0].language if views else "fr")
        # written in lower case in the body, or a little word of the language ("Où en est ...")
        publisher = name_key(article.meta.publisher or "")
        if (_company_name(name) and not _known_investor(name.text) and key not in scores and key not in rejected
                and article.text.count(name.text) and not common_word
                and not (publisher and (key in publisher or publisher in key))):  # "FinTech Futures: Top five ..."
            scores[key] = article.text.count(name.text)
            spellings.setdefault(key, Counter())[name.text] += 1
    title_key = name_key(title)
    in_title = sorted((title_key.find(_bare(k)), k) for k in scores
                      if title_key and re.search(rf"\b{re.escape(_bare(k))}\b", title_key))
    headline, backers = _title_roles(title, views[0].language if views else "fr")
    if headline and not _company_name(Name(headline, 0, 0, 0, None)):
        headline = None  # "10 top most funded startups in Germany"
    headline_key = name_key(headline) if headline else None
    if headline_key and headline_key not in investor_keys and headline_key not in rejected:
        known = next((k for _, k in in_title if k == headline_key or k.startswith(headline_key + " ")), None)
        if known is None and headline and article.text.count(headline):
            scores[headline_key] += article.text.count(headline)
            spellings.setdefault(headline_key, Counter())[headline] += 1
            known = headline_key
        if known is not None:  # the doer of the headline's funding verb ("Daystar Power lève 38 M$")
            in_title = [(-1, known), *((at, k) for at, k in in_title if k != known)]
    for rank, (_, key) in enumerate(in_title):
        if key in backers:
            continue  # "Total investit dans Hyzon Motors": the headline's investor
        scores[key] += 15 if rank == 0 else 3  # the headline names the funded company first
    for key in backers:
        scores.pop(key, None)
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


#: Legal forms a body's name carries and a headline drops ("Via Motors Inc." / "Via Motors").
def _bare(key: str) -> str:
    """A name's key without its legal form ("via motors inc" -> "via motors")."""
    words = key.split(" ")
    forms = {name_key(w) for w in _company_words()["legal_forms"]}
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in forms else key


def _title_case(title: str) -> bool:
    """A headline in title case ("Africa Mobile Pay-Go Solar Developer Beats the Odds"): its
    capitals say nothing of its names."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", title) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_TITLE_TOKEN = re.compile(r"[\w'’.&-]+|[:;,|–—()!?]")


def _title_roles(title: str, language: str) -> tuple[str | None, set[str]]:
    """The funded company a headline's verb names, and the keys of its investors: the doer of a
    funding verb ("Mexican challenger albo raises $45m", « Daystar Power lève 38 M$ »), else the
    name after an investing verb, whose doers invest (« Total investit dans Hyzon Motors »,
    "Insitor Impact, Nilekani, others back eye-care chain Drishti")."""
    words = _company_words()
    tokens = [m.group(0) for m in _TITLE_TOKEN.finditer(title)]
    lowered = [t.lower() for t in tokens]
    for i, word in enumerate(lowered):
        if word in words["title_round_verbs"] and (run := _run_before(tokens, i, language)):
            return run, set()
    for i, word in enumerate(lowered):
        if word not in words["title_investing_verbs"]:
            continue
        backers = {name_key(run)} if (run := _run_before(tokens, i, language, lower_ok=False)) else set()
        for j in range(i + 1, min(len(tokens), i + 8)):
            if tokens[j][:1].isupper() and not is_stop_word(tokens[j], language):
                end = j
                while end + 1 < len(tokens) and tokens[end + 1][:1].isupper():
                    end += 1
                return " ".join(tokens[j:end + 1]), backers
            if tokens[j] in {":", ";", "|", "–", "—"}:
                break
        return None, backers
    return None, set()


def _run_before(tokens: list[str], i: int, language: str, lower_ok: bool = True) -> str | None:
    """The name right before token ``i`` of a headline: its capitalised words, or one unknown
    lower-case word after a class noun ("challenger albo")."""
    j = i
    while j > 0 and tokens[j - 1][:1].isupper() and not (
            j - 1 > 0 and is_stop_word(tokens[j - 1], language) and not tokens[j - 2][:1].isupper()):
        j -= 1
    if j == i and lower_ok and i > 0 and tokens[i - 1][:1].islower() and (
            i == 1 or tokens[i - 2].lower() in _company_words()["class_nouns"]) and not _dictionary_word(
            tokens[i - 1], language):
        j = i - 1
    run = " ".join(tokens[j:i])
    run = re.sub(r"['’]s$", "", run).strip()
    if not run or all(name_key(w) in _entities_not_company() for w in run.split()):
        return None
    return run


def _entities_not_company() -> frozenset[str]:
    from analysis.extract.vocabulary import _entities

    return _entities()["not_company"]


def _dictionary_word(word: str, language: str) -> bool:
    """A word of the language's dictionary (a common word, not a brand written in lower case)."""
    from analysis.nlp import _dictionary, load_pipeline

    nlp = load_pipeline(pipeline_language(language))
    if nlp.vocab.vectors.shape[0]:
        return nlp.vocab[word].has_vector
    return word.lower() in _dictionary(id(nlp.vocab))


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
    """Several companies' deals in one article (a weekly roundup, a market review), or a
    headline that says so ("Top five news stories of the week", « Maddymoney »)."""
    if len(companies) >= 3:
        return True
    if len(companies) >= 2 and _ROUNDUP_TITLE().search(title or ""):
        return True
    titled = bool(subject and title and name_key(subject).split(" ")[0] in name_key(title))
    return len(companies) >= 2 and not titled and companies.get(subject, 0) < 2


@cache
def _ROUNDUP_TITLE() -> re.Pattern[str]:
    words = sorted(_company_words()["roundup_titles"], key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


def _view_companies(
    views: list[SentenceView], subject: str | None, roundup: bool, figures: list[Figure]
) -> list[str | None]:
    """The company each sentence is about. In a roundup, a sentence naming no company
    ("The round was led by Accel.") continues the deal of the sentence before it. A sentence whose
    rounds are all one company's is about that company ("Quillby, son concurrent, avait levé 4 M€
    auprès de Pivoine Ventures": Pivoine invested in Quillby); elsewhere it is the subject."""
    owners_of: dict[int, list[tuple[int, str | None]]] = {}
    for fig in figures:
        if fig.role in {"round", "investment"}:
            owners_of.setdefault(id(fig.sentence), []).append((fig.mention.start, fig.company))

    def own_company(view: SentenceView) -> str | None:
        own = owners_of.get(id(view), [])
        companies = {company for _, company in own}
        if len(companies) == 1 and None not in companies:
            return next(iter(companies))
        # Several companies' figures: the investors named follow the figure just before the first
        # investor cue ("a $500 million round led by DST Global, ahead of NuBank's $400 million").
        cue_at = min((c.start for c in view.cues if c.label in _INVESTOR_CUES), default=None)
        before = [company for start, company in sorted(own, key=lambda o: o[0]) if cue_at is not None and start < cue_at]
        return before[-1] if before else None

    if not roundup:
        return [own_company(view) or subject for view in views]
    owners: list[str | None] = []
    for view in views:
        owner = own_company(view) or _sentence_company(view, None, None)
        if owner is None and owners and views[len(owners) - 1].paragraph == view.paragraph:
            owner = owners[-1]
        owners.append(owner)
    return owners


def _assign_companies(figures: list[Figure], subject: str | None, title: str | None, language: str,
                      views: list[SentenceView] | None = None) -> bool:
    """Each figure's company: the name its genitive or relative clause gives, else the doer the
    parse finds, else the company its sentence names before its funding word, else (a sentence
    that names none: « La société a levé ... », "It has raised ...") the deal told just before it.
    Every company's deal is kept, with its own company."""
    funding = [f for f in figures if f.role in {"round", "investment", "valuation"}]
    grammar = pipeline_language(language)
    unnamed: list[Figure] = []
    for fig in funding:
        fig.company, fig.company_by = fig.owner, "owner"
        if not fig.company:
            fig.company, fig.company_by = _relative_owner(fig, subject), "relative"
        if not fig.company:
            fig.company, fig.company_by = _beneficiary(fig, subject) or (
                _valued_name(fig, subject) if fig.role == "valuation" else None), "grammar"
        if not fig.company:
            fig.company, fig.company_by = _grammatical_company(fig, subject, grammar), "grammar"
        if not fig.company:
            fig.company, fig.company_by = _named_in_sentence(fig.sentence, subject), "sentence"
        if not fig.company:
            unnamed.append(fig)
    _distribute_respectively(funding, subject)
    all_views = views if views is not None else _unique_views(funding)
    _resolve_references(all_views, funding, unnamed, subject, roundup=False)
    companies = Counter(f.company for f in funding if f.role == "round")
    roundup = _is_roundup(companies, subject, title)
    if roundup:  # a roundup's unnamed figure is the deal told before it, not the most named company's
        _resolve_references(all_views, funding, unnamed, subject, roundup=True)
    for fig in figures:
        if fig.role == "alternative" and fig.primary is not None:
            fig.company, fig.company_by = fig.primary.company, fig.primary.company_by
    return roundup


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
        # all the figures in order, else those of each role (« des valorisations respectives de 4,4 et
        # 1,75 milliard d'euros, après une levée de 486 millions pour la première et de 250 millions pour la seconde »)
        groups = [figs] if len(names) == len(figs) else [[f for f in figs if f.role == role]
                                                          for role in ("round", "valuation", "investment")]
        for group in groups:
            if len(group) == len(names) > 1:
                for fig, name in zip(sorted(group, key=lambda f: f.mention.start), names, strict=True):
                    fig.company, fig.company_by = name, "respectively"


def _unique_views(figures: list[Figure]) -> list[SentenceView]:
    seen: dict[int, SentenceView] = {}
    for fig in figures:
        seen.setdefault(id(fig.sentence), fig.sentence)
    return sorted(seen.values(), key=lambda v: v.index)


_ROUND_CUES = {"ROUND", "INVEST", "VALUATION"}


def _named_in_sentence(view: SentenceView, subject: str | None) -> str | None:
    """The company a sentence names for its figures: the article's subject when named, else the
    last company named before its first funding word ("Paris-based Nebula Health raised ...").
    None when the sentence refers back instead (« La société a levé », "It raised") or names none."""
    if subject is not None and any(_is_subject(n.text, subject) or _holds(n.text, subject) for n in view.names):
        return subject
    if _refers_back_at_start(view):
        return None
    cue_at = min((c.start for c in view.cues if c.label in _ROUND_CUES), default=None)
    if cue_at is None:
        return None
    investing = _investing_doers(view, view.language)
    before = [n for n in _sentence_companies(view, subject) if n.end <= cue_at and n.start not in investing]
    return before[-1].text.strip() if before else None


def _holds(text: str, subject: str) -> bool:
    """A longer name holding the subject's words (a title-case line: "Fonds de Figure AI")."""
    return re.search(rf"\b{re.escape(name_key(subject))}\b", name_key(text)) is not None


def _refers_back_at_start(view: SentenceView) -> bool:
    """A sentence whose company is a pronoun, a possessive or an unnamed description before its
    funding word and any name (« Elle a levé », « Ce constructeur franco-allemand a obtenu »,
    "SoftBank had participated in its $2m seed round")."""
    described = [start for start, _, _ in _described_names(view)]
    match = next((m for m in _anaphor_pattern().finditer(view.text)
                  if not any(view.start + m.start() <= d < view.start + m.end() for d in described)), None)
    if match is None:  # « La startup Cooptalis signe ... » names its company
        return False
    at = view.start + match.start()
    cue_at = min((c.start for c in view.cues if c.label in _ROUND_CUES), default=view.end)
    return at < cue_at and not any(n.start < cue_at for n in _sentence_companies(view, None))


#: Sentences back (ordinals) that the deal told may lie for a sentence that refers back to it.
REFERENCE_REACH = 2


def _resolve_references(views: list[SentenceView], funding: list[Figure], unnamed: list[Figure],
                        subject: str | None, roundup: bool) -> None:
    """A small discourse step: each figure whose sentence names no company takes the company of
    the deal told in the sentences just before (« Le plus gros tour a été conclu par The
    Exploration Company. Ce constructeur franco-allemand a obtenu 150 millions »); without one,
    the article's subject (in a roundup, the subject only when no deal came before)."""
    pending = {id(f) for f in unnamed}
    by_view: dict[int, list[Figure]] = {}
    for fig in funding:
        by_view.setdefault(id(fig.sentence), []).append(fig)
    told: list[tuple[int, int, str]] = []  # (sentence ordinal, paragraph, company) of the deals told so far
    surnames = frozenset(name_key(n.text.split()[-1]) for v in views for n in v.names if _full_person(n))
    for view in sorted(views, key=lambda v: v.index):
        figs = sorted(by_view.get(id(view), []), key=lambda f: f.mention.start)
        for fig in figs:
            if id(fig) not in pending:
                continue
            recent = [c for index, _, c in told if view.index - REFERENCE_REACH <= index < view.index]
            before_in_sentence = [f.company for f in figs if f.mention.start < fig.mention.start and f.company
                                  and id(f) not in pending]
            if before_in_sentence:
                fig.company = before_in_sentence[-1]
            elif recent:
                fig.company = recent[-1]
            elif roundup and told and told[-1][1] == view.paragraph:
                fig.company = told[-1][2]
            else:
                fig.company = subject
            fig.company_by = "sentence"
        focus = _focus(view, figs, subject, surnames)
        if focus == _CARRY:
            focus = told[-1][2] if told and view.index - told[-1][0] <= REFERENCE_REACH else None
        if focus is not None:
            told.append((view.index, view.paragraph, focus))


def _focus(view: SentenceView, figs: list[Figure], subject: str | None,
           surnames: frozenset[str] = frozenset()) -> str | None:
    """The company a sentence tells a deal of, or is about: its figures' company, else the
    company named before its funding word, else the name in subject position (before its first
    verb: « De son côté OpenAI s'appuie sur ... ») or after a naming verb (« s'appelle Pigment »)."""
    owned = [f.company for f in figs if f.company and f.role in {"round", "valuation", "investment"}]
    if owned:
        return owned[-1]
    described = [n for _, _, n in _described_names(view) if _company_candidate(view, n)]
    if described:  # "Sequoia earlier co-invested ... in seed funding agricultural commodities trading platform Bijak"
        return subject if _is_subject(described[0].text, subject) else described[0].text.strip()
    if any(c.label in {"ROUND", "VALUATION"} for c in view.cues):
        named = _named_in_sentence(view, subject)
        if named is not None:
            return named
        for name in _sentence_companies_with_subject(view, subject):  # « ... a été conclu par The Exploration Company »
            if _agent_before().search(view.text[:name.start - view.start]):
                return subject if _is_subject(name.text, subject) else name.text.strip()
        return None
    if any(c.label in {"INVEST", "PARTICIPANTS"} for c in view.cues):
        return None  # its investors' sentence goes on with the deal told before
    return _topic(view, subject, surnames)


#: The agent of a passive round ("conclu par", "led by" is an investor's: not a round cue).
@cache
def _agent_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){words_of('agent_prepositions')}\s+(?:{words_of('determiners')}\s*)?"
                      r"(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


@cache
def _naming_verb() -> re.Pattern[str]:
    return re.compile(rf"{words_of('naming_verbs')}\s+$", re.IGNORECASE)


def _topic(view: SentenceView, subject: str | None, surnames: frozenset[str] = frozenset()) -> str | None:
    """The name in subject position: the last one before the first verb that follows a name
    (« Réputée pour son approche ..., Mistral s'est imposée »), or one after a naming verb."""
    p = view.parse
    names = [n for n in _sentence_companies_with_subject(view, subject) if name_key(n.text) not in surnames]
    # ("Pollak previously told Globes": a person named in full before is no company)
    named = next((n for n in names if _naming_verb().search(view.text[:n.start - view.start])), None)
    if named is None and names:
        verb = next((p.starts[k] for k in range(len(p.starts)) if p.pos[k] in {"VERB", "AUX"}
                     and p.starts[k] >= names[0].end), None)
        before = [n for n in names if verb is not None and n.end <= verb]
        named = before[-1] if before else None
    if named is None and _refers_back_at_start(view):
        return _CARRY  # « Créée en 2010, cette plateforme met en relation ... »: still the company before
    if named is None and len({name_key(n.text) for n in names}) == 1:
        named = names[0]  # « ... à l'image de Back Market. », "with names like RapidDeploy"
    if named is None:
        return None
    return subject if _is_subject(named.text, subject) else named.text.strip()


#: What a sentence that refers back tells of: the company told before it, still.
_CARRY = "\x00carry"


def _sentence_companies_with_subject(view: SentenceView, subject: str | None) -> list[Name]:
    return [n for n in view.names if n.canonical is None and _company_candidate(view, n)]

