"""Compact lemma tables: the rule lemmatizer's lookups held in arrays, not Python dictionaries.

spaCy's French rule lemmatizer (``fr_core_news_md``) loads four lookup tables as Python objects:
217,000 word -> lemma entries, 180,000 exceptions, and per part of speech an index of known
lemmas kept as a *list* that every unseen word scans (``string in index``). Held like that they
cost about 140 MB of the process and a linear scan per new word. ``compact_lemmatizer`` swaps
them, in place, for tables of the same content: sorted 64-bit string hashes beside row numbers
into one tuple of distinct lemma lists, and the indexes as frozensets. The lemmatizer's own code
reads them unchanged (``get``, ``in``, ``[]``), so every lemma stays the same.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.strings import get_string_id

#: Tables of word -> lemmas (spaCy keys them by string hash) and of part of speech -> such a table.
WORD_TABLES = ("lemma_lookup",)
POS_WORD_TABLES = ("lemma_exc",)
#: Tables of part of speech -> the known lemmas of that part of speech (membership only).
POS_INDEX_TABLES = ("lemma_index",)


class HashedLemmas(Mapping[Any, list[str]]):
    """A read-only map word -> lemmas keyed by spaCy string hash: sorted ``uint64`` keys, one
    ``uint32`` row per key into a tuple of distinct lemma lists. Looking up a word (a ``str`` or
    its hash) is a binary search; each answer is a fresh list, so a caller may change it."""

    def __init__(self, items: Iterable[tuple[int, Iterable[str]]]) -> None:
        rows: dict[tuple[str, ...], int] = {}
        pairs = sorted((int(key), rows.setdefault(tuple(value), len(rows))) for key, value in items)
        self._keys = np.fromiter((key for key, _ in pairs), dtype=np.uint64, count=len(pairs))
        self._rows = np.fromiter((row for _, row in pairs), dtype=np.uint32, count=len(pairs))
        self._values: tuple[tuple[str, ...], ...] = tuple(rows)

    def _row(self, key: object) -> int | None:
        if isinstance(key, str):
            key = get_string_id(key)
        if not isinstance(key, (int, np.integer)) or not 0 <= int(key) < 2**64:
            return None
        wanted = np.uint64(int(key))
        at = int(np.searchsorted(self._keys, wanted))
        if at < len(self._keys) and self._keys[at] == wanted:
            return int(self._rows[at])
        return None

    def __getitem__(self, key: object) -> list[str]:
        row = self._row(key)
        if row is None:
            raise KeyError(key)
        return list(self._values[row])

    def __contains__(self, key: object) -> bool:
        return self._row(key) is not None

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _by_pos(table: Mapping[Any, Any], make: Any) -> dict[Any, Any]:
    """A table keyed by part of speech, each value rebuilt by ``make``; spaCy's ``Table`` keys by
    string hash, so each part of speech is stored under its hash, as the lemmatizer asks for it."""
    return {key: make(value) for key, value in table.items()}


def _hashed(mapping: Mapping[Any, Any]) -> HashedLemmas:
    return HashedLemmas((get_string_id(key) if isinstance(key, str) else key,
                         [value] if isinstance(value, str) else value) for key, value in mapping.items())


class _PosTable(dict):  # type: ignore[type-arg]
    """Part of speech -> its table, looked up by the name ("noun") or its hash, as spaCy's ``Table``."""

    def get(self, key: Any, default: Any = None) -> Any:
        return super().get(get_string_id(key) if isinstance(key, str) else key, default)

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(get_string_id(key) if isinstance(key, str) else key)

    def __contains__(self, key: object) -> bool:
        return super().__contains__(get_string_id(key) if isinstance(key, str) else key)


def compact_lemmatizer(nlp: Language) -> None:
    """Swap the lookup tables of ``nlp``'s rule lemmatizer, if it has one, for compact ones of the
    same content (the pipeline is changed in place; its lemmas are not)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    tables = lookups._tables  # spaCy's Lookups keeps its tables by name in this dict
    for name in WORD_TABLES:
        if name in tables:
            tables[name] = _hashed(tables[name])
    for name in POS_WORD_TABLES:
        if name in tables:
            tables[name] = _PosTable(_by_pos(tables[name], _hashed))
    for name in POS_INDEX_TABLES:
        if name in tables:
            tables[name] = _PosTable(_by_pos(tables[name], frozenset))


def release_freed_memory() -> None:
    """Collect garbage and hand the C heap's free pages back to the system (glibc's ``malloc_trim``),
    so the lookups freed by ``compact_lemmatizer`` leave the process's resident memory; nothing
    where the C library has no such call."""
    gc.collect()
    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is not None:
        trim(0)
