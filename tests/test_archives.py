"""Archives are read in memory, recursively, under limits; members are items named ``outer!inner``."""
from __future__ import annotations

import gzip
import io
import re
import sqlite3
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from scanner.connectors import SourceOptions
from scanner.errors import ConfigError
from scanner.extract import archive
from scanner.extract.members import Budget, Limits
from scanner.records import Item
from scanner.scanconfig import load_scan_config, scan_options
from scanner.unit import scan_item

ID_LINE = "备注\n身份证号：110102199101010078\n".encode()


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return buffer.getvalue()


def tarred(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as out:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1_700_000_000
            out.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def scan(folder: Path, name: str, options: SourceOptions = SourceOptions()) -> dict:
    path = folder / name
    results = scan_item(str(folder), options, Item(str(folder), name, "file", path.stat().st_size))
    return {r.item.name: r for r in results}


def ids(result) -> list[str]:
    return [f.location for f in result.findings if f.entity_type == "CN_RESIDENT_ID"]


def test_nested_archives_are_named_outer_then_inner(tmp_path):
    inner = zipped({"c.txt": ID_LINE})
    bundle = tarred({"docs/b.zip": inner, "docs/readme.txt": b"nothing here\n"})
    (tmp_path / "a.zip").write_bytes(zipped({"bundle.tar.gz": bundle, "notes/log.txt.gz": gzip.compress(ID_LINE)}))
    results = scan(tmp_path, "a.zip")
    assert list(results) == ["a.zip", "a.zip!bundle.tar.gz", "a.zip!bundle.tar.gz!docs/b.zip",
                             "a.zip!bundle.tar.gz!docs/b.zip!c.txt", "a.zip!bundle.tar.gz!docs/readme.txt",
                             "a.zip!notes/log.txt.gz", "a.zip!notes/log.txt.gz!log.txt"]
    deepest = results["a.zip!bundle.tar.gz!docs/b.zip!c.txt"]
    assert (deepest.status, deepest.item.kind, ids(deepest)) == ("scanned", "archive_member", ["line 2"])
    assert ids(results["a.zip!notes/log.txt.gz!log.txt"]) == ["line 2"]
    assert all(r.status == "scanned" and r.content_hash for r in results.values())
    assert results["a.zip!bundle.tar.gz!docs/readme.txt"].item.modified_at.year == 2023  # the tar's mtime


def test_zip_bomb_is_refused_with_a_reason_and_quickly(tmp_path):
    zeros = b"\0" * (60 * 2**20)  # 60 MB that deflate to about 60 kB: ratio about 1000:1
    (tmp_path / "bomb.zip").write_bytes(zipped({"zeros.bin": zeros, "ok.txt": ID_LINE}))
    started = time.monotonic()
    results = scan(tmp_path, "bomb.zip")
    assert time.monotonic() - started < 10
    bomb = results["bomb.zip!zeros.bin"]
    assert bomb.status == "skipped"
    assert "compression ratio" in bomb.reason and "possible zip bomb" in bomb.reason
    assert ids(results["bomb.zip!ok.txt"]) == ["line 2"]  # the rest of the archive is still read


def test_a_bomb_whose_header_hides_its_size_is_stopped_while_reading():
    # A single gz member has no size in its header: the ratio is judged as it inflates.
    members = list(archive.members(gzip.compress(b"\0" * (20 * 2**20)), "z.bin.gz", Budget(Limits())))
    assert [(m.name, m.data, m.status) for m in members] == [("z.bin", None, "skipped")]
    assert "more than" in members[0].reason and "possible zip bomb" in members[0].reason


def test_total_size_and_member_count_limits():
    data = zipped({f"f{i}.txt": b"x" * 1000 for i in range(5)}, zipfile.ZIP_STORED)
    by_size = list(archive.members(data, "a.zip", Budget(Limits(max_total_bytes=2500))))
    assert [m.data is not None for m in by_size] == [True, True, False, False, False]
    assert "2500" not in by_size[2].reason and "in total was reached" in by_size[2].reason
    by_count = list(archive.members(data, "a.zip", Budget(Limits(max_members=3))))
    assert [m.data is not None for m in by_count] == [True, True, True, False, False]
    assert "limit of 3 members" in by_count[3].reason


def test_archives_nested_too_deep_are_not_opened(tmp_path):
    data = ID_LINE
    for level in range(5, 0, -1):
        data = zipped({f"l{level}.zip" if level < 5 else "deep.txt": data})
    (tmp_path / "l0.zip").write_bytes(data)
    results = scan(tmp_path, "l0.zip")
    names = list(results)
    assert names[-1] == "l0.zip!l1.zip!l2.zip!l3.zip"  # depth 3 is listed but not opened
    assert "nested deeper than 3 archives" in results[names[-1]].reason


def test_archive_limits_come_from_the_scan_configuration(tmp_path):
    (tmp_path / "l0.zip").write_bytes(zipped({"l1.zip": zipped({"deep.txt": ID_LINE})}))
    (tmp_path / "many.zip").write_bytes(zipped({f"f{i}.txt": ID_LINE for i in range(3)}))
    mine = tmp_path / "mine.yaml"
    mine.write_text("scan:\n  archives:\n    max_depth: 1\n    max_members: 2\n")
    values, detectors, label = load_scan_config(mine)
    options = scan_options(values, detectors, label, False).source
    assert options.archives == Limits(max_depth=1, max_members=2)  # the others keep config/scan.yaml's
    assert "nested deeper than 1 archives" in scan(tmp_path, "l0.zip", options)["l0.zip!l1.zip"].reason
    many = scan(tmp_path, "many.zip", options)
    assert [r.status for r in many.values()] == ["scanned", "scanned", "scanned", "skipped"]
    assert ids(scan(tmp_path, "l0.zip")["l0.zip!l1.zip!deep.txt"]) == ["line 2"]  # the defaults go deeper
    for text, message in [("scan:\n  archives:\n    max_ratio: 0\n", "'scan.archives.max_ratio' must be"),
                          ("scan:\n  archives:\n    max_total: 5\n", "unknown key 'scan.archives.max_total'")]:
        mine.write_text(text)
        with pytest.raises(ConfigError, match=re.escape(message)):
            load_scan_config(mine)


def test_encrypted_zip_member_is_skipped_with_a_reason(tmp_path):
    data = bytearray(zipped({"secret.txt": ID_LINE, "open.txt": ID_LINE}))
    # Mark the first member encrypted (general purpose flag bit 0) in its local and central headers.
    data[6] |= 0x01
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x01
    (tmp_path / "mixed.zip").write_bytes(bytes(data))
    results = scan(tmp_path, "mixed.zip")
    assert (results["mixed.zip!secret.txt"].status, results["mixed.zip!secret.txt"].reason) == (
        "skipped", "password-protected zip member")
    assert ids(results["mixed.zip!open.txt"]) == ["line 2"]


def test_links_inside_a_tar_are_reported_not_followed(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as out:
        link = tarfile.TarInfo("passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        out.addfile(link)
    (tmp_path / "links.tar").write_bytes(buffer.getvalue())
    member = scan(tmp_path, "links.tar")["links.tar!passwd"]
    assert (member.status, member.reason) == ("skipped", "link inside the archive (to /etc/passwd), not followed")


@pytest.mark.parametrize("name, data", [
    ("cut.tar.gz", tarred({"a.txt": ID_LINE * 1000})[:200]),
    ("cut.zip", zipped({"a.txt": ID_LINE * 1000, "b.txt": b"x"})[:-30]),
])
def test_a_damaged_archive_is_an_error_with_a_reason(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    result = scan(tmp_path, name)[name]
    assert result.status == "error"
    assert result.reason.startswith(f"{name}: damaged or truncated archive")


def test_sqlite_inside_an_archive_is_reported_not_extracted(tmp_path):
    database = tmp_path / "crm.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE customers (phone TEXT)")
    (tmp_path / "backup.zip").write_bytes(zipped({"crm.db": database.read_bytes()}))
    member = scan(tmp_path, "backup.zip")["backup.zip!crm.db"]
    assert member.status == "skipped"
    assert "SQLite database not read here" in member.reason and "sqlite:///" in member.reason


@pytest.mark.parametrize("mode, name", [("w", "plain.tar"), ("w:bz2", "b.tar.bz2"), ("w:xz", "x.txz")])
def test_every_tar_compression_is_read(tmp_path, mode, name):
    # `tar -C dir .` writes names as ./in/ids.txt: reported without the ./
    (tmp_path / name).write_bytes(tarred({"./in/ids.txt": ID_LINE}, mode))
    assert ids(scan(tmp_path, name)[f"{name}!in/ids.txt"]) == ["line 2"]


@pytest.mark.parametrize("encoded", ["客户名单.txt".encode("gbk"), "客户名单.txt".encode()])
def test_zip_member_names_without_the_utf8_flag_are_decoded(tmp_path, encoded):
    # Chinese Windows zip tools write names in the ANSI code page (GBK) or UTF-8 and leave flag 0x800
    # unset; zipfile reads such names as cp437. The name is written through an ASCII stand-in of the
    # same length, patched in afterwards, since zipfile sets the flag on any name it writes itself.
    stand_in = b"n" * (len(encoded) - 4) + b".txt"
    data = zipped({stand_in.decode(): ID_LINE}).replace(stand_in, encoded)
    (tmp_path / "x.zip").write_bytes(data)
    results = scan(tmp_path, "x.zip")
    assert list(results) == ["x.zip", "x.zip!客户名单.txt"]
    assert ids(results["x.zip!客户名单.txt"]) == ["line 2"]


def test_zip_member_names_in_western_code_pages_stay_cp437(tmp_path):
    name = "résumé.txt"
    stand_in = b"n" * (len(name.encode("cp437")) - 4) + b".txt"
    (tmp_path / "x.zip").write_bytes(zipped({stand_in.decode(): ID_LINE}).replace(stand_in, name.encode("cp437")))
    assert list(scan(tmp_path, "x.zip")) == ["x.zip", "x.zip!résumé.txt"]
