"""The records that cross each boundary of the pipeline: Item → Chunk → Match → Finding."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Item:
    """One thing a connector can read: a file, an archive member or a table."""

    source: str  # source URI without credentials
    name: str  # relative path with '/', or 'schema.table'
    kind: str  # file | archive_member | table
    size_bytes: int | None = None
    modified_at: datetime | None = None
    exposure: str | None = None
    # What changes whenever the item does, where size and time do not tell (a table's catalog counters):
    # incremental scans compare it.
    version: str | None = None
    # How the connector finds the item again when ``name`` is not that (a file name that is not valid
    # UTF-8 is shown decoded or escaped): never written, and not part of the item's identity.
    locator: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Chunk:
    """Text to analyse, with what is needed to say where a match lies.

    ``marks`` are sorted (offset, location) pairs: the location of a match is the label of the
    last mark at or before its start, e.g. ``line 12`` or ``Sheet1!C7``. ``base`` is the chunk's
    offset in the item's extracted text, or None for tabular chunks, whose offsets mean nothing
    to a reader.
    """

    text: str
    marks: tuple[tuple[int, str], ...]
    column: str | None = None
    base: int | None = 0

    def location(self, offset: int) -> str:
        starts = [m[0] for m in self.marks]
        index = bisect.bisect_right(starts, offset) - 1
        return self.marks[max(index, 0)][1] if self.marks else ""


@dataclass(frozen=True)
class Match:
    """A detection in a chunk. ``text`` is the raw value: it lives in memory only, never written."""

    entity_type: str
    start: int
    end: int
    score: float
    detector: str
    language: str
    text: str = field(repr=False)
    is_minor: bool | None = None  # derived from a birth date (resident ID, date of birth): under 14 today


@dataclass(frozen=True)
class Finding:
    """A match made safe to store: masked value and keyed hash, never the raw value."""

    source: str
    item: str
    location: str
    column: str | None
    entity_type: str
    score: float
    start: int | None
    end: int | None
    masked_value: str
    value_hash: str
    detector: str
    language: str
    is_minor: bool | None = None


@dataclass(frozen=True)
class ItemResult:
    """What scanning one item produced: its coverage record and its findings."""

    item: Item
    status: str  # scanned | skipped | error
    reason: str | None = None
    content_hash: str | None = None
    rows_sampled: int | None = None
    findings: tuple[Finding, ...] = ()
    sampling: str | None = None  # tables: how rows were chosen, with the seed
    table_rows: int | None = None  # tables: row count (catalog statistics unless every row was read)
    columns: tuple[ColumnEstimate, ...] = ()  # tables: rows per column and entity type, estimated
    column_classes: tuple[ColumnClass, ...] = ()  # tables and spreadsheets: what each column was judged to hold
    real_name: str | None = field(default=None, repr=False)  # the name before it was masked (scanner/names.py):
    # kept outside DIR only, never written there


@dataclass(frozen=True)
class ColumnEstimate:
    """How many rows of a table hold an entity type in a column: seen in the sample, scaled to the table.

    ``low``..``high`` is a ``confidence`` interval for the table's count; all three equal
    ``rows_matched`` when every row was read (``exact``).
    """

    column: str
    entity_type: str
    rows_matched: int
    rows_sampled: int
    table_rows: int
    estimate: int
    low: int
    high: int
    confidence: float
    exact: bool


@dataclass(frozen=True)
class ColumnClass:
    """What a column was judged to hold (detectors/columns.py): one record per column and entity type.

    ``confidence`` is the share of the column's values that validate as ``entity_type``; ``values``
    are the non-empty values judged, ``matched`` those valid. ``entity_type`` is None for a column in
    which nothing was found.
    """

    column: str
    entity_type: str | None
    decided: bool
    confidence: float
    values: int
    matched: int
    header: str | None  # the header word that named a type (or a non-personal code), if any
    rule: str  # why, in words
