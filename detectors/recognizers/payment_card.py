"""Payment cards (CREDIT_CARD): 12–19 digits, Luhn check digit, a known issuer's prefix and length.

Any payment card, debit or credit (DESIGN.md): a UnionPay 62… or domestic 95… debit card under 银行卡 or
账号 is in PCI DSS scope and a financial account under PIPL Art. 28 like a Visa credit card, so it is
CREDIT_CARD; BankAccountRecognizer leaves card numbers alone. Replaces Presidio's CreditCardRecognizer
(see REPLACES): its ``\\b`` edges fail where digits touch Chinese text, and it knows no UnionPay.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer
from stdnum import luhn

_NOT_DIGIT = re.compile(r"\D")
# Issuer prefixes and the card lengths each issues (ISO/IEC 7812 IIN ranges): an 18-digit number
# starting 4 or 51 is no Visa or Mastercard, whatever its Luhn digit says.
ISSUER_LENGTHS = (
    (re.compile(r"^4"), (13, 16, 19)),  # Visa
    (re.compile(r"^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01])|2720)"), (16,)),  # Mastercard
    (re.compile(r"^3[47]"), (15,)),  # American Express
    (re.compile(r"^(?:6011|64[4-9]|65|35(?:2[89]|[3-8]\d)|62)"), (16, 17, 18, 19)),  # Discover, JCB, UnionPay
    (re.compile(r"^(?:30[0-5]|3[689])"), (14, 15, 16, 17, 18, 19)),  # Diners Club
    (re.compile(r"^95"), (19,)),  # pre-UnionPay domestic debit cards of Chinese banks (95588…, 95599…)
    (re.compile(r"^(?:5018|5020|5038|5[6-8]|6304|6759|676[1-3])"), tuple(range(12, 20))),  # Maestro
    (re.compile(r"^(?:2131|1800)"), (15,)),  # JCB's older 15-digit numbers
)


def issued_length(digits: str) -> bool:
    """``digits`` start with a known issuer's prefix and have a length that issuer uses."""
    return any(prefix.match(digits) and len(digits) in lengths for prefix, lengths in ISSUER_LENGTHS)
EDGE_BEFORE, EDGE_AFTER = r"(?<![0-9A-Za-z.])", r"(?![0-9A-Za-z]|\.\d)"
CARD_PATTERNS = [
    Pattern("card_grouped", EDGE_BEFORE + r"\d{4}(?:[ -]\d{4}){2,3}(?:[ -]?\d{1,3})?" + EDGE_AFTER, 0.5),
    Pattern("card_amex_grouped", EDGE_BEFORE + r"3[47]\d{2}[ -]\d{6}[ -]\d{5}" + EDGE_AFTER, 0.5),
    Pattern("card_plain", EDGE_BEFORE + r"\d{13,19}" + EDGE_AFTER, 0.5),
    # 12 digits (Maestro's shortest) are as often some other code: only card context makes them one.
    Pattern("card_short", EDGE_BEFORE + r"\d{12}" + EDGE_AFTER, 0.3),
]
NOT_CARD_CONTEXT = ["订单", "单号", "运单", "快递", "流水号", "批次", "批号", "条码", "isbn", "order", "waybill",
                    "tracking", "invoice", "sku", "barcode", "ean", "timestamp", "batch", "lot"]


def card_digits(text: str) -> str | None:
    """The digits of a Luhn-valid 12–19 digit card number, else None."""
    digits = _NOT_DIGIT.sub("", text)
    if not 12 <= len(digits) <= 19 or len(set(digits)) == 1 or not luhn.is_valid(digits):
        return None
    return digits


class PaymentCardRecognizer(PatternRecognizer):
    ENTITY = "CREDIT_CARD"
    REPLACES = ("CreditCardRecognizer",)  # Presidio's, removed from the registry by the engine
    PATTERNS = CARD_PATTERNS
    CONTEXT = ["信用卡", "贷记卡", "信用卡号", "银行卡", "银行卡号", "借记卡", "储蓄卡", "工资卡", "卡号", "开户行",
               "card", "credit card", "debit card", "bank card", "card number", "card no", "visa", "mastercard", "amex",
               "maestro", "jcb", "unionpay", "银联", "cc", "payment card", "xykh", "yhkh"]
    negative_context = NOT_CARD_CONTEXT

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = card_digits(pattern_text)
        return None if digits is not None and issued_length(digits) else False
