"""``make bench-nightly``: what an IT team's nightly rescan costs once nothing (or little) has changed.

    python -m bench.nightly [--files 10000] [--changed 100] [--runs 3]

Writes a share of small text files (half with personal information), scans it in full with 2 workers,
then times ``--incremental`` rescans: of the unchanged share, and after ``--changed`` files were
modified. Medians of ``--runs``; the table goes to bench/results/nightly.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
LETTER = "Dear customer {n}, your order has shipped. Questions: support{n}@example.com, 138{n:08d}.\n"
MEMO = "Stock count for aisle {n}: 42 boxes, 7 pallets. Next count on Monday.\n"


def write_share(root: Path, files: int) -> None:
    for n in range(files):
        folder = root / f"dept{n % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{n:05d}.txt").write_text((LETTER if n % 2 else MEMO).format(n=n) * 5, encoding="utf-8")


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def measure(work: Path, files: int, changed: int, runs: int) -> str:
    from scanner.pipeline import ScanOptions, run_scan

    share, out = work / "share", work / "out"
    write_share(share, files)
    options = ScanOptions(workers=2)
    first = _timed(lambda: run_scan([str(share)], out, options))
    unchanged = [_timed(lambda: run_scan([str(share)], out, options, incremental=True)) for _ in range(runs)]
    modified = []
    for run in range(runs):
        for n in range(changed):  # a different set each run, so each run has work to do
            path = share / f"dept{n % 20:02d}" / f"doc{n:05d}.txt"
            path.write_text(path.read_text(encoding="utf-8") + f"edit {run}\n", encoding="utf-8")
        modified.append(_timed(lambda: run_scan([str(share)], out, options, incremental=True)))
    rows = [("full scan (first night)", first), ("incremental, nothing changed", statistics.median(unchanged)),
            (f"incremental, {changed} files changed", statistics.median(modified))]
    lines = [f"Share: {files} small text files, 2 workers, {os.cpu_count()} cores; incremental rows are medians "
             f"of {runs} runs.", "", "| run | seconds | share of the full scan |", "|---|---|---|"]
    lines += [f"| {name} | {seconds:.1f} | {seconds / first:.1%} |" for name, seconds in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("PIIAUDIT_KEY", "bench-key-not-secret")  # no key file in the user's config folder
    with tempfile.TemporaryDirectory(prefix="piiaudit-nightly-") as work:
        table = measure(Path(work), args.files, args.changed, args.runs)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "nightly.md").write_text(f"# Nightly rescans\n\n{table}\n", encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
