"""A standalone Samba smbd for the test session: its own smb.conf and private folders, on 127.0.0.1 only.

Two shares: ``plain`` (signing only) and ``secure`` (``smb encrypt = required``). smbd must start as root
(it becomes the logged-on user for each session), so the fixture skips loudly when it is not root.
The share folders are empty: a test copies its files in and gives them the modes it needs, because
Samba maps the POSIX "other" permission bits to the Everyone (S-1-1-0) entry of each file's DACL.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from servers.common import free_port, private_dir, run, service_user, stop, wait_until

USER = "piiaudit_smb"
PASSWORD = "smb-test-only-Pw1"
_FOLDERS = ("private", "lock", "state", "cache", "pid", "ncalrpc", "log", "shares/plain", "shares/secure")


@dataclass
class Samba:
    host: str
    port: int
    root: Path  # the folder that holds the share folders
    command: tuple[str, ...] = ()
    process: subprocess.Popen | None = None

    def start(self) -> None:
        # smbd signals its whole process group when it stops: give it its own.
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        wait_until(lambda: self.process.poll() is None and _accepts(self.port), 30, "smbd")

    @contextlib.contextmanager
    def stopped(self):
        """The server stopped (as for a restart) until the block ends, then running again."""
        self.process.terminate()
        self.process.wait(timeout=30)
        try:
            yield
        finally:
            self.start()

    def uri(self, share: str, path: str = "", user: str = USER) -> str:
        return f"smb://{user}@{self.host}:{self.port}/{share}" + (f"/{path}" if path else "")

    def share_dir(self, share: str) -> Path:
        return self.root / "shares" / share


def _config(home: Path, port: int) -> str:
    return f"""[global]
    server role = standalone server
    netbios name = PIIAUDITTEST
    workgroup = PIIAUDIT
    smb ports = {port}
    interfaces = 127.0.0.1
    bind interfaces only = yes
    disable netbios = yes
    server min protocol = SMB2
    passdb backend = tdbsam:{home}/private/passdb.tdb
    private dir = {home}/private
    lock directory = {home}/lock
    state directory = {home}/state
    cache directory = {home}/cache
    pid directory = {home}/pid
    ncalrpc dir = {home}/ncalrpc
    log file = {home}/log/smbd.log
    log level = 1
    map to guest = never
    load printers = no
    printcap name = /dev/null
    disable spoolss = yes
    registry shares = no
    usershare max shares = 0
    wide links = no

[plain]
    path = {home}/shares/plain
    read only = no

[secure]
    path = {home}/shares/secure
    read only = no
    smb encrypt = required
"""


@pytest.fixture(scope="session")
def samba_server():
    smbd = shutil.which("smbd") or ("/usr/sbin/smbd" if Path("/usr/sbin/smbd").exists() else None)
    if smbd is None:
        pytest.skip("!!! Samba smbd not found: install the Debian package 'samba' (`make test-deps` "
                    "does it from tests/apt-packages.txt) — SMB tests NOT RUN !!!")
    if os.geteuid() != 0:
        pytest.skip("!!! smbd must start as root to serve a test user — SMB tests NOT RUN !!!")
    service_user(USER)
    home, port = private_dir("piiaudit-smb-", None), free_port()
    home.chmod(0o755)  # the share folders below must be reachable by the test user
    for folder in _FOLDERS:
        (home / folder).mkdir(parents=True)
    for share in ("plain", "secure"):
        shutil.chown(home / "shares" / share, USER, USER)
    config = home / "smb.conf"
    config.write_text(_config(home, port))
    run(["pdbedit", f"--configfile={config}", "-a", "-u", USER, "-t"], None, input=f"{PASSWORD}\n{PASSWORD}\n")
    server = Samba("127.0.0.1", port, home, (smbd, "--foreground", "--no-process-group", f"--configfile={config}"))
    try:
        server.start()
        yield server
    finally:
        stop(server.process, home)


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False
