"""Reading one scan back from the output folder: manifest, items, findings and the per-column tables.

Reports read only this. Columns another version of the store does not write come back empty or
null, so a report of an older scan still renders.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from scanner.errors import ScanError
from scanner.manifest import list_scans
from scanner.store import read_table


@dataclass(frozen=True)
class ScanData:
    manifest: dict
    items: pa.Table
    findings: pa.Table
    columns: pa.Table  # tables: rows per column and entity type, estimated for the table (may be empty)
    column_classes: pa.Table  # tables and sheets: what each column was judged to hold (may be empty)
    # Scans after this one, the latest finished, that were interrupted: the report says they are not in it.
    later_interrupted: tuple[dict, ...] = ()


def load_scan(out_dir: Path, scan_id: str | None = None) -> ScanData:
    """The scan ``scan_id`` in ``out_dir``, or the latest finished one."""
    scans = list_scans(out_dir)
    if scan_id is None:
        finished = [s for s in scans if s.get("status") == "finished"]
        if not finished:
            raise ScanError(f"{out_dir}: no finished scan here; run `piiaudit scan SOURCE --out {out_dir}` first")
        manifest = finished[-1]
    else:
        matching = [s for s in scans if s["scan_id"] == scan_id]
        if not matching:
            known = ", ".join(s["scan_id"] for s in scans[-5:]) or "none"
            raise ScanError(f"{out_dir}: no scan with ID {scan_id} (latest: {known})")
        manifest = matching[0]
    scan = manifest["scan_id"]
    latest = [s for s in scans if s.get("status") == "finished"][-1:] == [manifest]
    later = tuple(_interruption(s) for s in scans
                  if latest and s["scan_id"] > scan and s.get("status") == "interrupted")
    return ScanData(manifest, *(read_table(out_dir, table, scan)
                                for table in ("items", "findings", "columns", "column_classes")), later)


def _interruption(manifest: dict) -> dict:
    """An interrupted scan's ID, start, when it stopped and why. A scan found dead (SIGKILL) is marked
    when a command notices it; its last heartbeat is nearer to when it stopped."""
    times = [t for t in (manifest.get("heartbeat_at"), manifest.get("interrupted_at")) if t]
    return {"scan_id": manifest["scan_id"], "started_at": manifest.get("started_at"),
            "stopped_at": min(times, default=None), "interrupted_by": manifest.get("interrupted_by"),
            "items_done": manifest.get("items_done")}
