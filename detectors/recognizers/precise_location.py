"""Precise geolocation (CCPA sensitive PI): latitude/longitude pairs with four or more decimals (~10 m).

Pairs of decimals are common in other data, so 经纬度/坐标/GPS/location context must confirm them.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_NUMBER = re.compile(r"-?\d{1,3}\.\d+")


class PreciseLocationRecognizer(PatternRecognizer):
    ENTITY = "PRECISE_LOCATION"
    PATTERNS = [
        Pattern("lat_lon", r"(?<![\d.])-?\d{1,2}\.\d{4,}\s*[,，]\s*-?\d{1,3}\.\d{4,}(?![\d.])", 0.2),
        Pattern("lat_lon_hemisphere", r"(?<![\d.])\d{1,2}\.\d{4,}°?\s*[NSns]\s*[,，]?\s*\d{1,3}\.\d{4,}°?\s*[EWew]\b",
                0.4),
        Pattern("hemisphere_lat_lon", r"\b[NSns]\s*\d{1,2}\.\d{4,}°?\s*[,，]?\s*[EWew]\s*\d{1,3}\.\d{4,}(?![\d.])",
                0.4),
    ]
    CONTEXT = ["经纬度", "坐标", "定位", "位置", "纬度", "经度", "gps", "location", "coordinates", "coords", "lat",
               "latitude", "lng", "lon", "longitude", "geo", "geolocation", "position"]
    negative_context = ["price", "amount", "ratio", "价格", "金额", "比例", "score", "version"]

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entity=self.ENTITY, patterns=self.PATTERNS, context=self.CONTEXT,
                         supported_language=supported_language, name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool | None:
        lat, lon = (abs(float(n)) for n in _NUMBER.findall(pattern_text)[:2])
        # Null island (0, 0) and the like are defaults, not places.
        return None if lat <= 90 and lon <= 180 and (lat >= 0.01 or lon >= 0.01) else False
