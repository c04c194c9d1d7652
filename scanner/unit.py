"""Scanning one item: read → extract → detect → mask and hash. Runs in a worker process."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace

from detectors.columns import merge as merge_classes
from scanner.columns import CountedRows, table_result
from scanner.connectors import Connector, SourceOptions, TableSample, open_source, sqlite_memory
from scanner.connectors.sql import SqlConnector
from scanner.contents import failure, scan_contents
from scanner.errors import SkippedError
from scanner.extract.chunking import column_chunks, pieces
from scanner.names import NameMasker, masked_results
from scanner.privacy import load_key, mask, value_hash
from scanner.records import Chunk, Finding, Item, ItemResult


@functools.lru_cache(maxsize=32)
def _connector(uri: str, options: SourceOptions) -> Connector:
    return open_source(uri, options)


@functools.lru_cache(maxsize=1)
def _key() -> bytes:
    return load_key()


@dataclass(frozen=True)
class EngineSpec:
    """What a worker needs to build the same detection engine as the caller: picklable and hashable."""

    overrides_json: str = "{}"
    overrides_label: str = ""

    @classmethod
    def of(cls, overrides: dict, label: str) -> EngineSpec:
        return cls(json.dumps(overrides, sort_keys=True), label)

    def engine(self):
        return _engine(self)


@functools.lru_cache(maxsize=2)
def _engine(spec: EngineSpec):
    from detectors.engine import DetectionEngine
    from detectors.settings import load_detector_settings

    return DetectionEngine(load_detector_settings(json.loads(spec.overrides_json), spec.overrides_label))


@functools.lru_cache(maxsize=2)
def _masker(spec: EngineSpec, language: str) -> NameMasker:
    return NameMasker(spec.engine(), language)


def scan_item(uri: str, options: SourceOptions, item: Item, spec: EngineSpec = EngineSpec(),
              language: str = "auto") -> list[ItemResult]:
    """Scan one item of source ``uri``: its result, then one per archive member, attachment or table
    of a SQLite file it holds (scanner/contents.py). A bad item becomes a result with a reason, never
    an exception. Names that hold personal information are masked (scanner/names.py)."""
    return masked_results(_scan_item(uri, options, item, spec, language), _masker(spec, language))


def _scan_item(uri: str, options: SourceOptions, item: Item, spec: EngineSpec, language: str) -> list[ItemResult]:
    try:
        connector = _connector(uri, options)
        payload = connector.read(item)
    except Exception as exc:  # noqa: BLE001 (recorded as the item's reason)
        return [failure(item, exc)]
    if isinstance(payload, TableSample):
        try:
            return [_scan_table(item, payload, spec, language)]
        except Exception as exc:  # noqa: BLE001
            return [failure(item, exc)]
    limits = replace(options.archives, max_member_bytes=options.max_file_bytes)
    return scan_contents(item, payload, limits, functools.partial(_scan_text, spec=spec, language=language),
                         functools.partial(_scan_database, connector, options, spec, language))


def _scan_table(item: Item, payload: TableSample, spec: EngineSpec, language: str) -> ItemResult:
    rows = CountedRows(payload.rows)
    chunks = column_chunks(payload.columns, rows, lambda row, col: f"row {row + 1}")
    findings, classes = _scan_chunks(item, chunks, spec, language)
    return replace(table_result(item, payload, rows, findings), column_classes=merge_classes(classes))


def _scan_text(item: Item, chunks, spec: EngineSpec, language: str) -> ItemResult:
    findings, classes = _scan_chunks(item, chunks, spec, language)
    return ItemResult(item, "scanned", None, None, None, findings, column_classes=merge_classes(classes))


def _scan_chunks(item: Item, chunks, spec: EngineSpec, language: str) -> tuple[tuple[Finding, ...], list]:
    """Findings of every chunk, each cut into pieces the detectors can take (a minified JSON is one
    line); a value on a cut is reported by one piece only."""
    engine, classes, findings = spec.engine(), [], []
    for chunk in chunks:
        for piece, first, last in pieces(chunk):
            matches = [m for m in _detect(engine, piece, language, classes) if first <= m.start < last]
            findings.extend(_findings(item, piece, matches))
    return tuple(findings), classes


def _scan_database(connector: Connector, options: SourceOptions, spec: EngineSpec, language: str,
                   item: Item, data: bytes) -> list[ItemResult]:
    """The tables of a SQLite file found on a share, from the bytes already read (within
    ``max_file_mb``) and opened in memory, named ``file.db!table``."""
    if item.kind != "file":
        raise SkippedError(f"{item.name}: SQLite database not read here (copy it out and scan it as sqlite:///FILE)")
    path_of = getattr(connector, "path_of", None)
    note = sqlite_memory.wal_note(path_of(item)) if path_of else None
    database = SqlConnector("sqlite://", options, load=lambda: data, file_exposure=item.exposure, note=note)
    results = []
    try:
        for table in database.items():
            named = replace(table, source=item.source, name=f"{item.name}!{table.name}")
            try:
                results.append(_scan_table(named, database.read(table), spec, language))
            except Exception as exc:  # noqa: BLE001
                results.append(failure(named, exc))
    finally:
        database.engine.dispose()  # frees the in-memory copy
    return results


def _detect(engine, chunk: Chunk, language: str, classes: list) -> list:
    """The chunk's matches; what a column was judged to hold is collected into ``classes``."""
    matches, judged = engine.detect_columns(chunk, language)
    classes.extend(judged)
    return matches


def _findings(item: Item, chunk: Chunk, matches) -> list[Finding]:
    key = _key()
    return [Finding(
        source=item.source, item=item.name, location=chunk.location(m.start), column=chunk.column,
        entity_type=m.entity_type, score=m.score,
        start=None if chunk.base is None else chunk.base + m.start,
        end=None if chunk.base is None else chunk.base + m.end,
        masked_value=mask(m.entity_type, m.text), value_hash=value_hash(key, m.entity_type, m.text),
        detector=m.detector, language=m.language, is_minor=m.is_minor) for m in matches]
