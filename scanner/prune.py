"""Retention: removing older scans from DIR, never the latest finished one and never one that runs.

Like a table format's garbage collection, a scan is removed so that a reader never meets half of it: its
manifest first says ``removing`` (no command picks it any more), then each table's folder is renamed to a
hidden name (readers stop seeing it at once) and deleted, and the manifest goes last. A prune that is
killed half way leaves a ``removing`` manifest or a hidden folder, which the next prune finishes.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from scanner import store
from scanner.manifest import ScanLock, list_scans, write_manifest
from scanner.names import names_file

_HIDDEN = ".pruned-"


def prune_scans(out_dir: Path, keep: int) -> list[dict]:
    """Remove every scan in ``out_dir`` but the ``keep`` latest ones, the latest finished one and any
    running one; returns the manifests removed, oldest first. Holds DIR's scan lock meanwhile, so no
    scan starts (or resumes one being removed) and none is running (ScanError if one is)."""
    out_dir = Path(out_dir)
    with ScanLock(out_dir, "prune", what="piiaudit prune"):
        scans = list_scans(out_dir)  # marks scans whose process died, so they are not taken for running
        finished = [m["scan_id"] for m in scans if m.get("status") == "finished"]
        kept = {m["scan_id"] for m in scans if m.get("status") != "removing"}
        kept = set(sorted(kept)[-keep:]) | set(finished[-1:]) | {
            m["scan_id"] for m in scans if m.get("status") == "running"}
        removed = [m for m in scans if m["scan_id"] not in kept]
        for manifest in removed:
            _remove(out_dir, manifest)
        _remove_hidden(out_dir)
    return removed


def _remove(out_dir: Path, manifest: dict) -> None:
    scan_id = manifest["scan_id"]
    write_manifest(out_dir, {**manifest, "status": "removing"})
    for table in store.SCHEMAS:
        for folder in (store.partition_dir(out_dir, table, scan_id), store.staging_dir(out_dir, table, scan_id)):
            if folder.is_dir():
                os.replace(folder, folder.parent / f"{_HIDDEN}{folder.name}")
    _remove_hidden(out_dir)
    (out_dir / "scans" / f"{scan_id}.json").unlink(missing_ok=True)
    # The real names of a removed scan's items serve nothing any more (kept on this machine only).
    names_file(scan_id).unlink(missing_ok=True)


def _remove_hidden(out_dir: Path) -> None:
    for table in store.SCHEMAS:
        for folder in (out_dir / table).glob(f"{_HIDDEN}*"):
            shutil.rmtree(folder)
