"""Distinct people across every source, from the keyed hashes of strong identifiers.

Identifiers found in the same record (one row of a table or sheet, one line of a text) belong to one
person, so they are linked with a union-find; the same identifier anywhere else links to the same
person too. Locations that are not a record (a page, a slide, a mail header) link nothing: a page
listing forty customers is forty people, not one.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from reports.obligations import Obligations

# `row 17`, `line 12`, `table 2 row 3` (docx), `Sheet1!C7` (the row of a spreadsheet cell).
_RECORD = re.compile(r"(?:(?:table \d+ )?row \d+|line \d+)")
_CELL = re.compile(r"(?P<sheet>.*!)[A-Z]{1,3}(?P<row>\d+)")
_MINOR = "<minor>"  # a trait beside the entity types: one of the person's records is a child's


@dataclass(frozen=True)
class People:
    people: int  # distinct individuals seen
    minors: int  # of whom under 14 (is_minor in one of their records)
    sensitive_people: int  # of whom with sensitive information in one of their records (minors included)
    ccpa_records: int  # of whom with a name and a §1798.81.5 element, or an email with a password
    people_high: int  # people plus, for sampled tables, the estimate's upper bound beyond the sample
    health_people: int = 0  # of whom with health information in one of their records (HIPAA's 500)
    foreign_people: int = 0  # of whom with an identifier issued abroad (US SSN, IBAN, foreign passport)
    property_people: int = 0  # of whom with property or whereabouts information (cards, accounts, locations)
    by_item: dict[tuple[str, str], int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)

    def metric(self, name: str) -> int:
        return getattr(self, name)


def record_key(location: str | None) -> str | None:
    """The record a location lies in, or None when the location is no record (nothing to link)."""
    if not location:
        return None
    if _RECORD.fullmatch(location):
        return location
    cell = _CELL.fullmatch(location)
    return f"{cell['sheet']}{cell['row']}" if cell else None


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, node):
        parent = self.parent.setdefault(node, node)
        while parent != node:
            grand = self.parent[parent]
            self.parent[node] = grand  # path halving keeps the trees flat
            node, parent = parent, self.parent[grand]
        return node

    def union(self, a, b) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)  # deterministic roots


def count_people(findings: pa.Table, rules: Obligations, strong: tuple[str, ...],
                 columns: pa.Table | None = None, health: tuple[str, ...] = (),
                 foreign: tuple[str, ...] = (), property_types: tuple[str, ...] = ()) -> People:
    """People, minors, sensitive-PI subjects, CCPA name+element records and people with one of the
    ``health``, of the ``foreign`` and of the ``property_types`` entity types in ``findings``."""
    records = _records(findings, strong)
    links = _UnionFind()
    for nodes, _, _ in records.values():
        for node in nodes:
            links.find(node)
        for node in nodes[1:]:
            links.union(nodes[0], node)
    traits: dict = defaultdict(set)
    per_item: dict = defaultdict(set)
    for (source, item, _), (nodes, types, minor) in records.items():
        if not nodes:
            continue
        root = links.find(nodes[0])
        traits[root] |= types | ({_MINOR} if minor else set())
        per_item[(source, item)] |= {links.find(n) for n in nodes}
    roots = {links.find(node) for node in links.parent}
    per_source: dict = defaultdict(set)
    for (source, _), people in per_item.items():
        per_source[source] |= people
    sensitive = {r for r in roots if any(_sensitive(rules, t) for t in traits[r])}
    return People(len(roots), sum(_MINOR in traits[r] for r in roots), len(sensitive),
                  sum(_ccpa_record(rules, traits[r]) for r in roots), len(roots) + _beyond_sample(columns, strong),
                  sum(bool(traits[r] & set(health)) for r in roots), sum(bool(traits[r] & set(foreign)) for r in roots),
                  sum(bool(traits[r] & set(property_types)) for r in roots),
                  {k: len(v) for k, v in per_item.items()}, {k: len(v) for k, v in per_source.items()})


def persons(findings: pa.Table, strong: tuple[str, ...]) -> dict[tuple[str, str], tuple[str, str]]:
    """Each strong identifier, (entity type, value hash), mapped to its person: the identifier that
    stands for everyone linked to it by the rules of count_people."""
    links = _UnionFind()
    for nodes, _, _ in _records(findings, strong).values():
        for node in nodes:
            links.find(node)
        for node in nodes[1:]:
            links.union(nodes[0], node)
    return {node: links.find(node) for node in list(links.parent)}


def _records(findings: pa.Table, strong: tuple[str, ...]) -> dict:
    """(source, item, record) → (strong identifier nodes, entity types, any minor) for every finding."""
    columns = findings.select([c for c in ("source", "item", "location", "entity_type", "value_hash", "is_minor",
                                           "name_key") if c in findings.column_names]).to_pydict()
    minors = columns.get("is_minor") or [None] * findings.num_rows
    # Line 1 of two files whose names mask alike (张**.txt) is two records: the item's key tells them apart.
    keys = columns.get("name_key") or [None] * findings.num_rows
    records: dict = {}
    for index, (source, item, location, entity, value) in enumerate(zip(
            columns["source"], columns["item"], columns["location"], columns["entity_type"],
            columns["value_hash"], strict=True)):
        record = record_key(location)
        key = (source, item, f"{keys[index] or ''}\x00{record}" if record is not None else f"\x00{index}")
        nodes, types, minor = records.get(key, ((), frozenset(), False))
        if value and entity in strong:
            nodes = (*nodes, (entity, value))
        records[key] = (nodes, types | {entity}, minor or bool(minors[index]))
    return records


def _sensitive(rules: Obligations, entity_type: str) -> bool:
    """PIPL Art. 28 sensitive or a GDPR Art. 9 category; all information of a child under 14 is sensitive."""
    if entity_type == _MINOR:
        return True
    rule = rules.entities.get(entity_type)
    return bool(rule and (rule.pipl_sensitive or rule.gdpr_special_category))


def _ccpa_record(rules: Obligations, types: set[str]) -> bool:
    """§1798.81.5(d)(1)(A): a name with an element; (d)(1)(B): an email (or user name) with a password.

    Card and account numbers count only with their security code, which piiaudit does not detect.
    """
    roles = [rules.entities[t].ccpa_breach_element for t in types if t in rules.entities]
    return ("name" in roles and "with_name" in roles) or roles.count("with_password") >= 2


def _beyond_sample(columns: pa.Table | None, strong: tuple[str, ...]) -> int:
    """For sampled tables: how many more rows with a strong identifier the table may hold than were seen."""
    needed = {"source", "item", "entity_type", "rows_matched", "high", "exact"}
    if columns is None or columns.num_rows == 0 or not needed <= set(columns.column_names):
        return 0
    rows = columns.filter(pc.and_(pc.is_in(columns["entity_type"], pa.array(strong)),
                                  pc.invert(pc.fill_null(columns["exact"], False))))
    if rows.num_rows == 0:
        return 0
    per_table = rows.group_by(["source", "item"]).aggregate([("high", "max"), ("rows_matched", "max")])
    return sum(max((r["high_max"] or 0) - (r["rows_matched_max"] or 0), 0) for r in per_table.to_pylist())
