"""CSV and TSV: the first row is the header, each column is judged with its name."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from scanner.errors import ExtractError
from scanner.extract.chunking import column_chunks
from scanner.extract.encoding import decode
from scanner.records import Chunk

EXTENSIONS = (".csv", ".tsv")
MIME_TYPES = ("text/csv", "text/tab-separated-values")
# The csv module refuses a field over 128 KB by default; the file's size is bounded already
# (max_file_mb), and a long cell is read like a long line.
_LONGEST_FIELD = 2**31 - 1


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    text = decode(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if name.lower().endswith(".tsv") else csv.excel
    csv.field_size_limit(_LONGEST_FIELD)
    # newline="": a lone carriage return inside a field is the csv module's to judge, as in a file.
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
        if not header:
            return
        header = [h.strip() or f"column {i + 1}" for i, h in enumerate(header)]
        # Spreadsheet numbering: the header is row 1, so the first record is row 2.
        yield from column_chunks(header, reader, lambda row, col: f"row {row + 2}")
    except csv.Error as exc:  # its messages name the fault, never the content
        raise ExtractError(f"{name}: not readable as CSV ({exc})") from None
