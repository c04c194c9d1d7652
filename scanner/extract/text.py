"""Plain text, logs, Markdown and JSON: decoded, located by line."""
from __future__ import annotations

from collections.abc import Iterator

from scanner.extract.chunking import numbered_lines, text_chunks
from scanner.extract.encoding import decode
from scanner.records import Chunk

EXTENSIONS = (".txt", ".log", ".md", ".json", ".jsonl", ".ini", ".cfg", ".conf", ".yaml", ".yml")
MIME_TYPES = ("text/plain", "application/json", "application/x-ndjson")


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    yield from text_chunks(numbered_lines(decode(data, name)))
