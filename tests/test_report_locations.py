"""Evidence locations in the Chinese report: the scanner's location grammar in Chinese, unknown forms as written."""
from __future__ import annotations

import pytest

from reports.locations import localise


@pytest.mark.parametrize("location, zh", [
    ("line 12", "第12行"),  # text, logs, json, xml, html (scanner/extract/chunking.py, markup.py)
    ("row 2", "第2行"),  # csv and database tables
    ("page 2", "第2页"),  # pdf
    ("Sheet1!C7", "工作表“Sheet1”C7单元格"),  # spreadsheets
    ("工资表!AA10", "工作表“工资表”AA10单元格"),
    ("paragraph 4", "第4段"),  # docx
    ("table 1 row 3", "第1个表格第3行"),
    ("table 1 row 3 cell 2 table 1 row 1", "第1个表格第3行第2个单元格第1个表格第1行"),
    ("section 1 header", "第1节页眉"),
    ("section 2 first-page footer table 1 row 2", "第2节首页页脚第1个表格第2行"),
    ("comment 3", "第3条批注"),
    ("slide 5", "第5张幻灯片"),  # pptx
    ("slide 5 notes", "第5张幻灯片备注"),
    ("header From", "邮件头 From"),  # eml and msg
    ("part 2 line 7", "第2部分第7行"),
    ("body line 3", "正文第3行"),
    ("recipient 1", "第1个收件人"),
])
def test_scanner_locations_in_chinese(location, zh):
    assert localise(location, "zh") == zh
    assert localise(location, "en") == location


@pytest.mark.parametrize("location", ["cell B2 of nowhere", "row two", "row 2 of 9", "slide", "Sheet1!", ""])
def test_unknown_forms_are_shown_as_written(location):
    assert localise(location, "zh") == location
