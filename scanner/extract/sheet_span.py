"""How many cells an Excel workbook's sheets span, found before python-calamine reads them.

calamine holds a sheet as one dense grid from its first cell to its last: a valid xlsx with values
in A1 and XFD1048576 asks for 549 GB, and an xls whose DIMENSIONS record says its first row comes
after its last asks for 514 GB; either aborts the whole process (a Rust allocation failure, which no
``except`` catches). So the cell references of each worksheet (xlsx/xlsm) or the cell records of each
sheet (xls) are read first, and a sheet spanning more than MAX_SHEET_CELLS is refused with a reason.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile

import olefile

from scanner.errors import ExtractError, SkippedError

# 10 million cells: about 400 MB in calamine's grid; a sheet of data that large is a database export.
MAX_SHEET_CELLS = 10_000_000
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})([0-9]{1,7})"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,7})"')
# BIFF records: BOF starts a sheet's records; DIMENSIONS gives its rows and columns used; cell
# records (NUMBER, LABELSST, LABEL, RK, BOOLERR, FORMULA, BLANK, MULRK, MULBLANK) start with row, column;
# MULRK and MULBLANK end with their last column.
_BOF, _DIMENSIONS = 0x0809, 0x0200
_CELL_RECORDS = frozenset((0x0203, 0x00FD, 0x0204, 0x027E, 0x0205, 0x0006, 0x0201, 0x00BD, 0x00BE))
_MULTIPLE_CELLS = frozenset((0x00BD, 0x00BE))


def check_sheet_spans(data: bytes, name: str) -> None:
    """Raise SkippedError when a sheet of the xlsx/xlsm or xls ``data`` spans more than MAX_SHEET_CELLS,
    ExtractError when an xls says its sheet ends before it starts; ods and files that do not open as
    either pass, for calamine to judge."""
    for cells in _ooxml_spans(data) if zipfile.is_zipfile(io.BytesIO(data)) else _biff_spans(data, name):
        if cells > MAX_SHEET_CELLS:
            raise SkippedError(f"{name}: a sheet spans {cells:,} cells, over the {MAX_SHEET_CELLS:,} cell "
                               "limit (save its data as CSV and scan that)")


def _ooxml_spans(data: bytes) -> list[int]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [_span(package.read(info)) for info in package.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")]


def _biff_spans(data: bytes, name: str) -> list[int]:
    """Rows × columns of each sheet of an xls, from A1 to the last row and column its records name."""
    if not olefile.isOleFile(data=data):
        return []
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        biff = ole.openstream(stream).read() if stream else b""
    spans, rows, columns, at = [], 0, 0, 0
    while at + 4 <= len(biff):
        kind, size = struct.unpack_from("<HH", biff, at)
        record = biff[at + 4:at + 4 + size]
        if kind == _BOF:
            spans.append(rows * columns)
            rows = columns = 0
        elif kind == _DIMENSIONS and len(record) >= 12:
            first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", record)
            if first_row > last_row or first_column > last_column:
                raise ExtractError(f"{name}: cannot open spreadsheet (damaged: a sheet ends before it starts)")
            rows, columns = max(rows, last_row), max(columns, last_column)
        elif kind in _CELL_RECORDS and len(record) >= 4:
            row, column = struct.unpack_from("<HH", record)
            if kind in _MULTIPLE_CELLS:
                column = max(column, struct.unpack_from("<H", record, len(record) - 2)[0])
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        at += 4 + size
    return [*spans, rows * columns]


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
