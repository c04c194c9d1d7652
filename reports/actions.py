"""The executive summary's three most urgent actions and the red flags, from the risk assessment.

Each action is a remediation code of config/obligations.yaml; config/risk.yaml orders them and this
module says when the findings call for each. Flags name a report_text key and a count.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reports.obligations import Obligations
from reports.people import People
from reports.risk import ItemRisk

URGENT = 3


@dataclass(frozen=True)
class Situation:
    risks: list[ItemRisk]
    people: People
    rules: Obligations
    deal: str | None
    jurisdictions: tuple[str, ...]
    audit_due: bool  # a threshold citing an audit duty is crossed


@dataclass(frozen=True)
class Action:
    code: str  # remediation code
    items: int  # items it concerns (0: the whole estate)


@dataclass(frozen=True)
class Flag:
    key: str  # report_text key, formatted with {n}
    count: int


def _items_with(situation: Situation, test: Callable[[ItemRisk], bool]) -> int:
    return sum(1 for risk in situation.risks if test(risk))


def _personal(risk: ItemRisk) -> bool:
    return risk.tier != "none"


_WHEN: dict[str, Callable[[Situation], int | bool]] = {
    "credentials": lambda s: _items_with(s, lambda r: "CREDENTIAL" in r.facts.entity_types),
    "access_control": lambda s: _items_with(s, lambda r: r.broad),
    "pci": lambda s: _items_with(s, lambda r: any(s.rules.entities[t].pci_dss for t in r.facts.entity_types
                                                  if t in s.rules.entities)),
    "minors": lambda s: _items_with(s, lambda r: r.facts.minors),
    "data_room": lambda s: s.deal == "acquisition" and _items_with(s, _personal),
    "deregistration": lambda s: s.deal == "deregistration" and _items_with(s, _personal),
    "minimise_delete": lambda s: _items_with(s, lambda r: r.stale),
    "separate_consent": lambda s: _items_with(s, lambda r: r.tier in ("special", "sensitive")
                                               and set(r.facts.entity_types) - {"CREDENTIAL"}),
    "cross_border": lambda s: len(s.jurisdictions) > 1 and _items_with(s, _personal),
    "audit": lambda s: s.audit_due or s.deal == "routine",
    "encrypt": lambda s: _items_with(s, lambda r: any(f.name == "plaintext" for f in r.factors)),
    "breach_readiness": lambda s: _items_with(s, lambda r: any(
        "breach_readiness" in s.rules.entities[t].remediation for t in r.facts.entity_types if t in s.rules.entities)),
    "inventory": lambda s: _items_with(s, _personal),
}


def urgent_actions(situation: Situation, order: tuple[str, ...], limit: int = URGENT) -> list[Action]:
    """The first ``limit`` actions in ``order`` that the findings call for."""
    actions = []
    for code in order:
        needed = _WHEN[code](situation)
        if needed:
            actions.append(Action(code, needed if isinstance(needed, int) and needed is not True else 0))
        if len(actions) == limit:
            break
    return actions


def red_flags(situation: Situation, not_scanned: int) -> list[Flag]:
    """What a deal lawyer must see first; only flags with a non-zero count."""
    s = situation
    flags = [
        Flag("flag_exposed_sensitive", _items_with(s, lambda r: r.broad and r.tier in ("special", "sensitive"))),
        Flag("flag_minors", s.people.minors or _items_with(s, lambda r: r.facts.minors)),
        Flag("flag_credentials", _WHEN["credentials"](s)),
        Flag("flag_cards", _WHEN["pci"](s)),
        Flag("flag_stale", 0 if s.deal == "deregistration" else _items_with(s, lambda r: r.stale)),
        Flag("flag_deregistration", _items_with(s, lambda r: r.stale) if s.deal == "deregistration" else 0),
        Flag("flag_foreign", s.people.foreign_people if "cn" in s.jurisdictions else 0),  # cites the PIPL
        Flag("flag_not_scanned", not_scanned),
    ]
    return [flag for flag in flags if flag.count]
