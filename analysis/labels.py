"""Round labels made comparable: one normaliser for consolidation, the evaluator and the views.

A label is stated many ways across languages and publishers: "Série A", "Series A round",
"series_a", « tour de table de série A », « levée de A »; "Amorçage" and "Seed"; "pre-seed".
``normalise_label`` folds them to one key ("series a", "seed", "pre seed") so two labels
compare equal when they name the same stage. A low-level tool: standard library only.
"""

from __future__ import annotations

import re
import unicodedata

#: Separators read as a space: "series_a", "serie-a", "Series A/B", "Series A."
_SEPARATORS = re.compile(r"[-_/.]+")
#: "serie" (French) and "series" are one word.
_SERIES = re.compile(r"\bseries?\b")
#: A stage letter introduced by another word than "series": "round B", "tour A", « levée de C ».
_STAGE_WITHOUT_SERIES = re.compile(r"^(?:round|tour|levee)\s+(?:de\s+)?(?=[a-h]\d?\b)")
#: Words that say "a funding round" without naming a stage: "Series A round", « tour de table ».
_FILLERS = re.compile(r"\b(?:round|tour de table|tour|de table|financing|funding)(?:\s+de)?\b")
_SEED = re.compile(r"\bamorcage\b")
_PRE_SEED = re.compile(r"\bpre ?seed\b")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Accents and case dropped: "Série" -> "serie", "Amorçage" -> "amorcage"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalise_label(label: str | None) -> str | None:
    """A comparable round label: "Série A" == "Series A round" == "series_a" == "round A" ->
    "series a"; "Amorçage" == "Seed" -> "seed"; "Pre-seed" -> "pre seed"; None or a label of
    filler words only ("round") -> None."""
    if label is None:
        return None
    text = _SPACES.sub(" ", _SEPARATORS.sub(" ", fold(str(label)))).strip()
    text = _STAGE_WITHOUT_SERIES.sub("series ", _SERIES.sub("series", text))
    text = _FILLERS.sub(" ", text)
    text = _PRE_SEED.sub("pre seed", _SEED.sub("seed", text))
    return _SPACES.sub(" ", text).strip() or None
