import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("Salary is paid to bank account number 19560423041 (routing number 021000021).", ["19560423041"]),
    ("acct 00123456789", ["00123456789"]),
    ("收款账号12345678901234", ["12345678901234"]),                 # digits touching Chinese characters
    ("Fixed a crash in Power Bank 20000mAh firmware (build 5431944804)", []),
    ("Background check consent signed, reference 20240312", []),
    ("account number 12.345678901", []),                            # an amount, not an account
    ("order 12345678 shipped", []),                                 # no account context
    ("对公账号：110060224018800123456（工商银行）", ["110060224018800123456"]),  # corporate, 21 digits
    ("账号：6217003810042216586", ["6217003810042216586"]),          # card prefix, check digit wrong: no card
    ("账号：6214830211679013", []),                                  # a UnionPay card: CREDIT_CARD
    ("account number 4539148803436467", []),                        # a Visa card: CREDIT_CARD
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "BANK_ACCOUNT"] == expected


def test_replaces_presidio_us_bank_recognizer():
    from detectors.recognizers.bank_account import BankAccountRecognizer

    assert BankAccountRecognizer.REPLACES == ("UsBankRecognizer",)
