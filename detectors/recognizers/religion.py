"""Religious belief (PIPL Art. 28 / GDPR Art. 9): religions and believers in Chinese and English.

Faith words are everyday words (Christian is also a first name), so only 宗教信仰/religion context,
or a phrase that states a belief (信仰佛教, is a practising Muslim), makes them a finding.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

RELIGIONS_ZH = ("佛教", "道教", "伊斯兰教", "基督教", "天主教", "新教", "东正教", "犹太教", "印度教", "锡克教",
                "藏传佛教", "佛教徒", "基督徒", "天主教徒", "穆斯林", "道教徒", "犹太教徒", "无宗教信仰", "无神论")
RELIGIONS_EN = ("Christian", "Christianity", "Catholic", "Roman Catholic", "Protestant", "Orthodox Christian", "Muslim",
                "Islam", "Islamic", "Buddhist", "Buddhism", "Taoist", "Taoism", "Jewish", "Judaism", "Hindu",
                "Hinduism", "Sikh", "Sikhism", "Jehovah's Witness", "Mormon", "Atheist", "Agnostic", "Evangelical")
_ZH = "|".join(sorted(RELIGIONS_ZH, key=len, reverse=True))
_EN = "|".join(sorted(RELIGIONS_EN, key=len, reverse=True))


class ReligionRecognizer(PatternRecognizer):
    ENTITY = "RELIGION"
    PATTERNS = [
        Pattern("belief_zh", rf"(?<=信仰|信奉)(?:{_ZH})|(?:{_ZH})(?=信徒|信仰者)", 0.6),
        Pattern("religion_zh", rf"(?:{_ZH})", 0.2),
        Pattern("believer_en", rf"(?<=\bis a )(?:practi[cs]ing |devout )?(?:{_EN})\b", 0.6),
        Pattern("religion_en", rf"\b(?:{_EN})\b", 0.1),
    ]
    CONTEXT = ["宗教", "宗教信仰", "信仰", "信教", "zjxy", "religion", "religious", "faith", "belief", "denomination"]
    negative_context = ["寺庙门票", "旅游", "景区", "建筑", "历史", "文化", "product", "tour", "history", "school",
                        "university", "college", "hospital", "church street", "dior"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)
