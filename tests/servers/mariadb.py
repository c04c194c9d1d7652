"""A MariaDB server for the test session: mariadb-install-db + mariadbd, on 127.0.0.1 only."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from servers.common import free_port, missing_server, private_dir, run, service_user, stop, wait_until


@dataclass(frozen=True)
class MariaDB:
    host: str
    port: int
    socket: Path  # root logs in through the socket (unix_socket or empty password), never over TCP

    def url(self, user: str, password: str | None, database: str = "crm") -> str:
        secret = f":{password}" if password else ""
        return f"mysql+pymysql://{user}{secret}@{self.host}:{self.port}/{database}"

    def root(self):
        import pymysql

        return pymysql.connect(unix_socket=str(self.socket), user="root", autocommit=True, charset="utf8mb4")


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def mariadb_server():
    server_bin, install_db = _binary("mariadbd", "mysqld"), _binary("mariadb-install-db", "mysql_install_db")
    if not server_bin or not install_db:
        missing_server("MariaDB", "mariadb-server")
    user = service_user("mysql")
    home = private_dir("piiaudit-mariadb-", user)
    data, port, sock = home / "data", free_port(), home / "mysqld.sock"
    as_user = [f"--user={user}"] if user else []
    run([install_db, "--no-defaults", f"--datadir={data}", "--auth-root-authentication-method=normal",
         "--skip-test-db", *as_user], None)
    process = subprocess.Popen(
        [server_bin, "--no-defaults", f"--datadir={data}", f"--socket={sock}", f"--port={port}",
         "--bind-address=127.0.0.1", f"--pid-file={home / 'mysqld.pid'}", f"--log-error={home / 'error.log'}",
         "--skip-log-bin", "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M", *as_user],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server = MariaDB("127.0.0.1", port, sock)
        wait_until(lambda: process.poll() is None and _accepts(server), 60, "MariaDB")
        yield server
    except RuntimeError:
        log = (home / "error.log").read_text(errors="replace") if (home / "error.log").exists() else ""
        raise RuntimeError(f"MariaDB did not start:\n{log[-3000:]}") from None
    finally:
        stop(process, home)


def _accepts(server: MariaDB) -> bool:
    import pymysql

    try:
        server.root().close()
        return True
    except pymysql.err.OperationalError:
        return False
