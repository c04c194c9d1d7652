"""Outlook messages (.msg): a small reader of the MAPI properties in the OLE file, through olefile.

Written here rather than taken from extract-msg, which is GPL. A .msg holds each property as a
stream ``__substg1.0_PPPPTTTT`` (property id, type), recipients and attachments in sub-storages.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

import olefile

from scanner.errors import ExtractError
from scanner.extract.chunking import numbered_lines, text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.extract.encoding import decode
from scanner.extract.markup import html_lines
from scanner.extract.members import Budget, Member
from scanner.records import Chunk

EXTENSIONS = (".msg",)
MIME_TYPES = ("application/vnd.ms-outlook",)
_HEADERS = (("0C1A", "From"), ("5D01", "From"), ("0C1F", "From"), ("0E04", "To"), ("0E03", "Cc"),
            ("0E02", "Bcc"), ("0037", "Subject"))
_RECIPIENT = ("3001", "39FE", "3003")  # display name, SMTP address, address
_BODY, _BODY_HTML = "1000", "1013"
_RTF_COMPRESSED = "__substg1.0_10090102"
_DAMAGED = "not a readable .msg (damaged: {error})"


def _open(data: bytes, name: str) -> olefile.OleFileIO:
    if not olefile.isOleFile(data=data):
        raise ExtractError(f"{name}: not an Outlook .msg file (no OLE container)")
    return olefile.OleFileIO(io.BytesIO(data))


def _text(ole: olefile.OleFileIO, storage: list[str], prop: str, name: str) -> str | None:
    """A string property: UTF-16 (type 001F) or 8-bit in the message's code page (type 001E)."""
    for kind in ("001F", "001E"):
        path = [*storage, f"__substg1.0_{prop}{kind}"]
        if ole.exists("/".join(path)):
            raw = ole.openstream(path).read()
            text = raw.decode("utf-16-le", errors="replace") if kind == "001F" else decode(raw, name)
            return text.rstrip("\x00")
    return None


def _storages(ole: olefile.OleFileIO, prefix: str) -> list[str]:
    return sorted({entry[0] for entry in ole.listdir(streams=True, storages=True) if entry[0].startswith(prefix)})


def _lines(ole: olefile.OleFileIO, name: str) -> Iterator[tuple[str, str]]:
    for prop, header in _HEADERS:
        value = _text(ole, [], prop, name)
        if value:
            yield f"header {header}", f"{header}: {value}"
    for number, storage in enumerate(_storages(ole, "__recip_version1.0_"), start=1):
        values = [v for prop in _RECIPIENT if (v := _text(ole, [storage], prop, name))]
        if values:
            yield f"recipient {number}", "Recipient: " + " ".join(dict.fromkeys(values))
    yield from _body_lines(ole, name)


def _body_lines(ole: olefile.OleFileIO, name: str) -> Iterator[tuple[str, str]]:
    """The plain-text body, else the text of the HTML body (Outlook may keep only one of them)."""
    body = _text(ole, [], _BODY, name)
    if body is not None:
        for location, line in numbered_lines(body):
            yield f"body {location}", line
        return
    html = _html(ole, name)
    lines = html_lines(html) if html else {}
    for number in sorted(lines):
        yield f"body html line {number}", " ".join(lines[number])


def _html(ole: olefile.OleFileIO, name: str) -> str | None:
    """PR_BODY_HTML: binary in the message's code page (as most clients write it), or a string."""
    path = f"__substg1.0_{_BODY_HTML}0102"
    if ole.exists(path):
        return decode(ole.openstream(path).read(), name).rstrip("\x00")
    return _text(ole, [], _BODY_HTML, name)


def _rtf_only(ole: olefile.OleFileIO) -> bool:
    bodies = [f"__substg1.0_{prop}{kind}" for prop in (_BODY, _BODY_HTML) for kind in ("001F", "001E", "0102")]
    return ole.exists(_RTF_COMPRESSED) and not any(ole.exists(path) for path in bodies)


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    with damaged_as_error(name, _DAMAGED), _open(data, name) as ole:
        chunks = list(text_chunks(_lines(ole, name)))
    yield from chunks


def members(data: bytes, name: str, budget: Budget) -> Iterator[Member]:
    """Attachments, by their file names; an attached Outlook item is reported, not opened.

    A body kept only as compressed RTF is reported too, as the member ``(message body)``: no RTF
    reader is among our dependencies, and the coverage must show the body was not seen.
    """
    with damaged_as_error(name, _DAMAGED), _open(data, name) as ole:
        if _rtf_only(ole):
            yield Member("(message body)", None, ole.get_size(_RTF_COMPRESSED), reason="message body stored "
                         "only as compressed RTF: not read (save the message as .eml or .txt and scan that)")
        for number, storage in enumerate(_storages(ole, "__attach_version1.0_"), start=1):
            filename = (_text(ole, [storage], "3707", name) or _text(ole, [storage], "3704", name)
                        or f"attachment {number}")
            if ole.exists(f"{storage}/__substg1.0_3701000D"):
                yield Member(filename, None, reason="attached Outlook item inside a .msg: not read (save it "
                             "as a .msg file and scan that)")
                continue
            path = f"{storage}/__substg1.0_37010102"
            if not ole.exists(path):
                continue
            yield budget.member(filename, ole.openstream(path), ole.get_size(path), None)
