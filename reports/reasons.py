"""The scanner's English reasons and sampling descriptions in the report's language, from
config/report_reasons.yaml: anchored patterns with named groups, each mapped to a Chinese template."""
from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import ConfigError
from scanner.settings import check_keys, read_config, require

KINDS = ("reasons", "sampling")
# A reason may start with the item's name: "archive/old.zip: password-protected zip (…)".
_ITEM = r"(?:(?P<item>.+?): )?"


@dataclass(frozen=True)
class Pattern:
    match: re.Pattern
    zh: str


@functools.lru_cache(maxsize=2)
def load_patterns(path: Path | None = None) -> dict[str, tuple[Pattern, ...]]:
    """The shipped patterns (or those at ``path``); a bad regex or template names file and key."""
    data, label = read_config("report_reasons", path)
    check_keys(data, set(KINDS), label)
    return {kind: tuple(_pattern(entry, label, f"{kind}[{index}]", kind)
                        for index, entry in enumerate(require(data, kind, list, label)))
            for kind in KINDS}


def _pattern(entry, label: str, where: str, kind: str) -> Pattern:
    entry = require({where: entry}, where, dict, label)
    check_keys(entry, {"match", "zh"}, label, where)
    source, zh = require(entry, "match", str, label, where), require(entry, "zh", str, label, where)
    try:
        compiled = re.compile((_ITEM if kind == "reasons" else "") + f"(?:{source})")
    except re.error as exc:
        raise ConfigError(f"{label}: '{where}.match' is not a valid regular expression ({exc})") from None
    groups = set(compiled.groupindex) - {"item"}
    fields = sorted({name for _, name, _, _ in string.Formatter().parse(zh) if name is not None} - groups)
    if fields:
        raise ConfigError(f"{label}: '{where}.zh' uses {{{fields[0]}}}, which is not a named group of its match "
                          f"(groups: {', '.join(sorted(groups)) or 'none'})")
    return Pattern(compiled, zh)


def translate(text: str | None, kind: str, lang: str) -> str:
    """``text`` (a reason or a sampling description) in ``lang``; text no pattern matches is unchanged."""
    if not text or lang != "zh":
        return text or ""
    for pattern in load_patterns()[kind]:
        match = pattern.match.fullmatch(text)
        if match:
            groups = {name: value or "" for name, value in match.groupdict().items()}
            words = pattern.zh.format(**groups)
            return f"{groups['item']}：{words}" if groups.get("item") else words
    return text
