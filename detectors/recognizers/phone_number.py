"""International phone numbers through phonenumbers (Presidio's recognizer), minus its look-alikes."""
from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import PhoneRecognizer

# Dotted quads are IP addresses, and dates/times are not numbers to call; phonenumbers'
# lenient matcher accepts both in some regions (203.0.113.222 is a valid Indian number).
_LOOK_ALIKES = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}:\d{2}")
# Eleven bare digits starting with 1 have the shape of a Chinese mobile: CnMobileRecognizer decides
# those, so an invalid one (12345678901) is not reported as a US number instead.
_CN_MOBILE_SHAPE = re.compile(r"^1\d{10}$")


class PhoneNumberRecognizer(PhoneRecognizer):
    """Replaces Presidio's PhoneRecognizer: regions where our users' data comes from, Chinese context
    words, and negative context (order, waybill) that the context enhancer applies."""

    ENTITY = "PHONE_NUMBER"
    REGIONS = ("CN", "HK", "TW", "SG", "US", "CA", "GB", "DE", "FR", "AU", "JP")
    CONTEXT = PhoneRecognizer.CONTEXT + ["tel", "fax", "电话", "手机", "联系电话", "传真", "联系方式"]
    negative_context = ["订单", "单号", "运单", "批次", "流水号", "order", "waybill", "tracking", "invoice", "sku"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(context=self.CONTEXT, supported_language=supported_language,
                         supported_regions=self.REGIONS, name=type(self).__name__)

    def analyze(self, text, entities, nlp_artifacts=None):
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not _LOOK_ALIKES.match(text[r.start:r.end].strip())
                and not _CN_MOBILE_SHAPE.match(text[r.start:r.end].strip())]
