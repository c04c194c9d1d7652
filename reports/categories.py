"""Whose information it is: customers, employees, minors, supplier contacts, told by paths and column names.

A category is proposed only where a name says it (an item path such as hr/员工.csv, a column such as
customer_id); items whose names say nothing are counted as not told, never guessed. An item may fall
in several categories, and a person in several items, so the people per category are the sum of the
items' people: an upper bound, not distinct people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from reports.risk import ItemRisk

# Words in a path or a column name, English and Chinese; a word boundary or an underscore around the
# English ones (customer_id, crm.customers), none for Chinese.
CATEGORIES: tuple[tuple[str, re.Pattern], ...] = (
    ("customers", re.compile(r"(?i)(?:\b|_)(?:customers?|clients?|members?|buyers?|consumers?|crm|orders?|patients?)"
                             r"(?:\b|_)|客户|顾客|会员|用户|消费者|订单|患者")),
    ("employees", re.compile(r"(?i)(?:\b|_)(?:employees?|staff|hr|payroll|salar(?:y|ies)|personnel|workers?|"
                             r"candidates?|resumes?|cv)(?:\b|_)|员工|职工|人事|工资|薪酬|社保|劳动合同|简历|应聘")),
    ("minors", re.compile(r"(?i)(?:\b|_)(?:students?|pupils?|child(?:ren)?|kids?|minors?|guardians?)(?:\b|_)"
                          r"|学生|儿童|未成年|监护人|幼儿")),
    ("suppliers", re.compile(r"(?i)(?:\b|_)(?:suppliers?|vendors?|contractors?|partners?)(?:\b|_)"
                             r"|供应商|承包商|合作方")),
)
NAMES = tuple(name for name, _ in CATEGORIES)


@dataclass(frozen=True)
class CategoryRow:
    category: str  # customers | employees | minors | suppliers | untold
    items: int
    people: int  # the sum of the items' people: a person in two items counts twice


def categories_of(item: str, columns: list[str], minors: bool) -> tuple[str, ...]:
    """The categories an item's path and column names tell; minors also when a child's record was found."""
    text = " ".join([item, *columns])
    found = [name for name, pattern in CATEGORIES if pattern.search(text)]
    if minors and "minors" not in found:
        found.append("minors")
    return tuple(found)


def by_category(findings: pa.Table, risks: list[ItemRisk]) -> list[CategoryRow]:
    """Items with personal information and their people per category of person, in NAMES order, then
    the items no name tells."""
    columns = _columns(findings)
    counts = {name: [0, 0] for name in (*NAMES, "untold")}
    for risk in risks:
        if risk.tier == "none":
            continue
        key = (risk.facts.source, risk.facts.item)
        for name in categories_of(risk.facts.item, columns.get(key, []), risk.facts.minors) or ("untold",):
            counts[name][0] += 1
            counts[name][1] += risk.facts.people
    return [CategoryRow(name, items, people) for name, (items, people) in counts.items() if items]


def _columns(findings: pa.Table) -> dict[tuple[str, str], list[str]]:
    if findings.num_rows == 0:
        return {}
    named = findings.filter(pc.is_valid(findings["column"])).select(["source", "item", "column"])
    grouped = named.group_by(["source", "item"]).aggregate([("column", "distinct")]).to_pylist()
    return {(r["source"], r["item"]): r["column_distinct"] for r in grouped}
