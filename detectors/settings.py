"""Loading and validating detector settings: config/detectors.yaml, overridden by a user's file."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detectors.custom import CustomPattern
from scanner.errors import ConfigError
from scanner.settings import check_keys, read_config, require


@dataclass(frozen=True)
class DetectorSettings:
    spacy_model: str
    min_score: float
    thresholds: dict[str, float]
    disabled: frozenset[str]
    allow_list: frozenset[str]
    presidio_entities: dict[str, str]
    deny_list: dict[str, tuple[str, ...]]
    custom_recognizers: tuple[CustomPattern, ...]

    def threshold(self, entity_type: str) -> float:
        return self.thresholds.get(entity_type, self.min_score)


def _score(value: Any, label: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{label}: '{where}' must be a number between 0 and 1, not {value!r}")
    return float(value)


def _entity(name: Any, label: str, where: str) -> str:
    from detectors.vocabulary import ENTITY_TYPES

    if name not in ENTITY_TYPES:
        raise ConfigError(f"{label}: '{where}': {name!r} is not an entity type (valid: {', '.join(ENTITY_TYPES)})")
    return name


def _strings(value: Any, label: str, where: str) -> tuple[str, ...]:
    items = require({where: value}, where, list, label)
    if not all(isinstance(v, str) and v for v in items):
        raise ConfigError(f"{label}: '{where}' must be a list of non-empty strings")
    return tuple(items)


def _deny_list(value: Any, label: str, where: str) -> dict[str, tuple[str, ...]]:
    return {_entity(k, label, f"{where}.{k}"): _strings(v, label, f"{where}.{k}")
            for k, v in require({where: value}, where, dict, label).items()}


_CUSTOM_KEYS = {"name", "entity", "patterns", "context", "negative_context"}


def _regex(regex: str, label: str, where: str) -> str:
    try:
        re.compile(regex)
    except re.error as exc:
        raise ConfigError(f"{label}: '{where}' is not a valid regular expression ({exc})") from None
    if re.fullmatch(regex, ""):
        raise ConfigError(f"{label}: '{where}' matches the empty string")
    return regex


def _custom_pattern(entry: Any, label: str, where: str) -> CustomPattern:
    entry = require({where: entry}, where, dict, label)
    check_keys(entry, _CUSTOM_KEYS, label, where)
    name = require(entry, "name", str, label, where)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        raise ConfigError(f"{label}: '{where}.name' must be letters, digits and _ (it names the detector), "
                          f"not {name!r}")
    patterns = []
    for n, pattern in enumerate(require(entry, "patterns", list, label, where)):
        at = f"{where}.patterns[{n}]"
        pattern = require({at: pattern}, at, dict, label)
        check_keys(pattern, {"regex", "score"}, label, at)
        patterns.append((_regex(require(pattern, "regex", str, label, at), label, f"{at}.regex"),
                         _score(pattern.get("score", 0.5), label, f"{at}.score")))
    if not patterns:
        raise ConfigError(f"{label}: '{where}.patterns' needs at least one pattern")
    entity = _entity(require(entry, "entity", str, label, where), label, f"{where}.entity")
    return CustomPattern(name, entity, tuple(patterns),
                         *(_strings(entry.get(key, []), label, f"{where}.{key}")
                           for key in ("context", "negative_context")))


def _custom_recognizers(value: Any, label: str, where: str) -> tuple[CustomPattern, ...]:
    specs = tuple(_custom_pattern(entry, label, f"{where}[{n}]")
                  for n, entry in enumerate(require({where: value}, where, list, label)))
    names = [s.name for s in specs]
    for name in names:
        if names.count(name) > 1:
            raise ConfigError(f"{label}: '{where}': the name {name!r} is used twice")
    return specs


_PARSERS = {
    "spacy_model": lambda v, label, where: require({where: v}, where, str, label),
    "min_score": _score,
    "thresholds": lambda v, label, where: {
        _entity(k, label, f"{where}.{k}"): _score(s, label, f"{where}.{k}")
        for k, s in require({where: v}, where, dict, label).items()},
    "disabled": lambda v, label, where: frozenset(map(str, require({where: v}, where, list, label))),
    "allow_list": lambda v, label, where: frozenset(map(str, require({where: v}, where, list, label))),
    "presidio_entities": lambda v, label, where: {
        str(k): _entity(e, label, f"{where}.{k}") for k, e in require({where: v}, where, dict, label).items()},
    "deny_list": _deny_list,
    "custom_recognizers": _custom_recognizers,
}


def parse_section(data: Mapping[str, Any], label: str, key_path: str = "") -> dict[str, Any]:
    """Validate a (possibly partial) detectors mapping; errors name ``label`` and the key path."""
    check_keys(data, set(_PARSERS), label, key_path)
    prefix = f"{key_path}." if key_path else ""
    return {key: _PARSERS[key](value, label, prefix + key) for key, value in data.items()}


def load_detector_settings(overrides: Mapping[str, Any] | None = None,
                           overrides_label: str = "--config") -> DetectorSettings:
    """config/detectors.yaml, with ``overrides`` (a user's ``detectors:`` section) on top."""
    data, label = read_config("detectors")
    values = parse_section(data, label)
    missing = sorted(set(_PARSERS) - set(values))
    if missing:
        raise ConfigError(f"{label}: missing key '{missing[0]}'")
    values.update(parse_section(overrides or {}, overrides_label, "detectors"))
    return DetectorSettings(**values)
