"""Everything the report says about one scan, computed once for the HTML, JSON and CSV outputs."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reports.actions import Action, Flag, Situation, red_flags, urgent_actions
from reports.categories import CategoryRow, by_category
from reports.data import ScanData, load_scan
from reports.exposure import Maximum, Turnover, cases, statutory_maxima
from reports.legal import Case, DealStep, RetentionRule, Threshold
from reports.memo import Memo
from reports.obligations import JURISDICTIONS, Obligation, Obligations, load_obligations
from reports.people import People, count_people
from reports.risk import Copy, ItemRisk, SourceRisk, assess, by_source, copies, entity_tier, overall
from reports.risk_config import TIERS, RiskConfig, load_risk_config
from reports.summary import EntitySummary, by_entity, coverage

# Obligations whose crossing threshold makes a compliance audit due (not merely possible on order).
AUDIT_DUTIES = {"pipl_art_54_compliance_audit", "minors_reg_art_37_annual_audit"}


@dataclass(frozen=True)
class Options:
    deal: str | None = None  # acquisition | deregistration | routine
    jurisdictions: tuple[str, ...] = JURISDICTIONS
    turnover: Turnover | None = None
    retention_days: int | None = None  # overrides config/risk.yaml's retention_days for this report
    structure: str | None = None  # of an acquisition: share | asset | merger; None when not known
    memo: Memo = Memo()  # the cover page's parties

    def __post_init__(self):
        object.__setattr__(self, "jurisdictions", tuple(self.jurisdictions))


@dataclass(frozen=True)
class ThresholdRow:
    threshold: Threshold
    value: int  # counted
    crossed: bool
    may_cross: bool  # not crossed by the count, but by the sampled tables' upper estimate

    @property
    def status(self) -> str:
        """reached, may_reach (sampled tables), not_determined (the count is a lower bound) or not_reached."""
        if self.crossed or self.may_cross:
            return "reached" if self.crossed else "may_reach"
        return "not_determined" if self.threshold.lower_bound else "not_reached"


@dataclass(frozen=True)
class TriageRow:
    """Deregistration: what to do with one item holding personal information, proposed from its name."""
    risk: ItemRisk
    action: str  # delete | freeze | backup
    rule: RetentionRule | None  # the retention rule that matched; None: delete or anonymise


@dataclass(frozen=True)
class ObligationRow:
    obligation: Obligation
    triggered_by: tuple[str, ...]  # entity types found, "deal", "threshold"
    remediation: tuple[str, ...]  # remediation codes recommended here that answer it


@dataclass(frozen=True)
class Assessment:
    data: ScanData
    rules: Obligations
    config: RiskConfig
    options: Options
    people: People
    entities: list[EntitySummary]
    risks: list[ItemRisk]
    sources: list[SourceRisk]
    overall: str | None
    thresholds: list[ThresholdRow]
    maxima: list[Maximum]
    cases: list[Case]
    actions: list[Action]
    flags: list[Flag]
    obligations: dict[str, list[ObligationRow]]  # per law code, in the laws catalogue's order
    coverage: dict
    triage: list[TriageRow] = field(default_factory=list)  # deregistration only
    copies: list[Copy] = field(default_factory=list)  # sources whose file permissions describe a copy
    categories: list[CategoryRow] = field(default_factory=list)  # people by category of person, from names

    @property
    def items_with_pi(self) -> int:
        """Items holding personal information: not those with company data only (CN_USCC)."""
        return sum(risk.tier != "none" for risk in self.risks)


def build(out_dir: Path, scan_id: str | None = None, options: Options = Options()) -> Assessment:
    """Read the scan's Parquet files and manifest and assess them; the sources are never opened."""
    data = load_scan(out_dir, scan_id)
    rules, config = load_obligations(), load_risk_config()
    if options.retention_days is not None:
        config = replace(config, retention_days=options.retention_days)
    people = count_people(data.findings, rules, config.strong_identifiers, data.columns, config.health_information,
                          config.foreign_identifiers, config.property_information)
    risks = assess(data, rules, config, people, options.deal, options.jurisdictions)
    thresholds = _thresholds(rules, people, options.jurisdictions)
    audit_due = any(row.crossed and AUDIT_DUTIES & set(row.threshold.cite) for row in thresholds)
    situation = Situation(risks, people, rules, options.deal, options.jurisdictions, audit_due)
    gaps = coverage(data)
    return Assessment(
        data, rules, config, options, people, by_entity(data.findings), risks, by_source(risks, people),
        overall(risks), thresholds, statutory_maxima(rules, options.jurisdictions, people, options.turnover),
        cases(rules, options.jurisdictions), urgent_actions(situation, config.actions_for(options.deal)),
        red_flags(situation, len(gaps["gaps"])), _obligations(rules, risks, thresholds, options), gaps,
        triage(rules, risks, options), list(copies(data.items, config.copy_min_files).values()),
        by_category(data.findings, risks))


def triage(rules: Obligations, risks: list[ItemRisk], options: Options) -> list[TriageRow]:
    """For a deregistration, each item with personal information: frozen for the first retention rule
    its path or table name matches, else deleted (or anonymised)."""
    if not options.deal:
        return []
    rules_ = rules.context.deals[options.deal].retention
    rows = []
    for risk in risks:
        if risk.tier == "none":
            continue
        rule = next((r for r in rules_ if r.pattern.search(risk.facts.item)), None)
        rows.append(TriageRow(risk, rule.action if rule else "delete", rule))
    return rows if rules_ else []


def deal_steps(rules: Obligations, options: Options) -> list[DealStep]:
    """The checklist of the deal, for its structure (an acquisition's steps of an unknown structure
    when --structure is not given)."""
    if not options.deal:
        return []
    return [step for step in rules.context.deals[options.deal].steps if step.applies(options.structure)]


def shown(rules: Obligations, code: str, jurisdictions: tuple[str, ...]) -> bool:
    return rules.jurisdiction(code) in (*jurisdictions, "contract")


def _thresholds(rules: Obligations, people: People, jurisdictions: tuple[str, ...]) -> list[ThresholdRow]:
    rows = []
    for threshold in rules.context.thresholds.values():
        if not shown(rules, threshold.cite[0], jurisdictions):
            continue
        value = people.metric(threshold.metric)
        high = people.people_high if threshold.metric == "people" else value
        rows.append(ThresholdRow(threshold, value, threshold.crossed(value),
                                 not threshold.crossed(value) and threshold.crossed(high)))
    return rows


def _obligations(rules: Obligations, risks: list[ItemRisk], thresholds: list[ThresholdRow],
                 options: Options) -> dict[str, list[ObligationRow]]:
    found = sorted({t for r in risks for t in r.facts.entity_types if t in rules.entities},
                   key=lambda t: (TIERS.index(entity_tier(rules.entities[t], options.jurisdictions)), t))
    triggers: dict[str, list[str]] = {}
    for entity_type in found:
        for code in rules.entities[entity_type].obligations:
            triggers.setdefault(code, []).append(entity_type)
    recommended = {code for t in found for code in rules.entities[t].remediation}
    if options.deal and found:
        deal = rules.context.deals[options.deal]
        recommended.update(deal.remediation)
        for step in deal_steps(rules, options):
            for code in step.cite:
                triggers.setdefault(code, []).append("deal")
    for row in thresholds:
        if row.crossed:
            recommended.update(row.threshold.remediation)
            for code in row.threshold.cite:
                triggers.setdefault(code, []).append("threshold")
    grouped: dict[str, list[ObligationRow]] = {law: [] for law in rules.laws}
    for code, obligation in rules.obligations.items():
        if code in triggers and shown(rules, code, options.jurisdictions):
            answers = tuple(r for r in rules.remediation if r in recommended and code in rules.remediation[r].anchors)
            grouped[obligation.law].append(ObligationRow(obligation, tuple(dict.fromkeys(triggers[code])), answers))
    return {law: rows for law, rows in grouped.items() if rows}

