"""Per-column counts of a table: rows holding each entity type, estimated from the sample with an interval.

The sample is treated as a simple random sample of the table's rows and the interval is Wilson's
score interval for the proportion, scaled to the table's row count. Block samples (PostgreSQL
``TABLESAMPLE SYSTEM``) and primary-key ranges are clustered, so when values are clustered on disk
or by key the true uncertainty is wider than stated. Rows that are just the first a query returned
(no key to sample by) are no random sample at all: they get no interval, only the bounds they prove
for certain (confidence 1). With every row read the counts are exact.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from scanner.connectors import TableSample
from scanner.records import ColumnEstimate, Finding, Item, ItemResult

CONFIDENCE = 0.95
_Z = 1.959963984540054  # two-sided 95% normal quantile


class CountedRows:
    """Rows passed through once, counted on the way (a full-table stream has no length beforehand)."""

    def __init__(self, rows: Iterable[Sequence[object]]):
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Sequence[object]]:
        for row in self._rows:
            self.count += 1
            yield row


def wilson(matched: int, sampled: int, z: float = _Z) -> tuple[float, float]:
    """Wilson score interval for the proportion ``matched / sampled``."""
    if sampled == 0:
        return 0.0, 1.0
    p = matched / sampled
    denominator = 1 + z * z / sampled
    centre = (p + z * z / (2 * sampled)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / sampled + z * z / (4 * sampled * sampled))
    return max(0.0, centre - half), min(1.0, centre + half)


def estimate(column: str, entity_type: str, matched: int, sampled: int, table_rows: int,
             exact: bool, random: bool = True) -> ColumnEstimate:
    """The count of rows in a ``table_rows`` table, from ``matched`` of ``sampled`` rows."""
    if exact:
        return ColumnEstimate(column, entity_type, matched, sampled, sampled, matched, matched, matched, 1.0, True)
    total = max(table_rows, sampled)  # catalog statistics can lag behind the table
    # The rows seen bound the count for certain: at least those matched, at most all but those not.
    low_rows, high_rows, confidence = matched, total - (sampled - matched), 1.0
    if random:
        low, high = wilson(matched, sampled)
        low_rows, high_rows = max(low_rows, math.floor(low * total)), min(high_rows, math.ceil(high * total))
        confidence = CONFIDENCE
    point = round(matched / sampled * total) if sampled else 0
    return ColumnEstimate(column, entity_type, matched, sampled, total, min(max(point, low_rows), high_rows),
                          low_rows, high_rows, confidence, False)


def column_estimates(findings: Iterable[Finding], sampled: int, table_rows: int,
                     exact: bool, random: bool = True) -> tuple[ColumnEstimate, ...]:
    """One estimate per (column, entity type) found; a row counts once however often it matched."""
    rows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for finding in findings:
        if finding.column is not None:
            rows[(finding.column, finding.entity_type)].add(finding.location)
    return tuple(estimate(column, entity, len(seen), sampled, table_rows, exact, random)
                 for (column, entity), seen in sorted(rows.items()))


def table_result(item: Item, sample: TableSample, rows: CountedRows, findings: tuple[Finding, ...]) -> ItemResult:
    """The coverage record of a scanned table, with its sampling and per-column estimates."""
    table_rows = rows.count if sample.exact else max(sample.table_rows or 0, rows.count)
    return ItemResult(item, "scanned", sample.note, None, rows.count, findings, sampling=sample.sampling,
                      table_rows=table_rows,
                      columns=column_estimates(findings, rows.count, table_rows, sample.exact, sample.random))
