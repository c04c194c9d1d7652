"""Building chunks: running text with line locations, and tables column by column; and cutting a
chunk into pieces the detectors can take, whatever its line length."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from scanner.records import Chunk

# spaCy's memory grows with the tokens of one call (about 16 KB a token for en_core_web_sm: a 900 KB
# line of spaced digits took 7.4 GB), and it refuses texts over 1,000,000 characters; 100k
# characters keeps workers small.
MAX_CHARS = 100_000
# Pieces overlap by this much: a value shorter than it is seen whole by the piece that reports it,
# with at least this much context on either side.
OVERLAP = 1_000
# spaCy's tokenizer takes time that grows with the square of a span without whitespace (100k
# characters of minified JSON: 4.3 s, 10k: 0.06 s); a piece ends within this many characters of
# the start of such a span.
MAX_RUN = 10_000
_RUN = re.compile(rf"\S{{{MAX_RUN}}}")
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
_LAST_PUNCTUATION = re.compile(r".*[,;|}\])>\"']", re.DOTALL)
# Values per column chunk: a column is judged on its values, a few thousand at a time.
MAX_CELLS = 5_000


def text_chunks(lines: Iterable[tuple[str, str]], base: int | None = 0) -> Iterator[Chunk]:
    """Chunks of whole lines from (location, line) pairs; offsets count from the item's text start."""
    parts: list[str] = []
    marks: list[tuple[int, str]] = []
    size = 0
    for location, line in lines:
        if size and size + len(line) > MAX_CHARS:
            yield Chunk("".join(parts), tuple(marks), base=base)
            base = None if base is None else base + size
            parts, marks, size = [], [], 0
        marks.append((size, location))
        parts.append(line + "\n")
        size += len(line) + 1
    if parts:
        yield Chunk("".join(parts), tuple(marks), base=base)


def numbered_lines(text: str) -> Iterator[tuple[str, str]]:
    return ((f"line {number}", line) for number, line in enumerate(text.split("\n"), start=1))


def column_chunks(header: Sequence[str], rows: Iterable[Sequence[object]],
                  location: Callable[[int, int], str]) -> Iterator[Chunk]:
    """One chunk per column (per MAX_CELLS rows): the header travels with its values as context.

    ``location(row_index, column_index)`` names a cell, e.g. ``row 7`` or ``Sheet1!C7``.
    """
    columns: list[list[tuple[str, str]]] = [[] for _ in header]
    for row_index, row in enumerate(rows):
        for col_index, value in enumerate(row[:len(header)]):
            text = "" if value is None else str(value).strip()
            if text:
                columns[col_index].append((location(row_index, col_index), text.replace("\n", " ")))
        if row_index % MAX_CELLS == MAX_CELLS - 1:
            yield from _flush(header, columns)
    yield from _flush(header, columns)


def _flush(header: Sequence[str], columns: list[list[tuple[str, str]]]) -> Iterator[Chunk]:
    for name, cells in zip(header, columns, strict=True):
        if cells:
            for chunk in text_chunks(cells, base=None):
                yield Chunk(chunk.text, chunk.marks, column=name, base=None)
        cells.clear()


def pieces(chunk: Chunk, size: int = MAX_CHARS, overlap: int = OVERLAP) -> Iterator[tuple[Chunk, int, int]]:
    """``chunk`` cut into overlapping pieces of at most about ``size`` characters, with ``(first, last)``:
    the piece reports the matches that start at ``first <= start < last`` of its own text, so a value
    on a cut is reported once, by a piece that holds it whole (when shorter than ``overlap``).

    ``size`` and MAX_RUN must be over 4 × ``overlap`` for the pieces to move on. Each piece keeps the
    locations and, for text chunks, the offset (``base``) of where it lies.
    """
    text = chunk.text
    start = owned = 0
    while (end := _end(text, start, size, overlap)) < len(text):
        owned_end = _boundary(text, end - overlap, end - overlap - overlap // 2)
        yield _piece(chunk, start, end), owned - start, owned_end - start
        owned = owned_end
        start = _boundary(text, owned_end - overlap, owned_end - overlap - overlap // 2)
    yield _piece(chunk, start, len(text)), owned - start, len(text) - start


def _end(text: str, start: int, size: int, overlap: int) -> int:
    """Where the piece from ``start`` ends: ``size`` characters on, or sooner after a long span without
    whitespace; at a boundary."""
    run = _RUN.search(text, start, start + size)
    end = run.end() if run else start + size
    return len(text) if end >= len(text) else _boundary(text, end, end - overlap // 2)


def _boundary(text: str, at: int, floor: int) -> int:
    """Where to cut at or before ``at`` (not before ``floor``) without cutting a value: after the last
    whitespace, else after punctuation; ``at`` itself inside one token that long."""
    window = text[floor:at]
    found = _LAST_SPACE.match(window) or _LAST_PUNCTUATION.match(window)
    return floor + found.end() if found else at


def _piece(chunk: Chunk, start: int, end: int) -> Chunk:
    if start == 0 and end == len(chunk.text):
        return chunk
    offsets = [offset for offset, _ in chunk.marks]
    first = max(bisect.bisect_right(offsets, start) - 1, 0)  # the mark the piece starts under
    marks = tuple((max(offset - start, 0), location) for offset, location in chunk.marks[first:]
                  if offset < end)
    return replace(chunk, text=chunk.text[start:end], marks=marks,
                   base=None if chunk.base is None else chunk.base + start)
