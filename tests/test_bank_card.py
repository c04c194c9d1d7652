"""Rule: UnionPay (62) and domestic (95) cards are BANK_ACCOUNT unless credit context is nearer."""
import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("开户银行卡号：6222020985000600066", [("BANK_ACCOUNT", "6222020985000600066")]),
    ("银行卡6216610787762041739已绑定", [("BANK_ACCOUNT", "6216610787762041739")]),
    ("6225888848966838", [("BANK_ACCOUNT", "6225888848966838")]),            # 16-digit UnionPay, no context
    ("账号 6222 0209 8500 0600 066", [("BANK_ACCOUNT", "6222 0209 8500 0600 066")]),
    ("信用卡 6222020985000600066", [("CREDIT_CARD", "6222020985000600066")]),
    ("Visa debit 4111111111111111 开户行", [("CREDIT_CARD", "4111111111111111")]),  # other issuers: card
    ("银行卡6222020985000600067", []),                                         # Luhn fails
    ("订单号6222020985000600066", []),                                         # order number
    ("运单号 6222020985000600066", []),
])
def test_card_or_account(engine, text, expected):
    assert [(e, v) for e, v in detect(engine, text) if e in ("BANK_ACCOUNT", "CREDIT_CARD")] == expected
