"""Scope and limitations of the memo: what was read, what was not, how tables were sampled."""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

READ = ("scanned", "unchanged")


@dataclass(frozen=True)
class Scope:
    sources: int
    files: int  # files and archive members read
    tables: int  # tables read
    not_read: int  # skipped or failed: listed with their reasons under coverage
    tables_whole: int  # tables read row by row to the end: exact counts
    tables_sampled: int  # tables read in part: estimated counts with intervals
    rows_read: int  # rows read in the sampled tables
    rows_total: int  # rows in the sampled tables


def scope(items: pa.Table, sources: list[str], coverage: dict) -> Scope:
    """Counts for the scope section, from the items' statuses and the coverage's tables."""
    read = items.filter(pc.is_in(items["status"], pa.array(READ)))
    kinds = read.column("kind").to_pylist()
    sampled = [t for t in coverage["tables"] if not t["all_rows"]]
    return Scope(len(sources) or len(set(items.column("source").to_pylist())),
                 sum(kind in ("file", "archive_member") for kind in kinds), sum(kind == "table" for kind in kinds),
                 len(coverage["gaps"]), len(coverage["tables"]) - len(sampled), len(sampled),
                 sum(t["rows_sampled"] or 0 for t in sampled), sum(t["table_rows"] or 0 for t in sampled))
