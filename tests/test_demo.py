"""`piiaudit demo` end to end: real findings from the sample data room, and no raw value anywhere."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from conftest import DATA
from scanner.cli import main

PLANTED = json.loads((DATA / "sample_dataroom_planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Report: {(out / 'report.html').resolve()}" in result.output.replace("\n", "")
    return out


def findings(out: Path) -> list[dict]:
    return ds.dataset(out / "findings", format="parquet", partitioning="hive").to_table().to_pylist()


@pytest.mark.parametrize("item, entity", [
    ("customers_cn.csv", "CN_RESIDENT_ID"),
    ("customers_cn.csv", "PHONE_NUMBER"),
    ("customers_en.xlsx", "EMAIL_ADDRESS"),
    ("customers_en.xlsx", "CREDIT_CARD"),
    ("customers_en.xlsx", "PERSON"),
    ("contracts/service_agreement.docx", "CN_RESIDENT_ID"),
    ("mail/inquiry.eml", "PHONE_NUMBER"),
    ("logs/app.log", "EMAIL_ADDRESS"),
    ("hr/员工体检记录.txt", "CN_RESIDENT_ID"),
    ("customers", "CN_RESIDENT_ID"),
    ("customers", "EMAIL_ADDRESS"),
    ("contacts", "US_SSN"),
])
def test_real_findings_from_the_sample_data_room(demo_out, item, entity):
    assert (item, entity) in {(f["item"], f["entity_type"]) for f in findings(demo_out)}


@pytest.mark.parametrize("item", ["products/catalog.csv", "finance/q3_summary.json", "products"])
def test_decoys_hold_no_personal_information(demo_out, item):
    assert [f["entity_type"] for f in findings(demo_out) if f["item"] == item] == []


def test_every_item_of_the_room_is_accounted_for(demo_out):
    items = ds.dataset(demo_out / "items", format="parquet", partitioning="hive").to_table().to_pylist()
    assert {i["status"] for i in items} == {"scanned"}
    assert {i["item"] for i in items} >= {"customers_cn.csv", "customers_en.xlsx", "customers", "orders"}


def _output_texts(out: Path):
    """Every string the scan wrote: Parquet cells, manifests and the report."""
    for table in ("findings", "items"):
        for row in ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist():
            yield from (str(v) for v in row.values() if v is not None)
    for path in (out / "scans").glob("*.json"):
        yield path.read_text(encoding="utf-8")
    yield (out / "report.html").read_text(encoding="utf-8")


def _shipped_words() -> str:
    """Text piiaudit itself ships (legal texts, report words): a planted word such as 汉族 may occur there."""
    from importlib.resources import files

    shipped = [p for p in files("piiaudit_config").iterdir() if p.name.endswith(".yaml")]
    return "".join(p.read_text(encoding="utf-8") for p in shipped)


def _forms(value: str) -> set[str]:
    """The value as planted and, for numbers, its bare digits (a store might have normalised it)."""
    digits = re.sub(r"\D", "", value)
    return {value} | ({digits} if len(digits) >= 7 else set())


def test_no_planted_raw_value_appears_in_any_output(demo_out):
    texts = "\n".join(_output_texts(demo_out))
    assert len(texts) > 10_000
    shipped = _shipped_words()
    leaked = [p["value"] for p in PLANTED
              for form in _forms(p["value"]) if form in texts and form not in shipped]
    assert leaked == []


def test_planted_list_covers_the_identifiers():
    kinds = {p["entity_type"] for p in PLANTED}
    assert {"CN_RESIDENT_ID", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN"} <= kinds
