"""Nothing lost: scans killed by SIGTERM or SIGKILL, a writer killed inside a Parquet write and a full
disk leave every earlier result readable, a manifest that says what happened and no process behind."""
from __future__ import annotations

import collections
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from scanner.errors import ScanError
from scanner.manifest import list_scans
from scanner.pipeline import ScanOptions, run_scan
from scanner.store import read_table

PROSE = ("Dear {name}, your order has shipped. Write to {email} or call 138{n:08d} if anything is wrong.\n"
         "We thank you for being a customer of ours for so many years, and hope to see you again soon.\n")


def make_share(root: Path, files: int, paragraphs: int = 20) -> Path:
    root.mkdir(parents=True)
    for n in range(files):
        text = "".join(PROSE.format(name=f"Alice Walker{n}", email=f"alice{n}.{k}@example.com", n=n * 100 + k)
                       for k in range(paragraphs))
        (root / f"letter-{n:04d}.txt").write_text(text, encoding="utf-8")
    return root


def start_scan(share: Path, out: Path, tmp_path: Path, workers: int = 2) -> subprocess.Popen:
    """``piiaudit scan`` in a process of its own, writing a part after every item."""
    config = tmp_path / "parts.yaml"
    config.write_text("scan:\n  part_items: 1\n  part_seconds: 1\n")
    command = [sys.executable, "-m", "scanner.cli", "scan", str(share), "--out", str(out), "--config", str(config),
               "--workers", str(workers), "--no-report", "--quiet"]
    # Output to a file, not a pipe: a worker outliving the scan would hold a pipe open forever.
    # SIGINT as a terminal sends it: a shell runs background jobs with SIGINT ignored, which children inherit.
    return subprocess.Popen(command, stderr=open(tmp_path / "stderr.txt", "w"), stdout=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_parts(out: Path, count: int, process: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the scan ended early ({process.returncode})"
        if len(list(out.glob("items/_scan_id=*/part-*.parquet"))) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"no {count} parts written within {seconds} s")


def children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (the scan's worker processes)."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            kids = {int(k) for k in (task / "children").read_text().split()}
            todo.extend(kids - found)
            found |= kids
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: set[int], seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(map(alive, pids)):
        time.sleep(0.1)
    return {p for p in pids if alive(p)}


@pytest.fixture(scope="module")
def share(tmp_path_factory):
    return make_share(tmp_path_factory.mktemp("crash") / "share", 300)


@pytest.fixture
def earlier_scan(tmp_path):
    """DIR with one finished scan in it, whose findings every later test must still read."""
    out = tmp_path / "out"
    small = make_share(tmp_path / "small", 2)
    summary = run_scan([str(small)], out, ScanOptions())
    return out, summary.scan_id, read_table(out, "findings", summary.scan_id).num_rows


def assert_earlier_scan_reads(out: Path, scan_id: str, rows: int) -> None:
    table = ds.dataset(out / "findings", format="parquet", partitioning="hive").to_table()
    assert set(table.column("scan_id").to_pylist()) == {scan_id}  # only finished scans are visible
    assert table.num_rows == rows > 0


@pytest.mark.parametrize("signal_number, exit_code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_scan_keeping_what_it_finished(share, earlier_scan, tmp_path, signal_number, exit_code):
    out, earlier, rows = earlier_scan
    scan = start_scan(share, out, tmp_path)
    wait_for_parts(out, 3, scan)
    workers = children(scan.pid)
    scan.send_signal(signal_number)
    scan.wait(timeout=120)
    stderr = (tmp_path / "stderr.txt").read_text()
    assert scan.returncode == exit_code, stderr
    assert f"scan interrupted by {signal.Signals(signal_number).name}" in stderr
    assert wait_gone(workers) == set()
    manifest = next(m for m in list_scans(out) if m["scan_id"] != earlier)
    assert manifest["status"] == "interrupted"
    assert manifest["interrupted_by"] == signal.Signals(signal_number).name
    done = read_table(out, "items", manifest["scan_id"])
    assert 3 <= manifest["items_done"] == done.num_rows < 300
    assert len(set(done.column("item").to_pylist())) == done.num_rows  # each finished item once
    assert_earlier_scan_reads(out, earlier, rows)


def test_sigkill_leaves_no_worker_and_the_next_command_marks_the_scan(share, earlier_scan, tmp_path):
    out, earlier, rows = earlier_scan
    scan = start_scan(share, out, tmp_path)
    wait_for_parts(out, 3, scan)
    workers = children(scan.pid)
    assert len(workers) >= 2
    scan.kill()
    scan.wait()
    assert wait_gone(workers) == set()  # PR_SET_PDEATHSIG: the workers died with the scan
    assert_earlier_scan_reads(out, earlier, rows)
    report = subprocess.run([sys.executable, "-m", "scanner.cli", "report", str(out), "--format", "json",
                             "-o", str(tmp_path / "r.json")], capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert json.loads((tmp_path / "r.json").read_text())  # the latest finished scan still renders
    killed = next(m for m in list_scans(out) if m["scan_id"] != earlier)
    assert killed["status"] == "interrupted" and "stopped without finishing" in killed["interrupted_by"]
    assert killed["items_done"] == read_table(out, "items", killed["scan_id"]).num_rows >= 3


WRITER = """
import sys
from scanner.records import Finding, Item, ItemResult
from scanner.store import ScanWriter

writer = ScanWriter(sys.argv[1], sys.argv[2], part_items=50)
n = 0
while True:
    n += 1
    item = Item("share", f"file-{n}.txt", "file", 10)
    found = tuple(Finding("share", item.name, f"line {k}", None, "EMAIL_ADDRESS", 0.9, 0, 5, "a***@x.com",
                          f"{n}-{k}", "EmailRecognizer", "en") for k in range(400))
    writer.add(ItemResult(item, "scanned", findings=found))
"""


def test_a_writer_killed_inside_parquet_writes_never_breaks_reading(earlier_scan, tmp_path):
    out, earlier, rows = earlier_scan
    chance = random.Random(12)
    for attempt in range(4):
        scan_id = f"20991231T00000{attempt}Z-dead"
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(out), scan_id])
        time.sleep(1.5 + chance.random() * 2)  # parts of 20,000 findings each take about as long to write
        writer.kill()
        writer.wait()
        assert_earlier_scan_reads(out, earlier, rows)
        items = read_table(out, "items", scan_id)
        findings = read_table(out, "findings", scan_id)
        assert findings.num_rows == 400 * items.num_rows  # complete batches only: no findings without items
    assert {m["scan_id"] for m in list_scans(out)} == {earlier}  # the writers wrote no manifest


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (root only): a real full disk, not a simulated error."""
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True,
                       capture_output=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a tmpfs here ({exc}): run the tests as root")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_an_error_naming_dir_and_earlier_results_stay(small_disk, tmp_path):
    out = small_disk / "out"
    first = run_scan([str(make_share(tmp_path / "a", 2))], out, ScanOptions())
    rows = read_table(out, "findings", first.scan_id).num_rows
    filler = small_disk / "filler"
    with open(filler, "wb") as handle:  # leave about 40 KB free
        handle.write(b"\0" * (os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize - 40_000))
    result = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(make_share(tmp_path / "b", 40)),
                             "--out", str(out), "--workers", "1", "--no-report", "--quiet"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {out}: no space left on the device") and "MB free" in result.stderr
    assert "Traceback" not in result.stderr
    assert_earlier_scan_reads(out, first.scan_id, rows)
    assert not list(out.rglob("*.tmp"))


def findings_multiset(out: Path, scan_id: str) -> collections.Counter:
    """Findings without what differs between two scans of the same files (scan ID)."""
    return collections.Counter((f["item"], f["location"], f["entity_type"], f["masked_value"], f["value_hash"])
                               for f in read_table(out, "findings", scan_id).to_pylist())


def test_a_killed_scan_resumes_to_the_findings_of_an_uninterrupted_one(tmp_path):
    share = make_share(tmp_path / "share", 80, paragraphs=4)
    reference = run_scan([str(share)], tmp_path / "reference", ScanOptions())
    out = tmp_path / "out"
    scan = start_scan(share, out, tmp_path)
    wait_for_parts(out, 10, scan)
    scan.kill()  # parts are written continuously here: the kill often lands inside one
    scan.wait()
    (killed,) = list_scans(out)
    assert killed["status"] == "interrupted"
    result = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(share), "--out", str(out), "--resume",
                             "--workers", "1", "--no-report"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"resumed: {killed['items_done']} items had been finished" in result.stderr
    (resumed,) = list_scans(out)
    assert resumed["scan_id"] == killed["scan_id"] and resumed["status"] == "finished"
    assert resumed["counts"]["items"] == {"scanned": 80}
    assert findings_multiset(out, resumed["scan_id"]) == findings_multiset(tmp_path / "reference", reference.scan_id)
    items = read_table(out, "items", resumed["scan_id"]).column("item").to_pylist()
    assert len(items) == len(set(items)) == 80  # nothing twice, nothing lost
    assert not list(out.glob("*/_scan_id=*"))  # published


def test_resume_without_an_interrupted_scan_says_so(tmp_path):
    share = make_share(tmp_path / "share", 1)
    run_scan([str(share)], tmp_path / "out", ScanOptions())
    with pytest.raises(ScanError, match="no interrupted scan of these sources to resume .its latest scan of them "
                                        "is finished.; scan without --resume"):
        run_scan([str(share)], tmp_path / "out", ScanOptions(), resume=True)


def test_a_second_scan_into_the_same_folder_is_refused_and_a_stale_lock_taken_over(share, tmp_path):
    out = tmp_path / "out"
    first = start_scan(share, out, tmp_path)
    wait_for_parts(out, 1, first)
    with pytest.raises(ScanError, match=rf"{out}: scan \d{{8}}T\d{{6}}Z-\w{{4}} \(process {first.pid} on .*\) is "
                                        "writing here; wait for it to finish or use another --out folder"):
        run_scan([str(share)], out, ScanOptions())
    first.kill()  # leaves its lock behind
    first.wait()
    assert (out / "scans" / ".lock").exists()
    summary = run_scan([str(make_share(tmp_path / "small", 1))], out, ScanOptions())
    assert {m["scan_id"]: m["status"] for m in list_scans(out)}[summary.scan_id] == "finished"
    assert not (out / "scans" / ".lock").exists()
