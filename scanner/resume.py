"""Resuming an interrupted scan: which scan, and which of its units were finished (their results are
in complete parts, see scanner/store.py) and so are not read again."""
from __future__ import annotations

from pathlib import Path

from scanner.errors import ScanError
from scanner.manifest import list_scans
from scanner.store import read_table


def resumable(out_dir: Path, sources: list[str]) -> dict:
    """The latest scan in ``out_dir`` of ``sources`` (without credentials) that was interrupted."""
    scans = [m for m in list_scans(out_dir) if m.get("sources") == sources]
    if not scans or scans[-1].get("status") != "interrupted":
        state = f"its latest scan of them is {scans[-1].get('status')}" if scans else "none was scanned there"
        raise ScanError(f"{out_dir}: no interrupted scan of these sources to resume ({state}); "
                        "scan without --resume")
    return scans[-1]


def finished_units(out_dir: Path, summary, previous: dict | None) -> set[str]:
    """The name keys (scanner/names.py) of every item the scan had written, so that those units are
    skipped; their counts go into ``summary`` (a ScanSummary) so that it describes the whole scan."""
    if previous is None:
        return set()
    items = read_table(out_dir, "items", summary.scan_id)
    summary.items.update(items.column("status").to_pylist())
    summary.entities.update(read_table(out_dir, "findings", summary.scan_id).column("entity_type").to_pylist())
    summary.resumed_items = items.num_rows
    return set(items.column("name_key").to_pylist())
