"""Office Open XML packages (docx, pptx) made safe to read when their XML parts declare a DTD.

Office never writes a DOCTYPE: one in a package is there to make a parser fetch a file or a URL, or
expand an entity bomb. python-docx and python-pptx resolve no entities, but lxml then keeps each
reference as a node and they read a run of text only up to it: the text after ``&xxe;`` was lost and
the document came out ``scanned`` with nothing found. So the declaration is removed and the
references to what it declared are dropped; the rest of the text is read as written.
"""
from __future__ import annotations

import io
import re
import zipfile

# The declaration, its internal subset in brackets included.
_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]|\[.*?\])*>", re.DOTALL)
# A reference to anything but XML's own five entities and character references.
_DECLARED_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s&;<>]*;")


def without_dtd(data: bytes) -> bytes:
    """The package with no DOCTYPE in its parts (``data`` itself when it has none)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    if not any(b"<!DOCTYPE" in part for _, part in parts):
        return data
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as package:
        for info, part in parts:
            if b"<!DOCTYPE" in part:
                part = _DECLARED_REFERENCE.sub(b"", _DOCTYPE.sub(b"", part, count=1))
            package.writestr(info, part)
    return rewritten.getvalue()
