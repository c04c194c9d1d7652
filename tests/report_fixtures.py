"""A small, deterministic scan written with the real store (ScanWriter + write_manifest) for report tests.

Raw values exist only here, in memory: the store gets their masks and keyed hashes like a real scan,
so a test can look for every raw value in the report's outputs. Expected counts are spelled out below.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from scanner.manifest import write_manifest
from scanner.privacy import mask, value_hash
from scanner.records import ColumnClass, ColumnEstimate, Finding, Item, ItemResult
from scanner.store import ScanWriter

SCAN_ID = "20261120T083000Z-0a1b"
STARTED = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
KEY = b"report-fixture-key"
SHARE, DB = "/srv/share", "postgresql://db.example/crm"
XSS_NAME = "<script>alert(1)</script>.txt"

# (source, item, location, column, entity_type, raw value, is_minor)
FINDINGS = [
    (SHARE, "hr/员工.csv", "row 2", "姓名", "PERSON", "张小明", None),
    (SHARE, "hr/员工.csv", "row 2", "身份证号", "CN_RESIDENT_ID", "110101201503070019", True),
    (SHARE, "hr/员工.csv", "row 2", "手机", "PHONE_NUMBER", "13800138000", None),
    (SHARE, "hr/员工.csv", "row 3", "姓名", "PERSON", "李秀英", None),
    (SHARE, "hr/员工.csv", "row 3", "身份证号", "CN_RESIDENT_ID", "11010519491231002X", False),
    (SHARE, "hr/员工.csv", "row 3", "病史", "MEDICAL_CONDITION", "糖尿病", None),
    (SHARE, "customers_en.xlsx", "Sheet1!A2", "name", "PERSON", "Alice Walker", None),
    (SHARE, "customers_en.xlsx", "Sheet1!B2", "email", "EMAIL_ADDRESS", "alice.walker@example.com", None),
    (SHARE, "customers_en.xlsx", "Sheet1!C2", "card", "CREDIT_CARD", "4111111111111111", None),
    (SHARE, "customers_en.xlsx", "Sheet1!A3", "name", "PERSON", "Bob Fischer", None),
    (SHARE, "customers_en.xlsx", "Sheet1!B3", "email", "EMAIL_ADDRESS", "bob.fischer@example.org", None),
    (SHARE, "customers_en.xlsx", "Sheet1!D3", "ssn", "US_SSN", "536-22-8721", None),
    (SHARE, XSS_NAME, "line 1", None, "EMAIL_ADDRESS", "alice.walker@example.com", None),
    (SHARE, "config/app.env", "line 3", None, "CREDENTIAL", "Sup3rS3cretPassw0rd!", None),
    (SHARE, "docs/contract.pdf", "page 2", None, "PHONE_NUMBER", "13912345678", None),
    (SHARE, "docs/contract.pdf", "page 2", None, "PHONE_NUMBER", "13698765432", None),
    (DB, "public.customers", "row 1", "email", "EMAIL_ADDRESS", "carol.chen@example.net", None),
    (DB, "public.customers", "row 1", "mobile", "PHONE_NUMBER", "13766667777", None),
    (DB, "public.customers", "row 2", "mobile", "PHONE_NUMBER", "13800138000", None),
    (DB, "public.companies", "row 1", "uscc", "CN_USCC", "91350100M000100Y43", None),
]
RAW_VALUES = sorted({f[5] for f in FINDINGS})

# What count_people must find: the child's row links to the database row with the same phone;
# the email in the xlsx row and in the <script> file is one person; the pdf page links nothing.
EXPECTED = {"people": 7, "minors": 1, "sensitive_people": 4, "ccpa_records": 2, "people_high": 7 + 398}

ITEMS = {  # (source, item): (kind, modified_at, exposure, status, reason)
    (SHARE, "hr/员工.csv"): ("file", datetime(2019, 3, 1, tzinfo=UTC), "owner=hr group=staff mode=0644 world-readable",
                            "scanned", None),
    (SHARE, "customers_en.xlsx"): ("file", datetime(2026, 9, 1, tzinfo=UTC), "Everyone:read; owner S-1-5-21-1",
                                   "scanned", None),
    (SHARE, XSS_NAME): ("file", datetime(2026, 10, 1, tzinfo=UTC), "owner=bob group=staff mode=0600", "scanned", None),
    (SHARE, "config/app.env"): ("file", datetime(2026, 10, 2, tzinfo=UTC), "owner=ops group=ops mode=0640",
                                "scanned", None),
    (SHARE, "docs/contract.pdf"): ("file", datetime(2026, 1, 5, tzinfo=UTC), None, "scanned", None),
    (SHARE, "archive/old.zip"): ("file", datetime(2020, 1, 1, tzinfo=UTC), None, "skipped",
                                 "archive/old.zip: password-protected zip (ask for the password)"),
    (SHARE, "broken.docx"): ("file", datetime(2025, 1, 1, tzinfo=UTC), None, "error",
                             "broken.docx: not a readable .docx (encrypted, password-protected or damaged)"),
    (SHARE, "products.csv"): ("file", datetime(2026, 1, 1, tzinfo=UTC), None, "scanned", None),
    (DB, "public.customers"): ("table", None, "PUBLIC SELECT; SELECT: PUBLIC (table), app (table)", "scanned", None),
    (DB, "public.companies"): ("table", None, "SELECT: app (table)", "scanned", None),
}
# public.customers is sampled: 1,000 of 50,000 rows; public.companies was read whole (exact counts).
TABLES = {  # item: (rows_sampled, table_rows, sampling)
    "public.customers": (1000, 50000, "primary-key ranges: 10 random starts on id, up to 100 rows each, seed 7"),
    "public.companies": (120, 120, "every row (120)"),
}
COLUMNS = {  # item: per-column estimates, as scanner/columns.py writes them
    "public.customers": (
        ColumnEstimate("email", "EMAIL_ADDRESS", rows_matched=2, rows_sampled=1000, table_rows=50000,
                       estimate=100, low=20, high=400, confidence=0.95, exact=False),
        ColumnEstimate("mobile", "PHONE_NUMBER", rows_matched=2, rows_sampled=1000, table_rows=50000,
                       estimate=100, low=28, high=361, confidence=0.95, exact=False)),
    "public.companies": (ColumnEstimate("uscc", "CN_USCC", 1, 120, 120, 1, 1, 1, 1.0, True),),
}
CLASSES = {  # item: per-column classifications, as detectors/columns.py writes them
    "public.customers": (
        ColumnClass("email", "EMAIL_ADDRESS", True, 0.98, 1000, 980, "email", "header 'email' names it"),
        ColumnClass("mobile", "PHONE_NUMBER", False, 0.12, 1000, 120, None, "header does not name it"),
        ColumnClass("city", None, False, 0.0, 1000, 0, None, "nothing found")),
    "public.companies": (ColumnClass("uscc", "CN_USCC", True, 1.0, 120, 120, "uscc", "header 'uscc' names it"),),
}


def build_scan(out_dir: Path) -> Path:
    """Write the fixture scan into ``out_dir`` (findings, items, columns, column classes, manifest)."""
    writer = ScanWriter(out_dir, SCAN_ID)
    for (source, name), (kind, modified, exposure, status, reason) in ITEMS.items():
        found = tuple(_finding(f) for f in FINDINGS if (f[0], f[1]) == (source, name))
        rows_sampled, table_rows, sampling = TABLES.get(name, (None, None, None))
        writer.add(ItemResult(
            Item(source, name, kind, 2048, modified, exposure), status, reason, findings=found,
            rows_sampled=rows_sampled, table_rows=table_rows, sampling=sampling,
            columns=COLUMNS.get(name, ()), column_classes=CLASSES.get(name, ())))
    writer.publish()
    write_manifest(out_dir, {
        "scan_id": SCAN_ID, "status": "finished", "started_at": STARTED.isoformat(),
        "finished_at": STARTED.replace(minute=42).isoformat(), "sources": [SHARE, DB],
        "config": {"workers": 1}, "versions": {"piiaudit": "test"},
        "counts": {"items": {"scanned": 8, "skipped": 1, "error": 1}, "findings": {}}})
    return out_dir


def _finding(row) -> Finding:
    source, item, location, column, entity, raw, minor = row
    return Finding(source, item, location, column, entity, 0.9, None, None, mask(entity, raw),
                   value_hash(KEY, entity, raw), "FixtureRecognizer", "zh" if item.startswith("hr/") else "en", minor)


def build_copied_room(out_dir: Path, files: int = 6) -> Path:
    """A data room unpacked for the scan: every file root-owned with mode 0644, each holding a resident ID."""
    writer = ScanWriter(out_dir, SCAN_ID)
    for index in range(files):
        name = f"room/客户{index}.txt"
        raw = f"11010519491231{index:03d}X"
        found = (Finding(SHARE, name, "line 1", None, "CN_RESIDENT_ID", 0.9, None, None, mask("CN_RESIDENT_ID", raw),
                         value_hash(KEY, "CN_RESIDENT_ID", raw), "FixtureRecognizer", "zh", False),)
        writer.add(ItemResult(Item(SHARE, name, "file", 100, STARTED, "owner=root group=root mode=0644 world-readable"),
                              "scanned", None, findings=found))
    writer.publish()
    write_manifest(out_dir, {"scan_id": SCAN_ID, "status": "finished", "started_at": STARTED.isoformat(),
                             "finished_at": STARTED.isoformat(), "sources": [SHARE], "config": {},
                             "versions": {"piiaudit": "test"}, "counts": {}})
    return out_dir


CRM = "mysql+pymysql://crm.example/crm"
ROOM = "/srv/room"
ROOM_ID_FILES = 8  # each with one person's resident ID, named to sort before everything else
CRM_PEOPLE = {"crm.customers": 1500, "crm.orders": 3000}


def _crm_rows(table: str, people: int) -> tuple[tuple[Finding, ...], tuple[ColumnEstimate, ...]]:
    """Every row of a CRM table read: customers hold an ID and a card, orders a phone and an e-mail."""
    types = {"crm.customers": (("id_no", "CN_RESIDENT_ID"), ("card_no", "CREDIT_CARD")),
             "crm.orders": (("mobile", "PHONE_NUMBER"), ("email", "EMAIL_ADDRESS"))}[table]
    findings = []
    for row in range(1, people + 1):
        for column, entity in types:
            raw = {"CN_RESIDENT_ID": f"110105198001{row:06d}", "CREDIT_CARD": f"6222{row:012d}",
                   "PHONE_NUMBER": f"139{row:08d}", "EMAIL_ADDRESS": f"buyer{row}@example.com"}[entity]
            findings.append(Finding(CRM, table, f"row {row}", column, entity, 0.9, None, None, mask(entity, raw),
                                    value_hash(KEY, entity, raw), "FixtureRecognizer", "en", False))
    estimates = tuple(ColumnEstimate(column, entity, people, people, people, people, people, people, 1.0, True)
                      for column, entity in types)
    return tuple(findings), estimates


def build_crm_room(out_dir: Path, health_file: bool = True) -> Path:
    """A data room unpacked for the scan (root 0644: a copy) beside the target's CRM database.

    The room: ROOM_ID_FILES files named a_0.txt … each holding one resident ID, and (health_file) one
    medical record naming a person's ethnicity. The CRM: crm.customers (1,500 people, ID and card) and
    crm.orders (3,000 people, phone and e-mail), read whole.
    """
    writer = ScanWriter(out_dir, SCAN_ID)
    copy = "owner=root group=root mode=0644 world-readable"
    files = [(f"a_{index}.txt", (("CN_RESIDENT_ID", f"11010519491231{index:03d}X"),)) for index in range(ROOM_ID_FILES)]
    if health_file:
        files.append(("hr/体检.txt", (("MEDICAL_CONDITION", "糖尿病"), ("ETHNICITY", "回族"))))
    for name, values in files:
        found = tuple(Finding(ROOM, name, "line 1", None, entity, 0.9, None, None, mask(entity, raw),
                              value_hash(KEY, entity, raw), "FixtureRecognizer", "zh", False) for entity, raw in values)
        writer.add(ItemResult(Item(ROOM, name, "file", 100, STARTED, copy), "scanned", None, findings=found))
    for table, people in CRM_PEOPLE.items():
        found, estimates = _crm_rows(table, people)
        writer.add(ItemResult(Item(CRM, table, "table", 0, None, "SELECT: app (table)"), "scanned", None,
                              findings=found, rows_sampled=people, table_rows=people,
                              sampling=f"every row ({people})", columns=estimates))
    writer.publish()
    write_manifest(out_dir, {"scan_id": SCAN_ID, "status": "finished", "started_at": STARTED.isoformat(),
                             "finished_at": STARTED.isoformat(), "sources": [ROOM, CRM], "config": {},
                             "versions": {"piiaudit": "test"}, "counts": {}})
    return out_dir


def build_one_file_room(out_dir: Path) -> Path:
    """A room whose one file holds a child's ID and health data, world-readable, untouched since 2019."""
    writer = ScanWriter(out_dir, SCAN_ID)
    values = (("CN_RESIDENT_ID", "110101201503070019", True), ("MEDICAL_CONDITION", "哮喘", None))
    found = tuple(Finding(SHARE, "体检/儿童.txt", "line 1", None, entity, 0.9, None, None, mask(entity, raw),
                          value_hash(KEY, entity, raw), "FixtureRecognizer", "zh", minor)
                  for entity, raw, minor in values)
    writer.add(ItemResult(Item(SHARE, "体检/儿童.txt", "file", 100, datetime(2019, 1, 1, tzinfo=UTC),
                               "owner=hr group=staff mode=0644 world-readable"), "scanned", None, findings=found))
    writer.publish()
    write_manifest(out_dir, {"scan_id": SCAN_ID, "status": "finished", "started_at": STARTED.isoformat(),
                             "finished_at": STARTED.isoformat(), "sources": [SHARE], "config": {},
                             "versions": {"piiaudit": "test"}, "counts": {}})
    return out_dir
