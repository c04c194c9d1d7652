"""What one file holds: its own text, the items inside it (archive members, mail attachments) and,
for a SQLite file, its tables. One file read from a source may so give many item results.

Items inside items are named ``outer!inner``: ``a.zip!b.zip!c.txt``, ``mail.eml!report.pdf``,
``crm.db!customers``. They are read in memory, never extracted to disk.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace

from scanner.errors import ScanError, SkippedError
from scanner.extract import content_type, extractor_for, extractors
from scanner.extract.members import Budget, Limits, Member
from scanner.records import Chunk, Item, ItemResult

SQLITE_HEADER = b"SQLite format 3\x00"

# analyse(item, chunks): the item's findings; tables(item, data): one result per table of a SQLite file.
Analyse = Callable[[Item, Iterable[Chunk]], ItemResult]
Tables = Callable[[Item, bytes], list[ItemResult]]


def failure(item: Item, exc: Exception) -> ItemResult:
    """Why ``item`` was skipped or could not be read, from what reading it raised."""
    if isinstance(exc, SkippedError):
        return ItemResult(item, "skipped", str(exc))
    if isinstance(exc, ScanError):
        return ItemResult(item, "error", str(exc))
    if isinstance(exc, MemoryError):
        return ItemResult(item, "error", f"{item.name}: needs more memory than a worker may use "
                                         "(scan.worker_memory_mb); not read")
    # A parser's bug on hostile input must not stop the scan; its message might quote content.
    return ItemResult(item, "error", f"{item.name}: could not be read ({type(exc).__name__})")


def scan_contents(item: Item, data: bytes, limits: Limits, analyse: Analyse, tables: Tables) -> list[ItemResult]:
    """The results for a file's bytes: the file first, then whatever it holds, depth first."""
    results: list[ItemResult] = []
    _walk(item, data, 0, Budget(limits), analyse, tables, results)
    return results


def _walk(item: Item, data: bytes, depth: int, budget: Budget, analyse: Analyse, tables: Tables,
          results: list[ItemResult]) -> None:
    content_hash = hashlib.sha256(data).hexdigest()
    if data.startswith(SQLITE_HEADER):
        try:
            results.extend([ItemResult(item, "scanned", None, content_hash), *tables(item, data)])
        except Exception as exc:  # noqa: BLE001 (recorded as the item's reason)
            results.append(replace(failure(item, exc), content_hash=content_hash))
        return
    try:
        module = extractor_for(item.name, data)
    except ScanError as exc:
        results.append(replace(failure(item, exc), content_hash=content_hash))
        return
    if module is None:
        results.append(ItemResult(item, "skipped", _unsupported(data), content_hash))
        return
    own = ItemResult(item, "scanned")
    if hasattr(module, "extract"):
        try:
            own = analyse(item, module.extract(data, item.name))
        except Exception as exc:  # noqa: BLE001
            own = failure(item, exc)
    own = replace(own, content_hash=content_hash)
    results.append(own)
    if not hasattr(module, "members") or own.status != "scanned":
        return
    if depth >= budget.limits.max_depth:
        if _holds_members(module, data, item.name, budget.limits):
            # What it holds was not read, so it is not `scanned`; its own text's findings stay.
            results[-1] = replace(own, status="skipped", reason=f"{item.name}: not opened, nested deeper than "
                                                                f"{budget.limits.max_depth} archives")
        return
    index = len(results) - 1
    try:
        for member in module.members(data, item.name, budget):
            _member(item, member, depth, budget, analyse, tables, results)
    except Exception as exc:  # noqa: BLE001 (a damaged container: what was read so far stays)
        results[index] = replace(failure(item, exc), content_hash=content_hash)


def _member(container: Item, member: Member, depth: int, budget: Budget, analyse: Analyse, tables: Tables,
            results: list[ItemResult]) -> None:
    inner = Item(container.source, f"{container.name}!{member.name}", "archive_member", member.size,
                 member.modified_at or container.modified_at, container.exposure)
    if member.data is None:
        results.append(ItemResult(inner, member.status, member.reason))
    else:
        _walk(inner, member.data, depth + 1, budget, analyse, tables, results)


def _holds_members(module, data: bytes, name: str, limits: Limits) -> bool:
    """Whether the container holds anything (a mail may have no attachment), found on a budget of
    its own; a container that cannot be read that far is taken to hold something."""
    try:
        return next(iter(module.members(data, name, Budget(limits))), None) is not None
    except Exception:  # noqa: BLE001 (a damaged container: it was not opened either way)
        return True


def _unsupported(data: bytes) -> str:
    supported = " ".join(sorted(extractors()))
    return f"file type not supported yet ({content_type(data)}; supported: {supported})"
