"""Health conditions (PIPL Art. 28 / GDPR Art. 9): a zh/en lexicon, raised by 诊断/病史/diagnosis context.

Names of diseases are reported on their own; words that are also everyday words (surgery, 孕期,
depression) need context. The lexicons are data: extend them here.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

DISEASES_ZH = (
    "高血压", "低血压", "高血脂", "高血糖", "糖尿病", "冠心病", "心脏病", "心肌梗死", "心律失常", "脑卒中", "脑梗",
    "中风", "脂肪肝", "肝硬化", "乙肝", "丙肝", "肝炎", "乙肝病毒携带", "艾滋病", "梅毒", "淋病", "肺结核", "结核病",
    "哮喘", "慢阻肺", "肺炎", "甲状腺结节", "甲亢", "甲减", "痛风", "癫痫", "帕金森", "阿尔茨海默", "老年痴呆",
    "抑郁症", "焦虑症", "精神分裂症", "双相情感障碍", "自闭症", "孤独症", "多动症", "白血病", "淋巴瘤", "肺癌", "胃癌",
    "肝癌", "乳腺癌", "宫颈癌", "结肠癌", "直肠癌", "癌症", "恶性肿瘤", "红斑狼疮", "类风湿", "肾衰竭", "尿毒症",
    "不孕不育",
)
DISEASES_EN = (
    "diabetes", "hypertension", "asthma", "cancer", "leukemia", "lymphoma", "tumou?r", "HIV", "AIDS", "hepatitis [abc]",
    "hepatitis", "tuberculosis", "epilepsy", "schizophrenia", "bipolar disorder", "autism", "ADHD", "dementia",
    "alzheimer'?s(?: disease)?", "parkinson'?s(?: disease)?", "multiple sclerosis", "heart disease", "heart attack",
    "coronary artery disease", "arthritis", "COPD", "chronic kidney disease", "kidney failure", "celiac disease",
    "crohn'?s disease", "major depressive disorder", "anxiety disorder", "PTSD", "eating disorder", "anorexia",
    "pneumonia", "sickle cell anemia", "hemophilia", "infertility",
)
# Everyday words that are health data only in a health context.
NEEDS_CONTEXT = ("手术", "住院", "残疾", "pregnant", "pregnancy", "surgery", "disability", "depression", "stroke",
                 "anxiety", "obesity", "injury")
ALLERGENS_ZH = ("青霉素", "头孢", "磺胺", "阿司匹林", "花粉", "尘螨", "海鲜", "花生", "牛奶", "鸡蛋", "芒果", "酒精",
                "药物", "食物", "坚果", "乳糖", "麸质")
_ZH = "|".join(sorted(DISEASES_ZH, key=len, reverse=True))
_EN = "|".join(sorted(DISEASES_EN, key=len, reverse=True))
_ACRONYMS = ("hiv", "aids", "adhd", "copd", "ptsd")
_BODY = r"(?:knee|hip|back|heart|spine|spinal|shoulder|brain|eye|cardiac|bypass)"


class MedicalConditionRecognizer(PatternRecognizer):
    ENTITY = "MEDICAL_CONDITION"
    PATTERNS = [
        Pattern("disease_zh", rf"(?:[12一二]型)?(?:{_ZH})", 0.55),
        Pattern("allergy_zh", rf"(?:{'|'.join(ALLERGENS_ZH)})过敏", 0.55),
        # Pregnancy is health data; 孕期 products (营养品, 商品) are excluded by negative context.
        Pattern("pregnancy_zh", r"孕期|怀孕|妊娠", 0.5),
        Pattern("disease_en", rf"\b(?:type [12] )?(?:{_EN})\b", 0.55),
        Pattern("allergy_en", r"\b(?:peanut|nut|penicillin|shellfish|latex|egg|milk|gluten|bee sting|food)"
                r" allerg(?:y|ies)\b", 0.55),
        Pattern("surgery_en", rf"\b{_BODY} (?:surgery|operation|replacement|transplant)\b", 0.55),
        Pattern("needs_context", rf"(?<![A-Za-z])(?:{'|'.join(NEEDS_CONTEXT)})(?![A-Za-z])", 0.3),
    ]
    CONTEXT = ["诊断", "病史", "既往史", "既往病史", "病情", "患有", "确诊", "体检", "过敏史", "健康状况", "就诊",
               "病历", "diagnosis", "diagnosed", "diagnosed with", "medical", "condition", "health", "history of",
               "suffers", "treatment", "patient", "allergy", "allergies"]
    negative_context = ["产品", "商品", "营养", "保险产品", "研究", "基金", "sku", "product", "research", "fund",
                        "awareness", "foundation", "insurance plan"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        # "aids" in lower case is the verb; AIDS, HIV and the other acronyms must be upper case.
        return False if pattern_text.isalpha() and pattern_text.lower() in _ACRONYMS and not pattern_text.isupper() \
            else None
