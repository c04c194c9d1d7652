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
    ("Reisepass / passport: C01X00T47", ["C01X00T47"]),       # German: letters and digits mixed
    ("passeport n° 12AB34567", []),                           # French, but no English or Chinese context word
    ("Passport: 12AB34567", ["12AB34567"]),
    ("order 4821 for model no. X1Y2Z3W4", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PASSPORT"] == expected


def test_chinese_passport_is_cn_passport(engine):
    assert detect(engine, "passport E12345678") == [("CN_PASSPORT", "E12345678")]
