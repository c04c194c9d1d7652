import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("护照号码E12345678", ["E12345678"]),
    ("passport no. G87654321", ["G87654321"]),
    ("护照：EA1234567，有效期至2030年", ["EA1234567"]),
    ("E12345678", []),                    # the shape alone
    ("型号E12345678", []),                # a model number
    ("护照号码E1234567", []),             # too short
    ("护照 EI1234567", []),               # I is never used
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "CN_PASSPORT"] == expected
