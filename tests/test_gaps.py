"""No silent gaps: an item is `scanned` only when it was read in full, and bytes that are not the
format their name says are refused with a reason, never read as text."""
from __future__ import annotations

import io
import random
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import pptx
import pytest

from scanner.connectors import SourceOptions
from scanner.records import Item
from scanner.unit import scan_item

ID_LINE = "身份证号：110102199101010078\n".encode()
# What an attacker puts in an Office part: an external entity that a resolving parser would fetch.
XXE = b'<!DOCTYPE root [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def scan(folder: Path, name: str, data: bytes) -> list:
    (folder / name).write_bytes(data)
    return scan_item(str(folder), SourceOptions(), Item(str(folder), name, "file", len(data)))


def _with_entity(package: bytes, part: str, text: bytes) -> bytes:
    """``package`` with a DOCTYPE in ``part`` and a reference to its entity just before ``text``."""
    source, rewritten = zipfile.ZipFile(io.BytesIO(package)), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                declaration, rest = data.split(b"?>", 1)
                data = declaration + b"?>\n" + XXE + rest.replace(text, b"&xxe;" + text, 1)
                assert b"&xxe;" in data
            out.writestr(info, data)
    return rewritten.getvalue()


def _docx() -> bytes:
    document, data = docx.Document(), io.BytesIO()
    document.add_paragraph("Contact: emily.clarke@example.com")
    document.save(data)
    return _with_entity(data.getvalue(), "word/document.xml", b"Contact")


def _pptx() -> bytes:
    deck, data = pptx.Presentation(), io.BytesIO()
    deck.slides.add_slide(deck.slide_layouts[1]).shapes.title.text = "Owner: noah.king@example.com"
    deck.save(data)
    return _with_entity(data.getvalue(), "ppt/slides/slide1.xml", b"Owner")


@pytest.mark.parametrize("name, build, location", [("xxe.docx", _docx, "paragraph 1"), ("xxe.pptx", _pptx, "slide 1")])
def test_office_file_with_an_entity_declaration_is_read_without_resolving_it(tmp_path, name, build, location):
    # The text after the reference was lost: `scanned`, nothing found, no reason.
    [result] = scan(tmp_path, name, build())
    assert result.status == "scanned", result.reason
    assert [(f.entity_type, f.location) for f in result.findings] == [("EMAIL_ADDRESS", location)]


def _nested(depth: int) -> bytes:
    data = ID_LINE
    for level in range(depth, 0, -1):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            out.writestr(f"l{level}.zip" if level < depth else "deep.txt", data)
        data = buffer.getvalue()
    return data


def test_an_archive_nested_too_deep_is_skipped_not_scanned(tmp_path):
    results = {r.item.name: r for r in scan(tmp_path, "l0.zip", _nested(5))}
    deepest = results["l0.zip!l1.zip!l2.zip!l3.zip"]
    assert (deepest.status, deepest.reason) == ("skipped", "l0.zip!l1.zip!l2.zip!l3.zip: not opened, nested "
                                                           "deeper than 3 archives")
    assert [r.status for name, r in results.items() if name != deepest.item.name] == ["scanned"] * 3


def test_a_mail_nested_too_deep_keeps_its_findings_and_says_its_attachments_were_not_read(tmp_path):
    message = EmailMessage()
    message["From"] = "Paul Reed <paul.reed@example.com>"
    message["Subject"] = "ids"
    message.set_content("see attached\n")
    message.add_attachment(ID_LINE, maintype="text", subtype="plain", filename="ids.txt")
    mail = scan(tmp_path, "l0.zip", _three_zips_deep(message.as_bytes()))[-1]
    assert mail.item.name == "l0.zip!l1.zip!l2.zip!mail.eml"
    assert mail.status == "skipped" and "not opened" in mail.reason
    assert "EMAIL_ADDRESS" in {f.entity_type for f in mail.findings}


def test_a_mail_without_attachments_at_the_depth_limit_is_scanned(tmp_path):
    message = EmailMessage()
    message["From"] = "paul.reed@example.com"
    message.set_content("nothing attached\n")
    mail = scan(tmp_path, "l0.zip", _three_zips_deep(message.as_bytes()))[-1]
    assert (mail.item.name, mail.status, mail.reason) == ("l0.zip!l1.zip!l2.zip!mail.eml", "scanned", None)


RANDOM = random.Random(12).randbytes(20_000)


@pytest.mark.parametrize("name, reason", [
    ("random.eml", "random.eml: binary content, not text"),
    ("random.txt", "random.txt: binary content, not text"),
    ("random.csv", "random.csv: binary content, not text"),
    ("random.html", "random.html: binary content, not text"),
    ("random.xml", "random.xml: binary content, not text"),
])
def test_random_bytes_are_refused_not_read_as_text(tmp_path, name, reason):
    # random.eml gave 67 PERSON findings.
    [result] = scan(tmp_path, name, RANDOM)
    assert (result.status, result.reason, result.findings) == ("error", reason, ())


def test_text_without_mail_headers_is_not_a_mail_message(tmp_path):
    [result] = scan(tmp_path, "note.eml", b"Dear Anna Berg,\nplease call me.\n")
    assert (result.status, result.reason) == ("error", "note.eml: not a mail message (no header such as From: or "
                                                       "Subject: at its start)")


def test_a_sparse_sheet_calamine_would_allocate_as_dense_is_refused_with_a_reason(tmp_path):
    # Two values, A1 and XFD1048576: calamine asked for 549 GB and aborted the worker.
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"], workbook.active["XFD1048576"] = "name", "x"
    workbook.save(tmp_path / "sparse.xlsx")
    [result] = scan(tmp_path, "sparse.xlsx", (tmp_path / "sparse.xlsx").read_bytes())
    assert (result.status, result.reason) == ("skipped", "sparse.xlsx: a sheet spans 17,179,869,184 cells, over the "
                                                         "10,000,000 cell limit (save its data as CSV and scan that)")


def test_an_xls_whose_sheet_ends_before_it_starts_is_an_error_not_an_abort(tmp_path):
    # Its DIMENSIONS record said rows 7,405,568 to 3: calamine asked for 514 GB and aborted the worker.
    import struct

    from bench.legacy_sheets import xls

    data = bytearray(xls([("Sheet1", [["name", "email"], ["Anna Berg", "anna.berg@example.com"]])]))
    at = data.index(struct.pack("<HH", 0x0200, 14))  # the sheet's DIMENSIONS record
    struct.pack_into("<I", data, at + 4, 7_405_568)
    [result] = scan(tmp_path, "damaged.xls", bytes(data))
    assert (result.status, result.reason) == ("error", "damaged.xls: cannot open spreadsheet (damaged: a sheet ends "
                                                       "before it starts)")


def _three_zips_deep(mail: bytes) -> bytes:
    """``mail.eml`` inside l2.zip inside l1.zip inside the zip returned: at the default depth limit."""
    data = mail
    for level in (3, 2, 1):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            out.writestr(f"l{level}.zip" if level < 3 else "mail.eml", data)
        data = buffer.getvalue()
    return data
