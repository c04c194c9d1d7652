"""The ``piiaudit`` command line: thin commands over the library; library errors become ``Error:`` lines."""
from __future__ import annotations

import functools
import signal
import sys
from pathlib import Path

import click
from rich.console import Console

from reports.cli_options import deal_context
from reports.risk_config import LEVELS
from scanner import __version__
from scanner.connectors import known_schemes, scheme_of
from scanner.errors import ScanError, ScanInterrupted

# Exit codes (README): 0 done, 1 error, 2 usage error, 3 overall risk at or above --fail-on, 4 scan finished
# but a source could not be opened or nothing was found to scan, 128+N stopped by signal N (130 Ctrl-C,
# 143 SIGTERM).
EXIT_FAIL_ON = 3
EXIT_INCOMPLETE = 4

FAIL_ON = click.option("--fail-on", type=click.Choice(LEVELS[::-1]), metavar="LEVEL",
                       help="Exit with 3 when the report's overall risk is LEVEL (low|medium|high|critical) or "
                            "worse: for cron and monitoring.")


class SourceType(click.ParamType):
    """A local path that exists, or a URI of a kind of source piiaudit knows."""

    name = "SOURCE"

    def convert(self, value, param, ctx):
        scheme = scheme_of(value)
        if scheme == "" and not Path(value).exists():
            self.fail(f"{value}: no such file or folder", param, ctx)
        if scheme not in known_schemes():
            known = ", ".join(f"{s}://" for s in sorted(known_schemes()) if s)
            self.fail(f"{scheme}://: unknown kind of source (use a path or one of: {known})", param, ctx)
        return value


def library_errors(command):
    """Turn ScanError into click's ``Error: …`` on stderr with exit code 1."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ScanError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="piiaudit")
def main():
    """Find personal information in file shares and databases and report what the law requires."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=SourceType())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder for findings/, items/, scans/ and report.html.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file with `scan:` and `detectors:` settings over the shipped defaults.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes to scan with (default: config, 2).")
@click.option("--cluster", metavar="ADDRESS",
              help="Run the scan's units on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786).")
@click.option("--sample-rows", type=click.IntRange(min=1), help="Rows read per table (default 10000).")
@click.option("--full-tables", is_flag=True, help="Read every row of every table instead of a sample.")
@click.option("--lang", "language", type=click.Choice(["auto", "en", "zh"]), help="Language of the data.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Read only files matching GLOB (path under the source or file name; repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Do not read files matching GLOB (repeatable).")
@click.option("--incremental", is_flag=True,
              help="Read only files changed since the latest finished scan of the same SOURCEs in DIR; carry the rest.")
@click.option("--resume", is_flag=True,
              help="Continue the latest interrupted scan of the same SOURCEs in DIR: what it finished is kept.")
@click.option("--no-report", is_flag=True, help="Write the Parquet findings only, no report.html.")
@click.option("--report-lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of report.html.")
@deal_context
@FAIL_ON
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@library_errors
def scan(sources, out_dir, config_file, workers, cluster, sample_rows, full_tables, language, include, exclude,
         incremental, resume, no_report, report_lang, report_options, fail_on, quiet):
    """Scan SOURCE... (paths, sqlite:///file.db, …) and write findings and report.html to --out DIR.

    The report options are those of `piiaudit report`, which can re-render it later from the findings.
    """
    from scanner.scan_command import run_scan_command

    console = Console(stderr=True, quiet=quiet)
    flags = {"workers": workers, "cluster": cluster, "sample_rows": sample_rows, "language": language}
    try:
        summary = run_scan_command(list(sources), out_dir, config_file, flags, full_tables, console,
                                   exclude=exclude, include=include, resume=resume, incremental=incremental)
    except (ScanInterrupted, KeyboardInterrupt) as exc:
        name = getattr(exc, "signal_name", "SIGINT")
        click.echo(f"Error: scan interrupted by {name}; the items it finished are kept in {out_dir} "
                   "(its manifest says interrupted)", err=True)
        sys.exit(128 + signal.Signals[name].value)
    assessment = None
    if not no_report or fail_on:
        assessment = _write_report(out_dir, summary.scan_id, None if no_report else out_dir / "report.html",
                                   report_lang, console, report_options)
    if summary.incomplete:
        click.echo(f"Error: scan {summary.scan_id} is incomplete: {summary.incomplete}", err=True)
    # 3 before 4: a scan that missed a source can only have found less, so a level it reached stands.
    _exit_on_level(assessment, fail_on)
    if summary.incomplete:
        sys.exit(EXIT_INCOMPLETE)


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--scan", "scan_id", help="Scan ID (default: the latest finished scan in DIR).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the report.")
@deal_context
@click.option("--format", "fmt", type=click.Choice(["html", "json", "csv"]), default="html", show_default=True,
              help="html report, json summary, or csv evidence table (masked values only).")
@click.option("-o", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: DIR/report.html, DIR/report.json or DIR/evidence.csv).")
@FAIL_ON
@library_errors
def report(out_dir, scan_id, lang, report_options, fmt, output, fail_on):
    """Render the risk report of a scan in DIR from its Parquet findings (HTML, JSON or CSV)."""
    default = {"html": "report.html", "json": "report.json", "csv": "evidence.csv"}[fmt]
    assessment = _write_report(out_dir, scan_id, output or out_dir / default, lang, Console(stderr=True),
                               report_options, fmt)
    _exit_on_level(assessment, fail_on)


def _write_report(out_dir: Path, scan_id: str | None, output: Path | None, lang: str, console: Console,
                  options=None, fmt: str = "html"):
    """Assess the scan and write its report to ``output`` (None: assess only); returns the assessment."""
    from reports.assessment import Options, build
    from reports.render import write_assessment

    assessment = build(out_dir, scan_id, options or Options())
    if output is not None:
        path = write_assessment(assessment, output, lang, fmt)
        console.print(f"Report: {path.resolve()}", highlight=False, soft_wrap=True)
    return assessment


def _exit_on_level(assessment, fail_on: str | None) -> None:
    """Exit with EXIT_FAIL_ON when the overall risk is ``fail_on`` or worse."""
    from reports.risk import reaches

    if fail_on and reaches(assessment.overall, fail_on):
        click.echo(f"piiaudit: overall risk {assessment.overall} is at or above --fail-on {fail_on}", err=True)
        sys.exit(EXIT_FAIL_ON)


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--base", metavar="ID", help="The scan to compare from (default: the finished scan before --head).")
@click.option("--head", metavar="ID", help="The scan to compare to (default: the latest finished scan).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A table for the terminal, JSON or CSV, on stdout.")
@library_errors
def diff(out_dir, base, head, fmt):
    """Findings new, resolved and still present between two finished scans in DIR, per item and entity
    type, and people; item names masked as in the scans."""
    from reports.diff import as_csv, as_json, as_table, diff_scans

    text = {"table": as_table, "json": as_json, "csv": as_csv}[fmt](diff_scans(out_dir, base, head))
    click.echo(text, nl=not text.endswith("\n"))


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--keep", type=click.IntRange(min=1), required=True, metavar="N",
              help="How many of the latest scans to keep (the latest finished one is always kept).")
@library_errors
def prune(out_dir, keep):
    """Remove all but the N latest scans from DIR (Parquet folders of every table and manifests), never the
    latest finished scan nor one that runs; prints what it removed."""
    from scanner.prune import prune_scans

    removed = prune_scans(out_dir, keep)
    for manifest in removed:
        click.echo(f"removed scan {manifest['scan_id']} ({manifest.get('status')}, started "
                   f"{manifest.get('started_at')})")
    if not removed:
        click.echo(f"nothing to remove: {out_dir} holds no scan beyond the {keep} latest and the latest finished one")


@main.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.File("r", encoding="utf-8"), help="Read the text from a file.")
@click.option("--lang", "language", type=click.Choice(["auto", "en", "zh"]), default="auto", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file whose detectors: section applies, as for scan.")
@library_errors
def explain(text, file, language, config_file):
    """Show what the detectors find in TEXT, with scores and the reasons for them."""
    from scanner.explain import engine_spec, explain_text

    if (text is None) == (file is None):
        raise click.UsageError("give either TEXT or --file F")
    click.echo(explain_text(text if file is None else file.read(), language, engine_spec(config_file)))


@main.command()
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file whose detectors: section applies, as for scan.")
@library_errors
def detectors(config_file):
    """List entity types, the recognizers that find them and their languages."""
    from scanner.explain import describe_detectors, engine_spec

    click.echo(describe_detectors(engine_spec(config_file)))


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("item")
@library_errors
def locate(out_dir, item):
    """The real path of ITEM, shown masked in DIR because its name holds personal information."""
    from scanner.manifest import list_scans
    from scanner.names import locate as real_names

    found = real_names([m["scan_id"] for m in list_scans(out_dir)], item)
    if not found:
        raise ScanError(f"{out_dir}: no item shown as {item} whose real name is known here (real names are "
                        "kept on the machine that ran the scan, beside its key)")
    for source, real in found:
        click.echo(f"{source}\t{real}")


@main.command()
@click.option("--out", "out_dir", default="demo-out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the report.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@library_errors
def demo(out_dir, lang, quiet):
    """Scan the bundled sample data room (files and a SQLite CRM) and write its report."""
    from scanner.scan_command import demo_sources, run_scan_command

    console = Console(stderr=True, quiet=quiet)
    summary = run_scan_command(demo_sources(), out_dir, None, {}, False, console, exclude=("*.db",))
    _write_report(out_dir, summary.scan_id, out_dir / "report.html", lang, Console(stderr=True))


if __name__ == "__main__":
    sys.exit(main())
