"""A scan end to end through the library: Parquet layout and schema as DESIGN.md says, SQLite read-only."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import DATA
from scanner.pipeline import ScanOptions, run_scan

# DESIGN.md "findings" and "items": the required columns and their types.
FINDINGS_COLUMNS = {
    "scan_id": pa.string(), "source": pa.string(), "item": pa.string(), "location": pa.string(),
    "column": pa.string(), "entity_type": pa.string(), "score": pa.float32(), "start": pa.int64(),
    "end": pa.int64(), "masked_value": pa.string(), "value_hash": pa.string(), "detector": pa.string(),
    "language": pa.string(),
}
ITEMS_COLUMNS = {
    "scan_id": pa.string(), "source": pa.string(), "item": pa.string(), "kind": pa.string(),
    "size_bytes": pa.int64(), "content_hash": pa.string(), "status": pa.string(), "reason": pa.string(),
    "rows_sampled": pa.int64(), "exposure": pa.string(),
}


@pytest.fixture(scope="module")
def crm(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "crm.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, xm TEXT, sjhm TEXT, level INTEGER)")
        db.executemany("INSERT INTO customers (xm, sjhm, level) VALUES (?, ?, ?)",
                       [("张伟", "13912345678", 1), ("王芳", "13812345678", 2), ("李娜", "13712345678", 3)])
        db.execute('CREATE TABLE "x""; DROP TABLE customers; --" (note TEXT)')
        db.execute('INSERT INTO "x""; DROP TABLE customers; --" VALUES (\'mail me: a.b@example.com\')')
    return path


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, crm):
    out = tmp_path_factory.mktemp("out")
    before = _fingerprint(crm)
    summary = run_scan([str(DATA / "formats"), f"sqlite:///{crm}"], out, ScanOptions())
    return out, summary, before


def _rows(out, table):
    return ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()


def _fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


def test_layout_and_manifest(scanned):
    out, summary, _ = scanned
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{4}", summary.scan_id)
    for table in ("findings", "items"):
        assert list((out / table / f"scan_id={summary.scan_id}").glob("part-*.parquet"))
        assert not (out / table / f"_scan_id={summary.scan_id}").exists()  # published: no staging left
    manifest = json.loads((out / "scans" / f"{summary.scan_id}.json").read_text())
    assert manifest["status"] == "finished"
    assert manifest["counts"]["items"]["scanned"] == summary.items["scanned"] > 0
    assert manifest["versions"]["presidio-analyzer"] == "2.2.366"


@pytest.mark.parametrize("table, columns", [("findings", FINDINGS_COLUMNS), ("items", ITEMS_COLUMNS)])
def test_parquet_columns_and_types_match_design(scanned, table, columns):
    out, summary, _ = scanned
    (part, *_) = (out / table / f"scan_id={summary.scan_id}").glob("part-*.parquet")
    schema = pq.read_schema(part)
    for name, kind in columns.items():
        assert schema.field(name).type == kind, name
    if table == "items":
        assert pa.types.is_timestamp(schema.field("modified_at").type)
    assert schema.metadata[b"piiaudit.schema"].startswith(table.encode())


def test_output_reads_as_a_hive_partitioned_dataset(scanned):
    out, summary, _ = scanned
    table = ds.dataset(out / "findings", format="parquet", partitioning="hive").to_table()
    assert set(table["scan_id"].to_pylist()) == {summary.scan_id}


def test_sqlite_columns_are_judged_with_their_names(scanned):
    out, summary, _ = scanned
    findings = _rows(out, "findings")
    table_hits = {(f["item"], f["column"], f["entity_type"]) for f in findings if f["source"].startswith("sqlite")}
    assert ("customers", "sjhm", "PHONE_NUMBER") in table_hits
    assert not [h for h in table_hits if h[1] == "level"]
    rows = [f["location"] for f in findings if f["column"] == "sjhm"]
    assert sorted(rows) == ["row 1", "row 2", "row 3"]


def test_hostile_table_name_is_scanned_not_executed(scanned, crm):
    out, _, _ = scanned
    findings = _rows(out, "findings")
    assert any(f["item"] == 'x"; DROP TABLE customers; --' for f in findings)
    with sqlite3.connect(crm) as db:
        assert db.execute("SELECT count(*) FROM customers").fetchone() == (3,)


def test_scan_changes_no_source(scanned, crm):
    _, _, before = scanned
    assert _fingerprint(crm) == before


def test_items_record_what_was_read(scanned):
    out, _, _ = scanned
    items = {(i["kind"], i["item"]): i for i in _rows(out, "items")}
    assert items[("table", "customers")]["rows_sampled"] == 3
    assert items[("file", "note_zh.txt")]["content_hash"] == hashlib.sha256(
        (DATA / "formats" / "note_zh.txt").read_bytes()).hexdigest()


def test_empty_folder_gives_an_empty_finished_scan(tmp_path):
    (tmp_path / "empty").mkdir()
    summary = run_scan([str(tmp_path / "empty")], tmp_path / "out")
    assert sum(summary.items.values()) == 0
    assert _rows(tmp_path / "out", "findings") == []


def test_a_missing_source_is_a_gap_and_the_others_are_scanned(tmp_path):
    summary = run_scan([str(tmp_path / "gone"), str(DATA / "formats" / "note_zh.txt")], tmp_path / "out")
    assert summary.items == {"error": 1, "scanned": 1}
    assert summary.gaps == [(str(tmp_path / "gone"), f"{tmp_path / 'gone'}: no such file or folder")]
    assert summary.entities["CN_RESIDENT_ID"] == 1


def test_two_workers_give_the_same_findings_as_one(tmp_path):
    one = run_scan([str(DATA / "formats")], tmp_path / "one", ScanOptions())
    two = run_scan([str(DATA / "formats")], tmp_path / "two", ScanOptions(workers=2))
    assert one.entities == two.entities and one.entities


def test_scan_ids_sort_by_time_within_a_second():
    from datetime import UTC, datetime

    from scanner.pipeline import new_scan_id

    times = [datetime(2026, 12, 4, 8, 30, 0, ms * 1000, tzinfo=UTC) for ms in (0, 9, 10, 498, 999)]
    ids = [new_scan_id(t) for t in times]
    assert ids == sorted(ids) and ids[3].startswith("20261204T083000Z-1f2")
    assert all(re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{4}", i) for i in ids)
