"""OCR of images and scanned PDF pages (scanner/extract/image.py, pdf.py): images rendered here with
Pillow and a Noto CJK font, read by the real Tesseract, scanned through the whole item path."""
from __future__ import annotations

import io
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from stdnum.cn import ric

from bench.pdf import pdf
from scanner.connectors import SourceOptions
from scanner.extract.image import normalise, ocr_lines
from scanner.records import Item
from scanner.unit import scan_item

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# calc_check_digit reads the first 17 of 18 characters.
RESIDENT_ID = "11010519850312123" + ric.calc_check_digit("11010519850312123?")


def _page(rows: list[str], size=(900, 480), background="white", mode="RGB") -> Image.Image:
    font = ImageFont.truetype(CJK_FONT, 28)
    image = Image.new(mode, size, background)
    draw = ImageDraw.Draw(image)
    for number, row in enumerate(rows):
        draw.text((40, 30 + number * 80), row, fill="black", font=font)
    return image


def id_card() -> Image.Image:
    """An ID-card-like layout: the resident ID on its fifth line."""
    return _page(["姓名  张伟", "性别  男    民族  汉", "出生  1985年3月12日", "住址  北京市朝阳区建国路88号",
                  f"公民身份号码  {RESIDENT_ID}"], background=(236, 242, 248))


def english_note(background=(0, 0, 0, 0)) -> Image.Image:
    """Transparent by default: the text must still come out black on white."""
    return _page(["Customer record", "Contact person: Michael Johnson", "Email: jane.doe@example.com",
                  "Phone: +1 415 555 0132"], background=background, mode="RGBA")


def price_tags() -> Image.Image:
    """A decoy: product prices and a red shape, no personal information."""
    image = _page(["有机苹果 ¥12.80/斤", "Fresh milk 1L  $3.49", "特价 买二送一", "SKU 4006381333931"],
                  size=(700, 340), background=(250, 240, 210))
    ImageDraw.Draw(image).ellipse((500, 80, 660, 240), fill=(200, 60, 40))
    return image


def _save(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def scan(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    return scan_item(str(tmp_path), SourceOptions(), Item(str(tmp_path), name, "file", len(data)))[0]


def found(result, entity: str) -> list[str]:
    assert result.status == "scanned", result.reason
    return [f.location for f in result.findings if f.entity_type == entity]


@pytest.mark.parametrize("name, fmt, options", [
    ("id.jpg", "JPEG", {"quality": 80}),
    ("id.png", "PNG", {}),
    ("id.bmp", "BMP", {}),
    ("id.webp", "WEBP", {"quality": 80}),
    ("id.gif", "GIF", {}),
    ("id.tif", "TIFF", {"compression": "tiff_lzw"}),
    ("id_card_copy", "PNG", {}),  # no extension: the content says it is an image
])
def test_resident_id_on_an_id_card_image_is_found_with_its_line(tmp_path, name, fmt, options):
    result = scan(tmp_path, name, _save(id_card().convert("RGB" if fmt != "GIF" else "P"), fmt, **options))
    assert found(result, "CN_RESIDENT_ID") == ["line 5"]
    finding = next(f for f in result.findings if f.entity_type == "CN_RESIDENT_ID")
    assert finding.masked_value.startswith("1101") and finding.masked_value.endswith(RESIDENT_ID[-4:])


def test_every_page_of_a_tiff_is_read(tmp_path):
    data = _save(english_note("white").convert("RGB"), "TIFF", save_all=True, append_images=[id_card()])
    result = scan(tmp_path, "scans.tif", data)
    assert found(result, "CN_RESIDENT_ID") == ["page 2 line 5"]
    assert found(result, "EMAIL_ADDRESS") == ["page 1 line 3"]


def test_english_text_on_a_transparent_image(tmp_path):
    result = scan(tmp_path, "note.png", _save(english_note(), "PNG"))
    assert found(result, "EMAIL_ADDRESS") == ["line 3"]
    assert found(result, "PHONE_NUMBER") == ["line 4"]
    assert "line 2" in found(result, "PERSON")


def test_a_photo_with_prices_gives_no_person_or_id(tmp_path):
    result = scan(tmp_path, "shelf.jpg", _save(price_tags(), "JPEG", quality=85))
    entities = {f.entity_type for f in result.findings}
    assert result.status == "scanned"
    assert not entities & {"PERSON", "CN_RESIDENT_ID", "CN_PASSPORT", "PHONE_NUMBER", "CREDIT_CARD"}, entities


def test_a_huge_image_is_shrunk_before_ocr(tmp_path):
    # 4 x 4 times the card: 6.9 million pixels becomes about 9 million at most, text still legible.
    big = id_card().resize((900 * 4, 480 * 4), Image.Resampling.NEAREST)
    result = scan(tmp_path, "big.png", _save(big, "PNG"))
    assert found(result, "CN_RESIDENT_ID") == ["line 5"]


def test_a_huge_jpeg_is_decoded_small_and_read(tmp_path):
    big = id_card().convert("RGB").resize((900 * 5, 480 * 5), Image.Resampling.NEAREST)
    result = scan(tmp_path, "big.jpg", _save(big, "JPEG", quality=85))
    assert found(result, "CN_RESIDENT_ID") == ["line 5"]


def test_a_decompression_bomb_is_skipped_with_its_reason(tmp_path):
    # A PNG header claiming 20,000 x 20,000 pixels: refused before any pixel is decoded.
    def chunk(kind: bytes, body: bytes = b"") -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND"))
    result = scan(tmp_path, "bomb.png", data)
    assert result.status == "skipped"
    assert result.reason == ("bomb.png: image of more than 178,956,970 pixels, not read "
                             "(a possible decompression bomb)")


def test_an_icon_too_small_for_text_is_not_sent_to_ocr():
    # One Tesseract call takes 0.3 s to start: fifty in under a second were not made.
    started = time.monotonic()
    assert [ocr_lines(Image.new("RGB", (200, 9), "black"), "spacer.gif") for _ in range(50)] == [[]] * 50
    assert time.monotonic() - started < 1.0


def test_a_damaged_image_is_an_error_with_its_reason(tmp_path):
    data = _save(id_card(), "PNG")
    result = scan(tmp_path, "cut.png", data[:len(data) // 3])
    assert result.status == "error"
    assert result.reason.startswith("cut.png: not a readable image (damaged: ")


def _image_pdf(image: Image.Image) -> bytes:
    return _save(image.convert("RGB"), "PDF", resolution=150)


def test_a_pdf_page_without_text_is_ocrd_and_one_with_text_is_not(tmp_path):
    text_page = PdfReader(io.BytesIO(pdf([["Signed copy of the employee's ID card, see the attached scan."]])))
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_image_pdf(id_card()))))  # page 1: a scan, no text layer
    writer.append(PdfReader(io.BytesIO(_image_pdf(id_card()))))  # page 2: the same scan under a text layer
    writer.pages[1].merge_page(text_page.pages[0])
    out = io.BytesIO()
    writer.write(out)
    result = scan(tmp_path, "hr.pdf", out.getvalue())
    assert found(result, "CN_RESIDENT_ID") == ["page 1 line 5"]
    assert not [f for f in result.findings if f.location.startswith("page 2 line")]


@pytest.mark.parametrize("line, expected", [
    ("１３８００１３８０００", "13800138000"),  # full-width digits
    (f"公民身份号码 {RESIDENT_ID[:6]} {RESIDENT_ID[6:14]} {RESIDENT_ID[14:]}", f"公民身份号码 {RESIDENT_ID}"),
    (f"{RESIDENT_ID[:-1]}Ｘ", f"{RESIDENT_ID[:-1]}X"),
    ("110105 19850312 1231", "110105 19850312 1231"),  # checksum fails: spaces kept
    ("订单 1234 5678 9012 3456 78", "订单 1234 5678 9012 3456 78"),
    ("姓 名  张 伟", "姓名张伟"),  # Tesseract's spaces between Chinese characters
    ("Jane  Doe", "Jane  Doe"),
])
def test_normalise(line, expected):
    assert normalise(line) == expected


def test_a_huge_pdf_page_is_rendered_within_the_pixel_cap():
    # A 200-inch square page at 300 dpi would be a 3.6 GB bitmap: under a 1.5 GB address-space limit
    # only a page rendered at the capped scale can be read.
    writer = PdfWriter()
    writer.add_blank_page(width=14400, height=14400)
    out = io.BytesIO()
    writer.write(out)
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20)); "
            "from scanner.extract import pdf; print(len(list(pdf.extract(sys.stdin.buffer.read(), 'big.pdf'))))")
    run = subprocess.run([sys.executable, "-c", code], input=out.getvalue(), capture_output=True, timeout=120)
    assert (run.returncode, run.stdout.strip()) == (0, b"0"), run.stderr[-500:]
