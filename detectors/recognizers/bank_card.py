"""Chinese bank (debit) cards as BANK_ACCOUNT: UnionPay 62… and old domestic 95… numbers, Luhn-valid.

Rule for CREDIT_CARD vs BANK_ACCOUNT: a UnionPay (62) or domestic (95) card number is a bank
account — the 19-digit UnionPay debit card is what Chinese customer records hold under 银行卡/开户行/
账号 — unless credit context (信用卡, credit card) is nearer, which lowers this match and raises
PaymentCardRecognizer's. Other issuers (Visa, Mastercard, ...) are always CREDIT_CARD.
"""
from __future__ import annotations

from presidio_analyzer import PatternRecognizer

from detectors.recognizers.payment_card import CARD_PATTERNS, NOT_CARD_CONTEXT, card_digits

UNIONPAY_BOOST = 0.05  # above PaymentCardRecognizer's base score for the same number


class BankCardRecognizer(PatternRecognizer):
    ENTITY = "BANK_ACCOUNT"
    PATTERNS = CARD_PATTERNS
    CONTEXT = ["银行卡", "银行卡号", "开户行", "开户银行", "开户", "账号", "帐号", "银行账户", "储蓄卡",
               "借记卡", "收款账户", "yhkh", "bank card", "bank account", "account no", "account number", "debit card"]
    negative_context = NOT_CARD_CONTEXT + ["信用卡", "贷记卡", "credit"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = card_digits(pattern_text)
        if digits is None or not (digits.startswith("62") and len(digits) >= 16
                                  or digits.startswith("95") and len(digits) == 19):
            return False
        return None

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            result.score += UNIONPAY_BOOST
        return results
