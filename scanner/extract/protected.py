"""Office files encrypted with a password (docx, xlsx, pptx saved with "Encrypt with password").

Such a file is an OLE container holding ``EncryptedPackage``; libmagic calls it ``application/encrypted``.
It is skipped with a reason a person can act on: passwords are never guessed.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from scanner.errors import SkippedError
from scanner.records import Chunk

EXTENSIONS = ()
MIME_TYPES = ("application/encrypted",)


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    kind = PurePosixPath(name).suffix.lower().lstrip(".") or "Office file"
    raise SkippedError(f"{name}: password-protected {kind} (ask for an unprotected copy or the password)")
