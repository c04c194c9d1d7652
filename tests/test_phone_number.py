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
    # Versions in user agents and pieces of request IDs are not numbers to call, mobile context or not.
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/125.0.6422.165 Mobile Safari/537.36", []),
    ("build 118.0.5993.90 for mobile", []),
    ("req-206-880-8128 mobile", []),
    ("request_id=rq_4155550123 phone", []),
    ("trace 9a1f-415-555-0123 tel", []),
    # A company's lines: China's 400 shared-cost and 800 toll-free numbers, US toll-free, a switchboard.
    ("联系客服 400-820-8820", []),
    ("Call our toll-free hotline 1-800-555-0199", []),
    ("Main line (switchboard): (212) 555-0100", []),
    ("公司总机：021-6288 0000", []),
    ("Tel: (212) 555-0100", ["(212) 555-0100"]),              # the same number given as a person's
    ("紧急联系电话：021-6288 0000", ["021-6288 0000"]),
    # What the rules above must not take: a number on the line after a word, French dotted pairs, a number
    # premium in one region and a landline in another.
    ("Office fax\n+1-415-555-0134 mobile", ["+1-415-555-0134"]),
    ("Can you call me on 01.42.68.53.00? Thanks", ["01.42.68.53.00"]),
    ("Phone: 083 912 4471", ["083 912 4471"]),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PHONE_NUMBER"] == expected


def test_ip_in_a_line_about_a_mobile_is_an_ip(engine):
    found = detect(engine, "order created mobile=13186111423 from 203.0.113.222")
    assert ("IP_ADDRESS", "203.0.113.222") in found
    assert ("PHONE_NUMBER", "13186111423") in found
