"""International phone numbers through phonenumbers (Presidio's recognizer), minus its look-alikes."""
from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

# Dotted quads are IP addresses, and dates/times are not numbers to call; phonenumbers'
# lenient matcher accepts both in some regions (203.0.113.222 is a valid Indian number).
# So are software versions (major.minor.build.patch, as 125.0.6422.165 in a user agent).
_LOOK_ALIKES = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}:\d{2}"
                          r"|^[1-9]\d*\.\d{1,2}\.\d{3,}\.\d+$")
# Eleven bare digits starting with 1 have the shape of a Chinese mobile: CnMobileRecognizer decides
# those, so an invalid one (12345678901) is not reported as a US number instead.
_CN_MOBILE_SHAPE = re.compile(r"^1\d{10}$")
# E.164 numbers have at most 15 digits, country code included: a longer run (a card number written
# 4991 9066 9113 0927) is something else, whatever region's lenient parse accepts it.
E164_MAX_DIGITS = 15
# Written the way people write phone numbers: with a country code (+44 20 7946 0070), an area code in
# brackets, three groups with one separator (206.880.8128, 020 7946 0070) or a Chinese area code
# (021-64871234). Bare digit runs (build 2030016563) are more often codes and need context instead.
_FORMATTED = re.compile(r"^\+\d|^\(\d{2,4}\)\s?\d|^\d{2,4}([ .-])\d{3,4}\1\d{3,4}$|^0\d{2,3}-\d{7,8}$")
FORMATTED_SCORE = 0.55  # above min_score: the format is the evidence
# Inside a larger token: a browser version (Chrome/125.0.6422.165), a request or trace ID (req-2024…-8841).
_TOKEN_BEFORE = re.compile(r"(?:[A-Za-z0-9_/\\-]|\d\.)\Z")
_TOKEN_AFTER = re.compile(r"^(?:[A-Za-z0-9_/\\]|[.-]\d)")
# A company's lines, not a person's: toll-free (800), shared-cost (China's 400) and premium numbers. (UK 03
# "universal access" numbers are charged as landlines and given out by people too.)
_COMPANY_LINES = frozenset((phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.SHARED_COST,
                            phonenumbers.PhoneNumberType.PREMIUM_RATE))


class PhoneNumberRecognizer(PhoneRecognizer):
    """Replaces Presidio's PhoneRecognizer: regions where our users' data comes from, Chinese context
    words, and negative context (order, waybill) that the context enhancer applies."""

    ENTITY = "PHONE_NUMBER"
    REGIONS = ("CN", "HK", "TW", "SG", "US", "CA", "GB", "DE", "FR", "AU", "JP")
    CONTEXT = PhoneRecognizer.CONTEXT + ["tel", "fax", "reach", "reached", "reachable", "contact",
                                         "电话", "手机", "联系电话", "传真", "联系方式", "座机"]
    # Bank numbers are digit runs too: a routing (ABA) or account number is not a number to call. A hotline or
    # switchboard is the company's, not a person's.
    negative_context = ["订单", "单号", "运单", "批次", "流水号", "账号", "帐号", "卡号", "order", "waybill",
                        "tracking", "invoice", "sku", "routing", "routing number", "aba", "account number",
                        "account no", "acct", "hotline", "switchboard", "toll-free", "toll free", "customer service",
                        "热线", "服务热线", "客服", "客服电话", "总机", "总台"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(context=self.CONTEXT, supported_language=supported_language,
                         supported_regions=self.REGIONS, name=type(self).__name__)

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for result in super().analyze(text, entities, nlp_artifacts):
            value = text[result.start:result.end].strip()
            if (_LOOK_ALIKES.match(value) or _CN_MOBILE_SHAPE.match(value)
                    or sum(c.isdigit() for c in value) > E164_MAX_DIGITS
                    or _TOKEN_BEFORE.search(text, max(0, result.start - 2), result.start)
                    or _TOKEN_AFTER.match(text[result.end:result.end + 2]) or self._company_line(value)):
                continue
            if _FORMATTED.match(value):
                result.score = max(result.score, FORMATTED_SCORE)
                if result.analysis_explanation:
                    result.analysis_explanation.append_textual_explanation_line("written in a phone number format")
            results.append(result)
        return results

    def _company_line(self, value: str) -> bool:
        """A company's line in every region where the number is valid: 0835 649 312 is premium in France but
        a landline in Ireland, so a person's as far as we can tell."""
        types = set()
        for region in self.REGIONS:
            try:
                number = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                types.add(phonenumbers.number_type(number))
        return bool(types) and types <= _COMPANY_LINES
