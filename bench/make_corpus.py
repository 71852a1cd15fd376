"""A synthetic corpus of French and English funding news, with its gold, for benchmarks.

``python bench/make_corpus.py N [--out bench/corpus/N] [--seed 7]`` writes N articles
(about half French, half English) as ``.txt`` files, a ``manifest.csv`` (file, publisher,
title, url, published, published_precision, language) and a ``gold.jsonl`` in the shape of
``/work/shared/corpus/gold.jsonl``.

The articles come from templates written for this generator (it never looks at the
extractor): announcements, rumours in the conditional or "in talks", roundups of 3-5
companies with a market total and a venture-fund close, company profiles recalling earlier
rounds with absolute or relative dates, standalone valuations (secondary sales, unicorn
status) and company news whose figures are not rounds (data-centre budgets, public plans,
revenue, acquisitions, credit lines, another company's valuation). Companies and most
people are invented; investors come from ``analysis/patterns/investor_aliases.csv`` (as
the press spells them) and from an invented list.

The gold is what the template states, written the way a careful reader would:

* a round per financing event (amount in units, ISO currency, the same amount restated in
  another currency as ``amount_alternatives``, valuation and its basis only when the text
  says pre/post, leads, every investor named in the round (leads included), per-investor
  amounts/stakes, English round label, status ``reported`` for rumours and talks,
  ``announced`` otherwise, evidence = the sentence holding the amount);
* a round's date: the date the text gives (``date_text``), else, for the article's news,
  the publication date at its precision; earlier rounds always carry the date the text
  gives (relative dates resolved against the publication date);
* ``valuations``: valuations stated outside any round; ``distractors``: the money phrases
  that are neither rounds nor valuations of the funded companies.

Approximations ("près de", "about") are stored as the plain number. Article ``i`` depends
only on (seed, i), so a corpus of 100 is the first 100 articles of a corpus of 10,000.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ALIASES = ROOT / "analysis" / "patterns" / "investor_aliases.csv"

# --------------------------------------------------------------------------- vocabulary

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_SYL_A = ["Qua", "Ny", "Va", "Lu", "Ze", "Ka", "Ori", "Hel", "Sy", "Ter", "Mo", "Ari", "Exo", "Neo", "Vel",
          "Dra", "Cor", "Fen", "Ily", "Opa", "Bri", "Alo", "Sto", "Tra", "Gal", "Pix", "Rho", "Sol", "Umi",
          "Zen", "Cal", "Mira", "Jo", "Ne", "Pa", "Vo", "Ly", "Wa", "Xe", "Ivo"]
_SYL_B = ["la", "ra", "ti", "no", "xa", "vi", "me", "lo", "ri", "ve", "da", "ne", "ro", "sa", "ta", "ki",
          "", "", ""]
_SYL_C = ["x", "n", "is", "ya", "ia", "on", "ic", "ly", "ora", "ium", "ar", "et", "os", "a", "ix", "o",
          "en", "al", "io", "um"]
_NOT_NAMES = {"moron", "lyonne", "solon", "coron", "galon", "tralala", "monon", "orion", "solar", "solaris",
              "neron", "jonas", "paris", "milan", "pavlov", "helix", "moria", "corona", "sonar"}
_SUFFIX = ["AI", "Labs", "Bio", "Robotics", "Energy", "Health", "Pay", "Tech", "Systems", "Analytics",
           "Space", "Cloud", "Therapeutics", "Mobility", "Foods", "Security", "Quantum", "Data"]

# (French description, English description, French sector, English sector)
SECTORS = [
    ("spécialiste de l'intelligence artificielle générative pour les juristes", "legal AI start-up",
     "l'IA juridique", "legal AI"),
    ("éditeur d'un logiciel de gestion de flotte électrique", "electric fleet-management software maker",
     "la mobilité électrique", "electric mobility"),
    ("fabricant de batteries sodium-ion", "sodium-ion battery maker", "le stockage d'énergie",
     "energy storage"),
    ("plateforme de paiement pour les indépendants", "payments platform for freelancers",
     "la fintech", "fintech"),
    ("biotech qui développe des traitements contre les maladies rares", "rare-disease biotech",
     "les biotechnologies", "biotech"),
    ("spécialiste de la cybersécurité des PME", "cybersecurity company serving small businesses",
     "la cybersécurité", "cybersecurity"),
    ("concepteur de robots logistiques", "warehouse robotics company", "la robotique", "robotics"),
    ("start-up de la foodtech qui produit des protéines végétales", "plant-based protein start-up",
     "l'alimentation durable", "alternative proteins"),
    ("éditeur d'une plateforme de recrutement", "recruitment platform", "les ressources humaines",
     "HR tech"),
    ("spécialiste du calcul quantique", "quantum computing start-up", "le calcul quantique",
     "quantum computing"),
    ("concepteur de satellites d'observation", "Earth-observation satellite maker", "le spatial",
     "the space industry"),
    ("plateforme de télémédecine", "telemedicine platform", "la santé numérique", "digital health"),
    ("éditeur d'un assistant de code fondé sur l'IA", "AI coding-assistant developer",
     "les outils pour développeurs", "developer tools"),
    ("spécialiste de la rénovation énergétique des bâtiments", "building energy-retrofit specialist",
     "la rénovation énergétique", "building decarbonisation"),
    ("néobanque destinée aux PME", "neobank for small businesses", "la banque en ligne", "digital banking"),
    ("plateforme d'analyse de données agricoles", "agritech data platform", "l'agriculture de précision",
     "precision agriculture"),
    ("spécialiste des puces photoniques", "photonic-chip designer", "les semi-conducteurs",
     "semiconductors"),
    ("éditeur d'une application d'apprentissage des langues", "language-learning app", "l'edtech",
     "edtech"),
    ("start-up de recyclage des plastiques", "plastic-recycling start-up", "l'économie circulaire",
     "the circular economy"),
    ("spécialiste de l'hydrogène vert", "green-hydrogen producer", "l'hydrogène", "green hydrogen"),
]

CITIES_FR = [("Paris", "parisienne"), ("Lyon", "lyonnaise"), ("Nantes", "nantaise"), ("Bordeaux", "bordelaise"),
             ("Toulouse", "toulousaine"), ("Lille", "lilloise"), ("Grenoble", "grenobloise"),
             ("Montpellier", "montpelliéraine"), ("Marseille", "marseillaise"), ("Rennes", "rennaise"),
             ("Strasbourg", "strasbourgeoise"), ("Nice", "niçoise")]
CITIES_EN = ["London", "Berlin", "Amsterdam", "Dublin", "Stockholm", "Barcelona", "Munich", "Copenhagen",
             "Lisbon", "Zurich", "Paris", "Helsinki", "Tallinn", "Warsaw", "Milan"]

FIRST = ["Claire", "Julien", "Sarah", "Thomas", "Camille", "Nicolas", "Léa", "Antoine", "Emma", "Hugo",
         "Inès", "Maxime", "Chloé", "Lucas", "Anna", "Oliver", "Sophie", "Daniel", "Laura", "Marco", "Elena",
         "Jonas", "Freya", "Tomás", "Mathilde", "Karim", "Yasmine", "Pierre", "Alice", "Victor"]
LAST = ["Dumont", "Marchand", "Klein", "Weber", "Lefèvre", "Moreau", "Garnier", "Rossi", "Novak", "Bauer",
        "Lindqvist", "Martins", "Fontaine", "Girard", "Perrin", "Hartmann", "Costa", "Meyer", "Blanchard",
        "Olsen", "Duval", "Carpentier", "Renaud", "Schneider", "Brunet", "Vidal", "Jansen", "Keller"]

_FUND_A = ["Northwind", "Altitude", "Rive Gauche", "Cap Horn", "Silverline", "Harbour", "Blue Fern", "Seine",
           "Granite", "Aurore", "Tidewater", "Red Kite", "Mistral Bay", "Polaris", "Ardent", "Lakeshore",
           "Citadelle", "Juniper", "Beacon", "Sextant", "Orme", "Basalt", "Kestrel", "Meridian", "Iroko",
           "Capucine", "Oakfield", "Sirocco", "Vauban", "Highgate"]
_FUND_B = ["Capital", "Ventures", "Partners", "Invest", "Growth", "Equity", "VC", "Capital Partners"]

MEDIA_FR = ["Bloomberg", "Les Echos", "le Financial Times", "Reuters", "L'Informé", "La Lettre", "Le Figaro",
            "BFM Business"]
MEDIA_EN = ["Bloomberg", "the Financial Times", "Reuters", "The Information", "Sky News",
            "The Wall Street Journal", "TechCrunch"]
BANKS = ["Société Générale", "HSBC", "Crédit Agricole", "Barclays", "Natixis", "ING", "Santander"]

PUBLISHERS_FR = ["Le Fil Tech", "Journal des Start-up", "Capital Numérique", "L'Écho des Levées",
                 "Décideurs Innovation", "French Tech Hebdo", "Le Quotidien de l'Entreprise", "Silicon Seine"]
PUBLISHERS_EN = ["Startup Ledger", "EuroTech Daily", "The Funding Desk", "Venture Wire Europe",
                 "Tech Capital News", "The Scale-up Report", "Continental Business Review"]

#: Nice press figures, in millions.
NICE = [0.3, 0.4, 0.5, 0.6, 0.75, 0.8, 1, 1.2, 1.5, 1.8, 2, 2.2, 2.5, 3, 3.2, 3.5, 4, 4.5, 5, 6, 6.5, 7, 7.5, 8,
        9, 10, 11, 12, 12.5, 14, 15, 16, 18, 20, 22, 24, 25, 28, 30, 32, 35, 40, 42, 45, 50, 55, 60, 65, 70, 75,
        80, 85, 90, 100, 105, 110, 120, 125, 130, 140, 150, 160, 175, 180, 200, 210, 220, 250, 270, 300, 320,
        350, 385, 400, 450, 480, 500, 550, 600, 640, 700, 750, 800, 850, 900, 1000, 1100, 1200, 1300, 1500,
        1700, 1800, 2000, 2200, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10000, 12000, 14000, 15000,
        20000, 25000, 30000, 40000, 54000]

#: Round label -> range of amounts in millions.
LABEL_RANGES = {
    "Pre-seed": (0.3, 1.5), "Seed": (0.8, 6), "Series A": (5, 30), "Series B": (20, 100),
    "Series C": (50, 300), "Series D": (100, 700), "Series E": (250, 2000), None: (1, 600),
}
LABEL_ORDER = ["Pre-seed", "Seed", "Series A", "Series B", "Series C", "Series D", "Series E"]
RATE_TO_USD = {"EUR": 1.09, "USD": 1.0, "GBP": 1.27, "CHF": 1.12}


def _sig(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant figures."""
    if value <= 0:
        return value
    from math import floor, log10

    return round(value, -floor(log10(abs(value))) + digits - 1)


# --------------------------------------------------------------------------- money


@dataclass(frozen=True)
class Money:
    value: float  # units
    currency: str


def _num(x: float, lang: str) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


def _apos(rng: random.Random) -> str:
    return rng.choice(["'", "’"])


def money_text(m: Money, lang: str, rng: random.Random) -> str:
    """``m`` as the press writes it, in one of many forms."""
    v, cur = m.value, m.currency
    if lang == "fr":
        de = {"EUR": f"d{_apos(rng)}euros", "USD": "de dollars", "GBP": "de livres sterling",
              "CHF": "de francs suisses"}[cur]
        sym = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": None}[cur]
        if v >= 1e9:
            n = v / 1e9
            if n == 1 and rng.random() < 0.5:
                return f"un milliard {de}"
            word = "milliard" if n < 2 else "milliards"
            if sym and rng.random() < 0.3:
                return f"{_num(n, 'fr')} Md{sym}"
            return f"{_num(n, 'fr')} {word} {de}"
        if v >= 1e6:
            n = v / 1e6
            word = "million" if n < 2 else "millions"
            r = rng.random()
            if sym and r < 0.3:
                return f"{_num(n, 'fr')} M{sym}"
            if sym == "€" and r < 0.38:
                return f"{_num(n, 'fr')} millions €" if n >= 2 else f"{_num(n, 'fr')} M€"
            return f"{_num(n, 'fr')} {word} {de}"
        sep = rng.choice([" ", "\u202f", "\u00a0"])
        digits = f"{int(v):,}".replace(",", sep)
        if sym and rng.random() < 0.5:
            return f"{digits} {sym}"
        return f"{digits} {de.split(' ', 1)[-1] if cur != 'EUR' else 'euros'}"
    sym = {"EUR": "€", "USD": rng.choice(["$", "$", "$", "US$"]), "GBP": "£", "CHF": None}[cur]
    word_cur = {"EUR": "euros", "USD": "dollars", "GBP": "pounds", "CHF": "Swiss francs"}[cur]
    if v >= 1e9:
        n = _num(v / 1e9, "en")
        r = rng.random()
        if sym is None:
            return f"CHF {n} billion" if r < 0.5 else f"{n} billion Swiss francs"
        if r < 0.45:
            return f"{sym}{n} billion"
        if r < 0.8:
            return f"{sym}{n}bn"
        return f"{n} billion {word_cur}"
    if v >= 1e6:
        n = _num(v / 1e6, "en")
        r = rng.random()
        if sym is None:
            return f"CHF {n} million" if r < 0.5 else f"{n} million Swiss francs"
        if r < 0.4:
            return f"{sym}{n} million"
        if r < 0.6:
            return f"{sym}{n}m"
        if r < 0.85:
            return f"{sym}{n}M"
        return f"{n} million {word_cur}"
    digits = f"{int(v):,}"
    return f"CHF {digits}" if sym is None else f"{sym}{digits}"


def qualifier(lang: str, rng: random.Random, p: float = 0.25) -> str:
    if rng.random() >= p:
        return ""
    if lang == "fr":
        return rng.choice(["près de ", "environ ", "plus de ", "quelque ", "un peu plus de "])
    return rng.choice(["nearly ", "about ", "more than ", "almost ", "roughly ", "around "])


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class When:
    text: str | None
    date: dt.date | None
    precision: str | None


def _shift_month(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def past_when(rng: random.Random, pub: dt.date | None, precision: str | None, lang: str,
              min_months: int = 1) -> When:
    """An earlier date as the press writes it, relative when the publication day is known."""
    base = pub or dt.date(2024, 6, 15)
    kinds = ["month_abs", "year_abs", "day_abs"]
    if pub is not None and precision == "day":
        kinds += ["year_rel", "year_rel", "years_ago", "month_last", "month_last", "last_month"]
    kind = rng.choice(kinds)
    if kind == "year_rel":
        return When(rng.choice(["l'an dernier", "l’année dernière", "l'année dernière"]) if lang == "fr"
                    else "last year", dt.date(base.year - 1, 1, 1), "year")
    if kind == "years_ago":
        k = rng.choice([2, 3])
        text = f"il y a {['', '', 'deux', 'trois'][k]} ans" if lang == "fr" else f"{['', '', 'two', 'three'][k]} years ago"
        return When(text, dt.date(base.year - k, 1, 1), "year")
    if kind == "month_last":
        d = _shift_month(base, -rng.randint(max(1, min_months), 11))
        text = f"en {MOIS[d.month - 1]} dernier" if lang == "fr" else f"last {MONTHS[d.month - 1]}"
        return When(text, d, "month")
    if kind == "last_month":
        d = _shift_month(base, -1)
        return When("le mois dernier" if lang == "fr" else "last month", d, "month")
    months_back = rng.randint(max(min_months, 2), 60)
    d = _shift_month(base, -months_back)
    if kind == "year_abs":
        if d.year >= base.year:
            d = dt.date(base.year - 1, 1, 1)
        return When(f"en {d.year}" if lang == "fr" else f"in {d.year}", dt.date(d.year, 1, 1), "year")
    if kind == "month_abs":
        text = f"en {MOIS[d.month - 1]} {d.year}" if lang == "fr" else f"in {MONTHS[d.month - 1]} {d.year}"
        return When(text, d, "month")
    d = d.replace(day=rng.randint(1, 28))
    if lang == "fr":
        text = f"le {'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}"
    else:
        text = f"on {MONTHS[d.month - 1]} {d.day}, {d.year}"
    return When(text, d, "day")


def news_when(rng: random.Random, pub: dt.date | None, precision: str | None, lang: str) -> When:
    """When the article's news happened: a weekday, "hier", or (no date in the text) the
    publication date at its precision."""
    if pub is not None and precision == "day" and rng.random() < 0.35:
        back = rng.choice([0, 1, 1, 2, 3, 4])
        d = pub - dt.timedelta(days=back)
        if lang == "fr":
            text = ("ce " + JOURS[d.weekday()]) if back == 0 else ("hier" if back == 1 and rng.random() < 0.4
                                                                    else JOURS[d.weekday()])
        else:
            text = "today" if back == 0 else ("yesterday" if back == 1 and rng.random() < 0.4
                                              else f"on {DAYS[d.weekday()]}")
        return When(text, d, "day")
    if pub is None:
        return When(None, None, None)
    return When(None, pub, precision)


# --------------------------------------------------------------------------- names


def _alias_rows() -> list[tuple[str, str, str]]:
    with ALIASES.open(encoding="utf-8") as handle:
        return [(r["alias"], r["canonical"], r["kind"]) for r in csv.DictReader(handle)]


@dataclass(frozen=True)
class Investor:
    text: str  # as written
    key: str  # identity (canonical) so one article never names the same investor twice
    kind: str  # fund, corporate, angel, public


class Names:
    """Deterministic pools of invented companies, funds and people."""

    def __init__(self) -> None:
        rows = _alias_rows()
        self.known = [Investor(a, c, k) for a, c, k in rows]
        self.invented = [Investor(f"{a} {b}", f"{a} {b}", "fund") for a in _FUND_A for b in _FUND_B]
        self.people = [f"{first} {last}" for first in FIRST for last in LAST]
        reserved = {name_key(i.text) for i in self.known + self.invented}
        companies = []
        for a in _SYL_A:
            for b in _SYL_B:
                for c in _SYL_C:
                    word = a + b + c
                    if name_key(word) not in reserved and len(word) >= 5 and word.lower() not in _NOT_NAMES:
                        companies.append(word)
        self.companies = sorted(set(companies))


def name_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum()).casefold()


def join_names(names: list[str], lang: str, rng: random.Random) -> str:
    if len(names) == 1:
        return names[0]
    conj = " et " if lang == "fr" else (", and " if len(names) > 2 and rng.random() < 0.4 else " and ")
    return ", ".join(names[:-1]) + conj + names[-1]


def de_fr(phrase: str) -> str:
    """"le stockage" -> "du stockage", "les biotechnologies" -> "des biotechnologies"."""
    for article, contracted in (("les ", "des "), ("le ", "du "), ("la ", "de la "), ("l'", "de l'")):
        if phrase.startswith(article):
            return contracted + phrase[len(article):]
    return "de " + phrase


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def a_an(word: str) -> str:
    """"a" or "an" before ``word``."""
    return "an" if word[:1].lower() in "aeio" or word.startswith("Earth") else "a"


# --------------------------------------------------------------------------- article draft


@dataclass
class Draft:
    """An article being written: paragraphs and the gold facts they state."""

    rng: random.Random
    names: Names
    lang: str
    pub: dt.date | None
    precision: str | None
    paragraphs: list[str] = field(default_factory=list)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    valuations: list[dict[str, Any]] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    used_values: list[float] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)
    company: str | None = None
    title: str = ""
    kind: str = ""
    founded: int = 2018
    said: set[int] = field(default_factory=set)  # filler templates already used

    # -- picking -------------------------------------------------------------------
    def pick(self, seq: list[Any]) -> Any:
        return self.rng.choice(seq)

    def fresh_value(self, lo_m: float, hi_m: float) -> float:
        """A nice figure in [lo_m, hi_m] million, at least 5 % away from every figure used."""
        candidates = [x for x in NICE if lo_m <= x <= hi_m]
        self.rng.shuffle(candidates)
        for x in candidates:
            value = x * 1e6
            if all(abs(value - u) > 0.05 * max(value, u) for u in self.used_values):
                self.used_values.append(value)
                return value
        value = _sig(self.rng.uniform(lo_m, hi_m), 3) * 1e6
        self.used_values.append(value)
        return value

    def money(self, lo_m: float, hi_m: float, currency: str | None = None) -> Money:
        if currency is None:
            currency = self.currency()
        return Money(self.fresh_value(lo_m, hi_m), currency)

    def currency(self) -> str:
        r = self.rng.random()
        if self.lang == "fr":
            return "EUR" if r < 0.78 else ("USD" if r < 0.93 else ("GBP" if r < 0.97 else "CHF"))
        return "EUR" if r < 0.45 else ("USD" if r < 0.85 else ("GBP" if r < 0.96 else "CHF"))

    def fmt(self, m: Money) -> str:
        return money_text(m, self.lang, self.rng)

    def new_company(self) -> str:
        while True:
            base = self.pick(self.names.companies)
            name = f"{base} {self.pick(_SUFFIX)}" if self.rng.random() < 0.35 else base
            if name_key(base) not in self.used_names:
                self.used_names.add(name_key(base))
                return name

    def investors(self, n: int, kinds: tuple[str, ...] = ("fund", "corporate", "public", "angel"),
                  invented_share: float = 0.5) -> list[Investor]:
        out: list[Investor] = []
        while len(out) < n:
            if self.rng.random() < invented_share:
                inv = self.pick(self.names.invented)
            else:
                inv = self.pick([i for i in self.names.known if i.kind in kinds])
            if inv.kind not in kinds or name_key(inv.key) in self.used_names:
                continue
            self.used_names.add(name_key(inv.key))
            out.append(inv)
        return out

    def person(self) -> str:
        while True:
            p = self.pick(self.names.people)
            if name_key(p) not in self.used_names:
                self.used_names.add(name_key(p))
                return p

    def sector(self) -> tuple[str, str, str, str]:
        return self.pick(SECTORS)

    # -- writing -------------------------------------------------------------------
    def para(self, *sentences: str) -> None:
        text = " ".join(s for s in sentences if s)
        if text:
            self.paragraphs.append(text)

    def distract(self, phrase: str) -> str:
        self.distractors.append(phrase)
        return phrase

    def add_round(self, *, amount: Money | None, evidence: str, alt: Money | None = None,
                  valuation: Money | None = None, basis: str | None = None, leads: list[str] | None = None,
                  investors: list[str] | None = None, investments: list[dict[str, Any]] | None = None,
                  label: str | None = None, status: str = "announced", when: When | None = None) -> None:
        leads = list(leads or [])
        everyone = list(dict.fromkeys([*leads, *(investors or [])]))
        entry: dict[str, Any] = {
            "amount": amount.value if amount else None,
            "currency": amount.currency if amount else None,
            "amount_alternatives": [{"amount": alt.value, "currency": alt.currency}] if alt else [],
            "valuation": valuation.value if valuation else None,
            "valuation_currency": valuation.currency if valuation else None,
            "valuation_basis": basis if valuation else None,
            "valuation_alternatives": [],
            "lead_investors": leads,
            "investors": everyone,
            "investments": investments or [],
            "round_label": label,
        }
        if when is not None and when.date is not None:
            entry["date"] = when.date.isoformat()
            entry["date_precision"] = when.precision
        entry["date_text"] = when.text if when else None
        entry["status"] = status
        entry["evidence"] = evidence
        self.rounds.append(entry)

    def add_valuation(self, value: Money, evidence: str, basis: str | None = None,
                      status: str = "announced") -> None:
        self.valuations.append({"value": value.value, "currency": value.currency, "basis": basis,
                                "status": status, "evidence": evidence})

    def alternative(self, m: Money) -> Money:
        """The same amount in another currency, rounded as the press does."""
        other = "USD" if m.currency != "USD" else "EUR"
        value = _sig(m.value * RATE_TO_USD[m.currency] / RATE_TO_USD[other], 2)
        self.used_values.append(value)
        return Money(value, other)


# --------------------------------------------------------------------------- labels


def label_phrase(label: str | None, lang: str, rng: random.Random, attributive: bool = False) -> str:
    """" en série B", " in a Series B round" (attributive: "Series B" before "round")."""
    if label is None:
        return ""
    if lang == "fr":
        if label == "Seed":
            return rng.choice([" en amorçage", " lors d'un tour d'amorçage", " en seed", " lors de son tour d'amorçage"])
        if label == "Pre-seed":
            return rng.choice([" en pré-amorçage", " lors d'un tour de pré-amorçage"])
        letter = label[-1]
        return rng.choice([f" en série {letter}", f" lors d'une série {letter}", f" dans le cadre d'une série {letter}",
                           f" en Série {letter}"])
    if attributive:
        return {"Seed": "seed", "Pre-seed": "pre-seed"}.get(label, label)
    if label == "Seed":
        return rng.choice([" in a seed round", " in seed funding", " in a seed funding round"])
    if label == "Pre-seed":
        return rng.choice([" in a pre-seed round", " in pre-seed funding"])
    return rng.choice([f" in a {label} round", f" in {label} funding", f" in a {label} funding round"])


def pick_label(d: Draft, allow_none: float = 0.3) -> str | None:
    if d.rng.random() < allow_none:
        return None
    return d.rng.choices(LABEL_ORDER, weights=[3, 10, 14, 10, 6, 3, 1])[0]


def earlier_label(label: str | None, rng: random.Random) -> str | None:
    if label is None or label not in LABEL_ORDER or LABEL_ORDER.index(label) <= 1:
        return None if rng.random() < 0.5 else "Seed" if label not in ("Seed", "Pre-seed") else None
    return LABEL_ORDER[LABEL_ORDER.index(label) - 1]


# --------------------------------------------------------------------------- fillers


def filler(d: Draft, company: str, sector: tuple[str, str, str, str], founder: str, city: str) -> str:
    """A sentence with no money figure: background, quotes, hiring, product."""
    r = d.rng
    n, m = r.choice([12, 25, 40, 60, 85, 120, 200, 350]), r.choice([10, 20, 30, 50, 80])
    y = d.founded
    year = (d.pub or dt.date(2024, 1, 1)).year
    p = r.choice([40, 60, 80, 150, 200, 300])
    city2 = r.choice(CITIES_EN)
    if d.lang == "fr":
        options = [
            f"Fondée en {y} par {founder}, {company} compte aujourd'hui {n} salariés.",
            f"« Nous voulons devenir le leader européen {de_fr(sector[2])} », explique {founder}, cofondateur et président de {company}.",
            f"La société emploie {n} personnes à {city} et prévoit d'en recruter {m} d'ici à la fin de l'année.",
            "Ses clients comptent plusieurs grands groupes industriels, dont des acteurs de la distribution et de la santé.",
            f"Le marché {de_fr(sector[2])} connaît une forte croissance depuis plusieurs années, portée par la demande des entreprises.",
            f"{company} revendique une croissance de {p} % de son activité sur un an.",
            "La jeune pousse a été incubée à Station F avant de s'installer dans ses propres locaux.",
            f"Elle prévoit d'ouvrir des bureaux à {city2} dans les prochains mois.",
            f"Sa plateforme, lancée en {y}, est déjà utilisée par plus de {n} entreprises.",
            f"« Nos clients nous demandaient d'aller plus vite », résume {founder}.",
            "L'entreprise dit avoir signé ses premiers contrats avec des collectivités locales.",
            f"{company} mise sur une technologie brevetée, développée avec un laboratoire du CNRS.",
            "La concurrence reste vive, notamment face aux acteurs américains et chinois.",
            "L'équipe dirigeante a été renforcée par l'arrivée d'un directeur financier venu de l'industrie.",
            f"Elle vise l'équilibre opérationnel d'ici {year + r.randint(1, 3)}.",
            "Le produit sera disponible en Allemagne et en Espagne dès le trimestre prochain.",
        ]
    else:
        options = [
            f"Founded in {y} by {founder}, {company} now employs {n} people.",
            f"\"We want to become the European leader in {sector[3]},\" said {founder}, the company's co-founder and chief executive.",
            f"The company has {n} staff in {city} and plans to hire {m} more by the end of the year.",
            "Its customers include several large manufacturers as well as retail and healthcare groups.",
            f"Demand for {sector[3]} has grown quickly over the past few years, driven by corporate buyers.",
            f"{company} says its revenue grew {p}% year on year.",
            f"The start-up plans to open offices in {city2} in the coming months.",
            f"Its platform, launched in {y}, is already used by more than {n} businesses.",
            f"\"Our customers kept asking us to move faster,\" {founder} said in an interview.",
            "The company says it has signed its first contracts with public-sector customers.",
            f"{company} relies on patented technology developed with a university laboratory.",
            "Competition remains fierce, particularly from US and Chinese rivals.",
            "The management team was recently strengthened by a chief financial officer hired from industry.",
            f"It aims to break even by {year + r.randint(1, 3)}.",
            "The product will be available in Germany and Spain from next quarter.",
            f"{founder} previously worked at a large software company before starting {company}.",
        ]
    fresh = [i for i in range(len(options)) if i not in d.said] or list(range(len(options)))
    index = r.choice(fresh)
    d.said.add(index)
    return options[index]


def filler_paragraphs(d: Draft, company: str, sector: tuple[str, str, str, str], founder: str, city: str,
                      lo: int, hi: int) -> None:
    for _ in range(d.rng.randint(lo, hi)):
        seen: set[str] = set()
        sentences = []
        for _ in range(d.rng.randint(2, 4)):
            s = filler(d, company, sector, founder, city)
            if s not in seen:
                seen.add(s)
                sentences.append(s)
        d.para(*sentences)


# --------------------------------------------------------------------------- distractors


def distractor_sentence(d: Draft, company: str, kind: str | None = None) -> str:
    """A sentence holding a money figure that is not a funding round of a subject."""
    r = d.rng
    kind = kind or r.choice(["infra", "plan", "revenue", "acquisition", "rival_valuation", "market", "fund",
                             "debt"])
    fr = d.lang == "fr"
    city_fr, _ = r.choice(CITIES_FR)
    if kind == "infra":
        x = d.distract(d.fmt(d.money(100, 5000, "EUR" if fr else r.choice(["EUR", "USD"]))))
        if fr:
            return r.choice([
                f"Par ailleurs, {company} prévoit d'investir {x} dans un centre de données près de {city_fr}.",
                f"L'entreprise a également annoncé la construction d'un campus de calcul de {x} dans l'Essonne.",
                f"{company} consacrera en outre {x} à la construction de ses propres centres de données.",
            ])
        return r.choice([
            f"Separately, {company} plans to spend {x} on a data centre near {r.choice(CITIES_EN)}.",
            f"The company also unveiled a {x} data-centre project in northern France.",
            f"{company} will also put {x} into building its own computing infrastructure.",
        ])
    if kind == "plan":
        x = d.distract(d.fmt(d.money(1000, 54000, "EUR")))
        if fr:
            return r.choice([
                f"Le gouvernement a de son côté présenté un plan de {x} pour soutenir {r.choice(['l’intelligence artificielle', 'l’industrie verte', 'la filière spatiale'])}.",
                f"Le plan France 2030, doté de {x}, finance déjà plusieurs projets du secteur.",
                f"L'État a promis {x} d'aides publiques à la filière d'ici à 2030.",
            ])
        return r.choice([
            f"The government has pledged {x} to support the sector under its national strategy.",
            f"The European Commission's {x} plan for the industry is expected to help.",
            f"Brussels has earmarked {x} in public support for the sector through 2030.",
        ])
    if kind == "revenue":
        x = d.distract(d.fmt(d.money(2, 90)))
        if fr:
            return r.choice([
                f"{company} a réalisé un chiffre d'affaires de {x} l'an dernier.",
                f"Son chiffre d'affaires devrait atteindre {x} cette année.",
                f"La société revendique {x} de revenus récurrents annuels.",
            ])
        return r.choice([
            f"{company} generated revenue of {x} last year.",
            f"Annual recurring revenue has reached {x}, the company said.",
            f"It expects sales of {x} this year.",
        ])
    if kind == "acquisition":
        target = d.new_company()
        x = d.distract(d.fmt(d.money(5, 400)))
        y = (d.pub or dt.date(2024, 1, 1)).year - r.randint(1, 3)
        if fr:
            return r.choice([
                f"En {y}, {company} avait racheté son concurrent {target} pour {x}.",
                f"{company} a par ailleurs acquis la start-up {target} pour un montant de {x}.",
            ])
        return r.choice([
            f"In {y}, {company} acquired rival {target} for {x}.",
            f"{company} also bought start-up {target} in a deal worth {x}.",
        ])
    if kind == "rival_valuation":
        rival = d.new_company()
        x = d.distract(d.fmt(d.money(500, 20000)))
        if fr:
            return r.choice([
                f"Son concurrent {rival} est, lui, valorisé {x}.",
                f"À titre de comparaison, son rival {rival} a été valorisé à {x} lors de sa dernière opération.",
            ])
        return r.choice([
            f"Rival {rival} is valued at {x}.",
            f"By comparison, competitor {rival} was valued at {x} in its latest deal.",
        ])
    if kind == "market":
        x = d.distract(d.fmt(d.money(800, 15000, "EUR" if fr else r.choice(["EUR", "USD"]))))
        src = r.choice(["EY", "KPMG", "Dealroom", "PitchBook", "France Digitale"])
        if fr:
            return r.choice([
                f"Selon {src}, les start-up françaises ont levé {x} au premier semestre.",
                f"Au total, les jeunes pousses du secteur ont levé {x} l'an dernier, d'après {src}.",
            ])
        return r.choice([
            f"European start-ups raised {x} in the first quarter, according to {src}.",
            f"Companies in the sector raised a combined {x} last year, {src} data show.",
        ])
    if kind == "fund":
        vc = d.investors(1, ("fund",), invented_share=1.0)[0].text
        x = d.distract(d.fmt(d.money(50, 1500, "EUR" if fr else r.choice(["EUR", "USD"]))))
        if fr:
            return r.choice([
                f"Côté fonds, {vc} a bouclé son nouveau véhicule à {x}.",
                f"{vc} a annoncé la clôture de son troisième fonds, doté de {x}.",
            ])
        return r.choice([
            f"On the fund side, {vc} closed its latest vehicle at {x}.",
            f"{vc} announced the final close of its third fund at {x}.",
        ])
    # debt
    bank = r.choice(BANKS)
    x = d.distract(d.fmt(d.money(5, 300)))
    if fr:
        return r.choice([
            f"{company} a en parallèle obtenu une ligne de crédit de {x} auprès de {bank}.",
            f"L'entreprise a aussi contracté un prêt bancaire de {x} auprès de {bank}.",
        ])
    return r.choice([
        f"It also secured a {x} credit facility from {bank}.",
        f"{company} separately took out a {x} loan from {bank}.",
    ])


# --------------------------------------------------------------------------- round pieces


def investor_sentence(d: Draft, company: str, lead: str | None, others: list[str], lead_named: bool,
                      conditional: bool = False) -> str:
    """A sentence naming the lead (unless already named) and the other investors."""
    r, fr = d.rng, d.lang == "fr"
    lst = join_names(others, d.lang, r) if others else ""
    if conditional:
        if fr:
            if lead and not lead_named:
                return (f"{lead} mènerait le tour de table" + (f", auquel participeraient aussi {lst}." if lst else "."))
            if not lst:
                return ""
            return f"{lst} participerai{'en' if len(others) > 1 else ''}t également à l'opération."
        if lead and not lead_named:
            return f"{lead} is expected to lead the round" + (f", with {lst} also set to take part." if lst else ".")
        if not lst:
            return ""
        return f"{lst} {'are' if len(others) > 1 else 'is'} also expected to invest."
    if fr:
        if lead and not lead_named:
            return r.choice([
                f"L'opération est menée par {lead}" + (f", avec la participation de {lst}." if lst else "."),
                f"{lead} mène le tour" + (f", aux côtés de {lst}." if lst else "."),
                f"Le tour de table est mené par {lead}" + (f", rejoint par {lst}." if lst else "."),
            ])
        if not lst:
            return ""
        return r.choice([
            f"{lst} participent également à l'opération." if len(others) > 1 else f"{lst} participe également à l'opération.",
            f"Les investisseurs historiques {lst} remettent au pot." if len(others) > 1 else f"L'investisseur historique {lst} remet au pot.",
            f"Ont également participé : {lst}.",
            f"Le tour de table réunit aussi {lst}.",
        ])
    if lead and not lead_named:
        return r.choice([
            f"The round was led by {lead}" + (f", with participation from {lst}." if lst else "."),
            f"{lead} led the round" + (f", joined by {lst}." if lst else "."),
            f"{lead} led the investment" + (f", alongside {lst}." if lst else "."),
        ])
    if not lst:
        return ""
    return r.choice([
        f"{lst} also participated.",
        f"Existing investors {lst} also took part." if len(others) > 1 else f"Existing investor {lst} also took part.",
        f"The round also included {lst}.",
    ])


def valuation_sentence(d: Draft, company: str, v: Money, basis: str | None, conditional: bool) -> str:
    r, fr, x = d.rng, d.lang == "fr", d.fmt(v)
    if conditional:
        if fr:
            return r.choice([f"L'opération valoriserait la société à {x}.",
                             f"Cette levée porterait la valorisation de {company} à {x}."])
        return r.choice([f"The deal would value the company at {x}.",
                         f"The round would value {company} at {x}."])
    if fr:
        if basis == "post":
            return r.choice([f"Cette levée porte la valorisation de la société à {x} post-money.",
                             f"{company} est ainsi valorisée {x} après l'opération.",
                             f"La valorisation post-money atteint {x}."])
        if basis == "pre":
            return r.choice([f"La valorisation pré-money s'établit à {x}.",
                             f"L'opération a été réalisée sur la base d'une valorisation de {x} avant augmentation de capital."])
        return r.choice([f"L'opération valorise {company} à {x}.", f"La société est désormais valorisée {x}.",
                         f"Cette opération valorise la jeune pousse à {x}."])
    if basis == "post":
        return r.choice([f"The round gives {company} a post-money valuation of {x}.",
                         f"{company} is now valued at {x}, including the new capital.",
                         f"The funding values the company at {x} post-money."])
    if basis == "pre":
        return r.choice([f"The investment was made at a pre-money valuation of {x}.",
                         f"The deal values {company} at {x} before the new money."])
    return r.choice([f"The deal values {company} at {x}.", f"The round values the company at {x}.",
                     f"{company} is now valued at {x}."])


def investment_sentence(d: Draft, investor: str, amount: Money, stake_only: bool) -> tuple[str, dict[str, Any]]:
    """One investor's money and/or stake; returns the sentence and the gold investment."""
    r, fr = d.rng, d.lang == "fr"
    stake = r.choice([3, 4, 5, 6, 8, 10, 11, 12, 15, 20])
    if stake_only:
        s = (r.choice([f"{investor} détiendra {stake} % du capital.", f"{investor} prend une participation de {stake} %."])
             if fr else r.choice([f"{investor} will hold about {stake}% of the company.",
                                  f"{investor} takes a {stake}% stake."]))
        return s, {"investor": investor, "amount": None, "currency": None, "stake_pct": stake}
    sub = d.money(amount.value / 1e6 * 0.15, amount.value / 1e6 * 0.6, amount.currency)
    x = d.fmt(sub)
    with_stake = r.random() < 0.4
    if fr:
        s = (f"{investor} investit à lui seul {x} et détiendra {stake} % du capital." if with_stake
             else r.choice([f"{investor} apporte à lui seul {x}.", f"{investor} a investi {x} dans l'opération."]))
    else:
        s = (f"{investor} is investing {x} for a {stake}% stake." if with_stake
             else r.choice([f"{investor} contributed {x} of the total.", f"{investor} put in {x}."]))
    return s, {"investor": investor, "amount": sub.value, "currency": sub.currency,
               "stake_pct": stake if with_stake else None}


def recap_sentence(d: Draft, company: str, main_label: str | None, below: float | None = None) -> str:
    """An earlier, announced round with its date (smaller than ``below`` units); adds its gold."""
    r, fr = d.rng, d.lang == "fr"
    label = earlier_label(main_label, r)
    lo, hi = LABEL_RANGES[label]
    hi = min(hi, 150, below * 0.8 / 1e6 if below else 150)
    lo = min(lo, hi / 2)
    amount = d.money(lo, hi)
    when = past_when(r, d.pub, d.precision, d.lang)
    x = d.fmt(amount)
    inv = d.investors(1, ("fund", "public"))[0].text if r.random() < 0.6 else None
    lab = label_phrase(label, d.lang, r)
    if fr:
        options = [f"{company} avait déjà levé {x}{lab} {when.text}" + (f" auprès de {inv}." if inv else "."),
                   f"{when.text[0].upper() + when.text[1:]}, la jeune pousse avait réuni {x}{lab}" + (f" auprès de {inv}." if inv else ".")]
        if label:
            options.append(f"Il s'agit de sa deuxième levée, après un premier tour de {x}{lab} bouclé {when.text}" + (f" avec {inv}." if inv else "."))
    else:
        options = [f"{company} previously raised {x}{lab} {when.text}" + (f" from {inv}." if inv else "."),
                   f"{when.text[0].upper() + when.text[1:]}, the company raised {x}{lab}" + (f" from {inv}." if inv else ".")]
        if label:
            options.append(f"It follows a {x} {label_phrase(label, 'en', r, attributive=True)} round {when.text}" + (f" backed by {inv}." if inv else "."))
    s = r.choice(options)
    d.add_round(amount=amount, evidence=s, investors=[inv] if inv else [], label=label, when=when)
    return s


# --------------------------------------------------------------------------- article kinds


def _context(d: Draft) -> tuple[str, tuple[str, str, str, str], str, str, str]:
    company = d.new_company()
    d.company = company
    d.founded = (d.pub or dt.date(2024, 1, 1)).year - d.rng.randint(1, 8)
    sector = d.sector()
    founder = d.person()
    if d.lang == "fr":
        city, adj = d.pick(CITIES_FR)
    else:
        city = d.pick(CITIES_EN)
        adj = city
    return company, sector, founder, city, adj


def announcement(d: Draft) -> None:
    r, fr = d.rng, d.lang == "fr"
    company, sector, founder, city, adj = _context(d)
    label = pick_label(d)
    lo, hi = LABEL_RANGES[label]
    amount = d.money(lo, hi)
    x = qualifier(d.lang, r, 0.15) + d.fmt(amount)
    alt = d.alternative(amount) if r.random() < 0.15 and amount.value >= 1e7 else None
    if alt:
        about = r.choice(["", "environ " if fr else "about ", "soit " if fr else "or "])
        x += f" ({about}{d.fmt(alt)})"
    when = news_when(r, d.pub, d.precision, d.lang)
    n_inv = r.choice([0, 1, 2, 2, 3, 4]) if label not in ("Pre-seed",) else r.choice([0, 1, 2])
    has_lead = r.random() < 0.8
    people = d.investors(n_inv + (1 if has_lead else 0), ("fund", "corporate", "public"))
    lead = people[0].text if has_lead else None
    others = [p.text for p in people[1:]] if has_lead else [p.text for p in people]
    if r.random() < 0.2 and label in ("Pre-seed", "Seed", "Series A"):
        others.append(d.person())  # a business angel
    lead_in_lead_sentence = lead is not None and r.random() < 0.5
    lab = label_phrase(label, d.lang, r)
    if fr:
        def lead_as(gender: str) -> str:
            if not lead_in_lead_sentence:
                return ""
            if gender == "f":
                return r.choice([f", menée par {lead}", f", emmenée par {lead}", f", avec {lead} comme chef de file"])
            if gender == "m":
                return r.choice([f", mené par {lead}", f", piloté par {lead}", f", avec {lead} comme chef de file"])
            return r.choice([f" lors d'un tour mené par {lead}", f", avec {lead} comme chef de file"])

        first = r.choice([
            f"{company}, {sector[0]}, annonce une levée de fonds de {x}{lab}{lead_as('f')}.",
            f"La start-up {adj} {company} a annoncé avoir levé {x}{lab}{lead_as('v')}.",
            f"{company} lève {x}{lab}{lead_as('v')}.",
            f"Nouvelle levée pour {company} : la société, {sector[0]}, sécurise {x}{lab}{lead_as('v')}.",
            f"{company}, {sector[0]} basée à {city}, a bouclé un tour de table de {x}{lab}{lead_as('m')}.",
        ] if not when.text else [
            f"{company}, {sector[0]}, a annoncé {when.text} une levée de fonds de {x}{lab}{lead_as('f')}.",
            f"La start-up {adj} {company} a annoncé {when.text} avoir levé {x}{lab}{lead_as('v')}.",
            f"{company} a finalisé {when.text} une levée de {x}{lab}{lead_as('f')}.",
            f"{company}, {sector[0]}, a bouclé {when.text} un tour de table de {x}{lab}{lead_as('m')}.",
        ])
    else:
        led = f", led by {lead}" if lead_in_lead_sentence else ""
        attr = label_phrase(label, "en", r, attributive=True)
        had = "has" if when.text == "today" else "had"
        first = r.choice([
            f"{company}, {a_an(city)} {city}-based {sector[1]}, has raised {x}{lab}{led}.",
            f"{city}-based {company} has closed {a_an(x)} {x} {attr + ' ' if attr else ''}funding round{led}.",
            f"{company}, {a_an(sector[1])} {sector[1]}, has secured {x} in fresh funding{led}.",
            f"{company} raises {x}{lab} to expand across Europe{led}.",
        ] if not when.text else [
            f"{company}, {a_an(city)} {city}-based {sector[1]}, said {when.text} it {had} raised {x}{lab}{led}.",
            f"{company} announced {when.text} that it has raised {x}{lab}{led}.",
            f"{city}-based {company} announced {when.text} {a_an(x)} {x} {attr + ' ' if attr else ''}funding round{led}.",
        ])
    inv_sentence = investor_sentence(d, company, lead, others, lead_in_lead_sentence)
    valuation = basis = None
    val_sentence = ""
    if r.random() < 0.3:
        valuation = d.money(amount.value / 1e6 * 3, amount.value / 1e6 * 15, amount.currency)
        basis = r.choice([None, None, "post", "pre"])
        val_sentence = valuation_sentence(d, company, valuation, basis, conditional=False)
    investments: list[dict[str, Any]] = []
    inv_extra = ""
    if people and r.random() < 0.2:
        target = r.choice([lead] if lead else [p.text for p in people])
        inv_extra, gold = investment_sentence(d, target, amount, stake_only=r.random() < 0.3)
        investments.append(gold)
    purpose = (r.choice([
        "Les fonds serviront à accélérer son développement commercial en Europe.",
        "Cet apport doit lui permettre de renforcer ses équipes de recherche et développement.",
        "L'argent servira à recruter et à se lancer sur le marché américain.",
    ]) if fr else r.choice([
        "The money will be used to expand its sales teams across Europe.",
        "The new funds will go towards research and development and hiring.",
        "The company will use the proceeds to enter the US market.",
    ]))
    d.add_round(amount=amount, evidence=first, alt=alt, valuation=valuation, basis=basis,
                leads=[lead] if lead else [], investors=others, investments=investments, label=label,
                when=when)
    d.para(first, purpose if r.random() < 0.5 else "")
    d.para(inv_sentence, val_sentence, inv_extra)
    filler_paragraphs(d, company, sector, founder, city, 1, 3)
    if r.random() < 0.45:
        d.para(recap_sentence(d, company, label, amount.value), filler(d, company, sector, founder, city))
    for _ in range(r.choice([0, 0, 1, 1, 2])):
        d.para(distractor_sentence(d, company), filler(d, company, sector, founder, city))
    filler_paragraphs(d, company, sector, founder, city, 0, 2)
    short = d.fmt(amount)
    d.title = (r.choice([f"{company} lève {short}", f"{company} boucle une levée de {short}",
                         f"{cap(sector[2])} : {company} réunit {short}"]) if fr
               else r.choice([f"{company} raises {short}", f"{company} lands {short} to grow in {sector[3]}",
                              f"{company} closes {short} round"]))
    if label:
        d.title += (f" en {label.replace('Series', 'série').replace('Seed', 'amorçage').replace('Pre-seed', 'pré-amorçage')}"
                    if fr else f" {label_phrase(label, 'en', r, attributive=True)}")


def rumour(d: Draft) -> None:
    r, fr = d.rng, d.lang == "fr"
    company, sector, founder, city, _ = _context(d)
    label = pick_label(d, allow_none=0.6)
    lo, hi = LABEL_RANGES[label]
    amount = d.money(max(lo, 10), max(hi, 20))
    x = d.fmt(amount)
    with_val = r.random() < 0.5
    valuation = d.money(amount.value / 1e6 * 4, amount.value / 1e6 * 15, amount.currency) if with_val else None
    v = d.fmt(valuation) if valuation else ""
    has_lead = r.random() < 0.6
    people = d.investors(r.choice([0, 1, 2]) + (1 if has_lead else 0), ("fund", "corporate"))
    lead = people[0].text if has_lead else None
    others = [p.text for p in people[1:]] if has_lead else [p.text for p in people]
    src = d.pick(MEDIA_FR if fr else MEDIA_EN)
    when = news_when(r, d.pub, d.precision, d.lang)
    lab = label_phrase(label, d.lang, r)
    # {REP}: the source, with the report day when ``when`` has a text; templates without it
    # date the rumour by the publication date.
    if fr:
        label_tail = lab if label else ""
        options = [
            f"{company} serait en discussions pour lever {x}{label_tail}, {{REP}}.",
            f"{company} s'apprêterait à boucler une levée de fonds de {x}, {{REP}}.",
            f"{company} négocierait une nouvelle levée de {x}{label_tail}, {{REP}}.",
            f"{company} pourrait lever jusqu'à {x}, {{REP}}.",
            f"{company} serait sur le point de lever {x}{label_tail}, d'après des sources proches du dossier.",
        ]
        if valuation:
            options.append(f"Selon {src}, {company} est en passe de lever {x}, ce qui valoriserait l'entreprise à {v}.")
        report = f"rapporte {src}" if not when.text else f"a rapporté {when.text} {src}"
    else:
        at = f" at {a_an(v)} {v} valuation" if valuation and r.random() < 0.5 else ""
        options = [
            f"{company} is in talks to raise {x}{at}, {{REP}}, citing people familiar with the matter.",
            f"{company} is nearing a deal to raise {x}{lab}{at}, according to {src}.",
            f"{company} could raise as much as {x}{at}, {{REP}}.",
            f"{company} is said to be raising {x}{lab}{at}, according to people familiar with the matter.",
        ]
        report = f"{src} reported" + (f" {when.text}" if when.text else "")
    first = r.choice(options)
    if label and lab not in first:
        label = None  # this wording does not name the round
    if "{REP}" in first:
        first = first.replace("{REP}", report)
    else:
        when = When(None, d.pub, d.precision)
    val_in_first = bool(valuation) and v in first
    inv_sentence = investor_sentence(d, company, lead, others, False, conditional=True)
    val_sentence = "" if (val_in_first or not valuation) else valuation_sentence(d, company, valuation, None, True)
    d.add_round(amount=amount, evidence=first, valuation=valuation, leads=[lead] if lead else [],
                investors=others, label=label, status="reported", when=when)
    no_comment = (r.choice([f"{company} n'a pas souhaité commenter.", "Contactée, la société n'a pas donné suite.",
                            "Les discussions sont toujours en cours et les termes pourraient encore évoluer."]) if fr
                  else r.choice([f"{company} declined to comment.", "The company did not respond to a request for comment.",
                                 "The talks are ongoing and terms could still change, the people said."]))
    d.para(first, val_sentence)
    d.para(inv_sentence, no_comment)
    filler_paragraphs(d, company, sector, founder, city, 1, 3)
    if r.random() < 0.5:
        d.para(recap_sentence(d, company, label, amount.value))
    if r.random() < 0.4:
        d.para(distractor_sentence(d, company), filler(d, company, sector, founder, city))
    filler_paragraphs(d, company, sector, founder, city, 0, 1)
    d.title = (f"{company} serait sur le point de lever {d.fmt(amount)}" if fr
               else f"{company} in talks to raise {d.fmt(amount)}")


def roundup(d: Draft) -> None:
    r, fr = d.rng, d.lang == "fr"
    d.company = None
    intro_market = distractor_sentence(d, "", "market")
    d.para(r.choice(["Comme chaque semaine, retour sur les principales levées de fonds de l'écosystème.",
                     "Voici les opérations marquantes de ces derniers jours."]) if fr else
           r.choice(["Here is our weekly roundup of the funding deals you may have missed.",
                     "Another busy week for European start-ups."]), intro_market)
    for _ in range(r.randint(3, 5)):
        company = d.new_company()
        sector = d.sector()
        label = pick_label(d, allow_none=0.35)
        lo, hi = LABEL_RANGES[label]
        amount = d.money(lo, min(hi, 400))
        x = d.fmt(amount)
        lab = label_phrase(label, d.lang, r)
        people = d.investors(r.choice([1, 2, 3]), ("fund", "corporate", "public"))
        has_lead = r.random() < 0.6
        lead = people[0].text if has_lead else None
        others = [p.text for p in (people[1:] if has_lead else people)]
        reported = r.random() < 0.12
        if fr:
            if reported:
                s1 = f"{company}, {sector[0]}, serait sur le point de lever {x}{lab}, selon {d.pick(MEDIA_FR)}."
            else:
                s1 = r.choice([f"{company}, {sector[0]}, lève {x}{lab}.",
                               f"{company} ({sector[0]}) a bouclé un tour de table de {x}{lab}.",
                               f"Du côté {de_fr(sector[2])}, {company} réunit {x}{lab}."])
        else:
            if reported:
                s1 = f"{company}, {a_an(sector[1])} {sector[1]}, is reportedly close to raising {x}{lab}, according to {d.pick(MEDIA_EN)}."
            else:
                s1 = r.choice([f"{company}, {a_an(sector[1])} {sector[1]}, raised {x}{lab}.",
                               f"{cap(sector[1])} {company} closed {x}{lab}.",
                               f"In {sector[3]}, {company} secured {x}{lab}."])
        s2 = investor_sentence(d, company, lead, others, False, conditional=reported)
        d.add_round(amount=amount, evidence=s1, leads=[lead] if lead else [], investors=others, label=label,
                    status="reported" if reported else "announced")
        d.para(s1, s2)
    d.para(distractor_sentence(d, "", "fund"))
    d.title = (r.choice(["Les levées de fonds de la semaine", "French Tech : les levées de la semaine"]) if fr
               else r.choice(["Funding roundup: this week's deals", "Weekly funding roundup"]))


def profile(d: Draft) -> None:
    """Company news without a new round, recalling its earlier rounds with dates."""
    r, fr = d.rng, d.lang == "fr"
    company, sector, founder, city, _ = _context(d)
    news = (r.choice([f"{company} lance une nouvelle version de sa plateforme, destinée aux grandes entreprises.",
                      f"{company}, {sector[0]}, s'implante en Allemagne.",
                      f"{company} annonce un partenariat avec un grand groupe industriel."]) if fr
            else r.choice([f"{company} is launching a new version of its platform aimed at large companies.",
                           f"{company}, {a_an(sector[1])} {sector[1]}, is expanding into Germany.",
                           f"{company} has announced a partnership with a large industrial group."]))
    d.para(news, filler(d, company, sector, founder, city))
    filler_paragraphs(d, company, sector, founder, city, 1, 2)
    labels = sorted(r.sample(LABEL_ORDER[1:5], r.randint(1, 3)), key=LABEL_ORDER.index)
    # one date per round, each later than the one before, none written twice
    whens: list[When] = []
    for _ in range(200):
        if len(whens) == len(labels):
            break
        w = past_when(r, d.pub, d.precision, d.lang)
        if all(w.text != o.text and w.date != o.date for o in whens):
            whens.append(w)
    whens.sort(key=lambda w: (w.date or dt.date.min))
    labels = labels[:len(whens)]
    sentences = []
    for label, when in zip(labels, whens, strict=True):
        lo, hi = LABEL_RANGES[label]
        amount = d.money(lo, hi)
        x = d.fmt(amount)
        lab = label_phrase(label, d.lang, r)
        inv = d.investors(1, ("fund", "public", "corporate"))[0].text if r.random() < 0.6 else None
        if fr:
            s = r.choice([
                f"{when.text[0].upper() + when.text[1:]}, {company} a levé {x}{lab}" + (f" auprès de {inv}." if inv else "."),
                f"La société avait réuni {x}{lab} {when.text}" + (f", un tour mené par {inv}." if inv else "."),
            ])
        else:
            s = r.choice([
                f"{when.text[0].upper() + when.text[1:]}, {company} raised {x}{lab}" + (f" led by {inv}." if inv else "."),
                f"The company had raised {x}{lab} {when.text}" + (f" from {inv}." if inv else "."),
            ])
        lead = [inv] if inv and ("mené par" in s or " led by " in s) else []
        d.add_round(amount=amount, evidence=s, leads=lead, investors=[inv] if inv else [], label=label, when=when)
        sentences.append(s)
    d.para(*sentences)
    if r.random() < 0.5:
        d.para(distractor_sentence(d, company, r.choice(["revenue", "acquisition", "rival_valuation"])))
    filler_paragraphs(d, company, sector, founder, city, 0, 2)
    d.title = news.split(",")[0].rstrip(".") if len(news) > 60 else news.rstrip(".")


def standalone_valuation(d: Draft) -> None:
    r, fr = d.rng, d.lang == "fr"
    company, sector, founder, city, _ = _context(d)
    value = d.money(500, 20000, "EUR" if fr and r.random() < 0.6 else "USD")
    v = d.fmt(value)
    secondary = r.random() < 0.5
    if secondary:
        sale = d.distract(d.fmt(d.money(20, value.value / 1e6 * 0.1, value.currency)))
        s = (r.choice([f"{company} est désormais valorisée à {v} à l'issue d'une cession de {sale} d'actions par ses salariés.",
                       f"Une vente d'actions secondaires de {sale} valorise {company} à {v}."]) if fr
             else r.choice([f"{company} is now valued at {v} after a {sale} secondary share sale by employees.",
                            f"A {sale} tender offer for staff shares values {company} at {v}."]))
        status = "announced"
    else:
        src = d.pick(MEDIA_FR if fr else MEDIA_EN)
        s = (f"{company} est désormais valorisée à {v}, selon {src}." if fr
             else f"{company} is now valued at {v}, according to {src}.")
        status = "reported"
    d.add_valuation(value, s, status=status)
    d.para(s, filler(d, company, sector, founder, city))
    filler_paragraphs(d, company, sector, founder, city, 1, 3)
    if r.random() < 0.5:
        d.para(recap_sentence(d, company, "Series C"))
    if r.random() < 0.5:
        d.para(distractor_sentence(d, company, r.choice(["revenue", "rival_valuation", "market"])))
    d.title = f"{company} valorisée {v}" if fr else f"{company} valued at {v}"


def company_news(d: Draft) -> None:
    """Figures that are not rounds only: infrastructure, plans, revenue, acquisitions, debt."""
    r, fr = d.rng, d.lang == "fr"
    company, sector, founder, city, _ = _context(d)
    kinds = r.sample(["infra", "plan", "revenue", "acquisition", "debt", "rival_valuation"], r.randint(2, 3))
    first = distractor_sentence(d, company, kinds[0])
    d.para(first, filler(d, company, sector, founder, city))
    filler_paragraphs(d, company, sector, founder, city, 1, 2)
    for kind in kinds[1:]:
        d.para(distractor_sentence(d, company, kind), filler(d, company, sector, founder, city))
    filler_paragraphs(d, company, sector, founder, city, 0, 2)
    d.title = (f"{company} accélère dans {sector[2]}" if fr else f"{company} steps up its push into {sector[3]}")


KINDS = [(announcement, 37), (rumour, 20), (roundup, 12), (profile, 12), (standalone_valuation, 9),
         (company_news, 10)]


# --------------------------------------------------------------------------- corpus


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def make_article(seed: int, index: int, names: Names) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Article ``index``: (text, manifest row, gold line); depends only on (seed, index)."""
    rng = random.Random(f"levee-bench:{seed}:{index}")
    lang = "fr" if rng.random() < 0.5 else "en"
    start = dt.date(2019, 1, 1)
    pub = start + dt.timedelta(days=rng.randint(0, (dt.date(2026, 6, 30) - start).days))
    r = rng.random()
    precision: str | None = "day" if r < 0.9 else ("month" if r < 0.97 else None)
    if precision == "month":
        pub = pub.replace(day=1)
    published = pub if precision else None
    d = Draft(rng, names, lang, published, precision)
    builder = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    d.kind = builder.__name__
    builder(d)
    publisher = rng.choice(PUBLISHERS_FR if lang == "fr" else PUBLISHERS_EN)
    file = f"{index:05d}_{lang}_{d.kind}.txt"
    url = f"https://{slug(publisher)}.example/{pub.year}/{pub.month:02d}/{slug(d.title)}-{index}"
    text = "\n\n".join(d.paragraphs) + "\n"
    row = {"file": file, "publisher": publisher, "title": d.title, "url": url,
           "published": published.isoformat() if published else "", "published_precision": precision or "",
           "language": lang}
    gold = {"file": file, "url": url, "language": lang, "company": d.company, "rounds": d.rounds,
            "valuations": d.valuations, "distractors": d.distractors}
    return text, row, gold


def write_corpus(n: int, out: Path, seed: int = 7) -> Path:
    """Write ``n`` articles, ``manifest.csv`` and ``gold.jsonl`` under ``out``; returns ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    names = Names()
    rows, golds = [], []
    for i in range(n):
        text, row, gold = make_article(seed, i, names)
        (out / row["file"]).write_text(text, encoding="utf-8")
        rows.append(row)
        golds.append(gold)
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "publisher", "title", "url", "published",
                                                    "published_precision", "language"])
        writer.writeheader()
        writer.writerows(rows)
    with (out / "gold.jsonl").open("w", encoding="utf-8") as handle:
        for gold in golds:
            handle.write(json.dumps(gold, ensure_ascii=False) + "\n")
    return out


def ensure_corpus(n: int, seed: int = 7, root: Path | None = None) -> Path:
    """``bench/corpus/N`` (seed 7), generated when missing or incomplete."""
    out = (root or Path(__file__).resolve().parent / "corpus") / (str(n) if seed == 7 else f"{n}_s{seed}")
    gold = out / "gold.jsonl"
    if not gold.is_file() or sum(1 for _ in gold.open(encoding="utf-8")) != n:
        write_corpus(n, out, seed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="number of articles (default 10,000)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default bench/corpus/N)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).resolve().parent / "corpus" / str(args.n)
    write_corpus(args.n, out, args.seed)
    gold = [json.loads(line) for line in (out / "gold.jsonl").open(encoding="utf-8")]
    langs = sum(g["language"] == "fr" for g in gold)
    print(f"{args.n} articles ({langs} fr, {args.n - langs} en), "
          f"{sum(len(g['rounds']) for g in gold)} rounds, {sum(len(g['valuations']) for g in gold)} "
          f"standalone valuations, {sum(len(g['distractors']) for g in gold)} distractors -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
