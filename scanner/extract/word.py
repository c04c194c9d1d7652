"""Word documents (.docx): paragraphs, tables, headers, footers and comments."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx

from scanner.errors import ExtractError
from scanner.extract.chunking import text_chunks
from scanner.records import Chunk

EXTENSIONS = (".docx", ".docm")
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/vnd.ms-word.document.macroEnabled.12")


def _lines(document) -> Iterator[tuple[str, str]]:
    for number, paragraph in enumerate(document.paragraphs, start=1):
        yield f"paragraph {number}", paragraph.text
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            # Cells of one row on one line, so a label cell gives context to its value cell.
            yield f"table {t} row {r}", " | ".join(cell.text for cell in row.cells)
    for s, section in enumerate(document.sections, start=1):
        for part, label in ((section.header, "header"), (section.footer, "footer")):
            for paragraph in part.paragraphs:
                yield f"section {s} {label}", paragraph.text
    for number, comment in enumerate(document.comments, start=1):
        # The author's name is personal information too, and gives the comment's text its context.
        yield f"comment {number}", f"{comment.author or ''}: {comment.text}"


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractError(f"{name}: not a readable .docx (encrypted, password-protected or damaged: {exc})") from None
    yield from text_chunks(_lines(document))
