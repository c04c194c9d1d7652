"""SQL sources without a server: URLs, drivers, the `databases:` settings, key-range sampling, estimates."""
from __future__ import annotations

import importlib.util
import sqlite3

import pytest
from sqlalchemy.engine import make_url

from scanner.columns import estimate, wilson
from scanner.connectors import DatabaseOptions, SourceOptions, TableSample, open_source
from scanner.connectors.sql import public_url
from scanner.errors import ConfigError, SourceError
from scanner.scanconfig import load_scan_config, scan_options


@pytest.mark.parametrize("uri, shown", [
    ("postgresql://scanner:s3cret@db.internal:5432/crm", "postgresql+psycopg://scanner@db.internal:5432/crm"),
    ("mysql://scanner:s3cret@db/crm", "mysql+pymysql://scanner@db/crm"),
    ("mariadb+pymysql://scanner:s3cret@db/crm", "mariadb+pymysql://scanner@db/crm"),
])
def test_urls_get_an_installed_driver_and_lose_the_password(uri, shown):
    assert open_source(uri).source == shown  # no connection is made before items() or read()
    assert public_url(make_url(uri)) == shown.replace("+psycopg", "").replace("mysql+pymysql", "mysql") \
        if "+" not in uri.split("://")[0] else shown


@pytest.mark.parametrize("uri, module, extra", [("mssql://u@h/db", "pymssql", "mssql"),
                                                ("oracle://u@h/db", "oracledb", "oracle")])
def test_a_missing_optional_driver_names_the_extra_to_install(uri, module, extra):
    if importlib.util.find_spec(module) is not None:
        assert open_source(uri).source == uri.replace("://", f"+{module}://")
        return
    with pytest.raises(SourceError, match=rf"driver {module} is not installed \(pip install 'piiaudit\[{extra}\]'\)"):
        open_source(uri)


def test_databases_settings_are_validated_and_merged(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("scan:\n  databases:\n    exclude_tables: ['*.audit_log']\n    sample_seed: 7\n")
    values, detectors, label = load_scan_config(mine)
    options = scan_options(values, detectors, label, False).source.databases
    assert options == DatabaseOptions(exclude_tables=("*.audit_log",), statement_timeout_s=60, sample_seed=7)
    for text, message in [
        ("scan:\n  databases:\n    exclude_table: []\n", "unknown key 'scan.databases.exclude_table'"),
        ("scan:\n  databases:\n    statement_timeout_s: 0\n", "'scan.databases.statement_timeout_s' must be"),
        ("scan:\n  databases:\n    sample_seed: -1\n", "'scan.databases.sample_seed' must be null or"),
        ("scan:\n  databases:\n    include_tables: crm.*\n", "'scan.databases.include_tables' must be list"),
    ]:
        mine.write_text(text)
        with pytest.raises(ConfigError, match=message.replace(".", r"\.").replace("*", r"\*")):
            load_scan_config(mine)


@pytest.fixture
def big_sqlite(tmp_path):
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        db.execute("CREATE TABLE nokey (v TEXT)")
        db.execute("CREATE TABLE skip_me (v TEXT)")
        db.execute("CREATE TABLE coded (code TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
        db.executemany("INSERT INTO coded (code, v) VALUES (?, ?)", [(f"c{i:05d}", f"v{i}") for i in range(2000)])
        db.executemany("INSERT INTO t (id, v) VALUES (?, ?)", [(i * 3, f"v{i}") for i in range(1, 2001)])
        db.executemany("INSERT INTO nokey (v) VALUES (?)", [(f"n{i}",) for i in range(1, 2001)])
    return path


def _read(path, name: str, **options) -> TableSample:
    connector = open_source(f"sqlite:///{path}", SourceOptions(**options))
    item = next(i for i in connector.items() if i.name == name)
    return connector.read(item)


def test_key_ranges_read_distinct_rows_within_the_limit_and_repeat_with_the_seed(big_sqlite):
    databases = DatabaseOptions(sample_seed=11)
    first = _read(big_sqlite, "t", sample_rows=400, databases=databases)
    again = _read(big_sqlite, "t", sample_rows=400, databases=databases)
    other = _read(big_sqlite, "t", sample_rows=400, databases=DatabaseOptions(sample_seed=12))
    assert first.sampling == "primary-key ranges: 4 random starts on id, up to 100 rows each, seed 11"
    assert (first.table_rows, first.exact) == (2000, False)
    values = [row[0] for row in first.rows]
    assert 0 < len(values) <= 400 and len(set(values)) == len(values)
    assert list(again.rows) == list(first.rows) and list(other.rows) != list(first.rows)


def test_a_table_without_a_declared_key_is_sampled_by_rowid(big_sqlite):
    sample = _read(big_sqlite, "nokey", sample_rows=300, databases=DatabaseOptions(sample_seed=5))
    assert sample.sampling.startswith("primary-key ranges: 3 random starts on rowid")
    assert 0 < len(sample.rows) <= 300


def test_a_table_without_rowid_or_integer_key_is_read_from_its_first_rows_not_at_random(big_sqlite):
    sample = _read(big_sqlite, "coded", sample_rows=300)
    assert sample.sampling == "first 300 rows (no integer primary key to sample by)"
    assert len(sample.rows) == 300 and not sample.random and not sample.exact
    assert _read(big_sqlite, "t", sample_rows=300).random


def test_full_tables_stream_rather_than_return_a_list(big_sqlite):
    sample = _read(big_sqlite, "t", full_tables=True, sample_rows=10)
    assert not isinstance(sample.rows, list) and sample.exact
    assert sum(1 for _ in sample.rows) == 2000


def test_tables_are_included_and_excluded_by_glob(big_sqlite):
    names = [i.name for i in open_source(f"sqlite:///{big_sqlite}", SourceOptions(
        databases=DatabaseOptions(include_tables=("t", "no*", "skip*"), exclude_tables=("skip_*",)))).items()]
    assert names == ["nokey", "t"]


@pytest.mark.parametrize("matched, sampled, low, high", [(0, 100, 0.0, 0.037), (10, 100, 0.0552, 0.1744),
                                                         (100, 100, 0.963, 1.0)])
def test_wilson_interval_matches_published_values(matched, sampled, low, high):
    assert wilson(matched, sampled) == pytest.approx((low, high), abs=5e-4)


def test_estimates_are_bounded_by_what_the_sample_proves():
    scaled = estimate("email", "EMAIL_ADDRESS", 10, 100, 10_000, exact=False)
    assert (scaled.estimate, scaled.low, scaled.high) == (1000, 552, 1744)
    everything = estimate("email", "EMAIL_ADDRESS", 100, 100, 105, exact=False)
    assert (everything.low, everything.high) == (101, 105)  # never above the table, nor below what was seen
    stale = estimate("email", "EMAIL_ADDRESS", 3, 100, 50, exact=False)
    assert stale.table_rows == 100 and stale.high <= 100  # catalog said fewer rows than were read


def test_rows_not_drawn_at_random_get_only_the_bounds_they_prove():
    first = estimate("email", "EMAIL_ADDRESS", 10, 100, 10_000, exact=False, random=False)
    assert (first.estimate, first.low, first.high, first.confidence) == (1000, 10, 9910, 1.0)


def test_a_sqlite_url_is_read_in_memory_leaving_nothing_beside_the_file(tmp_path):
    path = tmp_path / "wal.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (v TEXT)")
        db.execute("INSERT INTO t VALUES ('x')")
    db.close()
    sample = _read(path, "t")
    assert (list(sample.rows), sample.note) == ([("x",)], None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wal.db"]  # no wal.db-shm, no wal.db-wal
    big = _read(path, "t", max_file_bytes=1000)  # too large for memory: opened in place, immutable
    assert list(big.rows) == [("x",)] and big.note.startswith("larger than the 0 MB limit for reading into memory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wal.db"]


def test_a_sqlite_url_naming_a_link_reads_its_target(big_sqlite):
    link = big_sqlite.parent / "link.db"
    link.symlink_to(big_sqlite)
    assert len(list(_read(link, "nokey", sample_rows=5).rows)) == 5
