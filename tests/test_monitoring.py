"""For cron and monitoring: --fail-on exits 3 at the overall level asked (before 4, incomplete), and the
JSON report carries the counts a monitoring system reads; a report says when a later scan was interrupted."""
from __future__ import annotations

import json
import re
import time

import pytest
from click.testing import CliRunner
from report_fixtures import build_scan

from reports.render import utc_minute
from scanner.cli import main
from scanner.manifest import list_scans
from scanner.pipeline import Progress, ScanOptions, run_scan


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def fixture_scan(tmp_path_factory):
    """The report fixture: its overall risk is high (critical needs thousands of people)."""
    return build_scan(tmp_path_factory.mktemp("monitoring") / "out")


@pytest.fixture
def share(tmp_path):
    """One world-readable letter with an email address: personal information (1 point), broadly exposed
    (3 points): medium risk."""
    root = tmp_path / "share"
    root.mkdir()
    (root / "letter.txt").write_text("Dear customer, write to alice.walker@example.com for help.\n", encoding="utf-8")
    (root / "letter.txt").chmod(0o644)
    return root


@pytest.mark.parametrize("level", ["low", "medium", "high"])
def test_report_fail_on_exits_3_at_or_below_the_overall_level(fixture_scan, tmp_path, level):
    result = run("report", fixture_scan, "-o", tmp_path / "r.html", "--fail-on", level)
    assert result.exit_code == 3, result.output
    assert f"overall risk high is at or above --fail-on {level}" in result.output
    assert (tmp_path / "r.html").is_file()  # the report is written before the exit
    assert run("report", fixture_scan, "-o", tmp_path / "r.html", "--fail-on", "critical").exit_code == 0


def test_scan_fail_on_exits_3_only_when_the_level_is_reached(share, tmp_path):
    out = tmp_path / "out"
    result = run("scan", share, "--out", out, "--workers", "1", "--quiet", "--fail-on", "high")
    assert result.exit_code == 0, result.output
    result = run("scan", share, "--out", out, "--workers", "1", "--quiet", "--fail-on", "low", "--no-report")
    assert result.exit_code == 3, result.output
    assert "overall risk medium is at or above --fail-on low" in result.output
    assert run("report", out, "--format", "json", "--fail-on", "high").exit_code == 0
    assert run("report", out, "--format", "json", "--fail-on", "medium").exit_code == 3


def test_a_level_reached_wins_over_an_incomplete_scan(share, tmp_path):
    missing = f"sqlite:///{tmp_path / 'gone' / 'crm.db'}"
    reached = run("scan", share, missing, "--out", tmp_path / "a", "--workers", "1", "--quiet", "--fail-on", "low")
    assert reached.exit_code == 3, reached.output
    assert "is incomplete" in reached.output  # still said
    not_reached = run("scan", share, missing, "--out", tmp_path / "b", "--workers", "1", "--quiet",
                      "--fail-on", "high")
    assert not_reached.exit_code == 4, not_reached.output


def test_fail_on_is_validated_at_the_edge(fixture_scan):
    result = run("report", fixture_scan, "--fail-on", "severe")
    assert result.exit_code == 2 and "'severe' is not one of" in result.output


def test_json_counts_for_monitoring(fixture_scan, tmp_path):
    assert run("report", fixture_scan, "--format", "json", "-o", tmp_path / "r.json").exit_code == 0
    counts = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["counts"]
    assert counts == {
        "overall_risk": "high", "items": {"error": 1, "scanned": 8, "skipped": 1},
        "findings": {"CN_RESIDENT_ID": 2, "CN_USCC": 1, "CREDENTIAL": 1, "CREDIT_CARD": 1, "EMAIL_ADDRESS": 4,
                     "MEDICAL_CONDITION": 1, "PERSON": 4, "PHONE_NUMBER": 5, "US_SSN": 1},
        "findings_total": 20, "people": 7, "items_with_personal_information": 6}


class StopAfterOne(Progress):
    """Ctrl-C after the first item: the scan stops as a signal stops it, its manifest interrupted."""

    def finished(self, result):
        raise KeyboardInterrupt


def test_report_after_an_interrupted_scan_shows_the_latest_finished_one_and_says_so(share, tmp_path):
    out = tmp_path / "out"
    finished = run_scan([str(share)], out, ScanOptions()).scan_id
    time.sleep(1.1)  # scan IDs sort by time to the second
    (share / "second.txt").write_text("Call 13800138000.\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        run_scan([str(share)], out, ScanOptions(part_items=1), StopAfterOne())
    interrupted = list_scans(out)[-1]
    assert interrupted["status"] == "interrupted" and interrupted["scan_id"] > finished

    for lang, words in (("en", "was interrupted at"), ("zh", "中断")):
        assert run("report", out, "--lang", lang, "-o", tmp_path / f"{lang}.html").exit_code == 0
        html = (tmp_path / f"{lang}.html").read_text(encoding="utf-8")
        notice = re.search(r'<p class="callout later-interrupted">(.*?)</p>', html).group(1)
        assert interrupted["scan_id"] in notice and words in notice
        assert utc_minute(interrupted["interrupted_at"]) in notice
        assert f'<span class="mono">{finished}</span>' in html  # the finished scan is the one rendered

    assert run("report", out, "--format", "json", "-o", tmp_path / "r.json").exit_code == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["scan"]["scan_id"] == finished
    assert [(s["scan_id"], s["interrupted_by"], s["items_done"]) for s in data["later_interrupted"]] == [
        (interrupted["scan_id"], "SIGINT", 1)]

    run_scan([str(share)], out, ScanOptions(), resume=True)  # finished now: nothing left to say
    assert run("report", out, "--format", "json", "-o", tmp_path / "r.json").exit_code == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["later_interrupted"] == []
