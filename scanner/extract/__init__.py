"""Extractors turn an item's bytes into chunks. One module per format, found by discovery.

Each module declares ``EXTENSIONS``, optionally ``MIME_TYPES`` (what python-magic says of the
content it reads), and one or both of:

- ``extract(data: bytes, name: str) -> Iterator[Chunk]``: the item's own text;
- ``members(data: bytes, name: str, budget: Budget) -> Iterator[Member]``: items held inside it
  (archive members, mail attachments), each scanned in turn (``scanner/extract/members.py``).

The type is decided by content: python-magic's MIME type picks the module, except when the content
type is vague (any text, an unlabelled zip or OLE container, unknown bytes), where the extension decides.
Bytes no module claims that sniff as text (source code, .js, .sql dumps, .env, .properties, shell
scripts) are read as plain text.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import PurePosixPath
from types import ModuleType

from scanner.errors import ExtractError
from scanner.extract.encoding import has_bom

# Content types that do not say which format a file is: text may be csv, json or Markdown; a zip
# may be a docx; an OLE compound file may be an xls or a .msg.
_VAGUE = ("application/octet-stream", "application/zip", "application/x-ole-storage", "application/CDFV2",
          "application/x-empty", "inode/x-empty")


@functools.lru_cache(maxsize=1)
def _modules() -> tuple[ModuleType, ...]:
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return tuple(m for m in modules if hasattr(m, "extract") or hasattr(m, "members"))


@functools.lru_cache(maxsize=1)
def extractors() -> dict[str, ModuleType]:
    """Map lower-case file extension → extractor module."""
    return {extension: m for m in _modules() for extension in getattr(m, "EXTENSIONS", ())}


@functools.lru_cache(maxsize=1)
def _by_mime() -> dict[str, ModuleType]:
    return {mime: m for m in _modules() for mime in getattr(m, "MIME_TYPES", ())}


def content_type(data: bytes) -> str:
    """The MIME type libmagic gives ``data``, e.g. ``application/pdf``."""
    try:
        import magic  # loads the C library libmagic, which pip cannot install
    except ImportError:
        raise ExtractError("file types cannot be told without libmagic (apt-get install libmagic1, "
                           "or your system's libmagic package)") from None
    return magic.from_buffer(data, mime=True)


def _vague(mime: str) -> bool:
    return mime.startswith("text/") or mime in _VAGUE


def sniffs_as_text(data: bytes) -> bool:
    """A byte-order mark, or no NUL byte and valid UTF-8 or GB18030 in the first 8 KiB (a multi-byte
    character may be cut at its end)."""
    head = data[:8192]
    if has_bom(head):
        return True
    if b"\0" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:
                return True
    return False


def extractor_for(name: str, data: bytes | None = None) -> ModuleType | None:
    """The module for an item called ``name``; with ``data``, chosen by content first, then text if it sniffs so."""
    by_name = extractors().get(PurePosixPath(name).suffix.lower())
    if data is None:
        return by_name
    mime = content_type(data)
    if by_name is not None and (_vague(mime) or mime in getattr(by_name, "MIME_TYPES", ())):
        return by_name
    module = _by_mime().get(mime)
    if module is None and data and sniffs_as_text(data):
        return _by_mime()["text/plain"]
    return module
