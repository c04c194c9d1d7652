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
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "ETHNICITY"] == expected
