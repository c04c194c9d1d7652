"""Sources × categories of information: how many findings of each type each source holds."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pyarrow as pa

from reports.obligations import JURISDICTIONS, Obligations
from reports.risk import entity_tier
from reports.risk_config import TIERS


@dataclass(frozen=True)
class HeatMap:
    entity_types: tuple[str, ...]  # columns, most sensitive tier first
    tiers: dict[str, str]  # entity type → tier, for the colour
    rows: tuple[tuple[str, dict[str, int]], ...]  # (source, findings per entity type)

    @staticmethod
    def shade(count: int) -> int:
        """0 for none, then 1-4 by order of magnitude (1-9, 10-99, 100-999, 1000+)."""
        return 0 if count <= 0 else min(int(math.log10(count)) + 1, 4)


def heat_map(findings: pa.Table, rules: Obligations, jurisdictions: tuple[str, ...] = JURISDICTIONS) -> HeatMap:
    if findings.num_rows == 0:
        return HeatMap((), {}, ())
    counts = findings.group_by(["source", "entity_type"]).aggregate([("entity_type", "count")]).to_pylist()
    tiers = {r["entity_type"]: entity_tier(rules.entities[r["entity_type"]], jurisdictions)
             if r["entity_type"] in rules.entities else "personal" for r in counts}
    columns = tuple(sorted(tiers, key=lambda t: (TIERS.index(tiers[t]), t)))
    rows: dict[str, dict[str, int]] = {}
    for r in counts:
        rows.setdefault(r["source"], {})[r["entity_type"]] = r["entity_type_count"]
    return HeatMap(columns, tiers, tuple(sorted(rows.items())))
