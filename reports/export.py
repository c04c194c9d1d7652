"""Machine-readable outputs of the report: a JSON summary and the CSV evidence table (masked values only)."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from reports.assessment import Assessment, shown
from reports.memo import EVIDENCE_REQUESTS
from reports.scope import scope

# The evidence columns an analyst gets: the masked value and where it is, never a raw value.
EVIDENCE_COLUMNS = ("source", "item", "location", "column", "entity_type", "masked_value", "score", "detector",
                    "language", "is_minor")
NOT_A_PREDICTION = "statutory maximum, not a prediction"
# Classification columns added after them, per jurisdiction shown ("" = always): the same fields the
# HTML classification table shows, so a spreadsheet can filter sensitive rows without a lookup.
CLASSIFICATION_COLUMNS = (("", "personal"), ("cn", "pipl_sensitive"), ("eu", "gdpr_special_category"),
                          ("eu", "gdpr_art_10"), ("us", "ccpa_sensitive"), ("us", "ccpa_breach_element"),
                          ("us", "hipaa_identifier"), ("", "pci_dss"))
UTF8_BOM = b"\xef\xbb\xbf"  # Excel reads a CSV as UTF-8 (Chinese paths and columns intact) only after it


def summary(a: Assessment) -> dict:
    """The report's figures as plain data, in English codes (labels are in config/obligations.yaml)."""
    rules, manifest = a.rules, a.data.manifest
    return {
        "scan": {key: manifest.get(key) for key in ("scan_id", "sources", "started_at", "finished_at", "status")},
        "later_interrupted": list(a.data.later_interrupted),
        "options": {"deal": a.options.deal, "structure": a.options.structure,
                    "jurisdictions": list(a.options.jurisdictions),
                    "turnover": asdict(a.options.turnover) if a.options.turnover else None,
                    "retention_days": a.config.retention_days},
        "memo": asdict(a.options.memo),
        "overall_risk": a.overall,
        "items_with_personal_information": a.items_with_pi,
        "counts": monitoring_counts(a),
        "people": {key: getattr(a.people, key) for key in
                   ("people", "minors", "sensitive_people", "ccpa_records", "health_people", "foreign_people",
                    "property_people", "people_high")},
        "entities": [{**asdict(e), **_classification(rules, e.entity_type)} for e in a.entities],
        "sources": [{"source": s.source, "level": s.level, "score": s.score, "items": s.items, "people": s.people}
                    for s in a.sources],
        "items": [{"source": r.facts.source, "item": r.facts.item, "kind": r.facts.kind, "level": r.level,
                   "score": r.score, "tier": r.tier, "people": r.facts.people,
                   "entity_types": sorted(r.facts.entity_types), "factors": [asdict(f) for f in r.factors]}
                  for r in a.risks],
        "thresholds": [{"code": t.threshold.code, "metric": t.threshold.metric, "minimum": t.threshold.minimum,
                        "value": t.value, "crossed": t.crossed, "may_cross": t.may_cross, "status": t.status,
                        "cite": list(t.threshold.cite)}
                       for t in a.thresholds],
        "statutory_maxima": [{"code": m.penalty.code, "law": m.penalty.law, "article": m.penalty.article["en"],
                              "kind": m.penalty.kind, "currency": m.penalty.currency, "fixed": m.penalty.fixed,
                              "percent": m.penalty.percent, "combine": m.penalty.combine, "share": m.share,
                              "share_currency": m.share_currency, "ceiling": m.ceiling, "people": m.people,
                              "low": m.low, "high": m.high, "note": NOT_A_PREDICTION} for m in a.maxima],
        "urgent_actions": [asdict(action) for action in a.actions],
        "red_flags": [{"flag": f.key.removeprefix("flag_"), "count": f.count} for f in a.flags],
        "obligations": [{"code": row.obligation.code, "law": law, "article": row.obligation.article["en"],
                         "unverified": row.obligation.unverified, "triggered_by": list(row.triggered_by),
                         "remediation": list(row.remediation)}
                        for law, rows in a.obligations.items() for row in rows],
        "coverage": a.coverage,
        "scope": asdict(scope(a.data.items, manifest.get("sources") or [], a.coverage)),
        "evidence_requests": [{"request": key, "cite": [c for c in codes if shown(rules, c, a.options.jurisdictions)]
                               or list(codes)} for key, codes in EVIDENCE_REQUESTS],
        "copies": [asdict(c) for c in a.copies],
        "person_categories": [asdict(row) for row in a.categories],
        "triage": [{"source": row.risk.facts.source, "item": row.risk.facts.item, "action": row.action,
                    "rule": row.rule.text["en"] if row.rule else None, "cite": list(row.rule.cite) if row.rule else []}
                   for row in a.triage],
    }


def monitoring_counts(a: Assessment) -> dict:
    """One flat block a monitoring system reads without walking the report: the overall level, items by
    status, findings by entity type and distinct people (the same figures as the sections below)."""
    findings = {e.entity_type: e.findings for e in a.entities}
    return {"overall_risk": a.overall, "items": dict(sorted(a.coverage["counts"].items())),
            "findings": dict(sorted(findings.items())), "findings_total": sum(findings.values()),
            "people": a.people.people, "items_with_personal_information": a.items_with_pi}


def _classification(rules, entity_type: str) -> dict:
    rule = rules.entities.get(entity_type)
    if rule is None:
        return {}
    return {"pipl_sensitive": rule.pipl_sensitive, "gdpr_special_category": rule.gdpr_special_category,
            "gdpr_art_10": rule.gdpr_art_10, "ccpa_sensitive": rule.ccpa_sensitive,
            "ccpa_breach_element": rule.ccpa_breach_element, "hipaa_identifier": rule.hipaa_identifier,
            "pci_dss": rule.pci_dss, "unverified": list(rule.unverified)}


def write_json(a: Assessment, output: Path) -> None:
    output.write_text(json.dumps(summary(a), indent=2, ensure_ascii=False, default=str), encoding="utf-8")


def write_csv(a: Assessment, output: Path, lang: str = "en") -> None:
    """Every finding's masked value and location, then its type's label, GB/T 35273 category and
    classification in the jurisdictions shown; UTF-8 with a BOM for Excel. Columns a store version
    lacks are left out."""
    findings = a.data.findings
    table = findings.select([c for c in EVIDENCE_COLUMNS if c in findings.column_names])
    types = list(a.rules.entities)
    index = pc.index_in(table["entity_type"], value_set=pa.array(types, pa.string()))
    rules = [a.rules.entities[t] for t in types]
    columns = {"entity_label": [r.label[lang] for r in rules],
               "gbt35273_category": [r.gbt35273_category[lang] for r in rules]}
    for jurisdiction, field in CLASSIFICATION_COLUMNS:
        if not jurisdiction or jurisdiction in a.options.jurisdictions:
            columns[field] = [getattr(r, field) for r in rules]
    for name, values in columns.items():
        table = table.append_column(name, pc.take(pa.array(values), index))
    with output.open("wb") as handle:
        handle.write(UTF8_BOM)
        pacsv.write_csv(table, handle)
