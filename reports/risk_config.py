"""config/risk.yaml: the weights, thresholds and retention period of the risk model, validated at load."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from detectors.vocabulary import ENTITY_TYPES
from reports.legal import DEALS
from reports.validate import codes, count
from scanner.errors import ConfigError
from scanner.settings import check_keys, read_config, require

LEVELS = ("critical", "high", "medium", "low")  # worst first
TIERS = ("special", "sensitive", "personal", "none")
# Conditions reports/risk.py knows for picking urgent actions, by remediation code.
ACTIONS = ("credentials", "access_control", "pci", "minors", "data_room", "deregistration", "minimise_delete",
           "separate_consent", "cross_border", "audit", "encrypt", "breach_readiness", "inventory")


@dataclass(frozen=True)
class RiskConfig:
    retention_days: int
    strong_identifiers: tuple[str, ...]
    health_information: tuple[str, ...]  # whose people HIPAA's 500 counts
    foreign_identifiers: tuple[str, ...]  # identifiers issued abroad: a sign of transfers
    property_information: tuple[str, ...]  # the 2017 PI-crimes Interpretation's "50 items" category
    sensitivity: Mapping[str, int]  # per tier
    volume: tuple[tuple[int, int], ...]  # (at least N people, points), ascending
    exposure: int
    plaintext: int
    stale: int
    deal: Mapping[str, int]
    broad_exposure: tuple[re.Pattern, ...]
    levels: Mapping[str, int]  # lowest total per level except low
    urgent_actions: Mapping[str, tuple[str, ...]]  # per deal context, and "none" without one
    copy_min_files: int  # a filesystem source of at least this many files, all one owner and mode, is a copy

    def level(self, total: int) -> str:
        return next((name for name in LEVELS[:-1] if total >= self.levels[name]), "low")

    def actions_for(self, deal: str | None) -> tuple[str, ...]:
        """The order in which the summary picks its urgent actions in this deal context."""
        return self.urgent_actions[str(deal) if deal else "none"]


def load_risk_config(path: str | Path | None = None) -> RiskConfig:
    """The shipped config/risk.yaml, or the file at ``path``; ConfigError names file and key."""
    data, label = read_config("risk", path)
    check_keys(data, {"retention_days", "strong_identifiers", "health_information", "foreign_identifiers",
                      "property_information", "points", "broad_exposure",
                      "levels", "urgent_actions", "copy_min_files"}, label)
    points = require(data, "points", dict, label)
    check_keys(points, {"sensitivity", "volume", "exposure", "plaintext", "stale", "deal"}, label, "points")
    return RiskConfig(
        count(data, "retention_days", label, "", 1),
        codes(data, "strong_identifiers", dict.fromkeys(ENTITY_TYPES), "entity type", label, ""),
        codes(data, "health_information", dict.fromkeys(ENTITY_TYPES), "entity type", label, ""),
        codes(data, "foreign_identifiers", dict.fromkeys(ENTITY_TYPES), "entity type", label, ""),
        codes(data, "property_information", dict.fromkeys(ENTITY_TYPES), "entity type", label, ""),
        _points(points, "sensitivity", TIERS, label), _volume(points, label),
        count(points, "exposure", label, "points"), count(points, "plaintext", label, "points"),
        count(points, "stale", label, "points"), _points(points, "deal", DEALS, label),
        _patterns(data, label), _levels(data, label),
        _urgent_actions(data, label),
        count(data, "copy_min_files", label, "", 2))


def _points(points: dict, key: str, names: tuple[str, ...], label: str) -> Mapping[str, int]:
    table = require(points, key, dict, label, "points")
    check_keys(table, set(names), label, f"points.{key}")
    return MappingProxyType({name: count(table, name, label, f"points.{key}") for name in names})


def _volume(points: dict, label: str) -> tuple[tuple[int, int], ...]:
    steps = []
    for index, step in enumerate(require(points, "volume", list, label, "points")):
        where = f"points.volume[{index}]"
        if not isinstance(step, dict):
            raise ConfigError(f"{label}: '{where}' must be dict, not {type(step).__name__}")
        check_keys(step, {"at_least", "points"}, label, where)
        steps.append((count(step, "at_least", label, where, 1), count(step, "points", label, where)))
    if not steps or steps != sorted(steps) or len({s[0] for s in steps}) != len(steps):
        raise ConfigError(f"{label}: 'points.volume' must list at_least values in increasing order")
    return tuple(steps)


def _patterns(data: dict, label: str) -> tuple[re.Pattern, ...]:
    compiled = []
    for index, pattern in enumerate(require(data, "broad_exposure", list, label)):
        try:
            compiled.append(re.compile(pattern))
        except (TypeError, re.error) as exc:
            raise ConfigError(f"{label}: broad_exposure[{index}]: not a regular expression ({exc})") from None
    return tuple(compiled)


def _levels(data: dict, label: str) -> Mapping[str, int]:
    levels = require(data, "levels", dict, label)
    check_keys(levels, set(LEVELS[:-1]), label, "levels")
    minimums = [count(levels, name, label, "levels", 1) for name in LEVELS[:-1]]
    if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
        raise ConfigError(f"{label}: 'levels' must decrease strictly: critical > high > medium")
    return MappingProxyType(dict(zip(LEVELS[:-1], minimums, strict=True)))


def _urgent_actions(data: dict, label: str) -> Mapping[str, tuple[str, ...]]:
    """One order of actions per deal context (each deal gets its own three) and one without a deal."""
    orders = require(data, "urgent_actions", dict, label)
    check_keys(orders, {*DEALS, "none"}, label, "urgent_actions")
    return MappingProxyType({name: codes(orders, name, dict.fromkeys(ACTIONS), "action", label, "urgent_actions")
                             for name in (*DEALS, "none")})
