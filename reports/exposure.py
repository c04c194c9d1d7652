"""Statutory maxima for the report: ceilings from config/obligations.yaml, never predictions.

A cap with ``combine: or`` (PIPL Art. 66(2)) shows its two alternatives side by side; only a cap with
``combine: higher`` (GDPR Art. 83) takes the larger, and only when the turnover is in its currency —
piiaudit converts no currencies. A per-person amount is multiplied by the people counted for it.
"""
from __future__ import annotations

from dataclasses import dataclass

from reports.legal import Case, Penalty
from reports.obligations import Obligations
from reports.people import People


@dataclass(frozen=True)
class Turnover:
    amount: int
    currency: str


@dataclass(frozen=True)
class Maximum:
    penalty: Penalty
    share: int | None  # percent × turnover, in the turnover's currency
    share_currency: str | None
    ceiling: int | None  # "higher": max(fixed, share) when the currencies match
    people: int | None  # per_person: how many people it is counted for
    low: int | None  # per_person: total at the lowest amount
    high: int | None  # per_person: total at the highest amount


def statutory_maxima(rules: Obligations, jurisdictions: tuple[str, ...], people: People,
                     turnover: Turnover | None) -> list[Maximum]:
    """The penalties of the chosen jurisdictions, computed from the counts and the optional turnover."""
    maxima = []
    for penalty in rules.context.penalties.values():
        if rules.laws[penalty.law].jurisdiction not in jurisdictions:
            continue
        if penalty.kind == "per_person":
            count = people.metric(penalty.basis)
            maxima.append(Maximum(penalty, None, None, None, count, count * penalty.low, count * penalty.high))
            continue
        share = turnover.amount * penalty.percent // 100 if turnover else None
        ceiling = (max(penalty.fixed, share) if share is not None and penalty.combine == "higher"
                   and turnover.currency == penalty.currency else None)
        maxima.append(Maximum(penalty, share, turnover.currency if turnover else None, ceiling, None, None, None))
    return maxima


def cases(rules: Obligations, jurisdictions: tuple[str, ...]) -> list[Case]:
    """Enforcement cases of the chosen jurisdictions, largest amount first within each jurisdiction."""
    chosen = [c for c in rules.context.cases.values() if c.jurisdiction in jurisdictions]
    return sorted(chosen, key=lambda c: (jurisdictions.index(c.jurisdiction), -c.amount))
