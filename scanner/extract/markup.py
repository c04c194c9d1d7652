"""XML (through defusedxml, which refuses entity bombs and external entities) and HTML, by line.

Each line's text and attribute values are scanned with the element or attribute name in front of
them (``phone: 13812345678``), so that a tag name gives context as a column name does.
"""
from __future__ import annotations

import re
import xml.sax
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser

import defusedxml.sax
from defusedxml import DefusedXmlException

from scanner.errors import ExtractError, SkippedError
from scanner.extract.chunking import text_chunks
from scanner.extract.encoding import decode, decode_as, has_bom
from scanner.records import Chunk

EXTENSIONS = (".xml", ".html", ".htm", ".xhtml")
MIME_TYPES = ("text/xml", "application/xml", "text/html", "application/xhtml+xml")
_HIDDEN = {"script", "style"}
# The XML declaration's encoding pseudo-attribute, in a declaration at the very start.
_DECLARED_ENCODING = re.compile(r"""\A(\s*<\?xml\b[^>]*?\sencoding\s*=\s*(["']))([^"']*)(\2)""")


class _XmlText(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.lines: dict[int, list[str]] = defaultdict(list)
        self.tags: list[str] = []

    def startElement(self, name, attrs):  # noqa: N802 (SAX's names)
        self.tags.append(name)
        line = self._locator.getLineNumber()
        self.lines[line].extend(f"{key}: {value}" for key, value in attrs.items() if value.strip())

    def endElement(self, name):  # noqa: N802
        self.tags.pop()

    def characters(self, content):
        if content.strip():
            self.lines[self._locator.getLineNumber()].append(f"{self.tags[-1]}: {content.strip()}")


class _HtmlText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: dict[int, list[str]] = defaultdict(list)
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        line = self.getpos()[0]
        self.lines[line].extend(value for key, value in attrs if key in ("title", "alt", "value") and value)

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            # Data spanning lines starts on the parser's line; later lines follow it.
            for offset, line in enumerate(data.split("\n")):
                if line.strip():
                    self.lines[self.getpos()[0] + offset].append(line.strip())


def _is_html(data: bytes, name: str) -> bool:
    head = data[:1024].lstrip().lower()
    return name.lower().endswith((".html", ".htm")) or head.startswith((b"<!doctype html", b"<html"))


def _declared_text(data: bytes) -> str | None:
    """``data`` decoded by the encoding its XML declaration names, if that reads it strictly."""
    declared = _DECLARED_ENCODING.match(data[:1024].decode("latin-1"))
    if not declared or has_bom(data):
        return None
    return decode_as(data, declared.group(3).strip())


def _as_utf8(data: bytes, name: str) -> bytes:
    """``data`` re-encoded as UTF-8 with its declaration saying so, lines unchanged.

    expat reads no multi-byte encoding but UTF-8 and UTF-16 (a GBK or Big5 declaration fails with
    ValueError), so the text is decoded here, by its declared encoding when that reads it strictly,
    else as any text file is, and handed over in UTF-8.
    """
    text = _declared_text(data)
    if text is None:
        text = decode(data, name)
    return _DECLARED_ENCODING.sub(r"\1UTF-8\4", text, count=1).encode("utf-8")


def _xml_lines(data: bytes, name: str) -> dict[int, list[str]]:
    handler = _XmlText()
    try:
        defusedxml.sax.parseString(_as_utf8(data, name), handler)
    except DefusedXmlException as exc:
        raise SkippedError(f"{name}: XML with entity or DTD declarations not read ({type(exc).__name__}: "
                           "possible XML bomb)") from None
    except xml.sax.SAXParseException as exc:
        raise ExtractError(f"{name}: not well-formed XML ({exc.getMessage()} at line {exc.getLineNumber()})") from None
    return handler.lines


def html_lines(text: str) -> dict[int, list[str]]:
    """The visible text and titled attributes of an HTML document, by source line number."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return parser.lines


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    if _is_html(data, name):
        lines = html_lines(decode(data, name))
    else:
        lines = _xml_lines(data, name)
    yield from text_chunks((f"line {number}", " ".join(lines[number])) for number in sorted(lines)
                           if lines[number])
