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


def evidence(findings: pa.Table, entity_type: str, limit: int = EVIDENCE_PER_TYPE) -> list[dict]:
    """The first ``limit`` findings of a type: masked values and locations only."""
    columns = ["source", "item", "location", "column", "masked_value", "score", "detector"]
    selected = findings.filter(pc.equal(findings["entity_type"], entity_type)).slice(0, limit)
    return selected.select(columns).to_pylist()


def coverage(data: ScanData) -> dict:
    """Counts by status, the items not scanned (or not re-read: unchanged) with their reasons, and the tables."""
    items = data.items
    statuses = items.group_by("status").aggregate([("status", "count")]).to_pylist()
    gaps = items.filter(pc.invert(pc.is_in(items["status"], pa.array(["scanned", "unchanged"]))))
    return {"counts": {r["status"]: r["status_count"] for r in statuses},
            "gaps": gaps.select(["source", "item", "kind", "status", "reason"]).to_pylist(),
            "tables": sampled_tables(items, data.columns, data.column_classes)}


def sampled_tables(items: pa.Table, columns: pa.Table, classes: pa.Table) -> list[dict]:
    """Tables read: rows read of the table's rows, how they were chosen (method and seed), and per column
    in which personal information was found the estimated rows with their interval and the column's
    classification (None where a store version did not write one).

    ``all_rows`` says every row was read, so the counts are exact rather than estimated.
    """
    read = pc.and_(pc.equal(items["kind"], "table"), pc.is_valid(items["rows_sampled"]))
    estimates = _per_table(columns.to_pylist())
    judged = _per_table(classes.to_pylist())
    rows = []
    for table in items.filter(read).to_pylist():
        key = (table["source"], table["item"])
        estimated = {(c["column"], c["entity_type"]): c for c in estimates.get(key, [])}
        classified = {(c["column"], c["entity_type"]): c for c in judged.get(key, [])}
        all_rows = all(c["exact"] for c in estimated.values()) if estimated \
            else table["rows_sampled"] >= (table["table_rows"] or 0)
        rows.append({"source": table["source"], "item": table["item"], "rows_sampled": table["rows_sampled"],
                     "table_rows": table["table_rows"], "sampling": table["sampling"], "all_rows": all_rows,
                     "columns": [_column(pair, estimated[pair], classified.get(pair)) for pair in sorted(estimated)]})
    return sorted(rows, key=lambda r: (r["source"], r["item"]))


def _per_table(records) -> dict[tuple[str, str], list[dict]]:
    grouped: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        grouped.setdefault((record["source"], record["item"]), []).append(record)
    return grouped


def _column(pair: tuple[str, str], estimate: dict, classified: dict | None) -> dict:
    """One column and type: the estimate (rows, interval at its confidence) and the classification."""
    column, entity_type = pair
    row = {"column": column, "entity_type": entity_type, "interval_confidence": round(estimate["confidence"], 4),
           **{key: estimate[key] for key in ("estimate", "low", "high", "rows_matched", "rows_sampled", "exact")},
           "decided": None, "class_confidence": None, "values_judged": None, "header": None}
    if classified is not None:
        row.update(decided=classified["decided"], class_confidence=round(classified["confidence"], 4),
                   values_judged=classified["values"], header=classified["header"])
    return row
