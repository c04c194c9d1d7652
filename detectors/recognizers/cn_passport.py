"""Passports of the People's Republic of China: E or G + 8 digits, or E + letter + 7 digits (since 2019)."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer


class CnPassportRecognizer(PatternRecognizer):
    ENTITY = "CN_PASSPORT"
    PATTERNS = [
        # The shape alone is common in SKUs and model numbers: only 护照/passport context makes it one.
        Pattern("cn_passport", r"(?<![0-9A-Za-z])(?:[EeGg]\d{8}|[Ee][A-HJ-NP-Za-hj-np-z]\d{7})(?![0-9A-Za-z])",
                0.2),
    ]
    CONTEXT = ["护照", "护照号", "护照号码", "因私护照", "passport", "passport no", "passport number", "hzhm"]
    negative_context = ["型号", "货号", "订单", "sku", "model", "order", "part"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)
