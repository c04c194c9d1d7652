"""SQL databases through SQLAlchemy: tables listed with who can read them, rows sampled, read-only.

Sessions are read-only and time-bounded (``sql_dialects``), grants come from the server's catalogs
(``sql_exposure``). Table and column names always go through SQLAlchemy's quoting: a table named
``x"; DROP TABLE y; --`` is read, never executed.
"""
from __future__ import annotations

import contextlib
import fnmatch
import os
import secrets
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from scanner.connectors import SourceOptions, TableSample, sql_exposure, sqlite_memory
from scanner.connectors.filesystem import read_file
from scanner.connectors.sql_dialects import dialect_for
from scanner.errors import ScanError, SourceError
from scanner.records import Item

SCHEMES = ("sqlite", "postgresql", "mysql", "mariadb", "mssql", "oracle")
PASSWORD_ENV = "PIIAUDIT_DB_PASSWORD"
# The driver used when a URL names none (`postgresql://…`); SQLAlchemy's own defaults are not installed.
DEFAULT_DRIVERS = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql", "mssql": "pymssql",
                   "oracle": "oracledb"}
EXTRAS = {"pymssql": "mssql", "oracledb": "oracle"}  # setup.cfg extras that install the optional drivers
STREAM_BATCH = 1_000  # rows fetched per round trip from a server-side cursor


def public_url(url: URL) -> str:
    """The URL as it may be shown and stored: never with a password, not even a masked one."""
    # URL.set(password=None) keeps the password ("not given"); the NamedTuple's _replace drops it.
    return url._replace(password=None).render_as_string(hide_password=True)


def _parse(uri: str) -> URL:
    try:
        url = make_url(uri)
    except sa.exc.ArgumentError:
        raise SourceError(f"{uri.split('://')[0]}://…: not a valid database URL") from None
    if "+" not in url.drivername and url.drivername in DEFAULT_DRIVERS:
        url = url.set(drivername=f"{url.drivername}+{DEFAULT_DRIVERS[url.drivername]}")
    return url


class SqlConnector:
    def __init__(self, uri: str, options: SourceOptions, *, load: Callable[[], bytes] | None = None,
                 file_exposure: str | None = None, note: str | None = None):
        """``uri`` names the database; a SQLite file is read as bytes by ``load`` (by default from
        its path, within ``max_file_mb``) into memory, with ``file_exposure`` and ``note`` for its tables."""
        url = _parse(uri)
        self.source = public_url(url)
        self.options = options
        self.dialect = dialect_for(url.get_backend_name())
        self._url = url
        self._password = None
        self._sqlite = url.get_backend_name() == "sqlite"
        self._file_exposure, self._note = file_exposure, note
        seed = options.databases.sample_seed
        self.seed = seed if seed is not None else secrets.randbelow(2**31)
        if self._sqlite:
            self.engine = sqlite_memory.engine(load) if load else self._sqlite_engine(url.database or "")
            return
        if url.password is None and os.environ.get(PASSWORD_ENV):
            url = self._url = url.set(password=os.environ[PASSWORD_ENV])
        self._password = url.password
        try:
            self.engine = self.dialect.engine(url, options.databases.statement_timeout_s)
        except ModuleNotFoundError as exc:
            extra = EXTRAS.get(exc.name or "")
            hint = f"pip install 'piiaudit[{extra}]'" if extra else f"pip install {exc.name}"
            raise SourceError(f"{self.source}: the database driver {exc.name} is not installed ({hint})") from None

    def _sqlite_engine(self, database: str) -> sa.Engine:
        """The file read as the folder connector reads files, into memory (sqlite_memory); SQLite opens
        it in place, immutable, only when it is larger than ``max_file_mb``."""
        path = Path(database).expanduser().resolve()  # a link the user named is followed, as a folder root is
        if database in ("", ":memory:") or not path.is_file():
            raise SourceError(f"{self.source}: no such SQLite database file")
        self._file_exposure = self._file_exposure or sql_exposure.sqlite_file(str(path))
        self._note = self._note or sqlite_memory.wal_note(path)
        max_bytes = self.options.max_file_bytes
        if path.stat().st_size > max_bytes:
            # Too large to copy into memory. immutable=1: no lock, no journal, no -shm or -wal created;
            # mode=ro: SQLite refuses every write. Only the access time may change.
            in_place = (f"larger than the {max_bytes // 2**20} MB limit for reading into memory: opened in place "
                        "by SQLite, immutable and read-only (its access time may change)")
            self._note = "; ".join(filter(None, (in_place, self._note)))
            url = make_url(f"sqlite:///file:{urllib.parse.quote(str(path))}?mode=ro&immutable=1&uri=true")
            return self.dialect.engine(url, self.options.databases.statement_timeout_s)

        def load() -> bytes:
            try:
                return read_file(path, str(path), max_bytes)
            except ScanError as exc:
                raise SourceError(f"{self.source}: {exc}") from None
        return sqlite_memory.engine(load)

    def connect(self) -> sa.Connection:
        """A connection whose transactions are read-only and whose statements are time-bounded."""
        return self.engine.connect()

    def items(self) -> Iterator[Item]:
        with self._errors("cannot list tables"):
            inspector = sa.inspect(self.engine)
            tables = sorted(((schema, name) for schema in self._schemas(inspector)
                             for name in inspector.get_table_names(schema=schema)
                             if self._wanted_table(schema, name)), key=lambda t: (t[0] or "", t[1]))
            exposure = self._exposure(tables)
            versions = self._versions(tables)
        for schema, name in tables:
            yield Item(self.source, self._item_name(schema, name), "table", exposure=exposure.get((schema, name)),
                       version=versions.get((schema, name)))

    def _versions(self, tables: list[tuple[str | None, str]]) -> dict:
        """What changes with each table (incremental scans): the catalog's counters, or for a SQLite
        file its size and modification time, which every committed change moves."""
        if self._sqlite:
            path = Path(self._url.database or "").expanduser()
            if not path.is_file():
                return {}  # a database read from bytes (inside a file on a share): its file decides
            info = path.stat()
            return dict.fromkeys(tables, f"file size={info.st_size} mtime_ns={info.st_mtime_ns}")
        try:
            with self.connect() as connection:
                return self.dialect.versions(connection)
        except sa.exc.SQLAlchemyError:
            return {}  # without them every table is simply read again

    def read(self, item: Item) -> TableSample:
        schema, name = self._split(item.name)
        with self._errors(f"{item.name}: cannot read the table"):
            inspector = sa.inspect(self.engine)
            columns = [c["name"] for c in inspector.get_columns(name, schema=schema)]
            table = sa.table(name, *map(sa.column, columns), schema=schema)
            key = _integer_key(inspector, table)
            if self.options.full_tables:
                return TableSample(tuple(columns), self._stream(item, table), exact=True,
                                   sampling="every row (--full-tables)", note=self._note)
            with self.connect() as connection:
                return TableSample(tuple(columns), **self._sample(connection, table, key), note=self._note)

    def _sample(self, connection: sa.Connection, table: sa.TableClause, key) -> dict:
        limit = self.options.sample_rows
        table_rows = self.dialect.row_count(connection, table)
        if table_rows <= limit:
            rows = connection.execute(sa.select(*table.c).limit(limit)).fetchall()
            if len(rows) < limit:
                return {"rows": rows, "table_rows": len(rows), "exact": True, "sampling": f"every row ({len(rows)})"}
            return {"rows": rows, "table_rows": table_rows, "random": False,
                    "sampling": f"first {limit} rows (catalog statistics said {table_rows} rows)"}
        rows, sampling, at_random = self.dialect.sample(connection, table, key, limit, self.seed, table_rows)
        return {"rows": rows, "table_rows": table_rows, "sampling": sampling, "random": at_random}

    def _stream(self, item: Item, table: sa.TableClause) -> Iterator[tuple]:
        """Every row through a server-side cursor, a batch at a time: never the whole table in memory."""
        with self._errors(f"{item.name}: reading every row stopped"), self.connect() as connection:
            self.dialect.unbounded(connection, True)
            result = connection.execution_options(yield_per=STREAM_BATCH).execute(sa.select(*table.c))
            try:
                for row in result:
                    yield tuple(row)
            finally:  # also when the reader stops early: the pooled session gets its timeout back
                result.close()
                self.dialect.unbounded(connection, False)

    def _schemas(self, inspector: sa.Inspector) -> list[str | None]:
        wanted = self.options.databases
        return [s for s in self.dialect.schemas(inspector, self._url)
                if s is None or (_matches(s, wanted.include_schemas, True)
                                 and not _matches(s, wanted.exclude_schemas, False))]

    def _wanted_table(self, schema: str | None, name: str) -> bool:
        wanted, item = self.options.databases, self._item_name(schema, name)
        return _matches(item, wanted.include_tables, True) and not _matches(item, wanted.exclude_tables, False)

    def _exposure(self, tables: list[tuple[str | None, str]]) -> dict:
        if self._sqlite:
            return dict.fromkeys(tables, self._file_exposure)
        reader = {"postgresql": sql_exposure.postgres, "mysql": sql_exposure.mysql,
                  "mariadb": sql_exposure.mysql}.get(self._url.get_backend_name())
        if reader is None:
            return dict.fromkeys(tables, f"not determined for {self._url.get_backend_name()}")
        with self.connect() as connection:
            return reader(connection, tables)

    def _item_name(self, schema: str | None, name: str) -> str:
        return name if schema is None else f"{schema}.{name}"

    def _split(self, item_name: str) -> tuple[str | None, str]:
        if self._sqlite:
            return None, item_name
        schema, _, name = item_name.partition(".")
        return schema, name

    @contextlib.contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        """Database errors as SourceError: the driver's first line, never the password."""
        try:
            yield
        except sa.exc.SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
            if self._password:
                detail = detail.replace(self._password, "***")
            kind = type(getattr(exc, "orig", None) or exc).__name__
            raise SourceError(f"{self.source}: {what} ({kind}: {detail})") from None


def _integer_key(inspector: sa.Inspector, table: sa.TableClause):
    """The table's one-column integer primary key, to sample by key ranges; None when it has none."""
    key = inspector.get_pk_constraint(table.name, schema=table.schema).get("constrained_columns") or []
    if len(key) != 1:
        return None
    types = {c["name"]: c["type"] for c in inspector.get_columns(table.name, schema=table.schema)}
    return table.c[key[0]] if isinstance(types.get(key[0]), sa.Integer) else None


def _matches(name: str, patterns: tuple[str, ...], empty: bool) -> bool:
    """``name`` matches one of the globs; ``empty`` when there are none (include all, exclude none)."""
    return any(fnmatch.fnmatchcase(name, p) for p in patterns) if patterns else empty


CONNECTOR = SqlConnector
