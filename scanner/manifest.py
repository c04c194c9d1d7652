"""Scan manifests (``DIR/scans/<ID>.json``): replaced atomically, kept alive by a heartbeat, and a scan
whose process died (SIGKILL, power loss) recognised and marked by the next command that opens DIR."""
from __future__ import annotations

import json
import os
import socket
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scanner import store
from scanner.errors import ScanError

HEARTBEAT_SECONDS = 30
# A running scan on another host is taken for dead when its heartbeat is this old.
STALE_AFTER = timedelta(minutes=10)


def write_manifest(out_dir: Path, manifest: dict) -> Path:
    """Write ``scans/<ID>.json`` atomically, so a reader never sees half a manifest."""
    folder = Path(out_dir) / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{manifest['scan_id']}.json"
    temporary = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(temporary, path)
    return path


def list_scans(out_dir: Path) -> list[dict]:
    """Manifests in ``out_dir``, oldest first (scan IDs sort by time); dead scans marked as such."""
    folder = Path(out_dir) / "scans"
    manifests = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return [recover(out_dir, m) if m.get("status") == "running" and is_dead(m) else m for m in manifests]


def this_process() -> dict:
    """Who runs a scan: enough to tell later whether it is still alive."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "pid_started": _start_time(os.getpid())}


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), which a reused PID does not share."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def is_dead(manifest: dict) -> bool:
    """Whether the process of a ``running`` scan is gone: on this host by its PID (and start time),
    elsewhere by a heartbeat older than STALE_AFTER."""
    owner = manifest.get("process") or {}
    if owner.get("host") == socket.gethostname() and owner.get("pid"):
        started = _start_time(owner["pid"])
        return started is None or (owner.get("pid_started") not in (None, started))
    beat = manifest.get("heartbeat_at") or manifest.get("started_at")
    return beat is None or datetime.now(UTC) - datetime.fromisoformat(beat) > STALE_AFTER


def recover(out_dir: Path, manifest: dict) -> dict:
    """Mark a dead scan: ``finished`` if it had begun publishing (every unit was done), else
    ``interrupted`` with what it had written. Best effort: a read-only DIR is left as it is."""
    scan_id, now = manifest["scan_id"], datetime.now(UTC).isoformat()
    owner = manifest.get("process") or {}
    who = f"process {owner.get('pid', '?')} on {owner.get('host', '?')}"
    try:
        if any(store.is_published(out_dir, scan_id, table) for table in store.SCHEMAS):
            store.publish(out_dir, scan_id)
            manifest = {**manifest, "status": "finished", "finished_at": manifest.get("heartbeat_at", now)}
        else:
            store.discard_incomplete(out_dir, scan_id)
            done = store.read_table(out_dir, "items", scan_id).num_rows
            manifest = {**manifest, "status": "interrupted", "interrupted_at": now,
                        "interrupted_by": f"the scanning {who} stopped without finishing (killed?)",
                        "items_done": done}
        write_manifest(out_dir, manifest)
    except OSError:
        manifest = {**manifest, "status": "interrupted"}
    return manifest


class Heartbeat:
    """Rewrites a running scan's manifest every HEARTBEAT_SECONDS with ``heartbeat_at``; ``write`` changes
    it from the scanning thread under the same lock."""

    def __init__(self, out_dir: Path, manifest: dict, seconds: float = HEARTBEAT_SECONDS):
        self.out_dir, self.manifest, self.seconds = out_dir, manifest, seconds
        self._lock, self._stop = threading.Lock(), threading.Event()
        self._thread = threading.Thread(target=self._beat, name="piiaudit-heartbeat", daemon=True)

    def __enter__(self):
        self.write()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def write(self, **changes) -> None:
        with self._lock:
            self.manifest.update(changes, heartbeat_at=datetime.now(UTC).isoformat())
            write_manifest(self.out_dir, self.manifest)

    def _beat(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.write()
            except OSError:
                pass  # a full disk must not kill the thread; the scan itself reports it


class ScanLock:
    """``DIR/scans/.lock``: one scan writes into DIR at a time. The lock names its holder (scan, PID,
    host); a holder that is dead by the rules of ``is_dead`` leaves a stale lock, which is taken over."""

    def __init__(self, out_dir: Path, scan_id: str, what: str | None = None):
        self.path = Path(out_dir) / "scans" / ".lock"
        self.holder = {"scan_id": scan_id, "what": what or f"scan {scan_id}", "process": this_process(),
                       "heartbeat_at": datetime.now(UTC).isoformat()}

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                with open(self.path, "x", encoding="utf-8") as handle:
                    json.dump(self.holder, handle)
                return self
            except FileExistsError:
                other = self._read()
                if other is not None and not is_dead(self._liveness(other)):
                    owner = other.get("process") or {}
                    what = other.get("what") or f"scan {other.get('scan_id')}"
                    raise ScanError(f"{self.path.parent.parent}: {what} (process {owner.get('pid')} on "
                                    f"{owner.get('host')}) is writing here; wait for it to finish or use another "
                                    "--out folder") from None
                self.path.unlink(missing_ok=True)  # stale: its scan died
        raise ScanError(f"{self.path}: cannot take the lock (another scan keeps starting here?)")

    def _read(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # half-written by a scan that died while taking it

    def _liveness(self, holder: dict) -> dict:
        """The holder's scan manifest, whose heartbeat is kept fresh, else the lock itself."""
        try:
            return json.loads((self.path.parent / f"{holder.get('scan_id')}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return holder

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)
