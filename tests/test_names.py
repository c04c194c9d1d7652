"""Names are data: a file named with a person's resident ID and mobile, a folder and a sheet named after
people and a table 张伟_客户 leave no raw value in the Parquet, the report, the JSON or the CSV; the
person who ran the scan finds the file again with `piiaudit locate`."""
from __future__ import annotations

import json
import sqlite3

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from scanner.cli import main

RESIDENT_ID = "320102198506150049"
MOBILE = "13912345678"
SECRETS = (RESIDENT_ID, MOBILE, "张伟", "李娜", "王秀英")
FILE = f"张伟_{RESIDENT_ID}_{MOBILE}.txt"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    share = root / "share"
    (share / "hr" / "李娜").mkdir(parents=True)
    (share / "hr" / FILE).write_text("入职登记\n联系邮箱 someone@example.cn\n", encoding="utf-8")
    (share / "hr" / "李娜" / "notes.txt").write_text("面试记录，电话 13700001111\n", encoding="utf-8")
    (share / "plain-report.txt").write_text("Quarterly numbers: 42\n", encoding="utf-8")
    book = Workbook()
    book.active.title = "员工王秀英"
    book.active.append(["邮箱"])
    book.active.append(["wang.xiuying@example.cn"])
    book.save(share / "roster.xlsx")
    database = share / "crm.db"
    with sqlite3.connect(database) as connection:
        connection.execute('CREATE TABLE "张伟_客户" (email TEXT)')
        connection.execute("INSERT INTO \"张伟_客户\" VALUES ('vip@example.cn')")
    out = root / "out"
    result = CliRunner().invoke(main, ["scan", str(share), "--out", str(out), "--workers", "1", "--report-lang", "zh"])
    assert result.exit_code == 0, result.output
    for fmt, name in (("json", "report.json"), ("csv", "evidence.csv")):
        assert CliRunner().invoke(main, ["report", str(out), "--format", fmt]).exit_code == 0, name
    return out, result.output


def test_no_raw_value_in_any_output_made_from_names(scanned):
    out, terminal = scanned
    texts = {path.name: path.read_text(encoding="utf-8-sig") for path in
             (out / "report.html", out / "report.json", out / "evidence.csv")}
    tables = {table: ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()
              for table in ("findings", "items", "columns", "column_classes")}
    texts.update({table: json.dumps(rows, ensure_ascii=False, default=str) for table, rows in tables.items()})
    texts["terminal"] = terminal
    leaks = {(where, secret) for where, text in texts.items() for secret in SECRETS if secret in text}
    assert leaks == set()


def test_masked_names_keep_what_is_not_personal(scanned):
    out, _ = scanned
    items = {row["item"] for row in ds.dataset(out / "items", format="parquet", partitioning="hive").to_table()
             .to_pylist()}
    assert "plain-report.txt" in items and "roster.xlsx" in items
    assert any(i.startswith("hr/") and i.endswith(".txt") and "3201" in i and "5678" in i for i in items)
    locations = {row["location"] for row in ds.dataset(out / "findings", format="parquet", partitioning="hive")
                 .to_table().to_pylist() if row["item"] == "roster.xlsx"}
    assert locations and all(loc.endswith("!A2") and "王秀英" not in loc for loc in locations)


def test_locate_finds_the_real_path_on_the_machine_that_scanned(scanned):
    out, _ = scanned
    items = [row["item"] for row in ds.dataset(out / "items", format="parquet", partitioning="hive").to_table()
             .to_pylist()]
    (masked,) = [i for i in items if i.endswith(".txt") and "3201" in i]
    result = CliRunner().invoke(main, ["locate", str(out), masked])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(f"\thr/{FILE}")
    result = CliRunner().invoke(main, ["locate", str(out), "no/such.txt"])
    assert result.exit_code == 1 and "no item shown as no/such.txt" in result.output


@pytest.mark.parametrize("name, kept", [
    ("apps/crm.data", True),  # NER's PERSON guesses on short lower-case words are not names
    ("customers_cn.csv", True),  # nor is a file's extension
    ("finance/q3_summary.json", True),
    ("hr/张伟_身份证.pdf", False),
    ("contracts/Zhang_Wei_contract.docx", False),
    (f"hr/{FILE}", False),
])
def test_which_names_are_masked(engine, name, kept):
    from scanner.names import NameMasker

    masked = NameMasker(engine).name(name)
    assert (masked == name) == kept, masked
    assert masked.count("/") == name.count("/") and masked.rsplit(".", 1)[-1] == name.rsplit(".", 1)[-1]
