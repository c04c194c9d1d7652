import pytest

from conftest import detect
from detectors.recognizers.payment_card import PaymentCardRecognizer


@pytest.mark.parametrize("text, expected", [
    ("Visa 4111 1111 1111 1111 exp 12/27", ["4111 1111 1111 1111"]),
    ("card: 5442067295590289", ["5442067295590289"]),
    ("Amex 3782 822463 10005", ["3782 822463 10005"]),
    ("信用卡卡号6222020985000600066，", ["6222020985000600066"]),   # UnionPay with credit context
    ("JCB 3530111333300000", ["3530111333300000"]),
    ("card 4111 1111 1111 1112", []),                              # Luhn fails
    ("ISBN 9787111213826", []),                                    # ISBN-13: no card issuer
    ("timestamp 1727658053638", []),                                # epoch milliseconds
    ("order no 4111111111111111", []),                              # order context
    ("SKU-4111111111111111", []),                                   # part of a code
    ("batch_no 4111111111111111", []),
    ("0000000000000000", []),
    ("7111111111111118 points", []),                                # Luhn-valid, no issuer
    ("Visa 4222222222222", ["4222222222222"]),                      # 13-digit Visa
    ("Diners 30569309025904", ["30569309025904"]),
    ("serial 440305198709163820", []),                              # Luhn-valid, but no Visa has 18 digits
    ("serial 510107197401166214", []),                              # nor any Mastercard
    ("serial 370202197311125840", []),                              # nor any Amex
    # Debit cards are payment cards too (DESIGN.md): UnionPay 62… and domestic 95…, whatever the field is called.
    ("工资卡 6217003810042216583 招商银行", ["6217003810042216583"]),
    ("借记卡号：6228480402564899", ["6228480402564899"]),
    ("账号：6214830211679013", ["6214830211679013"]),                  # a 账号 field holding a card
    ("储蓄卡9558801001114567842", ["9558801001114567842"]),           # domestic 95…, 19 digits
    ("refund to debit card 4539 1488 0343 6467", ["4539 1488 0343 6467"]),
    ("9214830211679013", []),                                       # Luhn-valid, no issuer uses 92…
    ("储蓄卡9558801001114567845", []),                                # 95… with a wrong check digit
    ("储蓄卡9559900123456789", []),                                   # 95… is issued with 19 digits only
    ("账号：6217003810042216586", []),                                # 62… with a wrong check digit
    ("Maestro card 675949826431 declined", ["675949826431"]),        # 12 digits, with card context
    ("refund to card no. 501862037519", ["501862037519"]),
    ("invoice 675949826431", []),                                   # 12 digits and no card context
    ("Maestro card 675949826432 declined", []),                     # check digit wrong
    ("card 621483021161", []),                                      # UnionPay is never 12 digits
    ("JCB card 213190811224759", ["213190811224759"]),              # JCB's 15-digit numbers
    ("card 180006319475307", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "CREDIT_CARD"] == expected


def test_replaces_presidios_recognizer(engine):
    names = {r.name for r in engine.analyzer.registry.recognizers}
    assert "PaymentCardRecognizer" in names and "CreditCardRecognizer" not in names
    assert PaymentCardRecognizer.REPLACES == ("CreditCardRecognizer",)
