"""Binary format fixtures, generated at test time rather than committed as opaque blobs.

PDF and Outlook .msg have no well-kept writer among our dependencies, so small writers are kept:
a one-font text PDF (bench/pdf.py, shared with the benchmark room), and here an OLE compound file
(version 3, every stream in the mini stream).
"""
from __future__ import annotations

import io
import shutil
import sqlite3
import struct
import tarfile
import uuid
import zipfile
from email.message import EmailMessage
from pathlib import Path

from bench.legacy_sheets import ods, xls
from bench.pdf import pdf

# --- OLE compound file (for .msg) ----------------------------------------------------------------

_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_OUTLOOK_CLSID = uuid.UUID("00020d0b-0000-0000-c000-000000000046").bytes_le


def _sectors(data: bytes, fill: bytes = b"\0") -> list[bytes]:
    data += fill * (-len(data) % 512)
    return [data[i:i + 512] for i in range(0, len(data), 512)]


def _chain(first: int, count: int) -> list[int]:
    return [first + i + 1 for i in range(count - 1)] + [_END] if count else []


def _sort_key(path: str) -> tuple[int, str]:
    name = path.rsplit("/", 1)[-1]
    return len(name), name.upper()  # the order CFB requires of siblings


def compound_file(streams: dict[str, bytes], clsid: bytes = _OUTLOOK_CLSID) -> bytes:
    """An OLE file holding ``streams`` by '/'-separated path (each under 4096 bytes, so in the mini stream).

    Siblings are chained through their right links, all black: a valid, if unbalanced, tree.
    """
    children: dict[str, list[str]] = {"": []}
    for path in streams:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            node, parent = "/".join(parts[:depth]), "/".join(parts[:depth - 1])
            if node not in children.setdefault(parent, []):
                children[parent].append(node)
    for kids in children.values():
        kids.sort(key=_sort_key)
    order = ["", *sorted(n for kids in children.values() for n in kids)]
    index = {name: i for i, name in enumerate(order)}
    mini, starts, minifat = bytearray(), {}, []
    for name in order:
        if name in streams:
            assert len(streams[name]) < 4096, name
            starts[name] = len(mini) // 64
            minifat += _chain(starts[name], -(-len(streams[name]) // 64))
            mini += streams[name] + b"\0" * (-len(streams[name]) % 64)
    directory_count = -(-len(order) * 128 // 512)
    minifat_sectors = _sectors(struct.pack(f"<{len(minifat)}I", *minifat), b"\xff") if minifat else []
    mini_sectors = _sectors(bytes(mini))
    first_dir, first_minifat = 1, 1 + directory_count
    first_mini = first_minifat + len(minifat_sectors)
    entries = []
    for name in order:
        parent = name.rsplit("/", 1)[0] if "/" in name else ""
        siblings = children[parent] if name else [name]
        position = siblings.index(name) + 1
        right = index[siblings[position]] if position < len(siblings) else _NONE
        kids = children.get(name, [])
        kind = 5 if not name else (2 if name in streams else 1)
        start, size = (first_mini, len(mini)) if kind == 5 else (starts.get(name, _END), len(streams.get(name, b"")))
        entries.append(_entry(name.rsplit("/", 1)[-1] or "Root Entry", kind, right,
                              index[kids[0]] if kids else _NONE, start, size, clsid if kind == 5 else b"\0" * 16))
    directory_sectors = _sectors(b"".join(entries))
    fat = ([_FAT] + _chain(first_dir, directory_count) + _chain(first_minifat, len(minifat_sectors))
           + _chain(first_mini, len(mini_sectors)))
    assert len(fat) <= 128, "fixture too large for one FAT sector"
    fat += [_FREE] * (128 - len(fat))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"), b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, 1, first_dir, 0, 4096,
                         first_minifat if minifat_sectors else _END, len(minifat_sectors), _END, 0)
    header += struct.pack("<109I", 0, *([_FREE] * 108))
    return header + b"".join([struct.pack("<128I", *fat), *directory_sectors, *minifat_sectors, *mini_sectors])


def _entry(name: str, kind: int, right: int, child: int, start: int, size: int, clsid: bytes) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, _NONE, right, child, clsid, 0, 0, 0,
                       start, size)


def outlook_message(headers: dict[str, str], body: str | None, attachments: dict[str, bytes],
                    html: bytes | None = None, rtf: str | None = None) -> bytes:
    """A .msg: string properties by id (e.g. ``{"0037": subject}``), a body, attachments by file name.

    ``html`` is PR_BODY_HTML (binary); ``rtf`` goes to PR_RTF_COMPRESSED stored uncompressed ("MELA").
    """
    streams = {f"__substg1.0_{prop}001F": value.encode("utf-16-le") for prop, value in headers.items()}
    if body is not None:
        streams["__substg1.0_1000001F"] = body.encode("utf-16-le")
    if html is not None:
        streams["__substg1.0_10130102"] = html
    if rtf is not None:
        raw = rtf.encode("ascii")
        streams["__substg1.0_10090102"] = struct.pack("<IIII", len(raw) + 12, len(raw), 0x414C454D, 0) + raw
    for number, (filename, data) in enumerate(attachments.items()):
        storage = f"__attach_version1.0_#{number:08X}"
        streams[f"{storage}/__substg1.0_3707001F"] = filename.encode("utf-16-le")
        streams[f"{storage}/__substg1.0_37010102"] = data
    return compound_file(streams)


# --- the per-format fixtures of tests/test_formats.py ---------------------------------------------


CUSTOMERS = [["姓名", "手机号", "备注"], ["李雷", "13712345678", "VIP"], ["韩梅梅", "13812345678", ""]]


def data_room(room: Path, formats: Path) -> Path:
    """A data room of every format: the text fixtures in ``formats``, each generated binary format,
    password-protected files, a zip holding a tar.gz holding a docx and a GBK text, and a SQLite CRM."""
    import docx
    import openpyxl

    shutil.copytree(formats, room, dirs_exist_ok=True)
    document = docx.Document()
    document.add_paragraph("Service agreement")
    document.add_paragraph("Contact: Emily Clarke, emily.clarke@example.com")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "身份证号"
    table.rows[0].cells[1].text = "110102199101010078"
    document.save(room / "contract.docx")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户"
    for row in CUSTOMERS:
        sheet.append(row)
    workbook.save(room / "customers.xlsx")
    legacy_spreadsheets(room, "customers", "客户", CUSTOMERS)
    write_fixtures(room)
    protected_fixtures(room)
    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w:gz") as tar:
        for name in ("contract.docx", "legacy_gbk.txt"):
            tar.add(room / name, arcname=f"old/{name}")
    with zipfile.ZipFile(room / "archive.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("2019/backup.tar.gz", tarred.getvalue())
        bundle.write(room / "people.csv", "2019/people.csv")
    crm_database(room / "crm.db")
    return room


def crm_database(path: Path, wal: bool = False) -> Path:
    """A small SQLite CRM (names and e-mails); with ``wal``, in WAL mode, closed cleanly (so no -wal or
    -shm file is left beside it)."""
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE customers (name TEXT, email TEXT)")
    connection.executemany("INSERT INTO customers VALUES (?, ?)",
                           [("Alice Smith", "alice.smith@example.com"), ("Bob Jones", "bob.jones@example.org")])
    connection.commit()
    connection.close()
    return path


def write_fixtures(room: Path) -> None:
    """Write the generated fixtures into ``room``: pdf, pptx, msg, eml with attachments, docx comment."""
    import docx
    import pptx

    (room / "report.pdf").write_bytes(pdf([["Quarterly report", "Prepared by the finance team"],
                                           ["Contact", "Write to mia.scott@example.com for details"]]))
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Customer review"
    slide.placeholders[1].text = "Escalations this quarter"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Key account"
    slide.placeholders[1].text = "Owner: noah.king@example.com"
    slide.notes_slide.notes_text_frame.text = "客户身份证号：110102199101010078"
    deck.save(room / "deck.pptx")
    (room / "mail.msg").write_bytes(outlook_message(
        {"0037": "Quarterly review", "0C1A": "Olivia Baker", "0C1F": "olivia.baker@example.com", "0E04": "Team"},
        "Hello,\n客户手机：13912345678\n", {"ids.txt": "身份证号：110102199101010078\n".encode()}))
    message = EmailMessage()
    message["From"] = "Paul Reed <paul.reed@example.com>"
    message["To"] = "hr@example.org"
    message["Subject"] = "Files"
    message.set_content("See the attached files.\n")
    message.add_attachment(b"name,email\nQuinn Hart,quinn.hart@example.org\n", maintype="text",
                           subtype="csv", filename="staff.csv")
    message.add_attachment(pdf([["Badge holder", "ruby.fox@example.com"]]), maintype="application",
                           subtype="pdf", filename="badge.pdf")
    (room / "files.eml").write_bytes(message.as_bytes())
    document = docx.Document()
    paragraph = document.add_paragraph("Please check the payment terms.")
    document.add_comment(paragraph.runs, text="Ask sam.ross@example.com to confirm", author="Legal")
    document.save(room / "reviewed.docx")
    layered_docx(room / "layout.docx")
    titled_workbook(room / "titled.xlsx")
    macro_workbook(room / "titled.xlsx", room / "titled.xlsm")


def macro_workbook(xlsx: Path, xlsm: Path) -> None:
    """``xlsx`` saved as a macro-enabled workbook: the same parts under the xlsm content type."""
    import zipfile

    types = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    with zipfile.ZipFile(xlsx) as source, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                assert types.encode() in data
                data = data.replace(types.encode(), b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            target.writestr(info, data)


def titled_workbook(path: Path) -> None:
    """An xlsx whose header is on row 3, under a merged title row and an empty row."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet["A1"] = "客户名单 2025"
    sheet.merge_cells("A1:C1")
    for row in (["姓名", "手机", "身份证号"], ["李雷", "13712345678", "110102199101010078"],
                ["韩梅梅", "13812345678", "110105198506121010"]):
        sheet.append(row)
    # append() writes below the last row used; the header must be on row 3, the data after it.
    sheet.move_range("A2:C4", rows=1)
    workbook.save(path)


def layered_docx(path: Path) -> None:
    """A docx with text only in a first-page header, a footer's table and a table nested in a cell."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("Board minutes")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Prepared by lena.moss@example.com"
    section.header.paragraphs[0].text = "Board minutes, continued"
    cells = section.footer.add_table(rows=1, cols=2, width=Cm(16)).rows[0].cells
    cells[0].text, cells[1].text = "Office mobile", "13912345678"
    outer = document.add_table(rows=2, cols=1)
    outer.rows[0].cells[0].text = "Attendees"
    inner = outer.rows[1].cells[0].add_table(rows=1, cols=2)
    inner.rows[0].cells[0].text, inner.rows[0].cells[1].text = "身份证号", "110102199101010078"
    document.save(path)


def legacy_spreadsheets(room: Path, name: str, sheet: str, rows: list[list[str]]) -> None:
    """``name``.xls (Excel 97–2003, xlwt) and ``name``.ods (OpenDocument, odfpy) holding ``rows``."""
    (room / f"{name}.xls").write_bytes(xls([(sheet, rows)]))
    (room / f"{name}.ods").write_bytes(ods([(sheet, rows)]))


def protected_fixtures(room: Path) -> None:
    """Password-protected docx and xlsx (msoffcrypto-tool) and pdf (pypdf), password ``secret``."""
    import docx
    import openpyxl
    from msoffcrypto.format.ooxml import OOXMLFile
    from pypdf import PdfReader, PdfWriter

    document, plain = docx.Document(), io.BytesIO()
    document.add_paragraph("secret contract")
    document.save(plain)
    workbook, sheet = openpyxl.Workbook(), io.BytesIO()
    workbook.active.append(["name"])
    workbook.save(sheet)
    for name, data in (("locked.docx", plain), ("locked.xlsx", sheet)):
        data.seek(0)
        with open(room / name, "wb") as out:
            OOXMLFile(data).encrypt("secret", out)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([["Salary list"]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with open(room / "locked.pdf", "wb") as out:
        writer.write(out)
