"""A real Dask cluster on 127.0.0.1 (a scheduler and two workers, no dashboard): the same findings as a
local scan, also when a worker is killed mid-scan; workers with another key are refused."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from servers.common import free_port, wait_until
from test_crash_safety import children, findings_multiset, make_share

from scanner.errors import SourceError
from scanner.pipeline import Progress, ScanOptions, run_scan
from scanner.store import read_table

DASK = str(Path(sys.executable).parent / "dask")


def _start(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([DASK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True)


def _workers(address: str) -> int:
    from distributed import Client

    try:
        with Client(address, timeout=5) as client:
            return len(client.scheduler_info()["workers"])
    except OSError:
        return 0


@pytest.fixture(scope="module")
def cluster():
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [_start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")]
    try:
        for _ in range(2):
            processes.append(_start("worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                                    "--death-timeout", "60"))
        wait_until(lambda: _workers(address) == 2, 120, "two Dask workers")
        yield address, processes[1:]
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)


class KillAWorker(Progress):
    """Kills one worker process (not its nanny, which starts a new one) after the third unit."""

    def __init__(self, nannies):
        self.nannies, self.done, self.killed = nannies, 0, None

    def finished(self, result):
        self.done += 1
        if self.done == 3:
            (self.killed,) = [pid for pid in children(self.nannies[0].pid)
                              if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()]
            os.kill(self.killed, signal.SIGKILL)


def test_a_cluster_scan_equals_a_local_one_even_when_a_worker_dies(cluster, tmp_path):
    address, nannies = cluster
    share = make_share(tmp_path / "share", 40, paragraphs=6)
    local = run_scan([str(share)], tmp_path / "local", ScanOptions())
    killer = KillAWorker(nannies)
    remote = run_scan([str(share)], tmp_path / "remote", ScanOptions(cluster=address), killer)
    assert killer.killed and remote.items == {"scanned": 40}
    assert findings_multiset(tmp_path / "remote", remote.scan_id) == findings_multiset(tmp_path / "local",
                                                                                        local.scan_id)
    items = read_table(tmp_path / "remote", "items", remote.scan_id).column("item").to_pylist()
    assert len(items) == len(set(items)) == 40


def test_workers_with_another_key_are_refused(cluster, tmp_path):
    address, _ = cluster
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIIAUDIT_KEY", "not-the-workers-key")
        from scanner.unit import _key

        _key.cache_clear()
        try:
            with pytest.raises(SourceError, match="these Dask workers use another piiaudit key"):
                run_scan([str(make_share(tmp_path / "share", 1))], tmp_path / "out", ScanOptions(cluster=address))
        finally:
            _key.cache_clear()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(SourceError, match=f"{address}: cannot reach the Dask scheduler"):
        run_scan([str(make_share(tmp_path / "share", 1))], tmp_path / "out", ScanOptions(cluster=address))
