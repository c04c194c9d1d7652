"""Ethnic origin (PIPL Art. 28 / GDPR Art. 9): the 56 民族 of China, and race/ethnicity terms in English.

The 民族 names are specific enough to stand alone; English terms need 民族/race/ethnicity context.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

NATIONALITIES = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔",
    "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯",
    "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
RACES_EN = (
    "Han Chinese", "Uyghur", "Uighur", "Tibetan", "Hispanic", "Latino", "Latina", "Latinx", "African American",
    "Black or African American", "Caucasian", "White", "Black", "Asian American", "Asian", "Pacific Islander",
    "Native American", "American Indian", "Alaska Native", "Native Hawaiian", "Middle Eastern", "Arab", "Roma",
    # 民族 in pinyin, as English-language records write them (Li, Yi, Bai, Dai, She are words or surnames too).
    "Han", "Hui", "Zhuang", "Manchu", "Miao", "Tujia", "Mongol", "Mongolian", "Bouyei", "Buyei", "Hani", "Kazakh",
    "Lisu", "Naxi", "Qiang", "Xibe",
)
_MINZU = "|".join(sorted(NATIONALITIES, key=len, reverse=True))
# 水族馆 is an aquarium, 白族 is not 黑白族群, 京族 is not 北京族: the next and previous characters decide.
# A place is named after the peoples living there, not after a person's origin: 宁夏回族自治区, 威宁彝族回族苗族
# 自治县 and 民族乡 such as 喇嘛甸满族镇 are places in an address.
_NOT_AFTER = rf"(?!馆|箱|店|用品|缸|群|谱|人口|(?:(?:{_MINZU})族)*(?:自治|乡|镇))"
_NOT_BEFORE = r"(?<![北东南西本黑])"


class EthnicityRecognizer(PatternRecognizer):
    ENTITY = "ETHNICITY"
    PATTERNS = [
        Pattern("minzu", _NOT_BEFORE + rf"(?:{_MINZU})族" + _NOT_AFTER, 0.5),
        # 民族：汉 or a 民族 column of 汉/回/壮: the bare name fills its field, and only the label makes it one.
        Pattern("minzu_field", rf"(?:(?<=[：:|\s,，])|^)(?:{_MINZU})(?=[\s|,，;；]|$)", 0.05),
        # Tibet Autonomous Region, the Tibetan Plateau: a place too.
        Pattern("race_en", rf"\b(?:{'|'.join(sorted(RACES_EN, key=len, reverse=True))})\b"
                r"(?!\s+(?:Autonomous|Plateau))", 0.1),
    ]
    CONTEXT = ["民族", "族别", "族群", "种族", "mz", "ethnicity", "ethnic", "ethnic group", "ethnic origin", "race",
               "racial"]
    negative_context = ["品牌", "产品", "商品", "餐厅", "菜", "歌曲", "服饰", "product", "restaurant", "cuisine", "sku",
                        "font", "race condition"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)
