"""Connectors list and read items of one source. One module per kind of source, chosen by URI scheme.

Each module declares ``SCHEMES`` (URI schemes; ``""`` for plain paths) and ``CONNECTOR``, a class
built as ``CONNECTOR(uri, options)`` with ``source`` (the URI without credentials), ``items()``
and ``read(item)`` returning bytes (files) or a ``TableSample`` (tables).
"""
from __future__ import annotations

import fnmatch
import functools
import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from scanner.errors import SourceError
from scanner.extract.members import Limits
from scanner.records import Item

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
_PASSWORD = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/@]*@")


@dataclass(frozen=True)
class TableSample:
    """Rows read from a table: the column names travel with the values.

    ``rows`` is a list, or a stream read once (``--full-tables``). ``exact`` says every row of the
    table is in ``rows``; otherwise ``table_rows`` is the table's size from catalog statistics.
    ``sampling`` says how the rows were chosen, with the seed, so that a reader can repeat it.
    ``note`` is what a reader should know about what was not read (the table item's reason).
    ``random`` is False when the rows are simply the first ones a query returned (no key to sample
    by): they support no confidence interval, only the bounds they prove.
    """

    columns: tuple[str, ...]
    rows: Iterable[Sequence[object]]
    table_rows: int | None = None
    exact: bool = False
    sampling: str | None = None
    note: str | None = None
    random: bool = True


@dataclass(frozen=True)
class DatabaseOptions:
    """Which schemas and tables of SQL sources to read (globs), and how long one statement may run."""

    include_schemas: tuple[str, ...] = ()
    exclude_schemas: tuple[str, ...] = ()
    include_tables: tuple[str, ...] = ()  # on the item name: `schema.table`, `table` for SQLite
    exclude_tables: tuple[str, ...] = ()
    statement_timeout_s: int = 60
    sample_seed: int | None = None  # None: a new random seed per scan, recorded in items.sampling


@dataclass(frozen=True)
class SourceOptions:
    sample_rows: int = 10_000
    full_tables: bool = False
    max_file_bytes: int = 100 * 1024 * 1024
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()  # file globs; empty means every file
    databases: DatabaseOptions = DatabaseOptions()
    archives: Limits = Limits()  # its max_member_bytes is replaced by max_file_bytes


def wanted_file(relative: str, options: SourceOptions) -> bool:
    """Whether a file's path relative to the root (with '/') passes the include and exclude globs.

    A glob is matched against the whole relative path (``*`` also crosses '/', so ``*.csv`` matches
    ``hr/2024/pay.csv``) and against the file name alone.
    """
    def matches(patterns: tuple[str, ...]) -> bool:
        name = relative.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(name, p) for p in patterns)

    return (not options.include or matches(options.include)) and not matches(options.exclude)


class Connector(Protocol):
    source: str

    def items(self) -> Iterator[Item]: ...

    def read(self, item: Item) -> bytes | TableSample: ...


@functools.lru_cache(maxsize=1)
def _by_scheme() -> dict[str, type]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for scheme in getattr(module, "SCHEMES", ()):
            found[scheme] = module.CONNECTOR
    return found


def known_schemes() -> set[str]:
    return set(_by_scheme())


def scheme_of(uri: str) -> str:
    """``sqlite`` for ``sqlite:///x.db``, ``postgresql`` for ``postgresql+psycopg://…``, '' for paths."""
    match = _SCHEME.match(uri)
    return match.group(1).split("+")[0].lower() if match else ""


def redact(uri: str) -> str:
    """``uri`` without a password, safe for logs, manifests and reports."""
    return _PASSWORD.sub(r"\1@", uri)


def open_source(uri: str, options: SourceOptions = SourceOptions()) -> Connector:
    """The connector for ``uri``; SourceError names the known schemes on a typo."""
    scheme = scheme_of(uri)
    connector = _by_scheme().get(scheme)
    if connector is None:
        known = ", ".join(sorted(f"{s}://" for s in _by_scheme() if s))
        raise SourceError(f"{uri.split('://')[0]}://: unknown kind of source (known: a local path, {known})")
    return connector(uri, options)
