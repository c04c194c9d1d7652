"""What ``piiaudit scan`` and ``piiaudit demo`` do, callable without the CLI."""
from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.pipeline import ScanSummary, run_scan
from scanner.progress import TerminalProgress, print_summary
from scanner.scanconfig import load_scan_config, scan_options


def run_scan_command(sources: Sequence[str], out_dir: Path, config_file: Path | None,
                     flags: dict[str, Any], full_tables: bool, console: Console,
                     exclude: tuple[str, ...] = (), include: tuple[str, ...] = (), resume: bool = False,
                     incremental: bool = False) -> ScanSummary:
    """Load configuration (defaults < --config < flags), scan with progress, print the summary.

    ``include`` and ``exclude`` globs add to the configured ones; ``resume`` continues the latest
    interrupted scan of the same sources in ``out_dir``; ``incremental`` reads only what changed since
    the latest finished one.
    """
    values, detectors, label = load_scan_config(config_file)
    values.update({k: v for k, v in flags.items() if v is not None})
    values["exclude"] = tuple(values["exclude"]) + exclude
    values["include"] = tuple(values["include"]) + include
    options = scan_options(values, detectors, label, full_tables)
    with TerminalProgress(console) as progress:
        summary = run_scan(sources, out_dir, options, progress, resume=resume, incremental=incremental)
    print_summary(console, summary)
    return summary


def sample_dataroom() -> Path:
    """The bundled sample data room (synthetic data, no real people)."""
    return Path(str(files("scanner").joinpath("sample_dataroom")))


def demo_sources() -> list[str]:
    room = sample_dataroom()
    return [str(room), f"sqlite:///{room / 'crm.db'}"]
