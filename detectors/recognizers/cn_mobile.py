"""Mainland China mobile numbers: 1[3-9]x xxxx xxxx, optionally +86, checked with phonenumbers."""
from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern, PatternRecognizer

_NOT_DIGIT = re.compile(r"\D")


def is_cn_mobile(text: str) -> bool:
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) > 11:
        digits = digits[len(digits) - 11:]
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) in (phonenumbers.PhoneNumberType.MOBILE,
                                                     phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE))


class CnMobileRecognizer(PatternRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        # Lookarounds instead of \b so that 手机13800138000 matches.
        Pattern("cn_mobile", r"(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)", 0.5),
    ]
    CONTEXT = ["手机", "手机号", "手机号码", "电话", "联系电话", "联系方式", "联系人", "移动电话", "sjhm", "sjh",
               "lxdh", "mobile", "phone", "tel", "cell", "contact"]
    # An 11-digit bank account number can start with 1[3-9] too (a bare 账号 may be a login, often the mobile).
    negative_context = ["订单", "单号", "运单", "批次", "流水号", "银行账号", "银行账户", "卡号", "order", "waybill",
                        "tracking", "sku", "invoice", "routing", "account number", "account no", "acct"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        # A valid number keeps its base score (None); only context should make it certain.
        return None if is_cn_mobile(pattern_text) else False
