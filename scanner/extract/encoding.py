"""Turning bytes into text: BOM, strict UTF-8, charset-normalizer, then strict GB18030."""
from __future__ import annotations

import codecs

import charset_normalizer

from scanner.errors import ExtractError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` or raise ExtractError naming ``name``; legacy GBK/GB18030 and Big5 come out right."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise ExtractError(f"{name}: binary content, not text")
    # GB18030 is a superset of GBK/GB2312 and decodes almost any byte string, so it would
    # shadow Big5 and single-byte encodings; charset-normalizer judges first.
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        encoding = "gb18030" if best.encoding in ("gbk", "gb2312", "hz") else best.encoding
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ExtractError(f"{name}: cannot decode as text (not UTF-8, GB18030 or any encoding "
                           "charset-normalizer knows)") from None
