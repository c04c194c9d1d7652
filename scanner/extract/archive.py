"""Archives: zip, tar (plain, gz, bz2, xz) and single gz/bz2/xz files, read in memory member by member.

Members are never extracted to disk; each is read through ``Budget`` (scanner/extract/members.py),
which refuses zip bombs by size and compression ratio. Links inside archives are not followed.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import PurePosixPath

from scanner.errors import ExtractError
from scanner.extract.members import Budget, Member

EXTENSIONS = (".zip", ".tar", ".tgz", ".gz", ".tbz2", ".bz2", ".txz", ".xz")
MIME_TYPES = ("application/zip", "application/x-tar", "application/gzip", "application/x-bzip2",
              "application/x-xz")
_COMPRESSED = {b"\x1f\x8b": lambda f: gzip.GzipFile(fileobj=f), b"BZh": bz2.BZ2File, b"\xfd7zXZ\x00": lzma.LZMAFile}
# CJK ideographs (with extension A), CJK punctuation and full-width forms.
_CHINESE = (("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"), ("\u3000", "\u303f"), ("\uff00", "\uffef"))
# What a damaged member raises while it is inflated (bz2 raises RuntimeError on some damaged streams).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, lzma.LZMAError, tarfile.TarError, RuntimeError)


def members(data: bytes, name: str, budget: Budget) -> Iterator[Member]:
    try:
        yield from _members(data, name, budget)
    except (*_DAMAGED, ValueError) as exc:
        raise ExtractError(f"{name}: damaged or truncated archive ({type(exc).__name__}: {exc})") from None


def _members(data: bytes, name: str, budget: Budget) -> Iterator[Member]:
    if zipfile.is_zipfile(io.BytesIO(data)):
        yield from _zip_members(data, budget)
        return
    opener = next((o for magic, o in _COMPRESSED.items() if data.startswith(magic)), None)
    head = opener(io.BytesIO(data)).read(tarfile.BLOCKSIZE) if opener else data[:tarfile.BLOCKSIZE]
    if _is_tar_header(head):
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            # The whole archive's size stands for each member's compressed size: a plain tar's
            # ratio is then at most 1, a compressed one's is what inflating it would cost.
            yield from _tar_members(archive, len(data), budget)
        return
    if opener is None:
        raise ValueError("not a zip, tar, gz, bz2 or xz archive")
    inner = PurePosixPath(name.rsplit("!", 1)[-1]).stem  # report.csv.gz holds report.csv
    yield _guarded(lambda: budget.read(opener(io.BytesIO(data)), inner, len(data)), inner)


def _is_tar_header(block: bytes) -> bool:
    """A valid tar header (checksum included): tarfile alone takes any short or zero block for an empty tar."""
    try:
        tarfile.TarInfo.frombuf(block, "utf-8", "surrogateescape")
    except tarfile.HeaderError:
        return False
    return True


def _zip_members(data: bytes, budget: Budget) -> Iterator[Member]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            modified, name = _zip_time(info), _clean(_zip_name(info))
            if info.flag_bits & 0x1:
                yield Member(name, None, info.file_size, modified, "password-protected zip member")
                continue
            reason = budget.refusal(info.file_size, info.compress_size)
            if reason:
                yield Member(name, None, info.file_size, modified, reason)
                continue

            def read(info=info, name=name):
                with archive.open(info) as stream:
                    return budget.read(stream, name, info.compress_size)
            yield replace(_guarded(read, name), modified_at=modified)


def _tar_members(archive: tarfile.TarFile, compressed: int, budget: Budget) -> Iterator[Member]:
    for info in archive:
        name = _clean(info.name)
        if info.issym() or info.islnk():
            yield Member(name, None, reason=f"link inside the archive (to {info.linkname}), not followed")
            continue
        if not info.isfile():  # directories and devices hold no content of their own
            continue
        modified = datetime.fromtimestamp(info.mtime, tz=UTC)
        reason = budget.refusal(info.size, compressed)
        if reason:
            yield Member(name, None, info.size, modified, reason)
            if info.offset_data + info.size > budget.limits.max_total_bytes:
                # Reaching the next header would mean inflating past the limit only to skip it.
                yield Member("…", None, reason="not read: the rest of the archive lies beyond the "
                             f"{budget.limits.max_total_bytes // 2**20} MB limit")
                return
            continue
        yield replace(_guarded(lambda info=info, name=name: budget.read(archive.extractfile(info), name, compressed),
                               name), modified_at=modified)


def _guarded(read, name: str) -> Member:
    """The member read, or an error member saying why it could not be."""
    try:
        return read()
    except NotImplementedError as exc:  # zipfile: a compression method it does not know
        return Member(name, None, reason=f"not read: {exc}", status="skipped")
    except _DAMAGED as exc:
        return Member(name, None, reason=f"damaged archive member ({type(exc).__name__}: {exc})", status="error")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it.

    Without the UTF-8 flag (0x800) zipfile reads a name as cp437, but Chinese Windows tools write
    their ANSI code page (GBK) there, and some write UTF-8 without setting the flag. The raw bytes
    are tried as strict UTF-8, then as GB18030 when that gives only Chinese characters (GB18030
    decodes most byte strings, so a western cp437 name must not become a jumble of them).
    """
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # a name zipfile decoded otherwise (metadata_encoding)
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            name = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or all(c.isascii() or _is_chinese(c) for c in name):
            return name
    return info.filename


def _is_chinese(char: str) -> bool:
    return any(low <= char <= high for low, high in _CHINESE)


def _clean(name: str) -> str:
    """``./docs/a.txt`` and ``/docs/a.txt`` as ``docs/a.txt``: a member's name, not a place on disk."""
    while name.startswith(("./", "/")):
        name = name.removeprefix(".").lstrip("/")
    return name


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time, tzinfo=UTC)
    except ValueError:  # zip tools write zeros when they do not know
        return None
