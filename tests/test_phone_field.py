import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    # Shapes phonenumbers cannot place in our regions, after a label or a verb that says a number follows.
    ("Phone: (61) 774-302", ["(61) 774-302"]),
    ("Tel. 318 4472", ["318 4472"]),
    ("You can call me on 771 2093 after six", ["771 2093"]),
    ("WhatsApp 58-21-44-90", ["58-21-44-90"]),
    # Not numbers to call: no label, too few digits, a date, an IP address, a price, an order.
    ("Room 318 4472 is booked", []),
    ("Phone: 12 34", []),
    ("Phone: 2024-06-12", []),
    ("Price 1 299 000", []),
    ("phone order no. 4471 2093 88", []),
    ("智能手机 检验时间：2024-06-28 05:16:20", []),                # a time stamp after a phone word
    ("Phone: 2024 06 28 0516", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PHONE_NUMBER"] == expected
