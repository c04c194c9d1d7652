import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("Driver's license: D1234567", ["D1234567"]),
    ("DL# 123456789", ["123456789"]),
    ("驾驶证号 110102199101010078", ["110102199101010078"]),
    ("D1234567", []),                            # no context
    ("software license key 12345678", []),
    ("驾驶证号 110102199101010079", []),         # check digit fails
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "DRIVER_LICENSE"] == expected


def test_a_resident_id_without_licence_context_stays_a_resident_id(engine):
    assert detect(engine, "身份证号 110102199101010078") == [("CN_RESIDENT_ID", "110102199101010078")]
