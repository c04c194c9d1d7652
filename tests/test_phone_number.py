import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("Phone: (212) 555-0147", ["(212) 555-0147"]),
    ("call +44 20 7946 0958 today", ["+44 20 7946 0958"]),
    ("from 203.0.113.222 at 09:15", []),           # an IP address, not an Indian number
    ("tracking number 2024-09-30", []),
    ("香港电话 +852 2123 4567", ["+852 2123 4567"]),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PHONE_NUMBER"] == expected


def test_ip_in_a_line_about_a_mobile_is_an_ip(engine):
    found = detect(engine, "order created mobile=13186111423 from 203.0.113.222")
    assert ("IP_ADDRESS", "203.0.113.222") in found
    assert ("PHONE_NUMBER", "13186111423") in found
