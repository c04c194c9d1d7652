"""Incremental scans (``--incremental``): a file whose size and modification time are those it had in the
latest finished scan of the same sources, or a table whose catalog counters are (Item.version), is not
read again; its rows (item, what it holds, findings, column judgements) are carried into the new scan,
its status ``unchanged``. Items gone since are recorded as ``deleted``.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scanner.manifest import list_scans
from scanner.records import Item
from scanner.store import SCHEMAS, read_table

# Carried rows keep their status, except that what was read in full becomes "unchanged".
_CARRIED_STATUS = {"scanned": "unchanged", "unchanged": "unchanged", "skipped": "skipped"}


class Baseline:
    """The rows of the scan an incremental scan compares with, by the item (unit) they belong to."""

    def __init__(self, out_dir: Path, manifest: dict):
        self.scan_id = manifest["scan_id"]
        items = read_table(out_dir, "items", self.scan_id).to_pylist()
        # A unit's own row carries its name key; the rows of what it holds are named "<its name>!…".
        self.units = {row["name_key"]: row for row in items if row["name_key"] and "!" not in row["item"]}
        self.rows = {table: defaultdict(list) for table in SCHEMAS}
        for table in SCHEMAS:
            for row in items if table == "items" else read_table(out_dir, table, self.scan_id).to_pylist():
                self.rows[table][_unit_of(row["item"])].append(row)
        self.carried: set[str] = set()

    @classmethod
    def find(cls, out_dir: Path, sources: list[str], manifest: dict) -> tuple[Baseline | None, str]:
        """The latest finished scan of ``sources`` with the same detectors and version, or why there is none."""
        earlier = [m for m in list_scans(out_dir) if m.get("sources") == sources and m.get("status") == "finished"]
        if not earlier:
            return None, "no finished scan of these sources in this folder: every item was read"
        base = earlier[-1]
        same = (base.get("versions") == manifest["versions"]
                and {k: base.get("config", {}).get(k) for k in ("detectors", "language")}
                == {k: manifest["config"].get(k) for k in ("detectors", "language")})
        if not same:
            return None, (f"scan {base['scan_id']} used another piiaudit version or detector configuration: "
                          "its findings were not carried, every item was read")
        return cls(out_dir, base), f"items unchanged since scan {base['scan_id']} were carried from it"

    def carry(self, unit_key: str, item: Item) -> dict[str, list[dict]] | None:
        """The rows of an unchanged file or table, ready for the new scan; None when it must be read."""
        before = self.units.get(unit_key)
        if before is None or before["status"] not in _CARRIED_STATUS or not _same(before, item):
            return None
        self.carried.add(unit_key)
        rows = {table: [dict(row) for row in self.rows[table][before["item"]]] for table in SCHEMAS}
        for row in rows["items"]:
            row["status"] = _CARRIED_STATUS.get(row["status"], row["status"])
        return rows

    def deleted(self, seen: set[str]) -> list[dict]:
        """Item rows for the units of the base scan not found again (nor read again) in this one."""
        return [{**row, "status": "deleted", "reason": f"{row['item']}: not found again since scan {self.scan_id}",
                 "findings": 0, "content_hash": None}
                for key, row in self.units.items() if key not in seen]


def _same(before: dict, item: Item) -> bool:
    """A file by its size and modification time; a table by what its catalog says changes with it."""
    if item.kind == "file":
        return (before["size_bytes"], before["modified_at"]) == (item.size_bytes, item.modified_at)
    return item.kind == "table" and item.version is not None and before.get("version") == item.version


def _unit_of(name: str) -> str:
    return name.split("!", 1)[0]
