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

    @property
    def value(self) -> float:
        return self.mention.money.value

    @property
    def currency(self) -> str | None:
        return self.mention.money.currency

    def evidence(self, role: str) -> Evidence:
        s = self.sentence
        return Evidence(s.text, s.start, s.end, self.mention.text, self.mention.start, self.mention.end, role)


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

    @property
    def amount_figure(self) -> Figure | None:
        return next((f for f in self.figures if f.role == "round"), None)

    def add_investor(self, name: str, lead: bool = False) -> None:
        if name not in self.investors:
            self.investors.append(name)
        if lead and name not in self.leads:
            self.leads.append(name)
