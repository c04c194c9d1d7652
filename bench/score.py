"""Scoring predictions against truth: precision, recall and F1 per entity, at item and span level.

An item is a text file, or one column of a table or spreadsheet (``path#Sheet.column``,
``crm.db:table#column``). At item level, an entity counts once per item: found in an item that holds
it is a true positive, found in one that does not a false positive, missed a false negative. At span
level a prediction is right when it overlaps a true span of the same entity in the same item (for
table cells: names the same cell); precision counts predictions, recall counts true spans.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


def item_key(item: str, column: str | None, location: str | None) -> str:
    """The scoring key of a finding: the item, or item#column (with the sheet for spreadsheets)."""
    if column is None:
        return item
    sheet = location.split("!", 1)[0] + "." if location and "!" in location else ""
    return f"{item}#{sheet}{column}"


@dataclass
class Counts:
    tp: int = 0  # item level: items; span level: predictions that match (precision side)
    fp: int = 0
    fn: int = 0
    hit: int = -1  # span level: true spans found (recall side); -1 means "same as tp"

    @property
    def found(self) -> int:
        return self.tp if self.hit < 0 else self.hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.fn) if self.found + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.found + self.fn


def score_items(truth: dict[str, Iterable[str]], predicted: dict[str, Iterable[str]]) -> dict[str, Counts]:
    """Per entity counts over every item in ``truth`` or ``predicted``."""
    counts: dict[str, Counts] = defaultdict(Counts)
    for key in set(truth) | set(predicted):
        want, got = set(truth.get(key, ())), set(predicted.get(key, ()))
        for entity in want & got:
            counts[entity].tp += 1
        for entity in got - want:
            counts[entity].fp += 1
        for entity in want - got:
            counts[entity].fn += 1
    return dict(counts)


def _overlaps(a: dict, b: dict) -> bool:
    if "cell" in a or "cell" in b:
        return a.get("cell") == b.get("cell")
    return a["start"] < b["end"] and b["start"] < a["end"]


def score_spans(truth: list[dict], predicted: list[dict]) -> dict[str, Counts]:
    """Per entity counts; spans are dicts with ``item``, ``entity`` and ``start``/``end`` or ``cell``."""
    grouped: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for span in truth:
        grouped[span["item"], span["entity"]][0].append(span)
    for span in predicted:
        grouped[span["item"], span["entity"]][1].append(span)
    counts: dict[str, Counts] = defaultdict(lambda: Counts(hit=0))
    for (_, entity), (want, got) in grouped.items():
        c = counts[entity]
        matched = [any(_overlaps(g, w) for w in want) for g in got]
        c.tp += sum(matched)
        c.fp += len(matched) - sum(matched)
        found = sum(any(_overlaps(w, g) for g in got) for w in want)
        c.hit += found
        c.fn += len(want) - found
    return dict(counts)


def micro(counts: dict[str, Counts], entities: Iterable[str] | None = None) -> Counts:
    """Counts summed over ``entities`` (all by default)."""
    total = Counts(hit=0)
    for entity, c in counts.items():
        if entities is None or entity in entities:
            total.tp, total.fp, total.fn, total.hit = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn, \
                total.hit + c.found
    return total


def by_script(spans: list[dict], entity: str = "PERSON") -> list[dict]:
    """Copies of ``entity`` spans relabelled by script, e.g. ``PERSON (zh)``, for a per-language row."""
    return [{**s, "entity": f"{entity} ({s['script']})"} for s in spans if s["entity"] == entity and "script" in s]


def items_of(spans: list[dict]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        found[span["item"]].add(span["entity"])
    return dict(found)
