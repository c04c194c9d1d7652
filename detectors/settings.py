"""Loading and validating detector settings: config/detectors.yaml, overridden by a user's file."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
