"""What changed between two finished scans of DIR: findings new, resolved and still present, per item and
entity type, and people, from the Parquet files alone.

Items are the same item when their ``name_key`` is (a keyed hash of source and real name, so two files
masked to the same name stay apart); values are the same value when their ``value_hash`` is. A value
missing from the head scan is *resolved* only where the head scan looked: if its item, a folder or
archive above it, or its source was skipped, failed or not scanned at all, it is *unchecked*.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow as pa

from reports.data import ScanData, load_scan
from reports.people import persons
from reports.risk_config import load_risk_config
from scanner.errors import ScanError
from scanner.manifest import list_scans

CHECKED = ("scanned", "unchanged", "deleted")  # statuses of an item whose values the scan accounts for
CHANGES = ("new", "resolved", "still_present", "unchecked")


@dataclass(frozen=True)
class DiffRow:
    source: str
    item: str  # as the head scan shows it (the base's name for an item gone since), masked
    entity_type: str
    new: int  # distinct values (by value_hash) in the head scan only
    resolved: int  # in the base only, and the head scan looked where they were
    still_present: int  # in both
    unchecked: int  # in the base only, where the head scan did not look (skipped, failed, not scanned)


@dataclass(frozen=True)
class ScanDiff:
    base: dict  # scan_id, finished_at, sources
    head: dict
    rows: list[DiffRow]  # by source, item and entity type
    people: dict[str, int]  # per change, people counted from the keyed hashes of strong identifiers

    @property
    def totals(self) -> dict[str, int]:
        return {change: sum(getattr(row, change) for row in self.rows) for change in CHANGES}

    def as_dict(self) -> dict:
        return {"base": self.base, "head": self.head, "totals": self.totals, "people": self.people,
                "rows": [asdict(row) for row in self.rows]}


def pick_scans(out_dir: Path, base: str | None, head: str | None) -> tuple[str, str]:
    """The scans to compare: head defaults to the latest finished scan, base to the finished one before it."""
    finished = [m["scan_id"] for m in list_scans(out_dir) if m.get("status") == "finished"]
    for scan_id in (base, head):
        if scan_id is not None and scan_id not in finished:
            known = ", ".join(finished[-5:]) or "none"
            raise ScanError(f"{out_dir}: no finished scan with ID {scan_id} (finished: {known})")
    head = head or (finished[-1] if finished else None)
    earlier = [s for s in finished if head and s < head]
    base = base or (earlier[-1] if earlier else None)
    if head is None or base is None:
        raise ScanError(f"{out_dir}: diff needs two finished scans and there is {len(finished)} before the head; "
                        "scan again, or name them with --base ID --head ID")
    if base == head:
        raise ScanError(f"{out_dir}: --base and --head are the same scan ({base}); name two different scans")
    return base, head


def diff_scans(out_dir: Path, base: str | None = None, head: str | None = None) -> ScanDiff:
    """Compare two finished scans in ``out_dir`` (defaults: see pick_scans)."""
    base_id, head_id = pick_scans(out_dir, base, head)
    old, new = load_scan(out_dir, base_id), load_scan(out_dir, head_id)
    before, after = _values(old.findings), _values(new.findings)
    looked = _looked(new, _filters(old.manifest) == _filters(new.manifest))
    names = _names(old.findings) | _names(new.findings)
    rows = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (*names[k[0]], k[1])):
        was, now = before.get(key, set()), after.get(key, set())
        gone = len(was - now)
        checked = looked(key[0], *names[key[0]])
        rows.append(DiffRow(*names[key[0]], key[1], len(now - was), gone if checked else 0, len(was & now),
                            0 if checked else gone))
    return ScanDiff(_about(old), _about(new), rows, _people(old, new, looked))


def _about(data: ScanData) -> dict:
    return {key: data.manifest.get(key) for key in ("scan_id", "finished_at", "sources")}


def _item_keys(table: pa.Table) -> list[str]:
    """Each row's item: its name_key, or source and name where the store wrote none (no key, older store)."""
    columns = table.select(["source", "item", "name_key"]).to_pydict()
    return [key or f"{source}\0{item}" for source, item, key in
            zip(columns["source"], columns["item"], columns["name_key"], strict=True)]


def _values(findings: pa.Table) -> dict[tuple[str, str], set[str]]:
    """(item key, entity type) → distinct value hashes."""
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    columns = findings.select(["entity_type", "value_hash"]).to_pydict()
    for key, entity, value in zip(_item_keys(findings), columns["entity_type"], columns["value_hash"], strict=True):
        values[(key, entity)].add(value)
    return values


def _names(findings: pa.Table) -> dict[str, tuple[str, str]]:
    """Item key → (source, masked item name)."""
    columns = findings.select(["source", "item"]).to_pydict()
    return dict(zip(_item_keys(findings), zip(columns["source"], columns["item"], strict=True), strict=True))


def _filters(manifest: dict) -> tuple:
    """The globs that chose what a scan listed: an item gone under other globs may only be left out."""
    config = manifest.get("config") or {}
    databases = config.get("databases") or {}
    return (config.get("include"), config.get("exclude"),
            *(databases.get(k) for k in ("include_schemas", "exclude_schemas", "include_tables", "exclude_tables")))


def _looked(head: ScanData, same_filters: bool):
    """A predicate: did the head scan account for an item (key, source, name)? It did if it checked the item,
    or if the item is gone from a source it scanned with the base's globs and no gap (a folder it could not
    list, an archive it could not open, a source it could not reach) above it."""
    items = head.items.select(["source", "item", "status"]).to_pylist()
    status = dict(zip(_item_keys(head.items), (row["status"] for row in items), strict=True))
    gaps = defaultdict(list)
    for row in items:
        if row["status"] not in CHECKED:
            gaps[row["source"]].append(row["item"])
    sources = set(head.manifest.get("sources") or []) | {row["source"] for row in items}

    def looked(key: str, source: str, name: str) -> bool:
        if key in status:
            return status[key] in CHECKED
        above = (gap == "" or name.startswith((f"{gap}/", f"{gap}!")) for gap in gaps[source])
        return same_filters and source in sources and not any(above)
    return looked


def _people(old: ScanData, new: ScanData, looked) -> dict[str, int]:
    """People new, resolved, still present and unchecked: a person is still present when one of their strong
    identifiers is in the head scan; resolved when none is and the head looked where each of them was."""
    strong = load_risk_config().strong_identifiers
    # Both scans linked together, each scan's records apart (row 2 of a file is not the same record in both),
    # and items told apart by key, not by their masked names (张**.txt may be two files).
    tagged = [table.select(["location", "entity_type", "value_hash", "is_minor"])
              .append_column("source", pa.array([tag] * table.num_rows, pa.string()))
              .append_column("item", pa.array(_item_keys(table), pa.string()))
              for tag, table in (("base", old.findings), ("head", new.findings))]
    person = persons(pa.concat_tables(tagged), strong)
    seen_in = {}
    for tag, data in (("base", old), ("head", new)):
        columns = data.findings.select(["source", "item", "entity_type", "value_hash"]).to_pydict()
        keys = _item_keys(data.findings)
        for index, entity in enumerate(columns["entity_type"]):
            node = (entity, columns["value_hash"][index])
            if node in person:
                where = seen_in.setdefault(person[node], {"base": [], "head": []})
                where[tag].append((keys[index], columns["source"][index], columns["item"][index]))
    counts = dict.fromkeys(CHANGES, 0)
    for where in seen_in.values():
        if where["head"]:
            counts["still_present" if where["base"] else "new"] += 1
        else:
            counts["resolved" if all(looked(*place) for place in where["base"]) else "unchecked"] += 1
    return counts


def as_json(diff: ScanDiff) -> str:
    return json.dumps(diff.as_dict(), indent=2, ensure_ascii=False)


def as_csv(diff: ScanDiff) -> str:
    """One line per item and entity type, with a header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*DiffRow.__dataclass_fields__], lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(row) for row in diff.rows)
    return out.getvalue()


def as_table(diff: ScanDiff) -> str:
    """Aligned columns for a terminal, then the totals and the people."""
    header = ("source", "item", "entity_type", *CHANGES)
    lines = [header, *((r.source, r.item, r.entity_type, *(str(getattr(r, c)) for c in CHANGES)) for r in diff.rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [f"base {diff.base['scan_id']} -> head {diff.head['scan_id']}"]
    text += ["  ".join(cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths,
                                                                                                 strict=True)))
             for line in lines]
    text.append("values:  " + ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in diff.totals.items()))
    text.append("people:  " + ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in diff.people.items()))
    return "\n".join(text)
