"""Word documents (.docx): paragraphs, tables (nested ones too), headers, footers and comments."""
from __future__ import annotations

import io
from collections.abc import Iterator

import docx

from scanner.extract.chunking import text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.extract.ooxml import without_dtd
from scanner.records import Chunk

EXTENSIONS = (".docx", ".docm")
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/vnd.ms-word.document.macroEnabled.12")


# Each section has three headers and three footers; the first-page and even-page ones are read even
# when the document's settings do not show them, since what they hold is in the file all the same.
_HEADERS_FOOTERS = (("header", "header"), ("first_page_header", "first-page header"),
                    ("even_page_header", "even-page header"), ("footer", "footer"),
                    ("first_page_footer", "first-page footer"), ("even_page_footer", "even-page footer"))


def _table_lines(table, where: str) -> Iterator[tuple[str, str]]:
    """Each row of ``table`` located as ``{where} row M``, then tables nested in its cells."""
    seen = set()
    for r, row in enumerate(table.rows, start=1):
        # Cells of one row on one line, so a label cell gives context to its value cell.
        yield f"{where} row {r}", " | ".join(cell.text for cell in row.cells)
        for c, cell in enumerate(row.cells, start=1):
            if cell._tc in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(cell._tc)
            for n, inner in enumerate(cell.tables, start=1):
                yield from _table_lines(inner, f"{where} row {r} cell {c} table {n}")


def _header_footer_lines(section, s: int) -> Iterator[tuple[str, str]]:
    for attribute, label in _HEADERS_FOOTERS:
        part = getattr(section, attribute)
        if part.is_linked_to_previous:  # no content of its own: the previous section's, already read
            continue
        for paragraph in part.paragraphs:
            yield f"section {s} {label}", paragraph.text
        for t, table in enumerate(part.tables, start=1):
            yield from _table_lines(table, f"section {s} {label} table {t}")


def _lines(document) -> Iterator[tuple[str, str]]:
    for number, paragraph in enumerate(document.paragraphs, start=1):
        yield f"paragraph {number}", paragraph.text
    for t, table in enumerate(document.tables, start=1):
        yield from _table_lines(table, f"table {t}")
    for s, section in enumerate(document.sections, start=1):
        yield from _header_footer_lines(section, s)
    for number, comment in enumerate(document.comments, start=1):
        # The author's name is personal information too, and gives the comment's text its context.
        yield f"comment {number}", f"{comment.author or ''}: {comment.text}"


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    with damaged_as_error(name, "not a readable .docx (encrypted, "
                          "password-protected or damaged: {error})"):
        yield from text_chunks(_lines(docx.Document(io.BytesIO(without_dtd(data)))))
