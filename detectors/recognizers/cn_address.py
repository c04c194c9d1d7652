"""Chinese postal addresses: administrative divisions down to road and number (省/市/区/县/路/号/室)."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_HAN = r"[\u4e00-\u9fff]"
_REGION = rf"(?:{_HAN}{{2,7}}(?:省|自治区|特别行政区))?(?:{_HAN}{{2,7}}(?:市|州|盟))?(?:{_HAN}{{1,7}}(?:区|县|旗))?"
_STREET = rf"(?:{_HAN}{{1,8}}(?:镇|乡|街道))?{_HAN}{{1,10}}(?:路|街|大道|道|巷|弄|胡同|里)"
_NUMBER = r"[0-9０-９一二三四五六七八九十百]{1,5}(?:号|號)"
_UNIT = r"(?:[0-9A-Za-z一二三四五六七八九十]{1,4}(?:栋|幢|座|号楼|楼|单元|层|室|户)){0,4}"


class CnAddressRecognizer(PatternRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = [
        # Division + road + number is an address; a road name alone is not.
        Pattern("cn_address", rf"{_REGION}{_STREET}{_NUMBER}{_UNIT}", 0.6),
    ]
    CONTEXT = ["地址", "住址", "家庭住址", "通讯地址", "联系地址", "收货地址", "户籍地址", "居住地", "dz", "address"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        # Without a division (市/区/县/省) a "...路8号" is often a product or a shop sign.
        return None if any(mark in pattern_text for mark in "省市区县州旗镇") else False
