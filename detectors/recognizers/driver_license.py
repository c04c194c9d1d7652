"""Driver's licences, reported only with context: US state formats, and Chinese 驾驶证 numbers
(which are the holder's resident ID number, so a plausible resident ID next to 驾驶证 is a licence).

Replaces Presidio's UsLicenseRecognizer (see REPLACES), whose patterns match most codes.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from detectors.recognizers.cn_resident_id import ResidentIdRecognizer, plausible


class DriverLicenseRecognizer(PatternRecognizer):
    ENTITY = "DRIVER_LICENSE"
    REPLACES = ("UsLicenseRecognizer",)  # Presidio's, removed from the registry by the engine
    PATTERNS = [
        # Most US states: a letter and 7–14 digits, two letters and 6–8 digits, or 7–9 digits.
        Pattern("us_driver_license", r"(?<![0-9A-Za-z-])(?:[A-Z]\d{7,14}|[A-Z]{2}\d{6,8}|\d{7,9})(?![0-9A-Za-z-])",
                0.05),
        # With 驾驶证 context this outranks ResidentIdRecognizer, whose negative context holds 驾驶证.
        Pattern("cn_driver_license", ResidentIdRecognizer.PATTERNS[0].regex, 0.4),
    ]
    CONTEXT = ["driver license", "driver's license", "drivers license", "driving licence", "driver licence", "dl",
               "dl#", "dl no", "license number", "licence number", "驾驶证", "驾驶证号", "驾照", "驾驶执照", "jszh"]
    negative_context = ["software", "product", "key", "serial", "order", "invoice", "routing", "account", "phone",
                        "序列号", "订单", "电话", "营业执照", "许可证"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__,
                         global_regex_flags=0)

    def validate_result(self, pattern_text: str) -> bool | None:
        if len(pattern_text) == 18:
            return None if plausible(pattern_text) else False
        return None
