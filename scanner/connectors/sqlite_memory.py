"""SQLite files opened in memory from their bytes: SQLite never opens the file on the source.

Opening a file by path, even with ``mode=ro``, lets SQLite create ``x.db-shm`` and ``x.db-wal``
beside a WAL-mode database and change the file's access time. Instead the connector reads the bytes
as it reads any file (locally O_NOFOLLOW and O_NOATIME, on SMB a read-only open, both within
``max_file_mb``) and they are loaded into a private in-memory database that refuses writes.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

_FORMAT_VERSIONS = slice(18, 20)  # header bytes: 1 1 rollback journal, 2 2 write-ahead log (WAL)


def connect(data: bytes) -> sqlite3.Connection:
    """A read-only in-memory database holding a copy of a SQLite file's bytes."""
    image = bytearray(data)
    if image[_FORMAT_VERSIONS] == b"\x02\x02":
        # An in-memory database cannot use a WAL (SQLite refuses to open the image); the image is a
        # whole database without one, so it is read as a rollback-journal database.
        image[_FORMAT_VERSIONS] = b"\x01\x01"
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.deserialize(image)
    connection.execute("PRAGMA query_only=ON")
    return connection


def engine(load: Callable[[], bytes]) -> sa.Engine:
    """An engine over the one in-memory copy of the bytes ``load`` returns, read on first use."""
    return sa.create_engine("sqlite://", creator=lambda: connect(load()), poolclass=sa.pool.StaticPool)


def wal_note(path: Path) -> str | None:
    """Why a database's newest changes were not read: they sit in its ``-wal`` file, not in the file."""
    wal = Path(f"{path}-wal")
    try:
        size = wal.lstat().st_size
    except OSError:
        return None
    if not size:
        return None
    return (f"{wal.name} holds changes not yet checkpointed into the database: they were not read "
            "(rows committed since the last checkpoint may be missing)")
