import pytest

from conftest import detect
from detectors.recognizers.ethnicity import NATIONALITIES


def test_all_56_nationalities():
    assert len(set(NATIONALITIES)) == 56


@pytest.mark.parametrize("text, expected", [
    ("民族：汉族", ["汉族"]),
    ("维吾尔族，籍贯新疆", ["维吾尔族"]),
    ("张三 蒙古族 1990年", ["蒙古族"]),
    ("Race: Hispanic", ["Hispanic"]),
    ("ethnicity Han Chinese", ["Han Chinese"]),
    ("去水族馆看鱼", []),                 # aquarium
    ("北京族谱研究", []),
    ("White paper on pricing", []),      # English terms need context
    ("Black Friday sale", []),
    # Places named after the peoples living there are no one's ethnicity (an address, a customer's city).
    ("现住址：广西壮族自治区柳州市城中区", []),
    ("客户 陈静 来自宁夏回族自治区固原市", []),
    ("云南省红河哈尼族彝族自治州蒙自市", []),                     # several peoples, then 自治州
    ("贵州省毕节市威宁彝族回族苗族自治县", []),
    ("黑龙江省大庆市大同区林源镇 喇嘛甸满族镇", []),               # 民族乡/镇
    ("Lhasa, Tibet Autonomous Region; ethnicity Tibetan Autonomous Region", []),
    ("民族：回族，户籍宁夏回族自治区", ["回族"]),                 # the person's 民族 still counts
    ("籍贯广西壮族自治区，民族 壮族", ["壮族"]),
    ("民族：回  籍贯：甘肃", ["回"]),                            # the bare name in a labelled field
    ("Ethnic group: Zhuang", ["Zhuang"]),
    ("水 电 费用", []),                                          # the same characters unlabelled
    ("fixed a race condition in Han's worker pool", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "ETHNICITY"] == expected
