"""piiaudit prune on real scans: older scans removed from every table and the manifests, the latest
finished one and a running one never, leftovers of a prune that was killed finished off."""
from __future__ import annotations

import time

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.manifest import ScanLock, list_scans, write_manifest
from scanner.pipeline import Progress, ScanOptions, run_scan
from scanner.store import SCHEMAS

TABLES = tuple(SCHEMAS)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


class StopAfterOne(Progress):
    def finished(self, result):
        raise KeyboardInterrupt


def folders(out, scan_id) -> list[str]:
    """Every folder or file in DIR that belongs to the scan, published, staging or hidden."""
    return sorted(str(p.relative_to(out)) for p in out.rglob(f"*{scan_id}*"))


@pytest.fixture
def out(tmp_path):
    """DIR with scans, oldest first: finished, interrupted, finished, finished, interrupted (the latest)."""
    share = tmp_path / "share"
    share.mkdir()
    for n in range(2):
        (share / f"letter{n}.txt").write_text(f"Contact: person{n}@example.com\n", encoding="utf-8")
    out = tmp_path / "out"
    for step in ("finished", "interrupted", "finished", "finished", "interrupted"):
        if step == "finished":
            run_scan([str(share)], out)
        else:
            with pytest.raises(KeyboardInterrupt):
                run_scan([str(share)], out, ScanOptions(part_items=1), StopAfterOne())
        time.sleep(1.1)  # scan IDs sort by time to the second
    return out


def test_prune_keeps_the_latest_and_the_latest_finished(out):
    scans = [(m["scan_id"], m["status"]) for m in list_scans(out)]
    assert [status for _, status in scans] == ["finished", "interrupted", "finished", "finished", "interrupted"]
    assert all(folders(out, scan_id) for scan_id, _ in scans)
    assert (out / "items" / f"_scan_id={scans[1][0]}").is_dir()  # the interrupted scan's staging parts

    started = {m["scan_id"]: m["started_at"] for m in list_scans(out)}
    result = run("prune", out, "--keep", "1")
    assert result.exit_code == 0, result.output
    removed = [scan_id for scan_id, _ in scans[:3]]
    assert result.output.splitlines() == [f"removed scan {s} ({status}, started {started[s]})"
                                          for s, status in scans[:3]]
    assert [m["scan_id"] for m in list_scans(out)] == [scans[3][0], scans[4][0]]
    for scan_id in removed:
        assert folders(out, scan_id) == []  # every table, published or staging, and the manifest
    for table in TABLES:
        published = ds.dataset(out / table, format="parquet", partitioning="hive").to_table()
        assert set(published.column("scan_id").to_pylist()) <= {scans[3][0]}
    assert run("report", out, "--format", "json", "-o", out / "r.json").exit_code == 0  # still renders

    again = run("prune", out, "--keep", "1")
    assert again.exit_code == 0 and again.output.startswith("nothing to remove")


def test_prune_refuses_while_a_scan_writes(out):
    with ScanLock(out, "20991231T000000Z-0000"):  # this live process holds DIR's lock, as a running scan does
        result = run("prune", out, "--keep", "1")
    assert result.exit_code == 1
    assert "scan 20991231T000000Z-0000" in result.output and "is writing here" in result.output
    assert len(list_scans(out)) == 5  # nothing removed


def test_a_scan_is_refused_while_prune_holds_the_lock(out):
    with ScanLock(out, "prune", what="piiaudit prune"):
        result = run("scan", out.parent / "share", "--out", out, "--quiet", "--workers", "1")
    assert result.exit_code == 1 and "piiaudit prune (process" in result.output


def test_what_a_killed_prune_left_is_removed(out):
    first = list_scans(out)[0]
    write_manifest(out, {**first, "status": "removing"})  # killed after marking the scan
    (out / "findings" / f"scan_id={first['scan_id']}").rename(out / "findings" / f".pruned-scan_id={first['scan_id']}")
    result = run("prune", out, "--keep", "5")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"removed scan {first['scan_id']} (removing, started {first['started_at']})"]
    assert folders(out, first["scan_id"]) == []
