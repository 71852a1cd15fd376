"""Date phrases: find absolute and relative dates in French/English text and resolve them.

One job: turn "le 9 septembre 2025", "en décembre 2023", "en février dernier", "l'an
dernier", "mardi", "il y a six mois" or "December last year" into a date (the first day
of the period) and a precision (day / month / year), against the publication date of
the article. Month and weekday names, prepositions and relative expressions come from
``patterns/date_lexicon.json``; this module compiles them and applies the rules below.

Resolution rules
----------------
* Absolute dates (with a year) need no publication date. ``date`` is the first day of
  the period: "fin décembre 2023" -> 2023-12-01 (month), "en 2024" -> 2024-01-01 (year).
* A month without a year ("en juin", "In December", "fin juin") is the most recent such
  month on or before the publication month: articles report past events, so "en juin"
  in an article of May 2024 is June 2023. This is the year-ambiguity rule; only an
  explicit marker reads forward ("juin prochain", "next June"). A day and month without
  a year ("le 9 septembre") follow the same rule at day level.
* "février dernier" / "last February": the most recent such month strictly before the
  publication month (published in February -> February of the previous year).
  "décembre de l'année dernière" / "December last year": December of the previous year.
* A weekday ("mardi", "ce jeudi", "on Tuesday") is the most recent such day on or before
  the publication date; "mardi dernier" / "last Tuesday" is strictly before, "mardi
  prochain" / "next Tuesday" strictly after.
* Relative phrases: "hier", "aujourd'hui", "la semaine dernière" (publication - 7 days,
  day precision), "le mois dernier", "l'an dernier", "il y a six mois", "two years ago",
  "dans 18 mois"; precision is the unit's (week -> day).
* Without a publication date every relative phrase is returned with ``date`` and
  ``precision`` None. When the publication date is coarser than the phrase needs:
  day-level phrases (weekday, hier, la semaine dernière, il y a N jours) degrade to the
  publication month (precision "month"), or to its year when only the year is known;
  month-level phrases that count from the publication month ("février dernier", "le mois
  dernier", "il y a six mois") are unresolved when only the publication year is known,
  while "en juin" then assumes the publication year.
* False positives avoided: month names only count with a year, a day number, a
  preposition/modifier ("en", "fin", "in", "early"...) or a relative marker, so "Mars"
  the planet or "Le Chat" never match; English "may"/"march" must be capitalised and
  "May 3" (no year) is not read; a year followed by a unit ("2000 euros") is not a year.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.model import DateMention

__all__ = ["find_dates", "may_hold_date", "resolve_date"]

LEXICON_PATH = Path(__file__).parent / "patterns" / "date_lexicon.json"

_H = r"[^\S\r\n]"
_SP = _H + "+"
_APOS = "['’‘ʼ]"
_PRECISIONS = ("day", "month", "year")


# --------------------------------------------------------------------------- lexicon


def _literal(text: str) -> str:
    """Regex for a lexicon entry: spaces -> runs of spaces, apostrophes -> any apostrophe,
    trailing "-" -> hyphen or spaces, trailing " de" -> "de " or elided "d'"."""
    if text.endswith(" de"):
        return _literal(text[:-3]) + _SP + r"(?:de" + _SP + r"|d" + _APOS + _H + r"*)"
    if text.endswith("-") and len(text) > 1:
        return _literal(text[:-1]) + r"(?:-|" + _SP + r")"
    out: list[str] = []
    for ch in text:
        if ch == " ":
            out.append(_SP)
        elif ch in "'’":
            out.append(_APOS)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alt(entries: list[str]) -> str:
    unique = sorted(set(entries), key=lambda s: (-len(s), s))
    return "|".join(_literal(e) for e in unique)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(_APOS, "'", text)).strip().lower()


@dataclass(frozen=True)
class _Reading:
    """A resolved phrase: ``date`` None means "a date, but not resolvable here"."""

    date: dt.date | None
    precision: str | None


_Handler = Callable[[re.Match[str], "_Context"], _Reading | None]


@dataclass(frozen=True)
class _Context:
    published: dt.date | None
    precision: str  # precision of ``published`` (day when unknown)
    language: str | None
    lex: _Lexicon


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    abbreviations: frozenset[str]
    capitalised_only: frozenset[str]
    month_day_excluded: frozenset[str]
    strict_months: frozenset[str]
    strict_month_heads: frozenset[str]
    weekdays: dict[str, int]
    month_year_relatives: dict[str, int]
    before_words: frozenset[str]
    after_words: frozenset[str]
    relative: dict[str, tuple[str, int]]
    shift_units: dict[str, str]
    small_numbers: dict[str, int]
    patterns: tuple[tuple[re.Pattern[str], _Handler], ...]
    #: For each pattern, a regex that every text it matches holds (a month name), or None: a text
    #: without it is not scanned by that pattern.
    prerequisites: tuple[re.Pattern[str] | None, ...] = ()


@functools.cache
def _lexicon() -> _Lexicon:
    """Load date_lexicon.json once and compile one regex per phrase shape."""
    data: dict[str, Any] = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))

    months: dict[str, int] = {}
    abbreviations: set[str] = set()
    full_names: list[str] = []
    for number, names in data["months"].items():
        for name in names["fr"] + names["en"]:
            months[name.lower()] = int(number)
            full_names.append(name)
        for name in names["abbr"]:
            months[name.lower()] = int(number)
            abbreviations.add(name.lower())
    weekdays = {name.lower(): int(n) for n, names in data["weekdays"].items() for name in names}

    month_year_relatives = {
        _key(p): int(off) for off, phrases in data["month_year_relatives"].items() for p in phrases
    }
    before = data["month_before"]["prefix"] + data["month_before"]["suffix"]
    before += data["weekday_before"]["prefix"] + data["weekday_before"]["suffix"]
    after = data["month_after"]["prefix"] + data["month_after"]["suffix"]
    after += data["weekday_after"]["prefix"] + data["weekday_after"]["suffix"]
    relative = {_key(p): (r["unit"], int(r["offset"])) for r in data["relative"] for p in r["phrases"]}
    shift_units = {_key(w): unit for unit, words in data["shift_units"].items() for w in words}

    # building blocks ---------------------------------------------------------------
    abbr_alt = _alt(sorted({a for n in data["months"].values() for a in n["abbr"]}))

    def month(name: str) -> str:
        return (
            r"(?<!\w)(?P<" + name + r">(?i:" + _alt(full_names) + r")(?!\w)"
            r"|(?i:" + abbr_alt + r")(?:\.|(?!\w)))"
        )

    blockers = _alt(data["year_blockers"])
    year = (
        r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?!\d|[.,]\d)"
        r"(?!" + _H + r"*(?:" + blockers + r")(?!\w))"
    )
    ordinal = _alt(data["day_ordinal_suffixes"])
    day = r"(?<![\w.,])(?P<day>3[01]|[12]\d|0?[1-9])(?:" + ordinal + r")?(?!\w)"
    weekday = r"(?<!\w)(?P<wd>" + _alt(list(weekdays)) + r")(?!\w)"
    lead = r"(?:(?:" + _alt(data["day_leads"]) + r")" + _SP + r")?"
    prep = r"(?:" + _alt(data["prepositions"]) + r")"
    mod = r"(?:" + "|".join(
        _literal(m) if m.endswith(("-", " de")) else _literal(m) + _SP
        for m in sorted(set(data["modifiers"]), key=lambda s: (-len(s), s))
    ) + r")"
    head = r"(?<!\w)(?:" + prep + _SP + r"(?:" + mod + r")?|" + mod + r")"
    opt_head = r"(?:" + head + r")?"
    wd_lead = r"(?:" + weekday + r",?" + _SP + r")?"
    yrel = r"(?P<yrel>" + _alt(list(data["month_year_relatives"]["-1"] + data["month_year_relatives"]["0"]
                                    + data["month_year_relatives"]["1"])) + r")(?!\w)"
    bsuf = _alt(data["month_before"]["suffix"] + data["weekday_before"]["suffix"])
    asuf = _alt(data["month_after"]["suffix"] + data["weekday_after"]["suffix"])
    rel_suffix = r"(?:" + _SP + r"(?P<rel>" + bsuf + "|" + asuf + r")(?!\w))?"
    pre_words = _alt(data["month_before"]["prefix"] + data["month_after"]["prefix"])
    times = r"(?:" + _SP + r"(?:" + _alt(data["times_of_day"]) + r")(?!\w))?"
    numbers = r"(?P<n>\d{1,3}|" + _alt(list(data["small_numbers"])) + r")"
    units = r"(?P<unit>" + _alt(list(shift_units)) + r")(?!\w)"

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    patterns: list[tuple[re.Pattern[str], _Handler]] = [
        (rx(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])"), _iso),
        (rx(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2})"
            r"(?![\d/]|\.\d)"), _numeric),
        (rx(r"(?<!\w)" + lead + wd_lead + day + _SP + r"(?:of" + _SP + r")?" + month("month")
            + r"(?:,?" + _SP + r")" + year), _day_month_year),
        (rx(r"(?<!\w)(?:on" + _SP + r")?" + wd_lead + month("month") + _SP + day + r",?" + _SP + year),
         _day_month_year),
        (rx(r"(?<!\w)" + lead + wd_lead + day + _SP + r"(?:of" + _SP + r")?" + month("month")
            + rel_suffix), _day_month),
        (rx(r"(?<!\w)(?:on" + _SP + r")?" + wd_lead + month("month") + _SP + day + r"(?![\d,])"),
         _month_day),
        (rx(opt_head + month("month") + r"(?:,?" + _SP + r"|" + _SP + r"(?:de|of)" + _SP + r")"
            + year), _month_year),
        (rx(opt_head + month("month") + _SP + yrel), _month_relative_year),
        (rx(opt_head + month("month") + _SP + r"(?P<rel>" + bsuf + "|" + asuf + r")(?!\w)"),
         _month_relative),
        (rx(r"(?<!\w)(?:" + prep + _SP + r")?(?P<pre>" + pre_words + r")" + _SP + month("month")),
         _month_relative),
        (rx(r"(?P<head>" + head + r")" + month("month")), _month_alone),
        (rx(head + year), _year_alone),
        (rx(r"(?<!\w)(?:(?P<pre>" + _alt(data["weekday_before"]["prefix"] + data["weekday_after"]["prefix"])
            + r")" + _SP + r"|(?:" + _alt(data["weekday_determiners"]) + r")" + _SP + r")?"
            + weekday + rel_suffix + times), _weekday),
        (rx(r"(?<!\w)(?P<phrase>" + _alt([p for r in data["relative"] for p in r["phrases"]]) + r")(?!\w)"),
         _relative),
        (rx(r"(?<!\w)(?P<past>" + _alt(data["shift_past_prefix"]) + r")" + _SP + numbers + _SP + units),
         _shift),
        (rx(r"(?<!\w)" + numbers + _SP + units + _SP + r"(?P<ago>" + _alt(data["shift_past_suffix"])
            + r")(?!\w)"), _shift),
        (rx(r"(?<!\w)(?P<future>" + _alt(data["shift_future_prefix"]) + r")" + _SP + numbers + _SP + units),
         _shift),
    ]

    # the patterns that hold month("month") without an operator around it need a month name
    month_name = rx(month("month"))
    month_handlers = {_day_month_year, _day_month, _month_day, _month_year, _month_relative_year,
                      _month_relative, _month_alone}
    prerequisites = tuple(month_name if handler in month_handlers else None for _, handler in patterns)

    return _Lexicon(
        months=months,
        abbreviations=frozenset(abbreviations),
        capitalised_only=frozenset(w.lower() for w in data["capitalised_only"]),
        month_day_excluded=frozenset(w.lower() for w in data["month_day_excluded"]),
        strict_months=frozenset(w.lower() for w in data["strict_months"]),
        strict_month_heads=frozenset(_key(w).rstrip("-") for w in data["strict_month_heads"]),
        weekdays=weekdays,
        month_year_relatives=month_year_relatives,
        before_words=frozenset(_key(w) for w in before),
        after_words=frozenset(_key(w) for w in after),
        relative=relative,
        shift_units=shift_units,
        small_numbers={k.lower(): int(v) for k, v in data["small_numbers"].items()},
        patterns=tuple(patterns),
        prerequisites=prerequisites,
    )


# --------------------------------------------------------------------------- calendar helpers


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def _month_start(year: int, month: int) -> dt.date | None:
    return _safe_date(year, month, 1) if dt.MINYEAR <= year <= dt.MAXYEAR else None


def _month_of(m: re.Match[str], ctx: _Context, group: str = "month") -> int | None:
    """Month number of the matched name, None when the name is a false positive."""
    token = m.group(group)
    has_dot = token.endswith(".")
    word = token.rstrip(".")
    low = word.lower()
    if low in ctx.lex.capitalised_only and not word[0].isupper():
        return None  # "may" the verb, "to march"
    # "sept" without dot is French "seven": abbreviations need a dot or a capital
    if low in ctx.lex.abbreviations and not has_dot and not word[0].isupper():
        return None
    return ctx.lex.months.get(low)


def _day_level(target: dt.date | None, ctx: _Context) -> _Reading:
    """A day computed from the publication day, degraded to the publication month/year
    when the publication day is unknown (see the module docstring)."""
    if ctx.published is None or target is None:
        return _Reading(None, None)
    if ctx.precision == "month":
        return _Reading(ctx.published.replace(day=1), "month")
    if ctx.precision == "year":
        return _Reading(dt.date(ctx.published.year, 1, 1), "year")
    return _Reading(target, "day")


def _month_level(shift: int, ctx: _Context) -> _Reading:
    """The publication month shifted by ``shift`` months (needs the publication month)."""
    if ctx.published is None or ctx.precision == "year":
        return _Reading(None, None)
    y, mo = _add_months(ctx.published.year, ctx.published.month, shift)
    start = _month_start(y, mo)
    return _Reading(start, "month" if start else None)


def _year_level(shift: int, ctx: _Context) -> _Reading:
    if ctx.published is None:
        return _Reading(None, None)
    start = _month_start(ctx.published.year + shift, 1)
    return _Reading(start, "year" if start else None)


def _year_for_month(month: int, mode: str, ctx: _Context) -> int | None:
    """Year of a month named without a year. ``mode``: on_or_before (the year-ambiguity
    rule: most recent such month on or before the publication month), before (strictly
    before) or after (strictly after)."""
    pub = ctx.published
    if pub is None:
        return None
    if ctx.precision == "year":
        return pub.year if mode == "on_or_before" else None
    if mode == "before":
        return pub.year if month < pub.month else pub.year - 1
    if mode == "after":
        return pub.year if month > pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _mode(word: str | None, ctx: _Context) -> str:
    if word is None:
        return "on_or_before"
    key = _key(word)
    if key in ctx.lex.before_words:
        return "before"
    if key in ctx.lex.after_words:
        return "after"
    return "on_or_before"


# --------------------------------------------------------------------------- handlers


def _iso(m: re.Match[str], ctx: _Context) -> _Reading | None:
    d = _safe_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    return _Reading(d, "day") if d else None


def _numeric(m: re.Match[str], ctx: _Context) -> _Reading | None:
    """dd/mm/yyyy (fr and unknown language) or mm/dd/yyyy (en); a part above 12 decides."""
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    day, month = (b, a) if ctx.language == "en" else (a, b)
    if month > 12 and day <= 12:
        day, month = month, day
    d = _safe_date(y, month, day)
    return _Reading(d, "day") if d else None


def _day_month_year(m: re.Match[str], ctx: _Context) -> _Reading | None:
    month = _month_of(m, ctx)
    if month is None:
        return None
    d = _safe_date(int(m.group("year")), month, int(m.group("day")))
    return _Reading(d, "day") if d else None


def _day_month(m: re.Match[str], ctx: _Context) -> _Reading | None:
    """"le 9 septembre", "9 September", "le 9 septembre dernier" (no year)."""
    month = _month_of(m, ctx)
    if month is None:
        return None
    return _resolve_day_month(month, int(m.group("day")), _mode(m.group("rel"), ctx), ctx)


def _month_day(m: re.Match[str], ctx: _Context) -> _Reading | None:
    """"September 9" (no year); never for the months of ``month_day_excluded`` (May 3)."""
    if m.group("month").rstrip(".").lower() in ctx.lex.month_day_excluded:
        return None
    month = _month_of(m, ctx)
    if month is None:
        return None
    return _resolve_day_month(month, int(m.group("day")), "on_or_before", ctx)


def _resolve_day_month(month: int, day: int, mode: str, ctx: _Context) -> _Reading | None:
    """Day and month without year: most recent on or before the publication date
    (strictly before with "dernier", strictly after with "prochain")."""
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February is valid
        return None
    pub = ctx.published
    if pub is None:
        return _Reading(None, None)
    if ctx.precision == "year":
        if mode != "on_or_before":
            return _Reading(None, None)
        return _Reading(_month_start(pub.year, month), "month")
    if ctx.precision == "month":
        year = _year_for_month(month, mode, ctx)
        d = _safe_date(year, month, day) if year is not None else None
        return _Reading(d, "day" if d else None)
    years = (pub.year - 1, pub.year, pub.year + 1) if mode == "after" else (pub.year + 1, pub.year, pub.year - 1)
    for year in years:
        d = _safe_date(year, month, day)
        if d is None:
            continue
        if (mode == "after" and d > pub) or (mode == "before" and d < pub) or (
            mode == "on_or_before" and d <= pub
        ):
            return _Reading(d, "day")
    # 29 February in a year without one: fall back a further leap cycle
    for year in range(pub.year - 2, pub.year - 9, -1):
        d = _safe_date(year, month, day)
        if d is not None and d < pub:
            return _Reading(d, "day")
    return _Reading(None, None)


def _month_year(m: re.Match[str], ctx: _Context) -> _Reading | None:
    month = _month_of(m, ctx)
    if month is None:
        return None
    start = _month_start(int(m.group("year")), month)
    return _Reading(start, "month") if start else None


def _month_relative_year(m: re.Match[str], ctx: _Context) -> _Reading | None:
    month = _month_of(m, ctx)
    if month is None:
        return None
    if ctx.published is None:
        return _Reading(None, None)
    offset = ctx.lex.month_year_relatives[_key(m.group("yrel"))]
    start = _month_start(ctx.published.year + offset, month)
    return _Reading(start, "month") if start else None


def _month_relative(m: re.Match[str], ctx: _Context) -> _Reading | None:
    month = _month_of(m, ctx)
    if month is None:
        return None
    groups = m.groupdict()
    mode = _mode(groups.get("rel") or groups.get("pre"), ctx)
    year = _year_for_month(month, mode, ctx)
    if year is None:
        return _Reading(None, None)
    start = _month_start(year, month)
    return _Reading(start, "month") if start else _Reading(None, None)


def _month_alone(m: re.Match[str], ctx: _Context) -> _Reading | None:
    """"en juin", "In December", "fin juin": year-ambiguity rule; a strict month (mars,
    May) needs one of ``strict_month_heads`` ("vers Mars" is the planet)."""
    name = m.group("month").rstrip(".").lower()
    if name in ctx.lex.strict_months:
        head = _key(m.group("head")).replace("- ", "-").rstrip("-")
        if head not in ctx.lex.strict_month_heads:
            return None
    return _month_relative(m, ctx)


def _year_alone(m: re.Match[str], ctx: _Context) -> _Reading | None:
    return _Reading(dt.date(int(m.group("year")), 1, 1), "year")


def _weekday(m: re.Match[str], ctx: _Context) -> _Reading | None:
    target_wd = ctx.lex.weekdays[m.group("wd").lower()]
    pub = ctx.published
    if pub is None:
        return _Reading(None, None)
    mode = _mode(m.group("rel") or m.group("pre"), ctx)
    if mode == "before":
        delta = -(((pub.weekday() - target_wd - 1) % 7) + 1)
    elif mode == "after":
        delta = ((target_wd - pub.weekday() - 1) % 7) + 1
    else:
        delta = -((pub.weekday() - target_wd) % 7)
    return _day_level(_shift_days(pub, delta), ctx)


def _shift_days(d: dt.date, days: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return None


def _by_unit(unit: str, offset: int, ctx: _Context) -> _Reading:
    if ctx.published is None:
        return _Reading(None, None)
    if unit == "day":
        return _day_level(_shift_days(ctx.published, offset), ctx)
    if unit == "week":
        return _day_level(_shift_days(ctx.published, 7 * offset), ctx)
    if unit == "month":
        return _month_level(offset, ctx)
    return _year_level(offset, ctx)


def _relative(m: re.Match[str], ctx: _Context) -> _Reading | None:
    unit, offset = ctx.lex.relative[_key(m.group("phrase"))]
    return _by_unit(unit, offset, ctx)


def _shift(m: re.Match[str], ctx: _Context) -> _Reading | None:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else ctx.lex.small_numbers.get(_key(raw))
    if n is None:
        return None
    unit = ctx.lex.shift_units[_key(m.group("unit"))]
    groups = m.groupdict()
    sign = 1 if groups.get("future") else -1
    return _by_unit(unit, sign * n, ctx)


# --------------------------------------------------------------------------- public API


#: Words of the lexicon's phrases that never make a date on their own.
_FUNCTION_WORDS = frozenset({"ce", "cet", "cette", "this", "that", "the", "la", "le", "les", "l", "de", "d", "du", "des",
                             "of", "qui", "vient", "past", "next", "coming", "last", "dernier", "dernière",
                             "prochain", "prochaine", "passé", "passée", "in", "en", "on"})
_WORDS = re.compile(r"[^\W\d_]+")


@functools.cache
def _date_anchors() -> frozenset[str]:
    """Words one of which (or a digit) every date phrase holds: month and weekday names,
    units (an, mois, week...), fixed relative words (hier, today...)."""
    lex = _lexicon()
    phrases = [*lex.months, *lex.weekdays, *lex.relative, *lex.shift_units, *lex.month_year_relatives]
    words = {w for phrase in phrases for w in _WORDS.findall(phrase.lower())}
    return frozenset(words - _FUNCTION_WORDS)


def is_weekday_name(word: str) -> bool:
    """Whether a word is a weekday's name in a language the lexicon knows ("Wednesday", « mardi »)."""
    return word.lower() in _lexicon().weekdays


def may_hold_date(text: str) -> bool:
    """A cheap test before the date patterns: a digit or an anchor word."""
    if any(map(str.isdigit, text)):  # str.isdigit per character, without a Python frame each
        return True
    anchors = _date_anchors()
    return any(w in anchors for w in _WORDS.findall(text.lower()))



def _context(language: str | None, published: dt.date | None, precision: str | None) -> _Context:
    if isinstance(published, dt.datetime):
        published = published.date()
    prec = precision if precision in _PRECISIONS else "day"
    lang = language.strip().lower()[:2] if language else None
    return _Context(published=published, precision=prec, language=lang, lex=_lexicon())


def find_dates(
    text: str,
    language: str | None,
    published: dt.date | None,
    published_precision: str | None = "day",
) -> list[DateMention]:
    """Every date phrase of ``text``, resolved against ``published``; sorted by start,
    non-overlapping (the longest phrase wins: "le 9 septembre 2025" over "2025").

    ``date`` is the first day of the period at ``precision``; both are None when the
    phrase is relative and cannot be resolved (no publication date, or one too coarse).
    ``language`` only orders numeric dates (fr dd/mm/yyyy, en mm/dd/yyyy).
    """
    if not text or not may_hold_date(text):
        return []
    ctx = _context(language, published, published_precision)
    candidates: list[tuple[int, int, _Reading]] = []
    held: dict[re.Pattern[str], bool] = {}  # whether the text holds each prerequisite, searched once
    for (pattern, handler), needed in zip(ctx.lex.patterns, ctx.lex.prerequisites, strict=True):
        if needed is not None:
            if needed not in held:
                held[needed] = needed.search(text) is not None
            if not held[needed]:
                continue
        for m in pattern.finditer(text):
            if m.end() <= m.start():
                continue
            reading = handler(m, ctx)
            if reading is not None:
                candidates.append((m.start(), m.end(), reading))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, _Reading]] = []
    for cand in candidates:
        if all(cand[1] <= s or cand[0] >= e for s, e, _ in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[0])
    return [
        DateMention(start=s, end=e, text=text[s:e], date=r.date, precision=r.precision)  # type: ignore[arg-type]
        for s, e, r in taken
    ]


def resolve_date(
    phrase: str,
    language: str | None,
    published: dt.date | None,
    published_precision: str | None = "day",
) -> tuple[dt.date | None, str | None]:
    """(date, precision) of one date phrase; (None, None) when it holds no date or cannot be
    resolved. When the phrase holds several date phrases, the longest one is read."""
    mentions = find_dates((phrase or "").strip(), language, published, published_precision)
    if not mentions:
        return None, None
    best = max(mentions, key=lambda mm: (mm.end - mm.start, -mm.start))
    return best.date, best.precision
