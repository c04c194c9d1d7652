"""Running scan units on a Dask distributed cluster (``--cluster tcp://HOST:PORT``).

The same units and the same task as the local pool: each worker builds the detection engine once
(a WorkerPlugin, again on a restarted worker), a unit whose worker dies is re-run by the scheduler on
another, and one that kills workers more than the scheduler allows (``allowed-failures``) becomes an
error item. Results travel back to the scan, which writes them, so each unit is written once.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator

from distributed import Client, KilledWorker, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from scanner.errors import SourceError
from scanner.executor import unit_results
from scanner.records import Item, ItemResult

# Units in flight at once: enough to keep a large cluster busy, few enough to keep the client small.
_WINDOW = 1000


class EnginePlugin(WorkerPlugin):
    """Builds a worker's detection engine when it starts, so the first unit does not pay for it."""

    name = "piiaudit-engine"

    def __init__(self, spec):
        self.spec = spec

    def setup(self, worker):
        self.spec.engine()


def key_fingerprint() -> str:
    """Which key a process hashes with, without revealing it: workers must all use the scan's."""
    from scanner.unit import _key

    return hashlib.sha256(b"piiaudit key fingerprint\0" + _key()).hexdigest()[:16]


def run_on_cluster(task, address: str, units: Iterable[tuple[str, Item]], on_start: Callable[[Item], None]
                   ) -> Iterator[list[ItemResult]]:
    """Yield each unit's results from the cluster at ``address``, in completion order."""
    try:
        client = Client(address, timeout=10, set_as_default=False)
    except OSError as exc:
        raise SourceError(f"{address}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        client.register_plugin(EnginePlugin(task.spec))
        _check_keys(client)
        todo = iter(units)
        # pure=False: two units are two tasks, even where their arguments are equal.
        pending = {client.submit(task, unit, pure=False): unit for unit in _take(todo, _WINDOW)}
        running = as_completed(list(pending), loop=client.loop)
        for future in running:
            unit = pending.pop(future)
            on_start(unit[1])
            yield _result(future, unit)
            for more in _take(todo, 1):
                submitted = client.submit(task, more, pure=False)
                pending[submitted] = more
                running.add(submitted)


def _take(units, count: int) -> list:
    return [unit for _, unit in zip(range(count), units, strict=False)]


def _result(future, unit) -> list[ItemResult]:
    if future.status == "error" and isinstance(future.exception(), KilledWorker):
        item = unit[1]
        return [ItemResult(item, "error", f"{item.name}: the worker processes reading it died, again and again "
                                          "(out of memory, or a runaway parser?); not read")]
    return unit_results(future, unit)


def _check_keys(client) -> None:
    """Refuse a cluster whose workers hash with another key: their findings could not be compared."""
    ours = key_fingerprint()
    theirs = client.run(key_fingerprint)
    others = sorted(worker for worker, fingerprint in theirs.items() if fingerprint != ours)
    if others:
        raise SourceError(f"{', '.join(others)}: these Dask workers use another piiaudit key; give every worker "
                          "the scan's key (PIIAUDIT_KEY or the same key file) so that findings can be compared")
