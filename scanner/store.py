"""The findings store: one explicit Arrow schema per table, written in parts that are published whole.

A running scan writes into ``DIR/<table>/_scan_id=<ID>/`` (hidden from ``pyarrow.dataset``, which skips
names starting with ``_`` or ``.``). Each batch of finished units becomes one numbered part per table,
written as ``.part-N.parquet.tmp`` and renamed when complete; the batch's ``items`` part is written last,
so a part number without an items part is a batch that never completed and is ignored. A finished scan
is published by renaming each staging folder to ``scan_id=<ID>`` (items last); after that its files
never change. Whatever kills the writer, a reader meets only complete files.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scanner.errors import OutputError
from scanner.names import name_key
from scanner.records import Finding, ItemResult

SCHEMA_VERSION = "1"

FINDINGS_SCHEMA = pa.schema([
    ("scan_id", pa.string()), ("source", pa.string()), ("item", pa.string()), ("location", pa.string()),
    ("column", pa.string()), ("entity_type", pa.string()), ("score", pa.float32()),
    ("start", pa.int64()), ("end", pa.int64()), ("masked_value", pa.string()), ("value_hash", pa.string()),
    ("detector", pa.string()), ("language", pa.string()),
    # Derived, never raw: whether the person is under 14 (PIPL Art. 28: all their PI is sensitive).
    ("is_minor", pa.bool_()),
    # The item's name_key (see ITEMS_SCHEMA): two items masked to the same name (张*.pdf) stay apart
    # when findings are compared between scans.
    ("name_key", pa.string()),
], metadata={"piiaudit.schema": f"findings/{SCHEMA_VERSION}"})

ITEMS_SCHEMA = pa.schema([
    ("scan_id", pa.string()), ("source", pa.string()), ("item", pa.string()), ("kind", pa.string()),
    ("size_bytes", pa.int64()), ("modified_at", pa.timestamp("us", tz="UTC")),
    ("content_hash", pa.string()), ("status", pa.string()), ("reason", pa.string()),
    ("rows_sampled", pa.int64()), ("exposure", pa.string()), ("findings", pa.int64()),
    # Tables: how the rows were chosen (method and seed), and the row count the estimates scale to.
    ("sampling", pa.string()), ("table_rows", pa.int64()),
    # Which item this is without its name (a keyed hash of source and real name): names holding personal
    # information are masked, yet the same file is known again (resume, comparisons between scans).
    ("name_key", pa.string()),
    # Tables: what the catalog says changes with the rows (modification counters), for incremental scans.
    ("version", pa.string()),
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

# Items last: its part is what marks a batch complete, and its folder what marks a scan published.
SCHEMAS = {"findings": FINDINGS_SCHEMA, "columns": COLUMNS_SCHEMA, "column_classes": COLUMN_CLASSES_SCHEMA,
           "items": ITEMS_SCHEMA}

# A batch is written when it holds this many rows of any table, as well as after ``part_items`` finished
# items or ``part_seconds`` (config/scan.yaml): what a crash can lose is bounded by both.
BATCH_ROWS = 50_000
_PART = re.compile(r"^part-(\d+)\.parquet$")
# Text columns that may carry names from a share (paths, members, sheets): written as valid UTF-8.
_TEXT_FIELDS = ("source", "item", "location", "column", "reason", "exposure", "header")


def partition_dir(out_dir: Path, table: str, scan_id: str) -> Path:
    """Where a finished scan's parts of ``table`` are published."""
    return Path(out_dir) / table / f"scan_id={scan_id}"


def staging_dir(out_dir: Path, table: str, scan_id: str) -> Path:
    """Where an unfinished scan's parts of ``table`` are written, hidden from dataset readers."""
    return Path(out_dir) / table / f"_scan_id={scan_id}"


def printable(text: str | None) -> str | None:
    """``text`` as valid UTF-8: a name that was not (a surrogate-escaped byte) shows the byte as ``\\xc3``."""
    if text is None or text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _clean(row: dict) -> dict:
    for key in _TEXT_FIELDS:
        if key in row:
            row[key] = printable(row[key])
    return row


class ScanWriter:
    """Writes one scan's results in batches of complete parts (see the module's docstring)."""

    def __init__(self, out_dir: Path, scan_id: str, part_items: int = 2000, part_seconds: float = 30,
                 key: bytes | None = None):
        self.out_dir, self.scan_id, self.key = Path(out_dir), scan_id, key
        self.part_items, self.part_seconds = part_items, part_seconds
        self._since = time.monotonic()
        self._pending: dict[str, list[dict]] = {table: [] for table in SCHEMAS}
        for table in SCHEMAS:
            staging_dir(out_dir, table, scan_id).mkdir(parents=True, exist_ok=True)
        discard_incomplete(out_dir, scan_id)
        self._next = max(complete_parts(staging_dir(out_dir, "items", scan_id)), default=0) + 1
        self.items_written = 0

    def add(self, *results: ItemResult) -> None:
        """Queue one unit's results (an item and what it holds): they are written in the same batch,
        so a unit is either complete in the store or absent. A full batch is written at once."""
        for result in results:
            self._queue(result)
        self._flush_when_full()

    def carry(self, rows: dict[str, list[dict]]) -> None:
        """Queue rows carried from an earlier scan (scanner/incremental.py), under this scan's ID."""
        for table, table_rows in rows.items():
            self._pending[table].extend({**row, "scan_id": self.scan_id} for row in table_rows)
        self._flush_when_full()

    def _flush_when_full(self) -> None:
        if (len(self._pending["items"]) >= self.part_items or time.monotonic() - self._since >= self.part_seconds
                or any(len(rows) >= BATCH_ROWS for rows in self._pending.values())):
            self.flush()

    def _queue(self, result: ItemResult) -> None:
        item, scan = result.item, {"scan_id": self.scan_id}
        key = name_key(self.key, item.source, result.real_name or item.name) if self.key else None
        self._pending["items"].append(_clean({
            **scan, "source": item.source, "item": item.name, "kind": item.kind,
            "size_bytes": item.size_bytes, "modified_at": item.modified_at,
            "content_hash": result.content_hash, "status": result.status, "reason": result.reason,
            "rows_sampled": result.rows_sampled, "exposure": item.exposure, "findings": len(result.findings),
            "sampling": result.sampling, "table_rows": result.table_rows,
            "name_key": key,
            "version": item.version,
        }))
        where = {**scan, "source": item.source, "item": item.name}
        self._pending["columns"].extend(_clean({**where, **asdict(c)}) for c in result.columns)
        self._pending["column_classes"].extend(_clean({**where, **asdict(c)}) for c in result.column_classes)
        self._pending["findings"].extend(_clean({**_finding_row(self.scan_id, f), "name_key": key})
                                         for f in result.findings)

    def flush(self) -> None:
        """Write the queued rows as one complete batch (nothing when nothing is queued)."""
        if not self._pending["items"]:
            return
        number = self._next
        for table, schema in SCHEMAS.items():
            rows = self._pending[table]
            if rows or table == "items":
                write_part(staging_dir(self.out_dir, table, self.scan_id), number,
                           pa.Table.from_pylist(rows, schema=schema))
        self.items_written += len(self._pending["items"])
        for rows in self._pending.values():
            rows.clear()
        self._next += 1
        self._since = time.monotonic()

    def publish(self) -> None:
        """Write what is queued, then make the scan visible to readers as finished."""
        self.flush()
        publish(self.out_dir, self.scan_id)


def _finding_row(scan_id: str, finding: Finding) -> dict:
    return {"scan_id": scan_id, **asdict(finding)}


def write_part(folder: Path, number: int, table: pa.Table) -> Path:
    """``folder/part-N.parquet``, written under a temporary name and renamed when complete.

    A full disk raises OutputError naming the folder and the space the part needed; the temporary
    file is removed, and every part written before stays readable.
    """
    path = folder / f"part-{number:06d}.parquet"
    temporary = folder / f".{path.name}.tmp"
    try:
        with pq.ParquetWriter(temporary, table.schema) as writer:
            writer.write_table(table)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())  # the rename must not publish data still in the page cache
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _output_error(folder, exc, table.nbytes) from None
    return path


def _output_error(folder: Path, exc: OSError, needed: int) -> OutputError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        free = shutil.disk_usage(folder).free
        return OutputError(
            f"{folder.parent.parent}: no space left on the device for the scan's results (a part of about "
            f"{max(needed // 2**20, 1)} MB did not fit; {free // 2**20} MB free). Everything written before "
            "is kept: free some space, or use --out on a larger disk")
    return OutputError(f"{folder}: cannot write the scan's results ({exc.strerror or exc})")


def parts(folder: Path) -> dict[int, Path]:
    """The parts present in ``folder`` by number (written whole: temporary files are not parts)."""
    if not folder.is_dir():
        return {}
    return {int(m.group(1)): folder / m.group(0) for m in map(_PART.match, sorted(os.listdir(folder))) if m}


def complete_parts(folder: Path) -> list[int]:
    return sorted(parts(folder))


def discard_incomplete(out_dir: Path, scan_id: str) -> None:
    """Remove a staging scan's temporary files and the parts of batches whose items part is missing."""
    done = set(complete_parts(staging_dir(out_dir, "items", scan_id)))
    for table in SCHEMAS:
        folder = staging_dir(out_dir, table, scan_id)
        if not folder.is_dir():
            continue
        for name in os.listdir(folder):
            match = _PART.match(name)
            if name.endswith(".tmp") or (match and int(match.group(1)) not in done):
                (folder / name).unlink(missing_ok=True)


def publish(out_dir: Path, scan_id: str) -> None:
    """Rename each table's staging folder to ``scan_id=<ID>`` (items last). A table with no part first
    gets an empty one, so that every published folder holds a file and nothing is written once the
    renames begin. Safe to run again after a crash half way."""
    discard_incomplete(out_dir, scan_id)
    pending = [t for t in SCHEMAS if not partition_dir(out_dir, t, scan_id).is_dir()]
    for table in pending:
        staging = staging_dir(out_dir, table, scan_id)
        staging.mkdir(parents=True, exist_ok=True)
        if not complete_parts(staging):
            write_part(staging, 1, SCHEMAS[table].empty_table())
    for table in pending:
        os.replace(staging_dir(out_dir, table, scan_id), partition_dir(out_dir, table, scan_id))


def is_published(out_dir: Path, scan_id: str, table: str = "items") -> bool:
    return partition_dir(out_dir, table, scan_id).is_dir()


def read_table(out_dir: Path, table: str, scan_id: str) -> pa.Table:
    """One scan's rows of a table: a finished scan's published parts, or the complete batches an
    unfinished one had written."""
    schema = SCHEMAS[table]
    files = parts(partition_dir(out_dir, table, scan_id))
    if not files:
        done = set(parts(staging_dir(out_dir, "items", scan_id)))
        files = {n: path for n, path in parts(staging_dir(out_dir, table, scan_id)).items() if n in done}
    if not files:
        return schema.empty_table()
    return pa.concat_tables(pq.read_table(files[n], schema=schema) for n in sorted(files))
