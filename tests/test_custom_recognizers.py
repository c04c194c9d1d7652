"""Deny lists and custom pattern recognizers declared in configuration (detectors/custom.py)."""
from __future__ import annotations

import re

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from detectors.engine import DetectionEngine
from detectors.settings import load_detector_settings
from scanner.cli import main
from scanner.errors import ConfigError
from scanner.records import Chunk
from scanner.scanconfig import load_scan_config

PERMIT = {"name": "hk_macao_permit", "entity": "CN_PASSPORT",
          "patterns": [{"regex": "(?<![0-9A-Za-z])C[0-9]{8}(?![0-9A-Za-z])", "score": 0.3}],
          "context": ["港澳通行证", "通行证", "exit-entry permit"], "negative_context": ["订单", "order"]}
CONFIG = """detectors:
  deny_list:
    PERSON: ["老K", "Falcon", "老K哥"]
  custom_recognizers:
    - name: hk_macao_permit
      entity: CN_PASSPORT
      patterns:
        - regex: "(?<![0-9A-Za-z])C[0-9]{8}(?![0-9A-Za-z])"
          score: 0.3
      context: ["港澳通行证", "通行证"]
"""


@pytest.fixture(scope="module")
def engine():
    return DetectionEngine(load_detector_settings({"deny_list": {"PERSON": ["老K", "Falcon", "老K哥"]},
                                                   "custom_recognizers": [PERMIT]}))


def found(engine, text: str) -> list[tuple[str, str, str]]:
    return [(m.entity_type, m.text, m.detector) for m in engine.detect(Chunk(text, "line 1"))]


@pytest.mark.parametrize("text, expected", [
    ("客户老K的港澳通行证C12345678已过期", [("PERSON", "老K", "DenyList_PERSON"),
                                     ("CN_PASSPORT", "C12345678", "hk_macao_permit")]),
    ("联系老K哥", [("PERSON", "老K哥", "DenyList_PERSON")]),  # the longest listed value wins
    ("Ask Falcon today", [("PERSON", "Falcon", "DenyList_PERSON")]),
    ("订单C12345678已发货", []),  # no context: the pattern's own score stays below the threshold
    ("编号C123456789", []),  # nine digits are not the permit
])
def test_configured_values_and_patterns_are_reported(engine, text, expected):
    assert found(engine, text) == expected


def test_a_deny_listed_word_inside_a_longer_english_word_is_not_matched(engine):
    assert ("PERSON", "Falcon", "DenyList_PERSON") not in found(engine, "The Falconer arrived")


def test_negative_context_lowers_a_custom_pattern(engine):
    near_order = engine.detect(Chunk("通行证 订单C12345678", "line 1"))
    plain = engine.detect(Chunk("通行证 号码C12345678", "line 1"))
    assert plain and not near_order


def test_a_scan_with_a_config_file_uses_them_in_its_workers(tmp_path):
    (tmp_path / "room").mkdir()
    (tmp_path / "room" / "visa.txt").write_text("老K 港澳通行证：C12345678\n", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["scan", str(tmp_path / "room"), "--out", str(out), "--config",
                                       str(tmp_path / "mine.yaml"), "--workers", "2", "--no-report", "--quiet"])
    assert result.exit_code == 0, result.output
    (part,) = (out / "findings").glob("scan_id=*/part-*.parquet")
    rows = pq.read_table(part).to_pylist()
    assert sorted((r["entity_type"], r["detector"], r["masked_value"]) for r in rows) == [
        ("CN_PASSPORT", "hk_macao_permit", "C****5678"), ("PERSON", "DenyList_PERSON", "老**")]


@pytest.mark.parametrize("section, message", [
    ("deny_list: {NAME: [x]}", "'detectors.deny_list.NAME': 'NAME' is not an entity type"),
    ("deny_list: {PERSON: x}", "'detectors.deny_list.PERSON' must be list"),
    ("deny_list: {PERSON: ['']}", "'detectors.deny_list.PERSON' must be a list of non-empty strings"),
    ("custom_recognizers: [{name: a, entity: PERSON, patterns: [{regex: '(x'}]}]",
     "'detectors.custom_recognizers[0].patterns[0].regex' is not a valid regular expression"),
    ("custom_recognizers: [{name: a, entity: PERSON, patterns: [{regex: 'x*'}]}]",
     "'detectors.custom_recognizers[0].patterns[0].regex' matches the empty string"),
    ("custom_recognizers: [{name: a, entity: PERSON, patterns: [{regex: x, score: 2}]}]",
     "'detectors.custom_recognizers[0].patterns[0].score' must be a number between 0 and 1"),
    ("custom_recognizers: [{name: a, entity: PERSON, patterns: []}]",
     "'detectors.custom_recognizers[0].patterns' needs at least one pattern"),
    ("custom_recognizers: [{name: a, entity: EMPLOYEE, patterns: [{regex: x}]}]",
     "'detectors.custom_recognizers[0].entity': 'EMPLOYEE' is not an entity type"),
    ("custom_recognizers: [{name: a, patterns: [{regex: x}]}]",
     "missing key 'detectors.custom_recognizers[0].entity'"),
    ("custom_recognizers: [{name: 'a b', entity: PERSON, patterns: [{regex: x}]}]",
     "'detectors.custom_recognizers[0].name' must be letters, digits and _"),
    ("custom_recognizers: [{name: a, entity: PERSON, patterns: [{regex: x}], contexts: [y]}]",
     "unknown key 'detectors.custom_recognizers[0].contexts'"),
    ("custom_recognizers: [{name: a, entity: PERSON, patterns: [{regex: x}]}, "
     "{name: a, entity: PERSON, patterns: [{regex: y}]}]",
     "'detectors.custom_recognizers': the name 'a' is used twice"),
])
def test_bad_settings_name_the_file_and_the_key(tmp_path, section, message):
    mine = tmp_path / "mine.yaml"
    mine.write_text(f"detectors:\n  {section}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as error:
        load_scan_config(mine)
    assert str(error.value).startswith(str(mine))


def test_explain_and_detectors_take_the_config_file(tmp_path):
    (tmp_path / "mine.yaml").write_text(CONFIG, encoding="utf-8")
    config = ["--config", str(tmp_path / "mine.yaml")]
    explained = CliRunner().invoke(main, ["explain", "港澳通行证C12345678", *config])
    assert explained.exit_code == 0, explained.output
    assert "by hk_macao_permit" in explained.output and "raised by context word '港澳通行证'" in explained.output
    assert "hk_macao_permit" not in CliRunner().invoke(main, ["explain", "港澳通行证C12345678"]).output
    listed = CliRunner().invoke(main, ["detectors", *config])
    assert re.search(r"hk_macao_permit \((en, )?zh\): 1 regular expression", listed.output), listed.output
    assert re.search(r"DenyList_PERSON \((en, )?zh\): 1 regular expression", listed.output), listed.output
