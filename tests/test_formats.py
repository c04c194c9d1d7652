"""One small fixture per format; each must yield its planted values at the right location."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from scanner.connectors import SourceOptions
from scanner.extract.encoding import decode
from scanner.records import Item
from scanner.unit import scan_item

FORMATS = DATA / "formats"


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Path:
    """The text fixtures plus .docx and .xlsx fixtures generated here (binary files are not committed)."""
    import docx
    import openpyxl

    room = tmp_path_factory.mktemp("formats")
    for path in FORMATS.iterdir():
        shutil.copy(path, room / path.name)
    document = docx.Document()
    document.add_paragraph("Service agreement")
    document.add_paragraph("Contact: Emily Clarke, emily.clarke@example.com")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "身份证号"
    table.rows[0].cells[1].text = "110102199101010078"
    document.save(room / "contract.docx")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户"
    sheet.append(["姓名", "手机号", "备注"])
    sheet.append(["李雷", "13712345678", "VIP"])
    sheet.append(["韩梅梅", "13812345678", ""])
    workbook.save(room / "customers.xlsx")
    return room


def scan(room: Path, name: str):
    path = room / name
    return scan_item(str(room), SourceOptions(), Item(str(room), name, "file", path.stat().st_size))


@pytest.mark.parametrize("name, entity, location, column", [
    ("note_zh.txt", "CN_RESIDENT_ID", "line 2", None),
    ("note_zh.txt", "PHONE_NUMBER", "line 3", None),
    ("app.log", "EMAIL_ADDRESS", "line 1", None),
    ("app.log", "IP_ADDRESS", "line 1", None),
    ("people.csv", "EMAIL_ADDRESS", "row 3", "email"),
    ("people.csv", "PERSON", "row 2", "name"),
    ("order.json", "EMAIL_ADDRESS", "line 2", None),
    ("message.eml", "EMAIL_ADDRESS", "header From", None),
    ("message.eml", "PHONE_NUMBER", "part 1 line 1", None),
    ("legacy_gbk.txt", "CN_RESIDENT_ID", "line 2", None),
    ("contract.docx", "EMAIL_ADDRESS", "paragraph 2", None),
    ("contract.docx", "CN_RESIDENT_ID", "table 1 row 1", None),
    ("customers.xlsx", "PHONE_NUMBER", "客户!B3", "手机号"),
])
def test_format_yields_finding_at_location(room, name, entity, location, column):
    result = scan(room, name)
    assert result.status == "scanned", result.reason
    hits = [(f.location, f.column) for f in result.findings if f.entity_type == entity]
    assert (location, column) in hits, hits


def test_text_offsets_point_into_the_extracted_text(room):
    result = scan(room, "note_zh.txt")
    text = (room / "note_zh.txt").read_text(encoding="utf-8")
    finding = next(f for f in result.findings if f.entity_type == "CN_RESIDENT_ID")
    assert text[finding.start:finding.end] == "110102199101010078"


def test_non_pii_column_has_no_findings(room):
    result = scan(room, "people.csv")
    assert not [f for f in result.findings if f.column == "sku"]


def test_legacy_gb18030_decodes_to_the_right_characters():
    assert "诊断：高血压" in decode((FORMATS / "legacy_gbk.txt").read_bytes(), "legacy_gbk.txt")


@pytest.mark.parametrize("name, content, status, reason", [
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "skipped", "file type not supported"),
    ("broken.docx", b"not a zip at all", "error", "broken.docx: not a readable .docx"),
    ("broken.xlsx", b"PK\x03\x04 garbage", "error", "broken.xlsx: cannot open spreadsheet"),
    ("binary.txt", b"\x00\x01\x02\xff\xfe\x00" * 10, "error", "binary.txt: binary content"),
])
def test_bad_input_becomes_a_coverage_gap_with_a_reason(tmp_path, name, content, status, reason):
    (tmp_path / name).write_bytes(content)
    result = scan(tmp_path, name)
    assert result.status == status
    assert reason in result.reason
    assert result.findings == ()
