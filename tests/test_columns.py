"""Column classification: headers (Chinese, English, pinyin), the share rule, and chance hits dropped."""
from __future__ import annotations

import pytest

from detectors.columns import Candidate, classify, load_rules, merge, parse_rules
from scanner.errors import ConfigError
from scanner.records import Chunk, ColumnClass
from scanner.settings import read_config

# Valid identifiers (check digits right) and look-alikes (wrong check digit: batch numbers).
IDS = ["11010519491231002X", "44030519900101123X", "310104198506153216", "510107197803222419", "330106200101019998"]
BATCHES = ["110105194912310021", "440305199001011231", "310104198506153211", "510107197803222411", "330106200101019991"]
MOBILES = ["13800138000", "13912345678", "15012345678", "18612345678", "17712345678", "19912345678",
           "13511112222", "18800001111", "15899998888", "13355556666"]


def column(name: str, values: list[str]) -> Chunk:
    marks, offset = [], 0
    for row, value in enumerate(values):
        marks.append((offset, f"row {row + 2}"))
        offset += len(value) + 1
    return Chunk("".join(v + "\n" for v in values), tuple(marks), column=name, base=None)


@pytest.mark.parametrize(("header", "entities", "negative"), [
    ("sfzh", {"CN_RESIDENT_ID"}, False), ("身份证号码", {"CN_RESIDENT_ID"}, False),
    ("sjhm", {"PHONE_NUMBER"}, False), ("手机号", {"PHONE_NUMBER"}, False), ("CustomerPhone", {"PHONE_NUMBER"}, False),
    ("yhkh", {"CREDIT_CARD"}, False), ("xm", {"PERSON"}, False), ("客户姓名", {"PERSON"}, False),
    ("dz", {"ADDRESS"}, False), ("csrq", {"DATE_OF_BIRTH"}, False), ("mz", {"ETHNICITY"}, False),
    ("证件号码", {"CN_RESIDENT_ID", "CN_PASSPORT", "PASSPORT"}, False),
    ("订单联系电话", {"PHONE_NUMBER"}, False),  # the word ending last decides: 联系电话 over 订单
    ("supplier_uscc", {"CN_USCC"}, False), ("VendorCreditCode", {"CN_USCC"}, False),  # a supplier's code
    ("供应商统一社会信用代码", {"CN_USCC"}, False), ("supplier", set(), True),
    ("passport_no", {"CN_PASSPORT", "PASSPORT"}, False), ("护照号", {"CN_PASSPORT", "PASSPORT"}, False),
    ("ip地址", {"IP_ADDRESS"}, False), ("e-mail", {"EMAIL_ADDRESS"}, False), ("product name", set(), True),
    ("订单号", set(), True), ("batch_no", set(), True), ("company name", set(), True),
    ("xmax", set(), False), ("col_9", set(), False), ("字段7", set(), False), (None, set(), False),
])
def test_header_lexicon(header, entities, negative):
    match = load_rules().header(header)
    assert match.entities == entities and match.negative == negative


def test_batch_numbers_under_an_id_header_are_not_ids(engine):
    # 1 in 11 wrong-check-digit numbers would pass by chance; these five all fail, plus two that pass.
    values = BATCHES * 6 + IDS[:2]
    matches, classes = engine.detect_columns(column("身份证号", values))
    assert not [m for m in matches if m.entity_type == "CN_RESIDENT_ID"]
    record = next(c for c in classes if c.entity_type == "CN_RESIDENT_ID")
    assert not record.decided and record.matched == 2 and record.values == 32


def test_a_phone_column_reports_every_valid_value(engine):
    values = MOBILES * 2 + ["n/a"]
    matches, classes = engine.detect_columns(column("sjhm", values))
    assert sum(m.entity_type == "PHONE_NUMBER" for m in matches) == 20
    record = next(c for c in classes if c.entity_type == "PHONE_NUMBER")
    assert record.decided and record.header == "sjhm" and record.confidence == pytest.approx(20 / 21, abs=1e-3)


def test_order_numbers_shaped_like_mobiles_are_not_phones(engine):
    matches, classes = engine.detect_columns(column("订单号", MOBILES))
    assert matches == []
    assert not any(c.decided for c in classes)


def test_a_column_without_a_telling_header_is_judged_by_its_values(engine):
    matches, classes = engine.detect_columns(column("字段7", MOBILES))
    assert len(matches) == 10 and any(c.decided and c.entity_type == "PHONE_NUMBER" for c in classes)


def test_text_chunks_have_no_column_records(engine):
    _, classes = engine.detect_columns(Chunk("手机 13800138000", ((0, "line 1"),)))
    assert classes == ()


def _candidates(chunk: Chunk, entity: str, rows: list[int], score: float) -> list[Candidate]:
    starts = [offset for offset, _ in chunk.marks]
    values = chunk.text.split("\n")
    return [Candidate(entity, starts[r], starts[r] + len(values[r]), score) for r in rows]


def test_share_is_counted_on_values_left_by_earlier_types():
    # 8 resident IDs and 2 passports in a 证件号码 column: both types decided.
    chunk = column("证件号码", IDS + IDS[:3] + ["E12345678", "G87654321"])
    candidates = (_candidates(chunk, "CN_RESIDENT_ID", list(range(8)), 0.5)
                  + _candidates(chunk, "CN_PASSPORT", [8, 9], 0.3))
    kept, classes = classify(chunk, candidates, lambda entity: 0.5)
    decided = {c.entity_type: c.confidence for c in classes if c.decided}
    assert decided == {"CN_RESIDENT_ID": 0.8, "CN_PASSPORT": 1.0}
    assert len(kept) == 10 and min(c.score for c in kept) == 0.5  # passports raised to the threshold


def test_chance_hits_in_a_code_column_are_dropped_but_free_text_keeps_its_own():
    codes = column("serial", ["4111111111111111"] + ["4111111111111112"] * 9)
    kept, classes = classify(codes, _candidates(codes, "CREDIT_CARD", [0], 1.0), lambda entity: 0.5)
    assert kept == [] and not classes[0].decided
    notes = column("备注", ["卡号 4111111111111111 已挂失"] + ["无"] * 9)
    card = Candidate("CREDIT_CARD", 3, 19, 1.0)
    kept, _ = classify(notes, [card], lambda entity: 0.5)
    assert kept == [card] and card.score == 1.0


def test_an_empty_judgement_is_still_recorded():
    chunk = column("数量", ["1", "2", "3"])
    _, classes = classify(chunk, [], lambda entity: 0.5)
    assert classes == [ColumnClass("数量", None, False, 0.0, 3, 0, None, "nothing found")]


def test_records_of_a_long_column_merge_across_chunks():
    first = ColumnClass("sjhm", "PHONE_NUMBER", True, 1.0, 100, 100, "sjhm", "a")
    second = ColumnClass("sjhm", "PHONE_NUMBER", False, 0.2, 50, 10, "sjhm", "b")
    (merged,) = merge([first, second])
    assert merged.decided and merged.values == 150 and merged.matched == 110
    assert merged.confidence == pytest.approx((100 + 10) / 150, abs=1e-3)


@pytest.mark.parametrize(("change", "message"), [
    ({"share_with_header": 1.5}, "'share_with_header' must be a number between 0 and 1"),
    ({"headers": {"PHONE": ["tel"]}}, "'headers.PHONE': 'PHONE' is not an entity type"),
    ({"chance_prone": ["CN_RESIDENT_ID", "IDCARD"]}, "'chance_prone': 'IDCARD' is not an entity type"),
    ({"sample": 3}, "unknown key 'sample'"),
])
def test_config_errors_name_the_file_and_key(change, message):
    data, label = read_config("columns")
    with pytest.raises(ConfigError, match="config/columns.yaml: " + message.replace("(", r"\(")):
        parse_rules({**data, **change}, label)


def test_missing_key_is_an_error():
    data, label = read_config("columns")
    del data["whole_cell"]
    with pytest.raises(ConfigError, match="missing key 'whole_cell'"):
        parse_rules(data, label)


def test_a_scan_stores_what_each_column_holds(tmp_path):
    from scanner.pipeline import ScanOptions, run_scan
    from scanner.store import read_table

    share = tmp_path / "share"
    share.mkdir()
    rows = [f"{m},{b}" for m, b in zip(MOBILES, BATCHES * 2, strict=True)]
    (share / "list.csv").write_text("sjhm,批次号\n" + "\n".join(rows) + "\n", encoding="utf-8")
    summary = run_scan([str(share)], tmp_path / "out", ScanOptions())
    stored = {(r["column"], r["entity_type"]): r
              for r in read_table(tmp_path / "out", "column_classes", summary.scan_id).to_pylist()}
    phones = stored["sjhm", "PHONE_NUMBER"]
    assert phones["decided"] and phones["values"] == 10 and phones["matched"] == 10 and phones["header"] == "sjhm"
    assert not any(r["decided"] for (column, _), r in stored.items() if column == "批次号")
    findings = read_table(tmp_path / "out", "findings", summary.scan_id).to_pylist()
    assert {f["column"] for f in findings} == {"sjhm"} and len(findings) == 10


def test_inside_a_decided_value_another_type_is_dropped():
    chunk = column("Mailing Address", ["12 Catherine Prairie, Austin, TX 78701"] * 4)
    addresses = _candidates(chunk, "ADDRESS", [0, 1, 2, 3], 0.6)
    street = Candidate("PERSON", 3, 20, 0.85)  # spaCy's PERSON on the street name
    kept, _ = classify(chunk, addresses + [street], lambda entity: 0.5)
    assert street not in kept and len(kept) == 4


def test_names_in_a_supplier_column_are_not_people():
    chunk = column("Supplier", ["Smith, Jones and Brown", "Acme Ltd", "Watkins and Sons", "Moon-Wells"])
    people = _candidates(chunk, "PERSON", [0, 2], 0.85)
    kept, classes = classify(chunk, people, lambda entity: 0.5)
    assert kept == [] and classes[0].header == "supplier" and not classes[0].decided


def test_a_few_names_in_a_column_of_products_are_strays():
    products = ["Router AX3000", "LED Desk Lamp", "Humidifier H3", "USB-C Hub 7-in-1", "Espresso Maker X1"] * 4
    chunk = column("name", products)
    strays = _candidates(chunk, "PERSON", [8], 0.85)  # spaCy's PERSON on a product name
    lamp = chunk.marks[1][0]  # "Desk Lamp" of "LED Desk Lamp"
    desk_lamp = Candidate("PERSON", lamp + 4, lamp + 13, 1.0)
    kept, classes = classify(chunk, strays + [desk_lamp], lambda entity: 0.6)
    assert kept == [] and not classes[0].decided
    names = column("sales rep", ["Ann Lee", "Bo Chen", "Desk Lamp", "Cy Young", "Di Ross"])
    people = _candidates(names, "PERSON", [0, 1, 3], 0.85)  # 60%: not decided without a header, not strays
    kept, classes = classify(names, people, lambda entity: 0.6)
    assert len(kept) == 3 and not classes[0].decided


def test_implausible_names_do_not_count_towards_a_column_of_names(engine):
    from scanner.records import Chunk

    values = ["Mechanical Keyboard K8", "智能手环 6", "Humidifier H3", "LED Desk Lamp", "电动牙刷 T3", "Router AX3000",
              "扫地机器人 R7", "Espresso Maker X1", "USB-C Hub 7-in-1", "4K Monitor 27in"] * 4
    text = "".join(v + "\n" for v in values)
    marks = tuple((sum(len(v) + 1 for v in values[:i]), f"row {i + 1}") for i in range(len(values)))
    found, classes = engine.detect_columns(Chunk(text, marks, column="name"))
    assert [m for m in found if m.entity_type == "PERSON"] == []
    assert all(c.matched <= 4 and not c.decided for c in classes if c.entity_type == "PERSON")


def test_cards_under_an_account_header_are_cards(engine):
    # A 账号 column of Luhn-valid UnionPay and 95… numbers holds debit cards, not account numbers (DESIGN.md).
    values = ["6217003810042216583", "6228480402564899", "9558801001114567842", "6214830211679013"]
    matches, classes = engine.detect_columns(column("账号", values))
    assert {m.entity_type for m in matches} == {"CREDIT_CARD"} and len(matches) == 4
    assert next(c for c in classes if c.entity_type == "CREDIT_CARD").decided


def test_an_address_column_holds_addresses_with_any_division(engine):
    # 现住址 values without a road and number: a county, a village's 组, a compound, a bare city.
    values = ["安徽省六安市霍邱县", "湖南省邵阳市隆回县六都寨镇石门村3组", "重庆市渝北区龙湖花园9栋2单元",
              "西藏自治区拉萨市"]
    matches, classes = engine.detect_columns(column("现住址", values))
    assert [m.text for m in matches if m.entity_type == "ADDRESS"] == values
    assert not {m.entity_type for m in matches} - {"ADDRESS"}
    assert next(c for c in classes if c.entity_type == "ADDRESS").decided


@pytest.mark.parametrize("header, values", [
    ("ethnicity", ["Han", "Hui", "Han", "Zhuang", "Manchu", "Han"]),   # pinyin, as English records write them
    ("民族", ["汉", "回", "汉", "壮", "满", "汉"]),                      # the bare name, no 族
])
def test_an_ethnicity_column_is_ethnicity_and_nothing_else(engine, header, values):
    matches, classes = engine.detect_columns(column(header, values))
    assert [m.entity_type for m in matches] == ["ETHNICITY"] * len(values)
    assert [c.entity_type for c in classes if c.decided] == ["ETHNICITY"]


def test_a_name_inside_an_address_column_is_not_a_person(engine):
    # spaCy reads a building's name as a person; in a column headed address it is part of the address.
    values = ["Flat 4, 18 Huaihai Middle Rd, Xuhui District, Shanghai", "88 Zhongshan Road, Gulou District, Nanjing",
              "Room 1203, Building 5, Wangjing SOHO, Chaoyang District, Beijing"]
    chunk = column("home_address", values)
    matches, classes = engine.detect_columns(chunk)
    assert "PERSON" not in {m.entity_type for m in matches}
    assert [c.entity_type for c in classes if c.decided] == ["ADDRESS"]
    # Every value is found, the one without a US street suffix by its division (Chaoyang District, Beijing).
    assert {chunk.location(m.start) for m in matches} == {"row 2", "row 3", "row 4"}


def test_request_ids_shaped_like_phones_are_not_phones(engine):
    values = ["REQ-415-555-0123", "REQ-415-555-0188", "REQ-206-880-8128", "REQ-212-555-0147"]
    matches, classes = engine.detect_columns(column("request_id", values))
    assert matches == [] and not any(c.decided for c in classes)


def test_a_passport_column_of_chinese_and_other_passports(engine):
    # Neither kind alone reaches the share a header asks for; together they are the column.
    chinese = ["E12345678", "EB1234567", "G23456789", "E98765432"]
    other = ["K12345678", "C01X00T47", "12AB34567", "TK1234567", "533012345", "X4829173"]
    matches, classes = engine.detect_columns(column("passport_no", chinese + other))
    assert [m.text for m in matches if m.entity_type == "CN_PASSPORT"] == chinese
    assert [m.text for m in matches if m.entity_type == "PASSPORT"] == other
    assert {c.entity_type for c in classes if c.decided} == {"CN_PASSPORT", "PASSPORT"}


def test_a_suppliers_credit_codes_are_uscc(engine):
    codes = ["9132010252601815XA", "91310115083016613B", "91110105186091392A", "91440305996030823L"]
    matches, _ = engine.detect_columns(column("supplier_uscc", codes + ["9132010252601815XB"]))  # last: bad check
    assert [m.text for m in matches if m.entity_type == "CN_USCC"] == codes
