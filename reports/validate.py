"""Checks shared by the report's YAML loaders: texts in every language, codes from a catalogue, choices."""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from scanner.errors import ConfigError
from scanner.settings import check_keys, require

LANGUAGES = ("en", "zh")

Text = Mapping[str, str]  # one text per language of LANGUAGES, never empty


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def string(entry: dict, key: str, label: str, where: str) -> str:
    value = require(entry, key, str, label, where)
    if not value.strip():
        raise ConfigError(f"{label}: '{_path(where, key)}' must not be empty")
    return value


def text(entry: dict, key: str, label: str, where: str) -> Text:
    texts = require(entry, key, dict, label, where)
    check_keys(texts, set(LANGUAGES), label, _path(where, key))
    return MappingProxyType({lang: string(texts, lang, label, _path(where, key)) for lang in LANGUAGES})


def codes(entry: dict, key: str, known: Mapping, kind: str, label: str, where: str) -> tuple[str, ...]:
    values = require(entry, key, list, label, where)
    for index, code in enumerate(values):
        if not isinstance(code, str) or code not in known:
            raise ConfigError(f"{label}: {_path(where, key)}[{index}]: unknown {kind} {code!r} "
                              f"(known: {', '.join(known)})")
        if code in values[:index]:
            raise ConfigError(f"{label}: {_path(where, key)}[{index}]: {kind} {code!r} is listed twice")
    return tuple(values)


def choice(entry: dict, key: str, valid: tuple[str, ...], label: str, where: str) -> str:
    value = require(entry, key, str, label, where)
    if value not in valid:
        raise ConfigError(f"{label}: '{_path(where, key)}' is {value!r}; valid values: {', '.join(valid)}")
    return value


def count(entry: dict, key: str, label: str, where: str, minimum: int = 0) -> int:
    """A whole number >= minimum (YAML's true/false are not numbers here)."""
    value = require(entry, key, int, label, where)
    if isinstance(value, bool) or value < minimum:
        raise ConfigError(f"{label}: '{_path(where, key)}' must be a whole number >= {minimum}, not {value!r}")
    return value
