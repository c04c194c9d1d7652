import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("宗教信仰：佛教", ["佛教"]),
    ("本人信仰基督教", ["基督教"]),
    ("Religion: Muslim", ["Muslim"]),
    ("He is a devout Catholic", ["devout Catholic"]),
    ("Christian Dior perfume", []),        # a first name / brand
    ("佛教建筑历史文化之旅", []),
    ("Catholic University campus", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "RELIGION"] == expected
