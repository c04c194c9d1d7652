"""Running scan units: in this process, or on a local process pool (each worker builds its engine once)."""
from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
from collections.abc import Callable, Iterable, Iterator

from scanner.records import Item, ItemResult
from scanner.unit import EngineSpec, scan_item

Unit = tuple[str, Item]  # (source URI, item)


def _warm_up(spec: EngineSpec) -> None:
    spec.engine()


def run_units(units: Iterable[Unit], options, on_start: Callable[[Item], None] = lambda item: None
              ) -> Iterator[list[ItemResult]]:
    """Yield the ItemResults of each unit of a scan with ``options`` (ScanOptions), in completion order:
    the item's own first, then one per archive member, attachment or SQLite table it holds."""
    spec = EngineSpec.of(options.detectors, options.detectors_label)
    language, workers = options.language, options.workers
    if workers <= 1:
        for uri, item in units:
            on_start(item)
            yield scan_item(uri, options.source, item, spec, language)
        return
    # spawn, not fork: a forked copy of a process holding spaCy and threads is not safe.
    context = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up,
                                     initargs=(spec,)) as pool:
        pending = set()
        for uri, item in units:
            pending.add(pool.submit(scan_item, uri, options.source, item, spec, language))
        for future in futures.as_completed(pending):
            results = future.result()
            on_start(results[0].item)
            yield results
