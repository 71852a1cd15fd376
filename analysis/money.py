"""Money phrases: find, parse and format amounts of money in French and English press text.

One job: turn phrases such as "1,7 milliard d'euros", "$2 billion", "1,3 Md€" or
"près de 385 millions" into :class:`~analysis.model.Money` values (and write a Money
back as a press-style phrase). Every word, symbol, scale and hedge comes from
``patterns/money_lexicon.json``; this module only turns that lexicon into regular
expressions and applies the reading rules below.

Reading rules
-------------
* A mention is ``[qualifier] [prefix currency] number [scale] [suffix currency]``.
* It is money only with a currency or a scale: "43 milliards" is money (currency None),
  "2024", "11 %" or "128 000 tokens" are not. A spelled-out number ("deux", "a", "un")
  needs a scale word ("deux milliards", "a billion", "plus d'un milliard").
* A number with a scale and no currency is not money when a counted noun follows
  ("1 million de téléchargements", "1 million downloads"), see ``non_money_nouns``.
* Single-letter scale abbreviations (k, M, m, B, b) need a currency ("€385M", "£50m").
* Numbers: spaces (also U+00A0 / U+202F) always group thousands; a separator followed
  by 1, 2 or 4+ digits is decimal; with several separators of one kind they group; with
  both kinds the last one is decimal. The only ambiguous shape, one "," or "." followed
  by exactly three digits, follows ``language`` (fr: "," decimal, "." grouping; en: the
  reverse); without a language it groups when there is no scale ("1,300 $" = 1300) and,
  next to a scale, follows the French/English hints of the phrase (otherwise decimal).
* Values are computed with :class:`~decimal.Decimal` (through Babel's ``parse_decimal``)
  and converted to float at the end, so "1,7 milliard" is exactly 1_700_000_000.0.
* "billion" is always 1e9 (French text writing "billion" quotes English); trillions are
  not supported and a number followed by one is dropped rather than misread.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal
from text_to_num import text2num

from analysis.model import Money, MoneyMention

__all__ = ["find_money", "format_amount", "format_money", "parse_amount"]

LEXICON_PATH = Path(__file__).parent / "patterns" / "money_lexicon.json"

_H = r"[^\S\r\n]"  # horizontal whitespace, including U+00A0 and U+202F
_APOS = "['’‘ʼ]"
_GROUP_SPACES = " \u00a0\u202f\u2009"
_LOCALES = {"fr": "fr_FR", "en": "en_US"}


# --------------------------------------------------------------------------- lexicon


def _literal(text: str) -> str:
    """Regex for a lexicon entry: spaces match any run of spaces, apostrophes any apostrophe."""
    out: list[str] = []
    for ch in text:
        if ch == " ":
            out.append(_H + "+")
        elif ch in "'’":
            out.append(_APOS)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternation(entries: list[str]) -> str:
    """Longest first, so that "US$" wins over "$" and "Mds" over "M"."""
    unique = sorted(set(entries), key=lambda s: (-len(s), s))
    return "|".join(_literal(e) for e in unique)


def _norm(text: str) -> str:
    """Key for the lookup tables: one space, straight apostrophe."""
    return re.sub(r"\s+", " ", re.sub(_APOS, "'", text)).strip()


def _norm_lang(language: str | None) -> str | None:
    if not language:
        return None
    code = language.strip().lower()[:2]
    return code if code in _LOCALES else None


@dataclass(frozen=True)
class _Lexicon:
    number_re: re.Pattern[str]
    scale_re: re.Pattern[str]
    unsupported_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    prefix_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]
    noun_after_re: re.Pattern[str]
    scale_words: dict[str, Decimal]
    scale_abbreviations: dict[str, Decimal]
    currency_bound_abbreviations: frozenset[str]
    prefixes: dict[str, str]
    suffixes: dict[str, str]
    currency_words: dict[str, str]
    one_words: frozenset[str]
    symbolic_words: frozenset[str]
    fractions: dict[str, Decimal]
    scale_half_re: re.Pattern[str]
    approximates: dict[str, Decimal]
    range_re: re.Pattern[str]
    raising_before_from: re.Pattern[str]
    respective_re: re.Pattern[str]
    sequence_before_re: re.Pattern[str]
    list_joiner_re: re.Pattern[str]
    own_determiners: frozenset[str]
    local_dollars: dict[str, str]
    french_local_dollars: dict[str, str]
    home_dollars: dict[str, str]
    home_places: dict[str, re.Pattern[str]]
    french_home_dollar_style: re.Pattern[str]
    own_dollar_stories: frozenset[str]
    us_dollar_press: tuple[str, ...]
    site_currencies: dict[str, str]
    non_money_nouns: frozenset[str]
    money_nouns: frozenset[str]
    function_words: frozenset[str]
    hints: dict[str, frozenset[str]]
    format: dict[str, Any]


@functools.cache
def _lexicon() -> _Lexicon:
    """Load money_lexicon.json once and compile its regexes."""
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))

    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    currency_words: dict[str, str] = {}
    for cur in data["currencies"]:
        for p in cur["prefix"]:
            prefixes.setdefault(_norm(p), cur["iso"])
        for s in cur["suffix"]:
            suffixes.setdefault(_norm(s), cur["iso"])
        for w in cur["words"]:
            currency_words.setdefault(_norm(w).lower(), cur["iso"])

    scale_words: dict[str, Decimal] = {}
    scale_abbreviations: dict[str, Decimal] = {}
    for scale in data["scales"]:
        value = Decimal(scale["value"])
        for w in scale["words"]:
            scale_words[w.lower()] = value
        for a in scale["abbreviations"]:
            scale_abbreviations[a] = value

    words = data["number_words"]
    fractions = {w.lower(): Decimal(v) for w, v in data["fraction_words"].items()}
    approximates = {w.lower(): Decimal(v) for w, v in data["approximate_words"].items()}
    number_words = _alternation(words["fr"] + words["en"] + list(fractions) + list(approximates))
    digits = (
        r"(?<![\d.,])(?:\d{1,3}(?:[" + _GROUP_SPACES + r"]\d{3})+(?!\d)(?:[.,]\d+)?"
        r"|\d(?:[\d.,]*\d)?)"
    )
    spelled = (
        r"(?<!\w)(?i:" + number_words + r")(?:(?:" + _H + r"+|-)(?:(?i:et)(?:" + _H + r"+|-))?"
        r"(?i:" + number_words + r"))*(?!\w)"
    )
    number_re = re.compile(f"(?P<digits>{digits})|(?P<words>{spelled})")

    iso_codes = "(?:" + _alternation([s for s in suffixes if re.fullmatch(r"[A-Z]{3}", s)]) + ")"
    short_codes = "(?:" + _alternation([s for s in suffixes if re.fullmatch(r"[A-Z]{2}", s)]) + ")"
    scale_re = re.compile(
        r"(?:" + _H + r"{0,3}|-)(?:(?i:de" + _H + r"+)?)(?:(?P<word>(?i:" + _alternation(list(scale_words)) + r"))(?!\w)"
        r"|(?P<abbr>" + _alternation(list(scale_abbreviations)) + r")(?:(?!\w)|(?=" + iso_codes + r"(?!\w))"
        r"|(?<=(?<![A-Za-z])[A-Za-z])(?=" + short_codes + r"(?!\w))))"
    )  # an abbreviation glued to an ISO code too: « 40 MCHF », "12 MUSD"; a one-letter one to a two-letter sign: « 3,9
    # MDH » (millions of dirhams), « 20 MDT »
    unsupported_re = re.compile(
        _H + r"{0,3}(?i:" + _alternation(data["unsupported_scales"]) + r")(?!\w)"
    )

    def lettered(token: str) -> str:
        lit = _literal(token)
        return (r"(?<![A-Za-z])" + lit) if token[:1].isalpha() else lit

    prefix_alt = "|".join(lettered(p) for p in sorted(prefixes, key=lambda s: (-len(s), s)))
    prefix_re = re.compile(r"(?P<cur>" + prefix_alt + r")(?:" + _H + r"?|-)$")  # "USD-80-million" too
    suffix_re = re.compile(
        r"(?:(?:" + _H + r"{0,2}|" + _H + r"{1,3}(?i:de)" + _H + r"+|" + _H + r"{1,3}(?i:d)" + _APOS + _H + r"*)(?P<sym>" + _alternation(list(suffixes)) + r")(?!\w)"
        r"|(?:" + _H + r"{1,3}(?P<conn>(?i:de)" + _H + r"+(?i:d)" + _APOS + _H + r"*"
        r"|(?i:de)" + _H + r"+|(?i:d)" + _APOS + _H + r"*|(?i:of)" + _H + r"+)?|-)"  # "a 15 million-euro injection"
        r"(?P<word>(?i:" + _alternation(list(currency_words)) + r"))(?!\w))"
    )

    qual_groups = []
    for key, entries in data["qualifiers"].items():
        alts = []
        for q in sorted(set(entries), key=lambda s: (-len(s), s)):
            if q.endswith(" de"):
                alts.append(
                    _literal(q[:-3]) + _H + r"+(?:de" + _H + r"+|d" + _APOS + _H + r"*)"
                )
            elif q.endswith("."):
                alts.append(_literal(q) + _H + r"*")
            else:
                alts.append(_literal(q) + _H + r"+")
        qual_groups.append(f"(?P<{key}>{'|'.join(alts)})")
    qualifier_re = re.compile(r"(?<!\w)(?:" + "|".join(qual_groups) + r")$", re.IGNORECASE)

    range_words = data["range"]
    word_joiners = _alternation([j for j in range_words["joiners"] if j.isalpha()])
    sign_joiners = "|".join(re.escape(j) for j in range_words["joiners"] if not j.isalpha())
    range_re = re.compile(
        r"(?:(?<!\w)(?i:" + _alternation(range_words["openers"]) + r")" + _H + r"+"
        r"(?:(?i:" + _alternation(data["qualifiers"]["about"]) + r")" + _H + r"+)?)?"  # "between about $75m and $100m"
        r"(?:(?P<cur>" + prefix_alt + r")" + _H + r"?)?"
        r"(?P<low>\d+(?:[.,]\d+)?)"
        r"(?:(?:" + _H + r"*|-)(?P<lowscale>" + _alternation(list(scale_words) + list(scale_abbreviations)) + r")(?!\w))?"
        r"(?:" + _H + r"*(?P<lowsuffix>" + _alternation(list(suffixes)) + r"))?"
        r"(?:" + _H + r"+(?P<word_joiner>(?i:" + word_joiners + r"))" + _H + r"+|" + _H + r"*(?:" + sign_joiners + r")"
        + _H + r"*)$"
    )

    noun_after_re = re.compile(
        _H + r"*(?:(?P<conn>(?i:de|des|of))" + _H + r"+|(?P<el>(?i:d))" + _APOS + _H + r"*)?"
        r"(?P<noun>[^\W\d_][\w-]*)"
    )

    return _Lexicon(
        number_re=number_re,
        scale_re=scale_re,
        unsupported_re=unsupported_re,
        suffix_re=suffix_re,
        prefix_re=prefix_re,
        qualifier_re=qualifier_re,
        noun_after_re=noun_after_re,
        scale_words=scale_words,
        scale_abbreviations=scale_abbreviations,
        currency_bound_abbreviations=frozenset(
            a for a in scale_abbreviations if len(a) == 1 or a in data["unit_like_abbreviations"]),
        prefixes=prefixes,
        suffixes=suffixes,
        currency_words=currency_words,
        one_words=frozenset(w.lower() for w in words["one"]),
        symbolic_words=frozenset(w.lower() for w in words["symbolic"]),
        fractions=fractions,
        scale_half_re=re.compile(_H + r"+(?i:" + _alternation(data["scale_halves"]) + r")(?!\w)"),
        approximates=approximates,
        range_re=range_re,
        raising_before_from=re.compile(r"(?<!\w)(?i:" + _alternation([*range_words["raising_before_from"],
                                                                      *range_words["approximate_before_from"]])
                                       + r")\s+(?i:from|de|d['’])\s*$"),
        respective_re=re.compile(r"(?<!\w)(?i:" + _alternation(data["respective"]) + r")(?!\w)"),
        sequence_before_re=re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s+(?i:" + _alternation(data["sequence"]) + r")\s+$"),
        own_determiners=frozenset(data["own_determiners"]),
        local_dollars=dict(data["local_dollars"]),
        french_local_dollars=dict(data["french_local_dollars"]),
        home_dollars=dict(data["home_dollars"]),
        home_places={iso: re.compile(r"(?<!\w)(?i:" + _alternation(words) + r")(?!\w)")
                     for iso, words in data["home_places"].items()},
        own_dollar_stories=frozenset(data["own_dollar_stories"]),
        us_dollar_press=tuple(data["us_dollar_press"]),
        french_home_dollar_style=re.compile(r"(?i:" + _alternation(data["french_home_dollar_style"]) + r")"),
        site_currencies=dict(data["site_currencies"]),
        list_joiner_re=re.compile(
            "|".join(_literal(j) if not j[:1].isalpha() else r"(?<!\w)(?i:" + _literal(j) + r")(?!\w)"
                     for j in sorted(data["list_joiners"], key=len, reverse=True))
        ),
        non_money_nouns=frozenset(w.lower() for w in data["non_money_nouns"]),
        money_nouns=frozenset(w.lower() for w in data["money_nouns"]),
        function_words=frozenset(w.lower() for w in data["function_words"]),
        hints={k: frozenset(v) for k, v in data["language_hints"].items()},
        format=data["format"],
    )


# --------------------------------------------------------------------------- numbers


def _babel(integer: str, fraction: str, lang: str) -> Decimal | None:
    """Decimal of an ungrouped number written with ``lang``'s decimal separator."""
    sep = "," if lang == "fr" else "."
    raw = integer + (sep + fraction if fraction else "")
    try:
        return parse_decimal(raw, locale=_LOCALES[lang], strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


def _grouped(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _parse_digits(raw: str, lang: str | None, has_scale: bool, hint: str | None) -> Decimal | None:
    """Read a digit string (see the module docstring for the separator rules)."""
    text = raw.translate({ord(c): " " for c in _GROUP_SPACES})
    if " " in text:
        m = re.fullmatch(r"(\d{1,3}(?: \d{3})+)(?:[.,](\d+))?", text)
        if not m:
            return None
        return _babel(m.group(1).replace(" ", ""), m.group(2) or "", lang or "fr")
    commas, dots = text.count(","), text.count(".")
    if not commas and not dots:
        return _babel(text, "", lang or "fr")
    if commas and dots:
        dec_sep = "," if text.rfind(",") > text.rfind(".") else "."
        group_sep = "." if dec_sep == "," else ","
        integer, _, fraction = text.rpartition(dec_sep)
        if dec_sep in integer or not _grouped(integer.split(group_sep)):
            return None
        return _babel(integer.replace(group_sep, ""), fraction, "fr" if dec_sep == "," else "en")
    sep = "," if commas else "."
    parts = text.split(sep)
    if len(parts) > 2:
        return _babel("".join(parts), "", "fr") if _grouped(parts) else None
    integer, fraction = parts
    decimal = sep == "," if lang == "fr" else sep == "." if lang == "en" else None
    if len(fraction) != 3 or len(integer) > 3:
        decimal = True
    elif decimal is None:
        if not has_scale:
            decimal = False
        elif hint is not None:
            decimal = sep == "," if hint == "fr" else sep == "."
        else:
            decimal = True
    if decimal:
        return _babel(integer, fraction, "fr" if sep == "," else "en")
    return _babel(integer + fraction, "", "fr")


def _parse_words(raw: str, lang: str | None, lex: _Lexicon) -> Decimal | None:
    """Read a spelled-out number ("deux", "vingt-cinq", "a hundred") with text2num; "half a",
    « demi », « quinzaine » from the lexicon."""
    one_words = lex.one_words
    tokens = re.split(r"[\s-]+", raw.lower().strip())
    for table in (lex.fractions, lex.approximates):
        found = [table[t] for t in tokens if t in table]
        if found:
            return found[0]
    if len(tokens) == 1 and tokens[0] in one_words:
        return Decimal(1)
    if len(tokens) > 1 and tokens[0] in one_words:
        tokens = tokens[1:]
    phrase = " ".join(tokens)
    for code in [lang] + [c for c in _LOCALES if c != lang]:
        if code is None:
            continue
        for candidate in (phrase, "-".join(tokens)):
            try:
                return Decimal(text2num(candidate, code))
            except (ValueError, TypeError):
                continue
    return None


# --------------------------------------------------------------------------- finding


def _phrase_hint(scale: str | None, conn: str | None, has_prefix: bool, lex: _Lexicon) -> str | None:
    """French or English, from the words around an ambiguous number (None: no clue)."""
    if scale is not None:
        for code in ("fr", "en"):
            if scale in lex.hints[code] or scale.lower() in lex.hints[code]:
                return code
    if conn:
        key = _norm(conn).lower()
        if key.startswith(("de", "d'")):
            return "fr"
        if key.startswith("of"):
            return "en"
    return "en" if has_prefix else None


#: How many more words after the first one a counted noun may stand ("six million new U.S. consumers").
COUNTED_NOUN_REACH = 2

_WORD_AFTER = re.compile(r"[ \t\u00a0\u202f]+(?P<w>[^\W\d_][\w.-]*)")


def _counted_noun_further(text: str, pos: int, lex: _Lexicon) -> bool:
    """A counted noun within ``COUNTED_NOUN_REACH`` words, with no money noun before it."""
    for _ in range(COUNTED_NOUN_REACH):
        m = _WORD_AFTER.match(text, pos)
        if not m:
            return False
        low = m.group("w").lower().rstrip(".")
        if low in lex.money_nouns:
            return False
        if low in lex.non_money_nouns:
            return True
        pos = m.end()
    return False


def _counted_noun_follows(text: str, pos: int, lex: _Lexicon) -> bool:
    """True when a counted noun follows a currency-less amount: "1 million de téléchargements"."""
    m = lex.noun_after_re.match(text, pos)
    if not m:
        return False
    noun = m.group("noun")
    low = noun.lower()
    if low in lex.non_money_nouns:
        return True
    if noun[0].islower() and low not in lex.money_nouns and _counted_noun_further(text, m.end(), lex):
        return True  # "six million new U.S. consumers": the counted noun after its modifiers
    connected = m.group("conn") is not None or m.group("el") is not None
    if not connected or not noun[0].islower():
        return False
    return low not in lex.money_nouns and low not in lex.function_words


def _mention_at(text: str, m: re.Match[str], lang: str | None, lex: _Lexicon) -> MoneyMention | None:
    """Build the mention around one number match, or None when it is not money."""
    start, end = m.span()
    spelled = m.group("words") is not None

    # scale
    scale_value: Decimal | None = None
    scale_token: str | None = None
    halved_end: int | None = None
    single_letter = False
    sm = lex.scale_re.match(text, end)
    approximate = spelled and m.group("words").lower().split()[-1] in lex.approximates
    if sm and re.match(r"\s*de\s", text[end:sm.end()], re.IGNORECASE) and not approximate:
        sm = None  # "de" before the scale only after an approximate count: « une quinzaine de millions »
    if sm and (sm.group("word") or not spelled):
        if sm.group("word"):
            scale_token = sm.group("word")
            scale_value = lex.scale_words[scale_token.lower()]
            if half := lex.scale_half_re.match(text, sm.end()):
                halved_end = half.end()  # « deux millions et demi d’euros »: half a million more
        else:
            scale_token = sm.group("abbr")
            scale_value = lex.scale_abbreviations[scale_token]
            single_letter = scale_token in lex.currency_bound_abbreviations  # "5 B", "3.2mm": money only with a currency
        end = halved_end or sm.end()
    else:
        if spelled:
            return None
        if lex.unsupported_re.match(text, end):
            return None
        if end < len(text) and (text[end].isalpha() or text[end] == "_"):
            return None  # 1er, H100, 2x
    if lex.unsupported_re.match(text, end):
        return None  # "mille milliards", "1 million trillion"

    # currency before the number
    currency: str | None = None
    cur_start = start
    pm: re.Match[str] | None = None
    if not spelled:
        pm = lex.prefix_re.search(text, max(0, start - 30), start)
        if pm:
            currency = lex.prefixes[_norm(pm.group("cur"))]
            cur_start = pm.start()
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] == "_") and cur_start == start:
            return None  # H100, A320: glued to a word that is not a currency (EUR10bn is fine)

    # currency after the number (or scale)
    conn: str | None = None
    fm = lex.suffix_re.match(text, end)
    if fm:
        if fm.group("sym"):
            iso = lex.suffixes[_norm(fm.group("sym"))]
        else:
            iso = lex.currency_words[_norm(fm.group("word")).lower()]
            conn = fm.group("conn")
        bare_dollar_named = (currency == "USD" and pm is not None and _norm(pm.group("cur")) == "$"
                             and iso in lex.local_dollars.values())  # "$1.35M CAD": the code names the dollar
        if currency is None or iso == currency or bare_dollar_named:
            currency = iso
            end = fm.end()

    if currency is None and not spelled:
        currency = _range_currency(text, start, lex)  # "$200-300 million": the lower bound's currency is the range's

    if currency is None:
        if scale_value is None or single_letter:
            return None
        if spelled and m.group("words").split()[0].lower() in lex.symbolic_words:
            return None  # « dépasse le milliard »: a mark, money only with its currency (« le milliard d'euros »)
        if spelled and scale_value == 1000:
            return None  # "deux mille" is a count or a year, not an amount
        if _counted_noun_follows(text, end, lex):
            return None

    # the number itself
    if spelled:
        number = _parse_words(m.group("words"), lang, lex)
    else:
        hint = _phrase_hint(scale_token, conn, cur_start < start, lex)
        number = _parse_digits(m.group("digits"), lang, scale_value is not None, hint)
    if number is None:
        return None
    if halved_end is not None:
        number += Decimal("0.5")
    amount = number * (scale_value if scale_value is not None else Decimal(1))
    if not math.isfinite(float(amount)):
        return None  # a run of hundreds of digits overflows a float: not an amount (and not JSON)

    # a range's lower bound, then a qualifier before everything
    minimum = _range_minimum(text, cur_start, amount, scale_value, lex)
    qualifier: str | None = "about" if approximate else None
    if minimum is not None:
        qualifier, cur_start = "range", minimum[1]
    qm = lex.qualifier_re.search(text, max(0, cur_start - 40), cur_start)
    if qm:
        qualifier = qm.lastgroup if minimum is None else qualifier
        cur_start = qm.start()

    return MoneyMention(
        start=cur_start,
        end=end,
        text=text[cur_start:end],
        money=Money(value=float(amount), currency=currency, qualifier=qualifier,
                    minimum=float(minimum[0]) if minimum is not None else None),
    )


#: Characters before an upper bound where its range may start ("between $200 million and ").
RANGE_REACH = 60
#: Characters before a range's "from" / « de » searched for the raising verb that makes it a range, not a change.
RAISING_BEFORE_FROM_CHARS = 12


def _range_currency(text: str, start: int, lex: _Lexicon) -> str | None:
    """The currency written before a range's lower bound when the upper bound, at ``start``, has none of its own
    ("$200-300 million", "€15-20M"), else None."""
    rm = lex.range_re.search(text, max(0, start - RANGE_REACH), start)
    return lex.prefixes[_norm(rm.group("cur"))] if rm is not None and rm.group("cur") else None


def _range_minimum(
    text: str, start: int, upper: Decimal, scale: Decimal | None, lex: _Lexicon
) -> tuple[Decimal, int] | None:
    """(lower bound, start) of a range ending right before ``start`` (« entre 20 et 30 millions »,
    "$200 million to $300 million", "15-20 M€"), or None. "passé de 5 à 30 millions" is a change,
    not a range: without "entre"/"between", a bound after "de"/"from" does not count."""
    rm = lex.range_re.search(text, max(0, start - RANGE_REACH), start)
    if rm is None:
        return None
    opened = rm.group(0)[:1].isalpha() and not rm.group(0)[:1].isdigit()
    if rm.group("word_joiner") and rm.group("word_joiner").lower() in {"et", "and"} and not opened:
        return None  # "ont levé 3 et 5 millions d'euros, respectivement": two figures, not a range
    before = text[max(0, rm.start() - 6):rm.start()].lower()
    head = text[max(0, rm.start() - RAISING_BEFORE_FROM_CHARS):rm.start()] + (rm.group(0).split()[0] if opened else "")
    sought = lex.raising_before_from.search(head) is not None  # "plans to raise from $1.5 billion to $2 billion"
    if not opened and re.search(r"(?:\bde|\bfrom|\bd['’])\s*$", before) and not sought:
        return None
    if opened and rm.group(0).split()[0].lower() in {"de", "from"} and not sought:
        return None
    try:
        low = Decimal(rm.group("low").replace(",", "."))
    except ArithmeticError:
        return None
    low_scale = rm.group("lowscale")
    if low_scale:
        low *= lex.scale_words.get(low_scale.lower(), lex.scale_abbreviations.get(low_scale, Decimal(1)))
    elif scale is not None:
        low *= scale
    if not 0 <= low < upper:
        return None  # a range from zero (« entre 0 et 10 millions ») is a size class: kept, read as such
    return low, rm.start()


def find_money(text: str, language: str | None = None) -> list[MoneyMention]:
    """Every money phrase in ``text``, sorted by start and non-overlapping.

    ``language`` ("fr", "en", "fr-FR"... or None) only settles the one ambiguous number
    shape (a lone "," or "." followed by three digits); see the module docstring.
    """
    if not text:
        return []
    return list(_money_in(text, _norm_lang(language)))


@functools.lru_cache(maxsize=2048)
def _money_in(text: str, lang: str | None) -> tuple[MoneyMention, ...]:
    """``find_money`` for a normalised language, remembered: extraction asks for the same
    sentence twice (choosing the sentences for the model, then reading them)."""
    lex = _lexicon()
    found = [mm for m in lex.number_re.finditer(text) if (mm := _mention_at(text, m, lang, lex))]
    found.sort(key=lambda mm: (mm.start, -(mm.end - mm.start)))
    kept: list[MoneyMention] = []
    for mm in found:
        if not kept or mm.start >= kept[-1].end:
            kept.append(mm)
    if lex.respective_re.search(text):
        kept = [m for mm in kept for m in _coordinated(text, mm, lex)]
    kept = [m for mm in kept for m in _sequenced(text, mm, lex)]
    return tuple(_shared_scales(text, kept))


#: The words that join the two ends of a change: "from $1.53 to $1.56 billion", « de 2 à 3 milliards ».
_CHANGE_JOINER = re.compile(r"^\s*(?:to|à|-|–)\s*$", re.IGNORECASE)
#: Below this, a figure written without a scale before a scaled one is a mantissa sharing its scale.
MAX_BARE_MANTISSA = 1000


def _shared_scales(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """"from $1.53 to $1.56 billion": the first end of a change, written with its currency and no
    scale, takes the scale of the second."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        number = _LEADING_NUMBER.search(b.text)
        if (a.money.value >= MAX_BARE_MANTISSA or a.money.currency is None or b.money.currency != a.money.currency
                or number is None or not _CHANGE_JOINER.match(text[a.end:b.start])):
            continue
        try:
            scale = b.money.value / float(number.group(0).replace(",", "."))
        except (ValueError, ZeroDivisionError):
            continue
        if scale >= MAX_BARE_MANTISSA:
            out[i] = MoneyMention(a.start, a.end, a.text, Money(value=a.money.value * scale, currency=a.money.currency,
                                                              qualifier=a.money.qualifier))
    return out


#: Characters around a figure searched for "respectivement" / "respectively".
RESPECTIVE_REACH = 80
#: Bare numbers coordinated before a figure, each after its own preposition at most (« respectivement à 27, à 15 et à 10
#: millions », "of 3 and of 5 million").
_COORDINATED_BEFORE = re.compile(r"((?:\d+(?:[.,]\d+)?\s*(?:,|et|and)\s*(?:(?:à|de|to|of)\s+)?)+)$", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def joins_list(gap: str) -> bool:
    """Whether the text between two figures holds a list joiner (« , », « puis », "and a further")."""
    return bool(_lexicon().list_joiner_re.search(gap))


#: A dollar amount written with its US mark ("US$5m", "$US5m", "USD 5m") rather than a bare "$".
_US_MARK = re.compile(r"US\s?\$|\$\s?US|U\.S\.\s?\$|USD|\bU\.?S\.?\s+dollars?|dollars?\s+(?:US|U\.S\.|américains)")


def _host(url: str | None) -> str:
    """The host name of ``url``, lower case: "https://www.Example.com.au:443/x" -> "www.example.com.au"."""
    return re.sub(r"^[a-z]+://", "", (url or "").lower()).split("/")[0].split(":")[0]


def _on_site(host: str, site: str) -> bool:
    """Whether ``host`` is on ``site``: a domain end (".au") or a site's name and its subdomains ("ft.com" holds
    "www.ft.com", not "microsoft.com")."""
    return host.endswith(site) if site.startswith(".") else host == site or host.endswith("." + site)


def local_dollar(url: str | None) -> str | None:
    """The currency a bare "$" names on the site of ``url``, when its country has a dollar of its own
    (``local_dollars``): "https://www.example.com.au/..." -> "AUD"; None elsewhere."""
    host = _host(url)
    return next((iso for end, iso in _lexicon().local_dollars.items() if _on_site(host, end)), None)


def french_local_dollar(url: str | None) -> str | None:
    """The dollar a French-language article of the site of ``url`` means by a bare « $ » or « dollars »
    (``french_local_dollars``: the press of Québec writes US dollars « $ US »): "https://www.ledevoir.com/..."
    -> "CAD"; None elsewhere."""
    host = _host(url)
    return next((iso for end, iso in _lexicon().french_local_dollars.items() if _on_site(host, end)), None)


def home_dollar(url: str | None) -> str | None:
    """The dollar every bare "$" of an English article of the site of ``url`` means (``home_dollars``: the
    Australian press writes its own dollar "$" and US dollars "US$"): "https://www.example.com.au/..." -> "AUD";
    None elsewhere."""
    host = _host(url)
    return next((iso for end, iso in _lexicon().home_dollars.items() if _on_site(host, end)), None)


#: Mentions of one dollar country's places (``home_places``) from which an article tells that country's story.
MIN_HOME_PLACE_MENTIONS = 3


def home_country_dollar(text: str) -> str | None:
    """The dollar of the country whose story ``text`` tells: the dollar country (``home_places``) named at least
    ``MIN_HOME_PLACE_MENTIONS`` times and more than any other ("the Toronto-based startup … Canada's …" ->
    "CAD"; "Chicago-based … Canadian investors … Los Angeles-based" -> "USD", whose bare "$" stays the US dollar);
    None when no country, or two equally, are named that often."""
    counts = sorted(((len(pattern.findall(text)), iso) for iso, pattern in _lexicon().home_places.items()),
                    reverse=True)
    (best, iso), (second, _) = counts[0], counts[1]
    return iso if best >= MIN_HOME_PLACE_MENTIONS and best > second else None


def own_dollar_story(currency: str | None) -> bool:
    """Whether the young companies of the country of ``currency`` raise in that dollar (``own_dollar_stories``):
    an English article telling their story means it by a bare "$"."""
    return currency in _lexicon().own_dollar_stories


def us_dollar_press(url: str | None) -> bool:
    """Whether the site of ``url`` is of the US or international business press (``us_dollar_press``), whose bare
    "$" is the US dollar whatever country's story it tells."""
    host = _host(url)
    return any(_on_site(host, site) for site in _lexicon().us_dollar_press)


def french_home_dollar_style(text: str) -> bool:
    """Whether a French text writes its dollars the way the press of Québec does (``french_home_dollar_style``:
    « 137,5 millions $ », « 20 millions $ US »)."""
    return _lexicon().french_home_dollar_style.search(text) is not None


def site_currency(url: str | None) -> str | None:
    """The currency of the country of the site of ``url`` (``local_dollars``, then ``site_currencies``):
    "https://www.example.be/..." -> "EUR"; None when the host names no such country."""
    host = _host(url)
    table = {**_lexicon().site_currencies, **_lexicon().local_dollars}
    return next((iso for end, iso in table.items() if _on_site(host, end)), None)


def bare_dollar(mention: MoneyMention) -> bool:
    """A dollar amount written with a bare "$" ("$27 million"), not "US$27 million" nor "27 million dollars"."""
    return mention.money.currency == "USD" and "$" in mention.text and _US_MARK.search(mention.text) is None


def us_marked(mention: MoneyMention) -> bool:
    """A dollar amount that says it is in US dollars ("US$6.3m", "USD 5m", "5 million US dollars")."""
    return mention.money.currency == "USD" and _US_MARK.search(mention.text) is not None


@functools.cache
def gap_words(key: str) -> str:
    """The regex alternation of one ``gaps`` entry of the lexicon, its words in every language
    (longest first; spaces match any run of spaces, apostrophes any apostrophe)."""
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))["gaps"][key]
    return _alternation([word for words in data.values() for word in words])


#: An apostrophe, for the gap regexes built on ``gap_words`` (a word ending in one needs no space after it).
APOSTROPHE = _APOS


def own_determiner(lemma: str) -> bool:
    """Whether a determiner ties a round noun to one company (« ses levées », "its rounds")."""
    return lemma.lower() in _lexicon().own_determiners


def says_respectively(text: str) -> bool:
    """Whether a text pairs coordinated figures with coordinated names ("respectivement")."""
    return bool(_lexicon().respective_re.search(text))


def respectively_at(text: str) -> list[tuple[int, int]]:
    """Where each "respective" word of a text stands, (start, end) ("respectively", « respectivement », « dans cet
    ordre »)."""
    return [m.span() for m in _lexicon().respective_re.finditer(text)]


def _coordinated(text: str, mention: MoneyMention, lex: _Lexicon) -> list[MoneyMention]:
    """« 3 et 5 millions d'euros, dans cet ordre »: the bare numbers coordinated before a figure
    are figures of their own, with its scale and currency (only near a "respective" word)."""
    near = text[max(0, mention.start - RESPECTIVE_REACH):mention.end + RESPECTIVE_REACH]
    head = _COORDINATED_BEFORE.search(text, max(0, mention.start - RESPECTIVE_REACH), mention.start)
    number = _LEADING_NUMBER.search(mention.text)
    if not (head and number and lex.respective_re.search(near)) or mention.money.qualifier == "range":
        return [mention]
    try:
        scale = mention.money.value / float(number.group(0).replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return [mention]
    bares = list(_LEADING_NUMBER.finditer(text, head.start(1), head.end(1)))
    if any(b.start() > 0 and not (text[b.start() - 1].isspace() or text[b.start() - 1] in "(,") for b in bares):
        return [mention]  # "$150,000 and $5 million": the figure before has its own currency mark, it is no bare number
    out = []
    for bare in bares:
        value = float(bare.group(0).replace(",", ".")) * scale
        out.append(MoneyMention(bare.start(), bare.end(), bare.group(0),
                                Money(value=value, currency=mention.money.currency)))
    return [*out, mention]


#: Characters before a figure searched for a bare number set before it in sequence (« 40 puis »).
SEQUENCE_REACH = 24


def _sequenced(text: str, mention: MoneyMention, lex: _Lexicon) -> list[MoneyMention]:
    """« qui avait levé 40 puis 580 millions d'euros »: a bare number a sequence word sets before a scaled figure is an
    earlier amount of its own, in that figure's scale and currency."""
    before = lex.sequence_before_re.search(text[max(0, mention.start - SEQUENCE_REACH):mention.start])
    number = _LEADING_NUMBER.match(mention.text)
    if before is None or number is None or mention.money.qualifier == "range" or mention.money.currency is None:
        return [mention]
    try:
        scale = mention.money.value / float(number.group(0).replace(",", "."))
        bare = float(before.group(1).replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return [mention]
    if scale < MAX_BARE_MANTISSA or bare >= MAX_BARE_MANTISSA:
        return [mention]  # no scale word to share ("40 puis 580 euros"), or a year (« en 2019 puis 580 millions »)
    value = bare * scale
    start = max(0, mention.start - SEQUENCE_REACH) + before.start(1)
    return [MoneyMention(start, start + len(before.group(1)), before.group(1),
                         Money(value=value, currency=mention.money.currency)), mention]


def parse_amount(phrase: str, language: str | None = None) -> Money | None:
    """The Money of ``phrase`` when the whole (stripped) phrase is one money phrase, else None."""
    if not phrase:
        return None
    stripped = phrase.strip()
    mentions = find_money(stripped, language)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
        return mentions[0].money
    return None


# --------------------------------------------------------------------------- formatting


def _choose_scale(value: Decimal, has_currency: bool) -> tuple[Decimal, Decimal | None]:
    """Mantissa and scale: billions or millions when the mantissa keeps <= 3 decimals,
    plain digits otherwise (currency-less amounts always need a scale, thousands at least)."""
    for scale in (Decimal(10) ** 9, Decimal(10) ** 6):
        mantissa = value / scale
        if value >= scale and -mantissa.normalize().as_tuple().exponent <= 3:
            return mantissa, scale
    if has_currency:
        return value, None
    for scale in (Decimal(10) ** 9, Decimal(10) ** 6):
        if value >= scale:
            return value / scale, scale
    return value / 1000, Decimal(1000)


def _format_number(value: Decimal, lang: str, fmt: dict[str, Any]) -> str:
    text = format(value.normalize(), "f")
    integer, _, fraction = text.partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    out = fmt["group"].join(groups)
    return out + (fmt["decimal"] + fraction if fraction else "")


def format_amount(money: Money, language: str = "fr") -> str:
    """A press-style phrase for ``money`` that :func:`parse_amount` reads back to it.

    fr: "1,7 milliard d'euros", "plus de 6 milliards de dollars", "près de 385 millions",
    "1 600 000 euros", "entre 20 et 30 millions d'euros"; en: "$2 billion", "about €385 million",
    "more than £16.3 million", "CHF 20 million", "between 200 and $300 million". Currencies without a word or symbol in the lexicon are written as
    their ISO code (read back only when the lexicon knows that code).
    """
    lang = "en" if _norm_lang(language) == "en" else "fr"
    lex = _lexicon()
    fmt = lex.format[lang]
    value = Decimal(repr(float(money.value)))
    if not value.is_finite() or value < 0:
        raise ValueError(f"cannot format a negative or non-finite amount: {money.value!r}")
    currency = money.currency
    mantissa, scale = _choose_scale(value, currency is not None)
    number = _format_number(mantissa, lang, fmt)
    plural = mantissa >= 2
    scale_word = fmt["scales"][str(scale)][plural] if scale is not None else None

    if lang == "fr":
        body = f"{number} {scale_word}" if scale_word else number
        if currency is not None:
            words = fmt["currencies"].get(currency)
            if words is None:
                body = f"{body} {currency}"
            elif scale_word:
                word = words[1]
                body = f"{body} d'{word}" if word[0] in "aeiouyéè" else f"{body} de {word}"
            else:
                body = f"{body} {words[plural]}"
    else:
        body = f"{number} {scale_word}" if scale_word else number
        if currency is not None:
            symbol = fmt["prefixes"].get(currency)
            body = f"{symbol}{body}" if symbol else f"{currency} {body}"
    if money.qualifier == "range" and money.minimum is not None:
        low = Decimal(repr(float(money.minimum))) / (scale if scale is not None else Decimal(1))
        opener, joiner = fmt["range"]
        return f"{opener} {_format_number(low, lang, fmt)} {joiner} {body}"  # « entre 20 et 30 millions d'euros »
    if money.qualifier in fmt["qualifiers"]:
        body = f"{fmt['qualifiers'][money.qualifier]} {body}"
    return body


# --------------------------------------------------------------------------- display

#: The text of an unknown amount.
UNKNOWN = "unknown"
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
#: Scales of an amount's text, largest first: 1.7e9 reads "1.7 bn".
_SCALES = ((1e9, " bn"), (1e6, " M"), (1e3, " k"))


def format_money(value: Any, currency: Any = None, *, unknown: str = UNKNOWN) -> str:
    """An amount as every table, note and CLI line shows it: ``1.7e9, "EUR"`` -> ``"€1.7 bn"``;
    ``600e6, "USD"`` -> ``"$600 M"``; ``1_234_000, "CHF"`` -> ``"1.23 M CHF"``; no currency ->
    ``"385 M (currency unknown)"``; None or NaN -> ``unknown``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return unknown
    try:
        v = float(value)
    except (TypeError, ValueError):
        return unknown
    if math.isnan(v):
        return unknown
    cur = None if currency is None or (isinstance(currency, float) and math.isnan(currency)) else str(currency)
    scale, suffix = next(((s, x) for s, x in _SCALES if abs(v) >= s), (1.0, ""))
    number = f"{v / scale:,.2f}".rstrip("0").rstrip(".")
    if cur in _SYMBOLS:
        return f"{_SYMBOLS[cur]}{number}{suffix}"
    if cur:
        return f"{number}{suffix} {cur}"
    return f"{number}{suffix} (currency unknown)"
