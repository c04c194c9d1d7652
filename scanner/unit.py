"""Scanning one item: read → extract → detect → mask and hash. Runs in a worker process."""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, replace

from detectors.columns import merge as merge_classes
from scanner.columns import CountedRows, table_result
from scanner.connectors import Connector, SourceOptions, TableSample, open_source
from scanner.errors import ScanError
from scanner.extract import extractor_for, extractors
from scanner.extract.chunking import column_chunks
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


def scan_item(uri: str, options: SourceOptions, item: Item, spec: EngineSpec = EngineSpec(),
              language: str = "auto") -> ItemResult:
    """Scan one item of source ``uri``; a bad item becomes a result with a reason, never an exception."""
    try:
        payload = _connector(uri, options).read(item)
        if isinstance(payload, TableSample):
            rows = CountedRows(payload.rows)
            chunks = column_chunks(payload.columns, rows, lambda row, col: f"row {row + 1}")
        else:
            extractor = extractor_for(item.name)
            if extractor is None:
                return ItemResult(item, "skipped", _unsupported(item.name), hashlib.sha256(payload).hexdigest())
            chunks = extractor.extract(payload, item.name)
            content_hash = hashlib.sha256(payload).hexdigest()
        engine, classes = spec.engine(), []
        findings = tuple(f for chunk in chunks
                         for f in _findings(item, chunk, _detect(engine, chunk, language, classes)))
        if isinstance(payload, TableSample):
            return replace(table_result(item, payload, rows, findings), column_classes=merge_classes(classes))
    except ScanError as exc:
        return ItemResult(item, "error", str(exc))
    except Exception as exc:  # a parser's bug on hostile input must not stop the scan
        return ItemResult(item, "error", f"{item.name}: could not be read ({type(exc).__name__})")
    return ItemResult(item, "scanned", None, content_hash, None, findings, column_classes=merge_classes(classes))


def _detect(engine, chunk: Chunk, language: str, classes: list) -> list:
    """The chunk's matches; what a column was judged to hold is collected into ``classes``."""
    matches, judged = engine.detect_columns(chunk, language)
    classes.extend(judged)
    return matches


def _unsupported(name: str) -> str:
    supported = " ".join(sorted(extractors()))
    return f"file type not supported yet (supported: {supported})"


def _findings(item: Item, chunk: Chunk, matches) -> list[Finding]:
    key = _key()
    return [Finding(
        source=item.source, item=item.name, location=chunk.location(m.start), column=chunk.column,
        entity_type=m.entity_type, score=m.score,
        start=None if chunk.base is None else chunk.base + m.start,
        end=None if chunk.base is None else chunk.base + m.end,
        masked_value=mask(m.entity_type, m.text), value_hash=value_hash(key, m.entity_type, m.text),
        detector=m.detector, language=m.language, is_minor=m.is_minor) for m in matches]
