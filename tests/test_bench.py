"""The benchmark's own correctness: a deterministic generator and a scorer that computes P/R/F1 right."""
from __future__ import annotations

import json
import zipfile

import pytest

from bench.room import generate
from bench.score import Counts, item_key, micro, score_items, score_spans
from bench.systems import room_chunks
from scanner.extract import extractor_for


@pytest.fixture(scope="module")
def rooms(tmp_path_factory):
    made = {}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        out = tmp_path_factory.mktemp(name)
        made[name] = (out, generate(out, seed, copies=1, rows=6))
    return made


def test_same_seed_same_truth_and_bytes(rooms):
    (out_a, truth_a), (out_b, truth_b) = rooms["a"], rooms["b"]
    assert json.dumps(truth_a, sort_keys=True) == json.dumps(truth_b, sort_keys=True)
    for path in ("hr/员工档案_001.txt", "crm/customers_cn_001.csv", "finance/payments_001.json"):
        assert (out_a / "room" / path).read_bytes() == (out_b / "room" / path).read_bytes()


def test_other_seed_other_truth(rooms):
    assert rooms["a"][1]["spans"] != rooms["c"][1]["spans"]


def test_truth_spans_point_at_the_planted_values(rooms):
    out, truth = rooms["a"]
    path = "hr/员工档案_001.txt"
    data = (out / "room" / path).read_bytes()
    text = "".join(chunk.text for chunk in extractor_for(path).extract(data, path))
    spans = [s for s in truth["spans"] if s["item"] == path]
    ids = [text[s["start"]:s["end"]] for s in spans if s["entity"] == "CN_RESIDENT_ID"]
    assert len(ids) == 1 and len(ids[0]) == 18
    assert {s["entity"] for s in spans} == set(truth["items"][path])


def test_truth_covers_every_column_and_marks_decoys(rooms):
    truth = rooms["a"][1]
    assert truth["items"]["crm.db:import_batches#身份证号"] == []  # batch numbers under an ID header
    assert "CN_RESIDENT_ID" in truth["items"]["hr/staff_001.tsv#sfzh"]
    assert truth["items"]["crm/customers_en_001.xlsx#Orders.SKU"] == []
    assert not truth["containers"]["products/catalog_001.csv"]["personal"]
    assert truth["containers"]["hr/staff_001.tsv"]["personal"]
    for entity in ("CN_RESIDENT_ID", "CN_USCC", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "CN_PASSPORT", "PASSPORT",
                   "MEDICAL_CONDITION", "RELIGION", "ETHNICITY", "CREDENTIAL", "BIOMETRIC", "PRECISE_LOCATION"):
        assert any(s["entity"] == entity for s in truth["spans"]), entity


FORMATS = ("txt", "log", "md", "json", "ini", "yaml", "csv", "tsv", "xlsx", "docx", "eml", "sqlite",
           "html", "xml", "pptx", "pdf", "zip", "xls", "ods")


def test_room_holds_every_format_with_truth(tmp_path):
    truth = generate(tmp_path, 4, copies=2, rows=6)  # two copies: html|xml, pptx|pdf and xls|ods alternate
    formats = {info["format"] for info in truth["containers"].values()}
    assert set(FORMATS) <= formats
    spanned = {s["item"].split("#")[0] for s in truth["spans"]}
    itemised = {key.split("#")[0] for key in truth["items"]}
    for fmt in FORMATS:
        names = [name for name, info in truth["containers"].items() if info["format"] == fmt]
        assert set(names) <= itemised, fmt
        if fmt in ("xls", "ods"):  # the legacy order sheets are decoys: truth is their empty columns
            assert all(truth["items"][f"{names[0]}#订单.{column}"] == [] for column in ("SKU", "条形码")), fmt
        else:
            assert any(name in spanned for name in names), f"no truth spans in any {fmt} file"
    for fmt in ("html", "xml", "zip"):
        assert any(not info["personal"] for info in truth["containers"].values() if info["format"] == fmt), fmt


def test_zip_members_are_items_with_spans_in_their_own_text(rooms):
    out, truth = rooms["c"]
    item = "archive/hr_backup_001.zip!hr/员工档案_001.txt"
    assert truth["containers"][item] == {"format": "zip", "personal": True}
    with zipfile.ZipFile(out / "room" / "archive/hr_backup_001.zip") as archive:
        data = archive.read("hr/员工档案_001.txt")
    text = "".join(chunk.text for chunk in extractor_for("x.txt").extract(data, "x.txt"))
    ids = [text[s["start"]:s["end"]] for s in truth["spans"] if s["item"] == item and s["entity"] == "CN_RESIDENT_ID"]
    assert len(ids) == 1 and len(ids[0]) == 18


def test_presidio_sees_the_zip_members_the_scanner_scans(rooms):
    out, _ = rooms["c"]
    containers = {container for container, _ in room_chunks(out / "room")}
    assert "archive/hr_backup_001.zip!hr/interview_001.md" in containers
    assert "sales/account_review_001.pptx" in containers


@pytest.mark.parametrize(("item", "column", "location", "key"), [
    ("a.txt", None, "line 3", "a.txt"),
    ("c.csv", "sjhm", "row 4", "c.csv#sjhm"),
    ("b.xlsx", "Phone", "Customers!D7", "b.xlsx#Customers.Phone"),
])
def test_item_key(item, column, location, key):
    assert item_key(item, column, location) == key


def test_item_level_scores():
    truth = {"a.txt": {"PERSON", "PHONE_NUMBER"}, "b.txt": set(), "t.csv#x": {"PERSON"}}
    predicted = {"a.txt": {"PERSON", "EMAIL_ADDRESS"}, "b.txt": {"PHONE_NUMBER"}}
    counts = score_items(truth, predicted)
    person, phone = counts["PERSON"], counts["PHONE_NUMBER"]
    assert (person.tp, person.fp, person.fn) == (1, 0, 1)
    assert person.precision == 1.0 and person.recall == 0.5 and person.f1 == pytest.approx(2 / 3)
    assert (phone.tp, phone.fp, phone.fn, phone.f1) == (0, 1, 1, 0.0)
    total = micro(counts)
    assert (total.tp, total.fp, total.fn) == (1, 2, 2)
    assert total.f1 == pytest.approx(1 / 3)


def test_span_level_overlap_matching():
    truth = [{"item": "a", "entity": "PERSON", "start": 0, "end": 5},
             {"item": "a", "entity": "PERSON", "start": 10, "end": 15},
             {"item": "a", "entity": "PHONE_NUMBER", "start": 20, "end": 31},
             {"item": "t#x", "entity": "PERSON", "cell": "row 2"}]
    predicted = [{"item": "a", "entity": "PERSON", "start": 3, "end": 8},  # overlaps the first name
                 {"item": "a", "entity": "PERSON", "start": 3, "end": 4},  # so does this one
                 {"item": "a", "entity": "PERSON", "start": 15, "end": 18},  # touches, does not overlap
                 {"item": "a", "entity": "PHONE_NUMBER", "start": 31, "end": 40},
                 {"item": "a", "entity": "EMAIL_ADDRESS", "start": 20, "end": 31},  # right span, wrong type
                 {"item": "t#x", "entity": "PERSON", "cell": "row 2"},
                 {"item": "t#x", "entity": "PERSON", "cell": "row 3"}]
    counts = score_spans(truth, predicted)
    person = counts["PERSON"]
    assert (person.tp, person.fp, person.found, person.fn) == (3, 2, 2, 1)
    assert person.precision == pytest.approx(0.6) and person.recall == pytest.approx(2 / 3)
    assert person.f1 == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    assert counts["PHONE_NUMBER"].f1 == 0.0 and counts["PHONE_NUMBER"].fn == 1
    assert counts["EMAIL_ADDRESS"].fp == 1
    assert micro(counts).support == 4


def test_empty_counts_are_zero_not_errors():
    assert Counts().f1 == 0.0 and Counts().precision == 0.0
