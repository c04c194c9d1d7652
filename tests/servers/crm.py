"""One small synthetic CRM, loaded the same way into SQLite, PostgreSQL and MariaDB.

PII columns (names, emails, Chinese mobiles, resident IDs) next to columns without any, a larger
``events`` table for sampling (every 10th note holds an email: exactly 300 of 3,000 rows), and a
table whose name is an injection attempt. Accounts: a least-privileged ``scanner`` (SELECT only),
``app`` with a column grant, PUBLIC and (MariaDB) anonymous access.
"""
from __future__ import annotations

import sqlalchemy as sa
from stdnum.cn import ric

HOSTILE = 'x"; DROP TABLE customers; --'
SCANNER_PASSWORD = "Sc4nner-only-in-tests-7f3e91"
OWNER_PASSWORD = "Owner-only-in-tests-c2d4"
EVENTS = 3_000
EVENT_EMAIL_EVERY = 10

metadata = sa.MetaData()
customers = sa.Table("customers", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                     sa.Column("name", sa.String(60)), sa.Column("email", sa.String(100)),
                     sa.Column("phone", sa.String(30)), sa.Column("resident_id", sa.String(18)),
                     sa.Column("city", sa.String(40)), sa.Column("level", sa.Integer))
orders = sa.Table("orders", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                  sa.Column("customer_id", sa.Integer), sa.Column("sku", sa.String(20)),
                  sa.Column("amount", sa.Integer), sa.Column("status", sa.String(20)))
newsletter = sa.Table("newsletter", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                      sa.Column("email", sa.String(100)), sa.Column("topic", sa.String(40)))
events = sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                  sa.Column("kind", sa.String(20)), sa.Column("note", sa.String(100)))
hostile = sa.Table(HOSTILE, metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                   sa.Column("note", sa.String(100)))

_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "Olivia Johnson", "Ethan Miller", "Sophia Davis",
          "Liam Wilson", "Emma Moore", "杨磊", "赵敏"]
_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "Boston", "Denver", "Seattle", "Austin", "Chicago", "成都", "南京"]


def resident_id(index: int) -> str:
    body = f"110101{1970 + index:04d}{(index % 12) + 1:02d}{(index % 27) + 1:02d}{100 + index:03d}"
    return body + ric.calc_check_digit(body + "0")  # it drops the last character, the check digit


def rows() -> dict[sa.Table, list[dict]]:
    people = [{"id": i + 1, "name": name, "email": f"user{i + 1}.crm@example.com",
               "phone": f"139{10_000_000 + 7_919 * (i + 1):08d}", "resident_id": resident_id(i),
               "city": _CITIES[i], "level": i % 4} for i, name in enumerate(_NAMES)]
    return {
        customers: people,
        orders: [{"id": i, "customer_id": i % 12 + 1, "sku": f"SKU-{4000 + i}", "amount": 100 + 17 * i,
                  "status": ("paid", "shipped", "refunded")[i % 3]} for i in range(1, 41)],
        newsletter: [{"id": i, "email": f"reader{i}@example.org", "topic": ("news", "offers")[i % 2]}
                     for i in range(1, 21)],
        events: [{"id": i, "kind": ("login", "view", "click")[i % 3],
                  "note": f"contact ev{i}@example.net" if i % EVENT_EMAIL_EVERY == 0 else f"ok {i % 7}"}
                 for i in range(1, EVENTS + 1)],
        hostile: [{"id": 1, "note": "mail me: a.b@example.com"}],
    }


def load(engine: sa.Engine) -> None:
    """Create and fill the CRM's tables through ``engine`` (an owner's or administrator's)."""
    metadata.create_all(engine)
    with engine.begin() as connection:
        for table, values in rows().items():
            connection.execute(table.insert(), values)


def postgres_grants(connection: sa.Connection) -> None:
    for statement in (
        f"CREATE ROLE scanner LOGIN PASSWORD '{SCANNER_PASSWORD}'",
        "CREATE ROLE app LOGIN",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO scanner",
        "GRANT SELECT ON newsletter TO PUBLIC",
        "GRANT SELECT (email) ON customers TO app",
        "ANALYZE",
    ):
        connection.exec_driver_sql(statement)


def mariadb_grants(connection) -> None:
    """``connection``: a root pymysql connection (autocommit)."""
    with connection.cursor() as cursor:
        for statement in (
            f"CREATE USER 'scanner'@'127.0.0.1' IDENTIFIED BY '{SCANNER_PASSWORD}'",
            "GRANT SELECT ON crm.* TO 'scanner'@'127.0.0.1'",
            # The auditor may also read the grant tables, so it sees every account's access.
            f"CREATE USER 'auditor'@'127.0.0.1' IDENTIFIED BY '{SCANNER_PASSWORD}'",
            "GRANT SELECT ON crm.* TO 'auditor'@'127.0.0.1'",
            "GRANT SELECT ON mysql.* TO 'auditor'@'127.0.0.1'",
            f"CREATE USER 'owner'@'127.0.0.1' IDENTIFIED BY '{OWNER_PASSWORD}'",
            "GRANT ALL ON crm.* TO 'owner'@'127.0.0.1'",
            "CREATE USER 'app'@'%' IDENTIFIED BY 'app-test-only'",
            "GRANT SELECT (email) ON crm.customers TO 'app'@'%'",
            "GRANT SELECT ON crm.newsletter TO PUBLIC",
            "CREATE USER ''@'%'",
            "GRANT SELECT ON crm.orders TO ''@'%'",
            "ANALYZE TABLE crm.customers, crm.orders, crm.newsletter, crm.events",
        ):
            cursor.execute(statement)
            cursor.fetchall()
