"""PowerPoint (.pptx): the text of every shape and table on each slide, and the speaker notes."""
from __future__ import annotations

import io
from collections.abc import Iterator

import pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE

from scanner.extract.chunking import text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.extract.ooxml import without_dtd
from scanner.records import Chunk

EXTENSIONS = (".pptx", ".pptm")
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "application/vnd.ms-powerpoint.presentation.macroEnabled.12")


def _shape_lines(shapes) -> Iterator[str]:
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shape_lines(shape.shapes)
        elif shape.has_text_frame:
            yield from (paragraph.text for paragraph in shape.text_frame.paragraphs)
        elif shape.has_table:
            # Cells of one row on one line, so a label cell gives context to its value cell.
            yield from (" | ".join(cell.text for cell in row.cells) for row in shape.table.rows)


def _lines(presentation) -> Iterator[tuple[str, str]]:
    for number, slide in enumerate(presentation.slides, start=1):
        yield from ((f"slide {number}", line) for line in _shape_lines(slide.shapes))
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            for line in slide.notes_slide.notes_text_frame.text.split("\n"):
                yield f"slide {number} notes", line


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    with damaged_as_error(name, "not a readable .pptx (damaged: {error})"):
        yield from text_chunks(_lines(pptx.Presentation(io.BytesIO(without_dtd(data)))))
