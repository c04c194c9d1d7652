"""Evidence locations in the report's language: the scanner writes them in one small English grammar
("row 2", "table 1 row 3", "slide 4 notes", "Sheet1!C7"); the Chinese report says 第2行, 第1个表格第3行, ….

A location is read as a sequence of known parts from its start; anything the grammar does not know is
shown as written, so a new location form is never garbled, only left untranslated.
"""
from __future__ import annotations

import re

# (part, Chinese). Longer parts first where one begins another ("slide N notes" before "slide N").
_PARTS_ZH = tuple((re.compile(pattern), template) for pattern, template in (
    (r"line (?P<n>\d+)", "第{n}行"),
    (r"row (?P<n>\d+)", "第{n}行"),
    (r"page (?P<n>\d+)", "第{n}页"),
    (r"slide (?P<n>\d+) notes", "第{n}张幻灯片备注"),
    (r"slide (?P<n>\d+)", "第{n}张幻灯片"),
    (r"paragraph (?P<n>\d+)", "第{n}段"),
    (r"table (?P<n>\d+)", "第{n}个表格"),
    (r"cell (?P<n>\d+)", "第{n}个单元格"),
    (r"comment (?P<n>\d+)", "第{n}条批注"),
    (r"section (?P<n>\d+) first-page header", "第{n}节首页页眉"),
    (r"section (?P<n>\d+) even-page header", "第{n}节偶数页页眉"),
    (r"section (?P<n>\d+) first-page footer", "第{n}节首页页脚"),
    (r"section (?P<n>\d+) even-page footer", "第{n}节偶数页页脚"),
    (r"section (?P<n>\d+) header", "第{n}节页眉"),
    (r"section (?P<n>\d+) footer", "第{n}节页脚"),
    (r"part (?P<n>\d+)", "第{n}部分"),
    (r"recipient (?P<n>\d+)", "第{n}个收件人"),
    (r"body", "正文"),
    (r"header (?P<name>[\w-]+)", "邮件头 {name}"),
))
_CELL = re.compile(r"(?P<sheet>.+)!(?P<cell>[A-Z]{1,3}\d+)")  # a spreadsheet cell: Sheet1!C7


def localise(location: str | None, lang: str) -> str:
    """``location`` in ``lang``; unknown forms (and every form in English) unchanged."""
    if not location or lang != "zh":
        return location or ""
    cell = _CELL.fullmatch(location)
    if cell:
        return f"工作表“{cell['sheet']}”{cell['cell']}单元格"
    words, rest = [], location
    while rest:
        for pattern, template in _PARTS_ZH:
            match = pattern.match(rest)
            if match and (match.end() == len(rest) or rest[match.end()] == " "):
                words.append(template.format(**match.groupdict()))
                rest = rest[match.end():].lstrip(" ")
                break
        else:
            return location
    return "".join(words)
