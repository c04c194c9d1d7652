"""A PostgreSQL server for the test session: initdb + pg_ctl as a non-root user, on 127.0.0.1 only."""
from __future__ import annotations

import contextlib
import glob
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from servers.common import free_port, missing_server, private_dir, run, service_user, wait_until

SUPERUSER = "pgadmin"
SUPERUSER_PASSWORD = "pgadmin-test-only"


@dataclass(frozen=True)
class Postgres:
    host: str
    port: int
    pg_ctl: tuple[str, ...] = ()  # pg_ctl and its options, to stop and start the server in a test
    user: str | None = None

    @contextlib.contextmanager
    def stopped(self):
        """The server stopped (as for a restart) until the block ends, then running again."""
        run([*self.pg_ctl, "-m", "fast", "-w", "stop"], self.user)
        try:
            yield
        finally:
            run([*self.pg_ctl, "-w", "-t", "60", "start"], self.user)
            wait_until(lambda: _accepts(self), 30, "PostgreSQL")

    def url(self, user: str = SUPERUSER, password: str | None = SUPERUSER_PASSWORD, database: str = "postgres") -> str:
        secret = f":{password}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@{self.host}:{self.port}/{database}"


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def postgres_server():
    bindir = _bindir()
    if bindir is None:
        missing_server("PostgreSQL", "postgresql")
    user = service_user("postgres")
    home = private_dir("piiaudit-pg-", user)
    data, port = home / "data", free_port()
    (home / "pwfile").write_text(SUPERUSER_PASSWORD + "\n")
    if user:
        shutil.chown(home / "pwfile", user, user)
    run([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, f"--pwfile={home / 'pwfile'}",
         "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8"], user)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {home} -c fsync=off -c shared_buffers=32MB"
    pg_ctl = (str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "log"))
    run([*pg_ctl, "-w", "-t", "60", "start"], user)
    try:
        server = Postgres("127.0.0.1", port, pg_ctl, user)
        wait_until(lambda: _accepts(server), 30, "PostgreSQL")
        yield server
    finally:
        run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user)
        shutil.rmtree(home, ignore_errors=True)


def _accepts(server: Postgres) -> bool:
    import psycopg

    try:
        psycopg.connect(host=server.host, port=server.port, user=SUPERUSER, password=SUPERUSER_PASSWORD,
                        dbname="postgres", connect_timeout=2).close()
        return True
    except psycopg.OperationalError:
        return False
