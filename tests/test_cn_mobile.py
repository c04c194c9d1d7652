import pytest

from conftest import detect
from detectors.recognizers.cn_mobile import is_cn_mobile


@pytest.mark.parametrize("text, expected", [
    ("手机13800138000", ["13800138000"]),                 # digits touching Chinese characters
    ("联系电话：+86 138 0013 8000。", ["+86 138 0013 8000"]),
    ("mobile: 0086-13912345678", ["0086-13912345678"]),
    ("电话 139-1234-5678 张", ["139-1234-5678"]),
    ("手机12345678901", []),           # no such mobile prefix
    ("手机138001380001", []),          # twelve digits
    ("客服热线10086", []),
])
def test_in_text(engine, text, expected):
    found = [value for entity, value in detect(engine, text) if entity == "PHONE_NUMBER"]
    assert found == expected


@pytest.mark.parametrize("text", ["订单号13800138000", "运单 13912345678 已发货", "order no. 13800138000",
                                  "paid to bank account number 19560423041", "收款银行账号 13800138000"])
def test_order_and_waybill_numbers_are_not_phones(engine, text):
    assert [e for e, _ in detect(engine, text) if e == "PHONE_NUMBER"] == []


@pytest.mark.parametrize("number, valid", [("13800138000", True), ("+8613800138000", True),
                                           ("12000138000", False), ("1380013800", False)])
def test_validation(number, valid):
    assert is_cn_mobile(number) is valid
