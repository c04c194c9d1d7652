"""Images through Tesseract OCR (Chinese + English): the text of each frame, located as ``line N``, or
``page P line N`` in a multi-page TIFF. ``ocr_lines`` also reads the text-less pages of a PDF (pdf.py).

Tesseract was chosen over rapidocr-onnxruntime by measurement (README, "Images and scanned pages"):
both read every ID, mobile, name and e-mail of the rendered test images exactly, but Tesseract took
about a third of the time on one core and keeps the spaces between English words that name detection
needs, and it comes from Debian with no model download.
"""
from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator

from PIL import Image, ImageSequence
from stdnum.cn import ric

from scanner.errors import ExtractError, SkippedError
from scanner.extract.chunking import text_chunks
from scanner.extract.damage import damaged_as_error
from scanner.records import Chunk

EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".gif")
MIME_TYPES = ("image/jpeg", "image/png", "image/tiff", "image/bmp", "image/x-ms-bmp", "image/webp", "image/gif")
LANGUAGES = "chi_sim+eng"
# An A4 page at 300 dpi is 8.7 million pixels, which Tesseract reads well; bigger scans are shrunk to
# this, since more pixels cost time and memory without more text.
MAX_PIXELS = 9_000_000
# Tesseract reads no text under about 10 pixels high: icons, spacers and tracking pixels are not sent
# to it (each call costs 0.3 s of start-up).
MIN_SIDE = 10
# Tesseract starts one OpenMP thread per core by default; the scan already runs one worker per core.
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}

_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
# Tesseract's Chinese model often puts a space between two Chinese characters ("张 伟").
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
# 18 characters of a resident ID with spaces read into it; joined only when the checksum then holds.
_SPACED_ID = re.compile(r"(?<![\dXx])\d(?: ?\d){16} ?[\dXx](?![\dXx])")


def extract(data: bytes, name: str) -> Iterator[Chunk]:
    yield from text_chunks(_lines(data, name))


def _lines(data: bytes, name: str) -> Iterator[tuple[str, str]]:
    with damaged_as_error(name, "not a readable image (damaged: {error})"):
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError:
            raise SkippedError(f"{name}: image of more than {2 * Image.MAX_IMAGE_PIXELS:,} pixels, not "
                               "read (a possible decompression bomb)") from None
        if image.format == "JPEG":
            # JPEG decodes at 1/2, 1/4 or 1/8 scale for almost nothing: a huge scan is never decoded whole.
            image.draft("L", _fitted_size(image.size))
        # Every page of a TIFF; the first frame of an animated GIF or WebP, which is the picture.
        # (The iterator seeks the one image object from frame to frame: each is read before the next.)
        pages = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
        frames = ImageSequence.Iterator(image) if pages > 1 else [image]
        for page, frame in enumerate(frames, start=1):
            prefix = f"page {page} " if pages > 1 else ""
            for number, line in enumerate(ocr_lines(frame, name), start=1):
                yield f"{prefix}line {number}", line


@functools.lru_cache(maxsize=1)
def tesseract() -> str | None:
    """Tesseract's path, when it and its Chinese data are installed."""
    path = shutil.which("tesseract")
    if path is None:
        return None
    listed = subprocess.run([path, "--list-langs"], capture_output=True, text=True, env=_ENV, check=False)
    return path if "chi_sim" in listed.stdout.split() else None


def ocr_lines(image: Image.Image, name: str) -> list[str]:
    """The non-empty lines Tesseract reads in ``image``, normalised (see ``normalise``)."""
    if min(image.size) < MIN_SIDE:
        return []
    path = tesseract()
    if path is None:
        raise SkippedError(f"{name}: OCR needs Tesseract with its Chinese data (apt-get install "
                           "tesseract-ocr tesseract-ocr-chi-sim)")
    # --psm 6 (one block of text, line by line): the automatic layout analysis (--psm 3) cut the
    # rendered ID card's birth-date line into two garbled lines.
    png = io.BytesIO()
    _fit(_grey(image)).save(png, "PNG")
    run = subprocess.run([path, "stdin", "stdout", "-l", LANGUAGES, "--psm", "6"], input=png.getvalue(),
                         capture_output=True, env=_ENV, check=False)
    if run.returncode:
        raise ExtractError(f"{name}: OCR failed (tesseract exit code {run.returncode})")
    lines = run.stdout.decode("utf-8", errors="replace").splitlines()
    return [normalise(line) for line in lines if line.strip()]


def normalise(line: str) -> str:
    """Full-width digits to ASCII, spaces between Chinese characters dropped, and spaces inside an
    18-character run joined when it is then a valid resident ID; nothing else is guessed."""
    line = _CJK_SPACE.sub("", line.translate(_FULL_WIDTH).strip())

    def join(found: re.Match[str]) -> str:
        joined = found.group().replace(" ", "")
        # The check digit only: ric.is_valid also wants the county to have existed at the birth date.
        return joined if ric.calc_check_digit(joined) == joined[-1].upper() else found.group()
    return _SPACED_ID.sub(join, line)


def _grey(image: Image.Image) -> Image.Image:
    # A transparent background would turn black: lay the picture on white first.
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
    return image.convert("L")


def _fitted_size(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    if width * height <= MAX_PIXELS:
        return size
    scale = (MAX_PIXELS / (width * height)) ** 0.5
    return max(1, int(width * scale)), max(1, int(height * scale))


def _fit(image: Image.Image) -> Image.Image:
    size = _fitted_size(image.size)
    return image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
