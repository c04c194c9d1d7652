"""Chinese personal names: jieba's part-of-speech tagger (``nr``, HMM on) checked against a surname list,
with context (姓名/联系人/客户/先生/女士) deciding the cases the tagger is unsure of.

jieba is loaded lazily, once per process, and quietly; its dictionary ships with the package (offline).
"""
from __future__ import annotations

import logging
import re
import threading

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

# The most common single-character surnames (together well over 95% of the population), and compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
    "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟"
    "冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏"
    "鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智"
    "幸奉植衡富尧闭由洪萧赖")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "钟离", "赫连",
                     "澹台", "申屠", "濮阳", "拓跋", "太史", "公冶")
# Words after a surname that make a title, not a name: 王经理 is a person, but not a name to report.
TITLES = frozenset(("经理", "总", "总监", "先生", "女士", "小姐", "老师", "医生", "主任", "师傅", "同学", "阿姨",
                    "律师", "会计", "董事", "局长", "处长", "科长", "院长", "校长", "教授", "博士", "家", "氏", "某",
                    "姓"))
_NAME_TAGS = frozenset(("nr", "nrfg", "nrt"))
_GIVEN_TAGS = _NAME_TAGS | {"nz", "z", "zg", "ng"}
# Endings of places and organisations: 徐汇区 is tagged nr by jieba.
PLACE_ENDINGS = frozenset("省市区县镇乡村路街道巷号楼室栋州族部局院校店厂司行")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_EDGE = r"\s,，;；:：|/()（）\[\]【】\"'、。"
_FIELD_EDGE = re.compile(f"[{_EDGE}]")
_FIELD = re.compile(f"(?:(?<=[{_EDGE}])|^)[\u4e00-\u9fff]{{2,4}}(?=[{_EDGE}]|$)", re.MULTILINE)
COMMON_WORD_FREQ = 100  # a whole cell that is a common dictionary word (华北, 周末) is not a name
# jieba's dictionary tags frequent two-character words nr (谢谢, 明白, 文明, 阳光): as common as this,
# such a word is far likelier the word than a person's name, and a context word nearby (客户 张芳，谢谢)
# does not change that; only a column judged to hold names raises it.
COMMON_NAME_WORD_FREQ = 500

_lock = threading.Lock()
_tagger = None


def _posseg():
    """jieba's tagger, initialised once per process, without its start-up chatter."""
    global _tagger
    with _lock:
        if _tagger is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _tagger = jieba.posseg
    return _tagger


def _starts_with_common_word(field: str) -> bool:
    """华北 and 周末见 start with a frequent dictionary word that jieba does not tag as a name."""
    tagger = _posseg()
    frequency, tags = tagger.dt.tokenizer.FREQ, tagger.dt.word_tag_tab
    first = len(surname_of(field) or "") + 1  # 欧阳 is a word (a place) as well as a surname
    return any(frequency.get(field[:n], 0) >= COMMON_WORD_FREQ and tags.get(field[:n], "") not in _NAME_TAGS
               for n in range(max(first, 2), len(field) + 1))


def _frequent_word(word: str) -> bool:
    """A two-character word as frequent as 谢谢 or 明白, whatever jieba tags it."""
    return len(word) == 2 and _posseg().dt.tokenizer.FREQ.get(word, 0) >= COMMON_NAME_WORD_FREQ


def _is_dictionary_word(word: str) -> bool:
    return bool(_posseg().dt.tokenizer.FREQ.get(word))


def surname_of(name: str) -> str | None:
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return name[:2]
    return name[0] if name[0] in SURNAMES else None


def is_name_shape(name: str) -> bool:
    """A known surname and a one- or two-character given name, not a title (王经理) nor a place (徐汇区)."""
    surname = surname_of(name) if _HAN.match(name) and 2 <= len(name) <= 4 else None
    return (surname is not None and len(name) - len(surname) in (1, 2)
            and name[len(surname):] not in TITLES and name[-1] not in PLACE_ENDINGS)


class ChinesePersonRecognizer(EntityRecognizer):
    ENTITY = "PERSON"
    BASIS = "jieba's word segmentation and person-name tags, checked against a list of surnames"
    TAGGED_SCORE = 0.5     # jieba says nr and the surname fits
    FIELD_BONUS = 0.15     # ... and the name fills its own cell or field
    JOINED_SCORE = 0.35    # surname and given name tagged apart: context must confirm
    FIELD_SCORE = 0.3      # a cell or field of 2–4 characters starting with a surname: context must confirm
    WORD_SCORE = 0.05      # a frequent word jieba tags nr: below the threshold even with context and a field
    CONTEXT = ["姓名", "名字", "联系人", "客户", "客户姓名", "经办人", "法定代表人", "法人代表", "负责人", "先生",
               "女士", "申请人", "员工", "用户", "收件人", "收货人", "患者", "持卡人", "户名", "开户名", "签字",
               "候选人", "家属", "监护人", "xm", "name", "contact", "customer", "employee", "applicant"]
    # A sample in a form or template (例：李明) is not a person.
    negative_context = ["路", "街", "公司", "品牌", "产品", "型号", "sku", "product", "示例", "例如", "例：", "样例",
                        "范本", "模板", "填写示例", "e.g.", "example", "sample"]

    def __init__(self, supported_language: str = "zh"):
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name=type(self).__name__, context=self.CONTEXT)

    def load(self) -> None:
        """jieba loads on first use, not when the engine is built for English-only scans."""

    def analyze(self, text, entities, nlp_artifacts=None):
        if not re.search(r"[\u4e00-\u9fff]", text):
            return []
        words = [(w.word, w.flag) for w in _posseg().cut(text, HMM=True)]
        scores: dict[tuple[int, int], float] = {}
        offset = 0
        for i, (word, _flag) in enumerate(words):
            candidate = self._candidate(words, i)
            if candidate:
                name, score = candidate
                end = offset + len(name)
                scores[offset, end] = score + (self.FIELD_BONUS if self._is_field(text, offset, end) else 0)
            offset += len(word)
        for match in _FIELD.finditer(text):
            if is_name_shape(match.group()) and not (_starts_with_common_word(match.group())
                                                     or _frequent_word(match.group())):
                span = match.span()
                scores[span] = max(scores.get(span, 0), self.FIELD_SCORE)
        return [self._result(start, end, score) for (start, end), score in sorted(scores.items())]

    def _candidate(self, words: list[tuple[str, str]], i: int) -> tuple[str, float] | None:
        word, flag = words[i]
        # jieba's dictionary tags some words nr (银行卡, 严重性): a dictionary word that starts with a common
        # word is that word, while names the HMM finds are not in the dictionary.
        if flag in _NAME_TAGS and is_name_shape(word) and not (_is_dictionary_word(word)
                                                               and _starts_with_common_word(word)):
            if _frequent_word(word):
                return word, self.WORD_SCORE
            return word, self.TAGGED_SCORE
        # jieba sometimes tags surname and given name apart: 孙/zg 建华/nz, 邓/nr 婷婷/z.
        if len(word) == 1 and word in SURNAMES and i + 1 < len(words):
            given, given_flag = words[i + 1]
            joined = word + given
            if given_flag in _GIVEN_TAGS and len(given) <= 2 and is_name_shape(joined):
                return joined, self.JOINED_SCORE
        return None

    @staticmethod
    def _is_field(text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else "\n"
        return bool(_FIELD_EDGE.match(before) and _FIELD_EDGE.match(after))

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name="jieba nr + surname")
        return RecognizerResult(self.ENTITY, start, end, score, explanation, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
