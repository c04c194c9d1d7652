"""Bank account numbers (8–17 digits, as US and most domestic accounts are), reported only next to account context.

Replaces Presidio's UsBankRecognizer, whose context words (bank, check, save, debit) vouch for any digit run
near "Power Bank" or "background check", and whose \\b edges fail on digits touching Chinese characters.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer


class BankAccountRecognizer(PatternRecognizer):
    ENTITY = "BANK_ACCOUNT"
    REPLACES = ("UsBankRecognizer",)  # Presidio's, removed from the registry by the engine
    PATTERNS = [Pattern("bank_account", r"(?<![\d.-])\d{8,17}(?![\d.-])", 0.05)]
    CONTEXT = ["account", "acct", "account#", "account no", "account number", "bank account", "checking account",
               "savings account", "账号", "帐号", "账户", "银行账号", "开户账号", "收款账户"]
    # An ABA routing number sits next to the account it routes to; builds, orders and phones are other digits.
    negative_context = ["routing", "aba", "order", "invoice", "build", "version", "sku", "tracking", "phone",
                        "mobile", "订单", "批次", "手机", "电话"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)
