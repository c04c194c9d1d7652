import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("Phone: (212) 555-0147", ["(212) 555-0147"]),
    ("call +44 20 7946 0958 today", ["+44 20 7946 0958"]),
    ("from 203.0.113.222 at 09:15", []),           # an IP address, not an Indian number
    ("tracking number 2024-09-30", []),
    ("香港电话 +852 2123 4567", ["+852 2123 4567"]),
    # Written as phone numbers are: country code, or three groups; no context word needed.
    ("Reference: Nathan Walls, reachable at +44 20 7946 0070.", ["+44 20 7946 0070"]),
    ("Candidate: Ann Lee (ann.lee@example.com, 206.880.8128)", ["206.880.8128"]),
    ("My assistant can be reached at +1 404 448 2166.", ["+1 404 448 2166"]),
    ("Fixed a crash in firmware (build 2030016563)", []),   # a bare digit run needs context
    ("deposit to account 19560423041 (routing number 021000021)", []),  # an ABA routing number
    ("ISBN 978-7-111-54742-6", []),
    ("请退款到我的银行卡 4991 9066 9113 0927，有问题请打我手机 13597887015。", ["13597887015"]),  # 16 digits: > E.164
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PHONE_NUMBER"] == expected


def test_ip_in_a_line_about_a_mobile_is_an_ip(engine):
    found = detect(engine, "order created mobile=13186111423 from 203.0.113.222")
    assert ("IP_ADDRESS", "203.0.113.222") in found
    assert ("PHONE_NUMBER", "13186111423") in found
