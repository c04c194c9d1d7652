"""The SMB connector against a real Samba smbd (tests/servers/samba.py): same findings as a local copy,
exposure from each file's DACL, encryption-required shares, clear errors, no password anywhere, no change."""
from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from formats_gen import data_room
from servers.samba import PASSWORD, USER
from smbprotocol.connection import Connection, Dialects
from smbprotocol.exceptions import AccessDenied
from smbprotocol.security_descriptor import (
    AccessAllowedAce,
    AccessDeniedAce,
    AccessMask,
    AceFlags,
    AclPacket,
    SDControl,
    SIDPacket,
    SMB2CreateSDBuffer,
)
from smbprotocol.session import Session
from smbprotocol.tree import TreeConnect

from conftest import DATA
from scanner.connectors import SourceOptions, open_source
from scanner.connectors.smb import CREDENTIALS_ENV, PASSWORD_ENV
from scanner.connectors.smb_security import exposure
from scanner.errors import ExtractError, SkippedError, SourceError
from scanner.pipeline import ScanOptions, run_scan
from scanner.store import read_table

PRIVATE = "people.csv"  # mode 0640 on the share: Samba gives Everyone no entry in its DACL


def _own(root: Path) -> None:
    """The test user owns everything below ``root``: Samba's DACLs name it as owner."""
    account = pwd.getpwnam(USER)
    for path in [root, *root.rglob("*")]:
        os.lchown(path, account.pw_uid, account.pw_gid)


def _copy_room(room: Path, target: Path) -> Path:
    shutil.copytree(room, target)
    for path in target.iterdir():
        path.chmod(0o640 if path.name == PRIVATE else 0o644)
    return target


def _fingerprints(root: Path) -> dict[str, tuple[str, int, int]]:
    """Contents, mtime and ctime of every file: ctime moves with any change of data or metadata."""
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns,
                                             p.stat().st_ctime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def dataroom(samba_server, tmp_path_factory):
    """The same files on the plain share, the encrypted share and a local folder, each scanned once: the data
    room of every format (tests/formats_gen.py), binary, protected, nested archives and SQLite included."""
    room = data_room(tmp_path_factory.mktemp("room") / "dataroom", DATA / "formats")
    local = _copy_room(room, tmp_path_factory.mktemp("local") / "dataroom")
    for share in ("plain", "secure"):
        _own(_copy_room(room, samba_server.share_dir(share) / "dataroom"))
    before = _fingerprints(samba_server.share_dir("plain") / "dataroom")
    scans = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSWORD_ENV, PASSWORD)
        for name, source in (("local", str(local)), ("plain", samba_server.uri("plain", "dataroom")),
                             ("secure", samba_server.uri("secure", "dataroom"))):
            out = tmp_path_factory.mktemp(f"out-{name}")
            summary = run_scan([source], out, ScanOptions())
            scans[name] = (out, summary.scan_id)
    after = _fingerprints(samba_server.share_dir("plain") / "dataroom")
    return scans, before, after


def _rows(scan, table: str) -> list[dict]:
    out, scan_id = scan
    return read_table(out, table, scan_id).to_pylist()


def _findings(scan) -> set[tuple]:
    return {(f["item"], f["entity_type"], f["location"], f["value_hash"]) for f in _rows(scan, "findings")}


def _coverage(scan) -> set[tuple]:
    return {(i["item"], i["status"], i["reason"], i["content_hash"]) for i in _rows(scan, "items")}


@pytest.mark.parametrize("share", ["plain", "secure"])
def test_share_and_local_copy_give_the_same_findings(dataroom, share):
    scans, _, _ = dataroom
    local = _findings(scans["local"])
    assert {f[1] for f in local} >= {"CN_RESIDENT_ID", "EMAIL_ADDRESS", "PHONE_NUMBER"}
    assert _findings(scans[share]) == local
    assert _coverage(scans[share]) == _coverage(scans["local"])
    assert {"archive.zip!2019/backup.tar.gz!old/legacy_gbk.txt", "crm.db!customers", "deck.pptx", "report.pdf",
            "mail.msg", "customers.xls"} <= {i[0] for i in _coverage(scans[share]) if i[1] == "scanned"}
    assert {i[0] for i in _coverage(scans[share]) if i[1] == "skipped"} >= {"locked.docx", "locked.pdf"}


def test_exposure_flags_everyone_from_the_dacl(dataroom):
    scans, _, _ = dataroom
    exposure_of = {i["item"]: i["exposure"] for i in _rows(scans["plain"], "items")}
    assert exposure_of["order.json"].startswith("Everyone:read; owner S-1-5-21-")
    assert "Everyone" not in exposure_of[PRIVATE]
    assert exposure_of[PRIVATE].startswith("owner S-1-5-21-")


def test_reading_changes_nothing_on_the_server(dataroom):
    _, before, after = dataroom
    assert {"archive.zip", "crm.db", "deck.pptx", "locked.pdf", "order.json"} <= set(before)
    assert after == before


def test_no_password_in_findings_items_or_manifest(dataroom):
    scans, _, _ = dataroom
    for name in ("plain", "secure"):
        out, scan_id = scans[name]
        tables = [read_table(out, t, scan_id).to_pylist() for t in ("findings", "items")]
        manifest = (out / "scans" / f"{scan_id}.json").read_text()
        assert PASSWORD not in json.dumps(tables, default=str) + manifest
        assert all(i["source"].startswith(f"smb://{USER}@127.0.0.1:") for i in tables[1])


def test_the_secure_share_refuses_an_unencrypted_session(samba_server):
    """Proves the encrypted share's scan above was encrypted: SMB 2.1 cannot encrypt and is refused."""
    connection = Connection(uuid.uuid4(), samba_server.host, samba_server.port)
    connection.connect(Dialects.SMB_2_1_0)
    try:
        session = Session(connection, USER, PASSWORD, require_encryption=False)
        session.connect()
        with pytest.raises(AccessDenied):
            TreeConnect(session, rf"\\{samba_server.host}\secure").connect()
        TreeConnect(session, rf"\\{samba_server.host}\plain").connect()  # the plain share is open to it
    finally:
        connection.disconnect()


def test_wrong_password_is_a_clear_error_without_the_password(samba_server, monkeypatch, tmp_path):
    wrong = "Wr0ng-but-secret"
    monkeypatch.setenv(PASSWORD_ENV, wrong)
    uri = samba_server.uri("plain", "dataroom")
    with pytest.raises(SourceError) as error:
        list(open_source(uri).items())
    message = str(error.value)
    assert f"127.0.0.1:{samba_server.port}/plain/dataroom" in message
    assert "logon failed for user piiaudit_smb" in message and PASSWORD_ENV in message
    assert wrong not in message
    summary = run_scan([uri], tmp_path, ScanOptions())  # the pipeline records it as a gap
    [gap] = read_table(tmp_path, "items", summary.scan_id).to_pylist()
    assert gap["status"] == "error" and gap["reason"] == message
    assert wrong not in (tmp_path / "scans" / f"{summary.scan_id}.json").read_text()


def test_unreachable_server_and_missing_share(samba_server, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    closed = samba_server.uri("plain").replace(f":{samba_server.port}/", ":1/")
    with pytest.raises(SourceError, match=r"//127\.0\.0\.1:1/plain: cannot connect .*check the host, the port"):
        list(open_source(closed).items())
    with pytest.raises(SourceError, match=r"/nosuch: no such share on the server: check the share name"):
        list(open_source(samba_server.uri("nosuch")).items())


def test_password_in_the_uri_is_refused_without_echoing_it(samba_server):
    uri = f"smb://{USER}:InUriSecret@127.0.0.1:{samba_server.port}/plain"
    with pytest.raises(SourceError, match=PASSWORD_ENV) as error:
        open_source(uri)
    assert "InUriSecret" not in str(error.value)


@pytest.mark.parametrize("mode, works", [(0o600, True), (0o640, False), (0o604, False)])
def test_credentials_file(samba_server, dataroom, monkeypatch, tmp_path, mode, works):
    credentials = tmp_path / "smb.cred"
    credentials.write_text(f"# scanner account\nusername={USER}\npassword={PASSWORD}\n")
    credentials.chmod(mode)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setenv(CREDENTIALS_ENV, str(credentials))
    uri = f"smb://127.0.0.1:{samba_server.port}/plain/dataroom"  # the user comes from the file
    if works:
        assert sorted(i.name for i in open_source(uri).items()) == sorted(dataroom[1])  # every file, listed
        return
    with pytest.raises(SourceError) as error:
        open_source(uri)
    assert f"mode {mode:03o}); run chmod 600 {credentials}" in str(error.value)
    assert PASSWORD not in str(error.value)


def test_credentials_file_with_an_unknown_line_does_not_quote_it(monkeypatch, tmp_path):
    credentials = tmp_path / "smb.cred"
    credentials.write_text("username=alice\nS3cretWithoutKey\n")
    credentials.chmod(0o600)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setenv(CREDENTIALS_ENV, str(credentials))
    with pytest.raises(SourceError, match="line 2: expected username=, password= or domain=") as error:
        open_source("smb://fileserver/share")
    assert "S3cret" not in str(error.value)


def test_links_are_not_followed_out_of_the_root_nor_round_a_loop(samba_server, monkeypatch):
    root = samba_server.share_dir("plain") / "links"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.txt").write_text("b")
    (root / "sub" / "loop").symlink_to("..")
    (root / "etc").symlink_to("/etc")
    (root / "passwd").symlink_to("/etc/passwd")
    _own(root)
    (root / "locked").mkdir(mode=0o700)  # owned by root: the test user cannot list it
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    connector = open_source(samba_server.uri("plain", "links"))
    items = {i.name: i for i in connector.items()}
    # Samba 4.17 hides links out of the share (wide links = no) and shows the one inside as a folder.
    assert {n: i.kind for n, i in items.items()} == {"a.txt": "file", "sub/b.txt": "file", "locked": "folder",
                                                     "sub/loop": "loop"}
    with pytest.raises(ExtractError, match="locked: folder not scanned, it cannot be listed .*access denied"):
        connector.read(items["locked"])
    with pytest.raises(SkippedError, match=r"^sub/loop: folder reached again through a link on the server"):
        connector.read(items["sub/loop"])


def test_include_and_exclude_globs_max_size_and_a_single_file(samba_server, dataroom, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    only_json = open_source(samba_server.uri("plain", "dataroom"), SourceOptions(include=("*.json",)))
    assert {i.name for i in only_json.items()} == {"order.json"}
    connector = open_source(samba_server.uri("plain", "dataroom"), SourceOptions(exclude=("*.log",),
                                                                                  max_file_bytes=100))
    items = {i.name: i for i in connector.items()}
    assert "app.log" not in items and "order.json" in items
    assert connector.read(items["order.json"]) == (DATA / "formats" / "order.json").read_bytes()
    local = open_source(str(DATA / "formats"), SourceOptions(max_file_bytes=100))
    with pytest.raises(SkippedError) as over_smb:  # skipped as locally, not an error
        connector.read(items["message.eml"])
    with pytest.raises(SkippedError) as over_local:
        local.read(next(i for i in local.items() if i.name == "message.eml"))
    assert str(over_smb.value) == str(over_local.value) == (
        "message.eml: larger than the 0 MB limit (raise scan.max_file_mb to read it)")
    single = open_source(samba_server.uri("plain", "dataroom/order.json"))
    [item] = single.items()
    assert item.name == "order.json" and item.exposure.startswith("Everyone:read")
    assert single.read(item) == (DATA / "formats" / "order.json").read_bytes()


# --- the DACL summary, on descriptors built with smbprotocol's own structures -------------------------

OWNER = "S-1-5-21-1-2-3-1104"
READ, WRITE = 0x00120089, 0x00120116  # FILE_GENERIC_READ, FILE_GENERIC_WRITE


def _descriptor(*aces, dacl: bool = True) -> bytes:
    acl = AclPacket()
    acl["aces"] = [_ace(*a) for a in aces]
    descriptor = SMB2CreateSDBuffer()
    descriptor["control"].set_flag(SDControl.SELF_RELATIVE)
    descriptor.set_owner(_sid(OWNER))
    if dacl:
        descriptor.set_dacl(acl)
        descriptor["control"].set_flag(SDControl.DACL_PRESENT)  # also for an empty ACL
    return descriptor.pack()


def _ace(kind: str, sid: str, mask: int, flags: int = 0):
    ace = AccessAllowedAce() if kind == "allow" else AccessDeniedAce()
    ace["sid"], ace["mask"], ace["ace_flags"] = _sid(sid), mask, flags
    return ace


def _sid(text: str) -> SIDPacket:
    sid = SIDPacket()
    sid.from_string(text)
    return sid


@pytest.mark.parametrize("aces, expected", [
    ([("allow", OWNER, 0x001F01FF), ("allow", "S-1-1-0", READ)], f"Everyone:read; owner {OWNER}"),
    ([("allow", "S-1-5-11", AccessMask.GENERIC_ALL)], f"Authenticated Users:full; owner {OWNER}"),
    ([("allow", "S-1-5-32-545", READ | WRITE)], f"BUILTIN\\Users:read+write; owner {OWNER}"),
    ([("allow", "S-1-5-21-7-8-9-513", AccessMask.GENERIC_READ)], f"Domain Users:read; owner {OWNER}"),
    ([("deny", "S-1-1-0", WRITE), ("allow", "S-1-1-0", READ | WRITE)], f"Everyone:read; owner {OWNER}"),
    ([("deny", "S-1-1-0", READ), ("allow", "S-1-1-0", READ)], f"owner {OWNER}"),
    ([("allow", "S-1-1-0", READ, AceFlags.INHERIT_ONLY_ACE)], f"owner {OWNER}"),  # for children only
    ([("allow", "S-1-1-0", 0x00120080)], f"owner {OWNER}"),  # attributes and READ_CONTROL: no data
    ([("allow", "S-1-5-21-7-8-9-512", READ)], f"owner {OWNER}"),  # Domain Admins are not broad
    ([], f"owner {OWNER}"),
])
def test_exposure_summary(aces, expected):
    assert exposure(_descriptor(*aces)) == expected


def test_no_dacl_means_everyone_has_full_access():
    assert exposure(_descriptor(dacl=False)) == f"Everyone:full (no DACL); owner {OWNER}"


def test_a_sqlite_file_on_the_share_gives_the_same_tables_as_the_local_copy(samba_server, monkeypatch, tmp_path):
    local = tmp_path / "apps"
    local.mkdir()
    with sqlite3.connect(local / "crm.data") as connection:  # told by content, not by name
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE customers (name TEXT, email TEXT, mobile TEXT)")
        connection.executemany("INSERT INTO customers VALUES (?, ?, ?)", [
            ("Alice Smith", "alice.smith@example.com", "13712345678"),
            ("Bob Jones", "bob.jones@example.org", "13812345678")])
    connection.close()
    shutil.copytree(local, samba_server.share_dir("plain") / "apps")
    _own(samba_server.share_dir("plain") / "apps")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    scans = {}
    for name, source in (("local", str(local)), ("smb", samba_server.uri("plain", "apps"))):
        out = tmp_path / f"out-{name}"
        scans[name] = (out, run_scan([source], out, ScanOptions()).scan_id)
    tables = {(i["item"], i["kind"], i["status"], i["rows_sampled"]) for i in _rows(scans["smb"], "items")}
    assert tables == {("crm.data", "file", "scanned", None), ("crm.data!customers", "table", "scanned", 2)}
    assert {f[1] for f in _findings(scans["smb"])} >= {"EMAIL_ADDRESS", "PHONE_NUMBER"}
    assert _findings(scans["smb"]) == _findings(scans["local"])
    assert sorted(p.name for p in (samba_server.share_dir("plain") / "apps").iterdir()) == ["crm.data"]


def test_a_file_server_stopped_mid_scan_fails_only_the_files_left(samba_server, dataroom, monkeypatch, tmp_path):
    import smbclient

    from scanner.pipeline import Progress
    from scanner.unit import _connector

    class StopAfterFirstFile(Progress):
        stop = None

        def finished(self, result):
            if self.stop is None:
                self.stop = samba_server.stopped()
                self.stop.__enter__()

    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    progress = StopAfterFirstFile()
    try:
        summary = run_scan([samba_server.uri("plain", "dataroom")], tmp_path, ScanOptions(), progress)
    finally:
        progress.stop.__exit__(None, None, None)
        # The cached sessions died with the server: later tests connect anew.
        _connector.cache_clear()
        smbclient.reset_connection_cache()
    items = read_table(tmp_path, "items", summary.scan_id).to_pylist()
    assert items[0]["status"] != "error"
    later = [i for i in items[1:] if "!" not in i["item"]]  # the files on the share, not what they hold
    assert later and all(i["status"] == "error" for i in later)
    assert [i["reason"] for i in later if not i["reason"].startswith(f"{i['item']}: could not be read over SMB (")
            ] == []
    assert PASSWORD not in json.dumps(items, default=str)
