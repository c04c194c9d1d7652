"""--incremental: after files are modified, added and deleted, an incremental scan's findings equal a full
rescan's; unchanged files are carried (not read), deleted ones recorded; another detector configuration
carries nothing."""
from __future__ import annotations

import io
import os
import zipfile

import pytest
from test_crash_safety import findings_multiset

from scanner.errors import ScanError
from scanner.manifest import list_scans
from scanner.pipeline import ScanOptions, run_scan
from scanner.store import read_table


def _write(path, text: str, mtime: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


@pytest.fixture
def share(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    _write(root / "a.txt", "Contact alice@example.com or 13812345678\n", 1_700_000_000)
    _write(root / "b.txt", "Contact bob@example.com\n", 1_700_000_000)
    _write(root / "c.txt", "Quarterly numbers: 42\n", 1_700_000_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/carol.txt", "carol@example.org\n")
    (root / "old.zip").write_bytes(buffer.getvalue())
    os.utime(root / "old.zip", (1_700_000_000, 1_700_000_000))
    return root


def _statuses(out, scan_id) -> dict[str, str]:
    return {row["item"]: row["status"] for row in read_table(out, "items", scan_id).to_pylist()}


def test_an_incremental_scan_equals_a_full_rescan(share, tmp_path):
    out = tmp_path / "out"
    run_scan([str(share)], out, ScanOptions())
    _write(share / "b.txt", "Contact bob@example.com, mobile 13900001111\n", 1_700_000_500)  # modified
    _write(share / "d.txt", "New: dave@example.net\n", 1_700_000_500)  # added
    (share / "c.txt").unlink()  # deleted
    incremental = run_scan([str(share)], out, ScanOptions(), incremental=True)
    full = run_scan([str(share)], tmp_path / "full", ScanOptions())
    assert findings_multiset(out, incremental.scan_id) == findings_multiset(tmp_path / "full", full.scan_id)
    assert _statuses(out, incremental.scan_id) == {
        "a.txt": "unchanged", "old.zip": "unchanged", "old.zip!inner/carol.txt": "unchanged",
        "b.txt": "scanned", "d.txt": "scanned", "c.txt": "deleted"}
    assert incremental.carried == 2
    manifest = next(m for m in list_scans(out) if m["scan_id"] == incremental.scan_id)
    assert manifest["incremental"]["base"] != incremental.scan_id
    assert manifest["counts"]["carried"] == 2


def test_another_detector_configuration_carries_nothing(share, tmp_path):
    out = tmp_path / "out"
    run_scan([str(share)], out, ScanOptions())
    again = run_scan([str(share)], out, ScanOptions(detectors={"min_score": 0.6}), incremental=True)
    assert set(_statuses(out, again.scan_id).values()) == {"scanned"}
    manifest = next(m for m in list_scans(out) if m["scan_id"] == again.scan_id)
    assert manifest["incremental"]["base"] is None
    assert "another piiaudit version or detector configuration" in manifest["incremental"]["note"]


def test_resume_and_incremental_together_are_refused(share, tmp_path):
    with pytest.raises(ScanError, match="--resume and --incremental do not go together"):
        run_scan([str(share)], tmp_path / "out", ScanOptions(), resume=True, incremental=True)


def test_tables_are_carried_until_their_database_changes(tmp_path):
    import sqlite3

    database = tmp_path / "crm.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE customers (name TEXT, email TEXT)")
        connection.execute("INSERT INTO customers VALUES ('Alice Walker', 'alice@example.com')")
        connection.execute("CREATE TABLE notes (body TEXT)")
    source, out = f"sqlite:///{database}", tmp_path / "out"
    run_scan([source], out, ScanOptions())
    same = run_scan([source], out, ScanOptions(), incremental=True)
    assert _statuses(out, same.scan_id) == {"customers": "unchanged", "notes": "unchanged"}
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO customers VALUES ('Bob Stone', 'bob@example.com')")
    changed = run_scan([source], out, ScanOptions(), incremental=True)
    assert _statuses(out, changed.scan_id) == {"customers": "scanned", "notes": "scanned"}  # one file: both
    full = run_scan([source], tmp_path / "full", ScanOptions())
    assert findings_multiset(out, changed.scan_id) == findings_multiset(tmp_path / "full", full.scan_id)
