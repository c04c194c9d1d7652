"""SQL databases through SQLAlchemy: tables listed, rows sampled, opened read-only."""
from __future__ import annotations

import os
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from scanner.connectors import SourceOptions, TableSample
from scanner.errors import SourceError
from scanner.records import Item

SCHEMES = ("sqlite",)
PASSWORD_ENV = "PIIAUDIT_DB_PASSWORD"


def public_url(url: URL) -> str:
    """The URL as it may be shown and stored: never with a password."""
    return url.set(password=None).render_as_string(hide_password=True)


def _engine(url: URL) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:" or not os.path.exists(database):
            raise SourceError(f"{public_url(url)}: no such SQLite database file")
        # mode=ro: SQLite itself refuses every write, whatever a statement would do.
        ro = make_url(f"sqlite:///file:{os.path.abspath(database)}?mode=ro&uri=true")
        return sa.create_engine(ro)
    if url.password is None and os.environ.get(PASSWORD_ENV):
        url = url.set(password=os.environ[PASSWORD_ENV])
    return sa.create_engine(url)


class SqlConnector:
    def __init__(self, uri: str, options: SourceOptions):
        try:
            url = make_url(uri)
        except sa.exc.ArgumentError:
            raise SourceError(f"{uri.split('://')[0]}://…: not a valid database URL") from None
        self.source = public_url(url)
        self.options = options
        self.engine = _engine(url)

    def items(self) -> Iterator[Item]:
        try:
            inspector = sa.inspect(self.engine)
            names = inspector.get_table_names()
        except sa.exc.SQLAlchemyError as exc:
            raise SourceError(f"{self.source}: cannot list tables ({type(exc.orig or exc).__name__})") from None
        for name in sorted(names):
            yield Item(self.source, name, "table")

    def read(self, item: Item) -> TableSample:
        table = sa.table(item.name)  # quoted by SQLAlchemy: a table name is never executed as SQL
        columns = [c["name"] for c in sa.inspect(self.engine).get_columns(item.name)]
        query = sa.select(*[sa.column(c) for c in columns]).select_from(table)
        if not self.options.full_tables:
            query = query.limit(self.options.sample_rows)
        with self.engine.connect() as connection:
            rows = connection.execute(query).fetchall()
        return TableSample(tuple(columns), rows)


CONNECTOR = SqlConnector
