"""Scan configuration: config/scan.yaml defaults, then a user's --config file, then command-line flags."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.connectors import DatabaseOptions, SourceOptions
from scanner.errors import ConfigError
from scanner.executor import UnitLimits
from scanner.extract.members import Limits
from scanner.pipeline import ScanOptions
from scanner.settings import check_keys, read_config, require

LANGUAGES = ("auto", "en", "zh")
_NUMBER_KEYS = ("sample_rows", "max_file_mb", "workers", "item_timeout_s", "worker_memory_mb", "part_items",
                "part_seconds")
_SCAN_KEYS = {*_NUMBER_KEYS, "language", "include", "exclude", "databases", "archives"}
_GLOB_KEYS = ("include_schemas", "exclude_schemas", "include_tables", "exclude_tables")
_DATABASE_KEYS = {*_GLOB_KEYS, "statement_timeout_s", "sample_seed"}
# archives: key in the YAML → (Limits field, unit in bytes or 1)
_ARCHIVE_KEYS = {"max_depth": ("max_depth", 1), "max_total_mb": ("max_total_bytes", 2**20),
                 "max_ratio": ("max_ratio", 1), "max_members": ("max_members", 1)}


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _positive(section: dict, key: str, label: str, where: str) -> int:
    value = require(section, key, int, label, where)
    if isinstance(value, bool) or value < 1:
        raise ConfigError(f"{label}: '{_path(where, key)}' must be a whole number of at least 1, not {value!r}")
    return value


def _scan_section(section: dict, label: str, where: str) -> dict[str, Any]:
    check_keys(section, _SCAN_KEYS, label, where)
    values: dict[str, Any] = {}
    for key in _NUMBER_KEYS:
        if key in section:
            values[key] = _positive(section, key, label, where)
    if "language" in section and section["language"] not in LANGUAGES:
        raise ConfigError(f"{label}: '{_path(where, 'language')}' must be one of {', '.join(LANGUAGES)}")
    if "language" in section:
        values["language"] = section["language"]
    for key in ("include", "exclude"):
        if key in section:
            values[key] = tuple(map(str, require(section, key, list, label, where)))
    for key, parse in (("databases", _databases_section), ("archives", _archives_section)):
        if key in section:
            values[key] = parse(require(section, key, dict, label, where), label, _path(where, key))
    return values


def _archives_section(section: dict, label: str, where: str) -> dict[str, int]:
    check_keys(section, set(_ARCHIVE_KEYS), label, where)
    return {field: _positive(section, key, label, where) * unit
            for key, (field, unit) in _ARCHIVE_KEYS.items() if key in section}


def _databases_section(section: dict, label: str, where: str) -> dict[str, Any]:
    check_keys(section, _DATABASE_KEYS, label, where)
    values: dict[str, Any] = {key: tuple(map(str, require(section, key, list, label, where)))
                              for key in _GLOB_KEYS if key in section}
    if "statement_timeout_s" in section:
        values["statement_timeout_s"] = _positive(section, "statement_timeout_s", label, where)
    seed = section.get("sample_seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ConfigError(f"{label}: '{_path(where, 'sample_seed')}' must be null or a whole number of at least 0, "
                          f"not {seed!r}")
    if "sample_seed" in section:
        values["sample_seed"] = seed
    return values


def load_scan_config(path: str | Path | None = None) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(scan values, detectors overrides, label of the user's file) after validation."""
    defaults, default_label = read_config("scan")
    values = _scan_section(defaults, default_label, "")
    if path is None:
        return values, {}, ""
    user, label = read_config("user", path)
    check_keys(user, {"scan", "detectors"}, label)
    user_values = _scan_section(require(user, "scan", dict, label) if "scan" in user else {}, label, "scan")
    # databases and archives: merged key by key, so a user naming one key keeps the shipped others.
    for key in ("databases", "archives"):
        user_values[key] = {**values.get(key, {}), **user_values.get(key, {})}
    values.update(user_values)
    detectors = require(user, "detectors", dict, label) if "detectors" in user else {}
    from detectors.settings import parse_section

    parse_section(detectors, label, "detectors")  # fail now, at the edge, not in a worker
    return values, detectors, label


def scan_options(values: dict[str, Any], detectors: dict[str, Any], detectors_label: str,
                 full_tables: bool) -> ScanOptions:
    source = SourceOptions(sample_rows=values["sample_rows"], full_tables=full_tables,
                           max_file_bytes=values["max_file_mb"] * 2**20, exclude=values["exclude"],
                           include=values["include"],
                           databases=DatabaseOptions(**values.get("databases", {})),
                           archives=Limits(**values.get("archives", {})))
    limits = UnitLimits(item_timeout_s=values["item_timeout_s"], worker_memory_mb=values["worker_memory_mb"])
    return ScanOptions(source=source, workers=values["workers"], language=values["language"], limits=limits,
                       part_items=values["part_items"], part_seconds=values["part_seconds"],
                       cluster=values.get("cluster"),
                       detectors=detectors, detectors_label=detectors_label)
