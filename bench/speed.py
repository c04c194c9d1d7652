"""``make bench``: throughput of piiaudit (1 and 2 workers) and plain Presidio on the same data, one run.

    python -m bench.speed [--copies 4] [--rows 150]

Generates a data room (seed 1, ``--copies`` instances of each kind of file), then times: plain
Presidio over the extracted chunks (engine already built, as a long-running process would have it),
``run_scan`` with 1 worker (engine already built) and with 2 worker processes (including their
start-up, which loads spaCy in each). KB/s counts the bytes of the files and database scanned.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.room import generate
from bench.systems import EXCLUDE, PlainPresidio, room_chunks, sources

RESULTS = Path(__file__).resolve().parent / "results"


def _size(room: Path) -> tuple[int, int]:
    """(bytes, items): every file, and each database table as one item."""
    import sqlite3

    files = [p for p in room.rglob("*") if p.is_file()]
    with sqlite3.connect(room / "crm.db") as connection:
        tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return sum(p.stat().st_size for p in files), len(files) - 1 + tables


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def measure(work: Path, copies: int, rows: int) -> str:
    from scanner.connectors import SourceOptions
    from scanner.pipeline import ScanOptions, run_scan
    from scanner.unit import EngineSpec

    generate(work, 1, copies=copies, rows=rows)
    room = work / "room"
    size, items = _size(room)
    plain = PlainPresidio()
    EngineSpec().engine()  # built before timing, like plain Presidio's
    timings = {
        "plain Presidio, 1 process": _timed(lambda: [plain.analyze(chunk) for _, chunk in room_chunks(room)]),
        "piiaudit, 1 worker": _timed(lambda: run_scan(sources(room), work / "scan1", ScanOptions(
            source=SourceOptions(exclude=EXCLUDE), workers=0))),
        "piiaudit, 2 workers (incl. start-up)": _timed(lambda: run_scan(sources(room), work / "scan2", ScanOptions(
            source=SourceOptions(exclude=EXCLUDE), workers=2))),
    }
    # Worker start-up (spawn, import, spaCy load in each process), measured on two one-line files.
    tiny = work / "tiny"
    tiny.mkdir()
    for name in ("a.txt", "b.txt"):
        (tiny / name).write_text("nothing here\n", encoding="utf-8")
    startup = _timed(lambda: run_scan([str(tiny)], work / "scan0", ScanOptions(workers=2)))
    timings["piiaudit, 2 workers (start-up excluded)"] = timings["piiaudit, 2 workers (incl. start-up)"] - startup
    lines = [f"Data room: {items} items (files and tables), {size / 1024:.0f} KB, on {os.cpu_count()} cores; "
             f"starting 2 workers takes {startup:.1f} s.", "",
             "| system | seconds | KB/s | items/s |", "|---|---|---|---|"]
    lines += [f"| {name} | {seconds:.1f} | {size / 1024 / seconds:.1f} | {items / seconds:.2f} |"
              for name, seconds in timings.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=3, help="instances of each kind of file")
    parser.add_argument("--rows", type=int, default=150, help="rows per table")
    args = parser.parse_args()
    os.environ.setdefault("PIIAUDIT_KEY", "bench-key-not-secret")  # no key file in the user's config folder
    with tempfile.TemporaryDirectory(prefix="piiaudit-speed-") as work:
        table = measure(Path(work), args.copies, args.rows)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speed.md").write_text(f"# Speed: piiaudit vs plain Presidio\n\n{table}\n", encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
