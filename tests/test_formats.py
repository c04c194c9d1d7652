"""One small fixture per format; each must yield its planted values at the right location."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from formats_gen import data_room

from conftest import DATA
from scanner.connectors import SourceOptions
from scanner.extract.encoding import decode
from scanner.records import Item
from scanner.unit import scan_item

FORMATS = DATA / "formats"


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Path:
    """The text fixtures plus every binary format, generated here (binary files are not committed)."""
    return data_room(tmp_path_factory.mktemp("formats"), FORMATS)


def scan(room: Path, name: str):
    return scan_all(room, name)[0]


def scan_all(room: Path, name: str):
    """The results of one file: its own, then those of what it holds (attachments)."""
    path = room / name
    return scan_item(str(room), SourceOptions(), Item(str(room), name, "file", path.stat().st_size))


@pytest.mark.parametrize("name, entity, location, column", [
    ("note_zh.txt", "CN_RESIDENT_ID", "line 2", None),
    ("note_zh.txt", "PHONE_NUMBER", "line 3", None),
    ("app.log", "EMAIL_ADDRESS", "line 1", None),
    ("app.log", "IP_ADDRESS", "line 1", None),
    ("people.csv", "EMAIL_ADDRESS", "row 3", "email"),
    ("people.csv", "PERSON", "row 2", "name"),
    ("order.json", "EMAIL_ADDRESS", "line 2", None),
    ("message.eml", "EMAIL_ADDRESS", "header From", None),
    ("message.eml", "PHONE_NUMBER", "part 1 line 1", None),
    ("legacy_gbk.txt", "CN_RESIDENT_ID", "line 2", None),
    ("contract.docx", "EMAIL_ADDRESS", "paragraph 2", None),
    ("contract.docx", "CN_RESIDENT_ID", "table 1 row 1", None),
    ("customers.xlsx", "PHONE_NUMBER", "客户!B3", "手机号"),
    ("customers.xls", "PHONE_NUMBER", "客户!B3", "手机号"),
    ("customers.ods", "PHONE_NUMBER", "客户!B3", "手机号"),
    ("customers.ods", "PERSON", "客户!A2", "姓名"),
    ("titled.xlsx", "PHONE_NUMBER", "名单!B4", "手机"),
    ("titled.xlsx", "PHONE_NUMBER", "名单!B5", "手机"),
    ("titled.xlsx", "CN_RESIDENT_ID", "名单!C4", "身份证号"),
    ("titled.xlsm", "PHONE_NUMBER", "名单!B5", "手机"),
    ("titled.xlsm", "CN_RESIDENT_ID", "名单!C4", "身份证号"),
    ("legacy_big5.txt", "CN_RESIDENT_ID", "line 2", None),
    ("legacy_big5.txt", "PHONE_NUMBER", "line 3", None),
    ("report.pdf", "EMAIL_ADDRESS", "page 2", None),
    ("deck.pptx", "EMAIL_ADDRESS", "slide 2", None),
    ("deck.pptx", "CN_RESIDENT_ID", "slide 2 notes", None),
    ("mail.msg", "EMAIL_ADDRESS", "header From", None),
    ("mail.msg", "PHONE_NUMBER", "body line 2", None),
    ("files.eml", "EMAIL_ADDRESS", "header From", None),
    ("reviewed.docx", "EMAIL_ADDRESS", "comment 1", None),
    ("layout.docx", "EMAIL_ADDRESS", "section 1 first-page header", None),
    ("layout.docx", "PHONE_NUMBER", "section 1 footer table 1 row 1", None),
    ("layout.docx", "CN_RESIDENT_ID", "table 1 row 2 cell 1 table 1 row 1", None),
    ("page.html", "EMAIL_ADDRESS", "line 6", None),
    ("page.html", "CN_RESIDENT_ID", "line 7", None),
    ("customers.xml", "EMAIL_ADDRESS", "line 5", None),
    ("customers.xml", "PHONE_NUMBER", "line 7", None),
    ("people.tsv", "EMAIL_ADDRESS", "row 3", "email"),
    ("events.jsonl", "EMAIL_ADDRESS", "line 2", None),
    ("notes.md", "EMAIL_ADDRESS", "line 4", None),
])
def test_format_yields_finding_at_location(room, name, entity, location, column):
    result = scan(room, name)
    assert result.status == "scanned", result.reason
    hits = [(f.location, f.column) for f in result.findings if f.entity_type == entity]
    assert (location, column) in hits, hits


def test_text_offsets_point_into_the_extracted_text(room):
    result = scan(room, "note_zh.txt")
    text = (room / "note_zh.txt").read_text(encoding="utf-8")
    finding = next(f for f in result.findings if f.entity_type == "CN_RESIDENT_ID")
    assert text[finding.start:finding.end] == "110102199101010078"


def test_non_pii_column_has_no_findings(room):
    result = scan(room, "people.csv")
    assert not [f for f in result.findings if f.column == "sku"]


def test_legacy_gb18030_decodes_to_the_right_characters():
    assert "诊断：高血压" in decode((FORMATS / "legacy_gbk.txt").read_bytes(), "legacy_gbk.txt")


def test_legacy_big5_decodes_to_the_right_characters():
    text = decode((FORMATS / "legacy_big5.txt").read_bytes(), "legacy_big5.txt")
    assert text.startswith("客戶資料\n身分證字號：110102199101010078\n")


@pytest.mark.parametrize("text", ["客户：王小明\n手机：13912345678\n", "备注：高血压\n",
                                  "姓名 张三 住址 北京市朝阳区\n"])
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_short_gbk_text_is_not_taken_for_korean(text, encoding):
    # charset-normalizer alone reads the first as cp949 (Hangul and stray Chinese characters).
    assert decode(text.encode(encoding), "short.txt") == text


@pytest.mark.parametrize("text", ["客戶：陳大文\n電話：0912345678\n", "備註：高血壓\n", "地址：台北市信義區\n"])
def test_short_big5_text_comes_out_right(text):
    assert decode(text.encode("big5"), "short.txt") == text


@pytest.mark.parametrize("text, encoding", [("お客様：山田太郎\n電話番号：0312345678\n", "shift_jis"),
                                            ("고객: 김철수\n전화: 01012345678\n", "euc_kr")])
def test_japanese_and_korean_stay_what_they_are(text, encoding):
    assert decode(text.encode(encoding), "short.txt") == text


def test_mail_attachments_are_scanned_as_members(room):
    results = {r.item.name: r for r in scan_all(room, "files.eml")}
    assert set(results) == {"files.eml", "files.eml!staff.csv", "files.eml!badge.pdf"}
    assert results["files.eml!staff.csv"].item.kind == "archive_member"
    assert ("row 2", "email") in [(f.location, f.column) for f in results["files.eml!staff.csv"].findings]
    assert "page 1" in [f.location for f in results["files.eml!badge.pdf"].findings
                        if f.entity_type == "EMAIL_ADDRESS"]


def test_msg_attachments_are_scanned_as_members(room):
    results = {r.item.name: r for r in scan_all(room, "mail.msg")}
    ids = results["mail.msg!ids.txt"]
    assert ids.status == "scanned"
    assert [f.location for f in ids.findings if f.entity_type == "CN_RESIDENT_ID"] == ["line 1"]


def test_type_is_decided_by_content_not_extension(room, tmp_path):
    (tmp_path / "scan0001.txt").write_bytes((room / "report.pdf").read_bytes())
    (tmp_path / "export.dat").write_bytes((room / "people.tsv").read_bytes())
    header = b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + header + struct.pack(">I", zlib.crc32(header))
    (tmp_path / "photo.txt").write_bytes(png + bytes(range(256)) * 4)
    pdf = scan(tmp_path, "scan0001.txt")
    assert ("EMAIL_ADDRESS", "page 2") in [(f.entity_type, f.location) for f in pdf.findings]
    assert scan(tmp_path, "export.dat").status == "scanned"
    photo = scan(tmp_path, "photo.txt")  # a PNG header over bytes that are no picture: read as an image
    assert (photo.status, photo.findings) == ("error", ())
    assert photo.reason.startswith("photo.txt: not a readable image (damaged: ")


@pytest.mark.parametrize("name, reason", [
    ("locked.docx", "locked.docx: password-protected docx"),
    ("locked.xlsx", "locked.xlsx: password-protected xlsx"),
    ("locked.pdf", "locked.pdf: password-protected pdf"),
])
def test_password_protected_files_are_skipped_with_a_reason(room, name, reason):
    result = scan(room, name)
    assert (result.status, result.findings) == ("skipped", ())
    assert result.reason.startswith(reason)


def test_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    from formats_gen import pdf
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([["Owner only", "tina.wolf@example.com"]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with open(tmp_path / "restricted.pdf", "wb") as out:
        writer.write(out)
    result = scan(tmp_path, "restricted.pdf")
    assert ("EMAIL_ADDRESS", "page 1") in [(f.entity_type, f.location) for f in result.findings]


def test_xml_bomb_is_refused_with_a_reason(tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10 if i else "ha"}">' for i in range(10))
    (tmp_path / "bomb.xml").write_text(f'<?xml version="1.0"?><!DOCTYPE b [{entities}]><b>&e9;</b>')
    result = scan(tmp_path, "bomb.xml")
    assert result.status == "skipped"
    assert "possible XML bomb" in result.reason


@pytest.mark.parametrize("name, content, status, reason", [
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "error", "photo.png: not a readable image"),
    ("plan.dwg", b"AC1032" + bytes(64), "skipped", "file type not supported yet (image/vnd.dwg"),
    ("broken.docx", b"not a zip at all", "error", "broken.docx: not a readable .docx"),
    ("broken.xlsx", b"PK\x03\x04 garbage", "error", "broken.xlsx: cannot open spreadsheet"),
    ("binary.txt", b"\x00\x01\x02\xff\xfe\x00" * 10, "error", "binary.txt: binary content"),
])
def test_bad_input_becomes_a_coverage_gap_with_a_reason(tmp_path, name, content, status, reason):
    (tmp_path / name).write_bytes(content)
    result = scan(tmp_path, name)
    assert result.status == status
    assert reason in result.reason
    assert result.findings == ()


@pytest.mark.parametrize("encoding, customer, mobile", [("GBK", "客户", "手机"), ("GB2312", "客户", "手机"),
                                                       ("Big5", "客戶", "手機")])
def test_xml_in_a_legacy_chinese_encoding_is_read(tmp_path, encoding, customer, mobile):
    # expat reads no multi-byte encoding but UTF-8/16; such files once failed as "could not be read".
    text = (f'<?xml version="1.0" encoding="{encoding}"?>\n<{customer}>\n  <姓名>王小明</姓名>\n'
            f'  <{mobile}>13912345678</{mobile}>\n  <id>110102199101010078</id>\n</{customer}>\n')
    (tmp_path / "legacy.xml").write_bytes(text.encode(encoding))
    result = scan(tmp_path, "legacy.xml")
    assert result.status == "scanned", result.reason
    hits = {(f.entity_type, f.location) for f in result.findings}
    assert {("PHONE_NUMBER", "line 4"), ("CN_RESIDENT_ID", "line 5")} <= hits, hits


def test_xlsm_is_read_like_xlsx(room):
    def found(name):
        return [(f.location, f.column, f.entity_type) for f in scan(room, name).findings]

    assert found("titled.xlsm") == found("titled.xlsx") != []


@pytest.mark.parametrize("rows, expected", [
    ([["姓名", "手机"], ["李雷", 13712345678]], 0),
    ([["客户名单 2025", ""], ["", ""], ["姓名", "手机"], ["李雷", "13712345678"]], 2),
    ([["手机"], [13712345678]], 0),
    ([[None, ""], ["", None]], None),
    ([["Report by kim.lee@example.com", None], [1, 2], [3, 4]], 0),
])
def test_header_row_is_the_first_with_two_text_cells(rows, expected):
    from scanner.extract.spreadsheet import header_row

    assert header_row(rows) == expected


def test_title_rows_above_the_header_are_still_read(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Prepared by kim.lee@example.com"])
    workbook.active.append(["name", "email"])
    workbook.active.append(["Lee Kim", "lee.kim@example.com"])
    workbook.save(tmp_path / "list.xlsx")
    hits = [(f.location, f.column) for f in scan(tmp_path, "list.xlsx").findings if f.entity_type == "EMAIL_ADDRESS"]
    assert sorted(hits, key=str) == [("Sheet!A1", None), ("Sheet!B3", "email")]


def test_msg_with_only_an_html_body_is_read(tmp_path):
    from formats_gen import outlook_message

    html = ("<html><head><style>p { color: red }</style></head>\n<body>\n<p>Hello,</p>\n"
            "<p>客户手机：13912345678</p>\n</body></html>\n").encode()
    (tmp_path / "html.msg").write_bytes(outlook_message({"0037": "Review"}, None, {}, html=html))
    result = scan(tmp_path, "html.msg")
    assert ("PHONE_NUMBER", "body html line 4") in [(f.entity_type, f.location) for f in result.findings]


def test_msg_with_only_an_rtf_body_says_the_body_was_not_read(tmp_path):
    from formats_gen import outlook_message

    rtf = r"{\rtf1\ansi Phone 13912345678\par}"
    (tmp_path / "rtf.msg").write_bytes(outlook_message({"0C1F": "olivia.baker@example.com"}, None, {}, rtf=rtf))
    results = {r.item.name: r for r in scan_all(tmp_path, "rtf.msg")}
    assert "header From" in [f.location for f in results["rtf.msg"].findings]
    body = results["rtf.msg!(message body)"]
    assert body.status == "skipped"
    assert "compressed RTF" in body.reason and "not read" in body.reason


@pytest.mark.parametrize("encoding, python_name", [("UTF-16", "utf-16"), ("ISO-8859-1", "latin-1"),
                                                   ("utf-8", "utf-8-sig")])
def test_xml_in_other_declared_encodings_is_still_read(tmp_path, encoding, python_name):
    text = (f"<?xml version='1.0' encoding='{encoding}'?>\n<client>\n  <nom>José Müller</nom>\n"
            "  <mail>jose.muller@example.com</mail>\n</client>\n")
    (tmp_path / "other.xml").write_bytes(text.encode(python_name))
    result = scan(tmp_path, "other.xml")
    assert result.status == "scanned", result.reason
    assert ("EMAIL_ADDRESS", "line 4") in [(f.entity_type, f.location) for f in result.findings]


def test_docx_header_linked_to_the_previous_section_is_read_once(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Contact lena.moss@example.com"
    document.add_paragraph("Part one")
    document.add_section()
    document.add_paragraph("Part two")
    assert document.sections[1].header.is_linked_to_previous
    document.save(tmp_path / "two.docx")
    result = scan(tmp_path, "two.docx")
    assert [f.location for f in result.findings if f.entity_type == "EMAIL_ADDRESS"] == ["section 1 header"]
