"""Dates of birth: a date in a common Chinese or English format next to 出生日期/生日/DOB/born.

A date alone is not personal information, so without context the score stays under the threshold.
Findings keep only the derived ``is_minor`` flag, never the date.
"""
from __future__ import annotations

import datetime
import re

from presidio_analyzer import Pattern, PatternRecognizer

from detectors.recognizers.cn_resident_id import is_minor_on

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_YMD = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TEXT = re.compile(r"(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})")


def parse(text: str) -> datetime.date | None:
    """The date ``text`` names (day/month/year read day first when ambiguous), or None."""
    text = text.strip()
    try:
        if m := _YMD.fullmatch(text.rstrip("日号")):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _COMPACT.fullmatch(text):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.fullmatch(text):
            day, month = int(m[1]), int(m[2])
            if month > 12:  # US order, 12/31/1990
                day, month = month, day
            return datetime.date(int(m[3]), month, day)
        if (m := _TEXT.fullmatch(text)) and m[2].lower() in _MONTHS:
            return datetime.date(int(m[4]), _MONTHS.index(m[2].lower()) + 1, int(m[1] or m[3] or 1))
    except ValueError:
        return None
    return None


class DateOfBirthRecognizer(PatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("date_ymd", _EDGE_BEFORE + r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|"
                r"([/.-])\d{1,2}\1\d{1,2})" + _EDGE_AFTER, 0.1),
        Pattern("date_dmy", _EDGE_BEFORE + r"\d{1,2}([/.-])\d{1,2}\1(?:19|20)\d{2}" + _EDGE_AFTER, 0.1),
        # 19850312, as Chinese HR systems store 出生日期 (csrq); eight digits are often codes, so it scores lower.
        Pattern("date_compact", _EDGE_BEFORE + r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])" + _EDGE_AFTER,
                0.05),
        Pattern("date_text", rf"\b(?:\d{{1,2}}\s+{_MONTH_NAME}|{_MONTH_NAME}\s+\d{{1,2}},?)\s+(?:19|20)\d{{2}}\b", 0.1),
    ]
    CONTEXT = ["出生日期", "出生年月", "出生年月日", "生日", "出生", "出生于", "csrq", "dob", "d.o.b", "date of birth",
               "birth date", "birthdate", "birthday", "born", "born on"]
    negative_context = ["入职", "签订", "签署", "到期", "有效期", "发货", "下单", "created", "updated",
                        "expires", "expiry", "issued", "hired", "signed", "order", "invoice"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__,
                         global_regex_flags=re.IGNORECASE)

    def validate_result(self, pattern_text: str) -> bool | None:
        born = parse(pattern_text)
        return None if born and datetime.date(1900, 1, 1) <= born <= datetime.date.today() else False

    @staticmethod
    def is_minor(text: str) -> bool | None:
        born = parse(text)
        return is_minor_on(born) if born else None
