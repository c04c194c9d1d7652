import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("passport 912803456", ["912803456"]),
    ("Passport No: C03005988", ["C03005988"]),
    ("UK passport number 123456789", ["123456789"]),
    ("routing number 021000021", []),     # Presidio reported these as passports
    ("C03005988", []),                    # no context
    ("passport E12345678", []),           # a Chinese passport: CN_PASSPORT
    ("ABA routing 021000021, passport office", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PASSPORT"] == expected


def test_chinese_passport_is_cn_passport(engine):
    assert detect(engine, "passport E12345678") == [("CN_PASSPORT", "E12345678")]
