"""Phone numbers written in a shape phonenumbers cannot place (67-45-12-90, (99) 645-791, 0688 872 49 99),
reported only where a label or a verb says a number to call follows: Phone:, Tel, Fax, call me on, 电话.

PhoneNumberRecognizer reports the numbers phonenumbers validates for our regions; this one is the
context-only fallback for the rest, so it starts below every threshold.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from detectors.recognizers.phone_number import _LOOK_ALIKES, E164_MAX_DIGITS, PhoneNumberRecognizer

MIN_DIGITS = 7  # a local number without its area code; fewer is an extension or a code
# 2024-06-28 05:16 and 2024 06 28 0516 are time stamps.
_DATE_FIRST = re.compile(r"^(?:19|20)\d{2}([-/. ])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?!\d)")


class PhoneFieldRecognizer(PatternRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        Pattern("phone_shaped", r"(?<![\w+.:/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}"
                r"(?![\w/]|[.:-]\d)", 0.1),
    ]
    CONTEXT = ["phone", "telephone", "tel", "mobile", "cell", "fax", "call me", "call me on", "call me at",
               "reach me at", "messages to", "text me", "sms", "whatsapp", "电话", "手机", "联系电话", "传真"]
    negative_context = PhoneNumberRecognizer.negative_context + ["date", "zip", "postcode", "邮编"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = sum(c.isdigit() for c in pattern_text)
        ok = (MIN_DIGITS <= digits <= E164_MAX_DIGITS and not _LOOK_ALIKES.match(pattern_text)
              and not _DATE_FIRST.match(pattern_text))
        return None if ok else False
