"""config/obligations.yaml: what each entity type obliges under PIPL, GDPR and related law, validated at load."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from detectors.vocabulary import ENTITY_TYPES
from scanner.errors import ConfigError
from scanner.settings import check_keys, read_config, require

LANGUAGES = ("en", "zh")
_CODE = re.compile(r"[a-z][a-z0-9_]*")

Text = Mapping[str, str]  # one text per language of LANGUAGES, never empty


@dataclass(frozen=True)
class Obligation:
    code: str
    law: str  # "PIPL", "GDPR", "CSL", "NDSR"
    article: str  # as the reference cites it, e.g. "Arts. 28–29", "Art. 5(1)(e)"
    title: Text
    text: Text
    unverified: bool  # the reference has not checked this text against the statute


@dataclass(frozen=True)
class Remediation:
    code: str
    title: Text
    steps: Text
    anchors: tuple[str, ...]  # obligation codes this step answers


@dataclass(frozen=True)
class EntityRules:
    entity_type: str
    label: Text
    gbt35273_category: Text
    pipl_sensitive: bool  # PIPL Art. 28 (conservative where the reference says "treat as")
    gdpr_special_category: bool  # GDPR Art. 9
    personal: bool  # False for company data such as CN_USCC
    obligations: tuple[str, ...]
    remediation: tuple[str, ...]
    note: Text | None  # when the classification depends on context


@dataclass(frozen=True)
class Obligations:
    """The whole file: rules per entity type and the two catalogues their codes point into."""

    entities: Mapping[str, EntityRules]
    obligations: Mapping[str, Obligation]
    remediation: Mapping[str, Remediation]

    def for_entity(self, entity_type: str) -> EntityRules:
        try:
            return self.entities[entity_type]
        except KeyError:
            raise KeyError(f"{entity_type!r} is not an entity type (known: {', '.join(self.entities)})") from None


def load_obligations(path: str | Path | None = None) -> Obligations:
    """The shipped config/obligations.yaml, or the file at ``path``; ConfigError names file and key."""
    data, label = read_config("obligations", path)
    check_keys(data, {"obligations", "remediation", "entities"}, label)
    obligations = {code: _obligation(code, entry, label) for code, entry in
                   _catalogue(data, "obligations", label).items()}
    remediation = {code: _remediation(code, entry, obligations, label) for code, entry in
                   _catalogue(data, "remediation", label).items()}
    entities = require(data, "entities", dict, label)
    check_keys(entities, set(ENTITY_TYPES), label, "entities")
    missing = [name for name in ENTITY_TYPES if name not in entities]
    if missing:
        raise ConfigError(f"{label}: entities: missing entity type '{missing[0]}' "
                          f"(every one of: {', '.join(ENTITY_TYPES)})")
    rules = {name: _entity(name, require(entities, name, dict, label, "entities"), obligations, remediation, label)
             for name in ENTITY_TYPES}
    return Obligations(MappingProxyType(rules), MappingProxyType(obligations), MappingProxyType(remediation))


def _catalogue(data: dict, key: str, label: str) -> dict[str, dict]:
    catalogue = require(data, key, dict, label)
    for code in catalogue:
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise ConfigError(f"{label}: {key}: code {code!r} must be a lower_snake_case name")
        require(catalogue, code, dict, label, key)
    return catalogue


def _obligation(code: str, entry: dict, label: str) -> Obligation:
    where = f"obligations.{code}"
    check_keys(entry, {"law", "article", "title", "text", "unverified"}, label, where)
    unverified = entry.get("unverified", False)
    if not isinstance(unverified, bool):
        raise ConfigError(f"{label}: '{where}.unverified' must be true or false, not {unverified!r}")
    return Obligation(code, _string(entry, "law", label, where), _string(entry, "article", label, where),
                      _text(entry, "title", label, where), _text(entry, "text", label, where), unverified)


def _remediation(code: str, entry: dict, obligations: Mapping, label: str) -> Remediation:
    where = f"remediation.{code}"
    check_keys(entry, {"title", "steps", "anchors"}, label, where)
    return Remediation(code, _text(entry, "title", label, where), _text(entry, "steps", label, where),
                       _codes(entry, "anchors", obligations, "obligation", label, where))


def _entity(name: str, entry: dict, obligations: Mapping, remediation: Mapping, label: str) -> EntityRules:
    where = f"entities.{name}"
    check_keys(entry, {"label", "gbt35273_category", "pipl_sensitive", "gdpr_special_category", "personal",
                       "obligations", "remediation", "note"}, label, where)
    rules = EntityRules(
        name, _text(entry, "label", label, where), _text(entry, "gbt35273_category", label, where),
        require(entry, "pipl_sensitive", bool, label, where),
        require(entry, "gdpr_special_category", bool, label, where), require(entry, "personal", bool, label, where),
        _codes(entry, "obligations", obligations, "obligation", label, where),
        _codes(entry, "remediation", remediation, "remediation", label, where),
        _text(entry, "note", label, where) if "note" in entry else None)
    if rules.personal and not rules.obligations:
        raise ConfigError(f"{label}: '{where}.obligations' must not be empty for personal information")
    return rules


def _string(entry: dict, key: str, label: str, where: str) -> str:
    value = require(entry, key, str, label, where)
    if not value.strip():
        raise ConfigError(f"{label}: '{where}.{key}' must not be empty")
    return value


def _text(entry: dict, key: str, label: str, where: str) -> Text:
    texts = require(entry, key, dict, label, where)
    check_keys(texts, set(LANGUAGES), label, f"{where}.{key}")
    return MappingProxyType({lang: _string(texts, lang, label, f"{where}.{key}") for lang in LANGUAGES})


def _codes(entry: dict, key: str, known: Mapping, kind: str, label: str, where: str) -> tuple[str, ...]:
    codes = require(entry, key, list, label, where)
    for index, code in enumerate(codes):
        if not isinstance(code, str) or code not in known:
            raise ConfigError(f"{label}: {where}.{key}[{index}]: unknown {kind} {code!r} "
                              f"(known: {', '.join(known)})")
        if code in codes[:index]:
            raise ConfigError(f"{label}: {where}.{key}[{index}]: {kind} {code!r} is listed twice")
    return tuple(codes)
