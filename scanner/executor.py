"""Running scan units: in this process, or on worker processes whose deaths the scan survives.

A worker that dies (the OOM killer, a crash in a parser) breaks the pool: the units it was running are
run again one at a time on a fresh worker, so the one that kills a worker when alone is known and
recorded as an error item; the others' results come back as if nothing had happened. Workers die with
the scan (PR_SET_PDEATHSIG), each item has a wall-time limit and each worker a memory limit.
"""
from __future__ import annotations

import concurrent.futures as futures
import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from scanner.records import Item, ItemResult
from scanner.unit import EngineSpec, scan_item

Unit = tuple[str, Item]  # (source URI, item)
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class UnitLimits:
    """Per item: wall time; per worker process: address space (so a runaway parser fails alone)."""

    item_timeout_s: int = 900
    worker_memory_mb: int = 4096
    # After its limit, an item stuck where Python cannot interrupt it (inside one C call) gets this long
    # before its worker is killed from outside.
    grace_s: int = 60


class ItemTimeout(BaseException):
    """Raised in a worker when its item runs out of time. A BaseException, so that the extractors'
    ``except Exception`` around members cannot swallow it and go on past the limit."""


@dataclass(frozen=True)
class _Task:
    """One unit's work, picklable for a worker process."""

    options: object  # SourceOptions
    spec: EngineSpec
    language: str
    limits: UnitLimits

    def __call__(self, unit: Unit) -> list[ItemResult]:
        uri, item = unit
        try:
            with _deadline(self.limits.item_timeout_s):
                return scan_item(uri, self.options, item, self.spec, self.language)
        except ItemTimeout:
            return [ItemResult(item, "error", f"{item.name}: took longer than the {self.limits.item_timeout_s} s "
                                              "limit per item (scan.item_timeout_s); not read")]


@contextlib.contextmanager
def _deadline(seconds: int):
    """Raise ItemTimeout in this thread after ``seconds`` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ItemTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _start_worker(spec: EngineSpec, limits: UnitLimits, parent: int) -> None:
    """In each new worker: die with the scan, ignore Ctrl-C (the scan handles it), cap memory, build
    the engine once."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the scan died before the line above took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    memory = limits.worker_memory_mb * 2**20
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    spec.engine()


def run_units(units: Iterable[Unit], options, on_start: Callable[[Item], None] = lambda item: None
              ) -> Iterator[list[ItemResult]]:
    """Yield the ItemResults of each unit of a scan with ``options`` (ScanOptions), in completion order:
    the item's own first, then one per archive member, attachment or SQLite table it holds.

    ``options.workers`` 0 runs the units in this process; N ≥ 1 on N worker processes;
    ``options.cluster`` (a scheduler's address) on a Dask cluster instead.
    """
    task = _Task(options.source, EngineSpec.of(options.detectors, options.detectors_label), options.language,
                 options.limits)
    if options.cluster:
        from scanner.cluster import run_on_cluster

        yield from run_on_cluster(task, options.cluster, units, on_start)
        return
    if options.workers <= 0:
        for unit in units:
            on_start(unit[1])
            yield task(unit)
        return
    yield from _Pool(task, options.workers).run(units, on_start)


class _Pool:
    """Worker processes, replaced when one dies; suspects of a death are re-run one by one."""

    def __init__(self, task: _Task, workers: int):
        self.task, self.workers = task, workers
        self.todo: deque[Unit] = deque()
        self.suspects: deque[Unit] = deque()

    def run(self, units: Iterable[Unit], on_start: Callable[[Item], None]) -> Iterator[list[ItemResult]]:
        self.todo.extend(units)
        while self.todo or self.suspects:
            # Suspects run alone, so that the unit that kills a worker is told from its neighbours.
            alone = bool(self.suspects)
            pool = self._new_pool(1 if alone else self.workers)
            try:
                yield from self._drain(pool, alone, on_start)
            finally:
                _stop(pool)

    def _new_pool(self, size: int) -> futures.ProcessPoolExecutor:
        # spawn, not fork: a forked copy of a process holding spaCy and threads is not safe.
        return futures.ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_start_worker,
                                           initargs=(self.task.spec, self.task.limits, os.getpid()))

    def _drain(self, pool, alone: bool, on_start) -> Iterator[list[ItemResult]]:
        """Run units on ``pool`` until it breaks or (alone) the suspects are cleared."""
        queue, window = (self.suspects, 1) if alone else (self.todo, 2 * self.workers)
        running: dict[futures.Future, Unit] = {}
        patience = self.task.limits.item_timeout_s + self.task.limits.grace_s
        while True:
            while queue and len(running) < window:
                unit = queue.popleft()
                running[pool.submit(self.task, unit)] = unit
            if not running:
                return
            done, _ = futures.wait(running, timeout=patience, return_when=futures.FIRST_COMPLETED)
            if not done:  # every running unit is stuck past its limit where Python cannot stop it
                yield from self._lost(pool, running, alone, "did not stop after its time limit")
                return
            for future in done:
                unit = running.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    running[future] = unit
                    continue
                on_start(unit[1])
                yield unit_results(future, unit)
            if any(future.done() and isinstance(future.exception(), BrokenProcessPool) for future in running):
                yield from self._lost(pool, running, alone)
                return

    def _lost(self, pool, running: dict, alone: bool, cause: str | None = None) -> list[list[ItemResult]]:
        """After the pool broke: results of units that had finished, the others re-run as suspects
        or, when they ran alone, recorded as error items."""
        processes = _processes(pool)
        _stop(pool)  # joined: their exit codes are known (the pool's own thread may have reaped them)
        futures.wait(running, timeout=10)  # the pool fails every unfinished unit once its workers are gone
        cause = cause or _death(processes)
        finished = []
        for future, unit in running.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                finished.append(future.result())
            elif alone:
                item = unit[1]
                finished.append([ItemResult(item, "error", (
                    f"{item.name}: the worker process reading it {cause}, twice (out of memory, see "
                    "scan.worker_memory_mb, or a runaway parser?); not read"))])
            else:
                self.suspects.append(unit)
        running.clear()
        return finished


def unit_results(future, unit: Unit) -> list[ItemResult]:
    """A finished unit's results, or its error item when they could not come back (the local pool's
    and the cluster's futures alike)."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 (a result that could not travel back, say)
        return [ItemResult(unit[1], "error", f"{unit[1].name}: could not be scanned ({type(exc).__name__})")]


def _processes(pool) -> list:
    return list((getattr(pool, "_processes", None) or {}).values())


def _death(processes: list) -> str:
    """How a worker died, from its exit code (meaningful when it ran alone: the others were killed
    by ``_stop``): killed by a signal, or exited."""
    codes = [p.exitcode for p in processes if p.exitcode not in (None, 0, -signal.SIGTERM)]
    if not codes:
        return "died"
    code = codes[0]
    return f"was killed ({signal.Signals(-code).name})" if code < 0 else f"exited with code {code}"


def _stop(pool: futures.ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what has not started and kill the workers (a running unit is not waited for)."""
    processes = _processes(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)
