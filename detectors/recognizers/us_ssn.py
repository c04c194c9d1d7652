"""US social security numbers, validated by python-stdnum (no area 000/666/9xx, group 00, serial 0000,
nor the numbers known from advertising). Replaces Presidio's UsSsnRecognizer (see REPLACES)."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer
from stdnum.us import ssn

# Sample numbers that stdnum accepts but that stand for no one (forms, documentation).
_SAMPLES = frozenset(("123456789", "111223333", "987654320", "987654321"))
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![0-9A-Za-z-])", r"(?![0-9A-Za-z]|-\d)"


class SocialSecurityNumberRecognizer(PatternRecognizer):
    ENTITY = "US_SSN"
    REPLACES = ("UsSsnRecognizer",)  # Presidio's, removed from the registry by the engine
    PATTERNS = [
        Pattern("ssn_dashed", _EDGE_BEFORE + r"\d{3}-\d{2}-\d{4}" + _EDGE_AFTER, 0.5),
        # Spaced or bare nine digits are just as often other numbers: context must confirm them.
        Pattern("ssn_spaced", _EDGE_BEFORE + r"\d{3} \d{2} \d{4}" + _EDGE_AFTER, 0.3),
        Pattern("ssn_bare", _EDGE_BEFORE + r"\d{9}" + _EDGE_AFTER, 0.05),
    ]
    CONTEXT = ["ssn", "social security", "social security number", "ss#", "ssn#", "taxpayer", "tin", "社会安全号",
               "社会保障号", "社保号"]
    negative_context = ["order", "invoice", "routing", "aba", "account", "zip", "phone", "tel", "sku", "订单", "电话"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = re.sub(r"\D", "", pattern_text)
        return None if ssn.is_valid(digits) and digits not in _SAMPLES else False
