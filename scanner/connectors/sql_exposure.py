"""Who can read a table: SELECT grants from the server's own catalogs, or an SQLite file's permissions.

Results map (schema, table) to a line for ``items.exposure`` that leads with what matters most:
``PUBLIC SELECT; anonymous SELECT (''@'%'); any-host SELECT ('app'@'%'); SELECT: PUBLIC (table), …``.
"""
from __future__ import annotations

import grp
import os
import pwd
import re
import stat
from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa

Grant = tuple[str, str]  # (grantee, level: owner | global | schema | table | columns a, b)

# aclexplode reads pg_class.relacl itself, which every account may read; information_schema's
# table_privileges shows only grants that involve the current account, and so would hide PUBLIC's.
_POSTGRES = """
SELECT n.nspname, c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
       CASE WHEN a.grantee = c.relowner THEN 'owner' ELSE 'table' END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
WHERE c.relkind IN ('r', 'p') AND a.privilege_type = 'SELECT'
UNION ALL
SELECT n.nspname, c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
       'columns ' || string_agg(att.attname, ', ' ORDER BY att.attnum)
FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(att.attacl) a
WHERE att.attacl IS NOT NULL AND NOT att.attisdropped AND a.privilege_type = 'SELECT'
GROUP BY n.nspname, c.relname, a.grantee
"""

_MYSQL = """
SELECT GRANTEE, NULL, NULL, 'global' FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'SELECT'
UNION ALL
SELECT GRANTEE, TABLE_SCHEMA, NULL, 'schema' FROM information_schema.SCHEMA_PRIVILEGES
WHERE PRIVILEGE_TYPE = 'SELECT'
UNION ALL
SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME, 'table' FROM information_schema.TABLE_PRIVILEGES
WHERE PRIVILEGE_TYPE = 'SELECT'
UNION ALL
SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME,
       CONCAT('columns ', GROUP_CONCAT(COLUMN_NAME ORDER BY COLUMN_NAME SEPARATOR ', '))
FROM information_schema.COLUMN_PRIVILEGES WHERE PRIVILEGE_TYPE = 'SELECT'
GROUP BY GRANTEE, TABLE_SCHEMA, TABLE_NAME
"""
_MYSQL_PARTIAL = "only grants this account may see (give it SELECT ON mysql.* to see every account's)"


def describe(grants: Iterable[Grant], note: str | None = None) -> str | None:
    """One exposure line: the PUBLIC, anonymous and any-host ('%') flags first, then every grantee with its level."""
    grants = sorted(set(grants))
    parts = []
    if any(grantee == "PUBLIC" for grantee, _ in grants):
        parts.append("PUBLIC SELECT")
    anonymous = sorted({grantee for grantee, _ in grants if grantee.startswith("''@")})
    if anonymous:
        parts.append(f"anonymous SELECT ({', '.join(anonymous)})")
    # A MySQL account at host '%' may log in from anywhere: as broad as an anonymous one for a reader.
    any_host = sorted({grantee for grantee, _ in grants if grantee.endswith("@'%'") and grantee not in anonymous})
    if any_host:
        parts.append(f"any-host SELECT ({', '.join(any_host)})")
    if grants:
        parts.append("SELECT: " + ", ".join(f"{grantee} ({level})" for grantee, level in grants))
    if note:
        parts.append(note)
    return "; ".join(parts) or None


def postgres(connection: sa.Connection, tables: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    grants: dict[tuple[str, str], list[Grant]] = defaultdict(list)
    for schema, name, grantee, level in connection.execute(sa.text(_POSTGRES)):
        grants[(schema, name)].append((grantee, level))
    return {table: describe(grants.get(table, ())) for table in tables}


def mysql(connection: sa.Connection, tables: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    rows = [(_grantee(g), schema, name, level) for g, schema, name, level in connection.execute(sa.text(_MYSQL))]
    try:
        connection.execute(sa.text("SELECT 1 FROM mysql.db LIMIT 0"))
        note = None
    except sa.exc.DBAPIError:  # MySQL keeps the transaction usable after a failed statement
        note = _MYSQL_PARTIAL
    result = {}
    for schema, name in tables:
        found = [(grantee, level) for grantee, granted_schema, granted_name, level in rows
                 if (granted_schema is None or _schema_matches(granted_schema, schema))
                 and (granted_name is None or granted_name == name)]
        result[(schema, name)] = describe(found, note)
    return result


def _grantee(text: str) -> str:
    """``'PUBLIC'@''`` (MariaDB 10.11's PUBLIC) as PUBLIC; other accounts as the server shows them."""
    return "PUBLIC" if text == "'PUBLIC'@''" else text


def _schema_matches(pattern: str, schema: str) -> bool:
    """Schema-level grants may use the LIKE wildcards % and _ (``\\_`` is a literal underscore)."""
    regex = "".join(".*" if part == "%" else "." if part == "_" else re.escape(part[-1])
                    for part in re.findall(r"\\.|%|_|[^%_\\]", pattern))
    return re.fullmatch(regex, schema) is not None


def sqlite_file(path: str) -> str:
    """World-readable or writable first, then owner, group and mode of the database file."""
    info = os.stat(path)
    flags = [word for bit, word in ((stat.S_IROTH, "world-readable"), (stat.S_IWOTH, "world-writable"))
             if info.st_mode & bit]
    return "; ".join([*flags, f"file owner {_name(pwd.getpwuid, info.st_uid)}, "
                      f"group {_name(grp.getgrgid, info.st_gid)}, mode {stat.S_IMODE(info.st_mode):04o}"])


def _name(lookup, number: int) -> str:
    try:
        return lookup(number)[0]
    except KeyError:
        return str(number)
