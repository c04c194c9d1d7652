"""Fuzzing: damaged copies of a fixture of every format, through every extractor and the whole walk of
scanner.contents. Each gives text or raises our own error with a reason naming the item; no parser's
exception escapes, nothing runs away. Examples are derandomized and bounded, so CI is reproducible."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import time
from pathlib import Path

import pytest
from formats_gen import data_room
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from scanner.contents import scan_contents
from scanner.errors import ScanError
from scanner.extract import _modules, extractors
from scanner.extract.members import Budget, Limits
from scanner.records import Item, ItemResult

# One fixture per format the extractors know (scanner/extract/__init__.py), by file name.
FIXTURES = ("app.log", "order.json", "events.jsonl", "notes.md", "legacy_gbk.txt", "people.csv", "people.tsv",
            "customers.xml", "page.html", "files.eml", "mail.msg", "report.pdf", "contract.docx", "deck.pptx",
            "customers.xlsx", "customers.xls", "customers.ods", "locked.docx", "archive.zip", "bundle.tar",
            "bundle.tar.gz", "bundle.tar.bz2", "bundle.tar.xz", "people.csv.gz", "people.csv.bz2", "people.csv.xz",
            "photo.png")
# Seconds any one extractor may take on one damaged file of a few KB: far above what a sound one needs.
SLOW = 10.0
SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory) -> dict[str, bytes]:
    room = data_room(tmp_path_factory.mktemp("fuzz"), DATA / "formats")
    files = {path.name: path.read_bytes() for path in room.iterdir() if path.is_file()}
    members = {"people.csv": files["people.csv"], "contract.docx": files["contract.docx"]}
    for mode, suffix in (("w", ""), ("w:gz", ".gz"), ("w:bz2", ".bz2"), ("w:xz", ".xz")):
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode=mode) as tar:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        files[f"bundle.tar{suffix}"] = buffer.getvalue()
    for compress, suffix in ((gzip.compress, ".gz"), (bz2.compress, ".bz2"), (lzma.compress, ".xz")):
        files[f"people.csv{suffix}"] = compress(files["people.csv"])
    files["photo.png"] = _photo()
    return {name: files[name] for name in FIXTURES}


def _photo() -> bytes:
    """A small picture with a line of text: what survives the damage goes on to OCR."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 40), "white")
    ImageDraw.Draw(image).text((8, 12), "Phone 13800138000", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_every_format_has_a_fixture():
    suffixes = {Path(name).suffix for name in FIXTURES}
    assert {m.__name__.rsplit(".", 1)[-1] for m in _modules()} == {
        extractors()[s].__name__.rsplit(".", 1)[-1] for s in suffixes} | {"protected"}


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` with a few byte flips, cuts, insertions and deletions, anywhere in it."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        kind = draw(st.sampled_from(("flip", "truncate", "insert", "delete")))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[at:at + draw(st.integers(1, 512))]
    return bytes(data)


def _read(module, data: bytes, name: str) -> None:
    """Everything ``module`` makes of ``data``: our error with the item's name, or text."""
    started = time.monotonic()
    try:
        if hasattr(module, "extract"):
            assert all(isinstance(chunk.text, str) for chunk in module.extract(data, name))
        if hasattr(module, "members"):
            for member in module.members(data, name, Budget(Limits(max_member_bytes=2**20))):
                assert member.data is not None or member.reason
    except ScanError as exc:
        assert name in str(exc), f"{module.__name__}: {exc!r} does not name the item"
    assert time.monotonic() - started < SLOW, module.__name__


def _analyse(item: Item, chunks) -> ItemResult:
    """No detection (the fuzz is for the extractors): the chunks read to their end."""
    assert all(isinstance(chunk.text, str) for chunk in chunks)
    return ItemResult(item, "scanned")


def _tables(item: Item, data: bytes) -> list[ItemResult]:
    return []


@pytest.mark.parametrize("fixture", FIXTURES)
def test_damaged_files_give_text_or_our_error(fixtures, fixture):
    suffix = Path(fixture).suffix

    @SETTINGS
    @given(damaged(fixtures[fixture]))
    def check(data):
        for module in _modules():
            _read(module, data, f"fuzzed{suffix}")
        item = Item("fuzz", f"fuzzed{suffix}", "file", len(data))
        for result in scan_contents(item, data, Limits(max_member_bytes=2**20), _analyse, _tables):
            assert result.status in ("scanned", "skipped", "error")
            # contents.failure() says this of foreign exceptions: an extractor must say more.
            assert "could not be read (" not in (result.reason or ""), result.reason

    check()
