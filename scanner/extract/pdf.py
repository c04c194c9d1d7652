"""PDF through pypdf: the text of each page, located as ``page N``."""
from __future__ import annotations

import io
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.errors import DependencyError

from scanner.errors import SkippedError
from scanner.extract.chunking import text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.records import Chunk

EXTENSIONS = (".pdf",)
MIME_TYPES = ("application/pdf",)


def _open(data: bytes, name: str) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # Many PDFs are encrypted only to restrict printing or copying: they open with an empty password.
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise SkippedError(f"{name}: encrypted pdf (AES needs the cryptography package installed)") from None
        if not opened:
            raise SkippedError(f"{name}: password-protected pdf (ask for an unprotected copy or the password)")
    return reader


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    with damaged_as_error(name, "not a readable PDF (damaged: {error})"):
        reader = _open(data, name)
        lines = ((f"page {number}", line) for number, page in enumerate(reader.pages, start=1)
                 for line in (page.extract_text() or "").split("\n"))
        yield from text_chunks(lines)
