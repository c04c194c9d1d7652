"""How many cells an Excel 2007+ workbook's sheets span, found before python-calamine reads them.

calamine holds a sheet as one dense grid from its first cell to its last: a valid xlsx with values
in A1 and XFD1048576 asks for 549 GB and aborts the whole process (a Rust allocation failure, which
no ``except`` catches). So the cell references of each worksheet part are read first, and a sheet
spanning more than MAX_SHEET_CELLS is refused with a reason.
"""
from __future__ import annotations

import io
import re
import zipfile

from scanner.errors import SkippedError

# 10 million cells: about 400 MB in calamine's grid; a sheet of data that large is a database export.
MAX_SHEET_CELLS = 10_000_000
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})([0-9]{1,7})"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,7})"')


def check_sheet_spans(data: bytes, name: str) -> None:
    """Raise SkippedError when a worksheet of the xlsx/xlsm ``data`` spans more than MAX_SHEET_CELLS;
    other formats (xls, ods) and packages that do not open pass, for calamine to judge."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return
    with package:
        for info in package.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                cells = _span(package.read(info))
                if cells > MAX_SHEET_CELLS:
                    raise SkippedError(f"{name}: a sheet spans {cells:,} cells, over the {MAX_SHEET_CELLS:,} cell "
                                       "limit (save its data as CSV and scan that)")


def _span(part: bytes) -> int:
    """Cells from A1 to the last row and column used: the rows before the first cell are filled in too."""
    cells = [(int(m.group(2)), _column_number(m.group(1))) for m in _CELL.finditer(part)]
    rows = [row for row, _ in cells] + [int(m.group(1)) for m in _ROW.finditer(part)]
    return max(rows) * max(column for _, column in cells) if cells else 0


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number
