"""IPv4 and IPv6 addresses, validated by the ``ipaddress`` module, with edges that work next to Chinese.

Replaces Presidio's IpRecognizer (see REPLACES): its ``\\b`` edges miss 地址2001:db8::1登录, and
it reports version numbers (v1.2.3.4) and OIDs as addresses.
"""
from __future__ import annotations

import ipaddress

from presidio_analyzer import Pattern, PatternRecognizer

_V4 = r"(?<![0-9A-Za-z.:])(?:\d{1,3}\.){3}\d{1,3}(?![0-9A-Za-z]|\.\d)"
# Hex digits and colons (at least two), an optional embedded IPv4 tail and zone: ipaddress decides the rest.
_V6 = (r"(?<![0-9A-Za-z:.])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}"
       r"(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:.])")


class IpAddressRecognizer(PatternRecognizer):
    ENTITY = "IP_ADDRESS"
    REPLACES = ("IpRecognizer",)  # Presidio's, removed from the registry by the engine
    PATTERNS = [Pattern("ipv4", _V4, 0.6), Pattern("ipv6", _V6, 0.6)]
    CONTEXT = ["ip", "ip地址", "登录ip", "ipv4", "ipv6", "address", "client", "remote", "host", "src", "dst", "from",
               "地址", "来源"]
    negative_context = ["version", "ver", "版本", "oid", "build", "固件", "firmware", "release"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        text = pattern_text.split("%", 1)[0]
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            return False
        # "1:2::" style strings and all-zero addresses are more often ratios or placeholders than hosts.
        if address.is_unspecified or (address.version == 6 and text.count(":") < 2):
            return False
        return None

    def invalidate_result(self, pattern_text: str) -> bool:
        # Times like 12:30:45 have the shape of an IPv6 address.
        return ":" in pattern_text and all(part.isdigit() and len(part) <= 2 for part in pattern_text.split(":"))
