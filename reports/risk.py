"""The deterministic risk model: points per factor for each item with findings, levels per item and source.

Factors (weights in config/risk.yaml, explained in the report's appendix): sensitivity of the
categories found, volume (distinct people), broad exposure, plaintext sensitive values, staleness
against the retention period (PIPL Art. 47) and the deal context. Volume points grow with the
logarithm of the people, so adding points multiplies: people × sensitivity × exposure, one scale for
files and tables. Ties are broken by people affected, never by name. Staleness is measured from the
scan's start, never from the clock at rendering, so the same scan always gives the same levels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pyarrow.compute as pc

from reports.data import ScanData
from reports.obligations import JURISDICTIONS, EntityRules, Obligations
from reports.people import People
from reports.risk_config import LEVELS, TIERS, RiskConfig


@dataclass(frozen=True)
class ItemFacts:
    """What the model needs to know about one item."""

    source: str
    item: str
    kind: str
    entity_types: frozenset[str]
    minors: bool  # a finding of a child under 14
    people: int  # distinct people, or the table's estimated rows with a strong identifier if larger
    exposure: str | None
    modified_at: datetime | None
    copy: bool = False  # its source looks like a scanned copy: file permissions describe the copy


@dataclass(frozen=True)
class Factor:
    name: str  # sensitivity | volume | exposure | plaintext | stale | deal
    points: int
    detail: str  # the tier, the people count, the exposure text, the age in days, the deal


@dataclass(frozen=True)
class ItemRisk:
    facts: ItemFacts
    tier: str
    score: int
    level: str
    factors: tuple[Factor, ...]  # only those that scored or explain the score

    @property
    def broad(self) -> bool:
        return any(f.name == "exposure" for f in self.factors)

    @property
    def stale(self) -> bool:
        return any(f.name == "stale" for f in self.factors)


@dataclass(frozen=True)
class SourceRisk:
    source: str
    level: str
    score: int
    items: int  # with personal information, not company data only
    people: int  # distinct in this source; one person may be in several sources
    worst: tuple[ItemRisk, ...]  # up to three items, worst first


def rank(level: str) -> int:
    """0 for critical … 3 for low: sorts worst first."""
    return LEVELS.index(level)


def entity_tier(rule: EntityRules, jurisdictions: tuple[str, ...] = JURISDICTIONS) -> str:
    """special: GDPR Art. 9 (only when EU law is shown); sensitive: PIPL Art. 28 or a credential;
    personal; none: company data. Without the GDPR, PIPL Art. 28's list has no rank within it."""
    if rule.gdpr_special_category and "eu" in jurisdictions:
        return "special"
    if rule.pipl_sensitive or rule.entity_type == "CREDENTIAL":
        return "sensitive"
    return "personal" if rule.personal else "none"


def tier(facts: ItemFacts, rules: Obligations, jurisdictions: tuple[str, ...] = JURISDICTIONS) -> str:
    """The item's most sensitive tier. A child's information is sensitive (PIPL Art. 28: all of it), and
    special beside the GDPR's categories when EU law is shown."""
    if facts.minors:
        return "special" if "eu" in jurisdictions else "sensitive"
    tiers = [entity_tier(rules.entities[t], jurisdictions) for t in facts.entity_types if t in rules.entities]
    return min(tiers, key=TIERS.index, default="none")


def score_item(facts: ItemFacts, rules: Obligations, config: RiskConfig, deal: str | None,
               as_of: datetime | None, jurisdictions: tuple[str, ...] = JURISDICTIONS) -> ItemRisk:
    """Points per factor and the level they reach; a pure function of its arguments."""
    found_tier = tier(facts, rules, jurisdictions)
    personal = found_tier != "none"
    factors = [Factor("sensitivity", config.sensitivity[found_tier], found_tier)]
    if facts.people:
        points = max((p for least, p in config.volume if facts.people >= least), default=0)
        factors.append(Factor("volume", points, str(facts.people)))
    if personal and facts.exposure and not facts.copy and any(p.search(facts.exposure) for p in config.broad_exposure):
        factors.append(Factor("exposure", config.exposure, facts.exposure))
    if found_tier in ("special", "sensitive"):
        factors.append(Factor("plaintext", config.plaintext, found_tier))
    age = _age_days(facts.modified_at, as_of)
    if personal and (deal == "deregistration" or (age is not None and age > config.retention_days)):
        factors.append(Factor("stale", config.stale, "deregistration" if deal == "deregistration" else str(age)))
    if personal and deal and config.deal[deal]:
        factors.append(Factor("deal", config.deal[deal], deal))
    score = sum(f.points for f in factors)
    return ItemRisk(facts, found_tier, score, config.level(score), tuple(factors))


def _age_days(modified_at: datetime | None, as_of: datetime | None) -> int | None:
    if modified_at is None or as_of is None:
        return None
    return max((as_of - modified_at) // timedelta(days=1), 0)


def assess(data: ScanData, rules: Obligations, config: RiskConfig, people: People,
           deal: str | None, jurisdictions: tuple[str, ...] = JURISDICTIONS) -> list[ItemRisk]:
    """Every item with findings, worst first: score, then people affected (the CRM table of thousands
    before a file of one), then source and item for a stable order."""
    as_of = _scan_start(data.manifest)
    risks = [score_item(f, rules, config, deal, as_of, jurisdictions) for f in item_facts(data, people, config)]
    return sorted(risks, key=worst_first)


def worst_first(risk: ItemRisk) -> tuple:
    """The sort key of items: highest score, then most people, then source and item."""
    return (-risk.score, -risk.facts.people, risk.facts.source, risk.facts.item)


def by_source(risks: list[ItemRisk], people: People) -> list[SourceRisk]:
    """Each source at its worst item's level, worst first."""
    grouped: dict[str, list[ItemRisk]] = {}
    for risk in risks:
        grouped.setdefault(risk.facts.source, []).append(risk)
    sources = [SourceRisk(source, items[0].level, items[0].score, sum(i.tier != "none" for i in items),
                          people.by_source.get(source, 0),
                          tuple(items[:3])) for source, items in grouped.items()]
    return sorted(sources, key=lambda s: (-s.score, -s.people, s.source))


def overall(risks: list[ItemRisk]) -> str | None:
    """The worst level found, or None when nothing was found."""
    return min((r.level for r in risks), key=rank, default=None)


def reaches(level: str | None, threshold: str) -> bool:
    """Whether an overall ``level`` (None: nothing found) is ``threshold`` or worse."""
    return level is not None and rank(level) <= rank(threshold)


def _scan_start(manifest: dict) -> datetime | None:
    try:
        started = datetime.fromisoformat(manifest.get("started_at") or "")
    except (TypeError, ValueError):
        return None
    return started if started.tzinfo else started.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Copy:
    """A source whose files all share one owner, group and mode: a copy made for the scan (unpacked
    from an archive, copied by one account), whose permissions say nothing of the target's share."""
    source: str
    files: int
    owner: str
    group: str
    mode: str


_POSIX = re.compile(r"owner=(?P<owner>\S+) group=(?P<group>\S+) mode=(?P<mode>[0-7]{3,4})")


def copies(items: pa.Table, min_files: int) -> dict[str, Copy]:
    """Sources of at least ``min_files`` files whose POSIX permissions are all the same."""
    seen: dict[str, list[tuple[str, str, str]]] = {}
    for row in items.select(["source", "kind", "exposure"]).to_pylist():
        match = _POSIX.search(row["exposure"] or "") if row["kind"] in ("file", "archive_member", None) else None
        if match:
            seen.setdefault(row["source"], []).append((match["owner"], match["group"], match["mode"]))
    return {source: Copy(source, len(perms), *perms[0]) for source, perms in seen.items()
            if len(perms) >= min_files and len(set(perms)) == 1}


def item_facts(data: ScanData, people: People, config: RiskConfig) -> list[ItemFacts]:
    findings = data.findings
    if findings.num_rows == 0:
        return []
    if "is_minor" in findings.column_names:
        minor = pc.fill_null(findings["is_minor"], False)
    else:
        minor = pa.repeat(pa.scalar(False), findings.num_rows)
    table = findings.select(["source", "item", "entity_type"]).append_column("minor", minor)
    grouped = table.group_by(["source", "item"]).aggregate([("entity_type", "distinct"), ("minor", "any")])
    items = {(r["source"], r["item"]): r for r in data.items.to_pylist()}
    estimates = _table_estimates(data.columns, config.strong_identifiers)
    copied = copies(data.items, config.copy_min_files) if "exposure" in data.items.column_names else {}
    facts = []
    for row in grouped.to_pylist():
        key = (row["source"], row["item"])
        item = items.get(key, {})
        facts.append(ItemFacts(
            row["source"], row["item"], item.get("kind") or "file", frozenset(row["entity_type_distinct"]),
            bool(row["minor_any"]), max(people.by_item.get(key, 0), estimates.get(key, 0)),
            item.get("exposure"), item.get("modified_at"),
            row["source"] in copied and bool(_POSIX.search(item.get("exposure") or ""))))
    return facts


def _table_estimates(columns: pa.Table | None, strong: tuple[str, ...]) -> dict[tuple[str, str], int]:
    """Per table: the largest estimated row count of a strong identifier in one column."""
    if columns is None or columns.num_rows == 0 or "estimate" not in columns.column_names:
        return {}
    rows = columns.filter(pc.is_in(columns["entity_type"], pa.array(strong)))
    grouped = rows.group_by(["source", "item"]).aggregate([("estimate", "max")]).to_pylist()
    return {(r["source"], r["item"]): r["estimate_max"] or 0 for r in grouped}
