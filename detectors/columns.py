"""Column classification for tables and spreadsheets: what a column holds, from its header and its values.

The rule and its numbers live in config/columns.yaml (read there for the full statement). In short:
a column is entity E when enough of its non-empty values validate as E, fewer being needed when the
header names E; a decided column reports every value found as E; chance hits of checksum and
phone-shaped types in a column of codes are dropped, whatever the header says.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from scanner.errors import ConfigError
from scanner.records import Chunk, ColumnClass
from scanner.settings import check_keys, read_config, require

_CJK = re.compile(r"[\u3400-\u9fff]")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case ASCII words of a header: ``CustomerPhone_no`` → customer, phone, no."""
    return _TOKEN.findall(_CAMEL.sub(r"\1 \2", unicodedata.normalize("NFKC", text)).lower())


@dataclass(frozen=True)
class HeaderMatch:
    entities: frozenset[str]  # entity types the header names
    negative: bool  # the header names a code that is not personal data (订单号, sku, batch no)
    word: str | None  # the lexicon word that decided


@dataclass(frozen=True)
class ColumnRules:
    share_with_header: float
    share_without_header: float
    value_score: float
    whole_cell: float
    chance_prone: frozenset[str]
    lexicon: tuple[tuple[str, str | None], ...]  # (word, entity type or None for not-personal)
    stray_share: float = 0.0
    stray_cell: float = 1.0
    stray_prone: frozenset[str] = frozenset()

    def header(self, name: str | None) -> HeaderMatch:
        """What the header names: the lexicon word found that ends last decides, the longest of those (all
        types sharing it). A header's head noun comes last: supplier_uscc is a credit code, 订单联系电话 a phone,
        company name no name."""
        if not name:
            return HeaderMatch(frozenset(), False, None)
        text = _CAMEL.sub(r"\1 \2", unicodedata.normalize("NFKC", name)).lower()
        found = [(end, len(w), w, e) for w, e in self.lexicon if (end := _word_end(w, text)) >= 0]
        if not found:
            return HeaderMatch(frozenset(), False, None)
        last = max(found)[:2]
        best = [(w, e) for end, length, w, e in found if (end, length) == last]
        entities = frozenset(e for _, e in best if e)
        return HeaderMatch(entities, not entities, best[0][0])


@functools.lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern:
    if _CJK.search(word):
        return re.compile(re.escape(word))
    # English words whole, whatever joins them: customer_phone, customer phone, CustomerPhone (split above).
    return re.compile(r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(map(re.escape, tokens(word))) + r"(?![a-z0-9])")


def _word_end(word: str, text: str) -> int:
    """Where the last occurrence of lexicon ``word`` in header ``text`` ends, or -1."""
    ends = [m.end() for m in _word_pattern(word).finditer(text)]
    return ends[-1] if ends else -1


def _fraction(value: Any, label: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{label}: '{where}' must be a number between 0 and 1, not {value!r}")
    return float(value)


def _words(value: Any, label: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ConfigError(f"{label}: '{where}' must be a list of words")
    return [w.strip().lower() for w in value]


def _entity(name: Any, label: str, where: str) -> str:
    from detectors.vocabulary import ENTITY_TYPES

    if name not in ENTITY_TYPES:
        raise ConfigError(f"{label}: '{where}': {name!r} is not an entity type (valid: {', '.join(ENTITY_TYPES)})")
    return name


_KEYS = {"share_with_header", "share_without_header", "value_score", "whole_cell", "chance_prone", "headers",
         "not_personal", "stray_share", "stray_cell", "stray_prone"}


def parse_rules(data: dict, label: str) -> ColumnRules:
    """Validate the mapping of config/columns.yaml; errors name ``label`` and the key."""
    check_keys(data, _KEYS, label)
    missing = sorted(_KEYS - set(data))
    if missing:
        raise ConfigError(f"{label}: missing key '{missing[0]}'")
    headers = require(data, "headers", dict, label)
    lexicon = [(w, _entity(e, label, f"headers.{e}")) for e, ws in headers.items()
               for w in _words(ws, label, f"headers.{e}")]
    lexicon += [(w, None) for w in _words(data["not_personal"], label, "not_personal")]
    chance = [_entity(e, label, "chance_prone") for e in require(data, "chance_prone", list, label)]
    stray = [_entity(e, label, "stray_prone") for e in require(data, "stray_prone", list, label)]
    fractions = (_fraction(data[k], label, k) for k in ("share_with_header", "share_without_header",
                                                         "value_score", "whole_cell"))
    return ColumnRules(*fractions, frozenset(chance), tuple(lexicon), _fraction(data["stray_share"], label,
                       "stray_share"), _fraction(data["stray_cell"], label, "stray_cell"), frozenset(stray))


@functools.lru_cache(maxsize=1)
def load_rules() -> ColumnRules:
    """config/columns.yaml, validated: errors name the file and the key."""
    return parse_rules(*read_config("columns"))


@dataclass
class Candidate:
    """A recognizer's result in a column chunk, before thresholds; ``score`` may be raised."""

    entity: str
    start: int
    end: int
    score: float
    ref: object = None  # the caller's own result, carried through
    reason: str | None = None  # set when the column decision raised the score


def classify(chunk: Chunk, candidates: list[Candidate], threshold: Callable[[str], float],
             rules: ColumnRules | None = None) -> tuple[list[Candidate], list[ColumnClass]]:
    """Decide what ``chunk``'s column holds; return the candidates to keep and one record per type."""
    rules = rules or load_rules()
    header = rules.header(chunk.column)
    starts = [offset for offset, _ in chunk.marks]
    values = len(starts)
    valid: dict[str, set[int]] = defaultdict(set)
    filling: dict[str, list[bool]] = defaultdict(list)
    cells = [bisect.bisect_right(starts, c.start) - 1 for c in candidates]  # the cell each value is in
    for c, cell in zip(candidates, cells, strict=True):
        if c.score > 0 and (c.entity in header.entities or c.score >= rules.value_score):
            valid[c.entity].add(cell)
        filling[c.entity].append(_fills(chunk.text, starts, cell, c, rules.whole_cell))
    decided: dict[str, float] = {}
    shares: dict[str, float] = {}
    records, remaining = [], values
    # A header naming several types (passport_no: Chinese and other passports) is borne out by them together.
    named_share = len(set().union(*(valid[e] for e in header.entities))) / values if values else 0.0
    for entity in sorted(set(valid) | set(filling) | header.entities, key=lambda e: (-len(valid[e]), e)):
        named = entity in header.entities
        # Only types the header names share the values other types leave: one stray name in a column of
        # addresses is 1 of all its values, not 1 of the 1 value left once the addresses are claimed.
        base = remaining if named else values
        share = shares[entity] = len(valid[entity]) / base if base else 0.0
        needed = rules.share_with_header if named else rules.share_without_header
        vetoed = header.negative and entity in rules.chance_prone
        is_type = bool(valid[entity]) and max(share, named_share if named else 0.0) >= needed and not vetoed
        if is_type:
            decided[entity] = share
            remaining -= len(valid[entity])
        if valid[entity] or named:  # weak pattern hits that validate nowhere are not worth a record
            records.append(ColumnClass(chunk.column or "", entity, is_type, round(share, 4), values,
                                       len(valid[entity]), header.word, _why(header, entity, share, needed, vetoed)))
    if not records:
        records.append(ColumnClass(chunk.column or "", None, False, 0.0, values, 0, header.word, "nothing found"))
    claimed = [(c.start, c.end) for c in candidates if c.entity in decided]
    kept = []
    for c, cell, fills in zip(candidates, cells, _fill_flags(candidates, filling), strict=True):
        if c.entity in decided:
            # Reported, but not made more certain than its own evidence: the column's confidence is stored apart.
            c.score = max(c.score, threshold(c.entity))
            c.reason = f"column '{chunk.column}' classified {c.entity} (confidence {decided[c.entity]:.2f})"
        elif header.negative or any(c.start < end and start < c.end for start, end in claimed):
            continue  # a column of codes, or inside a value the column says is something else
        elif c.entity in rules.chance_prone and fills:
            continue
        elif c.entity in rules.stray_prone and (
                header.entities and c.entity not in header.entities  # "Wangjing SOHO" in an address column
                or shares.get(c.entity, 0.0) < rules.stray_share and _fills(chunk.text, starts, cell, c,
                                                                             rules.stray_cell)):
            continue  # or "Desk Lamp" in "LED Desk Lamp", in a column of products
        kept.append(c)
    return kept, records


def _fill_flags(candidates: list[Candidate], filling: dict[str, list[bool]]) -> Iterable[bool]:
    position: dict[str, int] = defaultdict(int)
    for c in candidates:
        yield filling[c.entity][position[c.entity]]
        position[c.entity] += 1


def _fills(text: str, starts: list[int], cell: int, c: Candidate, share: float) -> bool:
    end = starts[cell + 1] - 1 if cell + 1 < len(starts) else len(text.rstrip("\n"))
    content = text[starts[cell]:end].strip()
    return bool(content) and (c.end - c.start) >= share * len(content)


def _why(header: HeaderMatch, entity: str, share: float, needed: float, vetoed: bool) -> str:
    said = f"header '{header.word}' names it" if entity in header.entities else "header does not name it"
    if vetoed:
        return f"header '{header.word}' names a non-personal code"
    return f"{said}; {share:.0%} of values valid, {needed:.0%} needed"


def merge(records: Iterable[ColumnClass]) -> tuple[ColumnClass, ...]:
    """One record per (column, type) across the chunks of a long column: counts summed, majority decides."""
    grouped: dict[tuple[str, str | None], list[ColumnClass]] = defaultdict(list)
    for record in records:
        grouped[record.column, record.entity_type].append(record)
    merged = []
    for (column, entity), group in grouped.items():
        values, matched = sum(r.values for r in group), sum(r.matched for r in group)
        decided = sum(r.values for r in group if r.decided) * 2 > values
        confidence = sum(r.confidence * r.values for r in group) / values if values else 0.0
        merged.append(ColumnClass(column, entity, decided, round(confidence, 4), values, matched, group[0].header,
                                  group[0].rule if len(group) == 1 else f"{len(group)} chunks; {group[0].rule}"))
    return tuple(merged)
