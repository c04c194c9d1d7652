"""The findings store: one explicit Arrow schema per table, one writer per scan, appended in batches."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scanner.records import Finding, ItemResult

SCHEMA_VERSION = "1"

FINDINGS_SCHEMA = pa.schema([
    ("scan_id", pa.string()), ("source", pa.string()), ("item", pa.string()), ("location", pa.string()),
    ("column", pa.string()), ("entity_type", pa.string()), ("score", pa.float32()),
    ("start", pa.int64()), ("end", pa.int64()), ("masked_value", pa.string()), ("value_hash", pa.string()),
    ("detector", pa.string()), ("language", pa.string()),
    # Derived, never raw: whether the person is under 14 (PIPL Art. 28: all their PI is sensitive).
    ("is_minor", pa.bool_()),
], metadata={"piiaudit.schema": f"findings/{SCHEMA_VERSION}"})

ITEMS_SCHEMA = pa.schema([
    ("scan_id", pa.string()), ("source", pa.string()), ("item", pa.string()), ("kind", pa.string()),
    ("size_bytes", pa.int64()), ("modified_at", pa.timestamp("us", tz="UTC")),
    ("content_hash", pa.string()), ("status", pa.string()), ("reason", pa.string()),
    ("rows_sampled", pa.int64()), ("exposure", pa.string()), ("findings", pa.int64()),
    # Tables: how the rows were chosen (method and seed), and the row count the estimates scale to.
    ("sampling", pa.string()), ("table_rows", pa.int64()),
], metadata={"piiaudit.schema": f"items/{SCHEMA_VERSION}"})

# One row per (table, column, entity type) found: rows holding it, estimated for the whole table.
COLUMNS_SCHEMA = pa.schema([
    ("scan_id", pa.string()), ("source", pa.string()), ("item", pa.string()), ("column", pa.string()),
    ("entity_type", pa.string()), ("rows_matched", pa.int64()), ("rows_sampled", pa.int64()),
    ("table_rows", pa.int64()), ("estimate", pa.int64()), ("low", pa.int64()), ("high", pa.int64()),
    ("confidence", pa.float32()), ("exact", pa.bool_()),
], metadata={"piiaudit.schema": f"columns/{SCHEMA_VERSION}"})

# One row per (table or spreadsheet column, entity type) judged: what the column holds (detectors/columns.py).
COLUMN_CLASSES_SCHEMA = pa.schema([
    ("scan_id", pa.string()), ("source", pa.string()), ("item", pa.string()), ("column", pa.string()),
    ("entity_type", pa.string()), ("decided", pa.bool_()), ("confidence", pa.float32()),
    ("values", pa.int64()), ("matched", pa.int64()), ("header", pa.string()), ("rule", pa.string()),
], metadata={"piiaudit.schema": f"column_classes/{SCHEMA_VERSION}"})

SCHEMAS = {"findings": FINDINGS_SCHEMA, "items": ITEMS_SCHEMA, "columns": COLUMNS_SCHEMA,
           "column_classes": COLUMN_CLASSES_SCHEMA}

BATCH_ROWS = 10_000


def partition_dir(out_dir: Path, table: str, scan_id: str) -> Path:
    return Path(out_dir) / table / f"scan_id={scan_id}"


class ScanWriter:
    """Writes one scan's findings and items; files exist (possibly empty) once closed."""

    def __init__(self, out_dir: Path, scan_id: str):
        self.scan_id = scan_id
        self._writers = {}
        self._pending: dict[str, list[dict]] = {table: [] for table in SCHEMAS}
        for table, schema in SCHEMAS.items():
            folder = partition_dir(out_dir, table, scan_id)
            folder.mkdir(parents=True, exist_ok=True)
            self._writers[table] = (pq.ParquetWriter(folder / "part-00000.parquet", schema), schema)

    def add(self, result: ItemResult) -> None:
        item = result.item
        self._pending["items"].append({
            "scan_id": self.scan_id, "source": item.source, "item": item.name, "kind": item.kind,
            "size_bytes": item.size_bytes, "modified_at": item.modified_at,
            "content_hash": result.content_hash, "status": result.status, "reason": result.reason,
            "rows_sampled": result.rows_sampled, "exposure": item.exposure, "findings": len(result.findings),
            "sampling": result.sampling, "table_rows": result.table_rows,
        })
        self._pending["columns"].extend({"scan_id": self.scan_id, "source": item.source, "item": item.name,
                                         **asdict(c)} for c in result.columns)
        self._pending["column_classes"].extend({"scan_id": self.scan_id, "source": item.source, "item": item.name,
                                                **asdict(c)} for c in result.column_classes)
        self._pending["findings"].extend(self._finding_row(f) for f in result.findings)
        for table, rows in self._pending.items():
            if len(rows) >= BATCH_ROWS:
                self._flush(table)

    def _finding_row(self, finding: Finding) -> dict:
        return {"scan_id": self.scan_id, **asdict(finding)}

    def _flush(self, table: str) -> None:
        writer, schema = self._writers[table]
        rows = self._pending[table]
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            rows.clear()

    def close(self) -> None:
        for table, (writer, _) in self._writers.items():
            self._flush(table)
            writer.close()


def write_manifest(out_dir: Path, manifest: dict) -> Path:
    """Write ``scans/<ID>.json`` atomically, so a reader never sees half a manifest."""
    folder = Path(out_dir) / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{manifest['scan_id']}.json"
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(temporary, path)
    return path


def read_table(out_dir: Path, table: str, scan_id: str) -> pa.Table:
    """One scan's rows of ``findings``, ``items`` or ``columns``."""
    schema = SCHEMAS[table]
    files = sorted(partition_dir(out_dir, table, scan_id).glob("part-*.parquet"))
    if not files:
        return schema.empty_table()
    return pa.concat_tables(pq.read_table(f, schema=schema) for f in files)


def list_scans(out_dir: Path) -> list[dict]:
    """Manifests in ``out_dir``, oldest first (scan IDs sort by time)."""
    folder = Path(out_dir) / "scans"
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
