"""PDF through pypdf: the text of each page, located as ``page N``; a page with (almost) no text layer,
a scan, is rendered with pypdfium2 and read by OCR, located as ``page N line M``."""
from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.errors import DependencyError

from scanner.errors import SkippedError
from scanner.extract.chunking import text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.extract.image import MAX_PIXELS, ocr_lines, tesseract
from scanner.records import Chunk

EXTENSIONS = (".pdf",)
MIME_TYPES = ("application/pdf",)
# A page with fewer visible characters than this in its text layer is taken for a scan (a stamp, a
# page number or a scanner's label may be all the text it has).
MIN_TEXT = 20
# 300 dpi, what Tesseract reads best, for pages up to about A4; larger pages are rendered at less, to
# MAX_PIXELS, never drawn big and shrunk after (a 200-inch page at 300 dpi would take 3.6 GB).
RENDER_SCALE = 300 / 72


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
        yield from text_chunks(_lines(reader, data, name))


def _lines(reader: PdfReader, data: bytes, name: str) -> Iterator[tuple[str, str]]:
    rendered = None
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        # Without Tesseract a scanned page yields only what text it has, as before OCR.
        if len("".join(text.split())) >= MIN_TEXT or tesseract() is None:
            yield from ((f"page {number}", line) for line in text.split("\n"))
            continue
        rendered = rendered or pdfium.PdfDocument(data)
        scanned = rendered[number - 1]
        points = max(scanned.get_width() * scanned.get_height(), 1.0)
        scale = min(RENDER_SCALE, (MAX_PIXELS / points) ** 0.5)
        image = scanned.render(scale=scale, grayscale=True).to_pil()
        for line_number, line in enumerate(ocr_lines(image, name), start=1):
            yield f"page {number} line {line_number}", line
