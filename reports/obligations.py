"""config/obligations.yaml: what each entity type obliges under PIPL, GDPR and related law, validated at load."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from detectors.vocabulary import ENTITY_TYPES
from reports.legal import CONTEXT_KEYS, LegalContext, load_context
from reports.validate import LANGUAGES as LANGUAGES  # re-exported: callers import it from here
from reports.validate import Text
from reports.validate import choice as _choice
from reports.validate import codes as _codes
from reports.validate import text as _text
from scanner.errors import ConfigError
from scanner.settings import check_keys, read_config, require

JURISDICTIONS = ("cn", "eu", "us")
_LAW_JURISDICTIONS = (*JURISDICTIONS, "contract")  # contract: PCI DSS, shown whatever --jurisdictions says
_CODE = re.compile(r"[a-z][a-z0-9_]*")
_LAW = re.compile(r"[A-Z][A-Z0-9_]*")
# CCPA: when an entity is §1798.140(ae) sensitive, and what it needs to be a §1798.81.5(d)(1) element.
CCPA_SENSITIVE = ("always", "never", "with_credentials")
CCPA_BREACH_ELEMENT = ("name", "with_name", "with_name_and_code", "with_password", "never")
_CLASSIFICATION_FIELDS = ("gbt35273_category", "pipl_sensitive", "gdpr_special_category", "gdpr_art_10",
                          "ccpa_sensitive", "ccpa_breach_element", "hipaa_identifier", "pci_dss")


@dataclass(frozen=True)
class Law:
    code: str  # "PIPL", "GDPR", "CSL", "PCI_DSS", ...
    name: Text
    jurisdiction: str  # one of _LAW_JURISDICTIONS
    note: Text | None  # renumbering, fine-cap wording, scope
    applies_if: Text | None = None  # a foreign law's condition of application, shown wherever the law is


@dataclass(frozen=True)
class Obligation:
    code: str
    law: str  # a code of the laws catalogue
    article: Text  # as the reference cites it, e.g. "Arts. 28–29", "Art. 5(1)(e)"
    title: Text
    text: Text
    unverified: bool  # the reference has not checked this text against the statute


@dataclass(frozen=True)
class Remediation:
    code: str
    title: Text
    steps: Text
    anchors: tuple[str, ...]  # obligation codes this step answers
    under: Mapping[str, Text]  # what one jurisdiction's law adds, shown only when it is chosen

    def text(self, lang: str, jurisdictions: tuple[str, ...]) -> str:
        """The steps, then what each chosen jurisdiction adds, in ``lang`` (Chinese sentences need no space)."""
        added = [self.under[j][lang] for j in jurisdictions if j in self.under]
        return ("" if lang == "zh" else " ").join([self.steps[lang], *added])


@dataclass(frozen=True)
class EntityRules:
    entity_type: str
    label: Text
    gbt35273_category: Text
    pipl_sensitive: bool  # PIPL Art. 28 (conservative where the reference says "treat as")
    gdpr_special_category: bool  # GDPR Art. 9
    gdpr_art_10: bool  # GDPR Art. 10: personal data relating to criminal convictions and offences
    personal: bool  # False for company data such as CN_USCC
    ccpa_sensitive: str  # CCPA_SENSITIVE
    ccpa_breach_element: str  # CCPA_BREACH_ELEMENT
    hipaa_identifier: int | None  # Safe Harbor identifier number 1-18 (45 CFR §164.514(b)(2)(i))
    pci_dss: bool  # cardholder data in PCI DSS scope
    unverified: tuple[str, ...]  # classification fields the reference marks unverified
    obligations: tuple[str, ...]
    remediation: tuple[str, ...]
    note: Text | None  # when the classification depends on context
    note_under: Mapping[str, Text] = field(default_factory=dict)  # what one jurisdiction's law adds to the note

    def notes(self, lang: str, jurisdictions: tuple[str, ...]) -> str:
        """The note, then what each chosen jurisdiction adds (a PRC-only report names no GDPR category)."""
        parts = [self.note[lang]] if self.note else []
        parts += [self.note_under[j][lang] for j in jurisdictions if j in self.note_under]
        return ("" if lang == "zh" else " ").join(parts)


@dataclass(frozen=True)
class Obligations:
    """The whole file: rules per entity type and the two catalogues their codes point into."""

    entities: Mapping[str, EntityRules]
    obligations: Mapping[str, Obligation]
    remediation: Mapping[str, Remediation]
    laws: Mapping[str, Law]
    context: LegalContext  # thresholds, penalties, cases and deal checklists

    def jurisdiction(self, obligation_code: str) -> str:
        return self.laws[self.obligations[obligation_code].law].jurisdiction

    def for_entity(self, entity_type: str) -> EntityRules:
        try:
            return self.entities[entity_type]
        except KeyError:
            raise KeyError(f"{entity_type!r} is not an entity type (known: {', '.join(self.entities)})") from None


def load_obligations(path: str | Path | None = None) -> Obligations:
    """The shipped config/obligations.yaml, or the file at ``path``; ConfigError names file and key."""
    data, label = read_config("obligations", path)
    check_keys(data, {"laws", "obligations", "remediation", "entities", *CONTEXT_KEYS}, label)
    laws = {code: _law(code, entry, label) for code, entry in _laws(data, label).items()}
    obligations = {code: _obligation(code, entry, laws, label) for code, entry in
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
    context = load_context(data, label, obligations, remediation)
    return Obligations(MappingProxyType(rules), MappingProxyType(obligations), MappingProxyType(remediation),
                       MappingProxyType(laws), context)


def _laws(data: dict, label: str) -> dict[str, dict]:
    laws = require(data, "laws", dict, label)
    for code in laws:
        if not isinstance(code, str) or not _LAW.fullmatch(code):
            raise ConfigError(f"{label}: laws: code {code!r} must be an UPPER_SNAKE_CASE name")
        require(laws, code, dict, label, "laws")
    return laws


def _law(code: str, entry: dict, label: str) -> Law:
    where = f"laws.{code}"
    check_keys(entry, {"name", "jurisdiction", "note", "applies_if"}, label, where)
    jurisdiction = _choice(entry, "jurisdiction", _LAW_JURISDICTIONS, label, where)
    return Law(code, _text(entry, "name", label, where), jurisdiction,
               *(_text(entry, key, label, where) if key in entry else None for key in ("note", "applies_if")))


def _catalogue(data: dict, key: str, label: str) -> dict[str, dict]:
    catalogue = require(data, key, dict, label)
    for code in catalogue:
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise ConfigError(f"{label}: {key}: code {code!r} must be a lower_snake_case name")
        require(catalogue, code, dict, label, key)
    return catalogue


def _obligation(code: str, entry: dict, laws: Mapping, label: str) -> Obligation:
    where = f"obligations.{code}"
    check_keys(entry, {"law", "article", "title", "text", "unverified"}, label, where)
    unverified = entry.get("unverified", False)
    if not isinstance(unverified, bool):
        raise ConfigError(f"{label}: '{where}.unverified' must be true or false, not {unverified!r}")
    return Obligation(code, _choice(entry, "law", tuple(laws), label, where), _text(entry, "article", label, where),
                      _text(entry, "title", label, where), _text(entry, "text", label, where), unverified)



def _remediation(code: str, entry: dict, obligations: Mapping, label: str) -> Remediation:
    where = f"remediation.{code}"
    check_keys(entry, {"title", "steps", "anchors", "under"}, label, where)
    under = require(entry, "under", dict, label, where) if "under" in entry else {}
    check_keys(under, set(JURISDICTIONS), label, f"{where}.under")
    return Remediation(code, _text(entry, "title", label, where), _text(entry, "steps", label, where),
                       _codes(entry, "anchors", obligations, "obligation", label, where),
                       MappingProxyType({j: _text(under, j, label, f"{where}.under") for j in JURISDICTIONS
                                         if j in under}))


def _entity(name: str, entry: dict, obligations: Mapping, remediation: Mapping, label: str) -> EntityRules:
    where = f"entities.{name}"
    check_keys(entry, {"label", "personal", *_CLASSIFICATION_FIELDS, "unverified", "obligations", "remediation",
                       "note", "note_under"}, label, where)
    under = require(entry, "note_under", dict, label, where) if "note_under" in entry else {}
    check_keys(under, set(JURISDICTIONS), label, f"{where}.note_under")
    hipaa = require(entry, "hipaa_identifier", (int, type(None)), label, where)
    if isinstance(hipaa, bool) or (hipaa is not None and not 1 <= hipaa <= 18):
        raise ConfigError(f"{label}: '{where}.hipaa_identifier' must be a Safe Harbor number 1-18 or null")
    rules = EntityRules(
        name, _text(entry, "label", label, where), _text(entry, "gbt35273_category", label, where),
        require(entry, "pipl_sensitive", bool, label, where),
        require(entry, "gdpr_special_category", bool, label, where), require(entry, "gdpr_art_10", bool, label, where),
        require(entry, "personal", bool, label, where),
        _choice(entry, "ccpa_sensitive", CCPA_SENSITIVE, label, where),
        _choice(entry, "ccpa_breach_element", CCPA_BREACH_ELEMENT, label, where), hipaa,
        require(entry, "pci_dss", bool, label, where),
        _codes(entry, "unverified", dict.fromkeys(_CLASSIFICATION_FIELDS), "field", label, where)
        if "unverified" in entry else (),
        _codes(entry, "obligations", obligations, "obligation", label, where),
        _codes(entry, "remediation", remediation, "remediation", label, where),
        _text(entry, "note", label, where) if "note" in entry else None,
        MappingProxyType({j: _text(under, j, label, f"{where}.note_under") for j in JURISDICTIONS if j in under}))
    if rules.personal and not rules.obligations:
        raise ConfigError(f"{label}: '{where}.obligations' must not be empty for personal information")
    return rules


