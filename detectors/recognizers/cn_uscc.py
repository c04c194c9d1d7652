"""Unified social credit codes of Chinese organisations (GB 32100-2015), check character via python-stdnum.

Company data, not personal information: reported as CN_USCC so reports can keep it apart.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer
from stdnum.cn import uscc

from detectors.recognizers.cn_resident_id import PROVINCES, plausible

RID_SHAPED_SCORE = 0.2
# Six digits, then a birth date 1900–2099: the layout of a resident ID, not of a USCC.
_BIRTH_DATE_SHAPE = re.compile(r"^\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9X]$")
_CHAR = "[0-9A-HJ-NPQRTUWXY]"  # GB 32100 leaves out I, O, S, V and Z
# Characters 9–17 are the organisation code of GB 11714: eight characters and its own MOD 11 check
# character. Digits count as themselves, letters A=10 … Z=35.
_ORG_VALUES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
NATIONAL_REGION = "10"  # codes registered by a national authority carry region 100000
# GB 32100 table 1: each registering authority (first character) and the entity types (second) it uses.
# A number starting 20… (a year: 2024…) has no type 0. Letters A, N and Y fail python-stdnum's digits check.
ENTITY_TYPES = {"1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239", "6": "129", "7": "129", "8": "19",
                "9": "123"}


def organisation_code_valid(code: str) -> bool:
    """The GB 11714 check character of the organisation code inside an 18-character USCC."""
    total = sum(_ORG_VALUES.index(c) * w for c, w in zip(code[8:16], _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return code[16] == {10: "X", 11: "0"}.get(check, str(check))


def plausible_code(code: str) -> bool:
    """Both check characters, an entity type its authority uses and a province (or national) region code:
    an 18-digit number passes the last check character alone one time in 31, all of them about once
    in 3,000."""
    code = code.replace(" ", "").upper()
    return (uscc.is_valid(code) and code[1] in ENTITY_TYPES.get(code[0], "")
            and code[2:4] in PROVINCES | {NATIONAL_REGION} and organisation_code_valid(code))


class UnifiedSocialCreditCodeRecognizer(PatternRecognizer):
    ENTITY = "CN_USCC"
    PATTERNS = [
        Pattern("cn_uscc", rf"(?<![0-9A-Za-z]){_CHAR}{{2}}\d{{6}}{_CHAR}{{10}}(?![0-9A-Za-z])", 0.5),
        # Printed codes are often grouped as 2 + 6 + 9 + 1 characters.
        Pattern("cn_uscc_grouped", rf"(?<![0-9A-Za-z]){_CHAR}{{2}} \d{{6}} {_CHAR}{{9}} ?{_CHAR}(?![0-9A-Za-z])",
                0.5),
    ]
    CONTEXT = ["统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号", "税号", "营业执照", "uscc", "tyshxydm",
               "credit code", "unified social credit", "tax id", "business license"]
    negative_context = ["批次", "批号", "订单", "运单", "batch", "order", "waybill", "tracking"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        if not plausible_code(pattern_text):
            return False
        # One all-digit code in 31 also passes as a resident ID; then the resident ID (certain) wins.
        compact = pattern_text.replace(" ", "")
        return None if compact[:17].isdigit() and plausible(compact) else True

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if _BIRTH_DATE_SHAPE.match(text[result.start:result.end]):
                # Digits shaped like a resident ID whose check digit failed are order or batch numbers
                # one time in 31 passing the USCC check by chance: only context makes them a code.
                result.score = RID_SHAPED_SCORE
        return results
