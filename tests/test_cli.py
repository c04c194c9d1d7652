"""The command line: exit codes 0/1/2, `Error:` messages that say what to do, help for every command."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA
from scanner.cli import main

README = Path(__file__).parent.parent / "README.md"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert main.commands[command].help
    assert f"piiaudit {command}" in README.read_text(encoding="utf-8")


def test_missing_path_is_a_usage_error(tmp_path):
    result = run("scan", tmp_path / "nope", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "Error:" in result.output and "no such file or folder" in result.output


def test_unknown_scheme_lists_the_known_ones(tmp_path):
    result = run("scan", "ftp://host/share", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "sqlite://" in result.output


def test_bad_config_key_names_file_and_key(tmp_path):
    config = tmp_path / "mine.yaml"
    config.write_text("scan:\n  sample_rowz: 5\n")
    result = run("scan", DATA / "formats", "--out", tmp_path / "out", "--config", config, "--quiet")
    assert result.exit_code == 1
    assert re.search(r"Error: .*mine\.yaml: unknown key 'scan\.sample_rowz'", result.output)


def test_missing_config_file_is_an_error_not_a_default(tmp_path):
    result = run("scan", DATA / "formats", "--out", tmp_path / "out", "--config", tmp_path / "none.yaml")
    assert result.exit_code == 1
    assert "none.yaml: file not found" in result.output


def test_report_without_a_scan_says_what_to_do(tmp_path):
    result = run("report", tmp_path)
    assert result.exit_code == 1
    assert "Error:" in result.output and "piiaudit scan" in result.output


def test_scan_then_report(tmp_path):
    out = tmp_path / "out"
    result = run("scan", DATA / "formats", "--out", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "items scanned" in result.output and "CN_RESIDENT_ID" in result.output
    assert (out / "report.html").is_file()
    result = run("report", out, "--lang", "zh", "-o", tmp_path / "zh.html")
    assert result.exit_code == 0, result.output
    assert "个人信息风险报告" in (tmp_path / "zh.html").read_text(encoding="utf-8")


def test_scan_writes_the_report_for_the_deal_language_and_turnover_given(tmp_path):
    out = tmp_path / "out"
    result = run("scan", DATA / "formats" / "note_zh.txt", "--out", out, "--quiet", "--report-lang", "zh",
                 "--deal", "acquisition", "--jurisdictions", "cn", "--turnover", "3.2b")
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html and '<section id="deal"' in html and "个人信息保护法 第二十二条" in html
    laws = re.findall(r'<h3 class="law">([^<]+)</h3>', html)
    assert laws and not any("GDPR" in law or "CCPA" in law for law in laws)  # cn only
    assert "1.6亿元" in html  # 5% of RMB 3.2 billion, as Chinese writes it


@pytest.mark.parametrize("args, message", [(["--turnover", "lots"], "give an amount"),
                                           (["--retention-days", "0"], "--retention-days")])
def test_scan_report_options_are_validated_before_scanning(tmp_path, args, message):
    result = run("scan", DATA / "formats", "--out", tmp_path / "out", *args)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists()


def test_scan_passes_the_retention_period_to_its_report(tmp_path):
    out = tmp_path / "out"
    result = run("scan", DATA / "formats" / "note_zh.txt", "--out", out, "--quiet", "--retention-days", "4321")
    assert result.exit_code == 0, result.output
    assert "more than 4,321 days" in (out / "report.html").read_text(encoding="utf-8")


def test_quiet_scan_prints_nothing(tmp_path):
    result = run("scan", DATA / "formats" / "note_zh.txt", "--out", tmp_path / "out", "--quiet", "--no-report")
    assert result.exit_code == 0
    assert result.output == ""
    assert not (tmp_path / "out" / "report.html").exists()


def test_explain_shows_score_recognizer_and_context():
    result = run("explain", "客户手机13800138000")
    assert result.exit_code == 0
    assert "PHONE_NUMBER" in result.output and "CnMobileRecognizer" in result.output
    assert "context word '手机'" in result.output


def test_explain_needs_text_or_file():
    assert run("explain").exit_code == 2


def test_detectors_lists_our_recognizers():
    result = run("detectors")
    assert result.exit_code == 0
    assert "CN_RESIDENT_ID" in result.output and "ResidentIdRecognizer" in result.output
    # What each one relies on, read from the recognizer, so a reviewer can judge a doubtful finding.
    lines = {line.strip().split(" (")[0]: line for line in result.output.splitlines() if line.startswith("    ")}
    assert "each match validated (checksum or format)" in lines["ResidentIdRecognizer"]
    assert "spaCy named-entity recognition" in lines["EnglishPersonRecognizer"]
    assert "jieba" in lines["ChinesePersonRecognizer"]
    assert "phonenumbers" in lines["PhoneNumberRecognizer"]
    assert "context words nearby raise the score" in lines["CnMobileRecognizer"]


def test_an_empty_folder_is_an_incomplete_scan_with_its_own_exit_code(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("scan", tmp_path / "empty", "--out", tmp_path / "out")
    assert result.exit_code == 4
    assert "0 items scanned" in result.output
    assert "is incomplete: nothing was found to scan (an empty folder, an unmounted share" in result.output
    assert "No personal information was found" in (tmp_path / "out" / "report.html").read_text()


def test_a_source_that_cannot_be_opened_makes_the_scan_incomplete(tmp_path):
    result = run("scan", DATA / "formats", "postgresql://scanner@127.0.0.1:1/crm", "--out", tmp_path / "out",
                 "--workers", "1", "--quiet")
    assert result.exit_code == 4
    assert "is incomplete: 1 source(s) could not be opened" in result.output
    assert (tmp_path / "out" / "report.html").is_file()  # what could be scanned is still reported
