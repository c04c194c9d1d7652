"""The same CRM in SQLite, PostgreSQL and MariaDB (real servers, see tests/servers/): read-only scans,
sampling with a recorded seed, per-column estimates, exposure from grants, no password anywhere."""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from pathlib import Path

import psycopg
import pyarrow.dataset as ds
import pytest
import sqlalchemy as sa
from psycopg import sql
from servers import crm

from reports.risk_config import load_risk_config
from scanner.connectors import DatabaseOptions, SourceOptions, open_source
from scanner.errors import SourceError
from scanner.pipeline import ScanOptions, run_scan

# A fixed seed keeps the interval test deterministic: a 95% interval misses for 1 seed in 20.
EVENTS_SEED = 20261125


@pytest.fixture(scope="module")
def sqlite_crm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crm") / "crm.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    crm.load(engine)
    engine.dispose()
    path.chmod(0o644)
    return path


@pytest.fixture(scope="module")
def postgres_crm(postgres_server):
    admin = sa.create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("CREATE DATABASE crm")
    admin.dispose()
    owner = sa.create_engine(postgres_server.url(database="crm"))
    crm.load(owner)
    with owner.begin() as connection:
        crm.postgres_grants(connection)
    owner.dispose()
    return postgres_server


@pytest.fixture(scope="module")
def mariadb_crm(mariadb_server):
    with mariadb_server.root() as root, root.cursor() as cursor:
        cursor.execute("CREATE DATABASE crm CHARACTER SET utf8mb4")
    owner = sa.create_engine(f"mysql+pymysql://root@localhost/crm?unix_socket={mariadb_server.socket}&charset=utf8mb4")
    crm.load(owner)
    owner.dispose()
    with mariadb_server.root() as root:
        crm.mariadb_grants(root)
    return mariadb_server


@pytest.fixture(scope="module")
def sources(sqlite_crm, postgres_crm, mariadb_crm) -> dict[str, str]:
    """The scanner's URLs: no password in them, it comes from PIIAUDIT_DB_PASSWORD."""
    return {"sqlite": f"sqlite:///{sqlite_crm}",
            "postgresql": f"postgresql+psycopg://scanner@127.0.0.1:{postgres_crm.port}/crm",
            "mariadb": f"mysql+pymysql://scanner@127.0.0.1:{mariadb_crm.port}/crm"}


@pytest.fixture(scope="module")
def checksums_before(sqlite_crm, postgres_crm, mariadb_crm):
    return _checksums(sqlite_crm, postgres_crm, mariadb_crm)


def _checksums(sqlite_path: Path, postgres, mariadb) -> dict:
    found = {"sqlite": (hashlib.sha256(sqlite_path.read_bytes()).hexdigest(), sqlite_path.stat().st_mtime_ns)}
    with psycopg.connect(host=postgres.host, port=postgres.port, user="pgadmin", password="pgadmin-test-only",
                         dbname="crm") as connection:
        names = [r[0] for r in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        found["postgresql"] = {name: connection.execute(sql.SQL(
            "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
        ).format(sql.Identifier(name))).fetchone() for name in sorted(names)}
    with mariadb.root() as root, root.cursor() as cursor:
        cursor.execute("SHOW TABLES FROM crm")
        names = sorted(r[0] for r in cursor.fetchall())
        cursor.execute("CHECKSUM TABLE " + ", ".join("crm.`{}`".format(n.replace("`", "``")) for n in names))
        found["mariadb"] = cursor.fetchall()
    return found


def _scan(tmp_path_factory, sources, name: str, **options):
    out = tmp_path_factory.mktemp(name)
    source = SourceOptions(**{k: v for k, v in options.items() if k != "databases"},
                           databases=options.get("databases", DatabaseOptions()))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIIAUDIT_DB_PASSWORD", crm.SCANNER_PASSWORD)
        summary = run_scan(list(sources), out, ScanOptions(source=source))
    return out, summary


def _rows(out: Path, table: str) -> list[dict]:
    return ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()


def _backend(source: str) -> str:
    return {"sqlite": "sqlite", "postgresql+psycopg": "postgresql", "mysql+pymysql": "mariadb"}[source.split(":")[0]]


def _table(row: dict) -> str:
    """The table's own name: `public.customers`, `crm.customers` and `customers` are one table."""
    return row["item"] if row["source"].startswith("sqlite") else row["item"].partition(".")[2]


@pytest.fixture(scope="module")
def crm_scan(tmp_path_factory, sources, checksums_before):
    return _scan(tmp_path_factory, sources.values(), "crm",
                 databases=DatabaseOptions(exclude_tables=("events", "*.events")))


@pytest.fixture(scope="module")
def events_scan(tmp_path_factory, sources, checksums_before):
    return _scan(tmp_path_factory, sources.values(), "events", sample_rows=300,
                 databases=DatabaseOptions(include_tables=("events", "*.events"), sample_seed=EVENTS_SEED))


def test_same_crm_gives_the_same_column_classification_everywhere(crm_scan):
    out, summary = crm_scan
    assert summary.items == {"scanned": 12}, summary.gaps
    classified = {"sqlite": set(), "postgresql": set(), "mariadb": set()}
    for finding in _rows(out, "findings"):
        classified[_backend(finding["source"])].add((_table(finding), finding["column"], finding["entity_type"]))
    assert classified["sqlite"] == classified["postgresql"] == classified["mariadb"]
    assert {("customers", "email", "EMAIL_ADDRESS"), ("customers", "phone", "PHONE_NUMBER"),
            ("customers", "resident_id", "CN_RESIDENT_ID"), ("newsletter", "email", "EMAIL_ADDRESS"),
            (crm.HOSTILE, "note", "EMAIL_ADDRESS")} <= classified["sqlite"]
    assert not {c for c in classified["sqlite"] if c[0] == "orders" or c[1] in ("level", "topic", "id")}


def test_small_tables_are_read_whole_and_counted_exactly(crm_scan):
    out, _ = crm_scan
    items = {(_backend(i["source"]), _table(i)): i for i in _rows(out, "items")}
    for backend in ("sqlite", "postgresql", "mariadb"):
        customers = items[(backend, "customers")]
        assert (customers["rows_sampled"], customers["table_rows"], customers["sampling"]) == (12, 12, "every row (12)")
    estimates = [c for c in _rows(out, "columns") if _table(c) == "customers" and c["column"] == "email"]
    assert len(estimates) == 3
    assert {(c["rows_matched"], c["estimate"], c["low"], c["high"], c["exact"]) for c in estimates} == {
        (12, 12, 12, 12, True)}


def test_hostile_table_names_are_read_not_executed(crm_scan, postgres_crm, mariadb_crm):
    out, _ = crm_scan
    hostile = {_backend(f["source"]) for f in _rows(out, "findings") if _table(f) == crm.HOSTILE}
    assert hostile == {"sqlite", "postgresql", "mariadb"}
    with psycopg.connect(host=postgres_crm.host, port=postgres_crm.port, user="pgadmin",
                         password="pgadmin-test-only", dbname="crm") as connection:
        assert connection.execute("SELECT count(*) FROM customers").fetchone() == (12,)
    with mariadb_crm.root() as root, root.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM crm.customers")
        assert cursor.fetchone() == (12,)


def test_sampling_respects_sample_rows_and_records_the_seed(events_scan):
    out, summary = events_scan
    assert summary.items == {"scanned": 3}, summary.gaps
    items = {_backend(i["source"]): i for i in _rows(out, "items")}
    for backend, item in items.items():
        assert 0 < item["rows_sampled"] <= 300, backend
        assert abs(item["table_rows"] - crm.EVENTS) <= crm.EVENTS // 5, backend  # catalog statistics
    # 3,000 rows fill a few pages only: sampled row by row (SYSTEM would often pick no page at all).
    assert items["postgresql"]["sampling"] == f"TABLESAMPLE BERNOULLI (12) REPEATABLE ({EVENTS_SEED}) LIMIT 300"
    for backend in ("sqlite", "mariadb"):
        assert items[backend]["sampling"] == (
            f"primary-key ranges: 3 random starts on id, up to 100 rows each, seed {EVENTS_SEED}"), backend


@pytest.mark.parametrize("backend", ["sqlite", "postgresql", "mariadb"])
def test_the_recorded_random_seed_repeats_the_sample(backend, sources):
    def read(seed):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("PIIAUDIT_DB_PASSWORD", crm.SCANNER_PASSWORD)
            connector = open_source(sources[backend], SourceOptions(
                sample_rows=300, databases=DatabaseOptions(include_tables=("events", "*.events"), sample_seed=seed)))
        return connector.read(next(connector.items()))

    first = read(None)  # a new random seed, written into the sampling line
    seed = int(re.search(r"(?:REPEATABLE \(|seed )(\d+)", first.sampling).group(1))
    again, other = read(seed), read(seed + 1)
    assert again.sampling == first.sampling and list(again.rows) == list(first.rows)
    assert list(other.rows) != list(first.rows)


def test_column_counts_are_estimated_with_an_interval_that_holds_the_truth(events_scan):
    out, _ = events_scan
    truth = crm.EVENTS // crm.EVENT_EMAIL_EVERY
    notes = [c for c in _rows(out, "columns") if c["column"] == "note" and c["entity_type"] == "EMAIL_ADDRESS"]
    assert len(notes) == 3
    for estimate in notes:
        assert not estimate["exact"] and estimate["confidence"] == pytest.approx(0.95)
        assert estimate["low"] <= truth <= estimate["high"], estimate
        assert estimate["low"] < estimate["estimate"] < estimate["high"] < estimate["table_rows"]
        assert estimate["rows_matched"] <= estimate["rows_sampled"] <= 300


def test_full_tables_stream_every_row_and_count_exactly(tmp_path_factory, sources):
    out, summary = _scan(tmp_path_factory, [sources["postgresql"], sources["mariadb"]], "full", full_tables=True,
                         databases=DatabaseOptions(include_tables=("*.events",)))
    assert summary.items == {"scanned": 2}, summary.gaps
    for item in _rows(out, "items"):
        assert (item["rows_sampled"], item["table_rows"], item["sampling"]) == (
            crm.EVENTS, crm.EVENTS, "every row (--full-tables)")
    truth = crm.EVENTS // crm.EVENT_EMAIL_EVERY
    emails = [c for c in _rows(out, "columns") if c["entity_type"] == "EMAIL_ADDRESS"]
    assert len(emails) == 2
    assert {(c["rows_matched"], c["estimate"], c["low"], c["high"], c["exact"]) for c in emails} == {
        (truth, truth, truth, truth, True)}


def test_exposure_shows_public_anonymous_and_column_grants(crm_scan, sources, mariadb_crm):
    out, _ = crm_scan
    exposure = {(_backend(i["source"]), _table(i)): i["exposure"] for i in _rows(out, "items")}
    assert exposure[("postgresql", "newsletter")].startswith("PUBLIC SELECT; SELECT: ")
    assert "PUBLIC (table)" in exposure[("postgresql", "newsletter")]
    customers = exposure[("postgresql", "customers")]
    assert "PUBLIC" not in customers and "app (columns email)" in customers and "scanner (table)" in customers
    assert "pgadmin (owner)" in customers
    # The least-privileged MariaDB account sees only its own grants, and the line says so.
    assert "'scanner'@'127.0.0.1' (schema)" in exposure[("mariadb", "newsletter")]
    assert "only grants this account may see" in exposure[("mariadb", "newsletter")]
    assert exposure[("sqlite", "customers")].startswith("world-readable; file owner ")
    assert exposure[("sqlite", "customers")].endswith("mode 0644")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIIAUDIT_DB_PASSWORD", crm.SCANNER_PASSWORD)
        auditor = open_source(f"mariadb+pymysql://auditor@127.0.0.1:{mariadb_crm.port}/crm")
    seen = {i.name: i.exposure for i in auditor.items()}
    assert seen["crm.newsletter"].startswith("PUBLIC SELECT; SELECT: ")
    assert seen["crm.orders"].startswith("anonymous SELECT (''@'%'); SELECT: ")
    assert "'app'@'%' (columns email)" in seen["crm.customers"] and "PUBLIC" not in seen["crm.customers"]
    # 'app'@'%' may log in from any host: flagged, and broad exposure for the risk score, as anonymous is.
    assert seen["crm.customers"].startswith("any-host SELECT ('app'@'%'); SELECT: ")
    assert "any-host" not in seen["crm.orders"]  # ''@'%' is flagged as anonymous, once
    assert any(p.search(seen["crm.customers"]) for p in load_risk_config().broad_exposure)
    assert "only grants" not in seen["crm.customers"]


def test_sqlite_exposure_follows_the_file_mode(tmp_path):
    path = tmp_path / "private.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (a TEXT)")
    path.chmod(0o600)
    assert [i.exposure for i in open_source(f"sqlite:///{path}").items()][0].endswith("mode 0600")
    assert "world-readable" not in next(open_source(f"sqlite:///{path}").items()).exposure


@pytest.mark.parametrize("backend", ["postgresql", "mariadb"])
def test_a_write_inside_the_connectors_transaction_fails(backend, postgres_crm, mariadb_crm):
    """With an account that may write (the owner), the connector's session still refuses to."""
    url = (postgres_crm.url(database="crm") if backend == "postgresql"
           else mariadb_crm.url("owner", crm.OWNER_PASSWORD))
    connector = open_source(url)
    for statement in ("INSERT INTO orders (id, amount) VALUES (999, 1)", "UPDATE customers SET level = 9",
                      "CREATE TABLE intruder (a INT)"):
        with connector.connect() as connection, pytest.raises(sa.exc.DBAPIError) as error:
            connection.exec_driver_sql(statement)
            connection.commit()
        assert re.search(r"read-only transaction|READ ONLY transaction", str(error.value.orig)), str(error.value.orig)


@pytest.mark.parametrize("backend, slow", [("postgresql", "SELECT pg_sleep(5)"),
                                           ("mariadb", "SELECT SLEEP(5)")])
def test_statements_are_cut_at_the_timeout(backend, slow, postgres_crm, mariadb_crm):
    url = postgres_crm.url(database="crm") if backend == "postgresql" else mariadb_crm.url("owner", crm.OWNER_PASSWORD)
    connector = open_source(url, SourceOptions(databases=DatabaseOptions(statement_timeout_s=1)))
    with connector.connect() as connection, pytest.raises(sa.exc.DBAPIError) as error:
        connection.exec_driver_sql(slow).fetchall()
    assert re.search(r"statement timeout|max_statement_time", str(error.value.orig)), str(error.value.orig)


def test_the_password_is_never_written(crm_scan, events_scan, sources):
    for out, _ in (crm_scan, events_scan):
        files = [p for p in out.rglob("*") if p.is_file()]
        assert {p.parent.parent.name for p in files if p.suffix == ".parquet"} >= {"findings", "items", "columns"}
        assert [p.suffix for p in files if p.parent.name == "scans"] == [".json"]
        for path in files:
            assert crm.SCANNER_PASSWORD.encode() not in path.read_bytes(), path
        assert {i["source"] for i in _rows(out, "items")} == set(sources.values())


def test_a_wrong_password_is_a_reason_without_the_password(tmp_path, postgres_crm):
    wrong = "Wr0ng-pass-never-shown-5a1"
    url = f"postgresql://scanner:{wrong}@127.0.0.1:{postgres_crm.port}/crm"
    summary = run_scan([url], tmp_path / "out", ScanOptions())
    assert summary.items == {"error": 1}
    (_, reason), = summary.gaps
    assert "password authentication failed" in reason and wrong not in reason
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert wrong.encode() not in path.read_bytes(), path
    with pytest.raises(SourceError) as error:
        list(open_source(url).items())
    assert wrong not in str(error.value) and "scanner@127.0.0.1" in str(error.value)


def test_a_never_analysed_postgres_table_is_counted_and_schemas_are_filtered(postgres_crm):
    admin = sa.create_engine(postgres_crm.url(database="crm"))
    with admin.begin() as connection:
        connection.exec_driver_sql("CREATE SCHEMA late")
        connection.exec_driver_sql("CREATE TABLE late.fresh AS SELECT g AS id, 'ok' AS note "
                                   "FROM generate_series(1, 30) g")
        assert connection.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'fresh'").scalar() < 0
    admin.dispose()
    connector = open_source(postgres_crm.url(database="crm"), SourceOptions(
        sample_rows=10, databases=DatabaseOptions(include_schemas=("late",), sample_seed=3)))
    items = list(connector.items())
    assert [i.name for i in items] == ["late.fresh"]
    sample = connector.read(items[0])  # no statistics: counted exactly; TABLESAMPLE needs no key
    assert (sample.table_rows, sample.sampling) == (30, "TABLESAMPLE BERNOULLI (40) REPEATABLE (3) LIMIT 10")
    assert len(sample.rows) <= 10


def test_a_large_postgres_table_is_sampled_by_pages(postgres_crm):
    admin = sa.create_engine(postgres_crm.url(database="crm"))
    with admin.begin() as connection:
        connection.exec_driver_sql("CREATE SCHEMA bulk")
        connection.exec_driver_sql("CREATE TABLE bulk.log AS SELECT g AS id, md5(g::text) AS note "
                                   "FROM generate_series(1, 200000) g")
        connection.exec_driver_sql("ANALYZE bulk.log")
        pages = connection.exec_driver_sql("SELECT relpages FROM pg_class WHERE relname = 'log'").scalar()
    admin.dispose()
    assert pages > 1_000
    connector = open_source(postgres_crm.url(database="crm"), SourceOptions(
        sample_rows=500, databases=DatabaseOptions(include_schemas=("bulk",), sample_seed=9)))
    sample = connector.read(next(connector.items()))
    percent = 100 * 32 / pages  # at least 32 pages: 500 rows alone would be fewer than 5 pages
    assert sample.sampling == f"TABLESAMPLE SYSTEM ({percent:.4g}) REPEATABLE (9) LIMIT 500"
    assert len(sample.rows) == 500 and len({row[0] for row in sample.rows}) == 500
    assert sample.table_rows == 200_000 and not sample.exact


def test_scans_changed_nothing(checksums_before, sqlite_crm, postgres_crm, mariadb_crm):
    """Runs last in this module: every scan above has read the same databases by now."""
    assert _checksums(sqlite_crm, postgres_crm, mariadb_crm) == checksums_before
    assert len(checksums_before["postgresql"]) == 5 and len(checksums_before["mariadb"]) == 5
    assert os.stat(sqlite_crm).st_mode & 0o777 == 0o644


def test_a_database_server_stopped_mid_scan_fails_only_the_tables_left(postgres_crm, tmp_path):
    from scanner.pipeline import Progress
    from scanner.store import read_table
    from scanner.unit import _connector

    class StopAfterFirstTable(Progress):
        def __init__(self):
            self.stop = None

        def finished(self, result):
            if self.stop is None:
                self.stop = postgres_crm.stopped()
                self.stop.__enter__()

    progress = StopAfterFirstTable()
    try:
        summary = run_scan([postgres_crm.url(database="crm")], tmp_path / "out", ScanOptions(), progress)
    finally:
        progress.stop.__exit__(None, None, None)
        _connector.cache_clear()  # its pooled connections died with the server
    items = read_table(tmp_path / "out", "items", summary.scan_id).to_pylist()
    first, *rest = items
    assert first["status"] == "scanned" and first["findings"] > 0
    assert rest and all(i["status"] == "error" for i in rest)
    for item in rest:
        assert re.match(rf"postgresql\+psycopg://pgadmin@127\.0\.0\.1:{postgres_crm.port}/crm: "
                        rf"{re.escape(item['item'])}: cannot read the table \((OperationalError|AdminShutdown): ",
                        item["reason"]), item["reason"]
        assert "pgadmin-test-only" not in item["reason"]
    assert summary.items == {"scanned": 1, "error": len(rest)}


def test_postgres_tables_are_carried_until_their_rows_change(postgres_server, tmp_path):
    from scanner.store import read_table

    admin = sa.create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("CREATE DATABASE nightly")
    admin.dispose()
    owner = sa.create_engine(postgres_server.url(database="nightly"))

    def write(statement: str) -> None:
        with owner.begin() as connection:
            connection.exec_driver_sql(statement)
            connection.exec_driver_sql("SELECT pg_stat_force_next_flush()")  # counters now, not in a second

    write("CREATE TABLE staff (name text, email text); CREATE TABLE rooms (label text)")
    write("INSERT INTO staff VALUES ('Alice Walker', 'alice@example.com'); INSERT INTO rooms VALUES ('A-101')")
    source, out = postgres_server.url(database="nightly"), tmp_path / "out"

    def statuses(summary) -> dict:
        return {r["item"]: r["status"] for r in read_table(out, "items", summary.scan_id).to_pylist()}

    run_scan([source], out, ScanOptions())
    assert statuses(run_scan([source], out, ScanOptions(), incremental=True)) == {
        "public.staff": "unchanged", "public.rooms": "unchanged"}
    write("INSERT INTO staff VALUES ('Bob Stone', 'bob@example.com')")
    changed = run_scan([source], out, ScanOptions(), incremental=True)
    assert statuses(changed) == {"public.staff": "scanned", "public.rooms": "unchanged"}
    emails = {f["masked_value"] for f in read_table(out, "findings", changed.scan_id).to_pylist()
              if f["entity_type"] == "EMAIL_ADDRESS"}
    assert len(emails) == 2  # Bob's row was read, Alice's too
    owner.dispose()

