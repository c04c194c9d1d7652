"""Bank account numbers that are not card numbers (8–25 digits: US accounts, 对公账号), only next to account context.

Replaces Presidio's UsBankRecognizer, whose context words (bank, check, save, debit) vouch for any digit run
near "Power Bank" or "background check", and whose \\b edges fail on digits touching Chinese characters.
A Luhn-valid number with a card issuer's prefix and length is a payment card (CREDIT_CARD, DESIGN.md),
whatever it is called: 账号 6228… is the debit card the account is reached by.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from detectors.recognizers.payment_card import card_digits, issued_length


class BankAccountRecognizer(PatternRecognizer):
    ENTITY = "BANK_ACCOUNT"
    REPLACES = ("UsBankRecognizer",)  # Presidio's, removed from the registry by the engine
    # Chinese corporate accounts run to 20–25 digits (ICBC 19, CCB 20, some city banks 22+).
    PATTERNS = [Pattern("bank_account", r"(?<![\d.-])\d{8,25}(?![\d.-])", 0.05)]
    CONTEXT = ["account", "acct", "account#", "account no", "account number", "bank account", "checking account",
               "savings account", "账号", "帐号", "账户", "银行账号", "开户账号", "收款账户", "对公账号", "对公账户",
               "结算账户", "基本户", "收款账号", "付款账号"]
    # An ABA routing number sits next to the account it routes to; builds, orders and phones are other digits.
    negative_context = ["routing", "aba", "order", "invoice", "build", "version", "sku", "tracking", "phone",
                        "mobile", "订单", "批次", "手机", "电话"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = card_digits(pattern_text)
        return False if digits is not None and issued_length(digits) else None
