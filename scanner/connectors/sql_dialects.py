"""What differs between database servers: read-only sessions, timeouts, row counts and sampling.

One small class per dialect, picked by SQLAlchemy's backend name. Every statement is built with
SQLAlchemy constructs, so identifiers are quoted by the dialect and values are bound parameters.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import sqlalchemy as sa

# Key-range sampling: at most this many random starts, each reading a run of consecutive keys.
MAX_RANGES = 20
MIN_RANGE_ROWS = 100
# TABLESAMPLE returns a varying count of rows: ask for a little more, then LIMIT.
OVERSAMPLE = 1.2
# SYSTEM picks whole pages: on a table of a few pages it often picks none. Up to this size
# BERNOULLI (row by row, reading every page) is cheap; above it SYSTEM reads at least MIN_PAGES.
BERNOULLI_MAX_PAGES = 1_000  # 8 MB
MIN_PAGES = 32


@dataclass(frozen=True)
class Sample:
    rows: list
    table_rows: int | None
    exact: bool
    sampling: str


class Dialect:
    """Defaults that hold for any SQLAlchemy dialect: exact counts, primary-key range seeks."""

    system_schemas: frozenset[str] = frozenset({"information_schema"})

    def engine(self, url: sa.URL, timeout_s: int) -> sa.Engine:
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", lambda dbapi, record: self.on_connect(dbapi, timeout_s))
        return engine

    def on_connect(self, dbapi_connection, timeout_s: int) -> None:
        """Make every transaction of a new session read-only and bound its statements' time."""

    def schemas(self, inspector: sa.Inspector, url: sa.URL) -> list[str | None]:
        """The schemas to list tables from, before the user's include/exclude."""
        return sorted(s for s in inspector.get_schema_names()
                      if s not in self.system_schemas and not s.startswith("pg_"))

    def unbounded(self, connection: sa.Connection, on: bool) -> None:
        """Lift (``on``) or restore the statement timeout for one long full-table stream."""

    def row_count(self, connection: sa.Connection, table: sa.TableClause) -> int | None:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()

    def versions(self, connection: sa.Connection) -> dict[tuple[str | None, str], str]:
        """Per (schema, table), what the catalog says changes whenever the table's rows do (incremental
        scans compare it); a table missing here is always read again."""
        return {}

    def sample(self, connection: sa.Connection, table: sa.TableClause, key: sa.ColumnElement | None,
               limit: int, seed: int, table_rows: int) -> tuple[list, str, bool]:
        """The sampled rows, how they were chosen, and whether at random."""
        if key is None:
            rows = connection.execute(sa.select(*table.c).limit(limit)).fetchall()
            return rows, f"first {limit} rows (no integer primary key to sample by)", False
        return *key_ranges(connection, table, key, limit, seed), True


def key_ranges(connection: sa.Connection, table: sa.TableClause, key: sa.ColumnElement, limit: int,
               seed: int) -> tuple[list, str]:
    """Runs of consecutive keys from random starting keys: index seeks, never a sort of the table."""
    low, high = connection.execute(sa.select(sa.func.min(key), sa.func.max(key)).select_from(table)).one()
    ranges = max(1, min(MAX_RANGES, limit // MIN_RANGE_ROWS))
    per_range = math.ceil(limit / ranges)
    description = (f"primary-key ranges: {ranges} random starts on {key.name}, up to {per_range} rows each, "
                   f"seed {seed}")
    if low is None:
        return [], description
    generator = random.Random(seed)
    rows: list = []
    last = None
    for start in sorted(generator.randint(int(low), int(high)) for _ in range(ranges)):
        # A start inside the run already read continues after it, so no row is read twice.
        condition = key > last if last is not None and start <= last else key >= start
        query = sa.select(key, *table.c).where(condition).order_by(key).limit(min(per_range, limit - len(rows)))
        batch = connection.execute(query).fetchall()
        if batch:
            last = batch[-1][0]
            rows.extend(tuple(row[1:]) for row in batch)
        if len(rows) >= limit:
            break
    return rows, description


class Postgres(Dialect):
    system_schemas = frozenset({"information_schema", "pg_catalog", "pg_toast"})

    def on_connect(self, dbapi_connection, timeout_s: int) -> None:
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", (f"{timeout_s}s",))
        dbapi_connection.autocommit = False

    def row_count(self, connection, table):
        found = connection.execute(sa.text(
            "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relname = :name"), {"schema": table.schema, "name": table.name}).scalar()
        if found is None or found < 0:  # never analysed: no statistics yet
            return super().row_count(connection, table)
        return int(found)

    def versions(self, connection):
        # The statistics system's counts of rows inserted, updated and deleted: they move with every
        # committed change (and start again only when statistics are reset, which reads all again). MySQL's
        # UPDATE_TIME is not used: to the second, and lost at restart, it could hide a change.
        if connection.exec_driver_sql("SHOW track_counts").scalar() != "on":
            return {}
        rows = connection.exec_driver_sql(
            "SELECT schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables")
        return {(schema, name): f"pg_stat ins={i} upd={u} del={d}" for schema, name, i, u, d in rows}

    def sample(self, connection, table, key, limit, seed, table_rows):
        pages = connection.execute(sa.text(
            "SELECT c.relpages FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relname = :name"), {"schema": table.schema, "name": table.name}).scalar()
        fraction = limit * OVERSAMPLE / max(table_rows, 1)
        method = "BERNOULLI" if (pages or 0) <= BERNOULLI_MAX_PAGES else "SYSTEM"
        if method == "SYSTEM":
            fraction = max(fraction, MIN_PAGES / pages)
        percent = min(100.0, 100.0 * fraction)
        # Literals, not bind parameters: TABLESAMPLE wants real and float8 and both are our own numbers.
        sampled = sa.tablesample(table, getattr(sa.func, method.lower())(sa.literal_column(f"{percent:.6f}")),
                                 seed=sa.literal_column(str(seed)))
        # The LIMIT must not keep just the first pages sampled: shuffle the sample (only the sample,
        # never the table) by a hash of each row's physical address and the seed, so it repeats.
        shuffle = sa.literal_column(f"md5(ctid::text || ':{int(seed)}')")
        rows = connection.execute(sa.select(*sampled.c).order_by(shuffle).limit(limit)).fetchall()
        return rows, f"TABLESAMPLE {method} ({percent:.4g}) REPEATABLE ({seed}) LIMIT {limit}", True


class MySQL(Dialect):
    system_schemas = frozenset({"information_schema", "mysql", "performance_schema", "sys"})

    def on_connect(self, dbapi_connection, timeout_s: int) -> None:
        with dbapi_connection.cursor() as cursor:
            # Every later transaction of the session starts as START TRANSACTION READ ONLY.
            cursor.execute("SET SESSION TRANSACTION READ ONLY")
            cursor.execute("SELECT VERSION()")
            self._mariadb = "mariadb" in cursor.fetchone()[0].lower()
            cursor.execute(self._timeout_sql(timeout_s))
        self._timeout_s = timeout_s

    def schemas(self, inspector, url):
        # A URL naming a database means that database (MySQL's schema); without one, every one visible.
        return [url.database] if url.database else super().schemas(inspector, url)

    def _timeout_sql(self, seconds: int) -> str:
        if getattr(self, "_mariadb", False):
            return f"SET SESSION max_statement_time = {int(seconds)}"
        return f"SET SESSION max_execution_time = {int(seconds) * 1000}"

    def unbounded(self, connection, on):
        # The whole streamed SELECT is one statement here: the timeout would cut a full table short.
        connection.exec_driver_sql(self._timeout_sql(0 if on else self._timeout_s))

    def row_count(self, connection, table):
        found = connection.execute(sa.text(
            "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = :schema AND TABLE_NAME = :name"),
            {"schema": table.schema, "name": table.name}).scalar()
        return super().row_count(connection, table) if found is None else int(found)


class SQLite(Dialect):
    def schemas(self, inspector, url):
        return [None]  # item names are bare table names

    def sample(self, connection, table, key, limit, seed, table_rows):
        # Every ordinary SQLite table has an integer rowid to seek on, declared key or not; a table
        # created WITHOUT ROWID and keyed by text has none (pragma_table_list, SQLite 3.37+, says which).
        if key is None:
            without_rowid = connection.execute(sa.text("SELECT wr FROM pragma_table_list WHERE name = :name"),
                                               {"name": table.name}).scalar()
            if without_rowid:
                return super().sample(connection, table, None, limit, seed, table_rows)
            key = sa.column("rowid")
        return *key_ranges(connection, table, key, limit, seed), True


class Oracle(Dialect):
    def schemas(self, inspector, url):
        return [inspector.default_schema_name]  # the account's own schema, not the dictionary's dozens

    def engine(self, url, timeout_s):
        engine = super().engine(url, timeout_s)
        # Oracle has no read-only session setting: each transaction is made read-only as it begins.
        sa.event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("SET TRANSACTION READ ONLY"))
        return engine

    def on_connect(self, dbapi_connection, timeout_s):
        dbapi_connection.call_timeout = timeout_s * 1000


class SqlServer(Dialect):
    system_schemas = frozenset({"information_schema", "sys", "guest", "INFORMATION_SCHEMA"})

    def engine(self, url, timeout_s):
        # SQL Server has no read-only transaction: reading only relies on a db_datareader account.
        return sa.create_engine(url, connect_args={"timeout": timeout_s})


DIALECTS: dict[str, type[Dialect]] = {
    "postgresql": Postgres, "mysql": MySQL, "mariadb": MySQL, "sqlite": SQLite, "oracle": Oracle, "mssql": SqlServer,
}


def dialect_for(backend: str) -> Dialect:
    return DIALECTS.get(backend, Dialect)()
