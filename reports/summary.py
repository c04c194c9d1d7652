"""From one scan's Parquet rows to the figures the report shows, computed with Arrow, not row by row."""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from reports.data import ScanData

EVIDENCE_PER_TYPE = 25


@dataclass(frozen=True)
class EntitySummary:
    entity_type: str
    findings: int
    distinct_values: int
    items: int


@dataclass(frozen=True)
class ItemSummary:
    source: str
    item: str
    kind: str
    findings: int
    entity_types: tuple[str, ...]


def _item_key(table: pa.Table) -> pa.Array:
    return pc.binary_join_element_wise(table["source"], table["item"], "\x1f")


def by_entity(findings: pa.Table) -> list[EntitySummary]:
    """Findings, distinct values (by keyed hash) and items per entity type, most found first."""
    if findings.num_rows == 0:
        return []
    table = findings.append_column("item_key", _item_key(findings))
    grouped = table.group_by("entity_type").aggregate([
        ("entity_type", "count"), ("value_hash", "count_distinct"), ("item_key", "count_distinct")])
    rows = [EntitySummary(r["entity_type"], r["entity_type_count"], r["value_hash_count_distinct"],
                          r["item_key_count_distinct"]) for r in grouped.to_pylist()]
    return sorted(rows, key=lambda r: (-r.findings, r.entity_type))


def by_item(data: ScanData) -> list[ItemSummary]:
    """Items with findings, most findings first."""
    findings = data.findings
    if findings.num_rows == 0:
        return []
    grouped = findings.group_by(["source", "item"]).aggregate([("entity_type", "count"), ("entity_type", "distinct")])
    kinds = {(r["source"], r["item"]): r["kind"] for r in data.items.select(["source", "item", "kind"]).to_pylist()}
    rows = [ItemSummary(r["source"], r["item"], kinds.get((r["source"], r["item"]), "file"),
                        r["entity_type_count"], tuple(sorted(r["entity_type_distinct"])))
            for r in grouped.to_pylist()]
    return sorted(rows, key=lambda r: (-r.findings, r.source, r.item))


def evidence(findings: pa.Table, entity_type: str, limit: int = EVIDENCE_PER_TYPE) -> list[dict]:
    """The first ``limit`` findings of a type: masked values and locations only."""
    columns = ["source", "item", "location", "column", "masked_value", "score", "detector"]
    selected = findings.filter(pc.equal(findings["entity_type"], entity_type)).slice(0, limit)
    return selected.select(columns).to_pylist()


def coverage(items: pa.Table) -> dict:
    """Counts by status and the items not scanned (or not re-read: unchanged), with their reasons."""
    statuses = items.group_by("status").aggregate([("status", "count")]).to_pylist()
    gaps = items.filter(pc.invert(pc.is_in(items["status"], pa.array(["scanned", "unchanged"]))))
    return {"counts": {r["status"]: r["status_count"] for r in statuses},
            "gaps": gaps.select(["source", "item", "kind", "status", "reason"]).to_pylist()}


def sampled_tables(items: pa.Table, columns: pa.Table | None) -> list[dict]:
    """Tables read: rows read of the table's rows, how they were chosen, and per column the estimate.

    Columns a store version does not write are absent here; a reader sees what is known, never an error.
    """
    if items.num_rows == 0:
        return []
    tables = items.filter(pc.equal(items["kind"], "table")).to_pylist()
    estimates = columns.to_pylist() if columns is not None else []
    rows = []
    for table in tables:
        per_column = [c for c in estimates if c.get("source") == table["source"] and c.get("item") == table["item"]]
        rows.append({"source": table["source"], "item": table["item"], "status": table.get("status"),
                     "rows_sampled": table.get("rows_sampled"), "table_rows": table.get("table_rows"),
                     "sampling": table.get("sampling"), "columns": per_column})
    return sorted(rows, key=lambda r: (r["source"], r["item"]))
