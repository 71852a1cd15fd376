"""Who invested in a round, and who led it, from the cues, lists and parse of its sentences."""

from __future__ import annotations

import re

from analysis.extract.drafts import Figure
from analysis.extract.grammar import _conjuncts, _governing_verb, _round_noun
from analysis.extract.names import _company_name, _full_person, _is_subject, _known_investor, _source_name
from analysis.extract.sentences import Cue, SentenceView
from analysis.extract.vocabulary import (
    _LIST_SPLIT,
    _NAME_BEFORE_LEAD,
    _OTHER_LABELS,
    _grammar,
    _unique,
    canonical_investor,
)

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
