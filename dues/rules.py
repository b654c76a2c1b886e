"""The dues rules (DOMAIN.md §2) as versioned data, and the one function that applies them.

Each version carries the date it takes effect; the version in force on a date is the latest
one whose ``effective_from`` is not after it. A revision is a new entry in ``VERSIONS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def money(value) -> Decimal:
    """Decimal rounded half-up to the fen (0.01)."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Bracket:
    upper: Decimal | None  # inclusive upper bound; None: no upper bound
    rate: Decimal

    @property
    def label(self):
        return f"≤ {self.upper:,.2f} 元" if self.upper is not None else "超过上一档"


@dataclass(frozen=True)
class RuleVersion:
    """One version of the dues rules."""

    version: str
    effective_from: dt.date
    source: str
    salaried: tuple  # DUES-RATE: salaried members, on the monthly regular salary after tax (DUES-BASE)
    retired: tuple  # DUES-RETIRED: retirees, on the basic pension only
    flat: Decimal  # DUES-FLAT: students, unemployed, members on relief — per month
    cap: Decimal  # DUES-CAP: a monthly amount is at most this (voluntary extra payments are separate)
    back_limit: int  # DUES-BACK: a back-payment normally covers at most this many months
    warn_months: int  # arrears warning after this many consecutive unpaid months
    lapse_months: int  # DUES-LAPSE: this many consecutive unpaid months → a case for the branch


VERSIONS = (
    RuleVersion(
        version="2008",
        effective_from=dt.date(2008, 4, 1),
        source="《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）",
        salaried=(
            Bracket(Decimal("3000"), Decimal("0.005")),
            Bracket(Decimal("5000"), Decimal("0.01")),
            Bracket(Decimal("10000"), Decimal("0.015")),
            Bracket(None, Decimal("0.02")),
        ),
        retired=(
            Bracket(Decimal("5000"), Decimal("0.005")),
            Bracket(None, Decimal("0.01")),
        ),
        flat=Decimal("0.20"),
        cap=Decimal("1000.00"),
        back_limit=6,
        warn_months=3,
        lapse_months=6,
    ),
)


def version_on(on: dt.date) -> RuleVersion:
    """The rule version in force on ``on``."""
    found = [v for v in VERSIONS if v.effective_from <= on]
    return max(found, key=lambda v: v.effective_from) if found else VERSIONS[0]


SALARIED, RETIRED, FLAT = "salaried", "retired", "flat"


@dataclass(frozen=True)
class Calculation:
    """How a monthly amount was computed, for the member to see."""

    kind: str
    base: Decimal | None
    rate: Decimal | None
    bracket: str
    amount: Decimal
    capped: bool
    version: str

    @property
    def rate_percent(self):
        return f"{(self.rate * 100).normalize():f}" if self.rate is not None else ""

    @property
    def explanation(self):
        if self.kind == FLAT:
            return f"按规定每月交纳 {self.amount} 元（DUES-FLAT，{self.version} 版）"
        text = f"基数 {self.base:,.2f} 元，档次 {self.bracket}，比例 {self.rate_percent}%"
        if self.capped:
            text += f"，超过每月上限按 {self.amount} 元（DUES-CAP）"
        return f"{text}，每月 {self.amount} 元（{self.version} 版）"


def monthly_amount(kind: str, base, on: dt.date) -> Calculation:
    """The monthly dues for a member of ``kind`` with monthly ``base`` under the rules in force on ``on``."""
    rules = version_on(on)
    if kind == FLAT:
        return Calculation(kind, None, None, "固定标准", money(rules.flat), False, rules.version)
    if base is None:
        raise ValueError("按比例交纳的党员须填写计算基数。")
    base = money(base)
    brackets = rules.salaried if kind == SALARIED else rules.retired
    bracket = next(b for b in brackets if b.upper is None or base <= b.upper)
    amount = money(base * bracket.rate)
    capped = amount > rules.cap
    return Calculation(
        kind, base, bracket.rate, bracket.label, rules.cap if capped else amount, capped, rules.version
    )
