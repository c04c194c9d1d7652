"""Worker processes: a worker killed mid-scan costs nothing, an item that kills its worker (or will
not stop) becomes an error item, and the memory and time limits turn runaway items into error items."""
from __future__ import annotations

import collections
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from test_crash_safety import children, findings_multiset, make_share, start_scan, wait_for_parts

from scanner.executor import UnitLimits, _Pool
from scanner.pipeline import ScanOptions, run_scan
from scanner.records import Item, ItemResult
from scanner.store import read_table


class NoEngine:
    """The pool's workers build no detection engine for these tasks."""

    def engine(self):
        return None


@dataclass(frozen=True)
class Task:
    """Stands for scanning: an item's name says what its worker does with it."""

    limits: UnitLimits = UnitLimits(item_timeout_s=2, grace_s=3)
    spec: NoEngine = field(default_factory=NoEngine)

    def __call__(self, unit):
        item = unit[1]
        if item.name == "poison":  # kills whichever worker reads it, as the OOM killer would
            os.kill(os.getpid(), signal.SIGKILL)
        if item.name == "stuck":  # one C call that Python cannot interrupt: only a kill stops it
            re.match(r"(a+)+$", "a" * 64 + "b")
        time.sleep(0.05)
        return [ItemResult(item, "scanned", f"read by {os.getpid()}")]


def units(*names: str) -> list[tuple[str, Item]]:
    return [("share", Item("share", name, "file")) for name in names]


def test_an_item_that_kills_its_worker_is_an_error_and_the_rest_are_scanned():
    names = [f"f{n}" for n in range(12)]
    results = [r for batch in _Pool(Task(), 2).run(units(*names[:5], "poison", *names[5:]), print) for r in batch]
    by_name = collections.Counter(r.item.name for r in results)
    assert by_name == collections.Counter([*names, "poison"])  # every item once
    (poison,) = [r for r in results if r.item.name == "poison"]
    assert poison.status == "error"
    assert poison.reason == ("poison: the worker process reading it was killed (SIGKILL), twice (out of memory, "
                             "see scan.worker_memory_mb, or a runaway parser?); not read")
    assert {r.status for r in results if r.item.name != "poison"} == {"scanned"}


def test_an_item_stuck_past_its_limit_is_killed_and_recorded():
    results = [r for batch in _Pool(Task(), 2).run(units("a", "stuck", "b"), print) for r in batch]
    assert sorted((r.item.name, r.status) for r in results) == [("a", "scanned"), ("b", "scanned"),
                                                                 ("stuck", "error")]
    (stuck,) = [r for r in results if r.item.name == "stuck"]
    assert "did not stop after its time limit, twice" in stuck.reason


def test_a_worker_killed_mid_scan_changes_no_finding(tmp_path):
    share = make_share(tmp_path / "share", 60, paragraphs=6)
    reference = run_scan([str(share)], tmp_path / "reference", ScanOptions())
    out = tmp_path / "out"
    scan = start_scan(share, out, tmp_path)
    wait_for_parts(out, 1, scan)
    victim = min(children(scan.pid) - {_resource_tracker(scan.pid)})
    os.kill(victim, signal.SIGKILL)
    assert scan.wait(timeout=300) == 0, (tmp_path / "stderr.txt").read_text()
    (scan_id,) = {p.name.split("=")[1] for p in (out / "items").glob("scan_id=*")}
    assert findings_multiset(out, scan_id) == findings_multiset(tmp_path / "reference", reference.scan_id)
    items = read_table(out, "items", scan_id).column("item").to_pylist()
    assert len(items) == len(set(items)) == 60


def _resource_tracker(pid: int) -> int | None:
    for child in children(pid):
        if "resource_tracker" in open(f"/proc/{child}/cmdline").read():
            return child
    return None


def test_an_item_over_the_memory_limit_is_an_error_item(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "ok.txt").write_text("Write to alice@example.com\n")
    (share / "huge.txt").write_text("word " * 80_000_000)  # 400 MB of text: more than the worker may hold
    config = tmp_path / "small.yaml"
    config.write_text("scan:\n  worker_memory_mb: 1200\n  max_file_mb: 1000\n")
    result = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(share), "--out", str(tmp_path / "out"),
                             "--config", str(config), "--workers", "1", "--no-report", "--quiet"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (scan_id,) = {p.name.split("=")[1] for p in (tmp_path / "out" / "items").glob("scan_id=*")}
    items = {r["item"]: (r["status"], r["reason"]) for r in read_table(tmp_path / "out", "items", scan_id).to_pylist()}
    assert items["ok.txt"] == ("scanned", None)
    assert items["huge.txt"][0] == "error" and "scan.worker_memory_mb" in items["huge.txt"][1]
