"""What the generator plants: documents made of plain text and labelled values (``P``)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class P:
    """A planted personal value and its entity type."""

    entity: str
    value: str


Part = str | P


@dataclass
class Doc:
    """A document: lines of parts, plus optional mail headers or a table (docx)."""

    lines: list[list[Part]] = field(default_factory=list)
    headers: dict[str, list[Part]] = field(default_factory=dict)  # e-mail only
    table: list[list[list[Part]]] = field(default_factory=list)  # docx only: rows of cells of parts

    def line(self, *parts: Part) -> Doc:
        self.lines.append(list(parts))
        return self

    def planted(self) -> list[P]:
        parts = [p for line in self.lines for p in line]
        parts += [p for value in self.headers.values() for p in value]
        parts += [p for row in self.table for cell in row for p in cell]
        return [p for p in parts if isinstance(p, P)]


@dataclass
class JsonDoc:
    """A JSON document whose leaves may be planted values."""

    data: object

    def planted(self) -> list[P]:
        found: list[P] = []

        def walk(node):
            if isinstance(node, P):
                found.append(node)
            elif isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(self.data)
        return found

    def plain(self, node=None, top: bool = True):
        node = self.data if top else node
        if isinstance(node, P):
            return node.value
        if isinstance(node, dict):
            return {k: self.plain(v, False) for k, v in node.items()}
        if isinstance(node, list):
            return [self.plain(v, False) for v in node]
        return node


@dataclass
class Deck:
    """A slide deck (pptx): each slide's lines and its speaker notes."""

    slides: list[tuple[Doc, Doc]]

    def planted(self) -> list[P]:
        return [p for body, notes in self.slides for p in body.planted() + notes.planted()]


@dataclass
class Archive:
    """A zip archive of documents; each member is an item of its own (``x.zip!inner.txt``)."""

    members: list[tuple[str, Doc | JsonDoc]]


@dataclass
class Table:
    """Rows of cells; a cell is plain text, a planted value, or a list of parts (free text)."""

    header: list[str]
    rows: list[list[Part | list[Part] | None]]
    sheet: str = "Sheet1"


def text_of(parts: Part | list[Part] | None) -> str:
    if parts is None:
        return ""
    if isinstance(parts, (str, P)):
        parts = [parts]
    return "".join(p.value if isinstance(p, P) else p for p in parts)


def planted_in(cell: Part | list[Part] | None) -> list[P]:
    if isinstance(cell, P):
        return [cell]
    if isinstance(cell, list):
        return [p for p in cell if isinstance(p, P)]
    return []
