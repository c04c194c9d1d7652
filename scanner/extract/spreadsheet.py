"""Excel and OpenDocument spreadsheets through python-calamine, located as ``Sheet!C7``."""
from __future__ import annotations

import io
from collections.abc import Iterator

from python_calamine import CalamineWorkbook

from scanner.errors import ExtractError, SkippedError
from scanner.extract.chunking import column_chunks, text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.extract.sheet_span import check_sheet_spans
from scanner.records import Chunk

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "application/vnd.ms-excel.sheet.macroEnabled.12", "application/vnd.ms-excel",
              "application/vnd.oasis.opendocument.spreadsheet")
# How far down a header row is looked for, below title rows and blank rows.
HEADER_SEARCH_ROWS = 10


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _open(data: bytes, name: str) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types per format
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            kind = name.rsplit(".", 1)[-1].lower() if "." in name else "spreadsheet"
            raise SkippedError(f"{name}: password-protected {kind} (ask for an unprotected copy or the password)"
                               ) from None
        raise ExtractError(f"{name}: cannot open spreadsheet ({exc})") from None


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    with damaged_as_error(name, "cannot open spreadsheet (damaged: {error})"):
        check_sheet_spans(data, name)
        workbook = _open(data, name)
    for sheet_name in workbook.sheet_names:
        with damaged_as_error(name, "cannot open spreadsheet (damaged: {error})"):
            rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        yield from _sheet_chunks(sheet_name, rows)


def header_row(rows: list[list[object]]) -> int | None:
    """The index of the row that names the columns, or None for a sheet with no values.

    The first row among the first HEADER_SEARCH_ROWS with at least two non-empty text cells: a title
    above a table ("客户名单 2025", merged across the columns, so one cell) and blank rows are passed
    over. A sheet with no such row (a single column) takes its first non-empty row.
    """
    filled = [i for i, row in enumerate(rows) if any(_text(value) for value in row)]
    for index in filled:
        if index >= HEADER_SEARCH_ROWS:
            break
        if sum(1 for value in rows[index] if isinstance(value, str) and value.strip()) >= 2:
            return index
    return filled[0] if filled else None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _sheet_chunks(sheet: str, rows: list[list[object]]) -> Iterator[Chunk]:
    first = header_row(rows)
    if first is None:
        return
    # Title rows above the header are still read, cell by cell, with no column name.
    yield from text_chunks(((f"{sheet}!{column_letter(c)}{r + 1}", _text(value))
                            for r, row in enumerate(rows[:first]) for c, value in enumerate(row) if _text(value)),
                           base=None)
    header = [_text(h) or column_letter(i) for i, h in enumerate(rows[first])]
    yield from column_chunks(
        header, rows[first + 1:], lambda row, col: f"{sheet}!{column_letter(col)}{row + first + 2}")
