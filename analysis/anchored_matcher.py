"""A token-pattern matcher that runs a pattern only on the Docs that hold the words it requires.

spaCy's ``Matcher`` tries every pattern at every token: with the cue rulers' hundred-odd token
patterns that costs about as much as the parser on the sentences Levée analyses. Yet nearly every
pattern names, at a token it cannot skip, the word or the lemma it needs (« mené par »: the token
``par``; a lead verb: the lemma ``mener``), and most sentences hold none of a given pattern's words.

``AnchoredMatcher`` offers what ``SpanRuler`` asks of its ``matcher`` (``add``, ``remove``,
``len``, calling it on a Doc for ``(match_id, start, end)`` triples) and keeps one spaCy
``Matcher`` per pattern beside the pattern's *requirements*: for each token the pattern cannot
skip (no ``OP``, or ``"+"``), the ``LOWER`` / ``LEMMA`` / ``ORTH`` values it accepts (a string or
an ``IN`` list) and the ``REGEX`` its ``LOWER`` must match. On a Doc it reads the token attributes
once, indexes the patterns by their most selective requirement, checks a candidate's other
requirements, and runs only the patterns whose every requirement the Doc holds. A pattern that
cannot match is never run, and one that can is run by spaCy's own ``Matcher``: the matches are the
same as a single ``Matcher`` holding every pattern would find (a test compares both on real text).
(The models' attribute rulers are left as they are: their patterns name parts of speech and tags,
which most sentences hold, so running them one by one costs more than one ``Matcher`` pass.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Token attributes whose values a requirement may name (``TEXT`` is ``ORTH``).
ANCHOR_ATTRS = ("LOWER", "LEMMA", "ORTH")
#: Operators under which a pattern token must be present at least once.
REQUIRED_OPS = (None, "+")


@dataclass(frozen=True)
class Requirement:
    """A Doc must hold a token whose ``attr`` is one of ``values`` (string hashes) or, when
    ``regex`` is set, whose lower-case form it matches (spaCy's ``REGEX``: a search)."""

    attr: str
    values: frozenset[int] | None = None
    regex: re.Pattern[str] | None = None
    #: The accepted words themselves (to rank requirements: fewer, longer words are rarer).
    words: tuple[str, ...] = ()


def requirements(pattern: Sequence[Mapping[str, Any]], vocab: Vocab) -> list[Requirement]:
    """What a Doc must hold for ``pattern`` to match: one requirement per token the pattern cannot
    skip and per attribute of that token that names values (``LOWER``/``LEMMA``/``ORTH`` as a
    string or an ``IN`` list, ``LOWER`` as a ``REGEX``). Other attributes and operators add none."""
    found = []
    for token in pattern:
        if token.get("OP") not in REQUIRED_OPS:
            continue
        for key, value in token.items():
            attr = "ORTH" if key.upper() == "TEXT" else key.upper()
            if attr not in ANCHOR_ATTRS:
                continue
            words: tuple[str, ...] | None = None
            if isinstance(value, str):
                words = (value,)
            elif isinstance(value, Mapping) and isinstance(value.get("IN"), list):
                words = tuple(str(v) for v in value["IN"])
            elif isinstance(value, Mapping) and attr == "LOWER" and isinstance(value.get("REGEX"), str):
                found.append(Requirement(attr, regex=re.compile(value["REGEX"])))
            if words:
                found.append(Requirement(attr, frozenset(vocab.strings.add(w) for w in words), words=words))
    return found


def _selectivity(requirement: Requirement) -> tuple[int, int]:
    """Sort key of requirements, the most selective first: fewer accepted words, then longer ones."""
    return len(requirement.words), -min(len(w) for w in requirement.words)


class AnchoredMatcher:
    """spaCy ``Matcher`` patterns, each run only on the Docs holding what it requires (see the
    module's docstring). A drop-in ``matcher`` for ``SpanRuler``."""

    def __init__(self, vocab: Vocab, validate: bool = False, fuzzy_compare: Any = None) -> None:
        self.vocab, self.validate, self.fuzzy_compare = vocab, validate, fuzzy_compare
        self._matchers: list[Matcher | None] = []
        self._keys: list[str] = []
        self._needs: list[list[Requirement]] = []
        #: Patterns with no value requirement (run on every Doc their regexes allow).
        self._unanchored: list[int] = []
        #: attribute -> value hash -> the patterns whose most selective requirement accepts it.
        self._index: dict[str, dict[int, list[int]]] = {attr: {} for attr in ANCHOR_ATTRS}

    def add(self, key: str, patterns: Iterable[Sequence[Mapping[str, Any]]], **kwargs: Any) -> None:
        """Add ``patterns`` under ``key`` (as ``Matcher.add``)."""
        for pattern in patterns:
            extra = {} if self.fuzzy_compare is None else {"fuzzy_compare": self.fuzzy_compare}
            matcher = Matcher(self.vocab, validate=self.validate, **extra)
            matcher.add(key, [list(pattern)], **kwargs)
            number = len(self._matchers)
            self._matchers.append(matcher)
            self._keys.append(key)
            needs = requirements(pattern, self.vocab)
            self._needs.append(needs)
            by_value = [n for n in needs if n.values is not None]
            if not by_value:
                self._unanchored.append(number)
                continue
            anchor = min(by_value, key=_selectivity)
            for value in anchor.values or ():
                self._index[anchor.attr].setdefault(value, []).append(number)

    def remove(self, key: str) -> None:
        """Remove every pattern added under ``key`` (as ``Matcher.remove``)."""
        if key not in self._keys:
            raise ValueError(f"no pattern under {key!r}")
        for number, added in enumerate(self._keys):
            if added == key:
                self._matchers[number] = None

    def __len__(self) -> int:
        return len(set(key for key, m in zip(self._keys, self._matchers, strict=True) if m is not None))

    def __contains__(self, key: str) -> bool:
        return any(k == key and m is not None for k, m in zip(self._keys, self._matchers, strict=True))

    def __call__(self, doc: Doc, **kwargs: Any) -> list[Any]:
        """The ``(match_id, start, end)`` matches of every pattern in ``doc``, each once (patterns in the
        order they were added; ``SpanRuler`` sorts them)."""
        table = doc.to_array(list(ANCHOR_ATTRS))
        held = {attr: set(table[:, i].tolist()) for i, attr in enumerate(ANCHOR_ATTRS)}
        candidates = set(self._unanchored)
        for attr, index in self._index.items():
            for value in held[attr] & index.keys():
                candidates.update(index[value])
        lowers: list[str] | None = None
        found: dict[Any, None] = {}  # a key's match found by two of its patterns once, as the Matcher gives it
        for number in sorted(candidates):
            matcher = self._matchers[number]
            if matcher is None:
                continue
            runs = True
            for need in self._needs[number]:
                if need.values is not None:
                    runs = not need.values.isdisjoint(held[need.attr])
                elif need.regex is not None:
                    if lowers is None:
                        lowers = [token.lower_ for token in doc]
                    runs = any(need.regex.search(word) for word in lowers)
                if not runs:
                    break
            if runs:
                found.update(dict.fromkeys(matcher(doc, **kwargs)))
        return list(found)
