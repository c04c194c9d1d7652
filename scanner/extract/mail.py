"""E-mail messages (.eml): addressing headers, subject and text bodies; attachments are scanned as members."""
from __future__ import annotations

import email
import email.policy
import html
import io
import re
from collections.abc import Iterator

from scanner.errors import ExtractError
from scanner.extract.chunking import numbered_lines, text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.extract.encoding import decode, is_binary
from scanner.extract.members import Budget, Member
from scanner.records import Chunk

EXTENSIONS = (".eml",)
MIME_TYPES = ("message/rfc822",)
_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject")
_TAG = re.compile(r"<[^>]+>")
_DAMAGED = "not a readable .eml (damaged: {error})"


def _lines(message, name: str) -> Iterator[tuple[str, str]]:
    for header in _HEADERS:
        for value in message.get_all(header, []):
            yield f"header {header}", f"{header}: {value}"
    for number, part in enumerate(message.walk(), start=1):
        if part.get_content_maintype() != "text" or part.get_filename():
            continue
        body = _body(part, name)
        if part.get_content_subtype() == "html":
            body = html.unescape(_TAG.sub(" ", body))
        for location, line in numbered_lines(body):
            yield f"part {number} {location}", line


def _body(part, name: str) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError):  # a charset label Python does not know, or a wrong one
        return decode(part.get_payload(decode=True) or b"", name)


def _message(data: bytes, name: str) -> email.message.EmailMessage:
    """The parsed message; the email package takes any bytes for a body without headers, so what
    does not start with a header is refused (random bytes gave dozens of PERSON "names")."""
    if is_binary(data):
        raise ExtractError(f"{name}: binary content, not text")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise ExtractError(f"{name}: not a mail message (no header such as From: or Subject: at its start)")
    return message


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    with damaged_as_error(name, _DAMAGED):
        yield from text_chunks(_lines(_message(data, name), name))


def members(data: bytes, name: str, budget: Budget) -> Iterator[Member]:
    """Attachments (and attached messages), by their file names."""
    with damaged_as_error(name, _DAMAGED):
        yield from _attachments(_message(data, name), budget)


def _attachments(message, budget: Budget) -> Iterator[Member]:
    for number, part in enumerate(message.walk(), start=1):
        if part.is_multipart() or not (part.is_attachment() or part.get_filename()):
            continue
        payload = part.get_payload(decode=True)
        if payload is None and part.get_content_type() == "message/rfc822":
            payload = part.get_payload(0).as_bytes()
        filename = part.get_filename() or f"attachment {number}"
        yield budget.member(filename, io.BytesIO(payload or b""), len(payload or b""), None)
