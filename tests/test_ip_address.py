import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("login from 203.0.113.210", ["203.0.113.210"]),
    ("登录IP 192.168.1.20，", ["192.168.1.20"]),
    ("IP地址2001:0db8:85a3:0000:0000:8a2e:0370:7334登录", ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]),
    ("client=2001:db8::1 port 443", ["2001:db8::1"]),
    ("link-local fe80::1%eth0", ["fe80::1%eth0"]),
    ("::ffff:192.0.2.128 mapped", ["::ffff:192.0.2.128"]),
    ("256.1.1.1", []),                   # not an address
    ("version 1.2.3.4", []),            # a version number
    ("OID 1.3.6.1.4.1", []),            # more than four parts
    ("at 12:30:45 the job", []),        # a time
    ("ratio 1:2", []),
    ("0.0.0.0", []),                     # unspecified
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "IP_ADDRESS"] == expected
