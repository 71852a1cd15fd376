"""The drafts extraction builds before emitting facts: a money figure with its role, a round with its figures and investors."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.extract.sentences import SentenceView
from analysis.model import (
    DateMention,
    Evidence,
    Investment,
    MoneyMention,
)


@dataclass
class Figure:
    """One money mention with what extraction decided about it."""

    mention: MoneyMention
    sentence: SentenceView
    lo: int  # clause window in article offsets
    hi: int
    role: str = "other"
    why: str | None = None
    company: str | None = None
    basis: str | None = None
    investor: str | None = None
    status: str = "announced"
    date: DateMention | None = None
    label: str | None = None
    primary: Figure | None = None
    owner: str | None = None  # the company a genitive names ("les 300 milliards d'OpenAI")
    round: RoundDraft | None = None
    unit_end: int | None = None  # end of the restatement that follows, if any
    company_by: str | None = None  # how ``company`` was found (see ``Evidence.company_found_by``)

    @property
    def value(self) -> float:
        return self.mention.money.value

    @property
    def currency(self) -> str | None:
        return self.mention.money.currency

    def evidence(self, role: str) -> Evidence:
        s = self.sentence
        return Evidence(s.text, s.start, s.end, self.mention.text, self.mention.start, self.mention.end, role,
                        self.company_by)


@dataclass
class RoundDraft:
    company: str | None
    figures: list[Figure] = field(default_factory=list)
    valuations: list[Figure] = field(default_factory=list)
    investments: dict[str, Investment] = field(default_factory=dict)
    leads: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    extra_evidence: list[Evidence] = field(default_factory=list)
    label: str | None = None
    date: DateMention | None = None
    first_at: int = 0
    status: str | None = None  # for a round known only from an investor sentence
    #: (investor, as a lead?) -> how it was found (see ``RoundFact.roles_found_by``)
    role_signals: dict[tuple[str, bool], str] = field(default_factory=dict)

    @property
    def amount_figure(self) -> Figure | None:
        return next((f for f in self.figures if f.role == "round"), None)

    def add_investor(self, name: str, lead: bool = False) -> None:
        if name not in self.investors:
            self.investors.append(name)
        if lead and name not in self.leads:
            self.leads.append(name)

    def note_role(self, name: str, lead: bool, how: str) -> None:
        """Record how ``name``'s part in the round (as a lead or not) was found, keeping the
        strongest way (``ROLE_SIGNALS``, strongest first)."""
        known = self.role_signals.get((name, lead))
        if known is None or ROLE_SIGNALS.index(how) < ROLE_SIGNALS.index(known):
            self.role_signals[(name, lead)] = how

    def roles_found_by(self, leads: list[str], investors: list[str]) -> dict[str, str]:
        """Investor -> how its final role was found (its lead signal for a lead)."""
        found = {}
        for name in investors:
            lead = name in leads
            how = self.role_signals.get((name, lead)) or self.role_signals.get((name, not lead))
            if how is not None:
                found[name] = how
        return found


#: How an investor's part in a round is found, strongest first (see ``RoundFact.roles_found_by``).
ROLE_SIGNALS = ("grammar", "share", "cue", "list")
