"""Excel and OpenDocument spreadsheets through python-calamine, located as ``Sheet!C7``."""
from __future__ import annotations

import io
from collections.abc import Iterator

from python_calamine import CalamineWorkbook

from scanner.errors import ExtractError, SkippedError
from scanner.extract.chunking import column_chunks
from scanner.records import Chunk

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "application/vnd.ms-excel.sheet.macroEnabled.12", "application/vnd.ms-excel",
              "application/vnd.oasis.opendocument.spreadsheet")


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types per format
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            kind = name.rsplit(".", 1)[-1].lower() if "." in name else "spreadsheet"
            raise SkippedError(f"{name}: password-protected {kind} (ask for an unprotected copy or the password)"
                               ) from None
        raise ExtractError(f"{name}: cannot open spreadsheet ({exc})") from None
    for sheet_name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        if not rows:
            continue
        header = [str(h).strip() if h not in (None, "") else column_letter(i) for i, h in enumerate(rows[0])]
        yield from column_chunks(
            header, rows[1:], lambda row, col, s=sheet_name: f"{s}!{column_letter(col)}{row + 2}")
