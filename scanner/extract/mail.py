"""E-mail messages (.eml): addressing headers, subject and text bodies."""
from __future__ import annotations

import email
import email.policy
import html
import re
from collections.abc import Iterator

from scanner.extract.chunking import numbered_lines, text_chunks
from scanner.records import Chunk

EXTENSIONS = (".eml",)
_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject")
_TAG = re.compile(r"<[^>]+>")


def _lines(message) -> Iterator[tuple[str, str]]:
    for header in _HEADERS:
        for value in message.get_all(header, []):
            yield f"header {header}", f"{header}: {value}"
    for number, part in enumerate(message.walk(), start=1):
        if part.get_content_maintype() != "text" or part.get_filename():
            continue
        body = part.get_content()
        if part.get_content_subtype() == "html":
            body = html.unescape(_TAG.sub(" ", body))
        for location, line in numbered_lines(body):
            yield f"part {number} {location}", line


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    yield from text_chunks(_lines(message))
