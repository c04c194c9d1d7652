import pytest

from conftest import detect
from detectors.recognizers.cn_uscc import UnifiedSocialCreditCodeRecognizer


def test_public_vectors(cn_vectors):
    recognizer = UnifiedSocialCreditCodeRecognizer()
    for code in cn_vectors["cn.uscc"]["valid"]:
        found = recognizer.analyze(f"统一社会信用代码：{code}。", ["CN_USCC"])
        assert [r.end - r.start for r in found] == [len(code)], code
    for case in cn_vectors["cn.uscc"]["invalid"]:
        assert recognizer.analyze(f"统一社会信用代码：{case['value']}", ["CN_USCC"]) == [], case


@pytest.mark.parametrize("text, expected", [
    ("统一社会信用代码：91440305838851677T", ["91440305838851677T"]),
    ("乙方（USCC 91110000600037341L）", ["91110000600037341L"]),
    ("税号91310115MA1K3BTP2B，", ["91310115MA1K3BTP2B"]),
    ("91110000600037341N", []),                      # check character fails
    ("9111000060003IOZSV", []),                      # letters GB 32100 leaves out
    ("编号A91110000600037341L", []),                 # part of a longer code
    ("订单号 420106200908213192", []),               # resident-ID-shaped order number, check passes by chance
    ("job=202485925228111532 status=ok", []),       # job number: last check passes, organisation code's fails
    ('"order_no": "202477617409319254",', []),     # the same, and "order" alone cannot outweigh a checksum
    ("统一社会信用代码：91440305838851678X", []),    # organisation code check character (7) is wrong
    ("统一社会信用代码：91240305838851677D", []),    # no province 24
    ("统一社会信用代码：20110105838851677A", []),    # authority 2 (foreign affairs) has no entity type 0
    ("统一社会信用代码：94440305838851677H", []),    # nor has 9 (market regulation) type 4
    ("统一社会信用代码：91100000838851677E", ["91100000838851677E"]),  # registered nationally: region 100000
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "CN_USCC"] == expected


def test_resident_id_wins_over_a_code_that_is_both(engine):
    # One valid resident ID in 31 is also a valid all-digit USCC; the person is what matters.
    assert detect(engine, "身份证 110102199101010078") == [("CN_RESIDENT_ID", "110102199101010078")]
