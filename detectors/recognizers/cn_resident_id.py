"""Chinese resident identity numbers (GB 11643-1999): 18 characters, MOD 11-2 check digit."""
from __future__ import annotations

import datetime

from presidio_analyzer import Pattern, PatternRecognizer
from stdnum import numdb
from stdnum.cn import ric

# Province prefixes known to GB/T 2260, read from python-stdnum's own location table,
# plus 83, which residence permits for Taiwan residents use (81/82 are in the table).
# Each top-level entry is (length, low, high, properties, children); low is the 2-digit code.
PROVINCES = frozenset(entry[1] for entry in numdb.get("cn/loc").prefixes) | {"83"}


MINOR_AGE = 14  # PIPL Art. 28: personal information of minors under 14 is sensitive


def birth_date(number: str) -> datetime.date:
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def is_minor_on(born: datetime.date, today: datetime.date | None = None) -> bool:
    """Under MINOR_AGE on ``today``."""
    today = today or datetime.date.today()
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < MINOR_AGE


def plausible(number: str, today: datetime.date | None = None) -> bool:
    """Check digit, a real birth date between 1900 and today, and a known province prefix.

    The full county code is deliberately not required to have existed at the birth date
    (python-stdnum's ``ric.validate`` does): real and test data both fail that.
    """
    number = number.upper()
    if number[:2] not in PROVINCES or ric.calc_check_digit(number) != number[-1]:
        return False
    try:
        born = birth_date(number)
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= (today or datetime.date.today())


class ResidentIdRecognizer(PatternRecognizer):
    ENTITY = "CN_RESIDENT_ID"
    PATTERNS = [
        # Lookarounds instead of \b: \b fails where digits touch Chinese characters (身份证110...).
        Pattern("cn_resident_id", r"(?<![0-9A-Za-z])[1-8]\d{5}(?:18|19|20)\d{2}"
                r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])", 0.5),
    ]
    CONTEXT = ["身份证", "身份证号", "身份证号码", "证件号", "证件号码", "公民身份号码", "身份号码",
               "sfz", "sfzh", "id card", "id number", "identity", "resident id", "id_card", "idcard"]
    negative_context = ["批次", "批号", "订单", "运单", "batch", "order", "waybill", "tracking", "驾驶证", "驾照"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool:
        return plausible(pattern_text)

    @staticmethod
    def is_minor(text: str) -> bool:
        """The number encodes the birth date; only this derived flag is kept, never the date."""
        return is_minor_on(birth_date(text))
