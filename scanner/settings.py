"""Reading the shipped YAML in config/ and user-named YAML files, with errors that name file and key."""
from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from scanner.errors import ConfigError

_PACKAGE = "piiaudit_config"  # config/ installs under this name, see setup.cfg


def read_config(name: str, path: str | Path | None = None) -> tuple[dict, str]:
    """Return (mapping, label) for the shipped ``config/<name>.yaml``, or for ``path`` when given.

    A path the user names that is missing is an error, never a silent fallback to the defaults.
    """
    if path is not None:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{label}: file not found") from None
        except OSError as exc:
            raise ConfigError(f"{label}: cannot read ({exc.strerror})") from None
    else:
        label = f"config/{name}.yaml"
        text = files(_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{label}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{label}: the top level must be a mapping")
    return data, label


def check_keys(mapping: Mapping[str, Any], allowed: set[str], label: str, key_path: str = "") -> None:
    """Reject keys not in ``allowed``, naming the file, the key path and the valid keys."""
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        where = f"{key_path}." if key_path else ""
        raise ConfigError(
            f"{label}: unknown key '{where}{unknown[0]}' (valid keys: {', '.join(sorted(allowed))})"
        )


def require(mapping: Mapping[str, Any], key: str, kind: type | tuple, label: str, key_path: str = "") -> Any:
    """Return ``mapping[key]``, raising ConfigError when it is missing or of the wrong type."""
    where = f"{key_path}.{key}" if key_path else key
    if key not in mapping:
        raise ConfigError(f"{label}: missing key '{where}'")
    value = mapping[key]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{label}: '{where}' must be {names}, not {type(value).__name__}")
    return value
