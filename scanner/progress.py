"""Terminal progress for scans (items done/total, rate, current item) and the closing summary."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar
from rich.table import Table

from scanner.pipeline import Progress, ScanSummary
from scanner.records import Item, ItemResult


class TerminalProgress(Progress):
    """A rich progress bar on stderr; used as a context manager around ``run_scan``."""

    def __init__(self, console: Console):
        self.bar = Bar(TextColumn("[bold]scanning"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[rate]:>6.1f} items/s"), TimeElapsedColumn(),
                       TextColumn("{task.fields[current]}"), console=console, transient=True)
        self.task = self.bar.add_task("scan", total=None, rate=0.0, current="listing sources…")

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc):
        self.bar.stop()

    def total(self, count: int) -> None:
        self.bar.update(self.task, total=count)

    def started(self, item: Item) -> None:
        self.bar.update(self.task, current=f"{item.source} {item.name}"[-60:])

    def finished(self, result: ItemResult) -> None:
        self.bar.advance(self.task)
        elapsed = self.bar.tasks[0].elapsed or 0
        done = self.bar.tasks[0].completed
        self.bar.update(self.task, rate=done / elapsed if elapsed else 0.0)


def print_summary(console: Console, summary: ScanSummary) -> None:
    items = summary.items
    console.print(f"Scan [bold]{summary.scan_id}[/]: {items['scanned']} items scanned, "
                  f"{items['skipped']} skipped, {items['error']} failed, "
                  f"{sum(summary.entities.values())} findings")
    if summary.carried:
        console.print(f"  (incremental: {summary.carried} unchanged files carried from the previous scan)")
    if summary.resumed_items:
        console.print(f"  (resumed: {summary.resumed_items} items had been finished before the interruption)")
    if summary.entities:
        table = Table("entity type", "findings", box=None)
        for entity, count in summary.entities.most_common():
            table.add_row(entity, str(count))
        console.print(table)
    for name, reason in summary.gaps[:20]:
        console.print(f"  [yellow]not scanned[/] {escape(name)}: {escape(reason)}", highlight=False)
    if len(summary.gaps) > 20:
        console.print(f"  … and {len(summary.gaps) - 20} more (see the report's coverage section)")
