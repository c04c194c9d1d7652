"""Building chunks: running text with line locations, and tables column by column."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from scanner.records import Chunk

# spaCy handles long texts, but memory grows with length; 100k characters keeps workers small.
MAX_CHARS = 100_000
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
