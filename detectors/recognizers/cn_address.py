"""Chinese postal addresses: administrative divisions (省/市/区/县/镇/乡) and then a road and number, a building
(B座), a residential compound with its 栋/单元/室, or a village with its 组; a postcode may follow.

A value in a field labelled as an address (户籍地址：…, a 现住址 column) is an address as soon as it starts
with an administrative division: the weak ``cn_address_field`` pattern needs that label as context.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_HAN = r"[\u4e00-\u9fff]"
_NUM = r"[0-9０-９一二三四五六七八九十百零〇]"
# 小区, 社区, 园区 and 超市, 门市 end in a division's character without being one.
_DIVISION_MARK = r"(?:省|自治区|特别行政区|(?<![超门城])市|州|盟|地区|(?<![小社园校景厂矿营商城])区|县|旗)"
_REGION = (rf"(?:{_HAN}{{2,7}}?(?:省|自治区|特别行政区))?(?:{_HAN}{{1,7}}?(?:(?<![超门城])市|州|盟|地区))?"
           rf"(?:{_HAN}{{1,7}}?(?:(?<![小社园校景厂矿营商城])区|县|旗))?(?:{_HAN}{{1,8}}?(?:镇|乡|街道))?")
_STREET = rf"{_HAN}{{1,10}}(?:路|街|大道|道|巷|弄|胡同|里)"
_NUMBER = rf"[甲乙丙丁]?{_NUM}{{1,5}}(?:号|號)"
_UNIT_ONE = r"[0-9０-９A-Za-z一二三四五六七八九十-]{1,5}(?:栋|幢|座|号楼|楼|单元|层|室|户|号)"
_UNIT = rf"(?:{_UNIT_ONE}){{0,4}}"
_UNITS = rf"(?:{_UNIT_ONE}){{1,4}}"
_COMPOUND = rf"{_HAN}{{2,10}}?(?:小区|花园|家园|公寓|大厦|广场|新村|山庄|社区|苑|园|城|府|庭|湾|大楼)"
# A village is placed by its county or township (本县新农村 and 全市乡村 are policy words, not places).
_RURAL_REGION = (rf"(?:{_HAN}{{2,7}}?(?:省|自治区))?(?:{_HAN}{{1,7}}?(?:市|州|盟|地区))?"
                 rf"(?:{_HAN}{{2,7}}?(?:区|县|旗)(?:{_HAN}{{1,8}}?(?:镇|乡))?|{_HAN}{{2,8}}?(?:镇|乡))")
_VILLAGE = rf"{_HAN}{{2,8}}?(?<![农乡渔新])村(?:委会)?(?:{_NUM}{{1,3}}(?:组|队|社|号))*"
_POSTCODE = r"(?:[ \t,，]*(?:邮编|邮政编码)?[:：]?[ \t]*[1-8]\d{5}(?!\d))?"
_HAS_DIVISION = re.compile(_HAN + _DIVISION_MARK)
# The pattern starts a match as early as it can, so words before the first division come with it
# (请把发票寄到广东省…): the address starts at a province-level name or after a verb of sending or living,
# when no division comes before it.
_START = re.compile("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
                    "海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|"
                    "(?<=寄到|寄往|寄至|发往|发到|送到|送至|住在|家住|位于|来自|迁至|搬到|搬至)")


class CnAddressRecognizer(PatternRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = [
        # Division + road + number (or a building: B座, 3号楼) is an address; a road name alone is not.
        Pattern("cn_address", rf"{_REGION}{_STREET}(?:{_NUMBER}{_UNIT}|{_UNITS}){_POSTCODE}", 0.6),
        Pattern("cn_compound", rf"{_REGION}(?:{_STREET}(?:{_NUMBER})?)?{_COMPOUND}{_UNITS}{_POSTCODE}", 0.6),
        Pattern("cn_village", rf"{_RURAL_REGION}{_VILLAGE}{_POSTCODE}", 0.6),
        # A whole field that starts with a division: an address only where a label says so.
        Pattern("cn_address_field", rf"(?:(?<=[：:|\s,，;；=])|^){_HAN}{{2,12}}?{_DIVISION_MARK}"
                r"[\u4e00-\u9fff0-9０-９A-Za-z#()（）-]*(?=[\s|,，;；。]|$)", 0.15),
    ]
    CONTEXT = ["地址", "住址", "家庭住址", "通讯地址", "联系地址", "收货地址", "户籍地址", "现住址", "居住地",
               "户籍所在地", "住所", "籍贯", "dz", "address"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            start = _START.search(text, result.start, result.end)
            if start and start.start() > result.start and not _HAS_DIVISION.search(text, result.start, start.start()):
                result.start = start.start()
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        # Without a division (市/区/县/省) a "...路8号" is often a product or a shop sign.
        return None if _HAS_DIVISION.search(pattern_text) else False
