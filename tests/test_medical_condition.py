import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("诊断：2型糖尿病", ["2型糖尿病"]),
    ("既往史：高血压、脂肪肝", ["高血压", "脂肪肝"]),
    ("对青霉素过敏", ["青霉素过敏"]),
    ("孕期客户，优先安排", ["孕期"]),
    ("乙肝病毒携带", ["乙肝病毒携带"]),
    ("diagnosed with type 2 diabetes last year", ["type 2 diabetes"]),
    ("Has peanut allergy; see account flags", ["peanut allergy"]),
    ("Has knee surgery; see account flags", ["knee surgery"]),
    ("HIV positive", ["HIV"]),
    ("病史：手术", ["手术"]),                        # an everyday word, with context
    ("诊断：未见异常", []),
    ("手术室预约系统", []),                          # everyday word without context
    ("this aids the team", []),                     # the verb
    ("the stroke of a key", []),
    ("孕期营养品 SKU-1001", []),                     # a product
    ("cancer research fund", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "MEDICAL_CONDITION"] == expected
