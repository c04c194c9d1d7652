"""Turning bytes into text: BOM, strict UTF-8, charset-normalizer, then strict GB18030."""
from __future__ import annotations

import codecs

import charset_normalizer

from scanner.errors import ExtractError

# C0 controls but tab, line feed, form feed, carriage return and escape (ANSI colours in logs).
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 27))
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def is_binary(data: bytes) -> bool:
    """NUL bytes or many other control bytes in the first 8 KB (a UTF-16 text's start has a BOM):
    what no text file holds."""
    head = data[:8192]
    if has_bom(head):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # one pass, not one per control byte
    return b"\x00" in head or controls > len(head) // 20


def has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def decode_as(data: bytes, encoding: str) -> str | None:
    """``data`` read strictly as ``encoding`` (GBK and GB2312 as their superset GB18030: files labelled
    GBK often hold GB18030 characters), or None when it does not read or the name is unknown."""
    encoding = "gb18030" if encoding.lower() in ("gbk", "gb2312") else encoding
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` or raise ExtractError naming ``name``; legacy GBK/GB18030 and Big5 come out right."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if is_binary(data):
        raise ExtractError(f"{name}: binary content, not text")
    # GB18030 is a superset of GBK/GB2312 and decodes almost any byte string, so it would
    # shadow Big5 and single-byte encodings; charset-normalizer judges first.
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and _mixed_scripts(str(best)):
        # Short GBK or Big5 text is often taken for Korean or Japanese; read as such it mixes Hangul
        # with Kana or many Chinese characters, which no real text does. Judge among Chinese encodings.
        best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best() or best
    if best is not None and best.encoding:
        # A guess of HZ (7-bit GB2312) is GB text too.
        text = decode_as(data, "gb18030" if best.encoding == "hz" else best.encoding)
        if text is not None:
            return text
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ExtractError(f"{name}: cannot decode as text (not UTF-8, GB18030 or any encoding "
                           "charset-normalizer knows)") from None


def _mixed_scripts(text: str) -> bool:
    """Hangul beside Kana, or beside more than a few Chinese characters: a wrong guess of encoding."""
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7af" or "\u3130" <= c <= "\u318f")
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return bool(hangul and (kana or han > hangul // 5))
