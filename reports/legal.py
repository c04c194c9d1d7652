"""The legal words of the report's people, exposure and deal sections, from config/obligations.yaml.

Thresholds say at how many individuals an obligation changes; penalties are statutory maxima;
cases are enforcement magnitudes; deals are the checklists ``--deal`` adds. Validated at load.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from reports.validate import Text, choice, codes, count, string, text
from scanner.errors import ConfigError
from scanner.settings import check_keys, require

CONTEXT_KEYS = ("thresholds", "penalties", "cases", "deals")
METRICS = ("people", "sensitive_people", "minors", "ccpa_records", "health_people", "foreign_people",
           "property_people")
DEALS = ("acquisition", "deregistration", "routine")
RETENTION_ACTIONS = ("freeze", "backup")
STRUCTURES = ("share", "asset", "merger")  # of an acquisition; None: not known, the checklist covers each
CURRENCIES = ("CNY", "EUR", "USD", "GBP")


@dataclass(frozen=True)
class Threshold:
    code: str
    metric: str  # METRICS
    minimum: int  # the smallest count that crosses it
    more_than: bool  # stated as "more than minimum - 1" (else "at least minimum"), shown as the law words it
    cite: tuple[str, ...]  # obligation codes
    text: Text
    remediation: tuple[str, ...]  # remediation codes recommended once it is crossed
    below: Text | None = None  # what still applies while it is not reached (never "nothing to do")
    lower_bound: Text | None = None  # why the count may miss people: not reached is then "not determined"

    def crossed(self, value: int) -> bool:
        return value >= self.minimum

    @property
    def stated(self) -> int:
        """The number as the law states it: 500 for "more than 500", 100,000 for "at least 100,000"."""
        return self.minimum - 1 if self.more_than else self.minimum


@dataclass(frozen=True)
class Penalty:
    code: str
    law: str
    article: Text
    kind: str  # "cap" (fixed and/or a share of turnover) or "per_person"
    currency: str
    fixed: int | None  # cap
    percent: int | None  # cap: share of the previous year's turnover
    combine: str | None  # cap: "or" (two alternatives, PIPL) or "higher" (GDPR)
    low: int | None  # per_person
    high: int | None  # per_person
    basis: str | None  # per_person: the metric counted
    text: Text


@dataclass(frozen=True)
class Case:
    code: str
    jurisdiction: str
    date: str
    currency: str
    amount: int
    name: Text
    text: Text


@dataclass(frozen=True)
class DealStep:
    cite: tuple[str, ...]
    text: Text
    warning: bool  # a red flag, shown first and in the executive summary
    structures: tuple[str, ...] = (*STRUCTURES, "unknown")  # the deal structures it applies to

    def applies(self, structure: str | None) -> bool:
        return (structure or "unknown") in self.structures


@dataclass(frozen=True)
class RetentionRule:
    """Deregistration triage: items whose name matches are frozen for a period (or are backups)."""
    pattern: re.Pattern
    action: str  # RETENTION_ACTIONS
    cite: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class Deal:
    title: Text
    steps: tuple[DealStep, ...]
    remediation: tuple[str, ...]  # remediation codes this deal recommends when personal information is found
    retention: tuple[RetentionRule, ...] = ()


@dataclass(frozen=True)
class LegalContext:
    thresholds: Mapping[str, Threshold]
    penalties: Mapping[str, Penalty]
    cases: Mapping[str, Case]
    deals: Mapping[str, Deal]


def load_context(data: dict, label: str, obligations: Mapping, remediation: Mapping) -> LegalContext:
    """The four sections of ``data`` (the parsed obligations file); codes must name known obligations
    and remediation steps."""
    sections = {key: require(data, key, dict, label) for key in CONTEXT_KEYS}
    thresholds = {c: _threshold(c, e, obligations, remediation, label)
                  for c, e in _entries(sections, "thresholds", label)}
    penalties = {c: _penalty(c, e, obligations, label) for c, e in _entries(sections, "penalties", label)}
    cases = {c: _case(c, e, label) for c, e in _entries(sections, "cases", label)}
    check_keys(sections["deals"], set(DEALS), label, "deals")
    deals = {name: _deal(name, require(sections["deals"], name, dict, label, "deals"), obligations, remediation,
                         label) for name in DEALS}
    return LegalContext(*(MappingProxyType(m) for m in (thresholds, penalties, cases, deals)))


def _entries(sections: dict, key: str, label: str):
    for code in sections[key]:
        yield code, require(sections[key], code, dict, label, key)


def _remediation(entry: dict, remediation: Mapping, label: str, where: str) -> tuple[str, ...]:
    return codes(entry, "remediation", remediation, "remediation", label, where) if "remediation" in entry else ()


def _threshold(code: str, entry: dict, obligations: Mapping, remediation: Mapping, label: str) -> Threshold:
    where = f"thresholds.{code}"
    check_keys(entry, {"metric", "at_least", "more_than", "cite", "text", "remediation", "below", "lower_bound"},
               label, where)
    if ("at_least" in entry) == ("more_than" in entry):
        raise ConfigError(f"{label}: '{where}' needs exactly one of at_least, more_than")
    minimum = (count(entry, "at_least", label, where, 1) if "at_least" in entry
               else count(entry, "more_than", label, where) + 1)
    return Threshold(code, choice(entry, "metric", METRICS, label, where), minimum, "more_than" in entry,
                     codes(entry, "cite", obligations, "obligation", label, where), text(entry, "text", label, where),
                     _remediation(entry, remediation, label, where),
                     *(text(entry, key, label, where) if key in entry else None for key in ("below", "lower_bound")))


def _penalty(code: str, entry: dict, obligations: Mapping, label: str) -> Penalty:
    where = f"penalties.{code}"
    kind = choice(entry, "kind", ("cap", "per_person"), label, where)
    kind_keys = {"cap": {"fixed", "percent", "combine"}, "per_person": {"low", "high", "basis"}}[kind]
    check_keys(entry, {"law", "article", "kind", "currency", "text", *kind_keys}, label, where)
    values = {key: None for key in ("fixed", "percent", "combine", "low", "high", "basis")}
    if kind == "cap":
        values.update(fixed=count(entry, "fixed", label, where, 1), percent=count(entry, "percent", label, where, 1),
                      combine=choice(entry, "combine", ("or", "higher"), label, where))
    else:
        values.update(low=count(entry, "low", label, where, 0), high=count(entry, "high", label, where, 1),
                      basis=choice(entry, "basis", METRICS, label, where))
        if values["low"] > values["high"]:
            raise ConfigError(f"{label}: '{where}.low' must not exceed '{where}.high'")
    return Penalty(code, string(entry, "law", label, where), text(entry, "article", label, where), kind,
                   choice(entry, "currency", CURRENCIES, label, where), text=text(entry, "text", label, where),
                   **values)


def _case(code: str, entry: dict, label: str) -> Case:
    where = f"cases.{code}"
    check_keys(entry, {"jurisdiction", "date", "currency", "amount", "name", "text"}, label, where)
    return Case(code, choice(entry, "jurisdiction", ("cn", "eu", "us"), label, where),
                string(entry, "date", label, where), choice(entry, "currency", CURRENCIES, label, where),
                count(entry, "amount", label, where, 1), text(entry, "name", label, where),
                text(entry, "text", label, where))


def _deal(name: str, entry: dict, obligations: Mapping, remediation: Mapping, label: str) -> Deal:
    where = f"deals.{name}"
    check_keys(entry, {"title", "steps", "remediation", "retention"}, label, where)
    steps = []
    for index, step in enumerate(require(entry, "steps", list, label, where)):
        at = f"{where}.steps[{index}]"
        if not isinstance(step, dict):
            raise ConfigError(f"{label}: '{at}' must be dict, not {type(step).__name__}")
        check_keys(step, {"cite", "text", "warning", "structures"}, label, at)
        warning = step.get("warning", False)
        if not isinstance(warning, bool):
            raise ConfigError(f"{label}: '{at}.warning' must be true or false, not {warning!r}")
        structures = (codes(step, "structures", dict.fromkeys((*STRUCTURES, "unknown")), "structure", label, at)
                      if "structures" in step else DealStep.structures)
        steps.append(DealStep(codes(step, "cite", obligations, "obligation", label, at),
                              text(step, "text", label, at), warning, structures))
    if not steps:
        raise ConfigError(f"{label}: '{where}.steps' must not be empty")
    return Deal(text(entry, "title", label, where), tuple(steps), _remediation(entry, remediation, label, where),
                tuple(_retention(rule, f"{where}.retention[{index}]", obligations, label)
                      for index, rule in enumerate(require(entry, "retention", list, label, where)
                                                   if "retention" in entry else [])))


def _retention(rule, where: str, obligations: Mapping, label: str) -> RetentionRule:
    if not isinstance(rule, dict):
        raise ConfigError(f"{label}: '{where}' must be dict, not {type(rule).__name__}")
    check_keys(rule, {"match", "action", "cite", "text"}, label, where)
    try:
        pattern = re.compile(string(rule, "match", label, where), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{label}: '{where}.match' is not a valid regular expression ({exc})") from None
    return RetentionRule(pattern, choice(rule, "action", RETENTION_ACTIONS, label, where),
                         codes(rule, "cite", obligations, "obligation", label, where), text(rule, "text", label, where))
