"""Local folders: include/exclude globs, links never followed, POSIX exposure, SQLite files as
databases, and a scan that changes nothing it reads."""
from __future__ import annotations

import hashlib
import os
import pwd
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from formats_gen import crm_database, data_room

from conftest import DATA
from scanner.cli import main
from scanner.connectors import SourceOptions
from scanner.connectors.filesystem import FilesystemConnector
from scanner.pipeline import ScanOptions, run_scan
from scanner.records import Item
from scanner.unit import scan_item


def names(root: Path, **options) -> list[str]:
    return [item.name for item in FilesystemConnector(str(root), SourceOptions(**options)).items()]


def scan(root: Path, item: Item) -> dict:
    return {r.item.name: r for r in scan_item(str(root), SourceOptions(), item)}


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "share"
    for relative in ("a.csv", "hr/pay.csv", "hr/notes.txt", "tmp/cache.txt", "Thumbs.db"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x\n")
    return root


@pytest.mark.parametrize("include, exclude, expected", [
    ((), (), ["Thumbs.db", "a.csv", "hr/notes.txt", "hr/pay.csv", "tmp/cache.txt"]),
    (("*.csv",), (), ["a.csv", "hr/pay.csv"]),
    (("hr/*",), ("*.txt",), ["hr/pay.csv"]),
    ((), ("tmp/*", "Thumbs.db"), ["a.csv", "hr/notes.txt", "hr/pay.csv"]),
])
def test_include_and_exclude_globs(tree, include, exclude, expected):
    assert names(tree, include=include, exclude=exclude) == expected


def test_scan_command_takes_include_and_exclude_flags(tree, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["scan", str(tree), "--out", str(out), "--include", "*.csv", "--include",
                                       "*.txt", "--exclude", "tmp/*", "--no-report", "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    (part,) = (out / "items").glob("scan_id=*/part-*.parquet")
    items = pq.read_table(part).column("item").to_pylist()
    assert sorted(items) == ["a.csv", "hr/notes.txt", "hr/pay.csv"]


def test_links_are_reported_and_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("身份证号：110102199101010078\n")
    root = tmp_path / "share"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "inside.txt").write_text("hello\n")
    (root / "out.txt").symlink_to(outside / "secret.txt")
    (root / "outdir").symlink_to(outside)
    (root / "sub" / "loop").symlink_to(root)  # a loop: must neither hang nor be walked
    (root / "same.txt").symlink_to(root / "sub" / "inside.txt")
    (root / "broken.txt").symlink_to(tmp_path / "nothing")
    items = {item.name: item for item in FilesystemConnector(str(root), SourceOptions()).items()}
    assert sorted(items) == ["broken.txt", "out.txt", "outdir", "same.txt", "sub/inside.txt", "sub/loop"]
    reasons = {}
    for name in ("out.txt", "outdir", "sub/loop", "same.txt", "broken.txt"):
        result = scan(root, items[name])[name]
        assert (result.item.kind, result.status, result.findings) == ("link", "skipped", ())
        reasons[name] = result.reason
    assert "out of the scanned folder, not followed" in reasons["out.txt"]
    assert "out of the scanned folder" in reasons["outdir"]
    assert "its target is scanned as sub/inside.txt" in reasons["same.txt"]
    assert "broken" in reasons["broken.txt"]


def test_a_file_swapped_for_a_link_after_listing_is_not_read(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("身份证号：110102199101010078\n")
    (root / "report.txt").write_text("harmless\n")
    item = next(FilesystemConnector(str(root), SourceOptions()).items())
    (root / "report.txt").unlink()
    (root / "report.txt").symlink_to(tmp_path / "secret.txt")
    result = scan(root, item)["report.txt"]
    assert (result.status, result.findings) == ("error", ())
    assert "cannot be opened" in result.reason


@pytest.mark.parametrize("mode, flags", [
    (0o644, " world-readable"), (0o600, ""), (0o666, " world-readable world-writable"), (0o602, " world-writable"),
])
def test_exposure_gives_owner_mode_and_world_access(tmp_path, mode, flags):
    path = tmp_path / "f.txt"
    path.write_text("x\n")
    path.chmod(mode)
    item = next(FilesystemConnector(str(tmp_path), SourceOptions()).items())
    owner, group = pwd.getpwuid(os.getuid()).pw_name, Path(path).group()
    assert item.exposure == f"owner={owner} group={group} mode={mode:04o}{flags}"


def test_sqlite_file_on_a_share_is_scanned_as_a_database(tmp_path):
    root = tmp_path / "share"
    (root / "apps").mkdir(parents=True)
    with sqlite3.connect(root / "apps" / "crm.data") as connection:  # named by content, not by extension
        connection.execute("CREATE TABLE customers (name TEXT, mobile TEXT)")
        connection.executemany("INSERT INTO customers VALUES (?, ?)",
                               [("李雷", "13712345678"), ("韩梅梅", "13812345678"), ("王芳", "13912345678")])
        connection.execute("CREATE TABLE products (sku TEXT)")
    connection.close()
    item = next(FilesystemConnector(str(root), SourceOptions()).items())
    results = scan(root, item)
    assert list(results) == ["apps/crm.data", "apps/crm.data!customers", "apps/crm.data!products"]
    customers = results["apps/crm.data!customers"]
    assert (customers.item.kind, customers.item.source, customers.rows_sampled) == ("table", str(root), 3)
    assert {(f.column, f.location) for f in customers.findings if f.entity_type == "PHONE_NUMBER"} == {
        ("mobile", "row 1"), ("mobile", "row 2"), ("mobile", "row 3")}
    assert "mode=" in customers.item.exposure or "mode " in customers.item.exposure


def _state(root: Path) -> dict[str, tuple[str, int, int]]:
    """Content hash, mtime and atime (nanoseconds) of every file under ``root``, read without touching atimes."""
    state = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            fd = os.open(path, os.O_RDONLY | os.O_NOATIME)  # the test runs as the files' owner
            with os.fdopen(fd, "rb") as handle:
                state[str(path.relative_to(root))] = (hashlib.sha256(handle.read()).hexdigest(),
                                                      info.st_mtime_ns, info.st_atime_ns)
    return state


def _age(path: Path) -> None:
    # An access time older than a day is updated by any plain read, even under `relatime`.
    past = time.time() - 3 * 86400
    os.utime(path, (past, past - 3600))


def _wal_database(path: Path) -> None:
    """A WAL-mode SQLite database, closed cleanly (so no -wal or -shm file is left beside it)."""
    crm_database(path, wal=True)
    assert path.read_bytes()[18:20] == b"\x02\x02" and not Path(f"{path}-wal").exists()


def _scanned_room(tmp_path: Path) -> tuple[Path, dict, dict]:
    """A room of every format (nested archives and SQLite too), aged; its state before and after a scan."""
    room = data_room(tmp_path / "room", DATA / "formats")
    _wal_database(room / "wal.db")
    for path in room.rglob("*"):
        _age(path)
    before = _state(room)
    summary = run_scan([str(room)], tmp_path / "out", ScanOptions())
    assert summary.items["scanned"] > len(before)  # the archive's members too
    return room, before, _state(room)


def test_a_scan_changes_no_content_and_no_modification_time(tmp_path):
    room, before, after = _scanned_room(tmp_path)
    assert {k: v[:2] for k, v in after.items()} == {k: v[:2] for k, v in before.items()}


def test_every_file_of_a_data_room_is_scanned_or_reported_with_a_reason(tmp_path):
    room = data_room(tmp_path / "room", DATA / "formats")
    files = sorted(p.relative_to(room).as_posix() for p in room.rglob("*") if p.is_file())
    run_scan([str(room)], tmp_path / "out", ScanOptions())
    items = [i for part in (tmp_path / "out" / "items").rglob("*.parquet") for i in pq.read_table(part).to_pylist()]
    by_name = {i["item"]: i for i in items}
    # Every file is an item; a database file stands for its tables (crm.db!customers).
    assert [f for f in files if f not in by_name and not any(n.startswith(f + "!") for n in by_name)] == []
    unread = {i["item"]: i["reason"] for i in items if i["status"] != "scanned"}
    assert all(reason and reason.strip() for reason in unread.values()), unread
    assert {"locked.docx", "locked.xlsx", "locked.pdf"} <= set(unread)  # password-protected: skipped, with why
    assert all("password" in unread[name] for name in ("locked.docx", "locked.xlsx", "locked.pdf"))
    scanned = {i["item"] for i in items if i["status"] == "scanned"}
    assert {"archive.zip!2019/backup.tar.gz!old/legacy_gbk.txt", "archive.zip!2019/backup.tar.gz!old/contract.docx",
            "archive.zip!2019/people.csv", "crm.db!customers", "legacy_big5.txt", "deck.pptx", "report.pdf",
            "mail.msg", "customers.ods", "customers.xls", "titled.xlsm"} <= scanned
    found = {(f["item"], f["entity_type"]) for part in (tmp_path / "out" / "findings").rglob("*.parquet")
             for f in pq.read_table(part).to_pylist()}
    assert ("archive.zip!2019/backup.tar.gz!old/legacy_gbk.txt", "CN_RESIDENT_ID") in found  # GBK, two levels down


def test_a_scan_leaves_access_times_alone(tmp_path):
    control = tmp_path / "control.txt"
    control.write_text("x")
    _age(control)
    atime = control.stat().st_atime_ns
    control.read_bytes()
    if control.stat().st_atime_ns == atime:
        pytest.skip("LOUD: this filesystem never updates access times (noatime), so O_NOATIME cannot be checked")
    room, before, after = _scanned_room(tmp_path)
    assert {k: v[2] for k, v in after.items()} == {k: v[2] for k, v in before.items()}


def test_a_wal_mode_sqlite_file_is_read_without_a_trace(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    _wal_database(root / "crm.db")
    _age(root / "crm.db")
    listing, before = sorted(os.listdir(root)), _state(root)
    run_scan([str(root)], tmp_path / "out", ScanOptions())
    assert sorted(os.listdir(root)) == listing  # no crm.db-shm or crm.db-wal created
    assert _state(root) == before  # bytes, mtime and atime (the test runs as the owner: O_NOATIME)
    parts = (tmp_path / "out" / "findings").rglob("*.parquet")
    findings = [f for part in parts for f in pq.read_table(part).to_pylist()]
    assert {(f["item"], f["column"]) for f in findings if f["entity_type"] == "EMAIL_ADDRESS"} == {
        ("crm.db!customers", "email")}


def test_changes_left_in_a_wal_file_are_named_as_not_read(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    _wal_database(root / "crm.db")
    writer = sqlite3.connect(root / "crm.db")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # the new row stays in crm.db-wal
    writer.execute("INSERT INTO customers VALUES ('Carol White', 'carol.white@example.net')")
    writer.commit()
    try:
        item = next(i for i in FilesystemConnector(str(root), SourceOptions()).items() if i.name == "crm.db")
        customers = scan(root, item)["crm.db!customers"]
    finally:
        writer.close()
    assert customers.status == "scanned" and customers.rows_sampled == 2
    assert "crm.db-wal" in customers.reason and "not yet checkpointed" in customers.reason


def test_named_pipes_and_sockets_are_skipped_never_opened(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    (root / "notes.txt").write_text("x\n")
    os.mkfifo(root / "pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "sock"))
    # In a child with a time limit: opening the pipe would wait for a writer forever.
    script = ("import sys; from scanner.pipeline import ScanOptions, run_scan; "
              "run_scan([sys.argv[1]], sys.argv[2], ScanOptions())")
    try:
        subprocess.run([sys.executable, "-c", script, str(root), str(tmp_path / "out")], check=True, timeout=300)
    finally:
        server.close()
    parts = (tmp_path / "out" / "items").rglob("*.parquet")
    items = {i["item"]: (i["status"], i["reason"]) for part in parts for i in pq.read_table(part).to_pylist()}
    assert items == {"notes.txt": ("scanned", None),
                     "pipe": ("skipped", "pipe: named pipe (FIFO), not a regular file"),
                     "sock": ("skipped", "sock: socket, not a regular file")}


def test_file_names_that_are_not_utf8_are_written_readably_and_scanned(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    gbk_folder = os.path.join(os.fsencode(root), "人事".encode("gbk"))  # a legacy share's GBK names
    os.mkdir(gbk_folder)
    for raw in ("名单.txt".encode("gbk"), b"caf\xe9-\xff.txt"):  # GBK; bytes no encoding reads
        with open(os.path.join(gbk_folder, raw), "w") as handle:
            handle.write("联系人邮箱 zhang.wei@example.cn\n")
    summary = run_scan([str(root)], tmp_path / "out", ScanOptions())
    from scanner.store import read_table

    items = {r["item"]: r["status"] for r in read_table(tmp_path / "out", "items", summary.scan_id).to_pylist()}
    assert items == {"人事/名单.txt": "scanned", "人事/caf\\xe9-\\xff.txt": "scanned"}
    findings = read_table(tmp_path / "out", "findings", summary.scan_id).to_pylist()
    assert sorted(f["item"] for f in findings if f["entity_type"] == "EMAIL_ADDRESS") == sorted(items)


def test_a_folder_that_cannot_be_listed_is_an_item_with_the_reason(tmp_path):
    root = tmp_path / "share"
    (root / "hr" / "private").mkdir(parents=True)
    (root / "hr" / "private" / "salaries.txt").write_text("alice@example.com\n")
    (root / "hr" / "open.txt").write_text("bob@example.com\n")
    (root / "hr" / "private").chmod(0)
    # As root every folder can be listed: drop the capabilities that let root ignore permissions.
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "scanner.cli", "scan", str(root), "--out",
                                 str(tmp_path / "out"), "--workers", "1", "--no-report", "--quiet"],
                                capture_output=True, text=True, timeout=300)
    finally:
        (root / "hr" / "private").chmod(0o755)
    assert result.returncode == 0, result.stderr
    (part,) = (tmp_path / "out" / "items").glob("scan_id=*/part-*.parquet")
    items = {i["item"]: (i["kind"], i["status"], i["reason"]) for i in pq.read_table(part).to_pylist()}
    assert items == {
        "hr/open.txt": ("file", "scanned", None),
        "hr/private": ("folder", "error", "hr/private: folder cannot be listed (permission denied); its files "
                                          "were not scanned (run as a user who can read it)")}


def test_a_loop_of_links_is_skipped_with_the_reason(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    os.symlink("b", root / "a")
    os.symlink("a", root / "b")
    results = [r for item in FilesystemConnector(str(root), SourceOptions()).items() for r in scan(root, item).values()]
    assert {(r.item.name, r.status, r.reason) for r in results} == {
        ("a", "skipped", "a: symbolic link in a loop (it leads back to itself), not followed"),
        ("b", "skipped", "b: symbolic link in a loop (it leads back to itself), not followed")}
