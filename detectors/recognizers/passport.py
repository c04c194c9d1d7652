"""Passports of other countries: 1–2 letters + 6–8 digits, 9 digits (US), or 8–9 letters and digits mixed;
reported only with context.

Replaces Presidio's UsPassportRecognizer (see REPLACES), which reports bank routing numbers
as passports: here 9 bare digits need passport context and lose to routing/ABA context.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_CN_PASSPORT = re.compile(r"[EG]\d{8}|E[A-HJ-NP-Z]\d{7}")


class PassportRecognizer(PatternRecognizer):
    ENTITY = "PASSPORT"
    REPLACES = ("UsPassportRecognizer",)  # Presidio's, removed from the registry by the engine
    PATTERNS = [
        Pattern("passport_letters", r"(?<![0-9A-Za-z])[A-Z]{1,2}\d{6,8}(?![0-9A-Za-z])", 0.1),
        Pattern("passport_digits", r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])", 0.05),
        # Letters and digits mixed, 8–9 of them: German (C01X00T47), French (12AB34567), Japanese (TK1234567).
        Pattern("passport_mixed", r"(?<![0-9A-Za-z])(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,9}(?![0-9A-Za-z])",
                0.05),
    ]
    CONTEXT = ["passport", "passport no", "passport number", "passport #", "护照", "护照号", "护照号码",
               "travel document"]
    negative_context = ["routing", "aba", "swift", "account", "order", "invoice", "sku", "model", "serial", "part no",
                        "phone", "tel", "型号", "序列号", "订单", "账号", "电话", "手机"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__,
                         global_regex_flags=0)

    def validate_result(self, pattern_text: str) -> bool | None:
        # Chinese passport shapes are CnPassportRecognizer's.
        return False if _CN_PASSPORT.fullmatch(pattern_text) else None
